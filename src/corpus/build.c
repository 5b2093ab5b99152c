/* The reduce step (docs/corpus.md): speakers merged across articles, quote provenance (exact,
 * truncated and altered wording), first appearances, attribution conflicts, the corpus graph.
 *
 * Every step works on arrays sorted canonically (articles by id, quotes by number), so the
 * result is a function of the set of articles only. No step compares all pairs: exact
 * matches are hashed, truncations are looked up through the rarest word 3-gram of the shorter
 * quote, and near-duplicates come from a prefix-filtered 3-gram index (Bayardo et al., "Scaling
 * up all pairs similarity search", WWW 2007; positional filter of Xiao et al., PPJoin, 2008). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "corpus_internal.h"

#define FAIL_OOM() return QG_OOM(err)

/* ------------------------------------------------------------------------------------------ */
/* canonical order                                                                             */
/* ------------------------------------------------------------------------------------------ */

static int cmp_article_id(const void *x, const void *y, void *ctx)
{
    const cq_article *a = ctx;
    return strcmp(a[*(const uint32_t *)x].id, a[*(const uint32_t *)y].id);
}

static int cmp_quote_n(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const cq_quote *a = x, *b = y;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return strcmp(a->text, b->text);
}

static int strcmp_null(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

static int cmp_error(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const cq_error *a = x, *b = y;
    int r = strcmp_null(a->id, b->id);
    if (!r)
        r = strcmp_null(a->file, b->file);
    if (!r && a->line != b->line)
        r = a->line < b->line ? -1 : 1;
    if (!r)
        r = strcmp_null(a->message, b->message);
    return r;
}

/* Drop dead copies; articles sorted by id, each article's quotes by number. */
static qg_status compact(qg_corpus *c, qg_error *err)
{
    size_t live = 0;
    for (size_t i = 0; i < c->articles.count; i++)
        live += !c->articles.items[i].dead;
    uint32_t *perm = malloc((live + 1) * sizeof *perm);
    if (!perm)
        FAIL_OOM();
    size_t k = 0;
    for (size_t i = 0; i < c->articles.count; i++)
        if (!c->articles.items[i].dead)
            perm[k++] = (uint32_t)i;
    if (!qg_sort(perm, live, sizeof *perm, cmp_article_id, c->articles.items)) {
        free(perm);
        FAIL_OOM();
    }
    cq_article *na = malloc((live + 1) * sizeof *na);
    size_t nq = 0;
    for (size_t i = 0; i < live; i++)
        nq += c->articles.items[perm[i]].nq;
    cq_quote *nqs = malloc((nq + 1) * sizeof *nqs);
    if (!na || !nqs) {
        free(perm);
        free(na);
        free(nqs);
        FAIL_OOM();
    }
    size_t q = 0;
    for (size_t i = 0; i < live; i++) {
        cq_article a = c->articles.items[perm[i]];
        if (a.nq) /* c->quotes.items is NULL when no article has quotes */
            memcpy(nqs + q, c->quotes.items + a.q0, a.nq * sizeof *nqs);
        for (uint32_t j = 0; j < a.nq; j++)
            nqs[q + j].article = (uint32_t)i;
        qg_sort(nqs + q, a.nq, sizeof *nqs, cmp_quote_n, NULL);
        a.q0 = (uint32_t)q;
        q += a.nq;
        na[i] = a;
    }
    free(perm);
    free(c->articles.items);
    free(c->quotes.items);
    c->articles.items = na;
    c->articles.count = c->articles.cap = live;
    c->quotes.items = nqs;
    c->quotes.count = c->quotes.cap = nq;
    for (size_t i = 0; i < nq; i++) {
        cq_quote *x = &c->quotes.items[i];
        x->norm = x->speaker = x->org = x->group = CQ_NONE;
    }
    /* errors: sorted, repeats dropped */
    if (!qg_sort(c->errors.items, c->errors.count, sizeof *c->errors.items, cmp_error, NULL))
        FAIL_OOM();
    size_t e = 0;
    for (size_t i = 0; i < c->errors.count; i++)
        if (!e || cmp_error(&c->errors.items[e - 1], &c->errors.items[i], NULL) != 0)
            c->errors.items[e++] = c->errors.items[i];
    c->errors.count = e;
    return QG_OK;
}

/* First-appearance order of quotes: published time (undated last), article id, quote
 * number. Articles are sorted by id already, so the article index stands for the id. */
static int cmp_quote_rank(const void *x, const void *y, void *ctx)
{
    const qg_corpus *c = ctx;
    const cq_quote *a = &c->quotes.items[*(const uint32_t *)x];
    const cq_quote *b = &c->quotes.items[*(const uint32_t *)y];
    const cq_article *aa = &c->articles.items[a->article], *ab = &c->articles.items[b->article];
    if (aa->has_time != ab->has_time)
        return aa->has_time ? -1 : 1;
    if (aa->has_time && aa->time_ms != ab->time_ms)
        return aa->time_ms < ab->time_ms ? -1 : 1;
    if (a->article != b->article)
        return a->article < b->article ? -1 : 1;
    return *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
}

static int cmp_article_rank(const void *x, const void *y, void *ctx)
{
    const cq_article *a = &((const cq_article *)ctx)[*(const uint32_t *)x];
    const cq_article *b = &((const cq_article *)ctx)[*(const uint32_t *)y];
    if (a->has_time != b->has_time)
        return a->has_time ? -1 : 1;
    if (a->has_time && a->time_ms != b->time_ms)
        return a->time_ms < b->time_ms ? -1 : 1;
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    return i < j ? -1 : i > j;
}

/* ------------------------------------------------------------------------------------------ */
/* entities                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct builder {
    qg_corpus *c;
    qg_norm *norm;
    qg_strbuf words, key, raw;
    qg_smap keys; /* entity key → index */
    qg_smap seen; /* "kind NUL name NUL org" as written → entity, to normalise each once */
} builder;

static const char *const DETERMINERS[] = {"a",     "an",    "the",     "his",  "her",  "their",
                                          "its",   "our",   "my",      "your", "this", "that",
                                          "these", "those", "another", "one"};

static bool is_determiner(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof DETERMINERS / sizeof *DETERMINERS; i++)
        if (strlen(DETERMINERS[i]) == n && !memcmp(DETERMINERS[i], w, n))
            return true;
    return false;
}

/* Split the normalised words in b->words into (start, len) pairs. */
typedef struct word {
    uint32_t at, len;
} word;

static size_t split_words(const char *s, size_t len, word *w, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        w[n].at = (uint32_t)i;
        w[n].len = (uint32_t)(j - i);
        n++;
        i = j + 1;
    }
    return n;
}

/* One code point? (a single letter, an initial) */
static bool one_cp(const char *s, size_t n)
{
    if (n == 0)
        return false;
    unsigned char b = (unsigned char)s[0];
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return len == n;
}

#define MAX_NAME_WORDS 32

/* Append the normalised words of name to b->key, joined by '_', after the rules of its kind;
 * returns the number of words kept. */
static long name_key(builder *b, const char *name, const char *kind)
{
    if (qg_norm_words(b->norm, name, strlen(name), &b->words) < 0)
        return -1;
    word w[MAX_NAME_WORDS];
    size_t n = split_words(b->words.data, b->words.len, w, MAX_NAME_WORDS);
    size_t from = 0;
    bool drop_initials = false;
    if (!strcmp(kind, "person"))
        drop_initials = n >= 3; /* "Donald J. Trump" = "Donald Trump" */
    else if (!strcmp(kind, "role") || !strcmp(kind, "anonymous"))
        from = n >= 2 && is_determiner(b->words.data + w[0].at, w[0].len);
    else if (n >= 2 && w[0].len == 3 && !memcmp(b->words.data + w[0].at, "the", 3))
        from = 1;
    long kept = 0;
    for (size_t i = from; i < n; i++) {
        if (drop_initials && i > 0 && i + 1 < n && one_cp(b->words.data + w[i].at, w[i].len))
            continue;
        if (kept)
            qg_strbuf_append(&b->key, "_", 1);
        qg_strbuf_append(&b->key, b->words.data + w[i].at, w[i].len);
        kept++;
    }
    return kept;
}

