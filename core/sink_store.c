/* sink_store.c - the review store as a hit sink: a writer thread of its own, a bounded queue, batched transactions. */
#include "sink_store.h"
#include "links.h"
#include "store_links.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xalloc.h"

#define QUEUE_MAX 8192          /* messages waiting for the writer; the merge waits beyond it */
#define TXN_MAX_ROWS 4096       /* rows per transaction */
#define TXN_MAX_SECONDS 0.25    /* or this long, so officers see a long run's hits as it goes */

typedef enum { MSG_HIT, MSG_REJECT } msg_kind;

/* One message owns its strings (the record they come from is reused after the call). */
typedef struct msg {
    msg_kind kind;
    struct msg *next;
    store_hit hit;               /* MSG_HIT */
    long line;                   /* MSG_REJECT */
    char *text[8];               /* owned strings */
} msg;

typedef struct store_sink {
    hit_sink base;
    store *st;
    char *run_id, *ruleset_revision;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    msg *head, *tail;
    int queued;
    bool stopping, failed, started;
    vg_error failure;            /* the first write failure */
    long long written;
    int link_days;               /* how far back link values see earlier runs */
    char **input_sha;            /* sha256 per input learnt during the run, or NULL */
    int input_sha_count;
} store_sink;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_or_empty(const char *s)
{
    char *d = xstrdup(s ? s : "");
    return d;
}

static void msg_free(msg *m)
{
    for (int i = 0; i < 8; i++) free(m->text[i]);
    free(m);
}

/* ---- the writer thread --------------------------------------------------------- */

static int writer_one(store_sink *s, msg *m, vg_error *err)
{
    if (m->kind == MSG_HIT) return store_hit_add(s->st, &m->hit, NULL, err);
    return store_reject_add(s->st, s->run_id, m->text[0], m->line, m->text[1], m->text[2], err);
}

static void writer_fail(store_sink *s, const vg_error *err)
{
    pthread_mutex_lock(&s->lock);
    if (!s->failed) s->failure = *err;
    s->failed = true;
    pthread_mutex_unlock(&s->lock);
}

static void *writer_main(void *arg)
{
    store_sink *s = arg;
    bool in_txn = false;
    double txn_start = 0;
    int txn_rows = 0;
    vg_error err;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        if (!s->head) {
            if (s->stopping) break;
            if (in_txn) {
                /* idle with rows pending: commit them before waiting long */
                pthread_mutex_unlock(&s->lock);
                if (store_commit(s->st, &err) != VG_OK) writer_fail(s, &err);
                in_txn = false;
                pthread_mutex_lock(&s->lock);
                continue;
            }
            pthread_cond_wait(&s->not_empty, &s->lock);
            continue;
        }
        msg *batch = s->head;
        s->head = s->tail = NULL;
        s->queued = 0;
        bool failed = s->failed;
        pthread_cond_broadcast(&s->not_full);
        pthread_mutex_unlock(&s->lock);

        while (batch) {
            msg *m = batch;
            batch = m->next;
            if (!failed) {
                if (!in_txn) {
                    if (store_begin(s->st, &err) != VG_OK) {
                        writer_fail(s, &err);
                        failed = true;
                    } else {
                        in_txn = true;
                        txn_start = now_seconds();
                        txn_rows = 0;
                    }
                }
                if (!failed && writer_one(s, m, &err) != VG_OK) {
                    store_rollback(s->st);
                    in_txn = false;
                    writer_fail(s, &err);
                    failed = true;
                }
                if (!failed) {
                    if (m->kind == MSG_HIT) s->written++;
                    if (++txn_rows >= TXN_MAX_ROWS || now_seconds() - txn_start > TXN_MAX_SECONDS) {
                        if (store_commit(s->st, &err) != VG_OK) {
                            writer_fail(s, &err);
                            failed = true;
                        }
                        in_txn = false;
                    }
                }
            }
            msg_free(m);
        }
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    if (in_txn && store_commit(s->st, &err) != VG_OK) writer_fail(s, &err);
    return NULL;
}

