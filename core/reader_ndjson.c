/* reader_ndjson.c - NDJSON manifests: one JSON object per line, parsed with cJSON. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader_impl.h"
#include "xalloc.h"

/* The slot of the member at one position of the last object: lines of one file
 * usually list their members in the same order, so the name is compared, not hashed. */
typedef struct ndjson_key {
    char *name;
    int slot;
} ndjson_key;

typedef struct ndjson_state {
    FILE *fp;
    char *line;
    size_t line_capacity;
    long line_no;
    arena json;           /* the parsed line's nodes and texts, reset per line */
    ndjson_key *keys;
    int key_count, key_capacity;
} ndjson_state;

static ndjson_state *ndjson_state_new(void)
{
    xalloc_json_hooks(); /* the arena parse depends on them */
    ndjson_state *st = xcalloc(1, sizeof *st);
    arena_init(&st->json, 1 << 14);
    return st;
}

/* The slot of the member at position i, through the last object's names. */
static int ndjson_slot(reader *r, ndjson_state *st, int i, const char *name)
{
    if (i < st->key_count && strcmp(st->keys[i].name, name) == 0) return st->keys[i].slot;
    int slot = reader_slot(r, name);
    if (i >= st->key_capacity) {
        if (i >= 1024) return slot; /* an object this wide is not cached past here */
        st->key_capacity = st->key_capacity ? st->key_capacity * 2 : 64;
        st->keys = xrealloc(st->keys, (size_t)st->key_capacity * sizeof *st->keys);
    }
    for (; st->key_count <= i; st->key_count++) st->keys[st->key_count].name = NULL;
    free(st->keys[i].name);
    st->keys[i].name = xstrdup(name);
    st->keys[i].slot = slot;
    return slot;
}