/* The entity of (kind, name[, org]); created on first use. */
static uint32_t entity_key(builder *b, const char *kind, const char *name, const char *org,
                           qg_error *err);

static uint32_t entity_of(builder *b, const char *kind, const char *name, const char *org,
                          qg_error *err)
{
    b->raw.len = 0;
    qg_strbuf_append(&b->raw, kind, strlen(kind) + 1);
    qg_strbuf_append(&b->raw, name, strlen(name) + 1);
    if (org)
        qg_strbuf_append(&b->raw, org, strlen(org));
    if (b->raw.failed) {
        QG_OOM(err);
        return CQ_NONE;
    }
    uint32_t e = qg_smap_get(&b->seen, b->raw.data, b->raw.len);
    if (e != CQ_NONE)
        return e;
    e = entity_key(b, kind, name, org, err);
    if (e == CQ_NONE)
        return e;
    const char *copy = qg_arena_strndup(&b->c->arena, b->raw.data, b->raw.len);
    if (!copy || qg_smap_put(&b->seen, copy, b->raw.len, e) == CQ_NONE) {
        QG_OOM(err);
        return CQ_NONE;
    }
    return e;
}

static uint32_t entity_key(builder *b, const char *kind, const char *name, const char *org,
                           qg_error *err)
{
    qg_corpus *c = b->c;
    b->key.len = 0;
    qg_strbuf_puts(&b->key, kind);
    qg_strbuf_append(&b->key, ":", 1);
    size_t base = b->key.len;
    long ntok = name_key(b, name, kind);
    if (ntok < 0) {
        qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "ICU: normalisation failed");
        return CQ_NONE;
    }
    if (ntok == 0) /* no letters or digits: keep names apart by a hash of their bytes */
        qg_strbuf_printf(&b->key, "#%016llx", (unsigned long long)qg_fnv1a64(name, strlen(name)));
    (void)base;
    if (org && (!strcmp(kind, "role") || !strcmp(kind, "anonymous"))) {
        size_t at = b->key.len;
        qg_strbuf_append(&b->key, "@", 1);
        if (name_key(b, org, "organization") <= 0)
            b->key.len = at; /* an org with no words adds nothing */
        b->key.data[b->key.len] = '\0';
    }
    if (b->key.failed) {
        QG_OOM(err);
        return CQ_NONE;
    }
    uint32_t e = qg_smap_get(&b->keys, b->key.data, b->key.len);
    if (e != CQ_NONE)
        return e;
    cq_entity *ent = qg_vec_push(&c->entities);
    const char *key = qg_arena_strndup(&c->arena, b->key.data, b->key.len);
    if (!ent || !key) {
        QG_OOM(err);
        return CQ_NONE;
    }
    memset(ent, 0, sizeof *ent);
    e = (uint32_t)(c->entities.count - 1);
    ent->key = key;
    ent->kind = kind;
    ent->ntok = (uint32_t)ntok;
    ent->parent = e;
    ent->org = CQ_NONE;
    if (qg_smap_put(&b->keys, key, b->key.len, e) == CQ_NONE) {
        QG_OOM(err);
        return CQ_NONE;
    }
    return e;
}

static uint32_t find(cq_entity *e, uint32_t i)
{
    uint32_t r = i;
    while (e[r].parent != r)
        r = e[r].parent;
    while (e[i].parent != r) {
        uint32_t next = e[i].parent;
        e[i].parent = r;
        i = next;
    }
    return r;
}

/* Last word of a key ("person:donald_trump" → "trump"). */
static const char *last_word(const char *key, size_t *len)
{
    const char *colon = strchr(key, ':');
    const char *s = colon ? colon + 1 : key;
    const char *u = strrchr(s, '_');
    s = u ? u + 1 : s;
    *len = strlen(s);
    return s;
}

typedef struct surname {
    const char *word;
    size_t len;
    uint32_t root, quotes;
} surname;

static int cmp_surname(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const surname *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int r = memcmp(a->word, b->word, n);
    if (r)
        return r;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    if (a->quotes != b->quotes)
        return a->quotes > b->quotes ? -1 : 1;
    return a->root < b->root ? -1 : a->root > b->root;
}

/* Corpus-level linking of person names (docs/corpus.md#speakers):
 * 1. a name of three or more words whose last two or more words are another person's name is
 *    that person ("Republican Donald Trump", "U.N. Ambassador John Bolton");
 * 2. a one-word person, or a one-word organisation that speaks ("Trump"; "Sanders said", which
 *    the article-level rules take for an organisation), is the person of two or more words
 *    with that last word who is quoted most, when there is one such person or the first has
 *    at least twice the quotes of the second. */
