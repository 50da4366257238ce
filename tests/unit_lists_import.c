/* unit_lists_import.c - importers on small fixtures of each published format, and on ../shared/lists-sources when present. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lists.h"
#include "lists_import.h"
#include "unit.h"

#define HS_MAP "scenarios/lists/sources/ilab_goods_hs.csv"
#define COUNTRIES "scenarios/lists/sources/ilab_countries.csv"
#define SHARED "../shared/lists-sources"

static const import_entry *find(const import_list *l, const char *value)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->entries[i].value, value) == 0) return &l->entries[i];
    return NULL;
}

static bool has(char **items, int count, const char *s)
{
    for (int i = 0; i < count; i++)
        if (strcmp(items[i], s) == 0) return true;
    return false;
}

static int import(import_list *l, const char *format, const char *path, vg_error *err)
{
    import_options o = { .format = format, .path = path, .name = "test_list", .edition = "E1",
                         .source = "list source", .hs_map = HS_MAP, .countries = COUNTRIES };
    error_clear(err);
    return lists_import(&o, l, err);
}

/* Write l as a list file and load it back with the ruleset's loader. */
static ref_list *round_trip(const import_list *l)
{
    char path[] = "/tmp/vigie-import-XXXXXX/test_list.yaml";
    char dir[] = "/tmp/vigie-import-XXXXXX";
    if (!mkdtemp(dir)) return NULL;
    snprintf(path, sizeof path, "%s/test_list.yaml", dir);
    FILE *fp = fopen(path, "w");
    CU_ASSERT_EQUAL(lists_import_write(l, "vigie lists import (unit test)", fp), VG_OK);
    fclose(fp);
    vg_error err;
    ref_list *r = list_load(path, &err);
    if (!r) fprintf(stderr, "round trip: %s:%ld: %s\n", err.file, err.line, err.message);
    unlink(path);
    rmdir(dir);
    return r;
}

static void test_ilab_xml(void)
{
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL_FATAL(import(&l, "ilab-xml", "fixtures/lists/sources/ilab_small.xml", &err), VG_OK);
    CU_ASSERT_EQUAL(l.records_read, 6);
    CU_ASSERT_STRING_EQUAL(l.match, "prefix");
    /* a decomposed "Açaí" in the source finds the table's precomposed line */
    const import_entry *e = find(&l, "BR:081090");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT(has(e->flags, e->flag_count, "child_labour"));
    CU_ASSERT_EQUAL(e->flag_count, 1);
    CU_ASSERT_STRING_EQUAL(e->source, "list source");
    CU_ASSERT_STRING_EQUAL(e->edition, "E1");
    CU_ASSERT_PTR_NOT_NULL(find(&l, "BR:081190"));
    /* two downstream goods in one heading merge into one entry that names both */
    e = find(&l, "CN:3818");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->source_name, "Photovoltaic Ingots; Photovoltaic Wafers");
    CU_ASSERT(has(e->flags, e->flag_count, "downstream"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e->note, "made with listed inputs from China"));
    e = find(&l, "CN:5201");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT(has(e->flags, e->flag_count, "child_labour") && has(e->flags, e->flag_count, "forced_labour"));
    CU_ASSERT_STRING_EQUAL(e->note, "Cotton: child labour, forced labour");
    CU_ASSERT_PTR_NOT_NULL(find(&l, "TR:5203")); /* "Turkey (Türkiye)" through the country table */
    /* a good with no HS heading is left out, and said */
    CU_ASSERT_EQUAL(l.left_out_count, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.left_out[0], "Pornography, Colombia"));
    CU_ASSERT_EQUAL(l.count, 2 + 1 + 2 + 2);
    ref_list *r = round_trip(&l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->entry_count, l.count);
    const char *note;
    CU_ASSERT_STRING_EQUAL(list_lookup(r, "CN:381800", 9, &note), "CN:3818");
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "Photovoltaic Wafers"));
    const list_entry *le = list_get(r, "CN:5201");
    CU_ASSERT_STRING_EQUAL(le->flags, "child_labour, forced_labour");
    CU_ASSERT_STRING_EQUAL(le->source_name, "Cotton");
    list_free(r);
    import_list_free(&l);
}

