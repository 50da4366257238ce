/* unit_links.c - the booking and link index: booking values, link values, unknowns, input order, explanation views. */
#include <stdlib.h>
#include <string.h>
#include "links.h"
#include "unit.h"

static schema *traveller;
static schema *shipment;

/* A record from "field=value;field=value" (read fields), derived values computed. */
static record *make(const schema *s, const char *spec)
{
    record *r = calloc(1, sizeof *r);
    record_init(r, s);
    char *copy = strdup(spec), *save = NULL;
    for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(kv, '=');
        CU_ASSERT_PTR_NOT_NULL_FATAL(eq);
        *eq = '\0';
        const field *f = schema_field(s, kv);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        char why[200];
        CU_ASSERT_EQUAL(value_parse(f, eq + 1, strlen(eq + 1), &r->arena, &r->slots[f->index], why, sizeof why), VG_OK);
    }
    free(copy);
    record_derive(r);
    return r;
}

static void drop(record **rs, int n)
{
    for (int i = 0; i < n; i++) {
        record_free(rs[i]);
        free(rs[i]);
    }
}

/* Index records in order, added in batches of `batch` rows (the pipeline's merge). */
static links_index *index_of(const schema *s, record **rs, int n, int batch)
{
    links_index *ix = links_new(s, (1u << s->link_count) - 1, true);
    links_rows *rows = links_rows_new();
    for (int i = 0; i < n; i++) {
        links_extract(ix, rs[i], rows);
        if ((i + 1) % batch == 0 || i == n - 1) {
            links_add(ix, rows);
            links_rows_clear(rows);
        }
    }
    links_rows_free(rows);
    links_build(ix, 2);
    for (int i = 0; i < n; i++) rs[i]->links = ix;
    return ix;
}

static long long integer_of(const links_index *ix, const record *r, booking_value_id id)
{
    value v;
    links_booking_value(ix, r, id, &v);
    return v.kind == V_INTEGER ? v.as.i : -1000;
}

/* 1 true, 0 false, -1 unknown */
static int boolean_of(const links_index *ix, const record *r, booking_value_id id)
{
    value v;
    links_booking_value(ix, r, id, &v);
    return v.kind == V_BOOLEAN ? v.as.b : -1;
}

static value link_of(const links_index *ix, const record *r, const char *key, link_value_id id)
{
    value v;
    const schema_link *l = schema_link_find(r->schema, key);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    links_link_value(ix, r, (int)(l - r->schema->links), id, &v);
    return v;
}

#define DEP "departure=2026-12-01T10:00:00Z;"

