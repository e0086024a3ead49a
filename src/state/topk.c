/* Space-saving top-k (Metwally, Agrawal, El Abbadi, "Efficient Computation
 * of Frequent and Top-k Elements in Data Streams", ICDT 2005): a full table
 * replaces its smallest counter and inherits its count, so heavy keys
 * survive in fixed memory. */
#include "core/common.h"
#include "state/host.h"

void ww_topk_add(struct ww_topk *t, uint16_t key)
{
	unsigned i, min = 0;
	for (i = 0; i < WW_TOPK; i++) {
		if (t->cnt[i] && t->key[i] == key) {
			t->cnt[i]++;
			return;
		}
		if (t->cnt[i] < t->cnt[min])
			min = i;
	}
	t->key[min] = key;
	t->cnt[min]++;
}

bool ww_topk_has(const struct ww_topk *t, uint16_t key)
{
	unsigned i;
	for (i = 0; i < WW_TOPK; i++)
		if (t->cnt[i] && t->key[i] == key)
			return true;
	return false;
}

void ww_topk_sorted(const struct ww_topk *t, uint16_t *keys, uint32_t *cnts, unsigned *n)
{
	unsigned i, j, m = 0;
	for (i = 0; i < WW_TOPK; i++) {
		if (!t->cnt[i])
			continue;
		for (j = m; j > 0 && cnts[j - 1] < t->cnt[i]; j--) {
			cnts[j] = cnts[j - 1];
			keys[j] = keys[j - 1];
		}
		cnts[j] = t->cnt[i];
		keys[j] = t->key[i];
		m++;
	}
	*n = m;
}
