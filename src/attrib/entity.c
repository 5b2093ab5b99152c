/* Mentions and entity resolution within one article (docs/pipeline.md, "Mentions and entities"):
 *   persons        full name / surname / honorific + surname (Mike Pence, Pence, Mr. Pence)
 *   organisations  name / acronym, also when the acronym comes first or is defined in parentheses
 *                  (National Cyber Security Centre, NCSC) / short form (Kaspersky Lab, Kaspersky)
 *   descriptions   "the bank", "the firm" to the organisation introduced before; an indefinite
 *                  description opening the lead ("A BRITISH bank ...") to the organisation that
 *                  opens one of the next sentences ("Barclays is ...")
 *   roles          one entity per role and organisation ("a spokesman for the bank"); persons get
 *                  their role and organisation from titles, pre-modifiers and appositives
 *   part_of        "X, part of Y" / "a unit of Y" / "owned by Y"
 *   sources        subjects of reporting cues, "according to" objects; outlets cited ("told the
 *                  BBC", "first reported by MSNBC", a "(AP)" dateline) and documents ("a report by")
 *   metadata       the byline's authors and the outlet line (stage meta/)
 * Then entity_publish() keeps the entities the citation graph needs and gives them stable ids. */
#include "entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/hash.h"
#include "../core/strbuf.h"
#include "../text/text.h"

/* Entity look-ups scan at most this many of the most recent entities, so that analysis stays
 * linear on huge inputs (an article has far fewer; see docs/pipeline.md). */
#define ENTITY_WINDOW 256

static size_t window_start(const actx *c)
{
    size_t n = c->doc->entities.count;
    return n > ENTITY_WINDOW ? n - ENTITY_WINDOW : 0;
}

/* Country abbreviations are places, not organisations that speak. */
static const char *const PLACE_ACRONYMS[] = {"us", "uk", "usa", "eu", "u.s", "u.k", "uae", NULL};
/* Description heads that name a business, and a public body; a description of one kind is not
 * resolved to an organisation of the other ("the company" is not the police). */
static const char *const COMMERCIAL_HEADS[] = {
    "firm", "company", "business", "giant", "lender", "retailer", "insurer", "carrier", "airline",
    "manufacturer", "corporation", "bank", "group", "startup", "start-up", "conglomerate",
    "supermarket", "chain", "operator", "provider", "developer", "maker", "lab", "laboratory", NULL};
static const char *const PUBLIC_HEADS[] = {
    "government", "department", "ministry", "agency", "force", "police", "authority", "council",
    "commission", "committee", "administration", "court", "regulator", "watchdog", "office",
    "army", "navy", "parliament", "senate", "congress", "service", "centre", "center", NULL};
/* Name words that mark a business. */
static const char *const COMMERCIAL_MARKS[] = {"lab", "labs", "inc", "ltd", "plc", "corp", "co", "llc",
                                               "company", "group", "bank", "holdings", "airlines",
                                               "airways", "motors", "technologies", NULL};
/* Internal flag: merged into another entity; never published. */
#define ENTITY_DEAD (1u << 31)

/* The text of span s, in buf (cap bytes) when it fits, else malloc'ed. */
static char *span_dup_in(const actx *c, qg_span s, char *buf, size_t cap)
{
    size_t n = s.end - s.begin;
    char *p = n < cap ? buf : malloc(n + 1);
    if (p) {
        memcpy(p, c->doc->text + s.begin, n);
        p[n] = '\0';
        /* line breaks inside a name become spaces */
        for (size_t i = 0; i < n; i++)
            if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
                p[i] = ' ';
    }
    return p;
}

static char *span_dup(const actx *c, qg_span s)
{
    return span_dup_in(c, s, NULL, 0);
}

/* The folded key of s, in buf (cap bytes) when s is ASCII and fits, else malloc'ed. */
static char *fold_str_in(const char *s, char *buf, size_t cap)
{
    qg_strbuf f = QG_STRBUF_INIT;
    /* drop periods so that "U.S." and "US", "Co." and "Co" compare equal */
    size_t n = strlen(s), len = 0;
    /* ASCII (most names): periods dropped and A-Z lowered in one pass, what the folding below
     * gives for ASCII; any other byte sends the name through it */
    char *ascii = n < cap ? buf : malloc(n + 1);
    if (!ascii)
        return NULL;
    size_t at = 0;
    for (; at < n && (unsigned char)s[at] < 0x80; at++)
        if (s[at] != '.')
            ascii[len++] = s[at] >= 'A' && s[at] <= 'Z' ? (char)(s[at] + 32) : s[at];
    if (at == n) {
        ascii[len] = '\0';
        return ascii;
    }
    if (ascii != buf)
        free(ascii);
    len = 0;
    char small[256] = {0}; /* initialised: gcc cannot see that only len bytes are read */
    char *tmp = n < sizeof small ? small : malloc(n + 1);
    if (!tmp)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '.')
            tmp[len++] = s[i];
    qg_text_fold(&f, tmp, len);
    if (tmp != small)
        free(tmp);
    if (f.failed) {
        qg_strbuf_dispose(&f);
        return NULL;
    }
    char *r = qg_strbuf_take(&f);
    return r;
}

static char *fold_str(const char *s)
{
    return fold_str_in(s, NULL, 0);
}

/* A span's text (span_dup) and its key (fold_str), in the record's buffers when they fit (most
 * names: no malloc), else on the heap; span_text_free() releases what was allocated. */
#define SPAN_TEXT_BUF 96
typedef struct span_text {
    char *name, *key; /* NULL: out of memory */
    char name_buf[SPAN_TEXT_BUF], key_buf[SPAN_TEXT_BUF];
} span_text;

static bool span_text_make(const actx *c, qg_span s, span_text *st)
{
    st->name = span_dup_in(c, s, st->name_buf, sizeof st->name_buf);
    st->key = st->name ? fold_str_in(st->name, st->key_buf, sizeof st->key_buf) : NULL;
    return st->name && st->key;
}

static void span_text_free(span_text *st)
{
    if (st->name != st->name_buf)
        free(st->name);
    if (st->key != st->key_buf)
        free(st->key);
    st->name = st->key = NULL;
}

static const char *last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    return sp ? sp + 1 : key;
}

static size_t first_word_len(const char *key)
{
    const char *sp = strchr(key, ' ');
    return sp ? (size_t)(sp - key) : strlen(key);
}

/* Initials of the capitalised words of name: "National Cyber Security Centre" → "ncsc". */
static void acronym_of(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    bool at_start = true;
    for (const char *p = name; *p && n + 1 < cap; p++) {
        if (*p == ' ') {
            at_start = true;
            continue;
        }
        if (at_start && *p >= 'A' && *p <= 'Z')
            out[n++] = (char)(*p + 32);
        at_start = false;
    }
    out[n] = '\0';
}


/* --- an index of the entities by key, first word, last word and acronym -------------------
 * Look-ups (find_entity, match_short_form, person_for_key, the surname match) scanned the
 * window of the last ENTITY_WINDOW entities for every mention. The index lists, per hash slot
 * of each of four strings of an entity, the entities newest first: a look-up takes the ones of
 * its slot inside the window, in increasing order, and asks them exactly what the scan asked
 * every entity (the others cannot match), so the answers are the scan's. Entities are only
 * added (add_entity_key), never renamed; the index is used only while it has seen every entity
 * of doc->entities (same array, same count), and dropped before entity_publish() rebuilds the
 * array. */
enum { IX_KEY, IX_FIRST, IX_LAST, IX_ACR, IX_KINDS };

struct entity_index {
    const qg_entity_rec *items; /* doc->entities.items when last indexed */
    size_t n;                   /* entities indexed (doc->entities.count then) */
    size_t cap;                 /* room of next[] */
    size_t slots;               /* slots of head[] (a power of two) */
    size_t *head[IX_KINDS];     /* newest entity of each slot, QG_NONE when none */
    size_t *next[IX_KINDS];     /* the next older entity of the same slot */
};

void entity_index_free(actx *c)
{
    entity_index *ix = c->eindex;
    if (!ix)
        return;
    for (int k = 0; k < IX_KINDS; k++) {
        free(ix->head[k]);
        free(ix->next[k]);
    }
    free(ix);
    c->eindex = NULL;
}

static size_t ix_slot(const entity_index *ix, const char *s, size_t len)
{
    return (size_t)qg_fnv1a64(s, len) & (ix->slots - 1);
}

/* The acronym match_short_form() compares for entity e (into buf of 64 bytes). */
static const char *ix_acronym(const qg_entity_rec *e, char *buf, size_t *len)
{
    if (e->acronym_len < sizeof e->acronym) {
        *len = e->acronym_len;
        return e->acronym;
    }
    acronym_of(e->name, buf, 64);
    *len = strlen(buf);
    return buf;
}

static void ix_link(entity_index *ix, const qg_entity_rec *items, size_t i)
{
    const qg_entity_rec *e = &items[i];
    for (int k = 0; k < IX_KINDS; k++)
        ix->next[k][i] = QG_NONE;
    if (!e->key)
        return; /* no look-up matches an entity without a key */
    char acr[64];
    size_t alen;
    const char *a = ix_acronym(e, acr, &alen);
    size_t slot[IX_KINDS] = {
        ix_slot(ix, e->key, e->key_len),
        ix_slot(ix, e->key, e->key_first_len),
        ix_slot(ix, e->key + e->key_last_at, e->key_len - e->key_last_at),
        ix_slot(ix, a, alen),
    };
    for (int k = 0; k < IX_KINDS; k++) {
        ix->next[k][i] = ix->head[k][slot[k]];
        ix->head[k][slot[k]] = i;
    }
}

/* Index entity count - 1 (just added); drop the index when memory runs out. */
static void ix_add(actx *c)
{
    entity_index *ix = c->eindex;
    if (!ix)
        return;
    const qg_doc *doc = c->doc;
    size_t n = doc->entities.count;
    if (ix->n + 1 != n) {
        entity_index_free(c); /* entities added behind the index's back: scan from now on */
        return;
    }
    if (n > ix->cap || 2 * n > ix->slots) {
        size_t cap = ix->cap ? ix->cap : 64, slots = ix->slots ? ix->slots : 128;
        while (cap < n)
            cap *= 2;
        while (slots < 2 * n)
            slots *= 2;
        for (int k = 0; k < IX_KINDS; k++) {
            size_t *nx = realloc(ix->next[k], cap * sizeof *nx);
            size_t *hd = slots != ix->slots ? malloc(slots * sizeof *hd) : ix->head[k];
            if (!nx || !hd) {
                if (nx)
                    ix->next[k] = nx;
                if (hd && hd != ix->head[k])
                    free(hd);
                entity_index_free(c);
                return;
            }
            ix->next[k] = nx;
            if (hd != ix->head[k]) {
                free(ix->head[k]);
                ix->head[k] = hd;
            }
        }
        ix->cap = cap;
        if (slots != ix->slots) {
            /* a new slot count: every entity again, oldest first */
            ix->slots = slots;
            for (int k = 0; k < IX_KINDS; k++)
                memset(ix->head[k], 0xFF, slots * sizeof *ix->head[k]);
            for (size_t i = 0; i + 1 < n; i++)
                ix_link(ix, doc->entities.items, i);
        }
    }
    ix_link(ix, doc->entities.items, n - 1);
    ix->items = doc->entities.items;
    ix->n = n;
}

/* The index, when it has seen every entity of the document; NULL: scan. */
static const entity_index *ix_of(const actx *c)
{
    const entity_index *ix = c->eindex;
    if (ix && ix->n == c->doc->entities.count && ix->items == c->doc->entities.items && ix->slots)
        return ix;
    return NULL;
}

/* Entities of the window in s's slot of kind k, in increasing order, into out (room for
 * ENTITY_WINDOW); returns their number. */
static size_t ix_candidates(const actx *c, const entity_index *ix, int k, const char *s,
                            size_t len, size_t *out)
{
    size_t ws = window_start(c), n = 0;
    for (size_t i = ix->head[k][ix_slot(ix, s, len)]; i != QG_NONE && i >= ws; i = ix->next[k][i])
        out[n++] = i; /* newest first: at most ENTITY_WINDOW are in the window */
    for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
        size_t t = out[a];
        out[a] = out[b - 1];
        out[b - 1] = t;
    }
    return n;
}

