/* A small noun-phrase parser for speakers: pronouns, names with titles, roles with their
 * organisation ("a spokesman for the bank", "a Kaspersky Lab spokesman", "the trust's director"),
 * definite descriptions ("the bank") and appositives (", chairman of X,", ", who chairs X"). */
#ifndef QG_ATTRIB_NP_H
#define QG_ATTRIB_NP_H

#include "lex.h"

typedef enum np_kind { NP_NONE = 0, NP_PRONOUN, NP_NAME, NP_ROLE, NP_DESC } np_kind;

typedef struct np {
    np_kind kind;
    size_t start, end;   /* tokens [start, end) of the phrase (without appositive) */
    qg_span text;        /* bytes: the phrase as written */
    qg_span name;        /* bytes: the name without titles (NAME), the phrase (ROLE/DESC) */
    qg_span org;         /* bytes: an organisation named inside the phrase or its appositive */
    bool org_is_desc;    /* org is a description ("the bank") to resolve */
    bool possessive_org; /* org came from a possessive ("the trust's director") */
    bool had_title;
    bool possessive_det; /* "her neighbour": a relation of someone else */
    bool is_possessive;  /* the phrase itself is possessive ("Kaspersky Lab’s") */
    bool anonymous;
    int gender;          /* 'm', 'f' or 0 */
    size_t appos_end;    /* tokens: end of the appositive, == end when none */
    qg_span appos_name;  /* bytes: a name in the appositive ("her neighbour, Omar Siddiq") */
    qg_span role;        /* bytes: a role in the appositive or the phrase */
    qg_span role_head;   /* bytes: the role or title words alone ("Gov.", "running mate") */
    qg_span parent;      /* bytes: the organisation of ", part of X" / ", a unit of X" */
    qg_span acronym;     /* bytes: "National Cyber Security Centre (NCSC)": the acronym */
    bool modifier;       /* a description with capitalised modifiers ("A BRITISH bank") */
    bool document;       /* a description whose head is a document noun ("a report by X") */
} np;

/* Parse a noun phrase starting at token k, not past token limit. Returns false when none. */
bool np_parse(const actx *c, size_t k, size_t limit, np *out);
/* Fill *out with tokens [s, e) (s < e) taken as written as one role phrase ("the opposition's
 * finance spokesman", "a third of respondents"): kind NP_ROLE, text and name the whole span,
 * nothing else parsed (no head, organisation or entity). */
void np_role_as_written(const actx *c, size_t s, size_t e, np *out);

/* Token-start flags for np_parse() over a whole document, from np_starts_make(): bit
 * NP_START_LEX when a title or role of the lexicons starts at the token (any length, whatever
 * the limit). */
#define NP_START_LEX 1u

/* Fill starts[0, c->ntok) with the NP_START_ flags of each word token (0 for the others).
 * starts: caller-owned, c->ntok bytes. O(tokens), two longest-match look-ups per word. */
void np_starts_make(const actx *c, uint8_t *starts);

/* The NP_START_ flags of every token of the document (np_starts_make()), made on the first
 * call and kept in c->memo until lex_memo_free(): c->ntok bytes, owned by the memo; NULL
 * without a memo or when memory ran out (callers then parse at every token). */
const uint8_t *np_starts(const actx *c);

/* False only when np_parse(c, k, limit, ...) returns false whatever the limit: token k is not a
 * pronoun, capitalised, a determiner, nor the start of a title or role, and no title or role
 * starts in the four tokens after it ("super PAC spokeswoman Kellyanne Conway"). starts: from
 * np_starts_make(). Lets entity_detect() skip most lower-case words without parsing. */
bool np_may_start(const actx *c, const uint8_t *starts, size_t k);

/* End of a capitalised name starting at k (exclusive), or k when there is none. */
size_t np_name_end(const actx *c, size_t k, size_t limit);

/* Capitalised words that are not names at a sentence start ("However", "The"). */
bool np_is_function_word(const actx *c, size_t k);

bool np_is_pronoun(const actx *c, size_t k, int *gender);

/* "Ann Other said", "said Ann Other.": is token k, a capitalised common word ("Other", "Will",
 * "Still") right after one other capitalised word, the surname of a name before a speech cue or
 * at the end of an inverted tag? */
bool np_is_surname_before_cue(const actx *c, size_t k);

/* Is the folded word w a generic head noun of an organisation ("bank", "firm", "force")? */
bool np_is_org_head(const char *w);

/* Is the folded word w the head of a description whose appositive name is an organisation ("The
 * employer, Stanmore Logistics,"): np_is_org_head() or a looser list (employer, operator, …)? */
bool np_is_appos_org_head(const char *w);

/* Is token k a head noun of a document that can be cited ("report", "survey";
 * models/en/documents.tsv)? */
bool np_is_document_head(const actx *c, size_t k);

#endif
