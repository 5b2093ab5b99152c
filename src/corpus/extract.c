/* The map step: one JSON Lines article in, one extract record out (docs/corpus.md).
 * The record is the document JSON of analyze, written by export/ (qg_export_record: the same
 * writer, with the article's metadata at the start of "document"), so the two formats cannot
 * drift apart. */
#include <quotegraph/corpus.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <quotegraph/analyze.h>
#include <quotegraph/doc.h>
#include <quotegraph/export.h>
#include <quotegraph/graph.h>

#include "../core/error.h"
#include "corpus_internal.h"

void qg_extract_free(char *s)
{
    free(s);
}

/* The extract record of one document: the compact document JSON with the metadata at the start
 * of "document", in a malloc'd buffer without the final newline. */
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
        FILE *fp = open_memstream(buf, len);
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

/* Metadata: a string as given, a number as its JSON text, anything else absent. */
static char *meta_of(json_t *root, const char *path)
{
    json_t *v = field_at(root, path);
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_number(v))
        return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    return NULL;
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
        id = strdup(json_string_value(idv));
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
    free((char *)meta.url);
    free((char *)meta.title);
    free((char *)meta.outlet);
    free((char *)meta.published);
    free((char *)meta.author);
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
