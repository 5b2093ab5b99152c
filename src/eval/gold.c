/* Gold sets: JSON Lines in the format of ../shared/data/README.md, read with jansson. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../core/error.h"
#include "../text/text.h"
#include "eval_internal.h"

bool qg_eval_next_line(const char *data, size_t len, size_t *pos, const char **line_out,
                       size_t *line_len_out)
{
    if (*pos == 0 && len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        *pos = 3; /* a UTF-8 byte order mark before the first line */
    if (*pos >= len)
        return false;
    const char *start = data + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += n + (nl != NULL);
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *line_out = start;
    *line_len_out = n;
    return true;
}

bool qg_eval_line_is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return false;
    return true;
}

int qg_eval_type_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "direct"))
        return QG_QUOTE_DIRECT;
    if (!strcmp(s, "indirect"))
        return QG_QUOTE_INDIRECT;
    if (!strcmp(s, "mixed"))
        return QG_QUOTE_MIXED;
    return -1;
}

/* Read the integer member key of obj as an offset in [0, max]: 1 when it is one (in *out), 0 when
 * absent or null, -1 when of another type or out of range (why says which). */
static int read_offset(const json_t *obj, const char *key, size_t max, size_t *out, char *why,
                       size_t why_len)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v)) {
        snprintf(why, why_len, "\"%s\" is not an integer", key);
        return -1;
    }
    json_int_t i = json_integer_value(v);
    if (i < 0 || (unsigned long long)i > (unsigned long long)max) {
        snprintf(why, why_len, "\"%s\" %lld is outside the text (0 to %zu code points)", key,
                 (long long)i, max);
        return -1;
    }
    *out = (size_t)i;
    return 1;
}

int qg_eval_read_span(const json_t *obj, const char *kstart, const char *kend, size_t max,
                      size_t *start_out, size_t *end_out, char *why, size_t why_len)
{
    int hs = read_offset(obj, kstart, max, start_out, why, why_len);
    int he = hs < 0 ? 0 : read_offset(obj, kend, max, end_out, why, why_len);
    if (hs < 0 || he < 0)
        return -1;
    if (hs != he) {
        snprintf(why, why_len, "\"%s\" is missing or null while \"%s\" is given",
                 hs ? kend : kstart, hs ? kstart : kend);
        return -1;
    }
    if (hs && *start_out > *end_out) {
        snprintf(why, why_len, "\"%s\" %zu is after \"%s\" %zu", kstart, *start_out, kend,
                 *end_out);
        return -1;
    }
    return hs;
}

bool qg_eval_read_quote(qg_eval_quote *q, const json_t *obj, const qg_gold_article *a, char *why,
                        size_t why_len)
{
    if (!json_is_object(obj)) {
        snprintf(why, why_len, "not an object");
        return false;
    }
    int span = qg_eval_read_span(obj, "start", "end", a->chars, &q->start, &q->end, why, why_len);
    if (span < 0)
        return false;
    if (span == 0) {
        snprintf(why, why_len, "\"start\" and \"end\" are missing");
        return false;
    }
    q->type = qg_eval_type_parse(json_string_value(json_object_get(obj, "type")));
    if (q->type < 0) {
        snprintf(why, why_len, "\"type\" is not \"direct\", \"indirect\" or \"mixed\"");
        return false;
    }
    qg_eval_trim(a, q->start, q->end, &q->tstart, &q->tend);
    return true;
}

/* What a span is trimmed of at both ends: white space, quotation marks, dashes, and , . ; : … */
static bool is_trimmable(int32_t cp)
{
    switch (cp) {
    case ',': case '.': case ';': case ':': case 0x2026: /* … */
        return true;
    default:
        return qg_cp_is_space(cp) || qg_cp_is_quotation_mark(cp) || qg_cp_is_dash(cp);
    }
}

void qg_eval_trim(const qg_gold_article *a, size_t start, size_t end, size_t *tstart_out,
                  size_t *tend_out)
{
    assert(start <= end && end <= a->chars);
    while (start < end && (a->trimmable[start] & QG_EVAL_TRIM))
        start++;
    while (end > start && (a->trimmable[end - 1] & QG_EVAL_TRIM))
        end--;
    /* a leading complementiser: "that the plan failed" = "the plan failed" */
    if (end > start + 5 && (a->trimmable[start] & QG_EVAL_THAT)) {
        start += 4;
        while (start < end && (a->trimmable[start] & QG_EVAL_TRIM))
            start++;
    }
    *tstart_out = start;
    *tend_out = end;
}

