/* backtest_html.c - `vigie backtest --format html`: one self-contained page (inline CSS and SVG, nothing fetched). */
#include <string.h>

#include "backtest.h"
#include "html.h"

/* The page: what was compared, one row per scenario (hits on each side, gained, lost,
 * what past dispositions say, known precision), then for each changed scenario its
 * threshold sweep as a chart (bars: hits at each threshold, the candidate's darker;
 * dots: known precision) and its gained, lost and re-scored records. */

#define BACKTEST_HTML_SCORES 50

static void bt_html_precision(FILE *out, long long confirmed, long long decided)
{
    if (decided) fprintf(out, "<td class=n>%.4f <small>(%lld/%lld)</small></td>", (double)confirmed / (double)decided,
                         confirmed, decided);
    else fputs("<td class=n>&ndash;</td>", out);
}

static const char *bt_html_change(const backtest_scenario *s)
{
    return !s->in_baseline ? "new" : !s->in_candidate ? "removed" : s->changed ? "changed" : "unchanged";
}

static void bt_html_sweep(const backtest_scenario *s, FILE *out)
{
    const int width = 700, height = 190, left = 48, right = 40, top = 14, bottom = 36;
    double plot_w = width - left - right, plot_h = height - top - bottom, slot = plot_w / BACKTEST_STEPS;
    long long max = 1;
    for (int i = 0; i < BACKTEST_STEPS; i++)
        if (s->sweep_hits[i] > max) max = s->sweep_hits[i];
    fprintf(out, "<figure><figcaption>Threshold sweep (candidate threshold %d)</figcaption>\n", s->candidate_threshold);
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=img "
                 "aria-label=\"hits and known precision at each threshold\">\n", width, height, width, height);
    fprintf(out, "<line x1=%d y1=%d x2=%d y2=%d class=axis />\n", left, top + (int)plot_h, width - right, top + (int)plot_h);
    fprintf(out, "<text x=%d y=%d class=scale text-anchor=end>%lld</text>\n", left - 4, top + 8, max);
    fprintf(out, "<text x=%d y=%d class=scale text-anchor=end>0</text>\n", left - 4, top + (int)plot_h);
    fprintf(out, "<text x=%d y=%d class=scale>1.0</text>\n", width - right + 4, top + 8);
    fprintf(out, "<text x=%d y=%d class=scale>0.0</text>\n", width - right + 4, top + (int)plot_h);
    for (int i = 0; i < BACKTEST_STEPS; i++) {
        int t = s->candidate_threshold - BACKTEST_SWEEP + i;
        double x = left + slot * i, bar = plot_h * (double)s->sweep_hits[i] / (double)max;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar%s\"><title>threshold %d: "
                     "%lld hits, %lld decided, %lld confirmed</title></rect>\n",
                x + slot * 0.1, top + plot_h - bar, slot * 0.8, bar, t == s->candidate_threshold ? " now" : "", t,
                s->sweep_hits[i], s->sweep_decided[i], s->sweep_confirmed[i]);
        if (s->sweep_decided[i]) {
            double p = (double)s->sweep_confirmed[i] / (double)s->sweep_decided[i];
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=3 class=dot><title>threshold %d: known precision %.4f</title></circle>\n",
                    x + slot / 2, top + plot_h * (1 - p), t, p);
        }
        if (i % 5 == 0)
            fprintf(out, "<text x=\"%.1f\" y=%d class=scale text-anchor=middle>%d</text>\n", x + slot / 2,
                    height - bottom + 14, t);
    }
    fprintf(out, "<text x=%d y=%d class=scale>bars: hits at each threshold (left; the candidate's darker); dots: known "
                 "precision (right)</text>\n", left, height - 4);
    fputs("</svg></figure>\n", out);
}

