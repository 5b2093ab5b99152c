/* The HTML and Markdown writers of a report. Both walk the same sections through one small
 * table interface; only the graph drawing is HTML's alone. Strings from the input go through
 * text() (or the JSON and URL escapers), never through raw(), which is for the writer's own
 * words and numbers. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "../core/error.h"
#include "assets.h"
#include "report_internal.h"

typedef struct w {
    FILE *fp;
    qg_strbuf b;
    bool failed, md;
    const qg_report *r;
    int col;      /* Markdown: current cell */
    bool in_cell; /* HTML: line breaks in text become <br> */
} w;

static void flush(w *o)
{
    if (o->b.failed)
        o->failed = true;
    if (!o->failed && o->b.len && fwrite(o->b.data, 1, o->b.len, o->fp) != o->b.len)
        o->failed = true;
    o->b.len = 0;
}

static void maybe_flush(w *o)
{
    if (o->b.len > (1u << 16))
        flush(o);
}

/* The writer's own words: no escaping. */
static void raw(w *o, const char *s)
{
    qg_strbuf_puts(&o->b, s);
}

static void rawf(w *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rawf(w *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    qg_strbuf_puts(&o->b, buf);
}

/* Untrusted text, escaped for the format. */
static void text(w *o, const char *s)
{
    if (o->md)
        rp_esc_md(&o->b, s);
    else
        rp_esc_html_br(&o->b, s, o->in_cell);
}

static void br(w *o)
{
    raw(o, "<br>");
}

static void num(w *o, uint64_t n)
{
    rawf(o, "%llu", (unsigned long long)n);
}

static void pct(w *o, uint64_t a, uint64_t b)
{
    if (!b)
        raw(o, "\xe2\x80\x94"); /* em dash */
    else
        rawf(o, "%.1f %%", 100.0 * (double)a / (double)b);
}

static void real4(w *o, double v)
{
    rawf(o, "%.4g", v);
}

/* ---- structure ---- */

static void h2(w *o, const char *id, const char *title)
{
    if (o->md)
        rawf(o, "\n## %s\n\n", title);
    else
        rawf(o, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

static void section_end(w *o)
{
    if (!o->md)
        raw(o, "</section>\n");
    maybe_flush(o);
}

static void h3_begin(w *o)
{
    raw(o, o->md ? "\n### " : "<h3>");
}

static void h3_end(w *o)
{
    raw(o, o->md ? "\n\n" : "</h3>\n");
}

static void note_begin(w *o)
{
    if (!o->md)
        raw(o, "<p class=\"note\">");
}

static void note_end(w *o)
{
    raw(o, o->md ? "\n\n" : "</p>\n");
}

static void note(w *o, const char *s)
{
    note_begin(o);
    raw(o, s);
    note_end(o);
}

/* Columns: a title each, and 'n' for numbers (right-aligned) or 'l'. */
static void table_begin(w *o, const char *caption, const char *const *heads, const char *align)
{
    bool wide = strchr(align, 'q') != NULL;
    int n = 0;
    while (heads[n])
        n++;
    if (o->md) {
        if (caption)
            rawf(o, "**%s**\n\n", caption);
        raw(o, "|");
        for (int i = 0; i < n; i++)
            rawf(o, " %s |", heads[i]);
        raw(o, "\n|");
        for (int i = 0; i < n; i++)
            raw(o, align[i] == 'n' ? " ---: |" : " --- |");
        raw(o, "\n");
        return;
    }
    raw(o, wide ? "<table class=\"wide\">" : "<table>");
    if (caption)
        rawf(o, "<caption>%s</caption>", caption);
    raw(o, "<thead><tr>");
    for (int i = 0; i < n; i++)
        rawf(o, align[i] == 'n' ? "<th class=\"n\">%s</th>" : "<th>%s</th>", heads[i]);
    raw(o, "</tr></thead>\n<tbody>\n");
}

static void row_begin(w *o)
{
    o->col = 0;
    raw(o, o->md ? "|" : "<tr>");
}

static void row_end(w *o)
{
    raw(o, o->md ? "\n" : "</tr>\n");
    maybe_flush(o);
}

/* kind: 'n' number, 'q' quote text, 'l' other */
static void cell_begin(w *o, char kind)
{
    o->col++;
    o->in_cell = true;
    if (o->md)
        raw(o, " ");
    else
        raw(o, kind == 'n' ? "<td class=\"n\">" : kind == 'q' ? "<td class=\"q\">" : "<td>");
}

static void cell_end(w *o)
{
    o->in_cell = false;
    raw(o, o->md ? " |" : "</td>");
}

static void cell_num(w *o, uint64_t n)
{
    cell_begin(o, 'n');
    num(o, n);
    cell_end(o);
}

static void cell_text(w *o, const char *s)
{
    cell_begin(o, 'l');
    text(o, s);
    cell_end(o);
}

static void cell_pct(w *o, uint64_t a, uint64_t b)
{
    cell_begin(o, 'n');
    pct(o, a, b);
    cell_end(o);
}

static void table_end(w *o)
{
    raw(o, o->md ? "\n" : "</tbody></table>\n");
    maybe_flush(o);
}

/* A quotation in a cell, between typographic marks (the same text in both formats). */
static void quote_text(w *o, const char *s)
{
    raw(o, "\xe2\x80\x9c");
    text(o, s);
    raw(o, "\xe2\x80\x9d");
}

/* "Showing the first N of M." when a table was cut. */
static void shown(w *o, size_t shown_n, size_t total, const char *what)
{
    if (shown_n >= total)
        return;
    note_begin(o);
    rawf(o, "Showing the first %zu of %zu %s.", shown_n, total, what);
    note_end(o);
}

/* ---- names ---- */

static const char *kind_label(const char *kind)
{
    static const char *const labels[] = {"person", "role (unnamed)", "organisation", "outlet",
                                         "anonymous"};
    int k = rp_kind_index(kind);
    return k < 5 ? labels[k] : NULL;
}

static void kind_text(w *o, const char *kind)
{
    const char *l = kind_label(kind);
    if (l)
        raw(o, l);
    else
        text(o, kind);
}

static void entity_name(w *o, uint32_t e)
{
    if (e == RP_NONE)
        raw(o, o->md ? "*unattributed*" : "<i>unattributed</i>");
    else
        text(o, o->r->entities.items[e].name);
}

static const char *article_label(const rp_article *a)
{
    return a->title ? a->title : a->id;
}

static void article_link(w *o, uint32_t ai)
{
    const rp_article *a = &o->r->articles.items[ai];
    bool link = rp_url_ok(a->url);
    if (!link) {
        text(o, article_label(a));
        return;
    }
    if (o->md) {
        raw(o, "[");
        text(o, article_label(a));
        raw(o, "](");
        rp_esc_md_url(&o->b, a->url);
        raw(o, ")");
    } else {
        raw(o, "<a href=\"");
        rp_esc_html(&o->b, a->url);
        raw(o, "\" rel=\"noopener noreferrer\">");
        text(o, article_label(a));
        raw(o, "</a>");
    }
}

/* Article, its outlet and date: "TITLE (OUTLET, DATE)". */
static void article_ref(w *o, uint32_t ai)
{
    const rp_article *a = &o->r->articles.items[ai];
    article_link(o, ai);
    if (a->outlet == RP_NONE && !a->published)
        return;
    raw(o, " (");
    if (a->outlet != RP_NONE)
        text(o, o->r->entities.items[a->outlet].name);
    if (a->outlet != RP_NONE && a->published)
        raw(o, ", ");
    if (a->published)
        text(o, a->published);
    raw(o, ")");
}

/* ---- sections ---- */

static void summary(w *o)
{
    const qg_report *r = o->r;
    uint64_t nq = r->quotes.count;
    size_t noutlets = 0;
    for (size_t i = 0; i < r->noutlet_rows; i++)
        noutlets += r->outlet_rows[i].outlet != RP_NONE;
    h2(o, "summary", "Summary");
    static const char *const heads[] = {"Measure", "Value", NULL};
    table_begin(o, NULL, heads, "ln");
#define ROW(label, body)                                                                           \
    do {                                                                                           \
        row_begin(o);                                                                              \
        cell_begin(o, 'l');                                                                        \
        raw(o, label);                                                                             \
        cell_end(o);                                                                               \
        cell_begin(o, 'n');                                                                        \
        body;                                                                                      \
        cell_end(o);                                                                               \
        row_end(o);                                                                                \
    } while (0)
    ROW("Articles", num(o, r->articles.count));
    ROW("Outlets publishing them", num(o, noutlets));
    ROW("Quotes", num(o, nq));
    ROW("Quotes attributed to a source", num(o, r->attributed));
    ROW("Share of quotes attributed", pct(o, r->attributed, nq));
    ROW("Sources quoted", num(o, r->nsources));
    ROW("Organisations", num(o, r->organisations_total));
    ROW("Quotes from anonymous sources", num(o, r->anonymous));
    ROW("Share of attributed quotes from anonymous sources", pct(o, r->anonymous, r->attributed));
    ROW("Quotes repeated in two or more articles", num(o, r->ngroup_order));
    ROW("Quotes repeated in two or more outlets", num(o, r->cross_outlet_groups));
    ROW("Quotes repeated inside one article only", num(o, r->within_article_groups));
    ROW("Attribution conflicts", num(o, r->conflicts.count));
    ROW("Articles that could not be analysed (error records)", num(o, r->errors.count));
#undef ROW
    table_end(o);
    section_end(o);
}

static void source_table(w *o, const char *caption, const uint32_t *order, size_t n)
{
    const qg_report *r = o->r;
    static const char *const heads[] = {"#",        "Source",  "Kind",     "Organisation", "Quotes",
                                        "Articles", "Outlets", "PageRank", "Degree",       NULL};
    table_begin(o, caption, heads, "nlllnnnnn");
    for (size_t i = 0; i < n; i++) {
        const rp_entity *x = &r->entities.items[order[i]];
        row_begin(o);
        cell_num(o, i + 1);
        cell_text(o, x->name);
        cell_begin(o, 'l');
        kind_text(o, x->kind);
        cell_end(o);
        cell_begin(o, 'l');
        if (x->org != RP_NONE)
            text(o, r->entities.items[x->org].name);
        cell_end(o);
        cell_num(o, x->quotes);
        cell_num(o, x->articles);
        cell_num(o, x->outlets);
        cell_begin(o, 'n');
        real4(o, x->pagerank);
        cell_end(o);
        cell_num(o, x->degree);
        row_end(o);
    }
    table_end(o);
}

static void sources(w *o)
{
    const qg_report *r = o->r;
    size_t n = r->nsources < r->opts.top ? r->nsources : r->opts.top;
    h2(o, "sources", "Sources quoted most");
    note(o, "Sources are the speakers quotes are attributed to: people, unnamed roles, "
            "organisations, outlets and anonymous sources. Three rankings: by the number of "
            "quotes, by the number of articles quoting the source, and by PageRank on the "
            "corpus graph (outlet \xe2\x86\x92 article \xe2\x86\x92 quote \xe2\x86\x92 speaker "
            "\xe2\x86\x92 organisation, edges weighted by quote counts, damping 0.85), which "
            "favours sources quoted in many places. Degree counts the source's edges in that "
            "graph: distinct quotes attributed to it plus organisations it speaks for.");
    if (!r->nsources) {
        note(o, "No quote is attributed to a source.");
        section_end(o);
        return;
    }
    shown(o, n, r->nsources, "sources in each table");
    source_table(o, "By quotes", r->by_quotes, n);
    source_table(o, "By articles", r->by_articles, n);
    source_table(o, "By centrality (PageRank)", r->by_pagerank, n);
    section_end(o);
}

static void organisations(w *o)
{
    const qg_report *r = o->r;
    size_t n = r->norgs < r->opts.top ? r->norgs : r->opts.top;
    h2(o, "organisations", "Organisations");
    note(o, "Organisations quoted themselves (\xe2\x80\x9c"
            "the ministry said\xe2\x80\x9d) or "
            "through the people who speak for them (each person counts for the organisation "
            "merge found them speaking for most often), ranked by both kinds of quotes "
            "together. Articles counts the articles with a quote of either kind.");
    if (!n) {
        note(o, "No organisation was found.");
        section_end(o);
        return;
    }
    shown(o, n, r->norgs, "organisations");
    static const char *const heads[] = {"#",
                                        "Organisation",
                                        "Quotes as speaker",
                                        "Quotes by its people",
                                        "People quoted",
                                        "Articles",
                                        "PageRank",
                                        NULL};
    table_begin(o, NULL, heads, "nlnnnnn");
    for (size_t i = 0; i < n; i++) {
        const rp_entity *x = &r->entities.items[r->orgs[i]];
        row_begin(o);
        cell_num(o, i + 1);
        cell_text(o, x->name);
        cell_num(o, x->quotes);
        cell_num(o, x->org_quotes);
        cell_num(o, x->affiliated);
        cell_num(o, x->org_articles);
        cell_begin(o, 'n');
        real4(o, x->pagerank);
        cell_end(o);
        row_end(o);
    }
    table_end(o);
    section_end(o);
}

static void kinds(w *o)
{
    const qg_report *r = o->r;
    uint64_t nq = r->quotes.count;
    h2(o, "anonymous", "Who is quoted: anonymous and other sources");
    note_begin(o);
    rawf(o, "%llu of %llu attributed quotes (", (unsigned long long)r->anonymous,
         (unsigned long long)r->attributed);
    pct(o, r->anonymous, r->attributed);
    raw(o, ") come from anonymous sources (\xe2\x80\x9c"
           "a source close to the talks\xe2\x80\x9d).");
    note_end(o);
    static const char *const heads[] = {"Source kind", "Quotes", "Share of all quotes",
                                        "Share of attributed quotes", NULL};
    static const char *const labels[] = {"Named people",      "Unnamed roles (a spokesman)",
                                         "Organisations",     "Outlets",
                                         "Anonymous sources", "Other kinds"};
    table_begin(o, NULL, heads, "lnnn");
    for (int k = 0; k < 6; k++) {
        if (k == 5 && !r->by_kind[5])
            continue;
        row_begin(o);
        cell_begin(o, 'l');
        raw(o, labels[k]);
        cell_end(o);
        cell_num(o, r->by_kind[k]);
        cell_pct(o, r->by_kind[k], nq);
        cell_pct(o, r->by_kind[k], r->attributed);
        row_end(o);
    }
    row_begin(o);
    cell_begin(o, 'l');
    raw(o, "No source found (unattributed)");
    cell_end(o);
    cell_num(o, nq - r->attributed);
    cell_pct(o, nq - r->attributed, nq);
    cell_begin(o, 'n');
    raw(o, "\xe2\x80\x94");
    cell_end(o);
    row_end(o);
    table_end(o);
    section_end(o);
}

static void outlet_name(w *o, uint32_t outlet)
{
    if (outlet == RP_NONE)
        raw(o, o->md ? "*no outlet given*" : "<i>no outlet given</i>");
    else
        text(o, o->r->entities.items[outlet].name);
}

static void outlets(w *o)
{
    const qg_report *r = o->r;
    h2(o, "outlets", "Per outlet");
    note(o, "The outlet is the article's \xe2\x80\x9coutlet\xe2\x80\x9d field given to extract. "
            "Anonymous share is of the outlet's attributed quotes.");
    if (!r->noutlet_rows) {
        note(o, "No article.");
        section_end(o);
        return;
    }
    static const char *const heads[] = {"Outlet",     "Articles",           "Quotes",
                                        "Attributed", "Anonymous",          "Anonymous share",
                                        "Sources",    "Most quoted source", NULL};
    table_begin(o, NULL, heads, "lnnnnnnl");
    for (size_t i = 0; i < r->noutlet_rows; i++) {
        const rp_outlet_row *x = &r->outlet_rows[i];
        row_begin(o);
        cell_begin(o, 'l');
        outlet_name(o, x->outlet);
        cell_end(o);
        cell_num(o, x->articles);
        cell_num(o, x->quotes);
        cell_num(o, x->attributed);
        cell_num(o, x->anonymous);
        cell_pct(o, x->anonymous, x->attributed);
        cell_num(o, x->sources);
        cell_begin(o, 'l');
        if (x->ntop) {
            entity_name(o, x->top[0]);
            rawf(o, " (%llu)", (unsigned long long)x->top_quotes[0]);
        }
        cell_end(o);
        row_end(o);
    }
    table_end(o);
    size_t n = r->noutlet_rows < r->opts.outlets ? r->noutlet_rows : r->opts.outlets;
    shown(o, n, r->noutlet_rows, "outlets with a table of their own");
    static const char *const sh[] = {"#", "Source", "Kind", "Quotes", "Articles", NULL};
    for (size_t i = 0; i < n; i++) {
        const rp_outlet_row *x = &r->outlet_rows[i];
        h3_begin(o);
        raw(o, "Sources quoted by ");
        outlet_name(o, x->outlet);
        h3_end(o);
        if (!x->ntop) {
            note(o, "No attributed quote.");
            continue;
        }
        shown(o, x->ntop, x->sources, "sources");
        table_begin(o, NULL, sh, "nllnn");
        for (size_t k = 0; k < x->ntop; k++) {
            const rp_entity *e = &r->entities.items[x->top[k]];
            row_begin(o);
            cell_num(o, k + 1);
            cell_text(o, e->name);
            cell_begin(o, 'l');
            kind_text(o, e->kind);
            cell_end(o);
            cell_num(o, x->top_quotes[k]);
            cell_num(o, x->top_articles[k]);
            row_end(o);
        }
        table_end(o);
    }
    section_end(o);
}

#define RP_LIST_MAX 10

static void repeated(w *o)
{
    const qg_report *r = o->r;
    size_t n = r->ngroup_order < r->opts.quotes ? r->ngroup_order : r->opts.quotes;
    h2(o, "repeated", "Quotes repeated across articles");
    note(o, "The same quotation found in two or more articles, word for word, shortened, "
            "extended or reworded (merge's quote groups). Ranked by outlets, then articles, "
            "then appearances. The first appearance is the earliest by publication date (by "
            "article id when dates are missing).");
    if (!r->ngroup_order) {
        note(o, "No quote appears in more than one article.");
        section_end(o);
        return;
    }
    shown(o, n, r->ngroup_order, "repeated quotes");
    static const char *const heads[] = {
        "#",       "Quote",         "First appearance", "Appearances",      "Articles",
        "Outlets", "Attributed to", "Repeated in",      "Wording variants", NULL};
    table_begin(o, NULL, heads, "nqlnnnlll");
    for (size_t i = 0; i < n; i++) {
        const rp_group *g = &r->groups.items[r->group_order[i]];
        row_begin(o);
        cell_num(o, i + 1);
        cell_begin(o, 'q');
        quote_text(o, g->text);
        cell_end(o);
        cell_begin(o, 'l');
        article_ref(o, g->first.article);
        br(o);
        raw(o, "said by ");
        entity_name(o, g->first.speaker);
        cell_end(o);
        cell_num(o, g->appearances);
        cell_num(o, g->articles);
        cell_num(o, g->outlets);
        cell_begin(o, 'l');
        for (size_t k = 0; k < g->nspeakers; k++) {
            if (k)
                br(o);
            entity_name(o, g->speakers[k]);
        }
        cell_end(o);
        cell_begin(o, 'l');
        size_t listed = 0;
        uint32_t last = g->first.article;
        for (size_t k = 0; k < g->nrepeats; k++) {
            uint32_t a = g->repeats[k].article;
            if (a == last)
                continue;
            last = a;
            if (listed == RP_LIST_MAX) {
                rawf(o, "%s\xe2\x80\xa6 and more", listed ? "<br>" : "");
                break;
            }
            if (listed++)
                br(o);
            article_ref(o, a);
        }
        cell_end(o);
        cell_begin(o, 'q');
        for (size_t k = 0; k < g->nvariants && k < RP_LIST_MAX; k++) {
            const rp_variant *v = &g->variants[k];
            if (k)
                br(o);
            if (o->md)
                raw(o, "*");
            else
                raw(o, "<span class=\"v\">");
            text(o, v->relation ? v->relation : "variant");
            rawf(o, ", %llu\xc3\x97, similarity %.2f:", (unsigned long long)v->appearances,
                 v->similarity);
            raw(o, o->md ? "* " : "</span> ");
            quote_text(o, v->text);
        }
        if (g->nvariants > RP_LIST_MAX)
            rawf(o, "<br>\xe2\x80\xa6 and %zu more", g->nvariants - RP_LIST_MAX);
        cell_end(o);
        row_end(o);
    }
    table_end(o);
    section_end(o);
}

static void conflicts(w *o)
{
    const qg_report *r = o->r;
    size_t total = r->conflicts.count;
    size_t n = total < r->opts.quotes ? total : r->opts.quotes;
    h2(o, "conflicts", "Attribution conflicts");
    note(o, "The same quotation attributed to different sources in different places: a sign "
            "of misattribution, or of a quote that was passed on. Ranked by the number of "
            "sources, then articles.");
    if (!total) {
        note(o, "No quotation is attributed to different sources.");
        section_end(o);
        return;
    }
    shown(o, n, total, "conflicts");
    static const char *const heads[] = {"#", "Quote", "Sources", "Attributed to", NULL};
    table_begin(o, NULL, heads, "nqnl");
    for (size_t i = 0; i < n; i++) {
        const rp_conflict *c = &r->conflicts.items[r->conflict_order[i]];
        row_begin(o);
        cell_num(o, i + 1);
        cell_begin(o, 'q');
        quote_text(o, c->text);
        cell_end(o);
        cell_num(o, c->nattrs);
        cell_begin(o, 'l');
        for (size_t k = 0; k < c->nattrs && k < RP_LIST_MAX; k++) {
            const rp_attribution *a = &c->attrs[k];
            if (k)
                br(o);
            raw(o, o->md ? "**" : "<b>");
            text(o, a->name ? a->name : r->entities.items[a->speaker].name);
            raw(o, o->md ? "**" : "</b>");
            rawf(o, ": %llu appearance%s in %zu article%s, first in ",
                 (unsigned long long)a->appearances, a->appearances == 1 ? "" : "s", a->narticles,
                 a->narticles == 1 ? "" : "s");
            article_ref(o, a->first.article);
        }
        if (c->nattrs > RP_LIST_MAX)
            rawf(o, "<br>\xe2\x80\xa6 and %zu more", c->nattrs - RP_LIST_MAX);
        cell_end(o);
        row_end(o);
    }
    table_end(o);
    section_end(o);
}

static void errors(w *o)
{
    const qg_report *r = o->r;
    size_t total = r->errors.count;
    if (!total)
        return;
    size_t n = total < r->opts.quotes ? total : r->opts.quotes;
    h2(o, "errors", "Articles that could not be analysed");
    shown(o, n, total, "error records");
    static const char *const heads[] = {"#", "Article", "File", "Line", "Error", NULL};
    table_begin(o, NULL, heads, "nllnl");
    for (size_t i = 0; i < n; i++) {
        const rp_error_rec *e = &r->errors.items[i];
        row_begin(o);
        cell_num(o, i + 1);
        cell_text(o, e->id);
        cell_text(o, e->file);
        cell_begin(o, 'n');
        if (e->line)
            rawf(o, "%lld", e->line);
        cell_end(o);
        cell_text(o, e->message);
        row_end(o);
    }
    table_end(o);
    section_end(o);
}

/* ---- the graph view (HTML) ---- */

static int vtype(const qg_report *r, const rp_vnode *v)
{
    return v->entity == RP_NONE ? 0 : 1 + rp_kind_index(r->entities.items[v->entity].kind);
}

static const char *vlabel(const qg_report *r, const rp_vnode *v)
{
    return v->entity == RP_NONE ? article_label(&r->articles.items[v->article])
                                : r->entities.items[v->entity].name;
}

static void graph_md(w *o)
{
    const qg_report *r = o->r;
    h2(o, "graph", "Citation graph");
    note_begin(o);
    rawf(o,
         "The drawing of the graph is in the HTML report (`quotegraph report -f html`): "
         "%zu of %zu nodes.",
         r->nvnodes, r->view_candidates);
    note_end(o);
    section_end(o);
}

static void graph_html(w *o)
{
    const qg_report *r = o->r;
    static const char *const tnames[] = {"articles",      "people",  "unnamed roles",
                                         "organisations", "outlets", "anonymous sources",
                                         "other"};
    h2(o, "graph", "Citation graph");
    note_begin(o);
    rawf(o,
         "Who is quoted by whom: outlets (or articles, when no outlet is given) link to the "
         "sources they quote, and sources to the organisations they speak for (dashed); "
         "quotes are folded into the links, whose width grows with the number of quotes. "
         "Drawn: the %zu nodes with the most quotes on their links, of %zu",
         r->nvnodes, r->view_candidates);
    if (r->opts.graph_nodes && r->view_candidates > r->opts.graph_nodes)
        rawf(o, " (capped at %u by --graph-nodes)", r->opts.graph_nodes);
    raw(o, "; nodes left without a link to another drawn node are not drawn. Layout: igraph's "
           "Fruchterman\xe2\x80\x93Reingold with a fixed seed. Hover for details, click a node "
           "to highlight its links, drag to pan, scroll to zoom.");
    note_end(o);
    if (!r->nvnodes) {
        note(o, "Nothing to draw.");
        section_end(o);
        return;
    }
    bool present[7] = {false};
    for (size_t i = 0; i < r->nvnodes; i++)
        present[vtype(r, &r->vnodes[i])] = true;
    raw(o, "<div class=\"gctl\">");
    for (int t = 0; t < 7; t++)
        if (present[t])
            rawf(o,
                 "<label><input type=\"checkbox\" data-t=\"%d\" checked> <span class=\"sw "
                 "t%d\"></span>%s</label>",
                 t, t, tnames[t]);
    raw(o, "<input type=\"search\" id=\"qg-find\" placeholder=\"Find a name\" "
           "aria-label=\"Find a name\"><button type=\"button\" id=\"qg-zin\" "
           "aria-label=\"Zoom in\">+</button><button type=\"button\" id=\"qg-zout\" "
           "aria-label=\"Zoom out\">\xe2\x88\x92</button><button type=\"button\" "
           "id=\"qg-reset\">Reset</button></div>\n");
    raw(o, "<div class=\"gwrap\"><svg id=\"qg-svg\" xmlns=\"http://www.w3.org/2000/svg\" "
           "viewBox=\"0 0 1000 680\" role=\"img\" aria-label=\"Citation graph\">\n<g>\n");
    for (size_t i = 0; i < r->nvedges; i++) {
        const rp_vedge *e = &r->vedges[i];
        const rp_vnode *a = &r->vnodes[e->a], *b = &r->vnodes[e->b];
        rawf(o,
             "<line class=\"e%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
             "stroke-width=\"%.1f\"><title>",
             e->affiliation ? " aff" : "", a->x, a->y, b->x, b->y,
             round((0.6 + 0.8 * log2(1.0 + (double)e->weight)) * 10) / 10);
        text(o, vlabel(r, a));
        raw(o, e->affiliation ? " speaks for " : " quotes ");
        text(o, vlabel(r, b));
        rawf(o, ": %llu quote%s</title></line>\n", (unsigned long long)e->weight,
             e->weight == 1 ? "" : "s");
        maybe_flush(o);
    }
    raw(o, "</g>\n<g>\n");
    for (size_t i = 0; i < r->nvnodes; i++) {
        const rp_vnode *v = &r->vnodes[i];
        int t = vtype(r, v);
        rawf(o,
             "<g class=\"n t%d\" data-i=\"%zu\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>"
             "<title>",
             t, i, v->x, v->y, v->r);
        text(o, vlabel(r, v));
        if (v->entity == RP_NONE) {
            raw(o, "\narticle");
        } else {
            const rp_entity *x = &r->entities.items[v->entity];
            raw(o, "\n");
            kind_text(o, x->kind);
            if (x->org != RP_NONE) {
                raw(o, ", ");
                text(o, r->entities.items[x->org].name);
            }
            rawf(o, "\n%llu quotes in %llu articles; PageRank %.4g", (unsigned long long)x->quotes,
                 (unsigned long long)x->articles, x->pagerank);
        }
        rawf(o, "\n%llu quotes on its links</title></g>\n", (unsigned long long)v->weight);
        maybe_flush(o);
    }
    raw(o, "</g>\n<g>\n");
    for (size_t i = 0; i < r->nvnodes; i++) {
        const rp_vnode *v = &r->vnodes[i];
        if (!v->label)
            continue;
        rawf(o, "<text class=\"lab\" data-i=\"%zu\" x=\"%.1f\" y=\"%.1f\">", i, v->x + v->r + 2,
             v->y + 4);
        /* long labels are cut at 40 bytes, on a code point boundary */
        const char *s = vlabel(r, v);
        size_t len = strlen(s);
        if (len > 40) {
            size_t cut = 40;
            while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--;
            qg_strbuf t = QG_STRBUF_INIT;
            qg_strbuf_append(&t, s, cut);
            qg_strbuf_puts(&t, "\xe2\x80\xa6");
            if (t.failed)
                o->failed = true;
            text(o, t.data ? t.data : "");
            qg_strbuf_dispose(&t);
        } else {
            text(o, s);
        }
        raw(o, "</text>\n");
    }
    raw(o, "</g>\n</svg><div id=\"qg-info\" aria-live=\"polite\"></div></div>\n");
    /* the data for the script: labels, types, weights, and the edges */
    raw(o, "<script type=\"application/json\" id=\"qg-data\">{\"n\":[");
    for (size_t i = 0; i < r->nvnodes; i++) {
        const rp_vnode *v = &r->vnodes[i];
        raw(o, i ? ",\n[" : "\n[");
        rp_esc_json_script(&o->b, vlabel(r, v));
        rawf(o, ",%d,%llu]", vtype(r, v), (unsigned long long)v->weight);
        maybe_flush(o);
    }
    raw(o, "],\n\"e\":[");
    for (size_t i = 0; i < r->nvedges; i++) {
        const rp_vedge *e = &r->vedges[i];
        rawf(o, "%s[%u,%u,%llu,%d]", i ? "," : "", e->a, e->b, (unsigned long long)e->weight,
             e->affiliation ? 1 : 0);
        maybe_flush(o);
    }
    raw(o, "]}</script>\n");
    section_end(o);
}

/* ---- page ---- */

static void methods(w *o)
{
    const qg_report *r = o->r;
    h2(o, "about", "About this report");
    note_begin(o);
    raw(o, "Made by quotegraph " QG_VERSION_STRING " from a corpus merged by quotegraph ");
    text(o, r->version ? r->version : "(unknown version)");
    if (r->similarity >= 0 && r->min_shared >= 0 && r->min_words >= 0)
        rawf(o,
             " (reworded quotes: Jaccard similarity of word 3-grams \xe2\x89\xa5 %.2f and at "
             "least %lld shared; shortened quotes: at least %lld words)",
             r->similarity, r->min_shared, r->min_words);
    raw(o, ". Quotes, speakers and organisations are found by rules, not by people: check "
           "each finding against the articles before you publish it. Tables are cut at ");
    rawf(o, "%u rows (--top) and %u quotes (--quotes).", r->opts.top, r->opts.quotes);
    note_end(o);
    section_end(o);
}

static void write_all(w *o, const char *css_hash, const char *js_hash)
{
    const qg_report *r = o->r;
    if (o->md) {
        raw(o, "# ");
        text(o, r->title);
        rawf(o, "\n\n%zu articles, %zu quotes, %zu sources quoted. Made by quotegraph %s.\n",
             r->articles.count, r->quotes.count, r->nsources, QG_VERSION_STRING);
    } else {
        raw(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'sha256-");
        raw(o, css_hash);
        raw(o, "'; script-src 'sha256-");
        raw(o, js_hash);
        raw(o, "'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<meta name=\"generator\" content=\"quotegraph " QG_VERSION_STRING "\">\n"
               "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
        text(o, r->title);
        raw(o, "</title>\n<style>");
        raw(o, RP_CSS);
        raw(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
        text(o, r->title);
        raw(o, "</h1>\n<div class=\"cards\">");
        rawf(o, "<div class=\"card\"><b>%zu</b><span>articles</span></div>", r->articles.count);
        rawf(o, "<div class=\"card\"><b>%zu</b><span>quotes</span></div>", r->quotes.count);
        rawf(o, "<div class=\"card\"><b>%zu</b><span>sources quoted</span></div>", r->nsources);
        raw(o, "<div class=\"card\"><b>");
        pct(o, r->anonymous, r->attributed);
        raw(o, "</b><span>of attributed quotes are anonymous</span></div>");
        rawf(o,
             "<div class=\"card\"><b>%zu</b><span>quotes repeated across articles</span>"
             "</div>",
             r->ngroup_order);
        rawf(o, "<div class=\"card\"><b>%zu</b><span>attribution conflicts</span></div>",
             r->conflicts.count);
        raw(o, "</div>\n<nav><a href=\"#summary\">Summary</a><a href=\"#sources\">Sources</a>"
               "<a href=\"#organisations\">Organisations</a><a href=\"#anonymous\">Anonymous "
               "sources</a><a href=\"#outlets\">Per outlet</a><a href=\"#repeated\">Repeated "
               "quotes</a><a href=\"#conflicts\">Conflicts</a><a href=\"#graph\">Graph</a>");
        if (r->errors.count)
            raw(o, "<a href=\"#errors\">Errors</a>");
        raw(o, "<a href=\"#about\">About</a></nav>\n</header>\n<main>\n");
    }
    summary(o);
    sources(o);
    organisations(o);
    kinds(o);
    outlets(o);
    repeated(o);
    conflicts(o);
    if (o->md)
        graph_md(o);
    else
        graph_html(o);
    errors(o);
    methods(o);
    if (!o->md) {
        raw(o, "</main>\n<script>");
        raw(o, RP_JS);
        raw(o, "</script>\n</body>\n</html>\n");
    }
    flush(o);
}

qg_status rp_write(FILE *fp, const qg_report *r, qg_report_format format, qg_error *err)
{
    w o = {fp, QG_STRBUF_INIT, false, format == QG_REPORT_MARKDOWN, r, 0, false};
    char css_hash[45], js_hash[45];
    rp_sha256_base64(RP_CSS, sizeof RP_CSS - 1, css_hash);
    rp_sha256_base64(RP_JS, sizeof RP_JS - 1, js_hash);
    write_all(&o, css_hash, js_hash);
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