/* key: fold_str(name) when the caller has it, else NULL */
static size_t add_entity_key(actx *c, qg_entity_kind kind, const char *name, const char *key)
{
    qg_entity_rec *e = qg_vec_push(&c->doc->entities);
    if (!e) {
        c->oom = true;
        return QG_NONE;
    }
    e->kind = kind;
    e->name = strdup(name);
    e->key = key ? strdup(key) : fold_str(name);
    e->affiliation = QG_NONE;
    e->part_of = QG_NONE;
    if (!e->name || !e->key) {
        c->oom = true;
    } else {
        char acr[64];
        acronym_of(e->name, acr, sizeof acr);
        size_t n = strlen(acr);
        e->acronym_len = n < sizeof e->acronym ? (uint32_t)n : (uint32_t)sizeof e->acronym;
        if (n < sizeof e->acronym)
            memcpy(e->acronym, acr, n + 1);
        e->key_len = (uint32_t)strlen(e->key);
        e->key_first_len = (uint32_t)first_word_len(e->key);
        e->key_last_at = (uint32_t)(last_word(e->key) - e->key);
        e->key_spaced = strchr(e->key, ' ') != NULL;
    }
    ix_add(c);
    return c->doc->entities.count - 1;
}

static size_t add_entity(actx *c, qg_entity_kind kind, const char *name)
{
    return add_entity_key(c, kind, name, NULL);
}

void entity_add_mention(actx *c, size_t e, qg_span span)
{
    if (e == QG_NONE)
        return;
    qg_entity_rec *r = &c->doc->entities.items[e];
    /* kept in text order (mentions arrive nearly in order, so the move is short); a repeat of a
     * start is the same mention */
    size_t lo = 0, hi = r->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->mentions.items[mid].span.begin < span.begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < r->mentions.count && r->mentions.items[lo].span.begin == span.begin)
        return;
    qg_mention *slot = qg_vec_push(&r->mentions);
    if (!slot) {
        c->oom = true;
        return;
    }
    memmove(r->mentions.items + lo + 1, r->mentions.items + lo,
            (r->mentions.count - 1 - lo) * sizeof *r->mentions.items);
    r->mentions.items[lo].span = span;
}

static bool is_org_word_in(const actx *c, qg_span name, size_t first, bool *outlet)
{
    /* any word of the name that is an organisation head word ("Police", "Lab", "Centre");
     * first: the token at name.begin */
    for (size_t k = first; k < c->ntok; k++) {
        if (c->tok[k].begin >= name.end)
            break;
        int v = 0;
        size_t used;
        bool found = lex_is_cap(c, k) && lex_get(c, &c->model->org_words, k, 1, &v, &used);
        size_t pl = lex_possessive_len(c, k);
        if (!found && lex_is_cap(c, k) && pl) {
            /* "Kaspersky Lab’s": the word without its possessive ending */
            char buf[64];
            size_t n = lex_fold(c, k, buf, sizeof buf);
            found = n > pl && qg_lexicon_get(&c->model->org_words, buf, n - pl, &v);
        }
        if (found) {
            if (v == 2 && outlet)
                *outlet = true;
            return true;
        }
    }
    return false;
}

static bool is_outlet_name(const actx *c, const char *key)
{
    int v;
    if (qg_lexicon_get(&c->model->outlets, key, strlen(key), &v))
        return true;
    if (!strncmp(key, "the ", 4) && qg_lexicon_get(&c->model->outlets, key + 4, strlen(key) - 4, &v))
        return true;
    char with_the[256]; /* "the " + key, cut at 255 bytes as snprintf did */
    size_t n = strlen(key);
    if (n > sizeof with_the - 5)
        n = sizeof with_the - 5;
    memcpy(with_the, "the ", 4);
    memcpy(with_the + 4, key, n);
    with_the[4 + n] = '\0';
    return qg_lexicon_get(&c->model->outlets, with_the, n + 4, &v);
}

/* Kind of a name from its words: organisation, outlet or person (QG_ENTITY_ANONYMOUS = unknown). */
static qg_entity_kind classify_name(const actx *c, const np *p, const char *key, size_t words)
{
    if (is_outlet_name(c, key))
        return QG_ENTITY_OUTLET;
    bool outlet = false;
    /* the name's first token, from the phrase's (the name lies inside the phrase) */
    size_t k = lex_token_at_from(c, p->start, p->name.begin);
    if (is_org_word_in(c, p->name, k, &outlet))
        return outlet ? QG_ENTITY_OUTLET : QG_ENTITY_ORGANIZATION;
    if (words == 1 && k < c->ntok && (c->tok[k].flags & QG_TOK_ALLCAPS)) {
        for (int i = 0; PLACE_ACRONYMS[i]; i++)
            if (!strcmp(key, PLACE_ACRONYMS[i]))
                return QG_ENTITY_ANONYMOUS;
        return QG_ENTITY_ORGANIZATION;
    }
    if (p->had_title || p->gender)
        return QG_ENTITY_PERSON;
    int g;
    size_t used;
    if (k < c->ntok && lex_get(c, &c->model->first_names, k, 1, &g, &used))
        return QG_ENTITY_PERSON;
    if (words >= 2) {
        /* an all-capital word or a connector ("Bank of America", "Ernst & Young") makes an
         * organisation; otherwise two or three capitalised words are a person */
        size_t e = lex_token_at_from(c, k, p->name.end);
        for (size_t x = k; x < e && x < c->ntok; x++)
            if ((c->tok[x].flags & QG_TOK_ALLCAPS) || lex_is(c, x, "of") || lex_is(c, x, "&"))
                return QG_ENTITY_ORGANIZATION;
        return words <= 3 ? QG_ENTITY_PERSON : QG_ENTITY_ORGANIZATION;
    }
    return QG_ENTITY_ANONYMOUS; /* one unknown word: decided later */
}

/* Does a name phrase of this many words look like a person's name by more than its shape: a
 * title, a gender, or a given name from the lexicon first, before another word? */
static bool looks_like_full_name(const actx *c, const np *p, size_t words)
{
    if (p->had_title || p->gender)
        return true;
    int g;
    size_t used, k = lex_token_at(c, p->name.begin);
    return words >= 2 && k < c->ntok && lex_get(c, &c->model->first_names, k, 1, &g, &used);
}

static bool find_fits(const qg_entity_rec *e, qg_entity_kind kind, const char *key, size_t klen)
{
    /* key_len (add_entity) rejects most keys before their bytes are compared */
    return e->kind == kind && e->key && e->key_len == klen && !(e->flags & ENTITY_DEAD) &&
           !memcmp(e->key, key, klen);
}

static size_t find_entity(const actx *c, qg_entity_kind kind, const char *key)
{
    size_t klen = strlen(key);
    const entity_index *ix = ix_of(c);
    if (ix && klen) {
        size_t cand[ENTITY_WINDOW];
        size_t n = ix_candidates(c, ix, IX_KEY, key, klen, cand);
        for (size_t j = 0; j < n; j++)
            if (find_fits(&c->doc->entities.items[cand[j]], kind, key, klen))
                return cand[j];
        return QG_NONE;
    }
    for (size_t i = window_start(c); i < c->doc->entities.count; i++)
        if (find_fits(&c->doc->entities.items[i], kind, key, klen))
            return i;
    return QG_NONE;
}

/* A single word that names a known person (surname or given name) or organisation
 * (acronym, first word: "Kaspersky" for "Kaspersky Lab"). */
/* One entity of match_short_form()'s scan: true when the scan returns i at once. */
static bool short_form_step(const qg_entity_rec *e, size_t i, const char *key, size_t klen,
                            size_t *best)
{
    if (!e->key || !e->key_spaced || (e->flags & ENTITY_DEAD))
        return false;
    if (e->kind == QG_ENTITY_PERSON) {
        if (e->key_len - e->key_last_at == klen && !memcmp(e->key + e->key_last_at, key, klen))
            return true;
    } else if (e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET) {
        if (e->acronym_len < sizeof e->acronym) {
            if (e->acronym_len >= 2 && e->acronym_len == klen && !memcmp(e->acronym, key, klen))
                *best = i;
        } else {
            char acr[64]; /* a long acronym: not kept in the record */
            acronym_of(e->name, acr, sizeof acr);
            if (!strcmp(acr, key))
                *best = i;
        }
        size_t fl = e->key_first_len;
        if (*best == QG_NONE && fl == klen && !strncmp(e->key, key, fl) && strcmp(key, "the") != 0)
            *best = i;
    }
    return false;
}

static size_t match_short_form(const actx *c, const char *key)
{
    size_t best = QG_NONE;
    size_t klen = strlen(key);
    const entity_index *ix = ix_of(c);
    if (ix && klen) {
        /* an entity the scan acts on has key as its last word, acronym or first word: the
         * three slots' entities, merged in increasing order, see the same steps */
        size_t cand[IX_KINDS][ENTITY_WINDOW], n[IX_KINDS] = {0}, at[IX_KINDS] = {0};
        n[IX_LAST] = ix_candidates(c, ix, IX_LAST, key, klen, cand[IX_LAST]);
        n[IX_ACR] = ix_candidates(c, ix, IX_ACR, key, klen, cand[IX_ACR]);
        n[IX_FIRST] = ix_candidates(c, ix, IX_FIRST, key, klen, cand[IX_FIRST]);
        for (size_t last = QG_NONE;;) {
            size_t i = QG_NONE;
            for (int k = IX_FIRST; k <= IX_ACR; k++)
                if (at[k] < n[k] && (i == QG_NONE || cand[k][at[k]] < i))
                    i = cand[k][at[k]];
            if (i == QG_NONE)
                break;
            for (int k = IX_FIRST; k <= IX_ACR; k++)
                if (at[k] < n[k] && cand[k][at[k]] == i)
                    at[k]++;
            if (i == last)
                continue;
            last = i;
            if (short_form_step(&c->doc->entities.items[i], i, key, klen, &best))
                return i;
        }
        return best;
    }
    /* the acronym, first and last word of each entity were computed by add_entity() */
    for (size_t i = window_start(c); i < c->doc->entities.count; i++)
        if (short_form_step(&c->doc->entities.items[i], i, key, klen, &best))
            return i;
    return best;
}

static size_t org_entity_for_name(actx *c, qg_span span)
{
    span_text st;
    size_t e = QG_NONE;
    if (!span_text_make(c, span, &st)) {
        c->oom = true;
    } else {
        const char *name = st.name, *key = st.key;
        /* drop a leading "the" */
        const char *nm = name, *ky = key;
        if (!strncmp(ky, "the ", 4)) {
            nm += 4;
            ky += 4;
        }
        /* an outlet by the gazetteer, or by an outlet head word of org_words.tsv ("the Harlow
         * Courier", "Marlow Gazette") */
        bool outlet_word = false;
        if (!is_outlet_name(c, ky))
            is_org_word_in(c, span, lex_token_at(c, span.begin), &outlet_word);
        qg_entity_kind kind = outlet_word || is_outlet_name(c, ky) ? QG_ENTITY_OUTLET
                                                                    : QG_ENTITY_ORGANIZATION;
        e = find_entity(c, QG_ENTITY_ORGANIZATION, ky);
        if (e == QG_NONE)
            e = find_entity(c, QG_ENTITY_OUTLET, ky);
        if (e == QG_NONE && !strchr(ky, ' ')) {
            e = match_short_form(c, ky);
            if (e != QG_NONE && c->doc->entities.items[e].kind == QG_ENTITY_PERSON)
                e = QG_NONE;
        }
        if (e == QG_NONE)
            e = add_entity_key(c, kind, nm, nm == name ? key : NULL);
    }
    span_text_free(&st);
    return e;
}

static bool word_in(const char *w, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(w, list[i]))
            return true;
    return false;
}

