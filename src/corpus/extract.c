/* The map step: one JSON Lines article in, one extract record out (docs/corpus.md).
 * The record is the document JSON of analyze, written by export/ (qg_export_record: the same
 * writer, with the article's metadata at the start of "document"), so the two formats cannot
 * drift apart. */
#define _GNU_SOURCE /* fopencookie (glibc); open_memstream elsewhere */
#include <quotegraph/corpus.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <quotegraph/analyze.h>
#include <quotegraph/doc.h>
#include <quotegraph/export.h>
#include <quotegraph/graph.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "corpus_internal.h"
#include "jscan.h"

void qg_extract_free(char *s)
{
    free(s);
}

#ifdef __GLIBC__
/* fopencookie() write function: append to the qg_strbuf cookie; 0 (glibc's error) when memory
 * runs out. */
static ssize_t sink_write(void *cookie, const char *data, size_t size)
{
    qg_strbuf *sb = cookie;
    qg_strbuf_append(sb, data, size);
    return sb->failed ? 0 : (ssize_t)size;
}
#endif

/* The extract record of one document: the compact document JSON with the metadata at the start
 * of "document", in a malloc'd buffer without the final newline. With glibc the record is
 * written through a FILE that appends to a qg_strbuf (open_memstream zeroes every buffer it
 * grows to, about 1.5 % of extract's instructions). */
static qg_status record_json(char **buf, size_t *len, const char *text, size_t text_len,
                             const qg_extract_meta *meta, const qg_model *model, qg_error *err)
{
    qg_doc *doc = NULL;
    qg_graph *graph = NULL;
    *buf = NULL;
    *len = 0;
    qg_status st = qg_doc_decode(&doc, text, text_len, meta->id, err);
    if (st == QG_OK)
        st = qg_analyze(doc, model, err);
    if (st == QG_OK)
        st = qg_graph_build(&graph, doc, err);
    if (st == QG_OK) {
#ifdef __GLIBC__
        qg_strbuf sink = QG_STRBUF_INIT;
        cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};
        FILE *fp = fopencookie(&sink, "w", io);
#else
        FILE *fp = open_memstream(buf, len);
#endif
        if (!fp) {
            st = QG_OOM(err);
        } else {
            qg_export_meta m = {meta->id,     meta->url,       meta->title,
                                meta->outlet, meta->published, meta->author};
            st = qg_export_record(fp, doc, graph, &m, err);
            if (st == QG_OK && ferror(fp))
                st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(errno));
            if (fclose(fp) != 0 && st == QG_OK)
                st = QG_OOM(err);
#ifdef __GLIBC__
            qg_strbuf_append(&sink, "", 0); /* a buffer even when nothing was written */
            if (sink.failed && st == QG_OK)
                st = QG_OOM(err);
            *buf = sink.data;
            *len = sink.len;
#endif
            if (st == QG_EINPUT) /* U+0000 in a string: JSON readers of records refuse it */
                st =
                    qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "cannot read back the document JSON");
        }
    }
    qg_graph_free(graph);
    qg_doc_free(doc);
    if (st != QG_OK) {
        free(*buf);
        *buf = NULL;
        *len = 0;
    } else if (*len > 0 && (*buf)[*len - 1] == '\n') {
        (*buf)[--*len] = '\0';
    }
    return st;
}

qg_status qg_extract_article(char **out, size_t *out_len, const char *text, size_t len,
                             const qg_extract_meta *meta, const qg_model *model, qg_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (len > QG_MAX_TEXT)
        return qg_error_set(err, QG_EINPUT, QG_NO_OFFSET,
                            "text of %zu bytes is over the supported size of %zu bytes", len,
                            QG_MAX_TEXT);
    return record_json(out, out_len, text, len, meta, model, err);
}

/* The value at a field name or dotted path ("x_meta.publisher"): an exact key first. */
static json_t *field_at(json_t *obj, const char *path)
{
    json_t *v = json_object_get(obj, path);
    if (v || !strchr(path, '.'))
        return v;
    char part[256];
    const char *p = path;
    while (json_is_object(obj)) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        obj = json_object_get(obj, part);
        if (!dot)
            return obj;
        p = dot + 1;
    }
    return NULL;
}

static char *dup_without_nul(const char *s, size_t len);

/* Metadata: a string as given, a number as its JSON text, anything else absent. */
static char *meta_of(json_t *root, const char *path)
{
    json_t *v = field_at(root, path);
    if (json_is_string(v))
        return dup_without_nul(json_string_value(v), json_string_length(v));
    if (json_is_number(v))
        return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    return NULL;
}

/* The value of one wanted field read by the fast path (flat_read): absent, a string (decoded),
 * an integer (its JSON text, which is also what jansson writes for it), null, true or false. */
