/* A pull scanner for JSON (RFC 8259) over a byte buffer, for reading merge input fast: it
 * decodes only the values asked for and skips (while still validating) the rest, without
 * building a tree. jansson reads about 30 MB/s of extract records; this reads several hundred.
 *
 * Usage:
 *     qg_jscan s; qg_js_init(&s, buf, len);
 *     if (qg_js_obj_begin(&s))
 *         for (int it = 0; qg_js_obj_next(&s, &it, &key);) { ... read or qg_js_skip() ... }
 *     if (s.error) ...
 * Every call returns false once s.error is set (the first error is kept, with its offset). */
#ifndef QG_CORPUS_JSCAN_H
#define QG_CORPUS_JSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/strbuf.h"

#define QG_JS_MAX_DEPTH 256

typedef struct qg_jscan {
    const char *start, *p, *end;
    const char *error; /* static message, or NULL */
    size_t error_at;   /* byte offset of the error */
    int depth;
} qg_jscan;

void qg_js_init(qg_jscan *s, const char *buf, size_t len);
/* Next significant byte (white space skipped), or -1 at the end. Does not consume. */
int qg_js_peek(qg_jscan *s);
bool qg_js_fail(qg_jscan *s, const char *message);
/* True when only white space is left. */
bool qg_js_at_end(qg_jscan *s);

bool qg_js_obj_begin(qg_jscan *s);
/* Next key of the object being read (decoded into key); false at '}' or on error.
 * *it must start at 0. */
bool qg_js_obj_next(qg_jscan *s, int *it, qg_strbuf *key);
bool qg_js_arr_begin(qg_jscan *s);
/* True when another element follows; false at ']' or on error. *it must start at 0. */
bool qg_js_arr_next(qg_jscan *s, int *it);

/* A string, decoded (escapes, surrogate pairs) and checked to be valid UTF-8, into out
 * (replacing its contents). \u0000 is refused. */
bool qg_js_string(qg_jscan *s, qg_strbuf *out);
/* A string or null: *is_null tells which. */
bool qg_js_string_or_null(qg_jscan *s, qg_strbuf *out, bool *is_null);
bool qg_js_number(qg_jscan *s, double *out);
/* The end of the JSON number (RFC 8259 grammar) that starts at p, below end; NULL when the
 * bytes at p are not one. Reads nothing past the number. */
const char *qg_js_number_end(const char *p, const char *end);
/* Consume a null if the next value is one. */
bool qg_js_take_null(qg_jscan *s);
/* Skip any value, validating it. */
bool qg_js_skip(qg_jscan *s);

#endif
