/* review.h - review items as officers read them: the queue, one item in full, decisions, export. */
#ifndef VIGIE_REVIEW_H
#define VIGIE_REVIEW_H

#include <stdio.h>
#include "store.h"

#define REVIEW_CLAIM_MINUTES 30 /* a claim lapses after this long unless renewed (VIGIE_CLAIM_MINUTES) */

/* Who is acting: flag, else $VIGIE_OFFICER, else the login name, else "unknown". */
const char *review_actor(const char *flag);
/* Minutes a claim holds: $VIGIE_CLAIM_MINUTES (1 to 1440) or REVIEW_CLAIM_MINUTES. */
int review_claim_minutes(void);

/* One line of the queue: item, score/threshold, subjects, scenarios, who, age, status, holder. */
void review_print_header(FILE *out);
void review_print_line(const store_item *item, FILE *out);
/* The queue as JSON objects, one per item (--format json). */
void review_print_json_line(const store_item *item, FILE *out);

/* Everything an officer needs on one item: identity fields of each member of the
 * booking or shipment, every hit's explanation (as `vigie explain` shows it), the
 * guidance, earlier reviews, who holds it. The read of personal data is audited. */
int review_show(store *st, long long item_id, const char *lang, const char *actor, FILE *out, vg_error *err);

typedef enum { REVIEW_EXPORT_CSV, REVIEW_EXPORT_NDJSON } review_export_format;
/* Every hit of the filter with its latest disposition, for case systems; audited. */
int review_export(store *st, const store_item_filter *filter, review_export_format format, const char *actor,
                  FILE *out, long long *rows, vg_error *err);

#endif
