/* cmd_run.c - `vigie run`: stream manifests through the active scenarios, write hits, print the summary. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "hash.h"
#include "loader.h"
#include "pipeline.h"
#include "publish.h"
#include "review.h"
#include "sink_store.h"
#include "store.h"
#include "version.h"
#include "xalloc.h"

const char cmd_run_usage[] =
    "usage: vigie run [-s RULESET] [--db FILE | --no-store] [--hits FILE|-] [--rejects FILE]\n"
    "                 [--kind KIND] [--tag TAG]... [--skip-tag TAG]... [--include-drafts]\n"
    "                 [--threads N] [--max-errors N] [--deadline DURATION] [--rerun]\n"
    "                 [--link-days N]\n"
    "                 [--random-rate R [--seed S]] [--force] [--parse-only] [--quiet]\n"
    "                 MANIFEST...\n"
    "\n"
    "Stream each manifest (CSV, NDJSON, YAML, or UN/EDIFACT PAXLST and PNRGOV in .edi or\n"
    ".edifact files, by extension; a .gz one through zlib, e.g. day.csv.gz; '-' for\n"
    "standard input: EDIFACT when it starts with UNA or UNB, NDJSON with '{', else CSV)\n"
    "through the active scenarios of its record kind. Every hit goes to the review\n"
    "store (SQLite, with its explanation, the identity fields the schema marks and its\n"
    "review item: one per booking or bill of lading), where officers review it\n"
    "('vigie review'); and, with --hits, to an NDJSON file (docs/hits.md). The run itself is stored: who ran what,\n"
    "each input's size and sha256, counts, rejects, population counts per protected\n"
    "group. A summary goes to stderr: records read, evaluated and rejected (read =\n"
    "evaluated + rejected), hits and errors per scenario, time and records/s.\n"
    "\n"
    "EDIFACT: one traveller record per passenger or crew member (PAXLST NAD) and per\n"
    "passenger of a booking (PNRGOV TIF); a file is read whole by one reader. A\n"
    "malformed message is rejected with its number, UNH reference, segment and line;\n"
    "UNT, UNE, UNZ and CNT counts that do not add up are warnings on stderr. A card\n"
    "number (PNRGOV FOP) becomes card_fingerprint, a hash keyed by $VIGIE_CARD_KEY (16\n"
    "characters or more; unset: no fingerprint); the number itself is kept nowhere.\n"
    "What each message maps to: docs/edifact.md.\n"
    "\n"
    "A run of the same ruleset revision over an input with the same sha256 as a\n"
    "complete earlier run is refused (its hits are in the store already) unless --rerun.\n"
    "SIGINT or SIGTERM stops the reading; what is in flight is finished and written,\n"
    "the run is stored as interrupted, and the hits file stays FILE.partial.\n"
    "\n"
    "When the scenarios read booking or link values (booking \"minors\",\n"
    "link(\"contact_phone\", \"bookings\")), the input is read twice: a first pass, on\n"
    "the same threads, indexes every record's booking and link keys (the summary\n"
    "gives its size), then the run evaluates. Standard input is then copied to an\n"
    "unlinked temporary file in TMPDIR first (a file given on it is read again in\n"
    "place); a named pipe or a device is refused (the manifest fails).\n"
    "\n"
    "The ruleset is loaded and checked first; if a scenario does not load or breaks a\n"
    "governance rule, nothing is read (the run fails closed). Active scenarios past\n"
    "their review_by date are left out with a warning; drafts run only with\n"
    "--include-drafts; retired scenarios never run.\n"
    "\n"
    "options:\n"
    "  -s, --ruleset DIR     ruleset directory (default: vigie.yaml's ruleset, else scenarios)\n"
    "  --db FILE             the review store (default: $VIGIE_DB, else vigie.yaml's\n"
    "                        store, else ./vigie.db)\n"
    "  --no-store            write hits to a file only (default then: hits-RUN_ID.ndjson)\n"
    "  --hits FILE           also write hits as NDJSON, '-' for stdout; written as\n"
    "                        FILE.partial, renamed to FILE when the run completes; a\n"
    "                        second run writing the same FILE at once is refused; an\n"
    "                        existing FILE is kept unless --force\n"
    "  --force               replace an existing --hits FILE\n"
    "  --rerun               run again an input this ruleset revision has already run\n"
    "  --published           run only if DIR is the store's active published revision\n"
    "                        (vigie publish, vigie approve); refused when its files differ\n"
    "  --deadline DURATION   stop cleanly after DURATION (90s, 15m, 2h), as an\n"
    "                        interrupted run\n"
    "  --random-rate R       also put a random sample (share R, 0 to 1) of the records\n"
    "                        into the review queue as control items: the baseline that\n"
    "                        'vigie report' compares scenario hits with\n"
    "  --seed S              the sample's seed (default 1): a record is sampled by a hash\n"
    "                        of the seed and its key, the same at any thread count\n"
    "  --rejects FILE        every rejected record as file:line: field: reason ('-':\n"
    "                        standard output)\n"
    "                        (default: rejects-RUN_ID.txt, created only when a record\n"
    "                        is rejected)\n"
    "  --kind KIND           record kind of the manifests (default: inferred from the\n"
    "                        key field in the header or first record)\n"
    "  --tag TAG             only scenarios carrying TAG (repeatable)\n"
    "  --skip-tag TAG        leave out scenarios carrying TAG (repeatable)\n"
    "  --include-drafts      also run draft scenarios (trials, backtests)\n"
    "  --threads N           threads (default: vigie.yaml's threads, else the online\n"
    "                        cores, at most 16); from 2, each reads, evaluates and\n"
    "                        renders its own byte ranges of a regular CSV or NDJSON\n"
    "                        file; hits and rejects come out in input order, the same\n"
    "                        whatever N is\n"
    "  --parse-only          read and convert every record, evaluate nothing (baseline)\n"
    "  --lua-memory MB       memory cap of each scenario file's Lua code (default 64)\n"
    "  --lua-budget N        instructions per function indicator call (default 1000000;\n"
    "                        library calls and allocation are charged to it too)\n"
    "  --max-errors N        circuit breaker: a scenario that has failed on N records\n"
    "                        is switched off for the rest of the run, loudly (default\n"
    "                        100; 0: never). Decided in input order: the same at any\n"
    "                        --threads\n"
    "  --link-days N         link history: link values (link(\"contact_phone\", \"bookings\"))\n"
    "                        also count the records of runs in the store started within\n"
    "                        N days, and this run's link values are kept for the next\n"
    "                        runs as keyed hashes, deleted by 'vigie review purge' with\n"
    "                        the run's personal values. Default 0: this run only, nothing\n"
    "                        kept (history costs about 18 s per million travellers)\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "exit codes:\n"
    "  0    every record evaluated, no scenario error\n"
    "  1    done, but records were rejected or scenarios failed on some records (counted)\n"
    "  2    bad command line, or an input this ruleset revision already ran (see --rerun)\n"
    "  3    the ruleset does not load or breaks a governance rule: nothing evaluated\n"
    "  4    a manifest, the hits file or the store could not be opened or written\n"
    "  6    done, but the circuit breaker switched a scenario off (see the summary)\n"
    "  9    out of memory: stopped at once; an unfinished hits file stays FILE.partial\n"
    "  124  stopped by --deadline (stored as interrupted)\n"
    "  130  interrupted by SIGINT, 143 by SIGTERM (stored as interrupted)\n"
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

/* The signal that asked the run to stop (0: none); the pipeline looks between batches. */
static volatile sig_atomic_t run_stop_signal;

