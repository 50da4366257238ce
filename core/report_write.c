/* report_write.c - `vigie report` rendered as text for a reader, JSON for tools, CSV tables for spreadsheets. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "disposition.h"
#include "report.h"
#include "xalloc.h"

/* Figures print with 4 decimals (text, CSV) or rounded to 6 (JSON); an undefined
 * figure is "-" in text, empty in CSV and null in JSON, never 0. */

static const char *report_review_state(const report_scenario *s)
{
    return s->overdue ? "overdue" : s->due_soon ? "due-soon" : "ok";
}

static void report_fmt(char *out, size_t size, bool defined, double v)
{
    if (defined) snprintf(out, size, "%.4f", v);
    else snprintf(out, size, "-");
}

static void report_fmt_interval(char *out, size_t size, const report_interval *iv)
{
    if (!iv->defined) snprintf(out, size, "-");
    else if (!iv->bounded) snprintf(out, size, "%.4f (no interval)", iv->value);
    else snprintf(out, size, "%.4f [%.4f, %.4f]", iv->value, iv->low, iv->high);
}

static double report_share(long long part, long long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* ---- text ---------------------------------------------------------------------------- */

static void report_text_scenario(const report *r, const report_scenario *s, FILE *out)
{
    char buf[128], buf2[128];
    fprintf(out, "%s  revision %.12s  %s  owner %s  review by %s (%s)\n", s->id, s->revision, s->status,
            *s->owner ? s->owner : "-", *s->review_by ? s->review_by : "-", report_review_state(s));
    fprintf(out, "    %s\n", s->title);
    fprintf(out, "    subject %s, threshold %d, %lld run%s from %.10s to %.10s\n", s->subject, s->threshold, s->runs,
            s->runs == 1 ? "" : "s", s->first_run_at, s->last_run_at);
    fprintf(out, "    records %lld  hits %lld  per 10,000 records %.1f%s\n", s->evaluated, s->tally.hits,
            s->hits_per_10000, s->noisy ? "  NOISY" : "");
    fprintf(out, "    reviewed %lld of %lld (%.1f%%)", s->tally.reviewed, s->tally.hits,
            report_share(s->tally.reviewed, s->tally.hits));
    for (int d = 0; d < disposition_count; d++)
        if (s->tally.by_disposition[d]) fprintf(out, ", %s %lld", dispositions[d].name, s->tally.by_disposition[d]);
    fprintf(out, "\n");
    report_fmt_interval(buf, sizeof buf, &s->precision);
    fprintf(out, "    precision %s  (%lld confirmed of %lld decided)\n", buf, s->tally.confirmed, s->tally.decided);
    if (s->control >= 0) {
        const report_control *c = &r->controls[s->control];
        report_fmt_interval(buf, sizeof buf, &s->lift);
        fprintf(out, "    lift over random controls %s  (controls: %lld confirmed of %lld decided)\n", buf,
                c->tally.confirmed, c->tally.decided);
    } else {
        fprintf(out, "    lift over random controls -  (no control item of kind %s)\n", *s->kind ? s->kind : "-");
    }
    if (s->open > 0) snprintf(buf2, sizeof buf2, "%.1f", s->median_open_days);
    else snprintf(buf2, sizeof buf2, "-");
    fprintf(out, "    errors %lld  open %lld  median open age %s days  open older than %d days %lld (%.1f%%)\n",
            s->errors, s->open, buf2, r->opt.older_than_days, s->open_older, report_share(s->open_older, s->open));
    if (s->indicator_count) {
        fprintf(out, "    %-24s %6s %7s %7s %9s  %s\n", "indicator", "fired", "share", "decided", "confirmed",
                "precision [95%]");
        for (int i = 0; i < s->indicator_count; i++) {
            const report_indicator *ind = &s->indicators[i];
            report_fmt_interval(buf, sizeof buf, &ind->precision);
            fprintf(out, "    %-24s %6lld %6.1f%% %7lld %9lld  %s\n", ind->id, ind->tally.hits, 100 * ind->share,
                    ind->tally.decided, ind->tally.confirmed, buf);
        }
    }
    if (s->group_count) {
        fprintf(out, "    %-24s %-12s %8s %6s %8s %8s\n", "protected field", "group", "records", "hits", "rate",
                "ratio");
        for (int i = 0; i < s->group_count; i++) {
            const report_group *g = &s->groups[i];
            if (g->too_small) {
                fprintf(out, "    %-24s %-12s %8lld %6s %8s %8s  too small (under %lld)\n", g->field, g->group,
                        g->records, "-", "-", "-", r->opt.min_group);
                continue;
            }
            report_fmt(buf, sizeof buf, g->ratio_defined, g->ratio);
            fprintf(out, "    %-24s %-12s %8lld %6lld %8.4f %8s%s\n", g->field, g->group, g->records, g->hits, g->rate,
                    buf, g->flagged ? "  OUTSIDE 0.8-1.25" : "");
        }
    }
    fprintf(out, "\n");
}

static void report_text(const report *r, FILE *out)
{
    fprintf(out, "vigie report, generated %s; review dates judged on %s\n", r->generated_at, r->as_of);
    if (r->opt.run_id) fprintf(out, "runs: %s\n", r->opt.run_id);
    else fprintf(out, "runs: production runs started from %s to %s\n", r->opt.since ? r->opt.since : "the first",
                 r->opt.until ? r->opt.until : "the last");
    fprintf(out, "noisy above %.2f%% of records; groups under %lld records too small; fairness band %.2f-%.2f\n\n",
            100 * r->opt.noisy_share, r->opt.min_group, REPORT_FAIR_LOW, REPORT_FAIR_HIGH);
    if (r->count == 0) fprintf(out, "no scenario ran in these runs\n\n");
    /* a scenario of a kind these runs never read has no figure: one line for all */
    int idle = 0;
    for (int i = 0; i < r->count; i++) {
        const report_scenario *s = &r->scenarios[i];
        if (s->evaluated == 0 && s->tally.hits == 0) idle++;
        else report_text_scenario(r, s, out);
    }
    if (idle) {
        fprintf(out, "not screened in these runs (no record of their kind):");
        for (int i = 0, n = 0; i < r->count; i++)
            if (r->scenarios[i].evaluated == 0 && r->scenarios[i].tally.hits == 0)
                fprintf(out, "%s %s", n++ ? "," : "", r->scenarios[i].id);
        fprintf(out, "\n\n");
    }
    fprintf(out, "random controls: %lld hit%s\n", r->control_hits, r->control_hits == 1 ? "" : "s");
    for (int i = 0; i < r->control_count; i++) {
        const report_control *c = &r->controls[i];
        char buf[128];
        report_fmt_interval(buf, sizeof buf, &c->rate);
        fprintf(out, "    %-10s as %-21s controls %lld  decided %lld  confirmed %lld  rate %s\n", c->kind, c->subject,
                c->tally.hits, c->tally.decided, c->tally.confirmed, buf);
    }
    int overdue = 0;
    for (int i = 0; i < r->count; i++) overdue += r->scenarios[i].overdue || r->scenarios[i].due_soon;
    if (overdue) {
        fprintf(out, "\nreviews overdue or due within %d days:\n", REPORT_DUE_DAYS);
        for (int i = 0; i < r->count; i++)
            if (r->scenarios[i].overdue || r->scenarios[i].due_soon)
                fprintf(out, "    %-32s %s  %s  owner %s\n", r->scenarios[i].id, r->scenarios[i].review_by,
                        report_review_state(&r->scenarios[i]), r->scenarios[i].owner);
    }
}

/* ---- JSON ----------------------------------------------------------------------------- */

static cJSON *report_json_number(bool defined, double v)
{
    return defined ? cJSON_CreateNumber(round(v * 1e6) / 1e6) : cJSON_CreateNull();
}

static cJSON *report_json_interval(const report_interval *iv)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", report_json_number(iv->defined, iv->value));
    cJSON_AddItemToObject(o, "low", report_json_number(iv->bounded, iv->low));
    cJSON_AddItemToObject(o, "high", report_json_number(iv->bounded, iv->high));
    return o;
}

