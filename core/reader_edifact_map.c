/* reader_edifact_map.c - PAXLST and PNRGOV segments to traveller fields (docs/edifact.md has the table). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reader_edifact.h"

#define GET(s, e, c) edifact_get(m, (s), (e), (c))

/* ---- dates -------------------------------------------------------------------------------
 * EDIFACT dates carry two-digit years. A date of birth takes the latest century that
 * does not put it after the reference year (the flight's, else the interchange's); any
 * other date is in 2000-2099. The result is checked to be a real calendar day. */

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return true;
}

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static int full_year(int yy, bool birth, int reference_year)
{
    int year = 2000 + yy;
    if (birth && year > (reference_year ? reference_year : 2069)) year -= 100;
    return year;
}

static bool iso_date(int year, int month, int day, char out[11])
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return false;
    /* by hand: snprintf was a tenth of the reading time */
    const int parts[3] = { year, month, day };
    char *p = out;
    *p++ = (char)('0' + year / 1000);
    *p++ = (char)('0' + year / 100 % 10);
    for (int i = 0; i < 3; i++) {
        if (i) *p++ = '-';
        *p++ = (char)('0' + parts[i] / 10 % 10);
        *p++ = (char)('0' + parts[i] % 10);
    }
    *p = '\0';
    int64_t days;
    return date_parse(out, 10, &days) == VG_OK;
}

/* YYMMDD or CCYYMMDD (PAXLST, DTM formats 101 and 102). */
static bool date_ymd(const char *s, bool birth, int reference_year, char out[11])
{
    if (all_digits(s, 8)) return iso_date(atoi((char[5]){ s[0], s[1], s[2], s[3], 0 }), two(s + 4), two(s + 6), out);
    if (all_digits(s, 6)) return iso_date(full_year(two(s), birth, reference_year), two(s + 2), two(s + 4), out);
    return false;
}

/* DDMMYY (PNRGOV DAT, RCI, TVL). */
static bool date_dmy(const char *s, char out[11])
{
    return all_digits(s, 6) && iso_date(full_year(two(s + 4), false, 0), two(s + 2), two(s), out);
}

/* DDMMMYY (SSR DOCS: 12AUG98). */
static bool date_dmmmy(const char *s, bool birth, int reference_year, char out[11])
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    if (strlen(s) != 7 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]))
        return false;
    char month[4] = { (char)toupper((unsigned char)s[2]), (char)toupper((unsigned char)s[3]),
                      (char)toupper((unsigned char)s[4]), 0 };
    const char *at = strstr(months, month);
    if (!at || (at - months) % 3) return false;
    return iso_date(full_year(two(s + 5), birth, reference_year), (int)(at - months) / 3 + 1, two(s), out);
}

/* HHMM or HHMMSS appended to an ISO date: "YYYY-MM-DDTHH:MM:SSZ" (empty time: midnight). */
static bool with_time(const char *date, const char *time, char out[24])
{
    int h = 0, mi = 0, se = 0;
    if (all_digits(time, 4) || all_digits(time, 6)) {
        h = two(time);
        mi = two(time + 2);
        se = strlen(time) == 6 ? two(time + 4) : 0;
    } else if (*time) {
        return false;
    }
    if (h > 23 || mi > 59 || se > 59) return false;
    memcpy(out, date, 10);
    const int parts[3] = { h, mi, se };
    char *p = out + 10;
    for (int i = 0; i < 3; i++) {
        *p++ = i ? ':' : 'T';
        *p++ = (char)('0' + parts[i] / 10);
        *p++ = (char)('0' + parts[i] % 10);
    }
    *p++ = 'Z';
    *p = '\0';
    return true;
}

/* YYMMDDHHMM, CCYYMMDDHHMM, YYMMDD or CCYYMMDD (PAXLST DTM 189 and 232, formats 201, 203). */
static bool datetime_paxlst(const char *s, char out[24])
{
    char date[11];
    size_t n = strlen(s);
    if ((n == 10 || n == 12) && all_digits(s, n)) {
        char d[9], t[5];
        memcpy(d, s, n - 4);
        d[n - 4] = '\0';
        memcpy(t, s + n - 4, 5);
        return date_ymd(d, false, 0, date) && with_time(date, t, out);
    }
    return date_ymd(s, false, 0, date) && with_time(date, "", out);
}

static void copy(char *out, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (n >= size) n = size - 1;
    memcpy(out, text, n);
    out[n] = '\0';
}

static bool alpha3(const char *s)
{
    return strlen(s) == 3 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]);
}

