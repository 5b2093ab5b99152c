/* Stage 4: mentions, entities and attribution of speakers to quotes. */
#ifndef QG_ATTRIB_ATTRIB_H
#define QG_ATTRIB_ATTRIB_H

#include "../core/doc.h"
#include "../model/model.h"

/* Find mentions of persons, roles and organisations and resolve them to entities
 * (doc->entities), then find the quotes (doc->quotes, doc->terms) and their speakers. */
qg_status qg_attribute(qg_doc *doc, const qg_model *model, qg_error *err);

#endif
