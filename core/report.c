/* report.c - figures for revision and oversight: per scenario revision, per indicator, per protected group, against random controls. */
#include "report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "disposition.h"
#include "store_report.h"
#include "xalloc.h"

/* How each figure is defined (docs/revision.md says the same in words):
 * - a hit counts by its latest review; reviewed = has one; decided = the latest is
 *   a decision (not-examined is not); confirmed = the latest confirms the hit's
 *   subject kind (disposition_confirms, the one definition, also the store's
 *   `confirmed` table);
 * - precision = confirmed / decided with a 95% Wilson interval;
 * - disparity ratio of a group = (its hits / its records) / (the field's hits / records):
 *   its share of the hits over its share of the screened population;
 * - the control rate for a scenario = control hits of its record kind confirmed as
 *   its subject kind would be, over decided control hits; lift = precision / that
 *   rate, with the Katz log interval of a ratio of two proportions. */

void report_options_default(report_options *o)
{
    memset(o, 0, sizeof *o);
    o->noisy_share = 0.05;
    o->min_group = 50;
    o->older_than_days = 7;
}

static char *report_dup(const char *s)
{
    char *d = xstrdup(s ? s : "");
    return d;
}

static void *report_grow(void *p, int count, size_t size)
{
    p = xrealloc(p, size * (size_t)(count + 1));
    memset((char *)p + size * (size_t)count, 0, size);
    return p;
}

report_interval report_wilson(long long x, long long n)
{
    report_interval iv = { 0 };
    if (n <= 0) return iv;
    double z = REPORT_Z, p = (double)x / (double)n, nn = (double)n;
    double denom = 1 + z * z / nn;
    double centre = (p + z * z / (2 * nn)) / denom;
    double half = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
    iv.defined = iv.bounded = true;
    iv.value = p;
    iv.low = centre - half < 0 ? 0 : centre - half;
    iv.high = centre + half > 1 ? 1 : centre + half;
    return iv;
}

report_interval report_ratio(long long x1, long long n1, long long x2, long long n2)
{
    report_interval iv = { 0 };
    if (n1 <= 0 || n2 <= 0 || x2 <= 0) return iv;
    iv.defined = true;
    iv.value = ((double)x1 / (double)n1) / ((double)x2 / (double)n2);
    if (x1 <= 0) return iv;
    double se = sqrt(1.0 / (double)x1 - 1.0 / (double)n1 + 1.0 / (double)x2 - 1.0 / (double)n2);
    iv.bounded = true;
    iv.low = iv.value * exp(-REPORT_Z * se);
    iv.high = iv.value * exp(REPORT_Z * se);
    return iv;
}

/* Add `count` hits whose latest review is `disp` ("" none) to a tally, as `subject`. */
static void report_tally_add(report_tally *t, const char *subject, const char *disp, long long count)
{
    t->hits += count;
    if (!*disp) return;
    t->reviewed += count;
    for (int i = 0; i < disposition_count && i < 16; i++)
        if (strcmp(dispositions[i].name, disp) == 0) t->by_disposition[i] += count;
    if (disposition_decides(disp)) t->decided += count;
    if (disposition_confirms(subject, disp)) t->confirmed += count;
}

/* ---- building ------------------------------------------------------------------- */

typedef struct report_control_count {   /* control hits of one kind by latest disposition */
    char *kind, *disposition;
    long long count;
} report_control_count;

typedef struct report_builder {
    report *r;
    report_control_count *controls;
    int control_count;
} report_builder;

static report_scenario *report_find(report *r, const char *id, const char *revision)
{
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->scenarios[i].id, id) == 0 && strcmp(r->scenarios[i].revision, revision) == 0)
            return &r->scenarios[i];
    return NULL;
}

static int report_on_scenario(const store_report_scenario_row *row, void *ctx)
{
    report *r = ((report_builder *)ctx)->r;
    r->scenarios = report_grow(r->scenarios, r->count, sizeof *r->scenarios);
    report_scenario *s = &r->scenarios[r->count++];
    s->id = report_dup(row->scenario_id);
    s->revision = report_dup(row->revision);
    s->title = report_dup(row->title);
    s->subject = report_dup(row->subject);
    s->status = report_dup(row->status);
    s->owner = report_dup(row->owner);
    s->review_by = report_dup(row->review_by);
    s->kind = report_dup("");
    s->first_run_at = report_dup(row->first_run_at);
    s->last_run_at = report_dup(row->last_run_at);
    s->threshold = row->threshold;
    s->runs = row->runs;
    s->evaluated = row->evaluated;
    s->errors = row->errors;
    s->control = -1;
    return 0;
}

static int report_on_disposition(const store_report_count_row *row, void *ctx)
{
    report_builder *b = ctx;
    if (row->control) {
        b->controls = report_grow(b->controls, b->control_count, sizeof *b->controls);
        report_control_count *c = &b->controls[b->control_count++];
        c->kind = report_dup(row->record_kind);
        c->disposition = report_dup(row->disposition);
        c->count = row->count;
        b->r->control_hits += row->count;
        return 0;
    }
    report_scenario *s = report_find(b->r, row->scenario_id, row->revision);
    if (!s) return 0; /* a hit of a scenario its run did not record: cannot happen through vigie run */
    if (!*s->kind) {
        free(s->kind);
        s->kind = report_dup(row->record_kind);
    }
    report_tally_add(&s->tally, s->subject, row->disposition, row->count);
    return 0;
}

