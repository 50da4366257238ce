/* links.c - the booking view and shared identifiers of one run: a compact index built in a first pass, read by booking and link values. */
#include "links.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "lists_fold.h"
#include "predicate.h"
#include "scenario.h"
#include "sort.h"
#include "xalloc.h"

/* ---- the language's values ----------------------------------------------------------- */

const links_value_def links_booking_values[BOOKING_VALUE_COUNT] = {
    [BOOKING_PARTY_SIZE] = { "party_size", FT_INTEGER, "",
        "records of the booking in the run, this one included (not the PNR's own `party_size` field)" },
    [BOOKING_MINORS] = { "minors", FT_INTEGER, "age",
        "records of the booking aged under 18; unknown when one of them has no age" },
    [BOOKING_ADULTS] = { "adults", FT_INTEGER, "age",
        "records of the booking aged 18 or over; unknown when one of them has no age" },
    [BOOKING_YOUNGEST_AGE] = { "youngest_age", FT_INTEGER, "age",
        "the lowest age on the booking; unknown when one of them has no age" },
    [BOOKING_OLDEST_AGE] = { "oldest_age", FT_INTEGER, "age",
        "the highest age on the booking; unknown when one of them has no age" },
    [BOOKING_SURNAMES] = { "surnames", FT_INTEGER, "surname",
        "distinct surnames on the booking; unknown when one of them has no surname" },
    [BOOKING_OTHER_SURNAMES] = { "other_surnames", FT_INTEGER, "surname",
        "other records of the booking whose surname differs from this one's; unknown when a surname is missing" },
    [BOOKING_PAYER_TRAVELS] = { "payer_travels", FT_BOOLEAN, "payer_surname payer_given_names surname given_names",
        "a record of the booking has this record's payer's surname and given names; unknown when the payer's names are missing" },
    [BOOKING_IS_PAYER] = { "is_payer", FT_BOOLEAN, "payer_surname payer_given_names surname given_names",
        "this traveller's surname and given names are the payer's; unknown when either side is missing" },
    [BOOKING_MINOR_NO_ADULT_SAME_SURNAME] = { "minor_no_adult_same_surname", FT_BOOLEAN, "age surname",
        "the booking has a minor with no adult of the same surname on it; unknown when an age or surname is missing" },
    [BOOKING_ONLY_ADULT] = { "only_adult", FT_BOOLEAN, "age",
        "this traveller is 18 or over and the only adult of the booking; unknown when an age is missing" },
};

const links_value_def links_link_values[LINK_VALUE_COUNT] = {
    [LINK_RECORDS] = { "records", FT_INTEGER, "",
        "records in the run with the same key value, this one included; unknown when the key is missing" },
    [LINK_BOOKINGS] = { "bookings", FT_INTEGER, "",
        "distinct bookings (groups: bills of lading for shipments) among them" },
    [LINK_SURNAMES] = { "surnames", FT_INTEGER, "surname",
        "distinct surnames among them (records without a surname are not counted)" },
    [LINK_FIRST_SEEN] = { "first_seen", FT_BOOLEAN, "",
        "this record's booking is the first in input order that carries this key value; unknown without a booking reference" },
};

int links_booking_value_id(const char *name)
{
    for (int i = 0; name && i < BOOKING_VALUE_COUNT; i++)
        if (strcmp(links_booking_values[i].name, name) == 0) return i;
    return -1;
}

int links_link_value_id(const char *name)
{
    for (int i = 0; name && i < LINK_VALUE_COUNT; i++)
        if (strcmp(links_link_values[i].name, name) == 0) return i;
    return -1;
}

static void links_print_table(FILE *out, const char *form, const links_value_def *defs, int count)
{
    fprintf(out, "| %s | type | reads | what it is |\n|---|---|---|---|\n", form);
    for (int i = 0; i < count; i++)
        fprintf(out, "| `%s` | %s | %s | %s |\n", defs[i].name, field_type_name(defs[i].type),
                defs[i].reads[0] ? defs[i].reads : "-", defs[i].doc);
}

void links_print_markdown(FILE *out)
{
    fputs("\n", out);
    links_print_table(out, "booking value `v`", links_booking_values, BOOKING_VALUE_COUNT);
    fputs("\n", out);
    links_print_table(out, "link value `v`", links_link_values, LINK_VALUE_COUNT);
}

/* ---- the index ------------------------------------------------------------------------
 *
 * Rows: one per record, in input order (its ordinal). A record keeps 64-bit keyed hashes
 * (SipHash-2-4 through libsodium's crypto_shorthash, under a fixed key: the hashes never
 * leave the process, the key only spreads them) of its folded group, surname and full
 * name (surname + given names), of its payer's full name, and of each link key used;
 * its age; and its key, surname and group as text, for explanations only. Hash 0 is
 * "missing". Built, the index holds:
 *   bookings: every ordinal sorted by (group, ordinal), and one summary per group;
 *   names:    (group, full name) pairs of the large bookings sorted, for "does the
 *             payer travel" (a smaller booking's members are scanned);
 *   per key:  (hash, ordinal) sorted, and one summary per distinct value.
 * Everything is sorted with the ordinal as the last key, so the result does not depend
 * on which thread read which record.
 * The second pass reads the records again in the same order, so it can tell a record's
 * ordinal (links_attach_at): for that, the build also keeps, per ordinal of the run,
 * its booking and, per key, its summary (4 bytes each), and in the member its payer's
 * answers; the records then need no hashing nor probing. The keys' entries keep only
 * their ordinals once built (4 bytes each instead of 16), and the names only the large
 * bookings' pairs (8 bytes a record before): that pays for it. */

/* The hash key of an index without a store (tests, explain, --no-store runs): fixed, so
 * results repeat; a run into a store uses the store's own secret key instead. */
static const unsigned char links_hash_key[crypto_shorthash_KEYBYTES] = "vigie links v1.";

typedef struct links_member {
    uint64_t group, surname, name;
    uint32_t text;           /* offset in the text pool: key \0 surname \0 group \0 */
    int16_t age;             /* -1 when unknown */
    uint8_t payer;           /* built, for booking values: PAYER_* below */
} links_member;
_Static_assert(sizeof(links_member) == 32, "the payer's answers fit in what was padding");

/* A member's payer answers (booking payer_travels and is_payer), computed by the build
 * from its payer's full name, which is not kept. */
enum {
    PAYER_KNOWN = 1,         /* the payer's names are there: payer_travels is known */
    PAYER_TRAVELS = 2,
    PAYER_NAME_KNOWN = 4,    /* the traveller's names too: is_payer is known */
    PAYER_IS = 8,
};

/* Ages are under 200 (links_extract), so a byte holds them; the flags are bits: 32
 * bytes a booking instead of 40. */
typedef struct booking_summary {
    uint64_t group;
    uint32_t start, count;   /* in ix->booking_order */
    uint32_t minors, adults, surnames;
    uint8_t youngest, oldest; /* read only when no age is missing */
    bool age_missing : 1, surname_missing : 1, minor_alone : 1; /* minor_alone: a minor with no adult of its surname */
} booking_summary;
_Static_assert(sizeof(booking_summary) == 32, "a booking's summary stays 32 bytes");

/* The entries of one hash are in rank order (the store's history first, oldest first,
 * then the run in input order): they are filled in that order and sorted stably. pad
 * makes the element 16 bytes, a size sort_by_u64 takes. */
