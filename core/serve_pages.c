/* serve_pages.c - the HTML pages of vigie serve: queue, item (the explanation rendered from the hit JSON), runs, scenarios, audit, users. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "disposition.h"
#include "serve.h"
#include "xalloc.h"

/* Every value that reaches the page goes through serve_escape (E below); every
 * word of the page comes from the catalogue (T). Pages never load anything from
 * elsewhere: one style sheet from this server, no script. */

#define B(c) (&(c)->rs->body)

static void E(serve_ctx *c, const char *s)
{
    serve_escape(B(c), s);
}

static void P(serve_ctx *c, const char *s)
{
    serve_put(B(c), s);
}

static void T(serve_ctx *c, const char *key)
{
    serve_t(c, key);
}

/* The catalogue text of prefix + name ("subject." + "goods"), or name itself when it is not a known value. */
static void T_value(serve_ctx *c, const char *prefix, const char *name)
{
    static const char *const known[] = { "subject.possible-victim", "subject.possible-facilitator", "subject.goods",
                                         "subject.other", "kind.traveller", "kind.shipment", "status.running",
                                         "status.complete", "status.failed", "status.interrupted", "status.active",
                                         "status.draft", "status.retired", "role.officer", "role.analyst",
                                         "role.supervisor", "role.admin" };
    char key[96];
    snprintf(key, sizeof key, "%s%s", prefix, name);
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(known[i], key) == 0) {
            T(c, key);
            return;
        }
    E(c, name);
}

static bool identities_visible(const serve_ctx *c)
{
    return auth_can_review(c->user.role);
}

/* ---- frame ------------------------------------------------------------------------------ */

static void csrf_field(serve_ctx *c)
{
    P(c, "<input type=\"hidden\" name=\"csrf\" value=\"");
    E(c, c->csrf);
    P(c, "\">");
}

void page_begin(serve_ctx *c, const char *title_key, const char *title_extra)
{
    serve_printf(B(c), "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
                 c->lang);
    T(c, title_key);
    if (title_extra) {
        P(c, " ");
        E(c, title_extra);
    }
    P(c, " - vigie</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>\n<header class=\"top\">");
    P(c, "<a class=\"brand\" href=\"/queue\">vigie</a>");
    if (c->user.name[0]) {
        P(c, "<nav>");
        struct { const char *href, *key; bool shown; } links[] = {
            { "/queue", "nav.queue", true },
            { "/runs", "nav.runs", true },
            { "/scenarios", "nav.scenarios", true },
            { "/audit", "nav.audit", auth_can_audit(c->user.role) },
            { "/users", "nav.users", auth_can_admin(c->user.role) },
        };
        for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
            if (!links[i].shown) continue;
            bool here = strncmp(c->rq->path, links[i].href, strlen(links[i].href)) == 0;
            serve_printf(B(c), "<a href=\"%s\"%s>", links[i].href, here ? " aria-current=\"page\"" : "");
            T(c, links[i].key);
            P(c, "</a>");
        }
        P(c, "</nav><div class=\"who\"><span class=\"user\">");
        E(c, c->user.name);
        P(c, "</span> <span class=\"role\">");
        T_value(c, "role.", c->user.role);
        P(c, "</span>");
    } else {
        P(c, "<div class=\"who\">");
    }
    const char *other = strcmp(c->lang, "fr") == 0 ? "en" : "fr";
    const char *here = strcmp(c->rq->method, "GET") == 0 ? c->rq->path : "/queue";
    P(c, " <a class=\"lang\" href=\"");
    E(c, here);
    serve_printf(B(c), "?lang=%s\" hreflang=\"%s\" lang=\"%s\">", other, other, other);
    T(c, "nav.other_language");
    P(c, "</a>");
    if (c->user.name[0]) {
        P(c, " <form class=\"inline\" method=\"post\" action=\"/logout\">");
        csrf_field(c);
        P(c, "<button class=\"link\" type=\"submit\">");
        T(c, "nav.logout");
        P(c, "</button></form>");
    }
    P(c, "</div></header>\n<main>");
}

void page_end(serve_ctx *c)
{
    P(c, "</main>\n<footer>");
    T(c, "frame.footer");
    P(c, "</footer></body></html>\n");
}

static void notice(serve_ctx *c, const char *key, const char *arg, bool error)
{
    if (!key) return;
    serve_printf(B(c), "<p class=\"notice%s\" role=\"%s\">", error ? " error" : "", error ? "alert" : "status");
    const char *argv[] = { arg ? arg : "" };
    serve_text_format(c, key, 1, argv);
    P(c, "</p>");
}

void page_error(serve_ctx *c, int status, const char *message_key)
{
    serve_buf_free(B(c));
    c->rs->status = status;
    c->rs->location[0] = 0;
    page_begin(c, "error.title", NULL);
    serve_printf(B(c), "<h1>%d</h1>", status);
    notice(c, message_key, NULL, true);
    P(c, "<p><a href=\"/queue\">");
    T(c, "error.back");
    P(c, "</a></p>");
    page_end(c);
}

void page_login(serve_ctx *c, const char *message_key, const char *pre_token)
{
    page_begin(c, "login.title", NULL);
    P(c, "<section class=\"login\"><h1>");
    T(c, "login.title");
    P(c, "</h1>");
    notice(c, message_key, NULL, true);
    P(c, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"");
    E(c, pre_token);
    P(c, "\"><label>");
    T(c, "login.name");
    P(c, "<input name=\"name\" autocomplete=\"username\" required maxlength=\"63\" autofocus></label><label>");
    T(c, "login.password");
    P(c, "<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"256\"></label>"
         "<button type=\"submit\">");
    T(c, "login.submit");
    P(c, "</button></form><p class=\"hint\">");
    T(c, "login.hint");
    P(c, "</p></section>");
    page_end(c);
}

/* ---- pieces ---------------------------------------------------------------------------------- */

/* The score against the threshold as a bar (inline SVG: no style attribute, so the
 * page keeps a strict Content-Security-Policy). scale: the highest score possible. */
static void score_bar(serve_ctx *c, int score, int threshold, int scale, int width)
{
    if (scale < threshold) scale = threshold;
    if (scale < score) scale = score;
    if (scale < 1) scale = 1;
    int fill = score <= 0 ? 0 : score * width / scale;
    int mark = threshold <= 0 ? 1 : threshold * width / scale;
    if (mark >= width) mark = width - 1;
    char label[128];
    snprintf(label, sizeof label, "%d / %d", score, threshold);
    serve_printf(B(c), "<svg class=\"scorebar\" viewBox=\"0 0 %d 20\" width=\"%d\" height=\"20\" role=\"img\" aria-label=\"",
                 width, width);
    T(c, "item.score");
    serve_printf(B(c), " %s\"><rect class=\"track\" x=\"0\" y=\"5\" width=\"%d\" height=\"10\" rx=\"3\"/>"
                       "<rect class=\"fill%s\" x=\"0\" y=\"5\" width=\"%d\" height=\"10\" rx=\"3\"/>"
                       "<line class=\"mark\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"20\"/></svg>",
                 label, width, score >= threshold ? " over" : "", fill, mark, mark);
}

