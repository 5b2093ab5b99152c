/* Reading merge input into atoms: extract records, extract error records and earlier merge
 * output (docs/corpus.md). Values are scanned with jscan.c, not built as trees. */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "corpus_internal.h"
#include "jscan.h"

qg_status qg_corpus_new(qg_corpus **out, const qg_corpus_opts *opts, qg_error *err)
{
    qg_corpus_opts o = QG_CORPUS_OPTS_INIT;
    if (opts)
        o = *opts;
    if (!(o.similarity > 0 && o.similarity <= 1))
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "similarity must be in (0, 1]");
    if (o.min_shared < 1)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "shared 3-grams must be at least 1");
    if (o.min_words < 3)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET,
                            "words of a truncated quote must be at least 3");
    qg_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return QG_OOM(err);
    c->opts = o;
    *out = c;
    return QG_OK;
}

void qg_corpus_free(qg_corpus *c)
{
    if (!c)
        return;
    qg_vec_free(&c->articles);
    qg_vec_free(&c->quotes);
    qg_vec_free(&c->errors);
    qg_vec_free(&c->repeats);
    qg_smap_free(&c->by_id);
    qg_vec_free(&c->entities);
    qg_vec_free(&c->byoutlet);
    qg_vec_free(&c->names);
    qg_vec_free(&c->norms);
    qg_vec_free(&c->shingles);
    qg_vec_free(&c->groups);
    qg_vec_free(&c->members);
    qg_vec_free(&c->variants);
    qg_vec_free(&c->gspeakers);
    qg_vec_free(&c->group_order);
    qg_vec_free(&c->entity_order);
    qg_vec_free(&c->article_order);
    qg_vec_free(&c->nodes);
    qg_vec_free(&c->edges);
    qg_arena_free(&c->arena);
    free(c);
}

/* Fixed vocabularies are kept as static strings, anything else is copied. */
static const char *const KINDS[] = {"person", "role", "organization", "outlet", "anonymous",
                                    "document"};

static const char *static_kind(const char *s)
{
    for (size_t i = 0; i < sizeof KINDS / sizeof *KINDS; i++)
        if (!strcmp(s, KINDS[i]))
            return KINDS[i];
    return NULL;
}

typedef struct reader {
    qg_corpus *c;
    qg_jscan s;
    qg_strbuf key, val;
    /* extract records: entity id → kind and affiliation, speaker entity per quote */
    QG_VEC(struct ent_ref {
        char *id;
        const char *kind;
        char *aff;
    })
    ents;
    QG_VEC(char *) sp_entity; /* one per quote of the record being read; NULL when none */
} reader;

static const char *dup_val(reader *r)
{
    const char *s = qg_arena_strndup(&r->c->arena, r->val.data, r->val.len);
    if (!s)
        qg_js_fail(&r->s, "out of memory");
    return s;
}

/* A string value or null; anything else is an error. */
static bool read_opt_str(reader *r, const char **out)
{
    bool is_null;
    *out = NULL;
    if (!qg_js_string_or_null(&r->s, &r->val, &is_null))
        return false;
    if (!is_null)
        *out = dup_val(r);
    return !r->s.error;
}

static bool read_int(reader *r, int64_t *out)
{
    double d;
    if (!qg_js_number(&r->s, &d))
        return false;
    if (!(d >= -9.0e15 && d <= 9.0e15))
        return qg_js_fail(&r->s, "number out of range");
    *out = (int64_t)d;
    return true;
}

/* {"text": ...} cue object of an extract record, or a plain string (merge atoms), or null. */
static bool read_cue(reader *r, const char **out)
{
    *out = NULL;
    if (qg_js_take_null(&r->s))
        return true;
    if (qg_js_peek(&r->s) == '"')
        return read_opt_str(r, out);
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        if (!strcmp(r->key.data, "text")) {
            if (!read_opt_str(r, out))
                return false;
        } else if (!qg_js_skip(&r->s))
            return false;
    }
    return !r->s.error;
}

