/* predicate.h - declarative predicates compiled from the scenario language into native trees. */
#ifndef VIGIE_PREDICATE_H
#define VIGIE_PREDICATE_H

#include <stdbool.h>
#include "arena.h"
#include "diag.h"
#include "lists.h"
#include "record.h"
#include "sandbox.h"
#include "schema.h"
#include "tri.h"

typedef struct predicate predicate;

/* What explain mode learns while evaluating: the fields looked at, those that were
 * missing, and the list entries that matched. */
#define EVIDENCE_MAX_MATCHES 8
typedef struct evidence_match {
    const char *list;   /* list name */
    const char *entry;  /* the entry that matched */
    const char *note;   /* its note, "" when none */
    double similarity;  /* a fuzzy list's similarity of the value to the entry; 0 for other lists */
} evidence_match;

typedef struct evidence {
    field_bits reads;
    field_bits missing;
    evidence_match matches[EVIDENCE_MAX_MATCHES];
    int match_count;
    bool booking;            /* a booking value was read: the explanation shows the booking */
    unsigned links;          /* bit i: link i of the schema was read: the explanation shows its records */
} evidence;

/* Where a predicate is compiled, for diagnostics and for constants. */
/* How deep any_of / all_of / negate may nest: deeper is no clearer, and every walk
 * of a compiled tree (evaluation, explanation, governance) recurses that deep. */
#define PREDICATE_MAX_DEPTH 32
#define PREDICATE_MAX_NODES 4096 /* parts of one indicator's predicate, all levels */
/* What the predicates of one scenario file may copy in all, a part shared at every
 * level counted each time it is reached (sharing costs Lua nothing, compiling it
 * does): values of sets (longer sets belong in lists/), and bytes of text. */
#define PREDICATE_MAX_VALUES 32768
#define PREDICATE_MAX_TEXT (1u << 20)
typedef struct predicate_budget { size_t values, text; } predicate_budget;

typedef struct predicate_scope {
    sandbox *sb;
    const schema *schema;
    const list_set *lists;
    arena *constants;      /* owns constant strings; lives as long as the predicates */
    const char *file;
    const char *scenario;  /* scenario id */
    const char *part;      /* "condition 'minor'" */
    diag_list *diags;
    predicate_budget *budget; /* the file's, shared by its predicates */
} predicate_scope;

/* Compile the value at stack index idx: a predicate table built by the prelude, or a
 * Lua function (kept by registry reference). Returns NULL after adding diagnostics.
 * Must run in protected mode (it touches the Lua stack). */
predicate *predicate_compile(const predicate_scope *scope, int idx);
void predicate_free(predicate *p, lua_State *L);

/* Evaluate. ev (may be NULL: the fast path) collects evidence. On TRI_ERROR the
 * message is in errbuf. */
tri predicate_eval(const predicate *p, const record *rec, sandbox *sb, evidence *ev,
                   char *errbuf, size_t errsize);

/* The predicate in words, from the operator table's wording in lang ("en" or "fr"):
 * "age is under 18", "(one_way equals true or payment equals \"CASH\")". */
void predicate_describe(const predicate *p, const schema *s, const char *lang, char *buf, size_t size);

/* Fields a declarative predicate reads (Lua functions add nothing: see sandbox reads). */
void predicate_fields(const predicate *p, field_bits *out);
/* The registry reference of a Lua function predicate, LUA_NOREF for the others. */
int predicate_lua_ref(const predicate *p);
bool predicate_has_lua(const predicate *p);
/* What p needs of the run's index: *booking when it reads a booking value, bit i of
 * *links when it reads link i of the schema (both are or-ed in). */
void predicate_links_used(const predicate *p, bool *booking, unsigned *links);
/* Add the lists p names to out (no duplicates), up to max. */
void predicate_lists(const predicate *p, const ref_list **out, int *count, int max);

#endif
