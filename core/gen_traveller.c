/* gen_traveller.c - synthetic air travellers (API + PNR): background bookings, planted trafficking patterns, innocent look-alikes. */
#include "gen.h"

#include <math.h>
#include <string.h>

/* ==== the record ==================================================================
 * The fields of scenarios/schemas/traveller.yaml, in order: TF_* (gen.h). */
const gen_field gen_traveller_fields[] = {
    { "passenger_id", GEN_STRING },        { "record_locator", GEN_STRING },
    { "surname", GEN_STRING },             { "given_names", GEN_STRING },
    { "date_of_birth", GEN_DATE },         { "sex", GEN_STRING },
    { "nationality", GEN_STRING },         { "country_of_birth", GEN_STRING },
    { "document_type", GEN_STRING },       { "document_number", GEN_STRING },
    { "document_issuing_state", GEN_STRING }, { "document_expiry", GEN_DATE },
    { "carrier", GEN_STRING },             { "flight_number", GEN_STRING },
    { "departure", GEN_DATETIME },         { "arrival", GEN_DATETIME },
    { "origin", GEN_STRING },              { "destination", GEN_STRING },
    { "itinerary", GEN_LIST },             { "booking_date", GEN_DATETIME },
    { "one_way", GEN_BOOLEAN },            { "form_of_payment", GEN_STRING },
    { "payer_surname", GEN_STRING },       { "payer_given_names", GEN_STRING },
    { "travel_agency", GEN_STRING },       { "contact_phone", GEN_STRING },
    { "contact_email", GEN_STRING },       { "card_fingerprint", GEN_STRING },
    { "frequent_flyer", GEN_STRING },
    { "baggage_count", GEN_INTEGER },      { "party_size", GEN_INTEGER },
    { "unaccompanied_minor", GEN_BOOLEAN }, { "checkin_status", GEN_STRING },
    { "seat", GEN_STRING },                { "ticket_number", GEN_STRING },
    { "meal_request", GEN_STRING },        { "medical_request", GEN_STRING },
};
const int gen_traveller_field_count = TF_COUNT;
_Static_assert(sizeof gen_traveller_fields / sizeof gen_traveller_fields[0] == TF_COUNT,
               "one entry per traveller field");

/* ==== patterns ==================================================================== */

enum {
    P_BACKGROUND,
    P_MINOR_THIRD_PARTY, P_YOUNG_ADULT_RECRUITED, P_SHARED_CONTACT_GROUP,
    P_FACILITATOR_ESCORT, P_CASH_LAST_MINUTE_ONE_WAY, P_PAYER_FOR_SEVERAL_YOUNG,
    P_LOOKALIKE_FAMILY, P_LOOKALIKE_BUSINESS, P_LOOKALIKE_STUDENT,
    P_LOOKALIKE_LARGE_FAMILY, P_LOOKALIKE_SCHOOL_GROUP, P_LOOKALIKE_TOUR_OPERATOR,
    P_COUNT
};

/* share: the pattern's part of all planted (or all look-alike) PNRs. pnrs: PNRs one
 * occurrence of the pattern makes, on average (a group, an escort, a payer, a school
 * group or a tour operator makes several). */
static const struct {
    const char *name;
    gen_label label;
    double share, pnrs;
} patterns[P_COUNT] = {
    [P_BACKGROUND] = { "none", GEN_BACKGROUND, 0, 1 },
    [P_MINOR_THIRD_PARTY] = { "minor_third_party", GEN_PLANTED, 0.17, 1 },
    [P_YOUNG_ADULT_RECRUITED] = { "young_adult_recruited", GEN_PLANTED, 0.17, 1 },
    [P_SHARED_CONTACT_GROUP] = { "shared_contact_group", GEN_PLANTED, 0.17, 4.5 },
    [P_FACILITATOR_ESCORT] = { "facilitator_escort", GEN_PLANTED, 0.14, 3 },
    [P_CASH_LAST_MINUTE_ONE_WAY] = { "cash_last_minute_one_way", GEN_PLANTED, 0.20, 1 },
    [P_PAYER_FOR_SEVERAL_YOUNG] = { "payer_for_several_young", GEN_PLANTED, 0.15, 3 },
    [P_LOOKALIKE_FAMILY] = { "lookalike_family_different_surnames", GEN_LOOKALIKE, 0.20, 1 },
    [P_LOOKALIKE_BUSINESS] = { "lookalike_last_minute_business", GEN_LOOKALIKE, 0.20, 1 },
    [P_LOOKALIKE_STUDENT] = { "lookalike_student", GEN_LOOKALIKE, 0.15, 1 },
    [P_LOOKALIKE_LARGE_FAMILY] = { "lookalike_large_family", GEN_LOOKALIKE, 0.15, 1.2 },
    [P_LOOKALIKE_SCHOOL_GROUP] = { "lookalike_school_group", GEN_LOOKALIKE, 0.15, 2.2 },
    [P_LOOKALIKE_TOUR_OPERATOR] = { "lookalike_tour_operator", GEN_LOOKALIKE, 0.15, 7 },
};

/* ==== working state =============================================================== */

#define MAX_PARTY 9      /* a PNR holds up to 9 passengers (larger groups split) */
#define MAX_STOPS 4
#define MAX_AIRPORTS 256
#define MAX_HUBS 10

typedef struct person {
    char surname[64], given[64];
    int64_t birth_day;
    char sex;
    int nationality, birth_country, issuing_state;   /* indexes in gen_countries */
    char document_type;
    char document_number[16];
    int64_t document_expiry;
    char frequent_flyer[16];
    int baggage;
} person;

typedef struct booking {
    int stops[MAX_STOPS];          /* airport indexes, origin first */
    int stop_count;
    char carrier[4], flight[12];
    int64_t departure, arrival, booked;   /* seconds since the epoch, UTC */
    bool one_way, unaccompanied_minor, seated_apart;
    const char *payment, *checkin;
    char payer_surname[96], payer_given[64];
    char agency[12];
    char phone[48], email[128];
    uint64_t card;                 /* the payer's card (an id; 0: this PNR's own card) */
    int party;
    person people[MAX_PARTY];
    int pattern;
} booking;

typedef struct tv_ctx {
    const gen_options *opt;
    gen_rng rng;
    gen_rng sensitive;   /* meal and medical requests only: independent of everything else */
    gen_permutation locators, tickets, documents, contacts, loyalty;
    uint64_t pnr_serial, passenger_serial, special_serial, remaining;
    int64_t first_day;
    int canada_country, us_country;
    int airport_country[MAX_AIRPORTS];
    int hubs[MAX_AIRPORTS][MAX_HUBS], hub_count[MAX_AIRPORTS];
    bool is_hub[MAX_AIRPORTS];
    int gateways[4];                   /* YYZ YUL YVR YYC */
    int destinations[8];               /* Canadian arrival airports */
    double destination_weight[8];
    int origins[MAX_AIRPORTS], origin_count;          /* foreign airports */
    double origin_weight[MAX_AIRPORTS];
    double source_weight[MAX_AIRPORTS];               /* origins in source regions */
    double business_weight[MAX_AIRPORTS];             /* US, Europe, East Asia */
    double student_weight[MAX_AIRPORTS];
    int elsewhere[16], elsewhere_count;               /* big hubs as non-Canadian destinations */
    gen_out *data, *truth;
    gen_stats *stats;
    gen_row row;
} tv_ctx;

/* Special people (organisers, payers who do not travel, escorts) get ids far above
 * any passenger serial, so their phones, e-mails and documents never collide with a
 * passenger's. */
#define SPECIAL_BASE 500000000ULL
/* Cards of PNRs that name none: above every person id. */
#define CARD_BASE (1ULL << 40)

static const char *const region_hubs[REGION_COUNT] = {
    [REGION_CANADA] = "YYZ YUL YVR",
    [REGION_US] = "ORD DEN ATL JFK",
    [REGION_EUROPE] = "LHR CDG FRA AMS MUC ZRH IST KEF LIS",
    [REGION_EAST_EUROPE] = "FRA MUC WAW IST AMS CDG VIE ZRH",
    [REGION_MIDDLE_EAST] = "DXB DOH IST FRA LHR CDG AMM",
    [REGION_SOUTH_ASIA] = "DEL DXB DOH IST LHR FRA AUH",
    [REGION_EAST_ASIA] = "ICN HND HKG TPE PVG PEK",
    [REGION_SOUTHEAST_ASIA] = "ICN NRT HKG TPE MNL DOH DXB",
    [REGION_WEST_AFRICA] = "CDG BRU IST ADD LHR CMN DOH AMS",
    [REGION_EAST_AFRICA] = "ADD DOH DXB IST AMS LHR",
    [REGION_NORTH_AFRICA] = "CDG IST FRA CMN CAI LHR",
    [REGION_LATIN_AMERICA] = "MEX PTY BOG LIM MIA IAH",
    [REGION_CARIBBEAN] = "MIA PTY JFK",
    [REGION_OCEANIA] = "SYD AKL LAX SFO",
};

/* Where people travelling on Canadian and US passports come from, as naming
 * traditions (both countries are multicultural; names do not follow nationality). */
static const double canada_cultures[CULTURE_COUNT] = {
    [CULTURE_ANGLO] = 40, [CULTURE_FRENCH] = 20, [CULTURE_SOUTH_ASIAN] = 9,
    [CULTURE_CHINESE] = 8, [CULTURE_FILIPINO] = 4, [CULTURE_ARABIC] = 4, [CULTURE_ITALIAN] = 3,
    [CULTURE_HISPANIC] = 3, [CULTURE_CARIBBEAN] = 2, [CULTURE_WEST_AFRICAN] = 2,
    [CULTURE_SLAVIC] = 2, [CULTURE_GERMANIC] = 2, [CULTURE_VIETNAMESE] = 1, [CULTURE_KOREAN] = 1,
    [CULTURE_PERSIAN] = 1, [CULTURE_PORTUGUESE] = 1, [CULTURE_GREEK] = 0.5,
    [CULTURE_EAST_AFRICAN] = 0.5,
};
static const double us_cultures[CULTURE_COUNT] = {
    [CULTURE_ANGLO] = 55, [CULTURE_HISPANIC] = 18, [CULTURE_CARIBBEAN] = 3,
    [CULTURE_CHINESE] = 3, [CULTURE_SOUTH_ASIAN] = 3, [CULTURE_FILIPINO] = 2, [CULTURE_ITALIAN] = 4,
    [CULTURE_GERMANIC] = 4, [CULTURE_KOREAN] = 1, [CULTURE_VIETNAMESE] = 1, [CULTURE_ARABIC] = 1,
    [CULTURE_SLAVIC] = 2, [CULTURE_WEST_AFRICAN] = 2, [CULTURE_FRENCH] = 1,
};

