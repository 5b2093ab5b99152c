/* quotegraph merge: the reduce step of corpus mode (docs/corpus.md). Reads extract records and
 * earlier merge output, and writes one corpus graph with quote provenance. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <quotegraph/quotegraph.h>

#include "cli.h"

static const char MERGE_USAGE[] =
    "usage: quotegraph merge [OPTIONS] [FILE...]\n"
    "\n"
    "Merge extract records into one corpus graph: speakers, organisations and outlets merged\n"
    "across articles, and quote provenance (the same quote in several articles, truncated or\n"
    "reworded, its first appearance, and attribution conflicts). The result depends only on\n"
    "the set of articles, not on their order or on how the input was split.\n"
    "\n"
    "  FILE...              extract records (JSON Lines) or earlier merge output (-f json);\n"
    "                       stdin when none or -\n"
    "  -f, --format FMT     json (default: the corpus document), graphml, cytoscape, csv\n"
    "      --table T        csv table: quotes (default), speakers, groups, conflicts, nodes,\n"
    "                       edges\n"
    "      --similarity J   altered wording: Jaccard similarity of word 3-gram sets of at\n"
    "                       least J (default 0.3)\n"
    "      --min-shared N   altered wording: at least N shared word 3-grams (default 3)\n"
    "      --min-words N    truncated quotes: the shorter has at least N words (default 5)\n"
    "      --compact        -f json on one line, so that merge documents can be streamed\n"
    "                       and concatenated as JSON Lines\n"
    "  -o, --output PATH    write to PATH (atomically: temporary file, then rename)\n"
    "  -q, --quiet          no summary on stderr\n"
    "  -h, --help           print this help and exit\n"
    "\n"
    "An article id that comes again is warned about on stderr with both places; one copy\n"
    "is kept.\n"
    "\n"
    "exit status: 0 success, 1 an input record could not be read (it is skipped and reported)\n"
    "or an input or output failed, 2 usage error, 3 written, but an article id came with\n"
    "different content (one copy kept)\n";

#define MAX_REPORTED 20

typedef struct mstate {
    qg_corpus *c;
    size_t records, bad, reported, unopened;
    bool oom;
    cli_origins origins;
} mstate;

/* A record was added: count it and note where it came from. */
static void added(mstate *m, const char *name, size_t line)
{
    m->records++;
    if (!cli_origins_note(&m->origins, name, line))
        m->oom = true;
}

bool cli_origins_note(cli_origins *o, const char *name, size_t line)
{
    if (o->count == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 256;
        cli_origin *p = realloc(o->items, cap * sizeof *p);
        if (!p)
            return false;
        o->items = p;
        o->cap = cap;
    }
    o->items[o->count++] = (cli_origin){name, line};
    return true;
}

void cli_origins_free(cli_origins *o)
{
    free(o->items);
    o->items = NULL;
    o->count = o->cap = 0;
}

static void print_origin(const cli_origins *o, size_t record)
{
    if (record >= 1 && record <= o->count) {
        const cli_origin *w = &o->items[record - 1];
        if (w->line)
            fprintf(stderr, "%s:%zu", w->name, w->line);
        else
            fputs(w->name, stderr);
    } else {
        fprintf(stderr, "record %zu", record);
    }
}

size_t cli_warn_repeats(const qg_corpus *c, const cli_origins *o, size_t *repeats_out)
{
    size_t n = qg_corpus_repeat_count(c), differ = 0;
    for (size_t i = 0; i < n; i++) {
        const qg_corpus_repeat *r = qg_corpus_repeat_get(c, i);
        differ += r->differs;
        if (i >= MAX_REPORTED)
            continue;
        fputs("quotegraph: ", stderr);
        print_origin(o, r->record);
        fprintf(stderr, ": warning: article id '%s' again (first at ", r->id);
        print_origin(o, r->first_record);
        fputs(r->differs ? "): different content; the copy whose JSON sorts first is kept\n"
                         : "): an equal copy, counted once\n",
              stderr);
    }
    if (n > MAX_REPORTED)
        cli_error(NULL, "warning: %zu more repeated article ids not shown", n - MAX_REPORTED);
    *repeats_out = n;
    return differ;
}

