/* Internal layout of gold sets and evaluations (src/eval/, never installed).
 * Every offset here is in code points of the article's text. */
#ifndef QG_EVAL_INTERNAL_H
#define QG_EVAL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <quotegraph/eval.h>

/* Number of quote types (direct, indirect, mixed) and the "unmatched" index of the type table. */
#define QG_EVAL_TYPES 3
#define QG_EVAL_UNMATCHED 3

/* One quote, gold or predicted. [start, end) as given, [tstart, tend) after trimming. */
typedef struct qg_eval_quote {
    size_t start, end;
    size_t tstart, tend;
    int type;              /* qg_quote_type */
    bool has_speaker;      /* gold: a speaker span; predicted: a speaker (maybe without mention) */
    bool has_mention;      /* predicted only: the speaker's mention span is known */
    size_t sp_start, sp_end; /* gold speaker span, or the predicted speaker mention */
} qg_eval_quote;

enum { QG_EVAL_TRIM = 1, QG_EVAL_THAT = 2 };

typedef struct qg_gold_article {
    char *id;
    char *text;          /* UTF-8, NUL-terminated (may hold NUL characters) */
    size_t len;          /* bytes */
    size_t chars;        /* code points */
    uint8_t *trimmable;  /* flags per code point: QG_EVAL_TRIM (trimmed at a span's edge),
                          * QG_EVAL_THAT (starts the word "that" followed by white space) */
    qg_eval_quote *quotes;
    size_t quote_count;
} qg_gold_article;

typedef struct qg_gold_key {
    const char *id; /* owned by the article */
    size_t article;
} qg_gold_key;

struct qg_gold {
    qg_gold_article *articles;
    size_t count, cap;
    qg_gold_key *by_id;               /* articles sorted by id */
    size_t type_count[QG_EVAL_TYPES]; /* gold quotes per type */
};

/* Counts of one set, summed over articles (gold counts come from the gold set). */
typedef struct qg_eval_counts {
    size_t pred, matched, exact, speaker_gold, speaker_right, attributed;
} qg_eval_counts;

struct qg_eval {
    const qg_gold *gold;
    size_t *pred_line;  /* per article: 0 = no predictions yet; else the line (1 for add_doc) */
    size_t predicted, unknown, error_records;
    qg_eval_counts sets[QG_EVAL_SET_COUNT];
    size_t types[4][4]; /* matched pairs of the all set; row/column 3 filled at summary time */
    size_t pred_type_count[QG_EVAL_TYPES];
};

/* Iterate over the lines of data[0..len): *pos is where the next line starts (0 at first). Fills the
 * line without its "\n" (and "\r" before it) and returns false at the end. */
bool qg_eval_next_line(const char *data, size_t len, size_t *pos, const char **line_out,
                       size_t *line_len_out);
/* A line holding only spaces, tabs and CRs. */
bool qg_eval_line_is_blank(const char *line, size_t len);

/* The article with this id, or (size_t)-1. O(log n). */
size_t qg_gold_find(const qg_gold *gold, const char *id);

/* Trim [start, end) of article a: skip flagged code points at both ends. */
void qg_eval_trim(const qg_gold_article *a, size_t start, size_t end, size_t *tstart_out,
                  size_t *tend_out);

/* "direct" / "indirect" / "mixed" → qg_quote_type, or -1. */
int qg_eval_type_parse(const char *s);

/* Read the integer members kstart and kend of obj as a span within [0, max]: 1 when both are
 * there, 0 when both are absent or null, -1 otherwise (why says what is wrong: a wrong type, an
 * offset out of range, one of the two missing, start after end). */
int qg_eval_read_span(const json_t *obj, const char *kstart, const char *kend, size_t max,
                      size_t *start_out, size_t *end_out, char *why, size_t why_len);

/* Read the quote object obj of article a: "start" and "end" (required), "type"; sets the trimmed
 * span. false when obj is not such a quote (why says what is wrong). */
bool qg_eval_read_quote(qg_eval_quote *q, const json_t *obj, const qg_gold_article *a, char *why,
                        size_t why_len);

/* Score the predicted quotes of article a (their tstart/tend set) into ev. */
qg_status qg_eval_score_article(qg_eval *ev, size_t a, const qg_eval_quote *preds, size_t count,
                                qg_error *err);

#endif
