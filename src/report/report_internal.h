/* The report stage: a merged corpus read into compact tables (load.c), the rankings, PageRank
 * and the graph view computed from them (compute.c, the only file that uses igraph), and the
 * HTML and Markdown writers (write.c over the escapers of escape.c). Internal: never
 * installed. */
#ifndef QG_REPORT_INTERNAL_H
#define QG_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <quotegraph/report.h>

#include "../core/strbuf.h"
#include "../core/vec.h"

#define RP_NONE UINT32_MAX

/* ---- memory: strings copied into big blocks, freed at once ---- */

typedef struct rp_block rp_block;
typedef struct rp_arena {
    rp_block *head;
} rp_arena;

/* A copy of s[0..len) with a final NUL, or NULL when memory runs out. */
char *rp_strndup(rp_arena *a, const char *s, size_t len);
void *rp_alloc(rp_arena *a, size_t size); /* zeroed, aligned for any scalar */
void rp_arena_free(rp_arena *a);

/* ---- string -> index map (open addressing, FNV-1a) ---- */

typedef struct rp_map {
    struct rp_slot {
        const char *key; /* borrowed: lives in the report's arena */
        uint32_t val;
        uint32_t hash;
    } * slots;
    size_t cap, count;
} rp_map;

/* The value of key, or RP_NONE. */
uint32_t rp_map_get(const rp_map *m, const char *key);
/* Insert key (which must stay alive) with val; false when memory runs out. An existing key
 * keeps its value and *existing receives it (RP_NONE when the key is new). */
bool rp_map_put(rp_map *m, const char *key, uint32_t val, uint32_t *existing);
void rp_map_free(rp_map *m);

/* ---- the corpus, as the report needs it ---- */

typedef struct rp_article {
    const char *id, *title, *url, *published;
    uint32_t outlet; /* entity, or RP_NONE */
    uint32_t q0, nq; /* its quotes in rp_report.quotes */
} rp_article;

typedef struct rp_quote {
    uint32_t article, speaker, org; /* speaker and org: entities, or RP_NONE */
} rp_quote;

typedef struct rp_entity {
    const char *id, *kind, *name;
    uint32_t org;              /* entity or RP_NONE */
    uint64_t quotes, articles; /* as merge counted them */
    uint64_t outlets;          /* outlets that quote it (length of by_outlet) */
    uint64_t published;        /* articles it published (outlets) */
    uint64_t affiliated;       /* speakers who speak for it */
    bool defined;              /* false: only referred to so far */
    size_t ref_offset;         /* where it was first referred to (for errors) */
    uint32_t node;             /* its graph node, or RP_NONE */
    double pagerank;           /* on the corpus graph; 0 without a node */
    uint64_t degree;           /* edges in and out, on the corpus graph */
    /* computed from the quotes */
    uint64_t org_quotes;   /* quotes of the speakers whose org it is */
    uint64_t org_articles; /* articles with a quote by it or for it */
    uint32_t mark;         /* scratch: last article counted */
} rp_entity;

typedef struct rp_appearance {
    uint32_t article, speaker; /* speaker may be RP_NONE */
    uint64_t variant;
} rp_appearance;

typedef struct rp_variant {
    const char *text, *relation;
    double similarity;
    uint64_t appearances;
} rp_variant;

typedef struct rp_group {
    const char *id, *text;
    uint64_t appearances, articles, outlets;
    bool conflict;
    rp_appearance first;
    rp_appearance *repeats;
    size_t nrepeats;
    rp_variant *variants;
    size_t nvariants;
    uint32_t *speakers;
    size_t nspeakers;
} rp_group;

typedef struct rp_attribution {
    uint32_t speaker;
    const char *name;
    uint64_t appearances;
    uint32_t *articles;
    size_t narticles;
    rp_appearance first;
} rp_attribution;

typedef struct rp_conflict {
    const char *group, *text;
    rp_attribution *attrs;
    size_t nattrs;
    uint64_t appearances, articles; /* over all attributions */
} rp_conflict;

typedef struct rp_error_rec {
    const char *id, *file, *message;
    long long line; /* 0: none */
} rp_error_rec;

typedef struct rp_edge {
    uint32_t source, target;
    double weight;
} rp_edge;

/* One row of the per-outlet overview. */
typedef struct rp_outlet_row {
    uint32_t outlet; /* entity, or RP_NONE for articles with no outlet */
    uint64_t articles, quotes, attributed, anonymous;
    uint32_t *top; /* sources, best first */
    uint64_t *top_quotes, *top_articles;
    size_t ntop;
    uint64_t sources; /* distinct sources quoted */
} rp_outlet_row;

