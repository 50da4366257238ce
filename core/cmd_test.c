/* cmd_test.c - `vigie test`: run every scenario's fixture cases, report failures and indicator coverage. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "trial.h"
#include "config.h"
#include "loader.h"
#include "xalloc.h"

const char cmd_test_usage[] =
    "usage: vigie test [-s RULESET] [--scenario ID] [--min-coverage PCT] [--format text|json]\n"
    "                  [--lang en|fr] [-v] [RULESET]\n"
    "\n"
    "Run the fixtures of every scenario (NAME.test.yaml next to NAME.lua; drafts\n"
    "included, retired scenarios skipped): each case's record must give the expected\n"
    "verdict (hit or no-hit) and, when the case says so, the expected score and the\n"
    "exact set of fired indicators. Each failure is printed with the scenario, the\n"
    "fixture file:line, the case name, expected against actual, and the explanation.\n"
    "\n"
    "Then the coverage of each scenario: a condition or indicator is covered when one\n"
    "case makes it true and one case makes it false (unknown counts as neither). The\n"
    "uncovered ones are listed. An active scenario below --min-coverage fails the\n"
    "test; a draft's coverage is shown only.\n"
    "\n"
    "The last line is `ruleset: N passed, N failed`, counting cases; a broken fixture\n"
    "(bad-fixture finding) and each case of a scenario that does not compile count as\n"
    "failed. A shortfall of coverage fails the command without changing that line.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR    ruleset directory (default: vigie.yaml's ruleset, else\n"
    "                       scenarios; or give it as RULESET)\n"
    "  --scenario ID        only this scenario's cases and coverage\n"
    "  --min-coverage PCT   coverage an active scenario needs, 0 to 100 (default 100)\n"
    "  --format FORMAT      text (default) or json (one JSON object: cases, fixture\n"
    "                       errors, coverage, passed, failed)\n"
    "  --lang LANG          en or fr for the explanations of failures (default:\n"
    "                       vigie.yaml's language, else en)\n"
    "  -v, --verbose        print every case, not only the failures\n"
    "\n"
    "exit codes:\n"
    "  0  every case passed and every active scenario has the coverage asked\n"
    "  2  bad command line\n"
    "  3  the ruleset cannot be read at all\n"
    "  5  a case failed, a fixture is broken, a scenario does not compile, or an active\n"
    "     scenario is below --min-coverage (the last line then says which)\n";

typedef struct test_options {
    const char *only;       /* --scenario */
    double min_coverage;    /* percent */
    bool json;
    bool verbose;
    const char *lang;
} test_options;

typedef struct test_totals {
    int passed, failed;
    int below_coverage;     /* active scenarios under the minimum */
    cJSON *cases, *fixture_errors, *coverage; /* JSON mode */
} test_totals;

/* Per part of one scenario: did some case make it true, some case make it false. */
typedef struct test_coverage {
    bool seen_true[EVAL_MAX_PARTS];
    bool seen_false[EVAL_MAX_PARTS];
} test_coverage;

static const char *plural(int n) { return n == 1 ? "" : "s"; }

static bool test_selected(const test_options *opt, const char *id)
{
    return !opt->only || strcmp(opt->only, id) == 0;
}

static cJSON *test_fired_json(const scenario *sc, const explanation *ex)
{
    cJSON *a = cJSON_CreateArray();
    for (int k = 0; k < sc->indicator_count; k++) {
        int part = sc->condition_count + k;
        if (ex->result.outcome[part] == TRI_TRUE) cJSON_AddItemToArray(a, cJSON_CreateString(sc->parts[part].id));
    }
    return a;
}

