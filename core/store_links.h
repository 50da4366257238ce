/* store_links.h - the link history in the review store: per run, keyed hashes of the link values its records carried. */
#ifndef VIGIE_STORE_LINKS_H
#define VIGIE_STORE_LINKS_H

#include <stdint.h>
#include "store.h"

/* What a run keeps per (record, link key read): never the value itself, only its
 * 64-bit hash under the store's own secret key, with the hashes of the booking
 * reference and of the surname, and the record key and booking reference (what an
 * explanation names). Rows belong to their run: added while it runs, never changed,
 * deleted by `vigie review purge` with the rest of the run's personal values. */
typedef struct store_link_row {
    const char *link;
    uint64_t value, booking, surname;
    const char *record_key, *booking_ref;
} store_link_row;

/* The store's secret key for link hashes (16 bytes): made from libsodium's random
 * source the first time, kept in meta. */
int store_links_hash_key(store *st, unsigned char key[16], vg_error *err);

/* Add rows of the running run run_id (kind: the record kind), in one transaction. */
int store_links_add(store *st, const char *run_id, const char *kind, const store_link_row *rows, size_t count,
                    vg_error *err);

/* The rows of link `link` of kind from runs other than except_run that started
 * within `days` days before now (days <= 0: none), oldest run first, rows in the
 * order they were added. */
int store_links_each(store *st, const char *kind, const char *link, int days, const char *except_run,
                     void (*cb)(void *ctx, const store_link_row *row), void *ctx, vg_error *err);

#endif
