/* pipeline.h - stream manifests through the selected scenarios: read, evaluate, explain hits, sink them. */
#ifndef VIGIE_PIPELINE_H
#define VIGIE_PIPELINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "groups.h"
#include "ruleset.h"
#include "sink.h"

typedef struct manifest_counts {
    const char *path;
    const char *kind;        /* record kind read, NULL when the file could not be opened */
    long long read, evaluated, rejected;
    long long bytes;
    bool failed;             /* could not be opened or read to the end */
    char failure[600];
} manifest_counts;

/* The circuit breaker: a scenario that has failed on this many records is switched
 * off for the rest of the run (--max-errors; 0 = never). */
#define PIPELINE_MAX_ERRORS 100
#define PIPELINE_MAX_KINDS 8     /* record kinds of one run (population tables, link indexes) */

typedef struct scenario_counts {
    const scenario *sc;
    long long evaluated, hits, errors;
    char first_error[800];   /* "file:line: message" of the first error */
    bool switched_off;       /* by the circuit breaker, at switched_off_at */
    char switched_off_at[300]; /* "file:line" of the record of its last counted error */
    long long not_evaluated; /* records of its kind after it was switched off */
} scenario_counts;

typedef struct run_options {
    const char *kind;        /* force the record kind (NULL: infer per manifest) */
    bool parse_only;         /* read and convert only: the benchmark's baseline */
    bool progress;           /* a live line on stderr */
    const char *rejects_path; /* every rejected record, one line each; created on the first (may be NULL) */
    int reject_messages;     /* how many rejects and errors to print on stderr */
    const char *run_id;
    int threads;             /* evaluation threads; 1 evaluates on the reading thread */
    const sandbox_limits *limits; /* of the workers' Lua states (NULL: defaults) */
    bool count_groups;       /* population and hits per protected group (for the store) */
    const volatile sig_atomic_t *stop; /* set (by a signal handler): stop reading, finish what is in flight */
    double deadline;         /* seconds after the start at which to stop the same way (0: none) */
    double random_rate;      /* share of evaluated records sampled as random control items (0: none) */
    uint64_t random_seed;    /* the sample depends on the seed and each record's key only */
    long long max_errors;    /* the circuit breaker: 0 = PIPELINE_MAX_ERRORS, < 0 = never */
    /* Booking and link indexes are built for what the selected scenarios read, and
     * for what these scenarios read (a caller that evaluates records itself, in a
     * sink: the backtest). */
    const scenario *const *index_for;
    int index_for_count;
    /* When set: build the indexes only (no evaluation pass) and hand them over here
     * (at most PIPELINE_MAX_KINDS; the caller frees each with links_free). */
    struct links_index **index_out;
    int *index_out_count;
    /* The store's link history (sink_store.h), called for each index: prepare before
     * the first pass (hash key, earlier runs' rows), collected after it, before the
     * build (this run's rows). NULL: in-run links only. A failure fails the run's output. */
    int (*links_prepare)(void *ctx, struct links_index *ix, vg_error *err);
    int (*links_collected)(void *ctx, const struct links_index *ix, vg_error *err);
    void *links_ctx;
} run_options;

typedef struct run_summary {
    manifest_counts *manifests;
    int manifest_count;
    scenario_counts *scenarios; /* one per selected scenario, in selection order */
    int scenario_count;
    long long read, evaluated, rejected, bytes, hits, errors;
    long long controls;      /* records sampled as random controls */
    int switched_off;        /* scenarios the circuit breaker switched off */
    double seconds;
    int threads;             /* evaluation threads actually used */
    FILE *rejects;           /* open while the run goes */
    bool sink_failed;
    char sink_failure[600];
    bool interrupted;        /* stopped early: a signal or the deadline (records not read are not counted) */
    char interrupted_by[64]; /* "SIGTERM", "SIGINT", "the deadline" */
    long long links_records; /* records in the booking and link indexes (0: the scenarios use none) */
    long long links_history; /* of them, rows of earlier runs (the store's link history) */
    size_t links_bytes;      /* the indexes' memory */
    double links_seconds;    /* the first pass and the build */
    group_table *groups;     /* count_groups: one table per record kind read */
    int group_count;
} run_summary;

/* Run `selected` (scenarios of `set`) over the manifests; hits go to every sink in
 * input order, whatever the thread count; rejects go to the rejects file and to the
 * sinks that take them. Fills summary (free it with run_summary_free). */
void pipeline_run(const ruleset *rs, scenario_set *set, const scenario **selected, int selected_count,
                  char **manifests, int manifest_count, const run_options *opt,
                  hit_sink **sinks, int sink_count, run_summary *summary);
#define PIPELINE_MAX_THREADS 64
/* The online cores, at most 16: the default of --threads. */
int pipeline_default_threads(void);
/* "4" -> 4; 0 when the text is not a count from 1 to PIPELINE_MAX_THREADS. */
int pipeline_parse_threads(const char *text);

/* Whether a record with this key is in the random control sample of rate and seed:
 * a hash of seed and key, so the sample is the same at any thread count and order. */
bool pipeline_control_selected(const char *key, double rate, uint64_t seed);

void run_summary_print(const run_summary *s, const run_options *opt, FILE *out);
void run_summary_free(run_summary *s);

#endif
