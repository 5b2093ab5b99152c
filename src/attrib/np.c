#include "np.h"

#include <string.h>

#include "../text/text.h"

static const char *const DETERMINERS[] = {"a", "an", "the", "his", "her", "its", "their", "our",
                                          "my", "your", "another", "one", "two", "three",
                                          "several", "some", "many", "other", NULL};
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
    "within", "outside", "inside", "upon", "until", "unless", "whether", NULL};
static const char *const NAME_PARTICLES[] = {"de", "da", "van", "von", "der", "del", "la", "le",
                                             "bin", "al", "du", "dos", "di", "ter", NULL};
static const char *const ORG_PREPS[] = {"of", "for", "at", "with", "from", NULL};
static const char *const NAME_PREPS[] = {"of", "at", "from", NULL};
static const char *const FINAL_ABBREVIATIONS[] = {"co", "inc", "ltd", "corp", "jr", "sr",
                                                  "st", "bros", "plc", "llc", "cos", NULL};
static const char *const RELATIVE_VERBS[] = {
    "chairs", "heads", "leads", "runs", "directs", "founded", "co-founded", "manages",
    "represents", "works", "worked", "serves", "served", "advises", "oversees", "owns",
    "chaired", "headed", "led", "ran", "directed", "managed", "represented", "is", "was",
    "teaches", "speaks", NULL};

bool np_is_function_word(const actx *c, size_t k)
{
    return lex_in(c, k, FUNCTION_WORDS);
}

bool np_is_pronoun(const actx *c, size_t k, int *gender)
{
    static const char *const P[] = {"he", "she", "they", "we", "i", "it", "who", NULL};
    if (!lex_in(c, k, P))
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

static bool is_name_word(const actx *c, size_t k)
{
    if (!lex_is_cap(c, k) || (c->tok[k].flags & QG_TOK_NUMBER))
        return false;
    if (np_is_function_word(c, k) && !(c->tok[k].flags & QG_TOK_ALLCAPS))
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
        if (lex_is(c, e, "of") && is_name_word(c, e + 1) && !first_is_given &&
            !(c->tok[e + 1].flags & QG_TOK_ALLCAPS)) {
            e++;
            continue;
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
               !lex_is(c, e, "and") && !lex_is(c, e, "who"))
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
    np a;
    if (!np_parse(c, k, e, &a))
        return;
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
    if (out->end < limit && lex_is(c, out->end, ",") && out->kind != NP_DESC)
        parse_appositive(c, out->end + 1, limit, out);
    else if (out->end < limit && lex_is(c, out->end, ",") && out->kind == NP_DESC)
        parse_appositive(c, out->end + 1, limit, out);
}

/* PP after a name or role: "of the Nordvik Flood Agency", "for the bank". */
static void attach_pp(const actx *c, np *out, size_t limit, bool is_role_np)
{
    size_t e = out->end;
    if (e >= limit || out->is_possessive)
        return;
    if (!(is_role_np ? lex_in(c, e, ORG_PREPS) : lex_in(c, e, NAME_PREPS)))
        return;
    np tmp = *out;
    size_t oe = parse_org_after(c, e + 1, limit, &tmp);
    if (oe == e + 1 || (!is_role_np && tmp.org_is_desc))
        return;
    out->org = tmp.org;
    out->org_is_desc = tmp.org_is_desc;
    out->end = oe;
}

bool np_parse(const actx *c, size_t k, size_t limit, np *out)
{
    memset(out, 0, sizeof *out);
    out->start = k;
    if (k >= limit)
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
            if (!tu || r == k)
                continue; /* a title right at the start is handled below */
            size_t nb = r + tu;
            size_t ne3 = np_name_end(c, nb, limit);
            if (ne3 <= nb)
                break;
            out->kind = NP_NAME;
            out->had_title = true;
            out->end = ne3;
            out->name = strip_possessive(c, tok_span(c, nb, ne3), ne3 - 1);
            out->is_possessive = lex_possessive_len(c, ne3 - 1) != 0;
            for (size_t m = k; m < r; m++) {
                size_t me = np_name_end(c, m, r);
                if (me > m) {
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
    for (int titles = 0; titles < 8; titles++) {
        size_t used = lex_longest(c, &c->model->titles, j, limit, &tv);
        if (!used)
            break;
        if (tv == 1 && lex_is_cap(c, j)) {
            /* honorific: Mr./Mrs./Ms. give the gender */
            if (lex_is(c, j, "mr") || lex_is(c, j, "sir") || lex_is(c, j, "lord"))
                out->gender = 'm';
            else if (lex_is(c, j, "mrs") || lex_is(c, j, "ms") || lex_is(c, j, "miss") ||
                     lex_is(c, j, "dame") || lex_is(c, j, "lady"))
                out->gender = 'f';
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
                out->org = tok_span(c, j, ne);
                out->had_title = true;
                out->end = ne2;
                out->name = strip_possessive(c, tok_span(c, after, ne2), ne2 - 1);
                out->is_possessive = lex_possessive_len(c, ne2 - 1) != 0;
                finish(c, out, limit);
                return true;
            }
            out->kind = NP_ROLE;
            out->org = tok_span(c, j, ne);
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
                out->end = r + used;
                out->name = tok_span(c, k, out->end);
                out->anonymous = (rv & 0x100) != 0;
                finish(c, out, limit);
                return true;
            }
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
        if ((!lex_is_cap(c, r) || det) && is_role(c, r, limit, &used, &rv)) {
            if (!det && r != j)
                break;
            out->kind = NP_ROLE;
            out->end = r + used;
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
               !lex_in(c, e, ORG_PREPS) && !lex_is_speech_cue(c, e) && !lex_is(c, e, "and") &&
               !lex_is(c, e, "who") && !lex_is(c, e, "that") && !lex_possessive_len(c, e))
            e++;
        if (e > j) {
            out->kind = NP_DESC;
            out->end = e;
            out->name = tok_span(c, k, e);
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
