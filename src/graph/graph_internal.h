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
};

/* Copy s[0..len) as valid XML 1.0 text (see graph.c). Caller frees. */
char *qg_graph_sanitize(const char *s, size_t len);

#endif