/* Append an airport to a '|'-joined itinerary, unless it repeats the last one. */
static void itinerary_add(char *list, size_t size, const char *airport)
{
    if (!*airport) return;
    const char *last = strrchr(list, '|');
    last = last ? last + 1 : list;
    if (strcmp(last, airport) == 0) return;
    size_t n = strlen(list);
    snprintf(list + n, size - n, "%s%s", n ? "|" : "", airport);
}

/* ==== PAXLST =================================================================================
 * UNH BGM [NAD+MS COM] (TDT (LOC DTM*)*)* (NAD+FL|FM|DDU|DDT|COT ATT DTM LOC NAT RFF (DOC DTM LOC)* ...)* CNT UNT.
 * One record per NAD of group 4. The flight (group 2 and 3) applies to every traveller. */

void edifact_map_paxlst(const reader *r, const edifact_message *m, edifact_out *out)
{
    const edifact_segment *bgm = &m->segments[1];
    if (strcmp(bgm->tag, "BGM") != 0) {
        edifact_reject_message(out, bgm, "(segment)", "expected BGM after UNH, got %s", bgm->tag);
        return;
    }
    edifact_values *common = &out->common;
    char itinerary[1024] = "", departure[24] = "", arrival[24] = "";
    const edifact_segment *departure_at = NULL, *arrival_at = NULL, *itinerary_at = NULL;
    int leg_places = 0;       /* LOC segments of the current TDT leg */
    edifact_traveller *t = NULL;
    int document = 0;         /* 0 none yet, 1 the traveller's document, 2 another (a visa) */
    bool chosen = false;      /* the traveller's document was found */
    long passengers = 0, crew = 0;
    const edifact_segment *cnt = NULL;
    int reference_year = m->interchange_year;
    for (uint32_t i = 1; i < m->segment_count; i++) {
        const edifact_segment *s = &m->segments[i];
        const char *tag = s->tag;
        if (strcmp(tag, "NAD") == 0) {
            const char *q = GET(s, 1, 0);
            bool pax = !strcmp(q, "FL") || !strcmp(q, "DDU");
            bool staff = !strcmp(q, "FM") || !strcmp(q, "DDT");
            if (!pax && !staff && strcmp(q, "COT") != 0) {
                t = NULL;
                continue;
            }
            passengers += pax;
            crew += staff;
            t = edifact_add_traveller(out, s, -1);
            document = 0;
            chosen = false;
            edifact_put(out, &t->own, EF_SURNAME, s, GET(s, 4, 0));
            char given[256] = "";
            for (int c = 1; c < 8; c++) {
                const char *part = GET(s, 4, c);
                if (*part) snprintf(given + strlen(given), sizeof given - strlen(given), "%s%s", *given ? " " : "", part);
            }
            edifact_put(out, &t->own, EF_GIVEN_NAMES, s, given);
            continue;
        }
        if (strcmp(tag, "CNT") == 0) {
            cnt = s;
            continue;
        }
        if (!t) { /* the flight: TDT, then LOC and DTM per leg */
            if (strcmp(tag, "TDT") == 0 && strcmp(GET(s, 1, 0), "20") == 0) {
                leg_places = 0;
                const char *flight = GET(s, 2, 0), *carrier = GET(s, 5, 0);
                edifact_put(out, common, EF_FLIGHT_NUMBER, s, flight);
                char guess[3] = "";
                if (!*carrier && strlen(flight) > 2 && isalnum((unsigned char)flight[0]) && isalnum((unsigned char)flight[1])) {
                    memcpy(guess, flight, 2);
                    guess[2] = '\0';
                    carrier = guess;
                }
                edifact_put(out, common, EF_CARRIER, s, carrier);
            } else if (strcmp(tag, "LOC") == 0) {
                const char *q = GET(s, 1, 0), *code = GET(s, 2, 0);
                /* 125 departure, 87 arrival; 92 (routing) names both, in that order, in a leg */
                bool routing = !strcmp(q, "92");
                if (!strcmp(q, "125") || !strcmp(q, "87") || routing) {
                    itinerary_add(itinerary, sizeof itinerary, code);
                    itinerary_at = s;
                    bool arriving = !strcmp(q, "87") || (routing && leg_places > 0);
                    if (arriving) edifact_put(out, common, EF_DESTINATION, s, code);
                    else if (!edifact_find(out, common, EF_ORIGIN)) edifact_put(out, common, EF_ORIGIN, s, code);
                    leg_places++;
                }
            } else if (strcmp(tag, "DTM") == 0) {
                const char *q = GET(s, 1, 0), *value = GET(s, 1, 1);
                bool leaving = !strcmp(q, "189"), arriving = !strcmp(q, "232");
                if (!leaving && !arriving) continue;
                char when[24];
                if (!datetime_paxlst(value, when)) {
                    edifact_put_bad(out, common, leaving ? EF_DEPARTURE : EF_ARRIVAL, s,
                                    "'%s' is not a date and time (YYMMDDHHMM or CCYYMMDDHHMM)", value);
                } else if (leaving && !departure_at) {
                    copy(departure, sizeof departure, when);
                    departure_at = s;
                    reference_year = atoi(when);
                } else if (arriving) {
                    copy(arrival, sizeof arrival, when);
                    arrival_at = s;
                }
            }
            continue;
        }
        /* a traveller's segments */
        if (strcmp(tag, "ATT") == 0 && strcmp(GET(s, 1, 0), "2") == 0) {
            edifact_put(out, &t->own, EF_SEX, s, GET(s, 3, 0));
        } else if (strcmp(tag, "DTM") == 0) {
            const char *q = GET(s, 1, 0), *value = GET(s, 1, 1);
            bool birth = !strcmp(q, "329"), expiry = !strcmp(q, "36") && document == 1;
            if (!birth && !expiry) continue;
            char date[11];
            if (!date_ymd(value, birth, reference_year, date))
                edifact_put_bad(out, &t->own, birth ? EF_DATE_OF_BIRTH : EF_DOCUMENT_EXPIRY, s,
                                "'%s' is not a date (YYMMDD or CCYYMMDD)", value);
            else
                edifact_put(out, &t->own, birth ? EF_DATE_OF_BIRTH : EF_DOCUMENT_EXPIRY, s, date);
        } else if (strcmp(tag, "LOC") == 0) {
            const char *q = GET(s, 1, 0), *code = GET(s, 2, 0);
            if (!strcmp(q, "178")) edifact_put(out, &t->own, EF_ORIGIN, s, code);
            else if (!strcmp(q, "179")) edifact_put(out, &t->own, EF_DESTINATION, s, code);
            else if (!strcmp(q, "180") && alpha3(code)) edifact_put(out, &t->own, EF_COUNTRY_OF_BIRTH, s, code);
            else if (!strcmp(q, "91") && document == 1) edifact_put(out, &t->own, EF_DOCUMENT_ISSUING_STATE, s, code);
        } else if (strcmp(tag, "NAT") == 0 && strcmp(GET(s, 1, 0), "2") == 0) {
            edifact_put(out, &t->own, EF_NATIONALITY, s, GET(s, 2, 0));
        } else if (strcmp(tag, "RFF") == 0) {
            const char *q = GET(s, 1, 0), *value = GET(s, 1, 1);
            if (!strcmp(q, "AVF")) edifact_put(out, &t->own, EF_RECORD_LOCATOR, s, value);
            else if (!strcmp(q, "SEA")) edifact_put(out, &t->own, EF_SEAT, s, value);
            else if (!strcmp(q, "ABO")) edifact_put(out, &t->own, EF_PASSENGER_ID, s, value);
        } else if (strcmp(tag, "DOC") == 0) {
            const char *type = GET(s, 1, 0);
            if (!chosen && strcmp(type, "V") != 0) { /* the first document that is not a visa */
                document = 1;
                chosen = true;
                edifact_put(out, &t->own, EF_DOCUMENT_TYPE, s, type);
                edifact_put(out, &t->own, EF_DOCUMENT_NUMBER, s, GET(s, 2, 0));
            } else {
                document = 2;
            }
        } else if (strcmp(tag, "MEA") == 0 && strcmp(GET(s, 1, 0), "CT") == 0) {
            const char *count = *GET(s, 3, 1) ? GET(s, 3, 1) : GET(s, 3, 0);
            edifact_put(out, &t->own, EF_BAGGAGE_COUNT, s, count);
        }
    }
    edifact_put(out, common, EF_DEPARTURE, departure_at, departure);
    edifact_put(out, common, EF_ARRIVAL, arrival_at, arrival);
    edifact_put(out, common, EF_ITINERARY, itinerary_at, itinerary);
    /* a traveller without RFF+ABO gets the message reference and its rank */
    for (int i = 0; i < out->traveller_count; i++) {
        edifact_traveller *x = &out->travellers[i];
        if (edifact_find(out, &x->own, EF_PASSENGER_ID)) continue;
        char id[96];
        snprintf(id, sizeof id, "%s-%d", m->reference, i + 1);
        const edifact_segment at = { .number = x->segment, .line = x->line, .tag = "NAD" };
        edifact_put(out, &x->own, EF_PASSENGER_ID, &at, id);
    }
    /* CNT: 42 total passengers, 41 total crew (a warning when they do not add up) */
    for (int e = 1; cnt && e <= 4; e++) {
        const char *q = GET(cnt, e, 0), *value = GET(cnt, e, 1);
        if (!*q) break;
        long have = !strcmp(q, "42") ? passengers : !strcmp(q, "41") ? crew : -1;
        if (have < 0) continue;
        char *end;
        long said = strtol(value, &end, 10);
        if (!*value || *end)
            edifact_warn(r, cnt->line, "message %ld (UNH %s), segment %ld (CNT): CNT+%s has no count", m->number,
                         m->reference, cnt->number, q);
        else if (said != have)
            edifact_warn(r, cnt->line, "message %ld (UNH %s), segment %ld (CNT): CNT+%s says %ld %s, the message has %ld",
                         m->number, m->reference, cnt->number, q, said, !strcmp(q, "42") ? "passengers" : "crew", have);
    }
}

