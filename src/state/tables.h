/* The engine's two bounded hash tables, both keyed with a per-process
 * SipHash key and capped at a size fixed at init:
 *  - hosts: judged address -> struct ww_host. A full table lets a host
 *    go to make room, by evidence (docs/guarantees.md): a clock hand
 *    sweeps the records and takes the first host that made one contact
 *    and nothing else; failing that within WW_EVICT_SCAN records, the
 *    least-evidenced other one seen; never a host with an alert, a
 *    verdict above normal, a rising walk (more than one first contact and
 *    a positive log likelihood), exploit or peer-to-peer evidence, nor the
 *    record in t->keep (a packet's source while its destination is looked
 *    up). Every eviction is counted; when nothing
 *    may go, the new host is refused and counted as untracked;
 *  - probes: pending first contacts waiting for an outcome, in rings by
 *    time so that expiry is O(1) and walks memory in order; a full ring
 *    resolves its oldest entry as a timeout. */
#ifndef WW_STATE_TABLES_H
#define WW_STATE_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/siphash.h"
#include "state/host.h"

#define WW_NIL UINT32_MAX

#define WW_HOSTCACHE 256

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
	/* eviction (only once the table is full) */
	uint32_t hand;         /* the clock hand over hosts[] */
	const struct ww_host *keep; /* a record eviction must spare: the one the
	                        * caller still holds (the engine sets a packet's
	                        * source before looking up its destination) */
	uint64_t evicted;      /* hosts let go to make room */
	uint64_t evicted_one;  /* of them: one contact and nothing else */
	int64_t first_evict_ts;
	uint64_t orphans;      /* outcomes of probes whose host was evicted */
	/* called once, at the first eviction (the engine's table-pressure alert) */
	void (*on_pressure)(void *ud);
	void *pressure_ud;
};

/* Records the clock hand looks at for one eviction at most: O(1) per new
 * host; a table where nothing may go refuses new hosts at that cost. */
#define WW_EVICT_SCAN 256

/* Addresses of one LAN differ in their last bytes: those pick the slot,
 * so the hosts of a /24 never push each other out, and the next /24's
 * low-numbered hosts land 61 slots on (10.0.1.14 and 10.0.2.7 apart). */
static inline unsigned ww_hostcache_slot(const struct ww_addr *a)
{
	return (unsigned)(a->b[15] + 61u * a->b[14] + 29u * a->b[13] + 3u * a->b[11]) & (WW_HOSTCACHE - 1);
}

/* Start loading the host record a cached address points at. */
static inline void ww_hosttab_prefetch(const struct ww_hosttab *t, const struct ww_addr *a)
{
	uint32_t hi = t->cache[ww_hostcache_slot(a)];
	if (hi != WW_NIL) {
		__builtin_prefetch(&t->hosts[hi], 1, 3);
		__builtin_prefetch((const char *)&t->hosts[hi] + 64, 1, 3);
	}
}

ww_rc ww_hosttab_init(struct ww_hosttab *t, uint32_t cap, uint64_t seed);
void ww_hosttab_release(struct ww_hosttab *t);
/* Find or add; when the table is full a host is evicted by evidence to
 * make room (counted in evicted/evicted_one); NULL when none may go
 * (counted in untracked). An eviction reuses a record: a pointer from an
 * earlier call stays valid across the next call only if the caller put it
 * in t->keep. */
struct ww_host *ww_hosttab_get(struct ww_hosttab *t, const struct ww_addr *a, int64_t ts);
struct ww_host *ww_hosttab_find(const struct ww_hosttab *t, const struct ww_addr *a);

/* Pending probe key: who asked whom for what. */
struct ww_probe_key {
	uint8_t src[16], dst[16];
	uint16_t dport;
	uint8_t proto;    /* WW_PROTO_*, or 0 for ARP */
	uint8_t v4;
};

