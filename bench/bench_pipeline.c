/* Benchmark driver: the whole pipeline on each article, as `quotegraph extract` will run it:
 * decode → analyze → graph → compact JSON (one line per article), on one thread.
 *
 * usage: bench_pipeline INPUT [--repeat N] [--concat BYTES]
 * Prints one line of key=value pairs: articles, bytes, seconds (pipeline time only: reading the
 * input and loading the model are not timed), mb_per_s (10^6 bytes), articles_per_s,
 * out_bytes and peak_rss_mib (whole process, input included). */
#include <stdio.h>
#include <stdlib.h>

#include <quotegraph/quotegraph.h>

#include "bench_common.h"

static size_t count_write(FILE *sink)
{
    long pos = ftell(sink);
    return pos > 0 ? (size_t)pos : 0;
}

int main(int argc, char **argv)
{
    const char *path;
    size_t concat;
    int repeat;
    if (bench_args(argc, argv, &path, &concat, &repeat)) {
        fputs("usage: bench_pipeline INPUT [--repeat N] [--concat BYTES]\n", stderr);
        return 2;
    }
    bench_input in;
    if (bench_read(path, concat, &in))
        return 1;
    qg_init();
    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    if (qg_model_load(&model, NULL, "en", &err) != QG_OK) {
        fprintf(stderr, "bench_pipeline: %s\n", err.message);
        return 1;
    }
    /* a real file, so that the JSON is formatted and written as the CLI does; truncated
     * between articles so that it stays small */
    FILE *sink = tmpfile();
    if (!sink) {
        perror("tmpfile");
        return 1;
    }
    size_t out_bytes = 0, quotes = 0;
    double spent = 0;
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < in.count; i++) {
            rewind(sink);
            double t0 = bench_now();
            qg_doc *doc = NULL;
            qg_graph *graph = NULL;
            if (qg_doc_decode(&doc, in.items[i].text, in.items[i].len, "bench", &err) != QG_OK ||
                qg_analyze(doc, model, &err) != QG_OK ||
                qg_graph_build(&graph, doc, &err) != QG_OK ||
                qg_export_write(sink, doc, graph, QG_FORMAT_JSON, 1, &err) != QG_OK ||
                fputc('\n', sink) == EOF || fflush(sink) != 0) {
                fprintf(stderr, "bench_pipeline: article %zu: %s\n", i, err.message);
                return 1;
            }
            size_t nq;
            qg_doc_quotes(doc, &nq);
            quotes += nq;
            qg_graph_free(graph);
            qg_doc_free(doc);
            spent += bench_now() - t0;
            out_bytes += count_write(sink);
        }
    }
    double bytes = (double)in.bytes * repeat, articles = (double)in.count * repeat;
    printf("articles=%.0f bytes=%.0f seconds=%.3f mb_per_s=%.2f articles_per_s=%.1f quotes=%zu "
           "out_bytes=%zu peak_rss_mib=%.1f\n",
           articles, bytes, spent, bytes / spent / 1e6, articles / spent, quotes, out_bytes,
           bench_peak_rss_mib());
    fclose(sink);
    qg_model_free(model);
    bench_free(&in);
    return 0;
}
