/* Reported speech: attributions without quotation marks (type "indirect").
 *
 * Rules, tried for each cue outside quotation marks and not already the cue of a quote-mark
 * quote (docs/pipeline.md has the full list with examples):
 *   reported_tag     CLAUSE, X said.  ·  CLAUSE, said X.  ·  CLAUSE, she said, and CLAUSE2 (two
 *                    quotes)  ·  The economy, he said, is improving (the part after the tag)
 *   reported_clause  X said (that) CLAUSE  ·  X told Y (that) CLAUSE  ·  X, who said CLAUSE  ·
 *                    X claimed / insisted / denied / warned / argued that CLAUSE  ·  X pointed
 *                    out / called for / talked about …  ·  X is saying  ·  X continued to insist
 *   participle       X …, saying (that) CLAUSE  (the subject of the sentence speaks)
 *   according_to     according to X, CLAUSE  ·  CLAUSE, according to X  (a survey by Y → Y)
 *   cue_noun         X's claim that CLAUSE  ·  the statement by X that CLAUSE
 * The content is the reported clause without the complementiser "that" and without the
 * sentence's final punctuation. Cue words come from models/en/cues.tsv (class speech; class
 * evidence — show, find, estimate — only with a named source such as "Census Bureau data";
 * class noun for cue nouns). Negated or withheld speech ("would not say", "declined to
 * comment") and passives ("was told", "is said to") report nothing; a cue with no subject
 * gives no quote. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "entity.h"
#include "rules.h"

/* Fewest words in a reported clause: "it was false" (3) is speech, "so" or "yes" are not. */
#define MIN_CONTENT_WORDS 3
/* Longest reported clause, in tokens (PolNeAR dev's longest spans are about 100 words). */
#define MAX_CLAUSE_TOKENS 160
/* Farthest a comma may be from the cue in "CLAUSE, [subject] said" (tokens). */
#define TAG_WINDOW 16

static const char *const BE_FORMS[] = {"is", "was", "were", "are", "be", "been", "being",
                                       "'s", "’s", NULL};
static const char *const NEGATIONS[] = {"not", "n't", "n’t", "never", "no", "cannot", NULL};
static const char *const WITHHOLDING[] = {"declined", "declines", "decline", "declining",
                                          "refused", "refuses", "refuse", "refusing",
                                          "wouldn't", "won't", "didn't", "doesn't", "don't",
                                          "failed", "fails", NULL};
/* Verbs whose first object is the hearer: "told reporters that …". */
static const char *const HEARER_VERBS[] = {"told", "tell", "tells", "telling", "assured",
                                           "assures", "assuring", "informed", "informs",
                                           "reminded", "reminds", "warned", "warns", "warning",
                                           "promised", "promises", "advised", "advises",
                                           "convinced", "persuaded", "notified", "briefed",
                                           "emailed", "texted", "wrote", "asked", "asks",
                                           "ask", "asking", "advising", NULL};
/* "call for", "call on": the preposition belongs to the cue. */
static const char *const CALL_VERBS[] = {"call", "calls", "called", "calling", NULL};
/* Time and manner phrases between a cue and its clause or at the end of a tag. */
static const char *const TIME_WORDS[] = {
    "yesterday", "today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "recently", "earlier", "later", "again", "previously",
    "privately", "publicly", "repeatedly", "separately", "afterward", "afterwards", "late",
    "early", "morning", "afternoon", "evening", "night", "overnight", NULL};
static const char *const TIME_DETS[] = {"last", "this", "next", "each", "every", "earlier",
                                        "later", NULL};
