/* serve.h - vigie serve: the officer review page over the review store (libmicrohttpd), its requests, responses and routes. */
#ifndef VIGIE_SERVE_H
#define VIGIE_SERVE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "serve_auth.h"
#include "store.h"
#include "store_web.h"

/* Limits: a request is refused (400/413) beyond these, never read into memory. */
#define SERVE_MAX_BODY 16384          /* bytes of a form */
#define SERVE_MAX_PARAMS 32           /* fields of a query or a form */
#define SERVE_MAX_VALUE 4096          /* bytes of one decoded value (a note) */
#define SERVE_THREADS 4               /* thread pool */
#define SERVE_TIMEOUT_SECONDS 30      /* idle connection */
#define SERVE_MAX_CONNECTIONS 64
#define SERVE_MAX_PER_IP 16
#define SERVE_PAGE_SIZE 25            /* queue rows per page */

/* ---- a growing text buffer: pages are written into one ---------------------------- */

typedef struct serve_buf {
    char *data;
    size_t len, cap;
} serve_buf;

void serve_put(serve_buf *b, const char *s);
void serve_putn(serve_buf *b, const char *s, size_t n);
void serve_printf(serve_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s with & < > " ' escaped: every value that reaches HTML goes through here. */
void serve_escape(serve_buf *b, const char *s);
/* s percent-encoded for a query string value. */
void serve_url_encode(serve_buf *b, const char *s);
void serve_buf_free(serve_buf *b);

/* ---- requests ---------------------------------------------------------------------- */

typedef struct serve_param {
    char *name, *value;
} serve_param;

typedef struct serve_params {
    serve_param items[SERVE_MAX_PARAMS];
    int count;
} serve_params;

/* Decode application/x-www-form-urlencoded text (a query string or a form body) into
 * p, adding to what is there: VG_ERR on a bad %-escape, too many fields, a value too
 * long or bytes that are not UTF-8 text. */
int serve_params_parse(serve_params *p, const char *text, size_t len);
int serve_params_add(serve_params *p, const char *name, const char *value);
const char *serve_param_get(const serve_params *p, const char *name); /* NULL when absent */
void serve_params_free(serve_params *p);

typedef struct serve_request {
    const char *method;            /* "GET", "POST", ... */
    const char *path;              /* "/item/3" (no query) */
    serve_params query, form;
    const char *cookie;            /* the Cookie header, NULL when none */
    const char *remote;            /* the client's address, for rate limiting */
    bool malformed;                /* the query or form could not be decoded */
    bool too_large;                /* the body passed SERVE_MAX_BODY */
} serve_request;

typedef struct serve_response {
    int status;
    const char *content_type;
    serve_buf body;
    char location[512];            /* a redirect's target */
    char cookies[2][256];          /* Set-Cookie values */
    int cookie_count;
    bool cacheable;                /* the style sheet; pages are never cached */
} serve_response;

void serve_response_free(serve_response *rs);

/* ---- the server ------------------------------------------------------------------------ */

typedef struct serve_server {
    store *st;
    pthread_mutex_t lock;          /* one request at a time on the store connection */
    auth_limiter limiter;
    bool tls;                      /* cookies are Secure */
} serve_server;

int serve_server_init(serve_server *sv, store *st, bool tls);
void serve_server_free(serve_server *sv);

/* Answer one request (every route, every check): what the libmicrohttpd glue calls
 * and what the C tests call directly. Never fails: errors become 4xx/5xx pages. */
void serve_handle(serve_server *sv, const serve_request *rq, serve_response *rs);

typedef struct serve_options {
    const char *listen;            /* "127.0.0.1:8080" */
    const char *cert, *key;        /* PEM files: TLS when both are given */
    bool insecure;                 /* allow a non-loopback address without TLS */
} serve_options;

/* Whether host is a loopback address (127.0.0.0/8, ::1, localhost). */
bool serve_is_loopback(const char *host);
/* Split "host:port" / "[v6]:port". VG_ERR with err on a bad value. */
int serve_parse_listen(const char *listen, char *host, size_t host_size, int *port, vg_error *err);
/* Check the options (loopback, TLS, --insecure) and run until SIGINT/SIGTERM. */
int serve_run(serve_server *sv, const serve_options *opt, vg_error *err);

/* ---- pages (serve_pages.c); the context serve.c hands them ----------------------------- */

typedef struct serve_ctx {
    serve_server *sv;
    const serve_request *rq;
    serve_response *rs;
    const char *lang;              /* "en" or "fr" */
    store_user user;               /* user.name "" when not logged in */
    char csrf[80];
} serve_ctx;

/* The text of a catalogue key in the page's language. */
const char *serve_text(const serve_ctx *c, const char *key);
/* Write the escaped text of a catalogue key into the page. */
void serve_t(serve_ctx *c, const char *key);
/* A catalogue text with {1}, {2} replaced by the escaped args, written escaped. */
void serve_text_format(serve_ctx *c, const char *key, int argc, const char *const *argv);

void page_begin(serve_ctx *c, const char *title_key, const char *title_extra);
void page_end(serve_ctx *c);
/* A whole error page (status and message key). */
void page_error(serve_ctx *c, int status, const char *message_key);
void page_login(serve_ctx *c, const char *message_key, const char *pre_token);
void page_queue(serve_ctx *c);
/* message_key: a notice over the page (NULL: none); status: its HTTP status.
 * unmask_reason: a supervisor asked for the sealed values (the read is audited by the caller). */
void page_item(serve_ctx *c, long long item_id, const char *message_key, const char *message_arg, int status,
               bool unmask);
void page_runs(serve_ctx *c);
void page_run(serve_ctx *c, const char *run_id);
void page_scenarios(serve_ctx *c);
void page_scenario(serve_ctx *c, const char *scenario_id);
void page_audit(serve_ctx *c);
void page_users(serve_ctx *c, const char *message_key, const char *message_arg, int status);

#endif