static void test_family_and_escort(void)
{
    record *rs[] = {
        make(traveller, DEP "passenger_id=E1;record_locator=ESC;surname=DIAZ;given_names=ANA;date_of_birth=1980-02-01;payer_surname=Diaz;payer_given_names=ana"),
        make(traveller, DEP "passenger_id=F1;record_locator=FAM;surname=MARTIN;given_names=PAUL;date_of_birth=1978-04-04;payer_surname=MARTIN;payer_given_names=PAUL"),
        make(traveller, DEP "passenger_id=E2;record_locator=ESC;surname=LOPEZ;given_names=JUAN;date_of_birth=2011-03-01;payer_surname=DIAZ;payer_given_names=ANA"),
        make(traveller, DEP "passenger_id=F2;record_locator=FAM;surname=MARTIN;given_names=LEA;date_of_birth=2012-05-05"),
        make(traveller, DEP "passenger_id=E3;record_locator=ESC;surname=RUIZ;given_names=EVA;date_of_birth=2012-05-01"),
        make(traveller, DEP "passenger_id=F3;record_locator=FAM;surname=MARTIN;given_names=HUGO;date_of_birth=2014-06-06"),
        make(traveller, DEP "passenger_id=E4;record_locator=ESC;surname=GARCIA;given_names=LUZ;date_of_birth=2013-07-01"),
        make(traveller, DEP "passenger_id=F4;record_locator=FAM;surname=MARTIN;given_names=ZOE;date_of_birth=2016-07-07"),
        make(traveller, DEP "passenger_id=E5;record_locator=ESC;surname=SOTO;given_names=PIA;date_of_birth=2014-08-01"),
        make(traveller, DEP "passenger_id=F5;record_locator=FAM;surname=MARTIN;given_names=NOE;date_of_birth=2018-08-08"),
    };
    links_index *ix = index_of(traveller, rs, 10, 3);
    CU_ASSERT_EQUAL(links_record_count(ix), 10);
    record *e1 = rs[0], *f1 = rs[1], *e2 = rs[2], *f2 = rs[3];
    /* the escort: one adult paying for four minors of four other surnames */
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_PARTY_SIZE), 5);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_MINORS), 4);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_ADULTS), 1);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_YOUNGEST_AGE), 12);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_OLDEST_AGE), 46);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_SURNAMES), 5);
    CU_ASSERT_EQUAL(integer_of(ix, e1, BOOKING_OTHER_SURNAMES), 4);
    CU_ASSERT_EQUAL(boolean_of(ix, e1, BOOKING_IS_PAYER), 1);   /* names folded: Diaz ana = DIAZ ANA */
    CU_ASSERT_EQUAL(boolean_of(ix, e1, BOOKING_PAYER_TRAVELS), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, e1, BOOKING_ONLY_ADULT), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, e1, BOOKING_MINOR_NO_ADULT_SAME_SURNAME), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, e2, BOOKING_IS_PAYER), 0);
    CU_ASSERT_EQUAL(boolean_of(ix, e2, BOOKING_PAYER_TRAVELS), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, e2, BOOKING_ONLY_ADULT), 0);   /* a minor */
    /* the family: one surname, the same counts otherwise */
    CU_ASSERT_EQUAL(integer_of(ix, f1, BOOKING_PARTY_SIZE), 5);
    CU_ASSERT_EQUAL(integer_of(ix, f1, BOOKING_MINORS), 4);
    CU_ASSERT_EQUAL(integer_of(ix, f1, BOOKING_SURNAMES), 1);
    CU_ASSERT_EQUAL(integer_of(ix, f1, BOOKING_OTHER_SURNAMES), 0);
    CU_ASSERT_EQUAL(boolean_of(ix, f1, BOOKING_MINOR_NO_ADULT_SAME_SURNAME), 0);
    CU_ASSERT_EQUAL(boolean_of(ix, f1, BOOKING_ONLY_ADULT), 1);
    /* F2 has no payer fields: payer values unknown */
    CU_ASSERT_EQUAL(boolean_of(ix, f2, BOOKING_PAYER_TRAVELS), -1);
    CU_ASSERT_EQUAL(boolean_of(ix, f2, BOOKING_IS_PAYER), -1);

    links_booking_view bv;
    CU_ASSERT_TRUE(links_explain_booking(ix, e1, &bv));
    CU_ASSERT_STRING_EQUAL(bv.group, "ESC");
    CU_ASSERT_EQUAL(bv.size, 5);
    CU_ASSERT_EQUAL(bv.shown, 5);
    CU_ASSERT_STRING_EQUAL(bv.members[0].key, "E1"); /* input order */
    CU_ASSERT_TRUE(bv.members[0].is_payer && bv.members[0].is_self);
    CU_ASSERT_STRING_EQUAL(bv.members[4].key, "E5");
    CU_ASSERT_STRING_EQUAL(bv.members[4].surname, "SOTO");
    CU_ASSERT_EQUAL(bv.members[4].age, 12);
    CU_ASSERT_FALSE(bv.members[4].is_payer);
    links_free(ix);
    drop(rs, 10);
}

static void test_unknowns(void)
{
    record *rs[] = {
        make(traveller, DEP "passenger_id=M1;record_locator=MIS;surname=OKAFOR;given_names=JOY;date_of_birth=1985-01-01"),
        make(traveller, DEP "passenger_id=M2;record_locator=MIS;surname=BELLO;given_names=SAM"),            /* no age */
        make(traveller, DEP "passenger_id=N1;record_locator=NOS;given_names=X;date_of_birth=1985-01-01"),   /* no surname */
        make(traveller, DEP "passenger_id=N2;record_locator=NOS;surname=ADE;date_of_birth=2015-01-01"),
        make(traveller, DEP "passenger_id=L1;surname=LONE;date_of_birth=2015-01-01"),                        /* no locator */
    };
    links_index *ix = index_of(traveller, rs, 5, 5);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_PARTY_SIZE), 2);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_MINORS), -1000);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_YOUNGEST_AGE), -1000);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[0], BOOKING_ONLY_ADULT), -1);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_SURNAMES), 2);
    CU_ASSERT_EQUAL(integer_of(ix, rs[2], BOOKING_MINORS), 1);
    CU_ASSERT_EQUAL(integer_of(ix, rs[2], BOOKING_SURNAMES), -1000);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[3], BOOKING_MINOR_NO_ADULT_SAME_SURNAME), -1);
    /* no group value: a booking of its own */
    CU_ASSERT_EQUAL(integer_of(ix, rs[4], BOOKING_PARTY_SIZE), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[4], BOOKING_MINOR_NO_ADULT_SAME_SURNAME), 1);
    /* no index at all: the record alone */
    CU_ASSERT_EQUAL(integer_of(NULL, rs[0], BOOKING_PARTY_SIZE), 1);
    CU_ASSERT_EQUAL(integer_of(NULL, rs[0], BOOKING_ADULTS), 1);
    links_free(ix);
    drop(rs, 5);
}