/* Nationalities of third-country travellers (people who live or transit elsewhere). */
static const char *const other_nationalities = "IN CN PH GB FR US MX NG IR PK VN KR LB HT JM CO BR DE IT";

/* ==== small helpers ================================================================ */

static int country_index(const char *alpha2)
{
    const gen_country *country = gen_country_by_alpha2(alpha2);
    return country ? (int)(country - gen_countries) : 0;
}

static int pick_code_country(gen_rng *r, const char *codes)
{
    char code[8];
    gen_code_at(codes, (int)gen_rng_below(r, (uint32_t)gen_code_count(codes)), code, sizeof code);
    return country_index(code);
}

static gen_region airport_region(const tv_ctx *c, int airport)
{
    return gen_countries[c->airport_country[airport]].region;
}

static bool is_canadian(const tv_ctx *c, int airport)
{
    return c->airport_country[airport] == c->canada_country;
}

static int canada_bit(const tv_ctx *c, int airport)
{
    for (int i = 0; i < 4; i++)
        if (c->gateways[i] == airport) return 1 << i;
    return 0;
}

static bool hub_listed(const tv_ctx *c, int from, int hub)
{
    for (int i = 0; i < c->hub_count[from]; i++)
        if (c->hubs[from][i] == hub) return true;
    return false;
}

/* Nonstop service between two airports, as the generator models it. */
static bool has_direct(const tv_ctx *c, int from, int to)
{
    bool from_ca = is_canadian(c, from), to_ca = is_canadian(c, to);
    if (from_ca && to_ca) return true;
    if (to_ca) return (gen_airports[from].canada_direct & canada_bit(c, to)) != 0;
    if (from_ca) return (gen_airports[to].canada_direct & canada_bit(c, from)) != 0;
    return hub_listed(c, from, to) || hub_listed(c, to, from) || (c->is_hub[from] && c->is_hub[to]);
}

static double great_circle_km(int a, int b)
{
    const double rad = 3.14159265358979323846 / 180.0;
    double lat1 = gen_airports[a].latitude * rad, lat2 = gen_airports[b].latitude * rad;
    double dlat = lat2 - lat1, dlon = (gen_airports[b].longitude - gen_airports[a].longitude) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1) * cos(lat2) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * 6371.0 * asin(sqrt(h));
}

static int adult_age(gen_rng *r)
{
    static const double bands[] = { 9, 20, 21, 19, 17, 14 };
    static const int low[] = { 18, 25, 35, 45, 55, 65 }, high[] = { 24, 34, 44, 54, 64, 79 };
    int band = gen_rng_weighted(r, bands, 6);
    return gen_rng_range(r, low[band], high[band]);
}

static char random_sex(gen_rng *r)
{
    uint32_t x = gen_rng_below(r, 1000);
    return x < 2 ? 'X' : x < 501 ? 'F' : 'M';
}

/* A birth date giving exactly `age` completed years on `day` (calendar arithmetic, so
 * a planted 17-year-old is never 18 for the engine). */
static int64_t birth_for_age(gen_rng *r, int64_t day, int age)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if (m == 2 && d == 29) d = 28;
    return days_from_civil(y - age, (unsigned)m, (unsigned)d) - gen_rng_range(r, 0, 364);
}

static gen_culture culture_of(tv_ctx *c, int nationality)
{
    if (nationality == c->canada_country)
        return (gen_culture)gen_rng_weighted(&c->rng, canada_cultures, CULTURE_COUNT);
    if (nationality == c->us_country)
        return (gen_culture)gen_rng_weighted(&c->rng, us_cultures, CULTURE_COUNT);
    return gen_countries[nationality].culture;
}

/* A country whose travellers carry this naming tradition (for country of birth). */
static int country_of_culture(tv_ctx *c, gen_culture culture)
{
    int start = (int)gen_rng_below(&c->rng, (uint32_t)gen_country_count);
    for (int i = 0; i < gen_country_count; i++) {
        int k = (start + i) % gen_country_count;
        if (gen_countries[k].culture == culture && k != c->canada_country && k != c->us_country)
            return k;
    }
    return c->canada_country;
}

static void make_person(tv_ctx *c, person *p, int nationality, gen_culture culture, char sex,
                        int age, int64_t day, uint64_t person_id)
{
    memset(p, 0, sizeof *p);
    p->sex = sex;
    gen_name(&c->rng, culture, sex, p->surname, sizeof p->surname, p->given, sizeof p->given);
    p->birth_day = birth_for_age(&c->rng, day, age);
    p->nationality = nationality;
    p->birth_country = nationality;
    if ((nationality == c->canada_country || nationality == c->us_country) &&
        culture != CULTURE_ANGLO && culture != CULTURE_FRENCH && age > 5 && gen_rng_chance(&c->rng, 0.5))
        p->birth_country = country_of_culture(c, culture);
    else if (gen_rng_chance(&c->rng, 0.04))
        p->birth_country = (int)gen_rng_below(&c->rng, (uint32_t)gen_country_count);
    p->issuing_state = nationality;
    if (gen_rng_chance(&c->rng, 0.015)) p->issuing_state = c->canada_country;  /* resident's travel document */
    p->document_type = gen_rng_chance(&c->rng, 0.007) ? 'O' : 'P';
    uint64_t number = gen_permutation_apply(&c->documents, person_id);
    p->document_number[0] = (char)('A' + number / 10000000ULL / 26 % 26);
    p->document_number[1] = (char)('A' + number / 10000000ULL % 26);
    *gen_put_uint_padded(p->document_number + 2, number % 10000000ULL, 7) = '\0';
    p->document_expiry = day + gen_rng_range(&c->rng, 40, 3650);
}

static void set_surname(person *p, const char *surname)
{
    snprintf(p->surname, sizeof p->surname, "%.63s", surname);
}

static void give_loyalty(tv_ctx *c, person *p, const char *carrier, uint64_t person_id)
{
    char digits[16];
    *gen_put_uint_padded(digits, gen_permutation_apply(&c->loyalty, person_id), 9) = '\0';
    snprintf(p->frequent_flyer, sizeof p->frequent_flyer, "%.2s%.9s", carrier, digits);
}

static void set_payer(booking *b, const char *surname, const char *given)
{
    snprintf(b->payer_surname, sizeof b->payer_surname, "%s", surname);
    snprintf(b->payer_given, sizeof b->payer_given, "%s", given ? given : "");
}

static void set_contact(tv_ctx *c, booking *b, int country, const char *given, const char *surname,
                        uint64_t contact_id)
{
    uint64_t unique = gen_permutation_apply(&c->contacts, contact_id);
    gen_phone(b->phone, sizeof b->phone, &gen_countries[country], unique);
    gen_email(b->email, sizeof b->email, given, surname, unique);
}

static void set_agency(tv_ctx *c, booking *b)
{
    /* A few hundred agencies per run: an 8-digit IATA number (7 digits and the
     * modulo-7 check digit, as IATA numbers are built). */
    uint64_t base = 1000000 + gen_hash(c->opt->seed, 0xa9e ^ gen_rng_below(&c->rng, 400)) % 8999999;
    *gen_put_uint_padded(b->agency, base * 10 + base % 7, 8) = '\0';
}

/* ==== itineraries ================================================================== */

static int pick_destination(tv_ctx *c)
{
    return c->destinations[gen_rng_weighted(&c->rng, c->destination_weight, 8)];
}

static int pick_origin(tv_ctx *c, const double *weights)
{
    return c->origins[gen_rng_weighted(&c->rng, weights, c->origin_count)];
}

static void add_stop(booking *b, int airport)
{
    if (b->stop_count < MAX_STOPS) b->stops[b->stop_count++] = airport;
}

static bool via_gateway(tv_ctx *c, booking *b, int origin, int dest)
{
    int start = (int)gen_rng_below(&c->rng, 4);
    for (int i = 0; i < 4; i++) {
        int g = c->gateways[(start + i) % 4];
        if (g != dest && has_direct(c, origin, g)) {
            add_stop(b, g);
            add_stop(b, dest);
            return true;
        }
    }
    return false;
}

static bool via_hub(tv_ctx *c, booking *b, int origin, int dest)
{
    int count = c->hub_count[origin];
    if (!count) return false;
    int start = (int)gen_rng_below(&c->rng, (uint32_t)count);
    for (int i = 0; i < count; i++) {
        int h = c->hubs[origin][(start + i) % count];
        if (h != dest && has_direct(c, h, dest)) {
            add_stop(b, h);
            add_stop(b, dest);
            return true;
        }
    }
    /* No hub flies there: hub, then a Canadian gateway, then the destination. */
    int h = c->hubs[origin][start];
    int mark = b->stop_count;
    add_stop(b, h);
    if (is_canadian(c, dest) && via_gateway(c, b, h, dest)) return true;
    b->stop_count = mark;
    return false;
}

/* origin -> dest with 0 to 2 connections through real hubs. */
static void route(tv_ctx *c, booking *b, int origin, int dest, bool force_connection)
{
    b->stop_count = 0;
    add_stop(b, origin);
    if (!force_connection && has_direct(c, origin, dest) && gen_rng_chance(&c->rng, 0.8)) {
        add_stop(b, dest);
        return;
    }
    bool gateway_first = is_canadian(c, dest) && !force_connection && gen_rng_chance(&c->rng, 0.4);
    if (gateway_first && via_gateway(c, b, origin, dest)) return;
    if (via_hub(c, b, origin, dest)) return;
    if (is_canadian(c, dest) && via_gateway(c, b, origin, dest)) return;
    add_stop(b, dest);
}

