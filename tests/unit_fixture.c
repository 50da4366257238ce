/* unit_fixture.c - fixture files: parsing, record conversion, every error with its line, running cases,
 * and what the loader learns from them (function reads for governance, no-fixtures). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "trial.h"

/* Metadata of the test scenarios (the unit schema `person`). */
#define META "title = { en = 'Test', fr = 'Essai' }, applies_to = 'person', owner = 'desk', rationale = 'why', " \
             "review_by = '2099-01-01', subject = 'other', guidance = 'do this', "

/* T1: a condition and three indicators, one of them a Lua function. */
static const char scenario_src[] =
    "scenario { id = 'T1', status = 'active', " META " threshold = 3,\n"                              /* 1 */
    "  conditions = { condition 'fare_paid' { label = 'Fare', when = field 'fare' :gt(0) } },\n"      /* 2 */
    "  indicators = {\n"                                                                               /* 3 */
    "    indicator 'one_way' { label = 'One way', weight = 2, when = field 'one_way' :equals(true) },\n" /* 4 */
    "    indicator 'hub' { label = 'Hub', weight = 1, when = field 'route' :contains_any(list 'hubs') },\n" /* 5 */
    "    indicator 'few_bags' { label = 'Few bags', weight = 1, when = function(r)\n"                 /* 6 */
    "      if r.bags == nil then return nil end return r.bags < 1 end },\n"                            /* 7 */
    "  } }\n";

static const char good_yaml[] =
    "scenario: T1\n"                          /* 1 */
    "cases:\n"                                /* 2 */
    "  - name: one way via a hub\n"           /* 3 */
    "    expect: hit\n"                       /* 4 */
    "    score: 3\n"                          /* 5 */
    "    fired: [one_way, hub]\n"             /* 6 */
    "    record:\n"                           /* 7 */
    "      id: P-1\n"                         /* 8 */
    "      fare: 120.5\n"                     /* 9 */
    "      one_way: yes\n"                    /* 10 */
    "      route: [LOS, IST, YYZ]\n"          /* 11 */
    "      bags: 2\n"                         /* 12 */
    "      birth: 2010-04-02\n"               /* 13 */
    "      departure: 2026-12-01T10:00:00Z\n" /* 14 */
    "  - name: return ticket, no bags\n"      /* 15 */
    "    expect: no-hit\n"                    /* 16 */
    "    fired: [few_bags]\n"                 /* 17 */
    "    record:\n"                           /* 18 */
    "      fare: 99\n"                        /* 19 */
    "      one_way: false\n"                  /* 20 */
    "      route: LOS|YYZ\n"                  /* 21 */
    "      bags: 0\n"                         /* 22 */
    "      payer: ~\n";                       /* 23 */

static loaded_ruleset lr;
static bool lr_open;
static char dir[256];

static void put_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/person/%s", dir, name);
    if (!text) {
        unlink(path);
        return;
    }
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(text, f);
    fclose(f);
}

static void close_ruleset(void)
{
    if (lr_open) loader_close(&lr);
    lr_open = false;
}

/* A ruleset of the unit schema and lists with person/t.lua (and t.test.yaml when yaml
 * is not NULL) and nothing else. */
static void open_ruleset(const char *lua, const char *yaml)
{
    close_ruleset();
    if (!dir[0]) {
        char cwd[200], path[512], target[512];
        if (!getcwd(cwd, sizeof cwd)) abort();
        snprintf(dir, sizeof dir, "/tmp/vigie-fixture-XXXXXX");
        if (!mkdtemp(dir)) abort();
        snprintf(path, sizeof path, "%s/schemas", dir);
        snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/schemas", cwd);
        if (symlink(target, path) != 0) abort();
        snprintf(path, sizeof path, "%s/lists", dir);
        snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/lists", cwd);
        if (symlink(target, path) != 0) abort();
        snprintf(path, sizeof path, "%s/person", dir);
        if (mkdir(path, 0755) != 0) abort();
    }
    put_file("t.lua", lua);
    put_file("t.test.yaml", yaml);
    vg_error err;
    if (loader_open(&lr, dir, NULL, &err) != VG_OK) {
        fprintf(stderr, "ruleset: %s\n", err.message);
        abort();
    }
    lr_open = true;
}

