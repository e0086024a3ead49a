#include "core/common.h"
#include "core/siphash.h"

#include <sys/random.h>
#include <time.h>

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static inline uint64_t load_le64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8); /* one unaligned load */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The last len & 7 bytes, little-endian, in the low bytes. */
static inline uint64_t load_tail(const uint8_t *p, size_t n)
{
	uint8_t b[8] = {0};
	memcpy(b, p, n);
	return load_le64(b);
}

#define SIPROUND                                                               \
	do {                                                                   \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);      \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                         \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                         \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);      \
	} while (0)

static inline uint64_t siphash_cd(const struct ww_sipkey *key, const void *data, size_t len,
                                  int c_rounds, int d_rounds)
{
	const uint8_t *in = data;
	uint64_t v0 = 0x736f6d6570736575ULL ^ key->k0;
	uint64_t v1 = 0x646f72616e646f6dULL ^ key->k1;
	uint64_t v2 = 0x6c7967656e657261ULL ^ key->k0;
	uint64_t v3 = 0x7465646279746573ULL ^ key->k1;
	uint64_t b = (uint64_t)len << 56, m;
	size_t i, full = len & ~(size_t)7;
	int r;
	for (i = 0; i < full; i += 8) {
		m = load_le64(in + i);
		v3 ^= m;
		for (r = 0; r < c_rounds; r++)
			SIPROUND;
		v0 ^= m;
	}
	b |= load_tail(in + full, len & 7);
	v3 ^= b;
	for (r = 0; r < c_rounds; r++)
		SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	for (r = 0; r < d_rounds; r++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t ww_siphash(const struct ww_sipkey *key, const void *data, size_t len)
{
	return siphash_cd(key, data, len, 1, 3);
}

uint64_t ww_siphash24(const struct ww_sipkey *key, const void *data, size_t len)
{
	return siphash_cd(key, data, len, 2, 4);
}

void ww_sipkey_init(struct ww_sipkey *key, uint64_t seed)
{
	uint8_t r[16];
	if (seed) {
		key->k0 = seed * 0x9e3779b97f4a7c15ULL;
		key->k1 = (seed ^ 0x5851f42d4c957f2dULL) * 0xbf58476d1ce4e5b9ULL;
		return;
	}
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* no entropy source: fall back to time and address-space layout */
		uint64_t t = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&r;
		key->k0 = t * 0x9e3779b97f4a7c15ULL;
		key->k1 = ~t * 0xbf58476d1ce4e5b9ULL;
		return;
	}
	key->k0 = load_le64(r);
	key->k1 = load_le64(r + 8);
}
