/* store_report.h - the store's read-only queries behind `vigie report`: per scenario revision counts, dispositions, groups, controls. */
#ifndef VIGIE_STORE_REPORT_H
#define VIGIE_STORE_REPORT_H

#include <stdbool.h>
#include "store.h"

/* Which runs a report covers: production runs that are not running, started on or
 * after `since` and on or before `until` (YYYY-MM-DD, NULL: open), or just `run_id`.
 * A backtest run never counts. */
typedef struct store_report_window {
    const char *since, *until, *run_id;
} store_report_window;

/* One scenario revision as the runs in the window selected it. Strings are valid
 * during the callback only. */
typedef struct store_report_scenario_row {
    const char *scenario_id, *revision, *title, *subject, *status, *owner, *review_by;
    int threshold;
    long long runs, evaluated, errors;
    const char *first_run_at, *last_run_at;
} store_report_scenario_row;
typedef int (*store_report_scenario_cb)(const store_report_scenario_row *row, void *ctx);
int store_report_scenarios(store *st, const store_report_window *w, store_report_scenario_cb cb, void *ctx,
                           vg_error *err);

/* Hits counted by their latest disposition ("" when not reviewed), per scenario
 * revision (control hits carry control = true), per record kind and subject; with
 * `by_indicator`, once per indicator that fired in the hit (key = its id). */
typedef struct store_report_count_row {
    const char *scenario_id, *revision, *record_kind, *subject, *disposition, *key;
    bool control;
    long long count;
} store_report_count_row;
typedef int (*store_report_count_cb)(const store_report_count_row *row, void *ctx);
int store_report_dispositions(store *st, const store_report_window *w, bool by_indicator,
                              store_report_count_cb cb, void *ctx, vg_error *err);

/* The age in days (at `now`, ISO UTC) of every hit nobody has reviewed yet. */
typedef struct store_report_age_row {
    const char *scenario_id, *revision;
    bool control;
    double age_days;
} store_report_age_row;
typedef int (*store_report_age_cb)(const store_report_age_row *row, void *ctx);
int store_report_open_ages(store *st, const store_report_window *w, const char *now, store_report_age_cb cb,
                           void *ctx, vg_error *err);

/* Per scenario revision and protected field it read (the hits' protected_fields_read),
 * each group's screened records and the scenario's hits in it, summed over the runs. */
typedef struct store_report_group_row {
    const char *scenario_id, *revision, *field, *group;
    long long records, hits;
} store_report_group_row;
typedef int (*store_report_group_cb)(const store_report_group_row *row, void *ctx);
int store_report_groups(store *st, const store_report_window *w, store_report_group_cb cb, void *ctx, vg_error *err);

#endif

/* ---- for `vigie backtest` ------------------------------------------------------------ */

/* The latest review of every reviewed hit of a production run whose personal values
 * are not masked, oldest review first (so a later row overrides an earlier one). */
typedef struct store_report_known_row {
    const char *record_kind, *record_key, *scenario_id, *disposition;
} store_report_known_row;
typedef int (*store_report_known_cb)(const store_report_known_row *row, void *ctx);
int store_report_known(store *st, store_report_known_cb cb, void *ctx, vg_error *err);

/* The scenario hits (not controls) of one run. */
typedef struct store_report_hit_row {
    const char *scenario_id, *revision, *subject, *record_kind, *record_key, *source;
    long line;
    int score;
} store_report_hit_row;
typedef int (*store_report_hit_cb)(const store_report_hit_row *row, void *ctx);
int store_report_run_hits(store *st, const char *run_id, store_report_hit_cb cb, void *ctx, vg_error *err);

/* ---- per day, for the report's charts ----------------------------------------------- */

/* Records screened per scenario and run start date (YYYY-MM-DD). */
typedef struct store_report_day_records_row {
    const char *scenario_id, *day;
    long long records;
} store_report_day_records_row;
typedef int (*store_report_day_records_cb)(const store_report_day_records_row *row, void *ctx);
int store_report_day_records(store *st, const store_report_window *w, store_report_day_records_cb cb, void *ctx,
                             vg_error *err);

/* Scenario hits per scenario and run start date, by subject and latest disposition. */
typedef struct store_report_day_hits_row {
    const char *scenario_id, *day, *subject, *disposition;
    long long count;
} store_report_day_hits_row;
typedef int (*store_report_day_hits_cb)(const store_report_day_hits_row *row, void *ctx);
int store_report_day_hits(store *st, const store_report_window *w, store_report_day_hits_cb cb, void *ctx,
                          vg_error *err);
