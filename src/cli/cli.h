#ifndef QG_CLI_H
#define QG_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

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
int cli_open_output(cli_output *o, const char *path);
int cli_close_output(cli_output *o, int ok);

int cmd_eval(cli_args *a);
/* corpus mode (extract.c, merge.c): argv[0] is the command name */
int cmd_extract(int argc, char **argv);
int cmd_merge(int argc, char **argv);
/* report.c */
int cmd_report(int argc, char **argv);

#endif
