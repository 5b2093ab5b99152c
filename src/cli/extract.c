/* quotegraph extract: the map step of corpus mode (docs/corpus.md).
 *
 * The parent reads the input and writes the output in input order; the articles are analysed
 * by worker processes forked from it (Debian's igraph is not thread-safe, and a process that
 * crashes on one article costs only that article: it becomes an error record and the worker is
 * started again). Parent and workers talk over pipes in frames; the parent never blocks on a
 * worker (poll), so memory stays bounded by (jobs x 2) articles in flight. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <quotegraph/quotegraph.h>

#include "cli.h"

static const char EXTRACT_USAGE[] =
    "usage: quotegraph extract [OPTIONS] [FILE...]\n"
    "\n"
    "Analyse many articles: one extract record (the document JSON of analyze on one line,\n"
    "with the article's id and metadata) per input article, in input order. An article that\n"
    "cannot be analysed gives an error record {\"id\", \"file\", \"line\", \"error\"} instead.\n"
    "\n"
    "input:\n"
    "  FILE...                JSON Lines, one article object per line (stdin when none or -)\n"
    "      --text             FILEs are plain-text articles, one per file (id: the path)\n"
    "      --files-from LIST  read the FILE names from LIST, one a line (- for stdin)\n"
    "      --id-field F       field of the article id (default id; F may be a dotted path)\n"
    "      --text-field F     field of the text (default text)\n"
    "      --url-field F      also --title-field, --outlet-field, --published-field,\n"
    "                         --author-field: metadata fields (default: the option's name)\n"
    "      --max-bytes N      longest accepted line or text file (default and most 67108864)\n"
    "\n"
    "options:\n"
    "  -j, --jobs N           analyse with N worker processes (default 1; 0: one per CPU)\n"
    "  -o, --output PATH      write to PATH (atomically: temporary file, then rename)\n"
    "  -m, --models DIR       model directory holding en/ (default: built-in models)\n"
    "  -q, --quiet            no summary on stderr\n"
    "  -h, --help             print this help and exit\n"
    "\n"
    "A summary (read, ok, failed) goes to stderr, and a progress line when stderr is a\n"
    "terminal. Blank lines are skipped.\n"
    "\n"
    "exit status: 0 every article gave a record, 1 some articles gave error records or an\n"
    "input or output failed, 2 usage error\n";

enum { IN_LINE = 0, IN_TEXTFILE = 1 };
#define PER_WORKER 2 /* articles in flight per worker */

typedef struct frame_hdr {
    uint64_t seq, line, len;
    uint32_t kind, name_len;
} frame_hdr;

typedef struct reply_hdr {
    uint64_t seq, len;
    uint32_t ok, pad;
} reply_hdr;

typedef struct job {
    uint64_t seq;
    char *frame; /* header, file name, payload */
    size_t frame_len;
} job;

typedef struct worker {
    pid_t pid;
    int to, from; /* parent's ends */
    job *q[PER_WORKER];
    int nq;     /* jobs in flight */
    int nsent;  /* of which fully written */
    size_t off; /* bytes of q[nsent] written */
    char *rbuf;
    size_t rlen, rcap;
} worker;

typedef struct slot {
    bool ready, ok;
    char *data;
    size_t len;
} slot;

typedef struct xopts {
    qg_extract_fields fields;
    bool text_mode, quiet;
    unsigned long long max_bytes;
    long jobs;
    const char *files_from, *output, *models;
} xopts;

/* ---- input ---- */

typedef struct input {
    const xopts *o;
    char **files;
    size_t nfiles, next_file;
    size_t list_names; /* lines read from --files-from */
    FILE *list; /* --files-from */
    bool list_is_stdin;
    FILE *fp;         /* JSON Lines file being read */
    const char *name; /* its display name */
    char *name_owned;
    uint64_t line;
    char buf[1 << 16];
    size_t bpos, blen;
    bool eof;
    char *lb; /* the line being read */
    size_t llen, lcap;
    int failed_inputs;
    uint64_t bytes, blank;
} input;

typedef struct record {
    int kind;         /* IN_LINE, IN_TEXTFILE */
    const char *name; /* file name */
    uint64_t line;
    const char *data; /* line (IN_LINE) or path (IN_TEXTFILE) */
    size_t len;
    char *error; /* set when the record is an error already (malloc'd message) */
} record;

