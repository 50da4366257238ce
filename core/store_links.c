/* store_links.c - the link history in the review store: per run, keyed hashes of the link values its records carried. */
#include "store_links.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

/* The table and its triggers (store_migrate_links adds them to a version 1 store):
 * rows are added only while their run runs, never updated, and deleted only by purge. */
const char store_links_schema_sql[] =
    "CREATE TABLE link_history (\n"
    "  id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id), kind TEXT NOT NULL, link TEXT NOT NULL,\n"
    "  value INTEGER NOT NULL, booking INTEGER NOT NULL, surname INTEGER NOT NULL,\n"
    "  record_key TEXT NOT NULL, booking_ref TEXT NOT NULL);\n"
    "CREATE INDEX link_history_by_run ON link_history(run_id, kind, link);\n"
    "CREATE TRIGGER link_history_insert BEFORE INSERT ON link_history\n"
    "  WHEN (SELECT status FROM runs WHERE id = NEW.run_id) IS NOT 'running'\n"
    "  BEGIN SELECT RAISE(ABORT, 'a finished run takes no more link rows'); END;\n"
    "CREATE TRIGGER link_history_no_update BEFORE UPDATE ON link_history\n"
    "  BEGIN SELECT RAISE(ABORT, 'link history is append-only'); END;\n"
    "CREATE TRIGGER link_history_no_delete BEFORE DELETE ON link_history WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress)\n"
    "  BEGIN SELECT RAISE(ABORT, 'link history is append-only (purge deletes the rows of purged runs)'); END;\n";

int store_links_hash_key(store *st, unsigned char key[16], vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = 'link_hash_key'", err);
    if (!s) return VG_ERR;
    char hex[40] = "";
    if (sqlite3_step(s) == SQLITE_ROW) store_column_copy(s, 0, hex, sizeof hex);
    sqlite3_finalize(s);
    if (strlen(hex) != 32) {
        if (sodium_init() < 0) return error_set(err, NULL, 0, NULL, "libsodium cannot start");
        unsigned char fresh[16];
        randombytes_buf(fresh, sizeof fresh);
        char made[40];
        sodium_bin2hex(made, sizeof made, fresh, sizeof fresh);
        /* another process may make it at once: the first one kept wins */
        s = store_prepare(st, "INSERT OR IGNORE INTO meta(key, value) VALUES ('link_hash_key', ?)", err);
        if (!s) return VG_ERR;
        store_bind_text(s, 1, made);
        int rc = store_step_done(st, s, err, "cannot keep the link hash key");
        sqlite3_finalize(s);
        if (rc != VG_OK) return rc;
        return store_links_hash_key(st, key, err);
    }
    size_t n = 0;
    if (sodium_hex2bin(key, 16, hex, 32, NULL, &n, NULL) != 0 || n != 16)
        return error_set(err, store_file(st), 0, NULL, "the store's link hash key is damaged");
    return VG_OK;
}

int store_links_add(store *st, const char *run_id, const char *kind, const store_link_row *rows, size_t count,
                    vg_error *err)
{
    if (!count) return VG_OK;
    bool own = sqlite3_get_autocommit(st->db); /* else the caller's transaction holds them */
    if (own && store_begin(st, err) != VG_OK) return VG_ERR;
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO link_history(run_id, kind, link, value, booking, surname, "
                                        "record_key, booking_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", err);
    int rc = s ? VG_OK : VG_ERR;
    for (size_t i = 0; rc == VG_OK && i < count; i++) {
        const store_link_row *r = &rows[i];
        store_bind_text(s, 1, run_id);
        store_bind_text(s, 2, kind);
        store_bind_text(s, 3, r->link);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)r->value);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)r->booking);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)r->surname);
        store_bind_text(s, 7, r->record_key);
        store_bind_text(s, 8, r->booking_ref);
        rc = store_step_done(st, s, err, "cannot keep the run's link history");
    }
    sqlite3_finalize(s);
    if (own) {
        if (rc == VG_OK) rc = store_commit(st, err);
        else store_rollback(st);
    }
    return rc;
}

int store_links_each(store *st, const char *kind, const char *link, int days, const char *except_run,
                     void (*cb)(void *ctx, const store_link_row *row), void *ctx, vg_error *err)
{
    if (days <= 0) return VG_OK;
    /* runs are stamped by store_now: the cutoff, in the same format, compares as text */
    char since[32];
    store_later(since, -(long long)days * 24 * 60);
    sqlite3_stmt *s = store_prepare(st, "SELECT h.value, h.booking, h.surname, h.record_key, h.booking_ref "
                                        "FROM link_history h JOIN runs r ON r.id = h.run_id "
                                        "WHERE h.kind = ? AND h.link = ? AND h.run_id <> ? AND r.started_at >= ? AND r.status = 'complete' "
                                        "ORDER BY r.started_at, h.id", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, kind);
    store_bind_text(s, 2, link);
    store_bind_text(s, 3, except_run ? except_run : "");
    store_bind_text(s, 4, since);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_link_row row = { link, (uint64_t)sqlite3_column_int64(s, 0), (uint64_t)sqlite3_column_int64(s, 1),
                               (uint64_t)sqlite3_column_int64(s, 2), (const char *)sqlite3_column_text(s, 3),
                               (const char *)sqlite3_column_text(s, 4) };
        cb(ctx, &row);
    }
    int rc = step == SQLITE_DONE ? VG_OK : store_fail(st, err, "cannot read the link history");
    sqlite3_finalize(s);
    return rc;
}
