/* Quotes and their speakers. Each top-level quotation from quote/ is attributed by the first
 * rule that fires (docs/pipeline.md lists them with examples):
 *   tag_after      “Q,” X said · “Q,” said X · “Q” —Name, Org
 *   tag_before     X said: “Q” · X, a doctor at Y, said, “Q” · He added: “Q”
 *   colon_leadin   X told reporters:¶“Q” · And from board chair X:¶“Q”
 *   mixed          X insisted this was based on ‘no evidence’ (a reported clause holding marks)
 *   continuation   “Q1,” X said. “Q2.” · a quote paragraph after an attributed one
 *   prev_sentence  a verbless quote whose speaker was introduced in the sentence before
 * A quote no rule attributes that sits inside a sentence and is short is a quoted term. */
#include "attrib.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../text/text.h"
#include "entity.h"
#include "rules.h"

/* Longest stretch of a reported clause after a closing mark, in tokens. */
#define MAX_CLAUSE_TOKENS 120

static const char *const ADVERBS[] = {"also", "later", "then", "once", "previously", "has",
                                      "had", "have", "again", "further", "repeatedly", "simply",
                                      "quickly", "recently", "earlier", "just", "would", "will",
                                      "had", "finally", "only", "still", "even", "first", "could",
                                      "can", "may", "might", "should", "must", "did", "does",
                                      "instead", NULL};


bool is_adverb(const actx *c, size_t k)
{
    if (lex_in(c, k, ADVERBS))
        return !lex_is_cap(c, k) || !np_is_surname_before_cue(c, k); /* "Ivan Still said" */
    const qg_token *t = &c->tok[k];
    size_t n = t->end - t->begin;
    return n > 4 && !lex_is_cap(c, k) && lex_is_word(c, k) &&
           !memcmp(c->doc->text + t->end - 2, "ly", 2);
}

bool is_quote_mark_tok(const actx *c, size_t k)
{
    return c->tok[k].flags & (QG_TOK_OPEN | QG_TOK_CLOSE);
}

static bool is_dash_tok(const actx *c, size_t k)
{
    const qg_token *t = &c->tok[k];
    size_t i = t->begin;
    int32_t cp = qg_utf8_next(c->doc->text, t->end, &i);
    return qg_cp_is_dash(cp) && i == t->end;
}

qg_span tspan(const actx *c, size_t b, size_t e)
{
    qg_span s = {c->tok[b].begin, c->tok[e - 1].end};
    return s;
}

/* Resolve the speaker of a parsed phrase; fills a->entity and a->mention. */
void resolve_speaker(actx *c, attribution *a, size_t cue_tok)
{
    np *p = &a->phrase;
    a->mention = p->text;
    a->entity = QG_NONE;
    (void)cue_tok;
    if (p->kind == NP_PRONOUN) {
        bool org = lex_is(c, p->start, "it") || lex_is(c, p->start, "they");
        a->entity = entity_resolve_pronoun(c, p->start, p->gender, org);
        if (a->entity == QG_NONE && org)
            a->entity = entity_resolve_pronoun(c, p->start, 0, false);
        if (a->entity == QG_NONE && !org)
            a->entity = entity_resolve_pronoun(c, p->start, 0, true);
        if (a->entity != QG_NONE)
            entity_add_mention(c, a->entity, p->text);
        a->confidence *= 0.85;
        return;
    }
    if ((p->kind == NP_DESC || p->kind == NP_ROLE) && p->appos_name.end > p->appos_name.begin) {
        /* "her neighbour, Omar Siddiq": the name is the speaker */
        size_t k = lex_token_at(c, p->appos_name.begin);
        const struct qg_mention_x *m = entity_mention_at(c, k);
        /* else the phrase's own mention, which resolved the name ("The company, Northwind
         * Rail,": the organisation) */
        if (!m || m->entity == QG_NONE) {
            m = entity_mention_at(c, p->start);
            if (m && (m->phrase.appos_name.begin != p->appos_name.begin ||
                      m->phrase.appos_name.end != p->appos_name.end))
                m = NULL;
        }
        a->entity = m && m->entity != QG_NONE ? m->entity
                                              : entity_for_span(c, p->appos_name, QG_ENTITY_PERSON);
        a->mention = p->appos_name;
        return;
    }
    const struct qg_mention_x *m = entity_mention_at(c, p->start);
    if (m && m->entity != QG_NONE) {
        a->entity = m->entity;
        return;
    }
    if (p->kind == NP_NAME)
        a->entity = entity_for_name(c, p);
    else if (p->kind == NP_ROLE)
        a->entity = entity_for_span(c, p->name, p->anonymous ? QG_ENTITY_ANONYMOUS : QG_ENTITY_ROLE);
    else if (p->kind == NP_DESC)
        a->entity = entity_for_span(c, p->name, QG_ENTITY_ROLE); /* "my father" */
    if (a->entity != QG_NONE)
        entity_add_mention(c, a->entity, p->text);
    a->confidence *= 0.8;
}

/* Skip what may stand between a subject and its verb: adverbs, a parenthesis "(R-Fla.)",
 * a short prepositional phrase "in the room", "in a statement". */
/* Participles that date a document between it and its cue ("A campaign ad released Thursday
 * accuses …"). */
static const char *const PUBLISHED[] = {"released", "published", "issued", "aired",
                                        "posted",   "unveiled",  "launched", NULL};

size_t skip_to_cue(const actx *c, size_t j, size_t limit)
{
    static const char *const PREPS[] = {"in", "on", "at", "during", "after", "before", NULL};
    while (j < limit && is_adverb(c, j))
        j++;
    if (j < limit && lex_is(c, j, "(")) {
        size_t x = j + 1;
        while (x < limit && x < j + 8 && !lex_is(c, x, ")"))
            x++;
        if (x < limit && lex_is(c, x, ")"))
            j = x + 1;
    }
    if (j < limit && lex_in(c, j, PREPS) && !lex_is_speech_cue(c, j)) {
        /* a subject pronoun makes it a clause ("before he spoke"), not a phrase */
        static const char *const SUBJECT_PRONOUNS[] = {"he", "she", "they", "we", "i", "you", NULL};
        for (size_t x = j + 1; x < limit && x <= j + 4; x++) {
            if (lex_is_speech_cue(c, x)) {
                j = x;
                break;
            }
            if (!lex_is_word(c, x) || lex_in(c, x, SUBJECT_PRONOUNS))
                break;
        }
    }
    /* a document and when it came out: "A campaign ad released Thursday accuses …", "a
     * report published last week by the agency says …" */
    if (j < limit && lex_in(c, j, PUBLISHED)) {
        for (size_t x = j + 1; x < limit && x <= j + 5; x++) {
            if (lex_is_speech_cue(c, x)) {
                j = x;
                break;
            }
            if (!lex_is_word(c, x))
                break;
        }
    }
    while (j < limit && is_adverb(c, j))
        j++;
    return j;
}

static const char *const CLAUSE_OPENERS[] = {"but", "and", "so", "yet", "still", "however",
                                             "meanwhile", "instead", "then", "also", "now", NULL};
static const char *const BE_WORDS[] = {"is", "was", "are", "were", "be", "been", "being", NULL};

/* A cue that may close a quotation as its tag: a speech verb, or a thought verb ("“Who wants
 * to work with us?” he wondered.") when thought is set. */
static bool is_tag_cue(const actx *c, size_t k, bool thought)
{
    return lex_is_speech_cue(c, k) ||
           (thought && !lex_is_cap(c, k) && lex_is_cue_class(c, k, QG_CUE_THOUGHT));
}

static bool subject_then_cue_x(actx *c, size_t k, size_t limit, attribution *a, bool thought);
static bool cue_then_subject_x(actx *c, size_t k, size_t limit, attribution *a, bool thought);

/* Is [k, limit) "NP [appositive] [adverbs] CUE"? Fills a when it is. */
bool subject_then_cue(actx *c, size_t k, size_t limit, attribution *a)
{
    return subject_then_cue_x(c, k, limit, a, false);
}

bool cue_then_subject(actx *c, size_t k, size_t limit, attribution *a)
{
    return cue_then_subject_x(c, k, limit, a, false);
}

static bool subject_then_cue_x(actx *c, size_t k, size_t limit, attribution *a, bool thought)
{
    np p;
    if (!np_parse(c, k, limit, &p))
        return false;
    size_t j = p.appos_end > p.end ? p.appos_end : p.end;
    if (j < limit && lex_is(c, j, ","))
        j++;
    j = skip_to_cue(c, j, limit);
    if (j < limit && !is_tag_cue(c, j, thought) && p.appos_end > p.end && lex_is(c, p.appos_end, ",")) {
        /* a second appositive: "Scott Pruitt, the attorney general of Oklahoma, one of the
         * states suing the EPA, said" */
        for (size_t y = j + 1; y < limit && y <= j + 15; y++) {
            if (!lex_is_word(c, y) && !lex_is(c, y, ",") && !lex_is(c, y, "-") &&
                !lex_is(c, y, "'s") && !lex_is(c, y, "’s") && !lex_is(c, y, "."))
                break;
            if (is_cue_verb_at(c, y) || lex_in(c, y, BE_WORDS))
                break;
            if (lex_is(c, y, ",")) {
                size_t z = skip_to_cue(c, y + 1, limit);
                if (z < limit && is_tag_cue(c, z, thought))
                    j = z;
                break;
            }
        }
    }
    if (j >= limit || !is_tag_cue(c, j, thought))
        return false;
    a->phrase = p;
    a->cue = tspan(c, j, j + 1);
    return true;
}

/* Is [k, limit) "CUE [adverbs] NP" (inverted: said X, grumbled X, sighed her neighbour, Y)? */
static bool cue_then_subject_x(actx *c, size_t k, size_t limit, attribution *a, bool thought)
{
    if (k >= limit || !is_tag_cue(c, k, thought) || lex_is_cap(c, k) || lex_is_ing(c, k))
        return false; /* not a participle: "…,” saying the state …" */
    size_t j = k + 1;
    while (j < limit && is_adverb(c, j))
        j++;
    np p;
    if (!np_parse(c, j, limit, &p) || p.kind == NP_NONE)
        return false;
    /* "said Labour's Keir Starmer": the person after the possessive organisation */
    np q;
    if (p.is_possessive && p.end < limit && np_parse(c, p.end, limit, &q) &&
        (q.kind == NP_NAME || q.kind == NP_ROLE))
        p = q;
    if (p.kind == NP_DESC && p.appos_name.end <= p.appos_name.begin &&
        !lex_is(c, p.start, "the"))
        return false;
    a->phrase = p;
    a->cue = tspan(c, k, k + 1);
    return true;
}

/* End (exclusive) of the sentence holding token k, but not past the paragraph. */
size_t sentence_end_tok(const actx *c, size_t k)
{
    return c->doc->sentences.items[c->tok[k].sentence].end_token;
}

size_t sentence_start_tok(const actx *c, size_t k)
{
    return c->doc->sentences.items[c->tok[k].sentence].first_token;
}

static uint32_t para_of(const actx *c, size_t k)
{
    return c->doc->sentences.items[c->tok[k].sentence].paragraph;
}

static bool opens_sentence(const actx *c, size_t open_tok);

