/* gen_shipment.c - synthetic ocean shipments (bills of lading): background trade, planted forced-labour proxies, innocent look-alikes. */
#include "gen.h"

#include <math.h>
#include <string.h>

/* ==== the record ==================================================================
 * The fields of scenarios/schemas/shipment.yaml, in order (never the derived ones). */
enum {
    F_SHIPMENT_ID, F_SHIPPER_NAME, F_SHIPPER_COUNTRY, F_CONSIGNEE_NAME, F_CONSIGNEE_COUNTRY,
    F_NOTIFY_PARTY, F_IMPORTER_NAME, F_MANUFACTURER_NAME, F_MANUFACTURER_COUNTRY, F_COUNTRY_OF_ORIGIN,
    F_PORT_OF_LOADING, F_TRANSSHIPMENT_PORTS, F_PORT_OF_DISCHARGE, F_HS_CODE,
    F_GOODS_DESCRIPTION, F_DECLARED_VALUE, F_CURRENCY, F_GROSS_WEIGHT_KG, F_PACKAGES,
    F_CONTAINERS, F_STUFFING_LOCATION, F_CONSOLIDATOR, F_CARRIER, F_VESSEL,
    F_DEPARTURE_DATE, F_ARRIVAL_DATE, F_COUNT
};

const gen_field gen_shipment_fields[] = {
    { "shipment_id", GEN_STRING },        { "shipper_name", GEN_STRING },
    { "shipper_country", GEN_STRING },    { "consignee_name", GEN_STRING },
    { "consignee_country", GEN_STRING },  { "notify_party", GEN_STRING },
    { "importer_name", GEN_STRING },
    { "manufacturer_name", GEN_STRING },  { "manufacturer_country", GEN_STRING },
    { "country_of_origin", GEN_STRING },  { "port_of_loading", GEN_STRING },
    { "transshipment_ports", GEN_LIST },  { "port_of_discharge", GEN_STRING },
    { "hs_code", GEN_STRING },            { "goods_description", GEN_STRING },
    { "declared_value", GEN_NUMBER },     { "currency", GEN_STRING },
    { "gross_weight_kg", GEN_NUMBER },    { "packages", GEN_INTEGER },
    { "containers", GEN_LIST },           { "stuffing_location", GEN_STRING },
    { "consolidator", GEN_STRING },       { "carrier", GEN_STRING },
    { "vessel", GEN_STRING },             { "departure_date", GEN_DATE },
    { "arrival_date", GEN_DATE },
};
const int gen_shipment_field_count = F_COUNT;
_Static_assert(sizeof gen_shipment_fields / sizeof gen_shipment_fields[0] == F_COUNT,
               "one entry per shipment field");

/* ==== patterns ==================================================================== */

enum {
    P_BACKGROUND,
    P_DOL_LISTED_GOOD, P_UFLPA_TRANSSHIPPED, P_VAGUE_DESCRIPTION, P_UNDERVALUED, P_FRONT_COMPANY,
    P_LISTED_ENTITY_VARIANT, P_NEW_SHIPPER_RISK_SECTOR,
    P_LOOKALIKE_LAWFUL_ORIGIN, P_LOOKALIKE_TRANSSHIPMENT, P_LOOKALIKE_SIMILAR_ENTITY, P_LOOKALIKE_NEW_EXPORTER,
    P_COUNT
};

static const struct {
    const char *name;
    gen_label label;
    double share;   /* part of all planted (or all look-alike) shipments */
} patterns[P_COUNT] = {
    [P_BACKGROUND] = { "none", GEN_BACKGROUND, 0 },
    [P_DOL_LISTED_GOOD] = { "dol_listed_good", GEN_PLANTED, 0.25 },
    [P_UFLPA_TRANSSHIPPED] = { "uflpa_sector_transshipped", GEN_PLANTED, 0.17 },
    [P_VAGUE_DESCRIPTION] = { "vague_description", GEN_PLANTED, 0.15 },
    [P_UNDERVALUED] = { "undervalued", GEN_PLANTED, 0.13 },
    [P_FRONT_COMPANY] = { "front_company", GEN_PLANTED, 0.12 },
    [P_LISTED_ENTITY_VARIANT] = { "listed_entity_variant", GEN_PLANTED, 0.10 },
    [P_NEW_SHIPPER_RISK_SECTOR] = { "new_shipper_risk_sector", GEN_PLANTED, 0.08 },
    [P_LOOKALIKE_LAWFUL_ORIGIN] = { "lookalike_lawful_listed_origin", GEN_LOOKALIKE, 0.35 },
    [P_LOOKALIKE_TRANSSHIPMENT] = { "lookalike_transshipment", GEN_LOOKALIKE, 0.35 },
    [P_LOOKALIKE_SIMILAR_ENTITY] = { "lookalike_similar_entity_name", GEN_LOOKALIKE, 0.15 },
    [P_LOOKALIKE_NEW_EXPORTER] = { "lookalike_new_exporter", GEN_LOOKALIKE, 0.15 },
};

/* ==== working state =============================================================== */

#define MAX_COUNTRIES 160
#define MAX_GOODS 96
#define MAX_COUNTRY_PORTS 10
#define MAX_PRODUCERS 16
#define MAX_PORTS 512

typedef struct shipment {
    int pattern;
    int good;
    int origin, shipper_country, manufacturer_country, consignee_country;
    char shipper[128], consignee[128], notify[128], importer[128], manufacturer[128], consolidator[128];
    int loading, discharge;
    int transshipment[2], transshipment_count;
    const char *description;
    double value_factor;          /* declared value per kg as a share of the good's usual range */
    bool undervalued;
    char stuffing[64];
    bool stuffed_at_origin;
    const char *maker_city;       /* the factory's city when it matters (Xinjiang), else NULL */
} shipment;

typedef struct sh_ctx {
    const gen_options *opt;
    gen_rng rng;
    gen_permutation bills;
    uint64_t serial;
    uint64_t front_serial[MAX_COUNTRIES];   /* front companies named so far, per country */
    uint64_t new_serial;                    /* new shippers named so far */
    gen_permutation new_names;              /* their name words */
    int64_t first_day;
    int canada, us, china;
    int ports[MAX_COUNTRIES][MAX_COUNTRY_PORTS], port_count[MAX_COUNTRIES];
    int port_country[MAX_PORTS];                    /* country of each port */
    int hubs[REGION_COUNT][8], hub_count[REGION_COUNT];   /* transshipment hubs by region */
    int fallback_hub;
    int producers[MAX_GOODS][MAX_PRODUCERS], producer_count[MAX_GOODS];
    bool listed[MAX_GOODS][MAX_COUNTRIES];          /* DoL good x country */
    bool listed_country[MAX_COUNTRIES];             /* any DoL entry, or China */
    double good_weight[MAX_GOODS], dol_weight[MAX_GOODS], uflpa_weight[MAX_GOODS];
    int discharge[5];
    gen_out *data, *truth;
    gen_stats *stats;
    gen_row row;
} sh_ctx;

