/* diff.h - two ruleset directories compared scenario by scenario, in words an analyst reads. */
#ifndef VIGIE_DIFF_H
#define VIGIE_DIFF_H

#include <stdio.h>
#include "error.h"

/* Write what changed from old_dir to new_dir: per scenario its metadata, conditions,
 * indicators and weights, threshold, the entries added to or removed from each list
 * it uses, and its schema; then files added or removed. *changes counts scenarios
 * added, removed or changed. VG_ERR when a directory cannot be read as a ruleset. */
int diff_rulesets(const char *old_dir, const char *new_dir, FILE *out, int *changes, vg_error *err);

#endif
