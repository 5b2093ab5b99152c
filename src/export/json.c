/* The document JSON (docs/output-format.md), written as a stream in a fixed key order: the bytes
 * jansson's json_dumpf() gave for the tree this file built before (src/export/jsonw.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "export_internal.h"
#include "jsonw.h"

static void text_of(qg_jw *w, const char *key, const qg_doc *doc, qg_span s)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    qg_jw_stringn(w, key, t + s.begin, s.end - s.begin);
}

static void int_of(qg_jw *w, const char *key, size_t v)
{
    qg_jw_int(w, key, (long long)v);
}

/* {"text", "start", "end"} with code point offsets; more members may follow before the close. */
static void span_members(qg_jw *w, const qg_doc *doc, qg_span s)
{
    text_of(w, "text", doc, s);
    int_of(w, "start", qg_doc_cp_offset(doc, s.begin));
    int_of(w, "end", qg_doc_cp_offset(doc, s.end));
}

static void span_obj(qg_jw *w, const char *key, const qg_doc *doc, qg_span s)
{
    qg_jw_begin_object(w, key);
    span_members(w, doc, s);
    qg_jw_end_object(w);
}

static void real_of(qg_jw *w, const char *key, double v)
{
    if (!isfinite(v))
        v = 0;
    qg_jw_real(w, key, round(v * 1000.0) / 1000.0);
}

/* PageRank values are small: 6 decimals. */
static void real6_of(qg_jw *w, const char *key, double v)
{
    if (!isfinite(v))
        v = 0;
    qg_jw_real(w, key, round(v * 1e6) / 1e6);
}

static void entity_id(qg_jw *w, const char *key, size_t e)
{
    qg_jw_prefixed_id(w, key, 'e', e + 1);
}

static void entity_or_null(qg_jw *w, const char *key, size_t e)
{
    if (e != QG_NONE)
        entity_id(w, key, e);
    else
        qg_jw_null(w, key);
}

