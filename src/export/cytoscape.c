/* The citation graph as Cytoscape.js elements JSON (also read by Cytoscape desktop):
 * {"elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}. Every node has every
 * key and every edge has every key, with one type per key ("" for a string that does not apply),
 * no nested objects and no nulls. Keys and order are listed in docs/output-format.md. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "../core/error.h"
#include "export_internal.h"

static json_t *num(double v, double scale)
{
    if (!isfinite(v))
        v = 0;
    return json_real(round(v * scale) / scale);
}

static json_t *str(const char *s)
{
    return json_string(s ? s : "");
}

qg_status qg_export_cytoscape(FILE *fp, const qg_graph *graph, int compact, qg_error *err)
{
    json_t *root = json_object();
    json_t *elements = json_object();
    json_t *nodes = json_array();
    json_t *edges = json_array();
    size_t nn = qg_graph_node_count(graph), ne = qg_graph_edge_count(graph);
    for (size_t i = 0; i < nn; i++) {
        qg_graph_node v = qg_graph_node_at(graph, i);
        json_t *d = json_object();
        char labels[64];
        snprintf(labels, sizeof labels, ":%c%s", v.node_type[0] - 32, v.node_type + 1);
        json_object_set_new(d, "id", str(v.id));
        json_object_set_new(d, "name", str(v.id));
        json_object_set_new(d, "label", str(v.label));
        json_object_set_new(d, "node_type", str(v.node_type));
        json_object_set_new(d, "labels", str(labels));
        json_object_set_new(d, "text", str(v.text));
        json_object_set_new(d, "org", str(v.org));
        json_object_set_new(d, "role", str(v.role));
        json_object_set_new(d, "anonymous", str(v.anonymous));
        json_object_set_new(d, "quotes", num(v.quotes, 1e3));
        json_object_set_new(d, "mentions", num(v.mentions, 1e3));
        json_object_set_new(d, "pagerank", num(v.pagerank, 1e6));
        json_object_set_new(d, "degree", num(v.degree, 1e3));
        json_object_set_new(d, "headline", str(v.headline));
        json_object_set_new(d, "outlet", str(v.outlet));
        json_object_set_new(d, "author", str(v.author));
        json_t *n = json_object();
        json_object_set_new(n, "data", d);
        json_array_append_new(nodes, n);
    }
    for (size_t i = 0; i < ne; i++) {
        qg_graph_edge e = qg_graph_edge_at(graph, i);
        json_t *d = json_object();
        char id[32];
        snprintf(id, sizeof id, "x%zu", i);
        json_object_set_new(d, "id", json_string(id));
        json_object_set_new(d, "source", str(qg_graph_node_at(graph, e.source).id));
        json_object_set_new(d, "target", str(qg_graph_node_at(graph, e.target).id));
        json_object_set_new(d, "label", str(e.relation));
        json_object_set_new(d, "relation", str(e.relation));
        json_object_set_new(d, "weight", num(e.weight, 1e3));
        json_object_set_new(d, "confidence", num(e.confidence, 1e3));
        json_t *x = json_object();
        json_object_set_new(x, "data", d);
        json_array_append_new(edges, x);
    }
    json_object_set_new(elements, "nodes", nodes);
    json_object_set_new(elements, "edges", edges);
    json_object_set_new(root, "elements", elements);
    size_t flags = JSON_REAL_PRECISION(8) | (compact ? JSON_COMPACT : JSON_INDENT(2));
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