static void pick_carrier(tv_ctx *c, booking *b)
{
    int from = b->stops[b->stop_count - 2], to = b->stops[b->stop_count - 1];
    const char *home_from = gen_airports[from].carrier, *home_to = gen_airports[to].carrier;
    const char *carrier;
    if (is_canadian(c, from)) {
        static const char *const domestic[] = { "AC", "WS", "PD" };
        static const double weights[] = { 60, 35, 5 };
        carrier = domestic[gen_rng_weighted(&c->rng, weights, 3)];
    } else if (is_canadian(c, to)) {
        static const char *const canadian[] = { "AC", "WS", "TS" };
        static const double weights[] = { 70, 20, 10 };
        carrier = home_from[0] && gen_rng_chance(&c->rng, 0.55) ? home_from
                  : canadian[gen_rng_weighted(&c->rng, weights, 3)];
    } else {
        carrier = home_to[0] && (!home_from[0] || gen_rng_chance(&c->rng, 0.55)) ? home_to
                  : home_from[0] ? home_from : "AC";
    }
    snprintf(b->carrier, sizeof b->carrier, "%s", carrier);
    /* The same carrier flies the same route under the same number every day. */
    uint64_t h = gen_hash((uint64_t)from * 1000 + (uint64_t)to, (uint64_t)(unsigned char)carrier[0] * 256 + (unsigned char)carrier[1]);
    char number[8];
    *gen_put_uint(number, 1 + h % 1899) = '\0';
    snprintf(b->flight, sizeof b->flight, "%s%s", carrier, number);
}

/* Departure on `day` at the route's scheduled time; arrival after every leg and
 * connection. */
static void schedule(tv_ctx *c, booking *b, int64_t day)
{
    uint64_t h = gen_hash((uint64_t)b->stops[0] * 1000 + (uint64_t)b->stops[1], 0x5c4ed);
    int64_t t = day * 86400 + (int64_t)(h % 288) * 300;
    b->departure = t;
    for (int i = 0; i + 1 < b->stop_count; i++) {
        double hours = great_circle_km(b->stops[i], b->stops[i + 1]) / 800.0 + 0.6;
        t += (int64_t)(hours * 12) * 300;
        if (i + 2 < b->stop_count) {
            uint64_t k = gen_hash((uint64_t)b->stops[i] * 1000 + (uint64_t)b->stops[i + 1], (uint64_t)b->stops[i + 2]);
            t += 4500 + (int64_t)(k % 20) * 900;   /* 1h15 to 6h connection */
        }
    }
    b->arrival = t;
    pick_carrier(c, b);
}

static int64_t random_day(tv_ctx *c)
{
    return c->first_day + gen_rng_below(&c->rng, 365);
}

/* Booking lead times of ordinary travel: mostly weeks to months ahead. */
static int64_t ordinary_lead(tv_ctx *c)
{
    static const double weights[] = { 3, 12, 35, 38, 12 };
    static const int low[] = { 3, 72, 14 * 24, 60 * 24, 180 * 24 };
    static const int high[] = { 71, 14 * 24 - 1, 60 * 24 - 1, 180 * 24 - 1, 330 * 24 };
    int band = gen_rng_weighted(&c->rng, weights, 5);
    return (int64_t)gen_rng_range(&c->rng, low[band], high[band]) * 3600 + gen_rng_below(&c->rng, 3600);
}

static int64_t hours_lead(tv_ctx *c, int low, int high)
{
    return (int64_t)gen_rng_range(&c->rng, low, high) * 3600 + gen_rng_below(&c->rng, 3600);
}

static void booking_start(booking *b, int pattern)
{
    memset(b, 0, sizeof *b);
    b->pattern = pattern;
    b->payment = "CC";
    b->checkin = "CHECKED_IN";
}

static const char *ordinary_checkin(tv_ctx *c)
{
    static const char *const statuses[] = { "CHECKED_IN", "BOOKED", "NO_SHOW", "GO_SHOW" };
    static const double weights[] = { 90, 5, 3, 2 };
    return statuses[gen_rng_weighted(&c->rng, weights, 4)];
}

static int adult_bags(tv_ctx *c)
{
    static const double weights[] = { 22, 45, 26, 7 };
    return gen_rng_weighted(&c->rng, weights, 4);
}

/* Nationality of someone flying this route: Canadians coming home, people of the
 * origin country, and some third-country travellers. */
static int traveller_nationality(tv_ctx *c, int origin)
{
    double u = gen_rng_unit(&c->rng);
    int origin_country = c->airport_country[origin];
    if (u < 0.40) return c->canada_country;
    if (u < 0.88) return origin_country;
    return pick_code_country(&c->rng, other_nationalities);
}

/* The id of the next passenger to be emitted; passengers of a PNR being built take
 * this id plus their position, which stays unique because emit() advances the serial
 * by the party size. */
static uint64_t next_passenger_id(const tv_ctx *c)
{
    return c->passenger_serial;
}

/* ==== output ======================================================================= */

static const char locator_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/* A card fingerprint as payment processors give it (a token of the card number, never
 * the number): 16 hex digits from the card's id, so one card always gives one token. */
static void card_fingerprint(const tv_ctx *c, uint64_t card, char out[17])
{
    static const char hex[] = "0123456789ABCDEF";
    uint64_t h = gen_hash(c->opt->seed ^ 0xcafd, card);
    for (int i = 15; i >= 0; i--, h >>= 4) out[i] = hex[h & 15];
    out[16] = '\0';
}

static void emit(tv_ctx *c, booking *b)
{
    /* Card payments carry the card's fingerprint; a PNR without a card of its own
     * named (background) has a card no other PNR uses. */
    char card[17] = "";
    if (!strcmp(b->payment, "CC") || !strcmp(b->payment, "DC"))
        card_fingerprint(c, b->card ? b->card : CARD_BASE + c->pnr_serial, card);
    uint64_t code = gen_permutation_apply(&c->locators, c->pnr_serial++);
    char locator[8];
    for (int i = 5; i >= 0; i--) {
        locator[i] = locator_alphabet[code & 31];
        code >>= 5;
    }
    locator[6] = '\0';
    const gen_carrier *validating = gen_carrier_by_iata(b->carrier);
    gen_row *row = &c->row;
    int seat_row = gen_rng_range(&c->rng, 8, 48);
    int seat_letter = gen_rng_range(&c->rng, 0, 10 - (b->party < 6 ? b->party : 6));
    bool seats = !(strcmp(b->checkin, "BOOKED") == 0 && gen_rng_chance(&c->rng, 0.6));
    c->stats->units++;
    c->stats->pattern_units[b->pattern]++;

    for (int i = 0; i < b->party && c->remaining > 0; i++, c->remaining--) {
        const person *p = &b->people[i];
        char key[24], text[64];
        gen_row_clear(row);
        snprintf(key, sizeof key, "%s-%d", locator, i + 1);
        gen_row_set(row, TF_PASSENGER_ID, key);
        gen_row_set(row, TF_RECORD_LOCATOR, locator);
        gen_row_set(row, TF_SURNAME, p->surname);
        gen_row_set(row, TF_GIVEN_NAMES, p->given);
        gen_row_set_date(row, TF_DATE_OF_BIRTH, p->birth_day);
        gen_row_set_len(row, TF_SEX, &p->sex, 1);
        gen_row_set(row, TF_NATIONALITY, gen_countries[p->nationality].alpha3);
        gen_row_set(row, TF_COUNTRY_OF_BIRTH, gen_countries[p->birth_country].alpha3);
        gen_row_set_len(row, TF_DOCUMENT_TYPE, &p->document_type, 1);
        gen_row_set(row, TF_DOCUMENT_NUMBER, p->document_number);
        gen_row_set(row, TF_DOCUMENT_ISSUING_STATE, gen_countries[p->issuing_state].alpha3);
        gen_row_set_date(row, TF_DOCUMENT_EXPIRY, p->document_expiry);
        gen_row_set(row, TF_CARRIER, b->carrier);
        gen_row_set(row, TF_FLIGHT_NUMBER, b->flight);
        gen_row_set_datetime(row, TF_DEPARTURE, b->departure);
        gen_row_set_datetime(row, TF_ARRIVAL, b->arrival);
        gen_row_set(row, TF_ORIGIN, gen_airports[b->stops[0]].iata);
        gen_row_set(row, TF_DESTINATION, gen_airports[b->stops[b->stop_count - 1]].iata);
        for (int k = 0; k < b->stop_count; k++) gen_row_list_add(row, TF_ITINERARY, gen_airports[b->stops[k]].iata);
        gen_row_set_datetime(row, TF_BOOKING_DATE, b->booked);
        gen_row_set_bool(row, TF_ONE_WAY, b->one_way);
        gen_row_set(row, TF_FORM_OF_PAYMENT, b->payment);
        gen_row_set(row, TF_PAYER_SURNAME, b->payer_surname);
        gen_row_set(row, TF_PAYER_GIVEN_NAMES, b->payer_given);
        gen_row_set(row, TF_TRAVEL_AGENCY, b->agency);
        gen_row_set(row, TF_CONTACT_PHONE, b->phone);
        gen_row_set(row, TF_CONTACT_EMAIL, b->email);
        gen_row_set(row, TF_CARD_FINGERPRINT, card);
        gen_row_set(row, TF_FREQUENT_FLYER, p->frequent_flyer);
        gen_row_set_int(row, TF_BAGGAGE_COUNT, p->baggage);
        gen_row_set_int(row, TF_PARTY_SIZE, b->party);
        gen_row_set_bool(row, TF_UNACCOMPANIED_MINOR, b->unaccompanied_minor);
        gen_row_set(row, TF_CHECKIN_STATUS, b->checkin);
        if (seats) {
            static const char letters[] = "ABCDEFGHJK";
            int r = seat_row, l = seat_letter + i;
            if (b->seated_apart || l > 9) {
                r = gen_rng_range(&c->rng, 8, 48);
                l = gen_rng_range(&c->rng, 0, 9);
            }
            char *e = gen_put_uint(text, (uint64_t)r);
            *e++ = letters[l];
            gen_row_set_len(row, TF_SEAT, text, (size_t)(e - text));
        }
        memcpy(text, validating ? validating->ticket_prefix : "014", 3);
        gen_put_uint_padded(text + 3, gen_permutation_apply(&c->tickets, c->passenger_serial++), 10);
        gen_row_set_len(row, TF_TICKET_NUMBER, text, 13);

        /* Sensitive requests come from their own stream, drawn the same way for every
         * record: they cannot correlate with any pattern. */
        static const char *const meals[] = { "VGML", "VLML", "DBML", "GFML", "LSML", "NLML", "FPML", "LFML" };
        static const char *const medical[] = { "WCHR", "WCHS", "WCHC", "BLND", "DEAF" };
        double meal_draw = gen_rng_unit(&c->sensitive), medical_draw = gen_rng_unit(&c->sensitive);
        uint32_t meal_pick = gen_rng_below(&c->sensitive, 8), medical_pick = gen_rng_below(&c->sensitive, 5);
        if (meal_draw < 0.035) gen_row_set(row, TF_MEAL_REQUEST, meals[meal_pick]);
        if (medical_draw < 0.012) gen_row_set(row, TF_MEDICAL_REQUEST, medical[medical_pick]);

        gen_write_row(c->data, row, c->opt->format);
        gen_truth_row(c->truth, key, patterns[b->pattern].name,
                      patterns[b->pattern].label);
        c->stats->records++;
        c->stats->pattern_records[b->pattern]++;
    }
}

