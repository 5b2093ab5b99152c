/**
 * @file export.h
 * Writers for the analysis of one document: JSON (the document format of docs/output-format.md),
 * GraphML (through igraph, attribute set of docs/output-format.md), Cytoscape.js elements JSON
 * and a readable text table.
 */
#ifndef QUOTEGRAPH_EXPORT_H
#define QUOTEGRAPH_EXPORT_H

#include <stdio.h>
#include <quotegraph/common.h>
#include <quotegraph/analyze.h>
#include <quotegraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum qg_format {
    QG_FORMAT_JSON = 0,    /**< document JSON, pretty-printed, keys in a fixed order */
    QG_FORMAT_GRAPHML = 1, /**< GraphML 1.0 written by igraph */
    QG_FORMAT_TEXT = 2,    /**< readable table: quote, speaker, organisation, cue; then the summary */
    QG_FORMAT_CYTOSCAPE = 3, /**< the graph as Cytoscape.js elements JSON (flat data, no nulls) */
} qg_format;

/** Parse "json", "graphml", "text", "cytoscape"; QG_EINVAL for anything else. */
QG_API qg_status qg_format_parse(qg_format *out, const char *name);

/**
 * Write the analysis of @p doc and its graph to @p fp.
 *
 * @param fp     Open stream (borrowed). Nothing is flushed or closed.
 * @param doc    Analysed document (borrowed).
 * @param graph  Its graph from qg_graph_build() (borrowed).
 * @param format One of ::qg_format.
 * @param compact For JSON and Cytoscape: one line, no indentation (JSON Lines); ignored otherwise.
 * @param[out] err Optional; filled on failure.
 * @return QG_OK; QG_EIO when writing fails (sys_errno set); QG_ENOMEM; QG_ERROR from igraph.
 * Output is deterministic: the same document gives the same bytes.
 * GraphML gives the graph's igraph copy its attributes on the first call (qg_graph_build() leaves
 * them out): do not export one graph as GraphML from two threads at once.
 */
QG_API qg_status qg_export_write(FILE *fp, const qg_doc *doc, const qg_graph *graph,
                                 qg_format format, int compact, qg_error *err);

/** Metadata written at the start of the "document" object of a record (qg_export_record()):
 * borrowed UTF-8 strings; NULL writes null (a NULL id leaves the member out, as jansson did). */
typedef struct qg_export_meta {
    const char *id, *url, *title, *outlet, *published, *author;
} qg_export_meta;

/**
 * Write the compact document JSON of @p doc (as qg_export_write() with ::QG_FORMAT_JSON and
 * @p compact 1, newline included) whose "document" object starts with the members of @p meta:
 * {"id", "url", "title", "outlet", "published", "author", "chars", "bytes", ...} in place of
 * the document's own "id". This is the extract record of docs/corpus.md, written as a stream:
 * memory does not grow with the size of the output.
 *
 * @param fp     Open stream (borrowed). Nothing is flushed or closed.
 * @param doc    Analysed document (borrowed).
 * @param graph  Its graph from qg_graph_build() (borrowed), or NULL for no graph members.
 * @param meta   Metadata (borrowed).
 * @param[out] err Optional; filled on failure.
 * @return QG_OK; QG_EIO when writing fails (sys_errno set); QG_ENOMEM; QG_EINPUT when a string
 *         of the document holds U+0000 (written as its JSON escape, which the record readers
 *         refuse; the output is then complete but should not be used as a record).
 * Thread safety: safe on different documents at the same time.
 */
QG_API qg_status qg_export_record(FILE *fp, const qg_doc *doc, const qg_graph *graph,
                                  const qg_export_meta *meta, qg_error *err);

#ifdef __cplusplus
}
#endif
#endif
