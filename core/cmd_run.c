/* cmd_run.c - `vigie run`: stream manifests through the active scenarios, write hits, print the summary. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "loader.h"
#include "pipeline.h"

const char cmd_run_usage[] =
    "usage: vigie run [-s RULESET] [--hits FILE|-] [--rejects FILE] [--kind KIND]\n"
    "                 [--tag TAG]... [--skip-tag TAG]... [--include-drafts]\n"
    "                 [--threads N] [--max-errors N] [--parse-only] [--quiet] MANIFEST...\n"
    "\n"
    "Stream each manifest (CSV, NDJSON or YAML, by extension) through the active\n"
    "scenarios of its record kind and write one NDJSON line per hit, with its\n"
    "explanation (docs/hits.md). A summary goes to stderr: records read, evaluated\n"
    "and rejected (read = evaluated + rejected), hits and errors per scenario, time\n"
    "and records/s.\n"
    "\n"
    "The ruleset is loaded and checked first; if a scenario does not load or breaks a\n"
    "governance rule, nothing is read (the run fails closed). Active scenarios past\n"
    "their review_by date are left out with a warning; drafts run only with\n"
    "--include-drafts; retired scenarios never run.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR     ruleset directory (default: scenarios)\n"
    "  --hits FILE           where hits go, '-' for stdout (default: hits-RUN_ID.ndjson,\n"
    "                        so that no run overwrites another's hits)\n"
    "  --rejects FILE        every rejected record as file:line: field: reason\n"
    "                        (default: rejects-RUN_ID.txt, created only when a record\n"
    "                        is rejected)\n"
    "  --kind KIND           record kind of the manifests (default: inferred from the\n"
    "                        key field in the header or first record)\n"
    "  --tag TAG             only scenarios carrying TAG (repeatable)\n"
    "  --skip-tag TAG        leave out scenarios carrying TAG (repeatable)\n"
    "  --include-drafts      also run draft scenarios (trials, backtests)\n"
    "  --threads N           evaluation threads (default: the online cores, at most 16);\n"
    "                        hits come out in input order whatever N is\n"
    "  --parse-only          read and convert every record, evaluate nothing (baseline)\n"
    "  --lua-memory MB       memory cap of each scenario file's Lua code (default 64)\n"
    "  --lua-budget N        instructions per function indicator call (default 1000000;\n"
    "                        library calls and allocation are charged to it too)\n"
    "  --max-errors N        circuit breaker: a scenario that has failed on N records\n"
    "                        is switched off for the rest of the run, loudly (default\n"
    "                        100; 0: never). Decided in input order: the same at any\n"
    "                        --threads\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "exit codes:\n"
    "  0  every record evaluated, no scenario error\n"
    "  1  done, but records were rejected or scenarios failed on some records (counted)\n"
    "  2  bad command line\n"
    "  3  the ruleset does not load or breaks a governance rule: nothing evaluated\n"
    "  4  a manifest or an output could not be opened or written\n"
    "  6  done, but the circuit breaker switched a scenario off (see the summary)\n"
    "\n"
    "VIGIE_TODAY=YYYY-MM-DD sets the date review_by is compared with (tests, replays).\n";

static void run_id_make(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(buf, size, "run-%s-%05d", stamp, (int)(getpid() % 100000));
}

int cmd_run(int argc, char **argv)
{
    const char *ruleset_dir = "scenarios", *hits_path = NULL, *rejects_path = NULL;
    const char *kind = NULL;
    const char *tags[32], *skip_tags[32];
    int tag_count = 0, skip_count = 0;
    bool include_drafts = false, parse_only = false, quiet = false;
    sandbox_limits limits = { 0, 0 };
    int threads = pipeline_default_threads();
    long long max_errors = 0; /* the pipeline's default */
    enum { OPT_HITS = 256, OPT_REJECTS, OPT_KIND, OPT_TAG, OPT_SKIP_TAG, OPT_DRAFTS, OPT_PARSE_ONLY, OPT_MEMORY, OPT_BUDGET, OPT_THREADS, OPT_MAX_ERRORS };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "hits", required_argument, NULL, OPT_HITS },
        { "rejects", required_argument, NULL, OPT_REJECTS }, { "kind", required_argument, NULL, OPT_KIND },
        { "tag", required_argument, NULL, OPT_TAG }, { "skip-tag", required_argument, NULL, OPT_SKIP_TAG },
        { "include-drafts", no_argument, NULL, OPT_DRAFTS }, { "parse-only", no_argument, NULL, OPT_PARSE_ONLY },
        { "lua-memory", required_argument, NULL, OPT_MEMORY }, { "lua-budget", required_argument, NULL, OPT_BUDGET },
        { "threads", required_argument, NULL, OPT_THREADS }, { "max-errors", required_argument, NULL, OPT_MAX_ERRORS }, { "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:qh", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case OPT_HITS: hits_path = optarg; break;
        case OPT_REJECTS: rejects_path = optarg; break;
        case OPT_KIND: kind = optarg; break;
        case OPT_TAG:
        case OPT_SKIP_TAG:
            if ((c == OPT_TAG ? tag_count : skip_count) >= 32) {
                fprintf(stderr, "vigie run: at most 32 --tag and 32 --skip-tag\n");
                return EXIT_USAGE;
            }
            if (c == OPT_TAG) tags[tag_count++] = optarg;
            else skip_tags[skip_count++] = optarg;
            break;
        case OPT_DRAFTS: include_drafts = true; break;
        case OPT_PARSE_ONLY: parse_only = true; break;
        case OPT_MEMORY:
        case OPT_BUDGET: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v <= 0) {
                fprintf(stderr, "vigie run: --%s expects a positive integer, not '%s'\n",
                        c == OPT_MEMORY ? "lua-memory" : "lua-budget", optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_MEMORY) limits.memory_bytes = (size_t)v << 20;
            else limits.instructions = v;
            break;
        }
        case OPT_MAX_ERRORS: {
            char *end;
            long long v = strtoll(optarg, &end, 10);
            if (!*optarg || *end || v < 0) {
                fprintf(stderr, "vigie run: --max-errors expects a number of errors (0: never), not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            max_errors = v ? v : -1;
            break;
        }
        case OPT_THREADS:
            if ((threads = pipeline_parse_threads(optarg)) < 1) {
                fprintf(stderr, "vigie run: --threads expects 1 to %d, not '%s'\n", PIPELINE_MAX_THREADS, optarg);
                return EXIT_USAGE;
            }
            break;
        case 'q': quiet = true; break;
        case 'h': fputs(cmd_run_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie run: see 'vigie help run'\n", stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("vigie run: no manifest given\n", stderr);
        fputs(cmd_run_usage, stderr);
        return EXIT_USAGE;
    }

    loaded_ruleset lr;
    vg_error err;
    if (loader_open(&lr, ruleset_dir, &limits, &err) != VG_OK) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie run: %s\nnothing was evaluated.\n", msg);
        return EXIT_RULESET;
    }
    if (loader_blocking_errors(&lr, include_drafts, stderr) > 0) {
        fprintf(stderr, "vigie run: the ruleset %s has errors (above); nothing was evaluated. "
                        "Fix them, then run 'vigie check %s'.\n", ruleset_dir, ruleset_dir);
        loader_close(&lr);
        return EXIT_RULESET;
    }
    selection sel = { include_drafts, tags, tag_count, skip_tags, skip_count, NULL, lr.today };
    const scenario **selected = calloc((size_t)lr.set.count + 1, sizeof *selected);
    diag_list notes = { 0 };
    int selected_count = scenario_set_select(&lr.set, &sel, selected, &notes);
    if (!quiet)
        for (int i = 0; i < notes.count; i++) diag_print(&notes.items[i], stderr);
    if (selected_count == 0 && !parse_only && !quiet)
        fprintf(stderr, "vigie run: warning: no scenario selected; records are read and counted only\n");

    char run_id[64], default_hits[96], default_rejects[96];
    run_id_make(run_id, sizeof run_id);
    snprintf(default_hits, sizeof default_hits, "hits-%s.ndjson", run_id);
    snprintf(default_rejects, sizeof default_rejects, "rejects-%s.txt", run_id);
    if (!hits_path) hits_path = default_hits;
    if (!rejects_path) rejects_path = default_rejects;
    hit_sink *sink = NULL;
    if (!parse_only) {
        sink = sink_ndjson_open(hits_path, &err);
        if (!sink) {
            char msg[900];
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie run: %s\n", msg);
            free(selected);
            diag_list_free(&notes);
            loader_close(&lr);
            return EXIT_IO;
        }
    }
    run_options opt = { kind, parse_only, !quiet && isatty(STDERR_FILENO), rejects_path, quiet ? 0 : 10, run_id,
                        threads, &limits, max_errors };
    run_summary sum;
    if (!quiet)
        fprintf(stderr, "vigie run %s: ruleset %s (revision %.12s), %d scenario%s selected\n", run_id,
                ruleset_dir, lr.rs.revision, selected_count, selected_count == 1 ? "" : "s");
    pipeline_run(&lr.rs, &lr.set, selected, selected_count, argv + optind, argc - optind, &opt,
                 sink ? &sink : NULL, sink ? 1 : 0, &sum);
    if (sink && sink_close(sink, &err) != VG_OK && !sum.sink_failed) {
        sum.sink_failed = true;
        error_format(&err, sum.sink_failure, sizeof sum.sink_failure);
    }
    if (!quiet) {
        run_summary_print(&sum, &opt, stderr);
        if (sink && strcmp(hits_path, "-") != 0) fprintf(stderr, "  hits written to %s\n", hits_path);
        if (sum.rejected) fprintf(stderr, "  rejected records listed in %s\n", rejects_path);
    }
    int manifests_failed = 0;
    for (int i = 0; i < sum.manifest_count; i++) manifests_failed += sum.manifests[i].failed;
    int rc = sum.sink_failed || manifests_failed ? EXIT_IO
             : sum.switched_off                  ? EXIT_SWITCHED_OFF
             : (sum.rejected || sum.errors)      ? EXIT_PARTIAL
                                                 : EXIT_CLEAN;
    run_summary_free(&sum);
    free(selected);
    diag_list_free(&notes);
    loader_close(&lr);
    return rc;
}