/* One pending probe: 64 bytes, one cache line. */
struct ww_probe {
	struct ww_probe_key k;
	uint32_t host;     /* index of the source host */
	uint32_t hnext;    /* sequence number of the next (older) probe in its chain */
	uint32_t seq;      /* its own sequence number */
	uint32_t hash;     /* its bucket hash, to rebuild chains */
	int64_t ts;
	unsigned host_first : 1; /* first contact of the (src, dst) pair */
	unsigned kind : 3;       /* enum ww_contact_kind */
	unsigned worm : 1;       /* to a worm port */
	unsigned live : 1;       /* 0 once answered, timed out or evicted */
	unsigned cls : 1;        /* timeout class: its ring */
	unsigned svcidx : 25;    /* the host's count of services tried when sent (mod 2^25) */
	uint16_t sport;          /* the opening packet's source port (0 from logs) */
};

#define WW_PROBE_CLASSES 2 /* 0: transport probes, 1: ARP */

/* One timeout class: probes in a ring in order of arrival (sequence
 * numbers head..tail-1), so that adding and expiring walk memory in order,
 * with a chained hash index over the ring. A chain runs from newest to
 * oldest, so an expired link (sequence number before head) ends it: expiry
 * never touches the index. Answered probes leave holes; the ring grows to
 * twice its cap, then squeezes the holes out (renumbering its probes and
 * rebuilding the chains), so only `cap` live probes ever force an
 * eviction. */
struct ww_probering {
	struct ww_probe *v;    /* `size` slots (a power of two), from ww_big_alloc */
	size_t mapped;
	uint32_t *buckets;     /* newest sequence number of each chain */
	uint32_t cap;          /* most probes pending at once */
	uint32_t live;         /* probes pending now */
	uint32_t size, mask, bmask;
	uint32_t head, tail;   /* sequence numbers */
	uint32_t compactions;
};

struct ww_probetab {
	struct ww_probering ring[WW_PROBE_CLASSES];
	uint32_t n;            /* live probes */
	uint64_t evicted;
	struct ww_sipkey key;
};

/* Grow a ring to n slots (used by add when more are pending than fit). */
ww_rc ww_probering_grow(struct ww_probering *r, uint32_t n);
/* cap pending probes of class 0 (ARP, class 1: an eighth, at least 16). */
ww_rc ww_probetab_init(struct ww_probetab *t, uint32_t cap, uint64_t seed);
void ww_probetab_release(struct ww_probetab *t);
/* `hash` is the key's keyed hash, computed by the caller (the engine
 * derives it from the pair hash it needs anyway). */
struct ww_probe *ww_probetab_find(struct ww_probetab *t, unsigned cls, const struct ww_probe_key *k,
                                  uint64_t hash);
/* Find and take out of the index: the probe stays readable until the next
 * add, marked not live. */
struct ww_probe *ww_probetab_take(struct ww_probetab *t, unsigned cls, const struct ww_probe_key *k,
                                  uint64_t hash);
/* Append a new pending probe; NULL when its class is full (the caller
 * closes the oldest first: ww_probetab_full, _oldest, _pop) or memory ran
 * out. */
struct ww_probe *ww_probetab_add(struct ww_probetab *t, const struct ww_probe_key *k, uint64_t hash,
                                 int64_t ts, unsigned cls);
/* A probe key's hash when no pair hash is at hand (tests). */
uint64_t ww_probetab_hash(const struct ww_probetab *t, const struct ww_probe_key *k);
static inline bool ww_probetab_full(const struct ww_probetab *t, unsigned cls)
{
	return t->ring[cls].live >= t->ring[cls].cap;
}
/* The oldest live probe of the class (answered ones at the front are
 * dropped on the way), or NULL. */
struct ww_probe *ww_probetab_oldest(struct ww_probetab *t, unsigned cls);
/* Remove the oldest live probe of the class (after _oldest returned it). */
void ww_probetab_pop(struct ww_probetab *t, unsigned cls);

#endif
