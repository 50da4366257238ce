/* unit_readers.c - CSV, NDJSON and YAML readers on good and malformed manifests (fixtures/readers). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "reader.h"
#include "unit.h"

#define DIR "fixtures/readers/"

#include "shipped_schemas.h"
#include "stderr_capture.h"

/* What one reader_next call must give. */
typedef struct expected {
    read_status status;
    long line;
    const char *key;     /* READ_RECORD: the key */
    const char *field;   /* otherwise: err.field */
    const char *message; /* otherwise: a part of err.message */
} expected;

/* Read the whole file and compare each step with want (ended by READ_EOF or READ_FATAL). */
static void expect_sequence(const char *path, const char *kind, const expected *want)
{
    vg_error err;
    reader *r = reader_open(path, shipped(), kind, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    for (int i = 0;; i++) {
        read_status st = reader_next(r, &rec, &err);
        const expected *w = &want[i];
        bool ok = st == w->status;
        if (ok && st == READ_RECORD)
            ok = rec.line == w->line && strcmp(record_key(&rec), w->key) == 0 && rec.source &&
                 strcmp(rec.source, path) == 0;
        if (ok && (st == READ_REJECT || st == READ_FATAL))
            ok = err.line == w->line && strcmp(err.field, w->field) == 0 &&
                 strstr(err.message, w->message) && strcmp(err.file, path) == 0;
        CU_ASSERT_TRUE(ok);
        if (!ok) {
            fprintf(stderr, "%s step %d: got status %d line %ld key '%s' field '%s' message '%s'\n",
                    path, i, st, st == READ_RECORD ? rec.line : err.line,
                    st == READ_RECORD ? record_key(&rec) : "", err.field, err.message);
            break;
        }
        if (st == READ_EOF || st == READ_FATAL) break;
    }
    record_free(&rec);
    reader_close(r);
}

/* reader_open must fail with this line and message part. */
static void expect_open_error(const char *path, const char *kind, long line, const char *message)
{
    vg_error err;
    error_clear(&err);
    reader *r = reader_open(path, shipped(), kind, &err);
    CU_ASSERT_PTR_NULL(r);
    reader_close(r);
    bool ok = err.line == line && strstr(err.message, message) && strcmp(err.file, path) == 0;
    CU_ASSERT_TRUE(ok);
    if (!ok) fprintf(stderr, "%s: open error line %ld: %s\n", path, err.line, err.message);
}

/* Every slot of every record, rendered, one line per record. */
static char *render_all(const char *path, const char *kind, int *count)
{
    vg_error err;
    reader *r = reader_open(path, shipped(), kind, &err);
    if (!r) return NULL;
    record rec;
    record_init(&rec, reader_schema(r));
    size_t cap = 1 << 16, used = 0;
    char *out = calloc(1, cap);
    *count = 0;
    while (reader_next(r, &rec, &err) == READ_RECORD) {
        (*count)++;
        for (int i = 0; i < rec.schema->field_count; i++) {
            char buf[512];
            const value *v = record_get(&rec, i);
            value_format(v, buf, sizeof buf);
            used += (size_t)snprintf(out + used, cap - used, "%s=%d:%s;", rec.schema->fields[i].name,
                                     v->kind, buf);
        }
        used += (size_t)snprintf(out + used, cap - used, "\n");
    }
    record_free(&rec);
    reader_close(r);
    return out;
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}


static int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* ---- good input --------------------------------------------------------------------- */

static void test_csv_good(void)
{
    vg_error err;
    reader *r = reader_open(DIR "traveller_good.csv", shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const schema *s = reader_schema(r);
    CU_ASSERT_STRING_EQUAL(s->kind, "traveller"); /* inferred from the passenger_id column */
    record rec;
    record_init(&rec, s);
    static const long lines[] = { 2, 3, 5, 6, 7 }; /* the second record spans lines 3-4 */
    static const char *const keys[] = { "ABC123-1", "DEF456-1", "DEF456-2", "GHI789-1", "JKL012-1" };
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
        CU_ASSERT_EQUAL(rec.line, lines[i]);
        CU_ASSERT_STRING_EQUAL(record_key(&rec), keys[i]);
        CU_ASSERT_TRUE(reader_bytes_read(r) > 0 && reader_bytes_read(r) <= file_size(DIR "traveller_good.csv"));
        if (i == 0) {
            CU_ASSERT_EQUAL(record_get_field(&rec, "age")->as.i, 16);
            CU_ASSERT_EQUAL(record_get_field(&rec, "booking_lead_hours")->as.i, 48);
            CU_ASSERT_EQUAL(record_get_field(&rec, "trip_hours")->as.i, 12);
            CU_ASSERT_EQUAL(record_get_field(&rec, "leg_count")->as.i, 2);
            CU_ASSERT_TRUE(record_get_field(&rec, "one_way")->as.b);
            CU_ASSERT_EQUAL(record_get_field(&rec, "baggage_count")->kind, V_INTEGER);
            CU_ASSERT_EQUAL(record_get_field(&rec, "travel_agency")->kind, V_MISSING);
        }
        if (i == 1) {
            CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "given_names")->as.s, "LUC, PAUL");
            CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "travel_agency")->as.s,
                                   "Agence \"Soleil\", Montreal\nSuite 4");
            CU_ASSERT_EQUAL(record_get_field(&rec, "age")->as.i, 46); /* born on Feb 29 */
        }
        if (i == 4) {
            CU_ASSERT_EQUAL(record_get_field(&rec, "age")->kind, V_MISSING);
            CU_ASSERT_EQUAL(record_get_field(&rec, "itinerary")->kind, V_MISSING);
            CU_ASSERT_EQUAL(record_get_field(&rec, "leg_count")->kind, V_MISSING);
        }
    }
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF);
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF); /* and it stays there */
    CU_ASSERT_EQUAL(reader_bytes_read(r), file_size(DIR "traveller_good.csv"));
    record_free(&rec);
    reader_close(r);
}

