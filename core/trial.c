/* trial.c - running fixture cases (above evaluation): one case against what it expects, and the reads and purity of function indicators. */
#include "trial.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- one case ------------------------------------------------------------ */

void trial_actual_fired(const explanation *ex, char *buf, size_t size)
{
    const scenario *sc = ex->sc;
    size_t len = (size_t)snprintf(buf, size, "[");
    int n = 0;
    for (int k = 0; k < sc->indicator_count && len < size; k++) {
        int part = sc->condition_count + k;
        if (ex->result.outcome[part] != TRI_TRUE) continue;
        len += (size_t)snprintf(buf + len, size - len, "%s%s", n++ ? ", " : "", sc->parts[part].id);
    }
    if (len < size) snprintf(buf + len, size - len, "]");
}

void trial_expected_fired(const fixture_case *c, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "[");
    for (int i = 0; i < c->fired_count && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", c->fired[i]);
    if (len < size) snprintf(buf + len, size - len, "]");
}

static bool trial_expects_fired(const fixture_case *c, const char *id)
{
    for (int i = 0; i < c->fired_count; i++)
        if (strcmp(c->fired[i], id) == 0) return true;
    return false;
}

/* Append to why, separating the differences with "; ". */
static void why_add(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void why_add(char *why, size_t size, const char *fmt, ...)
{
    size_t len = strlen(why);
    if (len && len + 2 < size) {
        memcpy(why + len, "; ", 3);
        len += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    if (len < size) vsnprintf(why + len, size - len, fmt, ap);
    va_end(ap);
}

bool trial_case_run(sandbox *sb, const scenario *sc, const fixture_case *c, explanation *ex,
                      char *why, size_t why_size)
{
    why[0] = '\0';
    verdict v = explain_record(sb, sc, &c->rec, ex);
    if (v == VERDICT_ERROR) {
        why_add(why, why_size, "the scenario failed on this record: %s", ex->result.error);
        return false;
    }
    if (v != c->expect)
        why_add(why, why_size, "verdict: expected %s, got %s", verdict_name(c->expect), verdict_name(v));
    if (c->has_score && ex->result.score != c->score)
        why_add(why, why_size, "score: expected %d, got %d", c->score, ex->result.score);
    if (c->has_fired) {
        bool same = true;
        for (int k = 0; k < sc->indicator_count; k++) {
            int part = sc->condition_count + k;
            same &= (ex->result.outcome[part] == TRI_TRUE) == trial_expects_fired(c, sc->parts[part].id);
        }
        if (!same) {
            char want[512], got[512];
            trial_expected_fired(c, want, sizeof want);
            trial_actual_fired(ex, got, sizeof got);
            why_add(why, why_size, "fired: expected %s, got %s", want, got);
        }
    }
    return why[0] == '\0';
}

/* ---- every case of a scenario, twice ------------------------------------------- */

/* What `check` (and every command, through the loader) may spend on one scenario's
 * fixtures, both passes together: each call is bounded already, but a fixture file
 * can hold many cases. VIGIE_FIXTURE_SECONDS changes it (tests). */

static double trial_fixture_seconds(void)
{
    const char *s = getenv("VIGIE_FIXTURE_SECONDS");
    char *end;
    double v = s ? strtod(s, &end) : 0;
    return s && end != s && *end == '\0' && v > 0 ? v : TRIAL_SCENARIO_SECONDS;
}

static void trial_too_slow(diag_list *diags, const scenario *sc, double bound, const char *pass, int done,
                            int cases)
{
    diag_add(diags, DIAG_ERROR, "fixtures-too-slow", sc->path, sc->line, sc->id,
             "make the function indicators cheaper, or split the fixtures",
             "running its fixtures took over %g s (stopped %s after %d of %d cases)", bound, pass, done, cases);
}

static double trial_now(void)
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
static bool trial_refused_by_governance(const scenario *sc, const field_bits *reads)
{
    for (int f = 0; f < sc->schema->field_count; f++) {
        if (!field_bits_has(reads, f)) continue;
        const field *fd = &sc->schema->fields[f];
        if (fd->is_sensitive || (fd->is_protected && !field_bits_has(&sc->justified, f))) return true;
    }
    return false;
}

void trial_learn_reads(sandbox *sb, const scenario *sc, const fixture_suite *suite, explanation *ex,
                       function_reads *fr, diag_list *diags)
{
    memset(fr, 0, sizeof *fr);
    if (!suite || suite->case_count == 0) return;
    int parts = sc->condition_count + sc->indicator_count;
    tri *first = xcalloc((size_t)suite->case_count * (size_t)parts + 1, sizeof *first);
    bool reported[SCENARIO_MAX_PARTS] = { false };
    double start = trial_now(), bound = trial_fixture_seconds();
    int ran = 0;
    bool too_slow = false;
    for (int k = 0; k < suite->case_count; k++, ran++) {
        if (trial_now() - start > bound) {
            trial_too_slow(diags, sc, bound, "in the first pass", k, suite->case_count);
            too_slow = true;
            break;
        }
        explain_record(sb, sc, &suite->cases[k].rec, ex);
        for (int p = 0; p < parts && p < SCENARIO_MAX_PARTS; p++) {
            if (sc->parts[p].is_function) field_bits_union(&fr->by_part[p], &ex->ev[p].reads);
            first[(size_t)k * (size_t)parts + (size_t)p] = ex->result.outcome[p];
            /* A function that fails on the scenario's own fixtures would fail in every
             * run on such records: an error, not a warning. */
            if (sc->parts[p].is_function && ex->result.outcome[p] == TRI_ERROR && !reported[p] &&
                !trial_refused_by_governance(sc, &ex->ev[p].reads)) {
                reported[p] = true;
                diag_add(diags, DIAG_ERROR, "function-error", sc->path, sc->parts[p].line, sc->id,
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
        if (trial_now() - start > bound) {
            if (!too_slow) trial_too_slow(diags, sc, bound, "in the second pass (reverse order)", ran - 1 - k, ran);
            break;
        }
        explain_record(sb, sc, &suite->cases[k].rec, ex);
        for (int p = 0; p < parts && p < SCENARIO_MAX_PARTS; p++) {
            tri was = first[(size_t)k * (size_t)parts + (size_t)p], now = ex->result.outcome[p];
            if (!sc->parts[p].is_function || was == now || reported[p] || was == TRI_ERROR || now == TRI_ERROR) continue;
            reported[p] = true;
            diag_add(diags, DIAG_ERROR, "impure-function", sc->path, sc->parts[p].line, sc->id,
                     "keep no state between calls: no module-level variables written by the function",
                     "function %s '%s' answered %s, then %s, for the same record (fixture case '%s'): "
                     "it keeps state between records", sc->parts[p].is_condition ? "condition" : "indicator",
                     sc->parts[p].id, tri_name(was), tri_name(now), suite->cases[k].name);
        }
    }
    free(first);
}
