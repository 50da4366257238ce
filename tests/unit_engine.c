/* unit_engine.c - predicates, three-valued logic, scoring, scenario checks, governance, explanations. */
#include "unit.h"
#include "engine_fixture.h"
#include "render.h"

/* One indicator `p` of weight 1 with the given predicate; threshold 1. */
static const scenario *one(const char *predicate_src)
{
    static char src[16384];
    snprintf(src, sizeof src, "scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = %s } } }",
             predicate_src);
    const scenario *sc = fx_load(src);
    if (!sc)
        for (int i = 0; i < fx_lr.diags.count; i++) diag_print(&fx_lr.diags.items[i], stderr);
    return sc;
}

static tri outcome_with(const char *predicate_src, const char *field, const char *value)
{
    const scenario *sc = one(predicate_src);
    if (!sc) return TRI_ERROR;
    fx_clear();
    fx_set("id", "R1");
    if (field) fx_set(field, value);
    return fx_part(sc, 0);
}

static void test_comparisons(void)
{
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :gt(1)", "bags", "2"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :gt(1)", "bags", "1"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :ge(1)", "bags", "1"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :lt(1)", "bags", "0"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :le(0)", "bags", "1"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :between(1, 3)", "bags", "3"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :between(1, 3)", "bags", "4"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'fare' :lt(100)", "fare", "99.5"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'fare' :gt(99.5)", "fare", "99.5"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'departure' :lt('2026-01-02T00:00:00Z')", "departure", "2026-01-01T23:59:59Z"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'birth' :ge('2010-01-01')", "birth", "2009-12-31"), TRI_FALSE);
}

static void test_equality_and_sets(void)
{
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'IST'", "origin", "ist"), TRI_TRUE); /* case-insensitive */
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'IST'", "origin", "ISTX"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'one_way' :equals(true)", "one_way", "yes"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'one_way' :equals(true)", "one_way", "false"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :equals(2)", "bags", "2"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_in { 'LOS', 'ACC' }", "origin", "ACC"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_in { 'LOS', 'ACC' }", "origin", "YUL"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_in(list 'hubs')", "origin", "dxb"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_in(list 'hubs')", "origin", "YUL"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'hs' :starts_with '52'", "hs", "520100"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'hs' :starts_with { '61', '62' }", "hs", "520100"), TRI_FALSE);
}

/* equals folds a text constant once when compiled; the record's side is folded per
 * record: non-ASCII on either side, or both, and invalid UTF-8 (folded byte by byte). */
static void test_equality_unicode(void)
{
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'STRASSE'", "origin", "Straße"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'Straße'", "origin", "STRASSE"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'STRASSE'", "origin", "STRAßE"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'Straße'", "origin", "STRASE"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :not_equals 'Straße'", "origin", "strasse"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :not_equals 'Straße'", "origin", "strase"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'İZMİR'", "origin", "izmir"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'σοφος'", "origin", "ΣΟΦΟΣ"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'ΣΟΦΙΑ'", "origin", "σοφος"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals '\\255ab'", "origin", "\xff" "AB"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals '\\255ab'", "origin", "\xfe" "AB"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'ab'", "origin", "\xff" "AB"), TRI_FALSE);
}