static void test_same_records_in_every_format(void)
{
    static const char *const bases[] = { DIR "traveller_good", DIR "shipment_good" };
    static const int counts[] = { 5, 3 };
    for (int b = 0; b < 2; b++) {
        char path[128];
        int n_csv = 0, n_json = 0, n_yaml = 0;
        snprintf(path, sizeof path, "%s.csv", bases[b]);
        char *csv = render_all(path, NULL, &n_csv);
        snprintf(path, sizeof path, "%s.ndjson", bases[b]);
        char *json = render_all(path, NULL, &n_json);
        snprintf(path, sizeof path, "%s.yaml", bases[b]);
        char *yaml = render_all(path, NULL, &n_yaml);
        CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
        CU_ASSERT_PTR_NOT_NULL_FATAL(json);
        CU_ASSERT_PTR_NOT_NULL_FATAL(yaml);
        CU_ASSERT_EQUAL(n_csv, counts[b]);
        CU_ASSERT_EQUAL(n_json, counts[b]);
        CU_ASSERT_EQUAL(n_yaml, counts[b]);
        CU_ASSERT_STRING_EQUAL(csv, json);
        CU_ASSERT_STRING_EQUAL(csv, yaml);
        free(csv);
        free(json);
        free(yaml);
    }
}

/* A row of one line without quotes is split on the line itself; any other row goes
 * through the scanner. Both must read the same values: the same rows written plain,
 * with blanks and tabs around fields, with CRLF, and with every field quoted. */