/* ==== PNRGOV =================================================================================
 * UNH MSG ORG TVL EQN (SRC RCI SSR* DAT ORG ADD IFT ... (TIF FTI IFT REF FAR SSR* (TKT MON PTK TXD DAT FOP IFT)*)*
 *   (TVL RPI APD SSR* RCI ... (TRI TIF SSD TBD)*)* (EQN RCI)* (ABI DAT SAC TIF ...)* (MSG TVL)* (LTS)*)* UNT.
 * One record per TIF of group 2 (the booking's travellers); the TIFs under TRI (check-in)
 * and SAC (history) name them again and are matched back, not counted. */

typedef struct pnr_leg {
    char from[8], to[8], carrier[4], number[12];
    char departure[24], arrival[24];
    const edifact_segment *at;
} pnr_leg;

#define PNR_MAX_LEGS 32

typedef struct pnr_booking {
    int index;                 /* into out->bookings */
    int first_traveller;       /* its travellers are out->travellers[first_traveller..] */
    pnr_leg legs[PNR_MAX_LEGS];
    int leg_count;
    const edifact_segment *src;
    char locator[40];
} pnr_booking;

static void pnr_traveller_ref(const edifact_message *m, const edifact_segment *tif, char *out, size_t size)
{
    copy(out, size, GET(tif, 2, 2));
}

