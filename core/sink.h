/* sink.h - where hits go: one interface (NDJSON now; the review store plugs in the same way). */
#ifndef VIGIE_SINK_H
#define VIGIE_SINK_H

#include "error.h"
#include "explain.h"

typedef struct hit_sink hit_sink;

struct hit_sink {
    const char *name;
    /* Optional (NULL when unused): called for every evaluated record, in input
     * order, before its hits; for population counts. */
    int (*record)(hit_sink *sink, const record *rec, vg_error *err);
    /* Write one hit. Called in input order, from one thread. */
    int (*write)(hit_sink *sink, const explanation *ex, const hit_origin *origin, vg_error *err);
    /* Flush and release; returns VG_ERR when the output could not be completed. */
    int (*close)(hit_sink *sink, vg_error *err);
};

/* One JSON object per line (docs/hits.md); path "-" is standard output. */
hit_sink *sink_ndjson_open(const char *path, vg_error *err);
int sink_write(hit_sink *sink, const explanation *ex, const hit_origin *origin, vg_error *err);
int sink_close(hit_sink *sink, vg_error *err);

#endif