static void test_shared_phone(void)
{
    record *rs[] = {
        make(traveller, "passenger_id=P1;record_locator=B1;surname=ALVES;contact_phone=+1 514 555 0101"),
        make(traveller, "passenger_id=Q1;record_locator=Q;surname=NONE"),
        make(traveller, "passenger_id=P2;record_locator=B2;surname=BRANCO;contact_phone=1-514-555-0101"),
        make(traveller, "passenger_id=Q2;record_locator=R;surname=NADA"),
        make(traveller, "passenger_id=P3;record_locator=B3;surname=COSTA;contact_phone=(1) 514 555-0101"),
        make(traveller, "passenger_id=P4;record_locator=B3;surname=COSTA;contact_phone=15145550101"),
        make(traveller, "passenger_id=P5;record_locator=B4;surname=DIAS;contact_phone=15145550102"),
    };
    for (int batch = 1; batch <= 7; batch += 3) {
        links_index *ix = index_of(traveller, rs, 7, batch);
        value v = link_of(ix, rs[0], "contact_phone", LINK_RECORDS);
        CU_ASSERT_EQUAL(v.kind, V_INTEGER);
        CU_ASSERT_EQUAL(v.as.i, 4);
        CU_ASSERT_EQUAL(link_of(ix, rs[2], "contact_phone", LINK_BOOKINGS).as.i, 3);
        CU_ASSERT_EQUAL(link_of(ix, rs[4], "contact_phone", LINK_SURNAMES).as.i, 3);
        CU_ASSERT_EQUAL(link_of(ix, rs[6], "contact_phone", LINK_BOOKINGS).as.i, 1);
        /* a missing phone links nothing */
        CU_ASSERT_EQUAL(link_of(ix, rs[1], "contact_phone", LINK_RECORDS).kind, V_MISSING);
        CU_ASSERT_EQUAL(link_of(ix, rs[3], "contact_phone", LINK_FIRST_SEEN).kind, V_MISSING);
        /* first seen: the first booking with the phone in input order, all its records */
        CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_FIRST_SEEN).as.b, true);
        CU_ASSERT_EQUAL(link_of(ix, rs[2], "contact_phone", LINK_FIRST_SEEN).as.b, false);
        CU_ASSERT_EQUAL(link_of(ix, rs[6], "contact_phone", LINK_FIRST_SEEN).as.b, true);
        links_link_view lv;
        const schema_link *l = schema_link_find(traveller, "contact_phone");
        CU_ASSERT_TRUE(links_explain_link(ix, rs[2], (int)(l - traveller->links), &lv));
        CU_ASSERT_EQUAL(lv.records, 4);
        CU_ASSERT_EQUAL(lv.bookings, 3);
        CU_ASSERT_EQUAL(lv.shown, 4);
        CU_ASSERT_STRING_EQUAL(lv.linked[0].key, "P1");
        CU_ASSERT_STRING_EQUAL(lv.linked[1].group, "B2");
        CU_ASSERT_TRUE(lv.linked[1].is_self);
        CU_ASSERT_STRING_EQUAL(lv.linked[3].key, "P4");
        links_free(ix);
    }
    drop(rs, 7);
}

