/* Token-level access for attribution: token text, case-folded lookups in the lexicons. */
#ifndef QG_ATTRIB_LEX_H
#define QG_ATTRIB_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../core/doc.h"
#include "../model/model.h"

typedef struct qg_mention_x qg_mention_x;
typedef struct entity_index entity_index;

/* The attribution context: the document, its tokens and the lexicons. */
/* Look-ups of single tokens remembered per token (lex_get with n = 1 answers the same for a
 * token every time): one array per lexicon of struct qg_model, allocated on first use; none for
 * documents of more than LEX_MEMO_MAX_TOKENS tokens (lex_memo.per_token false: they still get
 * the folding, hashes and word sets, which take about 13 bytes a token). Entry: 0 unknown, else
 * LEX_MEMO_ABSENT, or LEX_MEMO_PRESENT | (LEX_MEMO_PERIOD when "word." matched) | value. */
#define LEX_MEMO_SLOTS 8
#define LEX_MEMO_MAX_TOKENS (1u << 22)
#define LEX_MEMO_LISTS 256   /* word lists known per document (a power of two) */
#define LEX_MEMO_IN_LISTS 8 /* of which remembered per token */
/* One remembered longest match (lex_memo.longest): n words (0: none), used tokens (with a glued
 * period), its value; known is 0 until it is computed. */
struct lex_longest_memo {
    int32_t value;
    uint8_t n, used, known;
};

typedef struct lex_memo {
    uint32_t *slot[LEX_MEMO_SLOTS];
    /* lex_longest: the longest match from each token with no limit but the document's end,
     * allocated on first use; it is the answer for every limit at or past k + n */
    struct lex_longest_memo *longest[LEX_MEMO_SLOTS];
    /* lex_in: membership of each token in the first LEX_MEMO_IN_LISTS static word lists asked
     * about (0 unknown, 1 no, 2 yes; NULL for the others) */
    const char *const *list[LEX_MEMO_LISTS]; /* open addressing on the list's address */
    uint8_t *in_list[LEX_MEMO_LISTS];
    const struct lex_word_set *set[LEX_MEMO_LISTS]; /* the list as a hash set, or NULL */
    /* the set's filter (LEX_SET_FILTER_BITS bits, see lex_set_filter()), or NULL without a set */
    const uint64_t *filter[LEX_MEMO_LISTS];
    size_t in_lists;                                /* in_list arrays allocated */
    /* every token folded once (lex_fold): token k's folding is fold_buf[fold_at[k] ..
     * fold_at[k + 1]); NULL when the folding could not be allocated */
    char *fold_buf;
    uint32_t *fold_at; /* ntok + 1 offsets */
    uint8_t *ascii;    /* per token: 1 when all its bytes are ASCII */
    uint64_t *hash;    /* per token: qg_lexicon_hash() of its folding */
    bool per_token;    /* the arrays above the folding may be allocated (a short document) */
    /* np_starts(): NP_START_ flags of every token (c->ntok bytes), made on first use; NULL
     * before, or when it could not be allocated (np_starts_failed) */
    uint8_t *np_starts;
    bool np_starts_failed;
    /* np.c: is_name_word() of each token (0 unknown, 1 no, 2 yes), c->ntok bytes made on first
     * use for documents with per_token memos; NULL otherwise */
    uint8_t *name_word;
} lex_memo;

typedef struct actx {
    qg_doc *doc;
    const qg_model *model;
    const qg_token *tok;
    size_t ntok;
    QG_VEC(struct qg_mention_x) mentions; /* see entity.h */
    /* entity.c: every entity as resolved before attribution (attribution may drop the ones
     * that do not speak; entity_publish() restores them), and the head nouns of descriptions
     * resolved to each entity ("bank" for Barclays after "A BRITISH bank") */
    QG_VEC(qg_entity_rec) snapshot;
    QG_VEC(struct qg_head_rec { size_t entity; char head[32]; size_t next; }) heads;
    size_t *head_first;    /* entity.c: first head record of each entity (chained by next) */
    size_t head_first_cap; /* entities head_first has room for */
    bool heads_unchained;  /* no memory for the chains: has_head() walks every record */
    lex_memo *memo; /* NULL: no memo (allocation failed or a very long document) */
    struct entity_index *eindex; /* entity.c: look-up index of the entities, or NULL */
    bool oom;
} actx;

/* Free the entity look-up index (entity.c), when there is one. */
void entity_index_free(actx *c);

/* Set up and free the memo of single-token look-ups (lex_get). */
void lex_memo_init(actx *c);
void lex_memo_free(actx *c);

/* Fold token k (ICU case folding; ASCII fast path) into buf (NUL-terminated); returns length,
 * 0 when it does not fit. Possessive endings are kept. */
