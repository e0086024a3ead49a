/* Collect mode builds a host's packets out of time order (one actor at a
 * time), so the IPv4 IDs the builders gave count up in creation order. Once
 * the frames are sorted this renumbers them: each source address counts up
 * from a base of its own, in time order, and the IPv4 header quoted in an
 * ICMP error gets the new ID of the packet it quotes. Checksums are redone. */
#include "gen.h"

struct ipid_slot {
	uint64_t key;   /* 0: empty */
	uint16_t val;
};

struct gen_ipid {
	struct ipid_slot *s;
	size_t mask;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dULL;
	return x ^ (x >> 33);
}

static struct ipid_slot *slot(struct gen_ipid *t, uint64_t key)
{
	size_t i = (size_t)mix(key) & t->mask;

	while (t->s[i].key != 0 && t->s[i].key != key)
		i = (i + 1) & t->mask;
	return &t->s[i];
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t csum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < n)
		sum += (uint32_t)p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void set_id(uint8_t *ip, uint16_t id)
{
	put16(ip + 4, id);
	put16(ip + 10, 0);
	put16(ip + 10, csum(ip, 20));
}

/* Keys: (1 << 48) | src for the per-source counter, (2 << 48) | src << 16 |
 * old id for the renumbering. */
static void renumber(struct gen_ipid *t, uint8_t *f, size_t len)
{
	uint8_t *ip = f + 14;
	uint32_t src;
	uint16_t old, id;
	struct ipid_slot *ctr, *map;

	if (len < 14 + 20 || get16(f + 12) != 0x0800 || ip[0] != 0x45)
		return;
	src = get32(ip + 12);
	old = get16(ip + 4);
	ctr = slot(t, 1ULL << 48 | src);
	if (ctr->key == 0) {
		ctr->key = 1ULL << 48 | src;
		ctr->val = (uint16_t)mix(src);
	}
	id = ctr->val++;
	map = slot(t, 2ULL << 48 | (uint64_t)src << 16 | old);
	map->key = 2ULL << 48 | (uint64_t)src << 16 | old;
	map->val = id;
	set_id(ip, id);

	/* ICMP error quoting an IPv4 header: follow the quoted packet. */
	if (ip[9] == 1 && len >= 14 + 20 + 8 + 20 && ip[20] == 3 && ip[28] == 0x45) {
		uint8_t *q = ip + 28;
		size_t ilen = (size_t)get16(ip + 2) - 20;
		struct ipid_slot *qm = slot(t, 2ULL << 48 | (uint64_t)get32(q + 12) << 16 |
						       get16(q + 4));

		if (qm->key != 0 && 14 + 20 + ilen <= len) {
			set_id(q, qm->val);
			put16(ip + 22, 0);
			put16(ip + 22, csum(ip + 20, ilen));
		}
	}
}

struct gen_ipid *gen_ipid_new(size_t nframes)
{
	struct gen_ipid *t = ww_calloc(1, sizeof(*t));
	size_t cap = 1024, need;

	if (!t || !ww_size_mul(nframes, 4, &need)) {
		free(t);
		return NULL;
	}
	while (cap < need)
		cap *= 2;
	t->s = ww_calloc(cap, sizeof(*t->s));
	if (!t->s) {
		free(t);
		return NULL;
	}
	t->mask = cap - 1;
	return t;
}

void gen_ipid_frame(struct gen_ipid *t, uint8_t *frame, size_t len)
{
	renumber(t, frame, len);
}

void gen_ipid_free(struct gen_ipid *t)
{
	if (t)
		free(t->s);
	free(t);
}
