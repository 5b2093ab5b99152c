#include "lex.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/hash.h"
#include "../core/strbuf.h"
#include "../text/text.h"

/* Fold token k into out (ICU case folding; ASCII fast path); false when allocation failed. */
static bool fold_token(const actx *c, size_t k, qg_strbuf *out)
{
    const qg_token *t = &c->tok[k];
    const char *s = c->doc->text + t->begin;
    size_t n = t->end - t->begin;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        size_t at = out->len;
        qg_strbuf_append(out, s, n);
        if (out->failed)
            return false;
        for (size_t i = at; i < at + n; i++)
            if (out->data[i] >= 'A' && out->data[i] <= 'Z')
                out->data[i] = (char)(out->data[i] + 32);
        return true;
    }
    qg_text_fold(out, s, n);
    return !out->failed;
}

size_t lex_fold(const actx *c, size_t k, char *buf, size_t cap)
{
    const lex_memo *m = c->memo;
    if (m && m->fold_at) {
        size_t at = m->fold_at[k], len = m->fold_at[k + 1] - at;
        if (len + 1 > cap)
            return 0;
        memcpy(buf, m->fold_buf + at, len);
        buf[len] = '\0';
        return len;
    }
    qg_strbuf f = QG_STRBUF_INIT;
    size_t len = 0;
    if (fold_token(c, k, &f) && f.len + 1 <= cap) {
        memcpy(buf, f.data ? f.data : "", f.len);
        buf[f.len] = '\0';
        len = f.len;
    }
    qg_strbuf_dispose(&f);
    return len;
}

/* Fold every token once into c->memo (left without folding when allocation fails or the
 * folded text would not fit 32-bit offsets). ASCII tokens are lower-cased in place of a copy;
 * the others go through fold_token() (ICU). */
/* Non-ASCII tokens of a document repeat (quotation marks, dashes, "’s"): each distinct one is
 * folded by ICU once, and its later copies take the same bytes (folding is a function of the
 * bytes). Open addressing over FOLD_SEEN slots; a full probe sequence just folds again. */
#define FOLD_SEEN 256
#define FOLD_SEEN_PROBES 8
struct fold_seen {
    uint32_t src, src_len; /* the token's bytes in the text (src_len 0: empty slot) */
    uint32_t out, out_len; /* its folding in the buffer */
};

