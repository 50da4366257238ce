/* unit_render.c - the one renderer of a hit (core/render.c) against hand-checked output:
 * the NDJSON object (JSON escaping, non-ASCII, a missing value, a list, matched list
 * entries, a justification, an error), its text in en and fr, the predicate wording
 * explain adds, the identity and control lines; and, over generated manifests, that
 * every line is byte for byte what cJSON prints of it (what explain --format json and
 * the store rely on). */
#include "unit.h"
#include "engine_fixture.h"
#include "reader.h"
#include "render.h"

/* A minor routed through a hub, paid for by "another": strings that need escaping
 * (quotes, a backslash, a tab, a newline), non-ASCII (« », ü, é), a list field, a
 * matched list entry with its note, a missing field (bags: unknown), a protected
 * field read (age, from birth) with its justification. */
#define HIT_SOURCE                                                                                                 \
    "scenario { id = 'T1', title = { en = 'Minor \"alone\"', fr = 'Mineur « seul »' }, applies_to = 'person',\n"   \
    "  status = 'active', owner = 'desk', rationale = 'why', review_by = '2099-01-01', subject = 'possible-victim',\n" \
    "  guidance = { en = 'Refer to\\n  protection services', fr = 'Orienter vers\\n  la protection' },\n"         \
    "  justification = { age = 'minors: C:\\\\docs' }, threshold = 2,\n"                                           \
    "  conditions = { condition 'minor' { label = { en = 'Minor', fr = 'Mineur' }, when = field 'age' :lt(18) } },\n" \
    "  indicators = {\n"                                                                                           \
    "    indicator 'hub' { label = 'Via a hub', weight = 2, when = field 'route' :contains_any(list 'hubs') },\n"  \
    "    indicator 'payer' { label = { en = 'Paid by \"another\"', fr = 'Payé par un tiers' }, weight = 1,\n"      \
    "                        when = field 'payer' :differs_from 'surname' },\n"                                     \
    "    indicator 'bags' { label = 'No bags', weight = -1, when = field 'bags' :equals(0) },\n"                   \
    "  } }"

static const scenario *hit_scenario(explanation *ex)
{
    const scenario *sc = fx_load(HIT_SOURCE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("id", "P-7");
    fx_set("surname", "Müller");
    fx_set("payer", "O\"Brien\\ \tjr");
    fx_set("birth", "2012-05-01");
    fx_set("departure", "2026-03-01T10:00:00Z");
    fx_set("route", "LOS|DXB|YYZ");
    CU_ASSERT_EQUAL_FATAL(explain_record(fx_lr.set.sb, sc, &fx_rec, ex), VERDICT_HIT);
    return sc;
}

static char *text_of(const cJSON *hit, const char *lang)
{
    static char buf[16384];
    memset(buf, 0, sizeof buf);
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    render_text(hit, f, lang);
    fclose(f);
    return buf;
}

/* got equals want; if not, both are printed (a test of exact output says where it differs) */
static void assert_same(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        CU_PASS(what);
        return;
    }
    size_t at = 0;
    while (got[at] && got[at] == want[at]) at++;
    printf("%s differs at byte %zu:\n  want: %s\n  got:  %s\n", what, at, want + at, got + at);
    CU_FAIL(what);
}