static qg_status link_people(builder *b, qg_error *err)
{
    qg_corpus *c = b->c;
    cq_entity *E = c->entities.items;
    size_t n = c->entities.count;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(E[i].kind, "person"))
            continue;
        if (E[i].ntok < 3)
            continue;
        const char *s = strchr(E[i].key, ':') + 1;
        /* suffixes of ntok-1 .. 2 words */
        const char *p = s;
        for (uint32_t k = E[i].ntok - 1; k >= 2; k--) {
            p = strchr(p, '_');
            if (!p)
                break;
            p++;
            b->key.len = 0;
            qg_strbuf_puts(&b->key, "person:");
            qg_strbuf_puts(&b->key, p);
            if (b->key.failed)
                FAIL_OOM();
            uint32_t t = qg_smap_get(&b->keys, b->key.data, b->key.len);
            if (t != CQ_NONE && t != i) {
                E[i].parent = t;
                break;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        find(E, (uint32_t)i);
    /* quotes per root */
    uint32_t *rootq = calloc(n + 1, sizeof *rootq);
    if (!rootq)
        FAIL_OOM();
    for (size_t i = 0; i < n; i++)
        rootq[find(E, (uint32_t)i)] += E[i].quotes;
    QG_VEC(surname) sn = {0};
    for (size_t i = 0; i < n; i++) {
        if (E[i].parent != i || strcmp(E[i].kind, "person") || E[i].ntok < 2)
            continue;
        surname *s = qg_vec_push(&sn);
        if (!s) {
            free(rootq);
            FAIL_OOM();
        }
        s->word = last_word(E[i].key, &s->len);
        s->root = (uint32_t)i;
        s->quotes = rootq[i];
    }
    if (!qg_sort(sn.items, sn.count, sizeof *sn.items, cmp_surname, NULL)) {
        free(rootq);
        qg_vec_free(&sn);
        FAIL_OOM();
    }
    for (size_t i = 0; i < n; i++) {
        if (E[i].ntok != 1 || E[i].parent != i)
            continue;
        /* an organisation only when it speaks itself ("Sanders said"): a one-word
         * affiliation ("Republican") is too often a party or a place */
        if (strcmp(E[i].kind, "person") && (strcmp(E[i].kind, "organization") || !E[i].quotes))
            continue;
        size_t wl;
        const char *w = last_word(E[i].key, &wl);
        /* binary search for the first entry with this word */
        size_t lo = 0, hi = sn.count;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            size_t m = sn.items[mid].len < wl ? sn.items[mid].len : wl;
            int r = memcmp(sn.items[mid].word, w, m);
            if (!r)
                r = sn.items[mid].len < wl ? -1 : sn.items[mid].len > wl;
            if (r < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == sn.count || sn.items[lo].len != wl || memcmp(sn.items[lo].word, w, wl))
            continue;
        const surname *first = &sn.items[lo];
        if (first->quotes < E[i].quotes)
            continue; /* "Republican" (speaking) is not "Orlando Republican" (quoted once) */
        const surname *second =
            lo + 1 < sn.count && sn.items[lo + 1].len == wl && !memcmp(sn.items[lo + 1].word, w, wl)
                ? &sn.items[lo + 1]
                : NULL;
        if (!second || first->quotes >= 2 * (uint64_t)second->quotes)
            E[i].parent = first->root;
    }
    for (size_t i = 0; i < n; i++)
        find(E, (uint32_t)i);
    free(rootq);
    qg_vec_free(&sn);
    return QG_OK;
}

/* (entity, spelling) pairs, to pick each entity's most frequent spelling. */
typedef struct spelling {
    uint32_t ent;
    const char *name;
} spelling;

static int cmp_spelling(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const spelling *a = x, *b = y;
    if (a->ent != b->ent)
        return a->ent < b->ent ? -1 : 1;
    return strcmp(a->name, b->name);
}

typedef struct pair32 {
    uint32_t a, b, n;
    double conf;
} pair32;

static int cmp_pair(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const pair32 *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

static int cmp_entity_order(const void *x, const void *y, void *ctx)
{
    const cq_entity *E = ctx;
    const cq_entity *a = &E[*(const uint32_t *)x], *b = &E[*(const uint32_t *)y];
    if (a->quotes != b->quotes)
        return a->quotes > b->quotes ? -1 : 1;
    return strcmp(a->key, b->key);
}

static int cmp_count_name(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    const spelling *a = x, *b = y; /* ent holds the count here */
    if (a->ent != b->ent)
        return a->ent > b->ent ? -1 : 1;
    size_t la = strlen(a->name), lb = strlen(b->name);
    if (la != lb)
        return la > lb ? -1 : 1;
    return strcmp(a->name, b->name);
}

static qg_status resolve_entities(builder *b, qg_error *err)
{
    qg_corpus *c = b->c;
    size_t nq = c->quotes.count;
    /* base entities of speakers, their organisations and the outlets of articles */
    uint32_t *org_of = malloc((nq + 1) * sizeof *org_of);
    if (!org_of)
        FAIL_OOM();
    for (size_t i = 0; i < nq; i++) {
        cq_quote *q = &c->quotes.items[i];
        org_of[i] = CQ_NONE;
        if (!q->has_speaker)
            continue;
        const char *org = q->sp_org;
        bool self_org = org && !strcmp(org, q->sp_name) &&
                        (!strcmp(q->sp_kind, "organization") || !strcmp(q->sp_kind, "outlet"));
        uint32_t e = entity_of(b, q->sp_kind, q->sp_name, org, err);
        if (e == CQ_NONE) {
            free(org_of);
            return err ? err->status : QG_ERROR;
        }
        c->entities.items[e].quotes++;
        q->speaker = e;
        if (org && !self_org) {
            const char *ok =
                q->sp_org_kind && !strcmp(q->sp_org_kind, "outlet") ? "outlet" : "organization";
            uint32_t o = entity_of(b, ok, org, NULL, err);
            if (o == CQ_NONE) {
                free(org_of);
                return err ? err->status : QG_ERROR;
            }
            org_of[i] = o;
        }
    }
    for (size_t i = 0; i < c->articles.count; i++) {
        cq_article *a = &c->articles.items[i];
        if (!a->outlet)
            continue;
        a->outlet_ent = entity_of(b, "outlet", a->outlet, NULL, err);
        if (a->outlet_ent == CQ_NONE) {
            free(org_of);
            return err ? err->status : QG_ERROR;
        }
    }
    qg_status st = link_people(b, err);
    if (st != QG_OK) {
        free(org_of);
        return st;
    }
    cq_entity *E = c->entities.items;
    size_t ne = c->entities.count;
    for (size_t i = 0; i < ne; i++)
        E[i].quotes = 0;
    for (size_t i = 0; i < nq; i++) {
        cq_quote *q = &c->quotes.items[i];
        if (q->speaker == CQ_NONE)
            continue;
        q->speaker = find(E, q->speaker);
        q->org = org_of[i] == CQ_NONE ? CQ_NONE : find(E, org_of[i]);
        if (q->org == q->speaker)
            q->org = CQ_NONE;
        E[q->speaker].quotes++;
    }
    for (size_t i = 0; i < c->articles.count; i++) {
        cq_article *a = &c->articles.items[i];
        if (a->outlet_ent != CQ_NONE) {
            a->outlet_ent = find(E, a->outlet_ent);
            E[a->outlet_ent].published++;
        }
    }
    free(org_of);

    /* spellings: every use of a name votes for its root's display name */
    QG_VEC(spelling) sp = {0};
    for (size_t i = 0; i < nq; i++) {
        const cq_quote *q = &c->quotes.items[i];
        spelling *s;
        if (q->speaker != CQ_NONE) {
            if (!(s = qg_vec_push(&sp)))
                goto oom;
            s->ent = q->speaker;
            s->name = q->sp_name;
        }
        if (q->org != CQ_NONE) {
            if (!(s = qg_vec_push(&sp)))
                goto oom;
            s->ent = q->org;
            s->name = q->sp_org;
        }
    }
    for (size_t i = 0; i < c->articles.count; i++) {
        const cq_article *a = &c->articles.items[i];
        spelling *s;
        if (a->outlet_ent != CQ_NONE) {
            if (!(s = qg_vec_push(&sp)))
                goto oom;
            s->ent = a->outlet_ent;
            s->name = a->outlet;
        }
    }
    if (!qg_sort(sp.items, sp.count, sizeof *sp.items, cmp_spelling, NULL))
        goto oom;
    for (size_t i = 0; i < sp.count;) {
        size_t j = i;
        uint32_t ent = sp.items[i].ent;
        while (j < sp.count && sp.items[j].ent == ent)
            j++;
        /* distinct spellings of ent with their counts, most frequent first */
        size_t nm0 = c->names.count;
        QG_VEC(spelling) counts = {0};
        for (size_t k = i; k < j;) {
            size_t l = k;
            while (l < j && !strcmp(sp.items[l].name, sp.items[k].name))
                l++;
            spelling *s = qg_vec_push(&counts);
            if (!s) {
                qg_vec_free(&counts);
                goto oom;
            }
            s->ent = (uint32_t)(l - k);
            s->name = sp.items[k].name;
            k = l;
        }
        qg_sort(counts.items, counts.count, sizeof *counts.items, cmp_count_name, NULL);
        for (size_t k = 0; k < counts.count; k++) {
            const char **slot = qg_vec_push(&c->names);
            if (!slot) {
                qg_vec_free(&counts);
                goto oom;
            }
            *slot = counts.items[k].name;
        }
        /* the display name: the most frequent spelling whose words make the entity's key
         * ("Barack Obama" over a more frequent "Obama" folded into it), else the most frequent */
        E[ent].name = counts.items[0].name;
        const char *kname = strchr(E[ent].key, ':') + 1;
        const char *at = strchr(kname, '@');
        size_t klen = at ? (size_t)(at - kname) : strlen(kname);
        for (size_t k = 0; k < counts.count; k++) {
            b->key.len = 0;
            if (name_key(b, counts.items[k].name, E[ent].kind) < 0) {
                qg_vec_free(&counts);
                qg_vec_free(&sp);
                return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "ICU: normalisation failed");
            }
            if (b->key.len == klen && !memcmp(b->key.data, kname, klen)) {
                E[ent].name = counts.items[k].name;
                break;
            }
        }
        E[ent].nm0 = (uint32_t)nm0;
        E[ent].nmn = (uint32_t)counts.count;
        qg_vec_free(&counts);
        i = j;
    }
    qg_vec_free(&sp);
    return QG_OK;
oom:
    qg_vec_free(&sp);
    FAIL_OOM();
}

/* Per-entity statistics and orders, after the groups are known. */
static qg_status entity_stats(qg_corpus *c, qg_error *err)
{
    cq_entity *E = c->entities.items;
    size_t ne = c->entities.count, nq = c->quotes.count;
    QG_VEC(pair32) pairs = {0};
    /* (speaker, org) → affiliation votes; (speaker, article); (speaker, outlet) */
    for (size_t i = 0; i < nq; i++) {
        const cq_quote *q = &c->quotes.items[i];
        if (q->speaker == CQ_NONE || q->org == CQ_NONE)
            continue;
        pair32 *p = qg_vec_push(&pairs);
        if (!p)
            goto oom;
        *p = (pair32){q->speaker, q->org, 1, 0};
    }
    if (!qg_sort(pairs.items, pairs.count, sizeof *pairs.items, cmp_pair, NULL))
        goto oom;
    for (size_t i = 0; i < pairs.count;) {
        size_t j = i, best = i, best_n = 0;
        while (j < pairs.count && pairs.items[j].a == pairs.items[i].a) {
            size_t k = j;
            while (k < pairs.count && pairs.items[k].a == pairs.items[j].a &&
                   pairs.items[k].b == pairs.items[j].b)
                k++;
            E[pairs.items[j].b].aff_quotes += (uint32_t)(k - j);
            if (k - j > best_n || (k - j == best_n && strcmp(E[pairs.items[j].b].key,
                                                             E[pairs.items[best].b].key) < 0)) {
                best = j;
                best_n = k - j;
            }
            j = k;
        }
        E[pairs.items[i].a].org = pairs.items[best].b;
        i = j;
    }
    for (size_t i = 0; i < ne; i++)
        if (E[i].parent == i && E[i].org != CQ_NONE)
            E[E[i].org].speakers_affiliated++;

    /* articles and outlets per speaker */
    pairs.count = 0;
    for (size_t i = 0; i < nq; i++) {
        const cq_quote *q = &c->quotes.items[i];
        if (q->speaker == CQ_NONE)
            continue;
        pair32 *p = qg_vec_push(&pairs);
        if (!p)
            goto oom;
        *p = (pair32){q->speaker, q->article, 1, 0};
    }
    if (!qg_sort(pairs.items, pairs.count, sizeof *pairs.items, cmp_pair, NULL))
        goto oom;
    for (size_t i = 0; i < pairs.count; i++)
        if (i == 0 || pairs.items[i].a != pairs.items[i - 1].a ||
            pairs.items[i].b != pairs.items[i - 1].b)
            E[pairs.items[i].a].articles++;
    pairs.count = 0;
    for (size_t i = 0; i < nq; i++) {
        const cq_quote *q = &c->quotes.items[i];
        uint32_t o = c->articles.items[q->article].outlet_ent;
        if (q->speaker == CQ_NONE || o == CQ_NONE)
            continue;
        pair32 *p = qg_vec_push(&pairs);
        if (!p)
            goto oom;
        *p = (pair32){q->speaker, o, 1, 0};
    }
    if (!qg_sort(pairs.items, pairs.count, sizeof *pairs.items, cmp_pair, NULL))
        goto oom;
    for (size_t i = 0; i < ne; i++)
        E[i].bo0 = E[i].bon = 0;
    for (size_t i = 0; i < pairs.count;) {
        size_t j = i;
        while (j < pairs.count && pairs.items[j].a == pairs.items[i].a &&
               pairs.items[j].b == pairs.items[i].b)
            j++;
        cq_count *bo = qg_vec_push(&c->byoutlet);
        if (!bo)
            goto oom;
        bo->id = pairs.items[i].b;
        bo->n = (uint32_t)(j - i);
        cq_entity *e = &E[pairs.items[i].a];
        if (!e->bon)
            e->bo0 = (uint32_t)(c->byoutlet.count - 1);
        e->bon++;
        i = j;
    }
    /* by-outlet lists ordered by count, then outlet key */
    for (size_t i = 0; i < ne; i++) {
        cq_count *v = c->byoutlet.items + E[i].bo0;
        for (uint32_t x = 1; x < E[i].bon; x++) { /* short lists: insertion sort */
            cq_count t = v[x];
            uint32_t y = x;
            while (y > 0 && (v[y - 1].n < t.n ||
                             (v[y - 1].n == t.n && strcmp(E[v[y - 1].id].key, E[t.id].key) > 0))) {
                v[y] = v[y - 1];
                y--;
            }
            v[y] = t;
        }
    }
    qg_vec_free(&pairs);

    /* output order: roots only, most quoted first, then by id */
    c->entity_order.count = 0;
    for (size_t i = 0; i < ne; i++) {
        if (E[i].parent != i)
            continue;
        uint32_t *slot = qg_vec_push(&c->entity_order);
        if (!slot)
            FAIL_OOM();
        *slot = (uint32_t)i;
    }
    if (!qg_sort(c->entity_order.items, c->entity_order.count, sizeof(uint32_t), cmp_entity_order,
                 E))
        FAIL_OOM();
    for (size_t i = 0; i < c->entity_order.count; i++)
        E[c->entity_order.items[i]].order = (uint32_t)i;
    return QG_OK;
oom:
    qg_vec_free(&pairs);
    FAIL_OOM();
}

/* ------------------------------------------------------------------------------------------ */
/* provenance                                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef struct shingle_ref {
    uint32_t count;
    uint64_t hash;
} shingle_ref;

typedef struct posting {
    uint32_t text, pos;
} posting;

static int cmp_u64(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static int cmp_u32(const void *x, const void *y, void *ctx)
{
    (void)ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

static uint32_t uf_find(uint32_t *p, uint32_t i)
{
    uint32_t r = i;
    while (p[r] != r)
        r = p[r];
    while (p[i] != r) {
        uint32_t n = p[i];
        p[i] = r;
        i = n;
    }
    return r;
}

static void uf_union(uint32_t *p, uint32_t a, uint32_t b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a != b) {
        if (a < b)
            p[b] = a;
        else
            p[a] = b;
    }
}

/* Size of the intersection of two ascending rank arrays. */
static uint32_t overlap(const uint32_t *x, uint32_t nx, const uint32_t *y, uint32_t ny)
{
    uint32_t i = 0, j = 0, n = 0;
    while (i < nx && j < ny) {
        if (x[i] == y[j]) {
            n++;
            i++;
            j++;
        } else if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return n;
}

/* Does the word sequence s contain the word sequence w (whole words)? */
static bool contains_words(const char *s, size_t sl, const char *w, size_t wl)
{
    if (wl == 0 || wl > sl)
        return false;
    const char *p = s;
    const char *end = s + sl;
    while ((size_t)(end - p) >= wl) {
        const char *f = memchr(p, w[0], (size_t)(end - p) - wl + 1);
        if (!f)
            return false;
        if (!memcmp(f, w, wl) && (f == s || f[-1] == ' ') && (f + wl == end || f[wl] == ' '))
            return true;
        p = f + 1;
    }
    return false;
}

/* Normalise every quote and give each distinct text an index (in quote order). */
static qg_status distinct_texts(builder *b, qg_error *err)
{
    qg_corpus *c = b->c;
    qg_smap map = {0};
    for (size_t i = 0; i < c->quotes.count; i++) {
        cq_quote *q = &c->quotes.items[i];
        long words = qg_norm_words(b->norm, q->text, q->text_len, &b->words);
        if (words < 0) {
            qg_smap_free(&map);
            return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "ICU: normalisation failed");
        }
        if (words == 0)
            continue;
        uint32_t d = qg_smap_get(&map, b->words.data, b->words.len);
        if (d == CQ_NONE) {
            const char *s = qg_arena_strndup(&c->arena, b->words.data, b->words.len);
            cq_norm_text *t = s ? qg_vec_push(&c->norms) : NULL;
            if (!t ||
                qg_smap_put(&map, s, b->words.len, (uint32_t)(c->norms.count - 1)) == CQ_NONE) {
                qg_smap_free(&map);
                FAIL_OOM();
            }
            memset(t, 0, sizeof *t);
            t->s = s;
            t->len = (uint32_t)b->words.len;
            t->words = (uint32_t)words;
            d = (uint32_t)(c->norms.count - 1);
        }
        q->norm = d;
    }
    qg_smap_free(&map);
    return QG_OK;
}

/* Word 3-gram sets of the distinct texts, as ranks (rarest 3-gram first). A text of one or two
 * words has one "3-gram": itself. */
static qg_status shingle_texts(qg_corpus *c, qg_error *err)
{
    size_t nd = c->norms.count;
    QG_VEC(uint64_t) h = {0};
    QG_VEC(uint32_t) ids = {0};
    QG_VEC(shingle_ref) refs = {0};
    qg_u64map map = {0};
    uint32_t *first = malloc((nd + 1) * sizeof *first);
    if (!first)
        FAIL_OOM();
    for (size_t d = 0; d < nd; d++) {
        const cq_norm_text *t = &c->norms.items[d];
        size_t h0 = h.count;
        first[d] = (uint32_t)ids.count;
        if (t->words < 3) {
            uint64_t *x = qg_vec_push(&h);
            if (!x)
                goto oom;
            *x = qg_fnv1a64(t->s, t->len);
        } else {
            /* each window of three words: from a word's start to the end of the word two on */
            size_t starts[3] = {0, 0, 0}, k = 0;
            for (size_t i = 0; i <= t->len; i++) {
                if (i < t->len && t->s[i] != ' ')
                    continue;
                /* a word ends at i; starts[k % 3] is the start of the word two before */
                if (k >= 2) {
                    size_t from = starts[(k - 2) % 3];
                    uint64_t *x = qg_vec_push(&h);
                    if (!x)
                        goto oom;
                    *x = qg_fnv1a64(t->s + from, i - from);
                }
                k++;
                starts[k % 3] = i + 1;
            }
        }
        /* unique within the text */
        qg_sort(h.items + h0, h.count - h0, sizeof(uint64_t), cmp_u64, NULL);
        size_t u = h0;
        for (size_t i = h0; i < h.count; i++)
            if (i == h0 || h.items[i] != h.items[u - 1])
                h.items[u++] = h.items[i];
        h.count = u;
        for (size_t i = h0; i < h.count; i++) {
            uint32_t id = qg_u64map_get(&map, h.items[i]);
            if (id == CQ_NONE) {
                shingle_ref *r = qg_vec_push(&refs);
                if (!r)
                    goto oom;
                r->count = 0;
                r->hash = h.items[i];
                id = qg_u64map_put(&map, h.items[i], (uint32_t)(refs.count - 1));
                if (id == CQ_NONE)
                    goto oom;
            }
            refs.items[id].count++;
            uint32_t *slot = qg_vec_push(&ids);
            if (!slot)
                goto oom;
            *slot = id;
        }
        h.count = h0; /* hashes are not kept */
    }
    qg_u64map_free(&map);
    qg_vec_free(&h);
    /* rank: rarer first, ties in order of first use (canonical: texts are in canonical
     * order); a counting sort on the counts */
    size_t ns = refs.count;
    uint32_t maxc = 0;
    for (size_t i = 0; i < ns; i++)
        if (refs.items[i].count > maxc)
            maxc = refs.items[i].count;
    uint32_t *start = calloc((size_t)maxc + 2, sizeof *start);
    uint32_t *rank = malloc((ns + 1) * sizeof *rank);
    if (!start || !rank) {
        free(start);
        free(rank);
        goto oom;
    }
    for (size_t i = 0; i < ns; i++)
        start[refs.items[i].count + 1]++;
    for (uint32_t k = 0; k <= maxc; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < ns; i++)
        rank[i] = start[refs.items[i].count]++;
    free(start);
    c->shingles.count = 0;
    for (size_t d = 0; d < nd; d++) {
        size_t end = d + 1 < nd ? first[d + 1] : ids.count;
        cq_norm_text *t = &c->norms.items[d];
        t->sh0 = (uint32_t)c->shingles.count;
        t->shn = (uint32_t)(end - first[d]);
        for (size_t i = first[d]; i < end; i++) {
            uint32_t *slot = qg_vec_push(&c->shingles);
            if (!slot) {
                free(rank);
                goto oom;
            }
            *slot = rank[ids.items[i]];
        }
        qg_sort(c->shingles.items + t->sh0, t->shn, sizeof(uint32_t), cmp_u32, NULL);
    }
    free(rank);
    free(first);
    qg_vec_free(&ids);
    qg_vec_free(&refs);
    return QG_OK;
oom:
    free(first);
    qg_u64map_free(&map);
    qg_vec_free(&h);
    qg_vec_free(&ids);
    qg_vec_free(&refs);
    FAIL_OOM();
}

/* Inverted index in CSR form: for each rank, the (text, position) entries with pos < limit. */
typedef struct csr {
    uint32_t *off; /* nranks + 1 */
    posting *ent;
} csr;

static bool csr_build(csr *x, const qg_corpus *c, size_t nranks, const uint32_t *limit)
{
    size_t nd = c->norms.count;
    const uint32_t *S = c->shingles.items;
    x->off = calloc(nranks + 2, sizeof *x->off);
    if (!x->off)
        return false;
    size_t total = 0;
    for (size_t d = 0; d < nd; d++) {
        const cq_norm_text *t = &c->norms.items[d];
        for (uint32_t i = 0; i < limit[d]; i++)
            x->off[S[t->sh0 + i] + 1]++;
        total += limit[d];
    }
    for (size_t r = 0; r < nranks; r++)
        x->off[r + 1] += x->off[r];
    x->ent = malloc((total + 1) * sizeof *x->ent);
    uint32_t *fill = malloc((nranks + 1) * sizeof *fill);
    if (!x->ent || !fill) {
        free(fill);
        return false;
    }
    memcpy(fill, x->off, nranks * sizeof *fill);
    for (size_t d = 0; d < nd; d++) {
        const cq_norm_text *t = &c->norms.items[d];
        for (uint32_t i = 0; i < limit[d]; i++) {
            uint32_t r = S[t->sh0 + i];
            x->ent[fill[r]++] = (posting){(uint32_t)d, i};
        }
    }
    free(fill);
    return true;
}

static void csr_free(csr *x)
{
    free(x->off);
    free(x->ent);
}

/* Union the distinct texts that are truncations or near-duplicates of each other. */
static qg_status link_texts(qg_corpus *c, uint32_t *uf, qg_error *err)
{
    size_t nd = c->norms.count;
    const uint32_t *S = c->shingles.items;
    const cq_norm_text *T = c->norms.items;
    double t = c->opts.similarity;
    uint32_t ms = c->opts.min_shared;
    size_t nranks = 0;
    for (size_t i = 0; i < c->shingles.count; i++)
        if (S[i] + 1 > nranks)
            nranks = S[i] + 1;
    uint32_t *limit = calloc(nd + 1, sizeof *limit);
    uint32_t *seen = calloc(nd + 1, sizeof *seen);
    if (!limit || !seen) {
        free(limit);
        free(seen);
        FAIL_OOM();
    }
    /* near-duplicates: prefix filtering. A pair with Jaccard >= t and >= ms shared 3-grams
     * shares at least o = max(ms, ceil(t * |larger|)) 3-grams, so the prefixes of length
     * |x| - max(ms, ceil(t |x|)) + 1 meet (both sorted by the same global order). */
    for (size_t d = 0; d < nd; d++) {
        uint32_t n = T[d].shn;
        uint32_t o = (uint32_t)ceil(t * n - 1e-9);
        if (o < ms)
            o = ms;
        limit[d] = n >= o && n >= ms ? n - o + 1 : 0;
    }
    csr pre = {0};
    if (!csr_build(&pre, c, nranks, limit)) {
        csr_free(&pre);
        free(limit);
        free(seen);
        FAIL_OOM();
    }
    for (size_t x = 0; x < nd; x++) {
        uint32_t lx = T[x].shn;
        const uint32_t *rx = S + T[x].sh0;
        for (uint32_t i = 0; i < limit[x]; i++) {
            uint32_t r = rx[i];
            /* postings are in text order: walk back from the end down to texts after x */
            for (uint32_t k = pre.off[r + 1]; k > pre.off[r];) {
                posting p = pre.ent[--k];
                if (p.text <= x)
                    break;
                if (seen[p.text] == x + 1)
                    continue;
                seen[p.text] = (uint32_t)x + 1;
                uint32_t ly = T[p.text].shn;
                if (ly < t * lx - 1e-9 || lx < t * ly - 1e-9)
                    continue;
                double need = ceil(t / (1 + t) * (lx + ly) - 1e-9);
                if (need < ms)
                    need = ms;
                uint32_t ub = 1 + (lx - i - 1 < ly - p.pos - 1 ? lx - i - 1 : ly - p.pos - 1);
                if (ub < need)
                    continue;
                if (uf_find(uf, (uint32_t)x) == uf_find(uf, p.text))
                    continue;
                uint32_t ov = overlap(rx, lx, S + T[p.text].sh0, ly);
                if (ov >= ms && ov >= t * (lx + ly - ov) - 1e-9)
                    uf_union(uf, (uint32_t)x, p.text);
            }
        }
    }
    csr_free(&pre);
    /* truncations: every text that contains x holds x's rarest 3-gram */
    for (size_t d = 0; d < nd; d++)
        limit[d] = T[d].shn; /* full index */
    csr full = {0};
    if (!csr_build(&full, c, nranks, limit)) {
        csr_free(&full);
        free(limit);
        free(seen);
        FAIL_OOM();
    }
    for (size_t x = 0; x < nd; x++) {
        if (T[x].words < c->opts.min_words || T[x].shn == 0)
            continue;
        uint32_t r = S[T[x].sh0];
        for (uint32_t k = full.off[r]; k < full.off[r + 1]; k++) {
            uint32_t y = full.ent[k].text;
            if (y == x || T[y].words <= T[x].words)
                continue;
            if (uf_find(uf, (uint32_t)x) == uf_find(uf, y))
                continue;
            if (contains_words(T[y].s, T[y].len, T[x].s, T[x].len))
                uf_union(uf, (uint32_t)x, y);
        }
    }
    csr_free(&full);
    free(limit);
    free(seen);
    return QG_OK;
}

static double jaccard(const qg_corpus *c, uint32_t a, uint32_t b)
{
    const cq_norm_text *x = &c->norms.items[a], *y = &c->norms.items[b];
    uint32_t ov = overlap(c->shingles.items + x->sh0, x->shn, c->shingles.items + y->sh0, y->shn);
    uint32_t un = x->shn + y->shn - ov;
    return un ? (double)ov / un : 1.0;
}

static int cmp_group_order(const void *x, const void *y, void *ctx)
{
    const cq_group *G = ctx;
    const cq_group *a = &G[*(const uint32_t *)x], *b = &G[*(const uint32_t *)y];
    if (a->articles != b->articles)
        return a->articles > b->articles ? -1 : 1;
    if (a->mn != b->mn)
        return a->mn > b->mn ? -1 : 1;
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y; /* creation = first rank */
    return i < j ? -1 : i > j;
}

static qg_status make_groups(qg_corpus *c, const uint32_t *rank_order, uint32_t *uf, qg_error *err)
{
    size_t nq = c->quotes.count, nd = c->norms.count;
    uint32_t *group_of_root = malloc((nd + 1) * sizeof *group_of_root);
    if (!group_of_root)
        FAIL_OOM();
    for (size_t d = 0; d < nd; d++)
        group_of_root[d] = CQ_NONE;
    /* groups are created in first-appearance order */
    for (size_t k = 0; k < nq; k++) {
        cq_quote *q = &c->quotes.items[rank_order[k]];
        uint32_t g;
        if (q->norm == CQ_NONE || group_of_root[uf_find(uf, q->norm)] == CQ_NONE) {
            cq_group *grp = qg_vec_push(&c->groups);
            if (!grp) {
                free(group_of_root);
                FAIL_OOM();
            }
            memset(grp, 0, sizeof *grp);
            g = (uint32_t)(c->groups.count - 1);
            if (q->norm != CQ_NONE)
                group_of_root[uf_find(uf, q->norm)] = g;
        } else {
            g = group_of_root[uf_find(uf, q->norm)];
        }
        q->group = g;
        c->groups.items[g].mn++;
    }
    free(group_of_root);
    /* members, contiguous per group, in rank order */
    size_t ng = c->groups.count;
    uint32_t off = 0;
    for (size_t g = 0; g < ng; g++) {
        c->groups.items[g].m0 = off;
        off += c->groups.items[g].mn;
        c->groups.items[g].mn = 0;
    }
    c->members.items = malloc((nq + 1) * sizeof(uint32_t));
    if (!c->members.items)
        FAIL_OOM();
    c->members.count = c->members.cap = nq;
    for (size_t k = 0; k < nq; k++) {
        uint32_t qi = rank_order[k];
        cq_group *g = &c->groups.items[c->quotes.items[qi].group];
        c->members.items[g->m0 + g->mn++] = qi;
    }
    /* ids, variants, speakers, conflicts */
    uint32_t *vstamp = calloc(nd + 1, sizeof *vstamp), *vslot = malloc((nd + 1) * sizeof *vslot);
    uint32_t *astamp = calloc(c->articles.count + 1, sizeof *astamp);
    uint32_t *ostamp = calloc(c->entities.count + 1, sizeof *ostamp);
    uint32_t *sstamp = calloc(c->entities.count + 1, sizeof *sstamp);
    qg_smap ids = {0};
    qg_strbuf idb = QG_STRBUF_INIT;
    if (!vstamp || !vslot || !astamp || !ostamp || !sstamp)
        goto oom;
    for (size_t gi = 0; gi < ng; gi++) {
        cq_group *g = &c->groups.items[gi];
        uint32_t stamp = (uint32_t)gi + 1;
        const cq_quote *first = &c->quotes.items[c->members.items[g->m0]];
        idb.len = 0;
        uint64_t h;
        if (first->norm != CQ_NONE) {
            const cq_norm_text *t = &c->norms.items[first->norm];
            h = qg_fnv1a64(t->s, t->len);
        } else {
            const char *aid = c->articles.items[first->article].id;
            h = qg_fnv1a64(aid, strlen(aid)) ^ (0x9e3779b97f4a7c15ULL * (first->n + 1));
        }
        qg_strbuf_printf(&idb, "g%016llx", (unsigned long long)h);
        for (int dup = 2; qg_smap_get(&ids, idb.data, idb.len) != CQ_NONE; dup++) {
            idb.len = 0;
            qg_strbuf_printf(&idb, "g%016llx-%d", (unsigned long long)h, dup);
        }
        if (idb.failed || !(g->id = qg_arena_strndup(&c->arena, idb.data, idb.len)) ||
            qg_smap_put(&ids, g->id, idb.len, (uint32_t)gi) == CQ_NONE)
            goto oom;
        g->v0 = (uint32_t)c->variants.count;
        g->sp0 = (uint32_t)c->gspeakers.count;
        uint32_t sp_articles_first = CQ_NONE;
        bool sp_many_articles = false;
        for (uint32_t m = 0; m < g->mn; m++) {
            uint32_t qi = c->members.items[g->m0 + m];
            const cq_quote *q = &c->quotes.items[qi];
            if (astamp[q->article] != stamp) {
                astamp[q->article] = stamp;
                g->articles++;
            }
            uint32_t o = c->articles.items[q->article].outlet_ent;
            if (o != CQ_NONE && ostamp[o] != stamp) {
                ostamp[o] = stamp;
                g->outlets++;
            }
            if (q->speaker != CQ_NONE) {
                if (sstamp[q->speaker] != stamp) {
                    sstamp[q->speaker] = stamp;
                    uint32_t *s = qg_vec_push(&c->gspeakers);
                    if (!s)
                        goto oom;
                    *s = q->speaker;
                    g->spn++;
                }
                if (sp_articles_first == CQ_NONE)
                    sp_articles_first = q->article;
                else if (q->article != sp_articles_first)
                    sp_many_articles = true;
            }
            uint32_t v;
            if (q->norm != CQ_NONE && vstamp[q->norm] == stamp) {
                v = vslot[q->norm];
            } else {
                cq_variant *var = qg_vec_push(&c->variants);
                if (!var)
                    goto oom;
                v = (uint32_t)(c->variants.count - 1);
                var->norm = q->norm;
                var->first = qi;
                var->count = 0;
                if (q->norm != CQ_NONE) {
                    vstamp[q->norm] = stamp;
                    vslot[q->norm] = v;
                }
                g->vn++;
            }
            c->variants.items[v].count++;
            c->quotes.items[qi].variant = v - g->v0;
        }
        /* relation of each wording to the first one */
        const cq_variant *orig = &c->variants.items[g->v0];
        for (uint32_t k = 0; k < g->vn; k++) {
            cq_variant *v = &c->variants.items[g->v0 + k];
            if (k == 0 || v->norm == CQ_NONE || orig->norm == CQ_NONE) {
                v->relation = "original";
                v->similarity = 1.0;
                continue;
            }
            const cq_norm_text *a = &c->norms.items[v->norm], *o = &c->norms.items[orig->norm];
            if (contains_words(o->s, o->len, a->s, a->len))
                v->relation = "truncated";
            else if (contains_words(a->s, a->len, o->s, o->len))
                v->relation = "extended";
            else
                v->relation = "altered";
            v->similarity = qg_round3(jaccard(c, v->norm, orig->norm));
        }
        g->conflict = g->spn >= 2 && sp_many_articles;
        c->conflicts += g->conflict;
        c->cross_article += g->articles >= 2;
    }
    free(vstamp);
    free(vslot);
    free(astamp);
    free(ostamp);
    free(sstamp);
    qg_smap_free(&ids);
    qg_strbuf_dispose(&idb);
    /* output order: most articles first, then most appearances, then first appearance */
    for (size_t gi = 0; gi < ng; gi++) {
        uint32_t *slot = qg_vec_push(&c->group_order);
        if (!slot)
            FAIL_OOM();
        *slot = (uint32_t)gi;
    }
    if (!qg_sort(c->group_order.items, ng, sizeof(uint32_t), cmp_group_order, c->groups.items))
        FAIL_OOM();
    for (size_t i = 0; i < ng; i++)
        c->groups.items[c->group_order.items[i]].order = (uint32_t)i;
    return QG_OK;
oom:
    free(vstamp);
    free(vslot);
    free(astamp);
    free(ostamp);
    free(sstamp);
    qg_smap_free(&ids);
    qg_strbuf_dispose(&idb);
    FAIL_OOM();
}

/* ------------------------------------------------------------------------------------------ */
/* graph                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static qg_status make_graph(qg_corpus *c, qg_error *err)
{
    size_t na = c->articles.count, ng = c->groups.count;
    size_t ne_out = c->entity_order.count;
    qg_strbuf b = QG_STRBUF_INIT;
    /* nodes: articles (first-appearance order), quotes (group order), entities */
    for (size_t k = 0; k < na; k++) {
        uint32_t i = c->article_order.items[k];
        cq_node *n = qg_vec_push(&c->nodes);
        b.len = 0;
        qg_strbuf_puts(&b, "article:");
        qg_strbuf_puts(&b, c->articles.items[i].id);
        if (!n || b.failed || !(n->id = qg_arena_strndup(&c->arena, b.data, b.len)))
            goto oom;
        n->node_type = "article";
        n->label =
            c->articles.items[i].title ? c->articles.items[i].title : c->articles.items[i].id;
        n->ref = i;
        n->what = 0;
    }
    for (size_t k = 0; k < ng; k++) {
        uint32_t g = c->group_order.items[k];
        cq_node *n = qg_vec_push(&c->nodes);
        b.len = 0;
        qg_strbuf_puts(&b, "quote:");
        qg_strbuf_puts(&b, c->groups.items[g].id);
        if (!n || b.failed || !(n->id = qg_arena_strndup(&c->arena, b.data, b.len)))
            goto oom;
        n->node_type = "quote";
        /* label: the first 60 bytes of the first wording, cut at a code point, and "…" */
        const char *text = c->quotes.items[c->members.items[c->groups.items[g].m0]].text;
        size_t len = c->quotes.items[c->members.items[c->groups.items[g].m0]].text_len;
        if (len > 60) {
            size_t cut = 60;
            while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--;
            b.len = 0;
            qg_strbuf_append(&b, text, cut);
            qg_strbuf_puts(&b, "…");
            if (b.failed || !(n->label = qg_arena_strndup(&c->arena, b.data, b.len)))
                goto oom;
        } else {
            n->label = text;
        }
        n->ref = g;
        n->what = 1;
    }
    uint32_t *entity_node = malloc((c->entities.count + 1) * sizeof *entity_node);
    uint32_t *group_node = malloc((ng + 1) * sizeof *group_node);
    uint32_t *article_node = malloc((na + 1) * sizeof *article_node);
    if (!entity_node || !group_node || !article_node) {
        free(entity_node);
        free(group_node);
        free(article_node);
        goto oom;
    }
    for (size_t k = 0; k < na; k++)
        article_node[c->article_order.items[k]] = (uint32_t)k;
    for (size_t k = 0; k < ng; k++)
        group_node[c->group_order.items[k]] = (uint32_t)(na + k);
    for (size_t k = 0; k < ne_out; k++) {
        uint32_t e = c->entity_order.items[k];
        cq_node *n = qg_vec_push(&c->nodes);
        if (!n)
            goto oom2;
        n->id = c->entities.items[e].key;
        n->node_type = c->entities.items[e].kind;
        n->label = c->entities.items[e].name ? c->entities.items[e].name : n->id;
        n->ref = e;
        n->what = 2;
        entity_node[e] = (uint32_t)(na + ng + k);
    }
    /* edges */
    for (size_t k = 0; k < na; k++) {
        const cq_article *a = &c->articles.items[c->article_order.items[k]];
        if (a->outlet_ent == CQ_NONE)
            continue;
        cq_edge *x = qg_vec_push(&c->edges);
        if (!x)
            goto oom2;
        *x = (cq_edge){entity_node[a->outlet_ent], (uint32_t)k, "published", 1, 1};
    }
    for (size_t k = 0; k < na; k++) {
        const cq_article *a = &c->articles.items[c->article_order.items[k]];
        size_t e0 = c->edges.count;
        for (uint32_t j = 0; j < a->nq; j++) {
            uint32_t target = group_node[c->quotes.items[a->q0 + j].group];
            bool found = false;
            for (size_t x = e0; x < c->edges.count; x++)
                if (c->edges.items[x].target == target) {
                    c->edges.items[x].weight++;
                    found = true;
                    break;
                }
            if (found)
                continue;
            cq_edge *x = qg_vec_push(&c->edges);
            if (!x)
                goto oom2;
            *x = (cq_edge){(uint32_t)k, target, "contains", 1, 1};
        }
    }
    for (size_t k = 0; k < ng; k++) {
        const cq_group *g = &c->groups.items[c->group_order.items[k]];
        size_t e0 = c->edges.count;
        for (uint32_t s = 0; s < g->spn; s++) {
            cq_edge *x = qg_vec_push(&c->edges);
            if (!x)
                goto oom2;
            *x = (cq_edge){(uint32_t)(na + k), entity_node[c->gspeakers.items[g->sp0 + s]],
                           "attributed_to", 0, 0};
        }
        for (uint32_t m = 0; m < g->mn; m++) {
            const cq_quote *q = &c->quotes.items[c->members.items[g->m0 + m]];
            if (q->speaker == CQ_NONE)
                continue;
            for (size_t x = e0; x < c->edges.count; x++)
                if (c->edges.items[x].target == entity_node[q->speaker]) {
                    c->edges.items[x].weight++;
                    if (q->confidence > c->edges.items[x].confidence)
                        c->edges.items[x].confidence = q->confidence;
                    break;
                }
        }
    }
    {
        QG_VEC(pair32) pairs = {0};
        for (size_t i = 0; i < c->quotes.count; i++) {
            const cq_quote *q = &c->quotes.items[i];
            if (q->speaker == CQ_NONE || q->org == CQ_NONE)
                continue;
            pair32 *p = qg_vec_push(&pairs);
            if (!p) {
                qg_vec_free(&pairs);
                goto oom2;
            }
            *p = (pair32){entity_node[q->speaker], entity_node[q->org], 1, 0};
        }
        if (!qg_sort(pairs.items, pairs.count, sizeof *pairs.items, cmp_pair, NULL)) {
            qg_vec_free(&pairs);
            goto oom2;
        }
        for (size_t i = 0; i < pairs.count;) {
            size_t j = i;
            while (j < pairs.count && pairs.items[j].a == pairs.items[i].a &&
                   pairs.items[j].b == pairs.items[i].b)
                j++;
            cq_edge *x = qg_vec_push(&c->edges);
            if (!x) {
                qg_vec_free(&pairs);
                goto oom2;
            }
            *x = (cq_edge){pairs.items[i].a, pairs.items[i].b, "affiliated_with", (double)(j - i),
                           1};
            i = j;
        }
        qg_vec_free(&pairs);
    }
    free(entity_node);
    free(group_node);
    free(article_node);
    qg_strbuf_dispose(&b);
    return QG_OK;
oom2:
    free(entity_node);
    free(group_node);
    free(article_node);
oom:
    qg_strbuf_dispose(&b);
    FAIL_OOM();
}

