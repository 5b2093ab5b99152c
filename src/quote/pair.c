/* Pairs quotation marks of every convention listed in docs/FIELD.md (English, German, French,
 * Swiss, CJK, typewriter), telling apostrophes from closing single quotes, and repairs what
 * news text gets wrong: unclosed quotes, quotes running over paragraphs (the opening mark repeated
 * at each paragraph), a curly opener closed by a straight mark. */
#include "quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../text/text.h"

typedef struct open_mark {
    int32_t cp;
    qg_span mark;
} open_mark;

/* Can closing mark `close` end a quote opened with `open`? */
static bool closes(int32_t open, int32_t close)
{
    switch (open) {
    case 0x201C: return close == 0x201D || close == '"';
    case 0x201E: return close == 0x201C || close == 0x201D;
    case 0x201D: return close == 0x201D;
    case 0x201F: return close == 0x201D;
    case '"': return close == '"' || close == 0x201D;
    case 0xFF02: return close == 0xFF02;
    case 0x2018: return close == 0x2019 || close == '\'';
    case 0x201A: return close == 0x2018 || close == 0x2019;
    case 0x2019: return close == 0x2019;
    case 0x201B: return close == 0x2019;
    case '\'': return close == '\'' || close == 0x2019;
    case 0x00AB: return close == 0x00BB;
    case 0x00BB: return close == 0x00AB;
    case 0x2039: return close == 0x203A;
    case 0x203A: return close == 0x2039;
    case 0x300C: return close == 0x300D;
    case 0x300E: return close == 0x300F;
    }
    return false;
}

static bool is_opening_punct(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '/' || qg_cp_is_dash(cp) ||
           qg_cp_mark_class(cp) != QG_MARK_NONE;
}

static bool is_space_or_edge(int32_t cp)
{
    return cp < 0 || qg_cp_is_space(cp);
}

/* Flanking, after CommonMark: a left-flanking mark can open, a right-flanking one can close. */
static bool left_flanking(int32_t prev, int32_t next)
{
    return !is_space_or_edge(next) && (is_space_or_edge(prev) || is_opening_punct(prev));
}

static bool right_flanking(int32_t prev, int32_t next)
{
    return !is_space_or_edge(prev) &&
           (is_space_or_edge(next) || qg_cp_is_punct(next) || qg_cp_mark_class(next) != QG_MARK_NONE);
}

