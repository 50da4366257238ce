/* catalog.h - the message catalogue of the web page: every string of every page, in English and French. */
#ifndef VIGIE_CATALOG_H
#define VIGIE_CATALOG_H

#include <stddef.h>

/* The catalogue is web/messages.en and web/messages.fr, embedded in the binary:
 * one `key = text` per line, `#` comments. Both files must have the same keys and
 * the same {1} {2} placeholders (catalog_check); a missing key renders as the key
 * itself and is counted (catalog_misses), so a test that renders every page in
 * both languages fails on any string left out. Parsed once, then read-only: safe
 * from every thread. */

/* "en" or "fr": anything else reads as "en". */
const char *catalog_lang(const char *lang);
/* The text of key in lang. */
const char *catalog_get(const char *lang, const char *key);
/* How many lookups found no text since the start (tests). */
long catalog_misses(void);
/* Compare two catalogue texts: keys present in one and not the other, empty texts,
 * placeholders that differ. The number of problems; the first few in report. */
int catalog_compare(const char *en, const char *fr, char *report, size_t size);
/* catalog_compare over the embedded files. */
int catalog_check(char *report, size_t size);
/* Number of keys in the catalogue (each language has them all when catalog_check is 0). */
int catalog_count(void);

#endif