static void test_large_sets(void)
{
    /* a literal set of 300 values keeps every value */
    char pred[8192];
    size_t at = (size_t)snprintf(pred, sizeof pred, "field 'origin' :is_in {");
    for (int i = 0; i < 300; i++) at += (size_t)snprintf(pred + at, sizeof pred - at, " 'C%03d',", i);
    snprintf(pred + at, sizeof pred - at, " 'LAST' }");
    CU_ASSERT_EQUAL(outcome_with(pred, "origin", "LAST"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with(pred, "origin", "C299"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with(pred, "origin", "C300"), TRI_FALSE);
}

static void test_contains(void)
{
    CU_ASSERT_EQUAL(outcome_with("field 'route' :contains 'IST'", "route", "LOS|IST|YYZ"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'route' :contains 'IS'", "route", "LOS|IST|YYZ"), TRI_FALSE); /* items, not text */
    CU_ASSERT_EQUAL(outcome_with("field 'route' :contains_any(list 'hubs')", "route", "LOS|DXB|YYZ"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'route' :contains_any(list 'hubs')", "route", "LOS|CDG|YYZ"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'goods' :contains 'cotton'", "goods", "RAW COTTON BALES"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'goods' :contains_any(list 'vague')", "goods", "said to be general merchandise"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'goods' :contains_any(list 'vague')", "goods", "STEEL PIPES"), TRI_FALSE);
}

static void test_field_vs_field_and_pairs(void)
{
    const scenario *sc = one("field 'payer' :differs_from 'surname'");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("payer", "Smith ");
    fx_set("surname", "SMITH");
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_FALSE);
    fx_set("payer", "DOE");
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_TRUE);
    fx_clear();
    fx_set("payer", "DOE"); /* surname missing: unknown, not true */
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_UNKNOWN);

    sc = one("pair('origin', 'hs') :is_in(list 'goods')");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("origin", "CN");
    fx_set("hs", "52010090");
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_TRUE);
    fx_set("origin", "IN");
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_FALSE);
}

static void test_missing_is_unknown(void)
{
    CU_ASSERT_EQUAL(outcome_with("field 'bags' :gt(1)", NULL, NULL), TRI_UNKNOWN);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :equals 'IST'", "origin", "  "), TRI_UNKNOWN); /* empty = missing */
    CU_ASSERT_EQUAL(outcome_with("negate(field 'origin' :equals 'IST')", NULL, NULL), TRI_UNKNOWN);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_missing()", NULL, NULL), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("field 'origin' :is_present()", NULL, NULL), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("field 'age' :lt(18)", "birth", "2010-01-01"), TRI_UNKNOWN); /* no departure: age unknown */
}

