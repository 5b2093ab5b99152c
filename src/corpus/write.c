/* Writers of a merged corpus: the corpus JSON document (docs/corpus.md), Cytoscape.js JSON and
 * CSV tables. Each record is built in a buffer and written at once; nothing holds the whole
 * output in memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "corpus_internal.h"

qg_status qg_corpus_format_parse(qg_corpus_format *out, const char *name)
{
    static const char *const names[] = {"json", "graphml", "cytoscape", "csv"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(name, names[i])) {
            *out = (qg_corpus_format)i;
            return QG_OK;
        }
    return QG_EINVAL;
}

qg_status qg_corpus_table_parse(qg_corpus_table *out, const char *name)
{
    static const char *const names[] = {"quotes",    "speakers", "groups",
                                        "conflicts", "nodes",    "edges"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i])) {
            *out = (qg_corpus_table)i;
            return QG_OK;
        }
    return QG_EINVAL;
}

/* ---- helpers ---- */

typedef struct out {
    FILE *fp;
    qg_strbuf b;
    bool failed;
} out;

static void flush(out *o)
{
    if (o->b.failed)
        o->failed = true;
    if (!o->failed && o->b.len && fwrite(o->b.data, 1, o->b.len, o->fp) != o->b.len)
        o->failed = true;
    o->b.len = 0;
    if (o->b.data)
        o->b.data[0] = '\0';
}

static void lit(out *o, const char *s)
{
    qg_strbuf_puts(&o->b, s);
}

/* A literal whose line breaks are dropped when the document goes on one line. */
static void lit_nl(out *o, bool one_line, const char *s)
{
    for (; *s; s++)
        if (*s != '\n' || !one_line)
            qg_strbuf_append(&o->b, s, 1);
}

static void key(out *o, const char *k)
{
    qg_json_str(&o->b, k);
    qg_strbuf_append(&o->b, ":", 1);
}

static void kv_str(out *o, const char *k, const char *v)
{
    key(o, k);
    qg_json_str(&o->b, v);
}

static void put_int(qg_strbuf *b, long long v)
{
    char buf[24], *p = buf + sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    qg_strbuf_append(b, p, (size_t)(buf + sizeof buf - p));
}

static void kv_int(out *o, const char *k, long long v)
{
    key(o, k);
    put_int(&o->b, v);
}

static void kv_real(out *o, const char *k, double v)
{
    key(o, k);
    qg_json_real(&o->b, v);
}

static const char *ent_id(const qg_corpus *c, uint32_t e)
{
    return e == CQ_NONE ? NULL : c->entities.items[e].key;
}

static const char *group_id(const qg_corpus *c, uint32_t g)
{
    return g == CQ_NONE ? NULL : c->groups.items[g].id;
}

static void quote_id(qg_strbuf *b, const qg_corpus *c, const cq_quote *q)
{
    qg_strbuf_puts(b, c->articles.items[q->article].id);
    qg_strbuf_append(b, "#q", 2);
    put_int(b, q->n);
}

static void kv_quote_id(out *o, const char *k, const qg_corpus *c, const cq_quote *q)
{
    key(o, k);
    qg_strbuf id = QG_STRBUF_INIT;
    quote_id(&id, c, q);
    qg_json_str(&o->b, id.data);
    if (id.failed)
        o->failed = true;
    qg_strbuf_dispose(&id);
}

/* ---- atoms ---- */

