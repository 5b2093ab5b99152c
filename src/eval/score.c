/* Matching predicted quotes to gold quotes and counting (docs/evaluation.md defines every figure). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <quotegraph/analyze.h>

#include "../core/error.h"
#include "eval_internal.h"

#define ADDED_BY_DOC ((size_t)-1) /* pred_line of an article scored through qg_eval_add_doc() */

qg_status qg_eval_new(qg_eval **out, const qg_gold *gold, qg_error *err)
{
    *out = NULL;
    qg_eval *ev = calloc(1, sizeof *ev);
    if (!ev)
        return QG_OOM(err);
    ev->gold = gold;
    ev->pred_line = calloc(gold->count ? gold->count : 1, sizeof *ev->pred_line);
    if (!ev->pred_line) {
        free(ev);
        return QG_OOM(err);
    }
    *out = ev;
    return QG_OK;
}

void qg_eval_free(qg_eval *ev)
{
    if (!ev)
        return;
    free(ev->pred_line);
    free(ev);
}

static bool in_set(int type, int set)
{
    switch (set) {
    case QG_EVAL_QUOTE_MARK: return type != QG_QUOTE_INDIRECT;
    case QG_EVAL_ALL: return true;
    default: return type == set;
    }
}

static size_t overlap(size_t s1, size_t e1, size_t s2, size_t e2)
{
    size_t s = s1 > s2 ? s1 : s2, e = e1 < e2 ? e1 : e2;
    return e > s ? e - s : 0;
}

/* A candidate pair of the overlap matching: overlap and union of the trimmed spans. */
typedef struct cand {
    size_t ov, un;
    size_t g, p; /* indices into the article's gold quotes and the predictions */
} cand;

/* Larger Jaccard ratio first (compared exactly: ov1/un1 > ov2/un2 ⇔ ov1·un2 > ov2·un1; both are
 * below 2^31, see set_text()), then the later gold quote, then the later prediction: the order of
 * Python's sort(reverse=True) over (ratio, gi, pi) in ../shared/tools/score.py. */
static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    uint64_t l = (uint64_t)a->ov * b->un, r = (uint64_t)b->ov * a->un;
    if (l != r)
        return l > r ? -1 : 1;
    if (a->g != b->g)
        return a->g > b->g ? -1 : 1;
    if (a->p != b->p)
        return a->p > b->p ? -1 : 1;
    return 0;
}

typedef struct tspan {
    size_t s, e;
} tspan;

static int tspan_cmp(const void *x, const void *y)
{
    const tspan *a = x, *b = y;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return (a->e > b->e) - (a->e < b->e);
}

/* Size of the largest one-to-one pairing of equal spans: per distinct span, the smaller of its
 * counts. Both arrays are sorted here. */
static size_t count_exact(tspan *g, size_t ng, tspan *p, size_t np)
{
    qsort(g, ng, sizeof *g, tspan_cmp);
    qsort(p, np, sizeof *p, tspan_cmp);
    size_t i = 0, j = 0, n = 0;
    while (i < ng && j < np) {
        int c = tspan_cmp(&g[i], &p[j]);
        if (c < 0)
            i++;
        else if (c > 0)
            j++;
        else {
            n++;
            i++;
            j++;
        }
    }
    return n;
}