typedef struct key_entry { uint64_t hash; uint32_t ordinal, pad; } key_entry;
_Static_assert(sizeof(key_entry) == 16, "sort_by_u64 sorts 8- or 16-byte elements");

/* The group of the first record with the value (first_seen) is not kept: that record
 * is the first of its linked ordinals (summary_first_group). */
typedef struct key_summary {
    uint64_t hash;
    uint32_t start, count;   /* in the key's linked ordinals */
    uint32_t bookings, surnames;
} key_summary;
_Static_assert(sizeof(key_summary) == 24, "a shared value's summary stays 24 bytes");

/* An open-addressing table over a sorted array whose elements start with their 64-bit
 * hash: built once with the index, so a lookup costs one or two cache misses instead
 * of a binary search's twenty over a million entries. slot[i] is an element's index
 * + 1, 0 when empty. */
typedef struct hash_slots {
    uint32_t *slot;
    size_t mask;
} hash_slots;

static size_t slots_start(uint64_t h, size_t mask) { return (size_t)(h ^ (h >> 29)) & mask; }

static void slots_build(hash_slots *t, const void *base, size_t stride, size_t n)
{
    free(t->slot);
    size_t size = 16;
    while (size < n + n / 2) size <<= 1;
    t->slot = xcalloc(size, sizeof *t->slot);
    t->mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h;
        memcpy(&h, (const char *)base + i * stride, sizeof h);
        size_t p = slots_start(h, t->mask);
        while (t->slot[p]) p = (p + 1) & t->mask;
        t->slot[p] = (uint32_t)(i + 1);
    }
}

/* The element with hash h, or NULL. */
static const void *slots_find(const hash_slots *t, const void *base, size_t stride, uint64_t h)
{
    for (size_t p = slots_start(h, t->mask); t->slot[p]; p = (p + 1) & t->mask) {
        const void *e = (const char *)base + (size_t)(t->slot[p] - 1) * stride;
        uint64_t eh;
        memcpy(&eh, e, sizeof eh);
        if (eh == h) return e;
    }
    return NULL;
}

_Static_assert(offsetof(key_summary, hash) == 0, "hash_slots finds a summary by its first member");
_Static_assert(offsetof(booking_summary, group) == 0, "hash_slots finds a booking by its first member");

typedef struct key_index {
    int link;                /* index in the schema's links */
    hash_slots by_hash;      /* built: summaries by hash */
    uint64_t *hashes;        /* per ordinal, while collecting */
    uint64_t *run_values;    /* the run's distinct values, sorted (to filter the store's history) */
    size_t run_value_count;
    uint32_t *linked;        /* built: the ordinals sharing each summarised value, in rank order */
    size_t linked_count;
    key_summary *summaries;
    size_t summary_count;
    uint32_t *codes;         /* built, per ordinal of the run: KEY_NONE, KEY_ALONE or KEY_SHARED + summary */
} key_index;

/* A run record's value of a key, as the build tells it by ordinal. */
enum { KEY_NONE = 0, KEY_ALONE = 1, KEY_SHARED = 2 };

struct links_index {
    const schema *schema;
    unsigned key_mask;
    bool booking;
    int surname, given, payer_surname, payer_given, age; /* slots, -1 when the schema has none */
    links_member *members;
    size_t count, capacity;
    char *text;
    size_t text_len, text_capacity;
    key_index keys[SCHEMA_MAX_LINKS];
    int key_count;
    uint32_t *booking_order;
    uint32_t *surname_order; /* built: each booking's members again, by (surname hash, ordinal) */
    uint32_t *booking_of;    /* built, per ordinal of the run: its booking + 1, 0 without a group */
    uint64_t *payers;        /* per ordinal, while collecting: the payer's full name hash */
    booking_summary *bookings;
    size_t booking_count;
    hash_slots bookings_by_group; /* built */
    uint64_t *names;         /* sorted pair hashes of (group, full name), bookings over BOOKING_SCAN_MAX only */
    size_t name_count;
    unsigned char hash_key[crypto_shorthash_KEYBYTES];
    size_t run_end;          /* members from this ordinal on come from the store's history (SIZE_MAX: none yet) */
    size_t history_count;
    bool built;
};

static const unsigned char *hash_key_of(const links_index *ix) { return ix ? ix->hash_key : links_hash_key; }

void links_set_hash_key(links_index *ix, const unsigned char key[LINKS_HASH_KEY_BYTES])
{
    memcpy(ix->hash_key, key, sizeof ix->hash_key);
}

/* One batch's rows: members and their link hashes, and their texts. */
struct links_rows {
    links_member *members;
    size_t count, capacity;
    uint64_t *hashes;        /* count * key_count */
    uint64_t *payers;        /* count: the payer's full name hash (0 without booking values) */
    char *text;
    size_t text_len, text_capacity;
};


/* Fold a text into buf: case and accents folded as list values are (lists_fold.h:
 * ASCII byte by byte, other UTF-8 through ICU, so "José" is "JOSE" and "Müller"
 * "MULLER"), then letters and digits kept, the rest left out (spaces, punctuation:
 * "+1 (514) 555-0101" is "15145550101"). */
static size_t links_fold(const char *s, size_t len, char *buf, size_t size)
{
    char tmp[512];
    const char *src = s;
    char *folded = NULL;
    size_t srclen = len;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) {
            folded = list_fold(s, len, tmp, sizeof tmp, &srclen);
            src = folded;
            break;
        }
    size_t n = 0;
    for (size_t i = 0; i < srclen && n < size; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c >= 'A' && c <= 'Z') buf[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) buf[n++] = (char)c;
    }
    if (folded && folded != tmp) free(folded);
    return n;
}

static uint64_t links_hash_bytes(const links_index *ix, const unsigned char *b, size_t n)
{
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, b, n, hash_key_of(ix));
    uint64_t h;
    memcpy(&h, out, sizeof h);
    return h ? h : 1;
}

/* The hash of one or two string values read together (0 when the first, or the second
 * if any, is missing or folds to nothing). */
static uint64_t links_hash_values(const links_index *ix, const record *rec, int a, int b)
{
    char buf[1024];
    size_t n = 0;
    const int slots[2] = { a, b };
    for (int i = 0; i < 2; i++) {
        if (slots[i] < 0) continue;
        const value *v = &rec->slots[slots[i]];
        if (v->kind != V_STRING) return 0;
        size_t m = links_fold(v->as.s, v->len, buf + n, sizeof buf - n - 1);
        if (!m) return 0;
        n += m;
        if (i == 0 && b >= 0) buf[n++] = '\x1f'; /* surname | given names */
    }
    return n ? links_hash_bytes(ix, (const unsigned char *)buf, n) : 0;
}

static uint64_t links_pair(const links_index *ix, uint64_t group, uint64_t name)
{
    unsigned char b[16];
    memcpy(b, &group, 8);
    memcpy(b + 8, &name, 8);
    return links_hash_bytes(ix, b, sizeof b);
}