/* After the closing mark: “Q,” X said · “Q,” said X · “Q” —Name, Org */
static bool tag_after(actx *c, size_t close_tok, attribution *a)
{
    size_t k = close_tok + 1;
    if (k >= c->ntok || para_of(c, k) != para_of(c, close_tok))
        return false;
    size_t limit = sentence_end_tok(c, k);
    /* stop at the next quotation */
    for (size_t j = k; j < limit; j++)
        if (c->tok[j].flags & QG_TOK_OPEN) {
            limit = j;
            break;
        }
    if (is_dash_tok(c, k) && k + 1 < limit) {
        np p;
        if (np_parse(c, k + 1, limit, &p) && (p.kind == NP_NAME || p.kind == NP_ROLE)) {
            a->phrase = p;
            a->cue = tspan(c, k, k + 1);
            a->rule = "dash_credit";
            a->confidence = 0.9;
            return true;
        }
        return false;
    }
    if (c->tok[k].sentence != c->tok[close_tok].sentence) {
        /* "“… reporting it, Katy.” Trump said to cheers.": a quote that ends its own sentence,
         * then a short sentence that is only a tag (no quotation in it, nothing after the
         * subject and cue but a few words) */
        size_t send = sentence_end_tok(c, k);
        int32_t qi = close_tok > 0 ? c->tok[close_tok - 1].quote : -1;
        if (qi < 0)
            return false;
        size_t open_tok = lex_token_at(c, c->doc->raw_quotes.items[qi].open_mark.begin);
        if (!opens_sentence(c, open_tok))
            return false; /* only a quotation that is a sentence of its own */
        if (send - k > 25 || limit != send || close_tok < 1 ||
            !(lex_is(c, close_tok - 1, ".") || lex_is(c, close_tok - 1, "!") ||
              lex_is(c, close_tok - 1, "?")))
            return false;
        for (size_t j = k; j < send; j++)
            if (is_quote_mark_tok(c, j) || c->tok[j].quote >= 0 || lex_is(c, j, ":"))
                return false;
        if (!subject_then_cue_x(c, k, limit, a, true))
            return false;
        size_t cue = lex_token_at(c, a->cue.begin);
        if (cue + 1 < send && (lex_is(c, cue + 1, "that") || is_cue_verb_at(c, cue + 1)))
            return false; /* "He said that …": reported speech of its own */
        a->rule = "tag_after";
        a->confidence = 0.8;
        return true;
    }
    if (lex_is(c, k, ","))
        k++;
    /* "“…” and Donald Trump says he's “…”": a coordinated clause, not a tag */
    static const char *const COORDINATORS[] = {"and", "but", "while", "whereas", "or", "yet",
                                               "because", NULL};
    if (k < limit && lex_in(c, k, COORDINATORS))
        return false;
    /* "“This will be a challenge” for Clinton, said Kunin": the clause goes on after the mark
     * (tag_ending_clause), the object of the preposition does not speak */
    static const char *const CLAUSE_PREPS[] = {"for", "in", "to", "with", "on", "at", "about",
                                               "that", "if", "from", "of", NULL};
    if (k < limit && k == close_tok + 1 && lex_in(c, k, CLAUSE_PREPS) && !lex_is_cap(c, k))
        return false;
    if (cue_then_subject_x(c, k, limit, a, true) || subject_then_cue_x(c, k, limit, a, true)) {
        a->rule = "tag_after";
        a->confidence = 0.95;
        return true;
    }
    /* a headline tag "‘We will not back down,’ says union boss": one to three lowercase words
     * ending in a role word of the lexicon after an inverted cue, up to the sentence end */
    if (k + 1 < limit && lex_is_speech_cue(c, k) && !lex_is_ing(c, k)) {
        size_t e = k + 1;
        while (e < limit && lex_is_word(c, e) && !lex_is_cap(c, e) && e <= k + 3)
            e++;
        int v;
        size_t used;
        if (e > k + 1 && (e == limit || lex_is(c, e, ".")) &&
            lex_get(c, &c->model->roles, e - 1, 1, &v, &used) && used == 1) {
            np_role_as_written(c, k + 1, e, &a->phrase);
            a->cue = tspan(c, k, k + 1);
            a->rule = "tag_after";
            a->confidence = 0.8;
            return true;
        }
    }
    /* "“…,” read the email." · "“…,” the sign reads.": the words a text carries */
    {
        static const char *const READ[] = {"read", "reads", NULL};
        np p;
        if (lex_in(c, k, READ) && !lex_is_cap(c, k) && np_parse(c, k + 1, limit, &p) &&
            p.kind != NP_NONE && p.kind != NP_PRONOUN) {
            a->phrase = p;
            a->cue = tspan(c, k, k + 1);
            a->rule = "tag_after";
            a->confidence = 0.85;
            return true;
        }
        if (np_parse(c, k, limit, &p) && p.kind != NP_NONE && p.kind != NP_PRONOUN &&
            p.end < limit && lex_in(c, p.end, READ) &&
            (p.end + 1 >= limit || !lex_is_word(c, p.end + 1))) {
            a->phrase = p;
            a->cue = tspan(c, p.end, p.end + 1);
            a->rule = "tag_after";
            a->confidence = 0.85;
            return true;
        }
    }
    /* "“…,” according to the Equal Employment Opportunity Commission." */
    if (k + 2 < limit && lex_is(c, k, "according") && lex_is(c, k + 1, "to")) {
        np p;
        if (np_parse(c, k + 2, limit, &p) && p.kind != NP_NONE && p.kind != NP_PRONOUN) {
            a->phrase = p;
            a->cue = tspan(c, k, k + 2);
            a->rule = "tag_after";
            a->confidence = 0.85;
            return true;
        }
    }
    np q;
    if (is_cue_verb_at(c, k) && !lex_is_ing(c, k) && subject_after(c, k, limit, &q)) {
        a->phrase = q;
        a->cue = tspan(c, k, k + 1);
        a->rule = "tag_after";
        a->confidence = 0.8;
        return true;
    }
    /* a subject the parser does not read from its first word: "New York attorney Eric
     * Levine said", "Some of his aides said" */
    for (size_t x = k + 1; x < limit && x < k + 12; x++) {
        if (c->tok[x].quote >= 0 || is_quote_mark_tok(c, x))
            break;
        if (!is_cue_verb_at(c, x))
            continue;
        np p;
        if (!subject_before(c, k, x, true, &p))
            break;
        /* only names and titles before the subject, not a clause ("…” were wrong, the
         * minister said": the quote is part of that clause) */
        static const char *const PRE_NAME[] = {"former", "then", "now", "current", "acting",
                                               "outgoing", "incoming", "late", "retired", NULL};
        static const char *const ARTICLES[] = {"a", "an", "the", NULL};
        /* "a smiling Clinton said": an article opens a description of the speaker */
        bool described = lex_in(c, k, ARTICLES);
        bool clause = false;
        /* "panel Chairman Rep. Jason Chaffetz said": up to three words ending in a
         * capitalised title */
        bool title_prefix = p.start > k && p.start - k <= 3 &&
                            (lex_is_cap(c, p.start - 1) || lex_is_cap(c, p.start));
        for (size_t y = k; y < p.start && title_prefix; y++)
            title_prefix = lex_is_word(c, y) && !lex_in(c, y, BE_WORDS) && !is_cue_verb_at(c, y);
        for (size_t y = k; y < p.start && !clause && !title_prefix; y++)
            clause = lex_is_word(c, y) && !lex_is_cap(c, y) && !lex_in(c, y, PRE_NAME) &&
                     !(lex_is(c, y, "and") && y + 1 < c->ntok && lex_is_cap(c, y + 1)) &&
                     !(described && !lex_is(c, y, ",")) &&
                     /* "Texas-based Matt Mackowiak said", "co-anchor DeMarco Morgan said": a
                      * hyphenated modifier, either part */
                     !(y > 0 && lex_is(c, y - 1, "-") && c->tok[y - 1].end == c->tok[y].begin) &&
                     !(y + 1 < c->ntok && lex_is(c, y + 1, "-") && c->tok[y].end == c->tok[y + 1].begin);
        for (size_t y = k; y < p.start && described && !clause; y++)
            clause = lex_is(c, y, ",") || is_cue_verb_at(c, y);
        if (clause) /* "former Florida governor Jeb Bush said" is still a tag */
            break;
        a->phrase = p;
        a->cue = tspan(c, x, x + 1);
        a->rule = "tag_after";
        a->confidence = 0.85;
        return true;
    }
    return false;
}

/* Cue verbs that take "of" ("said of the plan", "warned of"); other cue forms before "of" are
 * nouns ("the text of the law", "comments of"). */
static const char *const VERBS_WITH_OF[] = {
    "said", "says", "say", "saying", "spoke", "speaks", "speak", "speaking", "warned", "warns",
    "warn", "warning", "told", "tell", "tells", "telling", "wrote", "writes", "write", "writing",
    "thought", "think", "thinks", "thinking", "complained", "complains", "boasted", "boasts",
    "talked", "talks", "talk", "talking", "accused", "accuses", "accusing", "convinced",
    "assured", "informed", "reminded", "notified", "asked", "asks", "ask", "asking", NULL};

/* "He's said", "It's argued": 's is "has" or "is", not a possessive. */
static const char *const CONTRACTED_HAS[] = {"he's", "she's", "it's", "that's", "who's", "there's",
                                             "what's", "he’s", "she’s", "it’s", "that’s", "who’s",
                                             "there’s", "what’s", NULL};

/* Cue forms that are also common nouns ("a heart attack", "the long term", "a conference
 * call"): after a determiner and another word they head a noun phrase. */
static const char *const NOUN_HOMOGRAPHS[] = {
    "attack", "term", "question", "call", "state", "text", "counter", "appeal", "challenge",
    "promise", "voice", "comment", "report", "charge", "answer", "reply", "tweet", "post",
    "email", "estimate", "concern", "blast", "boast", "vow", "pledge", "plea", "demand",
    "request", "offer", "joke", "quip", "cry", "shout", "remark", "forecast", "warning",
    "order", "signal", "word", "hint", "praise", "complaint", "response", "talk", "chat",
    "interview", "testimony", "speech", "pen", "counsel", "reason", NULL};

/* Words after which a cue homograph is a verb ("they call", "to answer", "who state"). */
static const char *const VERB_LEFT_CONTEXT[] = {
    "i", "we", "you", "they", "who", "that", "which", "to", "and", "or", "but", "not", "do",
    "did", "does", "will", "would", "can", "could", "should", "may", "might", "must", "people",
    "men", "women", "children", "police", NULL};
static const char *const NOUN_PREPS[] = {"of", "in", "with", "for", "from", "on", "at", "by",
                                         "about", "after", "before", "without", "into", "via",
                                         "amid", "despite", NULL};

static bool ends_with_s(const actx *c, size_t k)
{
    const qg_token *t = &c->tok[k];
    return t->end > t->begin && (c->doc->text[t->end - 1] == 's' || c->doc->text[t->end - 1] == 'S');
}

/* Is token x a reporting verb here? Not inside a hyphenated word ("in-state"). */
bool is_cue_verb_at(const actx *c, size_t x)
{
    static const char *const DETERMINERS[] = {"the", "a", "an", "his", "her", "their", "its",
                                              "our", "my", "your", "these", "those", NULL};
    static const char *const PUT[] = {"put", "puts", NULL};
    if (lex_in(c, x, PUT) && x + 1 < c->ntok && lex_is(c, x + 1, "it") && !lex_is_cap(c, x))
        return true; /* "as Cornyn put it: “…”" */
    if (!lex_is_speech_cue(c, x))
        return false;
    /* "the talks", "a statement": a noun after a determiner */
    if (x > 0 && lex_in(c, x - 1, DETERMINERS))
        return false;
    /* "Trump's comments", "the text of the law": a noun after a possessive or before "of" */
    if (x > 0 && lex_possessive_len(c, x - 1) > 0 && lex_is_cap(c, x - 1) &&
        !lex_in(c, x - 1, CONTRACTED_HAS))
        return false;
    if (x + 1 < c->ntok && lex_is(c, x + 1, "of") && !lex_in(c, x, VERBS_WITH_OF))
        return false;
    /* "a heart attack", "the long term": a noun after a determiner and another word ("the
     * officials say", "the spokesman said" stay verbs) */
    if (x > 1 && lex_in(c, x, NOUN_HOMOGRAPHS) && lex_is_word(c, x - 1) && !lex_is_cap(c, x - 1) &&
        (lex_in(c, x - 2, DETERMINERS) || lex_is(c, x - 2, "another") ||
         (!ends_with_s(c, x - 1) && !is_adverb(c, x - 1) && !lex_in(c, x - 1, VERB_LEFT_CONTEXT))))
        return false;
    /* "Another reason": a noun homograph right after "another" */
    if (x > 0 && lex_in(c, x, NOUN_HOMOGRAPHS) && lex_is(c, x - 1, "another"))
        return false;
    /* "her campaign would continue to break barriers": aspect, not speech */
    static const char *const CONTINUE[] = {"continue", "continued", "continues", "continuing", NULL};
    if (lex_in(c, x, CONTINUE) && x + 1 < c->ntok && lex_is(c, x + 1, "to"))
        return false;
    /* "a series of tweets", "in remarks": after a preposition only a gerund is a verb */
    if (x > 0 && lex_in(c, x - 1, NOUN_PREPS) && !lex_is_ing(c, x))
        return false;

    if (x > 0 && lex_is(c, x - 1, "-") && c->tok[x - 1].end == c->tok[x].begin)
        return false;
    /* "his anti-Muslim remarks": after a hyphenated modifier, a noun */
    if (x > 2 && lex_is(c, x - 2, "-") && c->tok[x - 2].end == c->tok[x - 1].begin &&
        c->tok[x - 3].end == c->tok[x - 2].begin && lex_is_word(c, x - 3) && !lex_is_cap(c, x - 3))
        return false; /* not a hyphenated name ("Holtz-Eakin said") */
    if (x + 1 < c->ntok && lex_is(c, x + 1, "-") && c->tok[x].end == c->tok[x + 1].begin)
        return false;
    return true;
}

