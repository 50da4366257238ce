/* store_report.c - the store's read-only queries behind `vigie report` (see store_report.h). */
#include "store_report.h"

#include <stdio.h>
#include <string.h>

#include "store_impl.h"

/* The runs a report covers; ?1 since, ?2 until, ?3 run id (NULL: no bound). */
#define REPORT_WINDOW                                                                       \
    " r.kind = 'production' AND r.status <> 'running'"                                    \
    " AND (?1 IS NULL OR substr(r.started_at, 1, 10) >= ?1)"                               \
    " AND (?2 IS NULL OR substr(r.started_at, 1, 10) <= ?2) AND (?3 IS NULL OR r.id = ?3)"

/* The latest review of hit h counts (reviews are append-only; an amendment is a newer row). */
#define REPORT_LATEST "(SELECT rv.disposition FROM reviews rv WHERE rv.hit_id = h.id ORDER BY rv.id DESC LIMIT 1)"

static sqlite3_stmt *report_prepare(store *st, const char *sql, const store_report_window *w, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st, sql, err);
    if (!s) return NULL;
    store_bind_text(s, 1, w->since);
    store_bind_text(s, 2, w->until);
    store_bind_text(s, 3, w->run_id);
    return s;
}

static const char *report_text(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? (const char *)v : "";
}

static int report_finish(store *st, sqlite3_stmt *s, int step, vg_error *err, const char *what)
{
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) return store_fail(st, err, what);
    return VG_OK;
}

