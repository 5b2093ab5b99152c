/* Code point stepping over UTF-8 and code point classes, on ICU's properties.
 * quote/ and attrib/ classify characters only through this module. */
#ifndef QG_TEXT_TEXT_H
#define QG_TEXT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/strbuf.h"

/* Decode the code point at *i in valid UTF-8 s[0..len) and advance *i; returns -1 at the end. */
int32_t qg_utf8_next(const char *s, size_t len, size_t *i);
/* Decode the code point that ends at *i and move *i back to its start; -1 at the start. */
int32_t qg_utf8_prev(const char *s, size_t *i);
/* The code point at byte i (valid UTF-8), or -1 past the end. */
int32_t qg_utf8_at(const char *s, size_t len, size_t i);

bool qg_cp_is_space(int32_t cp);  /* Unicode White_Space */
bool qg_cp_is_letter(int32_t cp); /* Alphabetic */
bool qg_cp_is_upper(int32_t cp);  /* upper- or title-case letter */
bool qg_cp_is_lower(int32_t cp);
bool qg_cp_is_digit(int32_t cp);
bool qg_cp_is_punct(int32_t cp);  /* general category P* */
bool qg_cp_is_dash(int32_t cp);   /* Dash property: - – — ― */
bool qg_cp_is_alnum(int32_t cp);
/* The code points of s[b, e) that are letters (qg_cp_is_letter) and, of those, upper-case
 * (qg_cp_is_upper), counted in one pass (ASCII from the same ICU-filled table). */
void qg_text_count_letters(const char *s, size_t b, size_t e, size_t *letters, size_t *upper);
/* Does s[b, e) hold at least two letters, all of them upper-case? The answer of
 * qg_text_count_letters() (letters >= 2 && upper == letters), stopping at the first letter that
 * is not upper-case (most words: their second letter). */
bool qg_text_is_all_caps(const char *s, size_t b, size_t e);
/* Classes of the ASCII code points, as the qg_cp_is_* functions answer them (filled from ICU
 * once): bit QG_CP_SPACE for qg_cp_is_space(c), and so on. */
enum {
    QG_CP_SPACE = 1,
    QG_CP_LETTER = 2,
    QG_CP_UPPER = 4,
    QG_CP_LOWER = 8,
    QG_CP_DIGIT = 16,
    QG_CP_PUNCT = 32,
    QG_CP_DASH = 64
};
/* The table of those classes for code points 0..127 (128 entries), filled on the first call;
 * static, never NULL. Thread-safe. For loops over many characters: fetch it once, then
 * classify ASCII without a call. */
const uint8_t *qg_text_ascii_classes(void);
/* Would the code point change what a terminal shows without being seen (ICU: general category
 * Cc except the line feed, Bidi_Control, U+200B..U+200D)? */
bool qg_cp_hides_text(int32_t cp);
bool qg_cp_is_quotation_mark(int32_t cp); /* Unicode Quotation_Mark (includes 「 」 『 』) */

/* Quotation mark classes (Unicode Quotation_Mark plus the CJK corner brackets). */
typedef enum qg_mark_class {
    QG_MARK_NONE = 0,
    QG_MARK_DOUBLE,   /* “ ” „ ‟ " ＂ */
    QG_MARK_SINGLE,   /* ‘ ’ ‚ ‛ ' */
    QG_MARK_GUILL,    /* « » */
    QG_MARK_GUILL1,   /* ‹ › */
    QG_MARK_CORNER,   /* 「 」 */
    QG_MARK_CORNER2,  /* 『 』 */
} qg_mark_class;

qg_mark_class qg_cp_mark_class(int32_t cp);

/* Append the case-folded form of s[0..len) (ICU full case folding) to out. */
void qg_text_fold(qg_strbuf *out, const char *s, size_t len);

#endif
