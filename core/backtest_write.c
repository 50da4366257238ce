/* backtest_write.c - a backtest as text for the analyst or JSON for tools. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "report.h"

#define BACKTEST_TEXT_SCORES 10

static const char *const backtest_change_names[] = { "gained", "lost", "score" };

static void backtest_precision(char *out, size_t size, long long confirmed, long long decided)
{
    if (decided) snprintf(out, size, "%.4f (%lld confirmed of %lld decided)", (double)confirmed / (double)decided,
                          confirmed, decided);
    else snprintf(out, size, "- (no decided hit)");
}

static void backtest_text_scenario(const backtest_scenario *s, FILE *out)
{
    char a[96], b[96];
    fprintf(out, "%s  %s, %s", s->id, s->kind, s->status);
    if (!s->in_baseline) fprintf(out, "  NEW in the candidate (revision %.12s)\n", s->candidate_revision);
    else if (!s->in_candidate) fprintf(out, "  NOT in the candidate (baseline revision %.12s)\n", s->baseline_revision);
    else if (s->changed) fprintf(out, "  revision %.12s -> %.12s\n", s->baseline_revision, s->candidate_revision);
    else fprintf(out, "  unchanged (revision %.12s)\n", s->candidate_revision);
    fprintf(out, "    %s\n", s->title);
    fprintf(out, "    hits: baseline %lld, candidate %lld; in both %lld (score changed %lld), gained %lld, lost %lld\n",
            s->baseline_hits, s->candidate_hits, s->both, s->score_changed, s->gained, s->lost);
    if (s->baseline_errors || s->candidate_errors)
        fprintf(out, "    errors: baseline %lld, candidate %lld\n", s->baseline_errors, s->candidate_errors);
    fprintf(out, "    lost: %lld confirmed, %lld not confirmed, %lld with no decision\n", s->lost_confirmed,
            s->lost_not_confirmed, s->lost_unknown);
    fprintf(out, "    gained: %lld confirmed, %lld not confirmed, %lld with no decision\n", s->gained_confirmed,
            s->gained_not_confirmed, s->gained_unknown);
    backtest_precision(a, sizeof a, s->baseline_confirmed, s->baseline_decided);
    backtest_precision(b, sizeof b, s->candidate_confirmed, s->candidate_decided);
    fprintf(out, "    known precision: baseline %s, candidate %s\n", a, b);
    int scores = 0;
    for (int i = 0; i < s->change_count; i++) {
        const backtest_change *c = &s->changes[i];
        /* every gained and lost hit; score changes up to BACKTEST_TEXT_SCORES (JSON has all) */
        if (c->kind == BACKTEST_SCORE && scores++ == BACKTEST_TEXT_SCORES) {
            fprintf(out, "    ... and %lld more score changes (--format json lists them all)\n",
                    s->score_changed - BACKTEST_TEXT_SCORES);
            break;
        }
        fprintf(out, "    %-6s %-16s %s:%ld  ", backtest_change_names[c->kind], c->record_key, c->source, c->line);
        if (c->kind == BACKTEST_GAINED) fprintf(out, "score %d", c->candidate_score);
        else if (c->kind == BACKTEST_LOST) fprintf(out, "score was %d", c->baseline_score);
        else fprintf(out, "score %d -> %d", c->baseline_score, c->candidate_score);
        if (*c->disposition) fprintf(out, "  (%s%s)", c->disposition, c->confirmed ? ", confirmed" : "");
        fputc('\n', out);
    }
    if (s->sweep) {
        fprintf(out, "    threshold sweep (candidate threshold %d): threshold, hits, decided, confirmed, known precision\n",
                s->candidate_threshold);
        /* thresholds with the same figures share a line */
        for (int i = 0; i < BACKTEST_STEPS;) {
            int j = i;
            while (j + 1 < BACKTEST_STEPS && s->sweep_hits[j + 1] == s->sweep_hits[i] &&
                   s->sweep_decided[j + 1] == s->sweep_decided[i] && s->sweep_confirmed[j + 1] == s->sweep_confirmed[i])
                j++;
            int from = s->candidate_threshold - BACKTEST_SWEEP + i, to = s->candidate_threshold - BACKTEST_SWEEP + j;
            char range[32], p[32];
            if (from == to) snprintf(range, sizeof range, "%d", from);
            else snprintf(range, sizeof range, "%d..%d", from, to);
            if (s->sweep_decided[i]) snprintf(p, sizeof p, "%.4f", (double)s->sweep_confirmed[i] / (double)s->sweep_decided[i]);
            else snprintf(p, sizeof p, "-");
            fprintf(out, "      %-10s %6lld %6lld %6lld  %s%s\n", range, s->sweep_hits[i], s->sweep_decided[i],
                    s->sweep_confirmed[i], p,
                    from <= s->candidate_threshold && s->candidate_threshold <= to ? "  <- candidate" : "");
            i = j + 1;
        }
    }
    fputc('\n', out);
}

