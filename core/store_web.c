/* store_web.c - the web page's queries: accounts, sessions, scenario and run figures, sealed values (store layer: speaks SQL). */
#include "store_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* ---- accounts -------------------------------------------------------------------- */

int store_user_add(store *st, const store_user *u, vg_error *err)
{
    store_user existing;
    int rc = store_user_get(st, u->name, &existing, err);
    if (rc == VG_OK) {
        error_set(err, store_file(st), 0, NULL, "user '%s' exists already", u->name);
        return STORE_CONFLICT;
    }
    if (rc != STORE_NOT_FOUND) return rc;
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO users(name, role, password_hash, lang, created_at, created_by) "
                                        "VALUES (?, ?, ?, ?, ?, ?)", err);
    if (!s) return VG_ERR;
    char now[32];
    store_now(now);
    store_bind_text(s, 1, u->name);
    store_bind_text(s, 2, u->role);
    store_bind_text(s, 3, u->password_hash);
    store_bind_text(s, 4, *u->lang ? u->lang : "en");
    store_bind_text(s, 5, now);
    store_bind_text(s, 6, *u->created_by ? u->created_by : "unknown");
    rc = store_step_done(st, s, err, "cannot add the user");
    sqlite3_finalize(s);
    return rc;
}

static const char store_user_columns[] =
    "SELECT name, role, lang, created_at, created_by, coalesce(disabled_at, ''), password_hash FROM users";

static void store_user_read(sqlite3_stmt *s, store_user *u)
{
    memset(u, 0, sizeof *u);
    store_column_copy(s, 0, u->name, sizeof u->name);
    store_column_copy(s, 1, u->role, sizeof u->role);
    store_column_copy(s, 2, u->lang, sizeof u->lang);
    store_column_copy(s, 3, u->created_at, sizeof u->created_at);
    store_column_copy(s, 4, u->created_by, sizeof u->created_by);
    store_column_copy(s, 5, u->disabled_at, sizeof u->disabled_at);
    store_column_copy(s, 6, u->password_hash, sizeof u->password_hash);
}

int store_user_get(store *st, const char *name, store_user *out, vg_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "%s WHERE name = ?", store_user_columns);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) store_user_read(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) return VG_OK;
    if (rc == SQLITE_DONE) {
        error_set(err, store_file(st), 0, NULL, "no user '%s'", name);
        return STORE_NOT_FOUND;
    }
    return store_fail(st, err, "cannot read a user");
}

int store_users(store *st, store_user_cb cb, void *ctx, vg_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "%s ORDER BY name", store_user_columns);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_user u;
        store_user_read(s, &u);
        if (cb(&u, ctx) != 0) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read the users");
    return VG_OK;
}

/* One statement with up to two text parameters that changes rows: STORE_NOT_FOUND when none changed. */
static int store_web_change(store *st, const char *sql, const char *a, const char *b, const char *what, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, a);
    if (b) store_bind_text(s, 2, b);
    int rc = store_step_done(st, s, err, what);
    sqlite3_finalize(s);
    if (rc == VG_OK && sqlite3_changes(st->db) == 0) {
        error_set(err, store_file(st), 0, NULL, "%s: nothing to change", what);
        return STORE_NOT_FOUND;
    }
    return rc;
}

int store_user_set_lang(store *st, const char *name, const char *lang, vg_error *err)
{
    return store_web_change(st, "UPDATE users SET lang = ?2 WHERE name = ?1", name, lang, "cannot set the language", err);
}

int store_user_disable(store *st, const char *name, vg_error *err)
{
    char now[32];
    store_now(now);
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = store_web_change(st, "UPDATE users SET disabled_at = ?2 WHERE name = ?1 AND disabled_at IS NULL", name, now,
                              "cannot disable the user", err);
    if (rc == VG_OK) {
        sqlite3_stmt *s = store_prepare(st, "UPDATE sessions SET ended_at = ?2 WHERE user_name = ?1 AND ended_at IS NULL", err);
        if (!s) rc = VG_ERR;
        else {
            store_bind_text(s, 1, name);
            store_bind_text(s, 2, now);
            rc = store_step_done(st, s, err, "cannot end the user's sessions");
            sqlite3_finalize(s);
        }
    }
    if (rc == VG_OK) return store_commit(st, err);
    store_rollback(st);
    return rc;
}

