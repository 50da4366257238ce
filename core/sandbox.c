/* sandbox.c - Lua 5.4 states for scenarios: allow-listed environment, instruction budget, memory cap. */
#include "sandbox.h"
#include "operator.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uthash.h>

#include "lua_embedded.h"
#include "memo.h"
#include "xalloc.h"

/* The memo of one function indicator, by its registry reference. */
typedef struct sandbox_memo {
    int ref;
    memo *memo;
    UT_hash_handle hh;
} sandbox_memo;

/* Registry keys of the values the prelude returned. */
#define REG_BASE "vigie.base"
#define REG_BEGIN "vigie.begin"
#define REG_TAKE "vigie.take"
#define REG_KINDS "vigie.kinds" /* name -> metatable, for sandbox_is */
#define RECORD_META "vigie.record.meta"

/* Memory is charged to accounts: account 0 is the state's own (prelude, record
 * proxies, registry), and each scenario file loaded gets the next one, charged
 * while its chunk, its compilation and its functions run. Every block carries the
 * account it was charged to, so a block freed later (by the collector, while another
 * file's function runs) is credited back to the right one. One file exhausting its
 * cap fails only its own calls. */
typedef struct memory_account {
    size_t used, limit;
} memory_account;

struct sandbox {
    lua_State *L;
    size_t used, limit;      /* bytes allocated by this state (all accounts), and the cap of one account */
    memory_account *accounts;
    int account_count, account; /* accounts, and the one charged now */
    long budget, steps;      /* instruction budget per call, instructions (and charges) so far */
    bool clock_started;      /* the wall clock of the call in progress is running */
    struct timespec call_start;
    size_t memo_bytes, memo_limit; /* all memos of this state, and their cap */
    const list_set *lists;
    const record *current;   /* the record the proxy shows during a call */
    field_bits *reads;       /* where the proxy records the fields read, or NULL */
    const field_bits *justified; /* protected fields the current scenario may read */
    memo_trace *trace;       /* the order of first reads, while a memoised call runs */
    field_bits trace_seen;
    sandbox_memo *memos;     /* per function indicator (off when VIGIE_LUA_MEMO=0) */
    bool memo_enabled;
    const sandbox_library *libraries; /* RULESET/lib/ files, for use "name" */
    int library_count;
    bool *library_used;      /* by the file loading now */
    bool loading_file;       /* use "name" works only while a file loads */
    int use_depth;
};

/* The record proxy: one userdata per schema, kept in the registry under the schema's
 * address, holding nothing but a user value: a table caching field name -> slot
 * index (Lua strings are interned, so this lookup is cheaper than hashing the name
 * again in C). The proxy reads sb->current, the record of the call in progress. */

#define HOOK_STEP 1000

/* Bytes allocated per unit of the instruction budget: building a string or a table
 * costs time in one VM instruction (a concatenation copies both sides), so
 * allocation is charged to the call's budget too. 64 bytes cost about what one
 * instruction does. */
#define ALLOC_BYTES_PER_STEP 64

/* Measured on this project's machine (a VM instruction takes about 1.6 ns): one
 * repetition of string.rep costs about 4 instructions (a call of memcpy), one step
 * of the pattern matcher (a character compared at a position) about one. */
#define REP_STEPS 4.0
#define PATTERN_WORK_PER_STEP 1.0

/* ---- allocator with a cap per account ------------------------------------------ */

/* The header in front of every block: the account it is charged to. Sized to keep
 * the block aligned as malloc's would be. */
typedef union sandbox_header {
    int account;
    max_align_t align;
} sandbox_header;

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sandbox *sb = ud;
    sandbox_header *h = ptr ? (sandbox_header *)ptr - 1 : NULL;
    size_t old = ptr ? osize : 0; /* when ptr is NULL, osize is a type tag */
    memory_account *a = &sb->accounts[h ? h->account : sb->account];
    if (nsize == 0) {
        free(h);
        a->used -= old;
        sb->used -= old;
        return NULL;
    }
    if (nsize > old) {
        if (a->used + (nsize - old) > a->limit) return NULL;
        sb->steps += (long)((nsize - old) / ALLOC_BYTES_PER_STEP);
    }
    sandbox_header *p = realloc(h, sizeof *p + nsize); /* xalloc: plain: a refusal goes back to Lua */
    if (!p) return NULL;
    if (!h) p->account = sb->account;
    a->used = a->used - old + nsize;
    sb->used = sb->used - old + nsize;
    return p + 1;
}

static int sandbox_account_new(sandbox *sb)
{
    sb->accounts = xrealloc(sb->accounts, sizeof *sb->accounts * (size_t)(sb->account_count + 1));
    sb->accounts[sb->account_count] = (memory_account){ 0, sb->limit };
    return sb->account_count++;
}

static sandbox *sandbox_of(lua_State *L)
{
    return *(sandbox **)lua_getextraspace(L);
}

/* ---- instruction budget and wall clock ------------------------------------------ */

static double sandbox_elapsed(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) + (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    sandbox *sb = sandbox_of(L);
    sb->steps += HOOK_STEP;
    if (sb->steps > sb->budget)
        luaL_error(L, "instruction budget of %I exceeded (runaway loop?)", (lua_Integer)sb->budget);
    /* The last line of defence, for whatever the budget does not see (the collector,
     * the allocator): the clock starts at the first hook, so short calls never read it. */
    if (!sb->clock_started) {
        clock_gettime(CLOCK_MONOTONIC, &sb->call_start);
        sb->clock_started = true;
    } else if (sandbox_elapsed(&sb->call_start) > SANDBOX_CALL_SECONDS) {
        luaL_error(L, "time limit of %d s per call exceeded", (int)SANDBOX_CALL_SECONDS);
    }
}

/* Charge `units` of work a library function is about to do in one C call, where the
 * hook cannot see it. */
