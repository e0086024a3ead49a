/* Two threads for one capture: the reader (libpcap, copying, decoding,
 * hinting) fills batches while the engine's thread runs the ones already
 * filled. Batches pass through a ring in order, so the engine sees exactly
 * the packet sequence a single thread would: the results do not depend on
 * the number of threads. Each side spins briefly when it has to wait, then
 * sleeps on a condition variable. */
#ifndef WW_STATE_FEED_H
#define WW_STATE_FEED_H

#include "core/result.h"
#include "state/batch.h"
#include "state/engine.h"

struct ww_feed;

/* threads: 1 runs every batch on the caller's thread (no second thread);
 * 2 starts the engine's thread. */
ww_rc ww_feed_start(struct ww_feed **out, struct ww_engine *e, unsigned threads);
/* Hosts the engine holds, as of its last batch: for the reader's side (a
 * progress line), never for results. */
size_t ww_feed_hosts(struct ww_feed *f);
/* The batch the reader fills now. */
struct ww_batch *ww_feed_batch(struct ww_feed *f);
/* Hand the filled batch over; the next ww_feed_batch is an empty one
 * (waiting for the engine if every batch is still in its hands). */
void ww_feed_push(struct ww_feed *f);
/* Hand over what is left, wait until the engine has run everything, and
 * free the feed. The decode counts of all batches are added to
 * *truncated and *errors. */
void ww_feed_finish(struct ww_feed *f, uint64_t *truncated, uint64_t *errors);

#endif
