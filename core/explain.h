/* explain.h - evaluation with explanation: every part of a (record, scenario) verdict, its evidence and the protected fields read (render.h writes it). */
#ifndef VIGIE_EXPLAIN_H
#define VIGIE_EXPLAIN_H

#include <stdbool.h>
#include "eval.h"
#include "governance.h"

/* What fired on which values: each part's outcome and evidence, the score, and the
 * protected fields read. How it is written (NDJSON, text) is render.h's job. */
typedef struct explanation {
    const record *rec;
    const scenario *sc;
    scenario_result result;
    evidence ev[EVAL_MAX_PARTS];
    field_bits protected_reads;   /* protected fields the scenario read on this record */
} explanation;

/* Evaluate in explain mode: every part, with evidence. */
verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex);

#endif
