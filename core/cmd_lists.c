/* cmd_lists.c - `vigie lists`: import a published list, diff two editions, show the ruleset's lists. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dir.h"
#include "governance.h"
#include "lists_import.h"
#include "lists_report.h"
#include "record.h"

const char cmd_lists_usage[] =
    "usage: vigie lists import --format FORMAT [options] SOURCE -o LISTS_DIR/NAME.yaml\n"
    "       vigie lists diff [-s RULESET] OLD.yaml NEW.yaml [MANIFEST...]\n"
    "       vigie lists show [-s RULESET] [--format text|json]\n"
    "\n"
    "import reads a reference list in the format its owner publishes and writes a list\n"
    "file in which every entry keeps its source, edition or date, the source's own name\n"
    "and flags, and its aliases. The file's header says how it was made, the source\n"
    "file's sha256, and every source record left out with the reason. Formats:\n"
    "  ilab-xml   ILAB's List of Goods as its app data (goods_*.xml: Good_Name, Country_Name,\n"
    "             Child_Labor, Forced_Labor, Forced_Child_Labor, Derived_Labor_Exploitation,\n"
    "             Derived_Country); entries are CC:HS pairs through --hs-map and --countries\n"
    "  ilab-csv   the same as CSV with a header (good, country, child_labor, forced_labor,\n"
    "             optional forced_child_labor, downstream, derived_country, source, edition;\n"
    "             yes/no, y/n, x or 1): a later edition, or the changes a notice states\n"
    "  ftm        FollowTheMoney entities, one JSON object per line or one array (how\n"
    "             sanctions aggregators publish entity lists): each named party is an entry,\n"
    "             its other names, aliases and previous names its aliases, the linked\n"
    "             Sanction's listing date its edition\n"
    "  csv        plain CSV with a header: value (required), note, aliases (|-separated),\n"
    "             source, edition, source_name, flags (|-separated)\n"
    "\n"
    "import options:\n"
    "  --format FORMAT       one of the above (required)\n"
    "  -o, --output FILE     the list file to write (its name, without .yaml, names the list)\n"
    "  --hs-map FILE         ilab-*: the reviewed good -> HS table (good,hs,reasoning)\n"
    "  --countries FILE      ilab-*: ILAB country name -> ISO 3166 alpha-2 (ilab_name,iso2,reason)\n"
    "  --source TEXT         the list's source (default: the format's owner, or the file)\n"
    "  --edition TEXT        the source's edition or date, given to every entry without one\n"
    "  --as-of DATE          the date of the source\n"
    "  --review-by DATE      when to look for a newer edition (check warns once past)\n"
    "  --title TEXT          the list's title\n"
    "  --match exact|prefix  default: prefix for ilab-*, exact otherwise\n"
    "\n"
    "diff compares two editions of a list by folded value: entries added (+), removed (-)\n"
    "and changed (~, each field), the list's own fields, and the scenario files of the\n"
    "ruleset that name the list. With manifests, it also says what the update changes in\n"
    "hits: `vigie backtest` of the ruleset with NEW in place of the list against the\n"
    "ruleset with OLD, over those manifests (without the review store).\n"
    "\n"
    "show prints every list of the ruleset: match (with its threshold for a fuzzy list:\n"
    "\"fuzzy 0.90\"), entries, aliases, edition, as_of, review_by (OVERDUE once past) and\n"
    "source.\n"
    "\n"
    "exit codes:\n"
    "  0  done\n"
    "  2  bad command line\n"
    "  3  a list or the ruleset cannot be read\n"
    "  4  the source cannot be read or imported, or the output cannot be written\n"
    "\n"
    "VIGIE_TODAY=YYYY-MM-DD sets the date review_by is compared with.\n";

static int lists_fail(int code, const vg_error *err)
{
    char msg[900];
    error_format(err, msg, sizeof msg);
    fprintf(stderr, "vigie lists: %s\n", msg);
    return code;
}

/* The list's name is its file name: scenarios ask for it by that name. */
static char *lists_name_of_output(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n <= 5 || strcmp(base + n - 5, ".yaml") != 0) return NULL;
    char *name = strndup(base, n - 5);
    if (!name) abort();
    return name;
}