static void run_on_signal(int signo)
{
    run_stop_signal = signo;
}

static void run_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = run_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* "90", "90s", "15m", "2h" -> seconds; -1 when it is not a duration. */
static double run_parse_duration(const char *text)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || v <= 0) return -1;
    if (*end == '\0' || strcmp(end, "s") == 0) return v;
    if (strcmp(end, "m") == 0) return v * 60;
    if (strcmp(end, "h") == 0) return v * 3600;
    return -1;
}

/* Size and SHA-256 of each manifest, for the store: it keeps them, and a run of the
 * same revision over the same bytes is recognised and refused. Hashing reads the
 * whole input once more, so it is done before the run only when the store holds a
 * finished run of this revision over an input of the same size (the only case where
 * it can be a rerun); otherwise a thread of its own hashes the inputs while they are
 * evaluated, and the sha256 is recorded when the run finishes. A pipe has no sha256
 * (it is read once, by the run). */
typedef struct run_store {
    store *st;
    hit_sink *sink;
    long long *sizes;
    char (*sha)[HASH_HEX_SIZE];
    char **paths;
    bool *deferred;               /* hashed by the thread, during the run */
    int count;
    pthread_t hasher;
    bool hashing;
    atomic_bool stop_hashing;     /* the run was interrupted: stop reading */
} run_store;