static void fold_all(actx *c)
{
    lex_memo *m = c->memo;
    size_t n = c->ntok;
    uint32_t *at = malloc((n + 1) * sizeof *at);
    uint8_t *ascii = malloc(n ? n : 1);
    uint64_t *hash = malloc((n ? n : 1) * sizeof *hash);
    size_t cap = 64;
    for (size_t k = 0; k < n; k++)
        cap += c->tok[k].end - c->tok[k].begin;
    char *buf = malloc(cap);
    size_t len = 0;
    bool ok = at && ascii && hash && buf;
    struct fold_seen seen[FOLD_SEEN];
    memset(seen, 0, sizeof seen);
    qg_strbuf f = QG_STRBUF_INIT; /* reused for every ICU folding */
    for (size_t k = 0; ok && k < n; k++) {
        const char *s = c->doc->text + c->tok[k].begin;
        size_t tn = c->tok[k].end - c->tok[k].begin;
        at[k] = (uint32_t)len;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* a token of at most eight bytes (most), with eight bytes readable from its start and
         * room for eight in buf: the ASCII test and the A-Z folding on one word (the bytes past
         * the token are written over by the next one) */
        if (tn <= 8 && c->tok[k].begin + 8 <= c->doc->len && len + 8 <= cap) {
            uint64_t w, ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
            memcpy(&w, s, 8);
            uint64_t mask = tn == 8 ? ~0ull : (1ull << (8 * tn)) - 1;
            if (!(w & high & mask)) {
                uint64_t low7 = w & ~high;
                /* high bit of each byte: >= 'A' and not > 'Z' (bytes are ASCII: no carries) */
                uint64_t ge_a = low7 + ones * (0x80 - 'A');
                uint64_t gt_z = low7 + ones * (0x80 - 'Z' - 1);
                uint64_t upper = ge_a & ~gt_z & ~w & high;
                w ^= upper >> 2; /* 0x80 >> 2 == 0x20: A-Z to a-z */
                memcpy(buf + len, &w, 8);
                hash[k] = qg_lexicon_hash_word(w & mask, tn);
                ascii[k] = 1;
                len += tn;
                ok = len < UINT32_MAX;
                continue;
            }
        }
#endif
        bool is_ascii = true;
        for (size_t i = 0; i < tn; i++)
            if ((unsigned char)s[i] >= 0x80) {
                is_ascii = false;
                break;
            }
        ascii[k] = is_ascii;
        if (is_ascii) {
            if (len + tn > cap) { /* only after an expanding non-ASCII folding */
                char *nb = realloc(buf, 2 * cap + tn);
                if (!nb) {
                    ok = false;
                    break;
                }
                buf = nb;
                cap = 2 * cap + tn;
            }
            for (size_t i = 0; i < tn; i++)
                buf[len + i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
            len += tn;
        } else {
            /* an earlier token with the same bytes gives the folding */
            uint32_t h = (uint32_t)qg_fnv1a64(s, tn);
            struct fold_seen *hit = NULL, *empty = NULL;
            for (int p = 0; p < FOLD_SEEN_PROBES && tn < UINT32_MAX; p++) {
                struct fold_seen *e = &seen[(h + (uint32_t)p) & (FOLD_SEEN - 1)];
                if (!e->src_len) {
                    empty = e;
                    break;
                }
                if (e->src_len == tn && !memcmp(c->doc->text + e->src, s, tn)) {
                    hit = e;
                    break;
                }
            }
            const char *out;
            size_t out_len;
            if (hit) {
                out = NULL; /* in buf, which may move below */
                out_len = hit->out_len;
            } else {
                f.len = 0;
                ok = fold_token(c, k, &f);
                out = f.data;
                out_len = ok ? f.len : 0;
            }
            if (ok && len + out_len > cap) {
                char *nb = realloc(buf, 2 * cap + out_len);
                if (!nb)
                    ok = false;
                else {
                    buf = nb;
                    cap = 2 * cap + out_len;
                }
            }
            if (ok && out_len)
                memcpy(buf + len, hit ? buf + hit->out : out, out_len);
            if (ok && empty && len + out_len < UINT32_MAX)
                *empty = (struct fold_seen){(uint32_t)c->tok[k].begin, (uint32_t)tn,
                                            (uint32_t)len, (uint32_t)out_len};
            len += ok ? out_len : 0;
        }
        if (ok)
            hash[k] = qg_lexicon_hash(buf + at[k], len - at[k]);
        ok = ok && len < UINT32_MAX;
    }
    qg_strbuf_dispose(&f);
    if (!ok) {
        free(at);
        free(ascii);
        free(hash);
        free(buf);
        return;
    }
    at[n] = (uint32_t)len;
    m->fold_at = at;
    m->fold_buf = buf;
    m->ascii = ascii;
    m->hash = hash;
}

bool lex_is_rest_n(const actx *c, size_t k, const char *w, size_t n)
{
    const char *s = c->doc->text + c->tok[k].begin;
    for (size_t i = 0; i < n; i++) {
        char a = s[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != w[i])
            return false;
    }
    return true;
}

static bool lex_in_uncached(const actx *c, size_t k, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (lex_is(c, k, list[i]))
            return true;
    return false;
}

/* The static word lists given to lex_in() as hash sets, built on first use and kept for the
 * life of the process (the lists are static too); at most LEX_SETS lists. A set is small and
 * keyed by qg_lexicon_hash(), which lex_memo keeps for every token. */
struct lex_word_slot {
    uint64_t hash;
    const char *word; /* NULL: empty slot */
    size_t len;
};

struct lex_word_set {
    size_t mask; /* slots - 1, a power of two minus one */
    struct lex_word_slot *slots;
    uint64_t filter[LEX_SET_FILTER_BITS / 64]; /* see lex_filter_may_have() */
};

#define LEX_SETS 256
static pthread_mutex_t sets_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    const char *const *list;
    struct lex_word_set *set; /* NULL: the list has a word lex_is() compares byte by byte (not
                                 lower-case ASCII), or memory ran out */
} sets[LEX_SETS];
static size_t nsets;