static void chips(serve_ctx *c, const char *prefix, const char *csv)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", csv);
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
        serve_printf(B(c), "<span class=\"chip %s\">", strcmp(prefix, "subject.") == 0 ? s : "");
        T_value(c, prefix, s);
        P(c, "</span> ");
    }
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int json_int(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* {"en": ..., "fr": ...} in the page's language, falling back to English. */
static const char *json_text(const cJSON *o, const char *key, const char *lang)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(t)) return t->valuestring;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, lang);
    if (cJSON_IsString(v) && *v->valuestring) return v->valuestring;
    return json_str(t, "en");
}

static void json_value(serve_ctx *c, const cJSON *v)
{
    if (cJSON_IsString(v)) E(c, v->valuestring);
    else if (cJSON_IsBool(v)) T(c, cJSON_IsTrue(v) ? "value.true" : "value.false");
    else if (cJSON_IsNumber(v)) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.15g", v->valuedouble);
        E(c, buf);
    } else if (cJSON_IsArray(v)) {
        const cJSON *item;
        int i = 0;
        cJSON_ArrayForEach(item, v) {
            if (i++) P(c, " &rarr; ");
            json_value(c, item);
        }
    } else if (cJSON_IsNull(v)) {
        P(c, "&mdash;");
    }
}

/* Evidence values are personal data beyond the identity fields (a payer's surname, a
 * phone number): roles that do not review see which fields were read and whether they
 * were missing, never the values nor the list entries they matched. */
static void evidence(serve_ctx *c, const cJSON *part)
{
    bool hide = !identities_visible(c);
    const cJSON *e;
    int shown = 0;
    P(c, "<ul class=\"evidence\">");
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(part, "evidence")) {
        const char *field = json_str(e, "field");
        P(c, "<li><code>");
        E(c, field);
        P(c, "</code> ");
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "missing"))) {
            P(c, "<span class=\"missing\">");
            T(c, "item.missing");
            P(c, "</span>");
        } else if (hide) {
            P(c, "= <span class=\"hidden\">");
            T(c, "item.hidden");
            P(c, "</span>");
        } else {
            P(c, "= <span class=\"value\">");
            json_value(c, cJSON_GetObjectItemCaseSensitive(e, "value"));
            P(c, "</span>");
        }
        P(c, "</li>");
        shown++;
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(part, "matched")) {
        P(c, "<li class=\"matched\">");
        if (hide) {
            T(c, "item.hidden");
        } else {
            const char *argv[] = { json_str(e, "entry"), json_str(e, "list") };
            serve_text_format(c, "item.matched", 2, argv);
            const char *note = json_str(e, "note");
            if (*note) {
                P(c, " <span class=\"note\">(");
                E(c, note);
                P(c, ")</span>");
            }
        }
        P(c, "</li>");
        shown++;
    }
    P(c, "</ul>");
}

static void part_row(serve_ctx *c, const cJSON *part, bool condition)
{
    const char *result = json_str(part, "result");
    static const char *const results[] = { "true", "false", "unknown", "error", "skipped" };
    const char *r = "skipped";
    for (size_t i = 0; i < sizeof results / sizeof *results; i++)
        if (strcmp(result, results[i]) == 0) r = results[i];
    char key[32];
    snprintf(key, sizeof key, "result.%s", r);
    serve_printf(B(c), "<tr class=\"part %s\"><td class=\"result\"><span class=\"mark %s\">", r, r);
    T(c, key);
    P(c, "</span></td>");
    if (!condition) {
        int w = json_int(part, "weight");
        serve_printf(B(c), "<td class=\"weight%s\">%+d</td>", w < 0 ? " negative" : "", w);
    }
    P(c, "<td class=\"label\">");
    E(c, json_text(part, "label", c->lang));
    P(c, " <code class=\"id\">");
    E(c, json_str(part, "id"));
    P(c, "</code>");
    if (strcmp(r, "unknown") == 0) {
        P(c, "<div class=\"hint\">");
        T(c, "item.unknown_hint");
        P(c, "</div>");
    }
    P(c, "</td><td>");
    evidence(c, part);
    P(c, "</td></tr>");
}

/* The booking's records and the records sharing a key, when a part read a booking or
 * link value (docs/hits.md): record keys, surnames and ages are identity values, so
 * only those who see identities see them. */
static void booking_links(serve_ctx *c, const cJSON *x)
{
    if (!identities_visible(c)) return;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(x, "booking"), *m, *l;
    if (cJSON_IsObject(b)) {
        char n[16];
        snprintf(n, sizeof n, "%d", json_int(b, "records"));
        const char *argv[] = { json_str(b, "group"), n };
        P(c, "<h3>");
        serve_text_format(c, "item.booking", 2, argv);
        P(c, "</h3><table class=\"booking\"><tbody>");
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(b, "members")) {
            P(c, "<tr><td><code>");
            E(c, json_str(m, "key"));
            P(c, "</code></td><td>");
            E(c, json_str(m, "surname"));
            P(c, "</td><td>");
            const cJSON *age = cJSON_GetObjectItemCaseSensitive(m, "age");
            if (cJSON_IsNumber(age)) serve_printf(B(c), "%d", age->valueint);
            else P(c, "?");
            P(c, "</td><td>");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "payer"))) T(c, "item.payer");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "self"))) {
                P(c, " ");
                T(c, "item.this_record");
            }
            P(c, "</td></tr>");
        }
        P(c, "</tbody></table>");
    }
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(x, "links")) {
        char records[16], bookings[16];
        snprintf(records, sizeof records, "%d", json_int(l, "records"));
        snprintf(bookings, sizeof bookings, "%d", json_int(l, "bookings"));
        const char *argv[] = { json_str(l, "link"), records, bookings };
        P(c, "<h3>");
        serve_text_format(c, "item.link", 3, argv);
        P(c, "</h3><ul class=\"links\">");
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(l, "linked")) {
            P(c, "<li><code>");
            E(c, json_str(m, "key"));
            P(c, "</code> ");
            T(c, "item.in_booking");
            P(c, " <code>");
            E(c, json_str(m, "booking"));
            P(c, "</code>");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "self"))) {
                P(c, " ");
                T(c, "item.this_record");
            }
            P(c, "</li>");
        }
        P(c, "</ul>");
    }
}

/* ---- the queue ---------------------------------------------------------------------------------- */

typedef struct queue_ctx {
    serve_ctx *c;
    int rows;
} queue_ctx;

/* The identity summary of an item: its first member's non-empty identity values. */
static void identity_summary(serve_ctx *c, const char *identity_json)
{
    cJSON *o = cJSON_Parse(identity_json);
    const cJSON *f;
    int n = 0;
    cJSON_ArrayForEach(f, o) {
        if (cJSON_IsNull(f) || n >= 3) continue;
        if (n++) P(c, " ");
        if (cJSON_IsString(f) && strcmp(f->valuestring, "(masked)") == 0) T(c, "item.masked");
        else json_value(c, f);
    }
    cJSON_Delete(o);
}