static void test_three_valued_logic(void)
{
    /* bags missing = unknown; origin IST = true; origin other = false */
    CU_ASSERT_EQUAL(outcome_with("any_of { field 'bags' :gt(1), field 'origin' :equals 'IST' }", "origin", "IST"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("any_of { field 'bags' :gt(1), field 'origin' :equals 'IST' }", "origin", "YUL"), TRI_UNKNOWN);
    CU_ASSERT_EQUAL(outcome_with("all_of { field 'bags' :gt(1), field 'origin' :equals 'IST' }", "origin", "YUL"), TRI_FALSE);
    CU_ASSERT_EQUAL(outcome_with("all_of { field 'bags' :gt(1), field 'origin' :equals 'IST' }", "origin", "IST"), TRI_UNKNOWN);
    CU_ASSERT_EQUAL(outcome_with("negate(field 'origin' :equals 'IST')", "origin", "YUL"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("negate(any_of { field 'bags' :gt(1), field 'origin' :equals 'IST' })", "origin", "YUL"), TRI_UNKNOWN);
}

static void test_function_indicator(void)
{
    CU_ASSERT_EQUAL(outcome_with("function(r) return r.bags ~= nil and r.bags > 2 end", "bags", "3"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("function(r) if r.bags == nil then return nil end return r.bags > 2 end", NULL, NULL), TRI_UNKNOWN);
    CU_ASSERT_EQUAL(outcome_with("function(r) return #r.route == 3 and r.route[2] == 'IST' end", "route", "LOS|IST|YYZ"), TRI_TRUE);
    /* the proxy refuses a protected field the scenario has not justified, and every sensitive one */
    CU_ASSERT_EQUAL(outcome_with("function(r) return r.birth == '2001-02-03' end", "birth", "2001-02-03"), TRI_ERROR);
    CU_ASSERT_EQUAL(outcome_with("function(r) return r.religion == nil end", NULL, NULL), TRI_ERROR);
    const scenario *sc = fx_load("scenario { " META " justification = { birth = 'why' }, threshold = 1, indicators = {\n"
                                 " indicator 'p' { label = 'P', weight = 1, when = function(r) return r.birth == '2001-02-03' end } } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("birth", "2001-02-03");
    CU_ASSERT_EQUAL(fx_part(sc, 0), TRI_TRUE); /* justified: dates reach Lua as ISO text */
    CU_ASSERT_EQUAL(outcome_with("function(r) return in_list('hubs', r.origin) end", "origin", "IST"), TRI_TRUE);
    CU_ASSERT_EQUAL(outcome_with("function(r) return r.no_such_field end", NULL, NULL), TRI_ERROR);
    CU_ASSERT_EQUAL(outcome_with("function(r) return 1 end", NULL, NULL), TRI_ERROR);
    CU_ASSERT_EQUAL(outcome_with("function(r) r.bags = 1 return true end", NULL, NULL), TRI_ERROR);
}

static const char scored_src[] =
    "scenario { " META " threshold = 4,\n"
    "  conditions = { condition 'adult_fare' { label = 'Fare paid', when = field 'fare' :gt(0) } },\n"
    "  indicators = {\n"
    "    indicator 'one_way' { label = 'One way', weight = 2, when = field 'one_way' :equals(true) },\n"
    "    indicator 'no_bags' { label = 'No bags', weight = 3, when = field 'bags' :equals(0) },\n"
    "    indicator 'family'  { label = 'Family', weight = -2, when = field 'payer' :same_as 'surname' },\n"
    "  } }\n";

static void test_scoring(void)
{
    const scenario *sc = fx_load(scored_src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CU_ASSERT_EQUAL(sc->max_score, 5);
    CU_ASSERT_EQUAL(sc->min_score, -2);
    scenario_result res;
    fx_clear();
    fx_set("fare", "10");
    fx_set("one_way", "true");
    fx_set("bags", "0");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_HIT);
    CU_ASSERT_EQUAL(res.score, 5);
    /* the exonerating indicator brings it under the threshold */
    fx_set("payer", "DOE");
    fx_set("surname", "Doe");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_NO_HIT);
    CU_ASSERT_EQUAL(res.score, 3);
    /* unknown exonerating indicator does not fire */
    fx_clear();
    fx_set("fare", "10");
    fx_set("one_way", "true");
    fx_set("bags", "0");
    fx_set("payer", "DOE");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_HIT);
    CU_ASSERT_EQUAL(res.outcome[3], TRI_UNKNOWN);
    /* a condition that does not hold: no hit whatever the score */
    fx_set("fare", "0");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_NO_HIT);
    /* a missing condition field: unknown, no hit */
    fx_clear();
    fx_set("one_way", "true");
    fx_set("bags", "0");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_NO_HIT);
    CU_ASSERT_EQUAL(res.outcome[0], TRI_UNKNOWN);
    /* exactly at the threshold hits; one under does not */
    fx_clear();
    fx_set("fare", "1");
    fx_set("bags", "0");
    fx_set("one_way", "false");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_NO_HIT);
    CU_ASSERT_EQUAL(res.score, 3);
}

static void test_conditions_only(void)
{
    const scenario *sc = fx_load("scenario { " META " threshold = 0, conditions = {\n"
                                 " condition 'a' { label = 'A', when = field 'origin' :is_in(list 'hubs') },\n"
                                 " condition 'b' { label = 'B', when = field 'one_way' :equals(true) } } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    scenario_result res;
    fx_clear();
    fx_set("origin", "IST");
    fx_set("one_way", "1");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_HIT);
    fx_set("one_way", "0");
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_NO_HIT);
}

