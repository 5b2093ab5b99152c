#include "text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/utf8.h>

int32_t qg_utf8_next(const char *s, size_t len, size_t *i)
{
    if (*i >= len)
        return -1;
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        (*i)++;
        return b;
    }
    UChar32 c;
    int32_t pos = 0;
    const uint8_t *p = (const uint8_t *)s + *i;
    int32_t n = (int32_t)(len - *i < 4 ? len - *i : 4);
    U8_NEXT(p, pos, n, c);
    *i += (size_t)pos;
    return c < 0 ? 0xFFFD : c;
}

int32_t qg_utf8_prev(const char *s, size_t *i)
{
    if (*i == 0)
        return -1;
    size_t j = *i - 1;
    if ((unsigned char)s[j] < 0x80) {
        *i = j;
        return (unsigned char)s[j];
    }
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && *i - j < 4)
        j--;
    size_t k = j;
    int32_t cp = qg_utf8_next(s, *i, &k);
    *i = j;
    return cp;
}

int32_t qg_utf8_at(const char *s, size_t len, size_t i)
{
    return qg_utf8_next(s, len, &i);
}

/* The classes of the 128 ASCII code points, taken from ICU once, so that the common case
 * costs a table look-up and gives exactly ICU's answer. */
enum {
    P_SPACE = QG_CP_SPACE,
    P_LETTER = QG_CP_LETTER,
    P_UPPER = QG_CP_UPPER,
    P_LOWER = QG_CP_LOWER,
    P_DIGIT = QG_CP_DIGIT,
    P_PUNCT = QG_CP_PUNCT,
    P_DASH = QG_CP_DASH
};
static uint8_t ascii_props[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;
/* set (release) once the table is filled: later calls read it without pthread_once */
static atomic_bool ascii_ready;

static void ascii_props_init(void)
{
    for (int32_t c = 0; c < 128; c++)
        ascii_props[c] = (uint8_t)((u_isUWhiteSpace(c) ? P_SPACE : 0) |
                                   (u_isUAlphabetic(c) ? P_LETTER : 0) |
                                   (u_isUUppercase(c) || u_istitle(c) ? P_UPPER : 0) |
                                   (u_isULowercase(c) ? P_LOWER : 0) |
                                   (u_isdigit(c) ? P_DIGIT : 0) | (u_ispunct(c) ? P_PUNCT : 0) |
                                   (u_hasBinaryProperty(c, UCHAR_DASH) ? P_DASH : 0));
    atomic_store_explicit(&ascii_ready, true, memory_order_release);
}

static inline int ascii_prop(int32_t cp)
{
    if (!atomic_load_explicit(&ascii_ready, memory_order_acquire))
        pthread_once(&ascii_once, ascii_props_init);
    return ascii_props[cp];
}

const uint8_t *qg_text_ascii_classes(void)
{
    (void)ascii_prop(0); /* the table is filled */
    return ascii_props;
}

bool qg_cp_is_space(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_SPACE;
    return cp >= 0 && u_isUWhiteSpace(cp);
}
bool qg_cp_is_letter(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_LETTER;
    return cp >= 0 && u_isUAlphabetic(cp);
}
bool qg_cp_is_upper(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_UPPER;
    return cp >= 0 && (u_isUUppercase(cp) || u_istitle(cp));
}
bool qg_cp_is_lower(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_LOWER;
    return cp >= 0 && u_isULowercase(cp);
}
bool qg_cp_is_digit(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_DIGIT;
    return cp >= 0 && u_isdigit(cp);
}
bool qg_cp_is_punct(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_PUNCT;
    return cp >= 0 && u_ispunct(cp);
}
bool qg_cp_is_dash(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & P_DASH;
    return cp >= 0 && u_hasBinaryProperty(cp, UCHAR_DASH);
}
/* The code point at s[*k] (valid UTF-8 below e), moving *k past it: 0 when it is not a letter,
 * else P_LETTER, with P_UPPER when it is upper-case. The ASCII table must be filled. */
static inline int letter_case_next(const char *s, size_t e, size_t *k)
{
    unsigned char ch = (unsigned char)s[*k];
    if (ch < 0x80) {
        int p = ascii_props[ch];
        (*k)++;
        return p & P_LETTER ? p & (P_LETTER | P_UPPER) : 0;
    }
    int32_t d = qg_utf8_next(s, e, k);
    return qg_cp_is_letter(d) ? P_LETTER | (qg_cp_is_upper(d) ? P_UPPER : 0) : 0;
}

void qg_text_count_letters(const char *s, size_t b, size_t e, size_t *letters, size_t *upper)
{
    size_t l = 0, u = 0;
    (void)ascii_prop(0); /* the table is filled */
    for (size_t k = b; k < e;) {
        int cls = letter_case_next(s, e, &k);
        l += (cls & P_LETTER) != 0;
        u += (cls & P_UPPER) != 0;
    }
    *letters = l;
    *upper = u;
}

bool qg_text_is_all_caps(const char *s, size_t b, size_t e)
{
    size_t l = 0;
    (void)ascii_prop(0); /* the table is filled */
    for (size_t k = b; k < e;) {
        int cls = letter_case_next(s, e, &k);
        if (cls) {
            if (!(cls & P_UPPER))
                return false;
            l++;
        }
    }
    return l >= 2;
}

bool qg_cp_hides_text(int32_t cp)
{
    if (cp < 0)
        return false;
    /* control characters (C0 but the line feed, DEL, C1), bidirectional controls, and the
     * zero-width space, non-joiner and joiner */
    return (u_charType(cp) == U_CONTROL_CHAR && cp != '\n') ||
           u_hasBinaryProperty(cp, UCHAR_BIDI_CONTROL) || (cp >= 0x200B && cp <= 0x200D);
}

bool qg_cp_is_alnum(int32_t cp)
{
    if (cp >= 0 && cp < 128)
        return ascii_prop(cp) & (P_LETTER | P_DIGIT);
    return qg_cp_is_letter(cp) || qg_cp_is_digit(cp);
}
bool qg_cp_is_quotation_mark(int32_t cp)
{
    return cp >= 0 && u_hasBinaryProperty(cp, UCHAR_QUOTATION_MARK);
}

qg_mark_class qg_cp_mark_class(int32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case '"': case 0xFF02:
        return QG_MARK_DOUBLE;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case '\'':
        return QG_MARK_SINGLE;
    case 0x00AB: case 0x00BB:
        return QG_MARK_GUILL;
    case 0x2039: case 0x203A:
        return QG_MARK_GUILL1;
    case 0x300C: case 0x300D:
        return QG_MARK_CORNER;
    case 0x300E: case 0x300F:
        return QG_MARK_CORNER2;
    default:
        return QG_MARK_NONE;
    }
}

