/* sort.h - a stable radix sort of fixed-size elements by their leading 64-bit key:
 * the link index sorts a million hashes several times per run, where qsort's
 * comparisons through a function pointer cost ten times as much. */
#ifndef VIGIE_SORT_H
#define VIGIE_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort n elements of size bytes (8 or 16; the first 8 bytes are a uint64_t key, in
 * the machine's byte order) ascending by that key. Stable: elements with equal keys
 * keep their order. */
void sort_by_u64(void *base, size_t n, size_t size);

#endif