static void test_ilab_errors(void)
{
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL(import(&l, "ilab-xml", "fixtures/lists/sources/ilab_broken.xml", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "XML:"));
    CU_ASSERT(err.line > 0);
    import_list_free(&l);
    CU_ASSERT_EQUAL(import(&l, "ilab-xml", "fixtures/lists/sources/ilab_unknown_good.xml", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "good 'Moon Rocks'"));
    CU_ASSERT_STRING_EQUAL(err.file, HS_MAP);
    import_list_free(&l);
    CU_ASSERT_EQUAL(import(&l, "ilab-xml", "fixtures/lists/sources/no_such.xml", &err), VG_ERR);
    import_list_free(&l);
    import_options o = { .format = "ilab-xml", .path = "fixtures/lists/sources/ilab_small.xml", .name = "x" };
    CU_ASSERT_EQUAL(lists_import(&o, &l, &err), VG_ERR); /* no tables */
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--hs-map"));
    import_list_free(&l);
    CU_ASSERT_EQUAL(import(&l, "pdf", "fixtures/lists/sources/ilab_small.xml", &err), VG_ERR);
    import_list_free(&l);
}

static void test_ilab_csv(void)
{
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL_FATAL(import(&l, "ilab-csv", "fixtures/lists/sources/ilab_changes.csv", &err), VG_OK);
    CU_ASSERT_EQUAL(l.records_read, 3);
    const import_entry *e = find(&l, "IN:030617");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->edition, "2024");           /* the row's own edition and source */
    CU_ASSERT_PTR_NOT_NULL(strstr(e->source, "later edition"));
    CU_ASSERT(has(e->flags, e->flag_count, "forced_labour"));
    e = find(&l, "CN:5201");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->edition, "E1");
    CU_ASSERT_EQUAL(e->flag_count, 2);
    CU_ASSERT_PTR_NULL(find(&l, "KE:0902"));              /* no flag: left out, and said */
    CU_ASSERT_EQUAL(l.left_out_count, 1);
    import_list_free(&l);
}

static void test_ftm(void)
{
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL_FATAL(import(&l, "ftm", "fixtures/lists/sources/entities.ftm.json", &err), VG_OK);
    CU_ASSERT_STRING_EQUAL(l.match, "exact");
    CU_ASSERT_EQUAL(l.records_read, 3); /* parties only: Sanction and Address are links */
    CU_ASSERT_EQUAL(l.count, 2);
    const import_entry *e = find(&l, "Example Silicon Industry (Shanshan) Co., Ltd.");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->alias_count, 2); /* the duplicate alias once, the previous name kept, the weak alias not */
    CU_ASSERT(has(e->aliases, e->alias_count, "Example Silicon"));
    CU_ASSERT(has(e->aliases, e->alias_count, "Old Example Silicon Co."));
    CU_ASSERT_STRING_EQUAL(e->edition, "2022-06-17");     /* the Sanction's listing date */
    CU_ASSERT_STRING_EQUAL(e->source, "https://example.org/fr/2022-0001");
    CU_ASSERT_STRING_EQUAL(e->note, "Company, cn; UFLPA Entity List");
    CU_ASSERT(has(e->flags, e->flag_count, "sanction"));
    e = find(&l, "Ürümqi Example Cotton Group");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->edition, "2024-11-01");     /* first_seen when nothing better */
    CU_ASSERT_STRING_EQUAL(e->source, "list source");
    CU_ASSERT(has(e->aliases, e->alias_count, "Wulumuqi Example Cotton"));
    CU_ASSERT_EQUAL(l.left_out_count, 2);                 /* the weak alias and the nameless entity */
    ref_list *r = round_trip(&l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->entry_count, 2);
    CU_ASSERT_EQUAL(r->count, 5);
    const char *text = "SHIPPER: URUMQI EXAMPLE COTTON GROUP, XINJIANG";
    CU_ASSERT_STRING_EQUAL(list_find_within(r, text, strlen(text), NULL), "URUMQI EXAMPLE COTTON GROUP");
    CU_ASSERT_STRING_EQUAL(list_lookup(r, "old example silicon co.", 23, NULL), "OLD EXAMPLE SILICON CO.");
    list_free(r);
    import_list_free(&l);
}

