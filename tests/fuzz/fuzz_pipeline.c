/* libFuzzer target over the whole pipeline: bytes → decode → paragraphs, quotes, sentences →
 * attribution and entities → graph → JSON, GraphML and text export.
 *
 * Built by libFuzzer when the CMake option QG_FUZZ is ON (clang), and linked into
 * fuzz_replay (tests/fuzz/replay.c) in every build, which replays tests/fuzz/corpus/ in ctest.
 * Any crash, sanitizer report, leak or hang of one input is a bug; a failing status is not
 * (the library may refuse input), but it must come with a message. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <quotegraph/quotegraph.h>

#include "fuzz_target.h"

static qg_model *model;
static FILE *sink;

static void fail(const char *what, const qg_error *err)
{
    fprintf(stderr, "fuzz_pipeline: %s failed without a message (status %d)\n", what,
            (int)err->status);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qg_error err = QG_ERROR_INIT;
    if (!model) {
        qg_init();
        if (qg_model_load(&model, NULL, "en", &err) != QG_OK) {
            fprintf(stderr, "fuzz_pipeline: cannot load the built-in model: %s\n", err.message);
            abort();
        }
        sink = fopen("/dev/null", "wb");
        if (!sink)
            abort();
    }
    qg_doc *doc = NULL;
    qg_graph *graph = NULL;
    if (qg_doc_decode(&doc, (const char *)data, size, "fuzz", &err) != QG_OK) {
        if (!err.message[0])
            fail("qg_doc_decode", &err);
        qg_doc_free(doc);
        return 0;
    }
    if (qg_analyze(doc, model, &err) != QG_OK) {
        if (!err.message[0])
            fail("qg_analyze", &err);
        goto done;
    }
    /* invariants of the public views: spans inside the text, in order */
    size_t len, n;
    qg_doc_text(doc, &len);
    const qg_quote *q = qg_doc_quotes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        if (q[i].content.begin > q[i].content.end || q[i].content.end > len ||
            q[i].cue.begin > q[i].cue.end || q[i].cue.end > len ||
            q[i].confidence < 0 || q[i].confidence > 1 || !q[i].rule) {
            fprintf(stderr, "fuzz_pipeline: quote %zu has a bad span or confidence\n", i);
            abort();
        }
    }
    const qg_span *s = qg_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (s[i].begin > s[i].end || s[i].end > len || (i && s[i].begin < s[i - 1].end)) {
            fprintf(stderr, "fuzz_pipeline: sentence %zu is out of order or out of the text\n", i);
            abort();
        }
    if (qg_graph_build(&graph, doc, &err) != QG_OK) {
        if (!err.message[0])
            fail("qg_graph_build", &err);
        goto done;
    }
    static const qg_format formats[] = {QG_FORMAT_JSON, QG_FORMAT_GRAPHML, QG_FORMAT_TEXT};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        err = (qg_error)QG_ERROR_INIT;
        if (qg_export_write(sink, doc, graph, formats[f], f == 0, &err) != QG_OK && !err.message[0])
            fail("qg_export_write", &err);
    }
done:
    qg_graph_free(graph);
    qg_doc_free(doc);
    return 0;
}