/* A set of the words of list; NULL when a word is not lower-case ASCII or memory runs out. */
static struct lex_word_set *set_make(const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    size_t cap = 8;
    while (cap < 2 * n)
        cap *= 2;
    struct lex_word_set *set = calloc(1, sizeof *set);
    struct lex_word_slot *slots = calloc(cap, sizeof *slots);
    if (!set || !slots) {
        free(set);
        free(slots);
        return NULL;
    }
    set->mask = cap - 1;
    set->slots = slots;
    for (size_t w = 0; w < n; w++) {
        size_t len = strlen(list[w]);
        for (size_t b = 0; b < len; b++)
            if ((unsigned char)list[w][b] >= 0x80 || (list[w][b] >= 'A' && list[w][b] <= 'Z')) {
                free(slots);
                free(set);
                return NULL;
            }
        uint64_t h = qg_lexicon_hash(list[w], len);
        size_t j = (size_t)h & set->mask;
        while (slots[j].word && !(slots[j].len == len && memcmp(slots[j].word, list[w], len) == 0))
            j = (j + 1) & set->mask;
        size_t bit = (size_t)(h >> 52) % LEX_SET_FILTER_BITS;
        set->filter[bit / 64] |= 1ull << (bit % 64);
        slots[j].hash = h;
        slots[j].word = list[w];
        slots[j].len = len;
    }
    return set;
}

static bool set_has(const struct lex_word_set *set, uint64_t h, const char *w, size_t len)
{
    for (size_t j = (size_t)h & set->mask; set->slots[j].word; j = (j + 1) & set->mask)
        if (set->slots[j].hash == h && set->slots[j].len == len &&
            memcmp(set->slots[j].word, w, len) == 0)
            return true;
    return false;
}

/* list as a set of words, or NULL to walk it. Thread-safe. */
static const struct lex_word_set *set_of(const char *const *list)
{
    const struct lex_word_set *found = NULL;
    pthread_mutex_lock(&sets_lock);
    size_t i = 0;
    while (i < nsets && sets[i].list != list)
        i++;
    if (i < nsets) {
        found = sets[i].set;
    } else if (nsets < LEX_SETS) {
        sets[nsets].list = list;
        sets[nsets].set = set_make(list);
        found = sets[nsets].set;
        nsets++;
    }
    pthread_mutex_unlock(&sets_lock);
    return found;
}

const struct lex_word_set *lex_word_set(const char *const *list)
{
    return set_of(list);
}

bool lex_word_in(const struct lex_word_set *set, const char *const *list, const char *w, size_t len)
{
    if (set)
        return set_has(set, qg_lexicon_hash(w, len), w, len);
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return true;
    return false;
}

/* lex_in() from the set of the list: token k (ASCII) folded is one of its words. */
static bool in_set(const actx *c, size_t k, const struct lex_word_set *set)
{
    const lex_memo *m = c->memo;
    if (!m->ascii[k])
        return false; /* lex_is() never matches a lower-case ASCII word with other bytes */
    size_t at = m->fold_at[k];
    return set_has(set, m->hash[k], m->fold_buf + at, m->fold_at[k + 1] - at);
}