static cJSON *backtest_json(const backtest *bt)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "candidate", bt->candidate_dir);
    cJSON_AddStringToObject(root, "candidate_revision", bt->candidate_revision);
    cJSON_AddStringToObject(root, "baseline", bt->baseline);
    cJSON_AddStringToObject(root, "baseline_revision", bt->baseline_revision);
    cJSON_AddItemToObject(root, "run_id", *bt->run_id ? cJSON_CreateString(bt->run_id) : cJSON_CreateNull());
    cJSON_AddNumberToObject(root, "read", (double)bt->read);
    cJSON_AddNumberToObject(root, "evaluated", (double)bt->evaluated);
    cJSON_AddNumberToObject(root, "rejected", (double)bt->rejected);
    cJSON_AddNumberToObject(root, "reads", bt->reads);
    cJSON_AddNumberToObject(root, "records_with_known_disposition", (double)bt->known);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    for (int i = 0; i < bt->count; i++) {
        const backtest_scenario *s = &bt->scenarios[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "title", s->title);
        cJSON_AddStringToObject(o, "kind", s->kind);
        cJSON_AddStringToObject(o, "status", s->status);
        cJSON_AddStringToObject(o, "subject", s->subject);
        cJSON_AddItemToObject(o, "baseline_revision", s->in_baseline ? cJSON_CreateString(s->baseline_revision) : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "candidate_revision", s->in_candidate ? cJSON_CreateString(s->candidate_revision) : cJSON_CreateNull());
        cJSON_AddBoolToObject(o, "changed", s->changed);
        const char *names[] = { "baseline_hits", "candidate_hits", "both", "score_changed", "gained", "lost",
                                "lost_confirmed", "lost_not_confirmed", "lost_unknown", "gained_confirmed",
                                "gained_not_confirmed", "gained_unknown", "baseline_decided", "baseline_confirmed",
                                "candidate_decided", "candidate_confirmed", "baseline_errors", "candidate_errors" };
        const long long values[] = { s->baseline_hits, s->candidate_hits, s->both, s->score_changed, s->gained, s->lost,
                                     s->lost_confirmed, s->lost_not_confirmed, s->lost_unknown, s->gained_confirmed,
                                     s->gained_not_confirmed, s->gained_unknown, s->baseline_decided,
                                     s->baseline_confirmed, s->candidate_decided, s->candidate_confirmed,
                                     s->baseline_errors, s->candidate_errors };
        for (size_t k = 0; k < sizeof values / sizeof *values; k++) cJSON_AddNumberToObject(o, names[k], (double)values[k]);
        cJSON *changes = cJSON_AddArrayToObject(o, "changes");
        for (int k = 0; k < s->change_count; k++) {
            const backtest_change *c = &s->changes[k];
            cJSON *co = cJSON_CreateObject();
            cJSON_AddStringToObject(co, "change", backtest_change_names[c->kind]);
            cJSON_AddStringToObject(co, "key", c->record_key);
            cJSON_AddStringToObject(co, "source", c->source);
            cJSON_AddNumberToObject(co, "line", (double)c->line);
            cJSON_AddItemToObject(co, "baseline_score", c->kind == BACKTEST_GAINED ? cJSON_CreateNull() : cJSON_CreateNumber(c->baseline_score));
            cJSON_AddItemToObject(co, "candidate_score", c->kind == BACKTEST_LOST ? cJSON_CreateNull() : cJSON_CreateNumber(c->candidate_score));
            cJSON_AddItemToObject(co, "disposition", *c->disposition ? cJSON_CreateString(c->disposition) : cJSON_CreateNull());
            cJSON_AddBoolToObject(co, "confirmed", c->confirmed);
            cJSON_AddItemToArray(changes, co);
        }
        if (s->sweep) {
            cJSON *sweep = cJSON_AddArrayToObject(o, "sweep");
            for (int k = 0; k < BACKTEST_STEPS; k++) {
                cJSON *so = cJSON_CreateObject();
                cJSON_AddNumberToObject(so, "threshold", s->candidate_threshold - BACKTEST_SWEEP + k);
                cJSON_AddNumberToObject(so, "hits", (double)s->sweep_hits[k]);
                cJSON_AddNumberToObject(so, "decided", (double)s->sweep_decided[k]);
                cJSON_AddNumberToObject(so, "confirmed", (double)s->sweep_confirmed[k]);
                cJSON_AddItemToObject(so, "precision", s->sweep_decided[k]
                    ? cJSON_CreateNumber(round(1e6 * (double)s->sweep_confirmed[k] / (double)s->sweep_decided[k]) / 1e6)
                    : cJSON_CreateNull());
                cJSON_AddItemToArray(sweep, so);
            }
        }
        cJSON_AddItemToArray(arr, o);
    }
    return root;
}

int backtest_write(const backtest *bt, const char *format, FILE *out, vg_error *err)
{
    if (!format || strcmp(format, "text") == 0) {
        fprintf(out, "vigie backtest: candidate %s (revision %.12s) against %s (revision %.12s)\n", bt->candidate_dir,
                bt->candidate_revision, bt->baseline, bt->baseline_revision);
        fprintf(out, "records: read %lld = evaluated %lld + rejected %lld; manifests read %d time%s; "
                     "%lld record%s with a known disposition\n",
                bt->read, bt->evaluated, bt->rejected, bt->reads, bt->reads == 1 ? "" : "s", bt->known,
                bt->known == 1 ? "" : "s");
        if (*bt->run_id) fprintf(out, "stored as %s (kind backtest: never in the review queue)\n", bt->run_id);
        fputc('\n', out);
        for (int i = 0; i < bt->count; i++) backtest_text_scenario(&bt->scenarios[i], out);
        return VG_OK;
    }
    if (strcmp(format, "json") == 0) {
        cJSON *root = backtest_json(bt);
        report_json_print(root, out);
        return VG_OK;
    }
    if (strcmp(format, "html") == 0) {
        backtest_write_html(bt, out);
        return VG_OK;
    }
    return error_set(err, NULL, 0, NULL, "unknown format '%s' (text, json, html)", format);
}