static void sandbox_charge(lua_State *L, double units, const char *what)
{
    sandbox *sb = sandbox_of(L);
    if ((double)sb->steps + units > (double)sb->budget) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s: too costly (%.3g steps; the instruction budget is %ld per call)", what, units,
                 sb->budget);
        luaL_error(L, "%s", msg);
    }
    sb->steps += (long)units;
}

/* pcall with the budget and the clock reset. No collection after a failure: memory a
 * failed call held is garbage of its own account, and Lua collects before it reports
 * a memory error, so the next call of that file gets it back when it needs it and the
 * other files never pay for it. */
static int sandbox_pcall(sandbox *sb, int nargs, int nresults)
{
    sb->steps = 0;
    sb->clock_started = false;
    return lua_pcall(sb->L, nargs, nresults, 0);
}

static void sandbox_error_message(lua_State *L, int rc, char *buf, size_t size)
{
    const char *msg = lua_tostring(L, -1);
    if (rc == LUA_ERRMEM) msg = "memory cap exceeded (each scenario file has its own)";
    snprintf(buf, size, "%s", msg ? msg : "error object is not a string");
}

/* ---- library functions bounded by design -------------------------------------- */

/* One C call of the string and table libraries can run far longer than the
 * instructions the hook counts (repeat a string a billion times, move a huge range,
 * match a pattern that backtracks). Each of them is wrapped: the wrapper works out
 * what the call will cost before making it, refuses a result over the size cap, and
 * charges the cost to the call's instruction budget. The original function is the
 * wrapper's upvalue. */

static int sandbox_original(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

static lua_Integer sandbox_count(lua_Integer from, lua_Integer to) { return to >= from ? to - from + 1 : 0; }

static int sandbox_guard_rep(lua_State *L)
{
    size_t len, sep_len;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &sep_len);
    if (n > 0) {
        double size = (double)len * (double)n + (double)sep_len * (double)(n - 1);
        if (size > (double)SANDBOX_MAX_STRING)
            return luaL_error(L, "string.rep: a result of %I bytes is over the cap of %I", (lua_Integer)size,
                              (lua_Integer)SANDBOX_MAX_STRING);
        sandbox_charge(L, (double)n * REP_STEPS, "string.rep");
    }
    return sandbox_original(L);
}

/* table.concat(t, sep, i, j) and table.unpack(t, i, j): one step per item. */
static int sandbox_guard_range(lua_State *L, int first_arg, const char *what)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer i = luaL_optinteger(L, first_arg, 1);
    lua_Integer j = lua_isnoneornil(L, first_arg + 1) ? luaL_len(L, 1) : luaL_checkinteger(L, first_arg + 1);
    sandbox_charge(L, (double)sandbox_count(i, j), what);
    return sandbox_original(L);
}
static int sandbox_guard_concat(lua_State *L) { return sandbox_guard_range(L, 3, "table.concat"); }
static int sandbox_guard_unpack(lua_State *L) { return sandbox_guard_range(L, 2, "table.unpack"); }

static int sandbox_guard_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    sandbox_charge(L, (double)sandbox_count(f, e), "table.move");
    return sandbox_original(L);
}

/* table.insert and table.remove shift the elements after the position; table.sort
 * compares n log n times. */
static int sandbox_guard_shift(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    sandbox_charge(L, (double)luaL_len(L, 1), "table.insert/remove");
    return sandbox_original(L);
}
static int sandbox_guard_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    double n = (double)luaL_len(L, 1);
    sandbox_charge(L, n * log2(n + 2), "table.sort");
    return sandbox_original(L);
}

/* The shape of a Lua pattern, for its worst case: the items that backtrack (a
 * single-character class with *, +, - or ?), the balances (%b, which scan to the end
 * of the text) and whether it is anchored. A pattern with none of them (plain text,
 * classes, %f frontiers) costs its length at each start position. */
typedef struct pattern_shape {
    int repeats, balances;
    bool anchored;
} pattern_shape;

static const char *pattern_skip_set(const char *p, const char *end)
{
    /* p is just after '[' */
    if (p < end && *p == '^') p++;
    do {
        if (p >= end) return end;
        if (*p++ == '%' && p < end) p++;
    } while (p >= end || *p != ']');
    return p + 1;
}

static pattern_shape pattern_shape_of(const char *p, size_t len)
{
    pattern_shape sh = { 0, 0, false };
    const char *end = p + len;
    if (p < end && *p == '^') {
        sh.anchored = true;
        p++;
    }
    while (p < end) {
        char c = *p++;
        if (c == '(' || c == ')') continue;
        if (c == '%' && p < end) {
            char k = *p++;
            if (k == 'b') {
                sh.balances++;
                p += 2;
                continue;
            }
            if (k == 'f') {
                if (p < end && *p == '[') p = pattern_skip_set(p + 1, end);
                continue;
            }
        } else if (c == '[') {
            p = pattern_skip_set(p, end);
        }
        if (p < end && (*p == '*' || *p == '+' || *p == '-' || *p == '?')) {
            sh.repeats++;
            p++;
        }
    }
    return sh;
}

/* Work of matching: every start position (one when anchored) times the pattern's
 * length, times the text length again for each item that backtracks and each %b.
 * A plain find is the same with no such item: a quadratic substring search. */
static void sandbox_charge_pattern(lua_State *L, const char *what, int init_arg, bool may_be_plain, int plain_arg)
{
    size_t len, plen;
    luaL_checklstring(L, 1, &len);
    const char *p = luaL_checklstring(L, 2, &plen);
    lua_Integer init = init_arg ? luaL_optinteger(L, init_arg, 1) : 1;
    if (init < 0) init = (lua_Integer)len + init + 1;
    if (init < 1) init = 1;
    double n = init > (lua_Integer)len + 1 ? 0 : (double)len - (double)init + 1; /* the text searched */
    pattern_shape sh = { 0, 0, false };
    if (!(may_be_plain && lua_toboolean(L, plain_arg))) sh = pattern_shape_of(p, plen);
    double starts = sh.anchored ? 1 : n + 1;
    double work = starts * ((double)plen + 1) * pow(n + 1, sh.repeats + sh.balances);
    if (work > 1e300) work = 1e300;
    char label[120];
    snprintf(label, sizeof label, "string.%s: pattern of %zu characters on a text of %zu", what, plen, len);
    sandbox_charge(L, work / PATTERN_WORK_PER_STEP, label);
}

