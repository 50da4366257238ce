/* pipeline.c - stream manifests through the selected scenarios: read, evaluate on worker threads, sink hits in input order. */
#include "pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "links.h"
#include "reader.h"
#include "render.h"
#include "xalloc.h"

/* How the work flows. A regular CSV or NDJSON file read by several threads is split
 * into byte ranges at record boundaries (reader_split): the calling thread hands each
 * range to the queue as a batch, and a worker, with its own reader on the file, its
 * own Lua state and its own compiled copy of the scenarios, reads the range's records
 * (keeping its rejects), evaluates them and renders their hits (with their
 * explanations) into the batch. Anything else (a pipe, standard input, a compressed
 * or YAML file, or one thread) is streamed: the calling thread reads batches of
 * records and workers evaluate them. Either way the calling thread merges batches
 * strictly in input order: counts, rejects, the sinks' per-record calls, hits, error
 * reports. So the output is the same, byte for byte, at any thread count. A range
 * whose start turns out to lie inside a record of the range before it (the split's
 * quote scan guessed wrong on malformed quoting) is read again from where the range
 * before really stopped, before it is merged. With one thread the calling thread
 * evaluates each batch itself, through the same code. */

#define BATCH_RECORDS 256
/* Bytes per range: small enough that a batch of them stays small in memory, large
 * enough that a range costs little to start (VIGIE_RANGE_BYTES overrides it, for tests). */
#define RANGE_BYTES (64 * 1024)

typedef struct batch_hit {
    int record;          /* index in the batch */
    int scenario;        /* index in the selection */
    int score;
    char *json;          /* the hit line, rendered by the worker (NULL when no sink wants it) */
    size_t json_len;
    char *identity;      /* the identity fields as JSON (NULL when no sink wants them) */
} batch_hit;

typedef struct batch_error {
    int record, scenario;
    char *message;
} batch_error;

typedef struct batch_reject {
    int before;                  /* the index of the record it comes before */
    vg_error err;
} batch_reject;

/* Where a manifest's records went in its kind's index in the first pass, so that the
 * second pass, which reads the same records in the same order, can give each record
 * its ordinal (links_attach_at) instead of hashing its values again: the first
 * ordinal, and read in ranges, where each range really started with its first
 * ordinal (in input order; ordinals run on across ranges). */
typedef struct ordinal_range { long long start, first; } ordinal_range;

typedef struct ordinal_map {
    long long first, count;      /* the manifest's records in the index: first .. first + count - 1 */
    ordinal_range *ranges;
    size_t range_count, range_capacity;
    /* The ranges reader_split gave the first pass, in order, replayed by the second when
     * the first split the whole file (splits_whole): the split scans every byte on the
     * calling thread, which the workers need for themselves. */
    reader_range *splits;
    size_t split_count, split_capacity, split_next;
    bool splits_whole;
} ordinal_map;

typedef struct batch {
    record **recs;               /* capacity of them, made with schema */
    int capacity;
    const schema *schema;        /* of recs; they are made anew when it changes */
    int count;
    batch_reject *rejects;       /* in input order, among the records */
    int reject_count, reject_capacity;
    bool fatal;                  /* the input could not be read further: fatal_error says why */
    vg_error fatal_error;
    /* a range: the worker reads its records itself (source NULL: the caller filled recs) */
    reader *source;              /* the manifest's reader, to clone */
    reader_range range;
    long long stop;              /* where the range's reading stopped: the next range's true start */
    long stop_line;
    bool forget;                 /* read again: the population counts of the records read before come off */
    const int *applicable;       /* selection indexes of the scenarios of this kind */
    int applicable_count;
    const atomic_bool *off;      /* per selected scenario: switched off, skip it */
    long long max_errors;        /* the breaker's limit (<= 0: never) */
    batch_hit *hits;
    int hit_count, hit_capacity;
    batch_error *errors;
    int error_count, error_capacity;
    links_index *links;          /* the run's index for this kind (NULL: none) */
    bool collect;                /* the first pass: extract rows for links, evaluate nothing */
    links_rows *rows;            /* collect: this batch's rows, added at merge in input order */
    const ordinal_map *ordinals; /* the second pass: where the first one put this manifest's records */
    long long first_ordinal;     /* the second pass: of recs[0] in links (-1: not known, hashed) */
    bool done;
    struct batch *next;          /* in the queue */
} batch;

typedef struct pool pool;


typedef struct worker {
    pool *pool;
    pthread_t thread;
    scenario_set own;            /* a thread's own compiled scenarios */
    sandbox *sb;
    const scenario **selected;   /* the selection, as this worker's scenarios */
    scenario_result result;
    explanation ex;              /* scratch: the explanation of the hit being rendered */
    group_table groups[PIPELINE_MAX_KINDS]; /* population per protected group, per kind (count_groups) */
    int group_count;
    long long *batch_errors;     /* per selected scenario, in the batch being evaluated */
    int selected_count;
    reader *range_reader;        /* this worker's reader of the manifest being read in ranges */
    const reader *range_source;  /* the reader it was cloned from */
} worker;

/* What workers need to know of the run to render hits. */
typedef struct render_options {
    hit_origin origin;
    render_scenario **fragments;   /* per selected scenario, prepared at the start (read-only) */
    bool json, identity, count_groups;
    int selected_count;
} render_options;

