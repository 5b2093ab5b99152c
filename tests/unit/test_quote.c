/* Quote pairing, attribution, quoted terms, sentence breaks and decoding repairs, through the
 * public API only. Every text here is written for this file; expectations say what the text
 * means, not what the tool happened to print. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <quotegraph/quotegraph.h>

static qg_model *g_model;

static int load_model(void **state)
{
    (void)state;
    qg_error err = QG_ERROR_INIT;
    qg_init();
    if (qg_model_load(&g_model, NULL, "en", &err) != QG_OK) {
        fprintf(stderr, "qg_model_load: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int free_model(void **state)
{
    (void)state;
    qg_model_free(g_model);
    g_model = NULL;
    return 0;
}

/* Decode and analyse @p len bytes; fails the test on any error. */
static qg_doc *analyze_bytes(const char *bytes, size_t len)
{
    qg_doc *doc = NULL;
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_doc_decode(&doc, bytes, len, "test", &err), QG_OK);
    assert_non_null(doc);
    assert_int_equal(qg_analyze(doc, g_model, &err), QG_OK);
    return doc;
}

static qg_doc *analyze(const char *text)
{
    return analyze_bytes(text, strlen(text));
}

/* The text of a span as a new string (caller frees). */
static char *span_text(const qg_doc *doc, qg_span s)
{
    size_t len;
    const char *text = qg_doc_text(doc, &len);
    assert_true(s.begin <= s.end);
    assert_true(s.end <= len);
    char *out = malloc(s.end - s.begin + 1);
    assert_non_null(out);
    memcpy(out, text + s.begin, s.end - s.begin);
    out[s.end - s.begin] = '\0';
    return out;
}

/* Quote content equals @p want, ignoring one trailing comma: “A,” she said → "A" or "A,". */
static void assert_content(const qg_doc *doc, qg_span s, const char *want)
{
    char *got = span_text(doc, s);
    size_t n = strlen(got);
    if (n > 0 && got[n - 1] == ',' && (strlen(want) == 0 || want[strlen(want) - 1] != ','))
        got[n - 1] = '\0';
    assert_string_equal(got, want);
    free(got);
}

static const qg_entity *speaker_of(const qg_doc *doc, const qg_quote *q)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    assert_int_not_equal(q->speaker, QG_NONE);
    assert_true(q->speaker < n);
    return &ents[q->speaker];
}

static void assert_speaker(const qg_doc *doc, const qg_quote *q, const char *name)
{
    assert_string_equal(speaker_of(doc, q)->name, name);
}

static size_t count_diagnostics(const qg_doc *doc, const char *kind)
{
    size_t n, hits = 0;
    const qg_diagnostic *d = qg_doc_diagnostics(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(d[i].kind, kind))
            hits++;
    return hits;
}

/* Index of the sentence holding byte offset @p at. */
static size_t sentence_at(const qg_doc *doc, size_t at)
{
    size_t n;
    const qg_span *s = qg_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (s[i].begin <= at && at < s[i].end)
            return i;
    fail_msg("no sentence holds byte %zu", at);
    return QG_NONE;
}

static size_t offset_of(const qg_doc *doc, const char *needle)
{
    const char *text = qg_doc_text(doc, NULL);
    const char *p = strstr(text, needle);
    assert_non_null(p);
    return (size_t)(p - text);
}

/* ---- pairing and attribution ---- */

static void curly_quote_with_a_said_tag_is_one_direct_quote_with_its_speaker(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"“We will rebuild the footbridge,” said Hannah Volkov.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_int_equal(q[0].type, QG_QUOTE_DIRECT);
    assert_content(doc, q[0].content, "We will rebuild the footbridge");
    assert_speaker(doc, &q[0], "Hannah Volkov");
    qg_doc_free(doc);
}

static void straight_quotes_pair_like_curly_ones(void **state)
{
    (void)state;
    qg_doc *doc = analyze("\"The market opens again on Monday,\" said Priya Raman.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_int_equal(q[0].type, QG_QUOTE_DIRECT);
    assert_content(doc, q[0].content, "The market opens again on Monday");
    assert_speaker(doc, &q[0], "Priya Raman");
    qg_doc_free(doc);
}

static void british_single_quotes_are_not_closed_by_apostrophes(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"‘Is the timetable really the council’s decision?’ asked Dorothy "
                          u8"Achebe, a spokeswoman for Welford Buses. ‘We’ll print the drivers’ "
                          u8"new rota next week.’");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 2);
    assert_content(doc, q[0].content, u8"Is the timetable really the council’s decision?");
    assert_content(doc, q[1].content, u8"We’ll print the drivers’ new rota next week.");
    assert_speaker(doc, &q[0], "Dorothy Achebe");
    qg_doc_free(doc);
}

/* The built-in model is English, so the foreign marks wrap English words: what is tested here
 * is the pairing of the marks, not a foreign lexicon. */