static bool run_size(const char *path, long long *size)
{
    struct stat sb;
    *size = 0;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return false;
    *size = (long long)sb.st_size;
    return true;
}

/* sha256 "" when the file cannot be read to the end (the pipeline reports it) or
 * when *stop is set. */
static void run_hash(const char *path, char sha256[HASH_HEX_SIZE], const atomic_bool *stop)
{
    sha256[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) return;
    hash_ctx *h = hash_begin();
    char *buf = xmalloc(1 << 16);
    size_t n;
    while (!(stop && atomic_load(stop)) && (n = fread(buf, 1, 1 << 16, f)) > 0) hash_update(h, buf, n);
    char hex[HASH_HEX_SIZE];
    hash_end(h, hex);
    if (!ferror(f) && feof(f)) memcpy(sha256, hex, HASH_HEX_SIZE);
    free(buf);
    fclose(f);
}

static void *run_hasher(void *arg)
{
    run_store *rst = arg;
    for (int i = 0; i < rst->count && !atomic_load(&rst->stop_hashing); i++)
        if (rst->deferred[i]) run_hash(rst->paths[i], rst->sha[i], &rst->stop_hashing);
    return NULL;
}

/* Wait for the hashing thread and hand what it found to the store's sink. */
static void run_store_hashed(run_store *rst, bool interrupted)
{
    if (!rst->hashing) return;
    if (interrupted) atomic_store(&rst->stop_hashing, true);
    pthread_join(rst->hasher, NULL);
    rst->hashing = false;
    for (int i = 0; i < rst->count; i++)
        if (rst->deferred[i] && rst->sink) sink_store_input_sha(rst->sink, i, rst->sha[i]);
}

/* Open the store, refuse a rerun, record the run as running, start its sink.
 * Returns an exit code (EXIT_CLEAN when the run may go on). */