/* One UCaseMap per thread, opened on first use (folding is locale-independent) and closed
 * when the thread exits (pthread key destructor). */
static pthread_key_t fold_key;
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static bool fold_key_ok;

static void fold_map_free(void *p)
{
    ucasemap_close(p);
}

static void fold_make_key(void)
{
    fold_key_ok = pthread_key_create(&fold_key, fold_map_free) == 0;
}

void qg_text_fold(qg_strbuf *out, const char *s, size_t len)
{
    /* ASCII: Unicode's default case folding maps only A-Z there (CaseFolding.txt) */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len) {
        size_t at = out->len;
        qg_strbuf_append(out, s, len);
        if (out->failed)
            return;
        for (char *p = out->data + at; p < out->data + at + len; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p + 32);
        return;
    }
    char small[256];
    UErrorCode uerr = U_ZERO_ERROR;
    pthread_once(&fold_once, fold_make_key);
    UCaseMap *fold_map = fold_key_ok ? pthread_getspecific(fold_key) : NULL;
    UCaseMap *owned = NULL; /* closed on return when no thread slot can keep it */
    if (!fold_map) {
        fold_map = ucasemap_open("", U_FOLD_CASE_DEFAULT, &uerr);
        if (U_FAILURE(uerr)) {
            qg_strbuf_append(out, s, len);
            return;
        }
        if (!fold_key_ok || pthread_setspecific(fold_key, fold_map) != 0)
            owned = fold_map;
    }
    int32_t n = ucasemap_utf8FoldCase(fold_map, small, (int32_t)sizeof small, s, (int32_t)len,
                                      &uerr);
    if (uerr == U_BUFFER_OVERFLOW_ERROR) {
        char *big = malloc((size_t)n + 1);
        uerr = U_ZERO_ERROR;
        if (big)
            n = ucasemap_utf8FoldCase(fold_map, big, n + 1, s, (int32_t)len, &uerr);
        if (big && U_SUCCESS(uerr))
            qg_strbuf_append(out, big, (size_t)n);
        else
            qg_strbuf_append(out, s, len);
        free(big);
    } else if (U_SUCCESS(uerr)) {
        qg_strbuf_append(out, small, (size_t)n);
    } else {
        qg_strbuf_append(out, s, len);
    }
    ucasemap_close(owned);
}
