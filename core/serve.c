/* serve.c - vigie serve: requests, routing, sessions and CSRF checks, limits, and the libmicrohttpd server. */
#include "serve.h"
#include "html.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "catalog.h"
#include "disposition.h"
#include "review.h"
#include "web_embedded.h"
#include "xalloc.h"

/* ---- text buffer ---------------------------------------------------------------------- */

void serve_putn(serve_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap) cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void serve_put(serve_buf *b, const char *s)
{
    serve_putn(b, s, strlen(s));
}

void serve_printf(serve_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        serve_putn(b, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    serve_putn(b, big, (size_t)n);
    free(big);
}

static void serve_put_buf(void *ctx, const char *s, size_t n)
{
    serve_putn(ctx, s, n);
}

void serve_escape(serve_buf *b, const char *s)
{
    html_escape_to(s, serve_put_buf, b);
}

void serve_url_encode(serve_buf *b, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') serve_putn(b, (const char *)&ch, 1);
        else serve_printf(b, "%%%02X", ch);
    }
}

void serve_buf_free(serve_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void serve_response_free(serve_response *rs)
{
    serve_buf_free(&rs->body);
}

/* ---- parameters --------------------------------------------------------------------------- */

/* Well-formed UTF-8 with no control characters but tab, CR and LF. */
static bool serve_text_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) {
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') return false;
            if (*p == 0x7f) return false;
            p++;
            continue;
        }
        int n = (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
        if (n < 0 || *p == 0xc0 || *p == 0xc1 || *p > 0xf4) return false;
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xc0) != 0x80) return false;
        p += n + 1;
    }
    return true;
}

int serve_params_add(serve_params *p, const char *name, const char *value)
{
    if (p->count >= SERVE_MAX_PARAMS || !name || strlen(name) > 64 || strlen(value ? value : "") > SERVE_MAX_VALUE)
        return VG_ERR;
    if (!serve_text_valid(name) || (value && !serve_text_valid(value))) return VG_ERR;
    p->items[p->count].name = xstrdup(name);
    p->items[p->count].value = xstrdup(value ? value : "");
    p->count++;
    return VG_OK;
}

static int serve_hex(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Decode one urlencoded component into out (at most size - 1 bytes). */
static int serve_decode(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o + 1 >= size) return VG_ERR;
        char ch = s[i];
        if (ch == '+') ch = ' ';
        else if (ch == '%') {
            if (i + 2 >= n) return VG_ERR;
            int hi = serve_hex(s[i + 1]), lo = serve_hex(s[i + 2]);
            if (hi < 0 || lo < 0) return VG_ERR;
            ch = (char)(hi * 16 + lo);
            if (ch == 0) return VG_ERR;
            i += 2;
        }
        out[o++] = ch;
    }
    out[o] = 0;
    return VG_OK;
}

int serve_params_parse(serve_params *p, const char *text, size_t len)
{
    static __thread char name[80], value[SERVE_MAX_VALUE + 1];
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '&') end++;
        if (end > i) {
            size_t eq = i;
            while (eq < end && text[eq] != '=') eq++;
            if (serve_decode(text + i, eq - i, name, sizeof name) != VG_OK) return VG_ERR;
            if (eq < end) {
                if (serve_decode(text + eq + 1, end - eq - 1, value, sizeof value) != VG_OK) return VG_ERR;
            } else {
                value[0] = 0;
            }
            if (!*name || serve_params_add(p, name, value) != VG_OK) return VG_ERR;
        }
        i = end + 1;
    }
    return VG_OK;
}

const char *serve_param_get(const serve_params *p, const char *name)
{
    for (int i = 0; i < p->count; i++)
        if (strcmp(p->items[i].name, name) == 0) return p->items[i].value;
    return NULL;
}

void serve_params_free(serve_params *p)
{
    for (int i = 0; i < p->count; i++) {
        free(p->items[i].name);
        free(p->items[i].value);
    }
    p->count = 0;
}

/* ---- the server --------------------------------------------------------------------------- */

int serve_server_init(serve_server *sv, store *st, bool tls)
{
    memset(sv, 0, sizeof *sv);
    sv->st = st;
    sv->tls = tls;
    pthread_mutex_init(&sv->lock, NULL);
    auth_limiter_init(&sv->limiter);
    return auth_init();
}

