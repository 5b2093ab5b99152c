#include "np.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../text/text.h"

static const char *const DETERMINERS[] = {"a", "an", "the", "his", "her", "its", "their", "our",
                                          "my", "your", "another", "one", "two", "three",
                                          "several", "some", "many", "other", NULL};
static const char *const PRONOUNS[] = {"he", "she", "they", "we", "i", "it", "who", NULL};
static const char *const POSSESSIVE_DETS[] = {"his", "her", "their", "my", "your", "our", NULL};
static const char *const FUNCTION_WORDS[] = {
    "the", "a", "an", "but", "and", "or", "however", "in", "on", "at", "for", "if", "when",
    "while", "as", "it", "this", "that", "these", "those", "yesterday", "today", "tomorrow",
    "then", "so", "yet", "meanwhile", "also", "after", "before", "since", "with", "without",
    "by", "from", "to", "of", "there", "here", "what", "who", "why", "how", "where", "we", "i",
    "he", "she", "they", "you", "his", "her", "its", "their", "our", "my", "your", "not", "no",
    "yes", "still", "now", "last", "next", "earlier", "later", "asked", "said", "says",
    "according", "despite", "although", "though", "because", "under", "over", "during",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "new", "former", "even", "just", "all",
    "every", "each", "some", "many", "most", "both", "more", "such", "other", "only", "do",
    "does", "did", "is", "was", "are", "were", "be", "will", "would", "can", "could", "should",
    "may", "might", "must", "has", "have", "had", "let", "please", "thank", "thanks", "dear",
    "oh", "well", "like", "unlike", "among", "about", "into", "through", "against", "between",
    "nobody", "everybody", "somebody", "anybody", "everyone", "someone", "anyone", "nothing",
    "everything", "something", "none", "another", "either", "neither",
    "within", "outside", "inside", "upon", "until", "unless", "whether", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "dozens",
    "hundreds", "thousands", "millions", "few", "several", "moreover", "furthermore",
    "nevertheless", "instead", "indeed", "overall", "likewise", "separately", NULL};
/* Words that end a description: auxiliaries and copulas ("the bank will review"). */
static const char *const DESC_STOPS[] = {"will", "would", "can", "could", "should", "may", "might",
                                         "must", "is", "are", "was", "were", "has", "have", "had",
                                         "does", "did", "do", "be", "been", "being", "not", "into",
                                         "in", "on", "to", "by", "over", "under", "about",
                                         "after", "before", "through", "against", "than",
                                         /* a subject pronoun opens the next clause ("told a
                                          * news conference they are …") */
                                         "he", "she", "they", "we", "i", "it", "you", NULL};
static const char *const NAME_PARTICLES[] = {"de", "da", "van", "von", "der", "del", "la", "le",
                                             "bin", "al", "du", "dos", "di", "ter", NULL};
/* Words that end a description: the verb group after it ("the council would not say"). */
static const char *const VERB_GROUP[] = {
    "would", "will", "could", "can", "should", "may", "might", "must", "shall", "is", "was",
    "are", "were", "has", "had", "have", "did", "does", "do", "not", "never", "also", "had",
    "then", "later", "still", "declined", "refused", NULL};
static const char *const ORG_PREPS[] = {"of", "for", "at", "with", "from", NULL};
static const char *const NAME_PREPS[] = {"of", "at", "from", NULL};
static const char *const FINAL_ABBREVIATIONS[] = {"co", "inc", "ltd", "corp", "jr", "sr",
                                                  "st", "bros", "plc", "llc", "cos", NULL};
static const char *const RELATIVE_VERBS[] = {
    "chairs", "heads", "leads", "runs", "directs", "founded", "co-founded", "manages",
    "represents", "works", "worked", "serves", "served", "advises", "oversees", "owns",
    "chaired", "headed", "led", "ran", "directed", "managed", "represented", "is", "was",
    "teaches", "speaks", NULL};

/* Generic heads of descriptions that refer to an organisation. */
static const char *const ORG_HEADS[] = {
    "firm", "company", "bank", "agency", "group", "force", "trust", "party", "campaign",
    "organisation", "organization", "government", "department", "ministry", "police", "union",
    "council", "lender", "club", "authority", "commission", "committee", "board",
    "institute", "university", "hospital", "administration",
    "newspaper", "charity", "foundation", "association", "retailer", "regulator", "watchdog",
    "insurer", "carrier", "airline", "manufacturer", "business", "corporation", "giant",
    "broadcaster", "court", "lab", "laboratory", "startup", "start-up", "conglomerate",
    "supermarket", "provider", "developer", "maker", "publisher", "magazine", "fund", NULL};
/* Heads that make the name in their appositive an organisation ("The employer, Stanmore
 * Logistics,"), besides ORG_HEADS, but that are too loose to resolve a bare description ("the
 * network", "the employer") to an organisation named before: measured on PolNeAR dev. */
static const char *const APPOS_ORG_HEADS[] = {
    "employer", "operator", "utility", "supplier", "consortium", "coalition", "alliance",
    "federation", "league", "network", "chain", "school",
    "college", "museum", "cooperative", "co-op", "distributor", NULL};
/* Words of ", part of X": the appositive makes X the organisation this one belongs to. */
static const char *const PART_WORDS[] = {"part", "unit", "division", "subsidiary", "arm", "branch",
                                         "wing", "affiliate", "offshoot", "department", "agency",
                                         NULL};
static const char *const PARTICIPLES_BY[] = {"published", "released", "commissioned", "conducted",
                                             "issued", "prepared", "produced", "written",
                                             "compiled", "carried", "obtained", "filed", NULL};

/* Capitalised words before a role that name a side or a standing, not an organisation
 * ("Opposition leader Ana Pires", "Party leader", "Shadow minister"). */
static const char *const GENERIC_MODIFIERS[] = {"opposition", "party", "majority", "minority",
                                                "shadow", "deputy", "acting", "interim",
                                                "coalition", "ruling", "former", NULL};

