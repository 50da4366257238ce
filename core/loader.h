/* loader.h - what every command does first: load a ruleset, compile its scenarios, apply governance. */
#ifndef VIGIE_LOADER_H
#define VIGIE_LOADER_H

#include "diag.h"
#include "ruleset.h"

typedef struct loaded_ruleset {
    ruleset rs;
    scenario_set set;
    diag_list diags;   /* every finding: load, compile, governance */
    int64_t today;
} loaded_ruleset;

/* VG_ERR when the ruleset cannot be read at all (err says why); otherwise VG_OK
 * with the findings in lr->diags (errors included). */
int loader_open(loaded_ruleset *lr, const char *dir, const sandbox_limits *limits, vg_error *err);
void loader_close(loaded_ruleset *lr);

/* Errors that stop a run (fail closed): every error, except review-overdue (such a
 * scenario is only left out) and the governance findings of scenarios that will not
 * run (drafts unless include_drafts, retired ones). A file that does not compile
 * always blocks. Prints them to out and returns their count. */
int loader_blocking_errors(const loaded_ruleset *lr, bool include_drafts, FILE *out);

#endif
