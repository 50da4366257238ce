/* links.c - the booking view and shared identifiers of one run: a compact index built in a first pass, read by booking and link values. */
#include "links.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "predicate.h"
#include "scenario.h"
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
        "this record's booking is the first in input order that carries this key value" },
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
 *   names:    (group, full name) pairs sorted, for "does the payer travel";
 *   per key:  (hash, ordinal) sorted, and one summary per distinct value.
 * Everything is sorted with the ordinal as the last key, so the result does not depend
 * on which thread read which record. */

typedef struct links_member {
    uint64_t group, surname, name, payer;
    uint32_t text;           /* offset in the text pool: key \0 surname \0 group \0 */
    int16_t age;             /* -1 when unknown */
    uint16_t same_surname;   /* built: records of its booking with its surname (itself included), capped */
} links_member;

typedef struct booking_summary {
    uint64_t group;
    uint32_t start, count;   /* in ix->booking_order */
    uint32_t minors, adults, surnames;
    int16_t youngest, oldest;
    bool age_missing, surname_missing, minor_alone; /* minor_alone: a minor with no adult of its surname */
} booking_summary;

typedef struct key_entry { uint64_t hash; uint32_t ordinal; } key_entry;

typedef struct key_summary {
    uint64_t hash;
    uint32_t start, count;   /* in the key's entries */
    uint32_t bookings, surnames;
    uint64_t first_group;    /* group of the first record (input order) with this value */
} key_summary;

typedef struct key_index {
    int link;                /* index in the schema's links */
    uint64_t *hashes;        /* per ordinal, while collecting */
    key_entry *entries;      /* built */
    size_t entry_count;
    key_summary *summaries;
    size_t summary_count;
} key_index;

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
    booking_summary *bookings;
    size_t booking_count;
    uint64_t *names;         /* sorted pair hashes of (group, full name) */
    bool built;
};

/* One batch's rows: members and their link hashes, and their texts. */
struct links_rows {
    links_member *members;
    size_t count, capacity;
    uint64_t *hashes;        /* count * key_count */
    char *text;
    size_t text_len, text_capacity;
};

static const unsigned char links_hash_key[crypto_shorthash_KEYBYTES] = "vigie links v1.";

/* Fold a text into buf: ASCII letters lower-cased, letters, digits and non-ASCII bytes
 * kept, the rest left out. */
static size_t links_fold(const char *s, size_t len, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') buf[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) buf[n++] = (char)c;
    }
    return n;
}

static uint64_t links_hash_bytes(const unsigned char *b, size_t n)
{
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, b, n, links_hash_key);
    uint64_t h;
    memcpy(&h, out, sizeof h);
    return h ? h : 1;
}

/* The hash of one or two string values read together (0 when the first, or the second
 * if any, is missing or folds to nothing). */
static uint64_t links_hash_values(const record *rec, int a, int b)
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
    return n ? links_hash_bytes((const unsigned char *)buf, n) : 0;
}

static uint64_t links_pair(uint64_t group, uint64_t name)
{
    unsigned char b[16];
    memcpy(b, &group, 8);
    memcpy(b + 8, &name, 8);
    return links_hash_bytes(b, sizeof b);
}

links_index *links_new(const schema *s, unsigned key_mask, bool booking)
{
    if (sodium_init() < 0) { /* never on a working libsodium; the hashes need nothing it sets up */ }
    links_index *ix = xcalloc(1, sizeof *ix);
    ix->schema = s;
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
        free(ix->keys[k].entries);
        free(ix->keys[k].summaries);
    }
    free(ix->booking_order);
    free(ix->bookings);
    free(ix->names);
    free(ix);
}

const schema *links_schema(const links_index *ix) { return ix->schema; }
unsigned links_key_mask(const links_index *ix) { return ix->key_mask; }
bool links_uses_booking(const links_index *ix) { return ix->booking; }
long long links_record_count(const links_index *ix) { return (long long)ix->count; }

