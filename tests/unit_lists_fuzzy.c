/* unit_lists_fuzzy.c - fuzzy lists: Jaro-Winkler, normalisation, the table of variant pairs and near misses, errors. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include "lists.h"
#include "lists_fuzzy.h"
#include "unit.h"

static ref_list *load_fixture(void)
{
    vg_error err;
    ref_list *l = list_load("fixtures/lists/fuzzy/entities.yaml", &err);
    if (!l) fprintf(stderr, "fuzzy fixture: %s:%ld: %s\n", err.file, err.line, err.message);
    return l;
}

/* Winkler's own examples (Winkler 1990, table 6; as quoted by Cohen et al. 2003). */
static void test_jaro_winkler(void)
{
    struct { const char *a, *b; double jw; } cases[] = {
        { "MARTHA", "MARHTA", 0.961 }, { "DWAYNE", "DUANE", 0.840 }, { "DIXON", "DICKSONX", 0.813 },
        { "SAME", "SAME", 1.0 },       { "ABC", "XYZ", 0.0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double jw = list_jaro_winkler(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b));
        double back = list_jaro_winkler(cases[i].b, strlen(cases[i].b), cases[i].a, strlen(cases[i].a));
        CU_ASSERT_DOUBLE_EQUAL(jw, cases[i].jw, 0.0005);
        CU_ASSERT_DOUBLE_EQUAL(jw, back, 1e-12); /* symmetric */
        if (jw < cases[i].jw - 0.0005 || jw > cases[i].jw + 0.0005)
            printf("jaro-winkler %s/%s: %.4f, expected %.3f\n", cases[i].a, cases[i].b, jw, cases[i].jw);
    }
    CU_ASSERT_DOUBLE_EQUAL(list_jaro_winkler("", 0, "", 0), 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(list_jaro_winkler("A", 1, "", 0), 0.0, 1e-12);
}

static const char *or_none(const char *s) { return s ? s : "(none)"; }

static void expect_normal(const ref_list *l, const char *name, const char *want)
{
    char *got = list_fuzzy_normalise(l->fuzzy, name, strlen(name));
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0) printf("normalise '%s': '%s', expected '%s'\n", name, got, want);
    free(got);
}

static void test_normalise(void)
{
    ref_list *l = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(l->match, LIST_FUZZY);
    CU_ASSERT_DOUBLE_EQUAL(l->threshold, 0.90, 1e-12);
    CU_ASSERT_STRING_EQUAL(list_match_name(l->match), "fuzzy");
    expect_normal(l, "Hoshine Silicon Industry (Shanshan) Co., Ltd.", "HOSHINE SILICON INDUSTRY SHANSHAN");
    expect_normal(l, "Foo S.A.R.L.", "FOO");
    expect_normal(l, "Foo L.L.C.", "FOO");
    expect_normal(l, "Xi'an Foo Co.,Ltd", "XIAN FOO");
    expect_normal(l, "Hsin Chiang Foo", "XINJIANG FOO");
    expect_normal(l, "Xin Jiang Foo", "XINJIANG FOO");      /* Pinyin syllables joined: a word of the list */
    expect_normal(l, "Urumchi Foo Intl", "URUMQI FOO INTERNATIONAL");
    expect_normal(l, "Straße", "STRASSE");                    /* ß */
    expect_normal(l, "ΣΟΦΟΣ", "SOPHOS");                      /* Greek, final sigma */
    expect_normal(l, "σοφος", "SOPHOS");
    expect_normal(l, "İstanbul ıspanak", "ISTANBUL ISPANAK"); /* Turkish dotted and dotless i */
    expect_normal(l, "新疆", "XINJIANG");
    expect_normal(l, "Company Limited", "COMPANY LIMITED");   /* noise only: kept */
    expect_normal(l, "", "");
    /* invalid UTF-8 is not transliterated: its bytes stay in the words, nothing crashes */
    const char bad[] = "Hoshine \xff\xfe Silicon Industry";
    char *got = list_fuzzy_normalise(l->fuzzy, bad, sizeof bad - 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "HOSHINE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "SILICON"));
    free(got);
    double sim = 0;
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, "\xc3\x28\xa0\xa1", 4, NULL, &sim));
    CU_ASSERT_STRING_EQUAL(or_none(list_lookup_scored(l, bad, sizeof bad - 1, NULL, &sim)), "HOSHINE SILICON INDUSTRY");
    list_free(l);
}

/* ---- the table of pairs ------------------------------------------------------------ */

typedef struct pair_reader {
    char *cells[4];
    int count;
    long line;
    int rows;
    const ref_list *l;
    int failures;
} pair_reader;

