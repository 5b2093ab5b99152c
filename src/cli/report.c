/* quotegraph report: a report for fact-checkers (HTML or Markdown) from a merged corpus, or
 * from extract records merged here first with the library's merge (docs/report.md). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <quotegraph/quotegraph.h>

#include "cli.h"

static const char REPORT_USAGE[] =
    "usage: quotegraph report [OPTIONS] [FILE...]\n"
    "\n"
    "Write a report for fact-checkers: the sources quoted most (by quotes, articles and\n"
    "PageRank), organisations, the share of anonymous sources, per-outlet tables, quotes\n"
    "repeated across articles with their first appearance and wording variants, attribution\n"
    "conflicts, and a drawing of the citation graph. The HTML page is one self-contained file.\n"
    "\n"
    "  FILE...              a corpus document from quotegraph merge (-f json), or extract\n"
    "                       records (JSON Lines), which are merged first with merge's default\n"
    "                       settings; stdin when none or -\n"
    "  -f, --format FMT     html (default), md (Markdown tables, no drawing)\n"
    "  -o, --output PATH    write to PATH (atomically: temporary file, then rename)\n"
    "      --title TEXT     title of the report (default \"quotegraph report\")\n"
    "      --top N          rows of each ranking table (default 25)\n"
    "      --quotes N       rows of the repeated-quote, conflict and error tables (default 50)\n"
    "      --outlets N      outlets that get a table of their own (default 20)\n"
    "      --graph-nodes N  most nodes drawn in the graph (default 150; 0: no drawing)\n"
    "  -q, --quiet          accepted for symmetry with extract and merge (report prints\n"
    "                       no summary)\n"
    "  -h, --help           print this help and exit\n"
    "\n"
    "An article id that comes again in the records is warned about on stderr with both\n"
    "places; one copy is kept.\n"
    "\n"
    "exit status: 0 success, 1 an input is malformed or cannot be read (a bad record is\n"
    "skipped and reported) or the output failed, 2 usage error, 3 written, but an article\n"
    "id came with different content (one copy kept)\n";

#define MAX_REPORTED 20

/* A whole input in memory (no size limit but memory). */
static int read_all(const char *path, const char *name, char **data, size_t *len)
{
    FILE *fp = stdin;
    *data = NULL;
    *len = 0;
    if (strcmp(path, "-")) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            cli_error(path, "is a directory");
            return 1;
        }
        if (!(fp = fopen(path, "rb"))) {
            cli_error(path, "%s", strerror(errno));
            return 1;
        }
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    int rc = 0;
    while (buf) {
        if (n == cap) {
            char *p = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2 + 1) : NULL;
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (!buf) {
        cli_error(name, "out of memory");
        rc = 1;
    } else if (ferror(fp)) {
        cli_error(name, "read failed: %s", strerror(errno));
        free(buf);
        buf = NULL;
        rc = 1;
    }
    if (fp != stdin)
        fclose(fp);
    if (buf) {
        buf[n] = '\0';
        *data = buf;
        *len = n;
    }
    return rc;
}

/* One corpus document: it starts with {"quotegraph_corpus" (merge writes that key first). */
static bool is_corpus_document(const char *s, size_t len)
{
    size_t i = cli_bom_length(s, len);
    while (i < len && strchr(" \t\r\n", s[i]))
        i++;
    if (i >= len || s[i] != '{')
        return false;
    for (i++; i < len && strchr(" \t\r\n", s[i]); i++)
        ;
    static const char key[] = "\"quotegraph_corpus\"";
    if (len - i < sizeof key - 1 || memcmp(s + i, key, sizeof key - 1))
        return false;
    /* several documents (merge --compact output, concatenated) are merged like records: a
     * second key "quotegraph_corpus" outside a string means another document */
    for (size_t j = i + sizeof key - 1; j + sizeof key - 1 <= len; j++) {
        const char *p = memchr(s + j, '"', len - j);
        if (!p)
            break;
        j = (size_t)(p - s);
        if (len - j >= sizeof key - 1 && !memcmp(p, key, sizeof key - 1) && s[j - 1] != '\\')
            return false;
    }
    return true;
}

