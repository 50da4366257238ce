/* report_html.c - `vigie report --format html`: one self-contained page (inline CSS and SVG, nothing fetched) that opens offline. */
#include <string.h>

#include "disposition.h"
#include "html.h"
#include "report.h"

/* The page: the scenario table, hits per 10,000 records and precision per scenario
 * over time (one small inline SVG chart each: bars for hits per 10,000 records on the
 * left scale, dots with 95% Wilson whiskers for precision on the right scale), the
 * disparity table, the reviews overdue or due, the random controls and the
 * indicators. No script, no external file, no font: it prints and opens offline. */

static void html_interval(FILE *out, const report_interval *iv)
{
    if (!iv->defined) fputs("<td class=n>&ndash;</td>", out);
    else if (!iv->bounded) fprintf(out, "<td class=n>%.4f</td>", iv->value);
    else fprintf(out, "<td class=n>%.4f <small>[%.4f, %.4f]</small></td>", iv->value, iv->low, iv->high);
}

static const char *html_state(const report_scenario *s)
{
    return s->overdue ? "overdue" : s->due_soon ? "due soon" : "ok";
}

static void html_scenarios(const report *r, FILE *out)
{
    fputs("<h2 id=scenarios>Scenarios</h2>\n<table><thead><tr><th>scenario</th><th>revision</th><th>status</th>"
          "<th>owner</th><th>review by</th><th>records</th><th>hits</th><th>per 10,000</th><th>reviewed</th>"
          "<th>decided</th><th>confirmed</th><th>precision [95%]</th><th>lift over controls [95%]</th><th>errors</th>"
          "<th>open</th></tr></thead><tbody>\n", out);
    int idle = 0;
    for (int i = 0; i < r->count; i++) {
        const report_scenario *s = &r->scenarios[i];
        if (s->evaluated == 0 && s->tally.hits == 0) { /* of a kind these runs never read */
            idle++;
            continue;
        }
        fputs("<tr><td title=\"", out);
        html_escape(out, s->title);
        fputs("\">", out);
        html_escape(out, s->id);
        fprintf(out, "%s</td><td><code>%.12s</code></td><td>", s->noisy ? " <span class=flag>NOISY</span>" : "", s->revision);
        html_escape(out, s->status);
        fputs("</td><td>", out);
        html_escape(out, s->owner);
        fprintf(out, "</td><td class=\"d %s\">", s->overdue ? "bad" : s->due_soon ? "warn" : "");
        html_escape(out, s->review_by);
        fprintf(out, " (%s)</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%.1f</td><td class=n>%lld (%.0f%%)</td>"
                     "<td class=n>%lld</td><td class=n>%lld</td>",
                html_state(s), s->evaluated, s->tally.hits, s->hits_per_10000, s->tally.reviewed,
                s->tally.hits ? 100.0 * (double)s->tally.reviewed / (double)s->tally.hits : 0.0, s->tally.decided,
                s->tally.confirmed);
        html_interval(out, &s->precision);
        html_interval(out, &s->lift);
        fprintf(out, "<td class=n>%lld</td><td class=n>%lld</td></tr>\n", s->errors, s->open);
    }
    fputs("</tbody></table>\n", out);
    if (idle) {
        fputs("<p>Not screened in these runs (no record of their kind):", out);
        for (int i = 0, n = 0; i < r->count; i++)
            if (r->scenarios[i].evaluated == 0 && r->scenarios[i].tally.hits == 0) {
                fputs(n++ ? ", " : " ", out);
                html_escape(out, r->scenarios[i].id);
            }
        fputs(".</p>\n", out);
    }
}

