/* scenario.c - compile scenario tables (metadata, conditions, weighted indicators) into C structs. */
#include "scenario.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "xalloc.h"

static const char *status_names[] = { "draft", "active", "retired" };
static const char *subject_names[] = { "possible-victim", "possible-facilitator", "goods", "other" };

const char *scenario_status_name(scenario_status s) { return status_names[s]; }
const char *scenario_subject_name(scenario_subject s) { return subject_names[s]; }
const indicator *scenario_indicator(const scenario *sc, int i) { return &sc->parts[sc->condition_count + i]; }

const char *text_get(const text *t, const char *lang)
{
    if (lang && strcmp(lang, "fr") == 0 && t->fr) return t->fr;
    return t->en ? t->en : "";
}

/* Keys a scenario table may carry; anything else is a typo worth reporting. */
static const char *scenario_keys[] = {
    "id", "title", "applies_to", "status", "owner", "rationale", "review_by", "subject",
    "guidance", "threshold", "tags", "references", "justification", "conditions", "indicators",
    "__line", NULL
};
static const char *part_keys[] = { "id", "label", "weight", "when", "__kind", "__line", NULL };

/* Compilation state for one scenario table. Lua stack: the table sits at `idx`. */
typedef struct compiler {
    sandbox *sb;
    lua_State *L;
    int idx;
    scenario *sc;
    const list_set *lists;
    int capacity;            /* parts allocated */
    const char *path;
    diag_list *diags;
    int errors;
    predicate_budget *budget;
} compiler;

static void compiler_error(compiler *c, long line, const char *code, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void compiler_error(compiler *c, long line, const char *code, const char *hint, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(c->diags, DIAG_ERROR, code, c->path, line ? line : c->sc->line,
             c->sc->id ? c->sc->id : "", hint, "%s", msg);
    c->errors++;
}

static const char *compiler_strdup(compiler *c, const char *s, size_t len)
{
    return arena_strndup(&c->sc->strings, s, len);
}

/* Read t[key] as a non-empty string (t at index t_idx). Reports when required. */
static const char *compiler_string(compiler *c, int t_idx, const char *key, bool required, long line)
{
    lua_State *L = c->L;
    lua_getfield(L, t_idx, key);
    const char *out = NULL;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (len > 0) out = compiler_strdup(c, s, len);
    } else if (!lua_isnil(L, -1)) {
        compiler_error(c, line, "bad-metadata", "write it as a string", "'%s' must be a string, not %s", key,
                       luaL_typename(L, -1));
        lua_pop(L, 1);
        return NULL;
    }
    if (!out && required)
        compiler_error(c, line, "missing-metadata", "every scenario carries the metadata of scenarios/README.md",
                       "'%s' is missing or empty", key);
    lua_pop(L, 1);
    return out;
}

/* A text is a string or { en = ..., fr = ... }. */
static bool compiler_text(compiler *c, int t_idx, const char *key, bool required, long line, text *out)
{
    lua_State *L = c->L;
    memset(out, 0, sizeof *out);
    lua_getfield(L, t_idx, key);
    if (lua_type(L, -1) == LUA_TTABLE) {
        int tt = lua_gettop(L);
        out->en = compiler_string(c, tt, "en", false, line);
        out->fr = compiler_string(c, tt, "fr", false, line);
        if (!out->en) {
            if (out->fr) {
                out->en = out->fr; /* a French-only text still shows */
            } else if (required) {
                compiler_error(c, line, "missing-metadata", "give at least { en = \"...\" }",
                               "'%s' has neither en nor fr text", key);
            }
        }
        lua_pop(L, 1);
        return out->en != NULL;
    }
    lua_pop(L, 1);
    out->en = compiler_string(c, t_idx, key, required, line);
    return out->en != NULL;
}

