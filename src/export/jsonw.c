#include "jsonw.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void qg_jw_init(qg_jw *w, FILE *fp, int indent)
{
    w->fp = fp;
    w->indent = indent;
    w->depth = 0;
    w->failed = false;
    w->wrote_nul = false;
    w->len = 0;
}

bool qg_jw_flush(qg_jw *w)
{
    if (w->len && !w->failed && fwrite(w->buf, 1, w->len, w->fp) != w->len)
        w->failed = true;
    w->len = 0;
    return !w->failed;
}

/* Room for n more bytes in the buffer (n <= QG_JW_BUF); false after a failed write. */
static bool room(qg_jw *w, size_t n)
{
    if (w->len + n > QG_JW_BUF)
        qg_jw_flush(w);
    return !w->failed;
}

/* n <= 16 bytes from s to o, without a call (overlapping word copies) */
static inline void copy_small(char *o, const char *s, size_t n)
{
    if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(o, &a, 8);
        memcpy(o + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(o, &a, 4);
        memcpy(o + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++)
            o[i] = s[i];
    }
}

static void put(qg_jw *w, const char *s, size_t n)
{
    if (n <= 16) { /* most values: numbers, ids, literals, short strings */
        if (room(w, n)) {
            copy_small(w->buf + w->len, s, n);
            w->len += n;
        }
        return;
    }
    while (n > 0) {
        size_t part = n < QG_JW_BUF ? n : QG_JW_BUF;
        if (!room(w, part))
            return;
        memcpy(w->buf + w->len, s, part);
        w->len += part;
        s += part;
        n -= part;
    }
}

static void putc_(qg_jw *w, char ch)
{
    if (room(w, 1))
        w->buf[w->len++] = ch;
}

/* jansson's dump_indent(): a newline and depth * indent spaces (nothing when compact). */
static void newline(qg_jw *w, int depth)
{
    if (w->indent <= 0)
        return;
    putc_(w, '\n');
    for (int i = 0; i < depth * w->indent; i++)
        putc_(w, ' ');
}

/* Length of the valid UTF-8 sequence at s[i] (jansson's utf8_check_first/_full), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char u = s[i];
    size_t n;
    uint32_t cp;
    if (u < 0x80)
        return 1;
    if (u >= 0xC2 && u <= 0xDF) {
        n = 2;
        cp = u & 0x1F;
    } else if (u >= 0xE0 && u <= 0xEF) {
        n = 3;
        cp = u & 0x0F;
    } else if (u >= 0xF0 && u <= 0xF4) {
        n = 4;
        cp = u & 0x07;
    } else {
        return 0;
    }
    if (n > len - i)
        return 0;
    for (size_t j = 1; j < n; j++) {
        unsigned char b = s[i + j];
        if (b < 0x80 || b > 0xBF)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (n == 3 && cp < 0x800) ||
        (n == 4 && cp < 0x10000))
        return 0;
    return n;
}

/* Eight bytes of s from i (no alignment needed). */
static uint64_t load8(const unsigned char *s, size_t i)
{
    uint64_t x;
    memcpy(&x, s + i, sizeof x);
    return x;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The bytes of x that need an escape (< 0x20, '"', '\\'), flagged in their high bits: exact as
 * a whole and in the lowest flag (the classic has-zero-byte and has-less-than tests; a borrow
 * only flags bytes above a true one). */
static uint64_t escape_flags8(uint64_t x)
{
    uint64_t quote = x ^ (ONES * '"'), bslash = x ^ (ONES * '\\');
    uint64_t lt20 = (x - ONES * 0x20) & ~x;
    uint64_t zq = (quote - ONES) & ~quote, zb = (bslash - ONES) & ~bslash;
    return (lt20 | zq | zb) & HIGHS;
}

/* Does any of the eight bytes of x need an escape? */
static bool any_escape8(uint64_t x)
{
    return escape_flags8(x) != 0;
}

/* Bytes that jansson escapes: '"', '\\' and the C0 controls. */
static bool needs_escape(unsigned char u)
{
    return u < 0x20 || u == '"' || u == '\\';
}

/* Is str[0, len) valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)?
 * And, in the same pass: does any byte need an escape (*escapes, set when valid)? */
static bool utf8_valid_escapes(const char *str, size_t len, bool *escapes)
{
    const unsigned char *s = (const unsigned char *)str;
    bool esc = false;
    for (size_t i = 0; i < len;) {
        if (i + 8 <= len) {
            uint64_t x = load8(s, i);
            if (!(x & HIGHS)) {
                esc = esc || any_escape8(x);
                i += 8; /* eight ASCII bytes */
                continue;
            }
        }
        if (s[i] < 0x80) {
            esc = esc || needs_escape(s[i]);
            i++;
            continue;
        }
        size_t n = utf8_len(s, i, len);
        if (!n)
            return false;
        i += n;
    }
    *escapes = esc;
    return true;
}

/* Write the escape of byte u (one of needs_escape) to out; returns its length. */
static size_t escape_byte(char *out, unsigned char u)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *t = NULL;
    switch (u) {
    case '\\':
        t = "\\\\";
        break;
    case '"':
        t = "\\\"";
        break;
    case '\b':
        t = "\\b";
        break;
    case '\f':
        t = "\\f";
        break;
    case '\n':
        t = "\\n";
        break;
    case '\r':
        t = "\\r";
        break;
    case '\t':
        t = "\\t";
        break;
    default:
        break;
    }
    if (t) {
        out[0] = t[0];
        out[1] = t[1];
        return 2;
    }
    memcpy(out, "\\u00", 4);
    out[4] = hex[u >> 4];
    out[5] = hex[u & 15];
    return 6;
}

