/* lint.h - source checks of scenario files (what running the file cannot show). */
#ifndef VIGIE_LINT_H
#define VIGIE_LINT_H

#include <stddef.h>
#include "diag.h"

/* Report Lua's and/or/not applied to predicates in a scenario file's source (errors
 * with code logic-on-predicates). Returns how many were reported. */
int lint_scenario_source(const char *path, const char *src, size_t len, diag_list *diags);

#endif
