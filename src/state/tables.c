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

static inline unsigned cache_slot(const struct ww_addr *a)
{
	return (unsigned)(a->b[15] ^ (a->b[14] << 2) ^ (a->b[13] << 4)) & (WW_HOSTCACHE - 1);
}

struct ww_host *ww_hosttab_get(struct ww_hosttab *t, const struct ww_addr *a, int64_t ts)
{
	bool found;
	unsigned c = cache_slot(a);
	uint32_t s, hi = t->cache[c];
	struct ww_host *h;
	if (hi != WW_NIL && ww_addr16_eq(t->hosts[hi].addr.b, a->b))
		return &t->hosts[hi];
	s = host_slot(t, a, &found);
	if (found) {
		t->cache[c] = t->slots[s];
		return &t->hosts[t->slots[s]];
	}
	if (t->n >= t->cap) {
		t->untracked++;
		return NULL;
	}
	h = &t->hosts[t->n];
	h->addr = *a;
	h->first_ts = h->last_ts = ts;
	t->cache[c] = t->n;
	t->slots[s] = t->n++;
	return h;
}

ww_rc ww_probetab_init(struct ww_probetab *t, uint32_t cap, uint64_t seed)
{
	uint32_t i, nb;
	memset(t, 0, sizeof(*t));
	if (cap == 0)
		return WW_ERR_USAGE;
	nb = pow2_at_least(cap);
	t->v = ww_calloc(cap, sizeof(*t->v));
	t->buckets = ww_calloc(nb, sizeof(*t->buckets));
	if (!t->v || !t->buckets) {
		ww_probetab_release(t);
		return WW_ERR_NOMEM;
	}
	for (i = 0; i < nb; i++)
		t->buckets[i] = WW_NIL;
	for (i = 0; i < cap; i++)
		t->v[i].hnext = i + 1 < cap ? i + 1 : WW_NIL;
	t->free_head = 0;
	t->cap = cap;
	t->bmask = nb - 1;
	for (i = 0; i < WW_PROBE_CLASSES; i++)
		t->head[i] = t->tail[i] = WW_NIL;
	ww_sipkey_init(&t->key, seed ? seed + 2 : 0);
	return WW_OK;
}

void ww_probetab_release(struct ww_probetab *t)
{
	free(t->v);
	free(t->buckets);
	memset(t, 0, sizeof(*t));
}

uint64_t ww_probetab_hash(const struct ww_probetab *t, const struct ww_probe_key *k)
{
	return ww_siphash(&t->key, k, sizeof(*k));
}

struct ww_probe *ww_probetab_find(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash)
{
	uint32_t i = t->buckets[hash & t->bmask];
	while (i != WW_NIL) {
		if (memcmp(&t->v[i].k, k, sizeof(*k)) == 0)
			return &t->v[i];
		i = t->v[i].hnext;
	}
	return NULL;
}

struct ww_probe *ww_probetab_add(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash,
                                 int64_t ts, unsigned cls)
{
	uint32_t i = t->free_head, b;
	struct ww_probe *p;
	if (i == WW_NIL)
		return NULL;
	p = &t->v[i];
	t->free_head = p->hnext;
	memset(p, 0, sizeof(*p));
	p->k = *k;
	p->ts = ts;
	p->live = 1;
	b = (uint32_t)(hash & t->bmask);
	p->bucket = b;
	p->hnext = t->buckets[b];
	t->buckets[b] = i;
	p->cls = (uint8_t)(cls < WW_PROBE_CLASSES ? cls : 0);
	p->prev = t->tail[p->cls];
	p->next = WW_NIL;
	if (t->tail[p->cls] != WW_NIL)
		t->v[t->tail[p->cls]].next = i;
	else
		t->head[p->cls] = i;
	t->tail[p->cls] = i;
	t->n++;
	return p;
}

void ww_probetab_remove(struct ww_probetab *t, struct ww_probe *p)
{
	uint32_t i = (uint32_t)(p - t->v), b = p->bucket;
	uint32_t *pp = &t->buckets[b];
	while (*pp != WW_NIL && *pp != i)
		pp = &t->v[*pp].hnext;
	if (*pp == i)
		*pp = p->hnext;
	if (p->prev != WW_NIL)
		t->v[p->prev].next = p->next;
	else
		t->head[p->cls] = p->next;
	if (p->next != WW_NIL)
		t->v[p->next].prev = p->prev;
	else
		t->tail[p->cls] = p->prev;
	p->live = 0;
	p->hnext = t->free_head;
	t->free_head = i;
	t->n--;
}
