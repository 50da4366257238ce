/* report.h - figures for revision and oversight: per scenario revision, per indicator, per protected group, against random controls. */
#ifndef VIGIE_REPORT_H
#define VIGIE_REPORT_H

#include <stdbool.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include "store.h"

#define REPORT_Z 1.96                 /* 95% intervals */
#define REPORT_FAIR_LOW 0.8           /* the four-fifths rule */
#define REPORT_FAIR_HIGH 1.25
#define REPORT_DUE_DAYS 30            /* review_by within this many days: due soon */

typedef struct report_options {
    const char *since, *until, *run_id;  /* the runs covered (store_report_window) */
    double noisy_share;       /* hits above this share of screened records: noisy (default 0.05) */
    long long min_group;      /* a group with fewer screened records is too small (default 50) */
    int older_than_days;      /* share of open hits older than this (default 7) */
    const char *as_of;        /* YYYY-MM-DD that review_by is judged against (NULL: today) */
    const char *now;          /* ISO UTC time open hits' ages are taken at (NULL: now; tests) */
} report_options;

void report_options_default(report_options *o);

/* Hits of one kind counted by their latest review. */
typedef struct report_tally {
    long long hits, reviewed, decided, confirmed;
    long long by_disposition[16];      /* index in dispositions[] */
} report_tally;

typedef struct report_interval {
    bool defined;             /* false: no data (0 decided, or no confirmed control) */
    double value;
    bool bounded;             /* the interval below is meaningful */
    double low, high;
} report_interval;

typedef struct report_indicator {
    char *id;
    report_tally tally;
    double share;             /* of the scenario's hits in which it fired */
    report_interval precision;
} report_indicator;

typedef struct report_group {
    char *field, *group;
    long long records, hits;
    bool too_small;           /* records < min_group: no rate, no ratio */
    double rate;              /* hits / records */
    double ratio;             /* rate / the field's overall rate (share of hits over share of population) */
    bool ratio_defined;       /* false when the scenario has no hit on this field's records */
    bool flagged;             /* ratio outside [0.8, 1.25] */
} report_group;

typedef struct report_control {
    char *kind, *subject;     /* controls of this record kind, confirmed as this subject kind would be */
    report_tally tally;
    report_interval rate;     /* confirmed / decided, Wilson */
} report_control;

typedef struct report_scenario {
    char *id, *revision, *title, *subject, *status, *owner, *review_by, *kind, *first_run_at, *last_run_at;
    int threshold;
    long long runs, evaluated, errors;
    report_tally tally;
    double hits_per_10000;    /* NaN-free: 0 when nothing was screened */
    bool noisy;
    bool overdue, due_soon;
    report_interval precision; /* confirmed / decided, Wilson */
    long long open;           /* hits not reviewed yet */
    double *open_ages;        /* days, ascending */
    double median_open_days;
    long long open_older;     /* open hits older than older_than_days */
    report_indicator *indicators;
    int indicator_count;
    report_group *groups;
    int group_count;
    int control;              /* index in report.controls, -1 when no control of its kind */
    report_interval lift;     /* precision / the control's confirmed rate, Katz log interval */
} report_scenario;

/* One scenario (all its revisions) on one day of run starts: for the charts. */
typedef struct report_day {
    char *scenario_id;
    char day[16];
    long long records;
    report_tally tally;
    report_interval precision;
} report_day;

typedef struct report {
    report_options opt;
    char generated_at[32], as_of[16];
    report_scenario *scenarios;
    int count;
    report_control *controls;
    int control_count;
    long long control_hits;   /* every control hit in the window */
    report_day *days;         /* by scenario id, then day */
    int day_count;
} report;

int report_build(store *st, const report_options *opt, report *r, vg_error *err);
void report_free(report *r);

/* format: "text", "json", "csv" or "html" (one self-contained page: inline CSS and
 * SVG, nothing fetched); csv writes one table: "scenarios", "indicators",
 * "groups" or "controls". VG_ERR for an unknown format or table. */
int report_write(const report *r, const char *format, const char *table, FILE *out, vg_error *err);
/* The html format. */
void report_write_html(const report *r, FILE *out);
/* Print a JSON document, indented, and free it: report and backtest write JSON alike. */
void report_json_print(cJSON *root, FILE *out);

/* 95% Wilson score interval of x successes in n trials (undefined when n = 0). */
report_interval report_wilson(long long x, long long n);
/* Ratio of x1/n1 over x2/n2 with the Katz log interval (unbounded when x1 or x2 is 0). */
report_interval report_ratio(long long x1, long long n1, long long x2, long long n2);

#endif