static void test_csv_plain_rows_as_scanned(void)
{
    static const char header[] =
        "passenger_id,record_locator,surname,given_names,date_of_birth,sex,nationality,country_of_birth,"
        "document_type,document_number,document_issuing_state,document_expiry,carrier,flight_number,departure,"
        "arrival,origin,destination,itinerary,booking_date,one_way,form_of_payment,payer_surname,payer_given_names,"
        "travel_agency,contact_phone,contact_email,frequent_flyer,baggage_count,party_size,unaccompanied_minor,"
        "checkin_status,seat,ticket_number,meal_request,medical_request";
    static const char *const rows[] = {
        "GHI789-1,GHI789,NGUYEN,AN,1995-07-20,X,VNM,VNM,P,C7654321,VNM,2027-05-05,QR,QR763,2026-12-04T01:20:00Z,"
        "2026-12-04T19:45:00Z,HAN,YYZ,HAN|DOH|YYZ,2026-12-03T22:00:00Z,true,INV,TRAN,MINH,12345678,,,,1,1,false,"
        "GO_SHOW,,1571234567890,,WCHR",
        "JKL012-1,JKL012,OKAFOR,,,,NGA,,P,,NGA,,ET,ET502,2026-12-05T23:00:00Z,,ADD,YYZ,,,,,,,,,,,,,,BOOKED,,,,",
        "MNO345-1,MNO345,LE ROUX,ANNE MARIE,1971-01-09,F,FRA,FRA,P,09AB12345,FRA,2029-09-09,AF,AF346,"
        "2026-12-06T13:00:00Z,2026-12-06T15:30:00Z,CDG,YUL,CDG|YUL,2026-10-01T08:00:00Z,false,CC,LE ROUX,"
        "ANNE MARIE,,+33100000000,anne@example.fr,,2,1,false,CHECKED_IN,21F,0571234567890,,",
    };
    char *rendered[4] = { NULL };
    for (int style = 0; style < 4; style++) {
        char path[] = "/tmp/vigie-unit-csv-XXXXXX.csv";
        int fd = mkstemps(path, 4);
        CU_ASSERT_FATAL(fd >= 0);
        FILE *f = fdopen(fd, "w");
        fprintf(f, "%s\n", header);
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            const char *end = style == 2 ? "\r\n" : "\n";
            if (style == 0 || style == 2) {
                fprintf(f, "%s%s", rows[k], end);
                continue;
            }
            /* 1: blanks and tabs around every field; 3: every field quoted */
            const char *at = rows[k];
            for (;;) {
                const char *comma = strchr(at, ',');
                int n = comma ? (int)(comma - at) : (int)strlen(at);
                if (style == 1) fprintf(f, " \t%.*s\t ", n, at);
                else fprintf(f, "\"%.*s\"", n, at);
                if (!comma) break;
                fputc(',', f);
                at = comma + 1;
            }
            fputs(end, f);
        }
        fclose(f);
        int count = 0;
        rendered[style] = render_all(path, "traveller", &count);
        CU_ASSERT_PTR_NOT_NULL_FATAL(rendered[style]);
        CU_ASSERT_EQUAL(count, 3);
        if (style > 0) CU_ASSERT_STRING_EQUAL(rendered[style], rendered[0]);
        remove(path);
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(rendered[0], "surname=1:LE ROUX;"));
    for (int style = 0; style < 4; style++) free(rendered[style]);
}

/* Members are found by name whatever their order: the NDJSON reader remembers the
 * names at each position of the last object and must not trust them blindly. */