static void pair_cell(void *field, size_t len, void *data)
{
    pair_reader *r = data;
    if (r->count < 4) {
        r->cells[r->count] = malloc(len + 1);
        memcpy(r->cells[r->count], field, len);
        r->cells[r->count][len] = '\0';
    }
    r->count++;
}

static void pair_row(int c, void *data)
{
    (void)c;
    pair_reader *r = data;
    CU_ASSERT_EQUAL(r->count, 4);
    if (r->count == 4) {
        const char *kind = r->cells[0], *name = r->cells[1], *key = r->cells[2];
        double sim = 0;
        const char *note = NULL;
        const char *got = list_lookup_scored(r->l, name, strlen(name), &note, &sim);
        bool want_match = strcmp(kind, "match") == 0;
        CU_ASSERT(want_match || strcmp(kind, "miss") == 0);
        bool ok = want_match ? got && strcmp(got, key) == 0 && sim >= r->l->threshold : got == NULL;
        CU_ASSERT(ok);
        if (!ok) {
            r->failures++;
            printf("fuzzy_pairs.tsv line %ld (%s): '%s' matched %s (similarity %.3f); similarity to '%s' %.3f\n",
                   r->line, kind, name, got ? got : "nothing", sim, key,
                   list_fuzzy_similarity(r->l->fuzzy, name, key));
        }
        r->rows++;
    }
    for (int i = 0; i < 4 && i < r->count; i++) free(r->cells[i]);
    r->count = 0;
}

static void test_pairs(void)
{
    ref_list *l = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    FILE *fp = fopen("fixtures/lists/fuzzy_pairs.tsv", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    struct csv_parser p;
    CU_ASSERT_EQUAL_FATAL(csv_init(&p, CSV_APPEND_NULL), 0);
    csv_set_delim(&p, '\t');
    csv_set_quote(&p, '\0'); /* names may hold quotes of their own */
    pair_reader r = { .l = l };
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        r.line++;
        if (line[0] == '#') continue;
        CU_ASSERT_EQUAL(csv_parse(&p, line, (size_t)n, pair_cell, pair_row, &r), (size_t)n);
    }
    csv_fini(&p, pair_cell, pair_row, &r);
    csv_free(&p);
    free(line);
    fclose(fp);
    CU_ASSERT(r.rows >= 60); /* the table is read whole */
    if (r.failures) printf("fuzzy pairs: %d of %d rows fail\n", r.failures, r.rows);
    list_free(l);
}

/* Evidence: the similarity, the alias that matched and the entry it stands for. */
static void test_alias_and_score(void)
{
    ref_list *l = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    double sim = 0;
    const char *note = NULL;
    const char *name = "Hoshine Silicon Industry (Shanshan) Co., Ltd.";
    CU_ASSERT_STRING_EQUAL(or_none(list_lookup_scored(l, name, strlen(name), &note, &sim)), "HOSHINE SILICON INDUSTRY");
    CU_ASSERT_STRING_EQUAL(note, "polysilicon");
    /* every word of the entry, one more in the name: 1 * (0.9 + 0.1 * 3/4) */
    CU_ASSERT_DOUBLE_EQUAL(sim, 0.975, 1e-9);
    name = "XPCC";
    CU_ASSERT_STRING_EQUAL(or_none(list_lookup_scored(l, name, strlen(name), &note, &sim)), "XPCC");
    CU_ASSERT_STRING_EQUAL(note, "alias of XINJIANG PRODUCTION AND CONSTRUCTION CORPS");
    CU_ASSERT_DOUBLE_EQUAL(sim, 1.0, 1e-12);
    /* list_find_within searches a fuzzy list's keys as text, like any list's (callers
     * match a fuzzy list with list_lookup): the alias is found */
    CU_ASSERT_STRING_EQUAL(or_none(list_find_within(l, "Bingtuan", 8, NULL)), "BINGTUAN");
    /* an exact list reports similarity 1 */
    vg_error err;
    ref_list *exact = list_load("fixtures/lists/good/transit_hubs.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(exact);
    CU_ASSERT_STRING_EQUAL(or_none(list_lookup_scored(exact, "ist", 3, NULL, &sim)), "IST");
    CU_ASSERT_DOUBLE_EQUAL(sim, 1.0, 1e-12);
    CU_ASSERT_PTR_NULL(list_lookup_scored(exact, "isx", 3, NULL, &sim));
    CU_ASSERT_DOUBLE_EQUAL(sim, 0.0, 1e-12);
    list_free(exact);
    list_free(l);
}

/* Keys that cannot reach the threshold are left before any Jaro-Winkler: what matches,
 * and its similarity, are as scoring every key in full gives them. */
static void test_out_of_reach(void)
{
    ref_list *l = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    const char *key = "HOSHINE SILICON INDUSTRY";
    const char *names[] = { "Hoshine Silikon Industry", "Hoshyne Silicon Industries Co", "Silicon Industry Co Ltd",
                            "Hoshine Trading", "Silikon Industrial" };
    for (double threshold = 0.9; threshold > 0.3; threshold -= 0.2) {
        l->threshold = threshold;
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            double sim = 0, full = list_fuzzy_similarity(l->fuzzy, names[i], key);
            const char *got = list_lookup_scored(l, names[i], strlen(names[i]), NULL, &sim);
            if (got && strcmp(got, key) == 0) CU_ASSERT_EQUAL(sim, full); /* the same double */
            if (full >= threshold) CU_ASSERT_PTR_NOT_NULL(got);
            if (!got) CU_ASSERT(full < threshold);
        }
    }
    l->threshold = 0.9;
    CU_ASSERT_STRING_EQUAL(or_none(list_lookup_scored(l, names[0], strlen(names[0]), NULL, NULL)), key);
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, names[3], strlen(names[3]), NULL, NULL));
    list_free(l);
}