static void article_dispose(qg_gold_article *a)
{
    free(a->id);
    free(a->text);
    free(a->trimmable);
    free(a->quotes);
}

void qg_gold_free(qg_gold *gold)
{
    if (!gold)
        return;
    for (size_t i = 0; i < gold->count; i++)
        article_dispose(&gold->articles[i]);
    free(gold->articles);
    free(gold->by_id);
    free(gold);
}

size_t qg_gold_count(const qg_gold *gold)
{
    return gold->count;
}

const char *qg_gold_id(const qg_gold *gold, size_t i)
{
    assert(i < gold->count);
    return gold->articles[i].id;
}

const char *qg_gold_text(const qg_gold *gold, size_t i, size_t *len_out)
{
    assert(i < gold->count);
    if (len_out)
        *len_out = gold->articles[i].len;
    return gold->articles[i].text;
}

static char *dup_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Copy the text and flag each code point that trimming removes. */
static qg_status set_text(qg_gold_article *a, const char *text, size_t len)
{
    a->text = dup_bytes(text, len);
    a->len = len;
    a->trimmable = malloc(len + 1); /* at most one code point per byte */
    if (!a->text || !a->trimmable)
        return QG_ENOMEM;
    size_t i = 0, n = 0;
    int32_t cp;
    for (;;) {
        size_t at = i;
        if ((cp = qg_utf8_next(text, len, &i)) < 0)
            break;
        a->trimmable[n] = is_trimmable(cp) ? QG_EVAL_TRIM : 0;
        /* the complementiser "that" followed by white space or a comma ("said that, “Of
         * course …”", "pledged that, if elected, he …") */
        if ((cp == 't' || cp == 'T') && at + 5 <= len && !strncasecmp(text + at, "that", 4) &&
            (text[at + 4] == ' ' || text[at + 4] == '\n' || text[at + 4] == '\t' ||
             text[at + 4] == ','))
            a->trimmable[n] |= QG_EVAL_THAT;
        n++;
    }
    a->chars = n;
    return QG_OK;
}

/* Read quotes[] of one gold line; why gets the reason of a failure. */
static qg_status read_quotes(qg_gold_article *a, const json_t *quotes, char *why, size_t why_len)
{
    size_t n = json_array_size(quotes);
    a->quotes = calloc(n ? n : 1, sizeof *a->quotes);
    if (!a->quotes)
        return QG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const json_t *q = json_array_get(quotes, i);
        qg_eval_quote *g = &a->quotes[i];
        char sub[120] = "";
        int sp = -1;
        if (qg_eval_read_quote(g, q, a, sub, sizeof sub))
            sp = qg_eval_read_span(q, "speaker_start", "speaker_end", a->chars, &g->sp_start,
                                   &g->sp_end, sub, sizeof sub);
        if (sp < 0) {
            snprintf(why, why_len, "quotes[%zu]: %s", i, sub);
            return QG_EINPUT;
        }
        g->has_speaker = sp == 1;
        a->quote_count++;
    }
    return QG_OK;
}

/* Parse one non-blank line into a (zeroed); why gets the reason of a QG_EINPUT. */
static qg_status parse_article(qg_gold_article *a, const char *line, size_t len, char *why,
                               size_t why_len)
{
    json_error_t jerr;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    qg_status st = QG_EINPUT;
    if (!root) {
        snprintf(why, why_len, "invalid JSON at column %d: %.120s", jerr.column, jerr.text);
        return QG_EINPUT;
    }
    const json_t *id = json_object_get(root, "id");
    const json_t *text = json_object_get(root, "text");
    const json_t *quotes = json_object_get(root, "quotes");
    if (!json_is_object(root))
        snprintf(why, why_len, "not a JSON object");
    else if (!json_is_string(id))
        snprintf(why, why_len, "\"id\" is missing or not a string");
    else if (strlen(json_string_value(id)) != json_string_length(id))
        snprintf(why, why_len, "\"id\" holds a NUL character");
    else if (!json_is_string(text))
        snprintf(why, why_len, "\"text\" is missing or not a string");
    else if (!json_is_array(quotes))
        snprintf(why, why_len, "\"quotes\" is missing or not an array");
    else if (json_string_length(text) > QG_MAX_TEXT)
        snprintf(why, why_len, "\"text\" is over the supported size of %zu bytes", QG_MAX_TEXT);
    else if (!(a->id = dup_bytes(json_string_value(id), strlen(json_string_value(id)))))
        st = QG_ENOMEM;
    else if ((st = set_text(a, json_string_value(text), json_string_length(text))) == QG_OK)
        st = read_quotes(a, quotes, why, why_len);
    json_decref(root);
    return st;
}

