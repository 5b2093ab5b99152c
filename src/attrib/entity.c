/* Mentions and entity resolution within one article: full name / surname / honorific + surname,
 * organisation / acronym / short form, definite descriptions ("the bank") to the organisation
 * introduced before, roles with the organisation they speak for. */
#include "entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/strbuf.h"
#include "../text/text.h"

/* Entity look-ups scan at most this many of the most recent entities, so that analysis stays
 * linear on huge inputs (an article has far fewer; see docs/pipeline.md). */
#define ENTITY_WINDOW 256

static size_t window_start(const actx *c)
{
    size_t n = c->doc->entities.count;
    return n > ENTITY_WINDOW ? n - ENTITY_WINDOW : 0;
}

/* Country abbreviations are places, not organisations that speak. */
static const char *const PLACE_ACRONYMS[] = {"us", "uk", "usa", "eu", "u.s", "u.k", "uae", NULL};
/* Generic heads of descriptions that refer to an organisation. */
static const char *const ORG_HEADS[] = {
    "firm", "company", "bank", "agency", "group", "force", "trust", "party", "campaign",
    "organisation", "organization", "government", "department", "ministry", "police", "union",
    "council", "lender", "club", "authority", "commission", "committee", "board", "centre",
    "center", "institute", "university", "hospital", "office", "administration", "team",
    "network", "newspaper", "paper", "charity", "foundation", "association", "retailer",
    "regulator", "watchdog", "insurer", "carrier", "airline", "manufacturer", "business",
    "corporation", "giant", "broadcaster", "court", "service", NULL};

static char *span_dup(const actx *c, qg_span s)
{
    size_t n = s.end - s.begin;
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, c->doc->text + s.begin, n);
        p[n] = '\0';
        /* line breaks inside a name become spaces */
        for (size_t i = 0; i < n; i++)
            if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t')
                p[i] = ' ';
    }
    return p;
}

static char *fold_str(const char *s)
{
    qg_strbuf f = QG_STRBUF_INIT;
    /* drop periods so that "U.S." and "US", "Co." and "Co" compare equal */
    qg_strbuf tmp = QG_STRBUF_INIT;
    for (const char *p = s; *p; p++)
        if (*p != '.')
            qg_strbuf_append(&tmp, p, 1);
    qg_text_fold(&f, tmp.data ? tmp.data : "", tmp.len);
    qg_strbuf_dispose(&tmp);
    if (f.failed) {
        qg_strbuf_dispose(&f);
        return NULL;
    }
    char *r = qg_strbuf_take(&f);
    return r;
}

static const char *last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    return sp ? sp + 1 : key;
}

static size_t first_word_len(const char *key)
{
    const char *sp = strchr(key, ' ');
    return sp ? (size_t)(sp - key) : strlen(key);
}

/* Initials of the capitalised words of name: "National Cyber Security Centre" → "ncsc". */
static void acronym_of(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    bool at_start = true;
    for (const char *p = name; *p && n + 1 < cap; p++) {
        if (*p == ' ') {
            at_start = true;
            continue;
        }
        if (at_start && *p >= 'A' && *p <= 'Z')
            out[n++] = (char)(*p + 32);
        at_start = false;
    }
    out[n] = '\0';
}

static size_t add_entity(actx *c, qg_entity_kind kind, const char *name)
{
    qg_entity_rec *e = qg_vec_push(&c->doc->entities);
    if (!e) {
        c->oom = true;
        return QG_NONE;
    }
    e->kind = kind;
    e->name = strdup(name);
    e->key = fold_str(name);
    e->affiliation = QG_NONE;
    if (!e->name || !e->key)
        c->oom = true;
    return c->doc->entities.count - 1;
}

void entity_add_mention(actx *c, size_t e, qg_span span)
{
    if (e == QG_NONE)
        return;
    qg_entity_rec *r = &c->doc->entities.items[e];
    /* mentions arrive nearly in text order: look at the last few for a repeat */
    for (size_t i = r->mentions.count; i-- > 0 && i + 8 >= r->mentions.count;)
        if (r->mentions.items[i].span.begin == span.begin)
            return;
    qg_mention *m = qg_vec_push(&r->mentions);
    if (!m) {
        c->oom = true;
        return;
    }
    m->span = span;
}

