/* unit_lists_meta.c - list provenance fields, aliases, and matching folded for case and accents. */
#include <stdlib.h>
#include <string.h>
#include "lists.h"
#include "lists_fold.h"
#include "unit.h"

static const char *lookup(const ref_list *l, const char *s, const char **note)
{
    return list_lookup(l, s, strlen(s), note);
}

static char *fold(const char *s)
{
    size_t n;
    char *f = list_fold(s, strlen(s), NULL, 0, &n);
    CU_ASSERT_EQUAL(strlen(f), n);
    return f;
}

static void expect_fold(const char *in, const char *want)
{
    char *got = fold(in);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want)) fprintf(stderr, "fold '%s': '%s', want '%s'\n", in, got, want);
    free(got);
}

static void test_fold(void)
{
    expect_fold("urumqi", "URUMQI");
    expect_fold("Ürümqi", "URUMQI");
    expect_fold("ÜRÜMQI", "URUMQI");
    expect_fold("U\xcc\x88ru\xcc\x88mqi", "URUMQI"); /* already decomposed (NFD) */
    expect_fold("Côte d'Ivoire", "COTE D'IVOIRE");
    expect_fold("straße", "STRASSE");
    expect_fold("Qoqek / Tacheng", "QOQEK / TACHENG");
    expect_fold("", "");
    expect_fold("\xff\xfe bad", "\xff\xfe BAD"); /* invalid UTF-8: bytes upper-cased, never lost */
    /* a result that fits the caller's buffer lands there; a longer one is allocated */
    char buf[8];
    size_t n;
    char *p = list_fold("Ürümqi", strlen("Ürümqi"), buf, sizeof buf, &n);
    CU_ASSERT_PTR_EQUAL(p, buf);
    CU_ASSERT_EQUAL(n, 6);
    p = list_fold("Ürümqi Ürümqi", strlen("Ürümqi Ürümqi"), buf, sizeof buf, &n);
    CU_ASSERT_PTR_NOT_EQUAL(p, buf);
    CU_ASSERT_STRING_EQUAL(p, "URUMQI URUMQI");
    free(p);
}

static void test_metadata(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/meta/entities.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_STRING_EQUAL(l->edition, "2025-01-15");
    CU_ASSERT_STRING_EQUAL(l->review_by, "2026-01-15");
    CU_ASSERT_EQUAL(l->review_by_line, 7);
    CU_ASSERT(l->review_by_day > 20000);
    CU_ASSERT_EQUAL(l->entry_count, 3);
    CU_ASSERT_EQUAL(l->count, 5); /* three entries and two aliases */
    const list_entry *e = list_first(l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->value, "URUMQI TEXTILE CO");
    CU_ASSERT_STRING_EQUAL(e->source, "fixture source A");
    CU_ASSERT_STRING_EQUAL(e->edition, "2022-06-17");
    CU_ASSERT_STRING_EQUAL(e->source_name, "Ürümqi Textile Co., Ltd.");
    CU_ASSERT_STRING_EQUAL(e->flags, "forced_labour");
    CU_ASSERT_EQUAL_FATAL(e->alias_count, 2);
    CU_ASSERT_STRING_EQUAL(e->aliases[1], "ÜTC");
    e = list_next(e); /* aliases are skipped */
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->value, "COTE COCOA");
    CU_ASSERT_STRING_EQUAL(e->flags, "child_labour, forced_labour");
    CU_ASSERT_STRING_EQUAL(e->source, "");
    e = list_next(e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->value, "STRASSE METALS");
    CU_ASSERT_PTR_NULL(list_next(e));
    CU_ASSERT_PTR_NOT_NULL(list_get(l, "utc"));
    CU_ASSERT_PTR_NULL(list_get(l, "nope"));
    list_free(l);
}

static void test_aliases_and_accents(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/meta/entities.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    const char *note;
    CU_ASSERT_STRING_EQUAL(lookup(l, "urumqi textile co", &note), "URUMQI TEXTILE CO");
    CU_ASSERT_STRING_EQUAL(note, "accented name");
    CU_ASSERT_STRING_EQUAL(lookup(l, "Ürümqi Textile CO", NULL), "URUMQI TEXTILE CO");
    /* an alias matches and its note names the entry */
    CU_ASSERT_STRING_EQUAL(lookup(l, "wulumuqi textile", &note), "WULUMUQI TEXTILE");
    CU_ASSERT_STRING_EQUAL(note, "alias of URUMQI TEXTILE CO: accented name");
    CU_ASSERT_STRING_EQUAL(lookup(l, "Côte Cocoa", NULL), "COTE COCOA");
    CU_ASSERT_STRING_EQUAL(lookup(l, "strasse metals", NULL), "STRASSE METALS");
    CU_ASSERT_STRING_EQUAL(lookup(l, "Straße Metals", NULL), "STRASSE METALS");
    /* inside a text, folded the same way */
    const char *text = "Shipper: WULUMUQI TEXTILE, Ürümqi";
    CU_ASSERT_STRING_EQUAL(list_find_within(l, text, strlen(text), &note), "WULUMUQI TEXTILE");
    text = "maker ürümqi textile co., ltd";
    CU_ASSERT_STRING_EQUAL(list_find_within(l, text, strlen(text), NULL), "URUMQI TEXTILE CO");
    CU_ASSERT_PTR_NULL(list_find_within(l, "Urumqi Textiles Group", 21, NULL));
    list_free(l);
}

static void test_errors(void)
{
    vg_error err;
    error_clear(&err);
    CU_ASSERT_PTR_NULL(list_load("fixtures/lists/bad/duplicate_alias.yaml", &err));
    CU_ASSERT_EQUAL(err.line, 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "duplicate entry 'ALPHA CO' (already an alias of 'ALPHA')"));
    error_clear(&err);
    CU_ASSERT_PTR_NULL(list_load("fixtures/lists/bad/bad_review_by.yaml", &err));
    CU_ASSERT_EQUAL(err.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "review_by '2026-02-30' is not a date"));
    /* a list kept under another file name loads with list_load_any_name */
    error_clear(&err);
    CU_ASSERT_PTR_NULL(list_load("fixtures/lists/bad/wrong_name.yaml", &err));
    ref_list *l = list_load_any_name("fixtures/lists/bad/wrong_name.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL(l);
    list_free(l);
}

UNIT_MAIN("lists_meta",
          { "folding: case, accents, NFD input, sharp s, invalid UTF-8, buffers", test_fold },
          { "provenance fields, entries in order, aliases kept apart", test_metadata },
          { "aliases and accents match, exact and inside a text", test_aliases_and_accents },
          { "duplicate alias, bad review_by, list_load_any_name", test_errors })