/* Are the tokens [b, e) only generic modifiers (GENERIC_MODIFIERS)? */
static bool is_generic_modifier_span(const actx *c, size_t b, size_t e)
{
    for (size_t x = b; x < e; x++)
        if (!lex_in(c, x, GENERIC_MODIFIERS))
            return false;
    return e > b;
}

/* ORG_HEADS as a hash set (lex_word_set), made once per process. */
static const struct lex_word_set *org_heads;
static pthread_once_t org_heads_once = PTHREAD_ONCE_INIT;
static atomic_bool org_heads_ready; /* org_heads is set (release) */

static void org_heads_make(void)
{
    org_heads = lex_word_set(ORG_HEADS);
    atomic_store_explicit(&org_heads_ready, true, memory_order_release);
}

/* Is w[0, len) an organisation head noun? */
static bool is_org_head_n(const char *w, size_t len)
{
    if (!atomic_load_explicit(&org_heads_ready, memory_order_acquire))
        pthread_once(&org_heads_once, org_heads_make);
    return lex_word_in(org_heads, ORG_HEADS, w, len);
}

bool np_is_org_head(const char *w)
{
    return is_org_head_n(w, strlen(w));
}

bool np_is_appos_org_head(const char *w)
{
    if (np_is_org_head(w))
        return true;
    for (size_t i = 0; APPOS_ORG_HEADS[i]; i++)
        if (!strcmp(w, APPOS_ORG_HEADS[i]))
            return true;
    return false;
}

static bool tok_is_org_head(const actx *c, size_t k)
{
    char buf[64];
    size_t n = lex_is_word(c, k) ? lex_fold(c, k, buf, sizeof buf) : 0;
    size_t p = n ? lex_possessive_len(c, k) : 0;
    if (p && p <= n)
        buf[n - p] = '\0'; /* "firm’s" */
    return n && is_org_head_n(buf, strlen(buf));
}

bool np_is_document_head(const actx *c, size_t k)
{
    int v;
    size_t used;
    return lex_is_word(c, k) && !lex_is_cap(c, k) && lex_get(c, &c->model->documents, k, 1, &v, &used) &&
           used == 1;
}

/* Does a title of the lexicon start at token k ("Prime Minister", "Vice President")? */
static bool tu2_is_title(const actx *c, size_t k, size_t limit)
{
    int v;
    return lex_longest(c, &c->model->titles, k, limit, &v) > 0;
}

bool np_is_function_word(const actx *c, size_t k)
{
    return lex_in(c, k, FUNCTION_WORDS);
}

bool np_is_pronoun(const actx *c, size_t k, int *gender)
{
    if (!lex_in(c, k, PRONOUNS))
        return false;
    /* "WHO", "IT" in capitals are organisations or acronyms, not pronouns */
    if ((c->tok[k].flags & QG_TOK_ALLCAPS) && !lex_is(c, k, "i"))
        return false;
    int v = 0;
    size_t used;
    if (gender) {
        *gender = 0;
        if (lex_get(c, &c->model->pronouns, k, 1, &v, &used))
            *gender = v;
    }
    return true;
}

/* Is token k the first word of its sentence (or of a quotation)? */
static bool starts_sentence(const actx *c, size_t k)
{
    size_t first = c->doc->sentences.items[c->tok[k].sentence].first_token;
    for (size_t x = first; x < k; x++)
        if (lex_is_word(c, x))
            return false;
    return true;
}

static bool name_word_uncached(const actx *c, size_t k);

/* Can token k be a word of a name? Answered once per token (lex_memo.name_word): it depends on
 * the token and its neighbours only, and np_name_end() asks about most tokens several times. */
static bool is_name_word(const actx *c, size_t k)
{
    if (!lex_is_cap(c, k) || (c->tok[k].flags & QG_TOK_NUMBER))
        return false;
    lex_memo *m = c->memo;
    if (!m || !m->per_token)
        return name_word_uncached(c, k);
    if (!m->name_word && !(m->name_word = calloc(c->ntok, 1)))
        return name_word_uncached(c, k);
    if (!m->name_word[k])
        m->name_word[k] = name_word_uncached(c, k) ? 2 : 1;
    return m->name_word[k] == 2;
}

/* "Ann Other said", "said Ann Other.": a capitalised common word right after one other
 * capitalised word, right before a speech cue or ending an inverted tag, is the surname. */
bool np_is_surname_before_cue(const actx *c, size_t k)
{
    return k > 0 && k + 1 < c->ntok && lex_is_word(c, k - 1) && lex_is_cap(c, k - 1) &&
           !(c->tok[k - 1].flags & QG_TOK_ALLCAPS) && !np_is_function_word(c, k - 1) &&
           !(k > 1 && lex_is_word(c, k - 2) && lex_is_cap(c, k - 2) && !starts_sentence(c, k - 1)) &&
           ((lex_is_speech_cue(c, k + 1) && !lex_is_cap(c, k + 1)) ||
            /* "…,” said Ann Other." */
            (k > 1 && lex_is_speech_cue(c, k - 2) && !lex_is_cap(c, k - 2) &&
             !lex_is_word(c, k + 1)));
}

