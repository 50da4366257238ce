/* lists.h - named reference lists (YAML files in the ruleset's lists/), held in uthash sets. */
#ifndef VIGIE_LISTS_H
#define VIGIE_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

typedef enum {
    LIST_EXACT,   /* a value is in the list when it equals an entry (ASCII case-insensitive) */
    LIST_PREFIX   /* a value is in the list when an entry is a prefix of it (HS codes) */
} list_match;

typedef struct list_entry list_entry; /* uthash item: value + optional note */
typedef struct list_text_index list_text_index; /* bigram index for list_find_within */

typedef struct ref_list {
    char *name;          /* file name without .yaml, also its `name:` */
    char *title;
    char *source;        /* where the entries come from */
    char *as_of;         /* date of the source */
    char *path;
    list_match match;
    list_entry *entries; /* uthash head */
    int count;
    unsigned prefix_lengths; /* bit k set when an entry of length k exists (k < 32) */
    list_text_index *text;   /* built when the list is complete (list_seal) */
} ref_list;

typedef struct list_set {
    ref_list **items;
    int count;
} list_set;

/* YAML: name, title, source, as_of, match (exact|prefix), entries: a sequence of
 * strings or of {value: ..., note: ...} mappings. Values are compared upper-cased. */
ref_list *list_load(const char *path, vg_error *err);
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

/* Membership by the list's match rule. Returns the matching entry's value (and note
 * through *note when not NULL, "" when it has none), or NULL when not in the list. */
const char *list_lookup(const ref_list *l, const char *s, size_t len, const char **note);

/* The first entry (in list order) that occurs inside s, ASCII case-insensitive (for
 * contains_any(list) on text fields: vague goods descriptions). NULL when none. */
const char *list_find_within(const ref_list *l, const char *s, size_t len, const char **note);

#endif