/* Does the folded key hold one of the words of list as a whole word? */
static bool key_has_word(const char *key, const char *const *list)
{
    char w[64];
    for (const char *p = key; *p;) {
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        size_t n = (size_t)(q - p);
        if (n < sizeof w) {
            memcpy(w, p, n);
            w[n] = '\0';
            if (word_in(w, list))
                return true;
        }
        p = *q ? q + 1 : q;
    }
    return false;
}

static bool is_org_kind(qg_entity_kind k)
{
    return k == QG_ENTITY_ORGANIZATION || k == QG_ENTITY_OUTLET;
}

/* The head noun of a description, folded, without a possessive ending: "the firm’s" → "firm". */
static void desc_head(const actx *c, qg_span desc, char *out, size_t cap)
{
    out[0] = '\0';
    span_text st;
    if (!span_text_make(c, desc, &st)) {
        span_text_free(&st);
        return;
    }
    char *key = st.key;
    size_t kl = strlen(key);
    if (kl > 2 && key[kl - 2] == '\'' && key[kl - 1] == 's')
        key[kl - 2] = '\0';
    else if (kl > 4 && !strcmp(key + kl - 4, "\xE2\x80\x99s"))
        key[kl - 4] = '\0';
    /* what snprintf(out, cap, "%s", …) wrote: at most cap - 1 bytes and a NUL */
    const char *w = last_word(key);
    size_t n = strlen(w);
    if (cap > 0) {
        n = n < cap - 1 ? n : cap - 1;
        memcpy(out, w, n);
        out[n] = '\0';
    }
    span_text_free(&st);
}

/* The head records of each entity are chained (c->head_first[e], then next): has_head() walks
 * the records of e only, not all of them (resolve_description asks for every organisation of
 * the window: quadratic on large articles). The chains are made again whenever records change
 * entity (merges); without memory for them, has_head() walks every record as before. */
static void heads_relink(actx *c)
{
    size_t need = 0;
    for (size_t i = 0; i < c->heads.count; i++)
        if (c->heads.items[i].entity != QG_NONE && c->heads.items[i].entity >= need)
            need = c->heads.items[i].entity + 1;
    if (need > c->head_first_cap) {
        size_t cap = c->head_first_cap ? c->head_first_cap : 64;
        while (cap < need)
            cap *= 2;
        size_t *nf = realloc(c->head_first, cap * sizeof *nf);
        if (!nf) {
            free(c->head_first);
            c->head_first = NULL;
            c->head_first_cap = 0;
            c->heads_unchained = true;
            return;
        }
        c->head_first = nf;
        c->head_first_cap = cap;
    }
    for (size_t e = 0; e < c->head_first_cap; e++)
        c->head_first[e] = QG_NONE;
    for (size_t i = 0; i < c->heads.count; i++) {
        size_t e = c->heads.items[i].entity;
        c->heads.items[i].next = QG_NONE;
        if (e != QG_NONE) {
            c->heads.items[i].next = c->head_first[e];
            c->head_first[e] = i;
        }
    }
}

static bool has_head(const actx *c, size_t e, const char *head)
{
    if (c->heads_unchained) {
        for (size_t i = 0; i < c->heads.count; i++)
            if (c->heads.items[i].entity == e && !strcmp(c->heads.items[i].head, head))
                return true;
        return false;
    }
    if (e >= c->head_first_cap)
        return false;
    for (size_t i = c->head_first[e]; i != QG_NONE; i = c->heads.items[i].next)
        if (!strcmp(c->heads.items[i].head, head))
            return true;
    return false;
}

static void add_head(actx *c, size_t e, const char *head)
{
    if (e == QG_NONE || !*head || has_head(c, e, head))
        return;
    struct qg_head_rec *h = qg_vec_push(&c->heads);
    if (!h) {
        c->oom = true;
        return;
    }
    h->entity = e;
    snprintf(h->head, sizeof h->head, "%s", head);
    if (c->heads_unchained)
        return;
    if (e >= c->head_first_cap) {
        heads_relink(c); /* room for e; every record chained again */
        return;
    }
    h->next = c->head_first[e];
    c->head_first[e] = c->heads.count - 1;
}

/* Can a description with this head refer to organisation e? "the company" is not the police. */
/* The kind of a description head for head_class_fits(): found once per head, not once per
 * entity tried. */
enum { HEAD_OTHER, HEAD_COMMERCIAL, HEAD_PUBLIC };
static int head_class(const char *head)
{
    if (word_in(head, COMMERCIAL_HEADS))
        return HEAD_COMMERCIAL;
    if (word_in(head, PUBLIC_HEADS))
        return HEAD_PUBLIC;
    return HEAD_OTHER;
}

/* head_fits() with the head's class from head_class(). */
static bool head_class_fits(const qg_entity_rec *e, int cls)
{
    if (cls == HEAD_COMMERCIAL)
        return !key_has_word(e->key, PUBLIC_HEADS) || key_has_word(e->key, COMMERCIAL_MARKS);
    if (cls == HEAD_PUBLIC)
        return !key_has_word(e->key, COMMERCIAL_MARKS);
    return true;
}

static bool head_fits(const qg_entity_rec *e, const char *head)
{
    return head_class_fits(e, head_class(head));
}

/* Last mention of entity e that starts before byte `before` (mentions are in text order);
 * false when none. */
static bool last_mention_before(const qg_entity_rec *e, size_t before, size_t *at)
{
    size_t lo = 0, hi = e->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e->mentions.items[mid].span.begin < before)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    *at = e->mentions.items[lo - 1].span.begin;
    return true;
}

/* The organisation a description refers to ("the bank", "the force"): the most recent organisation
 * before byte `before` whose name holds the head noun (force = police), or that an earlier
 * description with the same head referred to; else, when `generic`, the most recent organisation
 * that the head fits. QG_NONE when there is none. */
static size_t resolve_description(const actx *c, const char *head, size_t before, bool generic)
{
    const char *alt = !strcmp(head, "force") ? "police" : !strcmp(head, "police") ? "force" : NULL;
    const char *named[3] = {head, alt, NULL};
    size_t best = QG_NONE, best_pos = 0, any = QG_NONE, any_pos = 0;
    int cls = head_class(head);
    for (size_t i = window_start(c); i < c->doc->entities.count; i++) {
        const qg_entity_rec *e = &c->doc->entities.items[i];
        if (!is_org_kind(e->kind) || (e->flags & ENTITY_DEAD))
            continue;
        size_t last;
        if (!last_mention_before(e, before, &last))
            continue;
        if ((key_has_word(e->key, named) || has_head(c, i, head)) &&
            (best == QG_NONE || last > best_pos)) {
            best = i;
            best_pos = last;
        }
        if (e->kind == QG_ENTITY_ORGANIZATION && (any == QG_NONE || last > any_pos) &&
            head_class_fits(e, cls)) {
            any = i;
            any_pos = last;
        }
    }
    if (best != QG_NONE)
        return best;
    return generic ? any : QG_NONE;
}

size_t entity_for_span(actx *c, qg_span span, qg_entity_kind kind)
{
    span_text st;
    size_t e = QG_NONE;
    if (span_text_make(c, span, &st)) {
        e = find_entity(c, kind, st.key);
        if (e == QG_NONE)
            e = add_entity_key(c, kind, st.name, st.key);
    } else {
        c->oom = true;
    }
    span_text_free(&st);
    return e;
}

/* A person already known by this full name or surname ("Trump" for Donald Trump). */
static size_t person_for_key(const actx *c, const char *key)
{
    size_t e = find_entity(c, QG_ENTITY_PERSON, key);
    if (e != QG_NONE || strchr(key, ' '))
        return e;
    const entity_index *ix = ix_of(c);
    size_t klen = strlen(key);
    if (ix && klen) {
        /* a person whose last word is key: in key's slot of last words */
        size_t cand[ENTITY_WINDOW];
        size_t n = ix_candidates(c, ix, IX_LAST, key, klen, cand);
        for (size_t j = 0; j < n; j++) {
            const qg_entity_rec *r = &c->doc->entities.items[cand[j]];
            if (r->kind == QG_ENTITY_PERSON && !(r->flags & ENTITY_DEAD) && strchr(r->key, ' ') &&
                !strcmp(last_word(r->key), key))
                return cand[j];
        }
        return QG_NONE;
    }
    for (size_t i = window_start(c); i < c->doc->entities.count; i++) {
        const qg_entity_rec *r = &c->doc->entities.items[i];
        if (r->kind == QG_ENTITY_PERSON && !(r->flags & ENTITY_DEAD) && strchr(r->key, ' ') &&
            !strcmp(last_word(r->key), key))
            return i;
    }
    return QG_NONE;
}

/* The entity a speaker speaks for, named in its phrase: a known person ("Trump's running mate")
 * or an organisation. */
static size_t affiliation_for_name(actx *c, qg_span span)
{
    span_text st;
    size_t e = QG_NONE;
    if (span_text_make(c, span, &st))
        e = person_for_key(c, st.key);
    else
        c->oom = true;
    span_text_free(&st);
    return e != QG_NONE ? e : org_entity_for_name(c, span);
}

/* The organisation of a role or person phrase, resolving descriptions; QG_NONE when none. */
static size_t org_of_phrase(actx *c, const np *p)
{
    if (p->org.end <= p->org.begin)
        return QG_NONE;
    if (p->org_is_desc) {
        char head[32];
        desc_head(c, p->org, head, sizeof head);
        return np_is_org_head(head) ? resolve_description(c, head, p->org.begin, true) : QG_NONE;
    }
    return affiliation_for_name(c, p->org);
}

/* Organisation of a bare role ("A spokesman would not say ..."): the first organisation named
 * in the sentence before, else the most recent one in the same paragraph. orgs[0..norgs) are
 * the indices of the mentions before mi whose entity is an organisation, in text order: only
 * they can answer, and walking them instead of every mention keeps a long paragraph of roles
 * without organisations linear (it was quadratic). */
static size_t infer_context_org(const actx *c, size_t mi, const size_t *orgs, size_t norgs,
                                bool same_sentence)
{
    const struct qg_mention_x *m = &c->mentions.items[mi];
    size_t found = QG_NONE;
    for (size_t q = norgs; q-- > 0;) {
        size_t j = orgs[q];
        const struct qg_mention_x *o = &c->mentions.items[j];
        if (o->paragraph + 1 < m->paragraph)
            break;
        if (o->entity == QG_NONE)
            continue;
        qg_entity_kind k = c->doc->entities.items[o->entity].kind;
        if (k != QG_ENTITY_ORGANIZATION)
            continue;
        if (same_sentence && o->sentence != m->sentence)
            return QG_NONE;
        if (o->sentence + 1 == m->sentence)
            found = o->entity; /* keeps the first of that sentence */
        else if (o->sentence + 1 < m->sentence)
            return found != QG_NONE ? found : o->entity;
        else if (o->sentence == m->sentence && found == QG_NONE)
            return o->entity;
    }
    return found;
}

/* Role heads of people who speak for themselves, not for an organisation: a bare role with one of
 * them takes no organisation from the sentences around it ("The Harlow Water Board was fined. A
 * local resident said …"). */
static const char *const PRIVATE_ROLES[] = {
    "parent", "parents", "resident", "residents", "witness", "witnesses", "neighbour",
    "neighbours", "neighbor", "neighbors", "passer-by", "passers-by", "passerby", "passersby",
    "bystander", "bystanders", "onlooker", "onlookers", "voter", "voters", "student", "students",
    "pupil", "pupils", "man", "men", "woman", "women", "person", "people", "mother", "mothers",
    "father", "fathers", "mum", "dad", "child", "children", "friend", "friends", "relative",
    "relatives", "customer", "customers", "shopper", "shoppers", "commuter", "commuters",
    "passenger", "passengers", "patient", "patients", "tenant", "tenants", "homeowner",
    "homeowners", "victim", "victims", "survivor", "survivors", "local", "locals", "villager",
    "villagers", "citizen", "citizens", "taxpayer", "taxpayers", "fan", "fans", "protester",
    "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "visitor",
    "visitors", "tourist", "tourists", "reader", "readers", "viewer", "viewers", "wife",
    "husband", "son", "daughter", "brother", "sister", "grandmother", "grandfather", "others",
    "another", "motorist", "motorists", "cyclist", "cyclists", "pedestrian", "pedestrians",
    "churchgoer", "churchgoers", "attendee", "attendees", NULL};