void serve_server_free(serve_server *sv)
{
    pthread_mutex_destroy(&sv->lock);
    pthread_mutex_destroy(&sv->limiter.lock);
}

const char *serve_text(const serve_ctx *c, const char *key)
{
    return catalog_get(c->lang, key);
}

void serve_t(serve_ctx *c, const char *key)
{
    serve_escape(&c->rs->body, serve_text(c, key));
}

void serve_text_format(serve_ctx *c, const char *key, int argc, const char *const *argv)
{
    const char *s = serve_text(c, key);
    serve_buf *b = &c->rs->body;
    char piece[2] = { 0, 0 };
    for (; *s; s++) {
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
            int i = s[1] - '1';
            if (i < argc) serve_escape(b, argv[i]);
            s += 2;
            continue;
        }
        piece[0] = *s;
        serve_escape(b, piece);
    }
}

/* The value of cookie name in a Cookie header, when it is a token (hex) of the right length. */
static bool serve_cookie(const char *header, const char *name, char out[AUTH_TOKEN_HEX])
{
    size_t n = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';') p++;
        if (strncmp(p, name, n) == 0 && p[n] == '=') {
            p += n + 1;
            size_t len = 0;
            while (isxdigit((unsigned char)p[len])) len++;
            if (len != AUTH_TOKEN_HEX - 1 || (p[len] && p[len] != ';' && p[len] != ' ')) return false;
            memcpy(out, p, len);
            out[len] = 0;
            return true;
        }
        p = strchr(p, ';');
    }
    return false;
}

static void serve_set_cookie(serve_ctx *c, const char *name, const char *value, int max_age)
{
    if (c->rs->cookie_count >= 2) return;
    snprintf(c->rs->cookies[c->rs->cookie_count++], sizeof c->rs->cookies[0],
             "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", name, value, max_age,
             c->sv->tls ? "; Secure" : "");
}

static void serve_redirect(serve_ctx *c, const char *location)
{
    c->rs->status = 303;
    snprintf(c->rs->location, sizeof c->rs->location, "%s", location);
    serve_buf_free(&c->rs->body);
}

/* "/item/12/decide" after prefix "/item/": 12 and the rest ("/decide"); false when not a number. */
static bool serve_path_id(const char *path, const char *prefix, long long *id, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0) return false;
    const char *p = path + n;
    long long v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 15) {
        v = v * 10 + (*p - '0');
        p++;
        digits++;
    }
    if (digits == 0 || (*p >= '0' && *p <= '9') || v <= 0) return false;
    *id = v;
    *rest = p;
    return true;
}

/* A name in a path: ids of runs and scenarios are [A-Za-z0-9._-]. */
static bool serve_path_name(const char *path, const char *prefix, char *out, size_t size)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0) return false;
    const char *p = path + n;
    size_t len = strlen(p);
    if (len == 0 || len >= size) return false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)p[i]) && p[i] != '-' && p[i] != '_' && p[i] != '.') return false;
    memcpy(out, p, len + 1);
    return true;
}

/* ---- actions (POST) ------------------------------------------------------------------------- */

static void serve_login(serve_ctx *c)
{
    char pre[AUTH_TOKEN_HEX];
    const char *form_token = serve_param_get(&c->rq->form, "csrf");
    if (!serve_cookie(c->rq->cookie, "vigie_pre", pre) || !auth_token_equal(pre, form_token)) {
        page_error(c, 403, "msg.csrf");
        return;
    }
    const char *name = serve_param_get(&c->rq->form, "name"), *password = serve_param_get(&c->rq->form, "password");
    char token[AUTH_TOKEN_HEX];
    store_user user;
    int wait = 0;
    vg_error err = { 0 };
    auth_result r = auth_login(c->sv->st, &c->sv->limiter, name, password, c->rq->remote, time(NULL), token, &user,
                               &wait, &err);
    if (r == AUTH_OK) {
        serve_set_cookie(c, "vigie_session", token, AUTH_SESSION_HOURS * 3600);
        serve_set_cookie(c, "vigie_pre", "", 0);
        char object[96];
        snprintf(object, sizeof object, "user %s", user.name);
        store_audit(c->sv->st, user.name, "login", object, c->rq->remote ? c->rq->remote : "", &err);
        serve_redirect(c, "/queue");
        return;
    }
    if (r == AUTH_ERROR) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    char fresh[AUTH_TOKEN_HEX];
    auth_token(fresh);
    serve_set_cookie(c, "vigie_pre", fresh, 3600);
    c->rs->status = r == AUTH_LIMITED ? 429 : 401;
    page_login(c, r == AUTH_LIMITED ? "msg.login_limited" : "msg.login_failed", fresh);
}

