/* backtest.c - a candidate ruleset against the baseline (a ruleset or a stored run) over the same manifests, joined with past dispositions. */
#include "backtest.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uthash.h>

#include "disposition.h"
#include "explain.h"
#include "loader.h"
#include "pipeline.h"
#include "store_report.h"
#include "version.h"

/* How it works. The manifests are read once, with the candidate's schemas; for every
 * record the sink below evaluates each candidate scenario of its kind and each
 * baseline scenario of its kind, in explain mode (every part, the full score), on
 * the reading thread, with each side's own compiled scenarios and lists. A baseline
 * scenario can share the record only when its kind's schema file is the same on both
 * sides (same field layout); otherwise its kind is read a second time with the
 * baseline's schemas. With --baseline-run the baseline is the hits that run stored.
 * Hits are matched by (scenario id, manifest path, line). Past dispositions come from
 * the review store: the latest review of the same record by the same scenario, else
 * the latest review of the record by any scenario; confirmed means it confirms the
 * scenario's subject kind (disposition_confirms). */

struct backtest_hit {
    char *position;               /* "path\x1fline" */
    char *record_key, *record_kind;
    int score;
    long line;
    char *source;
    UT_hash_handle hh;
};

typedef struct backtest_known {
    char *key;                    /* "kind\x1fkey" or "kind\x1fkey\x1fscenario" */
    char *disposition;
    UT_hash_handle hh;
} backtest_known;

typedef struct backtest_state {
    backtest *bt;
    loaded_ruleset candidate, baseline;
    bool have_candidate, have_baseline;
    backtest_known *known;
    explanation ex;
} backtest_state;

static char *backtest_dup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) abort();
    return d;
}

/* ---- known dispositions ------------------------------------------------------------- */

static void backtest_known_put(backtest_state *s, const char *key, const char *disposition)
{
    backtest_known *k;
    HASH_FIND_STR(s->known, key, k);
    if (!k) {
        k = calloc(1, sizeof *k);
        if (!k) abort();
        k->key = backtest_dup(key);
        HASH_ADD_KEYPTR(hh, s->known, k->key, strlen(k->key), k);
    } else {
        free(k->disposition);
    }
    k->disposition = backtest_dup(disposition);
}

static int backtest_on_known(const store_report_known_row *row, void *ctx)
{
    backtest_state *s = ctx;
    size_t n = strlen(row->record_kind) + strlen(row->record_key) + strlen(row->scenario_id) + 4;
    char *key = malloc(n);
    if (!key) abort();
    snprintf(key, n, "%s\x1f%s", row->record_kind, row->record_key);
    backtest_known_put(s, key, row->disposition);
    snprintf(key, n, "%s\x1f%s\x1f%s", row->record_kind, row->record_key, row->scenario_id);
    backtest_known_put(s, key, row->disposition);
    free(key);
    return 0;
}

/* The latest known review of this record by this scenario, else by any; NULL: none. */
static const char *backtest_disposition(const backtest_state *s, const char *kind, const char *key, const char *scenario_id)
{
    if (!key || !*key) return NULL;
    size_t n = strlen(kind) + strlen(key) + strlen(scenario_id) + 4;
    char *k = malloc(n);
    if (!k) abort();
    backtest_known *found;
    snprintf(k, n, "%s\x1f%s\x1f%s", kind, key, scenario_id);
    HASH_FIND_STR(s->known, k, found);
    if (!found) {
        snprintf(k, n, "%s\x1f%s", kind, key);
        HASH_FIND_STR(s->known, k, found);
    }
    free(k);
    return found ? found->disposition : NULL;
}

/* ---- scenarios of both sides -------------------------------------------------------- */

static backtest_scenario *backtest_find(backtest *bt, const char *id)
{
    for (int i = 0; i < bt->count; i++)
        if (strcmp(bt->scenarios[i].id, id) == 0) return &bt->scenarios[i];
    return NULL;
}

static backtest_scenario *backtest_add(backtest *bt, const char *id)
{
    backtest_scenario *s = backtest_find(bt, id);
    if (s) return s;
    bt->scenarios = realloc(bt->scenarios, sizeof *bt->scenarios * (size_t)(bt->count + 1));
    if (!bt->scenarios) abort();
    s = &bt->scenarios[bt->count++];
    memset(s, 0, sizeof *s);
    s->id = backtest_dup(id);
    return s;
}