static const char *const TIME_NOUNS[] = {
    "week", "month", "year", "weekend", "morning", "afternoon", "evening", "night", "day",
    "spring", "summer", "fall", "autumn", "winter", "season", "quarter", "term", "session",
    "time", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
static const char *const PREPOSITIONS[] = {"in", "on", "at", "during", "after", "before", "via",
                                           "through", "with", "over", "from", "to", "by", "for",
                                           NULL};
/* Words opening a sentence that belong to the narration, not to the reported clause. */
static const char *const CONNECTIVES[] = {"but", "and", "so", "yet", "still", "however",
                                          "meanwhile", "instead", "moreover", "also", "now",
                                          "then", "indeed", "nonetheless", "nevertheless",
                                          "besides", "or", "plus", NULL};
/* What cannot open a reported clause after a cue ("said to be", "said of", "told to"). */
static const char *const NOT_CLAUSE_START[] = {
    "to", "of", "about", "for", "so", "yes", "nothing", "something", "anything", "much", "not",
    "little", "goodbye", "hello", "thanks", "sorry", "as", "than", "by", "into", "during",
    "at", "in", "on", "with", "after", "before", "from", "over", "under", "without", "while",
    "against", "toward", "towards", "up", "down", "out", "off", "despite", "because", "until",
    "unless", "amid", "across", "around", "following", "throughout", NULL};
/* Cues whose content may be an infinitive: "wants to", "vowed to", "urged X to". */
static const char *const INTENTION_VERBS[] = {
    "want", "wants", "wanted", "hope", "hopes", "hoped", "plan", "plans", "planned", "intend",
    "intends", "intended", "expect", "expects", "expected", "wish", "wishes", "wished",
    "prefer", "prefers", "preferred", "promise", "promises", "promised", "vow", "vows",
    "vowed", "pledge", "pledges", "pledged", "threaten", "threatens", "threatened", "urge",
    "urges", "urged", "ask", "asks", "asked", "offer", "offers", "offered", "agree", "agrees",
    "agreed", "refuse", "refuses", "refused", "decide", "decides", "decided", "seek", "seeks",
    "sought", "vote", "voted", "called", "calls", "encouraged", "encourages", "told", NULL};

/* Verbs of talking that take no reported clause ("spoke on condition of anonymity"). */
static const char *const NO_COMPLEMENT[] = {"speak", "speaks", "speaking", "spoke",
                                                "spoken", "talk", "talks", "talking", "talked",
                                                "chat", "chatted", "chatting", "thanks",
                                                "thanked", "thank", "echoed", "echoing",
                                                "echoes", "echo", NULL};

/* Document heads whose author is the source: "a survey by the trust" → the trust. */
static const char *const DOCUMENT_WORDS[] = {
    "survey", "surveys", "poll", "polls", "polling", "report", "reports", "study", "studies",
    "analysis", "data", "figures", "records", "estimate", "estimates", "statement", "review",
    "census", "research", "documents", "document", "filing", "filings", "count", "tally",
    "audit", "investigation", "projections", "forecast", "numbers", "statistics", "memo",
    "letter", "release", "complaint", "lawsuit", "ruling", "indictment", NULL};
static const char *const BY_PREPS[] = {"by", "from", "of", "at", "for", NULL};
static const char *const RELATIVES[] = {"who", "which", "whose", NULL};

/* What a cue reports: speech ("said"), a belief or intention ("believes", "wants"), or
 * evidence ("Census data show"). */
typedef enum cue_kind { CUE_SPEECH, CUE_THOUGHT, CUE_EVIDENCE } cue_kind;

typedef struct rctx {
    actx *c;
    bool *published;   /* per token: inside a published quote (content or marks) */
    bool *covered;     /* per token: inside a published quote, its marks, or used */
    bool *covered_cue; /* per token: the cue of a published quote */
    size_t first_new;  /* doc->quotes index of the first quote added here */
} rctx;


static bool is_comma(const actx *c, size_t k)
{
    return lex_is(c, k, ",");
}

static bool is_final_punct(const actx *c, size_t k)
{
    return lex_is(c, k, ".") || lex_is(c, k, "!") || lex_is(c, k, "?") || lex_is(c, k, ";") ||
           lex_is(c, k, ":") || lex_is(c, k, ",") || lex_is(c, k, "…") || is_quote_mark_tok(c, k);
}

static size_t count_words(const actx *c, size_t b, size_t e)
{
    size_t n = 0;
    for (size_t k = b; k < e; k++)
        n += lex_is_word(c, k);
    return n;
}

/* Does a new attribution start at x: "[and] SUBJECT CUE" with a short subject of words, or a
 * participle cue ("saying", "declaring")? */
static bool next_attribution(const actx *c, size_t x, size_t send)
{
    while (x < send && (lex_is(c, x, "and") || lex_is(c, x, "but")))
        x++;
    if (x < send && lex_is_ing(c, x) && is_cue_verb_at(c, x) &&
        !lex_in(c, x, NO_COMPLEMENT))
        return true;
    for (size_t y = x; y < send && y < x + 5; y++) {
        if (!lex_is_word(c, y) && !lex_is(c, y, "'s") && !lex_is(c, y, "’s"))
            return false;
        if (y > x && is_cue_verb_at(c, y) && !lex_is_ing(c, y) && !lex_in(c, y, NO_COMPLEMENT)) {
            /* a subject before the cue: a pronoun, a name, a group ("one in four", "officials") */
            np p;
            return np_parse(c, x, y, &p) && p.kind != NP_NONE && p.end == y;
        }
        if (lex_is(c, y, "that") || lex_is(c, y, "who") || lex_is(c, y, "which"))
            return false;
    }
    return false;
}

/* End (exclusive) of the clause that starts at b and runs to the end of the sentence: the
 * final punctuation is dropped, and the clause stops before a published quote. */
static size_t clause_end(const rctx *r, size_t b, size_t send)
{
    const actx *c = r->c;
    size_t e = b;
    if (send > b + MAX_CLAUSE_TOKENS) /* bounded: a sentence without punctuation stays linear */
        send = b + MAX_CLAUSE_TOKENS;
    while (e < send && !r->covered[e] && !is_quote_mark_tok(c, e)) {
        /* "… and said that …": a second cue of the same subject starts its own quote */
        if ((lex_is(c, e, "and") || lex_is(c, e, "but")) && e > b + 2) {
            size_t x = e + 1;
            while (x < send && is_adverb(c, x))
                x++;
            if (x < send && is_cue_verb_at(c, x))
                break;
        }
        /* "…, he clarified that …", "… and one in four said …", "…, declaring that …": another
         * attribution starts after a comma or a conjunction */
        if ((is_comma(c, e) || lex_is(c, e, "and") || lex_is(c, e, "but") || lex_is(c, e, ";")) &&
            e > b + 2 && next_attribution(c, e + 1, send))
            break;
        e++;
    }
    if (e < send && (r->covered[e] || is_quote_mark_tok(c, e))) {
        /* a quote follows: stop at the last comma before it ("…, adding: “…”") */
        size_t x = e;
        while (x > b && !is_comma(c, x - 1) && !lex_is(c, x - 1, ":") && !lex_is(c, x - 1, ";"))
            x--;
        if (x > b)
            e = x - 1;
        else if (!r->published[e] && (c->tok[e].quote >= 0 || is_quote_mark_tok(c, e)))
            return b; /* the clause runs into a quoted term: not cut mid-phrase ("spies a ‘…’") */
    }
    while (e > b && (is_final_punct(c, e - 1) || !lex_is_word(c, e - 1)) &&
           !lex_is(c, e - 1, ")") && !lex_is(c, e - 1, "%"))
        e--;
    return e;
}

static const char *const WH_WORDS[] = {"what", "how", "why", "whether", NULL};

/* Skip a time or manner phrase: "on Tuesday", "yesterday", "last week", "in a statement",
 * "in an interview with Fox News". Returns the first token after it (k when none). */
static size_t skip_circumstance(const actx *c, size_t k, size_t limit)
{
    if (k >= limit)
        return k;
    if (lex_in(c, k, TIME_WORDS))
        return k + 1;
    if (lex_in(c, k, TIME_DETS) && k + 1 < limit && lex_in(c, k + 1, TIME_NOUNS))
        return k + 2; /* "last week"; not "this was" */
    if (lex_in(c, k, PREPOSITIONS) && k + 1 < limit && lex_in(c, k + 1, TIME_NOUNS))
        return k + 2; /* "on Thursday" */
    if (lex_in(c, k, PREPOSITIONS) && !lex_is(c, k, "to")) {
        /* a short phrase ending before "that", a comma, or the end of the sentence */
        for (size_t x = k + 1; x <= limit && x <= k + 8; x++) {
            if (x == limit || lex_is(c, x, "that") || lex_in(c, x, WH_WORDS) || is_comma(c, x) || lex_is(c, x, ".") ||
                lex_is(c, x, "!") || lex_is(c, x, "?") || lex_is(c, x, ";"))
                return x;
            if (!lex_is_word(c, x) && !lex_is(c, x, "'s") && !lex_is(c, x, "’s") &&
                !lex_is(c, x, "-"))
                return k;
            if (is_cue_verb_at(c, x))
                return k;
        }
        return k;
    }
    return k;
}

/* Is there negation or withholding between the subject end s and the cue ("did not say",
 * "declined to say")? */
static bool negated(const actx *c, size_t s, size_t cue)
{
    size_t from = cue > 4 ? cue - 4 : 0;
    if (s < from && cue - s <= 8) /* between the subject and the cue, but never far back */
        from = s;
    /* not inside an aside between commas: "X, who asked not to be named, said" */
    for (size_t k = cue; k-- > from;)
        if (lex_is(c, k, ",")) {
            from = k + 1;
            break;
        }
    for (size_t k = from; k < cue; k++) {
        if (lex_in(c, k, NEGATIONS) || lex_in(c, k, WITHHOLDING))
            return true;
        /* "not" glued as n't to the auxiliary: "wouldn't say" */
        const qg_token *t = &c->tok[k];
        size_t n = t->end - t->begin;
        if (n >= 3 && (!memcmp(c->doc->text + t->end - 3, "n't", 3) ||
                       (n >= 5 && !memcmp(c->doc->text + t->end - 5, "n’t", 5))))
            return true;
    }
    return false;
}

/* Verbs of aspect whose infinitive keeps the speaker: "continued to insist", "began to argue". */
static const char *const ASPECTUAL[] = {"continue", "continues", "continued", "continuing",
                                        "begin", "begins", "began", "begun", "beginning",
                                        "start", "starts", "started", "starting", "keep",
                                        "keeps", "kept", NULL};

/* Is the cue the infinitive after a verb of aspect ("continued to insist")? */
static bool aspectual_infinitive(const actx *c, size_t cue)
{
    return cue >= 2 && lex_is(c, cue - 1, "to") && lex_in(c, cue - 2, ASPECTUAL);
}

/* The first token of the verb group ending at the cue, where its subject ends: over adverbs
 * and auxiliaries ("has repeatedly said"), the auxiliary of a progressive ("is saying", "’s
 * suggesting") and a verb of aspect ("continued to insist"). */
static size_t verb_group_start(const actx *c, size_t f, size_t cue)
{
    size_t x = cue;
    if (aspectual_infinitive(c, cue) && cue - 2 > f)
        x = cue - 2;
    while (x > f && is_adverb(c, x - 1))
        x--;
    /* a time phrase between the subject and the verb: "The IMF this week said", "Smith on
     * Tuesday said", "police yesterday said" */
    if (x > f + 1 && lex_in(c, x - 1, TIME_NOUNS) &&
        (lex_in(c, x - 2, TIME_DETS) || lex_is(c, x - 2, "on")))
        x -= 2;
    else if (x > f + 1 && lex_in(c, x - 1, TIME_WORDS) && !lex_is_cap(c, x - 1))
        x--;
    while (x > f && is_adverb(c, x - 1))
        x--;
    if (lex_is_ing(c, x) && x > f && lex_in(c, x - 1, BE_FORMS)) {
        x--;
        while (x > f && is_adverb(c, x - 1))
            x--;
    }
    return x;
}

/* A passive or an infinitive of the cue: "was told", "is said to", "to say". */
static bool passive_or_infinitive(const actx *c, size_t cue)
{
    if (aspectual_infinitive(c, cue))
        return false;
    size_t k = cue;
    while (k > 0 && is_adverb(c, k - 1) && !lex_in(c, k - 1, BE_FORMS))
        k--;
    if (k == 0)
        return false;
    if (lex_in(c, k - 1, BE_FORMS)) {
        /* "has been saying" is active: a progressive after "been" */
        bool ing = lex_is_ing(c, cue);
        return !ing;
    }
    return lex_is(c, k - 1, "to");
}

/* Is the phrase a plausible source of speech? Names, roles, pronouns, organisations, and
 * descriptions of people or bodies; not "the data", "it means". */
static bool phrase_can_speak(const actx *c, const np *p, bool evidence_cue)
{
    static const char *const NOBODY[] = {"nobody", "no", "none", "neither", "nothing", "few",
                                         "noone", NULL};
    if (p->kind == NP_NONE)
        return false;
    /* "Nobody said the plan would work", "No one has claimed …": nobody is reported */
    if (lex_in(c, p->start, NOBODY))
        return false;
    if (evidence_cue) {
        /* "the analysts found", "a study found": people and documents whose findings report */
        static const char *const FINDERS[] = {
            "analysts", "researchers", "investigators", "scientists", "economists", "experts",
            "auditors", "inspectors", "study", "report", "survey", "poll", "analysis", "audit",
            "review", "investigation", "inquiry", "studies", "reports", "surveys", "polls", NULL};
        if (p->end > p->start && lex_in(c, p->end - 1, FINDERS))
            return true;
        /* "Census Bureau data show" — a named document; not "the data shows" */
        for (size_t k = p->start; k < p->end; k++)
            if (lex_is_cap(c, k) && !(k == p->start && np_is_function_word(c, k)))
                return true;
        return false;
    }
    return true;
}

static qg_status emit_min(rctx *r, size_t b, size_t e, attribution *a, const char *rule,
                          double confidence, size_t min_words, qg_error *err)
{
    actx *c = r->c;
    if (e <= b || count_words(c, b, e) < min_words)
        return QG_OK;
    /* not over a quote already published or a clause already reported; a quoted term inside
     * makes it mixed ("The so-called “experts” were wrong, the minister said") */
    bool holds_marks = false;
    for (size_t k = b; k < e; k++) {
        if (r->published[k] || (r->covered[k] && c->tok[k].quote < 0 && !is_quote_mark_tok(c, k)))
            return QG_OK;
        holds_marks |= c->tok[k].quote >= 0 || is_quote_mark_tok(c, k);
    }
    if (holds_marks) {
        /* whole marks only: the clause must not end inside a quotation */
        if (c->tok[e - 1].quote >= 0 || (b > 0 && c->tok[b].quote >= 0 && c->tok[b - 1].quote >= 0))
            return QG_OK;
    }
    if (!a->found) {
        a->confidence = confidence;
        resolve_speaker(c, a, 0);
        if (a->entity == QG_NONE)
            return QG_OK;
        a->found = true;
        a->rule = rule;
        confidence = a->confidence;
    }
    qg_quote *q = qg_vec_push(&c->doc->quotes);
    if (!q)
        return QG_OOM(err);
    memset(q, 0, sizeof *q);
    q->type = holds_marks ? QG_QUOTE_MIXED : QG_QUOTE_INDIRECT;
    q->content = tspan(c, b, e);
    q->cue = a->cue;
    q->speaker = a->entity;
    q->speaker_mention = a->mention;
    q->confidence = confidence;
    q->rule = rule;
    for (size_t k = b; k < e; k++)
        r->covered[k] = r->published[k] = true;
    return QG_OK;
}

static qg_status emit(rctx *r, size_t b, size_t e, attribution *a, const char *rule,
                      double confidence, qg_error *err)
{
    return emit_min(r, b, e, a, rule, confidence, MIN_CONTENT_WORDS, err);
}

/* First token of a clause at sentence start f: skip connectives and a leading comma. */
static size_t clause_start(const actx *c, size_t f, size_t limit)
{
    size_t k = f;
    /* a dateline: "WASHINGTON —", "NEW YORK (AP) —" */
    size_t d = k;
    while (d < limit && d < k + 6 && ((c->tok[d].flags & QG_TOK_ALLCAPS) || lex_is(c, d, "(") ||
                                      lex_is(c, d, ")") || lex_is(c, d, ",")))
        d++;
    if (d > k && d < limit && (lex_is_punct(c, d, 0x2014) || lex_is_punct(c, d, 0x2015) ||
                               lex_is_punct(c, d, 0x2013) || lex_is(c, d, "-")))
        k = d + 1;
    while (k < limit && (lex_in(c, k, CONNECTIVES) || is_comma(c, k) || is_quote_mark_tok(c, k) ||
                         lex_is(c, k, "—") || lex_is(c, k, "-")))
        k++;
    return k;
}

/* Do the words [b, e) before a tag set the scene rather than report ("At one point", "In
 * an essay in Time", "Six months ago", "As a phone rang", "the next day")? */
static bool scene_setting(const actx *c, size_t b, size_t e)
{
    static const char *const SCENE[] = {"as", "when", "while", "after", "before",
                                        "once", "since", "until", "then", NULL};
    if (b >= e || !lex_is_word(c, b) || lex_in(c, b, PREPOSITIONS) ||
        lex_in(c, b, NOT_CLAUSE_START) || lex_in(c, b, SCENE) || lex_in(c, b, TIME_DETS) ||
        lex_in(c, b, TIME_WORDS) || (c->tok[b].flags & QG_TOK_NUMBER))
        return true;
    for (size_t x = b; x < e; x++)
        if (lex_in(c, x, TIME_NOUNS) || lex_is(c, x, "ago") || lex_is(c, x, "later"))
            return true;
    return false;
}

/* May the words before a mid-sentence tag be a quote of fewer than MIN_CONTENT_WORDS words
 * ("The outreach, they said, raised …", "It was, he said, …")? Not a name with an appositive
 * ("California, the most populous state"), nor an adverbial ("On Tuesday, officials said"). */
static bool short_fragment_ok(const actx *c, size_t b, size_t e)
{
    static const char *const OPENERS[] = {"if", "when", "as", "while", "because", "though",
                                          "although", "unless", "yes", "no", "well", NULL};
    if (b >= e || !lex_is_word(c, b) || lex_in(c, b, PREPOSITIONS) ||
        lex_in(c, b, NOT_CLAUSE_START) || lex_in(c, b, OPENERS))
        return false;
    bool lower = false;
    for (size_t k = b; k < e; k++) {
        if (!lex_is_word(c, k) && !lex_is(c, k, "'s") && !lex_is(c, k, "’s"))
            return false;
        lower |= lex_is_word(c, k) && !lex_is_cap(c, k);
    }
    return lower || np_is_function_word(c, b);
}

/* "CLAUSE, X said." · "CLAUSE, said X." · "CLAUSE, X said, and CLAUSE2" · "A, he said, B". */
static bool reported_tag(rctx *r, size_t cue, size_t f, size_t send, bool thought,
                         bool before_quote, qg_status *st, qg_error *err)
{
    actx *c = r->c;
    if (lex_in(c, cue, NO_COMPLEMENT))
        return false;
    size_t lo = cue > f + TAG_WINDOW ? cue - TAG_WINDOW : f;
    for (size_t comma = cue; comma-- > lo;) {
        if (r->covered[comma] || is_quote_mark_tok(c, comma))
            return false;
        if (!is_comma(c, comma) && !lex_is(c, comma, "—"))
            continue;
        attribution a = {0};
        size_t tag_end;
        /* "…, when the CIA briefed him": a subordinate clause, not a tag */
        static const char *const SUBORDINATORS[] = {"when", "as", "after", "before", "while",
                                                    "because", "since", "if", "although",
                                                    "though", "where", "until", "unless",
                                                    "which", "who", "whom", NULL};
        if (lex_in(c, comma + 1, SUBORDINATORS))
            return false;
        if (comma + 1 == cue) {
            if (!cue_then_subject(c, cue, send, &a))
                continue; /* "…, the city's largest lender, said": an appositive's comma */
            /* "Her neighbour, Omar Siddiq, said the fire started …": what stands before the
             * comma is the subject and its appositive, not a reported clause */
            np whole;
            size_t b0 = clause_start(c, f, comma);
            if (b0 < comma && np_parse(c, b0, comma, &whole) && whole.kind != NP_NONE &&
                (whole.appos_end > whole.end ? whole.appos_end : whole.end) == comma)
                return false;
            tag_end = a.phrase.appos_end > a.phrase.end ? a.phrase.appos_end : a.phrase.end;
        } else {
            np subj;
            if (subject_before(c, comma + 1, cue, true, &subj)) {
                memset(&a, 0, sizeof a);
                a.phrase = subj;
                a.cue = tspan(c, cue, cue + 1);
            } else if (!subject_then_cue(c, comma + 1, cue + 1, &a) ||
                       a.cue.begin != c->tok[cue].begin) {
                /* "a spokesman for Calder Bank, the city's largest lender, said": an
                 * appositive the phrase parser does not know, between commas */
                np p;
                if (!is_comma(c, cue - 1) || !np_parse(c, comma + 1, cue, &p) ||
                    p.kind == NP_NONE || p.end >= cue - 1 || !is_comma(c, p.end))
                    continue;
                bool plain = true;
                for (size_t x = p.end + 1; x < cue - 1 && plain; x++)
                    plain = !is_comma(c, x) && !is_cue_verb_at(c, x) && !r->covered[x];
                if (!plain || cue - 1 - p.end > 10)
                    continue;
                memset(&a, 0, sizeof a);
                a.phrase = p;
                a.cue = tspan(c, cue, cue + 1);
            }
            /* "The city attorney, Paul Dempsey, disagreed.": a subject, its appositive between
             * commas and the cue; what stands before the first comma is a noun phrase, not a
             * reported clause */
            if (is_comma(c, cue - 1)) {
                np whole;
                size_t b0 = clause_start(c, f, comma);
                if (b0 < comma && np_parse(c, b0, comma, &whole) && whole.kind != NP_NONE &&
                    whole.end == comma)
                    return false;
                /* "Rents will rise, the city attorney, Paul Dempsey, said.", "The plan will
                 * fail, Paul Dempsey, a lawyer, said.": the subject stands between the comma
                 * before and this one, and what follows it is its appositive */
                for (size_t c0 = comma; c0-- > b0 + 1 && comma - c0 <= 8;) {
                    if (r->covered[c0] || is_quote_mark_tok(c, c0))
                        break;
                    if (!is_comma(c, c0))
                        continue;
                    np p2;
                    if (np_parse(c, c0 + 1, comma, &p2) && p2.end == comma &&
                        (p2.kind == NP_NAME || p2.kind == NP_ROLE ||
                         (p2.kind == NP_DESC && lex_is(c, p2.start, "the"))) &&
                        !lex_in(c, c0 + 1, SUBORDINATORS)) {
                        np withapp;
                        if (np_parse(c, c0 + 1, cue - 1, &withapp) && withapp.end == comma)
                            p2 = withapp;
                        a.phrase = p2;
                        comma = c0;
                    }
                    break;
                }
            }
            tag_end = cue + 1;
            /* the hearer: "…, Smith told reporters on Monday." */
            np obj;
            if (lex_in(c, cue, HEARER_VERBS) && tag_end < send && np_parse(c, tag_end, send, &obj) &&
                obj.kind != NP_NONE && obj.end > tag_end)
                tag_end = obj.end;
        }
        if (a.phrase.kind == NP_DESC && a.phrase.appos_name.end <= a.phrase.appos_name.begin &&
            !lex_is(c, a.phrase.start, "the") && !lex_is(c, a.phrase.start, "a") &&
            !lex_is(c, a.phrase.start, "an"))
            return false;
        /* after the tag: a time or manner phrase, then the end, ", and CLAUSE" or ", CLAUSE" */
        size_t t = skip_circumstance(c, tag_end, send);
        t = skip_circumstance(c, t, send);
        size_t b = clause_start(c, f, comma);
        /* before the tag of a quote-mark quote, only a part of its clause: "Her countrymen, she
         * said, “…”", "If X wins, he said, “…”"; not a scene-setting phrase ("At one point",
         * "In an essay in Time", "Six months ago") */
        if (before_quote && (scene_setting(c, b, comma) || cue - comma > 4))
            return false;
        bool at_end = true;
        for (size_t x = t; x < send; x++) {
            if (lex_is(c, x, ";") && x == t)
                break; /* "…, analysts say; in 2012, …": the tag ends at the semicolon */
            if (lex_is_word(c, x) || r->covered[x]) {
                at_end = false;
                break;
            }
        }
        if (at_end) {
            *st = emit(r, b, comma, &a, thought ? "reported_belief" : "reported_tag",
                       thought ? 0.6 : 0.85, err);
            return true;
        }
        if (t < send && (is_comma(c, t) || lex_is(c, t, "—"))) {
            size_t after = t + 1;
            bool conj = lex_is(c, after, "and") || lex_is(c, after, "but");
            size_t e2 = clause_end(r, after + conj, send);
            /* "A, she said, and B" gives two quotes; so does "Though A, he said, B"; in
             * "The economy, he said, is improving" only the part after the tag is a clause */
            bool inner = !conj && !is_cue_verb_at(c, after) && short_fragment_ok(c, b, comma);
            *st = emit_min(r, b, comma, &a, thought ? "reported_belief" : "reported_tag",
                           thought ? 0.6 : 0.85, inner ? 1 : MIN_CONTENT_WORDS, err);
            /* not when the part after the tag opens with a cue of its own ("…, said …") */
            if (*st == QG_OK && !is_cue_verb_at(c, after + conj))
                *st = emit(r, after + conj, e2, &a, thought ? "reported_belief" : "reported_tag",
                           thought ? 0.55 : 0.75, err);
            return true;
        }
        return false;
    }
    return false;
}

/* A group or a description the phrase parser does not know, ending right before the cue:
 * "Large majorities of Republican primary voters", "most of them", "People with knowledge of
 * the talks". It is a role-like speaker whose name is the phrase as written. */
static bool generic_subject(const actx *c, size_t from, size_t before, bool singular, np *out)
{
    static const char *const GROUP_HEADS[] = {"them", "others", "some", "many", "most", "both",
                                              "all", "few", "several", "majority", "minority",
                                              "everyone", "everybody", "public", "police",
                                              "people", "staff", "men", "women", "children",
                                              NULL};
    static const char *const STOP[] = {"that", "which", "who", "it", "this", "there", "what",
                                       "these", "those", "if", "whether", "than", NULL};
    size_t s = from;
    while (s < before && (lex_in(c, s, CONNECTIVES) || is_comma(c, s)))
        s++;
    if (s >= before || before - s > 10)
        return false;
    size_t head = before - 1;
    /* a share of those polled: "Only 24 percent said", "About 9% said", "One in three say",
     * "Nearly half said" */
    static const char *const SHARES[] = {"percent", "%", "half", "third", "thirds", "quarter",
                                         "quarters", "fifth", "fifths", NULL};
    static const char *const NUMBERS[] = {"two", "three", "four", "five", "six", "seven", "eight",
                                          "nine", "ten", NULL};
    bool share = lex_in(c, head, SHARES) ||
                 (((c->tok[head].flags & QG_TOK_NUMBER) || lex_in(c, head, NUMBERS)) &&
                  head >= s + 2 && lex_is(c, head - 1, "in") &&
                  (lex_is(c, head - 2, "one") || (c->tok[head - 2].flags & QG_TOK_NUMBER)));
    static const char *const QUALIFIERS[] = {"only", "about", "nearly", "almost", "just",
                                             "roughly", "some", "over", "under", "more",
                                             "fewer", "less", "a", "one", "half", "around",
                                             "another", "just", "exactly", NULL};
    share = share && ((c->tok[s].flags & QG_TOK_NUMBER) || lex_in(c, s, NUMBERS) ||
                      lex_in(c, s, QUALIFIERS) || lex_in(c, s, SHARES));
    if (share && before - s <= 5) {
        for (size_t k = s; k < before; k++)
            if (!lex_is_word(c, k) && !lex_is(c, k, "%") && !lex_is(c, k, "-"))
                return false;
        np_role_as_written(c, s, before, out);
        return true;
    }
    if (!lex_is_word(c, head) || lex_in(c, head, STOP) || lex_in(c, head, BE_FORMS))
        return false;
    const qg_token *h = &c->tok[head];
    bool plural = h->end - h->begin > 3 && c->doc->text[h->end - 1] == 's' &&
                  c->doc->text[h->end - 2] != 's' && !lex_possessive_len(c, head);
    /* a singular head needs a determiner: "One man wrote", "the email said", "another said" */
    static const char *const DETS[] = {"one", "another", "the", "a", "an", "each", "every",
                                       "this", "his", "her", "their", NULL};
    bool determined = (singular && lex_in(c, s, DETS) && before - s <= 5 && !lex_is_cap(c, head)) ||
                      (before - s == 1 && lex_is(c, head, "another")); /* "Yet another said," */
    /* a possessor before the head: "Clinton's campaign", "the company's statement" */
    static const char *const NOT_POSSESSORS[] = {"that", "it", "there", "what", "he", "she",
                                                 "who", "here", "where", "this", "which", "one",
                                                 "everyone", "nobody", NULL};
    bool possessed = false;
    if (head > s && before - s <= 5 && !lex_is_cap(c, head)) {
        size_t pl = lex_possessive_len(c, head - 1);
        if (pl > 0) {
            /* "Clinton's campaign"; not "That's the bet", "It's one reason" */
            const qg_token *t = &c->tok[head - 1];
            size_t n = t->end - t->begin - pl;
            char w[16];
            possessed = true;
            if (n < sizeof w) {
                for (size_t i = 0; i < n; i++) {
                    char ch = c->doc->text[t->begin + i];
                    w[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
                }
                w[n] = 0;
                for (size_t i = 0; NOT_POSSESSORS[i]; i++)
                    if (!strcmp(w, NOT_POSSESSORS[i]))
                        possessed = false;
            }
        } else if (head > s + 1 && (lex_is(c, head - 1, "'s") || lex_is(c, head - 1, "’s"))) {
            possessed = lex_is_word(c, head - 2) && !lex_in(c, head - 2, NOT_POSSESSORS);
        }
    }
    if (!plural && !determined && !possessed && !lex_in(c, head, GROUP_HEADS))
        return false;
    if (!plural && lex_is(c, s, "this") && before - s == 1)
        return false;
    for (size_t k = s; k < before; k++) {
        if (!lex_is_word(c, k) && !lex_is(c, k, "-") && !lex_is(c, k, "'s") &&
            !lex_is(c, k, "’s") && !lex_is(c, k, "%"))
            return false;
        if (k > s && k < head && (is_cue_verb_at(c, k) || lex_in(c, k, STOP) || lex_in(c, k, BE_FORMS)))
            return false;
    }
    memset(out, 0, sizeof *out);
    out->kind = NP_ROLE;
    out->start = s;
    out->end = out->appos_end = before;
    out->text = out->name = tspan(c, s, before);
    /* "Another said", "Others said", "One said": an unnamed person, an anonymous source */
    static const char *const UNNAMED[] = {"another", "others", "one", NULL};
    out->anonymous = before - s == 1 && lex_in(c, s, UNNAMED);
    return true;
}

/* The subject before a cue: the leftmost phrase of [from, cue) that ends right before it
 * (after auxiliaries and adverbs), or the antecedent of "who". */
bool subject_after(const actx *c, size_t cue, size_t limit, np *out)
{
    static const char *const OPENERS[] = {"one", "another", "a", "an", "the", "some", "many",
                                          "several", "two", "three", "most", NULL};
    size_t k = cue + 1;
    while (k < limit && is_adverb(c, k))
        k++;
    if (k >= limit || !(lex_in(c, k, OPENERS) || lex_is_cap(c, k)))
        return false;
    size_t e = k;
    while (e < limit && e < k + 12 && !is_comma(c, e) && !is_final_punct(c, e) &&
           !is_quote_mark_tok(c, e) && !lex_is(c, e, "(") && !is_cue_verb_at(c, e) &&
           !lex_is(c, e, "who") && !lex_is(c, e, "that"))
        e++;
    if (e == k || e - k > 10 || (e < limit && !is_comma(c, e) && !is_final_punct(c, e) &&
                                 !lex_is(c, e, "who") && !lex_is(c, e, "(")))
        return false;
    np_role_as_written(c, k, e, out);
    return true;
}

/* A dash that sets off an aside: "—", "–", or "-" standing alone ("--" is two of them). */
static bool is_aside_dash(const actx *c, size_t k)
{
    if (lex_is(c, k, "—") || lex_is(c, k, "–"))
        return true;
    if (!lex_is(c, k, "-"))
        return false;
    /* not the hyphen of a word ("Moscow-based") */
    bool glued_before = k > 0 && c->tok[k - 1].end == c->tok[k].begin && lex_is_word(c, k - 1);
    bool glued_after = k + 1 < c->ntok && c->tok[k].end == c->tok[k + 1].begin &&
                       lex_is_word(c, k + 1);
    return !glued_before && !glued_after;
}

/* "A woman who saw the crash said", "Residents who attended the meeting said", "An official
 * who was not authorised to speak publicly said": a restrictive relative clause (no commas)
 * between the subject and the cue. The speaker is the phrase before "who" (or before "that"
 * after a person: "people that know him say"), not the last phrase of the relative clause. */
static bool restrictive_relative_subject(const actx *c, size_t from, size_t before, np *out)
{
    for (size_t w = from + 1; w + 1 < before; w++) {
        if (is_quote_mark_tok(c, w) || c->tok[w].quote >= 0 || is_comma(c, w) ||
            lex_is(c, w, ";") || is_cue_verb_at(c, w))
            return false;
        bool who = lex_is(c, w, "who");
        if (!who && !lex_is(c, w, "that"))
            continue;
        /* the relative clause: words only, no comma, no second relative, up to the cue */
        bool clause = true;
        for (size_t x = w + 1; x < before && clause; x++)
            clause = lex_is_word(c, x) && !lex_is(c, x, "who") && !lex_is(c, x, "that");
        if (!clause)
            return false;
        for (size_t s = from; s < w; s++) {
            /* the phrase opens the clause: not the object of a verb or preposition before it */
            if (s > from && !is_comma(c, s - 1) && !lex_in(c, s - 1, CONNECTIVES))
                continue;
            np p;
            if (!np_parse(c, s, w, &p) || p.end != w || p.appos_end > w)
                continue;
            if (p.kind == NP_NONE || p.kind == NP_PRONOUN ||
                (!who && p.kind != NP_ROLE && p.kind != NP_NAME))
                continue;
            *out = p;
            return true;
        }
        /* a bare plural or group the parser does not know: "Residents who attended …" */
        return who && generic_subject(c, from, w, true, out);
    }
    return false;
}

bool subject_before(const actx *c, size_t from, size_t cue, bool singular, np *out)
{
    size_t before = cue;
    while (before > from && is_adverb(c, before - 1))
        before--;
    /* "Rep. Stephen Lynch (D-Mass.) said": a parenthesis after the subject */
    if (before > from + 1 && lex_is(c, before - 1, ")")) {
        size_t x = before - 1;
        while (x > from && before - x < 24 && !lex_is(c, x, "("))
            x--;
        if (lex_is(c, x, "(") && x > from)
            return subject_before(c, from, x, singular, out);
    }
    /* "Kall -- co-editor of a book on the debates -- said": an aside between dashes */
    if (before > from + 2 && is_aside_dash(c, before - 1)) {
        size_t x = before - 1;
        while (x > from && is_aside_dash(c, x - 1))
            x--; /* "--" as two tokens */
        for (size_t y = x; y-- > from + 1 && x - y < 30;) {
            if (is_quote_mark_tok(c, y) || is_aside_dash(c, y)) {
                if (!is_aside_dash(c, y))
                    break;
                while (y > from && is_aside_dash(c, y - 1))
                    y--;
                /* a named speaker only: not "the ruling — with one filed earlier — means" */
                if (y > from && subject_before(c, from, y, singular, out) &&
                    out->kind == NP_NAME)
                    return true;
                break;
            }
        }
    }
    /* "Dunwoody, who worked for Obama in 2008, said", "A senior official, speaking on condition
     * of anonymity, said", "Dr. Anthony Fauci, director of the … Diseases (NIAID), said": a
     * relative clause, participle or appositive between commas after the subject */
    if (before > from + 2 && is_comma(c, before - 1)) {
        /* a relative clause first, however many commas it holds: "Marco Rubio, whose
         * hometown, Miami, is …, argues"; "Sen. Claire McCaskill (D-Mo.), who …, said" */
        for (size_t x = before - 1; x-- > from + 1 && before - x < 40;) {
            if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0)
                break;
            if (!is_comma(c, x) || !lex_in(c, x + 1, RELATIVES))
                continue;
            size_t end = x;
            if (lex_is(c, x - 1, ")")) {
                size_t y = x - 1;
                while (y > from && x - y < 12 && !lex_is(c, y, "("))
                    y--;
                if (lex_is(c, y, "("))
                    end = y;
            }
            for (size_t s2 = from; s2 < end; s2++) {
                np p;
                if (np_parse(c, s2, end, &p) && p.kind != NP_NONE && p.end == end &&
                    p.kind != NP_DESC) {
                    *out = p;
                    return true;
                }
            }
            break;
        }
        /* several asides: "Greg Raiff, chief executive of Private Jet Services, a charter
         * broker, said", "Mr. Manafort, citing “the magic of Trump,” said": the name before the
         * first comma when the words after it open an aside */
        size_t s0 = from;
        while (s0 < before && (lex_in(c, s0, CONNECTIVES) || is_comma(c, s0)))
            s0++;
        size_t commas = 0;
        for (size_t x = s0; x < before - 1; x++)
            commas += is_comma(c, x);
        for (size_t x = s0 + 1; commas >= 2 && x < before - 1 && x < s0 + 8; x++) {
            if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0)
                break;
            if (!is_comma(c, x))
                continue;
            bool opens = lex_in(c, x + 1, RELATIVES) || lex_is_ing(c, x + 1) ||
                         (lex_is_word(c, x + 1) && !lex_is_cap(c, x + 1));
            np p;
            if (opens && np_parse(c, s0, x, &p) && (p.kind == NP_NAME || p.kind == NP_ROLE) &&
                p.end == x) {
                *out = p;
                return true;
            }
            break;
        }
        for (size_t x = before - 1; x-- > from + 1 && before - x < 30;) {
            if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0)
                break;
            if (!is_comma(c, x) || x + 1 >= before)
                continue;
            bool ing = lex_is_ing(c, x + 1);
            bool opens_aside = lex_in(c, x + 1, RELATIVES) || ing ||
                               (lex_is_word(c, x + 1) && !lex_is_cap(c, x + 1));
            if (!opens_aside)
                continue;
            for (size_t s2 = from; s2 < x; s2++) {
                np p;
                /* "In a statement to the Observer, her adviser, X, said": not inside the
                 * opening prepositional phrase */
                bool in_pp = lex_in(c, from, PREPOSITIONS);
                for (size_t y = from; y < s2 && in_pp; y++)
                    in_pp = !is_comma(c, y);
                if (in_pp || (s2 > from && lex_in(c, s2 - 1, PREPOSITIONS)))
                    continue;
                if (np_parse(c, s2, x, &p) && p.kind != NP_NONE && p.end == x &&
                    (p.kind != NP_DESC || lex_is(c, p.start, "a") || lex_is(c, p.start, "an"))) {
                    *out = p;
                    return true;
                }
            }
            break;
        }
    }
    if (before > from && lex_in(c, before - 1, RELATIVES) && before - 1 > from &&
        is_comma(c, before - 2)) {
        /* "Smith, a lawyer, who said": the phrase before the relative */
        size_t end = before - 2;
        for (size_t s = from; s < end; s++) {
            np p;
            if (!np_parse(c, s, end, &p) || p.kind == NP_NONE)
                continue;
            size_t pe = p.appos_end > p.end ? p.appos_end : p.end;
            if (pe == end || (pe + 1 == end && is_comma(c, pe))) {
                *out = p;
                return true;
            }
        }
        return false;
    }
    if (restrictive_relative_subject(c, from, before, out))
        return true;
    for (size_t s = from; s < before; s++) {
        np p;
        if (!np_parse(c, s, before + 1, &p) || p.kind == NP_NONE)
            continue;
        size_t pe = p.appos_end > p.end ? p.appos_end : p.end;
        if (pe < before && is_comma(c, pe))
            pe++;
        /* "Quina Jones, 25, said" */
        if (pe + 2 == before && (c->tok[pe].flags & QG_TOK_NUMBER) && is_comma(c, pe + 1))
            pe = before;
        if (pe == before) {
            /* the object of a preposition is not the subject: in "Police in Ardmore said",
             * "People familiar with the matter said" the speaker is the phrase before it */
            static const char *const PREPS[] = {"in", "of", "with", "for", "at", "from", "on",
                                                "by", "about", "to", "near", "inside", NULL};
            if (s > from + 1 && lex_in(c, s - 1, PREPS)) {
                /* "A letter from the Legion obtained by The Associated Press warns": the
                 * phrase before a participle and its "by" */
                size_t head_end = s - 1;
                if (lex_is(c, s - 1, "by") && s > from + 2 && lex_ends_ed(c, s - 2) &&
                    !lex_is_cap(c, s - 2))
                    head_end = s - 2;
                for (size_t s2 = from; s2 + 1 < s; s2++) {
                    np q;
                    if (np_parse(c, s2, s, &q) && q.kind != NP_NONE &&
                        (q.end == s - 1 || q.end == head_end)) {
                        *out = q;
                        return true;
                    }
                }
                /* no phrase the parser knows: the whole group, as written */
                size_t g = from;
                while (g < s && (lex_in(c, g, CONNECTIVES) || is_comma(c, g)))
                    g++;
                bool words = before - g <= 10;
                for (size_t x = g; x < before && words; x++)
                    words = lex_is_word(c, x) && !is_cue_verb_at(c, x);
                if (g < s - 1 && words) {
                    memset(out, 0, sizeof *out);
                    out->kind = NP_ROLE;
                    out->start = g;
                    out->end = out->appos_end = before;
                    out->text = out->name = tspan(c, g, before);
                    return true;
                }
            }
            *out = p;
            return true;
        }
    }
    return generic_subject(c, from, before, singular, out);
}