static bool name_word_uncached(const actx *c, size_t k)
{
    if (!lex_is_cap(c, k) || (c->tok[k].flags & QG_TOK_NUMBER))
        return false;
    if (np_is_function_word(c, k) && !(c->tok[k].flags & QG_TOK_ALLCAPS) &&
        !(lex_is(c, k, "new") && k + 1 < c->ntok && lex_is_cap(c, k + 1) && lex_glued(c, k) == false &&
          !np_is_function_word(c, k + 1)) &&
        !np_is_surname_before_cue(c, k) &&
        /* "“…,” Will wrote.": a capitalised "Will", "May" inside a sentence, right before a
         * speech verb, is a name */
        !(!starts_sentence(c, k) && k + 1 < c->ntok && lex_is_speech_cue(c, k + 1) &&
          !lex_is_cap(c, k + 1) && !lex_is_ing(c, k + 1)))
        return false; /* but "New York Times", "Ann Other said" */
    /* "Analysts said", "Critics of the plan": a role noun capitalised only because it opens the
     * sentence */
    int v;
    size_t used;
    if (!(c->tok[k].flags & QG_TOK_ALLCAPS) && lex_get(c, &c->model->roles, k, 1, &v, &used) &&
        used == 1 && !lex_get(c, &c->model->titles, k, 1, &v, &used) && starts_sentence(c, k) &&
        !(k + 1 < c->ntok && lex_is_cap(c, k + 1)))
        return false;
    return true;
}

static bool is_role(const actx *c, size_t k, size_t limit, size_t *used, int *value)
{
    int v = 0;
    size_t n = lex_longest(c, &c->model->roles, k, limit, &v);
    if (!n)
        return false;
    /* a role is a common noun: "Spokesman" capitalised starts a title, not a nameless role */
    *used = n;
    if (value)
        *value = v;
    return true;
}

size_t np_name_end(const actx *c, size_t k, size_t limit)
{
    size_t e = k;
    bool first_is_given = false;
    if (e < limit && is_name_word(c, e)) {
        int g;
        size_t used;
        first_is_given = lex_get(c, &c->model->first_names, e, 1, &g, &used);
    }
    while (e < limit && c->tok[e].quote == c->tok[k].quote) {
        if (is_name_word(c, e)) {
            size_t next = e + 1;
            /* initials and abbreviations: K. D.  U.S.  Co. */
            if (lex_glued(c, e) && lex_is(c, e + 1, ".") &&
                (c->tok[e].end - c->tok[e].begin == 1 || lex_in(c, e, FINAL_ABBREVIATIONS) ||
                 memchr(c->doc->text + c->tok[e].begin, '.', c->tok[e].end - c->tok[e].begin)))
                next = e + 2;
            if (lex_possessive_len(c, e)) {
                /* "Saint Brigid's Hospital" goes on; "Kaspersky Lab’s software" ends */
                bool org_follows = false;
                for (size_t x = next; x < limit && x < next + 4 && is_name_word(c, x); x++) {
                    int v;
                    size_t used;
                    if (lex_get(c, &c->model->org_words, x, 1, &v, &used))
                        org_follows = true;
                }
                e = next;
                if (!org_follows)
                    break;
                continue;
            }
            e = next;
            continue;
        }
        if (e == k)
            break;
        /* connectors followed by a name word */
        if ((lex_in(c, e, NAME_PARTICLES) || lex_is(c, e, "&")) && is_name_word(c, e + 1)) {
            e++;
            continue;
        }
        if (lex_is(c, e, "of") && is_name_word(c, e + 1) && !(c->tok[e + 1].flags & QG_TOK_ALLCAPS)) {
            int v;
            size_t used;
            /* "Bank of America"; also after a given name when an organisation word comes
             * before "of" ("Austin Chamber of Commerce") */
            /* not after two or more name words none of which names an organisation: "Kwame
             * Mensah of Acme Ltd." is a person of an organisation, even with a given name the
             * lexicon does not know */
            bool person_shape = false;
            if (!first_is_given && e >= k + 2) {
                person_shape = true;
                for (size_t x = k; x < e && person_shape; x++)
                    person_shape = !(c->tok[x].flags & QG_TOK_ALLCAPS) &&
                                   !lex_get(c, &c->model->org_words, x, 1, &v, &used) &&
                                   !lex_in(c, x, NAME_PARTICLES);
            }
            if ((!first_is_given && !person_shape) ||
                (e > k && lex_get(c, &c->model->org_words, e - 1, 1, &v, &used))) {
                e++;
                continue;
            }
        }
        /* "Office for National Statistics", "Centre for Policy Studies" */
        if (lex_is(c, e, "for") && is_name_word(c, e + 1) && !first_is_given && e > k &&
            !(c->tok[e + 1].flags & QG_TOK_ALLCAPS)) {
            int v;
            size_t used;
            if (lex_get(c, &c->model->org_words, e - 1, 1, &v, &used)) {
                e++;
                continue;
            }
        }
        if (lex_is(c, e, "-") && lex_glued(c, e - 1) && lex_glued(c, e) && is_name_word(c, e + 1)) {
            e++;
            continue;
        }
        /* plural possessive inside a name: Tenants’ Association */
        if ((lex_is_punct(c, e, 0x2019) || lex_is_punct(c, e, '\'')) && lex_glued(c, e - 1) &&
            is_name_word(c, e + 1) && !lex_glued(c, e)) {
            e++;
            continue;
        }
        break;
    }
    /* do not end on a connector */
    while (e > k && !lex_is_word(c, e - 1) && !lex_is(c, e - 1, "."))
        e--;
    return e;
}

static qg_span tok_span(const actx *c, size_t b, size_t e)
{
    qg_span s = {0, 0};
    if (e > b) {
        s.begin = c->tok[b].begin;
        s.end = c->tok[e - 1].end;
    }
    return s;
}

void np_role_as_written(const actx *c, size_t s, size_t e, np *out)
{
    memset(out, 0, sizeof *out);
    out->kind = NP_ROLE;
    out->start = s;
    out->end = out->appos_end = e;
    out->text = out->name = tok_span(c, s, e);
}

/* Strip a possessive ending from a span ending at token e-1. */
static qg_span strip_possessive(const actx *c, qg_span s, size_t last)
{
    size_t p = lex_possessive_len(c, last);
    if (p && s.end == c->tok[last].end)
        s.end -= p;
    return s;
}

