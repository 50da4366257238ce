/* lists_fuzzy.h - fuzzy matching of entity names against a list (match: fuzzy): normalisation, Jaro-Winkler, soft token sets. */
#ifndef VIGIE_LISTS_FUZZY_H
#define VIGIE_LISTS_FUZZY_H

#include <stddef.h>
#include "error.h"

struct ref_list;
struct list_entry;

/* The normalisation table of a fuzzy list (its `variants:` CSV: variant, canonical,
 * kind noise|weak|variant, source). */
typedef struct list_names list_names;
list_names *list_names_load(const char *path, vg_error *err);
void list_names_free(list_names *t);

/* The index of a fuzzy list, built once every entry is in: each key (entry or alias)
 * normalised into weighted tokens, and the keys by the first three letters of each
 * token. Takes t (may be NULL: no table). */
typedef struct list_fuzzy list_fuzzy;
list_fuzzy *list_fuzzy_build(const struct ref_list *l, list_names *t);
void list_fuzzy_free(list_fuzzy *f);

/* The key most similar to s[0..len) with similarity >= threshold (the first in list
 * order on a tie), or NULL; *similarity gets its similarity (0 when none). Each thread
 * keeps the answers for up to LIST_FUZZY_CACHE names (of at most 63 bytes), of any
 * index and threshold (a fixed table of about 800 KB a thread). */
#define LIST_FUZZY_CACHE 8192
const struct list_entry *list_fuzzy_find(const list_fuzzy *f, const char *s, size_t len, double threshold,
                                         double *similarity);

/* How many of this thread's list_fuzzy_find calls were answered from its cache. */
unsigned long list_fuzzy_cache_hits(void);

/* The similarity of a name to one key text, normalised with f's table and weighted
 * with f's token weights (a key text not in the list: its tokens weigh the most). */
double list_fuzzy_similarity(const list_fuzzy *f, const char *name, const char *key);

/* The normalised form of s, tokens joined by one space (xmalloc'd): what is compared. */
char *list_fuzzy_normalise(const list_fuzzy *f, const char *s, size_t len);

/* Jaro-Winkler similarity of two byte strings, in [0, 1] (Winkler 1990; prefix scale
 * 0.1, prefix at most 4, applied whatever the Jaro score). */
double list_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);

#endif
