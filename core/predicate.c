/* predicate.c - compile prelude predicate tables into native trees; evaluate them in three-valued logic. */
#include "predicate.h"
#include "links.h"
#include "operator.h"
#include "xalloc.h"

#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include "lists_fold.h"

struct predicate {
    predicate_op op;
    int line;
    int field, other;        /* slot indexes, -1 when unused */
    field_type type;         /* type of `field` */
    value constant, constant2;
    const char *folded;      /* equals/not_equals on text: the constant folded once (lists_fold.h) */
    size_t folded_len;
    bool constant_ascii;     /* the text constant is all ASCII: case-blind bytes decide alone */
    value *set;              /* in_set, starts_with, contains: constants */
    int set_count;
    const ref_list *list;
    ref_list *own_list;      /* a literal set of strings, held as an anonymous list */
    predicate **parts;
    int part_count;
    int lua_ref;             /* OP_LUA: registry reference of the function */
    int booking;             /* booking "v": its booking_value_id, -1 for the others */
    int link, link_value;    /* link(k, "v"): the schema's link index and link_value_id, -1 otherwise */
    field_bits value_reads;  /* the fields a booking or link value reads (for governance and evidence) */
};

/* ---- text comparisons (case-insensitive, Unicode) ------------------------------ */

static bool text_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

/* Whether a, folded, equals text already folded (fb, bn). */
static bool text_fold_equal(const char *a, size_t alen, const char *fb, size_t bn)
{
    char abuf[256];
    size_t an;
    char *fa = list_fold(a, alen, abuf, sizeof abuf, &an);
    bool equal = an == bn && memcmp(fa, fb, an) == 0;
    if (fa != abuf) free(fa);
    return equal;
}

/* Equal ignoring case: ASCII text byte by byte as always; text with other UTF-8 folded
 * like list values (lists_fold.h: full case folding, accents removed, so "STRASSE"
 * equals "straße" and "İZMİR" equals "izmir"). Invalid UTF-8 folds byte by byte. */
static bool text_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen == blen && strncasecmp(a, b, alen) == 0) return true;
    if (text_ascii(a, alen) && text_ascii(b, blen)) return false;
    char bbuf[256];
    size_t bn;
    char *fb = list_fold(b, blen, bbuf, sizeof bbuf, &bn);
    bool equal = text_fold_equal(a, alen, fb, bn);
    if (fb != bbuf) free(fb);
    return equal;
}

/* ---- compilation --------------------------------------------------------------- */

static predicate *predicate_new(predicate_op op, int line)
{
    predicate *p = xcalloc(1, sizeof *p);
    p->op = op;
    p->line = line;
    p->field = p->other = -1;
    p->lua_ref = LUA_NOREF;
    p->booking = p->link = p->link_value = -1;
    return p;
}

static void predicate_error(const predicate_scope *sc, int line, const char *code, const char *hint,
                            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Errors one part may add before the rest are dropped: a part shared at every level
 * of a predicate is visited once per path, and its error with it. */
#define PREDICATE_MAX_ERRORS 32

static void predicate_error(const predicate_scope *sc, int line, const char *code, const char *hint,
                            const char *fmt, ...)
{
    const diag_list *d = sc->diags;
    if (d->count >= PREDICATE_MAX_ERRORS) {
        int same = 0;
        for (int i = d->count - 1; i >= d->count - PREDICATE_MAX_ERRORS; i--)
            if (strcmp(d->items[i].scenario, sc->scenario ? sc->scenario : "") == 0 &&
                strstr(d->items[i].message, sc->part ? sc->part : "predicate") == d->items[i].message)
                same++;
        if (same == PREDICATE_MAX_ERRORS) return;
    }
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(sc->diags, DIAG_ERROR, code, sc->file, line, sc->scenario, hint, "%s: %s",
             sc->part ? sc->part : "predicate", msg);
}

/* Read t[key] (t at idx) as a string field name and resolve it. */
static int predicate_field_at(const predicate_scope *sc, int idx, const char *key, int line)
{
    lua_State *L = sandbox_lua(sc->sb);
    lua_getfield(L, idx, key);
    const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int slot = name ? schema_field_index(sc->schema, name) : -1;
    if (!name)
        predicate_error(sc, line, "bad-predicate", "name fields with strings: field \"age\", :same_as \"surname\"",
                        "'%s' must be a field name, not %s", key, luaL_typename(L, -1));
    else if (slot < 0)
        predicate_error(sc, line, "unknown-field", "use a field of the schema (see scenarios/schemas/)",
                        "record kind '%s' has no field '%s'", sc->schema->kind, name);
    lua_pop(L, 1);
    return slot;
}

static const char *lua_value_type(lua_State *L, int idx) { return luaL_typename(L, idx); }

/* Convert the Lua value at idx into a constant of the field's type. */
static bool predicate_constant(const predicate_scope *sc, const field *f, int idx, int line, value *out)
{
    lua_State *L = sandbox_lua(sc->sb);
    int t = lua_type(L, idx);
    char why[200];
    memset(out, 0, sizeof *out);
    switch (f->type) {
    case FT_STRING:
        if (t == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, idx, &len);
            out->kind = V_STRING;
            out->as.s = arena_strndup(sc->constants, s, len);
            out->len = (uint32_t)len;
            return true;
        }
        break;
    case FT_INTEGER:
    case FT_NUMBER:
        if (t == LUA_TNUMBER) {
            if (lua_isinteger(L, idx)) {
                out->kind = V_INTEGER;
                out->as.i = lua_tointeger(L, idx);
            } else {
                out->kind = V_NUMBER;
                out->as.n = lua_tonumber(L, idx);
            }
            return true;
        }
        break;
    case FT_BOOLEAN:
        if (t == LUA_TBOOLEAN) {
            out->kind = V_BOOLEAN;
            out->as.b = lua_toboolean(L, idx);
            return true;
        }
        break;
    case FT_DATE:
    case FT_DATETIME:
        if (t == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, idx, &len);
            if (value_parse(f, s, len, sc->constants, out, why, sizeof why) == VG_OK && out->kind != V_MISSING)
                return true;
            predicate_error(sc, line, "bad-constant", "write dates as \"YYYY-MM-DD\" and datetimes as \"YYYY-MM-DDTHH:MM:SSZ\"",
                            "%s (field '%s')", why, f->name);
            return false;
        }
        break;
    case FT_LIST:
        break;
    }
    char expected[64];
    snprintf(expected, sizeof expected, "%s", field_type_name(f->type));
    char msg[200];
    snprintf(msg, sizeof msg, "field '%s' is %s but is compared with a %s", f->name, expected,
             lua_value_type(L, idx));
    predicate_error(sc, line, "type-mismatch", "compare a field with a value of its own type", "%s", msg);
    return false;
}

