/* sink.c - the NDJSON hit sink: lines written to PATH.partial under a lock, renamed to PATH when the run completes. */
#include "sink.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

typedef struct ndjson_sink {
    hit_sink base;
    FILE *out;
    char *path;          /* the final name */
    char *partial;       /* PATH.partial while the run goes; NULL for stdout */
    bool committed;
    long long lines;
    char *buffer;        /* out's, NDJSON_BUFFER bytes (NULL for stdout) */
} ndjson_sink;

/* A hit line runs to kilobytes: a large buffer writes them in few system calls, from
 * the thread that merges while the workers evaluate (stdio's own buffer is one 4 KB
 * block, and setvbuf ignores a size given without a buffer). */
#define NDJSON_BUFFER (1 << 20)

static int ndjson_write(hit_sink *sink, const hit_out *hit, vg_error *err)
{
    ndjson_sink *s = (ndjson_sink *)sink;
    if (fwrite(hit->json, 1, hit->json_len, s->out) != hit->json_len || fputc('\n', s->out) == EOF)
        return error_set(err, s->partial ? s->partial : s->path, 0, NULL, "cannot write hits: %s", strerror(errno));
    s->lines++;
    return VG_OK;
}

static int ndjson_flush(ndjson_sink *s, vg_error *err)
{
    if (fflush(s->out) != 0 || ferror(s->out))
        return error_set(err, s->partial ? s->partial : s->path, 0, NULL, "cannot write hits: %s", strerror(errno));
    return VG_OK;
}

int sink_ndjson_commit(hit_sink *sink, vg_error *err)
{
    ndjson_sink *s = (ndjson_sink *)sink;
    if (ndjson_flush(s, err) != VG_OK) return VG_ERR;
    if (!s->partial || s->committed) return VG_OK;
    if (fsync(fileno(s->out)) != 0 && errno != EINVAL)
        return error_set(err, s->partial, 0, NULL, "cannot write hits: %s", strerror(errno));
    if (rename(s->partial, s->path) != 0)
        return error_set(err, s->path, 0, NULL, "cannot put the hits file in place: %s", strerror(errno));
    s->committed = true;
    return VG_OK;
}

const char *sink_ndjson_path(const hit_sink *sink)
{
    const ndjson_sink *s = (const ndjson_sink *)sink;
    return s->partial && !s->committed ? s->partial : s->path;
}

static int ndjson_close(hit_sink *sink, vg_error *err)
{
    ndjson_sink *s = (ndjson_sink *)sink;
    int rc = ndjson_flush(s, err);
    if (s->partial) {
        /* an uncommitted file with no hit tells nothing: leave nothing behind */
        if (!s->committed && s->lines == 0) unlink(s->partial);
        if (fclose(s->out) != 0 && rc == VG_OK)
            rc = error_set(err, s->path, 0, NULL, "cannot close hits file: %s", strerror(errno));
    }
    free(s->buffer);
    free(s->path);
    free(s->partial);
    free(s);
    return rc;
}

hit_sink *sink_ndjson_open(const char *path, vg_error *err)
{
    ndjson_sink *s = xcalloc(1, sizeof *s);
    s->base.name = "ndjson";
    s->base.wants_json = true;
    s->base.write = ndjson_write;
    s->base.close = ndjson_close;
    s->path = xstrdup(path);
    if (strcmp(path, "-") == 0) {
        s->out = stdout;
        return &s->base;
    }
    size_t n = strlen(path) + sizeof ".partial";
    s->partial = xmalloc(n);
    snprintf(s->partial, n, "%s.partial", path);
    /* the lock lives on the partial file: it dies with the process, so a killed run
     * never blocks the next one, while a live one keeps a second run off its output */
    int fd = open(s->partial, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    const char *why = NULL;
    if (fd < 0) why = strerror(errno);
    else if (flock(fd, LOCK_EX | LOCK_NB) != 0)
        why = errno == EWOULDBLOCK ? "another vigie run is writing this hits file now (its .partial file is locked)"
                                   : strerror(errno);
    else if (ftruncate(fd, 0) != 0) why = strerror(errno);
    else if (!(s->out = fdopen(fd, "w"))) why = strerror(errno);
    else {
        s->buffer = xmalloc(NDJSON_BUFFER);
        setvbuf(s->out, s->buffer, _IOFBF, NDJSON_BUFFER);
    }
    if (why) {
        error_set(err, path, 0, NULL, "cannot create hits file: %s", why);
        if (fd >= 0) close(fd);
        free(s->path);
        free(s->partial);
        free(s);
        return NULL;
    }
    return &s->base;
}

int sink_close(hit_sink *sink, vg_error *err)
{
    return sink->close(sink, err);
}
