/* pipeline.c - stream manifests through the selected scenarios: read, evaluate, explain hits, sink them. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "reader.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_line(const manifest_counts *m, double elapsed, FILE *out)
{
    double rate = elapsed > 0 ? (double)m->read / elapsed : 0;
    fprintf(out, "\r\033[K  %s: %lld records, %.0f records/s, %.1f MB/s", m->path, m->read, rate,
            elapsed > 0 ? (double)m->bytes / 1e6 / elapsed : 0.0);
    fflush(out);
}

static void report_line(const run_options *opt, long long *shown, const char *text)
{
    if (*shown < opt->reject_messages) fprintf(stderr, "%s\n", text);
    else if (*shown == opt->reject_messages) fprintf(stderr, "(more rejects and errors are counted in the summary%s)\n",
                                                     opt->rejects_path ? ", all of them in the rejects file" : "");
    (*shown)++;
}

/* One manifest. Counts go to m and to the scenario counts. */
static void pipeline_manifest(const ruleset *rs, scenario_set *set, const scenario **selected, int selected_count,
                              const char *path, const run_options *opt, hit_sink **sinks, int sink_count,
                              manifest_counts *m, run_summary *sum, long long *shown, explanation *ex)
{
    vg_error err;
    char text[800];
    m->path = path;
    reader *r = reader_open(path, &rs->schemas, opt->kind, &err);
    if (!r) {
        error_format(&err, m->failure, sizeof m->failure);
        m->failed = true;
        fprintf(stderr, "vigie: %s\n", m->failure);
        return;
    }
    const schema *s = reader_schema(r);
    m->kind = s->kind;
    /* the scenarios that apply to this kind, as indexes into sum->scenarios */
    int *mine = malloc(sizeof *mine * (size_t)(selected_count + 1));
    int n = 0;
    for (int i = 0; i < selected_count; i++)
        if (selected[i]->schema == s || strcmp(selected[i]->kind, s->kind) == 0) mine[n++] = i;

    record rec;
    record_init(&rec, s);
    scenario_result res;
    hit_origin origin = { opt->run_id, rs->revision };
    double start = now_seconds(), last = start;
    for (;;) {
        read_status st = reader_next(r, &rec, &err);
        if (st == READ_EOF) break;
        if (st == READ_FATAL) {
            error_format(&err, m->failure, sizeof m->failure);
            m->failed = true;
            fprintf(stderr, "vigie: %s\n", m->failure);
            break;
        }
        m->read++;
        if (st == READ_REJECT) {
            m->rejected++;
            error_format(&err, text, sizeof text);
            if (opt->rejects_path && !sum->rejects) {
                sum->rejects = fopen(opt->rejects_path, "w");
                if (!sum->rejects) fprintf(stderr, "vigie: cannot create %s; rejects go to stderr only\n", opt->rejects_path);
            }
            if (sum->rejects) fprintf(sum->rejects, "%s\n", text);
            report_line(opt, shown, text);
            continue;
        }
        m->evaluated++;
        if (opt->progress && (m->read & 0x3fff) == 0) {
            double t = now_seconds();
            if (t - last > 0.5) {
                m->bytes = reader_bytes_read(r);
                progress_line(m, t - start, stderr);
                last = t;
            }
        }
        if (opt->parse_only) continue;
        for (int i = 0; i < sink_count; i++) {
            if (!sinks[i] || !sinks[i]->record || sinks[i]->record(sinks[i], &rec, &err) == VG_OK) continue;
            if (!sum->sink_failed) error_format(&err, sum->sink_failure, sizeof sum->sink_failure);
            sum->sink_failed = true;
        }
        for (int k = 0; k < n; k++) {
            scenario_counts *c = &sum->scenarios[mine[k]];
            const scenario *sc = c->sc;
            c->evaluated++;
            verdict v = eval_scenario(set->sb, sc, &rec, &res, NULL);
            if (v == VERDICT_NO_HIT) continue;
            const char *message = res.error;
            if (v == VERDICT_HIT) {
                v = explain_record(set->sb, sc, &rec, ex);
                message = ex->result.error;
            }
            if (v == VERDICT_ERROR) {
                c->errors++;
                snprintf(text, sizeof text, "%s:%ld: %s: error: %s", path, rec.line, sc->id, message);
                if (!c->first_error[0]) snprintf(c->first_error, sizeof c->first_error, "%s", text);
                report_line(opt, shown, text);
                continue;
            }
            if (v != VERDICT_HIT) continue; /* cannot differ from the fast path; kept for safety */
            c->hits++;
            for (int i = 0; i < sink_count; i++) {
                if (!sinks[i] || sink_write(sinks[i], ex, &origin, &err) == VG_OK) continue;
                if (!sum->sink_failed) error_format(&err, sum->sink_failure, sizeof sum->sink_failure);
                sum->sink_failed = true;
            }
        }
    }
    m->bytes = reader_bytes_read(r);
    if (opt->progress) fputs("\r\033[K", stderr);
    record_free(&rec);
    reader_close(r);
    free(mine);
}

