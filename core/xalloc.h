/* xalloc.h - the one allocation family: every allocation vigie makes itself goes
 * through it, the arena's blocks and cJSON's nodes and texts included (xalloc_init
 * installs cJSON's hooks). The Lua sandbox, SQLite, libyaml, libcsv, ICU and libxml2
 * keep their own allocators: the sandbox accounts its own memory and turns a refusal
 * into a Lua error (one scenario's error, not the run's end); the others report a
 * refusal through their own APIs, and the code that calls them ends it in xalloc_die()
 * where the failure can only mean memory (yaml_parser_initialize, YAML_MEMORY_ERROR,
 * csv_init, open_memstream, getline, SQLITE_NOMEM) and in its ordinary error path
 * otherwise.
 *
 * When the C library refuses memory, vigie stops at once: "vigie: out of memory"
 * on stderr and exit code XALLOC_EXIT. Nothing half-written is published: outputs
 * are written to FILE.partial and renamed only at the end, and the store's open
 * transaction is rolled back by SQLite. (A batch engine cannot do anything useful
 * with half its data structures; propagating NULL through 80 call sites would only
 * add paths no test runs. docs/decisions.md says so.)
 *
 * Fault injection, for tests: VIGIE_ALLOC_FAIL=N makes the Nth allocation of the
 * process through this family fail as if the C library had refused it; with
 * VIGIE_ALLOC_COUNT set, vigie prints "vigie: N allocations" on stderr at exit, so a
 * test can fail each N in turn over a small run. */
#ifndef VIGIE_XALLOC_H
#define VIGIE_XALLOC_H

#include <stddef.h>
#include "arena.h"

#define XALLOC_EXIT 9

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t count, size_t size); /* count * size, overflow checked */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* What every refusal ends in: the message, then exit(XALLOC_EXIT). Also for the
 * places that allocate through another library and get a refusal back. Safe from any
 * thread: the first caller exits; a later one (another thread out of memory at the
 * same time) waits for that exit instead of running exit() a second time. */
_Noreturn void xalloc_die(void);

/* While a is set on this thread, cJSON allocates from it and frees nothing: a reader
 * parsing one line at a time sets it around the parse and resets the arena instead of
 * calling cJSON_Delete (a tree parsed so must never be given to cJSON_Delete). NULL
 * ends it. Other threads, and this one outside the bracket, are not affected. */
void xalloc_json_arena(arena *a);
/* Route cJSON through the family (xalloc_init does it; a reader that parses into an
 * arena calls it too, before any thread, so it holds in tests and fuzzers). */
void xalloc_json_hooks(void);

/* Read VIGIE_ALLOC_FAIL and VIGIE_ALLOC_COUNT and route cJSON through the family;
 * main calls it first. */
void xalloc_init(void);

#endif
