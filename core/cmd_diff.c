/* cmd_diff.c - `vigie diff`: what changed between two ruleset directories, per scenario, in words. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diff.h"

const char cmd_diff_usage[] =
    "usage: vigie diff OLD_DIR NEW_DIR\n"
    "\n"
    "What changed from one ruleset directory to another, per scenario, in words an\n"
    "analyst reads: added, removed or changed scenarios; for a changed one its\n"
    "metadata (title, status, subject, owner, review_by, rationale, guidance, tags,\n"
    "justifications), its threshold, each condition and indicator added, removed,\n"
    "re-weighted, relabelled or redefined (shown as written), the entries added to\n"
    "or removed from each list it uses, and whether its schema changed; then every\n"
    "list change and file added or removed. A scenario whose revision did not change\n"
    "is listed as unchanged. Both directories are read as they are (drafts and files\n"
    "with findings included).\n"
    "\n"
    "exit codes: 0 no scenario changed, 1 scenarios changed (like diff(1)),\n"
    "2 bad usage, 3 a directory cannot be read as a ruleset.\n";

int cmd_diff(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(cmd_diff_usage, stdout);
        return EXIT_CLEAN;
    }
    if (argc != 3) {
        fputs(cmd_diff_usage, stderr);
        return EXIT_USAGE;
    }
    vg_error err;
    int changes = 0;
    if (diff_rulesets(argv[1], argv[2], stdout, &changes, &err) != VG_OK) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie diff: %s\n", msg);
        return EXIT_RULESET;
    }
    return changes ? EXIT_PARTIAL : EXIT_CLEAN;
}