/* ---- sessions -------------------------------------------------------------------- */

int store_session_add(store *st, const char *token_hash, const char *user, const char *csrf, const char *expires_at,
                      vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "INSERT INTO sessions(token_hash, user_name, csrf, created_at, expires_at) "
                                        "VALUES (?, ?, ?, ?, ?)", err);
    if (!s) return VG_ERR;
    char now[32];
    store_now(now);
    store_bind_text(s, 1, token_hash);
    store_bind_text(s, 2, user);
    store_bind_text(s, 3, csrf);
    store_bind_text(s, 4, now);
    store_bind_text(s, 5, expires_at);
    int rc = store_step_done(st, s, err, "cannot open a session");
    sqlite3_finalize(s);
    return rc;
}

int store_session_get(store *st, const char *token_hash, const char *now, store_user *user, char csrf[80], vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT u.name, u.role, u.lang, u.created_at, u.created_by, '', '', s.csrf "
                                        "FROM sessions s JOIN users u ON u.name = s.user_name "
                                        "WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? "
                                        "AND u.disabled_at IS NULL", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, token_hash);
    store_bind_text(s, 2, now);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        store_user_read(s, user);
        store_column_copy(s, 7, csrf, 80);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW) return VG_OK;
    if (rc == SQLITE_DONE) return STORE_NOT_FOUND;
    return store_fail(st, err, "cannot read a session");
}

int store_session_end(store *st, const char *token_hash, vg_error *err)
{
    char now[32];
    store_now(now);
    return store_web_change(st, "UPDATE sessions SET ended_at = ?2 WHERE token_hash = ?1 AND ended_at IS NULL", token_hash,
                            now, "cannot end the session", err);
}

/* ---- scenarios and runs ---------------------------------------------------------------- */

static const char store_scenario_columns[] =
    "SELECT rs.scenario_id, rs.revision, rs.title_en, coalesce(rs.title_fr, ''), rs.subject, rs.status,"
    " coalesce(rs.owner, ''), coalesce(rs.review_by, ''), rs.run_id, r.started_at, r.ruleset_dir, rs.threshold,"
    " rs.evaluated, %s, rs.errors, rs.switched_off, coalesce(rs.first_error, ''),"
    " coalesce(rs.rationale_en, ''), coalesce(rs.rationale_fr, ''), rs.refs"
    " FROM run_scenarios rs JOIN runs r ON r.id = rs.run_id";

