/* gen.h - the synthetic manifest generator: seeded PRNG, row builder, CSV/NDJSON/EDIFACT writers, reference data. */
#ifndef VIGIE_GEN_H
#define VIGIE_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "record.h" /* days_from_civil, civil_from_days */

/* ---- seeded pseudo-random numbers (xoshiro256**, seeded by splitmix64) ----------
 * Every stream is a pure function of (seed, stream id), so a run is reproducible
 * byte for byte on every platform; nothing reads the clock or the environment. */
typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream);
uint64_t gen_rng_next(gen_rng *r);
uint32_t gen_rng_below(gen_rng *r, uint32_t n);           /* uniform in [0, n), n > 0 */
int gen_rng_range(gen_rng *r, int lo, int hi);            /* uniform in [lo, hi] */
double gen_rng_unit(gen_rng *r);                          /* uniform in [0, 1) */
bool gen_rng_chance(gen_rng *r, double p);                /* true with probability p */
int gen_rng_weighted(gen_rng *r, const double *weights, int n); /* index drawn by weight */
uint64_t gen_hash(uint64_t a, uint64_t b);                /* stateless mix of two values */

/* A bijection of [0, modulus) keyed by a seed (a 4-round Feistel network with cycle
 * walking): turns a counter into an id that looks random but can never repeat
 * (record locators, ticket, document and phone numbers). */
typedef struct gen_permutation {
    uint64_t modulus;
    int half_bits;
    uint64_t keys[4];
} gen_permutation;

void gen_permutation_init(gen_permutation *p, uint64_t modulus, uint64_t seed);
uint64_t gen_permutation_apply(const gen_permutation *p, uint64_t value);

/* ---- dates and numbers as text ------------------------------------------------ */
char *gen_put_uint(char *out, uint64_t value);              /* returns the end */
char *gen_put_uint_padded(char *out, uint64_t value, int width);
char *gen_put_date(char *out, int64_t days);                /* YYYY-MM-DD */
char *gen_put_datetime(char *out, int64_t seconds);         /* YYYY-MM-DDTHH:MM:SSZ */

/* ---- one output row -------------------------------------------------------------
 * A row holds each field's value as text in a fixed buffer that is reset per record,
 * so writing a record never allocates. The type decides how NDJSON renders the text
 * (quoted, bare number, boolean or array); CSV writes the text as it is. An empty
 * value is a missing field: an empty CSV cell, an absent NDJSON key. List items are
 * stored joined by '|', which no generated item contains. */
typedef enum {
    GEN_STRING, GEN_INTEGER, GEN_NUMBER, GEN_BOOLEAN, GEN_DATE, GEN_DATETIME, GEN_LIST
} gen_type;

typedef struct gen_field {
    const char *name;
    gen_type type;
} gen_field;

#define GEN_MAX_FIELDS 48
#define GEN_ROW_TEXT 4096
#define GEN_ROW_SLACK 64

typedef struct gen_row {
    const gen_field *fields;
    int count;
    uint16_t start[GEN_MAX_FIELDS];
    uint16_t length[GEN_MAX_FIELDS];
    size_t used;
    char text[GEN_ROW_TEXT + GEN_ROW_SLACK];
} gen_row;

void gen_row_init(gen_row *row, const gen_field *fields, int count);
void gen_row_clear(gen_row *row);
void gen_row_set(gen_row *row, int index, const char *text);            /* NULL or "" = missing */
void gen_row_set_len(gen_row *row, int index, const char *text, size_t length);
void gen_row_set_int(gen_row *row, int index, int64_t value);
void gen_row_set_fixed(gen_row *row, int index, int64_t scaled, int decimals); /* 12345,2 -> 123.45 */
void gen_row_set_bool(gen_row *row, int index, bool value);
void gen_row_set_date(gen_row *row, int index, int64_t days);
void gen_row_set_datetime(gen_row *row, int index, int64_t seconds);
void gen_row_list_add(gen_row *row, int index, const char *item);       /* appends one list item */

/* ---- buffered output -------------------------------------------------------------
 * Large fwrite()s from one buffer allocated once per run. The first write error is
 * kept (errno) and later writes are skipped, so the caller checks once at the end. */
