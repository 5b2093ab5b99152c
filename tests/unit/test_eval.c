#define _POSIX_C_SOURCE 200809L /* open_memstream */
/* The scorer of `quotegraph eval` (include/quotegraph/eval.h), through the public API only.
 * Gold sets and predictions are small JSON Lines written here; offsets are computed from the
 * texts, so every expectation follows from the definitions in docs/evaluation.md. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <quotegraph/quotegraph.h>

/* ---- helpers ---- */

/* Code point offset of the first occurrence of @p needle (after @p from code points) in @p text. */
static size_t cp_find(const char *text, const char *needle, size_t from)
{
    size_t cps = 0;
    for (const char *p = text; *p; p++) {
        if (cps >= from && !strncmp(p, needle, strlen(needle)))
            return cps;
        cps += ((unsigned char)*p & 0xC0) != 0x80;
    }
    fail_msg("\"%s\" is not in \"%s\"", needle, text);
    return 0;
}

static size_t cp_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A growable string the tests build JSON Lines in. */
typedef struct buf {
    char data[8192];
    size_t len;
} buf;

static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, sizeof b->data - b->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof b->data - b->len);
    b->len += (size_t)n;
}

/* One quote of a test: span given by its text (found in the article), its type and speaker. */
typedef struct tq {
    const char *content; /* found in the text */
    const char *type;
    const char *speaker; /* found in the text, or NULL for none */
    size_t content_from, speaker_from; /* search from these code points */
} tq;

static void put_gold_line(buf *b, const char *id, const char *text, const tq *qs, size_t n)
{
    put(b, "{\"id\": \"%s\", \"text\": \"%s\", \"quotes\": [", id, text);
    for (size_t i = 0; i < n; i++) {
        size_t s = cp_find(text, qs[i].content, qs[i].content_from);
        put(b, "%s{\"start\": %zu, \"end\": %zu, \"type\": \"%s\", ", i ? ", " : "", s,
            s + cp_len(qs[i].content), qs[i].type);
        if (qs[i].speaker) {
            size_t ss = cp_find(text, qs[i].speaker, qs[i].speaker_from);
            put(b, "\"speaker\": \"%s\", \"speaker_start\": %zu, \"speaker_end\": %zu, \"cue\": null}",
                qs[i].speaker, ss, ss + cp_len(qs[i].speaker));
        } else {
            put(b, "\"speaker\": null, \"speaker_start\": null, \"speaker_end\": null, \"cue\": null}");
        }
    }
    put(b, "]}\n");
}

/* A compacted `quotegraph analyze` document with just the fields the scorer reads. */
static void put_pred_line(buf *b, const char *id, const char *text, const tq *qs, size_t n)
{
    put(b, "{\"quotegraph_version\":\"0.1.0\",\"document\":{\"id\":\"%s\",\"chars\":%zu},\"quotes\":[",
        id, cp_len(text));
    for (size_t i = 0; i < n; i++) {
        size_t s = cp_find(text, qs[i].content, qs[i].content_from);
        put(b, "%s{\"id\":\"q%zu\",\"type\":\"%s\",\"start\":%zu,\"end\":%zu,\"speaker\":", i ? "," : "",
            i + 1, qs[i].type, s, s + cp_len(qs[i].content));
        if (qs[i].speaker) {
            size_t ss = cp_find(text, qs[i].speaker, qs[i].speaker_from);
            put(b, "{\"entity\":\"e1\",\"name\":\"%s\",\"mention\":{\"text\":\"%s\",\"start\":%zu,\"end\":%zu}}}",
                qs[i].speaker, qs[i].speaker, ss, ss + cp_len(qs[i].speaker));
        } else {
            put(b, "null}");
        }
    }
    put(b, "]}\n");
}

static qg_gold *gold_of(const buf *b)
{
    qg_gold *gold = NULL;
    qg_error err = QG_ERROR_INIT;
    qg_status st = qg_gold_parse(&gold, b->data, b->len, &err);
    if (st != QG_OK)
        fail_msg("qg_gold_parse: %s", err.message);
    return gold;
}

/* Score @p pred against @p gold_buf; returns the evaluation (the gold set in *gold_out). */
static qg_eval *score(const buf *gold_buf, const buf *pred, qg_gold **gold_out)
{
    qg_gold *gold = gold_of(gold_buf);
    qg_eval *ev = NULL;
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_eval_new(&ev, gold, &err), QG_OK);
    qg_status st = qg_eval_add_jsonl(ev, pred->data, pred->len, &err);
    if (st != QG_OK)
        fail_msg("qg_eval_add_jsonl: %s", err.message);
    *gold_out = gold;
    return ev;
}

