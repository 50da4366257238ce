/* unit_serve.c - the review page's handlers, catalogue, parameters and session code, over a store filled with real hit lines. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "catalog.h"
#include "serve.h"
#include "serve_auth.h"
#include "store.h"
#include "store_web.h"

/* ---- a store with one run: the real hit lines of traveller T1 (vigie run --hits on
 * fixtures/manifests/travellers.csv, ruleset fixtures/rulesets/e2e), one hostile one ---- */

static char db_path[64];
static store *st;
static serve_server sv;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    serve_buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) serve_putn(&b, chunk, n);
    fclose(f);
    return b.data;
}

static void add_user(const char *name, const char *role, const char *password)
{
    store_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.role, sizeof u.role, "%s", role);
    snprintf(u.lang, sizeof u.lang, "en");
    snprintf(u.created_by, sizeof u.created_by, "unit");
    const char *why;
    CU_ASSERT_EQUAL_FATAL(auth_password_hash(password, u.password_hash, sizeof u.password_hash, &why), VG_OK);
    vg_error err;
    CU_ASSERT_EQUAL_FATAL(store_user_add(st, &u, &err), VG_OK);
}

static int setup_store(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/vigie-unit-serve-%d.db", (int)getpid());
    unlink(db_path);
    vg_error err;
    st = store_open(db_path, &err);
    if (!st) return 1;
    store_run run = { .id = "run-unit", .kind = "production", .user = "unit", .host = "localhost", .pid = getpid(),
                      .vigie_version = "test", .ruleset_dir = "fixtures/rulesets/e2e", .ruleset_revision = "r1",
                      .threads = 1 };
    store_run_scenario scs[] = {
        { "E2E-MINOR", "e583", "Minor travelling alone, paid by another", NULL, "possible-victim", "active", "unit", "2027-01-01", 4,
          "Minors paid for by another surname are a documented victim profile.", NULL, "[\"IATA guidance\"]" },
        { "E2E-CASH-LAST-MINUTE", "6ccd", "Cash, last minute, one way", NULL, "possible-victim", "active", "unit", "2027-01-01", 0, "Cash at the last minute.", NULL, "[]" },
    };
    store_run_input in = { "fixtures/manifests/travellers.csv", 1, "abc" };
    if (store_run_begin(st, &run, &in, 1, scs, 2, &err) != VG_OK) return 1;
    char *lines = read_text("fixtures/web/hits_T1.ndjson");
    if (!lines) return 1;
    int count = 0;
    for (char *save = NULL, *line = strtok_r(lines, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        bool minor = strstr(line, "E2E-MINOR") != NULL;
        store_hit h = { .run_id = "run-unit", .scenario_id = minor ? "E2E-MINOR" : "E2E-CASH-LAST-MINUTE",
                        .scenario_revision = "e583", .subject = "possible-victim", .record_kind = "traveller",
                        .record_key = "T1", .group_key = "LOC001", .source = "fixtures/manifests/travellers.csv",
                        .line = 2, .score = minor ? 5 : 0, .threshold = minor ? 4 : 0,
                        .identity_json = "{\"record_locator\":\"LOC001\",\"surname\":\"DOE\",\"date_of_birth\":\"2012-01-01\"}",
                        .explanation_json = line };
        if (store_hit_add(st, &h, NULL, &err) != VG_OK) return 1;
        count++;
    }
    /* a second booking whose values try to break out of the page */
    store_hit hostile = { .run_id = "run-unit", .scenario_id = "E2E-MINOR", .scenario_revision = "e583",
                          .subject = "possible-victim", .record_kind = "traveller", .record_key = "T9",
                          .group_key = "<b>LOC9</b>", .source = "x.csv", .line = 9, .score = 4, .threshold = 4,
                          .identity_json = "{\"surname\":\"<script>alert(1)</script>\",\"given_names\":\"O'Brien & \\\"Co\\\"\"}",
                          .explanation_json = "{\"scenario\":{\"id\":\"E2E-MINOR\",\"title\":{\"en\":\"<i>t</i>\"}},"
                                              "\"booking\":{\"group\":\"<b>LOC9</b>\",\"records\":2,\"members\":["
                                              "{\"key\":\"T9\",\"surname\":\"<u>KIM</u>\",\"age\":41,\"payer\":true,\"self\":true},"
                                              "{\"key\":\"T10\",\"surname\":\"PARK\",\"age\":12}]},"
                                              "\"links\":[{\"link\":\"contact_phone\",\"records\":2,\"bookings\":2,\"linked\":["
                                              "{\"key\":\"T9\",\"booking\":\"<b>LOC9</b>\",\"surname\":\"KIM\",\"self\":true},"
                                              "{\"key\":\"T44\",\"booking\":\"LOC44\",\"surname\":\"LEE\"}]}],"
                                              "\"guidance\":{\"en\":\"<img src=x onerror=alert(1)>\"},\"score\":4,\"threshold\":4}" };
    if (store_hit_add(st, &hostile, NULL, &err) != VG_OK) return 1;
    free(lines);
    store_run_end end = { .status = "complete", .read = 10, .evaluated = 10, .hits = count + 1 };
    if (store_run_finish(st, "run-unit", &end, &err) != VG_OK) return 1;
    if (count != 2) return 1;
    serve_server_init(&sv, st, false);
    return 0;
}

static int teardown_store(void)
{
    serve_server_free(&sv);
    store_close(st);
    unlink(db_path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", db_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db_path);
    unlink(side);
    return 0;
}

/* ---- requests as the libmicrohttpd glue makes them ---------------------------------- */

typedef struct browser {
    char cookie[256];              /* the Cookie header, made from the two below */
    char pre[80], session[80];
    char csrf[80];
} browser;

static void request(browser *b, const char *method, const char *path_and_query, const char *form, serve_response *rs)
{
    serve_request rq;
    memset(&rq, 0, sizeof rq);
    char path[256];
    snprintf(path, sizeof path, "%s", path_and_query);
    char *q = strchr(path, '?');
    if (q) {
        *q++ = 0;
        if (serve_params_parse(&rq.query, q, strlen(q)) != VG_OK) rq.malformed = true;
    }
    if (form && serve_params_parse(&rq.form, form, strlen(form)) != VG_OK) rq.malformed = true;
    rq.method = method;
    rq.path = path;
    if (b && !b->cookie[0] && (b->pre[0] || b->session[0]))
        snprintf(b->cookie, sizeof b->cookie, "%s%s%s%s%s", b->pre[0] ? "vigie_pre=" : "", b->pre,
                 b->pre[0] && b->session[0] ? "; " : "", b->session[0] ? "vigie_session=" : "", b->session);
    rq.cookie = b && b->cookie[0] ? b->cookie : NULL;
    rq.remote = "127.0.0.1";
    serve_handle(&sv, &rq, rs);
    /* keep the cookies the response sets, as a browser would */
    for (int i = 0; b && i < rs->cookie_count; i++) {
        char value[80] = "";
        if (sscanf(rs->cookies[i], "vigie_session=%79[0-9a-f]", value) >= 0 && strncmp(rs->cookies[i], "vigie_session=", 14) == 0)
            snprintf(b->session, sizeof b->session, "%s", value);
        else if (strncmp(rs->cookies[i], "vigie_pre=", 10) == 0) {
            sscanf(rs->cookies[i], "vigie_pre=%79[0-9a-f]", value);
            snprintf(b->pre, sizeof b->pre, "%s", value);
        }
    }
    if (b) {
        snprintf(b->cookie, sizeof b->cookie, "%s%s%s%s%s", b->pre[0] ? "vigie_pre=" : "", b->pre,
                 b->pre[0] && b->session[0] ? "; " : "", b->session[0] ? "vigie_session=" : "", b->session);
    }
    /* the page's CSRF token, as the forms carry it */
    const char *tok = rs->body.data ? strstr(rs->body.data, "name=\"csrf\" value=\"") : NULL;
    if (b && tok) sscanf(tok + strlen("name=\"csrf\" value=\""), "%79[0-9a-f]", b->csrf);
    serve_params_free(&rq.query);
    serve_params_free(&rq.form);
}

static bool body_has(const serve_response *rs, const char *s)
{
    return rs->body.data && strstr(rs->body.data, s) != NULL;
}

/* Log in: GET /login for the pre-login token, POST it with the password. */
static int login(browser *b, const char *name, const char *password)
{
    memset(b, 0, sizeof *b);
    serve_response rs;
    request(b, "GET", "/login", NULL, &rs);
    serve_response_free(&rs);
    char form[256];
    snprintf(form, sizeof form, "csrf=%s&name=%s&password=%s", b->csrf, name, password);
    request(b, "POST", "/login", form, &rs);
    int status = rs.status;
    serve_response_free(&rs);
    if (status == 303) {
        request(b, "GET", "/queue", NULL, &rs); /* picks up the session's CSRF token */
        serve_response_free(&rs);
    }
    return status;
}

static int count_audit(const store_audit_row *row, void *ctx)
{
    if (strcmp(row->action, "view") == 0) (*(int *)ctx)++;
    return 0;
}

/* ---- the catalogue ------------------------------------------------------------------- */

static void test_catalog_complete(void)
{
    char report[512];
    int problems = catalog_check(report, sizeof report);
    CU_ASSERT_EQUAL(problems, 0);
    if (problems) printf("catalogue: %s\n", report);
    CU_ASSERT(catalog_count() > 100);
    CU_ASSERT_STRING_EQUAL(catalog_get("fr", "nav.queue"), "File");
    CU_ASSERT_STRING_EQUAL(catalog_get("en", "nav.queue"), "Queue");
    CU_ASSERT_STRING_EQUAL(catalog_get("de", "nav.queue"), "Queue"); /* unknown language: English */
}

static void test_catalog_compare_finds_gaps(void)
{
    char report[512];
    CU_ASSERT_EQUAL(catalog_compare("a = A\nb = B {1}\n", "a = AA\nb = BB {1}\n", report, sizeof report), 0);
    CU_ASSERT_EQUAL(catalog_compare("a = A\nb = B\n", "a = AA\n", report, sizeof report), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(report, "b: no fr translation"));
    CU_ASSERT_EQUAL(catalog_compare("a = A\n", "a = AA\nc = C\n", report, sizeof report), 1);
    CU_ASSERT_EQUAL(catalog_compare("a = A {1}\n", "a = AA\n", report, sizeof report), 1);
    CU_ASSERT_EQUAL(catalog_compare("a = A\n", "a =\n", report, sizeof report), 1);
    long before = catalog_misses();
    CU_ASSERT_STRING_EQUAL(catalog_get("en", "no.such.key"), "no.such.key");
    CU_ASSERT_EQUAL(catalog_misses(), before + 1);
}

/* ---- parameters, escaping, listen addresses --------------------------------------------- */

static void test_params(void)
{
    serve_params p = { .count = 0 };
    CU_ASSERT_EQUAL(serve_params_parse(&p, "a=1&b=x+y%21&c=&d", 17), VG_OK);
    CU_ASSERT_STRING_EQUAL(serve_param_get(&p, "b"), "x y!");
    CU_ASSERT_STRING_EQUAL(serve_param_get(&p, "c"), "");
    CU_ASSERT_STRING_EQUAL(serve_param_get(&p, "d"), "");
    CU_ASSERT_PTR_NULL(serve_param_get(&p, "e"));
    serve_params_free(&p);
    const char *bad[] = { "a=%zz", "a=%4", "a=%00", "a=%ff%fe", "=x", "a=%01" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_EQUAL(serve_params_parse(&p, bad[i], strlen(bad[i])), VG_ERR);
        serve_params_free(&p);
    }
    char many[SERVE_MAX_PARAMS * 8 + 16] = "";
    for (int i = 0; i <= SERVE_MAX_PARAMS; i++) snprintf(many + strlen(many), sizeof many - strlen(many), "k%d=1&", i);
    CU_ASSERT_EQUAL(serve_params_parse(&p, many, strlen(many)), VG_ERR);
    serve_params_free(&p);
    CU_ASSERT_EQUAL(serve_params_parse(&p, "n=%C3%A9t%C3%A9", 15), VG_OK); /* UTF-8 is text */
    CU_ASSERT_STRING_EQUAL(serve_param_get(&p, "n"), "\xc3\xa9t\xc3\xa9");
    serve_params_free(&p);
}

static void test_escape(void)
{
    serve_buf b = { 0 };
    serve_escape(&b, "<a href=\"x\">O'Brien & co</a>");
    CU_ASSERT_STRING_EQUAL(b.data, "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;");
    serve_buf_free(&b);
    serve_url_encode(&b, "a b&c/é");
    CU_ASSERT_STRING_EQUAL(b.data, "a%20b%26c%2F%C3%A9");
    serve_buf_free(&b);
}

static void test_listen(void)
{
    char host[64];
    int port;
    vg_error err;
    CU_ASSERT_EQUAL(serve_parse_listen("127.0.0.1:8080", host, sizeof host, &port, &err), VG_OK);
    CU_ASSERT_STRING_EQUAL(host, "127.0.0.1");
    CU_ASSERT_EQUAL(port, 8080);
    CU_ASSERT_EQUAL(serve_parse_listen("[::1]:9", host, sizeof host, &port, &err), VG_OK);
    CU_ASSERT_STRING_EQUAL(host, "::1");
    CU_ASSERT_EQUAL(serve_parse_listen("127.0.0.1", host, sizeof host, &port, &err), VG_ERR);
    CU_ASSERT_EQUAL(serve_parse_listen("127.0.0.1:0", host, sizeof host, &port, &err), VG_ERR);
    CU_ASSERT_EQUAL(serve_parse_listen("127.0.0.1:70000", host, sizeof host, &port, &err), VG_ERR);
    CU_ASSERT(serve_is_loopback("127.0.0.1"));
    CU_ASSERT(serve_is_loopback("127.8.9.1"));
    CU_ASSERT(serve_is_loopback("::1"));
    CU_ASSERT(serve_is_loopback("localhost"));
    CU_ASSERT_FALSE(serve_is_loopback("0.0.0.0"));
    CU_ASSERT_FALSE(serve_is_loopback("10.1.2.3"));
    /* a non-loopback address without TLS is refused before anything listens */
    serve_options opt = { .listen = "0.0.0.0:18089" };
    CU_ASSERT_EQUAL(serve_run(&sv, &opt, &err), VG_ERR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "without TLS"));
    serve_options half = { .listen = "127.0.0.1:18089", .cert = "x.pem" };
    CU_ASSERT_EQUAL(serve_run(&sv, &half, &err), VG_ERR);
}

/* ---- passwords, tokens, rate limits, sessions ---------------------------------------------- */

static void test_passwords_and_tokens(void)
{
    char hash[192];
    const char *why = NULL;
    CU_ASSERT_EQUAL(auth_password_hash("short", hash, sizeof hash, &why), VG_ERR);
    CU_ASSERT_EQUAL(auth_password_hash("correct horse battery", hash, sizeof hash, &why), VG_OK);
    CU_ASSERT_EQUAL(strncmp(hash, "$argon2id$", 10), 0);
    CU_ASSERT(auth_password_verify(hash, "correct horse battery"));
    CU_ASSERT_FALSE(auth_password_verify(hash, "correct horse batterz"));
    CU_ASSERT_FALSE(auth_password_verify("", "x"));
    char a[AUTH_TOKEN_HEX], b[AUTH_TOKEN_HEX], h[AUTH_TOKEN_HEX];
    auth_token(a);
    auth_token(b);
    CU_ASSERT_EQUAL(strlen(a), 64);
    CU_ASSERT(strcmp(a, b) != 0);
    CU_ASSERT(auth_token_equal(a, a));
    CU_ASSERT_FALSE(auth_token_equal(a, b));
    CU_ASSERT_FALSE(auth_token_equal(a, NULL));
    CU_ASSERT_FALSE(auth_token_equal("", ""));
    auth_token_hash(a, h);
    CU_ASSERT(strcmp(a, h) != 0 && strlen(h) == 64);
    CU_ASSERT(auth_role_valid("officer") && !auth_role_valid("root") && !auth_role_valid(NULL));
    CU_ASSERT(auth_can_review("officer") && auth_can_review("supervisor"));
    CU_ASSERT_FALSE(auth_can_review("analyst") || auth_can_review("admin"));
    CU_ASSERT(auth_can_admin("admin") && !auth_can_admin("supervisor"));
    CU_ASSERT(auth_can_audit("supervisor") && !auth_can_audit("officer"));
}

static void test_rate_limit(void)
{
    auth_limiter l;
    auth_limiter_init(&l);
    time_t t = 1000000;
    for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++) auth_limit_fail(&l, "ip:a", t + i);
    CU_ASSERT_EQUAL(auth_limit_wait(&l, "ip:a", t + 10), 0);
    auth_limit_fail(&l, "ip:a", t + 10);
    CU_ASSERT(auth_limit_wait(&l, "ip:a", t + 11) > 0);
    CU_ASSERT_EQUAL(auth_limit_wait(&l, "ip:b", t + 11), 0);
    CU_ASSERT_EQUAL(auth_limit_wait(&l, "ip:a", t + AUTH_WINDOW_SECONDS + 1), 0); /* the window ends */
    auth_limit_fail(&l, "user:x", t);
    auth_limit_reset(&l, "user:x");
    CU_ASSERT_EQUAL(auth_limit_wait(&l, "user:x", t), 0);
    pthread_mutex_destroy(&l.lock);
}