/* Where a subject may start: the sentence start or the last clause boundary before the cue. */
static size_t subject_window_start(const rctx *r, size_t f, size_t cue)
{
    const actx *c = r->c;
    static const char *const BOUNDARIES[] = {"and", "but", "while", "because", "as", "when",
                                             "although", "though", "since", "after", "before",
                                             "if", "whereas", ";", NULL};
    /* inside an aside that ends right before the cue ("Stephen Moore, a conservative economist
     * and former board member, said") a conjunction opens no new clause */
    size_t v = cue;
    while (v > f && is_adverb(c, v - 1))
        v--;
    size_t aside_open = SIZE_MAX;
    if (v > f + 2 && is_comma(c, v - 1))
        for (size_t x = v - 1; x-- > f && v - x < 30;)
            if (is_comma(c, x)) {
                aside_open = x;
                break;
            }
    for (size_t k = cue; k-- > f;) {
        if (r->covered[k] || is_quote_mark_tok(c, k))
            return k + 1;
        if (cue - k > 24)
            return k + 1;
        if (aside_open != SIZE_MAX && k > aside_open && k < v - 1 && lex_in(c, k, BOUNDARIES) &&
            !lex_is(c, k, ";"))
            continue;
        if (lex_in(c, k, BOUNDARIES) && cue - k > 1 &&
            !(k > f && lex_is_cap(c, k - 1) && lex_is_cap(c, k + 1))) /* not "Allergy and Infectious" */
            return k + 1;
    }
    return f;
}

