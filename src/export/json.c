/* The document JSON (docs/output-format.md), built with jansson in a fixed key order. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "../core/error.h"
#include "export_internal.h"

static json_t *entity_id(size_t e);

static json_t *text_of(const qg_doc *doc, qg_span s)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    return json_stringn(t + s.begin, s.end - s.begin);
}

static json_t *int_of(size_t v)
{
    return json_integer((json_int_t)v);
}

/* {"text", "start", "end"} with code point offsets. */
static json_t *span_obj(const qg_doc *doc, qg_span s)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", text_of(doc, s));
    json_object_set_new(o, "start", int_of(qg_doc_cp_offset(doc, s.begin)));
    json_object_set_new(o, "end", int_of(qg_doc_cp_offset(doc, s.end)));
    return o;
}

static json_t *real_of(double v)
{
    if (!isfinite(v))
        v = 0;
    return json_real(round(v * 1000.0) / 1000.0);
}

/* PageRank values are small: 6 decimals. */
static json_t *real6_of(double v)
{
    if (!isfinite(v))
        v = 0;
    return json_real(round(v * 1e6) / 1e6);
}

static json_t *rank_array(const qg_graph *graph, const qg_graph_rank *r, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        qg_graph_node v = qg_graph_node_at(graph, r[i].node);
        json_t *o = json_object();
        json_object_set_new(o, "node", json_string(v.id));
        json_object_set_new(o, "entity", v.entity != QG_NONE ? entity_id(v.entity) : json_null());
        json_object_set_new(o, "name", json_string(v.label));
        json_object_set_new(o, "node_type", json_string(v.node_type));
        json_object_set_new(o, "anonymous", json_string(v.anonymous));
        json_object_set_new(o, "quotes", int_of((size_t)r[i].quotes));
        json_object_set_new(o, "pagerank", real6_of(r[i].pagerank));
        json_object_set_new(o, "degree", int_of((size_t)r[i].degree));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *qg_export_summary_json(const qg_graph *graph)
{
    const qg_graph_summary *s = qg_graph_summary_of(graph);
    json_t *o = json_object();
    json_object_set_new(o, "quotes", int_of(s->quotes));
    json_object_set_new(o, "attributed", int_of(s->attributed));
    json_object_set_new(o, "sources", int_of(s->sources));
    json_object_set_new(o, "anonymous_sources", int_of(s->anonymous_sources));
    json_object_set_new(o, "anonymous_share", real_of(s->anonymous_share));
    json_object_set_new(o, "anonymous_quotes", int_of(s->anonymous_quotes));
    json_object_set_new(o, "anonymous_quote_share", real_of(s->anonymous_quote_share));
    json_object_set_new(o, "top_sources", rank_array(graph, s->source_ranks, s->source_count));
    json_object_set_new(o, "top_organizations",
                        rank_array(graph, s->organization_ranks, s->organization_count));
    return o;
}

static json_t *span_or_null(const qg_doc *doc, qg_span s)
{
    return s.end > s.begin ? span_obj(doc, s) : json_null();
}

static const char *anon_str(int a)
{
    return a > 0 ? "yes" : a == 0 ? "no" : "unknown";
}

static json_t *entity_id(size_t e)
{
    char id[32];
    snprintf(id, sizeof id, "e%zu", e + 1);
    return json_string(id);
}

static json_t *build(const qg_doc *doc, const qg_graph *graph)
{
    size_t len, n;
    qg_doc_text(doc, &len);
    json_t *root = json_object();
    json_object_set_new(root, "quotegraph_version", json_string(QG_VERSION_STRING));
    json_t *d = json_object();
    json_object_set_new(d, "id", json_string(qg_doc_id(doc)));
    json_object_set_new(d, "chars", int_of(qg_doc_cp_offset(doc, len)));
    json_object_set_new(d, "bytes", int_of(qg_doc_source_len(doc)));
    qg_doc_paragraphs(doc, &n);
    json_object_set_new(d, "paragraphs", int_of(n));
    qg_doc_sentences(doc, &n);
    json_object_set_new(d, "sentences", int_of(n));
    const qg_article_meta *meta = qg_doc_meta(doc);
    json_object_set_new(d, "outlet_line", span_or_null(doc, meta->outlet));
    json_object_set_new(d, "headline", span_or_null(doc, meta->headline));
    json_object_set_new(d, "byline", span_or_null(doc, meta->byline));
    json_t *au = json_array();
    for (size_t i = 0; i < meta->author_count; i++)
        json_array_append_new(au, span_obj(doc, meta->authors[i]));
    json_object_set_new(d, "authors", au);
    json_object_set_new(d, "author_role", span_or_null(doc, meta->author_role));
    json_object_set_new(d, "dateline", span_or_null(doc, meta->dateline));
    json_object_set_new(root, "document", d);

    size_t ne;
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    const qg_quote *quotes = qg_doc_quotes(doc, &n);
    json_t *qa = json_array();
    for (size_t i = 0; i < n; i++) {
        const qg_quote *q = &quotes[i];
        json_t *o = json_object();
        char id[32];
        snprintf(id, sizeof id, "q%zu", i + 1);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "type", json_string(qg_quote_type_str(q->type)));
        json_object_set_new(o, "text", text_of(doc, q->content));
        json_object_set_new(o, "start", int_of(qg_doc_cp_offset(doc, q->content.begin)));
        json_object_set_new(o, "end", int_of(qg_doc_cp_offset(doc, q->content.end)));
        json_object_set_new(o, "byte_start", int_of(qg_doc_source_offset(doc, q->content.begin)));
        json_object_set_new(o, "byte_end", int_of(qg_doc_source_offset(doc, q->content.end)));
        json_object_set_new(o, "cue", q->cue.end > q->cue.begin ? span_obj(doc, q->cue) : json_null());
        if (q->speaker != QG_NONE) {
            const qg_entity *e = &ents[q->speaker];
            json_t *sp = json_object();
            json_object_set_new(sp, "entity", entity_id(q->speaker));
            json_object_set_new(sp, "name", json_string(e->name));
            json_object_set_new(sp, "kind", json_string(qg_entity_kind_str(e->kind)));
            const char *org = NULL;
            if (e->affiliation != QG_NONE)
                org = ents[e->affiliation].name;
            else if (e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET)
                org = e->name; /* an organisation speaks for itself */
            json_object_set_new(sp, "org", org ? json_string(org) : json_null());
            json_object_set_new(sp, "mention", span_obj(doc, q->speaker_mention));
            json_object_set_new(o, "speaker", sp);
        } else {
            json_object_set_new(o, "speaker", json_null());
        }
        json_object_set_new(o, "confidence", real_of(q->speaker != QG_NONE ? q->confidence : 0));
        json_object_set_new(o, "rule", json_string(q->rule ? q->rule : "none"));
        if (graph)
            json_object_set_new(o, "node",
                                json_string(qg_graph_node_at(graph, qg_graph_quote_node(graph, i)).id));
        json_array_append_new(qa, o);
    }
    json_object_set_new(root, "quotes", qa);

    json_t *ea = json_array();
    for (size_t i = 0; i < ne; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", entity_id(i));
        json_object_set_new(o, "kind", json_string(qg_entity_kind_str(ents[i].kind)));
        json_object_set_new(o, "name", json_string(ents[i].name));
        json_t *ma = json_array();
        for (size_t m = 0; m < ents[i].mention_count; m++)
            json_array_append_new(ma, span_obj(doc, ents[i].mentions[m].span));
        json_object_set_new(o, "mentions", ma);
        json_object_set_new(o, "affiliation", ents[i].affiliation != QG_NONE
                                                  ? entity_id(ents[i].affiliation)
                                                  : json_null());
        json_object_set_new(o, "node", json_string(ents[i].id ? ents[i].id : ""));
        json_object_set_new(o, "part_of",
                            ents[i].part_of != QG_NONE ? entity_id(ents[i].part_of) : json_null());
        json_object_set_new(o, "role", span_or_null(doc, ents[i].role));
        json_object_set_new(o, "anonymous", json_string(anon_str(ents[i].anonymous)));
        json_object_set_new(o, "quotes", int_of(ents[i].quotes));
        json_object_set_new(o, "source", json_boolean(ents[i].flags & QG_ENTITY_SOURCE));
        json_object_set_new(o, "cited", json_boolean(ents[i].flags & QG_ENTITY_CITED));
        json_object_set_new(o, "author", json_boolean(ents[i].flags & QG_ENTITY_AUTHOR));
        json_object_set_new(o, "publisher", json_boolean(ents[i].flags & QG_ENTITY_PUBLISHER));
        json_array_append_new(ea, o);
    }
    json_object_set_new(root, "entities", ea);

    const qg_term *terms = qg_doc_terms(doc, &n);
    json_t *ta = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = span_obj(doc, terms[i].span);
        json_object_set_new(o, "kind", json_string(terms[i].kind));
        json_array_append_new(ta, o);
    }
    json_object_set_new(root, "quoted_terms", ta);

    const qg_diagnostic *diags = qg_doc_diagnostics(doc, &n);
    json_t *da = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(diags[i].kind));
        json_object_set_new(o, "start", int_of(qg_doc_cp_offset(doc, diags[i].offset)));
        json_object_set_new(o, "message", json_string(diags[i].message));
        json_array_append_new(da, o);
    }
    json_object_set_new(root, "diagnostics", da);

    json_t *g = json_object();
    json_object_set_new(g, "directed", json_true());
    json_t *na = json_array();
    size_t nn = graph ? qg_graph_node_count(graph) : 0;
    for (size_t i = 0; i < nn; i++) {
        qg_graph_node v = qg_graph_node_at(graph, i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(v.id));
        json_object_set_new(o, "node_type", json_string(v.node_type));
        json_object_set_new(o, "label", json_string(v.label));
        if (v.org)
            json_object_set_new(o, "org", json_string(v.org));
        if (v.role)
            json_object_set_new(o, "role", json_string(v.role));
        json_object_set_new(o, "anonymous", json_string(v.anonymous));
        json_object_set_new(o, "quotes", real_of(v.quotes));
        json_object_set_new(o, "mentions", real_of(v.mentions));
        json_object_set_new(o, "pagerank", real6_of(v.pagerank));
        json_object_set_new(o, "degree", real_of(v.degree));
        if (v.headline)
            json_object_set_new(o, "headline", json_string(v.headline));
        if (v.outlet)
            json_object_set_new(o, "outlet", json_string(v.outlet));
        if (v.author)
            json_object_set_new(o, "author", json_string(v.author));
        json_array_append_new(na, o);
    }
    json_object_set_new(g, "nodes", na);
    json_t *xa = json_array();
    size_t nx = graph ? qg_graph_edge_count(graph) : 0;
    for (size_t i = 0; i < nx; i++) {
        qg_graph_edge e = qg_graph_edge_at(graph, i);
        json_t *o = json_object();
        json_object_set_new(o, "source", json_string(qg_graph_node_at(graph, e.source).id));
        json_object_set_new(o, "target", json_string(qg_graph_node_at(graph, e.target).id));
        json_object_set_new(o, "relation", json_string(e.relation));
        json_object_set_new(o, "weight", real_of(e.weight));
        json_object_set_new(o, "confidence", real_of(e.confidence));
        json_array_append_new(xa, o);
    }
    json_object_set_new(g, "edges", xa);
    json_object_set_new(root, "graph", g);
    if (graph)
        json_object_set_new(root, "summary", qg_export_summary_json(graph));
    return root;
}

qg_status qg_export_json(FILE *fp, const qg_doc *doc, const qg_graph *graph, int compact,
                         qg_error *err)
{
    json_t *root = build(doc, graph);
    if (!root)
        return QG_OOM(err);
    size_t flags = JSON_REAL_PRECISION(6) | JSON_ENSURE_ASCII * 0;
    flags |= compact ? JSON_COMPACT : JSON_INDENT(2);
    int rc = json_dumpf(root, fp, flags);
    json_decref(root);
    if (rc != 0 || fputc('\n', fp) == EOF) {
        int e = errno;
        qg_status st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return st;
    }
    return QG_OK;
}