static void test_payer_key_and_shipper(void)
{
    record *ts[] = {
        make(traveller, "passenger_id=A;record_locator=A;surname=X;payer_surname=SMITH;payer_given_names=JOHN"),
        make(traveller, "passenger_id=B;record_locator=B;surname=Y;payer_surname=Smith;payer_given_names=John"),
        make(traveller, "passenger_id=C;record_locator=C;surname=Z;payer_surname=SMITH"), /* given names missing */
    };
    links_index *ix = index_of(traveller, ts, 3, 2);
    CU_ASSERT_EQUAL(link_of(ix, ts[0], "payer", LINK_BOOKINGS).as.i, 2);
    CU_ASSERT_EQUAL(link_of(ix, ts[2], "payer", LINK_BOOKINGS).kind, V_MISSING);
    links_free(ix);
    drop(ts, 3);

    /* names compare folded for case and accents, as list values do */
    record *ns[] = {
        make(traveller, "passenger_id=N1;record_locator=ACC;surname=GARCIA;given_names=LUIS;payer_surname=García;payer_given_names=José Luis"),
        make(traveller, "passenger_id=N2;record_locator=ACC;surname=GARCÍA;given_names=JOSE LUIS"),
        make(traveller, "passenger_id=N3;record_locator=ACD;surname=Müller;contact_email=A.Muller@Example.com"),
        make(traveller, "passenger_id=N4;record_locator=ACE;surname=MULLER;contact_email=a.müller@example.com"),
    };
    ix = index_of(traveller, ns, 4, 4);
    CU_ASSERT_EQUAL(boolean_of(ix, ns[0], BOOKING_PAYER_TRAVELS), 1);
    CU_ASSERT_EQUAL(integer_of(ix, ns[0], BOOKING_SURNAMES), 1);
    CU_ASSERT_EQUAL(link_of(ix, ns[2], "contact_email", LINK_BOOKINGS).as.i, 2);
    CU_ASSERT_EQUAL(link_of(ix, ns[2], "contact_email", LINK_SURNAMES).as.i, 1);
    links_free(ix);
    drop(ns, 4);

    record *ss[] = {
        make(shipment, "shipment_id=BL1;shipper_name=ACME TEXTILES"),
        make(shipment, "shipment_id=BL2;shipper_name=Beta Corp."),
        make(shipment, "shipment_id=BL3;shipper_name=acme textiles"),
        make(shipment, "shipment_id=BL4"),
    };
    ix = index_of(shipment, ss, 4, 4);
    CU_ASSERT_EQUAL(link_of(ix, ss[0], "shipper_name", LINK_FIRST_SEEN).as.b, true);
    CU_ASSERT_EQUAL(link_of(ix, ss[1], "shipper_name", LINK_FIRST_SEEN).as.b, true);
    CU_ASSERT_EQUAL(link_of(ix, ss[2], "shipper_name", LINK_FIRST_SEEN).as.b, false);
    CU_ASSERT_EQUAL(link_of(ix, ss[3], "shipper_name", LINK_FIRST_SEEN).kind, V_MISSING);
    CU_ASSERT_EQUAL(link_of(ix, ss[2], "shipper_name", LINK_RECORDS).as.i, 2);
    /* a shipment has no surname: none are counted */
    CU_ASSERT_EQUAL(link_of(ix, ss[2], "shipper_name", LINK_SURNAMES).as.i, 0);
    CU_ASSERT(links_memory(ix) > 0);
    links_free(ix);
    drop(ss, 4);
}

static void keep_first(void *ctx, const links_row *row)
{
    links_row *out = ctx;
    if (!out->link) *out = *row;
}