struct pool {
    render_options render;
    pthread_mutex_t lock;
    pthread_cond_t work_ready, work_done;
    batch *head, *tail;          /* batches waiting for a worker */
    int queued;                  /* of them */
    const batch *awaited;        /* the batch the calling thread sleeps on (NULL: it does not) */
    bool stop;
    worker *workers;
    int worker_count;
    int allocated;               /* workers in the array, started or not */
    bool threaded;               /* false: the calling thread evaluates */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* records, MB, rate; with the size known (a regular file), percent and time left */
static void progress_line(const manifest_counts *m, long long size, double elapsed, FILE *out)
{
    double rate = elapsed > 0 ? (double)m->read / elapsed : 0;
    double mbps = elapsed > 0 ? (double)m->bytes / 1e6 / elapsed : 0.0;
    fprintf(out, "\r\033[K  %s: %lld records, %.1f MB, %.0f records/s, %.1f MB/s", m->path, m->read,
            (double)m->bytes / 1e6, rate, mbps);
    if (size > 0 && m->bytes > 0 && m->bytes <= size) {
        long left = (long)(elapsed * (double)(size - m->bytes) / (double)m->bytes + 0.5);
        fprintf(out, ", %.0f%%, %ld:%02ld left", 100.0 * (double)m->bytes / (double)size, left / 60, left % 60);
    }
    fflush(out);
}

static void report_line(const run_options *opt, long long *shown, const char *text)
{
    if (opt->reject_messages == 0) return; /* quiet */
    if (*shown < opt->reject_messages) fprintf(stderr, "%s\n", text);
    else if (*shown == opt->reject_messages) fprintf(stderr, "(more rejects and errors are counted in the summary%s)\n",
                                                     opt->rejects_path ? ", all of them in the rejects file" : "");
    (*shown)++;
}

/* ---- evaluation of one batch (on a worker, or on the calling thread) ------------- */

/* A hit, rendered here on the worker so that the merge only writes bytes. */
static void batch_add_hit(batch *b, const render_options *ro, int record_index, int scenario, const explanation *ex)
{
    if (b->hit_count == b->hit_capacity) {
        b->hit_capacity = b->hit_capacity ? b->hit_capacity * 2 : 16;
        b->hits = xrealloc(b->hits, sizeof *b->hits * (size_t)b->hit_capacity);
    }
    batch_hit *h = &b->hits[b->hit_count++];
    *h = (batch_hit){ .record = record_index, .scenario = scenario, .score = ex->result.score };
    if (ro->json) h->json = render_hit(ro->fragments[scenario], ex, &ro->origin, &h->json_len);
    if (ro->identity) h->identity = render_identity(ex->rec, NULL);
}

static group_table *worker_groups(worker *w, const schema *s)
{
    for (int i = 0; i < w->group_count; i++)
        if (w->groups[i].schema == s) return &w->groups[i];
    if (w->group_count == PIPELINE_MAX_KINDS) return NULL;
    groups_init(&w->groups[w->group_count], s, w->pool->render.selected_count);
    return &w->groups[w->group_count++];
}

static void batch_add_error(batch *b, int record_index, int scenario, const char *message)
{
    if (b->error_count == b->error_capacity) {
        b->error_capacity = b->error_capacity ? b->error_capacity * 2 : 16;
        b->errors = xrealloc(b->errors, sizeof *b->errors * (size_t)b->error_capacity);
    }
    char *copy = xstrdup(message);
    b->errors[b->error_count++] = (batch_error){ record_index, scenario, copy };
}

/* ---- reading into a batch ------------------------------------------------------------ */

static record *batch_slot(batch *b)
{
    if (b->count == b->capacity) {
        int grown = b->capacity ? b->capacity * 2 : BATCH_RECORDS;
        b->recs = xrealloc(b->recs, sizeof *b->recs * (size_t)grown);
        for (int i = b->capacity; i < grown; i++) {
            b->recs[i] = xmalloc(sizeof *b->recs[i]);
            record_init(b->recs[i], b->schema);
        }
        b->capacity = grown;
    }
    return b->recs[b->count];
}

static void batch_add_reject(batch *b, const vg_error *err)
{
    if (b->reject_count == b->reject_capacity) {
        b->reject_capacity = b->reject_capacity ? b->reject_capacity * 2 : 8;
        b->rejects = xrealloc(b->rejects, sizeof *b->rejects * (size_t)b->reject_capacity);
    }
    b->rejects[b->reject_count++] = (batch_reject){ b->count, *err };
}

/* Records (and rejects) until the input ends or `limit` records are in: whether there is more. */
static bool batch_read(batch *b, reader *r, int limit)
{
    vg_error err;
    while (b->count < limit) {
        read_status rs = reader_next(r, batch_slot(b), &err);
        if (rs == READ_EOF) return false;
        if (rs == READ_FATAL) {
            b->fatal = true;
            b->fatal_error = err;
            return false;
        }
        if (rs == READ_REJECT) batch_add_reject(b, &err);
        else b->count++;
    }
    return true;
}

/* The ordinal of the first of count records read from start, when the first pass
 * started a range there (a true record boundary), else -1. */
static long long ordinal_at(const ordinal_map *map, long long start, int count)
{
    if (!map) return -1;
    size_t lo = 0, hi = map->range_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->ranges[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    if (lo == map->range_count || map->ranges[lo].start != start) return -1;
    long long first = map->ranges[lo].first;
    return first + count <= map->first + map->count ? first : -1;
}

/* The batch's range, through the worker's own reader of the file. */
static void batch_read_range(worker *w, batch *b)
{
    vg_error err;
    if (w->range_source != b->source) {
        reader_close(w->range_reader);
        w->range_reader = reader_clone(b->source, &err);
        w->range_source = b->source;
        if (!w->range_reader) {
            b->fatal = true;
            b->fatal_error = err;
            return;
        }
    }
    if (reader_seek(w->range_reader, b->range.start, b->range.end, b->range.line, &err) != VG_OK) {
        b->fatal = true;
        b->fatal_error = err;
        return;
    }
    batch_read(b, w->range_reader, INT_MAX);
    b->stop = reader_position(w->range_reader, &b->stop_line);
    if (!b->collect) b->first_ordinal = ordinal_at(b->ordinals, b->range.start, b->count);
}

static void batch_evaluate(worker *w, batch *b)
{
    const render_options *ro = &w->pool->render;
    if (b->source) {
        if (b->forget && ro->count_groups && b->count && !b->collect) {
            group_table *stale = worker_groups(w, b->schema);
            for (int i = 0; stale && i < b->count; i++) groups_forget(stale, b->recs[i]);
        }
        b->forget = false;
        b->count = b->reject_count = 0;
        b->fatal = false;
        batch_read_range(w, b);
    }
    if (b->collect) {
        if (!b->rows) b->rows = links_rows_new();
        links_rows_clear(b->rows);
        for (int i = 0; i < b->count; i++) links_extract(b->links, b->recs[i], b->rows);
        return;
    }
    group_table *g = ro->count_groups && b->count ? worker_groups(w, b->schema) : NULL;
    memset(w->batch_errors, 0, sizeof *w->batch_errors * (size_t)(w->selected_count + 1));
    for (int i = 0; i < b->count; i++) {
        record *rec = b->recs[i];
        links_attach_at(b->links, rec, b->first_ordinal < 0 ? -1 : b->first_ordinal + i);
        if (g) groups_record(g, rec);
        for (int k = 0; k < b->applicable_count; k++) {
            int s = b->applicable[k];
            /* set at merge, in input order, for records after the ones merged: what
             * this skips would be dropped at merge anyway */
            if (atomic_load_explicit(&b->off[s], memory_order_relaxed)) continue;
            /* the batch alone has reached the limit: the breaker trips at or before
             * this record at merge, whatever came before, so the rest is dropped there */
            if (b->max_errors > 0 && w->batch_errors[s] >= b->max_errors) continue;
            const scenario *sc = w->selected[s];
            verdict v = eval_scenario(w->sb, sc, rec, &w->result, NULL);
            if (v == VERDICT_NO_HIT) continue;
            if (v == VERDICT_ERROR) {
                w->batch_errors[s]++;
                batch_add_error(b, i, s, w->result.error);
                continue;
            }
            /* a hit: evaluate again in explain mode for its explanation */
            explanation *ex = &w->ex;
            v = explain_record(w->sb, sc, rec, ex);
            if (v == VERDICT_HIT) {
                batch_add_hit(b, ro, i, s, ex);
            } else {
                /* the two evaluations disagree: a function is not deterministic */
                batch_add_error(b, i, s, v == VERDICT_ERROR ? ex->result.error
                                : "inconsistent verdict: a hit on the fast path, none when explained "
                                  "(a function indicator is not deterministic)");
            }
        }
    }
}

/* Whether the calling thread, asleep on p->awaited, should wake (under the lock). It
 * sleeps on until the queue is down to one batch, so that it wakes once for a few
 * finished batches, merges them and refills the queue, instead of taking a core from
 * a worker for every batch: on a machine with as many cores as workers each wake-up
 * is a switch away from evaluation. Batches are taken in order, so the ones before
 * the last queued are finished or being finished by then. */
static bool pool_may_wake(const pool *p)
{
    return p->awaited->done && p->queued <= 1;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->head && !p->stop) pthread_cond_wait(&p->work_ready, &p->lock);
        if (!p->head) { /* stopping, nothing left */
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        batch *b = p->head;
        p->head = b->next;
        if (!p->head) p->tail = NULL;
        p->queued--;
        if (p->awaited && pool_may_wake(p)) pthread_cond_signal(&p->work_done);
        pthread_mutex_unlock(&p->lock);

        batch_evaluate(w, b);

        pthread_mutex_lock(&p->lock);
        b->done = true;
        if (p->awaited && pool_may_wake(p)) pthread_cond_signal(&p->work_done);
        pthread_mutex_unlock(&p->lock);
    }
}

/* ---- the pool ---------------------------------------------------------------------- */

/* Workers compile their own copy of the scenarios (a Lua state is single-threaded)
 * and map the selection onto it by position: the same ruleset compiles to the same
 * order. Falls back to the calling thread when a copy cannot be made. */
static void pool_start(pool *p, const ruleset *rs, scenario_set *set, const scenario **selected,
                       int selected_count, const run_options *opt)
{
    render_options render = p->render;
    memset(p, 0, sizeof *p);
    p->render = render;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_ready, NULL);
    pthread_cond_init(&p->work_done, NULL);
    int threads = opt->threads > 1 ? opt->threads : 1;
    p->workers = xcalloc((size_t)threads, sizeof *p->workers);
    p->allocated = threads;
    for (int t = 0; t < threads; t++) {
        p->workers[t].selected_count = selected_count;
        p->workers[t].batch_errors = xcalloc((size_t)selected_count + 1, sizeof *p->workers[t].batch_errors);
    }
    if (threads == 1) {
        p->worker_count = 1;
        p->workers[0] = (worker){ .pool = p, .sb = set->sb, .selected = selected,
                                  .batch_errors = p->workers[0].batch_errors, .selected_count = selected_count };
        return;
    }
    int *position = xcalloc((size_t)selected_count + 1, sizeof *position);
    for (int i = 0; i < selected_count; i++)
        for (int j = 0; j < set->count; j++)
            if (set->items[j] == selected[i]) position[i] = j;
    for (int t = 0; t < threads; t++) {
        worker *w = &p->workers[t];
        w->pool = p;
        diag_list ignored = { 0 };
        vg_error err;
        bool ok = scenario_set_compile(&w->own, rs, opt->limits, &ignored, &err) == VG_OK &&
                  w->own.count == set->count;
        diag_list_free(&ignored);
        w->selected = xcalloc((size_t)selected_count + 1, sizeof *w->selected);
        for (int i = 0; ok && i < selected_count; i++) {
            w->selected[i] = w->own.items[position[i]];
            ok = scenario_same_shape(w->selected[i], selected[i]);
        }
        w->sb = w->own.sb;
        if (!ok || pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            fprintf(stderr, "vigie: evaluation thread %d not started (%s); evaluating on %d\n", t + 1,
                    ok ? "no thread" : "its copy of the scenarios differs: does a file compute its metadata at load?",
                    t ? t : 1);
            if (w->own.sb) scenario_set_free(&w->own);
            free(w->selected);
            break;
        }
        p->worker_count++;
    }
    free(position);
    if (p->worker_count == 0) {
        for (int t = 0; t < p->allocated; t++) free(p->workers[t].batch_errors);
        free(p->workers);
        pool_start(p, rs, set, selected, selected_count, &(run_options){ .threads = 1, .parse_only = opt->parse_only });
        return;
    }
    p->threaded = true;
}