static bool is_org_word_in(const actx *c, qg_span name, bool *outlet)
{
    /* any word of the name that is an organisation head word ("Police", "Lab", "Centre") */
    for (size_t k = lex_token_at(c, name.begin); k < c->ntok; k++) {
        if (c->tok[k].end > name.end)
            break;
        int v;
        size_t used;
        if (lex_is_cap(c, k) && lex_get(c, &c->model->org_words, k, 1, &v, &used)) {
            if (v == 2 && outlet)
                *outlet = true;
            return true;
        }
    }
    return false;
}

static bool is_outlet_name(const actx *c, const char *key)
{
    int v;
    if (qg_lexicon_get(&c->model->outlets, key, strlen(key), &v))
        return true;
    if (!strncmp(key, "the ", 4) && qg_lexicon_get(&c->model->outlets, key + 4, strlen(key) - 4, &v))
        return true;
    char with_the[256];
    snprintf(with_the, sizeof with_the, "the %s", key);
    return qg_lexicon_get(&c->model->outlets, with_the, strlen(with_the), &v);
}

/* Kind of a name from its words: organisation, outlet or person (QG_ENTITY_ANONYMOUS = unknown). */
static qg_entity_kind classify_name(const actx *c, const np *p, const char *key, size_t words)
{
    if (is_outlet_name(c, key))
        return QG_ENTITY_OUTLET;
    bool outlet = false;
    if (is_org_word_in(c, p->name, &outlet))
        return outlet ? QG_ENTITY_OUTLET : QG_ENTITY_ORGANIZATION;
    size_t k = lex_token_at(c, p->name.begin);
    if (words == 1 && k < c->ntok && (c->tok[k].flags & QG_TOK_ALLCAPS)) {
        for (int i = 0; PLACE_ACRONYMS[i]; i++)
            if (!strcmp(key, PLACE_ACRONYMS[i]))
                return QG_ENTITY_ANONYMOUS;
        return QG_ENTITY_ORGANIZATION;
    }
    if (p->had_title || p->gender)
        return QG_ENTITY_PERSON;
    int g;
    size_t used;
    if (k < c->ntok && lex_get(c, &c->model->first_names, k, 1, &g, &used))
        return QG_ENTITY_PERSON;
    if (words >= 2) {
        /* an all-capital word or a connector ("Bank of America", "Ernst & Young") makes an
         * organisation; otherwise two or three capitalised words are a person */
        size_t e = lex_token_at(c, p->name.end);
        for (size_t x = k; x < e && x < c->ntok; x++)
            if ((c->tok[x].flags & QG_TOK_ALLCAPS) || lex_is(c, x, "of") || lex_is(c, x, "&"))
                return QG_ENTITY_ORGANIZATION;
        return words <= 3 ? QG_ENTITY_PERSON : QG_ENTITY_ORGANIZATION;
    }
    return QG_ENTITY_ANONYMOUS; /* one unknown word: decided later */
}

static size_t find_entity(const actx *c, qg_entity_kind kind, const char *key)
{
    for (size_t i = window_start(c); i < c->doc->entities.count; i++) {
        const qg_entity_rec *e = &c->doc->entities.items[i];
        if (e->kind == kind && e->key && !strcmp(e->key, key))
            return i;
    }
    return QG_NONE;
}

/* A single word that names a known person (surname or given name) or organisation
 * (acronym, first word: "Kaspersky" for "Kaspersky Lab"). */
