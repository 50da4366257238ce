/* quality.c - evaluation quality: a ruleset's hits against planted ground truth (precision, recall, look-alikes, hit rate per protected group). */
#include "quality.h"

#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "groups.h"
#include "xalloc.h"

/* ---- ground truth -------------------------------------------------------------- */

typedef struct truth_entry {
    char *key;
    int pattern;      /* index into quality.patterns */
    char label;       /* 'p' planted, 'l' lookalike, 'b' background */
    UT_hash_handle hh;
} truth_entry;

#define QUALITY_TOP_GROUPS 10   /* groups shown per protected field */

struct quality {
    hit_sink base;
    const scenario **selected;
    int selected_count;
    truth_entry *truth;
    char *patterns[QUALITY_MAX_PATTERNS];
    char pattern_label[QUALITY_MAX_PATTERNS];
    const char *pattern_kind[QUALITY_MAX_PATTERNS];
    long long pattern_records[QUALITY_MAX_PATTERNS], pattern_found[QUALITY_MAX_PATTERNS];
    long long *pattern_by_scenario;             /* pattern x scenario hits */
    int pattern_count;
    long long *hits, *on_planted, *on_lookalike, *on_background; /* per scenario */
    long long records_by_kind[QUALITY_MAX_KINDS], planted_by_kind[QUALITY_MAX_KINDS], found_by_kind[QUALITY_MAX_KINDS],
              lookalike_by_kind[QUALITY_MAX_KINDS], lookalike_hit_by_kind[QUALITY_MAX_KINDS];
    const char *kinds[QUALITY_MAX_KINDS];
    int kind_count;
    group_table groups[QUALITY_MAX_KINDS];                      /* per kind */
    int current_kind;
    const truth_entry *current;                 /* truth of the record being evaluated */
    int current_hit;
    long long min_group;                        /* groups smaller than this are not shown */
    long long unlabelled;                       /* records missing from the truth file */
};

static int quality_kind(quality *st, const schema *s)
{
    for (int i = 0; i < st->kind_count; i++)
        if (strcmp(st->kinds[i], s->kind) == 0) return i;
    if (st->kind_count == QUALITY_MAX_KINDS) return -1; /* an error, never a merge into another kind */
    st->kinds[st->kind_count] = s->kind;
    groups_init(&st->groups[st->kind_count], s, st->selected_count);
    return st->kind_count++;
}

static int quality_pattern(quality *st, const char *name, char label)
{
    for (int i = 0; i < st->pattern_count; i++)
        if (strcmp(st->patterns[i], name) == 0) return i;
    if (st->pattern_count == QUALITY_MAX_PATTERNS) return -1; /* an error, never a merge into another pattern */
    st->patterns[st->pattern_count] = xstrdup(name);
    st->pattern_label[st->pattern_count] = label;
    return st->pattern_count++;
}

int quality_load_truth(quality *st, const char *path, vg_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return error_set(err, path, 0, NULL, "cannot open the truth file");
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    int rc = VG_OK;
    while (getline(&line, &cap, f) > 0 && rc == VG_OK) {
        n++;
        line[strcspn(line, "\r\n")] = '\0';
        if (n == 1 && strcmp(line, "key,pattern,label") == 0) continue;
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        if (!c1 || !c2 || strchr(c2 + 1, ',')) {
            rc = error_set(err, path, n, NULL, "expected key,pattern,label");
            break;
        }
        *c1 = *c2 = '\0';
        const char *label = c2 + 1;
        char l = strcmp(label, "planted") == 0 ? 'p' : strcmp(label, "lookalike") == 0 ? 'l' : strcmp(label, "background") == 0 ? 'b' : 0;
        if (!l) {
            rc = error_set(err, path, n, "label", "label '%s' is not planted, lookalike or background", label);
            break;
        }
        truth_entry *e;
        HASH_FIND_STR(st->truth, line, e);
        if (e) {
            rc = error_set(err, path, n, "key", "key '%s' appears twice", line);
            break;
        }
        e = xmalloc(sizeof *e);
        e->key = xstrdup(line);
        e->label = l;
        e->pattern = l == 'b' ? -1 : quality_pattern(st, c1 + 1, l);
        if (l != 'b' && e->pattern < 0) {
            free(e->key);
            free(e);
            rc = error_set(err, path, n, "pattern", "pattern '%s' is one more than the %d patterns vigie eval counts apart",
                           c1 + 1, QUALITY_MAX_PATTERNS);
            break;
        }
        HASH_ADD_KEYPTR(hh, st->truth, e->key, strlen(e->key), e);
    }
    free(line);
    fclose(f);
    return rc;
}