static int room(const tv_ctx *c)
{
    return c->remaining < MAX_PARTY ? (int)c->remaining : MAX_PARTY;
}

/* ==== background ==================================================================
 * Ordinary travel. Invariants that keep the ground truth honest: the payer is always
 * on the PNR; every minor travels with an adult of the same surname, or alone as a
 * declared unaccompanied minor on a round trip paid by a parent of the same surname;
 * a PNR with minors never mixes surnames; cash is never last-minute and one-way
 * together; each PNR has its own phone and e-mail. */

static void background(tv_ctx *c)
{
    static const double sizes[] = { 58, 24, 8, 7, 2, 1 };
    booking b;
    booking_start(&b, P_BACKGROUND);
    int party = 1 + gen_rng_weighted(&c->rng, sizes, 6);
    if (party > room(c)) party = room(c);
    b.party = party;

    bool elsewhere = gen_rng_chance(&c->rng, 0.12);
    int origin = pick_origin(c, c->origin_weight);
    int dest = elsewhere ? c->elsewhere[gen_rng_below(&c->rng, (uint32_t)c->elsewhere_count)] : pick_destination(c);
    if (dest == origin || airport_region(c, dest) == airport_region(c, origin)) {
        elsewhere = false;
        dest = pick_destination(c);
    }
    route(c, &b, origin, dest, false);
    int64_t day = random_day(c);
    schedule(c, &b, day);

    int nationality = elsewhere && gen_rng_chance(&c->rng, 0.7) ? c->airport_country[origin]
                      : traveller_nationality(c, origin);
    gen_culture culture = culture_of(c, nationality);
    person *lead = &b.people[0];
    bool lone_minor = party == 1 && gen_rng_chance(&c->rng, 0.004);

    if (lone_minor) {
        /* A declared unaccompanied minor on a round trip, paid by a parent. */
        make_person(c, lead, nationality, culture, random_sex(&c->rng), gen_rng_range(&c->rng, 7, 15), day,
                    next_passenger_id(c));
        b.unaccompanied_minor = true;
        char parent_given[64], parent_surname[64];
        gen_name(&c->rng, culture, gen_rng_chance(&c->rng, 0.5) ? 'F' : 'M', parent_surname,
                 sizeof parent_surname, parent_given, sizeof parent_given);
        set_payer(&b, lead->surname, parent_given);
        lead->baggage = 1;
        b.one_way = false;
        b.booked = b.departure - hours_lead(c, 14 * 24, 120 * 24);
        set_contact(c, &b, nationality, parent_given, lead->surname, c->pnr_serial);
        emit(c, &b);
        return;
    }

    int kind = 0;   /* 0 alone, 1 couple, 2 parent and child, 3 adults, 4 family */
    if (party == 2) kind = (int)gen_rng_weighted(&c->rng, (const double[]){ 55, 20, 25 }, 3) + 1;
    if (party >= 3) kind = gen_rng_chance(&c->rng, 0.9) ? 4 : 3;
    bool two_parents = party >= 3 && kind == 4 && gen_rng_chance(&c->rng, 0.83);

    int lead_age = adult_age(&c->rng);
    int youngest_parent = 0;
    if (kind == 2 || kind == 4) lead_age = gen_rng_range(&c->rng, 26, 58);
    make_person(c, lead, nationality, culture, random_sex(&c->rng), lead_age, day, next_passenger_id(c));
    for (int i = 1; i < party; i++) {
        person *p = &b.people[i];
        uint64_t id = next_passenger_id(c) + (uint64_t)i;
        int other_nationality = gen_rng_chance(&c->rng, 0.9) ? nationality : traveller_nationality(c, origin);
        if (kind == 1 || (kind == 4 && i == 1 && two_parents)) {
            char sex = lead->sex == 'F' ? 'M' : 'F';
            if (gen_rng_chance(&c->rng, 0.05)) sex = lead->sex;
            int age = lead_age + gen_rng_range(&c->rng, -6, 6);
            if (age < 20) age = 20;
            make_person(c, p, other_nationality, culture, sex, age, day, id);
            /* Couples without children may keep their own names; parents of minors
             * on the PNR share the surname in background data. */
            if (kind == 4 || gen_rng_chance(&c->rng, 0.7)) set_surname(p, lead->surname);
            youngest_parent = age < lead_age ? age : lead_age;
        } else if (kind == 3) {
            make_person(c, p, other_nationality, culture_of(c, other_nationality), random_sex(&c->rng),
                        adult_age(&c->rng), day, id);
        } else {
            int parent = youngest_parent ? youngest_parent : lead_age;
            int max_age = parent - 20 < 17 ? parent - 20 : 17;
            if (max_age < 0) max_age = 0;
            make_person(c, p, nationality, culture, random_sex(&c->rng), gen_rng_range(&c->rng, 0, max_age), day, id);
            set_surname(p, lead->surname);
        }
    }

    /* Payment: a traveller on the PNR. */
    const person *payer = lead;
    if (party > 1 && (kind == 1 || kind == 3) && gen_rng_chance(&c->rng, 0.2)) payer = &b.people[1];
    set_payer(&b, payer->surname, payer->given);
    bool agency = gen_rng_chance(&c->rng, 0.25);
    if (agency) set_agency(c, &b);
    static const char *const direct_payments[] = { "CC", "DC", "MIL", "VCH" };
    static const double direct_weights[] = { 86, 9, 3, 2 };
    static const char *const agency_payments[] = { "CC", "INV", "DC", "CASH", "VCH" };
    static const double agency_weights[] = { 62, 24, 7, 2, 5 };
    b.payment = agency ? agency_payments[gen_rng_weighted(&c->rng, agency_weights, 5)]
                       : direct_payments[gen_rng_weighted(&c->rng, direct_weights, 4)];
    b.one_way = gen_rng_chance(&c->rng, 0.14);
    int64_t lead_time = ordinary_lead(c);
    if (!strcmp(b.payment, "CASH") && b.one_way && lead_time < 72 * 3600) lead_time += 7 * 86400;
    b.booked = b.departure - lead_time;
    b.checkin = ordinary_checkin(c);
    set_contact(c, &b, lead->nationality, payer->given, payer->surname, c->pnr_serial);

    int64_t birth_of_adult = day - 18 * 366;
    for (int i = 0; i < party; i++) {
        person *p = &b.people[i];
        bool minor = p->birth_day > birth_of_adult;
        p->baggage = minor ? (int)gen_rng_below(&c->rng, 2) : adult_bags(c);
        if (!minor && gen_rng_chance(&c->rng, 0.3)) give_loyalty(c, p, b.carrier, next_passenger_id(c) + (uint64_t)i);
    }
    emit(c, &b);
}

/* ==== planted patterns (possible victims and facilitators) ========================
 * Patterns are made of behaviour (who pays, when, how, with whom, by which route),
 * never of protected grounds: a planted traveller's sex and nationality are drawn as
 * for any traveller on the same route, and only age enters where the pattern is about
 * minors or young adults. */

/* Someone who books and pays but does not travel. */
static void organiser(tv_ctx *c, int nationality, char *surname, size_t surname_size, char *given,
                      size_t given_size, uint64_t *id)
{
    gen_name(&c->rng, culture_of(c, nationality), gen_rng_chance(&c->rng, 0.6) ? 'M' : 'F', surname,
             surname_size, given, given_size);
    *id = SPECIAL_BASE + c->special_serial++;
}

/* A surname different from `avoid` (re-drawn, then from another tradition). */
static void different_surname(tv_ctx *c, person *p, const char *avoid)
{
    for (int tries = 0; tries < 6 && !strcmp(p->surname, avoid); tries++) {
        char given[64];
        gen_name(&c->rng, culture_of(c, p->nationality), p->sex, p->surname, sizeof p->surname, given, sizeof given);
    }
    if (!strcmp(p->surname, avoid)) {
        char given[64];
        gen_name(&c->rng, CULTURE_ANGLO, p->sex, p->surname, sizeof p->surname, given, sizeof given);
        if (!strcmp(p->surname, avoid)) set_surname(p, "SMITH-JONES");
    }
}

static bool surname_taken(const booking *b, int upto, const char *surname, const char *payer)
{
    if (payer && !strcmp(payer, surname)) return true;
    for (int i = 0; i < upto; i++)
        if (!strcmp(b->people[i].surname, surname)) return true;
    return false;
}

static void unrelated_surnames(tv_ctx *c, booking *b, const char *payer)
{
    for (int i = 0; i < b->party; i++) {
        person *p = &b->people[i];
        for (int tries = 0; tries < 8 && surname_taken(b, i, p->surname, payer); tries++) {
            char given[64];
            gen_name(&c->rng, culture_of(c, p->nationality), p->sex, p->surname, sizeof p->surname, given, sizeof given);
        }
    }
}