/* Next FILE name from argv or --files-from; NULL at the end. */
static char *next_name(input *in)
{
    if (in->next_file < in->nfiles)
        return strdup(in->files[in->next_file++]);
    if (!in->list)
        return NULL;
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        ssize_t n = getline(&line, &cap, in->list);
        if (n < 0) {
            free(line);
            if (!in->list_is_stdin)
                fclose(in->list);
            in->list = NULL;
            return NULL;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        /* a UTF-8 byte order mark before the first name */
        size_t bom = in->list_names ? 0 : cli_bom_length(line, (size_t)n);
        if (bom) {
            memmove(line, line + bom, (size_t)n - bom + 1); /* with the NUL */
            n -= (ssize_t)bom;
        }
        in->list_names++;
        if (n > 0) {
            cli_note_input(line); /* -o must not replace it */
            return line;
        }
    }
}

static int fill(input *in)
{
    if (in->bpos < in->blen)
        return 1;
    if (in->eof)
        return 0;
    in->blen = fread(in->buf, 1, sizeof in->buf, in->fp);
    in->bpos = 0;
    if (in->blen == 0) {
        in->eof = true;
        if (ferror(in->fp)) {
            cli_error(in->name, "read failed: %s", strerror(errno));
            in->failed_inputs++;
        }
        return 0;
    }
    return 1;
}

/* Read the next non-blank line of the current file. Returns 1 with the line in in->lb (or an
 * oversize error in rec), 0 at the end of the file. */
static int read_line(input *in, record *rec)
{
    for (;;) {
        in->llen = 0;
        uint64_t total = 0;
        bool any = false, over = false;
        for (;;) {
            if (!fill(in))
                break;
            any = true;
            char *start = in->buf + in->bpos;
            size_t avail = in->blen - in->bpos;
            char *nl = memchr(start, '\n', avail);
            size_t take = nl ? (size_t)(nl - start) : avail;
            total += take;
            if (!over && total > in->o->max_bytes)
                over = true;
            if (!over) {
                if (in->llen + take + 1 > in->lcap) {
                    size_t cap = in->lcap ? in->lcap : 4096;
                    while (cap < in->llen + take + 1)
                        cap *= 2;
                    char *p = realloc(in->lb, cap);
                    if (!p) {
                        over = true; /* treated as too long: memory is the limit here */
                    } else {
                        in->lb = p;
                        in->lcap = cap;
                    }
                }
                if (!over) {
                    memcpy(in->lb + in->llen, start, take);
                    in->llen += take;
                }
            }
            in->bpos += take + (nl ? 1 : 0);
            if (nl)
                break;
        }
        if (!any)
            return 0;
        in->line++;
        in->bytes += total + 1;
        if (over) {
            rec->error = malloc(160);
            if (rec->error)
                snprintf(rec->error, 160,
                         "line of %" PRIu64 " bytes is over the limit of %llu bytes "
                         "(--max-bytes)",
                         total, in->o->max_bytes);
            rec->kind = IN_LINE;
            rec->name = in->name;
            rec->line = in->line;
            rec->data = NULL;
            rec->len = 0;
            return 1;
        }
        if (in->llen && in->lb[in->llen - 1] == '\r')
            in->llen--;
        /* a UTF-8 byte order mark before the first line (editors on Windows write one) */
        size_t bom = in->line == 1 ? cli_bom_length(in->lb, in->llen) : 0;
        if (bom) {
            memmove(in->lb, in->lb + bom, in->llen - bom);
            in->llen -= bom;
        }
        bool blank = true;
        for (size_t i = 0; i < in->llen && blank; i++)
            blank = in->lb[i] == ' ' || in->lb[i] == '\t' || in->lb[i] == '\r';
        if (blank) {
            in->blank++;
            continue;
        }
        rec->kind = IN_LINE;
        rec->name = in->name;
        rec->line = in->line;
        rec->data = in->lb;
        rec->len = in->llen;
        rec->error = NULL;
        return 1;
    }
}

