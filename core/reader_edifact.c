/* reader_edifact.c - UN/EDIFACT manifests (PAXLST, PNRGOV): service string advice, release
 * character, interchanges, groups and messages, count checks, and the records mapped from them. */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader_edifact.h"
#include "xalloc.h"

/* ---- limits ------------------------------------------------------------------------
 * A segment or a message past these is rejected (and skipped to its end) rather than
 * held in memory: real PAXLST and PNRGOV messages are a few hundred kilobytes at most. */
#define EDIFACT_MAX_SEGMENT_BYTES (1L << 20)
#define EDIFACT_MAX_ELEMENTS 999
#define EDIFACT_MAX_MESSAGE_BYTES (64L << 20)
#define EDIFACT_MAX_MESSAGE_SEGMENTS 1000000L

const char *const edifact_field_names[EF_COUNT] = {
    "passenger_id", "record_locator", "surname", "given_names", "date_of_birth", "sex",
    "nationality", "country_of_birth", "document_type", "document_number",
    "document_issuing_state", "document_expiry", "carrier", "flight_number", "departure",
    "arrival", "origin", "destination", "itinerary", "booking_date", "one_way",
    "form_of_payment", "payer_surname", "payer_given_names", "travel_agency",
    "contact_phone", "contact_email", "card_fingerprint", "frequent_flyer",
    "baggage_count", "party_size", "unaccompanied_minor", "checkin_status", "seat",
    "ticket_number", "meal_request", "medical_request",
};

/* ISO 9735 service characters: UNA, else the defaults of syntax levels A and B. */
typedef struct edifact_syntax {
    char component, element, decimal, release, repetition, terminator;
    bool has_release;         /* a UNA release character given as a space means none */
} edifact_syntax;

static const edifact_syntax edifact_default_syntax = { ':', '+', '.', '?', ' ', '\'', true };

/* One segment as read, before it joins a message (or is an envelope segment). */
typedef struct edifact_scratch {
    char *text;
    size_t length, capacity;
    edifact_component *components;
    uint32_t count, capacity_components;
    long line;
    long file_number;         /* its rank among the file's segments */
    char tag[4];
    bool tag_ok;              /* three upper-case letters or digits */
    char bad_tag[16];         /* what stood where the tag should be, for the reject */
    const char *error;        /* a syntax error inside the segment, NULL when none */
} edifact_scratch;

typedef struct edifact_state {
    FILE *fp;
    unsigned char buffer[1 << 16];
    size_t at, length;
    bool eof;
    int read_errno;
    long line;                /* newlines consumed */
    edifact_syntax syntax;
    bool seeking;             /* outside an interchange: text up to UNA/UNB/UNH is skipped */
    long file_segments;

    /* the envelope */
    bool in_interchange, in_group, interchange_has_groups;
    long interchange_messages, interchange_groups, group_messages;
    long interchange_line;
    int interchange_year;
    long messages;            /* UNH seen in the file */
    long bookings;            /* PNRGOV bookings (SRC) of the messages mapped */

    edifact_scratch scratch;
    bool held;                /* scratch holds a segment not handled yet */
    bool in_message;
    bool message_bad;         /* a syntax error: the message is rejected at its end */
    long bad_segment, bad_line;
    char bad_tag[4];
    char bad_reason[300];
    long message_segments;    /* counted even past the limits */
    size_t message_bytes;
    edifact_message msg;
    edifact_out out;
    int slots[EF_COUNT];      /* schema slot of each mapped field, -1 when not read */
    unsigned char card_key[EDIFACT_CARD_KEY_BYTES]; /* derived from VIGIE_CARD_KEY when the reader opens */
    bool has_card_key;
} edifact_state;

/* ---- bytes ---------------------------------------------------------------------------- */

static size_t edifact_fill(edifact_state *st, size_t want)
{
    if (st->length - st->at >= want || st->eof) return st->length - st->at;
    memmove(st->buffer, st->buffer + st->at, st->length - st->at);
    st->length -= st->at;
    st->at = 0;
    while (st->length < want && !st->eof) {
        size_t n = fread(st->buffer + st->length, 1, sizeof st->buffer - st->length, st->fp);
        if (n == 0) {
            st->eof = true;
            if (ferror(st->fp)) st->read_errno = errno ? errno : EIO;
        }
        st->length += n;
    }
    return st->length - st->at;
}