typedef struct gen_out {
    FILE *fp;
    struct gen_edifact *edifact; /* the EDIFACT writer's rows not written yet (gen_edifact.c) */
    char *buffer;
    size_t used, capacity;
    int error;            /* errno of the first failed write, 0 when none */
} gen_out;

int gen_out_open(gen_out *out, FILE *fp);    /* 0 (a refused buffer ends vigie: xalloc.h) */
void gen_out_write(gen_out *out, const char *data, size_t length);
void gen_out_puts(gen_out *out, const char *text);
int gen_out_flush(gen_out *out);             /* 0, or the errno of the first failure */
void gen_out_close(gen_out *out);            /* frees the buffer; does not fclose fp */

typedef enum { GEN_CSV, GEN_NDJSON, GEN_PAXLST, GEN_PNRGOV } gen_format;

void gen_write_header(gen_out *out, const gen_row *row, gen_format format);  /* CSV only */
void gen_write_row(gen_out *out, const gen_row *row, gen_format format);
void gen_write_csv_cell(gen_out *out, const char *text, size_t length);

/* EDIFACT (travellers only, gen_edifact.c): gen_write_row hands each row to
 * gen_edifact_row, which keeps the rows of the current booking (PNRGOV, one message per
 * booking) or of the flights (PAXLST, one message per flight; past 100,000 rows held,
 * the held flights are written and a flight may go on in a later message);
 * gen_edifact_finish writes what is held and closes the interchange. The rows are
 * the traveller generator's, read by their TF_* indexes. */
void gen_edifact_row(gen_out *out, const gen_row *row, gen_format format);
void gen_edifact_finish(gen_out *out);

/* ---- ground truth ---------------------------------------------------------------- */
typedef enum { GEN_BACKGROUND, GEN_PLANTED, GEN_LOOKALIKE } gen_label;

const char *gen_label_name(gen_label label);
/* Writes "key,pattern,label\n" when truth is not NULL. */
void gen_truth_row(gen_out *truth, const char *key, const char *pattern, gen_label label);

/* ---- a generation run ---------------------------------------------------------- */
typedef struct gen_options {
    uint64_t count;        /* records to write */
    uint64_t seed;
    gen_format format;
    double plant_rate;     /* share of units (PNRs, shipments) carrying a planted pattern */
    double lookalike_rate; /* share of units built as innocent look-alikes */
} gen_options;

/* Pattern counts, reported on stderr by cmd_gen and checked by the unit test. */
#define GEN_MAX_PATTERNS 16
typedef struct gen_stats {
    uint64_t records;
    uint64_t units;                       /* PNRs or shipments */
    int pattern_count;
    const char *pattern_name[GEN_MAX_PATTERNS];
    gen_label pattern_label[GEN_MAX_PATTERNS];
    uint64_t pattern_records[GEN_MAX_PATTERNS];
    uint64_t pattern_units[GEN_MAX_PATTERNS];
} gen_stats;

/* Each writes opt->count records (and their truth rows when truth is not NULL). */
void gen_travellers(const gen_options *opt, gen_out *data, gen_out *truth, gen_stats *stats);
void gen_shipments(const gen_options *opt, gen_out *data, gen_out *truth, gen_stats *stats);

/* The fields each generator writes, in schema order (the unit test compares them
 * with the YAML schemas in scenarios/schemas/). */
extern const gen_field gen_traveller_fields[];
extern const int gen_traveller_field_count;
extern const gen_field gen_shipment_fields[];
extern const int gen_shipment_field_count;

/* The index of each traveller field in gen_traveller_fields (and in its rows): the
 * fields of scenarios/schemas/traveller.yaml, in order (never the derived ones: the
 * engine computes age, lead time, trip length and leg count itself). The EDIFACT
 * writer reads the rows by these too. */