links_index *links_new(const schema *s, unsigned key_mask, bool booking)
{
    if (sodium_init() < 0) { /* never on a working libsodium; the hashes need nothing it sets up */ }
    links_index *ix = xcalloc(1, sizeof *ix);
    ix->schema = s;
    memcpy(ix->hash_key, links_hash_key, sizeof ix->hash_key);
    ix->run_end = SIZE_MAX;
    ix->key_mask = key_mask;
    ix->booking = booking;
    ix->surname = schema_field_index(s, "surname");
    ix->given = schema_field_index(s, "given_names");
    ix->payer_surname = schema_field_index(s, "payer_surname");
    ix->payer_given = schema_field_index(s, "payer_given_names");
    ix->age = schema_field_index(s, "age");
    for (int i = 0; i < s->link_count; i++)
        if (key_mask & (1u << i)) ix->keys[ix->key_count++].link = i;
    return ix;
}

void links_free(links_index *ix)
{
    if (!ix) return;
    free(ix->members);
    free(ix->text);
    for (int k = 0; k < ix->key_count; k++) {
        free(ix->keys[k].hashes);
        free(ix->keys[k].linked);
        free(ix->keys[k].summaries);
        free(ix->keys[k].codes);
        free(ix->keys[k].run_values);
        free(ix->keys[k].by_hash.slot);
    }
    free(ix->bookings_by_group.slot);
    free(ix->booking_order);
    free(ix->surname_order);
    free(ix->booking_of);
    free(ix->payers);
    free(ix->bookings);
    free(ix->names);
    free(ix);
}

const schema *links_schema(const links_index *ix) { return ix->schema; }
unsigned links_key_mask(const links_index *ix) { return ix->key_mask; }
long long links_record_count(const links_index *ix) { return (long long)ix->count; }

links_rows *links_rows_new(void) { return xcalloc(1, sizeof(links_rows)); }
void links_rows_clear(links_rows *rows) { rows->count = rows->text_len = 0; }
void links_rows_free(links_rows *rows)
{
    if (!rows) return;
    free(rows->members);
    free(rows->hashes);
    free(rows->payers);
    free(rows->text);
    free(rows);
}

static void text_append(char **text, size_t *len, size_t *capacity, const char *s, size_t n)
{
    if (*len + n + 1 > *capacity) {
        size_t c = *capacity ? *capacity : 4096;
        while (*len + n + 1 > c) c *= 2;
        *text = xrealloc(*text, c);
        *capacity = c;
    }
    memcpy(*text + *len, s, n);
    (*text)[*len + n] = '\0';
    *len += n + 1;
}

static void text_value(links_rows *rows, const record *rec, int slot)
{
    const value *v = slot >= 0 ? &rec->slots[slot] : NULL;
    if (v && v->kind == V_STRING) text_append(&rows->text, &rows->text_len, &rows->text_capacity, v->as.s, v->len);
    else text_append(&rows->text, &rows->text_len, &rows->text_capacity, "", 0);
}

void links_extract(const links_index *ix, const record *rec, links_rows *rows)
{
    if (rows->count == rows->capacity) {
        rows->capacity = rows->capacity ? rows->capacity * 2 : 256;
        rows->members = xreallocarray(rows->members, rows->capacity, sizeof *rows->members);
        rows->hashes = xreallocarray(rows->hashes, rows->capacity * (size_t)(ix->key_count ? ix->key_count : 1),
                                     sizeof *rows->hashes);
        rows->payers = xreallocarray(rows->payers, rows->capacity, sizeof *rows->payers);
    }
    const schema *s = ix->schema;
    links_member *m = &rows->members[rows->count];
    m->group = s->group_index >= 0 ? links_hash_values(ix, rec, s->group_index, -1) : 0;
    m->surname = links_hash_values(ix, rec, ix->surname, -1);
    /* the full name serves only booking values (payer_travels, is_payer) */
    m->name = ix->booking && ix->given >= 0 ? links_hash_values(ix, rec, ix->surname, ix->given) : 0;
    /* the payer's too, for the build to answer payer_travels and is_payer once */
    rows->payers[rows->count] = ix->booking && ix->payer_given >= 0
                                ? links_hash_values(ix, rec, ix->payer_surname, ix->payer_given) : 0;
    m->payer = 0;
    const value *age = ix->age >= 0 ? &rec->slots[ix->age] : NULL;
    m->age = age && age->kind == V_INTEGER && age->as.i >= 0 && age->as.i < 200 ? (int16_t)age->as.i : -1;
    m->text = (uint32_t)rows->text_len;
    text_value(rows, rec, s->key_index);
    text_value(rows, rec, ix->surname);
    text_value(rows, rec, s->group_index);
    for (int k = 0; k < ix->key_count; k++) {
        const schema_link *l = &s->links[ix->keys[k].link];
        rows->hashes[rows->count * (size_t)ix->key_count + (size_t)k] = links_hash_values(ix, rec, l->fields[0], l->fields[1]);
    }
    rows->count++;
}

void links_fields_read(const links_index *ix, bool *read)
{
    const schema *s = ix->schema;
    const int slots[] = { s->key_index, s->group_index, ix->surname, ix->given, ix->payer_surname, ix->payer_given,
                          ix->age };
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        if (slots[i] >= 0) read[slots[i]] = true;
    for (int k = 0; k < ix->key_count; k++)
        for (int f = 0; f < 2; f++)
            if (s->links[ix->keys[k].link].fields[f] >= 0) read[s->links[ix->keys[k].link].fields[f]] = true;
}

/* Room for need members and their hashes of every key, doubling. */
static void links_reserve(links_index *ix, size_t need)
{
    if (need <= ix->capacity) return;
    size_t c = ix->capacity ? ix->capacity : 1024;
    while (c < need) c *= 2;
    ix->members = xreallocarray(ix->members, c, sizeof *ix->members);
    ix->payers = xreallocarray(ix->payers, c, sizeof *ix->payers);
    for (int k = 0; k < ix->key_count; k++)
        ix->keys[k].hashes = xreallocarray(ix->keys[k].hashes, c, sizeof *ix->keys[k].hashes);
    ix->capacity = c;
}

void links_add(links_index *ix, const links_rows *rows)
{
    if (!rows->count || ix->run_end != SIZE_MAX) return; /* the run's rows all come before the history */
    if (ix->count + rows->count > UINT32_MAX - 1) return; /* ordinals are 32-bit: 4 billion records */
    links_reserve(ix, ix->count + rows->count);
    uint32_t base = (uint32_t)ix->text_len;
    for (size_t i = 0; i < rows->count; i++) {
        links_member m = rows->members[i];
        m.text += base;
        ix->members[ix->count + i] = m;
        ix->payers[ix->count + i] = rows->payers[i];
        for (int k = 0; k < ix->key_count; k++)
            ix->keys[k].hashes[ix->count + i] = rows->hashes[i * (size_t)ix->key_count + (size_t)k];
    }
    if (ix->text_len + rows->text_len + 1 > ix->text_capacity) {
        size_t c = ix->text_capacity ? ix->text_capacity : 65536;
        while (c < ix->text_len + rows->text_len + 1) c *= 2;
        ix->text = xrealloc(ix->text, c);
        ix->text_capacity = c;
    }
    memcpy(ix->text + ix->text_len, rows->text, rows->text_len);
    ix->text_len += rows->text_len;
    ix->count += rows->count;
}

static size_t run_rows(const links_index *ix) { return ix->run_end == SIZE_MAX ? ix->count : ix->run_end; }

static int key_slot(const links_index *ix, int link)
{
    for (int k = 0; k < ix->key_count; k++)
        if (ix->keys[k].link == link) return k;
    return -1;
}

