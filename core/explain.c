/* explain.c - evaluation with explanation: every part of a (record, scenario) verdict, its evidence and the protected fields read (render.c writes it). */
#include "explain.h"

verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex)
{
    ex->rec = rec;
    ex->sc = sc;
    verdict v = eval_scenario(sb, sc, rec, &ex->result, ex->ev);
    /* Protected fields read: the scenario's declarative reads plus what its
     * functions read on this record, by the governance module's one rule. */
    function_reads fr = { .known = true };
    for (int p = 0; p < sc->condition_count + sc->indicator_count && p < SCENARIO_MAX_PARTS; p++) fr.by_part[p] = ex->ev[p].reads;
    governance_protected_reads(sc, &fr, &ex->protected_reads);
    return v;
}
