/* fixture.c - scenario fixtures (NAME.test.yaml): parse with libyaml, convert the records, run the cases. */
#include "fixture.h"
#include "links.h"
#include "xalloc.h"
#include "dir.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define FIXTURE_SUFFIX ".test.yaml"

static const char fixture_format_hint[] =
    "a fixture file is `scenario: ID` and `cases:`, each case {name, expect, score?, fired?, record} "
    "(scenarios/README.md)";

char *fixture_path_for(const char *scenario_path)
{
    size_t n = strlen(scenario_path);
    if (n >= 4 && strcmp(scenario_path + n - 4, ".lua") == 0) n -= 4;
    char *out = xmalloc(n + sizeof FIXTURE_SUFFIX);
    memcpy(out, scenario_path, n);
    memcpy(out + n, FIXTURE_SUFFIX, sizeof FIXTURE_SUFFIX);
    return out;
}

/* ---- parsing state ------------------------------------------------------------- */

/* What one fixture file is parsed against. The YAML is loaded one document at a
 * time with libyaml's document API, so every node keeps its mark (0-based line). */
typedef struct fixture_parse {
    const char *path;           /* the fixture file */
    const char *lua_path;       /* the scenario file next to it */
    bool lua_failed;            /* that file has compile errors: its scenarios may be missing */
    const scenario_set *set;
    diag_list *diags;
    fixture_set *fs;
    yaml_document_t *doc;
    const char *scenario_id;    /* of the document being read, for findings */
    int errors;                 /* findings in the current case */
} fixture_parse;

static void fixture_error(fixture_parse *fp, const yaml_node_t *at, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fixture_error(fixture_parse *fp, const yaml_node_t *at, const char *hint, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(fp->diags, DIAG_ERROR, "bad-fixture", fp->path, at ? (long)at->start_mark.line + 1 : 0,
             fp->scenario_id, hint ? hint : fixture_format_hint, "%s", msg);
    fp->errors++;
}

static long node_line(const yaml_node_t *n) { return (long)n->start_mark.line + 1; }

static const char *node_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SEQUENCE_NODE: return "a sequence";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "a scalar";
    }
}

static const char *node_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A plain ~, null or empty scalar is YAML's null. */
static bool node_is_null(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *s = (const char *)n->data.scalar.value;
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static yaml_node_t *node_at(fixture_parse *fp, yaml_node_item_t item)
{
    return yaml_document_get_node(fp->doc, item);
}

/* ---- one case ------------------------------------------------------------------ */

/* A sequence for a list field becomes the '|'-joined text value_parse reads. */
static char *fixture_join_list(fixture_parse *fp, const field *f, yaml_node_t *seq)
{
    size_t cap = 64, len = 0;
    char *buf = xmalloc(cap);
    buf[0] = '\0';
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fp, *it);
        const char *s = node_scalar(item);
        if (!s) {
            fixture_error(fp, item, "give the list as a sequence of strings: [A, B]",
                          "field '%s': an item of the list is %s, not a string", f->name, node_kind(item));
            continue;
        }
        if (node_is_null(item)) continue;
        if (strchr(s, '|')) {
            fixture_error(fp, item, "give each item separately: [A, B]",
                          "field '%s': the item '%s' contains '|', the list separator", f->name, s);
            continue;
        }
        size_t n = strlen(s);
        while (len + n + 2 > cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        if (len) buf[len++] = '|';
        memcpy(buf + len, s, n + 1);
        len += n;
    }
    return buf;
}

