/* Stage 5: article metadata from the first lines of the text (outlet line, headline, byline,
 * dateline). Runs after sentence and token segmentation, before attribution. */
#ifndef QG_META_META_H
#define QG_META_META_H

#include "../core/doc.h"
#include "../model/model.h"

/* Fill doc->meta (and doc->authors). Total: a text without metadata leaves every span empty
 * and meta.body_begin at the first paragraph. Returns QG_ENOMEM only. */
qg_status qg_meta_detect(qg_doc *doc, const qg_model *model, qg_error *err);

#endif
