/* "Seen before" memory of fixed size: a blocked Bloom filter (one 64-byte
 * block per key, Putze, Sanders and Singler 2007) keyed with SipHash. It
 * answers "first contact?" for (source, destination) pairs and the like
 * without growing with the number of destinations: a false positive makes a
 * genuine first contact look repeated (an undercount), never the reverse. */
#ifndef WW_STATE_BLOOM_H
#define WW_STATE_BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"
#include "core/siphash.h"

struct ww_bloom {
	uint64_t *words;
	uint64_t nblocks; /* power of two, 8 words each */
	size_t mapped;    /* for ww_big_free */
	struct ww_sipkey key;
	uint64_t inserted;
};

ww_rc ww_bloom_init(struct ww_bloom *b, unsigned log2_bits, uint64_t seed);
void ww_bloom_release(struct ww_bloom *b);
/* Set the key; true if it was (probably) already present. */
bool ww_bloom_test_set(struct ww_bloom *b, const void *key, size_t len);
bool ww_bloom_test(const struct ww_bloom *b, const void *key, size_t len);
/* Keys derived from one keyed hash: `h` is the pair's hash; sub 0 asks
 * about the pair itself, any other `sub` (protocol and port) about one of
 * its services, with block and bits spread from h and sub, so a thousand
 * services of one pair do not crowd one block. One SipHash for both. */
bool ww_bloom_test_set_sub(struct ww_bloom *b, uint64_t h, uint32_t sub);
bool ww_bloom_test_sub(const struct ww_bloom *b, uint64_t h, uint32_t sub);
/* Start loading the block of (h, sub) so that several misses overlap. */
void ww_bloom_prefetch_sub(const struct ww_bloom *b, uint64_t h, uint32_t sub);

#endif