static bool private_role(const actx *c, const np *p)
{
    char head[32];
    qg_span s = p->role_head.end > p->role_head.begin ? p->role_head : p->name;
    desc_head(c, s, head, sizeof head);
    return head[0] && word_in(head, PRIVATE_ROLES);
}

static void set_affiliation(actx *c, size_t e, size_t org)
{
    if (e == QG_NONE || org == QG_NONE || e == org)
        return;
    qg_entity_rec *r = &c->doc->entities.items[e];
    if (r->affiliation == QG_NONE)
        r->affiliation = org;
}

static void set_role(actx *c, size_t e, qg_span role)
{
    if (e == QG_NONE || role.end <= role.begin)
        return;
    qg_entity_rec *r = &c->doc->entities.items[e];
    if (r->role.end <= r->role.begin)
        r->role = role;
}

static void push_mention(actx *c, const np *p, const qg_sentence *s)
{
    struct qg_mention_x *m = qg_vec_push(&c->mentions);
    if (!m) {
        c->oom = true;
        return;
    }
    m->phrase = *p;
    m->entity = QG_NONE;
    m->sentence = c->tok[p->start].sentence;
    m->paragraph = s->paragraph;
}

/* Merge entity `from` into `into`: its mentions move, every reference is rewritten, and `from`
 * is left empty (never found, never published). */
static void merge_entity(actx *c, size_t from, size_t into, size_t *redirect)
{
    qg_doc *doc = c->doc;
    if (from == into || from == QG_NONE || into == QG_NONE)
        return;
    qg_entity_rec *f = &doc->entities.items[from];
    for (size_t i = 0; i < f->mentions.count; i++)
        entity_add_mention(c, into, f->mentions.items[i].span);
    qg_entity_rec *t = &doc->entities.items[into];
    f = &doc->entities.items[from];
    if (t->affiliation == QG_NONE && f->affiliation != into)
        t->affiliation = f->affiliation;
    if (t->part_of == QG_NONE && f->part_of != into)
        t->part_of = f->part_of;
    t->flags |= f->flags;
    qg_vec_free(&f->mentions);
    f->flags = ENTITY_DEAD;
    f->key[0] = '\0';
    if (redirect) {
        /* the references are rewritten once, after all merges (redirect_references): one pass
         * per merge over every mention and entity was quadratic in long inputs */
        redirect[from] = into;
        return;
    }
    for (size_t i = 0; i < c->mentions.count; i++)
        if (c->mentions.items[i].entity == from)
            c->mentions.items[i].entity = into;
    for (size_t i = 0; i < doc->entities.count; i++) {
        if (doc->entities.items[i].affiliation == from)
            doc->entities.items[i].affiliation = i == into ? QG_NONE : into;
        if (doc->entities.items[i].part_of == from)
            doc->entities.items[i].part_of = i == into ? QG_NONE : into;
    }
    bool moved = false;
    for (size_t i = 0; i < c->heads.count; i++)
        if (c->heads.items[i].entity == from) {
            c->heads.items[i].entity = into;
            moved = true;
        }
    if (moved && !c->heads_unchained)
        heads_relink(c);
}

/* The entity e was merged into, following chains; e itself when it is alive. */
static size_t live_entity(const size_t *redirect, size_t e)
{
    while (e != QG_NONE && redirect[e] != QG_NONE)
        e = redirect[e];
    return e;
}

/* Rewrite every reference to a merged entity in one pass. */
static void redirect_references(actx *c, const size_t *redirect)
{
    qg_doc *doc = c->doc;
    for (size_t i = 0; i < c->mentions.count; i++)
        if (c->mentions.items[i].entity != QG_NONE)
            c->mentions.items[i].entity = live_entity(redirect, c->mentions.items[i].entity);
    for (size_t i = 0; i < doc->entities.count; i++) {
        qg_entity_rec *r = &doc->entities.items[i];
        if (r->affiliation != QG_NONE) {
            r->affiliation = live_entity(redirect, r->affiliation);
            if (r->affiliation == i)
                r->affiliation = QG_NONE;
        }
        if (r->part_of != QG_NONE) {
            r->part_of = live_entity(redirect, r->part_of);
            if (r->part_of == i)
                r->part_of = QG_NONE;
        }
    }
    for (size_t i = 0; i < c->heads.count; i++)
        if (c->heads.items[i].entity != QG_NONE)
            c->heads.items[i].entity = live_entity(redirect, c->heads.items[i].entity);
    if (c->heads.count && !c->heads_unchained)
        heads_relink(c);
}

/* Does the phrase open its sentence (only punctuation before it)? */
static bool opens_sentence(const actx *c, size_t k)
{
    const qg_sentence *s = &c->doc->sentences.items[c->tok[k].sentence];
    for (size_t x = s->first_token; x < k; x++)
        if (lex_is_word(c, x))
            return false;
    return true;
}

/* Entities named by the article's metadata (stage meta/): the outlet line (publisher), the
 * byline's authors, a dateline's agency (cited). */
static void meta_entities(actx *c)
{
    const qg_article_meta *meta = &c->doc->meta;
    if (meta->outlet.end > meta->outlet.begin) {
        size_t e = org_entity_for_name(c, meta->outlet);
        if (e != QG_NONE) {
            c->doc->entities.items[e].kind = QG_ENTITY_OUTLET;
            c->doc->entities.items[e].flags |= QG_ENTITY_PUBLISHER;
            entity_add_mention(c, e, meta->outlet);
        }
    }
    if (meta->dateline_outlet.end > meta->dateline_outlet.begin) {
        size_t e = org_entity_for_name(c, meta->dateline_outlet);
        if (e != QG_NONE) {
            c->doc->entities.items[e].kind = QG_ENTITY_OUTLET;
            c->doc->entities.items[e].flags |= QG_ENTITY_CITED | QG_ENTITY_SOURCE;
            entity_add_mention(c, e, meta->dateline_outlet);
        }
    }
    for (size_t i = 0; i < meta->author_count; i++) {
        size_t e = entity_for_span(c, meta->authors[i], QG_ENTITY_PERSON);
        if (e == QG_NONE)
            continue;
        c->doc->entities.items[e].flags |= QG_ENTITY_AUTHOR;
        set_role(c, e, meta->author_role);
        entity_add_mention(c, e, meta->authors[i]);
    }
}

static bool in_span(qg_span s, size_t b)
{
    return s.end > s.begin && b >= s.begin && b < s.end;
}

/* A nationality or place adjective before a noun ("Russian hackers", "British bank", "French
 * officials"): a single capitalised word with a demonym ending, followed by a lower-case word. */
static bool is_demonym(const actx *c, const struct qg_mention_x *m)
{
    static const char *const ENDINGS[] = {"ian", "ish", "ese", "ean", "can", "ch", "ic", "i",
                                          "ern", NULL};
    const char *key = NULL;
    char buf[64];
    size_t k = m->phrase.end;
    if (m->phrase.end != m->phrase.start + 1 || k >= c->ntok || !lex_is_word(c, k) ||
        lex_is_cap(c, k) || lex_is_speech_cue(c, k))
        return false;
    size_t n = lex_fold(c, m->phrase.start, buf, sizeof buf);
    key = buf;
    for (int i = 0; n && ENDINGS[i]; i++) {
        size_t l = strlen(ENDINGS[i]);
        if (n > l + 2 && !strcmp(key + n - l, ENDINGS[i]))
            return true;
    }
    return false;
}

static size_t person_for_span(actx *c, qg_span span);

static const char *const PERSON_PRONOUNS[] = {"he", "she", "him", "his", "her", NULL};

/* Is name mention i the speaker of a cue next to it, and does a personal pronoun (he, she, his,
 * her) outside quotations take it up before any other name or role is mentioned, in its
 * sentence or the next two of its paragraph?
 * "Mendez said the line would close. He added …": Mendez is a person. */
static bool refers_back(const actx *c, size_t i, const char *const *pronouns);

static bool refers_back_as_person(const actx *c, size_t i)
{
    return refers_back(c, i, PERSON_PRONOUNS);
}

/* As refers_back_as_person(), with these pronouns. */
static bool refers_back(const actx *c, size_t i, const char *const *pronouns)
{
    const struct qg_mention_x *m = &c->mentions.items[i];
    /* only the speaker of a cue: "Mendez said", "said Mendez" */
    size_t after = m->phrase.end, before = m->phrase.start;
    if (!(after < c->ntok && lex_is_speech_cue(c, after) && !lex_is_cap(c, after)) &&
        !(before > 0 && lex_is_speech_cue(c, before - 1) && !lex_is_cap(c, before - 1)))
        return false;
    size_t end = c->ntok;
    for (size_t j = i + 1; j < c->mentions.count; j++) {
        const np *o = &c->mentions.items[j].phrase;
        if (o->kind == NP_NAME || o->kind == NP_ROLE) {
            end = o->start;
            break;
        }
    }
    for (size_t k = m->phrase.end; k < end; k++) {
        const qg_token *t = &c->tok[k];
        if (t->sentence > m->sentence + 2 ||
            c->doc->sentences.items[t->sentence].paragraph != m->paragraph)
            break;
        if (t->quote < 0 && (t->flags & QG_TOK_WORD) && !(t->flags & QG_TOK_ALLCAPS) &&
            lex_in(c, k, pronouns))
            return true;
    }
    return false;
}

/* Is name mention i a single word right after an inverted speech cue ("“Go,” said Cal.")? Such a
 * speaker is a person: organisations are rarely the subject of an inverted tag, and the ones that
 * are (outlets, "said Barclays Bank", "said NATO") are caught before by the lexicons and by their
 * capitals. */
static bool inverted_tag_speaker(const actx *c, size_t i)
{
    const struct qg_mention_x *m = &c->mentions.items[i];
    size_t before = m->phrase.start, after = m->phrase.end;
    if (before == 0 || !lex_is_speech_cue(c, before - 1) || lex_is_cap(c, before - 1) ||
        lex_is_ing(c, before - 1))
        return false;
    /* a lone capitalised word that ends the tag, not taken up by "it" ("“…,” said Barclays.
     * “…,” it added.") */
    static const char *const IT[] = {"it", "its", NULL};
    return (after >= c->ntok || !lex_is_word(c, after)) && !refers_back(c, i, IT);
}

/* 2. Names: organisations and multi-word persons first (pass 0), then single words (pass 1). */
/* A name mention as pass 0 of resolve_names() read it (name, key, words, kind depend on the
 * phrase and the lexicons only), kept for pass 1. */
struct name_read {
    char *name, *key; /* owned; NULL when not kept */
    size_t words;
    qg_entity_kind kind;
};