static int report_on_indicator(const store_report_count_row *row, void *ctx)
{
    report_scenario *s = report_find(((report_builder *)ctx)->r, row->scenario_id, row->revision);
    if (!s) return 0;
    report_indicator *ind = NULL;
    for (int i = 0; i < s->indicator_count; i++)
        if (strcmp(s->indicators[i].id, row->key) == 0) ind = &s->indicators[i];
    if (!ind) {
        s->indicators = report_grow(s->indicators, s->indicator_count, sizeof *s->indicators);
        ind = &s->indicators[s->indicator_count++];
        ind->id = report_dup(row->key);
    }
    report_tally_add(&ind->tally, s->subject, row->disposition, row->count);
    return 0;
}

static int report_on_age(const store_report_age_row *row, void *ctx)
{
    if (row->control) return 0;
    report_scenario *s = report_find(((report_builder *)ctx)->r, row->scenario_id, row->revision);
    if (!s) return 0;
    s->open_ages = xrealloc(s->open_ages, sizeof *s->open_ages * (size_t)(s->open + 1));
    s->open_ages[s->open++] = row->age_days < 0 ? 0 : row->age_days;
    return 0;
}

static int report_on_group(const store_report_group_row *row, void *ctx)
{
    report_scenario *s = report_find(((report_builder *)ctx)->r, row->scenario_id, row->revision);
    if (!s) return 0;
    s->groups = report_grow(s->groups, s->group_count, sizeof *s->groups);
    report_group *g = &s->groups[s->group_count++];
    g->field = report_dup(row->field);
    g->group = report_dup(row->group);
    g->records = row->records;
    g->hits = row->hits;
    return 0;
}

/* Rates and ratios of the groups of each field (rows come sorted by field). */
static void report_groups_finish(report_scenario *s, long long min_group)
{
    for (int i = 0; i < s->group_count;) {
        int end = i;
        long long records = 0, hits = 0;
        while (end < s->group_count && strcmp(s->groups[end].field, s->groups[i].field) == 0) {
            records += s->groups[end].records;
            hits += s->groups[end].hits;
            end++;
        }
        double overall = records ? (double)hits / (double)records : 0;
        for (int k = i; k < end; k++) {
            report_group *g = &s->groups[k];
            g->too_small = g->records < min_group;
            if (g->too_small || g->records == 0) continue;
            g->rate = (double)g->hits / (double)g->records;
            g->ratio_defined = overall > 0;
            if (!g->ratio_defined) continue;
            g->ratio = g->rate / overall;
            /* compare in exact arithmetic: hits_g * records vs 0.8 * records_g * hits */
            g->flagged = g->ratio < REPORT_FAIR_LOW - 1e-12 || g->ratio > REPORT_FAIR_HIGH + 1e-12;
        }
        i = end;
    }
}

static int report_control_index(report *r, report_builder *b, const char *kind, const char *subject)
{
    for (int i = 0; i < r->control_count; i++)
        if (strcmp(r->controls[i].kind, kind) == 0 && strcmp(r->controls[i].subject, subject) == 0) return i;
    bool any = false;
    for (int i = 0; i < b->control_count; i++) any |= strcmp(b->controls[i].kind, kind) == 0;
    if (!any) return -1;
    r->controls = report_grow(r->controls, r->control_count, sizeof *r->controls);
    report_control *c = &r->controls[r->control_count];
    c->kind = report_dup(kind);
    c->subject = report_dup(subject);
    for (int i = 0; i < b->control_count; i++)
        if (strcmp(b->controls[i].kind, kind) == 0)
            report_tally_add(&c->tally, subject, b->controls[i].disposition, b->controls[i].count);
    c->rate = report_wilson(c->tally.confirmed, c->tally.decided);
    return r->control_count++;
}

static report_day *report_day_get(report *r, const char *scenario_id, const char *day)
{
    for (int i = r->day_count - 1; i >= 0; i--)
        if (strcmp(r->days[i].scenario_id, scenario_id) == 0 && strcmp(r->days[i].day, day) == 0) return &r->days[i];
    r->days = report_grow(r->days, r->day_count, sizeof *r->days);
    report_day *d = &r->days[r->day_count++];
    d->scenario_id = report_dup(scenario_id);
    snprintf(d->day, sizeof d->day, "%s", day);
    return d;
}

static int report_on_day_records(const store_report_day_records_row *row, void *ctx)
{
    report_day_get(((report_builder *)ctx)->r, row->scenario_id, row->day)->records += row->records;
    return 0;
}

static int report_on_day_hits(const store_report_day_hits_row *row, void *ctx)
{
    report_day *d = report_day_get(((report_builder *)ctx)->r, row->scenario_id, row->day);
    report_tally_add(&d->tally, row->subject, row->disposition, row->count);
    return 0;
}

