/* unit_lists.c - reference lists: exact and prefix match, notes, case, duplicates, missing files. */
#include <string.h>
#include "lists.h"
#include "unit.h"

static const char *lookup(const ref_list *l, const char *s, const char **note)
{
    return list_lookup(l, s, strlen(s), note);
}

static void test_exact(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/good/transit_hubs.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_STRING_EQUAL(l->name, "transit_hubs");
    CU_ASSERT_STRING_EQUAL(l->source, "Unit test fixture");
    CU_ASSERT_STRING_EQUAL(l->as_of, "2024-01-15");
    CU_ASSERT_EQUAL(l->match, LIST_EXACT);
    CU_ASSERT_EQUAL(l->count, 3);
    const char *note = NULL;
    CU_ASSERT_STRING_EQUAL(lookup(l, "IST", &note), "IST");
    CU_ASSERT_STRING_EQUAL(note, "");
    /* entries and probes are compared upper-cased */
    CU_ASSERT_STRING_EQUAL(lookup(l, "dxb", &note), "DXB");
    CU_ASSERT_STRING_EQUAL(note, "Dubai International");
    CU_ASSERT_STRING_EQUAL(lookup(l, "Cdg", NULL), "CDG"); /* entry was " cdg " */
    CU_ASSERT_PTR_NULL(lookup(l, "IS", &note));
    CU_ASSERT_STRING_EQUAL(note, "");
    CU_ASSERT_PTR_NULL(lookup(l, "ISTX", NULL)); /* exact lists do not match prefixes */
    CU_ASSERT_PTR_NULL(lookup(l, "", NULL));
    CU_ASSERT_STRING_EQUAL(list_lookup(l, "ISTANBUL", 3, NULL), "IST"); /* the length bounds the probe */
    char long_probe[600];
    memset(long_probe, 'A', sizeof long_probe - 1);
    long_probe[sizeof long_probe - 1] = '\0';
    CU_ASSERT_PTR_NULL(lookup(l, long_probe, NULL));
    list_free(l);
}

static void test_prefix(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/good/forced_labour_hs.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(l->match, LIST_PREFIX);
    CU_ASSERT_EQUAL(l->prefix_lengths, (1u << 2) | (1u << 4) | (1u << 7));
    const char *note;
    /* the longest matching prefix wins */
    CU_ASSERT_STRING_EQUAL(lookup(l, "520100", &note), "5201");
    CU_ASSERT_STRING_EQUAL(note, "Raw cotton");
    CU_ASSERT_STRING_EQUAL(lookup(l, "520811", &note), "52");
    CU_ASSERT_STRING_EQUAL(note, "");
    CU_ASSERT_STRING_EQUAL(lookup(l, "52", NULL), "52");
    CU_ASSERT_STRING_EQUAL(lookup(l, "cn:854140", NULL), "CN:8541");
    CU_ASSERT_STRING_EQUAL(lookup(l, "6109100010", NULL), "6109"); /* a YAML integer entry */
    CU_ASSERT_PTR_NULL(lookup(l, "5", NULL));
    CU_ASSERT_PTR_NULL(lookup(l, "610", NULL));
    CU_ASSERT_PTR_NULL(lookup(l, "VN:854140", NULL));
    list_free(l);
}

static void test_find_within(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/good/transit_hubs.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    const char *note = NULL;
    const char *text = "via dxb then ist";
    /* the first entry in file order wins, not the first in the text */
    CU_ASSERT_STRING_EQUAL(list_find_within(l, text, strlen(text), &note), "IST");
    CU_ASSERT_STRING_EQUAL(note, "");
    CU_ASSERT_STRING_EQUAL(list_find_within(l, "Stop at Dxb.", 12, &note), "DXB");
    CU_ASSERT_STRING_EQUAL(note, "Dubai International");
    CU_ASSERT_PTR_NULL(list_find_within(l, "YUL-LHR", 7, &note));
    CU_ASSERT_STRING_EQUAL(note, "");
    CU_ASSERT_PTR_NULL(list_find_within(l, "ISTANBUL", 2, NULL)); /* the length bounds the text */
    list_free(l);
}

static void expect_error(const char *path, long line, const char *message_part)
{
    vg_error err;
    error_clear(&err);
    ref_list *l = list_load(path, &err);
    CU_ASSERT_PTR_NULL(l);
    list_free(l);
    CU_ASSERT_STRING_EQUAL(err.file, path);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, message_part));
    if (err.line != line || !strstr(err.message, message_part))
        fprintf(stderr, "unexpected error for %s: line %ld: %s\n", path, err.line, err.message);
}

static void test_errors(void)
{
    expect_error("fixtures/lists/bad/duplicate_entry.yaml", 6, "duplicate entry 'IST'");
    expect_error("fixtures/lists/bad/bad_match.yaml", 2, "match is exact, prefix or fuzzy");
    expect_error("fixtures/lists/bad/wrong_name.yaml", 1, "differs from the file name");
    expect_error("fixtures/lists/bad/syntax_error.yaml", 5, "YAML syntax error");
    expect_error("fixtures/lists/bad/no_such_list.yaml", 0, "cannot open");
}

static void test_directory(void)
{
    vg_error err;
    list_set set;
    CU_ASSERT_EQUAL_FATAL(list_set_load_dir(&set, "fixtures/lists/good", &err), VG_OK);
    CU_ASSERT_EQUAL(set.count, 2);
    CU_ASSERT_STRING_EQUAL(set.items[0]->name, "forced_labour_hs"); /* sorted by file name */
    CU_ASSERT_PTR_NOT_NULL(list_set_find(&set, "transit_hubs"));
    CU_ASSERT_PTR_NULL(list_set_find(&set, "nope"));
    list_set_free(&set);
    CU_ASSERT_EQUAL(set.count, 0);

    /* a ruleset without lists/ has no lists, and that is fine */
    CU_ASSERT_EQUAL(list_set_load_dir(&set, "fixtures/lists/no_such_dir", &err), VG_OK);
    CU_ASSERT_EQUAL(set.count, 0);
    list_set_free(&set);

    CU_ASSERT_EQUAL(list_set_load_dir(&set, "fixtures/lists/bad", &err), VG_ERR);
    CU_ASSERT_EQUAL(set.count, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.file, "fixtures/lists/bad/"));
}

UNIT_MAIN("lists",
          { "exact match, notes, case-insensitive", test_exact },
          { "prefix match by length, longest wins", test_prefix },
          { "an entry inside a text, in list order", test_find_within },
          { "duplicate entry, bad match, wrong name, syntax, missing file", test_errors },
          { "directories: sorted, missing dir is empty, errors stop", test_directory })
