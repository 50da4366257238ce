/* unit_schema.c - schema loading: the shipped schemas, every field type, derived fields, each error. */
#include <string.h>
#include "schema.h"
#include "unit.h"

static void test_shipped_schemas(void)
{
    vg_error err;
    error_clear(&err);
    schema_set set;
    CU_ASSERT_EQUAL_FATAL(schema_set_load_dir(&set, "scenarios/schemas", &err), VG_OK);
    CU_ASSERT_EQUAL(set.count, 2);
    const schema *t = schema_set_find(&set, "traveller");
    const schema *s = schema_set_find(&set, "shipment");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NULL(schema_set_find(&set, "vessel"));
    CU_ASSERT_STRING_EQUAL(t->fields[t->key_index].name, "passenger_id");
    CU_ASSERT_STRING_EQUAL(s->fields[s->key_index].name, "shipment_id");
    CU_ASSERT_STRING_EQUAL(t->title, "Air traveller (API + PNR)");
    /* the sets come sorted by file name */
    CU_ASSERT_STRING_EQUAL(set.items[0]->kind, "shipment");

    const field *age = schema_field(t, "age");
    CU_ASSERT_PTR_NOT_NULL_FATAL(age);
    CU_ASSERT_EQUAL(age->derive, DERIVE_YEARS_BETWEEN);
    CU_ASSERT_EQUAL(age->derive_from[0], schema_field_index(t, "date_of_birth"));
    CU_ASSERT_EQUAL(age->derive_from[1], schema_field_index(t, "departure"));
    CU_ASSERT_TRUE(age->is_protected); /* inherited from date_of_birth */
    CU_ASSERT_FALSE(age->is_sensitive);
    CU_ASSERT_TRUE(schema_field(t, "meal_request")->is_sensitive);
    CU_ASSERT_FALSE(schema_field(t, "booking_lead_hours")->is_protected);
    CU_ASSERT_EQUAL(schema_field(s, "value_per_kg")->derive, DERIVE_RATIO);
    CU_ASSERT_EQUAL(schema_field(s, "loading_country")->type, FT_STRING);
    CU_ASSERT_EQUAL(schema_field_index(t, "no_such_field"), -1);
    CU_ASSERT_PTR_NULL(schema_field(t, "no_such_field"));

    /* every field's index is its slot; read fields come before derived ones */
    bool seen_derived = false, ordered = true;
    for (int i = 0; i < t->field_count; i++) {
        CU_ASSERT_EQUAL(t->fields[i].index, i);
        CU_ASSERT_EQUAL(schema_field_index(t, t->fields[i].name), i);
        if (t->fields[i].derive != DERIVE_NONE) seen_derived = true;
        else if (seen_derived) ordered = false;
    }
    CU_ASSERT_TRUE(ordered);
    CU_ASSERT_EQUAL(t->field_count, 41);
    schema_set_free(&set);
}

static void test_sample_schema(void)
{
    vg_error err;
    schema *s = schema_load("fixtures/schemas/good/sample.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->kind, "sample");
    CU_ASSERT_EQUAL(s->field_count, 16);
    /* derived: appears first in the file but comes after the read fields */
    CU_ASSERT_STRING_EQUAL(s->fields[0].name, "id");
    CU_ASSERT_STRING_EQUAL(s->fields[10].name, "age");
    CU_ASSERT_EQUAL(s->fields[10].line, 6);
    CU_ASSERT_STRING_EQUAL(s->fields[10].description, "Age at 'at'");
    CU_ASSERT_STRING_EQUAL(s->fields[1].description, "");
    static const struct { const char *name; field_type type; } types[] = {
        { "id", FT_STRING }, { "units", FT_INTEGER }, { "amount", FT_NUMBER },
        { "flag", FT_BOOLEAN }, { "birth", FT_DATE }, { "at", FT_DATETIME }, { "route", FT_LIST },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        CU_ASSERT_EQUAL(schema_field(s, types[i].name)->type, types[i].type);
    CU_ASSERT_TRUE(schema_field(s, "diet")->is_sensitive); /* "yes" is true */
    CU_ASSERT_TRUE(schema_field(s, "age")->is_protected);
    CU_ASSERT_FALSE(schema_field(s, "hours")->is_protected);
    CU_ASSERT_EQUAL(schema_field(s, "legs")->derive, DERIVE_LEGS);
    CU_ASSERT_EQUAL(schema_field(s, "stops")->derive, DERIVE_COUNT);
    CU_ASSERT_EQUAL(schema_field(s, "country")->derive, DERIVE_LOCODE_COUNTRY);
    CU_ASSERT_EQUAL(schema_field(s, "country")->derive_from[1], -1);
    CU_ASSERT_STRING_EQUAL(field_type_name(FT_DATETIME), "datetime");
    CU_ASSERT_STRING_EQUAL(field_type_name(FT_LIST), "list");
    schema_free(s);
}

/* Load a bad schema and check the error's line, field and message. */
static void expect_error(const char *path, long line, const char *field, const char *message_part)
{
    vg_error err;
    error_clear(&err);
    schema *s = schema_load(path, &err);
    CU_ASSERT_PTR_NULL(s);
    schema_free(s);
    CU_ASSERT_STRING_EQUAL(err.file, path);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_STRING_EQUAL(err.field, field);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, message_part));
    if (err.line != line || !strstr(err.message, message_part))
        fprintf(stderr, "unexpected error for %s: line %ld field '%s': %s\n", path, err.line,
                err.field, err.message);
}