static void test_hit_line(void)
{
    static explanation ex;
    const scenario *sc = hit_scenario(&ex);
    render_scenario *f = render_prepare(sc, 0);
    hit_origin origin = { "run-1", "abc" };
    size_t len = 0;
    char *line = render_hit(f, &ex, &origin, &len);
    char want[8192];
    snprintf(want, sizeof want,
             "{\"run_id\":\"run-1\",\"ruleset_revision\":\"abc\","
             "\"record\":{\"kind\":\"person\",\"key\":\"P-7\",\"source\":\"test\",\"line\":0},"
             "\"scenario\":{\"id\":\"T1\",\"title\":{\"en\":\"Minor \\\"alone\\\"\",\"fr\":\"Mineur « seul »\"},"
             "\"subject\":\"possible-victim\",\"status\":\"active\",\"revision\":\"%s\"},"
             "\"verdict\":\"hit\",\"score\":3,\"threshold\":2,"
             "\"conditions\":[{\"id\":\"minor\",\"label\":{\"en\":\"Minor\",\"fr\":\"Mineur\"},\"result\":\"true\","
             "\"evidence\":[{\"field\":\"age\",\"value\":13}]}],"
             "\"indicators\":[{\"id\":\"hub\",\"label\":{\"en\":\"Via a hub\"},\"weight\":2,\"result\":\"true\","
             "\"evidence\":[{\"field\":\"route\",\"value\":[\"LOS\",\"DXB\",\"YYZ\"]}],"
             "\"matched\":[{\"list\":\"hubs\",\"entry\":\"DXB\",\"note\":\"Dubai\"}]},"
             "{\"id\":\"payer\",\"label\":{\"en\":\"Paid by \\\"another\\\"\",\"fr\":\"Payé par un tiers\"},\"weight\":1,"
             "\"result\":\"true\",\"evidence\":[{\"field\":\"surname\",\"value\":\"Müller\"},"
             "{\"field\":\"payer\",\"value\":\"O\\\"Brien\\\\ \\tjr\"}]},"
             "{\"id\":\"bags\",\"label\":{\"en\":\"No bags\"},\"weight\":-1,\"result\":\"unknown\","
             "\"evidence\":[{\"field\":\"bags\",\"missing\":true}]}],"
             "\"fired\":[\"hub\",\"payer\"],\"protected_fields_read\":[\"age\"],"
             "\"justifications\":{\"age\":\"minors: C:\\\\docs\"},"
             "\"guidance\":{\"en\":\"Refer to\\n  protection services\",\"fr\":\"Orienter vers\\n  la protection\"}}",
             sc->revision);
    assert_same("hit line", line, want);
    CU_ASSERT_EQUAL(len, strlen(line));
    /* without an origin the object starts at the record (explain, test) */
    char *bare = render_hit(f, &ex, NULL, NULL);
    CU_ASSERT_EQUAL(strncmp(bare, "{\"record\":", 10), 0);
    CU_ASSERT_STRING_EQUAL(bare + 1, line + strlen("{\"run_id\":\"run-1\",\"ruleset_revision\":\"abc\","));
    free(bare);
    free(line);
    render_scenario_free(f);
}

static const char text_en[] =
    "HIT  T1  Minor \"alone\"\n"
    "    record    person P-7 (test:0)\n"
    "    subject   possible-victim, scenario revision %.12s, status active\n"
    "    score     3 (threshold 2)\n"
    "  conditions (all must hold)\n"
    "    [yes]      minor         Minor\n"
    "                             age = 13\n"
    "  indicators\n"
    "    [yes]   +2 hub           Via a hub\n"
    "                             route = LOS|DXB|YYZ; DXB in hubs (Dubai)\n"
    "    [yes]   +1 payer         Paid by \"another\"\n"
    "                             surname = Müller, payer = O\"Brien\\ \tjr\n"
    "    [ ? ]   -1 bags          No bags\n"
    "                             bags missing  (unknown: does not count)\n"
    "  protected grounds read\n"
    "    age: minors: C:\\docs\n"
    "  guidance\n"
    "    Refer to\n"
    "    protection services\n";

static const char text_fr[] =
    "ALERTE  T1  Mineur « seul »\n"
    "    dossier   person P-7 (test:0)\n"
    "    sujet     possible-victim, révision du scénario %.12s, statut active\n"
    "    score     3 (seuil 2)\n"
    "  conditions (toutes doivent être remplies)\n"
    "    [oui]      minor         Mineur\n"
    "%s"
    "                             age = 13\n"
    "  indicateurs\n"
    "    [oui]   +2 hub           Via a hub\n"
    "%s"
    "                             route = LOS|DXB|YYZ; DXB dans hubs (Dubai)\n"
    "    [oui]   +1 payer         Payé par un tiers\n"
    "%s"
    "                             surname = Müller, payer = O\"Brien\\ \tjr\n"
    "    [ ? ]   -1 bags          No bags\n"
    "%s"
    "                             bags absent  (inconnu : ne compte pas)\n"
    "  motifs protégés lus\n"
    "    age: minors: C:\\docs\n"
    "  consignes\n"
    "    Orienter vers\n"
    "    la protection\n";

/* The text of the hit, in English and French: from the rendered line (as the store
 * keeps it, for review show) and from the explanation (explain, test) alike. */