/* "CTCE NAME..SURNAME//MAIL.COM" -> contact_email NAME_SURNAME@MAIL.COM; CTCM/H/B/P/R -> contact_phone.
 * The OSI text may start with a carrier code ("AM CTCH MEX 81 8336 6900"). */
static void pnr_contact(edifact_out *out, edifact_values *to, const edifact_segment *s, const char *text)
{
    const char *at = strstr(text, "CTC");
    if (!at || !at[3]) return;
    char code = at[3];
    const char *value = at + 4;
    while (*value == ' ') value++;
    if (code == 'E') {
        char email[256];
        size_t n = 0;
        for (const char *p = value; *p && *p != ' ' && n + 1 < sizeof email; p++) {
            if (p[0] == '/' && p[1] == '/') { email[n++] = '@'; p++; }
            else if (p[0] == '.' && p[1] == '.') { email[n++] = '_'; p++; }
            else if (p[0] == '.' && p[1] == '/') { email[n++] = '-'; p++; }
            else email[n++] = (char)tolower((unsigned char)*p);
        }
        email[n] = '\0';
        edifact_put(out, to, EF_CONTACT_EMAIL, s, email);
    } else if (strchr("MHBPR", code)) {
        edifact_put(out, to, EF_CONTACT_PHONE, s, value);
    }
}

/* "SURNAME/GIVEN" or "GIVEN SURNAME" (IFT 4:43, sponsor: who paid). */
static void pnr_payer(edifact_out *out, edifact_values *to, const edifact_segment *s, const char *text)
{
    char name[256];
    copy(name, sizeof name, text);
    char *slash = strchr(name, '/'), *space = strrchr(name, ' ');
    if (slash) {
        *slash = '\0';
        edifact_put(out, to, EF_PAYER_SURNAME, s, name);
        edifact_put(out, to, EF_PAYER_GIVEN_NAMES, s, slash + 1);
    } else if (space) {
        *space = '\0';
        edifact_put(out, to, EF_PAYER_SURNAME, s, space + 1);
        edifact_put(out, to, EF_PAYER_GIVEN_NAMES, s, name);
    } else {
        edifact_put(out, to, EF_PAYER_SURNAME, s, name);
    }
}

/* FOP+CODE::AMOUNT:VENDOR:NUMBER:EXPIRY: the form of payment and the card's keyed fingerprint. */
static void pnr_payment(const edifact_message *m, edifact_out *out, edifact_values *to, const edifact_segment *s,
                        const unsigned char *card_key)
{
    const char *code = GET(s, 1, 0);
    edifact_put(out, to, EF_FORM_OF_PAYMENT, s, !strcmp(code, "CA") ? "CASH" : code);
    const char *number = GET(s, 1, 4);
    char fingerprint[33];
    if (*number && edifact_card_fingerprint(card_key, GET(s, 1, 3), number, fingerprint))
        edifact_put(out, to, EF_CARD_FINGERPRINT, s, fingerprint);
}