static void plant_minor_third_party(tv_ctx *c)
{
    booking b;
    booking_start(&b, P_MINOR_THIRD_PARTY);
    b.party = 1;
    int origin = pick_origin(c, c->source_weight);
    route(c, &b, origin, pick_destination(c), gen_rng_chance(&c->rng, 0.5));
    int64_t day = random_day(c);
    schedule(c, &b, day);
    int nationality = traveller_nationality(c, origin);
    static const double ages[] = { 1, 1, 2, 3, 3, 3 };
    person *minor = &b.people[0];
    make_person(c, minor, nationality, culture_of(c, nationality), random_sex(&c->rng),
                12 + gen_rng_weighted(&c->rng, ages, 6), day, next_passenger_id(c));
    char surname[64], given[64];
    uint64_t payer_id;
    int payer_country = gen_rng_chance(&c->rng, 0.5) ? nationality : c->canada_country;
    organiser(c, payer_country, surname, sizeof surname, given, sizeof given, &payer_id);
    set_payer(&b, surname, given);
    different_surname(c, minor, surname);
    b.one_way = gen_rng_chance(&c->rng, 0.9);
    b.booked = b.departure - (gen_rng_chance(&c->rng, 0.7) ? hours_lead(c, 2, 71) : hours_lead(c, 72, 14 * 24));
    static const char *const payments[] = { "CC", "CASH", "DC" };
    static const double weights[] = { 55, 25, 20 };
    b.payment = payments[gen_rng_weighted(&c->rng, weights, 3)];
    if (gen_rng_chance(&c->rng, !strcmp(b.payment, "CASH") ? 0.8 : 0.3)) set_agency(c, &b);
    set_contact(c, &b, payer_country, given, surname, payer_id);
    b.card = payer_id;
    minor->baggage = gen_rng_chance(&c->rng, 0.6) ? 0 : 1;
    b.unaccompanied_minor = gen_rng_chance(&c->rng, 0.15);
    emit(c, &b);
}

static void plant_young_adult_recruited(tv_ctx *c)
{
    booking b;
    booking_start(&b, P_YOUNG_ADULT_RECRUITED);
    static const double sizes[] = { 50, 30, 20 };
    b.party = 1 + gen_rng_weighted(&c->rng, sizes, 3);
    if (b.party > room(c)) b.party = room(c);
    int origin = pick_origin(c, c->source_weight);
    route(c, &b, origin, pick_destination(c), true);
    int64_t day = random_day(c);
    schedule(c, &b, day);
    int nationality = traveller_nationality(c, origin);
    for (int i = 0; i < b.party; i++)
        make_person(c, &b.people[i], nationality, culture_of(c, nationality), random_sex(&c->rng),
                    gen_rng_range(&c->rng, 18, 24), day, next_passenger_id(c) + (uint64_t)i);
    char surname[64], given[64];
    uint64_t organiser_id;
    organiser(c, nationality, surname, sizeof surname, given, sizeof given, &organiser_id);
    unrelated_surnames(c, &b, surname);
    b.one_way = gen_rng_chance(&c->rng, 0.95);
    b.booked = b.departure - (gen_rng_chance(&c->rng, 0.8) ? hours_lead(c, 3, 71) : hours_lead(c, 72, 7 * 24));
    if (gen_rng_chance(&c->rng, 0.5)) {
        b.payment = "CASH";
        if (gen_rng_chance(&c->rng, 0.8)) set_agency(c, &b);
        if (gen_rng_chance(&c->rng, 0.5)) set_payer(&b, b.people[0].surname, b.people[0].given);
        else set_payer(&b, surname, given);
    } else {
        b.payment = gen_rng_chance(&c->rng, 0.8) ? "CC" : "DC";
        set_payer(&b, surname, given);
        b.card = organiser_id;
    }
    set_contact(c, &b, nationality, given, surname, organiser_id);
    for (int i = 0; i < b.party; i++) b.people[i].baggage = gen_rng_chance(&c->rng, 0.85) ? 0 : 1;
    b.seated_apart = gen_rng_chance(&c->rng, 0.6);
    emit(c, &b);
}

static void plant_shared_contact_group(tv_ctx *c)
{
    int count = gen_rng_range(&c->rng, 3, 6);
    int origin = pick_origin(c, c->source_weight), dest = pick_destination(c);
    int64_t day = random_day(c);
    int nationality = c->airport_country[origin];
    char surname[64], given[64];
    uint64_t organiser_id;
    organiser(c, nationality, surname, sizeof surname, given, sizeof given, &organiser_id);
    bool one_way = gen_rng_chance(&c->rng, 0.8), last_minute = gen_rng_chance(&c->rng, 0.4);
    static const char *const payments[] = { "CC", "DC", "CASH" };
    static const double weights[] = { 60, 20, 20 };
    const char *payment = payments[gen_rng_weighted(&c->rng, weights, 3)];
    /* Who is named as payer: the organiser on every booking (45 %), each traveller
     * (35 %: cash at the counter or a card in their name), or a mix (20 %). The
     * organiser's phone is the contact of every booking, and the e-mail of most: what
     * links the bookings is the contact, not always the payer. */
    static const double payer_modes[] = { 45, 35, 20 };
    int payer_mode = gen_rng_weighted(&c->rng, payer_modes, 3);
    booking first;
    booking_start(&first, P_SHARED_CONTACT_GROUP);
    if (gen_rng_chance(&c->rng, 0.4) || !strcmp(payment, "CASH")) set_agency(c, &first);
    route(c, &first, origin, dest, gen_rng_chance(&c->rng, 0.5));
    int64_t lead = last_minute ? hours_lead(c, 6, 71) : hours_lead(c, 72, 30 * 24);
    char used[MAX_PARTY * 2][64];
    int used_count = 0;

    for (int k = 0; k < count && c->remaining > 0; k++) {
        booking b = first;
        b.party = 1;
        int64_t this_day = gen_rng_chance(&c->rng, 0.7) ? day : day + gen_rng_range(&c->rng, 0, 10);
        schedule(c, &b, this_day);
        int traveller_country = traveller_nationality(c, origin);
        person *p = &b.people[0];
        make_person(c, p, traveller_country, culture_of(c, traveller_country), random_sex(&c->rng),
                    gen_rng_range(&c->rng, 19, 40), this_day, next_passenger_id(c));
        /* Unrelated people: no surname repeats within the group or with the organiser. */
        for (int tries = 0; tries < 8; tries++) {
            bool clash = !strcmp(p->surname, surname);
            for (int u = 0; u < used_count; u++) clash = clash || !strcmp(used[u], p->surname);
            if (!clash) break;
            char g[64];
            gen_name(&c->rng, culture_of(c, traveller_country), p->sex, p->surname, sizeof p->surname, g, sizeof g);
        }
        if (used_count < MAX_PARTY * 2) snprintf(used[used_count++], sizeof used[0], "%s", p->surname);
        b.one_way = one_way;
        b.payment = payment;
        /* Booked by the same person within a few hours of each other. */
        b.booked = (day * 86400 - lead) + (int64_t)gen_rng_below(&c->rng, 6 * 3600);
        if (b.booked > b.departure - 3600) b.booked = b.departure - 3600;
        bool organiser_pays = payer_mode == 0 || (payer_mode == 2 && gen_rng_chance(&c->rng, 0.5));
        if (organiser_pays) {
            set_payer(&b, surname, given);
            b.card = organiser_id;
        } else {
            set_payer(&b, p->surname, p->given);
            b.payment = gen_rng_chance(&c->rng, 0.6) ? "CASH" : "DC";
            b.card = 0;
        }
        set_contact(c, &b, nationality, given, surname, organiser_id);
        if (gen_rng_chance(&c->rng, 0.25)) {
            /* The traveller's own e-mail beside the organiser's phone. */
            char phone[48];
            snprintf(phone, sizeof phone, "%s", b.phone);
            set_contact(c, &b, traveller_country, p->given, p->surname, SPECIAL_BASE + c->special_serial++);
            snprintf(b.phone, sizeof b.phone, "%s", phone);
        }
        p->baggage = gen_rng_chance(&c->rng, 0.7) ? 0 : 1;
        emit(c, &b);
    }
}

static void plant_facilitator_escort(tv_ctx *c)
{
    if (c->remaining < 2) {
        background(c);
        return;
    }
    int trips = gen_rng_range(&c->rng, 2, 4);
    int origin = pick_origin(c, c->source_weight), dest = pick_destination(c);
    int nationality = traveller_nationality(c, origin);
    int64_t day = random_day(c);
    person escort;
    uint64_t escort_id = SPECIAL_BASE + c->special_serial++;
    make_person(c, &escort, nationality, culture_of(c, nationality), random_sex(&c->rng),
                gen_rng_range(&c->rng, 28, 55), day, escort_id);
    escort.document_expiry = day + gen_rng_range(&c->rng, 400, 3650);   /* valid for every trip */
    bool loyal = gen_rng_chance(&c->rng, 0.5);
    static const char *const payments[] = { "CC", "DC", "CASH" };
    static const double weights[] = { 60, 20, 20 };
    const char *payment = payments[gen_rng_weighted(&c->rng, weights, 3)];

    for (int t = 0; t < trips && c->remaining >= 2; t++) {
        booking b;
        booking_start(&b, P_FACILITATOR_ESCORT);
        int trip_origin = origin;
        if (t > 0 && gen_rng_chance(&c->rng, 0.3)) {
            int other = pick_origin(c, c->source_weight);
            if (airport_region(c, other) == airport_region(c, origin)) trip_origin = other;
        }
        route(c, &b, trip_origin, dest, gen_rng_chance(&c->rng, 0.5));
        schedule(c, &b, day);
        b.party = 1 + gen_rng_range(&c->rng, 1, 2);
        if (b.party > room(c)) b.party = room(c);
        b.people[0] = escort;
        if (loyal && !b.people[0].frequent_flyer[0]) give_loyalty(c, &b.people[0], b.carrier, escort_id);
        if (loyal && t == 0) escort = b.people[0];
        b.people[0].baggage = 1;
        int young_country = traveller_nationality(c, trip_origin);
        for (int i = 1; i < b.party; i++) {
            person *p = &b.people[i];
            make_person(c, p, young_country, culture_of(c, young_country), random_sex(&c->rng),
                        gen_rng_range(&c->rng, 15, 22), day, next_passenger_id(c) + (uint64_t)i);
            p->baggage = gen_rng_chance(&c->rng, 0.8) ? 0 : 1;
        }
        /* Young travellers never share the escort's surname or each other's. */
        for (int i = 1; i < b.party; i++) {
            person *p = &b.people[i];
            for (int tries = 0; tries < 8 && surname_taken(&b, i, p->surname, NULL); tries++) {
                char g[64];
                gen_name(&c->rng, culture_of(c, p->nationality), p->sex, p->surname, sizeof p->surname, g, sizeof g);
            }
        }
        b.one_way = gen_rng_chance(&c->rng, 0.7);
        b.payment = payment;
        if (!strcmp(payment, "CASH") || gen_rng_chance(&c->rng, 0.3)) set_agency(c, &b);
        b.booked = b.departure - (gen_rng_chance(&c->rng, 0.5) ? hours_lead(c, 4, 71) : hours_lead(c, 72, 20 * 24));
        set_payer(&b, escort.surname, escort.given);
        set_contact(c, &b, nationality, escort.given, escort.surname, escort_id);
        b.card = escort_id;
        b.seated_apart = gen_rng_chance(&c->rng, 0.4);
        emit(c, &b);
        day += gen_rng_range(&c->rng, 14, 60);
    }
}

