/* cmd_explain.c - `vigie explain`: the full trace of one record against every scenario of its kind. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "trial.h"
#include "explain.h"
#include "pipeline.h"
#include "links.h"
#include "loader.h"
#include "reader.h"

const char cmd_explain_usage[] =
    "usage: vigie explain [-s RULESET] [--scenario ID | --all] [--format text|json] [--lang en|fr]\n"
    "                     [--kind KIND] MANIFEST[:LINE]\n"
    "       vigie explain [-s RULESET] [--format text|json] [--lang en|fr] --case FILE.test.yaml:NAME\n"
    "\n"
    "Evaluate one record (the one starting at LINE, or the first record of the\n"
    "manifest) against the scenarios of its kind, drafts included, retired ones\n"
    "left out, and print each condition and indicator: true, false or unknown, its\n"
    "weight, its evidence (the record's values, matched list entries, missing\n"
    "fields), the score against the threshold, the verdict and the guidance.\n"
    "By default it shows the 5 scenarios that hit or came closest (hits and errors\n"
    "first, then the fewest conditions not holding, then the smallest shortfall of\n"
    "the score), and says how many it left out.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR   ruleset directory (default: vigie.yaml's ruleset, else scenarios)\n"
    "  --scenario ID       only this scenario\n"
    "  --all               every scenario of the record's kind\n"
    "  --case FILE:NAME    the record of fixture case NAME of FILE (a .test.yaml of the\n"
    "                      ruleset), against its scenario, and whether it gives what\n"
    "                      the case expects\n"
    "  --format FORMAT     text (default) or json (one JSON array of explanations)\n"
    "  --lang LANG         en or fr for labels, guidance and the frame (default:\n"
    "                      vigie.yaml's language, else en)\n"
    "  --kind KIND         record kind when it cannot be inferred\n"
    "\n"
    "exit codes: 0 shown, 1 the record was rejected (reason printed), 2 bad usage,\n"
    "3 the ruleset does not load, 4 the manifest cannot be read or has no such line,\n"
    "5 the fixture case does not give what it expects (--case).\n";

#define EXPLAIN_TOP 5

/* Add to each part of hit its predicate in words ("when": {"en", "fr"}), from the
 * operator table: parts are conditions then indicators, as in sc->parts. */
static void explain_add_wording(cJSON *hit, const scenario *sc)
{
    static const char *groups[] = { "conditions", "indicators" };
    int part = 0;
    for (int g = 0; g < 2; g++) {
        cJSON *o;
        cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(hit, groups[g])) {
            if (part >= sc->condition_count + sc->indicator_count) return;
            char en[700], fr[700];
            predicate_describe(sc->parts[part].when, sc->schema, "en", en, sizeof en);
            predicate_describe(sc->parts[part].when, sc->schema, "fr", fr, sizeof fr);
            cJSON *w = cJSON_CreateObject();
            cJSON_AddStringToObject(w, "en", en);
            cJSON_AddStringToObject(w, "fr", fr);
            cJSON_AddItemToObject(o, "when", w);
            part++;
        }
    }
}

/* One scenario's explanation and how close it came to a hit. */
typedef struct explained {
    cJSON *json;
    int rank;          /* 0 hit or error, 1 no hit */
    int conditions_off;
    int shortfall;     /* threshold - score */
    int order;
} explained;

static int explained_compare(const void *pa, const void *pb)
{
    const explained *a = pa, *b = pb;
    if (a->rank != b->rank) return a->rank - b->rank;
    if (a->rank == 0) return a->order - b->order;
    if (a->conditions_off != b->conditions_off) return a->conditions_off - b->conditions_off;
    if (a->shortfall != b->shortfall) return a->shortfall - b->shortfall;
    return a->order - b->order;
}

static void explained_measure(const explanation *ex, explained *e)
{
    e->rank = ex->result.verdict == VERDICT_NO_HIT ? 1 : 0;
    e->conditions_off = 0;
    for (int i = 0; i < ex->sc->condition_count; i++)
        if (ex->result.outcome[i] != TRI_TRUE) e->conditions_off++;
    e->shortfall = ex->sc->threshold - ex->result.score;
}

static void explain_output(explained *list, int count, int limit, const char *format, const char *lang, FILE *out)
{
    if (format[0] == 'j') {
        cJSON *all = cJSON_CreateArray();
        for (int i = 0; i < count && i < limit; i++) {
            cJSON_AddItemToArray(all, list[i].json);
            list[i].json = NULL;
        }
        char *s = cJSON_Print(all);
        fputs(s, out);
        fputc('\n', out);
        free(s);
        cJSON_Delete(all);
        return;
    }
    for (int i = 0; i < count && i < limit; i++) {
        if (i) fputc('\n', out);
        explain_print_json(list[i].json, out, lang);
    }
    if (count > limit && strcmp(lang, "fr") == 0)
        fprintf(out, "\n%d scénarios sur %d affichés : ceux qui donnent une alerte, puis les plus proches ; "
                     "--all les montre tous, --scenario ID un seul\n", limit, count);
    else if (count > limit)
        fprintf(out, "\n%d of %d scenarios shown: those that hit, then the closest; --all shows every one, "
                     "--scenario ID one\n", limit, count);
}

