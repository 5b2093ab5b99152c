/* The citation graph of one document, in igraph (directed). igraph is used only here and in
 * export/graphml.c. Every igraph status is checked; the aborting default error handler is
 * replaced once by qg_init(). */
#include <quotegraph/graph.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "../core/error.h"
#include "../core/hash.h"
#include "../core/strbuf.h"
#include "graph_internal.h"

static void quiet_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

void qg_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(quiet_warning);
    igraph_set_attribute_table(&igraph_cattribute_table);
}

/* Valid XML 1.0 text: drop C0 controls but TAB/LF/CR, DEL-range C1 controls, U+FFFE/U+FFFF;
 * the input is valid UTF-8 already (decode/ repaired it). */
char *qg_graph_sanitize(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (size_t i = 0; i < len;) {
        if (i + 8 <= len) {
            /* eight bytes in 0x20..0x7F (no high bit, none below 0x20) are copied as they are */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!((w | ((w - 0x20 * ones) & ~w)) & highs)) {
                memcpy(out + o, &w, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        unsigned char b = (unsigned char)s[i];
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
            i++;
            continue;
        }
        if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] < 0xA0) {
            i += 2; /* U+0080..U+009F */
            continue;
        }
        if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
            i += 3;
            continue;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

static qg_status check_ig(igraph_error_t e, const char *what, qg_error *err)
{
    if (e == IGRAPH_SUCCESS)
        return QG_OK;
    if (e == IGRAPH_ENOMEM)
        return QG_OOM(err);
    return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "igraph: %s failed: %s", what,
                        igraph_strerror(e));
}

static char *dup_span(const qg_doc *doc, qg_span s)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    return qg_graph_sanitize(t + s.begin, s.end - s.begin);
}

static char *dup_str(const char *s)
{
    return qg_graph_sanitize(s, strlen(s));
}

static qg_graph_node *add_node(qg_graph *g, char *id, const char *type, char *label,
                               const char *anonymous, double quotes)
{
    qg_graph_node *n = qg_vec_push(&g->nodes);
    if (!n || !id || !label) {
        free(id);
        free(label);
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->id = id;
    n->node_type = type;
    n->label = label;
    n->anonymous = anonymous;
    n->quotes = quotes;
    n->entity = n->quote = QG_NONE;
    return n;
}

/* Parallel edges (same source, target and relation) collapse into one with a weight. Edges are
 * few per node, so the check looks at the edges already leaving the same source. */
static qg_status add_edge(qg_graph *g, size_t s, size_t t, const char *rel, double conf)
{
    for (size_t i = g->edges.count; i-- > 0;) {
        qg_graph_edge *e = &g->edges.items[i];
        if (e->source == s && e->target == t && !strcmp(e->relation, rel)) {
            e->weight += 1;
            if (conf > e->confidence)
                e->confidence = conf;
            return QG_OK;
        }
        if (g->edges.count - i > 64)
            break; /* bounded: within one article a repeat is always close */
    }
    qg_graph_edge *e = qg_vec_push(&g->edges);
    if (!e)
        return QG_ENOMEM;
    e->source = s;
    e->target = t;
    e->relation = rel;
    e->weight = 1;
    e->confidence = conf;
    return QG_OK;
}

/* v in decimal at out (room for 20 digits); returns the number of digits. */
static size_t decimal(char *out, size_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* "quote:" + 16 hex digits of FNV-1a 64 over: the document id, NUL, the quote's text with every
 * run of white space as one space, NUL, its start and end code point offsets in decimal. */
static char *quote_id(const qg_doc *doc, const qg_quote *q)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    /* this offset basis (a digit short of FNV's) is the one the ids were first published with:
     * kept, so that quote ids stay stable across versions */
    uint64_t h = 1469598103934665603ULL;
    const char *id = qg_doc_id(doc);
    h = qg_fnv1a64_update(h, id, strlen(id) + 1);
    bool space = false;
    for (size_t i = q->content.begin; i < q->content.end; i++) {
        char ch = t[i];
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            space = true;
            continue;
        }
        if (space)
            h = qg_fnv1a64_byte(h, ' ');
        space = false;
        h = qg_fnv1a64_byte(h, (unsigned char)ch);
    }
    /* NUL, start, ':', end in decimal (was snprintf "%c%zu:%zu") */
    char num[64];
    size_t n = 0;
    num[n++] = '\0';
    n += decimal(num + n, qg_doc_cp_offset(doc, q->content.begin));
    num[n++] = ':';
    n += decimal(num + n, qg_doc_cp_offset(doc, q->content.end));
    h = qg_fnv1a64_update(h, num, n);
    /* "quote:%016llx" */
    static const char hex[] = "0123456789abcdef";
    char out[40] = "quote:";
    for (int i = 0; i < 16; i++)
        out[6 + i] = hex[(h >> (60 - 4 * i)) & 15];
    out[22] = '\0';
    return dup_str(out);
}

