/* publish.c - two-person publication of a ruleset revision, and the check that a run uses the active one. */
#include "publish.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_publish.h"
#include "xalloc.h"

/* A published revision is the ruleset revision (ruleset.c): a hash over the relative
 * path and content hash of every schema, list, variant table and scenario file, the files that can
 * change a result. Fixture cases and notes in the directory do not count. The store
 * keeps the file list with each publication so a refused run can say which files
 * differ. */

char *publish_files_json(const ruleset *rs)
{
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < rs->file_count; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", ruleset_relative(rs, rs->files[i].path));
        cJSON_AddStringToObject(o, "sha256", rs->files[i].hash);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    if (!text) xalloc_die();
    return text;
}

/* "traveller/minor.lua changed, lists/new.yaml added, ..." between a stored file list and rs. */
static void publish_differences(const char *files_json, const ruleset *rs, char *out, size_t size)
{
    out[0] = '\0';
    cJSON *arr = cJSON_Parse(files_json), *f;
    int shown = 0;
#define PUBLISH_ADD(...)                                                              \
    do {                                                                              \
        size_t n = strlen(out);                                                       \
        if (shown++ < 8) snprintf(out + n, size - n, "%s", shown > 1 ? ", " : ""),    \
                         n = strlen(out), snprintf(out + n, size - n, __VA_ARGS__);   \
    } while (0)
    for (int i = 0; i < rs->file_count; i++) {
        const char *rel = ruleset_relative(rs, rs->files[i].path);
        const char *hash = NULL;
        cJSON_ArrayForEach(f, arr) {
            const cJSON *p = cJSON_GetObjectItemCaseSensitive(f, "path");
            if (cJSON_IsString(p) && strcmp(p->valuestring, rel) == 0)
                hash = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "sha256"));
        }
        if (!hash) PUBLISH_ADD("%s added", rel);
        else if (strcmp(hash, rs->files[i].hash)) PUBLISH_ADD("%s changed", rel);
    }
    cJSON_ArrayForEach(f, arr) {
        const char *p = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "path"));
        bool found = false;
        for (int i = 0; p && i < rs->file_count; i++) found |= strcmp(ruleset_relative(rs, rs->files[i].path), p) == 0;
        if (p && !found) PUBLISH_ADD("%s removed", p);
    }
    if (shown > 8) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, " and %d more", shown - 8);
    }
#undef PUBLISH_ADD
    cJSON_Delete(arr);
}

int publish_check_active(store *st, const ruleset *rs, vg_error *err)
{
    store_publication p;
    bool found = false;
    if (store_publication_active(st, &p, &found, err) != VG_OK) return VG_ERR;
    if (!found)
        return error_set(err, rs->dir, 0, NULL,
                         "no published revision is active in %s: publish it (vigie publish) and have another person "
                         "approve it (vigie approve)", store_file(st));
    int rc = VG_OK;
    if (strcmp(p.revision, rs->revision) != 0) {
        char diffs[400];
        publish_differences(p.files_json, rs, diffs, sizeof diffs);
        rc = error_set(err, rs->dir, 0, NULL,
                       "the directory is revision %.12s, not the active published revision %.12s (publication %lld "
                       "from %s, proposed by %s, approved by %s): %s", rs->revision, p.revision, p.id, p.dir,
                       p.proposed_by, p.approved_by, *diffs ? diffs : "the files differ");
    }
    store_publication_clear(&p);
    return rc;
}

int publish_check_store(const char *db_path, const ruleset *rs, FILE *err_out)
{
    vg_error err;
    char msg[900];
    store *st = store_open(db_path, &err);
    int rc = st ? publish_check_active(st, rs, &err) : VG_ERR;
    if (st) store_close(st);
    if (rc != VG_OK) {
        error_format(&err, msg, sizeof msg);
        fprintf(err_out, "vigie run --published: %s\nnothing was evaluated.\n", msg);
    }
    return rc;
}
