/* ruleset.c - load a ruleset directory, hash its revision, compile its scenarios into a Lua state. */
#include "ruleset.h"
#include "lint.h"

#include "dir.h"

#include "governance.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ruleset_read_file(const char *path, char **out, size_t *size, vg_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return error_set(err, path, 0, NULL, "cannot read: %s", strerror(errno));
    }
    buf[n] = '\0';
    *out = buf;
    *size = n;
    return VG_OK;
}

static int ruleset_add_file(ruleset *rs, const char *path, bool keep_source, vg_error *err)
{
    char *source = NULL;
    size_t size = 0;
    if (ruleset_read_file(path, &source, &size, err) != VG_OK) return VG_ERR;
    rs->files = xrealloc(rs->files, sizeof *rs->files * (size_t)(rs->file_count + 1));
    ruleset_file *f = &rs->files[rs->file_count++];
    f->path = xstrdup(path);
    f->size = size;
    hash_ctx *h = hash_begin();
    hash_update(h, source, size);
    hash_end(h, f->hash);
    if (keep_source) {
        f->source = source;
    } else {
        f->source = NULL;
        free(source);
    }
    return VG_OK;
}

/* Add every file of dir ending with suffix, in name order (a missing dir adds none). */
static int ruleset_add_dir(ruleset *rs, const char *dir, const char *suffix, bool keep_source, vg_error *err)
{
    dir_names files;
    if (dir_list(dir, suffix, &files) != 0) return VG_OK;
    int rc = VG_OK;
    for (int i = 0; i < files.count && rc == VG_OK; i++) {
        char *path = path_join(dir, files.names[i]);
        rc = ruleset_add_file(rs, path, keep_source, err);
        free(path);
    }
    dir_names_free(&files);
    return rc;
}

/* A fuzzy list's variant table changes what the list matches: it is a ruleset file
 * like the list itself, added once however many lists name it. */
static int ruleset_add_tables(ruleset *rs, vg_error *err)
{
    for (int i = 0; i < rs->lists.count; i++) {
        const char *path = rs->lists.items[i]->variants_path;
        if (!*path || ruleset_file_hash(rs, path)) continue;
        if (ruleset_add_file(rs, path, false, err) != VG_OK) return VG_ERR;
    }
    return VG_OK;
}

int ruleset_load(ruleset *rs, const char *dir, vg_error *err)
{
    memset(rs, 0, sizeof *rs);
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    rs->dir = xstrndup(dir, len);
    if (!is_dir(rs->dir)) {
        error_set(err, rs->dir, 0, NULL, "not a ruleset directory");
        ruleset_free(rs);
        return VG_ERR;
    }
    char *schemas = path_join(rs->dir, "schemas");
    char *lists = path_join(rs->dir, "lists");
    int rc = schema_set_load_dir(&rs->schemas, schemas, err);
    if (rc == VG_OK && rs->schemas.count == 0)
        rc = error_set(err, schemas, 0, NULL, "no schema (*.yaml) found: a ruleset needs schemas/");
    if (rc == VG_OK) rc = list_set_load_dir(&rs->lists, lists, err);
    if (rc == VG_OK) rc = ruleset_add_dir(rs, schemas, ".yaml", false, err);
    if (rc == VG_OK) rc = ruleset_add_dir(rs, lists, ".yaml", false, err);
    rs->first_table = rs->file_count;
    if (rc == VG_OK) rc = ruleset_add_tables(rs, err);
    free(schemas);
    free(lists);
    /* The shared indicator library: lib/NAME.lua, run by the scenario files that use it. */
    rs->first_library = rs->file_count;
    char *lib = path_join(rs->dir, "lib");
    if (rc == VG_OK) rc = ruleset_add_dir(rs, lib, ".lua", true, err);
    free(lib);
    rs->first_scenario = rs->file_count;

    /* Scenario files: *.lua in DIR, then in every sub-directory but schemas and lists. */
    if (rc == VG_OK) rc = ruleset_add_dir(rs, rs->dir, ".lua", true, err);
    dir_names subs;
    if (dir_list(rs->dir, "", &subs) != 0) subs.count = 0;
    for (int i = 0; i < subs.count && rc == VG_OK; i++) {
        if (!strcmp(subs.names[i], "schemas") || !strcmp(subs.names[i], "lists") || !strcmp(subs.names[i], "lib")) continue;
        char *sub = path_join(rs->dir, subs.names[i]);
        if (is_dir(sub)) rc = ruleset_add_dir(rs, sub, ".lua", true, err);
        free(sub);
    }
    dir_names_free(&subs);
    if (rc != VG_OK) {
        ruleset_free(rs);
        return VG_ERR;
    }
    /* The revision: every file's relative path and content hash, in path order. */
    hash_ctx *h = hash_begin();
    for (int i = 0; i < rs->file_count; i++) {
        hash_update_str(h, ruleset_relative(rs, rs->files[i].path));
        hash_update_str(h, rs->files[i].hash);
    }
    hash_end(h, rs->revision);
    return VG_OK;
}

