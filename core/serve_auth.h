/* serve_auth.h - accounts of the web page: Argon2id passwords, session tokens, CSRF tokens, login rate limiting. */
#ifndef VIGIE_SERVE_AUTH_H
#define VIGIE_SERVE_AUTH_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "store_web.h"

#define AUTH_SESSION_HOURS 8        /* a session ends this long after login (a shift) */
#define AUTH_MIN_PASSWORD 10        /* characters */
#define AUTH_MAX_PASSWORD 256
#define AUTH_MAX_FAILURES 5         /* failed logins per window, per address and per user name */
#define AUTH_WINDOW_SECONDS 900     /* ... and the window: 15 minutes */
#define AUTH_TOKEN_HEX 65           /* 32 random bytes as hex, with the NUL */

/* libsodium's initialisation (idempotent). VG_ERR when it cannot start. */
int auth_init(void);

/* The one role vocabulary (the store's CHECK is the same list). */
bool auth_role_valid(const char *role);
/* What a role may do: officers and supervisors review; analysts and admins see
 * figures without identities; supervisors read the audit and unmask; admins
 * manage accounts. */
bool auth_can_review(const char *role);      /* claim, decide, see identity fields */
bool auth_can_audit(const char *role);       /* audit page, unmask purged values */
bool auth_can_admin(const char *role);       /* users page */

/* Argon2id (libsodium's interactive limits) into out; VG_ERR on a password out of
 * bounds (message in why) or when memory runs out. */
int auth_password_hash(const char *password, char *out, size_t size, const char **why);
bool auth_password_verify(const char *hash, const char *password);

/* 32 random bytes as lowercase hex. */
void auth_token(char out[AUTH_TOKEN_HEX]);
/* SHA-256 of a token as hex: what the store keeps. */
void auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX]);
/* Constant-time equality of two NUL-terminated tokens. */
bool auth_token_equal(const char *a, const char *b);

/* ---- login rate limiting --------------------------------------------------------- */

/* Failures counted per key ("ip:127.0.0.1", "user:alice"): after AUTH_MAX_FAILURES in
 * AUTH_WINDOW_SECONDS the key is refused until the window ends. Bounded memory: the
 * oldest slot is reused. Times are passed in, so tests need no clock. */
#define AUTH_LIMIT_SLOTS 256
typedef struct auth_limit_slot {
    char key[96];
    int failures;
    time_t window_start;
} auth_limit_slot;
typedef struct auth_limiter {
    pthread_mutex_t lock;
    auth_limit_slot slots[AUTH_LIMIT_SLOTS];
} auth_limiter;

void auth_limiter_init(auth_limiter *l);
/* Seconds until key may try again; 0 when it may now. */
int auth_limit_wait(auth_limiter *l, const char *key, time_t now);
void auth_limit_fail(auth_limiter *l, const char *key, time_t now);
void auth_limit_reset(auth_limiter *l, const char *key);

/* ---- login and sessions over the store -------------------------------------------------- */

typedef enum { AUTH_OK, AUTH_BAD, AUTH_LIMITED, AUTH_ERROR } auth_result;

/* Check name and password (rate limited by address and name); on success open a
 * session: its token (for the cookie) in token, the user in user. */
auth_result auth_login(store *st, auth_limiter *l, const char *name, const char *password, const char *remote,
                       time_t now, char token[AUTH_TOKEN_HEX], store_user *user, int *wait_seconds, vg_error *err);
/* The session of a cookie token: VG_OK with user and csrf, STORE_NOT_FOUND otherwise. */
int auth_session(store *st, const char *token, store_user *user, char csrf[80], vg_error *err);
int auth_logout(store *st, const char *token, vg_error *err);

#endif