static qg_status resolve_names(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    qg_status st = QG_OK;
    /* the mentions pass 0 leaves to pass 1 keep what pass 0 read of them (NULL: read again) */
    struct name_read *kept = calloc(c->mentions.count ? c->mentions.count : 1, sizeof *kept);
    for (int pass = 0; pass < 2 && st == QG_OK; pass++) {
        for (size_t i = 0; i < c->mentions.count; i++) {
            struct qg_mention_x *m = &c->mentions.items[i];
            if (pass == 0 && (m->phrase.kind == NP_DESC || m->phrase.kind == NP_ROLE) &&
                m->entity == QG_NONE &&
                m->phrase.appos_name.end > m->phrase.appos_name.begin) {
                /* "Her rival, Tom Baker, …": the person is known before single words are
                 * resolved, so that a later "Baker said" finds him (step 4 links the mention) */
                char head[32];
                desc_head(c, m->phrase.name, head, sizeof head);
                size_t words = 1;
                for (size_t k = m->phrase.appos_name.begin; k < m->phrase.appos_name.end; k++)
                    words += c->doc->text[k] == ' ';
                if (words >= 2 && !np_is_appos_org_head(head))
                    (void)person_for_span(c, m->phrase.appos_name);
                continue;
            }
            if (m->phrase.kind != NP_NAME || m->entity != QG_NONE)
                continue;
            /* name and key in st_text's buffers when they fit; the ones kept for pass 1 are
             * copied to the heap */
            span_text st_text;
            char *name, *key;
            size_t words;
            qg_entity_kind kind;
            if (pass == 1 && kept && kept[i].key) {
                name = st_text.name = kept[i].name;
                key = st_text.key = kept[i].key;
                words = kept[i].words;
                kind = kept[i].kind;
                kept[i].name = kept[i].key = NULL;
            } else {
                if (!span_text_make(c, m->phrase.name, &st_text)) {
                    span_text_free(&st_text);
                    st = QG_OOM(err);
                    break;
                }
                name = st_text.name;
                key = st_text.key;
                words = 1;
                for (const char *q = key; *q; q++)
                    words += *q == ' ';
                kind = classify_name(c, &m->phrase, key, words);
            }
            if (pass == 0 && kind != QG_ENTITY_ANONYMOUS &&
                (words >= 2 || kind != QG_ENTITY_PERSON)) {
                if (kind == QG_ENTITY_ORGANIZATION || kind == QG_ENTITY_OUTLET) {
                    m->entity = org_entity_for_name(c, m->phrase.name);
                } else {
                    m->entity = find_entity(c, kind, key);
                    if (m->entity == QG_NONE) {
                        /* same surname and first name as a known person: Hillary (Rodham) Clinton */
                        const char *klast = last_word(key);
                        size_t kfirst = first_word_len(key), klast_len = strlen(klast);
                        const entity_index *ix = ix_of(c);
                        size_t cand[ENTITY_WINDOW], ncand = 0;
                        if (ix && klast_len) /* the persons of klast's slot of last words */
                            ncand = ix_candidates(c, ix, IX_LAST, klast, klast_len, cand);
                        for (size_t j = ix && klast_len ? 0 : window_start(c);
                             ix && klast_len ? j < ncand : j < doc->entities.count; j++) {
                            size_t e = ix && klast_len ? cand[j] : j;
                            const qg_entity_rec *r = &doc->entities.items[e];
                            if (r->kind == QG_ENTITY_PERSON && !(r->flags & ENTITY_DEAD) &&
                                r->key_len - r->key_last_at == klast_len &&
                                !memcmp(r->key + r->key_last_at, klast, klast_len) &&
                                r->key_first_len == kfirst &&
                                !strncmp(r->key, key, kfirst)) {
                                m->entity = e;
                                break;
                            }
                        }
                    }
                    if (m->entity == QG_NONE)
                        m->entity = add_entity_key(c, kind, name, key);
                }
            } else if (pass == 1) {
                size_t e = match_short_form(c, key);
                if (e == QG_NONE)
                    e = find_entity(c, QG_ENTITY_PERSON, key);
                if (e == QG_NONE)
                    e = find_entity(c, QG_ENTITY_ORGANIZATION, key);
                if (e == QG_NONE)
                    e = find_entity(c, QG_ENTITY_OUTLET, key);
                if (e == QG_NONE && kind == QG_ENTITY_ANONYMOUS) {
                    /* one unknown word: a place acronym is nothing; a person when he or she
                     * takes it up ("Mendez said … He added"); else an organisation ("Barclays
                     * said") */
                    bool place = false;
                    for (int q = 0; PLACE_ACRONYMS[q]; q++)
                        if (!strcmp(key, PLACE_ACRONYMS[q]))
                            place = true;
                    if (!place && !is_demonym(c, m))
                        e = add_entity_key(c, refers_back_as_person(c, i) ||
                                                      inverted_tag_speaker(c, i)
                                                  ? QG_ENTITY_PERSON
                                                  : QG_ENTITY_ORGANIZATION,
                                           name, key);
                } else if (e == QG_NONE) {
                    e = add_entity_key(c, kind, name, key);
                }
                m->entity = e;
            } else if (kept) {
                /* left to pass 1 (m->entity stays QG_NONE): keep what was read, on the heap */
                char *kn = name == st_text.name_buf ? strdup(name) : name;
                char *kk = key == st_text.key_buf ? strdup(key) : key;
                if (!kn || !kk) {
                    if (kn != name)
                        free(kn);
                    if (kk != key)
                        free(kk);
                    span_text_free(&st_text);
                    st = QG_OOM(err);
                    break;
                }
                kept[i] = (struct name_read){kn, kk, words, kind};
                continue;
            }
            if (m->entity != QG_NONE) {
                entity_add_mention(c, m->entity, m->phrase.name);
                qg_entity_rec *r = &doc->entities.items[m->entity];
                if (!r->gender && m->phrase.gender && r->kind == QG_ENTITY_PERSON)
                    r->gender = m->phrase.gender;
            }
            span_text_free(&st_text);
        }
        if (st == QG_OK && c->oom)
            st = QG_OOM(err);
    }
    for (size_t i = 0; kept && i < c->mentions.count; i++) {
        free(kept[i].name);
        free(kept[i].key);
    }
    free(kept);
    return st;
}

typedef struct acronym_entry {
    char acr[64];
    size_t entity;
} acronym_entry;

static int cmp_acronym_entry(const void *x, const void *y)
{
    const acronym_entry *a = x, *b = y;
    int d = strcmp(a->acr, b->acr);
    return d ? d : (a->entity > b->entity) - (a->entity < b->entity);
}

/* 3. Acronyms: "National Cyber Security Centre (NCSC)" defines one; an organisation whose name is
 * the initials of another's is the same one, whichever comes first ("the NCSC ... the National
 * Cyber Security Centre"). */
static void resolve_acronyms(actx *c)
{
    qg_doc *doc = c->doc;
    size_t *redirect = malloc((doc->entities.count ? doc->entities.count : 1) * sizeof *redirect);
    if (!redirect) {
        c->oom = true;
        return;
    }
    for (size_t e = 0; e < doc->entities.count; e++)
        redirect[e] = QG_NONE;
    for (size_t i = 0; i < c->mentions.count; i++) {
        struct qg_mention_x *m = &c->mentions.items[i];
        if (m->phrase.kind != NP_NAME || m->entity == QG_NONE ||
            m->phrase.acronym.end <= m->phrase.acronym.begin)
            continue;
        m->entity = live_entity(redirect, m->entity);
        if (!is_org_kind(doc->entities.items[m->entity].kind))
            continue;
        span_text st;
        char *key = span_text_make(c, m->phrase.acronym, &st) ? st.key : NULL;
        if (key) {
            size_t other = find_entity(c, QG_ENTITY_ORGANIZATION, key);
            if (other == QG_NONE)
                other = find_entity(c, QG_ENTITY_OUTLET, key);
            merge_entity(c, live_entity(redirect, other), m->entity, redirect);
        } else {
            c->oom = true;
        }
        span_text_free(&st);
        entity_add_mention(c, m->entity, m->phrase.acronym);
    }
    /* a one-word organisation that is the acronym of a multi-word one: the acronyms of the
     * multi-word organisations are computed once and sorted, then each one-word key is looked
     * up (was a scan of every organisation for every acronym: quadratic in long inputs) */
    size_t n = doc->entities.count;
    acronym_entry *acrs = malloc((n ? n : 1) * sizeof *acrs);
    if (!acrs) {
        c->oom = true;
        redirect_references(c, redirect);
        free(redirect);
        return;
    }
    size_t na = 0;
    for (size_t f = 0; f < n; f++) {
        const qg_entity_rec *full = &doc->entities.items[f];
        if (!is_org_kind(full->kind) || (full->flags & ENTITY_DEAD) || !strchr(full->key, ' '))
            continue;
        acronym_of(full->name, acrs[na].acr, sizeof acrs[na].acr);
        if (strlen(acrs[na].acr) >= 2)
            acrs[na++].entity = f;
    }
    qsort(acrs, na, sizeof *acrs, cmp_acronym_entry);
    for (size_t a = 0; a < n && na; a++) {
        qg_entity_rec *r = &doc->entities.items[a];
        if (!is_org_kind(r->kind) || (r->flags & ENTITY_DEAD) || strchr(r->key, ' ') ||
            strlen(r->key) < 2 || strlen(r->key) > 8)
            continue;
        size_t lo = 0, hi = na;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(acrs[mid].acr, r->key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < na && !strcmp(acrs[lo].acr, r->key))
            merge_entity(c, a, live_entity(redirect, acrs[lo].entity), redirect); /* the first such organisation in text order */
    }
    free(acrs);
    redirect_references(c, redirect);
    free(redirect);
}

/* "A BRITISH bank is recommending ..." then "Barclays is offering ...": an indefinite description
 * of an organisation that opens its sentence is the organisation that opens one of the next two
 * sentences (same or next paragraph). */
static size_t resolve_cataphora(actx *c, size_t i, const char *head)
{
    const struct qg_mention_x *m = &c->mentions.items[i];
    if (!opens_sentence(c, m->phrase.start))
        return QG_NONE;
    for (size_t j = i + 1; j < c->mentions.count && j <= i + 64; j++) { /* bounded: linear */
        const struct qg_mention_x *o = &c->mentions.items[j];
        if (o->sentence > m->sentence + 2 || o->paragraph > m->paragraph + 1)
            break;
        if (o->sentence == m->sentence || o->entity == QG_NONE || !opens_sentence(c, o->phrase.start))
            continue;
        const qg_entity_rec *e = &c->doc->entities.items[o->entity];
        if (o->phrase.kind == NP_NAME && e->kind == QG_ENTITY_ORGANIZATION && head_fits(e, head))
            return o->entity;
        break; /* the next sentence opens with someone else */
    }
    return QG_NONE;
}

static bool is_indefinite(const actx *c, size_t k)
{
    return lex_is(c, k, "a") || lex_is(c, k, "an");
}

/* A document ("a report by X", "the survey"): an indefinite one is new; a definite one is the
 * most recent document with the same head, else new. */
static size_t resolve_document(actx *c, const struct qg_mention_x *m, const char *head)
{
    qg_doc *doc = c->doc;
    if (!is_indefinite(c, m->phrase.start) && m->phrase.org.end <= m->phrase.org.begin) {
        size_t best = QG_NONE, best_pos = 0;
        for (size_t i = window_start(c); i < doc->entities.count; i++) {
            const qg_entity_rec *e = &doc->entities.items[i];
            size_t last;
            if (e->kind == QG_ENTITY_DOCUMENT && has_head(c, i, head) &&
                last_mention_before(e, m->phrase.start < c->ntok ? c->tok[m->phrase.start].begin : 0,
                                    &last) &&
                (best == QG_NONE || last > best_pos)) {
                best = i;
                best_pos = last;
            }
        }
        if (best != QG_NONE)
            return best;
    }
    /* the name: the phrase without its determiner ("report by the Pew Research Center") */
    qg_span name = m->phrase.name;
    size_t k = m->phrase.start;
    if ((is_indefinite(c, k) || lex_is(c, k, "the") || lex_is(c, k, "this") || lex_is(c, k, "that")) &&
        k + 1 < c->ntok && c->tok[k + 1].begin < name.end)
        name.begin = c->tok[k + 1].begin;
    char *text = span_dup(c, name);
    if (!text) {
        c->oom = true;
        return QG_NONE;
    }
    size_t e = add_entity(c, QG_ENTITY_DOCUMENT, text);
    free(text);
    if (e != QG_NONE && m->phrase.org.end > m->phrase.org.begin) {
        /* the author: an organisation ("a survey by Gallup") unless a person's full name ("a
         * study by Ann Lutz": a given name first and no organisation word) */
        size_t k0 = lex_token_at(c, m->phrase.org.begin), k1 = lex_token_at(c, m->phrase.org.end);
        int g;
        size_t used;
        bool person = k1 >= k0 + 2 && k1 <= k0 + 3 && k0 < c->ntok &&
                      lex_get(c, &c->model->first_names, k0, 1, &g, &used) &&
                      !is_org_word_in(c, m->phrase.org, k0, NULL);
        size_t org = person ? person_for_span(c, m->phrase.org)
                            : org_entity_for_name(c, m->phrase.org);
        set_affiliation(c, e, org);
        entity_add_mention(c, org, m->phrase.org);
    }
    add_head(c, e, head);
    return e;
}