static void atom(qg_strbuf *b, const qg_corpus *c, const cq_article *a, bool derived)
{
    out o = {NULL, *b, false};
    lit(&o, "{");
    kv_str(&o, "id", a->id);
    lit(&o, ",");
    kv_str(&o, "url", a->url);
    lit(&o, ",");
    kv_str(&o, "title", a->title);
    lit(&o, ",");
    kv_str(&o, "outlet", a->outlet);
    lit(&o, ",");
    kv_str(&o, "published", a->published);
    lit(&o, ",");
    kv_str(&o, "author", a->author);
    lit(&o, ",");
    key(&o, "chars");
    if (a->chars < 0)
        lit(&o, "null");
    else
        put_int(&o.b, a->chars);
    if (derived) {
        lit(&o, ",");
        kv_str(&o, "outlet_id", ent_id(c, a->outlet_ent));
    }
    lit(&o, ",\"quotes\":[");
    for (uint32_t i = 0; i < a->nq; i++) {
        const cq_quote *q = &c->quotes.items[a->q0 + i];
        lit(&o, i ? ",{" : "{");
        if (derived) {
            kv_quote_id(&o, "id", c, q);
            lit(&o, ",");
        }
        kv_int(&o, "n", q->n);
        lit(&o, ",");
        kv_str(&o, "type", cq_type_str(q->type));
        lit(&o, ",");
        key(&o, "text");
        qg_json_strn(&o.b, q->text, q->text_len);
        lit(&o, ",");
        kv_int(&o, "start", q->start);
        lit(&o, ",");
        kv_int(&o, "end", q->end);
        lit(&o, ",");
        kv_str(&o, "cue", q->cue);
        lit(&o, ",");
        key(&o, "speaker");
        if (q->has_speaker) {
            lit(&o, "{");
            kv_str(&o, "name", q->sp_name);
            lit(&o, ",");
            kv_str(&o, "kind", q->sp_kind);
            lit(&o, ",");
            kv_str(&o, "org", q->sp_org);
            lit(&o, ",");
            kv_str(&o, "org_kind", q->sp_org ? q->sp_org_kind : NULL);
            lit(&o, "}");
        } else {
            lit(&o, "null");
        }
        lit(&o, ",");
        kv_real(&o, "confidence", q->confidence);
        lit(&o, ",");
        kv_str(&o, "rule", q->rule);
        if (derived) {
            lit(&o, ",");
            kv_str(&o, "speaker_id", ent_id(c, q->speaker));
            lit(&o, ",");
            kv_str(&o, "org_id", ent_id(c, q->org));
            lit(&o, ",");
            kv_str(&o, "group", group_id(c, q->group));
        }
        lit(&o, "}");
    }
    lit(&o, "]}");
    *b = o.b;
}

void qg_corpus_atom_json(qg_strbuf *b, const qg_corpus *c, const cq_article *a, bool with_derived)
{
    atom(b, c, a, with_derived);
}

/* ---- the corpus document ---- */

static void appearance(out *o, const qg_corpus *c, uint32_t qi, uint32_t variant)
{
    const cq_quote *q = &c->quotes.items[qi];
    const cq_article *a = &c->articles.items[q->article];
    lit(o, "{");
    kv_quote_id(o, "quote", c, q);
    lit(o, ",");
    kv_str(o, "article", a->id);
    lit(o, ",");
    kv_str(o, "outlet", ent_id(c, a->outlet_ent));
    lit(o, ",");
    kv_str(o, "published", a->published);
    lit(o, ",");
    kv_str(o, "speaker", ent_id(c, q->speaker));
    lit(o, ",");
    kv_int(o, "variant", variant);
    lit(o, "}");
}

/* Index of the variant of quote qi within its group. */
static uint32_t variant_of(const qg_corpus *c, const cq_group *g, uint32_t qi)
{
    (void)g;
    return c->quotes.items[qi].variant;
}