/* Landlocked producers ship through a neighbour's port; Iran's trade to Canada moves
 * through Jebel Ali. */
static const struct {
    const char *country, *ports;
} inland[] = {
    { "BF", "CIABJ GHTEM TGLFW" }, { "ML", "SNDKR CIABJ" }, { "NP", "INCCU" }, { "AF", "PKKHI" },
    { "TJ", "GEPTI LVRIX" }, { "TM", "GEPTI" }, { "KG", "GEPTI LVRIX" }, { "KZ", "GEPTI LVRIX" },
    { "UZ", "GEPTI LVRIX" }, { "UG", "KEMBA" }, { "MW", "MZBEW TZDAR" }, { "ZM", "TZDAR ZADUR" },
    { "ET", "DJJIB" }, { "BO", "CLARI PECLL" }, { "CH", "DEHAM NLRTM ITGOA" }, { "AT", "DEHAM ITGOA" },
    { "HU", "DEHAM PLGDN" }, { "MD", "ROCND" }, { "IR", "AEJEA" }, { "QA", "AEJEA" },
};

static const char *const transshipment_hubs[REGION_COUNT] = {
    [REGION_EAST_ASIA] = "KRPUS HKHKG TWKHH SGSIN CNSHA",
    [REGION_SOUTHEAST_ASIA] = "SGSIN MYTPP MYPKG HKHKG KRPUS",
    [REGION_SOUTH_ASIA] = "LKCMB SGSIN AEJEA MYPKG",
    [REGION_MIDDLE_EAST] = "AEJEA OMSLL SAJED",
    [REGION_EUROPE] = "NLRTM BEANR DEHAM ESALG PTSIE GRPIR",
    [REGION_EAST_EUROPE] = "DEHAM NLRTM GRPIR",
    [REGION_NORTH_AFRICA] = "MAPTM ESALG EGPSD",
    [REGION_WEST_AFRICA] = "TGLFW MAPTM ESALG ESVLC",
    [REGION_EAST_AFRICA] = "DJJIB OMSLL ZADUR AEJEA",
    [REGION_LATIN_AMERICA] = "PAMIT PABLB COCTG JMKIN",
    [REGION_CARIBBEAN] = "JMKIN BSFPO PAMIT",
    [REGION_OCEANIA] = "SGSIN KRPUS",
    [REGION_US] = "",
    [REGION_CANADA] = "",
};

/* Third countries used to launder a Chinese origin (UFLPA enforcement cases name these
 * routings) and transit countries where re-exporting front companies register. */
static const char *const uflpa_third_countries = "VN MY TH KR ID KH";
static const char *const front_countries = "AE TR SG MY HK PA";
static const char *const leasing_owners[] = { "TGHU", "TCNU", "SEGU", "TRHU", "CAIU", "FSCU", "BMOU", "GESU" };

/* ==== helpers ====================================================================== */

static int country_index(const char *alpha2)
{
    const gen_country *country = gen_country_by_alpha2(alpha2);
    return country ? (int)(country - gen_countries) : -1;
}

static int port_country(const sh_ctx *c, int port)
{
    return c->port_country[port];
}

static int skewed(gen_rng *r, int n)
{
    /* Few large shippers and importers, many small ones. */
    double u = gen_rng_unit(r);
    return (int)(u * u * n);
}

static int pick_code_country(gen_rng *r, const char *codes)
{
    char code[8];
    gen_code_at(codes, (int)gen_rng_below(r, (uint32_t)gen_code_count(codes)), code, sizeof code);
    return country_index(code);
}

static int pick_port_code(gen_rng *r, const char *codes)
{
    char code[8];
    gen_code_at(codes, (int)gen_rng_below(r, (uint32_t)gen_code_count(codes)), code, sizeof code);
    return gen_port_index(code);
}

static const char *trade_of(const gen_good *good)
{
    int chapter = (good->hs[0] - '0') * 10 + (good->hs[1] - '0');
    if (!strncmp(good->hs, "8541", 4)) return "SOLAR";
    switch (chapter) {
    case 3: case 16: return "SEAFOOD";
    case 7: case 8: case 9: case 10: case 15: case 17: case 18: case 20: case 22: case 24: return "FOODS";
    case 25: case 26: return "MINERALS";
    case 28: return "CHEMICAL";
    case 30: return "PHARMA";
    case 39: return "PLASTICS";
    case 40: return "RUBBER";
    case 42: case 64: return "FOOTWEAR";
    case 44: case 94: return "FURNITURE";
    case 49: return "PRINTING";
    case 52: case 57: case 61: case 62: case 63: return "TEXTILE";
    case 69: return "CERAMICS";
    case 71: return "PRECIOUS METALS";
    case 72: case 73: case 74: case 76: return "METALS";
    case 84: return "MACHINERY";
    case 85: return "ELECTRONICS";
    case 87: return "AUTO PARTS";
    case 95: return "TOYS";
    default: return "INDUSTRIAL";
    }
}

static int loading_port(sh_ctx *c, int country)
{
    if (country >= 0 && c->port_count[country] > 0) {
        /* The first listed port of a country is its main one. */
        if (gen_rng_chance(&c->rng, 0.5)) return c->ports[country][0];
        return c->ports[country][gen_rng_below(&c->rng, (uint32_t)c->port_count[country])];
    }
    const char *alpha2 = country >= 0 ? gen_countries[country].alpha2 : "";
    for (size_t i = 0; i < sizeof inland / sizeof inland[0]; i++)
        if (!strcmp(inland[i].country, alpha2)) return pick_port_code(&c->rng, inland[i].ports);
    return gen_port_index("NLRTM");
}

/* A hub of the region of `port`, in another country than `avoid`. */
static int region_hub(sh_ctx *c, int port, int avoid_country, int avoid_port)
{
    gen_region region = gen_ports[port].region;
    if (!c->hub_count[region]) region = REGION_EUROPE;
    int count = c->hub_count[region];
    int start = (int)gen_rng_below(&c->rng, (uint32_t)count);
    for (int i = 0; i < count; i++) {
        int hub = c->hubs[region][(start + i) % count];
        if (hub != avoid_port && port_country(c, hub) != avoid_country) return hub;
    }
    return c->fallback_hub;
}