static const char *const SUBJECTLESS_PREPS[] = {"in", "on", "at", "for", "from", "with", "by",
                                                "over", "under", "after", "before", "during",
                                                "since", "into", "about", "against", "among",
                                                "through", NULL};

static const char *const PROGRESSIVE_BE[] = {"is", "was", "are", "were", "been", "be", "'s", "’s",
                                             NULL};

bool looks_like_verb(const actx *c, size_t k)
{
    return lex_is_word(c, k) && !lex_is_cap(c, k) &&
           (lex_is_ing(c, k) || lex_ends_ed(c, k) || is_cue_verb_at(c, k));
}

const char *const CLAUSE_ENDERS[] = {"but", "while", "whereas", "although", NULL};

const char *const COMMA_CLAUSE_OPENERS[] = {"but",   "while", "whereas", "although",
                                            "though", "where", "which",   "a",
                                            "an",    "before", "after",   NULL};

/* A place or time phrase after a closing mark ("chanted “No justice” outside the
 * courthouse"): the scene, not the rest of the quoted clause. */
static const char *const SCENE_PREPS[] = {"outside", "inside", "at", "during", "in", "on",
                                          "near", "before", "after", NULL};

static const char *const CONNECTIVE_CAPS[] = {"Jr", "Sr", "Inc", "Ltd", NULL};

/* Words that open a tag or a new clause after a closing mark, not the rest of its clause. */
static const char *const TAG_STARTERS[] = {"he", "she", "they", "we", "i", "it", "and", "but",
                                           "said", "says", "according", "as", "while", NULL};

/* Texts whose author speaks through them: "X released a statement saying …". */
static const char *const AUTHORED_TEXTS[] = {"statement", "letter", "tweet", "email", "e-mail",
                                             "memo", "note", "post", "video", "ad", "release",
                                             "report", "message", "op-ed", "column", "book",
                                             "speech", "editorial", "filing", NULL};

static bool clause_subject(actx *c, size_t start, size_t limit, np *out);

/* Fill a for a lead-in found with subject p and the cue at token cue: rule mixed (confidence
 * conf_mixed, content from the reported clause's start) or tag_before (conf_direct). */
static bool take_lead_in(const actx *c, attribution *a, const np *p, size_t cue, size_t open_tok,
                         bool is_mixed, double conf_mixed, double conf_direct)
{
    a->phrase = *p;
    a->cue = tspan(c, cue, cue + 1);
    a->rule = is_mixed ? "mixed" : "tag_before";
    a->confidence = is_mixed ? conf_mixed : conf_direct;
    a->mixed = is_mixed;
    a->content_tok = reported_content_start(c, cue, open_tok);
    return true;
}

/* Try the lead-in "… CUE … [:|,] “" with the cue at token cue. */
static bool lead_in_with_cue(actx *c, size_t cue, size_t start, size_t open_tok, attribution *a)
{
    size_t j = open_tok - 1;
    bool lead_punct = lex_is(c, j, ":") || lex_is(c, j, ",");
    /* words between the cue and the mark: a lead-in only allows an object or an adverbial
     * ("told reporters:", "said in a statement:"); otherwise the quote is part of a clause */
    size_t between = 0;
    for (size_t x = cue + 1; x < j + (lead_punct ? 0 : 1); x++)
        between += lex_is_word(c, x);
    bool that_clause = lex_is(c, cue + 1, "that");
    bool is_mixed = (!lead_punct && between > 0) || that_clause;
    /* "asked the Cleveland crowd “…”", "said at a town hall on Monday, “…”", "called for
     * “boots on the ground”": only a hearer or circumstances before the mark: direct */
    bool bare_lead = !that_clause && between > 0 && reported_content_empty(c, cue, j + (lead_punct ? 0 : 1));
    if (bare_lead)
        is_mixed = false;
    if (is_mixed && !that_clause) {
        /* "A bank is recommending software that could give spies a ‘back door’": the marks
         * sit in a relative clause on the cue's object, with a subject of its own */
        if (relative_before_mark(c, reported_content_start(c, cue, open_tok), open_tok))
            return false;
    }
    if (lead_punct && !that_clause && between > 5 && !bare_lead && !lex_is(c, j, ":")) {
        /* "said X, chairman of Y, “...": an inverted lead-in whose phrase ends at the mark */
        if (cue_then_subject(c, cue, open_tok, a) &&
            (a->phrase.appos_end > a->phrase.end ? a->phrase.appos_end : a->phrase.end) + 1 >= j) {
            a->rule = "tag_before";
            a->confidence = 0.9;
            return true;
        }
        /* "said in an op-ed before the hearing, “The State Department …”", "was asked, “What’s
         * …?”": a quotation that opens with a capital after the comma is a sentence of its own
         * (direct); one that opens in lower case continues the clause (mixed) */
        is_mixed = !(open_tok + 1 < c->ntok && lex_is_cap(c, open_tok + 1));
    }
    /* "Mrs. Trump said she believes the accusations were coordinated by rivals: “They want …”":
     * a clause of its own (a finite verb) between the cue and the colon makes one mixed quote */
    if (lex_is(c, j, ":") && !that_clause && !bare_lead && between >= 3) {
        size_t k = reported_content_start(c, cue, j);
        bool verb = false;
        for (size_t x = k + 1; x < j && !verb; x++)
            verb = lex_in(c, x, BE_WORDS) || (lex_is_word(c, x) && !lex_is_cap(c, x) &&
                                               (lex_ends_ed(c, x) || is_cue_verb_at(c, x) ||
                                                lex_is_cue_class(c, x, QG_CUE_THOUGHT)));
        if (k < j && verb)
            is_mixed = true;
    }
    /* "“His demeanor is grumpy,” she said, but despite the tone, “I think he will do it”",
     * "… Trump said during a rally in Kenansville, N.C., “but a lot of people …”": a tag
     * after a quotation of the same sentence, then the quotation goes on (direct) */
    if (is_mixed && lead_punct && !that_clause && start > 0 &&
        (c->tok[start - 1].flags & QG_TOK_CLOSE) &&
        c->tok[start - 1].sentence == c->tok[open_tok].sentence)
        is_mixed = false;
    /* subject: the leftmost phrase that ends right before the cue (after adverbs) */
    size_t before = cue;
    while (before > start && is_adverb(c, before - 1))
        before--;
    /* "Donald Trump is promising to …", "was telling reporters": the progressive's auxiliary */
    if (lex_is_ing(c, cue) && before > start && lex_in(c, before - 1, PROGRESSIVE_BE)) {
        before--;
        while (before > start && is_adverb(c, before - 1))
            before--;
    }
    /* "A campaign TV ad released Thursday accuses …": the document before its date */
    for (size_t x = before; !lex_is_ing(c, cue) && x-- > start + 1 && before - x <= 5;) {
        /* a date, not an object ("His office released a statement saying …") */
        if (!lex_is_word(c, x) || lex_is_article(c, x))
            break;
        if (lex_in(c, x, PUBLISHED)) {
            before = x;
            break;
        }
    }
    /* a subject before an aside between commas ("Clinton, speaking to reporters on her way to
     * Tampa, said of X: “…”") is the one before the aside, not the aside's last noun */
    if (before > start + 2 && lex_is(c, before - 1, ",")) {
        np p;
        if (subject_before(c, start, before, false, &p) && p.end + 1 < before &&
            (lex_is(c, p.end, ",") || lex_is(c, p.end, "(")) &&
            p.kind != NP_DESC) {
            return take_lead_in(c, a, &p, cue, open_tok, is_mixed, 0.8, 0.9);
        }
    }
    for (size_t s = start; s < before; s++) {
        np p;
        /* "Trump in the past has called": the object of a preposition is not the subject, nor
         * is a word inside it ("the statement from Orbis Bank said": not "Bank") */
        if (s > start && lex_in(c, s - 1, SUBJECTLESS_PREPS)) {
            np obj;
            if (np_parse(c, s, before + 1, &obj) && obj.kind != NP_NONE && obj.end > s + 1 &&
                obj.end <= before)
                s = obj.end - 1;
            continue;
        }
        if (!np_parse(c, s, before + 1, &p))
            continue;
        size_t pe = p.appos_end > p.end ? p.appos_end : p.end;
        if (pe < before && lex_is(c, pe, ","))
            pe++;
        if (pe != before)
            continue;
        if (lex_is_ing(c, cue) && p.start > start + 1 && p.end > p.start &&
            (p.document || lex_in(c, p.end - 1, AUTHORED_TEXTS)) && lex_is_word(c, p.start - 1) &&
            !lex_is_cap(c, p.start - 1)) {
            /* "X released a statement saying …": the author of the statement speaks */
            np author;
            if (subject_before(c, start, p.start - 1, true, &author) && author.kind != NP_NONE && !author.document)
                p = author;
        }
        return take_lead_in(c, a, &p, cue, open_tok, is_mixed, 0.8, 0.9);
    }
    /* a subject the left-to-right scan does not read whole ("A 1996 FEC advisory opinion
     * added that …"): the reported-speech subject test */
    if (is_mixed && before > start) {
        np p;
        if (subject_before(c, start, before, false, &p) && p.kind != NP_NONE &&
            p.kind != NP_PRONOUN)
            return take_lead_in(c, a, &p, cue, open_tok, is_mixed, 0.75, 0.85);
    }
    /* "Mrs. Clinton shook her head and said, “No.”": the subject of the first verb */
    for (size_t s0 = start; cue > start + 2 && (lex_is(c, cue - 1, "and") || lex_is(c, cue - 1, "but")) && s0 + 2 < cue; s0++) {
        /* the clause start: the lead-in's start or after a comma ("Asked if …, Mrs. Clinton …") */
        if (s0 > start && !lex_is(c, s0 - 1, ","))
            continue;
        while (s0 < cue && !lex_is_word(c, s0))
            s0++;
        if (lex_is_ing(c, s0)) /* "Speaking on Thursday, …" */
            continue;
        np p;
        if (np_parse(c, s0, cue - 1, &p) && (p.kind == NP_NAME || p.kind == NP_PRONOUN || p.kind == NP_ROLE) &&
            p.end < cue - 1 && lex_is_word(c, p.end) && !lex_is_cap(c, p.end)) {
            return take_lead_in(c, a, &p, cue, open_tok, is_mixed, 0.75, 0.85);
        }
    }
    /* "he … pledged a “political revolution” and said that …“…”": the lead-in opens right
     * after an earlier quotation of the sentence, so its subject is the sentence's */
    if (cue > 0 && cue == start + 1 && (lex_is(c, cue - 1, "and") || lex_is(c, cue - 1, "but")) &&
        start > sentence_start_tok(c, cue)) {
        np p;
        if (clause_subject(c, sentence_start_tok(c, cue), start, &p) &&
            (p.kind == NP_NAME || p.kind == NP_PRONOUN || p.kind == NP_ROLE)) {
            return take_lead_in(c, a, &p, cue, open_tok, is_mixed, 0.7, 0.8);
        }
    }
    /* a subject before a short phrase: "Trump in the past has called …" */
    for (size_t s = start; s < cue; s++) {
        attribution t = *a;
        if (subject_then_cue(c, s, cue + 1, &t) && t.cue.begin == c->tok[cue].begin)
            return take_lead_in(c, a, &t.phrase, cue, open_tok, is_mixed, 0.75, 0.85);
    }
    if (!is_mixed && cue_then_subject(c, cue, j + (lead_punct ? 0 : 1), a)) {
        a->rule = "tag_before";
        a->confidence = 0.85;
        return true;
    }
    /* a subject the phrase parser does not read ("the 34-year-old mother of three replied,"):
     * the group or description that ends right before the cue */
    np g;
    if (!is_mixed && subject_before(c, start, cue, true, &g)) {
        a->phrase = g;
        a->cue = tspan(c, cue, cue + 1);
        a->rule = "tag_before";
        a->confidence = 0.8;
        return true;
    }
    return false;
}