/* ---- the sink: every record, then its hits ------------------------------------- */

static int quality_on_record(hit_sink *sink, const record *rec, vg_error *err)
{
    quality *st = (quality *)sink;
    int k = quality_kind(st, rec->schema);
    if (k < 0)
        return error_set(err, rec->source, rec->line, NULL, "record kind '%s' is one more than the %d kinds vigie eval counts apart",
                         rec->schema->kind, QUALITY_MAX_KINDS);
    st->current_kind = k;
    st->records_by_kind[k]++;
    groups_record(&st->groups[k], rec);
    const char *key = record_key(rec);
    truth_entry *e;
    HASH_FIND_STR(st->truth, key, e);
    st->current = e;
    st->current_hit = 0;
    if (!e) {
        st->unlabelled++;
    } else if (e->label == 'p') {
        st->planted_by_kind[k]++;
        st->pattern_records[e->pattern]++;
        st->pattern_kind[e->pattern] = st->kinds[k];
    } else if (e->label == 'l') {
        st->lookalike_by_kind[k]++;
        st->pattern_records[e->pattern]++;
        st->pattern_kind[e->pattern] = st->kinds[k];
    }
    return VG_OK;
}

static int quality_on_hit(hit_sink *sink, const hit_out *hit, vg_error *err)
{
    (void)err;
    quality *st = (quality *)sink;
    int s = hit->scenario;
    st->hits[s]++;
    groups_hit(&st->groups[st->current_kind], s);
    const truth_entry *e = st->current;
    char label = e ? e->label : 'b';
    if (label == 'p') st->on_planted[s]++;
    else if (label == 'l') st->on_lookalike[s]++;
    else st->on_background[s]++;
    if (e && e->pattern >= 0) {
        st->pattern_by_scenario[(size_t)e->pattern * (size_t)st->selected_count + (size_t)s]++;
        if (!st->current_hit) {
            st->pattern_found[e->pattern]++;
            if (label == 'p') st->found_by_kind[st->current_kind]++;
            else st->lookalike_hit_by_kind[st->current_kind]++;
        }
    }
    st->current_hit = 1;
    return VG_OK;
}

static int quality_close(hit_sink *sink, vg_error *err)
{
    (void)sink;
    (void)err;
    return VG_OK;
}

/* ---- report -------------------------------------------------------------------- */

static double ratio(long long a, long long b) { return b ? (double)a / (double)b : 0.0; }

