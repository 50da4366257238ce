/* gen_edifact.c - the generator's EDIFACT writer: travellers as PNRGOV (one message per
 * booking) or PAXLST (one message per flight), in one interchange (docs/edifact.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>
#include "gen.h"
#include "xalloc.h"

/* One generated row kept as text: each field's value NUL-terminated, in field order. */
typedef struct edi_row {
    char *text;
    uint16_t start[GEN_MAX_FIELDS];
} edi_row;

/* PAXLST: the rows of one flight, in the order they came. */
typedef struct edi_flight {
    char *key;
    edi_row *rows;
    int count, capacity;
    UT_hash_handle hh;
} edi_flight;

/* PAXLST holds rows to group them per flight; past this many, the held flights are
 * written and a flight may go on in a later message (memory stays bounded). */
#define EDI_MAX_HELD 100000

struct gen_edifact {
    gen_format format;
    long held;                   /* PAXLST rows held */
    bool started;
    long messages;
    char interchange_date[8], interchange_time[8]; /* YYMMDD, HHMM: the first row's booking date */
    /* PNRGOV: the current booking */
    edi_row *booking;
    int booking_count, booking_capacity;
    /* PAXLST: every flight, in the order of their first traveller */
    edi_flight *flights;         /* uthash by key */
    edi_flight **order;
    int flight_count, flight_capacity;
    /* the message being written: its segments are counted for UNT */
    long segments;
};

/* The rows are the traveller generator's: a field is read by its TF_* index (gen.h). */
static const char *row_field(const edi_row *row, int field)
{
    return row->text + row->start[field];
}

/* The traveller's reference in its booking: the passenger id after "LOCATOR-", or the
 * whole id when it does not start so. */
static const char *traveller_ref(const edi_row *row)
{
    const char *id = row_field(row, TF_PASSENGER_ID), *locator = row_field(row, TF_RECORD_LOCATOR);
    size_t n = strlen(locator);
    return strncmp(id, locator, n) == 0 && id[n] == '-' ? id + n + 1 : id;
}

/* The journey's airports, from the itinerary ('|'-separated, split in buf), or origin
 * and destination when it names fewer than two; returns their count (2 to 32). */
static int row_airports(const edi_row *row, char buf[512], const char *airports[32])
{
    snprintf(buf, 512, "%s", row_field(row, TF_ITINERARY));
    int count = 0;
    for (char *p = strtok(buf, "|"); p && count < 32; p = strtok(NULL, "|")) airports[count++] = p;
    if (count < 2) {
        airports[0] = row_field(row, TF_ORIGIN);
        airports[1] = row_field(row, TF_DESTINATION);
        count = 2;
    }
    return count;
}

static edi_row row_copy(const gen_row *row)
{
    edi_row copy = { 0 };
    size_t total = 0;
    for (int i = 0; i < row->count; i++) total += row->length[i] + 1;
    copy.text = xmalloc(total ? total : 1);
    size_t at = 0;
    for (int i = 0; i < row->count; i++) {
        copy.start[i] = (uint16_t)at;
        memcpy(copy.text + at, row->text + row->start[i], row->length[i]);
        at += row->length[i];
        copy.text[at++] = '\0';
    }
    return copy;
}

/* ---- segments ------------------------------------------------------------------------
 * Default separators (UNA :+.? '), written in the UNA; the release character before
 * every service character in data. One segment a line: the readers drop line breaks. */

static void put_text(gen_out *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '?' || *p == '\'' || *p == '+' || *p == ':') gen_out_write(out, "?", 1);
        gen_out_write(out, p, 1);
    }
}

/* A segment from a format: '+' and ':' are separators, %s values are escaped. */
static void segment(gen_out *out, struct gen_edifact *e, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    for (const char *f = format; *f; f++) {
        if (f[0] == '%' && f[1] == 's') {
            put_text(out, va_arg(ap, const char *));
            f++;
        } else {
            gen_out_write(out, f, 1);
        }
    }
    va_end(ap);
    gen_out_write(out, "'\n", 2);
    e->segments++;
}

/* "2026-12-01T10:00:00Z" -> "011226" and "1000" (PNRGOV); "" when the value is missing. */
static void pnr_date(const char *iso, char day[8], char time[8], bool seconds)
{
    day[0] = time[0] = '\0';
    if (strlen(iso) < 10) return;
    snprintf(day, 8, "%.2s%.2s%.2s", iso + 8, iso + 5, iso + 2);
    if (strlen(iso) >= 16) snprintf(time, 8, seconds ? "%.2s%.2s%.2s" : "%.2s%.2s", iso + 11, iso + 14, iso + 17);
}