static void test_report_case(const test_options *opt, test_totals *tt, const fixture_suite *suite,
                             const fixture_case *c, const explanation *ex, bool passed, const char *why)
{
    const scenario *sc = suite->sc;
    if (opt->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", sc->id);
        cJSON_AddStringToObject(o, "file", suite->path);
        cJSON_AddNumberToObject(o, "line", (double)c->line);
        cJSON_AddStringToObject(o, "name", c->name);
        cJSON_AddBoolToObject(o, "passed", passed);
        cJSON *e = cJSON_AddObjectToObject(o, "expected");
        cJSON_AddStringToObject(e, "verdict", verdict_name(c->expect));
        if (c->has_score) cJSON_AddNumberToObject(e, "score", c->score);
        if (c->has_fired) {
            cJSON *f = cJSON_AddArrayToObject(e, "fired");
            for (int i = 0; i < c->fired_count; i++) cJSON_AddItemToArray(f, cJSON_CreateString(c->fired[i]));
        }
        cJSON *a = cJSON_AddObjectToObject(o, "actual");
        cJSON_AddStringToObject(a, "verdict", verdict_name(ex->result.verdict));
        cJSON_AddNumberToObject(a, "score", ex->result.score);
        cJSON_AddItemToObject(a, "fired", test_fired_json(sc, ex));
        if (!passed) {
            cJSON_AddStringToObject(o, "why", why);
            cJSON_AddItemToObject(o, "explanation", render_hit_tree(ex, NULL, 0));
        }
        cJSON_AddItemToArray(tt->cases, o);
        return;
    }
    if (passed) {
        if (opt->verbose) printf("ok    %s  %s:%ld  %s\n", sc->id, suite->path, c->line, c->name);
        return;
    }
    char want[512], got[512];
    trial_expected_fired(c, want, sizeof want);
    trial_actual_fired(ex, got, sizeof got);
    printf("FAIL  %s  %s:%ld  case '%s'\n", sc->id, suite->path, c->line, c->name);
    printf("      %s\n", why);
    printf("      expected: %s", verdict_name(c->expect));
    if (c->has_score) printf(", score %d", c->score);
    if (c->has_fired) printf(", fired %s", want);
    printf("\n      actual:   %s, score %d, fired %s\n", verdict_name(ex->result.verdict), ex->result.score, got);
    render_explanation_text(ex, stdout, opt->lang);
    putchar('\n');
}

/* Run the cases of one suite; fill cov. */
static void test_run_suite(const loaded_ruleset *lr, const test_options *opt, test_totals *tt,
                           const fixture_suite *suite, explanation *ex, test_coverage *cov)
{
    const scenario *sc = suite->sc;
    int parts = sc->condition_count + sc->indicator_count;
    char why[1024];
    for (int k = 0; k < suite->case_count; k++) {
        const fixture_case *c = &suite->cases[k];
        bool passed = trial_case_run(lr->set.sb, sc, c, ex, why, sizeof why);
        for (int p = 0; p < parts; p++) {
            if (ex->result.outcome[p] == TRI_TRUE) cov->seen_true[p] = true;
            else if (ex->result.outcome[p] == TRI_FALSE) cov->seen_false[p] = true;
        }
        if (passed) tt->passed++;
        else tt->failed++;
        test_report_case(opt, tt, suite, c, ex, passed, why);
    }
}

static const char *test_gap(const test_coverage *cov, int p)
{
    if (!cov->seen_true[p] && !cov->seen_false[p]) return "never true, never false";
    if (!cov->seen_true[p]) return "never true";
    return "never false";
}

/* The coverage of one scenario; true when it meets the minimum (drafts always do). */
static bool test_report_coverage(const test_options *opt, test_totals *tt, const scenario *sc, int cases,
                                 const test_coverage *cov, int id_width)
{
    int parts = sc->condition_count + sc->indicator_count, covered = 0;
    for (int p = 0; p < parts; p++) covered += cov->seen_true[p] && cov->seen_false[p];
    double percent = parts ? 100.0 * covered / parts : 100.0;
    bool enough = sc->status != STATUS_ACTIVE || (double)covered * 100.0 >= opt->min_coverage * parts;
    if (opt->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", sc->id);
        cJSON_AddStringToObject(o, "status", scenario_status_name(sc->status));
        cJSON_AddNumberToObject(o, "cases", cases);
        cJSON_AddNumberToObject(o, "covered", covered);
        cJSON_AddNumberToObject(o, "parts", parts);
        cJSON_AddNumberToObject(o, "percent", percent);
        cJSON_AddBoolToObject(o, "below_minimum", !enough);
        cJSON *u = cJSON_AddArrayToObject(o, "uncovered");
        for (int p = 0; p < parts; p++) {
            if (cov->seen_true[p] && cov->seen_false[p]) continue;
            cJSON *g = cJSON_CreateObject();
            cJSON_AddStringToObject(g, "id", sc->parts[p].id);
            cJSON_AddStringToObject(g, "kind", sc->parts[p].is_condition ? "condition" : "indicator");
            cJSON_AddStringToObject(g, "gap", test_gap(cov, p));
            cJSON_AddItemToArray(u, g);
        }
        cJSON_AddItemToArray(tt->coverage, o);
    } else {
        printf("  %-*s  %-7s  %3d case%s  %2d/%-2d  %5.1f%%%s\n", id_width, sc->id, scenario_status_name(sc->status),
               cases, cases == 1 ? " " : "s", covered, parts, percent, enough ? "" : "  BELOW MINIMUM");
        for (int p = 0; p < parts; p++)
            if (!(cov->seen_true[p] && cov->seen_false[p]))
                printf("  %-*s      %s '%s' (line %d): %s\n", id_width, "",
                       sc->parts[p].is_condition ? "condition" : "indicator", sc->parts[p].id, sc->parts[p].line,
                       test_gap(cov, p));
    }
    if (!enough) tt->below_coverage++;
    return enough;
}