static void test_hit_text(void)
{
    static explanation ex;
    const scenario *sc = hit_scenario(&ex);
    render_scenario *f = render_prepare(sc, 0);
    char *line = render_hit(f, &ex, NULL, NULL);
    cJSON *stored = cJSON_Parse(line);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stored);
    char want[8192];
    snprintf(want, sizeof want, text_en, sc->revision);
    assert_same("text en", text_of(stored, "en"), want);
    snprintf(want, sizeof want, text_fr, sc->revision, "", "", "", "");
    assert_same("text fr", text_of(stored, "fr"), want);
    /* render_explanation_text prints the same */
    static char buf[16384];
    memset(buf, 0, sizeof buf);
    FILE *out = fmemopen(buf, sizeof buf - 1, "w");
    render_explanation_text(&ex, out, "fr");
    fclose(out);
    assert_same("explanation text fr", buf, want);
    cJSON_Delete(stored);
    free(line);
    render_scenario_free(f);
}

/* RENDER_WORDING (explain): each part ends with its predicate in words, en and fr,
 * and the text shows it under the label. */
static void test_wording(void)
{
    static explanation ex;
    const scenario *sc = hit_scenario(&ex);
    cJSON *tree = render_hit_tree(&ex, NULL, RENDER_WORDING);
    char *line = cJSON_PrintUnformatted(tree);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "\"evidence\":[{\"field\":\"age\",\"value\":13}],"
                                        "\"when\":{\"en\":\"age is under 18\",\"fr\":\"age est inférieur à 18\"}}],"));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "\"matched\":[{\"list\":\"hubs\",\"entry\":\"DXB\",\"note\":\"Dubai\"}],"
                                        "\"when\":{\"en\":\"route contains an entry of list hubs\","
                                        "\"fr\":\"route contient une entrée de la liste hubs\"}}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "\"evidence\":[{\"field\":\"bags\",\"missing\":true}],"
                                        "\"when\":{\"en\":\"bags equals 0\",\"fr\":\"bags est égal à 0\"}}],"));
    char want[8192];
    snprintf(want, sizeof want, text_fr, sc->revision,
             "                             si : age est inférieur à 18\n",
             "                             si : route contient une entrée de la liste hubs\n",
             "                             si : payer diffère de surname\n",
             "                             si : bags est égal à 0\n");
    assert_same("text fr with wording", text_of(tree, "fr"), want);
    free(line);
    cJSON_Delete(tree);
}

/* A Lua error: verdict error, the part's result error, and the message as the extra
 * section "error" after the guidance; the text says so in its header. */