/* The speaker object of a quote: {"entity", "name", "kind", "org", "org_kind", ...} or null. */
static bool read_speaker(reader *r, cq_quote *q, char **entity)
{
    *entity = NULL;
    if (qg_js_take_null(&r->s))
        return true;
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        const char *k = r->key.data;
        if (!strcmp(k, "name")) {
            if (!read_opt_str(r, &q->sp_name))
                return false;
        } else if (!strcmp(k, "kind") || !strcmp(k, "org_kind")) {
            bool is_null;
            if (!qg_js_string_or_null(&r->s, &r->val, &is_null))
                return false;
            const char *kind = is_null ? NULL : static_kind(r->val.data);
            if (!is_null && !kind)
                return qg_js_fail(&r->s, "unknown speaker kind");
            if (k[0] == 'k')
                q->sp_kind = kind;
            else
                q->sp_org_kind = kind;
        } else if (!strcmp(k, "org")) {
            if (!read_opt_str(r, &q->sp_org))
                return false;
        } else if (!strcmp(k, "entity")) {
            bool is_null;
            if (!qg_js_string_or_null(&r->s, &r->val, &is_null))
                return false;
            if (!is_null && !(*entity = strdup(r->val.data)))
                return qg_js_fail(&r->s, "out of memory");
        } else if (!qg_js_skip(&r->s)) {
            return false;
        }
    }
    if (r->s.error)
        return false;
    if (!q->sp_name || !q->sp_kind)
        return qg_js_fail(&r->s, "speaker without name or kind");
    q->has_speaker = true;
    return true;
}

static bool read_quote(reader *r, uint32_t article, uint32_t pos, bool atom)
{
    cq_quote *q = qg_vec_push(&r->c->quotes);
    if (!q)
        return qg_js_fail(&r->s, "out of memory");
    memset(q, 0, sizeof *q);
    q->article = article;
    q->n = pos;
    q->rule = "none";
    char *entity = NULL;
    bool have_text = false, have_type = false;
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        const char *k = r->key.data;
        bool ok = true;
        if (!strcmp(k, "type")) {
            ok = qg_js_string(&r->s, &r->val);
            if (ok && !strcmp(r->val.data, "direct"))
                q->type = CQ_DIRECT;
            else if (ok && !strcmp(r->val.data, "indirect"))
                q->type = CQ_INDIRECT;
            else if (ok && !strcmp(r->val.data, "mixed"))
                q->type = CQ_MIXED;
            else if (ok)
                ok = qg_js_fail(&r->s, "unknown quote type");
            have_type = ok;
        } else if (!strcmp(k, "text")) {
            ok = qg_js_string(&r->s, &r->val) && (q->text = dup_val(r)) != NULL;
            if (ok && r->val.len >= UINT32_MAX)
                ok = qg_js_fail(&r->s, "quote text too long");
            q->text_len = (uint32_t)r->val.len;
            have_text = ok;
        } else if (!strcmp(k, "start")) {
            ok = read_int(r, &q->start);
        } else if (!strcmp(k, "end")) {
            ok = read_int(r, &q->end);
        } else if (!strcmp(k, "n") && atom) {
            int64_t n = 0;
            ok = read_int(r, &n);
            if (ok && (n < 1 || n > UINT32_MAX - 1))
                ok = qg_js_fail(&r->s, "quote number out of range");
            q = &r->c->quotes.items[r->c->quotes.count - 1];
            q->n = (uint32_t)n;
        } else if (!strcmp(k, "cue")) {
            ok = read_cue(r, &q->cue);
        } else if (!strcmp(k, "speaker")) {
            free(entity);
            ok = read_speaker(r, q, &entity);
        } else if (!strcmp(k, "confidence")) {
            ok = qg_js_number(&r->s, &q->confidence);
            q->confidence = qg_round3(q->confidence);
        } else if (!strcmp(k, "rule")) {
            ok = qg_js_string(&r->s, &r->val) && (q->rule = dup_val(r)) != NULL;
        } else {
            ok = qg_js_skip(&r->s);
        }
        if (!ok) {
            free(entity);
            return false;
        }
    }
    if (r->s.error || !have_text || !have_type) {
        free(entity);
        return qg_js_fail(&r->s, "quote without text or type");
    }
    if (!atom) {
        char **slot = qg_vec_push(&r->sp_entity);
        if (!slot) {
            free(entity);
            return qg_js_fail(&r->s, "out of memory");
        }
        *slot = entity;
    } else {
        free(entity);
    }
    return true;
}

