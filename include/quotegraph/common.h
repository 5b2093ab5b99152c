/**
 * @file common.h
 * Status codes, error records and byte spans shared by every quotegraph module.
 *
 * Conventions used throughout the public API:
 * - Every fallible function returns a ::qg_status and takes a `qg_error *err` last (NULL allowed).
 * - Offsets are bytes into the decoded UTF-8 text of a document unless a name says otherwise.
 * - The library never prints and never exits.
 */
#ifndef QUOTEGRAPH_COMMON_H
#define QUOTEGRAPH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define QG_API __attribute__((visibility("default")))
#else
#define QG_API
#endif

/** Version of the library and of its JSON output ("quotegraph_version"). */
#define QG_VERSION_STRING "0.1.0"

/**
 * Largest accepted article in bytes (64 MiB), before and after decoding; larger input gives
 * QG_EINPUT. The analysis holds about 30 bytes of memory per input byte (tokens, entities, the
 * JSON tree), so 64 MiB needs about 2 GB; news articles are under 1 MiB. ICU's int32_t
 * indices would allow up to INT32_MAX. See docs/performance.md.
 */
#define QG_MAX_TEXT ((size_t)64 << 20)

/** Result of a fallible call. Negative values are failures. */
typedef enum qg_status {
    QG_OK = 0,
    QG_ERROR = -1,  /**< failure with no more specific code; see qg_error.message */
    QG_ENOMEM = -2, /**< an allocation failed */
    QG_EIO = -3,    /**< read or write failed; qg_error.sys_errno holds errno */
    QG_EINPUT = -4, /**< input rejected: larger than QG_MAX_TEXT, not text */
    QG_EMODEL = -5, /**< model file missing, unreadable or of the wrong format version */
    QG_EINVAL = -6, /**< the caller passed an invalid option value */
} qg_status;

#define QG_NO_OFFSET SIZE_MAX

/** Error record filled by a failing call. Owned by the caller (usually on the stack). */
typedef struct qg_error {
    qg_status status;
    int sys_errno;     /**< errno for QG_EIO, else 0 */
    size_t offset;     /**< source byte offset the error refers to, or QG_NO_OFFSET */
    char message[200]; /**< one line: lower-case start, no final period */
} qg_error;

#define QG_ERROR_INIT {QG_OK, 0, QG_NO_OFFSET, ""}

/** Static description of a status code; never NULL. */
QG_API const char *qg_status_str(qg_status st);

/**
 * Half-open byte range [begin, end) into the decoded text of a document
 * (qg_doc_text()). Both ends fall on code point boundaries.
 */
typedef struct qg_span {
    size_t begin; /**< bytes from the start of the text */
    size_t end;   /**< bytes; one past the last byte; begin == end is empty */
} qg_span;

static inline size_t qg_span_len(qg_span s)
{
    return s.end - s.begin;
}

/**
 * Library start-up: installs igraph's non-aborting error handler, a quiet warning
 * handler and the C attribute table. Call once, before any thread starts.
 * Calling it again is harmless.
 */
QG_API void qg_init(void);

#ifdef __cplusplus
}
#endif
#endif