/* The next article of the input; 0 at the end of all input. */
static int next_record(input *in, record *rec)
{
    memset(rec, 0, sizeof *rec);
    for (;;) {
        if (in->o->text_mode) {
            free(in->name_owned);
            in->name_owned = next_name(in);
            if (!in->name_owned)
                return 0;
            struct stat sb;
            if (stat(in->name_owned, &sb) == 0 && S_ISREG(sb.st_mode))
                in->bytes += (uint64_t)sb.st_size;
            rec->kind = IN_TEXTFILE;
            rec->name = in->name_owned;
            rec->data = in->name_owned;
            rec->len = strlen(in->name_owned);
            return 1;
        }
        if (in->fp) {
            if (read_line(in, rec))
                return 1;
            if (in->fp != stdin)
                fclose(in->fp);
            in->fp = NULL;
            continue;
        }
        free(in->name_owned);
        in->name_owned = next_name(in);
        if (!in->name_owned)
            return 0;
        in->line = 0;
        in->eof = false;
        in->bpos = in->blen = 0;
        if (!strcmp(in->name_owned, "-")) {
            in->fp = stdin;
            in->name = "stdin";
            continue;
        }
        in->name = in->name_owned;
        struct stat sb;
        const char *why = NULL;
        if (stat(in->name_owned, &sb) == 0 && S_ISDIR(sb.st_mode))
            why = "is a directory";
        else if (!(in->fp = fopen(in->name_owned, "rb")))
            why = strerror(errno);
        if (why) {
            /* an input file that cannot be read is one error record too, so that the output
             * shows the gap (nothing is lost silently) */
            cli_error(in->name_owned, "%s", why);
            in->failed_inputs++;
            rec->error = malloc(200);
            if (rec->error)
                snprintf(rec->error, 200, "cannot read the input file: %s", why);
            rec->kind = IN_LINE;
            rec->name = in->name;
            rec->line = 0;
            rec->data = NULL;
            rec->len = 0;
            return 1;
        }
    }
}

/* ---- worker process ---- */

static bool read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

static bool write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

