#include "core/common.h"
#include "state/tables.h"

static uint32_t pow2_at_least(uint64_t v)
{
	uint32_t p = 16;
	while (p < v && p < (1u << 30))
		p <<= 1;
	return p;
}

ww_rc ww_hosttab_init(struct ww_hosttab *t, uint32_t cap, uint64_t seed)
{
	uint32_t i, nslots;
	memset(t, 0, sizeof(*t));
	if (cap == 0)
		return WW_ERR_USAGE;
	nslots = pow2_at_least((uint64_t)cap * 2);
	t->hosts = ww_calloc(cap, sizeof(*t->hosts));
	t->slots = ww_calloc(nslots, sizeof(*t->slots));
	if (!t->hosts || !t->slots) {
		ww_hosttab_release(t);
		return WW_ERR_NOMEM;
	}
	for (i = 0; i < nslots; i++)
		t->slots[i] = WW_NIL;
	for (i = 0; i < WW_HOSTCACHE; i++)
		t->cache[i] = WW_NIL;
	t->cap = cap;
	t->mask = nslots - 1;
	ww_sipkey_init(&t->key, seed ? seed + 1 : 0);
	return WW_OK;
}

void ww_hosttab_release(struct ww_hosttab *t)
{
	free(t->hosts);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint32_t host_slot(const struct ww_hosttab *t, const struct ww_addr *a, bool *found)
{
	uint32_t i = (uint32_t)ww_siphash(&t->key, a->b, 16) & t->mask;
	for (;;) {
		uint32_t h = t->slots[i];
		if (h == WW_NIL) {
			*found = false;
			return i;
		}
		if (ww_addr16_eq(t->hosts[h].addr.b, a->b)) {
			*found = true;
			return i;
		}
		i = (i + 1) & t->mask;
	}
}

struct ww_host *ww_hosttab_find(const struct ww_hosttab *t, const struct ww_addr *a)
{
	bool found;
	uint32_t s = host_slot(t, a, &found);
	return found ? &t->hosts[t->slots[s]] : NULL;
}

/* What a host has shown, for eviction: 0 one contact and nothing else
 * (first to go), 1 some evidence of an ordinary host, 2 never to go. */
static int host_evidence(const struct ww_host *h)
{
	if (h->alert_ts || h->live_verdict > WW_VERDICT_NORMAL || h->trw.alert_ts ||
	    h->scan.valert_ts || h->scan.sweep_ts || h->ex.sent || h->ex.received ||
	    h->p2p.sig_hits || (h->trw.llr > 0 && h->trw.fc_made > 1))
		return 2;
	if (h->pkts_out <= 1 && h->pkts_in <= 1 && h->trw.fc_made <= 1 && h->scan.svc <= 1 &&
	    h->dns.queries == 0 &&
	    h->p2p.in_peers == 0 && !h->ex.has_contact)
		return 0;
	return 1;
}

/* Take slot s out of the open-addressing table (backward-shift deletion:
 * linear probing needs no tombstones). */
static void slot_delete(struct ww_hosttab *t, uint32_t s)
{
	uint32_t i = s, j = s;
	for (;;) {
		uint32_t home, h;
		j = (j + 1) & t->mask;
		h = t->slots[j];
		if (h == WW_NIL)
			break;
		home = (uint32_t)ww_siphash(&t->key, t->hosts[h].addr.b, 16) & t->mask;
		/* move j back to i unless its home lies cyclically in (i, j] */
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			t->slots[i] = h;
			i = j;
		}
	}
	t->slots[i] = WW_NIL;
}

/* Choose a host to let go (module comment in tables.h) and take it out of
 * the index; its record index, or WW_NIL. */
static uint32_t evict(struct ww_hosttab *t, int64_t ts)
{
	uint32_t k, best = WW_NIL, best_fc = UINT32_MAX, v = WW_NIL;
	bool found;
	for (k = 0; k < WW_EVICT_SCAN && k < t->cap; k++) {
		uint32_t i = t->hand;
		int ev;
		t->hand = t->hand + 1 >= t->cap ? 0 : t->hand + 1;
		if (&t->hosts[i] == t->keep)
			continue;
		ev = host_evidence(&t->hosts[i]);
		if (ev == 0) {
			v = i;
			t->evicted_one++;
			break;
		}
		if (ev == 1 && t->hosts[i].trw.fc_made < best_fc) {
			best = i;
			best_fc = t->hosts[i].trw.fc_made;
		}
	}
	if (v == WW_NIL)
		v = best;
	if (v == WW_NIL)
		return WW_NIL;
	if (!t->evicted)
		t->first_evict_ts = ts;
	t->evicted++;
	slot_delete(t, host_slot(t, &t->hosts[v].addr, &found));
	return v;
}

