/* unit_lists.c - reference lists: exact and prefix match, notes, case, duplicates, missing files. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
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

/* What list_find_words answers, the slow way it was first written: every run of whole
 * words looked up on its own. */
static bool word_char(char c) { return isalnum((unsigned char)c) || (unsigned char)c >= 0x80; }

static int find_words_slowly(const ref_list *l, const char *s, const char **found, int max)
{
    size_t len = strlen(s);
    int count = 0;
    for (size_t start = 0; start < len && count < max; start++) {
        if (!word_char(s[start]) || (start > 0 && word_char(s[start - 1]))) continue;
        for (size_t end = start + 1; end <= len && end - start <= LIST_WORDS_MAX && count < max; end++) {
            if (end < len && word_char(s[end])) continue;
            if (!word_char(s[end - 1])) continue;
            const char *key = list_lookup(l, s + start, end - start, NULL);
            if (key) found[count++] = key;
        }
    }
    return count;
}

/* list_find_words(l, text) gives the keys expected, in order, and as the slow way does. */
static void expect_words(const ref_list *l, const char *text, int max, const char *const *expected, int count)
{
    const list_entry *found[8];
    const char *slow[8];
    int n = list_find_words(l, text, strlen(text), found, max);
    CU_ASSERT_EQUAL(n, count);
    CU_ASSERT_EQUAL(find_words_slowly(l, text, slow, max), count);
    for (int i = 0; i < n && i < count; i++) {
        CU_ASSERT_STRING_EQUAL(found[i]->value, expected[i]);
        CU_ASSERT_STRING_EQUAL(slow[i], expected[i]);
    }
    if (n != count) fprintf(stderr, "list_find_words(\"%s\"): %d keys, not %d\n", text, n, count);
}

#define EXPECT_WORDS(l, text, max, ...) \
    do { \
        const char *const exp_[] = { __VA_ARGS__ }; \
        expect_words(l, text, max, exp_ + 1, (int)(sizeof exp_ / sizeof *exp_) - 1); \
    } while (0)