bool links_history_wanted(links_index *ix, int link, uint64_t value)
{
    int k = key_slot(ix, link);
    if (k < 0 || !value || ix->built) return false;
    key_index *ki = &ix->keys[k];
    if (!ki->run_values) { /* once: the run's distinct values of this key */
        size_t n = run_rows(ix), m = 0;
        ki->run_values = xreallocarray(NULL, n ? n : 1, sizeof *ki->run_values);
        for (size_t i = 0; i < n; i++)
            if (ki->hashes[i]) ki->run_values[m++] = ki->hashes[i];
        sort_by_u64(ki->run_values, m, sizeof *ki->run_values);
        size_t u = 0;
        for (size_t i = 0; i < m; i++)
            if (i == 0 || ki->run_values[i] != ki->run_values[u - 1]) ki->run_values[u++] = ki->run_values[i];
        ki->run_value_count = u;
    }
    size_t lo = 0, hi = ki->run_value_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ki->run_values[mid] < value) lo = mid + 1;
        else hi = mid;
    }
    return lo < ki->run_value_count && ki->run_values[lo] == value;
}

static void index_text(links_index *ix, const char *s)
{
    text_append(&ix->text, &ix->text_len, &ix->text_capacity, s ? s : "", strlen(s ? s : ""));
}

void links_add_history(links_index *ix, int link, uint64_t value, uint64_t group, uint64_t surname,
                       const char *record_key, const char *group_ref)
{
    int k = key_slot(ix, link);
    if (k < 0 || !value || ix->built || ix->count >= UINT32_MAX - 1) return;
    if (ix->run_end == SIZE_MAX) ix->run_end = ix->count;
    links_reserve(ix, ix->count + 1);
    size_t at = ix->count++;
    ix->members[at] = (links_member){ .group = group, .surname = surname, .age = -1, .text = (uint32_t)ix->text_len };
    ix->payers[at] = 0;
    for (int q = 0; q < ix->key_count; q++) ix->keys[q].hashes[at] = q == k ? value : 0;
    index_text(ix, record_key);
    index_text(ix, ""); /* surnames are never kept */
    index_text(ix, group_ref);
    ix->history_count++;
}

size_t links_history_count(const links_index *ix) { return ix->history_count; }

/* A member as an explanation shows it: its texts split (key \0 surname \0 group), is_payer
 * when payer is its full name's hash. */
static links_member_view member_view(const links_index *ix, uint32_t ordinal, uint64_t payer)
{
    const links_member *m = &ix->members[ordinal];
    const char *key = ix->text + m->text;
    const char *surname = key + strlen(key) + 1;
    const char *group = surname + strlen(surname) + 1;
    return (links_member_view){ key, surname, group, m->age, payer && m->name == payer, false };
}

void links_each_row(const links_index *ix, links_row_fn fn, void *ctx)
{
    if (ix->built) return; /* call it between the first pass and the build */
    for (size_t i = 0; i < run_rows(ix); i++) {
        const links_member *m = &ix->members[i];
        links_member_view v = member_view(ix, (uint32_t)i, 0);
        for (int k = 0; k < ix->key_count; k++) {
            const key_index *ki = &ix->keys[k];
            uint64_t value = ki->hashes ? ki->hashes[i] : 0; /* per ordinal until the build sorts them */
            if (!value) continue;
            links_row row = { ix->schema->links[ki->link].name, value, m->group, m->surname, v.key, v.group };
            fn(ctx, &row);
        }
    }
}

/* ---- building ---------------------------------------------------------------------- */

static bool links_has_name(const links_index *ix, uint64_t pair)
{
    size_t lo = 0, hi = ix->name_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->names[mid] < pair) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->name_count && ix->names[lo] == pair;
}

/* Bookings up to this size are scanned for a full name: cheaper than a search of every
 * record's (group, full name) pair (a hash and twenty cache misses). */
#define BOOKING_SCAN_MAX 32

/* Whether a member of booking b has this full name hash. */
static bool booking_has_name(const links_index *ix, const booking_summary *b, uint64_t name)
{
    if (b->count > BOOKING_SCAN_MAX) return links_has_name(ix, links_pair(ix, b->group, name));
    for (uint32_t q = b->start; q < b->start + b->count; q++)
        if (ix->members[ix->booking_order[q]].name == name) return true;
    return false;
}

/* A member's PAYER_* answers, its payer's full name hash given, and whether that is
 * the name of a member of its booking. */
static uint8_t payer_answers(const links_member *m, uint64_t payer, bool travels)
{
    if (!payer) return 0;
    uint8_t a = PAYER_KNOWN | (travels ? PAYER_TRAVELS : 0);
    if (m->name) a |= PAYER_NAME_KNOWN | (payer == m->name ? PAYER_IS : 0);
    return a;
}

static uint64_t member_group(const links_index *ix, uint32_t ordinal)
{
    uint64_t g = ix->members[ordinal].group;
    return g ? g : ((uint64_t)ordinal << 1 | 1ull << 63);
}

/* The build sorts (hash, ordinal) pairs, the hash a key's value or a booking's group,
 * a part at a time, a part being the pairs whose hash starts with the same PART_BITS
 * bits: the parts in turn give the order one sort of them all would, while the pairs and
 * the sort's buffer (32 bytes a pair) are held for one part only, about a sixteenth of
 * them, not for the whole run: they were the top of the run's memory. */
#define PART_BITS 4
#define PARTS (1u << PART_BITS)

static unsigned part_of(uint64_t hash) { return (unsigned)(hash >> (64 - PART_BITS)); }

/* Room for need elements of size bytes in *buf (grown, never shrunk). */
static void *reserve(void *buf, size_t *capacity, size_t need, size_t size)
{
    if (need <= *capacity) return buf;
    *capacity = need;
    return xreallocarray(buf, need, size);
}