enum flat_kind { FLAT_ABSENT = 0, FLAT_STRING, FLAT_INT, FLAT_NULL, FLAT_BOOL, FLAT_NESTED };
enum { FLAT_ID, FLAT_TEXT, FLAT_URL, FLAT_TITLE, FLAT_OUTLET, FLAT_PUBLISHED, FLAT_AUTHOR, FLAT_N };
typedef struct flat_value {
    enum flat_kind kind;
    qg_strbuf s; /* FLAT_STRING: the decoded string; FLAT_INT: the literal */
} flat_value;

/* Length of an integer literal at p that jansson reads exactly and writes back unchanged
 * ("0", "-12", at most 18 digits, no leading zero, not "-0"), followed by a byte that cannot
 * continue a number; 0 for any other number (a real, an exponent, a larger integer). */
static size_t plain_int_len(const char *p, const char *end)
{
    const char *q = p;
    if (q < end && *q == '-')
        q++;
    const char *d = q;
    while (q < end && *q >= '0' && *q <= '9')
        q++;
    size_t digits = (size_t)(q - d);
    if (digits == 0 || digits > 18 || (digits > 1 && *d == '0') || (digits == 1 && *d == '0' && d > p))
        return 0;
    if (q < end && (*q == '.' || *q == 'e' || *q == 'E'))
        return 0;
    return (size_t)(q - p);
}

/* Length of a number at p that is not an integer (a fraction or an exponent) and that strtod()
 * reads as a finite value, as jansson accepts it (it refuses reals that overflow); 0 otherwise
 * (and for anything that is not a JSON number). */
static size_t finite_real_len(const char *p, const char *end)
{
    const char *q = qg_js_number_end(p, end);
    size_t n = q ? (size_t)(q - p) : 0;
    /* a fraction or an exponent makes it a real */
    bool real = n && (memchr(p, '.', n) || memchr(p, 'e', n) || memchr(p, 'E', n));
    char buf[64];
    if (!real || n >= sizeof buf)
        return 0;
    memcpy(buf, p, n);
    buf[n] = '\0';
    double d = strtod(buf, NULL);
    return d < HUGE_VAL && d > -HUGE_VAL ? n : 0;
}

/* Skip a member's value that flat_read does not keep, validating it as the scanner does and
 * refusing (false) what jansson might read otherwise: integers that are not plain_int_len()
 * ones, reals that are not finite_real_len() ones, nesting deeper than 32. */
static bool flat_skip(qg_jscan *s, int depth)
{
    int c = qg_js_peek(s);
    if (c == '"' || c == 't' || c == 'f' || c == 'n')
        return qg_js_skip(s);
    if (c == '-' || (c >= '0' && c <= '9'))
        return (plain_int_len(s->p, s->end) || finite_real_len(s->p, s->end)) && qg_js_skip(s);
    if (depth >= 32)
        return false;
    int it = 0;
    if (c == '{') {
        if (!qg_js_obj_begin(s))
            return false;
        while (qg_js_obj_next(s, &it, NULL)) /* keys validated, not decoded */
            if (!flat_skip(s, depth + 1))
                return false;
        return !s->error;
    }
    if (c == '[') {
        if (!qg_js_arr_begin(s))
            return false;
        while (qg_js_arr_next(s, &it))
            if (!flat_skip(s, depth + 1))
                return false;
        return !s->error;
    }
    return false;
}

/* Read line as a JSON object with the JSON scanner, keeping the members named in names[FLAT_N]
 * when they are strings, integers, true, false or null (the last of a repeated key, as jansson
 * keeps) and skipping the others (flat_skip). Returns false when the line is anything else, or is not valid JSON: the
 * caller then reads it with jansson, which gives the same values for every line this accepts
 * and the error messages for the others. vals[] must be zeroed; the caller disposes of the
 * strbufs either way. */