/* Add every worker's population counts into the run's tables, one per kind. */
static void pool_collect_groups(pool *p, run_summary *sum)
{
    for (int t = 0; t < p->worker_count; t++) {
        worker *w = &p->workers[t];
        for (int k = 0; k < w->group_count; k++) {
            group_table *into = NULL;
            for (int i = 0; i < sum->group_count; i++)
                if (sum->groups[i].schema == w->groups[k].schema) into = &sum->groups[i];
            if (!into && sum->group_count < PIPELINE_MAX_KINDS) {
                into = &sum->groups[sum->group_count++];
                groups_init(into, w->groups[k].schema, p->render.selected_count);
            }
            if (into) groups_add_population(into, &w->groups[k]);
            groups_free(&w->groups[k]);
        }
        w->group_count = 0;
    }
}

static void pool_stop(pool *p)
{
    if (p->threaded) {
        pthread_mutex_lock(&p->lock);
        p->stop = true;
        pthread_cond_broadcast(&p->work_ready);
        pthread_mutex_unlock(&p->lock);
        for (int t = 0; t < p->worker_count; t++) {
            pthread_join(p->workers[t].thread, NULL);
            scenario_set_free(&p->workers[t].own);
            free(p->workers[t].selected);
        }
    }
    for (int t = 0; t < p->allocated; t++) free(p->workers[t].batch_errors);
    free(p->workers);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->work_done);
}

static void pool_submit(pool *p, batch *b)
{
    b->done = false;
    b->next = NULL;
    if (!p->threaded) {
        batch_evaluate(&p->workers[0], b);
        b->done = true;
        return;
    }
    pthread_mutex_lock(&p->lock);
    if (p->tail) p->tail->next = b;
    else p->head = b;
    p->tail = b;
    p->queued++;
    pthread_cond_signal(&p->work_ready);
    pthread_mutex_unlock(&p->lock);
}

