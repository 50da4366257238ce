/* unit_sandbox.c - the Lua sandbox: allow-list, no global writes, instruction budget, memory cap. */
#include "unit.h"
#include "engine_fixture.h"

static sandbox *sb;

static int load(const char *src, vg_error *err)
{
    if (!sb) sb = sandbox_new(NULL, NULL, err);
    int rc = sandbox_load_file(sb, "probe.lua", src, strlen(src), err);
    if (rc == VG_OK) lua_pop(sandbox_lua(sb), 1);
    return rc;
}

static void test_forbidden_globals(void)
{
    static const char *forbidden[] = {
        "io", "os", "require", "load", "loadfile", "dofile", "debug", "collectgarbage", "pcall", "xpcall",
        "print", "getmetatable", "setmetatable", "rawset", "rawget", "rawequal", "package", "_G", "coroutine", NULL
    };
    vg_error err;
    for (const char **name = forbidden; *name; name++) {
        char src[256];
        snprintf(src, sizeof src, "if %s ~= nil then error('%s is reachable') end", *name, *name);
        int rc = load(src, &err);
        CU_ASSERT_EQUAL(rc, VG_OK);
        if (rc != VG_OK) fprintf(stderr, "  %s: %s\n", *name, err.message);
    }
    /* string.dump is gone from the library and from strings' own metatable */
    CU_ASSERT_EQUAL(load("if string.dump ~= nil or ('').dump ~= nil then error('dump reachable') end", &err), VG_OK);
    /* what scenarios may use is there */
    CU_ASSERT_EQUAL(load("assert(math.floor(2.5) == 2 and string.upper('a') == 'A' and table.concat({'a','b'}) == 'ab'"
                         " and type(pairs) == 'function' and tonumber('3') == 3 and utf8.char(65) == 'A')", &err), VG_OK);
}

static void test_no_global_writes(void)
{
    vg_error err;
    CU_ASSERT_EQUAL(load("x = 1", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "global writes are not allowed"));
    CU_ASSERT_STRING_EQUAL(err.file, "probe.lua");
    CU_ASSERT_EQUAL(err.line, 1);
    CU_ASSERT_EQUAL(load("function helper() end", &err), VG_ERR);
    CU_ASSERT_EQUAL(load("string.upper = nil", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "read-only"));
    CU_ASSERT_EQUAL(load("math.pi = 3", &err), VG_ERR);
    CU_ASSERT_EQUAL(load("local x = 1; x = 2", &err), VG_OK); /* locals are fine */
    /* one file's environment is not the next one's */
    CU_ASSERT_EQUAL(load("local t = field; assert(t ~= nil)", &err), VG_OK);
}

static void test_syntax_error_line(void)
{
    vg_error err;
    CU_ASSERT_EQUAL(load("scenario {\n  id = 'x',\n  title = = 'y',\n}\n", &err), VG_ERR);
    CU_ASSERT_EQUAL(err.line, 3);
    CU_ASSERT_STRING_EQUAL(err.file, "probe.lua");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unexpected symbol"));
}

static void test_budget_on_load(void)
{
    vg_error err;
    CU_ASSERT_EQUAL(load("while true do end", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "instruction budget"));
    CU_ASSERT_EQUAL(load("local n = 0 for i = 1, 1000 do n = n + i end assert(n == 500500)", &err), VG_OK);
}

static const char *FN(const char *body)
{
    static char src[1024];
    snprintf(src, sizeof src, "scenario { " META " threshold = 1, indicators = { indicator 'p' { label = 'P', weight = 1, when = %s } } }", body);
    return src;
}

static void test_budget_on_call(void)
{
    const scenario *sc = fx_load(FN("function(r) while true do end end"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    scenario_result res;
    fx_clear();
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "instruction budget"));
    /* the budget is per call: the next call has a full budget again */
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "instruction budget"));
    /* a bounded loop under the budget passes */
    sc = fx_load(FN("function(r) local n = 0 for i = 1, 10000 do n = n + 1 end return n == 10000 end"));
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_HIT);
    /* a smaller budget stops it */
    sandbox_limits tight = { 0, 5000 };
    sc = fx_load_limits(FN("function(r) local n = 0 for i = 1, 10000 do n = n + 1 end return n == 10000 end"), &tight);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_ERROR);
}