bool lex_in_slow(const actx *c, size_t k, const char *const *list)
{
    if (!c->memo || k >= c->ntok)
        return lex_in_uncached(c, k, list);
    lex_memo *m = c->memo;
    size_t i = lex_list_slot(list), probes = 0;
    while (probes < LEX_MEMO_LISTS && m->list[i] && m->list[i] != list) {
        i = (i + 1) % LEX_MEMO_LISTS;
        probes++;
    }
    if (probes == LEX_MEMO_LISTS)
        return lex_in_uncached(c, k, list);
    if (!m->list[i]) {
        if (m->per_token && m->in_lists < LEX_MEMO_IN_LISTS) {
            m->in_list[i] = calloc(c->ntok, 1);
            if (m->in_list[i])
                m->in_lists++;
        }
        m->list[i] = list;
        m->set[i] = m->hash ? set_of(list) : NULL;
        m->filter[i] = m->set[i] ? m->set[i]->filter : NULL;
    }
    uint8_t *memo = m->in_list[i];
    if (!memo)
        return m->set[i] ? in_set(c, k, m->set[i]) : lex_in_uncached(c, k, list);
    if (!memo[k]) {
        bool in = m->set[i] ? in_set(c, k, m->set[i]) : lex_in_uncached(c, k, list);
        memo[k] = in ? 2 : 1;
    }
    return memo[k] == 2;
}

void lex_memo_init(actx *c)
{
    c->memo = calloc(1, sizeof *c->memo);
    if (!c->memo)
        return;
    c->memo->per_token = c->ntok <= LEX_MEMO_MAX_TOKENS;
    fold_all(c);
}

void lex_memo_free(actx *c)
{
    entity_index_free(c);
    free(c->head_first); /* entity.c's head chains, when entity_publish() was not reached */
    c->head_first = NULL;
    c->head_first_cap = 0;
    if (!c->memo)
        return;
    for (int i = 0; i < LEX_MEMO_SLOTS; i++) {
        free(c->memo->slot[i]);
        free(c->memo->longest[i]);
    }
    for (int i = 0; i < LEX_MEMO_LISTS; i++)
        free(c->memo->in_list[i]);
    free(c->memo->fold_buf);
    free(c->memo->ascii);
    free(c->memo->hash);
    free(c->memo->fold_at);
    free(c->memo->np_starts);
    free(c->memo->name_word);
    free(c->memo);
    c->memo = NULL;
}

/* The memo array of lex, allocated on first use; NULL when there is none. */
static uint32_t *memo_of(const actx *c, const qg_lexicon *lex)
{
    if (!c->memo || !c->memo->per_token || !c->model)
        return NULL;
    const qg_lexicon *first = &c->model->cues;
    if (lex < first || lex >= first + LEX_MEMO_SLOTS)
        return NULL;
    size_t i = (size_t)(lex - first);
    if (!c->memo->slot[i])
        c->memo->slot[i] = calloc(c->ntok ? c->ntok : 1, sizeof *c->memo->slot[i]);
    return c->memo->slot[i];
}

static bool lex_get_uncached(const actx *c, const qg_lexicon *lex, size_t k, size_t n, int *value,
                             size_t *used);

bool lex_get_slow(const actx *c, const qg_lexicon *lex, size_t k, size_t n, int *value,
                  size_t *used)
{
    if (n != 1 || k >= c->ntok)
        return lex_get_uncached(c, lex, k, n, value, used);
    uint32_t *memo = memo_of(c, lex);
    if (!memo)
        return lex_get_uncached(c, lex, k, n, value, used);
    uint32_t m = memo[k];
    if (!m) {
        int v = 0;
        size_t u = 0;
        bool found = lex_get_uncached(c, lex, k, 1, &v, &u);
        m = found && v >= 0 && (uint32_t)v <= LEX_MEMO_VALUE
                ? LEX_MEMO_PRESENT | (u == 2 ? LEX_MEMO_PERIOD : 0) | (uint32_t)v
                : LEX_MEMO_ABSENT;
        if (found && !(m & LEX_MEMO_PRESENT)) {
            /* a value the memo cannot hold: answer without remembering */
            *value = v;
            if (used)
                *used = u;
            return true;
        }
        memo[k] = m;
    }
    if (m & LEX_MEMO_ABSENT)
        return false;
    *value = (int)(m & LEX_MEMO_VALUE);
    if (used)
        *used = m & LEX_MEMO_PERIOD ? 2 : 1;
    return true;
}

/* Look up key (len bytes, NUL-terminated, room for two more bytes in cap) as the tokens
 * [k, last]: first with the period glued after token last ("sen."), then as it is. */