static int edifact_getc(reader *r, edifact_state *st)
{
    if (st->at == st->length && edifact_fill(st, 1) == 0) return EOF;
    int c = st->buffer[st->at++];
    r->bytes_read++;
    if (c == '\n') st->line++;
    return c;
}

static int edifact_peek(edifact_state *st)
{
    if (st->at == st->length && edifact_fill(st, 1) == 0) return EOF;
    return st->buffer[st->at];
}

/* ---- segments ------------------------------------------------------------------------- */

static void scratch_append(edifact_scratch *s, char c)
{
    if (s->length + 2 > s->capacity) {
        s->capacity = s->capacity ? s->capacity * 2 : 256;
        s->text = xrealloc(s->text, s->capacity);
    }
    s->text[s->length++] = c;
}

static void scratch_begin_component(edifact_scratch *s, int element, int index)
{
    if (s->count == s->capacity_components) {
        s->capacity_components = s->capacity_components ? s->capacity_components * 2 : 32;
        s->components = xreallocarray(s->components, s->capacity_components, sizeof *s->components);
    }
    edifact_component *c = &s->components[s->count++];
    c->offset = (uint32_t)s->length;
    c->element = (uint16_t)element;
    c->index = (uint16_t)index;
}

/* End the current component: trim its blanks and terminate it. */
static void scratch_end_component(edifact_scratch *s)
{
    edifact_component *c = &s->components[s->count - 1];
    size_t start = c->offset, end = s->length;
    while (start < end && (s->text[start] == ' ' || s->text[start] == '\t')) start++;
    while (end > start && (s->text[end - 1] == ' ' || s->text[end - 1] == '\t')) end--;
    memmove(s->text + c->offset, s->text + start, end - start);
    s->length = c->offset + (end - start);
    scratch_append(s, '\0');
}

static bool edifact_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* Skip text outside an interchange up to the next UNA, UNB or UNH (a teletype or mail
 * envelope, a footer). Text that holds segment terminators is said on stderr. */
static void edifact_seek_interchange(reader *r, edifact_state *st)
{
    long skipped = 0, line = st->line + 1;
    bool looks_like_segments = false;
    for (;;) {
        size_t have = edifact_fill(st, 3);
        if (have < 3) {
            while (edifact_getc(r, st) != EOF) skipped++;
            break;
        }
        const unsigned char *p = st->buffer + st->at;
        if (p[0] == 'U' && p[1] == 'N' && (p[2] == 'A' || p[2] == 'B' || p[2] == 'H')) break;
        if (p[0] == '\'') looks_like_segments = true;
        edifact_getc(r, st);
        skipped++;
    }
    if (looks_like_segments)
        edifact_warn(r, line, "%ld bytes outside any interchange (before UNA, UNB or UNH) skipped; "
                     "they hold segment terminators", skipped);
    st->seeking = false;
    st->syntax = edifact_default_syntax;
}

/* Read the next segment into st->scratch. False at the end of the file. A UNA is taken
 * here (it changes the syntax) and not returned. */