static void pool_wait(pool *p, batch *b)
{
    if (!p->threaded) return;
    pthread_mutex_lock(&p->lock);
    if (!b->done) {
        p->awaited = b;
        while (!pool_may_wake(p)) pthread_cond_wait(&p->work_done, &p->lock);
        p->awaited = NULL;
    }
    pthread_mutex_unlock(&p->lock);
}

/* ---- merging, in input order ------------------------------------------------------ */

typedef struct run_state {
    const ruleset *rs;
    const scenario **selected;
    const run_options *opt;
    hit_sink **sinks;
    int sink_count;
    run_summary *sum;
    long long shown;             /* reject and error lines printed */
    pool pool;
    batch *batches;              /* all of them */
    int batch_count;
    batch **flight;              /* submitted, oldest first (a ring) */
    int flight_first, flight_count;
    double started;              /* monotonic seconds */
    atomic_bool *off;            /* per selected scenario: switched off by the breaker */
    long long max_errors;        /* the breaker's limit; <= 0: never */
    long long next_offset;       /* ranges: where the next range must start (the last one merged stopped there) */
    long next_line;
    bool manifest_done;          /* the manifest failed: what is in flight after is dropped */
    long long range_bytes;
    links_index *links[PIPELINE_MAX_KINDS]; /* booking and link indexes, per kind that needs one */
    int links_count;
    bool collecting;             /* the first pass, over the same ranges: fills the indexes */
    ordinal_map *ordinals;       /* the manifest being read: the first pass fills it, the second reads it */
    long long next_ordinal;      /* the second pass, streamed: of the next record read */
} run_state;

static void sink_failure(run_summary *sum, const vg_error *err)
{
    if (!sum->sink_failed) error_format(err, sum->sink_failure, sizeof sum->sink_failure);
    sum->sink_failed = true;
}

/* The run's group table of a record kind (hits counted in input order). */
static group_table *summary_groups(run_summary *sum, const schema *s, int scenario_count)
{
    for (int i = 0; i < sum->group_count; i++)
        if (sum->groups[i].schema == s) return &sum->groups[i];
    if (sum->group_count == PIPELINE_MAX_KINDS) return NULL;
    groups_init(&sum->groups[sum->group_count], s, scenario_count);
    return &sum->groups[sum->group_count++];
}

bool pipeline_control_selected(const char *key, double rate, uint64_t seed)
{
    /* FNV-1a of the key, mixed with the seed by splitmix64's finaliser */
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    h ^= seed + 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return (double)(h >> 11) * 0x1.0p-53 < rate;
}

/* A record in the random control sample goes to the review queue as a control item:
 * no scenario, no score, reviewed like any item, so that the report can compare the
 * confirmed rate of scenario hits with what examination finds without targeting. */
static void merge_control(run_state *st, const record *rec)
{
    if (!pipeline_control_selected(record_key(rec), st->opt->random_rate, st->opt->random_seed)) return;
    st->sum->controls++;
    hit_origin origin = { st->opt->run_id, st->rs->revision };
    size_t len;
    char *json = render_control(rec, &origin, st->opt->random_rate, &len);
    char *identity = render_identity(rec, NULL);
    hit_out out = { .rec = rec, .scenario = -1, .json = json, .json_len = len, .identity_json = identity, .control = true };
    vg_error err;
    for (int s = 0; s < st->sink_count; s++)
        if (st->sinks[s]->takes_controls && st->sinks[s]->write(st->sinks[s], &out, &err) != VG_OK)
            sink_failure(st->sum, &err);
    free(json);
    free(identity);
}

/* The circuit breaker, decided here, in input order: once a scenario's merged error
 * count reaches the limit it is switched off; its later hits and errors are dropped
 * here and workers skip it, so the output is the same at any thread count. */
static void scenario_switch_off(run_state *st, int s, const char *path, long line)
{
    scenario_counts *c = &st->sum->scenarios[s];
    c->switched_off = true;
    snprintf(c->switched_off_at, sizeof c->switched_off_at, "%s:%ld", path, line);
    st->sum->switched_off++;
    atomic_store_explicit(&st->off[s], true, memory_order_relaxed);
    if (st->opt->reject_messages)
        fprintf(stderr, "vigie: %s SWITCHED OFF by the circuit breaker after %lld errors (at %s): "
                        "not evaluated on the rest of the run\n", c->sc->id, c->errors, c->switched_off_at);
}

/* A rejected record: the rejects file, stderr (the first few), the sinks that take them. */
static void merge_reject(run_state *st, const vg_error *reject)
{
    run_summary *sum = st->sum;
    const run_options *opt = st->opt;
    char text[800];
    error_format(reject, text, sizeof text);
    if (opt->rejects_path && !sum->rejects) {
        sum->rejects = strcmp(opt->rejects_path, "-") == 0 ? stdout : fopen(opt->rejects_path, "w");
        if (!sum->rejects) fprintf(stderr, "vigie: cannot create %s; rejects go to stderr only\n", opt->rejects_path);
    }
    if (sum->rejects) fprintf(sum->rejects, "%s\n", text);
    report_line(opt, &st->shown, text);
    for (int s = 0; s < st->sink_count; s++) {
        vg_error werr;
        if (st->sinks[s]->reject && st->sinks[s]->reject(st->sinks[s], reject, &werr) != VG_OK)
            sink_failure(sum, &werr);
    }
}

/* What a batch read and found, dropped unmerged (its range is read again, or its manifest failed). */
static void batch_drop(batch *b)
{
    for (int h = 0; h < b->hit_count; h++) {
        free(b->hits[h].json);
        free(b->hits[h].identity);
    }
    for (int e = 0; e < b->error_count; e++) free(b->errors[e].message);
    b->hit_count = b->error_count = 0;
}

/* The first pass merged a range that really started at start, its first record
 * taking the ordinal first. */
static void ordinal_map_note(ordinal_map *map, long long start, long long first)
{
    if (map->range_count == map->range_capacity) {
        map->range_capacity = map->range_capacity ? map->range_capacity * 2 : 64;
        map->ranges = xreallocarray(map->ranges, map->range_capacity, sizeof *map->ranges);
    }
    map->ranges[map->range_count++] = (ordinal_range){ start, first };
}

