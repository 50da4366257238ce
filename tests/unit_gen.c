/* unit_gen.c - `vigie gen`: reproducibility, schema conformance, honest ground truth, synthetic-only contacts, errors. */
#include "unit.h"
#include "cmd.h"
#include "gen.h"
#include "lists.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>
#include <yaml.h>

/* ==== helpers ====================================================================== */

static char temp_dir[64];

static const char *temp_path(const char *name)
{
    static char paths[8][128];
    static int next;
    char *p = paths[next++ % 8];
    if (!temp_dir[0]) {
        snprintf(temp_dir, sizeof temp_dir, "/tmp/vigie_unit_gen_XXXXXX");
        if (!mkdtemp(temp_dir)) temp_dir[0] = '\0';
    }
    snprintf(p, 128, "%s/%s", temp_dir, name);
    return p;
}

/* Runs `vigie gen ARGS...` (the arguments after "gen", NULL-terminated). */
static int run_gen(const char *first, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "gen";
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && argc < 31; a = va_arg(ap, const char *)) argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    return cmd_gen(argc, argv);
}

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    if (text) text[n] = '\0';
    if (size) *size = (size_t)n;
    fclose(f);
    return text;
}

static bool same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *ta = slurp(a, &na), *tb = slurp(b, &nb);
    bool same = ta && tb && na == nb && memcmp(ta, tb, na) == 0;
    free(ta);
    free(tb);
    return same;
}

/* One RFC 4180 record from *p (advanced past its line end) into cells; returns the
 * number of cells, or -1 at end of text. Cells point into the scratch buffer. */
#define MAX_CELLS 48
static int csv_record(const char **p, char *scratch, char *cells[MAX_CELLS])
{
    const char *s = *p;
    if (!*s) return -1;
    int n = 0;
    char *out = scratch;
    cells[n++] = out;
    bool quoted = false;
    for (;; s++) {
        if (quoted) {
            if (*s == '\0') break;
            if (*s == '"' && s[1] == '"') *out++ = '"', s++;
            else if (*s == '"') quoted = false;
            else *out++ = *s;
        } else if (*s == '"') {
            quoted = true;
        } else if (*s == ',') {
            *out++ = '\0';
            if (n < MAX_CELLS) cells[n++] = out;
        } else if (*s == '\n' || *s == '\0') {
            break;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
    *p = *s ? s + 1 : s;
    return n;
}

/* A parsed CSV file: rows of cells. */
typedef struct table {
    char *text, *scratch;
    int rows, columns;
    char ***cell;      /* cell[row][column], row 0 is the header */
} table;

static bool table_load(table *t, const char *path)
{
    memset(t, 0, sizeof *t);
    size_t size;
    t->text = slurp(path, &size);
    if (!t->text) return false;
    t->scratch = malloc(size + 1);
    int capacity = 1024;
    t->cell = malloc(sizeof *t->cell * (size_t)capacity);
    const char *p = t->text;
    char *scratch = t->scratch;
    char *cells[MAX_CELLS];
    int n;
    while ((n = csv_record(&p, scratch, cells)) >= 0) {
        if (t->rows == 0) t->columns = n;
        if (n != t->columns) return false;
        if (t->rows == capacity) {
            capacity *= 2;
            t->cell = realloc(t->cell, sizeof *t->cell * (size_t)capacity);
        }
        t->cell[t->rows] = malloc(sizeof(char *) * (size_t)n);
        memcpy(t->cell[t->rows], cells, sizeof(char *) * (size_t)n);
        t->rows++;
        scratch = cells[n - 1] + strlen(cells[n - 1]) + 1;
    }
    return true;
}

static void table_free(table *t)
{
    for (int i = 0; i < t->rows; i++) free(t->cell[i]);
    free(t->cell);
    free(t->scratch);
    free(t->text);
}

static int column(const table *t, const char *name)
{
    for (int i = 0; i < t->columns; i++)
        if (!strcmp(t->cell[0][i], name)) return i;
    return -1;
}

/* The `fields:` names of a schema file, in order, read with libyaml. */
static int schema_fields(const char *path, char names[][48], int max)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    struct { bool mapping, expect_key; char key[48]; } stack[16];
    int depth = 0, count = 0, fields_depth = -1;
    bool done = false, failed = false;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            failed = true;
            break;
        }
        switch (event.type) {
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth > 0 && stack[depth - 1].mapping) {
                if (depth == 1 && !strcmp(stack[0].key, "fields") && event.type == YAML_SEQUENCE_START_EVENT)
                    fields_depth = depth + 1;
                stack[depth - 1].expect_key = true;
            }
            if (depth < 16) {
                stack[depth].mapping = event.type == YAML_MAPPING_START_EVENT;
                stack[depth].expect_key = true;
                stack[depth].key[0] = '\0';
            }
            depth++;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            if (depth == fields_depth) fields_depth = -1;
            depth--;
            break;
        case YAML_SCALAR_EVENT: {
            const char *value = (const char *)event.data.scalar.value;
            if (depth > 0 && stack[depth - 1].mapping) {
                if (stack[depth - 1].expect_key) {
                    snprintf(stack[depth - 1].key, sizeof stack[0].key, "%s", value);
                    stack[depth - 1].expect_key = false;
                } else {
                    if (fields_depth > 0 && depth == fields_depth + 1 && !strcmp(stack[depth - 1].key, "name") &&
                        count < max)
                        snprintf(names[count++], 48, "%s", value);
                    stack[depth - 1].expect_key = true;
                }
            }
            break;
        }
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    return failed ? -1 : count;
}

static bool matches(const char *pattern, const char *text)
{
    regex_t re;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) return false;
    bool ok = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

/* ==== tests ========================================================================= */

