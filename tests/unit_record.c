/* unit_record.c - text to typed values, derived values, rendering and the calendar helpers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "record.h"
#include "unit.h"

static schema *sample;
static arena scratch;

static void fixture_free(void)
{
    schema_free(sample);
    arena_free(&scratch);
}

/* The sample schema and a scratch arena, loaded on first use and freed at exit. */
static void fixture_load(void)
{
    if (sample) return;
    vg_error err;
    sample = schema_load("fixtures/schemas/good/sample.yaml", &err);
    if (!sample) {
        fprintf(stderr, "unit_record: %s\n", err.message);
        exit(2);
    }
    arena_init(&scratch, 256);
    atexit(fixture_free);
}

static const field *F(const char *name)
{
    fixture_load();
    return schema_field(sample, name);
}

/* Parse text for a field; returns the status and leaves the value in *v. */
static int parse(const char *name, const char *text, value *v, char *why)
{
    why[0] = '\0';
    return value_parse(F(name), text, strlen(text), &scratch, v, why, 200);
}

static void test_calendar(void)
{
    CU_ASSERT_EQUAL(days_from_civil(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(days_from_civil(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(days_from_civil(1969, 12, 31), -1);
    int y, m, d;
    civil_from_days(-1, &y, &m, &d);
    CU_ASSERT(y == 1969 && m == 12 && d == 31);
    /* round trip over four centuries, leap days included */
    bool ok = true;
    for (int64_t z = days_from_civil(1800, 1, 1); z < days_from_civil(2200, 1, 1); z++) {
        civil_from_days(z, &y, &m, &d);
        if (days_from_civil(y, (unsigned)m, (unsigned)d) != z) ok = false;
    }
    CU_ASSERT_TRUE(ok);
    civil_from_days(days_from_civil(2024, 2, 29), &y, &m, &d);
    CU_ASSERT(y == 2024 && m == 2 && d == 29);
}

static void test_strings(void)
{
    value v;
    char why[200];
    CU_ASSERT_EQUAL(parse("id", "  T-1 \t", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.kind, V_STRING);
    CU_ASSERT_STRING_EQUAL(v.as.s, "T-1");
    CU_ASSERT_EQUAL(v.len, 3);
    CU_ASSERT_EQUAL(parse("id", "   ", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.kind, V_MISSING);
    CU_ASSERT_EQUAL(parse("id", "", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.kind, V_MISSING);
    /* the length bounds the text: no NUL needed */
    CU_ASSERT_EQUAL(value_parse(F("id"), "ABCDEF", 3, &scratch, &v, why, sizeof why), VG_OK);
    CU_ASSERT_STRING_EQUAL(v.as.s, "ABC");
}

static void test_integers(void)
{
    value v;
    char why[200];
    CU_ASSERT_EQUAL(parse("units", "42", &v, why), VG_OK);
    CU_ASSERT(v.kind == V_INTEGER && v.as.i == 42);
    CU_ASSERT_EQUAL(parse("units", " -17 ", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.i, -17);
    CU_ASSERT_EQUAL(parse("units", "+5", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.i, 5);
    CU_ASSERT_EQUAL(parse("units", "9223372036854775807", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.i, INT64_MAX);
    CU_ASSERT_EQUAL(parse("units", "-9223372036854775808", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.i, INT64_MIN);

    CU_ASSERT_EQUAL(parse("units", "9223372036854775808", &v, why), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "out of range"));
    CU_ASSERT_EQUAL(v.kind, V_MISSING);
    CU_ASSERT_EQUAL(parse("units", "12abc", &v, why), VG_ERR);
    CU_ASSERT_STRING_EQUAL(why, "cannot convert \"12abc\" to integer");
    static const char *const bad[] = { "-", "+", "1.0", "1e3", "0x10", "1 2", "--1", "١٢" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(parse("units", bad[i], &v, why), VG_ERR);
}

static void test_numbers(void)
{
    value v;
    char why[200];
    CU_ASSERT_EQUAL(parse("amount", "12.5", &v, why), VG_OK);
    CU_ASSERT(v.kind == V_NUMBER && v.as.n == 12.5);
    CU_ASSERT_EQUAL(parse("amount", "-3e2", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.n, -300.0);
    CU_ASSERT_EQUAL(parse("amount", "7", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.n, 7.0);
    CU_ASSERT_EQUAL(parse("amount", ".5", &v, why), VG_OK);
    static const char *const bad[] = { "1,5", "abc", "inf", "nan", "1e999", "0x1p3", "1.2.3", ".", "12kg" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(parse("amount", bad[i], &v, why), VG_ERR);
        CU_ASSERT_PTR_NOT_NULL(strstr(why, "to number"));
    }
}

static void test_booleans(void)
{
    value v;
    char why[200];
    static const char *const yes[] = { "true", "TRUE", "Yes", "y", "1" };
    static const char *const no[] = { "false", "False", "NO", "n", "0" };
    for (size_t i = 0; i < 5; i++) {
        CU_ASSERT(parse("flag", yes[i], &v, why) == VG_OK && v.kind == V_BOOLEAN && v.as.b);
        CU_ASSERT(parse("flag", no[i], &v, why) == VG_OK && v.kind == V_BOOLEAN && !v.as.b);
    }
    CU_ASSERT_EQUAL(parse("flag", "maybe", &v, why), VG_ERR);
    CU_ASSERT_EQUAL(parse("flag", "2", &v, why), VG_ERR);
    CU_ASSERT_STRING_EQUAL(why, "cannot convert \"2\" to boolean");
}

static void test_dates(void)
{
    value v;
    char why[200];
    CU_ASSERT_EQUAL(parse("birth", "2024-02-29", &v, why), VG_OK); /* leap year */
    CU_ASSERT(v.kind == V_DATE && v.as.date == days_from_civil(2024, 2, 29));
    CU_ASSERT_EQUAL(parse("birth", "2000-02-29", &v, why), VG_OK); /* divisible by 400 */
    CU_ASSERT_EQUAL(parse("birth", "1970-01-01", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.date, 0);

    CU_ASSERT_EQUAL(parse("birth", "2023-02-29", &v, why), VG_ERR);
    CU_ASSERT_STRING_EQUAL(why, "cannot convert \"2023-02-29\" to date: no such day");
    CU_ASSERT_EQUAL(parse("birth", "1900-02-29", &v, why), VG_ERR); /* century, not leap */
    static const char *const bad[] = { "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
                                       "2024-1-5", "24-01-05", "2024/01/05", "2024-01-05T10:00",
                                       "yesterday" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(parse("birth", bad[i], &v, why), VG_ERR);
        CU_ASSERT_EQUAL(v.kind, V_MISSING);
    }
}

static void test_datetimes(void)
{
    value v;
    char why[200];
    int64_t base = days_from_civil(2026, 12, 1) * 86400 + 10 * 3600;
    static const char *const same[] = { "2026-12-01T10:00:00Z", "2026-12-01T10:00", "2026-12-01 10:00:00",
                                        "2026-12-01T10:00Z", "2026-12-01T10:00:00+00:00",
                                        "2026-12-01T12:00:00+02:00", "2026-12-01T05:30:00-0430",
                                        "2026-12-01t10:00:00.750z" };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        CU_ASSERT_EQUAL(parse("at", same[i], &v, why), VG_OK);
        CU_ASSERT_EQUAL(v.kind, V_DATETIME);
        CU_ASSERT_EQUAL(v.as.datetime, base);
        if (v.as.datetime != base) fprintf(stderr, "datetime %s\n", same[i]);
    }
    /* an offset can move the instant to another UTC day */
    CU_ASSERT_EQUAL(parse("at", "2024-03-01T01:00:00+03:00", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.as.datetime, days_from_civil(2024, 2, 29) * 86400 + 22 * 3600);
    static const char *const bad[] = { "2026-12-01", "2026-12-01T24:00", "2026-12-01T10:60",
                                       "2026-12-01T10:00:60", "2026-12-01T10", "2026-12-01T10:00:00 UTC",
                                       "2026-02-30T10:00", "2026-12-01T10:00+25:00", "2026-12-01X10:00" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(parse("at", bad[i], &v, why), VG_ERR);
        CU_ASSERT_PTR_NOT_NULL(strstr(why, "to datetime"));
    }
}

static void test_lists(void)
{
    value v;
    char why[200];
    CU_ASSERT_EQUAL(parse("route", " ist | | DXB|  |cdg ", &v, why), VG_OK);
    CU_ASSERT_EQUAL_FATAL(v.kind, V_LIST);
    CU_ASSERT_EQUAL_FATAL(v.len, 3);
    CU_ASSERT_STRING_EQUAL(v.as.items[0], "ist");
    CU_ASSERT_STRING_EQUAL(v.as.items[1], "DXB");
    CU_ASSERT_STRING_EQUAL(v.as.items[2], "cdg");
    CU_ASSERT_EQUAL(parse("route", "LHR", &v, why), VG_OK);
    CU_ASSERT(v.kind == V_LIST && v.len == 1);
    CU_ASSERT_EQUAL(parse("route", " | | ", &v, why), VG_OK);
    CU_ASSERT_EQUAL(v.kind, V_MISSING);
}

static void test_long_text_in_reason(void)
{
    value v;
    char why[200], text[300];
    memset(text, '9', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    text[5] = '\n';
    CU_ASSERT_EQUAL(parse("amount", text, &v, why), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "99999?999"));
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "...\" to number"));
    CU_ASSERT_PTR_NULL(strchr(why, '\n'));
}

/* A sample record whose slots are filled from text. */
static void fill(record *r, const char *name, const char *text)
{
    char why[200];
    int i = schema_field_index(sample, name);
    CU_ASSERT_EQUAL(value_parse(F(name), text, strlen(text), &r->arena, &r->slots[i], why, sizeof why), VG_OK);
}

static const value *get(const record *r, const char *name)
{
    return record_get_field(r, name);
}

static void test_age_around_birthday(void)
{
    fixture_load();
    record r;
    record_init(&r, sample);
    fill(&r, "birth", "2008-06-15");
    fill(&r, "at", "2026-06-14T23:59:59Z");
    record_derive(&r);
    CU_ASSERT(get(&r, "age")->kind == V_INTEGER && get(&r, "age")->as.i == 17); /* the day before */
    fill(&r, "at", "2026-06-15T00:00:00Z");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "age")->as.i, 18); /* the birthday */
    fill(&r, "at", "2026-06-16T08:00:00Z");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "age")->as.i, 18);
    /* born on Feb 29: a year older on Mar 1 of a common year */
    fill(&r, "birth", "2008-02-29");
    fill(&r, "at", "2026-02-28T12:00Z");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "age")->as.i, 17);
    fill(&r, "at", "2026-03-01T00:00Z");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "age")->as.i, 18);
    /* a missing source gives a missing value */
    record_clear(&r);
    fill(&r, "at", "2026-03-01T00:00Z");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "age")->kind, V_MISSING);
    record_free(&r);
}

static void test_hours_counts_ratio(void)
{
    fixture_load();
    record r;
    record_init(&r, sample);
    fill(&r, "start", "2026-12-01");       /* a date counts as midnight UTC */
    fill(&r, "at", "2026-12-02T05:59:59Z");
    fill(&r, "route", "YUL|CDG|IST|DXB");
    fill(&r, "port", "cnsha");
    fill(&r, "amount", "1000");
    fill(&r, "units", "8");
    record_derive(&r);
    CU_ASSERT(get(&r, "hours")->kind == V_INTEGER && get(&r, "hours")->as.i == 29);
    CU_ASSERT_EQUAL(get(&r, "stops")->as.i, 4);
    CU_ASSERT_EQUAL(get(&r, "legs")->as.i, 3);
    CU_ASSERT(get(&r, "country")->kind == V_STRING && strcmp(get(&r, "country")->as.s, "CN") == 0);
    CU_ASSERT(get(&r, "per_unit")->kind == V_NUMBER && get(&r, "per_unit")->as.n == 125.0);

    /* floor, not truncation, when the end comes before the start */
    fill(&r, "at", "2026-11-30T23:30:00Z");
    fill(&r, "route", "YUL");
    fill(&r, "units", "0");
    fill(&r, "port", "1X");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "hours")->as.i, -1);
    CU_ASSERT_EQUAL(get(&r, "legs")->as.i, 0);
    CU_ASSERT_EQUAL(get(&r, "per_unit")->kind, V_MISSING); /* division by zero */
    CU_ASSERT_EQUAL(get(&r, "country")->kind, V_MISSING);  /* not a UN/LOCODE */

    record_clear(&r);
    fill(&r, "amount", "10");
    record_derive(&r);
    CU_ASSERT_EQUAL(get(&r, "per_unit")->kind, V_MISSING); /* missing divisor */
    CU_ASSERT_EQUAL(get(&r, "legs")->kind, V_MISSING);
    CU_ASSERT_EQUAL(get(&r, "hours")->kind, V_MISSING);
    record_free(&r);
}