static void links_build_bookings(links_index *ix)
{
    size_t n = ix->count;
    ix->booking_order = xreallocarray(NULL, n ? n : 1, sizeof *ix->booking_order);
    ix->surname_order = xreallocarray(NULL, n ? n : 1, sizeof *ix->surname_order);
    /* the store's history is not part of any booking of this run */
    n = run_rows(ix);
    /* sorted as (group, ordinal) pairs (a direct comparison, no indirection per compare),
     * a part at a time as the keys are */
    size_t in_part[PARTS] = { 0 }, largest = 0;
    for (size_t i = 0; i < n; i++) in_part[part_of(member_group(ix, (uint32_t)i))]++;
    for (unsigned p = 0; p < PARTS; p++)
        if (in_part[p] > largest) largest = in_part[p];
    key_entry *pairs = xreallocarray(NULL, largest ? largest : 1, sizeof *pairs);
    size_t sorted = 0;
    for (unsigned p = 0; p < PARTS; p++) {
        size_t filled = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t g = member_group(ix, (uint32_t)i);
            if (part_of(g) == p) pairs[filled++] = (key_entry){ g, (uint32_t)i, 0 };
        }
        sort_by_u64(pairs, filled, sizeof *pairs); /* stable: by group, then input order */
        for (size_t q = 0; q < filled; q++) ix->booking_order[sorted++] = pairs[q].ordinal;
    }
    free(pairs);
    size_t groups = 0;
    for (size_t i = 0; i < n; i++)
        groups += i == 0 || member_group(ix, ix->booking_order[i]) != member_group(ix, ix->booking_order[i - 1]);
    ix->bookings = xreallocarray(NULL, groups ? groups : 1, sizeof *ix->bookings);
    ix->booking_count = 0;
    key_entry *scratch = NULL; /* a booking's (surname, ordinal) pairs */
    size_t scratch_capacity = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint64_t g = member_group(ix, ix->booking_order[i]);
        while (j < n && member_group(ix, ix->booking_order[j]) == g) j++;
        scratch = reserve(scratch, &scratch_capacity, j - i, sizeof *scratch);
        booking_summary *b = &ix->bookings[ix->booking_count++];
        memset(b, 0, sizeof *b);
        b->group = g;
        b->start = (uint32_t)i;
        b->count = (uint32_t)(j - i);
        b->youngest = UINT8_MAX;
        b->oldest = 0;
        for (size_t k = i; k < j; k++) {
            const links_member *m = &ix->members[ix->booking_order[k]];
            if (m->age < 0) b->age_missing = true;
            else {
                if (m->age < LINKS_MINOR_AGE) b->minors++;
                else b->adults++;
                if (m->age < b->youngest) b->youngest = (uint8_t)m->age;
                if (m->age > b->oldest) b->oldest = (uint8_t)m->age;
            }
            if (!m->surname) b->surname_missing = true;
            scratch[k - i] = (key_entry){ m->surname, ix->booking_order[k], 0 };
        }
        /* by surname (then input order: the booking's ordinals ascend, the sort is
         * stable): distinct surnames, each record's same-surname count, and whether a
         * surname has minors and no adult */
        sort_by_u64(scratch, j - i, sizeof *scratch);
        for (size_t q = 0; q < j - i; q++) ix->surname_order[i + q] = scratch[q].ordinal;
        for (size_t k = 0; k < j - i;) {
            size_t l = k;
            uint64_t s = scratch[k].hash;
            int minors = 0, adults = 0;
            while (l < j - i && scratch[l].hash == s) {
                int16_t age = ix->members[scratch[l].ordinal].age;
                if (age >= 0 && age < LINKS_MINOR_AGE) minors++;
                else if (age >= 0) adults++;
                l++;
            }
            if (s) b->surnames++;
            if (s && minors && !adults) b->minor_alone = true;
            k = l;
        }
        i = j;
    }
    free(scratch);
    /* the named members of the bookings too large to scan (the store's history has no
     * names nor bookings) */
    size_t large = 0;
    for (size_t b = 0; b < ix->booking_count; b++)
        if (ix->bookings[b].count > BOOKING_SCAN_MAX) large += ix->bookings[b].count;
    ix->names = xreallocarray(NULL, large ? large : 1, sizeof *ix->names);
    ix->name_count = 0;
    for (size_t b = 0; b < ix->booking_count; b++) {
        const booking_summary *bk = &ix->bookings[b];
        if (bk->count <= BOOKING_SCAN_MAX) continue;
        for (uint32_t q = bk->start; q < bk->start + bk->count; q++) {
            uint64_t name = ix->members[ix->booking_order[q]].name;
            if (name) ix->names[ix->name_count++] = links_pair(ix, bk->group, name);
        }
    }
    sort_by_u64(ix->names, ix->name_count, sizeof *ix->names);
    /* what the second pass reads by ordinal (links_attach_at): each run record's booking
     * (none without a group, as links_find_booking answers) and its payer's answers (a
     * record without a group is a booking of its own: its payer travels when it is them) */
    ix->booking_of = xcalloc(n ? n : 1, sizeof *ix->booking_of);
    for (size_t b = 0; b < ix->booking_count; b++) {
        const booking_summary *bk = &ix->bookings[b];
        for (uint32_t q = bk->start; q < bk->start + bk->count; q++) {
            uint32_t o = ix->booking_order[q];
            links_member *m = &ix->members[o];
            if (m->group) ix->booking_of[o] = (uint32_t)b + 1;
            uint64_t payer = ix->payers[o];
            m->payer = payer_answers(m, payer, payer && booking_has_name(ix, bk, payer));
        }
    }
    free(ix->payers); /* answered: no longer held while the keys are built */
    ix->payers = NULL;
}

/* Summarises the values shared by two records or more among n entries sorted by hash
 * (in rank order within one): a summary each, their ordinals kept in linked, each run
 * record's code. scratch: room for a value's groups or surnames. */
static void summarise_values(links_index *ix, key_index *k, const key_entry *entries, size_t n,
                             uint64_t **scratch, size_t *scratch_capacity)
{
    size_t runs = run_rows(ix);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && entries[j].hash == entries[i].hash; j++) {}
        /* A value only one record has (about a third of phone numbers, e-mails and
         * cards) links nothing: its answers are the record's own (links_link_value, not
         * found), so only shared values are summarised, and only their ordinals kept. */
        if (j - i < 2) continue;
        const key_entry *e = &entries[i];
        size_t count = j - i;
        uint32_t code = KEY_SHARED + (uint32_t)k->summary_count;
        key_summary *s = &k->summaries[k->summary_count++];
        s->hash = e[0].hash;
        s->start = (uint32_t)k->linked_count;
        s->count = (uint32_t)count;
        for (size_t q = 0; q < count; q++) {
            k->linked[k->linked_count++] = e[q].ordinal;
            if (e[q].ordinal < runs) k->codes[e[q].ordinal] = code;
        }
        *scratch = reserve(*scratch, scratch_capacity, count, sizeof **scratch);
        uint64_t *sc = *scratch;
        size_t m = 0;
        for (size_t q = 0; q < count; q++) sc[m++] = member_group(ix, e[q].ordinal);
        sort_by_u64(sc, m, sizeof *sc);
        s->bookings = 0;
        for (size_t q = 0; q < m; q++) s->bookings += q == 0 || sc[q] != sc[q - 1];
        m = 0;
        for (size_t q = 0; q < count; q++)
            if (ix->members[e[q].ordinal].surname) sc[m++] = ix->members[e[q].ordinal].surname;
        sort_by_u64(sc, m, sizeof *sc);
        s->surnames = 0;
        for (size_t q = 0; q < m; q++) s->surnames += q == 0 || sc[q] != sc[q - 1];
    }
}

