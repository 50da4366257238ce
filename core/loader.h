/* loader.h - what every command does first: load a ruleset, compile its scenarios, load their fixtures, apply governance. */
#ifndef VIGIE_LOADER_H
#define VIGIE_LOADER_H

#include "diag.h"
#include "fixture.h"
#include "governance.h"
#include "ruleset.h"

typedef struct loaded_ruleset {
    ruleset rs;
    scenario_set set;
    fixture_set fixtures;   /* each scenario's fixture cases, parsed once */
    function_reads *reads;  /* per scenario (index of set.items): fields its Lua functions read on its fixtures */
    diag_list diags;        /* every finding: load, compile, fixtures, governance */
    int compile_errors;     /* diags.items[0..compile_errors) are the load and compile errors */
    int64_t today;
} loaded_ruleset;

/* VG_ERR when the ruleset cannot be read at all (err says why); otherwise VG_OK
 * with the findings in lr->diags (errors included). Fixture cases are evaluated
 * once here, in explain mode, to learn which fields each Lua function indicator
 * reads, so that governance covers function indicators too. */
int loader_open(loaded_ruleset *lr, const char *dir, const sandbox_limits *limits, vg_error *err);
void loader_close(loaded_ruleset *lr);

/* What the functions of sc were seen reading (NULL when sc is not of lr). */
const function_reads *loader_function_reads(const loaded_ruleset *lr, const scenario *sc);

/* Errors that stop a run (fail closed): every error, except review-overdue (such a
 * scenario is only left out), bad-fixture (fixtures are for tests, not for runs) and
 * the governance findings of scenarios that will not run (drafts unless
 * include_drafts, retired ones). A file that does not compile always blocks. Prints
 * them to out and returns their count. */
int loader_blocking_errors(const loaded_ruleset *lr, bool include_drafts, FILE *out);

#endif