static void fixture_read_record(fixture_parse *fp, record *rec, const scenario *sc, yaml_node_t *map)
{
    const schema *s = sc->schema;
    field_bits seen;
    field_bits_clear(&seen);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(fp, p->key), *val = node_at(fp, p->value);
        const char *name = node_scalar(key);
        if (!name) {
            fixture_error(fp, key, NULL, "a record key is %s, not a field name", node_kind(key));
            continue;
        }
        const field *f = schema_field(s, name);
        if (!f) {
            fixture_error(fp, key, "use the field names of the schema (schemas/*.yaml)",
                          "field '%s': no such field in the %s schema", name, s->kind);
            continue;
        }
        if (f->derive != DERIVE_NONE) {
            const char *a = f->derive_from[0] >= 0 ? s->fields[f->derive_from[0]].name : "?";
            const char *b = f->derive_from[1] >= 0 ? s->fields[f->derive_from[1]].name : NULL;
            fixture_error(fp, key, "give the fields it is computed from, as a manifest would",
                          "field '%s': it is derived from %s%s%s, not read", name, a, b ? " and " : "", b ? b : "");
            continue;
        }
        if (field_bits_has(&seen, f->index)) {
            fixture_error(fp, key, "give each field once", "field '%s' is given twice", name);
            continue;
        }
        field_bits_set(&seen, f->index);
        char *joined = NULL;
        const char *text;
        if (val->type == YAML_SEQUENCE_NODE && f->type == FT_LIST) {
            text = joined = fixture_join_list(fp, f, val);
        } else if (val->type != YAML_SCALAR_NODE) {
            fixture_error(fp, val, f->type == FT_LIST ? "give a sequence of strings: [A, B]" : "give one value",
                          "field '%s' (%s): the value is %s", name, field_type_name(f->type), node_kind(val));
            continue;
        } else {
            text = node_is_null(val) ? "" : (const char *)val->data.scalar.value;
        }
        char why[256];
        if (value_parse(f, text, strlen(text), &rec->arena, &rec->slots[f->index], why, sizeof why) != VG_OK)
            fixture_error(fp, val, "write the value as a manifest would (dates YYYY-MM-DD, datetimes YYYY-MM-DDTHH:MM:SSZ)",
                          "field '%s' (%s): %s", name, field_type_name(f->type), why);
        free(joined);
    }
    record_derive(rec);
}

/* `booking:` or `others:`: a sequence of records of the case's run. Booking records
 * take the case record's group value unless they give one (done once the case is read). */
static void fixture_read_others(fixture_parse *fp, fixture_case *c, const scenario *sc, yaml_node_t *seq, bool booking)
{
    const char *key = booking ? "booking" : "others";
    if (seq->type != YAML_SEQUENCE_NODE) {
        fixture_error(fp, seq, "give a sequence of records: [ {field: value, ...}, ... ]",
                      "'%s' is %s, not a sequence of records", key, node_kind(seq));
        return;
    }
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fp, *it);
        if (item->type != YAML_MAPPING_NODE) {
            fixture_error(fp, item, "each record is a mapping of field: value", "an item of '%s' is %s, not a record",
                          key, node_kind(item));
            continue;
        }
        c->others = xreallocarray(c->others, (size_t)c->other_count + 1, sizeof *c->others);
        fixture_other *o = &c->others[c->other_count++];
        o->booking = booking;
        record_init(&o->rec, sc->schema);
        o->rec.source = c->rec.source;
        o->rec.line = node_line(item);
        fixture_read_record(fp, &o->rec, sc, item);
    }
}

/* The case's run: others (in order), the case record, its booking's records; indexed
 * like a run's input, every link key and the booking view. */
static void fixture_index_case(fixture_case *c, const scenario *sc)
{
    const schema *s = sc->schema;
    const value *group = s->group_index >= 0 ? &c->rec.slots[s->group_index] : NULL;
    for (int i = 0; i < c->other_count; i++) {
        record *r = &c->others[i].rec;
        if (c->others[i].booking && group && group->kind == V_STRING && r->slots[s->group_index].kind == V_MISSING) {
            char why[200];
            value_parse(&s->fields[s->group_index], group->as.s, group->len, &r->arena, &r->slots[s->group_index],
                        why, sizeof why);
        }
    }
    unsigned all = s->link_count >= 32 ? ~0u : (1u << s->link_count) - 1;
    c->links = links_new(s, all, true);
    links_rows *rows = links_rows_new();
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 1) links_extract(c->links, &c->rec, rows);
        for (int i = 0; pass != 1 && i < c->other_count; i++)
            if (c->others[i].booking == (pass == 2)) links_extract(c->links, &c->others[i].rec, rows);
    }
    links_add(c->links, rows);
    links_rows_free(rows);
    links_build(c->links, 1);
    c->rec.links = c->links;
}

