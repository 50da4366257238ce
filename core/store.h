/* store.h - the review store: runs, hits, review items, reviews, claims, audit (SQLite; the one module that speaks SQL). */
#ifndef VIGIE_STORE_H
#define VIGIE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

/* Everything that reads or writes the store goes through this header: the rest of
 * vigie never sees SQL, so another database (PostgreSQL, for many ports) can replace
 * SQLite behind the same functions. Rows cross this boundary as plain C structs of
 * text and numbers; explanations and identity values as JSON text.
 *
 * The store keeps its own integrity: triggers refuse UPDATE and DELETE on hits,
 * reviews, claims and the audit, and on a run once it has finished; purge is the one
 * documented path that masks old personal values (store_purge). A store made by a
 * newer vigie is refused (STORE_SCHEMA_VERSION). */

#define STORE_SCHEMA_VERSION 2 /* 2: link_history (store_links.c) */
#define STORE_DEFAULT_PATH "vigie.db"
/* The scenario id of random control selections (hits with control set). */
#define STORE_CONTROL_SCENARIO "CONTROL"

/* Return codes beyond VG_OK / VG_ERR, so commands can tell the officer what happened. */
#define STORE_NOT_FOUND (-2)   /* no such item, hit or run */
#define STORE_CONFLICT (-3)    /* held by another officer, already decided, ... (err says) */

typedef struct store store;

/* The store path: the --db value when given, else $VIGIE_DB, else ./vigie.db. */
const char *store_path(const char *flag);

/* Open (create and migrate when needed) the store at path: WAL, a busy timeout, the
 * schema checked. Runs left `running` by a process that is gone are marked
 * `interrupted` (and audited) on the way. NULL with err on failure. */
store *store_open(const char *path, vg_error *err);
void store_close(store *st);
const char *store_file(const store *st);

/* ---- runs -------------------------------------------------------------------- */

typedef struct store_run {
    const char *id;
    const char *kind;              /* "production" (a backtest never enters the queue) */
    const char *user, *host;
    long pid;
    const char *vigie_version;
    const char *ruleset_dir, *ruleset_revision;
    int threads;
    double random_rate;            /* share of records sampled as control items (0: none) */
} store_run;

typedef struct store_run_input {
    const char *path;
    long long size;
    const char *sha256;            /* NULL when the file could not be read */
} store_run_input;

typedef struct store_run_scenario {
    const char *id, *revision, *title_en, *title_fr, *subject, *status, *owner, *review_by;
    int threshold;
    const char *rationale_en, *rationale_fr;  /* the intelligence basis, for the item and scenario pages */
    const char *references_json;              /* ["...", ...] */
} store_run_scenario;

/* Record a run as `running`, with its inputs and selected scenarios, in one transaction. */
int store_run_begin(store *st, const store_run *run, const store_run_input *inputs, int input_count,
                    const store_run_scenario *scenarios, int scenario_count, vg_error *err);

/* A finished run of the same ruleset revision over an input with this sha256:
 * VG_OK with its id in run_id (and 1 returned through found), or not found. */
int store_find_rerun(store *st, const char *ruleset_revision, const char *sha256, bool *found,
                     char *run_id, size_t run_id_size, vg_error *err);

typedef struct store_input_counts {
    const char *kind;
    long long read, evaluated, rejected;
    bool failed;
    const char *failure;
} store_input_counts;

typedef struct store_scenario_counts {
    const char *id;
    long long evaluated, hits, errors;
    const char *first_error;
    bool switched_off;             /* the circuit breaker stopped it during the run */
} store_scenario_counts;

typedef struct store_run_end {
    const char *status;            /* "complete", "failed" or "interrupted" */
    const char *failure;           /* why, when not complete (NULL otherwise) */
    long long read, evaluated, rejected, hits, errors;
    double seconds;
    const store_input_counts *inputs;       /* in the order of store_run_begin */
    int input_count;
    const store_scenario_counts *scenarios;
    int scenario_count;
} store_run_end;

/* Write the final counts and status in one transaction; after it the run is immutable. */
int store_run_finish(store *st, const char *run_id, const store_run_end *end, vg_error *err);

/* ---- what a run writes while it goes (from the writer thread) ------------------ */

int store_begin(store *st, vg_error *err);     /* a write transaction (batches) */
int store_commit(store *st, vg_error *err);
int store_rollback(store *st);

typedef struct store_hit {
    const char *run_id;
    const char *scenario_id, *scenario_revision, *subject;
    const char *record_kind, *record_key, *group_key;  /* group_key: booking or shipment */
    const char *source;
    long line;
    int score, threshold;
    bool control;                  /* a random control selection, not a scenario hit */
    const char *identity_json;     /* {"surname":...} the schema's identity fields */
    const char *explanation_json;  /* the hit line (docs/hits.md) */
} store_hit;

/* Add one hit; it joins (or opens) the review item of its run and group key.
 * The new hit's id goes to *hit_id when not NULL. */
int store_hit_add(store *st, const store_hit *hit, long long *hit_id, vg_error *err);
int store_reject_add(store *st, const char *run_id, const char *file, long line, const char *field,
                     const char *reason, vg_error *err);
/* Records screened per protected group, and per scenario the hits in each group. */
int store_population_add(store *st, const char *run_id, const char *kind, const char *field,
                         const char *group, long long records, long long hit_records, vg_error *err);
int store_group_hits_add(store *st, const char *run_id, const char *scenario_id, const char *field,
                         const char *group, long long hits, vg_error *err);

/* ---- runs, read back --------------------------------------------------------- */

typedef struct store_run_row {
    char id[64], kind[16], status[16], started_at[32], finished_at[32], user[64], host[128];
    char vigie_version[32], ruleset_dir[256], ruleset_revision[80], failure[600];
    long long read, evaluated, rejected, hits, errors, items;
    double seconds;
} store_run_row;