/* Claim, decide, release, unmask: officers and supervisors (unmask: supervisors). */
static void serve_item_action(serve_ctx *c, long long item_id, const char *action)
{
    store *st = c->sv->st;
    vg_error err = { 0 };
    store_item item;
    int rc = store_item_get(st, item_id, &item, &err);
    if (rc == STORE_NOT_FOUND) {
        page_error(c, 404, "msg.no_item");
        return;
    }
    if (rc != VG_OK) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    char location[128];
    if (strcmp(action, "/unmask") == 0) {
        if (!auth_can_audit(c->user.role)) {
            page_error(c, 403, "msg.forbidden");
            return;
        }
        const char *reason = serve_param_get(&c->rq->form, "reason");
        size_t n = reason ? strlen(reason) : 0;
        while (n && reason[n - 1] == ' ') n--;
        if (n < 10) {
            page_item(c, item_id, "msg.reason_required", NULL, 400, false);
            return;
        }
        char object[48];
        snprintf(object, sizeof object, "item %lld", item_id);
        if (store_audit(st, c->user.name, "unmask", object, reason, &err) != VG_OK) {
            page_error(c, 500, "msg.store_error");
            return;
        }
        page_item(c, item_id, "msg.unmasked", NULL, 200, true);
        return;
    }
    if (!auth_can_review(c->user.role)) {
        page_error(c, 403, "msg.forbidden");
        return;
    }
    int minutes = review_claim_minutes();
    if (strcmp(action, "/claim") == 0) {
        rc = store_claim(st, item_id, c->user.name, minutes, &err);
        if (rc == VG_OK) {
            snprintf(location, sizeof location, "/item/%lld?msg=claimed", item_id);
            serve_redirect(c, location);
        } else if (rc == STORE_CONFLICT) {
            page_item(c, item_id, "msg.held_by", item.holder, 409, false);
        } else {
            page_error(c, 500, "msg.store_error");
        }
        return;
    }
    if (strcmp(action, "/release") == 0) {
        rc = store_release(st, item_id, c->user.name, &err);
        if (rc == VG_OK) {
            snprintf(location, sizeof location, "/item/%lld?msg=released", item_id);
            serve_redirect(c, location);
        } else if (rc == STORE_CONFLICT) {
            page_item(c, item_id, "msg.not_holder", NULL, 409, false);
        } else {
            page_error(c, 500, "msg.store_error");
        }
        return;
    }
    if (strcmp(action, "/decide") != 0) {
        page_error(c, 404, "msg.not_found");
        return;
    }
    const char *name = serve_param_get(&c->rq->form, "disposition");
    const char *note = serve_param_get(&c->rq->form, "note");
    const char *amend = serve_param_get(&c->rq->form, "amend");
    const disposition *d = disposition_find(name);
    if (!d) {
        page_item(c, item_id, "msg.pick_disposition", NULL, 400, false);
        return;
    }
    bool blank = true;
    for (const char *p = note ? note : ""; *p; p++)
        if (!isspace((unsigned char)*p)) blank = false;
    if (d->needs_note && blank) {
        page_item(c, item_id, "msg.note_required", NULL, 400, false);
        return;
    }
    /* the claim decides between two officers: whoever holds the item decides it */
    rc = store_claim(st, item_id, c->user.name, minutes, &err);
    if (rc == STORE_CONFLICT) {
        store_item now;
        if (store_item_get(st, item_id, &now, &err) == VG_OK) item = now;
        page_item(c, item_id, "msg.held_by", item.holder, 409, false);
        return;
    }
    int written = 0;
    store_decision decision = { .item_id = item_id, .officer = c->user.name, .disposition = d->name,
                                .note = note ? note : "", .amend = amend && strcmp(amend, "1") == 0 };
    if (rc == VG_OK) rc = store_decide(st, &decision, &written, &err);
    if (rc == STORE_CONFLICT) {
        store_release(st, item_id, c->user.name, &err);
        page_item(c, item_id, "msg.already_decided", NULL, 409, false);
        return;
    }
    if (rc != VG_OK) {
        page_error(c, 500, "msg.store_error");
        return;
    }
    store_release(st, item_id, c->user.name, &err);
    snprintf(location, sizeof location, "/queue?msg=decided&item=%lld", item_id);
    serve_redirect(c, location);
}