static bool edifact_read_segment(reader *r, edifact_state *st)
{
    edifact_scratch *s = &st->scratch;
    for (;;) {
        int c;
        while ((c = edifact_peek(st)) != EOF && edifact_blank(c)) edifact_getc(r, st);
        if (c == EOF) return false;
        if (st->seeking) {
            edifact_seek_interchange(r, st);
            continue;
        }
        s->length = 0;
        s->count = 0;
        s->error = NULL;
        s->line = st->line + 1;
        if (edifact_fill(st, 3) >= 3 && memcmp(st->buffer + st->at, "UNA", 3) == 0) {
            if (edifact_fill(st, 9) < 9) {
                while (edifact_getc(r, st) != EOF) {}
                s->error = "the file ends inside the UNA service string advice";
                strcpy(s->tag, "UNA");
                s->tag_ok = true;
                st->file_segments++;
                s->file_number = st->file_segments;
                scratch_begin_component(s, 0, 0);
                scratch_end_component(s);
                return true;
            }
            for (int i = 0; i < 3; i++) edifact_getc(r, st);
            char chars[6];
            for (int i = 0; i < 6; i++) chars[i] = (char)edifact_getc(r, st);
            edifact_syntax x = { chars[0], chars[1], chars[2], chars[3], chars[4], chars[5], chars[3] != ' ' };
            st->syntax = x;
            continue;
        }
        const edifact_syntax *sx = &st->syntax;
        int element = 0, index = 0;
        bool too_long = false;
        scratch_begin_component(s, 0, 0);
        for (;;) {
            c = edifact_getc(r, st);
            if (c == EOF) break; /* the last segment may lack its terminator */
            if (c == '\r' || c == '\n') continue; /* line breaks are not data, wherever they fall */
            if (sx->has_release && c == (unsigned char)sx->release) {
                do c = edifact_getc(r, st); while (c == '\r' || c == '\n');
                if (c == EOF) {
                    if (!s->error) s->error = "the file ends after a release character";
                    break;
                }
                if (!too_long) scratch_append(s, (char)c);
            } else if (c == (unsigned char)sx->terminator) {
                break;
            } else if (c == (unsigned char)sx->element) {
                scratch_end_component(s);
                if (++element > EDIFACT_MAX_ELEMENTS) {
                    element = EDIFACT_MAX_ELEMENTS;
                    if (!s->error) s->error = "the segment has more than 999 data elements";
                }
                index = 0;
                scratch_begin_component(s, element, index);
            } else if (c == (unsigned char)sx->component) {
                scratch_end_component(s);
                if (index < 999) index++;
                scratch_begin_component(s, element, index);
            } else if (!too_long) {
                scratch_append(s, (char)c);
            }
            if (!too_long && s->length > EDIFACT_MAX_SEGMENT_BYTES) {
                too_long = true;
                if (!s->error) s->error = "the segment is longer than 1 MB";
            }
            if (s->count > 4 * EDIFACT_MAX_ELEMENTS) { /* a flood of component separators */
                s->count = 4 * EDIFACT_MAX_ELEMENTS;
                if (!s->error) s->error = "the segment has too many components";
            }
        }
        scratch_end_component(s);
        const char *tag = s->text + s->components[0].offset;
        if (s->count == 1 && tag[0] == '\0') continue; /* an empty segment: nothing there */
        st->file_segments++;
        s->file_number = st->file_segments;
        size_t n = strlen(tag);
        s->tag_ok = n == 3 && s->components[0].index == 0 && (s->count < 2 || s->components[1].element == 1);
        for (size_t i = 0; s->tag_ok && i < 3; i++)
            if (!(isupper((unsigned char)tag[i]) || isdigit((unsigned char)tag[i]))) s->tag_ok = false;
        if (s->tag_ok) {
            memcpy(s->tag, tag, 4);
        } else {
            strcpy(s->tag, "?");
            size_t k = 0;
            for (size_t i = 0; tag[i] && k + 1 < sizeof s->bad_tag; i++)
                s->bad_tag[k++] = isprint((unsigned char)tag[i]) ? tag[i] : '?';
            s->bad_tag[k] = '\0';
        }
        return true;
    }
}

const char *edifact_get(const edifact_message *m, const edifact_segment *s, int element, int index)
{
    for (uint32_t i = s->first; i < s->first + s->count; i++) {
        const edifact_component *c = &m->components[i];
        if (c->element == element && c->index == index) return m->text + c->offset;
        if (c->element > element) break;
    }
    return "";
}

static const char *scratch_get(const edifact_scratch *s, int element, int index)
{
    for (uint32_t i = 0; i < s->count; i++)
        if (s->components[i].element == element && s->components[i].index == index)
            return s->text + s->components[i].offset;
    return "";
}

/* ---- the message buffer ------------------------------------------------------------- */

static void message_reset(edifact_state *st)
{
    edifact_message *m = &st->msg;
    m->text_length = 0;
    m->component_count = 0;
    m->segment_count = 0;
    m->reference[0] = '\0';
    st->message_bad = false;
    st->message_segments = 0;
    st->message_bytes = 0;
}

static void message_bad(edifact_state *st, long segment, long line, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void message_bad(edifact_state *st, long segment, long line, const char *tag, const char *fmt, ...)
{
    if (st->message_bad) return; /* the first error tells */
    st->message_bad = true;
    st->bad_segment = segment;
    st->bad_line = line;
    snprintf(st->bad_tag, sizeof st->bad_tag, "%s", tag);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->bad_reason, sizeof st->bad_reason, fmt, ap);
    va_end(ap);
}

