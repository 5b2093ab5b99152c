/**
 * @file analyze.h
 * The analysis pipeline of one document: sentences → quotes → speakers → entities,
 * and the views of its results.
 */
#ifndef QUOTEGRAPH_ANALYZE_H
#define QUOTEGRAPH_ANALYZE_H

#include <quotegraph/common.h>
#include <quotegraph/doc.h>
#include <quotegraph/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Quote types, as in the field (PARC, PolNeAR). */
typedef enum qg_quote_type {
    QG_QUOTE_DIRECT = 0,   /**< content inside quotation marks */
    QG_QUOTE_INDIRECT = 1, /**< reported speech without marks */
    QG_QUOTE_MIXED = 2,    /**< a reported clause holding a verbatim fragment in marks */
} qg_quote_type;

/** Entity kinds. */
typedef enum qg_entity_kind {
    QG_ENTITY_PERSON = 0,
    QG_ENTITY_ROLE = 1,         /**< a nameless role: "a spokesman for the bank" */
    QG_ENTITY_ORGANIZATION = 2,
    QG_ENTITY_OUTLET = 3,       /**< a news organisation cited as a source */
    QG_ENTITY_ANONYMOUS = 4,    /**< "a source close to the talks", "officials" */
} qg_entity_kind;

#define QG_NONE ((size_t)-1)

/** One attribution: a quote, its cue and its speaker. Owned by the document. */
typedef struct qg_quote {
    qg_quote_type type;
    qg_span content;        /**< the content, without enclosing quotation marks (direct) */
    qg_span cue;            /**< reporting word(s); empty (begin == end == 0) when none */
    size_t speaker;         /**< entity index, or QG_NONE */
    qg_span speaker_mention;/**< the mention next to the cue ("He", "Barclays"); empty when none */
    double confidence;      /**< in [0, 1]: how sure the speaker is; see docs/output-format.md */
    const char *rule;       /**< static name of the attribution rule that fired */
} qg_quote;

/** A mention of an entity in the text. */
typedef struct qg_mention {
    qg_span span;
} qg_mention;

/** An entity: one person, role, organisation or outlet, with all its mentions. */
typedef struct qg_entity {
    qg_entity_kind kind;
    const char *name;           /**< canonical name (owned by the document), UTF-8 */
    const qg_mention *mentions; /**< in text order; owned by the document */
    size_t mention_count;
    size_t affiliation;         /**< entity index of the organisation it speaks for, or QG_NONE */
    int gender;                 /**< 'm', 'f' or 0 when unknown */
} qg_entity;

/** A quoted span that is not speech: a title, nickname, slogan or scare quote. */
typedef struct qg_term {
    qg_span span;     /**< content without the marks */
    const char *kind; /**< static: "title" (capitalised words) or "scare" */
} qg_term;

/**
 * Run the whole pipeline on a decoded document: paragraphs and sentences (ICU),
 * quotation-mark pairing, attribution of speakers, entity resolution.
 *
 * @param doc       Document from qg_doc_decode(); results are stored in it.
 *                  Calling it twice on one document is a caller bug (asserted).
 * @param model     Lexicons (borrowed; must outlive the call).
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_ENOMEM; QG_ERROR when ICU fails (message says which call).
 *         Bad input is never an error: repairs go to the diagnostics.
 * Complexity: linear in the text length (bounded windows around each quote).
 * Thread safety: safe on different documents at the same time with a shared model.
 */
QG_API qg_status qg_analyze(qg_doc *doc, const qg_model *model, qg_error *err);

/** Quotes in text order (owned by @p doc). */
QG_API const qg_quote *qg_doc_quotes(const qg_doc *doc, size_t *count_out);
/** Entities in order of first mention (owned by @p doc). */
QG_API const qg_entity *qg_doc_entities(const qg_doc *doc, size_t *count_out);
/** Quoted terms (owned by @p doc). */
QG_API const qg_term *qg_doc_terms(const qg_doc *doc, size_t *count_out);

/** Static names: "direct", "indirect", "mixed". */
QG_API const char *qg_quote_type_str(qg_quote_type t);
/** Static names: "person", "role", "organization", "outlet", "anonymous". */
QG_API const char *qg_entity_kind_str(qg_entity_kind k);

#ifdef __cplusplus
}
#endif
#endif
