/* unit_memo.c - the memo of pure function indicators: a trie of read traces. */
#include "unit.h"
#include "engine_fixture.h"
#include "memo.h"

static void trace_of(memo_trace *t, int n, const int *fields)
{
    t->count = n;
    t->overflow = false;
    for (int i = 0; i < n; i++) t->fields[i] = fields[i];
}

static void test_trie(void)
{
    fx_load("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }");
    const schema *s = fx_rec.schema;
    int bags = schema_field_index(s, "bags"), origin = schema_field_index(s, "origin");
    memo *m = memo_new();
    memo_trace t;
    fx_clear();
    fx_set("bags", "2");
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_SKIPPED); /* nothing known yet */
    /* a call that read bags, then origin (missing), and answered true */
    trace_of(&t, 2, (int[]){ bags, origin });
    memo_insert(m, &fx_rec, &t, TRI_TRUE);
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_TRUE);
    fx_set("origin", "IST"); /* another value on the path: not known */
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_SKIPPED);
    memo_insert(m, &fx_rec, &t, TRI_FALSE);
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_FALSE);
    /* a field the function never read does not matter */
    fx_set("surname", "DOE");
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_FALSE);
    /* another bags value: the function may read something else next */
    fx_clear();
    fx_set("bags", "0");
    trace_of(&t, 1, (int[]){ bags });
    memo_insert(m, &fx_rec, &t, TRI_UNKNOWN);
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_UNKNOWN);
    CU_ASSERT_FALSE(memo_disabled(m));
    /* errors are never remembered */
    fx_set("bags", "9");
    memo_insert(m, &fx_rec, &t, TRI_ERROR);
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_SKIPPED);
    /* the same values giving another answer: not pure, the memo switches off */
    fx_set("bags", "0");
    memo_insert(m, &fx_rec, &t, TRI_TRUE);
    CU_ASSERT_TRUE(memo_disabled(m));
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_SKIPPED);
    memo_free(m);
}

static void test_lists_and_overflow(void)
{
    fx_load("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }");
    int route = schema_field_index(fx_rec.schema, "route");
    memo *m = memo_new();
    memo_trace t;
    fx_clear();
    fx_set("route", "AB|C");
    trace_of(&t, 1, (int[]){ route });
    memo_insert(m, &fx_rec, &t, TRI_TRUE);
    fx_set("route", "A|BC"); /* same letters, other items */
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_SKIPPED);
    fx_set("route", "AB|C");
    CU_ASSERT_EQUAL(memo_lookup(m, &fx_rec), TRI_TRUE);
    /* a call that read too many fields is not kept */
    memo *m2 = memo_new();
    t.overflow = true;
    memo_insert(m2, &fx_rec, &t, TRI_TRUE);
    CU_ASSERT_EQUAL(memo_lookup(m2, &fx_rec), TRI_SKIPPED);
    CU_ASSERT_EQUAL(memo_size(m2), 0);
    memo_free(m);
    memo_free(m2);
}

/* A memo whose values seldom repeat switches itself off after its trial; one whose
 * values repeat stays on. */
static void test_unprofitable_memo(void)
{
    fx_load("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) } } }");
    int bags = schema_field_index(fx_rec.schema, "bags");
    memo *fresh = memo_new(), *repeat = memo_new();
    memo_trace t;
    trace_of(&t, 1, (int[]){ bags });
    char v[32];
    for (int i = 0; i < MEMO_TRIAL_LOOKUPS; i++) {
        fx_clear();
        snprintf(v, sizeof v, "%d", i); /* a new value every call: never answered */
        fx_set("bags", v);
        CU_ASSERT_EQUAL(memo_lookup(fresh, &fx_rec), TRI_SKIPPED);
        memo_insert(fresh, &fx_rec, &t, TRI_TRUE);
        fx_clear();
        snprintf(v, sizeof v, "%d", i % 16); /* sixteen values: answered from the 17th call */
        fx_set("bags", v);
        if (memo_lookup(repeat, &fx_rec) == TRI_SKIPPED) memo_insert(repeat, &fx_rec, &t, TRI_TRUE);
    }
    CU_ASSERT_TRUE(memo_disabled(fresh));
    CU_ASSERT_EQUAL(memo_size(fresh), 0);
    CU_ASSERT_EQUAL(memo_bytes(fresh), 0);
    CU_ASSERT_EQUAL(memo_lookups(fresh), MEMO_TRIAL_LOOKUPS);
    CU_ASSERT_EQUAL(memo_hits(fresh), 0);
    memo_insert(fresh, &fx_rec, &t, TRI_TRUE); /* no longer kept */
    CU_ASSERT_EQUAL(memo_size(fresh), 0);
    CU_ASSERT_FALSE(memo_disabled(repeat));
    CU_ASSERT_EQUAL(memo_hits(repeat), MEMO_TRIAL_LOOKUPS - 16);
    fx_set("bags", "3");
    CU_ASSERT_EQUAL(memo_lookup(repeat, &fx_rec), TRI_TRUE);
    memo_free(fresh);
    memo_free(repeat);
    fx_close();
}