static bool fixture_is_indicator(const scenario *sc, const char *id, bool *is_condition)
{
    *is_condition = false;
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++)
        if (strcmp(sc->parts[i].id, id) == 0) {
            *is_condition = sc->parts[i].is_condition;
            return !*is_condition;
        }
    return false;
}

static void fixture_read_fired(fixture_parse *fp, fixture_case *c, const scenario *sc, yaml_node_t *seq)
{
    if (seq->type != YAML_SEQUENCE_NODE) {
        fixture_error(fp, seq, "write fired: [id, ...] (fired: [] when none fires)",
                      "'fired' is %s, not a sequence of indicator ids", node_kind(seq));
        return;
    }
    int n = (int)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    c->fired = xcalloc((size_t)(n ? n : 1), sizeof *c->fired);
    c->has_fired = true;
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fp, *it);
        const char *id = node_scalar(item);
        bool is_condition;
        if (!id) {
            fixture_error(fp, item, NULL, "an item of 'fired' is %s, not an indicator id", node_kind(item));
        } else if (!fixture_is_indicator(sc, id, &is_condition)) {
            fixture_error(fp, item, is_condition ? "conditions must all hold for a hit; list only indicators"
                                                 : "list ids of the scenario's indicators",
                          "'fired' names '%s', which is %s of %s", id,
                          is_condition ? "a condition, not an indicator," : "not an indicator", sc->id);
        } else {
            bool dup = false;
            for (int k = 0; k < c->fired_count; k++) dup |= strcmp(c->fired[k], id) == 0;
            if (dup) fixture_error(fp, item, "list each indicator once", "'fired' lists '%s' twice", id);
            else c->fired[c->fired_count++] = xstrdup(id);
        }
    }
}

static void fixture_case_free(fixture_case *c)
{
    for (int i = 0; i < c->other_count; i++) record_free(&c->others[i].rec);
    free(c->others);
    links_free(c->links);
    free(c->name);
    for (int i = 0; i < c->fired_count; i++) free(c->fired[i]);
    free(c->fired);
    if (c->rec.slots) record_free(&c->rec);
    memset(c, 0, sizeof *c);
}

