#include "core/common.h"
#include "state/batch.h"

/* Under AddressSanitizer every byte of the arena past a frame's captured
 * length is poisoned, so a decoder that read past it is caught exactly as
 * if each frame had a buffer of its own. */
#if defined(__SANITIZE_ADDRESS__)
#define WW_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WW_ARENA_ASAN 1
#endif
#endif
#ifdef WW_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define ARENA_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define ARENA_POISON(p, n) ((void)(p), (void)(n))
#define ARENA_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Packets between a prefetch and the processing that needs it: enough to
 * cover a memory access, few enough that the lines are still there. */
#define PREFETCH_AHEAD 8

ww_rc ww_batch_init(struct ww_batch *b)
{
	memset(b, 0, sizeof(*b));
	b->arena = malloc(WW_BATCH_BYTES);
	if (!b->arena)
		return WW_ERR_NOMEM;
	ARENA_POISON(b->arena, WW_BATCH_BYTES);
	return WW_OK;
}

void ww_batch_release(struct ww_batch *b)
{
	if (b->arena)
		ARENA_UNPOISON(b->arena, WW_BATCH_BYTES);
	free(b->arena);
	memset(b, 0, sizeof(*b));
}

bool ww_batch_room(const struct ww_batch *b, uint32_t caplen)
{
	if (b->n == 0)
		return true;
	return b->n < WW_BATCH && caplen <= WW_BATCH_BYTES - b->used;
}

void ww_batch_add(struct ww_batch *b, const struct ww_engine *e, int dlt, int64_t ts_us,
                  const uint8_t *data, uint32_t caplen, uint32_t wire_len)
{
	struct ww_pkt *p = &b->pkt[b->n];
	uint8_t *copy = b->arena + b->used;
	ww_rc rc;
	if (caplen > WW_BATCH_BYTES - b->used) {
		/* only an empty batch gets here (ww_batch_room): keep what fits
		 * and let the decoders see a frame cut short */
		caplen = WW_BATCH_BYTES - b->used;
	}
	/* decoded where the reader left it; the decoded record holds every
	 * header field the engine uses */
	rc = ww_decode(dlt, data, caplen, wire_len, ts_us, p);
	if (rc == WW_ERR_TRUNCATED) {
		b->truncated++;
	} else if (rc) {
		b->errors++;
		return;
	}
	if (p->payload_len) {
		/* the detectors read payloads (and nDPI the packet from its IP
		 * header): the frame is copied, the pointers moved onto the copy */
		ARENA_UNPOISON(copy, caplen);
		memcpy(copy, data, caplen);
		p->payload = copy + (p->payload - data);
		if (p->l3_hdr)
			p->l3_hdr = copy + (p->l3_hdr - data);
		/* the next frame starts on a cache line of its own */
		b->used += (caplen + 63u) & ~63u;
		if (b->used > WW_BATCH_BYTES)
			b->used = WW_BATCH_BYTES;
	} else {
		/* no payload (SYNs, ACKs, ARP, ICMP): no detector reads the
		 * frame's bytes, so nothing is copied and no pointer into the
		 * reader's buffer survives it */
		p->payload = NULL;
		p->l3_hdr = NULL;
		p->l3_len = 0;
	}
	ww_engine_hint_sides(e, p, &b->hint[b->n]);
	b->n++;
}

/* Start loading packet i's decoded record (its common fields: two
 * lines) and hint: written by the reader's core, they come over from its
 * cache. */
static inline void fetch_record(const struct ww_batch *b, unsigned i)
{
	const char *r = (const char *)&b->pkt[i];
	__builtin_prefetch(r, 0, 3);
	__builtin_prefetch(r + 64, 0, 3);
	__builtin_prefetch(&b->hint[i], 0, 3);
}

void ww_batch_run(struct ww_engine *e, struct ww_batch *b)
{
	/* a pipeline over the batch: records arrive from the reader's core
	 * three steps ahead, are hashed two steps ahead, have their table
	 * lines requested one step ahead, and are processed */
	const unsigned d = PREFETCH_AHEAD;
	unsigned i, n = b->n;
	for (i = 0; b->remote && i < n && i < 3 * d; i++)
		fetch_record(b, i);
	for (i = 0; i < n && i < 2 * d; i++)
		ww_engine_hint_hashes(e, &b->pkt[i], &b->hint[i]);
	for (i = 0; i < n && i < d; i++)
		ww_engine_prefetch(e, &b->pkt[i], &b->hint[i]);
	for (i = 0; i < n; i++) {
		if (b->remote && i + 3 * d < n)
			fetch_record(b, i + 3 * d);
		if (i + 2 * d < n) {
			const struct ww_pkt *q = &b->pkt[i + 2 * d];
			ww_engine_hint_hashes(e, q, &b->hint[i + 2 * d]);
			/* the detectors look at the first payload bytes */
			if (b->remote && q->payload_len)
				__builtin_prefetch(q->payload, 0, 3);
		}
		if (i + d < n)
			ww_engine_prefetch(e, &b->pkt[i + d], &b->hint[i + d]);
		ww_engine_packet_hinted(e, &b->pkt[i], &b->hint[i]);
	}
	ARENA_POISON(b->arena, b->used);
	b->n = 0;
	b->used = 0;
}
