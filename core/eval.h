/* eval.h - score one record against one scenario: conditions first, short-circuit, threshold reachability. */
#ifndef VIGIE_EVAL_H
#define VIGIE_EVAL_H

#include "predicate.h"
#include "record.h"
#include "sandbox.h"
#include "scenario.h"
#include "tri.h"

#define EVAL_MAX_PARTS SCENARIO_MAX_PARTS /* per-part arrays of one evaluation */

typedef enum { VERDICT_NO_HIT, VERDICT_HIT, VERDICT_ERROR } verdict;

typedef struct scenario_result {
    verdict verdict;
    int score;                     /* sum of the weights of the true indicators evaluated */
    tri outcome[EVAL_MAX_PARTS];   /* per part (conditions then indicators) */
    int error_part;                /* part that failed, -1 when none */
    char error[384];               /* the Lua message of a VERDICT_ERROR */
} scenario_result;

/* Fast path (ev == NULL): stops as soon as the verdict is known, so outcomes may be
 * TRI_SKIPPED and the score partial; a hit must be re-run in explain mode for its
 * explanation. Explain mode (ev = array of EVAL_MAX_PARTS evidence): every part runs
 * and collects evidence; the score is complete. The verdict is the same in both. */
verdict eval_scenario(sandbox *sb, const scenario *sc, const record *rec, scenario_result *res,
                      evidence *ev);

const char *verdict_name(verdict v);

#endif
