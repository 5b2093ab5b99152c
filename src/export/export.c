#include <errno.h>
#include <string.h>

#include "../core/error.h"
#include "export_internal.h"

qg_status qg_format_parse(qg_format *out, const char *name)
{
    if (!strcmp(name, "json"))
        *out = QG_FORMAT_JSON;
    else if (!strcmp(name, "graphml"))
        *out = QG_FORMAT_GRAPHML;
    else if (!strcmp(name, "text"))
        *out = QG_FORMAT_TEXT;
    else if (!strcmp(name, "cytoscape"))
        *out = QG_FORMAT_CYTOSCAPE;
    else
        return QG_EINVAL;
    return QG_OK;
}

qg_status qg_export_write(FILE *fp, const qg_doc *doc, const qg_graph *graph, qg_format format,
                          int compact, qg_error *err)
{
    qg_status st;
    switch (format) {
    case QG_FORMAT_GRAPHML:
        st = qg_export_graphml(fp, graph, err);
        break;
    case QG_FORMAT_TEXT:
        st = qg_export_text(fp, doc, graph, err);
        break;
    case QG_FORMAT_CYTOSCAPE:
        st = qg_export_cytoscape(fp, graph, compact, err);
        break;
    case QG_FORMAT_JSON:
    default:
        st = qg_export_json(fp, doc, graph, compact, err);
        break;
    }
    if (st == QG_OK && ferror(fp)) {
        int e = errno;
        st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(e));
        if (err)
            err->sys_errno = e;
    }
    return st;
}
