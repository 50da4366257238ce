/* record.h - one record: typed slots by schema field index; strings live in a reused arena. */
#ifndef VIGIE_RECORD_H
#define VIGIE_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "arena.h"
#include "schema.h"

typedef enum {
    V_MISSING = 0, V_STRING, V_INTEGER, V_NUMBER, V_BOOLEAN, V_DATE, V_DATETIME, V_LIST
} value_kind;

typedef struct value {
    uint8_t kind;          /* value_kind; V_MISSING for absent or empty fields */
    uint32_t len;          /* string length (V_STRING) or item count (V_LIST) */
    union {
        const char *s;     /* V_STRING: NUL-terminated, in the record arena */
        int64_t i;         /* V_INTEGER */
        double n;          /* V_NUMBER */
        bool b;            /* V_BOOLEAN */
        int64_t date;      /* V_DATE: days since 1970-01-01 */
        int64_t datetime;  /* V_DATETIME: seconds since 1970-01-01T00:00:00Z */
        const char **items;/* V_LIST: len NUL-terminated strings */
    } as;
} value;

typedef struct record {
    const schema *schema;
    value *slots;          /* schema->field_count slots */
    arena arena;
    const char *source;    /* manifest path */
    long line;             /* line where the record starts in its manifest */
    const struct links_index *links; /* the run's booking and link index for this kind (NULL: none) */
    /* What links_attach computed once for this record (its hashes, its booking), so
     * that each booking or link predicate does not; valid while links_ready. */
    uint64_t links_state[6];
    bool links_ready;
    /* Per link key, once asked (bit i of links_key_done): the hash of the record's
     * value and its summary in the index + 1 (0: not there). Cleared by links_attach. */
    uint32_t links_key_done;
    uint32_t links_key_summary[SCHEMA_MAX_LINKS];
    uint64_t links_key_hash[SCHEMA_MAX_LINKS];
} record;

void record_init(record *r, const schema *s);
void record_clear(record *r);        /* all slots missing, arena reset */
void record_free(record *r);
const value *record_get(const record *r, int index);
const value *record_get_field(const record *r, const char *name); /* NULL when unknown */
const char *record_key(const record *r); /* key field as text, "" when missing */

/* Convert text to the field's type into out (strings copied into the arena). Empty
 * text gives V_MISSING. Lists are '|'-separated. Booleans: true/false, yes/no, y/n,
 * 1/0 (any case). Dates: YYYY-MM-DD. Datetimes: YYYY-MM-DDTHH:MM[:SS][Z] or with a
 * space instead of T. Returns VG_ERR with a reason in why when it does not convert. */
int value_parse(const field *f, const char *text, size_t len, arena *a, value *out,
                char *why, size_t why_size);

/* Compute the schema's derived slots from the read ones. */
void record_derive(record *r);

/* Render a value as text (dates ISO, lists '|'-joined). Returns chars written. */
size_t value_format(const value *v, char *buf, size_t size);

/* Exactly "YYYY-MM-DD", a real calendar day: VG_OK and the day count, else VG_ERR.
 * The one date parser (values, review_by, VIGIE_TODAY). */
int date_parse(const char *s, size_t len, int64_t *days);

/* Calendar helpers shared by parsing, derivation and the generator. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
