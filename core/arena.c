/* arena.c - bump allocator for the strings and lists of one record, reset per record. */
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "xalloc.h"

/* Blocks form one chain that survives resets: after arena_reset the chain is reused
 * from `first`, so a steady stream of records allocates nothing once warm. */
struct arena_block {
    arena_block *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(8) unsigned char data[];
};

#define ARENA_DEFAULT_BLOCK 4096

static arena_block *arena_new_block(size_t size)
{
    arena_block *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void arena_init(arena *a, size_t block_size)
{
    a->head = NULL;
    a->first = NULL;
    a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size == 0) size = 8;
    arena_block *b = a->head;
    if (b && b->size - b->used >= size) {
        void *p = b->data + b->used;
        b->used += size;
        return p;
    }
    /* Move on to the next kept block if it is big enough, else insert a new one
     * after the current block (an oversized request gets a block of its own). */
    arena_block *next = b ? b->next : a->first;
    if (next && next->size >= size) {
        next->used = 0;
    } else {
        next = arena_new_block(size > a->block_size ? size : a->block_size);
        if (b) {
            next->next = b->next;
            b->next = next;
        } else {
            next->next = a->first;
            a->first = next;
        }
    }
    a->head = next;
    next->used = size;
    return next->data;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void arena_reset(arena *a)
{
    /* blocks are emptied lazily as arena_alloc moves onto them */
    a->head = a->first;
    if (a->head) a->head->used = 0;
}

void arena_free(arena *a)
{
    arena_block *b = a->first;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = a->first = NULL;
}