static void links_build_key(links_index *ix, key_index *k)
{
    size_t runs = run_rows(ix);
    size_t n = 0, in_part[PARTS] = { 0 }, largest = 0;
    for (size_t i = 0; i < ix->count; i++)
        if (k->hashes[i]) {
            in_part[part_of(k->hashes[i])]++;
            n++;
        }
    for (unsigned p = 0; p < PARTS; p++)
        if (in_part[p] > largest) largest = in_part[p];
    /* per run ordinal: a value alone until found shared */
    k->codes = xreallocarray(NULL, runs ? runs : 1, sizeof *k->codes);
    for (size_t i = 0; i < runs; i++) k->codes[i] = k->hashes[i] ? KEY_ALONE : KEY_NONE;
    free(k->run_values);
    k->run_values = NULL;
    /* at most a summary per two entries and an ordinal per entry; trimmed below (the
     * pages past what is filled are never touched) */
    k->summaries = xreallocarray(NULL, n / 2 ? n / 2 : 1, sizeof *k->summaries);
    k->summary_count = 0;
    k->linked = xreallocarray(NULL, n ? n : 1, sizeof *k->linked);
    k->linked_count = 0;
    key_entry *entries = xreallocarray(NULL, largest ? largest : 1, sizeof *entries);
    uint64_t *scratch = NULL;
    size_t scratch_capacity = 0;
    for (unsigned p = 0; p < PARTS; p++) {
        size_t filled = 0;
        /* in rank order, the store's history (oldest first) before the run (input order);
         * the stable sort by hash keeps that order within a value */
        for (size_t i = runs; i < ix->count; i++)
            if (k->hashes[i] && part_of(k->hashes[i]) == p) entries[filled++] = (key_entry){ k->hashes[i], (uint32_t)i, 0 };
        for (size_t i = 0; i < runs; i++)
            if (k->hashes[i] && part_of(k->hashes[i]) == p) entries[filled++] = (key_entry){ k->hashes[i], (uint32_t)i, 0 };
        sort_by_u64(entries, filled, sizeof *entries);
        summarise_values(ix, k, entries, filled, &scratch, &scratch_capacity);
    }
    free(scratch);
    free(entries);
    free(k->hashes);
    k->hashes = NULL;
    k->summaries = xreallocarray(k->summaries, k->summary_count ? k->summary_count : 1, sizeof *k->summaries);
    k->linked = xreallocarray(k->linked, k->linked_count ? k->linked_count : 1, sizeof *k->linked);
}

static void *links_build_bookings_main(void *arg)
{
    links_build_bookings(arg);
    return NULL;
}

void links_build(links_index *ix, int threads)
{
    if (ix->built) return;
    /* The bookings and the link keys only read the members and each write their own
     * arrays: with a second thread, the
     * bookings are built beside the keys. A small index is not worth a thread; an
     * index for link values only has no bookings to build. */
    pthread_t booking_thread;
    bool beside = ix->booking && threads > 1 && ix->key_count > 0 && ix->count >= 2048 &&
                  pthread_create(&booking_thread, NULL, links_build_bookings_main, ix) == 0;
    if (ix->booking && !beside) links_build_bookings(ix);
    for (int k = 0; k < ix->key_count; k++) links_build_key(ix, &ix->keys[k]);
    if (beside) pthread_join(booking_thread, NULL);
    free(ix->payers); /* never asked without bookings (their build frees them) */
    ix->payers = NULL;
    /* what was sized for every record keeps only what it holds */
    size_t n = ix->count ? ix->count : 1;
    ix->members = xreallocarray(ix->members, n, sizeof *ix->members);
    ix->capacity = n;
    ix->text = xrealloc(ix->text, ix->text_len ? ix->text_len : 1);
    ix->text_capacity = ix->text_len ? ix->text_len : 1;
    /* the bookings and the keys' summaries were sized exactly when built */
    for (int k = 0; k < ix->key_count; k++) {
        key_index *key = &ix->keys[k];
        slots_build(&key->by_hash, key->summaries, sizeof *key->summaries, key->summary_count);
    }
    if (ix->booking) slots_build(&ix->bookings_by_group, ix->bookings, sizeof *ix->bookings, ix->booking_count);
    ix->built = true;
}

size_t links_memory(const links_index *ix)
{
    size_t n = ix->capacity * sizeof *ix->members + ix->text_capacity;
    if (ix->built && ix->booking)
        n += ix->count * (sizeof *ix->booking_order + sizeof *ix->surname_order) + ix->name_count * sizeof *ix->names +
             run_rows(ix) * sizeof *ix->booking_of + ix->booking_count * sizeof *ix->bookings;
    if (ix->payers) n += ix->capacity * sizeof *ix->payers;
    if (ix->bookings_by_group.slot) n += (ix->bookings_by_group.mask + 1) * sizeof(uint32_t);
    for (int k = 0; k < ix->key_count; k++)
        n += ix->keys[k].linked_count * sizeof(uint32_t) + ix->keys[k].summary_count * sizeof(key_summary) +
             (ix->keys[k].codes ? run_rows(ix) * sizeof(uint32_t) : 0) +
             (ix->keys[k].hashes ? ix->capacity * sizeof(uint64_t) : 0) +
             (ix->keys[k].by_hash.slot ? (ix->keys[k].by_hash.mask + 1) * sizeof(uint32_t) : 0);
    return n;
}

/* ---- queries ---------------------------------------------------------------------- */

static const booking_summary *links_find_booking(const links_index *ix, const record *rec, uint64_t *group)
{
    const schema *s = rec->schema;
    uint64_t g = s->group_index >= 0 ? links_hash_values(ix, rec, s->group_index, -1) : 0;
    *group = g;
    /* an index for link values only has no bookings, nor one not built yet */
    if (!g || !ix || !ix->booking || !ix->bookings_by_group.slot) return NULL;
    return slots_find(&ix->bookings_by_group, ix->bookings, sizeof *ix->bookings, g);
}

static void set_integer(value *out, long long v) { *out = (value){ .kind = V_INTEGER, .as.i = v }; }
static void set_boolean(value *out, bool b) { *out = (value){ .kind = V_BOOLEAN, .as.b = b }; }

/* A record with no group value, or one not in the index (explain and fixtures give
 * every record of the run, so that is only a record without a group), is a booking of
 * its own: its values come from itself. */
/* The slots the values read: the index's, or the record's schema's when there is no
 * index (a record given alone). */
typedef struct links_slots { int surname, given, payer_surname, payer_given, age; } links_slots;

static links_slots slots_of(const links_index *ix, const record *rec)
{
    if (ix) return (links_slots){ ix->surname, ix->given, ix->payer_surname, ix->payer_given, ix->age };
    const schema *s = rec->schema;
    return (links_slots){ schema_field_index(s, "surname"), schema_field_index(s, "given_names"),
                          schema_field_index(s, "payer_surname"), schema_field_index(s, "payer_given_names"),
                          schema_field_index(s, "age") };
}

/* What the values read of a record: its group and surname hashes, its booking, its
 * age, and either its ordinal in the run (its payer's answers are then its member's)
 * or its full name's and its payer's hashes. links_state keeps them: [0] group,
 * [1] surname, [2] name, [3] payer (both 0 by ordinal), [4] the booking's index + 1
 * (0: none), [5] the age + 1 (0: unknown) in its low 16 bits, the ordinal + 1 (0: not
 * known) above them. */
typedef struct links_facts {
    uint64_t group, surname, name, payer;
    const booking_summary *booking;
    int age;
    long long ordinal;       /* -1: not known */
} links_facts;

static bool attached(const links_index *ix, const record *rec) { return ix && rec->links_ready && rec->links == ix; }

static long long attached_ordinal(const links_index *ix, const record *rec)
{
    return attached(ix, rec) ? (long long)(rec->links_state[5] >> 16) - 1 : -1;
}