static void message_append(edifact_state *st)
{
    edifact_scratch *s = &st->scratch;
    edifact_message *m = &st->msg;
    long number = ++st->message_segments;
    if (!s->tag_ok)
        message_bad(st, number, s->line, "?", "'%s' is not a segment tag (three capital letters or digits)", s->bad_tag);
    else if (s->error)
        message_bad(st, number, s->line, s->tag, "%s", s->error);
    st->message_bytes += s->length;
    if (st->message_bytes > EDIFACT_MAX_MESSAGE_BYTES || st->message_segments > EDIFACT_MAX_MESSAGE_SEGMENTS) {
        message_bad(st, number, s->line, s->tag, "the message is larger than 64 MB or a million segments");
        return;
    }
    if (st->message_bad) return; /* no need to keep what will be rejected */
    if (m->text_length + s->length > m->text_capacity) {
        m->text_capacity = (m->text_length + s->length) * 2 + 1024;
        m->text = xrealloc(m->text, m->text_capacity);
    }
    if (m->component_count + s->count > m->component_capacity) {
        m->component_capacity = (m->component_count + s->count) * 2 + 64;
        m->components = xreallocarray(m->components, m->component_capacity, sizeof *m->components);
    }
    if (m->segment_count == m->segment_capacity) {
        m->segment_capacity = m->segment_capacity ? m->segment_capacity * 2 : 128;
        m->segments = xreallocarray(m->segments, m->segment_capacity, sizeof *m->segments);
    }
    edifact_segment *seg = &m->segments[m->segment_count++];
    seg->first = m->component_count;
    seg->count = s->count;
    seg->number = number;
    seg->line = s->line;
    memcpy(seg->tag, s->tag, 4);
    memcpy(m->text + m->text_length, s->text, s->length);
    for (uint32_t i = 0; i < s->count; i++) {
        edifact_component c = s->components[i];
        c.offset += (uint32_t)m->text_length;
        m->components[m->component_count++] = c;
    }
    m->text_length += s->length;
}

/* ---- the mapped values ---------------------------------------------------------------- */

static void out_reset(edifact_out *out)
{
    out->length = 0;
    out->common.count = 0;
    for (int i = 0; i < out->booking_count; i++) out->bookings[i].count = 0;
    out->booking_count = 0;
    for (int i = 0; i < out->traveller_count; i++) out->travellers[i].own.count = 0;
    out->traveller_count = 0;
    out->next = 0;
    out->rejected = false;
}

static uint32_t out_text(edifact_out *out, const char *text)
{
    size_t n = strlen(text) + 1;
    if (out->length + n > out->capacity) {
        out->capacity = (out->length + n) * 2 + 256;
        out->text = xrealloc(out->text, out->capacity);
    }
    memcpy(out->text + out->length, text, n);
    uint32_t at = (uint32_t)out->length;
    out->length += n;
    return at;
}

static void values_add(edifact_out *out, edifact_values *to, int field, const edifact_segment *s,
                       const char *text, bool bad)
{
    if (to->count == to->capacity) {
        to->capacity = to->capacity ? to->capacity * 2 : 16;
        to->items = xreallocarray(to->items, (size_t)to->capacity, sizeof *to->items);
    }
    edifact_value *v = &to->items[to->count++];
    v->field = field;
    v->text = out_text(out, text);
    v->segment = s ? s->number : 0;
    v->line = s ? s->line : 0;
    memcpy(v->tag, s ? s->tag : "", s ? sizeof v->tag : 1); /* tags are 3 characters and a NUL */
    v->bad = bad;
}

void edifact_put(edifact_out *out, edifact_values *to, int field, const edifact_segment *s, const char *text)
{
    if (!text || !*text) return; /* missing stays missing */
    values_add(out, to, field, s, text, false);
}

