/* fixture.h - scenario fixtures (NAME.test.yaml): records with the verdict, score and indicators they must give. */
#ifndef VIGIE_FIXTURE_H
#define VIGIE_FIXTURE_H

#include <stdbool.h>
#include "diag.h"
#include "explain.h"
#include "record.h"
#include "ruleset.h"

/* A record of the case's run other than the case's own (`booking:` or `others:`). */
typedef struct fixture_other {
    record rec;
    bool booking;           /* of the case record's booking (after it in input order); else before it */
} fixture_other;

/* One case: a record and what the scenario must make of it. */
typedef struct fixture_case {
    char *name;
    long line;              /* 1-based line of the case in its file */
    verdict expect;         /* VERDICT_HIT or VERDICT_NO_HIT */
    bool has_score;
    int score;
    bool has_fired;         /* when true, fired is the exact set of true indicators */
    char **fired;           /* indicator ids of the scenario (never conditions) */
    int fired_count;
    record rec;             /* rec.source is the fixture file, rec.line the case's line */
    fixture_other *others;  /* the rest of its run, for booking and link values (may be none) */
    int other_count;
    struct links_index *links; /* the index of that run (NULL when there are no others) */
} fixture_case;

/* The cases of one scenario: one YAML document of a fixture file. */
typedef struct fixture_suite {
    const scenario *sc;     /* NULL when the scenario did not compile: nothing can run */
    char *scenario_id;
    char *path;             /* the fixture file */
    long line;              /* line of its `scenario:` key */
    fixture_case *cases;    /* the valid cases; broken ones are findings, not cases */
    int case_count;
    int not_run;            /* cases of a scenario that did not compile (sc == NULL) */
} fixture_suite;

typedef struct fixture_set {
    fixture_suite *suites;  /* in ruleset file order */
    int count;
} fixture_set;

/* The fixture file of a scenario file: DIR/x.lua -> DIR/x.test.yaml (caller frees). */
char *fixture_path_for(const char *scenario_path);

/* Load the fixtures of every scenario file of rs against the compiled set. Every
 * problem is a `bad-fixture` error in diags with file:line (YAML syntax, unknown
 * keys and fields, values that do not convert, a scenario that is not declared in
 * the .lua next to the file, indicator ids that do not exist, fixture files with no
 * scenario file). Active scenarios without any case get a `no-fixtures` warning.
 * Call it after scenario_set_compile and before governance: a scenario file that
 * has errors in diags at that point did not compile, and its fixtures are kept as
 * suites with sc == NULL and not_run cases instead of being reported again. */
void fixture_set_load(fixture_set *fs, const ruleset *rs, const scenario_set *set, diag_list *diags);
void fixture_set_free(fixture_set *fs);

/* The suite of a scenario, NULL when it has none. */
const fixture_suite *fixture_set_find(const fixture_set *fs, const scenario *sc);

#endif