/* --case FILE:NAME: the suite whose file is FILE (same file on disk) and its case NAME. */
static const fixture_case *explain_find_case(const loaded_ruleset *lr, const char *arg, const fixture_suite **suite_out)
{
    const char *sep = strstr(arg, ".test.yaml:");
    if (!sep) {
        fprintf(stderr, "vigie explain: --case expects FILE.test.yaml:NAME, not '%s'\n", arg);
        return NULL;
    }
    size_t flen = (size_t)(sep - arg) + strlen(".test.yaml");
    char file[1024];
    snprintf(file, sizeof file, "%.*s", (int)flen, arg);
    const char *name = arg + flen + 1;
    char want[PATH_MAX], have[PATH_MAX];
    if (!realpath(file, want)) {
        fprintf(stderr, "vigie explain: --case: cannot open %s\n", file);
        return NULL;
    }
    for (int i = 0; i < lr->fixtures.count; i++) {
        const fixture_suite *su = &lr->fixtures.suites[i];
        if (!realpath(su->path, have) || strcmp(have, want) != 0) continue;
        for (int k = 0; k < su->case_count; k++)
            if (strcmp(su->cases[k].name, name) == 0) {
                *suite_out = su;
                return &su->cases[k];
            }
    }
    fprintf(stderr, "vigie explain: --case: %s has no valid case named '%s' in ruleset %s\n", file, name, lr->rs.dir);
    return NULL;
}

/* Split "file.csv:12" into path and line (0 when no line is given). */
static char *explain_split(const char *arg, long *line)
{
    char *path = strdup(arg);
    *line = 0;
    char *colon = strrchr(path, ':');
    if (colon && colon[1]) {
        char *end;
        long v = strtol(colon + 1, &end, 10);
        if (*end == '\0' && v > 0) {
            *line = v;
            *colon = '\0';
        }
    }
    return path;
}

