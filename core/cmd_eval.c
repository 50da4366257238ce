/* cmd_eval.c - `vigie eval`: precision and recall of a ruleset against planted ground truth, and hit rates per protected group. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "groups.h"
#include "loader.h"
#include "pipeline.h"
#include "quality.h"
#include "xalloc.h"

const char cmd_eval_usage[] =
    "usage: vigie eval [-s RULESET] [--include-drafts] [--min-group N] [--threads N]\n"
    "                  MANIFEST TRUTH [MANIFEST TRUTH]...\n"
    "\n"
    "Run the ruleset over generated manifests and compare its hits with the ground\n"
    "truth `vigie gen --truth` wrote (CSV: key,pattern,label with label planted,\n"
    "lookalike or background). Prints, per scenario: hits, how many fell on planted\n"
    "records, on innocent look-alikes and on background records, precision (planted\n"
    "share of its hits) and recall (share of the kind's planted records it hits); per\n"
    "pattern, planted or look-alike: how many records the whole ruleset hits, then the\n"
    "lowest recall of a planted pattern and the highest hit rate of a look-alike kind\n"
    "(the figures a target is set on); and the hit rate per protected group (sex,\n"
    "nationality, age band...) with the disparity between the highest and lowest\n"
    "group rate per scenario, over the 10 largest groups of at least --min-group\n"
    "records (default 500: smaller groups give noisy rates).\n"
    "--threads N evaluates on N threads (default: the online cores), as vigie run.\n"
    "\n"
    "exit codes: 0 done, 2 bad usage, 3 the ruleset does not load, 4 a file cannot be read.\n";

#define EVAL_MIN_GROUP 500   /* default records a group needs for its rate to mean something */

int cmd_eval(int argc, char **argv)
{
    const char *ruleset_dir = NULL;
    bool include_drafts = false;
    long long min_group = EVAL_MIN_GROUP;
    int threads = 0;
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "include-drafts", no_argument, NULL, 'd' },
        { "min-group", required_argument, NULL, 'm' }, { "threads", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:h", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case 'd': include_drafts = true; break;
        case 'm': {
            char *end;
            min_group = strtoll(optarg, &end, 10);
            if (*end || min_group < 1) {
                fprintf(stderr, "vigie eval: --min-group expects a positive integer, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 't':
            if ((threads = pipeline_parse_threads(optarg)) < 1) {
                fprintf(stderr, "vigie eval: --threads expects 1 to %d, not '%s'\n", PIPELINE_MAX_THREADS, optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(cmd_eval_usage, stdout); return EXIT_CLEAN;
        default: fputs("vigie eval: see 'vigie help eval'\n", stderr); return EXIT_USAGE;
        }
    }
    int pairs = argc - optind;
    if (pairs < 2 || pairs % 2) {
        fputs("vigie eval: give MANIFEST TRUTH pairs\n", stderr);
        return EXIT_USAGE;
    }
    loaded_ruleset lr;
    vg_error err;
    char msg[900];
    config cfg;
    if (!config_load_for(&cfg, "eval")) return EXIT_USAGE;
    ruleset_dir = config_ruleset(&cfg, ruleset_dir, "scenarios");
    threads = config_threads(&cfg, threads, pipeline_default_threads());
    if (loader_open(&lr, ruleset_dir, NULL, &err) != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie eval: %s\n", msg);
        return EXIT_RULESET;
    }
    if (loader_blocking_errors(&lr, include_drafts, stderr) > 0) {
        fprintf(stderr, "vigie eval: the ruleset has errors (above)\n");
        loader_close(&lr);
        return EXIT_RULESET;
    }
    const scenario **selected = xcalloc((size_t)lr.set.count + 1, sizeof *selected);
    selection sel = { include_drafts, NULL, 0, NULL, 0, NULL, lr.today };
    diag_list notes = { 0 };
    int selected_count = scenario_set_select(&lr.set, &sel, selected, &notes);
    for (int i = 0; i < notes.count; i++) diag_print(&notes.items[i], stderr);
    quality *q = quality_new(selected, selected_count, min_group);

    int rc = EXIT_CLEAN;
    char **manifests = xcalloc((size_t)pairs / 2 + 1, sizeof *manifests);
    for (int i = 0; i < pairs / 2; i++) {
        manifests[i] = argv[optind + 2 * i];
        if (quality_load_truth(q, argv[optind + 2 * i + 1], &err) != VG_OK) {
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie eval: %s\n", msg);
            rc = EXIT_IO;
        }
    }
    if (rc == EXIT_CLEAN) {
        run_options opt = { .reject_messages = 10, .run_id = "eval", .threads = threads };
        run_summary sum;
        hit_sink *sink = quality_sink(q);
        pipeline_run(&lr.rs, &lr.set, selected, selected_count, manifests, pairs / 2, &opt, &sink, 1, &sum);
        printf("vigie eval: ruleset %s (revision %.12s), %d scenarios, %lld records read, %lld rejected\n", ruleset_dir,
               lr.rs.revision, selected_count, sum.read, sum.rejected);
        if (quality_unlabelled(q))
            printf("warning: %lld records have no row in the truth files (counted as background)\n", quality_unlabelled(q));
        quality_print(q, stdout);
        for (int i = 0; i < sum.manifest_count; i++)
            if (sum.manifests[i].failed) rc = EXIT_IO;
        if (sum.sink_failed) {
            fprintf(stderr, "vigie eval: %s\n", sum.sink_failure);
            rc = EXIT_IO;
        }
        run_summary_free(&sum);
    }
    quality_free(q);
    free(selected);
    free(manifests);
    diag_list_free(&notes);
    loader_close(&lr);
    return rc;
}
