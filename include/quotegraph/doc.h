/**
 * @file doc.h
 * A document: one article's text after decoding, and everything the pipeline
 * finds in it (paragraphs, sentences, quotes, entities, diagnostics).
 */
#ifndef QUOTEGRAPH_DOC_H
#define QUOTEGRAPH_DOC_H

#include <quotegraph/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque document. Created by qg_doc_decode(), freed by qg_doc_free(). */
typedef struct qg_doc qg_doc;

/**
 * A repair note or warning about the input. Not an error: the pipeline goes on.
 * Kinds: "invalid_utf8" (a byte sequence replaced with U+FFFD), "bom" (a byte order mark
 * dropped), "nul" (a NUL byte, replaced with U+FFFD), "binary" (one byte in ten or more is a
 * control byte or invalid UTF-8: a program, an image, UTF-16 without a BOM), "unclosed_quote" (a quotation mark never closed;
 * the quote ends at its paragraph's end).
 */
typedef struct qg_diagnostic {
    const char *kind;    /**< static string */
    size_t offset;       /**< byte offset into the decoded text */
    const char *message; /**< owned by the document */
} qg_diagnostic;

/**
 * Decode raw bytes into a new document.
 *
 * The bytes should be UTF-8. A leading UTF-8 byte order mark is skipped (kept in the text
 * so that offsets still point into the input as given, but never analysed). Every ill-formed
 * sequence (maximal subpart, as ICU's U8_NEXT defines it) is replaced with U+FFFD and noted in
 * the diagnostics; code point offsets then match Python's `bytes.decode("utf-8", "replace")`,
 * and qg_doc_source_offset() maps decoded byte offsets back to the input bytes.
 *
 * @param[out] out  Receives the document, owned by the caller (free with qg_doc_free()).
 * @param bytes     Input bytes (borrowed; copied). May be NULL when @p len is 0.
 * @param len       Input length in bytes. 0 gives an empty document.
 * @param id        Document id for the output (copied; ill-formed UTF-8 in it becomes U+FFFD, as a
 *                  file name may hold any bytes), or NULL for "doc".
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_EINPUT when @p len exceeds QG_MAX_TEXT or the bytes look like UTF-16
 *         or UTF-32 without a way to decode them; QG_ENOMEM.
 */
QG_API qg_status qg_doc_decode(qg_doc **out, const char *bytes, size_t len, const char *id,
                               qg_error *err);

/** Free a document and everything it owns. NULL is a no-op. */
QG_API void qg_doc_free(qg_doc *doc);

/** The decoded UTF-8 text (owned by @p doc, NUL-terminated); its length in bytes in @p len_out. */
QG_API const char *qg_doc_text(const qg_doc *doc, size_t *len_out);

/** The document id (owned by @p doc). */
QG_API const char *qg_doc_id(const qg_doc *doc);

/** Number of input bytes as given (before repairs). */
QG_API size_t qg_doc_source_len(const qg_doc *doc);

/** Map a byte offset in the decoded text to the matching byte offset in the input as given. */
QG_API size_t qg_doc_source_offset(const qg_doc *doc, size_t offset);

/** Number of code points in the decoded text before byte offset @p offset. O(log n) after the first call. */
QG_API size_t qg_doc_cp_offset(const qg_doc *doc, size_t offset);

/** Diagnostics in text order; @p count_out receives their number. Owned by @p doc. */
QG_API const qg_diagnostic *qg_doc_diagnostics(const qg_doc *doc, size_t *count_out);

/** Paragraph spans (owned by @p doc); @p count_out receives their number. Valid after qg_analyze(). */
QG_API const qg_span *qg_doc_paragraphs(const qg_doc *doc, size_t *count_out);

/** Sentence spans (owned by @p doc); @p count_out receives their number. Valid after qg_analyze(). */
QG_API const qg_span *qg_doc_sentences(const qg_doc *doc, size_t *count_out);

#ifdef __cplusplus
}
#endif
#endif