static bool read_quotes(reader *r, uint32_t article, bool atom)
{
    if (!qg_js_arr_begin(&r->s))
        return false;
    uint32_t pos = 0;
    for (int it = 0; qg_js_arr_next(&r->s, &it);)
        if (!read_quote(r, article, ++pos, atom))
            return false;
    return !r->s.error;
}

/* The entities of an extract record: only id, kind and affiliation are needed. */
static bool read_entities(reader *r)
{
    if (!qg_js_arr_begin(&r->s))
        return false;
    for (int it = 0; qg_js_arr_next(&r->s, &it);) {
        struct ent_ref *e = qg_vec_push(&r->ents);
        if (!e)
            return qg_js_fail(&r->s, "out of memory");
        memset(e, 0, sizeof *e);
        if (!qg_js_obj_begin(&r->s))
            return false;
        for (int jt = 0; qg_js_obj_next(&r->s, &jt, &r->key);) {
            const char *k = r->key.data;
            bool is_null;
            if (!strcmp(k, "id") || !strcmp(k, "affiliation")) {
                if (!qg_js_string_or_null(&r->s, &r->val, &is_null))
                    return false;
                char *v = is_null ? NULL : strdup(r->val.data);
                if (k[0] == 'i') {
                    free(e->id);
                    e->id = v;
                } else {
                    free(e->aff);
                    e->aff = v;
                }
            } else if (!strcmp(k, "kind")) {
                if (!qg_js_string(&r->s, &r->val))
                    return false;
                if (!e->kind || strcmp(e->kind, "anonymous") != 0)
                    e->kind = static_kind(r->val.data);
            } else if (!strcmp(k, "anonymous")) {
                /* analyze marks anonymous sources as roles with "anonymous": "yes" */
                if (!qg_js_string_or_null(&r->s, &r->val, &is_null))
                    return false;
                if (!is_null && !strcmp(r->val.data, "yes"))
                    e->kind = "anonymous";
            } else if (!qg_js_skip(&r->s)) {
                return false;
            }
        }
        if (r->s.error)
            return false;
    }
    return !r->s.error;
}

static const struct ent_ref *find_ent(const reader *r, const char *id)
{
    for (size_t i = 0; id && i < r->ents.count; i++)
        if (r->ents.items[i].id && !strcmp(r->ents.items[i].id, id))
            return &r->ents.items[i];
    return NULL;
}

static void clear_refs(reader *r)
{
    for (size_t i = 0; i < r->ents.count; i++) {
        free(r->ents.items[i].id);
        free(r->ents.items[i].aff);
    }
    r->ents.count = 0;
    for (size_t i = 0; i < r->sp_entity.count; i++)
        free(r->sp_entity.items[i]);
    r->sp_entity.count = 0;
}

/* Metadata keys shared by the extract record's "document" and a merge atom. */
static bool read_meta_key(reader *r, cq_article *a, const char *k, bool *handled)
{
    *handled = true;
    if (!strcmp(k, "id")) {
        if (!qg_js_string(&r->s, &r->val) || !(a->id = dup_val(r)))
            return false;
        return true;
    }
    if (!strcmp(k, "url"))
        return read_opt_str(r, &a->url);
    if (!strcmp(k, "title"))
        return read_opt_str(r, &a->title);
    if (!strcmp(k, "outlet"))
        return read_opt_str(r, &a->outlet);
    if (!strcmp(k, "published"))
        return read_opt_str(r, &a->published);
    if (!strcmp(k, "author"))
        return read_opt_str(r, &a->author);
    if (!strcmp(k, "chars")) {
        if (qg_js_take_null(&r->s))
            return true;
        return read_int(r, &a->chars);
    }
    *handled = false;
    return true;
}

static bool read_document(reader *r, cq_article *a)
{
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        bool handled;
        char k[16];
        snprintf(k, sizeof k, "%s", r->key.data);
        if (!read_meta_key(r, a, k, &handled))
            return false;
        if (!handled && !qg_js_skip(&r->s))
            return false;
    }
    return !r->s.error;
}