/* "1980-02-29" -> "29FEB80" (SSR DOCS). */
static void docs_date(const char *iso, char out[8])
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    out[0] = '\0';
    if (strlen(iso) < 10) return;
    int month = atoi(iso + 5);
    if (month < 1 || month > 12) return;
    snprintf(out, 8, "%.2s%.3s%.2s", iso + 8, months + 3 * (month - 1), iso + 2);
}

/* "2026-12-01T10:00:00Z" -> "202612011000" (PAXLST DTM format 203); "1980-02-29" -> "19800229" (102). */
static void compact(const char *iso, char *out, size_t size, bool with_time)
{
    out[0] = '\0';
    if (strlen(iso) < 10) return;
    if (with_time && strlen(iso) >= 16)
        snprintf(out, size, "%.4s%.2s%.2s%.2s%.2s", iso, iso + 5, iso + 8, iso + 11, iso + 14);
    else
        snprintf(out, size, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
}

static void begin_interchange(gen_out *out, struct gen_edifact *e, const edi_row *row)
{
    char day[8], time[8];
    pnr_date(row_field(row, TF_BOOKING_DATE), day, time, false);
    /* UNB's date is YYMMDD */
    snprintf(e->interchange_date, sizeof e->interchange_date, "%.2s%.2s%.2s", day + 4, day + 2, day);
    snprintf(e->interchange_time, sizeof e->interchange_time, "%s", time);
    if (!*day) {
        strcpy(e->interchange_date, "000101");
        strcpy(e->interchange_time, "0000");
    }
    gen_out_puts(out, "UNA:+.? '\n");
    bool pnr = e->format == GEN_PNRGOV;
    segment(out, e, pnr ? "UNB+IATA:1+VIGIEGEN+VIGIE+%s:%s+GEN1++PNRGOV" : "UNB+UNOA:4+VIGIEGEN+VIGIE+%s:%s+GEN1++APIS",
            e->interchange_date, e->interchange_time);
    e->started = true;
}

static void end_message(gen_out *out, struct gen_edifact *e, const char *reference)
{
    char count[24];
    snprintf(count, sizeof count, "%ld", e->segments + 1);
    segment(out, e, "UNT+%s+%s", count, reference);
}

/* ---- PNRGOV: one message per booking ------------------------------------------------ */

/* A card number of 16 digits drawn from the generated fingerprint: the same fingerprint
 * always gives the same number, so bookings that share a card still share it. */
static void card_number(const char *fingerprint, char out[17])
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = fingerprint; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    out[0] = '4';
    for (int i = 1; i < 16; i++) {
        h = gen_hash(h, (uint64_t)i);
        out[i] = (char)('0' + h % 10);
    }
    out[16] = '\0';
}