static void bt_html_changes(const backtest_scenario *s, FILE *out)
{
    if (!s->change_count) return;
    fputs("<table><thead><tr><th>change</th><th>record</th><th>where</th><th>baseline score</th><th>candidate score</th>"
          "<th>latest review</th></tr></thead><tbody>\n", out);
    int scores = 0;
    static const char *const names[] = { "gained", "lost", "score" };
    for (int i = 0; i < s->change_count; i++) {
        const backtest_change *c = &s->changes[i];
        if (c->kind == BACKTEST_SCORE && scores++ == BACKTEST_HTML_SCORES) {
            fprintf(out, "<tr><td colspan=6>and %lld more score changes (--format json lists them all)</td></tr>\n",
                    s->score_changed - BACKTEST_HTML_SCORES);
            break;
        }
        const char *row = c->kind == BACKTEST_LOST && c->confirmed ? "bad"
                        : c->kind == BACKTEST_GAINED && c->confirmed ? "good" : "";
        fprintf(out, "<tr class=\"%s\"><td>%s</td><td>", row, names[c->kind]);
        html_escape(out, c->record_key);
        fputs("</td><td>", out);
        html_escape(out, c->source);
        fprintf(out, ":%ld</td>", c->line);
        if (c->kind == BACKTEST_GAINED) fputs("<td class=n>&ndash;</td>", out);
        else fprintf(out, "<td class=n>%d</td>", c->baseline_score);
        if (c->kind == BACKTEST_LOST) fputs("<td class=n>&ndash;</td>", out);
        else fprintf(out, "<td class=n>%d</td>", c->candidate_score);
        fputs("<td>", out);
        html_escape(out, c->disposition);
        fprintf(out, "%s</td></tr>\n", c->confirmed ? " (confirmed)" : "");
    }
    fputs("</tbody></table>\n", out);
}

void backtest_write_html(const backtest *bt, FILE *out)
{
    html_begin(out, "vigie backtest");
    fputs("<h1>vigie backtest</h1>\n<p>Candidate <code>", out);
    html_escape(out, bt->candidate_dir);
    fprintf(out, "</code> (revision <code>%.12s</code>) against ", bt->candidate_revision);
    html_escape(out, bt->baseline);
    fprintf(out, " (revision <code>%.12s</code>). Records read %lld = evaluated %lld + rejected %lld; manifests read "
                 "%d time%s; %lld record%s with a known disposition.", bt->baseline_revision, bt->read, bt->evaluated,
            bt->rejected, bt->reads, bt->reads == 1 ? "" : "s", bt->known, bt->known == 1 ? "" : "s");
    if (*bt->run_id) {
        fputs(" Stored as ", out);
        html_escape(out, bt->run_id);
        fputs(" (kind backtest: never in the review queue).", out);
    }
    fputs(" Definitions: docs/revision.md.</p>\n", out);
    fputs("<h2>Scenarios</h2>\n<table><thead><tr><th>scenario</th><th>kind</th><th>status</th><th>change</th>"
          "<th>baseline hits</th><th>candidate hits</th><th>in both</th><th>score changed</th><th>gained</th><th>lost</th>"
          "<th>lost confirmed</th><th>lost not confirmed</th><th>gained confirmed</th><th>known precision baseline</th>"
          "<th>known precision candidate</th></tr></thead><tbody>\n", out);
    for (int i = 0; i < bt->count; i++) {
        const backtest_scenario *s = &bt->scenarios[i];
        fprintf(out, "<tr class=\"%s\"><td>", s->lost_confirmed ? "bad" : s->changed ? "warn" : "");
        if (s->changed && s->in_candidate) fprintf(out, "<a href=\"#s%d\">", i);
        html_escape(out, s->id);
        fputs(s->changed && s->in_candidate ? "</a></td><td>" : "</td><td>", out);
        html_escape(out, s->kind);
        fputs("</td><td>", out);
        html_escape(out, s->status);
        fprintf(out, "</td><td>%s</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td>"
                     "<td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td>",
                bt_html_change(s), s->baseline_hits, s->candidate_hits, s->both, s->score_changed, s->gained, s->lost,
                s->lost_confirmed, s->lost_not_confirmed, s->gained_confirmed);
        bt_html_precision(out, s->baseline_confirmed, s->baseline_decided);
        bt_html_precision(out, s->candidate_confirmed, s->candidate_decided);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    for (int i = 0; i < bt->count; i++) {
        const backtest_scenario *s = &bt->scenarios[i];
        if (!s->changed || !s->in_candidate) continue;
        fprintf(out, "<h2 id=s%d>", i);
        html_escape(out, s->id);
        fputs("</h2>\n<p>", out);
        html_escape(out, s->title);
        if (s->in_baseline)
            fprintf(out, ": revision <code>%.12s</code> &rarr; <code>%.12s</code>, threshold %d &rarr; %d.</p>\n",
                    s->baseline_revision, s->candidate_revision, s->baseline_threshold, s->candidate_threshold);
        else fprintf(out, ": new, revision <code>%.12s</code>, threshold %d.</p>\n", s->candidate_revision, s->candidate_threshold);
        bt_html_sweep(s, out);
        bt_html_changes(s, out);
    }
    html_end(out);
}
