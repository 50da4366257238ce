/* quality.h - evaluation quality: a ruleset's hits scored against the ground truth `vigie gen --truth` writes. */
#ifndef VIGIE_QUALITY_H
#define VIGIE_QUALITY_H

#include <stdio.h>
#include "error.h"
#include "scenario.h"
#include "sink.h"

#define QUALITY_MAX_PATTERNS 64 /* planted patterns counted apart; one more is an error */
#define QUALITY_MAX_KINDS 8     /* record kinds counted apart; one more is an error */

typedef struct quality quality;

/* selected (count scenarios, the pipeline's selection) must outlive q. */
quality *quality_new(const scenario **selected, int count, long long min_group);
void quality_free(quality *q);

/* Read a truth file (CSV key,pattern,label; label planted, lookalike or background).
 * A malformed line, a key given twice, or a pattern past QUALITY_MAX_PATTERNS is an
 * error naming file and line. */
int quality_load_truth(quality *q, const char *path, vg_error *err);

/* The sink the pipeline feeds: every record, then its hits. A record of a kind past
 * QUALITY_MAX_KINDS fails the sink with an error. */
hit_sink *quality_sink(quality *q);

long long quality_unlabelled(const quality *q);   /* records with no truth row */
/* Per kind: per-scenario hits, precision and recall; per pattern; hit rate per
 * protected group and its disparity per scenario. */
void quality_print(const quality *q, FILE *out);

#endif