/* Meal codes end in ML (VGML, KSML...); these are medical or assistance requests. */
static bool pnr_medical(const char *code)
{
    static const char *const codes[] = { "WCHR", "WCHS", "WCHC", "WCBD", "WCBW", "WCMP", "WCOB", "BLND", "DEAF",
                                         "DPNA", "MEDA", "OXYG", "STCR", "MAAS", "LEGB", "LEGL", "LEGR", NULL };
    for (int i = 0; codes[i]; i++)
        if (!strcmp(code, codes[i])) return true;
    return false;
}

/* SSR DOCS free text: /TYPE/ISSUER/NUMBER/NATIONALITY/DDMMMYY/SEX/DDMMMYY/SURNAME/GIVEN/MIDDLE. */
static void pnr_docs(edifact_out *out, edifact_values *to, const edifact_segment *s, const char *text, int reference_year)
{
    char parts[11][64];
    int n = 0;
    const char *p = text;
    if (*p == '/') p++;
    while (n < 11) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        snprintf(parts[n], sizeof parts[n], "%.*s", (int)(len < 63 ? len : 63), p);
        n++;
        if (!slash) break;
        p = slash + 1;
    }
    for (int i = n; i < 11; i++) parts[i][0] = '\0';
    edifact_put(out, to, EF_DOCUMENT_TYPE, s, parts[0]);
    edifact_put(out, to, EF_DOCUMENT_ISSUING_STATE, s, parts[1]);
    edifact_put(out, to, EF_DOCUMENT_NUMBER, s, parts[2]);
    edifact_put(out, to, EF_NATIONALITY, s, parts[3]);
    char date[11];
    if (*parts[4]) {
        if (date_dmmmy(parts[4], true, reference_year, date)) edifact_put(out, to, EF_DATE_OF_BIRTH, s, date);
        else edifact_put_bad(out, to, EF_DATE_OF_BIRTH, s, "SSR DOCS date of birth '%s' is not a date (DDMMMYY)", parts[4]);
    }
    char sex[2] = { parts[5][0], 0 }; /* FI and MI: a female or male infant */
    edifact_put(out, to, EF_SEX, s, sex);
    if (*parts[6]) {
        if (date_dmmmy(parts[6], false, 0, date)) edifact_put(out, to, EF_DOCUMENT_EXPIRY, s, date);
        else edifact_put_bad(out, to, EF_DOCUMENT_EXPIRY, s, "SSR DOCS expiry '%s' is not a date (DDMMMYY)", parts[6]);
    }
}

/* A traveller of the booking by its reference (TIF 2.3, SSR 2.3), or -1. */
static int pnr_find_traveller(const edifact_message *m, const edifact_out *out, const pnr_booking *b,
                              const char *ref, const char *surname, const char *given)
{
    for (int i = b->first_traveller; i < out->traveller_count; i++) {
        const edifact_segment *tif = &m->segments[out->travellers[i].segment - 1];
        if (*ref && strcmp(GET(tif, 2, 2), ref) == 0) return i;
        if (!*ref && surname && strcmp(GET(tif, 1, 0), surname) == 0 && strcmp(GET(tif, 2, 0), given) == 0) return i;
    }
    return -1;
}

/* The booking's journey: legs up to the reported flight's arrival (the outbound part),
 * one_way when no later leg returns to where it began. */
