/* unit_store.c - the review store through its C interface: runs, items, claims, decisions, purge, versions. */
#include "unit.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disposition.h"
#include "store.h"

static char dir[] = "/tmp/vigie-unit-store-XXXXXX";
static char db_path[256];

static const char *explanation =
    "{\"record\":{\"kind\":\"traveller\",\"key\":\"P1\",\"source\":\"m.csv\",\"line\":2},"
    "\"scenario\":{\"id\":\"S1\"},\"verdict\":\"hit\",\"score\":5,\"threshold\":4,"
    "\"conditions\":[{\"id\":\"minor\",\"result\":\"true\",\"evidence\":[{\"field\":\"age\",\"value\":14}]}],"
    "\"indicators\":[{\"id\":\"cash\",\"weight\":2,\"result\":\"true\",\"evidence\":[{\"field\":\"payer\",\"value\":\"SMITH\"}]},"
    "{\"id\":\"bags\",\"weight\":1,\"result\":\"unknown\",\"evidence\":[{\"field\":\"bags\",\"missing\":true}]}],"
    "\"fired\":[\"cash\"]}";

static void remove_dir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "unit_store: could not remove %s\n", dir);
}

/* A store with one complete run of three hits: P1 and P2 share booking B1, P3 is alone. */
static store *fresh_store(void)
{
    static bool made;
    if (!made) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
        atexit(remove_dir);
        made = true;
    }
    snprintf(db_path, sizeof db_path, "%s/s%d.db", dir, rand());
    vg_error err;
    store *st = store_open(db_path, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    store_run run = { .id = "run-1", .kind = "production", .user = "op", .host = "h", .pid = (long)getpid(),
                      .vigie_version = "t", .ruleset_dir = "r", .ruleset_revision = "rev", .threads = 1 };
    store_run_input in = { "m.csv", 10, "abc" };
    store_run_scenario sc = { "S1", "srev", "Title", NULL, "possible-victim", "active", "o", "2099-01-01", 4, "r", NULL, "[]" };
    CU_ASSERT_EQUAL_FATAL(store_run_begin(st, &run, &in, 1, &sc, 1, &err), VG_OK);
    CU_ASSERT_EQUAL_FATAL(store_begin(st, &err), VG_OK);
    const char *keys[][2] = { { "P1", "B1" }, { "P2", "B1" }, { "P3", "B2" } };
    for (int i = 0; i < 3; i++) {
        store_hit h = { .run_id = "run-1", .scenario_id = "S1", .scenario_revision = "srev", .subject = "possible-victim",
                        .record_kind = "traveller", .record_key = keys[i][0], .group_key = keys[i][1], .source = "m.csv",
                        .line = i + 2, .score = 5 + i, .threshold = 4, .identity_json = "{\"surname\":\"DOE\"}",
                        .explanation_json = explanation };
        CU_ASSERT_EQUAL(store_hit_add(st, &h, NULL, &err), VG_OK);
    }
    CU_ASSERT_EQUAL_FATAL(store_commit(st, &err), VG_OK);
    store_input_counts ic = { "traveller", 10, 10, 0, false, NULL, NULL };
    store_scenario_counts scc = { .id = "S1", .evaluated = 10, .hits = 3 };
    store_run_end end = { .status = "complete", .read = 10, .evaluated = 10, .hits = 3, .inputs = &ic, .input_count = 1,
                          .scenarios = &scc, .scenario_count = 1 };
    CU_ASSERT_EQUAL_FATAL(store_run_finish(st, "run-1", &end, &err), VG_OK);
    return st;
}

static int count_item(const store_item *it, void *ctx)
{
    (void)it;
    (*(int *)ctx)++;
    return 0;
}

static int items_with(store *st, store_item_status status)
{
    store_item_filter f = { .status = status };
    int n = 0;
    vg_error err;
    CU_ASSERT_EQUAL(store_items(st, &f, count_item, &n, &err), VG_OK);
    return n;
}

