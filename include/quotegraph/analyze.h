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
    QG_ENTITY_ANONYMOUS = 4,    /**< no longer produced: an anonymous source is a ::QG_ENTITY_ROLE
                                     (or person) with qg_entity.anonymous == 1; kept for old callers */
    QG_ENTITY_DOCUMENT = 5,     /**< a report, survey or document cited as a source ("according to a
                                     report by ...", "the survey found") */
} qg_entity_kind;

/** Bits of qg_entity.flags: how the article uses an entity. */
enum {
    QG_ENTITY_SOURCE = 1 << 0,    /**< subject of a reporting cue or object of "according to", quoted
                                       or not ("the NCSC said it ...") */
    QG_ENTITY_CITED = 1 << 1,     /**< an outlet or document the article cites as a source: speaker of
                                       a cue, "told the BBC", "first reported by MSNBC", "according to a
                                       report", a "(AP)" dateline (graph: article -> entity "cites") */
    QG_ENTITY_AUTHOR = 1 << 2,    /**< named in the byline (graph: article -> person "authored_by") */
    QG_ENTITY_PUBLISHER = 1 << 3, /**< the outlet named as the article's first line
                                       (graph: article -> outlet "published_by") */
};

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
    size_t affiliation;         /**< entity index of the organisation (or, for "Trump's running mate",
                                     the person) it speaks for, or QG_NONE */
    int gender;                 /**< 'm', 'f' or 0 when unknown */
    /* added with the entity graph (issue 4) */
    const char *id;             /**< stable content-derived id, e.g. "organization:barclays",
                                     "role:spokesman@organization:barclays" (owned by the document;
                                     scheme in docs/output-format.md) */
    size_t part_of;             /**< organisations: entity index of the organisation it belongs to
                                     ("the NCSC, part of GCHQ"), or QG_NONE */
    qg_span role;               /**< persons and roles: the role or title words as written ("Gov.",
                                     "running mate", "spokesman"); empty when none */
    int anonymous;              /**< 1 anonymous source ("a source close to the talks"), 0 named or on
                                     record (persons, organisations, outlets, documents), -1 unknown
                                     (a nameless role such as "a spokesman") */
    unsigned flags;             /**< QG_ENTITY_SOURCE | QG_ENTITY_CITED | QG_ENTITY_AUTHOR | ... */
    size_t quotes;              /**< number of quotes attributed to it */
} qg_entity;

/**
 * Article metadata found in the first lines of the text (stage src/meta/). Every span is a byte
 * range into qg_doc_text(); a span is empty (begin == end) when the text does not give it.
 * Rules (docs/pipeline.md): an outlet line is a short first paragraph naming a news outlet of
 * models/en/outlets.tsv ("Daily Mail"); a byline is an early paragraph "By NAME [and NAME]
 * [ROLE]"; a headline is a short early paragraph that is not one of those and is followed by
 * a byline, a dateline or the body; a dateline opens the first body paragraph ("DALLAS (AP) —").
 */
typedef struct qg_article_meta {
    qg_span outlet;           /**< the publisher's name line */
    qg_span headline;         /**< the headline */
    qg_span byline;           /**< the byline paragraph as written ("- By Matt Oliver City Correspondent") */
    const qg_span *authors;   /**< author names inside the byline ("Matt Oliver"); owned by the document */
    size_t author_count;
    qg_span author_role;      /**< words after the names ("City Correspondent"); empty when none */
    qg_span dateline;         /**< "DALLAS (AP) —" with its dash */
    qg_span dateline_outlet;  /**< the agency inside the dateline's parentheses ("AP") */
    size_t body_begin;        /**< byte where the body starts (after the outlet line, headline, byline) */
} qg_article_meta;

/** The article's metadata (owned by @p doc; valid after qg_analyze(); all spans empty before). */
QG_API const qg_article_meta *qg_doc_meta(const qg_doc *doc);

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
/** Static names: "person", "role", "organization", "outlet", "anonymous", "document". */
QG_API const char *qg_entity_kind_str(qg_entity_kind k);

#ifdef __cplusplus
}
#endif
#endif