/* One set of one article. Work arrays are the caller's, large enough for every quote. */
static void score_set(qg_eval *ev, int set, const qg_gold_article *a, const qg_eval_quote *preds,
                      size_t np, cand *cands, bool *gused, bool *pused, tspan *gt, tspan *pt)
{
    qg_eval_counts *c = &ev->sets[set];
    size_t nc = 0, ngt = 0, npt = 0;
    for (size_t p = 0; p < np; p++)
        if (in_set(preds[p].type, set)) {
            c->pred++;
            if (preds[p].tend > preds[p].tstart)
                pt[npt++] = (tspan){preds[p].tstart, preds[p].tend};
        }
    for (size_t g = 0; g < a->quote_count; g++) {
        const qg_eval_quote *gq = &a->quotes[g];
        if (!in_set(gq->type, set))
            continue;
        if (gq->tend > gq->tstart)
            gt[ngt++] = (tspan){gq->tstart, gq->tend};
        for (size_t p = 0; p < np; p++) {
            const qg_eval_quote *pq = &preds[p];
            if (!in_set(pq->type, set))
                continue;
            size_t ov = overlap(gq->tstart, gq->tend, pq->tstart, pq->tend);
            if (ov == 0)
                continue;
            size_t lo = gq->tstart < pq->tstart ? gq->tstart : pq->tstart;
            size_t hi = gq->tend > pq->tend ? gq->tend : pq->tend;
            cands[nc++] = (cand){ov, hi - lo, g, p};
        }
    }
    qsort(cands, nc, sizeof *cands, cand_cmp);
    memset(gused, 0, a->quote_count * sizeof *gused);
    memset(pused, 0, np * sizeof *pused);
    for (size_t k = 0; k < nc; k++) {
        const cand *m = &cands[k];
        if (gused[m->g] || pused[m->p])
            continue;
        gused[m->g] = pused[m->p] = true;
        const qg_eval_quote *gq = &a->quotes[m->g], *pq = &preds[m->p];
        c->matched++;
        if (gq->has_speaker) {
            c->speaker_gold++;
            if (pq->has_mention &&
                overlap(gq->sp_start, gq->sp_end, pq->sp_start, pq->sp_end) > 0) {
                c->speaker_right++;
                c->attributed++;
            }
        } else if (!pq->has_speaker) {
            c->attributed++;
        }
        if (set == QG_EVAL_ALL)
            ev->types[gq->type][pq->type]++;
    }
    c->exact += count_exact(gt, ngt, pt, npt);
}

qg_status qg_eval_score_article(qg_eval *ev, size_t art, const qg_eval_quote *preds, size_t np,
                                qg_error *err)
{
    const qg_gold_article *a = &ev->gold->articles[art];
    size_t ng = a->quote_count;
    if (ng && np > SIZE_MAX / sizeof(cand) / ng)
        return QG_OOM(err);
    size_t ncand = ng * np;
    cand *cands = malloc((ncand ? ncand : 1) * sizeof *cands);
    bool *gused = malloc(ng + 1), *pused = malloc(np + 1);
    tspan *gt = malloc((ng + 1) * sizeof *gt), *pt = malloc((np + 1) * sizeof *pt);
    qg_status st = QG_OK;
    if (!cands || !gused || !pused || !gt || !pt) {
        st = QG_OOM(err);
        goto done;
    }
    for (int set = 0; set < QG_EVAL_SET_COUNT; set++)
        score_set(ev, set, a, preds, np, cands, gused, pused, gt, pt);
    for (size_t p = 0; p < np; p++)
        ev->pred_type_count[preds[p].type]++;
    ev->predicted++;
done:
    free(cands);
    free(gused);
    free(pused);
    free(gt);
    free(pt);
    return st;
}

qg_status qg_eval_add_doc(qg_eval *ev, size_t article, const qg_doc *doc, qg_error *err)
{
    assert(article < ev->gold->count);
    const qg_gold_article *a = &ev->gold->articles[article];
    if (ev->pred_line[article])
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "article \"%.60s\" already has predictions",
                            a->id);
    size_t len, n;
    qg_doc_text(doc, &len);
    size_t chars = qg_doc_cp_offset(doc, len);
    if (chars != a->chars)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET,
                            "article \"%.60s\": the document has %zu code points, the gold text %zu",
                            a->id, chars, a->chars);
    const qg_quote *quotes = qg_doc_quotes(doc, &n);
    qg_eval_quote *preds = calloc(n ? n : 1, sizeof *preds);
    if (!preds)
        return QG_OOM(err);
    for (size_t i = 0; i < n; i++) {
        const qg_quote *q = &quotes[i];
        qg_eval_quote *p = &preds[i];
        p->start = qg_doc_cp_offset(doc, q->content.begin);
        p->end = qg_doc_cp_offset(doc, q->content.end);
        p->type = (int)q->type;
        /* as in the JSON output: a quote with a speaker always has its mention */
        p->has_speaker = p->has_mention = q->speaker != QG_NONE;
        if (p->has_speaker) {
            p->sp_start = qg_doc_cp_offset(doc, q->speaker_mention.begin);
            p->sp_end = qg_doc_cp_offset(doc, q->speaker_mention.end);
        }
        qg_eval_trim(a, p->start, p->end, &p->tstart, &p->tend);
    }
    qg_status st = qg_eval_score_article(ev, article, preds, n, err);
    if (st == QG_OK)
        ev->pred_line[article] = ADDED_BY_DOC;
    free(preds);
    return st;
}