static uint32_t new_article(reader *r)
{
    cq_article *a = qg_vec_push(&r->c->articles);
    if (!a) {
        qg_js_fail(&r->s, "out of memory");
        return CQ_NONE;
    }
    memset(a, 0, sizeof *a);
    a->chars = -1;
    a->outlet_ent = CQ_NONE;
    return (uint32_t)(r->c->articles.count - 1);
}

/* One atom of a merge document's "articles" array. */
static bool read_atom(reader *r)
{
    uint32_t ai = new_article(r);
    if (ai == CQ_NONE)
        return false;
    uint32_t q0 = (uint32_t)r->c->quotes.count;
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        char k[16];
        snprintf(k, sizeof k, "%s", r->key.data);
        bool handled;
        if (!strcmp(k, "quotes")) {
            if (!read_quotes(r, ai, true))
                return false;
            continue;
        }
        if (!read_meta_key(r, &r->c->articles.items[ai], k, &handled))
            return false;
        if (!handled && !qg_js_skip(&r->s))
            return false;
    }
    if (r->s.error)
        return false;
    cq_article *a = &r->c->articles.items[ai];
    if (!a->id)
        return qg_js_fail(&r->s, "article without id");
    a->q0 = q0;
    a->nq = (uint32_t)(r->c->quotes.count - q0);
    return true;
}

static bool read_error_atom(reader *r)
{
    cq_error *e = qg_vec_push(&r->c->errors);
    if (!e)
        return qg_js_fail(&r->s, "out of memory");
    memset(e, 0, sizeof *e);
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        char k[16];
        snprintf(k, sizeof k, "%s", r->key.data);
        e = &r->c->errors.items[r->c->errors.count - 1];
        bool ok;
        if (!strcmp(k, "id"))
            ok = read_opt_str(r, &e->id);
        else if (!strcmp(k, "file"))
            ok = read_opt_str(r, &e->file);
        else if (!strcmp(k, "error"))
            ok = read_opt_str(r, &e->message);
        else if (!strcmp(k, "line"))
            ok = qg_js_take_null(&r->s) || (!r->s.error && read_int(r, &e->line));
        else
            ok = qg_js_skip(&r->s);
        if (!ok || r->s.error)
            return false;
    }
    if (r->s.error)
        return false;
    if (!r->c->errors.items[r->c->errors.count - 1].message)
        return qg_js_fail(&r->s, "error record without a message");
    return true;
}

/* The kinds of record, told apart by their keys. */
enum { REC_UNKNOWN, REC_EXTRACT, REC_ERROR, REC_CORPUS };