/* The subject of the clause that starts at token start (before limit): the phrase that opens
 * it and is followed by a lowercase verb, or, after an opening adverbial and its comma ("On
 * Friday, Mr. Carson endorsed …"), the phrase after the comma; up to two commas are tried. A
 * plural group works too ("Attorneys for Clinton appeared …"). */
static bool clause_subject(actx *c, size_t start, size_t limit, np *out)
{
    size_t s = start;
    for (int attempt = 0; attempt < 3 && s < limit; attempt++) {
        while (s < limit && (!lex_is_word(c, s) || lex_in(c, s, CLAUSE_OPENERS)))
            s++;
        np p;
        if (s < limit && !lex_is_ing(c, s) && np_parse(c, s, limit, &p) && p.kind != NP_NONE &&
            !p.document) {
            size_t v = p.appos_end > p.end ? p.appos_end : p.end;
            if (v < limit && lex_is(c, v, ","))
                v++;
            while (v < limit && is_adverb(c, v))
                v++;
            if (v < limit && lex_is_word(c, v) && !lex_is_cap(c, v)) {
                *out = p;
                return true;
            }
        }
        /* "Attorneys for Clinton appeared to …": a group before the first past-tense verb */
        for (size_t v = s + 1; v < limit && v < s + 8; v++) {
            if (!lex_is_word(c, v) || lex_is(c, v, ","))
                break;
            if (!lex_is_cap(c, v) && lex_ends_ed(c, v)) {
                if (subject_before(c, s, v, true, out) && out->start == s)
                    return true;
                break;
            }
        }
        size_t comma = s;
        while (comma < limit && comma < s + 12 && !lex_is(c, comma, ","))
            comma++;
        if (comma >= limit || !lex_is(c, comma, ","))
            return false;
        s = comma + 1;
    }
    return false;
}

static const char *const MODALS[] = {"will", "would", "could", "should", "might", "may", "can",
                                     "must", NULL};

/* The nearest cue before token `before` (at most 40 tokens back from the inner cue x) whose
 * lead-in is a mixed clause that starts after it and no later than `before`: the outer speaker
 * of a quotation an inner cue seemed to claim. Cues after a modal are passed over when
 * skip_modal is set. Fills a and returns true when found. */
static bool outer_cue_clause(actx *c, size_t start, size_t open_tok, size_t x, size_t before,
                             bool skip_modal, attribution *a)
{
    for (size_t y = before; y-- > start && x - y <= 40;) {
        attribution o = *a;
        if (!is_cue_verb_at(c, y) || (skip_modal && lex_in(c, y - 1, MODALS)) ||
            !lead_in_with_cue(c, y, start, open_tok, &o))
            continue;
        if (o.mixed && o.content_tok <= before && o.content_tok > y) {
            *a = o;
            return true;
        }
        return false;
    }
    return false;
}

/* Before the opening mark, in the same sentence: X said: “Q” · He added, “Q” · said X, “Q” ·
 * X insisted this was based on ‘no evidence’ (mixed) */
static bool tag_before(actx *c, size_t open_tok, size_t sent_start, attribution *a)
{
    if (open_tok == 0 || open_tok <= sent_start)
        return false;
    /* the lead-in starts after the previous quotation in the sentence */
    size_t start = sent_start;
    for (size_t x = open_tok; x-- > sent_start;)
        if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0 || lex_is(c, x, ";")) {
            start = x + 1; /* a semicolon ends a clause: "…; some cheer when he insists that “…”" */
            break;
        }
    if (start >= open_tok)
        return false;
    /* "Clinton: “…”": a name and a colon */
    if (lex_is(c, open_tok - 1, ":") && open_tok - 1 > start) {
        np p;
        if (np_parse(c, start, open_tok - 1, &p) && (p.kind == NP_NAME || p.kind == NP_ROLE) &&
            (p.appos_end > p.end ? p.appos_end : p.end) == open_tok - 1) {
            a->phrase = p;
            a->cue = tspan(c, open_tok - 1, open_tok);
            a->rule = "tag_before";
            a->confidence = 0.8;
            return true;
        }
        /* a headline "Minister: “No new taxes this year”", "Finance minister: “…”": a role
         * word of the lexicon ends one to three words that open the sentence */
        int v;
        size_t used, last = open_tok - 2;
        bool words = start == sent_start && open_tok - 1 - start <= 3;
        for (size_t x = start; x < open_tok - 1 && words; x++)
            words = lex_is_word(c, x) && !is_cue_verb_at(c, x);
        if (words && lex_get(c, &c->model->roles, last, 1, &v, &used) && used == 1) {
            np_role_as_written(c, start, open_tok - 1, &a->phrase);
            a->cue = tspan(c, open_tok - 1, open_tok);
            a->rule = "tag_before";
            a->confidence = 0.7;
            return true;
        }
    }
    bool colon_lead = lex_is(c, open_tok - 1, ":");
    /* "The BBC quoted one minister as saying the strike was “illegal”": the one quoted */
    for (size_t x = open_tok; x-- > start + 3 && open_tok - x <= 30;) {
        if (!lex_is(c, x, "as") || !lex_is_ing(c, x + 1) || !is_cue_verb_at(c, x + 1))
            continue;
        for (size_t y = x; y-- > start && x - y <= 10;) {
            if (!is_quoting_verb(c, y))
                continue;
            np p;
            if (np_parse(c, y + 1, x, &p) && p.kind != NP_NONE && p.kind != NP_PRONOUN &&
                (p.appos_end > p.end ? p.appos_end : p.end) == x) {
                a->phrase = p;
                a->cue = tspan(c, x + 1, x + 2);
                a->mixed = !(lex_is(c, open_tok - 1, ":") || lex_is(c, open_tok - 1, ","));
                a->rule = a->mixed ? "mixed" : "tag_before";
                a->content_tok = reported_content_start(c, x + 1, open_tok);
                a->confidence = 0.75;
                return true;
            }
            break;
        }
        break;
    }
    /* "…, saying …“": a participle reports for the subject of the sentence */
    for (size_t x = open_tok; x-- > start && open_tok - x <= 30;) {
        if (!is_cue_verb_at(c, x))
            continue;
        bool ing = lex_is_ing(c, x);
        /* "…, saying" · "“New York values,” saying": a comma, maybe inside the closing mark */
        static const char *const BEFORE_GERUND[] = {"before", "after", "while", "by", "without",
                                                    "when", NULL};
        bool after_comma = x > 0 && (lex_is(c, x - 1, ",") ||
                                     (x > 1 && is_quote_mark_tok(c, x - 1) && lex_is(c, x - 2, ",")) ||
                                     /* "Trump told reporters, before insisting …" */
                                     (x > 1 && lex_in(c, x - 1, BEFORE_GERUND) && lex_is(c, x - 2, ",")) ||
                                     /* ", calling it “disqualifying” and asserting that …" */
                                     (x > 1 && lex_is(c, x - 1, "and") && start > sent_start));
        /* "…, describing the son as a hero but insisting that …": a participle coordinated
         * with one after a comma */
        for (size_t y = x; !after_comma && x > 1 && (lex_is(c, x - 1, "and") || lex_is(c, x - 1, "but")) &&
                           y-- > start + 1 && x - y <= 20;)
            if (lex_is_ing(c, y) && lex_is(c, y - 1, ",") && is_cue_verb_at(c, y))
                after_comma = true;
        /* "issued a statement Tuesday saying, “…”", "carrying signs saying, “…”": a participle
         * right before the lead-in punctuation reports for the clause's subject too */
        bool right_before = ing && x + 2 == open_tok &&
                            (lex_is(c, x + 1, ",") || lex_is(c, x + 1, ":"));
        if (!ing || !(after_comma || right_before))
            break;
        np p;
        /* the subject of the finite cue before it ("Trump said at a rally, adding …"), else
         * the phrase that opens the clause */
        bool found = false;
        for (size_t y = x; y-- > start && !found;)
            if (is_cue_verb_at(c, y) && !lex_is(c, y - 1, ",") && !lex_is_ing(c, y))
                found = subject_before(c, start, y, false, &p);
        /* "with Donald Trump tweeting that … and asking, “…”": the subject of the participle
         * this one is coordinated with */
        for (size_t y = x; !found && lex_is(c, x - 1, "and") && y-- > sent_start + 1 && x - y <= 30;) {
            if (c->tok[y].quote >= 0 || is_quote_mark_tok(c, y) || !lex_is_ing(c, y) ||
                !is_cue_verb_at(c, y) || lex_is(c, y - 1, ","))
                continue;
            found = subject_before(c, sent_start, y, false, &p) &&
                    (p.kind == NP_NAME || p.kind == NP_ROLE || p.kind == NP_PRONOUN);
            break;
        }
        /* "“…,” Graham said on MSNBC's “Morning Joe,” adding, “…”": the finite cue before
         * an earlier quotation of the sentence */
        for (size_t y = start; y-- > sent_start && !found && x - y <= 40;) {
            if (c->tok[y].quote >= 0 || is_quote_mark_tok(c, y))
                continue;
            if (is_cue_verb_at(c, y) && y > 0 && !lex_is(c, y - 1, ",") && !lex_is_ing(c, y)) {
                size_t from = y;
                while (from > sent_start && c->tok[from - 1].quote < 0 && !is_quote_mark_tok(c, from - 1))
                    from--;
                found = subject_before(c, from, y, false, &p);
                break;
            }
        }
        if (!found)
            found = clause_subject(c, start, x, &p);
        if (!found && start != sent_start)
            found = clause_subject(c, sent_start, x, &p);
        if (!found)
            found = np_parse(c, start, x, &p) && p.kind != NP_NONE;
        if (!found && start != sent_start)
            found = np_parse(c, sent_start, x, &p) && p.kind != NP_NONE;
        if (found) {
            a->phrase = p;
            a->cue = tspan(c, x, x + 1);
            a->rule = "mixed";
            a->mixed = !(lex_is(c, open_tok - 1, ":") || lex_is(c, open_tok - 1, ",")) ||
                       lex_is(c, x + 1, "that");
            a->content_tok = reported_content_start(c, x, open_tok);
            a->confidence = 0.7;
            if (!a->mixed)
                a->rule = "tag_before";
            return true;
        }
        break;
    }
    /* speech cues before the mark, nearest first; a cue whose subject is a plain description
     * ("the annual talks … remained", "her statement explaining") is kept only when no cue
     * further back has a speaker-like subject ("Mr. Kerry said …") */
    attribution fallback;
    bool have_fallback = false;
    for (size_t x = open_tok; x-- > start && open_tok - x <= 30;) {
        attribution b = *a;
        if (!is_cue_verb_at(c, x) || !lead_in_with_cue(c, x, start, open_tok, &b))
            continue;
        bool plain_description = (b.phrase.kind == NP_DESC && b.phrase.appos_name.end <= b.phrase.appos_name.begin) ||
                                 /* "She says it underscores that Trump is “…”" */
                                 (b.phrase.kind == NP_PRONOUN && lex_is(c, b.phrase.start, "it"));
        if (b.mixed) {
            /* "X criticized the policy and said allies …“…”": the clause of the coordinated cue */
            for (size_t y = x + 2; y < open_tok; y++)
                if (lex_is(c, y - 1, "and") && is_cue_verb_at(c, y)) {
                    b.cue = tspan(c, y, y + 1);
                    b.content_tok = reported_content_start(c, y, open_tok);
                    break;
                }
        }
        if (!plain_description || !b.mixed) {
            /* "Obama said he expected that Americans will say “no” …": a hypothetical
             * inner cue; the quotation belongs to the outer one */
            if (x > start && lex_in(c, x - 1, MODALS) &&
                outer_cue_clause(c, start, open_tok, x, b.phrase.start, true, a))
                return true;
            /* "Clinton says she appreciated … what she calls a “war of words”": the
             * quotation is part of the outer cue's clause */
            if (b.phrase.start > start && lex_is(c, b.phrase.start - 1, "what") &&
                outer_cue_clause(c, start, open_tok, x, b.phrase.start - 1, false, a))
                return true;
            /* "… protests against what they call the “fraudulent” nomination": with no outer
             * cue, the free relative is the content, from "what" */
            if (b.mixed && b.phrase.start > start && lex_is(c, b.phrase.start - 1, "what") &&
                b.content_tok > x)
                b.content_tok = b.phrase.start - 1;
            /* "Trump said during a rally that Clinton once described the deal as “…”": an
             * inner cue without a complementiser inside the that-clause of an outer cue; the
             * outer one reports the clause */
            if (b.mixed && b.phrase.start > start &&
                !(b.content_tok > x + 1 && lex_is(c, b.content_tok - 1, "that"))) {
                attribution o = *a;
                if (outer_cue_clause(c, start, open_tok, x, b.phrase.start, false, &o) &&
                    o.content_tok > 0 && lex_is(c, o.content_tok - 1, "that")) {
                    *a = o;
                    return true;
                }
            }
            /* "Trump said Fox executives were calling “every 15 minutes.”", "She said she was
             * thinking, “Oh my God …”": the inner cue's subject opens the outer cue's clause;
             * the outer cue reports the whole */
            if (b.phrase.start > start && b.phrase.kind != NP_NONE) {
                attribution o = *a;
                size_t y = SIZE_MAX;
                if (outer_cue_clause(c, start, open_tok, x, b.phrase.start, false, &o))
                    y = lex_token_at(c, o.cue.begin);
                size_t ope = o.phrase.appos_end > o.phrase.end ? o.phrase.appos_end : o.phrase.end;
                if (ope < y && lex_is(c, ope, ","))
                    ope++;
                if (y != SIZE_MAX && o.phrase.kind != NP_NONE && skip_to_cue(c, ope, y) == y &&
                    o.content_tok == b.phrase.start &&
                    (b.phrase.start == y + 1 ||
                     (b.phrase.start == y + 2 && lex_is(c, y + 1, "that")))) {
                    *a = o;
                    return true;
                }
            }
            *a = b;
            return true;
        }
        if (!have_fallback) {
            fallback = b;
            have_fallback = true;
        }
    }
    if (have_fallback) {
        *a = fallback;
        return true;
    }
    /* "He also played up his strength: “…”": the subject that opens the sentence */
    if (colon_lead && start == sent_start) {
        np p;
        if (np_parse(c, start, open_tok - 1, &p) &&
            (p.kind == NP_NAME || p.kind == NP_ROLE || p.kind == NP_PRONOUN)) {
            a->phrase = p;
            a->cue = tspan(c, open_tok - 1, open_tok);
            a->rule = "colon_leadin";
            a->confidence = 0.7;
            return true;
        }
    }
    return false;
}