/* Read a text file for --text, up to max bytes. */
static char *read_text_file(const char *path, unsigned long long max, size_t *len, char *msg,
                            size_t msgn)
{
    bool from_stdin = !strcmp(path, "-"); /* "-" is standard input, as everywhere else */
    struct stat sb;
    if (!from_stdin && stat(path, &sb) != 0) {
        snprintf(msg, msgn, "%s", strerror(errno));
        return NULL;
    }
    if (!from_stdin && S_ISDIR(sb.st_mode)) {
        snprintf(msg, msgn, "is a directory");
        return NULL;
    }
    FILE *fp = from_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        snprintf(msg, msgn, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *p = cap <= max ? realloc(buf, cap * 2) : NULL;
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0 || n > max)
            break;
    }
    int bad = ferror(fp);
    if (!from_stdin)
        fclose(fp);
    if (!buf) {
        snprintf(msg, msgn, "file is over the limit of %llu bytes (--max-bytes) or out of memory",
                 max);
        return NULL;
    }
    if (bad) {
        snprintf(msg, msgn, "read failed");
        free(buf);
        return NULL;
    }
    if (n > max) {
        snprintf(msg, msgn, "file is over the limit of %llu bytes (--max-bytes)", max);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Make valid UTF-8 of a byte string (a file name) for JSON: bad bytes become U+FFFD. */
static char *utf8_clean(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(3 * n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)s[i];
        size_t len = b < 0x80                   ? 1
                     : (b >= 0xC2 && b <= 0xDF) ? 2
                     : (b >= 0xE0 && b <= 0xEF) ? 3
                     : (b >= 0xF0 && b <= 0xF4) ? 4
                                                : 0;
        bool ok = len && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
        if (ok && len == 3) {
            unsigned char c1 = (unsigned char)s[i + 1];
            ok = !(b == 0xE0 && c1 < 0xA0) && !(b == 0xED && c1 > 0x9F);
        } else if (ok && len == 4) {
            unsigned char c1 = (unsigned char)s[i + 1];
            ok = !(b == 0xF0 && c1 < 0x90) && !(b == 0xF4 && c1 > 0x8F);
        }
        if (ok) {
            memcpy(o, s + i, len);
            o += len;
            i += len;
        } else {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    *o = '\0';
    return out;
}

static void worker_main(int in_fd, int out_fd, const xopts *o, const qg_model *model)
{
    /* for the tests of crash recovery: a worker dies on any input holding this string */
    const char *crash = getenv("QUOTEGRAPH_TEST_CRASH_MARKER");
    if (crash && !*crash)
        crash = NULL;
    for (;;) {
        frame_hdr h;
        if (!read_full(in_fd, &h, sizeof h))
            _exit(0);
        char *name = malloc(h.name_len + 1);
        char *data = malloc(h.len + 1);
        if (!name || !data || !read_full(in_fd, name, h.name_len) || !read_full(in_fd, data, h.len))
            _exit(3);
        name[h.name_len] = '\0';
        data[h.len] = '\0';
        if (crash && memmem(data, h.len, crash, strlen(crash)))
            raise(SIGKILL);
        char *rec = NULL, *id = NULL;
        size_t rec_len = 0;
        qg_error err = QG_ERROR_INIT;
        qg_status st;
        char msg[300] = "";
        if (h.kind == IN_TEXTFILE) {
            size_t len = 0;
            char *text = read_text_file(data, o->max_bytes, &len, msg, sizeof msg);
            id = strcmp(data, "-") ? utf8_clean(data) : strdup("stdin");
            if (!text) {
                st = QG_EINPUT;
            } else {
                qg_extract_meta meta = {.id = id ? id : "?"};
                st = qg_extract_article(&rec, &rec_len, text, len, &meta, model, &err);
                free(text);
            }
        } else {
            st = qg_extract_json_line(&rec, &rec_len, &id, data, h.len, &o->fields, model, &err);
        }
        uint32_t ok = st == QG_OK;
        if (!ok) {
            qg_extract_free(rec);
            char *clean_name = utf8_clean(name);
            rec = qg_extract_error_record(id, clean_name, h.kind == IN_LINE ? h.line : 0,
                                          msg[0] ? msg : err.message);
            free(clean_name);
            rec_len = rec ? strlen(rec) : 0;
        }
        reply_hdr r = {h.seq, rec_len, ok, 0};
        if (!rec || !write_full(out_fd, &r, sizeof r) || !write_full(out_fd, rec, rec_len))
            _exit(4);
        if (h.kind == IN_TEXTFILE)
            free(id);
        else
            qg_extract_free(id);
        qg_extract_free(rec);
        free(name);
        free(data);
    }
}

/* ---- parent ---- */

typedef struct pool {
    const xopts *o;
    const qg_model *model;
    worker *w;
    long n;
    FILE *out; /* flushed before each fork */
} pool;

static int spawn(pool *p, long i)
{
    int to[2], from[2];
    if (pipe(to) != 0)
        return -1;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return -1;
    }
    fflush(p->out);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        return -1;
    }
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        for (long k = 0; k < p->n; k++) {
            if (k == i || p->w[k].pid <= 0)
                continue;
            close(p->w[k].to);
            close(p->w[k].from);
        }
        signal(SIGPIPE, SIG_DFL);
        worker_main(to[0], from[1], p->o, p->model);
        _exit(0);
    }
    close(to[0]);
    close(from[1]);
    fcntl(to[1], F_SETFL, fcntl(to[1], F_GETFL) | O_NONBLOCK);
    fcntl(from[0], F_SETFL, fcntl(from[0], F_GETFL) | O_NONBLOCK);
    fcntl(to[1], F_SETFD, FD_CLOEXEC);
    fcntl(from[0], F_SETFD, FD_CLOEXEC);
    worker *w = &p->w[i];
    w->pid = pid;
    w->to = to[1];
    w->from = from[0];
    w->nsent = 0;
    w->off = 0;
    w->rlen = 0;
    return 0;
}

static job *make_job(uint64_t seq, const record *rec)
{
    frame_hdr h = {seq, rec->line, rec->len, (uint32_t)rec->kind, (uint32_t)strlen(rec->name)};
    job *j = malloc(sizeof *j);
    size_t n = sizeof h + h.name_len + rec->len;
    char *f = j ? malloc(n) : NULL;
    if (!f) {
        free(j);
        return NULL;
    }
    memcpy(f, &h, sizeof h);
    memcpy(f + sizeof h, rec->name, h.name_len);
    memcpy(f + sizeof h + h.name_len, rec->data, rec->len);
    j->seq = seq;
    j->frame = f;
    j->frame_len = n;
    return j;
}