static void test_error(void)
{
    const scenario *sc = fx_load("scenario { " META " threshold = 1,\n"
        "  conditions = { condition 'fare' { label = 'Cheap', when = field 'fare' :lt(100) } },\n"
        "  indicators = { indicator 'boom' { label = 'Boom', weight = 1,\n"
        "    when = function(r) if r.bags then error('bad \"bags\"', 0) end return true end } } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    fx_clear();
    fx_set("id", "E-1");
    fx_set("bags", "3");
    static explanation ex;
    CU_ASSERT_EQUAL(explain_record(fx_lr.set.sb, sc, &fx_rec, &ex), VERDICT_ERROR);
    render_scenario *f = render_prepare(sc, 0);
    char *line = render_hit(f, &ex, NULL, NULL);
    char want[4096];
    snprintf(want, sizeof want,
             "{\"record\":{\"kind\":\"person\",\"key\":\"E-1\",\"source\":\"test\",\"line\":0},"
             "\"scenario\":{\"id\":\"T1\",\"title\":{\"en\":\"Test\",\"fr\":\"Essai\"},\"subject\":\"other\","
             "\"status\":\"active\",\"revision\":\"%s\"},\"verdict\":\"error\",\"score\":0,\"threshold\":1,"
             "\"conditions\":[{\"id\":\"fare\",\"label\":{\"en\":\"Cheap\"},\"result\":\"unknown\","
             "\"evidence\":[{\"field\":\"fare\",\"missing\":true}]}],"
             "\"indicators\":[{\"id\":\"boom\",\"label\":{\"en\":\"Boom\"},\"weight\":1,\"result\":\"error\","
             "\"evidence\":[{\"field\":\"bags\",\"value\":3}]}],"
             "\"fired\":[],\"protected_fields_read\":[],\"guidance\":{\"en\":\"do this\"},"
             "\"error\":\"bad \\\"bags\\\"\"}",
             sc->revision);
    assert_same("error line", line, want);
    cJSON *o = cJSON_Parse(line);
    snprintf(want, sizeof want,
             "ERREUR  T1  Essai\n"
             "    dossier   person E-1 (test:0)\n"
             "    sujet     other, révision du scénario %.12s, statut active\n"
             "    score     0 (seuil 1)\n"
             "    erreur    bad \"bags\"\n"
             "  conditions (toutes doivent être remplies)\n"
             "    [ ? ]      fare          Cheap\n"
             "                             fare absent  (inconnu : ne compte pas)\n"
             "  indicateurs\n"
             "    [ERR]   +1 boom          Boom\n"
             "                             bags = 3\n"
             "  consignes\n"
             "    do this\n",
             sc->revision);
    assert_same("error text fr", text_of(o, "fr"), want);
    cJSON_Delete(o);
    free(line);
    render_scenario_free(f);
}

/* The booking and links sections, written by render.c's own writers, are the bytes
 * cJSON prints of them: an unknown age (null), a payer, the record itself, a member
 * of a link, texts that need escaping. */
static void test_booking_and_links(void)
{
    static explanation ex;
    const scenario *sc = hit_scenario(&ex);
    ex.has_booking = true;
    ex.booking = (links_booking_view){ .group = "B\"1", .size = 3, .shown = 2 };
    ex.booking.members[0] = (links_member_view){ "P-7", "Müller", "B\"1", 12, false, true };
    ex.booking.members[1] = (links_member_view){ "P-8", "O\\Brien", "B\"1", -1, true, false };
    ex.link_count = 2;
    ex.links[0] = (links_link_view){ .link = "phone", .records = 2, .bookings = 2, .shown = 2 };
    ex.links[0].linked[0] = (links_member_view){ "P-7", "Müller", "B\"1", 12, false, true };
    ex.links[0].linked[1] = (links_member_view){ "Q-1", "Tab\tbed", "B2", 40, false, false };
    ex.links[1] = (links_link_view){ .link = "card", .records = 1, .bookings = 1, .shown = 1 };
    ex.links[1].linked[0] = (links_member_view){ "P-7", "Müller", "B\"1", 12, false, true };
    render_scenario *f = render_prepare(sc, 0);
    char *line = render_hit(f, &ex, NULL, NULL);
    const char *want =
        ",\"booking\":{\"group\":\"B\\\"1\",\"records\":3,\"members\":["
        "{\"key\":\"P-7\",\"surname\":\"Müller\",\"age\":12,\"self\":true},"
        "{\"key\":\"P-8\",\"surname\":\"O\\\\Brien\",\"age\":null,\"payer\":true}]},"
        "\"links\":[{\"link\":\"phone\",\"records\":2,\"bookings\":2,\"linked\":["
        "{\"key\":\"P-7\",\"booking\":\"B\\\"1\",\"surname\":\"Müller\",\"self\":true},"
        "{\"key\":\"Q-1\",\"booking\":\"B2\",\"surname\":\"Tab\\tbed\"}]},"
        "{\"link\":\"card\",\"records\":1,\"bookings\":1,\"linked\":["
        "{\"key\":\"P-7\",\"booking\":\"B\\\"1\",\"surname\":\"Müller\",\"self\":true}]}]}";
    size_t n = strlen(line), w = strlen(want);
    assert_same("booking and links members", n >= w ? line + n - w : line, want);
    cJSON *o = cJSON_Parse(line);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    char *again = cJSON_PrintUnformatted(o);
    assert_same("booking and links as cJSON prints them", line, again);
    free(again);
    cJSON_Delete(o);
    free(line);
    render_scenario_free(f);
    ex.has_booking = false;
    ex.link_count = 0;
}

/* Numbers are written as cJSON writes them: integers (zero, negative, beyond 32
 * bits), fractions, an exponent; 15 significant digits, which cJSON keeps when the
 * text reads back within its tolerance (0.30000000000000004 is 0.3). */
static char *cjson_number(double d)
{
    cJSON *n = cJSON_CreateNumber(d);
    char *s = cJSON_PrintUnformatted(n);
    cJSON_Delete(n);
    return s;
}

static void test_numbers(void)
{
    const scenario *sc = fx_load("scenario { " META " threshold = 1,\n"
        "  indicators = { indicator 'b' { label = 'B', weight = 1, when = field 'bags' :equals(1) },\n"
        "                 indicator 'f' { label = 'F', weight = 1, when = field 'fare' :equals(1) } } }");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    render_scenario *f = render_prepare(sc, 0);
    const char *cases[][3] = { { "0", "0.1", "0.1" }, { "-7", "99.5", "99.5" }, { "123456789012", "-2.5e-7", "-2.5e-07" },
                               { "2147483648", "0.30000000000000004", "0.3" },
                               { "-2147483649", "1e300", "1e+300" } };
    int bags = schema_field(fx_rec.schema, "bags")->index, fare = schema_field(fx_rec.schema, "fare")->index;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fx_clear();
        fx_set("id", "N-1");
        fx_set("bags", cases[i][0]);
        fx_set("fare", cases[i][1]);
        static explanation ex;
        explain_record(fx_lr.set.sb, sc, &fx_rec, &ex);
        char *line = render_hit(f, &ex, NULL, NULL);
        char *b = cjson_number((double)record_get(&fx_rec, bags)->as.i), *n = cjson_number(record_get(&fx_rec, fare)->as.n);
        char want[256], mine[256];
        /* cJSON's own printing, and the text expected by hand */
        snprintf(want, sizeof want, "{\"field\":\"bags\",\"value\":%s}]", b);
        snprintf(mine, sizeof mine, "{\"field\":\"bags\",\"value\":%s}]", cases[i][0]);
        CU_ASSERT_STRING_EQUAL(want, mine);
        if (!strstr(line, want)) printf("bags %s: want %s in %s\n", cases[i][0], want, line);
        CU_ASSERT_PTR_NOT_NULL(strstr(line, want));
        snprintf(want, sizeof want, "{\"field\":\"fare\",\"value\":%s}]", n);
        snprintf(mine, sizeof mine, "{\"field\":\"fare\",\"value\":%s}]", cases[i][2]);
        CU_ASSERT_STRING_EQUAL(want, mine);
        if (!strstr(line, want)) printf("fare %s: want %s in %s\n", cases[i][1], want, line);
        CU_ASSERT_PTR_NOT_NULL(strstr(line, want));
        free(b);
        free(n);
        free(line);
    }
    render_scenario_free(f);
}