static void serve_users_action(serve_ctx *c, const char *action)
{
    if (!auth_can_admin(c->user.role)) {
        page_error(c, 403, "msg.forbidden");
        return;
    }
    vg_error err = { 0 };
    const char *name = serve_param_get(&c->rq->form, "name");
    if (strcmp(action, "add") == 0) {
        const char *role = serve_param_get(&c->rq->form, "role"), *password = serve_param_get(&c->rq->form, "password");
        const char *lang = serve_param_get(&c->rq->form, "lang");
        store_user u;
        memset(&u, 0, sizeof u);
        bool name_ok = name && *name && strlen(name) < sizeof u.name;
        for (const char *p = name ? name : ""; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '_') name_ok = false;
        if (!name_ok) {
            page_users(c, "msg.bad_user_name", NULL, 400);
            return;
        }
        if (!auth_role_valid(role)) {
            page_users(c, "msg.bad_role", NULL, 400);
            return;
        }
        const char *why = NULL;
        snprintf(u.name, sizeof u.name, "%s", name);
        snprintf(u.role, sizeof u.role, "%s", role);
        snprintf(u.lang, sizeof u.lang, "%s", catalog_lang(lang));
        snprintf(u.created_by, sizeof u.created_by, "%s", c->user.name);
        if (auth_password_hash(password ? password : "", u.password_hash, sizeof u.password_hash, &why) != VG_OK) {
            page_users(c, "msg.bad_password", NULL, 400);
            return;
        }
        int rc = store_user_add(c->sv->st, &u, &err);
        if (rc == STORE_CONFLICT) {
            page_users(c, "msg.user_exists", name, 409);
            return;
        }
        if (rc == VG_OK) rc = store_audit(c->sv->st, c->user.name, "user-add", name, role, &err);
        if (rc != VG_OK) {
            page_error(c, 500, "msg.store_error");
            return;
        }
        serve_redirect(c, "/users?msg=user_added");
        return;
    }
    if (strcmp(action, "disable") == 0) {
        if (!name || strcmp(name, c->user.name) == 0) {
            page_users(c, "msg.cannot_disable_self", NULL, 400);
            return;
        }
        int rc = store_user_disable(c->sv->st, name, &err);
        if (rc == STORE_NOT_FOUND) {
            page_users(c, "msg.no_user", name, 404);
            return;
        }
        if (rc == VG_OK) rc = store_audit(c->sv->st, c->user.name, "user-disable", name, "", &err);
        if (rc != VG_OK) {
            page_error(c, 500, "msg.store_error");
            return;
        }
        serve_redirect(c, "/users?msg=user_disabled");
        return;
    }
    page_error(c, 404, "msg.not_found");
}

/* ---- routing ------------------------------------------------------------------------------- */

static void serve_style(serve_ctx *c)
{
    const embedded_web *css = web_file("style.css");
    c->rs->status = 200;
    c->rs->content_type = "text/css; charset=utf-8";
    c->rs->cacheable = true;
    serve_putn(&c->rs->body, css ? css->data : "", css ? css->size : 0);
}