/* An organisation after a preposition: [the] Name, or "the bank" (a description). */
static size_t parse_org_after(const actx *c, size_t k, size_t limit, np *out)
{
    size_t j = k;
    if (lex_is(c, j, "the"))
        j++;
    size_t ne = np_name_end(c, j, limit);
    if (ne > j) {
        out->org = strip_possessive(c, tok_span(c, j, ne), ne - 1);
        out->org_is_desc = false;
        return ne;
    }
    if (j > k && lex_is_word(c, j) && !lex_is_cap(c, j)) {
        /* the bank / the force / the company: up to three lower-case words */
        size_t e = j;
        while (e < limit && e < j + 3 && lex_is_word(c, e) && !lex_is_cap(c, e) &&
               !lex_in(c, e, ORG_PREPS) && !lex_is_cue_class(c, e, QG_CUE_SPEECH) &&
               !lex_is(c, e, "and") && !lex_is(c, e, "who") && !lex_in(c, e, VERB_GROUP))
            e++;
        if (e > j) {
            out->org = strip_possessive(c, tok_span(c, k, e), e - 1);
            out->org_is_desc = true;
            return e;
        }
    }
    return k;
}

/* Appositive after a comma at token k: role, relative clause or name. */
static void parse_appositive(const actx *c, size_t k, size_t limit, np *out)
{
    size_t e = k;
    while (e < limit && !lex_is(c, e, ",") && !lex_is(c, e, ";") && !lex_is(c, e, ":") &&
           !(c->tok[e].flags & (QG_TOK_OPEN | QG_TOK_CLOSE)) &&
           !(lex_is(c, e, ".") && (e + 1 >= limit || c->tok[e + 1].sentence != c->tok[e].sentence)))
        e++;
    if (e == k || e - k > 14)
        return;
    /* ", 54," after a name: an age, so a person ("Smith, 54, said") */
    if (e == k + 1 && (c->tok[k].flags & QG_TOK_NUMBER) && out->kind == NP_NAME) {
        out->had_title = true; /* a person marker for classification, like a title */
        out->appos_end = e < limit && lex_is(c, e, ",") ? e + 1 : e;
        return;
    }
    /* ", part of the British surveillance agency GCHQ,", ", a unit of X", ", owned by X": the
     * organisation this one belongs to is the last name of the appositive */
    {
        size_t x = k, of = 0;
        if (lex_is_article(c, x))
            x++;
        while (x < e && x < k + 4 && lex_is_word(c, x) && !lex_is_cap(c, x) && !lex_in(c, x, PART_WORDS) &&
               !lex_is(c, x, "owned"))
            x++; /* "a wholly owned subsidiary of" */
        if (x + 1 < e && lex_in(c, x, PART_WORDS) && lex_is(c, x + 1, "of"))
            of = x + 1;
        else if (x + 1 < e && lex_is(c, x, "owned") && lex_is(c, x + 1, "by"))
            of = x + 1;
        if (of) {
            size_t best_b = 0, best_e = 0;
            for (size_t y = of + 1; y < e;) {
                size_t ne = np_name_end(c, y, e);
                if (ne > y) {
                    best_b = y;
                    best_e = ne;
                    y = ne;
                } else {
                    y++;
                }
            }
            if (best_e > best_b) {
                out->parent = strip_possessive(c, tok_span(c, best_b, best_e), best_e - 1);
                out->appos_end = e;
            }
            return;
        }
    }
    /* an appositive is not a clause with a speech verb of its own */
    if (lex_is(c, k, "who") || lex_is(c, k, "which")) {
        size_t v = k + 1;
        while (v < e && !lex_in(c, v, RELATIVE_VERBS))
            v++;
        if (v >= e)
            return;
        for (size_t j = v + 1; j < e; j++) {
            if (lex_in(c, j, ORG_PREPS) && !lex_is(c, j, "with"))
                continue;
            np tmp = *out;
            size_t oe = parse_org_after(c, j, e, &tmp);
            if (oe > j && !tmp.org_is_desc) {
                out->org = tmp.org;
                out->org_is_desc = false;
                break;
            }
        }
        out->appos_end = e;
        return;
    }
    if (lex_in(c, k, NAME_PREPS)) {
        /* "Mr. Mahaney, of RBC Capital Markets," */
        np tmp = *out;
        size_t oe = parse_org_after(c, k + 1, e, &tmp);
        if (oe == e && !tmp.org_is_desc) {
            out->org = tmp.org;
            out->org_is_desc = false;
            out->appos_end = e;
        }
        return;
    }
    /* "Marta Quist, hydrologist at the Kestrel Water Institute": a bare role noun (no article)
     * and the organisation after its preposition */
    if (lex_is_word(c, k) && !lex_is_cap(c, k) && !lex_is(c, k, "a") && !lex_is(c, k, "an") &&
        !lex_is(c, k, "the") && out->kind == NP_NAME) {
        size_t x = k;
        while (x < e && x < k + 3 && lex_is_word(c, x) && !lex_is_cap(c, x) && !lex_in(c, x, ORG_PREPS))
            x++;
        if (x > k && x + 1 < e && lex_in(c, x, ORG_PREPS)) {
            np tmp = *out;
            size_t oe = parse_org_after(c, x + 1, e, &tmp);
            if (oe == e && !tmp.org_is_desc && tmp.org.end > tmp.org.begin) {
                out->org = tmp.org;
                out->org_is_desc = false;
                out->role = tok_span(c, k, x);
                if (!out->role_head.end)
                    out->role_head = tok_span(c, x - 1, x);
                out->appos_end = e;
                return;
            }
        }
    }
    np a;
    if (!np_parse(c, k, e, &a))
        return;
    /* "…, the Financial Times claimed yesterday": the subject of a clause, not an appositive */
    for (size_t x = a.appos_end > a.end ? a.appos_end : a.end; x < e; x++) {
        const qg_token *t = &c->tok[x];
        bool adverb = lex_is(c, x, "also") || (t->end - t->begin > 4 && !lex_is_cap(c, x) &&
                                               !memcmp(c->doc->text + t->end - 2, "ly", 2));
        if (adverb)
            continue;
        if (lex_is_speech_cue(c, x))
            return;
        break;
    }
    if (a.kind == NP_NAME) {
        /* "her neighbour, Omar Siddiq": the name; "Dalia Ferreira, Coastal Banking Authority":
         * an organisation, known by an organisation word */
        bool is_org = false;
        for (size_t x = a.start; x < a.end; x++) {
            int v;
            size_t used;
            if (lex_is_cap(c, x) && lex_get(c, &c->model->org_words, x, 1, &v, &used))
                is_org = true;
        }
        if (is_org && out->kind == NP_NAME) {
            if (!out->org.end) {
                out->org = a.name;
                out->org_is_desc = false;
            }
        } else {
            out->appos_name = a.name;
            if (a.org.end > a.org.begin && !out->org.end) {
                out->org = a.org;
                out->org_is_desc = a.org_is_desc;
            }
        }
    } else if (a.kind == NP_ROLE) {
        out->role = a.text;
        if (!out->role_head.end)
            out->role_head = a.role_head;
        if (a.org.end > a.org.begin) {
            out->org = a.org;
            out->org_is_desc = a.org_is_desc;
            out->possessive_org = a.possessive_org;
        }
        if (!out->gender)
            out->gender = a.gender;
    } else if (a.kind == NP_DESC) {
        out->role = a.text;
    } else {
        return;
    }
    out->appos_end = a.appos_end > e ? a.appos_end : e;
}