static int run_store_begin(run_store *rst, const char *db_path, bool rerun, const char *run_id, const loaded_ruleset *lr,
                           const scenario **selected, int selected_count, char **manifests, int manifest_count,
                           int threads, double random_rate)
{
    vg_error err;
    char msg[900];
    rst->st = store_open(db_path, &err);
    if (!rst->st) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie run: %s\nnothing was evaluated.\n", msg);
        return EXIT_IO;
    }
    rst->sizes = xcalloc((size_t)manifest_count, sizeof *rst->sizes);
    rst->sha = xcalloc((size_t)manifest_count, sizeof *rst->sha);
    rst->deferred = xcalloc((size_t)manifest_count, sizeof *rst->deferred);
    rst->paths = manifests;
    rst->count = manifest_count;
    store_run_input *inputs = xcalloc((size_t)manifest_count, sizeof *inputs);
    bool any_deferred = false;
    for (int i = 0; i < manifest_count; i++) {
        inputs[i] = (store_run_input){ manifests[i], rst->sizes[i], NULL };
        if (!run_size(manifests[i], &rst->sizes[i])) continue;
        bool candidate = false;
        if (!rerun && store_find_rerun_size(rst->st, lr->rs.revision, rst->sizes[i], &candidate, &err) != VG_OK) {
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie run: %s\n", msg);
            free(inputs);
            return EXIT_IO;
        }
        if (!candidate) {
            rst->deferred[i] = any_deferred = true;
            inputs[i] = (store_run_input){ manifests[i], rst->sizes[i], NULL };
            continue;
        }
        run_hash(manifests[i], rst->sha[i], NULL);
        inputs[i] = (store_run_input){ manifests[i], rst->sizes[i], rst->sha[i][0] ? rst->sha[i] : NULL };
        if (!rst->sha[i][0]) continue;
        bool found = false;
        char earlier[64];
        if (store_find_rerun(rst->st, lr->rs.revision, rst->sha[i], &found, earlier, sizeof earlier, &err) != VG_OK) {
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie run: %s\n", msg);
            free(inputs);
            return EXIT_IO;
        }
        if (found) {
            fprintf(stderr, "vigie run: %s (sha256 %.12s) was already run with ruleset revision %.12s, in run %s;\n"
                            "its hits are in %s. Nothing was evaluated. Run it again with --rerun.\n",
                    manifests[i], rst->sha[i], lr->rs.revision, earlier, db_path);
            free(inputs);
            return EXIT_USAGE;
        }
    }
    store_run_scenario *scs = xcalloc((size_t)selected_count + 1, sizeof *scs);
    char **refs = xcalloc((size_t)selected_count + 1, sizeof *refs);
    for (int i = 0; i < selected_count; i++) {
        const scenario *sc = selected[i];
        cJSON *a = cJSON_CreateArray();
        for (int r = 0; r < sc->reference_count; r++) cJSON_AddItemToArray(a, cJSON_CreateString(sc->references[r]));
        refs[i] = cJSON_PrintUnformatted(a);
        cJSON_Delete(a);
        scs[i] = (store_run_scenario){ sc->id, sc->revision, sc->title.en, sc->title.fr, scenario_subject_name(sc->subject),
                                       scenario_status_name(sc->status), sc->owner, sc->review_by, sc->threshold,
                                       sc->rationale.en, sc->rationale.fr, refs[i] };
    }
    char host[128] = "";
    gethostname(host, sizeof host - 1);
    store_run run = { .id = run_id, .kind = "production", .user = review_actor(NULL), .host = host, .pid = (long)getpid(),
                      .vigie_version = VIGIE_VERSION, .ruleset_dir = lr->rs.dir, .ruleset_revision = lr->rs.revision,
                      .threads = threads, .random_rate = random_rate };
    int rc = store_run_begin(rst->st, &run, inputs, manifest_count, scs, selected_count, &err);
    free(inputs);
    free(scs);
    for (int i = 0; i < selected_count; i++) free(refs[i]);
    free(refs);
    if (rc != VG_OK || !(rst->sink = sink_store_open(rst->st, run_id, lr->rs.revision, &err))) {
        error_format(&err, msg, sizeof msg);
        fprintf(stderr, "vigie run: %s\nnothing was evaluated.\n", msg);
        return EXIT_IO;
    }
    if (any_deferred) rst->hashing = pthread_create(&rst->hasher, NULL, run_hasher, rst) == 0;
    return EXIT_CLEAN;
}

static void run_store_free(run_store *rst)
{
    run_store_hashed(rst, true);
    store_close(rst->st);
    free(rst->sizes);
    free(rst->sha);
    free(rst->deferred);
}

