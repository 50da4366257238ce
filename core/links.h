/* links.h - the booking view and shared identifiers of one run: booking values and link values for the scenario language. */
#ifndef VIGIE_LINKS_H
#define VIGIE_LINKS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "record.h"
#include "schema.h"

/* ---- the language's values (one table each; `vigie help operators` prints them) ----
 *
 * booking "v": a value of the record's booking (the schema's `group:`, e.g. the PNR
 * record locator) computed over every record of that booking in the run.
 * link("k", "v"): a value of the records that share the record's link key k (the
 * schema's `links:`, e.g. contact_phone) in the run.
 * Each value names the fields it reads, so governance sees them like field reads. */
typedef enum {
    BOOKING_PARTY_SIZE, BOOKING_MINORS, BOOKING_ADULTS, BOOKING_YOUNGEST_AGE, BOOKING_OLDEST_AGE,
    BOOKING_SURNAMES, BOOKING_OTHER_SURNAMES, BOOKING_PAYER_TRAVELS, BOOKING_IS_PAYER,
    BOOKING_MINOR_NO_ADULT_SAME_SURNAME, BOOKING_ONLY_ADULT, BOOKING_VALUE_COUNT
} booking_value_id;

typedef enum { LINK_RECORDS, LINK_BOOKINGS, LINK_SURNAMES, LINK_FIRST_SEEN, LINK_VALUE_COUNT } link_value_id;

typedef struct links_value_def {
    const char *name;      /* booking "minors", link(k, "bookings") */
    field_type type;       /* FT_INTEGER or FT_BOOLEAN */
    const char *reads;     /* the schema fields it reads, space-separated (link values add the key's) */
    const char *doc;       /* what it is, and when it is unknown */
} links_value_def;

extern const links_value_def links_booking_values[BOOKING_VALUE_COUNT];
extern const links_value_def links_link_values[LINK_VALUE_COUNT];

int links_booking_value_id(const char *name); /* -1 when unknown */
int links_link_value_id(const char *name);    /* -1 when unknown */
/* The two tables as Markdown (scenarios/README.md holds them, after the operators). */
void links_print_markdown(FILE *out);

/* The age under which a traveller is a minor. */
#define LINKS_MINOR_AGE 18

/* ---- the run's index --------------------------------------------------------------
 *
 * Built in a first pass over the run's input (pipeline.c, only when the scenarios use
 * booking or link values): links_extract turns a record into a compact row (64-bit
 * keyed hashes of the group, surname, names and link keys, the age, and the record's
 * key, surname and group as text for explanations); rows are added in input order
 * (links_add), then links_build sorts and summarises them. After that the index is
 * read-only and shared by every evaluation thread. */
typedef struct links_index links_index;
typedef struct links_rows links_rows;   /* rows of one batch, extracted by a worker */

/* key_mask: bit i set when link i of the schema is used (only those are collected);
 * booking: whether booking values are read (else no bookings are built, and booking
 * values and explanations must not be asked of the index). */
links_index *links_new(const schema *s, unsigned key_mask, bool booking);
void links_free(links_index *ix);
const schema *links_schema(const links_index *ix);
unsigned links_key_mask(const links_index *ix);

links_rows *links_rows_new(void);
void links_rows_clear(links_rows *rows);
void links_rows_free(links_rows *rows);
void links_extract(const links_index *ix, const record *rec, links_rows *rows);
/* Marks in read (one per field of the schema) the fields links_extract reads. */
void links_fields_read(const links_index *ix, bool *read);
void links_add(links_index *ix, const links_rows *rows);   /* in input order */
/* threads: how many may build at once (the bookings beside the link keys). */
void links_build(links_index *ix, int threads);
long long links_record_count(const links_index *ix);
size_t links_memory(const links_index *ix);                 /* bytes held, for the summary */

/* Compute once what every booking value of rec needs (its hashes, its booking) and
 * keep it in the record (links_state); the pipeline calls it before evaluating. */
void links_attach(const links_index *ix, record *rec);
/* links_attach for a record of the run read again: ordinal is its place among the
 * records the first pass added (input order, from 0), -1 when not known. The built
 * index then answers by ordinal, without hashing; a record whose key is not the one
 * the first pass kept there (the input is not read the same way) is hashed instead. */
void links_attach_at(const links_index *ix, record *rec, long long ordinal);

/* ---- the store's history ----------------------------------------------------------
 * A run into the review store keeps, per record and link key read, the keyed hash of
 * the value with the booking's hash, the surname's hash, the record key and booking
 * reference (store.h: store_link_history_*), and the next runs' link values count
 * those rows as records seen before the run. Hashes are keyed with the store's own
 * secret (links_set_hash_key) so the stored values cannot be matched against a list
 * of phone numbers without it. */
#define LINKS_HASH_KEY_BYTES 16
void links_set_hash_key(links_index *ix, const unsigned char key[LINKS_HASH_KEY_BYTES]);
/* A record of an earlier run (link is the schema's link index), added after the run's
 * own rows and before the build; it ranks before them (oldest first) and is never part
 * of a booking of this run. Only rows whose value the run has matter: add those for
 * which links_history_wanted is true, so memory follows the run, not the store. */
bool links_history_wanted(links_index *ix, int link, uint64_t value);
void links_add_history(links_index *ix, int link, uint64_t value, uint64_t group, uint64_t surname,
                       const char *record_key, const char *group_ref);
size_t links_history_count(const links_index *ix);
typedef struct links_row {
    const char *link;        /* the link key's name */
    uint64_t value, group, surname; /* keyed hashes; surname 0 when missing */
    const char *record_key, *group_ref;
} links_row;
typedef void (*links_row_fn)(void *ctx, const links_row *row);
/* Every (record, link key) of the run with a value, in input order: between the first
 * pass and links_build (the store keeps them for the next runs). */
void links_each_row(const links_index *ix, links_row_fn fn, void *ctx);

/* The value for rec (a record of the run, or one with the same group and keys);
 * out->kind is V_MISSING when the value is unknown. */
void links_booking_value(const links_index *ix, const record *rec, booking_value_id id, value *out);
void links_link_value(const links_index *ix, const record *rec, int link, link_value_id id, value *out);

/* The indexes a set of scenarios needs: one per record kind whose scenarios read a
 * booking or link value (only the link keys they read are collected). Returns how many
 * it made in out (at most max); free each with links_free. */
struct scenario;
int links_plan(const struct scenario *const *scenarios, int count, links_index **out, int max);
links_index *links_find(links_index *const *indexes, int count, const schema *s);

/* ---- explanation data ---------------------------------------------------------------
 * What a hit on a booking or link value shows: the booking's records (key, surname,
 * age, whether they are the payer) and the records that share a key (key, booking).
 * Strings point into the index (valid while it lives). Never the key's own text. */
#define LINKS_SHOW_MAX 16
typedef struct links_member_view {
    const char *key, *surname, *group;
    int age;                 /* -1 when unknown */
    bool is_payer;           /* their names are the payer's of the explained record */
    bool is_self;
} links_member_view;

typedef struct links_booking_view {
    const char *group;
    int size;                /* records of the booking in the run */
    int shown;
    links_member_view members[LINKS_SHOW_MAX];
} links_booking_view;

typedef struct links_link_view {
    const char *link;        /* the link key's name */
    int records, bookings;
    int shown;
    links_member_view linked[LINKS_SHOW_MAX]; /* first in input order */
} links_link_view;

bool links_explain_booking(const links_index *ix, const record *rec, links_booking_view *out);
bool links_explain_link(const links_index *ix, const record *rec, int link, links_link_view *out);

#endif
