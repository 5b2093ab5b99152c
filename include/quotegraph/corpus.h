/**
 * @file corpus.h
 * Corpus mode: the map step (one extract record per article) and the reduce step (a corpus
 * graph merged from many records, with quote provenance). docs/corpus.md describes the record
 * shapes, the merge rules and the thresholds; this header gives the calls.
 *
 * A merge is a pure function of the *set* of article records it was given: records may come
 * in any order and in any grouping (extract output, earlier merge output, or both), and the
 * output is the same bytes. Everything derived (speaker nodes, quote groups, conflicts) is
 * recomputed from the articles each time.
 */
#ifndef QUOTEGRAPH_CORPUS_H
#define QUOTEGRAPH_CORPUS_H

#include <stdbool.h>
#include <stdio.h>
#include <quotegraph/common.h>
#include <quotegraph/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* extract: the map step                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * Where the article fields are in an input JSON object. Each member is a field name, or a
 * dotted path into nested objects ("x_meta.publisher"); NULL means the default in brackets.
 */
typedef struct qg_extract_fields {
    const char *id;        /**< ["id"] string or integer; absent: "text-" + 16 hex digits of a
                                64-bit FNV-1a hash of the text, so shards agree */
    const char *text;      /**< ["text"] string; required */
    const char *url;       /**< ["url"] */
    const char *title;     /**< ["title"] */
    const char *outlet;    /**< ["outlet"] */
    const char *published; /**< ["published"] ISO 8601, kept as given */
    const char *author;    /**< ["author"] */
} qg_extract_fields;

/** Metadata of one article: borrowed strings, NULL when absent. */
typedef struct qg_extract_meta {
    const char *id, *url, *title, *outlet, *published, *author;
} qg_extract_meta;

/**
 * Analyse one article and make its extract record: the compact document JSON of
 * `quotegraph analyze` (one line, no newline), whose "document" object starts with the
 * article's id and metadata: {"id", "url", "title", "outlet", "published", "author", "chars",
 * "bytes", "paragraphs", "sentences"} (absent metadata is null).
 *
 * @param[out] out      Receives the record, owned by the caller (free with qg_extract_free()).
 * @param[out] out_len  Its length in bytes.
 * @param text          Article text, UTF-8 (repaired as analyze does); borrowed.
 * @param len           Its length in bytes; over QG_MAX_TEXT gives QG_EINPUT.
 * @param meta          Id and metadata (borrowed); meta->id must not be NULL.
 * @param model         Lexicons (borrowed).
 * @param[out] err      Optional; filled on failure.
 * @return QG_OK; QG_EINPUT; QG_ENOMEM; QG_ERROR when ICU, igraph or the writer fail.
 * Thread safety: uses igraph; call from one thread (or one process) at a time.
 */
QG_API qg_status qg_extract_article(char **out, size_t *out_len, const char *text, size_t len,
                                    const qg_extract_meta *meta, const qg_model *model,
                                    qg_error *err);

/**
 * Make the extract record of one JSON Lines input line: parse the JSON object, find the fields
 * named by @p fields, and call qg_extract_article().
 *
 * @param[out] out      Receives the record (free with qg_extract_free()); NULL on failure.
 * @param[out] out_len  Its length in bytes.
 * @param[out] id_out   Optional; receives the article id when it could be read, else NULL
 *                      (free with qg_extract_free()), also on failure, for error records.
 * @param line          One JSON object (borrowed); a final newline is allowed.
 * @param len           Its length in bytes.
 * @param fields        Field names, or NULL for the defaults.
 * @return QG_OK; QG_EINPUT for a line that is not a JSON object, a missing or non-string text
 *         field, an id that is not a string or integer (the message says which); QG_ENOMEM;
 *         QG_ERROR as qg_extract_article().
 */
QG_API qg_status qg_extract_json_line(char **out, size_t *out_len, char **id_out, const char *line,
                                      size_t len, const qg_extract_fields *fields,
                                      const qg_model *model, qg_error *err);

/**
 * The error record of an article that gave no extract record, as one JSON line (no newline):
 * {"id": ID or null, "file": FILE or null, "line": LINE or null, "error": MESSAGE}.
 *
 * @param id       Article id or NULL.
 * @param file     Input name or NULL.
 * @param line     1-based line number, or 0 for none.
 * @param message  One line (borrowed).
 * @return The record (free with qg_extract_free()), or NULL when memory runs out.
 */
QG_API char *qg_extract_error_record(const char *id, const char *file, unsigned long long line,
                                     const char *message);

/** Free a string returned by the qg_extract_* calls. NULL is a no-op. */
QG_API void qg_extract_free(char *s);

/* ------------------------------------------------------------------------------------------ */
/* merge: the reduce step                                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef struct qg_corpus qg_corpus;

/** Merge settings. The defaults were measured on PolNeAR dev (docs/corpus.md). */
typedef struct qg_corpus_opts {
    double similarity;   /**< altered wording: Jaccard similarity of word-3-gram sets, in (0, 1] */
    unsigned min_shared; /**< altered wording: at least this many shared 3-grams (>= 1) */
    unsigned min_words;  /**< truncated quotes: the shorter has at least this many words (>= 1) */
} qg_corpus_opts;

#define QG_CORPUS_OPTS_INIT                                                                        \
    {                                                                                              \
        0.3, 3, 5                                                                                  \
    }

/**
 * A new, empty corpus.
 * @param[out] out  Owned by the caller (free with qg_corpus_free()).
 * @param opts      Settings (copied), or NULL for QG_CORPUS_OPTS_INIT.
 * @return QG_OK; QG_EINVAL for a setting out of range; QG_ENOMEM.
 */
QG_API qg_status qg_corpus_new(qg_corpus **out, const qg_corpus_opts *opts, qg_error *err);