/* The last name a thread looked up is kept: asking again, with the same list and
 * threshold, answers the same; another text, threshold or list is looked up anew. */
static void test_last_name(void)
{
    ref_list *l = load_fixture(), *other = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    const char *name = "Hoshine Silicon Industry (Shanshan) Co., Ltd.";
    double first = 0, again = 0;
    const char *got = list_lookup_scored(l, name, strlen(name), NULL, &first);
    CU_ASSERT_STRING_EQUAL(or_none(got), "HOSHINE SILICON INDUSTRY");
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, name, strlen(name), NULL, &again), got);
    CU_ASSERT_EQUAL(again, first);
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, name, 7, NULL, &again)); /* "Hoshine" alone */
    CU_ASSERT_EQUAL(again, 0);
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, name, 7, NULL, &again));
    l->threshold = 0.99;
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, name, strlen(name), NULL, &again));
    CU_ASSERT_EQUAL(again, 0);
    /* another list of the same keys answers with its own entry */
    const char *theirs = list_lookup_scored(other, name, strlen(name), NULL, &again);
    CU_ASSERT_PTR_NOT_NULL(theirs);
    CU_ASSERT_PTR_NOT_EQUAL(theirs, got);
    CU_ASSERT_EQUAL(again, first);
    list_free(other);
    list_free(l);
}

/* Each thread keeps the answers for many names, per list and threshold: a name asked
 * again is answered from the cache, with the same entry and similarity; another text,
 * threshold or list is never answered from another's slot; a long name is not kept. */
static void test_cache(void)
{
    ref_list *l = load_fixture(), *other = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    const char *name = "Hoshine Silicon Industry (Shanshan) Co., Ltd.", *near = "Hoshine Silicon Industry (Shanshan) Co.,Ltd.";
    double first = 0, sim = 0;
    unsigned long hits = list_fuzzy_cache_hits();
    const char *got = list_lookup_scored(l, name, strlen(name), NULL, &first);
    CU_ASSERT_STRING_EQUAL(or_none(got), "HOSHINE SILICON INDUSTRY");
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits); /* a miss */
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, name, strlen(name), NULL, &sim), got);
    CU_ASSERT_EQUAL(sim, first);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 1); /* a hit */
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, near, strlen(near), NULL, &sim), got);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 1); /* another text */
    l->threshold = 0.99;
    CU_ASSERT_PTR_NULL(list_lookup_scored(l, name, strlen(name), NULL, &sim));
    CU_ASSERT_EQUAL(sim, 0);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 1); /* another threshold */
    l->threshold = 0.90;
    const char *theirs = list_lookup_scored(other, name, strlen(name), NULL, &sim);
    CU_ASSERT_PTR_NOT_NULL(theirs);
    CU_ASSERT_PTR_NOT_EQUAL(theirs, got);
    CU_ASSERT_EQUAL(sim, first);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 1); /* another list, the same keys */
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, name, strlen(name), NULL, &sim), got); /* both kept */
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(other, name, strlen(name), NULL, &sim), theirs);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 3);
    const char *longer = "Hoshine Silicon Industry (Shanshan) Company Limited, Shanshan County Branch";
    CU_ASSERT(strlen(longer) > 63);
    const char *long_got = list_lookup_scored(l, longer, strlen(longer), NULL, &first);
    CU_ASSERT_STRING_EQUAL(or_none(long_got), "HOSHINE SILICON INDUSTRY");
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, longer, strlen(longer), NULL, &sim), long_got);
    CU_ASSERT_EQUAL(sim, first);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + 3); /* not kept */
    list_free(other);
    list_free(l);
}

