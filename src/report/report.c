/* The public calls of the report stage (include/quotegraph/report.h). */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "report_internal.h"

qg_status qg_report_format_parse(qg_report_format *out, const char *name)
{
    if (!strcmp(name, "html")) {
        *out = QG_REPORT_HTML;
        return QG_OK;
    }
    if (!strcmp(name, "md") || !strcmp(name, "markdown")) {
        *out = QG_REPORT_MARKDOWN;
        return QG_OK;
    }
    return QG_EINVAL;
}

qg_status qg_report_new(qg_report **out, const char *json, size_t len, const qg_report_opts *opts,
                        qg_error *err)
{
    static const qg_report_opts defaults = QG_REPORT_OPTS_INIT;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->top < 1 || opts->quotes < 1 || opts->graph_nodes == 1)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET,
                            "report settings out of range (top and quotes >= 1, graph nodes 0 "
                            "or >= 2)");
    qg_report *r = calloc(1, sizeof *r);
    if (!r)
        return QG_OOM(err);
    r->opts = *opts;
    const char *title = opts->title ? opts->title : "quotegraph report";
    r->opts.title = NULL;
    qg_status st;
    if (!(r->title = rp_strndup(&r->arena, title, strlen(title)))) {
        st = QG_OOM(err);
        goto fail;
    }
    if ((st = rp_load(r, json, len, err)) || (st = rp_compute(r, err)))
        goto fail;
    *out = r;
    return QG_OK;
fail:
    qg_report_free(r);
    return st;
}

void qg_report_free(qg_report *r)
{
    if (!r)
        return;
    qg_vec_free(&r->articles);
    qg_vec_free(&r->quotes);
    qg_vec_free(&r->entities);
    qg_vec_free(&r->groups);
    qg_vec_free(&r->conflicts);
    qg_vec_free(&r->errors);
    qg_vec_free(&r->edges);
    rp_map_free(&r->article_ids);
    rp_map_free(&r->entity_ids);
    rp_map_free(&r->node_ids);
    rp_arena_free(&r->arena);
    free(r);
}

qg_status qg_report_write(FILE *fp, const qg_report *r, qg_report_format format, qg_error *err)
{
    return rp_write(fp, r, format, err);
}