static void quality_print_kind(const quality *st, int k, FILE *out)
{
    const char *kind = st->kinds[k];
    const group_table *g = &st->groups[k];
    long long population = st->records_by_kind[k];
    fprintf(out, "\n%s: %lld records evaluated, %lld planted, %lld innocent look-alikes\n", kind, population,
           st->planted_by_kind[k], st->lookalike_by_kind[k]);
    fprintf(out, "  %-34s %7s %8s %10s %10s %9s %7s\n", "scenario", "hits", "planted", "look-alike", "background",
            "precision", "recall");
    long long total_hits = 0;
    for (int s = 0; s < st->selected_count; s++) {
        if (strcmp(st->selected[s]->kind, kind) != 0) continue;
        total_hits += st->hits[s];
        fprintf(out, "  %-34s %7lld %8lld %10lld %10lld %9.2f %7.2f\n", st->selected[s]->id, st->hits[s],
                st->on_planted[s], st->on_lookalike[s], st->on_background[s], ratio(st->on_planted[s], st->hits[s]),
                ratio(st->on_planted[s], st->planted_by_kind[k]));
    }
    fprintf(out, "  %-34s %7lld %8s %10s %10s %9s %7.2f\n", "any scenario (records)", total_hits, "", "", "", "",
            ratio(st->found_by_kind[k], st->planted_by_kind[k]));
    fprintf(out, "  look-alikes hit by any scenario: %lld of %lld (%.1f%%)\n", st->lookalike_hit_by_kind[k],
            st->lookalike_by_kind[k], 100.0 * ratio(st->lookalike_hit_by_kind[k], st->lookalike_by_kind[k]));

    fprintf(out, "\n  %-50s %7s %8s %7s  %s\n", "pattern", "records", "found", "recall", "found most by");
    for (int p = 0; p < st->pattern_count; p++) {
        if (!st->pattern_kind[p] || strcmp(st->pattern_kind[p], kind) != 0) continue;
        int best = -1;
        for (int s = 0; s < st->selected_count; s++) {
            long long n = st->pattern_by_scenario[(size_t)p * (size_t)st->selected_count + (size_t)s];
            if (n && (best < 0 || n > st->pattern_by_scenario[(size_t)p * (size_t)st->selected_count + (size_t)best])) best = s;
        }
        char name[64];
        snprintf(name, sizeof name, "%s%s", st->patterns[p], st->pattern_label[p] == 'l' ? " (look-alike)" : "");
        fprintf(out, "  %-50s %7lld %8lld %7.2f  %s\n", name, st->pattern_records[p], st->pattern_found[p],
                ratio(st->pattern_found[p], st->pattern_records[p]), best >= 0 ? st->selected[best]->id : "-");
    }

    /* The two figures a target is set on: the planted pattern the ruleset finds least,
     * and the look-alike kind it hits most. */
    int weakest = -1, noisiest = -1;
    for (int p = 0; p < st->pattern_count; p++) {
        if (!st->pattern_kind[p] || strcmp(st->pattern_kind[p], kind) != 0 || !st->pattern_records[p]) continue;
        double r = ratio(st->pattern_found[p], st->pattern_records[p]);
        if (st->pattern_label[p] == 'p' && (weakest < 0 || r < ratio(st->pattern_found[weakest], st->pattern_records[weakest])))
            weakest = p;
        if (st->pattern_label[p] == 'l' && (noisiest < 0 || r > ratio(st->pattern_found[noisiest], st->pattern_records[noisiest])))
            noisiest = p;
    }
    if (weakest >= 0)
        fprintf(out, "  lowest recall of a planted pattern: %.2f (%s)\n",
                ratio(st->pattern_found[weakest], st->pattern_records[weakest]), st->patterns[weakest]);
    if (noisiest >= 0)
        fprintf(out, "  highest hit rate of a look-alike kind: %.1f%% (%s, %lld of %lld)\n",
                100.0 * ratio(st->pattern_found[noisiest], st->pattern_records[noisiest]), st->patterns[noisiest],
                st->pattern_found[noisiest], st->pattern_records[noisiest]);

    /* Hit rate per protected group: records with a hit per 1,000 records, for the
     * largest groups; then, per scenario, the highest and lowest group rate among them
     * (the disparity an oversight body asks about). */
    for (int f = 0; f < g->field_count; f++) {
        const char *fname = g->schema->fields[g->fields[f]].name;
        int top[QUALITY_TOP_GROUPS], ntop = 0;
        for (int i = 0; i < g->count; i++) {
            if (g->field_of[i] != f || g->population[i] < st->min_group || strcmp(g->labels[i], "(missing)") == 0) continue;
            int at;
            if (ntop < QUALITY_TOP_GROUPS) at = ntop++;
            else if (g->population[i] > g->population[top[QUALITY_TOP_GROUPS - 1]]) at = QUALITY_TOP_GROUPS - 1;
            else continue;
            top[at] = i;
            for (int k = at; k > 0 && g->population[top[k]] > g->population[top[k - 1]]; k--) {
                int t = top[k];
                top[k] = top[k - 1];
                top[k - 1] = t;
            }
        }
        fprintf(out, "\n  hit rate per %s group: records hit per 1,000 (the %d largest groups of %lld+ records)\n   ",
                fname, QUALITY_TOP_GROUPS, st->min_group);
        for (int k = 0; k < ntop; k++)
            fprintf(out, " %s %.2f (n=%lld)%s", g->labels[top[k]], 1000.0 * ratio(g->any_hit[top[k]], g->population[top[k]]),
                    g->population[top[k]], k % 5 == 4 && k + 1 < ntop ? "\n   " : "");
        if (!ntop) fputs(" no group is large enough", out);
        fputc('\n', out);
        for (int s = 0; s < st->selected_count && ntop > 1; s++) {
            if (strcmp(st->selected[s]->kind, kind) != 0 || st->hits[s] == 0) continue;
            int lo = top[0], hi = top[0], zero = 0;
            for (int k = 0; k < ntop; k++) {
                double r = ratio(g->hits[(size_t)top[k] * (size_t)g->scenario_count + (size_t)s], g->population[top[k]]);
                if (r > ratio(g->hits[(size_t)hi * (size_t)g->scenario_count + (size_t)s], g->population[hi])) hi = top[k];
                if (r < ratio(g->hits[(size_t)lo * (size_t)g->scenario_count + (size_t)s], g->population[lo])) lo = top[k];
                zero += r == 0;
            }
            double rh = 1000.0 * ratio(g->hits[(size_t)hi * (size_t)g->scenario_count + (size_t)s], g->population[hi]);
            double rl = 1000.0 * ratio(g->hits[(size_t)lo * (size_t)g->scenario_count + (size_t)s], g->population[lo]);
            fprintf(out, "    %-32s highest %s %.2f, lowest %s %.2f", st->selected[s]->id, g->labels[hi], rh, g->labels[lo], rl);
            if (rl > 0) fprintf(out, " (x%.1f)\n", rh / rl);
            else fprintf(out, " (no hit in %d of these groups)\n", zero);
        }
    }
}