void edifact_put_bad(edifact_out *out, edifact_values *to, int field, const edifact_segment *s, const char *fmt, ...)
{
    char why[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    values_add(out, to, field, s, why, true);
}

const char *edifact_find(const edifact_out *out, const edifact_values *in, int field)
{
    for (int i = in->count - 1; i >= 0; i--)
        if (in->items[i].field == field && !in->items[i].bad) return out->text + in->items[i].text;
    return NULL;
}

edifact_traveller *edifact_add_traveller(edifact_out *out, const edifact_segment *s, int booking)
{
    if (out->traveller_count == out->traveller_capacity) {
        int old = out->traveller_capacity;
        out->traveller_capacity = old ? old * 2 : 16;
        out->travellers = xreallocarray(out->travellers, (size_t)out->traveller_capacity, sizeof *out->travellers);
        memset(out->travellers + old, 0, (size_t)(out->traveller_capacity - old) * sizeof *out->travellers);
    }
    edifact_traveller *t = &out->travellers[out->traveller_count++];
    t->own.count = 0;
    t->booking = booking;
    t->segment = s->number;
    t->line = s->line;
    return t;
}

int edifact_add_booking(edifact_out *out)
{
    if (out->booking_count == out->booking_capacity) {
        int old = out->booking_capacity;
        out->booking_capacity = old ? old * 2 : 8;
        out->bookings = xreallocarray(out->bookings, (size_t)out->booking_capacity, sizeof *out->bookings);
        memset(out->bookings + old, 0, (size_t)(out->booking_capacity - old) * sizeof *out->bookings);
    }
    out->bookings[out->booking_count].count = 0;
    return out->booking_count++;
}

void edifact_reject_message(edifact_out *out, const edifact_segment *s, const char *field, const char *fmt, ...)
{
    if (out->rejected) return;
    out->rejected = true;
    out->reject_segment = s->number;
    out->reject_line = s->line;
    snprintf(out->reject_tag, sizeof out->reject_tag, "%s", s->tag);
    snprintf(out->reject_field, sizeof out->reject_field, "%s", field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->reject_reason, sizeof out->reject_reason, fmt, ap);
    va_end(ap);
}

void edifact_warn(const reader *r, long line, const char *fmt, ...)
{
    char message[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (line > 0)
        fprintf(stderr, "vigie: %s:%ld: warning: %s\n", r->path, line, message);
    else
        fprintf(stderr, "vigie: %s: warning: %s\n", r->path, message);
}

/* ---- card fingerprints ------------------------------------------------------------------
 * BLAKE2b (libsodium's crypto_generichash) keyed with VIGIE_CARD_KEY: the same card gives
 * the same fingerprint in every run that shares the key, and a fingerprint cannot be
 * turned back into a card number without the key (an unkeyed hash could: card numbers
 * are few enough to try them all). Without a key, there is no fingerprint. */
_Static_assert(EDIFACT_CARD_KEY_BYTES == crypto_generichash_KEYBYTES, "the card key is a BLAKE2b key");

/* The key, derived from VIGIE_CARD_KEY once per reader (when it opens: readers of
 * several files run on several threads, each with its own); false when there is no
 * key, or one too short to be a secret. */
static bool edifact_card_key(unsigned char key[EDIFACT_CARD_KEY_BYTES])
{
    const char *text = getenv("VIGIE_CARD_KEY");
    if (!text || strlen(text) < 16 || sodium_init() < 0) return false;
    crypto_generichash(key, EDIFACT_CARD_KEY_BYTES, (const unsigned char *)text, strlen(text), NULL, 0);
    return true;
}

bool edifact_card_fingerprint(const unsigned char *key, const char *vendor, const char *number, char out[33])
{
    if (!key) return false;
    char normal[128];
    size_t n = 0;
    for (const char *p = vendor; *p && n + 2 < sizeof normal; p++)
        if (!isspace((unsigned char)*p)) normal[n++] = (char)toupper((unsigned char)*p);
    normal[n++] = ':';
    for (const char *p = number; *p && n + 1 < sizeof normal; p++) {
        if (isspace((unsigned char)*p) || *p == '-') continue;
        normal[n++] = *p == '*' || *p == 'x' ? 'X' : (char)toupper((unsigned char)*p);
    }
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)normal, n, key, EDIFACT_CARD_KEY_BYTES);
    sodium_bin2hex(out, 33, hash, sizeof hash);
    return true;
}

/* ---- the reader ------------------------------------------------------------------------- */

static const reader_format edifact_format; /* defined below */

