/* The pipeline driver: decode (done by the caller) → paragraphs → quotation marks →
 * sentences and tokens → article metadata → attribution and entities. */
#include <assert.h>

#include "../attrib/attrib.h"
#include "../meta/meta.h"
#include "../quote/quote.h"
#include "../segment/segment.h"
#include "doc.h"

qg_status qg_analyze(qg_doc *doc, const qg_model *model, qg_error *err)
{
    assert(doc && model && !doc->analyzed);
    doc->analyzed = true;
    qg_status st;
    if ((st = qg_segment_paragraphs(doc, err)) || (st = qg_quote_pair(doc, err)) ||
        (st = qg_segment_sentences(doc, model, err)) || (st = qg_meta_detect(doc, model, err)) ||
        (st = qg_attribute(doc, model, err)))
        return st;
    return QG_OK;
}