/* ---- the merge's side: copy into the queue ------------------------------------- */

static int sink_enqueue(store_sink *s, msg *m, vg_error *err)
{
    pthread_mutex_lock(&s->lock);
    while (s->queued >= QUEUE_MAX && !s->failed) pthread_cond_wait(&s->not_full, &s->lock);
    if (s->failed) {
        if (err) *err = s->failure;
        pthread_mutex_unlock(&s->lock);
        msg_free(m);
        return VG_ERR;
    }
    if (s->tail) s->tail->next = m;
    else s->head = m;
    s->tail = m;
    s->queued++;
    pthread_cond_signal(&s->not_empty);
    pthread_mutex_unlock(&s->lock);
    return VG_OK;
}

static int store_sink_write(hit_sink *sink, const hit_out *h, vg_error *err)
{
    store_sink *s = (store_sink *)sink;
    msg *m = xcalloc(1, sizeof *m);
    m->kind = MSG_HIT;
    const record *rec = h->rec;
    const schema *sch = rec->schema;
    const value *group = sch->group_index >= 0 ? record_get(rec, sch->group_index) : NULL;
    /* no booking reference: the traveller is an item of their own */
    const char *group_key = group && group->kind == V_STRING ? group->as.s : record_key(rec);
    m->text[0] = dup_or_empty(record_key(rec));
    if (h->control) {
        /* a control is an item of its own, apart from any hit of its booking or shipment */
        size_t n = strlen(group_key) + sizeof "control:";
        m->text[1] = xmalloc(n);
        snprintf(m->text[1], n, "control:%s", group_key);
    } else {
        m->text[1] = dup_or_empty(group_key);
    }
    m->text[2] = dup_or_empty(rec->source);
    m->text[3] = dup_or_empty(h->identity_json);
    m->text[4] = xmalloc(h->json_len + 1);
    memcpy(m->text[4], h->json, h->json_len);
    m->text[4][h->json_len] = '\0';
    /* the scenario's strings live as long as the run's compiled set, beyond the sink */
    m->hit = (store_hit){ .run_id = s->run_id, .record_kind = sch->kind, .record_key = m->text[0],
                          .group_key = m->text[1], .source = m->text[2], .line = rec->line, .score = h->score,
                          .identity_json = m->text[3], .explanation_json = m->text[4], .control = h->control };
    if (h->control) {
        m->hit.scenario_id = STORE_CONTROL_SCENARIO;
        m->hit.scenario_revision = s->ruleset_revision;
        m->hit.subject = "other";
    } else {
        m->hit.scenario_id = h->sc->id;
        m->hit.scenario_revision = h->sc->revision;
        m->hit.subject = scenario_subject_name(h->sc->subject);
        m->hit.threshold = h->sc->threshold;
    }
    return sink_enqueue(s, m, err);
}

static int store_sink_reject(hit_sink *sink, const vg_error *reject, vg_error *err)
{
    store_sink *s = (store_sink *)sink;
    msg *m = xcalloc(1, sizeof *m);
    m->kind = MSG_REJECT;
    m->line = reject->line;
    m->text[0] = dup_or_empty(reject->file);
    m->text[1] = dup_or_empty(reject->field[0] ? reject->field : "(line)");
    m->text[2] = dup_or_empty(reject->message);
    return sink_enqueue(s, m, err);
}

/* Stop the writer and wait for it: every queued message is written or dropped. */
static void sink_store_drain(store_sink *s)
{
    if (!s->started) return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->not_empty);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    s->started = false;
}

static int store_sink_close(hit_sink *sink, vg_error *err)
{
    store_sink *s = (store_sink *)sink;
    sink_store_drain(s);
    int rc = s->failed ? VG_ERR : VG_OK;
    if (s->failed && err) *err = s->failure;
    while (s->head) {
        msg *m = s->head;
        s->head = m->next;
        msg_free(m);
    }
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->not_empty);
    pthread_cond_destroy(&s->not_full);
    for (int i = 0; i < s->input_sha_count; i++) free(s->input_sha[i]);
    free(s->input_sha);
    free(s->run_id);
    free(s->ruleset_revision);
    free(s);
    return rc;
}