/* A paragraph ending with a colon introduces the quote that opens the next paragraph. */
static bool colon_leadin(actx *c, size_t open_tok, attribution *a)
{
    if (open_tok == 0 || !lex_is(c, open_tok - 1, ":"))
        return false;
    size_t colon = open_tok - 1;
    if (para_of(c, colon) + 1 != para_of(c, open_tok))
        return false;
    size_t s = sentence_start_tok(c, colon);
    /* with a cue: X told reporters: / X issued the following statement: */
    attribution b = *a;
    if (tag_before(c, colon + 1, s, &b) && !b.mixed) {
        *a = b;
        a->rule = "colon_leadin";
        a->confidence = 0.85;
        return true;
    }
    /* without one: the last name of the lead-in ("And from board chair Viktor Haldane:") */
    bool found = false;
    for (size_t k = s; k < colon && !found; k++) {
        np p;
        if (np_parse(c, k, colon, &p) &&
            (p.kind == NP_NAME || p.kind == NP_ROLE || (p.kind == NP_PRONOUN && k == s))) {
            a->phrase = p;
            found = true;
        }
    }
    if (found) {
        a->cue = tspan(c, colon, colon + 1);
        a->rule = "colon_leadin";
        a->confidence = 0.75;
    }
    return found;
}

/* Is there a speaker cue in tokens [from, to) between a quote attributed by prev and the next
 * quote? A cue word that belongs to prev's own tag sentence after the tag is not one: a noun
 * ("in a Friday tweet", "Bill Clinton's comments") or a verb about the same speaker ("…, noting
 * that", "who spoke on condition of anonymity to speak candidly"). */
static bool cue_between(const actx *c, const attribution *prev, size_t from, size_t to)
{
    static const char *const WHO_WHICH[] = {"who", "which", NULL};
    static const char *const DETS[] = {"a", "an", "the", "his", "her", "their", "its", NULL};
    size_t tag_end = prev->phrase.kind != NP_NONE
                         ? (prev->phrase.appos_end > prev->phrase.end ? prev->phrase.appos_end
                                                                       : prev->phrase.end)
                         : from;
    size_t cue_tok = prev->cue.end > prev->cue.begin ? lex_token_at(c, prev->cue.begin) : from;
    if (cue_tok > tag_end)
        tag_end = cue_tok + 1;
    uint32_t tag_sentence = c->tok[from > 0 ? from - 1 : 0].sentence;
    for (size_t k = from; k < to; k++) {
        if (!lex_is_speech_cue(c, k) || c->tok[k].quote >= 0 || prev->cue.begin == c->tok[k].begin)
            continue;
        if (k < tag_end || k < 2 || c->tok[k].sentence != tag_sentence)
            return true;
        bool noun = lex_in(c, k - 1, DETS) || lex_in(c, k - 2, DETS) ||
                    lex_possessive_len(c, k - 1);
        static const char *const TALK[] = {"spoke", "speaks", "speak", "speaking", "talked",
                                           "talks", "talk", "talking", NULL};
        bool same_speaker = lex_is(c, k - 1, "who") || lex_is(c, k - 1, "to") ||
                            (lex_is_ing(c, k) && lex_is(c, k - 1, ",")) ||
                            lex_in(c, k, TALK); /* "Hooton said after Rubio spoke." */
        /* "said a Republican, who, like all respondents, responded anonymously" */
        for (size_t y = k; y-- > tag_end && k - y <= 10 && !same_speaker;)
            if (lex_in(c, y, WHO_WHICH) && y > 0 && lex_is(c, y - 1, ","))
                same_speaker = true;
        bool after_lowercase = !lex_is(c, k - 1, ",") && !lex_is(c, k - 1, "and") &&
                               lex_is_word(c, k - 1) && !lex_is_cap(c, k - 1) &&
                               !np_is_pronoun(c, k - 1, NULL);
        if (!noun && !same_speaker && !after_lowercase)
            return true;
    }
    return false;
}

/* Does the quote open its sentence (only punctuation before it)? The sentence's first word
 * comes from segmentation (a scan back to the sentence start was quadratic in a sentence of
 * quotes without words). */
/* Does the sentence [first, end) end in a speech tag, "…, X said." or "…, said X."? Fills a
 * (phrase and cue) when it does. A sentence holding quotation marks is not looked at. */
static bool tag_ending_sentence(actx *c, size_t first, size_t end, attribution *a)
{
    if (end <= first || end - first > 200)
        return false; /* also keeps this linear: a tag never ends a sentence that long */
    size_t e = end;
    while (e > first && !lex_is_word(c, e - 1))
        e--;
    if (e <= first)
        return false;
    /* the tag starts after one of the last two commas (the earlier one when an appositive
     * follows the speaker: ", said Tariq Bell, a councillor.") */
    size_t from = first, from2 = first;
    for (size_t x = first; x < end; x++) {
        if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0)
            return false;
        if (x < e && lex_is(c, x, ",")) {
            from2 = from;
            from = x + 1;
        }
    }
    size_t froms[2] = {from, from2};
    for (int i = 0; i < 2; i++) {
        size_t f = froms[i];
        if (e - f > 10 || f == first || (i == 1 && f == from))
            break;
        if (i == 1 && !lex_is_article(c, from))
            break; /* the last part is not an appositive */
        if (subject_then_cue(c, f, e, a)) {
            size_t cue = lex_token_at(c, a->cue.begin);
            if (cue + 3 >= e && !lex_is_ing(c, cue))
                return true;
        }
        if (cue_then_subject(c, f, e, a)) {
            size_t pe = a->phrase.appos_end > a->phrase.end ? a->phrase.appos_end : a->phrase.end;
            if (pe == e)
                return true;
        }
    }
    return false;
}

/* "“They were stiff,” in comparison to Obama, Gingrich said.": words after the closing mark,
 * then a tag that ends the sentence. */
static bool tag_ending_clause(actx *c, size_t open_tok, size_t close_tok, attribution *a)
{
    size_t k = close_tok + 1;
    if (k >= c->ntok || c->tok[k].sentence != c->tok[close_tok].sentence || !lex_is_word(c, k))
        return false;
    if (!tag_ending_sentence(c, k, sentence_end_tok(c, k), a))
        return false;
    a->rule = "tag_after";
    a->confidence = 0.8;
    /* the clause holding the quote is the content: from the start of the sentence (or the last
     * quotation or colon before the mark) to the comma before the tag */
    size_t s0 = sentence_start_tok(c, open_tok), b = s0;
    for (size_t x = open_tok; x-- > s0;) {
        /* an earlier quoted phrase inside the clause ("The promise to “take our country
         * back” and “make America great again” appeals to …, said X") is passed over; a
         * quotation that ends in or before a comma has a tag or clause of its own */
        if ((c->tok[x].flags & QG_TOK_CLOSE) && x > s0 && !lex_is(c, x - 1, ",") &&
            !lex_is(c, x - 1, ".") && !(x + 1 < open_tok && lex_is(c, x + 1, ","))) {
            while (x > s0 && !(c->tok[x - 1].flags & QG_TOK_OPEN))
                x--;
            if (x > s0)
                x--; /* now at the opening mark; the loop steps before it */
            continue;
        }
        if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0 || lex_is(c, x, ":")) {
            b = x + 1;
            break;
        }
    }
    while (b < open_tok && !lex_is_word(c, b))
        b++;
    /* a quotation that opens the sentence ("“… more credible” than that of the CIA chief,
     * Zuckoff said."): the clause runs from the mark */
    a->rule = "mixed";
    a->mixed = true;
    a->content_tok = b;
    return true;
}

static bool quote_is_title_case(const actx *c, const qg_raw_quote *q);

/* Does the quotation opening at open_tok name a broadcast programme by where it stands ("told
 * NBC’s “Meet the Press”", "said on “Fox News Sunday”", "an interview with “…”")? The caller
 * checks that the quotation is in title case. */
static bool programme_title_at(const actx *c, size_t open_tok)
{
    /* a programme of a broadcaster named by its initials: "told NBC’s “Meet the Press” that …" */
    if (open_tok > 0 && lex_is_initials_possessive(c, open_tok - 1))
        return true;
    /* a programme the speaker appeared on: "said on “Fox News Sunday.”", "in an interview
     * with “Face the Nation”" */
    static const char *const APPEARANCES[] = {"interview", "appearance", "appeared", NULL};
    return open_tok > 1 && (lex_is(c, open_tok - 1, "on") || lex_is(c, open_tok - 1, "with")) &&
           (is_cue_verb_at(c, open_tok - 2) || lex_in(c, open_tok - 2, APPEARANCES));
}

/* A title by its context: a capitalised quote after "called", "titled", a noun for a work
 * ("a book called “The Long Road Home”", "its new series, “The Ministry”,") or before one
 * ("the BBC's “Today” programme", "“The Simpsons” creator Matt Groening"). */
static bool named_work(const actx *c, const qg_raw_quote *q, size_t open_tok, size_t close_tok)
{
    static const char *const NAMING[] = {"called", "titled", "entitled", "named", "dubbed",
                                         "headlined", NULL};
    static const char *const WORKS[] = {
        "book", "books", "series", "show", "shows", "film", "films", "movie", "movies",
        "programme", "program", "album", "song", "songs", "novel", "memoir", "play", "musical",
        "documentary", "column", "article", "op-ed", "podcast", "magazine", "newspaper", "episode",
        "sitcom", "drama", "anthem", "poem", "opera", "video", "ad", "slogan", "campaign",
        "creator", "creators", "host", "star", "stars", "author", "producer", NULL};
    /* the content in title case, one word allowed ("Today") */
    size_t words = 0;
    bool first = true;
    for (size_t k = open_tok + 1; k < c->ntok && c->tok[k].end <= q->content.end; k++) {
        if (!lex_is_word(c, k))
            continue;
        words++;
        if (first && !lex_is_cap(c, k) && !(c->tok[k].flags & QG_TOK_NUMBER))
            return false;
        first = false;
    }
    if (words == 0 || words > 14 || (words >= 2 && !quote_is_title_case(c, q)))
        return false;
    size_t b = open_tok;
    if (b > 0 && lex_is(c, b - 1, ","))
        b--;
    if (b > 0 && (lex_in(c, b - 1, NAMING) || lex_in(c, b - 1, WORKS)))
        return true;
    /* a programme of a broadcaster named by its initials: "told NBC’s “Meet the Press” that …",
     * "on CBS' “Face the Nation”" */
    if (b == open_tok && programme_title_at(c, open_tok))
        return true;
    if (close_tok != SIZE_MAX && close_tok + 1 < c->ntok && lex_in(c, close_tok + 1, WORKS) &&
        !lex_is_cap(c, close_tok + 1))
        return true;
    return false;
}