static bool predicate_need_type(const predicate_scope *sc, const field *f, int line, const char *op,
                                bool ok, const char *hint)
{
    if (!ok) {
        char msg[200];
        snprintf(msg, sizeof msg, "'%s' does not apply to field '%s' of type %s", op, f->name,
                 field_type_name(f->type));
        predicate_error(sc, line, "wrong-field-type", hint, "%s", msg);
    }
    return ok;
}

static int value_compare(const value *a, const value *b);

static const ref_list *predicate_list_at(const predicate_scope *sc, int idx, int line)
{
    lua_State *L = sandbox_lua(sc->sb);
    lua_getfield(L, idx, "list");
    const char *name = lua_tostring(L, -1);
    const ref_list *l = name ? list_set_find(sc->lists, name) : NULL;
    if (!l)
        predicate_error(sc, line, "unknown-list", "add the list under lists/ or fix its name",
                        "no list named '%s'", name ? name : "?");
    lua_pop(L, 1);
    return l;
}

/* The tables on the way from the indicator's `when` down to the one being compiled:
 * a scenario can change a predicate's own fields, so `parts` may lead back to a
 * table on the way (a cycle) or nest without end. */
typedef struct predicate_path {
    const void *tables[PREDICATE_MAX_DEPTH];
    int depth;
    int nodes;               /* compiled so far: parts shared at every level multiply */
    bool stop;               /* a limit was reported: the rest is not compiled */
} predicate_path;

/* Count bytes of text the predicate copies: a long string shared at every level of a
 * predicate is copied once per path, so the bytes of them all are bounded. */
static bool predicate_count_text(const predicate_scope *sc, const predicate *p, predicate_path *path, size_t bytes)
{
    if (bytes <= PREDICATE_MAX_TEXT - sc->budget->text) {
        sc->budget->text += bytes;
        return true;
    }
    predicate_error(sc, p->line, "bad-predicate", "put long texts in a list under lists/",
                    "the file's values hold more than %u bytes of text (counting shared parts each time)",
                    PREDICATE_MAX_TEXT);
    path->stop = true;
    return false;
}

/* Stack: predicate table at idx. Compile its `values` array into p->set. A set shared
 * by many parts is compiled once for each: the values of them all are bounded. */
