/* unit_sort.c - the radix sort of the link index (core/sort.c) against a comparison
 * sort with the same tie rule (input order), on random keys, keys that differ only in
 * some bytes (skipped digits), all-equal keys, and the small-input path. */
#include "unit.h"
#include "sort.h"

#include <stdint.h>
#include <stdlib.h>

typedef struct { uint64_t key; uint32_t order, pad; } entry16;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int by_key_then_order(const void *a, const void *b)
{
    const entry16 *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* mask keeps some bits of random keys: few distinct keys, equal bytes, and so on */
static void check_entries(size_t n, uint64_t mask)
{
    entry16 *a = malloc(n * sizeof *a + 1), *b = malloc(n * sizeof *b + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (size_t i = 0; i < n; i++) a[i] = b[i] = (entry16){ rng() & mask, (uint32_t)i, 0 };
    sort_by_u64(a, n, sizeof *a);
    qsort(b, n, sizeof *b, by_key_then_order);
    CU_ASSERT_EQUAL(memcmp(a, b, n * sizeof *a), 0);
    free(a);
    free(b);
}

static void test_entries(void)
{
    const uint64_t masks[] = { UINT64_MAX, 0xff, 0xff00ff0000000000ull, 0x3, 0, 0x8000000000000001ull };
    const size_t sizes[] = { 0, 1, 2, 7, 48, 49, 1000, 100000 };
    for (size_t m = 0; m < sizeof masks / sizeof *masks; m++)
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) check_entries(sizes[s], masks[m]);
}

static void test_u64(void)
{
    const size_t sizes[] = { 3, 48, 49, 5000, 200000 };
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        for (size_t i = 0; i < n; i++) a[i] = b[i] = i % 3 ? rng() : rng() % 17; /* duplicates too */
        sort_by_u64(a, n, sizeof *a);
        qsort(b, n, sizeof *b, by_u64);
        CU_ASSERT_EQUAL(memcmp(a, b, n * sizeof *a), 0);
        free(a);
        free(b);
    }
}

UNIT_MAIN("sort",
          { "16-byte entries: by key, ties in input order, any key shape", test_entries },
          { "8-byte keys, with duplicates", test_u64 })