static const char *anon_str(int a)
{
    return a > 0 ? "yes" : a == 0 ? "no" : "unknown";
}

/* Mirror the node and edge lists into an igraph graph with C attributes. */
static qg_status build_igraph(qg_graph *g, qg_error *err)
{
    qg_status st;
    igraph_t *ig = &g->ig;
    if ((st = check_ig(igraph_empty(ig, (igraph_integer_t)g->nodes.count, IGRAPH_DIRECTED),
                       "igraph_empty", err)))
        return st;
    g->has_ig = true;
    igraph_vector_int_t ev;
    if ((st = check_ig(igraph_vector_int_init(&ev, (igraph_integer_t)(2 * g->edges.count)),
                       "igraph_vector_int_init", err)))
        return st;
    for (size_t i = 0; i < g->edges.count; i++) {
        VECTOR(ev)[2 * i] = (igraph_integer_t)g->edges.items[i].source;
        VECTOR(ev)[2 * i + 1] = (igraph_integer_t)g->edges.items[i].target;
    }
    st = check_ig(igraph_add_edges(ig, &ev, NULL), "igraph_add_edges", err);
    igraph_vector_int_destroy(&ev);
    if (st)
        return st;
    return QG_OK;
}

qg_status qg_graph_set_attributes(qg_graph *g, qg_error *err)
{
    qg_status st;
    igraph_t *ig = &g->ig;
    if (g->has_attrs)
        return QG_OK;
    /* edge attributes first: GraphML then lists "label" as the first <data> of each edge */
    for (size_t i = 0; i < g->edges.count; i++) {
        const qg_graph_edge *e = &g->edges.items[i];
        igraph_integer_t id = (igraph_integer_t)i;
        char edgeid[32];
        snprintf(edgeid, sizeof edgeid, "x%zu", i);
        if ((st = check_ig(igraph_cattribute_EAS_set(ig, "label", id, e->relation), "set label", err)) ||
            (st = check_ig(igraph_cattribute_EAS_set(ig, "relation", id, e->relation), "set relation", err)) ||
            (st = check_ig(igraph_cattribute_EAN_set(ig, "weight", id, e->weight), "set weight", err)) ||
            (st = check_ig(igraph_cattribute_EAN_set(ig, "confidence", id, e->confidence), "set confidence", err)) ||
            (st = check_ig(igraph_cattribute_EAS_set(ig, "edgeid", id, edgeid), "set edgeid", err)))
            return st;
    }
    for (size_t i = 0; i < g->nodes.count; i++) {
        const qg_graph_node *n = &g->nodes.items[i];
        char labels[64];
        snprintf(labels, sizeof labels, ":%c%s", n->node_type[0] - 32, n->node_type + 1);
        igraph_integer_t v = (igraph_integer_t)i;
        if ((st = check_ig(igraph_cattribute_VAS_set(ig, "label", v, n->label), "set label", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "name", v, n->id), "set name", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "node_type", v, n->node_type), "set node_type", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "labels", v, labels), "set labels", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "text", v, n->text ? n->text : ""), "set text", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "org", v, n->org ? n->org : ""), "set org", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "role", v, n->role ? n->role : ""), "set role", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "anonymous", v, n->anonymous), "set anonymous", err)) ||
            (st = check_ig(igraph_cattribute_VAN_set(ig, "quotes", v, n->quotes), "set quotes", err)) ||
            (st = check_ig(igraph_cattribute_VAN_set(ig, "mentions", v, n->mentions), "set mentions", err)) ||
            (st = check_ig(igraph_cattribute_VAN_set(ig, "pagerank", v, n->pagerank), "set pagerank", err)) ||
            (st = check_ig(igraph_cattribute_VAN_set(ig, "degree", v, n->degree), "set degree", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "headline", v, n->headline ? n->headline : ""), "set headline", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "outlet", v, n->outlet ? n->outlet : ""), "set outlet", err)) ||
            (st = check_ig(igraph_cattribute_VAS_set(ig, "author", v, n->author ? n->author : ""), "set author", err)))
            return st;
    }
    g->has_attrs = true;
    return QG_OK;
}

