/* Benchmark baseline: ICU's sentence segmentation alone on the same articles, the floor under
 * quotegraph's cost: each article is converted to UTF-16 (u_strFromUTF8) and walked with the
 * sentence BreakIterator (ubrk, locale "en"), nothing else.
 *
 * usage: bench_icu INPUT [--repeat N] [--concat BYTES]
 * Prints: articles, bytes, seconds (conversion and segmentation only), mb_per_s, articles_per_s,
 * sentences, peak_rss_mib. */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "bench_common.h"

int main(int argc, char **argv)
{
    const char *path;
    size_t concat;
    int repeat;
    if (bench_args(argc, argv, &path, &concat, &repeat)) {
        fputs("usage: bench_icu INPUT [--repeat N] [--concat BYTES]\n", stderr);
        return 2;
    }
    bench_input in;
    if (bench_read(path, concat, &in))
        return 1;
    UErrorCode uerr = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        fprintf(stderr, "bench_icu: ubrk_open: %s\n", u_errorName(uerr));
        return 1;
    }
    size_t sentences = 0;
    double spent = 0;
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < in.count; i++) {
            double t0 = bench_now();
            int32_t n16 = 0;
            uerr = U_ZERO_ERROR;
            u_strFromUTF8(NULL, 0, &n16, in.items[i].text, (int32_t)in.items[i].len, &uerr);
            UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
            if (!u)
                return 1;
            uerr = U_ZERO_ERROR;
            u_strFromUTF8(u, n16 + 1, NULL, in.items[i].text, (int32_t)in.items[i].len, &uerr);
            ubrk_setText(bi, u, n16, &uerr);
            if (U_FAILURE(uerr)) {
                fprintf(stderr, "bench_icu: article %zu: %s\n", i, u_errorName(uerr));
                return 1;
            }
            for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
                sentences++;
            free(u);
            spent += bench_now() - t0;
        }
    }
    double bytes = (double)in.bytes * repeat, articles = (double)in.count * repeat;
    printf("articles=%.0f bytes=%.0f seconds=%.3f mb_per_s=%.2f articles_per_s=%.1f "
           "sentences=%zu peak_rss_mib=%.1f\n",
           articles, bytes, spent, bytes / spent / 1e6, articles / spent, sentences,
           bench_peak_rss_mib());
    ubrk_close(bi);
    bench_free(&in);
    return 0;
}
