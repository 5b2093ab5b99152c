/* quotegraph command-line tool. Includes only the public API. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <quotegraph/quotegraph.h>

#include "cli.h"

static const char USAGE[] =
    "usage: quotegraph COMMAND [OPTIONS] [FILE]\n"
    "\n"
    "Find who is quoted saying what, for whom, in news articles.\n"
    "\n"
    "commands:\n"
    "  analyze [FILE|-]     analyse one article (UTF-8 text; stdin when FILE is - or absent)\n"
    "  extract [FILE...]    analyse many articles: JSON Lines in, one record per article out\n"
    "                       (see quotegraph extract --help)\n"
    "  merge [FILE...]      merge extract records into one corpus graph with quote\n"
    "                       provenance (see quotegraph merge --help)\n"
    "  report [FILE...]     report for fact-checkers (HTML or Markdown) from merge output or\n"
    "                       extract records (see quotegraph report --help)\n"
    "  eval GOLD.jsonl      score the analyser against annotated articles (see docs/evaluation.md)\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     analyze: json (default), graphml, cytoscape, text\n"
    "                       eval: text (default), json\n"
    "  -o, --output PATH    write to PATH (atomically: temporary file, then rename)\n"
    "  -m, --models DIR     model directory holding en/ (default: built-in models)\n"
    "      --id ID          document id in the output (default: file name, or \"stdin\")\n"
    "      --pred FILE      eval: score saved predictions (JSON Lines of analyze output)\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "quotegraph COMMAND --help prints the usage and options of one command.\n"
    "\n"
    "exit status: 0 success, 1 an input or output failed, 2 usage error,\n"
    "3 merge/report: an article id came twice with different content (output written)\n";

static const char ANALYZE_USAGE[] =
    "usage: quotegraph analyze [OPTIONS] [FILE|-]\n"
    "\n"
    "Analyse one article: its quotes (direct, indirect, mixed), who said each and for whom,\n"
    "and its citation graph. FILE is UTF-8 text; stdin when FILE is - or absent.\n"
    "\n"
    "  -f, --format FMT     json (default: the whole analysis), graphml or cytoscape (the\n"
    "                       citation graph), text (a readable table)\n"
    "  -o, --output PATH    write to PATH (atomically: temporary file, then rename)\n"
    "  -m, --models DIR     model directory holding en/ (default: built-in models)\n"
    "      --id ID          document id in the output (default: file name, or \"stdin\")\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "exit status: 0 success, 1 the input or the output failed, 2 usage error\n";

static const char EVAL_USAGE[] =
    "usage: quotegraph eval [OPTIONS] GOLD.jsonl\n"
    "\n"
    "Score the analyser, or saved predictions, against annotated articles (JSON Lines, one\n"
    "article a line; - for stdin): precision, recall and F1 per quote type with overlap and\n"
    "exact matching, speaker accuracy and attribution F1 (see docs/evaluation.md).\n"
    "\n"
    "  -f, --format FMT     text (default: a table), json\n"
    "  -o, --output PATH    write to PATH (atomically: temporary file, then rename)\n"
    "  -m, --models DIR     model directory holding en/ for the analyser (not with --pred)\n"
    "      --pred FILE      score saved predictions (JSON Lines of analyze output; - for\n"
    "                       stdin) instead of running the analyser\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "exit status: 0 success, 1 a malformed line in either file or the output failed,\n"
    "2 usage error\n";

static bool holds(const char *s, size_t n, const char *needle)
{
    return memmem(s, n, needle, strlen(needle)) != NULL;
}

const char *cli_record_hint(const char *line, size_t len, const char *message)
{
    bool text = holds(line, len, "\"text\"");
    bool doc = holds(line, len, "\"document\"") || holds(line, len, "\"quotegraph_corpus\"");
    if (!text || doc || strstr(message, "extract"))
        return "";
    return " (an article, not a record? run quotegraph extract on the articles first, then merge "
           "its output)";
}

void cli_error(const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* whole records already written to stdout go out first: with 2>&1 a message must not land
     * inside a record that stdio still holds */
    fflush(stdout);
    fputs("quotegraph: ", stderr);
    if (where)
        fprintf(stderr, "%s: ", where);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Read a whole file (or stdin for "-") into memory, refusing directories and inputs over
 * QG_MAX_TEXT. */