static int sandbox_guard_find(lua_State *L)
{
    sandbox_charge_pattern(L, "find", 3, true, 4);
    return sandbox_original(L);
}
static int sandbox_guard_match(lua_State *L)
{
    sandbox_charge_pattern(L, "match", 3, false, 0);
    return sandbox_original(L);
}
static int sandbox_guard_gmatch(lua_State *L)
{
    sandbox_charge_pattern(L, "gmatch", 3, false, 0); /* the whole text, once: the iterator never goes back */
    return sandbox_original(L);
}
static int sandbox_guard_gsub(lua_State *L)
{
    sandbox_charge_pattern(L, "gsub", 0, false, 0);
    return sandbox_original(L);
}

static void sandbox_wrap(lua_State *L, const char *lib, const char *name, lua_CFunction guard)
{
    lua_getglobal(L, lib);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, guard, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static void sandbox_wrap_libraries(lua_State *L)
{
    sandbox_wrap(L, LUA_STRLIBNAME, "rep", sandbox_guard_rep);
    sandbox_wrap(L, LUA_STRLIBNAME, "find", sandbox_guard_find);
    sandbox_wrap(L, LUA_STRLIBNAME, "match", sandbox_guard_match);
    sandbox_wrap(L, LUA_STRLIBNAME, "gmatch", sandbox_guard_gmatch);
    sandbox_wrap(L, LUA_STRLIBNAME, "gsub", sandbox_guard_gsub);
    sandbox_wrap(L, LUA_TABLIBNAME, "concat", sandbox_guard_concat);
    sandbox_wrap(L, LUA_TABLIBNAME, "unpack", sandbox_guard_unpack);
    sandbox_wrap(L, LUA_TABLIBNAME, "move", sandbox_guard_move);
    sandbox_wrap(L, LUA_TABLIBNAME, "insert", sandbox_guard_shift);
    sandbox_wrap(L, LUA_TABLIBNAME, "remove", sandbox_guard_shift);
    sandbox_wrap(L, LUA_TABLIBNAME, "sort", sandbox_guard_sort);
}

/* ---- the record proxy ---------------------------------------------------------- */

static void sandbox_push_value(lua_State *L, const value *v)
{
    char buf[64];
    switch (v->kind) {
    case V_STRING: lua_pushlstring(L, v->as.s, v->len); break;
    case V_INTEGER: lua_pushinteger(L, (lua_Integer)v->as.i); break;
    case V_NUMBER: lua_pushnumber(L, v->as.n); break;
    case V_BOOLEAN: lua_pushboolean(L, v->as.b); break;
    case V_DATE:
    case V_DATETIME:
        value_format(v, buf, sizeof buf);
        lua_pushstring(L, buf);
        break;
    case V_LIST:
        lua_createtable(L, (int)v->len, 0);
        for (uint32_t i = 0; i < v->len; i++) {
            lua_pushstring(L, v->as.items[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    default: lua_pushnil(L); break;
    }
}

/* Note a field read for the memo (first reads only, in order). */
static void sandbox_trace(sandbox *sb, int idx)
{
    if (!sb->trace || field_bits_has(&sb->trace_seen, idx)) return;
    field_bits_set(&sb->trace_seen, idx);
    if (sb->trace->count == MEMO_MAX_TRACE) sb->trace->overflow = true;
    else sb->trace->fields[sb->trace->count++] = idx;
}

/* __index(proxy, name): the field's value, or an error for a name the schema lacks.
 * Stack: [1] proxy, [2] name. */
static int sandbox_record_index(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    const record *rec = sb->current;
    if (!rec) return luaL_error(L, "no record is being evaluated");
    lua_getiuservalue(L, 1, 1); /* [3] the name -> slot cache */
    lua_pushvalue(L, 2);
    int idx;
    if (lua_rawget(L, 3) == LUA_TNUMBER) {
        idx = (int)lua_tointeger(L, -1);
    } else {
        const char *name = luaL_checkstring(L, 2);
        idx = schema_field_index(rec->schema, name);
        if (idx < 0)
            return luaL_error(L, "record of kind '%s' has no field '%s'", rec->schema->kind, name);
        lua_pushvalue(L, 2);
        lua_pushinteger(L, idx);
        lua_rawset(L, 3);
    }
    lua_settop(L, 2);
    if (sb->reads) field_bits_set(sb->reads, idx);
    /* Governance at run time too: what check learned from fixtures cannot cover every
     * path of a function, so the proxy itself refuses what no scenario may read. */
    const field *f = &rec->schema->fields[idx];
    if (f->is_sensitive)
        return luaL_error(L, "field '%s' is sensitive: never a targeting ground (EU PNR Directive art. 6)", f->name);
    if (f->is_protected && !(sb->justified && field_bits_has(sb->justified, idx)))
        return luaL_error(L, "field '%s' is a protected ground the scenario has no written justification for", f->name);
    sandbox_trace(sb, idx);
    sandbox_push_value(L, record_get(rec, idx));
    return 1;
}

static int sandbox_record_newindex(lua_State *L)
{
    return luaL_error(L, "records are read-only (tried to set '%s')", luaL_optstring(L, 2, "?"));
}

static int sandbox_record_tostring(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    if (sb->current) { /* the key is read too */
        if (sb->reads) field_bits_set(sb->reads, sb->current->schema->key_index);
        sandbox_trace(sb, sb->current->schema->key_index);
    }
    lua_pushfstring(L, "record %s", sb->current ? record_key(sb->current) : "(none)");
    return 1;
}

/* in_list(name, value) for function indicators. */
static int sandbox_in_list(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    const ref_list *l = sb->lists ? list_set_find(sb->lists, name) : NULL;
    if (!l) return luaL_error(L, "unknown list '%s'", name);
    if (lua_isnoneornil(L, 2)) {
        lua_pushnil(L);
        return 1;
    }
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    lua_pushboolean(L, list_lookup(l, s, len, NULL) != NULL);
    return 1;
}

static int sandbox_make_env(lua_State *L);

/* use "name": run RULESET/lib/name.lua in a fresh environment and return its result.
 * Stack on entry: [1] the name. */
static int sandbox_use(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    if (!sb->loading_file)
        return luaL_error(L, "use \"%s\": libraries are used at the top of a scenario file, not from a function", name);
    int i = 0;
    while (i < sb->library_count && strcmp(sb->libraries[i].name, name) != 0) i++;
    if (i == sb->library_count) return luaL_error(L, "use \"%s\": no such library (lib/%s.lua)", name, name);
    if (sb->use_depth >= SANDBOX_USE_DEPTH)
        return luaL_error(L, "use \"%s\": libraries use each other more than %d deep (a cycle?)", name, SANDBOX_USE_DEPTH);
    sb->library_used[i] = true;
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "@%s", sb->libraries[i].path);
    if (luaL_loadbufferx(L, sb->libraries[i].source, sb->libraries[i].size, chunkname, "t") != LUA_OK)
        return lua_error(L);
    /* Stack: name, chunk. Its own _ENV, then run it for its one result. */
    sandbox_make_env(L);
    lua_setupvalue(L, -2, 1);
    sb->use_depth++;
    lua_call(L, 0, 1);
    sb->use_depth--;
    return 1;
}

void sandbox_set_libraries(sandbox *sb, const sandbox_library *libs, int count)
{
    sb->libraries = libs;
    sb->library_count = count;
    free(sb->library_used);
    sb->library_used = xcalloc((size_t)(count > 0 ? count : 1), sizeof *sb->library_used);
}

bool sandbox_library_used(const sandbox *sb, int i)
{
    return i >= 0 && i < sb->library_count && sb->library_used[i];
}

/* ---- state set-up -------------------------------------------------------------- */

static const embedded_lua *sandbox_find_embedded(const char *name)
{
    for (const embedded_lua *e = embedded_lua_files; e->name; e++)
        if (strcmp(e->name, name) == 0) return e;
    return NULL;
}

/* Push the operator table (operator.c) as an array of { method, op, receiver, args,
 * arity, form } for the prelude, which builds the language's methods from it. */
static void sandbox_push_operators(lua_State *L)
{
    lua_createtable(L, operator_count, 0);
    for (int i = 0; i < operator_count; i++) {
        const operator_def *d = &operator_table[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, d->method);
        lua_setfield(L, -2, "method");
        lua_pushstring(L, d->name);
        lua_setfield(L, -2, "op");
        lua_pushstring(L, d->receiver);
        lua_setfield(L, -2, "receiver");
        lua_pushstring(L, d->args);
        lua_setfield(L, -2, "args");
        lua_pushinteger(L, d->arity);
        lua_setfield(L, -2, "arity");
        lua_pushstring(L, d->form);
        lua_setfield(L, -2, "form");
        lua_rawseti(L, -2, i + 1);
    }
}

/* Stack on entry: the prelude's 9 results. Store them in the registry. */
static void sandbox_store_prelude(lua_State *L)
{
    static const char *kinds[] = { "predicate", "field", "list reference", "pair", "booking value", "link value" };
    lua_newtable(L); /* kinds */
    for (int i = 0; i < 6; i++) {
        lua_pushvalue(L, -7 + i); /* Predicate, Field, ListRef, Pair, Booking, Link sit at -7..-2 under kinds */
        lua_setfield(L, -2, kinds[i]);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, REG_KINDS);
    lua_pop(L, 6);
    lua_setfield(L, LUA_REGISTRYINDEX, REG_TAKE);
    lua_setfield(L, LUA_REGISTRYINDEX, REG_BEGIN);
    lua_setfield(L, LUA_REGISTRYINDEX, REG_BASE);
}

sandbox *sandbox_new(const sandbox_limits *limits, const list_set *lists, vg_error *err)
{
    sandbox *sb = xcalloc(1, sizeof *sb);
    sb->limit = limits && limits->memory_bytes ? limits->memory_bytes : SANDBOX_DEFAULT_MEMORY;
    sb->budget = limits && limits->instructions ? limits->instructions : SANDBOX_DEFAULT_INSTRUCTIONS;
    sb->lists = lists;
    sandbox_account_new(sb); /* account 0: the state's own */
    sb->memo_limit = SANDBOX_MEMO_BYTES;
    const char *memo_env = getenv("VIGIE_LUA_MEMO");
    sb->memo_enabled = !(memo_env && strcmp(memo_env, "0") == 0);
    lua_State *L = sb->L = lua_newstate(sandbox_alloc, sb);
    if (!L) {
        free(sb->accounts);
        free(sb);
        error_set(err, NULL, 0, NULL, "cannot create a Lua state (memory cap too small?)");
        return NULL;
    }
    *(sandbox **)lua_getextraspace(L) = sb;

    /* Only the libraries the allow-list draws from, plus debug for the prelude's
     * line numbers (the prelude keeps getinfo; scenarios never see debug). */
    static const luaL_Reg libs[] = {
        { LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
        { LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
        { LUA_UTF8LIBNAME, luaopen_utf8 }, { LUA_DBLIBNAME, luaopen_debug }, { NULL, NULL }
    };
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    /* Strings index the real string table through their metatable, so dump must go
     * from the table itself, not just from the scenario's view of it. */
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    sandbox_wrap_libraries(L);

    /* The record proxy: one userdata, reused for every call. */
    luaL_newmetatable(L, RECORD_META);
    lua_pushcfunction(L, sandbox_record_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sandbox_record_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, sandbox_record_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, HOOK_STEP);

    const embedded_lua *prelude = sandbox_find_embedded("prelude");
    if (!prelude) {
        error_set(err, "lua/prelude.lua", 0, NULL, "the prelude is not embedded in this binary");
        sandbox_free(sb);
        return NULL;
    }
    int rc = luaL_loadbufferx(L, prelude->source, prelude->size, "@lua/prelude.lua", "t");
    if (rc == LUA_OK) {
        lua_pushcfunction(L, sandbox_in_list);
        sandbox_push_operators(L);
        lua_pushcfunction(L, sandbox_use);
        rc = sandbox_pcall(sb, 3, 9);
    }
    if (rc != LUA_OK) {
        char msg[400];
        sandbox_error_message(L, rc, msg, sizeof msg);
        error_set(err, "lua/prelude.lua", 0, NULL, "prelude failed: %s", msg);
        sandbox_free(sb);
        return NULL;
    }
    sandbox_store_prelude(L);
    /* The privileged globals are not reachable from scenarios, but drop the riskiest
     * ones anyway so a future slip in the prelude cannot expose them. */
    static const char *drop[] = { "debug", "load", "loadfile", "dofile", "collectgarbage", "require", NULL };
    for (const char **d = drop; *d; d++) {
        lua_pushnil(L);
        lua_setglobal(L, *d);
    }
    return sb;
}

void sandbox_free(sandbox *sb)
{
    if (!sb) return;
    if (sb->L) lua_close(sb->L);
    sandbox_memo *e, *tmp;
    HASH_ITER(hh, sb->memos, e, tmp) {
        HASH_DEL(sb->memos, e);
        memo_free(e->memo);
        free(e);
    }
    free(sb->accounts);
    free(sb->library_used);
    free(sb);
}

lua_State *sandbox_lua(sandbox *sb) { return sb->L; }
size_t sandbox_memory_used(const sandbox *sb) { return sb->used + sb->memo_bytes; }
int sandbox_account(const sandbox *sb) { return sb->account; }

size_t sandbox_account_used(const sandbox *sb, int account)
{
    return account >= 0 && account < sb->account_count ? sb->accounts[account].used : 0;
}

void sandbox_enter(sandbox *sb, const field_bits *justified, int account)
{
    sb->justified = justified;
    sb->account = account >= 0 && account < sb->account_count ? account : 0;
}

int sandbox_is(sandbox *sb, int idx, const char *kind)
{
    lua_State *L = sb->L;
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx)) return 0;
    lua_getfield(L, LUA_REGISTRYINDEX, REG_KINDS);
    lua_getfield(L, -1, kind);
    int same = lua_rawequal(L, -1, -3);
    lua_pop(L, 3);
    return same;
}

/* ---- scenario files ------------------------------------------------------------ */

/* __newindex of a scenario environment: globals are read-only. */
static int sandbox_refuse_global(lua_State *L)
{
    return luaL_error(L, "global writes are not allowed in scenarios (tried to set '%s'); use local",
                      luaL_optstring(L, 2, "?"));
}

/* Lua messages look like "path:LINE: text"; take LINE when the prefix is path. */
static long sandbox_message_line(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) != 0 || msg[n] != ':') return 0;
    return strtol(msg + n + 1, NULL, 10);
}

/* A scenario file's _ENV: {} whose __index is the allow-list and whose __newindex
 * refuses global writes. Returns it. */
static int sandbox_make_env(lua_State *L)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_BASE);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sandbox_refuse_global);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    return 1;
}