static void rank_array(qg_jw *w, const char *key, const qg_graph *graph, const qg_graph_rank *r,
                       size_t n)
{
    qg_jw_begin_array(w, key);
    for (size_t i = 0; i < n; i++) {
        qg_graph_node v = qg_graph_node_at(graph, r[i].node);
        qg_jw_begin_object(w, NULL);
        qg_jw_string(w, "node", v.id);
        entity_or_null(w, "entity", v.entity);
        qg_jw_string(w, "name", v.label);
        qg_jw_string(w, "node_type", v.node_type);
        qg_jw_string(w, "anonymous", v.anonymous);
        int_of(w, "quotes", (size_t)r[i].quotes);
        real6_of(w, "pagerank", r[i].pagerank);
        int_of(w, "degree", (size_t)r[i].degree);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
}

static void summary(qg_jw *w, const qg_graph *graph)
{
    const qg_graph_summary *s = qg_graph_summary_of(graph);
    qg_jw_begin_object(w, "summary");
    int_of(w, "quotes", s->quotes);
    int_of(w, "attributed", s->attributed);
    int_of(w, "sources", s->sources);
    int_of(w, "anonymous_sources", s->anonymous_sources);
    real_of(w, "anonymous_share", s->anonymous_share);
    int_of(w, "anonymous_quotes", s->anonymous_quotes);
    real_of(w, "anonymous_quote_share", s->anonymous_quote_share);
    rank_array(w, "top_sources", graph, s->source_ranks, s->source_count);
    rank_array(w, "top_organizations", graph, s->organization_ranks, s->organization_count);
    qg_jw_end_object(w);
}

static void span_or_null(qg_jw *w, const char *key, const qg_doc *doc, qg_span s)
{
    if (s.end > s.begin)
        span_obj(w, key, doc, s);
    else
        qg_jw_null(w, key);
}

static const char *anon_str(int a)
{
    return a > 0 ? "yes" : a == 0 ? "no" : "unknown";
}

static void string_or_null(qg_jw *w, const char *key, const char *s)
{
    if (s)
        qg_jw_string(w, key, s);
    else
        qg_jw_null(w, key);
}

static void document(qg_jw *w, const qg_doc *doc, const qg_export_meta *meta)
{
    size_t len, n;
    qg_doc_text(doc, &len);
    qg_jw_begin_object(w, "document");
    if (meta) {
        qg_jw_string(w, "id", meta->id);
        string_or_null(w, "url", meta->url);
        string_or_null(w, "title", meta->title);
        string_or_null(w, "outlet", meta->outlet);
        string_or_null(w, "published", meta->published);
        string_or_null(w, "author", meta->author);
    } else {
        qg_jw_string(w, "id", qg_doc_id(doc));
    }
    int_of(w, "chars", qg_doc_cp_offset(doc, len));
    int_of(w, "bytes", qg_doc_source_len(doc));
    qg_doc_paragraphs(doc, &n);
    int_of(w, "paragraphs", n);
    qg_doc_sentences(doc, &n);
    int_of(w, "sentences", n);
    const qg_article_meta *am = qg_doc_meta(doc);
    span_or_null(w, "outlet_line", doc, am->outlet);
    span_or_null(w, "headline", doc, am->headline);
    span_or_null(w, "byline", doc, am->byline);
    qg_jw_begin_array(w, "authors");
    for (size_t i = 0; i < am->author_count; i++)
        span_obj(w, NULL, doc, am->authors[i]);
    qg_jw_end_array(w);
    span_or_null(w, "author_role", doc, am->author_role);
    span_or_null(w, "dateline", doc, am->dateline);
    qg_jw_end_object(w);
}

static void quotes(qg_jw *w, const qg_doc *doc, const qg_graph *graph)
{
    size_t ne, n;
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    const qg_quote *qs = qg_doc_quotes(doc, &n);
    qg_jw_begin_array(w, "quotes");
    for (size_t i = 0; i < n; i++) {
        const qg_quote *q = &qs[i];
        qg_jw_begin_object(w, NULL);
        qg_jw_prefixed_id(w, "id", 'q', i + 1);
        qg_jw_string(w, "type", qg_quote_type_str(q->type));
        text_of(w, "text", doc, q->content);
        int_of(w, "start", qg_doc_cp_offset(doc, q->content.begin));
        int_of(w, "end", qg_doc_cp_offset(doc, q->content.end));
        int_of(w, "byte_start", qg_doc_source_offset(doc, q->content.begin));
        int_of(w, "byte_end", qg_doc_source_offset(doc, q->content.end));
        span_or_null(w, "cue", doc, q->cue);
        if (q->speaker != QG_NONE) {
            const qg_entity *e = &ents[q->speaker];
            qg_jw_begin_object(w, "speaker");
            entity_id(w, "entity", q->speaker);
            qg_jw_string(w, "name", e->name);
            qg_jw_string(w, "kind", qg_entity_kind_str(e->kind));
            const char *org = NULL;
            if (e->affiliation != QG_NONE)
                org = ents[e->affiliation].name;
            else if (e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET)
                org = e->name; /* an organisation speaks for itself */
            string_or_null(w, "org", org);
            span_obj(w, "mention", doc, q->speaker_mention);
            qg_jw_end_object(w);
        } else {
            qg_jw_null(w, "speaker");
        }
        real_of(w, "confidence", q->speaker != QG_NONE ? q->confidence : 0);
        qg_jw_string(w, "rule", q->rule ? q->rule : "none");
        if (graph)
            qg_jw_string(w, "node", qg_graph_node_at(graph, qg_graph_quote_node(graph, i)).id);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
}

static void entities(qg_jw *w, const qg_doc *doc)
{
    size_t ne;
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    qg_jw_begin_array(w, "entities");
    for (size_t i = 0; i < ne; i++) {
        qg_jw_begin_object(w, NULL);
        entity_id(w, "id", i);
        qg_jw_string(w, "kind", qg_entity_kind_str(ents[i].kind));
        qg_jw_string(w, "name", ents[i].name);
        qg_jw_begin_array(w, "mentions");
        for (size_t m = 0; m < ents[i].mention_count; m++)
            span_obj(w, NULL, doc, ents[i].mentions[m].span);
        qg_jw_end_array(w);
        entity_or_null(w, "affiliation", ents[i].affiliation);
        qg_jw_string(w, "node", ents[i].id ? ents[i].id : "");
        entity_or_null(w, "part_of", ents[i].part_of);
        span_or_null(w, "role", doc, ents[i].role);
        qg_jw_string(w, "anonymous", anon_str(ents[i].anonymous));
        int_of(w, "quotes", ents[i].quotes);
        qg_jw_bool(w, "source", ents[i].flags & QG_ENTITY_SOURCE);
        qg_jw_bool(w, "cited", ents[i].flags & QG_ENTITY_CITED);
        qg_jw_bool(w, "author", ents[i].flags & QG_ENTITY_AUTHOR);
        qg_jw_bool(w, "publisher", ents[i].flags & QG_ENTITY_PUBLISHER);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
}

static void graph_obj(qg_jw *w, const qg_graph *graph)
{
    qg_jw_begin_object(w, "graph");
    qg_jw_bool(w, "directed", true);
    qg_jw_begin_array(w, "nodes");
    size_t nn = graph ? qg_graph_node_count(graph) : 0;
    for (size_t i = 0; i < nn; i++) {
        qg_graph_node v = qg_graph_node_at(graph, i);
        qg_jw_begin_object(w, NULL);
        qg_jw_string(w, "id", v.id);
        qg_jw_string(w, "node_type", v.node_type);
        qg_jw_string(w, "label", v.label);
        if (v.org)
            qg_jw_string(w, "org", v.org);
        if (v.role)
            qg_jw_string(w, "role", v.role);
        qg_jw_string(w, "anonymous", v.anonymous);
        real_of(w, "quotes", v.quotes);
        real_of(w, "mentions", v.mentions);
        real6_of(w, "pagerank", v.pagerank);
        real_of(w, "degree", v.degree);
        if (v.headline)
            qg_jw_string(w, "headline", v.headline);
        if (v.outlet)
            qg_jw_string(w, "outlet", v.outlet);
        if (v.author)
            qg_jw_string(w, "author", v.author);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
    qg_jw_begin_array(w, "edges");
    size_t nx = graph ? qg_graph_edge_count(graph) : 0;
    for (size_t i = 0; i < nx; i++) {
        qg_graph_edge e = qg_graph_edge_at(graph, i);
        qg_jw_begin_object(w, NULL);
        qg_jw_string(w, "source", qg_graph_node_at(graph, e.source).id);
        qg_jw_string(w, "target", qg_graph_node_at(graph, e.target).id);
        qg_jw_string(w, "relation", e.relation);
        real_of(w, "weight", e.weight);
        real_of(w, "confidence", e.confidence);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
    qg_jw_end_object(w);
}

static qg_status write_doc(FILE *fp, const qg_doc *doc, const qg_graph *graph,
                           const qg_export_meta *meta, int compact, bool *wrote_nul, qg_error *err)
{
    qg_jw *w = malloc(sizeof *w);
    if (!w)
        return QG_OOM(err);
    qg_jw_init(w, fp, compact ? 0 : 2);
    qg_jw_begin_object(w, NULL);
    qg_jw_string(w, "quotegraph_version", QG_VERSION_STRING);
    document(w, doc, meta);
    quotes(w, doc, graph);
    entities(w, doc);

    size_t n;
    const qg_term *terms = qg_doc_terms(doc, &n);
    qg_jw_begin_array(w, "quoted_terms");
    for (size_t i = 0; i < n; i++) {
        qg_jw_begin_object(w, NULL);
        span_members(w, doc, terms[i].span);
        qg_jw_string(w, "kind", terms[i].kind);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);

    const qg_diagnostic *diags = qg_doc_diagnostics(doc, &n);
    qg_jw_begin_array(w, "diagnostics");
    for (size_t i = 0; i < n; i++) {
        qg_jw_begin_object(w, NULL);
        qg_jw_string(w, "kind", diags[i].kind);
        int_of(w, "start", qg_doc_cp_offset(doc, diags[i].offset));
        qg_jw_string(w, "message", diags[i].message);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);

    graph_obj(w, graph);
    if (graph)
        summary(w, graph);
    qg_jw_end_object(w);
    bool ok = qg_jw_flush(w);
    if (wrote_nul)
        *wrote_nul = w->wrote_nul;
    free(w);
    if (!ok || fputc('\n', fp) == EOF) {
        int e = errno;
        qg_status st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return st;
    }
    return QG_OK;
}

qg_status qg_export_json(FILE *fp, const qg_doc *doc, const qg_graph *graph, int compact,
                         qg_error *err)
{
    return write_doc(fp, doc, graph, NULL, compact, NULL, err);
}

qg_status qg_export_record(FILE *fp, const qg_doc *doc, const qg_graph *graph,
                           const qg_export_meta *meta, qg_error *err)
{
    bool nul = false;
    qg_status st = write_doc(fp, doc, graph, meta, 1, &nul, err);
    if (st == QG_OK && nul)
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET,
                          "a string of the document holds U+0000, which a record cannot carry");
    return st;
}
