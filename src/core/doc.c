#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

qg_status qg_doc_add_diag(qg_doc *doc, const char *kind, size_t offset, const char *message)
{
    char *copy = strdup(message);
    qg_diag_rec *d = copy ? qg_vec_push(&doc->diags) : NULL;
    if (!d) {
        free(copy);
        return QG_ENOMEM;
    }
    d->kind = kind;
    d->offset = offset;
    d->message = copy;
    return QG_OK;
}

void qg_doc_free(qg_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->diags.count; i++)
        free(doc->diags.items[i].message);
    for (size_t i = 0; i < doc->entities.count; i++) {
        free(doc->entities.items[i].name);
        free(doc->entities.items[i].key);
        free(doc->entities.items[i].uid);
        qg_vec_free(&doc->entities.items[i].mentions);
    }
    qg_vec_free(&doc->diags);
    qg_vec_free(&doc->diag_view);
    qg_vec_free(&doc->fixes);
    qg_vec_free(&doc->paragraphs);
    qg_vec_free(&doc->sentences);
    qg_vec_free(&doc->sentence_view);
    qg_vec_free(&doc->tokens);
    qg_vec_free(&doc->raw_quotes);
    qg_vec_free(&doc->quotes);
    qg_vec_free(&doc->entities);
    qg_vec_free(&doc->entity_view);
    qg_vec_free(&doc->terms);
    qg_vec_free(&doc->authors);
    free(doc->cp_index);
    free(doc->text);
    free(doc->id);
    free(doc);
}

const char *qg_doc_text(const qg_doc *doc, size_t *len_out)
{
    if (len_out)
        *len_out = doc->len;
    return doc->text;
}

const char *qg_doc_id(const qg_doc *doc)
{
    return doc->id;
}

size_t qg_doc_source_len(const qg_doc *doc)
{
    return doc->source_len;
}

size_t qg_doc_source_offset(const qg_doc *doc, size_t offset)
{
    /* the last fix at or before offset (fixes are sorted by decoded offset; a binary file has
     * one per byte, so no linear scan) */
    size_t lo = 0, hi = doc->fixes.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->fixes.items[mid].at <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    ptrdiff_t delta = lo ? doc->fixes.items[lo - 1].delta : 0;
    return (size_t)((ptrdiff_t)offset + delta);
}

#define CP_BLOCK 64

/* Code points in s[0, n): the bytes that are not UTF-8 continuation bytes (10xxxxxx), counted
 * eight at a time (a continuation byte has bit 7 set and bit 6 clear). */
static size_t count_cps(const char *s, size_t n)
{
    size_t cps = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* 1 per such byte */
        cps += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        cps += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cps;
}

size_t qg_doc_cp_offset(const qg_doc *doc, size_t offset)
{
    qg_doc *d = (qg_doc *)doc; /* the index and the last answer are lazily built caches */
    if (offset > d->len)
        offset = d->len;
    /* callers mostly ask in text order: count on from the last answer when it is close */
    if (d->cp_last_valid && offset >= d->cp_last_offset &&
        (offset - d->cp_last_offset < CP_BLOCK || !d->cp_index ||
         d->cp_last_offset >= offset / CP_BLOCK * CP_BLOCK)) {
        size_t cps = d->cp_last_cps + count_cps(d->text + d->cp_last_offset, offset - d->cp_last_offset);
        d->cp_last_offset = offset;
        d->cp_last_cps = cps;
        return cps;
    }
    if (!d->cp_index) {
        size_t n = d->len / CP_BLOCK + 1;
        d->cp_index = malloc(n * sizeof *d->cp_index);
        if (d->cp_index) {
            size_t cps = 0;
            for (size_t b = 0; b < n; b++) {
                d->cp_index[b] = cps;
                size_t end = (b + 1) * CP_BLOCK < d->len ? (b + 1) * CP_BLOCK : d->len;
                if (end > b * CP_BLOCK)
                    cps += count_cps(d->text + b * CP_BLOCK, end - b * CP_BLOCK);
            }
            d->cp_index_len = n;
        }
    }
    size_t start = 0, cps = 0;
    if (d->cp_index) {
        start = (offset / CP_BLOCK) * CP_BLOCK;
        cps = d->cp_index[offset / CP_BLOCK];
    }
    cps += count_cps(d->text + start, offset - start);
    d->cp_last_valid = true;
    d->cp_last_offset = offset;
    d->cp_last_cps = cps;
    return cps;
}

const qg_diagnostic *qg_doc_diagnostics(const qg_doc *doc, size_t *count_out)
{
    qg_doc *d = (qg_doc *)doc;
    if (d->diag_view.count != d->diags.count) {
        d->diag_view.count = 0;
        for (size_t i = 0; i < d->diags.count; i++) {
            qg_diagnostic *v = qg_vec_push(&d->diag_view);
            if (!v)
                break;
            v->kind = d->diags.items[i].kind;
            v->offset = d->diags.items[i].offset;
            v->message = d->diags.items[i].message;
        }
    }
    *count_out = d->diag_view.count;
    return d->diag_view.items;
}

const qg_span *qg_doc_paragraphs(const qg_doc *doc, size_t *count_out)
{
    *count_out = doc->paragraphs.count;
    return doc->paragraphs.items;
}

const qg_span *qg_doc_sentences(const qg_doc *doc, size_t *count_out)
{
    *count_out = doc->sentence_view.count;
    return doc->sentence_view.items;
}

const qg_quote *qg_doc_quotes(const qg_doc *doc, size_t *count_out)
{
    *count_out = doc->quotes.count;
    return doc->quotes.items;
}

const qg_entity *qg_doc_entities(const qg_doc *doc, size_t *count_out)
{
    *count_out = doc->entity_view.count;
    return doc->entity_view.items;
}

const qg_article_meta *qg_doc_meta(const qg_doc *doc)
{
    return &doc->meta;
}

const qg_term *qg_doc_terms(const qg_doc *doc, size_t *count_out)
{
    *count_out = doc->terms.count;
    return doc->terms.items;
}

const char *qg_quote_type_str(qg_quote_type t)
{
    switch (t) {
    case QG_QUOTE_DIRECT: return "direct";
    case QG_QUOTE_INDIRECT: return "indirect";
    case QG_QUOTE_MIXED: return "mixed";
    }
    return "direct";
}

const char *qg_entity_kind_str(qg_entity_kind k)
{
    switch (k) {
    case QG_ENTITY_PERSON: return "person";
    case QG_ENTITY_ROLE: return "role";
    case QG_ENTITY_ORGANIZATION: return "organization";
    case QG_ENTITY_OUTLET: return "outlet";
    case QG_ENTITY_ANONYMOUS: return "anonymous";
    case QG_ENTITY_DOCUMENT: return "document";
    }
    return "person";
}