static void free_job(job *j)
{
    if (j) {
        free(j->frame);
        free(j);
    }
}

/* The value at a dotted path ("x_meta.id") of nested objects, or NULL. */
static json_t *dotted(json_t *cur, const char *path)
{
    const char *p = path;
    while (json_is_object(cur)) {
        const char *dot = strchr(p, '.');
        char *part = dot ? strndup(p, (size_t)(dot - p)) : strdup(p);
        if (!part)
            return NULL;
        cur = json_object_get(cur, part);
        free(part);
        if (!dot)
            return cur;
        p = dot + 1;
    }
    return NULL;
}

/* A NUL-terminated copy of n bytes that are not NUL-terminated in the frame (strndup would read
 * on past them looking for a NUL). */
static char *copy_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

/* The article id of a frame's JSON line, for the error record of a crashed worker. */
static char *frame_id(const job *j, const xopts *o)
{
    const frame_hdr *h = (const frame_hdr *)j->frame;
    const char *name = j->frame + sizeof *h;
    const char *data = name + h->name_len;
    if (h->kind == IN_TEXTFILE) {
        char *path = copy_bytes(data, h->len);
        char *id = path ? utf8_clean(path) : NULL;
        free(path);
        return id;
    }
    json_t *root = json_loadb(data, h->len, JSON_ALLOW_NUL, NULL);
    const char *field = o->fields.id ? o->fields.id : "id";
    json_t *v = json_object_get(root, field);
    if (!v)
        v = dotted(root, field); /* a dotted path, as the library reads it */
    char *id = NULL;
    if (json_is_string(v))
        id = strdup(json_string_value(v));
    else if (json_is_integer(v) &&
             asprintf(&id, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0)
        id = NULL;
    json_decref(root);
    return id;
}

static void store(slot *slots, size_t W, uint64_t seq, bool ok, char *data, size_t len)
{
    slot *s = &slots[seq % W];
    s->ready = true;
    s->ok = ok;
    s->data = data;
    s->len = len;
}

/* A worker died: its first unanswered article fails, the others go to a new worker. */
static int worker_died(pool *p, long i, slot *slots, size_t W)
{
    worker *w = &p->w[i];
    int status = 0;
    close(w->to);
    close(w->from);
    waitpid(w->pid, &status, 0);
    w->pid = -1;
    if (w->nq > 0) {
        job *j = w->q[0];
        const frame_hdr *h = (const frame_hdr *)j->frame;
        char msg[160];
        if (WIFSIGNALED(status))
            snprintf(msg, sizeof msg, "the analyser failed on this article (signal %d: %s)",
                     WTERMSIG(status), strsignal(WTERMSIG(status)));
        else
            snprintf(msg, sizeof msg, "the analyser failed on this article (exit status %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        char *id = frame_id(j, p->o);
        char *name = copy_bytes(j->frame + sizeof *h, h->name_len);
        char *clean = name ? utf8_clean(name) : NULL;
        char *rec = qg_extract_error_record(id, clean, h->kind == IN_LINE ? h->line : 0, msg);
        free(id);
        free(name);
        free(clean);
        store(slots, W, j->seq, false, rec, rec ? strlen(rec) : 0);
        free_job(j);
        for (int k = 1; k < w->nq; k++)
            w->q[k - 1] = w->q[k];
        w->nq--;
    }
    if (spawn(p, i) != 0) {
        cli_error(NULL, "cannot start a worker process: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Parse complete reply frames out of the worker's read buffer. */
static int take_replies(worker *w, slot *slots, size_t W)
{
    size_t pos = 0;
    while (w->rlen - pos >= sizeof(reply_hdr)) {
        reply_hdr r;
        memcpy(&r, w->rbuf + pos, sizeof r);
        if (w->rlen - pos - sizeof r < r.len)
            break;
        if (w->nq == 0 || w->q[0]->seq != r.seq)
            return -1; /* protocol error */
        char *data = malloc(r.len + 1);
        if (!data)
            return -1;
        memcpy(data, w->rbuf + pos + sizeof r, r.len);
        store(slots, W, r.seq, r.ok != 0, data, r.len);
        free_job(w->q[0]);
        for (int k = 1; k < w->nq; k++)
            w->q[k - 1] = w->q[k];
        w->nq--;
        w->nsent--;
        pos += sizeof r + r.len;
    }
    memmove(w->rbuf, w->rbuf + pos, w->rlen - pos);
    w->rlen -= pos;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    enum { O_TEXT = 256, O_FILES, O_ID, O_TEXTF, O_URL, O_TITLE, O_OUTLET, O_PUB, O_AUTHOR, O_MAX };
    static const struct option opts[] = {{"jobs", required_argument, NULL, 'j'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"models", required_argument, NULL, 'm'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},
                                         {"text", no_argument, NULL, O_TEXT},
                                         {"files-from", required_argument, NULL, O_FILES},
                                         {"id-field", required_argument, NULL, O_ID},
                                         {"text-field", required_argument, NULL, O_TEXTF},
                                         {"url-field", required_argument, NULL, O_URL},
                                         {"title-field", required_argument, NULL, O_TITLE},
                                         {"outlet-field", required_argument, NULL, O_OUTLET},
                                         {"published-field", required_argument, NULL, O_PUB},
                                         {"author-field", required_argument, NULL, O_AUTHOR},
                                         {"max-bytes", required_argument, NULL, O_MAX},
                                         {NULL, 0, NULL, 0}};
    xopts o = {0};
    o.max_bytes = QG_MAX_TEXT;
    o.jobs = 1;
    int ch;
    unsigned long long v;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "j:o:m:qhV", opts, NULL)) != -1) {
        switch (ch) {
        case 'j':
            if (parse_count(optarg, 1024, &v)) {
                cli_error(NULL, "--jobs wants a number from 0 to 1024, not '%s'", optarg);
                return 2;
            }
            o.jobs = (long)v;
            break;
        case 'o':
            o.output = optarg;
            break;
        case 'm':
            o.models = optarg;
            break;
        case 'q':
            o.quiet = true;
            break;
        case 'V':
            printf("quotegraph %s\n", QG_VERSION_STRING);
            return cli_flush_stdout();
        case 'h':
            fputs(EXTRACT_USAGE, stdout);
            return cli_flush_stdout();
        case O_TEXT:
            o.text_mode = true;
            break;
        case O_FILES:
            o.files_from = optarg;
            break;
        case O_ID:
            o.fields.id = optarg;
            break;
        case O_TEXTF:
            o.fields.text = optarg;
            break;
        case O_URL:
            o.fields.url = optarg;
            break;
        case O_TITLE:
            o.fields.title = optarg;
            break;
        case O_OUTLET:
            o.fields.outlet = optarg;
            break;
        case O_PUB:
            o.fields.published = optarg;
            break;
        case O_AUTHOR:
            o.fields.author = optarg;
            break;
        case O_MAX:
            if (parse_count(optarg, QG_MAX_TEXT, &v) || v == 0) {
                cli_error(NULL, "--max-bytes wants a number from 1 to %zu, not '%s'", QG_MAX_TEXT,
                          optarg);
                return 2;
            }
            o.max_bytes = v;
            break;
        default:
            fputs(EXTRACT_USAGE, stderr);
            return 2;
        }
    }
    if (o.jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o.jobs = n > 0 ? n : 1;
    }
    input in = {.o = &o, .files = argv + optind, .nfiles = (size_t)(argc - optind)};
    if (o.files_from) {
        if (!strcmp(o.files_from, "-")) {
            in.list = stdin;
            in.list_is_stdin = true;
        } else if (!(in.list = fopen(o.files_from, "r"))) {
            cli_error(o.files_from, "%s", strerror(errno));
            return 1;
        }
    }
    if (o.text_mode && !in.nfiles && !in.list) {
        cli_error(NULL, "--text needs FILE names (or --files-from)");
        return 2;
    }
    static char *dash[] = {"-"};
    if (!o.text_mode && !in.nfiles && !in.list) {
        in.files = dash;
        in.nfiles = 1;
    }

    qg_error err = QG_ERROR_INIT;
    qg_model *model = NULL;
    if (qg_model_load(&model, o.models, "en", &err) != QG_OK) {
        cli_error(o.models, "%s", err.message);
        return 1;
    }
    cli_output out = {0};
    cli_set_inputs((const char *const *)in.files, in.nfiles);
    if (o.files_from)
        cli_note_input(o.files_from);
    if (cli_open_output(&out, o.output)) {
        qg_model_free(model);
        return 1;
    }

    pool p = {&o, model, calloc((size_t)o.jobs, sizeof(worker)), o.jobs, out.fp};
    size_t W = (size_t)o.jobs * PER_WORKER * 2;
    slot *slots = calloc(W, sizeof *slots);
    int rc = 0;
    bool io_failed = false, broken = true;
    if (!p.w || !slots) {
        cli_error(NULL, "out of memory");
        rc = 1;
        goto done;
    }
    for (long i = 0; i < o.jobs; i++)
        p.w[i].pid = -1;
    for (long i = 0; i < o.jobs; i++) {
        if (spawn(&p, i) != 0) {
            cli_error(NULL, "cannot start a worker process: %s", strerror(errno));
            rc = 1;
            goto done;
        }
    }

    bool progress = !o.quiet && isatty(STDERR_FILENO);
    double t0 = now_s(), last_progress = t0;
    uint64_t next_seq = 0, next_out = 0, n_ok = 0, n_failed = 0;
    bool input_done = false;
    for (;;) {
        /* hand out articles */
        while (!input_done && next_seq - next_out < W) {
            long best = -1;
            for (long i = 0; i < o.jobs; i++)
                if (p.w[i].nq < PER_WORKER && (best < 0 || p.w[i].nq < p.w[best].nq))
                    best = i;
            if (best < 0)
                break;
            record rec;
            if (!next_record(&in, &rec)) {
                input_done = true;
                break;
            }
            uint64_t seq = next_seq++;
            if (rec.error) {
                char *r = qg_extract_error_record(NULL, rec.name, rec.line, rec.error);
                store(slots, W, seq, false, r, r ? strlen(r) : 0);
                free(rec.error);
                continue;
            }
            job *j = make_job(seq, &rec);
            if (!j) {
                char *r = qg_extract_error_record(NULL, rec.name, rec.line, "out of memory");
                store(slots, W, seq, false, r, r ? strlen(r) : 0);
                continue;
            }
            p.w[best].q[p.w[best].nq++] = j;
        }
        /* write what is ready, in order */
        while (slots[next_out % W].ready) {
            slot *s = &slots[next_out % W];
            if (!io_failed && (!s->data || fwrite(s->data, 1, s->len, out.fp) != s->len ||
                               fputc('\n', out.fp) == EOF)) {
                io_failed = true;
                if (!s->data)
                    cli_error(NULL, "out of memory");
                else
                    cli_error(o.output ? o.output : NULL, "write failed: %s", strerror(errno));
            }
            if (s->ok)
                n_ok++;
            else
                n_failed++;
            free(s->data);
            memset(s, 0, sizeof *s);
            next_out++;
        }
        if (io_failed)
            break;
        if (input_done && next_out == next_seq)
            break;
        if (progress && now_s() - last_progress >= 0.5) {
            double t = now_s() - t0;
            fprintf(stderr,
                    "\rquotegraph: extract: %" PRIu64 " read, %" PRIu64 " ok, %" PRIu64
                    " failed, %.1f MB, %.2f MB/s ",
                    next_seq, n_ok, n_failed, in.bytes / 1e6, t > 0 ? in.bytes / 1e6 / t : 0.0);
            last_progress = now_s();
        }
        /* write pending frames (non-blocking; the rest waits for POLLOUT) */
        for (long i = 0; i < o.jobs; i++) {
            worker *w = &p.w[i];
            while (w->nsent < w->nq) {
                job *j = w->q[w->nsent];
                ssize_t r = write(w->to, j->frame + w->off, j->frame_len - w->off);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0)
                    break; /* EAGAIN; or EPIPE: the worker died and its read end says so */
                w->off += (size_t)r;
                if (w->off == j->frame_len) {
                    w->nsent++;
                    w->off = 0;
                }
            }
        }
        /* poll replies, and writability of blocked writers */
        struct pollfd all[2 * 1024];
        nfds_t na = 0;
        long who[2 * 1024];
        for (long i = 0; i < o.jobs; i++) {
            worker *w = &p.w[i];
            if (w->nq > 0) {
                all[na] = (struct pollfd){w->from, POLLIN, 0};
                who[na++] = i;
            }
            if (w->nsent < w->nq) {
                all[na] = (struct pollfd){w->to, POLLOUT, 0};
                who[na++] = -1 - i;
            }
        }
        int timeout = progress ? 500 : -1;
        if (na == 0)
            continue;
        int pr = poll(all, na, timeout);
        if (pr < 0 && errno != EINTR) {
            cli_error(NULL, "poll failed: %s", strerror(errno));
            rc = 1;
            break;
        }
        bool fatal = false;
        for (nfds_t k = 0; k < na && pr > 0 && !fatal; k++) {
            if (who[k] < 0 || !all[k].revents)
                continue; /* writes are retried at the top of the loop */
            long i = who[k];
            worker *w = &p.w[i];
            bool dead = false;
            for (;;) {
                if (w->rcap - w->rlen < 65536) {
                    size_t cap = w->rcap ? w->rcap * 2 : 131072;
                    char *nb = realloc(w->rbuf, cap);
                    if (!nb) {
                        cli_error(NULL, "out of memory");
                        fatal = true;
                        break;
                    }
                    w->rbuf = nb;
                    w->rcap = cap;
                }
                ssize_t r = read(w->from, w->rbuf + w->rlen, w->rcap - w->rlen);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r < 0 && errno == EAGAIN)
                    break;
                if (r <= 0) {
                    dead = true;
                    break;
                }
                w->rlen += (size_t)r;
            }
            if (fatal)
                break;
            if (take_replies(w, slots, W) != 0) {
                cli_error(NULL, "worker %ld sent a bad reply", i);
                fatal = true;
                break;
            }
            if (dead) {
                /* unsent jobs keep their place; the partly written one is sent again */
                w->nsent = 0;
                w->off = 0;
                if (worker_died(&p, i, slots, W) != 0)
                    fatal = true;
            }
        }
        if (fatal) {
            rc = 1;
            break;
        }
    }
    if (progress)
        fputs("\r\033[K", stderr);
    if (!o.quiet) {
        fflush(out.fp); /* the records before the summary, also when stderr is the same file */
        double t = now_s() - t0;
        fprintf(stderr,
                "quotegraph: extract: %" PRIu64 " read, %" PRIu64 " ok, %" PRIu64 " failed"
                " (%.1f MB in %.1f s, %.2f MB/s, %ld job%s)",
                next_seq, n_ok, n_failed, in.bytes / 1e6, t, t > 0 ? in.bytes / 1e6 / t : 0.0,
                o.jobs, o.jobs == 1 ? "" : "s");
        if (in.blank)
            fprintf(stderr, "; %" PRIu64 " blank line%s skipped", in.blank,
                    in.blank == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    broken = rc != 0 || io_failed;
    if (n_failed || in.failed_inputs || io_failed)
        rc = 1;
done:
    for (long i = 0; p.w && i < o.jobs; i++) {
        worker *w = &p.w[i];
        if (w->pid > 0) {
            close(w->to);
            close(w->from);
            if (broken)
                kill(w->pid, SIGTERM);
            waitpid(w->pid, NULL, 0);
        }
        for (int k = 0; k < w->nq; k++)
            free_job(w->q[k]);
        free(w->rbuf);
    }
    for (size_t k = 0; slots && k < W; k++)
        free(slots[k].data);
    free(slots);
    free(p.w);
    if (in.fp && in.fp != stdin)
        fclose(in.fp);
    if (in.list && !in.list_is_stdin)
        fclose(in.list);
    free(in.lb);
    free(in.name_owned);
    int close_rc = cli_close_output(&out, !broken);
    qg_model_free(model);
    return rc || close_rc ? 1 : 0;
}