static cJSON *report_json_tally(const report_tally *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "hits", (double)t->hits);
    cJSON_AddNumberToObject(o, "reviewed", (double)t->reviewed);
    cJSON_AddNumberToObject(o, "decided", (double)t->decided);
    cJSON_AddNumberToObject(o, "confirmed", (double)t->confirmed);
    cJSON *d = cJSON_AddObjectToObject(o, "dispositions");
    for (int i = 0; i < disposition_count; i++) cJSON_AddNumberToObject(d, dispositions[i].name, (double)t->by_disposition[i]);
    return o;
}

static cJSON *report_json(const report *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "generated_at", r->generated_at);
    cJSON_AddStringToObject(root, "as_of", r->as_of);
    cJSON *win = cJSON_AddObjectToObject(root, "runs");
    cJSON_AddItemToObject(win, "since", r->opt.since ? cJSON_CreateString(r->opt.since) : cJSON_CreateNull());
    cJSON_AddItemToObject(win, "until", r->opt.until ? cJSON_CreateString(r->opt.until) : cJSON_CreateNull());
    cJSON_AddItemToObject(win, "run", r->opt.run_id ? cJSON_CreateString(r->opt.run_id) : cJSON_CreateNull());
    cJSON *opts = cJSON_AddObjectToObject(root, "options");
    cJSON_AddNumberToObject(opts, "noisy_share", r->opt.noisy_share);
    cJSON_AddNumberToObject(opts, "min_group", (double)r->opt.min_group);
    cJSON_AddNumberToObject(opts, "older_than_days", r->opt.older_than_days);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    for (int i = 0; i < r->count; i++) {
        const report_scenario *s = &r->scenarios[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", s->id);
        cJSON_AddStringToObject(o, "revision", s->revision);
        cJSON_AddStringToObject(o, "title", s->title);
        cJSON_AddStringToObject(o, "kind", s->kind);
        cJSON_AddStringToObject(o, "subject", s->subject);
        cJSON_AddStringToObject(o, "status", s->status);
        cJSON_AddStringToObject(o, "owner", s->owner);
        cJSON_AddStringToObject(o, "review_by", s->review_by);
        cJSON_AddStringToObject(o, "review_state", report_review_state(s));
        cJSON_AddNumberToObject(o, "threshold", s->threshold);
        cJSON_AddNumberToObject(o, "runs", (double)s->runs);
        cJSON_AddNumberToObject(o, "records", (double)s->evaluated);
        cJSON_AddNumberToObject(o, "errors", (double)s->errors);
        cJSON_AddItemToObject(o, "tally", report_json_tally(&s->tally));
        cJSON_AddItemToObject(o, "hits_per_10000", report_json_number(true, s->hits_per_10000));
        cJSON_AddItemToObject(o, "share_reviewed", report_json_number(s->tally.hits > 0,
                                                                      (double)s->tally.reviewed / (double)(s->tally.hits ? s->tally.hits : 1)));
        cJSON_AddBoolToObject(o, "noisy", s->noisy);
        cJSON_AddItemToObject(o, "precision", report_json_interval(&s->precision));
        cJSON_AddItemToObject(o, "lift", report_json_interval(&s->lift));
        cJSON_AddNumberToObject(o, "open", (double)s->open);
        cJSON_AddItemToObject(o, "median_open_days", report_json_number(s->open > 0, s->median_open_days));
        cJSON_AddItemToObject(o, "open_older_share", report_json_number(s->open > 0, (double)s->open_older / (double)(s->open ? s->open : 1)));
        cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
        for (int k = 0; k < s->indicator_count; k++) {
            const report_indicator *ind = &s->indicators[k];
            cJSON *io = cJSON_CreateObject();
            cJSON_AddStringToObject(io, "id", ind->id);
            cJSON_AddItemToObject(io, "tally", report_json_tally(&ind->tally));
            cJSON_AddItemToObject(io, "share", report_json_number(true, ind->share));
            cJSON_AddItemToObject(io, "precision", report_json_interval(&ind->precision));
            cJSON_AddItemToArray(inds, io);
        }
        cJSON *groups = cJSON_AddArrayToObject(o, "groups");
        for (int k = 0; k < s->group_count; k++) {
            const report_group *g = &s->groups[k];
            cJSON *go = cJSON_CreateObject();
            cJSON_AddStringToObject(go, "field", g->field);
            cJSON_AddStringToObject(go, "group", g->group);
            cJSON_AddNumberToObject(go, "records", (double)g->records);
            cJSON_AddBoolToObject(go, "too_small", g->too_small);
            cJSON_AddItemToObject(go, "hits", g->too_small ? cJSON_CreateNull() : cJSON_CreateNumber((double)g->hits));
            cJSON_AddItemToObject(go, "rate", report_json_number(!g->too_small && g->records > 0, g->rate));
            cJSON_AddItemToObject(go, "ratio", report_json_number(!g->too_small && g->ratio_defined, g->ratio));
            cJSON_AddBoolToObject(go, "flagged", g->flagged);
            cJSON_AddItemToArray(groups, go);
        }
        cJSON_AddItemToArray(arr, o);
    }
    cJSON *days = cJSON_AddArrayToObject(root, "days");
    for (int i = 0; i < r->day_count; i++) {
        const report_day *d = &r->days[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario", d->scenario_id);
        cJSON_AddStringToObject(o, "day", d->day);
        cJSON_AddNumberToObject(o, "records", (double)d->records);
        cJSON_AddItemToObject(o, "tally", report_json_tally(&d->tally));
        cJSON_AddItemToObject(o, "precision", report_json_interval(&d->precision));
        cJSON_AddItemToArray(days, o);
    }
    cJSON *ctl = cJSON_AddObjectToObject(root, "controls");
    cJSON_AddNumberToObject(ctl, "hits", (double)r->control_hits);
    cJSON *rates = cJSON_AddArrayToObject(ctl, "rates");
    for (int i = 0; i < r->control_count; i++) {
        const report_control *c = &r->controls[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", c->kind);
        cJSON_AddStringToObject(o, "subject", c->subject);
        cJSON_AddItemToObject(o, "tally", report_json_tally(&c->tally));
        cJSON_AddItemToObject(o, "rate", report_json_interval(&c->rate));
        cJSON_AddItemToArray(rates, o);
    }
    return root;
}

/* ---- CSV ------------------------------------------------------------------------------- */

/* Text fields are quoted when they hold a comma, quote or line break. */
static void report_csv_text(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void report_csv_num(FILE *out, bool defined, double v)
{
    fputc(',', out);
    if (defined) fprintf(out, "%.4f", v);
}

static void report_csv_interval(FILE *out, const report_interval *iv)
{
    report_csv_num(out, iv->defined, iv->value);
    report_csv_num(out, iv->bounded, iv->low);
    report_csv_num(out, iv->bounded, iv->high);
}

static void report_csv_key(FILE *out, const report_scenario *s)
{
    report_csv_text(out, s->id);
    fputc(',', out);
    fputs(s->revision, out);
}

static int report_csv(const report *r, const char *table, FILE *out, vg_error *err)
{
    if (!table || strcmp(table, "scenarios") == 0) {
        fputs("scenario_id,revision,title,kind,subject,status,owner,review_by,review_state,threshold,runs,records,hits,"
              "hits_per_10000,reviewed,share_reviewed", out);
        for (int d = 0; d < disposition_count; d++) fprintf(out, ",%s", dispositions[d].name);
        fputs(",decided,confirmed,precision,precision_low,precision_high,errors,open,median_open_days,"
              "open_older_share,noisy,lift,lift_low,lift_high\n", out);
        for (int i = 0; i < r->count; i++) {
            const report_scenario *s = &r->scenarios[i];
            report_csv_key(out, s);
            const char *texts[] = { s->title, s->kind, s->subject, s->status, s->owner, s->review_by, report_review_state(s) };
            for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
                fputc(',', out);
                report_csv_text(out, texts[k]);
            }
            fprintf(out, ",%d,%lld,%lld,%lld", s->threshold, s->runs, s->evaluated, s->tally.hits);
            report_csv_num(out, true, s->hits_per_10000);
            fprintf(out, ",%lld", s->tally.reviewed);
            report_csv_num(out, s->tally.hits > 0, (double)s->tally.reviewed / (double)(s->tally.hits ? s->tally.hits : 1));
            for (int d = 0; d < disposition_count; d++) fprintf(out, ",%lld", s->tally.by_disposition[d]);
            fprintf(out, ",%lld,%lld", s->tally.decided, s->tally.confirmed);
            report_csv_interval(out, &s->precision);
            fprintf(out, ",%lld,%lld", s->errors, s->open);
            report_csv_num(out, s->open > 0, s->median_open_days);
            report_csv_num(out, s->open > 0, (double)s->open_older / (double)(s->open ? s->open : 1));
            fprintf(out, ",%s", s->noisy ? "yes" : "no");
            report_csv_interval(out, &s->lift);
            fputc('\n', out);
        }
    } else if (strcmp(table, "indicators") == 0) {
        fputs("scenario_id,revision,indicator,fired,share,decided,confirmed,precision,precision_low,precision_high\n", out);
        for (int i = 0; i < r->count; i++)
            for (int k = 0; k < r->scenarios[i].indicator_count; k++) {
                const report_indicator *ind = &r->scenarios[i].indicators[k];
                report_csv_key(out, &r->scenarios[i]);
                fputc(',', out);
                report_csv_text(out, ind->id);
                fprintf(out, ",%lld", ind->tally.hits);
                report_csv_num(out, true, ind->share);
                fprintf(out, ",%lld,%lld", ind->tally.decided, ind->tally.confirmed);
                report_csv_interval(out, &ind->precision);
                fputc('\n', out);
            }
    } else if (strcmp(table, "groups") == 0) {
        fputs("scenario_id,revision,field,group,records,hits,rate,ratio,flagged,too_small\n", out);
        for (int i = 0; i < r->count; i++)
            for (int k = 0; k < r->scenarios[i].group_count; k++) {
                const report_group *g = &r->scenarios[i].groups[k];
                report_csv_key(out, &r->scenarios[i]);
                fputc(',', out);
                report_csv_text(out, g->field);
                fputc(',', out);
                report_csv_text(out, g->group);
                fprintf(out, ",%lld,", g->records);
                if (!g->too_small) fprintf(out, "%lld", g->hits);
                report_csv_num(out, !g->too_small && g->records > 0, g->rate);
                report_csv_num(out, !g->too_small && g->ratio_defined, g->ratio);
                fprintf(out, ",%s,%s\n", g->flagged ? "yes" : "no", g->too_small ? "yes" : "no");
            }
    } else if (strcmp(table, "controls") == 0) {
        fputs("kind,subject,controls,reviewed,decided,confirmed,rate,rate_low,rate_high\n", out);
        for (int i = 0; i < r->control_count; i++) {
            const report_control *c = &r->controls[i];
            report_csv_text(out, c->kind);
            fputc(',', out);
            report_csv_text(out, c->subject);
            fprintf(out, ",%lld,%lld,%lld,%lld", c->tally.hits, c->tally.reviewed, c->tally.decided, c->tally.confirmed);
            report_csv_interval(out, &c->rate);
            fputc('\n', out);
        }
    } else {
        return error_set(err, NULL, 0, NULL, "unknown CSV table '%s' (scenarios, indicators, groups, controls)", table);
    }
    return VG_OK;
}

void report_json_print(cJSON *root, FILE *out)
{
    char *text = cJSON_Print(root);
    if (!text) xalloc_die();
    fputs(text, out);
    fputc('\n', out);
    free(text);
    cJSON_Delete(root);
}

int report_write(const report *r, const char *format, const char *table, FILE *out, vg_error *err)
{
    if (!format || strcmp(format, "text") == 0) {
        report_text(r, out);
        return VG_OK;
    }
    if (strcmp(format, "csv") == 0) return report_csv(r, table, out, err);
    if (strcmp(format, "html") == 0) {
        report_write_html(r, out);
        return VG_OK;
    }
    if (strcmp(format, "json") == 0) {
        cJSON *root = report_json(r);
        report_json_print(root, out);
        return VG_OK;
    }
    return error_set(err, NULL, 0, NULL, "unknown format '%s' (text, json, csv, html)", format);
}