static void german_low_high_quotes_pair(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"„We will rebuild the footbridge“, said Anna Keller.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "We will rebuild the footbridge");
    assert_speaker(doc, &q[0], "Anna Keller");
    qg_doc_free(doc);
}

static void german_guillemets_pointing_inwards_pair(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"»The levee will hold«, said Jonas Brenner.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "The levee will hold");
    assert_speaker(doc, &q[0], "Jonas Brenner");
    qg_doc_free(doc);
}

static void french_guillemets_with_no_break_spaces_pair_and_drop_the_spaces(void **state)
{
    (void)state;
    /* U+00A0 after « and before », as French typography writes them. */
    qg_doc *doc = analyze(u8"«\u00a0The harbour stays closed until Friday\u00a0», said Camille Roux.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "The harbour stays closed until Friday");
    assert_speaker(doc, &q[0], "Camille Roux");
    qg_doc_free(doc);
}

static void corner_brackets_pair(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"「The trains will run on time」, said Kenji Watanabe.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "The trains will run on time");
    assert_speaker(doc, &q[0], "Kenji Watanabe");
    qg_doc_free(doc);
}

static void interrupted_quote_gives_two_quotes_with_the_same_speaker(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"Ines Moreau leads the campaign. “We are not leaving,” she said, "
                          u8"“until every vote has been counted.”");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 2);
    assert_content(doc, q[0].content, "We are not leaving");
    assert_content(doc, q[1].content, "until every vote has been counted.");
    assert_speaker(doc, &q[0], "Ines Moreau");
    assert_int_equal(q[1].speaker, q[0].speaker);
    qg_doc_free(doc);
}

static void quote_over_three_paragraphs_with_repeated_openers_is_one_quote(void **state)
{
    (void)state;
    static const char text[] = u8"“The first shift starts at six.\n\n"
                               u8"“The second shift starts at two.\n\n"
                               u8"“Nobody works a third,” said Tomas Berg.";
    qg_doc *doc = analyze(text);
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content,
                   u8"The first shift starts at six.\n\n“The second shift starts at two.\n\n"
                   u8"“Nobody works a third");
    assert_speaker(doc, &q[0], "Tomas Berg");
    assert_int_equal(count_diagnostics(doc, "unclosed_quote"), 0);
    qg_doc_free(doc);
}

static void unclosed_quote_ends_at_its_paragraph_and_is_diagnosed(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"Kofi Mensah said: “We have waited long enough for the road.\n\n"
                          u8"The council meets again on Monday.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "We have waited long enough for the road.");
    assert_speaker(doc, &q[0], "Kofi Mensah");
    assert_int_equal(count_diagnostics(doc, "unclosed_quote"), 1);
    qg_doc_free(doc);
}

static void curly_opener_closed_by_a_straight_mark_is_one_quote(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"“We expect the first results in May,\" said Lucia Ferro.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "We expect the first results in May");
    assert_speaker(doc, &q[0], "Lucia Ferro");
    assert_int_equal(count_diagnostics(doc, "unclosed_quote"), 0);
    qg_doc_free(doc);
}

static void scare_quote_is_a_quoted_term_not_a_quote(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"The new levy works as a ‘stealth tax’ on commuters.");
    size_t nq, nt;
    qg_doc_quotes(doc, &nq);
    const qg_term *t = qg_doc_terms(doc, &nt);
    assert_int_equal(nq, 0);
    assert_int_equal(nt, 1);
    char *s = span_text(doc, t[0].span);
    assert_string_equal(s, "stealth tax");
    free(s);
    assert_string_equal(t[0].kind, "scare");
    qg_doc_free(doc);
}

static void surname_alone_refers_back_to_the_full_name(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"Lena Ostrova chairs the Riverside Housing Board.\n\n"
                          u8"“We will publish the inspection results next week,” Ostrova said.");
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_int_equal(n, 1);
    assert_content(doc, q[0].content, "We will publish the inspection results next week");
    assert_speaker(doc, &q[0], "Lena Ostrova");
    assert_int_equal(speaker_of(doc, &q[0])->kind, QG_ENTITY_PERSON);
    qg_doc_free(doc);
}

/* ---- sentences ---- */

static void question_mark_inside_quote_before_she_asked_does_not_end_the_sentence(void **state)
{
    (void)state;
    qg_doc *doc = analyze(u8"Maria Lopez stood up. “Where has the money gone?” she asked. "
                          u8"Nobody answered.");
    size_t n;
    qg_doc_sentences(doc, &n);
    assert_int_equal(n, 3);
    assert_int_equal(sentence_at(doc, offset_of(doc, "Where")),
                     sentence_at(doc, offset_of(doc, "she asked")));
    qg_doc_free(doc);
}

static void honorific_and_initials_do_not_end_a_sentence(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The letter was signed by Mr. J. R. Whitlow of the county board.");
    size_t n;
    qg_doc_sentences(doc, &n);
    assert_int_equal(n, 1);
    qg_doc_free(doc);
}

