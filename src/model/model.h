/* Internal view of the lexicons (src/model/): hash tables keyed by case-folded UTF-8 forms. */
#ifndef QG_MODEL_MODEL_H
#define QG_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <quotegraph/model.h>

/* Cue classes (models/en/cues.tsv, field "class"). */
enum { QG_CUE_NONE = 0, QG_CUE_SPEECH, QG_CUE_THOUGHT, QG_CUE_EVIDENCE, QG_CUE_NOUN, QG_CUE_PREP };
#define QG_CUE_BIT(cls) (1 << (cls))

/* One lexicon: a set of folded forms, each with a small integer value. Open addressing with
 * linear probing, load factor at most 1/2; each slot keeps its key's hash and length so that a
 * look-up compares bytes only on a full hash match (almost every look-up is a miss). */
typedef struct qg_lexicon {
    char **keys;       /* NUL-terminated, owned; NULL for an empty slot */
    int *values;
    uint64_t *hashes;  /* hash of keys[i] */
    uint32_t *lens;    /* strlen(keys[i]) */
    size_t cap, count; /* cap is 0 or a power of two */
    size_t max_words;  /* most space-separated words in one entry */
    size_t max_len;    /* longest key in bytes: longer look-ups miss at once */
    /* every proper word prefix of a multi-word key ("according" for "according to"), so that a
     * longest-match search stops as soon as no key can continue; value unused. Its filter
     * (first) is of the first words of the multi-word keys. */
    struct qg_lexicon *prefixes;
    /* a filter of the first words of the keys (and of those words without a final '.'): bit
     * (hash >> 40) % QG_LEX_FIRST_BITS of every such word's hash is set; NULL before the
     * first key. See qg_lexicon_may_start(). */
    uint64_t *first;
} qg_lexicon;

#define QG_LEX_FIRST_BITS 32768

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
/* Is the folded key of len bytes followed by " " and more words the start of some key of lex?
 * ("according" in a lexicon holding "according to"). Lets a longest match grow word by word
 * and stop at the first miss instead of trying every length. */
bool qg_lexicon_has_prefix(const qg_lexicon *lex, const char *key, size_t len);
/* The hash qg_lexicon_get() and qg_lexicon_has_prefix() compute for a key (the same for every
 * lexicon): for a key looked up in several lexicons, compute it once and use the _hashed
 * forms below, which answer exactly as the plain ones. */
uint64_t qg_lexicon_hash(const char *key, size_t len);
/* qg_lexicon_hash() of a key of len <= 8 bytes held in w (its bytes in memory order on a
 * little-endian machine, the bytes past len zero), inline: the same steps as the hash. */
static inline uint64_t qg_lexicon_hash_word(uint64_t w, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)len * k;
    if (len == 8) {
        h = (h ^ w) * k;
        h ^= h >> 29;
    } else if (len > 0) {
        h = (h ^ w) * k;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    return h;
}
bool qg_lexicon_get_hashed(const qg_lexicon *lex, uint64_t hash, const char *key, size_t len,
                           int *value);
bool qg_lexicon_has_prefix_hashed(const qg_lexicon *lex, uint64_t hash, const char *key,
                                  size_t len);
/* False only when no key of lex starts with the word whose qg_lexicon_hash() is hash, nor with
 * that word and '.': a look-up of one word (with or without a period glued to it), or a longest
 * match from it, cannot then succeed. A filter: true does not mean that some key does. */
static inline bool qg_lexicon_may_start(const qg_lexicon *lex, uint64_t hash)
{
    size_t bit = (size_t)(hash >> 40) % QG_LEX_FIRST_BITS;
    return lex->first && (lex->first[bit / 64] >> (bit % 64) & 1);
}
/* Both at once, hashing the key once: QG_LEX_HIT when the key is present (*value set),
 * QG_LEX_PREFIX when longer keys start with it and a space. */
enum { QG_LEX_HIT = 1, QG_LEX_PREFIX = 2 };
int qg_lexicon_match(const qg_lexicon *lex, const char *key, size_t len, int *value);

#endif
