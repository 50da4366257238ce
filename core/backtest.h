/* backtest.h - a candidate ruleset against the baseline (a ruleset or a stored run) over the same manifests, joined with past dispositions. */
#ifndef VIGIE_BACKTEST_H
#define VIGIE_BACKTEST_H

#include <stdbool.h>
#include <stdio.h>
#include "hash.h"
#include "store.h"

#define BACKTEST_SWEEP 20                     /* thresholds from t-20 to t+20 */
#define BACKTEST_STEPS (2 * BACKTEST_SWEEP + 1)

typedef struct backtest_options {
    const char *candidate_dir;
    const char *baseline_dir;    /* or: */
    const char *baseline_run;    /* the hits a stored run made */
    char **manifests;
    int manifest_count;
    store *st;                   /* past dispositions; NULL: none known */
} backtest_options;

typedef enum { BACKTEST_GAINED, BACKTEST_LOST, BACKTEST_SCORE } backtest_change_kind;

/* One record whose outcome differs between the sides. */
typedef struct backtest_change {
    backtest_change_kind kind;
    char *record_key, *source;
    long line;
    int baseline_score, candidate_score;  /* of the side(s) that hit */
    char *disposition;                    /* the latest known review of the record, "" none */
    bool confirmed;                       /* that review confirms the scenario's subject kind */
} backtest_change;

typedef struct backtest_hit backtest_hit;

typedef struct backtest_scenario {
    char *id, *title, *kind, *status, *subject;
    bool in_baseline, in_candidate;
    bool changed;                 /* revisions differ (or it is on one side only) */
    char baseline_revision[80], candidate_revision[80];
    int baseline_threshold, candidate_threshold;
    long long baseline_hits, candidate_hits, both, gained, lost, score_changed;
    long long lost_confirmed, lost_not_confirmed, lost_unknown;
    long long gained_confirmed, gained_not_confirmed, gained_unknown;
    long long baseline_decided, baseline_confirmed, candidate_decided, candidate_confirmed;
    long long baseline_errors, candidate_errors;
    backtest_change *changes;     /* gained and lost, then score changes, in input order */
    int change_count;
    bool sweep;                   /* changed and on the candidate side */
    long long sweep_hits[BACKTEST_STEPS], sweep_decided[BACKTEST_STEPS], sweep_confirmed[BACKTEST_STEPS];
    /* while running */
    const void *baseline_sc, *candidate_sc;
    int baseline_pass;            /* 1: evaluated on the candidate's read; 2: its schema differs, a second read */
    backtest_hit *baseline_map, *candidate_map;
} backtest_scenario;

typedef struct backtest {
    char candidate_revision[80], baseline_revision[80];
    char *candidate_dir, *baseline;     /* the baseline directory or "run ID" */
    backtest_scenario *scenarios;
    int count;
    long long read, evaluated, rejected;
    int reads;                          /* passes over the manifests: 1, or 2 when a schema changed */
    long long known;                    /* records with a known disposition */
    char run_id[64];                    /* the backtest as stored (kind backtest), "" when not stored */
} backtest;

/* Evaluate and join. VG_ERR with err when a ruleset does not load or check, a
 * manifest cannot be read, or the baseline run is unknown. */
int backtest_run(const backtest_options *opt, backtest *bt, vg_error *err);
void backtest_free(backtest *bt);
/* format: text, json or html (one self-contained page: inline CSS and SVG). */
int backtest_write(const backtest *bt, const char *format, FILE *out, vg_error *err);
void backtest_write_html(const backtest *bt, FILE *out);

#endif