int cmd_explain(int argc, char **argv)
{
    const char *ruleset_dir = NULL, *only = NULL, *format = "text", *lang = NULL, *kind = NULL, *case_arg = NULL;
    bool all = false;
    enum { OPT_SCENARIO = 256, OPT_FORMAT, OPT_LANG, OPT_KIND, OPT_ALL, OPT_CASE };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "scenario", required_argument, NULL, OPT_SCENARIO },
        { "format", required_argument, NULL, OPT_FORMAT }, { "lang", required_argument, NULL, OPT_LANG },
        { "kind", required_argument, NULL, OPT_KIND }, { "all", no_argument, NULL, OPT_ALL },
        { "case", required_argument, NULL, OPT_CASE }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:h", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case OPT_SCENARIO: only = optarg; break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_LANG: lang = optarg; break;
        case OPT_KIND: kind = optarg; break;
        case OPT_ALL: all = true; break;
        case OPT_CASE: case_arg = optarg; break;
        case 'h': fputs(cmd_explain_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie explain: see 'vigie help explain'\n", stderr); return EXIT_USAGE;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "vigie explain: --format is text or json, not '%s'\n", format);
        return EXIT_USAGE;
    }
    if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
        fprintf(stderr, "vigie explain: --lang is en or fr, not '%s'\n", lang);
        return EXIT_USAGE;
    }
    if (case_arg ? optind != argc || only || all || kind : optind != argc - 1) {
        fputs(case_arg ? "vigie explain: --case takes no MANIFEST, --scenario, --all or --kind\n"
                       : "vigie explain: give exactly one MANIFEST[:LINE]\n", stderr);
        return EXIT_USAGE;
    }
    if (only && all) {
        fputs("vigie explain: --scenario and --all do not go together\n", stderr);
        return EXIT_USAGE;
    }
    config cfg;
    if (!config_load_for(&cfg, "explain")) return EXIT_USAGE;
    ruleset_dir = config_ruleset(&cfg, ruleset_dir, "scenarios");
    lang = config_language(&cfg, lang, "en");

    loaded_ruleset lr;
    vg_error err;
    char msg[900];
    if (loader_open(&lr, ruleset_dir, NULL, &err) != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie explain: %s\n", msg);
        return EXIT_RULESET;
    }
    int errors = diag_count(&lr.diags, DIAG_ERROR);
    if (errors)
        fprintf(stderr, "vigie explain: note: the ruleset has %d error%s (run: vigie check %s); scenarios that "
                        "did not compile are not shown\n", errors, errors == 1 ? "" : "s", ruleset_dir);
    if (only && !scenario_set_find(&lr.set, only)) {
        fprintf(stderr, "vigie explain: no scenario '%s' in %s\n", only, ruleset_dir);
        loader_close(&lr);
        return EXIT_USAGE;
    }

    if (case_arg) {
        const fixture_suite *suite = NULL;
        const fixture_case *fc = explain_find_case(&lr, case_arg, &suite);
        if (!fc || !suite->sc) {
            if (fc) fprintf(stderr, "vigie explain: --case: scenario %s did not compile\n", suite->scenario_id);
            loader_close(&lr);
            return EXIT_USAGE;
        }
        explanation *ex = calloc(1, sizeof *ex);
        if (!ex) abort();
        char why[1024];
        bool as_expected = trial_case_run(lr.set.sb, suite->sc, fc, ex, why, sizeof why);
        explained one = { explain_to_json(ex, NULL), 0, 0, 0, 0 };
        explain_add_wording(one.json, suite->sc);
        explain_output(&one, 1, 1, format, lang, stdout);
        cJSON_Delete(one.json);
        if (format[0] != 'j') {
            if (as_expected) printf("\ncase '%s' (%s:%ld): as expected\n", fc->name, suite->path, fc->line);
            else printf("\ncase '%s' (%s:%ld): NOT as expected: %s\n", fc->name, suite->path, fc->line, why);
        }
        free(ex);
        loader_close(&lr);
        return as_expected ? EXIT_CLEAN : EXIT_FAILED;
    }

    long line;
    char *path = explain_split(argv[optind], &line);
    int rc = EXIT_CLEAN;
    reader *r = reader_open(path, &lr.rs.schemas, kind, &err);
    if (!r) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie explain: %s\n", msg);
        loader_close(&lr);
        free(path);
        return EXIT_IO;
    }
    /* booking and link values: the manifest is indexed first, as a run's first pass would */
    links_index *indexes[PIPELINE_MAX_KINDS];
    int index_count = 0;
    {
        run_options io = { .threads = 1, .run_id = "explain", .index_for = (const scenario *const *)lr.set.items,
                           .index_for_count = lr.set.count, .index_out = indexes, .index_out_count = &index_count };
        run_summary isum;
        char *paths[] = { path };
        pipeline_run(&lr.rs, &lr.set, NULL, 0, paths, 1, &io, NULL, 0, &isum);
        run_summary_free(&isum);
    }
    record rec;
    record_init(&rec, reader_schema(r));
    rec.links = links_find(indexes, index_count, reader_schema(r));
    read_status st;
    /* the record that starts at `line`: records are read in order, so stop once past it */
    while ((st = reader_next(r, &rec, &err)) == READ_RECORD || st == READ_REJECT) {
        long at = st == READ_RECORD ? rec.line : err.line;
        if (line == 0 || at == line) break;
        if (at > line) {
            st = READ_EOF;
            break;
        }
    }
    if (st == READ_REJECT) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie explain: the record is rejected: %s\n", msg);
        rc = EXIT_PARTIAL;
    } else if (st != READ_RECORD) {
        if (st == READ_FATAL) {
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie explain: %s\n", msg);
        } else {
            fprintf(stderr, "vigie explain: %s: no record starts at line %ld\n", path, line);
        }
        rc = EXIT_IO;
    } else {
        explanation *ex = calloc(1, sizeof *ex);
        explained *list = calloc((size_t)(lr.set.count ? lr.set.count : 1), sizeof *list);
        if (!ex || !list) abort();
        int count = 0;
        for (int i = 0; i < lr.set.count; i++) {
            const scenario *sc = lr.set.items[i];
            if (sc->schema != rec.schema || sc->status == STATUS_RETIRED) continue;
            if (only && strcmp(only, sc->id) != 0) continue;
            explain_record(lr.set.sb, sc, &rec, ex);
            explained *e = &list[count];
            e->json = explain_to_json(ex, NULL);
            explain_add_wording(e->json, sc);
            e->order = count++;
            explained_measure(ex, e);
        }
        qsort(list, (size_t)count, sizeof *list, explained_compare);
        if (!count && format[0] != 'j')
            printf("no scenario applies to %s records in %s\n", rec.schema->kind, ruleset_dir);
        else
            explain_output(list, count, all || only ? count : EXPLAIN_TOP, format, lang, stdout);
        for (int i = 0; i < count; i++) cJSON_Delete(list[i].json);
        free(list);
        free(ex);
    }
    record_free(&rec);
    for (int k = 0; k < index_count; k++) links_free(indexes[k]);
    reader_close(r);
    loader_close(&lr);
    free(path);
    return rc;
}
