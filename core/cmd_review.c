/* cmd_review.c - `vigie review`: the officer queue over the review store (list, next, show, claim, release, decide, export, purge). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "disposition.h"
#include "record.h"
#include "review.h"
#include "store.h"

const char cmd_review_usage[] =
    "usage: vigie review SUBCOMMAND [--db FILE] [OPTIONS]\n"
    "\n"
    "The officer queue over the review store ('vigie run' fills it). A review item is\n"
    "the hits of one run for one booking (travellers) or one bill of lading (goods):\n"
    "a family or a group is reviewed once, with every scenario that fired. Every hit\n"
    "is a lead for a person to review, never a finding.\n"
    "\n"
    "  list [--run ID] [--scenario ID] [--subject S] [--status open|decided|all]\n"
    "       [--mine] [--sort score|age] [--limit N] [--format text|json]\n"
    "                       the queue, highest score first (default: the first 50\n"
    "                       open items; --limit 0 lists all)\n"
    "  next [--run ID] [--scenario ID] [--subject S] [--lang en|fr]\n"
    "                       claim the highest open item nobody holds, and show it\n"
    "  claim ITEM           hold ITEM for VIGIE_CLAIM_MINUTES (default 30) minutes;\n"
    "                       claiming again renews it\n"
    "  release ITEM         give ITEM back to the queue\n"
    "  show ITEM [--lang en|fr]\n"
    "                       identity fields of each member, every hit's explanation,\n"
    "                       guidance, earlier reviews (the read is audited)\n"
    "  decide ITEM --disposition D [--note TEXT] [--hit HIT] [--amend]\n"
    "                       record what was found, for every hit of ITEM (or one hit)\n"
    "  export [--run ID] [--scenario ID] [--subject S] [--status open|decided|all]\n"
    "         --format csv|ndjson [-o FILE]\n"
    "                       every hit with its latest disposition, for case systems\n"
    "                       (audited; identity fields included)\n"
    "  purge --before YYYY-MM-DD\n"
    "                       mask the personal values of hits of runs started before\n"
    "                       the date (identity fields, record keys, evidence values);\n"
    "                       scores, revisions, counts and dispositions stay\n"
    "\n"
    "Dispositions (a fixed vocabulary; every one but no-concern needs a note):\n"
    "  victim-referred   possible victim identified and referred to protection services\n"
    "  suspect-referred  referred to enforcement or investigation\n"
    "  goods-detained    shipment held or refused entry (e.g. forced-labour import ban)\n"
    "  no-concern        examined, nothing found\n"
    "  not-examined      could not be examined (not counted as decided in precision)\n"
    "  inconclusive      examined, inconclusive\n"
    "A hit counts as confirmed when the disposition is the one its subject is about:\n"
    "victim-referred for possible-victim, suspect-referred for possible-facilitator,\n"
    "goods-detained for goods (docs/review.md).\n"
    "\n"
    "The officer is --officer ID, else $VIGIE_OFFICER, else the login name. Claims,\n"
    "decisions, views, exports and purges are written to the store's audit table.\n"
    "Reviews are append-only: a later review of a hit (--amend) adds a row and the\n"
    "latest counts; the history stays.\n"
    "\n"
    "options:\n"
    "  --db FILE            the review store (default: $VIGIE_DB, else ./vigie.db)\n"
    "  --officer ID         who is acting\n"
    "\n"
    "exit codes:\n"
    "  0  done\n"
    "  2  bad command line: unknown subcommand, disposition or option, missing note\n"
    "  4  the store could not be opened or written\n"
    "  7  no such item or hit\n"
    "  8  refused: held by another officer, or already decided (use --amend)\n";

enum { EXIT_NOT_FOUND = 7, EXIT_REFUSED = 8 };
#define REVIEW_LIST_DEFAULT 50 /* items listed unless --limit says otherwise */

typedef struct review_args {
    const char *db, *officer, *lang, *disposition, *note, *output, *before, *format;
    long long hit;
    bool amend, mine, status_given, limit_given;
    store_item_filter filter;
    char **rest;
    int rest_count;
} review_args;

static int review_usage_error(const char *fmt, const char *arg)
{
    fputs("vigie review: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see 'vigie help review')\n", stderr);
    return EXIT_USAGE;
}

