/* Mentions of persons, roles and organisations, and their resolution to entities. */
#ifndef QG_ATTRIB_ENTITY_H
#define QG_ATTRIB_ENTITY_H

#include "np.h"

struct qg_mention_x {
    np phrase;          /* the parsed phrase */
    size_t entity;      /* doc->entities index, or QG_NONE */
    uint32_t sentence, paragraph;
};

/* Find every mention outside quotations and resolve mentions to entities (doc->entities). */
qg_status entity_detect(actx *c, qg_error *err);

/* The mention whose phrase starts at token k, or NULL. */
const struct qg_mention_x *entity_mention_at(const actx *c, size_t k);

/* Resolve a pronoun at token k (gender 'm', 'f' or 0; org when it/they) to an entity:
 * the most recent compatible person or role mentioned before it outside quotations and not
 * through a possessive, within the last few paragraphs. QG_NONE when there is none. */
size_t entity_resolve_pronoun(const actx *c, size_t k, int gender, bool org);

/* Entity for a name or role written at bytes span (creating it when new). */
size_t entity_for_span(actx *c, qg_span span, qg_entity_kind kind);

/* Entity for a name phrase with no mention of its own ("a survey by the Dunmore Housing
 * Trust"): an organisation or outlet when its words say so, else a person. */
size_t entity_for_name(actx *c, const np *p);

/* Add a mention of entity e at span. */
void entity_add_mention(actx *c, size_t e, qg_span span);

/* Copy names into the public views (doc->entity_view). */
qg_status entity_publish(actx *c, qg_error *err);

#endif