void pipeline_run(const ruleset *rs, scenario_set *set, const scenario **selected, int selected_count,
                  char **manifests, int manifest_count, const run_options *opt,
                  hit_sink **sinks, int sink_count, run_summary *sum)
{
    memset(sum, 0, sizeof *sum);
    sum->manifests = calloc((size_t)(manifest_count + 1), sizeof *sum->manifests);
    sum->scenarios = calloc((size_t)(selected_count + 1), sizeof *sum->scenarios);
    explanation *ex = calloc(1, sizeof *ex);
    if (!sum->manifests || !sum->scenarios || !ex) abort();
    sum->manifest_count = manifest_count;
    sum->scenario_count = selected_count;
    for (int i = 0; i < selected_count; i++) sum->scenarios[i].sc = selected[i];
    long long shown = 0;
    double start = now_seconds();
    for (int i = 0; i < manifest_count; i++) {
        manifest_counts *m = &sum->manifests[i];
        pipeline_manifest(rs, set, selected, selected_count, manifests[i], opt, sinks, sink_count, m, sum, &shown, ex);
        sum->read += m->read;
        sum->evaluated += m->evaluated;
        sum->rejected += m->rejected;
        sum->bytes += m->bytes;
    }
    sum->seconds = now_seconds() - start;
    if (sum->rejects && fclose(sum->rejects) != 0) fprintf(stderr, "vigie: cannot write %s\n", opt->rejects_path);
    sum->rejects = NULL;
    for (int i = 0; i < selected_count; i++) {
        sum->hits += sum->scenarios[i].hits;
        sum->errors += sum->scenarios[i].errors;
    }
    free(ex);
}

static void print_count(FILE *out, long long v)
{
    /* thousands separated by a thin comma for the eye: 1,234,567 */
    char buf[32], grouped[48];
    int n = snprintf(buf, sizeof buf, "%lld", v), g = 0;
    for (int i = 0; i < n; i++) {
        grouped[g++] = buf[i];
        if (buf[i] != '-' && (n - i - 1) % 3 == 0 && i != n - 1) grouped[g++] = ',';
    }
    grouped[g] = '\0';
    fprintf(out, "%12s", grouped);
}

void run_summary_print(const run_summary *s, const run_options *opt, FILE *out)
{
    fprintf(out, "\nvigie run %s%s\n", opt->run_id ? opt->run_id : "", opt->parse_only ? " (parse only: nothing evaluated against scenarios)" : "");
    fprintf(out, "  %-40s %12s %12s %12s\n", "manifest", "read", "evaluated", "rejected");
    for (int i = 0; i < s->manifest_count; i++) {
        const manifest_counts *m = &s->manifests[i];
        const char *p = m->path;
        size_t len = strlen(p);
        fprintf(out, "  %-40s ", len > 40 ? p + len - 40 : p);
        print_count(out, m->read);
        fputc(' ', out);
        print_count(out, m->evaluated);
        fputc(' ', out);
        print_count(out, m->rejected);
        if (m->failed) fputs("  FAILED (see above)", out);
        fputc('\n', out);
    }
    fprintf(out, "  %-40s ", "total (read = evaluated + rejected)");
    print_count(out, s->read);
    fputc(' ', out);
    print_count(out, s->evaluated);
    fputc(' ', out);
    print_count(out, s->rejected);
    fputc('\n', out);
    if (!opt->parse_only) {
        fprintf(out, "\n  %-40s %-20s %12s %12s\n", "scenario", "subject", "hits", "errors");
        int other_kinds = 0;
        for (int i = 0; i < s->scenario_count; i++) {
            const scenario_counts *c = &s->scenarios[i];
            if (c->evaluated == 0) { /* no record of its kind in these manifests */
                other_kinds++;
                continue;
            }
            fprintf(out, "  %-40s %-20s ", c->sc->id, scenario_subject_name(c->sc->subject));
            print_count(out, c->hits);
            fputc(' ', out);
            print_count(out, c->errors);
            fputc('\n', out);
            if (c->first_error[0]) fprintf(out, "      first error: %s\n", c->first_error);
        }
        if (other_kinds)
            fprintf(out, "  (%d selected scenario%s of record kinds not in these manifests)\n", other_kinds,
                    other_kinds == 1 ? "" : "s");
        fprintf(out, "  %-61s ", "total");
        print_count(out, s->hits);
        fputc(' ', out);
        print_count(out, s->errors);
        fputc('\n', out);
    }
    double rate = s->seconds > 0 ? (double)s->read / s->seconds : 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(out, "\n  %.2f s, %.0f records/s, %.1f MB/s, peak memory %.1f MB\n", s->seconds, rate,
            s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0, (double)ru.ru_maxrss / 1024.0);
    if (s->sink_failed) fprintf(out, "  HITS OUTPUT FAILED: %s\n", s->sink_failure);
}

void run_summary_free(run_summary *s)
{
    free(s->manifests);
    free(s->scenarios);
    memset(s, 0, sizeof *s);
}