static void company_abbreviation_before_a_capitalised_pronoun_ends_a_sentence(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The order went to Halden Timber Co. He declined to say why.");
    size_t n;
    const qg_span *s = qg_doc_sentences(doc, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[1].begin, offset_of(doc, "He declined"));
    qg_doc_free(doc);
}

/* ---- hostile and degenerate input ---- */

static void ten_thousand_unmatched_openers_finish_with_a_diagnostic(void **state)
{
    (void)state;
    static const char unit[] = u8"“word ";
    size_t ulen = strlen(unit), count = 10000;
    char *text = malloc(ulen * count + 1);
    assert_non_null(text);
    for (size_t i = 0; i < count; i++)
        memcpy(text + i * ulen, unit, ulen);
    text[ulen * count] = '\0';
    qg_doc *doc = analyze(text);
    size_t nd;
    qg_doc_diagnostics(doc, &nd);
    assert_true(nd >= 1);
    qg_doc_free(doc);
    free(text);
}

static void empty_input_gives_no_quotes(void **state)
{
    (void)state;
    qg_doc *doc = analyze_bytes(NULL, 0);
    size_t nq, nt, ne, len;
    qg_doc_quotes(doc, &nq);
    qg_doc_terms(doc, &nt);
    qg_doc_entities(doc, &ne);
    assert_string_equal(qg_doc_text(doc, &len), "");
    assert_int_equal(len, 0);
    assert_int_equal(nq, 0);
    assert_int_equal(nt, 0);
    assert_int_equal(ne, 0);
    qg_doc_free(doc);
}

static void invalid_utf8_is_replaced_and_diagnosed(void **state)
{
    (void)state;
    static const char bytes[] = "Bad \xff byte and a cut \xc3 sequence.";
    qg_doc *doc = analyze_bytes(bytes, sizeof bytes - 1);
    size_t len;
    const char *text = qg_doc_text(doc, &len);
    assert_string_equal(text, u8"Bad \uFFFD byte and a cut \uFFFD sequence.");
    assert_int_equal(len, strlen(text));
    assert_int_equal(count_diagnostics(doc, "invalid_utf8"), 2);
    qg_doc_free(doc);
}

static void byte_order_mark_is_skipped(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF" u8"“Nothing is decided yet,” said Ana Silva.";
    qg_doc *doc = analyze(text);
    size_t nq, ns;
    const qg_quote *q = qg_doc_quotes(doc, &nq);
    const qg_span *s = qg_doc_sentences(doc, &ns);
    assert_int_equal(nq, 1);
    assert_content(doc, q[0].content, "Nothing is decided yet");
    assert_speaker(doc, &q[0], "Ana Silva");
    assert_true(ns >= 1);
    assert_true(s[0].begin >= 3); /* the BOM belongs to no sentence */
    assert_int_equal(count_diagnostics(doc, "bom"), 1);
    qg_doc_free(doc);
}

/* With an argument, runs only the test of that name (ctest registers each test alone). */
int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(curly_quote_with_a_said_tag_is_one_direct_quote_with_its_speaker),
        cmocka_unit_test(straight_quotes_pair_like_curly_ones),
        cmocka_unit_test(british_single_quotes_are_not_closed_by_apostrophes),
        cmocka_unit_test(german_low_high_quotes_pair),
        cmocka_unit_test(german_guillemets_pointing_inwards_pair),
        cmocka_unit_test(french_guillemets_with_no_break_spaces_pair_and_drop_the_spaces),
        cmocka_unit_test(corner_brackets_pair),
        cmocka_unit_test(interrupted_quote_gives_two_quotes_with_the_same_speaker),
        cmocka_unit_test(quote_over_three_paragraphs_with_repeated_openers_is_one_quote),
        cmocka_unit_test(unclosed_quote_ends_at_its_paragraph_and_is_diagnosed),
        cmocka_unit_test(curly_opener_closed_by_a_straight_mark_is_one_quote),
        cmocka_unit_test(scare_quote_is_a_quoted_term_not_a_quote),
        cmocka_unit_test(surname_alone_refers_back_to_the_full_name),
        cmocka_unit_test(question_mark_inside_quote_before_she_asked_does_not_end_the_sentence),
        cmocka_unit_test(honorific_and_initials_do_not_end_a_sentence),
        cmocka_unit_test(company_abbreviation_before_a_capitalised_pronoun_ends_a_sentence),
        cmocka_unit_test(ten_thousand_unmatched_openers_finish_with_a_diagnostic),
        cmocka_unit_test(empty_input_gives_no_quotes),
        cmocka_unit_test(invalid_utf8_is_replaced_and_diagnosed),
        cmocka_unit_test(byte_order_mark_is_skipped),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("quote", tests, load_model, free_model);
}