static bool predicate_compile_set(const predicate_scope *sc, predicate *p, const field *f, int idx,
                                  predicate_path *path)
{
    lua_State *L = sandbox_lua(sc->sb);
    lua_getfield(L, idx, "values");
    size_t length = lua_rawlen(L, -1);
    if (length > PREDICATE_MAX_VALUES - sc->budget->values) {
        lua_pop(L, 1);
        predicate_error(sc, p->line, "bad-predicate", "put long sets of values in a list under lists/",
                        "the file's sets hold more than %d values (counting shared parts each time)",
                        PREDICATE_MAX_VALUES);
        path->stop = true;
        return false;
    }
    sc->budget->values += length;
    int n = (int)length;
    size_t bytes = 0;
    for (int i = 1; i <= n && lua_type(L, -1) == LUA_TTABLE; i++) {
        if (lua_rawgeti(L, -1, i) == LUA_TSTRING) bytes += lua_rawlen(L, -1);
        lua_pop(L, 1);
    }
    if (!predicate_count_text(sc, p, path, bytes)) {
        lua_pop(L, 1);
        return false;
    }
    p->set = xcalloc((size_t)(n > 0 ? n : 1), sizeof *p->set);
    bool ok = true;
    /* list fields hold strings: their set members are strings too */
    field as_item = *f;
    if (f->type == FT_LIST) as_item.type = FT_STRING;
    for (int i = 1; i <= n && ok; i++) {
        lua_geti(L, -1, i);
        ok = predicate_constant(sc, &as_item, -1, p->line, &p->set[p->set_count]);
        if (ok) p->set_count++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (!ok || f->type == FT_INTEGER || f->type == FT_NUMBER) return ok;
    /* Strings: the set becomes an anonymous list, so that sets and named lists share
     * one lookup (hash, prefix or bigram-indexed text search) and one evidence form. */
    const char **values = xmalloc(sizeof *values * (size_t)(p->set_count + 1));
    char name[96];
    size_t at = 0;
    int n_values = p->set_count;
    at += (size_t)snprintf(name, sizeof name, "{");
    for (int i = 0; i < n_values; i++) {
        values[i] = p->set[i].as.s;
        if (at < sizeof name - 8)
            at += (size_t)snprintf(name + at, sizeof name - at, "%s%s", i ? ", " : "", values[i]);
    }
    if (at >= sizeof name - 8) snprintf(name + sizeof name - 8, 8, "...}");
    else snprintf(name + at, sizeof name - at, "}");
    vg_error err;
    p->own_list = list_from_values(name, values, n_values, p->op == OP_STARTS_WITH ? LIST_PREFIX : LIST_EXACT, &err);
    free(values);
    if (!p->own_list) {
        predicate_error(sc, p->line, "bad-constant", "list each value once, none empty", "%s", err.message);
        return false;
    }
    p->list = p->own_list;
    free(p->set);
    p->set = NULL;
    p->set_count = 0;
    if (p->op == OP_IN_SET) p->op = OP_IN_LIST;
    else if (p->op == OP_CONTAINS) p->op = OP_CONTAINS_LIST;
    return true;
}

/* A fuzzy list compares names: it applies to string fields and to list fields (each
 * item a name), not to integers. */
static bool predicate_fuzzy_fits(const predicate_scope *sc, const ref_list *l, const field *f, int line,
                                 const char *form)
{
    if (l->match != LIST_FUZZY || f->type == FT_STRING || f->type == FT_LIST) return true;
    predicate_error(sc, line, "list-match-mode", "use a fuzzy list on a string field (names), or an exact list",
                    "%s \"%s\" on %s field '%s': the list is declared match: fuzzy, which compares names",
                    form, l->name, field_type_name(f->type), f->name);
    return false;
}

static predicate *predicate_compile_table(const predicate_scope *sc, int idx, predicate_path *path);
static predicate *predicate_compile_at(const predicate_scope *sc, int idx, predicate_path *path);

/* Count one part visited, whatever it is (table, function, refused function): a part
 * shared at every level is visited once per path, so every visit counts against the
 * bound, or a shared function would be revisited (and reported) without end. */
static bool predicate_count_node(const predicate_scope *sc, predicate_path *path)
{
    if (path->stop) return false; /* the limit was reported once already */
    if (++path->nodes <= PREDICATE_MAX_NODES) return true;
    predicate_error(sc, 0, "bad-predicate", "split it into several indicators",
                    "the predicate has more than %d parts (counting shared parts each time)", PREDICATE_MAX_NODES);
    path->stop = true;
    return false;
}

predicate *predicate_compile(const predicate_scope *sc, int idx)
{
    predicate_path path = { .depth = 0, .nodes = 0 };
    return predicate_compile_at(sc, idx, &path);
}

static predicate *predicate_compile_at(const predicate_scope *sc, int idx, predicate_path *path)
{
    lua_State *L = sandbox_lua(sc->sb);
    idx = lua_absindex(L, idx);
    if (path->stop) return NULL;
    /* each level pushes a few values: make room, or fail cleanly */
    if (!lua_checkstack(L, 8)) {
        predicate_error(sc, 0, "bad-predicate", "simplify the predicate", "no room on the Lua stack to compile it");
        path->stop = true;
        return NULL;
    }
    if (lua_type(L, idx) == LUA_TFUNCTION) {
        if (!predicate_count_node(sc, path)) return NULL;
        lua_Debug ar;
        lua_pushvalue(L, idx);
        lua_getinfo(L, ">S", &ar);
        predicate *p = predicate_new(OP_LUA, ar.linedefined);
        lua_pushvalue(L, idx);
        p->lua_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        return p;
    }
    if (sandbox_is(sc->sb, idx, "predicate")) {
        const void *t = lua_topointer(L, idx);
        for (int i = 0; i < path->depth; i++)
            if (path->tables[i] == t) {
                predicate_error(sc, 0, "bad-predicate", "a predicate cannot be one of its own parts",
                                "the predicate contains itself (a cycle through 'parts', %d level%s down)",
                                path->depth - i, path->depth - i == 1 ? "" : "s");
                path->stop = true;
                return NULL;
            }
        if (!predicate_count_node(sc, path)) return NULL;
        if (path->depth == PREDICATE_MAX_DEPTH) {
            predicate_error(sc, 0, "bad-predicate", "flatten it: any_of and all_of take many parts",
                            "predicates nest more than %d deep", PREDICATE_MAX_DEPTH);
            path->stop = true;
            return NULL;
        }
        path->tables[path->depth++] = t;
        predicate *p = predicate_compile_table(sc, idx, path);
        path->depth--;
        return p;
    }
    const char *what = sandbox_is(sc->sb, idx, "field") ? "a field without a test (add e.g. :equals(...))"
                     : sandbox_is(sc->sb, idx, "list reference") ? "a list reference without a test (use :is_in(list ...))"
                     : sandbox_is(sc->sb, idx, "pair") ? "a pair without a test (add :is_in(list ...))"
                     : lua_value_type(L, idx);
    predicate_error(sc, 0, "bad-predicate", "use a predicate such as field \"x\" :equals(...) or a function(r)",
                    "`when` must be a predicate or a function, not %s", what);
    /* one wrong part says enough; going on would visit a shared wrong part once per path */
    path->stop = true;
    return NULL;
}

/* Mark the fields named in `reads` (space-separated) in p->value_reads; false after an
 * error when the kind lacks one. */
static bool predicate_value_reads(const predicate_scope *sc, predicate *p, int line, const char *what,
                                  const char *reads)
{
    char name[64];
    for (const char *c = reads; *c;) {
        while (*c == ' ') c++;
        size_t n = strcspn(c, " ");
        if (!n) break;
        snprintf(name, sizeof name, "%.*s", (int)n, c);
        c += n;
        int slot = schema_field_index(sc->schema, name);
        if (slot < 0) {
            predicate_error(sc, line, "unknown-field", "booking and link values need the fields their table row names",
                            "%s reads field '%s', which record kind '%s' does not have", what, name, sc->schema->kind);
            return false;
        }
        field_bits_set(&p->value_reads, slot);
    }
    return true;
}

/* booking "v" or link(k, "v"): resolve the value into p and describe it as a field of
 * its own type (*value_field) for the type checks and constants. Returns 1 for a value,
 * 0 when the table names a plain field, -1 after an error. */
static int predicate_value_source(const predicate_scope *sc, predicate *p, int idx, int line, const char *opname,
                                  field *value_field, char *name, size_t name_size, const operator_def **def)
{
    lua_State *L = sandbox_lua(sc->sb);
    lua_getfield(L, idx, "booking");
    lua_getfield(L, idx, "link");
    lua_getfield(L, idx, "link_value");
    const char *booking = lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3) : NULL;
    const char *link = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    const char *link_value = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    bool any = lua_type(L, -3) != LUA_TNIL || lua_type(L, -2) != LUA_TNIL;
    int result = -1;
    const links_value_def *vd = NULL;
    const schema *s = sc->schema;
    if (!any) {
        result = 0;
    } else if (booking) {
        int id = links_booking_value_id(booking);
        if (id < 0) {
            predicate_error(sc, line, "unknown-field", "use a booking value of the table in scenarios/README.md",
                            "there is no booking value '%s'", booking);
        } else if (s->group_index < 0) {
            predicate_error(sc, line, "unknown-field", "booking values need the schema's group: key",
                            "record kind '%s' has no group (booking), so booking \"%s\" has nothing to read", s->kind, booking);
        } else {
            p->booking = id;
            vd = &links_booking_values[id];
            field_bits_set(&p->value_reads, s->group_index);
            snprintf(name, name_size, "booking %s", vd->name);
            char what[120];
            snprintf(what, sizeof what, "booking \"%s\"", vd->name);
            if (predicate_value_reads(sc, p, line, what, vd->reads)) result = 1;
        }
        *def = operator_by_receiver(opname, "booking");
    } else if (link && link_value) {
        const schema_link *l = schema_link_find(s, link);
        int id = links_link_value_id(link_value);
        if (!l) {
            char keys[300] = "";
            for (int i = 0; i < s->link_count; i++)
                snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", i ? ", " : "", s->links[i].name);
            predicate_error(sc, line, "unknown-field", "use a link key of the schema's links:",
                            "record kind '%s' has no link key '%s' (its keys: %s)", s->kind, link, keys[0] ? keys : "none");
        } else if (id < 0) {
            predicate_error(sc, line, "unknown-field", "use a link value of the table in scenarios/README.md",
                            "there is no link value '%s' (records, bookings, surnames, first_seen)", link_value);
        } else {
            p->link = (int)(l - s->links);
            p->link_value = id;
            vd = &links_link_values[id];
            for (int i = 0; i < 2; i++)
                if (l->fields[i] >= 0) field_bits_set(&p->value_reads, l->fields[i]);
            if (s->group_index >= 0) field_bits_set(&p->value_reads, s->group_index);
            snprintf(name, name_size, "link %s %s", l->name, vd->name);
            char what[160];
            snprintf(what, sizeof what, "link(\"%s\", \"%s\")", l->name, vd->name);
            if (predicate_value_reads(sc, p, line, what, vd->reads)) result = 1;
        }
        *def = operator_by_receiver(opname, "link");
    } else {
        predicate_error(sc, line, "bad-predicate", "write booking \"v\" or link(\"k\", \"v\")",
                        "a booking or link value needs names as strings");
    }
    lua_pop(L, 3);
    if (result == 1) {
        if (!*def) {
            predicate_error(sc, line, "bad-predicate", "booking and link values take the comparison methods",
                            "'%s' does not apply to booking and link values", opname);
            return -1;
        }
        *value_field = (field){ .name = name, .type = vd->type, .index = -1 };
    }
    return result;
}