/* PageRank and degree of every node (igraph). */
static qg_status analyse(qg_graph *g, qg_error *err)
{
    qg_status st;
    igraph_vector_t pr, w;
    igraph_vector_int_t deg;
    igraph_real_t value;
    size_t n = g->nodes.count;
    if ((st = check_ig(igraph_vector_init(&pr, 0), "igraph_vector_init", err)))
        return st;
    if ((st = check_ig(igraph_vector_init(&w, (igraph_integer_t)g->edges.count), "igraph_vector_init", err))) {
        igraph_vector_destroy(&pr);
        return st;
    }
    if ((st = check_ig(igraph_vector_int_init(&deg, 0), "igraph_vector_int_init", err))) {
        igraph_vector_destroy(&pr);
        igraph_vector_destroy(&w);
        return st;
    }
    for (size_t i = 0; i < g->edges.count; i++)
        VECTOR(w)[i] = g->edges.items[i].weight;
    st = check_ig(igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value, igraph_vss_all(),
                                  /* directed */ true, 0.85, g->edges.count ? &w : NULL, NULL),
                  "igraph_pagerank", err);
    if (!st)
        st = check_ig(igraph_degree(&g->ig, &deg, igraph_vss_all(), IGRAPH_ALL, /* loops */ true),
                      "igraph_degree", err);
    if (!st) {
        for (size_t i = 0; i < n; i++) {
            double p = VECTOR(pr)[i];
            /* rounded so that the last bits of the solver never change the output */
            g->nodes.items[i].pagerank = isfinite(p) ? round(p * 1e6) / 1e6 : 0;
            g->nodes.items[i].degree = (double)VECTOR(deg)[i];
        }
    }
    igraph_vector_destroy(&pr);
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&deg);
    return st;
}

