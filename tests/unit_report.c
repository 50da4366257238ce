/* unit_report.c - report figures on a store built through the store API: random control items (control = 1), lift, Wilson bounds. */
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "store.h"
#include "unit.h"

#define CLOSE(a, b) CU_ASSERT(fabs((a) - (b)) < 5e-7)

static char dir[] = "/tmp/vigie-unit-report-XXXXXX";

static store *report_fixture_store(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/v.db", dir);
    vg_error err;
    store *st = store_open(path, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    return st;
}

/* One run: `victims` hits of S-VICTIM, `facilitators` of S-FAC, `controls` control
 * hits (scenario CONTROL, subject other, control = 1), each in its own item. */
static void report_add_run(store *st, const char *run_id, const char *kind, int victims, int facilitators, int controls)
{
    vg_error err;
    store_run run = { .id = run_id, .kind = kind, .user = "t", .host = "h", .pid = 1, .vigie_version = "0",
                      .ruleset_dir = "rs", .ruleset_revision = "rev", .threads = 1, .random_rate = 0.02 };
    store_run_input input = { .path = "m.csv", .size = 1, .sha256 = run_id };
    store_run_scenario scs[] = {
        { .id = "S-VICTIM", .revision = "rv1", .title_en = "Victim", .subject = "possible-victim", .status = "active",
          .owner = "ana", .review_by = "2099-01-01", .threshold = 3 },
        { .id = "S-FAC", .revision = "rf1", .title_en = "Facilitator", .subject = "possible-facilitator",
          .status = "active", .owner = "ana", .review_by = "2099-01-01", .threshold = 3 },
    };
    CU_ASSERT_EQUAL_FATAL(store_run_begin(st, &run, &input, 1, scs, 2, &err), VG_OK);
    int n = 0;
    for (int i = 0; i < victims + facilitators + controls; i++) {
        bool control = i >= victims + facilitators;
        bool victim = i < victims;
        char key[32];
        snprintf(key, sizeof key, "%s-%d", run_id, n++);
        store_hit h = { .run_id = run_id, .scenario_id = control ? "CONTROL" : victim ? "S-VICTIM" : "S-FAC",
                        .scenario_revision = control ? "control" : victim ? "rv1" : "rf1",
                        .subject = control ? "other" : victim ? "possible-victim" : "possible-facilitator",
                        .record_kind = "traveller", .record_key = key, .group_key = key, .source = "m.csv",
                        .line = i + 2, .score = 4, .threshold = 3, .control = control, .identity_json = "{}",
                        .explanation_json = control ? "{\"fired\":[],\"protected_fields_read\":[]}"
                                                    : "{\"fired\":[\"cash\"],\"protected_fields_read\":[]}" };
        CU_ASSERT_EQUAL_FATAL(store_hit_add(st, &h, NULL, &err), VG_OK);
    }
    store_scenario_counts counts[] = { { "S-VICTIM", 1000, victims, 0, NULL, false },
                                       { "S-FAC", 1000, facilitators, 0, NULL, false } };
    store_input_counts in = { "traveller", 1000, 1000, 0, false, NULL, NULL };
    store_run_end end = { .status = "complete", .read = 1000, .evaluated = 1000, .hits = victims + facilitators + controls,
                          .inputs = &in, .input_count = 1, .scenarios = counts, .scenario_count = 2 };
    CU_ASSERT_EQUAL_FATAL(store_run_finish(st, run_id, &end, &err), VG_OK);
}

static void report_decide(store *st, long long first, long long last, const char *disposition)
{
    vg_error err;
    for (long long item = first; item <= last; item++) {
        store_decision d = { .item_id = item, .officer = "o1", .disposition = disposition, .note = "seen" };
        int written = 0;
        CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), VG_OK);
        CU_ASSERT_EQUAL(written, 1);
    }
}