static void add_transshipments(sh_ctx *c, shipment *s, int count)
{
    int origin_country = port_country(c, s->loading);
    s->transshipment_count = 0;
    for (int i = 0; i < count && i < 2; i++) {
        int previous = i ? s->transshipment[0] : s->loading;
        int hub = region_hub(c, previous, origin_country, previous);
        if (i && hub == s->transshipment[0]) break;
        s->transshipment[s->transshipment_count++] = hub;
    }
}

static int ordinary_transshipment_count(sh_ctx *c)
{
    static const double weights[] = { 80, 17, 3 };
    return gen_rng_weighted(&c->rng, weights, 3);
}

static int pick_good(sh_ctx *c, const double *weights)
{
    return gen_rng_weighted(&c->rng, weights, gen_good_count);
}

/* An origin that produces the good and is not on the DoL list for it; -1 when none. */
static int unlisted_producer(sh_ctx *c, int good)
{
    int candidates[MAX_PRODUCERS], n = 0;
    for (int i = 0; i < c->producer_count[good]; i++) {
        int country = c->producers[good][i];
        if (!c->listed[good][country]) candidates[n++] = country;
    }
    return n ? candidates[gen_rng_below(&c->rng, (uint32_t)n)] : -1;
}

static bool uflpa_china(const sh_ctx *c, int good, int origin)
{
    return gen_goods[good].uflpa_sector != UFLPA_NONE && origin == c->china;
}

static void company(sh_ctx *c, char *out, size_t size, int country, uint64_t index, const char *trade)
{
    gen_company(out, size, &gen_countries[country], c->opt->seed, index, trade);
}

/* Generic trades that shippers anywhere use, the real front companies included. */
static const char *const generic_trades[] = {
    "GENERAL TRADING", "IMPEX", "INTERNATIONAL", "ENTERPRISES", "HOLDINGS", "COMMODITIES",
    "GLOBAL SUPPLY", "IMPORT EXPORT",
};

#define POOL_SHIPPERS 40          /* recurring shippers per country: index 0..39 */
#define POOL_MANUFACTURERS 100    /* recurring manufacturers: index 100..159 */
#define FIRST_FRONT 300           /* front companies: one name pair each from here on */

/* Names of the shippers and manufacturers of one country: a seeded bijection from
 * the index to a pair of name parts (a word or a city, then a word), so that two
 * indexes never give the same pair. Pool companies take small indexes; each front
 * company takes a fresh one, so its name is new to the whole manifest (until
 * about 36,000 front companies per country). */
static void party_name(sh_ctx *c, char *out, size_t size, int country, uint64_t index, const char *trade)
{
    const gen_country *where = &gen_countries[country];
    const char *cities[16];
    int city_count = 0;
    for (const char *p = where->cities; *p && city_count < 16;) {
        cities[city_count++] = p;
        const char *bar = strchr(p, '|');
        if (!bar) break;
        p = bar + 1;
    }
    uint64_t firsts = (uint64_t)(gen_company_word_count + city_count), seconds = (uint64_t)gen_company_word_count;
    gen_permutation pairs;
    gen_permutation_init(&pairs, firsts * seconds, gen_hash(c->opt->seed, 0x9a1 + (uint64_t)country));
    uint64_t pair = gen_permutation_apply(&pairs, index);
    uint64_t first = pair / seconds, second = pair % seconds;
    char head[48];
    if (first < (uint64_t)gen_company_word_count) {
        snprintf(head, sizeof head, "%s", gen_company_words[first]);
    } else {
        const char *city = cities[first - (uint64_t)gen_company_word_count];
        const char *bar = strchr(city, '|');
        int length = bar ? (int)(bar - city) : (int)strlen(city);
        snprintf(head, sizeof head, "%.*s", length, city);
    }
    const char *suffix = where->legal_suffix;
    size_t suffix_length = strlen(suffix);
    bool prefix_form = suffix_length && suffix[suffix_length - 1] == ' ';   /* "PT " */
    snprintf(out, size, "%s%s %s %s%s%s", prefix_form ? suffix : "", head, gen_company_words[second], trade,
             prefix_form ? "" : " ", prefix_form ? "" : suffix);
}

static void pool_shipper(sh_ctx *c, char *out, size_t size, int country, const char *trade)
{
    if (gen_rng_chance(&c->rng, 0.2)) trade = generic_trades[gen_rng_below(&c->rng, 8)];
    party_name(c, out, size, country, (uint64_t)skewed(&c->rng, POOL_SHIPPERS), trade);
}

/* The parts every shipment has: parties of the origin country from recurring pools, a
 * Canadian consignee, loading at an origin port. Patterns change parts afterwards. */
static void start(sh_ctx *c, shipment *s, int pattern, int good, int origin)
{
    memset(s, 0, sizeof *s);
    s->pattern = pattern;
    s->good = good;
    s->origin = origin;
    const char *trade = trade_of(&gen_goods[good]);
    s->shipper_country = origin;
    s->manufacturer_country = origin;
    pool_shipper(c, s->shipper, sizeof s->shipper, origin, trade);
    if (gen_rng_chance(&c->rng, 0.45)) snprintf(s->manufacturer, sizeof s->manufacturer, "%s", s->shipper);
    else party_name(c, s->manufacturer, sizeof s->manufacturer, origin, POOL_MANUFACTURERS + (uint64_t)skewed(&c->rng, 60), trade);
    s->consignee_country = gen_rng_chance(&c->rng, 0.94) ? c->canada : c->us;
    company(c, s->consignee, sizeof s->consignee, s->consignee_country, 2000 + (uint64_t)skewed(&c->rng, 500), NULL);
    if (gen_rng_chance(&c->rng, 0.8) && s->consignee_country == c->canada)
        snprintf(s->importer, sizeof s->importer, "%s", s->consignee);
    else
        company(c, s->importer, sizeof s->importer, c->canada, 2000 + (uint64_t)skewed(&c->rng, 500), NULL);
    /* The party the carrier notifies on arrival: the consignee, or its customs broker
     * (a few dozen in the country), or none given. */
    double notify = gen_rng_unit(&c->rng);
    if (notify < 0.55) snprintf(s->notify, sizeof s->notify, "%s", s->consignee);
    else if (notify < 0.85) company(c, s->notify, sizeof s->notify, c->canada, 4000 + (uint64_t)skewed(&c->rng, 40), "CUSTOMS BROKERS");
    s->loading = loading_port(c, origin);
    s->description = gen_goods[good].description;
    s->value_factor = gen_rng_unit(&c->rng);
    s->stuffed_at_origin = true;
}