size_t qg_jw_escape(char *out, const char *s, size_t len, bool *nul)
{
    bool escapes; /* the loop below finds them */
    if (!utf8_valid_escapes(s, len, &escapes))
        return 0;
    size_t o = 0;
    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char u = (unsigned char)s[i];
        if (needs_escape(u)) {
            if (u == 0 && nul)
                *nul = true;
            o += escape_byte(out + o, u);
        } else {
            out[o++] = (char)u;
        }
    }
    out[o++] = '"';
    return o;
}

/* The JSON string of a valid UTF-8 s[0, len), written in runs between escapes. */
static void put_string(qg_jw *w, const char *s, size_t len)
{
    putc_(w, '"');
    size_t run = 0;
    const unsigned char *us = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        while (i + 8 <= len) {
            uint64_t f = escape_flags8(load8(us, i));
            if (!f) {
                i += 8;
                continue;
            }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            i += (size_t)__builtin_ctzll(f) / 8; /* the first byte to escape */
#endif
            break;
        }
        if (i >= len)
            break;
        unsigned char u = us[i];
        if (!needs_escape(u))
            continue;
        put(w, s + run, i - run);
        char e[8];
        if (u == 0)
            w->wrote_nul = true;
        put(w, e, escape_byte(e, u));
        run = i + 1;
    }
    put(w, s + run, len - run);
    putc_(w, '"');
}

/* Separator, indentation and key before a value in the open container. */
static void member(qg_jw *w, const char *key, size_t n)
{
    if (w->depth > 0) {
        if (w->count[w->depth - 1]++ > 0)
            putc_(w, ',');
        newline(w, w->depth);
    }
    if (key) {
        /* member names are the exporter's own: plain ASCII that needs no escape; n is their
         * length (strlen(key), from the caller) */
        if (room(w, n + 4)) {
            char *o = w->buf + w->len;
            o[0] = '"';
            if (n <= 16)
                copy_small(o + 1, key, n);
            else
                memcpy(o + 1, key, n);
            o[n + 1] = '"';
            o[n + 2] = ':';
            o[n + 3] = ' ';
            w->len += n + (w->indent > 0 ? 4 : 3);
        }
    }
}