/* A new host in a full table: out of line, so that the lookups of known
 * hosts (nearly all of them) keep a small frame. */
static __attribute__((noinline, cold)) struct ww_host *
get_evicting(struct ww_hosttab *t, const struct ww_addr *a, int64_t ts)
{
	unsigned c = ww_hostcache_slot(a);
	bool found;
	uint32_t s, v = evict(t, ts);
	struct ww_host *h;
	if (v == WW_NIL) {
		t->untracked++;
		return NULL;
	}
	/* the deletion may have shifted the slots: look again */
	s = host_slot(t, a, &found);
	h = &t->hosts[v];
	memset(h, 0, sizeof(*h));
	h->addr = *a;
	h->first_ts = h->last_ts = ts;
	t->cache[c] = v;
	t->slots[s] = v;
	if (t->evicted == 1 && t->on_pressure)
		t->on_pressure(t->pressure_ud);
	return h;
}

struct ww_host *ww_hosttab_get(struct ww_hosttab *t, const struct ww_addr *a, int64_t ts)
{
	bool found;
	unsigned c = ww_hostcache_slot(a);
	uint32_t s, hi = t->cache[c];
	struct ww_host *h;
	if (hi != WW_NIL && ww_addr16_eq(t->hosts[hi].addr.b, a->b))
		return &t->hosts[hi];
	s = host_slot(t, a, &found);
	if (found) {
		t->cache[c] = t->slots[s];
		return &t->hosts[t->slots[s]];
	}
	if (t->n >= t->cap)
		return get_evicting(t, a, ts);
	h = &t->hosts[t->n];
	h->addr = *a;
	h->first_ts = h->last_ts = ts;
	t->cache[c] = t->n;
	t->slots[s] = t->n++;
	return h;
}

#define RING_START 65536u /* slots at first (4 MiB, touched as used); a ring doubles up to twice its cap */

static ww_rc ring_init(struct ww_probering *r, uint32_t cap)
{
	uint32_t n = pow2_at_least(cap);
	/* a bucket for every four probes at most pending: a small index that
	 * stays in cache, chains of a few links when the ring is full */
	uint32_t nb = n / 4 < 16 ? 16 : n / 4;
	memset(r, 0, sizeof(*r));
	r->buckets = ww_calloc(nb, sizeof(*r->buckets));
	if (!r->buckets)
		return WW_ERR_NOMEM;
	r->cap = cap;
	r->bmask = nb - 1;
	/* sequence numbers start far from 0 so an empty bucket (0) reads as
	 * expired */
	r->head = r->tail = 0x80000000u;
	return ww_probering_grow(r, n < RING_START ? n : RING_START);
}

/* Move the ring to n slots (a power of two): links are sequence numbers,
 * not slot indexes, so each probe only moves to its new slot. */
ww_rc ww_probering_grow(struct ww_probering *r, uint32_t n)
{
	size_t mapped;
	struct ww_probe *v = ww_big_alloc(n, sizeof(struct ww_probe), &mapped);
	uint32_t s;
	if (!v)
		return WW_ERR_NOMEM;
	for (s = r->head; s != r->tail; s++)
		v[s & (n - 1)] = r->v[s & r->mask];
	ww_big_free(r->v, r->mapped);
	r->mapped = mapped;
	r->v = v;
	r->size = n;
	r->mask = n - 1;
	return WW_OK;
}

/* Squeeze out the answered probes: the live ones move down in order and
 * take new sequence numbers from head on, and the chains are rebuilt
 * oldest first so that each still runs newest to oldest. A destination
 * slot is never one still to be read (they differ by less than the size). */
static void ring_compact(struct ww_probering *r)
{
	uint32_t s, d = r->head, i;
	for (i = 0; i <= r->bmask; i++)
		r->buckets[i] = r->head - 1; /* before head: an ended chain */
	for (s = r->head; s != r->tail; s++) {
		struct ww_probe *p = &r->v[s & r->mask];
		uint32_t b;
		if (!p->live)
			continue;
		if (s != d)
			r->v[d & r->mask] = *p;
		p = &r->v[d & r->mask];
		b = p->hash & r->bmask;
		p->seq = d;
		p->hnext = r->buckets[b];
		r->buckets[b] = d++;
	}
	for (s = d; s != r->tail; s++)
		r->v[s & r->mask].live = 0;
	r->tail = d;
	r->compactions++;
}