/* One chart per scenario id that has records: x = run days. */
static void html_chart(const report *r, int first, int end, FILE *out)
{
    const int width = 640, height = 180, left = 48, right = 48, top = 14, bottom = 34;
    int n = end - first;
    double max_rate = 0;
    for (int i = first; i < end; i++) {
        const report_day *d = &r->days[i];
        double rate = d->records ? 10000.0 * (double)d->tally.hits / (double)d->records : 0;
        if (rate > max_rate) max_rate = rate;
    }
    if (max_rate <= 0) max_rate = 1;
    double plot_w = width - left - right, plot_h = height - top - bottom, slot = plot_w / n;
    fputs("<figure><figcaption>", out);
    html_escape(out, r->days[first].scenario_id);
    fputs("</figcaption>\n", out);
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=img "
                 "aria-label=\"hits per 10,000 records and precision per day\">\n", width, height, width, height);
    fprintf(out, "<line x1=%d y1=%d x2=%d y2=%d class=axis />\n", left, top + (int)plot_h, width - right, top + (int)plot_h);
    fprintf(out, "<text x=%d y=%d class=scale text-anchor=end>%.1f</text>\n", left - 4, top + 8, max_rate);
    fprintf(out, "<text x=%d y=%d class=scale text-anchor=end>0</text>\n", left - 4, top + (int)plot_h);
    fprintf(out, "<text x=%d y=%d class=scale>1.0</text>\n", width - right + 4, top + 8);
    fprintf(out, "<text x=%d y=%d class=scale>0.0</text>\n", width - right + 4, top + (int)plot_h);
    for (int i = first; i < end; i++) {
        const report_day *d = &r->days[i];
        double x = left + slot * (i - first);
        double rate = d->records ? 10000.0 * (double)d->tally.hits / (double)d->records : 0;
        double bar = plot_h * rate / max_rate;
        double bar_w = slot * 0.7 < 36 ? slot * 0.7 : 36;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=bar><title>%s: %lld hits in "
                     "%lld records (%.1f per 10,000)</title></rect>\n",
                x + (slot - bar_w) / 2, top + plot_h - bar, bar_w, bar, d->day, d->tally.hits, d->records, rate);
        if (d->precision.defined) {
            double cx = x + slot / 2, cy = top + plot_h * (1 - d->precision.value);
            fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=whisker />\n", cx, cx,
                    top + plot_h * (1 - d->precision.high), top + plot_h * (1 - d->precision.low));
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=4 class=dot><title>%s: precision %.4f [%.4f, %.4f], "
                         "%lld confirmed of %lld decided</title></circle>\n",
                    cx, cy, d->day, d->precision.value, d->precision.low, d->precision.high, d->tally.confirmed,
                    d->tally.decided);
        }
        if (n <= 14 || (i - first) % ((n + 13) / 14) == 0)
            fprintf(out, "<text x=\"%.1f\" y=%d class=scale text-anchor=middle>%.5s</text>\n", x + slot / 2,
                    height - bottom + 14, d->day + 5);
    }
    fprintf(out, "<text x=%d y=%d class=scale>bars: hits per 10,000 records (left); dots: precision with 95%% "
                 "interval (right)</text>\n", left, height - 4);
    fputs("</svg></figure>\n", out);
}

static void html_charts(const report *r, FILE *out)
{
    fputs("<h2 id=time>Hits and precision over time</h2>\n<div class=charts>\n", out);
    int shown = 0;
    for (int i = 0; i < r->day_count;) {
        int end = i;
        long long hits = 0;
        while (end < r->day_count && strcmp(r->days[end].scenario_id, r->days[i].scenario_id) == 0)
            hits += r->days[end++].tally.hits;
        if (hits > 0) {
            html_chart(r, i, end, out);
            shown++;
        }
        i = end;
    }
    if (!shown) fputs("<p>No scenario hit in these runs.</p>\n", out);
    fputs("</div>\n", out);
}

static void html_disparity(const report *r, FILE *out)
{
    fprintf(out, "<h2 id=disparity>Disparity by protected group</h2>\n<p>Each group's hit rate over the field's overall "
                 "rate (its share of the hits over its share of the screened population); outside %.2f&ndash;%.2f is "
                 "flagged (four-fifths rule). Groups under %lld records are too small to show a ratio.</p>\n",
            REPORT_FAIR_LOW, REPORT_FAIR_HIGH, r->opt.min_group);
    fputs("<table><thead><tr><th>scenario</th><th>field</th><th>group</th><th>records</th><th>hits</th><th>rate</th>"
          "<th>ratio</th><th></th></tr></thead><tbody>\n", out);
    int rows = 0;
    for (int i = 0; i < r->count; i++)
        for (int k = 0; k < r->scenarios[i].group_count; k++) {
            const report_group *g = &r->scenarios[i].groups[k];
            fprintf(out, "<tr class=\"%s\"><td>", g->too_small ? "small" : g->flagged ? "bad" : "");
            html_escape(out, r->scenarios[i].id);
            fputs("</td><td>", out);
            html_escape(out, g->field);
            fputs("</td><td>", out);
            html_escape(out, g->group);
            if (g->too_small)
                fprintf(out, "</td><td class=n>%lld</td><td colspan=4>too small</td></tr>\n", g->records);
            else if (!g->ratio_defined)
                fprintf(out, "</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%.4f</td><td>&ndash;</td><td></td></tr>\n",
                        g->records, g->hits, g->rate);
            else
                fprintf(out, "</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%.4f</td><td class=n>%.4f</td>"
                             "<td>%s</td></tr>\n", g->records, g->hits, g->rate, g->ratio,
                        g->flagged ? "<span class=flag>outside 0.8&ndash;1.25</span>" : "");
            rows++;
        }
    if (!rows) fputs("<tr><td colspan=8>No scenario with hits read a protected field.</td></tr>\n", out);
    fputs("</tbody></table>\n", out);
}