static void finish(const actx *c, np *out, size_t limit)
{
    out->appos_end = out->end;
    out->text = tok_span(c, out->start, out->end);
    if (out->end > out->start)
        out->text = strip_possessive(c, out->text, out->end - 1);
    if (out->kind == NP_PRONOUN)
        return;
    size_t after = out->end;
    /* "National Cyber Security Centre (NCSC)": an acronym defined in parentheses */
    if (out->kind == NP_NAME && !out->is_possessive && after + 2 < limit && lex_is(c, after, "(") &&
        (c->tok[after + 1].flags & QG_TOK_ALLCAPS) && lex_is(c, after + 2, ")")) {
        out->acronym = tok_span(c, after + 1, after + 2);
        after += 3;
        out->appos_end = after;
    }
    if (after < limit && lex_is(c, after, ","))
        parse_appositive(c, after + 1, limit, out);
}

/* "[a|the] BRITISH bank", "a US tech giant", "the Mueller report": at most two capitalised
 * modifiers, then lower-case words ending in an organisation or document head noun. Returns the
 * end of the description, or j when there is none. */
static size_t modifier_desc_end(const actx *c, size_t j, size_t limit, bool *document)
{
    size_t x = j;
    while (x < limit && x < j + 2 && lex_is_word(c, x) && lex_is_cap(c, x) &&
           !np_is_function_word(c, x) && !lex_possessive_len(c, x) &&
           !(c->tok[x].flags & QG_TOK_NUMBER))
        x++;
    if (x == j)
        return j;
    for (size_t e = x; e < limit && e < x + 3; e++) {
        if (!lex_is_word(c, e) || lex_is_cap(c, e) || lex_in(c, e, ORG_PREPS) ||
            lex_is_speech_cue(c, e) || lex_is(c, e, "and") || lex_is(c, e, "who") ||
            lex_is(c, e, "that"))
            break;
        if (tok_is_org_head(c, e) || np_is_document_head(c, e)) {
            *document = np_is_document_head(c, e);
            return e + 1;
        }
        if (lex_possessive_len(c, e))
            break;
    }
    return j;
}

/* A document's author after its head: "a report by the Pew Research Center", "a survey from
 * Gallup", "a study published by X". */
static void attach_document_pp(const actx *c, np *out, size_t limit)
{
    size_t e = out->end;
    if (e < limit && lex_in(c, e, PARTICIPLES_BY) && lex_is(c, e + 1, "by"))
        e++;
    if (e >= limit || !(lex_is(c, e, "by") || lex_is(c, e, "from")))
        return;
    np tmp = *out;
    size_t oe = parse_org_after(c, e + 1, limit, &tmp);
    if (oe == e + 1 || tmp.org_is_desc)
        return;
    out->org = tmp.org;
    out->org_is_desc = false;
    out->end = oe;
}

/* The complement of an anonymous source: "a source close to the talks", "officials familiar
 * with the matter", "a person briefed on the plan". */
static void attach_anonymous_complement(const actx *c, np *out, size_t limit)
{
    static const char *const ADJ[] = {"close", "familiar", "briefed", "knowledgeable", NULL};
    static const char *const PREP[] = {"to", "with", "on", "about", "of", NULL};
    size_t e = out->end;
    if (!(e > 0 && lex_in(c, e - 1, ADJ)) && lex_in(c, e, ADJ))
        e++;
    if (!(e > 0 && lex_in(c, e - 1, ADJ)) || !lex_in(c, e, PREP))
        return;
    size_t x = e + 1;
    while (x < limit && x < e + 6 && lex_is_word(c, x) &&
           (!lex_is_speech_cue(c, x) || lex_in(c, x - 1, DETERMINERS)) /* "the talks" */ &&
           !lex_in(c, x, DESC_STOPS) && !lex_is(c, x, "who") && !lex_is(c, x, "and"))
        x++;
    if (x > e + 1)
        out->end = x;
}

