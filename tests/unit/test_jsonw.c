#define _POSIX_C_SOURCE 200809L /* open_memstream */
/* The streaming JSON writer of the exporter (src/export/jsonw.c) against jansson: the same
 * strings, reals and nesting must give the same bytes as json_dumps() of the equivalent tree,
 * compact and indented. Built from the writer's source (it is not part of the public API). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "../../src/export/jsonw.h"

/* ---- helpers ---- */

/* jansson's JSON of the string s[0, len), or NULL when it refuses the string. */
static char *jansson_string(const char *s, size_t len)
{
    json_t *j = json_stringn(s, len);
    if (!j)
        return NULL;
    char *out = json_dumps(j, JSON_ENCODE_ANY);
    json_decref(j);
    return out;
}

static void assert_escape_like_jansson(const char *s, size_t len)
{
    char *want = jansson_string(s, len);
    char *got = malloc(6 * len + 3);
    assert_non_null(got);
    size_t n = qg_jw_escape(got, s, len, NULL);
    if (!want) {
        assert_int_equal(n, 0);
    } else {
        assert_int_equal(n, strlen(want));
        assert_memory_equal(got, want, n);
    }
    free(want);
    free(got);
}

/* Deterministic pseudo-random numbers (xorshift). */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

/* The writer's JSON for what write() writes, as a malloc'd string. */
static char *written(void (*write)(qg_jw *, void *), void *arg, int indent)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    qg_jw *w = malloc(sizeof *w);
    assert_non_null(w);
    qg_jw_init(w, fp, indent);
    write(w, arg);
    assert_true(qg_jw_flush(w));
    free(w);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void write_real(qg_jw *w, void *arg)
{
    qg_jw_begin_array(w, NULL);
    qg_jw_real(w, NULL, *(double *)arg);
    qg_jw_end_array(w);
}

static void assert_real_like_jansson(double v)
{
    json_t *a = json_array();
    json_array_append_new(a, json_real(v));
    char *want = json_dumps(a, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(a);
    char *got = written(write_real, &v, 0);
    assert_string_equal(got, want);
    free(want);
    free(got);
}

/* ---- tests ---- */

static void every_byte_alone_is_escaped_as_jansson_does(void **state)
{
    (void)state;
    for (int b = 0; b < 256; b++) {
        char s[1] = {(char)b};
        assert_escape_like_jansson(s, 1);
    }
}

static void every_two_byte_sequence_is_escaped_or_refused_as_jansson_does(void **state)
{
    (void)state;
    for (int a = 0; a < 256; a++)
        for (int b = 0; b < 256; b++) {
            char s[2] = {(char)a, (char)b};
            assert_escape_like_jansson(s, 2);
        }
}

static void random_strings_are_escaped_or_refused_as_jansson_does(void **state)
{
    (void)state;
    /* pieces that matter: escapes, controls, valid and broken UTF-8 of every length,
     * surrogates, overlong forms, code points past U+10FFFF */
    /* clang-format off */
    static const char *const pieces[] = {
        "a", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "\xc3\xa9",
        "\xe2\x80\x99", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xc0\x80", "\xed\xa0\x80",
        "\xf4\x90\x80\x80", "\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\x80", "\xbf", "\xc3",
        "\xe2\x80", "\xf0\x9f\x98", "\xff", "\xfe", "said", "\xef\xbb\xbf"};
    /* clang-format on */
    size_t npieces = sizeof pieces / sizeof pieces[0];
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    char s[256];
    for (int round = 0; round < 50000; round++) {
        size_t len = 0, parts = next_random(&seed) % 12;
        for (size_t p = 0; p < parts; p++) {
            const char *piece = pieces[next_random(&seed) % npieces];
            size_t n = strlen(piece);
            memcpy(s + len, piece, n);
            len += n;
        }
        if (next_random(&seed) % 8 == 0 && len < sizeof s)
            s[len++] = '\0'; /* U+0000 inside the string */
        assert_escape_like_jansson(s, len);
    }
}

static void reals_are_written_as_jansson_writes_them(void **state)
{
    (void)state;
    static const double special[] = {0.0,      -0.0,      1.0,       -1.0,      0.5,
                                     0.95,     1e-6,      1e-7,      1.5e-5,    0.000123,
                                     999999.0, 1e6,       1234567.0, 1e20,      -1e20,
                                     123456.5, 0.1234567, 1e300,     -2.5e-300, 4503599627370496.0};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        assert_real_like_jansson(special[i]);
    /* what the exporter writes: values rounded to 3 and 6 decimals, and counts */
    for (int k = -3000; k <= 200000; k += 7)
        assert_real_like_jansson(round(k) / 1000.0);
    for (int k = 0; k <= 1000000; k += 997)
        assert_real_like_jansson(k / 1e6);
    /* 6 decimals below 10^-4 (PageRank in large articles): exponent notation */
    for (int k = -150; k <= 150; k++)
        assert_real_like_jansson(k / 1e6);
    uint64_t seed = 12345;
    for (int i = 0; i < 20000; i++) {
        double v = (double)(next_random(&seed) % 2000001) / 1000.0 - 1000.0;
        assert_real_like_jansson(v * pow(10, (int)(next_random(&seed) % 21) - 10));
        /* what real6_of() in src/export/json.c writes of small values */
        double x = (double)(next_random(&seed) % 1000000) * 1e-10;
        assert_real_like_jansson(round(x * 1e6) / 1e6);
        assert_real_like_jansson(-round(x * 1e6) / 1e6);
    }
}

/* The same members through jansson and through the writer. */
static json_t *tree(void)
{
    json_t *root = json_object();
    json_object_set_new(root, "version", json_string("0.1.0"));
    json_object_set_new(root, "missing", json_string(NULL));  /* refused: left out */
    json_object_set_new(root, "broken", json_string("\xff")); /* refused: left out */
    json_t *a = json_array();
    for (int i = 0; i < 3; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(i == 0 ? "q1" : i == 1 ? "q2" : "q3"));
        json_object_set_new(o, "n", json_integer(-i * 1000000007LL));
        json_object_set_new(o, "r", json_real(i / 3.0));
        json_object_set_new(o, "t", json_true());
        json_object_set_new(o, "f", json_false());
        json_object_set_new(o, "z", json_null());
        json_object_set_new(o, "empty", json_array());
        json_object_set_new(o, "none", json_object());
        json_array_append_new(a, o);
    }
    json_object_set_new(root, "items", a);
    json_object_set_new(root, "nothing", json_array());
    return root;
}