static bool lookup_key(const actx *c, const qg_lexicon *lex, char *key, size_t len, size_t cap,
                       size_t n, size_t last, int *value, size_t *used)
{
    if (last + 1 < c->ntok && lex_glued(c, last) && lex_is(c, last + 1, ".") && len + 2 < cap) {
        key[len] = '.';
        key[len + 1] = '\0';
        if (qg_lexicon_get(lex, key, len + 1, value)) {
            if (used)
                *used = n + 1;
            return true;
        }
        key[len] = '\0';
    }
    if (qg_lexicon_get(lex, key, len, value)) {
        if (used)
            *used = n;
        return true;
    }
    return false;
}

static bool lex_get_uncached(const actx *c, const qg_lexicon *lex, size_t k, size_t n, int *value,
                             size_t *used)
{
    char key[256];
    size_t len = 0;
    if (k + n > c->ntok)
        return false;
    const lex_memo *lm = c->memo;
    if (n == 1 && lm && lm->fold_at) {
        /* the folded token and its hash are at hand: no copy unless a period is tried */
        if (!qg_lexicon_may_start(lex, lm->hash[k]))
            return false; /* no key starts with this word (most words) */
        const char *f = lm->fold_buf + lm->fold_at[k];
        len = lm->fold_at[k + 1] - lm->fold_at[k];
        if (len == 0 || len + 1 > sizeof key)
            return false; /* what lex_fold() into key refuses */
        if (k + 1 < c->ntok && lex_glued(c, k) && lex_is(c, k + 1, ".") && len + 2 < sizeof key) {
            memcpy(key, f, len);
            key[len] = '.';
            if (qg_lexicon_get(lex, key, len + 1, value)) {
                if (used)
                    *used = 2;
                return true;
            }
        }
        if (qg_lexicon_get_hashed(lex, lm->hash[k], f, len, value)) {
            if (used)
                *used = 1;
            return true;
        }
        return false;
    }
    if (n > 1 && lm && lm->fold_at) {
        /* a key of several words starts with a word of lex->prefixes: most words are not */
        size_t at = lm->fold_at[k];
        if (!qg_lexicon_has_prefix_hashed(lex, lm->hash[k], lm->fold_buf + at,
                                          lm->fold_at[k + 1] - at))
            return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            if (c->tok[k + i].sentence != c->tok[k].sentence || len + 1 >= sizeof key)
                return false;
            key[len++] = ' ';
        }
        size_t m = lex_fold(c, k + i, key + len, sizeof key - len);
        if (!m)
            return false;
        len += m;
    }
    return lookup_key(c, lex, key, len, sizeof key, n, k + n - 1, value, used);
}

/* lex_longest() without the memo; *words receives the number of words of the match. */
static size_t longest_uncached(const actx *c, const qg_lexicon *lex, size_t k, size_t limit,
                               int *value, size_t *words)
{
    *words = 0;
    if (c->memo && c->memo->hash && k < c->ntok && !qg_lexicon_may_start(lex, c->memo->hash[k]))
        return 0; /* every key that could match starts with token k's word */
    size_t maxw = lex->max_words ? lex->max_words : 1;
    if (maxw > 1 && !lex->prefixes) {
        /* no prefix set: every length, longest first */
        for (size_t n = maxw; n >= 1; n--) {
            size_t used;
            if (k + n <= limit && lex_get(c, lex, k, n, value, &used)) {
                *words = n;
                return used;
            }
        }
        return 0;
    }
    /* grow the key word by word from one token, and stop at the first word no key continues
     * (almost every token: most look-ups end after one word) */
    size_t best = 0, best_n = 0, used;
    int v, best_value = 0;
    if (k < limit && lex_get(c, lex, k, 1, &v, &used)) {
        best = used;
        best_n = 1;
        best_value = v;
    }
    if (maxw > 1 && k + 1 < limit) {
        char key[256];
        size_t len = lex_fold(c, k, key, sizeof key);
        const lex_memo *lm = c->memo;
        for (size_t n = 2; len && n <= maxw && k + n <= limit; n++) {
            bool prefix = n == 2 && lm && lm->hash
                              ? qg_lexicon_has_prefix_hashed(lex, lm->hash[k], key, len)
                              : qg_lexicon_has_prefix(lex, key, len);
            if (!prefix || c->tok[k + n - 1].sentence != c->tok[k].sentence ||
                len + 1 >= sizeof key)
                break;
            key[len++] = ' ';
            size_t m = lex_fold(c, k + n - 1, key + len, sizeof key - len);
            if (!m)
                break;
            len += m;
            /* the key of tokens [k, k + n) is built: what lex_get(c, lex, k, n) looks up */
            if (lookup_key(c, lex, key, len, sizeof key, n, k + n - 1, &v, &used)) {
                best = used;
                best_n = n;
                best_value = v;
            }
        }
    }
    if (best)
        *value = best_value;
    *words = best_n;
    return best;
}