static void group_json(out *o, const qg_corpus *c, const cq_group *g)
{
    uint32_t first = c->members.items[g->m0];
    lit(o, "{");
    kv_str(o, "id", g->id);
    lit(o, ",");
    kv_str(o, "text", c->quotes.items[first].text);
    lit(o, ",");
    kv_int(o, "appearances", g->mn);
    lit(o, ",");
    kv_int(o, "articles", g->articles);
    lit(o, ",");
    kv_int(o, "outlets", g->outlets);
    lit(o, ",");
    key(o, "conflict");
    lit(o, g->conflict ? "true" : "false");
    lit(o, ",");
    key(o, "first");
    appearance(o, c, first, 0);
    lit(o, ",\"repeats\":[");
    for (uint32_t m = 1; m < g->mn; m++) {
        if (m > 1)
            lit(o, ",");
        uint32_t qi = c->members.items[g->m0 + m];
        appearance(o, c, qi, variant_of(c, g, qi));
    }
    lit(o, "],\"variants\":[");
    for (uint32_t k = 0; k < g->vn; k++) {
        const cq_variant *v = &c->variants.items[g->v0 + k];
        lit(o, k ? ",{" : "{");
        kv_str(o, "text", c->quotes.items[v->first].text);
        lit(o, ",");
        kv_str(o, "relation", v->relation);
        lit(o, ",");
        kv_real(o, "similarity", v->similarity);
        lit(o, ",");
        kv_int(o, "appearances", v->count);
        lit(o, "}");
    }
    lit(o, "],\"speakers\":[");
    for (uint32_t s = 0; s < g->spn; s++) {
        if (s)
            lit(o, ",");
        qg_json_str(&o->b, ent_id(c, c->gspeakers.items[g->sp0 + s]));
    }
    lit(o, "]}");
}

static void conflict_json(out *o, const qg_corpus *c, const cq_group *g)
{
    lit(o, "{");
    kv_str(o, "group", g->id);
    lit(o, ",");
    kv_str(o, "text", c->quotes.items[c->members.items[g->m0]].text);
    lit(o, ",\"attributions\":[");
    for (uint32_t s = 0; s < g->spn; s++) {
        uint32_t sp = c->gspeakers.items[g->sp0 + s];
        const cq_entity *e = &c->entities.items[sp];
        lit(o, s ? ",{" : "{");
        kv_str(o, "speaker", e->key);
        lit(o, ",");
        kv_str(o, "name", e->name);
        uint32_t n = 0, firstq = CQ_NONE;
        for (uint32_t m = 0; m < g->mn; m++) {
            uint32_t qi = c->members.items[g->m0 + m];
            if (c->quotes.items[qi].speaker == sp) {
                n++;
                if (firstq == CQ_NONE)
                    firstq = qi;
            }
        }
        lit(o, ",");
        kv_int(o, "appearances", n);
        lit(o, ",\"articles\":[");
        uint32_t last_article = CQ_NONE;
        bool any = false;
        for (uint32_t m = 0; m < g->mn; m++) {
            const cq_quote *q = &c->quotes.items[c->members.items[g->m0 + m]];
            if (q->speaker != sp || q->article == last_article)
                continue;
            /* members are in time order; an article repeats only next to itself */
            last_article = q->article;
            if (any)
                lit(o, ",");
            qg_json_str(&o->b, c->articles.items[q->article].id);
            any = true;
        }
        lit(o, "],");
        key(o, "first");
        appearance(o, c, firstq, variant_of(c, g, firstq));
        lit(o, "}");
    }
    lit(o, "]}");
}

static void entity_json(out *o, const qg_corpus *c, const cq_entity *e)
{
    lit(o, "{");
    kv_str(o, "id", e->key);
    lit(o, ",");
    kv_str(o, "kind", e->kind);
    lit(o, ",");
    kv_str(o, "name", e->name ? e->name : e->key);
    lit(o, ",\"names\":[");
    for (uint32_t k = 0; k < e->nmn; k++) {
        if (k)
            lit(o, ",");
        qg_json_str(&o->b, c->names.items[e->nm0 + k]);
    }
    lit(o, "],");
    kv_str(o, "org", ent_id(c, e->org));
    lit(o, ",");
    kv_int(o, "quotes", e->quotes);
    lit(o, ",");
    kv_int(o, "articles", e->articles);
    lit(o, ",\"by_outlet\":[");
    for (uint32_t k = 0; k < e->bon; k++) {
        const cq_count *bo = &c->byoutlet.items[e->bo0 + k];
        lit(o, k ? ",{" : "{");
        kv_str(o, "outlet", ent_id(c, bo->id));
        lit(o, ",");
        kv_int(o, "quotes", bo->n);
        lit(o, "}");
    }
    lit(o, "],");
    kv_int(o, "published", e->published);
    lit(o, ",");
    kv_int(o, "affiliated", e->speakers_affiliated);
    lit(o, "}");
}

