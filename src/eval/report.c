/* Writing the figures of an evaluation: a table for people, or JSON (jansson, fixed key order). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "../core/error.h"
#include "eval_internal.h"

static const char *const TYPE_NAMES[4] = {"direct", "indirect", "mixed", "unmatched"};

static double round4(double v)
{
    return isfinite(v) ? round(v * 10000.0) / 10000.0 : 0.0;
}

static void write_text(FILE *fp, const qg_eval *ev)
{
    qg_eval_summary s = qg_eval_summary_of(ev);
    fprintf(fp, "articles: %zu in the gold set, %zu with predictions, %zu without (scored as "
                "predicting nothing), %zu prediction lines of other ids (ignored)\n\n",
            s.articles, s.predicted, s.missing, s.unknown);
    fprintf(fp, "%-24s | %-27s | %-27s | %-20s | %s\n", "", "overlap matching", "exact matching",
            "speaker of matches", "attribution");
    fprintf(fp, "%-10s %6s %6s | %5s %6s %6s %6s | %5s %6s %6s %6s | %7s %5s %6s | %5s %6s %6s %6s\n",
            "set", "gold", "pred", "match", "P", "R", "F1", "match", "P", "R", "F1", "checked",
            "right", "acc", "right", "P", "R", "F1");
    for (int set = 0; set < QG_EVAL_SET_COUNT; set++) {
        qg_eval_row r = qg_eval_row_of(ev, (qg_eval_set)set);
        fprintf(fp,
                "%-10s %6zu %6zu | %5zu %6.4f %6.4f %6.4f | %5zu %6.4f %6.4f %6.4f | %7zu %5zu "
                "%6.4f | %5zu %6.4f %6.4f %6.4f\n",
                qg_eval_set_str((qg_eval_set)set), r.gold, r.pred, r.matched, round4(r.precision),
                round4(r.recall), round4(r.f1), r.exact, round4(r.exact_precision),
                round4(r.exact_recall), round4(r.exact_f1), r.speaker_gold, r.speaker_right,
                round4(r.speaker_accuracy), r.attributed, round4(r.attribution_precision),
                round4(r.attribution_recall), round4(r.attribution_f1));
    }
    fprintf(fp, "\ntypes of the overlap matches of all quotes (rows: gold, columns: predicted)\n");
    fprintf(fp, "%-12s %9s %9s %9s %9s\n", "gold \\ pred", TYPE_NAMES[0], TYPE_NAMES[1],
            TYPE_NAMES[2], TYPE_NAMES[3]);
    for (int g = 0; g < 4; g++) {
        fprintf(fp, "%-12s", TYPE_NAMES[g]);
        for (int p = 0; p < 4; p++) {
            if (g == QG_EVAL_UNMATCHED && p == QG_EVAL_UNMATCHED)
                fprintf(fp, " %9s", "-");
            else
                fprintf(fp, " %9zu", s.types[g][p]);
        }
        fputc('\n', fp);
    }
}

static json_t *count_of(size_t v)
{
    return json_integer((json_int_t)v);
}

static json_t *prf(size_t n, const char *count_key, double p, double r, double f)
{
    json_t *o = json_object();
    json_object_set_new(o, count_key, count_of(n));
    json_object_set_new(o, "precision", json_real(round4(p)));
    json_object_set_new(o, "recall", json_real(round4(r)));
    json_object_set_new(o, "f1", json_real(round4(f)));
    return o;
}

static json_t *build_json(const qg_eval *ev)
{
    qg_eval_summary s = qg_eval_summary_of(ev);
    json_t *root = json_object();
    json_object_set_new(root, "quotegraph_version", json_string(QG_VERSION_STRING));
    json_t *arts = json_object();
    json_object_set_new(arts, "gold", count_of(s.articles));
    json_object_set_new(arts, "predicted", count_of(s.predicted));
    json_object_set_new(arts, "missing", count_of(s.missing));
    json_object_set_new(arts, "unknown", count_of(s.unknown));
    json_object_set_new(arts, "error_records", count_of(s.error_records));
    json_object_set_new(root, "articles", arts);
    json_t *sets = json_object();
    for (int set = 0; set < QG_EVAL_SET_COUNT; set++) {
        qg_eval_row r = qg_eval_row_of(ev, (qg_eval_set)set);
        json_t *o = json_object();
        json_object_set_new(o, "gold", count_of(r.gold));
        json_object_set_new(o, "pred", count_of(r.pred));
        json_object_set_new(o, "overlap", prf(r.matched, "matched", r.precision, r.recall, r.f1));
        json_object_set_new(o, "exact", prf(r.exact, "matched", r.exact_precision, r.exact_recall,
                                            r.exact_f1));
        json_t *sp = json_object();
        json_object_set_new(sp, "checked", count_of(r.speaker_gold));
        json_object_set_new(sp, "right", count_of(r.speaker_right));
        json_object_set_new(sp, "accuracy", json_real(round4(r.speaker_accuracy)));
        json_object_set_new(o, "speaker", sp);
        json_object_set_new(o, "attribution",
                            prf(r.attributed, "right", r.attribution_precision,
                                r.attribution_recall, r.attribution_f1));
        json_object_set_new(sets, qg_eval_set_str((qg_eval_set)set), o);
    }
    json_object_set_new(root, "sets", sets);
    json_t *types = json_object();
    for (int g = 0; g < 4; g++) {
        json_t *row = json_object();
        for (int p = 0; p < 4; p++)
            if (g != QG_EVAL_UNMATCHED || p != QG_EVAL_UNMATCHED)
                json_object_set_new(row, TYPE_NAMES[p], count_of(s.types[g][p]));
        json_object_set_new(types, TYPE_NAMES[g], row);
    }
    json_object_set_new(root, "types", types);
    return root;
}

qg_status qg_eval_write(FILE *fp, const qg_eval *ev, qg_format format, qg_error *err)
{
    if (format == QG_FORMAT_TEXT) {
        write_text(fp, ev);
    } else if (format == QG_FORMAT_JSON) {
        json_t *root = build_json(ev);
        if (!root)
            return QG_OOM(err);
        int rc = json_dumpf(root, fp, JSON_REAL_PRECISION(6) | JSON_INDENT(2));
        json_decref(root);
        if (rc == 0)
            fputc('\n', fp);
        else if (!ferror(fp))
            return QG_OOM(err);
    } else {
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET,
                            "evaluation figures are written as text or json only");
    }
    if (ferror(fp)) {
        int e = errno;
        qg_status st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return st;
    }
    return QG_OK;
}
