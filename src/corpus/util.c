/* Small utilities of the corpus module: hashing, an arena, hash maps, ISO 8601 dates and a
 * JSON string writer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_internal.h"



/* ---- arena ---- */

struct qg_arena_chunk {
    struct qg_arena_chunk *next;
    size_t used, cap;
    max_align_t data[];
};

void *qg_arena_alloc(qg_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct qg_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > (1u << 20) ? n : (1u << 20);
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *qg_arena_strndup(qg_arena *a, const char *s, size_t n)
{
    char *p = qg_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void qg_arena_free(qg_arena *a)
{
    struct qg_arena_chunk *c = a->head;
    while (c) {
        struct qg_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* ---- 64-bit key map; key 0 is stored as its own flag-free slot by shifting to 1 ---- */

static bool u64_grow(qg_u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    qg_u64map n = {calloc(cap, sizeof *n.keys), malloc(cap * sizeof *n.vals), cap, m->count};
    if (!n.keys || !n.vals) {
        free(n.keys);
        free(n.vals);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = qg_hash_mix(m->keys[i]) & (cap - 1);
        while (n.keys[j])
            j = (j + 1) & (cap - 1);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
    }
    qg_u64map_free(m);
    *m = n;
    return true;
}

uint32_t qg_u64map_get(const qg_u64map *m, uint64_t key)
{
    if (!m->cap)
        return CQ_NONE;
    key = key ? key : 1; /* 0 marks empty slots */
    size_t j = qg_hash_mix(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return CQ_NONE;
}

uint32_t qg_u64map_put(qg_u64map *m, uint64_t key, uint32_t val)
{
    if ((m->count + 1) * 2 > m->cap && !u64_grow(m))
        return CQ_NONE;
    key = key ? key : 1;
    size_t j = qg_hash_mix(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->count++;
    return val;
}

void qg_u64map_free(qg_u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- ISO 8601 ---- */

static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

bool qg_iso8601_ms(const char *s, int64_t *ms)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *p = s;
    int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, frac = 0;
    if (!digits(&p, 4, &y))
        return false;
    if (*p == '-') {
        p++;
        if (!digits(&p, 2, &mo) || mo < 1 || mo > 12)
            return false;
        if (*p == '-') {
            p++;
            if (!digits(&p, 2, &d) || d < 1 || d > mdays[mo - 1])
                return false;
            if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
                return false;
        }
    }
    int64_t off_min = 0;
    if (*p == 'T' || *p == 't' || (*p == ' ' && p[1] >= '0' && p[1] <= '9')) {
        p++;
        if (!digits(&p, 2, &h) || h > 24 || *p++ != ':' || !digits(&p, 2, &mi) || mi > 59)
            return false;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &sec) || sec > 60)
                return false;
            if (*p == '.' || *p == ',') {
                p++;
                int n = 0;
                while (*p >= '0' && *p <= '9') {
                    if (n < 3)
                        frac = frac * 10 + (*p - '0');
                    n++;
                    p++;
                }
                if (!n)
                    return false;
                for (; n < 3; n++)
                    frac *= 10;
            }
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
            if (!digits(&p, 2, &oh))
                return false;
            if (*p == ':')
                p++;
            if (*p >= '0' && *p <= '9' && !digits(&p, 2, &om))
                return false;
            off_min = sign * (oh * 60 + om);
        }
    }
    if (*p)
        return false;
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    *ms = ((days * 24 + h) * 60 + mi - off_min) * 60000 + (int64_t)sec * 1000 + frac;
    return true;
}

/* ---- JSON writing ---- */

void qg_json_strn(qg_strbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    qg_strbuf_append(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\b')
            esc = "\\b";
        else if (c == '\f')
            esc = "\\f";
        else if (c < 0x20) {
            u[0] = '\\';
            u[1] = 'u';
            u[2] = '0';
            u[3] = '0';
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            u[6] = '\0';
            esc = u;
        }
        if (esc) {
            qg_strbuf_append(b, s + run, i - run);
            qg_strbuf_puts(b, esc);
            run = i + 1;
        }
    }
    qg_strbuf_append(b, s + run, n - run);
    qg_strbuf_append(b, "\"", 1);
}

void qg_json_str(qg_strbuf *b, const char *s)
{
    if (!s)
        qg_strbuf_append(b, "null", 4);
    else
        qg_json_strn(b, s, strlen(s));
}

void qg_json_real(qg_strbuf *b, double v)
{
    if (!isfinite(v))
        v = 0;
    char buf[40];
    /* counts stay exact (jansson's "%.6g" would write 1234567 as 1.23457e+06) */
    int n = v == floor(v) && fabs(v) < 1e15 ? snprintf(buf, sizeof buf, "%.0f", v)
                                            : snprintf(buf, sizeof buf, "%.6g", v);
    if (n > 0 && !strpbrk(buf, ".eE") && n + 2 < (int)sizeof buf) {
        buf[n++] = '.';
        buf[n++] = '0';
        buf[n] = '\0';
    }
    qg_strbuf_puts(b, buf);
}

double qg_round3(double v)
{
    if (!isfinite(v))
        return 0;
    return round(v * 1000.0) / 1000.0;
}

/* ---- stable merge sort with a context pointer (qsort_r is not in C11 or POSIX) ---- */

static void msort_rec(char *a, char *tmp, size_t n, size_t size, qg_cmp_fn cmp, void *ctx)
{
    if (n < 2)
        return;
    if (n <= 12) { /* insertion sort */
        for (size_t i = 1; i < n; i++) {
            memcpy(tmp, a + i * size, size);
            size_t j = i;
            while (j > 0 && cmp(a + (j - 1) * size, tmp, ctx) > 0) {
                memcpy(a + j * size, a + (j - 1) * size, size);
                j--;
            }
            memcpy(a + j * size, tmp, size);
        }
        return;
    }
    size_t h = n / 2;
    msort_rec(a, tmp, h, size, cmp, ctx);
    msort_rec(a + h * size, tmp, n - h, size, cmp, ctx);
    if (cmp(a + (h - 1) * size, a + h * size, ctx) <= 0)
        return;
    memcpy(tmp, a, h * size);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        if (cmp(a + j * size, tmp + i * size, ctx) < 0)
            memcpy(a + (k++) * size, a + (j++) * size, size);
        else
            memcpy(a + (k++) * size, tmp + (i++) * size, size);
    }
    while (i < h)
        memcpy(a + (k++) * size, tmp + (i++) * size, size);
}

bool qg_sort(void *base, size_t n, size_t size, qg_cmp_fn cmp, void *ctx)
{
    if (n < 2)
        return true;
    char *tmp = malloc((n / 2 + 1) * size);
    if (!tmp)
        return false;
    msort_rec(base, tmp, n, size, cmp, ctx);
    free(tmp);
    return true;
}