/* Broken fixtures, cases that cannot run, files that do not compile: each printed, counted as failed. */
static int test_report_problems(const loaded_ruleset *lr, const test_options *opt, test_totals *tt)
{
    int problems = 0;
    if (!opt->only) {
        for (int i = 0; i < lr->compile_errors; i++) {
            if (!opt->json) diag_print(&lr->diags.items[i], stdout);
            problems++;
        }
        if (problems && !opt->json)
            printf("FAIL  %d load or compile error%s (above): the scenarios concerned are not tested (run: vigie check)\n",
                   problems, plural(problems));
    }
    for (int i = lr->compile_errors; i < lr->diags.count; i++) {
        const diag *d = &lr->diags.items[i];
        if (strcmp(d->code, "bad-fixture") != 0) continue;
        if (opt->only) {
            const scenario *sc = scenario_set_find(&lr->set, opt->only);
            char *path = sc ? fixture_path_for(sc->path) : NULL;
            bool mine = strcmp(d->scenario, opt->only) == 0 || (path && strcmp(d->file, path) == 0);
            free(path);
            if (!mine) continue;
        }
        if (opt->json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "file", d->file);
            cJSON_AddNumberToObject(o, "line", (double)d->line);
            if (d->scenario[0]) cJSON_AddStringToObject(o, "scenario", d->scenario);
            cJSON_AddStringToObject(o, "message", d->message);
            cJSON_AddStringToObject(o, "hint", d->hint);
            cJSON_AddItemToArray(tt->fixture_errors, o);
        } else {
            diag_print(d, stdout);
        }
        tt->failed++;
    }
    for (int i = 0; i < lr->fixtures.count; i++) {
        const fixture_suite *s = &lr->fixtures.suites[i];
        if (s->sc || !s->not_run || !test_selected(opt, s->scenario_id)) continue;
        if (!opt->json)
            printf("FAIL  %s  %s:%ld  %d case%s not run: the scenario does not compile (run: vigie check)\n",
                   s->scenario_id, s->path, s->line, s->not_run, plural(s->not_run));
        tt->failed += s->not_run;
        problems++;
    }
    return problems;
}

static bool test_parse_percent(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || (*end && strcmp(end, "%") != 0) || v < 0 || v > 100) return false;
    *out = v;
    return true;
}