int store_report_scenarios(store *st, const store_report_window *w, store_report_scenario_cb cb, void *ctx,
                           vg_error *err)
{
    /* metadata is part of the scenario file, so one revision has one title, owner, status... */
    sqlite3_stmt *s = report_prepare(st,
        "SELECT rs.scenario_id, rs.revision, max(rs.title_en), max(rs.subject), max(rs.status), max(rs.owner),"
        " max(rs.review_by), max(rs.threshold), count(DISTINCT rs.run_id), sum(rs.evaluated), sum(rs.errors),"
        " min(r.started_at), max(r.started_at)"
        " FROM run_scenarios rs JOIN runs r ON r.id = rs.run_id WHERE" REPORT_WINDOW
        " GROUP BY rs.scenario_id, rs.revision ORDER BY rs.scenario_id, min(r.started_at), rs.revision", w, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_scenario_row row = {
            .scenario_id = report_text(s, 0), .revision = report_text(s, 1), .title = report_text(s, 2),
            .subject = report_text(s, 3), .status = report_text(s, 4), .owner = report_text(s, 5),
            .review_by = report_text(s, 6), .threshold = sqlite3_column_int(s, 7),
            .runs = sqlite3_column_int64(s, 8), .evaluated = sqlite3_column_int64(s, 9),
            .errors = sqlite3_column_int64(s, 10), .first_run_at = report_text(s, 11), .last_run_at = report_text(s, 12),
        };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the scenarios of the report");
}

int store_report_dispositions(store *st, const store_report_window *w, bool by_indicator, store_report_count_cb cb,
                              void *ctx, vg_error *err)
{
    const char *sql = by_indicator
        ? "SELECT h.scenario_id, h.scenario_revision, h.record_kind, h.subject, coalesce(" REPORT_LATEST ", ''),"
          " j.value, h.control, count(*)"
          " FROM hits h JOIN runs r ON r.id = h.run_id, json_each(h.explanation, '$.fired') j"
          " WHERE h.control = 0 AND json_valid(h.explanation) AND" REPORT_WINDOW
          " GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 6, 5"
        : "SELECT h.scenario_id, h.scenario_revision, h.record_kind, h.subject, coalesce(" REPORT_LATEST ", ''),"
          " '', h.control, count(*)"
          " FROM hits h JOIN runs r ON r.id = h.run_id WHERE" REPORT_WINDOW
          " GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 5";
    sqlite3_stmt *s = report_prepare(st, sql, w, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_count_row row = {
            .scenario_id = report_text(s, 0), .revision = report_text(s, 1), .record_kind = report_text(s, 2),
            .subject = report_text(s, 3), .disposition = report_text(s, 4), .key = report_text(s, 5),
            .control = sqlite3_column_int(s, 6) != 0, .count = sqlite3_column_int64(s, 7),
        };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot count the dispositions of the report");
}

int store_report_open_ages(store *st, const store_report_window *w, const char *now, store_report_age_cb cb,
                           void *ctx, vg_error *err)
{
    sqlite3_stmt *s = report_prepare(st,
        "SELECT h.scenario_id, h.scenario_revision, h.control, julianday(?4) - julianday(h.created_at)"
        " FROM hits h JOIN runs r ON r.id = h.run_id"
        " WHERE NOT EXISTS (SELECT 1 FROM reviews rv WHERE rv.hit_id = h.id) AND" REPORT_WINDOW
        " ORDER BY 1, 2, 4", w, err);
    if (!s) return VG_ERR;
    store_bind_text(s, 4, now);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_age_row row = {
            .scenario_id = report_text(s, 0), .revision = report_text(s, 1),
            .control = sqlite3_column_int(s, 2) != 0, .age_days = sqlite3_column_double(s, 3),
        };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the open hits of the report");
}

int store_report_groups(store *st, const store_report_window *w, store_report_group_cb cb, void *ctx, vg_error *err)
{
    /* the (kind, field) pairs each scenario revision read, from its hits' explanations
     * (masking keeps protected_fields_read); then every group of those fields in the
     * runs that evaluated it, with the scenario's hits there (none: 0) */
    sqlite3_stmt *s = report_prepare(st,
        "WITH readf AS (SELECT DISTINCT h.scenario_id, h.scenario_revision AS revision, h.record_kind AS kind,"
        "   j.value AS field FROM hits h JOIN runs r ON r.id = h.run_id, json_each(h.explanation, '$.protected_fields_read') j"
        "   WHERE h.control = 0 AND json_valid(h.explanation) AND" REPORT_WINDOW ")"
        " SELECT rs.scenario_id, rs.revision, p.field, p.grp, sum(p.records), sum(coalesce(g.hits, 0))"
        " FROM run_scenarios rs JOIN runs r ON r.id = rs.run_id"
        " JOIN readf f ON f.scenario_id = rs.scenario_id AND f.revision = rs.revision"
        " JOIN run_population p ON p.run_id = rs.run_id AND p.kind = f.kind AND p.field = f.field"
        " LEFT JOIN run_group_hits g ON g.run_id = rs.run_id AND g.scenario_id = rs.scenario_id"
        "   AND g.field = p.field AND g.grp = p.grp"
        " WHERE rs.evaluated > 0 AND" REPORT_WINDOW
        " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4", w, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_group_row row = {
            .scenario_id = report_text(s, 0), .revision = report_text(s, 1), .field = report_text(s, 2),
            .group = report_text(s, 3), .records = sqlite3_column_int64(s, 4), .hits = sqlite3_column_int64(s, 5),
        };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the group counts of the report");
}

/* ---- for `vigie backtest` ------------------------------------------------------------ */

int store_report_known(store *st, store_report_known_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st,
        "SELECT h.record_kind, h.record_key, h.scenario_id, rv.disposition FROM reviews rv"
        " JOIN hits h ON h.id = rv.hit_id JOIN runs r ON r.id = h.run_id"
        " WHERE r.kind = 'production' AND h.masked_at IS NULL"
        " AND rv.id = (SELECT max(l.id) FROM reviews l WHERE l.hit_id = h.id) ORDER BY rv.id", err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_known_row row = { report_text(s, 0), report_text(s, 1), report_text(s, 2), report_text(s, 3) };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the dispositions of past hits");
}

int store_report_run_hits(store *st, const char *run_id, store_report_hit_cb cb, void *ctx, vg_error *err)
{
    sqlite3_stmt *s = store_prepare(st,
        "SELECT scenario_id, scenario_revision, subject, record_kind, record_key, source, line, score"
        " FROM hits WHERE run_id = ? AND control = 0 ORDER BY id", err);
    if (!s) return VG_ERR;
    store_bind_text(s, 1, run_id);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_hit_row row = {
            .scenario_id = report_text(s, 0), .revision = report_text(s, 1), .subject = report_text(s, 2),
            .record_kind = report_text(s, 3), .record_key = report_text(s, 4), .source = report_text(s, 5),
            .line = (long)sqlite3_column_int64(s, 6), .score = sqlite3_column_int(s, 7),
        };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the hits of the baseline run");
}

/* ---- per day, for the report's charts ----------------------------------------------- */

int store_report_day_records(store *st, const store_report_window *w, store_report_day_records_cb cb, void *ctx,
                             vg_error *err)
{
    sqlite3_stmt *s = report_prepare(st,
        "SELECT rs.scenario_id, substr(r.started_at, 1, 10), sum(rs.evaluated)"
        " FROM run_scenarios rs JOIN runs r ON r.id = rs.run_id WHERE" REPORT_WINDOW
        " GROUP BY 1, 2 ORDER BY 1, 2", w, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_day_records_row row = { report_text(s, 0), report_text(s, 1), sqlite3_column_int64(s, 2) };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the records per day");
}

int store_report_day_hits(store *st, const store_report_window *w, store_report_day_hits_cb cb, void *ctx,
                          vg_error *err)
{
    sqlite3_stmt *s = report_prepare(st,
        "SELECT h.scenario_id, substr(r.started_at, 1, 10), h.subject, coalesce(" REPORT_LATEST ", ''), count(*)"
        " FROM hits h JOIN runs r ON r.id = h.run_id WHERE h.control = 0 AND" REPORT_WINDOW
        " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2", w, err);
    if (!s) return VG_ERR;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        store_report_day_hits_row row = { report_text(s, 0), report_text(s, 1), report_text(s, 2), report_text(s, 3),
                                          sqlite3_column_int64(s, 4) };
        if (cb(&row, ctx)) break;
    }
    return report_finish(st, s, step, err, "cannot read the hits per day");
}