size_t lex_longest_slow(const actx *c, const qg_lexicon *lex, size_t k, size_t limit, int *value)
{
    size_t words;
    const qg_lexicon *first = c->model ? &c->model->cues : NULL;
    if (!c->memo || !c->memo->per_token || !first || lex < first ||
        lex >= first + LEX_MEMO_SLOTS || k >= c->ntok)
        return longest_uncached(c, lex, k, limit, value, &words);
    size_t i = (size_t)(lex - first);
    struct lex_longest_memo *m = c->memo->longest[i];
    if (!m) {
        m = c->memo->longest[i] = calloc(c->ntok, sizeof *m);
        if (!m)
            return longest_uncached(c, lex, k, limit, value, &words);
    }
    if (!m[k].known) {
        int v = 0;
        size_t used = longest_uncached(c, lex, k, c->ntok, &v, &words);
        if (used > UINT8_MAX || words > UINT8_MAX || v < INT32_MIN || v > INT32_MAX)
            return longest_uncached(c, lex, k, limit, value, &words);
        m[k].value = v;
        m[k].n = (uint8_t)words;
        m[k].used = (uint8_t)used;
        m[k].known = 1;
    }
    /* the search with a limit sees the same words up to the limit: the same longest match
     * when it ends before the limit */
    if (k + m[k].n > limit)
        return longest_uncached(c, lex, k, limit, value, &words);
    if (m[k].n)
        *value = m[k].value;
    return m[k].used;
}

bool lex_is_punct(const actx *c, size_t k, int32_t cp)
{
    if (k >= c->ntok)
        return false;
    const qg_token *t = &c->tok[k];
    size_t i = t->begin;
    return qg_utf8_next(c->doc->text, t->end, &i) == cp && i == t->end;
}

bool lex_is_initials_possessive(const actx *c, size_t k)
{
    size_t pl = lex_possessive_len(c, k);
    if (pl == 0)
        return false;
    const qg_token *t = &c->tok[k];
    const char *s = c->doc->text + t->begin;
    size_t n = t->end - t->begin - pl;
    if (n < 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

bool lex_is_ing(const actx *c, size_t k)
{
    const qg_token *t = &c->tok[k];
    return t->end - t->begin > 4 && !memcmp(c->doc->text + t->end - 3, "ing", 3);
}

bool lex_ends_ed(const actx *c, size_t k)
{
    const qg_token *t = &c->tok[k];
    return t->end - t->begin > 3 && !memcmp(c->doc->text + t->end - 2, "ed", 2);
}

size_t lex_token_at_from(const actx *c, size_t from, size_t b)
{
    /* lex_token_at() exactly: from is a lower bound when the token before it starts before b;
     * the answer is then usually a few tokens on */
    if (from > c->ntok || (from > 0 && c->tok[from - 1].begin >= b))
        return lex_token_at(c, b);
    for (size_t k = from; k < c->ntok && k < from + 16; k++)
        if (c->tok[k].begin >= b)
            return k;
    if (from + 16 >= c->ntok)
        return c->ntok;
    return qg_token_lower_bound(c->tok, from + 16, c->ntok, b);
}

size_t lex_token_at(const actx *c, size_t b)
{
    return qg_token_lower_bound(c->tok, 0, c->ntok, b);
}
