/* The merged corpus inside the library (see include/quotegraph/corpus.h, docs/corpus.md).
 *
 * Inputs are reduced to *atoms*: one article with its metadata and quotes (text, offsets, the
 * speaker as named in that article). Everything else is derived from the set of atoms in
 * qg_corpus_build(): speaker entities, quote groups, conflicts, the graph. Atoms are sorted by
 * article id before anything is derived, so every index below is canonical and the output
 * does not depend on input order. */
#ifndef QG_CORPUS_INTERNAL_H
#define QG_CORPUS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <quotegraph/corpus.h>

#include "../core/hash.h"
#include "../core/strbuf.h"
#include "../core/vec.h"

/* How many of the article ids seen with different content are kept for messages. */
#define QG_CORPUS_MAX_DUPLICATE_IDS 20

#define CQ_NONE UINT32_MAX /* == QG_SMAP_NONE */

/* ---- utilities (util.c) ---- */


/* Bump allocator for the corpus's strings; freed all at once. */
typedef struct qg_arena {
    struct qg_arena_chunk *head;
} qg_arena;
void *qg_arena_alloc(qg_arena *a, size_t n);
char *qg_arena_strndup(qg_arena *a, const char *s, size_t n);
void qg_arena_free(qg_arena *a);

/* Map from 64-bit keys (hashes) to uint32, same contract. */
typedef struct qg_u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, count;
} qg_u64map;
uint32_t qg_u64map_get(const qg_u64map *m, uint64_t key);
uint32_t qg_u64map_put(qg_u64map *m, uint64_t key, uint32_t val);
void qg_u64map_free(qg_u64map *m);

/* ISO 8601 date or date-time ("2016-02-08", "2016-02-08T14:05:00Z", "...+01:00", with a space
 * for T, fractions of seconds) to milliseconds since 1970-01-01T00:00Z (no offset: UTC).
 * Returns false when the text is not such a date. */
bool qg_iso8601_ms(const char *s, int64_t *ms);

/* JSON writing into a strbuf: a string with escapes (UTF-8 kept), null for NULL. */
void qg_json_str(qg_strbuf *b, const char *s);
void qg_json_strn(qg_strbuf *b, const char *s, size_t n);
/* A real as jansson writes it with JSON_REAL_PRECISION(6) ("%.6g", ".0" added). */
void qg_json_real(qg_strbuf *b, double v);
/* Rounded to 3 decimals, as the document JSON does for confidences. */
double qg_round3(double v);

/* Stable merge sort with a context; false when memory runs out (base unchanged then). */
typedef int (*qg_cmp_fn)(const void *a, const void *b, void *ctx);
bool qg_sort(void *base, size_t n, size_t size, qg_cmp_fn cmp, void *ctx);

/* ---- normalisation (norm.c, ICU) ---- */

typedef struct qg_norm qg_norm;
qg_status qg_norm_new(qg_norm **out, qg_error *err);
void qg_norm_free(qg_norm *n);
/* Words of s for matching: NFKC case folding, accents of U+0300–U+036F removed, words are runs
 * of letters, digits and marks (an apostrophe between letters is dropped: "don’t" = "dont"),
 * each ideograph or kana its own word. Writes the words joined by one space into out
 * (replacing its contents) and returns the number of words, or -1 when ICU fails. */
long qg_norm_words(qg_norm *n, const char *s, size_t len, qg_strbuf *out);

/* ---- atoms ---- */

enum { CQ_DIRECT = 0, CQ_INDIRECT = 1, CQ_MIXED = 2 };

typedef struct cq_quote {
    uint32_t article; /* index into articles */
    uint32_t n;       /* 1-based number in its article: the "qN" of the extract record */
    uint8_t type;
    bool has_speaker;
    const char *text; /* content as written */
    uint32_t text_len;
    int64_t start, end;
    const char *cue;                                      /* cue words, or NULL */
    const char *sp_name, *sp_kind, *sp_org, *sp_org_kind; /* speaker as the article names it */
    double confidence;
    const char *rule;
    /* derived by qg_corpus_build() */
    uint32_t norm;    /* distinct normalised text, or CQ_NONE when it has no words */
    uint32_t speaker; /* entity, or CQ_NONE */
    uint32_t org;     /* entity the speaker speaks for in this quote, or CQ_NONE */
    uint32_t group;
    uint32_t variant; /* index of its wording among its group's variants */
    uint32_t rank;    /* position in first-appearance order */
} cq_quote;