static int lists_import_cmd(int argc, char **argv)
{
    import_options o = { 0 };
    const char *output = NULL;
    enum { OPT_FORMAT = 256, OPT_HS, OPT_COUNTRIES, OPT_SOURCE, OPT_EDITION, OPT_AS_OF, OPT_REVIEW, OPT_TITLE, OPT_MATCH };
    static const struct option options[] = {
        { "format", required_argument, NULL, OPT_FORMAT }, { "output", required_argument, NULL, 'o' },
        { "hs-map", required_argument, NULL, OPT_HS }, { "countries", required_argument, NULL, OPT_COUNTRIES },
        { "source", required_argument, NULL, OPT_SOURCE }, { "edition", required_argument, NULL, OPT_EDITION },
        { "as-of", required_argument, NULL, OPT_AS_OF }, { "review-by", required_argument, NULL, OPT_REVIEW },
        { "title", required_argument, NULL, OPT_TITLE }, { "match", required_argument, NULL, OPT_MATCH },
        { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:", options, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT: o.format = optarg; break;
        case 'o': output = optarg; break;
        case OPT_HS: o.hs_map = optarg; break;
        case OPT_COUNTRIES: o.countries = optarg; break;
        case OPT_SOURCE: o.source = optarg; break;
        case OPT_EDITION: o.edition = optarg; break;
        case OPT_AS_OF: o.as_of = optarg; break;
        case OPT_REVIEW: o.review_by = optarg; break;
        case OPT_TITLE: o.title = optarg; break;
        case OPT_MATCH: o.match = optarg; break;
        default: fputs("vigie lists import: see 'vigie help lists'\n", stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1 || !o.format || !output) {
        fputs("vigie lists import: give --format, one SOURCE and -o FILE.yaml\n", stderr);
        return EXIT_USAGE;
    }
    if (o.match && strcmp(o.match, "exact") && strcmp(o.match, "prefix")) {
        fprintf(stderr, "vigie lists import: --match is exact or prefix, not '%s'\n", o.match);
        return EXIT_USAGE;
    }
    int64_t day;
    const char *dates[] = { o.as_of, o.review_by };
    for (int i = 0; i < 2; i++)
        if (dates[i] && date_parse(dates[i], strlen(dates[i]), &day) != VG_OK) {
            fprintf(stderr, "vigie lists import: '%s' is not a date (YYYY-MM-DD)\n", dates[i]);
            return EXIT_USAGE;
        }
    char *name = lists_name_of_output(output);
    if (!name) {
        fprintf(stderr, "vigie lists import: the output '%s' must be NAME.yaml\n", output);
        return EXIT_USAGE;
    }
    o.path = argv[optind];
    o.name = name;

    /* the command line as the file's header records it, sources by base name only:
     * where the shared folder sits differs between machines, not the result */
    char command[2048];
    const char *src_base = strrchr(o.path, '/') ? strrchr(o.path, '/') + 1 : o.path;
    snprintf(command, sizeof command, "vigie lists import --format %s%s%s%s%s%s%s %s -o %s.yaml", o.format,
             o.edition ? " --edition " : "", o.edition ? o.edition : "", o.review_by ? " --review-by " : "",
             o.review_by ? o.review_by : "", o.as_of ? " --as-of " : "", o.as_of ? o.as_of : "", src_base, name);

    vg_error err;
    error_clear(&err);
    import_list l;
    if (lists_import(&o, &l, &err) != VG_OK) {
        import_list_free(&l);
        free(name);
        return lists_fail(EXIT_IO, &err);
    }
    /* written beside the target under a dot name (list directories skip dot files, so a
     * run loading the ruleset meanwhile never sees it), checked by the list loader, then
     * renamed: a bad import never replaces a good list */
    size_t n = strlen(output) + 16;
    char *tmp = malloc(n);
    if (!tmp) abort();
    const char *slash = strrchr(output, '/');
    int dir_len = slash ? (int)(slash - output + 1) : 0;
    snprintf(tmp, n, "%.*s.%s.tmp", dir_len, output, output + dir_len);
    FILE *fp = fopen(tmp, "w");
    int rc = EXIT_CLEAN;
    if (!fp || lists_import_write(&l, command, fp) != VG_OK || fclose(fp) != 0) {
        fprintf(stderr, "vigie lists: cannot write %s: %s\n", tmp, strerror(errno));
        rc = EXIT_IO;
    }
    if (rc == EXIT_CLEAN) {
        ref_list *check = list_load_any_name(tmp, &err);
        if (!check) rc = lists_fail(EXIT_IO, &err);
        list_free(check);
    }
    if (rc == EXIT_CLEAN && rename(tmp, output) != 0) {
        fprintf(stderr, "vigie lists: cannot write %s: %s\n", output, strerror(errno));
        rc = EXIT_IO;
    }
    if (rc != EXIT_CLEAN) unlink(tmp);
    else
        fprintf(stderr, "vigie lists import: %s: %d records read, %d entries, %d left out (listed in the file)\n",
                output, l.records_read, l.count, l.left_out_count);
    free(tmp);
    import_list_free(&l);
    free(name);
    return rc;
}

static int lists_diff_cmd(int argc, char **argv)
{
    const char *ruleset = "scenarios";
    static const struct option options[] = { { "ruleset", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:", options, NULL)) != -1) {
        if (c == 's') ruleset = optarg;
        else {
            fputs("vigie lists diff: see 'vigie help lists'\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - optind < 2) {
        fputs("vigie lists diff: give OLD and NEW list files (then manifests, if any)\n", stderr);
        return EXIT_USAGE;
    }
    vg_error err;
    ref_list *a = list_load_any_name(argv[optind], &err);
    if (!a) return lists_fail(EXIT_RULESET, &err);
    ref_list *b = list_load_any_name(argv[optind + 1], &err);
    if (!b) {
        list_free(a);
        return lists_fail(EXIT_RULESET, &err);
    }
    list_diff_counts counts;
    lists_diff(a, b, stdout, &counts);
    printf("scenario files of %s that read %s:\n", ruleset, b->name);
    if (!lists_readers(ruleset, b->name, stdout)) printf("  none\n");
    int rc = EXIT_CLEAN;
    if (argc - optind > 2) {
        fflush(stdout);
        if (lists_backtest(ruleset, b->name, argv[optind], argv[optind + 1], argv + optind + 2, argc - optind - 2,
                           stdout, &err) != VG_OK)
            rc = lists_fail(EXIT_RULESET, &err);
    }
    list_free(a);
    list_free(b);
    return rc;
}

static int lists_show_cmd(int argc, char **argv)
{
    const char *ruleset = "scenarios", *format = "text";
    enum { OPT_FORMAT = 256 };
    static const struct option options[] = { { "ruleset", required_argument, NULL, 's' },
                                             { "format", required_argument, NULL, OPT_FORMAT },
                                             { NULL, 0, NULL, 0 } };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:", options, NULL)) != -1) {
        if (c == 's') ruleset = optarg;
        else if (c == OPT_FORMAT) format = optarg;
        else {
            fputs("vigie lists show: see 'vigie help lists'\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) ruleset = argv[optind];
    if (strcmp(format, "text") && strcmp(format, "json")) {
        fprintf(stderr, "vigie lists show: --format is text or json, not '%s'\n", format);
        return EXIT_USAGE;
    }
    int64_t today = governance_today();
    if (today < 0) {
        fputs("vigie lists show: VIGIE_TODAY is not a date (YYYY-MM-DD)\n", stderr);
        return EXIT_USAGE;
    }
    char *dir = path_join(ruleset, "lists");
    list_set set;
    vg_error err;
    int rc = list_set_load_dir(&set, dir, &err);
    free(dir);
    if (rc != VG_OK) return lists_fail(EXIT_RULESET, &err);
    if (format[0] == 'j') lists_show_json(&set, today, stdout);
    else lists_show(&set, today, stdout);
    list_set_free(&set);
    return EXIT_CLEAN;
}

int cmd_lists(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(cmd_lists_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_CLEAN;
    }
    if (!strcmp(argv[1], "import")) return lists_import_cmd(argc - 1, argv + 1);
    if (!strcmp(argv[1], "diff")) return lists_diff_cmd(argc - 1, argv + 1);
    if (!strcmp(argv[1], "show")) return lists_show_cmd(argc - 1, argv + 1);
    fprintf(stderr, "vigie lists: no sub-command '%s' (import, diff, show)\n", argv[1]);
    return EXIT_USAGE;
}
