/* Stage 1: bytes → valid UTF-8 text with a map back to the source bytes.
 * ICU does the work: U8_NEXT finds ill-formed sequences (maximal subparts, the same unit Python's
 * "replace" error handler uses), ucnv converts UTF-16 input announced by a byte order mark. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include "../core/doc.h"
#include "../core/error.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* UTF-16 with a byte order mark: convert to UTF-8 with ICU. Offsets then refer to the UTF-8 text. */
static qg_status convert_utf16(char **out, size_t *out_len, const char *bytes, size_t len,
                               const char *charset, qg_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t need = ucnv_convert("UTF-8", charset, NULL, 0, bytes, (int32_t)len, &uerr);
    if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr))
        return qg_error_set(err, QG_EINPUT, 0, "cannot convert %s input: %s", charset,
                            u_errorName(uerr));
    char *buf = malloc((size_t)need + 1);
    if (!buf)
        return QG_OOM(err);
    uerr = U_ZERO_ERROR;
    ucnv_convert("UTF-8", charset, buf, need + 1, bytes, (int32_t)len, &uerr);
    if (U_FAILURE(uerr)) {
        free(buf);
        return qg_error_set(err, QG_EINPUT, 0, "cannot convert %s input: %s", charset,
                            u_errorName(uerr));
    }
    *out = buf;
    *out_len = (size_t)need;
    return QG_OK;
}

/* A copy of the NUL-terminated s with every ill-formed UTF-8 sequence (ICU's U8_NEXT: maximal
 * subparts) replaced by U+FFFD: a document id made from a file name or --id must be valid text
 * in JSON and GraphML. Caller frees; NULL when out of memory. */
static char *utf8_repaired(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (int32_t i = 0; i < (int32_t)len;) {
        int32_t start = i;
        UChar32 cp;
        U8_NEXT(s, i, (int32_t)len, cp);
        if (cp < 0) {
            memcpy(out + o, REPLACEMENT, 3);
            o += 3;
        } else {
            memcpy(out + o, s + start, (size_t)(i - start));
            o += (size_t)(i - start);
        }
    }
    out[o] = '\0';
    return out;
}