/* A person named in a role's appositive ("Trump's running mate, Mike Pence"). */
static size_t person_for_span(actx *c, qg_span span)
{
    span_text st;
    size_t e = QG_NONE;
    if (span_text_make(c, span, &st)) {
        e = person_for_key(c, st.key);
        if (e == QG_NONE)
            e = add_entity_key(c, QG_ENTITY_PERSON, st.name, st.key);
    } else {
        c->oom = true;
    }
    span_text_free(&st);
    return e;
}

/* 4. Descriptions, roles, affiliations and part_of, in text order, so that "the bank" finds what
 * came before. */
static qg_status resolve_in_order(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    /* the mentions settled as organisations so far, for infer_context_org() */
    size_t *orgs = c->mentions.count ? malloc(c->mentions.count * sizeof *orgs) : NULL, norgs = 0;
    if (c->mentions.count && !orgs)
        return QG_OOM(err);
    for (size_t i = 0; i < c->mentions.count; i++) {
        struct qg_mention_x *m = &c->mentions.items[i];
        /* mention i - 1 is settled: an organisation for the roles that follow? */
        if (i > 0 && c->mentions.items[i - 1].entity != QG_NONE &&
            doc->entities.items[c->mentions.items[i - 1].entity].kind == QG_ENTITY_ORGANIZATION)
            orgs[norgs++] = i - 1;
        if (m->phrase.kind == NP_NAME) {
            if (m->entity == QG_NONE)
                continue;
            qg_entity_kind kind = doc->entities.items[m->entity].kind;
            if (kind == QG_ENTITY_PERSON) {
                size_t org = org_of_phrase(c, &m->phrase);
                if (org != QG_NONE) {
                    set_affiliation(c, m->entity, org);
                    if (!m->phrase.org_is_desc)
                        entity_add_mention(c, org, m->phrase.org);
                }
                set_role(c, m->entity, m->phrase.role_head);
            } else if (is_org_kind(kind) && m->phrase.parent.end > m->phrase.parent.begin) {
                size_t parent = org_entity_for_name(c, m->phrase.parent);
                qg_entity_rec *r = &doc->entities.items[m->entity];
                if (parent != QG_NONE && parent != m->entity && r->part_of == QG_NONE &&
                    doc->entities.items[parent].part_of != m->entity) {
                    r->part_of = parent;
                    entity_add_mention(c, parent, m->phrase.parent);
                }
            }
            continue;
        }
        if (m->phrase.kind == NP_DESC) {
            char head[32];
            desc_head(c, m->phrase.name, head, sizeof head);
            if (m->phrase.appos_name.end > m->phrase.appos_name.begin) {
                /* "her neighbour, Omar Siddiq": the person; "The company, Northwind Rail,":
                 * the organisation */
                if (np_is_appos_org_head(head) && !m->phrase.possessive_det)
                    m->entity = org_entity_for_name(c, m->phrase.appos_name);
                else
                    m->entity = person_for_span(c, m->phrase.appos_name);
                if (m->entity != QG_NONE)
                    entity_add_mention(c, m->entity, m->phrase.appos_name);
                continue;
            }
            if (m->phrase.document) {
                m->entity = resolve_document(c, m, head);
                entity_add_mention(c, m->entity, m->phrase.name);
                continue;
            }
            if (!np_is_org_head(head) || m->phrase.possessive_det)
                continue;
            size_t e = QG_NONE;
            if (is_indefinite(c, m->phrase.start)) {
                e = resolve_cataphora(c, i, head);
            } else {
                /* "The bank will review …, a spokesman for Calder Bank said": an organisation
                 * named later in the same sentence whose name holds the head */
                const char *named[2] = {head, NULL};
                /* (the next few mentions only: a long sentence of descriptions stays linear) */
                for (size_t j = i + 1; j < c->mentions.count && j <= i + 16 && e == QG_NONE; j++) {
                    const struct qg_mention_x *o = &c->mentions.items[j];
                    if (o->sentence != m->sentence)
                        break;
                    size_t oe = o->phrase.kind == NP_NAME ? o->entity : QG_NONE;
                    if (o->phrase.kind == NP_ROLE && o->phrase.org.end > o->phrase.org.begin &&
                        !o->phrase.org_is_desc) {
                        span_text ot;
                        if (span_text_make(c, o->phrase.org, &ot) && key_has_word(ot.key, named))
                            oe = org_entity_for_name(c, o->phrase.org);
                        span_text_free(&ot);
                    }
                    if (oe != QG_NONE && is_org_kind(doc->entities.items[oe].kind) &&
                        key_has_word(doc->entities.items[oe].key, named))
                        e = oe;
                }
                if (e == QG_NONE)
                    e = resolve_description(c, head, m->phrase.name.begin, !m->phrase.modifier);
            }
            if (e != QG_NONE) {
                m->entity = e;
                entity_add_mention(c, e, m->phrase.name);
                add_head(c, e, head);
            }
            continue;
        }
        if (m->phrase.kind == NP_ROLE) {
            size_t org = org_of_phrase(c, &m->phrase);
            if (org != QG_NONE) {
                /* "for the bank": the description is a mention of the organisation too */
                entity_add_mention(c, org, m->phrase.org);
                if (m->phrase.org_is_desc) {
                    char head[32];
                    desc_head(c, m->phrase.org, head, sizeof head);
                    add_head(c, org, head);
                }
            }
            /* not for a role that speaks for no one ("A local resident said", "A parent said");
             * a role that gives its own name ("A parent, Rhys Tanner, said") only from its own
             * sentence ("… the White House press secretary, Josh Earnest, said") */
            if (org == QG_NONE && !m->phrase.possessive_det && !private_role(c, &m->phrase))
                org = infer_context_org(c, i, orgs, norgs,
                                        m->phrase.appos_name.end > m->phrase.appos_name.begin);
            if (m->phrase.appos_name.end > m->phrase.appos_name.begin) {
                /* "Trump's running mate, Mike Pence": the person, with the role's organisation */
                size_t e = person_for_span(c, m->phrase.appos_name);
                if (e != QG_NONE && e != org) {
                    set_affiliation(c, e, org);
                    set_role(c, e, m->phrase.role_head);
                }
                m->entity = e;
                entity_add_mention(c, e, m->phrase.appos_name);
                continue;
            }
            /* one entity per role and organisation: "a spokesman for the bank" and "the Barclays
             * spokesman" are one; without an organisation, one per role phrase */
            span_text nt, rt;
            bool have_name = span_text_make(c, m->phrase.name, &nt);
            char *name = nt.name, *key = nt.key;
            char *rkey = NULL;
            rt.name = rt.key = NULL;
            if (m->phrase.role_head.end > m->phrase.role_head.begin) {
                span_text_make(c, m->phrase.role_head, &rt);
                rkey = rt.key;
            }
            if (!have_name) {
                span_text_free(&nt);
                span_text_free(&rt);
                free(orgs);
                return QG_OOM(err);
            }
            size_t e = QG_NONE;
            for (size_t x = window_start(c); x < doc->entities.count; x++) {
                const qg_entity_rec *r = &doc->entities.items[x];
                if ((r->kind != QG_ENTITY_ROLE && r->kind != QG_ENTITY_ANONYMOUS) ||
                    r->affiliation != org || r->anonymous != m->phrase.anonymous)
                    continue;
                bool same = !strcmp(r->key, key);
                if (!same && org != QG_NONE && rkey && r->role.end > r->role.begin) {
                    span_text r2;
                    same = span_text_make(c, r->role, &r2) && !strcmp(r2.key, rkey);
                    span_text_free(&r2);
                }
                if (same) {
                    e = x;
                    break;
                }
            }
            if (e == QG_NONE) {
                e = add_entity_key(c, QG_ENTITY_ROLE, name, key);
                if (e != QG_NONE) {
                    doc->entities.items[e].affiliation = org;
                    doc->entities.items[e].anonymous = m->phrase.anonymous;
                }
            }
            set_role(c, e, m->phrase.role_head);
            m->entity = e;
            entity_add_mention(c, e, m->phrase.name);
            span_text_free(&nt);
            span_text_free(&rt);
        }
    }
    free(orgs);
    return c->oom ? QG_OOM(err) : QG_OK;
}

static const char *const SOURCE_SKIP[] = {"also", "has", "have", "had", "would", "will", "later",
                                          "previously", "recently", "repeatedly", "first", "then",
                                          "again", "once", "last", "earlier", "yesterday",
                                          "today", "on", "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday", "sunday", NULL};
static const char *const TO_CUES[] = {"said", "says", "spoke", "speaking", "talking", "talked",
                                      "confirmed", "explained", "told", "wrote", "according", NULL};
static const char *const WITH_NOUNS[] = {"interview", "interviews", "conversation", "call",
                                         "podcast", NULL};
static const char *const BY_VERBS[] = {"reported", "obtained", "published", "broken", "revealed",
                                       "released", "aired", "broadcast", "quoted", "cited",
                                       "conducted", "commissioned", "seen", "reviewed", NULL};
static const char *const IN_VERBS[] = {"reported", "wrote", "published", "writing", "quoted",
                                       "said", "appeared", "column", "op-ed", "piece", "article",
                                       "interview", "editorial", NULL};
static const char *const ON_VERBS[] = {"said", "appearing", "appeared", "told", "speaking", "says",
                                       "interview", "remarks", NULL};
static const char *const TOLD_CUES[] = {"told", "tells", "telling", "tell", "citing", "cited", NULL};

static bool is_skippable(const actx *c, size_t k)
{
    if (lex_in(c, k, SOURCE_SKIP))
        return true;
    const qg_token *t = &c->tok[k];
    size_t n = t->end - t->begin;
    return n > 4 && lex_is_word(c, k) && !lex_is_cap(c, k) &&
           !memcmp(c->doc->text + t->end - 2, "ly", 2);
}

static void mark_source(actx *c, size_t e, bool cited)
{
    qg_entity_rec *r = &c->doc->entities.items[e];
    r->flags |= QG_ENTITY_SOURCE;
    if (cited && (r->kind == QG_ENTITY_OUTLET || r->kind == QG_ENTITY_DOCUMENT))
        r->flags |= QG_ENTITY_CITED;
}

/* 5. Sources: an entity that is the subject of a reporting cue ("the NCSC said", "the Financial
 * Times claimed"; documents also with evidence cues: "the survey found"), the object of
 * "according to", or the subject of an inverted cue (", said X"). Outlets are cited when they are
 * sources, or in "told the BBC", "said on CNN", "an interview with X", "first reported by X",
 * "wrote in X". */
static void find_sources(actx *c)
{
    for (size_t i = 0; i < c->mentions.count; i++) {
        const struct qg_mention_x *m = &c->mentions.items[i];
        if (m->entity == QG_NONE || m->phrase.is_possessive)
            continue;
        const qg_entity_rec *r = &c->doc->entities.items[m->entity];
        bool outlet = r->kind == QG_ENTITY_OUTLET, document = r->kind == QG_ENTITY_DOCUMENT;
        size_t s = m->phrase.start, e = m->phrase.appos_end > m->phrase.end ? m->phrase.appos_end
                                                                            : m->phrase.end;
        size_t sent_end = c->doc->sentences.items[c->tok[s].sentence].end_token;
        size_t j = e;
        if (j < sent_end && lex_is(c, j, ",") && e > m->phrase.end)
            j++;
        for (size_t n = 0; j < sent_end && n < 3 && is_skippable(c, j); n++)
            j++;
        if (j < sent_end && c->tok[j].quote < 0 &&
            (lex_is_speech_cue(c, j) ||
             (document && !lex_is_cap(c, j) && lex_is_cue_class(c, j, QG_CUE_EVIDENCE)))) {
            mark_source(c, m->entity, true);
            continue;
        }
        if (s >= 2 && lex_is(c, s - 2, "according") && lex_is(c, s - 1, "to")) {
            mark_source(c, m->entity, true);
            continue;
        }
        if (s >= 2 && lex_is_speech_cue(c, s - 1) && !lex_in(c, s - 1, TOLD_CUES) &&
            (lex_is(c, s - 2, ",") || (c->tok[s - 2].flags & QG_TOK_CLOSE))) {
            mark_source(c, m->entity, true); /* "“…,” said the BBC" */
            continue;
        }
        if (!outlet || s < 1)
            continue;
        size_t p = s - 1;
        bool cited = lex_in(c, p, TOLD_CUES) ||
                     (p >= 1 && lex_is(c, p, "to") && lex_in(c, p - 1, TO_CUES)) ||
                     (p >= 1 && lex_is(c, p, "with") && lex_in(c, p - 1, WITH_NOUNS)) ||
                     (p >= 1 && lex_is(c, p, "by") && lex_in(c, p - 1, BY_VERBS)) ||
                     (p >= 1 && lex_is(c, p, "in") && lex_in(c, p - 1, IN_VERBS)) ||
                     (p >= 1 && lex_is(c, p, "on") && lex_in(c, p - 1, ON_VERBS));
        if (cited)
            c->doc->entities.items[m->entity].flags |= QG_ENTITY_CITED;
    }
}

