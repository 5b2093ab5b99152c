/* Stage 2: paragraphs, sentences and word tokens, with ICU's BreakIterator. */
#ifndef QG_SEGMENT_SEGMENT_H
#define QG_SEGMENT_SEGMENT_H

#include "../core/doc.h"
#include "../model/model.h"

/* Paragraphs: split at blank lines when the text has any, else at every line break. */
qg_status qg_segment_paragraphs(qg_doc *doc, qg_error *err);

/* Sentences with ICU (locale "en@ss=standard": standard abbreviation suppressions), repaired
 * for news text; needs the paired quotes (doc->raw_quotes) and the cue lexicon. Then word
 * tokens (ICU word BreakIterator) with their sentence and quote. */
qg_status qg_segment_sentences(qg_doc *doc, const qg_model *model, qg_error *err);

#endif
