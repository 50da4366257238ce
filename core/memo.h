/* memo.h - remember what a pure Lua function indicator answered, keyed by the values it read. */
#ifndef VIGIE_MEMO_H
#define VIGIE_MEMO_H

#include <stdbool.h>
#include "record.h"
#include "tri.h"

/* Function indicators must be deterministic and side-effect free (the scenario
 * contract). Then what a call returns depends only on the values it read, and which
 * field it reads next depends only on the values it has read so far. So the calls
 * seen so far form a trie: each node names the field read at that point, each edge
 * one value of it, each leaf the answer. A record whose values follow a known path
 * gets the known answer without entering Lua. A trace that contradicts the trie (a
 * function that is not pure after all) switches the memo off for that function. */

#define MEMO_MAX_TRACE 64      /* fields read by one call; longer calls are not kept */
#define MEMO_MAX_NODES 65536   /* per function: past this, lookups go on, inserts stop */
/* After this many lookups, a memo that answered fewer than one in MEMO_MIN_HIT_SHARE
 * is emptied and switched off: the function reads values that seldom repeat. */
#define MEMO_TRIAL_LOOKUPS 4096
#define MEMO_MIN_HIT_SHARE 8

typedef struct memo memo;

typedef struct memo_trace {
    int fields[MEMO_MAX_TRACE]; /* slot indexes in the order of their first read */
    int count;
    bool overflow;
} memo_trace;

memo *memo_new(void);
void memo_free(memo *m);
/* The remembered answer for this record, or TRI_SKIPPED when there is none (counted:
 * a memo that seldom answers switches itself off, see MEMO_TRIAL_LOOKUPS). */
tri memo_lookup(memo *m, const record *rec);
/* Remember a call: the fields it read, in order, and what it returned. */
void memo_insert(memo *m, const record *rec, const memo_trace *trace, tri result);
/* Drop every remembered answer (the memo cap of the state was reached). */
void memo_clear(memo *m);
bool memo_disabled(const memo *m); /* not pure, or not worth it */
long memo_lookups(const memo *m);
long memo_hits(const memo *m);
size_t memo_bytes(const memo *m); /* allocated for nodes, edges and keys */
long memo_size(const memo *m); /* nodes */

#endif