/* Read one case into c; false (c freed) when it has an error. */
static bool fixture_read_case(fixture_parse *fp, fixture_suite *suite, yaml_node_t *node, fixture_case *c)
{
    const scenario *sc = suite->sc;
    memset(c, 0, sizeof *c);
    fp->errors = 0;
    c->line = node_line(node);
    if (node->type != YAML_MAPPING_NODE) {
        fixture_error(fp, node, NULL, "a case is a mapping {name, expect, record, ...}, not %s", node_kind(node));
        return false;
    }
    record_init(&c->rec, sc->schema);
    c->rec.source = suite->path;
    c->rec.line = c->line;
    bool has_expect = false, has_record = false;
    yaml_node_t *keys_seen[7] = { 0 };
    static const char *keys[] = { "name", "expect", "score", "fired", "record", "booking", "others" };
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(fp, p->key), *val = node_at(fp, p->value);
        const char *k = node_scalar(key);
        int which = -1;
        for (int i = 0; k && i < 7; i++)
            if (strcmp(k, keys[i]) == 0) which = i;
        if (which < 0) {
            fixture_error(fp, key, NULL, "unknown key '%s' in a case (keys: name, expect, score, fired, record, booking, others)",
                          k ? k : node_kind(key));
            continue;
        }
        if (keys_seen[which]) {
            fixture_error(fp, key, "give each key once", "'%s' is given twice in the case", k);
            continue;
        }
        keys_seen[which] = key;
        const char *s = node_scalar(val);
        switch (which) {
        case 0:
            if (!s || !*s) fixture_error(fp, val, "name: what the case shows, in a few words", "the case name is not a text");
            else c->name = xstrdup(s);
            break;
        case 1:
            has_expect = true;
            if (s && strcmp(s, "hit") == 0) c->expect = VERDICT_HIT;
            else if (s && strcmp(s, "no-hit") == 0) c->expect = VERDICT_NO_HIT;
            else fixture_error(fp, val, "expect: hit or expect: no-hit", "'expect' is '%s', not hit or no-hit", s ? s : node_kind(val));
            break;
        case 2: {
            char *end = NULL;
            long v = s ? strtol(s, &end, 10) : 0;
            if (!s || !*s || *end || v < -1000000 || v > 1000000)
                fixture_error(fp, val, "score: the integer score the record must get", "'score' is '%s', not an integer",
                              s ? s : node_kind(val));
            else {
                c->has_score = true;
                c->score = (int)v;
            }
            break;
        }
        case 3: fixture_read_fired(fp, c, sc, val); break;
        case 4:
            has_record = true;
            if (val->type != YAML_MAPPING_NODE)
                fixture_error(fp, val, "record: a mapping of field: value", "'record' is %s, not a mapping", node_kind(val));
            else fixture_read_record(fp, &c->rec, sc, val);
            break;
        case 5:
        case 6: fixture_read_others(fp, c, sc, val, which == 5); break;
        }
    }
    if (!keys_seen[0]) fixture_error(fp, node, NULL, "the case has no name");
    if (!has_expect) fixture_error(fp, node, NULL, "case '%s' has no 'expect' (hit or no-hit)", c->name ? c->name : "?");
    if (!has_record) fixture_error(fp, node, NULL, "case '%s' has no 'record'", c->name ? c->name : "?");
    for (int i = 0; c->name && i < suite->case_count; i++)
        if (strcmp(suite->cases[i].name, c->name) == 0) {
            fixture_error(fp, node, "give each case its own name",
                          "case name '%s' is already used at line %ld", c->name, suite->cases[i].line);
            break;
        }
    if (fp->errors) {
        fixture_case_free(c);
        return false;
    }
    if (c->other_count) fixture_index_case(c, sc);
    return true;
}

/* ---- one document: the cases of one scenario ----------------------------------- */

static fixture_suite *fixture_add_suite(fixture_parse *fp, const scenario *sc, const char *id, long line)
{
    fixture_set *fs = fp->fs;
    fs->suites = xrealloc(fs->suites, sizeof *fs->suites * (size_t)(fs->count + 1));
    fixture_suite *suite = &fs->suites[fs->count++];
    memset(suite, 0, sizeof *suite);
    suite->sc = sc;
    suite->scenario_id = xstrdup(id);
    suite->path = xstrdup(fp->path);
    suite->line = line;
    return suite;
}

/* The scenario ids a scenario file declares, for the message of an unknown id. */
static void fixture_declared_ids(const fixture_parse *fp, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < fp->set->count && len < size; i++)
        if (strcmp(fp->set->items[i]->path, fp->lua_path) == 0)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", fp->set->items[i]->id);
}