static void serve_route(serve_ctx *c)
{
    const serve_request *rq = c->rq;
    bool get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    bool post = strcmp(rq->method, "POST") == 0;
    if (rq->too_large) {
        page_error(c, 413, "msg.too_large");
        return;
    }
    if (rq->malformed || (!get && !post) || rq->path[0] != '/') {
        page_error(c, (!get && !post) ? 405 : 400, (!get && !post) ? "msg.method" : "msg.bad_request");
        return;
    }
    const char *lang_param = serve_param_get(&rq->query, "lang");
    if (lang_param && (strcmp(lang_param, "en") == 0 || strcmp(lang_param, "fr") == 0)) c->lang = lang_param;
    if (strcmp(rq->path, "/static/style.css") == 0 && get) {
        serve_style(c);
        return;
    }
    if (strcmp(rq->path, "/favicon.ico") == 0) {
        c->rs->status = 404;
        c->rs->content_type = "text/plain; charset=utf-8";
        return;
    }
    /* who is asking */
    char token[AUTH_TOKEN_HEX];
    bool has_token = serve_cookie(rq->cookie, "vigie_session", token);
    vg_error err = { 0 };
    if (has_token) {
        int rc = auth_session(c->sv->st, token, &c->user, c->csrf, &err);
        if (rc == VG_OK) {
            if (lang_param && strcmp(c->lang, c->user.lang) != 0) {
                store_user_set_lang(c->sv->st, c->user.name, c->lang, &err);
                snprintf(c->user.lang, sizeof c->user.lang, "%s", c->lang);
            }
            c->lang = catalog_lang(c->user.lang);
        } else if (rc != STORE_NOT_FOUND) {
            page_error(c, 500, "msg.store_error");
            return;
        } else {
            memset(&c->user, 0, sizeof c->user);
        }
    }
    if (strcmp(rq->path, "/login") == 0) {
        if (post) {
            serve_login(c);
            return;
        }
        if (c->user.name[0]) {
            serve_redirect(c, "/queue");
            return;
        }
        /* one pre-login token per browser: a second tab or a favicon request must
         * not replace the token of a form already on screen */
        char pre[AUTH_TOKEN_HEX];
        if (!serve_cookie(rq->cookie, "vigie_pre", pre)) {
            auth_token(pre);
            serve_set_cookie(c, "vigie_pre", pre, 3600);
        }
        page_login(c, NULL, pre);
        return;
    }
    if (!c->user.name[0]) {
        if (get) {
            char location[64];
            snprintf(location, sizeof location, "/login%s", strcmp(c->lang, "fr") == 0 ? "?lang=fr" : "");
            serve_redirect(c, location);
        } else {
            page_error(c, 403, "msg.login_needed");
        }
        return;
    }
    if (post && !auth_token_equal(c->csrf, serve_param_get(&rq->form, "csrf"))) {
        page_error(c, 403, "msg.csrf");
        return;
    }
    long long id;
    const char *rest;
    char name[128];
    if (post) {
        if (strcmp(rq->path, "/logout") == 0) {
            auth_logout(c->sv->st, token, &err);
            serve_set_cookie(c, "vigie_session", "", 0);
            serve_redirect(c, "/login");
        } else if (serve_path_id(rq->path, "/item/", &id, &rest) && *rest) {
            serve_item_action(c, id, rest);
        } else if (strcmp(rq->path, "/users/add") == 0) {
            serve_users_action(c, "add");
        } else if (strcmp(rq->path, "/users/disable") == 0) {
            serve_users_action(c, "disable");
        } else {
            page_error(c, 404, "msg.not_found");
        }
        return;
    }
    if (strcmp(rq->path, "/") == 0) serve_redirect(c, "/queue");
    else if (strcmp(rq->path, "/queue") == 0) page_queue(c);
    else if (serve_path_id(rq->path, "/item/", &id, &rest) && !*rest) {
        const char *msg = serve_param_get(&rq->query, "msg");
        const char *key = !msg ? NULL
                          : strcmp(msg, "claimed") == 0 ? "msg.claimed"
                          : strcmp(msg, "released") == 0 ? "msg.released"
                                                          : NULL;
        page_item(c, id, key, NULL, 200, false);
    } else if (strcmp(rq->path, "/runs") == 0) page_runs(c);
    else if (serve_path_name(rq->path, "/run/", name, sizeof name)) page_run(c, name);
    else if (strcmp(rq->path, "/scenarios") == 0) page_scenarios(c);
    else if (serve_path_name(rq->path, "/scenario/", name, sizeof name)) page_scenario(c, name);
    else if (strcmp(rq->path, "/audit") == 0) {
        if (auth_can_audit(c->user.role)) page_audit(c);
        else page_error(c, 403, "msg.forbidden");
    } else if (strcmp(rq->path, "/users") == 0) {
        if (!auth_can_admin(c->user.role)) {
            page_error(c, 403, "msg.forbidden");
            return;
        }
        const char *msg = serve_param_get(&rq->query, "msg");
        const char *key = !msg ? NULL
                          : strcmp(msg, "user_added") == 0 ? "msg.user_added"
                          : strcmp(msg, "user_disabled") == 0 ? "msg.user_disabled"
                                                               : NULL;
        page_users(c, key, NULL, 200);
    } else page_error(c, 404, "msg.not_found");
}

