/* sink_store.h - the review store as a hit sink: a writer thread of its own, a bounded queue, batched transactions. */
#ifndef VIGIE_SINK_STORE_H
#define VIGIE_SINK_STORE_H

#include "pipeline.h"
#include "sink.h"
#include "store.h"

/* Hits and rejects of run `run_id` (already begun with store_run_begin) go to the
 * store from a thread of its own: the merge only copies each hit into a bounded queue
 * (it waits when the writer falls behind, so memory stays bounded), and the writer
 * commits in batches. Random control selections are stored as hits of scenario
 * STORE_CONTROL_SCENARIO with control set, each an item of its own. Once a write fails, every later write returns the same error. */
hit_sink *sink_store_open(store *st, const char *run_id, const char *ruleset_revision, vg_error *err);

/* Drain the queue, store the population counts of sum, and finish the run with
 * status ("complete", "failed", "interrupted") and failure (NULL when complete), in
 * that order, so a run marked complete has every hit. VG_ERR when anything could
 * not be written (err says what). The sink is still to be closed. */
int sink_store_finish(hit_sink *sink, const run_summary *sum, const char *status, const char *failure, vg_error *err);

/* The store's link history for booking and link values (pipeline.h's links hooks;
 * ctx is this sink). prepare: key the index's hashes with the store's secret and add
 * the rows of earlier runs started within `days` days (0: none); collected: keep this
 * run's rows. Both run before the evaluation pass, while the writer thread is idle. */
void sink_store_link_days(hit_sink *sink, int days);
int sink_store_links_prepare(void *ctx, struct links_index *ix, vg_error *err);
int sink_store_links_collected(void *ctx, const struct links_index *ix, vg_error *err);

/* Hits written so far (after finish: all of them). */
long long sink_store_hits(const hit_sink *sink);

#endif
