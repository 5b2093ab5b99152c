/* The citation graph of one document, in igraph (directed). igraph is used only here and in
 * export/graphml.c. Every igraph status is checked; the aborting default error handler is
 * replaced once by qg_init(). */
#include <quotegraph/graph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "../core/error.h"
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
    for (size_t i = 0; i < len;) {
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

static qg_status add_node(qg_graph *g, char *id, const char *type, char *label, char *text,
                          char *org, const char *anonymous, double quotes)
{
    qg_graph_node *n = qg_vec_push(&g->nodes);
    if (!n || !id || !label) {
        free(id);
        free(label);
        free(text);
        free(org);
        return QG_ENOMEM;
    }
    n->id = id;
    n->node_type = type;
    n->label = label;
    n->text = text;
    n->org = org;
    n->anonymous = anonymous;
    n->quotes = quotes;
    return QG_OK;
}

/* Within one article every (source, target, relation) is added once: contains and
 * attributed_to once per quote, affiliated_with once per entity. The check for a parallel edge
 * therefore looks only at the edge added last. */
static qg_status add_edge(qg_graph *g, size_t s, size_t t, const char *rel, double conf)
{
    for (size_t i = g->edges.count ? g->edges.count - 1 : 0; i < g->edges.count; i++) {
        qg_graph_edge *e = &g->edges.items[i];
        if (e->source == s && e->target == t && !strcmp(e->relation, rel)) {
            e->weight += 1; /* parallel edges collapse into one with a weight */
            if (conf > e->confidence)
                e->confidence = conf;
            return QG_OK;
        }
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

static const char *type_of(qg_entity_kind k)
{
    return qg_entity_kind_str(k);
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
    for (size_t i = 0; i < g->nodes.count && !st; i++) {
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
            (st = check_ig(igraph_cattribute_VAS_set(ig, "anonymous", v, n->anonymous), "set anonymous", err)) ||
            (st = check_ig(igraph_cattribute_VAN_set(ig, "quotes", v, n->quotes), "set quotes", err)))
            return st;
    }
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
    return QG_OK;
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
    size_t *speaker_quotes = calloc(ne + 1, sizeof *speaker_quotes);
    if (!speaker_quotes) {
        free(g);
        return QG_OOM(err);
    }
    for (size_t i = 0; i < nq; i++)
        if (quotes[i].speaker != QG_NONE)
            speaker_quotes[quotes[i].speaker]++;
    if (add_node(g, dup_str("article"), "article", dup_str(qg_doc_id(doc)), NULL, NULL, "unknown",
                 (double)nq))
        st = QG_ENOMEM;
    /* entity nodes: index 1 .. ne */
    for (size_t e = 0; e < ne && !st; e++) {
        char id[32];
        snprintf(id, sizeof id, "e%zu", e + 1);
        const char *org = ents[e].affiliation != QG_NONE ? ents[ents[e].affiliation].name : NULL;
        const char *anon = ents[e].kind == QG_ENTITY_ANONYMOUS ? "yes"
                           : ents[e].kind == QG_ENTITY_PERSON ? "no" : "unknown";
        if (add_node(g, dup_str(id), type_of(ents[e].kind), dup_str(ents[e].name), NULL,
                     org ? dup_str(org) : NULL, anon, (double)speaker_quotes[e]))
            st = QG_ENOMEM;
    }
    /* quote nodes: index 1 + ne + q */
    for (size_t q = 0; q < nq && !st; q++) {
        char id[32];
        snprintf(id, sizeof id, "q%zu", q + 1);
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
        if (add_node(g, dup_str(id), "quote", label, text, NULL, "unknown", 1))
            st = QG_ENOMEM;
    }
    for (size_t q = 0; q < nq && !st; q++) {
        size_t qn = 1 + ne + q;
        if (add_edge(g, 0, qn, "contains", 1.0))
            st = QG_ENOMEM;
        if (!st && quotes[q].speaker != QG_NONE &&
            add_edge(g, qn, 1 + quotes[q].speaker, "attributed_to", quotes[q].confidence))
            st = QG_ENOMEM;
    }
    for (size_t e = 0; e < ne && !st; e++)
        if (ents[e].affiliation != QG_NONE &&
            add_edge(g, 1 + e, 1 + ents[e].affiliation, "affiliated_with", 1.0))
            st = QG_ENOMEM;
    free(speaker_quotes);
    if (st) {
        qg_graph_free(g);
        return QG_OOM(err);
    }
    if ((st = build_igraph(g, err))) {
        qg_graph_free(g);
        return st;
    }
    *out = g;
    return QG_OK;
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
    }
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