static void backtest_set_meta(backtest_scenario *s, const char *title, const char *kind, const char *status,
                              const char *subject)
{
    free(s->title);
    free(s->kind);
    free(s->status);
    free(s->subject);
    s->title = backtest_dup(title);
    s->kind = backtest_dup(kind);
    s->status = backtest_dup(status);
    s->subject = backtest_dup(subject);
}

static void backtest_hit_add(backtest_hit **map, const char *source, long line, const char *kind, const char *key,
                             int score)
{
    size_t n = strlen(source) + 32;
    char *position = malloc(n);
    if (!position) abort();
    snprintf(position, n, "%s\x1f%ld", source, line);
    backtest_hit *h;
    HASH_FIND_STR(*map, position, h);
    if (h) { /* the same line twice (a manifest given twice): keep one */
        free(position);
        return;
    }
    h = calloc(1, sizeof *h);
    if (!h) abort();
    h->position = position;
    h->source = backtest_dup(source);
    h->line = line;
    h->record_key = backtest_dup(key);
    h->record_kind = backtest_dup(kind);
    h->score = score;
    HASH_ADD_KEYPTR(hh, *map, h->position, strlen(h->position), h);
}

/* ---- the reading sink ----------------------------------------------------------------- */

typedef struct backtest_sink {
    hit_sink base;
    backtest_state *state;
    int pass;                      /* 1: candidate schemas; 2: baseline schemas */
} backtest_sink;

static bool backtest_conditions_hold(const scenario *sc, const scenario_result *r)
{
    for (int i = 0; i < sc->condition_count; i++)
        if (r->outcome[i] != TRI_TRUE) return false;
    return true;
}

static void backtest_evaluate(backtest_state *st, backtest_scenario *s, bool candidate, const record *rec)
{
    const scenario *sc = candidate ? s->candidate_sc : s->baseline_sc;
    sandbox *sb = candidate ? st->candidate.set.sb : st->baseline.set.sb;
    verdict v = explain_record(sb, sc, rec, &st->ex);
    if (v == VERDICT_ERROR) {
        if (candidate) s->candidate_errors++;
        else s->baseline_errors++;
        return;
    }
    const char *key = record_key(rec);
    if (candidate && s->sweep && backtest_conditions_hold(sc, &st->ex.result)) {
        int bucket = st->ex.result.score - (sc->threshold - BACKTEST_SWEEP);
        if (bucket >= 0) {
            if (bucket >= BACKTEST_STEPS) bucket = BACKTEST_STEPS - 1;
            const char *d = backtest_disposition(st, rec->schema->kind, key, s->id);
            s->sweep_hits[bucket]++;
            if (d && disposition_decides(d)) s->sweep_decided[bucket]++;
            if (d && disposition_confirms(s->subject, d)) s->sweep_confirmed[bucket]++;
        }
    }
    if (v == VERDICT_HIT)
        backtest_hit_add(candidate ? &s->candidate_map : &s->baseline_map, rec->source, rec->line,
                         rec->schema->kind, key, st->ex.result.score);
}

static int backtest_on_record(hit_sink *sink, const record *rec, vg_error *err)
{
    (void)err;
    backtest_sink *bs = (backtest_sink *)sink;
    backtest_state *st = bs->state;
    for (int i = 0; i < st->bt->count; i++) {
        backtest_scenario *s = &st->bt->scenarios[i];
        if (strcmp(s->kind, rec->schema->kind) != 0) continue;
        if (bs->pass == 1 && s->candidate_sc) backtest_evaluate(st, s, true, rec);
        if (s->baseline_sc && s->baseline_pass == bs->pass) backtest_evaluate(st, s, false, rec);
    }
    return VG_OK;
}

static int backtest_on_hit(hit_sink *sink, const hit_out *hit, vg_error *err)
{
    (void)sink, (void)hit, (void)err;
    return VG_OK; /* the pipeline evaluates nothing itself: the record callback does */
}

static int backtest_close(hit_sink *sink, vg_error *err)
{
    (void)sink, (void)err;
    return VG_OK;
}