static void write_booking(gen_out *out, struct gen_edifact *e)
{
    if (e->booking_count == 0) return;
    const edi_row *first = &e->booking[0];
    char reference[24];
    snprintf(reference, sizeof reference, "G%ld", ++e->messages);
    e->segments = 0;
    const char *carrier = row_field(first, TF_CARRIER), *flight = row_field(first, TF_FLIGHT_NUMBER);
    const char *number = strncmp(flight, carrier, strlen(carrier)) == 0 ? flight + strlen(carrier) : flight;
    segment(out, e, "UNH+%s+PNRGOV:13:1:IA+%s", reference, flight);
    segment(out, e, "MSG+:22");
    segment(out, e, "ORG+%s", carrier);
    /* the reported flight: the arriving leg (its departure is known only on a one-leg journey) */
    char itinerary[512];
    const char *airports[32];
    int airport_count = row_airports(first, itinerary, airports);
    char dep_day[8], dep_time[8], arr_day[8], arr_time[8];
    pnr_date(row_field(first, TF_DEPARTURE), dep_day, dep_time, false);
    pnr_date(row_field(first, TF_ARRIVAL), arr_day, arr_time, false);
    bool one_leg = airport_count == 2;
    segment(out, e, "TVL+%s:%s:%s:%s+%s+%s+%s+%s", one_leg ? dep_day : "", one_leg ? dep_time : "", arr_day, arr_time,
            airports[airport_count - 2], airports[airport_count - 1], carrier, number);
    segment(out, e, "EQN+1");
    segment(out, e, "SRC");
    char book_day[8], book_time[8];
    pnr_date(row_field(first, TF_BOOKING_DATE), book_day, book_time, true);
    segment(out, e, "RCI+%s:%s::%s:%s", carrier, row_field(first, TF_RECORD_LOCATOR), book_day, book_time);
    if (*row_field(first, TF_TRAVEL_AGENCY)) segment(out, e, "ORG+%s+%s", carrier, row_field(first, TF_TRAVEL_AGENCY));
    else segment(out, e, "ORG+%s", carrier);
    for (int i = 0; i < e->booking_count; i++) {
        const edi_row *row = &e->booking[i];
        const char *ref = traveller_ref(row);
        segment(out, e, "TIF+%s+%s:A:%s", row_field(row, TF_SURNAME), row_field(row, TF_GIVEN_NAMES), ref);
        const char *ff = row_field(row, TF_FREQUENT_FLYER);
        if (strlen(ff) > 2) {
            char airline[3] = { ff[0], ff[1], 0 };
            segment(out, e, "FTI+%s:%s", airline, ff + 2);
        }
        char birth[8], expiry[8];
        docs_date(row_field(row, TF_DATE_OF_BIRTH), birth);
        docs_date(row_field(row, TF_DOCUMENT_EXPIRY), expiry);
        char docs[512];
        snprintf(docs, sizeof docs, "/%s/%s/%s/%s/%s/%s/%s/%s/%s", row_field(row, TF_DOCUMENT_TYPE),
                 row_field(row, TF_DOCUMENT_ISSUING_STATE), row_field(row, TF_DOCUMENT_NUMBER),
                 row_field(row, TF_NATIONALITY), birth, row_field(row, TF_SEX), expiry, row_field(row, TF_SURNAME),
                 row_field(row, TF_GIVEN_NAMES));
        segment(out, e, "SSR+DOCS:HK:1:%s:::::%s+::%s", carrier, docs, ref);
        if (!strcmp(row_field(row, TF_UNACCOMPANIED_MINOR), "true"))
            segment(out, e, "SSR+UMNR:HK:1:%s+::%s", carrier, ref);
        if (*row_field(row, TF_MEAL_REQUEST))
            segment(out, e, "SSR+%s:HK:1:%s+::%s", row_field(row, TF_MEAL_REQUEST), carrier, ref);
        if (*row_field(row, TF_MEDICAL_REQUEST))
            segment(out, e, "SSR+%s:HK:1:%s+::%s", row_field(row, TF_MEDICAL_REQUEST), carrier, ref);
        if (*row_field(row, TF_TICKET_NUMBER)) segment(out, e, "TKT+%s:T:1", row_field(row, TF_TICKET_NUMBER));
        const char *payment = row_field(row, TF_FORM_OF_PAYMENT);
        if (*row_field(row, TF_CARD_FINGERPRINT)) {
            char card[17];
            card_number(row_field(row, TF_CARD_FINGERPRINT), card);
            segment(out, e, "FOP+%s:::VI:%s", *payment ? payment : "CC", card);
        } else if (*payment) {
            segment(out, e, "FOP+%s", !strcmp(payment, "CASH") ? "CA" : payment);
        }
        if (*row_field(row, TF_PAYER_SURNAME)) {
            char payer[256];
            snprintf(payer, sizeof payer, "%s/%s", row_field(row, TF_PAYER_SURNAME),
                     row_field(row, TF_PAYER_GIVEN_NAMES));
            segment(out, e, "IFT+4:43+%s", payer);
        }
        if (*row_field(row, TF_CONTACT_EMAIL)) {
            char email[256] = "CTCE ";
            size_t k = strlen(email);
            for (const char *p = row_field(row, TF_CONTACT_EMAIL); *p && k + 3 < sizeof email; p++) {
                if (*p == '@') { email[k++] = '/'; email[k++] = '/'; }
                else if (*p == '_') { email[k++] = '.'; email[k++] = '.'; }
                else if (*p == '-') { email[k++] = '.'; email[k++] = '/'; }
                else email[k++] = *p;
            }
            email[k] = '\0';
            segment(out, e, "IFT+4:28+%s", email);
        }
        if (*row_field(row, TF_CONTACT_PHONE)) segment(out, e, "IFT+4:28+CTCM %s", row_field(row, TF_CONTACT_PHONE));
    }
    /* the legs: times known for the first departure and the last arrival only */
    for (int leg = 0; leg + 1 < airport_count; leg++) {
        bool first_leg = leg == 0, last_leg = leg + 2 == airport_count;
        segment(out, e, "TVL+%s:%s:%s:%s+%s+%s+%s+%s", first_leg ? dep_day : "", first_leg ? dep_time : "",
                last_leg ? arr_day : "", last_leg ? arr_time : "", airports[leg], airports[leg + 1], carrier,
                last_leg ? number : "");
        if (!last_leg) continue;
        char seats[2048] = "";
        int seated = 0;
        for (int i = 0; i < e->booking_count; i++) { /* the seats on the reported flight */
            const edi_row *row = &e->booking[i];
            if (!*row_field(row, TF_SEAT)) continue;
            const char *ref = traveller_ref(row);
            size_t used = strlen(seats);
            snprintf(seats + used, sizeof seats - used, "+%s::%s", row_field(row, TF_SEAT), ref);
            seated++;
        }
        if (seated) { /* the seats and references are plain letters and digits: no release needed */
            char head[96];
            snprintf(head, sizeof head, "%d", seated);
            gen_out_puts(out, "SSR+SEAT:HK:");
            put_text(out, head);
            gen_out_puts(out, ":");
            put_text(out, carrier);
            gen_out_puts(out, ":::");
            put_text(out, airports[airport_count - 2]);
            gen_out_puts(out, ":");
            put_text(out, airports[airport_count - 1]);
            gen_out_puts(out, seats);
            gen_out_puts(out, "'\n");
            e->segments++;
        }
        for (int i = 0; i < e->booking_count; i++) { /* check-in on the reported flight */
            const edi_row *row = &e->booking[i];
            if (strcmp(row_field(row, TF_CHECKIN_STATUS), "CHECKED_IN") != 0) continue;
            const char *ref = traveller_ref(row);
            segment(out, e, "TRI++%s", ref);
            segment(out, e, "TIF+%s+%s:A:%s", row_field(row, TF_SURNAME), row_field(row, TF_GIVEN_NAMES), ref);
            if (*row_field(row, TF_SEAT)) segment(out, e, "SSD+%s", row_field(row, TF_SEAT));
            if (*row_field(row, TF_BAGGAGE_COUNT)) segment(out, e, "TBD++%s", row_field(row, TF_BAGGAGE_COUNT));
        }
    }
    if (!strcmp(row_field(first, TF_ONE_WAY), "false")) /* the way back, for the reader's one_way */
        segment(out, e, "TVL++%s+%s+%s", airports[airport_count - 1], airports[0], carrier);
    end_message(out, e, reference);
    for (int i = 0; i < e->booking_count; i++) free(e->booking[i].text);
    e->booking_count = 0;
}