static size_t match_short_form(const actx *c, const char *key)
{
    size_t best = QG_NONE;
    for (size_t i = window_start(c); i < c->doc->entities.count; i++) {
        const qg_entity_rec *e = &c->doc->entities.items[i];
        if (!e->key || !strchr(e->key, ' '))
            continue;
        if (e->kind == QG_ENTITY_PERSON) {
            if (!strcmp(last_word(e->key), key))
                return i;
        } else if (e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET) {
            char acr[64];
            acronym_of(e->name, acr, sizeof acr);
            if (strlen(acr) >= 2 && !strcmp(acr, key))
                best = i;
            size_t fl = first_word_len(e->key);
            if (best == QG_NONE && fl == strlen(key) && !strncmp(e->key, key, fl) &&
                strcmp(key, "the") != 0)
                best = i;
        }
    }
    return best;
}

static size_t org_entity_for_name(actx *c, qg_span span)
{
    char *name = span_dup(c, span);
    char *key = name ? fold_str(name) : NULL;
    size_t e = QG_NONE;
    if (!name || !key) {
        c->oom = true;
    } else {
        /* drop a leading "the" */
        const char *nm = name, *ky = key;
        if (!strncmp(ky, "the ", 4)) {
            nm += 4;
            ky += 4;
        }
        qg_entity_kind kind = is_outlet_name(c, ky) ? QG_ENTITY_OUTLET : QG_ENTITY_ORGANIZATION;
        e = find_entity(c, QG_ENTITY_ORGANIZATION, ky);
        if (e == QG_NONE)
            e = find_entity(c, QG_ENTITY_OUTLET, ky);
        if (e == QG_NONE && !strchr(ky, ' ')) {
            e = match_short_form(c, ky);
            if (e != QG_NONE && c->doc->entities.items[e].kind == QG_ENTITY_PERSON)
                e = QG_NONE;
        }
        if (e == QG_NONE)
            e = add_entity(c, kind, nm);
    }
    free(name);
    free(key);
    return e;
}

/* The organisation a description refers to ("the bank", "the trust"): the most recent
 * organisation before byte `before` whose name holds the head noun, else the most recent one
 * when the head is a generic organisation noun. */
static size_t resolve_description(const actx *c, qg_span desc, size_t before)
{
    char *text = span_dup(c, desc);
    char *key = text ? fold_str(text) : NULL;
    free(text);
    if (!key)
        return QG_NONE;
    /* strip a possessive and take the last word */
    size_t kl = strlen(key);
    if (kl > 2 && key[kl - 2] == '\'' && key[kl - 1] == 's')
        key[kl - 2] = '\0';
    else if (kl > 4 && !strcmp(key + kl - 4, "\xE2\x80\x99s"))
        key[kl - 4] = '\0';
    const char *head = last_word(key);
    bool generic = false;
    for (int i = 0; ORG_HEADS[i]; i++)
        if (!strcmp(head, ORG_HEADS[i]))
            generic = true;
    size_t best = QG_NONE, best_pos = 0, any = QG_NONE, any_pos = 0;
    for (size_t i = window_start(c); i < c->doc->entities.count; i++) {
        const qg_entity_rec *e = &c->doc->entities.items[i];
        if (e->kind != QG_ENTITY_ORGANIZATION && e->kind != QG_ENTITY_OUTLET)
            continue;
        size_t last = 0;
        bool seen = false;
        for (size_t m = e->mentions.count; m-- > 0;)
            if (e->mentions.items[m].span.begin < before) {
                last = e->mentions.items[m].span.begin;
                seen = true;
                break;
            }
        if (!seen)
            continue;
        if (strstr(e->key, head) && (best == QG_NONE || last > best_pos)) {
            best = i;
            best_pos = last;
        }
        if (any == QG_NONE || last > any_pos) {
            any = i;
            any_pos = last;
        }
    }
    free(key);
    if (best != QG_NONE)
        return best;
    return generic ? any : QG_NONE;
}

size_t entity_for_span(actx *c, qg_span span, qg_entity_kind kind)
{
    char *name = span_dup(c, span);
    char *key = name ? fold_str(name) : NULL;
    size_t e = QG_NONE;
    if (name && key) {
        e = find_entity(c, kind, key);
        if (e == QG_NONE)
            e = add_entity(c, kind, name);
    } else {
        c->oom = true;
    }
    free(name);
    free(key);
    return e;
}