static void test_unknown_type(void)
{
    expect_error("fixtures/schemas/bad/unknown_type.yaml", 5, "count", "unknown type 'integr'");
}

static void test_unknown_compute(void)
{
    expect_error("fixtures/schemas/bad/unknown_compute.yaml", 7, "age", "unknown compute 'age_at'");
}

static void test_duplicate_field(void)
{
    expect_error("fixtures/schemas/bad/duplicate_field.yaml", 6, "origin", "duplicate field");
}

static void test_missing_key(void)
{
    expect_error("fixtures/schemas/bad/missing_key.yaml", 1, "", "missing 'key'");
    expect_error("fixtures/schemas/bad/key_not_field.yaml", 2, "passenger_id", "not a read field");
}

static void test_unknown_source(void)
{
    expect_error("fixtures/schemas/bad/unknown_source.yaml", 7, "age",
                 "unknown source field 'departure'");
    expect_error("fixtures/schemas/bad/wrong_compute_type.yaml", 7, "port_count",
                 "compute count gives integer, not string");
}

static void test_syntax_and_missing_file(void)
{
    vg_error err;
    CU_ASSERT_PTR_NULL(schema_load("fixtures/schemas/bad/syntax_error.yaml", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "YAML syntax error"));
    CU_ASSERT_TRUE(err.line >= 4);
    CU_ASSERT_PTR_NULL(schema_load("fixtures/schemas/nope.yaml", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot open"));

    char buf[600];
    error_format(&err, buf, sizeof buf);
    CU_ASSERT_EQUAL(strncmp(buf, "fixtures/schemas/nope.yaml: cannot open", 39), 0);
}

static void test_duplicate_kind_and_bad_dir(void)
{
    vg_error err;
    schema_set set;
    CU_ASSERT_EQUAL(schema_set_load_dir(&set, "fixtures/schemas/duplicate_kind", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "duplicate kind 'twin'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.file, "b.yaml"));
    CU_ASSERT_EQUAL(set.count, 0);
    CU_ASSERT_EQUAL(schema_set_load_dir(&set, "fixtures/schemas/bad", &err), VG_ERR);
    CU_ASSERT_EQUAL(set.count, 0);
    CU_ASSERT_EQUAL(schema_set_load_dir(&set, "fixtures/no_such_dir", &err), VG_ERR);
}

static void test_error_format(void)
{
    vg_error err;
    char buf[700];
    error_set(&err, "m.csv", 12, "age", "cannot convert \"%s\" to integer\n", "x");
    error_format(&err, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "m.csv:12: field 'age': cannot convert \"x\" to integer");
    error_set(&err, NULL, 0, NULL, "plain");
    error_format(&err, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "plain");
    error_set(&err, "f.yaml", 0, "", "no line");
    error_format(&err, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "f.yaml: no line");
    error_format(&err, buf, 4);
    CU_ASSERT_STRING_EQUAL(buf, "f.y");
    CU_ASSERT_EQUAL(error_set(NULL, "x", 1, "y", "z"), VG_ERR);
    error_clear(&err);
    CU_ASSERT_STRING_EQUAL(err.message, "");
}

UNIT_MAIN("schema",
          { "shipped traveller and shipment schemas", test_shipped_schemas },
          { "every type, flag and compute", test_sample_schema },
          { "unknown type names file, line and field", test_unknown_type },
          { "unknown compute", test_unknown_compute },
          { "duplicate field", test_duplicate_field },
          { "missing or unknown key", test_missing_key },
          { "unknown or ill-typed derived source", test_unknown_source },
          { "YAML syntax error and missing file", test_syntax_and_missing_file },
          { "duplicate kinds in a directory", test_duplicate_kind_and_bad_dir },
          { "error rendering", test_error_format })
