/* store_publish.c - ruleset publications in the review store: proposed by one person, made active by another. */
#include "store_publish.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* A publication with its latest approval and whether it is the active one (the
 * publication of the latest approval of all). */
static const char publication_select[] =
    "SELECT p.id, p.revision, p.dir, p.proposed_by, p.proposed_at, p.note, p.files,"
    " coalesce(a.approved_by, ''), coalesce(a.approved_at, ''),"
    " p.id = (SELECT publication_id FROM approvals ORDER BY id DESC LIMIT 1)"
    " FROM publications p LEFT JOIN approvals a ON a.id = (SELECT max(id) FROM approvals WHERE publication_id = p.id)";

void store_publication_clear(store_publication *p)
{
    free(p->files_json);
    memset(p, 0, sizeof *p);
}

static void publication_row(sqlite3_stmt *s, store_publication *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    store_column_copy(s, 1, p->revision, sizeof p->revision);
    store_column_copy(s, 2, p->dir, sizeof p->dir);
    store_column_copy(s, 3, p->proposed_by, sizeof p->proposed_by);
    store_column_copy(s, 4, p->proposed_at, sizeof p->proposed_at);
    store_column_copy(s, 5, p->note, sizeof p->note);
    p->files_json = store_column_dup(s, 6);
    store_column_copy(s, 7, p->approved_by, sizeof p->approved_by);
    store_column_copy(s, 8, p->approved_at, sizeof p->approved_at);
    p->active = sqlite3_column_int(s, 9) != 0;
}

int store_publish(store *st, const char *revision, const char *dir, const char *files_json, const char *by,
                  const char *note, long long *id, vg_error *err)
{
    *id = 0;
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE p.revision = ?", publication_select);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    int rc = s ? VG_OK : VG_ERR;
    if (s) {
        store_bind_text(s, 1, revision);
        int step = sqlite3_step(s);
        if (step == SQLITE_ROW) {
            store_publication p;
            publication_row(s, &p);
            rc = error_set(err, store_file(st), 0, NULL, "revision %.12s was proposed already, as publication %lld by %s on %s%s",
                           revision, p.id, p.proposed_by, p.proposed_at, p.active ? " (it is the active one)" : "");
            rc = STORE_CONFLICT;
            store_publication_clear(&p);
        } else if (step != SQLITE_DONE) {
            rc = store_fail(st, err, "cannot read the publications");
        }
        sqlite3_finalize(s);
    }
    char now[32];
    store_now(now);
    if (rc == VG_OK) {
        s = store_prepare(st, "INSERT INTO publications(revision, dir, files, proposed_by, proposed_at, note) VALUES (?, ?, ?, ?, ?, ?)", err);
        if (!s) rc = VG_ERR;
        else {
            const char *values[] = { revision, dir, files_json, by, now, note ? note : "" };
            for (int i = 0; i < 6; i++) store_bind_text(s, i + 1, values[i]);
            rc = store_step_done(st, s, err, "cannot record the publication");
            sqlite3_finalize(s);
            *id = sqlite3_last_insert_rowid(st->db);
        }
    }
    if (rc == VG_OK) {
        char object[64], details[700];
        snprintf(object, sizeof object, "ruleset %.12s", revision);
        snprintf(details, sizeof details, "proposed from %s as publication %lld%s%s", dir, *id, note && *note ? ": " : "",
                 note ? note : "");
        rc = store_audit(st, by, "publish", object, details, err);
    }
    if (rc == VG_OK) return store_commit(st, err);
    *id = 0;
    store_rollback(st);
    return rc;
}

/* The publication ref names, inside a transaction. */
static int publication_find(store *st, const char *ref, store_publication *out, vg_error *err)
{
    bool number = *ref != '\0';
    size_t len = strlen(ref);
    for (const char *c = ref; *c; c++) number &= isdigit((unsigned char)*c) != 0;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE %s ORDER BY p.id LIMIT 2", publication_select,
             number && len < 8 ? "p.id = ?1" : "substr(p.revision, 1, length(?1)) = lower(?1)");
    if (!number || len >= 8) {
        bool hex = len >= 8;
        for (const char *c = ref; *c; c++) hex &= isxdigit((unsigned char)*c) != 0;
        if (!hex) {
            error_set(err, NULL, 0, NULL, "'%s' is neither a publication number nor 8 or more hex digits of a revision", ref);
            return STORE_NOT_FOUND;
        }
    }
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, ref);
    int found = 0, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (found++ == 0) publication_row(s, out);
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        store_publication_clear(out);
        return store_fail(st, err, "cannot read the publications");
    }
    if (found == 0) {
        error_set(err, store_file(st), 0, NULL, "no publication %s in the store", ref);
        return STORE_NOT_FOUND;
    }
    if (found > 1) {
        store_publication_clear(out);
        error_set(err, store_file(st), 0, NULL, "'%s' names more than one publication: give more digits", ref);
        return STORE_CONFLICT;
    }
    return VG_OK;
}

int store_approve(store *st, const char *ref, const char *by, store_publication *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    if (store_begin(st, err) != VG_OK) return VG_ERR;
    int rc = publication_find(st, ref, out, err);
    if (rc == VG_OK && strcmp(out->proposed_by, by) == 0) {
        error_set(err, store_file(st), 0, NULL, "%s proposed revision %.12s and cannot approve it: another person must",
                  by, out->revision);
        rc = STORE_CONFLICT;
    } else if (rc == VG_OK && out->active) {
        error_set(err, store_file(st), 0, NULL, "revision %.12s is already the active one (approved by %s on %s)",
                  out->revision, out->approved_by, out->approved_at);
        rc = STORE_CONFLICT;
    }
    char now[32];
    store_now(now);
    if (rc == VG_OK) {
        sqlite3_stmt *s = store_prepare(st, "INSERT INTO approvals(publication_id, approved_by, approved_at) VALUES (?, ?, ?)", err);
        if (!s) rc = VG_ERR;
        else {
            sqlite3_bind_int64(s, 1, out->id);
            store_bind_text(s, 2, by);
            store_bind_text(s, 3, now);
            rc = store_step_done(st, s, err, "cannot record the approval");
            sqlite3_finalize(s);
        }
    }
    if (rc == VG_OK) {
        char object[64], details[700];
        snprintf(object, sizeof object, "ruleset %.12s", out->revision);
        snprintf(details, sizeof details, "publication %lld (proposed by %s from %s) made active", out->id,
                 out->proposed_by, out->dir);
        rc = store_audit(st, by, "approve", object, details, err);
    }
    if (rc == VG_OK && (rc = store_commit(st, err)) == VG_OK) {
        snprintf(out->approved_by, sizeof out->approved_by, "%s", by);
        snprintf(out->approved_at, sizeof out->approved_at, "%s", now);
        out->active = true;
        return VG_OK;
    }
    store_rollback(st);
    store_publication_clear(out);
    return rc;
}

int store_publication_active(store *st, store_publication *out, bool *found, vg_error *err)
{
    memset(out, 0, sizeof *out);
    *found = false;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE p.id = (SELECT publication_id FROM approvals ORDER BY id DESC LIMIT 1)",
             publication_select);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        publication_row(s, out);
        *found = true;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return store_fail(st, err, "cannot read the active publication");
    return VG_OK;
}

int store_publications(store *st, store_publication_cb cb, void *ctx, vg_error *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "%s ORDER BY p.id DESC", publication_select);
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_publication p;
        publication_row(s, &p);
        int stop = cb(&p, ctx);
        store_publication_clear(&p);
        if (stop) break;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return store_fail(st, err, "cannot read the publications");
    return VG_OK;
}