/* Fold a text constant once, into the scope's arena: equals compares every record's
 * value with it, and folding non-ASCII text (ICU) costs far more than the comparison. */
static void predicate_fold_constant(const predicate_scope *sc, predicate *p)
{
    char buf[256];
    size_t n;
    char *folded = list_fold(p->constant.as.s, p->constant.len, buf, sizeof buf, &n);
    p->folded = arena_strndup(sc->constants, folded, n);
    p->folded_len = n;
    p->constant_ascii = text_ascii(p->constant.as.s, p->constant.len);
    if (folded != buf) free(folded);
}

static predicate *predicate_compile_table(const predicate_scope *sc, int idx, predicate_path *path)
{
    lua_State *L = sandbox_lua(sc->sb);
    lua_getfield(L, idx, "line");
    int line = (int)lua_tointeger(L, -1);
    lua_getfield(L, idx, "op");
    const char *opname = lua_tostring(L, -1);
    const operator_def *def = operator_by_name(opname);
    int op = def ? (int)def->op : -1;
    lua_pop(L, 2);
    if (op < 0) {
        predicate_error(sc, line, "bad-predicate", "build predicates with the language's helpers",
                        "unknown predicate '%s'", opname ? opname : "?");
        return NULL;
    }
    predicate *p = predicate_new((predicate_op)op, line);
    bool ok = true;

    if (op == OP_ANY_OF || op == OP_ALL_OF || op == OP_NEGATE) {
        lua_getfield(L, idx, "parts");
        int n = (int)lua_rawlen(L, -1);
        p->parts = xcalloc((size_t)(n > 0 ? n : 1), sizeof *p->parts);
        for (int i = 1; i <= n; i++) {
            lua_geti(L, -1, i);
            predicate *part = NULL;
            if (lua_type(L, -1) == LUA_TFUNCTION) {
                if (predicate_count_node(sc, path))
                    predicate_error(sc, line, "bad-predicate", "write the whole indicator as one function instead",
                                    "Lua functions cannot be combined inside %s", opname);
            } else {
                part = predicate_compile_at(sc, -1, path);
            }
            lua_pop(L, 1);
            if (!part) {
                ok = false;
                continue;
            }
            p->parts[p->part_count++] = part;
        }
        lua_pop(L, 1);
        if (ok && (p->op == OP_NEGATE ? p->part_count != 1 : p->part_count < 1)) {
            predicate_error(sc, line, "bad-predicate", "negate takes one predicate; any_of and all_of at least one",
                            "%s has %d part%s", opname, p->part_count, p->part_count == 1 ? "" : "s");
            ok = false;
        }
        if (!ok) goto fail;
        return p;
    }

    field value_field;
    char value_name[96];
    const field *f;
    int source = predicate_value_source(sc, p, idx, line, opname, &value_field, value_name, sizeof value_name, &def);
    if (source < 0) goto fail;
    if (source) {
        f = &value_field;
    } else {
        p->field = predicate_field_at(sc, idx, "field", line);
        if (p->field < 0) goto fail;
        f = &sc->schema->fields[p->field];
    }
    p->type = f->type;
    /* The operator table says which field types an operator applies to. */
    char types[160];
    char hint[240];
    snprintf(hint, sizeof hint, "%s applies to %s fields (see the predicate table in scenarios/README.md)",
             def->method, operator_field_types(def, types, sizeof types));
    if (f->type == FT_LIST && (p->op == OP_EQUALS || p->op == OP_NOT_EQUALS || p->op == OP_SAME_AS ||
                               p->op == OP_DIFFERS_FROM))
        snprintf(hint, sizeof hint, "use :contains(...) on a list field");
    if (!predicate_need_type(sc, f, line, def->method, (def->field_types & OPERATOR_TYPE(f->type)) != 0, hint))
        goto fail;

    switch (p->op) {
    case OP_EQUALS:
    case OP_EQUALS_EXACTLY:
    case OP_NOT_EQUALS:
        lua_getfield(L, idx, "value");
        ok = predicate_constant(sc, f, -1, line, &p->constant);
        lua_pop(L, 1);
        if (ok && p->constant.kind == V_STRING && p->op != OP_EQUALS_EXACTLY) predicate_fold_constant(sc, p);
        if (ok && p->constant.kind == V_STRING && p->constant.len == 0)
            diag_add(sc->diags, DIAG_WARNING, "never-true", sc->file, line, sc->scenario,
                     p->op == OP_NOT_EQUALS ? "an empty value is missing: use :is_present()"
                                            : "an empty value is missing: use :is_missing()",
                     "%s: %s(\"\") %s: a field is never empty (empty is missing, and missing is unknown)",
                     sc->part ? sc->part : "predicate", def->method,
                     p->op == OP_NOT_EQUALS ? "is true whenever the field is present" : "can never be true");
        break;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_BETWEEN:
        {
            lua_getfield(L, idx, "value");
            ok = predicate_constant(sc, f, -1, line, &p->constant);
            lua_pop(L, 1);
        }
        if (ok && p->op == OP_BETWEEN) {
            lua_getfield(L, idx, "value2");
            ok = predicate_constant(sc, f, -1, line, &p->constant2);
            lua_pop(L, 1);
            if (ok && value_compare(&p->constant, &p->constant2) > 0)
                diag_add(sc->diags, DIAG_WARNING, "never-true", sc->file, line, sc->scenario,
                         "write between(lo, hi) with lo <= hi", "%s: between(lo, hi) with lo above hi can never be true",
                         sc->part ? sc->part : "predicate");
        }
        break;
    case OP_IN_SET:
    case OP_STARTS_WITH:
    case OP_CONTAINS:
        ok = predicate_compile_set(sc, p, f, idx, path);
        break;
    case OP_IN_LIST:
        ok = (p->list = predicate_list_at(sc, idx, line)) != NULL;
        ok = ok && predicate_fuzzy_fits(sc, p->list, f, line, "is_in(list ...)");
        break;
    case OP_CONTAINS_LIST:
        ok = (p->list = predicate_list_at(sc, idx, line)) != NULL;
        ok = ok && predicate_fuzzy_fits(sc, p->list, f, line, "contains_any(list ...)");
        /* In a text, an entry of an exact list is found as whole words; a prefix
         * list has no meaning inside a text, so it is refused rather than misread. */
        if (ok && f->type == FT_STRING && p->list->match == LIST_PREFIX) {
            predicate_error(sc, line, "list-match-mode",
                            "use an exact list for text, or :is_in(list ...) for the prefix rule",
                            "contains_any(list \"%s\") on text field '%s': the list is declared match: prefix, "
                            "which contains_any cannot honour inside a text", p->list->name, f->name);
            ok = false;
        }
        break;
    case OP_SAME_AS:
    case OP_DIFFERS_FROM:
        p->other = predicate_field_at(sc, idx, "other", line);
        ok = p->other >= 0;
        if (ok) {
            const field *g = &sc->schema->fields[p->other];
            bool numeric = (f->type == FT_INTEGER || f->type == FT_NUMBER) &&
                           (g->type == FT_INTEGER || g->type == FT_NUMBER);
            if (!(numeric || (f->type == g->type && f->type != FT_LIST))) {
                char msg[200];
                snprintf(msg, sizeof msg, "cannot compare field '%s' (%s) with field '%s' (%s)", f->name,
                         field_type_name(f->type), g->name, field_type_name(g->type));
                predicate_error(sc, line, "type-mismatch", "compare two fields of the same type", "%s", msg);
                ok = false;
            }
        }
        break;
    case OP_PRESENT:
    case OP_MISSING:
        break;
    case OP_PAIR_IN_LIST:
        p->other = predicate_field_at(sc, idx, "other", line);
        ok = p->other >= 0;
        if (ok) {
            const field *g = &sc->schema->fields[p->other];
            ok = predicate_need_type(sc, g, line, "pair", g->type == FT_STRING, hint);
        }
        if (ok) ok = (p->list = predicate_list_at(sc, idx, line)) != NULL;
        if (ok && p->list->match == LIST_FUZZY) {
            predicate_error(sc, line, "list-match-mode", "pair(...) :is_in takes an exact or prefix list of codes",
                            "pair(\"%s\", \"%s\") :is_in(list \"%s\"): the list is declared match: fuzzy, "
                            "which compares names, not code pairs", f->name, sc->schema->fields[p->other].name,
                            p->list->name);
            ok = false;
        }
        break;
    default:
        ok = false;
        break;
    }
    if (ok)
        ok = predicate_count_text(sc, p, path,
                                  (p->constant.kind == V_STRING ? p->constant.len : 0) +
                                      (size_t)(p->constant2.kind == V_STRING ? p->constant2.len : 0));
    if (ok) return p;
fail:
    predicate_free(p, L);
    return NULL;
}

