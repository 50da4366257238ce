/* loader.c - what every command does first: load a ruleset, compile its scenarios, load their fixtures, apply governance. */
#include "loader.h"
#include "trial.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    lr->reads = xcalloc((size_t)(lr->set.count ? lr->set.count : 1), sizeof *lr->reads);
    explanation *ex = xmalloc(sizeof *ex);
    for (int i = 0; i < lr->set.count; i++) {
        const scenario *sc = lr->set.items[i];
        trial_learn_reads(lr->set.sb, sc, fixture_set_find(&lr->fixtures, sc), ex, &lr->reads[i], &lr->diags);
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
