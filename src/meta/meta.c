/* Article metadata from the first paragraphs, by rules over tokens and the outlet gazetteer:
 *   outlet line   a first paragraph (of the first three) that is a news outlet's name:
 *                 "Daily Mail", "The Guardian" (models/en/outlets.tsv), or two to four
 *                 capitalised words ending in an outlet head word of org_words.tsv ("The Harlow
 *                 Courier")
 *   byline        an early paragraph "[-|•|—] By NAME [and NAME] [ROLE]": "By Matt Oliver City
 *                 Correspondent", "By JANE DOE and John Roe"
 *   headline      the first early paragraph that is none of those, short (2–30 words, one sentence),
 *                 and either ends without a period or is followed by a byline, an outlet line or a
 *                 dateline: "Fears Moscow will target Barclays software"
 *   dateline      capitals and an optional (AGENCY) before a dash at the start of the first body
 *                 paragraph: "DALLAS (AP) —", "(Reuters) -"
 * Nothing here is specific to one article; every rule needs the shape of a header, so a text that
 * starts with its first sentence gets no metadata. */
#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../text/text.h"

/* Header paragraphs are looked for among the first few only. */
#define HEADER_PARAGRAPHS 6

/* Words of a byline that describe the author's job rather than name him or her; the role and title
 * lexicons are asked too. */
static const char *const BYLINE_ROLES[] = {"staff", "writer", "contributor", "correspondent",
                                           "editor", "reporter", "columnist", "critic",
                                           "analyst", "producer", "reporters", "writers", NULL};

typedef struct mctx {
    qg_doc *doc;
    const qg_model *model;
    const qg_token *tok;
    size_t ntok;
} mctx;

/* Tokens [*first, *end) of paragraph p. */
static void para_tokens(const mctx *m, size_t p, size_t *first, size_t *end)
{
    qg_span s = m->doc->paragraphs.items[p];
    *first = qg_token_lower_bound(m->tok, 0, m->ntok, s.begin);
    *end = qg_token_lower_bound(m->tok, 0, m->ntok, s.end);
}

static bool is_word(const mctx *m, size_t k)
{
    return k < m->ntok && (m->tok[k].flags & QG_TOK_WORD);
}

static bool is_cap(const mctx *m, size_t k)
{
    return k < m->ntok && (m->tok[k].flags & QG_TOK_CAP) && !(m->tok[k].flags & QG_TOK_NUMBER);
}

/* Token k equals the ASCII word w, ignoring case. */
static bool tok_is(const mctx *m, size_t k, const char *w)
{
    if (k >= m->ntok)
        return false;
    const qg_token *t = &m->tok[k];
    size_t n = strlen(w);
    if (t->end - t->begin != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = m->doc->text[t->begin + i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != w[i])
            return false;
    }
    return true;
}

static bool is_dash(const mctx *m, size_t k)
{
    if (k >= m->ntok)
        return false;
    const qg_token *t = &m->tok[k];
    size_t i = t->begin;
    int32_t cp = qg_utf8_next(m->doc->text, t->end, &i);
    return qg_cp_is_dash(cp) && i == t->end;
}

/* Is the text s[0..len) (folded) in lex? */
static bool in_lexicon(const qg_lexicon *lex, const char *s, size_t len)
{
    qg_strbuf f = QG_STRBUF_INIT;
    qg_text_fold(&f, s, len);
    bool found = !f.failed && f.len > 0 && qg_lexicon_get(lex, f.data, f.len, NULL);
    qg_strbuf_dispose(&f);
    return found;
}

/* Is bytes [b, e) the name of a news outlet, with or without "The"? */
static bool is_outlet_text(const mctx *m, size_t b, size_t e)
{
    const char *t = m->doc->text;
    while (e > b && (t[e - 1] == '.' || t[e - 1] == ' '))
        e--;
    if (e <= b || e - b > 120)
        return false;
    if (in_lexicon(&m->model->outlets, t + b, e - b))
        return true;
    if (e - b > 4 && (t[b] == 'T' || t[b] == 't') && !strncmp(t + b + 1, "he ", 3))
        return in_lexicon(&m->model->outlets, t + b + 4, e - b - 4);
    char buf[128];
    memcpy(buf, "the ", 4);
    memcpy(buf + 4, t + b, e - b);
    return in_lexicon(&m->model->outlets, buf, e - b + 4);
}

static size_t count_words(const mctx *m, size_t first, size_t end)
{
    size_t n = 0;
    for (size_t k = first; k < end; k++)
        n += is_word(m, k);
    return n;
}

