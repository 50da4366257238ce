/* unit_edifact.c - the EDIFACT readers (PAXLST, PNRGOV) on fixtures/readers/edifact and,
 * when present, on the real messages of ../shared/edifact (never copied into the project). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "reader_edifact.h"
#include "unit.h"

#define DIR "fixtures/readers/edifact/"
#define SHARED "../shared/edifact/"
#define TEST_KEY "vigie-unit-test-key-0123"

#include "shipped_schemas.h"
#include "stderr_capture.h"

/* Every slot of every record, rendered, one line per record; rejects as "REJECT file:line: field: message". */
static char *render_all(const char *path, const char *kind, int *records, int *rejects)
{
    vg_error err;
    reader *r = reader_open(path, shipped(), kind, &err);
    if (!r) return NULL;
    record rec;
    record_init(&rec, reader_schema(r));
    size_t cap = 1 << 20, used = 0;
    char *out = calloc(1, cap);
    *records = *rejects = 0;
    read_status st;
    while ((st = reader_next(r, &rec, &err)) == READ_RECORD || st == READ_REJECT) {
        if (st == READ_REJECT) {
            char line[1024];
            error_format(&err, line, sizeof line);
            (*rejects)++;
            used += (size_t)snprintf(out + used, cap - used, "REJECT %s\n", line);
            continue;
        }
        (*records)++;
        for (int i = 0; i < rec.schema->field_count && used < cap - 1024; i++) {
            char buf[512];
            const value *v = record_get(&rec, i);
            value_format(v, buf, sizeof buf);
            used += (size_t)snprintf(out + used, cap - used, "%s=%d:%s;", rec.schema->fields[i].name, v->kind, buf);
        }
        used += (size_t)snprintf(out + used, cap - used, "\n");
    }
    record_free(&rec);
    reader_close(r);
    return out;
}


/* ---- the same records as the equivalent CSV ---------------------------------------- */