static void batch_merge(run_state *st, batch *b, manifest_counts *m)
{
    if (b->collect) { /* the first pass: rows into the index, in input order; nothing else */
        if (b->source) ordinal_map_note(st->ordinals, b->range.start, links_record_count(b->links));
        if (b->rows) links_add(b->links, b->rows);
        m->read += b->count + b->reject_count;
        b->hit_count = b->error_count = 0;
        return;
    }
    run_summary *sum = st->sum;
    const char *path = m->path;
    group_table *g = st->opt->count_groups && b->hit_count ? summary_groups(sum, b->schema, sum->scenario_count) : NULL;
    vg_error err;
    char text[800];
    int h = 0, e = 0, j = 0;
    m->read += b->count + b->reject_count;
    m->evaluated += b->count;
    m->rejected += b->reject_count;
    /* without errors no scenario is switched off within the batch: count it whole */
    bool per_record = b->error_count > 0;
    for (int k = 0; !per_record && k < b->applicable_count; k++) {
        scenario_counts *c = &sum->scenarios[b->applicable[k]];
        if (c->switched_off) c->not_evaluated += b->count;
        else c->evaluated += b->count;
    }
    for (int i = 0; i < b->count; i++) {
        for (; j < b->reject_count && b->rejects[j].before == i; j++) merge_reject(st, &b->rejects[j].err);
        for (int k = 0; per_record && k < b->applicable_count; k++) {
            scenario_counts *c = &sum->scenarios[b->applicable[k]];
            if (c->switched_off) c->not_evaluated++;
            else c->evaluated++;
        }
        for (int s = 0; s < st->sink_count; s++)
            if (st->sinks[s]->record && st->sinks[s]->record(st->sinks[s], b->recs[i], &err) != VG_OK) sink_failure(sum, &err);
        for (; e < b->error_count && b->errors[e].record == i; e++) {
            scenario_counts *c = &sum->scenarios[b->errors[e].scenario];
            if (!c->switched_off) {
                c->errors++;
                snprintf(text, sizeof text, "%s:%ld: %s: error: %s", path, b->recs[i]->line, c->sc->id, b->errors[e].message);
                if (!c->first_error[0]) snprintf(c->first_error, sizeof c->first_error, "%s", text);
                report_line(st->opt, &st->shown, text);
                if (st->max_errors > 0 && c->errors >= st->max_errors)
                    scenario_switch_off(st, b->errors[e].scenario, path, b->recs[i]->line);
            }
            free(b->errors[e].message);
        }
        if (st->opt->random_rate > 0) merge_control(st, b->recs[i]);
        if (g && h < b->hit_count && b->hits[h].record == i) groups_locate(g, b->recs[i]);
        for (; h < b->hit_count && b->hits[h].record == i; h++) {
            batch_hit *bh = &b->hits[h];
            scenario_counts *c = &sum->scenarios[bh->scenario];
            if (!c->switched_off) {
                c->hits++;
                if (g) groups_hit(g, bh->scenario);
                hit_out out = { b->recs[i], c->sc, bh->scenario, bh->score, bh->json, bh->json_len, bh->identity, false };
                for (int s = 0; s < st->sink_count; s++)
                    if (st->sinks[s]->write(st->sinks[s], &out, &err) != VG_OK) sink_failure(sum, &err);
            }
            free(bh->json);
            free(bh->identity);
        }
    }
    for (; j < b->reject_count; j++) merge_reject(st, &b->rejects[j].err);
    b->hit_count = b->error_count = 0;
}

static bool run_should_stop(run_state *st);

/* Merge the oldest batch in flight (waiting for it) and return it for reuse. A range
 * that did not start where the one before it stopped is read again from there. */
static batch *flight_merge_oldest(run_state *st, manifest_counts *m)
{
    batch *b = st->flight[st->flight_first];
    st->flight_first = (st->flight_first + 1) % st->batch_count;
    st->flight_count--;
    pool_wait(&st->pool, b);
    if (st->manifest_done) { /* an earlier batch failed: nothing after it counts */
        batch_drop(b);
        return b;
    }
    if (b->source) {
        while (!b->fatal && b->range.start != st->next_offset) {
            batch_drop(b);
            b->range.start = st->next_offset;
            b->range.line = st->next_line;
            b->forget = true;
            pool_submit(&st->pool, b);
            pool_wait(&st->pool, b);
        }
        st->next_offset = b->stop;
        st->next_line = b->stop_line;
    }
    batch_merge(st, b, m);
    if (b->fatal) {
        st->manifest_done = true;
        if (!st->collecting && !run_should_stop(st)) { /* the second pass reports it */ /* else the signal broke a blocking read (a pipe): interrupted, not a bad input */
            error_format(&b->fatal_error, m->failure, sizeof m->failure);
            m->failed = true;
            fprintf(stderr, "vigie: %s\n", m->failure);
        }
    }
    return b;
}

/* A batch not in flight: a fresh one while there are, else the oldest, merged. */
static batch *batch_acquire(run_state *st, manifest_counts *m, int *fresh_used)
{
    if (*fresh_used < st->batch_count) return &st->batches[(*fresh_used)++];
    return flight_merge_oldest(st, m);
}

static void batch_free_records(batch *b)
{
    for (int i = 0; i < b->capacity; i++) {
        record_free(b->recs[i]);
        free(b->recs[i]);
    }
    free(b->recs);
    b->recs = NULL;
    b->capacity = 0;
}

static void batch_prepare(batch *b, const schema *s, const int *applicable, int applicable_count)
{
    if (b->schema != s) {
        batch_free_records(b);
        b->schema = s;
    }
    b->count = b->reject_count = 0;
    b->fatal = b->forget = false;
    b->source = NULL;
    b->collect = false;
    b->links = NULL;
    b->ordinals = NULL;
    b->first_ordinal = -1;
    b->applicable = applicable;
    b->applicable_count = applicable_count;
}

/* Between batches: a signal or the deadline stops the reading; what is in flight
 * is still evaluated and merged, so the counts stay whole (read = evaluated + rejected). */
static bool run_should_stop(run_state *st)
{
    run_summary *sum = st->sum;
    if (sum->interrupted) return true;
    const run_options *opt = st->opt;
    if (opt->stop && *opt->stop) {
        snprintf(sum->interrupted_by, sizeof sum->interrupted_by, "%s",
                 *opt->stop == SIGINT ? "SIGINT" : *opt->stop == SIGTERM ? "SIGTERM" : "a signal");
        sum->interrupted = true;
    } else if (opt->deadline > 0 && now_seconds() - st->started > opt->deadline) {
        snprintf(sum->interrupted_by, sizeof sum->interrupted_by, "the deadline (%.0f s)", opt->deadline);
        sum->interrupted = true;
    }
    return sum->interrupted;
}