static int queue_row(const store_item *it, void *ctx)
{
    queue_ctx *q = ctx;
    serve_ctx *c = q->c;
    if (++q->rows > SERVE_PAGE_SIZE) return 0;
    serve_printf(B(c), "<tr><td><a class=\"item-link\" href=\"/item/%lld\">#%lld</a></td><td class=\"score\">", it->id, it->id);
    score_bar(c, it->max_score, it->max_threshold, it->max_threshold * 2, 90);
    serve_printf(B(c), " <span class=\"num\">%d / %d</span></td><td>", it->max_score, it->max_threshold);
    chips(c, "subject.", it->subjects);
    P(c, "</td><td class=\"scenarios\">");
    E(c, it->scenarios);
    P(c, "</td><td class=\"who\">");
    if (identities_visible(c)) {
        T_value(c, "kind.", it->kind);
        P(c, " ");
        identity_summary(c, it->identity);
    } else {
        P(c, "<span class=\"hidden\">");
        T(c, "item.hidden");
        P(c, "</span>");
    }
    P(c, "</td><td><time>");
    E(c, it->created_at);
    P(c, "</time></td><td>");
    bool decided = it->decided_count >= it->hit_count;
    serve_printf(B(c), "<span class=\"status %s\">", decided ? "decided" : "open");
    T(c, decided ? "status.decided" : "status.open");
    P(c, "</span>");
    if (it->last_disposition[0]) {
        const disposition *d = disposition_find(it->last_disposition);
        P(c, "<div class=\"hint\">");
        E(c, d ? disposition_label(d, c->lang) : it->last_disposition);
        P(c, "</div>");
    }
    P(c, "</td><td>");
    if (it->holder[0]) {
        E(c, it->holder);
        P(c, "<div class=\"hint\">");
        T(c, "queue.until");
        P(c, " ");
        E(c, it->held_until);
        P(c, "</div>");
    } else {
        P(c, "&mdash;");
    }
    P(c, "</td></tr>");
    return 0;
}

static void select_option(serve_ctx *c, const char *value, const char *current, const char *label_key, const char *label)
{
    P(c, "<option value=\"");
    E(c, value);
    P(c, "\"");
    if (current && strcmp(value, current) == 0) P(c, " selected");
    P(c, ">");
    if (label_key) T(c, label_key);
    else E(c, label);
    P(c, "</option>");
}

static int queue_scenario_option(const store_count_row *r, void *ctx)
{
    serve_ctx *c = ((queue_ctx *)ctx)->c;
    select_option(c, r->name, serve_param_get(&c->rq->query, "scenario"), NULL, r->name);
    return 0;
}

static int queue_run_option(const store_run_row *r, void *ctx)
{
    serve_ctx *c = ((queue_ctx *)ctx)->c;
    char label[128];
    snprintf(label, sizeof label, "%s (%s)", r->id, r->started_at);
    select_option(c, r->id, serve_param_get(&c->rq->query, "run"), NULL, label);
    return 0;
}

/* A filter value from the query: NULL when absent or empty. */
static const char *query_value(serve_ctx *c, const char *name)
{
    const char *v = serve_param_get(&c->rq->query, name);
    return v && *v ? v : NULL;
}

static void queue_link(serve_ctx *c, int page, const char *key)
{
    serve_buf *b = B(c);
    P(c, "<a href=\"/queue?");
    const char *names[] = { "scenario", "subject", "status", "run", "sort" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = query_value(c, names[i]);
        if (!v) continue;
        serve_printf(b, "%s=", names[i]);
        serve_buf enc = { 0 };
        serve_url_encode(&enc, v);
        E(c, enc.data ? enc.data : "");
        serve_buf_free(&enc);
        P(c, "&amp;");
    }
    serve_printf(b, "page=%d\">", page);
    T(c, key);
    P(c, "</a>");
}

void page_queue(serve_ctx *c)
{
    store_item_filter f = { 0 };
    f.scenario_id = query_value(c, "scenario");
    f.subject = query_value(c, "subject");
    f.run_id = query_value(c, "run");
    const char *status = query_value(c, "status");
    f.status = !status || strcmp(status, "open") == 0 ? STORE_STATUS_OPEN
               : strcmp(status, "decided") == 0    ? STORE_STATUS_DECIDED
                                                   : STORE_STATUS_ALL;
    const char *sort = query_value(c, "sort");
    f.order = sort && strcmp(sort, "age") == 0 ? STORE_ORDER_AGE : STORE_ORDER_SCORE;
    const char *page_text = query_value(c, "page");
    int page = page_text ? atoi(page_text) : 1;
    if (page < 1 || page > 100000) page = 1;
    f.limit = SERVE_PAGE_SIZE + 1;
    f.offset = (page - 1) * SERVE_PAGE_SIZE;

    page_begin(c, "queue.title", NULL);
    P(c, "<h1>");
    T(c, "queue.title");
    P(c, "</h1>");
    const char *msg = query_value(c, "msg");
    if (msg && strcmp(msg, "decided") == 0) {
        const char *item = query_value(c, "item");
        char n[24];
        snprintf(n, sizeof n, "%lld", item ? atoll(item) : 0LL);
        notice(c, "msg.decided", n, false);
    }
    queue_ctx q = { c, 0 };
    vg_error err = { 0 };
    P(c, "<form class=\"filters\" method=\"get\" action=\"/queue\"><label>");
    T(c, "queue.scenario");
    P(c, "<select name=\"scenario\">");
    select_option(c, "", f.scenario_id, "queue.any", NULL);
    store_hit_scenarios(c->sv->st, queue_scenario_option, &q, &err);
    P(c, "</select></label><label>");
    T(c, "queue.subject");
    P(c, "<select name=\"subject\">");
    select_option(c, "", f.subject, "queue.any", NULL);
    const char *subjects[] = { "possible-victim", "possible-facilitator", "goods", "other" };
    for (int i = 0; i < 4; i++) {
        char key[64];
        snprintf(key, sizeof key, "subject.%s", subjects[i]);
        select_option(c, subjects[i], f.subject, key, NULL);
    }
    P(c, "</select></label><label>");
    T(c, "queue.status");
    P(c, "<select name=\"status\">");
    select_option(c, "open", status ? status : "open", "status.open", NULL);
    select_option(c, "decided", status, "status.decided", NULL);
    select_option(c, "all", status, "queue.all", NULL);
    P(c, "</select></label><label>");
    T(c, "queue.run");
    P(c, "<select name=\"run\">");
    select_option(c, "", f.run_id, "queue.any", NULL);
    store_runs(c->sv->st, NULL, 20, queue_run_option, &q, &err);
    P(c, "</select></label><label>");
    T(c, "queue.sort");
    P(c, "<select name=\"sort\">");
    select_option(c, "score", sort ? sort : "score", "queue.by_score", NULL);
    select_option(c, "age", sort, "queue.by_age", NULL);
    P(c, "</select></label><button type=\"submit\">");
    T(c, "queue.apply");
    P(c, "</button></form>");

    P(c, "<table class=\"queue\"><thead><tr><th>");
    T(c, "queue.item");
    P(c, "</th><th>");
    T(c, "queue.score");
    P(c, "</th><th>");
    T(c, "queue.subject");
    P(c, "</th><th>");
    T(c, "queue.scenarios");
    P(c, "</th><th>");
    T(c, "queue.who");
    P(c, "</th><th>");
    T(c, "queue.received");
    P(c, "</th><th>");
    T(c, "queue.status");
    P(c, "</th><th>");
    T(c, "queue.held_by");
    P(c, "</th></tr></thead><tbody>");
    if (store_items(c->sv->st, &f, queue_row, &q, &err) != VG_OK) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    P(c, "</tbody></table>");
    if (q.rows == 0) {
        P(c, "<p class=\"empty\">");
        T(c, "queue.empty");
        P(c, "</p>");
    }
    P(c, "<nav class=\"pages\">");
    if (page > 1) queue_link(c, page - 1, "queue.previous");
    serve_printf(B(c), " <span>%d</span> ", page);
    if (q.rows > SERVE_PAGE_SIZE) queue_link(c, page + 1, "queue.next");
    P(c, "</nav>");
    page_end(c);
}