int cmd_test(int argc, char **argv)
{
    const char *ruleset_dir = NULL, *format = "text", *lang_flag = NULL;
    test_options opt = { NULL, 100.0, false, false, "en" };
    enum { OPT_SCENARIO = 256, OPT_MIN_COVERAGE, OPT_FORMAT, OPT_LANG };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "scenario", required_argument, NULL, OPT_SCENARIO },
        { "min-coverage", required_argument, NULL, OPT_MIN_COVERAGE }, { "format", required_argument, NULL, OPT_FORMAT },
        { "lang", required_argument, NULL, OPT_LANG }, { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:vh", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case OPT_SCENARIO: opt.only = optarg; break;
        case OPT_MIN_COVERAGE:
            if (!test_parse_percent(optarg, &opt.min_coverage)) {
                fprintf(stderr, "vigie test: --min-coverage is a percentage from 0 to 100, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_LANG: lang_flag = optarg; break;
        case 'v': opt.verbose = true; break;
        case 'h': fputs(cmd_test_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie test: see 'vigie help test'\n", stderr); return EXIT_USAGE;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "vigie test: --format is text or json, not '%s'\n", format);
        return EXIT_USAGE;
    }
    if (lang_flag && strcmp(lang_flag, "en") != 0 && strcmp(lang_flag, "fr") != 0) {
        fprintf(stderr, "vigie test: --lang is en or fr, not '%s'\n", lang_flag);
        return EXIT_USAGE;
    }
    if (optind < argc) {
        if (optind < argc - 1 || ruleset_dir) {
            fputs("vigie test: give one ruleset, as -s DIR or as RULESET\n", stderr);
            return EXIT_USAGE;
        }
        ruleset_dir = argv[optind];
    }
    config cfg;
    if (!config_load_for(&cfg, "test")) return EXIT_USAGE;
    ruleset_dir = config_ruleset(&cfg, ruleset_dir, "scenarios");
    opt.lang = config_language(&cfg, lang_flag, "en");
    opt.json = format[0] == 'j';

    loaded_ruleset lr;
    vg_error err;
    if (loader_open(&lr, ruleset_dir, NULL, &err) != VG_OK) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie test: %s\n", msg);
        return EXIT_RULESET;
    }
    if (opt.only && !scenario_set_find(&lr.set, opt.only)) {
        bool uncompiled = false;
        for (int i = 0; i < lr.fixtures.count; i++)
            uncompiled |= !lr.fixtures.suites[i].sc && strcmp(lr.fixtures.suites[i].scenario_id, opt.only) == 0;
        if (!uncompiled) {
            fprintf(stderr, "vigie test: no scenario '%s' in %s\n", opt.only, ruleset_dir);
            loader_close(&lr);
            return EXIT_USAGE;
        }
    }

    test_totals tt = { 0 };
    if (opt.json) {
        tt.cases = cJSON_CreateArray();
        tt.fixture_errors = cJSON_CreateArray();
        tt.coverage = cJSON_CreateArray();
    }
    int retired = 0, scenarios = 0, id_width = 8;
    for (int i = 0; i < lr.set.count; i++) {
        const scenario *sc = lr.set.items[i];
        if (!test_selected(&opt, sc->id)) continue;
        if (sc->status == STATUS_RETIRED) retired++;
        else scenarios++;
        int n = (int)strlen(sc->id);
        if (n > id_width) id_width = n;
    }
    if (!opt.json)
        printf("vigie test: ruleset %s (revision %.12s): %d scenario%s%s\n", lr.rs.dir, lr.rs.revision, scenarios,
               plural(scenarios), retired ? ", retired ones skipped" : "");
    int problems = test_report_problems(&lr, &opt, &tt);

    explanation *ex = xmalloc(sizeof *ex);
    test_coverage *cov = xcalloc((size_t)(lr.set.count ? lr.set.count : 1), sizeof *cov);
    int *cases = xcalloc((size_t)(lr.set.count ? lr.set.count : 1), sizeof *cases);
    for (int i = 0; i < lr.set.count; i++) {
        const scenario *sc = lr.set.items[i];
        if (sc->status == STATUS_RETIRED || !test_selected(&opt, sc->id)) continue;
        const fixture_suite *suite = fixture_set_find(&lr.fixtures, sc);
        if (!suite) continue;
        test_run_suite(&lr, &opt, &tt, suite, ex, &cov[i]);
        cases[i] = suite->case_count;
    }
    if (!opt.json)
        printf("coverage (covered: some case makes it true and some case makes it false; minimum %g%% for active scenarios)\n",
               opt.min_coverage);
    for (int i = 0; i < lr.set.count; i++) {
        const scenario *sc = lr.set.items[i];
        if (sc->status == STATUS_RETIRED || !test_selected(&opt, sc->id)) continue;
        test_report_coverage(&opt, &tt, sc, cases[i], &cov[i], id_width);
    }

    if (opt.json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "ruleset", lr.rs.dir);
        cJSON_AddStringToObject(o, "revision", lr.rs.revision);
        cJSON_AddNumberToObject(o, "min_coverage", opt.min_coverage);
        cJSON_AddItemToObject(o, "cases", tt.cases);
        cJSON_AddItemToObject(o, "fixture_errors", tt.fixture_errors);
        cJSON_AddItemToObject(o, "coverage", tt.coverage);
        cJSON_AddNumberToObject(o, "passed", tt.passed);
        cJSON_AddNumberToObject(o, "failed", tt.failed);
        cJSON_AddNumberToObject(o, "below_coverage", tt.below_coverage);
        char *s = cJSON_Print(o);
        puts(s);
        free(s);
        cJSON_Delete(o);
    } else if (tt.below_coverage) {
        printf("%d active scenario%s below %g%% coverage: add cases that make each listed part true and false\n",
               tt.below_coverage, plural(tt.below_coverage), opt.min_coverage);
    }
    fprintf(opt.json ? stderr : stdout, "ruleset: %d passed, %d failed\n", tt.passed, tt.failed);
    /* Every case may pass and the exit still be 5: the last line says why. */
    if (tt.failed || problems || tt.below_coverage) {
        char why[300] = "";
        size_t at = 0;
        if (tt.failed)
            at += (size_t)snprintf(why + at, sizeof why - at, "%d case%s failed", tt.failed, plural(tt.failed));
        if (problems && at < sizeof why)
            at += (size_t)snprintf(why + at, sizeof why - at, "%s%d fixture or ruleset problem%s", at ? "; " : "",
                                   problems, plural(problems));
        if (tt.below_coverage && at < sizeof why)
            snprintf(why + at, sizeof why - at, "%s%d active scenario%s below the %g%% minimum coverage (--min-coverage)",
                     at ? "; " : "", tt.below_coverage, plural(tt.below_coverage), opt.min_coverage);
        fprintf(opt.json ? stderr : stdout, "vigie test: exit %d: %s\n", EXIT_FAILED, why);
    }
    free(ex);
    free(cov);
    free(cases);
    loader_close(&lr);
    return tt.failed || problems || tt.below_coverage ? EXIT_FAILED : EXIT_CLEAN;
}