/* ---- life cycle ---------------------------------------------------------------- */

quality *quality_new(const scenario **selected, int count, long long min_group)
{
    quality *st = xcalloc(1, sizeof *st);
    st->base.name = "eval";
    st->base.record = quality_on_record;
    st->base.write = quality_on_hit;
    st->base.close = quality_close;
    st->min_group = min_group;
    st->selected = selected;
    st->selected_count = count;
    size_t n = (size_t)count + 1;
    st->hits = xcalloc(n, sizeof *st->hits);
    st->on_planted = xcalloc(n, sizeof *st->on_planted);
    st->on_lookalike = xcalloc(n, sizeof *st->on_lookalike);
    st->on_background = xcalloc(n, sizeof *st->on_background);
    st->pattern_by_scenario = xcalloc(n * QUALITY_MAX_PATTERNS, sizeof *st->pattern_by_scenario);
    return st;
}

hit_sink *quality_sink(quality *q) { return &q->base; }

long long quality_unlabelled(const quality *q) { return q->unlabelled; }

void quality_print(const quality *q, FILE *out)
{
    for (int k = 0; k < q->kind_count; k++) quality_print_kind(q, k, out);
}

void quality_free(quality *st)
{
    if (!st) return;
    truth_entry *e, *tmp;
    HASH_ITER(hh, st->truth, e, tmp) {
        HASH_DEL(st->truth, e);
        free(e->key);
        free(e);
    }
    for (int i = 0; i < st->pattern_count; i++) free(st->patterns[i]);
    for (int k = 0; k < st->kind_count; k++) groups_free(&st->groups[k]);
    free(st->hits);
    free(st->on_planted);
    free(st->on_lookalike);
    free(st->on_background);
    free(st->pattern_by_scenario);
    free(st);
}