/** Free a corpus. NULL is a no-op. */
QG_API void qg_corpus_free(qg_corpus *c);

/**
 * Add one input record: a JSON value that is an extract record (the document JSON of extract
 * or analyze), an extract error record, or a whole merge output (`-f json`).
 *
 * An article whose id was added before is kept once: when both copies are equal nothing
 * changes; when they differ, the copy whose canonical JSON sorts first (bytewise) is kept and
 * qg_corpus_stats().duplicates counts it, so the result does not depend on input order.
 *
 * @param json  The value's bytes (borrowed; copied as needed).
 * @param len   Their length.
 * @return QG_OK; QG_EINPUT when the value is not valid JSON or not one of the record kinds
 *         (the message says where); QG_ENOMEM. On QG_EINPUT the corpus is unchanged.
 * Must not be called after qg_corpus_build().
 */
QG_API qg_status qg_corpus_add(qg_corpus *c, const char *json, size_t len, qg_error *err);

/**
 * Merge: resolve speakers, organisations and outlets across articles, group quotes (exact,
 * truncated, altered), find first appearances and attribution conflicts.
 * @return QG_OK; QG_ENOMEM; QG_ERROR when ICU fails. Call once.
 * Complexity: O(n log n) in quotes plus the candidate pairs of the shingle index (see
 * docs/corpus.md); never all pairs.
 */
QG_API qg_status qg_corpus_build(qg_corpus *c, qg_error *err);

/** Counts after qg_corpus_build(). */
typedef struct qg_corpus_stats {
    size_t articles, quotes, errors;
    size_t entities, speakers;      /**< entity nodes; those with at least one quote */
    size_t groups, repeated_groups; /**< quote groups; those with two or more appearances */
    size_t cross_article_groups;    /**< groups found in two or more articles */
    size_t conflicts;
    size_t duplicates; /**< article ids seen with different content (one copy kept) */
} qg_corpus_stats;

QG_API qg_corpus_stats qg_corpus_get_stats(const qg_corpus *c);

/**
 * The id of the i-th article id that came with different content (0 <= i < the stats'
 * duplicates, and only the first 20 are kept), in the order the conflicts were found;
 * NULL past the end. The string belongs to the corpus and lives until qg_corpus_free().
 * Valid after qg_corpus_build().
 */
QG_API const char *qg_corpus_duplicate_id(const qg_corpus *c, size_t i);

/** An article id that came again: in a later record than the one that first brought it. */
typedef struct qg_corpus_repeat {
    const char *id;      /**< the article id (owned by the corpus, valid until qg_corpus_free()) */
    size_t first_record; /**< the record that first brought the id: 1 for the first successful
                              qg_corpus_add() call, 2 for the second, ... */
    size_t record;       /**< the record that brought it again (same numbering) */
    bool differs;        /**< true: different content (one copy kept, see qg_corpus_add());
                              false: an equal copy, counted once */
} qg_corpus_repeat;

/**
 * How many times an article id came again (equal copies included), counted as records are
 * added; a caller that notes where each successful record came from (file and line) can name
 * both places. Valid at any time, before or after qg_corpus_build().
 */
QG_API size_t qg_corpus_repeat_count(const qg_corpus *c);

/** The i-th repeat, in the order the records were added; NULL past the end. Owned by the
 * corpus, valid until the next qg_corpus_add() or qg_corpus_free(). */
QG_API const qg_corpus_repeat *qg_corpus_repeat_get(const qg_corpus *c, size_t i);

/** Output formats of a merged corpus. */
typedef enum qg_corpus_format {
    QG_CORPUS_JSON = 0,      /**< the corpus document (docs/corpus.md), node-link graph inside */
    QG_CORPUS_GRAPHML = 1,   /**< the corpus graph through igraph */
    QG_CORPUS_CYTOSCAPE = 2, /**< Cytoscape.js elements JSON */
    QG_CORPUS_CSV = 3,       /**< one table, RFC 4180, header row */
    QG_CORPUS_JSON_LINE = 4, /**< the corpus document on one line (a JSON Lines record) */
} qg_corpus_format;

/** CSV tables. */
typedef enum qg_corpus_table {
    QG_TABLE_QUOTES = 0,
    QG_TABLE_SPEAKERS = 1,
    QG_TABLE_GROUPS = 2,
    QG_TABLE_CONFLICTS = 3,
    QG_TABLE_NODES = 4, /**< Gephi spreadsheet import: Id, Label, ... */
    QG_TABLE_EDGES = 5, /**< Gephi spreadsheet import: Source, Target, Type, Weight, ... */
} qg_corpus_table;

/** Parse "json", "graphml", "cytoscape", "csv"; QG_EINVAL otherwise (QG_CORPUS_JSON_LINE has
 * no name: it is `merge --compact`). */
QG_API qg_status qg_corpus_format_parse(qg_corpus_format *out, const char *name);
/** Parse "quotes", "speakers", "groups", "conflicts", "nodes", "edges"; QG_EINVAL otherwise. */
QG_API qg_status qg_corpus_table_parse(qg_corpus_table *out, const char *name);

/**
 * Write the merged corpus. Deterministic: the same set of articles gives the same bytes.
 * @param fp     Open stream (borrowed); nothing is flushed or closed.
 * @param table  Used by QG_CORPUS_CSV only.
 * @return QG_OK; QG_EIO when writing fails (sys_errno set); QG_ENOMEM; QG_ERROR from igraph.
 * Thread safety: GraphML uses igraph: one thread at a time.
 */
QG_API qg_status qg_corpus_write(FILE *fp, const qg_corpus *c, qg_corpus_format format,
                                 qg_corpus_table table, qg_error *err);

#ifdef __cplusplus
}
#endif
#endif