static void test_accessors_and_format(void)
{
    fixture_load();
    record r;
    record_init(&r, sample);
    CU_ASSERT_STRING_EQUAL(record_key(&r), "");
    fill(&r, "id", " S-9 ");
    fill(&r, "birth", "1999-12-31");
    fill(&r, "at", "2026-12-01T10:05:09+01:00");
    fill(&r, "route", "A| B |C");
    fill(&r, "amount", "0.1");
    fill(&r, "units", "-12");
    fill(&r, "flag", "no");
    CU_ASSERT_STRING_EQUAL(record_key(&r), "S-9");
    CU_ASSERT_PTR_NULL(record_get_field(&r, "nope"));
    CU_ASSERT_PTR_NULL(record_get(&r, -1));
    CU_ASSERT_PTR_NULL(record_get(&r, sample->field_count));
    CU_ASSERT_EQUAL(get(&r, "port")->kind, V_MISSING);

    char buf[64];
    CU_ASSERT_EQUAL(value_format(get(&r, "birth"), buf, sizeof buf), 10);
    CU_ASSERT_STRING_EQUAL(buf, "1999-12-31");
    value_format(get(&r, "at"), buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "2026-12-01T09:05:09Z");
    value_format(get(&r, "route"), buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "A|B|C");
    value_format(get(&r, "amount"), buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "0.1");
    value_format(get(&r, "units"), buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "-12");
    value_format(get(&r, "flag"), buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "false");
    CU_ASSERT_EQUAL(value_format(get(&r, "port"), buf, sizeof buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");
    /* truncation keeps the buffer terminated and reports what was written */
    CU_ASSERT_EQUAL(value_format(get(&r, "route"), buf, 3), 2);
    CU_ASSERT_STRING_EQUAL(buf, "A|");
    value big = { .kind = V_NUMBER, .as.n = 1.0 / 3.0 };
    value_format(&big, buf, sizeof buf);
    CU_ASSERT_EQUAL(strtod(buf, NULL), 1.0 / 3.0);
    value before = { .kind = V_DATETIME, .as.datetime = -1 };
    value_format(&before, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:59Z");

    record_clear(&r);
    CU_ASSERT_EQUAL(get(&r, "id")->kind, V_MISSING);
    record_free(&r);
}

static void test_arena(void)
{
    arena a;
    arena_init(&a, 64);
    char *p1 = arena_strndup(&a, "hello", 5);
    void *big = arena_alloc(&a, 1000); /* larger than a block */
    memset(big, 1, 1000);
    char *p2 = arena_strndup(&a, "world", 5);
    CU_ASSERT_STRING_EQUAL(p1, "hello");
    CU_ASSERT_STRING_EQUAL(p2, "world");
    CU_ASSERT_EQUAL((uintptr_t)arena_alloc(&a, 3) % 8, 0);
    arena_reset(&a);
    /* after a reset the same memory is handed out again */
    CU_ASSERT_PTR_EQUAL(arena_alloc(&a, 5), p1);
    for (int i = 0; i < 1000; i++) {
        char *s = arena_strndup(&a, "0123456789", 10);
        CU_ASSERT_EQUAL_FATAL(memcmp(s, "0123456789", 11), 0);
    }
    arena_free(&a);
}

UNIT_MAIN("record",
          { "calendar helpers round-trip", test_calendar },
          { "strings are trimmed, empty is missing", test_strings },
          { "integers: signs, overflow, junk", test_integers },
          { "numbers: decimal only, finite", test_numbers },
          { "booleans", test_booleans },
          { "dates: leap years and impossible days", test_dates },
          { "datetimes: forms and UTC offsets", test_datetimes },
          { "lists: trimmed items, empty ones dropped", test_lists },
          { "long or odd text in a reason", test_long_text_in_reason },
          { "age the day before and on a birthday", test_age_around_birthday },
          { "hours, counts, legs, country, ratio", test_hours_counts_ratio },
          { "accessors and value_format", test_accessors_and_format },
          { "arena reuse and big blocks", test_arena })