static links_facts facts_of(const links_index *ix, const record *rec)
{
    links_facts f;
    if (attached(ix, rec)) {
        f.group = rec->links_state[0];
        f.surname = rec->links_state[1];
        f.name = rec->links_state[2];
        f.payer = rec->links_state[3];
        f.booking = rec->links_state[4] ? &ix->bookings[rec->links_state[4] - 1] : NULL;
        f.age = (int)(rec->links_state[5] & 0xffff) - 1;
        f.ordinal = attached_ordinal(ix, rec);
        return f;
    }
    links_slots sl = slots_of(ix, rec);
    f.booking = links_find_booking(ix, rec, &f.group);
    const value *agev = sl.age >= 0 ? &rec->slots[sl.age] : NULL;
    f.age = agev && agev->kind == V_INTEGER && agev->as.i >= 0 && agev->as.i < 200 ? (int)agev->as.i : -1;
    f.surname = links_hash_values(ix, rec, sl.surname, -1);
    bool names = !ix || ix->booking; /* the full names serve only booking values */
    f.name = names && sl.given >= 0 ? links_hash_values(ix, rec, sl.surname, sl.given) : 0;
    f.payer = names && sl.payer_given >= 0 ? links_hash_values(ix, rec, sl.payer_surname, sl.payer_given) : 0;
    f.ordinal = -1;
    return f;
}

static void facts_keep(const links_index *ix, record *rec, const links_facts *f)
{
    rec->links_state[0] = f->group;
    rec->links_state[1] = f->surname;
    rec->links_state[2] = f->name;
    rec->links_state[3] = f->payer;
    rec->links_state[4] = f->booking ? (uint64_t)(f->booking - ix->bookings) + 1 : 0;
    rec->links_state[5] = (uint64_t)(f->age + 1) | (uint64_t)(f->ordinal + 1) << 16;
    rec->links_ready = true;
}

void links_attach(const links_index *ix, record *rec)
{
    rec->links = ix;
    rec->links_ready = false;
    rec->links_key_done = 0;
    if (!ix) return;
    links_facts f = facts_of(ix, rec);
    facts_keep(ix, rec, &f);
}

/* Whether rec's key is the one the first pass kept for this ordinal: the cheap check
 * that the second pass reads the records the first one did. */
static bool links_same_record(const links_index *ix, const record *rec, size_t ordinal)
{
    const char *kept = ix->text + ix->members[ordinal].text;
    int slot = rec->schema->key_index;
    const value *v = slot >= 0 ? &rec->slots[slot] : NULL;
    if (!v || v->kind != V_STRING) return !kept[0];
    return strlen(kept) == v->len && memcmp(kept, v->as.s, v->len) == 0;
}

void links_attach_at(const links_index *ix, record *rec, long long ordinal)
{
    if (!ix || !ix->built || ordinal < 0 || (size_t)ordinal >= run_rows(ix) || rec->schema != ix->schema ||
        !links_same_record(ix, rec, (size_t)ordinal)) {
        links_attach(ix, rec);
        return;
    }
    const links_member *m = &ix->members[ordinal];
    uint32_t b = ix->booking_of ? ix->booking_of[ordinal] : 0;
    links_facts f = { .group = m->group, .surname = m->surname, .booking = b ? &ix->bookings[b - 1] : NULL,
                      .age = m->age, .ordinal = ordinal };
    rec->links = ix;
    rec->links_key_done = 0;
    facts_keep(ix, rec, &f);
}

/* payer_travels and is_payer: -1 when unknown, else the answer. */
static int facts_payer_travels(const links_index *ix, const links_facts *f)
{
    if (f->ordinal >= 0) {
        uint8_t a = ix->members[f->ordinal].payer;
        return a & PAYER_KNOWN ? (a & PAYER_TRAVELS) != 0 : -1;
    }
    if (!f->payer) return -1;
    return !f->booking ? f->payer == f->name : booking_has_name(ix, f->booking, f->payer);
}

static int facts_is_payer(const links_index *ix, const links_facts *f)
{
    if (f->ordinal >= 0) {
        uint8_t a = ix->members[f->ordinal].payer;
        return a & PAYER_NAME_KNOWN ? (a & PAYER_IS) != 0 : -1;
    }
    return f->payer && f->name ? f->payer == f->name : -1;
}

/* Records of booking b with this surname hash: two binary searches over the booking's
 * members by surname (a booking of any size costs a few probes per record). */
static long long links_surname_count(const links_index *ix, const booking_summary *b, uint64_t surname)
{
    const uint32_t *order = ix->surname_order + b->start;
    size_t lo = 0, hi = b->count;
    while (lo < hi) { /* first with a surname >= this one */
        size_t mid = lo + (hi - lo) / 2;
        if (ix->members[order[mid]].surname < surname) lo = mid + 1;
        else hi = mid;
    }
    size_t first = lo;
    hi = b->count;
    while (lo < hi) { /* first with a surname > this one */
        size_t mid = lo + (hi - lo) / 2;
        if (ix->members[order[mid]].surname <= surname) lo = mid + 1;
        else hi = mid;
    }
    return lo > first ? (long long)(lo - first) : 1; /* the record itself, at least */
}

void links_booking_value(const links_index *ix, const record *rec, booking_value_id id, value *out)
{
    *out = (value){ .kind = V_MISSING };
    links_facts f = facts_of(ix, rec);
    const booking_summary *b = f.booking;
    int age = f.age;
    uint64_t surname = f.surname;
    booking_summary alone = { .count = 1, .youngest = (uint8_t)age, .oldest = (uint8_t)age,
                              .age_missing = age < 0, .surname_missing = !surname, .surnames = surname != 0 };
    if (age >= 0) {
        if (age < LINKS_MINOR_AGE) alone.minors = 1;
        else alone.adults = 1;
        alone.minor_alone = age < LINKS_MINOR_AGE && surname;
    }
    if (!b) b = &alone;
    switch (id) {
    case BOOKING_PARTY_SIZE: set_integer(out, b->count); break;
    case BOOKING_MINORS: if (!b->age_missing) set_integer(out, b->minors); break;
    case BOOKING_ADULTS: if (!b->age_missing) set_integer(out, b->adults); break;
    case BOOKING_YOUNGEST_AGE: if (!b->age_missing) set_integer(out, b->youngest); break;
    case BOOKING_OLDEST_AGE: if (!b->age_missing) set_integer(out, b->oldest); break;
    case BOOKING_SURNAMES: if (!b->surname_missing) set_integer(out, b->surnames); break;
    case BOOKING_OTHER_SURNAMES:
        if (!b->surname_missing && surname) {
            long long same = b != &alone && ix ? links_surname_count(ix, b, surname) : 1;
            set_integer(out, (long long)b->count - same);
        }
        break;
    case BOOKING_PAYER_TRAVELS: {
        int travels = facts_payer_travels(ix, &f);
        if (travels >= 0) set_boolean(out, travels);
        break;
    }
    case BOOKING_IS_PAYER: {
        int is = facts_is_payer(ix, &f);
        if (is >= 0) set_boolean(out, is);
        break;
    }
    case BOOKING_MINOR_NO_ADULT_SAME_SURNAME:
        if (!b->age_missing && !b->surname_missing) set_boolean(out, b->minor_alone);
        break;
    case BOOKING_ONLY_ADULT:
        if (!b->age_missing && age >= 0) set_boolean(out, age >= LINKS_MINOR_AGE && b->adults == 1);
        break;
    default: break;
    }
}

/* The hash of rec's booking reference (0 when it has none). */
static uint64_t links_record_group(const links_index *ix, const record *rec)
{
    if (attached(ix, rec)) return rec->links_state[0];
    return rec->schema->group_index >= 0 ? links_hash_values(ix, rec, rec->schema->group_index, -1) : 0;
}