size_t lex_fold(const actx *c, size_t k, char *buf, size_t cap);
/* lex_is() once the first letter and the length n of w matched (k < c->ntok). */
bool lex_is_rest_n(const actx *c, size_t k, const char *w, size_t n);
/* Is token k equal to ASCII word w, ignoring case? */
static inline bool lex_is(const actx *c, size_t k, const char *w)
{
    if (k >= c->ntok)
        return false;
    /* the first letter, then the length (strlen of a literal is known when compiling) reject
     * most words inline */
    const qg_token *t = &c->tok[k];
    char s0 = c->doc->text[t->begin];
    char a0 = s0 >= 'A' && s0 <= 'Z' ? (char)(s0 + 32) : s0;
    if (a0 != w[0])
        return false;
    size_t n = strlen(w);
    return t->end - t->begin == n && lex_is_rest_n(c, k, w, n);
}
/* Is token k an article: "a", "an" or "the"? */
static inline bool lex_is_article(const actx *c, size_t k)
{
    return lex_is(c, k, "a") || lex_is(c, k, "an") || lex_is(c, k, "the");
}
/* The first slot of the static word list in lex_memo.list (open addressing on its address,
 * which is 8- or more aligned: the multiplication spreads the bits that differ). */
static inline size_t lex_list_slot(const char *const *list)
{
    return (size_t)(((uint64_t)(uintptr_t)list * 0x9E3779B97F4A7C15ull) >> 40) %
           LEX_MEMO_LISTS;
}
/* A filter of the words of a word set: bit (hash >> 52) % LEX_SET_FILTER_BITS is set for the
 * qg_lexicon_hash() of each word. A clear bit means the word is not in the set. */
#define LEX_SET_FILTER_BITS 256
static inline bool lex_filter_may_have(const uint64_t *filter, uint64_t hash)
{
    size_t bit = (size_t)(hash >> 52) % LEX_SET_FILTER_BITS;
    return filter[bit / 64] >> (bit % 64) & 1;
}
/* Is token k one of the ASCII words of list (NULL-terminated), ignoring case? */
/* lex_in() past the inline checks of its remembered answer and of the set's filter. */
bool lex_in_slow(const actx *c, size_t k, const char *const *list);
static inline bool lex_in(const actx *c, size_t k, const char *const *list)
{
    /* the remembered answer, inline, when the list sits in its first slot; then the filter of
     * its words on the token's hash, which answers most tokens */
    const lex_memo *m = c->memo;
    if (m && k < c->ntok) {
        /* the list's slot, or the next one when another list took it first (about a hundred
         * lists share the slots: collisions are common) */
        size_t i = lex_list_slot(list);
        if (m->list[i] != list && m->list[i])
            i = (i + 1) % LEX_MEMO_LISTS;
        if (m->list[i] == list) {
            if (m->in_list[i] && m->in_list[i][k])
                return m->in_list[i][k] == 2;
            if (m->filter[i] && !lex_filter_may_have(m->filter[i], m->hash[k]))
                return false;
        }
    }
    return lex_in_slow(c, k, list);
}
/* The static word list (NULL-terminated, lower-case ASCII words) as a hash set for
 * lex_word_in(), built on first use and kept for the life of the process; NULL when the list
 * has other words or memory ran out. Thread-safe; takes a lock: call once and keep it. */
const struct lex_word_set *lex_word_set(const char *const *list);
/* Is w[0, len) one of the words of list (exact bytes)? set: lex_word_set(list), or NULL to walk
 * the list. */
bool lex_word_in(const struct lex_word_set *set, const char *const *list, const char *w,
                 size_t len);
/* Look up tokens [k, k+n) joined by single spaces in lex. A token followed directly by "." is
 * also tried with the period ("sen."); *used receives the number of tokens consumed. */
/* False only when no key of lex starts with token k's word (the lexicon's first-word filter on
 * the token's hash); true when it may, or when the hash is not at hand. */
static inline bool lex_may_start(const actx *c, const qg_lexicon *lex, size_t k)
{
    return !c->memo || !c->memo->hash || k >= c->ntok ||
           qg_lexicon_may_start(lex, c->memo->hash[k]);
}
/* lex_get() past the inline check of its remembered answer. */
bool lex_get_slow(const actx *c, const qg_lexicon *lex, size_t k, size_t n, int *value,
                  size_t *used);