/* ---- PAXLST: one message per flight --------------------------------------------------- */

static void write_flight(gen_out *out, struct gen_edifact *e, const edi_flight *f)
{
    const edi_row *first = &f->rows[0];
    char reference[24];
    snprintf(reference, sizeof reference, "G%ld", ++e->messages);
    e->segments = 0;
    segment(out, e, "UNH+%s+PAXLST:D:05B:UN:IATA", reference);
    segment(out, e, "BGM+745");
    segment(out, e, "TDT+20+%s+++%s", row_field(first, TF_FLIGHT_NUMBER), row_field(first, TF_CARRIER));
    char itinerary[512];
    const char *airports[32];
    int airport_count = row_airports(first, itinerary, airports);
    char when[24];
    for (int leg = 0; leg + 1 < airport_count; leg++) {
        segment(out, e, "LOC+125+%s", airports[leg]);
        compact(row_field(first, TF_DEPARTURE), when, sizeof when, true);
        if (leg == 0 && *when) segment(out, e, "DTM+189:%s:203", when);
        segment(out, e, "LOC+87+%s", airports[leg + 1]);
        compact(row_field(first, TF_ARRIVAL), when, sizeof when, true);
        if (leg + 2 == airport_count && *when) segment(out, e, "DTM+232:%s:203", when);
    }
    for (int i = 0; i < f->count; i++) {
        const edi_row *row = &f->rows[i];
        segment(out, e, "NAD+FL+++%s:%s", row_field(row, TF_SURNAME), row_field(row, TF_GIVEN_NAMES));
        if (*row_field(row, TF_SEX)) segment(out, e, "ATT+2++%s", row_field(row, TF_SEX));
        compact(row_field(row, TF_DATE_OF_BIRTH), when, sizeof when, false);
        if (*when) segment(out, e, "DTM+329:%s:102", when);
        if (*row_field(row, TF_COUNTRY_OF_BIRTH)) segment(out, e, "LOC+180+%s", row_field(row, TF_COUNTRY_OF_BIRTH));
        if (*row_field(row, TF_NATIONALITY)) segment(out, e, "NAT+2+%s", row_field(row, TF_NATIONALITY));
        if (*row_field(row, TF_RECORD_LOCATOR)) segment(out, e, "RFF+AVF:%s", row_field(row, TF_RECORD_LOCATOR));
        segment(out, e, "RFF+ABO:%s", row_field(row, TF_PASSENGER_ID));
        if (*row_field(row, TF_SEAT)) segment(out, e, "RFF+SEA:%s", row_field(row, TF_SEAT));
        if (*row_field(row, TF_DOCUMENT_NUMBER) || *row_field(row, TF_DOCUMENT_TYPE)) {
            segment(out, e, "DOC+%s+%s", row_field(row, TF_DOCUMENT_TYPE), row_field(row, TF_DOCUMENT_NUMBER));
            compact(row_field(row, TF_DOCUMENT_EXPIRY), when, sizeof when, false);
            if (*when) segment(out, e, "DTM+36:%s:102", when);
            if (*row_field(row, TF_DOCUMENT_ISSUING_STATE))
                segment(out, e, "LOC+91+%s", row_field(row, TF_DOCUMENT_ISSUING_STATE));
        }
        if (*row_field(row, TF_BAGGAGE_COUNT)) segment(out, e, "MEA+CT++%s", row_field(row, TF_BAGGAGE_COUNT));
    }
    char total[24];
    snprintf(total, sizeof total, "%d", f->count);
    segment(out, e, "CNT+42:%s", total);
    end_message(out, e, reference);
}