static int backtest_read(backtest_state *st, loaded_ruleset *reading, int pass, char **manifests, int count,
                         vg_error *err)
{
    backtest_sink bs = { .base = { .name = "backtest", .record = backtest_on_record, .write = backtest_on_hit,
                                   .close = backtest_close },
                         .state = st, .pass = pass };
    hit_sink *sinks[] = { &bs.base };
    run_options opt = { .threads = 1, .run_id = "backtest", .reject_messages = 5,
                        /* the scenarios evaluated in the sink read booking and link values too */
                        .index_for = (const scenario *const *)reading->set.items, .index_for_count = reading->set.count };
    run_summary sum;
    memset(&sum, 0, sizeof sum);
    pipeline_run(&reading->rs, &reading->set, NULL, 0, manifests, count, &opt, sinks, 1, &sum);
    int rc = VG_OK;
    for (int i = 0; i < sum.manifest_count; i++)
        if (sum.manifests[i].failed && rc == VG_OK)
            rc = error_set(err, NULL, 0, NULL, "%s", sum.manifests[i].failure);
    if (pass == 1) {
        st->bt->read = sum.read;
        st->bt->evaluated = sum.evaluated;
        st->bt->rejected = sum.rejected;
    }
    st->bt->reads++;
    run_summary_free(&sum);
    return rc;
}

/* ---- loading the sides ------------------------------------------------------------------ */

static int backtest_load(loaded_ruleset *lr, const char *dir, bool drafts, const scenario ***selected, int *count,
                         vg_error *err)
{
    if (loader_open(lr, dir, NULL, err) != VG_OK) return VG_ERR;
    if (loader_blocking_errors(lr, drafts, stderr) > 0) {
        loader_close(lr);
        return error_set(err, dir, 0, NULL, "the ruleset has errors (listed above): nothing was evaluated");
    }
    selection sel = { drafts, NULL, 0, NULL, 0, NULL, lr->today };
    *selected = calloc((size_t)lr->set.count + 1, sizeof **selected);
    if (!*selected) abort();
    diag_list notes = { 0 };
    *count = scenario_set_select(&lr->set, &sel, *selected, &notes);
    diag_list_free(&notes);
    return VG_OK;
}

static const char *backtest_schema_hash(const ruleset *rs, const char *kind)
{
    const schema *s = schema_set_find(&rs->schemas, kind);
    return s ? ruleset_file_hash(rs, s->path) : NULL;
}

static int backtest_on_run_scenario(const store_report_scenario_row *row, void *ctx)
{
    backtest *bt = ctx;
    backtest_scenario *s = backtest_add(bt, row->scenario_id);
    if (!s->in_candidate) backtest_set_meta(s, row->title, "", row->status, row->subject);
    s->in_baseline = true;
    snprintf(s->baseline_revision, sizeof s->baseline_revision, "%s", row->revision);
    s->baseline_threshold = row->threshold;
    return 0;
}

static int backtest_on_run_hit(const store_report_hit_row *row, void *ctx)
{
    backtest_scenario *s = backtest_find(ctx, row->scenario_id);
    if (!s) return 0;
    if (!*s->kind) {
        free(s->kind);
        s->kind = backtest_dup(row->record_kind);
    }
    backtest_hit_add(&s->baseline_map, row->source, row->line, row->record_kind, row->record_key, row->score);
    return 0;
}

static int backtest_on_run_row(const store_run_row *row, void *ctx)
{
    backtest *bt = ctx;
    snprintf(bt->baseline_revision, sizeof bt->baseline_revision, "%s", row->ruleset_revision);
    return 0;
}

/* ---- joining ---------------------------------------------------------------------------- */