/* The engine with and without the memo gives the same outcome on every record. */
static void test_same_outcomes_as_lua(void)
{
    static const char src[] = "scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = function(r)\n"
                              "  if r.bags == nil then return nil end\n"
                              "  if r.bags > 1 then return r.origin == 'IST' end\n"
                              "  return #(r.route or {}) > 2\n"
                              "end } } }";
    static const char *bags[] = { "", "0", "1", "2", "3" };
    static const char *origins[] = { "", "IST", "YUL" };
    static const char *routes[] = { "", "A|B", "A|B|C" };
    tri expected[5][3][3];
    for (int pass = 0; pass < 2; pass++) {
        setenv("VIGIE_LUA_MEMO", pass == 0 ? "0" : "1", 1);
        const scenario *sc = fx_load(src);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
        for (int round = 0; round < 2; round++) /* the second round answers from the memo */
            for (int b = 0; b < 5; b++)
                for (int o = 0; o < 3; o++)
                    for (int r = 0; r < 3; r++) {
                        fx_clear();
                        if (bags[b][0]) fx_set("bags", bags[b]);
                        if (origins[o][0]) fx_set("origin", origins[o]);
                        if (routes[r][0]) fx_set("route", routes[r]);
                        scenario_result res;
                        eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL);
                        if (pass == 0) expected[b][o][r] = res.outcome[0];
                        else CU_ASSERT_EQUAL(res.outcome[0], expected[b][o][r]);
                    }
    }
    unsetenv("VIGIE_LUA_MEMO");
    fx_close();
}

/* A function that keeps state breaks the contract. A run cannot see it (the memo
 * answers from the first call); the fixtures can, and the loader refuses it. */
static void test_impure_function(void)
{
    static const char src[] = "local calls = 0\n"
        "scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = function(r)\n"
        "  calls = calls + 1; return calls % 2 == 0 and r.bags ~= nil end } } }\n";
    char path[512];
    fx_load(src);
    snprintf(path, sizeof path, "%s/person/t.test.yaml", fx_dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("scenario: T1\ncases:\n  - name: one\n    expect: no-hit\n    record: { id: A, bags: 1 }\n"
          "  - name: two\n    expect: hit\n    record: { id: B, bags: 2 }\n", f);
    fclose(f);
    fx_load(src);
    CU_ASSERT_TRUE(fx_has_diag("impure-function"));
    CU_ASSERT(loader_blocking_errors(&fx_lr, false, NULL) > 0); /* such a scenario does not run */
    remove(path);
    /* a pure function with the same fixtures is fine */
    fx_load("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = function(r)\n"
            "  return r.bags ~= nil and r.bags > 1 end } } }\n");
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("scenario: T1\ncases:\n  - name: one\n    expect: no-hit\n    record: { id: A, bags: 1 }\n"
          "  - name: two\n    expect: hit\n    record: { id: B, bags: 2 }\n", f);
    fclose(f);
    fx_load("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = function(r)\n"
            "  return r.bags ~= nil and r.bags > 1 end } } }\n");
    CU_ASSERT_FALSE(fx_has_diag("impure-function"));
    remove(path);
    fx_close();
}

UNIT_MAIN("memo",
          { "a trie of read traces: known paths answer, others do not", test_trie },
          { "list values and overlong traces", test_lists_and_overflow },
          { "a memo of values that seldom repeat switches itself off", test_unprofitable_memo },
          { "the same outcome with and without the memo", test_same_outcomes_as_lua },
          { "a function that keeps state is refused by the loader", test_impure_function })
