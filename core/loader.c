/* loader.c - what every command does first: load a ruleset, compile its scenarios, apply governance. */
#include "loader.h"

#include <string.h>

#include "governance.h"

int loader_open(loaded_ruleset *lr, const char *dir, const sandbox_limits *limits, vg_error *err)
{
    memset(lr, 0, sizeof *lr);
    lr->today = governance_today();
    if (ruleset_load(&lr->rs, dir, err) != VG_OK) return VG_ERR;
    if (scenario_set_compile(&lr->set, &lr->rs, limits, &lr->diags, err) != VG_OK) {
        ruleset_free(&lr->rs);
        return VG_ERR;
    }
    for (int i = 0; i < lr->set.count; i++) governance_check(lr->set.items[i], NULL, lr->today, &lr->diags);
    return VG_OK;
}

void loader_close(loaded_ruleset *lr)
{
    scenario_set_free(&lr->set);
    ruleset_free(&lr->rs);
    diag_list_free(&lr->diags);
}

int loader_blocking_errors(const loaded_ruleset *lr, bool include_drafts, FILE *out)
{
    int n = 0;
    for (int i = 0; i < lr->diags.count; i++) {
        const diag *d = &lr->diags.items[i];
        if (d->severity != DIAG_ERROR || strcmp(d->code, "review-overdue") == 0) continue;
        const scenario *sc = d->scenario[0] ? scenario_set_find(&lr->set, d->scenario) : NULL;
        if (sc && (sc->status == STATUS_RETIRED || (sc->status == STATUS_DRAFT && !include_drafts))) continue;
        if (out) diag_print(d, out);
        n++;
    }
    return n;
}
