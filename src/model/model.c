/* Loads the lexicons of models/<lang>/ (format "quotegraph-lexicon 1", see models/en/README.md)
 * from a directory or from the copy compiled in at build time (models_embedded.c). */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../text/text.h"

/* Generated at build time by cmake/embed-models.cmake. */
typedef struct qg_embedded_file {
    const char *path; /* "en/cues.tsv" */
    const char *data;
    size_t len;
} qg_embedded_file;
extern const qg_embedded_file qg_embedded_models[];

/* Hash of a short key, eight bytes at a time (keys are words and short phrases; almost every
 * look-up is a miss, so the hash is most of its cost). */
static uint64_t hash_bytes(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)len * k;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i);
        h = (h ^ w) * k;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    return h;
}

static bool lex_grow(qg_lexicon *lex)
{
    size_t cap = lex->cap ? lex->cap * 2 : 256;
    char **keys = calloc(cap, sizeof *keys);
    int *values = calloc(cap, sizeof *values);
    uint64_t *hashes = calloc(cap, sizeof *hashes);
    uint32_t *lens = calloc(cap, sizeof *lens);
    if (!keys || !values || !hashes || !lens) {
        free(keys);
        free(values);
        free(hashes);
        free(lens);
        return false;
    }
    for (size_t i = 0; i < lex->cap; i++) {
        if (!lex->keys[i])
            continue;
        size_t h = lex->hashes[i] & (cap - 1);
        while (keys[h])
            h = (h + 1) & (cap - 1);
        keys[h] = lex->keys[i];
        values[h] = lex->values[i];
        hashes[h] = lex->hashes[i];
        lens[h] = lex->lens[i];
    }
    free(lex->keys);
    free(lex->values);
    free(lex->hashes);
    free(lex->lens);
    lex->keys = keys;
    lex->values = values;
    lex->hashes = hashes;
    lex->lens = lens;
    lex->cap = cap;
    return true;
}

static bool lex_put_key(qg_lexicon *lex, const char *key, size_t len, int value, bool merge)
{
    if (len > UINT32_MAX)
        return false;
    if ((lex->count + 1) * 2 > lex->cap && !lex_grow(lex))
        return false;
    uint64_t hash = hash_bytes(key, len);
    size_t h = hash & (lex->cap - 1);
    while (lex->keys[h]) {
        if (lex->hashes[h] == hash && lex->lens[h] == len && memcmp(lex->keys[h], key, len) == 0) {
            if (merge)
                lex->values[h] |= value; /* cue forms: a bit per class */
            return true; /* otherwise the first entry wins */
        }
        h = (h + 1) & (lex->cap - 1);
    }
    char *k = malloc(len + 1);
    if (!k)
        return false;
    memcpy(k, key, len);
    k[len] = '\0';
    lex->keys[h] = k;
    lex->values[h] = value;
    lex->hashes[h] = hash;
    lex->lens[h] = (uint32_t)len;
    lex->count++;
    size_t words = 1;
    for (size_t i = 0; i < len; i++)
        words += key[i] == ' ';
    if (words > lex->max_words)
        lex->max_words = words;
    if (len > lex->max_len)
        lex->max_len = len;
    return true;
}

/* Add a key and, for a multi-word key, its proper word prefixes to lex->prefixes. */
/* Set the filter bit of word w[0, len) (qg_lexicon_may_start). */
static bool first_put(qg_lexicon *lex, const char *w, size_t len)
{
    if (!lex->first && !(lex->first = calloc(QG_LEX_FIRST_BITS / 64, sizeof *lex->first)))
        return false;
    size_t bit = (size_t)(hash_bytes(w, len) >> 40) % QG_LEX_FIRST_BITS;
    lex->first[bit / 64] |= 1ULL << (bit % 64);
    return true;
}

static bool lex_put(qg_lexicon *lex, const char *key, size_t len, int value, bool merge)
{
    if (!lex_put_key(lex, key, len, value, merge))
        return false;
    /* the first word, also without a final period ("sen." is found from the token "sen") */
    size_t w = 0;
    while (w < len && key[w] != ' ')
        w++;
    if (!first_put(lex, key, w) || (w > 0 && key[w - 1] == '.' && !first_put(lex, key, w - 1)))
        return false;
    /* the proper word prefixes of a multi-word key; the filter of the prefix set holds the
     * first words of the multi-word keys (qg_lexicon_may_start(lex->prefixes, …) is false for a
     * word that starts none) */
    for (size_t i = 0; i < len; i++) {
        if (key[i] != ' ')
            continue;
        if (!lex->prefixes && !(lex->prefixes = calloc(1, sizeof *lex->prefixes)))
            return false;
        if (!lex_put_key(lex->prefixes, key, i, 0, false) ||
            (i == w && !first_put(lex->prefixes, key, w)))
            return false;
    }
    return true;
}