void predicate_free(predicate *p, lua_State *L)
{
    if (!p) return;
    for (int i = 0; i < p->part_count; i++) predicate_free(p->parts[i], L);
    if (p->lua_ref != LUA_NOREF && L) luaL_unref(L, LUA_REGISTRYINDEX, p->lua_ref);
    free(p->parts);
    free(p->set);
    list_free(p->own_list);
    free(p);
}

/* ---- evaluation ---------------------------------------------------------------- */

/* -1, 0, 1 for two values of one ordered kind (integers and numbers mix). */
static int value_compare(const value *a, const value *b)
{
    if (a->kind == V_NUMBER || b->kind == V_NUMBER) {
        double x = a->kind == V_NUMBER ? a->as.n : (double)a->as.i;
        double y = b->kind == V_NUMBER ? b->as.n : (double)b->as.i;
        return (x > y) - (x < y);
    }
    int64_t x = a->as.i, y = b->as.i; /* integer, date and datetime share the int64 slot */
    if (a->kind == V_DATE) x = a->as.date, y = b->as.date;
    if (a->kind == V_DATETIME) x = a->as.datetime, y = b->as.datetime;
    return (x > y) - (x < y);
}

static bool value_equal(const value *a, const value *b)
{
    if (a->kind == V_STRING && b->kind == V_STRING) return text_equal(a->as.s, a->len, b->as.s, b->len);
    if (a->kind == V_BOOLEAN && b->kind == V_BOOLEAN) return a->as.b == b->as.b;
    if (a->kind == V_STRING || b->kind == V_STRING || a->kind == V_BOOLEAN || b->kind == V_BOOLEAN)
        return false;
    return value_compare(a, b) == 0;
}

