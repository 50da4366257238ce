/* store.c - the review store on SQLite: schema and migration, runs, hits, items, reviews, claims, audit, purge. */
#include "store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "disposition.h"
#include "store_impl.h"
#include "xalloc.h"


/* ---- the schema ------------------------------------------------------------------ */

/* Version 1. Times are ISO 8601 UTC text; ids are integers (items, hits, reviews) or
 * the run id. Triggers make the record append-only: a finished run, its hits, the
 * reviews, claims and audit are never updated or deleted. The one exception is purge,
 * which may mask the personal columns of hits and items while a row sits in
 * purge_in_progress (inside purge's own transaction), and nothing else. */
static const char store_schema_sql[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE runs (\n"
    "  id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('production','backtest')),\n"
    "  status TEXT NOT NULL CHECK (status IN ('running','complete','failed','interrupted')),\n"
    "  started_at TEXT NOT NULL, finished_at TEXT, user_name TEXT NOT NULL, host TEXT NOT NULL,\n"
    "  pid INTEGER NOT NULL, vigie_version TEXT NOT NULL, ruleset_dir TEXT NOT NULL,\n"
    "  ruleset_revision TEXT NOT NULL, threads INTEGER NOT NULL, random_rate REAL NOT NULL DEFAULT 0,\n"
    "  records_read INTEGER NOT NULL DEFAULT 0, records_evaluated INTEGER NOT NULL DEFAULT 0,\n"
    "  records_rejected INTEGER NOT NULL DEFAULT 0, hits INTEGER NOT NULL DEFAULT 0,\n"
    "  errors INTEGER NOT NULL DEFAULT 0, seconds REAL, failure TEXT);\n"
    "CREATE TABLE run_inputs (\n"
    "  run_id TEXT NOT NULL REFERENCES runs(id), position INTEGER NOT NULL, path TEXT NOT NULL,\n"
    "  size INTEGER NOT NULL, sha256 TEXT, kind TEXT, records_read INTEGER NOT NULL DEFAULT 0,\n"
    "  records_evaluated INTEGER NOT NULL DEFAULT 0, records_rejected INTEGER NOT NULL DEFAULT 0,\n"
    "  failed INTEGER NOT NULL DEFAULT 0, failure TEXT, PRIMARY KEY (run_id, position));\n"
    "CREATE INDEX run_inputs_sha ON run_inputs(sha256);\n"
    "CREATE TABLE run_scenarios (\n"
    "  run_id TEXT NOT NULL REFERENCES runs(id), scenario_id TEXT NOT NULL, revision TEXT NOT NULL,\n"
    "  title_en TEXT NOT NULL, title_fr TEXT, subject TEXT NOT NULL, status TEXT NOT NULL,\n"
    "  owner TEXT, review_by TEXT, threshold INTEGER NOT NULL,\n"
    "  rationale_en TEXT, rationale_fr TEXT, refs TEXT NOT NULL DEFAULT '[]',\n"
    "  evaluated INTEGER NOT NULL DEFAULT 0, hits INTEGER NOT NULL DEFAULT 0,\n"
    "  errors INTEGER NOT NULL DEFAULT 0, first_error TEXT, switched_off INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (run_id, scenario_id));\n"
    "CREATE TABLE run_rejects (\n"
    "  id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id), file TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL, field TEXT NOT NULL, reason TEXT NOT NULL);\n"
    "CREATE INDEX run_rejects_run ON run_rejects(run_id);\n"
    "CREATE TABLE run_population (\n"
    "  run_id TEXT NOT NULL REFERENCES runs(id), kind TEXT NOT NULL, field TEXT NOT NULL,\n"
    "  grp TEXT NOT NULL, records INTEGER NOT NULL, hit_records INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, kind, field, grp));\n"
    "CREATE TABLE run_group_hits (\n"
    "  run_id TEXT NOT NULL REFERENCES runs(id), scenario_id TEXT NOT NULL, field TEXT NOT NULL,\n"
    "  grp TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (run_id, scenario_id, field, grp));\n"
    "CREATE TABLE items (\n"
    "  id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id), kind TEXT NOT NULL,\n"
    "  group_key TEXT NOT NULL, created_at TEXT NOT NULL, masked_at TEXT,\n"
    "  UNIQUE (run_id, kind, group_key));\n"
    "CREATE TABLE hits (\n"
    "  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id),\n"
    "  run_id TEXT NOT NULL REFERENCES runs(id), scenario_id TEXT NOT NULL,\n"
    "  scenario_revision TEXT NOT NULL, subject TEXT NOT NULL, record_kind TEXT NOT NULL,\n"
    "  record_key TEXT NOT NULL, group_key TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,\n"
    "  score INTEGER NOT NULL, threshold INTEGER NOT NULL, control INTEGER NOT NULL DEFAULT 0,\n"
    "  identity TEXT NOT NULL, explanation TEXT NOT NULL, created_at TEXT NOT NULL, masked_at TEXT);\n"
    "CREATE INDEX hits_item ON hits(item_id, score, threshold);\n"
    "CREATE INDEX hits_run_scenario ON hits(run_id, scenario_id);\n"
    "CREATE INDEX hits_record ON hits(record_kind, record_key);\n"
    "CREATE TABLE reviews (\n"
    "  id INTEGER PRIMARY KEY, hit_id INTEGER NOT NULL REFERENCES hits(id),\n"
    "  item_id INTEGER NOT NULL REFERENCES items(id), officer TEXT NOT NULL CHECK (officer <> ''),\n"
    "  disposition TEXT NOT NULL CHECK (disposition IN (%s)),\n"
    "  note TEXT NOT NULL DEFAULT '', amend INTEGER NOT NULL DEFAULT 0, decided_at TEXT NOT NULL,\n"
    "  CHECK (disposition = 'no-concern' OR length(trim(note)) > 0));\n"
    "CREATE INDEX reviews_hit ON reviews(hit_id);\n"
    "CREATE INDEX reviews_item ON reviews(item_id);\n"
    "CREATE TABLE dispositions (name TEXT PRIMARY KEY, label_en TEXT NOT NULL, label_fr TEXT NOT NULL,\n"
    "  needs_note INTEGER NOT NULL, decides INTEGER NOT NULL);\n"
    "CREATE TABLE confirmed (subject TEXT NOT NULL, disposition TEXT NOT NULL REFERENCES dispositions(name),\n"
    "  PRIMARY KEY (subject, disposition));\n"
    "CREATE TABLE claims (\n"
    "  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id), officer TEXT NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action IN ('claim','release')), at TEXT NOT NULL, expires_at TEXT);\n"
    "CREATE INDEX claims_item ON claims(item_id);\n"
    "CREATE TABLE audit (\n"
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,\n"
    "  object TEXT NOT NULL, details TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE sealed (\n"
    "  hit_id INTEGER PRIMARY KEY REFERENCES hits(id), record_key TEXT NOT NULL, group_key TEXT NOT NULL,\n"
    "  identity TEXT NOT NULL, explanation TEXT NOT NULL, sealed_at TEXT NOT NULL);\n"
    "CREATE TABLE purge_in_progress (active INTEGER PRIMARY KEY CHECK (active = 1));\n"
    /* accounts of the web page (vigie serve): roles decide who sees identity fields */
    "CREATE TABLE users (\n"
    "  name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 63),\n"
    "  role TEXT NOT NULL CHECK (role IN ('officer','analyst','supervisor','admin')),\n"
    "  password_hash TEXT NOT NULL, lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','fr')),\n"
    "  created_at TEXT NOT NULL, created_by TEXT NOT NULL, disabled_at TEXT);\n"
    "CREATE TABLE sessions (\n"
    "  token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users(name), csrf TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, ended_at TEXT);\n"
    "CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'users are disabled, never deleted'); END;\n"
    /* append-only, enforced here rather than trusted to callers */
    "CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'runs are append-only'); END;\n"
    "CREATE TRIGGER runs_finished BEFORE UPDATE ON runs WHEN OLD.status <> 'running'\n"
    "  BEGIN SELECT RAISE(ABORT, 'a finished run is immutable'); END;\n"
    "CREATE TRIGGER runs_identity BEFORE UPDATE ON runs WHEN NEW.id IS NOT OLD.id OR NEW.started_at IS NOT OLD.started_at\n"
    "  OR NEW.ruleset_revision IS NOT OLD.ruleset_revision OR NEW.kind IS NOT OLD.kind\n"
    "  BEGIN SELECT RAISE(ABORT, 'a run keeps its id, start, kind and ruleset'); END;\n"
    "%s" /* the per-run tables: updates only while the run is running, never deletes */
    "CREATE TRIGGER items_no_delete BEFORE DELETE ON items BEGIN SELECT RAISE(ABORT, 'review items are append-only'); END;\n"
    "CREATE TRIGGER items_no_update BEFORE UPDATE ON items WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress)\n"
    "  OR NEW.id IS NOT OLD.id OR NEW.run_id IS NOT OLD.run_id OR NEW.kind IS NOT OLD.kind\n"
    "  BEGIN SELECT RAISE(ABORT, 'review items are append-only (purge masks, nothing else changes them)'); END;\n"
    "CREATE TRIGGER hits_no_delete BEFORE DELETE ON hits BEGIN SELECT RAISE(ABORT, 'hits are append-only'); END;\n"
    "CREATE TRIGGER hits_insert BEFORE INSERT ON hits WHEN (SELECT status FROM runs WHERE id = NEW.run_id) IS NOT 'running'\n"
    "  BEGIN SELECT RAISE(ABORT, 'a finished run takes no more hits'); END;\n"
    "CREATE TRIGGER items_insert BEFORE INSERT ON items WHEN (SELECT status FROM runs WHERE id = NEW.run_id) IS NOT 'running'\n"
    "  BEGIN SELECT RAISE(ABORT, 'a finished run takes no more review items'); END;\n"
    "CREATE TRIGGER hits_no_update BEFORE UPDATE ON hits WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress)\n"
    "  OR NEW.id IS NOT OLD.id OR NEW.item_id IS NOT OLD.item_id OR NEW.run_id IS NOT OLD.run_id\n"
    "  OR NEW.scenario_id IS NOT OLD.scenario_id OR NEW.scenario_revision IS NOT OLD.scenario_revision\n"
    "  OR NEW.subject IS NOT OLD.subject OR NEW.score IS NOT OLD.score OR NEW.threshold IS NOT OLD.threshold\n"
    "  OR NEW.control IS NOT OLD.control OR NEW.created_at IS NOT OLD.created_at OR OLD.masked_at IS NOT NULL\n"
    "  BEGIN SELECT RAISE(ABORT, 'hits are append-only (purge masks personal values, nothing else changes them)'); END;\n"
    "CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only: a new review amends'); END;\n"
    "CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;\n"
    "CREATE TRIGGER claims_no_update BEFORE UPDATE ON claims BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;\n"
    "CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;\n"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;\n"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;\n"
    "CREATE TRIGGER sealed_no_update BEFORE UPDATE ON sealed BEGIN SELECT RAISE(ABORT, 'sealed values are append-only'); END;\n"
    "CREATE TRIGGER sealed_no_delete BEFORE DELETE ON sealed BEGIN SELECT RAISE(ABORT, 'sealed values are append-only'); END;\n"
    "CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta BEGIN SELECT RAISE(ABORT, 'meta is append-only'); END;\n"
    "CREATE TRIGGER dispositions_fixed BEFORE UPDATE ON dispositions BEGIN SELECT RAISE(ABORT, 'the disposition vocabulary is fixed'); END;\n"
    "CREATE TRIGGER dispositions_kept BEFORE DELETE ON dispositions BEGIN SELECT RAISE(ABORT, 'the disposition vocabulary is fixed'); END;\n"
    "CREATE TRIGGER confirmed_fixed BEFORE UPDATE ON confirmed BEGIN SELECT RAISE(ABORT, 'the definition of confirmed is fixed'); END;\n"
    "CREATE TRIGGER confirmed_kept BEFORE DELETE ON confirmed BEGIN SELECT RAISE(ABORT, 'the definition of confirmed is fixed'); END;\n"
    /* ruleset publication (vigie publish, approve, run --published): one person
     * proposes a revision, another makes it active; the latest approval is active */
    "CREATE TABLE publications (\n"
    "  id INTEGER PRIMARY KEY, revision TEXT NOT NULL UNIQUE, dir TEXT NOT NULL, files TEXT NOT NULL,\n"
    "  proposed_by TEXT NOT NULL CHECK (proposed_by <> ''), proposed_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE approvals (\n"
    "  id INTEGER PRIMARY KEY, publication_id INTEGER NOT NULL REFERENCES publications(id),\n"
    "  approved_by TEXT NOT NULL CHECK (approved_by <> ''), approved_at TEXT NOT NULL);\n"
    "CREATE TRIGGER approvals_two_people BEFORE INSERT ON approvals\n"
    "  WHEN NEW.approved_by = (SELECT proposed_by FROM publications WHERE id = NEW.publication_id)\n"
    "  BEGIN SELECT RAISE(ABORT, 'the author of a publication cannot approve it'); END;\n"
    "CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;\n"
    "CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;\n"
    "CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;\n"
    "CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;\n";

static const char *const store_run_tables[] = { "run_inputs", "run_scenarios", "run_rejects", "run_population",
                                               "run_group_hits" };

static const char *const store_subjects[] = { "possible-victim", "possible-facilitator", "goods", "other" };

/* ---- small helpers ------------------------------------------------------------------ */

int store_fail(store *st, vg_error *err, const char *what)
{
    int code = sqlite3_errcode(st->db);
    const char *why = sqlite3_errmsg(st->db);
    if (code == SQLITE_NOMEM) xalloc_die(); /* the same end as every refusal of memory */
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return error_set(err, st->path, 0, NULL, "%s: the store is locked by another process for more than %d s (%s)",
                         what, STORE_BUSY_MS / 1000, why);
    if (code == SQLITE_READONLY)
        return error_set(err, st->path, 0, NULL, "%s: the store is read-only (%s)", what, why);
    if (code == SQLITE_FULL) return error_set(err, st->path, 0, NULL, "%s: the disk is full (%s)", what, why);
    return error_set(err, st->path, 0, NULL, "%s: %s", what, why);
}

int store_exec(store *st, const char *sql, vg_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return VG_OK;
    sqlite3_free(msg);
    return store_fail(st, err, "store");
}

sqlite3_stmt *store_prepare(store *st, const char *sql, vg_error *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st, err, "store query");
        return NULL;
    }
    return s;
}