static void test_login_and_sessions(void)
{
    add_user("olga", "officer", "officer-olga-2026");
    add_user("omar", "officer", "officer-omar-2026");
    add_user("anna", "analyst", "analyst-anna-2026");
    add_user("adam", "admin", "admin-adam-2026");
    browser b;
    CU_ASSERT_EQUAL(login(&b, "olga", "officer-olga-2026"), 303);
    serve_response rs;
    request(&b, "GET", "/queue", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT(body_has(&rs, "/item/1"));
    serve_response_free(&rs);
    /* logout ends the session in the store, not only in the browser */
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s", b.cookie);
    char form[128];
    snprintf(form, sizeof form, "csrf=%s", b.csrf);
    request(&b, "POST", "/logout", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
    browser stale;
    memset(&stale, 0, sizeof stale);
    snprintf(stale.cookie, sizeof stale.cookie, "%s", cookie);
    request(&stale, "GET", "/queue", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    CU_ASSERT_STRING_EQUAL(rs.location, "/login");
    serve_response_free(&rs);
    /* a wrong password, an unknown name, a login without its pre-login token */
    CU_ASSERT_EQUAL(login(&b, "olga", "wrong-password-1"), 401);
    CU_ASSERT_EQUAL(login(&b, "nobody", "wrong-password-1"), 401);
    browser bare;
    memset(&bare, 0, sizeof bare);
    request(&bare, "POST", "/login", "name=olga&password=officer-olga-2026", &rs);
    CU_ASSERT_EQUAL(rs.status, 403);
    serve_response_free(&rs);
    /* a forged session cookie is nobody */
    browser forged;
    memset(&forged, 0, sizeof forged);
    snprintf(forged.session, sizeof forged.session, "%064d", 0);
    request(&forged, "GET", "/item/1", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
}

/* ---- pages and actions ----------------------------------------------------------------------- */

static void test_item_page_and_audit(void)
{
    browser b;
    CU_ASSERT_EQUAL(login(&b, "olga", "officer-olga-2026"), 303);
    int before = 0, after = 0;
    vg_error err;
    store_audit_rows(st, 0, count_audit, &before, &err);
    serve_response rs;
    request(&b, "GET", "/item/1", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT(body_has(&rs, "LOC001") && body_has(&rs, "DOE"));
    CU_ASSERT(body_has(&rs, "Minor travelling alone, paid by another"));
    CU_ASSERT(body_has(&rs, "Paid by another surname") && body_has(&rs, "SMITH"));
    CU_ASSERT(body_has(&rs, "class=\"scorebar\""));
    CU_ASSERT(body_has(&rs, "Refer to protection."));
    CU_ASSERT(body_has(&rs, "Minors paid for by another surname are a documented victim profile."));
    CU_ASSERT(body_has(&rs, "<li>IATA guidance</li>"));
    CU_ASSERT(body_has(&rs, "action=\"/item/1/decide\""));
    serve_response_free(&rs);
    store_audit_rows(st, 0, count_audit, &after, &err);
    CU_ASSERT_EQUAL(after, before + 1);
    /* French: the frame, the dispositions and the scenario's own French guidance */
    request(&b, "GET", "/item/1?lang=fr", NULL, &rs);
    CU_ASSERT(body_has(&rs, "Dossier de contrôle") && body_has(&rs, "Orienter vers la protection."));
    CU_ASSERT(body_has(&rs, "Victime possible repérée"));
    serve_response_free(&rs);
    request(&b, "GET", "/queue", NULL, &rs); /* the choice sticks to the user */
    CU_ASSERT(body_has(&rs, "File de contrôle"));
    serve_response_free(&rs);
    request(&b, "GET", "/queue?lang=en", NULL, &rs);
    serve_response_free(&rs);
    /* every value is escaped */
    request(&b, "GET", "/item/2", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT_FALSE(body_has(&rs, "<script>") || body_has(&rs, "<img") || body_has(&rs, "<b>LOC9") || body_has(&rs, "<i>t"));
    CU_ASSERT(body_has(&rs, "&lt;script&gt;alert(1)&lt;/script&gt;") && body_has(&rs, "O&#39;Brien &amp; &quot;Co&quot;"));
    /* the booking and link section: the booking's records, the linked records' keys */
    CU_ASSERT(body_has(&rs, "Booking &lt;b&gt;LOC9&lt;/b&gt;: 2 records in the run"));
    CU_ASSERT(body_has(&rs, "<td><code>T10</code></td><td>PARK</td><td>12</td>"));
    CU_ASSERT(body_has(&rs, "&lt;u&gt;KIM&lt;/u&gt;") && !body_has(&rs, "<u>KIM"));
    CU_ASSERT(body_has(&rs, "paid (this record)"));
    CU_ASSERT(body_has(&rs, "Shared contact_phone: 2 records, 2 bookings"));
    CU_ASSERT(body_has(&rs, "<li><code>T44</code> booking <code>LOC44</code></li>"));
    serve_response_free(&rs);
}

static void test_errors_never_crash(void)
{
    browser b;
    CU_ASSERT_EQUAL(login(&b, "olga", "officer-olga-2026"), 303);
    struct { const char *method, *path; int status; } cases[] = {
        { "GET", "/item/999", 404 },   { "GET", "/item/0", 404 },        { "GET", "/item/abc", 404 },
        { "GET", "/item/1x", 404 },    { "GET", "/item/99999999999999999999", 404 }, { "GET", "/nowhere", 404 },
        { "GET", "/run/nope", 404 },   { "GET", "/run/../etc", 404 },    { "GET", "/scenario/NOPE", 404 },
        { "PUT", "/queue", 405 },      { "GET", "/users", 403 },         { "GET", "/audit", 403 },
        { "GET", "/queue?page=-5&status=zzz&sort=%3Cx%3E", 200 },        { "GET", "/static/style.css", 200 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        serve_response rs;
        request(&b, cases[i].method, cases[i].path, NULL, &rs);
        CU_ASSERT_EQUAL(rs.status, cases[i].status);
        if (rs.status != cases[i].status) printf("%s %s: %d\n", cases[i].method, cases[i].path, rs.status);
        serve_response_free(&rs);
    }
    serve_request rq;
    memset(&rq, 0, sizeof rq);
    rq.method = "POST";
    rq.path = "/login";
    rq.malformed = true;
    serve_response rs;
    serve_handle(&sv, &rq, &rs);
    CU_ASSERT_EQUAL(rs.status, 400);
    serve_response_free(&rs);
    rq.malformed = false;
    rq.too_large = true;
    serve_handle(&sv, &rq, &rs);
    CU_ASSERT_EQUAL(rs.status, 413);
    serve_response_free(&rs);
}

static void test_decide_csrf_claims(void)
{
    browser olga, omar;
    CU_ASSERT_EQUAL(login(&olga, "olga", "officer-olga-2026"), 303);
    CU_ASSERT_EQUAL(login(&omar, "omar", "officer-omar-2026"), 303);
    serve_response rs;
    char form[512];
    /* no token, a wrong token: refused, nothing written */
    request(&olga, "POST", "/item/1/decide", "disposition=no-concern", &rs);
    CU_ASSERT_EQUAL(rs.status, 403);
    serve_response_free(&rs);
    request(&olga, "POST", "/item/1/decide", "disposition=no-concern&csrf=00", &rs);
    CU_ASSERT_EQUAL(rs.status, 403);
    serve_response_free(&rs);
    /* a note is required, an unknown disposition is refused */
    snprintf(form, sizeof form, "csrf=%s&disposition=victim-referred&note=+++", olga.csrf);
    request(&olga, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 400);
    serve_response_free(&rs);
    snprintf(form, sizeof form, "csrf=%s&disposition=arrested&note=x", olga.csrf);
    request(&olga, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 400);
    serve_response_free(&rs);
    /* olga claims; omar's decision is refused with her name */
    snprintf(form, sizeof form, "csrf=%s", olga.csrf);
    request(&olga, "POST", "/item/1/claim", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
    snprintf(form, sizeof form, "csrf=%s&disposition=no-concern", omar.csrf);
    request(&omar, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 409);
    CU_ASSERT(body_has(&rs, "olga holds this item"));
    serve_response_free(&rs);
    /* olga decides: the item leaves the open queue */
    snprintf(form, sizeof form, "csrf=%s&disposition=victim-referred&note=Referred+to+the+hotline", olga.csrf);
    request(&olga, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    CU_ASSERT_PTR_NOT_NULL(strstr(rs.location, "/queue?msg=decided"));
    serve_response_free(&rs);
    request(&olga, "GET", "/queue", NULL, &rs);
    CU_ASSERT_FALSE(body_has(&rs, "href=\"/item/1\""));
    serve_response_free(&rs);
    /* omar, without amend: the store says it is decided */
    snprintf(form, sizeof form, "csrf=%s&disposition=no-concern", omar.csrf);
    request(&omar, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 409);
    CU_ASSERT(body_has(&rs, "decided already"));
    serve_response_free(&rs);
    snprintf(form, sizeof form, "csrf=%s&disposition=inconclusive&note=Second+look&amend=1", omar.csrf);
    request(&omar, "POST", "/item/1/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
    request(&omar, "GET", "/item/1", NULL, &rs);
    CU_ASSERT(body_has(&rs, "Second look") && body_has(&rs, "Referred to the hotline"));
    serve_response_free(&rs);
}

static void test_roles(void)
{
    browser anna, adam, olga;
    CU_ASSERT_EQUAL(login(&anna, "anna", "analyst-anna-2026"), 303);
    serve_response rs;
    request(&anna, "GET", "/item/1", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT(body_has(&rs, "Paid by another surname"));
    CU_ASSERT_FALSE(body_has(&rs, "DOE") || body_has(&rs, "LOC001") || body_has(&rs, "SMITH") || body_has(&rs, "2012-01-01"));
    CU_ASSERT_FALSE(body_has(&rs, "/decide"));
    serve_response_free(&rs);
    request(&anna, "GET", "/item/2", NULL, &rs); /* no booking or link section for analysts */
    CU_ASSERT_EQUAL(rs.status, 200);
    /* (as the page writes keys: a bare "T10" is also in any time stamp of 10 o'clock) */
    CU_ASSERT_FALSE(body_has(&rs, "<code>T10</code>") || body_has(&rs, "PARK") || body_has(&rs, "<code>T44</code>") ||
                    body_has(&rs, "LOC44"));
    serve_response_free(&rs);
    request(&anna, "GET", "/queue?status=all", NULL, &rs);
    CU_ASSERT_FALSE(body_has(&rs, "DOE") || body_has(&rs, "LOC001"));
    serve_response_free(&rs);
    char form[256];
    snprintf(form, sizeof form, "csrf=%s&disposition=no-concern", anna.csrf);
    request(&anna, "POST", "/item/2/decide", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 403);
    serve_response_free(&rs);
    request(&anna, "GET", "/run/run-unit", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT(body_has(&rs, "E2E-MINOR"));
    serve_response_free(&rs);
    request(&anna, "GET", "/scenario/E2E-MINOR", NULL, &rs);
    CU_ASSERT_EQUAL(rs.status, 200);
    CU_ASSERT(body_has(&rs, "Minor travelling alone"));
    serve_response_free(&rs);
    /* admins manage accounts; officers cannot */
    CU_ASSERT_EQUAL(login(&olga, "olga", "officer-olga-2026"), 303);
    snprintf(form, sizeof form, "csrf=%s&name=eve&role=admin&password=takeover-2026", olga.csrf);
    request(&olga, "POST", "/users/add", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 403);
    serve_response_free(&rs);
    CU_ASSERT_EQUAL(login(&adam, "adam", "admin-adam-2026"), 303);
    snprintf(form, sizeof form, "csrf=%s&name=nadia&role=officer&lang=fr&password=officer-nadia-2026", adam.csrf);
    request(&adam, "POST", "/users/add", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
    request(&adam, "POST", "/users/add", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 409);
    serve_response_free(&rs);
    snprintf(form, sizeof form, "csrf=%s&name=nadia", adam.csrf);
    request(&adam, "POST", "/users/disable", form, &rs);
    CU_ASSERT_EQUAL(rs.status, 303);
    serve_response_free(&rs);
    browser nadia;
    CU_ASSERT_EQUAL(login(&nadia, "nadia", "officer-nadia-2026"), 401); /* disabled */
}

/* Every page in both languages: no catalogue key left without its text. */
static void test_every_page_translated(void)
{
    const char *pages[] = { "/queue", "/queue?status=decided", "/item/1", "/item/2", "/runs", "/run/run-unit",
                            "/scenarios", "/scenario/E2E-MINOR", "/item/999", "/users", "/audit" };
    const char *users[][2] = { { "olga", "officer-olga-2026" }, { "anna", "analyst-anna-2026" },
                               { "adam", "admin-adam-2026" } };
    long before = catalog_misses();
    for (int u = 0; u < 3; u++) {
        browser b;
        CU_ASSERT_EQUAL(login(&b, users[u][0], users[u][1]), 303);
        for (int l = 0; l < 2; l++)
            for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
                char path[128];
                snprintf(path, sizeof path, "%s%slang=%s", pages[i], strchr(pages[i], '?') ? "&" : "?", l ? "fr" : "en");
                serve_response rs;
                request(&b, "GET", path, NULL, &rs);
                serve_response_free(&rs);
            }
    }
    browser anon;
    memset(&anon, 0, sizeof anon);
    serve_response rs;
    request(&anon, "GET", "/login?lang=fr", NULL, &rs);
    CU_ASSERT(body_has(&rs, "Connexion"));
    serve_response_free(&rs);
    CU_ASSERT_EQUAL(catalog_misses(), before);
}

static int run_all(void)
{
    if (setup_store() != 0) {
        printf("FAIL serve: cannot build the test store (run from the repository root)\n");
        printf("serve: 0 passed, 1 failed\n");
        return 1;
    }
    CU_TestInfo tests[] = {
        { "catalogue complete in en and fr", test_catalog_complete },
        { "catalogue comparison finds gaps", test_catalog_compare_finds_gaps },
        { "form and query parameters", test_params },
        { "html and url escaping", test_escape },
        { "listen addresses, loopback, TLS refusal", test_listen },
        { "passwords, tokens, roles", test_passwords_and_tokens },
        { "login rate limit", test_rate_limit },
        { "login, logout, sessions", test_login_and_sessions },
        { "item page, French, escaping, audit", test_item_page_and_audit },
        { "errors are 4xx, never a crash", test_errors_never_crash },
        { "decide: csrf, notes, claims, amend", test_decide_csrf_claims },
        { "roles: analyst, officer, admin", test_roles },
        { "every page translated", test_every_page_translated },
        CU_TEST_INFO_NULL,
    };
    int rc = unit_run("serve", tests);
    teardown_store();
    return rc;
}

int main(void)
{
    return run_all();
}