/* ==== output ======================================================================= */

static int container_check_digit(const char *owner_and_serial)
{
    /* ISO 6346: letters count 10..38 skipping multiples of 11, positions weigh 2^i. */
    static const int letter_values[26] = { 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24,
                                           25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38 };
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        char ch = owner_and_serial[i];
        int v = ch >= 'A' && ch <= 'Z' ? letter_values[ch - 'A'] : ch - '0';
        sum += v << i;
    }
    return sum % 11 % 10;
}

static void pick_discharge(sh_ctx *c, shipment *s)
{
    /* Vancouver, Prince Rupert, Montreal, Halifax, Saint John by the side of the world
     * the cargo comes from. */
    static const double asia[] = { 55, 30, 8, 7, 0 }, south[] = { 30, 10, 35, 25, 0 };
    static const double atlantic[] = { 5, 0, 55, 35, 5 }, americas[] = { 35, 0, 35, 30, 0 };
    const double *weights;
    switch (gen_ports[s->loading].region) {
    case REGION_EAST_ASIA: case REGION_SOUTHEAST_ASIA: case REGION_OCEANIA: weights = asia; break;
    case REGION_SOUTH_ASIA: case REGION_MIDDLE_EAST: weights = south; break;
    case REGION_LATIN_AMERICA: case REGION_CARIBBEAN: case REGION_US: weights = americas; break;
    default: weights = atlantic;
    }
    s->discharge = c->discharge[gen_rng_weighted(&c->rng, weights, 5)];
}

static int transit_days(sh_ctx *c, const shipment *s)
{
    bool west = s->discharge == c->discharge[0] || s->discharge == c->discharge[1];
    int low, high;
    switch (gen_ports[s->loading].region) {
    case REGION_EAST_ASIA: case REGION_SOUTHEAST_ASIA: low = west ? 12 : 30; high = west ? 20 : 38; break;
    case REGION_OCEANIA: low = west ? 18 : 32; high = west ? 24 : 40; break;
    case REGION_SOUTH_ASIA: low = west ? 22 : 24; high = west ? 28 : 32; break;
    case REGION_MIDDLE_EAST: case REGION_EAST_AFRICA: low = west ? 28 : 20; high = west ? 36 : 28; break;
    case REGION_WEST_AFRICA: low = west ? 32 : 14; high = west ? 40 : 22; break;
    case REGION_LATIN_AMERICA: case REGION_CARIBBEAN: low = west ? 10 : 8; high = west ? 18 : 16; break;
    case REGION_US: low = 4; high = 8; break;
    default: low = west ? 28 : 8; high = west ? 35 : 14;
    }
    int days = gen_rng_range(&c->rng, low, high);
    for (int i = 0; i < s->transshipment_count; i++) days += gen_rng_range(&c->rng, 3, 8);
    return days;
}

static void emit(sh_ctx *c, shipment *s)
{
    const gen_good *good = &gen_goods[s->good];
    gen_row *row = &c->row;
    gen_rng *r = &c->rng;
    gen_row_clear(row);
    if (!s->discharge) pick_discharge(c, s);

    const gen_ocean_carrier *carrier = &gen_ocean_carriers[gen_rng_below(r, (uint32_t)gen_ocean_carrier_count)];
    char text[160];
    memcpy(text, carrier->scac, 4);
    gen_put_uint_padded(text + 4, gen_permutation_apply(&c->bills, c->serial++), 10);
    char key[16];
    memcpy(key, text, 14);
    key[14] = '\0';
    gen_row_set(row, F_SHIPMENT_ID, key);
    gen_row_set(row, F_SHIPPER_NAME, s->shipper);
    gen_row_set(row, F_SHIPPER_COUNTRY, gen_countries[s->shipper_country].alpha2);
    gen_row_set(row, F_CONSIGNEE_NAME, s->consignee);
    gen_row_set(row, F_CONSIGNEE_COUNTRY, gen_countries[s->consignee_country].alpha2);
    gen_row_set(row, F_NOTIFY_PARTY, s->notify);
    gen_row_set(row, F_IMPORTER_NAME, s->importer);
    gen_row_set(row, F_MANUFACTURER_NAME, s->manufacturer);
    gen_row_set(row, F_MANUFACTURER_COUNTRY, gen_countries[s->manufacturer_country].alpha2);
    gen_row_set(row, F_COUNTRY_OF_ORIGIN, gen_countries[s->origin].alpha2);
    gen_row_set(row, F_PORT_OF_LOADING, gen_ports[s->loading].locode);
    for (int i = 0; i < s->transshipment_count; i++)
        gen_row_list_add(row, F_TRANSSHIPMENT_PORTS, gen_ports[s->transshipment[i]].locode);
    gen_row_set(row, F_PORT_OF_DISCHARGE, gen_ports[s->discharge].locode);
    gen_row_set(row, F_HS_CODE, good->hs);
    gen_row_set(row, F_GOODS_DESCRIPTION, s->description);

    /* Quantities: full containers, or a small consolidated (LCL) lot; gold travels in
     * a few kilograms. */
    int containers;
    double weight;
    bool consolidated = false;
    if (good->fill_high < 100) {
        containers = 1;
        weight = good->fill_low + gen_rng_unit(r) * (good->fill_high - good->fill_low);
    } else if (gen_rng_chance(r, 0.12)) {
        consolidated = true;
        containers = 1;
        weight = 300 + gen_rng_unit(r) * 4700;
    } else {
        static const double counts[] = { 50, 22, 10, 8, 7, 3 };
        static const int low[] = { 1, 2, 3, 4, 5, 9 }, high[] = { 1, 2, 3, 4, 8, 12 };
        int band = gen_rng_weighted(r, counts, 6);
        containers = gen_rng_range(r, low[band], high[band]);
        weight = 0;
        for (int i = 0; i < containers; i++)
            weight += good->fill_low + gen_rng_unit(r) * (good->fill_high - good->fill_low);
    }
    double per_kg = s->undervalued
                        ? good->value_low * (0.03 + 0.12 * s->value_factor)
                        : good->value_low + s->value_factor * (good->value_high - good->value_low);
    const char *currency = "USD";
    double rate = 1.0;
    if (gen_ports[s->loading].region == REGION_EUROPE && gen_rng_chance(r, 0.6)) currency = "EUR", rate = 0.92;
    else if (gen_rng_chance(r, 0.08)) currency = "CAD", rate = 1.36;
    gen_row_set_fixed(row, F_DECLARED_VALUE, (int64_t)llround(weight * per_kg * rate * 100), 2);
    gen_row_set(row, F_CURRENCY, currency);
    gen_row_set_fixed(row, F_GROSS_WEIGHT_KG, (int64_t)llround(weight * 10), 1);
    double packages = weight / good->kg_per_package * (0.85 + 0.3 * gen_rng_unit(r));
    gen_row_set_int(row, F_PACKAGES, packages < 1 ? 1 : (int64_t)llround(packages));

    for (int i = 0; i < containers; i++) {
        const char *owner = gen_rng_chance(r, 0.7) ? carrier->container_owner
                                                   : leasing_owners[gen_rng_below(r, 8)];
        char number[12];
        memcpy(number, owner, 4);
        gen_put_uint_padded(number + 4, gen_rng_below(r, 1000000), 6);
        number[10] = (char)('0' + container_check_digit(number));
        number[11] = '\0';
        gen_row_list_add(row, F_CONTAINERS, number);
    }

    /* Stuffed at the factory's city or at the loading port's. */
    const gen_country *stuffing_country = &gen_countries[s->stuffed_at_origin ? s->manufacturer_country : port_country(c, s->loading)];
    if (s->stuffed_at_origin && s->maker_city) {
        snprintf(text, sizeof text, "%s, %s", s->maker_city, stuffing_country->alpha2);
    } else if (s->stuffed_at_origin && gen_rng_chance(r, 0.6)) {
        const char *cities = stuffing_country->cities;
        int count = 1;
        for (const char *p = cities; *p; p++) count += *p == '|';
        int pick = (int)gen_rng_below(r, (uint32_t)count);
        const char *p = cities;
        for (int i = 0; i < pick; i++) p = strchr(p, '|') + 1;
        const char *end = strchr(p, '|');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(text, sizeof text, "%.*s, %s", length, p, stuffing_country->alpha2);
    } else {
        snprintf(text, sizeof text, "%s, %.2s", gen_ports[s->loading].city, gen_ports[s->loading].locode);
    }
    gen_row_set(row, F_STUFFING_LOCATION, text);
    if (consolidated || gen_rng_chance(r, 0.4)) {
        int loading_country = port_country(c, s->loading);
        company(c, s->consolidator, sizeof s->consolidator, loading_country >= 0 ? loading_country : s->origin,
                3000 + gen_rng_below(r, 12), "LOGISTICS");
        gen_row_set(row, F_CONSOLIDATOR, s->consolidator);
    }
    gen_row_set(row, F_CARRIER, carrier->scac);
    /* A carrier's vessel calls at a port once a week: shipments of that week share it. */
    int64_t departure = c->first_day + gen_rng_below(r, 365);
    uint64_t h = gen_hash((uint64_t)(carrier - gen_ocean_carriers) * 1000 + (uint64_t)s->loading, (uint64_t)(departure / 7));
    const char *name = gen_vessel_names[h % (uint64_t)gen_vessel_name_count];
    if (carrier->vessel_prefix[0]) snprintf(text, sizeof text, "%s%s", carrier->vessel_prefix, name);
    else snprintf(text, sizeof text, "%s EXPRESS", name);
    gen_row_set(row, F_VESSEL, text);
    gen_row_set_date(row, F_DEPARTURE_DATE, departure);
    gen_row_set_date(row, F_ARRIVAL_DATE, departure + transit_days(c, s));

    gen_write_row(c->data, row, c->opt->format);
    gen_truth_row(c->truth, key, patterns[s->pattern].name, patterns[s->pattern].label);
    c->stats->records++;
    c->stats->units++;
    c->stats->pattern_records[s->pattern]++;
    c->stats->pattern_units[s->pattern]++;
}

