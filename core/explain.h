/* explain.h - explanations of a (record, scenario) verdict: parts, evidence, score; JSON and text. */
#ifndef VIGIE_EXPLAIN_H
#define VIGIE_EXPLAIN_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include "eval.h"
#include "governance.h"
#include "links.h"

#define EXPLAIN_MAX_LINKS 8       /* link sections of one explanation */

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

/* Where a hit comes from: the run and the ruleset revision. */
typedef struct hit_origin {
    const char *run_id;
    const char *ruleset_revision;
} hit_origin;

/* Evaluate in explain mode: every part, with evidence. */
verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex);

/* The hit as one JSON object (the NDJSON hit line; see docs/hits.md). */
cJSON *explain_to_json(const explanation *ex, const hit_origin *origin);

/* The hit line rendered without building a cJSON tree: what does not depend on the
 * record (the scenario's object, each part's id, label and weight, field names,
 * justifications, guidance) is printed once per scenario at load, by cJSON itself;
 * per hit only the record's values, results and evidence are formatted, as cJSON
 * would format them. The bytes are explain_to_json's, printed unformatted (tested
 * over the shipped ruleset on generated data, tests/unit_render.c). */
typedef struct explain_fragments explain_fragments;
explain_fragments *explain_prepare(const scenario *sc);
void explain_fragments_free(explain_fragments *f);
/* The hit line (no newline), malloc'ed; *len its length. sc of ex must have the shape
 * of the scenario f was prepared from (the same ruleset compiled again). */
char *explain_render(const explain_fragments *f, const explanation *ex, const hit_origin *origin, size_t *len);

/* The schema's identity fields of rec ({"surname": ..., "document_number": ...}):
 * what an officer needs to find the person or shipment; kept with each stored hit. */
cJSON *explain_identity_json(const record *rec);

/* The explanation as an officer or an analyst reads it. lang: "en" or "fr". One
 * renderer over the JSON, so a stored hit (vigie review show) reads exactly as
 * `vigie explain` printed it. */
void explain_print(const explanation *ex, FILE *out, const char *lang);
void explain_print_json(const cJSON *hit, FILE *out, const char *lang);

/* The booking and link section (explain_links.c): filled by explain_record from the
 * record's index; added to the hit as "booking" and "links" members; printed after
 * the indicators. */
void explain_links_collect(explanation *ex);
void explain_links_json(const explanation *ex, cJSON *hit);
char *explain_links_render(const explanation *ex); /* ",\"booking\":...": the members, or NULL */
void explain_links_print(const cJSON *hit, FILE *out, const char *lang);

#endif
