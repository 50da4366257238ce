/* render.h - how a hit is written: the NDJSON hit line (docs/hits.md) and the text an officer or analyst reads, in en and fr. */
#ifndef VIGIE_RENDER_H
#define VIGIE_RENDER_H

#include <cjson/cJSON.h>
#include <stdio.h>
#include "explain.h"

/* The one renderer of a hit. Every explanation, hit or not, becomes one JSON object
 * (docs/hits.md) in one way: render_hit, from fragments prepared once per scenario.
 * Everything else reads that object: the review store keeps it as the hit's
 * explanation, `vigie explain --format json` prints it, and the text form
 * (render_text: `vigie explain`, `vigie test`, `vigie review show`) is printed from
 * it, so a stored hit reads exactly as `vigie explain` printed it.
 *
 * Where a new section of the explanation goes (the values a booking's companions
 * gave, say): the explanation carries it (explain.h), json_extra_sections in render.c
 * writes it into the object (after "guidance", beside "error"), and render_text
 * prints it from the object at the place marked "extra sections" there. Nothing else
 * changes: the store, explain --format json and review show follow the object. */

/* Where a hit comes from: the run and the ruleset revision. */
typedef struct hit_origin {
    const char *run_id;
    const char *ruleset_revision;
} hit_origin;

/* What render_prepare adds to every part of the object. */
enum {
    RENDER_WORDING = 1,   /* "when": {"en", "fr"}: the predicate in words (vigie explain) */
};

/* What does not depend on the record (the scenario's object, each part's id, label and
 * weight, field names, justifications, guidance) is printed once per scenario, by
 * cJSON itself; per hit only the record's values, results and evidence are formatted,
 * as cJSON formats them. flags: RENDER_* or 0 (the hit line of a run). */
typedef struct render_scenario render_scenario;
render_scenario *render_prepare(const scenario *sc, unsigned flags);
void render_scenario_free(render_scenario *f);

/* The explanation as one JSON object, unformatted, without a newline; malloc'ed, *len
 * its length (len may be NULL). The scenario of ex must have the shape of the one f
 * was prepared from (the same ruleset compiled again, on another thread). origin NULL,
 * or a NULL member of it: that member is left out. */
char *render_hit(const render_scenario *f, const explanation *ex, const hit_origin *origin, size_t *len);

/* The same object as a cJSON tree, for the few callers that print or extend one
 * explanation (explain --format json, test --format json): prepared, rendered and
 * parsed on the spot. */
cJSON *render_hit_tree(const explanation *ex, const hit_origin *origin, unsigned flags);

/* The schema's identity fields of rec ({"surname": ..., "document_number": ...}):
 * what an officer needs to find the person or shipment; kept with each stored hit. */
char *render_identity(const record *rec, size_t *len);

/* The line of a random control selection: the record, "verdict": "control" and the rate. */
char *render_control(const record *rec, const hit_origin *origin, double random_rate, size_t *len);

/* The text form of a hit object (render_hit's, or as the store kept it). lang: "en"
 * or "fr" (labels, guidance and the frame). */
void render_text(const cJSON *hit, FILE *out, const char *lang);

/* The booking and link section: collected by explain_links.c, written by render_hit
 * as its "booking" and "links" members (json_extra_sections) and printed by
 * render_text from the object with this. */
void explain_links_print(const cJSON *hit, FILE *out, const char *lang);

/* render_text of the explanation's object. */
void render_explanation_text(const explanation *ex, FILE *out, const char *lang);

#endif