/* Deep copy of the entities, kept until entity_publish() (attribution drops entities). */
static void take_snapshot(actx *c)
{
    qg_doc *doc = c->doc;
    if (!qg_vec_reserve(&c->snapshot, doc->entities.count)) {
        c->oom = true;
        return;
    }
    for (size_t i = 0; i < doc->entities.count; i++) {
        const qg_entity_rec *r = &doc->entities.items[i];
        qg_entity_rec *s = qg_vec_push(&c->snapshot);
        if (!s) {
            c->oom = true;
            return;
        }
        *s = *r;
        s->name = strdup(r->name);
        s->key = strdup(r->key);
        s->uid = NULL;
        memset(&s->mentions, 0, sizeof s->mentions);
        if (!s->name || !s->key || !qg_vec_reserve(&s->mentions, r->mentions.count)) {
            c->oom = true;
            return;
        }
        for (size_t m = 0; m < r->mentions.count; m++) {
            qg_mention *x = qg_vec_push(&s->mentions);
            if (!x) {
                c->oom = true;
                return;
            }
            *x = r->mentions.items[m];
        }
    }
}

qg_status entity_detect(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    /* the look-up index (NULL when it cannot be had: look-ups scan); every entity is added after
     * this point */
    if (!c->eindex && !doc->entities.count)
        c->eindex = calloc(1, sizeof *c->eindex);
    meta_entities(c);
    /* tokens where no noun phrase can start are skipped without parsing (NULL: parse all) */
    const uint8_t *starts = np_starts(c);
    /* 1. mentions outside quotations, and outside the outlet line and byline */
    for (size_t s = 0; s < doc->sentences.count; s++) {
        const qg_sentence *sent = &doc->sentences.items[s];
        size_t k = sent->first_token, end = sent->end_token, limit = k;
        while (k < end) {
            const qg_token *t = &c->tok[k];
            if (t->quote >= 0 || (t->flags & (QG_TOK_OPEN | QG_TOK_CLOSE)) ||
                !(t->flags & QG_TOK_WORD) || in_span(doc->meta.outlet, t->begin) ||
                in_span(doc->meta.byline, t->begin)) {
                k++;
                continue;
            }
            /* the phrase must not run into a quotation; the limit is the same for every k
             * before it, so it is searched once per run of tokens (was quadratic in a long
             * sentence without quotes) */
            if (limit <= k) {
                limit = k;
                while (limit < end && c->tok[limit].quote < 0 &&
                       !(c->tok[limit].flags & (QG_TOK_OPEN | QG_TOK_CLOSE)))
                    limit++;
            }
            np p;
            if (starts && !np_may_start(c, starts, k)) {
                k++;
                continue;
            }
            if (np_parse(c, k, limit, &p) && p.kind != NP_PRONOUN) {
                push_mention(c, &p, sent);
                /* the appositive belongs to this mention ("X, a paediatrician at Y,") */
                size_t next = p.appos_end > p.end ? p.appos_end : p.end;
                k = next > k ? next : k + 1;
                continue;
            }
            k++;
        }
    }
    if (c->oom)
        return QG_OOM(err);
    qg_status st = resolve_names(c, err);
    if (st)
        return st;
    resolve_acronyms(c);
    if ((st = resolve_in_order(c, err)))
        return st;
    find_sources(c);
    take_snapshot(c);
    return c->oom ? QG_OOM(err) : QG_OK;
}

const struct qg_mention_x *entity_mention_at(const actx *c, size_t k)
{
    size_t lo = 0, hi = c->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->mentions.items[mid].phrase.start < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->mentions.count && c->mentions.items[lo].phrase.start == k)
        return &c->mentions.items[lo];
    return NULL;
}

size_t entity_resolve_pronoun(const actx *c, size_t k, int gender, bool org)
{
    uint32_t para = c->doc->sentences.items[c->tok[k].sentence].paragraph;
    /* mentions are in text order; walk back from the pronoun */
    size_t lo = 0, hi = c->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->mentions.items[mid].phrase.start < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j-- > 0;) {
        const struct qg_mention_x *m = &c->mentions.items[j];
        if (m->paragraph + 3 < para)
            break;
        if (m->entity == QG_NONE)
            continue;
        const qg_entity_rec *e = &c->doc->entities.items[m->entity];
        if (e->kind == QG_ENTITY_DOCUMENT)
            continue;
        bool is_org = e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET;
        if (org != is_org)
            continue;
        if (m->phrase.is_possessive)
            continue; /* never through a possessive */
        if (!org && m->phrase.kind == NP_DESC)
            continue;
        /* he/she is one person: not a plural role ("thanked volunteers. She said") */
        if (!org && (gender == 'm' || gender == 'f') && e->kind != QG_ENTITY_PERSON &&
            m->phrase.end > m->phrase.start) {
            const qg_token *h = &c->tok[m->phrase.end - 1];
            const char *t = c->doc->text;
            size_t n = h->end - h->begin;
            if (n > 3 && t[h->end - 1] == 's' && t[h->end - 2] != 's' && t[h->end - 2] != '\'' &&
                !lex_possessive_len(c, m->phrase.end - 1))
                continue;
        }
        /* gender is soft for roles (articles call a woman "a spokesman"), but a person whose
         * first name gives a gender is not "he" for "she" */
        if (!org && gender && e->kind == QG_ENTITY_PERSON && e->gender && e->gender != gender) {
            continue;
        }
        return m->entity;
    }
    return QG_NONE;
}

static void free_rec(qg_entity_rec *r)
{
    free(r->name);
    free(r->key);
    free(r->uid);
    qg_vec_free(&r->mentions);
    r->name = r->key = r->uid = NULL;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Restore the entities attribution dropped: the snapshot taken after resolution, with the
 * mentions attribution added (pronouns) and the entities it created. Quote speakers follow. */
static qg_status restore_snapshot(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    size_t npub = doc->entities.count, ns = c->snapshot.count;
    size_t *map = malloc((npub ? npub : 1) * sizeof *map);
    /* snapshot entities by first mention: (begin << 0) sorted pairs of (begin, index) */
    size_t *order = malloc((ns ? ns : 1) * 2 * sizeof *order);
    if (!map || !order) {
        free(map);
        free(order);
        return QG_OOM(err);
    }
    size_t no = 0;
    for (size_t i = 0; i < ns; i++)
        if (c->snapshot.items[i].mentions.count) {
            order[2 * no] = c->snapshot.items[i].mentions.items[0].span.begin;
            order[2 * no + 1] = i;
            no++;
        }
    qsort(order, no, 2 * sizeof *order, cmp_size);
    for (size_t i = 0; i < npub; i++) {
        qg_entity_rec *p = &doc->entities.items[i];
        map[i] = QG_NONE;
        for (size_t pm = 0; pm < p->mentions.count && map[i] == QG_NONE; pm++) {
            size_t b = p->mentions.items[pm].span.begin, lo = 0, hi = no;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (order[2 * mid] < b)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < no && order[2 * lo] == b; lo++) {
                qg_entity_rec *s = &c->snapshot.items[order[2 * lo + 1]];
                if (s->kind == p->kind && !strcmp(s->name, p->name) && !(s->flags & ENTITY_DEAD) &&
                    p->mentions.count >= s->mentions.count) {
                    map[i] = order[2 * lo + 1];
                    break;
                }
            }
        }
    }
    free(order);
    /* move: matched entities give their (longer) mention lists to the snapshot's copy */
    for (size_t i = 0; i < npub && !c->oom; i++) {
        qg_entity_rec *p = &doc->entities.items[i];
        if (map[i] != QG_NONE) {
            qg_entity_rec *s = &c->snapshot.items[map[i]];
            qg_vec_free(&s->mentions);
            s->mentions.items = p->mentions.items;
            s->mentions.count = p->mentions.count;
            s->mentions.cap = p->mentions.cap;
            memset(&p->mentions, 0, sizeof p->mentions);
            free_rec(p);
            continue;
        }
        qg_entity_rec *n = qg_vec_push(&c->snapshot);
        if (!n) {
            c->oom = true;
            break;
        }
        *n = *p;
        memset(p, 0, sizeof *p);
        map[i] = c->snapshot.count - 1;
    }
    if (c->oom) {
        free(map);
        return QG_OOM(err);
    }
    /* entities attribution created refer to entities by their old indices */
    for (size_t i = ns; i < c->snapshot.count; i++) {
        qg_entity_rec *n = &c->snapshot.items[i];
        n->affiliation = n->affiliation < npub ? map[n->affiliation] : QG_NONE;
        n->part_of = n->part_of < npub ? map[n->part_of] : QG_NONE;
    }
    for (size_t q = 0; q < doc->quotes.count; q++) {
        size_t sp = doc->quotes.items[q].speaker;
        doc->quotes.items[q].speaker = sp < npub ? map[sp] : QG_NONE;
    }
    free(map);
    free(doc->entities.items);
    doc->entities.items = c->snapshot.items;
    doc->entities.count = c->snapshot.count;
    doc->entities.cap = c->snapshot.cap;
    memset(&c->snapshot, 0, sizeof c->snapshot);
    return QG_OK;
}

/* Append the slug of s[0..len) to out: case-folded, letters and digits kept (any script),
 * periods and apostrophes dropped, every other run of characters one '-'. At most 60 bytes. */
static void slug_append(qg_strbuf *out, const char *s, size_t len)
{
    qg_strbuf f = QG_STRBUF_INIT;
    qg_text_fold(&f, s, len);
    const char *p = f.data ? f.data : "";
    size_t n = f.len, written = 0;
    bool pending = false;
    for (size_t i = 0; i < n && written < 60;) {
        size_t j = i;
        int32_t cp = qg_utf8_next(p, n, &j);
        if (cp == '.' || cp == '\'' || cp == 0x2019) {
            i = j;
            continue;
        }
        if (qg_cp_is_alnum(cp)) {
            if (pending && written > 0) {
                qg_strbuf_append(out, "-", 1);
                written++;
            }
            pending = false;
            qg_strbuf_append(out, p + i, j - i);
            written += j - i;
        } else {
            pending = true;
        }
        i = j;
    }
    if (!written)
        qg_strbuf_append(out, "x", 1);
    qg_strbuf_dispose(&f);
}

/* The words of a name without a leading determiner ("the", "a", "an"). */
static const char *skip_determiner(const char *name)
{
    static const char *const DETS[] = {"the ", "The ", "THE ", "a ", "A ", "an ", "An ", NULL};
    for (int i = 0; DETS[i]; i++)
        if (!strncmp(name, DETS[i], strlen(DETS[i])))
            return name + strlen(DETS[i]);
    return name;
}

/* Stable content-derived id (docs/output-format.md): KIND ":" slug of the name, and for roles
 * and documents "@" the id of the entity they speak for; "~2", "~3" … for repeats. */