/* The identity fields (the schema's identity flags, in schema order) and a random
 * control's line, on the shipped traveller schema and a fixture record. */
static void test_identity_and_control(void)
{
    vg_error err;
    loaded_ruleset lr;
    CU_ASSERT_EQUAL_FATAL(loader_open(&lr, "scenarios", NULL, &err), VG_OK);
    reader *r = reader_open("fixtures/readers/traveller_good.csv", &lr.rs.schemas, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    static record rec;
    record_init(&rec, reader_schema(r));
    CU_ASSERT_EQUAL(reader_next(r, &rec, &err), READ_RECORD);
    CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec, &err), READ_RECORD);
    size_t len = 0;
    char *identity = render_identity(&rec, &len);
    assert_same("identity", identity,
                "{\"record_locator\":\"DEF456\",\"surname\":\"MARTIN\",\"given_names\":\"LUC, PAUL\","
                "\"date_of_birth\":\"1980-02-29\",\"document_number\":\"GA123456\",\"carrier\":\"AC\","
                "\"flight_number\":\"AC871\",\"departure\":\"2026-12-02T18:05:00Z\"}");
    CU_ASSERT_EQUAL(len, strlen(identity));
    hit_origin origin = { "run-2", "def" };
    char *control = render_control(&rec, &origin, 0.001, &len);
    assert_same("control", control,
                "{\"run_id\":\"run-2\",\"ruleset_revision\":\"def\",\"record\":{\"kind\":\"traveller\",\"key\":\"DEF456-1\","
                "\"source\":\"fixtures/readers/traveller_good.csv\",\"line\":3},\"verdict\":\"control\",\"random_rate\":0.001}");
    CU_ASSERT_EQUAL(len, strlen(control));
    free(identity);
    free(control);
    record_free(&rec);
    reader_close(r);
    loader_close(&lr);
}