int sandbox_load_file(sandbox *sb, const char *path, const char *source, size_t size, vg_error *err)
{
    lua_State *L = sb->L;
    /* the file's own account, charged until the next file loads or a call enters another */
    sb->account = sandbox_account_new(sb);
    for (int i = 0; i < sb->library_count; i++) sb->library_used[i] = false;
    sb->use_depth = 0;
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "@%s", path);
    int rc = luaL_loadbufferx(L, source, size, chunkname, "t");
    if (rc == LUA_OK) {
        /* Stack: chunk. Give it a fresh _ENV (made in protected mode: the state may
         * be near its memory cap after earlier files). */
        lua_pushcfunction(L, sandbox_make_env);
        rc = sandbox_pcall(sb, 0, 1);
        if (rc == LUA_OK) {
            lua_setupvalue(L, -2, 1);
            /* Stack: chunk. Reset the collector, then run the file. */
            lua_getfield(L, LUA_REGISTRYINDEX, REG_BEGIN);
            rc = sandbox_pcall(sb, 0, 0);
            if (rc == LUA_OK) {
                sb->loading_file = true;
                rc = sandbox_pcall(sb, 0, 0);
                sb->loading_file = false;
            } else {
                lua_remove(L, -2); /* keep only the message */
            }
        } else {
            lua_remove(L, -2); /* the chunk; keep the message */
        }
    }
    if (rc == LUA_OK) {
        lua_getfield(L, LUA_REGISTRYINDEX, REG_TAKE);
        rc = sandbox_pcall(sb, 0, 1);
    }
    if (rc != LUA_OK) {
        char msg[480];
        sandbox_error_message(L, rc, msg, sizeof msg);
        lua_pop(L, 1);
        long line = sandbox_message_line(msg, path);
        /* Keep the message without the repeated "path:line: " prefix. */
        const char *text = msg;
        if (line > 0) {
            text = strchr(msg + strlen(path) + 1, ':');
            text = text ? text + 1 : msg;
            while (*text == ' ') text++;
        }
        return error_set(err, path, line, NULL, "%s", text);
    }
    return VG_OK;
}

