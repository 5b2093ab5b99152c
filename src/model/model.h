/* Internal view of the lexicons (src/model/): hash tables keyed by case-folded UTF-8 forms. */
#ifndef QG_MODEL_MODEL_H
#define QG_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <quotegraph/model.h>

/* Cue classes (models/en/cues.tsv, field "class"). */
enum { QG_CUE_NONE = 0, QG_CUE_SPEECH, QG_CUE_THOUGHT, QG_CUE_EVIDENCE, QG_CUE_NOUN, QG_CUE_PREP };
#define QG_CUE_BIT(cls) (1 << (cls))

/* One lexicon: a set of folded forms, each with a small integer value. */
typedef struct qg_lexicon {
    char **keys;
    int *values;
    size_t cap, count;
    size_t max_words; /* most space-separated words in one entry */
} qg_lexicon;

struct qg_model {
    qg_lexicon cues;        /* value: QG_CUE_BIT(class) for each class of the form */
    qg_lexicon titles;      /* value: 1 honorific, 2 title */
    qg_lexicon roles;       /* value: gender char ('m','f',0) | 0x100 when anonymous */
    qg_lexicon org_words;   /* value: 1 org, 2 outlet, 3 government */
    qg_lexicon outlets;     /* value: 1 outlet, 2 agency */
    qg_lexicon first_names; /* value: gender char */
    qg_lexicon pronouns;    /* value: gender char ('m','f','n','p') */
    qg_lexicon documents;   /* head nouns of citable documents (report, survey); value 1 */
};

/* Look up a folded key of len bytes. Returns true and sets *value when present. */
bool qg_lexicon_get(const qg_lexicon *lex, const char *key, size_t len, int *value);

#endif