void ruleset_free(ruleset *rs)
{
    for (int i = 0; i < rs->file_count; i++) {
        free(rs->files[i].path);
        free(rs->files[i].source);
    }
    free(rs->files);
    schema_set_free(&rs->schemas);
    list_set_free(&rs->lists);
    free(rs->dir);
    memset(rs, 0, sizeof *rs);
}

const char *ruleset_file_hash(const ruleset *rs, const char *path)
{
    for (int i = 0; i < rs->file_count; i++)
        if (strcmp(rs->files[i].path, path) == 0) return rs->files[i].hash;
    return NULL;
}

const char *ruleset_relative(const ruleset *rs, const char *path)
{
    size_t n = strlen(rs->dir);
    return strncmp(path, rs->dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

/* ---- compilation --------------------------------------------------------------- */

static int scenario_compare_fields(const void *a, const void *b)
{
    return strcmp((*(const field *const *)a)->name, (*(const field *const *)b)->name);
}

/* The part of the schema a scenario depends on: the kind, the key and group fields
 * (they name hits and items) and, in name order, every field it reads with the
 * sources of the derived ones: name, type, protected and sensitive flags, how it is
 * derived. A schema change elsewhere (a new field, a description) leaves the
 * scenario's revision as it was. A scenario with a Lua function indicator can read
 * any field: for it, the whole schema file counts. */
static void scenario_revision_schema(hash_ctx *h, const scenario *sc, const ruleset *rs, bool functions)
{
    const schema *s = sc->schema;
    if (!s || functions) {
        const char *schema_hash = s ? ruleset_file_hash(rs, s->path) : NULL;
        hash_update_str(h, schema_hash ? schema_hash : "");
        return;
    }
    field_bits used = sc->reads;
    for (int f = 0; f < s->field_count && f < FIELD_BITS_MAX; f++)
        if (field_bits_has(&sc->reads, f) && s->fields[f].derive != DERIVE_NONE)
            for (int k = 0; k < 2; k++)
                if (s->fields[f].derive_from[k] >= 0) field_bits_set(&used, s->fields[f].derive_from[k]);
    const field **fields = xcalloc((size_t)s->field_count + 1, sizeof *fields);
    int n = 0;
    for (int f = 0; f < s->field_count && f < FIELD_BITS_MAX; f++)
        if (field_bits_has(&used, f)) fields[n++] = &s->fields[f];
    qsort(fields, (size_t)n, sizeof *fields, scenario_compare_fields);
    hash_update_str(h, "schema fields");
    hash_update_str(h, s->kind);
    hash_update_str(h, s->fields[s->key_index].name);
    hash_update_str(h, s->group_index >= 0 ? s->fields[s->group_index].name : "");
    for (int i = 0; i < n; i++) {
        const field *f = fields[i];
        char flags[96];
        snprintf(flags, sizeof flags, "%d %d %d %d", (int)f->type, f->is_protected, f->is_sensitive, (int)f->derive);
        hash_update_str(h, f->name);
        hash_update_str(h, flags);
        for (int k = 0; k < 2; k++)
            hash_update_str(h, f->derive_from[k] >= 0 ? s->fields[f->derive_from[k]].name : "");
    }
    free(fields);
}

/* A scenario's revision: its file, the library files it used, the part of its schema
 * it depends on, and the lists it can read with their variant tables (every list when
 * it has a function indicator, since in_list() names are not known). */
static void scenario_revision(scenario *sc, const ruleset *rs, const char *file_hash, const scenario_set *set)
{
    hash_ctx *h = hash_begin();
    hash_update_str(h, file_hash);
    for (int i = 0; i < set->library_count; i++)
        if (sandbox_library_used(set->sb, i)) {
            hash_update_str(h, "library");
            hash_update_str(h, set->libraries[i].name);
            hash_update_str(h, rs->files[rs->first_library + i].hash);
        }
    bool functions = false;
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++) functions |= sc->parts[i].is_function;
    scenario_revision_schema(h, sc, rs, functions);
    /* every list the ruleset has, at most: no fixed cap can drop one */
    const ref_list **used = xcalloc((size_t)rs->lists.count + 1, sizeof *used);
    int n = 0;
    if (functions) {
        for (int i = 0; i < rs->lists.count; i++) used[n++] = rs->lists.items[i];
    } else {
        scenario_lists(sc, used, &n, rs->lists.count);
    }
    /* lists in name order, so the revision does not depend on predicate order */
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && strcmp(used[k - 1]->name, used[k]->name) > 0; k--) {
            const ref_list *t = used[k];
            used[k] = used[k - 1];
            used[k - 1] = t;
        }
    for (int i = 0; i < n; i++) {
        const char *lh = ruleset_file_hash(rs, used[i]->path);
        hash_update_str(h, used[i]->name);
        hash_update_str(h, lh ? lh : "");
        const char *th = ruleset_file_hash(rs, used[i]->variants_path);
        if (th) hash_update_str(h, th);
    }
    free(used);
    hash_end(h, sc->revision);
}