static void test_ndjson_member_order(void)
{
    static const char *const lines[] = {
        "{\"passenger_id\": \"A-1\", \"surname\": \"DOE\", \"baggage_count\": 2, \"one_way\": true}\n",
        "{\"surname\": \"DOE\", \"passenger_id\": \"A-1\", \"one_way\": true, \"baggage_count\": 2}\n",
        "{\"passenger_id\": \"A-1\", \"remark\": \"x\", \"surname\": \"DOE\", \"baggage_count\": 2, \"one_way\": true}\n",
        "{\"one_way\": true, \"baggage_count\": 2, \"surname\": \"DOE\", \"passenger_id\": \"A-1\"}\n",
    };
    char path[] = "/tmp/vigie-unit-ndjson-XXXXXX.ndjson";
    int fd = mkstemps(path, 7);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) fputs(lines[k], f);
    fputs("{\"passenger_id\": \"A-2\", \"surname\": \"DOE\", \"surname\": \"ROE\"}\n", f);
    fclose(f);
    int count = 0;
    stderr_capture(); /* the unknown member is warned about once */
    char *all = render_all(path, "traveller", &count);
    char *warned = stderr_release();
    CU_ASSERT_EQUAL(count_of(warned, "'remark' is not a field"), 1);
    free(warned);
    CU_ASSERT_PTR_NOT_NULL_FATAL(all);
    CU_ASSERT_EQUAL(count, 8); /* the last object gives surname twice: rejected */
    const char *first = all, *eol = strchr(all, '\n');
    size_t len = (size_t)(eol - first + 1);
    for (const char *line = all; *line; line += len) CU_ASSERT_EQUAL(strncmp(line, first, len), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(first, "surname=1:DOE;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(first, "baggage_count=2:2;"));
    free(all);
    remove(path);
}

static void test_shipment_derived(void)
{
    vg_error err;
    reader *r = reader_open(DIR "shipment_good.ndjson", shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(reader_schema(r)->kind, "shipment");
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "loading_country")->as.s, "CN");
    CU_ASSERT_EQUAL(record_get_field(&rec, "transshipment_count")->as.i, 2);
    CU_ASSERT_DOUBLE_EQUAL(record_get_field(&rec, "value_per_kg")->as.n, 48000.5 / 21000, 1e-12);
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "hs_code")->as.s, "520100");
    CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(record_get_field(&rec, "value_per_kg")->kind, V_MISSING); /* 0 kg */
    CU_ASSERT_EQUAL(record_get_field(&rec, "transshipment_count")->kind, V_MISSING);
    CU_ASSERT_EQUAL(record_get_field(&rec, "declared_value")->as.n, 250000.0);
    CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "loading_country")->as.s, "VN"); /* from "vnsgn" */
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF);
    record_free(&rec);
    reader_close(r);
}

static void test_csv_crlf_and_quoted_newlines(void)
{
    static const expected want[] = {
        { READ_RECORD, 2, "C-1", NULL, NULL },
        { READ_RECORD, 3, "C-2", NULL, NULL },
        { READ_RECORD, 6, "C-3", NULL, NULL }, /* after a quoted newline and a blank line */
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    expect_sequence(DIR "traveller_crlf.csv", "traveller", want);

    vg_error err;
    reader *r = reader_open(DIR "traveller_crlf.csv", shipped(), "traveller", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "given_names")->as.s, "JANE"); /* no \r left */
    CU_ASSERT_EQUAL(record_get_field(&rec, "baggage_count")->as.i, 1);
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "surname")->as.s, "MULTI\r\nLINE");
    CU_ASSERT_STRING_EQUAL(record_get_field(&rec, "given_names")->as.s, "ANN");
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(record_get_field(&rec, "given_names")->kind, V_MISSING); /* "" */
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF);
    CU_ASSERT_EQUAL(reader_bytes_read(r), file_size(DIR "traveller_crlf.csv"));
    record_free(&rec);
    reader_close(r);
}