static const char *anonymous_of(const cq_node *n)
{
    if (n->what != 2)
        return "unknown";
    if (!strcmp(n->node_type, "anonymous"))
        return "yes";
    if (!strcmp(n->node_type, "person"))
        return "no";
    return "unknown";
}

static double node_quotes(const qg_corpus *c, const cq_node *n)
{
    if (n->what == 0)
        return c->articles.items[n->ref].nq;
    if (n->what == 1)
        return c->groups.items[n->ref].mn;
    return c->entities.items[n->ref].quotes;
}

static double node_articles(const qg_corpus *c, const cq_node *n)
{
    if (n->what == 0)
        return 1;
    if (n->what == 1)
        return c->groups.items[n->ref].articles;
    const cq_entity *e = &c->entities.items[n->ref];
    return e->quotes ? e->articles : e->published;
}

static const char *node_org(const qg_corpus *c, const cq_node *n)
{
    if (n->what != 2)
        return NULL;
    uint32_t org = c->entities.items[n->ref].org;
    if (org == CQ_NONE)
        return NULL;
    return c->entities.items[org].name;
}

static const char *node_text(const qg_corpus *c, const cq_node *n)
{
    return n->what == 1 ? c->quotes.items[c->members.items[c->groups.items[n->ref].m0]].text : NULL;
}

/* The attributes of a node, without nulls (Cytoscape wants none): shared by JSON and
 * Cytoscape. */
static void node_fields(out *o, const qg_corpus *c, const cq_node *n, bool with_text)
{
    kv_str(o, "id", n->id);
    lit(o, ",");
    kv_str(o, "node_type", n->node_type);
    lit(o, ",");
    kv_str(o, "label", n->label);
    const char *org = node_org(c, n);
    if (org) {
        lit(o, ",");
        kv_str(o, "org", org);
    }
    lit(o, ",");
    kv_str(o, "anonymous", anonymous_of(n));
    lit(o, ",");
    kv_real(o, "quotes", node_quotes(c, n));
    lit(o, ",");
    kv_real(o, "articles", node_articles(c, n));
    if (n->what == 0) {
        const cq_article *a = &c->articles.items[n->ref];
        if (a->url) {
            lit(o, ",");
            kv_str(o, "url", a->url);
        }
        if (a->published) {
            lit(o, ",");
            kv_str(o, "published", a->published);
        }
    }
    const char *text = with_text ? node_text(c, n) : NULL;
    if (text) {
        lit(o, ",");
        kv_str(o, "text", text);
    }
}

static void edge_fields(out *o, const qg_corpus *c, const cq_edge *e)
{
    kv_str(o, "source", c->nodes.items[e->source].id);
    lit(o, ",");
    kv_str(o, "target", c->nodes.items[e->target].id);
    lit(o, ",");
    kv_str(o, "relation", e->relation);
    lit(o, ",");
    kv_real(o, "weight", e->weight);
    lit(o, ",");
    kv_real(o, "confidence", qg_round3(e->confidence));
}

