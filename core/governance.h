/* governance.h - the oversight rules on scenarios (NSIRA, CJEU C-817/19, EU PNR art. 6), in one place. */
#ifndef VIGIE_GOVERNANCE_H
#define VIGIE_GOVERNANCE_H

#include <stdbool.h>
#include <stdint.h>
#include "diag.h"
#include "scenario.h"
#include "tri.h"

#define GOVERNANCE_REVIEW_WARN_DAYS 30

/* What is known of the fields a scenario's Lua function indicators read (learned by
 * running them on the scenario's fixtures under the recording record proxy). */
typedef struct function_reads {
    bool known;               /* false when no fixture could teach it */
    field_bits by_part[64];   /* per part (conditions then indicators), up to 64 parts */
} function_reads;

/* Check one scenario: sensitive fields, justification of protected fields, protected
 * grounds as sole basis, review date, rationale and guidance. `today` in days since
 * 1970-01-01. fr may be NULL (function reads unknown). */
void governance_check(const scenario *sc, const function_reads *fr, int64_t today, diag_list *diags);

/* A reference list's review date: past it, the list's owner may have published a newer
 * edition (ILAB every two years, UFLPA Entity List updates): a warning, since the list
 * still holds what its source said; within GOVERNANCE_REVIEW_WARN_DAYS, a warning too. */
void governance_check_list(const ref_list *l, int64_t today, diag_list *diags);

/* An active scenario past its review_by date must not run in production. */
bool governance_overdue(const scenario *sc, int64_t today);

/* Protected fields the scenario reads (declarative, plus learned function reads). */
void governance_protected_reads(const scenario *sc, const function_reads *fr, field_bits *out);

/* Today (UTC) in days since 1970-01-01, or VIGIE_TODAY=YYYY-MM-DD when set (tests,
 * replays); -1 when VIGIE_TODAY is set but is not a real date. */
int64_t governance_today(void);

#endif
