/* The document's internal layout, shared by the pipeline stages (never installed).
 * Each stage fills its own lists; all lists are freed by qg_doc_free(). */
#ifndef QG_CORE_DOC_H
#define QG_CORE_DOC_H

#include <stdbool.h>
#include <stdint.h>
#include <quotegraph/analyze.h>
#include <quotegraph/doc.h>

#include "vec.h"

/* Token flags (set by segment/tokens.c). */
enum {
    QG_TOK_WORD = 1 << 0,     /* letters or digits */
    QG_TOK_CAP = 1 << 1,      /* first letter upper- or title-case */
    QG_TOK_ALLCAPS = 1 << 2,  /* two or more letters, all upper-case */
    QG_TOK_PUNCT = 1 << 3,    /* punctuation or symbol */
    QG_TOK_OPEN = 1 << 4,     /* an opening quotation mark of a paired quote */
    QG_TOK_CLOSE = 1 << 5,    /* a closing quotation mark of a paired quote */
    QG_TOK_SPACE_BEFORE = 1 << 6,
    QG_TOK_NUMBER = 1 << 7,
};

typedef struct qg_token {
    uint32_t begin, end; /* bytes into the text */
    uint32_t sentence;   /* sentence index */
    uint32_t flags;
    int32_t quote;       /* index of the raw quote whose content holds it, or -1 */
} qg_token;

/* The first of the tokens tok[lo, hi) (in text order) that begins at or after byte b; hi when
 * none does. Binary search. */
static inline size_t qg_token_lower_bound(const qg_token *tok, size_t lo, size_t hi, size_t b)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tok[mid].begin < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A paired (or repaired) quotation: marks and content as byte spans. */
typedef struct qg_raw_quote {
    qg_span open_mark;  /* the opening mark; empty when none */
    qg_span close_mark; /* the closing mark; empty when the quote was left open */
    qg_span content;    /* between the marks, trimmed of white space at an unclosed end */
    uint32_t paragraph, last_paragraph;
    int depth;          /* 0 = top level */
    bool unclosed;
} qg_raw_quote;

typedef struct qg_sentence {
    qg_span span;
    uint32_t paragraph;
    uint32_t first_token, end_token; /* token range [first, end) */
    uint32_t first_word;             /* first token with QG_TOK_WORD, end_token when none */
} qg_sentence;

typedef struct qg_mention_rec {
    qg_span span;       /* the mention as written */
    size_t entity;
    bool in_quote;
} qg_mention_rec;

typedef struct qg_entity_rec {
    qg_entity_kind kind;
    char *name;              /* canonical name, owned */
    char *key;               /* normalised name for matching (lower-case), owned */
    QG_VEC(qg_mention) mentions;
    size_t affiliation;
    int gender;
    bool anonymous;
    /* set by src/attrib/entity.c; stages that do not know them leave them as add_entity set them */
    size_t part_of;   /* the organisation this organisation is part of, or QG_NONE */
    qg_span role;     /* role or title words of a person or role ("Gov.", "running mate") */
    unsigned flags;   /* QG_ENTITY_SOURCE | QG_ENTITY_CITED | QG_ENTITY_AUTHOR | QG_ENTITY_PUBLISHER */
    char *uid;        /* stable id, owned; set when the entities are published */
    /* src/attrib/entity.c: what resolution asks of name and key for every mention, computed
     * once when the entity is added (name and key do not change after; copies keep them) */
    char acronym[16];       /* initials of the capitalised words of name, lower-case ("ncsc"),
                               when there are fewer than 16 (acronym_len < 16) */
    uint32_t acronym_len;   /* their number: strlen(acronym), or 16 when not kept here */
    uint32_t key_len;       /* strlen(key) */
    uint32_t key_first_len; /* bytes of the first word of key */
    uint32_t key_last_at;   /* byte offset of the last word of key */
    bool key_spaced;        /* key holds a space (several words) */
} qg_entity_rec;

typedef struct qg_diag_rec {
    const char *kind;
    size_t offset;
    char *message; /* owned */
} qg_diag_rec;

struct qg_doc {
    char *id;
    char *text; /* decoded UTF-8, NUL-terminated */
    size_t len;
    size_t body_begin; /* first byte after a BOM */
    size_t source_len;
    /* repairs: decoded offset → source offset, piecewise (sorted by decoded offset) */
    QG_VEC(struct qg_offset_fix { size_t at; ptrdiff_t delta; }) fixes;
    /* code point index cache: cp count at every 256th byte, and the last answer */
    size_t *cp_index;
    size_t cp_index_len;
    size_t cp_last_offset, cp_last_cps;
    bool cp_last_valid;

    QG_VEC(qg_diag_rec) diags;
    QG_VEC(qg_diagnostic) diag_view;
    QG_VEC(qg_span) paragraphs;
    QG_VEC(qg_sentence) sentences;
    QG_VEC(qg_span) sentence_view;
    QG_VEC(qg_token) tokens;
    QG_VEC(qg_raw_quote) raw_quotes;
    QG_VEC(qg_quote) quotes;
    QG_VEC(qg_entity_rec) entities;
    QG_VEC(qg_entity) entity_view;
    QG_VEC(qg_term) terms;
    qg_article_meta meta;     /* stage meta/: outlet line, headline, byline, dateline */
    QG_VEC(qg_span) authors;  /* meta.authors points here */
    bool analyzed;
};

/* Add a diagnostic; message is copied. Returns QG_ENOMEM on failure. */
qg_status qg_doc_add_diag(qg_doc *doc, const char *kind, size_t offset, const char *message);

#endif