int cmd_run(int argc, char **argv)
{
    const char *ruleset_dir = NULL, *hits_path = NULL, *rejects_path = NULL, *db_flag = NULL;
    const char *kind = NULL;
    const char *tags[32], *skip_tags[32];
    int tag_count = 0, skip_count = 0;
    bool include_drafts = false, parse_only = false, quiet = false, no_store = false, rerun = false, published = false,
         force = false;
    double deadline = 0, random_rate = 0;
    unsigned long long seed = 1;
    sandbox_limits limits = { 0, 0 };
    int threads = 0; /* --threads, else vigie.yaml's, else the online cores */
    long long max_errors = 0; /* the pipeline's default */
    int link_days = 0; /* link history is opt-in: it writes a row per record and link key */
    enum { OPT_HITS = 256, OPT_REJECTS, OPT_KIND, OPT_TAG, OPT_SKIP_TAG, OPT_DRAFTS, OPT_PARSE_ONLY, OPT_MEMORY, OPT_BUDGET,
           OPT_THREADS, OPT_MAX_ERRORS, OPT_DB, OPT_NO_STORE, OPT_RERUN, OPT_DEADLINE, OPT_RANDOM_RATE, OPT_SEED, OPT_PUBLISHED,
           OPT_FORCE, OPT_LINK_DAYS };
    static const struct option options[] = {
        { "ruleset", required_argument, NULL, 's' }, { "hits", required_argument, NULL, OPT_HITS },
        { "rejects", required_argument, NULL, OPT_REJECTS }, { "kind", required_argument, NULL, OPT_KIND },
        { "tag", required_argument, NULL, OPT_TAG }, { "skip-tag", required_argument, NULL, OPT_SKIP_TAG },
        { "include-drafts", no_argument, NULL, OPT_DRAFTS }, { "parse-only", no_argument, NULL, OPT_PARSE_ONLY },
        { "lua-memory", required_argument, NULL, OPT_MEMORY }, { "lua-budget", required_argument, NULL, OPT_BUDGET },
        { "threads", required_argument, NULL, OPT_THREADS }, { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
        { "db", required_argument, NULL, OPT_DB },
        { "no-store", no_argument, NULL, OPT_NO_STORE }, { "rerun", no_argument, NULL, OPT_RERUN },
        { "deadline", required_argument, NULL, OPT_DEADLINE }, { "random-rate", required_argument, NULL, OPT_RANDOM_RATE },
        { "seed", required_argument, NULL, OPT_SEED }, { "force", no_argument, NULL, OPT_FORCE }, { "published", no_argument, NULL, OPT_PUBLISHED },
        { "link-days", required_argument, NULL, OPT_LINK_DAYS },
        { "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "s:qh", options, NULL)) != -1) {
        switch (c) {
        case 's': ruleset_dir = optarg; break;
        case OPT_HITS: hits_path = optarg; break;
        case OPT_REJECTS: rejects_path = optarg; break;
        case OPT_KIND: kind = optarg; break;
        case OPT_DB: db_flag = optarg; break;
        case OPT_NO_STORE: no_store = true; break;
        case OPT_RERUN: rerun = true; break;
        case OPT_FORCE: force = true; break;
        case OPT_PUBLISHED: published = true; break;
        case OPT_DEADLINE:
            if ((deadline = run_parse_duration(optarg)) <= 0) {
                fprintf(stderr, "vigie run: --deadline expects a duration such as 90s, 15m or 2h, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_RANDOM_RATE: {
            char *end;
            random_rate = strtod(optarg, &end);
            if (*end || end == optarg || !(random_rate > 0 && random_rate <= 1)) {
                fprintf(stderr, "vigie run: --random-rate expects a share above 0 and at most 1 (0.001 = 1 in 1,000), not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_SEED: {
            char *end;
            seed = strtoull(optarg, &end, 10);
            if (*end || end == optarg || optarg[0] == '-') {
                fprintf(stderr, "vigie run: --seed expects a non-negative integer, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        }
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
        case OPT_LINK_DAYS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 0 || v > 36500) {
                fprintf(stderr, "vigie run: --link-days expects a number of days (0: this run only), not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            link_days = (int)v;
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
    if (hits_path && rejects_path && strcmp(hits_path, "-") == 0 && strcmp(rejects_path, "-") == 0) {
        fputs("vigie run: --hits - and --rejects - cannot share standard output\n", stderr);
        return EXIT_USAGE;
    }
    if (hits_path && strcmp(hits_path, "-") != 0 && !force && access(hits_path, F_OK) == 0) {
        fprintf(stderr, "vigie run: %s exists: another run's hits? Name a new file, or --force to replace it\n", hits_path);
        return EXIT_USAGE;
    }
    if (no_store && db_flag) {
        fputs("vigie run: --db and --no-store contradict each other\n", stderr);
        return EXIT_USAGE;
    }
    /* a parse-only run is a measurement: nothing to review, nothing stored */
    bool use_store = !no_store && !parse_only;
    if (random_rate > 0 && !use_store) {
        fputs("vigie run: --random-rate puts control items in the review store: it needs the store (not --no-store or --parse-only)\n", stderr);
        return EXIT_USAGE;
    }
    config cfg; /* vigie.yaml: defaults that flags override */
    if (!config_load_for(&cfg, "run")) return EXIT_USAGE;
    ruleset_dir = config_ruleset(&cfg, ruleset_dir, "scenarios");
    threads = config_threads(&cfg, threads, pipeline_default_threads());
    db_flag = config_store(&cfg, db_flag);

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
    if (published && (!use_store || publish_check_store(store_path(db_flag), &lr.rs, stderr) != VG_OK)) {
        if (!use_store) fputs("vigie run: --published checks the review store: not with --no-store or --parse-only\n", stderr);
        loader_close(&lr);
        return use_store ? EXIT_RULESET : EXIT_USAGE;
    }
    selection sel = { include_drafts, tags, tag_count, skip_tags, skip_count, NULL, lr.today };
    const scenario **selected = xcalloc((size_t)lr.set.count + 1, sizeof *selected);
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
    if (!hits_path && !use_store && !parse_only) hits_path = default_hits;
    if (!rejects_path) rejects_path = default_rejects;
    const char *db_path = store_path(db_flag);

    hit_sink *sinks[2];
    int sink_count = 0;
    hit_sink *ndjson = NULL;
    run_store rst = { 0 };
    int rc = EXIT_CLEAN;
    if (use_store)
        rc = run_store_begin(&rst, db_path, rerun, run_id, &lr, selected, selected_count, argv + optind, argc - optind,
                             threads, random_rate);
    if (rc == EXIT_CLEAN && hits_path) {
        ndjson = sink_ndjson_open(hits_path, &err);
        if (!ndjson) {
            char msg[900];
            error_format(&err, msg, sizeof msg);
            fprintf(stderr, "vigie run: %s\nnothing was evaluated.\n", msg);
            rc = EXIT_IO;
            if (rst.sink) { /* the run was recorded: say how it ended */
                run_summary none = { 0 };
                sink_store_finish(rst.sink, &none, "failed", msg, NULL);
            }
        }
    }
    if (rc != EXIT_CLEAN) {
        if (rst.sink) sink_close(rst.sink, NULL);
        run_store_free(&rst);
        free(selected);
        diag_list_free(&notes);
        loader_close(&lr);
        return rc;
    }
    if (rst.sink) sinks[sink_count++] = rst.sink;
    if (ndjson) sinks[sink_count++] = ndjson;

    run_catch_signals();
    run_options opt = { .kind = kind, .parse_only = parse_only, .progress = !quiet && isatty(STDERR_FILENO),
                        .rejects_path = rejects_path, .reject_messages = quiet ? 0 : 10, .run_id = run_id,
                        .threads = threads, .limits = &limits, .count_groups = use_store, .stop = &run_stop_signal,
                        .deadline = deadline, .random_rate = random_rate, .random_seed = seed,
                        .max_errors = max_errors };
    if (rst.sink) { /* link values see the store's history and leave this run's to the next ones */
        sink_store_link_days(rst.sink, link_days);
        opt.links_prepare = sink_store_links_prepare;
        opt.links_collected = sink_store_links_collected;
        opt.links_ctx = rst.sink;
    }
    run_summary sum;
    if (!quiet)
        fprintf(stderr, "vigie run %s: ruleset %s (revision %.12s), %d scenario%s selected%s%s\n", run_id,
                ruleset_dir, lr.rs.revision, selected_count, selected_count == 1 ? "" : "s",
                use_store ? ", store " : "", use_store ? db_path : "");
    pipeline_run(&lr.rs, &lr.set, selected, selected_count, argv + optind, argc - optind, &opt, sinks, sink_count, &sum);

    /* how the run ended: interrupted, failed (an input or an output), or complete */
    int manifests_failed = 0;
    for (int i = 0; i < sum.manifest_count; i++) manifests_failed += sum.manifests[i].failed;
    char failure[700] = "";
    if (sum.interrupted) snprintf(failure, sizeof failure, "interrupted by %s", sum.interrupted_by);
    else if (sum.sink_failed) snprintf(failure, sizeof failure, "%s", sum.sink_failure);
    else if (manifests_failed) snprintf(failure, sizeof failure, "%d manifest%s could not be read to the end",
                                        manifests_failed, manifests_failed == 1 ? "" : "s");
    const char *status = sum.interrupted ? "interrupted" : failure[0] ? "failed" : "complete";

    bool hits_ok = true, stored_ok = true;
    char hits_where[1100] = "";
    if (ndjson) {
        /* the file goes in place when every hit of what was read is in it */
        bool complete = !sum.interrupted && !sum.sink_failed && manifests_failed < sum.manifest_count;
        if (complete && strcmp(hits_path, "-") != 0 && sink_ndjson_commit(ndjson, &err) != VG_OK) {
            hits_ok = false;
            error_format(&err, sum.sink_failure, sizeof sum.sink_failure);
        }
        snprintf(hits_where, sizeof hits_where, "%s", sink_ndjson_path(ndjson));
        if (sink_close(ndjson, &err) != VG_OK && hits_ok) {
            hits_ok = false;
            error_format(&err, sum.sink_failure, sizeof sum.sink_failure);
        }
        if (!hits_ok) {
            sum.sink_failed = true;
            status = "failed";
            snprintf(failure, sizeof failure, "%s", sum.sink_failure);
        }
    }
    long long stored = 0;
    if (rst.sink) {
        run_store_hashed(&rst, sum.interrupted);
        if (sink_store_finish(rst.sink, &sum, status, failure[0] ? failure : NULL, &err) != VG_OK) {
            stored_ok = false;
            if (!sum.sink_failed) error_format(&err, sum.sink_failure, sizeof sum.sink_failure);
            sum.sink_failed = true;
        }
        stored = sink_store_hits(rst.sink);
        sink_close(rst.sink, NULL);
    }
    if (!quiet) {
        run_summary_print(&sum, &opt, stderr);
        if (ndjson && hits_ok && strcmp(hits_path, "-") != 0 && access(hits_where, F_OK) == 0)
            fprintf(stderr, "  hits written to %s%s\n", hits_where,
                    strcmp(hits_where, hits_path) != 0 ? " (not complete: the run did not finish)" : "");
        if (rst.st && stored_ok && stored)
            fprintf(stderr, "  %lld hit%s%s%.0lld%s stored in %s as run %s (%s); review them with 'vigie review list --run %s'\n",
                    stored - sum.controls, stored - sum.controls == 1 ? "" : "s", sum.controls ? " and " : "",
                    sum.controls, sum.controls ? " control items" : "", db_path, run_id, status, run_id);
        else if (rst.st && stored_ok)
            fprintf(stderr, "  run %s stored in %s (%s), no hit to review\n", run_id, db_path, status);
        if (sum.rejected) fprintf(stderr, "  rejected records listed in %s\n", rejects_path);
    } else if (sum.sink_failed) {
        /* a failed write is never silent, even with -q */
        fprintf(stderr, "vigie run: %s\n", sum.sink_failure);
    }
    rc = sum.interrupted ? (run_stop_signal == SIGINT ? 130 : run_stop_signal == SIGTERM ? 143 : EXIT_DEADLINE)
         : sum.sink_failed || manifests_failed ? EXIT_IO
         : sum.switched_off ? EXIT_SWITCHED_OFF
         : (sum.rejected || sum.errors) ? EXIT_PARTIAL : EXIT_CLEAN;
    run_summary_free(&sum);
    run_store_free(&rst);
    free(selected);
    diag_list_free(&notes);
    loader_close(&lr);
    return rc;
}