/* ---- sealing file-level state ------------------------------------------------- */

/* Function indicators must be pure: the hits may depend neither on the thread count
 * nor on the order of the records, and the memo of answers relies on it. Once a
 * file is compiled, everything its functions can reach is sealed:
 *  - a table (with no metatable: the language's own objects and the environment are
 *    locked already) keeps its contents in a hidden copy and refuses writes at the
 *    first one, naming the line; pairs() walks it in a fixed key order (numbers,
 *    then strings, sorted), so even iteration is the same in every worker;
 *  - a function that assigns a variable of the file (an upvalue it shares with the
 *    file's chunk, directly or from a closure inside it) is refused at load, with the
 *    line of the assignment, found in its bytecode.
 * The prelude's own functions are trusted; C functions hold no scenario state. */

#define REG_SEALED "vigie.sealed"
#define SEAL_MAX_DEPTH 200
#define OP_SETUPVAL 10 /* Lua 5.4 lopcodes.h: UpValue[B] := R[A] */

typedef struct seal_dump {
    unsigned char *data;
    size_t len, cap;
} seal_dump;

static int seal_writer(lua_State *L, const void *p, size_t size, void *ud)
{
    (void)L;
    seal_dump *d = ud;
    if (d->len + size > d->cap) {
        d->cap = (d->len + size) * 2;
        d->data = xrealloc(d->data, d->cap);
    }
    memcpy(d->data + d->len, p, size);
    d->len += size;
    return 0;
}