static char *make_uid(const qg_doc *doc, size_t e)
{
    const qg_entity_rec *r = &doc->entities.items[e];
    qg_strbuf sb = QG_STRBUF_INIT;
    qg_strbuf_puts(&sb, qg_entity_kind_str(r->kind));
    qg_strbuf_append(&sb, ":", 1);
    if (r->kind == QG_ENTITY_ROLE && r->role.end > r->role.begin)
        slug_append(&sb, doc->text + r->role.begin, r->role.end - r->role.begin);
    else {
        const char *nm = r->kind == QG_ENTITY_PERSON ? r->name : skip_determiner(r->name);
        slug_append(&sb, nm, strlen(nm));
    }
    if ((r->kind == QG_ENTITY_ROLE || r->kind == QG_ENTITY_DOCUMENT) && r->affiliation != QG_NONE &&
        doc->entities.items[r->affiliation].uid) {
        qg_strbuf_append(&sb, "@", 1);
        qg_strbuf_puts(&sb, doc->entities.items[r->affiliation].uid);
    }
    return qg_strbuf_take(&sb);
}

static qg_status assign_uids(qg_doc *doc, qg_error *err)
{
    /* the ids given so far (the strings belong to the entities) */
    size_t n = doc->entities.count;
    qg_smap taken = {0}, next_rep = {0};
    char **bases = NULL; /* the keys of next_rep */
    size_t nbases = 0, bases_cap = 0;
    qg_status st = QG_OK;
    for (size_t e = 0; e < n && st == QG_OK; e++)
        if (doc->entities.items[e].uid &&
            qg_smap_put(&taken, doc->entities.items[e].uid, strlen(doc->entities.items[e].uid), 1) == QG_SMAP_NONE)
            st = QG_OOM(err);
    for (int pass = 0; pass < 2 && st == QG_OK; pass++) {
        for (size_t e = 0; e < n && st == QG_OK; e++) {
            qg_entity_rec *r = &doc->entities.items[e];
            bool late = r->kind == QG_ENTITY_ROLE || r->kind == QG_ENTITY_DOCUMENT;
            if (late != (pass == 1) || r->uid)
                continue;
            char *uid = make_uid(doc, e);
            /* a repeat within the article (two reports by one organisation): the first of
             * "~2", "~3" … not taken; the search for a repeated id goes on from where the last
             * one for the same id stopped (next_rep: every earlier one is taken, and ids are
             * never given back), not from 2 (quadratic in the repeats of one id) */
            if (uid && qg_smap_get(&taken, uid, strlen(uid)) != QG_SMAP_NONE) {
                char *base = uid;
                size_t blen = strlen(base);
                uint32_t from = qg_smap_get(&next_rep, base, blen);
                int rep = from == QG_SMAP_NONE ? 2 : (int)from;
                for (uid = NULL;; rep++) {
                    qg_strbuf sb = QG_STRBUF_INIT;
                    qg_strbuf_printf(&sb, "%s~%d", base, rep);
                    char *cand = qg_strbuf_take(&sb);
                    if (!cand || qg_smap_get(&taken, cand, strlen(cand)) == QG_SMAP_NONE) {
                        uid = cand;
                        break;
                    }
                    free(cand);
                }
                if (from != QG_SMAP_NONE) {
                    qg_smap_set(&next_rep, base, blen, (uint32_t)rep + 1);
                    free(base);
                } else {
                    /* the map keeps base as its key until the end */
                    if (nbases == bases_cap) {
                        size_t cap2 = bases_cap ? 2 * bases_cap : 16;
                        char **nb = realloc(bases, cap2 * sizeof *nb);
                        if (!nb) {
                            free(base);
                            free(uid);
                            st = QG_OOM(err);
                            break;
                        }
                        bases = nb;
                        bases_cap = cap2;
                    }
                    if (qg_smap_put(&next_rep, base, blen, (uint32_t)rep + 1) == QG_SMAP_NONE) {
                        free(base);
                        free(uid);
                        st = QG_OOM(err);
                        break;
                    }
                    bases[nbases++] = base;
                }
            }
            if (!uid || qg_smap_put(&taken, uid, strlen(uid), 1) == QG_SMAP_NONE) {
                free(uid);
                st = QG_OOM(err);
                break;
            }
            r->uid = uid;
        }
    }
    qg_smap_free(&taken);
    qg_smap_free(&next_rep);
    for (size_t i = 0; i < nbases; i++)
        free(bases[i]);
    free(bases);
    return st;
}

/* (key, index) pairs of size_t: by key, then index. */
static int cmp_size_pair(const void *x, const void *y)
{
    const size_t *a = x, *b = y;
    if (a[0] != b[0])
        return a[0] < b[0] ? -1 : 1;
    return a[1] < b[1] ? -1 : a[1] > b[1];
}

static int cmp_mention(const void *a, const void *b)
{
    const qg_mention *x = a, *y = b;
    if (x->span.begin != y->span.begin)
        return x->span.begin < y->span.begin ? -1 : 1;
    return x->span.end < y->span.end ? -1 : x->span.end > y->span.end;
}

/* Keep the entities the citation graph needs: the speakers of quotes, sources, cited outlets and
 * documents, the byline's authors and the publisher, and what they are affiliated with or part of
 * (followed to the end). Renumber them in order of first mention, so that ids follow the text. */
static qg_status keep_graph_entities(qg_doc *doc, qg_error *err)
{
    size_t n = doc->entities.count;
    if (!n)
        return QG_OK;
    bool *keep = calloc(n, sizeof *keep);
    size_t *map = calloc(n, sizeof *map);
    size_t *order = calloc(n, sizeof *order);
    size_t *first = calloc(n, sizeof *first);
    if (!keep || !map || !order || !first) {
        free(keep);
        free(map);
        free(order);
        free(first);
        return QG_OOM(err);
    }
    for (size_t q = 0; q < doc->quotes.count; q++)
        if (doc->quotes.items[q].speaker != QG_NONE)
            keep[doc->quotes.items[q].speaker] = true;
    for (size_t e = 0; e < n; e++) {
        qg_entity_rec *r = &doc->entities.items[e];
        if (r->flags & ENTITY_DEAD) {
            keep[e] = false;
            continue;
        }
        if (r->flags & (QG_ENTITY_SOURCE | QG_ENTITY_CITED | QG_ENTITY_AUTHOR | QG_ENTITY_PUBLISHER))
            keep[e] = true;
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t e = 0; e < n; e++) {
            const qg_entity_rec *r = &doc->entities.items[e];
            if (!keep[e])
                continue;
            if (r->affiliation != QG_NONE && !keep[r->affiliation])
                changed = keep[r->affiliation] = true;
            if (r->part_of != QG_NONE && !keep[r->part_of])
                changed = keep[r->part_of] = true;
        }
    }
    size_t kept = 0;
    for (size_t e = 0; e < n; e++) {
        qg_entity_rec *r = &doc->entities.items[e];
        if (!keep[e])
            continue;
        if (r->mentions.count > 1) /* qsort of no items may be passed NULL: UB */
            qsort(r->mentions.items, r->mentions.count, sizeof *r->mentions.items, cmp_mention);
        size_t w = 0;
        for (size_t m = 0; m < r->mentions.count; m++)
            if (!w || r->mentions.items[w - 1].span.begin != r->mentions.items[m].span.begin)
                r->mentions.items[w++] = r->mentions.items[m];
        r->mentions.count = w;
        first[e] = w ? r->mentions.items[0].span.begin : SIZE_MAX;
        order[kept++] = e;
    }
    /* stable sort by first mention: (first mention, index) pairs sorted, which orders ties by
     * index as the stable insertion sort did (order[] held the indices in increasing order);
     * the insertion sort was quadratic on large articles */
    if (kept > 1) {
        size_t *pairs = malloc(kept * 2 * sizeof *pairs);
        if (pairs) {
            for (size_t i = 0; i < kept; i++) {
                pairs[2 * i] = first[order[i]];
                pairs[2 * i + 1] = order[i];
            }
            qsort(pairs, kept, 2 * sizeof *pairs, cmp_size_pair);
            for (size_t i = 0; i < kept; i++)
                order[i] = pairs[2 * i + 1];
            free(pairs);
        } else {
            for (size_t i = 1; i < kept; i++) {
                size_t x = order[i], j = i;
                while (j > 0 && first[order[j - 1]] > first[x]) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = x;
            }
        }
    }
    for (size_t e = 0; e < n; e++)
        map[e] = QG_NONE;
    for (size_t i = 0; i < kept; i++)
        map[order[i]] = i;
    qg_entity_rec *old = doc->entities.items;
    qg_entity_rec *fresh = calloc(kept ? kept : 1, sizeof *fresh);
    if (!fresh) {
        free(keep);
        free(map);
        free(order);
        free(first);
        return QG_OOM(err);
    }
    for (size_t i = 0; i < kept; i++) {
        fresh[i] = old[order[i]];
        fresh[i].affiliation = fresh[i].affiliation != QG_NONE ? map[fresh[i].affiliation] : QG_NONE;
        fresh[i].part_of = fresh[i].part_of != QG_NONE ? map[fresh[i].part_of] : QG_NONE;
        /* an anonymous source is a role marked anonymous */
        if (fresh[i].kind == QG_ENTITY_ANONYMOUS) {
            fresh[i].kind = QG_ENTITY_ROLE;
            fresh[i].anonymous = true;
        }
    }
    for (size_t e = 0; e < n; e++)
        if (!keep[e])
            free_rec(&old[e]);
    free(old);
    doc->entities.items = fresh;
    doc->entities.count = doc->entities.cap = kept;
    for (size_t q = 0; q < doc->quotes.count; q++)
        if (doc->quotes.items[q].speaker != QG_NONE)
            doc->quotes.items[q].speaker = map[doc->quotes.items[q].speaker];
    free(keep);
    free(map);
    free(order);
    free(first);
    return QG_OK;
}

qg_status entity_publish(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    qg_status st = QG_OK;
    entity_index_free(c); /* the entity array is rebuilt below */
    if (c->snapshot.count || doc->entities.count)
        st = restore_snapshot(c, err);
    for (size_t i = 0; i < c->snapshot.count; i++)
        free_rec(&c->snapshot.items[i]);
    qg_vec_free(&c->snapshot);
    qg_vec_free(&c->heads);
    free(c->head_first);
    c->head_first = NULL;
    c->head_first_cap = 0;
    if (st == QG_OK)
        st = keep_graph_entities(doc, err);
    if (st == QG_OK)
        st = assign_uids(doc, err);
    if (st)
        return st;
    doc->entity_view.count = 0;
    for (size_t i = 0; i < doc->entities.count; i++) {
        qg_entity *v = qg_vec_push(&doc->entity_view);
        if (!v)
            return QG_OOM(err);
        const qg_entity_rec *r = &doc->entities.items[i];
        memset(v, 0, sizeof *v);
        v->kind = r->kind;
        v->name = r->name;
        v->mentions = r->mentions.items;
        v->mention_count = r->mentions.count;
        v->affiliation = r->affiliation;
        v->gender = r->gender;
        v->id = r->uid;
        v->part_of = r->part_of;
        v->role = r->role;
        v->flags = r->flags & ~ENTITY_DEAD;
        v->anonymous = r->anonymous ? 1
                       : (r->kind == QG_ENTITY_ROLE) ? -1
                                                     : 0;
    }
    for (size_t q = 0; q < doc->quotes.count; q++)
        if (doc->quotes.items[q].speaker != QG_NONE)
            doc->entity_view.items[doc->quotes.items[q].speaker].quotes++;
    return QG_OK;
}

size_t entity_for_name(actx *c, const np *p)
{
    span_text st;
    size_t e = QG_NONE;
    if (span_text_make(c, p->name, &st)) {
        const char *key = st.key;
        size_t words = 1;
        for (const char *q = key; *q; q++)
            words += *q == ' ';
        qg_entity_kind kind = classify_name(c, p, key, words);
        if (kind == QG_ENTITY_ORGANIZATION || kind == QG_ENTITY_OUTLET) {
            e = org_entity_for_name(c, p->name);
        } else if (!looks_like_full_name(c, p, words)) {
            /* "according to a survey by Gallup": the document's mention made the author an
             * organisation; the same name is that organisation, not a new person */
            e = find_entity(c, QG_ENTITY_ORGANIZATION, key);
            if (e == QG_NONE)
                e = find_entity(c, QG_ENTITY_OUTLET, key);
        }
    } else {
        c->oom = true;
    }
    span_text_free(&st);
    return e != QG_NONE ? e : entity_for_span(c, p->name, QG_ENTITY_PERSON);
}