static void test_same_seed_same_bytes(void)
{
    const char *kinds[] = { "traveller", "shipment" }, *formats[] = { "csv", "ndjson" };
    for (int k = 0; k < 2; k++) {
        for (int f = 0; f < 2; f++) {
            CU_ASSERT_EQUAL(run_gen(kinds[k], "-n", "3000", "--seed", "42", "--format", formats[f], "--plant", "0.05",
                                    "--truth", temp_path("a.truth"), "-o", temp_path("a.data"), "-q", NULL), EXIT_CLEAN);
            CU_ASSERT_EQUAL(run_gen(kinds[k], "-n", "3000", "--seed", "42", "--format", formats[f], "--plant", "0.05",
                                    "--truth", temp_path("b.truth"), "-o", temp_path("b.data"), "-q", NULL), EXIT_CLEAN);
            CU_ASSERT_TRUE(same_file(temp_path("a.data"), temp_path("b.data")));
            CU_ASSERT_TRUE(same_file(temp_path("a.truth"), temp_path("b.truth")));
        }
    }
}

static void test_other_seed_other_bytes(void)
{
    const char *kinds[] = { "traveller", "shipment" };
    for (int k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL(run_gen(kinds[k], "-n", "500", "--seed", "1", "-o", temp_path("a.data"), "-q", NULL), EXIT_CLEAN);
        CU_ASSERT_EQUAL(run_gen(kinds[k], "-n", "500", "--seed", "2", "-o", temp_path("b.data"), "-q", NULL), EXIT_CLEAN);
        CU_ASSERT_FALSE(same_file(temp_path("a.data"), temp_path("b.data")));
    }
}

static void check_header(const char *kind, const char *schema_path, const gen_field *fields, int field_count)
{
    char names[GEN_MAX_FIELDS][48];
    int count = schema_fields(schema_path, names, GEN_MAX_FIELDS);
    CU_ASSERT_FATAL(count > 0);
    CU_ASSERT_EQUAL(count, field_count);
    for (int i = 0; i < count && i < field_count; i++) CU_ASSERT_STRING_EQUAL(fields[i].name, names[i]);

    CU_ASSERT_EQUAL_FATAL(run_gen(kind, "-n", "50", "-o", temp_path("h.csv"), "-q", NULL), EXIT_CLEAN);
    table t;
    CU_ASSERT_FATAL(table_load(&t, temp_path("h.csv")));
    CU_ASSERT_EQUAL(t.rows, 51);
    CU_ASSERT_EQUAL(t.columns, count);
    for (int i = 0; i < count && i < t.columns; i++) CU_ASSERT_STRING_EQUAL(t.cell[0][i], names[i]);
    table_free(&t);
}

static void test_header_is_schema(void)
{
    check_header("traveller", "scenarios/schemas/traveller.yaml", gen_traveller_fields, gen_traveller_field_count);
    check_header("shipment", "scenarios/schemas/shipment.yaml", gen_shipment_fields, gen_shipment_field_count);
}

