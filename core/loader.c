/* loader.c - what every command does first: load a ruleset, compile its scenarios, load their fixtures, apply governance. */
#include "loader.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What `check` (and every command, through the loader) may spend on one scenario's
 * fixtures, both passes together: each call is bounded already, but a fixture file
 * can hold many cases. VIGIE_FIXTURE_SECONDS changes it (tests). */
#define LOADER_SCENARIO_SECONDS 10.0

static double loader_fixture_seconds(void)
{
    const char *s = getenv("VIGIE_FIXTURE_SECONDS");
    char *end;
    double v = s ? strtod(s, &end) : 0;
    return s && end != s && *end == '\0' && v > 0 ? v : LOADER_SCENARIO_SECONDS;
}

static void loader_too_slow(loaded_ruleset *lr, const scenario *sc, double bound, const char *pass, int done,
                            int cases)
{
    diag_add(&lr->diags, DIAG_ERROR, "fixtures-too-slow", sc->path, sc->line, sc->id,
             "make the function indicators cheaper, or split the fixtures",
             "running its fixtures took over %g s (stopped %s after %d of %d cases)", bound, pass, done, cases);
}

static double loader_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run every fixture case of sc in explain mode and keep, per Lua function part, the
 * fields the recording record proxy saw it read. known only when a case ran. Then run
 * the cases again in the opposite order: a function that answers differently for the
 * same record keeps state between records, which breaks determinism (and the memo of
 * function answers that runs rely on), so it is an error. */
/* The record proxy refuses a sensitive field, or a protected one without a written
 * justification, by failing the call; governance reports those reads by name, so
 * such a failure is not reported a second time. */
static bool loader_refused_by_governance(const scenario *sc, const field_bits *reads)
{
    for (int f = 0; f < sc->schema->field_count; f++) {
        if (!field_bits_has(reads, f)) continue;
        const field *fd = &sc->schema->fields[f];
        if (fd->is_sensitive || (fd->is_protected && !field_bits_has(&sc->justified, f))) return true;
    }
    return false;
}

static void loader_learn_reads(loaded_ruleset *lr, const scenario *sc, const fixture_suite *suite,
                               explanation *ex, function_reads *fr)
{
    memset(fr, 0, sizeof *fr);
    if (!suite || suite->case_count == 0) return;
    int parts = sc->condition_count + sc->indicator_count;
    tri *first = calloc((size_t)suite->case_count * (size_t)parts + 1, sizeof *first);
    if (!first) abort();
    bool reported[64] = { false };
    double start = loader_now(), bound = loader_fixture_seconds();
    int ran = 0;
    bool too_slow = false;
    for (int k = 0; k < suite->case_count; k++, ran++) {
        if (loader_now() - start > bound) {
            loader_too_slow(lr, sc, bound, "in the first pass", k, suite->case_count);
            too_slow = true;
            break;
        }
        explain_record(lr->set.sb, sc, &suite->cases[k].rec, ex);
        for (int p = 0; p < parts && p < 64; p++) {
            if (sc->parts[p].is_function) field_bits_union(&fr->by_part[p], &ex->ev[p].reads);
            first[(size_t)k * (size_t)parts + (size_t)p] = ex->result.outcome[p];
            /* A function that fails on the scenario's own fixtures would fail in every
             * run on such records: an error, not a warning. */
            if (sc->parts[p].is_function && ex->result.outcome[p] == TRI_ERROR && !reported[p] &&
                !loader_refused_by_governance(sc, &ex->ev[p].reads)) {
                reported[p] = true;
                diag_add(&lr->diags, DIAG_ERROR, "function-error", sc->path, sc->parts[p].line, sc->id,
                         "make the function return true, false or nil on every record its fixtures show",
                         "function %s '%s' fails on fixture case '%s': %s",
                         sc->parts[p].is_condition ? "condition" : "indicator", sc->parts[p].id,
                         suite->cases[k].name, ex->result.error);
            }
        }
        fr->known = true;
    }
    memset(reported, 0, sizeof reported);
    for (int k = ran - 1; k >= 0; k--) {
        if (loader_now() - start > bound) {
            if (!too_slow) loader_too_slow(lr, sc, bound, "in the second pass (reverse order)", ran - 1 - k, ran);
            break;
        }
        explain_record(lr->set.sb, sc, &suite->cases[k].rec, ex);
        for (int p = 0; p < parts && p < 64; p++) {
            tri was = first[(size_t)k * (size_t)parts + (size_t)p], now = ex->result.outcome[p];
            if (!sc->parts[p].is_function || was == now || reported[p] || was == TRI_ERROR || now == TRI_ERROR) continue;
            reported[p] = true;
            diag_add(&lr->diags, DIAG_ERROR, "impure-function", sc->path, sc->parts[p].line, sc->id,
                     "keep no state between calls: no module-level variables written by the function",
                     "function %s '%s' answered %s, then %s, for the same record (fixture case '%s'): "
                     "it keeps state between records", sc->parts[p].is_condition ? "condition" : "indicator",
                     sc->parts[p].id, tri_name(was), tri_name(now), suite->cases[k].name);
        }
    }
    free(first);
}

