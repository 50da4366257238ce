/* bench_split.c - the limit for make bench: a plain C loop that only splits a manifest's
 * lines into fields (CSV: commas and newlines outside quotes; NDJSON: lines, and members
 * by the colons outside strings), over large read() buffers; converts nothing. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_split FILE.csv|FILE.ndjson\n");
        return 2;
    }
    size_t length = strlen(argv[1]);
    int ndjson = length > 7 && strcmp(argv[1] + length - 7, ".ndjson") == 0;
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    static char buf[1 << 20];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long long records = 0, fields = 0, field_bytes = 0;
    int quoted = 0, escaped = 0;
    long long start = 0, at = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++, at++) {
            char c = buf[i];
            if (ndjson) {
                if (escaped) { escaped = 0; continue; }
                if (quoted) {
                    if (c == '\\') escaped = 1;
                    else if (c == '"') quoted = 0;
                } else if (c == '"') quoted = 1;
                else if (c == ':') fields++;
                else if (c == '\n') records++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == '\n')) {
                fields++;
                field_bytes += at - start;
                start = at + 1;
                if (c == '\n') records++;
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(fd);
    printf("%lld records %lld fields %lld bytes %.3f s\n", records, fields, field_bytes,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