typedef int (*store_run_cb)(const store_run_row *row, void *ctx);
/* Runs, newest first (limit 0: all); or just one when id is given. */
int store_runs(store *st, const char *id, int limit, store_run_cb cb, void *ctx, vg_error *err);

/* ---- review items ------------------------------------------------------------ */

typedef enum { STORE_STATUS_OPEN, STORE_STATUS_DECIDED, STORE_STATUS_ALL } store_item_status;
typedef enum { STORE_ORDER_SCORE, STORE_ORDER_AGE } store_item_order;

typedef struct store_item_filter {
    const char *run_id;            /* NULL: every run */
    const char *scenario_id;       /* items with a hit of this scenario */
    const char *subject;           /* items with a hit of this subject */
    store_item_status status;
    const char *holder;            /* items held by this officer (--mine) */
    store_item_order order;
    int limit, offset;             /* limit 0: no limit */
} store_item_filter;

typedef struct store_item {
    long long id;
    char run_id[64], kind[32], group_key[128], created_at[32];
    int hit_count, decided_count;  /* hits with at least one review */
    int max_score, max_threshold;  /* the highest-scoring hit and its threshold */
    bool control;                  /* a random control item */
    char scenarios[512];           /* distinct scenario ids, comma-separated */
    char subjects[128];            /* distinct subjects, comma-separated */
    char holder[64], held_until[32]; /* current claim, "" when nobody holds it */
    char identity[512];            /* identity JSON of the item's first hit */
    char last_disposition[32];     /* latest review of the item, "" when none */
} store_item;

typedef int (*store_item_cb)(const store_item *item, void *ctx);
/* Items matching the filter: highest score first (or oldest first), then id. */
int store_items(store *st, const store_item_filter *filter, store_item_cb cb, void *ctx, vg_error *err);
/* One item: VG_OK, STORE_NOT_FOUND, or VG_ERR. */
int store_item_get(store *st, long long item_id, store_item *out, vg_error *err);

typedef struct store_hit_row {
    long long id, item_id;
    char run_id[64], scenario_id[64], scenario_revision[80], subject[32], record_kind[32];
    char record_key[128], group_key[128], source[256], created_at[32], masked_at[32];
    long line;
    int score, threshold;
    bool control;
    char *identity_json;           /* owned by the row for the callback's duration */
    char *explanation_json;
    char last_disposition[32];     /* "" when not decided */
} store_hit_row;

typedef int (*store_hit_cb)(const store_hit_row *row, void *ctx);
int store_item_hits(store *st, long long item_id, store_hit_cb cb, void *ctx, vg_error *err);

typedef struct store_review_row {
    long long id, hit_id, item_id;
    char officer[64], disposition[32], decided_at[32];
    char *note;                    /* owned by the row for the callback's duration */
    bool amend;
} store_review_row;

typedef int (*store_review_cb)(const store_review_row *row, void *ctx);
int store_item_reviews(store *st, long long item_id, store_review_cb cb, void *ctx, vg_error *err);

/* ---- claims and decisions -------------------------------------------------------- */

/* Claim item for officer until now + minutes. STORE_CONFLICT when another officer
 * holds it (err names them and until when); claiming one's own item renews it. */
int store_claim(store *st, long long item_id, const char *officer, int minutes, vg_error *err);
/* Release officer's claim; STORE_CONFLICT when officer does not hold it. */
int store_release(store *st, long long item_id, const char *officer, vg_error *err);
/* Claim the open item nobody holds with the highest score (filter applies): its id
 * in *item_id, 0 when the queue is empty. Atomic against other officers. */
int store_claim_next(store *st, const store_item_filter *filter, const char *officer, int minutes,
                     long long *item_id, vg_error *err);

typedef struct store_decision {
    long long item_id;
    long long hit_id;              /* 0: every hit of the item */
    const char *officer, *disposition, *note;
    bool amend;                    /* allowed to decide again a hit already decided */
} store_decision;

/* Record a review of each hit concerned, in one transaction. STORE_NOT_FOUND for an
 * unknown item or hit, STORE_CONFLICT when another officer holds the item or a hit is
 * already decided and amend is false. The disposition vocabulary is checked by the
 * store itself (a CHECK constraint) as well as by the caller. */
int store_decide(store *st, const store_decision *d, int *reviews_written, vg_error *err);

/* ---- audit ------------------------------------------------------------------------ */

/* One audit row: who did what to which object, with details (free text or JSON). */
int store_audit(store *st, const char *actor, const char *action, const char *object, const char *details,
                vg_error *err);

typedef struct store_audit_row {
    long long id;
    char at[32], actor[64], action[32], object[128];
    char *details;
} store_audit_row;
typedef int (*store_audit_cb)(const store_audit_row *row, void *ctx);
int store_audit_rows(store *st, int limit, store_audit_cb cb, void *ctx, vg_error *err);

/* ---- export and purge ------------------------------------------------------------- */

/* Every hit matching the filter (run, scenario, subject, status), with its latest
 * disposition, in item order. */
int store_export(store *st, const store_item_filter *filter, store_hit_cb cb, void *ctx, vg_error *err);

/* Mask the personal values (record and group keys, identity fields, evidence values)
 * of hits of runs started before `before` (YYYY-MM-DD); the originals move to a
 * sealed table that only store_unmask reads. Scores, revisions, counts, reviews stay. */
int store_purge(store *st, const char *before, const char *actor, long long *masked, vg_error *err);

/* ---- the vocabulary the store enforces ------------------------------------------------ */

/* Now in ISO 8601 UTC ("2026-12-03T05:23:48Z"), the store's one clock. */
void store_now(char out[32]);

#endif
