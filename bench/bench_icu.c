/* Benchmark baseline: ICU alone on the same articles, the floor under quotegraph's cost.
 *
 * usage: bench_icu INPUT [--repeat N] [--concat BYTES] [--mode plain|sentence|full]
 *
 * Modes (each article is converted to UTF-16 with u_strFromUTF8 first, in every mode):
 *   plain     the sentence BreakIterator (ubrk, locale "en") walked over the whole text: the
 *             floor of any ICU-based sentence segmenter (the figure of earlier rounds);
 *   sentence  the sentence iterator as src/segment uses it: locale "en@ss=standard" (ICU's
 *             filtered iterator, abbreviation suppressions), set again on each paragraph
 *             (paragraphs as qg_segment_paragraphs finds them: blank lines when the text has
 *             any, else line breaks; white space trimmed) and walked to its end;
 *   full      `sentence` plus the word BreakIterator (locale "en") over the whole text, walked
 *             to the end: all the ICU segmentation quotegraph does per article.
 * The iterators are opened once (as quotegraph keeps one pair per thread); paragraph bounds are
 * found before timing (that loop is quotegraph's own code, not ICU's).
 *
 * Prints: mode, articles, bytes, seconds (conversion and segmentation only), mb_per_s,
 * articles_per_s, sentences (boundaries), words (word boundaries, full only), peak_rss_mib. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "bench_common.h"

enum { MODE_PLAIN, MODE_SENTENCE, MODE_FULL };
static const char *const MODE_NAMES[] = {"plain", "sentence", "full"};

typedef struct para_bounds {
    int32_t *b; /* UTF-16 begin and end of each paragraph, pairs */
    size_t n;
} para_bounds;

static int is_blank_line_at(const UChar *t, int32_t len, int32_t i, int32_t *end_out)
{
    int32_t j = i + 1;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
        j++;
    if (j < len && t[j] == '\n') {
        *end_out = j;
        return 1;
    }
    return 0;
}

static int push_para(para_bounds *pb, const UChar *t, int32_t b, int32_t e)
{
    while (b < e) {
        int32_t i = b;
        UChar32 c;
        U16_NEXT(t, i, e, c);
        if (!u_isUWhiteSpace(c))
            break;
        b = i;
    }
    while (e > b) {
        int32_t i = e;
        UChar32 c;
        U16_PREV(t, b, i, c);
        if (!u_isUWhiteSpace(c))
            break;
        e = i;
    }
    if (b == e)
        return 0;
    int32_t *nb = realloc(pb->b, (pb->n + 1) * 2 * sizeof *nb);
    if (!nb)
        return 1;
    pb->b = nb;
    pb->b[2 * pb->n] = b;
    pb->b[2 * pb->n + 1] = e;
    pb->n++;
    return 0;
}

/* The paragraphs of qg_segment_paragraphs (src/segment/segment.c), in UTF-16 indices. */
static int paragraphs(const UChar *t, int32_t len, para_bounds *pb)
{
    int32_t e;
    int blank_lines = 0;
    for (int32_t i = 0; i < len && !blank_lines; i++)
        if (t[i] == '\n' && is_blank_line_at(t, len, i, &e))
            blank_lines = 1;
    int32_t b = 0;
    for (int32_t i = 0; i < len; i++) {
        if (t[i] != '\n')
            continue;
        e = i;
        if (blank_lines && !is_blank_line_at(t, len, i, &e))
            continue;
        if (push_para(pb, t, b, i))
            return 1;
        b = e + 1;
        i = e;
    }
    return push_para(pb, t, b, len);
}

static UChar *to_utf16(const char *s, size_t len, int32_t *n16)
{
    UErrorCode uerr = U_ZERO_ERROR;
    /* as src/segment: UTF-16 never takes more units than UTF-8 takes bytes */
    UChar *u = malloc((len ? len : 1) * sizeof *u);
    if (!u)
        return NULL;
    u_strFromUTF8(u, (int32_t)(len ? len : 1), n16, s, (int32_t)len, &uerr);
    if (U_FAILURE(uerr)) {
        free(u);
        return NULL;
    }
    return u;
}

