/* cmd_publish.c - `vigie publish` and `vigie approve`: a ruleset revision proposed by one person, made active by another. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "loader.h"
#include "publish.h"
#include "store_publish.h"

const char cmd_publish_usage[] =
    "usage: vigie publish DIR --by ID [--note TEXT] [--db FILE]\n"
    "       vigie publish --list [--db FILE]\n"
    "\n"
    "Propose the ruleset in DIR for production: its revision (a SHA-256 over the path\n"
    "and content of every schema, list and scenario file) and its file list go into\n"
    "the review store as proposed, audited. A ruleset with errors (vigie check) is\n"
    "refused. Another person makes it active with 'vigie approve'; then\n"
    "'vigie run --published -s DIR' runs it, and refuses a directory whose files\n"
    "differ. --list shows every publication: proposed, active or superseded.\n"
    "\n"
    "exit codes: 0 done, 2 bad usage, 3 the ruleset does not load or check,\n"
    "4 the store cannot be opened or written, 8 this revision was proposed already.\n";

const char cmd_approve_usage[] =
    "usage: vigie approve REV --by ID [--db FILE]\n"
    "\n"
    "Make a proposed ruleset revision the active one. REV is the publication number\n"
    "or 8 or more hex digits of the revision ('vigie publish --list'). Refused when\n"
    "ID is the person who proposed it (two people publish), or when it is already\n"
    "active. Approving an earlier publication again makes it active again (a\n"
    "rollback). Audited; the history is append-only.\n"
    "\n"
    "exit codes: 0 done, 2 bad usage, 4 the store cannot be opened or written,\n"
    "7 no such publication, 8 refused (own proposal, already active, ambiguous REV).\n";

enum { EXIT_NOT_FOUND = 7, EXIT_REFUSED = 8 };

typedef struct publish_args {
    const char *db, *by, *note;
    bool list;
    const char *target;
} publish_args;

static int publish_parse(int argc, char **argv, const char *usage, publish_args *a)
{
    static const struct option options[] = {
        { "db", required_argument, NULL, 'd' }, { "by", required_argument, NULL, 'b' },
        { "note", required_argument, NULL, 'n' }, { "list", no_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },     { NULL, 0, NULL, 0 },
    };
    memset(a, 0, sizeof *a);
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'b': a->by = optarg; break;
        case 'n': a->note = optarg; break;
        case 'l': a->list = true; break;
        case 'h': fputs(usage, stdout); return -1;
        default: fputs(usage, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) a->target = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return EXIT_USAGE;
    }
    return EXIT_CLEAN;
}

static store *publish_store(const char *cmd, const char *db)
{
    vg_error err;
    store *st = store_open(store_path(db), &err);
    if (!st) {
        char msg[900];
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie %s: %s\n", cmd, msg);
    }
    return st;
}

static int publish_outcome(const char *cmd, int rc, const vg_error *err)
{
    if (rc == VG_OK) return EXIT_CLEAN;
    char msg[900];
    error_format(err, msg, sizeof msg);
    fprintf(stderr, "vigie %s: %s\n", cmd, msg);
    return rc == STORE_NOT_FOUND ? EXIT_NOT_FOUND : rc == STORE_CONFLICT ? EXIT_REFUSED : EXIT_IO;
}

static int publish_print(const store_publication *p, void *ctx)
{
    (void)ctx;
    const char *state = p->active ? "ACTIVE" : *p->approved_by ? "superseded" : "proposed";
    printf("%-4lld %-12.12s %-10s proposed by %s on %s from %s", p->id, p->revision, state, p->proposed_by,
           p->proposed_at, p->dir);
    if (*p->approved_by) printf("; approved by %s on %s", p->approved_by, p->approved_at);
    if (*p->note) printf("; note: %s", p->note);
    putchar('\n');
    return 0;
}

int cmd_publish(int argc, char **argv)
{
    publish_args a;
    int rc = publish_parse(argc, argv, cmd_publish_usage, &a);
    if (rc < 0) return EXIT_CLEAN;
    if (rc != EXIT_CLEAN) return rc;
    if (a.list) {
        if (a.target || a.by) {
            fputs("vigie publish: --list takes no DIR and no --by\n", stderr);
            return EXIT_USAGE;
        }
        store *st = publish_store("publish", a.db);
        if (!st) return EXIT_IO;
        vg_error err;
        rc = publish_outcome("publish", store_publications(st, publish_print, NULL, &err), &err);
        store_close(st);
        return rc;
    }
    if (!a.target || !a.by || !*a.by) {
        fputs("vigie publish: name the ruleset DIR and who proposes it (--by ID)\n", stderr);
        return EXIT_USAGE;
    }
    loaded_ruleset lr;
    vg_error err;
    char msg[900];
    if (loader_open(&lr, a.target, NULL, &err) != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie publish: %s\n", msg);
        return EXIT_RULESET;
    }
    if (loader_blocking_errors(&lr, false, stderr) > 0) {
        fprintf(stderr, "vigie publish: %s has errors (above): a ruleset that would not run is not published\n", a.target);
        loader_close(&lr);
        return EXIT_RULESET;
    }
    store *st = publish_store("publish", a.db);
    if (!st) {
        loader_close(&lr);
        return EXIT_IO;
    }
    char *files = publish_files_json(&lr.rs);
    long long id = 0;
    rc = publish_outcome("publish", store_publish(st, lr.rs.revision, a.target, files, a.by, a.note, &id, &err), &err);
    if (rc == EXIT_CLEAN)
        printf("publication %lld: revision %.12s of %s (%d files) proposed by %s; another person makes it active "
               "with 'vigie approve %.12s --by ID'\n", id, lr.rs.revision, a.target, lr.rs.file_count, a.by,
               lr.rs.revision);
    free(files);
    store_close(st);
    loader_close(&lr);
    return rc;
}

int cmd_approve(int argc, char **argv)
{
    publish_args a;
    int rc = publish_parse(argc, argv, cmd_approve_usage, &a);
    if (rc < 0) return EXIT_CLEAN;
    if (rc != EXIT_CLEAN) return rc;
    if (!a.target || !a.by || !*a.by || a.list || a.note) {
        fputs("vigie approve: name the revision REV and who approves it (--by ID)\n", stderr);
        return EXIT_USAGE;
    }
    store *st = publish_store("approve", a.db);
    if (!st) return EXIT_IO;
    store_publication p;
    vg_error err;
    rc = publish_outcome("approve", store_approve(st, a.target, a.by, &p, &err), &err);
    if (rc == EXIT_CLEAN) {
        printf("revision %.12s (publication %lld, proposed by %s from %s) is now the active ruleset, approved by %s\n",
               p.revision, p.id, p.proposed_by, p.dir, a.by);
        store_publication_clear(&p);
    }
    store_close(st);
    return rc;
}