links_rows *links_rows_new(void) { return xcalloc(1, sizeof(links_rows)); }
void links_rows_clear(links_rows *rows) { rows->count = rows->text_len = 0; }
void links_rows_free(links_rows *rows)
{
    if (!rows) return;
    free(rows->members);
    free(rows->hashes);
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
    }
    const schema *s = ix->schema;
    links_member *m = &rows->members[rows->count];
    m->group = s->group_index >= 0 ? links_hash_values(rec, s->group_index, -1) : 0;
    m->surname = links_hash_values(rec, ix->surname, -1);
    m->name = ix->given >= 0 ? links_hash_values(rec, ix->surname, ix->given) : 0;
    m->payer = ix->payer_given >= 0 ? links_hash_values(rec, ix->payer_surname, ix->payer_given) : 0;
    const value *age = ix->age >= 0 ? &rec->slots[ix->age] : NULL;
    m->age = age && age->kind == V_INTEGER && age->as.i >= 0 && age->as.i < 200 ? (int16_t)age->as.i : -1;
    m->same_surname = 0;
    m->text = (uint32_t)rows->text_len;
    text_value(rows, rec, s->key_index);
    text_value(rows, rec, ix->surname);
    text_value(rows, rec, s->group_index);
    for (int k = 0; k < ix->key_count; k++) {
        const schema_link *l = &s->links[ix->keys[k].link];
        rows->hashes[rows->count * (size_t)ix->key_count + (size_t)k] = links_hash_values(rec, l->fields[0], l->fields[1]);
    }
    rows->count++;
}