static bool flat_read(flat_value vals[FLAT_N], const char *const names[FLAT_N], const char *line,
                      size_t len)
{
    qg_jscan s;
    qg_strbuf key = QG_STRBUF_INIT;
    bool ok = false;
    qg_js_init(&s, line, len);
    if (qg_js_peek(&s) != '{' || !qg_js_obj_begin(&s))
        goto done;
    for (int it = 0; qg_js_obj_next(&s, &it, &key);) {
        flat_value *v = NULL;
        for (int f = 0; f < FLAT_N; f++) {
            if (key.len == strlen(names[f]) && memcmp(key.data, names[f], key.len) == 0) {
                v = &vals[f];
                break;
            }
        }
        int c = qg_js_peek(&s);
        enum flat_kind kind;
        if (c == '"') {
            kind = FLAT_STRING;
            if (!qg_js_string(&s, v ? &v->s : NULL)) /* validated; decoded when kept */
                goto done;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t n = plain_int_len(s.p, s.end);
            if (!n && !(!v && finite_real_len(s.p, s.end)))
                goto done; /* a number jansson may read otherwise (a big integer), or a real
                              the record would use */
            kind = n ? FLAT_INT : FLAT_NESTED;
            if (v) {
                v->s.len = 0;
                qg_strbuf_append(&v->s, s.p, n);
            }
            if (!qg_js_skip(&s))
                goto done;
        } else if (c == 'n' || c == 't' || c == 'f') {
            kind = c == 'n' ? FLAT_NULL : FLAT_BOOL;
            if (!qg_js_skip(&s))
                goto done;
        } else if ((c == '{' || c == '[') && !v) {
            kind = FLAT_NESTED; /* a member the record does not use ("quotes": [...]) */
            if (!flat_skip(&s, 0))
                goto done;
        } else {
            goto done; /* a wanted field that is an object, array or real (or an error) */
        }
        if (v) {
            v->kind = kind;
            if (v->s.failed)
                goto done;
        }
        /* the same key under several wanted names: each gets the value */
        for (int f = 0; v && f < FLAT_N; f++)
            if (&vals[f] != v && key.len == strlen(names[f]) &&
                memcmp(key.data, names[f], key.len) == 0) {
                vals[f].kind = kind;
                vals[f].s.len = 0;
                qg_strbuf_append(&vals[f].s, v->s.data ? v->s.data : "", v->s.len);
                if (vals[f].s.failed)
                    goto done;
            }
    }
    ok = !s.error && qg_js_at_end(&s);
done:
    qg_strbuf_dispose(&key);
    return ok;
}

/* A copy of s[0..len) with each NUL byte (\u0000 in JSON) as U+FFFD, as the text gets it: an id
 * or a metadata value must not end at an embedded NUL ("a\u0000b" and "a\u0000c" are two ids).
 * Caller frees; NULL when out of memory. */
static char *dup_without_nul(const char *s, size_t len)
{
    size_t nuls = 0;
    for (size_t i = 0; i < len; i++)
        nuls += s[i] == '\0';
    char *out = malloc(len + 2 * nuls + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\0') {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* Free the fields of meta that flat_meta() or meta_of() copied (all but the id). */
static void free_meta_fields(qg_extract_meta *meta)
{
    free((char *)meta->url);
    free((char *)meta->title);
    free((char *)meta->outlet);
    free((char *)meta->published);
    free((char *)meta->author);
}

/* A metadata value read by flat_read, as meta_of() gives it. */
static char *flat_meta(const flat_value *v)
{
    return v->kind == FLAT_STRING || v->kind == FLAT_INT
               ? dup_without_nul(v->s.data ? v->s.data : "", v->s.data ? v->s.len : 0)
               : NULL;
}

/* qg_extract_json_line() for a line flat_read() accepted: the same checks, messages and
 * record as the jansson path below, member for member. */
static qg_status extract_flat(char **out, size_t *out_len, char **id_out, flat_value *vals,
                              const qg_extract_fields *f, const qg_model *model, qg_error *err)
{
    qg_status st = QG_OK;
    char *id = NULL;
    qg_extract_meta meta = {0};
    const flat_value *idv = &vals[FLAT_ID], *text = &vals[FLAT_TEXT];
    const char *text_s = text->s.data ? text->s.data : "";
    if (idv->kind == FLAT_STRING || idv->kind == FLAT_INT) {
        id = dup_without_nul(idv->s.data ? idv->s.data : "", idv->s.data ? idv->s.len : 0);
    } else if (idv->kind != FLAT_ABSENT && idv->kind != FLAT_NULL) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "field '%s' is not a string or integer",
                          f->id);
        goto done;
    } else if (text->kind == FLAT_STRING) {
        char buf[32];
        uint64_t h = qg_fnv1a64(text_s, text->s.len);
        snprintf(buf, sizeof buf, "text-%016" PRIx64, h);
        id = strdup(buf);
    }
    if (idv->kind != FLAT_ABSENT && !id) {
        st = QG_OOM(err);
        goto done;
    }
    if (id_out && id)
        *id_out = strdup(id);
    if (text->kind == FLAT_ABSENT) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "no text field '%s'", f->text);
        goto done;
    }
    if (text->kind != FLAT_STRING) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "field '%s' is not a string", f->text);
        goto done;
    }
    if (!id) {
        st = QG_OOM(err);
        goto done;
    }
    meta.id = id;
    meta.url = flat_meta(&vals[FLAT_URL]);
    meta.title = flat_meta(&vals[FLAT_TITLE]);
    meta.outlet = flat_meta(&vals[FLAT_OUTLET]);
    meta.published = flat_meta(&vals[FLAT_PUBLISHED]);
    meta.author = flat_meta(&vals[FLAT_AUTHOR]);
    st = qg_extract_article(out, out_len, text_s, text->s.len, &meta, model, err);