static bool ascii_prefix_ci(const char *s, const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

static bool is_elision(const char *t, size_t len, size_t after)
{
    int32_t c = qg_utf8_at(t, len, after);
    if (qg_cp_is_digit(c))
        return true;
    static const char *const words[] = {"em", "tis", "twas", "til", "cause", "n", "bout", NULL};
    for (int w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        if (after + n <= len && ascii_prefix_ci(t + after, words[w], n)) {
            int32_t f = qg_utf8_at(t, len, after + n);
            if (!qg_cp_is_letter(f))
                return true;
        }
    }
    return false;
}

/* What a mark can do here, from the character and its neighbours (prev/next are -1 at the
 * paragraph's edges). *weak marks a single closing mark that may as well be a plural possessive
 * ("drivers’ new"): it closes only when no stronger closing mark follows in the paragraph. */
typedef struct mark_role {
    bool can_open, can_close, weak, prefer_open;
} mark_role;

static mark_role classify_mark(const char *t, size_t len, size_t after, int32_t cp, int32_t prev,
                               int32_t next)
{
    bool lf = left_flanking(prev, next), rf = right_flanking(prev, next);
    mark_role r = {false, false, false, false};
    switch (cp) {
    case 0x2019:
    case '\'':
        if (qg_cp_is_alnum(prev) && qg_cp_is_letter(next))
            return r; /* council’s, We’ll, O’Malley */
        if (is_space_or_edge(prev) && is_elision(t, len, after))
            return r; /* ’90s, rock ’n’ roll */
        r.can_close = rf;
        r.can_open = lf && !rf;
        if (rf && qg_cp_is_letter(prev) && next == ' ') {
            size_t j = after;
            while (qg_utf8_at(t, len, j) == ' ')
                j++;
            int32_t c = qg_utf8_at(t, len, j);
            r.weak = qg_cp_is_lower(c) || qg_cp_is_digit(c);
        }
        break;
    case '"':
    case 0xFF02:
        r.can_open = lf || !rf;
        r.can_close = rf || !lf;
        r.prefer_open = lf && !rf;
        break;
    case 0x201C: /* opens in English, closes in German („…“) */
    case 0x2018:
        r.can_open = true;
        r.can_close = true;
        r.prefer_open = !(rf && !lf);
        break;
    case 0x201D:
        r.can_close = true;
        r.can_open = lf && !rf;
        break;
    case 0x201E:
    case 0x201A:
        r.can_open = is_space_or_edge(prev) || is_opening_punct(prev);
        break;
    case 0x201F:
    case 0x201B:
    case 0x300C:
    case 0x300E:
        r.can_open = true;
        break;
    case 0x300D:
    case 0x300F:
        r.can_close = true;
        break;
    default: /* « » ‹ ›: which one closes depends on the one that opened */
        r.can_open = true;
        r.can_close = true;
        break;
    }
    return r;
}

/* Trim white space at the end of [begin, end). */
static size_t trim_end(const char *t, size_t begin, size_t end)
{
    while (end > begin) {
        size_t j = end;
        int32_t c = qg_utf8_prev(t, &j);
        if (!qg_cp_is_space(c))
            break;
        end = j;
    }
    return end;
}

static qg_status emit(qg_doc *doc, const open_mark *o, qg_span close, size_t content_end,
                      uint32_t para, int depth, bool unclosed)
{
    qg_raw_quote *q = qg_vec_push(&doc->raw_quotes);
    if (!q)
        return QG_ENOMEM;
    /* white space inside the marks (French « … » with no-break spaces) is not content */
    size_t b = o->mark.end;
    while (b < content_end) {
        size_t i = b;
        if (!qg_cp_is_space(qg_utf8_next(doc->text, content_end, &i)))
            break;
        b = i;
    }
    content_end = trim_end(doc->text, b, content_end);
    q->open_mark = o->mark;
    q->close_mark = close;
    q->content.begin = b;
    q->content.end = content_end;
    q->paragraph = q->last_paragraph = para;
    q->depth = depth;
    q->unclosed = unclosed;
    return QG_OK;
}

static int cmp_raw(const void *a, const void *b)
{
    const qg_raw_quote *x = a, *y = b;
    return x->open_mark.begin < y->open_mark.begin ? -1 : x->open_mark.begin > y->open_mark.begin;
}

/* Bytes equal to c in the eight bytes of w: a non-zero value when there is one (exact). */
static inline uint64_t has_byte8(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (0x0101010101010101ull * c);
    return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
}

/* Do the eight bytes at s hold a byte >= 0x80 or ' (and, when all_marks, " or `)? A block
 * without any is skipped whole by the scans of pair_paragraph(). */
static inline uint64_t stop8(const char *s, bool all_marks)
{
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t m = (w & 0x8080808080808080ull) | has_byte8(w, '\'');
    if (all_marks)
        m |= has_byte8(w, '"') | has_byte8(w, '`');
    return m;
}

/* Skip from i to the first byte of [i, end) that stop8() stops at (or to the last block of
 * fewer than eight bytes): the blocks without one whole, then, on a little-endian machine, the
 * bytes before the lowest flagged one (the lowest flag of each has_byte8 test and of the high
 * bits is exact; only flags above a true one can be false). */
static inline size_t skip_plain(const char *t, size_t i, size_t end, bool all_marks)
{
    while (i + 8 <= end) {
        uint64_t m = stop8(t + i, all_marks);
        if (!m) {
            i += 8; /* eight ASCII characters, none of them a mark looked for */
            continue;
        }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        i += (size_t)__builtin_ctzll(m) / 8;
#endif
        break;
    }
    return i;
}

/* Pair the marks of one paragraph; quotes left open are emitted as unclosed at its end. */
static qg_status pair_paragraph(qg_doc *doc, uint32_t para)
{
    const char *t = doc->text;
    qg_span p = doc->paragraphs.items[para];
    open_mark stack[QG_PAIR_MAX_DEPTH];
    int depth = 0;
    /* byte offset of the last strong single closing mark in the paragraph, for the
     * "drivers’ new" rule: a weak closer is an apostrophe when a strong one follows */
    size_t last_strong_single = 0;
    for (size_t i = p.begin; i < p.end;) {
        i = skip_plain(t, i, p.end, false); /* ASCII characters other than ' */
        if (i >= p.end)
            break;
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80 && b != '\'') {
            i++; /* an ASCII character that is not ' */
            continue;
        }
        size_t at = i;
        int32_t cp = qg_utf8_next(t, p.end, &i);
        if (cp != 0x2019 && cp != '\'')
            continue;
        size_t j = at;
        int32_t prev = at == p.begin ? -1 : qg_utf8_prev(t, &j);
        mark_role r = classify_mark(t, p.end, i, cp, prev, qg_utf8_at(t, p.end, i));
        if (r.can_close && !r.weak)
            last_strong_single = i;
    }
    for (size_t i = p.begin; i < p.end;) {
        i = skip_plain(t, i, p.end, true); /* ASCII characters, none a quotation mark */
        if (i >= p.end)
            break;
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80 && b != '"' && b != '\'' && b != '`') {
            i++; /* the only ASCII quotation marks are " ' and ` (qg_cp_mark_class) */
            continue;
        }
        size_t at = i;
        int32_t cp = qg_utf8_next(t, p.end, &i);
        if (qg_cp_mark_class(cp) == QG_MARK_NONE && cp != '`')
            continue;
        /* typewriter doubles (New York Times style): ``…'' and ''…'' */
        bool doubled = (cp == '\'' || cp == '`') && i < p.end && t[i] == (char)cp;
        if (cp == '`' && !doubled)
            continue;
        if (doubled)
            i++;
        size_t j = at;
        int32_t prev = at == p.begin ? -1 : qg_utf8_prev(t, &j);
        int32_t next = qg_utf8_at(t, p.end, i);
        if (doubled)
            cp = cp == '`' ? 0x201C : '"';
        mark_role r = classify_mark(t, p.end, i, cp, prev, next);
        qg_span mark = {at, i};
        if (r.weak && last_strong_single > at)
            continue;
        if (r.can_close) {
            int found = -1;
            for (int d = depth - 1; d >= 0 && d >= depth - QG_PAIR_SEARCH; d--) {
                if (closes(stack[d].cp, cp)) {
                    found = d;
                    break;
                }
            }
            /* an opener that could close (“ after „) opens when it flanks left only */
            if (found >= 0 && !(r.prefer_open && found == depth - 1 &&
                                stack[found].cp == cp)) {
                depth = found; /* inner quotes left open inside this one are dropped */
                if (emit(doc, &stack[found], mark, at, para, found, false))
                    return QG_ENOMEM;
                continue;
            }
        }
        if (r.can_open && depth < QG_PAIR_MAX_DEPTH) {
            stack[depth].cp = cp;
            stack[depth].mark = mark;
            depth++;
        }
    }
    if (depth > 0) {
        /* the outermost open quote ends at the paragraph's end; inner ones are dropped */
        size_t end = trim_end(t, stack[0].mark.end, p.end);
        qg_span none = {end, end};
        if (emit(doc, &stack[0], none, end, para, 0, true))
            return QG_ENOMEM;
    }
    return QG_OK;
}