static void write_json(out *o, const qg_corpus *c, bool one_line)
{
    qg_corpus_stats s = qg_corpus_get_stats(c);
    lit_nl(o, one_line, "{\n\"quotegraph_corpus\":1,\n");
    kv_str(o, "quotegraph_version", QG_VERSION_STRING);
    lit_nl(o, one_line, ",\n\"settings\":{");
    kv_str(o, "normalisation", "nfkc_casefold words, accents removed");
    lit_nl(o, one_line, ",");
    kv_str(o, "shingles", "word 3-grams");
    lit_nl(o, one_line, ",");
    kv_real(o, "similarity", c->opts.similarity);
    lit_nl(o, one_line, ",");
    kv_int(o, "min_shared", c->opts.min_shared);
    lit_nl(o, one_line, ",");
    kv_int(o, "min_words", c->opts.min_words);
    lit_nl(o, one_line, "},\n\"summary\":{");
    kv_int(o, "articles", (long long)s.articles);
    lit_nl(o, one_line, ",");
    kv_int(o, "quotes", (long long)s.quotes);
    lit_nl(o, one_line, ",");
    kv_int(o, "errors", (long long)s.errors);
    lit_nl(o, one_line, ",");
    kv_int(o, "entities", (long long)s.entities);
    lit_nl(o, one_line, ",");
    kv_int(o, "speakers", (long long)s.speakers);
    lit_nl(o, one_line, ",");
    kv_int(o, "groups", (long long)s.groups);
    lit_nl(o, one_line, ",");
    kv_int(o, "repeated_groups", (long long)s.repeated_groups);
    lit_nl(o, one_line, ",");
    kv_int(o, "cross_article_groups", (long long)s.cross_article_groups);
    lit_nl(o, one_line, ",");
    kv_int(o, "conflicts", (long long)s.conflicts);
    lit_nl(o, one_line, "},\n\"articles\":[");
    flush(o);
    for (size_t k = 0; k < c->article_order.count; k++) {
        lit_nl(o, one_line, k ? ",\n" : "\n");
        atom(&o->b, c, &c->articles.items[c->article_order.items[k]], true);
        flush(o);
    }
    lit_nl(o, one_line, "\n],\n\"entities\":[");
    for (size_t k = 0; k < c->entity_order.count; k++) {
        lit_nl(o, one_line, k ? ",\n" : "\n");
        entity_json(o, c, &c->entities.items[c->entity_order.items[k]]);
        flush(o);
    }
    lit_nl(o, one_line, "\n],\n\"groups\":[");
    size_t written = 0;
    for (size_t k = 0; k < c->group_order.count; k++) {
        const cq_group *g = &c->groups.items[c->group_order.items[k]];
        if (g->mn < 2)
            continue;
        lit_nl(o, one_line, written++ ? ",\n" : "\n");
        group_json(o, c, g);
        flush(o);
    }
    lit_nl(o, one_line, "\n],\n\"conflicts\":[");
    written = 0;
    for (size_t k = 0; k < c->group_order.count; k++) {
        const cq_group *g = &c->groups.items[c->group_order.items[k]];
        if (!g->conflict)
            continue;
        lit_nl(o, one_line, written++ ? ",\n" : "\n");
        conflict_json(o, c, g);
        flush(o);
    }
    lit_nl(o, one_line, "\n],\n\"errors\":[");
    for (size_t k = 0; k < c->errors.count; k++) {
        const cq_error *e = &c->errors.items[k];
        lit_nl(o, one_line, k ? ",\n{" : "\n{");
        kv_str(o, "id", e->id);
        lit_nl(o, one_line, ",");
        kv_str(o, "file", e->file);
        lit_nl(o, one_line, ",");
        key(o, "line");
        if (e->line)
            qg_strbuf_printf(&o->b, "%lld", (long long)e->line);
        else
            lit_nl(o, one_line, "null");
        lit_nl(o, one_line, ",");
        kv_str(o, "error", e->message);
        lit_nl(o, one_line, "}");
        flush(o);
    }
    lit_nl(o, one_line, "\n],\n\"graph\":{\"directed\":true,\"nodes\":[");
    for (size_t k = 0; k < c->nodes.count; k++) {
        lit_nl(o, one_line, k ? ",\n{" : "\n{");
        node_fields(o, c, &c->nodes.items[k], false);
        lit_nl(o, one_line, "}");
        flush(o);
    }
    lit_nl(o, one_line, "\n],\"edges\":[");
    for (size_t k = 0; k < c->edges.count; k++) {
        lit_nl(o, one_line, k ? ",\n{" : "\n{");
        edge_fields(o, c, &c->edges.items[k]);
        lit_nl(o, one_line, "}");
        flush(o);
    }
    lit_nl(o, one_line, "\n]}\n}");
    lit(o, "\n");
    flush(o);
}