static void write_tree(qg_jw *w, void *arg)
{
    (void)arg;
    qg_jw_begin_object(w, NULL);
    qg_jw_string(w, "version", "0.1.0");
    qg_jw_string(w, "missing", NULL);
    qg_jw_string(w, "broken", "\xff");
    qg_jw_begin_array(w, "items");
    for (int i = 0; i < 3; i++) {
        qg_jw_begin_object(w, NULL);
        qg_jw_prefixed_id(w, "id", 'q', (size_t)i + 1);
        qg_jw_int(w, "n", -i * 1000000007LL);
        qg_jw_real(w, "r", i / 3.0);
        qg_jw_bool(w, "t", true);
        qg_jw_bool(w, "f", false);
        qg_jw_null(w, "z");
        qg_jw_begin_array(w, "empty");
        qg_jw_end_array(w);
        qg_jw_begin_object(w, "none");
        qg_jw_end_object(w);
        qg_jw_end_object(w);
    }
    qg_jw_end_array(w);
    qg_jw_begin_array(w, "nothing");
    qg_jw_end_array(w);
    qg_jw_end_object(w);
}

static void nesting_is_written_as_jansson_writes_it_compact_and_indented(void **state)
{
    (void)state;
    json_t *root = tree();
    char *want = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(6));
    char *got = written(write_tree, NULL, 0);
    assert_string_equal(got, want);
    free(want);
    free(got);
    want = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    got = written(write_tree, NULL, 2);
    assert_string_equal(got, want);
    free(want);
    free(got);
    json_decref(root);
}

static void write_long_string(qg_jw *w, void *arg)
{
    qg_jw_stringn(w, NULL, arg, strlen(arg));
}

static void a_string_longer_than_the_buffer_is_written_whole(void **state)
{
    (void)state;
    size_t n = 3 * QG_JW_BUF + 17;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 97 == 0 ? '"' : (char)('a' + i % 26);
    s[n] = '\0';
    char *want = jansson_string(s, n);
    char *got = written(write_long_string, s, 0);
    assert_string_equal(got, want);
    free(want);
    free(got);
    free(s);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_byte_alone_is_escaped_as_jansson_does),
        cmocka_unit_test(every_two_byte_sequence_is_escaped_or_refused_as_jansson_does),
        cmocka_unit_test(random_strings_are_escaped_or_refused_as_jansson_does),
        cmocka_unit_test(reals_are_written_as_jansson_writes_them),
        cmocka_unit_test(nesting_is_written_as_jansson_writes_it_compact_and_indented),
        cmocka_unit_test(a_string_longer_than_the_buffer_is_written_whole),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
