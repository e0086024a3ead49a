/* SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * INDOCRYPT 2012), keyed per process so that attacker-chosen keys (addresses,
 * ports) cannot be aimed at one bucket of a state table. */
#ifndef WW_CORE_SIPHASH_H
#define WW_CORE_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct ww_sipkey {
	uint64_t k0, k1;
};

/* SipHash-1-3: one compression and three finalisation rounds, the variant
 * Rust's HashMap uses against hash flooding; every table here uses it. */
uint64_t ww_siphash(const struct ww_sipkey *key, const void *data, size_t len);
/* SipHash-2-4, the paper's reference parameters (same code, more rounds):
 * checked against the paper's test vector, which also checks the core. */
uint64_t ww_siphash24(const struct ww_sipkey *key, const void *data, size_t len);
/* SipHash-1-3 of a 9-byte message: the 8 bytes of m0 (little-endian)
 * then `last`. The same value as ww_siphash over those bytes, without the
 * generic loop: the engine hashes an IPv4 address pair (and a tag) per
 * packet with it. */
static inline uint64_t ww_siphash13_9(const struct ww_sipkey *key, uint64_t m0, uint8_t last)
{
#define WW_SIPROUND                                                            \
	do {                                                                   \
		v0 += v1; v1 = v1 << 13 | v1 >> 51; v1 ^= v0; v0 = v0 << 32 | v0 >> 32; \
		v2 += v3; v3 = v3 << 16 | v3 >> 48; v3 ^= v2;                  \
		v0 += v3; v3 = v3 << 21 | v3 >> 43; v3 ^= v0;                  \
		v2 += v1; v1 = v1 << 17 | v1 >> 47; v1 ^= v2; v2 = v2 << 32 | v2 >> 32; \
	} while (0)
	uint64_t v0 = 0x736f6d6570736575ULL ^ key->k0;
	uint64_t v1 = 0x646f72616e646f6dULL ^ key->k1;
	uint64_t v2 = 0x6c7967656e657261ULL ^ key->k0;
	uint64_t v3 = 0x7465646279746573ULL ^ key->k1;
	uint64_t b = (uint64_t)9 << 56 | last;
	v3 ^= m0;
	WW_SIPROUND;
	v0 ^= m0;
	v3 ^= b;
	WW_SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	WW_SIPROUND;
	WW_SIPROUND;
	WW_SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
#undef WW_SIPROUND
}

/* Fill a key from getrandom(); deterministic key when `seed` is non-zero
 * (tests that must reproduce a layout). */
void ww_sipkey_init(struct ww_sipkey *key, uint64_t seed);

#endif