static void begin(qg_jw *w, const char *key, size_t klen, char open)
{
    member(w, key, klen);
    putc_(w, open);
    if (w->depth >= QG_JW_MAX_DEPTH) {
        w->failed = true;
        return;
    }
    w->count[w->depth++] = 0;
}

static void end(qg_jw *w, char close)
{
    if (w->depth <= 0) {
        w->failed = true;
        return;
    }
    w->depth--;
    if (w->count[w->depth] > 0)
        newline(w, w->depth);
    putc_(w, close);
}

void qg_jw_begin_object_k(qg_jw *w, const char *key, size_t klen)
{
    begin(w, key, klen, '{');
}

void qg_jw_end_object(qg_jw *w)
{
    end(w, '}');
}

void qg_jw_begin_array_k(qg_jw *w, const char *key, size_t klen)
{
    begin(w, key, klen, '[');
}

void qg_jw_end_array(qg_jw *w)
{
    end(w, ']');
}

void qg_jw_stringn_k(qg_jw *w, const char *key, size_t klen, const char *s, size_t len)
{
    bool escapes;
    if (!s || !utf8_valid_escapes(s, len, &escapes))
        return;
    member(w, key, klen);
    if (escapes) {
        put_string(w, s, len);
        return;
    }
    /* nothing to escape (most strings): the bytes between the quotes as they are */
    putc_(w, '"');
    put(w, s, len);
    putc_(w, '"');
}

void qg_jw_string_k(qg_jw *w, const char *key, size_t klen, const char *s)
{
    if (s)
        qg_jw_stringn_k(w, key, klen, s, strlen(s));
}