#define assert_ratio(v, expected) assert_true((v) > (expected)-1e-9 && (v) < (expected) + 1e-9)

static const char ARTICLE_UTF8[] =
    "\u201cWe will rebuild the bridge,\u201d the mayor said. Critics said the plan was too "
    "costly. Ms Okafor called it \u2018a waste of money\u2019 on Monday.";

static const tq ARTICLE_QUOTES[] = {
    {"We will rebuild the bridge,", "direct", "the mayor", 0, 0},
    {"the plan was too costly", "indirect", "Critics", 0, 0},
    {"it \u2018a waste of money\u2019", "mixed", "Ms Okafor", 0, 0},
};

static void put_article_gold(buf *b, const char *id)
{
    put_gold_line(b, id, ARTICLE_UTF8, ARTICLE_QUOTES, 3);
}

/* ---- tests ---- */

static void perfect_prediction_scores_one_in_every_set(void **state)
{
    (void)state;
    buf g = {0}, p = {0};
    put_article_gold(&g, "a1");
    put_pred_line(&p, "a1", ARTICLE_UTF8, ARTICLE_QUOTES, 3);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    for (int set = 0; set < QG_EVAL_SET_COUNT; set++) {
        qg_eval_row r = qg_eval_row_of(ev, (qg_eval_set)set);
        size_t want = set == QG_EVAL_ALL ? 3 : set == QG_EVAL_QUOTE_MARK ? 2 : 1;
        assert_int_equal(r.gold, want);
        assert_int_equal(r.pred, want);
        assert_int_equal(r.matched, want);
        assert_int_equal(r.exact, want);
        assert_ratio(r.precision, 1.0);
        assert_ratio(r.recall, 1.0);
        assert_ratio(r.f1, 1.0);
        assert_ratio(r.exact_f1, 1.0);
        assert_int_equal(r.speaker_gold, want);
        assert_ratio(r.speaker_accuracy, 1.0);
        assert_ratio(r.attribution_f1, 1.0);
    }
    qg_eval_summary s = qg_eval_summary_of(ev);
    assert_int_equal(s.articles, 1);
    assert_int_equal(s.predicted, 1);
    assert_int_equal(s.missing, 0);
    assert_int_equal(s.types[QG_QUOTE_MIXED][QG_QUOTE_MIXED], 1);
    assert_int_equal(s.types[QG_QUOTE_MIXED][3], 0);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void empty_or_missing_prediction_has_recall_zero(void **state)
{
    (void)state;
    buf g = {0}, p = {0};
    put_article_gold(&g, "a1");
    put_article_gold(&g, "a2");
    put(&p, "{\"document\":{\"id\":\"a1\"},\"quotes\":[]}\n"); /* a2: no line at all */
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_ALL);
    assert_int_equal(r.gold, 6);
    assert_int_equal(r.pred, 0);
    assert_int_equal(r.matched, 0);
    assert_ratio(r.recall, 0.0);
    assert_ratio(r.precision, 0.0); /* 0/0 is written as 0 */
    assert_ratio(r.f1, 0.0);
    assert_ratio(r.attribution_recall, 0.0);
    qg_eval_summary s = qg_eval_summary_of(ev);
    assert_int_equal(s.predicted, 1);
    assert_int_equal(s.missing, 1);
    assert_int_equal(s.types[QG_QUOTE_DIRECT][3], 2); /* two gold direct quotes unmatched */
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void boundaries_differing_by_marks_spaces_and_edge_punctuation_match_exactly(void **state)
{
    (void)state;
    /* gold keeps the comma and leaves out the marks; the predictions take the marks, a no-break
     * space, a dash and an ellipsis; the last one also loses a real word */
    const char *text = "He said: \u201cWe will win,\u201d and \u00ab\u00a0Nous gagnerons\u00a0\u00bb "
                       "\u2014 then \u2018maybe \u2026\u2019 and \u201cnot this one.\u201d";
    const tq gq[] = {{"We will win,", "direct", NULL, 0, 0},
                     {"Nous gagnerons", "direct", NULL, 0, 0},
                     {"maybe", "direct", NULL, 0, 0},
                     {"not this one.", "direct", NULL, 0, 0}};
    const tq pq[] = {{"\u201cWe will win,\u201d", "direct", NULL, 0, 0},
                     {"\u00ab\u00a0Nous gagnerons\u00a0\u00bb \u2014", "direct", NULL, 0, 0},
                     {"maybe \u2026\u2019", "direct", NULL, 0, 0},
                     {"not this", "direct", NULL, 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 4);
    put_pred_line(&p, "t", text, pq, 4);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_DIRECT);
    assert_int_equal(r.matched, 4);
    assert_int_equal(r.exact, 3);
    assert_ratio(r.exact_recall, 0.75);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void a_leading_complementiser_that_is_not_a_boundary_difference(void **state)
{
    (void)state;
    /* gold keeps "that" (PolNeAR), the prediction leaves it out (quotegraph): exact. "that" as
     * a pronoun inside a span, and "thatch", are words like any other. */
    const char *text = "Ann said that the dam would hold. Bo said thatch burns fast.";
    const tq gq[] = {{"that the dam would hold", "indirect", NULL, 0, 0},
                     {"thatch burns fast", "indirect", NULL, 0, 0}};
    const tq pq[] = {{"the dam would hold", "indirect", NULL, 0, 0},
                     {"burns fast", "indirect", NULL, 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 2);
    put_pred_line(&p, "t", text, pq, 2);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_INDIRECT);
    assert_int_equal(r.matched, 2);
    assert_int_equal(r.exact, 1);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void exact_matching_is_one_to_one(void **state)
{
    (void)state;
    const char *text = "\u201cNo comment,\u201d she said.";
    const tq gq[] = {{"No comment,", "direct", "she", 0, 0}};
    const tq pq[] = {{"No comment,", "direct", "she", 0, 0}, {"No comment", "direct", NULL, 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 1);
    put_pred_line(&p, "t", text, pq, 2);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_DIRECT);
    assert_int_equal(r.pred, 2);
    assert_int_equal(r.matched, 1); /* the second prediction has no gold quote left */
    assert_int_equal(r.exact, 1);   /* both equal the gold span after trimming, one counts */
    assert_ratio(r.exact_precision, 0.5);
    assert_ratio(r.exact_recall, 1.0);
    assert_ratio(r.precision, 0.5);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void overlap_matching_pairs_the_larger_overlap_over_union_first(void **state)
{
    (void)state;
    /* p1 overlaps g1 more than p2 does (10/29 > 4/16) but overlaps g2 even better (18/29):
     * pairing the best ratio first gives g2–p1 and g1–p2; taking each gold quote's best
     * prediction in text order would pair g1–p1 and leave g2 unmatched. The speaker check shows
     * which gold quote each prediction was paired with. */
    const char *text = "Aaron and Bella said: alpha beta gamma delta epsilon zeta.";
    const tq gq[] = {{"beta gamma", "direct", "Aaron", 0, 0},
                     {"delta epsilon zeta", "direct", "Bella", 0, 0}};
    const tq pq[] = {{"beta gamma delta epsilon zeta", "direct", "Bella", 0, 0},
                     {"alpha beta", "direct", "Aaron", 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 2);
    put_pred_line(&p, "t", text, pq, 2);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_DIRECT);
    assert_int_equal(r.matched, 2);
    assert_int_equal(r.exact, 0);
    assert_int_equal(r.speaker_gold, 2);
    assert_int_equal(r.speaker_right, 2);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void speaker_is_right_only_when_the_mention_overlaps_the_gold_span(void **state)
{
    (void)state;
    const char *text = "Smith said: one. Smith said: two. Smith said: three. Jones said: four. "
                       "A sign read: five.";
    /* gold speakers: each quote's own "Smith"/"Jones"; the fifth quote has none */
    const tq gq[] = {{"one", "direct", "Smith", 0, 0},
                     {"two", "direct", "Smith", 0, 10},
                     {"three", "direct", "Smith", 0, 30},
                     {"four", "direct", "Jones", 0, 0},
                     {"five", "direct", NULL, 0, 0}};
    /* predicted: right mention · the same name at another place · no speaker · a mention that
     * overlaps the gold span by one code point · no speaker for a gold quote without one */
    const tq pq[] = {{"one", "direct", "Smith", 0, 0},
                     {"two", "direct", "Smith", 0, 0},
                     {"three", "direct", NULL, 0, 0},
                     {"four", "direct", "s said", 0, 0},
                     {"five", "direct", NULL, 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 5);
    put_pred_line(&p, "t", text, pq, 5);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_ALL);
    assert_int_equal(r.matched, 5);
    assert_int_equal(r.speaker_gold, 4);
    assert_int_equal(r.speaker_right, 2);
    assert_ratio(r.speaker_accuracy, 0.5);
    assert_int_equal(r.attributed, 3); /* two right speakers, and no speaker for "five" */
    assert_ratio(r.attribution_precision, 0.6);
    assert_ratio(r.attribution_recall, 0.6);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void a_speaker_for_a_gold_quote_without_one_is_a_wrong_attribution(void **state)
{
    (void)state;
    const char *text = "Smith said: one.";
    const tq gq[] = {{"one", "direct", NULL, 0, 0}};
    const tq pq[] = {{"one", "direct", "Smith", 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 1);
    put_pred_line(&p, "t", text, pq, 1);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_ALL);
    assert_int_equal(r.matched, 1);
    assert_int_equal(r.speaker_gold, 0);
    assert_int_equal(r.attributed, 0);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void type_rows_match_only_quotes_of_that_type(void **state)
{
    (void)state;
    const char *text = "Ms Okafor called it \u2018a waste of money\u2019 on Monday.";
    const tq gq[] = {{"it \u2018a waste of money\u2019", "mixed", "Ms Okafor", 0, 0}};
    const tq pq[] = {{"a waste of money", "direct", "Ms Okafor", 0, 0}};
    buf g = {0}, p = {0};
    put_gold_line(&g, "t", text, gq, 1);
    put_pred_line(&p, "t", text, pq, 1);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_row mixed = qg_eval_row_of(ev, QG_EVAL_MIXED);
    qg_eval_row direct = qg_eval_row_of(ev, QG_EVAL_DIRECT);
    qg_eval_row marked = qg_eval_row_of(ev, QG_EVAL_QUOTE_MARK);
    assert_int_equal(mixed.gold, 1);
    assert_int_equal(mixed.pred, 0);
    assert_int_equal(mixed.matched, 0);
    assert_int_equal(direct.gold, 0);
    assert_int_equal(direct.pred, 1);
    assert_int_equal(direct.matched, 0);
    assert_int_equal(marked.matched, 1);
    assert_int_equal(marked.exact, 0); /* "it" is outside the prediction */
    assert_int_equal(marked.speaker_right, 1);
    qg_eval_summary s = qg_eval_summary_of(ev);
    assert_int_equal(s.types[QG_QUOTE_MIXED][QG_QUOTE_DIRECT], 1);
    assert_int_equal(s.types[QG_QUOTE_MIXED][3], 0);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

/* Parse a gold set that must fail with QG_EINPUT and a message starting with @p prefix. */
static void expect_gold_error(const char *data, const char *prefix, const char *words)
{
    qg_gold *gold = NULL;
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_gold_parse(&gold, data, strlen(data), &err), QG_EINPUT);
    assert_null(gold);
    if (strncmp(err.message, prefix, strlen(prefix)) || !strstr(err.message, words))
        fail_msg("want \"%s…%s\", got \"%s\"", prefix, words, err.message);
}

static void malformed_gold_lines_are_errors_with_their_line_number(void **state)
{
    (void)state;
    const char *ok = "{\"id\": \"a\", \"text\": \"Hi.\", \"quotes\": []}\n";
    char data[512];
    snprintf(data, sizeof data, "%s\n{\"id\": \"b\", \"text\": \"x\", \"quotes\": [}\n", ok);
    expect_gold_error(data, "line 3: ", "invalid JSON");
    snprintf(data, sizeof data, "%s{\"id\": \"b\", \"quotes\": []}\n", ok);
    expect_gold_error(data, "line 2: ", "\"text\"");
    snprintf(data, sizeof data, "%s{\"id\": 7, \"text\": \"x\", \"quotes\": []}\n", ok);
    expect_gold_error(data, "line 2: ", "\"id\"");
    snprintf(data, sizeof data, "%s[1, 2]\n", ok);
    expect_gold_error(data, "line 2: ", "not a JSON object");
    snprintf(data, sizeof data,
             "%s{\"id\": \"b\", \"text\": \"abc\", \"quotes\": [{\"start\": 0, \"end\": 4, "
             "\"type\": \"direct\"}]}\n", ok);
    expect_gold_error(data, "line 2: ", "quotes[0]: \"end\" 4 is outside the text");
    snprintf(data, sizeof data,
             "%s{\"id\": \"b\", \"text\": \"abc\", \"quotes\": [{\"start\": 0, \"end\": 2, "
             "\"type\": \"quoted\"}]}\n", ok);
    expect_gold_error(data, "line 2: ", "\"type\"");
    snprintf(data, sizeof data,
             "%s{\"id\": \"b\", \"text\": \"abc\", \"quotes\": [{\"start\": 0, \"end\": 2, "
             "\"type\": \"direct\", \"speaker_start\": 0, \"speaker_end\": null}]}\n", ok);
    expect_gold_error(data, "line 2: ", "quotes[0]: \"speaker_end\" is missing or null");
    snprintf(data, sizeof data,
             "%s{\"id\": \"b\", \"text\": \"abc\", \"quotes\": [{\"end\": 2, \"type\": \"direct\"}]}\n",
             ok);
    expect_gold_error(data, "line 2: ", "\"start\" is missing or null while \"end\" is given");
    snprintf(data, sizeof data, "%s%s", ok, ok);
    expect_gold_error(data, "line 2: ", "also on line 1");
}

/* Add predictions that must fail with QG_EINPUT and a message starting with @p prefix. */
static void expect_pred_error(const char *pred, const char *prefix, const char *words)
{
    buf g = {0};
    put_article_gold(&g, "a1");
    put_article_gold(&g, "a2");
    qg_gold *gold = gold_of(&g);
    qg_eval *ev = NULL;
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_eval_new(&ev, gold, &err), QG_OK);
    assert_int_equal(qg_eval_add_jsonl(ev, pred, strlen(pred), &err), QG_EINPUT);
    if (strncmp(err.message, prefix, strlen(prefix)) || !strstr(err.message, words))
        fail_msg("want \"%s…%s\", got \"%s\"", prefix, words, err.message);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void malformed_prediction_lines_are_errors_with_their_line_number(void **state)
{
    (void)state;
    expect_pred_error("{\"document\":{\"id\":\"a1\"},\"quotes\":[]}\n\n{\"document\":",
                      "line 3: ", "invalid JSON");
    expect_pred_error("{\"document\":{\"id\":\"a1\"},\"quotes\":[]}\n"
                      "{\"document\":{\"id\":\"a1\"},\"quotes\":[]}\n",
                      "line 2: ", "first is on line 1");
    expect_pred_error("{\"document\":{},\"quotes\":[]}\n", "line 1: ", "document.id");
    expect_pred_error("{\"document\":{\"id\":\"a1\"}}\n", "line 1: ", "\"quotes\"");
    expect_pred_error("{\"document\":{\"id\":\"a1\"},\"quotes\":[{\"start\":1,\"end\":100000,"
                      "\"type\":\"direct\",\"speaker\":null}]}\n",
                      "line 1: ", "quotes[0]: \"end\" 100000 is outside the text");
    expect_pred_error("{\"document\":{\"id\":\"a1\"},\"quotes\":[{\"start\":1,\"end\":3,"
                      "\"type\":\"direct\",\"speaker\":{\"mention\":{\"start\":\"x\",\"end\":2}}}]}\n",
                      "line 1: ", "speaker.mention");
    expect_pred_error("{\"document\":{\"id\":\"a1\",\"chars\":5},\"quotes\":[]}\n", "line 1: ",
                      "another text");
}

static void prediction_lines_of_other_ids_are_counted_and_ignored(void **state)
{
    (void)state;
    buf g = {0}, p = {0};
    put_article_gold(&g, "a1");
    put(&p, "{\"document\":{\"id\":\"zz\"},\"quotes\":[{\"start\":0,\"end\":1,\"type\":\"direct\"}]}\n");
    put(&p, "{\"id\":\"a1\",\"quotes\":[]}\n"); /* score.py's line format */
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    qg_eval_summary s = qg_eval_summary_of(ev);
    assert_int_equal(s.unknown, 1);
    assert_int_equal(s.predicted, 1);
    assert_int_equal(qg_eval_row_of(ev, QG_EVAL_ALL).pred, 0);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

static void analysed_document_is_scored_in_code_points(void **state)
{
    (void)state;
    /* multi-byte characters before the quote make byte and code point offsets differ */
    const char *text = "Z\u00fcrich \u2014 caf\u00e9 owners met. \u201cWe will reopen on Monday,\u201d "
                       "the mayor said.";
    const tq gq[] = {{"We will reopen on Monday,", "direct", "the mayor", 0, 0}};
    buf g = {0};
    put_gold_line(&g, "t", text, gq, 1);
    qg_gold *gold = gold_of(&g);
    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    qg_init();
    assert_int_equal(qg_model_load(&model, NULL, "en", &err), QG_OK);
    size_t len;
    const char *gtext = qg_gold_text(gold, 0, &len);
    assert_int_equal(len, strlen(text));
    assert_string_equal(qg_gold_id(gold, 0), "t");
    qg_doc *doc = NULL;
    assert_int_equal(qg_doc_decode(&doc, gtext, len, "t", &err), QG_OK);
    assert_int_equal(qg_analyze(doc, model, &err), QG_OK);
    qg_eval *ev = NULL;
    assert_int_equal(qg_eval_new(&ev, gold, &err), QG_OK);
    assert_int_equal(qg_eval_add_doc(ev, 0, doc, &err), QG_OK);
    assert_int_equal(qg_eval_add_doc(ev, 0, doc, &err), QG_EINVAL); /* once per article */
    qg_eval_row r = qg_eval_row_of(ev, QG_EVAL_DIRECT);
    assert_int_equal(r.pred, 1);
    assert_int_equal(r.exact, 1);
    assert_int_equal(r.speaker_right, 1);
    qg_eval_free(ev);
    qg_doc_free(doc);

    /* a document of another text is refused */
    assert_int_equal(qg_doc_decode(&doc, "Short.", 6, "t", &err), QG_OK);
    assert_int_equal(qg_analyze(doc, model, &err), QG_OK);
    assert_int_equal(qg_eval_new(&ev, gold, &err), QG_OK);
    assert_int_equal(qg_eval_add_doc(ev, 0, doc, &err), QG_EINVAL);
    assert_non_null(strstr(err.message, "code points"));
    qg_eval_free(ev);
    qg_doc_free(doc);
    qg_model_free(model);
    qg_gold_free(gold);
}

static void json_report_names_every_set(void **state)
{
    (void)state;
    buf g = {0}, p = {0};
    put_article_gold(&g, "a1");
    put_pred_line(&p, "a1", ARTICLE_UTF8, ARTICLE_QUOTES, 2);
    qg_gold *gold;
    qg_eval *ev = score(&g, &p, &gold);
    char *out = NULL;
    size_t out_len = 0;
    FILE *fp = open_memstream(&out, &out_len);
    assert_non_null(fp);
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_eval_write(fp, ev, QG_FORMAT_JSON, &err), QG_OK);
    assert_int_equal(qg_eval_write(fp, ev, QG_FORMAT_GRAPHML, &err), QG_EINVAL);
    fclose(fp);
    for (int set = 0; set < QG_EVAL_SET_COUNT; set++) {
        char key[32];
        snprintf(key, sizeof key, "\"%s\": {", qg_eval_set_str((qg_eval_set)set));
        assert_non_null(strstr(out, key));
    }
    assert_non_null(strstr(out, "\"recall\": 0.6667")); /* all: 2 of 3, rounded to 4 decimals */
    free(out);
    qg_eval_free(ev);
    qg_gold_free(gold);
}

/* With an argument, runs only the test of that name (ctest registers each test alone). */
int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(perfect_prediction_scores_one_in_every_set),
        cmocka_unit_test(empty_or_missing_prediction_has_recall_zero),
        cmocka_unit_test(boundaries_differing_by_marks_spaces_and_edge_punctuation_match_exactly),
        cmocka_unit_test(a_leading_complementiser_that_is_not_a_boundary_difference),
        cmocka_unit_test(exact_matching_is_one_to_one),
        cmocka_unit_test(overlap_matching_pairs_the_larger_overlap_over_union_first),
        cmocka_unit_test(speaker_is_right_only_when_the_mention_overlaps_the_gold_span),
        cmocka_unit_test(a_speaker_for_a_gold_quote_without_one_is_a_wrong_attribution),
        cmocka_unit_test(type_rows_match_only_quotes_of_that_type),
        cmocka_unit_test(malformed_gold_lines_are_errors_with_their_line_number),
        cmocka_unit_test(malformed_prediction_lines_are_errors_with_their_line_number),
        cmocka_unit_test(prediction_lines_of_other_ids_are_counted_and_ignored),
        cmocka_unit_test(analysed_document_is_scored_in_code_points),
        cmocka_unit_test(json_report_names_every_set),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("eval", tests, NULL, NULL);
}
