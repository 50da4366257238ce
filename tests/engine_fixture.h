/* engine_fixture.h - load one scenario source through the real loader (a temporary
 * ruleset with the unit schema and lists), and build records field by field. */
#ifndef VIGIE_ENGINE_FIXTURE_H
#define VIGIE_ENGINE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "explain.h"
#include "loader.h"

/* Metadata every test scenario shares; tests add threshold, parts and overrides. */
#define META "id = 'T1', title = { en = 'Test', fr = 'Essai' }, applies_to = 'person', status = 'active', owner = 'desk', " \
             "rationale = 'why', review_by = '2099-01-01', subject = 'other', guidance = 'do this', "

static loaded_ruleset fx_lr;
static int fx_open_flag;
static record fx_rec;
static char fx_dir[256];

static inline void fx_close(void)
{
    if (fx_open_flag) {
        record_free(&fx_rec);
        loader_close(&fx_lr);
        fx_open_flag = 0;
    }
}

/* Load src as the only scenario file; returns its first scenario or NULL (then
 * fx_lr.diags says why). */
static inline const scenario *fx_load_limits(const char *src, const sandbox_limits *limits)
{
    fx_close();
    if (!fx_dir[0]) {
        char cwd[200];
        if (!getcwd(cwd, sizeof cwd)) abort();
        snprintf(fx_dir, sizeof fx_dir, "/tmp/vigie-unit-XXXXXX");
        if (!mkdtemp(fx_dir)) abort();
        char path[512], target[512];
        snprintf(path, sizeof path, "%s/schemas", fx_dir);
        snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/schemas", cwd);
        if (symlink(target, path) != 0) abort();
        snprintf(path, sizeof path, "%s/lists", fx_dir);
        snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/lists", cwd);
        if (symlink(target, path) != 0) abort();
        snprintf(path, sizeof path, "%s/person", fx_dir);
        mkdir(path, 0755);
    }
    char path[512];
    snprintf(path, sizeof path, "%s/person/t.lua", fx_dir);
    FILE *f = fopen(path, "w");
    if (!f) abort();
    fputs(src, f);
    fclose(f);
    vg_error err;
    if (loader_open(&fx_lr, fx_dir, limits, &err) != VG_OK) {
        fprintf(stderr, "fixture ruleset: %s\n", err.message);
        abort();
    }
    fx_open_flag = 1;
    record_init(&fx_rec, schema_set_find(&fx_lr.rs.schemas, "person"));
    fx_rec.source = "test";
    return fx_lr.set.count ? fx_lr.set.items[0] : NULL;
}

static inline const scenario *fx_load(const char *src) { return fx_load_limits(src, NULL); }

/* Set a field from text, as a reader would, and recompute derived values. */
static inline void fx_set(const char *name, const char *text)
{
    const field *f = schema_field(fx_rec.schema, name);
    if (!f) abort();
    char why[200];
    if (value_parse(f, text, strlen(text), &fx_rec.arena, &fx_rec.slots[f->index], why, sizeof why) != VG_OK) {
        fprintf(stderr, "fx_set %s=%s: %s\n", name, text, why);
        abort();
    }
    record_derive(&fx_rec);
}

static inline void fx_clear(void) { record_clear(&fx_rec); }

static inline int fx_has_diag(const char *code) { return diag_has_code(&fx_lr.diags, code); }

/* Verdict in the fast path; also checks that explain mode agrees. */
static inline verdict fx_eval(const scenario *sc, scenario_result *res)
{
    static explanation ex;
    verdict fast = eval_scenario(fx_lr.set.sb, sc, &fx_rec, res, NULL);
    verdict full = explain_record(fx_lr.set.sb, sc, &fx_rec, &ex);
    if (fast != full) {
        fprintf(stderr, "fast path verdict %s differs from explain mode %s\n", verdict_name(fast), verdict_name(full));
        abort();
    }
    *res = ex.result;
    return full;
}

/* Outcome of the only indicator (or condition) of sc on the current record. */
static inline tri fx_part(const scenario *sc, int part)
{
    scenario_result res;
    fx_eval(sc, &res);
    return res.outcome[part];
}

#endif