/* The cache is fixed: of four times as many names as it holds, asked twice, at most as
 * many as it holds are answered from it the second time, each as when first asked; the
 * last asked is kept. */
static void test_cache_eviction(void)
{
    ref_list *l = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    enum { NAMES = 4 * LIST_FUZZY_CACHE };
    const char **answers = calloc(NAMES, sizeof *answers);
    double *sims = calloc(NAMES, sizeof *sims);
    CU_ASSERT_PTR_NOT_NULL_FATAL(answers);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sims);
    char name[64];
    for (int i = 0; i < NAMES; i++) {
        int n = snprintf(name, sizeof name, i % 2 ? "Hoshine Silicon Industry %d" : "Aksu Trading %d", i);
        answers[i] = list_lookup_scored(l, name, (size_t)n, NULL, &sims[i]);
    }
    unsigned long hits = list_fuzzy_cache_hits();
    int wrong = 0;
    for (int i = 0; i < NAMES; i++) {
        int n = snprintf(name, sizeof name, i % 2 ? "Hoshine Silicon Industry %d" : "Aksu Trading %d", i);
        double sim = 0;
        const char *got = list_lookup_scored(l, name, (size_t)n, NULL, &sim);
        wrong += got != answers[i] || sim != sims[i];
    }
    CU_ASSERT_EQUAL(wrong, 0);
    unsigned long again = list_fuzzy_cache_hits() - hits;
    CU_ASSERT(again <= LIST_FUZZY_CACHE);
    CU_ASSERT(answers[NAMES - 1] != NULL); /* "Hoshine Silicon Industry ..." */
    CU_ASSERT_PTR_EQUAL(list_lookup_scored(l, name, strlen(name), NULL, NULL), answers[NAMES - 1]);
    CU_ASSERT_EQUAL(list_fuzzy_cache_hits(), hits + again + 1);
    free(answers);
    free(sims);
    list_free(l);
}

static void expect_error(const char *path, long line, const char *field, const char *message_part)
{
    vg_error err;
    ref_list *l = list_load(path, &err);
    CU_ASSERT_PTR_NULL(l);
    list_free(l);
    CU_ASSERT_STRING_EQUAL(err.file, path);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_STRING_EQUAL(err.field, field);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, message_part));
    if (err.line != line || !strstr(err.message, message_part) || strcmp(err.field, field))
        printf("unexpected error for %s: line %ld field '%s': %s\n", path, err.line, err.field, err.message);
}

static void test_errors(void)
{
    expect_error("fixtures/lists/bad/fuzzy_threshold.yaml", 3, "threshold", "above 0 and at most 1");
    expect_error("fixtures/lists/bad/threshold_on_exact.yaml", 3, "threshold", "match: fuzzy only");
    expect_error("fixtures/lists/bad/fuzzy_no_table.yaml", 3, "variants", "cannot open the variant table");
    expect_error("fixtures/lists/bad/fuzzy_bad_table.yaml", 3, "variants",
                 "bad_kind.csv line 4, field kind: 'abbreviation' is not noise, weak or variant");
}

/* The shipped table loads, and the shipped entity list under it. */
static void test_shipped_table(void)
{
    vg_error err;
    list_names *t = list_names_load("scenarios/lists/sources/entity_names.csv", &err);
    CU_ASSERT_PTR_NOT_NULL(t);
    if (!t) printf("entity_names.csv: line %ld: %s\n", err.line, err.message);
    list_names_free(t);
}

UNIT_MAIN("lists_fuzzy",
          { "Jaro-Winkler on Winkler's examples", test_jaro_winkler },
          { "normalisation: legal forms, punctuation, romanization, scripts", test_normalise },
          { "variant pairs match, near misses do not", test_pairs },
          { "alias, note and similarity of a match", test_alias_and_score },
          { "keys out of reach are skipped, matches scored in full", test_out_of_reach },
          { "the last name looked up is kept, per list and threshold", test_last_name },
          { "the cache: hit, miss, per list and threshold, long names", test_cache },
          { "the cache is fixed: the least recently used give way", test_cache_eviction },
          { "errors name file, line and field", test_errors },
          { "the shipped variant table loads", test_shipped_table })
