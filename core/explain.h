/* explain.h - evaluation with explanation: every part of a (record, scenario) verdict, its evidence and the protected fields read (render.h writes it). */
#ifndef VIGIE_EXPLAIN_H
#define VIGIE_EXPLAIN_H

#include <stdbool.h>
#include "eval.h"
#include "governance.h"
#include "links.h"

#define EXPLAIN_MAX_LINKS 8       /* link sections of one explanation */

/* What fired on which values: each part's outcome and evidence, the score, and the
 * protected fields read. How it is written (NDJSON, text) is render.h's job. */
typedef struct explanation {
    const record *rec;
    const scenario *sc;
    scenario_result result;
    evidence ev[EVAL_MAX_PARTS];
    field_bits protected_reads;   /* protected fields the scenario read on this record */
    /* booking and link values read (explain_links.c): the booking's records, the
     * records sharing each link key read */
    bool has_booking;
    links_booking_view booking;
    links_link_view links[EXPLAIN_MAX_LINKS];
    int link_count;
} explanation;

/* Evaluate in explain mode: every part, with evidence. */
verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex);

/* The booking and link section's data (explain_links.c), from the record's index:
 * filled by explain_record when a part read a booking or link value. */
void explain_links_collect(explanation *ex);

#endif
