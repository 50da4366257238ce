/* scenario.h - scenario tables (metadata, conditions, weighted indicators) compiled into C structs. */
#ifndef VIGIE_SCENARIO_H
#define VIGIE_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>
#include "arena.h"
#include "diag.h"
#include "hash.h"
#include "lists.h"
#include "predicate.h"
#include "sandbox.h"
#include "schema.h"
#include "tri.h"

/* Officer-facing text: English and optionally French. en is never NULL once compiled. */
typedef struct text {
    const char *en;
    const char *fr; /* NULL when only one language was given */
} text;

typedef enum { STATUS_DRAFT, STATUS_ACTIVE, STATUS_RETIRED } scenario_status;

#define SCENARIO_ID_MAX 63 /* characters: ids are named in findings, hits and summaries */
/* Conditions + indicators of one scenario: per-part arrays (outcomes, evidence,
 * function reads) are sized by it, and a scenario over it is refused (too-many-parts). */
#define SCENARIO_MAX_PARTS 64
typedef enum {
    SUBJECT_POSSIBLE_VICTIM, SUBJECT_POSSIBLE_FACILITATOR, SUBJECT_GOODS, SUBJECT_OTHER
} scenario_subject;

typedef struct indicator {
    const char *id;
    text label;
    int weight;          /* 0 for conditions */
    bool is_condition;
    predicate *when;
    int line;
    field_bits fields;   /* fields its declarative predicate reads */
    bool is_function;    /* a Lua function: the fields it reads are learned by running it */
} indicator;

typedef struct justification {
    const char *field;
    const char *text;
} justification;

typedef struct scenario {
    const char *id;
    text title;
    const char *kind;              /* applies_to */
    const schema *schema;
    scenario_status status;
    scenario_subject subject;
    const char *owner;
    text rationale;
    text guidance;
    const char *review_by;         /* ISO date as written */
    int64_t review_by_day;         /* days since 1970-01-01 */
    int threshold;
    const char **tags;
    int tag_count;
    const char **references;
    int reference_count;
    justification *justifications;
    int justification_count;
    indicator *parts;              /* conditions first, then indicators */
    int condition_count, indicator_count;
    int *order;                    /* indicator evaluation order: declarative before Lua */
    int max_score, min_score;      /* sums of the positive / negative weights */
    field_bits reads;              /* fields read by declarative predicates */
    field_bits justified;          /* protected fields with a written justification */
    const char *path;
    int line;
    int account;                   /* its file's memory account in the sandbox */
    char revision[HASH_HEX_SIZE];
    arena strings;                 /* owns every string above and the constants */
} scenario;

const char *scenario_status_name(scenario_status s);
const char *scenario_subject_name(scenario_subject s);
const indicator *scenario_indicator(const scenario *sc, int i);

/* Compile the scenario table at stack index idx (declared in file `path`). Adds every
 * finding to diags; returns NULL when it has an error. Runs in protected mode. budget:
 * what the predicates of the file have copied so far (zeroed per file). */
scenario *scenario_compile(sandbox *sb, int idx, const schema_set *schemas, const list_set *lists,
                           const char *path, diag_list *diags, predicate_budget *budget);
void scenario_free(scenario *sc, lua_State *L);

/* Two compilations of one scenario agree on id, revision, threshold and every part's
 * id and weight (workers compile their own copies and must run what was checked). */
bool scenario_same_shape(const scenario *a, const scenario *b);

/* Lists the scenario's declarative predicates name. */
void scenario_lists(const scenario *sc, const ref_list **out, int *count, int max);
/* Text in the given language ("en" or "fr"), falling back to English. */
const char *text_get(const text *t, const char *lang);

#endif