/* ---- the item ----------------------------------------------------------------------------------- */

typedef struct item_hit {
    long long id;
    char record_key[128], source[256], masked_at[32], last_disposition[32], subject[32], run_id[64];
    long line;
    cJSON *identity, *explanation;
} item_hit;

typedef struct item_ctx {
    item_hit hits[256];
    int count;
    char group_key[128];           /* the sealed group key, after an unmask */
} item_ctx;

static int item_collect(const store_hit_row *row, void *ctx)
{
    item_ctx *ic = ctx;
    if (ic->count >= 256) return 1;
    item_hit *h = &ic->hits[ic->count++];
    memset(h, 0, sizeof *h);
    h->id = row->id;
    snprintf(h->record_key, sizeof h->record_key, "%s", row->record_key);
    snprintf(h->source, sizeof h->source, "%s", row->source);
    snprintf(h->masked_at, sizeof h->masked_at, "%s", row->masked_at);
    snprintf(h->last_disposition, sizeof h->last_disposition, "%s", row->last_disposition);
    snprintf(h->subject, sizeof h->subject, "%s", row->subject);
    snprintf(h->run_id, sizeof h->run_id, "%s", row->run_id);
    h->line = row->line;
    h->identity = cJSON_Parse(row->identity_json);
    h->explanation = cJSON_Parse(row->explanation_json);
    if (!h->identity) h->identity = cJSON_CreateObject();
    if (!h->explanation) h->explanation = cJSON_CreateObject();
    return 0;
}

/* A supervisor's unmask: the sealed originals replace the masked values. */
static int item_unseal(const store_sealed_row *row, void *ctx)
{
    item_ctx *ic = ctx;
    for (int i = 0; i < ic->count; i++) {
        item_hit *h = &ic->hits[i];
        if (h->id != row->hit_id) continue;
        cJSON *identity = cJSON_Parse(row->identity_json), *explanation = cJSON_Parse(row->explanation_json);
        if (identity) {
            cJSON_Delete(h->identity);
            h->identity = identity;
        }
        if (explanation) {
            cJSON_Delete(h->explanation);
            h->explanation = explanation;
        }
        snprintf(h->record_key, sizeof h->record_key, "%s", row->record_key);
        snprintf(ic->group_key, sizeof ic->group_key, "%s", row->group_key);
    }
    return 0;
}

static int item_review_row(const store_review_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    const disposition *d = disposition_find(r->disposition);
    P(c, "<tr><td><time>");
    E(c, r->decided_at);
    P(c, "</time></td><td>");
    E(c, r->officer);
    serve_printf(B(c), "</td><td>%lld</td><td>", r->hit_id);
    E(c, d ? disposition_label(d, c->lang) : r->disposition);
    if (r->amend) {
        P(c, " <span class=\"chip\">");
        T(c, "item.amended");
        P(c, "</span>");
    }
    P(c, "</td><td class=\"note\">");
    E(c, r->note);
    P(c, "</td></tr>");
    return 0;
}

/* Members of the booking or shipment: one row per record that hit, its identity fields. */
static void item_members(serve_ctx *c, const item_ctx *ic)
{
    P(c, "<section class=\"members\"><h2>");
    T(c, "item.members");
    P(c, "</h2>");
    if (!identities_visible(c)) {
        P(c, "<p class=\"hidden\">");
        T(c, "item.identity_hidden");
        P(c, "</p></section>");
        return;
    }
    const cJSON *columns = ic->count ? ic->hits[0].identity : NULL;
    P(c, "<table class=\"identity\"><thead><tr><th>");
    T(c, "item.record");
    P(c, "</th>");
    const cJSON *f;
    cJSON_ArrayForEach(f, columns) {
        P(c, "<th><code>");
        E(c, f->string);
        P(c, "</code></th>");
    }
    P(c, "</tr></thead><tbody>");
    for (int i = 0; i < ic->count; i++) {
        bool seen = false;
        for (int j = 0; j < i; j++)
            if (strcmp(ic->hits[j].record_key, ic->hits[i].record_key) == 0) seen = true;
        if (seen) continue;
        P(c, "<tr><td>");
        if (strcmp(ic->hits[i].record_key, "(masked)") == 0) T(c, "item.masked");
        else E(c, ic->hits[i].record_key);
        P(c, "</td>");
        cJSON_ArrayForEach(f, columns) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(ic->hits[i].identity, f->string);
            P(c, "<td>");
            if (cJSON_IsString(v) && strcmp(v->valuestring, "(masked)") == 0) T(c, "item.masked");
            else json_value(c, v);
            P(c, "</td>");
        }
        P(c, "</tr>");
    }
    P(c, "</tbody></table></section>");
}

/* The scenario's intelligence basis and references, as the run that hit recorded them. */
static void scenario_basis(serve_ctx *c, const store_scenario_row *r)
{
    const char *rationale = strcmp(c->lang, "fr") == 0 && r->rationale_fr[0] ? r->rationale_fr : r->rationale_en;
    if (rationale[0]) {
        P(c, "<div class=\"rationale\"><h3>");
        T(c, "item.rationale");
        P(c, "</h3><p>");
        E(c, rationale);
        P(c, "</p></div>");
    }
    cJSON *refs = cJSON_Parse(r->references);
    if (cJSON_GetArraySize(refs)) {
        const cJSON *ref;
        P(c, "<div class=\"references\"><h3>");
        T(c, "item.references");
        P(c, "</h3><ul>");
        cJSON_ArrayForEach(ref, refs) {
            if (!cJSON_IsString(ref)) continue;
            P(c, "<li>");
            E(c, ref->valuestring);
            P(c, "</li>");
        }
        P(c, "</ul></div>");
    }
    cJSON_Delete(refs);
}

typedef struct basis_ctx {
    const char *id;
    store_scenario_row *row;
} basis_ctx;

static int basis_find(const store_scenario_row *r, void *ctx)
{
    basis_ctx *b = ctx;
    if (strcmp(r->id, b->id) != 0) return 0;
    *b->row = *r;
    return 1;
}

