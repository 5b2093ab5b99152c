/* Paragraphs, sentences and tokens. ICU does the segmentation (ubrk over a UTF-16 copy of the
 * text, which its iterators read faster than UTF-8 through UText; boundaries are mapped back to
 * UTF-8 bytes by walking both forward); this file repairs what news text needs (see
 * docs/pipeline.md): no break inside a quotation or between a closing mark and its speech tag,
 * none after honorifics and initials, a break after a company abbreviation that ends a sentence,
 * and the opening mark kept with the sentence it opens. */
#include "segment.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../text/text.h"

static qg_status check_icu(UErrorCode uerr, const char *what, qg_error *err)
{
    if (U_SUCCESS(uerr))
        return QG_OK;
    return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "%s: %s", what, u_errorName(uerr));
}

/* --- break iterators, one pair per thread ------------------------------------------------ */

/* Opening a sentence iterator with the "ss=standard" suppressions costs about as much as
 * segmenting a whole short article, so each thread keeps its iterators and rebinds them to
 * each document's text. They are closed when the thread exits (pthread key destructor); the
 * main thread's pair lives until the process ends. */
typedef struct seg_iterators {
    UBreakIterator *sentence, *word;
} seg_iterators;

static pthread_key_t iterators_key;
static pthread_once_t iterators_once = PTHREAD_ONCE_INIT;
static bool iterators_key_ok;

static void iterators_free(void *p)
{
    seg_iterators *it = p;
    if (it->sentence)
        ubrk_close(it->sentence);
    if (it->word)
        ubrk_close(it->word);
    free(it);
}

static void iterators_make_key(void)
{
    iterators_key_ok = pthread_key_create(&iterators_key, iterators_free) == 0;
}

/* This thread's iterator of the given type (*owned false), or a fresh one the caller closes
 * (*owned true) when no thread-specific slot can be had. */
static UBreakIterator *break_iterator(UBreakIteratorType type, bool *owned, UErrorCode *uerr)
{
    const char *locale = type == UBRK_SENTENCE ? "en@ss=standard" : "en";
    pthread_once(&iterators_once, iterators_make_key);
    seg_iterators *it = iterators_key_ok ? pthread_getspecific(iterators_key) : NULL;
    if (!it && iterators_key_ok && (it = calloc(1, sizeof *it)) != NULL &&
        pthread_setspecific(iterators_key, it) != 0) {
        free(it);
        it = NULL;
    }
    *owned = it == NULL;
    UBreakIterator **slot = it ? (type == UBRK_SENTENCE ? &it->sentence : &it->word) : NULL;
    if (slot && *slot)
        return *slot;
    UBreakIterator *bi = ubrk_open(type, locale, NULL, 0, uerr);
    if (U_FAILURE(*uerr))
        return NULL;
    if (slot)
        *slot = bi;
    return bi;
}

static bool is_blank_line_at(const char *t, size_t len, size_t i, size_t *end_out)
{
    /* i points at '\n'; a blank line follows when only spaces/tabs/CR come before the next '\n' */
    size_t j = i + 1;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
        j++;
    if (j < len && t[j] == '\n') {
        *end_out = j;
        return true;
    }
    return false;
}

static qg_status push_one_paragraph(qg_doc *doc, size_t b, size_t e);

/* A paragraph, split at U+2029 PARAGRAPH SEPARATOR (word processors and some feeds end
 * paragraphs with it instead of line breaks). */