static bool read_record(reader *r, int *kind)
{
    qg_corpus *c = r->c;
    *kind = REC_UNKNOWN;
    uint32_t ai = CQ_NONE;
    bool have_doc = false, have_quotes = false, have_text = false;
    const char *err_id = NULL, *err_file = NULL, *err_msg = NULL;
    int64_t err_line = 0;
    bool have_err = false, have_atoms = false;
    if (!qg_js_obj_begin(&r->s))
        return false;
    for (int it = 0; qg_js_obj_next(&r->s, &it, &r->key);) {
        char k[32];
        snprintf(k, sizeof k, "%s", r->key.data);
        bool ok = true;
        if (!strcmp(k, "quotegraph_corpus")) {
            *kind = REC_CORPUS;
            ok = qg_js_skip(&r->s);
        } else if (!strcmp(k, "articles")) {
            have_atoms = true;
            ok = qg_js_arr_begin(&r->s);
            for (int jt = 0; ok && qg_js_arr_next(&r->s, &jt);)
                ok = read_atom(r);
            ok = ok && !r->s.error;
        } else if (!strcmp(k, "errors")) {
            have_atoms = true;
            ok = qg_js_arr_begin(&r->s);
            for (int jt = 0; ok && qg_js_arr_next(&r->s, &jt);)
                ok = read_error_atom(r);
            ok = ok && !r->s.error;
        } else if (!strcmp(k, "document") && *kind != REC_CORPUS) {
            if (ai == CQ_NONE && (ai = new_article(r)) == CQ_NONE)
                return false;
            ok = read_document(r, &c->articles.items[ai]);
            have_doc = true;
        } else if (!strcmp(k, "quotes") && *kind != REC_CORPUS) {
            if (ai == CQ_NONE && (ai = new_article(r)) == CQ_NONE)
                return false;
            c->articles.items[ai].q0 = (uint32_t)c->quotes.count;
            ok = read_quotes(r, ai, false);
            c->articles.items[ai].nq = (uint32_t)(c->quotes.count - c->articles.items[ai].q0);
            have_quotes = true;
        } else if (!strcmp(k, "entities") && *kind != REC_CORPUS) {
            ok = read_entities(r);
        } else if (!strcmp(k, "error") && *kind != REC_CORPUS) {
            ok = read_opt_str(r, &err_msg);
            have_err = true;
        } else if (!strcmp(k, "id") && *kind != REC_CORPUS) {
            ok = qg_js_peek(&r->s) == '"' || qg_js_peek(&r->s) == 'n' ? read_opt_str(r, &err_id)
                                                                      : qg_js_skip(&r->s);
        } else if (!strcmp(k, "file") && *kind != REC_CORPUS) {
            ok = qg_js_peek(&r->s) == '"' || qg_js_peek(&r->s) == 'n' ? read_opt_str(r, &err_file)
                                                                      : qg_js_skip(&r->s);
        } else if (!strcmp(k, "line") && *kind != REC_CORPUS) {
            ok = qg_js_take_null(&r->s) || (!r->s.error && read_int(r, &err_line));
        } else {
            have_text |= !strcmp(k, "text");
            ok = qg_js_skip(&r->s);
        }
        if (!ok || r->s.error)
            return false;
    }
    if (r->s.error)
        return false;
    if (have_atoms && *kind != REC_CORPUS)
        return qg_js_fail(&r->s, "\"articles\" or \"errors\" outside a merge document");
    if (*kind == REC_CORPUS) {
        if (ai != CQ_NONE)
            return qg_js_fail(&r->s, "a merge document holds no extract record");
        return true;
    }
    if (have_err && !have_doc && !have_quotes) {
        if (!err_msg)
            return qg_js_fail(&r->s, "error record without a message");
        cq_error *e = qg_vec_push(&c->errors);
        if (!e)
            return qg_js_fail(&r->s, "out of memory");
        e->id = err_id;
        e->file = err_file;
        e->line = err_line;
        e->message = err_msg;
        *kind = REC_ERROR;
        return true;
    }
    if (!have_doc && !have_quotes && have_text)
        return qg_js_fail(&r->s, "an article, not a record (run quotegraph extract on the "
                                 "articles first, then merge its output)");
    if (!have_doc || !have_quotes)
        return qg_js_fail(&r->s, "not a quotegraph record (no \"document\" and \"quotes\", "
                                 "no \"error\", no \"quotegraph_corpus\")");
    cq_article *a = &c->articles.items[ai];
    if (!a->id)
        return qg_js_fail(&r->s, "document without id");
    if (r->sp_entity.count != a->nq)
        return qg_js_fail(&r->s, "inconsistent record");
    /* the kind of the organisation each speaker speaks for, from the entity table */
    for (uint32_t i = 0; i < a->nq; i++) {
        cq_quote *q = &c->quotes.items[a->q0 + i];
        if (!q->has_speaker)
            continue;
        const struct ent_ref *e = find_ent(r, r->sp_entity.items[i]);
        if (e && e->kind && !strcmp(e->kind, "anonymous"))
            q->sp_kind = "anonymous";
        if (!q->sp_org)
            continue;
        const struct ent_ref *org = e ? find_ent(r, e->aff) : NULL;
        if (org && org->kind)
            q->sp_org_kind = org->kind;
        else if (!strcmp(q->sp_org, q->sp_name))
            q->sp_org_kind = q->sp_kind; /* an organisation speaking for itself */
        else
            q->sp_org_kind = "organization";
    }
    *kind = REC_EXTRACT;
    return true;
}

