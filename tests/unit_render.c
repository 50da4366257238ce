/* unit_render.c - the hit line rendered from fragments (explain_render) is explain_to_json's,
 * byte for byte: every active scenario of the shipped ruleset explained on every record
 * of generated travellers and shipments (CSV and NDJSON), hits and no-hits alike. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "explain.h"
#include "loader.h"
#include "reader.h"

static loaded_ruleset lr;
static char dir[] = "/tmp/vigie-render-XXXXXX";

/* every record of path against every active scenario of its kind; returns the hits compared */
static long compare_manifest(const char *path, long *compared)
{
    vg_error err;
    reader *r = reader_open(path, &lr.rs.schemas, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const schema *s = reader_schema(r);
    explain_fragments *frag[64] = { 0 };
    for (int i = 0; i < lr.set.count && i < 64; i++)
        if (lr.set.items[i]->schema == s && lr.set.items[i]->status == STATUS_ACTIVE) frag[i] = explain_prepare(lr.set.items[i]);
    static record rec;
    static explanation ex;
    record_init(&rec, s);
    hit_origin origin = { "run-20261203T000000Z-1", lr.rs.revision };
    long hits = 0, mismatches = 0;
    read_status st;
    while ((st = reader_next(r, &rec, &err)) != READ_EOF && st != READ_FATAL) {
        if (st != READ_RECORD) continue;
        for (int i = 0; i < lr.set.count && i < 64; i++) {
            if (!frag[i]) continue;
            verdict v = explain_record(lr.set.sb, lr.set.items[i], &rec, &ex);
            if (v == VERDICT_HIT) hits++;
            cJSON *o = explain_to_json(&ex, &origin);
            char *want = cJSON_PrintUnformatted(o);
            cJSON_Delete(o);
            size_t len;
            char *got = explain_render(frag[i], &ex, &origin, &len);
            (*compared)++;
            if (strcmp(want, got) != 0 || len != strlen(want)) {
                if (mismatches++ < 3) printf("render differs, %s line %ld, %s:\n  want %s\n  got  %s\n", path, rec.line,
                                             lr.set.items[i]->id, want, got);
            }
            free(want);
            free(got);
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    for (int i = 0; i < 64; i++) explain_fragments_free(frag[i]);
    record_free(&rec);
    reader_close(r);
    return hits;
}

static void test_fragments_render_explain_to_json(void)
{
    vg_error err;
    CU_ASSERT_EQUAL_FATAL(loader_open(&lr, "scenarios", NULL, &err), VG_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    const char *vigie = getenv("VIGIE") ? getenv("VIGIE") : "./vigie";
    const char *gens[][2] = { { "traveller --format csv", "t.csv" }, { "traveller --format ndjson", "t.ndjson" },
                              { "shipment --format csv", "s.csv" }, { "shipment --format ndjson", "s.ndjson" } };
    long hits = 0, compared = 0;
    for (int g = 0; g < 4; g++) {
        char cmd[600], path[300];
        snprintf(path, sizeof path, "%s/%s", dir, gens[g][1]);
        snprintf(cmd, sizeof cmd, "%s gen %s -n 1500 --seed %d --plant 0.2 -o %s >/dev/null 2>&1", vigie, gens[g][0], 11 + g, path);
        CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
        hits += compare_manifest(path, &compared);
        remove(path);
    }
    rmdir(dir);
    CU_ASSERT(hits > 200);      /* the planted patterns hit: the test covers hits, not only misses */
    CU_ASSERT(compared > 20000);
    loader_close(&lr);
}

UNIT_MAIN("render", { "fragments render what explain_to_json prints", test_fragments_render_explain_to_json })