typedef struct cq_article {
    const char *id, *url, *title, *outlet, *published, *author;
    int64_t chars;   /* -1 when unknown */
    uint32_t q0, nq; /* its quotes: quotes[q0 .. q0+nq) */
    bool dead;       /* a duplicate id that lost (see qg_corpus_add) */
    uint32_t record;       /* the qg_corpus_add() call that brought it, from 1 */
    uint32_t first_record; /* the first call that brought its id */
    /* derived */
    bool has_time;
    int64_t time_ms;
    uint32_t outlet_ent; /* entity of the outlet, or CQ_NONE */
} cq_article;

typedef struct cq_error {
    const char *id, *file, *message;
    int64_t line; /* 0 when none */
} cq_error;

/* ---- derived ---- */

typedef struct cq_entity {
    const char *key;  /* the node id: "person:donald_trump", "role:spokesman@barclays" */
    const char *kind; /* static: person, role, organization, outlet, anonymous */
    uint32_t ntok;    /* words in the normalised name */
    uint32_t parent;  /* union-find link for corpus-level linking; itself when a root */
    const char *name; /* display name: the most frequent spelling */
    uint32_t org;     /* most frequent affiliation (entity), or CQ_NONE */
    uint32_t quotes, articles, outlets_published, speakers_affiliated, aff_quotes;
    uint32_t published; /* articles it published (outlets from metadata) */
    uint32_t order;     /* position in the output */
    uint32_t bo0, bon;  /* by-outlet counts: byoutlet[bo0 .. bo0+bon) */
    uint32_t nm0, nmn;  /* spellings: names[nm0 .. nm0+nmn) */
} cq_entity;

typedef struct cq_count {
    uint32_t id, n;
} cq_count;

typedef struct cq_norm_text {
    const char *s; /* words joined by spaces */
    uint32_t len, words;
    uint32_t sh0, shn; /* shingle ranks (ascending) in shingles[sh0 .. sh0+shn) */
} cq_norm_text;

typedef struct cq_group {
    const char *id;  /* "g" + 16 hex digits */
    uint32_t m0, mn; /* appearances (quote indices in first-appearance order): members[m0..) */
    uint32_t v0, vn; /* variants: variants[v0 ..) */
    uint32_t articles, outlets;
    uint32_t sp0, spn; /* distinct speakers in order of first attribution: gspeakers[sp0 ..) */
    bool conflict;
    uint32_t order;
} cq_group;

typedef struct cq_variant {
    uint32_t norm;  /* distinct text, or CQ_NONE */
    uint32_t first; /* quote index of its first appearance */
    uint32_t count;
    const char *relation; /* original, truncated, extended, altered */
    double similarity;
} cq_variant;

typedef struct cq_edge {
    uint32_t source, target; /* node indices */
    const char *relation;
    double weight, confidence;
} cq_edge;

typedef struct cq_node {
    const char *id, *node_type, *label;
    uint32_t ref; /* article, group or entity index, by node_type */
    uint8_t what; /* 0 article, 1 quote group, 2 entity */
} cq_node;

struct qg_corpus {
    qg_corpus_opts opts;
    qg_arena arena;
    QG_VEC(cq_article) articles;
    QG_VEC(cq_quote) quotes;
    QG_VEC(cq_error) errors;
    qg_smap by_id; /* article id → index of the live copy */
    size_t duplicates;
    const char *duplicate_ids[QG_CORPUS_MAX_DUPLICATE_IDS]; /* the first ones, borrowed from articles */
    size_t records;                   /* successful qg_corpus_add() calls */
    QG_VEC(qg_corpus_repeat) repeats; /* every id added again, in input order */
    bool built;
    /* derived */
    QG_VEC(cq_entity) entities;
    QG_VEC(cq_count) byoutlet;
    QG_VEC(const char *) names;
    QG_VEC(cq_norm_text) norms;
    QG_VEC(uint32_t) shingles;
    QG_VEC(cq_group) groups;
    QG_VEC(uint32_t) members;
    QG_VEC(cq_variant) variants;
    QG_VEC(uint32_t) gspeakers;
    QG_VEC(uint32_t) group_order;  /* groups with two or more appearances, in output order */
    QG_VEC(uint32_t) entity_order; /* entities in output order */
    QG_VEC(uint32_t) article_order;
    QG_VEC(cq_node) nodes;
    QG_VEC(cq_edge) edges;
    size_t conflicts, cross_article;
};

/* The atom of one article as canonical JSON (no derived keys): used to compare duplicates. */
void qg_corpus_atom_json(qg_strbuf *b, const qg_corpus *c, const cq_article *a, bool with_derived);

qg_status qg_corpus_write_graphml(FILE *fp, const qg_corpus *c, qg_error *err);

static inline const char *cq_type_str(uint8_t t)
{
    return t == CQ_MIXED ? "mixed" : t == CQ_INDIRECT ? "indirect" : "direct";
}

#endif
