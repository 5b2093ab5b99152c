/* libFuzzer target for lexicons given with --models DIR: the input becomes every lexicon file of
 * a model directory (DIR/en/NAME.tsv, each with the version header unless the input brings its
 * own first line), is loaded with qg_model_load, and, when it loads, drives the analysis of a
 * fixed article, so that odd entries (empty forms, many words, long keys, NUL bytes, invalid
 * UTF-8) reach the look-ups. A load may fail, but only with a message.
 *
 * Built by libFuzzer when QG_FUZZ is ON, and linked into fuzz_replay_model (tests/fuzz/replay.c),
 * which replays tests/fuzz/corpus-model/ in ctest. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <quotegraph/quotegraph.h>

#include "fuzz_target.h"

static const char *const FILES[] = {"cues.tsv",    "titles.tsv",      "roles.tsv",   "org_words.tsv",
                                    "outlets.tsv", "first_names.tsv", "pronouns.tsv"};
static const char ARTICLE[] =
    "Lena Ostrova chairs the Riverside Housing Board.\n\n"
    "“We will publish the results next week,” Ostrova said. Sen. K. D. Farrow told Reuters the "
    "plan was a ‘paper maze’. \"Nobody will lose their flat,\" said Tariq Bell, a spokesman for "
    "Dalton Homes Ltd., according to the BBC.\n";
static char dir[64];

static void cleanup(void)
{
    char path[128];
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        snprintf(path, sizeof path, "%s/en/%s", dir, FILES[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/en", dir);
    rmdir(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        qg_init();
        char tmpl[] = "/tmp/qg-fuzz-model-XXXXXX";
        char path[128];
        if (!mkdtemp(tmpl))
            abort();
        snprintf(dir, sizeof dir, "%s", tmpl);
        snprintf(path, sizeof path, "%s/en", dir);
        if (mkdir(path, 0700) != 0)
            abort();
        atexit(cleanup);
    }
    bool own_header = size > 0 && data[0] == '#';
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/en/%s", dir, FILES[i]);
        FILE *fp = fopen(path, "wb");
        if (!fp)
            abort();
        if (!own_header)
            fputs("# format: quotegraph-lexicon 1\n", fp);
        if (size && fwrite(data, 1, size, fp) != size)
            abort();
        if (fclose(fp) != 0)
            abort();
    }
    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    if (qg_model_load(&model, dir, "en", &err) != QG_OK) {
        if (!err.message[0]) {
            fprintf(stderr, "fuzz_model: qg_model_load failed without a message\n");
            abort();
        }
        return 0;
    }
    qg_doc *doc = NULL;
    qg_graph *graph = NULL;
    err = (qg_error)QG_ERROR_INIT;
    if (qg_doc_decode(&doc, ARTICLE, sizeof ARTICLE - 1, "fuzz", &err) != QG_OK ||
        qg_analyze(doc, model, &err) != QG_OK || qg_graph_build(&graph, doc, &err) != QG_OK) {
        if (!err.message[0]) {
            fprintf(stderr, "fuzz_model: analysis failed without a message\n");
            abort();
        }
    } else {
        FILE *sink = fopen("/dev/null", "wb");
        if (!sink)
            abort();
        if (qg_export_write(sink, doc, graph, QG_FORMAT_JSON, 1, &err) != QG_OK && !err.message[0])
            abort();
        fclose(sink);
    }
    qg_graph_free(graph);
    qg_doc_free(doc);
    qg_model_free(model);
    return 0;
}