/* Rows of earlier runs come first, count in link values and never in bookings. */
static void test_history(void)
{
    unsigned all = (1u << traveller->link_count) - 1;
    int phone = (int)(schema_link_find(traveller, "contact_phone") - traveller->links);
    /* an earlier run: what it keeps, between its first pass and its build */
    record *old = make(traveller, "passenger_id=B1;record_locator=OLD;surname=OTHER;contact_phone=555-0101");
    links_index *earlier = links_new(traveller, 1u << phone, false);
    links_rows *rows = links_rows_new();
    links_extract(earlier, old, rows);
    links_add(earlier, rows);
    links_rows_clear(rows);
    links_row kept = { 0 };
    links_each_row(earlier, keep_first, &kept);
    CU_ASSERT_PTR_NOT_NULL_FATAL(kept.link);
    CU_ASSERT_STRING_EQUAL(kept.link, "contact_phone");
    CU_ASSERT_STRING_EQUAL(kept.record_key, "B1");
    CU_ASSERT_STRING_EQUAL(kept.group_ref, "OLD");
    CU_ASSERT(kept.value != 0 && kept.group != 0 && kept.surname != 0);

    record *rs[] = {
        make(traveller, DEP "passenger_id=A1;record_locator=AAA;surname=KANE;given_names=MIA;date_of_birth=2010-01-01;"
                            "payer_surname=SMITH;payer_given_names=JOHN;contact_phone=+555 0101"),
        make(traveller, DEP "passenger_id=A2;record_locator=AAA;surname=SMITH;given_names=JOHN;date_of_birth=1980-01-01;"
                            "contact_phone=5550101"),
    };
    links_index *ix = links_new(traveller, all, true);
    links_extract(ix, rs[0], rows);
    links_extract(ix, rs[1], rows);
    links_add(ix, rows);
    /* only values the run has are wanted from the store */
    CU_ASSERT_TRUE(links_history_wanted(ix, phone, kept.value));
    CU_ASSERT_FALSE(links_history_wanted(ix, phone, kept.value ^ 1));
    links_add_history(ix, phone, kept.value, kept.group, kept.surname, kept.record_key, kept.group_ref);
    CU_ASSERT_EQUAL(links_history_count(ix), 1);
    /* the run's rows all come before the history: a late one is refused */
    links_add(ix, rows);
    links_rows_free(rows);
    CU_ASSERT_EQUAL(links_record_count(ix), 3);
    links_build(ix, 2);
    for (int i = 0; i < 2; i++) links_attach(ix, rs[i]);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_PARTY_SIZE), 2);
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_SURNAMES), 2);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[0], BOOKING_PAYER_TRAVELS), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[1], BOOKING_ONLY_ADULT), 1);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_RECORDS).as.i, 3);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_BOOKINGS).as.i, 2);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_SURNAMES).as.i, 3);
    CU_ASSERT_EQUAL(link_of(ix, rs[1], "contact_phone", LINK_FIRST_SEEN).as.b, false);
    links_link_view lv;
    CU_ASSERT_TRUE(links_explain_link(ix, rs[1], phone, &lv));
    CU_ASSERT_EQUAL(lv.shown, 3);
    CU_ASSERT_STRING_EQUAL(lv.linked[0].key, "B1");
    CU_ASSERT_STRING_EQUAL(lv.linked[0].group, "OLD");
    CU_ASSERT_STRING_EQUAL(lv.linked[0].surname, ""); /* surnames are never kept */
    links_booking_view bv;
    CU_ASSERT_TRUE(links_explain_booking(ix, rs[0], &bv));
    CU_ASSERT_EQUAL(bv.size, 2);
    CU_ASSERT_STRING_EQUAL(bv.members[1].key, "A2");
    CU_ASSERT_TRUE(bv.members[1].is_payer);
    links_free(ix);
    links_free(earlier);
    drop(rs, 2);
    drop(&old, 1);
}

static void test_tables(void)
{
    CU_ASSERT_EQUAL(links_booking_value_id("minors"), BOOKING_MINORS);
    CU_ASSERT_EQUAL(links_booking_value_id("nonsense"), -1);
    CU_ASSERT_EQUAL(links_link_value_id("first_seen"), LINK_FIRST_SEEN);
    for (int i = 0; i < BOOKING_VALUE_COUNT; i++) {
        CU_ASSERT_PTR_NOT_NULL(links_booking_values[i].name);
        CU_ASSERT(links_booking_values[i].type == FT_INTEGER || links_booking_values[i].type == FT_BOOLEAN);
        /* every field a value reads is a traveller field */
        char reads[200];
        snprintf(reads, sizeof reads, "%s", links_booking_values[i].reads);
        for (char *save = NULL, *f = strtok_r(reads, " ", &save); f; f = strtok_r(NULL, " ", &save))
            CU_ASSERT(schema_field_index(traveller, f) >= 0);
    }
    CU_ASSERT_EQUAL(traveller->link_count, 5);
    CU_ASSERT_PTR_NOT_NULL(schema_link_find(shipment, "notify_party"));
    const schema_link *payer = schema_link_find(traveller, "payer");
    CU_ASSERT_PTR_NOT_NULL_FATAL(payer);
    CU_ASSERT_EQUAL(payer->fields[1], schema_field_index(traveller, "payer_given_names"));
}

/* A value one record has is not kept in the index (most phones): its answers and its
 * explanation are the record alone, the same as a shared value's would be. */