static bool compiler_integer(compiler *c, int t_idx, const char *key, long line, int *out)
{
    lua_State *L = c->L;
    lua_getfield(L, t_idx, key);
    bool ok = lua_isinteger(L, -1);
    if (ok) {
        lua_Integer v = lua_tointeger(L, -1);
        ok = v > -1000000 && v < 1000000;
        *out = (int)v;
    }
    if (!ok) {
        if (lua_isnil(L, -1))
            compiler_error(c, line, "missing-metadata", "give an integer", "'%s' is missing", key);
        else
            compiler_error(c, line, "bad-metadata", "weights and thresholds are integers", "'%s' must be an integer, not %s",
                           key, lua_isnumber(L, -1) ? "a fraction" : luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return ok;
}

static void compiler_unknown_keys(compiler *c, int t_idx, const char **known, const char *what, long line)
{
    lua_State *L = c->L;
    lua_pushnil(L);
    while (lua_next(L, t_idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -1);
        bool ok = false;
        for (const char **kk = known; *kk && !ok; kk++) ok = strcmp(*kk, k) == 0;
        if (!ok)
            compiler_error(c, line, "unknown-key", "check the spelling against scenarios/README.md",
                           "%s has an unknown key '%s'", what, k);
    }
}

/* An array of strings at t[key] (tags, references). */
static void compiler_strings(compiler *c, int t_idx, const char *key, const char ***out, int *count)
{
    lua_State *L = c->L;
    *out = NULL;
    *count = 0;
    lua_getfield(L, t_idx, key);
    if (lua_istable(L, -1)) {
        int n = (int)lua_rawlen(L, -1);
        *out = arena_alloc(&c->sc->strings, sizeof **out * (size_t)(n > 0 ? n : 1));
        for (int i = 1; i <= n; i++) {
            lua_geti(L, -1, i);
            if (lua_type(L, -1) == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, -1, &len);
                (*out)[(*count)++] = compiler_strdup(c, s, len);
            } else {
                compiler_error(c, 0, "bad-metadata", "list plain strings", "'%s' must hold strings", key);
            }
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        compiler_error(c, 0, "bad-metadata", "write { \"a\", \"b\" }", "'%s' must be a list of strings", key);
    }
    lua_pop(L, 1);
}

static void compiler_justifications(compiler *c, int t_idx)
{
    lua_State *L = c->L;
    scenario *sc = c->sc;
    lua_getfield(L, t_idx, "justification");
    if (lua_istable(L, -1)) {
        int jt = lua_gettop(L);
        int n = 0;
        lua_pushnil(L);
        while (lua_next(L, jt)) {
            n++;
            lua_pop(L, 1);
        }
        sc->justifications = arena_alloc(&sc->strings, sizeof *sc->justifications * (size_t)(n > 0 ? n : 1));
        lua_pushnil(L);
        while (lua_next(L, jt)) {
            if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) {
                size_t klen, vlen;
                const char *k = lua_tolstring(L, -2, &klen);
                const char *v = lua_tolstring(L, -1, &vlen);
                justification *j = &sc->justifications[sc->justification_count++];
                j->field = compiler_strdup(c, k, klen);
                j->text = compiler_strdup(c, v, vlen);
            } else {
                compiler_error(c, 0, "bad-metadata", "write justification = { field = \"why\" }",
                               "justification entries map a field name to a text");
            }
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        compiler_error(c, 0, "bad-metadata", "write justification = { field = \"why\" }",
                       "'justification' must be a table");
    }
    lua_pop(L, 1);
}

/* Compile t[key] (conditions or indicators) into parts[*at...]. */
static void compiler_parts(compiler *c, int t_idx, const char *key, bool conditions, int *at)
{
    lua_State *L = c->L;
    scenario *sc = c->sc;
    lua_getfield(L, t_idx, key);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_istable(L, -1)) {
        compiler_error(c, 0, "bad-metadata", "write conditions = { condition \"id\" { ... }, ... }",
                       "'%s' must be a list", key);
        lua_pop(L, 1);
        return;
    }
    int n = (int)lua_rawlen(L, -1);
    for (int i = 1; i <= n && *at < c->capacity; i++) {
        lua_geti(L, -1, i);
        int pt = lua_gettop(L);
        indicator *ind = &sc->parts[*at];
        memset(ind, 0, sizeof *ind);
        ind->is_condition = conditions;
        if (!lua_istable(L, pt)) { /* e.g. `indicator ,`: the constructor itself, not a part */
            compiler_error(c, 0, "bad-part", conditions ? "write condition \"id\" { label = ..., when = ... }"
                                                         : "write indicator \"id\" { label = ..., weight = N, when = ... }",
                           "%s[%d] is a %s, not %s %s", key, i, luaL_typename(L, pt), conditions ? "a" : "an",
                           conditions ? "condition" : "indicator");
            lua_pop(L, 1);
            continue;
        }
        lua_getfield(L, pt, "__line");
        ind->line = (int)lua_tointeger(L, -1);
        lua_getfield(L, pt, "__kind");
        const char *kind = lua_tostring(L, -1);
        const char *want = conditions ? "condition" : "indicator";
        bool kind_ok = kind && strcmp(kind, want) == 0;
        lua_pop(L, 2);
        if (!lua_istable(L, pt) || !kind_ok) {
            compiler_error(c, ind->line, "bad-part", conditions ? "write condition \"id\" { label = ..., when = ... }"
                                                                : "write indicator \"id\" { label = ..., weight = N, when = ... }",
                           "%s[%d] is not %s %s", key, i, conditions ? "a" : "an", want);
            lua_pop(L, 1);
            continue;
        }
        ind->id = compiler_string(c, pt, "id", true, ind->line);
        for (int k = 0; k < *at && ind->id; k++)
            if (sc->parts[k].id && strcmp(sc->parts[k].id, ind->id) == 0)
                compiler_error(c, ind->line, "duplicate-indicator-id", "give every condition and indicator its own id",
                               "id '%s' is used twice in this scenario", ind->id);
        compiler_text(c, pt, "label", true, ind->line, &ind->label);
        compiler_unknown_keys(c, pt, part_keys, want, ind->line);
        lua_getfield(L, pt, "weight");
        bool has_weight = !lua_isnil(L, -1);
        lua_pop(L, 1);
        if (conditions && has_weight) {
            compiler_error(c, ind->line, "weight-on-condition", "move it to indicators, or drop the weight",
                           "condition '%s' has a weight; conditions must hold, they do not score", ind->id ? ind->id : "?");
        } else if (!conditions) {
            if (compiler_integer(c, pt, "weight", ind->line, &ind->weight) && ind->weight == 0)
                compiler_error(c, ind->line, "zero-weight", "give it a positive or negative weight, or make it a condition",
                               "indicator '%s' has weight 0", ind->id ? ind->id : "?");
        }
        lua_getfield(L, pt, "when");
        if (lua_isnil(L, -1)) {
            compiler_error(c, ind->line, "missing-metadata", "give when = a predicate or a function(r)",
                           "%s '%s' has no 'when'", want, ind->id ? ind->id : "?");
        } else if (sc->schema) {
            char part[128];
            snprintf(part, sizeof part, "%s '%s'", want, ind->id ? ind->id : "?");
            predicate_scope scope = { c->sb, sc->schema, c->lists, &sc->strings, c->path, sc->id, part, c->diags, c->budget };
            int before = c->diags->count;
            ind->when = predicate_compile(&scope, -1);
            if (!ind->when && c->diags->count == before)
                compiler_error(c, ind->line, "bad-predicate", "see the predicate table in scenarios/README.md",
                               "%s '%s': its `when` does not compile", want, ind->id ? ind->id : "?");
            if (!ind->when) {
                c->errors++;
                /* predicate_compile reports lines it knows; fill in the part's line */
                for (int k = before; k < c->diags->count; k++)
                    if (c->diags->items[k].line == 0) c->diags->items[k].line = ind->line;
            } else {
                ind->is_function = predicate_has_lua(ind->when);
                predicate_fields(ind->when, &ind->fields);
            }
        }
        lua_pop(L, 2); /* when, part table */
        (*at)++;
    }
    lua_pop(L, 1);
}

static int enum_index(const char *s, const char **names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

/* Indicators whose predicates are native run before Lua functions: the cheap ones
 * often decide the verdict, and the threshold check then skips the Lua calls. */
static void scenario_order(scenario *sc)
{
    sc->order = arena_alloc(&sc->strings, sizeof *sc->order * (size_t)(sc->indicator_count + 1));
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < sc->indicator_count; i++)
            if (scenario_indicator(sc, i)->is_function == (pass == 1)) sc->order[k++] = i;
}

scenario *scenario_compile(sandbox *sb, int idx, const schema_set *schemas, const list_set *lists,
                           const char *path, diag_list *diags, predicate_budget *budget)
{
    lua_State *L = sandbox_lua(sb);
    idx = lua_absindex(L, idx);
    scenario *sc = xcalloc(1, sizeof *sc);
    arena_init(&sc->strings, 4096);
    compiler c = { sb, L, idx, sc, lists, 0, path, diags, 0, budget };
    sc->path = arena_strndup(&sc->strings, path, strlen(path));
    sc->account = sandbox_account(sb); /* the file just loaded */
    lua_getfield(L, idx, "__line");
    sc->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);

    sc->id = compiler_string(&c, idx, "id", true, 0);
    if (sc->id && strlen(sc->id) > SCENARIO_ID_MAX) {
        compiler_error(&c, 0, "bad-metadata", "use a short stable id such as TRV-MINOR-THIRD-PARTY",
                       "id is %zu characters long; at most %d", strlen(sc->id), SCENARIO_ID_MAX);
        sc->id = NULL;
    }
    compiler_unknown_keys(&c, idx, scenario_keys, "scenario", 0);
    compiler_text(&c, idx, "title", true, 0, &sc->title);
    sc->kind = compiler_string(&c, idx, "applies_to", true, 0);
    if (sc->kind) {
        sc->schema = schema_set_find(schemas, sc->kind);
        if (!sc->schema)
            compiler_error(&c, 0, "unknown-kind", "use a record kind that has a schema in schemas/",
                           "applies_to '%s' is not a record kind", sc->kind);
    }
    const char *status = compiler_string(&c, idx, "status", true, 0);
    int st = enum_index(status, status_names, 3);
    if (status && st < 0)
        compiler_error(&c, 0, "bad-status", "use draft, active or retired", "status '%s' is not draft, active or retired", status);
    sc->status = st < 0 ? STATUS_DRAFT : (scenario_status)st;
    /* Officers read titles in English and French: an active scenario carries both. */
    if (sc->status == STATUS_ACTIVE && sc->title.en && (!sc->title.fr || sc->title.fr == sc->title.en))
        compiler_error(&c, 0, "untranslated-title", "write title = { en = \"...\", fr = \"...\" }",
                       "an active scenario needs its title in English and in French");
    const char *subject = compiler_string(&c, idx, "subject", true, 0);
    int su = enum_index(subject, subject_names, 4);
    if (subject && su < 0)
        compiler_error(&c, 0, "bad-subject", "use possible-victim, possible-facilitator, goods or other",
                       "subject '%s' is not one of possible-victim, possible-facilitator, goods, other", subject);
    sc->subject = su < 0 ? SUBJECT_OTHER : (scenario_subject)su;
    sc->owner = compiler_string(&c, idx, "owner", true, 0);
    compiler_text(&c, idx, "rationale", true, 0, &sc->rationale);
    compiler_text(&c, idx, "guidance", true, 0, &sc->guidance);
    sc->review_by = compiler_string(&c, idx, "review_by", true, 0);
    if (sc->review_by && date_parse(sc->review_by, strlen(sc->review_by), &sc->review_by_day) != VG_OK)
        compiler_error(&c, 0, "bad-date", "write review_by = \"YYYY-MM-DD\"", "review_by '%s' is not a valid ISO date", sc->review_by);
    bool threshold_ok = compiler_integer(&c, idx, "threshold", 0, &sc->threshold);
    compiler_strings(&c, idx, "tags", &sc->tags, &sc->tag_count);
    compiler_strings(&c, idx, "references", &sc->references, &sc->reference_count);
    compiler_justifications(&c, idx);

    /* conditions, then indicators, in one array */
    int total = 0;
    for (int pass = 0; pass < 2; pass++) {
        lua_getfield(L, idx, pass == 0 ? "conditions" : "indicators");
        if (lua_istable(L, -1)) total += (int)lua_rawlen(L, -1);
        lua_pop(L, 1);
    }
    if (total > SCENARIO_MAX_PARTS) { /* an error: the scenario is refused, never cut short */
        compiler_error(&c, 0, "too-many-parts", "split the scenario in two",
                       "%d conditions and indicators; a scenario has at most %d", total, SCENARIO_MAX_PARTS);
        total = SCENARIO_MAX_PARTS;
    }
    sc->parts = xcalloc((size_t)(total > 0 ? total : 1), sizeof *sc->parts);
    c.capacity = total;
    int at = 0;
    compiler_parts(&c, idx, "conditions", true, &at);
    sc->condition_count = at;
    compiler_parts(&c, idx, "indicators", false, &at);
    sc->indicator_count = at - sc->condition_count;

    for (int i = 0; i < at; i++) {
        const indicator *ind = &sc->parts[i];
        if (ind->weight > 0) sc->max_score += ind->weight;
        if (ind->weight < 0) sc->min_score += ind->weight;
        field_bits_union(&sc->reads, &ind->fields);
    }
    if (!threshold_ok || (total > 0 && at < total))
        ; /* a bad threshold or part is already reported: the checks below would mislead */
    else if (total == 0)
        compiler_error(&c, 0, "empty-scenario", "add conditions or indicators", "the scenario has neither conditions nor indicators");
    else if (sc->indicator_count > 0 && sc->max_score < sc->threshold)
        compiler_error(&c, 0, "unreachable-threshold", "lower the threshold or raise the weights",
                       "threshold %d can never be reached: the positive weights add up to %d", sc->threshold, sc->max_score);
    else if (sc->indicator_count == 0 && sc->threshold > 0)
        compiler_error(&c, 0, "unreachable-threshold", "a conditions-only scenario has threshold 0",
                       "threshold %d can never be reached: the scenario has no weighted indicators", sc->threshold);
    else if (sc->condition_count == 0 && sc->threshold <= 0)
        compiler_error(&c, 0, "always-hits", "raise the threshold above 0 or add conditions",
                       "threshold %d is reached with no indicator true: every record would hit", sc->threshold);
    scenario_order(sc);
    for (int j = 0; sc->schema && j < sc->justification_count; j++) {
        int f = schema_field_index(sc->schema, sc->justifications[j].field);
        if (f >= 0 && sc->justifications[j].text[0]) field_bits_set(&sc->justified, f);
    }

    if (c.errors) {
        scenario_free(sc, L);
        return NULL;
    }
    return sc;
}

void scenario_free(scenario *sc, lua_State *L)
{
    if (!sc) return;
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++) predicate_free(sc->parts[i].when, L);
    free(sc->parts);
    arena_free(&sc->strings);
    free(sc);
}

void scenario_lists(const scenario *sc, const ref_list **out, int *count, int max)
{
    *count = 0;
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++)
        if (sc->parts[i].when) predicate_lists(sc->parts[i].when, out, count, max);
}

bool scenario_same_shape(const scenario *a, const scenario *b)
{
    if (strcmp(a->id, b->id) != 0 || strcmp(a->revision, b->revision) != 0 || a->threshold != b->threshold ||
        a->condition_count != b->condition_count || a->indicator_count != b->indicator_count)
        return false;
    for (int i = 0; i < a->condition_count + a->indicator_count; i++)
        if (strcmp(a->parts[i].id, b->parts[i].id) != 0 || a->parts[i].weight != b->parts[i].weight ||
            a->parts[i].is_function != b->parts[i].is_function)
            return false;
    return true;
}