/* PP after a name or role: "of the Nordvik Flood Agency", "for the bank". */
static void attach_pp(const actx *c, np *out, size_t limit, bool is_role_np)
{
    size_t e = out->end;
    if (e >= limit || out->is_possessive)
        return;
    if (!(is_role_np ? lex_in(c, e, ORG_PREPS) : lex_in(c, e, NAME_PREPS)))
        return;
    /* "an interview with CNN": whom one talks with is not one's organisation (the outlet is
     * cited, entity.c) */
    static const char *const TALK_NOUNS[] = {"interview", "interviews", "conversation", "call",
                                             "podcast", "meeting", "talks", NULL};
    if (lex_is(c, e, "with") && e > 0 && lex_in(c, e - 1, TALK_NOUNS))
        return;
    np tmp = *out;
    size_t oe = parse_org_after(c, e + 1, limit, &tmp);
    if (oe == e + 1 || (!is_role_np && tmp.org_is_desc))
        return;
    out->org = tmp.org;
    out->org_is_desc = tmp.org_is_desc;
    out->end = oe;
}

void np_starts_make(const actx *c, uint8_t *starts)
{
    for (size_t k = 0; k < c->ntok; k++) {
        int v;
        /* the filters answer for almost every word: no title or role starts with it */
        if (!lex_may_start(c, &c->model->titles, k) && !lex_may_start(c, &c->model->roles, k)) {
            starts[k] = 0;
            continue;
        }
        starts[k] = lex_is_word(c, k) && (lex_longest(c, &c->model->titles, k, c->ntok, &v) > 0 ||
                                          lex_longest(c, &c->model->roles, k, c->ntok, &v) > 0)
                        ? NP_START_LEX
                        : 0;
    }
}

const uint8_t *np_starts(const actx *c)
{
    lex_memo *m = c->memo;
    if (!m || m->np_starts_failed)
        return NULL;
    if (!m->np_starts) {
        m->np_starts = malloc(c->ntok ? c->ntok : 1);
        if (!m->np_starts) {
            m->np_starts_failed = true;
            return NULL;
        }
        np_starts_make(c, m->np_starts);
    }
    return m->np_starts;
}

bool np_may_start(const actx *c, const uint8_t *starts, size_t k)
{
    /* np_parse() succeeds only through: a pronoun; a name (capitalised first word); titles
     * from k; the/a/an and other determiners; a role at k; or descriptors before a title or
     * role at k+1..k+4 that a name follows */
    if (k >= c->ntok || lex_is_cap(c, k) || (starts[k] & NP_START_LEX))
        return true;
    for (size_t r = k + 1; r < c->ntok && r <= k + 4; r++)
        if (starts[r] & NP_START_LEX)
            return true;
    return lex_in(c, k, PRONOUNS) || lex_in(c, k, DETERMINERS);
}