int store_scenarios(store *st, const char *run_id, const char *scenario_id, store_scenario_cb cb, void *ctx,
                    vg_error *err)
{
    char sql[1024];
    if (run_id)
        snprintf(sql, sizeof sql, store_scenario_columns, "rs.hits");
    else
        snprintf(sql, sizeof sql, store_scenario_columns,
                 scenario_id ? "rs.hits" : "(SELECT count(*) FROM hits h WHERE h.scenario_id = rs.scenario_id AND h.control = 0)");
    size_t n = strlen(sql);
    if (run_id) snprintf(sql + n, sizeof sql - n, " WHERE rs.run_id = ?1 ORDER BY rs.scenario_id");
    else if (scenario_id) snprintf(sql + n, sizeof sql - n, " WHERE rs.scenario_id = ?1 ORDER BY r.started_at DESC, r.id DESC");
    else
        snprintf(sql + n, sizeof sql - n,
                 " WHERE r.id = (SELECT r2.id FROM run_scenarios rs2 JOIN runs r2 ON r2.id = rs2.run_id"
                 " WHERE rs2.scenario_id = rs.scenario_id ORDER BY r2.started_at DESC, r2.id DESC LIMIT 1)"
                 " ORDER BY rs.scenario_id");
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    if (run_id) store_bind_text(s, 1, run_id);
    else if (scenario_id) store_bind_text(s, 1, scenario_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_scenario_row r;
        memset(&r, 0, sizeof r);
        store_column_copy(s, 0, r.id, sizeof r.id);
        store_column_copy(s, 1, r.revision, sizeof r.revision);
        store_column_copy(s, 2, r.title_en, sizeof r.title_en);
        store_column_copy(s, 3, r.title_fr, sizeof r.title_fr);
        store_column_copy(s, 4, r.subject, sizeof r.subject);
        store_column_copy(s, 5, r.status, sizeof r.status);
        store_column_copy(s, 6, r.owner, sizeof r.owner);
        store_column_copy(s, 7, r.review_by, sizeof r.review_by);
        store_column_copy(s, 8, r.run_id, sizeof r.run_id);
        store_column_copy(s, 9, r.run_started, sizeof r.run_started);
        store_column_copy(s, 10, r.ruleset_dir, sizeof r.ruleset_dir);
        r.threshold = sqlite3_column_int(s, 11);
        r.evaluated = sqlite3_column_int64(s, 12);
        r.hits = sqlite3_column_int64(s, 13);
        r.errors = sqlite3_column_int64(s, 14);
        r.switched_off = sqlite3_column_int(s, 15) != 0;
        store_column_copy(s, 16, r.first_error, sizeof r.first_error);
        store_column_copy(s, 17, r.rationale_en, sizeof r.rationale_en);
        store_column_copy(s, 18, r.rationale_fr, sizeof r.rationale_fr);
        store_column_copy(s, 19, r.references, sizeof r.references);
        if (cb(&r, ctx) != 0) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read the scenarios");
    return VG_OK;
}

static int store_counts(store *st, const char *sql, const char *param, store_count_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    if (param) store_bind_text(s, 1, param);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_count_row r;
        store_column_copy(s, 0, r.name, sizeof r.name);
        r.count = sqlite3_column_int64(s, 1);
        if (cb(&r, ctx) != 0) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot count");
    return VG_OK;
}

int store_scenario_dispositions(store *st, const char *scenario_id, store_count_cb cb, void *ctx, vg_error *err)
{
    return store_counts(st,
                        "SELECT d, count(*) FROM (SELECT coalesce((SELECT disposition FROM reviews r WHERE r.hit_id = h.id "
                        "ORDER BY r.id DESC LIMIT 1), '') AS d FROM hits h WHERE h.scenario_id = ?1) GROUP BY d ORDER BY d",
                        scenario_id, cb, ctx, err);
}

int store_hit_scenarios(store *st, store_count_cb cb, void *ctx, vg_error *err)
{
    return store_counts(st, "SELECT scenario_id, count(*) FROM hits GROUP BY scenario_id ORDER BY scenario_id", NULL, cb,
                        ctx, err);
}

int store_run_rejects(store *st, const char *run_id, int limit, store_reject_cb cb, void *ctx, long long *total,
                      vg_error *err)
{
    *total = 0;
    sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM run_rejects WHERE run_id = ?", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, run_id);
    if (sqlite3_step(s) == SQLITE_ROW) *total = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    s = store_prepare(st, "SELECT file, line, field, reason FROM run_rejects WHERE run_id = ? ORDER BY id LIMIT ?", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, run_id);
    sqlite3_bind_int(s, 2, limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_reject_row r;
        store_column_copy(s, 0, r.file, sizeof r.file);
        r.line = (long)sqlite3_column_int64(s, 1);
        store_column_copy(s, 2, r.field, sizeof r.field);
        store_column_copy(s, 3, r.reason, sizeof r.reason);
        if (cb(&r, ctx) != 0) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read the rejects");
    return VG_OK;
}

/* ---- sealed values ---------------------------------------------------------------------- */

int store_item_sealed(store *st, long long item_id, store_sealed_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, "SELECT s.hit_id, s.record_key, s.group_key, s.sealed_at, s.identity, s.explanation "
                                        "FROM sealed s JOIN hits h ON h.id = s.hit_id WHERE h.item_id = ? ORDER BY s.hit_id",
                                    err);
    if (!s) return VG_ERR;
    sqlite3_bind_int64(s, 1, item_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        store_sealed_row r;
        r.hit_id = sqlite3_column_int64(s, 0);
        store_column_copy(s, 1, r.record_key, sizeof r.record_key);
        store_column_copy(s, 2, r.group_key, sizeof r.group_key);
        store_column_copy(s, 3, r.sealed_at, sizeof r.sealed_at);
        r.identity_json = store_column_dup(s, 4);
        r.explanation_json = store_column_dup(s, 5);
        int stop = cb(&r, ctx);
        free(r.identity_json);
        free(r.explanation_json);
        if (stop) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, err, "cannot read sealed values");
    return VG_OK;
}