/* The organisation of a role or person phrase, resolving descriptions; QG_NONE when none. */
static size_t org_of_phrase(actx *c, const np *p)
{
    if (p->org.end <= p->org.begin)
        return QG_NONE;
    if (p->org_is_desc)
        return resolve_description(c, p->org, p->org.begin);
    return org_entity_for_name(c, p->org);
}

/* Organisation of a bare role ("A spokesman would not say ..."): the first organisation named
 * in the sentence before, else the most recent one in the same paragraph. orgs[0..norgs) are
 * the indices of the mentions before mi whose entity is an organisation, in text order: only
 * they can answer, and walking them instead of every mention keeps a long paragraph of roles
 * without organisations linear (it was quadratic). */
static size_t infer_context_org(const actx *c, size_t mi, const size_t *orgs, size_t norgs)
{
    const struct qg_mention_x *m = &c->mentions.items[mi];
    size_t found = QG_NONE;
    for (size_t q = norgs; q-- > 0;) {
        size_t j = orgs[q];
        const struct qg_mention_x *o = &c->mentions.items[j];
        if (o->paragraph + 1 < m->paragraph)
            break;
        if (o->entity == QG_NONE)
            continue;
        qg_entity_kind k = c->doc->entities.items[o->entity].kind;
        if (k != QG_ENTITY_ORGANIZATION)
            continue;
        if (o->sentence + 1 == m->sentence)
            found = o->entity; /* keeps the first of that sentence */
        else if (o->sentence + 1 < m->sentence)
            return found != QG_NONE ? found : o->entity;
        else if (o->sentence == m->sentence && found == QG_NONE)
            return o->entity;
    }
    return found;
}

static void set_affiliation(actx *c, size_t e, size_t org)
{
    if (e == QG_NONE || org == QG_NONE || e == org)
        return;
    qg_entity_rec *r = &c->doc->entities.items[e];
    if (r->affiliation == QG_NONE)
        r->affiliation = org;
}

static void push_mention(actx *c, const np *p, const qg_sentence *s)
{
    struct qg_mention_x *m = qg_vec_push(&c->mentions);
    if (!m) {
        c->oom = true;
        return;
    }
    m->phrase = *p;
    m->entity = QG_NONE;
    m->sentence = c->tok[p->start].sentence;
    m->paragraph = s->paragraph;
}

