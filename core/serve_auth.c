/* serve_auth.c - accounts of the web page: Argon2id passwords, session tokens, CSRF tokens, login rate limiting. */
#include "serve_auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int auth_init(void)
{
    return sodium_init() < 0 ? VG_ERR : VG_OK;
}

static const char *const auth_roles[] = { "officer", "analyst", "supervisor", "admin" };

bool auth_role_valid(const char *role)
{
    for (size_t i = 0; role && i < sizeof auth_roles / sizeof *auth_roles; i++)
        if (strcmp(role, auth_roles[i]) == 0) return true;
    return false;
}

bool auth_can_review(const char *role)
{
    return role && (strcmp(role, "officer") == 0 || strcmp(role, "supervisor") == 0);
}

bool auth_can_audit(const char *role)
{
    return role && strcmp(role, "supervisor") == 0;
}

bool auth_can_admin(const char *role)
{
    return role && strcmp(role, "admin") == 0;
}

int auth_password_hash(const char *password, char *out, size_t size, const char **why)
{
    size_t n = strlen(password);
    if (n < AUTH_MIN_PASSWORD) {
        *why = "the password is too short (10 characters at least)";
        return VG_ERR;
    }
    if (n > AUTH_MAX_PASSWORD) {
        *why = "the password is too long (256 characters at most)";
        return VG_ERR;
    }
    if (size < crypto_pwhash_STRBYTES || auth_init() != VG_OK) {
        *why = "cannot start libsodium";
        return VG_ERR;
    }
    if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        *why = "out of memory while hashing the password";
        return VG_ERR;
    }
    return VG_OK;
}

bool auth_password_verify(const char *hash, const char *password)
{
    if (!hash || !*hash || !password || strlen(password) > AUTH_MAX_PASSWORD) return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_token(char out[AUTH_TOKEN_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, AUTH_TOKEN_HEX, raw, sizeof raw);
}

void auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, AUTH_TOKEN_HEX, digest, sizeof digest);
}

bool auth_token_equal(const char *a, const char *b)
{
    if (!a || !b) return false;
    size_t n = strlen(a);
    if (n == 0 || n != strlen(b)) return false;
    return sodium_memcmp(a, b, n) == 0;
}

/* ---- rate limiting --------------------------------------------------------------------- */

void auth_limiter_init(auth_limiter *l)
{
    memset(l, 0, sizeof *l);
    pthread_mutex_init(&l->lock, NULL);
}

/* The slot of key, or NULL; make one (reusing the oldest) when create. Lock held. */
static auth_limit_slot *auth_limit_slot_of(auth_limiter *l, const char *key, bool create, time_t now)
{
    auth_limit_slot *oldest = &l->slots[0];
    for (int i = 0; i < AUTH_LIMIT_SLOTS; i++) {
        auth_limit_slot *s = &l->slots[i];
        if (s->key[0] && strcmp(s->key, key) == 0) {
            if (now - s->window_start >= AUTH_WINDOW_SECONDS) { /* the window is over: start afresh */
                s->failures = 0;
                s->window_start = now;
            }
            return s;
        }
        if (!s->key[0] || s->window_start < oldest->window_start) oldest = s;
        if (!s->key[0]) break;
    }
    if (!create) return NULL;
    snprintf(oldest->key, sizeof oldest->key, "%s", key);
    oldest->failures = 0;
    oldest->window_start = now;
    return oldest;
}

int auth_limit_wait(auth_limiter *l, const char *key, time_t now)
{
    pthread_mutex_lock(&l->lock);
    auth_limit_slot *s = auth_limit_slot_of(l, key, false, now);
    int wait = 0;
    if (s && s->failures >= AUTH_MAX_FAILURES) wait = (int)(s->window_start + AUTH_WINDOW_SECONDS - now);
    pthread_mutex_unlock(&l->lock);
    return wait > 0 ? wait : 0;
}

void auth_limit_fail(auth_limiter *l, const char *key, time_t now)
{
    pthread_mutex_lock(&l->lock);
    auth_limit_slot_of(l, key, true, now)->failures++;
    pthread_mutex_unlock(&l->lock);
}

void auth_limit_reset(auth_limiter *l, const char *key)
{
    pthread_mutex_lock(&l->lock);
    for (int i = 0; i < AUTH_LIMIT_SLOTS; i++)
        if (strcmp(l->slots[i].key, key) == 0) l->slots[i].failures = 0;
    pthread_mutex_unlock(&l->lock);
}

/* ---- login and sessions -------------------------------------------------------------------- */

/* A hash of a password nobody has: unknown names cost the same time as known ones. */
static char auth_dummy[crypto_pwhash_STRBYTES];
static void auth_make_dummy(void)
{
    char token[AUTH_TOKEN_HEX];
    auth_token(token);
    const char *why;
    if (auth_password_hash(token, auth_dummy, sizeof auth_dummy, &why) != VG_OK) auth_dummy[0] = 0;
}

auth_result auth_login(store *st, auth_limiter *l, const char *name, const char *password, const char *remote,
                       time_t now, char token[AUTH_TOKEN_HEX], store_user *user, int *wait_seconds, vg_error *err)
{
    char ip_key[96], user_key[96];
    snprintf(ip_key, sizeof ip_key, "ip:%s", remote ? remote : "?");
    snprintf(user_key, sizeof user_key, "user:%.80s", name ? name : "");
    int wait = auth_limit_wait(l, ip_key, now);
    int wait_user = auth_limit_wait(l, user_key, now);
    *wait_seconds = wait > wait_user ? wait : wait_user;
    if (*wait_seconds > 0) return AUTH_LIMITED;
    if (!name || !*name || !password || strlen(name) > 63) {
        auth_limit_fail(l, ip_key, now);
        return AUTH_BAD;
    }
    int rc = store_user_get(st, name, user, err);
    if (rc != VG_OK && rc != STORE_NOT_FOUND) return AUTH_ERROR;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, auth_make_dummy);
    bool ok = auth_password_verify(rc == VG_OK ? user->password_hash : auth_dummy, password);
    if (!ok || rc != VG_OK || user->disabled_at[0]) {
        auth_limit_fail(l, ip_key, now);
        auth_limit_fail(l, user_key, now);
        return AUTH_BAD;
    }
    auth_limit_reset(l, user_key);
    char token_hash[AUTH_TOKEN_HEX], csrf[AUTH_TOKEN_HEX], expires[32];
    auth_token(token);
    auth_token(csrf);
    auth_token_hash(token, token_hash);
    time_t end = now + AUTH_SESSION_HOURS * 3600;
    struct tm tm;
    gmtime_r(&end, &tm);
    strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (store_session_add(st, token_hash, user->name, csrf, expires, err) != VG_OK) return AUTH_ERROR;
    user->password_hash[0] = 0;
    return AUTH_OK;
}

int auth_session(store *st, const char *token, store_user *user, char csrf[80], vg_error *err)
{
    if (!token || strlen(token) != AUTH_TOKEN_HEX - 1) return STORE_NOT_FOUND;
    char token_hash[AUTH_TOKEN_HEX], now[32];
    auth_token_hash(token, token_hash);
    store_now(now);
    return store_session_get(st, token_hash, now, user, csrf, err);
}

int auth_logout(store *st, const char *token, vg_error *err)
{
    if (!token || strlen(token) != AUTH_TOKEN_HEX - 1) return STORE_NOT_FOUND;
    char token_hash[AUTH_TOKEN_HEX];
    auth_token_hash(token, token_hash);
    return store_session_end(st, token_hash, err);
}