/* Can this cue token be the verb of "X CUE CLAUSE"? Verbs of talking without a complement
 * ("speaking", "talked") cannot; an -ing form needs an auxiliary ("is saying"); a form that is
 * also a noun ("comments", "appeals", "emails") needs a named or pronoun subject or "that". */
static bool cue_takes_clause(const actx *c, size_t cue, size_t cue_end, const np *subj)
{
    if (cue_end == cue + 1 && lex_in(c, cue, NO_COMPLEMENT)) /* not "talked about" */
        return false;
    bool ing = lex_is_ing(c, cue);
    if (ing) {
        /* "is saying", "…, citing": not "Trump finding common ground" */
        size_t k = cue;
        while (k > 0 && is_adverb(c, k - 1) && !lex_in(c, k - 1, BE_FORMS))
            k--;
        static const char *const BEFORE_GERUND[] = {"after", "before", "by", "while", "when",
                                                    "in", "without", "for", "since", NULL};
        if (k == 0 || (!lex_in(c, k - 1, BE_FORMS) && !is_comma(c, k - 1) &&
                       !lex_in(c, k - 1, BEFORE_GERUND)))
            return false;
    }
    if (lex_is_cue_class(c, cue, QG_CUE_NOUN) && !lex_is(c, cue + 1, "that") &&
        subj->kind != NP_NAME && subj->kind != NP_PRONOUN)
        return false;
    return true;
}

/* A programme or publication title in quotation marks inside a hearer or an adverbial: "told
 * NBC’s “Meet the Press” that …", "said on “Fox News Sunday” that …". From the opening mark at
 * k: the token after the closing mark when at most 8 words stand between the marks, each
 * capitalised or a short function word, the first capitalised; else k. */
static size_t skip_quoted_title(const actx *c, size_t k, size_t limit)
{
    static const char *const TITLE_SMALL[] = {"the", "of", "a", "an", "and", "for", "in", "on",
                                              "with", "to", "at", "&", NULL};
    if (k + 2 >= limit || !is_quote_mark_tok(c, k) || !lex_is_cap(c, k + 1))
        return k;
    for (size_t x = k + 1; x < limit && x <= k + 9; x++) {
        if (is_quote_mark_tok(c, x))
            return x + 1 < limit ? x + 1 : k;
        if (!(lex_is_word(c, x) && lex_is_cap(c, x)) && !lex_in(c, x, TITLE_SMALL) &&
            !lex_is(c, x, "'s") && !lex_is(c, x, "’s"))
            return k;
    }
    return k;
}

/* The "that" ending the rest of a hearer, looked for over tokens [from, last] (and below
 * limit): words and quoted titles (skip_quoted_title) may stand before it, and when `loose` also
 * commas, a possessive 's and hyphens; a cue verb, a relative or a form of "be" ends the search.
 * Sets *that to its token and returns true; false (and *that untouched) when there is none. */
static bool hearer_that(const actx *c, size_t from, size_t last, size_t limit, bool loose,
                        size_t *that)
{
    for (size_t x = from; x < limit && x <= last; x++) {
        if (lex_is(c, x, "that")) {
            *that = x;
            return true;
        }
        size_t past_title = skip_quoted_title(c, x, limit);
        if (past_title > x) {
            x = past_title - 1;
            continue;
        }
        bool joins = lex_is_word(c, x) ||
                     (loose && (is_comma(c, x) || lex_is(c, x, "'s") || lex_is(c, x, "’s") ||
                                lex_is(c, x, "-")));
        if (!joins || is_cue_verb_at(c, x) || lex_in(c, x, RELATIVES) || lex_in(c, x, BE_FORMS))
            return false;
    }
    return false;
}

/* A longer adverbial before the complementiser, from the preposition at k: "said Thursday
 * during a taping of a town hall in Buffalo, New York, that …", "says on its website that …".
 * Returns the token of "that", or k when the phrase does not end in one within 25 tokens. */