qg_status entity_detect(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    /* 1. mentions outside quotations */
    for (size_t s = 0; s < doc->sentences.count; s++) {
        const qg_sentence *sent = &doc->sentences.items[s];
        size_t k = sent->first_token, end = sent->end_token, limit = k;
        while (k < end) {
            const qg_token *t = &c->tok[k];
            if (t->quote >= 0 || (t->flags & (QG_TOK_OPEN | QG_TOK_CLOSE)) ||
                !(t->flags & QG_TOK_WORD)) {
                k++;
                continue;
            }
            /* the phrase must not run into a quotation; the limit is the same for every k
             * before it, so it is searched once per run of tokens (was quadratic in a long
             * sentence without quotes) */
            if (limit <= k) {
                limit = k;
                while (limit < end && c->tok[limit].quote < 0 &&
                       !(c->tok[limit].flags & (QG_TOK_OPEN | QG_TOK_CLOSE)))
                    limit++;
            }
            np p;
            if (np_parse(c, k, limit, &p) && p.kind != NP_PRONOUN) {
                push_mention(c, &p, sent);
                /* the appositive belongs to this mention ("X, a paediatrician at Y,") */
                size_t next = p.appos_end > p.end ? p.appos_end : p.end;
                k = next > k ? next : k + 1;
                continue;
            }
            k++;
        }
    }
    if (c->oom)
        return QG_OOM(err);
    /* 2. names: organisations and multi-word persons first */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->mentions.count; i++) {
            struct qg_mention_x *m = &c->mentions.items[i];
            if (m->phrase.kind != NP_NAME || m->entity != QG_NONE)
                continue;
            char *name = span_dup(c, m->phrase.name);
            char *key = name ? fold_str(name) : NULL;
            if (!name || !key) {
                free(name);
                free(key);
                return QG_OOM(err);
            }
            size_t words = 1;
            for (const char *q = key; *q; q++)
                words += *q == ' ';
            qg_entity_kind kind = classify_name(c, &m->phrase, key, words);
            if (pass == 0 && kind != QG_ENTITY_ANONYMOUS &&
                (words >= 2 || kind != QG_ENTITY_PERSON)) {
                if (kind == QG_ENTITY_ORGANIZATION || kind == QG_ENTITY_OUTLET) {
                    m->entity = org_entity_for_name(c, m->phrase.name);
                } else {
                    m->entity = find_entity(c, kind, key);
                    if (m->entity == QG_NONE) {
                        /* same surname and first name as a known person: Hillary (Rodham) Clinton */
                        for (size_t e = window_start(c); e < doc->entities.count; e++) {
                            const qg_entity_rec *r = &doc->entities.items[e];
                            if (r->kind == QG_ENTITY_PERSON &&
                                !strcmp(last_word(r->key), last_word(key)) &&
                                first_word_len(r->key) == first_word_len(key) &&
                                !strncmp(r->key, key, first_word_len(key))) {
                                m->entity = e;
                                break;
                            }
                        }
                    }
                    if (m->entity == QG_NONE)
                        m->entity = add_entity(c, kind, name);
                }
            } else if (pass == 1) {
                size_t e = match_short_form(c, key);
                if (e == QG_NONE)
                    e = find_entity(c, QG_ENTITY_PERSON, key);
                if (e == QG_NONE)
                    e = find_entity(c, QG_ENTITY_ORGANIZATION, key);
                if (e == QG_NONE && kind == QG_ENTITY_ANONYMOUS) {
                    /* one unknown word: a place acronym is nothing; else an organisation
                     * ("Barclays said") */
                    size_t k = lex_token_at(c, m->phrase.name.begin);
                    bool place = false;
                    for (int q = 0; PLACE_ACRONYMS[q]; q++)
                        if (!strcmp(key, PLACE_ACRONYMS[q]))
                            place = true;
                    (void)k;
                    if (!place)
                        e = add_entity(c, QG_ENTITY_ORGANIZATION, name);
                } else if (e == QG_NONE) {
                    e = add_entity(c, kind, name);
                }
                m->entity = e;
            }
            if (m->entity != QG_NONE) {
                entity_add_mention(c, m->entity, m->phrase.name);
                qg_entity_rec *r = &doc->entities.items[m->entity];
                if (!r->gender && m->phrase.gender && r->kind == QG_ENTITY_PERSON)
                    r->gender = m->phrase.gender;
            }
            free(name);
            free(key);
        }
        if (c->oom)
            return QG_OOM(err);
    }
    /* 3. descriptions and roles, in text order, so that "the bank" finds what came before */
    size_t *orgs = c->mentions.count ? malloc(c->mentions.count * sizeof *orgs) : NULL, norgs = 0;
    if (c->mentions.count && !orgs)
        return QG_OOM(err);
    for (size_t i = 0; i < c->mentions.count; i++) {
        struct qg_mention_x *m = &c->mentions.items[i];
        /* mention i - 1 is settled: an organisation for the roles that follow? */
        if (i > 0 && c->mentions.items[i - 1].entity != QG_NONE &&
            doc->entities.items[c->mentions.items[i - 1].entity].kind == QG_ENTITY_ORGANIZATION)
            orgs[norgs++] = i - 1;
        if (m->phrase.kind == NP_NAME) {
            size_t org = org_of_phrase(c, &m->phrase);
            if (org != QG_NONE && m->entity != QG_NONE &&
                doc->entities.items[m->entity].kind == QG_ENTITY_PERSON) {
                set_affiliation(c, m->entity, org);
                entity_add_mention(c, org, m->phrase.org);
            }
            continue;
        }
        if (m->phrase.kind == NP_DESC) {
            size_t e = resolve_description(c, m->phrase.name, m->phrase.name.begin);
            char *text = span_dup(c, m->phrase.name);
            char *key = text ? fold_str(text) : NULL;
            bool generic = false;
            if (key)
                for (int q = 0; ORG_HEADS[q]; q++)
                    if (!strcmp(last_word(key), ORG_HEADS[q]))
                        generic = true;
            free(text);
            free(key);
            if (e != QG_NONE && generic && !m->phrase.possessive_det) {
                m->entity = e;
                entity_add_mention(c, e, m->phrase.name);
            }
            continue;
        }
        if (m->phrase.kind == NP_ROLE) {
            size_t org = org_of_phrase(c, &m->phrase);
            if (org != QG_NONE && !m->phrase.org_is_desc)
                entity_add_mention(c, org, m->phrase.org);
            if (org == QG_NONE && !m->phrase.possessive_det)
                org = infer_context_org(c, i, orgs, norgs);
            /* one entity per role phrase and organisation */
            char *name = span_dup(c, m->phrase.name);
            char *key = name ? fold_str(name) : NULL;
            if (!name || !key) {
                free(name);
                free(key);
                free(orgs);
                return QG_OOM(err);
            }
            qg_entity_kind kind = m->phrase.anonymous ? QG_ENTITY_ANONYMOUS : QG_ENTITY_ROLE;
            size_t e = QG_NONE;
            for (size_t x = window_start(c); x < doc->entities.count; x++) {
                const qg_entity_rec *r = &doc->entities.items[x];
                if (r->kind == kind && !strcmp(r->key, key) && r->affiliation == org) {
                    e = x;
                    break;
                }
            }
            if (e == QG_NONE) {
                e = add_entity(c, kind, name);
                if (e != QG_NONE)
                    doc->entities.items[e].affiliation = org;
            }
            m->entity = e;
            entity_add_mention(c, e, m->phrase.name);
            free(name);
            free(key);
        }
    }
    free(orgs);
    return c->oom ? QG_OOM(err) : QG_OK;
}