/* "FILE:LINE:COLUMN: message" for an error at a byte offset (column in bytes, from 1). */
static void error_at(const char *name, const char *s, size_t len, size_t off, const char *msg)
{
    if (off == QG_NO_OFFSET || off > len) {
        cli_error(name, "%s", msg);
        return;
    }
    size_t line = 1, col0 = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            line++;
            col0 = i + 1;
        }
    fprintf(stderr, "quotegraph: %s:%zu:%zu: %s\n", name, line, off - col0 + 1, msg);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]))
            return false;
    return true;
}

typedef struct mstate {
    qg_corpus *c;
    size_t bad, reported;
    bool oom;
    cli_origins origins;
} mstate;

static void added(mstate *m, const char *name, size_t line)
{
    if (!cli_origins_note(&m->origins, name, line))
        m->oom = true;
}

/* Records: JSON Lines, one record per line; or a whole document (earlier merge output
 * spread over lines) when the first line is not a whole value. Bad lines are reported and
 * skipped, as merge does. */
static void add_records(mstate *m, const char *name, const char *buf, size_t len)
{
    qg_error err = QG_ERROR_INIT;
    size_t line = 0;
    bool first = true;
    size_t start = cli_bom_length(buf, len);
    for (size_t i = start; i < len && !m->oom;) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        line++;
        if (blank(buf + i, end - i)) {
            i = end + 1;
            continue;
        }
        qg_status st = qg_corpus_add(m->c, buf + i, end - i, &err);
        if (st != QG_OK && first && end < len) {
            /* not a whole value: maybe one document over several lines */
            qg_error whole_err = QG_ERROR_INIT;
            qg_status whole = qg_corpus_add(m->c, buf + i, len - i, &whole_err);
            if (whole == QG_OK) {
                added(m, name, line);
                return;
            }
            if (whole == QG_ENOMEM)
                st = QG_ENOMEM;
        }
        first = false;
        if (st == QG_OK) {
            added(m, name, line);
        } else if (st == QG_ENOMEM) {
            m->oom = true;
        } else if (st != QG_OK) {
            m->bad++;
            if (m->reported++ < MAX_REPORTED)
                fprintf(stderr, "quotegraph: %s:%zu: %s%s\n", name, line, err.message,
                        cli_record_hint(buf + i, end - i, err.message));
        }
        i = end + 1;
    }
}