/* The travellers of the mapped message, one call each; then the next message. */
static read_status edifact_emit(reader *r, edifact_state *st, record *rec, vg_error *err)
{
    edifact_out *out = &st->out;
    const edifact_message *m = &st->msg;
    edifact_traveller *t = &out->travellers[out->next++];
    rec->line = t->line;
    const edifact_values *scopes[3] = { &out->common, t->booking >= 0 ? &out->bookings[t->booking] : NULL, &t->own };
    for (int k = 0; k < 3; k++) {
        if (!scopes[k]) continue;
        for (int i = 0; i < scopes[k]->count; i++) {
            const edifact_value *v = &scopes[k]->items[i];
            const char *name = edifact_field_names[v->field];
            const char *text = out->text + v->text;
            if (v->bad) {
                error_set(err, r->path, v->line, name, "message %ld (UNH %s), segment %ld (%s): %s",
                          m->number, m->reference, v->segment, v->tag, text);
                return READ_REJECT;
            }
            int slot = st->slots[v->field];
            if (slot < 0) continue;
            if (reader_convert(r, rec, slot, text, strlen(text), err) != VG_OK) {
                char why[sizeof err->message];
                snprintf(why, sizeof why, "%s", err->message);
                error_set(err, r->path, v->line, name, "message %ld (UNH %s), segment %ld (%s): %s",
                          m->number, m->reference, v->segment, v->tag, why);
                return READ_REJECT;
            }
        }
    }
    read_status status = reader_finish(r, rec, err);
    return status;
}

/* A message ends (UNT seen, or cut short): map it, or reject it whole. */
static read_status edifact_end_message(reader *r, edifact_state *st, record *rec, vg_error *err,
                                       const char *cut_short)
{
    edifact_message *m = &st->msg;
    edifact_out *out = &st->out;
    out_reset(out);
    st->in_message = false;
    rec->line = m->segment_count ? m->segments[0].line : st->scratch.line;
    if (cut_short || st->message_bad) {
        if (st->message_bad) /* the first error inside says more than the missing UNT */
            error_set(err, r->path, st->bad_line, "(segment)", "message %ld (UNH %s), segment %ld (%s): %s",
                      m->number, m->reference, st->bad_segment, st->bad_tag, st->bad_reason);
        else
            error_set(err, r->path, m->segment_count ? m->segments[0].line : st->scratch.line, "(message)",
                      "message %ld (UNH %s): %s", m->number, m->reference, cut_short);
        rec->line = err->line;
        return READ_REJECT;
    }
    const edifact_segment *unh = &m->segments[0];
    const char *type = edifact_get(m, unh, 2, 0);
    if (strcmp(type, "PAXLST") == 0) {
        edifact_map_paxlst(r, m, out);
    } else if (strcmp(type, "PNRGOV") == 0) {
        edifact_map_pnrgov(r, m, out, st->has_card_key ? st->card_key : NULL);
    } else {
        error_set(err, r->path, unh->line, "(message)", "message %ld (UNH %s), segment 1 (UNH): "
                  "message type '%s' is not PAXLST or PNRGOV", m->number, m->reference, type);
        rec->line = unh->line;
        return READ_REJECT;
    }
    /* the UNT count (segments from UNH to UNT, both counted) */
    const edifact_segment *unt = &m->segments[m->segment_count - 1];
    const char *declared = edifact_get(m, unt, 1, 0);
    char *end;
    long n = strtol(declared, &end, 10);
    if (!*declared || *end)
        edifact_warn(r, unt->line, "message %ld (UNH %s): UNT segment count '%s' is not a number",
                     m->number, m->reference, declared);
    else if (n != (long)m->segment_count)
        edifact_warn(r, unt->line, "message %ld (UNH %s): UNT says %ld segments, the message has %ld",
                     m->number, m->reference, n, (long)m->segment_count);
    const char *unt_reference = edifact_get(m, unt, 2, 0);
    if (*unt_reference && strcmp(unt_reference, m->reference) != 0)
        edifact_warn(r, unt->line, "message %ld (UNH %s): UNT names message reference '%s'",
                     m->number, m->reference, unt_reference);
    if (out->rejected) {
        error_set(err, r->path, out->reject_line, out->reject_field, "message %ld (UNH %s), segment %ld (%s): %s",
                  m->number, m->reference, out->reject_segment, out->reject_tag, out->reject_reason);
        rec->line = out->reject_line;
        out->traveller_count = 0;
        return READ_REJECT;
    }
    st->bookings += out->booking_count;
    if (out->traveller_count == 0) return READ_EOF; /* nothing to return: the caller reads on */
    return edifact_emit(r, st, rec, err);
}

