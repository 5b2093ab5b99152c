/* The library on several threads at once, through the public API only: analyze.h promises that
 * different documents can be decoded and analysed at the same time with one shared model. The
 * library keeps per-thread ICU objects (break iterators, case map) that are freed at thread exit;
 * under scripts/test-sanitize.sh LeakSanitizer checks that freeing. Graphs are built, exported
 * and freed under one lock, as graph.h asks (Debian's igraph is not thread-safe). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <quotegraph/quotegraph.h>

#define THREADS 4
#define ROUNDS 15

static qg_model *g_model;
static pthread_mutex_t graph_lock = PTHREAD_MUTEX_INITIALIZER;

/* Texts written for this file, plus the bundled example (QG_EXAMPLE, set by CMake). */
static const char *const TEXTS[] = {
    "“We will rebuild the bridge,” the mayor said. Officials declined to comment.",
    "Ana Ruiz, a spokeswoman for Acme Corp., said: \"Nobody was hurt.\"\n\n"
    "\"The plant reopens Monday,\" she added.",
    "„Wir sind bereit“, sagte Karl Weber. « Oui », dit-elle. 「はい」と言った。",
    "Sen. K. D. Farrow told Reuters the bill was ‘dead on arrival’. He did not elaborate.",
    "\xEF\xBB\xBF" "According to a source close to the talks, the deal is \"90% done\".",
    "No quotes here at all, just a sentence about Dalton Homes Ltd. It ends.",
};
#define NTEXTS (sizeof TEXTS / sizeof TEXTS[0] + 1)

static char *example;
static size_t example_len;

static const char *text_at(size_t i, size_t *len)
{
    if (i + 1 == NTEXTS) {
        *len = example_len;
        return example;
    }
    *len = strlen(TEXTS[i]);
    return TEXTS[i];
}

/* The compact JSON of one text, or NULL on any failure. */
static char *analyze_to_json(const char *text, size_t len)
{
    qg_error err = QG_ERROR_INIT;
    qg_doc *doc = NULL;
    qg_graph *graph = NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&buf, &size);
    if (!fp)
        return NULL;
    int ok = qg_doc_decode(&doc, text, len, "t", &err) == QG_OK &&
             qg_analyze(doc, g_model, &err) == QG_OK;
    pthread_mutex_lock(&graph_lock);
    ok = ok && qg_graph_build(&graph, doc, &err) == QG_OK &&
         qg_export_write(fp, doc, graph, QG_FORMAT_JSON, 1, &err) == QG_OK;
    qg_graph_free(graph);
    pthread_mutex_unlock(&graph_lock);
    qg_doc_free(doc);
    if (fclose(fp) != 0 || !ok) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *reference[NTEXTS];

typedef struct worker {
    size_t offset;     /* start of this thread's walk through the texts */
    size_t mismatches; /* outputs that differ from the one-thread reference */
    size_t runs;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (size_t r = 0; r < ROUNDS; r++) {
        for (size_t k = 0; k < NTEXTS; k++) {
            size_t i = (k + w->offset + r) % NTEXTS, len;
            const char *text = text_at(i, &len);
            char *json = analyze_to_json(text, len);
            if (!json || strcmp(json, reference[i]) != 0)
                w->mismatches++;
            free(json);
            w->runs++;
        }
    }
    return NULL;
}

static void threads_give_the_same_json_as_one_thread(void **state)
{
    (void)state;
    for (size_t i = 0; i < NTEXTS; i++) {
        size_t len;
        const char *text = text_at(i, &len);
        reference[i] = analyze_to_json(text, len);
        assert_non_null(reference[i]);
        assert_true(strlen(reference[i]) > 100);
    }
    /* the texts give different results, so a mix-up between threads would show */
    assert_string_not_equal(reference[0], reference[1]);
    pthread_t tid[THREADS];
    worker w[THREADS];
    for (size_t t = 0; t < THREADS; t++) {
        w[t] = (worker){t * 2, 0, 0};
        assert_int_equal(pthread_create(&tid[t], NULL, work, &w[t]), 0);
    }
    for (size_t t = 0; t < THREADS; t++) {
        assert_int_equal(pthread_join(tid[t], NULL), 0);
        assert_int_equal(w[t].runs, ROUNDS * NTEXTS);
        assert_int_equal(w[t].mismatches, 0);
    }
    for (size_t i = 0; i < NTEXTS; i++) {
        free(reference[i]);
        reference[i] = NULL;
    }
}

static int setup(void **state)
{
    (void)state;
    qg_error err = QG_ERROR_INIT;
    qg_init();
    if (qg_model_load(&g_model, NULL, "en", &err) != QG_OK) {
        fprintf(stderr, "qg_model_load: %s\n", err.message);
        return -1;
    }
    FILE *fp = fopen(QG_EXAMPLE, "rb");
    if (!fp) {
        perror(QG_EXAMPLE);
        return -1;
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    example = malloc(n > 0 ? (size_t)n : 1);
    example_len = example ? fread(example, 1, (size_t)(n > 0 ? n : 0), fp) : 0;
    fclose(fp);
    return example && example_len == (size_t)n ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    qg_model_free(g_model);
    free(example);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_give_the_same_json_as_one_thread),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("threads", tests, setup, teardown);
}