void sink_store_input_sha(hit_sink *sink, int i, const char *sha256)
{
    store_sink *s = (store_sink *)sink;
    if (i < 0 || !sha256 || !*sha256) return;
    if (i >= s->input_sha_count) {
        s->input_sha = xreallocarray(s->input_sha, (size_t)i + 1, sizeof *s->input_sha);
        memset(s->input_sha + s->input_sha_count, 0, (size_t)(i + 1 - s->input_sha_count) * sizeof *s->input_sha);
        s->input_sha_count = i + 1;
    }
    free(s->input_sha[i]);
    s->input_sha[i] = xstrdup(sha256);
}

hit_sink *sink_store_open(store *st, const char *run_id, const char *ruleset_revision, vg_error *err)
{
    store_sink *s = xcalloc(1, sizeof *s);
    s->base = (hit_sink){ .name = "store", .wants_json = true, .wants_identity = true, .takes_controls = true,
                          .reject = store_sink_reject, .write = store_sink_write, .close = store_sink_close };
    s->st = st;
    s->run_id = dup_or_empty(run_id);
    s->ruleset_revision = dup_or_empty(ruleset_revision);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->not_empty, NULL);
    pthread_cond_init(&s->not_full, NULL);
    if (pthread_create(&s->thread, NULL, writer_main, s) != 0) {
        error_set(err, store_file(st), 0, NULL, "cannot start the store's writer thread");
        store_sink_close(&s->base, NULL);
        return NULL;
    }
    s->started = true;
    return &s->base;
}

long long sink_store_hits(const hit_sink *sink)
{
    return ((const store_sink *)sink)->written;
}

/* Population per protected group, and each scenario's hits per group. */
static int sink_store_groups(store_sink *s, const run_summary *sum, vg_error *err)
{
    for (int t = 0; t < sum->group_count; t++) {
        const group_table *g = &sum->groups[t];
        for (int i = 0; i < g->count; i++) {
            const char *field = g->schema->fields[g->fields[g->field_of[i]]].name;
            if (store_population_add(s->st, s->run_id, g->schema->kind, field, g->labels[i], g->population[i],
                                     g->any_hit[i], err) != VG_OK)
                return VG_ERR;
            for (int k = 0; k < g->scenario_count && k < sum->scenario_count; k++) {
                long long hits = g->hits[(size_t)i * (size_t)g->scenario_count + (size_t)k];
                if (hits && store_group_hits_add(s->st, s->run_id, sum->scenarios[k].sc->id, field, g->labels[i], hits,
                                                 err) != VG_OK)
                    return VG_ERR;
            }
        }
    }
    return VG_OK;
}

int sink_store_finish(hit_sink *sink, const run_summary *sum, const char *status, const char *failure, vg_error *err)
{
    store_sink *s = (store_sink *)sink;
    sink_store_drain(s);
    int rc = VG_OK;
    vg_error first;
    if (s->failed) {
        /* hits are missing: the run cannot be complete */
        first = s->failure;
        status = "failed";
        char why[700];
        error_format(&s->failure, why, sizeof why);
        failure = why;
        rc = VG_ERR;
        if (err) *err = first;
    }
    if (rc == VG_OK) {
        if (store_begin(s->st, err) != VG_OK) rc = VG_ERR;
        else if (sink_store_groups(s, sum, err) != VG_OK) {
            store_rollback(s->st);
            rc = VG_ERR;
        } else if (store_commit(s->st, err) != VG_OK) {
            rc = VG_ERR;
        }
        if (rc != VG_OK) status = "failed";
    }
    store_input_counts *inputs = xcalloc((size_t)sum->manifest_count + 1, sizeof *inputs);
    store_scenario_counts *scenarios = xcalloc((size_t)sum->scenario_count + 1, sizeof *scenarios);
    for (int i = 0; i < sum->manifest_count; i++) {
        const manifest_counts *m = &sum->manifests[i];
        inputs[i] = (store_input_counts){ m->kind, m->read, m->evaluated, m->rejected, m->failed, m->failure,
                                          i < s->input_sha_count ? s->input_sha[i] : NULL };
    }
    for (int i = 0; i < sum->scenario_count; i++) {
        const scenario_counts *c = &sum->scenarios[i];
        scenarios[i] = (store_scenario_counts){ .id = c->sc->id, .evaluated = c->evaluated, .hits = c->hits,
                                                .errors = c->errors, .first_error = c->first_error,
                                                .switched_off = c->switched_off };
    }
    store_run_end end = { .status = status, .failure = failure, .read = sum->read, .evaluated = sum->evaluated,
                          .rejected = sum->rejected, .hits = sum->hits, .errors = sum->errors, .seconds = sum->seconds,
                          .inputs = inputs, .input_count = sum->manifest_count, .scenarios = scenarios,
                          .scenario_count = sum->scenario_count };
    vg_error ferr;
    if (store_run_finish(s->st, s->run_id, &end, &ferr) != VG_OK && rc == VG_OK) {
        if (err) *err = ferr;
        rc = VG_ERR;
    }
    free(inputs);
    free(scenarios);
    return rc;
}