static int count_code(const char *code)
{
    int n = 0;
    for (int i = 0; i < lr.diags.count; i++) n += strcmp(lr.diags.items[i].code, code) == 0;
    return n;
}

/* The first finding of code whose message contains `text`, or NULL (then the list is shown). */
static const diag *find_diag(const char *code, const char *text)
{
    for (int i = 0; i < lr.diags.count; i++)
        if (strcmp(lr.diags.items[i].code, code) == 0 && strstr(lr.diags.items[i].message, text))
            return &lr.diags.items[i];
    fprintf(stderr, "no %s finding with '%s'; got:\n", code, text);
    for (int i = 0; i < lr.diags.count; i++) diag_print(&lr.diags.items[i], stderr);
    return NULL;
}

static long line_of(const char *code, const char *text)
{
    const diag *d = find_diag(code, text);
    return d ? d->line : -1;
}

static const fixture_suite *suite_of(const char *id)
{
    const scenario *sc = scenario_set_find(&lr.set, id);
    return sc ? fixture_set_find(&lr.fixtures, sc) : NULL;
}

/* A copy of good_yaml with the text of one line replaced (1-based). */
static char *with_line(int line, const char *text)
{
    static char buf[4096];
    const char *p = good_yaml;
    size_t n = 0;
    for (int l = 1; *p; l++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (l == line) n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", text);
        else n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*s\n", (int)len, p);
        p += len + (end ? 1 : 0);
    }
    return buf;
}

/* ---- parsing ------------------------------------------------------------------- */

static void test_parse_good(void)
{
    open_ruleset(scenario_src, good_yaml);
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 0);
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 0);
    const fixture_suite *s = suite_of("T1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->line, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s->path, "person/t.test.yaml"));
    CU_ASSERT_EQUAL_FATAL(s->case_count, 2);
    const fixture_case *a = &s->cases[0], *b = &s->cases[1];
    CU_ASSERT_STRING_EQUAL(a->name, "one way via a hub");
    CU_ASSERT_EQUAL(a->line, 3);
    CU_ASSERT_EQUAL(a->expect, VERDICT_HIT);
    CU_ASSERT(a->has_score);
    CU_ASSERT_EQUAL(a->score, 3);
    CU_ASSERT(a->has_fired);
    CU_ASSERT_EQUAL_FATAL(a->fired_count, 2);
    CU_ASSERT_STRING_EQUAL(a->fired[1], "hub");
    CU_ASSERT_EQUAL(b->expect, VERDICT_NO_HIT);
    CU_ASSERT_FALSE(b->has_score);
    CU_ASSERT_EQUAL(b->line, 15);
    /* values converted by the schema's types; a sequence for a list field; derived values */
    const value *v = record_get_field(&a->rec, "route");
    CU_ASSERT_EQUAL_FATAL(v->kind, V_LIST);
    CU_ASSERT_EQUAL_FATAL(v->len, 3);
    CU_ASSERT_STRING_EQUAL(v->as.items[1], "IST");
    CU_ASSERT_EQUAL(record_get_field(&a->rec, "one_way")->kind, V_BOOLEAN);
    CU_ASSERT(record_get_field(&a->rec, "one_way")->as.b);
    CU_ASSERT_EQUAL(record_get_field(&a->rec, "fare")->kind, V_NUMBER);
    CU_ASSERT_EQUAL(record_get_field(&a->rec, "bags")->as.i, 2);
    CU_ASSERT_EQUAL(record_get_field(&a->rec, "age")->kind, V_INTEGER);
    CU_ASSERT_EQUAL(record_get_field(&a->rec, "age")->as.i, 16);
    CU_ASSERT_STRING_EQUAL(record_key(&a->rec), "P-1");
    CU_ASSERT_EQUAL(a->rec.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(a->rec.source, "t.test.yaml"));
    /* a '|'-joined scalar is a list too; ~ is missing; unset fields are missing */
    CU_ASSERT_EQUAL(record_get_field(&b->rec, "route")->len, 2);
    CU_ASSERT_EQUAL(record_get_field(&b->rec, "payer")->kind, V_MISSING);
    CU_ASSERT_EQUAL(record_get_field(&b->rec, "origin")->kind, V_MISSING);
    CU_ASSERT_EQUAL(record_get_field(&b->rec, "age")->kind, V_MISSING);
}

