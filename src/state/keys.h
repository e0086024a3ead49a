/* The engine's keys: what goes into the seen-filter and the pending-probe
 * index for a pair of addresses, and the hashes derived from one keyed
 * hash of the pair. Shared by the engine and ww_engine_hint(), which works
 * them out ahead of processing. */
#ifndef WW_STATE_KEYS_H
#define WW_STATE_KEYS_H

#include <string.h>

#include "state/engine_int.h"

/* Keys of the seen-filter: a tag, then the addresses; IPv4 addresses go in
 * as their 4 bytes under the tag with its top bit set (a shorter key is
 * fewer SipHash rounds, and v4 and v6 keys never meet). */
static inline size_t ww_key_addr(uint8_t *k, const struct ww_addr *a)
{
	if (a->v4) {
		memcpy(k, a->b + 12, 4);
		return 4;
	}
	memcpy(k, a->b, 16);
	return 16;
}

static inline uint8_t ww_key_tag(unsigned tag, const struct ww_addr *a)
{
	return (uint8_t)(a->v4 ? tag | 0x80u : tag);
}

/* The keyed hash of a (source, destination) pair: for IPv4 the 9 bytes
 * source, destination, tag in one fixed-size SipHash. */
static inline uint64_t ww_pair_hash(const struct ww_sipkey *key, const struct ww_addr *src,
                                    const struct ww_addr *dst, bool arp)
{
	uint8_t pk[1 + 16 + 1 + 16];
	size_t n = 0;
	if (src->v4 && dst->v4) {
		uint8_t m[8];
		uint64_t m0;
		memcpy(m, src->b + 12, 4);
		memcpy(m + 4, dst->b + 12, 4);
		m0 = (uint64_t)m[0] | (uint64_t)m[1] << 8 | (uint64_t)m[2] << 16 | (uint64_t)m[3] << 24 |
		     (uint64_t)m[4] << 32 | (uint64_t)m[5] << 40 | (uint64_t)m[6] << 48 |
		     (uint64_t)m[7] << 56;
		return ww_siphash13_9(key, m0, ww_key_tag(arp ? WW_SEEN_ARPPAIR : WW_SEEN_PAIR, src));
	}
	pk[n++] = ww_key_tag(arp ? WW_SEEN_ARPPAIR : WW_SEEN_PAIR, src);
	n += ww_key_addr(pk + n, src);
	pk[n++] = dst->v4;
	n += ww_key_addr(pk + n, dst);
	return ww_siphash(key, pk, n);
}

static inline uint32_t ww_svc_sub(uint8_t proto, uint16_t port)
{
	return 0x10000u | (uint32_t)proto << 16 | port;
}

/* The pending-probe table's hash of (pair, protocol, port): a mix of the
 * pair's keyed hash, so a probe costs no second SipHash. */
static inline uint64_t ww_probe_hash(uint64_t pair, uint8_t proto, uint16_t port)
{
	uint64_t x = pair ^ ((uint64_t)proto << 16 | port) * 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 29);
}

#endif
