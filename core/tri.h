/* tri.h - three-valued truth (SQL-style) and sets of schema fields, shared by predicates and the evaluator. */
#ifndef VIGIE_TRI_H
#define VIGIE_TRI_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef enum {
    TRI_FALSE = 0,
    TRI_TRUE = 1,
    TRI_UNKNOWN = 2, /* a value it needed was missing */
    TRI_ERROR = 3,   /* a Lua function failed (error, instruction budget, memory cap) */
    TRI_SKIPPED = 4  /* not evaluated: the verdict was already known (fast path only) */
} tri;

const char *tri_name(tri t); /* "true", "false", "unknown", "error", "skipped" */

/* A set of field slot indexes. Schemas have at most FIELD_BITS_MAX fields. */
#define FIELD_BITS_MAX 256
typedef struct field_bits {
    uint64_t words[FIELD_BITS_MAX / 64];
} field_bits;

static inline void field_bits_clear(field_bits *b) { memset(b, 0, sizeof *b); }
static inline void field_bits_set(field_bits *b, int i) { b->words[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline bool field_bits_has(const field_bits *b, int i) { return (b->words[i >> 6] >> (i & 63)) & 1; }
static inline void field_bits_union(field_bits *into, const field_bits *b)
{
    for (int w = 0; w < FIELD_BITS_MAX / 64; w++) into->words[w] |= b->words[w];
}
static inline bool field_bits_empty(const field_bits *b)
{
    for (int w = 0; w < FIELD_BITS_MAX / 64; w++)
        if (b->words[w]) return false;
    return true;
}

#endif