static void test_value_alone(void)
{
    record *rs[] = {
        make(traveller, "passenger_id=P1;record_locator=B1;surname=ALVES;contact_phone=111;date_of_birth=1990-01-01;" DEP),
        make(traveller, "passenger_id=P2;record_locator=B2;surname=ALVES;contact_phone=222"),
        make(traveller, "passenger_id=P3;record_locator=B2;surname=BRANCO;contact_phone=222"),
        make(traveller, "passenger_id=P4;surname=COSTA;contact_phone=444"),      /* no locator */
        make(traveller, "passenger_id=P5;surname=DIAS;contact_phone=555"),       /* no locator, shared */
        make(traveller, "passenger_id=P6;record_locator=B6;contact_phone=555"), /* no surname */
    };
    links_index *ix = index_of(traveller, rs, 6, 2);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_RECORDS).as.i, 1);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_BOOKINGS).as.i, 1);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_SURNAMES).as.i, 1);
    CU_ASSERT_EQUAL(link_of(ix, rs[0], "contact_phone", LINK_FIRST_SEEN).as.b, true);
    CU_ASSERT_EQUAL(link_of(ix, rs[1], "contact_phone", LINK_RECORDS).as.i, 2);
    /* without a booking reference there is no order to tell, shared or not */
    CU_ASSERT_EQUAL(link_of(ix, rs[3], "contact_phone", LINK_RECORDS).as.i, 1);
    CU_ASSERT_EQUAL(link_of(ix, rs[3], "contact_phone", LINK_FIRST_SEEN).kind, V_MISSING);
    CU_ASSERT_EQUAL(link_of(ix, rs[4], "contact_phone", LINK_FIRST_SEEN).kind, V_MISSING);
    CU_ASSERT_EQUAL(link_of(ix, rs[4], "contact_phone", LINK_SURNAMES).as.i, 1);
    const schema_link *l = schema_link_find(traveller, "contact_phone");
    int phone = (int)(l - traveller->links);
    links_link_view lv;
    CU_ASSERT_TRUE(links_explain_link(ix, rs[0], phone, &lv));
    CU_ASSERT_EQUAL(lv.records, 1);
    CU_ASSERT_EQUAL(lv.bookings, 1);
    CU_ASSERT_EQUAL(lv.shown, 1);
    CU_ASSERT_STRING_EQUAL(lv.linked[0].key, "P1");
    CU_ASSERT_STRING_EQUAL(lv.linked[0].surname, "ALVES");
    CU_ASSERT_STRING_EQUAL(lv.linked[0].group, "B1");
    CU_ASSERT_EQUAL(lv.linked[0].age, 36);
    CU_ASSERT_TRUE(lv.linked[0].is_self);
    CU_ASSERT_TRUE(links_explain_link(ix, rs[3], phone, &lv));
    CU_ASSERT_STRING_EQUAL(lv.linked[0].group, "");
    CU_ASSERT_EQUAL(lv.linked[0].age, -1);
    /* a record without the key has no link to show */
    record *none = make(traveller, "passenger_id=P9;record_locator=B9;surname=EVORA");
    CU_ASSERT_FALSE(links_explain_link(ix, none, phone, &lv));
    drop(&none, 1);
    links_free(ix);
    drop(rs, 6);
}

/* An index for link values only (no scenario of the kind reads a booking value) builds
 * no bookings: its link values are the booking index's, attached or not. */
static void test_links_only(void)
{
    const char *specs[] = {
        "passenger_id=P1;record_locator=B1;surname=ALVES;contact_phone=111",
        "passenger_id=P2;record_locator=B2;surname=ALVES;contact_phone=222",
        "passenger_id=P3;record_locator=B2;surname=BRANCO;contact_phone=222",
        "passenger_id=P4;record_locator=B4;surname=COSTA;contact_phone=222",
        "passenger_id=P5;surname=DIAS;contact_phone=555",
    };
    record *rs[5], *alone[5];
    for (int i = 0; i < 5; i++) {
        rs[i] = make(traveller, specs[i]);
        alone[i] = make(traveller, specs[i]);
    }
    links_index *full = index_of(traveller, alone, 5, 2);
    links_index *ix = links_new(traveller, (1u << traveller->link_count) - 1, false);
    links_rows *rows = links_rows_new();
    for (int i = 0; i < 5; i++) links_extract(ix, rs[i], rows);
    links_add(ix, rows);
    links_rows_free(rows);
    links_build(ix, 2);
    for (int attach = 0; attach < 2; attach++)
        for (int i = 0; i < 5; i++) {
            if (attach) links_attach(ix, rs[i]);
            for (int id = 0; id < LINK_VALUE_COUNT; id++) {
                value a = link_of(ix, rs[i], "contact_phone", (link_value_id)id);
                value b = link_of(full, alone[i], "contact_phone", (link_value_id)id);
                CU_ASSERT_EQUAL(a.kind, b.kind);
                CU_ASSERT(a.kind == V_MISSING || a.as.i == b.as.i || (a.kind == V_BOOLEAN && a.as.b == b.as.b));
            }
        }
    CU_ASSERT_EQUAL(link_of(ix, rs[1], "contact_phone", LINK_SURNAMES).as.i, 3);
    links_booking_view bv;
    CU_ASSERT_FALSE(links_explain_booking(ix, rs[1], &bv));
    links_free(ix);
    links_free(full);
    drop(rs, 5);
    drop(alone, 5);
}