/* value_equal(v, constant) for equals/not_equals, with a text constant's folding done
 * at compile time: only the record's value is folded here, and only when the case-blind
 * bytes differ and one side is not ASCII (as in text_equal). */
static bool constant_equal(const predicate *p, const value *v)
{
    if (!p->folded || v->kind != V_STRING) return value_equal(v, &p->constant);
    if (v->len == p->constant.len && strncasecmp(v->as.s, p->constant.as.s, v->len) == 0) return true;
    if (p->constant_ascii && text_ascii(v->as.s, v->len)) return false;
    return text_fold_equal(v->as.s, v->len, p->folded, p->folded_len);
}

static void evidence_match_add(evidence *ev, const ref_list *l, const char *entry, const char *note,
                               double similarity)
{
    if (!ev || ev->match_count >= EVIDENCE_MAX_MATCHES) return;
    /* three decimals: what explanations show, the same in JSON and text */
    double shown = l->match == LIST_FUZZY ? floor(similarity * 1000 + 0.5) / 1000 : 0;
    ev->matches[ev->match_count++] = (evidence_match){ l->name, entry, note ? note : "", shown };
}

static bool list_has(const ref_list *l, const char *s, size_t len, evidence *ev)
{
    const char *note = NULL;
    double similarity = 0;
    const char *entry = list_lookup_scored(l, s, len, &note, &similarity);
    if (entry) evidence_match_add(ev, l, entry, note, similarity);
    return entry != NULL;
}

/* An entry of an exact list found in a text as whole words (list_find_words): the
 * first one, or with evidence every one evidence holds. */
static bool list_has_words(const ref_list *l, const char *s, size_t len, evidence *ev)
{
    const list_entry *found[EVIDENCE_MAX_MATCHES];
    int n = list_find_words(l, s, len, found, ev ? EVIDENCE_MAX_MATCHES : 1);
    for (int i = 0; i < n; i++) evidence_match_add(ev, l, found[i]->value, found[i]->note, 1.0);
    return n > 0;
}

/* Text form of a string or integer value, for list lookups. */
static const char *value_text(const value *v, char *buf, size_t size, size_t *len)
{
    if (v->kind == V_STRING) {
        *len = v->len;
        return v->as.s;
    }
    *len = value_format(v, buf, size);
    return buf;
}

static tri tri_of(bool b) { return b ? TRI_TRUE : TRI_FALSE; }

/* A booking or link value of rec, from the run's index (a record without one is a
 * booking of its own). Evidence: the record's own fields the value reads, those of
 * them missing, and which booking or link section the explanation shows. */
