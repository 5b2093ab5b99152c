/* The graph's layout, shared with export/graphml.c (the only other module that uses igraph). */
#ifndef QG_GRAPH_INTERNAL_H
#define QG_GRAPH_INTERNAL_H

#include <stdbool.h>
#include <igraph.h>
#include <quotegraph/graph.h>

#include "../core/vec.h"

struct qg_graph {
    QG_VEC(qg_graph_node) nodes; /* strings owned (malloc) */
    QG_VEC(qg_graph_edge) edges;
    igraph_t ig; /* the same graph, for analytics and (with attributes) GraphML */
    bool has_ig;
    bool has_attrs;                 /* ig has its attributes (qg_graph_set_attributes) */
    size_t entity_base, quote_base; /* node index of entity 0 and quote 0 */
    qg_graph_summary summary;
    QG_VEC(qg_graph_rank) source_ranks;
    QG_VEC(qg_graph_rank) org_ranks;
};

/* Give g->ig the node and edge attributes GraphML writes (docs/output-format.md), once: they are
 * needed only by igraph's writer, so qg_graph_build() leaves them out. Mutates g: not safe
 * while another thread uses the same graph. QG_OK; QG_ENOMEM or QG_ERROR from igraph. */
qg_status qg_graph_set_attributes(qg_graph *g, qg_error *err);

/* Copy s[0..len) as valid XML 1.0 text (see graph.c). Caller frees. */
char *qg_graph_sanitize(const char *s, size_t len);

#endif