static int report_day_order(const void *a, const void *b)
{
    const report_day *x = a, *y = b;
    int c = strcmp(x->scenario_id, y->scenario_id);
    return c ? c : strcmp(x->day, y->day);
}

/* YYYY-MM-DD plus days. */
static void report_date_add(const char *date, int days, char out[16])
{
    struct tm tm = { 0 };
    if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
        snprintf(out, 16, "%s", date);
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    time_t t = timegm(&tm) + (time_t)days * 86400;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static void report_scenario_finish(report *r, report_builder *b, report_scenario *s)
{
    const report_options *o = &r->opt;
    s->hits_per_10000 = s->evaluated ? 10000.0 * (double)s->tally.hits / (double)s->evaluated : 0;
    s->noisy = s->evaluated && (double)s->tally.hits > o->noisy_share * (double)s->evaluated;
    char soon[16];
    report_date_add(r->as_of, REPORT_DUE_DAYS, soon);
    s->overdue = *s->review_by && strcmp(s->review_by, r->as_of) < 0;
    s->due_soon = *s->review_by && !s->overdue && strcmp(s->review_by, soon) <= 0;
    s->precision = report_wilson(s->tally.confirmed, s->tally.decided);
    if (s->open) {
        s->median_open_days = s->open % 2 ? s->open_ages[s->open / 2]
                                          : (s->open_ages[s->open / 2 - 1] + s->open_ages[s->open / 2]) / 2;
        for (long long i = 0; i < s->open; i++) s->open_older += s->open_ages[i] > o->older_than_days;
    }
    for (int i = 0; i < s->indicator_count; i++) {
        report_indicator *ind = &s->indicators[i];
        ind->share = s->tally.hits ? (double)ind->tally.hits / (double)s->tally.hits : 0;
        ind->precision = report_wilson(ind->tally.confirmed, ind->tally.decided);
    }
    report_groups_finish(s, o->min_group);
    if (*s->kind) s->control = report_control_index(r, b, s->kind, s->subject);
    if (s->control >= 0) {
        const report_control *c = &r->controls[s->control];
        s->lift = report_ratio(s->tally.confirmed, s->tally.decided, c->tally.confirmed, c->tally.decided);
    }
}

int report_build(store *st, const report_options *opt, report *r, vg_error *err)
{
    memset(r, 0, sizeof *r);
    r->opt = *opt;
    char now[32];
    store_now(now);
    snprintf(r->generated_at, sizeof r->generated_at, "%s", now);
    snprintf(r->as_of, sizeof r->as_of, "%.10s", opt->as_of ? opt->as_of : now);
    store_report_window w = { opt->since, opt->until, opt->run_id };
    report_builder b = { .r = r };
    int rc = store_report_scenarios(st, &w, report_on_scenario, &b, err);
    if (rc == VG_OK) rc = store_report_dispositions(st, &w, false, report_on_disposition, &b, err);
    if (rc == VG_OK) rc = store_report_dispositions(st, &w, true, report_on_indicator, &b, err);
    if (rc == VG_OK) rc = store_report_open_ages(st, &w, opt->now ? opt->now : now, report_on_age, &b, err);
    if (rc == VG_OK) rc = store_report_groups(st, &w, report_on_group, &b, err);
    if (rc == VG_OK) rc = store_report_day_records(st, &w, report_on_day_records, &b, err);
    if (rc == VG_OK) rc = store_report_day_hits(st, &w, report_on_day_hits, &b, err);
    if (rc == VG_OK && r->day_count > 1) qsort(r->days, (size_t)r->day_count, sizeof *r->days, report_day_order);
    for (int i = 0; rc == VG_OK && i < r->day_count; i++)
        r->days[i].precision = report_wilson(r->days[i].tally.confirmed, r->days[i].tally.decided);
    for (int i = 0; rc == VG_OK && i < r->count; i++) report_scenario_finish(r, &b, &r->scenarios[i]);
    for (int i = 0; i < b.control_count; i++) {
        free(b.controls[i].kind);
        free(b.controls[i].disposition);
    }
    free(b.controls);
    if (rc != VG_OK) report_free(r);
    return rc;
}

void report_free(report *r)
{
    for (int i = 0; i < r->count; i++) {
        report_scenario *s = &r->scenarios[i];
        char *strings[] = { s->id, s->revision, s->title, s->subject, s->status, s->owner, s->review_by, s->kind,
                            s->first_run_at, s->last_run_at };
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++) free(strings[k]);
        for (int k = 0; k < s->indicator_count; k++) free(s->indicators[k].id);
        for (int k = 0; k < s->group_count; k++) {
            free(s->groups[k].field);
            free(s->groups[k].group);
        }
        free(s->indicators);
        free(s->groups);
        free(s->open_ages);
    }
    free(r->scenarios);
    for (int i = 0; i < r->control_count; i++) {
        free(r->controls[i].kind);
        free(r->controls[i].subject);
    }
    free(r->controls);
    for (int i = 0; i < r->day_count; i++) free(r->days[i].scenario_id);
    free(r->days);
    memset(r, 0, sizeof *r);
}