int main(int argc, char **argv)
{
    const char *path;
    size_t concat;
    int repeat, mode = MODE_PLAIN;
    /* --mode first, the common options after */
    char **args = malloc(((size_t)argc + 1) * sizeof *args);
    int nargs = 0;
    if (!args)
        return 1;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
            const char *m = argv[++i];
            mode = -1;
            for (int k = 0; k < 3; k++)
                if (!strcmp(m, MODE_NAMES[k]))
                    mode = k;
        } else {
            args[nargs++] = argv[i];
        }
    }
    if (mode < 0 || bench_args(nargs, args, &path, &concat, &repeat)) {
        fputs("usage: bench_icu INPUT [--repeat N] [--concat BYTES] [--mode plain|sentence|full]\n",
              stderr);
        return 2;
    }
    bench_input in;
    if (bench_read(path, concat, &in))
        return 1;
    UErrorCode uerr = U_ZERO_ERROR;
    UBreakIterator *bi =
        ubrk_open(UBRK_SENTENCE, mode == MODE_PLAIN ? "en" : "en@ss=standard", NULL, 0, &uerr);
    UBreakIterator *wi = mode == MODE_FULL ? ubrk_open(UBRK_WORD, "en", NULL, 0, &uerr) : NULL;
    if (U_FAILURE(uerr)) {
        fprintf(stderr, "bench_icu: ubrk_open: %s\n", u_errorName(uerr));
        return 1;
    }
    /* paragraph bounds, untimed */
    para_bounds *paras = calloc(in.count ? in.count : 1, sizeof *paras);
    if (!paras)
        return 1;
    if (mode != MODE_PLAIN) {
        for (size_t i = 0; i < in.count; i++) {
            int32_t n16 = 0;
            UChar *u = to_utf16(in.items[i].text, in.items[i].len, &n16);
            if (!u || paragraphs(u, n16, &paras[i])) {
                fprintf(stderr, "bench_icu: article %zu: conversion failed\n", i);
                return 1;
            }
            free(u);
        }
    }
    size_t sentences = 0, words = 0;
    double spent = 0;
    for (int r = 0; r < repeat; r++) {
        for (size_t i = 0; i < in.count; i++) {
            double t0 = bench_now();
            int32_t n16 = 0;
            UChar *u = to_utf16(in.items[i].text, in.items[i].len, &n16);
            if (!u) {
                fprintf(stderr, "bench_icu: article %zu: conversion failed\n", i);
                return 1;
            }
            uerr = U_ZERO_ERROR;
            if (mode == MODE_PLAIN) {
                ubrk_setText(bi, u, n16, &uerr);
                for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
                    sentences++;
            } else {
                for (size_t p = 0; p < paras[i].n; p++) {
                    int32_t pb = paras[i].b[2 * p], pe = paras[i].b[2 * p + 1];
                    ubrk_setText(bi, u + pb, pe - pb, &uerr);
                    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi))
                        sentences++;
                }
            }
            if (mode == MODE_FULL) {
                ubrk_setText(wi, u, n16, &uerr);
                for (int32_t b = ubrk_first(wi); b != UBRK_DONE; b = ubrk_next(wi))
                    words++;
            }
            if (U_FAILURE(uerr)) {
                fprintf(stderr, "bench_icu: article %zu: %s\n", i, u_errorName(uerr));
                return 1;
            }
            free(u);
            spent += bench_now() - t0;
        }
    }
    double bytes = (double)in.bytes * repeat, articles = (double)in.count * repeat;
    printf("mode=%s articles=%.0f bytes=%.0f seconds=%.3f mb_per_s=%.2f articles_per_s=%.1f "
           "sentences=%zu words=%zu peak_rss_mib=%.1f\n",
           MODE_NAMES[mode], articles, bytes, spent, bytes / spent / 1e6, articles / spent,
           sentences, words, bench_peak_rss_mib());
    ubrk_close(bi);
    if (wi)
        ubrk_close(wi);
    for (size_t i = 0; i < in.count; i++)
        free(paras[i].b);
    free(paras);
    free(args);
    bench_free(&in);
    return 0;
}
