/* publish.h - two-person publication of a ruleset revision, and the check that a run uses the active one. */
#ifndef VIGIE_PUBLISH_H
#define VIGIE_PUBLISH_H

#include <stdio.h>
#include "ruleset.h"
#include "store.h"

/* [{"path": "traveller/minor.lua", "sha256": ...}, ...] of every file the ruleset
 * revision covers (schemas, lists, scenario files), paths relative to the directory.
 * malloc'd. */
char *publish_files_json(const ruleset *rs);

/* VG_OK when rs is the store's active published revision. VG_ERR otherwise, with err
 * saying why: nothing approved yet, or which files differ from the active revision. */
int publish_check_active(store *st, const ruleset *rs, vg_error *err);

/* For `vigie run --published`: open the store at db_path, check rs against the
 * active revision, print why not to err_out. VG_OK when the run may go on. */
int publish_check_store(const char *db_path, const ruleset *rs, FILE *err_out);

#endif