static void test_lua_error_is_counted_not_fatal(void)
{
    const scenario *sc = fx_load("scenario { " META " threshold = 1, indicators = {\n"
                                 " indicator 'boom' { label = 'B', weight = 1, when = function(r) return r.bags > 1 end } } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    scenario_result res;
    fx_clear(); /* bags missing: comparing nil with a number is a Lua error */
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "compare"));
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "t.lua:2"));
    fx_set("bags", "3"); /* the state is still usable */
    CU_ASSERT_EQUAL(fx_eval(sc, &res), VERDICT_HIT);
}

/* ---- compile-time findings ----------------------------------------------------- */

static int finds(const char *src, const char *code)
{
    fx_load(src);
    int found = fx_has_diag(code);
    if (!found) {
        fprintf(stderr, "expected finding %s; got:\n", code);
        for (int i = 0; i < fx_lr.diags.count; i++) diag_print(&fx_lr.diags.items[i], stderr);
    }
    return found;
}

#define IND(pred) "indicators = { indicator 'p' { label = 'P', weight = 1, when = " pred " } }"

static void test_predicate_compile_errors(void)
{
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'nope' :equals 'x'") " }", "unknown-field"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'origin' :lt(3)") " }", "wrong-field-type"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :equals 'two'") " }", "type-mismatch"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'origin' :is_in(list 'nope')") " }", "unknown-list"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'birth' :lt('2020-13-01')") " }", "bad-constant"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'origin'") " }", "bad-predicate"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'route' :equals 'IST'") " }", "wrong-field-type"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :same_as 'origin'") " }", "type-mismatch"));
    /* a predicate whose structure a scenario changed is refused, not run */
    CU_ASSERT(finds("local p = negate(field 'bags' :gt(1)); p.parts = {}\nscenario { " META " threshold = 1, " IND("p") " }", "bad-predicate"));
    CU_ASSERT(finds("local p = all_of { field 'bags' :gt(1) }; p.parts = {}\nscenario { " META " threshold = 1, " IND("p") " }", "bad-predicate"));
    CU_ASSERT(finds("local p = field 'bags' :gt(1); p.field = 42\nscenario { " META " threshold = 1, " IND("p") " }", "bad-predicate"));
    /* a field builder where a name is expected is a load error with its line, not a lost scenario */
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'payer' :same_as(field 'surname')") " }", "lua-error"));
    /* Lua's logic on predicates is refused; so is an argument an operator does not take */
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :gt(1) or field 'bags' :lt(0)") " }", "logic-on-predicates"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :gt(1) and field 'bags' :lt(0)") " }", "logic-on-predicates"));
    CU_ASSERT(!finds("scenario { " META " threshold = 1, " IND("function(r) return r.bags and r.bags > 1 or nil end") " }", "logic-on-predicates"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :gt(1, 2)") " }", "lua-error"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :equals()") " }", "lua-error"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :gt(1) | 'x'") " }", "lua-error"));
    /* the operator table words predicates, | & ~ included */
    {
        const scenario *sc = fx_load("scenario { " META " threshold = 1, " IND("field 'bags' :gt(2) | ~field 'origin' :is_in { 'IST', 'DXB' }") " }");
        CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
        char buf[300];
        predicate_describe(sc->parts[0].when, sc->schema, "en", buf, sizeof buf);
        CU_ASSERT_STRING_EQUAL(buf, "(bags is over 2 or not (origin is one of {IST, DXB}))");
        predicate_describe(sc->parts[0].when, sc->schema, "fr", buf, sizeof buf);
        CU_ASSERT_STRING_EQUAL(buf, "(bags est supérieur à 2 ou non (origin fait partie de {IST, DXB}))");
        predicate_describe(sc->parts[0].when, sc->schema, "en", buf, 10);
        CU_ASSERT_EQUAL(strlen(buf), 9);
    }
    /* an id too long to be named in findings */
    CU_ASSERT(finds("scenario { id = '" "T123456789T123456789T123456789T123456789T123456789T123456789T1234" "', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "bad-metadata"));
    /* the finding carries the line of the predicate */
    fx_load("scenario { " META " threshold = 1,\n indicators = {\n indicator 'p' { label = 'P', weight = 1,\n when = field 'nope' :equals 'x' } } }");
    CU_ASSERT_EQUAL_FATAL(fx_lr.diags.count >= 1, 1);
    CU_ASSERT_EQUAL(fx_lr.diags.items[0].line, 4);
}

static void test_scenario_compile_errors(void)
{
    CU_ASSERT(finds("scenario { title = { en = 'x', fr = 'x' }, applies_to = 'person', threshold = 1, " IND("field 'bags' :gt(1)") " }", "missing-metadata"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, treshold = 2, " IND("field 'bags' :gt(1)") " }", "unknown-key"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'live', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "bad-status"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'suspect', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "bad-subject"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'cargo', status = 'active', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "unknown-kind"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '31/12/2099', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "bad-date"));
    CU_ASSERT(finds("scenario { " META " threshold = 5, " IND("field 'bags' :gt(1)") " }", "unreachable-threshold"));
    CU_ASSERT(finds("scenario { " META " threshold = 0, " IND("field 'bags' :gt(1)") " }", "always-hits"));
    CU_ASSERT(finds("scenario { " META " threshold = 0 }", "empty-scenario"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) }, indicator 'p' { label = 'Q', weight = 1, when = field 'bags' :gt(2) } } }", "duplicate-indicator-id"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'bags' :gt(1)") " }\nscenario { " META " threshold = 1, " IND("field 'bags' :gt(1)") " }", "duplicate-scenario-id"));
    CU_ASSERT(finds("scenario { " META " threshold = 1.5, " IND("field 'bags' :gt(1)") " }", "bad-metadata"));
    CU_ASSERT(finds("scenario { " META " threshold = 0, conditions = { condition 'c' { label = 'C', weight = 2, when = field 'bags' :gt(1) } } }", "weight-on-condition"));
    CU_ASSERT(finds("scenario { " META " threshold = 1,\n  indicators = { indicator 'p' { label = 'P', weight = 1, when = field 'bags' :gt(1) }\n", "lua-error"));
    CU_ASSERT(finds("local x = 1", "no-scenario"));
}

