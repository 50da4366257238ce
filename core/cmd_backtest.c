/* cmd_backtest.c - `vigie backtest`: a candidate ruleset against the baseline on past manifests, with what past dispositions say. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "cmd.h"
#include "store.h"

const char cmd_backtest_usage[] =
    "usage: vigie backtest --candidate DIR (--baseline DIR | --baseline-run ID) [--db FILE]\n"
    "                      [--no-store] [--format text|json|html] [-o FILE] MANIFEST...\n"
    "\n"
    "Prove on past data what a revision would do before it runs in production. The\n"
    "candidate directory (drafts included) and the baseline (a ruleset directory, its\n"
    "production selection; or the hits a stored run made) are evaluated over the same\n"
    "manifests, read once (twice only when a schema the baseline uses changed). Per\n"
    "scenario: hits in both, gained, lost, score changes, each listed with its record;\n"
    "joined with the review store's dispositions: confirmed hits the candidate would\n"
    "lose, not-confirmed hits it would drop, the known precision of each side; and for\n"
    "each changed scenario a threshold sweep from t-20 to t+20 (hits and known\n"
    "precision at each threshold). Each directory is read as it is, so the same\n"
    "command gives the same numbers. The backtest is recorded in the store as a run\n"
    "of kind backtest (figures only: it never enters the review queue); --no-store\n"
    "neither reads dispositions nor records it. --format html writes one\n"
    "self-contained page (inline SVG sweep charts, nothing fetched). docs/revision.md\n"
    "explains the join.\n"
    "\n"
    "exit codes: 0 done, 2 bad usage, 3 a ruleset does not load or check,\n"
    "4 a manifest or the store cannot be read.\n";

int cmd_backtest(int argc, char **argv)
{
    static const struct option options[] = {
        { "candidate", required_argument, NULL, 'c' }, { "baseline", required_argument, NULL, 'b' },
        { "baseline-run", required_argument, NULL, 'r' }, { "db", required_argument, NULL, 'd' },
        { "no-store", no_argument, NULL, 'n' },        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },            { NULL, 0, NULL, 0 },
    };
    backtest_options opt = { 0 };
    const char *db = NULL, *format = "text", *output = NULL;
    bool no_store = false;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
        switch (c) {
        case 'c': opt.candidate_dir = optarg; break;
        case 'b': opt.baseline_dir = optarg; break;
        case 'r': opt.baseline_run = optarg; break;
        case 'd': db = optarg; break;
        case 'n': no_store = true; break;
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'h': fputs(cmd_backtest_usage, stdout); return EXIT_CLEAN;
        default: fputs(cmd_backtest_usage, stderr); return EXIT_USAGE;
        }
    }
    const char *problem = !opt.candidate_dir ? "--candidate DIR is required"
                        : !opt.baseline_dir == !opt.baseline_run ? "give one of --baseline DIR and --baseline-run ID"
                        : optind >= argc ? "name at least one MANIFEST"
                        : strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html") ? "--format is text, json or html"
                        : no_store && opt.baseline_run ? "--baseline-run reads the store: not with --no-store"
                        : no_store && db ? "--db and --no-store contradict each other"
                        : NULL;
    if (problem) {
        fprintf(stderr, "vigie backtest: %s\n", problem);
        return EXIT_USAGE;
    }
    opt.manifests = argv + optind;
    opt.manifest_count = argc - optind;
    vg_error err;
    char msg[900];
    if (!no_store) {
        opt.st = store_open(store_path(db), &err);
        if (!opt.st) {
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie backtest: %s\n", msg);
            return EXIT_IO;
        }
    }
    backtest bt;
    int rc = backtest_run(&opt, &bt, &err);
    if (opt.st) store_close(opt.st);
    if (rc != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie backtest: %s\n", msg);
        return strstr(msg, "ruleset") || strstr(msg, "schema") ? EXIT_RULESET : EXIT_IO;
    }
    FILE *out = output && strcmp(output, "-") ? fopen(output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "vigie backtest: cannot write %s\n", output);
        backtest_free(&bt);
        return EXIT_IO;
    }
    backtest_write(&bt, format, out, &err);
    int bad = out != stdout && fclose(out) != 0;
    backtest_free(&bt);
    if (bad) {
        fprintf(stderr, "vigie backtest: cannot write %s\n", output);
        return EXIT_IO;
    }
    return EXIT_CLEAN;
}