/* ==== background ==================================================================
 * Ordinary trade. Invariants that keep the ground truth honest: never a DoL-listed
 * good x origin pair; goods of a UFLPA sector from China are loaded in China and not
 * transshipped; the origin's own port (or a landlocked origin's usual neighbour port)
 * is the port of loading; specific descriptions; values within the good's usual
 * range; shippers and manufacturers from recurring pools. */

static void background_pick(sh_ctx *c, int *good, int *origin)
{
    /* Every good has an unlisted producer (the unit test checks the tables), so the
     * first draw almost always succeeds. */
    do {
        *good = pick_good(c, c->good_weight);
        *origin = unlisted_producer(c, *good);
    } while (*origin < 0);
}

static void background(sh_ctx *c)
{
    shipment s;
    int good, origin;
    background_pick(c, &good, &origin);
    start(c, &s, P_BACKGROUND, good, origin);
    if (!uflpa_china(c, good, origin)) add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

/* ==== planted patterns (forced-labour proxies) ===================================== */

/* A good x origin pair named on the DoL list. */
static void listed_pair(sh_ctx *c, int *good, int *origin)
{
    *good = pick_good(c, c->dol_weight);
    *origin = pick_code_country(&c->rng, gen_goods[*good].dol);
}

static void plant_dol_listed_good(sh_ctx *c)
{
    shipment s;
    int good, origin;
    listed_pair(c, &good, &origin);
    start(c, &s, P_DOL_LISTED_GOOD, good, origin);
    add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

static void plant_uflpa_transshipped(sh_ctx *c)
{
    shipment s;
    int good = pick_good(c, c->uflpa_weight);
    start(c, &s, P_UFLPA_TRANSSHIPPED, good, c->china);
    const char *trade = trade_of(&gen_goods[good]);
    if (gen_rng_chance(&c->rng, 0.35)) {
        /* Made in Xinjiang: the manufacturer carries the city's name, as many do. */
        s.maker_city = gen_xinjiang_cities[gen_rng_below(&c->rng, (uint32_t)gen_xinjiang_city_count)];
        snprintf(s.manufacturer, sizeof s.manufacturer, "%s %s %s %s", s.maker_city,
                 gen_company_words[gen_rng_below(&c->rng, (uint32_t)gen_company_word_count)], trade,
                 gen_countries[c->china].legal_suffix);
    }
    if (gen_rng_chance(&c->rng, 0.65)) {
        /* Chinese goods loaded in a third country, often by a shipper there. */
        int third = pick_code_country(&c->rng, uflpa_third_countries);
        s.loading = loading_port(c, third);
        if (gen_rng_chance(&c->rng, 0.6)) {
            s.shipper_country = third;
            pool_shipper(c, s.shipper, sizeof s.shipper, third, trade);
        }
        s.stuffed_at_origin = gen_rng_chance(&c->rng, 0.5);
        add_transshipments(c, &s, gen_rng_chance(&c->rng, 0.3) ? 1 : 0);
    } else {
        /* Loaded in China, transshipped through third countries, sold by an
         * intermediary in Hong Kong or Singapore. */
        add_transshipments(c, &s, gen_rng_chance(&c->rng, 0.6) ? 1 : 2);
        if (gen_rng_chance(&c->rng, 0.5)) {
            s.shipper_country = pick_code_country(&c->rng, "HK SG");
            pool_shipper(c, s.shipper, sizeof s.shipper, s.shipper_country, "TRADING");
        }
    }
    emit(c, &s);
}

static void plant_vague_description(sh_ctx *c)
{
    shipment s;
    int good, origin;
    background_pick(c, &good, &origin);
    start(c, &s, P_VAGUE_DESCRIPTION, good, origin);
    s.description = gen_vague_descriptions[gen_rng_below(&c->rng, (uint32_t)gen_vague_description_count)];
    if (!uflpa_china(c, good, origin)) add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

static void plant_undervalued(sh_ctx *c)
{
    shipment s;
    int good, origin;
    background_pick(c, &good, &origin);
    start(c, &s, P_UNDERVALUED, good, origin);
    s.undervalued = true;   /* 3 % to 15 % of the lowest usual value per kg */
    if (!uflpa_china(c, good, origin)) add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

static void plant_front_company(sh_ctx *c)
{
    shipment s;
    int good, origin;
    if (gen_rng_chance(&c->rng, 0.6)) listed_pair(c, &good, &origin);
    else good = pick_good(c, c->uflpa_weight), origin = c->china;
    start(c, &s, P_FRONT_COMPANY, good, origin);
    /* A shipper seen once, registered in a transit country, re-exporting the goods
     * from its own port. */
    int transit = pick_code_country(&c->rng, front_countries);
    s.shipper_country = transit;
    uint64_t serial = c->front_serial[transit]++;
    party_name(c, s.shipper, sizeof s.shipper, transit, FIRST_FRONT + serial / 8, generic_trades[serial % 8]);
    s.loading = loading_port(c, transit);
    s.stuffed_at_origin = gen_rng_chance(&c->rng, 0.5);
    add_transshipments(c, &s, gen_rng_chance(&c->rng, 0.3) ? 1 : 0);
    emit(c, &s);
}

/* ---- listed entities written another way ---------------------------------------- */

/* Replaces every occurrence of `from` in text (size bytes) by `to`. */
static void replace_all(char *text, size_t size, const char *from, const char *to)
{
    char result[256];
    size_t used = 0, from_length = strlen(from), to_length = strlen(to);
    const char *p = text;
    for (const char *hit; (hit = strstr(p, from)) != NULL; p = hit + from_length) {
        size_t head = (size_t)(hit - p);
        if (used + head + to_length >= sizeof result) break;
        memcpy(result + used, p, head);
        memcpy(result + used + head, to, to_length);
        used += head + to_length;
    }
    size_t rest = strlen(p);
    if (used + rest >= sizeof result) rest = sizeof result - used - 1;
    memcpy(result + used, p, rest);
    result[used + rest] = '\0';
    snprintf(text, size, "%s", result);
}

/* One of the ways manifests write a listed entity: another spelling of the name (a
 * romanization, the place moved, syllables split), abbreviated words, "&" for "AND",
 * another legal form ("CO.,LTD", "COMPANY LIMITED", none), punctuation dropped or
 * written full-width as Chinese documents do, mixed case. 10 % keep the listed form. */
static void entity_spelling(sh_ctx *c, const gen_entity *e, char *out, size_t size)
{
    gen_rng *r = &c->rng;
    char text[256];
    const char *form = strstr(e->name, " CO., LTD.");
    int stem_length = form ? (int)(form - e->name) : (int)strlen(e->name);
    if (gen_rng_chance(r, 0.1)) {
        snprintf(out, size, "%s", e->name);
        return;
    }
    if (gen_rng_chance(r, 0.6)) {
        int count = 1;
        for (const char *p = e->variants; *p; p++) count += *p == '|';
        int pick = (int)gen_rng_below(r, (uint32_t)count);
        const char *p = e->variants;
        for (int i = 0; i < pick; i++) p = strchr(p, '|') + 1;
        const char *end = strchr(p, '|');
        snprintf(text, sizeof text, "%.*s", end ? (int)(end - p) : (int)strlen(p), p);
    } else {
        snprintf(text, sizeof text, "%.*s", stem_length, e->name);
    }
    if (gen_rng_chance(r, 0.2)) {
        replace_all(text, sizeof text, "TECHNOLOGY", "TECH");
        replace_all(text, sizeof text, "INDUSTRIAL", "IND");
        replace_all(text, sizeof text, "INFORMATION", "INFO");
        replace_all(text, sizeof text, "DEVELOPMENT", "DEV");
    }
    if (gen_rng_chance(r, 0.4)) replace_all(text, sizeof text, " AND ", " & ");
    static const char *const forms[] = { " CO., LTD.", " CO.,LTD", " CO LTD", " COMPANY LIMITED", " CO., LIMITED",
                                         " LTD", " LIMITED", "" };
    static const double form_weights[] = { 25, 15, 15, 18, 8, 7, 6, 6 };
    if (form) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s", forms[gen_rng_weighted(r, form_weights, 8)]);
    }
    double u = gen_rng_unit(r);
    if (u < 0.2) {
        /* Punctuation dropped, as many systems strip it. */
        replace_all(text, sizeof text, ".", "");
        replace_all(text, sizeof text, ",", "");
        replace_all(text, sizeof text, "(", "");
        replace_all(text, sizeof text, ")", "");
        replace_all(text, sizeof text, "  ", " ");
    } else if (u < 0.3 && strchr(text, '(')) {
        /* Full-width brackets and comma (U+FF08, U+FF09, U+FF0C). */
        replace_all(text, sizeof text, " (", "\xEF\xBC\x88");
        replace_all(text, sizeof text, ") ", "\xEF\xBC\x89");
        replace_all(text, sizeof text, ")", "\xEF\xBC\x89");
        replace_all(text, sizeof text, ".,", ".\xEF\xBC\x8C");
    }
    if (gen_rng_chance(r, 0.15)) {
        /* Mixed case: "Hoshine Silicon Industry (Shanshan) Co., Ltd." */
        bool start = true;
        for (char *p = text; *p; p++) {
            unsigned char ch = (unsigned char)*p;
            if (ch >= 'A' && ch <= 'Z' && !start) *p = (char)(ch - 'A' + 'a');
            start = !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
        }
    }
    snprintf(out, size, "%s", text);
}

static bool produces(const sh_ctx *c, int good, int country)
{
    for (int i = 0; i < c->producer_count[good]; i++)
        if (c->producers[good][i] == country) return true;
    return false;
}

static int good_index(const char *hs)
{
    for (int g = 0; g < gen_good_count; g++)
        if (!strcmp(gen_goods[g].hs, hs)) return g;
    return 0;
}

/* A listed entity, written another way, as the manufacturer (70 %) or the shipper of
 * goods of its sector made in China, loaded in China or in a third country. */
static void plant_listed_entity_variant(sh_ctx *c)
{
    const gen_entity *e = &gen_listed_entities[gen_rng_below(&c->rng, (uint32_t)gen_listed_entity_count)];
    int good = good_index(e->hs);
    shipment s;
    start(c, &s, P_LISTED_ENTITY_VARIANT, good, c->china);
    if (gen_rng_chance(&c->rng, 0.7)) {
        entity_spelling(c, e, s.manufacturer, sizeof s.manufacturer);
        if (gen_rng_chance(&c->rng, 0.3)) snprintf(s.shipper, sizeof s.shipper, "%s", s.manufacturer);
    } else {
        entity_spelling(c, e, s.shipper, sizeof s.shipper);
        if (gen_rng_chance(&c->rng, 0.5)) s.manufacturer[0] = '\0';
    }
    if (gen_rng_chance(&c->rng, 0.4)) {
        int third = pick_code_country(&c->rng, uflpa_third_countries);
        s.loading = loading_port(c, third);
        s.stuffed_at_origin = false;
        add_transshipments(c, &s, gen_rng_chance(&c->rng, 0.3) ? 1 : 0);
    }
    emit(c, &s);
}

/* A company named like a listed entity but for its distinctive word ("DONGGUAN
 * ORIENT SHOES CO., LTD." beside the listed DONGGUAN OASIS SHOES): a near miss that
 * entity matching must not take for the entity. Its goods are ordinary trade from
 * China: off the DoL List for China and outside the UFLPA sectors (every listed
 * entity's own goods are a listed pair for China, so they cannot be innocent), made
 * and loaded in China, not transshipped. */
static void lookalike_similar_entity_name(sh_ctx *c)
{
    const gen_entity *e;
    do e = &gen_listed_entities[gen_rng_below(&c->rng, (uint32_t)gen_listed_entity_count)];
    while (!e->place[0]);
    int good;
    do good = pick_good(c, c->good_weight);
    while (c->listed[good][c->china] || gen_goods[good].uflpa_sector != UFLPA_NONE || !produces(c, good, c->china));
    shipment s;
    start(c, &s, P_LOOKALIKE_SIMILAR_ENTITY, good, c->china);
    const char *word;
    do word = gen_company_words[gen_rng_below(&c->rng, (uint32_t)gen_company_word_count)];
    while (word[0] == e->distinctive[0]);
    char text[256];
    snprintf(text, sizeof text, "%s", e->name);
    replace_all(text, sizeof text, e->distinctive, word);
    if (gen_rng_chance(&c->rng, 0.7)) snprintf(s.manufacturer, sizeof s.manufacturer, "%.127s", text);
    else snprintf(s.shipper, sizeof s.shipper, "%.127s", text);
    emit(c, &s);
}

/* ---- shippers seen for the first time ------------------------------------------- */

/* A name no other shipment of the manifest carries: three name words (pool and front
 * companies have two), drawn by a seeded bijection from a run-wide counter, so two new
 * shippers never share a name, whatever their countries. */
static void new_shipper_name(sh_ctx *c, char *out, size_t size, int country, const char *trade)
{
    uint64_t words = (uint64_t)gen_company_word_count;
    uint64_t triple = gen_permutation_apply(&c->new_names, c->new_serial++ % (words * words * words));
    const char *suffix = gen_countries[country].legal_suffix;
    size_t suffix_length = strlen(suffix);
    bool prefix_form = suffix_length && suffix[suffix_length - 1] == ' ';   /* "PT " */
    snprintf(out, size, "%s%s %s %s %s%s%s", prefix_form ? suffix : "", gen_company_words[triple / (words * words)],
             gen_company_words[triple / words % words], gen_company_words[triple % words], trade, prefix_form ? "" : " ",
             prefix_form ? "" : suffix);
}

/* A trading company seen for the first time, in a country used to launder Chinese
 * inputs (Viet Nam, Malaysia, Thailand, Korea, Indonesia, Cambodia), shipping goods
 * of a UFLPA high-priority sector declared as made there, without a manufacturer
 * (60 %) or with itself as manufacturer (CBP: new and transshipping intermediaries in
 * third countries). */
static void plant_new_shipper_risk_sector(sh_ctx *c)
{
    int good = pick_good(c, c->uflpa_weight);
    int third = pick_code_country(&c->rng, uflpa_third_countries);
    shipment s;
    start(c, &s, P_NEW_SHIPPER_RISK_SECTOR, good, third);
    new_shipper_name(c, s.shipper, sizeof s.shipper, third, gen_rng_chance(&c->rng, 0.5) ? "TRADING" : trade_of(&gen_goods[good]));
    if (gen_rng_chance(&c->rng, 0.6)) s.manufacturer[0] = '\0';
    else snprintf(s.manufacturer, sizeof s.manufacturer, "%s", s.shipper);
    s.stuffed_at_origin = gen_rng_chance(&c->rng, 0.3);
    add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

/* A new exporter of ordinary goods: a shipper seen for the first time, anywhere, with
 * its own factory named, goods outside the UFLPA sectors and off the DoL List. */
static void lookalike_new_exporter(sh_ctx *c)
{
    int good, origin;
    do background_pick(c, &good, &origin);
    while (gen_goods[good].uflpa_sector != UFLPA_NONE);
    shipment s;
    start(c, &s, P_LOOKALIKE_NEW_EXPORTER, good, origin);
    new_shipper_name(c, s.shipper, sizeof s.shipper, origin, trade_of(&gen_goods[good]));
    if (gen_rng_chance(&c->rng, 0.5)) snprintf(s.manufacturer, sizeof s.manufacturer, "%s", s.shipper);
    add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

/* ==== innocent look-alikes ========================================================== */

static void lookalike_lawful_origin(sh_ctx *c)
{
    /* A country on the DoL list (or China), shipping a good that is not listed for it
     * and, for China, outside the UFLPA sectors. */
    int good = 0, origin = -1;
    for (int tries = 0; tries < 64 && origin < 0; tries++) {
        int country = (int)gen_rng_below(&c->rng, (uint32_t)gen_country_count);
        if (!c->listed_country[country]) continue;
        double weights[MAX_GOODS] = { 0 };
        bool any = false;
        for (int g = 0; g < gen_good_count; g++) {
            bool produces = false;
            for (int i = 0; i < c->producer_count[g]; i++) produces = produces || c->producers[g][i] == country;
            if (produces && !c->listed[g][country] && !uflpa_china(c, g, country)) {
                weights[g] = gen_goods[g].weight;
                any = true;
            }
        }
        if (!any) continue;
        good = pick_good(c, weights);
        origin = country;
    }
    if (origin < 0) {
        background(c);
        return;
    }
    shipment s;
    start(c, &s, P_LOOKALIKE_LAWFUL_ORIGIN, good, origin);
    add_transshipments(c, &s, ordinary_transshipment_count(c));
    emit(c, &s);
}

static void lookalike_transshipment(sh_ctx *c)
{
    shipment s;
    int good, origin;
    do background_pick(c, &good, &origin);
    while (uflpa_china(c, good, origin));
    start(c, &s, P_LOOKALIKE_TRANSSHIPMENT, good, origin);
    /* Loaded at a regional hub in another country (German goods through Rotterdam,
     * Japanese through Busan), then transshipped once or twice. */
    if (gen_rng_chance(&c->rng, 0.6)) {
        int hub = region_hub(c, s.loading, origin, s.loading);
        if (hub >= 0) s.loading = hub;
    }
    add_transshipments(c, &s, gen_rng_chance(&c->rng, 0.7) ? 1 : 2);
    emit(c, &s);
}

/* ==== the run ======================================================================= */

static void index_tables(sh_ctx *c)
{
    c->canada = country_index("CA");
    c->us = country_index("US");
    c->china = country_index("CN");
    for (int p = 0; p < gen_port_count && p < MAX_PORTS; p++) {
        char code[3] = { gen_ports[p].locode[0], gen_ports[p].locode[1], '\0' };
        c->port_country[p] = country_index(code);
    }
    for (int p = 0; p < gen_port_count; p++) {
        int country = port_country(c, p);
        if (country >= 0 && c->port_count[country] < MAX_COUNTRY_PORTS && gen_countries[country].region != REGION_CANADA)
            c->ports[country][c->port_count[country]++] = p;
    }
    for (int region = 0; region < REGION_COUNT; region++) {
        const char *hubs = transshipment_hubs[region];
        char code[8];
        for (int i = 0; i < gen_code_count(hubs) && c->hub_count[region] < 8; i++) {
            gen_code_at(hubs, i, code, sizeof code);
            int hub = gen_port_index(code);
            if (hub >= 0) c->hubs[region][c->hub_count[region]++] = hub;
        }
    }
    c->fallback_hub = gen_port_index("SGSIN");
    static const char *const discharge[5] = { "CAVAN", "CAPRR", "CAMTR", "CAHAL", "CASJB" };
    for (int i = 0; i < 5; i++) c->discharge[i] = gen_port_index(discharge[i]);
    c->listed_country[c->china] = true;
    for (int g = 0; g < gen_good_count && g < MAX_GOODS; g++) {
        const gen_good *good = &gen_goods[g];
        char code[8];
        for (int i = 0; i < gen_code_count(good->producers) && c->producer_count[g] < MAX_PRODUCERS; i++) {
            gen_code_at(good->producers, i, code, sizeof code);
            int country = country_index(code);
            if (country >= 0) c->producers[g][c->producer_count[g]++] = country;
        }
        for (int i = 0; i < gen_code_count(good->dol); i++) {
            gen_code_at(good->dol, i, code, sizeof code);
            int country = country_index(code);
            if (country < 0) continue;
            c->listed[g][country] = true;
            c->listed_country[country] = true;
        }
        c->good_weight[g] = good->weight;
        c->dol_weight[g] = good->dol[0] ? good->weight : 0;
        c->uflpa_weight[g] = good->uflpa_sector != UFLPA_NONE ? good->weight : 0;
    }
}

void gen_shipments(const gen_options *opt, gen_out *data, gen_out *truth, gen_stats *stats)
{
    sh_ctx context;
    sh_ctx *c = &context;
    memset(c, 0, sizeof *c);
    c->opt = opt;
    c->data = data;
    c->truth = truth;
    c->stats = stats;
    c->first_day = days_from_civil(2025, 1, 1);
    gen_rng_seed(&c->rng, opt->seed, 3);
    gen_permutation_init(&c->bills, 10000000000ULL, opt->seed ^ 0xb11);
    uint64_t words = (uint64_t)gen_company_word_count;
    gen_permutation_init(&c->new_names, words * words * words, opt->seed ^ 0x5e1);
    index_tables(c);

    memset(stats, 0, sizeof *stats);
    stats->pattern_count = P_COUNT;
    double planted_weights[P_COUNT] = { 0 }, lookalike_weights[P_COUNT] = { 0 };
    for (int i = 0; i < P_COUNT; i++) {
        stats->pattern_name[i] = patterns[i].name;
        stats->pattern_label[i] = patterns[i].label;
        if (patterns[i].label == GEN_PLANTED) planted_weights[i] = patterns[i].share;
        if (patterns[i].label == GEN_LOOKALIKE) lookalike_weights[i] = patterns[i].share;
    }

    gen_row_init(&c->row, gen_shipment_fields, F_COUNT);
    gen_write_header(data, &c->row, opt->format);
    for (uint64_t n = 0; n < opt->count; n++) {
        double u = gen_rng_unit(&c->rng);
        if (u < opt->plant_rate) {
            switch (gen_rng_weighted(&c->rng, planted_weights, P_COUNT)) {
            case P_DOL_LISTED_GOOD: plant_dol_listed_good(c); break;
            case P_UFLPA_TRANSSHIPPED: plant_uflpa_transshipped(c); break;
            case P_VAGUE_DESCRIPTION: plant_vague_description(c); break;
            case P_UNDERVALUED: plant_undervalued(c); break;
            case P_LISTED_ENTITY_VARIANT: plant_listed_entity_variant(c); break;
            case P_NEW_SHIPPER_RISK_SECTOR: plant_new_shipper_risk_sector(c); break;
            default: plant_front_company(c); break;
            }
        } else if (u < opt->plant_rate + opt->lookalike_rate) {
            switch (gen_rng_weighted(&c->rng, lookalike_weights, P_COUNT)) {
            case P_LOOKALIKE_LAWFUL_ORIGIN: lookalike_lawful_origin(c); break;
            case P_LOOKALIKE_SIMILAR_ENTITY: lookalike_similar_entity_name(c); break;
            case P_LOOKALIKE_NEW_EXPORTER: lookalike_new_exporter(c); break;
            default: lookalike_transshipment(c); break;
            }
        } else {
            background(c);
        }
    }
}