static void html_overdue(const report *r, FILE *out)
{
    fprintf(out, "<h2 id=overdue>Reviews overdue or due within %d days</h2>\n", REPORT_DUE_DAYS);
    int rows = 0;
    for (int i = 0; i < r->count; i++) {
        const report_scenario *s = &r->scenarios[i];
        if (!s->overdue && !s->due_soon) continue;
        if (!rows++) fputs("<table><thead><tr><th>scenario</th><th>review by</th><th>state</th><th>owner</th></tr></thead><tbody>\n", out);
        fprintf(out, "<tr class=\"%s\"><td>", s->overdue ? "bad" : "warn");
        html_escape(out, s->id);
        fputs("</td><td>", out);
        html_escape(out, s->review_by);
        fprintf(out, "</td><td>%s</td><td>", html_state(s));
        html_escape(out, s->owner);
        fputs("</td></tr>\n", out);
    }
    if (rows) fputs("</tbody></table>\n", out);
    else fprintf(out, "<p>None: every scenario is reviewed beyond %s + %d days.</p>\n", r->as_of, REPORT_DUE_DAYS);
}

static void html_controls(const report *r, FILE *out)
{
    fprintf(out, "<h2 id=controls>Random controls</h2>\n<p>%lld control hit%s. Each scenario's lift is its precision "
                 "over the confirmed rate of the controls of its record kind, judged as its subject kind.</p>\n",
            r->control_hits, r->control_hits == 1 ? "" : "s");
    if (!r->control_count) return;
    fputs("<table><thead><tr><th>kind</th><th>as</th><th>controls</th><th>decided</th><th>confirmed</th>"
          "<th>rate [95%]</th></tr></thead><tbody>\n", out);
    for (int i = 0; i < r->control_count; i++) {
        const report_control *c = &r->controls[i];
        fputs("<tr><td>", out);
        html_escape(out, c->kind);
        fputs("</td><td>", out);
        html_escape(out, c->subject);
        fprintf(out, "</td><td class=n>%lld</td><td class=n>%lld</td><td class=n>%lld</td>", c->tally.hits,
                c->tally.decided, c->tally.confirmed);
        html_interval(out, &c->rate);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void html_indicators(const report *r, FILE *out)
{
    fputs("<h2 id=indicators>Indicators</h2>\n<table><thead><tr><th>scenario</th><th>indicator</th><th>fired</th>"
          "<th>share of hits</th><th>decided</th><th>confirmed</th><th>precision [95%]</th></tr></thead><tbody>\n", out);
    for (int i = 0; i < r->count; i++)
        for (int k = 0; k < r->scenarios[i].indicator_count; k++) {
            const report_indicator *ind = &r->scenarios[i].indicators[k];
            fputs("<tr><td>", out);
            html_escape(out, r->scenarios[i].id);
            fputs("</td><td>", out);
            html_escape(out, ind->id);
            fprintf(out, "</td><td class=n>%lld</td><td class=n>%.1f%%</td><td class=n>%lld</td><td class=n>%lld</td>",
                    ind->tally.hits, 100 * ind->share, ind->tally.decided, ind->tally.confirmed);
            html_interval(out, &ind->precision);
            fputs("</tr>\n", out);
        }
    fputs("</tbody></table>\n", out);
}

void report_write_html(const report *r, FILE *out)
{
    html_begin(out, "vigie report");
    fprintf(out, "<h1>vigie report</h1>\n<p>Generated %s; review dates judged on %s; ", r->generated_at, r->as_of);
    if (r->opt.run_id) {
        fputs("run ", out);
        html_escape(out, r->opt.run_id);
    } else {
        fputs("production runs started from ", out);
        html_escape(out, r->opt.since ? r->opt.since : "the first");
        fputs(" to ", out);
        html_escape(out, r->opt.until ? r->opt.until : "the last");
    }
    fprintf(out, ". Noisy above %.2f%% of records. Precision is confirmed over decided hits, by each hit's latest "
                 "review; every figure is defined in docs/revision.md.</p>\n", 100 * r->opt.noisy_share);
    fputs("<nav><a href=\"#scenarios\">scenarios</a><a href=\"#time\">over time</a><a href=\"#disparity\">disparity</a>"
          "<a href=\"#overdue\">overdue reviews</a><a href=\"#controls\">controls</a><a href=\"#indicators\">indicators</a></nav>\n", out);
    html_scenarios(r, out);
    html_charts(r, out);
    html_disparity(r, out);
    html_overdue(r, out);
    html_controls(r, out);
    html_indicators(r, out);
    html_end(out);
}
