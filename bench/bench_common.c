#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            fclose(fp);
            return 1;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p)
                free(buf);
            buf = p;
        }
    }
    fclose(fp);
    *data = buf;
    *len = n;
    return 0;
}

static int push(bench_input *in, size_t *cap, const char *text, size_t len)
{
    if (in->count == *cap) {
        *cap = *cap ? 2 * *cap : 1024;
        bench_article *p = realloc(in->items, *cap * sizeof *p);
        if (!p)
            return 1;
        in->items = p;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return 1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    in->items[in->count].text = copy;
    in->items[in->count].len = len;
    in->count++;
    in->bytes += len;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

int bench_read(const char *path, size_t concat_bytes, bench_input *out)
{
    memset(out, 0, sizeof *out);
    char *data = NULL;
    size_t len, cap = 0;
    bench_input raw = {0};
    if (!ends_with(path, ".jsonl")) {
        if (read_file(path, &data, &len))
            return 1;
        if (push(&raw, &cap, data, len))
            goto oom;
    } else {
        /* line by line, so that the file is never held whole (peak memory stays the analysis') */
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            perror(path);
            return 1;
        }
        size_t line_cap = 0, line = 0;
        ssize_t n;
        while ((n = getline(&data, &line_cap, fp)) >= 0) {
            line++;
            if (n == 0 || (n == 1 && data[0] == '\n'))
                continue;
            json_error_t jerr;
            json_t *obj = json_loadb(data, (size_t)n, 0, &jerr);
            json_t *text = obj ? json_object_get(obj, "text") : NULL;
            if (!json_is_string(text)) {
                fprintf(stderr, "%s:%zu: %s\n", path, line, obj ? "no \"text\" string" : jerr.text);
                json_decref(obj);
                free(data);
                fclose(fp);
                bench_free(&raw);
                return 1;
            }
            int bad = push(&raw, &cap, json_string_value(text), json_string_length(text));
            json_decref(obj);
            if (bad) {
                fclose(fp);
                goto oom;
            }
        }
        fclose(fp);
    }
    free(data);
    data = NULL;
    if (!raw.count) {
        fprintf(stderr, "%s: no article\n", path);
        return 1;
    }
    if (!concat_bytes) {
        *out = raw;
        return 0;
    }
    /* one article of at most concat_bytes: whole articles joined by a blank line */
    char *big = malloc(concat_bytes + 1);
    size_t n = 0;
    if (!big)
        goto oom;
    for (size_t k = 0;; k = (k + 1) % raw.count) {
        size_t need = raw.items[k].len + (n ? 2 : 0);
        if (n + need > concat_bytes)
            break;
        if (n) {
            memcpy(big + n, "\n\n", 2);
            n += 2;
        }
        memcpy(big + n, raw.items[k].text, raw.items[k].len);
        n += raw.items[k].len;
    }
    bench_free(&raw);
    cap = 0;
    if (push(out, &cap, big, n)) {
        free(big);
        goto oom;
    }
    free(big);
    return 0;
oom:
    free(data);
    fprintf(stderr, "%s: out of memory\n", path);
    bench_free(&raw);
    bench_free(out);
    return 1;
}

void bench_free(bench_input *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->items[i].text);
    free(in->items);
    memset(in, 0, sizeof *in);
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_peak_rss_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

int bench_args(int argc, char **argv, const char **path, size_t *concat, int *repeat)
{
    *path = NULL;
    *concat = 0;
    *repeat = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--concat") && i + 1 < argc)
            *concat = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            *repeat = atoi(argv[++i]);
        else if (!*path && argv[i][0] != '-')
            *path = argv[i];
        else
            return 2;
    }
    return *path && *repeat > 0 ? 0 : 2;
}
