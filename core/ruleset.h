/* ruleset.h - a ruleset directory: schemas, lists, scenario files, revisions; compiled scenario sets. */
#ifndef VIGIE_RULESET_H
#define VIGIE_RULESET_H

#include "diag.h"
#include "error.h"
#include "hash.h"
#include "lists.h"
#include "sandbox.h"
#include "scenario.h"
#include "schema.h"

typedef struct ruleset_file {
    char *path;                 /* as opened: DIR/traveller/x.lua */
    char *source;               /* whole content (scenario files only) */
    size_t size;
    char hash[HASH_HEX_SIZE];   /* SHA-256 of the content */
} ruleset_file;

typedef struct ruleset {
    char *dir;
    schema_set schemas;
    list_set lists;
    ruleset_file *files;        /* schemas, lists, variant tables, scenarios: every file that can change a result */
    int file_count;
    int first_table;            /* files[first_table..first_library) are the fuzzy lists' variant tables */
    int first_library;          /* files[first_library..first_scenario) are lib/ files (shared indicators) */
    int first_scenario;         /* files[first_scenario..] are scenario files */
    char revision[HASH_HEX_SIZE];
} ruleset;

/* Load schemas and lists and read the scenario files (not compiled yet). A broken
 * schema or list is fatal: err names the file and line. */
int ruleset_load(ruleset *rs, const char *dir, vg_error *err);
void ruleset_free(ruleset *rs);
const char *ruleset_file_hash(const ruleset *rs, const char *path); /* NULL when not a ruleset file */
/* A file's path relative to the ruleset directory (the path as given when outside it:
 * a variant table named by an absolute path). */
const char *ruleset_relative(const ruleset *rs, const char *path);

/* Every scenario of a ruleset compiled in one Lua state (one per worker thread). */
typedef struct scenario_set {
    sandbox *sb;
    sandbox_library *libraries; /* the ruleset's lib/ files, for use "name" */
    int library_count;
    scenario **items;
    int count;
} scenario_set;

/* Compile every scenario file. Load and compile findings go to diags (a file that
 * fails adds an error and no scenario). Duplicate ids across files are errors.
 * Returns VG_ERR only when no Lua state could be made (err says why). */
int scenario_set_compile(scenario_set *set, const ruleset *rs, const sandbox_limits *limits,
                         diag_list *diags, vg_error *err);
void scenario_set_free(scenario_set *set);
const scenario *scenario_set_find(const scenario_set *set, const char *id);

/* Which scenarios a run evaluates. */
typedef struct selection {
    bool include_drafts;       /* drafts run only when asked (backtests, trials) */
    const char **tags;         /* run only scenarios with one of these tags (NULL: all) */
    int tag_count;
    const char **skip_tags;    /* never run scenarios with one of these tags */
    int skip_tag_count;
    const char *only_id;       /* one scenario by id (NULL: all) */
    int64_t today;             /* days since 1970-01-01, for review_by */
} selection;

/* Fill out (capacity set->count) with the selected scenarios, in ruleset order.
 * Active scenarios past review_by are left out with a warning in notes. */
int scenario_set_select(const scenario_set *set, const selection *sel, const scenario **out, diag_list *notes);

#endif