enum {
    TF_PASSENGER_ID, TF_RECORD_LOCATOR, TF_SURNAME, TF_GIVEN_NAMES, TF_DATE_OF_BIRTH, TF_SEX,
    TF_NATIONALITY, TF_COUNTRY_OF_BIRTH, TF_DOCUMENT_TYPE, TF_DOCUMENT_NUMBER,
    TF_DOCUMENT_ISSUING_STATE, TF_DOCUMENT_EXPIRY, TF_CARRIER, TF_FLIGHT_NUMBER, TF_DEPARTURE,
    TF_ARRIVAL, TF_ORIGIN, TF_DESTINATION, TF_ITINERARY, TF_BOOKING_DATE, TF_ONE_WAY,
    TF_FORM_OF_PAYMENT, TF_PAYER_SURNAME, TF_PAYER_GIVEN_NAMES, TF_TRAVEL_AGENCY, TF_CONTACT_PHONE,
    TF_CONTACT_EMAIL, TF_CARD_FINGERPRINT, TF_FREQUENT_FLYER, TF_BAGGAGE_COUNT, TF_PARTY_SIZE, TF_UNACCOMPANIED_MINOR,
    TF_CHECKIN_STATUS, TF_SEAT, TF_TICKET_NUMBER, TF_MEAL_REQUEST, TF_MEDICAL_REQUEST, TF_COUNT
};

/* ---- reference data (gen_data.c) ------------------------------------------------- */

/* Naming traditions; a person's names are drawn from one of them. */
typedef enum {
    CULTURE_ANGLO, CULTURE_FRENCH, CULTURE_HISPANIC, CULTURE_PORTUGUESE, CULTURE_GERMANIC,
    CULTURE_ITALIAN, CULTURE_SLAVIC, CULTURE_ROMANIAN, CULTURE_GREEK, CULTURE_TURKISH,
    CULTURE_ARABIC, CULTURE_PERSIAN, CULTURE_SOUTH_ASIAN, CULTURE_CHINESE, CULTURE_KOREAN,
    CULTURE_JAPANESE, CULTURE_VIETNAMESE, CULTURE_FILIPINO, CULTURE_THAI,
    CULTURE_INDONESIAN, CULTURE_WEST_AFRICAN, CULTURE_EAST_AFRICAN, CULTURE_CARIBBEAN,
    CULTURE_GEORGIAN, CULTURE_COUNT
} gen_culture;

typedef struct gen_names {
    const char *const *surnames;
    int surname_count;
    const char *const *female;
    int female_count;
    const char *const *male;
    int male_count;
} gen_names;

extern const gen_names gen_names_by_culture[CULTURE_COUNT];

/* World regions used to route flights and ships. */
typedef enum {
    REGION_CANADA, REGION_US, REGION_EUROPE, REGION_EAST_EUROPE, REGION_MIDDLE_EAST,
    REGION_SOUTH_ASIA, REGION_EAST_ASIA, REGION_SOUTHEAST_ASIA, REGION_WEST_AFRICA,
    REGION_EAST_AFRICA, REGION_NORTH_AFRICA, REGION_LATIN_AMERICA, REGION_CARIBBEAN,
    REGION_OCEANIA, REGION_COUNT
} gen_region;

typedef struct gen_country {
    const char *alpha2, *alpha3, *name;
    gen_region region;
    gen_culture culture;
    const char *dial;           /* calling code without '+' */
    const char *legal_suffix;   /* company form appended to invented names */
    const char *cities;         /* '|'-separated cities used for company names and stuffing */
} gen_country;

extern const gen_country gen_countries[];
extern const int gen_country_count;
const gen_country *gen_country_by_alpha2(const char *alpha2);   /* NULL when unknown */
const gen_country *gen_country_by_alpha3(const char *alpha3);

/* Airports: real IATA codes. canada_direct has bit 0..3 set for a nonstop to
 * YYZ, YUL, YVR, YYC (scheduled service, as of 2024, approximately). */
enum { DIRECT_YYZ = 1, DIRECT_YUL = 2, DIRECT_YVR = 4, DIRECT_YYC = 8 };

typedef struct gen_airport {
    const char *iata;
    const char *country;        /* ISO alpha-2 */
    double latitude, longitude;
    const char *carrier;        /* home carrier, IATA code */
    int canada_direct;
    double weight;              /* relative traffic into Canada */
    const char *hubs;           /* space-separated connection hubs used from here, "" = region default */
} gen_airport;