/* Keep one copy per article id: the one whose canonical JSON sorts first. */
static qg_status commit(qg_corpus *c, size_t a_from, qg_error *err)
{
    qg_strbuf x = QG_STRBUF_INIT, y = QG_STRBUF_INIT;
    qg_status st = QG_OK;
    uint32_t record = (uint32_t)c->records + 1;
    for (size_t i = a_from; i < c->articles.count; i++)
        c->articles.items[i].record = c->articles.items[i].first_record = record;
    for (size_t i = a_from; i < c->articles.count; i++) {
        cq_article *a = &c->articles.items[i];
        uint32_t prev = qg_smap_put(&c->by_id, a->id, strlen(a->id), (uint32_t)i);
        if (prev == CQ_NONE) {
            st = QG_OOM(err);
            break;
        }
        if (prev == i)
            continue;
        a->first_record = c->articles.items[prev].first_record;
        x.len = y.len = 0;
        qg_corpus_atom_json(&x, c, &c->articles.items[prev], false);
        qg_corpus_atom_json(&y, c, a, false);
        if (x.failed || y.failed) {
            st = QG_OOM(err);
            break;
        }
        size_t n = x.len < y.len ? x.len : y.len;
        int cmp = memcmp(x.data, y.data, n);
        if (!cmp)
            cmp = x.len < y.len ? -1 : x.len > y.len;
        qg_corpus_repeat *rep = qg_vec_push(&c->repeats);
        if (!rep) {
            st = QG_OOM(err);
            break;
        }
        *rep = (qg_corpus_repeat){a->id, a->first_record, record, cmp != 0};
        if (cmp != 0) {
            if (c->duplicates < QG_CORPUS_MAX_DUPLICATE_IDS)
                c->duplicate_ids[c->duplicates] = a->id;
            c->duplicates++;
        }
        if (cmp <= 0) {
            a->dead = true;
        } else {
            c->articles.items[prev].dead = true;
            qg_smap_set(&c->by_id, a->id, strlen(a->id), (uint32_t)i);
        }
    }
    qg_strbuf_dispose(&x);
    qg_strbuf_dispose(&y);
    return st;
}

qg_status qg_corpus_add(qg_corpus *c, const char *json, size_t len, qg_error *err)
{
    if (c->built)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "corpus already built");
    reader r = {.c = c};
    r.key = (qg_strbuf)QG_STRBUF_INIT;
    r.val = (qg_strbuf)QG_STRBUF_INIT;
    size_t a0 = c->articles.count, q0 = c->quotes.count, e0 = c->errors.count;
    qg_js_init(&r.s, json, len);
    int kind;
    bool ok = read_record(&r, &kind);
    if (ok && !qg_js_at_end(&r.s))
        ok = qg_js_fail(&r.s, "text after the JSON value");
    qg_status st = QG_OK;
    if (!ok) {
        if (r.s.error && !strcmp(r.s.error, "out of memory"))
            st = QG_OOM(err);
        else
            st = qg_error_set(err, QG_EINPUT, r.s.error_at, "%s at byte %zu",
                              r.s.error ? r.s.error : "invalid record", r.s.error_at + 1);
        c->articles.count = a0;
        c->quotes.count = q0;
        c->errors.count = e0;
    } else {
        st = commit(c, a0, err);
        if (st == QG_OK)
            c->records++;
    }
    clear_refs(&r);
    qg_vec_free(&r.ents);
    qg_vec_free(&r.sp_entity);
    qg_strbuf_dispose(&r.key);
    qg_strbuf_dispose(&r.val);
    return st;
}

const char *qg_corpus_duplicate_id(const qg_corpus *c, size_t i)
{
    return c && i < c->duplicates && i < QG_CORPUS_MAX_DUPLICATE_IDS ? c->duplicate_ids[i] : NULL;
}

size_t qg_corpus_repeat_count(const qg_corpus *c)
{
    return c ? c->repeats.count : 0;
}

const qg_corpus_repeat *qg_corpus_repeat_get(const qg_corpus *c, size_t i)
{
    return c && i < c->repeats.count ? &c->repeats.items[i] : NULL;
}