static void expect_same_as_csv(const char *base, int count)
{
    char edi[128], csv[128];
    snprintf(edi, sizeof edi, DIR "%s.edi", base);
    snprintf(csv, sizeof csv, DIR "%s.csv", base);
    int n_edi, n_csv, r_edi, r_csv;
    char *a = render_all(edi, NULL, &n_edi, &r_edi);
    char *b = render_all(csv, NULL, &n_csv, &r_csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(n_edi, count);
    CU_ASSERT_EQUAL(n_csv, count);
    CU_ASSERT_EQUAL(r_edi, 0);
    CU_ASSERT_STRING_EQUAL(a, b);
    if (strcmp(a, b) != 0) fprintf(stderr, "%s:\n%s\nCSV:\n%s\n", edi, a, b);
    free(a);
    free(b);
}

static void test_paxlst_same_as_csv(void)
{
    /* two interchanges, a group of two messages, UNA with other separators, release characters */
    expect_same_as_csv("paxlst_good", 4);
}

static void test_pnrgov_same_as_csv(void)
{
    setenv("VIGIE_CARD_KEY", TEST_KEY, 1);
    expect_same_as_csv("pnrgov_good", 4);
    unsetenv("VIGIE_CARD_KEY");
}

static void test_line_numbers_and_counts(void)
{
    vg_error err;
    reader *r = reader_open(DIR "paxlst_good.edi", shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    static const long lines[] = { 12, 25, 51, 71 };
    static const char *const keys[] = { "DEF456-1", "M0001-2", "M0002-1", "M0003-1" };
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
        CU_ASSERT_EQUAL(rec.line, lines[i]);
        CU_ASSERT_STRING_EQUAL(record_key(&rec), keys[i]);
    }
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_EOF);
    CU_ASSERT_EQUAL(edifact_message_count(r), 3);
    CU_ASSERT_EQUAL(edifact_booking_count(r), 0);
    record_free(&rec);
    reader_close(r);

    r = reader_open(DIR "pnrgov_good.edi", shipped(), "traveller", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record_init(&rec, reader_schema(r));
    int n = 0;
    while (reader_next(r, &rec, &err) == READ_RECORD) n++;
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT_EQUAL(edifact_message_count(r), 2);
    CU_ASSERT_EQUAL(edifact_booking_count(r), 3);
    record_free(&rec);
    reader_close(r);
}

/* A byte order mark and CRLF line ends (as the CSV and NDJSON readers take them): the same
 * records, at the same lines. */
static void test_byte_order_mark_and_crlf(void)
{
    char path[] = "/tmp/vigie_unit_edifact_crlf_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *in = fopen(DIR "paxlst_good.edi", "rb");
    FILE *out = fdopen(fd, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    fputs("\xEF\xBB\xBF", out);
    int c;
    while ((c = fgetc(in)) != EOF) {
        if (c == '\n') fputc('\r', out);
        fputc(c, out);
    }
    fclose(in);
    fclose(out);
    char renamed[64];
    snprintf(renamed, sizeof renamed, "%s.edi", path);
    CU_ASSERT_EQUAL_FATAL(rename(path, renamed), 0);
    int n1, n2, r1, r2;
    char *plain = render_all(DIR "paxlst_good.edi", NULL, &n1, &r1);
    char *crlf = render_all(renamed, NULL, &n2, &r2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
    CU_ASSERT_PTR_NOT_NULL_FATAL(crlf);
    CU_ASSERT_EQUAL(n2, 4);
    CU_ASSERT_EQUAL(r2, 0);
    CU_ASSERT_STRING_EQUAL(plain, crlf);
    vg_error err;
    reader *r = reader_open(renamed, shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL(rec.line, 12);
    record_free(&rec);
    reader_close(r);
    unlink(renamed);
    free(plain);
    free(crlf);
}

/* ---- the card number ------------------------------------------------------------------- */

static void test_card_fingerprint(void)
{
    int n, rejects;
    unsetenv("VIGIE_CARD_KEY");
    char *none = render_all(DIR "pnrgov_good.edi", NULL, &n, &rejects);
    setenv("VIGIE_CARD_KEY", TEST_KEY, 1);
    char *one = render_all(DIR "pnrgov_good.edi", NULL, &n, &rejects);
    setenv("VIGIE_CARD_KEY", "another-key-of-enough-length", 1);
    char *other = render_all(DIR "pnrgov_good.edi", NULL, &n, &rejects);
    setenv("VIGIE_CARD_KEY", "short", 1);
    char *short_key = render_all(DIR "pnrgov_good.edi", NULL, &n, &rejects);
    unsetenv("VIGIE_CARD_KEY");
    CU_ASSERT_PTR_NOT_NULL_FATAL(none);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    CU_ASSERT_PTR_NOT_NULL_FATAL(short_key);
    /* without a key (or with one too short to be a secret): no fingerprint at all */
    CU_ASSERT_PTR_NULL(strstr(none, "card_fingerprint=1:"));
    CU_ASSERT_PTR_NULL(strstr(short_key, "card_fingerprint=1:"));
    /* with one: the same card written with and without spaces gives the same fingerprint */
    const char *first = strstr(one, "card_fingerprint=1:");
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    char fingerprint[64];
    snprintf(fingerprint, sizeof fingerprint, "%.51s", first);
    CU_ASSERT_EQUAL(strlen(fingerprint), 51); /* "card_fingerprint=1:" and 32 hex digits */
    CU_ASSERT_PTR_NOT_NULL(strstr(first + 1, fingerprint));
    /* another key, another fingerprint */
    CU_ASSERT_PTR_NULL(strstr(other, fingerprint));
    CU_ASSERT_PTR_NOT_NULL(strstr(other, "card_fingerprint=1:"));
    /* the card number itself is nowhere */
    const char *texts[] = { none, one, other, short_key };
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_PTR_NULL(strstr(texts[i], "4111111111111111"));
        CU_ASSERT_PTR_NULL(strstr(texts[i], "4111 1111"));
    }
    free(none);
    free(one);
    free(other);
    free(short_key);
}

/* ---- malformed messages ---------------------------------------------------------------- */

/* The whole output of a malformed fixture: its records' keys and its rejects, exactly. */
static void expect_output(const char *name, const char *want_rejects, int want_records, const char *want_stderr)
{
    char path[128];
    snprintf(path, sizeof path, DIR "%s", name);
    stderr_capture();
    int n, rejects;
    char *out = render_all(path, NULL, &n, &rejects);
    char *warnings = stderr_release();
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    /* keep only the REJECT lines */
    char got[4096] = "";
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, "REJECT ", 7) == 0) snprintf(got + strlen(got), sizeof got - strlen(got), "%s\n", line + 7);
    CU_ASSERT_STRING_EQUAL(got, want_rejects);
    CU_ASSERT_EQUAL(n, want_records);
    CU_ASSERT_STRING_EQUAL(warnings, want_stderr);
    if (strcmp(got, want_rejects) != 0 || strcmp(warnings, want_stderr) != 0 || n != want_records)
        fprintf(stderr, "%s: %d records\n%s---\n%s", name, n, got, warnings);
    free(out);
    free(warnings);
}

static void test_truncated(void)
{
    expect_output("bad_truncated.edi",
                  DIR "bad_truncated.edi:13: field '(message)': message 2 (UNH T2): the file ends at segment 4 "
                  "of the message, before its UNT\n",
                  1, "vigie: " DIR "bad_truncated.edi: warning: the file ends before the UNZ of the interchange opened at line 1\n");
}

static void test_bad_unt_count(void)
{
    expect_output("bad_unt_count.edi", "", 1,
                  "vigie: " DIR "bad_unt_count.edi:12: warning: message 1 (UNH G1): UNT says 12 segments, the message has 11\n"
                  "vigie: " DIR "bad_unt_count.edi:13: warning: UNZ says '3' messages, the interchange has 1\n");
}

static void test_unknown_segment_in_mandatory_position(void)
{
    expect_output("bad_mandatory.edi",
                  DIR "bad_mandatory.edi:3: field '(segment)': message 1 (UNH M1), segment 2 (NAD): expected BGM after UNH, got NAD\n",
                  1, "");
}

static void test_bad_date(void)
{
    expect_output("bad_date.edi",
                  DIR "bad_date.edi:5: field 'date_of_birth': message 1 (UNH D1), segment 4 (DTM): '851302' is not a "
                  "date (YYMMDD or CCYYMMDD)\n",
                  1, "");
}

static void test_missing_unh(void)
{
    expect_output("bad_no_unh.edi",
                  DIR "bad_no_unh.edi:2: field '(message)': segments 2 to 4 of the file (from BGM) are outside a message: "
                  "no UNH before them\n",
                  1, "");
}

static void test_release_character_at_end(void)
{
    expect_output("bad_release_end.edi",
                  DIR "bad_release_end.edi:15: field '(segment)': message 2 (UNH R2), segment 3 (NAD): the file ends after "
                  "a release character\n",
                  1, "vigie: " DIR "bad_release_end.edi: warning: the file ends before the UNZ of the interchange opened at line 1\n");
}

static void test_bad_tag_and_type(void)
{
    expect_output("bad_tag.edi",
                  DIR "bad_tag.edi:4: field '(segment)': message 1 (UNH B1), segment 3 (?): 'nad' is not a segment tag "
                  "(three capital letters or digits)\n"
                  DIR "bad_tag.edi:6: field '(message)': message 2 (UNH B2), segment 1 (UNH): message type 'INVOIC' is not "
                  "PAXLST or PNRGOV\n",
                  1, "");
}

/* PNRGOV: no MSG after UNH rejects the message; a bad SSR DOCS date rejects its traveller;
 * a bad leg date rejects the travellers of its booking. The UNA gives no release
 * character (a space), so '?' is data. */
static void test_pnrgov_malformed(void)
{
    expect_output("bad_pnrgov.edi",
                  DIR "bad_pnrgov.edi:4: field '(segment)': message 1 (UNH Q1), segment 2 (TVL): expected MSG after UNH, got TVL\n"
                  DIR "bad_pnrgov.edi:16: field 'date_of_birth': message 2 (UNH Q2), segment 9 (SSR): SSR DOCS date of birth "
                  "'31FEB99' is not a date (DDMMMYY)\n"
                  DIR "bad_pnrgov.edi:22: field 'departure': message 2 (UNH Q2), segment 15 (TVL): '3112:0900' is not a date "
                  "and time (DDMMYY:HHMM)\n",
                  1, "");
    int n, rejects;
    char *out = render_all(DIR "bad_pnrgov.edi", NULL, &n, &rejects);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "surname=1:WHO?;"));
    CU_ASSERT_EQUAL(rejects, 3);
    free(out);
}