static qg_status push_paragraph(qg_doc *doc, size_t b, size_t e)
{
    const char *t = doc->text;
    for (size_t i = b; i + 3 <= e;) {
        const char *m = memchr(t + i, 0xE2, e - i);
        if (!m || (size_t)(m - t) + 3 > e)
            break;
        i = (size_t)(m - t);
        if ((unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA9) {
            if (push_one_paragraph(doc, b, i))
                return QG_ENOMEM;
            b = i + 3;
            i = b;
        } else {
            i++;
        }
    }
    return push_one_paragraph(doc, b, e);
}

static qg_status push_one_paragraph(qg_doc *doc, size_t b, size_t e)
{
    const char *t = doc->text;
    while (b < e) { /* trim white space on both ends */
        size_t i = b;
        if (!qg_cp_is_space(qg_utf8_next(t, e, &i)))
            break;
        b = i;
    }
    while (e > b) {
        size_t i = e;
        if (!qg_cp_is_space(qg_utf8_prev(t, &i)))
            break;
        e = i;
    }
    if (b == e)
        return QG_OK;
    qg_span *p = qg_vec_push(&doc->paragraphs);
    if (!p)
        return QG_ENOMEM;
    p->begin = b;
    p->end = e;
    return QG_OK;
}

qg_status qg_segment_paragraphs(qg_doc *doc, qg_error *err)
{
    const char *t = doc->text;
    size_t len = doc->len, start = doc->body_begin;
    bool blank_lines = false;
    /* line breaks found with memchr: most bytes are not one */
    for (size_t i = start, e; i < len && !blank_lines; i++) {
        const char *nl = memchr(t + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - t);
        if (is_blank_line_at(t, len, i, &e))
            blank_lines = true;
    }
    size_t b = start;
    for (size_t i = start; i < len; i++) {
        const char *nl = memchr(t + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - t);
        size_t e = i;
        if (blank_lines && !is_blank_line_at(t, len, i, &e))
            continue;
        if (push_paragraph(doc, b, i))
            return QG_OOM(err);
        b = e + 1;
        i = e;
    }
    if (push_paragraph(doc, b, len))
        return QG_OOM(err);
    return QG_OK;
}

/* --- sentence repairs ------------------------------------------------------------------- */

/* End of [b, e) without trailing white space. */
static size_t trimmed_end(const char *t, size_t b, size_t e)
{
    while (e > b) {
        size_t i = e;
        if (!qg_cp_is_space(qg_utf8_prev(t, &i)))
            break;
        e = i;
    }
    return e;
}

/* Start of the word ending at e (letters, digits, apostrophes, inner periods). */
static size_t word_start(const char *t, size_t b, size_t e)
{
    while (e > b) {
        size_t i = e;
        int32_t c = qg_utf8_prev(t, &i);
        if (!qg_cp_is_alnum(c) && c != '.' && c != '\'' && c != 0x2019)
            break;
        e = i;
    }
    return e;
}

static bool folded_in(const qg_lexicon *lex, const char *s, size_t len, int *value)
{
    qg_strbuf f = QG_STRBUF_INIT;
    qg_text_fold(&f, s, len);
    bool hit = !f.failed && f.len && qg_lexicon_get(lex, f.data, f.len, value);
    qg_strbuf_dispose(&f);
    return hit;
}

/* Abbreviations that can end a sentence (company forms, generational suffixes). */
static const char *const FINAL_ABBREVIATIONS[] = {"Co", "Inc", "Ltd", "Corp", "Jr", "Sr",
                                                  "Bros", "Plc", "LLC", "Cos", NULL};
/* Words that start a new sentence after such an abbreviation. */
static const char *const SENTENCE_STARTERS[] = {
    "He", "She", "It", "They", "We", "I", "The", "But", "And", "This", "That", "There", "His",
    "Her", "Its", "Their", "A", "An", "In", "On", "At", "Yesterday", "However", "Today", "You",
    NULL};

static bool word_in(const char *const *list, const char *s, size_t len)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

/* Does the sentence starting at b open with a speech tag: a lower-case word, or within its first
 * six words a speech cue before any quotation mark ("Senator Abena Osei asked ...")? */
static bool starts_with_speech_tag(const qg_doc *doc, const qg_model *model, size_t b, size_t e)
{
    const char *t = doc->text;
    size_t i = b;
    int32_t c = qg_utf8_next(t, e, &i);
    if (qg_cp_is_lower(c))
        return true;
    if (qg_cp_mark_class(c) != QG_MARK_NONE || !qg_cp_is_letter(c))
        return false;
    i = b;
    for (int words = 0; words < 6 && i < e;) {
        size_t ws = i;
        while (i < e) {
            size_t k = i;
            int32_t d = qg_utf8_next(t, e, &k);
            if (!qg_cp_is_alnum(d) && d != '.' && d != '\'' && d != 0x2019 && d != '-')
                break;
            i = k;
        }
        if (i > ws) {
            words++;
            size_t we = i;
            while (we > ws && t[we - 1] == '.')
                we--;
            int cls;
            if (folded_in(&model->cues, t + ws, we - ws, &cls) && (cls & QG_CUE_BIT(QG_CUE_SPEECH)))
                return true;
        }
        if (i >= e)
            break;
        size_t k = i;
        int32_t d = qg_utf8_next(t, e, &k);
        if (qg_cp_mark_class(d) != QG_MARK_NONE || d == '.' || d == '!' || d == '?' ||
            d == ':' || d == ';')
            return false;
        i = k;
    }
    return false;
}

/* Must the boundary at b (between [pb, b) and [b, ...)) go? */
static bool is_false_break(const qg_doc *doc, const qg_model *model, size_t pb, size_t b,
                           size_t next_end)
{
    const char *t = doc->text;
    size_t e = trimmed_end(t, pb, b);
    if (e == pb)
        return false;
    size_t i = e;
    int32_t last = qg_utf8_prev(t, &i);
    /* a closing mark after ? ! or , followed by a speech tag: ?” she asked */
    if (qg_cp_mark_class(last) != QG_MARK_NONE) {
        int32_t before = qg_utf8_prev(t, &i);
        if (before == last && (last == '\'' || last == '`') && i > pb)
            before = qg_utf8_prev(t, &i); /* the NYT closing '' */
        if ((before == '?' || before == '!' || before == ',' || before == 0x2014) &&
            starts_with_speech_tag(doc, model, b, next_end))
            return true;
        return false;
    }
    if (last != '.')
        return false;
    size_t ws = word_start(t, pb, i);
    size_t wl = i - ws;
    if (wl == 0)
        return false;
    /* initials: K. D. Farrow */
    size_t k = ws;
    int32_t c0 = qg_utf8_next(t, i, &k);
    if (k == i && qg_cp_is_upper(c0))
        return true;
    /* abbreviations with inner periods (U.S., U.K.) before a word that does not start a
     * sentence: "the U.S. Grain Council" */
    if (memchr(t + ws, '.', i - ws)) {
        size_t n = b, ne;
        while (n < next_end && t[n] == ' ')
            n++;
        for (ne = n; ne < next_end && ((t[ne] >= 'A' && t[ne] <= 'Z') || (t[ne] >= 'a' && t[ne] <= 'z')); ne++)
            ;
        if (ne > n && !word_in(SENTENCE_STARTERS, t + n, ne - n))
            return true;
    }
    /* honorifics and titles written with a period: Mr. Ms. Dr. Sen. Gov. */
    int v;
    qg_strbuf w = QG_STRBUF_INIT;
    qg_strbuf_append(&w, t + ws, wl);
    qg_strbuf_append(&w, ".", 1);
    bool title = !w.failed && folded_in(&model->titles, w.data, w.len, &v);
    qg_strbuf_dispose(&w);
    return title;
}

typedef QG_VEC(size_t) size_vec;

/* Add breaks ICU suppressed after a final abbreviation: "… Grain Co. He declined". */
static qg_status add_abbreviation_breaks(const qg_doc *doc, size_t b, size_t e, size_vec *out)
{
    const char *t = doc->text;
    for (size_t i = b; i + 2 < e; i++) {
        /* the next period (memchr: most bytes are not one) */
        const char *dot = memchr(t + i, '.', e - 2 - i);
        if (!dot)
            break;
        i = (size_t)(dot - t);
        if (t[i + 1] != ' ')
            continue;
        size_t ws = word_start(t, b, i);
        if (!word_in(FINAL_ABBREVIATIONS, t + ws, i - ws))
            continue;
        size_t n = i + 1;
        while (n < e && t[n] == ' ')
            n++;
        size_t ne = n;
        while (ne < e && ((t[ne] >= 'A' && t[ne] <= 'Z') || (t[ne] >= 'a' && t[ne] <= 'z')))
            ne++;
        if (ne > n && word_in(SENTENCE_STARTERS, t + n, ne - n)) {
            size_t *p = qg_vec_push(out);
            if (!p)
                return QG_ENOMEM;
            *p = n;
        }
    }
    return QG_OK;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Index of the first top-level quote whose content ends after `at`, from *cursor on. */
static const qg_raw_quote *quote_around(const qg_doc *doc, size_t *cursor, size_t at)
{
    while (*cursor < doc->raw_quotes.count &&
           (doc->raw_quotes.items[*cursor].content.end <= at ||
            doc->raw_quotes.items[*cursor].depth != 0))
        (*cursor)++;
    if (*cursor >= doc->raw_quotes.count)
        return NULL;
    const qg_raw_quote *q = &doc->raw_quotes.items[*cursor];
    return q->content.begin < at ? q : NULL;
}

/* Does a quote open at byte i? raw_quotes is sorted by opening mark: binary search. */
static bool opens_quote_at(const qg_doc *doc, size_t i)
{
    size_t lo = 0, hi = doc->raw_quotes.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->raw_quotes.items[mid].open_mark.begin < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->raw_quotes.count && doc->raw_quotes.items[lo].open_mark.begin == i;
}

/* The text in UTF-16 for ICU's iterators, and a cursor that maps UTF-16 indices to UTF-8 byte
 * offsets (and back) by walking forward from the last answer: the iterators' boundaries come
 * in increasing order, so a whole document is walked once. */
typedef struct u16_text {
    UChar *s;
    int32_t len;
} u16_text;

typedef struct u16_cursor {
    const char *t; /* the UTF-8 text (valid: decode/ repaired it) */
    size_t u8;
    int32_t u16;
} u16_cursor;

static qg_status u16_make(u16_text *out, const qg_doc *doc, qg_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    out->len = 0;
    /* UTF-16 never takes more units than UTF-8 takes bytes */
    out->s = malloc((doc->len ? doc->len : 1) * sizeof *out->s);
    if (!out->s)
        return QG_OOM(err);
    u_strFromUTF8(out->s, (int32_t)(doc->len ? doc->len : 1), &out->len, doc->text,
                  (int32_t)doc->len, &uerr);
    if (uerr == U_STRING_NOT_TERMINATED_WARNING)
        uerr = U_ZERO_ERROR;
    if (check_icu(uerr, "u_strFromUTF8", err)) {
        free(out->s);
        out->s = NULL;
        return QG_ERROR;
    }
    return QG_OK;
}

/* The eight bytes at s as one word (any alignment). */
static inline uint64_t load8(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

/* Move the cursor past one code point, or past eight ASCII bytes (eight units) when `room`, the
 * bytes or units still to go, is at least eight and they are ASCII. */
static inline void cursor_step(u16_cursor *c, size_t room)
{
    const unsigned char *t = (const unsigned char *)c->t;
    if (room >= 8 && !(load8(t + c->u8) & 0x8080808080808080ull)) {
        c->u8 += 8;
        c->u16 += 8;
        return;
    }
    unsigned char b = t[c->u8];
    if (b < 0x80) {
        c->u8++;
        c->u16++;
    } else if (b < 0xE0) {
        c->u8 += 2;
        c->u16++;
    } else if (b < 0xF0) {
        c->u8 += 3;
        c->u16++;
    } else {
        c->u8 += 4;
        c->u16 += 2;
    }
}

/* Byte offset of UTF-16 index u16 (at or after the cursor's). */
static inline size_t u16_to_u8(u16_cursor *c, int32_t u16)
{
    while (c->u16 < u16)
        cursor_step(c, (size_t)(u16 - c->u16));
    return c->u8;
}

/* UTF-16 index of byte offset u8 (a code point boundary at or after the cursor's). */
static inline int32_t u8_to_u16(u16_cursor *c, size_t u8)
{
    while (c->u8 < u8)
        cursor_step(c, u8 - c->u8);
    return c->u16;
}

static qg_status split_paragraph(qg_doc *doc, const qg_model *model, UBreakIterator *bi,
                                 const u16_text *u16, u16_cursor *cur, uint32_t para,
                                 size_t *quote_cursor, size_vec *cuts, qg_error *err)
{
    const char *t = doc->text;
    qg_span p = doc->paragraphs.items[para];
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t b16 = u8_to_u16(cur, p.begin);
    int32_t e16 = u8_to_u16(cur, p.end);
    /* the paragraph alone, as the iterator saw it over UTF-8 */
    ubrk_setText(bi, u16->s + b16, e16 - b16, &uerr);
    if (check_icu(uerr, "ubrk_setText", err))
        return QG_ERROR;
    u16_cursor pc = {t, p.begin, b16};
    cuts->count = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        size_t at = u16_to_u8(&pc, b16 + b);
        if (at >= p.end)
            break;
        size_t *c = qg_vec_push(cuts);
        if (!c)
            return QG_OOM(err);
        *c = at;
    }
    if (add_abbreviation_breaks(doc, p.begin, p.end, cuts))
        return QG_OOM(err);
    if (cuts->count > 1)
        qsort(cuts->items, cuts->count, sizeof *cuts->items, cmp_size);
    size_t start = p.begin;
    for (size_t k = 0; k <= cuts->count; k++) {
        size_t b = k < cuts->count ? cuts->items[k] : p.end;
        if (k < cuts->count) {
            if (b <= start)
                continue;
            size_t next_end = k + 1 < cuts->count ? cuts->items[k + 1] : p.end;
            const qg_raw_quote *q = quote_around(doc, quote_cursor, b);
            bool inside = q && q->content.begin < b && b < q->content.end &&
                          !q->unclosed; /* an unclosed quote may have swallowed the rest */
            if (inside || is_false_break(doc, model, start, b, next_end))
                continue;
            /* the opening mark stays with the sentence it opens */
            size_t e = trimmed_end(t, start, b);
            size_t i = e;
            int32_t last = qg_utf8_prev(t, &i);
            if (qg_cp_mark_class(last) != QG_MARK_NONE) {
                if (i > start && opens_quote_at(doc, i))
                    b = i;
            }
        }
        qg_sentence *s = qg_vec_push(&doc->sentences);
        if (!s)
            return QG_OOM(err);
        s->span.begin = start;
        s->span.end = trimmed_end(t, start, b);
        s->paragraph = para;
        start = b;
    }
    return QG_OK;
}

/* Word tokens over the whole text with ICU's word BreakIterator; white space is skipped. */
static qg_status tokenize(qg_doc *doc, const u16_text *u16, qg_error *err)
{
    const char *t = doc->text;
    UErrorCode uerr = U_ZERO_ERROR;
    bool owned;
    UBreakIterator *bi = break_iterator(UBRK_WORD, &owned, &uerr);
    if (check_icu(uerr, "ubrk_open(word)", err))
        return QG_ERROR;
    ubrk_setText(bi, u16->s, u16->len, &uerr);
    if (check_icu(uerr, "ubrk_setText", err)) {
        if (owned)
            ubrk_close(bi);
        return QG_ERROR;
    }
    u16_cursor cur = {t, 0, 0};
    size_t sent = 0, rq = 0;
    const uint8_t *ascii = qg_text_ascii_classes(); /* ASCII first characters: no calls */
    const qg_sentence *ss = doc->sentences.items;
    size_t ns = doc->sentences.count;
    bool space_before = true;
    size_t te = u16_to_u8(&cur, ubrk_first(bi));
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        size_t tb = te;
        te = u16_to_u8(&cur, b);
        if (tb < doc->body_begin)
            continue;
        size_t i = tb;
        unsigned char b0 = (unsigned char)t[tb];
        int32_t c = b0 < 0x80 ? (int32_t)b0 : qg_utf8_next(t, te, &i);
        int cls = b0 < 0x80 ? ascii[b0]
                            : (qg_cp_is_space(c) ? QG_CP_SPACE : 0) |
                                  (qg_cp_is_letter(c) ? QG_CP_LETTER : 0) |
                                  (qg_cp_is_digit(c) ? QG_CP_DIGIT : 0) |
                                  (qg_cp_is_upper(c) ? QG_CP_UPPER : 0);
        if (cls & QG_CP_SPACE) {
            space_before = true;
            continue;
        }
        while (sent < ns && ss[sent].span.end <= tb)
            sent++;
        if (sent >= ns || ss[sent].span.begin > tb) {
            space_before = true;
            continue; /* outside every sentence (between paragraphs) */
        }
        qg_token *tok = qg_vec_push(&doc->tokens);
        if (!tok) {
            if (owned)
                ubrk_close(bi);
            return QG_OOM(err);
        }
        tok->begin = (uint32_t)tb;
        tok->end = (uint32_t)te;
        tok->sentence = (uint32_t)sent;
        tok->quote = -1;
        uint32_t f = space_before ? QG_TOK_SPACE_BEFORE : 0;
        if (cls & (QG_CP_LETTER | QG_CP_DIGIT)) { /* qg_cp_is_alnum(c) */
            f |= QG_TOK_WORD;
            if (cls & QG_CP_DIGIT)
                f |= QG_TOK_NUMBER;
            if (cls & QG_CP_UPPER)
                f |= QG_TOK_CAP;
            /* a word whose first character is a letter but not a capital is not all capitals
             * (qg_text_is_all_caps answers false at its first letter): no call */
            if ((!(cls & QG_CP_LETTER) || (cls & QG_CP_UPPER)) && qg_text_is_all_caps(t, tb, te))
                f |= QG_TOK_ALLCAPS;
        } else {
            f |= QG_TOK_PUNCT;
        }
        /* a mark written with two characters (``, '') is one token */
        if (doc->tokens.count >= 2) {
            qg_token *pt = &doc->tokens.items[doc->tokens.count - 2];
            if ((pt->flags & (QG_TOK_OPEN | QG_TOK_CLOSE)) && pt->end == tb && rq < doc->raw_quotes.count) {
                const qg_raw_quote *q = &doc->raw_quotes.items[rq];
                if ((q->open_mark.begin == pt->begin && te <= q->open_mark.end) ||
                    (q->close_mark.begin == pt->begin && te <= q->close_mark.end)) {
                    pt->end = (uint32_t)te;
                    doc->tokens.count--;
                    space_before = false;
                    continue;
                }
            }
        }
        /* quote membership and marks (top-level quotes only) */
        while (rq < doc->raw_quotes.count &&
               (doc->raw_quotes.items[rq].depth != 0 ||
                (doc->raw_quotes.items[rq].close_mark.end > doc->raw_quotes.items[rq].content.end
                     ? doc->raw_quotes.items[rq].close_mark.end
                     : doc->raw_quotes.items[rq].content.end) <= tb))
            rq++;
        if (rq < doc->raw_quotes.count) {
            const qg_raw_quote *q = &doc->raw_quotes.items[rq];
            if (q->open_mark.begin == tb && q->open_mark.end > q->open_mark.begin)
                f |= QG_TOK_OPEN;
            else if (q->close_mark.begin == tb && q->close_mark.end > q->close_mark.begin)
                f |= QG_TOK_CLOSE;
            else if (tb >= q->content.begin && te <= q->content.end)
                tok->quote = (int32_t)rq;
        }
        tok->flags = f;
        space_before = false;
    }
    if (owned)
        ubrk_close(bi);
    else
        ubrk_setText(bi, NULL, 0, &uerr); /* the text is freed after this */
    for (size_t k = 0, s = 0; s < ns; s++) {
        qg_sentence *se = &doc->sentences.items[s];
        se->first_token = (uint32_t)k;
        se->first_word = UINT32_MAX;
        while (k < doc->tokens.count && doc->tokens.items[k].sentence == s) {
            if (se->first_word == UINT32_MAX && (doc->tokens.items[k].flags & QG_TOK_WORD))
                se->first_word = (uint32_t)k;
            k++;
        }
        se->end_token = (uint32_t)k;
        if (se->first_word == UINT32_MAX)
            se->first_word = se->end_token;
    }
    return QG_OK;
}

qg_status qg_segment_sentences(qg_doc *doc, const qg_model *model, qg_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    bool owned;
    UBreakIterator *bi = break_iterator(UBRK_SENTENCE, &owned, &uerr);
    if (check_icu(uerr, "ubrk_open(sentence)", err))
        return QG_ERROR;
    u16_text u16;
    qg_status st = u16_make(&u16, doc, err);
    if (st) {
        if (owned)
            ubrk_close(bi);
        return st;
    }
    size_vec cuts = {NULL, 0, 0};
    size_t cursor = 0;
    u16_cursor cur = {doc->text, 0, 0};
    for (uint32_t p = 0; p < doc->paragraphs.count && st == QG_OK; p++)
        st = split_paragraph(doc, model, bi, &u16, &cur, p, &cursor, &cuts, err);
    qg_vec_free(&cuts);
    if (owned)
        ubrk_close(bi);
    else
        ubrk_setText(bi, NULL, 0, &uerr); /* the text is freed below */
    for (size_t s = 0; st == QG_OK && s < doc->sentences.count; s++) {
        qg_span *v = qg_vec_push(&doc->sentence_view);
        if (!v)
            st = QG_OOM(err);
        else
            *v = doc->sentences.items[s].span;
    }
    if (st == QG_OK)
        st = tokenize(doc, &u16, err);
    free(u16.s);
    return st;
}