/* Probe lex for a key whose hash is known. */
static bool lex_find(const qg_lexicon *lex, uint64_t hash, const char *key, size_t len, int *value)
{
    if (!lex->count || len > lex->max_len)
        return false;
    size_t mask = lex->cap - 1;
    for (size_t h = hash & mask; lex->keys[h]; h = (h + 1) & mask) {
        if (lex->hashes[h] == hash && lex->lens[h] == len && memcmp(lex->keys[h], key, len) == 0) {
            if (value)
                *value = lex->values[h];
            return true;
        }
    }
    return false;
}

bool qg_lexicon_get(const qg_lexicon *lex, const char *key, size_t len, int *value)
{
    if (!lex->count || len > lex->max_len)
        return false;
    return lex_find(lex, hash_bytes(key, len), key, len, value);
}

uint64_t qg_lexicon_hash(const char *key, size_t len)
{
    return hash_bytes(key, len);
}

bool qg_lexicon_get_hashed(const qg_lexicon *lex, uint64_t hash, const char *key, size_t len,
                           int *value)
{
    return lex_find(lex, hash, key, len, value);
}

bool qg_lexicon_has_prefix_hashed(const qg_lexicon *lex, uint64_t hash, const char *key, size_t len)
{
    return lex->prefixes && lex_find(lex->prefixes, hash, key, len, NULL);
}

bool qg_lexicon_has_prefix(const qg_lexicon *lex, const char *key, size_t len)
{
    return lex->prefixes && qg_lexicon_get(lex->prefixes, key, len, NULL);
}

int qg_lexicon_match(const qg_lexicon *lex, const char *key, size_t len, int *value)
{
    if (!lex->count || len > lex->max_len)
        return 0;
    uint64_t hash = hash_bytes(key, len);
    return (lex_find(lex, hash, key, len, value) ? QG_LEX_HIT : 0) |
           (lex->prefixes && lex_find(lex->prefixes, hash, key, len, NULL) ? QG_LEX_PREFIX : 0);
}

static void lex_free(qg_lexicon *lex)
{
    free(lex->first);
    if (lex->prefixes) {
        lex_free(lex->prefixes);
        free(lex->prefixes);
    }
    for (size_t i = 0; i < lex->cap; i++)
        free(lex->keys[i]);
    free(lex->keys);
    free(lex->values);
    free(lex->hashes);
    free(lex->lens);
    memset(lex, 0, sizeof *lex);
}

void qg_model_free(qg_model *model)
{
    if (!model)
        return;
    lex_free(&model->cues);
    lex_free(&model->titles);
    lex_free(&model->roles);
    lex_free(&model->org_words);
    lex_free(&model->outlets);
    lex_free(&model->first_names);
    lex_free(&model->pronouns);
    lex_free(&model->documents);
    free(model);
}

static bool contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return true;
    return false;
}

/* Value of a lexicon line from its second and third fields. */
typedef int (*value_fn)(const char *f2, const char *f3);

/* A bit per class (QG_CUE_BIT): one form can be a verb and a noun ("claims"). */
static int cue_value(const char *lemma, const char *cls)
{
    (void)lemma;
    if (!strcmp(cls, "speech"))
        return QG_CUE_BIT(QG_CUE_SPEECH);
    if (!strcmp(cls, "thought"))
        return QG_CUE_BIT(QG_CUE_THOUGHT);
    if (!strcmp(cls, "evidence"))
        return QG_CUE_BIT(QG_CUE_EVIDENCE);
    if (!strcmp(cls, "noun"))
        return QG_CUE_BIT(QG_CUE_NOUN);
    if (!strcmp(cls, "prep"))
        return QG_CUE_BIT(QG_CUE_PREP);
    return 0;
}

static int title_value(const char *kind, const char *unused)
{
    (void)unused;
    return kind && !strcmp(kind, "honorific") ? 1 : 2;
}

static int role_value(const char *gender, const char *anon)
{
    int v = gender && (gender[0] == 'm' || gender[0] == 'f') ? gender[0] : 0;
    if (anon && !strcmp(anon, "yes"))
        v |= 0x100;
    return v;
}

static int org_word_value(const char *kind, const char *unused)
{
    (void)unused;
    if (kind && !strcmp(kind, "outlet"))
        return 2;
    if (kind && !strcmp(kind, "gov"))
        return 3;
    return 1;
}

static int outlet_value(const char *kind, const char *unused)
{
    (void)unused;
    return kind && !strcmp(kind, "agency") ? 2 : 1;
}

static int document_value(const char *kind, const char *unused)
{
    (void)kind;
    (void)unused;
    return 1;
}

static int gender_value(const char *gender, const char *unused)
{
    (void)unused;
    return gender && gender[0] != '-' ? gender[0] : 0;
}