static void plant_cash_last_minute_one_way(tv_ctx *c)
{
    booking b;
    booking_start(&b, P_CASH_LAST_MINUTE_ONE_WAY);
    b.party = 1;
    int origin = pick_origin(c, c->origin_weight);
    route(c, &b, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    schedule(c, &b, day);
    int nationality = traveller_nationality(c, origin);
    person *p = &b.people[0];
    make_person(c, p, nationality, culture_of(c, nationality), random_sex(&c->rng), gen_rng_range(&c->rng, 20, 60),
                day, next_passenger_id(c));
    b.payment = "CASH";
    b.one_way = true;
    b.booked = b.departure - hours_lead(c, 2, 47);
    if (gen_rng_chance(&c->rng, 0.6)) set_agency(c, &b);
    set_payer(&b, p->surname, p->given);
    set_contact(c, &b, nationality, p->given, p->surname, c->pnr_serial);
    p->baggage = gen_rng_chance(&c->rng, 0.6) ? 0 : 1;
    emit(c, &b);
}

/* One payer who never travels (the same name and the same card on every booking) buys
 * tickets for several unrelated young people (16 to 24) over days or weeks: two to four
 * bookings of one or two passengers, often from several origins and to several Canadian
 * cities. The contact is the payer's on most bookings, the young person's own on the
 * others (IATA and Blue Lightning: tickets bought by a third party who does not travel;
 * the same purchaser for different young travellers). */
static void plant_payer_for_several_young(tv_ctx *c)
{
    int bookings = gen_rng_range(&c->rng, 2, 4);
    int origin = pick_origin(c, c->source_weight);
    int payer_country = gen_rng_chance(&c->rng, 0.5) ? c->airport_country[origin] : c->canada_country;
    char surname[64], given[64];
    uint64_t payer_id;
    organiser(c, payer_country, surname, sizeof surname, given, sizeof given, &payer_id);
    int64_t day = random_day(c);
    bool agency = gen_rng_chance(&c->rng, 0.35);
    booking agency_template;
    booking_start(&agency_template, P_PAYER_FOR_SEVERAL_YOUNG);
    if (agency) set_agency(c, &agency_template);
    char used[4 * 2][64];
    int used_count = 0;
    static const double ages[] = { 1, 2, 3, 3, 3, 3, 2, 2, 1 };   /* 16 .. 24 */

    for (int k = 0; k < bookings && c->remaining > 0; k++) {
        booking b;
        booking_start(&b, P_PAYER_FOR_SEVERAL_YOUNG);
        memcpy(b.agency, agency_template.agency, sizeof b.agency);
        int trip_origin = k == 0 || gen_rng_chance(&c->rng, 0.5) ? origin : pick_origin(c, c->source_weight);
        route(c, &b, trip_origin, pick_destination(c), gen_rng_chance(&c->rng, 0.5));
        schedule(c, &b, day);
        b.party = gen_rng_chance(&c->rng, 0.35) ? 2 : 1;
        if (b.party > room(c)) b.party = room(c);
        int young_country = traveller_nationality(c, trip_origin);
        for (int i = 0; i < b.party; i++) {
            person *p = &b.people[i];
            make_person(c, p, young_country, culture_of(c, young_country), random_sex(&c->rng),
                        16 + gen_rng_weighted(&c->rng, ages, 9), day, next_passenger_id(c) + (uint64_t)i);
            /* Unrelated: no surname shared with the payer or another young person. */
            for (int tries = 0; tries < 8; tries++) {
                bool clash = !strcmp(p->surname, surname);
                for (int u = 0; u < used_count; u++) clash = clash || !strcmp(used[u], p->surname);
                if (!clash) break;
                char g[64];
                gen_name(&c->rng, culture_of(c, young_country), p->sex, p->surname, sizeof p->surname, g, sizeof g);
            }
            if (used_count < 8) snprintf(used[used_count++], sizeof used[0], "%s", p->surname);
            p->baggage = gen_rng_chance(&c->rng, 0.7) ? 0 : 1;
        }
        b.payment = gen_rng_chance(&c->rng, 0.85) ? (gen_rng_chance(&c->rng, 0.8) ? "CC" : "DC") : "CASH";
        b.card = payer_id;
        set_payer(&b, surname, given);
        b.one_way = gen_rng_chance(&c->rng, 0.8);
        b.booked = b.departure - (gen_rng_chance(&c->rng, 0.5) ? hours_lead(c, 4, 71) : hours_lead(c, 72, 21 * 24));
        if (gen_rng_chance(&c->rng, 0.65))
            set_contact(c, &b, payer_country, given, surname, payer_id);
        else
            set_contact(c, &b, young_country, b.people[0].given, b.people[0].surname, SPECIAL_BASE + c->special_serial++);
        b.seated_apart = b.party > 1 && gen_rng_chance(&c->rng, 0.5);
        emit(c, &b);
        day += gen_rng_range(&c->rng, 1, 21);
    }
}

/* ==== innocent look-alikes ========================================================== */

static void lookalike_family(tv_ctx *c)
{
    static const double sizes[] = { 25, 35, 30, 10 };
    int party = 2 + gen_rng_weighted(&c->rng, sizes, 4);
    if (party > room(c)) party = room(c);
    if (party < 2) {
        background(c);
        return;
    }
    booking b;
    booking_start(&b, P_LOOKALIKE_FAMILY);
    b.party = party;
    int origin = pick_origin(c, c->origin_weight);
    route(c, &b, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    schedule(c, &b, day);
    int nationality = traveller_nationality(c, origin);
    gen_culture culture = culture_of(c, nationality);
    bool two_parents = party >= 3 && gen_rng_chance(&c->rng, 0.65);
    int parent_age = gen_rng_range(&c->rng, 30, 52);
    make_person(c, &b.people[0], nationality, culture, gen_rng_chance(&c->rng, 0.6) ? 'F' : 'M', parent_age, day,
                next_passenger_id(c));
    char other_surname[64], given[64];
    gen_name(&c->rng, culture, 'M', other_surname, sizeof other_surname, given, sizeof given);
    if (!strcmp(other_surname, b.people[0].surname)) snprintf(other_surname, sizeof other_surname, "%s", "MARTIN-LEE");
    int first_child = 1;
    if (two_parents) {
        person *p = &b.people[1];
        make_person(c, p, nationality, culture, b.people[0].sex == 'F' ? 'M' : 'F',
                    parent_age + gen_rng_range(&c->rng, -4, 4), day, next_passenger_id(c) + 1);
        set_surname(p, other_surname);
        first_child = 2;
    }
    /* Children carry the other parent's name, or both joined (a family with
     * different surnames, travelling together, paid by a parent on the PNR). */
    char joined[96];
    snprintf(joined, sizeof joined, "%.30s-%.30s", b.people[0].surname, other_surname);
    for (int i = first_child; i < party; i++) {
        person *p = &b.people[i];
        make_person(c, p, nationality, culture, random_sex(&c->rng),
                    gen_rng_range(&c->rng, 0, parent_age - 22 < 17 ? parent_age - 22 : 17), day,
                    next_passenger_id(c) + (uint64_t)i);
        set_surname(p, gen_rng_chance(&c->rng, 0.3) && strchr(joined, ' ') == NULL ? joined : other_surname);
        p->baggage = (int)gen_rng_below(&c->rng, 2);
    }
    for (int i = 0; i < first_child; i++) b.people[i].baggage = 1 + (int)gen_rng_below(&c->rng, 2);
    const person *payer = &b.people[two_parents && gen_rng_chance(&c->rng, 0.4) ? 1 : 0];
    set_payer(&b, payer->surname, payer->given);
    b.payment = gen_rng_chance(&c->rng, 0.85) ? "CC" : "DC";
    b.one_way = gen_rng_chance(&c->rng, 0.15);
    b.booked = b.departure - hours_lead(c, 14 * 24, 200 * 24);
    if (gen_rng_chance(&c->rng, 0.2)) set_agency(c, &b);
    set_contact(c, &b, nationality, payer->given, payer->surname, c->pnr_serial);
    emit(c, &b);
}

static void lookalike_business(tv_ctx *c)
{
    booking b;
    booking_start(&b, P_LOOKALIKE_BUSINESS);
    b.party = 1;
    int origin = pick_origin(c, c->business_weight);
    route(c, &b, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    schedule(c, &b, day);
    int nationality = gen_rng_chance(&c->rng, 0.6) ? c->canada_country : c->airport_country[origin];
    person *p = &b.people[0];
    make_person(c, p, nationality, culture_of(c, nationality), random_sex(&c->rng), gen_rng_range(&c->rng, 28, 62),
                day, next_passenger_id(c));
    b.one_way = true;
    b.booked = b.departure - hours_lead(c, 2, 47);
    if (gen_rng_chance(&c->rng, 0.6)) {
        /* Corporate account through a travel agency: the company pays. */
        b.payment = "INV";
        set_agency(c, &b);
        char company[96];
        gen_company(company, sizeof company, &gen_countries[c->canada_country], c->opt->seed,
                    5000 + gen_rng_below(&c->rng, 300), NULL);
        set_payer(&b, company, "");
    } else {
        b.payment = "CC";   /* corporate card in the traveller's name */
        if (gen_rng_chance(&c->rng, 0.5)) set_agency(c, &b);
        set_payer(&b, p->surname, p->given);
    }
    if (gen_rng_chance(&c->rng, 0.8)) give_loyalty(c, p, b.carrier, next_passenger_id(c));
    p->baggage = gen_rng_chance(&c->rng, 0.6) ? 0 : 1;
    set_contact(c, &b, nationality, p->given, p->surname, c->pnr_serial);
    emit(c, &b);
}

static void lookalike_student(tv_ctx *c)
{
    booking b;
    booking_start(&b, P_LOOKALIKE_STUDENT);
    b.party = 1;
    int origin = pick_origin(c, c->student_weight);
    route(c, &b, origin, pick_destination(c), false);
    /* Terms start in September and January. */
    int y, m, d;
    civil_from_days(c->first_day, &y, &m, &d);
    int64_t day = gen_rng_chance(&c->rng, 0.7) ? days_from_civil(y, 8, 10) + gen_rng_range(&c->rng, 0, 26)
                                               : days_from_civil(y, 12, 28) + gen_rng_range(&c->rng, 0, 13);
    schedule(c, &b, day);
    int nationality = c->airport_country[origin];
    person *p = &b.people[0];
    make_person(c, p, nationality, culture_of(c, nationality), random_sex(&c->rng), gen_rng_range(&c->rng, 17, 21),
                day, next_passenger_id(c));
    /* A parent pays: same surname, not on the PNR. */
    char parent_given[64], parent_surname[64];
    gen_name(&c->rng, gen_countries[nationality].culture, gen_rng_chance(&c->rng, 0.5) ? 'F' : 'M', parent_surname,
             sizeof parent_surname, parent_given, sizeof parent_given);
    if (!strcmp(parent_given, p->given)) snprintf(parent_given, sizeof parent_given, "%s", p->sex == 'F' ? "ROBERT" : "MARIA");
    set_payer(&b, p->surname, parent_given);
    b.payment = gen_rng_chance(&c->rng, 0.7) ? "CC" : "DC";
    b.one_way = gen_rng_chance(&c->rng, 0.9);
    b.booked = b.departure - hours_lead(c, 30 * 24, 150 * 24);
    if (gen_rng_chance(&c->rng, 0.4)) set_agency(c, &b);
    if (gen_rng_chance(&c->rng, 0.5))
        set_contact(c, &b, nationality, parent_given, p->surname, SPECIAL_BASE + c->special_serial++);
    else
        set_contact(c, &b, nationality, p->given, p->surname, c->pnr_serial);
    p->baggage = gen_rng_chance(&c->rng, 0.6) ? 2 : 3;
    emit(c, &b);
}

/* A family of five to nine: one or two parents and three to seven children, one
 * surname, paid by a parent's card, mostly a round trip booked weeks ahead. Families
 * above six seats are often booked as two PNRs sharing the contact and the card, one
 * of which may hold teenagers without a parent. */
static void lookalike_large_family(tv_ctx *c)
{
    int children = gen_rng_range(&c->rng, 3, 7);
    bool two_parents = gen_rng_chance(&c->rng, 0.8);
    int total = children + 1 + (two_parents ? 1 : 0);
    if ((uint64_t)total > c->remaining) {
        background(c);
        return;
    }
    booking first;
    booking_start(&first, P_LOOKALIKE_LARGE_FAMILY);
    int origin = pick_origin(c, c->origin_weight);
    route(c, &first, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    schedule(c, &first, day);
    int nationality = traveller_nationality(c, origin);
    gen_culture culture = culture_of(c, nationality);
    int parent_age = gen_rng_range(&c->rng, 32, 50);
    person people[MAX_PARTY];
    uint64_t id = next_passenger_id(c);
    make_person(c, &people[0], nationality, culture, gen_rng_chance(&c->rng, 0.5) ? 'F' : 'M', parent_age, day, id);
    int n = 1;
    if (two_parents) {
        make_person(c, &people[n], nationality, culture, people[0].sex == 'F' ? 'M' : 'F',
                    parent_age + gen_rng_range(&c->rng, -4, 4), day, id + (uint64_t)n);
        set_surname(&people[n], people[0].surname);
        n++;
    }
    int adults = n;
    int oldest = parent_age - 20 < 17 ? parent_age - 20 : 17;
    for (int i = 0; i < children; i++, n++) {
        make_person(c, &people[n], nationality, culture, random_sex(&c->rng), gen_rng_range(&c->rng, 1, oldest), day,
                    id + (uint64_t)n);
        set_surname(&people[n], people[0].surname);
    }
    for (int i = 0; i < n; i++) people[i].baggage = i < adults ? 1 + (int)gen_rng_below(&c->rng, 2) : (int)gen_rng_below(&c->rng, 2);
    uint64_t family = SPECIAL_BASE + c->special_serial++;
    first.payment = gen_rng_chance(&c->rng, 0.85) ? "CC" : "DC";
    first.card = family;
    set_payer(&first, people[0].surname, people[0].given);
    first.one_way = gen_rng_chance(&c->rng, 0.1);
    first.booked = first.departure - hours_lead(c, 20 * 24, 250 * 24);
    if (gen_rng_chance(&c->rng, 0.2)) set_agency(c, &first);
    set_contact(c, &first, nationality, people[0].given, people[0].surname, family);

    /* One PNR, or two: the first parent and some children, then the rest. */
    int split = total > 6 && gen_rng_chance(&c->rng, 0.5) ? 1 + (int)gen_rng_below(&c->rng, 3) : total;
    booking b = first;
    b.party = 0;
    b.people[b.party++] = people[0];
    int next = adults;   /* children start after the parents */
    for (; next < n && b.party < split; next++) b.people[b.party++] = people[next];
    if (next == n && adults > 1) b.people[b.party++] = people[1];
    emit(c, &b);
    if (next < n) {
        booking second = first;
        second.party = 0;
        if (adults > 1 && gen_rng_chance(&c->rng, 0.7)) second.people[second.party++] = people[1];
        for (; next < n; next++) second.people[second.party++] = people[next];
        second.booked += gen_rng_range(&c->rng, 0, 3) * 3600;
        emit(c, &second);
    }
}

/* A school trip: one to four teachers and eight to twenty-four pupils of 12 to 17 with
 * their own surnames, on the same flight, booked as PNRs of up to nine (a teacher in
 * each while teachers last), paid by the school (invoice through an agency or the
 * school's card) or by the lead teacher, the school's or the agency's contact on every
 * PNR, a round trip booked months ahead, a bag each. */
static void school_name(tv_ctx *c, gen_culture culture, char *out, size_t size)
{
    char surname[64], given[64];
    gen_name(&c->rng, culture, 'X', surname, sizeof surname, given, sizeof given);
    switch (culture) {
    case CULTURE_FRENCH: snprintf(out, size, "%s %s", gen_rng_chance(&c->rng, 0.5) ? "COLLEGE" : "ECOLE SECONDAIRE", surname); break;
    case CULTURE_HISPANIC: snprintf(out, size, "COLEGIO %s", surname); break;
    case CULTURE_PORTUGUESE: snprintf(out, size, "ESCOLA %s", surname); break;
    case CULTURE_GERMANIC: snprintf(out, size, "%s GYMNASIUM", surname); break;
    case CULTURE_ITALIAN: snprintf(out, size, "LICEO %s", surname); break;
    default: snprintf(out, size, "%s %s", surname, gen_rng_chance(&c->rng, 0.5) ? "SECONDARY SCHOOL" : "ACADEMY");
    }
}

static void lookalike_school_group(tv_ctx *c)
{
    int pupils = gen_rng_range(&c->rng, 8, 24);
    int teachers = 1 + pupils / 8 - (gen_rng_chance(&c->rng, 0.3) ? 1 : 0);
    if (teachers < 1) teachers = 1;
    booking first;
    booking_start(&first, P_LOOKALIKE_SCHOOL_GROUP);
    int origin = pick_origin(c, c->origin_weight);
    /* A Canadian school coming home, or a school from abroad visiting. */
    bool canadian = gen_rng_chance(&c->rng, 0.4);
    int nationality = canadian ? c->canada_country : c->airport_country[origin];
    route(c, &first, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    schedule(c, &first, day);
    gen_culture school_culture = culture_of(c, nationality);
    char school[96];
    school_name(c, school_culture, school, sizeof school);
    uint64_t school_id = SPECIAL_BASE + c->special_serial++;
    int pnrs = (pupils + teachers + MAX_PARTY - 1) / MAX_PARTY;
    first.one_way = gen_rng_chance(&c->rng, 0.05);
    first.booked = first.departure - hours_lead(c, 45 * 24, 240 * 24);
    person lead;
    make_person(c, &lead, nationality, culture_of(c, nationality), random_sex(&c->rng), gen_rng_range(&c->rng, 28, 60),
                day, school_id);
    double mode = gen_rng_unit(&c->rng);
    if (mode < 0.5) {
        first.payment = "INV";
        set_agency(c, &first);
        set_payer(&first, school, "");
    } else if (mode < 0.8) {
        first.payment = "CC";
        first.card = school_id;
        if (gen_rng_chance(&c->rng, 0.5)) set_agency(c, &first);
        set_payer(&first, school, "");
    } else {
        first.payment = "CC";
        first.card = school_id;
        set_payer(&first, lead.surname, lead.given);
    }
    char word[48];
    snprintf(word, sizeof word, "%.40s", school);
    set_contact(c, &first, nationality, "TRIPS", word, school_id);

    int placed_teachers = 0, placed_pupils = 0;
    for (int k = 0; k < pnrs && c->remaining > 0; k++) {
        booking b = first;
        b.party = 0;
        int share = (pupils + teachers - placed_pupils - placed_teachers + (pnrs - k) - 1) / (pnrs - k);
        if (share > room(c)) share = room(c);
        /* A teacher first (the lead teacher in the first PNR), while teachers last. */
        int teachers_here = (teachers - placed_teachers + (pnrs - k) - 1) / (pnrs - k);
        for (int t = 0; t < teachers_here && b.party < share; t++, placed_teachers++) {
            person *p = &b.people[b.party++];
            if (placed_teachers == 0) *p = lead;
            else make_person(c, p, nationality, culture_of(c, nationality), random_sex(&c->rng),
                             gen_rng_range(&c->rng, 25, 60), day, next_passenger_id(c) + (uint64_t)b.party);
            p->baggage = 1;
        }
        while (b.party < share && placed_pupils < pupils) {
            person *p = &b.people[b.party];
            make_person(c, p, nationality, culture_of(c, nationality), random_sex(&c->rng), gen_rng_range(&c->rng, 12, 17),
                        day, next_passenger_id(c) + (uint64_t)b.party);
            p->baggage = gen_rng_chance(&c->rng, 0.9) ? 1 : 0;
            b.party++;
            placed_pupils++;
        }
        if (!b.party) break;
        emit(c, &b);
    }
}

/* A tour operator's group: four to ten PNRs of one or two adults (25 to 78, their own
 * surnames), all with the operator's phone and e-mail as contact and the operator's
 * agency number, most on one departure; paid by the operator on invoice (its name as
 * payer on every PNR) or by each traveller's own card; round trips booked weeks or
 * months ahead. */
static void lookalike_tour_operator(tv_ctx *c)
{
    int count = gen_rng_range(&c->rng, 4, 10);
    booking first;
    booking_start(&first, P_LOOKALIKE_TOUR_OPERATOR);
    int origin = pick_origin(c, c->origin_weight);
    route(c, &first, origin, pick_destination(c), false);
    int64_t day = random_day(c);
    int origin_country = c->airport_country[origin];
    char operator_name[96];
    gen_company(operator_name, sizeof operator_name, &gen_countries[origin_country], c->opt->seed,
                7000 + gen_rng_below(&c->rng, 200), "TOURS");
    uint64_t operator_id = SPECIAL_BASE + c->special_serial++;
    set_agency(c, &first);
    set_contact(c, &first, origin_country, "RESERVATIONS", gen_company_words[gen_rng_below(&c->rng, (uint32_t)gen_company_word_count)],
                operator_id);
    bool invoiced = gen_rng_chance(&c->rng, 0.5);
    int64_t booked = (day * 86400) - hours_lead(c, 21 * 24, 200 * 24);
    for (int k = 0; k < count && c->remaining > 0; k++) {
        booking b = first;
        int64_t this_day = gen_rng_chance(&c->rng, 0.75) ? day : day + gen_rng_range(&c->rng, -3, 3);
        schedule(c, &b, this_day);
        b.party = gen_rng_chance(&c->rng, 0.55) ? 2 : 1;
        if (b.party > room(c)) b.party = room(c);
        int nationality = gen_rng_chance(&c->rng, 0.8) ? origin_country : traveller_nationality(c, origin);
        gen_culture culture = culture_of(c, nationality);
        int age = gen_rng_range(&c->rng, 25, 78);
        for (int i = 0; i < b.party; i++) {
            person *p = &b.people[i];
            make_person(c, p, nationality, culture, i == 0 ? random_sex(&c->rng) : (b.people[0].sex == 'F' ? 'M' : 'F'),
                        i == 0 ? age : age + gen_rng_range(&c->rng, -5, 5), this_day, next_passenger_id(c) + (uint64_t)i);
            if (i == 1 && gen_rng_chance(&c->rng, 0.6)) set_surname(p, b.people[0].surname);
            p->baggage = 1 + (int)gen_rng_below(&c->rng, 2);
        }
        if (invoiced) {
            b.payment = "INV";
            set_payer(&b, operator_name, "");
        } else {
            b.payment = gen_rng_chance(&c->rng, 0.85) ? "CC" : "DC";
            set_payer(&b, b.people[0].surname, b.people[0].given);
        }
        b.one_way = gen_rng_chance(&c->rng, 0.05);
        b.booked = booked + (int64_t)gen_rng_below(&c->rng, 30 * 86400);
        if (b.booked > b.departure - 7 * 86400) b.booked = b.departure - 7 * 86400;
        emit(c, &b);
    }
}

/* ==== the run ======================================================================= */

static void index_airports(tv_ctx *c)
{
    c->canada_country = country_index("CA");
    c->us_country = country_index("US");
    for (int i = 0; i < gen_airport_count && i < MAX_AIRPORTS; i++)
        c->airport_country[i] = country_index(gen_airports[i].country);
    static const char *const gateways[] = { "YYZ", "YUL", "YVR", "YYC" };
    for (int i = 0; i < 4; i++) c->gateways[i] = gen_airport_index(gateways[i]);
    static const char *const destinations[] = { "YYZ", "YUL", "YVR", "YYC", "YEG", "YOW", "YHZ", "YWG" };
    static const double weights[] = { 40, 22, 22, 8, 3, 2, 2, 1 };
    for (int i = 0; i < 8; i++) {
        c->destinations[i] = gen_airport_index(destinations[i]);
        c->destination_weight[i] = weights[i];
    }
    for (int i = 0; i < gen_airport_count && i < MAX_AIRPORTS; i++) {
        const char *hubs = gen_airports[i].hubs[0] ? gen_airports[i].hubs : region_hubs[airport_region(c, i)];
        char code[8];
        for (int k = 0; k < gen_code_count(hubs) && c->hub_count[i] < MAX_HUBS; k++) {
            gen_code_at(hubs, k, code, sizeof code);
            int h = gen_airport_index(code);
            if (h < 0 || h == i) continue;
            c->hubs[i][c->hub_count[i]++] = h;
            c->is_hub[h] = true;
        }
    }
    static const char *const students = "DEL BOM ATQ AMD PVG PEK CAN MNL LOS ABJ DSS CDG LYS MEX BOG IKA SGN HAN ICN GRU KHI DAC";
    for (int i = 0; i < gen_airport_count && i < MAX_AIRPORTS; i++) {
        if (is_canadian(c, i)) continue;
        int k = c->origin_count++;
        gen_region region = airport_region(c, i);
        double w = gen_airports[i].weight;
        c->origins[k] = i;
        c->origin_weight[k] = w;
        c->source_weight[k] = region == REGION_EAST_EUROPE || region == REGION_WEST_AFRICA ||
                              region == REGION_EAST_AFRICA || region == REGION_SOUTH_ASIA ||
                              region == REGION_SOUTHEAST_ASIA || region == REGION_LATIN_AMERICA ||
                              region == REGION_CARIBBEAN || region == REGION_MIDDLE_EAST ? w : 0;
        c->business_weight[k] = region == REGION_US || region == REGION_EUROPE || region == REGION_EAST_ASIA ? w : 0;
        c->student_weight[k] = gen_code_in(students, gen_airports[i].iata) ? w : 0;
    }
    static const char *const elsewhere[] = { "LHR", "CDG", "FRA", "AMS", "JFK", "DXB", "IST", "MIA", "LAX", "HKG", "SYD", "MAD" };
    for (int i = 0; i < 12; i++) c->elsewhere[c->elsewhere_count++] = gen_airport_index(elsewhere[i]);
}

void gen_travellers(const gen_options *opt, gen_out *data, gen_out *truth, gen_stats *stats)
{
    tv_ctx context;
    tv_ctx *c = &context;
    memset(c, 0, sizeof *c);
    c->opt = opt;
    c->data = data;
    c->truth = truth;
    c->stats = stats;
    c->remaining = opt->count;
    c->first_day = days_from_civil(2025, 1, 1);
    gen_rng_seed(&c->rng, opt->seed, 1);
    gen_rng_seed(&c->sensitive, opt->seed, 2);
    gen_permutation_init(&c->locators, 1ULL << 30, opt->seed ^ 0x10c);
    gen_permutation_init(&c->tickets, 10000000000ULL, opt->seed ^ 0x71c);
    gen_permutation_init(&c->documents, 26ULL * 26 * 10000000ULL, opt->seed ^ 0xd0c);
    gen_permutation_init(&c->contacts, 1000000000ULL, opt->seed ^ 0xc0a);
    gen_permutation_init(&c->loyalty, 1000000000ULL, opt->seed ^ 0x10f);
    index_airports(c);

    memset(stats, 0, sizeof *stats);
    stats->pattern_count = P_COUNT;
    for (int i = 0; i < P_COUNT; i++) {
        stats->pattern_name[i] = patterns[i].name;
        stats->pattern_label[i] = patterns[i].label;
    }

    /* Unit probabilities such that planted PNRs make plant_rate (R) of all PNRs and
     * look-alike PNRs lookalike_rate (L), although one unit may make several PNRs: with
     * m and n the mean PNRs per planted and per look-alike unit, a draw makes on average
     * E = 1 / (1 - R - L + R/m + L/n) PNRs, and p = R E / m, q = L E / n. */
    double planted_weights[P_COUNT] = { 0 }, lookalike_weights[P_COUNT] = { 0 };
    double planted_inverse = 0, lookalike_inverse = 0;
    for (int i = 0; i < P_COUNT; i++) {
        if (patterns[i].label == GEN_PLANTED) {
            planted_weights[i] = patterns[i].share / patterns[i].pnrs;
            planted_inverse += planted_weights[i];
        } else if (patterns[i].label == GEN_LOOKALIKE) {
            lookalike_weights[i] = patterns[i].share / patterns[i].pnrs;
            lookalike_inverse += lookalike_weights[i];
        }
    }
    double rate = opt->plant_rate, lookalike_rate = opt->lookalike_rate;
    double per_draw = 1.0 / (1 - rate - lookalike_rate + rate * planted_inverse + lookalike_rate * lookalike_inverse);
    double p_planted = rate * per_draw * planted_inverse;
    double p_lookalike = lookalike_rate * per_draw * lookalike_inverse;

    gen_row_init(&c->row, gen_traveller_fields, TF_COUNT);
    gen_write_header(data, &c->row, opt->format);
    while (c->remaining > 0) {
        double u = gen_rng_unit(&c->rng);
        if (u < p_planted) {
            switch (gen_rng_weighted(&c->rng, planted_weights, P_COUNT)) {
            case P_MINOR_THIRD_PARTY: plant_minor_third_party(c); break;
            case P_YOUNG_ADULT_RECRUITED: plant_young_adult_recruited(c); break;
            case P_SHARED_CONTACT_GROUP: plant_shared_contact_group(c); break;
            case P_FACILITATOR_ESCORT: plant_facilitator_escort(c); break;
            case P_PAYER_FOR_SEVERAL_YOUNG: plant_payer_for_several_young(c); break;
            default: plant_cash_last_minute_one_way(c); break;
            }
        } else if (u < p_planted + p_lookalike) {
            switch (gen_rng_weighted(&c->rng, lookalike_weights, P_COUNT)) {
            case P_LOOKALIKE_FAMILY: lookalike_family(c); break;
            case P_LOOKALIKE_BUSINESS: lookalike_business(c); break;
            case P_LOOKALIKE_LARGE_FAMILY: lookalike_large_family(c); break;
            case P_LOOKALIKE_SCHOOL_GROUP: lookalike_school_group(c); break;
            case P_LOOKALIKE_TOUR_OPERATOR: lookalike_tour_operator(c); break;
            default: lookalike_student(c); break;
            }
        } else {
            background(c);
        }
    }
}