void links_add(links_index *ix, const links_rows *rows)
{
    if (!rows->count) return;
    if (ix->count + rows->count > UINT32_MAX - 1) return; /* ordinals are 32-bit: 4 billion records */
    if (ix->count + rows->count > ix->capacity) {
        size_t c = ix->capacity ? ix->capacity : 1024;
        while (c < ix->count + rows->count) c *= 2;
        ix->members = xreallocarray(ix->members, c, sizeof *ix->members);
        for (int k = 0; k < ix->key_count; k++)
            ix->keys[k].hashes = xreallocarray(ix->keys[k].hashes, c, sizeof *ix->keys[k].hashes);
        ix->capacity = c;
    }
    uint32_t base = (uint32_t)ix->text_len;
    for (size_t i = 0; i < rows->count; i++) {
        links_member m = rows->members[i];
        m.text += base;
        ix->members[ix->count + i] = m;
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

/* ---- building ---------------------------------------------------------------------- */

static const links_index *sort_ix; /* qsort has no context argument: building is single-threaded */

static int by_group(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint64_t gx = sort_ix->members[x].group, gy = sort_ix->members[y].group;
    /* a record without a group is a booking of its own: its ordinal stands for the group */
    if (!gx) gx = (uint64_t)x << 1 | 1ull << 63;
    if (!gy) gy = (uint64_t)y << 1 | 1ull << 63;
    if (gx != gy) return gx < gy ? -1 : 1;
    return (x > y) - (x < y);
}

static int by_surname(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint64_t sx = sort_ix->members[x].surname, sy = sort_ix->members[y].surname;
    if (sx != sy) return sx < sy ? -1 : 1;
    return (x > y) - (x < y);
}

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int by_entry(const void *a, const void *b)
{
    const key_entry *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

static uint64_t member_group(const links_index *ix, uint32_t ordinal)
{
    uint64_t g = ix->members[ordinal].group;
    return g ? g : ((uint64_t)ordinal << 1 | 1ull << 63);
}

static void links_build_bookings(links_index *ix)
{
    size_t n = ix->count;
    ix->booking_order = xreallocarray(NULL, n ? n : 1, sizeof *ix->booking_order);
    for (size_t i = 0; i < n; i++) ix->booking_order[i] = (uint32_t)i;
    sort_ix = ix;
    qsort(ix->booking_order, n, sizeof *ix->booking_order, by_group);
    ix->bookings = xreallocarray(NULL, n ? n : 1, sizeof *ix->bookings);
    ix->booking_count = 0;
    uint32_t *scratch = xreallocarray(NULL, n ? n : 1, sizeof *scratch);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint64_t g = member_group(ix, ix->booking_order[i]);
        while (j < n && member_group(ix, ix->booking_order[j]) == g) j++;
        booking_summary *b = &ix->bookings[ix->booking_count++];
        memset(b, 0, sizeof *b);
        b->group = g;
        b->start = (uint32_t)i;
        b->count = (uint32_t)(j - i);
        b->youngest = INT16_MAX;
        b->oldest = -1;
        for (size_t k = i; k < j; k++) {
            const links_member *m = &ix->members[ix->booking_order[k]];
            if (m->age < 0) b->age_missing = true;
            else {
                if (m->age < LINKS_MINOR_AGE) b->minors++;
                else b->adults++;
                if (m->age < b->youngest) b->youngest = m->age;
                if (m->age > b->oldest) b->oldest = m->age;
            }
            if (!m->surname) b->surname_missing = true;
            scratch[k - i] = ix->booking_order[k];
        }
        /* by surname: distinct surnames, each record's same-surname count, and whether a
         * surname has minors and no adult */
        qsort(scratch, j - i, sizeof *scratch, by_surname);
        for (size_t k = 0; k < j - i;) {
            size_t l = k;
            uint64_t s = ix->members[scratch[k]].surname;
            int minors = 0, adults = 0;
            while (l < j - i && ix->members[scratch[l]].surname == s) {
                int16_t age = ix->members[scratch[l]].age;
                if (age >= 0 && age < LINKS_MINOR_AGE) minors++;
                else if (age >= 0) adults++;
                l++;
            }
            if (s) b->surnames++;
            if (s && minors && !adults) b->minor_alone = true;
            for (size_t q = k; q < l; q++)
                ix->members[scratch[q]].same_surname = (uint16_t)(l - k > UINT16_MAX ? UINT16_MAX : l - k);
            k = l;
        }
        i = j;
    }
    free(scratch);
    ix->names = xreallocarray(NULL, n ? n : 1, sizeof *ix->names);
    for (size_t i = 0; i < n; i++)
        ix->names[i] = ix->members[i].name ? links_pair(member_group(ix, (uint32_t)i), ix->members[i].name) : 0;
    qsort(ix->names, n, sizeof *ix->names, by_u64);
}

static void links_build_key(links_index *ix, key_index *k)
{
    size_t n = 0;
    for (size_t i = 0; i < ix->count; i++) n += k->hashes[i] != 0;
    k->entries = xreallocarray(NULL, n ? n : 1, sizeof *k->entries);
    k->entry_count = 0;
    for (size_t i = 0; i < ix->count; i++)
        if (k->hashes[i]) k->entries[k->entry_count++] = (key_entry){ k->hashes[i], (uint32_t)i };
    free(k->hashes);
    k->hashes = NULL;
    qsort(k->entries, n, sizeof *k->entries, by_entry);
    k->summaries = xreallocarray(NULL, n ? n : 1, sizeof *k->summaries);
    k->summary_count = 0;
    uint64_t *scratch = xreallocarray(NULL, n ? n : 1, sizeof *scratch);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && k->entries[j].hash == k->entries[i].hash) j++;
        key_summary *s = &k->summaries[k->summary_count++];
        s->hash = k->entries[i].hash;
        s->start = (uint32_t)i;
        s->count = (uint32_t)(j - i);
        s->first_group = member_group(ix, k->entries[i].ordinal); /* entries are in input order within a value */
        size_t m = 0;
        for (size_t q = i; q < j; q++) scratch[m++] = member_group(ix, k->entries[q].ordinal);
        qsort(scratch, m, sizeof *scratch, by_u64);
        s->bookings = 0;
        for (size_t q = 0; q < m; q++) s->bookings += q == 0 || scratch[q] != scratch[q - 1];
        m = 0;
        for (size_t q = i; q < j; q++)
            if (ix->members[k->entries[q].ordinal].surname) scratch[m++] = ix->members[k->entries[q].ordinal].surname;
        qsort(scratch, m, sizeof *scratch, by_u64);
        s->surnames = 0;
        for (size_t q = 0; q < m; q++) s->surnames += q == 0 || scratch[q] != scratch[q - 1];
        i = j;
    }
    free(scratch);
}