typedef struct compile_job {
    scenario_set *set;
    const ruleset *rs;
    const ruleset_file *file;
    diag_list *diags;
} compile_job;

/* Runs under lua_pcall. Stack: [1] light userdata job, [2] array of scenario tables. */
static int ruleset_compile_protected(lua_State *L)
{
    compile_job *job = lua_touserdata(L, 1);
    int n = (int)lua_rawlen(L, 2);
    predicate_budget budget = { 0, 0 };
    if (n == 0)
        diag_add(job->diags, DIAG_ERROR, "no-scenario", job->file->path, 1, NULL,
                 "declare it with scenario { id = ..., ... }", "the file declares no scenario");
    for (int i = 1; i <= n; i++) {
        lua_geti(L, 2, i);
        scenario *sc = scenario_compile(job->set->sb, -1, &job->rs->schemas, &job->rs->lists,
                                        job->file->path, job->diags, &budget);
        lua_pop(L, 1);
        if (!sc) continue;
        const scenario *dup = scenario_set_find(job->set, sc->id);
        if (dup) {
            diag_add(job->diags, DIAG_ERROR, "duplicate-scenario-id", sc->path, sc->line, sc->id,
                     "scenario ids are unique in a ruleset", "id '%s' is already used by %s:%d", sc->id,
                     dup->path, dup->line);
            scenario_free(sc, L);
            continue;
        }
        scenario_revision(sc, job->rs, job->file->hash, job->set);
        job->set->items = xrealloc(job->set->items, sizeof *job->set->items * (size_t)(job->set->count + 1));
        job->set->items[job->set->count++] = sc;
    }
    return 0;
}

/* Once a file's scenarios are compiled, seal what their functions can reach
 * (sandbox_seal): a function that writes file-level state is refused here, at load. */
static void ruleset_seal(scenario_set *set, int first, const char *path, diag_list *diags)
{
    for (int i = first; i < set->count; i++) {
        scenario *sc = set->items[i];
        for (int p = 0; p < sc->condition_count + sc->indicator_count; p++) {
            int ref = predicate_lua_ref(sc->parts[p].when);
            if (ref == LUA_NOREF) continue;
            vg_error err;
            if (sandbox_seal(set->sb, ref, path, &err) != VG_OK)
                diag_add(diags, DIAG_ERROR, "impure-function", path, err.line ? err.line : sc->parts[p].line, sc->id,
                         "keep no state between records: no file-level variable or table written by the function",
                         "%s '%s': %s", sc->parts[p].is_condition ? "condition" : "indicator", sc->parts[p].id,
                         err.message);
        }
    }
}