/* Does paragraph `para` open with a quotation mark that starts raw quote k? */
static bool paragraph_opens_with(const qg_doc *doc, uint32_t para, size_t k)
{
    const qg_raw_quote *q = &doc->raw_quotes.items[k];
    return q->paragraph == para && q->depth == 0 &&
           q->open_mark.begin == doc->paragraphs.items[para].begin;
}

/* Nothing but white space and punctuation between b and the end of paragraph para? */
static bool only_tail_after(const qg_doc *doc, size_t b, uint32_t para)
{
    size_t end = doc->paragraphs.items[para].end;
    for (size_t i = b; i < end;) {
        int32_t c = qg_utf8_next(doc->text, end, &i);
        if (qg_cp_is_alnum(c))
            return false;
    }
    return true;
}

qg_status qg_quote_pair(qg_doc *doc, qg_error *err)
{
    for (uint32_t p = 0; p < doc->paragraphs.count; p++)
        if (pair_paragraph(doc, p))
            return QG_OOM(err);
    qg_raw_quote *rq = doc->raw_quotes.items;
    size_t n = doc->raw_quotes.count;
    if (n > 1)
        qsort(rq, n, sizeof *rq, cmp_raw);
    /* Quotes running over paragraphs: an unclosed top-level quote continues when the next
     * paragraph opens with a mark of the same class whose quote is itself unclosed or closes
     * at that paragraph's end (a closed quote followed by its own speech tag is a new quote). */
    bool *dead = n ? calloc(n, sizeof *dead) : NULL;
    if (n && !dead)
        return QG_OOM(err);
    for (size_t k = 0; k < n; k++) {
        if (dead[k] || rq[k].depth != 0 || !rq[k].unclosed)
            continue;
        /* every quote before m is merged (dead) or in an earlier paragraph than the next one
         * looked at, so the search goes on from m (was quadratic in the paragraphs merged) */
        size_t m = k + 1;
        for (;;) {
            uint32_t next_para = rq[k].last_paragraph + 1;
            while (m < n && (dead[m] || rq[m].paragraph < next_para))
                m++;
            if (m >= n || next_para >= doc->paragraphs.count || !paragraph_opens_with(doc, next_para, m))
                break;
            int32_t oc = qg_utf8_at(doc->text, doc->len, rq[k].open_mark.begin);
            int32_t nc = qg_utf8_at(doc->text, doc->len, rq[m].open_mark.begin);
            if (qg_cp_mark_class(oc) != qg_cp_mark_class(nc))
                break;
            /* a closed quote followed by its own tag is a new quote, unless the quote already
             * runs over paragraphs (then the tag closes the whole passage) */
            if (!rq[m].unclosed && !only_tail_after(doc, rq[m].close_mark.end, next_para) &&
                rq[k].last_paragraph == rq[k].paragraph)
                break;
            /* swallow every quote of that paragraph nested in m */
            rq[k].content.end = rq[m].content.end;
            rq[k].close_mark = rq[m].close_mark;
            rq[k].unclosed = rq[m].unclosed;
            rq[k].last_paragraph = next_para;
            dead[m] = true;
            for (size_t x = m + 1; x < n && rq[x].paragraph == next_para; x++)
                if (rq[x].open_mark.begin < rq[m].content.end)
                    rq[x].depth = rq[x].depth ? rq[x].depth : 1;
            if (!rq[k].unclosed)
                break;
        }
        if (rq[k].unclosed &&
            qg_doc_add_diag(doc, "unclosed_quote", rq[k].open_mark.begin,
                            "quotation mark never closed; the quote ends at its paragraph's end")) {
            free(dead);
            return QG_OOM(err);
        }
    }
    /* nested quotes of the merged span become nested */
    size_t w = 0;
    for (size_t k = 0; k < n; k++) {
        if (dead[k])
            continue;
        rq[w++] = rq[k];
    }
    doc->raw_quotes.count = w;
    for (size_t k = 0, outer = SIZE_MAX; k < w; k++) {
        if (outer != SIZE_MAX && rq[k].open_mark.begin < rq[outer].content.end &&
            rq[k].open_mark.begin >= rq[outer].content.begin) {
            if (rq[k].depth == 0)
                rq[k].depth = 1;
            continue;
        }
        if (rq[k].depth == 0)
            outer = k;
    }
    free(dead);
    return QG_OK;
}