/* Every line rendered on generated data (every active scenario of the shipped ruleset,
 * every record, hits and no-hits, both kinds, CSV and NDJSON) is what cJSON prints of
 * it when it parses it: the renderer writes numbers and strings exactly as cJSON does,
 * so explain --format json, the store and review show read the same object. */
static long roundtrip_manifest(const loaded_ruleset *lr, const char *path, long *compared)
{
    vg_error err;
    reader *r = reader_open(path, &lr->rs.schemas, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const schema *s = reader_schema(r);
    render_scenario *frag[SCENARIO_MAX_PARTS] = { 0 };
    for (int i = 0; i < lr->set.count && i < SCENARIO_MAX_PARTS; i++)
        if (lr->set.items[i]->schema == s && lr->set.items[i]->status == STATUS_ACTIVE)
            frag[i] = render_prepare(lr->set.items[i], 0);
    static record rec;
    static explanation ex;
    record_init(&rec, s);
    hit_origin origin = { "run-20261203T000000Z-1", lr->rs.revision };
    long hits = 0, mismatches = 0;
    read_status st;
    while ((st = reader_next(r, &rec, &err)) != READ_EOF && st != READ_FATAL) {
        if (st != READ_RECORD) continue;
        for (int i = 0; i < lr->set.count && i < SCENARIO_MAX_PARTS; i++) {
            if (!frag[i]) continue;
            if (explain_record(lr->set.sb, lr->set.items[i], &rec, &ex) == VERDICT_HIT) hits++;
            size_t len;
            char *got = render_hit(frag[i], &ex, &origin, &len);
            cJSON *o = cJSON_Parse(got);
            char *again = o ? cJSON_PrintUnformatted(o) : NULL;
            (*compared)++;
            if (!again || strcmp(again, got) != 0 || len != strlen(got)) {
                if (mismatches++ < 3) printf("not cJSON's bytes, %s line %ld, %s:\n  cJSON %s\n  got   %s\n", path, rec.line,
                                             lr->set.items[i]->id, again ? again : "(does not parse)", got);
            }
            free(again);
            cJSON_Delete(o);
            free(got);
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    for (int i = 0; i < SCENARIO_MAX_PARTS; i++) render_scenario_free(frag[i]);
    record_free(&rec);
    reader_close(r);
    return hits;
}

static void test_generated_lines_are_cjson(void)
{
    vg_error err;
    loaded_ruleset lr;
    CU_ASSERT_EQUAL_FATAL(loader_open(&lr, "scenarios", NULL, &err), VG_OK);
    char dir[] = "/tmp/vigie-render-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    const char *vigie = getenv("VIGIE") ? getenv("VIGIE") : "./vigie";
    const char *gens[][2] = { { "traveller --format csv", "t.csv" }, { "traveller --format ndjson", "t.ndjson" },
                              { "shipment --format csv", "s.csv" }, { "shipment --format ndjson", "s.ndjson" } };
    long hits = 0, compared = 0;
    for (int g = 0; g < 4; g++) {
        char cmd[600], path[300];
        snprintf(path, sizeof path, "%s/%s", dir, gens[g][1]);
        snprintf(cmd, sizeof cmd, "%s gen %s -n 1500 --seed %d --plant 0.2 -o %s >/dev/null 2>&1", vigie, gens[g][0], 11 + g, path);
        CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
        hits += roundtrip_manifest(&lr, path, &compared);
        remove(path);
    }
    rmdir(dir);
    CU_ASSERT(hits > 200);      /* the planted patterns hit: the test covers hits, not only misses */
    CU_ASSERT(compared > 20000);
    loader_close(&lr);
}

UNIT_MAIN("render", { "the hit line, hand-checked", test_hit_line }, { "its text in en and fr", test_hit_text },
          { "explain's predicate wording", test_wording }, { "an error's extra section", test_error },
          { "numbers as cJSON writes them", test_numbers },
          { "booking and links sections", test_booking_and_links },
          { "identity and control lines", test_identity_and_control },
          { "generated lines are cJSON's bytes", test_generated_lines_are_cjson })