static void test_byte_order_mark(void)
{
    static const expected want[] = {
        { READ_RECORD, 2, "B-1", NULL, NULL },
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    expect_sequence(DIR "traveller_bom.csv", NULL, want); /* the first column is passenger_id */
    static const expected want_json[] = {
        { READ_RECORD, 1, "B-1", NULL, NULL },
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    expect_sequence(DIR "traveller_bom.ndjson", NULL, want_json);
}

/* ---- malformed input ---------------------------------------------------------------- */

static void test_csv_malformed(void)
{
    static const expected want[] = {
        { READ_RECORD, 2, "T-1", NULL, NULL },
        { READ_REJECT, 3, NULL, "(line)", "malformed quoting" },
        { READ_REJECT, 4, NULL, "(line)", "expected 9 columns as in the header, found 6" },
        { READ_REJECT, 5, NULL, "baggage_count", "cannot convert \"2x\" to integer" },
        { READ_REJECT, 6, NULL, "date_of_birth", "cannot convert \"2023-02-29\" to date: no such day" },
        { READ_REJECT, 7, NULL, "passenger_id", "no passenger_id" },
        { READ_RECORD, 9, "T-6", NULL, NULL },  /* line 8 is blank */
        { READ_RECORD, 11, "T-7", NULL, NULL }, /* the last line has no newline */
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    stderr_capture();
    expect_sequence(DIR "traveller_bad.csv", NULL, want);
    char *warnings = stderr_release();
    /* unknown and derived columns are reported once and ignored */
    CU_ASSERT_EQUAL(count_of(warnings, "'loyalty_tier' is not a field of traveller"), 1);
    CU_ASSERT_EQUAL(count_of(warnings, "'age' is computed, not read"), 1);
    free(warnings);

    /* the derived column's value in the file (99) is not what the record holds */
    vg_error err;
    stderr_capture(); /* CSV reports unknown columns when it reads the header */
    reader *r = reader_open(DIR "traveller_bad.csv", shipped(), "traveller", &err);
    free(stderr_release());
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(record_get_field(&rec, "age")->as.i, 16);
    record_free(&rec);
    reader_close(r);
}

static void test_csv_unbalanced_quotes_recover(void)
{
    static const expected want[] = {
        { READ_RECORD, 2, "U-1", NULL, NULL },
        { READ_REJECT, 3, NULL, "(line)", "the error shows at line 4" },
        { READ_REJECT, 4, NULL, "(line)", "malformed quoting" },
        { READ_RECORD, 5, "U-4", NULL, NULL },
        { READ_REJECT, 6, NULL, "(line)", "the error shows at line 7" }, /* open at the end of file */
        { READ_RECORD, 7, "U-6", NULL, NULL },                      /* read again after it */
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    expect_sequence(DIR "traveller_unbalanced.csv", NULL, want);
}

static void test_open_errors(void)
{
    expect_open_error(DIR "empty.csv", NULL, 0, "no header row");
    expect_open_error(DIR "traveller_nokey.csv", NULL, 1, "cannot tell the record kind");
    expect_open_error(DIR "traveller_nokey.csv", "traveller", 1, "no column for the key field");
    expect_open_error(DIR "traveller_good.csv", "shipment", 1, "no column for the key field");
    expect_open_error(DIR "ambiguous.csv", NULL, 1, "the key fields of 2 schemas");
    expect_open_error(DIR "traveller_good.csv", "vessel", 0, "unknown record kind 'vessel'");
    expect_open_error(DIR "no_such_file.csv", NULL, 0, "cannot open");
    expect_open_error(DIR "no_such_file.ndjson", NULL, 0, "cannot open");
    expect_open_error(DIR "no_such_file.yaml", NULL, 0, "cannot open");
    expect_open_error(DIR "traveller_good.txt", NULL, 0, "unknown manifest format");
    expect_open_error("fixtures/readers", NULL, 0, "unknown manifest format");
}

static void test_ndjson_malformed(void)
{
    static const expected want[] = {
        { READ_RECORD, 1, "N-1", NULL, NULL },
        { READ_REJECT, 2, NULL, "(line)", "not a JSON object" },
        { READ_REJECT, 3, NULL, "baggage_count", "expected integer, got 2.5" },
        { READ_REJECT, 5, NULL, "itinerary", "expected a list, got a JSON number" },
        { READ_REJECT, 6, NULL, "one_way", "cannot convert \"maybe\" to boolean" },
        { READ_REJECT, 7, NULL, "surname", "expected string, got a JSON object" },
        { READ_REJECT, 8, NULL, "passenger_id", "no passenger_id" },
        { READ_REJECT, 9, NULL, "surname", "given twice" },
        { READ_REJECT, 10, NULL, "date_of_birth", "expected date, got a JSON number" },
        { READ_REJECT, 11, NULL, "(line)", "not valid JSON" },
        { READ_REJECT, 12, NULL, "itinerary", "expected a list of strings" },
        { READ_RECORD, 13, "N-10", NULL, NULL },
        { READ_REJECT, 14, NULL, "(line)", "not valid JSON" }, /* text after the object */
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    stderr_capture();
    expect_sequence(DIR "traveller_bad.ndjson", NULL, want);
    char *warnings = stderr_release();
    CU_ASSERT_EQUAL(count_of(warnings, "'loyalty_tier'"), 1); /* on two lines, reported once */
    CU_ASSERT_EQUAL(count_of(warnings, "'age'"), 1);
    free(warnings);

    vg_error err;
    reader *r = reader_open(DIR "traveller_bad.ndjson", shipped(), "traveller", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    stderr_capture();
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    const value *it = record_get_field(&rec, "itinerary");
    CU_ASSERT_EQUAL_FATAL(it->len, 2); /* the blank item is dropped */
    CU_ASSERT_STRING_EQUAL(it->as.items[1], "YUL");
    CU_ASSERT_EQUAL(record_get_field(&rec, "baggage_count")->as.i, 2);
    while (reader_next(r, &rec, &err) != READ_RECORD) continue;
    free(stderr_release());
    CU_ASSERT_STRING_EQUAL(record_key(&rec), "N-10");
    CU_ASSERT_EQUAL(record_get_field(&rec, "party_size")->as.i, 100); /* 1e2 is integral */
    CU_ASSERT_EQUAL(record_get_field(&rec, "one_way")->kind, V_MISSING); /* null */
    CU_ASSERT_EQUAL(record_get_field(&rec, "departure")->as.datetime,
                    days_from_civil(2026, 12, 1) * 86400 + 10 * 3600); /* +02:00 to UTC */
    CU_ASSERT_EQUAL(record_get_field(&rec, "age")->kind, V_MISSING); /* "age": 40 is ignored */
    record_free(&rec);
    reader_close(r);
}

static void test_yaml_malformed(void)
{
    static const expected want[] = {
        { READ_RECORD, 2, "Y-1", NULL, NULL },
        { READ_REJECT, 5, NULL, "baggage_count", "cannot convert \"two\" to integer" },
        { READ_REJECT, 7, NULL, "(line)", "a record is a mapping" },
        { READ_REJECT, 8, NULL, "surname", "expected string, got a sequence" },
        { READ_REJECT, 10, NULL, "passenger_id", "no passenger_id" },
        { READ_REJECT, 11, NULL, "itinerary", "expected a list of strings" },
        { READ_RECORD, 15, "Y-5", NULL, NULL },
        { READ_EOF, 0, NULL, NULL, NULL },
    };
    stderr_capture();
    expect_sequence(DIR "traveller_bad.yaml", NULL, want);
    free(stderr_release());

    vg_error err;
    reader *r = reader_open(DIR "traveller_bad.yaml", shipped(), "traveller", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    stderr_capture();
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(record_get_field(&rec, "itinerary")->len, 2); /* ~ item dropped */
    CU_ASSERT_TRUE(record_get_field(&rec, "one_way")->as.b);
    while (reader_next(r, &rec, &err) != READ_RECORD) continue;
    free(stderr_release());
    CU_ASSERT_EQUAL(record_get_field(&rec, "age")->as.i, 17); /* Feb 29 birthday, Feb 28 departure */
    CU_ASSERT_EQUAL(record_get_field(&rec, "baggage_count")->kind, V_MISSING);
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF);
    CU_ASSERT_EQUAL(reader_bytes_read(r), file_size(DIR "traveller_bad.yaml"));
    record_free(&rec);
    reader_close(r);
}

static void test_yaml_syntax_error_is_fatal(void)
{
    static const expected want[] = {
        { READ_RECORD, 1, "S-1", NULL, NULL },
        { READ_FATAL, 6, NULL, "", "YAML syntax error" },
    };
    expect_sequence(DIR "traveller_syntax.yaml", "traveller", want);

    vg_error err;
    reader *r = reader_open(DIR "traveller_syntax.yaml", shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_FATAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "starts at line 4"));
    error_clear(&err);
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_FATAL); /* said again */
    CU_ASSERT_EQUAL(err.line, 6);
    record_free(&rec);
    reader_close(r);
}

static void test_yaml_not_a_sequence(void)
{
    expect_open_error(DIR "traveller_mapping.yaml", "traveller", 1, "sequence of records, not a mapping");
    expect_open_error(DIR "traveller_mapping.yaml", NULL, 1, "sequence of records, not a mapping");
}

/* A reader keeping only some fields reads and rejects the same records, with the same
 * messages; the fields kept (and the ones a kept derived field reads) have their
 * values, the other texts and lists none. */
static void expect_keep_only_same(const char *path)
{
    vg_error err, kerr;
    reader *all = reader_open(path, shipped(), NULL, &err);
    reader *some = reader_open(path, shipped(), NULL, &kerr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(all);
    CU_ASSERT_PTR_NOT_NULL_FATAL(some);
    const schema *s = reader_schema(all);
    bool *keep = calloc((size_t)s->field_count + 1, sizeof *keep);
    keep[s->key_index] = true;
    int age = schema_field_index(s, "age"), surname = schema_field_index(s, "surname");
    if (age >= 0) keep[age] = true;
    reader_keep_only(some, keep);
    free(keep);
    record a, b;
    record_init(&a, s);
    record_init(&b, s);
    for (int n = 0; n < 1000; n++) {
        read_status sa = reader_next(all, &a, &err), sb = reader_next(some, &b, &kerr);
        CU_ASSERT_EQUAL_FATAL(sa, sb);
        if (sa == READ_RECORD) {
            CU_ASSERT_STRING_EQUAL(record_key(&a), record_key(&b));
            CU_ASSERT_EQUAL(a.line, b.line);
            if (age >= 0) {
                CU_ASSERT_EQUAL(a.slots[age].kind, b.slots[age].kind);
                CU_ASSERT_EQUAL(a.slots[age].as.i, b.slots[age].as.i);
            }
            if (surname >= 0) CU_ASSERT_EQUAL(b.slots[surname].kind, V_MISSING);
        } else if (sa == READ_REJECT || sa == READ_FATAL) {
            CU_ASSERT_EQUAL(err.line, kerr.line);
            CU_ASSERT_STRING_EQUAL(err.field, kerr.field);
            CU_ASSERT_STRING_EQUAL(err.message, kerr.message);
        }
        if (sa == READ_EOF || sa == READ_FATAL) break;
    }
    record_free(&a);
    record_free(&b);
    reader_close(all);
    reader_close(some);
}

static void test_keep_only(void)
{
    static const char *const paths[] = { DIR "traveller_good.csv", DIR "traveller_good.ndjson", DIR "traveller_good.yaml",
                                         DIR "traveller_bad.csv", DIR "traveller_bad.ndjson", DIR "traveller_bad.yaml",
                                         DIR "traveller_unbalanced.csv", DIR "shipment_good.csv" };
    stderr_capture(); /* unknown columns are warned about */
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) expect_keep_only_same(paths[i]);
    free(stderr_release());
}

UNIT_MAIN("readers",
          { "NDJSON members are found whatever their order", test_ndjson_member_order },
          { "a plain CSV row reads as the scanner reads it", test_csv_plain_rows_as_scanned },
          { "CSV: records, lines, values, derived, bytes read", test_csv_good },
          { "CSV, NDJSON and YAML give the same records", test_same_records_in_every_format },
          { "shipment derived values through NDJSON", test_shipment_derived },
          { "CSV: CRLF, quoted newlines, blank lines", test_csv_crlf_and_quoted_newlines },
          { "a UTF-8 byte order mark is skipped", test_byte_order_mark },
          { "CSV: quoting, column count, types, key, unknown columns", test_csv_malformed },
          { "CSV: unbalanced quotes are rejected and reading resumes", test_csv_unbalanced_quotes_recover },
          { "open errors: empty, no key, ambiguous, kind, file, format", test_open_errors },
          { "NDJSON: not objects, wrong JSON types, key, duplicates", test_ndjson_malformed },
          { "YAML: wrong types, non-mappings, key, null values", test_yaml_malformed },
          { "YAML: a syntax error is fatal and names its line", test_yaml_syntax_error_is_fatal },
          { "YAML: a file that is not a sequence", test_yaml_not_a_sequence },
          { "keeping only some fields: the same records and rejects", test_keep_only })
