/* trial.h - running fixture cases above evaluation: what `test`, `check` (through the loader) and `explain --case` call. */
#ifndef VIGIE_TRIAL_H
#define VIGIE_TRIAL_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "explain.h"
#include "fixture.h"
#include "governance.h"

/* What one scenario's fixtures may take, both passes together (VIGIE_FIXTURE_SECONDS
 * changes it, for tests). */
#define TRIAL_SCENARIO_SECONDS 10.0

/* Evaluate one case in explain mode (ex gets every part's outcome and evidence) and
 * compare with what it expects. Returns true when verdict, score and fired set all
 * match; otherwise why says what differs ("verdict: expected hit, got no-hit; ..."). */
bool trial_case_run(sandbox *sb, const scenario *sc, const fixture_case *c, explanation *ex,
                    char *why, size_t why_size);

/* The ids of the true indicators of ex, as "[a, b]"; and those a case expects. */
void trial_actual_fired(const explanation *ex, char *buf, size_t size);
void trial_expected_fired(const fixture_case *c, char *buf, size_t size);

/* Run every case of suite in order, then in reverse: learn the fields each function
 * part reads (fr), and report in diags a function that fails on its own fixtures
 * (function-error), answers differently the second time (impure-function), or
 * cases that take too long (fixtures-too-slow). */
void trial_learn_reads(sandbox *sb, const scenario *sc, const fixture_suite *suite, explanation *ex,
                       function_reads *fr, diag_list *diags);

#endif