/* Every booking and link value of rs[i], all kept in out (kind, then the value). */
static void values_of(const links_index *ix, const record *r, long long *out)
{
    int n = 0;
    value v;
    for (int id = 0; id < BOOKING_VALUE_COUNT; id++) {
        links_booking_value(ix, r, (booking_value_id)id, &v);
        out[n++] = v.kind;
        out[n++] = v.kind == V_BOOLEAN ? v.as.b : v.kind == V_INTEGER ? v.as.i : 0;
    }
    for (int link = 0; link < r->schema->link_count; link++)
        for (int id = 0; id < LINK_VALUE_COUNT; id++) {
            links_link_value(ix, r, link, (link_value_id)id, &v);
            out[n++] = v.kind;
            out[n++] = v.kind == V_BOOLEAN ? v.as.b : v.kind == V_INTEGER ? v.as.i : 0;
        }
}

/* The second pass attaches a record by its ordinal: every value is the one its hashes
 * give; a record that is not the one the first pass put at that ordinal is hashed. */
static void test_attach_by_ordinal(void)
{
    record *rs[] = {
        make(traveller, DEP "passenger_id=E1;record_locator=ESC;surname=DIAZ;given_names=ANA;date_of_birth=1980-02-01;payer_surname=Diaz;payer_given_names=ana;contact_phone=111"),
        make(traveller, DEP "passenger_id=E2;record_locator=ESC;surname=LOPEZ;given_names=JUAN;date_of_birth=2011-03-01;payer_surname=DIAZ;payer_given_names=ANA;contact_phone=111"),
        make(traveller, DEP "passenger_id=F1;record_locator=FAM;surname=MARTIN;given_names=LEA;payer_surname=ROSS;payer_given_names=AL;contact_phone=222"),
        make(traveller, DEP "passenger_id=N1;surname=SOLO;given_names=BO;date_of_birth=2012-01-01;payer_surname=SOLO;payer_given_names=BO;contact_phone=111"),
        make(traveller, DEP "passenger_id=N2;surname=SOLO;date_of_birth=1990-01-01;payer_surname=OTHER;payer_given_names=X"),
        make(traveller, DEP "passenger_id=G1;record_locator=GRP;date_of_birth=1970-01-01;card_fingerprint=c1;contact_email=a@example.com"),
        make(traveller, DEP "passenger_id=G2;record_locator=GRP;surname=KIM;given_names=JO;card_fingerprint=c1;contact_email=b@example.com"),
    };
    int n = (int)(sizeof rs / sizeof *rs);
    links_index *ix = index_of(traveller, rs, n, 3);
    enum { VALUES = 2 * (BOOKING_VALUE_COUNT + SCHEMA_MAX_LINKS * LINK_VALUE_COUNT) };
    for (int i = 0; i < n; i++) {
        long long hashed[VALUES] = { 0 }, attached[VALUES] = { 0 }, by_ordinal[VALUES] = { 0 }, wrong[VALUES] = { 0 };
        rs[i]->links_ready = false;
        values_of(ix, rs[i], hashed);
        links_attach(ix, rs[i]);
        values_of(ix, rs[i], attached);
        links_attach_at(ix, rs[i], i);
        values_of(ix, rs[i], by_ordinal);
        links_attach_at(ix, rs[i], (i + 1) % n); /* another record's ordinal: hashed */
        values_of(ix, rs[i], wrong);
        links_attach_at(ix, rs[i], n);           /* past the run: hashed */
        CU_ASSERT_EQUAL(memcmp(hashed, attached, sizeof hashed), 0);
        CU_ASSERT_EQUAL(memcmp(hashed, by_ordinal, sizeof hashed), 0);
        CU_ASSERT_EQUAL(memcmp(hashed, wrong, sizeof hashed), 0);
    }
    /* the answers themselves, by ordinal */
    links_attach_at(ix, rs[1], 1);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[1], BOOKING_PAYER_TRAVELS), 1);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[1], BOOKING_IS_PAYER), 0);
    CU_ASSERT_EQUAL(link_of(ix, rs[1], "contact_phone", LINK_RECORDS).as.i, 3);
    links_attach_at(ix, rs[2], 2);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[2], BOOKING_PAYER_TRAVELS), 0);
    CU_ASSERT_EQUAL(link_of(ix, rs[2], "contact_phone", LINK_RECORDS).as.i, 1);
    links_attach_at(ix, rs[3], 3);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[3], BOOKING_PAYER_TRAVELS), 1); /* no locator: a booking of its own */
    CU_ASSERT_EQUAL(integer_of(ix, rs[3], BOOKING_PARTY_SIZE), 1);
    links_attach_at(ix, rs[4], 4);
    CU_ASSERT_EQUAL(boolean_of(ix, rs[4], BOOKING_IS_PAYER), -1);     /* no given names */
    CU_ASSERT_EQUAL(link_of(ix, rs[4], "contact_phone", LINK_RECORDS).kind, V_MISSING);
    links_link_view lv;
    int phone = (int)(schema_link_find(traveller, "contact_phone") - traveller->links);
    links_attach_at(ix, rs[0], 0);
    CU_ASSERT_TRUE(links_explain_link(ix, rs[0], phone, &lv));
    CU_ASSERT_EQUAL(lv.shown, 3);
    CU_ASSERT_STRING_EQUAL(lv.linked[2].key, "N1");
    links_free(ix);
    drop(rs, n);
}