static void item_hit_card(serve_ctx *c, const item_hit *h)
{
    const cJSON *x = h->explanation;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(x, "scenario");
    int score = json_int(x, "score"), threshold = json_int(x, "threshold");
    int scale = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(x, "indicators")) {
        int w = json_int(p, "weight");
        if (w > 0) scale += w;
    }
    serve_printf(B(c), "<article class=\"hit %s\" id=\"hit-%lld\"><header><h2>", h->subject, h->id);
    E(c, json_text(sc, "title", c->lang));
    P(c, "</h2><p class=\"meta\"><a href=\"/scenario/");
    E(c, json_str(sc, "id"));
    P(c, "\"><code>");
    E(c, json_str(sc, "id"));
    P(c, "</code></a> ");
    chips(c, "subject.", json_str(sc, "subject"));
    P(c, "<span>");
    T(c, "item.revision");
    P(c, " <code>");
    char rev[16];
    snprintf(rev, sizeof rev, "%.12s", json_str(sc, "revision"));
    E(c, rev);
    P(c, "</code></span>");
    if (identities_visible(c)) {
        P(c, " <span>");
        T(c, "item.record");
        P(c, " ");
        if (strcmp(h->record_key, "(masked)") == 0) T(c, "item.masked");
        else E(c, h->record_key);
        P(c, " &middot; ");
        E(c, h->source);
        serve_printf(B(c), ":%ld</span>", h->line);
    }
    P(c, "</p></header><div class=\"scoreline\"><span class=\"big\">");
    serve_printf(B(c), "%d</span> ", score);
    const char *argv[] = { "" };
    char t[16];
    snprintf(t, sizeof t, "%d", threshold);
    argv[0] = t;
    T(c, "item.score");
    P(c, " &middot; ");
    serve_text_format(c, "item.threshold", 1, argv);
    P(c, " ");
    score_bar(c, score, threshold, scale, 320);
    P(c, "</div><div class=\"guidance\"><h3>");
    T(c, "item.guidance");
    P(c, "</h3><p>");
    E(c, json_text(x, "guidance", c->lang));
    P(c, "</p></div>");
    store_scenario_row *basis = xcalloc(1, sizeof *basis);
    basis_ctx bc = { json_str(sc, "id"), basis };
    vg_error err;
    if (store_scenarios(c->sv->st, h->run_id, NULL, basis_find, &bc, &err) == VG_OK && basis->id[0])
        scenario_basis(c, basis);
    free(basis);
    const cJSON *conds = cJSON_GetObjectItemCaseSensitive(x, "conditions");
    if (cJSON_GetArraySize(conds)) {
        P(c, "<h3>");
        T(c, "item.conditions");
        P(c, "</h3><table class=\"parts\"><thead><tr><th>");
        T(c, "item.result");
        P(c, "</th><th>");
        T(c, "item.condition");
        P(c, "</th><th>");
        T(c, "item.evidence");
        P(c, "</th></tr></thead><tbody>");
        cJSON_ArrayForEach(p, conds) part_row(c, p, true);
        P(c, "</tbody></table>");
    }
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(x, "indicators");
    if (cJSON_GetArraySize(inds)) {
        P(c, "<h3>");
        T(c, "item.indicators");
        P(c, "</h3><table class=\"parts\"><thead><tr><th>");
        T(c, "item.result");
        P(c, "</th><th>");
        T(c, "item.weight");
        P(c, "</th><th>");
        T(c, "item.indicator");
        P(c, "</th><th>");
        T(c, "item.evidence");
        P(c, "</th></tr></thead><tbody>");
        cJSON_ArrayForEach(p, inds) part_row(c, p, false);
        P(c, "</tbody></table>");
    }
    booking_links(c, x);
    const cJSON *why = cJSON_GetObjectItemCaseSensitive(x, "justifications");
    if (cJSON_GetArraySize(why)) {
        P(c, "<h3>");
        T(c, "item.protected");
        P(c, "</h3><dl class=\"protected\">");
        cJSON_ArrayForEach(p, why) {
            P(c, "<dt><code>");
            E(c, p->string);
            P(c, "</code></dt><dd>");
            if (cJSON_IsString(p)) E(c, p->valuestring);
            else T(c, "item.no_justification");
            P(c, "</dd>");
        }
        P(c, "</dl>");
    }
    if (h->last_disposition[0]) {
        const disposition *d = disposition_find(h->last_disposition);
        P(c, "<p class=\"decided\">");
        T(c, "item.latest_disposition");
        P(c, " <strong>");
        E(c, d ? disposition_label(d, c->lang) : h->last_disposition);
        P(c, "</strong></p>");
    }
    P(c, "</article>");
}

static void item_forms(serve_ctx *c, const store_item *it, const item_ctx *ic, bool unmasked)
{
    bool decided = it->decided_count > 0;
    if (auth_can_review(c->user.role)) {
        P(c, "<section class=\"decide\"><h2>");
        T(c, "decide.title");
        P(c, "</h2>");
        serve_printf(B(c), "<form method=\"post\" action=\"/item/%lld/decide\">", it->id);
        csrf_field(c);
        P(c, "<fieldset><legend>");
        T(c, "decide.disposition");
        P(c, "</legend>");
        for (int i = 0; i < disposition_count; i++) {
            const disposition *d = &dispositions[i];
            P(c, "<label class=\"choice\"><input type=\"radio\" name=\"disposition\" required value=\"");
            E(c, d->name);
            P(c, "\"> ");
            E(c, disposition_label(d, c->lang));
            if (d->needs_note) {
                P(c, " <span class=\"hint\">");
                T(c, "decide.note_needed");
                P(c, "</span>");
            }
            P(c, "</label>");
        }
        P(c, "</fieldset><label>");
        T(c, "decide.note");
        P(c, "<textarea name=\"note\" rows=\"4\" maxlength=\"4000\"></textarea></label>");
        if (decided) {
            P(c, "<label class=\"choice\"><input type=\"checkbox\" name=\"amend\" value=\"1\"> ");
            T(c, "decide.amend");
            P(c, "</label>");
        }
        P(c, "<button type=\"submit\">");
        T(c, "decide.submit");
        P(c, "</button></form></section>");
    }
    bool masked = false;
    for (int i = 0; i < ic->count; i++)
        if (ic->hits[i].masked_at[0]) masked = true;
    if (masked && auth_can_audit(c->user.role) && !unmasked) {
        P(c, "<section class=\"unmask\"><h2>");
        T(c, "unmask.title");
        P(c, "</h2><p>");
        T(c, "unmask.explain");
        serve_printf(B(c), "</p><form method=\"post\" action=\"/item/%lld/unmask\">", it->id);
        csrf_field(c);
        P(c, "<label>");
        T(c, "unmask.reason");
        P(c, "<textarea name=\"reason\" rows=\"2\" required minlength=\"10\" maxlength=\"1000\"></textarea></label>"
             "<button type=\"submit\">");
        T(c, "unmask.submit");
        P(c, "</button></form></section>");
    }
}