typedef struct seal_reader {
    const unsigned char *p, *end;
    bool bad;
} seal_reader;

static size_t seal_size(seal_reader *r)
{
    size_t x = 0;
    unsigned char b;
    do {
        if (r->p >= r->end) {
            r->bad = true;
            return 0;
        }
        b = *r->p++;
        x = (x << 7) | (b & 0x7f);
    } while (!(b & 0x80));
    return x;
}

static const unsigned char *seal_skip(seal_reader *r, size_t n)
{
    const unsigned char *at = r->p;
    if ((size_t)(r->end - r->p) < n) {
        r->bad = true;
        r->p = r->end;
        return at;
    }
    r->p += n;
    return at;
}

static void seal_string(seal_reader *r)
{
    size_t n = seal_size(r);
    if (n > 0) seal_skip(r, n - 1);
}

/* One function of the dump (ldump.c's dumpFunction). `map` gives, for each upvalue
 * of the enclosing function, the upvalue of the sealed function it stands for (-1: a
 * local of a call, free to change). Stops at the first write to a sealed upvalue:
 * *upvalue gets its index, *line its line. */
static bool seal_scan_function(seal_reader *r, const int *map, int map_count, bool top, int *upvalue, long *line)
{
    seal_string(r);
    long linedefined = (long)seal_size(r);
    seal_size(r);
    seal_skip(r, 3);
    size_t ncode = seal_size(r);
    const unsigned char *code = seal_skip(r, ncode * 4);
    size_t nk = seal_size(r);
    for (size_t i = 0; i < nk && !r->bad; i++) {
        unsigned char tt = *seal_skip(r, 1);
        if (tt == 0x03 || tt == 0x13) seal_skip(r, 8);      /* integer, float */
        else if (tt == 0x04 || tt == 0x14) seal_string(r);  /* short, long string */
    }
    size_t nup = seal_size(r);
    if (r->bad || nup > 255) return r->bad = true, false;
    int own[256];
    for (size_t i = 0; i < nup; i++) {
        const unsigned char *u = seal_skip(r, 3);
        if (r->bad) return false;
        if (top) own[i] = (int)i;
        else own[i] = u[0] ? -1 : (u[1] < map_count ? map[u[1]] : -1);
    }
    long found_pc = -1;
    int found_up = -1;
    for (size_t pc = 0; pc < ncode && !r->bad && found_pc < 0; pc++) {
        uint32_t ins;
        memcpy(&ins, code + pc * 4, 4);
        if ((ins & 0x7f) != OP_SETUPVAL) continue;
        unsigned b = (ins >> 16) & 0xff;
        if (b < nup && own[b] >= 0) {
            found_pc = (long)pc;
            found_up = own[b];
        }
    }
    size_t nprotos = seal_size(r);
    for (size_t i = 0; i < nprotos && !r->bad; i++)
        if (seal_scan_function(r, own, (int)nup, false, upvalue, line) && found_pc < 0) return true;
    /* debug information: the line of the write (ldebug.c's luaG_getfuncline) */
    size_t nline = seal_size(r);
    const unsigned char *lineinfo = seal_skip(r, nline);
    size_t nabs = seal_size(r);
    long base_pc = -1, base_line = linedefined;
    for (size_t i = 0; i < nabs && !r->bad; i++) {
        long pc = (long)seal_size(r), l = (long)seal_size(r);
        if (pc <= found_pc) {
            base_pc = pc;
            base_line = l;
        }
    }
    size_t nloc = seal_size(r);
    for (size_t i = 0; i < nloc && !r->bad; i++) {
        seal_string(r);
        seal_size(r);
        seal_size(r);
    }
    size_t nupnames = seal_size(r);
    for (size_t i = 0; i < nupnames && !r->bad; i++) seal_string(r);
    if (r->bad || found_pc < 0) return false;
    for (long pc = base_pc + 1; pc <= found_pc && (size_t)pc < nline; pc++) base_line += (signed char)lineinfo[pc];
    *upvalue = found_up;
    *line = base_line;
    return true;
}

/* The closure at idx assigns one of its upvalues (its own code or a closure inside
 * it): returns true with the upvalue's index (0-based) and the line. */