/* Read one prediction quote: the quote as for gold, then its speaker and the speaker's mention. */
static bool read_pred(qg_eval_quote *p, const json_t *q, const qg_gold_article *a, char *why,
                      size_t why_len)
{
    if (!qg_eval_read_quote(p, q, a, why, why_len))
        return false;
    const json_t *sp = json_object_get(q, "speaker");
    if (!sp || json_is_null(sp))
        return true;
    if (!json_is_object(sp)) {
        snprintf(why, why_len, "\"speaker\" is neither an object nor null");
        return false;
    }
    p->has_speaker = true;
    const json_t *m = json_object_get(sp, "mention");
    if (!m || json_is_null(m))
        return true;
    char sub[120] = "";
    int ms = json_is_object(m) ? qg_eval_read_span(m, "start", "end", a->chars, &p->sp_start,
                                                   &p->sp_end, sub, sizeof sub)
                               : (snprintf(sub, sizeof sub, "not an object"), -1);
    if (ms < 0) {
        snprintf(why, why_len, "speaker.mention: %s", sub);
        return false;
    }
    p->has_mention = ms == 1;
    return true;
}

/* Score one non-blank prediction line; why gets the reason of a QG_EINPUT. */
static qg_status add_line(qg_eval *ev, const char *line, size_t len, size_t lineno, char *why,
                          size_t why_len, qg_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!root) {
        snprintf(why, why_len, "invalid JSON at column %d: %.120s", jerr.column, jerr.text);
        return QG_EINPUT;
    }
    qg_status st = QG_EINPUT;
    qg_eval_quote *preds = NULL;
    const json_t *doc = json_object_get(root, "document");
    const json_t *id = doc ? json_object_get(doc, "id") : json_object_get(root, "id");
    const json_t *quotes = json_object_get(root, "quotes");
    if (!json_is_object(root)) {
        snprintf(why, why_len, "not a JSON object");
        goto done;
    }
    /* an error record of `quotegraph extract` ({"id", "file", "line", "error"}): the article was
     * not analysed, so it stays without predictions (scored as predicting nothing) */
    if (json_is_string(json_object_get(root, "error")) && !quotes && !doc) {
        ev->error_records++;
        st = QG_OK;
        goto done;
    }
    if (!json_is_string(id)) {
        snprintf(why, why_len, "\"%s\" is missing or not a string", doc ? "document.id" : "id");
        goto done;
    }
    size_t art = qg_gold_find(ev->gold, json_string_value(id));
    if (art == (size_t)-1) {
        ev->unknown++;
        st = QG_OK;
        goto done;
    }
    const qg_gold_article *a = &ev->gold->articles[art];
    if (ev->pred_line[art]) {
        if (ev->pred_line[art] == ADDED_BY_DOC)
            snprintf(why, why_len, "article \"%.60s\" already has predictions", a->id);
        else
            snprintf(why, why_len, "a second prediction for article \"%.60s\" (the first is on line %zu)",
                     a->id, ev->pred_line[art]);
        goto done;
    }
    const json_t *chars = doc ? json_object_get(doc, "chars") : NULL;
    if (chars && json_is_integer(chars) && json_integer_value(chars) != (json_int_t)a->chars) {
        snprintf(why, why_len,
                 "document.chars is %lld but the gold text of \"%.60s\" has %zu code points "
                 "(predictions for another text?)",
                 (long long)json_integer_value(chars), a->id, a->chars);
        goto done;
    }
    if (!json_is_array(quotes)) {
        snprintf(why, why_len, "\"quotes\" is missing or not an array");
        goto done;
    }
    size_t n = json_array_size(quotes);
    preds = calloc(n ? n : 1, sizeof *preds);
    if (!preds) {
        st = QG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        char sub[160] = "";
        if (!read_pred(&preds[i], json_array_get(quotes, i), a, sub, sizeof sub)) {
            snprintf(why, why_len, "quotes[%zu]: %s", i, sub);
            goto done;
        }
    }
    st = qg_eval_score_article(ev, art, preds, n, err);
    if (st == QG_OK)
        ev->pred_line[art] = lineno;