enum {
    LEX_MEMO_ABSENT = 1u << 31,
    LEX_MEMO_PRESENT = 1u << 30,
    LEX_MEMO_PERIOD = 1u << 29,
    LEX_MEMO_VALUE = (1u << 29) - 1,
};
static inline bool lex_get(const actx *c, const qg_lexicon *lex, size_t k, size_t n, int *value,
                           size_t *used)
{
    /* the remembered answer of a one-token look-up, inline; the filter answers most words (of
     * every length: a key of n words starts with token k's word) */
    if (!lex_may_start(c, lex, k))
        return false;
    /* several words: the first must start a multi-word key (the prefix set's filter; what
     * lex_get_uncached asks of the prefix set when the hashes are at hand) */
    if (n > 1 && c->memo && c->memo->hash && k < c->ntok &&
        (!lex->prefixes || !qg_lexicon_may_start(lex->prefixes, c->memo->hash[k])))
        return false;
    if (n == 1 && c->memo && c->model && k < c->ntok) {
        const qg_lexicon *first = &c->model->cues;
        if (lex >= first && lex < first + LEX_MEMO_SLOTS) {
            const uint32_t *memo = c->memo->slot[lex - first];
            uint32_t m = memo ? memo[k] : 0;
            if (m & LEX_MEMO_ABSENT)
                return false;
            if (m) {
                *value = (int)(m & LEX_MEMO_VALUE);
                if (used)
                    *used = m & LEX_MEMO_PERIOD ? 2 : 1;
                return true;
            }
        }
    }
    return lex_get_slow(c, lex, k, n, value, used);
}
/* lex_longest() past the inline check of its remembered answer. */
size_t lex_longest_slow(const actx *c, const qg_lexicon *lex, size_t k, size_t limit, int *value);
/* Longest match of up to lex->max_words tokens from k; returns tokens used (0 = none). */
static inline size_t lex_longest(const actx *c, const qg_lexicon *lex, size_t k, size_t limit,
                                 int *value)
{
    /* the filter, then the remembered answer (see lex_memo.longest), inline: np_parse asks
     * often */
    if (!lex_may_start(c, lex, k))
        return 0;
    if (c->memo && c->model && k < c->ntok) {
        const qg_lexicon *first = &c->model->cues;
        if (lex >= first && lex < first + LEX_MEMO_SLOTS) {
            const struct lex_longest_memo *m = c->memo->longest[lex - first];
            if (m && m[k].known && k + m[k].n <= limit) {
                if (m[k].n)
                    *value = m[k].value;
                return m[k].used;
            }
        }
    }
    return lex_longest_slow(c, lex, k, limit, value);
}

/* Index of the first token that starts at or after byte b (binary search). */
size_t lex_token_at(const actx *c, size_t b);
/* lex_token_at(c, b), searched from token from on when every token before from starts before b
 * (a phrase's first token for a byte inside the phrase), else as lex_token_at. */
size_t lex_token_at_from(const actx *c, size_t from, size_t b);

/* Token k exists and is a word (letters or digits) / starts with an upper-case letter. */
static inline bool lex_is_word(const actx *c, size_t k)
{
    return k < c->ntok && (c->tok[k].flags & QG_TOK_WORD);
}
static inline bool lex_is_cap(const actx *c, size_t k)
{
    return k < c->ntok && (c->tok[k].flags & QG_TOK_CAP);
}
bool lex_is_punct(const actx *c, size_t k, int32_t cp);
/* Token k is directly followed (no space) by token k+1. */
static inline bool lex_glued(const actx *c, size_t k)
{
    return k + 1 < c->ntok && c->tok[k + 1].begin == c->tok[k].end;
}
/* Does token k end in a possessive 's / ’s (or is it a plural possessive "Tenants’")?
 * The length of the ending (2 or 4 bytes), else 0. Inline: np_parse asks at most tokens. */
static inline size_t lex_possessive_len(const actx *c, size_t k)
{
    const qg_token *t = &c->tok[k];
    const char *s = c->doc->text + t->begin;
    size_t n = t->end - t->begin;
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 2;
    if (n > 4 && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0 && (s[n - 1] == 's' || s[n - 1] == 'S'))
        return 4;
    return 0;
}
/* Is token k initials in the possessive ("NBC’s", "CNN's": two or more ASCII capitals, then
 * 's or ’s)? */
bool lex_is_initials_possessive(const actx *c, size_t k);

/* Is token k a word of more than four letters ending in -ing ("saying", "speaking")? */
bool lex_is_ing(const actx *c, size_t k);

/* Is token k a word of more than three bytes ending in -ed ("criticized", "referred")? */
bool lex_ends_ed(const actx *c, size_t k);

/* Is token k a cue of class cls (QG_CUE_SPEECH ...) in the cue lexicon? Inline: the filter
 * and the remembered answer of lex_get() answer most tokens without a call. */
static inline bool lex_is_cue_class(const actx *c, size_t k, int cls)
{
    int v;
    size_t used;
    return k < c->ntok && lex_get(c, &c->model->cues, k, 1, &v, &used) && (v & QG_CUE_BIT(cls));
}

/* Is token k a speech cue verb (class speech)? */
static inline bool lex_is_speech_cue(const actx *c, size_t k)
{
    /* a capitalised word is a name ("Hollins Rail"), not the verb "rail" */
    return !lex_is_cap(c, k) && lex_is_cue_class(c, k, QG_CUE_SPEECH);
}

#endif