static bool seal_writes_upvalue(lua_State *L, int idx, int *upvalue, long *line)
{
    seal_dump d = { NULL, 0, 0 };
    lua_pushvalue(L, idx);
    lua_dump(L, seal_writer, &d, 0);
    lua_pop(L, 1);
    seal_reader r = { d.data, d.data + d.len, false };
    bool found = false;
    if (d.len > 32) {
        seal_skip(&r, 31 + 1); /* header (ldump.c's dumpHeader), then the count of upvalues */
        found = seal_scan_function(&r, NULL, 0, true, upvalue, line);
    }
    free(d.data);
    return found;
}

/* Keys of a sealed table in a fixed order: numbers ascending, then strings bytewise,
 * then the rest in traversal order. */
typedef struct seal_key {
    int rank;
    lua_Number num;
    const char *str;
    size_t len;
    int at;
} seal_key;

static int seal_key_compare(const void *a, const void *b)
{
    const seal_key *x = a, *y = b;
    if (x->rank != y->rank) return x->rank - y->rank;
    if (x->rank == 0 && x->num != y->num) return x->num < y->num ? -1 : 1;
    if (x->rank == 1) {
        size_t n = x->len < y->len ? x->len : y->len;
        int c = memcmp(x->str, y->str, n);
        if (c) return c;
        if (x->len != y->len) return x->len < y->len ? -1 : 1;
    }
    return x->at - y->at;
}

static int seal_refuse_write(lua_State *L)
{
    return luaL_error(L, "file-level tables are read-only once the file is loaded (tried to set '%s'): "
                         "a function indicator must keep no state between records", luaL_tolstring(L, 2, NULL));
}

static int seal_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

/* The iterator of pairs() over a sealed table: upvalues shadow, ordered keys, position. */
static int seal_next(lua_State *L)
{
    lua_Integer at = lua_tointeger(L, lua_upvalueindex(3)) + 1;
    if (lua_rawgeti(L, lua_upvalueindex(2), at) == LUA_TNIL) return 1;
    lua_pushinteger(L, at);
    lua_replace(L, lua_upvalueindex(3));
    lua_pushvalue(L, -1);
    lua_rawget(L, lua_upvalueindex(1));
    return 2;
}

static int seal_pairs(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, seal_next, 3);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static void seal_value(lua_State *L, int idx, int depth);

/* The metatable at the top is one of the language's kinds (predicate, field, list
 * reference, pair): their own fields can still be assigned, so they are sealed too,
 * keeping their methods. Other metatables (environments, read-only library tables,
 * sealed tables) lock their tables already. */
static bool seal_is_language_kind(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, REG_KINDS);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_rawequal(L, -1, -4)) {
            lua_pop(L, 3);
            return true;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return false;
}

static void seal_table(lua_State *L, int idx, int depth)
{
    bool kind = false;
    if (lua_getmetatable(L, idx)) {
        kind = seal_is_language_kind(L);
        if (!kind) {
            lua_pop(L, 1);
            return;
        }
        lua_pop(L, 1);
    }
    lua_newtable(L); /* shadow */
    int shadow = lua_gettop(L);
    int n = 0, cap = 16;
    seal_key *keys = xmalloc(sizeof *keys * (size_t)cap);
    lua_newtable(L); /* keys in traversal order, to hold them while sorted */
    int held = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, shadow); /* shadow[k] = v; the key stays on the stack */
        if (n == cap) {
            cap *= 2;
            keys = xrealloc(keys, sizeof *keys * (size_t)cap);
        }
        seal_key *k = &keys[n];
        memset(k, 0, sizeof *k);
        k->at = ++n;
        lua_pushvalue(L, -1);
        lua_rawseti(L, held, n);
        int t = lua_type(L, -1);
        k->rank = t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : 2;
        if (t == LUA_TNUMBER) k->num = lua_tonumber(L, -1);
        if (t == LUA_TSTRING) k->str = lua_tolstring(L, -1, &k->len); /* held: the pointer stays valid */
    }
    qsort(keys, (size_t)n, sizeof *keys, seal_key_compare);
    lua_createtable(L, n, 0); /* ordered keys */
    int ordered = lua_gettop(L);
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, held, keys[i].at);
        lua_pushnil(L);
        lua_rawset(L, idx); /* empty the table itself */
        lua_rawgeti(L, held, keys[i].at);
        lua_rawseti(L, ordered, i + 1);
    }
    free(keys);
    if (kind) { /* the copy keeps the kind's methods */
        lua_getmetatable(L, idx);
        lua_setmetatable(L, shadow);
    }
    lua_createtable(L, 0, 5); /* the metatable */
    lua_pushvalue(L, shadow);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, seal_refuse_write);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, shadow);
    lua_pushcclosure(L, seal_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushvalue(L, shadow);
    lua_pushvalue(L, ordered);
    lua_pushcclosure(L, seal_pairs, 2);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, idx);
    /* then everything the table holds */
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, ordered, i);
        lua_pushvalue(L, -1);
        lua_rawget(L, shadow);
        seal_value(L, -1, depth + 1);
        seal_value(L, -2, depth + 1);
        lua_pop(L, 2);
    }
    lua_settop(L, shadow - 1);
}

static void seal_function(lua_State *L, int idx, int depth)
{
    if (lua_iscfunction(L, idx)) return;
    lua_Debug ar;
    lua_pushvalue(L, idx);
    lua_getinfo(L, ">S", &ar);
    if (strcmp(ar.source, "@lua/prelude.lua") == 0) return; /* the language itself */
    int up;
    long line;
    if (seal_writes_upvalue(L, idx, &up, &line)) {
        const char *name = lua_getupvalue(L, idx, up + 1);
        if (name) lua_pop(L, 1);
        luaL_error(L, "%s:%d: a function assigns the file-level variable '%s': function indicators must keep no "
                      "state between records (make it local to the function, or a constant)",
                   ar.source[0] == '@' ? ar.source + 1 : ar.short_src, (int)line, name ? name : "?");
    }
    for (int i = 1;; i++) {
        const char *name = lua_getupvalue(L, idx, i);
        if (!name) break;
        seal_value(L, -1, depth + 1);
        lua_pop(L, 1);
    }
}