static void write_cytoscape(out *o, const qg_corpus *c)
{
    lit(o, "{\"elements\":{\"nodes\":[");
    for (size_t k = 0; k < c->nodes.count; k++) {
        lit(o, k ? ",\n{\"data\":{" : "\n{\"data\":{");
        node_fields(o, c, &c->nodes.items[k], true);
        lit(o, "}}");
        flush(o);
    }
    lit(o, "\n],\"edges\":[");
    for (size_t k = 0; k < c->edges.count; k++) {
        lit(o, k ? ",\n{\"data\":{" : "\n{\"data\":{");
        qg_strbuf_printf(&o->b, "\"id\":\"x%zu\",", k);
        edge_fields(o, c, &c->edges.items[k]);
        lit(o, "}}");
        flush(o);
    }
    lit(o, "\n]}}\n");
    flush(o);
}

/* ---- CSV (RFC 4180: CRLF line ends, fields quoted when needed) ---- */

static void csv_field(out *o, const char *s, bool first)
{
    if (!first)
        qg_strbuf_append(&o->b, ",", 1);
    if (!s)
        return;
    /* a text cell that a spreadsheet would run as a formula (=, +, -, @, a tab or CR first) is
     * written with a leading apostrophe (OWASP's advice on CSV injection); the cell is quoted */
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                   s[0] == '\r';
    if (formula && s[0] == '-') {
        /* a plain negative number is data: "-2.5" yes, "-2+3+cmd|…" no */
        char *end;
        (void)strtod(s, &end);
        formula = end == s || *end != '\0';
    }
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        qg_strbuf_puts(&o->b, s);
        return;
    }
    qg_strbuf_append(&o->b, "\"", 1);
    if (formula)
        qg_strbuf_append(&o->b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            qg_strbuf_append(&o->b, "\"", 1);
        qg_strbuf_append(&o->b, p, 1);
    }
    qg_strbuf_append(&o->b, "\"", 1);
}

static void csv_num(out *o, double v)
{
    qg_strbuf_append(&o->b, ",", 1);
    char buf[40];
    snprintf(buf, sizeof buf, "%.6g", v);
    qg_strbuf_puts(&o->b, buf);
}

static void csv_int(out *o, long long v)
{
    qg_strbuf_append(&o->b, ",", 1);
    put_int(&o->b, v);
}

static void csv_end(out *o)
{
    qg_strbuf_append(&o->b, "\r\n", 2);
    flush(o);
}

static void csv_header(out *o, const char *const *cols)
{
    for (int i = 0; cols[i]; i++)
        csv_field(o, cols[i], i == 0);
    csv_end(o);
}

static void csv_list_ids(out *o, const qg_corpus *c, const cq_group *g, bool articles)
{
    qg_strbuf l = QG_STRBUF_INIT;
    uint32_t last = CQ_NONE;
    for (uint32_t m = 1; m < g->mn; m++) {
        const cq_quote *q = &c->quotes.items[c->members.items[g->m0 + m]];
        if (articles) {
            if (q->article == last)
                continue;
            last = q->article;
            if (l.len)
                qg_strbuf_append(&l, "|", 1);
            qg_strbuf_puts(&l, c->articles.items[q->article].id);
        }
    }
    csv_field(o, l.data ? l.data : "", false);
    if (l.failed)
        o->failed = true;
    qg_strbuf_dispose(&l);
}