void links_build(links_index *ix)
{
    if (ix->built) return;
    links_build_bookings(ix);
    for (int k = 0; k < ix->key_count; k++) links_build_key(ix, &ix->keys[k]);
    ix->built = true;
}

size_t links_memory(const links_index *ix)
{
    size_t n = ix->capacity * sizeof *ix->members + ix->text_capacity;
    if (ix->built) n += ix->count * (sizeof *ix->booking_order + sizeof *ix->names) +
                       ix->count * sizeof *ix->bookings;
    for (int k = 0; k < ix->key_count; k++)
        n += ix->keys[k].entry_count * (sizeof(key_entry) + sizeof(key_summary)) +
             (ix->keys[k].hashes ? ix->capacity * sizeof(uint64_t) : 0);
    return n;
}

/* ---- queries ---------------------------------------------------------------------- */

static const booking_summary *links_find_booking(const links_index *ix, const record *rec, uint64_t *group)
{
    const schema *s = rec->schema;
    uint64_t g = s->group_index >= 0 ? links_hash_values(rec, s->group_index, -1) : 0;
    *group = g;
    if (!g || !ix) return NULL;
    size_t lo = 0, hi = ix->booking_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->bookings[mid].group < g) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->booking_count && ix->bookings[lo].group == g ? &ix->bookings[lo] : NULL;
}

static bool links_has_name(const links_index *ix, uint64_t pair)
{
    size_t lo = 0, hi = ix->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->names[mid] < pair) lo = mid + 1;
        else hi = mid;
    }
    return lo < ix->count && ix->names[lo] == pair;
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

void links_booking_value(const links_index *ix, const record *rec, booking_value_id id, value *out)
{
    *out = (value){ .kind = V_MISSING };
    uint64_t g;
    const booking_summary *b = links_find_booking(ix, rec, &g);
    links_slots sl = slots_of(ix, rec);
    const value *agev = sl.age >= 0 ? &rec->slots[sl.age] : NULL;
    int age = agev && agev->kind == V_INTEGER ? (int)agev->as.i : -1;
    uint64_t surname = links_hash_values(rec, sl.surname, -1);
    uint64_t name = sl.given >= 0 ? links_hash_values(rec, sl.surname, sl.given) : 0;
    uint64_t payer = sl.payer_given >= 0 ? links_hash_values(rec, sl.payer_surname, sl.payer_given) : 0;
    booking_summary alone = { .count = 1, .youngest = (int16_t)age, .oldest = (int16_t)age,
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
            long long same = 1;
            if (b != &alone && ix) /* the same-surname count of any member with this surname */
                for (uint32_t k = b->start; k < b->start + b->count; k++)
                    if (ix->members[ix->booking_order[k]].surname == surname) {
                        same = ix->members[ix->booking_order[k]].same_surname;
                        break;
                    }
            set_integer(out, (long long)b->count - same);
        }
        break;
    case BOOKING_PAYER_TRAVELS:
        if (payer) set_boolean(out, b == &alone || !ix ? payer == name : links_has_name(ix, links_pair(g, payer)));
        break;
    case BOOKING_IS_PAYER:
        if (payer && name) set_boolean(out, payer == name);
        break;
    case BOOKING_MINOR_NO_ADULT_SAME_SURNAME:
        if (!b->age_missing && !b->surname_missing) set_boolean(out, b->minor_alone);
        break;
    case BOOKING_ONLY_ADULT:
        if (!b->age_missing && age >= 0) set_boolean(out, age >= LINKS_MINOR_AGE && b->adults == 1);
        break;
    default: break;
    }
}

