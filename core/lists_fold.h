/* lists_fold.h - the one folding of list values and the text matched against them: case and accents. */
#ifndef VIGIE_LISTS_FOLD_H
#define VIGIE_LISTS_FOLD_H

#include <stddef.h>

/* Fold s[0..len) for list matching: upper case, accents and other combining marks
 * removed ("Ürümqi" -> "URUMQI", "Côte" -> "COTE"). ASCII text is upper-cased byte by
 * byte without ICU (the hot path: HS codes, airport codes, most names); text with
 * other UTF-8 goes through ICU (NFD, nonspacing marks removed, full upper-casing, so
 * "ß" -> "SS"). Invalid UTF-8 is upper-cased byte by byte, as before folding existed.
 *
 * Writes into buf when the result fits in bufsize bytes (with its NUL) and returns
 * buf; otherwise returns a malloc'd string the caller frees (when result != buf).
 * *out_len receives the folded length. Never returns NULL (aborts on no memory). */
char *list_fold(const char *s, size_t len, char *buf, size_t bufsize, size_t *out_len);

#endif
