/* lists_report.h - what analysts read about lists: the inventory (source, edition, review date) and the diff of two editions. */
#ifndef VIGIE_LISTS_REPORT_H
#define VIGIE_LISTS_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "lists.h"

/* One line per list: name, match, entries (aliases), edition, as_of, review_by (and
 * OVERDUE when past today, days since 1970-01-01), source. */
void lists_show(const list_set *set, int64_t today, FILE *out);
/* The same as a JSON array (name, title, match, entries, aliases, source, edition,
 * as_of, review_by, overdue, file). */
void lists_show_json(const list_set *set, int64_t today, FILE *out);

typedef struct list_diff_counts {
    int added, removed, changed, unchanged;
} list_diff_counts;

/* Entries added (+), removed (-) and changed (~, with each field that changed), by
 * folded value, in the order of NEW then OLD; the list's own fields first. */
void lists_diff(const ref_list *old_list, const ref_list *new_list, FILE *out, list_diff_counts *counts);

/* Scenario files under ruleset_dir that name the list (declarative `list "NAME"` or a
 * function's in_list("NAME", ...)): one line each. Returns how many. */
int lists_readers(const char *ruleset_dir, const char *name, FILE *out);

/* What replacing a list changes in hits: the ruleset with old_path as lists/NAME.yaml
 * (the baseline) against the same ruleset with new_path (the candidate), through
 * `vigie backtest` over the manifests, without the review store. The two rulesets are
 * temporary directories of symbolic links, removed before returning. */
int lists_backtest(const char *ruleset_dir, const char *name, const char *old_path, const char *new_path,
                   char **manifests, int manifest_count, FILE *out, vg_error *err);

#endif