/* "“The Living Room to close,” by Times' Ben Sisario": a headline credited to its writer. */
static bool credited_title(const actx *c, size_t close_tok)
{
    size_t k = close_tok + 1;
    if (close_tok == SIZE_MAX || k + 1 >= c->ntok || c->tok[k].sentence != c->tok[close_tok].sentence)
        return false;
    return lex_is(c, k, "by") &&
           (lex_is_cap(c, k + 1) || (k + 2 < c->ntok && lex_is(c, k + 1, "the") && lex_is_cap(c, k + 2)));
}

static bool opens_sentence(const actx *c, size_t open_tok)
{
    return c->doc->sentences.items[c->tok[open_tok].sentence].first_word >= open_tok;
}

/* Is the mark at open_tok preceded in its sentence only by a connective and maybe a comma
 * ("But “…”", "Now, “…”")? */
static bool after_opener(const actx *c, size_t open_tok)
{
    static const char *const OPENERS[] = {"but", "and", "now", "still", "yet", "so", "instead",
                                          "also", "then", NULL};
    size_t f = sentence_start_tok(c, open_tok);
    size_t k = open_tok;
    if (k > f && lex_is(c, k - 1, ","))
        k--;
    return k == f + 1 && lex_in(c, f, OPENERS);
}

static size_t quote_words(const actx *c, const qg_raw_quote *q)
{
    size_t words = 0;
    for (size_t k = lex_token_at(c, q->content.begin); k < c->ntok && c->tok[k].end <= q->content.end; k++)
        words += lex_is_word(c, k);
    return words;
}

/* Titles, nicknames and scare quotes are short. */
static bool quote_is_term_like(const actx *c, const qg_raw_quote *q)
{
    return quote_words(c, q) <= 5;
}

/* Is the quote a title in Title Case ("Meet the Press", "Secret Lives of the Super Rich",
 * "Orange is the New Black"): 2 to 14 words, the first and every content word capitalised? */
static bool quote_is_title_case(const actx *c, const qg_raw_quote *q)
{
    static const char *const MINOR[] = {"a", "an", "the", "of", "in", "on", "at", "to", "for",
                                        "and", "or", "but", "is", "with", "by", "from", "as",
                                        "vs", "vs.", "&", NULL};
    size_t words = 0, caps = 0;
    bool first = true;
    for (size_t k = lex_token_at(c, q->content.begin); k < c->ntok && c->tok[k].end <= q->content.end; k++) {
        if (!lex_is_word(c, k))
            continue;
        words++;
        bool cap = lex_is_cap(c, k) || (c->tok[k].flags & QG_TOK_NUMBER);
        if (first && !cap)
            return false;
        first = false;
        if (cap)
            caps++;
        else if (!lex_in(c, k, MINOR))
            return false;
    }
    return words >= 2 && words <= 14 && caps >= 2;
}

static int cmp_size_pair(const void *x, const void *y)
{
    const size_t *a = x, *b = y;
    if (a[0] != b[0])
        return a[0] < b[0] ? -1 : 1;
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* A quotation whose last line, inside the marks, credits its speaker: "“… knowledge about
 * policy.\nNorman Ornstein, American Enterprise Institute scholar, on Donald Trump.”" (lists of
 * quotes set one per paragraph). The line before ends a sentence; the credit line has 2 to 20
 * words and opens with a name or a role. Fills a (rule credit_line, no cue word: the cue span
 * is empty at the line break); the caller ends the content at the line break. */
static bool credit_line(actx *c, const qg_raw_quote *q, size_t close_tok, attribution *a)
{
    const char *text = c->doc->text;
    size_t nl = q->content.end;
    while (nl > q->content.begin && text[nl - 1] != '\n')
        nl--;
    if (nl <= q->content.begin + 1)
        return false;
    size_t before = nl - 1;
    while (before > q->content.begin && (text[before - 1] == ' ' || text[before - 1] == '\r'))
        before--;
    if (before == q->content.begin ||
        !(text[before - 1] == '.' || text[before - 1] == '!' || text[before - 1] == '?'))
        return false;
    size_t k = lex_token_at(c, nl);
    if (k >= close_tok || !lex_is_cap(c, k))
        return false;
    size_t words = 0;
    for (size_t x = k; x < close_tok; x++) {
        if (is_quote_mark_tok(c, x))
            return false;
        words += lex_is_word(c, x);
    }
    size_t lim = close_tok;
    while (lim > k && !lex_is_word(c, lim - 1))
        lim--; /* the credit's final period */
    np p;
    if (words < 2 || words > 20 || !np_parse(c, k, lim, &p) ||
        (p.kind != NP_NAME && p.kind != NP_ROLE))
        return false;
    a->phrase = p;
    a->cue = (qg_span){nl - 1, nl - 1};
    a->rule = "credit_line";
    a->confidence = 0.8;
    a->content_end = before;
    return true;
}

/* Is the quotation q (marks at open_tok and close_tok) a whole paragraph of at most 8 words in
 * single quotation marks (' or ‘)? Newspapers set pull quotes as subheadings that way. */
static bool subheading_quote(const actx *c, const qg_raw_quote *q, size_t open_tok, size_t close_tok)
{
    const char *m = c->doc->text + q->open_mark.begin;
    size_t ml = q->open_mark.end - q->open_mark.begin;
    bool single = (ml == 1 && m[0] == '\'') || (ml == 3 && !memcmp(m, "\xE2\x80\x98", 3));
    if (!single || para_of(c, open_tok) != para_of(c, close_tok))
        return false;
    const qg_span *para = &c->doc->paragraphs.items[para_of(c, open_tok)];
    if (c->tok[open_tok].begin != para->begin)
        return false;
    for (size_t x = close_tok + 1; x < c->ntok && para_of(c, x) == para_of(c, open_tok); x++)
        if (lex_is_word(c, x))
            return false;
    return quote_words(c, q) <= 8;
}

/* A short quotation that a crowd chants or a sign reads is words said or written, not a term:
 * "chanting “Dump Trump.”", "chants of “Ted! Ted!”", "a sign that read “15%!”", "mouthing
 * “thank you”". The mark is at open_tok; the verb stands right before it (a comma or colon
 * between is allowed). */
static bool chanted_or_written(const actx *c, size_t open_tok)
{
    static const char *const VOICING[] = {
        "chanting", "chanted", "chant", "chants", "shouting", "shouted", "shouts", "yelling",
        "yelled", "screaming", "screamed", "mouthing", "mouthed", "echoing", "chorus", NULL};
    static const char *const WRITING[] = {"read", "reads", "reading", NULL};
    size_t k = open_tok;
    if (k > 0 && (lex_is(c, k - 1, ",") || lex_is(c, k - 1, ":")))
        k--;
    if (k == 0)
        return false;
    if (lex_in(c, k - 1, VOICING))
        return true;
    if (k > 1 && lex_is(c, k - 1, "of") && lex_in(c, k - 2, VOICING))
        return true; /* "chants of “…”" */
    /* "a sign that read “…”", "which read “…”" */
    if (lex_in(c, k - 1, WRITING) && k > 1 && (lex_is(c, k - 2, "that") || lex_is(c, k - 2, "which")))
        return true;
    return false;
}

/* "… “very troubling,” before noting that Brazile is “a good person.”", "… from Mexico, and
 * asserts that Mexico is “killing us.”": a cue after "and", a comma or a clause opener between
 * the mixed quote mq and the quotation opening at open_tok opens a mixed quote of its own, by
 * the same speaker. Fills *a (found, cue, speaker of mq, content from the cue) and returns true
 * when so; leaves *a alone otherwise. */
static bool coordinated_cue(actx *c, const qg_quote *mq, size_t open_tok, attribution *a)
{
    if (mq->speaker == QG_NONE)
        return false;
    size_t prev_close = lex_token_at(c, mq->content.begin);
    for (size_t x = open_tok; x-- > 0 && c->tok[x].begin >= mq->content.begin;)
        if (is_quote_mark_tok(c, x) || c->tok[x].quote >= 0) {
            prev_close = x;
            break;
        }
    for (size_t x = prev_close + 1; x < open_tok; x++) {
        if (c->tok[x].quote >= 0 || !is_cue_verb_at(c, x) ||
            !(lex_is(c, x - 1, "and") || lex_is(c, x - 1, ",") ||
              lex_in(c, x - 1, COMMA_CLAUSE_OPENERS)))
            continue;
        a->found = true;
        a->entity = mq->speaker;
        a->mention = mq->speaker_mention;
        a->phrase.kind = NP_NONE;
        a->cue = tspan(c, x, x + 1);
        a->confidence = mq->confidence;
        a->mixed = true;
        a->rule = "mixed";
        a->content_tok = reported_content_start(c, x, open_tok);
        return true;
    }
    return false;
}

/* A quote's content does not end in a ')' it does not open, nor start with a '(' it does not
 * close: "… (She said the timing was unrelated.)" gives "the timing was unrelated", "Trump “a
 * psychopath” over the weekend)" ends at "weekend". The final period before a dropped ')' goes
 * with it for reported speech (the content never ends in the sentence's final punctuation). */
static void balance_parentheses(qg_doc *doc)
{
    const char *text = doc->text;
    for (size_t i = 0; i < doc->quotes.count; i++) {
        qg_quote *q = &doc->quotes.items[i];
        size_t b = q->content.begin, e = q->content.end;
        long depth = 0, min_depth = 0;
        for (size_t k = b; k < e; k++) {
            depth += text[k] == '(' ? 1 : text[k] == ')' ? -1 : 0;
            if (depth < min_depth)
                min_depth = depth;
        }
        if (depth < 0 && min_depth == depth && e > b && text[e - 1] == ')') {
            e--; /* one unopened ')' at the end */
            while (e > b && (text[e - 1] == ' ' || (q->type == QG_QUOTE_INDIRECT && text[e - 1] == '.')))
                e--;
        } else if (depth > 0 && text[b] == '(') {
            b++; /* one unclosed '(' at the start */
            while (b < e && text[b] == ' ')
                b++;
        }
        if (e > b) {
            q->content.begin = b;
            q->content.end = e;
        }
    }
}

/* Quotes never overlap. A mixed clause that ran on past the start of the next quote ("Machado
 * was “disgusting” and “a con” and encouraged Americans to “check out” …", where "encouraged"
 * is the next quote's cue) ends before that quote or its cue, without the "and" or comma
 * between them; a mixed quote inside another one, with no cue of its own there, is dropped.
 * doc->quotes is in text order (byte offsets). */
static void end_overlapping_quotes(actx *c)
{
    qg_doc *doc = c->doc;
    size_t kept = 0;
    for (size_t i = 0; i < doc->quotes.count; i++) {
        qg_quote *q = &doc->quotes.items[i];
        if (kept > 0) {
            qg_quote *prev = &doc->quotes.items[kept - 1];
            if (q->content.begin < prev->content.end) {
                /* the next quote's own cue inside the previous clause ends that clause */
                size_t cut = q->content.begin;
                if (q->cue.end > q->cue.begin && q->cue.begin > prev->content.begin &&
                    q->cue.begin < cut)
                    cut = q->cue.begin;
                bool inside = q->content.end <= prev->content.end && cut == q->content.begin;
                if (inside && q->type == QG_QUOTE_MIXED)
                    continue; /* inside the previous one */
                if (prev->type == QG_QUOTE_MIXED && cut > prev->content.begin) {
                    size_t k = lex_token_at(c, cut);
                    while (k > 0 && c->tok[k - 1].begin >= prev->content.begin &&
                           (!lex_is_word(c, k - 1) || lex_is(c, k - 1, "and")) &&
                           !is_quote_mark_tok(c, k - 1))
                        k--;
                    if (k > 0 && c->tok[k - 1].end > prev->content.begin)
                        prev->content.end = c->tok[k - 1].end;
                }
            }
        }
        if (kept != i)
            doc->quotes.items[kept] = *q;
        kept++;
    }
    doc->quotes.count = kept;
}