/* ---- governance ---------------------------------------------------------------- */

static void test_governance(void)
{
    setenv("VIGIE_TODAY", "2026-06-01", 1);
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("field 'religion' :equals 'x'") " }", "sensitive-field"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = all_of { field 'nationality' :equals 'XXX', field 'bags' :equals(0) } } } }", "unjustified-protected"));
    /* justified: no finding */
    fx_load("scenario { " META " justification = { nationality = 'because' }, threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = all_of { field 'nationality' :equals 'XXX', field 'bags' :equals(0) } } } }");
    CU_ASSERT_FALSE(fx_has_diag("unjustified-protected"));
    CU_ASSERT_FALSE(fx_has_diag("protected-only"));
    /* protected grounds alone, even justified: refused; a negative indicator on other fields does not change that */
    CU_ASSERT(finds("scenario { " META " justification = { nationality = 'x', age = 'y' }, threshold = 1, indicators = {\n"
                    " indicator 'p' { label = 'P', weight = 2, when = field 'nationality' :equals 'XXX' },\n"
                    " indicator 'q' { label = 'Q', weight = 1, when = field 'age' :lt(18) },\n"
                    " indicator 'n' { label = 'N', weight = -1, when = field 'bags' :gt(2) } } }", "protected-only"));
    /* derived age inherits protected from birth */
    CU_ASSERT(finds("scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = all_of { field 'age' :lt(18), field 'bags' :equals(0) } } } }", "unjustified-protected"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '2026-05-31', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "review-overdue"));
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '2026-06-20', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "review-soon"));
    fx_load("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'draft', owner = 'o', rationale = 'r', review_by = '2026-05-31', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }");
    CU_ASSERT_FALSE(fx_has_diag("review-overdue")); /* only active scenarios are overdue */
    CU_ASSERT(finds("scenario { id = 'T', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = '  ', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }", "empty-rationale"));
    CU_ASSERT(finds("scenario { " META " threshold = 1, " IND("function(r) return r.bags == 0 end") " }", "function-reads-unknown"));
    unsetenv("VIGIE_TODAY");
}