static int review_parse(int argc, char **argv, review_args *a)
{
    enum { O_DB = 256, O_OFFICER, O_LANG, O_DISPOSITION, O_NOTE, O_HIT, O_AMEND, O_RUN, O_SCENARIO, O_SUBJECT,
           O_STATUS, O_MINE, O_SORT, O_LIMIT, O_FORMAT, O_BEFORE };
    static const struct option options[] = {
        { "db", required_argument, NULL, O_DB }, { "officer", required_argument, NULL, O_OFFICER },
        { "lang", required_argument, NULL, O_LANG }, { "disposition", required_argument, NULL, O_DISPOSITION },
        { "note", required_argument, NULL, O_NOTE }, { "hit", required_argument, NULL, O_HIT },
        { "amend", no_argument, NULL, O_AMEND }, { "run", required_argument, NULL, O_RUN },
        { "scenario", required_argument, NULL, O_SCENARIO }, { "subject", required_argument, NULL, O_SUBJECT },
        { "status", required_argument, NULL, O_STATUS }, { "mine", no_argument, NULL, O_MINE },
        { "sort", required_argument, NULL, O_SORT }, { "limit", required_argument, NULL, O_LIMIT },
        { "format", required_argument, NULL, O_FORMAT }, { "before", required_argument, NULL, O_BEFORE },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    memset(a, 0, sizeof *a);
    a->lang = "en";
    a->filter.status = STORE_STATUS_OPEN;
    optind = 1;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
        switch (c) {
        case O_DB: a->db = optarg; break;
        case O_OFFICER: a->officer = optarg; break;
        case O_LANG:
            if (strcmp(optarg, "en") != 0 && strcmp(optarg, "fr") != 0) return review_usage_error("--lang is en or fr, not '%s'", optarg);
            a->lang = optarg;
            break;
        case O_DISPOSITION: a->disposition = optarg; break;
        case O_NOTE: a->note = optarg; break;
        case O_HIT:
            a->hit = strtoll(optarg, &end, 10);
            if (*end || a->hit <= 0) return review_usage_error("--hit expects a hit number, not '%s'", optarg);
            break;
        case O_AMEND: a->amend = true; break;
        case O_RUN: a->filter.run_id = optarg; break;
        case O_SCENARIO: a->filter.scenario_id = optarg; break;
        case O_SUBJECT: a->filter.subject = optarg; break;
        case O_STATUS:
            a->status_given = true;
            if (strcmp(optarg, "open") == 0) a->filter.status = STORE_STATUS_OPEN;
            else if (strcmp(optarg, "decided") == 0) a->filter.status = STORE_STATUS_DECIDED;
            else if (strcmp(optarg, "all") == 0) a->filter.status = STORE_STATUS_ALL;
            else return review_usage_error("--status is open, decided or all, not '%s'", optarg);
            break;
        case O_MINE: a->mine = true; break;
        case O_SORT:
            if (strcmp(optarg, "score") == 0) a->filter.order = STORE_ORDER_SCORE;
            else if (strcmp(optarg, "age") == 0) a->filter.order = STORE_ORDER_AGE;
            else return review_usage_error("--sort is score or age, not '%s'", optarg);
            break;
        case O_LIMIT:
            a->filter.limit = (int)strtol(optarg, &end, 10);
            if (*end || a->filter.limit < 0) return review_usage_error("--limit expects a count (0: all), not '%s'", optarg);
            a->limit_given = true;
            break;
        case O_FORMAT: a->format = optarg; break;
        case O_BEFORE: a->before = optarg; break;
        case 'o': a->output = optarg; break;
        case 'h': fputs(cmd_review_usage, stdout); return -1;
        default: return review_usage_error("%s", "unknown option");
        }
    }
    a->rest = argv + optind;
    a->rest_count = argc - optind;
    return EXIT_CLEAN;
}

/* The exit code and message for a store call's result. */
static int review_outcome(int rc, const vg_error *err)
{
    if (rc == VG_OK) return EXIT_CLEAN;
    char msg[900];
    error_format(err, msg, sizeof msg);
    /* the store's path prefixes its messages; an officer needs only the sentence */
    fprintf(stderr, "vigie review: %s\n", rc == STORE_NOT_FOUND || rc == STORE_CONFLICT ? err->message : msg);
    return rc == STORE_NOT_FOUND ? EXIT_NOT_FOUND : rc == STORE_CONFLICT ? EXIT_REFUSED : EXIT_IO;
}