int cli_read_input(const char *path, char **data_out, size_t *len_out)
{
    FILE *fp = stdin;
    *data_out = NULL;
    *len_out = 0;
    if (strcmp(path, "-") != 0) {
        struct stat sb;
        if (stat(path, &sb) != 0) {
            cli_error(path, "%s", strerror(errno));
            return 1;
        }
        if (S_ISDIR(sb.st_mode)) {
            cli_error(path, "is a directory");
            return 1;
        }
        if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > QG_MAX_TEXT) {
            cli_error(path, "input of %lld bytes is over the supported size of %zu bytes",
                      (long long)sb.st_size, QG_MAX_TEXT);
            return 1;
        }
        fp = fopen(path, "rb");
        if (!fp) {
            cli_error(path, "%s", strerror(errno));
            return 1;
        }
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        cli_error(path, "out of memory");
        if (fp != stdin)
            fclose(fp);
        return 1;
    }
    for (;;) {
        if (len == cap) {
            if (cap > QG_MAX_TEXT) {
                cli_error(path, "input is over the supported size of %zu bytes", QG_MAX_TEXT);
                free(buf);
                if (fp != stdin)
                    fclose(fp);
                return 1;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                cli_error(path, "out of memory");
                free(buf);
                if (fp != stdin)
                    fclose(fp);
                return 1;
            }
            buf = p;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (n == 0)
            break;
    }
    int bad = ferror(fp);
    int e = errno;
    if (fp != stdin)
        fclose(fp);
    if (bad) {
        cli_error(path, "read failed: %s", strerror(e));
        free(buf);
        return 1;
    }
    if (len > QG_MAX_TEXT) {
        cli_error(path, "input of %zu bytes is over the supported size of %zu bytes", len,
                  QG_MAX_TEXT);
        free(buf);
        return 1;
    }
    *data_out = buf;
    *len_out = len;
    return 0;
}

/* The temporary file of the output being written, removed when a signal ends the process
 * (SIGTERM, SIGINT, SIGHUP), so that -o never leaves a partial file behind. Worker processes
 * forked by extract inherit the handler but are not the main process and remove nothing. */
static char *volatile cli_tmp_path;
static pid_t cli_main_pid;

static void remove_tmp_and_die(int sig)
{
    if (cli_tmp_path && getpid() == cli_main_pid)
        unlink(cli_tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Exit status after printing help or the version: 1 when standard output could not take it
 * (a full disk, a closed pipe), with a message. */
int cli_flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(NULL, "write to standard output failed: %s", strerror(errno));
        return 1;
    }
    return 0;
}

static void install_signal_handlers(void)
{
    cli_main_pid = getpid();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_tmp_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* a file size limit (ulimit -f) is a write error (EFBIG), reported and cleaned up, not a
     * signal that kills the process */
    signal(SIGXFSZ, SIG_IGN);
}

/* The input files of the running command (cli_set_inputs): an -o naming one of them is refused. */
static const char *const *input_paths;
static size_t input_count;

void cli_set_inputs(const char *const *paths, size_t n)
{
    input_paths = paths;
    input_count = n;
}

/* Files read while the command runs (cli_note_input: the names of extract --files-from), as
 * device and inode: checked again before the output replaces its target. */
static struct stat *read_inputs;
static size_t read_count, read_cap;