static void seal_value(lua_State *L, int idx, int depth)
{
    int t = lua_type(L, idx);
    if (t != LUA_TTABLE && t != LUA_TFUNCTION) return;
    luaL_checkstack(L, 12, "sealing file-level state");
    if (depth > SEAL_MAX_DEPTH) luaL_error(L, "file-level state nests more than %d deep", SEAL_MAX_DEPTH);
    idx = lua_absindex(L, idx);
    lua_getfield(L, LUA_REGISTRYINDEX, REG_SEALED);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) != LUA_TNIL) {
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    if (t == LUA_TFUNCTION) seal_function(L, idx, depth);
    else seal_table(L, idx, depth);
}

/* Stack: [1] the function. */
static int seal_protected(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, REG_SEALED) != LUA_TTABLE) {
        lua_newtable(L);
        lua_setfield(L, LUA_REGISTRYINDEX, REG_SEALED);
    }
    lua_pop(L, 1);
    seal_value(L, 1, 0);
    return 0;
}

int sandbox_seal(sandbox *sb, int ref, const char *path, vg_error *err)
{
    lua_State *L = sb->L;
    lua_pushcfunction(L, seal_protected);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    int rc = sandbox_pcall(sb, 1, 0);
    if (rc == LUA_OK) return VG_OK;
    char msg[480];
    sandbox_error_message(L, rc, msg, sizeof msg);
    lua_pop(L, 1);
    long line = sandbox_message_line(msg, path);
    const char *text = msg;
    if (line > 0) {
        text = strchr(msg + strlen(path) + 1, ':');
        text = text ? text + 1 : msg;
        while (*text == ' ') text++;
    }
    return error_set(err, path, line, NULL, "%s", text);
}

/* ---- function indicators ------------------------------------------------------- */

/* Stack: [1] light userdata schema. Returns the schema's new proxy, also kept in the registry. */
static int sandbox_make_proxy(lua_State *L)
{
    const void *schema = lua_touserdata(L, 1);
    lua_newuserdatauv(L, 0, 1);
    luaL_setmetatable(L, RECORD_META);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, schema);
    return 1;
}

/* Remember a call within the state's memo cap: past it, every memo of the state is
 * emptied and starts again (the answers are the same with or without them, so what
 * is dropped only costs time). */
static void sandbox_memo_insert(sandbox *sb, memo *m, const record *rec, const memo_trace *trace, tri result)
{
    size_t before = memo_bytes(m);
    memo_insert(m, rec, trace, result);
    sb->memo_bytes += memo_bytes(m) - before;
    if (sb->memo_bytes <= sb->memo_limit) return;
    sandbox_memo *e, *tmp;
    HASH_ITER(hh, sb->memos, e, tmp) memo_clear(e->memo);
    sb->memo_bytes = 0;
}

tri sandbox_call_predicate(sandbox *sb, int ref, const record *rec, field_bits *reads,
                           char *errbuf, size_t errsize)
{
    lua_State *L = sb->L;
    /* The fast path asks the memo first; explain mode (reads wanted) always runs. */
    memo *m = NULL;
    memo_trace trace;
    if (!reads && sb->memo_enabled) {
        sandbox_memo *e;
        HASH_FIND_INT(sb->memos, &ref, e);
        if (!e) {
            e = xcalloc(1, sizeof *e);
            e->ref = ref;
            e->memo = memo_new();
            HASH_ADD_INT(sb->memos, ref, e);
        }
        m = e->memo;
        size_t before = memo_bytes(m);
        tri known = memo_lookup(m, rec);
        if (known != TRI_SKIPPED) return known;
        sb->memo_bytes -= before - memo_bytes(m); /* a memo not worth keeping empties itself */
        if (memo_disabled(m)) m = NULL;
    }
    if (m) {
        trace.count = 0;
        trace.overflow = false;
        field_bits_clear(&sb->trace_seen);
    }
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, rec->schema) != LUA_TUSERDATA) {
        /* first record of this schema: make its proxy, in protected mode since it allocates */
        lua_pop(L, 1);
        lua_pushcfunction(L, sandbox_make_proxy);
        lua_pushlightuserdata(L, (void *)rec->schema);
        int account = sb->account;
        sb->account = 0; /* the proxy serves every file */
        int rc = lua_pcall(L, 1, 1, 0);
        sb->account = account;
        if (rc != LUA_OK) {
            sandbox_error_message(L, LUA_ERRMEM, errbuf, errsize);
            lua_pop(L, 1);
            return TRI_ERROR;
        }
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_insert(L, -2); /* function, proxy */
    sb->current = rec;
    sb->reads = reads;
    sb->trace = m ? &trace : NULL;
    int rc = sandbox_pcall(sb, 1, 1);
    sb->current = NULL;
    sb->reads = NULL;
    sb->trace = NULL;
    if (rc != LUA_OK) {
        sandbox_error_message(L, rc, errbuf, errsize);
        lua_pop(L, 1);
        return TRI_ERROR;
    }
    tri result;
    int type = lua_type(L, -1);
    if (type == LUA_TBOOLEAN) {
        result = lua_toboolean(L, -1) ? TRI_TRUE : TRI_FALSE;
    } else if (type == LUA_TNIL) {
        result = TRI_UNKNOWN;
    } else {
        snprintf(errbuf, errsize, "indicator function returned a %s; it must return true, false or nil",
                 lua_typename(L, type));
        result = TRI_ERROR;
    }
    lua_pop(L, 1);
    if (m) sandbox_memo_insert(sb, m, rec, &trace, result);
    return result;
}