static int cmp_rank(const void *a, const void *b)
{
    const qg_graph_rank *x = a, *y = b;
    if (x->quotes != y->quotes)
        return x->quotes > y->quotes ? -1 : 1;
    if (x->pagerank != y->pagerank)
        return x->pagerank > y->pagerank ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

static qg_status summarise(qg_graph *g, const qg_doc *doc, qg_error *err)
{
    size_t nq, ne;
    const qg_quote *quotes = qg_doc_quotes(doc, &nq);
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    qg_graph_summary *s = &g->summary;
    s->quotes = nq;
    double *org_quotes = calloc(ne + 1, sizeof *org_quotes);
    size_t *seen = calloc(ne + 1, sizeof *seen);
    if (!org_quotes || !seen) {
        free(org_quotes);
        free(seen);
        return QG_OOM(err);
    }
    for (size_t q = 0; q < nq; q++) {
        size_t sp = quotes[q].speaker;
        if (sp == QG_NONE)
            continue;
        s->attributed++;
        if (ents[sp].anonymous > 0)
            s->anonymous_quotes++;
        /* the organisations the quote speaks for: the speaker, its affiliation, their parents */
        size_t at = sp;
        for (int step = 0; step < 8 && at != QG_NONE; step++) {
            if (seen[at] == q + 1)
                break;
            seen[at] = q + 1;
            if (ents[at].kind == QG_ENTITY_ORGANIZATION)
                org_quotes[at] += 1;
            at = ents[at].affiliation != QG_NONE ? ents[at].affiliation : ents[at].part_of;
        }
    }
    for (size_t e = 0; e < ne; e++) {
        const qg_graph_node *n = &g->nodes.items[g->entity_base + e];
        bool source = ents[e].quotes > 0 || (ents[e].flags & (QG_ENTITY_SOURCE | QG_ENTITY_CITED));
        if (source) {
            s->sources++;
            s->anonymous_sources += ents[e].anonymous > 0;
            qg_graph_rank *r = qg_vec_push(&g->source_ranks);
            if (!r)
                break;
            *r = (qg_graph_rank){g->entity_base + e, (double)ents[e].quotes, n->pagerank, n->degree};
        }
        if (ents[e].kind == QG_ENTITY_ORGANIZATION) {
            qg_graph_rank *r = qg_vec_push(&g->org_ranks);
            if (!r)
                break;
            *r = (qg_graph_rank){g->entity_base + e, org_quotes[e], n->pagerank, n->degree};
        }
    }
    free(org_quotes);
    free(seen);
    if (g->source_ranks.count < s->sources)
        return QG_OOM(err);
    if (g->source_ranks.count)
        qsort(g->source_ranks.items, g->source_ranks.count, sizeof *g->source_ranks.items, cmp_rank);
    if (g->org_ranks.count)
        qsort(g->org_ranks.items, g->org_ranks.count, sizeof *g->org_ranks.items, cmp_rank);
    s->anonymous_share = s->sources ? (double)s->anonymous_sources / (double)s->sources : 0;
    s->anonymous_quote_share = s->attributed ? (double)s->anonymous_quotes / (double)s->attributed : 0;
    s->source_ranks = g->source_ranks.items;
    s->source_count = g->source_ranks.count;
    s->organization_ranks = g->org_ranks.items;
    s->organization_count = g->org_ranks.count;
    return QG_OK;
}

/* Authors of the byline, joined with "|" (GraphML has no list type). */
static char *authors_of(const qg_doc *doc, const qg_article_meta *meta)
{
    qg_strbuf sb = QG_STRBUF_INIT;
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    for (size_t i = 0; i < meta->author_count; i++) {
        if (i)
            qg_strbuf_append(&sb, "|", 1);
        qg_strbuf_append(&sb, t + meta->authors[i].begin, meta->authors[i].end - meta->authors[i].begin);
    }
    char *joined = qg_strbuf_take(&sb);
    char *clean = joined ? dup_str(joined) : NULL;
    free(joined);
    return clean;
}

qg_status qg_graph_build(qg_graph **out, const qg_doc *doc, qg_error *err)
{
    *out = NULL;
    qg_graph *g = calloc(1, sizeof *g);
    if (!g)
        return QG_OOM(err);
    qg_status st = QG_OK;
    size_t nq, ne;
    const qg_quote *quotes = qg_doc_quotes(doc, &nq);
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    const qg_article_meta *meta = qg_doc_meta(doc);
    bool oom = false;
    /* the article */
    {
        qg_strbuf id = QG_STRBUF_INIT;
        qg_strbuf_puts(&id, "article:");
        qg_strbuf_puts(&id, qg_doc_id(doc));
        char *idt = qg_strbuf_take(&id);
        qg_graph_node *n = add_node(g, idt ? dup_str(idt) : NULL, "article", dup_str(qg_doc_id(doc)),
                                    "unknown", (double)nq);
        free(idt);
        if (!n)
            oom = true;
        else {
            if (meta->headline.end > meta->headline.begin)
                oom |= !(n->headline = dup_span(doc, meta->headline));
            if (meta->outlet.end > meta->outlet.begin)
                oom |= !(n->outlet = dup_span(doc, meta->outlet));
            if (meta->author_count)
                oom |= !(n->author = authors_of(doc, meta));
        }
    }
    /* entity nodes */
    g->entity_base = g->nodes.count;
    for (size_t e = 0; e < ne && !oom; e++) {
        const char *org = ents[e].affiliation != QG_NONE ? ents[ents[e].affiliation].name
                          : ents[e].part_of != QG_NONE  ? ents[ents[e].part_of].name
                                                        : NULL;
        qg_graph_node *n = add_node(g, dup_str(ents[e].id ? ents[e].id : ents[e].name),
                                    qg_entity_kind_str(ents[e].kind), dup_str(ents[e].name),
                                    anon_str(ents[e].anonymous), (double)ents[e].quotes);
        if (!n) {
            oom = true;
            break;
        }
        n->entity = e;
        n->mentions = (double)ents[e].mention_count;
        if (org)
            oom |= !(n->org = dup_str(org));
        if (ents[e].role.end > ents[e].role.begin)
            oom |= !(n->role = dup_span(doc, ents[e].role));
    }
    /* quote nodes */
    g->quote_base = g->nodes.count;
    for (size_t q = 0; q < nq && !oom; q++) {
        char *text = dup_span(doc, quotes[q].content);
        char *label = NULL;
        if (text) {
            /* a short label: the first 60 bytes at a code point boundary */
            size_t n = strlen(text);
            if (n > 60) {
                n = 60;
                while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
                    n--;
            }
            label = malloc(n + 4);
            if (label) {
                memcpy(label, text, n);
                strcpy(label + n, strlen(text) > n ? "…" : "");
            }
        }
        qg_graph_node *node = add_node(g, quote_id(doc, &quotes[q]), "quote", label, "unknown", 1);
        if (!node) {
            free(text);
            oom = true;
            break;
        }
        node->text = text;
        node->quote = q;
        oom |= !text;
    }
    for (size_t q = 0; q < nq && !oom; q++) {
        size_t qn = g->quote_base + q;
        if (add_edge(g, 0, qn, "contains", 1.0))
            oom = true;
        if (!oom && quotes[q].speaker != QG_NONE &&
            add_edge(g, qn, g->entity_base + quotes[q].speaker, "attributed_to", quotes[q].confidence))
            oom = true;
    }
    for (size_t e = 0; e < ne && !oom; e++) {
        size_t en = g->entity_base + e;
        if (ents[e].affiliation != QG_NONE &&
            add_edge(g, en, g->entity_base + ents[e].affiliation, "affiliated_with", 1.0))
            oom = true;
        if (!oom && ents[e].part_of != QG_NONE &&
            add_edge(g, en, g->entity_base + ents[e].part_of, "part_of", 1.0))
            oom = true;
    }
    for (size_t e = 0; e < ne && !oom; e++) {
        size_t en = g->entity_base + e;
        unsigned f = ents[e].flags;
        bool citable = ents[e].kind == QG_ENTITY_OUTLET || ents[e].kind == QG_ENTITY_DOCUMENT;
        if ((f & QG_ENTITY_PUBLISHER) && add_edge(g, 0, en, "published_by", 1.0))
            oom = true;
        if (!oom && (f & QG_ENTITY_AUTHOR) && add_edge(g, 0, en, "authored_by", 1.0))
            oom = true;
        if (!oom && citable && !(f & QG_ENTITY_PUBLISHER) &&
            ((f & QG_ENTITY_CITED) || ents[e].quotes > 0) && add_edge(g, 0, en, "cites", 1.0))
            oom = true;
    }
    if (oom) {
        qg_graph_free(g);
        return QG_OOM(err);
    }
    if ((st = build_igraph(g, err)) || (st = analyse(g, err)) || (st = summarise(g, doc, err))) {
        qg_graph_free(g);
        return st;
    }
    *out = g;
    return QG_OK;
}

const qg_graph_summary *qg_graph_summary_of(const qg_graph *g)
{
    return &g->summary;
}

size_t qg_graph_entity_node(const qg_graph *g, size_t e)
{
    return g->entity_base + e;
}

size_t qg_graph_quote_node(const qg_graph *g, size_t q)
{
    return g->quote_base + q;
}

void qg_graph_free(qg_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nodes.count; i++) {
        qg_graph_node *n = &g->nodes.items[i];
        free((char *)n->id);
        free((char *)n->label);
        free((char *)n->text);
        free((char *)n->org);
        free((char *)n->role);
        free((char *)n->headline);
        free((char *)n->outlet);
        free((char *)n->author);
    }
    qg_vec_free(&g->source_ranks);
    qg_vec_free(&g->org_ranks);
    qg_vec_free(&g->nodes);
    qg_vec_free(&g->edges);
    if (g->has_ig)
        igraph_destroy(&g->ig);
    free(g);
}

size_t qg_graph_node_count(const qg_graph *g)
{
    return g->nodes.count;
}

size_t qg_graph_edge_count(const qg_graph *g)
{
    return g->edges.count;
}

qg_graph_node qg_graph_node_at(const qg_graph *g, size_t i)
{
    return g->nodes.items[i];
}

qg_graph_edge qg_graph_edge_at(const qg_graph *g, size_t i)
{
    return g->edges.items[i];
}
