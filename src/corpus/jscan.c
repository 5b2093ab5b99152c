/* JSON pull scanner (see jscan.h). Grammar of RFC 8259; strings must be valid UTF-8. */
#include "jscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void qg_js_init(qg_jscan *s, const char *buf, size_t len)
{
    s->start = s->p = buf;
    s->end = buf + len;
    s->error = NULL;
    s->error_at = 0;
    s->depth = 0;
}

bool qg_js_fail(qg_jscan *s, const char *message)
{
    if (!s->error) {
        s->error = message;
        s->error_at = (size_t)(s->p - s->start);
    }
    return false;
}

static void skip_ws(qg_jscan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}

int qg_js_peek(qg_jscan *s)
{
    if (s->error)
        return -1;
    skip_ws(s);
    return s->p < s->end ? (unsigned char)*s->p : -1;
}

bool qg_js_at_end(qg_jscan *s)
{
    skip_ws(s);
    return s->p == s->end;
}

static bool expect(qg_jscan *s, char c, const char *message)
{
    if (qg_js_peek(s) != (unsigned char)c)
        return qg_js_fail(s, message);
    s->p++;
    return true;
}

bool qg_js_obj_begin(qg_jscan *s)
{
    if (!expect(s, '{', "expected an object"))
        return false;
    if (++s->depth > QG_JS_MAX_DEPTH)
        return qg_js_fail(s, "nested too deeply");
    return true;
}

bool qg_js_obj_next(qg_jscan *s, int *it, qg_strbuf *key)
{
    int c = qg_js_peek(s);
    if (c == '}') {
        s->p++;
        s->depth--;
        return false;
    }
    if (*it && !expect(s, ',', "expected ',' or '}' in an object"))
        return false;
    if (qg_js_peek(s) != '"')
        return qg_js_fail(s, "expected a key");
    if (!qg_js_string(s, key) || !expect(s, ':', "expected ':' after a key"))
        return false;
    (*it)++;
    return true;
}

bool qg_js_arr_begin(qg_jscan *s)
{
    if (!expect(s, '[', "expected an array"))
        return false;
    if (++s->depth > QG_JS_MAX_DEPTH)
        return qg_js_fail(s, "nested too deeply");
    return true;
}

bool qg_js_arr_next(qg_jscan *s, int *it)
{
    int c = qg_js_peek(s);
    if (c == ']') {
        s->p++;
        s->depth--;
        return false;
    }
    if (*it && !expect(s, ',', "expected ',' or ']' in an array"))
        return false;
    if (c == -1)
        return qg_js_fail(s, "unterminated array");
    (*it)++;
    return true;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_u4(qg_jscan *s, unsigned *out)
{
    if (s->end - s->p < 4)
        return qg_js_fail(s, "bad \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)s->p[i]);
        if (h < 0)
            return qg_js_fail(s, "bad \\u escape");
        v = v * 16 + (unsigned)h;
    }
    s->p += 4;
    *out = v;
    return true;
}

static void put_utf8(qg_strbuf *out, unsigned cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    qg_strbuf_append(out, b, n);
}

/* Length of the valid UTF-8 sequence at p (Unicode 15 table 3-7), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char b = p[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0)
            lo = 0xA0;
        if (b == 0xED)
            hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0)
            lo = 0x90;
        if (b == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if ((size_t)(end - p) < n)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

/* Do the eight bytes at p hold a byte that ends a plain run of a string: a control character
 * (< 0x20), a byte >= 0x80, '"' or '\\'? (Exact: the zero-byte tests never miss.) */
static inline uint64_t special8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t hit = w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b);
    return hit & highs; /* the lowest flag is exact too: a borrow only flags bytes above it */
}