const struct qg_mention_x *entity_mention_at(const actx *c, size_t k)
{
    size_t lo = 0, hi = c->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->mentions.items[mid].phrase.start < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->mentions.count && c->mentions.items[lo].phrase.start == k)
        return &c->mentions.items[lo];
    return NULL;
}

size_t entity_resolve_pronoun(const actx *c, size_t k, int gender, bool org)
{
    uint32_t para = c->doc->sentences.items[c->tok[k].sentence].paragraph;
    size_t fallback = QG_NONE;
    /* mentions are in text order; walk back from the pronoun */
    size_t lo = 0, hi = c->mentions.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->mentions.items[mid].phrase.start < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j-- > 0;) {
        const struct qg_mention_x *m = &c->mentions.items[j];
        if (m->paragraph + 3 < para)
            break;
        if (m->entity == QG_NONE)
            continue;
        const qg_entity_rec *e = &c->doc->entities.items[m->entity];
        bool is_org = e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET;
        if (org != is_org)
            continue;
        if (m->phrase.is_possessive)
            continue; /* never through a possessive */
        if (!org && m->phrase.kind == NP_DESC)
            continue;
        /* gender is soft: articles call a woman "a spokesman"; only persons' known genders count */
        if (!org && gender && e->kind == QG_ENTITY_PERSON && e->gender && e->gender != gender) {
            if (fallback == QG_NONE)
                fallback = m->entity;
            continue;
        }
        return m->entity;
    }
    return fallback;
}

qg_status entity_publish(actx *c, qg_error *err)
{
    qg_doc *doc = c->doc;
    doc->entity_view.count = 0;
    for (size_t i = 0; i < doc->entities.count; i++) {
        qg_entity *v = qg_vec_push(&doc->entity_view);
        if (!v)
            return QG_OOM(err);
        const qg_entity_rec *r = &doc->entities.items[i];
        v->kind = r->kind;
        v->name = r->name;
        v->mentions = r->mentions.items;
        v->mention_count = r->mentions.count;
        v->affiliation = r->affiliation;
        v->gender = r->gender;
    }
    return QG_OK;
}