void serve_handle(serve_server *sv, const serve_request *rq, serve_response *rs)
{
    memset(rs, 0, sizeof *rs);
    rs->status = 200;
    rs->content_type = "text/html; charset=utf-8";
    serve_ctx c = { .sv = sv, .rq = rq, .rs = rs, .lang = "en" };
    pthread_mutex_lock(&sv->lock);
    serve_route(&c);
    pthread_mutex_unlock(&sv->lock);
}

/* ---- libmicrohttpd ---------------------------------------------------------------------------- */

bool serve_is_loopback(const char *host)
{
    if (!host) return false;
    if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0) return true;
    struct in_addr a;
    return inet_pton(AF_INET, host, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

int serve_parse_listen(const char *listen, char *host, size_t host_size, int *port, vg_error *err)
{
    const char *colon = NULL;
    const char *h = listen;
    size_t hlen;
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':') return error_set(err, NULL, 0, "--listen", "expected [ADDRESS]:PORT, got '%s'", listen);
        h = listen + 1;
        hlen = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(listen, ':');
        if (!colon) return error_set(err, NULL, 0, "--listen", "expected ADDRESS:PORT, got '%s'", listen);
        hlen = (size_t)(colon - listen);
    }
    if (hlen == 0 || hlen >= host_size) return error_set(err, NULL, 0, "--listen", "no address in '%s'", listen);
    memcpy(host, h, hlen);
    host[hlen] = 0;
    char *end;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    if (errno || *end || p < 1 || p > 65535 || end == colon + 1)
        return error_set(err, NULL, 0, "--listen", "the port must be 1 to 65535, got '%s'", colon + 1);
    *port = (int)p;
    return VG_OK;
}

typedef struct serve_upload {
    serve_buf body;
    bool too_large;
} serve_upload;

static enum MHD_Result serve_collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    serve_request *rq = cls;
    if (!key || serve_params_add(&rq->query, key, value ? value : "") != VG_OK) rq->malformed = true;
    return MHD_YES;
}

static void serve_headers(struct MHD_Response *r, const serve_response *rs, bool tls)
{
    MHD_add_response_header(r, "Content-Type", rs->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(r, "Cache-Control", rs->cacheable ? "max-age=3600" : "no-store");
    if (tls) MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    if (rs->location[0]) MHD_add_response_header(r, "Location", rs->location);
    for (int i = 0; i < rs->cookie_count; i++) MHD_add_response_header(r, "Set-Cookie", rs->cookies[i]);
}

static enum MHD_Result serve_send(struct MHD_Connection *conn, serve_response *rs, bool tls)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(rs->body.len, rs->body.data ? rs->body.data : (void *)"",
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    serve_headers(r, rs, tls);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result serve_access(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                    const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    serve_server *sv = cls;
    serve_upload *up = *con_cls;
    if (!up) {
        up = xcalloc(1, sizeof *up);
        *con_cls = up;
        const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (length && strtoll(length, NULL, 10) > SERVE_MAX_BODY) up->too_large = true;
        if (!up->too_large) return MHD_YES;
    }
    if (*upload_size) {
        if (up->body.len + *upload_size > SERVE_MAX_BODY) up->too_large = true;
        else serve_putn(&up->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    serve_request rq;
    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.path = url;
    rq.too_large = up->too_large;
    rq.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");
    char remote[INET6_ADDRSTRLEN] = "?";
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, remote, sizeof remote);
        else if (ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, remote, sizeof remote);
    }
    rq.remote = remote;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, serve_collect, &rq);
    if (strcmp(method, "POST") == 0 && !rq.too_large) {
        const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
        if (!type || strncmp(type, "application/x-www-form-urlencoded", 33) != 0) rq.malformed = true;
        else if (serve_params_parse(&rq.form, up->body.data ? up->body.data : "", up->body.len) != VG_OK)
            rq.malformed = true;
    }
    serve_response rs;
    serve_handle(sv, &rq, &rs);
    enum MHD_Result ok = serve_send(conn, &rs, sv->tls);
    serve_response_free(&rs);
    serve_params_free(&rq.query);
    serve_params_free(&rq.form);
    return ok;
}

static void serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    serve_upload *up = *con_cls;
    if (up) {
        serve_buf_free(&up->body);
        free(up);
    }
    *con_cls = NULL;
}