static size_t adverbial_before_that(const actx *c, size_t k, size_t limit)
{
    if (k >= limit || !(lex_in(c, k, PREPOSITIONS) || lex_is(c, k, "following")))
        return k;
    for (size_t x = k + 1; x < limit && x <= k + 25; x++) {
        if (lex_is(c, x, "that"))
            return x;
        size_t past_title = skip_quoted_title(c, x, limit);
        if (past_title > x) {
            x = past_title - 1;
            continue;
        }
        if (!lex_is_word(c, x) && !is_comma(c, x) && !lex_is(c, x, "'s") &&
            !lex_is(c, x, "’s") && !lex_is(c, x, "-") && !lex_is(c, x, "."))
            return k;
        /* a cue verb ends the adverbial; a noun of saying inside it does not ("said in her
         * opening remarks that …") */
        if ((is_cue_verb_at(c, x) && !(lex_is_cue_class(c, x, QG_CUE_NOUN) && x > k + 1 &&
                                       lex_is_word(c, x - 1) && !lex_is_cap(c, x - 1) &&
                                       !lex_in(c, x - 1, RELATIVES))) ||
            lex_in(c, x, RELATIVES))
            return k;
    }
    return k;
}

/* Where the reported content starts after the cue at token cue: past an adverb, a particle
 * ("called for"), a hearer ("told reporters"), time and place phrases and the complementiser.
 * Returns limit when nothing else stands before limit. */
static size_t multiword_cue(const actx *c, size_t k, size_t send);

static size_t content_start_at(const actx *c, size_t cue, size_t limit)
{
    size_t k = cue + 1;
    /* "as Ms. Simonyan put it in a statement, RT is …" */
    if (k < limit && lex_is(c, k, "it") && (lex_is(c, cue, "put") || lex_is(c, cue, "puts")))
        k++;
    /* a cue of several words: "remarked upon", "talks of", "pointed out" */
    size_t n = multiword_cue(c, cue, limit);
    if (n > 1)
        k = cue + n;
    /* an adverb after the cue ("adding hopefully that …") */
    if (k + 1 < limit && is_adverb(c, k) && !lex_is_cap(c, k))
        k++;
    /* phrasal cues: "called for …", "called on X to …", "talked about …" */
    if (k < limit && (lex_is(c, k, "about") ||
                      (lex_in(c, cue, CALL_VERBS) && (lex_is(c, k, "for") || lex_is(c, k, "on")))))
        return k + 1;
    if (lex_in(c, cue, HEARER_VERBS) && k < limit && !lex_is(c, k, "that")) {
        np obj;
        if (np_parse(c, k, limit, &obj) && obj.kind != NP_NONE && obj.end < limit) {
            k = obj.end;
            /* "told El Universal newspaper on Tuesday that …": the rest of the hearer */
            hearer_that(c, k, obj.end + 6, limit, false, &k);
        } else {
            /* a hearer the phrase parser does not read: "telling holdouts for the Vermont
             * senator that …", "told one of his protégés on a regular basis that …" */
            hearer_that(c, k + 1, k + 15, limit, true, &k);
        }
    }
    /* a noun of saying as the object: "repeated his claim that …", "expressed confidence that
     * …", "continued his warnings that …" */
    {
        static const char *const OBJ_DETS[] = {"his", "her", "their", "its", "the", "a", "an",
                                               "our", "my", "your", NULL};
        static const char *const STANCE_NOUNS[] = {"confidence", "hope", "hopes", "belief",
                                                   "view", "fear", "fears", "concern",
                                                   "concerns", "doubt", "doubts", NULL};
        size_t x = k;
        if (x < limit && lex_in(c, x, OBJ_DETS))
            x++;
        if (x + 1 < limit && lex_is_word(c, x) && !lex_is_cap(c, x) &&
            (lex_is_cue_class(c, x, QG_CUE_NOUN) || lex_in(c, x, STANCE_NOUNS)) &&
            lex_is(c, x + 1, "that"))
            k = x + 1;
    }
    k = adverbial_before_that(c, k, limit);
    k = skip_circumstance(c, k, limit);
    k = adverbial_before_that(c, k, limit);
    k = skip_circumstance(c, k, limit);
    if (k < limit && is_comma(c, k) && k > cue + 1)
        k++;
    /* "said, however, that …": an adverb between commas before the complementiser */
    if (k + 3 < limit && is_comma(c, k) && (is_adverb(c, k + 1) || lex_in(c, k + 1, CONNECTIVES)) &&
        is_comma(c, k + 2) &&
        lex_is(c, k + 3, "that"))
        k += 3;
    /* more phrases between commas: "announced on her Facebook page, in all capital letters, “" */
    for (int more = 0; more < 3 && k < limit && k > cue + 1 && lex_in(c, k, PREPOSITIONS); more++) {
        size_t k2 = skip_circumstance(c, k, limit);
        if (k2 == k)
            break;
        if (k2 >= limit) {
            k = limit;
            break;
        }
        if (!is_comma(c, k2))
            break;
        k = k2 + 1;
    }
    k = adverbial_before_that(c, k, limit);
    /* the cue's own preposition ("remarked upon the fact …", "railed at the “…”", "warned
     * of …"): the content is its object */
    static const char *const CUE_PARTICLES[] = {"about", "upon", "of", "against", "at", "over", NULL};
    if (k + 1 < limit && k <= cue + 2 && lex_in(c, k, CUE_PARTICLES) && lex_is_word(c, k + 1))
        k++;
    if (k < limit && lex_is(c, k, "that")) {
        k++;
        /* "added that, based on what he has seen, Curiel …": an aside after the complementiser */
        if (k < limit && is_comma(c, k)) {
            for (size_t x = k + 1; x < limit && x <= k + 15; x++) {
                if (is_comma(c, x)) {
                    if (x + 1 < limit)
                        k = x + 1;
                    break;
                }
                if (!lex_is_word(c, x) || is_cue_verb_at(c, x))
                    break;
            }
        }
    }
    return k < limit ? k : limit;
}

size_t reported_content_start(const actx *c, size_t cue, size_t limit)
{
    size_t k = content_start_at(c, cue, limit);
    if (k >= limit && k - 1 > cue && lex_is(c, k - 1, "that"))
        return limit; /* "told reporters that “…”": the clause is the quotation, without "that" */
    return k < limit ? k : cue + 1;
}

bool reported_content_empty(const actx *c, size_t cue, size_t limit)
{
    return content_start_at(c, cue, limit) >= limit && !(limit > cue + 1 && lex_is(c, limit - 1, "that"));
}

/* Is the cue a past tense ("noted", "said", "wrote")? After a singular description ("The
 * story noted") only a past tense is surely a verb: "the Democratic nominating contest",
 * "the tweet in question", "a warm-up band called …" are not speech. */
static bool past_tense_cue(const actx *c, size_t cue)
{
    static const char *const IRREGULAR[] = {"said", "told", "wrote", "thought", "knew", "felt",
                                            "saw", "found", "held", NULL};
    const qg_token *t = &c->tok[cue];
    size_t n = t->end - t->begin;
    if (lex_is(c, cue, "called") || lex_is(c, cue, "quoted") || lex_is(c, cue, "repeated"))
        return false;
    return lex_in(c, cue, IRREGULAR) ||
           (n > 4 && !memcmp(c->doc->text + t->end - 2, "ed", 2));
}

/* "X said (that) CLAUSE" · "X told Y (that) CLAUSE" · "X, who said CLAUSE". */
static bool reported_clause(rctx *r, size_t cue, size_t cue_end, size_t f, size_t send,
                            cue_kind kind, qg_status *st, qg_error *err)
{
    bool evidence = kind == CUE_EVIDENCE;
    actx *c = r->c;
    size_t anchor = verb_group_start(c, f, cue);
    size_t from = subject_window_start(r, f, anchor);
    np subj;
    size_t before = anchor;
    if (before > f && (lex_is(c, before - 1, "and") || lex_is(c, before - 1, "but")) &&
        (from == before || !subject_before(c, from, anchor, false, &subj))) {
        /* "Mr. Schultz supported Democrats …, and said …": the subject of the sentence */
        size_t s0 = clause_start(c, f, before);
        if (!np_parse(c, s0, before, &subj) || subj.kind == NP_NONE ||
            !phrase_can_speak(c, &subj, evidence))
            return false;
    } else if (!subject_before(c, from, anchor, past_tense_cue(c, cue), &subj) ||
               !phrase_can_speak(c, &subj, evidence)) {
        return false;
    }
    if (subj.end < cue && (lex_is(c, subj.end, "who") || lex_is(c, subj.end, "that"))) {
        /* "An official who was not authorised to speak publicly said": a negation inside the
         * relative clause is not the cue's; only the verb group of the cue counts ("A man who
         * lives nearby did not say", "… refused to say") */
        static const char *const AUX[] = {"do", "does", "did", "would", "will", "could", "can",
                                          "has", "have", "had", "may", "might", "should",
                                          "to", NULL};
        size_t g = cue;
        while (g > subj.end + 1 && (is_adverb(c, g - 1) || lex_in(c, g - 1, NEGATIONS) ||
                                    lex_in(c, g - 1, WITHHOLDING) || lex_in(c, g - 1, AUX)))
            g--;
        for (size_t k = g; k < cue; k++) {
            const qg_token *t = &c->tok[k];
            size_t n = t->end - t->begin;
            if (lex_in(c, k, NEGATIONS) || lex_in(c, k, WITHHOLDING) ||
                (n >= 3 && !memcmp(c->doc->text + t->end - 3, "n't", 3)) ||
                (n >= 5 && !memcmp(c->doc->text + t->end - 5, "n’t", 5)))
                return false;
        }
    } else if (negated(c, subj.end, cue)) {
        return false;
    }
    if (!cue_takes_clause(c, cue, cue_end, &subj))
        return false;
    size_t k = cue_end;
    /* the hearer: "told reporters", "told the BBC", "assured him" */
    if (cue_end == cue + 1 && lex_in(c, cue, HEARER_VERBS) && k < send && !lex_is(c, k, "that")) {
        np obj;
        if (np_parse(c, k, send, &obj) && obj.kind != NP_NONE)
            k = obj.end;
    }
    k = skip_circumstance(c, k, send);
    k = skip_circumstance(c, k, send);
    if (k < send && is_comma(c, k) && k > cue_end) {
        /* "said in a statement, that …" is rare; "said on Tuesday, …" ends the lead-in */
        k++;
    }
    bool that = k < send && lex_is(c, k, "that");
    if (that)
        k++;
    /* "wants to build a wall", "promised to cut taxes": an intention is reported */
    bool intention = k < send && lex_is(c, k, "to") && k + 1 < send && lex_is_word(c, k + 1) &&
                     lex_in(c, cue, INTENTION_VERBS);
    /* after "that" a clause may open with an adverbial ("said that for now, …"); "said that to
     * me", "said that about" keep "that" a pronoun */
    bool opens = !lex_in(c, k, NOT_CLAUSE_START) ||
                 (that && !lex_is(c, k, "to") && !lex_is(c, k, "about") && !lex_is(c, k, "of"));
    if (k >= send || !lex_is_word(c, k) || (!opens && !intention))
        return false;
    /* "People who know him say he is honest": an object pronoun, then the cue of the main
     * clause; the first cue is inside a relative clause on the subject */
    static const char *const OBJECT_PRONOUNS[] = {"him", "them", "me", "us", NULL};
    if (!that && lex_in(c, k, OBJECT_PRONOUNS) && k + 1 < send && is_cue_verb_at(c, k + 1) &&
        !lex_is_ing(c, k + 1))
        return false;
    size_t e = clause_end(r, k, send);
    attribution a = {0};
    a.phrase = subj;
    a.cue = tspan(c, cue, cue_end);
    if (kind == CUE_THOUGHT && subj.kind == NP_PRONOUN && lex_is(c, subj.start, "it") &&
        !intention)
        return false; /* "it means that"; not "it wants to build new routes" */
    *st = emit(r, k, e, &a, kind == CUE_THOUGHT ? "reported_belief" : "reported_clause",
               kind == CUE_SPEECH ? 0.8 : kind == CUE_THOUGHT ? 0.6 : 0.7, err);
    return true;
}

/* "The town released a statement Wednesday saying …", "issued a tweet saying …": a participle
 * cue right after a document noun (a time word between allowed) describes the document, and
 * the document's author speaks: the phrase from token s up to the verb that put the document
 * out. Fills *author and returns true when so. */
static bool document_author(const actx *c, size_t s, size_t cue, np *author)
{
    static const char *const DOCUMENTS[] = {"statement", "statements", "tweet", "tweets",
                                            "letter", "email", "e-mail", "memo", "post",
                                            "release", "message", "note", "report", NULL};
    if (cue < s + 3 || !lex_is_ing(c, cue))
        return false;
    size_t x = cue - 1;
    if (x > s + 2 && lex_in(c, x, TIME_WORDS))
        x--;
    if (!lex_in(c, x, DOCUMENTS) || lex_is_cap(c, x))
        return false;
    for (size_t y = s + 1; y < x; y++)
        if (looks_like_verb(c, y))
            return np_parse(c, s, y, author) && author->kind != NP_NONE && author->end == y;
    return false;
}