static void fixture_read_document(fixture_parse *fp, yaml_node_t *root)
{
    fp->scenario_id = NULL;
    if (node_is_null(root)) return; /* an empty document */
    if (root->type != YAML_MAPPING_NODE) {
        fixture_error(fp, root, NULL, "the document is %s, not a mapping with scenario: and cases:", node_kind(root));
        return;
    }
    yaml_node_t *id_node = NULL, *cases = NULL;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node_at(fp, p->key), *val = node_at(fp, p->value);
        const char *k = node_scalar(key);
        if (k && strcmp(k, "scenario") == 0 && !id_node) id_node = val;
        else if (k && strcmp(k, "cases") == 0 && !cases) cases = val;
        else
            fixture_error(fp, key, NULL, "%s key '%s' (a fixture document has scenario: and cases:)",
                          (k && (strcmp(k, "scenario") == 0 || strcmp(k, "cases") == 0)) ? "repeated" : "unknown",
                          k ? k : node_kind(key));
    }
    const char *id = node_scalar(id_node);
    if (!id || !*id) {
        fixture_error(fp, id_node ? id_node : root, NULL, "no scenario id: start the document with `scenario: ID`");
        return;
    }
    fp->scenario_id = id;
    if (!cases || cases->type != YAML_SEQUENCE_NODE) {
        fixture_error(fp, cases ? cases : root, NULL, "'cases' is %s: give a sequence of cases",
                      cases ? node_kind(cases) : "missing");
        return;
    }
    int case_nodes = (int)(cases->data.sequence.items.top - cases->data.sequence.items.start);

    const scenario *sc = scenario_set_find(fp->set, id);
    if (sc && strcmp(sc->path, fp->lua_path) != 0) {
        fixture_error(fp, id_node, "keep a scenario's fixtures next to it (x.lua -> x.test.yaml)",
                      "scenario '%s' is declared in %s, not in %s next to this file", id, sc->path, fp->lua_path);
        return;
    }
    if (!sc && fp->lua_failed) {
        /* its file did not compile (reported already): the cases cannot run */
        fixture_suite *suite = fixture_add_suite(fp, NULL, id, node_line(id_node));
        suite->not_run = case_nodes;
        return;
    }
    if (!sc) {
        char ids[256];
        fixture_declared_ids(fp, ids, sizeof ids);
        fixture_error(fp, id_node, "name a scenario declared in the .lua file next to the fixtures",
                      "no scenario '%s' in %s (it declares: %s)", id, fp->lua_path, ids[0] ? ids : "none");
        return;
    }
    for (int i = 0; i < fp->fs->count; i++)
        if (fp->fs->suites[i].sc == sc) {
            fixture_error(fp, id_node, "put all the cases of a scenario in one document",
                          "the fixtures of '%s' are already given at %s:%ld", id, fp->fs->suites[i].path,
                          fp->fs->suites[i].line);
            return;
        }
    fixture_suite *suite = fixture_add_suite(fp, sc, id, node_line(id_node));
    suite->cases = xcalloc((size_t)(case_nodes ? case_nodes : 1), sizeof *suite->cases);
    for (yaml_node_item_t *it = cases->data.sequence.items.start; it < cases->data.sequence.items.top; it++) {
        if (fixture_read_case(fp, suite, node_at(fp, *it), &suite->cases[suite->case_count]))
            suite->case_count++;
    }
}

/* Parse every document of one fixture file. */
static void fixture_load_file(fixture_parse *fp)
{
    FILE *f = fopen(fp->path, "rb");
    if (!f) {
        diag_add(fp->diags, DIAG_ERROR, "bad-fixture", fp->path, 0, NULL, "check the file's permissions",
                 "cannot open: %s", strerror(errno));
        return;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) xalloc_die();
    yaml_parser_set_input_file(&parser, f);
    bool any = false;
    for (;;) {
        yaml_document_t doc;
        if (!yaml_parser_load(&parser, &doc)) {
            if (parser.error == YAML_MEMORY_ERROR) xalloc_die();
            long line = (long)parser.problem_mark.line + 1;
            char context[160] = "";
            if (parser.context)
                snprintf(context, sizeof context, " %s (line %ld)", parser.context, (long)parser.context_mark.line + 1);
            diag_add(fp->diags, DIAG_ERROR, "bad-fixture", fp->path, line, NULL, "fix the YAML at that line",
                     "YAML syntax error: %s%s", parser.problem ? parser.problem : "malformed input", context);
            break;
        }
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (!root) {
            yaml_document_delete(&doc);
            break; /* the end of the stream */
        }
        fp->doc = &doc;
        if (!node_is_null(root)) any = true;
        fixture_read_document(fp, root);
        yaml_document_delete(&doc);
        fp->doc = NULL;
    }
    if (!any && parser.error == YAML_NO_ERROR)
        diag_add(fp->diags, DIAG_ERROR, "bad-fixture", fp->path, 1, NULL, fixture_format_hint,
                 "the file holds no fixtures");
    yaml_parser_delete(&parser);
    fclose(f);
}

