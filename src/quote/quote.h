/* Stage 3: quotation-mark pairing. Fills doc->raw_quotes (top-level and nested quotes,
 * in order of their opening marks) from the paragraphs; records unclosed quotes in the
 * diagnostics. Linear in the text length: the stack of open quotes is searched at most
 * QG_PAIR_SEARCH deep and holds at most QG_PAIR_MAX_DEPTH quotes. */
#ifndef QG_QUOTE_QUOTE_H
#define QG_QUOTE_QUOTE_H

#include "../core/doc.h"

#define QG_PAIR_SEARCH 4
#define QG_PAIR_MAX_DEPTH 64

qg_status qg_quote_pair(qg_doc *doc, qg_error *err);

#endif