/* "…, saying (that) CLAUSE": the subject of the sentence speaks. */
static bool participle(rctx *r, size_t cue, size_t cue_end, size_t f, size_t send, qg_status *st,
                       qg_error *err)
{
    actx *c = r->c;
    bool ing = lex_is_ing(c, cue);
    np author;
    bool after_document = ing && cue > f + 1 && !is_comma(c, cue - 1) &&
                          document_author(c, clause_start(c, f, cue), cue, &author);
    if (!ing || cue == f || !(is_comma(c, cue - 1) || after_document))
        return false;
    /* the subject: that of a tag after a quote ("“…,” she said, adding that …"), else the
     * phrase that opens the clause */
    size_t s = f;
    for (size_t x = f; x < cue; x++)
        if (r->published[x] || c->tok[x].quote >= 0 || is_quote_mark_tok(c, x))
            s = x + 1;
    s = clause_start(c, s, cue);
    np subj;
    if (after_document) {
        if (!phrase_can_speak(c, &author, false))
            return false;
        subj = author;
    } else if (!np_parse(c, s, cue, &subj) || !phrase_can_speak(c, &subj, false)) {
        /* "“…,” said Ms. Conway, adding …" */
        if (!lex_is_speech_cue(c, s) || !np_parse(c, s + 1, cue, &subj) ||
            !phrase_can_speak(c, &subj, false))
            return false;
    }
    size_t k = cue_end;
    if (cue_end == cue + 1 && lex_in(c, cue, HEARER_VERBS) && k < send && !lex_is(c, k, "that")) {
        np obj;
        if (np_parse(c, k, send, &obj) && obj.kind != NP_NONE)
            k = obj.end;
    }
    if (k < send && lex_is(c, k, "that"))
        k++;
    if (k >= send || !lex_is_word(c, k) || lex_in(c, k, NOT_CLAUSE_START))
        return false;
    attribution a = {0};
    a.phrase = subj;
    a.cue = tspan(c, cue, cue_end);
    *st = emit(r, k, clause_end(r, k, send), &a, "participle", 0.65, err);
    return true;
}

/* The source after "according to": "a survey by the Dunmore Housing Trust" → the trust. */
static bool according_source(const actx *c, size_t k, size_t limit, np *out)
{
    size_t x = k;
    if (x < limit && lex_is_article(c, x))
        x++;
    for (size_t y = x; y < limit && y < x + 4; y++) {
        if (lex_in(c, y, DOCUMENT_WORDS) && y + 1 < limit && lex_in(c, y + 1, BY_PREPS) &&
            np_parse(c, y + 2, limit, out) && out->kind != NP_NONE)
            return true;
        if (!lex_is_word(c, y))
            break;
    }
    if (np_parse(c, k, limit, out) && out->kind != NP_NONE)
        return true;
    /* a source the phrase parser does not know ("recent polls", "a CNN tally", "federal
     * statistics"): the words up to the comma or the end of the sentence, as written */
    size_t e = k;
    while (e < limit && e < k + 14 && !is_comma(c, e) && !is_final_punct(c, e) &&
           !is_quote_mark_tok(c, e) && !lex_is(c, e, "—") && !lex_is(c, e, "("))
        e++;
    if (e == k || e >= k + 14 || (e < limit && !is_comma(c, e) && !is_final_punct(c, e)))
        return false;
    for (size_t y = k; y < e; y++)
        if (!lex_is_word(c, y) && !lex_is(c, y, "-") && !lex_is(c, y, "'s") && !lex_is(c, y, "’s") &&
            !lex_is(c, y, "/"))
            return false;
    np_role_as_written(c, k, e, out);
    return true;
}

/* "according to X, CLAUSE" · "CLAUSE, according to X". */
static bool according_to(rctx *r, size_t k, size_t f, size_t send, qg_status *st, qg_error *err)
{
    actx *c = r->c;
    if (!lex_is(c, k, "according") || k + 1 >= send || !lex_is(c, k + 1, "to"))
        return false;
    np src;
    if (!according_source(c, k + 2, send, &src))
        return false;
    attribution a = {0};
    a.phrase = src;
    a.cue = tspan(c, k, k + 2);
    size_t b = clause_start(c, f, k);
    if (k > f && (lex_is(c, k - 1, ":") || lex_is(c, k - 1, ";")))
        b = k; /* "…: According to X, CLAUSE" */
    if (b == k) {
        /* "According to X, CLAUSE": the clause after the source's comma */
        size_t x = src.end; /* not its "appositive": that is the clause */
        /* unless the appositive gives a role and closes with its own comma: "According to Ellen
         * Ward, the head of Marlow Transit, the new buses …" */
        if (src.appos_end > src.end && src.appos_end + 1 < send && is_comma(c, src.appos_end) &&
            (src.role.end > src.role.begin || src.org.end > src.org.begin) &&
            lex_is_word(c, src.appos_end + 1) && !lex_in(c, src.appos_end + 1, RELATIVES) &&
            !lex_is_ing(c, src.appos_end + 1) && src.appos_end - src.end <= 12) {
            /* a noun phrase only: not "According to The Guardian, an email was sent from the
             * club's director, X, to …" */
            bool verbless = true;
            for (size_t y = src.end; y < src.appos_end && verbless; y++)
                verbless = !lex_in(c, y, BE_FORMS) && !looks_like_verb(c, y) &&
                           !lex_is_speech_cue(c, y);
            if (verbless)
                x = src.appos_end;
        }
        while (x < send && !is_comma(c, x) && x < src.end + 12)
            x++;
        /* an age: "According to Ellen Ward, 45, the pier …" */
        if (x + 3 < send && is_comma(c, x) && (c->tok[x + 1].flags & QG_TOK_NUMBER) &&
            is_comma(c, x + 2) && lex_is_word(c, x + 3))
            x += 2;
        if (x >= send || !is_comma(c, x))
            return false;
        *st = emit(r, x + 1, clause_end(r, x + 1, send), &a, "according_to", 0.8, err);
        return true;
    }
    size_t e = k;
    while (e > b && (is_comma(c, e - 1) || lex_is(c, e - 1, "—") || lex_is(c, e - 1, "(")))
        e--;
    /* "Fundraising, according to the campaign, has surged": the clause goes on after the
     * source; both parts are reported, the first even when short, unless it sets the scene
     * ("But the next day, according to Roffman, Trump made …") */
    size_t x = src.end; /* "according to Lina Aro, the pier was closed": not an appositive */
    bool fragment = count_words(c, b, e) <= 4;
    if (!fragment && scene_setting(c, b, e) && count_words(c, b, e) <= 8) {
        fragment = true; /* "Later that evening in the capital, according to …" */
        for (size_t y = b; y < e; y++)
            fragment &= !is_comma(c, y);
    }
    if (fragment && x < send && is_comma(c, x) && e < k && is_comma(c, e)) {
        size_t after = x + 1;
        /* not the source's own appositive or relative: "…, a pollster who", "…, which tracks" */
        static const char *const NOT_AFTER[] = {"which", "who", "whom", "whose", "where", "and",
                                                "or", "but", "including", "compared", "a", "an",
                                                "one", NULL};
        bool words = after < send && !lex_in(c, after, NOT_AFTER) && !lex_is_ing(c, after);
        if (words) {
            if (!scene_setting(c, b, e))
                *st = emit_min(r, b, e, &a, "according_to", 0.8,
                               short_fragment_ok(c, b, e) ? 1 : MIN_CONTENT_WORDS, err);
            if (*st == QG_OK)
                *st = emit(r, after, clause_end(r, after, send), &a, "according_to", 0.75, err);
            return true;
        }
    }
    *st = emit(r, b, e, &a, "according_to", 0.8, err);
    return true;
}

/* "X's claim that CLAUSE" · "the statement by X that CLAUSE". */
static bool cue_noun(rctx *r, size_t k, size_t send, qg_status *st, qg_error *err)
{
    actx *c = r->c;
    if (lex_is_cap(c, k) || !lex_is_cue_class(c, k, QG_CUE_NOUN))
        return false;
    np src = {0};
    size_t that;
    if (k + 1 < send && lex_is(c, k + 1, "that")) {
        /* the possessor before the noun: "Clinton's claim that", "his assertion that" */
        if (k == 0)
            return false;
        size_t p = k - 1;
        int g;
        if (lex_possessive_len(c, p) == 0 && !lex_is(c, p, "his") && !lex_is(c, p, "her") &&
            !lex_is(c, p, "their") && !lex_is(c, p, "its"))
            return false;
        if (np_is_pronoun(c, p, &g) || lex_is(c, p, "his") || lex_is(c, p, "her") ||
            lex_is(c, p, "their") || lex_is(c, p, "its")) {
            /* a possessive determiner: resolve like the pronoun */
            memset(&src, 0, sizeof src);
            src.kind = NP_PRONOUN;
            src.start = p;
            src.end = p + 1;
            src.gender = lex_is(c, p, "his") ? 'm' : lex_is(c, p, "her") ? 'f' : 0;
            src.text = src.name = tspan(c, p, p + 1);
            src.appos_end = src.end;
        } else {
            size_t s = p;
            while (s > 0 && p - s < 5 && lex_is_cap(c, s - 1))
                s--;
            if (!np_parse(c, s, p + 1, &src) || src.kind == NP_NONE)
                return false;
        }
        that = k + 1;
    } else if (k + 2 < send && lex_is(c, k + 1, "by")) {
        if (!np_parse(c, k + 2, send, &src) || src.kind == NP_NONE || src.kind == NP_PRONOUN)
            return false;
        that = src.appos_end > src.end ? src.appos_end : src.end;
        if (that >= send || !lex_is(c, that, "that"))
            return false;
    } else {
        return false;
    }
    size_t b = that + 1;
    if (b >= send || !lex_is_word(c, b))
        return false;
    attribution a = {0};
    a.phrase = src;
    a.cue = tspan(c, k, k + 1);
    *st = emit(r, b, clause_end(r, b, send), &a, "cue_noun", 0.7, err);
    return true;
}

/* The subject of a cue before a quoted term: the phrase before it, the subject of the
 * sentence for "…, and said" and "…, calling". */
static bool subject_of_cue(const rctx *r, size_t cue, size_t f, np *out)
{
    const actx *c = r->c;
    size_t before = cue;
    while (before > f && is_adverb(c, before - 1))
        before--;
    size_t from = subject_window_start(r, f, cue);
    if (before > f && (lex_is(c, before - 1, "and") || is_comma(c, before - 1))) {
        size_t s0 = clause_start(c, f, before);
        if (np_parse(c, s0, before, out) && out->kind != NP_NONE && out->kind != NP_DESC)
            return true;
        /* "In an interview, Trump doubled down … and said": the subject after an opening
         * adverbial */
        for (size_t x = s0 + 1; x < before && x < s0 + 12; x++)
            if (is_comma(c, x) || is_quote_mark_tok(c, x)) {
                if (is_comma(c, x) && x + 1 < before && np_parse(c, x + 1, before, out) &&
                    out->kind != NP_NONE && out->kind != NP_DESC && out->end < before &&
                    lex_is_word(c, out->end) && !lex_is_cap(c, out->end))
                    return true;
                break;
            }
        return false;
    }
    if (document_author(c, clause_start(c, f, cue), cue, out))
        return true;
    return subject_before(c, from, cue, false, out) && out->kind != NP_DESC;
}

bool relative_before_mark(const actx *c, size_t b, size_t open)
{
    static const char *const REL[] = {"that", "which", "who", NULL};
    static const char *const MODALS[] = {"could", "would", "will", "can", "may", "might",
                                         "should", "must", NULL};
    for (size_t x = b + 1; x + 1 < open; x++)
        if (lex_in(c, x, REL) && lex_is_word(c, x - 1) && !lex_is_cap(c, x - 1) &&
            !lex_in(c, x - 1, REL) && lex_in(c, x + 1, MODALS))
            return true;
    return false;
}

/* End (exclusive) of a mixed clause that starts at b and holds the mark at open: not into a
 * published quote, nor past a comma that opens another clause with its own cue, without the
 * final punctuation. */
static size_t mixed_clause_end(const rctx *r, size_t b, size_t open, size_t send)
{
    const actx *c = r->c;
    size_t e = b;
    while (e < send && !r->published[e])
        e++;
    for (size_t y = open + 1; y < e; y++)
        if ((is_comma(c, y) || lex_is(c, y, ";")) && c->tok[y].quote < 0) {
            bool cue_after = false;
            for (size_t z = y + 1; z < e && !cue_after; z++)
                cue_after = c->tok[z].quote < 0 && is_cue_verb_at(c, z);
            if (cue_after) {
                e = y;
                break;
            }
        }
    /* "… was “ignorant” of Islam and criticized him", "… “on paper” but suggesting …": the
     * clause ends at a closing mark before "but", "while" or a coordinated second verb */
    for (size_t y = open + 1; y + 1 < e; y++) {
        if (!(c->tok[y].flags & QG_TOK_CLOSE) || c->tok[y].quote >= 0)
            continue;
        if (lex_in(c, y + 1, CLAUSE_ENDERS)) {
            e = y + 1;
            break;
        }
        for (size_t z = y + 1; z + 1 < e; z++) {
            if (is_quote_mark_tok(c, z) || c->tok[z].quote >= 0)
                break;
            if (lex_is(c, z, "and") && looks_like_verb(c, z + 1)) {
                e = z;
                break;
            }
        }
        break;
    }
    while (e > b && (is_final_punct(c, e - 1) && !is_quote_mark_tok(c, e - 1)))
        e--;
    return e;
}

