/* hash_filter.h - a bit per hash value in front of a uthash table: most texts looked up
 * are no key, and a uthash miss walks a whole chain of keys (a cache miss each); the
 * bit answers most misses at once. The hash is uthash's (HASH_VALUE, hh.hashv). */
#ifndef VIGIE_HASH_FILTER_H
#define VIGIE_HASH_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "xalloc.h"

typedef struct hash_filter {
    uint64_t *bits; /* NULL: not sized, every hash may be held */
    unsigned mask;  /* bits - 1, a power of two */
} hash_filter;

/* Room for about `keys` keys: 16 bits each, from 64 to 2^24 bits. */
static inline void hash_filter_size(hash_filter *f, size_t keys)
{
    unsigned bits = 64;
    while (bits < 16 * keys && bits < 1u << 24) bits *= 2;
    free(f->bits);
    f->bits = xcalloc(bits / 64, sizeof *f->bits);
    f->mask = bits - 1;
}

static inline void hash_filter_add(hash_filter *f, unsigned hash)
{
    unsigned h = hash & f->mask;
    f->bits[h / 64] |= 1ull << (h % 64);
}

static inline bool hash_filter_may_hold(const hash_filter *f, unsigned hash)
{
    unsigned h = hash & f->mask;
    return !f->bits || (f->bits[h / 64] >> (h % 64) & 1u) != 0;
}

static inline void hash_filter_free(hash_filter *f)
{
    free(f->bits);
    f->bits = NULL;
}

#endif
