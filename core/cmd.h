/* cmd.h - the sub-commands of the vigie binary; one cmd_*.c file each. */
#ifndef VIGIE_CMD_H
#define VIGIE_CMD_H

#include <stdio.h>

/* Exit codes shared by every command (documented in README.md and `vigie help`). */
enum {
    EXIT_CLEAN = 0,      /* done; nothing rejected, no scenario error */
    EXIT_PARTIAL = 1,    /* done, but records were rejected or scenarios errored (counted in the summary) */
    EXIT_USAGE = 2,      /* bad command line */
    EXIT_RULESET = 3,    /* the ruleset failed to load or check: nothing was evaluated */
    EXIT_IO = 4,         /* a manifest or an output could not be opened or written */
    EXIT_FAILED = 5,     /* tests failed (vigie test) or findings (vigie check) */
    EXIT_SWITCHED_OFF = 6, /* vigie run done, but the circuit breaker switched a scenario off */
    /* 7 and 8: vigie review (review.h); 9: out of memory (XALLOC_EXIT, xalloc.h) */
    EXIT_DEADLINE = 124  /* vigie run stopped by --deadline (stored as interrupted), as timeout(1) does */
};

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);   /* argv[0] is the command name */
    const char *summary;                 /* one line for `vigie help` */
    const char *usage;                   /* full text for `vigie help NAME` */
} command;

int cmd_run(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_lists(int argc, char **argv);

extern const char cmd_run_usage[];
extern const char cmd_gen_usage[];
extern const char cmd_check_usage[];
extern const char cmd_test_usage[];
extern const char cmd_explain_usage[];
extern const char cmd_eval_usage[];
extern const char cmd_review_usage[];
extern const char cmd_report_usage[];
extern const char cmd_backtest_usage[];
extern const char cmd_diff_usage[];
extern const char cmd_publish_usage[];
extern const char cmd_approve_usage[];
extern const char cmd_serve_usage[];
extern const char cmd_user_usage[];
extern const char cmd_lists_usage[];

#endif
