/* Escaping for the contexts a report writes untrusted strings into, and the SHA-256 that names
 * the page's inline style and script in its Content-Security-Policy. Input strings are valid
 * UTF-8 (jansson checks every string it decodes). */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

static void put(qg_strbuf *b, const char *s, size_t n)
{
    qg_strbuf_append(b, s, n);
}

void rp_esc_html_br(qg_strbuf *b, const char *s, bool br)
{
    if (!s)
        return;
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        const char *rep = NULL;
        size_t skip = 1;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '\t':
            break;
        case '\r':
        case '\n':
            if (br) {
                rep = "<br>";
                skip = c == '\r' && p[1] == '\n' ? 2 : 1;
            }
            break;
        case 0xe2: /* U+2028, U+2029 */
            if (br && (unsigned char)p[1] == 0x80 &&
                ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9)) {
                rep = "<br>";
                skip = 3;
            }
            break;
        case 0xc2: /* U+0085 */
            if (br && (unsigned char)p[1] == 0x85) {
                rep = "<br>";
                skip = 2;
            }
            break;
        default:
            if ((c > 0 && c < 0x20) || c == 0x7f)
                rep = "\xef\xbf\xbd"; /* U+FFFD */
        }
        if (!c || rep) {
            qg_strbuf_append(b, run, (size_t)(p - run));
            if (!c)
                return;
            qg_strbuf_puts(b, rep);
            p += skip - 1;
            run = p + 1;
        }
    }
}

void rp_esc_html(qg_strbuf *b, const char *s)
{
    rp_esc_html_br(b, s, false);
}

void rp_esc_json_script(qg_strbuf *b, const char *s)
{
    put(b, "\"", 1);
    const char *run = s ? s : "";
    for (const char *p = run;; p++) {
        unsigned char c = (unsigned char)*p;
        char rep[8] = "";
        size_t skip = 1;
        if (c == '"' || c == '\\') {
            rep[0] = '\\';
            rep[1] = (char)c;
        } else if (c && (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f)) {
            snprintf(rep, sizeof rep, "\\u%04x", c);
        } else if (c == 0xe2 && (unsigned char)p[1] == 0x80 &&
                   ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9)) {
            snprintf(rep, sizeof rep, "\\u%04x", 0x2000 + ((unsigned char)p[2] - 0xa8 + 0x28));
            skip = 3;
        }
        if (!c || rep[0]) {
            put(b, run, (size_t)(p - run));
            if (!c)
                break;
            qg_strbuf_puts(b, rep);
            p += skip - 1;
            run = p + 1;
        }
    }
    put(b, "\"", 1);
}

void rp_esc_md(qg_strbuf *b, const char *s)
{
    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '\r' || c == '\n') {
            if (c == '\r' && p[1] == '\n')
                p++;
            qg_strbuf_puts(b, "<br>");
        } else if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
            qg_strbuf_puts(b, "<br>");
            p += 2;
        } else if (c == 0xc2 && p[1] == 0x85) { /* U+0085 next line */
            qg_strbuf_puts(b, "<br>");
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            put(b, " ", 1);
        } else if (strchr("\\`*_[]<>|~&$", c)) {
            char e[2] = {'\\', (char)c};
            put(b, e, 2);
        } else {
            put(b, (const char *)p, 1);
        }
    }
}

static bool prefix_ci(const char *s, const char *lower)
{
    for (; *lower; s++, lower++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *lower)
            return false;
    }
    return true;
}

bool rp_url_ok(const char *url)
{
    if (!url)
        return false;
    size_t skip;
    if (prefix_ci(url, "https://"))
        skip = 8;
    else if (prefix_ci(url, "http://"))
        skip = 7;
    else
        return false;
    if (!url[skip])
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}

void rp_esc_md_url(qg_strbuf *b, const char *url)
{
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f || strchr("()<>|\\\"'[]`", *p))
            qg_strbuf_printf(b, "%%%02X", *p);
        else
            put(b, (const char *)p, 1);
    }
}

/* ---- SHA-256 (FIPS 180-4) ---- */

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = hh + S1 + ch + K[i] + w[i];
        uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
        uint32_t mj = (a & bb) ^ (a & c) ^ (bb & c);
        uint32_t t2 = S0 + mj;
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = bb;
        bb = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

void rp_sha256_base64(const void *data, size_t len, char out[45])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const unsigned char *p = data;
    size_t n = len;
    for (; n >= 64; n -= 64, p += 64)
        block(h, p);
    unsigned char tail[128] = {0};
    memcpy(tail, p, n);
    tail[n] = 0x80;
    size_t tl = n + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        tail[tl - 1 - i] = (unsigned char)(bits >> (8 * i));
    block(h, tail);
    if (tl == 128)
        block(h, tail + 64);
    unsigned char dig[33];
    for (int i = 0; i < 8; i++) {
        dig[4 * i] = (unsigned char)(h[i] >> 24);
        dig[4 * i + 1] = (unsigned char)(h[i] >> 16);
        dig[4 * i + 2] = (unsigned char)(h[i] >> 8);
        dig[4 * i + 3] = (unsigned char)h[i];
    }
    dig[32] = 0;
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int o = 0;
    for (int i = 0; i < 33; i += 3) {
        uint32_t v = (uint32_t)dig[i] << 16 | (i + 1 < 33 ? (uint32_t)dig[i + 1] << 8 : 0) |
                     (i + 2 < 33 ? dig[i + 2] : 0);
        out[o++] = B64[(v >> 18) & 63];
        out[o++] = B64[(v >> 12) & 63];
        out[o++] = B64[(v >> 6) & 63];
        out[o++] = B64[v & 63];
    }
    /* 32 bytes are 43 base64 digits and one '=' of padding */
    out[43] = '=';
    out[44] = '\0';
}
