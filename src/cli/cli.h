#ifndef QG_CLI_H
#define QG_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Bytes of a UTF-8 byte order mark (EF BB BF) at the start of s[0, len): 3, or 0 when there is
 * none. Editors on Windows write one before the first line. */
static inline size_t cli_bom_length(const char *s, size_t len)
{
    return len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

typedef struct cli_args {
    const char *command, *format, *output, *models, *id, *pred, *input;
} cli_args;

typedef struct cli_output {
    const char *path;
    char *tmp; /* temporary file beside path, renamed on success */
    FILE *fp;
    char *resolved; /* the path with symbolic links resolved (owned), or NULL */
    bool direct;    /* a device or pipe written in place */
} cli_output;

void cli_error(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* After printing help or the version: 0, or 1 with a message when stdout could not take it. */
int cli_flush_stdout(void);
int cli_read_input(const char *path, char **data_out, size_t *len_out);
/* The command's input files (borrowed; "-" is stdin): cli_open_output() refuses an output that
 * is one of them (same device and inode), exit status 1, the file left as it is. */
void cli_set_inputs(const char *const *paths, size_t n);
/* A file read while the command runs (the names of extract --files-from): cli_close_output()
 * refuses to replace it with the output. */
void cli_note_input(const char *path);
/* A hint for an unreadable record line (borrowed, len bytes) that looks like an input article
 * (a "text" member and no "document"): says to run extract first. "" otherwise; message is the
 * error already given, checked so that the hint is not said twice. */
const char *cli_record_hint(const char *line, size_t len, const char *message);
int cli_open_output(cli_output *o, const char *path);
int cli_close_output(cli_output *o, int ok);

/* Where each record added to a corpus came from (file name, borrowed, and line), in the
 * numbering of qg_corpus_repeat, so that a repeated article id can be named with both places. */
typedef struct cli_origin {
    const char *name;
    size_t line;
} cli_origin;
typedef struct cli_origins {
    cli_origin *items;
    size_t count, cap;
} cli_origins;
/* Note the next successful record; false when memory runs out. */
bool cli_origins_note(cli_origins *o, const char *name, size_t line);
void cli_origins_free(cli_origins *o);
struct qg_corpus;
/* Warn on stderr about each article id that came again (the first 20), naming both places.
 * Returns how many came with different content; *repeats_out gets how many came again. */
size_t cli_warn_repeats(const struct qg_corpus *c, const cli_origins *o, size_t *repeats_out);
/* Exit status of merge and report when some article ids came with different content */
#define CLI_EXIT_DUPLICATES 3

int cmd_eval(cli_args *a);
/* corpus mode (extract.c, merge.c): argv[0] is the command name */
int cmd_extract(int argc, char **argv);
int cmd_merge(int argc, char **argv);
/* report.c */
int cmd_report(int argc, char **argv);

#endif