extern const gen_airport gen_airports[];
extern const int gen_airport_count;
int gen_airport_index(const char *iata);                        /* -1 when unknown */

typedef struct gen_carrier {
    const char *iata, *name, *ticket_prefix;   /* prefix = IATA airline accounting code */
} gen_carrier;

extern const gen_carrier gen_carriers[];
extern const int gen_carrier_count;
const gen_carrier *gen_carrier_by_iata(const char *iata);

/* Ports: real UN/LOCODEs. */
typedef struct gen_port {
    const char *locode, *city;
    gen_region region;
    bool hub;                   /* a transshipment hub */
} gen_port;

extern const gen_port gen_ports[];
extern const int gen_port_count;
int gen_port_index(const char *locode);

/* Goods: real HS subheadings with a plausible value and load per container.
 * dol lists the origins (alpha-2, space-separated) for which the US DoL's List of
 * Goods Produced by Child Labor or Forced Labor (2024) names this good; which entries
 * public reports confirm and which rest on memory: docs/generator.md. */
enum {
    UFLPA_NONE = 0, UFLPA_APPAREL, UFLPA_COTTON, UFLPA_POLYSILICON, UFLPA_TOMATOES,
    UFLPA_ALUMINIUM, UFLPA_PVC, UFLPA_SEAFOOD, UFLPA_STEEL, UFLPA_COPPER, UFLPA_LITHIUM,
    UFLPA_CAUSTIC_SODA, UFLPA_RED_DATES
};

typedef struct gen_good {
    const char *hs, *description;
    double value_low, value_high;   /* declared value per kg, USD */
    double fill_low, fill_high;     /* kg per container */
    double kg_per_package;
    int uflpa_sector;               /* UFLPA_*: a UFLPA high-priority sector */
    double weight;                  /* relative share of trade */
    const char *producers;          /* usual origins, alpha-2 */
    const char *dol;                /* origins listed by the DoL for this good */
} gen_good;

extern const gen_good gen_goods[];
extern const int gen_good_count;
bool gen_code_in(const char *codes, const char *code);   /* code in a space-separated list */
int gen_code_count(const char *codes);
void gen_code_at(const char *codes, int n, char *out, size_t size);

typedef struct gen_ocean_carrier {
    const char *scac, *name, *vessel_prefix, *container_owner;
} gen_ocean_carrier;

extern const gen_ocean_carrier gen_ocean_carriers[];
extern const int gen_ocean_carrier_count;
extern const char *const gen_vessel_names[];
extern const int gen_vessel_name_count;

/* Parts of invented company names. */
extern const char *const gen_company_words[];
extern const int gen_company_word_count;
extern const char *const gen_company_trades[];
extern const int gen_company_trade_count;
extern const char *const gen_xinjiang_cities[];
extern const int gen_xinjiang_city_count;
extern const char *const gen_vague_descriptions[];
extern const int gen_vague_description_count;

/* Listed entities (UFLPA Entity List) and the spellings manifests use for them. */
typedef struct gen_entity {
    const char *name;          /* as the list writes it, legal form included */
    const char *hs;            /* a heading of gen_goods of its sector */
    const char *place;         /* leading place kept by a near-miss look-alike; "" none */
    const char *distinctive;   /* the word a near-miss look-alike replaces */
    const char *variants;      /* '|'-separated other spellings, without the legal form */
} gen_entity;

extern const gen_entity gen_listed_entities[];
extern const int gen_listed_entity_count;

/* Person and contact builders shared by the generators. */
void gen_name(gen_rng *r, gen_culture culture, char sex, char *surname, size_t surname_size,
              char *given, size_t given_size);
/* An obviously synthetic phone: +CC-555-01NN-NNNNNNN, unique per id below 10^9. */
void gen_phone(char *out, size_t size, const gen_country *country, uint64_t unique);
/* given.surname.NNN@example.{com,org,net}, unique per id. */
void gen_email(char *out, size_t size, const char *given, const char *surname, uint64_t unique);
/* An invented company name from (country, index): the same pair always gives the same name. */
void gen_company(char *out, size_t size, const gen_country *country, uint64_t seed,
                 uint64_t index, const char *trade);

#endif