/* Items 1-10 S-VICTIM, 11-14 S-FAC, 15-34 controls; then a backtest run that must not count. */
static void test_control_lift(void)
{
    store *st = report_fixture_store();
    report_add_run(st, "run-a", "production", 10, 4, 20);
    report_decide(st, 1, 6, "victim-referred");   /* S-VICTIM: 6 confirmed */
    report_decide(st, 7, 8, "no-concern");        /*   2 not confirmed: decided 8 */
    report_decide(st, 9, 9, "not-examined");      /*   not decided; hit 10 stays open */
    report_decide(st, 11, 11, "suspect-referred"); /* S-FAC: 1 confirmed */
    report_decide(st, 12, 13, "no-concern");
    report_decide(st, 14, 14, "inconclusive");    /*   decided 4 */
    report_decide(st, 15, 16, "victim-referred"); /* controls: 2 victims, */
    report_decide(st, 17, 17, "suspect-referred"); /* 1 facilitator, */
    report_decide(st, 18, 31, "no-concern");      /* 14 nothing, */
    report_decide(st, 32, 34, "not-examined");    /* 3 not examined: decided 17 */
    report_add_run(st, "run-b", "backtest", 5, 0, 5);

    report_options opt;
    report_options_default(&opt);
    report r;
    vg_error err;
    CU_ASSERT_EQUAL_FATAL(report_build(st, &opt, &r, &err), VG_OK);
    CU_ASSERT_EQUAL_FATAL(r.count, 2);
    CU_ASSERT_EQUAL(r.control_hits, 20);
    const report_scenario *fac = &r.scenarios[0], *vic = &r.scenarios[1]; /* in id order */
    CU_ASSERT_STRING_EQUAL(vic->id, "S-VICTIM");
    CU_ASSERT_EQUAL(vic->tally.hits, 10);
    CU_ASSERT_EQUAL(vic->evaluated, 1000);
    CU_ASSERT_EQUAL(vic->tally.reviewed, 9);
    CU_ASSERT_EQUAL(vic->tally.decided, 8);
    CU_ASSERT_EQUAL(vic->tally.confirmed, 6);
    CU_ASSERT_EQUAL(vic->open, 1);
    CLOSE(vic->hits_per_10000, 100.0); /* 10000 * 10 / 1000 */
    CU_ASSERT(vic->noisy == false);    /* 10 of 1000 = 1% <= 5% */
    /* Wilson, n = 8, p = 0.75: d = 1 + 3.8416/8 = 1.4802; centre = (0.75 + 0.2401)/1.4802 =
     * 0.668896; half = 1.96 sqrt(0.0234375 + 0.0150063)/1.4802 = 0.259626 */
    CLOSE(vic->precision.value, 0.75);
    CLOSE(vic->precision.low, 0.409270);
    CLOSE(vic->precision.high, 0.928522);
    /* the control rate as a possible-victim hit: victim-referred 2 of 17 decided
     * (2 + 1 + 14); Wilson n = 17 -> [0.032879, 0.343368] */
    CU_ASSERT_FATAL(vic->control >= 0);
    const report_control *cv = &r.controls[vic->control];
    CU_ASSERT_STRING_EQUAL(cv->subject, "possible-victim");
    CU_ASSERT_EQUAL(cv->tally.hits, 20);
    CU_ASSERT_EQUAL(cv->tally.decided, 17);
    CU_ASSERT_EQUAL(cv->tally.confirmed, 2);
    CLOSE(cv->rate.value, 2.0 / 17);
    CLOSE(cv->rate.low, 0.032879);
    CLOSE(cv->rate.high, 0.343368);
    /* lift = (6/8) / (2/17) = 6.375; Katz: se = sqrt(1/6 - 1/8 + 1/2 - 1/17) = 0.694869,
     * bounds 6.375 exp(-/+ 1.96 * 0.694869) = [1.633036, 24.886553] */
    CU_ASSERT(vic->lift.defined && vic->lift.bounded);
    CLOSE(vic->lift.value, 6.375);
    CLOSE(vic->lift.low, 1.633036);
    CLOSE(vic->lift.high, 24.886553);
    /* S-FAC: 1 confirmed of 4; controls as facilitators: suspect-referred 1 of 17;
     * lift = 0.25 / (1/17) = 4.25; se = sqrt(1 - 1/4 + 1 - 1/17) = 1.300452 ->
     * [0.332217, 54.369629]; Wilson(1, 4) = [0.045586, 0.699364] */
    CU_ASSERT_STRING_EQUAL(fac->id, "S-FAC");
    CLOSE(fac->precision.low, 0.045586);
    CLOSE(fac->precision.high, 0.699364);
    const report_control *cf = &r.controls[fac->control];
    CU_ASSERT_STRING_EQUAL(cf->subject, "possible-facilitator");
    CU_ASSERT_EQUAL(cf->tally.confirmed, 1);
    CLOSE(fac->lift.value, 4.25);
    CLOSE(fac->lift.low, 0.332217);
    CLOSE(fac->lift.high, 54.369629);
    /* the indicator fired in every hit: its figures are the scenario's */
    CU_ASSERT_EQUAL_FATAL(vic->indicator_count, 1);
    CU_ASSERT_EQUAL(vic->indicators[0].tally.confirmed, 6);
    CLOSE(vic->indicators[0].share, 1.0);
    report_free(&r);

    /* ages at a chosen time: the one open hit (item 10) 10.5 days after it was stored */
    store_item item;
    CU_ASSERT_EQUAL_FATAL(store_item_get(st, 10, &item, &err), VG_OK);
    struct tm tm = { 0 };
    CU_ASSERT_EQUAL_FATAL(sscanf(item.created_at, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                 &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t later = timegm(&tm) + 10 * 86400 + 43200;
    char now[32];
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&later, &tm));
    opt.now = now;
    CU_ASSERT_EQUAL_FATAL(report_build(st, &opt, &r, &err), VG_OK);
    CU_ASSERT_EQUAL(r.scenarios[1].open, 1);
    CLOSE(r.scenarios[1].median_open_days, 10.5);
    CU_ASSERT_EQUAL(r.scenarios[1].open_older, 1); /* older than 7 days */
    CU_ASSERT_EQUAL(r.scenarios[0].open, 0);
    report_free(&r);
    opt.older_than_days = 11;
    CU_ASSERT_EQUAL_FATAL(report_build(st, &opt, &r, &err), VG_OK);
    CU_ASSERT_EQUAL(r.scenarios[1].open_older, 0);
    report_free(&r);
    opt.now = NULL;

    /* one run only: the same figures for run-a, nothing for the backtest run */
    opt.run_id = "run-b";
    CU_ASSERT_EQUAL_FATAL(report_build(st, &opt, &r, &err), VG_OK);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_EQUAL(r.control_hits, 0);
    report_free(&r);
    store_close(st);
}

static void test_intervals(void)
{
    report_interval iv = report_wilson(0, 0);
    CU_ASSERT(!iv.defined);
    iv = report_wilson(0, 2); /* p = 0: low is 0, high = 2 * 0.9604 / 2.9208 */
    CLOSE(iv.low, 0);
    CLOSE(iv.high, 0.657628);
    iv = report_wilson(5, 5);
    CLOSE(iv.high, 1);
    iv = report_ratio(0, 4, 1, 17); /* no confirmed hit: a lift of 0 with no interval */
    CU_ASSERT(iv.defined && !iv.bounded);
    CLOSE(iv.value, 0);
    iv = report_ratio(3, 4, 0, 17); /* no confirmed control: no lift */
    CU_ASSERT(!iv.defined);
}

static void test_setup(void)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
}

static void test_cleanup(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

UNIT_MAIN("report", { "temporary directory", test_setup }, { "control items and lift", test_control_lift },
          { "Wilson and ratio intervals", test_intervals }, { "clean up", test_cleanup })
