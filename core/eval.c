/* eval.c - score one record against one scenario: conditions first, short-circuit, threshold reachability. */
#include "eval.h"

#include <string.h>

const char *tri_name(tri t)
{
    static const char *names[] = { "false", "true", "unknown", "error", "skipped" };
    return (unsigned)t < 5 ? names[t] : "?";
}

const char *verdict_name(verdict v)
{
    static const char *names[] = { "no-hit", "hit", "error" };
    return names[v];
}

static verdict eval_error(const scenario *sc, scenario_result *res, int part, const char *message)
{
    (void)sc;
    res->verdict = VERDICT_ERROR;
    res->error_part = part;
    if (message != res->error) snprintf(res->error, sizeof res->error, "%s", message);
    return VERDICT_ERROR;
}

verdict eval_scenario(sandbox *sb, const scenario *sc, const record *rec, scenario_result *res,
                      evidence *ev)
{
    int parts = sc->condition_count + sc->indicator_count;
    sandbox_enter(sb, &sc->justified, sc->account);
    res->score = 0;
    res->error_part = -1;
    res->error[0] = '\0';
    for (int i = 0; i < parts; i++) res->outcome[i] = TRI_SKIPPED;
    if (ev) memset(ev, 0, sizeof *ev * (size_t)parts);

    bool conditions_hold = true;
    for (int i = 0; i < sc->condition_count; i++) {
        tri t = predicate_eval(sc->parts[i].when, rec, sb, ev ? &ev[i] : NULL, res->error, sizeof res->error);
        res->outcome[i] = t;
        if (t == TRI_ERROR) return eval_error(sc, res, i, res->error);
        if (t != TRI_TRUE) {
            conditions_hold = false;
            if (!ev) return res->verdict = VERDICT_NO_HIT;
        }
    }

    int reachable = sc->max_score; /* the most the remaining indicators can add */
    int floor = sc->min_score;     /* the most they can take away */
    for (int k = 0; k < sc->indicator_count; k++) {
        if (!ev) {
            if (res->score + reachable < sc->threshold) return res->verdict = VERDICT_NO_HIT;
            if (res->score + floor >= sc->threshold) return res->verdict = VERDICT_HIT;
        }
        int part = sc->condition_count + sc->order[k];
        const indicator *ind = &sc->parts[part];
        tri t = predicate_eval(ind->when, rec, sb, ev ? &ev[part] : NULL, res->error, sizeof res->error);
        res->outcome[part] = t;
        if (t == TRI_ERROR) return eval_error(sc, res, part, res->error);
        if (ind->weight > 0) reachable -= ind->weight;
        else floor -= ind->weight;
        if (t == TRI_TRUE) res->score += ind->weight;
    }
    res->verdict = conditions_hold && res->score >= sc->threshold ? VERDICT_HIT : VERDICT_NO_HIT;
    return res->verdict;
}