static const key_index *links_key(const links_index *ix, int link)
{
    for (int k = 0; k < ix->key_count; k++)
        if (ix->keys[k].link == link) return &ix->keys[k];
    return NULL;
}

static const key_summary *links_find_key(const links_index *ix, const record *rec, int link, const key_index **kp)
{
    *kp = NULL;
    if (!ix) return NULL;
    const key_index *k = links_key(ix, link);
    *kp = k;
    if (!k || link < 0 || link >= ix->schema->link_count) return NULL;
    const schema_link *l = &ix->schema->links[link];
    uint64_t h = links_hash_values(rec, l->fields[0], l->fields[1]);
    if (!h) return NULL;
    size_t lo = 0, hi = k->summary_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (k->summaries[mid].hash < h) lo = mid + 1;
        else hi = mid;
    }
    return lo < k->summary_count && k->summaries[lo].hash == h ? &k->summaries[lo] : NULL;
}

void links_link_value(const links_index *ix, const record *rec, int link, link_value_id id, value *out)
{
    *out = (value){ .kind = V_MISSING };
    if (link < 0 || link >= rec->schema->link_count) return;
    const schema_link *l = &rec->schema->links[link];
    if (!links_hash_values(rec, l->fields[0], l->fields[1])) return; /* a missing key links nothing */
    const key_index *k;
    const key_summary *s = links_find_key(ix, rec, link, &k);
    uint64_t g;
    links_find_booking(ix, rec, &g);
    if (!s) { /* not in the run's index (a record given alone): it links only itself */
        uint64_t surname = links_hash_values(rec, slots_of(ix, rec).surname, -1);
        switch (id) {
        case LINK_RECORDS: case LINK_BOOKINGS: set_integer(out, 1); break;
        case LINK_SURNAMES: set_integer(out, surname ? 1 : 0); break;
        case LINK_FIRST_SEEN: set_boolean(out, true); break;
        default: break;
        }
        return;
    }
    switch (id) {
    case LINK_RECORDS: set_integer(out, s->count); break;
    case LINK_BOOKINGS: set_integer(out, s->bookings); break;
    case LINK_SURNAMES: set_integer(out, s->surnames); break;
    case LINK_FIRST_SEEN: set_boolean(out, !g || s->first_group == g); break;
    default: break;
    }
}

/* ---- explanations ------------------------------------------------------------------- */

static links_member_view member_view(const links_index *ix, uint32_t ordinal, uint64_t payer, uint64_t self_name)
{
    const links_member *m = &ix->members[ordinal];
    const char *key = ix->text + m->text;
    const char *surname = key + strlen(key) + 1;
    const char *group = surname + strlen(surname) + 1;
    (void)self_name;
    return (links_member_view){ key, surname, group, m->age, payer && m->name == payer, false };
}

bool links_explain_booking(const links_index *ix, const record *rec, links_booking_view *out)
{
    memset(out, 0, sizeof *out);
    uint64_t g;
    const booking_summary *b = links_find_booking(ix, rec, &g);
    if (!b) return false;
    uint64_t payer = ix->payer_given >= 0 ? links_hash_values(rec, ix->payer_surname, ix->payer_given) : 0;
    const char *self = record_key(rec);
    out->size = (int)b->count;
    for (uint32_t k = b->start; k < b->start + b->count && out->shown < LINKS_SHOW_MAX; k++) {
        links_member_view v = member_view(ix, ix->booking_order[k], payer, 0);
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
    const key_index *k;
    const key_summary *s = links_find_key(ix, rec, link, &k);
    if (!s) return false;
    const char *self = record_key(rec);
    out->records = (int)s->count;
    out->bookings = (int)s->bookings;
    for (uint32_t q = s->start; q < s->start + s->count && out->shown < LINKS_SHOW_MAX; q++) {
        links_member_view v = member_view(ix, k->entries[q].ordinal, 0, 0);
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