static bool ndjson_blank(const char *line, ssize_t n)
{
    for (ssize_t i = 0; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n') return false;
    return true;
}

/* The whole line must be one JSON value (getline leaves the NUL the length counts).
 * A UTF-8 byte order mark on the first line is skipped. The tree lives in st->json
 * until the next line: never cJSON_Delete it. */
static cJSON *ndjson_parse_line(ndjson_state *st, ssize_t n, long line_no)
{
    const char *line = st->line;
    if (line_no == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        n -= 3;
    }
    arena_reset(&st->json);
    xalloc_json_arena(&st->json);
    cJSON *root = cJSON_ParseWithLengthOpts(line, (size_t)n + 1, NULL, 1);
    xalloc_json_arena(NULL);
    return root;
}

static const char *ndjson_kind_of(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a JSON string";
    if (cJSON_IsNumber(v)) return "a JSON number";
    if (cJSON_IsBool(v)) return "a JSON boolean";
    if (cJSON_IsArray(v)) return "a JSON array";
    if (cJSON_IsObject(v)) return "a JSON object";
    return "an unknown JSON value";
}

/* One member of the object into its slot, by JSON type and field type. */
static int ndjson_set(reader *r, record *rec, int slot, const cJSON *v, vg_error *err)
{
    const field *f = &r->schema->fields[slot];
    value *out = &rec->slots[slot];
    if (cJSON_IsNull(v)) return VG_OK; /* stays missing */
    if (cJSON_IsString(v))
        return reader_convert(r, rec, slot, v->valuestring, strlen(v->valuestring), err);
    if (cJSON_IsNumber(v) && f->type == FT_NUMBER) {
        if (!isfinite(v->valuedouble))
            return error_set(err, r->path, rec->line, f->name, "expected a finite number");
        out->kind = V_NUMBER;
        out->as.n = v->valuedouble;
        return VG_OK;
    }
    if (cJSON_IsNumber(v) && f->type == FT_INTEGER) {
        double d = v->valuedouble;
        /* cJSON keeps numbers as doubles: integral ones within int64 convert exactly up to 2^53 */
        if (d != floor(d) || !(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
            return error_set(err, r->path, rec->line, f->name, "expected integer, got %.17g", d);
        out->kind = V_INTEGER;
        out->as.i = (int64_t)d;
        return VG_OK;
    }
    if (cJSON_IsBool(v) && f->type == FT_BOOLEAN) {
        out->kind = V_BOOLEAN;
        out->as.b = cJSON_IsTrue(v);
        return VG_OK;
    }
    if (cJSON_IsArray(v) && f->type == FT_LIST) {
        bool keep = reader_keeps(r, slot);
        reader_list_begin(r);
        const cJSON *item;
        cJSON_ArrayForEach(item, v) {
            if (cJSON_IsNull(item)) continue;
            if (!cJSON_IsString(item))
                return error_set(err, r->path, rec->line, f->name,
                                 "expected a list of strings, got an item that is %s", ndjson_kind_of(item));
            if (keep) reader_list_add(r, rec, item->valuestring, strlen(item->valuestring));
        }
        if (keep) reader_list_end(r, rec, slot);
        return VG_OK;
    }
    return reader_wrong_type(r, rec, slot, ndjson_kind_of(v), err);
}

static read_status ndjson_next(reader *r, record *rec, vg_error *err)
{
    ndjson_state *st = r->state;
    for (;;) {
        if (r->bytes_read >= r->range_end) return READ_EOF; /* the next range's */
        ssize_t n = getline(&st->line, &st->line_capacity, st->fp);
        if (n < 0) {
            if (!feof(st->fp) && !ferror(st->fp)) xalloc_die(); /* getline refused memory */
            if (!ferror(st->fp)) return READ_EOF;
            error_set(err, r->path, st->line_no, NULL, "read error: %s", strerror(errno));
            return READ_FATAL;
        }
        r->bytes_read += n;
        st->line_no++;
        if (ndjson_blank(st->line, n)) continue;
        rec->line = st->line_no;
        cJSON *root = ndjson_parse_line(st, n, st->line_no);
        if (!cJSON_IsObject(root)) {
            error_set(err, r->path, rec->line, READER_WHOLE_LINE, "%s", root ? "the line is not a JSON object"
                                                              : "the line is not valid JSON");
            return READ_REJECT;
        }
        int rc = VG_OK, position = 0;
        const cJSON *member;
        cJSON_ArrayForEach(member, root) {
            int slot = ndjson_slot(r, st, position++, member->string);
            if (slot < 0) continue;
            if (!reader_first_time(r, slot))
                rc = error_set(err, r->path, rec->line, member->string, "given twice in the object");
            else
                rc = ndjson_set(r, rec, slot, member, err);
            if (rc != VG_OK) break;
        }
        return rc == VG_OK ? reader_finish(r, rec, err) : READ_REJECT;
    }
}

static void ndjson_close(reader *r)
{
    ndjson_state *st = r->state;
    if (!st) return;
    if (st->fp) fclose(st->fp);
    free(st->line);
    arena_free(&st->json);
    for (int i = 0; i < st->key_count; i++) free(st->keys[i].name);
    free(st->keys);
    free(st);
    r->state = NULL;
}

static int ndjson_clone(reader *copy, const reader *from, vg_error *err)
{
    (void)from;
    ndjson_state *st = ndjson_state_new();
    copy->state = st;
    st->fp = fopen(copy->path, "rb");
    if (!st->fp) return error_set(err, copy->path, 0, NULL, "cannot open: %s", strerror(errno));
    reader_buffer(copy, st->fp);
    return VG_OK;
}

static int ndjson_seek(reader *r, long long offset, long line, vg_error *err)
{
    ndjson_state *st = r->state;
    st->line_no = line;
    if (fseeko(st->fp, (off_t)offset, SEEK_SET) != 0)
        return error_set(err, r->path, line, NULL, "cannot seek: %s", strerror(errno));
    return VG_OK;
}

static long ndjson_line(const reader *r)
{
    const ndjson_state *st = r->state;
    return st->line_no;
}

static const reader_format ndjson_format = { ndjson_next, ndjson_close, ndjson_clone, ndjson_seek, ndjson_line, false };

/* The kind is the one whose key is a member of the first object in the file. */
static int ndjson_infer(reader *r, ndjson_state *st, vg_error *err)
{
    int rc = VG_ERR;
    bool found = false;
    long line_no = 0;
    ssize_t n;
    while (!found && (n = getline(&st->line, &st->line_capacity, st->fp)) >= 0) {
        line_no++;
        if (ndjson_blank(st->line, n)) continue;
        cJSON *root = ndjson_parse_line(st, n, line_no);
        if (cJSON_IsObject(root)) {
            found = true;
            int count = cJSON_GetArraySize(root), i = 0;
            const char **names = xmalloc(((size_t)count + 1) * sizeof *names);
            const cJSON *member;
            cJSON_ArrayForEach(member, root) names[i++] = member->string;
            rc = reader_choose_schema(r, NULL, names, count, line_no, err);
            free(names);
        }
    }
    if (!found) {
        if (ferror(st->fp)) return error_set(err, r->path, 0, NULL, "read error: %s", strerror(errno));
        return error_set(err, r->path, 0, NULL,
                         "cannot tell the record kind: the file has no JSON object");
    }
    if (rc == VG_OK && fseeko(st->fp, 0, SEEK_SET) != 0)
        return error_set(err, r->path, 0, NULL, "cannot go back to the start: %s", strerror(errno));
    return rc;
}

int reader_ndjson_open(reader *r, const char *kind, vg_error *err)
{
    ndjson_state *st = ndjson_state_new();
    r->state = st;
    r->format = &ndjson_format;
    st->fp = reader_fopen(r, err);
    if (!st->fp) return VG_ERR;
    reader_mark_data_start(r, st->fp, 0, 0);
    if (kind) return reader_choose_schema(r, kind, NULL, 0, 0, err);
    reader_keep_for_rewind(r);
    return ndjson_infer(r, st, err);
}
