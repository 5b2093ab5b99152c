/**
 * @file graph.h
 * The citation graph of a document: article → quote → speaker → organisation, built with igraph.
 *
 * Node types: "article", "quote", "person", "role", "organization", "outlet", "anonymous".
 * Edge relations: "contains" (article → quote), "attributed_to" (quote → speaker, W3C PROV direction),
 * "affiliated_with" (speaker → organisation). Parallel edges are collapsed into one with a weight.
 */
#ifndef QUOTEGRAPH_GRAPH_H
#define QUOTEGRAPH_GRAPH_H

#include <quotegraph/common.h>
#include <quotegraph/analyze.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qg_graph qg_graph;

/**
 * Build the citation graph of one analysed document.
 *
 * @param[out] out  Receives the graph, owned by the caller (free with qg_graph_free()).
 *                  It copies every string it keeps, so @p doc may be freed afterwards.
 * @param doc       Document after qg_analyze() (borrowed).
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_ENOMEM; QG_ERROR when igraph fails (the message names the call).
 * Thread safety: igraph as packaged by Debian is not thread-safe; build graphs from one thread.
 */
QG_API qg_status qg_graph_build(qg_graph **out, const qg_doc *doc, qg_error *err);

/** Free a graph. NULL is a no-op. */
QG_API void qg_graph_free(qg_graph *graph);

/** Number of nodes and edges. */
QG_API size_t qg_graph_node_count(const qg_graph *graph);
QG_API size_t qg_graph_edge_count(const qg_graph *graph);

/** One node as exported: stable content-derived id, type and label (strings owned by the graph). */
typedef struct qg_graph_node {
    const char *id;        /**< stable id: "article", "q1", "e2", ... */
    const char *node_type; /**< "article", "quote", "person", ... */
    const char *label;     /**< readable label, sanitised UTF-8 */
    const char *text;      /**< quote content for quote nodes, else NULL */
    const char *org;       /**< affiliation name for speakers, else NULL */
    const char *anonymous; /**< "yes", "no" or "unknown" */
    double quotes;         /**< number of quotes attributed (speakers) or contained (article) */
} qg_graph_node;

/** One edge as exported (strings owned by the graph). */
typedef struct qg_graph_edge {
    size_t source, target; /**< node indices */
    const char *relation;  /**< "contains", "attributed_to", "affiliated_with" */
    double weight;         /**< number of collapsed parallel edges */
    double confidence;     /**< in [0, 1] */
} qg_graph_edge;

/** Node @p i (0 ≤ i < qg_graph_node_count()). */
QG_API qg_graph_node qg_graph_node_at(const qg_graph *graph, size_t i);
/** Edge @p i (0 ≤ i < qg_graph_edge_count()). */
QG_API qg_graph_edge qg_graph_edge_at(const qg_graph *graph, size_t i);

#ifdef __cplusplus
}
#endif
#endif
