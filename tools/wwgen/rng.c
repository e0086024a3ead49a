/* The generator's own random source: xoshiro256** (Blackman and Vigna),
 * seeded through splitmix64, so a seed gives the same stream on every host.
 * Also public-address helpers built on it. */
#include "gen.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (size_t i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t gen_rng_next(struct gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t gen_rng_below(struct gen_rng *r, uint32_t n)
{
	if (n == 0)
		return 0;
	/* Lemire's multiply-shift; the tiny bias is irrelevant here and the
	 * result is deterministic, which is what matters. */
	return (uint32_t)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

uint32_t gen_rng_range(struct gen_rng *r, uint32_t lo, uint32_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + gen_rng_below(r, hi - lo + 1);
}

bool gen_rng_chance(struct gen_rng *r, unsigned permille)
{
	return gen_rng_below(r, 1000) < permille;
}

void gen_rng_bytes(struct gen_rng *r, uint8_t *p, size_t n)
{
	while (n > 0) {
		uint64_t v = gen_rng_next(r);
		size_t k = n < 8 ? n : 8;

		for (size_t i = 0; i < k; i++)
			p[i] = (uint8_t)(v >> (8 * i));
		p += k;
		n -= k;
	}
}

bool gen_ipv4_is_public(uint32_t a)
{
	uint8_t o1 = (uint8_t)(a >> 24), o2 = (uint8_t)(a >> 16), o3 = (uint8_t)(a >> 8);

	if (o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224)
		return false; /* this-net, private, loopback, multicast, reserved */
	if (o1 == 100 && (o2 & 0xc0) == 64)
		return false; /* 100.64/10 shared */
	if (o1 == 169 && o2 == 254)
		return false;
	if (o1 == 172 && (o2 & 0xf0) == 16)
		return false;
	if (o1 == 192 && o2 == 168)
		return false;
	if (o1 == 192 && o2 == 0 && (o3 == 0 || o3 == 2))
		return false; /* IETF assignments, TEST-NET-1 */
	if (o1 == 198 && (o2 & 0xfe) == 18)
		return false; /* benchmarking */
	if (o1 == 198 && o2 == 51 && o3 == 100)
		return false;
	if (o1 == 203 && o2 == 0 && o3 == 113)
		return false;
	if ((a & 0xff) == 0 || (a & 0xff) == 255)
		return false; /* keep clear of network/broadcast-looking hosts */
	return true;
}

uint32_t gen_rng_public_ipv4(struct gen_rng *r)
{
	for (;;) {
		uint32_t a = (uint32_t)(gen_rng_next(r) >> 32);

		if (gen_ipv4_is_public(a))
			return a;
	}
}

void gen_addrperm_init(struct gen_addrperm *p, struct gen_rng *r)
{
	/* An odd multiplier with good bit mixing; keep away from tiny ones so
	 * consecutive k land far apart. */
	p->mul = ((uint32_t)(gen_rng_next(r) >> 32) | 0x01000001u);
	p->add = (uint32_t)(gen_rng_next(r) >> 32);
	p->k = 0;
}

bool gen_addrperm_next(struct gen_addrperm *p, uint32_t *out)
{
	while (p->k < (1ULL << 32)) {
		uint32_t a = p->mul * (uint32_t)p->k + p->add;

		p->k++;
		if (gen_ipv4_is_public(a)) {
			*out = a;
			return true;
		}
	}
	return false;
}