static void test_items_group_bookings(void)
{
    store *st = fresh_store();
    CU_ASSERT_EQUAL(items_with(st, STORE_STATUS_OPEN), 2);  /* B1 (two travellers) and B2 */
    store_item it;
    vg_error err;
    CU_ASSERT_EQUAL(store_item_get(st, 1, &it, &err), VG_OK);
    CU_ASSERT_EQUAL(it.hit_count, 2);
    CU_ASSERT_STRING_EQUAL(it.group_key, "B1");
    CU_ASSERT_EQUAL(it.max_score, 6);
    CU_ASSERT_EQUAL(store_item_get(st, 99, &it, &err), STORE_NOT_FOUND);
    /* a finished run takes no more hits */
    store_hit h = { .run_id = "run-1", .scenario_id = "S1", .scenario_revision = "srev", .subject = "possible-victim",
                    .record_kind = "traveller", .record_key = "P9", .group_key = "B9", .source = "m.csv", .line = 9,
                    .score = 5, .threshold = 4, .identity_json = "{}", .explanation_json = explanation };
    CU_ASSERT_EQUAL(store_reject_add(st, "run-1", "m.csv", 3, "age", "not a number", &err), VG_ERR);
    CU_ASSERT_EQUAL(store_hit_add(st, &h, NULL, &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "a finished run takes no more"));
    store_close(st);
}

static void test_claims_and_decisions(void)
{
    store *st = fresh_store();
    vg_error err;
    long long item = 0;
    store_item_filter f = { .status = STORE_STATUS_OPEN };
    CU_ASSERT_EQUAL(store_claim_next(st, &f, "alice", 30, &item, &err), VG_OK);
    CU_ASSERT_EQUAL(item, 2); /* B2 holds the highest score (7) */
    long long other = 0;
    CU_ASSERT_EQUAL(store_claim_next(st, &f, "bob", 30, &other, &err), VG_OK);
    CU_ASSERT_EQUAL(other, 1); /* never the item alice holds */
    CU_ASSERT_EQUAL(store_claim(st, 2, "bob", 30, &err), STORE_CONFLICT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "held by alice"));
    int written = 0;
    store_decision d = { .item_id = 2, .officer = "bob", .disposition = "no-concern", .note = "" };
    CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), STORE_CONFLICT);
    d.officer = "alice";
    CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), VG_OK);
    CU_ASSERT_EQUAL(written, 1);
    CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), STORE_CONFLICT); /* decided: --amend */
    d.amend = true;
    d.disposition = "inconclusive";
    d.note = "second look";
    CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), VG_OK);
    /* one hit of a booking, then the other: the item is decided when both are */
    store_decision one = { .item_id = 1, .hit_id = 1, .officer = "bob", .disposition = "victim-referred", .note = "referred" };
    CU_ASSERT_EQUAL(store_decide(st, &one, &written, &err), VG_OK);
    CU_ASSERT_EQUAL(items_with(st, STORE_STATUS_DECIDED), 1);
    one.hit_id = 2;
    CU_ASSERT_EQUAL(store_decide(st, &one, &written, &err), VG_OK);
    CU_ASSERT_EQUAL(items_with(st, STORE_STATUS_DECIDED), 2);
    CU_ASSERT_EQUAL(items_with(st, STORE_STATUS_OPEN), 0);
    one.hit_id = 3; /* a hit of another item */
    CU_ASSERT_EQUAL(store_decide(st, &one, &written, &err), STORE_NOT_FOUND);
    /* the store's own CHECK refuses what the vocabulary does not know, and a missing note */
    store_decision bad = { .item_id = 1, .officer = "bob", .disposition = "arrested", .note = "x", .amend = true };
    CU_ASSERT_EQUAL(store_decide(st, &bad, &written, &err), VG_ERR);
    bad.disposition = "suspect-referred";
    bad.note = "  ";
    CU_ASSERT_EQUAL(store_decide(st, &bad, &written, &err), VG_ERR);
    CU_ASSERT_EQUAL(store_release(st, 1, "alice", &err), STORE_CONFLICT); /* bob holds it */
    CU_ASSERT_EQUAL(store_release(st, 1, "bob", &err), VG_OK);
    store_close(st);
}

