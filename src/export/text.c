/* A readable table for a person: one block per quote with speaker, organisation and cue. */
#include <stdbool.h>
#include <string.h>

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

qg_status qg_export_text(FILE *fp, const qg_doc *doc, qg_error *err)
{
    (void)err;
    size_t nq, ne, nt;
    const qg_quote *q = qg_doc_quotes(doc, &nq);
    const qg_entity *ents = qg_doc_entities(doc, &ne);
    qg_doc_terms(doc, &nt);
    fprintf(fp, "%s: %zu quotes, %zu speakers and organisations, %zu quoted terms\n\n",
            qg_doc_id(doc), nq, ne, nt);
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
    return QG_OK;
}
