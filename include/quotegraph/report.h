/**
 * @file report.h
 * Reports for fact-checkers, made from a merged corpus: the sources quoted most (by quotes, by
 * articles and by PageRank on the corpus graph), organisations, the share of anonymous
 * sources, per-outlet tables, quotes repeated across articles and outlets with their first
 * appearance and wording variants, attribution conflicts, and (HTML only) a drawing of the
 * graph. docs/report.md describes every table and how it is computed.
 *
 * The input is the corpus document written by `quotegraph merge -f json` (docs/corpus.md,
 * format "quotegraph_corpus": 1); to report on extract records, merge them first with the
 * qg_corpus_* calls (corpus.h) and pass the JSON they write.
 *
 * Every string of the input is untrusted (article text, names, ids, URLs): the writers escape
 * it for the context it lands in (HTML text and attributes, JSON inside a script element,
 * Markdown table cells), and the HTML page loads nothing from the network: its style and
 * script are inline and allowed by a Content-Security-Policy that names their SHA-256 hashes.
 */
#ifndef QUOTEGRAPH_REPORT_H
#define QUOTEGRAPH_REPORT_H

#include <stdio.h>
#include <quotegraph/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qg_report qg_report;

/** Output formats of a report. */
typedef enum qg_report_format {
    QG_REPORT_HTML = 0,     /**< one self-contained HTML5 file: inline CSS, SVG and script */
    QG_REPORT_MARKDOWN = 1, /**< the same tables in GitHub-flavoured Markdown, no drawing */
} qg_report_format;

/** How much a report shows. Every table says when it was cut. */
typedef struct qg_report_opts {
    unsigned top;         /**< rows of each ranking table (sources, organisations): >= 1 */
    unsigned quotes;      /**< rows of the repeated-quote, conflict and error tables: >= 1 */
    unsigned outlets;     /**< outlets that get a table of their own: >= 0 */
    unsigned graph_nodes; /**< most nodes drawn in the graph view: 0 (no drawing) or >= 2 */
    const char *title;    /**< page title; NULL for "quotegraph report". Borrowed until
                               qg_report_new() returns (it is copied) */
} qg_report_opts;

#define QG_REPORT_OPTS_INIT                                                                        \
    {                                                                                              \
        25, 50, 20, 150, NULL                                                                      \
    }

/**
 * Read a merged corpus and compute everything the report shows (rankings, PageRank, degree,
 * the layout of the graph view).
 *
 * @param[out] out  The report, owned by the caller (free with qg_report_free()).
 * @param json      The corpus document (borrowed; nothing points into it afterwards).
 * @param len       Its length in bytes (no upper limit beyond memory).
 * @param opts      Settings (copied), or NULL for QG_REPORT_OPTS_INIT.
 * @param[out] err  Optional. On QG_EINPUT, err->offset is the byte offset in @p json where the
 *                  problem is (the start of the offending value or the bad byte), and the
 *                  message names the field, e.g. `articles[3].quotes[0].speaker_id: ...`.
 * @return QG_OK; QG_EINPUT when the input is not valid JSON, not a corpus document of a
 *         supported version, or inconsistent (a speaker id that names no entity, an edge to
 *         no node); QG_EINVAL for a setting out of range; QG_ENOMEM; QG_ERROR when igraph
 *         fails.
 * Complexity: linear in the input plus O(n log n) sorting; PageRank (igraph's PRPACK) on the
 * whole corpus graph; the layout (Fruchterman-Reingold, 500 iterations) only on the drawn
 * nodes.
 * Thread safety: uses igraph and reseeds igraph's default random number generator (for a
 * deterministic layout): call from one thread at a time, after qg_init().
 */
QG_API qg_status qg_report_new(qg_report **out, const char *json, size_t len,
                               const qg_report_opts *opts, qg_error *err);

/** Free a report. NULL is a no-op. */
QG_API void qg_report_free(qg_report *r);

/** Parse "html", "md" (or "markdown"); QG_EINVAL otherwise. */
QG_API qg_status qg_report_format_parse(qg_report_format *out, const char *name);

/**
 * Write the report. Deterministic: the same input and settings give the same bytes (no date,
 * no random numbers other than the fixed layout seed).
 * @param fp  Open stream (borrowed); nothing is flushed or closed.
 * @return QG_OK; QG_EIO when writing fails (sys_errno set); QG_ENOMEM.
 */
QG_API qg_status qg_report_write(FILE *fp, const qg_report *r, qg_report_format format,
                                 qg_error *err);

#ifdef __cplusplus
}
#endif
#endif
