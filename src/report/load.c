/* Reading a merged corpus (the document of `quotegraph merge -f json`, docs/corpus.md) into
 * the report's compact tables.
 *
 * The top-level object and the long arrays in it ("articles", "entities", "groups",
 * "conflicts", "errors", and "nodes" and "edges" of "graph") are walked here, and each element
 * is decoded on its own by jansson and dropped once copied: memory stays proportional to the
 * compact tables, not to a tree of the whole document. Ids may be referred to before they are
 * listed (an article's speaker before "entities"): a reference makes a placeholder, and a
 * placeholder still unlisted at the end is an error. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/error.h"
#include "report_internal.h"

typedef struct rd {
    const char *s;
    size_t len, pos;
    qg_report *r;
    qg_error *err;
    QG_VEC(unsigned char) node_defined;
    QG_VEC(size_t) node_ref; /* where a node was first referred to */
    QG_VEC(unsigned char) article_defined;
    QG_VEC(size_t) article_ref;
} rd;

static qg_status fail(rd *d, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static qg_status fail(rd *d, size_t off, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return qg_error_set(d->err, QG_EINPUT, off, "%s", msg);
}

#define OOM(d) QG_OOM((d)->err)

static void ws(rd *d)
{
    while (d->pos < d->len) {
        char c = d->s[d->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        d->pos++;
    }
}

static int peek(rd *d)
{
    return d->pos < d->len ? (unsigned char)d->s[d->pos] : -1;
}

static qg_status expect(rd *d, char c, const char *what)
{
    ws(d);
    if (peek(d) != c) {
        if (d->pos >= d->len)
            return fail(d, d->pos, "unexpected end of input: expected %s", what);
        return fail(d, d->pos, "expected %s", what);
    }
    d->pos++;
    return QG_OK;
}

/* The end of the string, number or literal at d->pos (objects and arrays are parse_value's).
 * Only finds the extent; jansson validates it. */
static qg_status value_end(rd *d, size_t *end)
{
    size_t p = d->pos;
    if (p >= d->len)
        return fail(d, p, "unexpected end of input: expected a value");
    char c = d->s[p];
    if (c == '"') {
        for (p++; p < d->len && d->s[p] != '"'; p++)
            if (d->s[p] == '\\')
                p++;
        if (p >= d->len)
            return fail(d, d->pos, "unterminated string");
        *end = p + 1;
        return QG_OK;
    }
    while (p < d->len && !strchr(",]}: \t\r\n", d->s[p]))
        p++;
    if (p == d->pos)
        return fail(d, p, "unexpected character '%c'", c);
    *end = p;
    return QG_OK;
}

/* Decode the value at d->pos with jansson and move past it. */
static qg_status parse_value(rd *d, json_t **out)
{
    ws(d);
    int c = peek(d);
    if (c == '{' || c == '[') {
        /* jansson finds the end of an object or array itself (error.position: bytes read) */
        json_error_t je;
        json_t *v = json_loadb(d->s + d->pos, d->len - d->pos,
                               JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
        size_t read = je.position > 0 ? (size_t)je.position : 0;
        if (!v) {
            if (d->pos + read >= d->len)
                return fail(d, d->len, "unexpected end of input: this %s is not closed",
                            c == '{' ? "object" : "array");
            return fail(d, d->pos + (read ? read - 1 : 0), "invalid JSON: %s", je.text);
        }
        d->pos += read;
        *out = v;
        return QG_OK;
    }
    size_t end = d->pos;
    qg_status st = value_end(d, &end);
    if (st)
        return st;
    json_error_t je;
    json_t *v = json_loadb(d->s + d->pos, end - d->pos, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    if (!v) {
        size_t at = d->pos + (je.position > 0 ? (size_t)je.position - 1 : 0);
        if (at >= end)
            at = end ? end - 1 : 0;
        return fail(d, at, "invalid JSON: %s", je.text);
    }
    d->pos = end;
    *out = v;
    return QG_OK;
}

/* ---- typed fields ---- */

typedef struct ctx {
    rd *d;
    size_t off;      /* where the element starts */
    char where[160]; /* "articles[3]" */
} ctx;

static qg_status bad(ctx *c, const char *key, const char *what)
{
    return fail(c->d, c->off, "%s.%s: %s", c->where, key, what);
}

/* A string field: required (must be a string), or nullable (absent or null gives NULL). */
static qg_status get_str(ctx *c, json_t *o, const char *key, bool required, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return bad(c, key, v ? "expected a string, not null" : "missing");
        return QG_OK;
    }
    if (!json_is_string(v))
        return bad(c, key, required ? "expected a string" : "expected a string or null");
    if (!(*out = rp_strndup(&c->d->r->arena, json_string_value(v), strlen(json_string_value(v)))))
        return OOM(c->d);
    return QG_OK;
}

/* A count: absent gives 0; else a non-negative integer. */
static qg_status get_count(ctx *c, json_t *o, const char *key, uint64_t *out)
{
    json_t *v = json_object_get(o, key);
    *out = 0;
    if (!v)
        return QG_OK;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return bad(c, key, "expected a non-negative integer");
    *out = (uint64_t)json_integer_value(v);
    return QG_OK;
}

static qg_status get_array(ctx *c, json_t *o, const char *key, json_t **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return QG_OK;
    if (!json_is_array(v))
        return bad(c, key, "expected an array");
    *out = v;
    return QG_OK;
}

static qg_status want_object(ctx *c, json_t *v)
{
    if (!json_is_object(v))
        return fail(c->d, c->off, "%s: expected an object", c->where);
    return QG_OK;
}

/* ---- references ---- */

static qg_status entity_ref(ctx *c, const char *id, uint32_t *out)
{
    qg_report *r = c->d->r;
    *out = RP_NONE;
    if (!id)
        return QG_OK;
    uint32_t e = rp_map_get(&r->entity_ids, id);
    if (e == RP_NONE) {
        rp_entity *x = qg_vec_push(&r->entities);
        if (!x)
            return OOM(c->d);
        e = (uint32_t)(r->entities.count - 1);
        x->id = id;
        x->ref_offset = c->off;
        x->org = RP_NONE;
        x->node = RP_NONE;
        x->mark = RP_NONE;
        if (!rp_map_put(&r->entity_ids, id, e, NULL))
            return OOM(c->d);
    }
    *out = e;
    return QG_OK;
}

static qg_status article_ref(ctx *c, const char *id, uint32_t *out)
{
    rd *d = c->d;
    qg_report *r = d->r;
    uint32_t a = rp_map_get(&r->article_ids, id);
    if (a == RP_NONE) {
        rp_article *x = qg_vec_push(&r->articles);
        unsigned char *def = qg_vec_push(&d->article_defined);
        size_t *ref = qg_vec_push(&d->article_ref);
        if (!x || !def || !ref)
            return OOM(d);
        a = (uint32_t)(r->articles.count - 1);
        x->id = id;
        x->outlet = RP_NONE;
        *ref = c->off;
        if (!rp_map_put(&r->article_ids, id, a, NULL))
            return OOM(d);
    }
    *out = a;
    return QG_OK;
}

static qg_status node_ref(ctx *c, const char *id, uint32_t *out)
{
    rd *d = c->d;
    qg_report *r = d->r;
    uint32_t n = rp_map_get(&r->node_ids, id);
    if (n == RP_NONE) {
        unsigned char *def = qg_vec_push(&d->node_defined);
        size_t *ref = qg_vec_push(&d->node_ref);
        if (!def || !ref)
            return OOM(d);
        n = (uint32_t)r->nodes++;
        *ref = c->off;
        if (!rp_map_put(&r->node_ids, id, n, NULL))
            return OOM(d);
    }
    *out = n;
    return QG_OK;
}

/* An appearance object {"article", "speaker", "variant", ...} named name inside c->where. */
static qg_status appearance_of(ctx *c, json_t *v, const char *name, rp_appearance *out)
{
    out->article = out->speaker = RP_NONE;
    ctx in = *c;
    snprintf(in.where, sizeof in.where, "%.100s.%.40s", c->where, name);
    if (!v || !json_is_object(v))
        return fail(c->d, c->off, "%s: expected an object", in.where);
    const char *article, *speaker;
    qg_status st;
    if ((st = get_str(&in, v, "article", true, &article)) ||
        (st = get_str(&in, v, "speaker", false, &speaker)) ||
        (st = get_count(&in, v, "variant", &out->variant)) ||
        (st = article_ref(&in, article, &out->article)) ||
        (st = entity_ref(&in, speaker, &out->speaker)))
        return st;
    return QG_OK;
}

static qg_status appearance(ctx *c, json_t *o, const char *key, rp_appearance *out)
{
    return appearance_of(c, json_object_get(o, key), key, out);
}

/* ---- elements ---- */

static qg_status read_article(ctx *c, json_t *v, size_t i)
{
    rd *d = c->d;
    qg_report *r = d->r;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    const char *id, *title, *url, *published, *outlet;
    json_t *quotes;
    if ((st = get_str(c, v, "id", true, &id)) || (st = get_str(c, v, "title", false, &title)) ||
        (st = get_str(c, v, "url", false, &url)) ||
        (st = get_str(c, v, "published", false, &published)) ||
        (st = get_str(c, v, "outlet_id", false, &outlet)) ||
        (st = get_array(c, v, "quotes", &quotes)))
        return st;
    uint32_t a;
    if ((st = article_ref(c, id, &a)))
        return st;
    if (d->article_defined.items[a])
        return fail(d, c->off, "%s.id: article '%s' is listed twice", c->where, id);
    d->article_defined.items[a] = 1;
    rp_article *art = &r->articles.items[a];
    art->title = title;
    art->url = url;
    art->published = published;
    if ((st = entity_ref(c, outlet, &art->outlet)))
        return st;
    art->q0 = (uint32_t)r->quotes.count;
    art->nq = 0;
    size_t nq = quotes ? json_array_size(quotes) : 0;
    for (size_t k = 0; k < nq; k++) {
        ctx qc = *c;
        snprintf(qc.where, sizeof qc.where, "articles[%zu].quotes[%zu]", i, k);
        json_t *q = json_array_get(quotes, k);
        if ((st = want_object(&qc, q)))
            return st;
        const char *speaker, *org;
        if ((st = get_str(&qc, q, "speaker_id", false, &speaker)) ||
            (st = get_str(&qc, q, "org_id", false, &org)))
            return st;
        rp_quote *x = qg_vec_push(&r->quotes);
        if (!x)
            return OOM(d);
        x->article = a;
        if ((st = entity_ref(&qc, speaker, &x->speaker)) || (st = entity_ref(&qc, org, &x->org)))
            return st;
        r->articles.items[a].nq++;
    }
    if (r->quotes.count > UINT32_MAX - 1)
        return fail(d, c->off, "more than %u quotes", UINT32_MAX - 1);
    return QG_OK;
}

static qg_status read_entity(ctx *c, json_t *v, size_t i)
{
    (void)i;
    qg_report *r = c->d->r;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    const char *id, *kind, *name, *org;
    json_t *by_outlet;
    if ((st = get_str(c, v, "id", true, &id)) || (st = get_str(c, v, "kind", true, &kind)) ||
        (st = get_str(c, v, "name", false, &name)) || (st = get_str(c, v, "org", false, &org)) ||
        (st = get_array(c, v, "by_outlet", &by_outlet)))
        return st;
    uint32_t e, o;
    if ((st = entity_ref(c, id, &e)) || (st = entity_ref(c, org, &o)))
        return st;
    rp_entity *x = &r->entities.items[e];
    if (x->defined)
        return fail(c->d, c->off, "%s.id: entity '%s' is listed twice", c->where, id);
    x->defined = true;
    x->kind = kind;
    x->name = name ? name : x->id;
    x->org = o;
    x->outlets = by_outlet ? json_array_size(by_outlet) : 0;
    if ((st = get_count(c, v, "quotes", &x->quotes)) ||
        (st = get_count(c, v, "articles", &x->articles)) ||
        (st = get_count(c, v, "published", &x->published)) ||
        (st = get_count(c, v, "affiliated", &x->affiliated)))
        return st;
    return QG_OK;
}

static qg_status read_group(ctx *c, json_t *v, size_t i)
{
    (void)i;
    rd *d = c->d;
    qg_report *r = d->r;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    rp_group g = {0};
    json_t *repeats, *variants, *speakers;
    if ((st = get_str(c, v, "id", true, &g.id)) || (st = get_str(c, v, "text", true, &g.text)) ||
        (st = get_count(c, v, "appearances", &g.appearances)) ||
        (st = get_count(c, v, "articles", &g.articles)) ||
        (st = get_count(c, v, "outlets", &g.outlets)) ||
        (st = appearance(c, v, "first", &g.first)) || (st = get_array(c, v, "repeats", &repeats)) ||
        (st = get_array(c, v, "variants", &variants)) ||
        (st = get_array(c, v, "speakers", &speakers)))
        return st;
    json_t *conflict = json_object_get(v, "conflict");
    if (conflict && !json_is_boolean(conflict))
        return bad(c, "conflict", "expected true or false");
    g.conflict = json_is_true(conflict);
    g.nrepeats = repeats ? json_array_size(repeats) : 0;
    g.nvariants = variants ? json_array_size(variants) : 0;
    g.nspeakers = speakers ? json_array_size(speakers) : 0;
    if ((g.nrepeats && !(g.repeats = rp_alloc(&r->arena, g.nrepeats * sizeof *g.repeats))) ||
        (g.nvariants && !(g.variants = rp_alloc(&r->arena, g.nvariants * sizeof *g.variants))) ||
        (g.nspeakers && !(g.speakers = rp_alloc(&r->arena, g.nspeakers * sizeof *g.speakers))))
        return OOM(d);
    for (size_t k = 0; k < g.nrepeats; k++) {
        char name[32];
        snprintf(name, sizeof name, "repeats[%zu]", k);
        if ((st = appearance_of(c, json_array_get(repeats, k), name, &g.repeats[k])))
            return st;
    }
    for (size_t k = 0; k < g.nvariants; k++) {
        ctx in = *c;
        snprintf(in.where, sizeof in.where, "%.100s.variants[%zu]", c->where, k);
        json_t *x = json_array_get(variants, k);
        rp_variant *w = &g.variants[k];
        if ((st = want_object(&in, x)) || (st = get_str(&in, x, "text", true, &w->text)) ||
            (st = get_str(&in, x, "relation", false, &w->relation)) ||
            (st = get_count(&in, x, "appearances", &w->appearances)))
            return st;
        json_t *sim = json_object_get(x, "similarity");
        if (sim && !json_is_number(sim))
            return bad(&in, "similarity", "expected a number");
        w->similarity = sim ? json_number_value(sim) : 0;
    }
    for (size_t k = 0; k < g.nspeakers; k++) {
        json_t *x = json_array_get(speakers, k);
        if (!json_is_string(x))
            return bad(c, "speakers", "expected an array of strings");
        const char *id = rp_strndup(&r->arena, json_string_value(x), strlen(json_string_value(x)));
        if (!id)
            return OOM(d);
        if ((st = entity_ref(c, id, &g.speakers[k])))
            return st;
    }
    rp_group *slot = qg_vec_push(&r->groups);
    if (!slot)
        return OOM(d);
    *slot = g;
    return QG_OK;
}

static qg_status read_conflict(ctx *c, json_t *v, size_t i)
{
    (void)i;
    rd *d = c->d;
    qg_report *r = d->r;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    rp_conflict k = {0};
    json_t *attrs;
    if ((st = get_str(c, v, "group", true, &k.group)) ||
        (st = get_str(c, v, "text", true, &k.text)) ||
        (st = get_array(c, v, "attributions", &attrs)))
        return st;
    k.nattrs = attrs ? json_array_size(attrs) : 0;
    if (k.nattrs && !(k.attrs = rp_alloc(&r->arena, k.nattrs * sizeof *k.attrs)))
        return OOM(d);
    for (size_t j = 0; j < k.nattrs; j++) {
        ctx in = *c;
        snprintf(in.where, sizeof in.where, "%.100s.attributions[%zu]", c->where, j);
        json_t *x = json_array_get(attrs, j);
        rp_attribution *a = &k.attrs[j];
        const char *speaker;
        json_t *arts;
        if ((st = want_object(&in, x)) || (st = get_str(&in, x, "speaker", true, &speaker)) ||
            (st = get_str(&in, x, "name", false, &a->name)) ||
            (st = get_count(&in, x, "appearances", &a->appearances)) ||
            (st = get_array(&in, x, "articles", &arts)) ||
            (st = appearance(&in, x, "first", &a->first)) ||
            (st = entity_ref(&in, speaker, &a->speaker)))
            return st;
        a->narticles = arts ? json_array_size(arts) : 0;
        if (a->narticles && !(a->articles = rp_alloc(&r->arena, a->narticles * sizeof(uint32_t))))
            return OOM(d);
        for (size_t n = 0; n < a->narticles; n++) {
            json_t *s = json_array_get(arts, n);
            if (!json_is_string(s))
                return bad(&in, "articles", "expected an array of strings");
            const char *id =
                rp_strndup(&r->arena, json_string_value(s), strlen(json_string_value(s)));
            if (!id)
                return OOM(d);
            if ((st = article_ref(&in, id, &a->articles[n])))
                return st;
        }
        k.appearances += a->appearances;
        k.articles += a->narticles;
    }
    rp_conflict *slot = qg_vec_push(&r->conflicts);
    if (!slot)
        return OOM(d);
    *slot = k;
    return QG_OK;
}

static qg_status read_error(ctx *c, json_t *v, size_t i)
{
    (void)i;
    qg_report *r = c->d->r;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    rp_error_rec e = {0};
    if ((st = get_str(c, v, "id", false, &e.id)) || (st = get_str(c, v, "file", false, &e.file)) ||
        (st = get_str(c, v, "error", true, &e.message)))
        return st;
    json_t *line = json_object_get(v, "line");
    if (line && !json_is_null(line)) {
        if (!json_is_integer(line) || json_integer_value(line) < 0)
            return bad(c, "line", "expected a non-negative integer or null");
        e.line = (long long)json_integer_value(line);
    }
    rp_error_rec *slot = qg_vec_push(&r->errors);
    if (!slot)
        return OOM(c->d);
    *slot = e;
    return QG_OK;
}

static qg_status read_node(ctx *c, json_t *v, size_t i)
{
    (void)i;
    rd *d = c->d;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    const char *id;
    uint32_t n;
    if ((st = get_str(c, v, "id", true, &id)) || (st = node_ref(c, id, &n)))
        return st;
    if (d->node_defined.items[n])
        return fail(d, c->off, "%s.id: node '%s' is listed twice", c->where, id);
    d->node_defined.items[n] = 1;
    return QG_OK;
}

static qg_status read_edge(ctx *c, json_t *v, size_t i)
{
    (void)i;
    rd *d = c->d;
    qg_status st;
    if ((st = want_object(c, v)))
        return st;
    const char *s, *t;
    rp_edge e;
    if ((st = get_str(c, v, "source", true, &s)) || (st = get_str(c, v, "target", true, &t)) ||
        (st = node_ref(c, s, &e.source)) || (st = node_ref(c, t, &e.target)))
        return st;
    json_t *w = json_object_get(v, "weight");
    if (w && !json_is_number(w))
        return bad(c, "weight", "expected a number");
    e.weight = w ? json_number_value(w) : 1;
    if (!(e.weight >= 0))
        return bad(c, "weight", "expected a non-negative number");
    rp_edge *slot = qg_vec_push(&d->r->edges);
    if (!slot)
        return OOM(d);
    *slot = e;
    return QG_OK;
}

typedef qg_status (*element_fn)(ctx *c, json_t *v, size_t i);

/* An array whose elements are decoded one at a time. */
static qg_status stream_array(rd *d, const char *name, element_fn fn)
{
    qg_status st;
    ws(d);
    if (peek(d) != '[')
        return fail(d, d->pos, "\"%s\": expected an array", name);
    d->pos++;
    ws(d);
    if (peek(d) == ']') {
        d->pos++;
        return QG_OK;
    }
    for (size_t i = 0;; i++) {
        ws(d);
        ctx c = {d, d->pos, ""};
        snprintf(c.where, sizeof c.where, "%s[%zu]", name, i);
        json_t *v;
        if ((st = parse_value(d, &v)))
            return st;
        st = fn(&c, v, i);
        json_decref(v);
        if (st)
            return st;
        ws(d);
        int ch = peek(d);
        if (ch == ',') {
            d->pos++;
            continue;
        }
        if (ch == ']') {
            d->pos++;
            return QG_OK;
        }
        if (ch < 0)
            return fail(d, d->pos, "unexpected end of input in \"%s\"", name);
        return fail(d, d->pos, "\"%s\": expected ',' or ']' after an element", name);
    }
}

static qg_status read_key(rd *d, char *key, size_t cap, size_t *at)
{
    ws(d);
    *at = d->pos;
    if (peek(d) != '"')
        return fail(d, d->pos,
                    d->pos >= d->len ? "unexpected end of input: expected a key"
                                     : "expected a key (a string)");
    json_t *k;
    qg_status st = parse_value(d, &k);
    if (st)
        return st;
    snprintf(key, cap, "%s", json_string_value(k));
    json_decref(k);
    return expect(d, ':', "':' after a key");
}

/* Members of an object, calling member() for each; stops at '}'. */
typedef qg_status (*member_fn)(rd *d, const char *key, size_t at);

static qg_status walk_object(rd *d, member_fn member)
{
    qg_status st;
    ws(d);
    if (peek(d) == '}') {
        d->pos++;
        return QG_OK;
    }
    for (;;) {
        char key[64];
        size_t at;
        if ((st = read_key(d, key, sizeof key, &at)) || (st = member(d, key, at)))
            return st;
        ws(d);
        int ch = peek(d);
        if (ch == ',') {
            d->pos++;
            continue;
        }
        if (ch == '}') {
            d->pos++;
            return QG_OK;
        }
        if (ch < 0)
            return fail(d, d->pos, "unexpected end of input: expected ',' or '}'");
        return fail(d, d->pos, "expected ',' or '}' after a member");
    }
}

static qg_status skip_value(rd *d)
{
    json_t *v;
    qg_status st = parse_value(d, &v);
    if (!st)
        json_decref(v);
    return st;
}

enum {
    K_CORPUS = 1,
    K_ARTICLES = 2,
    K_ENTITIES = 4,
    K_GRAPH = 8,
    K_NODES = 16,
    K_EDGES = 32,
    K_GROUPS = 64,
    K_CONFLICTS = 128,
    K_ERRORS = 256
};

typedef struct walk {
    rd d;
    unsigned seen;
} walk;

static qg_status once(rd *d, unsigned bit, const char *key, size_t at)
{
    walk *w = (walk *)d;
    if (w->seen & bit)
        return fail(d, at, "\"%s\" appears twice", key);
    w->seen |= bit;
    return QG_OK;
}

static qg_status graph_member(rd *d, const char *key, size_t at)
{
    qg_status st;
    if (!strcmp(key, "nodes"))
        return (st = once(d, K_NODES, key, at)) ? st : stream_array(d, "graph.nodes", read_node);
    if (!strcmp(key, "edges"))
        return (st = once(d, K_EDGES, key, at)) ? st : stream_array(d, "graph.edges", read_edge);
    return skip_value(d);
}

static qg_status top_member(rd *d, const char *key, size_t at)
{
    qg_report *r = d->r;
    qg_status st;
    if (!strcmp(key, "quotegraph_corpus")) {
        json_t *v;
        if ((st = once(d, K_CORPUS, key, at)) || (st = parse_value(d, &v)))
            return st;
        bool ok = json_is_integer(v) && json_integer_value(v) == 1;
        long long ver = json_is_integer(v) ? (long long)json_integer_value(v) : -1;
        json_decref(v);
        if (!ok)
            return ver >= 0
                       ? fail(d, at, "unsupported corpus format %lld (this version reads 1)", ver)
                       : fail(d, at, "\"quotegraph_corpus\" must be the integer 1");
        return QG_OK;
    }
    if (!strcmp(key, "quotegraph_version") || !strcmp(key, "settings")) {
        /* informative only: shown in the report's "About" section when well formed */
        bool version = !strcmp(key, "quotegraph_version");
        json_t *v;
        if ((st = parse_value(d, &v)))
            return st;
        if (version && json_is_string(v)) {
            if (!(r->version =
                      rp_strndup(&r->arena, json_string_value(v), strlen(json_string_value(v)))))
                st = OOM(d);
        } else if (!version && json_is_object(v)) {
            json_t *x;
            if ((x = json_object_get(v, "similarity")) && json_is_number(x))
                r->similarity = json_number_value(x);
            if ((x = json_object_get(v, "min_shared")) && json_is_integer(x))
                r->min_shared = (long long)json_integer_value(x);
            if ((x = json_object_get(v, "min_words")) && json_is_integer(x))
                r->min_words = (long long)json_integer_value(x);
        }
        json_decref(v);
        return st;
    }
    static const struct {
        const char *key;
        unsigned bit;
        element_fn fn;
    } arrays[] = {{"articles", K_ARTICLES, read_article},
                  {"entities", K_ENTITIES, read_entity},
                  {"groups", K_GROUPS, read_group},
                  {"conflicts", K_CONFLICTS, read_conflict},
                  {"errors", K_ERRORS, read_error}};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        if (!strcmp(key, arrays[i].key))
            return (st = once(d, arrays[i].bit, key, at)) ? st : stream_array(d, key, arrays[i].fn);
    if (!strcmp(key, "graph")) {
        if ((st = once(d, K_GRAPH, key, at)) || (st = expect(d, '{', "an object for \"graph\"")))
            return st;
        return walk_object(d, graph_member);
    }
    return skip_value(d);
}

qg_status rp_load(qg_report *r, const char *json, size_t len, qg_error *err)
{
    walk w = {{json, len, 0, r, err, {0}, {0}, {0}, {0}}, 0};
    rd *d = &w.d;
    r->similarity = -1;
    r->min_shared = r->min_words = -1;
    qg_status st;
    /* a byte order mark is allowed before the document */
    if (len >= 3 && !memcmp(json, "\xef\xbb\xbf", 3))
        d->pos = 3;
    ws(d);
    if (d->pos >= len) {
        st = fail(d, d->pos, "empty input: expected a corpus document from quotegraph merge");
        goto done;
    }
    if (peek(d) != '{') {
        st = fail(d, d->pos, "not a corpus document: expected '{'");
        goto done;
    }
    d->pos++;
    if ((st = walk_object(d, top_member)))
        goto done;
    ws(d);
    if (d->pos < len) {
        st = fail(d, d->pos, "unexpected data after the corpus document");
        goto done;
    }
    if (!(w.seen & K_CORPUS)) {
        st = fail(d, 0,
                  "not a corpus document: no \"quotegraph_corpus\" key (is it extract "
                  "output? pipe it through quotegraph merge, or give it to report as "
                  "records)");
        goto done;
    }
    static const struct {
        unsigned bit;
        const char *what;
    } req[] = {{K_ARTICLES, "\"articles\""},
               {K_ENTITIES, "\"entities\""},
               {K_GRAPH, "\"graph\""},
               {K_NODES, "\"graph\".\"nodes\""},
               {K_EDGES, "\"graph\".\"edges\""}};
    for (size_t i = 0; i < sizeof req / sizeof *req; i++)
        if (!(w.seen & req[i].bit)) {
            st = fail(d, 0, "corpus document without %s", req[i].what);
            goto done;
        }
    for (size_t i = 0; i < r->articles.count; i++)
        if (!d->article_defined.items[i]) {
            st = fail(d, d->article_ref.items[i],
                      "article '%s' is referred to but not listed in \"articles\"",
                      r->articles.items[i].id);
            goto done;
        }
    for (size_t i = 0; i < r->entities.count; i++)
        if (!r->entities.items[i].defined) {
            st = fail(d, r->entities.items[i].ref_offset,
                      "entity '%s' is referred to but not listed in \"entities\"",
                      r->entities.items[i].id);
            goto done;
        }
    for (size_t i = 0; i < r->nodes; i++)
        if (!d->node_defined.items[i]) {
            st = fail(d, d->node_ref.items[i], "an edge refers to a node not listed in \"nodes\"");
            goto done;
        }
    for (size_t i = 0; i < r->entities.count; i++)
        r->entities.items[i].node = rp_map_get(&r->node_ids, r->entities.items[i].id);
    st = QG_OK;
done:
    qg_vec_free(&d->node_defined);
    qg_vec_free(&d->node_ref);
    qg_vec_free(&d->article_defined);
    qg_vec_free(&d->article_ref);
    return st;
}
