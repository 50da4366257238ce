/* disposition.h - the fixed vocabulary of review outcomes, and which count as confirmed per subject kind. */
#ifndef VIGIE_DISPOSITION_H
#define VIGIE_DISPOSITION_H

#include <stdbool.h>

/* What an officer found when reviewing a hit. Fixed: the store refuses any other
 * value (a CHECK constraint built from this table), reports count by it. */
typedef struct disposition {
    const char *name;      /* stored value: "victim-referred" */
    const char *label_en;
    const char *label_fr;
    bool needs_note;       /* every disposition but no-concern needs a note */
} disposition;

extern const disposition dispositions[];
extern const int disposition_count;

/* NULL when name is not in the vocabulary. */
const disposition *disposition_find(const char *name);
/* "victim-referred, suspect-referred, ..." for messages. */
const char *disposition_names(void);
const char *disposition_label(const disposition *d, const char *lang);

/* Whether a review with this disposition confirms a hit on this subject kind
 * (possible-victim, possible-facilitator, goods, other): the one definition of
 * "confirmed" that precision rests on (docs/review.md). */
bool disposition_confirms(const char *subject, const char *disposition);
/* Decided means the officer could judge: not-examined is not a decision. */
bool disposition_decides(const char *disposition);

#endif