static void test_fixture_path(void)
{
    char *p = fixture_path_for("scenarios/traveller/x.lua");
    CU_ASSERT_STRING_EQUAL(p, "scenarios/traveller/x.test.yaml");
    free(p);
}

static void test_syntax_error(void)
{
    open_ruleset(scenario_src, "scenario: T1\ncases:\n  - name: a\n    expect: [hit\n    record: {}\n");
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 1);
    const diag *d = find_diag("bad-fixture", "YAML syntax error");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT(d->line >= 4 && d->line <= 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(d->file, "t.test.yaml"));
    /* no case could be read: the active scenario has no fixtures, its function reads stay unknown */
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 1);
    CU_ASSERT_EQUAL(count_code("function-reads-unknown"), 1);
}

static void test_record_errors(void)
{
    open_ruleset(scenario_src, with_line(12, "      bagz: 2"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'bagz': no such field in the person schema"), 12);
    open_ruleset(scenario_src, with_line(12, "      bags: two"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'bags' (integer)"), 12);
    open_ruleset(scenario_src, with_line(13, "      birth: 2010-13-02"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'birth' (date)"), 13);
    open_ruleset(scenario_src, with_line(10, "      one_way: perhaps"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'one_way' (boolean)"), 10);
    open_ruleset(scenario_src, with_line(13, "      age: 16"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'age': it is derived from birth and departure"), 13);
    open_ruleset(scenario_src, with_line(12, "      bags: [1, 2]"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'bags' (integer): the value is a sequence"), 12);
    open_ruleset(scenario_src, with_line(11, "      route: [LOS, IST|DXB]"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "contains '|'"), 11);
    open_ruleset(scenario_src, with_line(12, "      fare: 3"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "field 'fare' is given twice"), 12);
    /* the broken case is left out, the other one stays */
    const fixture_suite *s = suite_of("T1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->case_count, 1);
    CU_ASSERT_STRING_EQUAL(s->cases[0].name, "return ticket, no bags");
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 1);
}

static void test_case_errors(void)
{
    open_ruleset(scenario_src, with_line(4, "    expect: maybe"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'expect' is 'maybe', not hit or no-hit"), 4);
    open_ruleset(scenario_src, with_line(4, "    expected: hit"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "unknown key 'expected'"), 4);
    CU_ASSERT_EQUAL(line_of("bad-fixture", "has no 'expect'"), 3);
    open_ruleset(scenario_src, with_line(5, "    score: high"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'score' is 'high', not an integer"), 5);
    open_ruleset(scenario_src, with_line(6, "    fired: [one_way, hubs]"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'fired' names 'hubs', which is not an indicator"), 6);
    open_ruleset(scenario_src, with_line(6, "    fired: [one_way, fare_paid]"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'fare_paid', which is a condition"), 6);
    open_ruleset(scenario_src, with_line(6, "    fired: one_way"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'fired' is a scalar"), 6);
    open_ruleset(scenario_src, with_line(15, "  - name: one way via a hub"));
    CU_ASSERT_EQUAL(line_of("bad-fixture", "case name 'one way via a hub' is already used at line 3"), 15);
    open_ruleset(scenario_src, "scenario: T1\ncases:\n  - name: a\n    expect: hit\n");
    CU_ASSERT_EQUAL(line_of("bad-fixture", "case 'a' has no 'record'"), 3);
    open_ruleset(scenario_src, "scenario: T1\ncases:\n  - just a string\n");
    CU_ASSERT_EQUAL(line_of("bad-fixture", "a case is a mapping"), 3);
}

static void test_document_errors(void)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", with_line(1, "scenario: T9"));
    open_ruleset(scenario_src, buf);
    CU_ASSERT_EQUAL(line_of("bad-fixture", "no scenario 'T9' in"), 1);
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "(it declares: T1)"));
    CU_ASSERT_PTR_NULL(suite_of("T1"));
    open_ruleset(scenario_src, "scenario: T1\ncases: 3\n");
    CU_ASSERT_EQUAL(line_of("bad-fixture", "'cases' is a scalar"), 2);
    open_ruleset(scenario_src, "cases: []\n");
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "no scenario id"));
    open_ruleset(scenario_src, "scenario: T1\ncase: []\ncases: []\n");
    CU_ASSERT_EQUAL(line_of("bad-fixture", "unknown key 'case'"), 2);
    open_ruleset(scenario_src, "- T1\n");
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "not a mapping with scenario"));
    open_ruleset(scenario_src, "# nothing yet\n");
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "the file holds no fixtures"));
}

/* A fixture may only name a scenario of the .lua next to it; a file with two scenarios
 * gives one YAML document per scenario. */
static void test_documents_and_other_files(void)
{
    char lua[4096], yaml[8192];
    snprintf(lua, sizeof lua, "%sscenario { id = 'T2', status = 'draft', " META " threshold = 1,\n"
             "  indicators = { indicator 'bags' { label = 'B', weight = 1, when = field 'bags' :gt(2) } } }\n",
             scenario_src);
    snprintf(yaml, sizeof yaml, "%s---\nscenario: T2\ncases:\n  - {name: many bags, expect: hit, record: {bags: 3}}\n"
             "  - {name: few bags, expect: no-hit, record: {bags: 1}}\n", good_yaml);
    open_ruleset(lua, yaml);
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 0);
    CU_ASSERT_EQUAL(suite_of("T1")->case_count, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(suite_of("T2"));
    CU_ASSERT_EQUAL(suite_of("T2")->case_count, 2);
    CU_ASSERT_EQUAL(suite_of("T2")->line, 25);
    CU_ASSERT_EQUAL(suite_of("T2")->cases[1].line, 28);
    /* the same scenario twice */
    snprintf(yaml, sizeof yaml, "%s---\nscenario: T1\ncases: []\n", good_yaml);
    open_ruleset(lua, yaml);
    CU_ASSERT_EQUAL(line_of("bad-fixture", "the fixtures of 'T1' are already given at"), 25);

    /* a scenario declared in another file of the ruleset */
    open_ruleset(scenario_src, good_yaml);
    put_file("u.lua", "scenario { id = 'U1', status = 'draft', " META " threshold = 1,\n"
                      "  indicators = { indicator 'bags' { label = 'B', weight = 1, when = field 'bags' :gt(2) } } }\n");
    put_file("u.test.yaml", "scenario: T1\ncases: []\n");
    open_ruleset(scenario_src, good_yaml);
    CU_ASSERT_EQUAL(line_of("bad-fixture", "scenario 'T1' is declared in"), 1);
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "u.lua next to this file"));
    put_file("u.lua", NULL);
    put_file("u.test.yaml", NULL);

    /* fixtures with no scenario file */
    put_file("gone.test.yaml", "scenario: GONE\ncases: []\n");
    open_ruleset(scenario_src, good_yaml);
    CU_ASSERT_PTR_NOT_NULL(find_diag("bad-fixture", "gone.lua next to these fixtures"));
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 1);
    put_file("gone.test.yaml", NULL);
}

/* A scenario file that does not compile: its fixtures are kept as cases not run, and
 * no second finding is added for them. */
static void test_scenario_that_does_not_compile(void)
{
    open_ruleset("scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
                 "  indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'nope' :gt(1) } } }\n",
                 good_yaml);
    CU_ASSERT_EQUAL(count_code("unknown-field"), 1);
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 0);
    CU_ASSERT_EQUAL(lr.compile_errors, 1);
    CU_ASSERT_EQUAL_FATAL(lr.fixtures.count, 1);
    CU_ASSERT_PTR_NULL(lr.fixtures.suites[0].sc);
    CU_ASSERT_EQUAL(lr.fixtures.suites[0].not_run, 2);
    CU_ASSERT_STRING_EQUAL(lr.fixtures.suites[0].scenario_id, "T1");
}

/* ---- running cases ------------------------------------------------------------- */

static void test_run_cases(void)
{
    open_ruleset(scenario_src, good_yaml);
    const fixture_suite *s = suite_of("T1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static explanation ex;
    char why[512], fired[128];
    CU_ASSERT(trial_case_run(lr.set.sb, s->sc, &s->cases[0], &ex, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "");
    CU_ASSERT(trial_case_run(lr.set.sb, s->sc, &s->cases[1], &ex, why, sizeof why));
    trial_actual_fired(&ex, fired, sizeof fired);
    CU_ASSERT_STRING_EQUAL(fired, "[few_bags]");

    /* every kind of difference is named */
    fixture_case c = s->cases[0];
    c.expect = VERDICT_NO_HIT;
    c.score = 4;
    char *want[] = { "one_way" };
    c.fired = want;
    c.fired_count = 1;
    CU_ASSERT_FALSE(trial_case_run(lr.set.sb, s->sc, &c, &ex, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "verdict: expected no-hit, got hit; score: expected 4, got 3; "
                                "fired: expected [one_way], got [one_way, hub]");
    /* score and fired are only compared when the case gives them */
    c.expect = VERDICT_HIT;
    c.has_score = false;
    c.has_fired = false;
    CU_ASSERT(trial_case_run(lr.set.sb, s->sc, &c, &ex, why, sizeof why));
    /* fired is a set: order does not matter, and an empty set is an expectation too */
    char *reversed[] = { "hub", "one_way" };
    c.has_fired = true;
    c.fired = reversed;
    c.fired_count = 2;
    CU_ASSERT(trial_case_run(lr.set.sb, s->sc, &c, &ex, why, sizeof why));
    c.fired_count = 0;
    CU_ASSERT_FALSE(trial_case_run(lr.set.sb, s->sc, &c, &ex, why, sizeof why));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "fired: expected [], got [one_way, hub]"));
}

static void test_run_error_case(void)
{
    open_ruleset("scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
                 "  indicators = { indicator 'p' { label = 'P', weight = 1, when = function(r) return r.bags > 1 end } } }\n",
                 "scenario: T1\ncases:\n  - {name: no bags given, expect: no-hit, record: {id: X}}\n");
    const fixture_suite *s = suite_of("T1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static explanation ex;
    char why[512];
    CU_ASSERT_FALSE(trial_case_run(lr.set.sb, s->sc, &s->cases[0], &ex, why, sizeof why));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "the scenario failed on this record"));
}

/* ---- what the loader learns from fixtures -------------------------------------- */

static const char religion_src[] =
    "scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
    "  indicators = {\n"
    "    indicator 'bags' { label = 'Bags', weight = 1, when = field 'bags' :gt(2) },\n"
    "    indicator 'f' { label = 'F', weight = 1, when = function(r)\n"
    "      if r.bags == nil then return nil end return r.bags > 5 or r.religion == 'X' end },\n"
    "  } }\n";
static const char religion_yaml[] =
    "scenario: T1\ncases:\n"
    "  - {name: many bags, expect: hit, record: {bags: 3}}\n"
    "  - {name: few bags, expect: no-hit, record: {bags: 0}}\n";

static void test_function_reads_learned(void)
{
    /* without fixtures the function's reads are unknown: only a warning */
    open_ruleset(religion_src, NULL);
    CU_ASSERT_EQUAL(count_code("sensitive-field"), 0);
    CU_ASSERT_EQUAL(line_of("function-reads-unknown", "'f'"), 4);
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 1);
    CU_ASSERT_FALSE(loader_function_reads(&lr, lr.set.items[0])->known);
    /* with fixtures, the function is seen reading religion: refused */
    open_ruleset(religion_src, religion_yaml);
    CU_ASSERT_EQUAL(line_of("sensitive-field", "indicator 'f' reads the sensitive field 'religion'"), 4);
    CU_ASSERT_EQUAL(count_code("function-reads-unknown"), 0);
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 0);
    const function_reads *fr = loader_function_reads(&lr, lr.set.items[0]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fr);
    CU_ASSERT(fr->known);
    const schema *s = lr.set.items[0]->schema;
    CU_ASSERT(field_bits_has(&fr->by_part[1], schema_field_index(s, "religion")));
    CU_ASSERT(field_bits_has(&fr->by_part[1], schema_field_index(s, "bags")));
    CU_ASSERT_FALSE(field_bits_has(&fr->by_part[0], schema_field_index(s, "bags"))); /* declarative: not a function */
    CU_ASSERT(loader_blocking_errors(&lr, false, NULL) >= 1); /* a run would refuse it */
    /* only what the cases make it read: a fixture that never gets past the nil check teaches bags only */
    open_ruleset(religion_src, "scenario: T1\ncases:\n  - {name: nothing, expect: no-hit, record: {id: X}}\n");
    CU_ASSERT_EQUAL(count_code("sensitive-field"), 0);
    CU_ASSERT(loader_function_reads(&lr, lr.set.items[0])->known);
}

static void test_function_protected_learned(void)
{
    const char *src =
        "scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
        "  indicators = {\n"
        "    indicator 'bags' { label = 'Bags', weight = 1, when = field 'bags' :gt(2) },\n"
        "    indicator 'f' { label = 'F', weight = 1, when = function(r) return r.nationality == 'XXX' end },\n"
        "  } }\n";
    open_ruleset(src, religion_yaml);
    CU_ASSERT_PTR_NOT_NULL(find_diag("unjustified-protected", "'nationality'"));
    CU_ASSERT_EQUAL(count_code("protected-only"), 0); /* bags is behaviour */
}

static void test_no_fixtures_only_for_active(void)
{
    open_ruleset("scenario { id = 'T1', status = 'draft', " META " threshold = 1,\n"
                 "  indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }\n", NULL);
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 0);
    open_ruleset("scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
                 "  indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }\n", NULL);
    CU_ASSERT_EQUAL(line_of("no-fixtures", "t.test.yaml"), 1);
    CU_ASSERT_EQUAL(lr.diags.items[0].severity, DIAG_WARNING);
    /* an empty list of cases is no fixture either */
    open_ruleset("scenario { id = 'T1', status = 'active', " META " threshold = 1,\n"
                 "  indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }\n",
                 "scenario: T1\ncases: []\n");
    CU_ASSERT_EQUAL(count_code("no-fixtures"), 1);
}

/* Broken fixtures are findings of check and failures of test, but they do not stop a run. */
static void test_bad_fixture_does_not_block_runs(void)
{
    open_ruleset(scenario_src, with_line(12, "      bags: two"));
    CU_ASSERT_EQUAL(count_code("bad-fixture"), 1);
    CU_ASSERT_EQUAL(loader_blocking_errors(&lr, false, NULL), 0);
    close_ruleset();
}

UNIT_MAIN("fixture",
          { "a good fixture file: cases, values, derived fields", test_parse_good },
          { "x.lua -> x.test.yaml", test_fixture_path },
          { "YAML syntax error with its line", test_syntax_error },
          { "record errors: unknown field, bad values, derived, twice", test_record_errors },
          { "case errors: expect, keys, score, fired, names, record", test_case_errors },
          { "document errors: unknown scenario, cases, keys, empty", test_document_errors },
          { "one document per scenario; other files; orphan fixtures", test_documents_and_other_files },
          { "fixtures of a scenario that does not compile", test_scenario_that_does_not_compile },
          { "running cases: verdict, score, fired set", test_run_cases },
          { "a case whose scenario errors fails", test_run_error_case },
          { "function reads learned from fixtures: sensitive field", test_function_reads_learned },
          { "function reads learned from fixtures: protected field", test_function_protected_learned },
          { "no-fixtures for active scenarios only", test_no_fixtures_only_for_active },
          { "bad fixtures do not block runs", test_bad_fixture_does_not_block_runs })
