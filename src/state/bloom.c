#include "core/common.h"
#include "state/bloom.h"

#define BLOOM_K 4

ww_rc ww_bloom_init(struct ww_bloom *b, unsigned log2_bits, uint64_t seed)
{
	uint64_t words;
	memset(b, 0, sizeof(*b));
	if (log2_bits < 12 || log2_bits > 34)
		return WW_ERR_USAGE;
	words = (uint64_t)1 << (log2_bits - 6);
	b->nblocks = words / 8;
	/* untouched pages stay unmapped */
	b->words = ww_big_alloc((size_t)words, sizeof(uint64_t), &b->mapped);
	if (!b->words)
		return WW_ERR_NOMEM;
	ww_sipkey_init(&b->key, seed);
	return WW_OK;
}

void ww_bloom_release(struct ww_bloom *b)
{
	ww_big_free(b->words, b->mapped);
	memset(b, 0, sizeof(*b));
}

/* A 64-bit finaliser (splitmix64's) to spread `sub` over the bit choice;
 * the block itself is chosen by the keyed hash alone. */
static inline uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static inline bool probe(uint64_t *blk, uint64_t h, bool set)
{
	bool all = true;
	int i;
	for (i = 0; i < BLOOM_K; i++) {
		unsigned bit = (unsigned)(h >> (i * 9)) & 511; /* 9 bits: one of 512 */
		uint64_t m = (uint64_t)1 << (bit & 63);
		uint64_t *w = &blk[bit >> 6];
		if (!(*w & m)) {
			all = false;
			if (set)
				*w |= m;
		}
	}
	return all;
}

bool ww_bloom_test_set(struct ww_bloom *b, const void *key, size_t len)
{
	uint64_t h = ww_siphash(&b->key, key, len);
	uint64_t *blk = b->words + ((h >> 36) & (b->nblocks - 1)) * 8;
	bool was = probe(blk, h, true);
	if (!was)
		b->inserted++;
	return was;
}

bool ww_bloom_test_set_sub(struct ww_bloom *b, uint64_t h, uint32_t sub)
{
	uint64_t bits = sub ? mix(h ^ ((uint64_t)sub * 0x9e3779b97f4a7c15ULL)) : h;
	uint64_t *blk = b->words + ((bits >> 36) & (b->nblocks - 1)) * 8;
	bool was = probe(blk, bits, true);
	if (!was)
		b->inserted++;
	return was;
}

void ww_bloom_prefetch_sub(const struct ww_bloom *b, uint64_t h, uint32_t sub)
{
	uint64_t bits = sub ? mix(h ^ ((uint64_t)sub * 0x9e3779b97f4a7c15ULL)) : h;
	__builtin_prefetch(b->words + ((bits >> 36) & (b->nblocks - 1)) * 8, 1, 1);
}

bool ww_bloom_test_sub(const struct ww_bloom *b, uint64_t h, uint32_t sub)
{
	uint64_t bits = sub ? mix(h ^ ((uint64_t)sub * 0x9e3779b97f4a7c15ULL)) : h;
	uint64_t *blk = b->words + ((bits >> 36) & (b->nblocks - 1)) * 8;
	return probe(blk, bits, false);
}

bool ww_bloom_test(const struct ww_bloom *b, const void *key, size_t len)
{
	uint64_t h = ww_siphash(&b->key, key, len);
	uint64_t *blk = b->words + ((h >> 36) & (b->nblocks - 1)) * 8;
	return probe(blk, h, false);
}