qg_status qg_doc_decode(qg_doc **out, const char *bytes, size_t len, const char *id,
                        qg_error *err)
{
    *out = NULL;
    if (len > QG_MAX_TEXT)
        return qg_error_set(err, QG_EINPUT, QG_NO_OFFSET,
                            "input of %zu bytes is over the supported size of %zu bytes", len,
                            QG_MAX_TEXT);
    qg_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return QG_OOM(err);
    doc->id = utf8_repaired(id ? id : "doc");
    doc->source_len = len;
    qg_status st = QG_OK;
    char *converted = NULL;
    size_t converted_len = 0;
    const char *charset = NULL;
    if (len >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE)
        charset = "UTF-16LE";
    else if (len >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF)
        charset = "UTF-16BE";
    if (charset) {
        st = convert_utf16(&converted, &converted_len, bytes + 2, len - 2, charset, err);
        if (st != QG_OK)
            goto fail;
        bytes = converted;
        len = converted_len;
    }
    /* worst case every byte becomes U+FFFD (3 bytes) */
    doc->text = malloc(len * 3 + 1);
    if (!doc->id || !doc->text) {
        st = QG_OOM(err);
        goto fail;
    }
    size_t o = 0, i = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        memcpy(doc->text, bytes, 3);
        o = i = 3;
        doc->body_begin = 3;
        if (qg_doc_add_diag(doc, "bom", 0, "UTF-8 byte order mark skipped")) {
            st = QG_OOM(err);
            goto fail;
        }
    }
    bool seen_nul = false;
    size_t bad = 0, nuls = 0, controls = 0;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (i < len) {
        /* eight printable ASCII bytes (0x20..0x7F: no control, no NUL, nothing to check) are
         * copied as they are */
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, bytes + i, 8);
            if (!((w | ((w - 0x20 * ones) & ~w)) & highs)) {
                memcpy(doc->text + o, &w, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        unsigned char b = (unsigned char)bytes[i];
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
            controls++; /* NUL included */
        if (b == 0) {
            nuls++;
            /* NUL is replaced like an invalid byte: no C string, JSON reader or terminal
             * downstream has to cope with it */
            if (!seen_nul) {
                seen_nul = true;
                char msg[96];
                snprintf(msg, sizeof msg, "NUL byte at source byte %zu (and any later ones) replaced with U+FFFD", i);
                if (qg_doc_add_diag(doc, "nul", o, msg)) {
                    st = QG_OOM(err);
                    goto fail;
                }
            }
            memcpy(doc->text + o, REPLACEMENT, 3);
            struct qg_offset_fix *fx = qg_vec_push(&doc->fixes);
            if (!fx) {
                st = QG_OOM(err);
                goto fail;
            }
            fx->at = o + 3;
            fx->delta = (ptrdiff_t)(i + 1) - (ptrdiff_t)(o + 3);
            o += 3;
            i += 1;
            continue;
        }
        if (b < 0x80) {
            doc->text[o++] = (char)b;
            i++;
            continue;
        }
        int32_t pos = 0, n = (int32_t)(len - i < 4 ? len - i : 4);
        UChar32 c;
        U8_NEXT((const uint8_t *)bytes + i, pos, n, c);
        if (c >= 0) {
            memcpy(doc->text + o, bytes + i, (size_t)pos);
        } else {
            memcpy(doc->text + o, REPLACEMENT, 3);
            if (bad++ < 20) {
                char msg[96];
                snprintf(msg, sizeof msg,
                         "invalid UTF-8 at source byte %zu replaced with U+FFFD", i);
                if (qg_doc_add_diag(doc, "invalid_utf8", o, msg)) {
                    st = QG_OOM(err);
                    goto fail;
                }
            }
            struct qg_offset_fix *fx = qg_vec_push(&doc->fixes);
            if (!fx) {
                st = QG_OOM(err);
                goto fail;
            }
            /* from o + 3 on, decoded offsets lead source offsets by (o + 3) - (i + pos) */
            fx->at = o + 3;
            fx->delta = (ptrdiff_t)(i + (size_t)pos) - (ptrdiff_t)(o + 3);
            pos = pos ? pos : 1;
            o += 3;
            i += (size_t)pos;
            continue;
        }
        o += (size_t)pos;
        i += (size_t)pos;
    }
    if (bad > 20) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequences in all", bad);
        if (qg_doc_add_diag(doc, "invalid_utf8", o, msg)) {
            st = QG_OOM(err);
            goto fail;
        }
    }
    /* a program, an image or UTF-16 without a byte order mark: say so, the analysis of it is
     * noise (one byte in ten NUL, control or invalid, in 16 bytes or more) */
    (void)nuls;
    if (len >= 16 && (controls + bad) * 10 > len) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "the input looks binary (or UTF-16 without a byte order mark): %zu of %zu bytes "
                 "are control bytes or invalid UTF-8",
                 controls + bad, len);
        if (qg_doc_add_diag(doc, "binary", 0, msg)) {
            st = QG_OOM(err);
            goto fail;
        }
    }
    if (charset && qg_doc_add_diag(doc, "converted", 0,
                                   "input converted from UTF-16; offsets refer to the UTF-8 text")) {
        st = QG_OOM(err);
        goto fail;
    }
    if (charset)
        doc->fixes.count = 0; /* offsets are into the converted text */
    doc->text[o] = '\0';
    doc->len = o;
    /* old Mac line ends: a carriage return not followed by a line feed becomes one (same
     * length, so offsets stay), else the whole text is one paragraph */
    {
        const char *cr = memchr(doc->text, '\r', o);
        size_t first = SIZE_MAX, count = 0;
        for (; cr; cr = memchr(cr + 1, '\r', o - (size_t)(cr + 1 - doc->text))) {
            size_t at = (size_t)(cr - doc->text);
            if (at + 1 < o && doc->text[at + 1] == '\n')
                continue;
            doc->text[at] = '\n';
            if (first == SIZE_MAX)
                first = at;
            count++;
            if (at + 1 >= o)
                break;
        }
        if (count) {
            char msg[120];
            snprintf(msg, sizeof msg, "%zu carriage returns without a line feed read as line breaks",
                     count);
            if (qg_doc_add_diag(doc, "cr_line_breaks", first, msg)) {
                st = QG_OOM(err);
                goto fail;
            }
        }
    }
    if (o > QG_MAX_TEXT) {
        st = qg_error_set(err, QG_EINPUT, QG_NO_OFFSET, "decoded text is over the supported size");
        goto fail;
    }
    char *shrunk = realloc(doc->text, o + 1);
    if (shrunk)
        doc->text = shrunk;
    free(converted);
    *out = doc;
    return QG_OK;
fail:
    free(converted);
    qg_doc_free(doc);
    return st;
}