static char *serve_read_file(const char *path, vg_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    serve_buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1 << 20)) serve_putn(&b, chunk, n);
    fclose(f);
    if (!b.data) {
        error_set(err, path, 0, NULL, "the file is empty");
        return NULL;
    }
    return b.data;
}

int serve_run(serve_server *sv, const serve_options *opt, vg_error *err)
{
    char host[256];
    int port;
    if (serve_parse_listen(opt->listen, host, sizeof host, &port, err) != VG_OK) return VG_ERR;
    bool tls = opt->cert && opt->key;
    if ((opt->cert != NULL) != (opt->key != NULL))
        return error_set(err, NULL, 0, "--cert", "TLS needs both --cert and --key");
    if (!serve_is_loopback(host) && !tls && !opt->insecure)
        return error_set(err, NULL, 0, "--listen",
                         "refusing to serve personal data on %s without TLS: give --cert and --key, "
                         "or --insecure behind a TLS proxy", host);
    if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return error_set(err, NULL, 0, "--cert", "this libmicrohttpd was built without TLS (GnuTLS)");
    sv->tls = tls;
    struct sockaddr_in a4;
    struct sockaddr_in6 a6;
    struct sockaddr *addr;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    const char *numeric = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
    if (inet_pton(AF_INET, numeric, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, numeric, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)port);
        addr = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        return error_set(err, NULL, 0, "--listen", "'%s' is not a numeric IPv4 or IPv6 address", host);
    }
    char *cert = NULL, *key = NULL;
    if (tls) {
        if (!(cert = serve_read_file(opt->cert, err))) return VG_ERR;
        if (!(key = serve_read_file(opt->key, err))) {
            free(cert);
            return VG_ERR;
        }
        flags |= MHD_USE_TLS;
    }
    /* SIGINT and SIGTERM are taken by sigwait below; the server's threads inherit the mask */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct MHD_Daemon *d;
    if (tls)
        d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, serve_access, sv, MHD_OPTION_SOCK_ADDR, addr,
                             MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SERVE_THREADS,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_SECONDS,
                             MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
                             MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVE_MAX_PER_IP,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
                             MHD_OPTION_NOTIFY_COMPLETED, serve_completed, NULL, MHD_OPTION_END);
    else
        d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, serve_access, sv, MHD_OPTION_SOCK_ADDR, addr,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SERVE_THREADS,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_SECONDS,
                             MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
                             MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVE_MAX_PER_IP,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
                             MHD_OPTION_NOTIFY_COMPLETED, serve_completed, NULL, MHD_OPTION_END);
    if (!d) {
        free(cert);
        free(key);
        return error_set(err, NULL, 0, "--listen", "cannot listen on %s (in use, or not an address of this machine?)",
                         opt->listen);
    }
    fprintf(stderr, "vigie serve: listening on %s://%s:%d/ (store %s; Ctrl-C stops)\n", tls ? "https" : "http",
            strchr(host, ':') ? opt->listen : host, port, store_file(sv->st));
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    free(cert);
    free(key);
    fprintf(stderr, "vigie serve: stopped (signal %d)\n", sig);
    return VG_OK;
}
