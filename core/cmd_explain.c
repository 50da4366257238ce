/* cmd_explain.c - `vigie explain`: the full trace of one record against every scenario of its kind. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "explain.h"
#include "loader.h"
#include "reader.h"

const char cmd_explain_usage[] =
    "usage: vigie explain [-s RULESET] [--scenario ID] [--format text|json] [--lang en|fr]\n"
    "                     [--kind KIND] MANIFEST[:LINE]\n"
    "\n"
    "Evaluate one record (the one starting at LINE, or the first record of the\n"
    "manifest) against every scenario of its kind, drafts included, retired ones\n"
    "left out, and print each condition and indicator: true, false or unknown, its\n"
    "weight, its evidence (the record's values, matched list entries, missing\n"
    "fields), the score against the threshold, the verdict and the guidance.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR   ruleset directory (default: scenarios)\n"
    "  --scenario ID       only this scenario\n"
    "  --format FORMAT     text (default) or json (one JSON array of explanations)\n"
    "  --lang LANG         en (default) or fr for labels and guidance\n"
    "  --kind KIND         record kind when it cannot be inferred\n"
    "\n"
    "exit codes: 0 shown, 1 the record was rejected (reason printed), 2 bad usage,\n"
    "3 the ruleset does not load, 4 the manifest cannot be read or has no such line.\n";

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
    const char *ruleset_dir = "scenarios", *only = NULL, *format = "text", *lang = "en", *kind = NULL;
    enum { OPT_SCENARIO = 256, OPT_FORMAT, OPT_LANG, OPT_KIND };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "scenario", required_argument, NULL, OPT_SCENARIO },
        { "format", required_argument, NULL, OPT_FORMAT }, { "lang", required_argument, NULL, OPT_LANG },
        { "kind", required_argument, NULL, OPT_KIND }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
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
        case 'h': fputs(cmd_explain_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie explain: see 'vigie help explain'\n", stderr); return EXIT_USAGE;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "vigie explain: --format is text or json, not '%s'\n", format);
        return EXIT_USAGE;
    }
    if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0) {
        fprintf(stderr, "vigie explain: --lang is en or fr, not '%s'\n", lang);
        return EXIT_USAGE;
    }
    if (optind != argc - 1) {
        fputs("vigie explain: give exactly one MANIFEST[:LINE]\n", stderr);
        return EXIT_USAGE;
    }
    long line;
    char *path = explain_split(argv[optind], &line);

    loaded_ruleset lr;
    vg_error err;
    char msg[900];
    if (loader_open(&lr, ruleset_dir, NULL, &err) != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie explain: %s\n", msg);
        free(path);
        return EXIT_RULESET;
    }
    int errors = diag_count(&lr.diags, DIAG_ERROR);
    if (errors)
        fprintf(stderr, "vigie explain: note: the ruleset has %d error%s (run: vigie check %s); scenarios that "
                        "did not compile are not shown\n", errors, errors == 1 ? "" : "s", ruleset_dir);
    if (only && !scenario_set_find(&lr.set, only)) {
        fprintf(stderr, "vigie explain: no scenario '%s' in %s\n", only, ruleset_dir);
        loader_close(&lr);
        free(path);
        return EXIT_USAGE;
    }

    int rc = EXIT_CLEAN;
    reader *r = reader_open(path, &lr.rs.schemas, kind, &err);
    if (!r) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie explain: %s\n", msg);
        loader_close(&lr);
        free(path);
        return EXIT_IO;
    }
    record rec;
    record_init(&rec, reader_schema(r));
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
        cJSON *all = cJSON_CreateArray();
        int shown = 0;
        for (int i = 0; i < lr.set.count; i++) {
            const scenario *sc = lr.set.items[i];
            if (sc->schema != rec.schema || sc->status == STATUS_RETIRED) continue;
            if (only && strcmp(only, sc->id) != 0) continue;
            explain_record(lr.set.sb, sc, &rec, ex);
            if (format[0] == 'j') {
                cJSON_AddItemToArray(all, explain_to_json(ex, NULL));
            } else {
                if (shown) fputc('\n', stdout);
                explain_print(ex, stdout, lang);
            }
            shown++;
        }
        if (format[0] == 'j') {
            char *s = cJSON_Print(all);
            puts(s);
            free(s);
        } else if (!shown) {
            printf("no scenario applies to %s records in %s\n", rec.schema->kind, ruleset_dir);
        }
        cJSON_Delete(all);
        free(ex);
    }
    record_free(&rec);
    reader_close(r);
    loader_close(&lr);
    free(path);
    return rc;
}
