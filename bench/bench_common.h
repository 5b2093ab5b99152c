/* Shared by the benchmark drivers: read the articles to time, a clock and peak memory.
 * Not part of the library; see scripts/bench.sh and docs/performance.md. */
#ifndef QG_BENCH_COMMON_H
#define QG_BENCH_COMMON_H

#include <stddef.h>

typedef struct bench_article {
    char *text; /* UTF-8, owned */
    size_t len; /* bytes */
} bench_article;

typedef struct bench_input {
    bench_article *items;
    size_t count;
    size_t bytes; /* sum of the lengths */
} bench_input;

/* Read the input named on the command line:
 *   FILE.jsonl            one article per line, its "text" member (JSON Lines, read with jansson)
 *   FILE (other)          the whole file is one article
 * With concat_bytes > 0, the articles are joined with a blank line into ONE article of at most
 * concat_bytes bytes (whole articles only, repeated from the start when the input runs out).
 * Returns 0, or 1 after printing an error. */
int bench_read(const char *path, size_t concat_bytes, bench_input *out);
void bench_free(bench_input *in);

/* Monotonic seconds. */
double bench_now(void);
/* Peak resident set size of this process in MiB (getrusage). */
double bench_peak_rss_mib(void);

/* Parse the common options: PATH [--concat BYTES] [--repeat N]. Returns 0 or 2 (usage). */
int bench_args(int argc, char **argv, const char **path, size_t *concat, int *repeat);

#endif