static void pnr_close_booking(const edifact_message *m, edifact_out *out, pnr_booking *b, const pnr_leg *reported)
{
    if (!b->src) return;
    edifact_values *to = &out->bookings[b->index];
    int count = out->traveller_count - b->first_traveller;
    char size[16];
    snprintf(size, sizeof size, "%d", count);
    edifact_put(out, to, EF_PARTY_SIZE, b->src, count > 0 ? size : "");
    pnr_leg only;
    const pnr_leg *legs = b->legs;
    int leg_count = b->leg_count;
    if (leg_count == 0 && reported->at) {
        only = *reported;
        legs = &only;
        leg_count = 1;
    }
    if (leg_count > 0) {
        int cut = leg_count - 1;
        for (int i = 0; reported->at && i < leg_count; i++)
            if (!strcmp(legs[i].from, reported->from) && !strcmp(legs[i].to, reported->to) &&
                !strcmp(legs[i].number, reported->number)) {
                cut = i;
                break;
            }
        char itinerary[1024] = "";
        for (int i = 0; i <= cut; i++) {
            itinerary_add(itinerary, sizeof itinerary, legs[i].from);
            itinerary_add(itinerary, sizeof itinerary, legs[i].to);
        }
        bool returns = cut > 0 && !strcmp(legs[cut].to, legs[0].from); /* a round trip, the reported leg not among them */
        for (int i = cut + 1; i < leg_count; i++)
            if (!strcmp(legs[i].to, legs[0].from)) returns = true;
        const pnr_leg *last = &legs[cut];
        edifact_put(out, to, EF_ITINERARY, legs[0].at, itinerary);
        edifact_put(out, to, EF_ORIGIN, legs[0].at, legs[0].from);
        edifact_put(out, to, EF_DESTINATION, last->at, last->to);
        edifact_put(out, to, EF_DEPARTURE, legs[0].at, legs[0].departure);
        edifact_put(out, to, EF_ARRIVAL, last->at, last->arrival);
        edifact_put(out, to, EF_ONE_WAY, last->at, returns ? "false" : "true");
        if (!reported->at) {
            char flight[24];
            snprintf(flight, sizeof flight, "%s%s", last->carrier, last->number);
            edifact_put(out, to, EF_CARRIER, last->at, last->carrier);
            edifact_put(out, to, EF_FLIGHT_NUMBER, last->at, flight);
        }
    }
    /* passenger_id: locator and the TIF's reference (else its rank in the booking) */
    for (int i = b->first_traveller; i < out->traveller_count; i++) {
        edifact_traveller *x = &out->travellers[i];
        const edifact_segment *tif = &m->segments[x->segment - 1]; /* segment n is at n - 1 */
        char ref[40], id[128];
        pnr_traveller_ref(m, tif, ref, sizeof ref);
        if (!*ref) snprintf(ref, sizeof ref, "%d", i - b->first_traveller + 1);
        if (*b->locator) snprintf(id, sizeof id, "%s-%s", b->locator, ref);
        else snprintf(id, sizeof id, "%s-%d-%s", m->reference, b->index + 1, ref);
        edifact_put(out, &x->own, EF_PASSENGER_ID, tif, id);
    }
}

/* TVL+DDMMYY:HHMM:DDMMYY:HHMM+FROM+TO+CARRIER+NUMBER: false when it is no flight (a hotel). */
static bool pnr_leg_read(const edifact_message *m, edifact_out *out, edifact_values *bad_to,
                         const edifact_segment *s, pnr_leg *leg)
{
    memset(leg, 0, sizeof *leg);
    const char *from = GET(s, 2, 0), *to = GET(s, 3, 0);
    if (!alpha3(from) || !alpha3(to)) return false;
    copy(leg->from, sizeof leg->from, from);
    copy(leg->to, sizeof leg->to, to);
    copy(leg->carrier, sizeof leg->carrier, GET(s, 4, 0));
    copy(leg->number, sizeof leg->number, GET(s, 5, 0));
    leg->at = s;
    const char *day = GET(s, 1, 0), *time = GET(s, 1, 1), *arrival_day = GET(s, 1, 2), *arrival_time = GET(s, 1, 3);
    if (!*arrival_time && strlen(arrival_day) == 4) { /* DDMMYY:HHMM:HHMM */
        arrival_time = arrival_day;
        arrival_day = "";
    }
    if (!*arrival_day && *arrival_time) arrival_day = day;
    char date[11];
    if (*day && !(date_dmy(day, date) && with_time(date, time, leg->departure)) && bad_to)
        edifact_put_bad(out, bad_to, EF_DEPARTURE, s, "'%s:%s' is not a date and time (DDMMYY:HHMM)", day, time);
    if (*arrival_day && !(date_dmy(arrival_day, date) && with_time(date, arrival_time, leg->arrival)) && bad_to)
        edifact_put_bad(out, bad_to, EF_ARRIVAL, s, "'%s:%s' is not a date and time (DDMMYY:HHMM)", arrival_day, arrival_time);
    return true;
}

