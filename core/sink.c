/* sink.c - hit sinks: NDJSON lines on a file or standard output. */
#include "sink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct ndjson_sink {
    hit_sink base;
    FILE *out;
    char *path;
    bool owned;
} ndjson_sink;

static int ndjson_write(hit_sink *sink, const explanation *ex, const hit_origin *origin, vg_error *err)
{
    ndjson_sink *s = (ndjson_sink *)sink;
    cJSON *o = explain_to_json(ex, origin);
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!line) return error_set(err, s->path, 0, NULL, "out of memory while writing a hit");
    int rc = fputs(line, s->out) >= 0 && fputc('\n', s->out) != EOF ? VG_OK : VG_ERR;
    free(line);
    if (rc != VG_OK) return error_set(err, s->path, 0, NULL, "cannot write hits: %s", strerror(errno));
    return VG_OK;
}

static int ndjson_close(hit_sink *sink, vg_error *err)
{
    ndjson_sink *s = (ndjson_sink *)sink;
    int rc = VG_OK;
    if (fflush(s->out) != 0 || ferror(s->out)) rc = error_set(err, s->path, 0, NULL, "cannot write hits: %s", strerror(errno));
    if (s->owned && fclose(s->out) != 0 && rc == VG_OK)
        rc = error_set(err, s->path, 0, NULL, "cannot close hits file: %s", strerror(errno));
    free(s->path);
    free(s);
    return rc;
}

hit_sink *sink_ndjson_open(const char *path, vg_error *err)
{
    ndjson_sink *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->base.name = "ndjson";
    s->base.record = NULL;
    s->base.write = ndjson_write;
    s->base.close = ndjson_close;
    s->path = strdup(path);
    if (strcmp(path, "-") == 0) {
        s->out = stdout;
    } else {
        s->out = fopen(path, "w");
        s->owned = true;
        if (!s->out) {
            error_set(err, path, 0, NULL, "cannot create hits file: %s", strerror(errno));
            free(s->path);
            free(s);
            return NULL;
        }
    }
    return &s->base;
}

int sink_write(hit_sink *sink, const explanation *ex, const hit_origin *origin, vg_error *err)
{
    return sink->write(sink, ex, origin, err);
}

int sink_close(hit_sink *sink, vg_error *err)
{
    return sink->close(sink, err);
}