bool np_parse(const actx *c, size_t k, size_t limit, np *out)
{
    memset(out, 0, sizeof *out);
    out->start = k;
    if (k >= limit)
        return false;
    /* where no phrase can start, every path below ends in NP_NONE with *out as it is now */
    const uint8_t *starts = np_starts(c);
    if (starts && !np_may_start(c, starts, k))
        return false;
    int g = 0;
    if (np_is_pronoun(c, k, &g)) {
        out->kind = NP_PRONOUN;
        out->end = k + 1;
        out->gender = (g == 'm' || g == 'f') ? g : 0;
        out->text = out->name = tok_span(c, k, k + 1);
        out->appos_end = out->end;
        return true;
    }
    /* descriptors before a role word and a name: "super PAC spokeswoman Kellyanne Conway",
     * "former tech executive Carly Fiorina", "vice presidential candidate Mike Pence" */
    if (!lex_is_cap(c, k) || !np_is_function_word(c, k)) {
        for (size_t r = k; r < limit && r < k + 5; r++) {
            if (!lex_is_word(c, r) || lex_is_speech_cue(c, r))
                break;
            size_t used = 0;
            int rv = 0;
            int tv2 = 0;
            size_t tu = lex_longest(c, &c->model->titles, r, limit, &tv2);
            if (!tu && is_role(c, r, limit, &used, &rv))
                tu = used;
            if (r == k && tu2_is_title(c, r, limit))
                break; /* a title right at the start ("Prime Minister X") is handled below */
            if (!tu || r == k)
                continue; /* a role right at the start is handled below */
            size_t nb = r + tu;
            size_t ne3 = np_name_end(c, nb, limit);
            if (ne3 <= nb)
                break;
            out->kind = NP_NAME;
            out->had_title = true;
            out->end = ne3;
            out->role_head = tok_span(c, r, nb);
            out->name = strip_possessive(c, tok_span(c, nb, ne3), ne3 - 1);
            out->is_possessive = lex_possessive_len(c, ne3 - 1) != 0;
            for (size_t m = k; m < r; m++) {
                size_t me = np_name_end(c, m, r);
                if (me > m) {
                    if (!is_generic_modifier_span(c, m, me))
                        out->org = tok_span(c, m, me);
                    break;
                }
            }
            attach_pp(c, out, limit, false);
            finish(c, out, limit);
            return true;
        }
    }
    /* titles and honorifics: Senator, Mr., board chair, Gov. (at most 8 in a row: a longer
     * chain, "Mr. Mr. Mr. ...", made every token scan to the end of the sentence, quadratic) */
    size_t j = k;
    int tv = 0;
    bool after_honorific = false;
    for (int titles = 0; titles < 8; titles++) {
        size_t used = lex_longest(c, &c->model->titles, j, limit, &tv);
        if (!used)
            break;
        /* "Mr. King", "Ms. Prince": after an honorific a capitalised title word that no name
         * follows is the surname */
        if (after_honorific && lex_is_cap(c, j) && np_name_end(c, j + used, limit) == j + used)
            break;
        after_honorific = tv == 1 && lex_is_cap(c, j);
        if (tv == 1 && lex_is_cap(c, j)) {
            /* honorific: Mr./Mrs./Ms. give the gender */
            if (lex_is(c, j, "mr") || lex_is(c, j, "sir") || lex_is(c, j, "lord"))
                out->gender = 'm';
            else if (lex_is(c, j, "mrs") || lex_is(c, j, "ms") || lex_is(c, j, "miss") ||
                     lex_is(c, j, "dame") || lex_is(c, j, "lady"))
                out->gender = 'f';
        }
        if (tv != 1) {
            /* a title (not an honorific): "Gov.", "Sen.", "board chair" */
            if (!out->role_head.end)
                out->role_head.begin = c->tok[j].begin;
            out->role_head.end = c->tok[j + used - 1].end;
        }
        j += used;
        out->had_title = true;
    }
    size_t ne = np_name_end(c, j, limit);
    if (ne > j) {
        size_t used = 0;
        int rv = 0;
        /* "Barclays spokesman", "Kaspersky Lab spokesman": a role of the named organisation */
        /* a role word ending in -s after a name is a verb: "Lena Ostrova chairs the board" */
        bool verb_like = ne < limit && c->doc->text[c->tok[ne].end - 1] == 's';
        if (!lex_possessive_len(c, ne - 1) && ne < limit && !lex_is_cap(c, ne) && !verb_like &&
            is_role(c, ne, limit, &used, &rv) && !out->had_title) {
            size_t after = ne + used;
            size_t ne2 = np_name_end(c, after, limit);
            if (ne2 > after) {
                /* "Snyder spokesman Dave Murray": a person, with the organisation before */
                out->kind = NP_NAME;
                if (!is_generic_modifier_span(c, j, ne))
                    out->org = tok_span(c, j, ne);
                out->had_title = true;
                out->role_head = tok_span(c, ne, after);
                out->end = ne2;
                out->name = strip_possessive(c, tok_span(c, after, ne2), ne2 - 1);
                out->is_possessive = lex_possessive_len(c, ne2 - 1) != 0;
                finish(c, out, limit);
                return true;
            }
            out->kind = NP_ROLE;
            out->org = tok_span(c, j, ne);
            out->role_head = tok_span(c, ne, ne + used);
            out->end = ne + used;
            out->anonymous = (rv & 0x100) != 0;
            out->name = tok_span(c, k, out->end);
            attach_pp(c, out, limit, true);
            finish(c, out, limit);
            return true;
        }
        /* "the trust's director", "Trump's running mate": a possessive before a role */
        if (lex_possessive_len(c, ne - 1) && ne < limit) {
            size_t r = ne;
            while (r < limit && r < ne + 2 && lex_is_word(c, r) && !lex_is_cap(c, r) &&
                   !is_role(c, r, limit, &used, &rv))
                r++;
            if (is_role(c, r, limit, &used, &rv)) {
                out->kind = NP_ROLE;
                out->org = strip_possessive(c, tok_span(c, j, ne), ne - 1);
                out->possessive_org = true;
                out->role_head = tok_span(c, r, r + used);
                out->end = r + used;
                out->name = tok_span(c, k, out->end);
                out->anonymous = (rv & 0x100) != 0;
                finish(c, out, limit);
                return true;
            }
        }
        /* "Labour's Keir Starmer": a person's full name after a possessive name, which is
         * what the person speaks for */
        size_t pe = lex_possessive_len(c, ne - 1) && !out->had_title && ne < limit
                        ? np_name_end(c, ne, limit)
                        : ne;
        bool person_like = pe > ne + 1 && pe <= ne + 3 && !lex_possessive_len(c, pe - 1);
        for (size_t x = ne; person_like && x < pe; x++) {
            int v;
            size_t wused;
            if (!lex_is_word(c, x) || (c->tok[x].flags & QG_TOK_ALLCAPS) ||
                lex_get(c, &c->model->org_words, x, 1, &v, &wused))
                person_like = false;
        }
        int pg = 0;
        size_t pused;
        if (person_like) {
            if (!lex_get(c, &c->model->first_names, ne, 1, &pg, &pused))
                pg = 0;
            out->kind = NP_NAME;
            out->org = strip_possessive(c, tok_span(c, j, ne), ne - 1);
            out->possessive_org = true;
            out->end = pe;
            out->name = tok_span(c, ne, pe);
            out->gender = pg == 'm' || pg == 'f' ? pg : 0;
            attach_pp(c, out, limit, false);
            finish(c, out, limit);
            return true;
        }
        if (ne == j + 1 && j == k && lex_is(c, j, "others") &&
            !(c->tok[j].flags & QG_TOK_ALLCAPS)) {
            /* "Others, however, say …": unnamed people opening the sentence, not a name */
            out->kind = NP_ROLE;
            out->end = ne;
            out->name = tok_span(c, j, ne);
            out->anonymous = true;
            finish(c, out, limit);
            return true;
        }
        out->kind = NP_NAME;
        out->end = ne;
        out->name = strip_possessive(c, tok_span(c, j, ne), ne - 1);
        out->is_possessive = lex_possessive_len(c, ne - 1) != 0;
        if (!out->gender) {
            int fg;
            size_t used2;
            if (lex_get(c, &c->model->first_names, j, 1, &fg, &used2) && (fg == 'm' || fg == 'f'))
                out->gender = fg;
        }
        attach_pp(c, out, limit, false);
        finish(c, out, limit);
        return true;
    }
    if (out->had_title) {
        /* a title with no name after it may be a role: "the spokesman" handled below */
        out->had_title = false;
        out->gender = 0;
        out->role_head.begin = out->role_head.end = 0;
    }
    /* "the British bank", "a US tech giant", "the surveillance agency GCHQ" */
    if (lex_is_article(c, k)) {
        bool doc_head = false;
        size_t de = modifier_desc_end(c, k + 1, limit, &doc_head);
        if (de > k + 1) {
            size_t ne2 = np_name_end(c, de, limit);
            if (ne2 > de) {
                /* the description is a descriptor of the name that follows */
                out->kind = NP_NAME;
                out->end = ne2;
                out->name = strip_possessive(c, tok_span(c, de, ne2), ne2 - 1);
                out->is_possessive = lex_possessive_len(c, ne2 - 1) != 0;
                finish(c, out, limit);
                return true;
            }
            out->kind = NP_DESC;
            out->modifier = true;
            out->document = doc_head;
            out->end = de;
            out->is_possessive = lex_possessive_len(c, de - 1) != 0;
            if (doc_head)
                attach_document_pp(c, out, limit);
            out->name = strip_possessive(c, tok_span(c, k, out->end), out->end - 1);
            finish(c, out, limit);
            return true;
        }
    }
    /* "the ACU", "the Financial Times": a name after "the" */
    if (lex_is(c, k, "the") && k + 1 < limit) {
        size_t te = np_name_end(c, k + 1, limit);
        size_t used = 0;
        int rv = 0;
        if (te > k + 1 && !(te < limit && !lex_is_cap(c, te) && is_role(c, te, limit, &used, &rv))) {
            out->kind = NP_NAME;
            out->end = te;
            out->name = strip_possessive(c, tok_span(c, k + 1, te), te - 1);
            out->is_possessive = lex_possessive_len(c, te - 1) != 0;
            attach_pp(c, out, limit, false);
            finish(c, out, limit);
            return true;
        }
    }
    /* determiner phrases and bare roles */
    j = k;
    bool det = lex_in(c, j, DETERMINERS);
    if (det) {
        out->possessive_det = lex_in(c, j, POSSESSIVE_DETS);
        j++;
    }
    /* "the trust's director": determiner + noun + possessive + role */
    for (size_t r = j; r < limit && r < j + 6; r++) {
        if (!lex_is_word(c, r) || lex_in(c, r, ORG_PREPS) || lex_is(c, r, "and") ||
            lex_is(c, r, "who") || (r > j && lex_is_speech_cue(c, r) && !lex_is_cap(c, r)))
            break;
        size_t used = 0;
        int rv = 0;
        /* a capital only because the sentence starts there: "Officials said …", "Sources
         * close to the talks said …" (not a title before a name: "Officials Smith") */
        bool sentence_cap = lex_is_cap(c, r) &&
                            r == c->doc->sentences.items[c->tok[r].sentence].first_word &&
                            !(r + 1 < limit && lex_is_cap(c, r + 1));
        if ((!lex_is_cap(c, r) || det || sentence_cap) && is_role(c, r, limit, &used, &rv)) {
            if (!det && r != j)
                break;
            if (sentence_cap && !det && !(rv & 0x100))
                break; /* only anonymous sources: "Critics of the board said" stays as it was */
            out->kind = NP_ROLE;
            out->end = r + used;
            out->role_head = tok_span(c, r, r + used);
            out->anonymous = (rv & 0x100) != 0;
            out->name = tok_span(c, k, out->end);
            /* an organisation among the modifiers: "a Kaspersky Lab spokesman" */
            for (size_t m = j; m < r; m++) {
                size_t me = np_name_end(c, m, r);
                if (me > m) {
                    out->org = strip_possessive(c, tok_span(c, m, me), me - 1);
                    out->possessive_org = lex_possessive_len(c, me - 1) != 0;
                    break;
                }
                if (lex_possessive_len(c, m) && det) {
                    /* "the trust's director" */
                    out->org = strip_possessive(c, tok_span(c, k, m + 1), m);
                    out->org_is_desc = true;
                    out->possessive_org = true;
                    break;
                }
            }
            if (out->possessive_det)
                out->possessive_det = true;
            if (out->anonymous) {
                attach_anonymous_complement(c, out, limit);
                out->name = tok_span(c, k, out->end); /* "a source close to the talks" */
            }
            attach_pp(c, out, limit, true);
            finish(c, out, limit);
            return true;
        }
        if (lex_possessive_len(c, r) && !det)
            break;
    }
    if (det && j < limit && lex_is_word(c, j) && !lex_is_cap(c, j)) {
        /* a definite description: "the bank", "her neighbour", "the firm" */
        size_t e = j;
        while (e < limit && e < j + 3 && lex_is_word(c, e) && !lex_is_cap(c, e) &&
               !lex_in(c, e, ORG_PREPS) &&
               ((!lex_is_speech_cue(c, e) && !lex_is_cue_class(c, e, QG_CUE_EVIDENCE)) ||
                np_is_document_head(c, e)) &&
               !lex_is(c, e, "and") &&
               !lex_is(c, e, "who") && !lex_is(c, e, "that") && !lex_in(c, e, DESC_STOPS)) {
            /* "the firm’s anti-virus software": the possessive ends the description */
            if (lex_possessive_len(c, e)) {
                if (tok_is_org_head(c, e) || np_is_document_head(c, e))
                    e++;
                break;
            }
            e++;
            /* an organisation or document noun ends the description: "the bank", "a report by" */
            if ((tok_is_org_head(c, e - 1) || np_is_document_head(c, e - 1)) &&
                !(e < limit && (np_is_document_head(c, e) || tok_is_org_head(c, e))))
                break;
        }
        if (e > j) {
            out->kind = NP_DESC;
            out->end = e;
            out->is_possessive = lex_possessive_len(c, e - 1) != 0;
            out->name = strip_possessive(c, tok_span(c, k, e), e - 1);
            out->document = np_is_document_head(c, e - 1);
            if (out->document && !out->possessive_det) {
                attach_document_pp(c, out, limit);
                out->name = tok_span(c, k, out->end);
                finish(c, out, limit);
                return true;
            }
            /* "a hydrologist at the Kestrel Water Institute": a role of that organisation */
            if (!out->possessive_det && (lex_is(c, k, "a") || lex_is(c, k, "an"))) {
                attach_pp(c, out, limit, true);
                if (out->org.end > out->org.begin && !out->org_is_desc)
                    out->kind = NP_ROLE;
                else {
                    out->org.begin = out->org.end = 0;
                    out->end = e;
                }
                out->name = tok_span(c, k, out->end);
            }
            finish(c, out, limit);
            return true;
        }
    }
    out->kind = NP_NONE;
    return false;
}
