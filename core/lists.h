/* lists.h - named reference lists (YAML files in the ruleset's lists/), held in uthash sets. */
#ifndef VIGIE_LISTS_H
#define VIGIE_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

typedef enum {
    LIST_EXACT,   /* a value is in the list when it equals an entry (ASCII case-insensitive) */
    LIST_PREFIX,  /* a value is in the list when an entry is a prefix of it (HS codes) */
    LIST_FUZZY    /* a name is in the list when similar enough to an entry (lists_fuzzy.h) */
} list_match;

const char *list_match_name(list_match m); /* "exact", "prefix", "fuzzy" */
#define LIST_FUZZY_THRESHOLD 0.90 /* a fuzzy list's threshold when its file gives none */

#include <stdint.h>
#include <uthash.h>

typedef struct list_text_index list_text_index; /* bigram index for list_find_within */
struct list_fuzzy;

/* One key of a list's hash: an entry, or one of its aliases (canonical set). Every
 * field but the hash handle is a string, "" when the file gives none. */
typedef struct list_entry {
    char *value;        /* folded (upper case, no accents): the hash key */
    char *note;
    char *source;       /* where this entry comes from (overrides the list's source) */
    char *edition;      /* edition or date of that source */
    char *source_name;  /* the source's own name for the entry (ILAB's "Cotton") */
    char *flags;        /* the source's flags, ", "-joined (child_labour, forced_labour, downstream) */
    char **aliases;     /* as written in the file */
    int alias_count;
    const struct list_entry *canonical; /* NULL for an entry, the entry for an alias */
    UT_hash_handle hh;
} list_entry;

typedef struct ref_list {
    char *name;          /* file name without .yaml, also its `name:` */
    char *title;
    char *source;        /* where the entries come from */
    char *as_of;         /* date of the source */
    char *edition;       /* the source's edition ("" when none) */
    char *review_by;     /* when to check the source for a newer edition ("" when none) */
    int64_t review_by_day; /* days since 1970-01-01, -1 when no review_by */
    long review_by_line;   /* where the file says it (findings) */
    char *path;
    list_match match;
    list_entry *entries; /* uthash head */
    int count;           /* hash keys: entries and aliases */
    int entry_count;     /* entries, aliases not counted */
    unsigned prefix_lengths; /* bit k set when an entry of length k exists (k < 32) */
    size_t max_length;       /* the longest key's length: longer texts cannot equal one */
    list_text_index *text;   /* built when the list is complete (list_seal) */
    double threshold;        /* fuzzy: the least similarity that matches */
    char *variants;          /* fuzzy: the variant table's path as the file gives it ("" when none) */
    char *variants_path;     /* fuzzy: the file the table was read from ("" when none): a ruleset file */
    struct list_fuzzy *fuzzy; /* fuzzy: the index, built by list_seal */
} ref_list;

typedef struct list_set {
    ref_list **items;
    int count;
} list_set;

/* YAML: name, title, source, edition, as_of, review_by, match (exact|prefix|fuzzy),
 * threshold and variants (fuzzy only: the least similarity, default 0.90; the variant
 * table, a CSV path relative to the list file), entries:
 * a sequence of strings or of {value, note, source, edition, source_name, flags,
 * aliases} mappings (flags and aliases are sequences). Values and aliases are
 * compared folded: case and accents (lists_fold.h). An alias matches like an entry. */
ref_list *list_load(const char *path, vg_error *err);
/* The same, for a list file whose name need not match its file name (lists diff of
 * two editions kept under other names). */
ref_list *list_load_any_name(const char *path, vg_error *err);
void list_free(ref_list *l);
/* A list from literal values (a scenario's { "A", "B" } set), named for evidence.
 * Returns NULL with err set on a duplicate or an empty value. */
ref_list *list_from_values(const char *name, const char *const *values, int count, list_match match,
                           vg_error *err);
int list_set_load_dir(list_set *set, const char *dir, vg_error *err); /* missing dir = empty set */
const ref_list *list_set_find(const list_set *set, const char *name);
void list_set_free(list_set *set);
/* Call fn for every entry (value as stored: upper-cased; note "" when none), in no set order. */
void list_each(const ref_list *l, void (*fn)(const char *value, const char *note, void *ctx), void *ctx);

/* Entries in file order (aliases skipped): for (e = list_first(l); e; e = list_next(e)). */
const list_entry *list_first(const ref_list *l);
const list_entry *list_next(const list_entry *e);
const list_entry *list_get(const ref_list *l, const char *value); /* by folded value or alias */

/* Membership by the list's match rule, on the folded value. Returns the matching key
 * (an entry's value, or the alias that matched) and its note through *note when not
 * NULL ("" when none; an alias's note names its entry), or NULL when not in the list. */
const char *list_lookup(const ref_list *l, const char *s, size_t len, const char **note);
/* The same, with the similarity of the match through *similarity: 1 for an exact or
 * prefix list, the score for a fuzzy one (lists_fuzzy.h), 0 when none. */
const char *list_lookup_scored(const ref_list *l, const char *s, size_t len, const char **note,
                               double *similarity);

/* The first key (in list order) that occurs inside s, folded (for
 * contains_any(list) on text fields: vague goods descriptions). NULL when none. For
 * exact and prefix lists: a fuzzy list scores the whole text with list_lookup
 * (predicate.c), since similarity already tolerates extra words. */
const char *list_find_within(const ref_list *l, const char *s, size_t len, const char **note);

/* Keys of an exact or prefix list found in a text as whole words (contains_any(list)
 * on text fields): a key matches a run of the text's words, from a word's start to a
 * word's end (words are runs of letters, digits and non-ASCII bytes; runs longer than
 * LIST_WORDS_MAX bytes are not tried), by the list's match rule as list_lookup. Fills
 * found with at most max matching keys, in text order (by the run's start, then its
 * end; a key found twice is given twice), and returns how many. A fuzzy list finds
 * nothing here: it scores the whole text (list_lookup). */
#define LIST_WORDS_MAX 128
int list_find_words(const ref_list *l, const char *s, size_t len, const list_entry **found, int max);

#endif
