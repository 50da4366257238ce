/* store_web.h - what the web page (vigie serve) reads and writes in the review store beyond store.h: accounts, sessions, scenario and run figures, sealed values. */
#ifndef VIGIE_STORE_WEB_H
#define VIGIE_STORE_WEB_H

#include <stdbool.h>
#include "store.h"

/* ---- accounts -------------------------------------------------------------------- */

typedef struct store_user {
    char name[64], role[16], lang[4], created_at[32], created_by[64], disabled_at[32];
    char password_hash[192];       /* libsodium's Argon2id string */
} store_user;

/* STORE_CONFLICT when the name is taken. Roles: officer, analyst, supervisor, admin. */
int store_user_add(store *st, const store_user *user, vg_error *err);
/* STORE_NOT_FOUND when there is no such user (disabled ones are returned, with disabled_at). */
int store_user_get(store *st, const char *name, store_user *out, vg_error *err);
typedef int (*store_user_cb)(const store_user *user, void *ctx);
int store_users(store *st, store_user_cb cb, void *ctx, vg_error *err);
int store_user_set_lang(store *st, const char *name, const char *lang, vg_error *err);
/* Disable an account (users are never deleted) and end its sessions; audited by the caller. */
int store_user_disable(store *st, const char *name, vg_error *err);

/* ---- sessions: the token's hash only, never the token -------------------------------- */

int store_session_add(store *st, const char *token_hash, const char *user, const char *csrf, const char *expires_at,
                      vg_error *err);
/* The live session of token_hash at now, with its user: STORE_NOT_FOUND when unknown,
 * ended, expired or its user disabled. */
int store_session_get(store *st, const char *token_hash, const char *now, store_user *user, char csrf[80],
                      vg_error *err);
int store_session_end(store *st, const char *token_hash, vg_error *err);

/* ---- scenarios and runs, as analysts read them ---------------------------------------- */

typedef struct store_scenario_row {
    char id[64], revision[80], title_en[256], title_fr[256], subject[32], status[16], owner[128], review_by[16];
    char run_id[64], run_started[32], ruleset_dir[256];
    int threshold;
    long long evaluated, hits, errors;
    bool switched_off;
    char first_error[256];
    char rationale_en[4096], rationale_fr[4096];
    char references[4096];         /* JSON array of strings */
} store_scenario_row;
typedef int (*store_scenario_cb)(const store_scenario_row *row, void *ctx);
/* run_id given: the scenarios of that run. scenario_id given: that scenario in every
 * run, newest first. Neither: each scenario once, as its newest run knew it, with
 * hits summed over every run. */
int store_scenarios(store *st, const char *run_id, const char *scenario_id, store_scenario_cb cb, void *ctx,
                    vg_error *err);

typedef struct store_count_row {
    char name[64];
    long long count;
} store_count_row;
typedef int (*store_count_cb)(const store_count_row *row, void *ctx);
/* Hits of a scenario by their latest disposition ("" for hits not decided yet). */
int store_scenario_dispositions(store *st, const char *scenario_id, store_count_cb cb, void *ctx, vg_error *err);
/* Distinct scenario ids that have hits (the queue's filter). */
int store_hit_scenarios(store *st, store_count_cb cb, void *ctx, vg_error *err);

typedef struct store_reject_row {
    char file[256], field[64], reason[512];
    long line;
} store_reject_row;
typedef int (*store_reject_cb)(const store_reject_row *row, void *ctx);
/* The first `limit` rejects of a run, and how many there are in all. */
int store_run_rejects(store *st, const char *run_id, int limit, store_reject_cb cb, void *ctx, long long *total,
                      vg_error *err);

/* ---- sealed values (purge) ------------------------------------------------------------ */

typedef struct store_sealed_row {
    long long hit_id;
    char record_key[128], group_key[128], sealed_at[32];
    char *identity_json, *explanation_json;  /* owned by the row for the callback's duration */
} store_sealed_row;
typedef int (*store_sealed_cb)(const store_sealed_row *row, void *ctx);
/* The original values of an item's purged hits. The caller audits the read first,
 * with the supervisor's written reason (serve does, in the same lock). */
int store_item_sealed(store *st, long long item_id, store_sealed_cb cb, void *ctx, vg_error *err);

#endif
