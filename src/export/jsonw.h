/* A streaming JSON writer that writes the same bytes as jansson's json_dumpf() of the tree the
 * same calls would have built (json_object_set_new / json_array_append_new in call order), with
 * JSON_REAL_PRECISION(6) and either JSON_COMPACT or JSON_INDENT(n). Nothing is kept per value:
 * memory does not grow with the output.
 *
 * Where jansson would refuse a value (json_string(NULL), a string that is not valid UTF-8), the
 * tree would lack that member or element; the writer leaves it out the same way. Strings are
 * escaped as jansson's dump_string() does without JSON_ENSURE_ASCII and JSON_ESCAPE_SLASH
 * (tests/unit/test_jsonw.c compares the two on every byte value and on random strings). */
#ifndef QG_EXPORT_JSONW_H
#define QG_EXPORT_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define QG_JW_MAX_DEPTH 32
#define QG_JW_BUF 16384

typedef struct qg_jw {
    FILE *fp;                      /* borrowed; written in blocks of QG_JW_BUF bytes */
    int indent;                    /* spaces per level; 0: compact (JSON_COMPACT) */
    int depth;                     /* open containers */
    size_t count[QG_JW_MAX_DEPTH]; /* members written in each open container */
    bool failed;                   /* a write failed (errno is set), or the nesting was too deep */
    bool wrote_nul;                /* some string held U+0000 (written as \u0000) */
    size_t len;
    char buf[QG_JW_BUF];
} qg_jw;

/* Start writing to fp; indent 0 writes compact JSON. */
void qg_jw_init(qg_jw *w, FILE *fp, int indent);
/* Write out what is buffered; false when a write failed (errno set) or the writer failed. */
bool qg_jw_flush(qg_jw *w);

/* Containers. key: the member name inside an object, NULL inside an array or at the top; every
 * function's key is written as it is: printable ASCII without '"' or '\\' (the exporter's own
 * names). Each function is a macro over a _k function that takes the key's length too
 * (qg_jw_klen, inline: strlen is a builtin, so a literal's length is known when compiling). */
static inline size_t qg_jw_klen(const char *key)
{
    return key ? strlen(key) : 0;
}
#define QG_JW_KLEN(key) qg_jw_klen(key)
void qg_jw_begin_object_k(qg_jw *w, const char *key, size_t klen);
void qg_jw_end_object(qg_jw *w);
void qg_jw_begin_array_k(qg_jw *w, const char *key, size_t klen);
void qg_jw_end_array(qg_jw *w);
#define qg_jw_begin_object(w, key) qg_jw_begin_object_k((w), (key), QG_JW_KLEN(key))
#define qg_jw_begin_array(w, key) qg_jw_begin_array_k((w), (key), QG_JW_KLEN(key))

/* Values. A NULL s, or s[0, len) that is not valid UTF-8, writes nothing (as jansson leaves
 * out a member whose json_string() failed). */
void qg_jw_string_k(qg_jw *w, const char *key, size_t klen, const char *s);
void qg_jw_stringn_k(qg_jw *w, const char *key, size_t klen, const char *s, size_t len);
/* A string of a prefix character and a number: "q12", "e3". */
void qg_jw_prefixed_id_k(qg_jw *w, const char *key, size_t klen, char prefix, size_t n);
void qg_jw_int_k(qg_jw *w, const char *key, size_t klen, long long v);
/* A real as jansson writes it with JSON_REAL_PRECISION(6) ("%.6g", ".0" added to integers,
 * exponent without '+' or leading zeros); a non-finite value writes nothing. */
void qg_jw_real_k(qg_jw *w, const char *key, size_t klen, double v);
void qg_jw_bool_k(qg_jw *w, const char *key, size_t klen, bool v);
void qg_jw_null_k(qg_jw *w, const char *key, size_t klen);
#define qg_jw_string(w, key, s) qg_jw_string_k((w), (key), QG_JW_KLEN(key), (s))
#define qg_jw_stringn(w, key, s, len) qg_jw_stringn_k((w), (key), QG_JW_KLEN(key), (s), (len))
#define qg_jw_prefixed_id(w, key, prefix, n)                                                      \
    qg_jw_prefixed_id_k((w), (key), QG_JW_KLEN(key), (prefix), (n))
#define qg_jw_int(w, key, v) qg_jw_int_k((w), (key), QG_JW_KLEN(key), (v))
#define qg_jw_real(w, key, v) qg_jw_real_k((w), (key), QG_JW_KLEN(key), (v))
#define qg_jw_bool(w, key, v) qg_jw_bool_k((w), (key), QG_JW_KLEN(key), (v))
#define qg_jw_null(w, key) qg_jw_null_k((w), (key), QG_JW_KLEN(key))

/* The JSON string of s[0, len) (quotes included) appended to out (cap bytes; needs
 * 6 * len + 3); returns its length, or 0 when s is not valid UTF-8. For tests. */
size_t qg_jw_escape(char *out, const char *s, size_t len, bool *nul);

#endif
