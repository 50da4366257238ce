/* sandbox.h - Lua 5.4 states for scenarios: allow-listed environment, instruction budget, memory cap. */
#ifndef VIGIE_SANDBOX_H
#define VIGIE_SANDBOX_H

#include <stddef.h>
#include <lua.h>
#include "error.h"
#include "lists.h"
#include "record.h"
#include "tri.h"

#define SANDBOX_DEFAULT_MEMORY ((size_t)64 << 20)   /* bytes per scenario file (and for the state's own) */
#define SANDBOX_DEFAULT_INSTRUCTIONS 1000000L      /* per function call or file load */
#define SANDBOX_MEMO_BYTES ((size_t)4 << 20)        /* all the memos of one state */
#define SANDBOX_CALL_SECONDS 2                      /* wall clock per call, whatever the budget says */
#define SANDBOX_MAX_STRING ((size_t)16 << 20)      /* string.rep's largest result */

typedef struct sandbox_limits {
    size_t memory_bytes;   /* 0 = default */
    long instructions;     /* 0 = default */
} sandbox_limits;

typedef struct sandbox sandbox;

/* A new state with the prelude loaded. `lists` (may be NULL) backs in_list(). */
sandbox *sandbox_new(const sandbox_limits *limits, const list_set *lists, vg_error *err);
void sandbox_free(sandbox *sb);
lua_State *sandbox_lua(sandbox *sb);

/* Run one scenario file in a fresh environment. On success returns VG_OK and pushes
 * one value: the array of the scenario tables the file declared. On failure pushes
 * nothing and err names the file and line (syntax error, runtime error, budget). */
int sandbox_load_file(sandbox *sb, const char *path, const char *source, size_t size, vg_error *err);

/* The shared indicator library (RULESET/lib/NAME.lua): a scenario file calls
 * use "NAME" while it loads and gets what the library file returns, run afresh in
 * its own environment (so no file can change what another one gets). */
typedef struct sandbox_library {
    const char *name;       /* file name without .lua */
    const char *path;
    const char *source;
    size_t size;
} sandbox_library;
#define SANDBOX_USE_DEPTH 8 /* libraries may use libraries, this deep */
/* libs must outlive sb. */
void sandbox_set_libraries(sandbox *sb, const sandbox_library *libs, int count);
/* Whether the last file sandbox_load_file loaded used library i (directly or not). */
bool sandbox_library_used(const sandbox *sb, int i);

/* Seal what the function at registry reference `ref` (from file `path`) can reach:
 * tables become read-only, and a function that assigns a file-level variable is
 * refused (err names the file and line). Call once the file's scenarios are compiled. */
int sandbox_seal(sandbox *sb, int ref, const char *path, vg_error *err);

/* True when the value at idx is of the prelude's kind ("predicate", "field",
 * "list reference", "pair"). */
int sandbox_is(sandbox *sb, int idx, const char *kind);

/* Call the Lua function at registry reference `ref` with the record as its only
 * argument. Fields it reads are added to *reads (may be NULL). Returns TRI_TRUE,
 * TRI_FALSE, TRI_UNKNOWN (nil) or TRI_ERROR with the message in errbuf. */
tri sandbox_call_predicate(sandbox *sb, int ref, const record *rec, field_bits *reads,
                           char *errbuf, size_t errsize);

/* Bytes of the state (every account) and of its memos. */
size_t sandbox_memory_used(const sandbox *sb);

/* The memory account charged now: after sandbox_load_file, the file's own one (its
 * scenarios keep it, so their calls are charged to it). */
int sandbox_account(const sandbox *sb);
size_t sandbox_account_used(const sandbox *sb, int account);

/* Before evaluating a scenario: the protected fields it has justified (the record
 * proxy refuses the others and every sensitive field) and the memory account of its
 * file. */
void sandbox_enter(sandbox *sb, const field_bits *justified, int account);

#endif