void edifact_map_pnrgov(const reader *r, const edifact_message *m, edifact_out *out, const unsigned char *card_key)
{
    (void)r;
    const edifact_segment *msg = &m->segments[1];
    if (strcmp(msg->tag, "MSG") != 0) {
        edifact_reject_message(out, msg, "(segment)", "expected MSG after UNH, got %s", msg->tag);
        return;
    }
    pnr_booking local; /* on the stack: readers of several files run on several threads */
    pnr_booking *b = &local;
    memset(b, 0, sizeof *b);
    pnr_leg reported = { 0 };
    edifact_values *common = &out->common;
    enum { HEADER, TRAVELLERS, FLIGHTS } zone = HEADER;
    bool air = true, history = false;
    int current = -1;         /* the traveller group-2 segments belong to */
    int checked_in = -1;      /* the traveller of the last TIF under a TRI */
    const edifact_segment *infant_docs = NULL;
    int reference_year = m->interchange_year;
    for (uint32_t i = 2; i < m->segment_count; i++) {
        const edifact_segment *s = &m->segments[i];
        const char *tag = s->tag;
        if (strcmp(tag, "SRC") == 0) {
            pnr_close_booking(m, out, b, &reported);
            memset(b, 0, sizeof *b);
            b->index = edifact_add_booking(out);
            b->first_traveller = out->traveller_count;
            b->src = s;
            /* a PNR push carries every SSR: no UMNR is a no (a UMNR below says yes) */
            edifact_put(out, &out->bookings[b->index], EF_UNACCOMPANIED_MINOR, s, "false");
            zone = TRAVELLERS;
            air = true;
            history = false;
            current = checked_in = -1;
            infant_docs = NULL;
            continue;
        }
        if (zone == HEADER) {
            if (strcmp(tag, "TVL") == 0 && !reported.at && pnr_leg_read(m, out, common, s, &reported)) {
                char flight[24];
                snprintf(flight, sizeof flight, "%s%s", reported.carrier, reported.number);
                edifact_put(out, common, EF_CARRIER, s, reported.carrier);
                edifact_put(out, common, EF_FLIGHT_NUMBER, s, flight);
                if (*reported.departure) reference_year = atoi(reported.departure);
                else if (*reported.arrival) reference_year = atoi(reported.arrival);
            }
            continue;
        }
        edifact_values *booking = &out->bookings[b->index];
        if (zone == TRAVELLERS && (!strcmp(tag, "TVL") || !strcmp(tag, "TRI") || !strcmp(tag, "ABI") ||
                                   !strcmp(tag, "SAC") || !strcmp(tag, "EQN") || !strcmp(tag, "MSG") ||
                                   !strcmp(tag, "LTS")))
            zone = FLIGHTS;
        edifact_values *here = current >= 0 ? &out->travellers[current].own : booking;
        if (zone == TRAVELLERS) {
            if (strcmp(tag, "RCI") == 0) {
                if (*b->locator) continue;
                copy(b->locator, sizeof b->locator, GET(s, 1, 1));
                edifact_put(out, booking, EF_RECORD_LOCATOR, s, b->locator);
                /* the PNR's creation: the first DDMMYY among the later components, then its time */
                for (int c = 2; c < 6; c++) {
                    const char *day = GET(s, 1, c);
                    if (!all_digits(day, 6)) continue;
                    char date[11], when[24];
                    if (date_dmy(day, date) && with_time(date, GET(s, 1, c + 1), when))
                        edifact_put(out, booking, EF_BOOKING_DATE, s, when);
                    else
                        edifact_put_bad(out, booking, EF_BOOKING_DATE, s, "'%s:%s' is not a date and time (DDMMYY:HHMM)",
                                        day, GET(s, 1, c + 1));
                    break;
                }
            } else if (strcmp(tag, "ORG") == 0 && current < 0) {
                edifact_put(out, booking, EF_TRAVEL_AGENCY, s, GET(s, 2, 0));
            } else if (strcmp(tag, "TIF") == 0) {
                edifact_traveller *t = edifact_add_traveller(out, s, b->index);
                current = (int)(t - out->travellers);
                edifact_put(out, &t->own, EF_SURNAME, s, GET(s, 1, 0));
                edifact_put(out, &t->own, EF_GIVEN_NAMES, s, GET(s, 2, 0));
                if (!strcmp(GET(s, 2, 1), "IN") && infant_docs) {
                    pnr_docs(out, &t->own, infant_docs, GET(infant_docs, 1, 8), reference_year);
                    infant_docs = NULL;
                }
            } else if (strcmp(tag, "FTI") == 0 && current >= 0) {
                char number[64];
                snprintf(number, sizeof number, "%s%s", GET(s, 1, 0), GET(s, 1, 1));
                edifact_put(out, here, EF_FREQUENT_FLYER, s, number);
            } else if (strcmp(tag, "TKT") == 0 && current >= 0) {
                if (!edifact_find(out, here, EF_TICKET_NUMBER)) edifact_put(out, here, EF_TICKET_NUMBER, s, GET(s, 1, 0));
            } else if (strcmp(tag, "FOP") == 0) {
                pnr_payment(m, out, here, s, card_key);
            } else if (strcmp(tag, "ADD") == 0) {
                const char *phone = GET(s, 2, 7);
                int digits = 0;
                for (const char *p = phone; *p; p++) digits += isdigit((unsigned char)*p) != 0;
                if (digits >= 6 && !edifact_find(out, here, EF_CONTACT_PHONE)) /* a CTC phone says more */
                    edifact_put(out, here, EF_CONTACT_PHONE, s, phone);
            } else if (strcmp(tag, "IFT") == 0 && strcmp(GET(s, 1, 0), "4") == 0) {
                if (!strcmp(GET(s, 1, 1), "28")) pnr_contact(out, here, s, GET(s, 2, 0));
                else if (!strcmp(GET(s, 1, 1), "43")) pnr_payer(out, here, s, GET(s, 2, 0));
            }
        }
        if (strcmp(tag, "SSR") == 0) {
            const char *code = GET(s, 1, 0), *ref = GET(s, 2, 2);
            int who = *ref ? pnr_find_traveller(m, out, b, ref, NULL, NULL) : (zone == TRAVELLERS ? current : -1);
            edifact_values *to = who >= 0 ? &out->travellers[who].own : NULL;
            if (!strcmp(code, "DOCS")) {
                const char *text = GET(s, 1, 8);
                const char *sex = strchr(text + (*text == '/'), '/');
                for (int k = 0; sex && k < 4; k++) sex = strchr(sex + 1, '/');
                bool infant = sex && (sex[1] == 'F' || sex[1] == 'M') && sex[2] == 'I';
                if (infant) infant_docs = s; /* the infant's own TIF comes later, if at all */
                else if (to) pnr_docs(out, to, s, text, reference_year);
            } else if (!strcmp(code, "UMNR")) {
                edifact_put(out, to ? to : booking, EF_UNACCOMPANIED_MINOR, s, "true");
            } else if (to && strlen(code) == 4 && code[2] == 'M' && code[3] == 'L') {
                edifact_put(out, to, EF_MEAL_REQUEST, s, code);
            } else if (to && pnr_medical(code)) {
                edifact_put(out, to, EF_MEDICAL_REQUEST, s, code);
            } else if (!strcmp(code, "SEAT")) {
                /* SSR+SEAT:HK:N:CARRIER:::FROM:TO+SEAT::REF+...: the seats on the reported flight */
                bool reported_leg = !reported.at || (!strcmp(GET(s, 1, 6), reported.from) && !strcmp(GET(s, 1, 7), reported.to));
                for (int e = 2; reported_leg && e < 100; e++) {
                    const char *seat = GET(s, e, 0), *seat_ref = GET(s, e, 2);
                    if (!*seat && !*seat_ref) break;
                    int seated = *seat_ref ? pnr_find_traveller(m, out, b, seat_ref, NULL, NULL) : -1;
                    if (seated >= 0) edifact_put(out, &out->travellers[seated].own, EF_SEAT, s, seat);
                }
            } else if (to && !strncmp(code, "CTC", 3)) {
                char text[300];
                snprintf(text, sizeof text, "%s %s", code, GET(s, 1, 8));
                pnr_contact(out, to, s, text);
            }
            continue;
        }
        if (zone != FLIGHTS) continue;
        if (strcmp(tag, "MSG") == 0) {
            air = strcmp(GET(s, 1, 0), "8") != 0; /* 8: a non-air segment (hotel, car) follows */
        } else if (strcmp(tag, "ABI") == 0 || strcmp(tag, "SAC") == 0) {
            history = true;
        } else if (strcmp(tag, "TVL") == 0 && air && !history) {
            pnr_leg leg;
            if (b->leg_count < PNR_MAX_LEGS && pnr_leg_read(m, out, booking, s, &leg)) b->legs[b->leg_count++] = leg;
        } else if (strcmp(tag, "TRI") == 0) {
            history = false;
            checked_in = -1;
        } else if (strcmp(tag, "TIF") == 0 && !history) {
            checked_in = pnr_find_traveller(m, out, b, GET(s, 2, 2), GET(s, 1, 0), GET(s, 2, 0));
            if (checked_in >= 0) edifact_put(out, &out->travellers[checked_in].own, EF_CHECKIN_STATUS, s, "CHECKED_IN");
        } else if (strcmp(tag, "SSD") == 0 && checked_in >= 0) {
            edifact_put(out, &out->travellers[checked_in].own, EF_SEAT, s, GET(s, 1, 0));
        } else if (strcmp(tag, "TBD") == 0 && checked_in >= 0) { /* TBD++BAGS:WEIGHT:UNIT */
            edifact_put(out, &out->travellers[checked_in].own, EF_BAGGAGE_COUNT, s, GET(s, 2, 0));
        }
    }
    pnr_close_booking(m, out, b, &reported);
}