static void test_plain_csv(void)
{
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL_FATAL(import(&l, "csv", "fixtures/lists/sources/plain.csv", &err), VG_OK);
    CU_ASSERT_EQUAL(l.count, 2);
    const import_entry *e = find(&l, "KASHGAR");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->alias_count, 2); /* " kashgar " is the value itself */
    CU_ASSERT_STRING_EQUAL(e->source, "Test fixture source");
    CU_ASSERT_EQUAL(e->flag_count, 2);
    e = find(&l, "Ürümqi");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->source, "list source");
    CU_ASSERT_STRING_EQUAL(e->edition, "E1");
    ref_list *r = round_trip(&l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(list_lookup(r, "Urumchi", 7, NULL), "URUMCHI");
    CU_ASSERT_STRING_EQUAL(list_lookup(r, "ÜRÜMQI", strlen("ÜRÜMQI"), NULL), "URUMQI");
    list_free(r);
    import_list_free(&l);
    CU_ASSERT_EQUAL(import(&l, "csv", "fixtures/lists/sources/plain_duplicate.csv", &err), VG_ERR);
    CU_ASSERT_EQUAL(err.line, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "duplicate value 'a'"));
    import_list_free(&l);
    /* blank lines between rows are skipped, a blank line inside a quoted field is kept */
    CU_ASSERT_EQUAL_FATAL(import(&l, "csv", "fixtures/lists/sources/plain_blank_lines.csv", &err), VG_OK);
    CU_ASSERT_EQUAL(l.count, 2);
    e = find(&l, "B");
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_STRING_EQUAL(e->note, "two\n\nlines");
    import_list_free(&l);
    CU_ASSERT_EQUAL(import(&l, "csv", "fixtures/lists/sources/plain_no_value.csv", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "value column"));
    import_list_free(&l);
}

/* The published files, when the shared folder sits beside the repository. */
static void test_shared_sources(void)
{
    if (access(SHARED "/goods_2021.xml", R_OK) != 0) {
        fprintf(stderr, "lists_import: %s not present, the test on the published files is skipped\n", SHARED);
        return;
    }
    vg_error err;
    import_list l;
    CU_ASSERT_EQUAL_FATAL(import(&l, "ilab-xml", SHARED "/goods_2021.xml", &err), VG_OK);
    /* 467 good x country lines (457 primary, 10 downstream); every one but the 7 of a
     * good with no HS heading becomes at least one entry */
    CU_ASSERT_EQUAL(l.records_read, 467);
    CU_ASSERT_EQUAL(l.left_out_count, 7);
    int downstream = 0, forced = 0;
    for (int i = 0; i < l.count; i++) {
        downstream += has(l.entries[i].flags, l.entries[i].flag_count, "downstream");
        forced += has(l.entries[i].flags, l.entries[i].flag_count, "forced_labour");
    }
    CU_ASSERT(downstream >= 10);
    CU_ASSERT(forced > 100);
    /* the pairs the issue names as missing or mislabelled before */
    CU_ASSERT_PTR_NOT_NULL(find(&l, "CN:850760"));   /* lithium-ion batteries, downstream */
    CU_ASSERT_PTR_NOT_NULL(find(&l, "ID:151321"));   /* crude palm kernel oil, downstream */
    CU_ASSERT_PTR_NOT_NULL(find(&l, "CD:2605"));     /* cobalt ore, not cobalt metal */
    CU_ASSERT_PTR_NULL(find(&l, "CD:8105"));
    CU_ASSERT_PTR_NULL(find(&l, "CM:5201"));         /* Cameroon cotton: not on the List */
    CU_ASSERT_PTR_NULL(find(&l, "PA:121293"));       /* Panama sugarcane: gone since 2017 */
    CU_ASSERT_PTR_NOT_NULL(find(&l, "SV:0306"));     /* El Salvador shellfish, not fish */
    CU_ASSERT_PTR_NULL(find(&l, "SV:0302"));
    const import_entry *e = find(&l, "CN:6702");     /* artificial flowers: forced labour */
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT(has(e->flags, e->flag_count, "forced_labour") && !has(e->flags, e->flag_count, "child_labour"));
    import_list_free(&l);
    /* the earlier file imports through the same tables (every good it names is in them) */
    CU_ASSERT_EQUAL(import(&l, "ilab-xml", SHARED "/goods_2019.xml", &err), VG_OK);
    CU_ASSERT_EQUAL(l.records_read, 438);
    import_list_free(&l);
}

UNIT_MAIN("lists_import",
          { "ILAB app XML: flags, downstream goods merged, decomposed names, left out with reason", test_ilab_xml },
          { "ILAB import errors: broken XML, unknown good, missing tables, unknown format", test_ilab_errors },
          { "ILAB CSV: per-row source and edition, x/y flags, unflagged rows left out", test_ilab_csv },
          { "FollowTheMoney: parties, aliases, previous names, Sanction dates and sources", test_ftm },
          { "plain CSV: aliases, flags, defaults, duplicates, missing value column", test_plain_csv },
          { "the published ILAB files in ../shared/lists-sources, when present", test_shared_sources })