/* The drawn part of the graph: articles or outlets, sources and organisations, with the
 * quote nodes folded into the edges. */
typedef struct rp_vnode {
    uint32_t entity;  /* entity, or RP_NONE for an article */
    uint32_t article; /* article when entity is RP_NONE */
    double x, y, r;   /* in the SVG's user units */
    uint64_t weight;  /* quotes on its edges (weighted degree) */
    bool label;       /* drawn with a visible label */
} rp_vnode;

typedef struct rp_vedge {
    uint32_t a, b; /* rp_vnode indices */
    uint64_t weight;
    bool affiliation; /* speaker -> organisation, else publisher -> speaker */
} rp_vedge;

struct qg_report {
    qg_report_opts opts;
    rp_arena arena;
    const char *title;
    const char *version; /* quotegraph_version of the input */
    double similarity;   /* merge settings, or < 0 when absent */
    long long min_shared, min_words;
    QG_VEC(rp_article) articles;
    QG_VEC(rp_quote) quotes;
    QG_VEC(rp_entity) entities;
    QG_VEC(rp_group) groups; /* groups with two or more appearances */
    QG_VEC(rp_conflict) conflicts;
    QG_VEC(rp_error_rec) errors;
    QG_VEC(rp_edge) edges;
    size_t nodes;
    rp_map article_ids, entity_ids, node_ids;
    /* computed (compute.c) */
    uint64_t attributed, anonymous, by_kind[6];      /* kinds: see rp_kind_index() */
    uint32_t *by_quotes, *by_articles, *by_pagerank; /* sources (entities with quotes) */
    size_t nsources;
    uint32_t *orgs; /* organisations, best first */
    size_t norgs;
    uint64_t organisations_total; /* entities of kind organization */
    uint32_t *group_order;        /* repeated groups in 2+ articles, best first */
    size_t ngroup_order;
    uint64_t within_article_groups; /* groups repeated inside one article only */
    uint64_t cross_outlet_groups;   /* groups found in two or more outlets */
    uint32_t *conflict_order;
    rp_outlet_row *outlet_rows;
    size_t noutlet_rows;
    rp_vnode *vnodes;
    size_t nvnodes;
    rp_vedge *vedges;
    size_t nvedges;
    size_t view_candidates; /* nodes of the folded graph before the cap */
};

/* load.c: fill r from the corpus document. */
qg_status rp_load(qg_report *r, const char *json, size_t len, qg_error *err);
/* compute.c */
qg_status rp_compute(qg_report *r, qg_error *err);
/* Index of a kind in by_kind: 0 person, 1 role, 2 organization, 3 outlet, 4 anonymous,
 * 5 other. */
int rp_kind_index(const char *kind);

/* ---- escaping (escape.c) ---- */

/* HTML text and double- or single-quoted attribute values: & < > " ' escaped, C0 controls
 * other than tab, line feed and carriage return and DEL replaced by U+FFFD. */
void rp_esc_html(qg_strbuf *b, const char *s);
/* The same, and with br a line break (CR, LF, CRLF, U+2028, U+2029, U+0085) becomes <br>: for
 * HTML text outside SVG (a <br> inside SVG would end the SVG element). */
void rp_esc_html_br(qg_strbuf *b, const char *s, bool br);
/* A JSON string literal safe inside an HTML script element: < > & U+2028 U+2029 and every
 * control character as \uXXXX. */
void rp_esc_json_script(qg_strbuf *b, const char *s);
/* A Markdown (GFM) table cell or inline text: ASCII punctuation that Markdown or HTML give a
 * meaning to is backslash-escaped; a line break (CR, LF, CRLF, U+2028, U+2029) becomes <br>;
 * tabs and other controls become a space. */
void rp_esc_md(qg_strbuf *b, const char *s);
/* True for an absolute http: or https: URL without control characters or spaces. */
bool rp_url_ok(const char *url);
/* A URL for a Markdown link destination: ( ) < > space and controls percent-encoded. */
void rp_esc_md_url(qg_strbuf *b, const char *url);
/* SHA-256 of data, as base64 (44 characters and NUL) for a CSP source. */
void rp_sha256_base64(const void *data, size_t len, char out[45]);

/* ---- writing (write.c) ---- */
qg_status rp_write(FILE *fp, const qg_report *r, qg_report_format format, qg_error *err);

#endif