static int review_item_arg(const review_args *a, const char *sub, long long *item)
{
    if (a->rest_count != 1) {
        fprintf(stderr, "vigie review %s: name one ITEM (a number from 'vigie review list')\n", sub);
        return EXIT_USAGE;
    }
    char *end;
    *item = strtoll(a->rest[0], &end, 10);
    if (*end || *item <= 0) {
        fprintf(stderr, "vigie review %s: ITEM is a number from 'vigie review list', not '%s'\n", sub, a->rest[0]);
        return EXIT_USAGE;
    }
    return EXIT_CLEAN;
}

typedef struct list_ctx {
    FILE *out;
    bool json;
    int count;
} list_ctx;

static int list_one(const store_item *it, void *arg)
{
    list_ctx *c = arg;
    if (c->json) review_print_json_line(it, c->out);
    else {
        if (c->count == 0) review_print_header(c->out);
        review_print_line(it, c->out);
    }
    c->count++;
    return 0;
}

static int review_list(store *st, review_args *a)
{
    bool json = a->format && strcmp(a->format, "json") == 0;
    if (a->format && !json && strcmp(a->format, "text") != 0) return review_usage_error("--format is text or json, not '%s'", a->format);
    if (a->mine) a->filter.holder = review_actor(a->officer);
    if (!a->limit_given) a->filter.limit = REVIEW_LIST_DEFAULT;
    list_ctx c = { stdout, json, 0 };
    vg_error err;
    int rc = review_outcome(store_items(st, &a->filter, list_one, &c, &err), &err);
    if (rc == EXIT_CLEAN && !json && a->filter.limit > 0 && c.count == a->filter.limit)
        printf("(the first %d: --limit N for more, --limit 0 for all)\n", c.count);
    if (rc == EXIT_CLEAN && !json && c.count == 0)
        printf("no %s items%s\n", a->filter.status == STORE_STATUS_OPEN ? "open" : a->filter.status == STORE_STATUS_DECIDED ? "decided" : "",
               a->filter.run_id || a->filter.scenario_id || a->filter.subject || a->mine ? " match these filters" : " in the store");
    return rc;
}

static int review_next(store *st, review_args *a)
{
    const char *officer = review_actor(a->officer);
    long long item = 0;
    vg_error err;
    int rc = review_outcome(store_claim_next(st, &a->filter, officer, review_claim_minutes(), &item, &err), &err);
    if (rc != EXIT_CLEAN) return rc;
    if (!item) {
        printf("the queue is empty: no open item that nobody holds\n");
        return EXIT_CLEAN;
    }
    printf("claimed item %lld for %s (%d minutes; 'vigie review release %lld' gives it back)\n\n", item, officer,
           review_claim_minutes(), item);
    return review_outcome(review_show(st, item, a->lang, officer, stdout, &err), &err);
}

static int review_decide(store *st, review_args *a, long long item)
{
    if (!a->disposition) {
        fprintf(stderr, "vigie review decide: --disposition is required: one of %s\n", disposition_names());
        return EXIT_USAGE;
    }
    const disposition *d = disposition_find(a->disposition);
    if (!d) {
        fprintf(stderr, "vigie review decide: unknown disposition '%s': one of %s\n", a->disposition, disposition_names());
        return EXIT_USAGE;
    }
    const char *note = a->note ? a->note : "";
    const char *p = note;
    while (*p == ' ' || *p == '\t' || *p == '\n') p++;
    if (d->needs_note && !*p) {
        fprintf(stderr, "vigie review decide: a %s disposition needs --note: what was found and done "
                        "(only no-concern may go without)\n", d->name);
        return EXIT_USAGE;
    }
    const char *officer = review_actor(a->officer);
    store_decision dec = { item, a->hit, officer, d->name, note, a->amend };
    int written = 0;
    vg_error err;
    int rc = review_outcome(store_decide(st, &dec, &written, &err), &err);
    if (rc == EXIT_CLEAN)
        printf("item %lld: %s recorded by %s for %d hit%s\n", item, d->name, officer, written, written == 1 ? "" : "s");
    return rc;
}