static void predicate_value_of(const predicate *p, const record *rec, evidence *ev, value *out)
{
    if (p->booking >= 0) links_booking_value(rec->links, rec, (booking_value_id)p->booking, out);
    else links_link_value(rec->links, rec, p->link, (link_value_id)p->link_value, out);
    if (!ev) return;
    field_bits_union(&ev->reads, &p->value_reads);
    if (p->booking >= 0) ev->booking = true;
    else ev->links |= 1u << p->link;
    if (out->kind == V_MISSING)
        for (int i = 0; i < rec->schema->field_count; i++)
            if (field_bits_has(&p->value_reads, i) && rec->slots[i].kind == V_MISSING) field_bits_set(&ev->missing, i);
}

static tri predicate_eval_leaf(const predicate *p, const record *rec, evidence *ev)
{
    value computed;
    const value *v;
    if (p->booking >= 0 || p->link >= 0) {
        predicate_value_of(p, rec, ev, &computed);
        v = &computed;
        if (v->kind == V_MISSING) return TRI_UNKNOWN;
    } else {
        v = &rec->slots[p->field];
        if (ev) field_bits_set(&ev->reads, p->field);
    }
    if (p->op == OP_PRESENT) return tri_of(v->kind != V_MISSING);
    if (p->op == OP_MISSING) return tri_of(v->kind == V_MISSING);

    const value *w = NULL;
    if (p->other >= 0) {
        w = &rec->slots[p->other];
        if (ev) field_bits_set(&ev->reads, p->other);
        if (w->kind == V_MISSING) {
            if (ev) field_bits_set(&ev->missing, p->other);
            if (ev && v->kind == V_MISSING) field_bits_set(&ev->missing, p->field);
            return TRI_UNKNOWN;
        }
    }
    if (v->kind == V_MISSING) {
        if (ev) field_bits_set(&ev->missing, p->field);
        return TRI_UNKNOWN;
    }

    char buf[64], pairbuf[512];
    size_t len;
    const char *s;
    switch (p->op) {
    case OP_EQUALS: return tri_of(constant_equal(p, v));
    case OP_EQUALS_EXACTLY:
        return tri_of(v->len == p->constant.len && memcmp(v->as.s, p->constant.as.s, v->len) == 0);
    case OP_NOT_EQUALS: return tri_of(!constant_equal(p, v));
    case OP_LT: return tri_of(value_compare(v, &p->constant) < 0);
    case OP_LE: return tri_of(value_compare(v, &p->constant) <= 0);
    case OP_GT: return tri_of(value_compare(v, &p->constant) > 0);
    case OP_GE: return tri_of(value_compare(v, &p->constant) >= 0);
    case OP_BETWEEN:
        return tri_of(value_compare(v, &p->constant) >= 0 && value_compare(v, &p->constant2) <= 0);
    case OP_IN_SET:
        for (int i = 0; i < p->set_count; i++)
            if (value_equal(v, &p->set[i])) return TRI_TRUE;
        return TRI_FALSE;
    case OP_IN_LIST:
        s = value_text(v, buf, sizeof buf, &len);
        return tri_of(list_has(p->list, s, len, ev));
    case OP_STARTS_WITH: /* the set of prefixes is a prefix list */
        return tri_of(list_has(p->list, v->as.s, v->len, ev));
    case OP_CONTAINS_LIST:
        if (v->kind == V_LIST) {
            bool found = false;
            for (uint32_t k = 0; k < v->len && (!found || ev); k++)
                found |= list_has(p->list, v->as.items[k], strlen(v->as.items[k]), ev);
            return tri_of(found);
        } else {
            if (p->own_list) { /* a literal set: its texts are searched as written, anywhere */
                const char *note = NULL;
                const char *entry = list_find_within(p->list, v->as.s, v->len, &note);
                if (entry) evidence_match_add(ev, p->list, entry, note, 0);
                return tri_of(entry != NULL);
            }
            /* a fuzzy list scores the whole text: extra words already lower it little */
            if (p->list->match == LIST_FUZZY) return tri_of(list_has(p->list, v->as.s, v->len, ev));
            return tri_of(list_has_words(p->list, v->as.s, v->len, ev));
        }
    case OP_SAME_AS: return tri_of(value_equal(v, w));
    case OP_DIFFERS_FROM: return tri_of(!value_equal(v, w));
    case OP_PAIR_IN_LIST: {
        int n = snprintf(pairbuf, sizeof pairbuf, "%s:%s", v->as.s, w->as.s);
        if (n < 0 || (size_t)n >= sizeof pairbuf) return TRI_FALSE;
        return tri_of(list_has(p->list, pairbuf, (size_t)n, ev));
    }
    default: return TRI_FALSE;
    }
}

tri predicate_eval(const predicate *p, const record *rec, sandbox *sb, evidence *ev,
                   char *errbuf, size_t errsize)
{
    switch (p->op) {
    case OP_LUA:
        return sandbox_call_predicate(sb, p->lua_ref, rec, ev ? &ev->reads : NULL, errbuf, errsize);
    case OP_NEGATE: {
        tri t = predicate_eval(p->parts[0], rec, sb, ev, errbuf, errsize);
        return t == TRI_TRUE ? TRI_FALSE : t == TRI_FALSE ? TRI_TRUE : t;
    }
    case OP_ANY_OF:
    case OP_ALL_OF: {
        /* any_of: true if one part is true; all_of: false if one part is false. In
         * explain mode every part runs so that the evidence is complete. */
        tri decisive = p->op == OP_ANY_OF ? TRI_TRUE : TRI_FALSE;
        bool unknown = false, decided = false;
        for (int i = 0; i < p->part_count; i++) {
            tri t = predicate_eval(p->parts[i], rec, sb, ev, errbuf, errsize);
            if (t == TRI_ERROR) return t;
            if (t == decisive) {
                decided = true;
                if (!ev) break;
            } else if (t == TRI_UNKNOWN) {
                unknown = true;
            }
        }
        if (decided) return decisive;
        if (unknown) return TRI_UNKNOWN;
        return decisive == TRI_TRUE ? TRI_FALSE : TRI_TRUE;
    }
    default:
        return predicate_eval_leaf(p, rec, ev);
    }
}