done:
    free(preds);
    json_decref(root);
    return st;
}

qg_status qg_eval_add_jsonl(qg_eval *ev, const char *data, size_t len, qg_error *err)
{
    size_t pos = 0, lineno = 0;
    const char *line;
    size_t line_len;
    while (qg_eval_next_line(data, len, &pos, &line, &line_len)) {
        lineno++;
        if (qg_eval_line_is_blank(line, line_len))
            continue;
        char why[200] = "";
        qg_status st = add_line(ev, line, line_len, lineno, why, sizeof why, err);
        if (st == QG_ENOMEM)
            return QG_OOM(err);
        if (st == QG_EINPUT)
            return qg_error_set(err, st, (size_t)(line - data), "line %zu: %s", lineno, why);
        if (st != QG_OK)
            return st;
    }
    return QG_OK;
}

const char *qg_eval_set_str(qg_eval_set set)
{
    switch (set) {
    case QG_EVAL_DIRECT: return "direct";
    case QG_EVAL_INDIRECT: return "indirect";
    case QG_EVAL_MIXED: return "mixed";
    case QG_EVAL_QUOTE_MARK: return "quote_mark";
    case QG_EVAL_ALL: return "all";
    }
    return "unknown";
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

qg_eval_row qg_eval_row_of(const qg_eval *ev, qg_eval_set set)
{
    assert((int)set >= 0 && set < QG_EVAL_SET_COUNT);
    const qg_eval_counts *c = &ev->sets[set];
    qg_eval_row r = {0};
    for (int t = 0; t < QG_EVAL_TYPES; t++)
        if (in_set(t, (int)set))
            r.gold += ev->gold->type_count[t];
    r.pred = c->pred;
    r.matched = c->matched;
    r.exact = c->exact;
    r.speaker_gold = c->speaker_gold;
    r.speaker_right = c->speaker_right;
    r.attributed = c->attributed;
    r.precision = ratio(r.matched, r.pred);
    r.recall = ratio(r.matched, r.gold);
    r.f1 = f1(r.precision, r.recall);
    r.exact_precision = ratio(r.exact, r.pred);
    r.exact_recall = ratio(r.exact, r.gold);
    r.exact_f1 = f1(r.exact_precision, r.exact_recall);
    r.speaker_accuracy = ratio(r.speaker_right, r.speaker_gold);
    r.attribution_precision = ratio(r.attributed, r.pred);
    r.attribution_recall = ratio(r.attributed, r.gold);
    r.attribution_f1 = f1(r.attribution_precision, r.attribution_recall);
    return r;
}

qg_eval_summary qg_eval_summary_of(const qg_eval *ev)
{
    qg_eval_summary s = {0};
    s.articles = ev->gold->count;
    s.predicted = ev->predicted;
    s.missing = s.articles - s.predicted;
    s.unknown = ev->unknown;
    s.error_records = ev->error_records;
    for (int g = 0; g < QG_EVAL_TYPES; g++)
        for (int p = 0; p < QG_EVAL_TYPES; p++)
            s.types[g][p] = ev->types[g][p];
    for (int t = 0; t < QG_EVAL_TYPES; t++) {
        size_t gm = 0, pm = 0;
        for (int u = 0; u < QG_EVAL_TYPES; u++) {
            gm += ev->types[t][u];
            pm += ev->types[u][t];
        }
        s.types[t][QG_EVAL_UNMATCHED] = ev->gold->type_count[t] - gm;
        s.types[QG_EVAL_UNMATCHED][t] = ev->pred_type_count[t] - pm;
    }
    return s;
}
