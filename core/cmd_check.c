/* cmd_check.c - `vigie check`: every finding about a ruleset (load, compile, fixtures, governance), or its inventory. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "lists_report.h"
#include "loader.h"
#include "xalloc.h"

const char cmd_check_usage[] =
    "usage: vigie check [-s RULESET] [--format text|json] [--strict] [--list] [RULESET]\n"
    "\n"
    "Validate a ruleset without reading any manifest: its schemas and lists, every\n"
    "scenario (Lua syntax, metadata, fields and their types, lists, duplicate ids,\n"
    "thresholds that cannot be reached or are always reached; Lua's and/or/not on\n"
    "predicates, which do not combine them; operators given arguments they do not\n"
    "take; predicates that can never be true; a title without its French for an\n"
    "active scenario), the shared indicators of lib/, its fixtures, and the\n"
    "governance rules: no sensitive field, a written justification for each protected\n"
    "field, never protected grounds alone, review_by not past (an error for an active\n"
    "scenario) nor within 30 days (a warning), a rationale and guidance for every\n"
    "active scenario. What a Lua function indicator reads is learned by running it on\n"
    "the scenario's fixtures, so these rules cover function indicators too.\n"
    "\n"
    "Each finding is printed as FILE:LINE: error|warning[CODE]: SCENARIO: message, with a\n"
    "one-line hint, sorted by file and line, then one summary line. The codes are\n"
    "stable; docs/authoring.md lists them all with their fix.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR   ruleset directory (default: vigie.yaml's ruleset, else\n"
    "                      scenarios; or give it as RULESET)\n"
    "  --format FORMAT     text (default) or json: one JSON array of findings, each\n"
    "                      {severity, code, file, line, scenario, message, hint}\n"
    "  --strict            warnings fail the check too\n"
    "  --list              print the scenarios instead (id, status, subject, kind,\n"
    "                      review_by, revision, tags), then the lists (match, entries,\n"
    "                      aliases, edition, as_of, review_by, source); with --format\n"
    "                      json, an array of the scenarios (vigie lists show --format\n"
    "                      json gives the lists)\n"
    "\n"
    "exit codes:\n"
    "  0  no error (and no warning with --strict)\n"
    "  2  bad command line (or a bad vigie.yaml)\n"
    "  3  the ruleset cannot be read at all (no such directory, a broken schema or list)\n"
    "  5  errors were found (or warnings, with --strict)\n"
    "\n"
    "VIGIE_TODAY=YYYY-MM-DD sets the date review_by is compared with (tests, replays).\n"
    "VIGIE_FIXTURE_SECONDS=N bounds the time one scenario's fixtures may take, both\n"
    "passes together (default 10; over it, the error fixtures-too-slow).\n";

/* Findings in file, then line, then report order. */
static const diag *check_sort_base;

static int check_compare(const void *a, const void *b)
{
    int ia = *(const int *)a, ib = *(const int *)b;
    const diag *da = &check_sort_base[ia], *db = &check_sort_base[ib];
    int c = strcmp(da->file, db->file);
    if (c) return c;
    if (da->line != db->line) return da->line < db->line ? -1 : 1;
    return ia - ib;
}

static cJSON *check_finding_json(const char *severity, const char *code, const char *file, long line,
                                 const char *scenario, const char *message, const char *hint)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "severity", severity);
    cJSON_AddStringToObject(o, "code", code);
    cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "line", (double)line);
    if (scenario && scenario[0]) cJSON_AddStringToObject(o, "scenario", scenario);
    else cJSON_AddNullToObject(o, "scenario");
    cJSON_AddStringToObject(o, "message", message);
    cJSON_AddStringToObject(o, "hint", hint);
    return o;
}

static void check_print_json(cJSON *o)
{
    char *s = cJSON_Print(o);
    puts(s);
    free(s);
    cJSON_Delete(o);
}

static const char *plural(int n) { return n == 1 ? "" : "s"; }