static void add_one(mstate *m, const char *name, size_t line, const char *data, size_t len)
{
    qg_error err = QG_ERROR_INIT;
    qg_status st = qg_corpus_add(m->c, data, len, &err);
    if (st == QG_OK) {
        added(m, name, line);
        return;
    }
    if (st == QG_ENOMEM) {
        m->oom = true;
        return;
    }
    m->bad++;
    if (m->reported++ < MAX_REPORTED) {
        const char *hint = cli_record_hint(data, len, err.message);
        if (line)
            fprintf(stderr, "quotegraph: %s:%zu: %s%s\n", name, line, err.message, hint);
        else
            fprintf(stderr, "quotegraph: %s: %s%s\n", name, err.message, hint);
    }
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* The lines of a buffer, one record each. */
static void add_lines(mstate *m, const char *name, const char *buf, size_t len, size_t line0)
{
    size_t line = line0;
    for (size_t i = 0; i < len && !m->oom;) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        line++;
        if (!blank(buf + i, end - i))
            add_one(m, name, line, buf + i, end - i);
        i = end + 1;
    }
}

/* One input: JSON Lines (each line a record), or one JSON document over several lines (merge
 * output), told apart by whether the first non-blank line is a whole JSON value. */
static int read_input(mstate *m, const char *path)
{
    FILE *fp = stdin;
    const char *name = strcmp(path, "-") ? path : "stdin";
    if (strcmp(path, "-")) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            cli_error(path, "is a directory");
            m->unopened++;
            return 1;
        }
        if (!(fp = fopen(path, "rb"))) {
            cli_error(path, "%s", strerror(errno));
            m->unopened++;
            return 1;
        }
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    bool first = true;
    int rc = 0;
    while (!m->oom && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        size_t bom = lineno == 1 ? cli_bom_length(line, len) : 0;
        if (bom) {
            memmove(line, line + bom, len - bom);
            len -= bom;
        }
        if (blank(line, len))
            continue;
        if (!first) {
            add_one(m, name, lineno, line, len);
            continue;
        }
        first = false;
        qg_error err = QG_ERROR_INIT;
        qg_status st = qg_corpus_add(m->c, line, len, &err);
        if (st == QG_OK) {
            added(m, name, lineno);
            continue;
        }
        if (st == QG_ENOMEM) {
            m->oom = true;
            break;
        }
        /* not a whole value: read the rest and try the whole input as one document */
        size_t bcap = (size_t)n + (1 << 16), blen = (size_t)n;
        char *buf = malloc(bcap);
        if (!buf) {
            m->oom = true;
            break;
        }
        memcpy(buf, line, (size_t)n);
        for (;;) {
            if (blen == bcap) {
                char *p = realloc(buf, bcap * 2);
                if (!p) {
                    free(buf);
                    buf = NULL;
                    m->oom = true;
                    break;
                }
                buf = p;
                bcap *= 2;
            }
            size_t r = fread(buf + blen, 1, bcap - blen, fp);
            blen += r;
            if (r == 0)
                break;
        }
        if (!buf)
            break;
        size_t line0 = lineno - 1;
        st = qg_corpus_add(m->c, buf, blen, &err);
        if (st == QG_OK)
            added(m, name, line0 + 1);
        else if (st == QG_ENOMEM)
            m->oom = true;
        else
            add_lines(m, name, buf, blen, line0); /* JSON Lines with a bad first line */
        free(buf);
    }
    if (ferror(fp)) {
        cli_error(name, "read failed: %s", strerror(errno));
        rc = 1;
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int cmd_merge(int argc, char **argv)
{
    enum { O_TABLE = 256, O_SIM, O_SHARED, O_WORDS, O_COMPACT };
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
                                         {"table", required_argument, NULL, O_TABLE},
                                         {"similarity", required_argument, NULL, O_SIM},
                                         {"min-shared", required_argument, NULL, O_SHARED},
                                         {"min-words", required_argument, NULL, O_WORDS},
                                         {"compact", no_argument, NULL, O_COMPACT},
                                         {NULL, 0, NULL, 0}};
    qg_corpus_opts copts = QG_CORPUS_OPTS_INIT;
    const char *format = "json", *table = NULL, *output = NULL;
    bool quiet = false, compact = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "f:o:qhV", opts, NULL)) != -1) {
        switch (ch) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'V':
            printf("quotegraph %s\n", QG_VERSION_STRING);
            return cli_flush_stdout();
        case 'h':
            fputs(MERGE_USAGE, stdout);
            return cli_flush_stdout();
        case O_TABLE:
            table = optarg;
            break;
        case O_COMPACT:
            compact = true;
            break;
        case O_SIM: {
            char *end;
            errno = 0;
            double v = strtod(optarg, &end);
            if (errno || *end || !(v > 0 && v <= 1)) {
                cli_error(NULL, "--similarity wants a number in (0, 1], not '%s'", optarg);
                return 2;
            }
            copts.similarity = v;
            break;
        }
        case O_SHARED:
            if (parse_uint(optarg, 1000, &copts.min_shared) || copts.min_shared < 1) {
                cli_error(NULL, "--min-shared wants a number from 1 to 1000, not '%s'", optarg);
                return 2;
            }
            break;
        case O_WORDS:
            if (parse_uint(optarg, 1000, &copts.min_words) || copts.min_words < 3) {
                cli_error(NULL, "--min-words wants a number from 3 to 1000, not '%s'", optarg);
                return 2;
            }
            break;
        default:
            fputs(MERGE_USAGE, stderr);
            return 2;
        }
    }
    qg_corpus_format fmt;
    if (qg_corpus_format_parse(&fmt, format) != QG_OK) {
        cli_error(NULL, "unknown format '%s' for merge (json, graphml, cytoscape, csv)", format);
        return 2;
    }
    if (compact && fmt != QG_CORPUS_JSON) {
        cli_error(NULL, "--compact goes with -f json");
        return 2;
    }
    if (compact)
        fmt = QG_CORPUS_JSON_LINE;
    qg_corpus_table tab = QG_TABLE_QUOTES;
    if (table && (fmt != QG_CORPUS_CSV || qg_corpus_table_parse(&tab, table) != QG_OK)) {
        if (fmt != QG_CORPUS_CSV)
            cli_error(NULL, "--table goes with -f csv");
        else
            cli_error(NULL,
                      "unknown table '%s' (quotes, speakers, groups, conflicts, nodes, edges)",
                      table);
        return 2;
    }
    qg_error err = QG_ERROR_INIT;
    mstate m = {0};
    if (qg_corpus_new(&m.c, &copts, &err) != QG_OK) {
        cli_error(NULL, "%s", err.message);
        return 2;
    }
    int rc = 0;
    if (optind == argc) {
        rc |= read_input(&m, "-");
    } else {
        for (int i = optind; i < argc && !m.oom; i++)
            rc |= read_input(&m, argv[i]);
    }
    if (m.unopened) {
        /* a misspelt input name must not replace an earlier result with an empty corpus */
        cli_error(NULL, "%zu input%s could not be read; nothing written", m.unopened,
                  m.unopened == 1 ? "" : "s");
        qg_corpus_free(m.c);
        cli_origins_free(&m.origins);
        return 1;
    }
    if (m.reported > MAX_REPORTED)
        cli_error(NULL, "%zu more unreadable records not shown", m.reported - MAX_REPORTED);
    if (m.oom) {
        cli_error(NULL, "out of memory");
        qg_corpus_free(m.c);
        cli_origins_free(&m.origins);
        return 1;
    }
    if (qg_corpus_build(m.c, &err) != QG_OK) {
        cli_error(NULL, "%s", err.message);
        qg_corpus_free(m.c);
        cli_origins_free(&m.origins);
        return 1;
    }
    cli_output out = {0};
    cli_set_inputs((const char *const *)argv + optind, (size_t)(argc - optind));
    if (cli_open_output(&out, output)) {
        qg_corpus_free(m.c);
        cli_origins_free(&m.origins);
        return 1;
    }
    qg_status st = qg_corpus_write(out.fp, m.c, fmt, tab, &err);
    if (st != QG_OK)
        cli_error(output, "%s", err.message);
    int close_rc = cli_close_output(&out, st == QG_OK);
    qg_corpus_stats s = qg_corpus_get_stats(m.c);
    size_t repeats, differ = cli_warn_repeats(m.c, &m.origins, &repeats);
    if (!quiet)
        fprintf(stderr,
                "quotegraph: merge: %zu records read, %zu unreadable; %zu articles, %zu quotes, "
                "%zu error records; %zu speakers; %zu quote groups repeated (%zu across "
                "articles); %zu conflicts; %zu repeated article ids (%zu with different "
                "content)\n",
                m.records, m.bad, s.articles, s.quotes, s.errors, s.speakers, s.repeated_groups,
                s.cross_article_groups, s.conflicts, repeats, differ);
    qg_corpus_free(m.c);
    cli_origins_free(&m.origins);
    if (m.bad)
        rc = 1;
    if (rc || st != QG_OK || close_rc)
        return 1;
    return differ ? CLI_EXIT_DUPLICATES : 0;
}