/* Scan a string; decode into out unless out is NULL. */
static bool scan_string(qg_jscan *s, qg_strbuf *out)
{
    if (!expect(s, '"', "expected a string"))
        return false;
    if (out) {
        out->len = 0;
        qg_strbuf_append(out, "", 0);
    }
    const unsigned char *p = (const unsigned char *)s->p;
    const unsigned char *end = (const unsigned char *)s->end;
    for (;;) {
        /* a run of bytes copied as they are: plain ASCII (eight at a time where possible) and
         * valid UTF-8 sequences, up to a quote, a backslash, a control or an invalid byte */
        const unsigned char *run = p;
        for (;;) {
            while (end - p >= 8) {
                uint64_t f = special8(p);
                if (!f) {
                    p += 8;
                    continue;
                }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                p += __builtin_ctzll(f) / 8; /* the first byte that ends the run */
#endif
                break;
            }
            while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
                p++;
            if (p < end && *p >= 0x80) {
                size_t n = utf8_len(p, end);
                if (n) {
                    p += n;
                    continue;
                }
            }
            break;
        }
        if (out && p > run)
            qg_strbuf_append(out, (const char *)run, (size_t)(p - run));
        if (p == end) {
            s->p = (const char *)p;
            return qg_js_fail(s, "unterminated string");
        }
        unsigned char c = *p;
        if (c == '"') {
            s->p = (const char *)p + 1;
            if (out && out->failed)
                return qg_js_fail(s, "out of memory");
            return true;
        }
        if (c < 0x20) {
            s->p = (const char *)p;
            return qg_js_fail(s, "control character in a string");
        }
        if (c >= 0x80) {
            size_t n = utf8_len(p, end);
            if (!n) {
                s->p = (const char *)p;
                return qg_js_fail(s, "invalid UTF-8 in a string");
            }
            if (out)
                qg_strbuf_append(out, (const char *)p, n);
            p += n;
            continue;
        }
        /* backslash */
        p++;
        if (p == end) {
            s->p = (const char *)p;
            return qg_js_fail(s, "unterminated string");
        }
        char e = (char)*p++;
        const char *simple = NULL;
        switch (e) {
        case '"':
            simple = "\"";
            break;
        case '\\':
            simple = "\\";
            break;
        case '/':
            simple = "/";
            break;
        case 'b':
            simple = "\b";
            break;
        case 'f':
            simple = "\f";
            break;
        case 'n':
            simple = "\n";
            break;
        case 'r':
            simple = "\r";
            break;
        case 't':
            simple = "\t";
            break;
        case 'u': {
            s->p = (const char *)p;
            unsigned cp;
            if (!read_u4(s, &cp))
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                    return qg_js_fail(s, "lone surrogate in a \\u escape");
                s->p += 2;
                if (!read_u4(s, &lo))
                    return false;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return qg_js_fail(s, "lone surrogate in a \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return qg_js_fail(s, "lone surrogate in a \\u escape");
            } else if (cp == 0) {
                return qg_js_fail(s, "\\u0000 in a string");
            }
            if (out)
                put_utf8(out, cp);
            p = (const unsigned char *)s->p;
            continue;
        }
        default:
            s->p = (const char *)p - 1;
            return qg_js_fail(s, "bad escape in a string");
        }
        if (out)
            qg_strbuf_append(out, simple, 1);
    }
}

bool qg_js_string(qg_jscan *s, qg_strbuf *out)
{
    return scan_string(s, out);
}

bool qg_js_take_null(qg_jscan *s)
{
    if (qg_js_peek(s) != 'n')
        return false;
    if (s->end - s->p < 4 || memcmp(s->p, "null", 4) != 0)
        return qg_js_fail(s, "invalid literal");
    s->p += 4;
    return true;
}

bool qg_js_string_or_null(qg_jscan *s, qg_strbuf *out, bool *is_null)
{
    *is_null = false;
    if (qg_js_take_null(s)) {
        *is_null = true;
        return true;
    }
    return !s->error && scan_string(s, out);
}

const char *qg_js_number_end(const char *p, const char *end)
{
    if (p < end && *p == '-')
        p++;
    if (p == end)
        return NULL;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    else
        return NULL;
    if (p < end && *p == '.') {
        p++;
        if (p == end || *p < '0' || *p > '9')
            return NULL;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end || *p < '0' || *p > '9')
            return NULL;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    return p;
}

bool qg_js_number(qg_jscan *s, double *out)
{
    qg_js_peek(s);
    const char *e = qg_js_number_end(s->p, s->end);
    if (!e)
        return qg_js_fail(s, "expected a number");
    char buf[64];
    size_t n = (size_t)(e - s->p);
    if (n < sizeof buf) {
        memcpy(buf, s->p, n);
        buf[n] = '\0';
        *out = strtod(buf, NULL);
    } else {
        char *big = malloc(n + 1);
        if (!big)
            return qg_js_fail(s, "out of memory");
        memcpy(big, s->p, n);
        big[n] = '\0';
        *out = strtod(big, NULL);
        free(big);
    }
    s->p = e;
    return true;
}

static bool literal(qg_jscan *s, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return qg_js_fail(s, "invalid literal");
    s->p += n;
    return true;
}

bool qg_js_skip(qg_jscan *s)
{
    int c = qg_js_peek(s);
    int it = 0;
    switch (c) {
    case '{':
        if (!qg_js_obj_begin(s))
            return false;
        while (!s->error) {
            /* keys are validated but not decoded */
            int k = qg_js_peek(s);
            if (k == '}') {
                s->p++;
                s->depth--;
                return true;
            }
            if (it && !expect(s, ',', "expected ',' or '}' in an object"))
                return false;
            it++;
            if (!scan_string(s, NULL) || !expect(s, ':', "expected ':' after a key") ||
                !qg_js_skip(s))
                return false;
        }
        return false;
    case '[':
        if (!qg_js_arr_begin(s))
            return false;
        while (qg_js_arr_next(s, &it))
            if (!qg_js_skip(s))
                return false;
        return !s->error;
    case '"':
        return scan_string(s, NULL);
    case 't':
        return literal(s, "true");
    case 'f':
        return literal(s, "false");
    case 'n':
        return literal(s, "null");
    case -1:
        return qg_js_fail(s, s->error ? s->error : "unexpected end of input");
    default: {
        /* a number not kept: its grammar only (qg_js_number would convert it with strtod) */
        const char *e = qg_js_number_end(s->p, s->end);
        if (!e)
            return qg_js_fail(s, "expected a number");
        s->p = e;
        return true;
    }
    }
}