/* NDJSON: every line an object; keys in schema order, none empty; JSON types per field. */
static void check_ndjson(const char *kind, const gen_field *fields, int field_count)
{
    CU_ASSERT_EQUAL_FATAL(run_gen(kind, "-n", "2000", "--format", "ndjson", "--plant", "0.1",
                                  "-o", temp_path("n.ndjson"), "-q", NULL), EXIT_CLEAN);
    char *text = slurp(temp_path("n.ndjson"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    int lines = 0, bad = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        lines++;
        cJSON *object = cJSON_Parse(line);
        if (!cJSON_IsObject(object)) {
            bad++;
            cJSON_Delete(object);
            continue;
        }
        int last = -1;
        for (cJSON *item = object->child; item; item = item->next) {
            int index = -1;
            for (int i = 0; i < field_count; i++)
                if (!strcmp(fields[i].name, item->string)) index = i;
            if (index <= last) bad++;
            if (index < 0) continue;
            last = index;
            switch (fields[index].type) {
            case GEN_INTEGER:
            case GEN_NUMBER: bad += !cJSON_IsNumber(item); break;
            case GEN_BOOLEAN: bad += !cJSON_IsBool(item); break;
            case GEN_LIST:
                bad += !cJSON_IsArray(item) || cJSON_GetArraySize(item) == 0;
                for (cJSON *e = item->child; e; e = e->next) bad += !cJSON_IsString(e) || !e->valuestring[0];
                break;
            default: bad += !cJSON_IsString(item) || !item->valuestring[0];
            }
        }
        cJSON_Delete(object);
    }
    CU_ASSERT_EQUAL(lines, 2000);
    CU_ASSERT_EQUAL(bad, 0);
    free(text);
}

static void test_ndjson_types(void)
{
    check_ndjson("traveller", gen_traveller_fields, gen_traveller_field_count);
    check_ndjson("shipment", gen_shipment_fields, gen_shipment_field_count);
}

/* The truth file has one row per record, in order, keyed by the record's key. */
static void check_truth(const char *kind, const char *key, const char *plant, int *planted, int *lookalike)
{
    CU_ASSERT_EQUAL_FATAL(run_gen(kind, "-n", "4000", "--seed", "9", "--plant", plant, "--truth", temp_path("t.truth"),
                                  "-o", temp_path("t.csv"), "-q", NULL), EXIT_CLEAN);
    table data, truth;
    CU_ASSERT_FATAL(table_load(&data, temp_path("t.csv")));
    CU_ASSERT_FATAL(table_load(&truth, temp_path("t.truth")));
    CU_ASSERT_EQUAL(truth.columns, 3);
    CU_ASSERT_STRING_EQUAL(truth.cell[0][0], "key");
    CU_ASSERT_STRING_EQUAL(truth.cell[0][1], "pattern");
    CU_ASSERT_STRING_EQUAL(truth.cell[0][2], "label");
    CU_ASSERT_EQUAL(truth.rows, data.rows);
    int k = column(&data, key);
    *planted = *lookalike = 0;
    for (int i = 1; i < data.rows && i < truth.rows; i++) {
        CU_ASSERT_STRING_EQUAL(truth.cell[i][0], data.cell[i][k]);
        const char *pattern = truth.cell[i][1], *label = truth.cell[i][2];
        if (!strcmp(label, "planted")) (*planted)++;
        else if (!strcmp(label, "lookalike")) (*lookalike)++;
        else CU_ASSERT_STRING_EQUAL(label, "background");
        CU_ASSERT_EQUAL(!strcmp(pattern, "none"), !strcmp(label, "background"));
    }
    table_free(&data);
    table_free(&truth);
}

static void test_plant_zero_plants_nothing(void)
{
    int planted, lookalike;
    check_truth("traveller", "passenger_id", "0", &planted, &lookalike);
    CU_ASSERT_EQUAL(planted, 0);
    CU_ASSERT_EQUAL(lookalike, 0);
    check_truth("shipment", "shipment_id", "0", &planted, &lookalike);
    CU_ASSERT_EQUAL(planted, 0);
    CU_ASSERT_EQUAL(lookalike, 0);
    check_truth("shipment", "shipment_id", "0.1", &planted, &lookalike);
    CU_ASSERT(planted > 250 && planted < 560);       /* 10 % of 4000, loosely */
    CU_ASSERT(lookalike > 250 && lookalike < 560);
    check_truth("traveller", "passenger_id", "0.05", &planted, &lookalike);
    CU_ASSERT(planted > 0);
    CU_ASSERT(lookalike > 0);
}

/* At a high rate every pattern appears, and the planted share of PNRs is the rate. */
static void test_every_pattern_planted(void)
{
    gen_options opt = { .count = 20000, .seed = 3, .format = GEN_CSV, .plant_rate = 0.1, .lookalike_rate = 0.1 };
    gen_stats stats;
    FILE *sink = fopen("/dev/null", "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    gen_out data;
    CU_ASSERT_EQUAL_FATAL(gen_out_open(&data, sink), 0);
    gen_travellers(&opt, &data, NULL, &stats);
    CU_ASSERT_EQUAL(stats.records, 20000);
    uint64_t planted_units = 0;
    for (int i = 0; i < stats.pattern_count; i++) {
        if (stats.pattern_label[i] == GEN_BACKGROUND) continue;
        CU_ASSERT(stats.pattern_units[i] > 0);
        if (stats.pattern_label[i] == GEN_PLANTED) planted_units += stats.pattern_units[i];
    }
    double share = (double)planted_units / (double)stats.units;
    CU_ASSERT(share > 0.08 && share < 0.12);
    gen_shipments(&opt, &data, NULL, &stats);
    CU_ASSERT_EQUAL(stats.records, 20000);
    for (int i = 0; i < stats.pattern_count; i++)
        if (stats.pattern_label[i] != GEN_BACKGROUND) CU_ASSERT(stats.pattern_units[i] > 0);
    CU_ASSERT_EQUAL(gen_out_flush(&data), 0);
    gen_out_close(&data);
    fclose(sink);
}

static int years_between(const char *birth, const char *when)
{
    int by, bm, bd, y, m, d;
    if (sscanf(birth, "%d-%d-%d", &by, &bm, &bd) != 3 || sscanf(when, "%d-%d-%d", &y, &m, &d) != 3) return -1;
    return y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
}

/* Background travel keeps the invariants docs/generator.md promises; planted minors are
 * minors; contacts are synthetic; sensitive requests do not depend on the patterns. */
static void test_traveller_invariants(void)
{
    CU_ASSERT_EQUAL_FATAL(run_gen("traveller", "-n", "20000", "--seed", "5", "--plant", "0.1", "--truth",
                                  temp_path("i.truth"), "-o", temp_path("i.csv"), "-q", NULL), EXIT_CLEAN);
    CU_ASSERT_EQUAL_FATAL(run_gen("traveller", "-n", "20000", "--seed", "5", "--plant", "0", "-o",
                                  temp_path("z.csv"), "-q", NULL), EXIT_CLEAN);
    table t, truth, zero;
    CU_ASSERT_FATAL(table_load(&t, temp_path("i.csv")));
    CU_ASSERT_FATAL(table_load(&truth, temp_path("i.truth")));
    CU_ASSERT_FATAL(table_load(&zero, temp_path("z.csv")));
    int locator = column(&t, "record_locator"), surname = column(&t, "surname"), given = column(&t, "given_names");
    int birth = column(&t, "date_of_birth"), departure = column(&t, "departure"), party = column(&t, "party_size");
    int payer_s = column(&t, "payer_surname"), payer_g = column(&t, "payer_given_names");
    int umnr = column(&t, "unaccompanied_minor"), phone = column(&t, "contact_phone"), email = column(&t, "contact_email");
    int meal = column(&t, "meal_request"), medical = column(&t, "medical_request"), booking = column(&t, "booking_date");
    int payment = column(&t, "form_of_payment"), one_way = column(&t, "one_way"), sex = column(&t, "sex");
    int violations = 0, minors_checked = 0;
    int women[2] = { 0 }, people[2] = { 0 };   /* [0] background, [1] planted */
    for (int i = 1; i < t.rows;) {
        int size = atoi(t.cell[i][party]), end = i;
        while (end < t.rows && !strcmp(t.cell[end][locator], t.cell[i][locator])) end++;
        CU_ASSERT_EQUAL(end - i, size);
        const char *pattern = truth.cell[i][1];
        bool payer_on_pnr = false, has_adult = false, has_minor = false, mixed = false;
        for (int j = i; j < end; j++) {
            int age = years_between(t.cell[j][birth], t.cell[j][departure]);
            has_adult |= age >= 18;
            has_minor |= age < 18;
            mixed |= strcmp(t.cell[j][surname], t.cell[i][surname]) != 0;
            payer_on_pnr |= !strcmp(t.cell[j][surname], t.cell[j][payer_s]) && !strcmp(t.cell[j][given], t.cell[j][payer_g]);
            CU_ASSERT_STRING_EQUAL(truth.cell[j][1], pattern);
            int planted = !strcmp(truth.cell[j][2], "planted");
            if (planted || !strcmp(pattern, "none")) {
                people[planted]++;
                women[planted] += !strcmp(t.cell[j][sex], "F");
            }
            if (!matches("^\\+[0-9]+-555-01[0-9]{2}-[0-9]{7}$", t.cell[j][phone])) violations++;
            if (!matches("@example\\.(com|org|net)$", t.cell[j][email])) violations++;
            if (strcmp(t.cell[j][booking], t.cell[j][departure]) >= 0) violations++;
            /* Same seed, any plant rate: the same sensitive requests on the same line. */
            if (strcmp(t.cell[j][meal], zero.cell[j][meal]) || strcmp(t.cell[j][medical], zero.cell[j][medical])) violations++;
        }
        if (!strcmp(pattern, "none")) {
            bool lone_umnr = size == 1 && !strcmp(t.cell[i][umnr], "true");
            if (!payer_on_pnr && !lone_umnr) violations++;
            if (has_minor && mixed) violations++;
            if (has_minor && !has_adult && !lone_umnr) violations++;
            /* Hours before departure, roughly: the dates compare as text. */
            if (!strcmp(t.cell[i][payment], "CASH") && !strcmp(t.cell[i][one_way], "true") &&
                strncmp(t.cell[i][booking], t.cell[i][departure], 8) == 0) {
                int bd = atoi(t.cell[i][booking] + 8), dd = atoi(t.cell[i][departure] + 8);
                if (dd - bd < 3) violations++;
            }
        }
        if (!strcmp(pattern, "minor_third_party")) {
            minors_checked++;
            if (!has_minor || payer_on_pnr || !strcmp(t.cell[i][surname], t.cell[i][payer_s])) violations++;
        }
        i = end;
    }
    CU_ASSERT(minors_checked > 0);
    CU_ASSERT_EQUAL(violations, 0);
    /* No planted signal in a protected ground: the same share of women either way. */
    CU_ASSERT_FATAL(people[0] > 0 && people[1] > 500);
    double background_share = (double)women[0] / people[0], planted_share = (double)women[1] / people[1];
    CU_ASSERT(fabs(background_share - planted_share) < 0.05);
    table_free(&t);
    table_free(&truth);
    table_free(&zero);
}

/* How many PNRs carry one value of a linking field (phone, card, payer), and whether
 * their lead passengers have different surnames. */
typedef struct link_count {
    char *value;
    int pnrs;
    bool surnames_differ;
    const char *surname;
    UT_hash_handle hh;
} link_count;

static void link_add(link_count **links, const char *value, const char *surname)
{
    if (!value[0]) return;
    link_count *l;
    HASH_FIND_STR(*links, value, l);
    if (!l) {
        l = calloc(1, sizeof *l);
        l->value = (char *)value;
        l->surname = surname;
        HASH_ADD_KEYPTR(hh, *links, l->value, strlen(l->value), l);
    }
    l->pnrs++;
    l->surnames_differ |= strcmp(l->surname, surname) != 0;
}

static const link_count *link_find(link_count *links, const char *value)
{
    link_count *l;
    HASH_FIND_STR(links, value, l);
    return l;
}

static void link_free(link_count **links)
{
    link_count *l, *tmp;
    HASH_ITER(hh, *links, l, tmp) {
        HASH_DEL(*links, l);
        free(l);
    }
}

/* The patterns that links reveal, and their look-alikes, carry the links they promise
 * (docs/generator.md): a card payment always has a fingerprint and nothing else has
 * one; background PNRs share neither phone nor card; one payer pays for several
 * bookings of young people who are not on the payer's PNR; an organiser's phone is on
 * several bookings of different surnames; school groups and tour operators share a
 * contact across PNRs of different surnames, booked weeks ahead, round trips. */
static void test_link_patterns(void)
{
    CU_ASSERT_EQUAL_FATAL(run_gen("traveller", "-n", "60000", "--seed", "9", "--plant", "0.08", "--truth",
                                  temp_path("l.truth"), "-o", temp_path("l.csv"), "-q", NULL), EXIT_CLEAN);
    table t, truth;
    CU_ASSERT_FATAL(table_load(&t, temp_path("l.csv")));
    CU_ASSERT_FATAL(table_load(&truth, temp_path("l.truth")));
    int locator = column(&t, "record_locator"), surname = column(&t, "surname"), given = column(&t, "given_names");
    int birth = column(&t, "date_of_birth"), departure = column(&t, "departure"), phone = column(&t, "contact_phone");
    int card = column(&t, "card_fingerprint"), payment = column(&t, "form_of_payment"), one_way = column(&t, "one_way");
    int payer_s = column(&t, "payer_surname"), payer_g = column(&t, "payer_given_names"), booking = column(&t, "booking_date");
    CU_ASSERT_FATAL(card >= 0);
    link_count *phones = NULL, *cards = NULL, *payers = NULL;
    char (*payer_key)[200] = calloc((size_t)t.rows, sizeof *payer_key);
    int violations = 0;
    for (int i = 1; i < t.rows; i++) {
        bool by_card = !strcmp(t.cell[i][payment], "CC") || !strcmp(t.cell[i][payment], "DC");
        if (by_card != matches("^[0-9A-F]{16}$", t.cell[i][card])) violations++;
        if (i > 1 && !strcmp(t.cell[i][locator], t.cell[i - 1][locator])) continue;
        snprintf(payer_key[i], sizeof payer_key[i], "%s/%s", t.cell[i][payer_s], t.cell[i][payer_g]);
        link_add(&phones, t.cell[i][phone], t.cell[i][surname]);
        link_add(&cards, t.cell[i][card], t.cell[i][surname]);
        link_add(&payers, payer_key[i], t.cell[i][surname]);
    }
    int seen[5] = { 0 }, linked[5] = { 0 };   /* payer, shared contact, school, tour, background */
    int round_trips = 0;
    for (int i = 1; i < t.rows;) {
        int end = i;
        while (end < t.rows && !strcmp(t.cell[end][locator], t.cell[i][locator])) end++;
        const char *pattern = truth.cell[i][1];
        const link_count *by_phone = link_find(phones, t.cell[i][phone]);
        const link_count *by_card = t.cell[i][card][0] ? link_find(cards, t.cell[i][card]) : NULL;
        const link_count *by_payer = link_find(payers, payer_key[i]);
        bool payer_travels = false, minors = false, adult = false;
        for (int j = i; j < end; j++) {
            int age = years_between(t.cell[j][birth], t.cell[j][departure]);
            payer_travels |= !strcmp(t.cell[j][surname], t.cell[j][payer_s]) && !strcmp(t.cell[j][given], t.cell[j][payer_g]);
            minors |= age < 18;
            adult |= age >= 18;
            if (!strcmp(pattern, "payer_for_several_young") && (age < 16 || age > 24)) violations++;
            if (!strcmp(pattern, "lookalike_school_group") && age >= 18 && age < 25) violations++;
        }
        long lead_days = 0;
        {
            int by, bm, bd, dy, dm, dd;
            sscanf(t.cell[i][booking], "%d-%d-%d", &by, &bm, &bd);
            sscanf(t.cell[i][departure], "%d-%d-%d", &dy, &dm, &dd);
            lead_days = (long)(days_from_civil(dy, (unsigned)dm, (unsigned)dd) - days_from_civil(by, (unsigned)bm, (unsigned)bd));
        }
        if (!strcmp(pattern, "none")) {
            seen[4]++;
            if (by_phone->pnrs > 1 || (by_card && by_card->pnrs > 1)) linked[4]++;
        } else if (!strcmp(pattern, "payer_for_several_young")) {
            seen[0]++;
            if (payer_travels) violations++;
            linked[0] += by_payer->pnrs > 1 && by_payer->surnames_differ;
        } else if (!strcmp(pattern, "shared_contact_group")) {
            seen[1]++;
            linked[1] += by_phone->pnrs > 1 && by_phone->surnames_differ;
        } else if (!strcmp(pattern, "lookalike_school_group")) {
            seen[2]++;
            if (lead_days < 45) violations++;
            round_trips += !strcmp(t.cell[i][one_way], "false");
            linked[2] += by_phone->pnrs > 1 && by_phone->surnames_differ;
        } else if (!strcmp(pattern, "lookalike_tour_operator")) {
            seen[3]++;
            if (minors || !adult || lead_days < 7) violations++;
            linked[3] += by_phone->pnrs > 1 && by_phone->surnames_differ;
        }
        i = end;
    }
    CU_ASSERT_EQUAL(violations, 0);
    for (int k = 0; k < 4; k++) {
        CU_ASSERT(seen[k] > 20);
        CU_ASSERT(linked[k] >= seen[k] * 9 / 10);   /* all but the last occurrence, cut by -n */
    }
    CU_ASSERT(seen[4] > 10000);
    CU_ASSERT_EQUAL(linked[4], 0);
    CU_ASSERT(round_trips >= seen[2] * 9 / 10);
    link_free(&phones);
    link_free(&cards);
    link_free(&payers);
    free(payer_key);
    table_free(&t);
    table_free(&truth);
}

static bool container_ok(const char *number)
{
    static const int values[26] = { 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24,
                                    25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38 };
    if (!matches("^[A-Z]{3}U[0-9]{7}$", number)) return false;
    int sum = 0;
    for (int i = 0; i < 10; i++) sum += (isalpha((unsigned char)number[i]) ? values[number[i] - 'A'] : number[i] - '0') << i;
    return sum % 11 % 10 == number[10] - '0';
}

/* Background trade never pairs a DoL-listed good with its listed origin, never names
 * a Xinjiang place, and loads at the origin (or at a landlocked origin's neighbour port); containers carry valid
 * ISO 6346 check digits; planted pairs are listed pairs. */
static void test_shipment_invariants(void)
{
    CU_ASSERT_EQUAL_FATAL(run_gen("shipment", "-n", "20000", "--seed", "8", "--plant", "0.1", "--truth",
                                  temp_path("s.truth"), "-o", temp_path("s.csv"), "-q", NULL), EXIT_CLEAN);
    table t, truth;
    CU_ASSERT_FATAL(table_load(&t, temp_path("s.csv")));
    CU_ASSERT_FATAL(table_load(&truth, temp_path("s.truth")));
    int origin = column(&t, "country_of_origin"), loading = column(&t, "port_of_loading"), hs = column(&t, "hs_code");
    int containers = column(&t, "containers"), transship = column(&t, "transshipment_ports");
    const char *landlocked = "BF ML NP AF TJ TM KG KZ UZ UG MW ZM ET BO CH AT HU MD IR QA";
    int violations = 0, listed_checked = 0;
    for (int i = 1; i < t.rows; i++) {
        const gen_good *good = NULL;
        for (int g = 0; g < gen_good_count; g++)
            if (!strcmp(gen_goods[g].hs, t.cell[i][hs])) good = &gen_goods[g];
        CU_ASSERT_PTR_NOT_NULL_FATAL(good);
        const char *o = t.cell[i][origin], *pattern = truth.cell[i][1];
        bool listed = gen_code_in(good->dol, o);
        if (!strcmp(pattern, "none")) {
            if (listed) violations++;
            for (int f = 0; f < t.columns; f++)
                for (int x = 0; x < gen_xinjiang_city_count; x++)
                    if (strstr(t.cell[i][f], gen_xinjiang_cities[x])) violations++;
            if (strncmp(t.cell[i][loading], o, 2) && !gen_code_in(landlocked, o)) violations++;
            if (good->uflpa_sector && !strcmp(o, "CN") && t.cell[i][transship][0]) violations++;
        }
        if (!strcmp(pattern, "dol_listed_good")) {
            listed_checked++;
            if (!listed) violations++;
        }
        if (!strcmp(pattern, "lookalike_lawful_listed_origin") && (listed || (good->uflpa_sector && !strcmp(o, "CN"))))
            violations++;
        char list[256];
        snprintf(list, sizeof list, "%s", t.cell[i][containers]);
        for (char *c = strtok(list, "|"); c; c = strtok(NULL, "|"))
            if (!container_ok(c)) violations++;
    }
    CU_ASSERT(listed_checked > 0);
    CU_ASSERT_EQUAL(violations, 0);
    table_free(&t);
    table_free(&truth);
}

/* Listed entities are planted under other spellings, mostly not the listed one; their
 * near-miss look-alikes never carry an entity's distinctive word; a new shipper's
 * name is on one shipment only; the notify party is the consignee, a customs broker or
 * none. */
static void test_shipment_parties(void)
{
    table t, truth;
    CU_ASSERT_FATAL(table_load(&t, temp_path("s.csv")));
    CU_ASSERT_FATAL(table_load(&truth, temp_path("s.truth")));
    int shipper = column(&t, "shipper_name"), maker = column(&t, "manufacturer_name");
    int consignee = column(&t, "consignee_name"), notify = column(&t, "notify_party");
    link_count *shippers = NULL;
    for (int i = 1; i < t.rows; i++) link_add(&shippers, t.cell[i][shipper], "");
    int violations = 0, variants = 0, exact = 0, near_misses = 0, new_shippers = 0;
    for (int i = 1; i < t.rows; i++) {
        const char *pattern = truth.cell[i][1];
        if (t.cell[i][notify][0] && strcmp(t.cell[i][notify], t.cell[i][consignee]) &&
            !strstr(t.cell[i][notify], "CUSTOMS BROKERS"))
            violations++;
        if (!strcmp(pattern, "listed_entity_variant")) {
            variants++;
            for (int e = 0; e < gen_listed_entity_count; e++)
                exact += !strcmp(t.cell[i][shipper], gen_listed_entities[e].name) ||
                         !strcmp(t.cell[i][maker], gen_listed_entities[e].name);
        } else if (!strcmp(pattern, "lookalike_similar_entity_name")) {
            near_misses++;
            for (int e = 0; e < gen_listed_entity_count; e++)
                if (strstr(t.cell[i][shipper], gen_listed_entities[e].distinctive) ||
                    strstr(t.cell[i][maker], gen_listed_entities[e].distinctive))
                    violations++;
        } else if (!strcmp(pattern, "new_shipper_risk_sector") || !strcmp(pattern, "lookalike_new_exporter")) {
            new_shippers++;
            if (link_find(shippers, t.cell[i][shipper])->pnrs != 1) violations++;
        }
    }
    CU_ASSERT(variants > 20 && near_misses > 20 && new_shippers > 20);
    CU_ASSERT(exact < variants / 4);
    CU_ASSERT_EQUAL(violations, 0);
    link_free(&shippers);
    table_free(&t);
    table_free(&truth);
}

/* Every code the tables use resolves, and every good has an origin that is not
 * DoL-listed for it (background trade needs one). */
static void test_reference_tables(void)
{
    for (int i = 0; i < gen_airport_count; i++) {
        CU_ASSERT_PTR_NOT_NULL(gen_country_by_alpha2(gen_airports[i].country));
        if (gen_airports[i].carrier[0]) CU_ASSERT_PTR_NOT_NULL(gen_carrier_by_iata(gen_airports[i].carrier));
        char code[8];
        for (int k = 0; k < gen_code_count(gen_airports[i].hubs); k++) {
            gen_code_at(gen_airports[i].hubs, k, code, sizeof code);
            CU_ASSERT(gen_airport_index(code) >= 0);
        }
    }
    for (int i = 0; i < gen_port_count; i++) {
        char country[3] = { gen_ports[i].locode[0], gen_ports[i].locode[1], 0 };
        CU_ASSERT_EQUAL(strlen(gen_ports[i].locode), 5);
        CU_ASSERT_PTR_NOT_NULL(gen_country_by_alpha2(country));
    }
    for (int g = 0; g < gen_good_count; g++) {
        const gen_good *good = &gen_goods[g];
        char code[8];
        bool unlisted = false;
        CU_ASSERT(strlen(good->hs) == 6);
        CU_ASSERT(good->value_low > 0 && good->value_low <= good->value_high);
        for (int k = 0; k < gen_code_count(good->producers); k++) {
            gen_code_at(good->producers, k, code, sizeof code);
            CU_ASSERT_PTR_NOT_NULL(gen_country_by_alpha2(code));
            unlisted |= !gen_code_in(good->dol, code);
        }
        for (int k = 0; k < gen_code_count(good->dol); k++) {
            gen_code_at(good->dol, k, code, sizeof code);
            CU_ASSERT_PTR_NOT_NULL(gen_country_by_alpha2(code));
        }
        CU_ASSERT(unlisted);
    }
    for (int i = 0; i < gen_country_count; i++) {
        for (int k = i + 1; k < gen_country_count; k++) {
            CU_ASSERT(strcmp(gen_countries[i].alpha2, gen_countries[k].alpha2) != 0);
            CU_ASSERT(strcmp(gen_countries[i].alpha3, gen_countries[k].alpha3) != 0);
        }
    }
    for (int c = 0; c < CULTURE_COUNT; c++) {
        CU_ASSERT(gen_names_by_culture[c].surname_count > 5);
        CU_ASSERT(gen_names_by_culture[c].female_count > 5 && gen_names_by_culture[c].male_count > 5);
    }
}

/* Good x country pairs of the DoL List that public reports confirm (sources in
 * core/gen_data.c and docs/generator.md): each must be in the table, so that the
 * background check above keeps them out of ordinary trade. */
static void test_confirmed_dol_pairs(void)
{
    static const struct {
        const char *hs, *country;
    } confirmed[] = {
        /* added after the 2025 check */
        { "610910", "MX" }, { "611020", "MX" }, { "620342", "MX" }, { "620462", "MX" }, { "620520", "MX" },
        { "090111", "BR" }, { "520100", "BR" }, { "030389", "VN" }, { "030617", "IN" }, { "160521", "IN" },
        { "401519", "CN" }, { "520512", "CN" }, { "520512", "IN" }, { "081340", "CN" }, { "281511", "CN" },
        { "630231", "CN" }, { "630790", "CN" }, { "630790", "VN" }, { "854143", "CN" },
        { "640399", "BR" }, { "640399", "CN" }, { "640399", "IN" }, { "640399", "VN" },
        { "640299", "BR" }, { "640299", "CN" }, { "640299", "IN" }, { "640299", "VN" },
        /* in the table before, confirmed by the same check */
        { "030617", "TH" }, { "160521", "TH" }, { "030617", "BD" }, { "030617", "MM" },
        { "610910", "BD" }, { "610910", "BR" }, { "610910", "CN" }, { "610910", "IN" }, { "610910", "TH" },
        { "610910", "VN" }, { "520100", "CN" }, { "520100", "IN" }, { "030389", "CN" }, { "030389", "TW" },
        { "030389", "GH" }, { "030389", "ID" }, { "030389", "TH" }, { "090111", "MX" }, { "090111", "VN" },
        { "950300", "CN" }, { "851762", "CN" }, { "851762", "MY" }, { "280461", "CN" }, { "200290", "CN" },
        { "070200", "MX" }, { "690410", "BR" }, { "690410", "CN" }, { "690410", "IN" }, { "440711", "BR" },
        { "240120", "BR" }, { "100630", "IN" }, { "570110", "IN" }, { "151110", "MY" },
    };
    for (size_t i = 0; i < sizeof confirmed / sizeof confirmed[0]; i++) {
        const gen_good *good = NULL;
        for (int g = 0; g < gen_good_count; g++)
            if (!strcmp(gen_goods[g].hs, confirmed[i].hs)) good = &gen_goods[g];
        CU_ASSERT_PTR_NOT_NULL_FATAL(good);
        if (!gen_code_in(good->dol, confirmed[i].country))
            fprintf(stderr, "confirmed DoL pair missing from the table: %s %s\n", confirmed[i].hs, confirmed[i].country);
        CU_ASSERT(gen_code_in(good->dol, confirmed[i].country));
    }
}

/* The DoL List as published data (ILAB's 2022 edition, the shipped
 * scenarios/lists/dol_goods.yaml) and the generator's table agree: every pair the List
 * names on a heading of the goods table, for a country the generator knows, is in the
 * table, so that background trade (which avoids the table's pairs) never carries a
 * pair of the List and is never mislabelled. */
static void test_dol_table_covers_published_list(void)
{
    vg_error err;
    ref_list *list = list_load("scenarios/lists/dol_goods.yaml", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(list);
    int checked = 0, missing = 0;
    for (int g = 0; g < gen_good_count; g++) {
        for (int k = 0; k < gen_country_count; k++) {
            char pair[16];
            int n = snprintf(pair, sizeof pair, "%s:%s", gen_countries[k].alpha2, gen_goods[g].hs);
            if (!list_lookup(list, pair, (size_t)n, NULL)) continue;
            checked++;
            if (!gen_code_in(gen_goods[g].dol, gen_countries[k].alpha2)) {
                fprintf(stderr, "pair of the published DoL List missing from the generator's table: %s\n", pair);
                missing++;
            }
        }
    }
    CU_ASSERT(checked > 100);
    CU_ASSERT_EQUAL(missing, 0);
    list_free(list);
}

static void test_permutation_is_bijection(void)
{
    static const uint64_t moduli[] = { 1, 7, 1000, 1024, 4097 };
    static unsigned char seen[4097];
    for (size_t m = 0; m < sizeof moduli / sizeof moduli[0]; m++) {
        gen_permutation p;
        gen_permutation_init(&p, moduli[m], 99);
        memset(seen, 0, sizeof seen);
        int repeats = 0;
        for (uint64_t v = 0; v < moduli[m]; v++) {
            uint64_t x = gen_permutation_apply(&p, v);
            CU_ASSERT(x < moduli[m]);
            if (x < moduli[m]) repeats += seen[x]++ != 0;
        }
        CU_ASSERT_EQUAL(repeats, 0);
    }
}

static void test_text_helpers(void)
{
    char out[32];
    *gen_put_date(out, days_from_civil(2024, 2, 29)) = '\0';
    CU_ASSERT_STRING_EQUAL(out, "2024-02-29");
    *gen_put_datetime(out, days_from_civil(1999, 12, 31) * 86400 + 23 * 3600 + 59 * 60 + 58) = '\0';
    CU_ASSERT_STRING_EQUAL(out, "1999-12-31T23:59:58Z");

    static const gen_field fields[] = { { "a", GEN_STRING }, { "b", GEN_LIST }, { "c", GEN_NUMBER },
                                        { "d", GEN_BOOLEAN }, { "e", GEN_STRING } };
    gen_row row;
    gen_row_init(&row, fields, 5);
    gen_row_set(&row, 0, "SAY \"HI\", BYE");
    gen_row_list_add(&row, 1, "X");
    gen_row_list_add(&row, 1, "Y");
    gen_row_set_fixed(&row, 2, 12345, 2);
    gen_row_set_bool(&row, 3, false);
    FILE *f = fopen(temp_path("row.txt"), "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    gen_out out_buffer;
    CU_ASSERT_EQUAL_FATAL(gen_out_open(&out_buffer, f), 0);
    gen_write_header(&out_buffer, &row, GEN_CSV);
    gen_write_row(&out_buffer, &row, GEN_CSV);
    gen_write_row(&out_buffer, &row, GEN_NDJSON);
    CU_ASSERT_EQUAL(gen_out_flush(&out_buffer), 0);
    gen_out_close(&out_buffer);
    fclose(f);
    char *text = slurp(temp_path("row.txt"), NULL);
    CU_ASSERT_STRING_EQUAL(text, "a,b,c,d,e\n"
                                 "\"SAY \"\"HI\"\", BYE\",X|Y,123.45,false,\n"
                                 "{\"a\":\"SAY \\\"HI\\\", BYE\",\"b\":[\"X\",\"Y\"],\"c\":123.45,\"d\":false}\n");
    free(text);
}

static void test_bad_options(void)
{
    CU_ASSERT_EQUAL(run_gen(NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("passenger", "-n", "5", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "-5", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "ten", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "--plant", "1.5", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "--plant", "0.6", "--lookalike", "0.6", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "--format", "xml", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "--seed", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "--colour", NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "-o", temp_path("x"), "--truth", temp_path("x"), NULL), EXIT_USAGE);
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "5", "-o", "/nonexistent-dir/x.csv", "-q", NULL), EXIT_IO);
    CU_ASSERT_EQUAL(run_gen("shipment", "-n", "5", "-o", temp_path("ok.csv"), "--truth", "/nonexistent-dir/t.csv", "-q", NULL), EXIT_IO);
    if (access("/dev/full", W_OK) == 0)
        CU_ASSERT_EQUAL(run_gen("traveller", "-n", "20000", "-o", "/dev/full", "-q", NULL), EXIT_IO);
    CU_ASSERT_EQUAL(run_gen("shipment", "--count=3", "--seed=4", "--format=ndjson", "-o", temp_path("ok.ndjson"), "-q", NULL),
                    EXIT_CLEAN);
}

static void test_zero_records(void)
{
    CU_ASSERT_EQUAL(run_gen("traveller", "-n", "0", "--truth", temp_path("0.truth"), "-o", temp_path("0.csv"), "-q", NULL),
                    EXIT_CLEAN);
    size_t size;
    char *text = slurp(temp_path("0.csv"), &size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL(strchr(text, '\n') - text + 1, (long)size);   /* the header only */
    free(text);
    text = slurp(temp_path("0.truth"), NULL);
    CU_ASSERT_STRING_EQUAL(text, "key,pattern,label\n");
    free(text);
}

static void test_cleanup(void)
{
    /* Last test: remove the temporary files. */
    static const char *const names[] = { "a.data", "b.data", "a.truth", "b.truth", "h.csv", "n.ndjson", "t.csv",
                                         "t.truth", "i.csv", "i.truth", "z.csv", "s.csv", "s.truth", "row.txt",
                                         "x", "ok.csv", "ok.ndjson", "0.csv", "0.truth", "l.csv", "l.truth" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) unlink(temp_path(names[i]));
    CU_ASSERT_EQUAL(rmdir(temp_dir), 0);
}

UNIT_MAIN("gen",
          { "same seed and options give the same bytes", test_same_seed_same_bytes },
          { "another seed gives other data", test_other_seed_other_bytes },
          { "CSV header and field tables are the schema's fields", test_header_is_schema },
          { "NDJSON keys in schema order with JSON types", test_ndjson_types },
          { "--plant 0 plants nothing; truth matches records", test_plant_zero_plants_nothing },
          { "every pattern is planted at the asked share", test_every_pattern_planted },
          { "traveller background invariants and synthetic contacts", test_traveller_invariants },
          { "shipment background invariants and container numbers", test_shipment_invariants },
          { "listed entities, near misses, new shippers and notify parties", test_shipment_parties },
          { "reference tables resolve", test_reference_tables },
          { "confirmed DoL pairs are in the table", test_confirmed_dol_pairs },
          { "link patterns and their look-alikes carry their links", test_link_patterns },
          { "the table holds every pair of the published DoL List on its headings", test_dol_table_covers_published_list },
          { "id permutations are bijections", test_permutation_is_bijection },
          { "dates, CSV quoting and JSON escaping", test_text_helpers },
          { "bad options and unwritable outputs", test_bad_options },
          { "zero records: header and truth header only", test_zero_records },
          { "cleanup", test_cleanup })