/* A paragraph that is only an outlet's name. */
static bool outlet_line(const mctx *m, size_t p)
{
    size_t first, end;
    para_tokens(m, p, &first, &end);
    size_t words = count_words(m, first, end);
    if (words == 0 || words > 6 || !is_cap(m, first))
        return false;
    while (end > first && !is_word(m, end - 1))
        end--; /* "Daily Mail |", a stray control character */
    if (is_outlet_text(m, m->tok[first].begin, m->tok[end - 1].end))
        return true;
    /* a name the gazetteer does not know, of two to four capitalised words ending in an
     * outlet head word of org_words.tsv: "The Harlow Courier", "Marlow Gazette" */
    if (words < 2 || words > 4)
        return false;
    for (size_t k = first; k < end; k++)
        if (!is_word(m, k) || !is_cap(m, k))
            return false;
    const char *t = m->doc->text;
    qg_strbuf f = QG_STRBUF_INIT;
    qg_text_fold(&f, t + m->tok[end - 1].begin, m->tok[end - 1].end - m->tok[end - 1].begin);
    int v = 0;
    bool outlet_head = !f.failed && f.len > 0 && qg_lexicon_get(&m->model->org_words, f.data, f.len, &v) &&
                       v == 2;
    qg_strbuf_dispose(&f);
    return outlet_head;
}

static bool is_byline_role(const mctx *m, size_t k)
{
    for (int i = 0; BYLINE_ROLES[i]; i++)
        if (tok_is(m, k, BYLINE_ROLES[i]))
            return true;
    const qg_token *t = &m->tok[k];
    const char *s = m->doc->text + t->begin;
    size_t n = t->end - t->begin;
    return in_lexicon(&m->model->roles, s, n) || in_lexicon(&m->model->titles, s, n);
}

/* End of a run of capitalised words from k (an initial's period is part of it: "J."). */
static size_t cap_run_end(const mctx *m, size_t k, size_t end)
{
    while (k < end) {
        if (is_cap(m, k) && is_word(m, k)) {
            const qg_token *t = &m->tok[k];
            k++;
            if (k < end && t->end - t->begin == 1 && tok_is(m, k, ".") && m->tok[k].begin == t->end)
                k++;
            continue;
        }
        break;
    }
    return k;
}

/* "By NAME [and NAME] [ROLE]": fills the byline, authors and author role. */
static bool byline(mctx *m, size_t p, bool *oom)
{
    size_t first, end;
    para_tokens(m, p, &first, &end);
    size_t k = first;
    while (k < end && !is_word(m, k) && k < first + 3)
        k++;
    if (!tok_is(m, k, "by") || !is_cap(m, k) || count_words(m, k, end) > 20)
        return false;
    k++;
    qg_doc *doc = m->doc;
    size_t nauthors = doc->authors.count;
    qg_span role = {0, 0};
    while (k < end) {
        size_t a = k, b = cap_run_end(m, k, end);
        if (b == a)
            break;
        /* the first byline role word after the first name word splits name and role */
        size_t r = SIZE_MAX, words = 0;
        for (size_t x = a; x < b; x++) {
            if (!is_word(m, x))
                continue;
            if (words > 0 && is_byline_role(m, x)) {
                r = x;
                break;
            }
            words++;
        }
        size_t name_end = b;
        if (r != SIZE_MAX) {
            /* "Matt Oliver City Correspondent": two name words, the rest is the role */
            size_t w = 0;
            name_end = a;
            while (name_end < r && w < 2) {
                if (is_word(m, name_end) && m->tok[name_end].end - m->tok[name_end].begin > 1)
                    w++;
                name_end++;
                if (name_end < r && tok_is(m, name_end, "."))
                    name_end++;
            }
        } else if (words > 4 || words < 2) {
            break; /* not a person's name: "By ASSOCIATED PRESS" is one word run of an outlet */
        }
        if (is_outlet_text(m, m->tok[a].begin, m->tok[name_end - 1].end))
            break;
        qg_span *s = qg_vec_push(&doc->authors);
        if (!s) {
            *oom = true;
            return false;
        }
        s->begin = m->tok[a].begin;
        s->end = m->tok[name_end - 1].end;
        if (name_end < b) {
            role.begin = m->tok[name_end].begin;
            role.end = m->tok[b - 1].end;
        }
        k = b;
        if (k < end && (tok_is(m, k, "and") || tok_is(m, k, "&")) && is_cap(m, k + 1)) {
            k++;
            continue;
        }
        if (k < end && tok_is(m, k, ",") && k + 1 < end) {
            /* "By Jane Doe, Political Editor" · "By Jane Doe, Reuters": the rest is a role */
            size_t rb = k + 1, re = end;
            while (re > rb && !is_word(m, re - 1))
                re--;
            if (re > rb && !role.end) {
                role.begin = m->tok[rb].begin;
                role.end = m->tok[re - 1].end;
            }
        }
        break;
    }
    if (doc->authors.count == nauthors)
        return false;
    doc->meta.byline = (qg_span){m->tok[first].begin, m->tok[end - 1].end};
    doc->meta.author_role = role;
    return true;
}

