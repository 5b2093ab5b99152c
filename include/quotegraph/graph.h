/**
 * @file graph.h
 * The citation graph of a document: article → quote → speaker → organisation, plus the outlets and
 * documents the article cites and its byline and publisher, built with igraph.
 *
 * Node types: "article", "quote", "person", "role", "organization", "outlet", "document"
 * (anonymous sources are roles or persons with anonymous "yes").
 * Edge relations: "contains" (article → quote), "attributed_to" (quote → speaker, W3C PROV
 * direction), "affiliated_with" (speaker → organisation, or document → its organisation),
 * "part_of" (organisation → organisation), "cites" (article → outlet or document),
 * "authored_by" (article → person), "published_by" (article → outlet). Parallel edges are
 * collapsed into one with a weight.
 * Node ids are stable and content-derived (docs/output-format.md): "article:" + the document id,
 * the entity's id ("organization:barclays"), "quote:" + 16 hex digits of a hash of the document
 * id, the quote's text and its code point offsets.
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
    /* added with the entity graph (issue 4) */
    const char *role;      /**< persons and roles: the role or title words, else NULL */
    const char *headline;  /**< article: the headline, else NULL */
    const char *outlet;    /**< article: the publisher's name, else NULL */
    const char *author;    /**< article: the byline's authors joined with "|", else NULL */
    size_t entity;         /**< entity nodes: index in qg_doc_entities(), else QG_NONE */
    size_t quote;          /**< quote nodes: index in qg_doc_quotes(), else QG_NONE */
    double mentions;       /**< entity nodes: mentions in the text; 0 for others */
    double pagerank;       /**< PageRank (igraph PRPACK, directed, damping 0.85, edge weights) */
    double degree;         /**< in-degree plus out-degree, counting collapsed edges once */
} qg_graph_node;

/** One edge as exported (strings owned by the graph). */
typedef struct qg_graph_edge {
    size_t source, target; /**< node indices */
    const char *relation;  /**< "contains", "attributed_to", "affiliated_with", "part_of", "cites",
                                "authored_by", "published_by" (static strings) */
    double weight;         /**< number of collapsed parallel edges */
    double confidence;     /**< in [0, 1] */
} qg_graph_edge;

/** One ranked node of the summary. */
typedef struct qg_graph_rank {
    size_t node;     /**< node index (qg_graph_node_at()) */
    double quotes;   /**< sources: quotes attributed to it; organisations: quotes attributed to it
                          or to anyone affiliated with it or with a part of it */
    double pagerank; /**< the node's PageRank */
    double degree;   /**< the node's degree */
} qg_graph_rank;

/**
 * Per-article figures computed on the graph (igraph): sources ranked by number of quotes, then
 * PageRank; organisations ranked by how often they are quoted (directly or through their people
 * and parts), then PageRank; the share of anonymous sources. Owned by the graph.
 */
typedef struct qg_graph_summary {
    size_t quotes;                    /**< quotes in the article */
    size_t attributed;                /**< quotes with a speaker */
    size_t sources;                   /**< entities quoted or cited as a source */
    size_t anonymous_sources;         /**< of those, anonymous ones */
    double anonymous_share;           /**< anonymous_sources / sources; 0 when there is no source */
    size_t anonymous_quotes;          /**< attributed quotes whose speaker is anonymous */
    double anonymous_quote_share;     /**< anonymous_quotes / attributed; 0 when none is attributed */
    const qg_graph_rank *source_ranks; /**< sources, best first */
    size_t source_count;
    const qg_graph_rank *organization_ranks; /**< organisation nodes, best first */
    size_t organization_count;
} qg_graph_summary;

/** The summary of @p graph (owned by the graph, never NULL). */
QG_API const qg_graph_summary *qg_graph_summary_of(const qg_graph *graph);

/** Node index of entity @p e / quote @p q of the document the graph was built from. */
QG_API size_t qg_graph_entity_node(const qg_graph *graph, size_t e);
QG_API size_t qg_graph_quote_node(const qg_graph *graph, size_t q);

/** Node @p i (0 ≤ i < qg_graph_node_count()). */
QG_API qg_graph_node qg_graph_node_at(const qg_graph *graph, size_t i);
/** Edge @p i (0 ≤ i < qg_graph_edge_count()). */
QG_API qg_graph_edge qg_graph_edge_at(const qg_graph *graph, size_t i);

#ifdef __cplusplus
}
#endif
#endif