static void write_csv(out *o, const qg_corpus *c, qg_corpus_table table)
{
    qg_strbuf t = QG_STRBUF_INIT;
    switch (table) {
    case QG_TABLE_QUOTES: {
        static const char *const cols[] = {"quote_id",     "article", "outlet",     "published",
                                           "type",         "text",    "speaker_id", "speaker",
                                           "speaker_kind", "org_id",  "org",        "confidence",
                                           "rule",         "group",   NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->article_order.count; k++) {
            const cq_article *a = &c->articles.items[c->article_order.items[k]];
            for (uint32_t i = 0; i < a->nq; i++) {
                const cq_quote *q = &c->quotes.items[a->q0 + i];
                t.len = 0;
                quote_id(&t, c, q);
                csv_field(o, t.data, true);
                csv_field(o, a->id, false);
                csv_field(o, ent_id(c, a->outlet_ent), false);
                csv_field(o, a->published, false);
                csv_field(o, cq_type_str(q->type), false);
                csv_field(o, q->text, false);
                csv_field(o, ent_id(c, q->speaker), false);
                csv_field(o, q->speaker != CQ_NONE ? c->entities.items[q->speaker].name : NULL,
                          false);
                csv_field(o, q->speaker != CQ_NONE ? c->entities.items[q->speaker].kind : NULL,
                          false);
                csv_field(o, ent_id(c, q->org), false);
                csv_field(o, q->org != CQ_NONE ? c->entities.items[q->org].name : NULL, false);
                csv_num(o, q->confidence);
                csv_field(o, q->rule, false);
                csv_field(o, group_id(c, q->group), false);
                csv_end(o);
            }
        }
        break;
    }
    case QG_TABLE_SPEAKERS: {
        static const char *const cols[] = {"id",      "kind",       "name",   "names",
                                           "org_id",  "org",        "quotes", "articles",
                                           "outlets", "top_outlet", NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->entity_order.count; k++) {
            const cq_entity *e = &c->entities.items[c->entity_order.items[k]];
            if (!e->quotes)
                continue;
            csv_field(o, e->key, true);
            csv_field(o, e->kind, false);
            csv_field(o, e->name, false);
            t.len = 0;
            for (uint32_t n = 0; n < e->nmn; n++) {
                if (n)
                    qg_strbuf_append(&t, "|", 1);
                qg_strbuf_puts(&t, c->names.items[e->nm0 + n]);
            }
            csv_field(o, t.data ? t.data : "", false);
            csv_field(o, ent_id(c, e->org), false);
            csv_field(o, e->org != CQ_NONE ? c->entities.items[e->org].name : NULL, false);
            csv_int(o, (long long)e->quotes);
            csv_int(o, (long long)e->articles);
            csv_int(o, (long long)e->bon);
            csv_field(o, e->bon ? ent_id(c, c->byoutlet.items[e->bo0].id) : NULL, false);
            csv_end(o);
        }
        break;
    }
    case QG_TABLE_GROUPS: {
        static const char *const cols[] = {"id",           "text",
                                           "appearances",  "articles",
                                           "outlets",      "variants",
                                           "speakers",     "conflict",
                                           "first_quote",  "first_article",
                                           "first_outlet", "first_published",
                                           "repeated_in",  NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->group_order.count; k++) {
            const cq_group *g = &c->groups.items[c->group_order.items[k]];
            if (g->mn < 2)
                continue;
            const cq_quote *first = &c->quotes.items[c->members.items[g->m0]];
            const cq_article *a = &c->articles.items[first->article];
            csv_field(o, g->id, true);
            csv_field(o, first->text, false);
            csv_int(o, (long long)g->mn);
            csv_int(o, (long long)g->articles);
            csv_int(o, (long long)g->outlets);
            csv_int(o, (long long)g->vn);
            t.len = 0;
            for (uint32_t s = 0; s < g->spn; s++) {
                if (s)
                    qg_strbuf_append(&t, "|", 1);
                qg_strbuf_puts(&t, ent_id(c, c->gspeakers.items[g->sp0 + s]));
            }
            csv_field(o, t.data ? t.data : "", false);
            csv_field(o, g->conflict ? "yes" : "no", false);
            t.len = 0;
            quote_id(&t, c, first);
            csv_field(o, t.data, false);
            csv_field(o, a->id, false);
            csv_field(o, ent_id(c, a->outlet_ent), false);
            csv_field(o, a->published, false);
            csv_list_ids(o, c, g, true);
            csv_end(o);
        }
        break;
    }
    case QG_TABLE_CONFLICTS: {
        static const char *const cols[] = {
            "group",    "text",        "speaker_id",      "speaker", "appearances",
            "articles", "first_quote", "first_published", NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->group_order.count; k++) {
            const cq_group *g = &c->groups.items[c->group_order.items[k]];
            if (!g->conflict)
                continue;
            for (uint32_t s = 0; s < g->spn; s++) {
                uint32_t sp = c->gspeakers.items[g->sp0 + s];
                uint32_t n = 0, firstq = CQ_NONE, last = CQ_NONE;
                qg_strbuf arts = QG_STRBUF_INIT;
                for (uint32_t m = 0; m < g->mn; m++) {
                    uint32_t qi = c->members.items[g->m0 + m];
                    const cq_quote *q = &c->quotes.items[qi];
                    if (q->speaker != sp)
                        continue;
                    n++;
                    if (firstq == CQ_NONE)
                        firstq = qi;
                    if (q->article != last) {
                        last = q->article;
                        if (arts.len)
                            qg_strbuf_append(&arts, "|", 1);
                        qg_strbuf_puts(&arts, c->articles.items[q->article].id);
                    }
                }
                csv_field(o, g->id, true);
                csv_field(o, c->quotes.items[c->members.items[g->m0]].text, false);
                csv_field(o, ent_id(c, sp), false);
                csv_field(o, c->entities.items[sp].name, false);
                csv_int(o, (long long)n);
                csv_field(o, arts.data ? arts.data : "", false);
                t.len = 0;
                quote_id(&t, c, &c->quotes.items[firstq]);
                csv_field(o, t.data, false);
                csv_field(o, c->articles.items[c->quotes.items[firstq].article].published, false);
                csv_end(o);
                if (arts.failed)
                    o->failed = true;
                qg_strbuf_dispose(&arts);
            }
        }
        break;
    }
    case QG_TABLE_NODES: {
        static const char *const cols[] = {"Id",        "Label",  "node_type", "org",
                                           "anonymous", "quotes", "articles",  "url",
                                           "published", "text",   NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->nodes.count; k++) {
            const cq_node *n = &c->nodes.items[k];
            const cq_article *a = n->what == 0 ? &c->articles.items[n->ref] : NULL;
            csv_field(o, n->id, true);
            csv_field(o, n->label, false);
            csv_field(o, n->node_type, false);
            csv_field(o, node_org(c, n), false);
            csv_field(o, anonymous_of(n), false);
            csv_int(o, (long long)node_quotes(c, n));
            csv_int(o, (long long)node_articles(c, n));
            csv_field(o, a ? a->url : NULL, false);
            csv_field(o, a ? a->published : NULL, false);
            csv_field(o, node_text(c, n), false);
            csv_end(o);
        }
        break;
    }
    case QG_TABLE_EDGES:
    default: {
        static const char *const cols[] = {"Source",   "Target",     "Type", "Weight",
                                           "relation", "confidence", "Id",   NULL};
        csv_header(o, cols);
        for (size_t k = 0; k < c->edges.count; k++) {
            const cq_edge *e = &c->edges.items[k];
            csv_field(o, c->nodes.items[e->source].id, true);
            csv_field(o, c->nodes.items[e->target].id, false);
            csv_field(o, "Directed", false);
            csv_int(o, (long long)e->weight);
            csv_field(o, e->relation, false);
            csv_num(o, qg_round3(e->confidence));
            t.len = 0;
            qg_strbuf_printf(&t, "x%zu", k);
            csv_field(o, t.data, false);
            csv_end(o);
        }
        break;
    }
    }
    if (t.failed)
        o->failed = true;
    qg_strbuf_dispose(&t);
}

qg_status qg_corpus_write(FILE *fp, const qg_corpus *c, qg_corpus_format format,
                          qg_corpus_table table, qg_error *err)
{
    if (!c->built)
        return qg_error_set(err, QG_EINVAL, QG_NO_OFFSET, "corpus not built");
    if (format == QG_CORPUS_GRAPHML)
        return qg_corpus_write_graphml(fp, c, err);
    out o = {fp, QG_STRBUF_INIT, false};
    if (format == QG_CORPUS_CYTOSCAPE)
        write_cytoscape(&o, c);
    else if (format == QG_CORPUS_CSV)
        write_csv(&o, c, table);
    else
        write_json(&o, c, format == QG_CORPUS_JSON_LINE);
    bool oom = o.b.failed;
    qg_strbuf_dispose(&o.b);
    if (oom)
        return QG_OOM(err);
    if (o.failed || ferror(fp)) {
        int e = errno;
        qg_status st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return st;
    }
    return QG_OK;
}
