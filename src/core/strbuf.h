/* A growable NUL-terminated byte string for building names and output. */
#ifndef QG_CORE_STRBUF_H
#define QG_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct qg_strbuf {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len, cap;
    bool failed; /* an allocation failed; contents are truncated */
} qg_strbuf;

#define QG_STRBUF_INIT {NULL, 0, 0, false}

void qg_strbuf_append(qg_strbuf *sb, const char *s, size_t len);
void qg_strbuf_puts(qg_strbuf *sb, const char *s);
void qg_strbuf_printf(qg_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take the string out (caller frees with free()); the buffer becomes empty. Never NULL unless
 * allocation failed. */
char *qg_strbuf_take(qg_strbuf *sb);
void qg_strbuf_dispose(qg_strbuf *sb);

#endif
