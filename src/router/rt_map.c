#include "core/common.h"
#include "router/rt_map.h"

#define VAL_ALIGN 8

static size_t val_off(const struct ww_rt_map *m)
{
	return (1 + m->key_len + VAL_ALIGN - 1) / VAL_ALIGN * VAL_ALIGN;
}

ww_rc ww_rt_map_init(struct ww_rt_map *m, size_t key_len, size_t val_len, size_t max,
                     uint64_t seed)
{
	memset(m, 0, sizeof(*m));
	if (key_len == 0 || key_len > 256 || val_len > 4096 || max == 0)
		return WW_ERR_USAGE;
	m->key_len = key_len;
	m->val_len = val_len;
	m->slot_len = (val_off(m) + val_len + VAL_ALIGN - 1) / VAL_ALIGN * VAL_ALIGN;
	m->max = max;
	ww_sipkey_init(&m->key, seed);
	return WW_OK;
}

void ww_rt_map_release(struct ww_rt_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->n = m->cap = 0;
}

static uint8_t *slot(const struct ww_rt_map *m, size_t i) { return m->slots + i * m->slot_len; }

/* Slot index holding key, or of the empty slot where it would go. */
static size_t probe(const struct ww_rt_map *m, const void *key)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)ww_siphash(&m->key, key, m->key_len) & mask;
	for (;;) {
		uint8_t *s = slot(m, i);
		if (!s[0] || memcmp(s + 1, key, m->key_len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

static ww_rc grow(struct ww_rt_map *m)
{
	struct ww_rt_map old = *m;
	size_t nc = m->cap ? m->cap * 2 : 64, i;
	uint8_t *ns = ww_calloc(nc, m->slot_len);
	if (!ns || nc < m->cap)
		return WW_ERR_NOMEM;
	m->slots = ns;
	m->cap = nc;
	for (i = 0; i < old.cap; i++) {
		uint8_t *s = slot(&old, i);
		if (s[0])
			memcpy(slot(m, probe(m, s + 1)), s, m->slot_len);
	}
	free(old.slots);
	return WW_OK;
}

/* Backward-shift deletion of slot i (linear probing, no tombstones). */
static void slot_delete(struct ww_rt_map *m, size_t i)
{
	size_t mask = m->cap - 1, j = i;
	for (;;) {
		uint8_t *sj;
		size_t home;
		j = (j + 1) & mask;
		sj = slot(m, j);
		if (!sj[0])
			break;
		home = (size_t)ww_siphash(&m->key, sj + 1, m->key_len) & mask;
		if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
			memcpy(slot(m, i), sj, m->slot_len);
			i = j;
		}
	}
	slot(m, i)[0] = 0;
	m->n--;
}

/* Make room at the cap (module comment in rt_map.h); false if nothing may go. */
static bool evict(struct ww_rt_map *m)
{
	size_t seen = 0, k, best = SIZE_MAX;
	if (!m->cap)
		return false;
	for (k = 0; k < m->cap && seen < WW_RT_EVICT_SCAN; k++) {
		size_t i = m->hand;
		uint8_t *s = slot(m, i);
		int ev;
		m->hand = (m->hand + 1) & (m->cap - 1);
		if (!s[0])
			continue;
		seen++;
		ev = m->evidence(s + 1, s + val_off(m));
		if (ev == 0) {
			m->evicted_low++;
			best = i;
			break;
		}
		if (ev == 1 && best == SIZE_MAX)
			best = i;
	}
	if (best == SIZE_MAX)
		return false;
	m->evicted++;
	slot_delete(m, best);
	return true;
}

ww_rc ww_rt_map_get(struct ww_rt_map *m, const void *key, void **val, bool *isnew)
{
	size_t i;
	uint8_t *s;
	ww_rc rc;
	if (m->cap) {
		s = slot(m, probe(m, key));
		if (s[0]) {
			*val = s + val_off(m);
			*isnew = false;
			return WW_OK;
		}
	}
	if (m->n >= m->max && !(m->evidence && evict(m))) {
		m->refused++;
		return WW_ERR_LIMIT;
	}
	/* keep the load under 1/2 */
	if ((m->n + 1) * 2 > m->cap && (rc = grow(m)) != WW_OK)
		return rc;
	i = probe(m, key);
	s = slot(m, i);
	memset(s, 0, m->slot_len);
	s[0] = 1;
	memcpy(s + 1, key, m->key_len);
	m->n++;
	*val = s + val_off(m);
	*isnew = true;
	return WW_OK;
}

void *ww_rt_map_find(const struct ww_rt_map *m, const void *key)
{
	uint8_t *s;
	if (!m->cap)
		return NULL;
	s = slot(m, probe(m, key));
	return s[0] ? s + val_off(m) : NULL;
}

bool ww_rt_map_next(const struct ww_rt_map *m, size_t *it, const void **key, void **val)
{
	while (*it < m->cap) {
		uint8_t *s = slot(m, (*it)++);
		if (s[0]) {
			*key = s + 1;
			*val = s + val_off(m);
			return true;
		}
	}
	return false;
}
