/* main.c - the vigie binary: dispatch to one sub-command, `vigie help [CMD]`. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "xalloc.h"
#include "operator.h"
#include "links.h"
#include "config.h"
#include "ruleset.h"
#include "version.h"

static const command commands[] = {
    { "run", cmd_run, "evaluate manifests against the active scenarios; store explained hits for review", cmd_run_usage },
    { "check", cmd_check, "validate a ruleset: scenarios, fixtures, governance rules (--list: inventory)", cmd_check_usage },
    { "test", cmd_test, "run every scenario's fixture cases and report indicator coverage", cmd_test_usage },
    { "explain", cmd_explain, "trace one record through every scenario of its kind", cmd_explain_usage },
    { "review", cmd_review, "the officer queue: list, next, show, claim, decide, export, purge", cmd_review_usage },
    { "report", cmd_report, "precision, fairness and random-control lift per scenario, from the review store", cmd_report_usage },
    { "backtest", cmd_backtest, "a candidate ruleset against the baseline on past manifests, joined with dispositions", cmd_backtest_usage },
    { "diff", cmd_diff, "what changed between two ruleset directories, per scenario, in words", cmd_diff_usage },
    { "publish", cmd_publish, "propose a ruleset revision for production (two people publish)", cmd_publish_usage },
    { "approve", cmd_approve, "make a revision another person proposed the active one", cmd_approve_usage },
    { "serve", cmd_serve, "the officer review page in a browser (bilingual, accounts and roles)", cmd_serve_usage },
    { "user", cmd_user, "accounts of the review page: add, list, disable", cmd_user_usage },
    { "eval", cmd_eval, "precision, recall and group hit rates against planted ground truth", cmd_eval_usage },
    { "lists", cmd_lists, "reference lists: import a published list, diff two editions, show sources and review dates", cmd_lists_usage },
    { "gen", cmd_gen, "generate a seeded synthetic manifest (with planted patterns)", cmd_gen_usage },
};
static const int command_count = sizeof commands / sizeof *commands;

static void usage(FILE *out)
{
    fputs("vigie - scenario-based targeting: evaluate traveller and shipment manifests against\n"
          "analyst-written scenarios and explain every hit for officer review.\n\n"
          "usage: vigie COMMAND [OPTIONS]\n\ncommands:\n", out);
    for (int i = 0; i < command_count; i++) fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("  help CMD   the full documentation of a command\n", out);
    fputs("  help operators  the predicates of the scenario language (Markdown table)\n", out);
    fputs("  --version  vigie's version and the revision of the ruleset it would run\n", out);
    fputs("\nDefaults for ruleset, store, threads and language come from ./vigie.yaml or the\n"
          "file $VIGIE_CONFIG names (keys: ruleset, store, threads, language); flags win.\n", out);
}

/* vigie --version [RULESET]: the binary's version and the revision of the ruleset a
 * command would run (RULESET, else vigie.yaml's, else scenarios). */
static int print_version(int argc, char **argv)
{
    printf("vigie %s\n", VIGIE_VERSION);
    if (argc > 3) {
        fputs("vigie: --version takes at most one RULESET\n", stderr);
        return EXIT_USAGE;
    }
    config cfg;
    if (!config_load_for(&cfg, "--version")) return EXIT_USAGE;
    const char *dir = config_ruleset(&cfg, argc == 3 ? argv[2] : NULL, "scenarios");
    ruleset rs;
    vg_error err;
    if (ruleset_load(&rs, dir, &err) != VG_OK) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        printf("ruleset %s: cannot be read (%s)\n", dir, msg);
        ruleset_free(&rs);
        return EXIT_RULESET;
    }
    printf("ruleset %s revision %s\n", dir, rs.revision);
    if (cfg.loaded) printf("configuration %s\n", cfg.path);
    ruleset_free(&rs);
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    xalloc_init();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) return print_version(argc, argv);
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_CLEAN;
        }
        if (strcmp(argv[2], "operators") == 0) {
            operator_print_markdown(stdout);
            links_print_markdown(stdout);
            return EXIT_CLEAN;
        }
        for (int i = 0; i < command_count; i++)
            if (strcmp(commands[i].name, argv[2]) == 0) {
                fputs(commands[i].usage, stdout);
                return EXIT_CLEAN;
            }
        fprintf(stderr, "vigie: no command '%s'\n", argv[2]);
        return EXIT_USAGE;
    }
    for (int i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "vigie: unknown command '%s'\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}
