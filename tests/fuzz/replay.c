/* Replays fuzz inputs through the fuzz target without libFuzzer (any compiler): every file
 * given, and every regular file inside each directory given (sorted, not recursive).
 *
 * usage: fuzz_replay PATH...
 * Exit status: 0 when every input ran (a crash or sanitizer report aborts first), 1 when an
 * input cannot be read or no input was found, 2 usage error. Prints "N inputs replayed". */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_target.h"

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "fuzz_replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            abort();
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (n == 0)
            break;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "fuzz_replay: %s: read failed\n", path);
        free(buf);
        return 1;
    }
    /* an exact-size copy, so that AddressSanitizer sees any read past the end */
    char *exact = malloc(len ? len : 1);
    if (!exact)
        abort();
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput((const uint8_t *)exact, len);
    free(exact);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: fuzz_replay PATH...\n", stderr);
        return 2;
    }
    size_t count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) {
            fprintf(stderr, "fuzz_replay: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        if (!S_ISDIR(sb.st_mode)) {
            rc |= replay_file(argv[i]);
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            fprintf(stderr, "fuzz_replay: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            if (n == cap && !(names = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names)))
                abort();
            size_t l = strlen(argv[i]) + strlen(e->d_name) + 2;
            if (!(names[n] = malloc(l)))
                abort();
            snprintf(names[n++], l, "%s/%s", argv[i], e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, by_name);
        for (size_t j = 0; j < n; j++) {
            if (stat(names[j], &sb) == 0 && S_ISREG(sb.st_mode)) {
                rc |= replay_file(names[j]);
                count++;
            }
            free(names[j]);
        }
        free(names);
    }
    printf("%zu inputs replayed\n", count);
    if (!count) {
        fputs("fuzz_replay: no input found\n", stderr);
        return 1;
    }
    return rc;
}
