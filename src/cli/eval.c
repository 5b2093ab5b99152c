/* quotegraph eval: score the analyser (or saved predictions) against a gold set.
 * The scoring itself is the library's (include/quotegraph/eval.h); this is reading and writing. */
#include <stdlib.h>
#include <string.h>

#include <quotegraph/quotegraph.h>

#include "cli.h"

/* Run the analyser on every gold article, in the process, and score what it finds. */
static int analyse_all(qg_eval *ev, const qg_gold *gold, const char *gold_path, const char *models)
{
    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    if (qg_model_load(&model, models, "en", &err) != QG_OK) {
        cli_error(models, "%s", err.message);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < qg_gold_count(gold) && rc == 0; i++) {
        size_t len;
        const char *text = qg_gold_text(gold, i, &len);
        qg_doc *doc = NULL;
        if (qg_doc_decode(&doc, text, len, qg_gold_id(gold, i), &err) != QG_OK ||
            qg_analyze(doc, model, &err) != QG_OK || qg_eval_add_doc(ev, i, doc, &err) != QG_OK) {
            cli_error(gold_path, "article \"%s\": %s", qg_gold_id(gold, i), err.message);
            rc = 1;
        }
        qg_doc_free(doc);
    }
    qg_model_free(model);
    return rc;
}

static int read_predictions(qg_eval *ev, const char *path, const char *gold_path)
{
    char *data;
    size_t len;
    if (cli_read_input(path, &data, &len))
        return 1;
    qg_error err = QG_ERROR_INIT;
    qg_status st = qg_eval_add_jsonl(ev, data, len, &err);
    free(data);
    if (st != QG_OK) {
        cli_error(path, "%s", err.message);
        return 1;
    }
    qg_eval_summary s = qg_eval_summary_of(ev);
    if (s.missing)
        cli_error(path, "warning: %zu of the %zu articles of %s have no predictions (scored as "
                        "predicting nothing)",
                  s.missing, s.articles, gold_path);
    if (s.error_records)
        cli_error(path, "warning: %zu lines are error records of extract (their articles are scored as "
                        "predicting nothing)",
                  s.error_records);
    if (s.unknown)
        cli_error(path, "warning: %zu lines have ids that are not in %s (ignored)", s.unknown,
                  gold_path);
    return 0;
}

int cmd_eval(cli_args *a)
{
    qg_format fmt;
    if (qg_format_parse(&fmt, a->format ? a->format : "text") != QG_OK ||
        (fmt != QG_FORMAT_TEXT && fmt != QG_FORMAT_JSON)) {
        cli_error(NULL, "unknown format '%s' for eval (text, json)", a->format);
        return 2;
    }
    if (!a->input) {
        cli_error(NULL, "eval needs a gold file: quotegraph eval [--pred FILE] GOLD.jsonl");
        return 2;
    }
    if (a->id) {
        cli_error(NULL, "--id is an analyze option (eval takes the ids from the gold file)");
        return 2;
    }
    if (a->pred && a->models) {
        cli_error(NULL, "--models is not used with --pred (the predictions are already made)");
        return 2;
    }
    if (a->pred && !strcmp(a->pred, "-") && !strcmp(a->input, "-")) {
        cli_error(NULL, "the gold file and the predictions cannot both be standard input");
        return 2;
    }
    char *data;
    size_t len;
    if (cli_read_input(a->input, &data, &len))
        return 1;
    qg_error err = QG_ERROR_INIT;
    qg_gold *gold = NULL;
    qg_eval *ev = NULL;
    int rc = 1;
    qg_status st = qg_gold_parse(&gold, data, len, &err);
    free(data);
    if (st != QG_OK) {
        cli_error(a->input, "%s", err.message);
        goto done;
    }
    if (qg_eval_new(&ev, gold, &err) != QG_OK) {
        cli_error(NULL, "%s", err.message);
        goto done;
    }
    if (a->pred ? read_predictions(ev, a->pred, a->input)
                : analyse_all(ev, gold, a->input, a->models))
        goto done;
    cli_output out = {0};
    const char *inputs[2] = {a->input, a->pred};
    cli_set_inputs(inputs, a->pred ? 2 : 1);
    if (cli_open_output(&out, a->output))
        goto done;
    st = qg_eval_write(out.fp, ev, fmt, &err);
    if (st != QG_OK)
        cli_error(a->output ? a->output : NULL, "%s", err.message);
    rc = cli_close_output(&out, st == QG_OK) || st != QG_OK;
done:
    qg_eval_free(ev);
    qg_gold_free(gold);
    return rc;
}