/* The manifest's next range: split off the file, noted in the first pass, replayed
 * from the note in the second. False at the end (or on an error, in err). */
static bool next_range(run_state *st, reader *r, ordinal_map *map, reader_range *range, vg_error *err)
{
    if (!st->collecting && map->splits_whole) {
        if (map->split_next == map->split_count) return false;
        *range = map->splits[map->split_next++];
        return true;
    }
    bool more = reader_split(r, st->range_bytes, range, err);
    if (!st->collecting) return more;
    if (!more) {
        map->splits_whole = !err->message[0];
        return false;
    }
    if (map->split_count == map->split_capacity) {
        map->split_capacity = map->split_capacity ? map->split_capacity * 2 : 64;
        map->splits = xreallocarray(map->splits, map->split_capacity, sizeof *map->splits);
    }
    map->splits[map->split_count++] = *range;
    return true;
}

/* One manifest: fill batches (or hand out ranges), evaluate, merge in order;
 * everything is merged (and the batches' records no longer point into a reader)
 * when it returns. */
/* ---- inputs read twice ------------------------------------------------------------ */

/* Standard input read by both passes: a file given on it is read again from where it
 * started (*start); a pipe is first copied into an unlinked temporary file (in
 * TMPDIR, else /tmp) put in its place. False with why when that cannot be done. */
static bool pipeline_stdin_rewindable(const run_options *opt, off_t *start, char *why, size_t why_size)
{
    struct stat sb;
    if (fstat(STDIN_FILENO, &sb) == 0 && S_ISREG(sb.st_mode)) {
        *start = lseek(STDIN_FILENO, 0, SEEK_CUR);
        if (*start >= 0) return true;
    }
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/vigie-stdin-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, why_size, "cannot make a temporary file in %s to read standard input twice: %s", dir,
                 strerror(errno));
        return false;
    }
    unlink(path);
    char *buf = xmalloc(1 << 16);
    bool ok = true;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, 1 << 16);
        if (n == 0) break;
        if (n < 0 && errno == EINTR && !(opt->stop && *opt->stop)) continue;
        if (n < 0) {
            snprintf(why, why_size, "cannot read standard input: %s", strerror(errno));
            ok = false;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t w = write(fd, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) {
                snprintf(why, why_size, "cannot copy standard input into %s (to read it twice): %s", dir,
                         strerror(errno));
                ok = false;
            } else {
                done += w;
            }
        }
        if (!ok) break;
    }
    free(buf);
    if (ok && (dup2(fd, STDIN_FILENO) < 0 || lseek(STDIN_FILENO, 0, SEEK_SET) != 0)) {
        snprintf(why, why_size, "cannot put the copy of standard input in its place: %s", strerror(errno));
        ok = false;
    }
    close(fd);
    *start = 0;
    return ok;
}

static void pipeline_manifest(run_state *st, const char *path, ordinal_map *ordinals, manifest_counts *m)
{
    const run_options *opt = st->opt;
    run_summary *sum = st->sum;
    vg_error err;
    m->path = path;
    reader *r = reader_open(path, &st->rs->schemas, opt->kind, &err);
    if (!r) {
        error_format(&err, m->failure, sizeof m->failure);
        m->failed = true;
        fprintf(stderr, "vigie: %s\n", m->failure);
        return;
    }
    const schema *s = reader_schema(r);
    m->kind = s->kind;
    links_index *links = links_find(st->links, st->links_count, s);
    if (st->collecting && !links) { /* no scenario of this kind reads bookings or links */
        reader_close(r);
        return;
    }
    st->ordinals = ordinals;
    if (st->collecting) {
        ordinals->first = links_record_count(links);
        ordinals->range_count = ordinals->split_count = 0;
        ordinals->splits_whole = false;
        /* the first pass reads only what the index keeps (and checks the rest) */
        bool *read = xcalloc((size_t)s->field_count + 1, sizeof *read);
        links_fields_read(links, read);
        reader_keep_only(r, read);
        free(read);
    }
    st->next_ordinal = ordinals->first;
    ordinals->split_next = 0;
    int *applicable = xmalloc(sizeof *applicable * (size_t)(sum->scenario_count + 1));
    int applicable_count = 0;
    for (int i = 0; i < sum->scenario_count; i++)
        if (strcmp(st->selected[i]->kind, s->kind) == 0) applicable[applicable_count++] = i;

    /* ranges when several threads can read them; one thread streams (no second pass) */
    bool ranged = st->pool.threaded && reader_splittable(r);
    st->next_offset = reader_position(r, &st->next_line);
    st->manifest_done = false;
    double start = now_seconds(), last = start;
    int fresh_used = 0;
    bool more = !sum->interrupted;
    while (more) {
        batch *b = batch_acquire(st, m, &fresh_used);
        batch_prepare(b, s, applicable, opt->parse_only || st->collecting ? 0 : applicable_count);
        b->links = links;
        b->collect = st->collecting;
        if (links && !st->collecting) b->ordinals = ordinals;
        b->off = st->off;
        b->max_errors = st->max_errors;
        if (ranged) {
            error_clear(&err);
            if (next_range(st, r, ordinals, &b->range, &err)) {
                b->source = r;
            } else {
                more = false;
                if (err.message[0]) {
                    b->fatal = true;
                    b->fatal_error = err;
                }
            }
        } else {
            more = batch_read(b, r, BATCH_RECORDS);
            /* streamed: the records come in input order, as in the first pass */
            if (b->ordinals && st->next_ordinal + b->count <= ordinals->first + ordinals->count)
                b->first_ordinal = st->next_ordinal;
            st->next_ordinal += b->count;
        }
        if (st->manifest_done) more = false;
        if (opt->progress && !st->collecting) {
            double t = now_seconds();
            if (t - last > 0.5) {
                m->bytes = ranged ? st->next_offset : reader_bytes_read(r);
                progress_line(m, reader_splittable(r) ? reader_file_size(r) : 0, t - start, stderr);
                last = t;
            }
        }
        if (run_should_stop(st)) more = false;
        /* even an empty batch goes through the ring, so that it comes back in turn */
        pool_submit(&st->pool, b);
        st->flight[(st->flight_first + st->flight_count) % st->batch_count] = b;
        st->flight_count++;
    }
    while (st->flight_count) flight_merge_oldest(st, m);
    if (st->collecting) ordinals->count = links_record_count(links) - ordinals->first;
    st->ordinals = NULL;
    m->bytes = ranged ? st->next_offset : reader_bytes_read(r);
    if (ranged && m->bytes > reader_file_size(r)) m->bytes = reader_file_size(r);
    if (opt->progress) fputs("\r\033[K", stderr);
    /* the workers' readers of this file go before it (they share its warnings) */
    for (int t = 0; t < st->pool.worker_count; t++) {
        reader_close(st->pool.workers[t].range_reader);
        st->pool.workers[t].range_reader = NULL;
        st->pool.workers[t].range_source = NULL;
    }
    reader_close(r);
    free(applicable);
}