static long envelope_count(edifact_state *st, int element, const char **text)
{
    *text = scratch_get(&st->scratch, element, 0);
    char *end;
    long n = strtol(*text, &end, 10);
    return **text && !*end ? n : -1;
}

/* UNB, UNG, UNE, UNZ outside a message. */
static void edifact_envelope(reader *r, edifact_state *st)
{
    edifact_scratch *s = &st->scratch;
    const char *text;
    if (strcmp(s->tag, "UNB") == 0) {
        if (st->in_interchange)
            edifact_warn(r, s->line, "UNB before the UNZ of the interchange opened at line %ld", st->interchange_line);
        st->in_interchange = true;
        st->interchange_has_groups = st->in_group = false;
        st->interchange_messages = st->interchange_groups = 0;
        st->interchange_line = s->line;
        const char *date = scratch_get(s, 4, 0);
        size_t n = strlen(date);
        st->interchange_year = 0;
        if ((n == 6 || n == 8) && strspn(date, "0123456789") == n)
            st->interchange_year = n == 8 ? atoi((char[5]){ date[0], date[1], date[2], date[3], 0 })
                                          : 2000 + (date[0] - '0') * 10 + (date[1] - '0');
    } else if (strcmp(s->tag, "UNG") == 0) {
        st->in_group = st->interchange_has_groups = true;
        st->interchange_groups++;
        st->group_messages = 0;
    } else if (strcmp(s->tag, "UNE") == 0) {
        long n = envelope_count(st, 1, &text);
        if (!st->in_group)
            edifact_warn(r, s->line, "UNE without UNG");
        else if (n != st->group_messages)
            edifact_warn(r, s->line, "UNE says '%s' messages, the group has %ld", text, st->group_messages);
        st->in_group = false;
    } else if (strcmp(s->tag, "UNZ") == 0) {
        long n = envelope_count(st, 1, &text);
        long have = st->interchange_has_groups ? st->interchange_groups : st->interchange_messages;
        if (n != have)
            edifact_warn(r, s->line, "UNZ says '%s' %s, the interchange has %ld", text,
                         st->interchange_has_groups ? "groups" : "messages", have);
        st->in_interchange = st->in_group = false;
        st->seeking = true; /* what follows a UNZ up to the next interchange is not EDIFACT */
    }
}

static bool is_envelope(const char *tag)
{
    return strcmp(tag, "UNB") == 0 || strcmp(tag, "UNG") == 0 || strcmp(tag, "UNE") == 0 || strcmp(tag, "UNZ") == 0;
}