void page_item(serve_ctx *c, long long item_id, const char *message_key, const char *message_arg, int status,
               bool unmask)
{
    store *st = c->sv->st;
    vg_error err = { 0 };
    store_item it;
    int rc = store_item_get(st, item_id, &it, &err);
    if (rc == STORE_NOT_FOUND) {
        page_error(c, 404, "msg.no_item");
        return;
    }
    if (rc != VG_OK) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    /* every view of an item is a read of personal data: audited before it is shown */
    char object[48];
    snprintf(object, sizeof object, "item %lld", item_id);
    char details[96];
    snprintf(details, sizeof details, "web, %s%s", c->user.role,
             identities_visible(c) ? (unmask ? ", unmasked" : "") : ", without identities");
    if (store_audit(st, c->user.name, "view", object, details, &err) != VG_OK) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    item_ctx *ic = xcalloc(1, sizeof *ic);
    rc = store_item_hits(st, item_id, item_collect, ic, &err);
    if (rc == VG_OK && unmask) rc = store_item_sealed(st, item_id, item_unseal, ic, &err);
    if (rc != VG_OK) {
        for (int i = 0; i < ic->count; i++) {
            cJSON_Delete(ic->hits[i].identity);
            cJSON_Delete(ic->hits[i].explanation);
        }
        free(ic);
        page_error(c, 500, "msg.store_error");
        return;
    }
    c->rs->status = status;
    char title[32];
    snprintf(title, sizeof title, "#%lld", item_id);
    page_begin(c, "item.title", title);
    notice(c, message_key, message_arg, status >= 400);
    bool decided = it.decided_count >= it.hit_count;
    P(c, "<div class=\"item-head\"><h1>");
    T(c, "item.title");
    serve_printf(B(c), " #%lld</h1><p class=\"meta\">", item_id);
    T_value(c, "kind.", it.kind);
    if (identities_visible(c)) {
        P(c, " <strong class=\"group\">");
        if (unmask && ic->group_key[0]) E(c, ic->group_key);
        else if (strcmp(it.group_key, "(masked)") == 0) T(c, "item.masked");
        else E(c, it.group_key);
        P(c, "</strong>");
    }
    P(c, " ");
    chips(c, "subject.", it.subjects);
    serve_printf(B(c), "<span class=\"status %s\">", decided ? "decided" : "open");
    T(c, decided ? "status.decided" : "status.open");
    P(c, "</span></p><p class=\"meta\">");
    T(c, "item.run");
    P(c, " <a href=\"/run/");
    E(c, it.run_id);
    P(c, "\">");
    E(c, it.run_id);
    P(c, "</a> &middot; ");
    T(c, "queue.received");
    P(c, " <time>");
    E(c, it.created_at);
    P(c, "</time> &middot; ");
    T(c, "queue.held_by");
    P(c, " ");
    if (it.holder[0]) {
        E(c, it.holder);
        P(c, " (");
        T(c, "queue.until");
        P(c, " ");
        E(c, it.held_until);
        P(c, ")");
    } else {
        T(c, "item.nobody");
    }
    P(c, "</p>");
    if (auth_can_review(c->user.role)) {
        bool mine = strcmp(it.holder, c->user.name) == 0;
        serve_printf(B(c), "<form class=\"inline\" method=\"post\" action=\"/item/%lld/%s\">", item_id,
                     mine ? "release" : "claim");
        csrf_field(c);
        P(c, "<button type=\"submit\" class=\"secondary\">");
        T(c, mine ? "item.release" : (it.holder[0] ? "item.claim_taken" : "item.claim"));
        P(c, "</button></form>");
    }
    P(c, "</div>");
    item_members(c, ic);
    for (int i = 0; i < ic->count; i++) item_hit_card(c, &ic->hits[i]);
    P(c, "<section class=\"reviews\"><h2>");
    T(c, "item.reviews");
    P(c, "</h2><table><thead><tr><th>");
    T(c, "item.when");
    P(c, "</th><th>");
    T(c, "item.officer");
    P(c, "</th><th>");
    T(c, "item.hit");
    P(c, "</th><th>");
    T(c, "decide.disposition");
    P(c, "</th><th>");
    T(c, "decide.note");
    P(c, "</th></tr></thead><tbody>");
    store_item_reviews(st, item_id, item_review_row, c, &err);
    P(c, "</tbody></table>");
    if (it.decided_count == 0) {
        P(c, "<p class=\"empty\">");
        T(c, "item.no_reviews");
        P(c, "</p>");
    }
    P(c, "</section>");
    item_forms(c, &it, ic, unmask);
    page_end(c);
    for (int i = 0; i < ic->count; i++) {
        cJSON_Delete(ic->hits[i].identity);
        cJSON_Delete(ic->hits[i].explanation);
    }
    free(ic);
}

/* ---- runs ----------------------------------------------------------------------------------------- */

static void th(serve_ctx *c, const char *const *keys, int n)
{
    P(c, "<thead><tr>");
    for (int i = 0; i < n; i++) {
        P(c, "<th>");
        T(c, keys[i]);
        P(c, "</th>");
    }
    P(c, "</tr></thead>");
}

static int runs_row(const store_run_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td><a href=\"/run/");
    E(c, r->id);
    P(c, "\">");
    E(c, r->id);
    P(c, "</a></td><td>");
    T_value(c, "status.", r->status);
    P(c, "</td><td><time>");
    E(c, r->started_at);
    P(c, "</time></td>");
    serve_printf(B(c), "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
                       "<td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                 r->read, r->evaluated, r->rejected, r->hits, r->errors, r->items);
    return 0;
}

void page_runs(serve_ctx *c)
{
    page_begin(c, "runs.title", NULL);
    P(c, "<h1>");
    T(c, "runs.title");
    P(c, "</h1><table class=\"runs\">");
    static const char *const keys[] = { "runs.id", "runs.status", "runs.started", "runs.read", "runs.evaluated",
                                        "runs.rejected", "runs.hits", "runs.errors", "runs.items" };
    th(c, keys, 9);
    P(c, "<tbody>");
    vg_error err = { 0 };
    store_runs(c->sv->st, NULL, 100, runs_row, c, &err);
    P(c, "</tbody></table>");
    page_end(c);
}

typedef struct run_ctx {
    serve_ctx *c;
    store_run_row run;
    bool found;
} run_ctx;

static int run_found(const store_run_row *r, void *ctx)
{
    run_ctx *rc = ctx;
    rc->run = *r;
    rc->found = true;
    return 1;
}

static int run_scenario_row(const store_scenario_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td><a href=\"/scenario/");
    E(c, r->id);
    P(c, "\"><code>");
    E(c, r->id);
    P(c, "</code></a></td><td>");
    E(c, strcmp(c->lang, "fr") == 0 && r->title_fr[0] ? r->title_fr : r->title_en);
    P(c, "</td><td>");
    T_value(c, "subject.", r->subject);
    serve_printf(B(c), "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td>",
                 r->evaluated, r->hits, r->errors);
    if (r->switched_off) T(c, "run.switched_off");
    if (r->first_error[0]) {
        P(c, " <span class=\"hint\">");
        E(c, r->first_error);
        P(c, "</span>");
    }
    P(c, "</td></tr>");
    return 0;
}