/* Keep the entities that speak or that a speaker speaks for; renumber them in order of first
 * mention so that ids follow the text. */
static qg_status keep_referenced_entities(qg_doc *doc, qg_error *err)
{
    size_t n = doc->entities.count;
    if (!n)
        return QG_OK;
    bool *keep = calloc(n, sizeof *keep);
    size_t *map = calloc(n, sizeof *map);
    size_t *order = calloc(n, sizeof *order);
    if (!keep || !map || !order) {
        free(keep);
        free(map);
        free(order);
        return QG_OOM(err);
    }
    for (size_t q = 0; q < doc->quotes.count; q++)
        if (doc->quotes.items[q].speaker != QG_NONE)
            keep[doc->quotes.items[q].speaker] = true;
    for (int round = 0; round < 4; round++)
        for (size_t e = 0; e < n; e++)
            if (keep[e] && doc->entities.items[e].affiliation != QG_NONE)
                keep[doc->entities.items[e].affiliation] = true;
    /* order kept entities by their first mention */
    size_t kept = 0;
    for (size_t e = 0; e < n; e++)
        if (keep[e])
            order[kept++] = e;
    /* (first mention, index) pairs sorted: stable, and n log n (an insertion sort was
     * quadratic in articles with thousands of entities) */
    size_t *pairs = malloc((kept ? kept : 1) * 2 * sizeof *pairs);
    if (!pairs) {
        free(keep);
        free(map);
        free(order);
        return QG_OOM(err);
    }
    for (size_t i = 0; i < kept; i++) {
        const qg_entity_rec *r = &doc->entities.items[order[i]];
        pairs[2 * i] = r->mentions.count ? r->mentions.items[0].span.begin : SIZE_MAX;
        pairs[2 * i + 1] = order[i];
    }
    if (kept > 1)
        qsort(pairs, kept, 2 * sizeof *pairs, cmp_size_pair);
    for (size_t i = 0; i < kept; i++)
        order[i] = pairs[2 * i + 1];
    free(pairs);
    for (size_t e = 0; e < n; e++)
        map[e] = QG_NONE;
    for (size_t i = 0; i < kept; i++)
        map[order[i]] = i;
    qg_entity_rec *old = doc->entities.items;
    qg_entity_rec *fresh = calloc(kept ? kept : 1, sizeof *fresh);
    if (!fresh) {
        free(keep);
        free(map);
        free(order);
        return QG_OOM(err);
    }
    for (size_t i = 0; i < kept; i++) {
        fresh[i] = old[order[i]];
        if (fresh[i].affiliation != QG_NONE)
            fresh[i].affiliation = map[fresh[i].affiliation];
    }
    for (size_t e = 0; e < n; e++) {
        if (keep[e])
            continue;
        free(old[e].name);
        free(old[e].key);
        qg_vec_free(&old[e].mentions);
    }
    free(old);
    doc->entities.items = fresh;
    doc->entities.count = doc->entities.cap = kept;
    for (size_t q = 0; q < doc->quotes.count; q++)
        if (doc->quotes.items[q].speaker != QG_NONE)
            doc->quotes.items[q].speaker = map[doc->quotes.items[q].speaker];
    free(keep);
    free(map);
    free(order);
    return QG_OK;
}