static read_status edifact_next(reader *r, record *rec, vg_error *err)
{
    edifact_state *st = r->state;
    for (;;) {
        if (st->out.next < st->out.traveller_count) return edifact_emit(r, st, rec, err);
        bool have = st->held || edifact_read_segment(r, st);
        st->held = false;
        if (st->read_errno) {
            error_set(err, r->path, st->line + 1, NULL, "read error: %s", strerror(st->read_errno));
            return READ_FATAL;
        }
        edifact_scratch *s = &st->scratch;
        if (!have) {
            if (st->in_message) {
                char why[160];
                snprintf(why, sizeof why, "the file ends at segment %ld of the message, before its UNT",
                         st->message_segments);
                return edifact_end_message(r, st, rec, err, why);
            }
            if (st->in_interchange) edifact_warn(r, 0, "the file ends before the UNZ of the interchange opened at line %ld",
                                                 st->interchange_line);
            if (st->file_segments == 0) { /* a file that is no EDIFACT at all is not 0 records */
                error_set(err, r->path, 0, NULL, "no EDIFACT segment: the file has no UNA, UNB or UNH");
                return READ_FATAL;
            }
            return READ_EOF;
        }
        if (st->in_message) {
            if (s->tag_ok && (strcmp(s->tag, "UNH") == 0 || is_envelope(s->tag))) {
                st->held = true;
                char why[160];
                snprintf(why, sizeof why, "no UNT before the %s at segment %ld of the file", s->tag, s->file_number);
                return edifact_end_message(r, st, rec, err, why);
            }
            message_append(st);
            if (s->tag_ok && strcmp(s->tag, "UNT") == 0) {
                read_status status = edifact_end_message(r, st, rec, err, NULL);
                if (status != READ_EOF) return status;
            }
            continue;
        }
        if (s->tag_ok && strcmp(s->tag, "UNH") == 0) {
            message_reset(st);
            st->in_message = true;
            st->msg.number = ++st->messages;
            st->msg.interchange_year = st->interchange_year;
            snprintf(st->msg.reference, sizeof st->msg.reference, "%s", scratch_get(s, 1, 0));
            st->interchange_messages++;
            if (st->in_group) st->group_messages++;
            message_append(st);
            continue;
        }
        if (s->tag_ok && is_envelope(s->tag) && !s->error) {
            edifact_envelope(r, st);
            continue;
        }
        /* segments outside a message: one reject for the run of them, up to the next
         * UNH or envelope segment (held) or a UNT (taken with them) */
        long first = s->file_number, line = s->line, last = first;
        char first_tag[16];
        snprintf(first_tag, sizeof first_tag, "%s", s->tag_ok ? s->tag : s->bad_tag);
        const char *why = s->tag_ok && is_envelope(s->tag) ? s->error : NULL;
        while (!why && edifact_read_segment(r, st)) {
            if (s->tag_ok && (strcmp(s->tag, "UNH") == 0 || is_envelope(s->tag))) {
                st->held = true;
                break;
            }
            last = s->file_number;
            if (s->tag_ok && strcmp(s->tag, "UNT") == 0) break;
        }
        rec->line = line;
        if (why)
            error_set(err, r->path, line, "(segment)", "segment %ld of the file (%s): %s", first, first_tag, why);
        else if (last == first)
            error_set(err, r->path, line, "(message)", "segment %ld of the file (%s) is outside a message: no UNH before it",
                      first, first_tag);
        else
            error_set(err, r->path, line, "(message)",
                      "segments %ld to %ld of the file (from %s) are outside a message: no UNH before them",
                      first, last, first_tag);
        return READ_REJECT;
    }
}

static void edifact_close(reader *r)
{
    edifact_state *st = r->state;
    if (!st) return;
    if (st->fp) fclose(st->fp);
    sodium_memzero(st->card_key, sizeof st->card_key); /* a secret: not left in freed memory */
    free(st->scratch.text);
    free(st->scratch.components);
    free(st->msg.text);
    free(st->msg.components);
    free(st->msg.segments);
    free(st->out.text);
    free(st->out.common.items);
    for (int i = 0; i < st->out.booking_capacity; i++) free(st->out.bookings[i].items);
    free(st->out.bookings);
    for (int i = 0; i < st->out.traveller_capacity; i++) free(st->out.travellers[i].own.items);
    free(st->out.travellers);
    free(st);
    r->state = NULL;
}

long edifact_message_count(const reader *r)
{
    const edifact_state *st = r->state;
    return r->format == &edifact_format ? st->messages : -1;
}

long edifact_booking_count(const reader *r)
{
    const edifact_state *st = r->state;
    return r->format == &edifact_format ? st->bookings : -1;
}

static long edifact_line(const reader *r)
{
    const edifact_state *st = r->state;
    return st->line;
}

/* Read whole by one reader: messages are per flight, a file is a few of them. */
static const reader_format edifact_format = { edifact_next, edifact_close, NULL, NULL, edifact_line, false };

int reader_edifact_open(reader *r, const char *kind, vg_error *err)
{
    edifact_state *st = xcalloc(1, sizeof *st);
    r->state = st;
    r->format = &edifact_format;
    st->syntax = edifact_default_syntax;
    st->seeking = true;
    if (kind && strcmp(kind, "traveller") != 0)
        return error_set(err, r->path, 0, NULL, "EDIFACT messages (PAXLST, PNRGOV) give traveller records, not %s", kind);
    st->fp = reader_fopen(r, err);
    if (!st->fp) return VG_ERR;
    st->has_card_key = edifact_card_key(st->card_key);
    reader_mark_data_start(r, st->fp, 0, 0);
    r->regular = false; /* not split into ranges */
    if (reader_choose_schema(r, "traveller", NULL, 0, 0, err) != VG_OK) return VG_ERR;
    for (int i = 0; i < EF_COUNT; i++) {
        int slot = schema_field_index(r->schema, edifact_field_names[i]);
        st->slots[i] = slot >= 0 && r->schema->fields[slot].derive == DERIVE_NONE ? slot : -1;
    }
    return VG_OK;
}