/* A short single-sentence paragraph; *period is set when it ends with a period. */
static bool headline_like(const mctx *m, size_t p, bool *period)
{
    size_t first, end;
    para_tokens(m, p, &first, &end);
    size_t words = count_words(m, first, end);
    if (words < 2 || words > 30 || first >= end)
        return false;
    if (m->tok[first].sentence != m->tok[end - 1].sentence)
        return false;
    const qg_token *last = &m->tok[end - 1];
    *period = tok_is(m, end - 1, ".");
    /* a quotation that ends a sentence ("“We will rebuild.”") needs the same confirmation */
    if ((last->flags & QG_TOK_CLOSE) && end - 1 > first &&
        (tok_is(m, end - 2, ".") || tok_is(m, end - 2, ",") || tok_is(m, end - 2, "!") ||
         tok_is(m, end - 2, "?")))
        *period = true;
    (void)last;
    /* a lead-in ends with a colon, a clause with a comma or semicolon: not headlines */
    return !(tok_is(m, end - 1, ":") || tok_is(m, end - 1, ";") || tok_is(m, end - 1, ","));
}

/* "DALLAS (AP) —", "LONDON, May 3 (Reuters) -", "(AP) —" at the start of paragraph p. */
static bool dateline(mctx *m, size_t p)
{
    size_t first, end;
    para_tokens(m, p, &first, &end);
    size_t k = first, caps = 0;
    while (k < end && k < first + 12) {
        const qg_token *t = &m->tok[k];
        if (is_word(m, k) && (t->flags & QG_TOK_ALLCAPS)) {
            caps++;
            k++;
        } else if (is_word(m, k) && is_cap(m, k) && tok_is(m, k + 1, ".") && caps > 0) {
            k += 2; /* "Calif." */
        } else if (caps > 0 && (tok_is(m, k, ",") || tok_is(m, k, ".") ||
                                (t->flags & QG_TOK_NUMBER) || (is_word(m, k) && is_cap(m, k)))) {
            k++; /* ", May 3" */
        } else {
            break;
        }
    }
    qg_span outlet = {0, 0};
    if (k < end && tok_is(m, k, "(")) {
        size_t j = k + 1;
        while (j < end && j < k + 6 && !tok_is(m, j, ")"))
            j++;
        if (j < end && tok_is(m, j, ")") && j > k + 1 &&
            is_outlet_text(m, m->tok[k + 1].begin, m->tok[j - 1].end)) {
            outlet.begin = m->tok[k + 1].begin;
            outlet.end = m->tok[j - 1].end;
            k = j + 1;
        }
    }
    if (!(k < end && (is_dash(m, k) || (tok_is(m, k, "-") && tok_is(m, k + 1, "-")))))
        return false;
    if (caps == 0 && !outlet.end)
        return false;
    if (tok_is(m, k, "-") && tok_is(m, k + 1, "-"))
        k++;
    m->doc->meta.dateline = (qg_span){m->tok[first].begin, m->tok[k].end};
    m->doc->meta.dateline_outlet = outlet;
    return true;
}

qg_status qg_meta_detect(qg_doc *doc, const qg_model *model, qg_error *err)
{
    mctx m = {doc, model, doc->tokens.items, doc->tokens.count};
    memset(&doc->meta, 0, sizeof doc->meta);
    size_t np = doc->paragraphs.count;
    if (np == 0)
        return QG_OK;
    doc->meta.body_begin = doc->paragraphs.items[0].begin;
    if (np < 2)
        return QG_OK;
    bool oom = false;
    size_t p = 0, head = SIZE_MAX;
    bool head_period = false, after_head = false; /* a byline or outlet line after the headline */
    size_t scan = np - 1 < HEADER_PARAGRAPHS ? np - 1 : HEADER_PARAGRAPHS;
    for (; p < scan; p++) {
        if (!doc->meta.outlet.end && p < 3 && outlet_line(&m, p)) {
            size_t f, e;
            para_tokens(&m, p, &f, &e);
            while (e > f + 1 && !is_word(&m, e - 1))
                e--;
            doc->meta.outlet = (qg_span){m.tok[f].begin, m.tok[e - 1].end};
            after_head |= head != SIZE_MAX;
            continue;
        }
        if (!doc->meta.byline.end && byline(&m, p, &oom)) {
            after_head |= head != SIZE_MAX;
            continue;
        }
        if (oom)
            return QG_OOM(err);
        if (head == SIZE_MAX && !doc->meta.byline.end && p < 3 && headline_like(&m, p, &head_period)) {
            head = p;
            continue;
        }
        break;
    }
    /* the first body paragraph may open with a dateline */
    bool has_dateline = p < np && dateline(&m, p);
    if (head != SIZE_MAX) {
        if (!head_period || after_head || has_dateline) {
            size_t f, e;
            para_tokens(&m, head, &f, &e);
            doc->meta.headline = (qg_span){m.tok[f].begin, m.tok[e - 1].end};
        } else {
            /* a first sentence, not a headline: the body starts there */
            p = head;
            if (has_dateline)
                doc->meta.dateline = doc->meta.dateline_outlet = (qg_span){0, 0};
        }
    }
    doc->meta.body_begin = p < np ? doc->paragraphs.items[p].begin : doc->len;
    doc->meta.authors = doc->authors.items;
    doc->meta.author_count = doc->authors.count;
    return QG_OK;
}
