/* fuzz_predicate.c - libFuzzer target: the fuzzer's bytes drive the generation of a
 * scenario file whose predicate tables are hostile (deep nesting, self-reference,
 * shared parts, huge arrays, fields of the wrong type); the loader must compile it
 * or refuse it with findings, never crash or hang. Built and run by `make fuzz`.
 *
 * Mutating raw bytes of Lua text rarely gets past the parser; here every input is a
 * valid program, so the fuzzer's effort goes into the predicate compiler. */
#include "fuzz_ruleset.h"

#include <stdarg.h>

typedef struct {
    const uint8_t *data;
    size_t size, at;
    char *out;
    size_t len, cap;
} generator;

static unsigned gen_byte(generator *g) { return g->at < g->size ? g->data[g->at++] : 0; }
static unsigned gen_pick(generator *g, unsigned n) { return gen_byte(g) % n; }

static void gen_emit(generator *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_emit(generator *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (g->len + (size_t)n + 1 > g->cap) {
        g->cap = (g->len + (size_t)n + 1) * 2;
        g->out = realloc(g->out, g->cap);
        if (!g->out) abort();
    }
    va_start(ap, fmt);
    vsnprintf(g->out + g->len, g->cap - g->len, fmt, ap);
    va_end(ap);
    g->len += (size_t)n;
}

#define VARIABLES 6

static const char *fields[] = { "id", "surname", "payer", "nationality", "religion", "birth", "departure",
                                 "booked", "bags", "fare", "one_way", "route", "hs", "origin", "goods",
                                 "age", "lead_hours", "nope", "" };
static const char *keys[] = { "op", "field", "value", "value2", "values", "parts", "list", "other", "line" };
static const char *ops[] = { "equals", "lt", "le", "gt", "ge", "between", "in_set", "in_list", "starts_with",
                             "contains", "contains_list", "same_as", "differs_from", "present", "missing",
                             "pair_in_list", "any_of", "all_of", "negate", "lua", "" };

static const char *gen_field(generator *g) { return fields[gen_pick(g, sizeof fields / sizeof *fields)]; }
static void gen_value(generator *g, int depth);

/* A Lua expression of any type a scenario could put where a predicate's field is. */
static void gen_value(generator *g, int depth)
{
    switch (gen_pick(g, depth > 2 ? 16 : 19)) {
    case 0: gen_emit(g, "%d", (int)gen_byte(g) - 128); break;
    case 1: gen_emit(g, "%s", gen_byte(g) & 1 ? "math.maxinteger" : "math.mininteger"); break;
    case 2: gen_emit(g, "%s", (const char *[]){ "1.5", "0/0", "math.huge", "-math.huge", "-0.0", "1e308" }[gen_pick(g, 6)]); break;
    case 3: gen_emit(g, "\"%c%c\"", 'A' + gen_pick(g, 26), 'A' + gen_pick(g, 26)); break;
    case 4: gen_emit(g, "\"IST\""); break;
    case 5: gen_emit(g, "\"a\\0b\""); break;
    case 6: gen_emit(g, "%s", (const char *[]){ "\"2026-01-01\"", "\"2026-13-45\"", "\"2026-01-01T10:00:00Z\"",
                                                "\"\"", "\"99999-01-01\"" }[gen_pick(g, 5)]); break;
    case 7: gen_emit(g, "%s", gen_byte(g) & 1 ? "true" : "false"); break;
    case 8: gen_emit(g, "nil"); break;
    case 9: gen_emit(g, "string.rep(\"x\", %u)", 1u << gen_pick(g, 18)); break;
    case 10: gen_emit(g, "list \"%s\"", (const char *[]){ "hubs", "goods", "vague", "nope" }[gen_pick(g, 4)]); break;
    case 11: gen_emit(g, "field \"%s\"", gen_field(g)); break;
    case 12: gen_emit(g, "function(r) return r.bags end"); break;
    case 13: gen_emit(g, "p%u", 1 + gen_pick(g, VARIABLES)); break;
    case 14: gen_emit(g, "\"%s\"", gen_field(g)); break;
    case 15: gen_emit(g, "\"%s\"", ops[gen_pick(g, sizeof ops / sizeof *ops)]); break;
    default: { /* an array of values */
        unsigned n = gen_pick(g, 5);
        gen_emit(g, "{ ");
        for (unsigned i = 0; i < n; i++) {
            gen_value(g, depth + 1);
            gen_emit(g, ", ");
        }
        gen_emit(g, "}");
    }
    }
}

/* A predicate built with the language's helpers (the helpers may refuse it at load). */
static void gen_leaf(generator *g)
{
    const char *f = gen_field(g);
    switch (gen_pick(g, 10)) {
    case 0: case 1: case 2: {
        static const char *m[] = { "equals", "lt", "le", "gt", "ge", "starts_with", "contains" };
        gen_emit(g, "field \"%s\" :%s(", f, m[gen_pick(g, 7)]);
        gen_value(g, 0);
        gen_emit(g, ")");
        break;
    }
    case 3:
        gen_emit(g, "field \"%s\" :between(", f);
        gen_value(g, 0);
        gen_emit(g, ", ");
        gen_value(g, 0);
        gen_emit(g, ")");
        break;
    case 4: case 5:
        gen_emit(g, "field \"%s\" :%s(", f, (const char *[]){ "is_in", "contains_any", "starts_with" }[gen_pick(g, 3)]);
        if (gen_byte(g) & 3) gen_emit(g, "{ \"IST\", \"%c\", %d }", 'A' + gen_pick(g, 26), (int)gen_byte(g));
        else gen_value(g, 1);
        gen_emit(g, ")");
        break;
    case 6: gen_emit(g, "field \"%s\" :%s \"%s\"", f, gen_byte(g) & 1 ? "same_as" : "differs_from", gen_field(g)); break;
    case 7: gen_emit(g, "field \"%s\" :%s()", f, gen_byte(g) & 1 ? "is_present" : "is_missing"); break;
    case 8: gen_emit(g, "pair(\"%s\", \"%s\"):is_in(list \"%s\")", f, gen_field(g), gen_byte(g) & 1 ? "hubs" : "goods"); break;
    default: gen_emit(g, "function(r) return r.%s ~= nil end", f); break;
    }
}

/* Statements that leave the predicate variables in hostile shapes. Each mutation is
 * guarded by a test of the field, since a predicate refuses new fields at load. */
static void gen_statement(generator *g)
{
    unsigned a = 1 + gen_pick(g, VARIABLES), b = 1 + gen_pick(g, VARIABLES);
    switch (gen_pick(g, 9)) {
    case 0:
        gen_emit(g, "p%u = ", a);
        gen_leaf(g);
        break;
    case 1: { /* combine (and so share) parts */
        unsigned n = gen_pick(g, 5);
        const char *op = (const char *[]){ "any_of", "all_of", "negate" }[gen_pick(g, 3)];
        if (op[0] == 'n') {
            gen_emit(g, "p%u = negate(p%u)", a, b);
            break;
        }
        gen_emit(g, "p%u = %s { ", a, op);
        for (unsigned i = 0; i < n; i++) gen_emit(g, "p%u, ", 1 + gen_pick(g, VARIABLES));
        gen_emit(g, "}");
        break;
    }
    case 2: /* deep nesting */
        gen_emit(g, "for i = 1, %u do p%u = negate(p%u) end", gen_byte(g), a, a);
        break;
    case 3: /* shared parts at every level: 2^n paths through n tables */
        gen_emit(g, "for i = 1, %u do p%u = %s { p%u, p%u } end", gen_pick(g, 40), a,
                 gen_byte(g) & 1 ? "any_of" : "all_of", a, a);
        break;
    case 4: /* self-reference and cycles through parts */
        gen_emit(g, "if type(p%u) == \"table\" and type(p%u.parts) == \"table\" then p%u.parts[%u] = p%u end", a, a, a,
                 1 + gen_pick(g, 3), b);
        break;
    case 5: { /* huge arrays of parts or of values */
        unsigned n = 1u << gen_pick(g, 18);
        if (gen_byte(g) & 1)
            gen_emit(g, "do local t = {} for i = 1, %u do t[i] = p%u end p%u = any_of(t) end", n, b, a);
        else
            gen_emit(g, "do local t = {} for i = 1, %u do t[i] = %s end p%u = field \"%s\" :is_in(t) end", n,
                     gen_byte(g) & 1 ? "i" : "\"v\" .. i", a, gen_field(g));
        break;
    }
    case 6: { /* a field of the wrong type */
        const char *key = keys[gen_pick(g, sizeof keys / sizeof *keys)];
        gen_emit(g, "if type(p%u) == \"table\" and p%u.%s ~= nil then p%u.%s = ", a, a, key, a, key);
        gen_value(g, 0);
        gen_emit(g, " end");
        break;
    }
    case 7: /* a member of a set or of parts of the wrong type */
        gen_emit(g, "if type(p%u) == \"table\" and type(p%u.%s) == \"table\" then p%u.%s[%u] = ", a, a,
                 gen_byte(g) & 1 ? "values" : "parts", a, gen_byte(g) & 1 ? "values" : "parts", 1 + gen_pick(g, 3));
        gen_value(g, 0);
        gen_emit(g, " end");
        break;
    default:
        gen_emit(g, "p%u = ", a);
        gen_value(g, 0);
        break;
    }
    gen_emit(g, "\n");
}

static void gen_scenario(generator *g)
{
    for (unsigned v = 1; v <= VARIABLES; v++) {
        gen_emit(g, "local p%u = ", v);
        gen_leaf(g);
        gen_emit(g, "\n");
    }
    unsigned statements = gen_pick(g, 24);
    for (unsigned i = 0; i < statements; i++) gen_statement(g);
    gen_emit(g, "scenario {\n  id = \"F-1\", title = \"Fuzz\", applies_to = \"person\", status = \"%s\", owner = \"fuzz\",\n"
                "  review_by = \"2099-12-31\", subject = \"other\", rationale = \"r\", guidance = \"g\", threshold = %u,\n",
             gen_byte(g) & 1 ? "active" : "draft", gen_pick(g, 4));
    unsigned conditions = gen_pick(g, 3), indicators = gen_pick(g, 4);
    gen_emit(g, "  conditions = { ");
    for (unsigned i = 0; i < conditions; i++)
        gen_emit(g, "condition \"c%u\" { label = \"c\", when = p%u }, ", i, 1 + gen_pick(g, VARIABLES));
    gen_emit(g, "},\n  indicators = { ");
    for (unsigned i = 0; i < indicators; i++)
        gen_emit(g, "indicator \"i%u\" { label = \"i\", weight = %u, when = p%u }, ", i, gen_pick(g, 3),
                 1 + gen_pick(g, VARIABLES));
    gen_emit(g, "},\n}\n");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_ruleset_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    generator g = { .data = data, .size = size };
    gen_scenario(&g);
    if (getenv("FUZZ_PRINT")) fwrite(g.out, 1, g.len, stderr); /* to see a crashing input as Lua */
    fuzz_ruleset_run(g.out, g.len);
    free(g.out);
    return 0;
}
