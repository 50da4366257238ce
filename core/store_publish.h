/* store_publish.h - ruleset publications in the review store: proposed by one person, made active by another. */
#ifndef VIGIE_STORE_PUBLISH_H
#define VIGIE_STORE_PUBLISH_H

#include <stdbool.h>
#include "store.h"

typedef struct store_publication {
    long long id;
    char revision[80], dir[512], proposed_by[64], proposed_at[32], note[512];
    char *files_json;              /* [{"path":..., "sha256":...}] owned by the row (store_publication_clear) */
    char approved_by[64], approved_at[32]; /* its latest approval, "" when none */
    bool active;                   /* the latest approval of all is this one's */
} store_publication;

void store_publication_clear(store_publication *p);

/* Record a revision as proposed (audited). STORE_CONFLICT when that revision was
 * proposed already (err names by whom and when). */
int store_publish(store *st, const char *revision, const char *dir, const char *files_json, const char *by,
                  const char *note, long long *id, vg_error *err);

/* Make the publication named by `ref` (its id, or a prefix of 8 or more hex digits
 * of its revision) active (audited). STORE_NOT_FOUND when none matches,
 * STORE_CONFLICT when ref is ambiguous, `by` proposed it, or it is already active.
 * The approved publication goes to *out. */
int store_approve(store *st, const char *ref, const char *by, store_publication *out, vg_error *err);

/* The active publication: VG_OK with *found false when nothing was ever approved. */
int store_publication_active(store *st, store_publication *out, bool *found, vg_error *err);

typedef int (*store_publication_cb)(const store_publication *p, void *ctx);
/* Every publication, newest first. */
int store_publications(store *st, store_publication_cb cb, void *ctx, vg_error *err);

#endif