static int check_list(const loaded_ruleset *lr, bool json)
{
    if (json) {
        cJSON *a = cJSON_CreateArray();
        for (int i = 0; i < lr->set.count; i++) {
            const scenario *sc = lr->set.items[i];
            const fixture_suite *suite = fixture_set_find(&lr->fixtures, sc);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", sc->id);
            cJSON_AddStringToObject(o, "title", text_get(&sc->title, "en"));
            cJSON_AddStringToObject(o, "status", scenario_status_name(sc->status));
            cJSON_AddStringToObject(o, "subject", scenario_subject_name(sc->subject));
            cJSON_AddStringToObject(o, "kind", sc->kind);
            cJSON_AddStringToObject(o, "review_by", sc->review_by ? sc->review_by : "");
            cJSON_AddStringToObject(o, "revision", sc->revision);
            cJSON *tags = cJSON_AddArrayToObject(o, "tags");
            for (int t = 0; t < sc->tag_count; t++) cJSON_AddItemToArray(tags, cJSON_CreateString(sc->tags[t]));
            cJSON_AddStringToObject(o, "file", sc->path);
            cJSON_AddNumberToObject(o, "line", sc->line);
            cJSON_AddNumberToObject(o, "fixture_cases", suite ? suite->case_count : 0);
            cJSON_AddItemToArray(a, o);
        }
        check_print_json(a);
        return EXIT_CLEAN;
    }
    int width = 2;
    for (int i = 0; i < lr->set.count; i++) {
        int n = (int)strlen(lr->set.items[i]->id);
        if (n > width) width = n;
    }
    printf("%-*s  %-7s  %-20s  %-9s  %-10s  %-12s  %s\n", width, "id", "status", "subject", "kind", "review_by",
           "revision", "tags");
    for (int i = 0; i < lr->set.count; i++) {
        const scenario *sc = lr->set.items[i];
        printf("%-*s  %-7s  %-20s  %-9s  %-10s  %.12s  ", width, sc->id, scenario_status_name(sc->status),
               scenario_subject_name(sc->subject), sc->kind, sc->review_by ? sc->review_by : "-", sc->revision);
        for (int t = 0; t < sc->tag_count; t++) printf("%s%s", t ? "," : "", sc->tags[t]);
        if (!sc->tag_count) putchar('-');
        putchar('\n');
    }
    printf("%d scenario%s, ruleset %s revision %.12s\n", lr->set.count, plural(lr->set.count), lr->rs.dir,
           lr->rs.revision);
    if (lr->rs.lists.count) {
        /* where each list comes from and when it is due, next to the scenarios that read it */
        putchar('\n');
        lists_show(&lr->rs.lists, lr->today, stdout);
    }
    return EXIT_CLEAN;
}

/* Scenario files that did not compile (load and compile errors name their file). */
static int check_failed_files(const loaded_ruleset *lr)
{
    int n = 0;
    for (int i = 0; i < lr->compile_errors; i++) {
        bool seen = false;
        for (int k = 0; k < i && !seen; k++) seen = strcmp(lr->diags.items[k].file, lr->diags.items[i].file) == 0;
        if (!seen) n++;
    }
    return n;
}

int cmd_check(int argc, char **argv)
{
    const char *ruleset_dir = NULL, *format = "text";
    bool strict = false, list = false;
    enum { OPT_FORMAT = 256, OPT_STRICT, OPT_LIST };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "format", required_argument, NULL, OPT_FORMAT },
        { "strict", no_argument, NULL, OPT_STRICT }, { "list", no_argument, NULL, OPT_LIST },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:h", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_STRICT: strict = true; break;
        case OPT_LIST: list = true; break;
        case 'h': fputs(cmd_check_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie check: see 'vigie help check'\n", stderr); return EXIT_USAGE;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "vigie check: --format is text or json, not '%s'\n", format);
        return EXIT_USAGE;
    }
    if (optind < argc) {
        if (optind < argc - 1 || ruleset_dir) {
            fputs("vigie check: give one ruleset, as -s DIR or as RULESET\n", stderr);
            return EXIT_USAGE;
        }
        ruleset_dir = argv[optind];
    }
    config cfg;
    if (!config_load_for(&cfg, "check")) return EXIT_USAGE;
    ruleset_dir = config_ruleset(&cfg, ruleset_dir, "scenarios");
    bool json = format[0] == 'j';

    loaded_ruleset lr;
    vg_error err;
    if (loader_open(&lr, ruleset_dir, NULL, &err) != VG_OK) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie check: %s\n", msg);
        if (json) {
            cJSON *a = cJSON_CreateArray();
            cJSON_AddItemToArray(a, check_finding_json("error", "bad-ruleset", err.file[0] ? err.file : ruleset_dir,
                                                       err.line, NULL, msg,
                                                       "a ruleset is a directory with schemas/, lists/ and scenario files; fix the file named, then check again"));
            check_print_json(a);
        }
        return EXIT_RULESET;
    }
    if (list) {
        int rc = check_list(&lr, json);
        loader_close(&lr);
        return rc;
    }

    int n = lr.diags.count;
    int *order = xmalloc(sizeof *order * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) order[i] = i;
    check_sort_base = lr.diags.items;
    qsort(order, (size_t)n, sizeof *order, check_compare);

    int errors = diag_count(&lr.diags, DIAG_ERROR), warnings = diag_count(&lr.diags, DIAG_WARNING);
    if (json) {
        cJSON *a = cJSON_CreateArray();
        for (int i = 0; i < n; i++) {
            const diag *d = &lr.diags.items[order[i]];
            cJSON_AddItemToArray(a, check_finding_json(d->severity == DIAG_ERROR ? "error" : "warning", d->code,
                                                       d->file, d->line, d->scenario, d->message, d->hint));
        }
        check_print_json(a);
    } else {
        for (int i = 0; i < n; i++) diag_print(&lr.diags.items[order[i]], stdout);
        int failed = check_failed_files(&lr);
        printf("%d error%s, %d warning%s in %d scenario%s", errors, plural(errors), warnings, plural(warnings),
               lr.set.count, plural(lr.set.count));
        if (failed) printf(" (%d scenario file%s with scenarios that do not compile)", failed, plural(failed));
        putchar('\n');
    }
    free(order);
    loader_close(&lr);
    return errors || (strict && warnings) ? EXIT_FAILED : EXIT_CLEAN;
}
