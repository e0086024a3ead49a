/* Frames in batches: each frame is decoded and hinted as it arrives, and
 * copied out of the reader's buffer (which the next read reuses) when it
 * carries a payload the detectors may read; the batch then
 * goes through the engine with every packet's tables prefetched a few
 * packets ahead of its processing. The same batches carry packets from a
 * reader thread to the engine's thread (ww_feed). */
#ifndef WW_STATE_BATCH_H
#define WW_STATE_BATCH_H

#include <stdint.h>

#include "core/result.h"
#include "decode/packet.h"
#include "state/engine.h"

#define WW_BATCH 64                /* packets */
#define WW_BATCH_BYTES (512u << 10) /* frame bytes: more than any snap length */

struct ww_batch {
	uint8_t *arena;
	uint32_t used;                 /* arena bytes in use */
	unsigned n;
	struct ww_pkt pkt[WW_BATCH];
	struct ww_hint hint[WW_BATCH];
	uint64_t truncated, errors;    /* decode results, summed by ww_feed_finish */
	bool remote;                   /* filled on another core: fetch records ahead */
};

ww_rc ww_batch_init(struct ww_batch *b);
void ww_batch_release(struct ww_batch *b);
/* Is there room for another frame of caplen bytes? (An empty batch always
 * takes one frame, cut to the arena if it were ever larger.) */
bool ww_batch_room(const struct ww_batch *b, uint32_t caplen);
/* Decode, hint and (with a payload) copy one frame. Undecodable frames
 * are counted and left out; a frame cut by the snap length still goes in.
 * A packet without payload keeps no pointer into the frame (payload and
 * l3_hdr are NULL). */
void ww_batch_add(struct ww_batch *b, const struct ww_engine *e, int dlt, int64_t ts_us,
                  const uint8_t *data, uint32_t caplen, uint32_t wire_len);
/* Run every packet through the engine and empty the batch. */
void ww_batch_run(struct ww_engine *e, struct ww_batch *b);

#endif