done:
    free(id);
    free_meta_fields(&meta);
    return st;
}

qg_status qg_extract_json_line(char **out, size_t *out_len, char **id_out, const char *line,
                               size_t len, const qg_extract_fields *fields, const qg_model *model,
                               qg_error *err)
{
    static const qg_extract_fields defaults = {"id",     "text",      "url",   "title",
                                               "outlet", "published", "author"};
    qg_extract_fields f = fields ? *fields : defaults;
    f.id = f.id ? f.id : defaults.id;
    f.text = f.text ? f.text : defaults.text;
    f.url = f.url ? f.url : defaults.url;
    f.title = f.title ? f.title : defaults.title;
    f.outlet = f.outlet ? f.outlet : defaults.outlet;
    f.published = f.published ? f.published : defaults.published;
    f.author = f.author ? f.author : defaults.author;
    *out = NULL;
    *out_len = 0;
    if (id_out)
        *id_out = NULL;

    /* the fast path: a flat object read by the JSON scanner (no tree); field paths with a dot
     * ("x_meta.publisher") and anything else go to jansson */
    const char *const names[FLAT_N] = {f.id,     f.text,      f.url,   f.title,
                                       f.outlet, f.published, f.author};
    bool dotted = false;
    for (int i = 0; i < FLAT_N; i++)
        dotted = dotted || strchr(names[i], '.') != NULL;
    if (!dotted) {
        flat_value vals[FLAT_N];
        memset(vals, 0, sizeof vals);
        bool flat = flat_read(vals, names, line, len);
        qg_status fst = QG_OK;
        if (flat)
            fst = extract_flat(out, out_len, id_out, vals, &f, model, err);
        for (int i = 0; i < FLAT_N; i++)
            qg_strbuf_dispose(&vals[i].s);
        if (flat)
            return fst;
    }

    json_error_t jerr;
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!root)
        return qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "invalid JSON at column %d: %s",
                            jerr.column, jerr.text);
    qg_status st = QG_OK;
    char *id = NULL;
    qg_extract_meta meta = {0};
    if (!json_is_object(root)) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "not a JSON object");
        goto done;
    }
    json_t *idv = field_at(root, f.id);
    json_t *text = field_at(root, f.text);
    if (json_is_string(idv)) {
        id = dup_without_nul(json_string_value(idv), json_string_length(idv));
    } else if (json_is_integer(idv)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(idv));
        id = strdup(buf);
    } else if (idv && !json_is_null(idv)) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "field '%s' is not a string or integer",
                          f.id);
        goto done;
    } else if (json_is_string(text)) {
        char buf[32];
        uint64_t h = qg_fnv1a64(json_string_value(text), json_string_length(text));
        snprintf(buf, sizeof buf, "text-%016" PRIx64, h);
        id = strdup(buf);
    }
    if (idv && !id) {
        st = QG_OOM(err);
        goto done;
    }
    if (id_out && id)
        *id_out = strdup(id);
    if (!text) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "no text field '%s'", f.text);
        goto done;
    }
    if (!json_is_string(text)) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "field '%s' is not a string", f.text);
        goto done;
    }
    if (!id) {
        st = QG_OOM(err);
        goto done;
    }
    meta.id = id;
    meta.url = meta_of(root, f.url);
    meta.title = meta_of(root, f.title);
    meta.outlet = meta_of(root, f.outlet);
    meta.published = meta_of(root, f.published);
    meta.author = meta_of(root, f.author);
    st = qg_extract_article(out, out_len, json_string_value(text), json_string_length(text), &meta,
                            model, err);
done:
    free(id);
    free_meta_fields(&meta);
    json_decref(root);
    return st;
}

char *qg_extract_error_record(const char *id, const char *file, unsigned long long line,
                              const char *message)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", id ? json_string(id) : json_null());
    json_object_set_new(o, "file", file ? json_string(file) : json_null());
    json_object_set_new(o, "line", line ? json_integer((json_int_t)line) : json_null());
    /* messages may quote invalid input; jansson refuses invalid UTF-8, so keep ASCII then */
    json_t *m = json_string(message);
    if (!m) {
        size_t n = strlen(message);
        char *ascii = malloc(n + 1);
        if (ascii) {
            for (size_t i = 0; i < n; i++)
                ascii[i] = (unsigned char)message[i] < 0x80 ? message[i] : '?';
            ascii[n] = '\0';
            m = json_string(ascii);
            free(ascii);
        }
    }
    json_object_set_new(o, "error", m ? m : json_string("error"));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}