void store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v) sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

void store_column_copy(sqlite3_stmt *s, int i, char *out, size_t size)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    snprintf(out, size, "%s", v ? (const char *)v : "");
}

char *store_column_dup(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    char *d = xstrdup(v ? (const char *)v : "");
    return d;
}

/* Run a statement that returns no row: VG_OK on SQLITE_DONE. Resets it. */
int store_step_done(store *st, sqlite3_stmt *s, vg_error *err, const char *what)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE) return VG_OK;
    return store_fail(st, err, what);
}

void store_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void store_later(char out[32], long long minutes)
{
    time_t t = time(NULL) + (time_t)minutes * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *store_path(const char *flag)
{
    if (flag && *flag) return flag;
    const char *env = getenv("VIGIE_DB");
    return env && *env ? env : STORE_DEFAULT_PATH;
}

const char *store_file(const store *st)
{
    return st->path;
}

int store_begin(store *st, vg_error *err)
{
    return store_exec(st, "BEGIN IMMEDIATE", err);
}

int store_commit(store *st, vg_error *err)
{
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return VG_OK;
    store_fail(st, err, "cannot commit to the store");
    store_rollback(st);
    return VG_ERR;
}

int store_rollback(store *st)
{
    /* an item made in the rolled-back transaction is gone */
    free(st->last_group);
    st->last_group = NULL;
    if (sqlite3_get_autocommit(st->db)) return VG_OK;
    return sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK ? VG_OK : VG_ERR;
}

/* ---- open, create, migrate ---------------------------------------------------------- */

static int store_version(store *st, int *version, vg_error *err);

/* Create the schema, unless another process made it first: the version is read
 * again inside the write transaction, so two first runs on a new file both go on. */
static int store_create(store *st, int *version, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    if (store_version(st, version, err) != VG_OK) {
        store_rollback(st);
        return VG_ERR;
    }
    if (*version != 0) return store_commit(st, err);
    *version = 1; /* the base schema; the migrations below bring it to STORE_SCHEMA_VERSION */
    /* the vocabulary in the CHECK constraint comes from disposition.c, the one list */
    char names[512] = "";
    for (int i = 0; i < disposition_count; i++) {
        size_t n = strlen(names);
        snprintf(names + n, sizeof names - n, "%s'%s'", i ? "," : "", dispositions[i].name);
    }
    char per_run[4096] = "";
    for (size_t i = 0; i < sizeof store_run_tables / sizeof *store_run_tables; i++) {
        size_t n = strlen(per_run);
        snprintf(per_run + n, sizeof per_run - n,
                 "CREATE TRIGGER %s_no_delete BEFORE DELETE ON %s BEGIN SELECT RAISE(ABORT, '%s is append-only'); END;\n"
                 "CREATE TRIGGER %s_frozen BEFORE UPDATE ON %s WHEN (SELECT status FROM runs WHERE id = OLD.run_id) <> 'running'\n"
                 "  BEGIN SELECT RAISE(ABORT, 'the records of a finished run are immutable'); END;\n"
                 "CREATE TRIGGER %s_insert BEFORE INSERT ON %s WHEN (SELECT status FROM runs WHERE id = NEW.run_id) IS NOT 'running'\n"
                 "  BEGIN SELECT RAISE(ABORT, 'a finished run takes no more records'); END;\n",
                 store_run_tables[i], store_run_tables[i], store_run_tables[i], store_run_tables[i],
                 store_run_tables[i], store_run_tables[i], store_run_tables[i]);
    }
    size_t size = sizeof store_schema_sql + sizeof names + sizeof per_run;
    char *sql = xmalloc(size);
    snprintf(sql, size, store_schema_sql, names, per_run);
    int rc = store_exec(st, sql, err);
    free(sql);
    sqlite3_stmt *s;
    char now[32];
    store_now(now);
    if (rc == VG_OK && (s = store_prepare(st, "INSERT INTO meta(key, value) VALUES (?, ?)", err))) {
        char version[16];
        snprintf(version, sizeof version, "%d", 1);
        const char *rows[][2] = { { "schema_version", version }, { "created_at", now } };
        for (size_t i = 0; i < 2 && rc == VG_OK; i++) {
            store_bind_text(s, 1, rows[i][0]);
            store_bind_text(s, 2, rows[i][1]);
            rc = store_step_done(st, s, err, "cannot create the store");
        }
        sqlite3_finalize(s);
    } else {
        rc = VG_ERR;
    }
    if (rc == VG_OK && (s = store_prepare(st, "INSERT INTO dispositions VALUES (?, ?, ?, ?, ?)", err))) {
        for (int i = 0; i < disposition_count && rc == VG_OK; i++) {
            store_bind_text(s, 1, dispositions[i].name);
            store_bind_text(s, 2, dispositions[i].label_en);
            store_bind_text(s, 3, dispositions[i].label_fr);
            sqlite3_bind_int(s, 4, dispositions[i].needs_note);
            sqlite3_bind_int(s, 5, disposition_decides(dispositions[i].name));
            rc = store_step_done(st, s, err, "cannot create the store");
        }
        sqlite3_finalize(s);
    } else {
        rc = VG_ERR;
    }
    if (rc == VG_OK && (s = store_prepare(st, "INSERT INTO confirmed VALUES (?, ?)", err))) {
        for (size_t k = 0; k < sizeof store_subjects / sizeof *store_subjects; k++)
            for (int i = 0; i < disposition_count && rc == VG_OK; i++) {
                if (!disposition_confirms(store_subjects[k], dispositions[i].name)) continue;
                store_bind_text(s, 1, store_subjects[k]);
                store_bind_text(s, 2, dispositions[i].name);
                rc = store_step_done(st, s, err, "cannot create the store");
            }
        sqlite3_finalize(s);
    } else {
        rc = VG_ERR;
    }
    if (rc == VG_OK) return store_commit(st, err);
    store_rollback(st);
    return VG_ERR;
}

/* The schema version the store was made with; 0 for an empty database. */
static int store_version(store *st, int *version, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", err);
    if (!s) return VG_ERR;
    int has_meta = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
    sqlite3_finalize(s);
    *version = 0;
    if (!has_meta) {
        s = store_prepare(st, "SELECT count(*) FROM sqlite_master", err);
        if (!s) return VG_ERR;
        int objects = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
        sqlite3_finalize(s);
        if (objects > 0)
            return error_set(err, st->path, 0, NULL, "this SQLite database is not a vigie store (no meta table); "
                                                      "name another file with --db or VIGIE_DB");
        return VG_OK;
    }
    s = store_prepare(st, "SELECT value FROM meta WHERE key = 'schema_version'", err);
    if (!s) return VG_ERR;
    if (sqlite3_step(s) == SQLITE_ROW) *version = atoi((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (*version <= 0) return error_set(err, st->path, 0, NULL, "the store has no schema version: not a vigie store");
    return VG_OK;
}

/* Run sql and set the schema version to `to`, unless another process did it first
 * (the version is read again inside the write transaction). */
static int store_migrate(store *st, int to, const char *sql, int *version, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = store_version(st, version, err);
    if (rc == VG_OK && *version >= to) return store_commit(st, err);
    if (rc == VG_OK) rc = store_exec(st, sql, err);
    if (rc == VG_OK) {
        char v[16];
        snprintf(v, sizeof v, "%d", to);
        sqlite3_stmt *s = store_prepare(st, "UPDATE meta SET value = ? WHERE key = 'schema_version'", err);
        if (!s) rc = VG_ERR;
        else {
            store_bind_text(s, 1, v);
            rc = store_step_done(st, s, err, "cannot migrate the store");
            sqlite3_finalize(s);
        }
    }
    if (rc == VG_OK && (rc = store_commit(st, err)) == VG_OK) *version = to;
    else store_rollback(st);
    return rc;
}

/* Is the process that started a run still there? Same host and pid alive, and the
 * run started after that process did (a recycled pid started later). */
static bool store_run_alive(const char *host, long pid)
{
    char here[128] = "";
    gethostname(here, sizeof here - 1);
    if (strcmp(host, here) != 0) return true; /* another machine: cannot tell, assume it runs */
    if (pid <= 0) return false;
    if (kill((pid_t)pid, 0) == 0) return true;
    return errno == EPERM;
}

/* Runs left `running` by a process that is gone were interrupted: say so. */
static int store_reap(store *st, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT id, host, pid FROM runs WHERE status = 'running'", err);
    if (!s) return VG_ERR;
    char dead[16][64];
    int n = 0;
    while (sqlite3_step(s) == SQLITE_ROW && n < 16)
        if (!store_run_alive((const char *)sqlite3_column_text(s, 1), (long)sqlite3_column_int64(s, 2)))
            store_column_copy(s, 0, dead[n++], sizeof dead[0]);
    sqlite3_finalize(s);
    for (int i = 0; i < n; i++) {
        char now[32];
        store_now(now);
        sqlite3_stmt *u = store_prepare(st, "UPDATE runs SET status = 'interrupted', finished_at = ?, "
                                             "failure = 'the process running it ended before it finished' "
                                             "WHERE id = ? AND status = 'running'", err);
        if (!u) return VG_ERR;
        store_bind_text(u, 1, now);
        store_bind_text(u, 2, dead[i]);
        int rc = store_step_done(st, u, err, "cannot mark an interrupted run");
        int changed = sqlite3_changes(st->db);
        sqlite3_finalize(u);
        if (rc != VG_OK) return rc;
        if (changed && store_audit(st, "vigie", "run-interrupted", dead[i], "its process is gone", err) != VG_OK)
            return VG_ERR;
    }
    return VG_OK;
}

store *store_open(const char *path, vg_error *err)
{
    store *st = xcalloc(1, sizeof *st);
    st->path = xstrdup(path);
    int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc == SQLITE_NOMEM) xalloc_die();
    if (rc != SQLITE_OK) {
        error_set(err, path, 0, NULL, "cannot open the store: %s", st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        store_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(st->db, 0);
    int version = 0;
    bool ok = store_version(st, &version, err) == VG_OK;
    /* WAL lets officers read while a run writes; NORMAL sync is durable at each
     * checkpoint and safe against corruption in WAL mode. */
    if (ok) {
        sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        /* a checkpoint every 64 MB of log rather than 4: a run writes hits in bulk */
        ok = store_exec(st, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 16384", err) == VG_OK;
    }
    if (ok && version == 0) ok = store_create(st, &version, err) == VG_OK;
    if (ok && version > STORE_SCHEMA_VERSION) {
        error_set(err, path, 0, NULL,
                  "this store has schema version %d, made by a newer vigie; this vigie knows up to version %d: "
                  "use the newer vigie (this one will not touch the store)", version, STORE_SCHEMA_VERSION);
        ok = false;
    }
    /* migrations from older versions, one step per version, each in a transaction */
    if (ok && version < 2) ok = store_migrate(st, 2, store_links_schema_sql, &version, err) == VG_OK;
    if (ok) ok = store_reap(st, err) == VG_OK;
    if (!ok) {
        store_close(st);
        return NULL;
    }
    return st;
}

void store_close(store *st)
{
    if (!st) return;
    sqlite3_finalize(st->hit_insert);
    sqlite3_finalize(st->item_insert);
    sqlite3_finalize(st->item_find);
    sqlite3_finalize(st->reject_insert);
    sqlite3_finalize(st->population_insert);
    sqlite3_finalize(st->group_hits_insert);
    if (st->db) sqlite3_close(st->db);
    free(st->last_group);
    free(st->path);
    free(st);
}

/* ---- runs ------------------------------------------------------------------------ */

int store_run_begin(store *st, const store_run *run, const store_run_input *inputs, int input_count,
                    const store_run_scenario *scenarios, int scenario_count, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    char now[32];
    store_now(now);
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO runs(id, kind, status, started_at, user_name, host, pid, "
                                         "vigie_version, ruleset_dir, ruleset_revision, threads, random_rate) "
                                         "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
    int rc = s ? VG_OK : VG_ERR;
    if (s) {
        store_bind_text(s, 1, run->id);
        store_bind_text(s, 2, run->kind ? run->kind : "production");
        store_bind_text(s, 3, now);
        store_bind_text(s, 4, run->user);
        store_bind_text(s, 5, run->host);
        sqlite3_bind_int64(s, 6, run->pid);
        store_bind_text(s, 7, run->vigie_version);
        store_bind_text(s, 8, run->ruleset_dir);
        store_bind_text(s, 9, run->ruleset_revision);
        sqlite3_bind_int(s, 10, run->threads);
        sqlite3_bind_double(s, 11, run->random_rate);
        rc = store_step_done(st, s, err, "cannot record the run");
        sqlite3_finalize(s);
    }
    if (rc == VG_OK && (s = store_prepare(st, "INSERT INTO run_inputs(run_id, position, path, size, sha256) VALUES (?, ?, ?, ?, ?)", err))) {
        for (int i = 0; i < input_count && rc == VG_OK; i++) {
            store_bind_text(s, 1, run->id);
            sqlite3_bind_int(s, 2, i);
            store_bind_text(s, 3, inputs[i].path);
            sqlite3_bind_int64(s, 4, inputs[i].size);
            store_bind_text(s, 5, inputs[i].sha256);
            rc = store_step_done(st, s, err, "cannot record the run's inputs");
        }
        sqlite3_finalize(s);
    } else if (rc == VG_OK) {
        rc = VG_ERR;
    }
    if (rc == VG_OK && (s = store_prepare(st, "INSERT INTO run_scenarios(run_id, scenario_id, revision, title_en, title_fr, "
                                              "subject, status, owner, review_by, threshold, rationale_en, rationale_fr, refs) "
                                              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", err))) {
        for (int i = 0; i < scenario_count && rc == VG_OK; i++) {
            const store_run_scenario *sc = &scenarios[i];
            store_bind_text(s, 1, run->id);
            store_bind_text(s, 2, sc->id);
            store_bind_text(s, 3, sc->revision);
            store_bind_text(s, 4, sc->title_en);
            store_bind_text(s, 5, sc->title_fr);
            store_bind_text(s, 6, sc->subject);
            store_bind_text(s, 7, sc->status);
            store_bind_text(s, 8, sc->owner);
            store_bind_text(s, 9, sc->review_by);
            sqlite3_bind_int(s, 10, sc->threshold);
            store_bind_text(s, 11, sc->rationale_en);
            store_bind_text(s, 12, sc->rationale_fr);
            store_bind_text(s, 13, sc->references_json ? sc->references_json : "[]");
            rc = store_step_done(st, s, err, "cannot record the run's scenarios");
        }
        sqlite3_finalize(s);
    } else if (rc == VG_OK) {
        rc = VG_ERR;
    }
    if (rc == VG_OK) rc = store_audit(st, run->user, "run-start", run->id, run->ruleset_revision, err);
    if (rc == VG_OK) return store_commit(st, err);
    store_rollback(st);
    return VG_ERR;
}

int store_find_rerun(store *st, const char *ruleset_revision, const char *sha256, bool *found, char *run_id,
                     size_t run_id_size, vg_error *err)
{
    *found = false;
    sqlite3_stmt *s = store_prepare(st, "SELECT r.id FROM runs r JOIN run_inputs i ON i.run_id = r.id "
                                         "WHERE r.kind = 'production' AND r.status = 'complete' AND r.ruleset_revision = ? "
                                         "AND i.sha256 = ? ORDER BY r.started_at DESC LIMIT 1", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, ruleset_revision);
    store_bind_text(s, 2, sha256);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *found = true;
        store_column_copy(s, 0, run_id, run_id_size);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot look for earlier runs");
    return VG_OK;
}

int store_find_rerun_size(store *st, const char *ruleset_revision, long long size, bool *found, vg_error *err)
{
    *found = false;
    sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM runs r JOIN run_inputs i ON i.run_id = r.id "
                                         "WHERE r.kind = 'production' AND r.status = 'complete' AND r.ruleset_revision = ? "
                                         "AND i.size = ? LIMIT 1", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, ruleset_revision);
    sqlite3_bind_int64(s, 2, size);
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot look for earlier runs");
    return VG_OK;
}

int store_run_finish(store *st, const char *run_id, const store_run_end *end, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = VG_OK;
    sqlite3_stmt *s = store_prepare(st, "UPDATE run_inputs SET kind = ?, records_read = ?, records_evaluated = ?, "
                                         "records_rejected = ?, failed = ?, failure = ?, sha256 = COALESCE(sha256, ?) "
                                         "WHERE run_id = ? AND position = ?", err);
    if (!s) rc = VG_ERR;
    for (int i = 0; s && i < end->input_count && rc == VG_OK; i++) {
        const store_input_counts *in = &end->inputs[i];
        store_bind_text(s, 1, in->kind);
        sqlite3_bind_int64(s, 2, in->read);
        sqlite3_bind_int64(s, 3, in->evaluated);
        sqlite3_bind_int64(s, 4, in->rejected);
        sqlite3_bind_int(s, 5, in->failed);
        store_bind_text(s, 6, in->failed ? in->failure : NULL);
        store_bind_text(s, 7, in->sha256 && *in->sha256 ? in->sha256 : NULL);
        store_bind_text(s, 8, run_id);
        sqlite3_bind_int(s, 9, i);
        rc = store_step_done(st, s, err, "cannot record the run's counts");
    }
    sqlite3_finalize(s);
    s = rc == VG_OK ? store_prepare(st, "UPDATE run_scenarios SET evaluated = ?, hits = ?, errors = ?, first_error = ?, "
                                        "switched_off = ? WHERE run_id = ? AND scenario_id = ?", err) : NULL;
    if (!s) rc = VG_ERR;
    for (int i = 0; s && i < end->scenario_count && rc == VG_OK; i++) {
        const store_scenario_counts *c = &end->scenarios[i];
        sqlite3_bind_int64(s, 1, c->evaluated);
        sqlite3_bind_int64(s, 2, c->hits);
        sqlite3_bind_int64(s, 3, c->errors);
        store_bind_text(s, 4, c->first_error && *c->first_error ? c->first_error : NULL);
        sqlite3_bind_int(s, 5, c->switched_off);
        store_bind_text(s, 6, run_id);
        store_bind_text(s, 7, c->id);
        rc = store_step_done(st, s, err, "cannot record the run's scenario counts");
    }
    sqlite3_finalize(s);
    char now[32];
    store_now(now);
    s = rc == VG_OK ? store_prepare(st, "UPDATE runs SET status = ?, finished_at = ?, records_read = ?, records_evaluated = ?, "
                                        "records_rejected = ?, hits = ?, errors = ?, seconds = ?, failure = ? "
                                        "WHERE id = ? AND status = 'running'", err) : NULL;
    if (!s) rc = VG_ERR;
    if (s) {
        store_bind_text(s, 1, end->status);
        store_bind_text(s, 2, now);
        sqlite3_bind_int64(s, 3, end->read);
        sqlite3_bind_int64(s, 4, end->evaluated);
        sqlite3_bind_int64(s, 5, end->rejected);
        sqlite3_bind_int64(s, 6, end->hits);
        sqlite3_bind_int64(s, 7, end->errors);
        sqlite3_bind_double(s, 8, end->seconds);
        store_bind_text(s, 9, end->failure);
        store_bind_text(s, 10, run_id);
        rc = store_step_done(st, s, err, "cannot finish the run");
        if (rc == VG_OK && sqlite3_changes(st->db) != 1)
            rc = error_set(err, st->path, 0, NULL, "run %s is no longer running in the store (marked interrupted?)", run_id);
        sqlite3_finalize(s);
    }
    if (rc == VG_OK) rc = store_audit(st, "vigie", "run-finish", run_id, end->status, err);
    if (rc == VG_OK) return store_commit(st, err);
    store_rollback(st);
    return VG_ERR;
}

/* ---- what a run writes ---------------------------------------------------------------- */

/* The item of (run, kind, group key), made when it is the first hit of its group. */
static int store_item_for(store *st, const store_hit *h, const char *now, long long *item_id, vg_error *err)
{
    if (!st->item_insert &&
        !(st->item_insert = store_prepare(st, "INSERT OR IGNORE INTO items(run_id, kind, group_key, created_at) VALUES (?, ?, ?, ?)", err)))
        return VG_ERR;
    if (!st->item_find && !(st->item_find = store_prepare(st, "SELECT id FROM items WHERE run_id = ? AND kind = ? AND group_key = ?", err)))
        return VG_ERR;
    size_t n = strlen(h->run_id) + strlen(h->record_kind) + strlen(h->group_key) + 3;
    char *key = xmalloc(n);
    snprintf(key, n, "%s\x1f%s\x1f%s", h->run_id, h->record_kind, h->group_key);
    if (st->last_group && strcmp(st->last_group, key) == 0) {
        free(key);
        *item_id = st->last_item;
        return VG_OK;
    }
    free(st->last_group);
    st->last_group = NULL;
    store_bind_text(st->item_insert, 1, h->run_id);
    store_bind_text(st->item_insert, 2, h->record_kind);
    store_bind_text(st->item_insert, 3, h->group_key);
    store_bind_text(st->item_insert, 4, now);
    if (store_step_done(st, st->item_insert, err, "cannot open a review item") != VG_OK) {
        free(key);
        return VG_ERR;
    }
    if (sqlite3_changes(st->db) == 1) {
        *item_id = sqlite3_last_insert_rowid(st->db);
        st->last_group = key;
        st->last_item = *item_id;
        return VG_OK;
    }
    store_bind_text(st->item_find, 1, h->run_id);
    store_bind_text(st->item_find, 2, h->record_kind);
    store_bind_text(st->item_find, 3, h->group_key);
    int rc = sqlite3_step(st->item_find);
    if (rc == SQLITE_ROW) *item_id = sqlite3_column_int64(st->item_find, 0);
    sqlite3_reset(st->item_find);
    if (rc != SQLITE_ROW) {
        free(key);
        return store_fail(st, err, "cannot find a review item");
    }
    st->last_group = key;
    st->last_item = *item_id;
    return VG_OK;
}

int store_hit_add(store *st, const store_hit *h, long long *hit_id, vg_error *err)
{
    char now[32];
    store_now(now);
    long long item_id = 0;
    if (store_item_for(st, h, now, &item_id, err) != VG_OK) return VG_ERR;
    if (!st->hit_insert &&
        !(st->hit_insert = store_prepare(st, "INSERT INTO hits(item_id, run_id, scenario_id, scenario_revision, subject, "
                                             "record_kind, record_key, group_key, source, line, score, threshold, control, "
                                             "identity, explanation, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err)))
        return VG_ERR;
    sqlite3_stmt *s = st->hit_insert;
    sqlite3_bind_int64(s, 1, item_id);
    store_bind_text(s, 2, h->run_id);
    store_bind_text(s, 3, h->scenario_id);
    store_bind_text(s, 4, h->scenario_revision);
    store_bind_text(s, 5, h->subject);
    store_bind_text(s, 6, h->record_kind);
    store_bind_text(s, 7, h->record_key);
    store_bind_text(s, 8, h->group_key);
    store_bind_text(s, 9, h->source);
    sqlite3_bind_int64(s, 10, h->line);
    sqlite3_bind_int(s, 11, h->score);
    sqlite3_bind_int(s, 12, h->threshold);
    sqlite3_bind_int(s, 13, h->control);
    store_bind_text(s, 14, h->identity_json ? h->identity_json : "{}");
    store_bind_text(s, 15, h->explanation_json);
    store_bind_text(s, 16, now);
    if (store_step_done(st, s, err, "cannot store a hit") != VG_OK) return VG_ERR;
    if (hit_id) *hit_id = sqlite3_last_insert_rowid(st->db);
    return VG_OK;
}

int store_reject_add(store *st, const char *run_id, const char *file, long line, const char *field, const char *reason,
                     vg_error *err)
{
    if (!st->reject_insert &&
        !(st->reject_insert = store_prepare(st, "INSERT INTO run_rejects(run_id, file, line, field, reason) VALUES (?,?,?,?,?)", err)))
        return VG_ERR;
    store_bind_text(st->reject_insert, 1, run_id);
    store_bind_text(st->reject_insert, 2, file);
    sqlite3_bind_int64(st->reject_insert, 3, line);
    store_bind_text(st->reject_insert, 4, field && *field ? field : "(line)");
    store_bind_text(st->reject_insert, 5, reason);
    return store_step_done(st, st->reject_insert, err, "cannot store a rejected record");
}

int store_population_add(store *st, const char *run_id, const char *kind, const char *field, const char *group,
                         long long records, long long hit_records, vg_error *err)
{
    if (!st->population_insert && !(st->population_insert = store_prepare(st, "INSERT INTO run_population VALUES (?, ?, ?, ?, ?, ?)", err)))
        return VG_ERR;
    sqlite3_stmt *s = st->population_insert;
    store_bind_text(s, 1, run_id);
    store_bind_text(s, 2, kind);
    store_bind_text(s, 3, field);
    store_bind_text(s, 4, group);
    sqlite3_bind_int64(s, 5, records);
    sqlite3_bind_int64(s, 6, hit_records);
    return store_step_done(st, s, err, "cannot store population counts");
}

int store_group_hits_add(store *st, const char *run_id, const char *scenario_id, const char *field, const char *group,
                         long long hits, vg_error *err)
{
    if (!st->group_hits_insert && !(st->group_hits_insert = store_prepare(st, "INSERT INTO run_group_hits VALUES (?, ?, ?, ?, ?)", err)))
        return VG_ERR;
    sqlite3_stmt *s = st->group_hits_insert;
    store_bind_text(s, 1, run_id);
    store_bind_text(s, 2, scenario_id);
    store_bind_text(s, 3, field);
    store_bind_text(s, 4, group);
    sqlite3_bind_int64(s, 5, hits);
    return store_step_done(st, s, err, "cannot store group hit counts");
}

/* ---- runs, read back --------------------------------------------------------------- */

int store_runs(store *st, const char *id, int limit, store_run_cb cb, void *ctx, vg_error *err)
{
    char sql[600];
    snprintf(sql, sizeof sql,
             "SELECT id, kind, status, started_at, coalesce(finished_at, ''), user_name, host, vigie_version, "
             "ruleset_dir, ruleset_revision, coalesce(failure, ''), records_read, records_evaluated, records_rejected, "
             "hits, errors, coalesce(seconds, 0), (SELECT count(*) FROM items WHERE run_id = runs.id) "
             "FROM runs %s ORDER BY started_at DESC, id DESC %s",
             id ? "WHERE id = ?" : "", limit > 0 ? "LIMIT ?" : "");
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    int k = 1;
    if (id) store_bind_text(s, k++, id);
    if (limit > 0) sqlite3_bind_int(s, k, limit);
    int rc, found = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_run_row r;
        memset(&r, 0, sizeof r);
        store_column_copy(s, 0, r.id, sizeof r.id);
        store_column_copy(s, 1, r.kind, sizeof r.kind);
        store_column_copy(s, 2, r.status, sizeof r.status);
        store_column_copy(s, 3, r.started_at, sizeof r.started_at);
        store_column_copy(s, 4, r.finished_at, sizeof r.finished_at);
        store_column_copy(s, 5, r.user, sizeof r.user);
        store_column_copy(s, 6, r.host, sizeof r.host);
        store_column_copy(s, 7, r.vigie_version, sizeof r.vigie_version);
        store_column_copy(s, 8, r.ruleset_dir, sizeof r.ruleset_dir);
        store_column_copy(s, 9, r.ruleset_revision, sizeof r.ruleset_revision);
        store_column_copy(s, 10, r.failure, sizeof r.failure);
        r.read = sqlite3_column_int64(s, 11);
        r.evaluated = sqlite3_column_int64(s, 12);
        r.rejected = sqlite3_column_int64(s, 13);
        r.hits = sqlite3_column_int64(s, 14);
        r.errors = sqlite3_column_int64(s, 15);
        r.seconds = sqlite3_column_double(s, 16);
        r.items = sqlite3_column_int64(s, 17);
        found++;
        if (cb(&r, ctx) != 0) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read runs");
    if (id && !found) {
        error_set(err, st->path, 0, NULL, "no run '%s' in the store", id);
        return STORE_NOT_FOUND;
    }
    return VG_OK;
}

/* ---- review items ---------------------------------------------------------------------- */

/* One item's summary. The current holder is the latest claim row when it is a claim
 * that has not expired; decided hits are those with at least one review. */
static const char store_item_select[] =
    "SELECT i.id, i.run_id, i.kind, i.group_key, i.created_at,"
    " (SELECT count(*) FROM hits h WHERE h.item_id = i.id),"
    " (SELECT count(*) FROM hits h WHERE h.item_id = i.id AND EXISTS (SELECT 1 FROM reviews r WHERE r.hit_id = h.id)),"
    " (SELECT max(score) FROM hits h WHERE h.item_id = i.id),"
    " (SELECT threshold FROM hits h WHERE h.item_id = i.id ORDER BY score DESC, id LIMIT 1),"
    " (SELECT min(control) FROM hits h WHERE h.item_id = i.id),"
    " (SELECT group_concat(scenario_id, ',') FROM (SELECT DISTINCT scenario_id FROM hits h WHERE h.item_id = i.id ORDER BY scenario_id)),"
    " (SELECT group_concat(subject, ',') FROM (SELECT DISTINCT subject FROM hits h WHERE h.item_id = i.id ORDER BY subject)),"
    " coalesce((SELECT CASE WHEN c.action = 'claim' AND c.expires_at > ?1 THEN c.officer END FROM claims c WHERE c.item_id = i.id ORDER BY c.id DESC LIMIT 1), ''),"
    " coalesce((SELECT CASE WHEN c.action = 'claim' AND c.expires_at > ?1 THEN c.expires_at END FROM claims c WHERE c.item_id = i.id ORDER BY c.id DESC LIMIT 1), ''),"
    " (SELECT identity FROM hits h WHERE h.item_id = i.id ORDER BY id LIMIT 1),"
    " coalesce((SELECT disposition FROM reviews r WHERE r.item_id = i.id ORDER BY r.id DESC LIMIT 1), '')"
    " FROM items i JOIN runs ru ON ru.id = i.run_id WHERE ru.kind = 'production'";

static void store_item_read(sqlite3_stmt *s, store_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, it->run_id, sizeof it->run_id);
    store_column_copy(s, 2, it->kind, sizeof it->kind);
    store_column_copy(s, 3, it->group_key, sizeof it->group_key);
    store_column_copy(s, 4, it->created_at, sizeof it->created_at);
    it->hit_count = sqlite3_column_int(s, 5);
    it->decided_count = sqlite3_column_int(s, 6);
    it->max_score = sqlite3_column_int(s, 7);
    it->max_threshold = sqlite3_column_int(s, 8);
    it->control = sqlite3_column_int(s, 9) != 0;
    store_column_copy(s, 10, it->scenarios, sizeof it->scenarios);
    store_column_copy(s, 11, it->subjects, sizeof it->subjects);
    store_column_copy(s, 12, it->holder, sizeof it->holder);
    store_column_copy(s, 13, it->held_until, sizeof it->held_until);
    store_column_copy(s, 14, it->identity, sizeof it->identity);
    store_column_copy(s, 15, it->last_disposition, sizeof it->last_disposition);
}

/* The WHERE clauses of a filter, bound from parameter ?2 on (?1 is now). */
static void store_filter_sql(const store_item_filter *f, char *sql, size_t size)
{
    size_t n = strlen(sql);
    if (f->run_id) n += (size_t)snprintf(sql + n, size - n, " AND i.run_id = ?2");
    if (f->scenario_id) n += (size_t)snprintf(sql + n, size - n, " AND EXISTS (SELECT 1 FROM hits h WHERE h.item_id = i.id AND h.scenario_id = ?3)");
    if (f->subject) n += (size_t)snprintf(sql + n, size - n, " AND EXISTS (SELECT 1 FROM hits h WHERE h.item_id = i.id AND h.subject = ?4)");
    if (f->holder)
        n += (size_t)snprintf(sql + n, size - n, " AND (SELECT CASE WHEN c.action = 'claim' AND c.expires_at > ?1 THEN c.officer END "
                                                 "FROM claims c WHERE c.item_id = i.id ORDER BY c.id DESC LIMIT 1) = ?5");
    const char *undecided = "EXISTS (SELECT 1 FROM hits h WHERE h.item_id = i.id AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.hit_id = h.id))";
    if (f->status == STORE_STATUS_OPEN) n += (size_t)snprintf(sql + n, size - n, " AND %s", undecided);
    if (f->status == STORE_STATUS_DECIDED) n += (size_t)snprintf(sql + n, size - n, " AND NOT %s", undecided);
}

static void store_filter_bind(sqlite3_stmt *s, const store_item_filter *f, const char *now)
{
    store_bind_text(s, 1, now);
    if (f->run_id) store_bind_text(s, 2, f->run_id);
    if (f->scenario_id) store_bind_text(s, 3, f->scenario_id);
    if (f->subject) store_bind_text(s, 4, f->subject);
    if (f->holder) store_bind_text(s, 5, f->holder);
}

/* The queue in two steps: the page's item ids, ordered from the (item, score) index
 * alone, then each item's details. Details (identity, holder, scenarios) for every item
 * of a long queue would cost more than the page. */
/* The ids of the queue: the highest score first, then the widest margin over its
 * threshold, then the oldest id (or oldest first); `extra` adds a condition. */
static void store_queue_sql(const store_item_filter *f, const char *extra, char *sql, size_t size)
{
    snprintf(sql, size, "SELECT i.id,"
                        " (SELECT max(score) FROM hits h WHERE h.item_id = i.id) AS top,"
                        " (SELECT score - threshold FROM hits h WHERE h.item_id = i.id ORDER BY score DESC, id LIMIT 1) AS margin"
                        " FROM items i JOIN runs ru ON ru.id = i.run_id WHERE ru.kind = 'production'%s", extra);
    store_filter_sql(f, sql, size);
    size_t n = strlen(sql);
    if (f->order == STORE_ORDER_AGE) snprintf(sql + n, size - n, " ORDER BY i.created_at, i.id");
    else snprintf(sql + n, size - n, " ORDER BY top DESC, margin DESC, i.id");
    n = strlen(sql);
    if (f->limit > 0) snprintf(sql + n, size - n, " LIMIT %d OFFSET %d", f->limit, f->offset > 0 ? f->offset : 0);
}

int store_items(store *st, const store_item_filter *f, store_item_cb cb, void *ctx, vg_error *err)
{
    char sql[4096];
    store_queue_sql(f, "", sql, sizeof sql);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    char now[32];
    store_now(now);
    store_filter_bind(s, f, now);
    long long *ids = NULL;
    size_t count = 0, capacity = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            ids = xrealloc(ids, capacity * sizeof *ids);
        }
        ids[count++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(ids);
        return store_fail(st, err, "cannot read the review queue");
    }
    int result = VG_OK;
    for (size_t i = 0; i < count; i++) {
        store_item it;
        if ((result = store_item_get(st, ids[i], &it, err)) != VG_OK) break;
        if (cb(&it, ctx) != 0) break;
    }
    free(ids);
    return result;
}

int store_item_get(store *st, long long item_id, store_item *out, vg_error *err)
{
    char sql[4096];
    snprintf(sql, sizeof sql, "%s AND i.id = ?6", store_item_select);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    char now[32];
    store_now(now);
    store_bind_text(s, 1, now);
    sqlite3_bind_int64(s, 6, item_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) store_item_read(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) return VG_OK;
    if (rc == SQLITE_DONE) {
        error_set(err, st->path, 0, NULL, "no review item %lld in the store", item_id);
        return STORE_NOT_FOUND;
    }
    return store_fail(st, err, "cannot read a review item");
}

static const char store_hit_columns[] =
    "SELECT h.id, h.item_id, h.run_id, h.scenario_id, h.scenario_revision, h.subject, h.record_kind, h.record_key,"
    " h.group_key, h.source, h.created_at, coalesce(h.masked_at, ''), h.line, h.score, h.threshold, h.control,"
    " h.identity, h.explanation,"
    " coalesce((SELECT disposition FROM reviews r WHERE r.hit_id = h.id ORDER BY r.id DESC LIMIT 1), '')"
    " FROM hits h";

static int store_hit_rows(store *st, sqlite3_stmt *s, store_hit_cb cb, void *ctx, vg_error *err)
{
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_hit_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, 0);
        r.item_id = sqlite3_column_int64(s, 1);
        store_column_copy(s, 2, r.run_id, sizeof r.run_id);
        store_column_copy(s, 3, r.scenario_id, sizeof r.scenario_id);
        store_column_copy(s, 4, r.scenario_revision, sizeof r.scenario_revision);
        store_column_copy(s, 5, r.subject, sizeof r.subject);
        store_column_copy(s, 6, r.record_kind, sizeof r.record_kind);
        store_column_copy(s, 7, r.record_key, sizeof r.record_key);
        store_column_copy(s, 8, r.group_key, sizeof r.group_key);
        store_column_copy(s, 9, r.source, sizeof r.source);
        store_column_copy(s, 10, r.created_at, sizeof r.created_at);
        store_column_copy(s, 11, r.masked_at, sizeof r.masked_at);
        r.line = (long)sqlite3_column_int64(s, 12);
        r.score = sqlite3_column_int(s, 13);
        r.threshold = sqlite3_column_int(s, 14);
        r.control = sqlite3_column_int(s, 15) != 0;
        r.identity_json = store_column_dup(s, 16);
        r.explanation_json = store_column_dup(s, 17);
        store_column_copy(s, 18, r.last_disposition, sizeof r.last_disposition);
        int stop = cb(&r, ctx);
        free(r.identity_json);
        free(r.explanation_json);
        if (stop) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read hits");
    return VG_OK;
}

int store_item_hits(store *st, long long item_id, store_hit_cb cb, void *ctx, vg_error *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE h.item_id = ? ORDER BY h.record_key, h.score DESC, h.id", store_hit_columns);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    return store_hit_rows(st, s, cb, ctx, err);
}

int store_item_reviews(store *st, long long item_id, store_review_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT id, hit_id, item_id, officer, disposition, decided_at, note, amend "
                                         "FROM reviews WHERE item_id = ? ORDER BY id", err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_review_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, 0);
        r.hit_id = sqlite3_column_int64(s, 1);
        r.item_id = sqlite3_column_int64(s, 2);
        store_column_copy(s, 3, r.officer, sizeof r.officer);
        store_column_copy(s, 4, r.disposition, sizeof r.disposition);
        store_column_copy(s, 5, r.decided_at, sizeof r.decided_at);
        r.note = store_column_dup(s, 6);
        r.amend = sqlite3_column_int(s, 7) != 0;
        int stop = cb(&r, ctx);
        free(r.note);
        if (stop) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read reviews");
    return VG_OK;
}

/* ---- claims and decisions -------------------------------------------------------------- */

/* The current holder of an item ("" when nobody) and until when. */
static int store_holder(store *st, long long item_id, const char *now, char holder[64], char until[32], vg_error *err)
{
    holder[0] = until[0] = '\0';
    sqlite3_stmt *s = store_prepare(st, "SELECT officer, action, coalesce(expires_at, '') FROM claims WHERE item_id = ? "
                                         "ORDER BY id DESC LIMIT 1", err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 1), "claim") == 0 &&
        strcmp((const char *)sqlite3_column_text(s, 2), now) > 0) {
        store_column_copy(s, 0, holder, 64);
        store_column_copy(s, 2, until, 32);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? VG_OK : store_fail(st, err, "cannot read claims");
}

static int store_item_exists(store *st, long long item_id, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM items i JOIN runs r ON r.id = i.run_id WHERE i.id = ? AND r.kind = 'production'", err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) return VG_OK;
    if (rc == SQLITE_DONE) {
        error_set(err, st->path, 0, NULL, "no review item %lld in the store", item_id);
        return STORE_NOT_FOUND;
    }
    return store_fail(st, err, "cannot read a review item");
}

static int store_claim_row(store *st, long long item_id, const char *officer, const char *action, int minutes,
                           vg_error *err)
{
    char now[32], until[32];
    store_now(now);
    store_later(until, minutes);
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO claims(item_id, officer, action, at, expires_at) VALUES (?, ?, ?, ?, ?)", err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    store_bind_text(s, 2, officer);
    store_bind_text(s, 3, action);
    store_bind_text(s, 4, now);
    store_bind_text(s, 5, strcmp(action, "claim") == 0 ? until : NULL);
    int rc = store_step_done(st, s, err, "cannot record the claim");
    sqlite3_finalize(s);
    if (rc != VG_OK) return rc;
    char object[32];
    snprintf(object, sizeof object, "item %lld", item_id);
    char details[64];
    snprintf(details, sizeof details, strcmp(action, "claim") == 0 ? "until %s" : "released", until);
    return store_audit(st, officer, action, object, details, err);
}

/* Inside a write transaction: refuse when another officer holds the item. */
static int store_check_holder(store *st, long long item_id, const char *officer, vg_error *err)
{
    char now[32], holder[64], until[32];
    store_now(now);
    if (store_holder(st, item_id, now, holder, until, err) != VG_OK) return VG_ERR;
    if (holder[0] && strcmp(holder, officer) != 0) {
        error_set(err, st->path, 0, NULL, "item %lld is held by %s until %s", item_id, holder, until);
        return STORE_CONFLICT;
    }
    return VG_OK;
}

/* A refused action is audited too (after the rollback, in a transaction of its own),
 * so oversight sees attempts as well as decisions. The audit's own failure is not the
 * caller's error: err keeps why the action was refused. */
static int store_refused(store *st, const char *actor, const char *action, long long item_id, int rc, const vg_error *why)
{
    store_rollback(st);
    if (rc == VG_OK) return rc;
    char object[32], name[48];
    snprintf(object, sizeof object, "item %lld", item_id);
    snprintf(name, sizeof name, "refused-%s", action);
    vg_error ignored;
    store_audit(st, actor, name, object, why->message, &ignored);
    return rc;
}

int store_claim(store *st, long long item_id, const char *officer, int minutes, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = store_item_exists(st, item_id, err);
    if (rc == VG_OK) rc = store_check_holder(st, item_id, officer, err);
    if (rc == VG_OK) rc = store_claim_row(st, item_id, officer, "claim", minutes, err);
    if (rc == VG_OK) return store_commit(st, err);
    return store_refused(st, officer, "claim", item_id, rc, err);
}

int store_release(store *st, long long item_id, const char *officer, vg_error *err)
{
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    char now[32], holder[64], until[32];
    store_now(now);
    int rc = store_item_exists(st, item_id, err);
    if (rc == VG_OK) rc = store_holder(st, item_id, now, holder, until, err);
    if (rc == VG_OK && strcmp(holder, officer) != 0) {
        if (holder[0]) error_set(err, st->path, 0, NULL, "item %lld is held by %s, not by %s", item_id, holder, officer);
        else error_set(err, st->path, 0, NULL, "item %lld is not held by anyone", item_id);
        rc = STORE_CONFLICT;
    }
    if (rc == VG_OK) rc = store_claim_row(st, item_id, officer, "release", 0, err);
    if (rc == VG_OK) return store_commit(st, err);
    return store_refused(st, officer, "release", item_id, rc, err);
}

int store_claim_next(store *st, const store_item_filter *filter, const char *officer, int minutes, long long *item_id,
                     vg_error *err)
{
    *item_id = 0;
    /* BEGIN IMMEDIATE: between the choice and the claim no other officer can claim */
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    store_item_filter f = *filter;
    f.status = STORE_STATUS_OPEN;
    f.limit = 1;
    f.offset = 0;
    f.holder = NULL;
    char now[32];
    store_now(now);
    /* the first open item that nobody else holds, in queue order */
    char sql[4096];
    store_queue_sql(&f, " AND coalesce((SELECT CASE WHEN c.action = 'claim' AND c.expires_at > ?1 THEN c.officer END"
                        " FROM claims c WHERE c.item_id = i.id ORDER BY c.id DESC LIMIT 1), ?7) = ?7", sql, sizeof sql);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    int rc = s ? VG_OK : VG_ERR;
    if (s) {
        store_filter_bind(s, &f, now);
        store_bind_text(s, 7, officer);
        int step = sqlite3_step(s);
        if (step == SQLITE_ROW) *item_id = sqlite3_column_int64(s, 0);
        else if (step != SQLITE_DONE) rc = store_fail(st, err, "cannot read the review queue");
        sqlite3_finalize(s);
    }
    if (rc == VG_OK && *item_id) rc = store_claim_row(st, *item_id, officer, "claim", minutes, err);
    if (rc == VG_OK) return store_commit(st, err);
    store_rollback(st);
    return rc;
}

int store_decide(store *st, const store_decision *d, int *written, vg_error *err)
{
    *written = 0;
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = store_item_exists(st, d->item_id, err);
    if (rc == VG_OK) rc = store_check_holder(st, d->item_id, d->officer, err);
    /* the hits concerned, and whether any is decided already */
    sqlite3_stmt *s = NULL;
    if (rc == VG_OK) {
        s = store_prepare(st, "SELECT h.id, (SELECT count(*) FROM reviews r WHERE r.hit_id = h.id) FROM hits h "
                              "WHERE h.item_id = ?1 AND (?2 = 0 OR h.id = ?2) ORDER BY h.id", err);
        if (!s) rc = VG_ERR;
    }
    long long ids[1024];
    int count = 0, decided = 0;
    if (s) {
        sqlite3_bind_int64(s, 1, d->item_id);
        sqlite3_bind_int64(s, 2, d->hit_id);
        while (sqlite3_step(s) == SQLITE_ROW && count < 1024) {
            ids[count++] = sqlite3_column_int64(s, 0);
            if (sqlite3_column_int(s, 1) > 0) decided++;
        }
        sqlite3_finalize(s);
        s = NULL;
        if (count == 0) {
            error_set(err, st->path, 0, NULL, "hit %lld is not part of item %lld", d->hit_id, d->item_id);
            rc = STORE_NOT_FOUND;
        } else if (decided && !d->amend) {
            error_set(err, st->path, 0, NULL, "item %lld is already decided (%d of its %d hit%s): amend with --amend",
                      d->item_id, decided, count, count == 1 ? "" : "s");
            rc = STORE_CONFLICT;
        }
    }
    char now[32];
    store_now(now);
    if (rc == VG_OK && !(s = store_prepare(st, "INSERT INTO reviews(hit_id, item_id, officer, disposition, note, amend, decided_at) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?)", err)))
        rc = VG_ERR;
    for (int i = 0; rc == VG_OK && i < count; i++) {
        sqlite3_bind_int64(s, 1, ids[i]);
        sqlite3_bind_int64(s, 2, d->item_id);
        store_bind_text(s, 3, d->officer);
        store_bind_text(s, 4, d->disposition);
        store_bind_text(s, 5, d->note ? d->note : "");
        sqlite3_bind_int(s, 6, d->amend && decided);
        store_bind_text(s, 7, now);
        rc = store_step_done(st, s, err, "cannot record the review");
        if (rc == VG_OK) (*written)++;
    }
    sqlite3_finalize(s);
    if (rc == VG_OK) {
        char object[48], details[160];
        snprintf(object, sizeof object, d->hit_id ? "item %lld hit %lld" : "item %lld", d->item_id, d->hit_id);
        snprintf(details, sizeof details, "%s%s (%d hit%s)", d->disposition, d->amend && decided ? ", amending" : "",
                 *written, *written == 1 ? "" : "s");
        rc = store_audit(st, d->officer, "decide", object, details, err);
    }
    if (rc == VG_OK) return store_commit(st, err);
    *written = 0;
    return store_refused(st, d->officer, "decide", d->item_id, rc, err);
}

/* ---- audit -------------------------------------------------------------------------- */

int store_audit(store *st, const char *actor, const char *action, const char *object, const char *details, vg_error *err)
{
    char now[32];
    store_now(now);
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO audit(at, actor, action, object, details) VALUES (?, ?, ?, ?, ?)", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, now);
    store_bind_text(s, 2, actor && *actor ? actor : "(unknown)");
    store_bind_text(s, 3, action);
    store_bind_text(s, 4, object ? object : "");
    store_bind_text(s, 5, details ? details : "");
    int rc = store_step_done(st, s, err, "cannot write the audit");
    sqlite3_finalize(s);
    return rc;
}

int store_audit_rows(store *st, int limit, store_audit_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT id, at, actor, action, object, details FROM audit ORDER BY id DESC LIMIT ?", err);
    if (!s) return VG_ERR;
    sqlite3_bind_int(s, 1, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_audit_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, r.at, sizeof r.at);
        store_column_copy(s, 2, r.actor, sizeof r.actor);
        store_column_copy(s, 3, r.action, sizeof r.action);
        store_column_copy(s, 4, r.object, sizeof r.object);
        r.details = store_column_dup(s, 5);
        int stop = cb(&r, ctx);
        free(r.details);
        if (stop) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read the audit");
    return VG_OK;
}

/* ---- export and purge ------------------------------------------------------------------ */

int store_export(store *st, const store_item_filter *f, store_hit_cb cb, void *ctx, vg_error *err)
{
    char sql[4096];
    snprintf(sql, sizeof sql, "%s JOIN items i ON i.id = h.item_id JOIN runs ru ON ru.id = i.run_id WHERE ru.kind = 'production'",
             store_hit_columns);
    store_filter_sql(f, sql, sizeof sql);
    size_t n = strlen(sql);
    snprintf(sql + n, sizeof sql - n, " ORDER BY h.item_id, h.id");
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    char now[32];
    store_now(now);
    store_filter_bind(s, f, now);
    return store_hit_rows(st, s, cb, ctx, err);
}

#define STORE_MASK "(masked)"

/* Replace every evidence value of every part of an explanation by STORE_MASK, and the
 * record key: the structure, ids, labels, weights and results stay for reports. */
static void store_mask_parts(cJSON *parts)
{
    cJSON *part;
    cJSON_ArrayForEach(part, parts) {
        cJSON *evidence = cJSON_GetObjectItemCaseSensitive(part, "evidence"), *e;
        cJSON_ArrayForEach(e, evidence)
            if (cJSON_GetObjectItemCaseSensitive(e, "value"))
                cJSON_ReplaceItemInObjectCaseSensitive(e, "value", cJSON_CreateString(STORE_MASK));
    }
}

/* The booking and link sections (explain_links.c): the other records' keys, surnames,
 * bookings and ages are personal values too; counts, payer and self flags stay. */
static void store_mask_members(cJSON *members)
{
    static const char *personal[] = { "key", "surname", "booking", "age" };
    cJSON *m;
    cJSON_ArrayForEach(m, members)
        for (size_t i = 0; i < sizeof personal / sizeof *personal; i++)
            if (cJSON_GetObjectItemCaseSensitive(m, personal[i]))
                cJSON_ReplaceItemInObjectCaseSensitive(m, personal[i], cJSON_CreateString(STORE_MASK));
}

static char *store_mask_explanation(const char *json)
{
    cJSON *o = cJSON_Parse(json);
    if (!o) return xstrdup("{}");
    cJSON *rec = cJSON_GetObjectItemCaseSensitive(o, "record");
    if (cJSON_GetObjectItemCaseSensitive(rec, "key"))
        cJSON_ReplaceItemInObjectCaseSensitive(rec, "key", cJSON_CreateString(STORE_MASK));
    store_mask_parts(cJSON_GetObjectItemCaseSensitive(o, "conditions"));
    store_mask_parts(cJSON_GetObjectItemCaseSensitive(o, "indicators"));
    store_mask_members(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "booking"), "members"));
    cJSON *booking = cJSON_GetObjectItemCaseSensitive(o, "booking");
    if (cJSON_GetObjectItemCaseSensitive(booking, "group"))
        cJSON_ReplaceItemInObjectCaseSensitive(booking, "group", cJSON_CreateString(STORE_MASK));
    cJSON *link;
    cJSON_ArrayForEach(link, cJSON_GetObjectItemCaseSensitive(o, "links"))
        store_mask_members(cJSON_GetObjectItemCaseSensitive(link, "linked"));
    char *out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return out;
}

/* Identity fields keep their names; every value is masked. */
static char *store_mask_identity(const char *json)
{
    cJSON *o = cJSON_Parse(json), *f, *masked = cJSON_CreateObject();
    cJSON_ArrayForEach(f, o) {
        if (cJSON_IsNull(f)) cJSON_AddNullToObject(masked, f->string);
        else cJSON_AddStringToObject(masked, f->string, STORE_MASK);
    }
    cJSON_Delete(o);
    char *out = cJSON_PrintUnformatted(masked);
    cJSON_Delete(masked);
    return out;
}

int store_purge(store *st, const char *before, const char *actor, long long *masked, vg_error *err)
{
    *masked = 0;
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    /* the one path allowed to touch old rows: the triggers let the personal columns
     * change while this row exists, and it never outlives this transaction */
    int rc = store_exec(st, "INSERT INTO purge_in_progress VALUES (1)", err);
    char now[32];
    store_now(now);
    sqlite3_stmt *sel = rc == VG_OK ? store_prepare(st, "SELECT h.id, h.record_key, h.group_key, h.identity, h.explanation "
                                                         "FROM hits h JOIN runs r ON r.id = h.run_id "
                                                         "WHERE h.masked_at IS NULL AND r.started_at < ? ORDER BY h.id", err) : NULL;
    sqlite3_stmt *seal = sel ? store_prepare(st, "INSERT INTO sealed VALUES (?, ?, ?, ?, ?, ?)", err) : NULL;
    sqlite3_stmt *upd = seal ? store_prepare(st, "UPDATE hits SET record_key = ?, group_key = ?, identity = ?, "
                                                 "explanation = ?, masked_at = ? WHERE id = ?", err) : NULL;
    if (!upd) rc = VG_ERR;
    if (rc == VG_OK) {
        store_bind_text(sel, 1, before);
        int step;
        while (rc == VG_OK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
            long long id = sqlite3_column_int64(sel, 0);
            sqlite3_bind_int64(seal, 1, id);
            for (int c = 1; c <= 4; c++) store_bind_text(seal, c + 1, (const char *)sqlite3_column_text(sel, c));
            store_bind_text(seal, 6, now);
            rc = store_step_done(st, seal, err, "cannot seal personal values");
            if (rc != VG_OK) break;
            char *identity = store_mask_identity((const char *)sqlite3_column_text(sel, 3));
            char *explanation = store_mask_explanation((const char *)sqlite3_column_text(sel, 4));
            if (!identity || !explanation) xalloc_die();
            store_bind_text(upd, 1, STORE_MASK);
            store_bind_text(upd, 2, STORE_MASK);
            store_bind_text(upd, 3, identity);
            store_bind_text(upd, 4, explanation);
            store_bind_text(upd, 5, now);
            sqlite3_bind_int64(upd, 6, id);
            rc = store_step_done(st, upd, err, "cannot mask a hit");
            free(identity);
            free(explanation);
            if (rc == VG_OK) (*masked)++;
        }
        if (rc == VG_OK && step != SQLITE_DONE) rc = store_fail(st, err, "cannot read hits to purge");
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(seal);
    sqlite3_finalize(upd);
    if (rc == VG_OK) {
        sqlite3_stmt *s = store_prepare(st, "UPDATE items SET group_key = '(masked ' || id || ')', masked_at = ? "
                                             "WHERE masked_at IS NULL AND run_id IN (SELECT id FROM runs WHERE started_at < ?)", err);
        if (!s) rc = VG_ERR;
        else {
            store_bind_text(s, 1, now);
            store_bind_text(s, 2, before);
            rc = store_step_done(st, s, err, "cannot mask review items");
            sqlite3_finalize(s);
        }
    }
    long long link_rows = 0;
    if (rc == VG_OK) { /* the runs' link history goes with their personal values */
        sqlite3_stmt *s = store_prepare(st, "DELETE FROM link_history WHERE run_id IN (SELECT id FROM runs WHERE started_at < ?)", err);
        if (!s) rc = VG_ERR;
        else {
            store_bind_text(s, 1, before);
            rc = store_step_done(st, s, err, "cannot delete the link history of purged runs");
            link_rows = sqlite3_changes(st->db);
            sqlite3_finalize(s);
        }
    }
    if (rc == VG_OK) rc = store_exec(st, "DELETE FROM purge_in_progress", err);
    if (rc == VG_OK) {
        char details[160];
        snprintf(details, sizeof details, "before %s: %lld hit%s masked, %lld link history row%s deleted", before, *masked,
                 *masked == 1 ? "" : "s", link_rows, link_rows == 1 ? "" : "s");
        rc = store_audit(st, actor, "purge", "hits", details, err);
    }
    if (rc == VG_OK) return store_commit(st, err);
    *masked = 0;
    store_rollback(st);
    return rc;
}