static void test_selection(void)
{
    setenv("VIGIE_TODAY", "2026-06-01", 1);
    fx_load("scenario { " META " threshold = 1, tags = { 'a' }, " IND("field 'bags' :gt(1)") " }\n"
            "scenario { id = 'T2', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'draft', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }\n"
            "scenario { id = 'T3', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'retired', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }\n"
            "scenario { id = 'T4', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'active', owner = 'o', rationale = 'r', review_by = '2026-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }\n");
    CU_ASSERT_EQUAL_FATAL(fx_lr.set.count, 4);
    const scenario *out[4];
    diag_list notes = { 0 };
    selection sel = { false, NULL, 0, NULL, 0, NULL, governance_today() };
    CU_ASSERT_EQUAL(scenario_set_select(&fx_lr.set, &sel, out, &notes), 1); /* T1 only: T4 overdue */
    CU_ASSERT_STRING_EQUAL(out[0]->id, "T1");
    CU_ASSERT(diag_has_code(&notes, "review-overdue"));
    sel.include_drafts = true;
    CU_ASSERT_EQUAL(scenario_set_select(&fx_lr.set, &sel, out, &notes), 2); /* + T2 draft, never T3 */
    const char *skip[] = { "a" };
    sel.skip_tags = skip;
    sel.skip_tag_count = 1;
    CU_ASSERT_EQUAL(scenario_set_select(&fx_lr.set, &sel, out, &notes), 1);
    CU_ASSERT_STRING_EQUAL(out[0]->id, "T2");
    /* overdue active scenarios do not block a run; draft governance errors neither */
    CU_ASSERT_EQUAL(loader_blocking_errors(&fx_lr, false, NULL), 0);
    /* a duplicate id blocks, even when the first copy is retired */
    fx_load("scenario { id = 'T1', title = { en = 't', fr = 't' }, applies_to = 'person', status = 'retired', owner = 'o', rationale = 'r', review_by = '2099-01-01', subject = 'other', guidance = 'g', threshold = 1, " IND("field 'bags' :gt(1)") " }\n"
            "scenario { " META " threshold = 1, " IND("field 'bags' :gt(2)") " }\n");
    CU_ASSERT(fx_has_diag("duplicate-scenario-id"));
    CU_ASSERT(loader_blocking_errors(&fx_lr, false, NULL) > 0);
    diag_list_free(&notes);
    unsetenv("VIGIE_TODAY");
}

/* ---- explanations -------------------------------------------------------------- */