int scenario_set_compile(scenario_set *set, const ruleset *rs, const sandbox_limits *limits,
                         diag_list *diags, vg_error *err)
{
    memset(set, 0, sizeof *set);
    set->sb = sandbox_new(limits, &rs->lists, err);
    if (!set->sb) return VG_ERR;
    set->library_count = rs->first_scenario - rs->first_library;
    set->libraries = xcalloc((size_t)(set->library_count > 0 ? set->library_count : 1), sizeof *set->libraries);
    for (int i = 0; i < set->library_count; i++) {
        const ruleset_file *f = &rs->files[rs->first_library + i];
        const char *base = strrchr(f->path, '/');
        base = base ? base + 1 : f->path;
        size_t n = strlen(base) - strlen(".lua");
        char *name = xstrndup(base, n);
        set->libraries[i] = (sandbox_library){ name, f->path, f->source, f->size };
        lint_scenario_source(f->path, f->source, f->size, diags);
    }
    sandbox_set_libraries(set->sb, set->libraries, set->library_count);
    lua_State *L = sandbox_lua(set->sb);
    for (int i = rs->first_scenario; i < rs->file_count; i++) {
        const ruleset_file *f = &rs->files[i];
        vg_error load_err;
        lint_scenario_source(f->path, f->source, f->size, diags);
        if (sandbox_load_file(set->sb, f->path, f->source, f->size, &load_err) != VG_OK) {
            diag_add(diags, DIAG_ERROR, "lua-error", f->path, load_err.line, NULL,
                     "fix the Lua at that line", "%s", load_err.message);
            continue;
        }
        /* Stack: array of scenario tables. */
        int first = set->count;
        compile_job job = { set, rs, f, diags };
        lua_pushcfunction(L, ruleset_compile_protected);
        lua_pushlightuserdata(L, &job);
        lua_pushvalue(L, -3);
        if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
            diag_add(diags, DIAG_ERROR, "lua-error", f->path, 0, NULL, "simplify the scenario table",
                     "compiling the scenario failed: %s", lua_tostring(L, -1));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        ruleset_seal(set, first, f->path, diags);
    }
    return VG_OK;
}

void scenario_set_free(scenario_set *set)
{
    lua_State *L = set->sb ? sandbox_lua(set->sb) : NULL;
    for (int i = 0; i < set->count; i++) scenario_free(set->items[i], L);
    free(set->items);
    sandbox_free(set->sb);
    for (int i = 0; i < set->library_count; i++) free((char *)set->libraries[i].name);
    free(set->libraries);
    memset(set, 0, sizeof *set);
}

const scenario *scenario_set_find(const scenario_set *set, const char *id)
{
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->items[i]->id, id) == 0) return set->items[i];
    return NULL;
}

static bool has_tag(const scenario *sc, const char **tags, int count)
{
    for (int i = 0; i < count; i++)
        for (int k = 0; k < sc->tag_count; k++)
            if (strcmp(tags[i], sc->tags[k]) == 0) return true;
    return false;
}

int scenario_set_select(const scenario_set *set, const selection *sel, const scenario **out, diag_list *notes)
{
    int n = 0;
    for (int i = 0; i < set->count; i++) {
        const scenario *sc = set->items[i];
        if (sel->only_id && strcmp(sel->only_id, sc->id) != 0) continue;
        if (sc->status == STATUS_RETIRED) continue;
        if (sc->status == STATUS_DRAFT && !sel->include_drafts) continue;
        if (sel->tag_count && !has_tag(sc, sel->tags, sel->tag_count)) continue;
        if (sel->skip_tag_count && has_tag(sc, sel->skip_tags, sel->skip_tag_count)) continue;
        if (governance_overdue(sc, sel->today)) {
            diag_add(notes, DIAG_WARNING, "review-overdue", sc->path, sc->line, sc->id,
                     "review it and set a new review_by date, or retire it",
                     "review_by %s is past: not run", sc->review_by);
            continue;
        }
        out[n++] = sc;
    }
    return n;
}
