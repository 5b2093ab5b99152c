#ifndef QG_EXPORT_INTERNAL_H
#define QG_EXPORT_INTERNAL_H

#include <stdio.h>
#include <quotegraph/export.h>

qg_status qg_export_json(FILE *fp, const qg_doc *doc, const qg_graph *graph, int compact,
                         qg_error *err);
qg_status qg_export_graphml(FILE *fp, const qg_graph *graph, qg_error *err);
qg_status qg_export_text(FILE *fp, const qg_doc *doc, const qg_graph *graph, qg_error *err);
qg_status qg_export_cytoscape(FILE *fp, const qg_graph *graph, int compact, qg_error *err);

#endif