ww_rc ww_probetab_init(struct ww_probetab *t, uint32_t cap, uint64_t seed)
{
	uint32_t arp = cap / 8 < 16 ? 16 : cap / 8;
	ww_rc rc;
	memset(t, 0, sizeof(*t));
	if (cap == 0 || cap > (1u << 30))
		return WW_ERR_USAGE;
	if ((rc = ring_init(&t->ring[0], cap)) || (rc = ring_init(&t->ring[1], arp < cap ? arp : cap))) {
		ww_probetab_release(t);
		return rc;
	}
	ww_sipkey_init(&t->key, seed ? seed + 2 : 0);
	return WW_OK;
}

void ww_probetab_release(struct ww_probetab *t)
{
	unsigned i;
	for (i = 0; i < WW_PROBE_CLASSES; i++) {
		ww_big_free(t->ring[i].v, t->ring[i].mapped);
		free(t->ring[i].buckets);
	}
	memset(t, 0, sizeof(*t));
}

uint64_t ww_probetab_hash(const struct ww_probetab *t, const struct ww_probe_key *k)
{
	return ww_siphash(&t->key, k, sizeof(*k));
}

/* The live probe a link names, or NULL where the chain ends: a link before
 * head was expired (and its slot may hold a newer probe). */
static inline struct ww_probe *link_of(struct ww_probering *r, uint32_t seq)
{
	struct ww_probe *p;
	if (seq - r->head >= r->tail - r->head)
		return NULL;
	p = &r->v[seq & r->mask];
	return p->seq == seq && p->live ? p : NULL;
}

static inline bool key_eq(const struct ww_probe_key *a, const struct ww_probe_key *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

struct ww_probe *ww_probetab_find(struct ww_probetab *t, unsigned cls, const struct ww_probe_key *k,
                                  uint64_t hash)
{
	struct ww_probering *r = &t->ring[cls];
	struct ww_probe *p = link_of(r, r->buckets[hash & r->bmask]);
	while (p && !key_eq(&p->k, k))
		p = link_of(r, p->hnext);
	return p;
}

struct ww_probe *ww_probetab_take(struct ww_probetab *t, unsigned cls, const struct ww_probe_key *k,
                                  uint64_t hash)
{
	struct ww_probering *r = &t->ring[cls];
	uint32_t *link = &r->buckets[hash & r->bmask];
	struct ww_probe *p;
	while ((p = link_of(r, *link)) && !key_eq(&p->k, k))
		link = &p->hnext;
	if (!p)
		return NULL;
	*link = p->hnext; /* older, so the chain stays in order */
	p->live = 0;
	r->live--;
	t->n--;
	return p;
}

struct ww_probe *ww_probetab_add(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash,
                                 int64_t ts, unsigned cls)
{
	struct ww_probering *r;
	struct ww_probe *p;
	uint32_t b;
	if (cls >= WW_PROBE_CLASSES)
		cls = 0;
	r = &t->ring[cls];
	if (r->live >= r->cap)
		return NULL;
	if (r->tail - r->head >= r->size) {
		if (r->size < r->cap * 2) {
			if (ww_probering_grow(r, r->size * 2))
				return NULL;
		} else {
			ring_compact(r); /* at least size - cap >= cap holes */
		}
	}
	p = &r->v[r->tail & r->mask];
	/* the slots ahead are written next: fetch them while this one fills */
	__builtin_prefetch(&r->v[(r->tail + 8) & r->mask], 1, 1);
	b = (uint32_t)(hash & r->bmask);
	p->k = *k;
	p->host = 0;
	p->seq = r->tail;
	p->hnext = r->buckets[b];
	p->hash = (uint32_t)hash;
	p->ts = ts;
	p->host_first = p->kind = p->worm = 0;
	p->live = 1;
	p->cls = cls & 1;
	r->buckets[b] = r->tail++;
	r->live++;
	t->n++;
	return p;
}

struct ww_probe *ww_probetab_oldest(struct ww_probetab *t, unsigned cls)
{
	struct ww_probering *r = &t->ring[cls];
	while (r->head != r->tail) {
		struct ww_probe *p = &r->v[r->head & r->mask];
		if (p->live)
			return p;
		r->head++;
	}
	return NULL;
}

void ww_probetab_pop(struct ww_probetab *t, unsigned cls)
{
	struct ww_probering *r = &t->ring[cls];
	struct ww_probe *p;
	if (r->head == r->tail)
		return;
	p = &r->v[r->head & r->mask];
	if (p->live) {
		p->live = 0;
		r->live--;
		t->n--;
	}
	r->head++;
	/* prefetch what expiry reads next: the ring goes in order */
	__builtin_prefetch(&r->v[(r->head + 4) & r->mask], 0, 1);
}