/* The hash of rec's surname (0 when it has none). */
static uint64_t links_record_surname(const links_index *ix, const record *rec)
{
    if (attached(ix, rec)) return rec->links_state[1];
    return links_hash_values(ix, rec, slots_of(ix, rec).surname, -1);
}

/* Whether rec has a value of link (*has), and that value's summary (NULL when no other
 * record has it, or the key is not collected or not built yet). By the record's
 * ordinal when known; else its hash, computed once per record and link while the
 * record is attached to ix (several predicates read the same key). */
static const key_summary *links_record_key(const links_index *ix, const record *rec, int link, bool *has)
{
    bool cached = attached(ix, rec);
    int slot = ix ? key_slot(ix, link) : -1;
    const key_index *k = slot >= 0 ? &ix->keys[slot] : NULL;
    long long ordinal = attached_ordinal(ix, rec);
    if (ordinal >= 0 && k && k->codes) {
        uint32_t code = k->codes[ordinal];
        *has = code != KEY_NONE;
        return code >= KEY_SHARED ? &k->summaries[code - KEY_SHARED] : NULL;
    }
    if (cached && (rec->links_key_done & (1u << link))) {
        *has = rec->links_key_hash[link] != 0;
        uint32_t at = rec->links_key_summary[link];
        return at ? &k->summaries[at - 1] : NULL;
    }
    const schema_link *l = &rec->schema->links[link];
    uint64_t h = links_hash_values(ix, rec, l->fields[0], l->fields[1]);
    /* a key not collected, or not built yet, has no summaries */
    const key_summary *s = h && k && k->by_hash.slot ? slots_find(&k->by_hash, k->summaries, sizeof *k->summaries, h)
                                                     : NULL;
    if (cached) { /* the record is not const to its owner: this is its cache */
        record *r = (record *)rec;
        r->links_key_hash[link] = h;
        r->links_key_summary[link] = s ? (uint32_t)(s - k->summaries) + 1 : 0;
        r->links_key_done |= 1u << link;
    }
    *has = h != 0;
    return s;
}

/* The group of the first record (in rank order: the store's history, then the run in
 * input order) with the value s summarises. */
static uint64_t summary_first_group(const links_index *ix, int link, const key_summary *s)
{
    return member_group(ix, ix->keys[key_slot(ix, link)].linked[s->start]);
}

void links_link_value(const links_index *ix, const record *rec, int link, link_value_id id, value *out)
{
    *out = (value){ .kind = V_MISSING };
    if (link < 0 || link >= rec->schema->link_count) return;
    bool has;
    const key_summary *s = links_record_key(ix, rec, link, &has);
    if (!has) return; /* a missing key links nothing */
    if (!s) { /* a value no other record has, or a record given alone: it links only itself */
        switch (id) {
        case LINK_RECORDS: case LINK_BOOKINGS: set_integer(out, 1); break;
        case LINK_SURNAMES: set_integer(out, links_record_surname(ix, rec) ? 1 : 0); break;
        case LINK_FIRST_SEEN:
            /* in a run, as for a shared value: no booking reference, no order to tell */
            if (!ix || links_record_group(ix, rec)) set_boolean(out, true);
            break;
        default: break;
        }
        return;
    }
    switch (id) {
    case LINK_RECORDS: set_integer(out, s->count); break;
    case LINK_BOOKINGS: set_integer(out, s->bookings); break;
    case LINK_SURNAMES: set_integer(out, s->surnames); break;
    case LINK_FIRST_SEEN: {
        uint64_t g = links_record_group(ix, rec);
        if (g) set_boolean(out, summary_first_group(ix, link, s) == g); /* no booking reference: no order to tell */
        break;
    }
    default: break;
    }
}

/* ---- explanations ------------------------------------------------------------------- */

bool links_explain_booking(const links_index *ix, const record *rec, links_booking_view *out)
{
    memset(out, 0, sizeof *out);
    uint64_t g;
    const booking_summary *b = links_find_booking(ix, rec, &g);
    if (!b) return false;
    uint64_t payer = ix->payer_given >= 0 ? links_hash_values(ix, rec, ix->payer_surname, ix->payer_given) : 0;
    const char *self = record_key(rec);
    out->size = (int)b->count;
    for (uint32_t k = b->start; k < b->start + b->count && out->shown < LINKS_SHOW_MAX; k++) {
        links_member_view v = member_view(ix, ix->booking_order[k], payer);
        v.is_self = strcmp(v.key, self) == 0;
        if (!out->group) out->group = v.group;
        out->members[out->shown++] = v;
    }
    return true;
}

bool links_explain_link(const links_index *ix, const record *rec, int link, links_link_view *out)
{
    memset(out, 0, sizeof *out);
    if (link < 0 || link >= ix->schema->link_count) return false;
    out->link = ix->schema->links[link].name;
    bool has;
    const key_summary *s = links_record_key(ix, rec, link, &has);
    int slot = key_slot(ix, link);
    if (!has || slot < 0) return false;
    const key_index *k = &ix->keys[slot];
    const char *self = record_key(rec);
    if (!s) { /* a value no other record has: the record alone, as the index kept it */
        const value *sv = ix->surname >= 0 ? &rec->slots[ix->surname] : NULL;
        const value *gv = rec->schema->group_index >= 0 ? &rec->slots[rec->schema->group_index] : NULL;
        links_facts f = facts_of(ix, rec);
        out->records = out->bookings = 1;
        out->linked[out->shown++] = (links_member_view){ self, sv && sv->kind == V_STRING ? sv->as.s : "",
                                                         gv && gv->kind == V_STRING ? gv->as.s : "", f.age, false,
                                                         true };
        return true;
    }
    out->records = (int)s->count;
    out->bookings = (int)s->bookings;
    for (uint32_t q = s->start; q < s->start + s->count && out->shown < LINKS_SHOW_MAX; q++) {
        links_member_view v = member_view(ix, k->linked[q], 0);
        v.is_self = strcmp(v.key, self) == 0;
        out->linked[out->shown++] = v;
    }
    return true;
}

/* ---- what the scenarios need ------------------------------------------------------- */

int links_plan(const struct scenario *const *scenarios, int count, links_index **out, int max)
{
    const schema *kinds[SCHEMA_MAX_LINKS + 8];
    unsigned masks[SCHEMA_MAX_LINKS + 8];
    bool booking[SCHEMA_MAX_LINKS + 8];
    int n = 0;
    for (int i = 0; i < count; i++) {
        const scenario *sc = scenarios[i];
        bool b = false;
        unsigned m = 0;
        for (int p = 0; p < sc->condition_count + sc->indicator_count; p++)
            if (sc->parts[p].when) predicate_links_used(sc->parts[p].when, &b, &m);
        if (!b && !m) continue;
        int k = 0;
        while (k < n && kinds[k] != sc->schema) k++;
        if (k == n) {
            if (n == (int)(sizeof kinds / sizeof *kinds) || n == max) continue;
            kinds[n] = sc->schema;
            masks[n] = 0;
            booking[n] = false;
            n++;
        }
        masks[k] |= m;
        booking[k] |= b;
    }
    for (int k = 0; k < n; k++) out[k] = links_new(kinds[k], masks[k], booking[k]);
    return n;
}

links_index *links_find(links_index *const *indexes, int count, const schema *s)
{
    for (int i = 0; i < count; i++)
        if (indexes[i]->schema == s) return indexes[i];
    return NULL;
}