void pipeline_run(const ruleset *rs, scenario_set *set, const scenario **selected, int selected_count,
                  char **manifests, int manifest_count, const run_options *opt,
                  hit_sink **sinks, int sink_count, run_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->manifests = xcalloc((size_t)(manifest_count + 1), sizeof *sum->manifests);
    sum->scenarios = xcalloc((size_t)(selected_count + 1), sizeof *sum->scenarios);
    sum->manifest_count = manifest_count;
    sum->scenario_count = selected_count;
    for (int i = 0; i < selected_count; i++) sum->scenarios[i].sc = selected[i];

    run_state st;
    memset(&st, 0, sizeof st);
    st.rs = rs;
    st.selected = selected;
    st.opt = opt;
    st.sinks = sinks;
    st.sink_count = sink_count;
    st.sum = sum;
    st.max_errors = opt->max_errors ? opt->max_errors : PIPELINE_MAX_ERRORS;
    const char *range_bytes = getenv("VIGIE_RANGE_BYTES");
    st.range_bytes = range_bytes && atoll(range_bytes) > 0 ? atoll(range_bytes) : RANGE_BYTES;
    st.off = xcalloc((size_t)selected_count + 1, sizeof *st.off);
    for (int i = 0; i <= selected_count; i++) atomic_init(&st.off[i], false);
    double start = now_seconds();
    st.started = start;
    if (opt->count_groups) {
        sum->groups = xcalloc(PIPELINE_MAX_KINDS, sizeof *sum->groups);
    }
    st.pool.render = (render_options){ .origin = { opt->run_id, rs->revision }, .count_groups = opt->count_groups,
                                       .selected_count = selected_count };
    for (int i = 0; i < sink_count; i++) {
        st.pool.render.json |= sinks[i]->wants_json;
        st.pool.render.identity |= sinks[i]->wants_identity;
    }
    render_scenario **fragments = xcalloc((size_t)selected_count + 1, sizeof *fragments);
    for (int i = 0; st.pool.render.json && i < selected_count; i++) fragments[i] = render_prepare(selected[i], 0);
    st.pool.render.fragments = fragments;
    pool_start(&st.pool, rs, set, selected, selected_count, opt);
    sum->threads = st.pool.threaded ? st.pool.worker_count : 1;
    /* enough batches to keep every worker busy while the oldest is merged */
    st.batch_count = st.pool.threaded ? 2 * st.pool.worker_count + 2 : 1;
    st.batches = xcalloc((size_t)st.batch_count, sizeof *st.batches);
    st.flight = xcalloc((size_t)st.batch_count, sizeof *st.flight);

    /* Booking and link values need the whole run: a first pass over the same ranges
     * (in parallel) extracts a compact row per record into the indexes, built before
     * the evaluation pass reads them. Standard input cannot be read twice. */
    bool *refused = xcalloc((size_t)manifest_count + 1, sizeof *refused);
    ordinal_map *ordinals = xcalloc((size_t)manifest_count + 1, sizeof *ordinals);
    char (*refusals)[600] = xcalloc((size_t)manifest_count + 1, sizeof *refusals);
    off_t stdin_start = 0; /* where standard input starts again for the evaluation pass */
    if (!opt->parse_only) {
        const scenario **planned = xcalloc((size_t)(selected_count + opt->index_for_count + 1), sizeof *planned);
        for (int i = 0; i < selected_count; i++) planned[i] = selected[i];
        for (int i = 0; i < opt->index_for_count; i++) planned[selected_count + i] = opt->index_for[i];
        st.links_count = links_plan((const struct scenario *const *)planned, selected_count + opt->index_for_count,
                                    st.links, PIPELINE_MAX_KINDS);
        free(planned);
    }
    if (st.links_count) {
        double links_start = now_seconds();
        vg_error herr;
        for (int k = 0; k < st.links_count && opt->links_prepare; k++)
            if (opt->links_prepare(opt->links_ctx, st.links[k], &herr) != VG_OK) sink_failure(sum, &herr);
        st.collecting = true;
        for (int i = 0; i < manifest_count && !sum->interrupted; i++) {
            struct stat sb;
            if (strcmp(manifests[i], "-") == 0) {
                if (!pipeline_stdin_rewindable(opt, &stdin_start, refusals[i], sizeof refusals[i])) {
                    refused[i] = true;
                    continue;
                }
            } else if (stat(manifests[i], &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
                snprintf(refusals[i], sizeof refusals[i], "%s: the scenarios read booking or link values, which need "
                         "two passes over the input, and this is not a regular file (a pipe or a device) that can "
                         "be read twice: give it on standard input (vigie copies it first) or write it to a file",
                         manifests[i]);
                refused[i] = true;
                continue;
            }
            manifest_counts scratch;
            memset(&scratch, 0, sizeof scratch);
            pipeline_manifest(&st, manifests[i], &ordinals[i], &scratch);
        }
        st.collecting = false;
        for (int k = 0; k < st.links_count; k++) {
            if (opt->links_collected && !sum->interrupted &&
                opt->links_collected(opt->links_ctx, st.links[k], &herr) != VG_OK)
                sink_failure(sum, &herr);
            sum->links_history += (long long)links_history_count(st.links[k]);
            links_build(st.links[k], st.pool.threaded ? st.pool.worker_count : 1);
            sum->links_records += links_record_count(st.links[k]);
            sum->links_bytes += links_memory(st.links[k]);
        }
        sum->links_seconds = now_seconds() - links_start;
    }

    if (opt->index_out) { /* the indexes only: the caller evaluates */
        for (int k = 0; k < st.links_count; k++) opt->index_out[k] = st.links[k];
        *opt->index_out_count = st.links_count;
        st.links_count = 0;
        manifest_count = 0;
    }
    for (int i = 0; i < manifest_count; i++) {
        manifest_counts *m = &sum->manifests[i];
        if (refused[i]) {
            m->path = manifests[i];
            m->failed = true;
            snprintf(m->failure, sizeof m->failure, "%s", refusals[i]);
            fprintf(stderr, "vigie: %s\n", m->failure);
            continue;
        }
        if (st.links_count && strcmp(manifests[i], "-") == 0) lseek(STDIN_FILENO, stdin_start, SEEK_SET);
        pipeline_manifest(&st, manifests[i], &ordinals[i], m);
        sum->read += m->read;
        sum->evaluated += m->evaluated;
        sum->rejected += m->rejected;
        sum->bytes += m->bytes;
    }
    if (opt->count_groups) pool_collect_groups(&st.pool, sum);
    pool_stop(&st.pool);
    for (int b = 0; b < st.batch_count; b++) {
        batch_free_records(&st.batches[b]);
        free(st.batches[b].rejects);
        free(st.batches[b].hits);
        free(st.batches[b].errors);
    }
    for (int b = 0; b < st.batch_count; b++) links_rows_free(st.batches[b].rows);
    free(st.batches);
    free(st.flight);
    for (int k = 0; k < st.links_count; k++) links_free(st.links[k]);
    free(refused);
    free(refusals);
    for (int i = 0; i < sum->manifest_count; i++) {
        free(ordinals[i].ranges);
        free(ordinals[i].splits);
    }
    free(ordinals);
    for (int i = 0; i < selected_count; i++) render_scenario_free(fragments[i]);
    free(fragments);
    free(st.off);
    sum->seconds = now_seconds() - start;
    if (sum->rejects && (sum->rejects == stdout ? fflush(stdout) : fclose(sum->rejects)) != 0)
        fprintf(stderr, "vigie: cannot write %s\n", opt->rejects_path);
    sum->rejects = NULL;
    for (int i = 0; i < selected_count; i++) {
        sum->hits += sum->scenarios[i].hits;
        sum->errors += sum->scenarios[i].errors;
    }
}

int pipeline_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

int pipeline_parse_threads(const char *text)
{
    char *end;
    long n = strtol(text, &end, 10);
    return *text && !*end && n >= 1 && n <= PIPELINE_MAX_THREADS ? (int)n : 0;
}

static void print_count(FILE *out, long long v)
{
    /* thousands separated by a thin comma for the eye: 1,234,567 */
    char buf[32], grouped[48];
    int n = snprintf(buf, sizeof buf, "%lld", v), g = 0;
    for (int i = 0; i < n; i++) {
        grouped[g++] = buf[i];
        if (buf[i] != '-' && (n - i - 1) % 3 == 0 && i != n - 1) grouped[g++] = ',';
    }
    grouped[g] = '\0';
    fprintf(out, "%12s", grouped);
}

void run_summary_print(const run_summary *s, const run_options *opt, FILE *out)
{
    fprintf(out, "\nvigie run %s%s\n", opt->run_id ? opt->run_id : "", opt->parse_only ? " (parse only: nothing evaluated against scenarios)" : "");
    fprintf(out, "  %-40s %12s %12s %12s\n", "manifest", "read", "evaluated", "rejected");
    for (int i = 0; i < s->manifest_count; i++) {
        const manifest_counts *m = &s->manifests[i];
        const char *p = m->path;
        size_t len = strlen(p);
        fprintf(out, "  %-40s ", len > 40 ? p + len - 40 : p);
        print_count(out, m->read);
        fputc(' ', out);
        print_count(out, m->evaluated);
        fputc(' ', out);
        print_count(out, m->rejected);
        if (m->failed) fputs("  FAILED (see above)", out);
        fputc('\n', out);
    }
    fprintf(out, "  %-40s ", "total (read = evaluated + rejected)");
    print_count(out, s->read);
    fputc(' ', out);
    print_count(out, s->evaluated);
    fputc(' ', out);
    print_count(out, s->rejected);
    fputc('\n', out);
    if (!opt->parse_only) {
        fprintf(out, "\n  %-40s %-20s %12s %12s\n", "scenario", "subject", "hits", "errors");
        int other_kinds = 0;
        for (int i = 0; i < s->scenario_count; i++) {
            const scenario_counts *c = &s->scenarios[i];
            if (c->evaluated == 0) { /* no record of its kind in these manifests */
                other_kinds++;
                continue;
            }
            fprintf(out, "  %-40s %-20s ", c->sc->id, scenario_subject_name(c->sc->subject));
            print_count(out, c->hits);
            fputc(' ', out);
            print_count(out, c->errors);
            fputc('\n', out);
            if (c->first_error[0]) fprintf(out, "      first error: %s\n", c->first_error);
            if (c->switched_off)
                fprintf(out, "      SWITCHED OFF by the circuit breaker at %s (%lld errors); not evaluated on the %lld records after\n",
                        c->switched_off_at, c->errors, c->not_evaluated);
        }
        if (other_kinds)
            fprintf(out, "  (%d selected scenario%s of record kinds not in these manifests)\n", other_kinds,
                    other_kinds == 1 ? "" : "s");
        fprintf(out, "  %-61s ", "total");
        print_count(out, s->hits);
        fputc(' ', out);
        print_count(out, s->errors);
        fputc('\n', out);
        if (opt->random_rate > 0)
            fprintf(out, "  %lld record%s sampled as random control items (rate %g, seed %llu)\n", s->controls,
                    s->controls == 1 ? "" : "s", opt->random_rate, (unsigned long long)opt->random_seed);
        if (s->switched_off)
            fprintf(out, "  %d scenario%s SWITCHED OFF by the circuit breaker (after %lld errors each): their hits stop there\n",
                    s->switched_off, s->switched_off == 1 ? "" : "s",
                    opt->max_errors > 0 ? opt->max_errors : (long long)PIPELINE_MAX_ERRORS);
    }
    double rate = s->seconds > 0 ? (double)s->read / s->seconds : 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(out, "\n  %.2f s, %.0f records/s, %.1f MB/s, peak memory %.1f MB, %d evaluation thread%s\n", s->seconds, rate,
            s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0, (double)ru.ru_maxrss / 1024.0, s->threads,
            s->threads == 1 ? "" : "s");
    if (s->links_records)
        fprintf(out, "  booking and link index: %lld records (%lld from earlier runs in the store), %.1f MB, built in %.2f s "
                     "(a first pass over the input)\n",
                s->links_records, s->links_history, (double)s->links_bytes / 1e6, s->links_seconds);
    if (s->interrupted)
        fprintf(out, "  INTERRUPTED by %s: the records above were read and evaluated; the rest of the input was not read\n",
                s->interrupted_by);
    if (s->sink_failed) fprintf(out, "  HITS OUTPUT FAILED: %s\n", s->sink_failure);
}

void run_summary_free(run_summary *s)
{
    for (int i = 0; i < s->group_count; i++) groups_free(&s->groups[i]);
    free(s->groups);
    free(s->manifests);
    free(s->scenarios);
    memset(s, 0, sizeof *s);
}
