/* sort.c - stable LSD radix sort by a leading uint64_t key (see sort.h). */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct { uint64_t key, rest; } pair16;

static uint64_t key_at(const unsigned char *base, size_t i, size_t size)
{
    uint64_t k;
    memcpy(&k, base + i * size, sizeof k);
    return k;
}

/* Small inputs: insertion sort (stable), no buffer. */
static void insertion_sort(unsigned char *base, size_t n, size_t size)
{
    unsigned char tmp[16];
    for (size_t i = 1; i < n; i++) {
        uint64_t k = key_at(base, i, size);
        size_t j = i;
        if (key_at(base, j - 1, size) <= k) continue;
        memcpy(tmp, base + i * size, size);
        while (j > 0 && key_at(base, j - 1, size) > k) j--;
        memmove(base + (j + 1) * size, base + j * size, (i - j) * size);
        memcpy(base + j * size, tmp, size);
    }
}

void sort_by_u64(void *base, size_t n, size_t size)
{
    if (n < 2) return;
    if (size != 8 && size != 16) abort(); /* a caller's mistake, never data */
    if (n <= 48) {
        insertion_sort(base, n, size);
        return;
    }
    /* one scan counts the bytes of every digit; a digit the same in every key is skipped */
    size_t (*count)[256] = xcalloc(8, sizeof *count);
    for (size_t i = 0; i < n; i++) {
        uint64_t k = key_at(base, i, size);
        for (int d = 0; d < 8; d++) count[d][(k >> (8 * d)) & 0xff]++;
    }
    unsigned char *src = base, *dst = xmalloc(n * size);
    unsigned char *buffer = dst;
    for (int d = 0; d < 8; d++) {
        size_t *c = count[d];
        if (c[(key_at(src, 0, size) >> (8 * d)) & 0xff] == n) continue;
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t m = c[b];
            c[b] = at;
            at += m;
        }
        int shift = 8 * d;
        /* memcpy of a constant size: plain moves, and no aliasing of the caller's type */
        if (size == 8) {
            for (size_t i = 0; i < n; i++) {
                uint64_t e;
                memcpy(&e, src + i * 8, 8);
                memcpy(dst + c[(e >> shift) & 0xff]++ * 8, &e, 8);
            }
        } else {
            for (size_t i = 0; i < n; i++) {
                pair16 e;
                memcpy(&e, src + i * 16, 16);
                memcpy(dst + c[(e.key >> shift) & 0xff]++ * 16, &e, 16);
            }
        }
        unsigned char *swap = src;
        src = dst;
        dst = swap;
    }
    if (src != base) memcpy(base, src, n * size);
    free(buffer);
    free(count);
}