qg_status qg_attribute(qg_doc *doc, const qg_model *model, qg_error *err)
{
    actx c = {0};
    c.doc = doc;
    c.model = model;
    c.tok = doc->tokens.items;
    c.ntok = doc->tokens.count;
    lex_memo_init(&c);
    qg_status st = entity_detect(&c, err);
    if (st)
        goto done;
    size_t nq = doc->raw_quotes.count;
    attribution *att = calloc(nq ? nq : 1, sizeof *att);
    if (!att) {
        st = QG_OOM(err);
        goto done;
    }
    /* token of each quote's marks */
    size_t *open_tok = calloc(nq ? nq : 1, sizeof *open_tok);
    size_t *close_tok = calloc(nq ? nq : 1, sizeof *close_tok);
    bool *cued = calloc(nq ? nq : 1, sizeof *cued);
    if (!open_tok || !close_tok || !cued) {
        free(att);
        free(open_tok);
        free(close_tok);
        free(cued);
        st = QG_OOM(err);
        goto done;
    }
    for (size_t r = 0; r < nq; r++) {
        const qg_raw_quote *q = &doc->raw_quotes.items[r];
        open_tok[r] = close_tok[r] = SIZE_MAX;
        if (q->depth != 0)
            continue;
        size_t k = lex_token_at(&c, q->open_mark.begin);
        if (k < c.ntok && c.tok[k].begin == q->open_mark.begin)
            open_tok[r] = k;
        if (!q->unclosed) {
            k = lex_token_at(&c, q->close_mark.begin);
            if (k < c.ntok && c.tok[k].begin == q->close_mark.begin)
                close_tok[r] = k;
        }
    }
    /* explicit tags first, then inherited speakers in text order */
    for (size_t r = 0; r < nq; r++) {
        attribution *a = &att[r];
        if (open_tok[r] == SIZE_MAX)
            continue;
        if ((close_tok[r] != SIZE_MAX && credit_line(&c, &doc->raw_quotes.items[r], close_tok[r], a)) ||
            (close_tok[r] != SIZE_MAX && tag_after(&c, close_tok[r], a)) ||
            tag_before(&c, open_tok[r], sentence_start_tok(&c, open_tok[r]), a) ||
            colon_leadin(&c, open_tok[r], a) ||
            (close_tok[r] != SIZE_MAX && tag_ending_clause(&c, open_tok[r], close_tok[r], a))) {
            a->found = true;
            resolve_speaker(&c, a, 0);
            if (a->entity == QG_NONE) {
                /* "“No,” he said." with no antecedent: still a quote (speaker unknown), not a
                 * quoted term */
                a->found = false;
                cued[r] = !a->mixed && a->rule &&
                          (!strcmp(a->rule, "tag_after") || !strcmp(a->rule, "tag_before"));
            }
        }
    }
    size_t prev = SIZE_MAX; /* previous top-level quote */
    for (size_t r = 0; r < nq; r++) {
        if (open_tok[r] == SIZE_MAX)
            continue;
        attribution *a = &att[r];
        size_t p = prev;
        /* a title or scare quote that nothing attributes is not the quotation a next one
         * continues ("said Cuban, a host of “Shark Tank.” “…”") */
        const qg_raw_quote *rq = &doc->raw_quotes.items[r];
        if (a->found || !quote_is_term_like(&c, rq) || opens_sentence(&c, open_tok[r]))
            prev = r;
        /* "telling the crowd, “I’m a negotiator,” and, “Is there anyone …”": a quotation joined
         * to the one before it by "and" or "or" alone */
        bool joined = false;
        if (!a->found && p != SIZE_MAX && close_tok[p] != SIZE_MAX && close_tok[p] < open_tok[r] &&
            open_tok[r] - close_tok[p] <= 4) {
            bool conj = false, only = true;
            for (size_t x = close_tok[p] + 1; x < open_tok[r] && only; x++) {
                conj |= lex_is(&c, x, "and") || lex_is(&c, x, "or");
                only = lex_is(&c, x, "and") || lex_is(&c, x, "or") || lex_is(&c, x, ",");
            }
            /* a sentence of its own after a direct quotation, not a second scare quote */
            joined = conj && only && att[p].found && !att[p].mixed && open_tok[r] + 1 < c.ntok &&
                     lex_is_cap(&c, open_tok[r] + 1) && !quote_is_term_like(&c, rq);
        }
        if (a->found || !(opens_sentence(&c, open_tok[r]) || after_opener(&c, open_tok[r]) || joined))
            continue;
        uint32_t para = para_of(&c, open_tok[r]);
        if (p != SIZE_MAX && att[p].found) {
            uint32_t ppara = doc->raw_quotes.items[p].last_paragraph;
            bool same_para = ppara == para;
            bool next_para = ppara + 1 == para &&
                             doc->paragraphs.items[para].begin == doc->raw_quotes.items[r].open_mark.begin;
            /* no other speaker cue between the two quotes */
            size_t from = close_tok[p] != SIZE_MAX ? close_tok[p] + 1 : open_tok[p] + 1;
            bool clean = !cue_between(&c, &att[p], from, open_tok[r]);
            if ((same_para || next_para) && clean) {
                *a = att[p];
                a->rule = "continuation";
                a->mixed = false;
                a->confidence = att[p].confidence * 0.85;
                continue;
            }
        }
        /* the speaker introduced in the sentence before (same paragraph, no quote in it) */
        uint32_t s = c.tok[open_tok[r]].sentence;
        if (s > 0 && doc->sentences.items[s - 1].paragraph == para) {
            const qg_sentence *ps = &doc->sentences.items[s - 1];
            /* "…, Schiff said. “The other factor …”": the tag that closes the sentence before */
            attribution tag = {0};
            if (tag_ending_sentence(&c, ps->first_token, ps->end_token, &tag)) {
                resolve_speaker(&c, &tag, 0);
                if (tag.entity != QG_NONE) {
                    *a = tag;
                    a->found = true;
                    a->rule = "prev_sentence";
                    a->confidence = 0.7;
                    continue;
                }
            }
            for (size_t k = ps->first_token; k < ps->end_token; k++) {
                if (c.tok[k].quote >= 0 || is_quote_mark_tok(&c, k))
                    break;
                int g;
                if (k == ps->first_token && np_is_pronoun(&c, k, &g) && !lex_is(&c, k, "it") &&
                    !lex_is(&c, k, "i") && !lex_is(&c, k, "we")) {
                    attribution b = {0};
                    np_parse(&c, k, k + 1, &b.phrase);
                    b.confidence = 0.6;
                    resolve_speaker(&c, &b, 0);
                    if (b.entity != QG_NONE) {
                        *a = b;
                        a->found = true;
                        a->rule = "prev_sentence";
                    }
                    break;
                }
                const struct qg_mention_x *m = entity_mention_at(&c, k);
                if (!m || m->entity == QG_NONE)
                    continue;
                qg_entity_kind ek = doc->entities.items[m->entity].kind;
                if (ek == QG_ENTITY_PERSON || ek == QG_ENTITY_ROLE) {
                    a->found = true;
                    a->phrase = m->phrase;
                    a->entity = m->entity;
                    a->mention = m->phrase.text;
                    a->rule = "prev_sentence";
                    a->confidence = 0.6;
                }
                break;
            }
        }
    }
    /* a paragraph of a quote left open, followed by a paragraph that opens with a quotation
     * mark, is the same speaker's (the newspaper convention for quotes over several
     * paragraphs): it takes the speaker of the paragraph after it, found by a tag there */
    for (size_t r = nq; r-- > 0;) {
        if (open_tok[r] == SIZE_MAX || att[r].found || !doc->raw_quotes.items[r].unclosed)
            continue;
        size_t n = r + 1;
        while (n < nq && open_tok[n] == SIZE_MAX)
            n++;
        if (n >= nq || !att[n].found)
            continue;
        uint32_t next_para = doc->raw_quotes.items[r].last_paragraph + 1;
        if (next_para >= doc->paragraphs.count ||
            doc->paragraphs.items[next_para].begin != doc->raw_quotes.items[n].open_mark.begin)
            continue;
        att[r] = att[n];
        att[r].rule = "continuation";
        att[r].mixed = false;
        att[r].confidence = att[n].confidence * 0.85;
    }
    /* publish quotes and terms */
    uint32_t last_mixed_sentence = UINT32_MAX;
    for (size_t r = 0; r < nq && st == QG_OK; r++) {
        const qg_raw_quote *q = &doc->raw_quotes.items[r];
        if (open_tok[r] == SIZE_MAX)
            continue;
        attribution *a = &att[r];
        /* a pair of marks around nothing ("“” said X", a line of straight quotes) is neither
         * a quote nor a term */
        if (quote_words(&c, q) == 0)
            continue;
        /* a later fragment of the same reported clause joins the mixed quote:
         * X said the platform “is open” and that the convention “will be fair” */
        if (doc->quotes.count > 0 && last_mixed_sentence == c.tok[open_tok[r]].sentence &&
            (!a->found || (a->mixed && a->cue.begin == doc->quotes.items[doc->quotes.count - 1].cue.begin)) &&
            !coordinated_cue(&c, &doc->quotes.items[doc->quotes.count - 1], open_tok[r], a)) {
            qg_quote *mq = &doc->quotes.items[doc->quotes.count - 1];
            size_t e = q->unclosed ? q->content.end : q->close_mark.end;
            /* "… the misnamed “right to work” law.": the rest of the clause after the last
             * fragment, when nothing but plain words follows */
            if (close_tok[r] != SIZE_MAX && close_tok[r] > 0 && !lex_is(&c, close_tok[r] - 1, ",")) {
                size_t send = sentence_end_tok(&c, close_tok[r]), last = close_tok[r] + 1;
                bool plain = last < send && lex_is_word(&c, last) && !lex_is_cap(&c, last) &&
                             !lex_in(&c, last, TAG_STARTERS) && !lex_in(&c, last, CLAUSE_ENDERS);
                for (size_t x = last; plain && x < send && x <= close_tok[r] + 20; x++) {
                    if (lex_is(&c, x, ".") || lex_is(&c, x, "!") || lex_is(&c, x, "?")) {
                        if (x > last)
                            e = c.tok[x - 1].end;
                        break;
                    }
                    plain = lex_is_word(&c, x) && !is_cue_verb_at(&c, x);
                }
            }
            if (e > mq->content.end)
                mq->content.end = e;
            continue;
        }
        /* a title in Title Case that no rule attributes is a term, wherever it stands
         * ("Orange is the New Black", "Secret Lives of the Super Rich") */
        bool title = (!a->found && (quote_is_title_case(&c, q) || credited_title(&c, close_tok[r]))) ||
                     named_work(&c, q, open_tok[r], close_tok[r]);
        /* "… aired Monday on “New Day.”", "set to publish “Trump Revealed,”": a short title
         * in the clause of a cue is named there, not quoted */
        if (!title && a->found && a->mixed && quote_is_title_case(&c, q) && quote_words(&c, q) <= 5)
            title = true;
        /* a paragraph that is only a short quotation in single marks is a subheading (a pull
         * quote: "'A healthy environment.'"), not a quote of the running text */
        if (!title && close_tok[r] != SIZE_MAX && subheading_quote(&c, q, open_tok[r], close_tok[r]))
            title = true;
        bool voiced = chanted_or_written(&c, open_tok[r]);
        if (voiced)
            title = false;
        if (title || (!a->found && !cued[r] && !voiced && quote_is_term_like(&c, q) &&
                      (!opens_sentence(&c, open_tok[r]) || quote_words(&c, q) <= 2))) {
            qg_term *t = qg_vec_push(&doc->terms);
            if (!t) {
                st = QG_OOM(err);
                break;
            }
            t->span = q->content;
            size_t caps = 0, words = 0;
            for (size_t k = open_tok[r] + 1; k < c.ntok && c.tok[k].end <= q->content.end; k++)
                if (lex_is_word(&c, k)) {
                    words++;
                    caps += lex_is_cap(&c, k) || (c.tok[k].flags & QG_TOK_NUMBER);
                }
            t->kind = title || (words > 0 && caps == words) ? "title" : "scare";
            continue;
        }
        qg_quote *out = qg_vec_push(&doc->quotes);
        if (!out) {
            st = QG_OOM(err);
            break;
        }
        last_mixed_sentence = UINT32_MAX;
        out->type = QG_QUOTE_DIRECT;
        out->content = q->content;
        if (a->found && a->content_end > q->content.begin && a->content_end < q->content.end)
            out->content.end = a->content_end; /* before a credit line */
        out->speaker = QG_NONE;
        out->rule = "none";
        if (cued[r]) /* a tag whose speaker is not known: the cue is kept */
            out->cue = a->cue;
        if (a->found) {
            out->speaker = a->entity;
            out->speaker_mention = a->mention;
            out->cue = a->cue;
            out->confidence = a->confidence;
            out->rule = a->rule;
            bool fragment_then_tag = false;
            if (!a->mixed && a->rule && !strcmp(a->rule, "tag_after") &&
                !opens_sentence(&c, open_tok[r])) {
                /* "The plans are “profoundly irresponsible,” said X": the clause that holds
                 * the fragment is the content, from the start of the sentence */
                /* from the last quotation or colon before it (searched backwards: linear) */
                size_t s0 = sentence_start_tok(&c, open_tok[r]), b = s0;
                for (size_t x = open_tok[r]; x-- > s0;)
                    if (is_quote_mark_tok(&c, x) || c.tok[x].quote >= 0 || lex_is(&c, x, ":")) {
                        b = x + 1;
                        break;
                    }
                while (b < open_tok[r] && !lex_is_word(&c, b))
                    b++;
                /* not after the tag of an earlier quotation ("“A,” she said, but …, “B,” said
                 * X"): the second quotation is direct */
                bool earlier_tag = false;
                for (size_t x = b; x < open_tok[r] && b > s0 && !earlier_tag; x++)
                    earlier_tag = is_cue_verb_at(&c, x);
                if (b < open_tok[r] && !is_dash_tok(&c, open_tok[r] - 1) && !earlier_tag) {
                    a->mixed = true;
                    a->content_tok = b;
                    out->rule = "mixed";
                    fragment_then_tag = true;
                }
            }
            /* "Obama said “it gets me mad” every time he thinks about …": words of the clause
             * after the closing mark make the quotation the start of a mixed clause */
            bool clause_after = false;
            if (!a->mixed && a->rule && (!strcmp(a->rule, "tag_before") || !strcmp(a->rule, "continuation")) &&
                close_tok[r] != SIZE_MAX &&
                close_tok[r] + 1 < c.ntok) {
                size_t n = close_tok[r] + 1;
                clause_after = c.tok[n].sentence == c.tok[close_tok[r]].sentence &&
                               lex_is_word(&c, n) && !lex_is_cap(&c, n) && !is_cue_verb_at(&c, n) &&
                               !lex_in(&c, n, TAG_STARTERS) && !lex_in(&c, n, SCENE_PREPS) && close_tok[r] > 0 &&
                               !lex_is(&c, close_tok[r] - 1, ",") && !lex_is(&c, close_tok[r] - 1, ".") &&
                               !lex_is(&c, close_tok[r] - 1, "!") && !lex_is(&c, close_tok[r] - 1, "?");
                if (clause_after) {
                    a->mixed = true;
                    a->content_tok = open_tok[r];
                    out->rule = "mixed";
                }
            }
            if (a->mixed && (a->content_tok <= open_tok[r] || clause_after)) {
                out->type = QG_QUOTE_MIXED;
                last_mixed_sentence = c.tok[open_tok[r]].sentence;
                out->content.begin = c.tok[a->content_tok].begin;
                /* to the end of the clause: the closing mark, or the sentence end */
                size_t send = sentence_end_tok(&c, open_tok[r]);
                size_t e = q->unclosed ? q->content.end : q->close_mark.end;
                size_t last = send;
                while (last > 0 && last - 1 > open_tok[r] &&
                       (lex_is(&c, last - 1, ".") || lex_is(&c, last - 1, ",")))
                    last--;
                /* a clause is not longer than this: a sentence of thousands of words (no
                 * punctuation in the input) must not make every quote in it scan to its end */
                if (close_tok[r] != SIZE_MAX && last > close_tok[r] + 1 + MAX_CLAUSE_TOKENS)
                    last = close_tok[r] + 1 + MAX_CLAUSE_TOKENS;
                bool words_after = false;
                for (size_t x = close_tok[r] != SIZE_MAX ? close_tok[r] + 1 : last; x < last; x++)
                    words_after |= lex_is_word(&c, x);
                if (words_after && close_tok[r] != SIZE_MAX) {
                    /* not into the next clause that has its own cue: "…,” but he said … */
                    for (size_t x = close_tok[r] + 1; x < last; x++) {
                        /* "… of “leading from behind” and Donald Trump says he's …": a
                         * coordinated clause with a cue of its own */
                        if ((lex_is(&c, x, "and") || lex_is(&c, x, "but")) && x + 1 < last &&
                            lex_is_cap(&c, x + 1)) {
                            bool own_cue = false;
                            for (size_t y = x + 2; y < last && y <= x + 6 && !own_cue; y++)
                                own_cue = is_cue_verb_at(&c, y) && c.tok[y].quote < 0;
                            if (own_cue) {
                                last = x;
                                break;
                            }
                        }
                        /* "…, but he pressed Clinton …", "…, where he trails …": a comma and a
                         * word that opens another clause end this one */
                        if (lex_is(&c, x, ",") && x + 1 < last && c.tok[x].quote < 0 &&
                            lex_in(&c, x + 1, COMMA_CLAUSE_OPENERS)) {
                            last = x;
                            break;
                        }
                        if (lex_is(&c, x, ",") || lex_is(&c, x, ";")) {
                            bool cue_after = false;
                            for (size_t y = x + 1; y < last && !cue_after; y++)
                                cue_after = is_cue_verb_at(&c, y) && c.tok[y].quote < 0;
                            /* "… about her record, Sanders jabbed at Clinton …": a new subject */
                            if (!cue_after && x + 2 < last && lex_is_cap(&c, x + 1) &&
                                !lex_in(&c, x + 1, CONNECTIVE_CAPS)) {
                                np p;
                                if (np_parse(&c, x + 1, last, &p) && p.kind != NP_NONE &&
                                    p.end < last && lex_is_word(&c, p.end) && !lex_is_cap(&c, p.end))
                                    cue_after = true;
                            }
                            if (cue_after) {
                                last = x;
                                break;
                            }
                        }
                    }
                    words_after = false;
                    for (size_t x = close_tok[r] + 1; x < last; x++)
                        words_after |= lex_is_word(&c, x);
                }
                if (words_after && close_tok[r] != SIZE_MAX) {
                    /* "… a “fringe candidate,” making air quotes": a comma inside or right after
                     * the closing mark, a dash or a bracket ends the clause at the mark */
                    size_t n = close_tok[r] + 1, in = close_tok[r] - 1;
                    /* … unless a word that only adds to the same clause follows ("“a third-world
                     * country,” where teachers …", "“peanuts,” compared to …", "“strengthen,”
                     * too") */
                    static const char *const CLAUSE_CONTINUERS[] = {
                        "including", "because", "where", "compared", "specifically", "particularly",
                        "especially", "too", NULL};
                    size_t w = n < last && lex_is(&c, n, ",") ? n + 1 : n;
                    bool continues = w < last && lex_in(&c, w, CLAUSE_CONTINUERS);
                    if (!continues &&
                        ((in > open_tok[r] && (lex_is(&c, in, ",") || lex_is(&c, in, ";"))) ||
                         (n < last && (lex_is(&c, n, ",") || lex_is(&c, n, ";") || lex_is(&c, n, "(") ||
                                       is_dash_tok(&c, n) || lex_in(&c, n, CLAUSE_ENDERS)))))
                        words_after = false;
                    /* "… was “ignorant” of Islam and criticized him …": not into a second verb */
                    for (size_t y = n; words_after && y + 1 < last; y++) {
                        if (is_quote_mark_tok(&c, y) || c.tok[y].quote >= 0)
                            break;
                        if (lex_is(&c, y, "and") && looks_like_verb(&c, y + 1)) {
                            last = y;
                            words_after = y > n;
                            break;
                        }
                    }
                }
                if (words_after && !fragment_then_tag && c.tok[last - 1].end > e && c.tok[last - 1].quote < 0)
                    e = c.tok[last - 1].end;
                out->content.end = e;
            }
        }
    }
    free(att);
    free(open_tok);
    free(close_tok);
    free(cued);
    if (st == QG_OK)
        st = reported_speech(&c, err);
    if (st == QG_OK)
        end_overlapping_quotes(&c);
    if (st == QG_OK)
        balance_parentheses(doc);
    if (st == QG_OK)
        st = keep_referenced_entities(doc, err);
    if (st == QG_OK)
        st = entity_publish(&c, err);
done:
    lex_memo_free(&c);
    qg_vec_free(&c.mentions);
    if (st == QG_OK && c.oom)
        st = QG_OOM(err);
    return st;
}
