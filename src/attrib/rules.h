/* Pieces shared by the attribution rules of quotation-mark quotes (attribute.c) and of
 * reported speech (reported.c). Token indices are into the document's token array; spans are
 * byte offsets into the decoded text. */
#ifndef QG_ATTRIB_RULES_H
#define QG_ATTRIB_RULES_H

#include "np.h"

/* The outcome of one attribution rule. */
typedef struct attribution {
    bool found;
    np phrase;          /* the speaker phrase (kind NP_NONE when the speaker is inherited) */
    size_t entity;      /* resolved entity */
    qg_span mention;    /* the mention next to the cue */
    qg_span cue;
    const char *rule;
    double confidence;
    bool mixed;
    size_t content_tok; /* mixed: first token of the reported clause */
    size_t content_end; /* credit_line: byte end of the content before the credit line, else 0 */
} attribution;

/* Adverbs and auxiliaries that may stand between a subject and its cue ("also", "has"). */
bool is_adverb(const actx *c, size_t k);
/* Is token k a quotation mark that opens or closes a quote? */
bool is_quote_mark_tok(const actx *c, size_t k);
/* Words that open another clause after a comma ("…, but he pressed …", "…, where he …",
 * "…, a swipe at …", "…, before reversing himself"): the clause holding a quotation ends at
 * the comma. Measured on PolNeAR dev (docs/evaluation.md). */
extern const char *const COMMA_CLAUSE_OPENERS[];
/* After a closing mark, conjunctions that end the mixed clause there ("… “on paper” but
 * suggesting …"), as a coordinated verb or a following time clause does. */
extern const char *const CLAUSE_ENDERS[];

/* Byte span of tokens [b, e); e > b. */
qg_span tspan(const actx *c, size_t b, size_t e);
/* Resolve a->phrase to an entity (pronouns to the nearest compatible antecedent, names and
 * roles to existing or new entities); fills a->entity and a->mention and lowers a->confidence
 * for pronouns and new entities. */
void resolve_speaker(actx *c, attribution *a, size_t cue_tok);
/* Skip adverbs, a parenthesis and a short prepositional phrase between a subject and its cue. */
size_t skip_to_cue(const actx *c, size_t j, size_t limit);
/* Is [k, limit) "NP [appositive] [adverbs] CUE"? Fills a->phrase and a->cue when it is. */
bool subject_then_cue(actx *c, size_t k, size_t limit, attribution *a);
/* Is [k, limit) "CUE [adverbs] NP" (said X)? Fills a->phrase and a->cue when it is. */
bool cue_then_subject(actx *c, size_t k, size_t limit, attribution *a);
/* First and end (exclusive) token of the sentence holding token k. */
size_t sentence_start_tok(const actx *c, size_t k);
size_t sentence_end_tok(const actx *c, size_t k);
/* Is token x a speech cue verb here (not inside a hyphenated word)? */
bool is_cue_verb_at(const actx *c, size_t x);

/* First token of the reported clause after the cue at token cue, not past limit: after a
 * hearer ("told reporters"), a time or manner phrase ("on Tuesday", "in a statement") and
 * the complementiser "that". cue + 1 when nothing is skipped or all would be. */
size_t reported_content_start(const actx *c, size_t cue, size_t limit);
/* Is there nothing but a hearer, circumstances, a particle or an adverb between the cue and
 * limit ("asked the crowd “…”", "said at a town hall on Monday, “…”")? */
bool reported_content_empty(const actx *c, size_t cue, size_t limit);

/* Is there a subject relative between token b and the mark at token open ("software that could
 * give spies a ‘back door’": that/which/who after a lowercase word, then a modal)? The quoted
 * words then belong to the relative clause, not to the subject of the main clause. */
bool relative_before_mark(const actx *c, size_t b, size_t open);

/* Does token k look like a verb of its own clause: a lowercase word in -ing or -ed, or a cue
 * verb ("… of Islam and criticized him")? */
bool looks_like_verb(const actx *c, size_t k);

/* Is token k a verb of quoting ("quoted", "cites"), as in "X quoted Y as saying …"? */
bool is_quoting_verb(const actx *c, size_t k);

/* The subject of the cue at token cue: the leftmost phrase of [from, cue) that ends right
 * before it (after auxiliaries and adverbs), the antecedent of "…, who said", or a group
 * ("most of them", "Large majorities of voters") as a role-like phrase. With singular, also a
 * determined singular description ("One man", "the email"): only where a tag makes speech
 * certain ("“…,” the email said"), never before a clause. */
bool subject_before(const actx *c, size_t from, size_t cue, bool singular, np *out);

/* A phrase after an inverted cue the parser does not read ("said one person with knowledge
 * of the talks, who …"), ending at a comma or the sentence end; a role-like phrase. */
bool subject_after(const actx *c, size_t cue, size_t limit, np *out);

/* Find reported speech (indirect quotes) in sentences outside quotation marks and append them
 * to doc->quotes, keeping doc->quotes in text order. Rules and examples: reported.c and
 * docs/pipeline.md. Returns QG_OK or QG_ENOMEM. */
qg_status reported_speech(actx *c, qg_error *err);

#endif