static int run_reject_row(const store_reject_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td>");
    E(c, r->file);
    serve_printf(B(c), ":%ld</td><td><code>", r->line);
    E(c, r->field);
    P(c, "</code></td><td>");
    E(c, r->reason);
    P(c, "</td></tr>");
    return 0;
}

void page_run(serve_ctx *c, const char *run_id)
{
    run_ctx rc;
    memset(&rc, 0, sizeof rc);
    rc.c = c;
    vg_error err = { 0 };
    int found = store_runs(c->sv->st, run_id, 1, run_found, &rc, &err);
    if (found != VG_OK && found != STORE_NOT_FOUND) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    if (!rc.found) {
        page_error(c, 404, "msg.no_run");
        return;
    }
    const store_run_row *r = &rc.run;
    page_begin(c, "run.title", r->id);
    P(c, "<h1>");
    T(c, "run.title");
    P(c, " <code>");
    E(c, r->id);
    P(c, "</code></h1><dl class=\"summary\"><dt>");
    T(c, "runs.status");
    P(c, "</dt><dd>");
    T_value(c, "status.", r->status);
    if (r->failure[0]) {
        P(c, " &mdash; ");
        E(c, r->failure);
    }
    P(c, "</dd><dt>");
    T(c, "runs.started");
    P(c, "</dt><dd><time>");
    E(c, r->started_at);
    P(c, "</time></dd><dt>");
    T(c, "run.finished");
    P(c, "</dt><dd><time>");
    E(c, r->finished_at);
    P(c, "</time></dd><dt>");
    T(c, "run.ruleset");
    P(c, "</dt><dd>");
    E(c, r->ruleset_dir);
    P(c, " <code>");
    char rev[16];
    snprintf(rev, sizeof rev, "%.12s", r->ruleset_revision);
    E(c, rev);
    P(c, "</code></dd><dt>");
    T(c, "run.operator");
    P(c, "</dt><dd>");
    E(c, r->user);
    P(c, "@");
    E(c, r->host);
    P(c, "</dd><dt>");
    T(c, "run.records");
    serve_printf(B(c), "</dt><dd>%lld = %lld + %lld <span class=\"hint\">", r->read, r->evaluated, r->rejected);
    T(c, "run.balance");
    serve_printf(B(c), "</span></dd><dt>");
    T(c, "runs.hits");
    serve_printf(B(c), "</dt><dd>%lld &middot; <a href=\"/queue?run=", r->hits);
    serve_buf enc = { 0 };
    serve_url_encode(&enc, r->id);
    E(c, enc.data ? enc.data : "");
    serve_buf_free(&enc);
    P(c, "&amp;status=all\">");
    serve_printf(B(c), "%lld ", r->items);
    T(c, "runs.items");
    P(c, "</a></dd><dt>");
    T(c, "runs.errors");
    serve_printf(B(c), "</dt><dd>%lld</dd><dt>", r->errors);
    T(c, "run.seconds");
    serve_printf(B(c), "</dt><dd>%.1f</dd></dl>", r->seconds);
    P(c, "<h2>");
    T(c, "run.per_scenario");
    P(c, "</h2><table>");
    static const char *const keys[] = { "scenario.id", "scenario.title_col", "queue.subject", "runs.evaluated",
                                        "runs.hits", "runs.errors", "run.notes" };
    th(c, keys, 7);
    P(c, "<tbody>");
    store_scenarios(c->sv->st, r->id, NULL, run_scenario_row, c, &err);
    P(c, "</tbody></table><h2>");
    T(c, "run.rejects");
    P(c, "</h2>");
    long long total = 0;
    P(c, "<table>");
    static const char *const rkeys[] = { "run.where", "run.field", "run.reason" };
    th(c, rkeys, 3);
    P(c, "<tbody>");
    store_run_rejects(c->sv->st, r->id, 100, run_reject_row, c, &total, &err);
    P(c, "</tbody></table><p class=\"hint\">");
    char n[24];
    snprintf(n, sizeof n, "%lld", total);
    const char *argv[] = { n };
    serve_text_format(c, "run.rejects_total", 1, argv);
    P(c, "</p>");
    page_end(c);
}

/* ---- scenarios -------------------------------------------------------------------------------------- */

static int scenarios_row(const store_scenario_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td><a href=\"/scenario/");
    E(c, r->id);
    P(c, "\"><code>");
    E(c, r->id);
    P(c, "</code></a></td><td>");
    E(c, strcmp(c->lang, "fr") == 0 && r->title_fr[0] ? r->title_fr : r->title_en);
    P(c, "</td><td>");
    T_value(c, "subject.", r->subject);
    P(c, "</td><td>");
    T_value(c, "status.", r->status);
    P(c, "</td><td><code>");
    char rev[16];
    snprintf(rev, sizeof rev, "%.12s", r->revision);
    E(c, rev);
    P(c, "</code></td><td>");
    E(c, r->review_by);
    serve_printf(B(c), "</td><td class=\"num\">%lld</td></tr>", r->hits);
    return 0;
}

void page_scenarios(serve_ctx *c)
{
    page_begin(c, "scenarios.title", NULL);
    P(c, "<h1>");
    T(c, "scenarios.title");
    P(c, "</h1><table>");
    static const char *const keys[] = { "scenario.id", "scenario.title_col", "queue.subject", "runs.status",
                                        "item.revision", "scenario.review_by", "runs.hits" };
    th(c, keys, 7);
    P(c, "<tbody>");
    vg_error err = { 0 };
    store_scenarios(c->sv->st, NULL, NULL, scenarios_row, c, &err);
    P(c, "</tbody></table>");
    page_end(c);
}

typedef struct scenario_ctx {
    serve_ctx *c;
    int rows;
    long long hits_total;
} scenario_ctx;

static int scenario_head(const store_scenario_row *r, void *ctx)
{
    scenario_ctx *s = ctx;
    serve_ctx *c = s->c;
    s->rows++;
    s->hits_total += r->hits;
    if (s->rows > 1) return 0;
    P(c, "<h1>");
    E(c, strcmp(c->lang, "fr") == 0 && r->title_fr[0] ? r->title_fr : r->title_en);
    P(c, "</h1><dl class=\"summary\"><dt>");
    T(c, "scenario.id");
    P(c, "</dt><dd><code>");
    E(c, r->id);
    P(c, "</code></dd><dt>");
    T(c, "queue.subject");
    P(c, "</dt><dd>");
    T_value(c, "subject.", r->subject);
    P(c, "</dd><dt>");
    T(c, "runs.status");
    P(c, "</dt><dd>");
    T_value(c, "status.", r->status);
    P(c, "</dd><dt>");
    T(c, "scenario.owner");
    P(c, "</dt><dd>");
    E(c, r->owner);
    P(c, "</dd><dt>");
    T(c, "scenario.review_by");
    P(c, "</dt><dd>");
    E(c, r->review_by);
    P(c, "</dd><dt>");
    T(c, "scenario.threshold");
    serve_printf(B(c), "</dt><dd>%d</dd><dt>", r->threshold);
    T(c, "item.revision");
    P(c, "</dt><dd><code>");
    E(c, r->revision);
    P(c, "</code></dd><dt>");
    T(c, "run.ruleset");
    P(c, "</dt><dd>");
    E(c, r->ruleset_dir);
    P(c, "</dd></dl>");
    scenario_basis(c, r);
    P(c, "<h2>");
    T(c, "scenario.runs");
    P(c, "</h2><table>");
    static const char *const keys[] = { "runs.id", "runs.started", "item.revision", "runs.evaluated", "runs.hits",
                                        "runs.errors" };
    th(c, keys, 6);
    P(c, "<tbody>");
    return 0;
}

