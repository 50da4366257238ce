/* cmd_report.c - `vigie report`: per scenario revision figures for revision and oversight, from the review store. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "report.h"
#include "store.h"

const char cmd_report_usage[] =
    "usage: vigie report [--db FILE] [--since DATE] [--until DATE] [--run ID]\n"
    "                    [--format text|json|csv|html] [--table T] [-o FILE]\n"
    "                    [--noisy SHARE] [--min-group N] [--older-than DAYS] [--as-of DATE]\n"
    "\n"
    "Figures for revision and oversight from the review store, over the production\n"
    "runs started from --since to --until (YYYY-MM-DD, inclusive) or one --run; a\n"
    "backtest never counts. Per scenario and revision: status, owner, review_by\n"
    "(overdue, or due within 30 days), records screened, hits and hits per 10,000\n"
    "records, share reviewed, counts per disposition (the latest review of each hit),\n"
    "precision = confirmed / decided with a 95% Wilson interval (confirmed as the\n"
    "store defines it per subject kind; not-examined is not decided), errors, the\n"
    "median age of open hits and the share older than --older-than days (default 7),\n"
    "and NOISY when hits exceed --noisy SHARE of records (default 0.05; flagged,\n"
    "never dropped).\n"
    "Per indicator: how often it fired among the hits and the precision of those hits.\n"
    "Fairness: for each protected field the scenario read, each group's hit rate over\n"
    "the field's overall rate (its share of hits over its share of the screened\n"
    "population), flagged outside 0.8-1.25 (four-fifths rule); a group under\n"
    "--min-group records (default 50) is shown as too small, never as a ratio.\n"
    "Random controls (vigie run --random-rate): the confirmed rate of the control\n"
    "items of each record kind, and each scenario's lift over it (its precision over\n"
    "that rate, 95% Katz log interval). docs/revision.md defines every figure.\n"
    "\n"
    "  --format csv writes one table: --table scenarios (default), indicators, groups\n"
    "  or controls. --format html writes one self-contained page (inline CSS and SVG,\n"
    "  nothing fetched, opens offline): the scenario table, hits per 10,000 records\n"
    "  and precision per scenario over time, the disparity table, overdue reviews,\n"
    "  controls and indicators. --as-of DATE judges review_by against DATE, not today.\n"
    "\n"
    "exit codes: 0 done, 2 bad usage, 4 the store or the output cannot be opened.\n";

int cmd_report(int argc, char **argv)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' },        { "since", required_argument, NULL, 's' },
        { "until", required_argument, NULL, 'u' },     { "run", required_argument, NULL, 'r' },
        { "format", required_argument, NULL, 'f' },    { "table", required_argument, NULL, 't' },
        { "noisy", required_argument, NULL, 'n' },     { "min-group", required_argument, NULL, 'm' },
        { "older-than", required_argument, NULL, 'a' }, { "as-of", required_argument, NULL, 'A' },
        { "help", no_argument, NULL, 'h' },            { NULL, 0, NULL, 0 },
    };
    report_options opt;
    report_options_default(&opt);
    const char *db = NULL, *format = "text", *table = NULL, *output = NULL;
    optind = 1;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 's': opt.since = optarg; break;
        case 'u': opt.until = optarg; break;
        case 'r': opt.run_id = optarg; break;
        case 'f': format = optarg; break;
        case 't': table = optarg; break;
        case 'o': output = optarg; break;
        case 'A': opt.as_of = optarg; break;
        case 'n':
            opt.noisy_share = strtod(optarg, &end);
            if (*end || opt.noisy_share < 0 || opt.noisy_share > 1) {
                fprintf(stderr, "vigie report: --noisy takes a share from 0 to 1, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm':
            opt.min_group = strtoll(optarg, &end, 10);
            if (*end || opt.min_group < 1) {
                fprintf(stderr, "vigie report: --min-group takes a count of 1 or more, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'a':
            opt.older_than_days = (int)strtol(optarg, &end, 10);
            if (*end || opt.older_than_days < 0) {
                fprintf(stderr, "vigie report: --older-than takes days, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(cmd_report_usage, stdout); return EXIT_CLEAN;
        default: fputs(cmd_report_usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "vigie report: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html")) {
        fprintf(stderr, "vigie report: unknown format '%s' (text, json, csv, html)\n", format);
        return EXIT_USAGE;
    }
    if (table && strcmp(format, "csv")) {
        fprintf(stderr, "vigie report: --table goes with --format csv\n");
        return EXIT_USAGE;
    }
    const char *dates[] = { opt.since, opt.until, opt.as_of };
    for (int i = 0; i < 3; i++) {
        int y, m, d;
        char extra;
        if (dates[i] && sscanf(dates[i], "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) {
            fprintf(stderr, "vigie report: '%s' is not a date (YYYY-MM-DD)\n", dates[i]);
            return EXIT_USAGE;
        }
    }
    vg_error err;
    char msg[900];
    store *st = store_open(store_path(db), &err);
    if (!st) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie report: %s\n", msg);
        return EXIT_IO;
    }
    report r;
    int rc = report_build(st, &opt, &r, &err);
    store_close(st);
    if (rc != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie report: %s\n", msg);
        return EXIT_IO;
    }
    FILE *out = output && strcmp(output, "-") ? fopen(output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "vigie report: cannot write %s\n", output);
        report_free(&r);
        return EXIT_IO;
    }
    rc = report_write(&r, format, table, out, &err);
    if (out != stdout && fclose(out) != 0) rc = error_set(&err, output, 0, NULL, "cannot write the report");
    report_free(&r);
    if (rc != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie report: %s\n", msg);
        return rc == VG_ERR && strstr(msg, "unknown") ? EXIT_USAGE : EXIT_IO;
    }
    return EXIT_CLEAN;
}