static void test_find_words(void)
{
    char long_entry[LIST_WORDS_MAX + 2], too_long[LIST_WORDS_MAX + 2];
    /* 128 and 129 bytes of "WORD WORD ... W": whole words, at the run limit and past it */
    for (int i = 0; i < LIST_WORDS_MAX + 1; i++) long_entry[i] = too_long[i] = i % 5 == 4 ? ' ' : "WORD"[i % 5];
    long_entry[LIST_WORDS_MAX] = '\0';
    too_long[LIST_WORDS_MAX + 1] = '\0';
    CU_ASSERT_NOT_EQUAL_FATAL(long_entry[LIST_WORDS_MAX - 1], ' ');
    CU_ASSERT_NOT_EQUAL_FATAL(too_long[LIST_WORDS_MAX], ' ');
    const char *values[] = { "Kashgar", "Xinjiang Cotton", "cotton", "Ürümqi", "Straße", "CAFE",
                             "Xinjiang Production and Construction Corps", long_entry, too_long };
    vg_error err;
    ref_list *l = list_from_values("words", values, 9, LIST_EXACT, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    EXPECT_WORDS(l, "Kashgar Textile Co", 8, "", "KASHGAR");
    EXPECT_WORDS(l, "KASHGARIA TEXTILE", 8, "");  /* whole words only */
    EXPECT_WORDS(l, "", 8, "");
    /* overlapping runs: by start, then by end; a key found twice is given twice */
    EXPECT_WORDS(l, "xinjiang cotton, cotton yarn", 8, "", "XINJIANG COTTON", "COTTON", "COTTON");
    EXPECT_WORDS(l, "xinjiang cotton, cotton yarn", 1, "", "XINJIANG COTTON");
    EXPECT_WORDS(l, "xinjiang cotton, cotton yarn", 2, "", "XINJIANG COTTON", "COTTON");
    /* longer than the 31 characters of the length mask */
    EXPECT_WORDS(l, "by the Xinjiang production and construction CORPS (XPCC)", 8, "",
                 "XINJIANG PRODUCTION AND CONSTRUCTION CORPS");
    EXPECT_WORDS(l, "Xinjiang production and construction corpsX", 8, "");
    /* non-ASCII text is folded run by run: accents go, "ß" becomes "SS", a combining
     * accent after an ASCII letter is dropped, and text of other scripts is no word match */
    EXPECT_WORDS(l, "yarn from Ürümqi, Xinjiang", 8, "", "URUMQI");
    EXPECT_WORDS(l, "urumqi cotton", 8, "", "URUMQI", "COTTON");
    EXPECT_WORDS(l, "Hauptstraße 5, Cafe\xcc\x81 Kashgar", 8, "", "CAFE", "KASHGAR");
    EXPECT_WORDS(l, "Straße", 8, "", "STRASSE");
    EXPECT_WORDS(l, "KÀSHGAR Ürümqi", 8, "", "KASHGAR", "URUMQI");
    EXPECT_WORDS(l, "\xff\xfe cotton", 8, "", "COTTON"); /* invalid UTF-8 folds byte by byte */
    /* the run limit: a key of 128 bytes is found, one of 129 never */
    EXPECT_WORDS(l, long_entry, 8, "", long_entry);
    char text[2 * LIST_WORDS_MAX + 8];
    snprintf(text, sizeof text, "cotton %s", too_long);
    EXPECT_WORDS(l, text, 8, "", "COTTON"); /* long_entry's last word goes on in it */
    snprintf(text, sizeof text, "%s\xc3\xa9", long_entry); /* a non-ASCII byte ends past the limit */
    EXPECT_WORDS(l, text, 8, "");
    /* more words than list_find_words bounds on its stack (64): the same keys */
    char many[1024] = "";
    for (int i = 0; i < 150; i++) strcat(many, "x ");
    strcat(many, "Kashgar cotton");
    EXPECT_WORDS(l, many, 8, "", "KASHGAR", "COTTON");
    many[0] = '\0';
    for (int i = 0; i < 150; i++) strcat(many, "\xc3\xa9 ");
    strcat(many, "cotton, \xc3\x9cr\xc3\xbcmqi");
    EXPECT_WORDS(l, many, 8, "", "COTTON", "URUMQI");
    memset(many, 0, sizeof many); /* one-letter words to the end: the most words a text holds */
    for (int i = 0; i < 299; i++) many[i] = i % 2 ? ' ' : 'x';
    EXPECT_WORDS(l, many, 8, "");
    list_free(l);

    /* a prefix list: a run matches when a key starts it, the longest key winning, so
     * every run from a word that a key starts matches */
    const char *codes[] = { "52", "CN:5201" };
    l = list_from_values("codes", codes, 2, LIST_PREFIX, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    EXPECT_WORDS(l, "cn:520100, 5208", 8, "", "CN:5201", "CN:5201", "52", "52", "52");
    list_free(l);

    CU_ASSERT_EQUAL(list_find_words(NULL, "cotton", 6, NULL, 1), 0); /* no list */
}

static void test_lookup_skips(void)
{
    /* lookups skip texts no key can match (length, first two characters, ASCII known
     * before folding); what matches still does */
    const char *values[] = { "AB", "Xinjiang Production and Construction Corps", "Ürümqi" };
    vg_error err;
    ref_list *l = list_from_values("skips", values, 3, LIST_EXACT, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(l->max_length, 42);
    CU_ASSERT_STRING_EQUAL(lookup(l, "ab", NULL), "AB");
    CU_ASSERT_PTR_NULL(lookup(l, "AC", NULL));
    CU_ASSERT_PTR_NULL(lookup(l, "ABC", NULL));
    CU_ASSERT_STRING_EQUAL(lookup(l, "xinjiang production and construction corps", NULL),
                           "XINJIANG PRODUCTION AND CONSTRUCTION CORPS");
    CU_ASSERT_PTR_NULL(lookup(l, "xinjiang production and construction corps.", NULL));
    CU_ASSERT_STRING_EQUAL(lookup(l, "Ürümqi", NULL), "URUMQI");
    CU_ASSERT_STRING_EQUAL(lookup(l, "U\xcc\x88ru\xcc\x88mqi", NULL), "URUMQI"); /* 10 bytes, 6 once folded */
    list_free(l);
    /* a prefix list with a key of one character: any text starting with it matches */
    const char *codes[] = { "5", "CN:52" };
    l = list_from_values("codes", codes, 2, LIST_PREFIX, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_STRING_EQUAL(lookup(l, "57", NULL), "5");
    CU_ASSERT_STRING_EQUAL(lookup(l, "cn:5201", NULL), "CN:52");
    CU_ASSERT_PTR_NULL(lookup(l, "CN:61", NULL));
    char long_code[300];
    memset(long_code, '5', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    CU_ASSERT_STRING_EQUAL(lookup(l, long_code, NULL), "5");
    list_free(l);
    /* many keys (the hash filter sized for them): every key found, its neighbours not */
    enum { MANY = 600 };
    static char many[MANY][12];
    const char *many_values[MANY];
    for (int i = 0; i < MANY; i++) {
        snprintf(many[i], sizeof many[i], "K%d", i * 7);
        many_values[i] = many[i];
    }
    l = list_from_values("many", many_values, MANY, LIST_EXACT, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    int found = 0, wrong = 0;
    for (int i = 0; i < MANY * 7; i++) {
        char probe[12];
        snprintf(probe, sizeof probe, "k%d", i);
        const char *key = lookup(l, probe, NULL);
        if (i % 7 == 0) found += key && strcasecmp(key, probe) == 0;
        else wrong += key != NULL;
    }
    CU_ASSERT_EQUAL(found, MANY);
    CU_ASSERT_EQUAL(wrong, 0);
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
          { "entries as whole words of a text, in text order", test_find_words },
          { "lookups skip what cannot match, and only that", test_lookup_skips },
          { "duplicate entry, bad match, wrong name, syntax, missing file", test_errors },
          { "directories: sorted, missing dir is empty, errors stop", test_directory })