int loader_open(loaded_ruleset *lr, const char *dir, const sandbox_limits *limits, vg_error *err)
{
    memset(lr, 0, sizeof *lr);
    lr->today = governance_today();
    if (lr->today < 0)
        return error_set(err, NULL, 0, "VIGIE_TODAY", "'%s' is not a date (YYYY-MM-DD)", getenv("VIGIE_TODAY"));
    if (ruleset_load(&lr->rs, dir, err) != VG_OK) {
        ruleset_free(&lr->rs); /* ruleset_load keeps rs->dir when dir is not a directory */
        return VG_ERR;
    }
    if (scenario_set_compile(&lr->set, &lr->rs, limits, &lr->diags, err) != VG_OK) {
        ruleset_free(&lr->rs);
        return VG_ERR;
    }
    lr->compile_errors = lr->diags.count;
    fixture_set_load(&lr->fixtures, &lr->rs, &lr->set, &lr->diags);
    lr->reads = calloc((size_t)(lr->set.count ? lr->set.count : 1), sizeof *lr->reads);
    explanation *ex = malloc(sizeof *ex);
    if (!lr->reads || !ex) abort();
    for (int i = 0; i < lr->set.count; i++) {
        const scenario *sc = lr->set.items[i];
        loader_learn_reads(lr, sc, fixture_set_find(&lr->fixtures, sc), ex, &lr->reads[i]);
        governance_check(sc, &lr->reads[i], lr->today, &lr->diags);
    }
    for (int i = 0; i < lr->rs.lists.count; i++) governance_check_list(lr->rs.lists.items[i], lr->today, &lr->diags);
    free(ex);
    return VG_OK;
}

void loader_close(loaded_ruleset *lr)
{
    fixture_set_free(&lr->fixtures);
    scenario_set_free(&lr->set);
    ruleset_free(&lr->rs);
    diag_list_free(&lr->diags);
    free(lr->reads);
    lr->reads = NULL;
}

const function_reads *loader_function_reads(const loaded_ruleset *lr, const scenario *sc)
{
    for (int i = 0; i < lr->set.count; i++)
        if (lr->set.items[i] == sc) return &lr->reads[i];
    return NULL;
}

int loader_blocking_errors(const loaded_ruleset *lr, bool include_drafts, FILE *out)
{
    int n = 0;
    for (int i = 0; i < lr->diags.count; i++) {
        const diag *d = &lr->diags.items[i];
        if (d->severity != DIAG_ERROR || strcmp(d->code, "review-overdue") == 0 || strcmp(d->code, "bad-fixture") == 0)
            continue;
        /* a duplicate id always blocks: the id names two scenarios, so which one the
         * finding is about cannot decide whether the run may go on */
        const scenario *sc = d->scenario[0] && strcmp(d->code, "duplicate-scenario-id") != 0
                                 ? scenario_set_find(&lr->set, d->scenario) : NULL;
        if (sc && (sc->status == STATUS_RETIRED || (sc->status == STATUS_DRAFT && !include_drafts))) continue;
        if (out) diag_print(d, out);
        n++;
    }
    return n;
}
