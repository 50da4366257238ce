/* links.c - the booking view and shared identifiers of one run: a compact index built in a first pass, read by booking and link values. */
#include "links.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

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
