/* The engine's two bounded hash tables, both keyed with a per-process
 * SipHash key and capped at a size fixed at init:
 *  - hosts: judged address -> struct ww_host (full table: new hosts are
 *    counted as untracked, never evicted silently);
 *  - probes: pending first contacts waiting for an outcome, in a FIFO by
 *    time so that expiry is O(1); a full table resolves its oldest entry
 *    as a timeout. */
#ifndef WW_STATE_TABLES_H
#define WW_STATE_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/siphash.h"
#include "state/host.h"

#define WW_NIL UINT32_MAX

#define WW_HOSTCACHE 64

struct ww_hosttab {
	struct ww_host *hosts; /* dense, in order of arrival */
	uint32_t *slots;       /* open addressing: index into hosts or WW_NIL */
	/* a small direct-mapped cache in front of the keyed table: the few
	 * busy hosts of a capture skip the hash; an input can only make it
	 * miss (every hit is checked against the full address) */
	uint32_t cache[WW_HOSTCACHE];
	uint32_t n, cap, mask;
	uint64_t untracked;    /* lookups refused because the table was full */
	struct ww_sipkey key;
};

ww_rc ww_hosttab_init(struct ww_hosttab *t, uint32_t cap, uint64_t seed);
void ww_hosttab_release(struct ww_hosttab *t);
/* Find or add; NULL when full (and counted). */
struct ww_host *ww_hosttab_get(struct ww_hosttab *t, const struct ww_addr *a, int64_t ts);
struct ww_host *ww_hosttab_find(const struct ww_hosttab *t, const struct ww_addr *a);

/* Pending probe key: who asked whom for what. */
struct ww_probe_key {
	uint8_t src[16], dst[16];
	uint16_t dport;
	uint8_t proto;    /* WW_PROTO_*, or 0 for ARP */
	uint8_t v4;
};

struct ww_probe {
	struct ww_probe_key k;
	uint32_t host;     /* index of the source host */
	uint32_t hnext;    /* hash chain */
	uint32_t bucket;   /* its bucket, so removal needs no rehash */
	uint32_t prev, next; /* FIFO by time */
	int64_t ts;
	uint8_t host_first; /* first contact of the (src, dst) pair */
	uint8_t kind;       /* enum ww_contact_kind */
	uint8_t worm;       /* to a worm port */
	uint8_t live;
	uint8_t cls;        /* timeout class: its FIFO */
};

#define WW_PROBE_CLASSES 2 /* 0: transport probes, 1: ARP */

struct ww_probetab {
	struct ww_probe *v;
	uint32_t *buckets;
	uint32_t cap, bmask, n;
	uint32_t free_head;
	uint32_t head[WW_PROBE_CLASSES], tail[WW_PROBE_CLASSES]; /* oldest, newest per class */
	struct ww_sipkey key;
	uint64_t evicted;
};

ww_rc ww_probetab_init(struct ww_probetab *t, uint32_t cap, uint64_t seed);
void ww_probetab_release(struct ww_probetab *t);
/* `hash` is the key's keyed hash, computed by the caller (the engine
 * derives it from the pair hash it needs anyway; see ww_probe_hash). */
struct ww_probe *ww_probetab_find(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash);
/* Insert a new pending probe; returns NULL only when cap is 0. The caller
 * must resolve the oldest first when full (ww_probetab_full). */
struct ww_probe *ww_probetab_add(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash,
                                 int64_t ts, unsigned cls);
/* A probe key's hash when no pair hash is at hand (tests). */
uint64_t ww_probetab_hash(const struct ww_probetab *t, const struct ww_probe_key *k);
static inline bool ww_probetab_full(const struct ww_probetab *t) { return t->n >= t->cap; }
static inline struct ww_probe *ww_probetab_oldest(struct ww_probetab *t, unsigned cls)
{
	return t->head[cls] == WW_NIL ? NULL : &t->v[t->head[cls]];
}
void ww_probetab_remove(struct ww_probetab *t, struct ww_probe *p);

#endif
