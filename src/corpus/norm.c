/* Text normalisation for matching quotes and names across articles (ICU): NFKC case folding,
 * accents removed, words split on everything that is not a letter, digit or mark. */
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/uscript.h>

#include "../core/error.h"
#include "corpus_internal.h"

struct qg_norm {
    const UNormalizer2 *nfkc_cf, *nfd;
    UChar *a, *b;
    int32_t cap;
};

qg_status qg_norm_new(qg_norm **out, qg_error *err)
{
    UErrorCode ue = U_ZERO_ERROR;
    qg_norm *n = calloc(1, sizeof *n);
    if (!n)
        return QG_OOM(err);
    n->nfkc_cf = unorm2_getNFKCCasefoldInstance(&ue);
    n->nfd = unorm2_getNFDInstance(&ue);
    if (U_FAILURE(ue)) {
        free(n);
        return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "ICU: cannot load normalisers: %s",
                            u_errorName(ue));
    }
    *out = n;
    return QG_OK;
}

void qg_norm_free(qg_norm *n)
{
    if (!n)
        return;
    free(n->a);
    free(n->b);
    free(n);
}

static bool reserve(qg_norm *n, int32_t need)
{
    if (need <= n->cap)
        return true;
    int32_t cap = n->cap ? n->cap : 256;
    while (cap < need) {
        if (cap > INT32_MAX / 2)
            return false;
        cap *= 2;
    }
    UChar *a = realloc(n->a, (size_t)cap * sizeof *a);
    if (!a)
        return false;
    n->a = a;
    UChar *b = realloc(n->b, (size_t)cap * sizeof *b);
    if (!b)
        return false;
    n->b = b;
    n->cap = cap;
    return true;
}

/* Normalise src[0..len) into dst, growing the buffers; returns the length or -1. */
static int32_t normalize(qg_norm *n, const UNormalizer2 *form, bool into_b, int32_t len)
{
    for (int attempt = 0; attempt < 4; attempt++) {
        UErrorCode ue = U_ZERO_ERROR;
        const UChar *src = into_b ? n->a : n->b;
        UChar *dst = into_b ? n->b : n->a;
        int32_t r = unorm2_normalize(form, src, len, dst, n->cap, &ue);
        if (ue == U_BUFFER_OVERFLOW_ERROR) {
            /* reserve() reallocates both buffers; src moves with them */
            if (!reserve(n, r + 1))
                return -1;
            continue;
        }
        return U_FAILURE(ue) ? -1 : r;
    }
    return -1;
}

static bool is_word_char(UChar32 c)
{
    if (u_isalnum(c))
        return true;
    int8_t t = u_charType(c);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK ||
           t == U_OTHER_NUMBER || t == U_LETTER_NUMBER;
}

static bool is_single_word(UChar32 c)
{
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
        return true;
    UErrorCode ue = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &ue);
    return sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

static bool is_apostrophe(UChar32 c)
{
    return c == 0x27 || c == 0x2019 || c == 0x02BC;
}

static void put_cp(qg_strbuf *out, UChar32 c)
{
    char b[4];
    int32_t i = 0;
    U8_APPEND_UNSAFE(b, i, c);
    qg_strbuf_append(out, b, (size_t)i);
}

/* ASCII text: NFKC case folding is lower-casing, and the letters and digits are [a-z0-9]; the
 * same words as the ICU path, without its cost. */
static long ascii_words(const char *s, size_t len, qg_strbuf *out)
{
    long words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (!in_word) {
                if (words)
                    qg_strbuf_append(out, " ", 1);
                words++;
                in_word = true;
            }
            qg_strbuf_append(out, &c, 1);
            continue;
        }
        if (in_word && c == '\'' && i + 1 < len &&
            ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
            continue; /* don't → dont */
        in_word = false;
    }
    return out->failed ? -1 : words;
}

long qg_norm_words(qg_norm *n, const char *s, size_t len, qg_strbuf *out)
{
    out->len = 0;
    qg_strbuf_append(out, "", 0);
    if (len == 0)
        return 0;
    size_t ascii = 0;
    while (ascii < len && (unsigned char)s[ascii] < 0x80)
        ascii++;
    if (ascii == len)
        return ascii_words(s, len, out);
    if (len > INT32_MAX / 2 || !reserve(n, (int32_t)len + 1))
        return -1;
    UErrorCode ue = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8WithSub(n->a, n->cap, &ulen, s, (int32_t)len, 0xFFFD, NULL, &ue);
    if (U_FAILURE(ue))
        return -1;
    int32_t l1 = normalize(n, n->nfkc_cf, true, ulen); /* a → b */
    if (l1 < 0)
        return -1;
    int32_t l2 = normalize(n, n->nfd, false, l1); /* b → a */
    if (l2 < 0)
        return -1;
    const UChar *u = n->a;
    long words = 0;
    bool in_word = false;
    for (int32_t i = 0; i < l2;) {
        UChar32 c;
        U16_NEXT(u, i, l2, c);
        if (c >= 0x300 && c <= 0x36F)
            continue; /* accents */
        if (is_single_word(c)) {
            if (words)
                qg_strbuf_append(out, " ", 1);
            put_cp(out, c);
            words++;
            in_word = false;
            continue;
        }
        if (is_word_char(c)) {
            if (!in_word) {
                if (words)
                    qg_strbuf_append(out, " ", 1);
                words++;
                in_word = true;
            }
            put_cp(out, c);
            continue;
        }
        if (in_word && is_apostrophe(c) && i < l2) {
            UChar32 next;
            int32_t j = i;
            U16_NEXT(u, j, l2, next);
            if (u_isalpha(next) && !is_single_word(next))
                continue; /* don’t → dont */
        }
        in_word = false;
    }
    return out->failed ? -1 : words;
}