/* ---- link history ---------------------------------------------------------------- */

void sink_store_link_days(hit_sink *sink, int days) { ((store_sink *)sink)->link_days = days; }

typedef struct history_add {
    links_index *ix;
    int link;
} history_add;

static void history_row(void *ctx, const store_link_row *row)
{
    history_add *h = ctx;
    if (links_history_wanted(h->ix, h->link, row->value))
        links_add_history(h->ix, h->link, row->value, row->booking, row->surname, row->record_key, row->booking_ref);
}

int sink_store_links_prepare(void *ctx, links_index *ix, vg_error *err)
{
    store_sink *s = ctx;
    unsigned char key[LINKS_HASH_KEY_BYTES];
    if (store_links_hash_key(s->st, key, err) != VG_OK) return VG_ERR;
    links_set_hash_key(ix, key);
    return VG_OK;
}

/* The earlier runs' rows that share a value with this run (the rest is streamed past). */
static int links_history_load(store_sink *s, links_index *ix, vg_error *err)
{
    const schema *sch = links_schema(ix);
    for (int i = 0; i < sch->link_count; i++) {
        if (!(links_key_mask(ix) & (1u << i))) continue;
        history_add h = { ix, i };
        if (store_links_each(s->st, sch->kind, sch->links[i].name, s->link_days, s->run_id, history_row, &h, err) != VG_OK)
            return VG_ERR;
    }
    return VG_OK;
}

#define HISTORY_CHUNK 8192

typedef struct history_keep {
    store_sink *s;
    const char *kind;
    store_link_row rows[HISTORY_CHUNK];
    size_t count;
    int rc;
    vg_error *err;
} history_keep;

static void history_flush(history_keep *k)
{
    if (k->rc == VG_OK && k->count) k->rc = store_links_add(k->s->st, k->s->run_id, k->kind, k->rows, k->count, k->err);
    k->count = 0;
}

static void history_keep_row(void *ctx, const links_row *row)
{
    history_keep *k = ctx;
    k->rows[k->count++] = (store_link_row){ row->link, row->value, row->group, row->surname, row->record_key, row->group_ref };
    if (k->count == HISTORY_CHUNK) history_flush(k);
}

int sink_store_links_collected(void *ctx, links_index *ix, vg_error *err)
{
    if (((store_sink *)ctx)->link_days <= 0) return VG_OK; /* no link history: nothing read, nothing kept */
    if (links_history_load(ctx, ix, err) != VG_OK) return VG_ERR;
    history_keep *k = xcalloc(1, sizeof *k);
    *k = (history_keep){ .s = ctx, .kind = links_schema(ix)->kind, .rc = VG_OK, .err = err };
    links_each_row(ix, history_keep_row, k);
    history_flush(k);
    int rc = k->rc;
    free(k);
    return rc;
}