static int review_export_cmd(store *st, review_args *a)
{
    review_export_format format;
    if (a->format && strcmp(a->format, "csv") == 0) format = REVIEW_EXPORT_CSV;
    else if (a->format && strcmp(a->format, "ndjson") == 0) format = REVIEW_EXPORT_NDJSON;
    else return review_usage_error("export needs --format csv or ndjson%s", "");
    if (!a->status_given) a->filter.status = STORE_STATUS_ALL; /* an export is of every hit unless asked */
    FILE *out = stdout;
    if (a->output && strcmp(a->output, "-") != 0 && !(out = fopen(a->output, "w"))) {
        fprintf(stderr, "vigie review export: cannot create %s: %s\n", a->output, strerror(errno));
        return EXIT_IO;
    }
    long long rows = 0;
    vg_error err;
    int rc = review_outcome(review_export(st, &a->filter, format, review_actor(a->officer), out, &rows, &err), &err);
    if ((fflush(out) != 0 || ferror(out)) && rc == EXIT_CLEAN) {
        fprintf(stderr, "vigie review export: cannot write %s: %s\n", a->output ? a->output : "stdout", strerror(errno));
        rc = EXIT_IO;
    }
    if (out != stdout) fclose(out);
    if (rc == EXIT_CLEAN && out != stdout) fprintf(stderr, "%lld hit%s exported to %s\n", rows, rows == 1 ? "" : "s", a->output);
    return rc;
}

static int review_purge(store *st, review_args *a)
{
    int64_t day;
    if (!a->before || date_parse(a->before, strlen(a->before), &day) != VG_OK)
        return review_usage_error("purge needs --before YYYY-MM-DD (a real date), not '%s'", a->before ? a->before : "");
    long long masked = 0;
    vg_error err;
    int rc = review_outcome(store_purge(st, a->before, review_actor(a->officer), &masked, &err), &err);
    if (rc == EXIT_CLEAN)
        printf("%lld hit%s of runs started before %s masked; scores, revisions, counts and reviews kept\n", masked,
               masked == 1 ? "" : "s", a->before);
    return rc;
}

int cmd_review(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(cmd_review_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_CLEAN;
    }
    const char *sub = argv[1];
    static const char *const subs[] = { "list", "next", "claim", "release", "show", "decide", "export", "purge" };
    bool known = false;
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) known |= strcmp(sub, subs[i]) == 0;
    if (!known) return review_usage_error("unknown subcommand '%s' (list, next, claim, release, show, decide, export, purge)", sub);
    review_args a;
    int rc = review_parse(argc - 1, argv + 1, &a);
    if (rc < 0) return EXIT_CLEAN;
    if (rc != EXIT_CLEAN) return rc;
    long long item = 0;
    bool takes_item = strcmp(sub, "claim") == 0 || strcmp(sub, "release") == 0 || strcmp(sub, "show") == 0 ||
                      strcmp(sub, "decide") == 0;
    if (takes_item && (rc = review_item_arg(&a, sub, &item)) != EXIT_CLEAN) return rc;
    if (!takes_item && a.rest_count) return review_usage_error("unexpected argument '%s'", a.rest[0]);

    vg_error err;
    const char *path = store_path(a.db);
    store *st = store_open(path, &err);
    if (!st) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie review: %s\n", msg);
        return EXIT_IO;
    }
    const char *officer = review_actor(a.officer);
    if (strcmp(sub, "list") == 0) rc = review_list(st, &a);
    else if (strcmp(sub, "next") == 0) rc = review_next(st, &a);
    else if (strcmp(sub, "show") == 0) rc = review_outcome(review_show(st, item, a.lang, officer, stdout, &err), &err);
    else if (strcmp(sub, "claim") == 0) {
        rc = review_outcome(store_claim(st, item, officer, review_claim_minutes(), &err), &err);
        if (rc == EXIT_CLEAN) printf("item %lld held by %s for %d minutes\n", item, officer, review_claim_minutes());
    } else if (strcmp(sub, "release") == 0) {
        rc = review_outcome(store_release(st, item, officer, &err), &err);
        if (rc == EXIT_CLEAN) printf("item %lld released\n", item);
    } else if (strcmp(sub, "decide") == 0) rc = review_decide(st, &a, item);
    else if (strcmp(sub, "export") == 0) rc = review_export_cmd(st, &a);
    else rc = review_purge(st, &a);
    store_close(st);
    return rc;
}
