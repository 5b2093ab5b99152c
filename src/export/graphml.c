/* GraphML through igraph's writer (attribute set of docs/output-format.md). Strings were
 * sanitised when the graph was built, so the file is valid XML and loads in NetworkX, Gephi,
 * Cytoscape. */
#include <errno.h>
#include <string.h>

#include <igraph.h>

#include "../core/error.h"
#include "../graph/graph_internal.h"
#include "export_internal.h"

qg_status qg_export_graphml(FILE *fp, const qg_graph *graph, qg_error *err)
{
    /* the attributes are set on the first export (the graph is the caller's, not shared) */
    qg_status st = qg_graph_set_attributes((qg_graph *)graph, err);
    if (st != QG_OK)
        return st;
    igraph_error_t e = igraph_write_graph_graphml(&graph->ig, fp, /* prefixattr */ false);
    if (e == IGRAPH_EFILE) {
        int sys = errno;
        st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(sys));
        if (err)
            err->sys_errno = sys;
        return st;
    }
    if (e != IGRAPH_SUCCESS)
        return qg_error_set(err, QG_ERROR, QG_NO_OFFSET,
                            "igraph: igraph_write_graph_graphml failed: %s", igraph_strerror(e));
    return QG_OK;
}