/* A booking larger than the ones scanned for the payer's name: the same answers. */
static void test_large_booking_payer(void)
{
    enum { N = 40 };
    record *rs[N];
    char spec[300];
    for (int i = 0; i < N; i++) {
        /* the first pays for everyone and travels; the last's payer does not travel */
        snprintf(spec, sizeof spec, DEP "passenger_id=S%d;record_locator=SCHOOL;surname=S%c%c;given_names=KID;"
                 "date_of_birth=2012-01-01;payer_surname=%s;payer_given_names=%s", i, 'A' + i % 26, 'A' + i / 26,
                 i == N - 1 ? "NOBODY" : "SAA", i == N - 1 ? "HERE" : "KID");
        rs[i] = make(traveller, spec);
    }
    links_index *ix = index_of(traveller, rs, N, 7);
    for (int i = 0; i < N; i++) {
        int hashed = boolean_of(ix, rs[i], BOOKING_PAYER_TRAVELS);
        links_attach_at(ix, rs[i], i);
        CU_ASSERT_EQUAL(boolean_of(ix, rs[i], BOOKING_PAYER_TRAVELS), hashed);
        CU_ASSERT_EQUAL(hashed, i == N - 1 ? 0 : 1);
        CU_ASSERT_EQUAL(boolean_of(ix, rs[i], BOOKING_IS_PAYER), i == 0);
    }
    CU_ASSERT_EQUAL(integer_of(ix, rs[0], BOOKING_PARTY_SIZE), N);
    links_free(ix);
    drop(rs, N);
}

static void test_setup(void)
{
    vg_error err;
    traveller = schema_load("scenarios/schemas/traveller.yaml", &err);
    shipment = schema_load("scenarios/schemas/shipment.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(traveller);
    CU_ASSERT_PTR_NOT_NULL_FATAL(shipment);
}

static void test_teardown(void)
{
    schema_free(traveller);
    schema_free(shipment);
}

UNIT_MAIN("links",
          { "schemas load", test_setup },
          { "value tables, schema links", test_tables },
          { "booking values: an escort of four minors, a family of five", test_family_and_escort },
          { "unknown ages and surnames, no locator, no index", test_unknowns },
          { "a phone on three bookings in three spellings, missing phones, first seen, batches", test_shared_phone },
          { "the payer key, first-seen shippers", test_payer_key_and_shipper },
          { "a value one record has: the record alone, in values and explanation", test_value_alone },
          { "the store's history: kept rows, counted in links, never in bookings", test_history },
          { "an index for link values only: no bookings, the same link values", test_links_only },
          { "attached by ordinal: the values of the hashes; another record is hashed", test_attach_by_ordinal },
          { "a booking too large to scan: the payer among its names", test_large_booking_payer },
          { "schemas freed", test_teardown })