void cli_note_input(const char *path)
{
    struct stat sb;
    if (!path || !strcmp(path, "-") || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return;
    if (read_count == read_cap) {
        size_t cap = read_cap ? read_cap * 2 : 16;
        struct stat *p = realloc(read_inputs, cap * sizeof *p);
        if (!p)
            return;
        read_inputs = p;
        read_cap = cap;
    }
    read_inputs[read_count++] = sb;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Is the file sb one of the command's inputs (device and inode, so that another name or a link
 * to it counts)? Standard input counts when it is a regular file ("-o a.txt < a.txt"). */
static bool output_is_input(const struct stat *sb)
{
    struct stat ib;
    bool uses_stdin = input_count == 0;
    for (size_t i = 0; i < input_count; i++) {
        if (!input_paths[i] || !strcmp(input_paths[i], "-"))
            uses_stdin = true;
        else if (stat(input_paths[i], &ib) == 0 && same_file(&ib, sb))
            return true;
    }
    if (uses_stdin && fstat(STDIN_FILENO, &ib) == 0 && S_ISREG(ib.st_mode) && same_file(&ib, sb))
        return true;
    for (size_t i = 0; i < read_count; i++)
        if (same_file(&read_inputs[i], sb))
            return true;
    return false;
}

int cli_open_output(cli_output *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    o->fp = stdout;
    o->direct = false;
    if (!path || !strcmp(path, "-"))
        return 0;
    struct stat in_sb;
    if (stat(path, &in_sb) == 0 && S_ISREG(in_sb.st_mode) && output_is_input(&in_sb)) {
        cli_error(path, "the output file is also an input; it was left as it is");
        return 1;
    }
    /* a device or pipe (/dev/null, a FIFO) is written in place; a symbolic link is followed so
     * that its target, not the link, is replaced */
    struct stat sb;
    mode_t mode = 0666;
    mode_t mask = umask(0);
    umask(mask);
    mode &= ~mask;
    if (stat(path, &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) {
            o->fp = fopen(path, "wb");
            if (!o->fp) {
                cli_error(path, "%s", strerror(errno));
                return 1;
            }
            o->direct = true;
            return 0;
        }
        /* the output replaces the file by a rename, which needs no write permission on it:
         * refuse a file the user may not write, or that nobody may (as rm asks before
         * removing a write-protected file, root included) */
        if (access(path, W_OK) != 0 || !(sb.st_mode & 0222)) {
            cli_error(path, "%s: the file is read-only and was left as it is",
                      strerror(EACCES));
            return 1;
        }
        mode = sb.st_mode & 07777;
    }
    char *resolved = realpath(path, NULL);
    struct stat lsb;
    if (!resolved && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
        /* a dangling symbolic link: the output creates its target, the link stays */
        char target[PATH_MAX];
        ssize_t tn = readlink(path, target, sizeof target - 1);
        if (tn > 0) {
            target[tn] = '\0';
            const char *slash = strrchr(path, '/');
            size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
            resolved = malloc(dir + (size_t)tn + 1);
            if (resolved) {
                memcpy(resolved, path, dir);
                memcpy(resolved + dir, target, (size_t)tn + 1);
            }
        }
    }
    if (resolved)
        o->path = o->resolved = resolved;
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) {
        cli_error(path, "out of memory");
        return 1;
    }
    free(o->tmp);
    n = strlen(o->path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) {
        cli_error(path, "out of memory");
        return 1;
    }
    snprintf(o->tmp, n, "%s.tmpXXXXXX", o->path);
    /* registered before mkstemp fills in the name: a signal that arrives while the file is
     * being created still finds it (unlinking the template first is harmless) */
    cli_tmp_path = o->tmp;
    int fd = mkstemp(o->tmp);
    if (fd >= 0)
        fchmod(fd, mode);
    if (fd < 0) {
        cli_tmp_path = NULL;
        cli_error(path, "cannot create a temporary file beside it: %s", strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return 1;
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        cli_error(path, "%s", strerror(errno));
        close(fd);
        unlink(o->tmp);
        cli_tmp_path = NULL;
        free(o->tmp);
        o->tmp = NULL;
        return 1;
    }
    return 0;
}

/* Finish the output: flush and check stdout, or close and rename the temporary file. On
 * failure (or when ok is 0) the temporary file is removed, so no partial file is left. */
int cli_close_output(cli_output *o, int ok)
{
    int rc = 0;
    if (o->direct) {
        bool bad = fflush(o->fp) != 0 || ferror(o->fp);
        bad |= fclose(o->fp) != 0;
        if (bad && ok)
            cli_error(o->path, "write failed: %s", strerror(errno));
        return bad || !ok;
    }
    if (!o->tmp) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            if (!ok)
                return 1; /* already reported */
            cli_error(NULL, "write to standard output failed: %s", strerror(errno));
            rc = 1;
        }
        return rc;
    }
    if (fflush(o->fp) != 0 || ferror(o->fp)) {
        if (ok) /* a failure the caller saw is already reported */
            cli_error(o->path, "write failed: %s", strerror(errno));
        ok = 0;
    }
    if (fclose(o->fp) != 0 && ok) {
        cli_error(o->path, "write failed: %s", strerror(errno));
        ok = 0;
    }
    struct stat target;
    if (ok && stat(o->path, &target) == 0 && S_ISREG(target.st_mode) && output_is_input(&target)) {
        /* a file read on the way (extract --files-from) is the target */
        cli_error(o->path, "the output file is also an input; it was left as it is");
        ok = 0;
    }
    if (ok && rename(o->tmp, o->path) != 0) {
        cli_error(o->path, "cannot rename the temporary file: %s", strerror(errno));
        ok = 0;
    }
    if (!ok) {
        unlink(o->tmp);
        rc = 1;
    }
    cli_tmp_path = NULL;
    free(o->tmp);
    o->tmp = NULL;
    free(o->resolved);
    o->resolved = NULL;
    return rc;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int cmd_analyze(cli_args *a)
{
    if (a->pred) {
        cli_error(NULL, "--pred is an eval option (analyze makes the predictions)");
        return 2;
    }
    qg_format fmt;
    if (qg_format_parse(&fmt, a->format ? a->format : "json") != QG_OK) {
        cli_error(NULL, "unknown format '%s' for analyze (json, graphml, cytoscape, text)", a->format);
        return 2;
    }
    const char *path = a->input ? a->input : "-";
    cli_set_inputs(&path, 1);
    char *data;
    size_t len;
    if (cli_read_input(path, &data, &len))
        return 1;
    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    qg_doc *doc = NULL;
    qg_graph *graph = NULL;
    int rc = 1;
    const char *id = a->id ? a->id : strcmp(path, "-") ? base_name(path) : "stdin";
    if (qg_model_load(&model, a->models, "en", &err) != QG_OK) {
        cli_error(a->models, "%s", err.message);
        goto done;
    }
    if (qg_doc_decode(&doc, data, len, id, &err) != QG_OK ||
        qg_analyze(doc, model, &err) != QG_OK || qg_graph_build(&graph, doc, &err) != QG_OK) {
        cli_error(path, "%s", err.message);
        goto done;
    }
    size_t nd;
    const qg_diagnostic *diag = qg_doc_diagnostics(doc, &nd);
    for (size_t i = 0; i < nd; i++)
        if (!strcmp(diag[i].kind, "binary"))
            cli_error(path, "warning: %s", diag[i].message);
    cli_output out = {0};
    if (cli_open_output(&out, a->output))
        goto done;
    qg_status st = qg_export_write(out.fp, doc, graph, fmt, 0, &err);
    if (st != QG_OK)
        cli_error(a->output ? a->output : NULL, "%s", err.message);
    rc = cli_close_output(&out, st == QG_OK) || st != QG_OK;
done:
    qg_graph_free(graph);
    qg_doc_free(doc);
    qg_model_free(model);
    free(data);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"models", required_argument, NULL, 'm'}, {"id", required_argument, NULL, 'I'},
        {"pred", required_argument, NULL, 'P'},   {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0}};
    cli_args a = {0};
    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(USAGE, stdout);
        return cli_flush_stdout();
    }
    if (argc >= 2 && (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))) {
        printf("quotegraph %s\n", QG_VERSION_STRING);
        return cli_flush_stdout();
    }
    if (argc < 2) {
        fputs(USAGE, stderr);
        return 2;
    }
    a.command = argv[1];
    if (a.command[0] == '-' && a.command[1]) {
        /* "quotegraph -f text article.txt": the command is missing */
        cli_error(NULL, "a command comes first (analyze, extract, merge, report, eval), not '%s'; "
                        "try --help", a.command);
        return 2;
    }
    install_signal_handlers();
    /* getopt names argv[0] in its messages: "quotegraph: unrecognized option", as every other
     * error starts */
    static char program_name[] = "quotegraph";
    argv[0] = program_name;
    argv[1] = program_name;
    /* the corpus commands have options of their own */
    if (!strcmp(a.command, "extract") || !strcmp(a.command, "merge")) {
        signal(SIGPIPE, SIG_IGN);
        qg_init();
        return a.command[0] == 'e' ? cmd_extract(argc - 1, argv + 1)
                                   : cmd_merge(argc - 1, argv + 1);
    }
    if (!strcmp(a.command, "report")) {
        signal(SIGPIPE, SIG_IGN);
        qg_init();
        return cmd_report(argc - 1, argv + 1);
    }
    const char *usage = !strcmp(a.command, "analyze") ? ANALYZE_USAGE
                        : !strcmp(a.command, "eval") ? EVAL_USAGE
                                                     : NULL;
    if (!usage) {
        cli_error(NULL, "unknown command '%s' (try --help)", a.command);
        return 2;
    }
    optind = 2;
    int ch;
    while ((ch = getopt_long(argc, argv, "f:o:m:hV", opts, NULL)) != -1) {
        switch (ch) {
        case 'f': a.format = optarg; break;
        case 'o': a.output = optarg; break;
        case 'm': a.models = optarg; break;
        case 'I': a.id = optarg; break;
        case 'P': a.pred = optarg; break;
        case 'h': fputs(usage, stdout); return cli_flush_stdout();
        case 'V': printf("quotegraph %s\n", QG_VERSION_STRING); return cli_flush_stdout();
        default: fputs(usage, stderr); return 2;
        }
    }
    if (a.id && !*a.id) {
        cli_error(NULL, "--id wants a non-empty id");
        return 2;
    }
    if (optind < argc)
        a.input = argv[optind++];
    if (optind < argc) {
        cli_error(NULL, "one input at a time: unexpected '%s'", argv[optind]);
        return 2;
    }
    /* a closed pipe is a write error reported on stderr (exit 1), not a silent SIGPIPE */
    signal(SIGPIPE, SIG_IGN);
    qg_init();
    if (!strcmp(a.command, "analyze"))
        return cmd_analyze(&a);
    if (a.id) {
        cli_error(NULL, "--id is an analyze option (eval takes the ids of the gold file)");
        fputs(EVAL_USAGE, stderr);
        return 2;
    }
    return cmd_eval(&a);
}
