/* sink.h - where hits go: one interface (NDJSON file, the review store, eval's counters). */
#ifndef VIGIE_SINK_H
#define VIGIE_SINK_H

#include "error.h"
#include <stdbool.h>
#include "render.h"

typedef struct hit_sink hit_sink;

/* One hit as the merge hands it to the sinks, in input order, from one thread. */
typedef struct hit_out {
    const record *rec;          /* valid during the call only */
    const scenario *sc;         /* as the caller compiled it */
    int scenario;               /* index in the selection */
    int score;
    const char *json;           /* the hit line (docs/hits.md), rendered on a worker; NULL unless asked */
    size_t json_len;
    const char *identity_json;  /* {"field": value} of the schema's identity fields; NULL unless asked */
    bool control;               /* a random control selection (sc NULL): only sinks with takes_controls get it */
} hit_out;

struct hit_sink {
    const char *name;
    bool wants_json;            /* render the hit line (workers do it, in parallel) */
    bool wants_identity;        /* render the identity fields */
    bool takes_controls;        /* random control selections go to this sink too (the review store) */
    /* Optional (NULL when unused): called for every evaluated record, in input
     * order, before its hits; for population counts. */
    int (*record)(hit_sink *sink, const record *rec, vg_error *err);
    /* Optional: every rejected record (file, line, field, reason), in input order. */
    int (*reject)(hit_sink *sink, const vg_error *reject, vg_error *err);
    /* Write one hit. Called in input order, from one thread. */
    int (*write)(hit_sink *sink, const hit_out *hit, vg_error *err);
    /* Flush and release; returns VG_ERR when the output could not be completed. */
    int (*close)(hit_sink *sink, vg_error *err);
};

/* One JSON object per line (docs/hits.md); path "-" is standard output. A file is
 * written as PATH.partial beside PATH, locked against a second run writing the same
 * PATH, and renamed to PATH only by sink_ndjson_commit: a run that dies or is
 * interrupted never leaves a half-written file under the final name. */
hit_sink *sink_ndjson_open(const char *path, vg_error *err);
/* Put the finished file in place (rename PATH.partial to PATH). */
int sink_ndjson_commit(hit_sink *sink, vg_error *err);
/* Where hits are being written: PATH.partial until committed, then PATH. */
const char *sink_ndjson_path(const hit_sink *sink);
int sink_close(hit_sink *sink, vg_error *err);

#endif