/* Every held flight as a message, in the order of their first traveller; then none is held. */
static void write_flights(gen_out *out, struct gen_edifact *e)
{
    for (int i = 0; i < e->flight_count; i++) write_flight(out, e, e->order[i]);
    edi_flight *f, *tmp;
    HASH_ITER(hh, e->flights, f, tmp) {
        HASH_DEL(e->flights, f);
        for (int i = 0; i < f->count; i++) free(f->rows[i].text);
        free(f->rows);
        free(f->key);
        free(f);
    }
    e->flight_count = 0;
    e->held = 0;
}

/* ---- the writer's entry points -------------------------------------------------------------- */

void gen_edifact_row(gen_out *out, const gen_row *row, gen_format format)
{
    struct gen_edifact *e = out->edifact;
    if (!e) {
        e = out->edifact = xcalloc(1, sizeof *e);
        e->format = format;
    }
    edi_row copy = row_copy(row);
    if (!e->started) begin_interchange(out, e, &copy);
    if (format == GEN_PNRGOV) {
        if (e->booking_count && strcmp(row_field(&copy, TF_RECORD_LOCATOR),
                                       row_field(&e->booking[0], TF_RECORD_LOCATOR)) != 0)
            write_booking(out, e);
        if (e->booking_count == e->booking_capacity) {
            e->booking_capacity = e->booking_capacity ? e->booking_capacity * 2 : 16;
            e->booking = xreallocarray(e->booking, (size_t)e->booking_capacity, sizeof *e->booking);
        }
        e->booking[e->booking_count++] = copy;
        return;
    }
    char key[768];
    snprintf(key, sizeof key, "%s|%s|%s|%s|%s", row_field(&copy, TF_FLIGHT_NUMBER),
             row_field(&copy, TF_DEPARTURE), row_field(&copy, TF_ARRIVAL),
             row_field(&copy, TF_ITINERARY), row_field(&copy, TF_CARRIER));
    edi_flight *f;
    HASH_FIND_STR(e->flights, key, f);
    if (!f) {
        f = xcalloc(1, sizeof *f);
        f->key = xstrdup(key);
        HASH_ADD_KEYPTR(hh, e->flights, f->key, strlen(f->key), f);
        if (e->flight_count == e->flight_capacity) {
            e->flight_capacity = e->flight_capacity ? e->flight_capacity * 2 : 64;
            e->order = xreallocarray(e->order, (size_t)e->flight_capacity, sizeof *e->order);
        }
        e->order[e->flight_count++] = f;
    }
    if (f->count == f->capacity) {
        f->capacity = f->capacity ? f->capacity * 2 : 8;
        f->rows = xreallocarray(f->rows, (size_t)f->capacity, sizeof *f->rows);
    }
    f->rows[f->count++] = copy;
    if (++e->held >= EDI_MAX_HELD) write_flights(out, e);
}

void gen_edifact_finish(gen_out *out)
{
    struct gen_edifact *e = out->edifact;
    if (!e) return; /* no record: no interchange */
    if (e->format == GEN_PNRGOV) write_booking(out, e);
    else write_flights(out, e);
    char count[24];
    snprintf(count, sizeof count, "%ld", e->messages);
    segment(out, e, "UNZ+%s+GEN1", count);
    free(e->order);
    free(e->booking);
    free(e);
    out->edifact = NULL;
}