static void test_open_errors(void)
{
    vg_error err;
    reader *r = reader_open(DIR "paxlst_good.edi", shipped(), "shipment", &err);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "give traveller records, not shipment"));
    r = reader_open(DIR "missing.edi", shipped(), NULL, &err);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot open"));
    /* a file with no EDIFACT in it (a CSV named .edi) is an error, not zero records */
    char path[] = "/tmp/vigie_unit_edifact_csv_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("passenger_id,surname\nA-1,DOE\n", f);
    fclose(f);
    char named[64];
    snprintf(named, sizeof named, "%s.edi", path);
    CU_ASSERT_EQUAL_FATAL(rename(path, named), 0);
    r = reader_open(named, shipped(), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_FATAL);
    CU_ASSERT_STRING_EQUAL(err.message, "no EDIFACT segment: the file has no UNA, UNB or UNH");
    record_free(&rec);
    reader_close(r);
    unlink(named);
}

/* ---- the real messages of ../shared/edifact ------------------------------------------------
 * expected.tsv (file, kind, messages, bookings, travellers) was counted by count.py, written
 * from the syntax rules apart from this reader. Every file reads with no reject. */
static void test_real_messages(void)
{
    FILE *f = fopen(SHARED "expected.tsv", "r");
    if (!f) {
        printf("unit_edifact: note: %s not present, the real-message test is skipped\n", SHARED);
        return;
    }
    char line[512];
    int files = 0;
    setenv("VIGIE_CARD_KEY", TEST_KEY, 1);
    while (fgets(line, sizeof line, f)) {
        char name[128], kind[32];
        long messages, bookings, travellers;
        if (sscanf(line, "%127s %31s %ld %ld %ld", name, kind, &messages, &bookings, &travellers) != 5) continue;
        char path[256];
        snprintf(path, sizeof path, SHARED "%s", name);
        vg_error err;
        stderr_capture(); /* the count warnings of the cut-down samples */
        reader *r = reader_open(path, shipped(), NULL, &err);
        long records = 0, rejects = 0;
        if (r) {
            record rec;
            record_init(&rec, reader_schema(r));
            read_status st;
            while ((st = reader_next(r, &rec, &err)) == READ_RECORD || st == READ_REJECT) {
                if (st == READ_RECORD) records++;
                else rejects++;
            }
            record_free(&rec);
        }
        free(stderr_release());
        CU_ASSERT_PTR_NOT_NULL(r);
        if (!r) continue;
        bool ok = records == travellers && rejects == 0 && edifact_message_count(r) == messages &&
                  edifact_booking_count(r) == bookings;
        CU_ASSERT_TRUE(ok);
        if (!ok)
            fprintf(stderr, "%s: %ld records (want %ld), %ld rejects, %ld messages (want %ld), %ld bookings (want %ld)\n",
                    name, records, travellers, rejects, edifact_message_count(r), messages,
                    edifact_booking_count(r), bookings);
        reader_close(r);
        files++;
    }
    unsetenv("VIGIE_CARD_KEY");
    fclose(f);
    CU_ASSERT_EQUAL(files, 24);
}

UNIT_MAIN("unit_edifact",
          { "PAXLST gives the records of the equivalent CSV", test_paxlst_same_as_csv },
          { "PNRGOV gives the records of the equivalent CSV", test_pnrgov_same_as_csv },
          { "line numbers, message and booking counts", test_line_numbers_and_counts },
          { "byte order mark and CRLF", test_byte_order_mark_and_crlf },
          { "card fingerprint keyed, card number kept nowhere", test_card_fingerprint },
          { "truncated message", test_truncated },
          { "bad UNT and UNZ counts warn", test_bad_unt_count },
          { "unknown segment in a mandatory position", test_unknown_segment_in_mandatory_position },
          { "bad date rejects one traveller", test_bad_date },
          { "segments without UNH", test_missing_unh },
          { "release character at the end of the file", test_release_character_at_end },
          { "bad tag and unknown message type", test_bad_tag_and_type },
          { "PNRGOV malformed: no MSG, bad DOCS date, bad leg date", test_pnrgov_malformed },
          { "open errors", test_open_errors },
          { "real PAXLST and PNRGOV messages (../shared/edifact)", test_real_messages })