static void test_memory_cap(void)
{
    sandbox_limits small = { 8u << 20, 100000000L };
    const scenario *sc = fx_load_limits(FN("function(r) local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 64) .. i end return true end"), &small);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    scenario_result res;
    fx_clear();
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "memory"));
    CU_ASSERT(sandbox_account_used(fx_lr.set.sb, sc->account) <= small.memory_bytes);
    /* one huge result is refused before it is built */
    sc = fx_load_limits(FN("function(r) return #string.rep('x', 1 << 30) > 0 end"), &small);
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error, "string.rep: a result of 1073741824 bytes is over the cap"));
    /* and the state still works afterwards */
    sc = fx_load_limits(FN("function(r) return #string.rep('x', 1000) == 1000 end"), &small);
    CU_ASSERT_EQUAL(eval_scenario(fx_lr.set.sb, sc, &fx_rec, &res, NULL), VERDICT_HIT);
    fx_close();
}

/* A scenario file cannot change the language for the files after it. */
static void test_language_is_locked(void)
{
    vg_error err;
    CU_ASSERT_EQUAL(load("assert((field 'x').__index == nil and (field 'x').lt ~= nil)", &err), VG_OK);
    CU_ASSERT_EQUAL(load("local f = field 'x'; f.lt = function() end", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot be changed"));
    CU_ASSERT_EQUAL(load("local p = field 'x' :lt(1); p.__index = {}", &err), VG_ERR);
    CU_ASSERT_EQUAL(load("local l = list 'x'; l.is_in = 1", &err), VG_ERR);
    /* no random numbers: evaluation must give the same hits every run */
    CU_ASSERT_EQUAL(load("assert(math.random == nil and math.randomseed == nil and math.floor ~= nil)", &err), VG_OK);
}

/* The instruction budget does not see inside one C call, so patterns are bounded. */
static void test_costly_patterns(void)
{
    vg_error err;
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 3000); s:find('.-.-.-.-b')", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "too costly"));
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 3000); string.gsub(s, '.-.-.-b', '')", &err), VG_ERR);
    /* ordinary patterns on field-sized text, plain finds and texts without quantifiers pass */
    CU_ASSERT_EQUAL(load("local t = '  GENERAL  CARGO ' assert(t:match('^%s*(.-)%s*$') == 'GENERAL  CARGO')"
                         " local n = 0 for w in t:gmatch('%S+') do n = n + 1 end assert(n == 2)", &err), VG_OK);
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 20000) .. 'b' assert(s:find('.-.-b', 1, true) == nil)", &err), VG_OK);
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 20000) .. 'b' assert(s:find('ab') == 20000)", &err), VG_OK);
    /* a plain find is quadratic at worst: a long needle in a long text is charged so */
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 100000) s:find(string.rep('a', 1000) .. 'b', 1, true)", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "string.find: pattern of 1001 characters on a text of 100000: too costly"));
    /* a special-free pattern and %b too */
    CU_ASSERT_EQUAL(load("local s = string.rep('a', 100000) s:find(string.rep('a', 1000) .. 'b')", &err), VG_ERR);
    CU_ASSERT_EQUAL(load("local s = string.rep('(', 50000) s:find('%b()')", &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "string.find"));
    /* anchored, %b scans the text once: allowed */
    CU_ASSERT_EQUAL(load("local s = string.rep('(', 50000) assert(s:match('^%b()') == nil)", &err), VG_OK);
}

static void cleanup(void)
{
    sandbox_free(sb);
    sb = NULL;
}

static void test_cleanup(void)
{
    cleanup();
    CU_PASS("sandbox freed");
}

UNIT_MAIN("sandbox",
          { "forbidden globals are absent, allowed libraries present", test_forbidden_globals },
          { "global writes and library changes are refused", test_no_global_writes },
          { "a syntax error names file and line", test_syntax_error_line },
          { "the instruction budget stops a file that loops", test_budget_on_load },
          { "the instruction budget stops a function that loops", test_budget_on_call },
          { "the memory cap stops a function that eats memory", test_memory_cap },
          { "the language cannot be changed by a scenario; no random numbers", test_language_is_locked },
          { "Lua patterns are bounded by their worst case", test_costly_patterns },
          { "free", test_cleanup })