static int parse_count(const char *opt, const char *s, unsigned min, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = *s && *s != '-' ? strtoul(s, &end, 10) : 0;
    if (!*s || *s == '-' || errno || *end || v < min || v > 100000) {
        cli_error(NULL, "--%s wants a number from %u to 100000, not '%s'", opt, min, s);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

int cmd_report(int argc, char **argv)
{
    enum { O_TITLE = 256, O_TOP, O_QUOTES, O_OUTLETS, O_NODES };
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"title", required_argument, NULL, O_TITLE},
                                         {"top", required_argument, NULL, O_TOP},
                                         {"quotes", required_argument, NULL, O_QUOTES},
                                         {"outlets", required_argument, NULL, O_OUTLETS},
                                         {"graph-nodes", required_argument, NULL, O_NODES},
                                         {NULL, 0, NULL, 0}};
    qg_report_opts ropts = QG_REPORT_OPTS_INIT;
    const char *format = "html", *output = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:o:hqV", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'V':
            printf("quotegraph %s\n", QG_VERSION_STRING);
            return cli_flush_stdout();
        case 'h':
            fputs(REPORT_USAGE, stdout);
            return cli_flush_stdout();
        case 'q':
            break; /* report prints no summary; accepted like extract's and merge's -q */
        case O_TITLE:
            ropts.title = optarg;
            break;
        case O_TOP:
            if (parse_count("top", optarg, 1, &ropts.top))
                return 2;
            break;
        case O_QUOTES:
            if (parse_count("quotes", optarg, 1, &ropts.quotes))
                return 2;
            break;
        case O_OUTLETS:
            if (parse_count("outlets", optarg, 0, &ropts.outlets))
                return 2;
            break;
        case O_NODES:
            if (parse_count("graph-nodes", optarg, 0, &ropts.graph_nodes))
                return 2;
            if (ropts.graph_nodes == 1) {
                cli_error(NULL, "--graph-nodes wants 0 (no drawing) or at least 2");
                return 2;
            }
            break;
        default:
            fputs(REPORT_USAGE, stderr);
            return 2;
        }
    }
    qg_report_format fmt;
    if (qg_report_format_parse(&fmt, format) != QG_OK) {
        cli_error(NULL, "unknown format '%s' for report (html, md)", format);
        return 2;
    }
    int ninputs = argc - optind;
    const char *single = ninputs == 0 ? "-" : ninputs == 1 ? argv[optind] : NULL;
    qg_error err = QG_ERROR_INIT;
    qg_report *rep = NULL;
    char *doc = NULL; /* the corpus document the report is made from */
    size_t doc_len = 0;
    const char *doc_name = NULL;
    int rc = 0;
    bool merged = false;

    char *data = NULL;
    size_t len = 0;
    if (single) {
        doc_name = strcmp(single, "-") ? single : "stdin";
        if (read_all(single, doc_name, &data, &len))
            return 1;
    }
    if (single && is_corpus_document(data, len)) {
        doc = data;
        doc_len = len;
        data = NULL;
    } else {
        /* extract records (or several inputs): merge them here, as quotegraph merge would */
        mstate m = {0};
        if (qg_corpus_new(&m.c, NULL, &err) != QG_OK) {
            cli_error(NULL, "%s", err.message);
            free(data);
            return 1;
        }
        if (single) {
            add_records(&m, doc_name, data, len);
            free(data);
            data = NULL;
        } else {
            for (int i = optind; i < argc && !m.oom; i++) {
                const char *name = strcmp(argv[i], "-") ? argv[i] : "stdin";
                if (read_all(argv[i], name, &data, &len)) {
                    rc = 1;
                    continue;
                }
                add_records(&m, name, data, len);
                free(data);
                data = NULL;
            }
        }
        if (m.reported > MAX_REPORTED)
            cli_error(NULL, "%zu more unreadable records not shown", m.reported - MAX_REPORTED);
        if (m.bad)
            rc = 1;
        size_t repeats;
        if (cli_warn_repeats(m.c, &m.origins, &repeats) && !rc)
            rc = CLI_EXIT_DUPLICATES;
        cli_origins_free(&m.origins);
        FILE *mem = NULL;
        qg_status st = m.oom ? QG_ENOMEM : qg_corpus_build(m.c, &err);
        if (st == QG_OK) {
            mem = open_memstream(&doc, &doc_len);
            if (!mem)
                st = QG_ENOMEM;
        }
        if (st == QG_OK)
            st = qg_corpus_write(mem, m.c, QG_CORPUS_JSON, QG_TABLE_QUOTES, &err);
        if (mem && fclose(mem) != 0 && st == QG_OK)
            st = QG_ENOMEM;
        qg_corpus_free(m.c);
        if (st != QG_OK) {
            cli_error(NULL, "merging the records failed: %s",
                      st == QG_ENOMEM ? "out of memory" : err.message);
            free(doc);
            return 1;
        }
        merged = true;
        doc_name = "merged records";
    }
    qg_status st = qg_report_new(&rep, doc, doc_len, &ropts, &err);
    if (st != QG_OK) {
        if (st == QG_EINPUT && !merged)
            error_at(doc_name, doc, doc_len, err.offset, err.message);
        else
            cli_error(merged ? NULL : doc_name, "%s", err.message);
        free(doc);
        return st == QG_EINVAL ? 2 : 1;
    }
    free(doc);
    cli_output out = {0};
    cli_set_inputs((const char *const *)argv + optind, (size_t)(argc - optind));
    if (cli_open_output(&out, output)) {
        qg_report_free(rep);
        return 1;
    }
    st = qg_report_write(out.fp, rep, fmt, &err);
    if (st != QG_OK)
        cli_error(output, "%s", err.message);
    int close_rc = cli_close_output(&out, st == QG_OK);
    qg_report_free(rep);
    if (rc == 1 || st != QG_OK || close_rc)
        return 1;
    return rc;
}
