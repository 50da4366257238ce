/* store_impl.h - internals of the store layer, shared by the store_*.c files only (the rest of vigie includes store.h). */
#ifndef VIGIE_STORE_IMPL_H
#define VIGIE_STORE_IMPL_H

#include <sqlite3.h>
#include "store.h"

/* The store layer is the files store*.c: the only code that includes sqlite3.h.
 * store.c owns the schema, runs, hits, items, reviews, claims, audit and purge;
 * other store_*.c files add queries for one consumer each (report, web accounts)
 * through these helpers, never their own connection. */
struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *hit_insert, *item_insert, *item_find, *reject_insert; /* the run's hot statements */
    sqlite3_stmt *population_insert, *group_hits_insert;
    char *last_group;           /* "run\x1fkind\x1fgroup" of the last hit's item: a booking's hits come together */
    long long last_item;
};

#define STORE_BUSY_MS 30000 /* another run or officer holds the write lock: wait this long */

/* err from the connection's last error, in words an operator acts on (locked, read-only, disk full). */
int store_fail(store *st, vg_error *err, const char *what);
int store_exec(store *st, const char *sql, vg_error *err);
sqlite3_stmt *store_prepare(store *st, const char *sql, vg_error *err);  /* NULL with err */
/* Step a statement that returns no row; resets it. */
int store_step_done(store *st, sqlite3_stmt *s, vg_error *err, const char *what);
void store_bind_text(sqlite3_stmt *s, int i, const char *v);              /* NULL binds NULL */
void store_column_copy(sqlite3_stmt *s, int i, char *out, size_t size);    /* NULL reads "" */
char *store_column_dup(sqlite3_stmt *s, int i);                            /* malloc'd; NULL reads "" */
/* now + minutes (negative: before now) in store_now's format: claim expiry, the link
 * history's cutoff. */
void store_later(char out[32], long long minutes);

/* The link history's table and triggers (store_links.c), added by the migration to version 2. */
extern const char store_links_schema_sql[];

#endif