/* ------------------------------------------------------------------------------------------ */

qg_status qg_corpus_build(qg_corpus *c, qg_error *err)
{
    if (c->built)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "corpus already built");
    c->built = true;
    qg_status st = compact(c, err);
    if (st != QG_OK)
        return st;
    if (c->quotes.count >= UINT32_MAX - 1 || c->articles.count >= UINT32_MAX - 1)
        return qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "too many quotes for one merge");
    for (size_t i = 0; i < c->articles.count; i++) {
        cq_article *a = &c->articles.items[i];
        a->has_time = a->published && qg_iso8601_ms(a->published, &a->time_ms);
    }
    builder b = {.c = c};
    b.words = (qg_strbuf)QG_STRBUF_INIT;
    b.key = (qg_strbuf)QG_STRBUF_INIT;
    b.raw = (qg_strbuf)QG_STRBUF_INIT;
    uint32_t *rank_order = NULL, *uf = NULL;
    if ((st = qg_norm_new(&b.norm, err)) != QG_OK)
        goto done;
    if ((st = resolve_entities(&b, err)) != QG_OK)
        goto done;
    /* first-appearance order */
    size_t nq = c->quotes.count;
    rank_order = malloc((nq + 1) * sizeof *rank_order);
    if (!rank_order) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t i = 0; i < nq; i++)
        rank_order[i] = (uint32_t)i;
    if (!qg_sort(rank_order, nq, sizeof *rank_order, cmp_quote_rank, c)) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t k = 0; k < nq; k++)
        c->quotes.items[rank_order[k]].rank = (uint32_t)k;
    for (size_t i = 0; i < c->articles.count; i++) {
        uint32_t *slot = qg_vec_push(&c->article_order);
        if (!slot) {
            st = QG_OOM(err);
            goto done;
        }
        *slot = (uint32_t)i;
    }
    if (!qg_sort(c->article_order.items, c->article_order.count, sizeof(uint32_t), cmp_article_rank,
                 c->articles.items)) {
        st = QG_OOM(err);
        goto done;
    }
    if ((st = distinct_texts(&b, err)) != QG_OK || (st = shingle_texts(c, err)) != QG_OK)
        goto done;
    uf = malloc((c->norms.count + 1) * sizeof *uf);
    if (!uf) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t d = 0; d < c->norms.count; d++)
        uf[d] = (uint32_t)d;
    if ((st = link_texts(c, uf, err)) != QG_OK ||
        (st = make_groups(c, rank_order, uf, err)) != QG_OK ||
        (st = entity_stats(c, err)) != QG_OK || (st = make_graph(c, err)) != QG_OK)
        goto done;
done:
    free(rank_order);
    free(uf);
    qg_norm_free(b.norm);
    qg_strbuf_dispose(&b.words);
    qg_strbuf_dispose(&b.key);
    qg_strbuf_dispose(&b.raw);
    qg_smap_free(&b.keys);
    qg_smap_free(&b.seen);
    return st;
}

qg_corpus_stats qg_corpus_get_stats(const qg_corpus *c)
{
    qg_corpus_stats s = {0};
    s.articles = c->articles.count;
    s.quotes = c->quotes.count;
    s.errors = c->errors.count;
    s.entities = c->entity_order.count;
    for (size_t i = 0; i < c->entity_order.count; i++)
        s.speakers += c->entities.items[c->entity_order.items[i]].quotes > 0;
    s.groups = c->groups.count;
    for (size_t i = 0; i < c->groups.count; i++)
        s.repeated_groups += c->groups.items[i].mn >= 2;
    s.cross_article_groups = c->cross_article;
    s.conflicts = c->conflicts;
    s.duplicates = c->duplicates;
    return s;
}
