/* arena.h - bump allocator for the strings and lists of one record, reset per record. */
#ifndef VIGIE_ARENA_H
#define VIGIE_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;  /* current block (blocks are chained, kept across resets) */
    arena_block *first;
    size_t block_size;
} arena;

void arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t size);               /* 8-byte aligned, aborts on OOM */
char *arena_strndup(arena *a, const char *s, size_t n);  /* NUL-terminated copy */
void arena_reset(arena *a);                              /* forget everything, keep memory */
void arena_free(arena *a);

#endif