static void backtest_change_add(backtest_state *st, backtest_scenario *s, backtest_change_kind kind,
                                const backtest_hit *base, const backtest_hit *cand)
{
    const backtest_hit *h = cand ? cand : base;
    s->changes = realloc(s->changes, sizeof *s->changes * (size_t)(s->change_count + 1));
    if (!s->changes) abort();
    backtest_change *c = &s->changes[s->change_count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->record_key = backtest_dup(h->record_key);
    c->source = backtest_dup(h->source);
    c->line = h->line;
    c->baseline_score = base ? base->score : 0;
    c->candidate_score = cand ? cand->score : 0;
    const char *d = backtest_disposition(st, h->record_kind, h->record_key, s->id);
    c->disposition = backtest_dup(d);
    c->confirmed = d && disposition_confirms(s->subject, d);
}

static int backtest_change_order(const void *a, const void *b)
{
    const backtest_change *x = a, *y = b;
    if ((x->kind == BACKTEST_SCORE) != (y->kind == BACKTEST_SCORE)) return x->kind == BACKTEST_SCORE ? 1 : -1;
    int c = strcmp(x->source, y->source);
    if (c) return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void backtest_tally(const backtest_state *st, const backtest_scenario *s, const backtest_hit *h,
                           long long *decided, long long *confirmed)
{
    const char *d = backtest_disposition(st, h->record_kind, h->record_key, s->id);
    if (d && disposition_decides(d)) (*decided)++;
    if (d && disposition_confirms(s->subject, d)) (*confirmed)++;
}

static void backtest_join(backtest_state *st, backtest_scenario *s)
{
    backtest_hit *b, *c, *tmp;
    HASH_ITER(hh, s->baseline_map, b, tmp) {
        s->baseline_hits++;
        backtest_tally(st, s, b, &s->baseline_decided, &s->baseline_confirmed);
        HASH_FIND_STR(s->candidate_map, b->position, c);
        if (c) {
            s->both++;
            if (c->score != b->score) {
                s->score_changed++;
                backtest_change_add(st, s, BACKTEST_SCORE, b, c);
            }
            continue;
        }
        s->lost++;
        backtest_change_add(st, s, BACKTEST_LOST, b, NULL);
        const backtest_change *ch = &s->changes[s->change_count - 1];
        if (ch->confirmed) s->lost_confirmed++;
        else if (*ch->disposition && disposition_decides(ch->disposition)) s->lost_not_confirmed++;
        else s->lost_unknown++;
    }
    HASH_ITER(hh, s->candidate_map, c, tmp) {
        s->candidate_hits++;
        backtest_tally(st, s, c, &s->candidate_decided, &s->candidate_confirmed);
        HASH_FIND_STR(s->baseline_map, c->position, b);
        if (b) continue;
        s->gained++;
        backtest_change_add(st, s, BACKTEST_GAINED, NULL, c);
        const backtest_change *ch = &s->changes[s->change_count - 1];
        if (ch->confirmed) s->gained_confirmed++;
        else if (*ch->disposition && disposition_decides(ch->disposition)) s->gained_not_confirmed++;
        else s->gained_unknown++;
    }
    if (s->change_count > 1) qsort(s->changes, (size_t)s->change_count, sizeof *s->changes, backtest_change_order);
    /* the sweep's buckets hold records by score: at threshold t, every bucket from t up */
    for (int i = BACKTEST_STEPS - 2; i >= 0; i--) {
        s->sweep_hits[i] += s->sweep_hits[i + 1];
        s->sweep_decided[i] += s->sweep_decided[i + 1];
        s->sweep_confirmed[i] += s->sweep_confirmed[i + 1];
    }
}

static void backtest_map_free(backtest_hit **map)
{
    backtest_hit *h, *tmp;
    HASH_ITER(hh, *map, h, tmp) {
        HASH_DEL(*map, h);
        free(h->position);
        free(h->source);
        free(h->record_key);
        free(h->record_kind);
        free(h);
    }
}

/* ---- the run as stored ---------------------------------------------------------------- */

static void backtest_store(const backtest_options *opt, backtest_state *st)
{
    backtest *bt = st->bt;
    char run_id[64], stamp[32], host[128] = "";
    store_now(stamp);
    snprintf(run_id, sizeof run_id, "backtest-%.4s%.2s%.2sT%.2s%.2s%.2sZ-%05ld", stamp, stamp + 5, stamp + 8,
             stamp + 11, stamp + 14, stamp + 17, (long)getpid() % 100000);
    gethostname(host, sizeof host - 1);
    const char *user = getenv("USER");
    store_run run = { .id = run_id, .kind = "backtest", .user = user ? user : "(unknown)", .host = host,
                      .pid = (long)getpid(), .vigie_version = VIGIE_VERSION, .ruleset_dir = opt->candidate_dir,
                      .ruleset_revision = bt->candidate_revision, .threads = 1 };
    /* inputs without sha256: a backtest must never make `vigie run` think the input was run */
    store_run_input *inputs = calloc((size_t)opt->manifest_count + 1, sizeof *inputs);
    store_run_scenario *scs = calloc((size_t)bt->count + 1, sizeof *scs);
    store_scenario_counts *counts = calloc((size_t)bt->count + 1, sizeof *counts);
    if (!inputs || !scs || !counts) abort();
    for (int i = 0; i < opt->manifest_count; i++) inputs[i] = (store_run_input){ .path = opt->manifests[i] };
    int n = 0;
    for (int i = 0; i < bt->count; i++) {
        const backtest_scenario *s = &bt->scenarios[i];
        if (!s->in_candidate) continue;
        scs[n] = (store_run_scenario){ .id = s->id, .revision = s->candidate_revision, .title_en = s->title,
                                       .subject = s->subject, .status = s->status, .threshold = s->candidate_threshold };
        counts[n] = (store_scenario_counts){ .id = s->id, .hits = s->candidate_hits, .errors = s->candidate_errors };
        n++;
    }
    vg_error err;
    store_run_end end = { .status = "complete", .read = bt->read, .evaluated = bt->evaluated, .rejected = bt->rejected,
                          .scenarios = counts, .scenario_count = n };
    for (int i = 0; i < n; i++) end.hits += counts[i].hits;
    char details[400];
    snprintf(details, sizeof details, "candidate %s (%.12s) against %s", opt->candidate_dir, bt->candidate_revision,
             bt->baseline);
    if (store_run_begin(opt->st, &run, inputs, opt->manifest_count, scs, n, &err) == VG_OK &&
        store_run_finish(opt->st, run_id, &end, &err) == VG_OK &&
        store_audit(opt->st, run.user, "backtest", run_id, details, &err) == VG_OK) {
        snprintf(bt->run_id, sizeof bt->run_id, "%s", run_id);
    } else {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie backtest: not recorded in the store: %s\n", msg);
    }
    free(inputs);
    free(scs);
    free(counts);
}

/* ---- the whole ---------------------------------------------------------------------- */

int backtest_run(const backtest_options *opt, backtest *bt, vg_error *err)
{
    memset(bt, 0, sizeof *bt);
    backtest_state *st = calloc(1, sizeof *st);
    if (!st) abort();
    st->bt = bt;
    const scenario **cand_sel = NULL, **base_sel = NULL;
    int cand_count = 0, base_count = 0;
    int rc = backtest_load(&st->candidate, opt->candidate_dir, true, &cand_sel, &cand_count, err);
    st->have_candidate = rc == VG_OK;
    bt->candidate_dir = backtest_dup(opt->candidate_dir);
    if (rc == VG_OK) {
        snprintf(bt->candidate_revision, sizeof bt->candidate_revision, "%s", st->candidate.rs.revision);
        for (int i = 0; i < cand_count; i++) {
            const scenario *sc = cand_sel[i];
            backtest_scenario *s = backtest_add(bt, sc->id);
            backtest_set_meta(s, sc->title.en, sc->kind, scenario_status_name(sc->status),
                              scenario_subject_name(sc->subject));
            s->in_candidate = true;
            s->candidate_sc = sc;
            snprintf(s->candidate_revision, sizeof s->candidate_revision, "%s", sc->revision);
            s->candidate_threshold = sc->threshold;
        }
    }
    if (rc == VG_OK && opt->baseline_dir) {
        bt->baseline = backtest_dup(opt->baseline_dir);
        rc = backtest_load(&st->baseline, opt->baseline_dir, false, &base_sel, &base_count, err);
        st->have_baseline = rc == VG_OK;
        if (rc == VG_OK) snprintf(bt->baseline_revision, sizeof bt->baseline_revision, "%s", st->baseline.rs.revision);
        for (int i = 0; rc == VG_OK && i < base_count; i++) {
            const scenario *sc = base_sel[i];
            backtest_scenario *s = backtest_add(bt, sc->id);
            if (!s->in_candidate) backtest_set_meta(s, sc->title.en, sc->kind, scenario_status_name(sc->status),
                                                    scenario_subject_name(sc->subject));
            s->in_baseline = true;
            s->baseline_sc = sc;
            snprintf(s->baseline_revision, sizeof s->baseline_revision, "%s", sc->revision);
            s->baseline_threshold = sc->threshold;
            const char *a = backtest_schema_hash(&st->baseline.rs, sc->kind);
            const char *b = backtest_schema_hash(&st->candidate.rs, sc->kind);
            s->baseline_pass = a && b && strcmp(a, b) == 0 ? 1 : 2;
        }
    } else if (rc == VG_OK) {
        size_t n = strlen(opt->baseline_run) + 8;
        bt->baseline = malloc(n);
        if (!bt->baseline) abort();
        snprintf(bt->baseline, n, "run %s", opt->baseline_run);
        if (!opt->st) rc = error_set(err, NULL, 0, NULL, "--baseline-run needs the review store");
        if (rc == VG_OK) rc = store_runs(opt->st, opt->baseline_run, 1, backtest_on_run_row, bt, err);
        if (rc == VG_OK && !*bt->baseline_revision)
            rc = error_set(err, store_file(opt->st), 0, NULL, "no run %s in the store", opt->baseline_run);
        store_report_window w = { NULL, NULL, opt->baseline_run };
        if (rc == VG_OK) rc = store_report_scenarios(opt->st, &w, backtest_on_run_scenario, bt, err);
        if (rc == VG_OK) rc = store_report_run_hits(opt->st, opt->baseline_run, backtest_on_run_hit, bt, err);
    }
    if (rc == VG_OK && opt->st) rc = store_report_known(opt->st, backtest_on_known, st, err);
    /* records with a known review: the keys without a scenario part */
    for (backtest_known *k = st->known; k; k = k->hh.next) bt->known += strchr(strchr(k->key, '\x1f') + 1, '\x1f') == NULL;
    for (int i = 0; rc == VG_OK && i < bt->count; i++) {
        backtest_scenario *s = &bt->scenarios[i];
        s->changed = !s->in_baseline || !s->in_candidate || strcmp(s->baseline_revision, s->candidate_revision) != 0;
        s->sweep = s->changed && s->in_candidate;
    }
    if (rc == VG_OK) rc = backtest_read(st, &st->candidate, 1, opt->manifests, opt->manifest_count, err);
    bool second = false;
    for (int i = 0; i < bt->count; i++) second |= bt->scenarios[i].baseline_sc && bt->scenarios[i].baseline_pass == 2;
    if (rc == VG_OK && second) rc = backtest_read(st, &st->baseline, 2, opt->manifests, opt->manifest_count, err);
    for (int i = 0; rc == VG_OK && i < bt->count; i++) backtest_join(st, &bt->scenarios[i]);
    if (rc == VG_OK && opt->st) backtest_store(opt, st);

    for (int i = 0; i < bt->count; i++) {
        backtest_map_free(&bt->scenarios[i].baseline_map);
        backtest_map_free(&bt->scenarios[i].candidate_map);
        bt->scenarios[i].baseline_sc = bt->scenarios[i].candidate_sc = NULL;
    }
    backtest_known *k, *tmp;
    HASH_ITER(hh, st->known, k, tmp) {
        HASH_DEL(st->known, k);
        free(k->key);
        free(k->disposition);
        free(k);
    }
    if (st->have_candidate) loader_close(&st->candidate);
    if (st->have_baseline) loader_close(&st->baseline);
    free(cand_sel);
    free(base_sel);
    free(st);
    if (rc != VG_OK) backtest_free(bt);
    return rc;
}

void backtest_free(backtest *bt)
{
    for (int i = 0; i < bt->count; i++) {
        backtest_scenario *s = &bt->scenarios[i];
        free(s->id);
        free(s->title);
        free(s->kind);
        free(s->status);
        free(s->subject);
        for (int k = 0; k < s->change_count; k++) {
            free(s->changes[k].record_key);
            free(s->changes[k].source);
            free(s->changes[k].disposition);
        }
        free(s->changes);
    }
    free(bt->scenarios);
    free(bt->candidate_dir);
    free(bt->baseline);
    memset(bt, 0, sizeof *bt);
}
