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
    igraph_t ig;                 /* the same graph with attributes, for GraphML and analytics */
    bool has_ig;
    size_t entity_base, quote_base; /* node index of entity 0 and quote 0 */
    qg_graph_summary summary;
    QG_VEC(qg_graph_rank) source_ranks;
    QG_VEC(qg_graph_rank) org_ranks;
};

/* Copy s[0..len) as valid XML 1.0 text (see graph.c). Caller frees. */
char *qg_graph_sanitize(const char *s, size_t len);

#endif