/* The mixed clause from token b around the mark at open, with the speaker of subj and the cue:
 * its end (mixed_clause_end) must lie past the quotation and subj must resolve to an entity.
 * Fills *b_out, *e_out and *a_out (the resolved attribution) and returns true when so. */
static bool mixed_clause_found(rctx *r, size_t b, size_t open, size_t send, const np *subj,
                               qg_span cue, double confidence, size_t *b_out, size_t *e_out,
                               attribution *a_out)
{
    size_t e = mixed_clause_end(r, b, open, send);
    if (e <= open + 1)
        return false;
    attribution a = {0};
    a.phrase = *subj;
    a.cue = cue;
    a.confidence = confidence;
    resolve_speaker(r->c, &a, 0);
    if (a.entity == QG_NONE)
        return false;
    *b_out = b;
    *e_out = e;
    *a_out = a;
    return true;
}

/* Does token k look like a finite verb after a subject: a past or third-person form
 * ("referred", "calls") or an auxiliary ("has", "would")? */
static bool looks_finite(const actx *c, size_t k)
{
    static const char *const AUX[] = {"has", "had", "have", "would", "will", "could", "can",
                                      "did", "does", "do", "is", "was", "are", "were", "should",
                                      "may", "might", "must", NULL};
    if (lex_in(c, k, AUX))
        return true;
    if (lex_ends_ed(c, k))
        return true;
    const qg_token *t = &c->tok[k];
    size_t n = t->end - t->begin;
    const char *w = c->doc->text + t->begin;
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's';
}

/* A scare quote in a clause whose subject is a named person or a pronoun, with no cue: the
 * quoted words are read as the subject's ("Bush referred to Rubio as “a bright, charismatic
 * leader”"; the journalistic convention that PolNeAR annotates as mixed). The clause runs from
 * after the subject's verb. A description ("A British bank … could give spies a ‘back door’")
 * is not enough. */
static bool subject_clause_around(rctx *r, size_t open, size_t f, size_t send, size_t *b_out,
                                  size_t *e_out, attribution *a_out)
{
    actx *c = r->c;
    if (open - f > 80)
        f = open - 80; /* the subject is near: keeps a sentence of thousands of marks linear */
    size_t s0 = clause_start(c, f, open);
    /* a clause of its own: "…, while Trump refers to the governor as “Chris.”" */
    static const char *const CLAUSE_LINKS[] = {"while", "whereas", "although", "though",
                                               "because", "but", "and", ";", NULL};
    size_t w = subject_window_start(r, f, open);
    if (w > s0 && w > f && lex_in(c, w - 1, CLAUSE_LINKS))
        s0 = w;
    /* after an opening adverbial: "In May, Trump …" */
    for (size_t x = s0; x < open && x < s0 + 10; x++)
        if (is_comma(c, x)) {
            if (!lex_is_cap(c, s0) || lex_in(c, s0, PREPOSITIONS))
                s0 = x + 1;
            break;
        }
    np subj;
    if (s0 >= open || !np_parse(c, s0, open, &subj) ||
        (subj.kind != NP_NAME && subj.kind != NP_PRONOUN))
        return false;
    size_t v = subj.appos_end > subj.end ? subj.appos_end : subj.end;
    if (v < open && is_comma(c, v))
        v++;
    while (v < open && is_adverb(c, v))
        v++;
    if (v >= open || !lex_is_word(c, v) || lex_is_cap(c, v) || lex_in(c, v, PREPOSITIONS) ||
        lex_is(c, v, "of") || open - v > 25 || !looks_finite(c, v))
        return false;
    for (size_t y = v; y < open; y++)
        if (r->published[y] || c->tok[y].quote >= 0 || is_quote_mark_tok(c, y) ||
            lex_in(c, y, RELATIVES) || lex_is(c, y, ";"))
            return false;
    size_t z = send;
    while (z > open && (is_quote_mark_tok(c, z - 1) || lex_is(c, z - 1, ")")))
        z--;
    if (z <= open || !is_final_punct(c, z - 1))
        return false; /* a headline or a caption, not a sentence */
    size_t b = v + 1;
    while (b < open && (lex_in(c, b, BE_FORMS) || is_adverb(c, b)))
        b++;
    /* the verb's particle or preposition, and an infinitive after it, stand before the clause:
     * "referred to her as “…”", "continued to portray “illegal” immigrants …", "launched into
     * a lament for …" */
    static const char *const PARTICLES[] = {"to", "into", "along", "about", "for", "at", "on",
                                            "upon", NULL};
    if (b < open && lex_in(c, b, PARTICLES)) {
        b++;
        if (b < open && lex_is(c, b - 1, "to") && looks_like_verb(c, b) && !lex_is_ing(c, b))
            b++; /* an infinitive ("to portray") */
    }
    if (relative_before_mark(c, b, open))
        return false;
    if (!mixed_clause_found(r, b, open, send, &subj, tspan(c, v, v + 1), 0.5, b_out, e_out, a_out))
        return false;
    qg_entity_kind ek = c->doc->entities.items[a_out->entity].kind;
    return ek == QG_ENTITY_PERSON || ek == QG_ENTITY_ROLE;
}

/* The reported clause around the quotation mark at token open, in the sentence [f, send): a
 * cue within 25 tokens before the mark with a subject ("Hoover estimated that there are “…”").
 * On success *b and *e are the clause's tokens (from the content start to the clause end, marks
 * included), a holds the resolved speaker and cue. */
static bool clause_around(rctx *r, size_t open, size_t f, size_t send, size_t *b_out,
                          size_t *e_out, attribution *a_out)
{
    actx *c = r->c;
    for (size_t x = open; x-- > f && open - x <= 40;) {
        if (r->published[x])
            break;
        if (c->tok[x].quote >= 0 || is_quote_mark_tok(c, x) || lex_is_cap(c, x))
            continue;
        if (lex_in(c, x, NO_COMPLEMENT))
            continue; /* "spoke on the BBC's “Today” programme": talking reports no words */
        bool speech = is_cue_verb_at(c, x);
        bool evidence = !speech && lex_is_cue_class(c, x, QG_CUE_EVIDENCE);
        if (!speech && !evidence && !lex_is_cue_class(c, x, QG_CUE_THOUGHT))
            continue;
        np subj;
        bool found = false;
        if (!passive_or_infinitive(c, x))
            found = subject_of_cue(r, x, f, &subj);
        else if (x > 1 && lex_is(c, x - 1, "to") && !lex_in(c, x - 2, BE_FORMS)) {
            /* "Trump took to Twitter to accuse X of being “duped”", "tried to argue that …":
             * the quoted words are the subject's, whatever the verb that governs the
             * infinitive */
            size_t from = subject_window_start(r, f, x);
            size_t y0 = x > from + 8 ? x - 8 : from + 1;
            for (size_t y = y0; y + 1 < x && !found; y++)
                if (lex_is_word(c, y) && !lex_is_cap(c, y))
                    found = subject_before(c, from, y, false, &subj) &&
                            (subj.kind == NP_NAME || subj.kind == NP_PRONOUN || subj.kind == NP_ROLE);
        }
        if (!found)
            continue; /* an inner verb ("her campaign would continue"): look further */
        if (evidence && subj.kind != NP_NAME && !phrase_can_speak(c, &subj, true))
            continue; /* "Hoover estimated": a person's estimate reports; "the data show" not */
        if (negated(c, subj.end, x))
            return false;
        size_t b = reported_content_start(c, x, open + 1);
        if (b > open)
            b = open;
        if (relative_before_mark(c, b, open))
            return false;
        if (!mixed_clause_found(r, b, open, send, &subj, tspan(c, x, x + 1), speech ? 0.75 : 0.6,
                                b_out, e_out, a_out))
            return false;
        r->covered_cue[x] = true;
        return true;
    }
    return false;
}

static bool according_source(const actx *c, size_t k, size_t limit, np *out);

/* "According to Trump, he was once part of the establishment, but is now “the worst thing …”",
 * "Over the long term, according to the budget office, the rise … ''is mainly attributable …''":
 * a quotation in the clause after an "according to X," of its sentence. */
static bool according_clause(rctx *r, size_t open, size_t f, size_t send, size_t *b_out,
                             size_t *e_out, attribution *a_out)
{
    actx *c = r->c;
    size_t from = open > f + 60 ? open - 60 : f;
    for (size_t x = from; x + 3 < open; x++) {
        if (!lex_is(c, x, "according") || !lex_is(c, x + 1, "to"))
            continue;
        np src;
        if (!according_source(c, x + 2, open, &src))
            return false;
        size_t pe = src.appos_end > src.end ? src.appos_end : src.end;
        if (pe >= open || !is_comma(c, pe))
            pe = src.end; /* not an appositive: "the budget office, the rise in debt …" */
        if (pe >= open || !is_comma(c, pe))
            return false;
        src.appos_end = src.end;
        for (size_t y = pe + 1; y < open; y++)
            if (r->published[y] || is_cue_verb_at(c, y))
                return false; /* the clause has a speaker of its own */
        return mixed_clause_found(r, pe + 1, open, send, &src, tspan(c, x, x + 2), 0.7, b_out,
                                  e_out, a_out);
    }
    return false;
}

/* A quotation inside a reported clause, with no speaker of its own, becomes one mixed quote
 * with the clause: a quoted term ("warned of ‘chaos’") or a direct quote that no tag
 * attributed ("Hoover estimated that there are “somewhere between 23 and 28 people …”"). */
static qg_status terms_in_reported_clauses(rctx *r, qg_error *err)
{
    actx *c = r->c;
    qg_doc *doc = c->doc;
    size_t kept = 0;
    qg_status st = QG_OK;
    size_t last_end = 0; /* byte end of the last mixed quote made here */
    /* direct quotes without a speaker that open after words of their sentence */
    size_t nq = doc->quotes.count;
    for (size_t i = 0; i < nq; i++) {
        qg_quote *q = &doc->quotes.items[i];
        if (q->type != QG_QUOTE_DIRECT || q->speaker != QG_NONE || q->cue.end > q->cue.begin)
            continue;
        size_t k0 = lex_token_at(c, q->content.begin);
        if (k0 == 0 || k0 >= c->ntok || !is_quote_mark_tok(c, k0 - 1))
            continue;
        size_t open = k0 - 1;
        size_t f = sentence_start_tok(c, open), send = sentence_end_tok(c, open);
        bool words_before = false;
        for (size_t x = f; x < open && !words_before; x++)
            words_before = lex_is_word(c, x) && c->tok[x].quote < 0;
        if (!words_before || lex_is(c, open - 1, ":"))
            continue;
        /* the quote's own tokens are free while its clause is searched */
        size_t qe = k0;
        while (qe < c->ntok && c->tok[qe].begin < q->content.end)
            qe++;
        if (qe < c->ntok && is_quote_mark_tok(c, qe))
            qe++;
        for (size_t y = open; y < qe; y++)
            r->published[y] = false;
        size_t b, e;
        attribution a;
        bool found = clause_around(r, open, f, send, &b, &e, &a) ||
                     according_clause(r, open, f, send, &b, &e, &a);
        for (size_t y = open; y < qe; y++)
            r->published[y] = true;
        if (!found || c->tok[e - 1].end < q->content.end)
            continue;
        q->type = QG_QUOTE_MIXED;
        q->content = tspan(c, b, e);
        q->cue = a.cue;
        q->speaker = a.entity;
        q->speaker_mention = a.mention;
        q->confidence = a.confidence;
        q->rule = "mixed";
        for (size_t y = b; y < e; y++)
            r->covered[y] = r->published[y] = true;
    }
    for (size_t i = 0; i < doc->terms.count; i++) {
        qg_term t = doc->terms.items[i];
        bool converted = false;
        size_t k0 = lex_token_at(c, t.span.begin);
        /* a title ("told NBC’s “Meet the Press” that …", "a book called “…”") is named, not
         * quoted: it does not make its clause a mixed quote (measured: titles that did lost
         * more precision than they gained recall on PolNeAR dev) */
        bool named = !strcmp(t.kind, "title");
        if (st == QG_OK && !named && k0 > 0 && k0 < c->ntok && is_quote_mark_tok(c, k0 - 1) &&
            t.span.begin >= last_end) {
            size_t open = k0 - 1;
            size_t f = sentence_start_tok(c, open), send = sentence_end_tok(c, open);
            size_t b, e;
            attribution a;
            bool subject_only = false;
            bool found = clause_around(r, open, f, send, &b, &e, &a) ||
                         according_clause(r, open, f, send, &b, &e, &a);
            if (!found && !strcmp(t.kind, "scare") && open > f)
                found = subject_only = subject_clause_around(r, open, f, send, &b, &e, &a);
            if (found) {
                qg_quote *q = qg_vec_push(&doc->quotes);
                if (!q) {
                    st = QG_OOM(err);
                    break;
                }
                memset(q, 0, sizeof *q);
                q->type = QG_QUOTE_MIXED;
                q->content = tspan(c, b, e);
                q->cue = a.cue;
                q->speaker = a.entity;
                q->speaker_mention = a.mention;
                q->confidence = a.confidence;
                q->rule = subject_only ? "mixed_subject" : "mixed_term";
                for (size_t y = b; y < e; y++)
                    r->covered[y] = r->published[y] = true;
                last_end = q->content.end;
                converted = true;
            }
        } else if (t.span.begin < last_end) {
            converted = true; /* inside the mixed quote made from an earlier term */
        }
        if (!converted)
            doc->terms.items[kept++] = t;
    }
    doc->terms.count = kept;
    return st;
}

