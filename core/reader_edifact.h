/* reader_edifact.h - what reader_edifact.c (syntax, envelopes, records) shares with
 * reader_edifact_map.c (PAXLST and PNRGOV segments to traveller fields) only. */
#ifndef VIGIE_READER_EDIFACT_H
#define VIGIE_READER_EDIFACT_H

#include <stdbool.h>
#include <stdint.h>
#include "reader_impl.h"

/* ---- one buffered message ----------------------------------------------------------
 * A message (UNH..UNT) is read whole before any of its travellers is returned: a PNRGOV
 * booking's party size and itinerary come after its travellers, and a message that turns
 * out malformed (no UNT, a bad tag) is rejected as a whole. Every component is stored
 * trimmed of surrounding blanks and NUL-terminated in `text`; element 0 is the tag. */
typedef struct edifact_component {
    uint32_t offset;          /* into text */
    uint16_t element, index;  /* element 0 is the tag; components count from 0 */
} edifact_component;

typedef struct edifact_segment {
    uint32_t first, count;    /* its components: [first, first + count) */
    long number;              /* in the message: UNH is 1 */
    long line;                /* where its tag starts in the file (1-based) */
    char tag[4];
} edifact_segment;

typedef struct edifact_message {
    char *text;
    size_t text_length, text_capacity;
    edifact_component *components;
    uint32_t component_count, component_capacity;
    edifact_segment *segments;
    uint32_t segment_count, segment_capacity;
    long number;              /* the message's rank in the file, from 1 */
    char reference[64];       /* UNH message reference (0062) */
    int interchange_year;     /* from the UNB date (YYMMDD or CCYYMMDD), 0 when unknown */
} edifact_message;

/* Component `index` of element `element` of segment s: "" when absent. */
const char *edifact_get(const edifact_message *m, const edifact_segment *s, int element, int index);

/* ---- what a message maps to ----------------------------------------------------------
 * Values are texts in the form value_parse reads (ISO dates, '|'-joined lists), each
 * with the segment it came from, so that a value that does not convert names it. A
 * value found malformed while mapping (a date that is no date) is kept as `bad` with
 * its reason: the traveller it belongs to is rejected when it is returned, the others
 * of the message are not. Values apply in order: the message's, the booking's, the
 * traveller's own (a later one for the same field wins). */
enum {
    EF_PASSENGER_ID, EF_RECORD_LOCATOR, EF_SURNAME, EF_GIVEN_NAMES, EF_DATE_OF_BIRTH, EF_SEX,
    EF_NATIONALITY, EF_COUNTRY_OF_BIRTH, EF_DOCUMENT_TYPE, EF_DOCUMENT_NUMBER,
    EF_DOCUMENT_ISSUING_STATE, EF_DOCUMENT_EXPIRY, EF_CARRIER, EF_FLIGHT_NUMBER, EF_DEPARTURE,
    EF_ARRIVAL, EF_ORIGIN, EF_DESTINATION, EF_ITINERARY, EF_BOOKING_DATE, EF_ONE_WAY,
    EF_FORM_OF_PAYMENT, EF_PAYER_SURNAME, EF_PAYER_GIVEN_NAMES, EF_TRAVEL_AGENCY,
    EF_CONTACT_PHONE, EF_CONTACT_EMAIL, EF_CARD_FINGERPRINT, EF_FREQUENT_FLYER,
    EF_BAGGAGE_COUNT, EF_PARTY_SIZE, EF_UNACCOMPANIED_MINOR, EF_CHECKIN_STATUS, EF_SEAT,
    EF_TICKET_NUMBER, EF_MEAL_REQUEST, EF_MEDICAL_REQUEST, EF_COUNT
};
extern const char *const edifact_field_names[EF_COUNT];

typedef struct edifact_value {
    int field;                /* EF_* */
    uint32_t text;            /* into edifact_out.text: the value, or the reason when bad */
    long segment, line;
    char tag[4];
    bool bad;
} edifact_value;

typedef struct edifact_values {
    edifact_value *items;
    int count, capacity;
} edifact_values;

typedef struct edifact_traveller {
    edifact_values own;
    int booking;              /* index into bookings, -1 when none (PAXLST) */
    long segment, line;       /* its NAD or TIF */
} edifact_traveller;

typedef struct edifact_out {
    char *text;
    size_t length, capacity;
    edifact_values common;    /* the message's: flight, header */
    edifact_values *bookings;
    int booking_count, booking_capacity;
    edifact_traveller *travellers;
    int traveller_count, traveller_capacity;
    int next;                 /* the next traveller to return */
    /* set when the message as a whole is rejected */
    bool rejected;
    long reject_segment, reject_line;
    char reject_tag[4];
    char reject_field[64];
    char reject_reason[400];
} edifact_out;

/* Builders used by the mappings. */
void edifact_put(edifact_out *out, edifact_values *to, int field, const edifact_segment *s, const char *text);
void edifact_put_bad(edifact_out *out, edifact_values *to, int field, const edifact_segment *s,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
edifact_traveller *edifact_add_traveller(edifact_out *out, const edifact_segment *s, int booking);
int edifact_add_booking(edifact_out *out);
void edifact_reject_message(edifact_out *out, const edifact_segment *s, const char *field,
                            const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The last value of a field in a list, NULL when none (not bad ones). */
const char *edifact_find(const edifact_out *out, const edifact_values *in, int field);

/* A warning about the file (a count that does not add up): "vigie: FILE:LINE: ..." on stderr. */
void edifact_warn(const reader *r, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* What the reader has read so far (-1 when r is no EDIFACT reader): messages (UNH), and
 * PNRGOV bookings (SRC) of the messages that were mapped (not rejected whole). */
long edifact_message_count(const reader *r);
long edifact_booking_count(const reader *r);

/* The mappings: fill out from message m (out is empty). */
void edifact_map_paxlst(const reader *r, const edifact_message *m, edifact_out *out);
void edifact_map_pnrgov(const reader *r, const edifact_message *m, edifact_out *out, const unsigned char *card_key);

/* The keyed fingerprint of a card number (vendor code and number as given, masking
 * characters kept): 32 hex digits into out[33]. key: the reader's, derived from
 * VIGIE_CARD_KEY when it opened (EDIFACT_CARD_KEY_BYTES), NULL when none is
 * configured: then false, and the fingerprint is left missing, never an unkeyed hash. */
#define EDIFACT_CARD_KEY_BYTES 32
bool edifact_card_fingerprint(const unsigned char *key, const char *vendor, const char *number, char out[33]);

#endif