static int key_cmp(const void *x, const void *y)
{
    const qg_gold_key *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->article > b->article) - (a->article < b->article);
}

size_t qg_gold_find(const qg_gold *gold, const char *id)
{
    size_t lo = 0, hi = gold->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(gold->by_id[mid].id, id);
        if (c == 0)
            return gold->by_id[mid].article;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

/* Index the articles by id; a repeated id is an error naming both lines. */
static qg_status index_ids(qg_gold *gold, const size_t *lines, const size_t *offsets,
                           qg_error *err)
{
    gold->by_id = malloc((gold->count ? gold->count : 1) * sizeof *gold->by_id);
    if (!gold->by_id)
        return QG_OOM(err);
    for (size_t i = 0; i < gold->count; i++)
        gold->by_id[i] = (qg_gold_key){gold->articles[i].id, i};
    qsort(gold->by_id, gold->count, sizeof *gold->by_id, key_cmp);
    for (size_t k = 1; k < gold->count; k++) {
        size_t i = gold->by_id[k - 1].article, j = gold->by_id[k].article;
        if (!strcmp(gold->articles[i].id, gold->articles[j].id))
            return qg_error_set(err, QG_EINPUT, offsets[j],
                                "line %zu: id \"%.60s\" is also on line %zu", lines[j],
                                gold->articles[j].id, lines[i]);
    }
    return QG_OK;
}

qg_status qg_gold_parse(qg_gold **out, const char *data, size_t len, qg_error *err)
{
    *out = NULL;
    qg_status st = QG_OK;
    qg_gold *gold = calloc(1, sizeof *gold);
    size_t *lines = NULL, *offsets = NULL; /* per article: line number and byte offset */
    if (!gold)
        return QG_OOM(err);
    size_t pos = 0, lineno = 0;
    const char *line;
    size_t line_len;
    while (qg_eval_next_line(data, len, &pos, &line, &line_len)) {
        lineno++;
        if (qg_eval_line_is_blank(line, line_len))
            continue;
        if (gold->count == gold->cap) {
            size_t cap = gold->cap ? gold->cap * 2 : 64;
            qg_gold_article *arts = realloc(gold->articles, cap * sizeof *arts);
            size_t *l = realloc(lines, cap * sizeof *l);
            if (l)
                lines = l;
            size_t *o = realloc(offsets, cap * sizeof *o);
            if (o)
                offsets = o;
            if (arts)
                gold->articles = arts;
            if (!arts || !l || !o) {
                st = QG_OOM(err);
                goto done;
            }
            gold->cap = cap;
        }
        qg_gold_article *a = &gold->articles[gold->count];
        memset(a, 0, sizeof *a);
        char why[180] = "";
        st = parse_article(a, line, line_len, why, sizeof why);
        if (st != QG_OK) {
            article_dispose(a);
            if (st == QG_ENOMEM)
                QG_OOM(err);
            else
                qg_error_set(err, st, (size_t)(line - data), "line %zu: %s", lineno, why);
            goto done;
        }
        lines[gold->count] = lineno;
        offsets[gold->count] = (size_t)(line - data);
        for (size_t i = 0; i < a->quote_count; i++)
            gold->type_count[a->quotes[i].type]++;
        gold->count++;
    }
    st = index_ids(gold, lines, offsets, err);
done:
    free(lines);
    free(offsets);
    if (st != QG_OK) {
        qg_gold_free(gold);
        return st;
    }
    *out = gold;
    return QG_OK;
}