/* ---- the fixtures of a ruleset ------------------------------------------------- */

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_errors_in(const diag_list *diags, const char *path)
{
    for (int i = 0; i < diags->count; i++)
        if (diags->items[i].severity == DIAG_ERROR && strcmp(diags->items[i].file, path) == 0) return true;
    return false;
}

/* Fixture files in dir whose scenario file is missing (a renamed or deleted .lua). */
static void fixture_find_orphans(const char *dir, diag_list *diags)
{
    dir_names names;
    if (dir_list(dir, FIXTURE_SUFFIX, &names) != 0) return;
    for (int i = 0; i < names.count; i++) {
        size_t n = strlen(dir) + strlen(names.names[i]) + 8;
        char *path = path_join(dir, names.names[i]), *lua = xmalloc(n);
        snprintf(lua, n, "%s/%.*s.lua", dir, (int)(strlen(names.names[i]) - strlen(FIXTURE_SUFFIX)), names.names[i]);
        if (!file_exists(lua))
            diag_add(diags, DIAG_ERROR, "bad-fixture", path, 1, NULL,
                     "rename it after its scenario file (x.lua -> x.test.yaml) or delete it",
                     "no scenario file %s next to these fixtures: they never run", lua);
        free(path);
        free(lua);
    }
    dir_names_free(&names);
}

void fixture_set_load(fixture_set *fs, const ruleset *rs, const scenario_set *set, diag_list *diags)
{
    memset(fs, 0, sizeof *fs);
    /* Compile errors are in diags now; remember which files had them before adding ours. */
    int files = rs->file_count - rs->first_scenario;
    bool *failed = xcalloc((size_t)(files ? files : 1), sizeof *failed);
    for (int i = 0; i < files; i++) failed[i] = has_errors_in(diags, rs->files[rs->first_scenario + i].path);

    for (int i = 0; i < files; i++) {
        const char *lua = rs->files[rs->first_scenario + i].path;
        char *path = fixture_path_for(lua);
        if (file_exists(path)) {
            fixture_parse fp = { .path = path, .lua_path = lua, .lua_failed = failed[i], .set = set,
                                 .diags = diags, .fs = fs };
            fixture_load_file(&fp);
        }
        free(path);
    }
    free(failed);

    /* Fixture files with no scenario file: in DIR and in its sub-directories. */
    fixture_find_orphans(rs->dir, diags);
    dir_names subs;
    if (dir_list(rs->dir, "", &subs) == 0) {
        for (int i = 0; i < subs.count; i++) {
            if (!strcmp(subs.names[i], "schemas") || !strcmp(subs.names[i], "lists")) continue;
            char *sub = path_join(rs->dir, subs.names[i]);
            struct stat st;
            if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) fixture_find_orphans(sub, diags);
            free(sub);
        }
        dir_names_free(&subs);
    }

    for (int i = 0; i < set->count; i++) {
        const scenario *sc = set->items[i];
        const fixture_suite *suite = fixture_set_find(fs, sc);
        if (sc->status != STATUS_ACTIVE || (suite && suite->case_count > 0)) continue;
        char *path = fixture_path_for(sc->path);
        diag_add(diags, DIAG_WARNING, "no-fixtures", sc->path, sc->line, sc->id,
                 "add cases that hit and cases that do not (vigie test runs them)",
                 "the active scenario has no fixture case in %s: vigie test cannot exercise it", path);
        free(path);
    }
}

void fixture_set_free(fixture_set *fs)
{
    for (int i = 0; i < fs->count; i++) {
        fixture_suite *s = &fs->suites[i];
        for (int k = 0; k < s->case_count; k++) fixture_case_free(&s->cases[k]);
        free(s->cases);
        free(s->scenario_id);
        free(s->path);
    }
    free(fs->suites);
    memset(fs, 0, sizeof *fs);
}

const fixture_suite *fixture_set_find(const fixture_set *fs, const scenario *sc)
{
    for (int i = 0; i < fs->count; i++)
        if (fs->suites[i].sc == sc) return &fs->suites[i];
    return NULL;
}