/* Parse one lexicon file held in memory: '#' comments, TAB-separated fields; the first field is
 * case-folded and used as the key. The header must name format version 1. */
static qg_status parse_lexicon(qg_lexicon *lex, const char *name, const char *data, size_t len,
                               value_fn value_of, qg_error *err)
{
    bool version_ok = false;
    size_t line_no = 0;
    qg_strbuf folded = QG_STRBUF_INIT;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        line_no++;
        size_t le = e;
        if (le > i && data[le - 1] == '\r')
            le--;
        if (le > i && data[i] == '#') {
            if (contains(data + i, le - i, "quotegraph-lexicon 1"))
                version_ok = true;
        } else if (le > i) {
            if (!version_ok) {
                qg_strbuf_dispose(&folded);
                return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET,
                                    "%s: no 'format: quotegraph-lexicon 1' header before line %zu",
                                    name, line_no);
            }
            char fields[3][128] = {"", "", ""};
            size_t f = 0, k = 0;
            size_t key_len = 0;
            for (size_t j = i; j < le; j++) {
                if (data[j] == '\t') {
                    if (f == 0)
                        key_len = j - i;
                    f++;
                    k = 0;
                    if (f >= 3)
                        break;
                    continue;
                }
                if (f > 0 && k < sizeof fields[0] - 1) {
                    fields[f][k++] = data[j];
                    fields[f][k] = '\0';
                }
            }
            if (f == 0)
                key_len = le - i;
            if (key_len == 0) {
                qg_strbuf_dispose(&folded);
                return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET, "%s:%zu: empty first field",
                                    name, line_no);
            }
            folded.len = 0;
            qg_text_fold(&folded, data + i, key_len);
            if (folded.failed ||
                !lex_put(lex, folded.data, folded.len, value_of(fields[1], fields[2]),
                         value_of == cue_value)) {
                qg_strbuf_dispose(&folded);
                return QG_OOM(err);
            }
        }
        i = e + 1;
    }
    qg_strbuf_dispose(&folded);
    if (!version_ok)
        return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET,
                            "%s: no 'format: quotegraph-lexicon 1' header", name);
    return QG_OK;
}

static qg_status load_file(qg_lexicon *lex, const char *dir, const char *lang, const char *file,
                           value_fn value_of, qg_error *err)
{
    char rel[256];
    snprintf(rel, sizeof rel, "%s/%s", lang, file);
    if (!dir) {
        for (const qg_embedded_file *e = qg_embedded_models; e->path; e++)
            if (!strcmp(e->path, rel))
                return parse_lexicon(lex, rel, e->data, e->len, value_of, err);
        return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET,
                            "no built-in model file %s (language not bundled)", rel);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET, "cannot open model file %s: %s", path,
                            strerror(errno));
    qg_strbuf sb = QG_STRBUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        qg_strbuf_append(&sb, chunk, n);
    bool bad = ferror(fp);
    fclose(fp);
    if (bad) {
        qg_strbuf_dispose(&sb);
        return qg_error_set(err, QG_EMODEL, QG_NO_OFFSET, "cannot read model file %s", path);
    }
    if (sb.failed) {
        qg_strbuf_dispose(&sb);
        return QG_OOM(err);
    }
    qg_status st = parse_lexicon(lex, path, sb.data ? sb.data : "", sb.len, value_of, err);
    qg_strbuf_dispose(&sb);
    return st;
}

qg_status qg_model_load(qg_model **out, const char *dir, const char *lang, qg_error *err)
{
    *out = NULL;
    if (!lang || !*lang || strchr(lang, '/') || strstr(lang, ".."))
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "invalid language tag '%s'",
                            lang ? lang : "");
    qg_model *m = calloc(1, sizeof *m);
    if (!m)
        return QG_OOM(err);
    qg_status st;
    if ((st = load_file(&m->cues, dir, lang, "cues.tsv", cue_value, err)) ||
        (st = load_file(&m->titles, dir, lang, "titles.tsv", title_value, err)) ||
        (st = load_file(&m->roles, dir, lang, "roles.tsv", role_value, err)) ||
        (st = load_file(&m->org_words, dir, lang, "org_words.tsv", org_word_value, err)) ||
        (st = load_file(&m->outlets, dir, lang, "outlets.tsv", outlet_value, err)) ||
        (st = load_file(&m->first_names, dir, lang, "first_names.tsv", gender_value, err)) ||
        (st = load_file(&m->pronouns, dir, lang, "pronouns.tsv", gender_value, err)) ||
        (st = load_file(&m->documents, dir, lang, "documents.tsv", document_value, err))) {
        qg_model_free(m);
        return st;
    }
    *out = m;
    return QG_OK;
}