static void test_explanation_json(void)
{
    const scenario *sc = fx_load("scenario { " META " justification = { age = 'minors' }, threshold = 2,\n"
        "  guidance = { en = 'Refer to protection services', fr = 'Orienter vers la protection' },\n"
        "  conditions = { condition 'minor' { label = { en = 'Minor', fr = 'Mineur' }, when = field 'age' :lt(18) } },\n"
        "  indicators = {\n"
        "    indicator 'hub' { label = 'Via a hub', weight = 2, when = field 'route' :contains_any(list 'hubs') },\n"
        "    indicator 'bags' { label = 'No bags', weight = 1, when = field 'bags' :equals(0) },\n"
        "    indicator 'fam' { label = 'Family', weight = -1, when = field 'payer' :same_as 'surname' },\n"
        "  } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("id", "P-7");
    fx_set("birth", "2012-05-01");
    fx_set("departure", "2026-03-01T10:00:00Z");
    fx_set("route", "LOS|DXB|YYZ");
    fx_set("bags", "2");
    fx_set("payer", "SMITH");
    static explanation ex;
    CU_ASSERT_EQUAL_FATAL(explain_record(fx_lr.set.sb, sc, &fx_rec, &ex), VERDICT_HIT);
    hit_origin origin = { "run-1", "abc" };
    render_scenario *rf = render_prepare(sc, 0);
    char *s = render_hit(rf, &ex, &origin, NULL);
    render_scenario_free(rf);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"key\":\"P-7\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"run_id\":\"run-1\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"score\":2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "{\"field\":\"age\",\"value\":13}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"label\":{\"en\":\"Minor\",\"fr\":\"Mineur\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "{\"list\":\"hubs\",\"entry\":\"DXB\",\"note\":\"Dubai\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"fired\":[\"hub\"]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"id\":\"bags\",\"label\":{\"en\":"));   /* not fired, still explained */
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "{\"field\":\"surname\",\"missing\":true}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"protected_fields_read\":[\"age\"]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "Refer to protection services"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, sc->revision));
    free(s);
    /* the text form shows values and the guidance */
    char buf[8192] = { 0 };
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    render_explanation_text(&ex, f, "fr");
    fclose(f);
    /* in French, the frame too: verdict, headings, missing */
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "ALERTE  T1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "age = 13"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Mineur"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Orienter vers la protection"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "surname absent"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "  consignes\n"));
    CU_ASSERT_PTR_NULL(strstr(buf, "threshold"));
    memset(buf, 0, sizeof buf);
    f = fmemopen(buf, sizeof buf - 1, "w");
    render_explanation_text(&ex, f, "en");
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "HIT  T1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "surname missing"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "(threshold "));
}

static void test_revisions(void)
{
    const scenario *sc = fx_load("scenario { " META " threshold = 1, " IND("field 'origin' :is_in(list 'hubs')") " }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    char rev1[HASH_HEX_SIZE], set1[HASH_HEX_SIZE];
    strcpy(rev1, sc->revision);
    strcpy(set1, fx_lr.rs.revision);
    CU_ASSERT_EQUAL(strlen(rev1), 64);
    sc = fx_load("scenario { " META " threshold = 1, " IND("field 'origin' :is_in(list 'hubs')") " }");
    CU_ASSERT_STRING_EQUAL(sc->revision, rev1); /* same content, same revision */
    sc = fx_load("scenario { " META " threshold = 1, " IND("field 'origin' :is_in(list 'vague')") " }");
    CU_ASSERT_STRING_NOT_EQUAL(sc->revision, rev1);
    CU_ASSERT_STRING_NOT_EQUAL(fx_lr.rs.revision, set1);
    fx_close();
}

UNIT_MAIN("engine",
          { "comparisons on integers, numbers, dates, datetimes", test_comparisons },
          { "equality, sets, named lists, prefixes", test_equality_and_sets },
          { "equality with Unicode and invalid UTF-8 (a folded constant)", test_equality_unicode },
          { "contains on lists and text, contains_any with lists", test_contains },
          { "literal sets of hundreds of values", test_large_sets },
          { "field against field, pair in a prefix list", test_field_vs_field_and_pairs },
          { "a missing field makes a comparison unknown", test_missing_is_unknown },
          { "three-valued any_of, all_of, negate", test_three_valued_logic },
          { "Lua function indicators: values, nil, errors", test_function_indicator },
          { "scoring: conditions, threshold, negative weights, unknowns", test_scoring },
          { "conditions-only scenario", test_conditions_only },
          { "a Lua error marks the record/scenario, the state goes on", test_lua_error_is_counted_not_fatal },
          { "predicate compile errors with codes and lines", test_predicate_compile_errors },
          { "scenario metadata and threshold checks", test_scenario_compile_errors },
          { "governance rules", test_governance },
          { "selection: drafts, retired, tags, review_by", test_selection },
          { "explanation JSON and text", test_explanation_json },
          { "scenario and ruleset revisions", test_revisions })