/* A capitalised verb of saying in a headline written in title case ("Obama Says Museum Will
 * Tell …", "Sanders Tells Supporters …"): a finite form (-s, -ed, said, told) after a name,
 * in a sentence whose words are nearly all capitalised, without a period inside. */
static bool headline_cue(const actx *c, size_t k, size_t f, size_t send)
{
    if (k == f || !lex_is_cap(c, k) || !lex_is_cue_class(c, k, QG_CUE_SPEECH) ||
        lex_is_cue_class(c, k, QG_CUE_NOUN) || !lex_is_cap(c, k - 1))
        return false;
    const qg_token *t = &c->tok[k];
    size_t n = t->end - t->begin;
    const char *e = c->doc->text + t->end;
    if (!(n > 3 && (e[-1] == 's' || !memcmp(e - 2, "ed", 2))) && !lex_is(c, k, "said") &&
        !lex_is(c, k, "told"))
        return false;
    size_t words = 0, caps = 0;
    for (size_t x = f; x < send; x++) {
        if (lex_is(c, x, ".") && x + 1 < send)
            return false;
        if (lex_is_word(c, x) && !(c->tok[x].flags & QG_TOK_NUMBER)) {
            words++;
            caps += lex_is_cap(c, x);
        }
    }
    return words >= 4 && caps * 10 >= words * 8;
}

/* "a clarion call for", "an impromptu social call on": the noun "call", not the verb. */
static bool noun_call(const actx *c, size_t k)
{
    if (!lex_is(c, k, "call") && !lex_is(c, k, "calls"))
        return false;
    for (size_t x = k; x-- > 0 && k - x <= 3 && lex_is_word(c, x);)
        if (lex_is(c, x, "a") || lex_is(c, x, "an"))
            return true;
    return false;
}

/* Tokens of a speech cue of several words starting at k ("pointed out", "made it clear"), or 0. */
static size_t multiword_cue(const actx *c, size_t k, size_t send)
{
    /* "goes on", "weighed in", "singled out" take no reported content ("went on a spree",
     * "weighed in with", "singled out a reporter") */
    static const char *const NO_CONTENT[] = {"go", "goes", "went", "going", "gone", "weigh",
                                             "weighs", "weighed", "weighing", "single",
                                             "singles", "singled", "singling", NULL};
    if (lex_is_cap(c, k) || !lex_is_word(c, k) || lex_in(c, k, NO_CONTENT))
        return 0;
    for (size_t n = 4; n >= 2; n--) {
        int v;
        size_t used;
        if (k + n <= send && lex_get(c, &c->model->cues, k, n, &v, &used) &&
            (v & QG_CUE_BIT(QG_CUE_SPEECH)))
            return n;
    }
    return 0;
}

static void continue_after_reported(actx *c);

static int cmp_quote(const void *x, const void *y)
{
    const qg_quote *a = x, *b = y;
    if (a->content.begin != b->content.begin)
        return a->content.begin < b->content.begin ? -1 : 1;
    if (a->content.end != b->content.end)
        return a->content.end < b->content.end ? -1 : 1;
    return 0;
}

/* A quotation without a tag that opens its paragraph or sentence right after reported speech
 * ("Valastro praised Christie's leadership, he said.¶“We need someone who …”"): the same
 * speaker, as a continuation of a quote-mark quote would be. Nothing else may stand between
 * them: no other quote, and no speech cue outside quotation marks. */
static void continue_after_reported(actx *c)
{
    qg_doc *doc = c->doc;
    for (size_t i = 1; i < doc->quotes.count; i++) {
        qg_quote *q = &doc->quotes.items[i];
        const qg_quote *p = &doc->quotes.items[i - 1];
        if (q->type != QG_QUOTE_DIRECT || q->speaker != QG_NONE || q->cue.end > q->cue.begin ||
            p->type == QG_QUOTE_DIRECT || p->speaker == QG_NONE || p->content.end > q->content.begin)
            continue;
        size_t open = lex_token_at(c, q->content.begin);
        if (open == 0 || open >= c->ntok || !is_quote_mark_tok(c, open - 1))
            continue;
        open--;
        const qg_sentence *qs = &doc->sentences.items[c->tok[open].sentence];
        if (qs->first_word < open)
            continue; /* not the start of its sentence */
        size_t pe = lex_token_at(c, p->content.end);
        if (pe >= c->ntok || open < pe || open - pe > 40)
            continue;
        uint32_t para = qs->paragraph, ppara = doc->sentences.items[c->tok[pe < open ? pe : open].sentence].paragraph;
        if (para != ppara && para != ppara + 1)
            continue;
        bool clean = true;
        for (size_t k = pe; k < open && clean; k++)
            clean = !(c->tok[k].quote < 0 && !is_quote_mark_tok(c, k) && is_cue_verb_at(c, k) &&
                      c->tok[k].begin != p->cue.begin);
        if (!clean)
            continue;
        q->speaker = p->speaker;
        q->speaker_mention = p->speaker_mention;
        q->cue = p->cue;
        q->confidence = p->confidence * 0.8;
        q->rule = "continuation";
    }
}

bool is_quoting_verb(const actx *c, size_t k)
{
    static const char *const QUOTED[] = {"quoted", "quotes", "quoting", "quote", "cited", "cites",
                                         "citing", NULL};
    return lex_in(c, k, QUOTED);
}

/* Is token k "quoted"/"cited" with "as saying" (or another -ing cue) after its object? */
static bool quoted_as_saying(const actx *c, size_t k, size_t send)
{
    if (!is_quoting_verb(c, k))
        return false;
    for (size_t x = k + 1; x + 1 < send && x <= k + 10; x++)
        if (lex_is(c, x, "as") && lex_is_ing(c, x + 1) && is_cue_verb_at(c, x + 1))
            return true;
    return false;
}

qg_status reported_speech(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    if (c->ntok == 0)
        return QG_OK;
    rctx r = {.c = c, .first_new = doc->quotes.count};
    r.covered = calloc(c->ntok, sizeof *r.covered);
    r.covered_cue = calloc(c->ntok, sizeof *r.covered_cue);
    r.published = calloc(c->ntok, sizeof *r.published);
    if (!r.covered || !r.covered_cue || !r.published) {
        free(r.covered);
        free(r.covered_cue);
        free(r.published);
        return QG_OOM(err);
    }
    for (size_t k = 0; k < c->ntok; k++)
        r.covered[k] = c->tok[k].quote >= 0 || is_quote_mark_tok(c, k);
    for (size_t i = 0; i < doc->quotes.count; i++) {
        const qg_quote *q = &doc->quotes.items[i];
        size_t b = lex_token_at(c, q->content.begin);
        if (b > 0 && is_quote_mark_tok(c, b - 1))
            r.published[b - 1] = true;
        for (size_t k = b; k < c->ntok && c->tok[k].begin < q->content.end; k++)
            r.covered[k] = r.published[k] = true;
        for (size_t k = b; k < c->ntok && c->tok[k].begin <= q->content.end; k++)
            if (is_quote_mark_tok(c, k))
                r.published[k] = true;
        if (q->cue.end > q->cue.begin) {
            size_t k = lex_token_at(c, q->cue.begin);
            if (k < c->ntok)
                r.covered_cue[k] = true;
        }
    }
    qg_status st = terms_in_reported_clauses(&r, err);
    for (size_t s = 0; s < doc->sentences.count && st == QG_OK; s++) {
        const qg_sentence *sen = &doc->sentences.items[s];
        size_t f = sen->first_token, send = sen->end_token;
        /* prepositional and noun cues first: "rejected X's claim that …" is X's claim */
        for (size_t k = f; k < send && st == QG_OK; k++)
            if (!r.covered[k] && !r.covered_cue[k] && !according_to(&r, k, f, send, &st, err))
                cue_noun(&r, k, send, &st, err);
        for (size_t k = f; k < send && st == QG_OK; k++) {
            if (r.covered[k])
                continue;
            if (r.covered_cue[k]) {
                /* "Her countrymen, she said, “should not listen …”": the words before the tag
                 * of a quote-mark quote are reported too */
                if (is_cue_verb_at(c, k) && k + 2 < send && is_comma(c, k + 1) &&
                    (is_quote_mark_tok(c, k + 2) || r.published[k + 2]))
                    reported_tag(&r, k, f, send, false, true, &st, err);
                continue;
            }
            /* a cue of several words: "pointed out", "called for", "made it clear" */
            if (noun_call(c, k))
                continue;
            size_t n = multiword_cue(c, k, send);
            if (n) {
                if (!passive_or_infinitive(c, k) &&
                    !participle(&r, k, k + n, f, send, &st, err))
                    reported_clause(&r, k, k + n, f, send, CUE_SPEECH, &st, err);
                continue;
            }
            if (headline_cue(c, k, f, send)) {
                /* "Trump Says He Never Pledged To …": a headline in title case */
                reported_clause(&r, k, k + 1, f, send, CUE_SPEECH, &st, err);
                continue;
            }
            bool speech = is_cue_verb_at(c, k);
            bool thought = !speech && !lex_is_cap(c, k) && lex_is_cue_class(c, k, QG_CUE_THOUGHT);
            bool evidence = !speech && !thought && !lex_is_cap(c, k) &&
                            lex_is_cue_class(c, k, QG_CUE_EVIDENCE);
            if (!speech && !thought && !evidence)
                continue;
            if (quoted_as_saying(c, k, send)) {
                /* "The BBC quoted one minister as saying …": the minister speaks */
                size_t as = k + 1;
                while (as < send && !lex_is(c, as, "as"))
                    as++;
                np who;
                size_t cue2 = as + 1, b = as + 2;
                if (b < send && lex_is(c, b, "that"))
                    b++;
                if (np_parse(c, k + 1, as, &who) && who.kind != NP_NONE && who.kind != NP_PRONOUN &&
                    b < send && !r.covered[b] && !r.covered[cue2]) {
                    attribution a = {0};
                    a.phrase = who;
                    a.cue = tspan(c, cue2, cue2 + 1);
                    st = emit(&r, b, clause_end(&r, b, send), &a, "reported_clause", 0.7, err);
                }
                k = as + 1;
                continue;
            }
            if (passive_or_infinitive(c, k))
                continue;
            if (!evidence && reported_tag(&r, k, f, send, thought, false, &st, err))
                continue;
            if (speech && participle(&r, k, k + 1, f, send, &st, err))
                continue;
            reported_clause(&r, k, k + 1, f, send, thought ? CUE_THOUGHT : evidence ? CUE_EVIDENCE : CUE_SPEECH,
                            &st, err);
        }
    }
    free(r.covered);
    free(r.covered_cue);
    free(r.published);
    if (st == QG_OK && doc->quotes.count > r.first_new)
        qsort(doc->quotes.items, doc->quotes.count, sizeof *doc->quotes.items, cmp_quote);
    if (st == QG_OK)
        continue_after_reported(c);
    /* a quoted term inside a reported clause is part of that (mixed) quote, not a term */
    if (st == QG_OK && doc->terms.count && doc->quotes.count) {
        size_t kept = 0, qi = 0;
        for (size_t i = 0; i < doc->terms.count; i++) {
            qg_term t = doc->terms.items[i];
            while (qi < doc->quotes.count && doc->quotes.items[qi].content.end <= t.span.begin)
                qi++;
            bool inside = false;
            for (size_t j = qi; j < doc->quotes.count && doc->quotes.items[j].content.begin <= t.span.begin && !inside; j++)
                inside = doc->quotes.items[j].content.end >= t.span.end &&
                         doc->quotes.items[j].type == QG_QUOTE_MIXED;
            if (!inside)
                doc->terms.items[kept++] = t;
        }
        doc->terms.count = kept;
    }
    return st;
}
