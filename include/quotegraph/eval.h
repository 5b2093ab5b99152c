/**
 * @file eval.h
 * Scoring quotes against annotated articles: the measuring instrument behind `quotegraph eval`.
 *
 * A gold set is a JSON Lines file in the format of `../shared/data/README.md`: one article per line,
 * `{"id", "text", "quotes": [{"start", "end", "type", "speaker", "speaker_start", "speaker_end"}]}`
 * with **code point** offsets into `text`, half-open. Predictions are added per article, either from
 * an analysed ::qg_doc (the analyser run in the process) or from JSON Lines of `quotegraph analyze`
 * JSON documents. Every figure is defined in docs/evaluation.md; in short, per article and per set of
 * quote types:
 *
 * - spans are trimmed of white space (Unicode White_Space), quotation marks (Unicode Quotation_Mark and
 *   the CJK corner brackets), dashes (Unicode Dash) and `, . ; : …` at both ends, and of a leading
 *   complementiser "that" followed by white space or a comma ("that, “Of course …”"; quotegraph's
 *   content leaves it out, PolNeAR's spans keep it);
 * - **overlap matching** pairs gold and predicted quotes one-to-one, greedily by the Jaccard ratio of the
 *   trimmed spans (overlap / union, in code points), larger first; ties go to the later gold quote, then
 *   the later predicted quote (the order of `../shared/tools/score.py`). Pairs must overlap by at least
 *   one code point;
 * - **exact matching** pairs gold and predicted quotes one-to-one when their trimmed spans are equal
 *   (and not empty);
 * - the **speaker** of a matched pair is right when the predicted speaker mention overlaps the gold
 *   speaker span by at least one code point; a pair is **attributed** right when the speaker is right,
 *   or when neither the gold nor the predicted quote has a speaker.
 *
 * Offsets here are code points unless a name says otherwise.
 * Thread safety: a ::qg_gold is read-only after parsing; a ::qg_eval must be used by one thread.
 */
#ifndef QUOTEGRAPH_EVAL_H
#define QUOTEGRAPH_EVAL_H

#include <stdio.h>
#include <quotegraph/common.h>
#include <quotegraph/doc.h>
#include <quotegraph/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque gold set. Created by qg_gold_parse(), freed by qg_gold_free(). */
typedef struct qg_gold qg_gold;

/**
 * Parse a gold set from JSON Lines in memory.
 *
 * Lines holding only white space are skipped. Any other line must be a JSON object with a string
 * `id` (unique in the file), a string `text` and an array `quotes` of objects with integer `start`
 * and `end` (0 ≤ start ≤ end ≤ the text's length in code points), `type` one of `direct`,
 * `indirect`, `mixed`, and `speaker_start`/`speaker_end` both integers in the same range or both
 * null or absent (no speaker). Other fields (`speaker`, `cue`, `x_...`) are ignored. The first bad
 * line stops the parse: the set would be incomplete and every figure wrong.
 *
 * @param[out] out  Receives the gold set, owned by the caller (free with qg_gold_free()).
 * @param data      The file's bytes (borrowed; copied where kept).
 * @param len       Length of @p data in bytes.
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_EINPUT when a line is malformed (the message starts with `line N: ` and says
 *         which field is wrong; err->offset is the line's byte offset in @p data); QG_ENOMEM.
 * Complexity: linear in @p len.
 */
QG_API qg_status qg_gold_parse(qg_gold **out, const char *data, size_t len, qg_error *err);

/** Free a gold set. NULL is a no-op. */
QG_API void qg_gold_free(qg_gold *gold);

/** Number of articles. */
QG_API size_t qg_gold_count(const qg_gold *gold);

/** Id of article @p i (0 ≤ i < qg_gold_count()); owned by @p gold. */
QG_API const char *qg_gold_id(const qg_gold *gold, size_t i);

/** UTF-8 text of article @p i (owned by @p gold, NUL-terminated; it may hold NUL characters, so
 *  use the length in bytes given in @p len_out). */
QG_API const char *qg_gold_text(const qg_gold *gold, size_t i, size_t *len_out);

/** Opaque evaluation: one gold set and the predictions added so far. */
typedef struct qg_eval qg_eval;

/**
 * Start an evaluation against @p gold.
 *
 * @param[out] out  Receives the evaluation, owned by the caller (free with qg_eval_free()).
 * @param gold      Gold set (borrowed; must outlive the evaluation).
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_ENOMEM.
 */
QG_API qg_status qg_eval_new(qg_eval **out, const qg_gold *gold, qg_error *err);

/** Free an evaluation. NULL is a no-op. */
QG_API void qg_eval_free(qg_eval *ev);

/**
 * Score the quotes of an analysed document as the predictions for gold article @p article.
 *
 * The quotes' byte spans are turned into code point offsets with qg_doc_cp_offset(), as the JSON
 * output does; the speaker mention is qg_quote::speaker_mention when the quote has a speaker.
 *
 * @param ev        Evaluation.
 * @param article   Gold article index (< qg_gold_count()); asserted.
 * @param doc       Document decoded from qg_gold_text() of that article and analysed (borrowed).
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_EINVAL when the article already has predictions, or when the document's text
 *         does not have the gold text's length in code points; QG_ENOMEM.
 */
