/* A readable table for a person: one block per quote with speaker, organisation and cue. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../text/text.h"
#include "export_internal.h"

static void put_span(FILE *fp, const qg_doc *doc, qg_span s, size_t max)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    size_t n = s.end - s.begin;
    bool cut = false;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)t[s.begin + n] & 0xC0) == 0x80)
            n--;
        cut = true;
    }
    for (size_t i = 0; i < n; i++) {
        char c = t[s.begin + i];
        fputc(c == '\n' || c == '\r' || c == '\t' ? ' ' : c, fp);
    }
    if (cut)
        fputs("…", fp);
}

static void put_ranks(FILE *fp, const qg_graph *graph, const qg_graph_rank *r, size_t n,
                      const char *unit)
{
    for (size_t i = 0; i < n; i++) {
        qg_graph_node v = qg_graph_node_at(graph, r[i].node);
        fprintf(fp, "  %2zu. %s (%s%s)  %s: %.0f  pagerank: %.3f  degree: %.0f\n", i + 1, v.label,
                v.node_type, !strcmp(v.anonymous, "yes") ? ", anonymous" : "", unit, r[i].quotes,
                r[i].pagerank, r[i].degree);
    }
}

static qg_status write_table(FILE *fp, const qg_doc *doc, const qg_graph *graph, qg_error *err)
{
    (void)err;
    size_t nq, ne, nt;
    const qg_quote *q = qg_doc_quotes(doc, &nq);
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    const qg_article_meta *meta = qg_doc_meta(doc);
    qg_doc_terms(doc, &nt);
    fprintf(fp, "%s: %zu quotes, %zu entities, %zu quoted terms\n", qg_doc_id(doc), nq, ne, nt);
    if (meta->outlet.end > meta->outlet.begin) {
        fputs("outlet: ", fp);
        put_span(fp, doc, meta->outlet, 100);
        fputc('\n', fp);
    }
    if (meta->headline.end > meta->headline.begin) {
        fputs("headline: ", fp);
        put_span(fp, doc, meta->headline, 200);
        fputc('\n', fp);
    }
    for (size_t i = 0; i < meta->author_count; i++) {
        fputs("author: ", fp);
        put_span(fp, doc, meta->authors[i], 100);
        fputc('\n', fp);
    }
    /* repairs made to the input (invalid UTF-8, a byte order mark, NUL bytes, an unclosed
     * quotation mark): the reader of the table learns of them too */
    size_t nd;
    const qg_diagnostic *diag = qg_doc_diagnostics(doc, &nd);
    for (size_t i = 0; i < nd && i < 5; i++)
        fprintf(fp, "input: %s at byte %zu\n", diag[i].kind, diag[i].offset);
    if (nd > 5)
        fprintf(fp, "input: %zu more notes (see -f json, \"diagnostics\")\n", nd - 5);
    fputc('\n', fp);
    for (size_t i = 0; i < nq; i++) {
        fprintf(fp, "q%-3zu %-8s \"", i + 1, qg_quote_type_str(q[i].type));
        put_span(fp, doc, q[i].content, 100);
        fputs("\"\n", fp);
        if (q[i].speaker != QG_NONE) {
            const qg_entity *e = &ents[q[i].speaker];
            const char *org = e->affiliation != QG_NONE ? ents[e->affiliation].name
                              : (e->kind == QG_ENTITY_ORGANIZATION || e->kind == QG_ENTITY_OUTLET)
                                  ? e->name
                                  : "-";
            fprintf(fp, "     speaker: %s (%s)  org: %s  cue: ", e->name,
                    qg_entity_kind_str(e->kind), org);
            if (q[i].cue.end > q[i].cue.begin)
                put_span(fp, doc, q[i].cue, 40);
            else
                fputs("-", fp);
            fputs("  mention: ", fp);
            put_span(fp, doc, q[i].speaker_mention, 60);
            fprintf(fp, "  confidence: %.2f\n", q[i].confidence);
        } else {
            fputs("     speaker: (unknown)\n", fp);
        }
    }
    if (!graph)
        return QG_OK;
    const qg_graph_summary *s = qg_graph_summary_of(graph);
    fprintf(fp, "\nsummary: %zu of %zu quotes attributed; %zu sources, %zu anonymous (%.0f%%); "
                "%zu quotes from anonymous sources (%.0f%%)\n",
            s->attributed, s->quotes, s->sources, s->anonymous_sources, 100 * s->anonymous_share,
            s->anonymous_quotes, 100 * s->anonymous_quote_share);
    if (s->source_count) {
        fputs("sources, by quotes then PageRank:\n", fp);
        put_ranks(fp, graph, s->source_ranks, s->source_count, "quotes");
    }
    if (s->organization_count) {
        fputs("organisations, by quotes (their own and their people's):\n", fp);
        put_ranks(fp, graph, s->organization_ranks, s->organization_count, "quotes");
    }
    return QG_OK;
}

/* Control characters from the article (an escape sequence, a bell, a right-to-left override)
 * must not reach a terminal: every code point qg_cp_hides_text() names is written as U+FFFD. The table is built in memory, then cleaned on the way out. */
qg_status qg_export_text(FILE *fp, const qg_doc *doc, const qg_graph *graph, qg_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return QG_OOM(err);
    qg_status st = write_table(mem, doc, graph, err);
    if (fclose(mem) != 0 && st == QG_OK)
        st = QG_OOM(err);
    if (st == QG_OK) {
        for (size_t i = 0; i < len;) {
            size_t at = i;
            int32_t cp = qg_utf8_next(buf, len, &i);
            if (qg_cp_hides_text(cp))
                fputs("\xEF\xBF\xBD", fp);
            else
                fwrite(buf + at, 1, i - at, fp);
        }
    }
    free(buf);
    return st;
}