static int scenario_run_row(const store_scenario_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td><a href=\"/run/");
    E(c, r->run_id);
    P(c, "\">");
    E(c, r->run_id);
    P(c, "</a></td><td><time>");
    E(c, r->run_started);
    P(c, "</time></td><td><code>");
    char rev[16];
    snprintf(rev, sizeof rev, "%.12s", r->revision);
    E(c, rev);
    serve_printf(B(c), "</code></td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                 r->evaluated, r->hits, r->errors);
    return 0;
}

static int scenario_disposition_row(const store_count_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td>");
    if (!r->name[0]) T(c, "status.open");
    else {
        const disposition *d = disposition_find(r->name);
        E(c, d ? disposition_label(d, c->lang) : r->name);
    }
    serve_printf(B(c), "</td><td class=\"num\">%lld</td></tr>", r->count);
    return 0;
}

void page_scenario(serve_ctx *c, const char *scenario_id)
{
    scenario_ctx s = { c, 0, 0 };
    vg_error err = { 0 };
    serve_buf saved = *B(c);
    memset(B(c), 0, sizeof saved);
    page_begin(c, "scenario.title", scenario_id);
    /* the newest run's row makes the head; every run a line */
    serve_buf head = *B(c);
    memset(B(c), 0, sizeof head);
    store_scenarios(c->sv->st, NULL, scenario_id, scenario_head, &s, &err);
    if (s.rows == 0) {
        serve_buf_free(&head);
        serve_buf_free(B(c));
        *B(c) = saved;
        page_error(c, 404, "msg.no_scenario");
        return;
    }
    serve_buf body = *B(c);
    *B(c) = saved;
    serve_putn(B(c), head.data, head.len);
    serve_putn(B(c), body.data, body.len);
    serve_buf_free(&head);
    serve_buf_free(&body);
    store_scenarios(c->sv->st, NULL, scenario_id, scenario_run_row, c, &err);
    P(c, "</tbody></table><h2>");
    T(c, "scenario.dispositions");
    P(c, "</h2><table>");
    static const char *const keys[] = { "decide.disposition", "scenario.count" };
    th(c, keys, 2);
    P(c, "<tbody>");
    store_scenario_dispositions(c->sv->st, scenario_id, scenario_disposition_row, c, &err);
    P(c, "</tbody></table><p><a href=\"/queue?status=all&amp;scenario=");
    serve_buf enc = { 0 };
    serve_url_encode(&enc, scenario_id);
    E(c, enc.data ? enc.data : "");
    serve_buf_free(&enc);
    P(c, "\">");
    T(c, "scenario.items");
    P(c, "</a></p>");
    page_end(c);
}

/* ---- audit and users ---------------------------------------------------------------------------------- */

static int audit_row(const store_audit_row *r, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td><time>");
    E(c, r->at);
    P(c, "</time></td><td>");
    E(c, r->actor);
    P(c, "</td><td><code>");
    E(c, r->action);
    P(c, "</code></td><td>");
    E(c, r->object);
    P(c, "</td><td class=\"note\">");
    E(c, r->details);
    P(c, "</td></tr>");
    return 0;
}

void page_audit(serve_ctx *c)
{
    page_begin(c, "audit.title", NULL);
    P(c, "<h1>");
    T(c, "audit.title");
    P(c, "</h1><p class=\"hint\">");
    T(c, "audit.explain");
    P(c, "</p><table>");
    static const char *const keys[] = { "item.when", "audit.actor", "audit.action", "audit.object", "audit.details" };
    th(c, keys, 5);
    P(c, "<tbody>");
    vg_error err = { 0 };
    store_audit_rows(c->sv->st, 500, audit_row, c, &err);
    P(c, "</tbody></table>");
    page_end(c);
}

static int users_row(const store_user *u, void *ctx)
{
    serve_ctx *c = ctx;
    P(c, "<tr><td>");
    E(c, u->name);
    P(c, "</td><td>");
    T_value(c, "role.", u->role);
    P(c, "</td><td>");
    E(c, u->lang);
    P(c, "</td><td><time>");
    E(c, u->created_at);
    P(c, "</time> ");
    E(c, u->created_by);
    P(c, "</td><td>");
    if (u->disabled_at[0]) {
        T(c, "users.disabled");
        P(c, " <time>");
        E(c, u->disabled_at);
        P(c, "</time>");
    } else if (strcmp(u->name, c->user.name) != 0) {
        P(c, "<form class=\"inline\" method=\"post\" action=\"/users/disable\">");
        csrf_field(c);
        P(c, "<input type=\"hidden\" name=\"name\" value=\"");
        E(c, u->name);
        P(c, "\"><button type=\"submit\" class=\"secondary\">");
        T(c, "users.disable");
        P(c, "</button></form>");
    }
    P(c, "</td></tr>");
    return 0;
}

void page_users(serve_ctx *c, const char *message_key, const char *message_arg, int status)
{
    c->rs->status = status;
    page_begin(c, "users.title", NULL);
    P(c, "<h1>");
    T(c, "users.title");
    P(c, "</h1>");
    notice(c, message_key, message_arg, status >= 400);
    P(c, "<table>");
    static const char *const keys[] = { "login.name", "users.role", "users.lang", "users.created", "users.state" };
    th(c, keys, 5);
    P(c, "<tbody>");
    vg_error err = { 0 };
    store_users(c->sv->st, users_row, c, &err);
    P(c, "</tbody></table><h2>");
    T(c, "users.add");
    P(c, "</h2><form class=\"stack\" method=\"post\" action=\"/users/add\">");
    csrf_field(c);
    P(c, "<label>");
    T(c, "login.name");
    P(c, "<input name=\"name\" required maxlength=\"63\" pattern=\"[A-Za-z0-9._-]+\"></label><label>");
    T(c, "users.role");
    P(c, "<select name=\"role\">");
    const char *roles[] = { "officer", "analyst", "supervisor", "admin" };
    for (int i = 0; i < 4; i++) {
        char key[32];
        snprintf(key, sizeof key, "role.%s", roles[i]);
        select_option(c, roles[i], "officer", key, NULL);
    }
    P(c, "</select></label><label>");
    T(c, "users.lang");
    P(c, "<select name=\"lang\">");
    select_option(c, "en", c->lang, "lang.en", NULL);
    select_option(c, "fr", c->lang, "lang.fr", NULL);
    P(c, "</select></label><label>");
    T(c, "login.password");
    P(c, "<input name=\"password\" type=\"password\" required minlength=\"10\" maxlength=\"256\" autocomplete=\"new-password\">"
         "</label><button type=\"submit\">");
    T(c, "users.add");
    P(c, "</button></form>");
    page_end(c);
}