/* Decimal digits of v, written backwards into the end of buf[32]; returns the first. */
static char *digits(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void qg_jw_prefixed_id_k(qg_jw *w, const char *key, size_t klen, char prefix, size_t n)
{
    char buf[32];
    char *p = digits(buf + sizeof buf, n);
    *--p = prefix;
    member(w, key, klen);
    putc_(w, '"');
    put(w, p, (size_t)(buf + sizeof buf - p));
    putc_(w, '"');
}

void qg_jw_int_k(qg_jw *w, const char *key, size_t klen, long long v)
{
    char buf[32];
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    char *p = digits(buf + sizeof buf, m);
    if (v < 0)
        *--p = '-';
    member(w, key, klen);
    put(w, p, (size_t)(buf + sizeof buf - p));
}

/* "%.6g" of v, written without printf, when v is the double nearest to m / 10^d for an
 * integer 0 < |m| < 10^6 and d = 3 or 6, and 10^-4 <= |v| < 10^(6-d): then "%.6g" writes in
 * fixed notation (exponent -4..5-d) with at least d decimals, and the exact binary value of v
 * lies within 10^-15 of m / 10^d, so its digits are those of m / 10^d with trailing zeros cut.
 * Returns the length written to out, or 0 when v is not such a value. */
static size_t short_decimal(char *out, double v)
{
    static const double scale[] = {1e3, 1e6};
    static const int places[] = {3, 6};
    double a = fabs(v);
    if (!(a >= 1e-4))
        return 0;
    for (int i = 0; i < 2; i++) {
        if (!(a < 1e6 / scale[i]))
            continue;
        double r = round(a * scale[i]);
        if (r < 1 || r >= 1e6 || r / scale[i] != a)
            continue;
        unsigned long m = (unsigned long)r;
        char frac[8];
        int d = places[i];
        for (int j = d - 1; j >= 0; j--) {
            frac[j] = (char)('0' + m % 10);
            m /= 10;
        }
        while (d > 0 && frac[d - 1] == '0')
            d--;
        size_t n = 0;
        if (v < 0)
            out[n++] = '-';
        char tmp[24];
        char *p = digits(tmp + sizeof tmp, m);
        memcpy(out + n, p, (size_t)(tmp + sizeof tmp - p));
        n += (size_t)(tmp + sizeof tmp - p);
        if (d > 0) {
            out[n++] = '.';
            memcpy(out + n, frac, (size_t)d);
            n += (size_t)d;
        }
        return n;
    }
    return 0;
}

/* "%.6g" of v, as jansson then writes it (no leading zero in the exponent), when v is the
 * double nearest to m / 10^6 for an integer 0 < |m| < 100: values rounded to 6 decimals below
 * 10^-4 (PageRank in large articles), where "%.6g" turns to exponent notation. m / 10^6 has at
 * most two significant digits and the double lies within 10^-16 of it relatively, so the digits
 * are m's: "5e-6", "1e-5", "3.2e-5". Returns the length written to out, or 0. */
static size_t tiny_decimal(char *out, double v)
{
    double a = fabs(v);
    if (!(a > 0 && a < 1e-4))
        return 0;
    double r = round(a * 1e6);
    if (r < 1 || r > 99 || r / 1e6 != a)
        return 0;
    unsigned m = (unsigned)r;
    size_t n = 0;
    if (v < 0)
        out[n++] = '-';
    if (m < 10) {
        out[n++] = (char)('0' + m);
        memcpy(out + n, "e-6", 3);
        return n + 3;
    }
    out[n++] = (char)('0' + m / 10);
    if (m % 10) {
        out[n++] = '.';
        out[n++] = (char)('0' + m % 10);
    }
    memcpy(out + n, "e-5", 3);
    return n + 3;
}

void qg_jw_real_k(qg_jw *w, const char *key, size_t klen, double v)
{
    char buf[64];
    size_t n;
    if (!isfinite(v))
        return; /* json_real() refuses NaN and infinities */
    if (v == floor(v) && fabs(v) < 1e6 && !(v == 0 && signbit(v))) {
        /* an integer: "%.6g" gives its digits, and jansson adds ".0" */
        long long i = (long long)v;
        char *p = digits(buf + 32, (unsigned long long)(i < 0 ? -i : i));
        if (i < 0)
            *--p = '-';
        n = (size_t)(buf + 32 - p);
        memmove(buf, p, n);
        buf[n++] = '.';
        buf[n++] = '0';
    } else if ((n = short_decimal(buf, v)) > 0) {
        /* a decimal of at most 3 or 6 places: what the exporter writes */
    } else if ((n = tiny_decimal(buf, v)) > 0) {
        /* 6 places under 10^-4: exponent notation */
    } else {
        /* jansson's jsonp_dtostr() (the snprintf version of jansson 2.14) */
        int r = snprintf(buf, sizeof buf, "%.6g", v);
        if (r < 0 || (size_t)r >= sizeof buf - 3) {
            w->failed = true;
            return;
        }
        n = (size_t)r;
        /* the locale's decimal point is written as '.' */
        for (size_t i = 0; i < n; i++)
            if (!(buf[i] >= '0' && buf[i] <= '9') && buf[i] != '-' && buf[i] != '+' &&
                buf[i] != 'e') {
                buf[i] = '.';
                break;
            }
        if (!memchr(buf, '.', n) && !memchr(buf, 'e', n)) {
            buf[n++] = '.';
            buf[n++] = '0';
        }
        char *e = memchr(buf, 'e', n);
        if (e) {
            /* no '+' and no leading zeros in the exponent */
            char *start = e + 1, *stop = e + 2;
            if (*start == '-')
                start++;
            while (stop < buf + n && *stop == '0')
                stop++;
            if (stop != start) {
                memmove(start, stop, (size_t)(buf + n - stop));
                n -= (size_t)(stop - start);
            }
        }
    }
    member(w, key, klen);
    put(w, buf, n);
}

void qg_jw_bool_k(qg_jw *w, const char *key, size_t klen, bool v)
{
    member(w, key, klen);
    if (v)
        put(w, "true", 4);
    else
        put(w, "false", 5);
}

void qg_jw_null_k(qg_jw *w, const char *key, size_t klen)
{
    member(w, key, klen);
    put(w, "null", 4);
}