QG_API qg_status qg_eval_add_doc(qg_eval *ev, size_t article, const qg_doc *doc, qg_error *err);

/**
 * Score predictions read from JSON Lines in memory: one `quotegraph analyze` JSON document per line
 * (compacted), matched to a gold article by `document.id` (or by a top-level `id` when there is no
 * `document`, the line format of `../shared/tools/score.py`).
 *
 * Each line's `quotes` array is read: integer `start`/`end` (code points, within the gold text),
 * `type` (`direct`, `indirect`, `mixed`) and `speaker` (null, or an object whose `mention` holds
 * integer `start`/`end`; a speaker without a mention counts as a speaker that cannot be right).
 * When `document.chars` is present it must equal the gold text's length in code points. Lines of ids
 * that are not in the gold set are counted (qg_eval_summary::unknown) and otherwise ignored, and so
 * are the error records of `quotegraph extract` (qg_eval_summary::error_records: an object with a
 * string `error` and no `quotes`; the article stays without predictions). Lines
 * holding only white space are skipped. The first bad line stops the reading; lines before it stay
 * scored.
 *
 * @param ev        Evaluation.
 * @param data      The file's bytes (borrowed).
 * @param len       Length in bytes.
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_EINPUT when a line is malformed, names an article already predicted, or holds
 *         offsets past the gold text (the message starts with `line N: `; err->offset is the line's
 *         byte offset); QG_ENOMEM.
 */
QG_API qg_status qg_eval_add_jsonl(qg_eval *ev, const char *data, size_t len, qg_error *err);

/** The sets of quote types scored. The first three equal ::qg_quote_type values. */
typedef enum qg_eval_set {
    QG_EVAL_DIRECT = 0,
    QG_EVAL_INDIRECT = 1,
    QG_EVAL_MIXED = 2,
    QG_EVAL_QUOTE_MARK = 3, /**< direct + mixed: quotes that hold quotation marks */
    QG_EVAL_ALL = 4,        /**< every type */
} qg_eval_set;

#define QG_EVAL_SET_COUNT 5

/** Static names: "direct", "indirect", "mixed", "quote_mark", "all". */
QG_API const char *qg_eval_set_str(qg_eval_set set);

/**
 * The figures of one set. Gold and predicted quotes are both restricted to the set's types before
 * matching, so in the `mixed` row a gold mixed quote found as a direct one is not matched (it is in
 * the `quote_mark` and `all` rows). A ratio whose denominator is 0 is 0.
 */
typedef struct qg_eval_row {
    size_t gold;          /**< gold quotes of the set, in every article of the gold set */
    size_t pred;          /**< predicted quotes of the set */
    size_t matched;       /**< pairs of the overlap matching */
    size_t exact;         /**< pairs of the exact matching */
    size_t speaker_gold;  /**< overlap pairs whose gold quote has a speaker span */
    size_t speaker_right; /**< of those, pairs whose predicted mention overlaps it */
    size_t attributed;    /**< overlap pairs attributed right (speaker right, or both without one) */
    double precision, recall, f1;                   /**< overlap matching */
    double exact_precision, exact_recall, exact_f1; /**< exact matching */
    double speaker_accuracy;                        /**< speaker_right / speaker_gold */
    double attribution_precision, attribution_recall, attribution_f1; /**< attributed / pred, / gold */
} qg_eval_row;

/** The figures of @p set so far (articles without predictions count as predicting nothing). */
QG_API qg_eval_row qg_eval_row_of(const qg_eval *ev, qg_eval_set set);

/** Counts of articles and of types, over the overlap matching of the `all` set. */
typedef struct qg_eval_summary {
    size_t articles;  /**< gold articles */
    size_t predicted; /**< gold articles with predictions */
    size_t missing;   /**< gold articles without predictions (scored as predicting nothing) */
    size_t unknown;   /**< prediction lines whose id is not in the gold set (ignored) */
    size_t error_records; /**< error records of `quotegraph extract` ({"id", "file", "line",
                               "error"}, no "quotes"): skipped, so their articles count as
                               missing */
    /** types[g][p]: matched pairs of gold type g and predicted type p (::qg_quote_type values);
     *  index 3 is "unmatched": types[g][3] gold quotes of type g left unmatched, types[3][p]
     *  predicted quotes of type p left unmatched; types[3][3] is 0. */
    size_t types[4][4];
} qg_eval_summary;

/** Article and type counts so far. */
QG_API qg_eval_summary qg_eval_summary_of(const qg_eval *ev);

/**
 * Write the figures as a table for people (QG_FORMAT_TEXT) or as one JSON document
 * (QG_FORMAT_JSON, pretty-printed, keys in a fixed order; see docs/evaluation.md).
 * Ratios are rounded to 4 decimals.
 *
 * @param fp     Open stream (borrowed). Nothing is flushed or closed.
 * @param ev     Evaluation (borrowed).
 * @param format QG_FORMAT_TEXT or QG_FORMAT_JSON.
 * @param[out] err Optional; filled on failure.
 * @return QG_OK; QG_EINVAL for another format; QG_EIO when writing fails (sys_errno set); QG_ENOMEM.
 */
QG_API qg_status qg_eval_write(FILE *fp, const qg_eval *ev, qg_format format, qg_error *err);

#ifdef __cplusplus
}
#endif
#endif
