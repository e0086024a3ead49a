/* A keyed, capped hash map for state keyed by attacker-chosen data
 * (addresses, ports): SipHash with a per-process key, open addressing with
 * linear probing, fixed-size keys and values stored inline, growth by
 * doubling up to a hard cap on entries. At the cap new keys are refused
 * (WW_ERR_LIMIT) and counted, never allocated; unless the map has an
 * evidence callback: then a clock hand sweeps the entries and evicts the
 * first of evidence 0 (or, within WW_RT_EVICT_SCAN entries, the first of
 * evidence 1), never one of evidence 2, and counts it. */
#ifndef WW_ROUTER_RT_MAP_H
#define WW_ROUTER_RT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"
#include "core/siphash.h"

/* How much an entry has shown: 0 evict first, 1 may go, 2 never. */
typedef int (*ww_rt_evidence_fn)(const void *key, const void *val);

#define WW_RT_EVICT_SCAN 256

struct ww_rt_map {
	struct ww_sipkey key;
	size_t key_len, val_len, slot_len;
	size_t n, cap, max;   /* entries, slots (power of two), hard cap on entries */
	uint8_t *slots;       /* cap * slot_len: [used byte][key][pad][value] */
	uint64_t refused;     /* inserts refused at the cap */
	ww_rt_evidence_fn evidence; /* NULL: refuse at the cap */
	size_t hand;          /* clock hand over the slots */
	uint64_t evicted;     /* entries let go to make room */
	uint64_t evicted_low; /* of them: evidence 0 */
	int64_t first_evict_us; /* set by the caller (the map has no clock) */
};

ww_rc ww_rt_map_init(struct ww_rt_map *m, size_t key_len, size_t val_len, size_t max,
                     uint64_t seed);
void ww_rt_map_release(struct ww_rt_map *m);
/* Find or insert `key`; *val points to its value (zeroed when new), *isnew
 * says which. WW_ERR_LIMIT at the cap, WW_ERR_NOMEM. */
ww_rc ww_rt_map_get(struct ww_rt_map *m, const void *key, void **val, bool *isnew);
/* Lookup only; NULL when absent. */
void *ww_rt_map_find(const struct ww_rt_map *m, const void *key);
/* Walk: *it starts at 0; returns false at the end. */
bool ww_rt_map_next(const struct ww_rt_map *m, size_t *it, const void **key, void **val);

#endif
