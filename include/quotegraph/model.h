/**
 * @file model.h
 * Lexicons that drive attribution (cue words, titles, roles, organisation words, outlets,
 * given names, pronouns). Files live in models/<lang>/; see models/en/README.md for their
 * format ("quotegraph-lexicon 1": UTF-8, '#' comments, TAB-separated fields).
 */
#ifndef QUOTEGRAPH_MODEL_H
#define QUOTEGRAPH_MODEL_H

#include <quotegraph/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qg_model qg_model;

/**
 * Load the lexicons of one language.
 *
 * @param[out] out  Receives the model, owned by the caller (free with qg_model_free()).
 * @param dir       Directory holding the language folders (e.g. "models"), or NULL for the
 *                  copy compiled into the library at build time.
 * @param lang      Language folder name, e.g. "en".
 * @param[out] err  Optional; filled on failure.
 * @return QG_OK; QG_EMODEL when a file is missing, unreadable or not format version 1
 *         (the message names the file and line); QG_ENOMEM.
 * Thread safety: a loaded model is read-only and may be shared by threads.
 */
QG_API qg_status qg_model_load(qg_model **out, const char *dir, const char *lang, qg_error *err);

/** Free a model. NULL is a no-op. */
QG_API void qg_model_free(qg_model *model);

#ifdef __cplusplus
}
#endif
#endif