/* ---- words --------------------------------------------------------------------- */

typedef struct describe_buf {
    char *buf;
    size_t size, at;
} describe_buf;

static void describe_put(describe_buf *d, const char *s, size_t n)
{
    if (d->at >= d->size) return;
    size_t room = d->size - d->at - 1;
    if (n > room) n = room;
    memcpy(d->buf + d->at, s, n);
    d->at += n;
    d->buf[d->at] = '\0';
}

static void describe_str(describe_buf *d, const char *s) { describe_put(d, s, strlen(s)); }

static void describe_value(describe_buf *d, const value *v)
{
    char tmp[256];
    value_format(v, tmp, sizeof tmp);
    if (v->kind == V_STRING) describe_str(d, "\"");
    describe_str(d, tmp);
    if (v->kind == V_STRING) describe_str(d, "\"");
}

static void predicate_describe_into(const predicate *p, const schema *s, bool fr, describe_buf *d)
{
    if (p->op == OP_LUA) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, fr ? "une fonction Lua (ligne %d)" : "a Lua function (line %d)", p->line);
        describe_str(d, tmp);
        return;
    }
    const operator_def *def = operator_by_op(p->op);
    /* sets compiled into anonymous lists keep their op as a list op: word them as sets */
    if (p->own_list && (p->op == OP_IN_LIST || p->op == OP_CONTAINS_LIST))
        def = operator_by_op(p->op == OP_IN_LIST ? OP_IN_SET : OP_CONTAINS);
    if (!def) return;
    const char *w = fr ? def->wording_fr : def->wording_en;
    if (p->op == OP_ANY_OF || p->op == OP_ALL_OF || p->op == OP_NEGATE) {
        if (p->op == OP_NEGATE) {
            describe_str(d, w);
            describe_str(d, " ");
        }
        describe_str(d, "(");
        for (int i = 0; i < p->part_count; i++) {
            if (i) {
                describe_str(d, " ");
                describe_str(d, w);
                describe_str(d, " ");
            }
            predicate_describe_into(p->parts[i], s, fr, d);
        }
        describe_str(d, ")");
        return;
    }
    for (const char *c = w; *c; c++) {
        if (*c != '%' || !c[1]) {
            describe_put(d, c, 1);
            continue;
        }
        switch (*++c) {
        case 'f':
            if (p->booking >= 0) {
                describe_str(d, fr ? "réservation " : "booking ");
                describe_str(d, links_booking_values[p->booking].name);
            } else if (p->link >= 0) {
                describe_str(d, fr ? "lien " : "link ");
                describe_str(d, s->links[p->link].name);
                describe_str(d, " ");
                describe_str(d, links_link_values[p->link_value].name);
            } else {
                describe_str(d, p->field >= 0 ? s->fields[p->field].name : "?");
            }
            break;
        case 'g': describe_str(d, p->other >= 0 ? s->fields[p->other].name : "?"); break;
        case 'l': describe_str(d, p->list ? p->list->name : "?"); break;
        case 'w': describe_value(d, &p->constant2); break;
        case 'v':
            if (p->list) describe_str(d, p->list->name); /* a literal set: "{A, B}" */
            else if (p->set_count) {
                describe_str(d, "{");
                for (int i = 0; i < p->set_count; i++) {
                    if (i) describe_str(d, ", ");
                    describe_value(d, &p->set[i]);
                }
                describe_str(d, "}");
            } else {
                describe_value(d, &p->constant);
            }
            break;
        default: describe_put(d, c - 1, 2); break;
        }
    }
}

void predicate_describe(const predicate *p, const schema *s, const char *lang, char *buf, size_t size)
{
    if (!size) return;
    buf[0] = '\0';
    describe_buf d = { buf, size, 0 };
    if (p) predicate_describe_into(p, s, lang && strcmp(lang, "fr") == 0, &d);
}

void predicate_fields(const predicate *p, field_bits *out)
{
    field_bits_union(out, &p->value_reads);
    if (p->field >= 0) field_bits_set(out, p->field);
    if (p->other >= 0) field_bits_set(out, p->other);
    for (int i = 0; i < p->part_count; i++) predicate_fields(p->parts[i], out);
}

void predicate_links_used(const predicate *p, bool *booking, unsigned *links)
{
    if (p->booking >= 0) *booking = true;
    if (p->link >= 0) *links |= 1u << p->link;
    for (int i = 0; i < p->part_count; i++) predicate_links_used(p->parts[i], booking, links);
}

int predicate_lua_ref(const predicate *p) { return p && p->op == OP_LUA ? p->lua_ref : LUA_NOREF; }

bool predicate_has_lua(const predicate *p)
{
    if (p->op == OP_LUA) return true;
    for (int i = 0; i < p->part_count; i++)
        if (predicate_has_lua(p->parts[i])) return true;
    return false;
}


void predicate_lists(const predicate *p, const ref_list **out, int *count, int max)
{
    if (p->list && !p->own_list) { /* a literal set is part of the scenario file already */
        bool seen = false;
        for (int i = 0; i < *count; i++) seen |= out[i] == p->list;
        if (!seen && *count < max) out[(*count)++] = p->list;
    }
    for (int i = 0; i < p->part_count; i++) predicate_lists(p->parts[i], out, count, max);
}