static void test_purge_masks_and_keeps(void)
{
    store *st = fresh_store();
    vg_error err;
    int written;
    store_decision d = { .item_id = 2, .officer = "alice", .disposition = "no-concern" };
    CU_ASSERT_EQUAL(store_decide(st, &d, &written, &err), VG_OK);
    long long masked = 0;
    CU_ASSERT_EQUAL(store_purge(st, "2000-01-01", "sup", &masked, &err), VG_OK);
    CU_ASSERT_EQUAL(masked, 0); /* nothing that old */
    CU_ASSERT_EQUAL(store_purge(st, "2999-01-01", "sup", &masked, &err), VG_OK);
    CU_ASSERT_EQUAL(masked, 3);
    store_close(st);
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(db_path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT record_key, identity, explanation, score FROM hits WHERE id = 1", -1, &s, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_step(s), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(s, 0), "(masked)");
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(s, 1), "{\"surname\":\"(masked)\"}");
    const char *ex = (const char *)sqlite3_column_text(s, 2);
    CU_ASSERT_PTR_NULL(strstr(ex, "SMITH"));
    CU_ASSERT_PTR_NULL(strstr(ex, "\"P1\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(ex, "{\"field\":\"payer\",\"value\":\"(masked)\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(ex, "{\"field\":\"bags\",\"missing\":true}")); /* structure stays */
    CU_ASSERT_PTR_NOT_NULL(strstr(ex, "\"fired\":[\"cash\"]"));
    CU_ASSERT_EQUAL(sqlite3_column_int(s, 3), 5);
    sqlite3_finalize(s);
    /* the originals are sealed, the reviews stay */
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sealed WHERE identity LIKE '%DOE%'), (SELECT count(*) FROM reviews)", -1, &s, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_step(s), SQLITE_ROW);
    CU_ASSERT_EQUAL(sqlite3_column_int(s, 0), 3);
    CU_ASSERT_EQUAL(sqlite3_column_int(s, 1), 1);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

static void test_versions_and_reap(void)
{
    store *st = fresh_store();
    vg_error err;
    /* a run whose process is gone is interrupted the next time the store opens */
    store_run run = { .id = "run-dead", .kind = "production", .user = "op", .host = "h", .pid = 999999999,
                      .vigie_version = "t", .ruleset_dir = "r", .ruleset_revision = "rev", .threads = 1 };
    char host[128] = "";
    gethostname(host, sizeof host - 1);
    run.host = host;
    CU_ASSERT_EQUAL(store_run_begin(st, &run, NULL, 0, NULL, 0, &err), VG_OK);
    store_close(st);
    st = store_open(db_path, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    bool found = false;
    char id[64];
    CU_ASSERT_EQUAL(store_find_rerun(st, "rev", "abc", &found, id, sizeof id, &err), VG_OK);
    CU_ASSERT_TRUE(found);
    CU_ASSERT_STRING_EQUAL(id, "run-1"); /* complete runs only */
    store_close(st);
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(db_path, &db), SQLITE_OK);
    sqlite3_stmt *s;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT status FROM runs WHERE id = 'run-dead'", -1, &s, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(sqlite3_step(s), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(s, 0), "interrupted");
    sqlite3_finalize(s);
    /* a newer schema is refused, untouched */
    CU_ASSERT_EQUAL(sqlite3_exec(db, "DROP TRIGGER meta_no_delete; UPDATE meta SET value = '7' WHERE key = 'schema_version'",
                                 NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CU_ASSERT_PTR_NULL(store_open(db_path, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "schema version 7, made by a newer vigie"));
}

static void test_confirmed_per_subject(void)
{
    CU_ASSERT_TRUE(disposition_confirms("possible-victim", "victim-referred"));
    CU_ASSERT_FALSE(disposition_confirms("possible-victim", "suspect-referred"));
    CU_ASSERT_TRUE(disposition_confirms("possible-facilitator", "suspect-referred"));
    CU_ASSERT_FALSE(disposition_confirms("possible-facilitator", "victim-referred"));
    CU_ASSERT_TRUE(disposition_confirms("goods", "goods-detained"));
    CU_ASSERT_FALSE(disposition_confirms("goods", "no-concern"));
    CU_ASSERT_FALSE(disposition_decides("not-examined"));
    CU_ASSERT_TRUE(disposition_decides("inconclusive"));
    CU_ASSERT_FALSE(disposition_decides("arrested"));
    for (int i = 0; i < disposition_count; i++) {
        CU_ASSERT_PTR_NOT_NULL(strstr(disposition_names(), dispositions[i].name));
        CU_ASSERT_TRUE(dispositions[i].label_fr[0] != '\0');
        CU_ASSERT_EQUAL(dispositions[i].needs_note, strcmp(dispositions[i].name, "no-concern") != 0);
    }
}

UNIT_MAIN("store",
               { "items group the hits of a booking; a finished run is closed", test_items_group_bookings },
               { "claims, next, decisions, amend, refusals", test_claims_and_decisions },
               { "purge masks personal values and keeps the rest", test_purge_masks_and_keeps },
               { "interrupted runs are reaped; reruns found; newer stores refused", test_versions_and_reap },
               { "confirmed per subject kind, in one place", test_confirmed_per_subject })
