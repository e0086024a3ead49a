#include "core/common.h"
#include "router/rt_acct.h"

#include <stdio.h>

#define MAX_HOSTS 65536
#define MAX_PAIRS (1u << 19) /* per pair table: at most ~20 MiB each */
#define MAX_SVCS 65536

#define ADDR_KEY 17

static void addr_key(uint8_t *k, const struct ww_addr *x)
{
	memcpy(k, x->b, 16);
	k[16] = x->v4;
}

void ww_rt_key_addr(struct ww_addr *x, const void *key)
{
	const uint8_t *k = key;
	memcpy(x->b, k, 16);
	x->v4 = k[16];
}

bool ww_rt_worm_port(uint8_t proto, uint16_t port)
{
	static const uint16_t tcp[] = {23, 135, 137, 139, 445, 1025, 1433, 2323, 2745, 3127,
	                               3389, 4444, 5000, 5554, 6129, 9996, 7547, 5555};
	static const uint16_t udp[] = {137, 1434};
	size_t i;
	if (proto == WW_PROTO_TCP) {
		for (i = 0; i < WW_ARRAY_LEN(tcp); i++)
			if (tcp[i] == port)
				return true;
	} else if (proto == WW_PROTO_UDP) {
		for (i = 0; i < WW_ARRAY_LEN(udp); i++)
			if (udp[i] == port)
				return true;
	}
	return false;
}

/* Eviction from the full hosts map (rt_map.h): a host seen once goes
 * first; one that tried worm ports or several destinations never goes. */
static int host_evidence(const void *key, const void *val)
{
	const struct ww_rt_host *h = val;
	(void)key;
	if (h->worm_port >= 2 || h->dsts >= 4 || h->telnet >= 2 || h->telnet_alt >= 2)
		return 2;
	return h->entries <= 1 ? 0 : 1;
}

ww_rc ww_rt_acct_init(struct ww_rt_acct *a, const char *home, uint64_t seed, char *err,
                      size_t errlen)
{
	ww_rc rc;
	memset(a, 0, sizeof(*a));
	ww_netlist_init(&a->home);
	rc = home ? ww_netlist_parse(&a->home, home, err, errlen) : ww_netlist_add_private(&a->home);
	if (rc)
		return rc;
	if ((rc = ww_rt_map_init(&a->hosts, ADDR_KEY, sizeof(struct ww_rt_host), MAX_HOSTS, seed)) ||
	    (rc = ww_rt_map_init(&a->host_dst, 2 * ADDR_KEY, 0, MAX_PAIRS, seed)) ||
	    (rc = ww_rt_map_init(&a->host_port, ADDR_KEY + 3, sizeof(uint32_t), MAX_PAIRS, seed)) ||
	    (rc = ww_rt_map_init(&a->host_sport, ADDR_KEY + 3, sizeof(uint32_t), MAX_PAIRS, seed)) ||
	    (rc = ww_rt_map_init(&a->svcs, ADDR_KEY + 3, sizeof(struct ww_rt_svc), MAX_SVCS, seed)) ||
	    (rc = ww_rt_map_init(&a->svc_peer, 2 * ADDR_KEY + 3, 0, MAX_PAIRS, seed)))
		return rc;
	a->hosts.evidence = host_evidence;
	return WW_OK;
}

void ww_rt_acct_release(struct ww_rt_acct *a)
{
	ww_netlist_release(&a->home);
	ww_rt_map_release(&a->hosts);
	ww_rt_map_release(&a->host_dst);
	ww_rt_map_release(&a->host_port);
	ww_rt_map_release(&a->host_sport);
	ww_rt_map_release(&a->svcs);
	ww_rt_map_release(&a->svc_peer);
}

bool ww_rt_acct_is_home(const struct ww_rt_acct *a, const struct ww_addr *x)
{
	return ww_netlist_contains(&a->home, x);
}

static void stamp(int64_t *first, int64_t *last, int64_t ts)
{
	if (!ts)
		return;
	if (!*first || ts < *first)
		*first = ts;
	if (ts > *last)
		*last = ts;
}

/* Count an attempt from an inside host; returns the host or NULL at the cap. */
static struct ww_rt_host *count_out(struct ww_rt_acct *a, const struct ww_addr *src,
                                    const struct ww_addr *dst, uint8_t proto, uint16_t sport,
                                    uint16_t dport, bool opening, int64_t ts)
{
	uint8_t k[2 * ADDR_KEY + 3];
	void *v;
	bool isnew;
	struct ww_rt_host *h;
	addr_key(k, src);
	if (ww_rt_map_get(&a->hosts, k, &v, &isnew)) {
		a->refused++;
		return NULL;
	}
	if (a->hosts.evicted && !a->hosts.first_evict_us)
		a->hosts.first_evict_us = ts ? ts : 1;
	h = v;
	h->entries++;
	stamp(&h->first_us, &h->last_us, ts);
	if (!opening)
		return h;
	h->openings++;
	addr_key(k + ADDR_KEY, dst);
	if (ww_rt_map_get(&a->host_dst, k, &v, &isnew) == WW_OK) {
		if (isnew)
			h->dsts++;
	} else {
		a->refused++;
	}
	k[ADDR_KEY] = proto;
	k[ADDR_KEY + 1] = (uint8_t)(dport >> 8);
	k[ADDR_KEY + 2] = (uint8_t)dport;
	if (ww_rt_map_get(&a->host_port, k, &v, &isnew) == WW_OK) {
		if (isnew)
			h->ports++;
		(*(uint32_t *)v)++;
	} else {
		a->refused++;
	}
	if (proto == WW_PROTO_UDP) {
		/* one local UDP port talking to many peers: a peer-to-peer client */
		k[ADDR_KEY] = proto;
		k[ADDR_KEY + 1] = (uint8_t)(sport >> 8);
		k[ADDR_KEY + 2] = (uint8_t)sport;
		if (ww_rt_map_get(&a->host_sport, k, &v, &isnew) == WW_OK)
			(*(uint32_t *)v)++;
		else
			a->refused++;
	}
	if (ww_rt_worm_port(proto, dport))
		h->worm_port++;
	if (proto == WW_PROTO_TCP && dport == 23)
		h->telnet++;
	if (proto == WW_PROTO_TCP && dport == 2323)
		h->telnet_alt++;
	return h;
}

/* An attempt from outside to an address and port. */
static void count_in(struct ww_rt_acct *a, const struct ww_addr *src, const struct ww_addr *dst,
                     uint8_t proto, uint16_t dport, int64_t ts)
{
	uint8_t k[2 * ADDR_KEY + 3];
	void *v;
	bool isnew;
	struct ww_rt_svc *s;
	a->outside++;
	if (proto != WW_PROTO_TCP && proto != WW_PROTO_UDP)
		return;
	addr_key(k, dst);
	k[ADDR_KEY] = proto;
	k[ADDR_KEY + 1] = (uint8_t)(dport >> 8);
	k[ADDR_KEY + 2] = (uint8_t)dport;
	if (ww_rt_map_get(&a->svcs, k, &v, &isnew)) {
		a->refused++;
		return;
	}
	s = v;
	s->attempts++;
	stamp(&s->first_us, &s->last_us, ts);
	addr_key(k + ADDR_KEY + 3, src);
	if (ww_rt_map_get(&a->svc_peer, k, &v, &isnew) == WW_OK) {
		if (isnew)
			s->peers++;
	} else {
		a->refused++;
	}
}

void ww_rt_acct_ct(struct ww_rt_acct *a, const struct ww_ct_entry *e)
{
	struct ww_rt_host *h;
	bool opening;
	a->entries++;
	if (!ww_rt_acct_is_home(a, &e->orig.src)) {
		if (ww_rt_acct_is_home(a, &e->orig.dst) ||
		    (e->has_reply && ww_rt_acct_is_home(a, &e->reply.src)))
			count_in(a, &e->orig.src, &e->orig.dst, e->proto, e->orig.dport, 0);
		else
			a->transit++;
		return;
	}
	opening = true; /* every entry was opened by its original source */
	h = count_out(a, &e->orig.src, &e->orig.dst, e->proto, e->orig.sport,
	              (e->proto == WW_PROTO_TCP || e->proto == WW_PROTO_UDP) ? e->orig.dport : 0,
	              opening, 0);
	if (!h)
		return;
	h->states[e->state < WW_CT_NSTATES ? e->state : WW_CT_OTHER]++;
	if (e->state == WW_CT_SYN_SENT)
		h->syn_sent++;
	if (e->unreplied) {
		h->unreplied++;
		h->failed++;
	} else {
		h->succeeded++;
	}
}

void ww_rt_acct_held(struct ww_rt_acct *a, const struct ww_ct_entry *e, uint32_t snap)
{
	uint8_t k[2 * ADDR_KEY + 3];
	struct ww_rt_host *h;
	if (!ww_rt_acct_is_home(a, &e->orig.src))
		return;
	addr_key(k, &e->orig.src);
	h = ww_rt_map_find(&a->hosts, k);
	if (!h)
		return;
	if (h->held_snap != snap) {
		h->held_snap = snap;
		h->held_now = 0;
	}
	h->held_now++;
	if (h->held_now > h->held)
		h->held = h->held_now;
}

void ww_rt_acct_attempt(struct ww_rt_acct *a, const struct ww_attempt *at)
{
	struct ww_rt_host *h;
	bool opening;
	a->entries++;
	if (!ww_rt_acct_is_home(a, &at->src)) {
		count_in(a, &at->src, &at->dst, at->proto, at->dport, at->ts_us);
		return;
	}
	/* TCP packets other than a SYN are not connection openings */
	opening = at->proto != WW_PROTO_TCP || at->syn;
	h = count_out(a, &at->src, &at->dst, at->proto, at->sport, at->dport, opening, at->ts_us);
	if (!h || !opening)
		return;
	if (at->outcome == WW_OUTCOME_SUCCESS)
		h->succeeded++;
	else if (at->outcome != WW_OUTCOME_PENDING)
		h->failed++;
}

void ww_rt_acct_finish(struct ww_rt_acct *a)
{
	size_t it = 0;
	const void *k;
	void *v;
	if (a->finished)
		return;
	a->finished = true;
	while (ww_rt_map_next(&a->host_port, &it, &k, &v)) {
		const uint8_t *kb = k;
		struct ww_rt_host *h = ww_rt_map_find(&a->hosts, kb);
		struct ww_rt_port p;
		uint32_t c = *(const uint32_t *)v;
		int i;
		if (!h)
			continue;
		p.proto = kb[ADDR_KEY];
		p.port = (uint16_t)(kb[ADDR_KEY + 1] << 8 | kb[ADDR_KEY + 2]);
		p.count = c;
		/* insertion into the descending top list (ties: lower port first) */
		for (i = WW_RT_TOPN - 1; i >= 0; i--) {
			const struct ww_rt_port *q = &h->top[i];
			if (q->count > c || (q->count == c && q->count && q->port < p.port))
				break;
			if (i + 1 < WW_RT_TOPN)
				h->top[i + 1] = h->top[i];
		}
		if (i + 1 < WW_RT_TOPN)
			h->top[i + 1] = p;
	}
	it = 0;
	while (ww_rt_map_next(&a->host_sport, &it, &k, &v)) {
		const uint8_t *kb = k;
		struct ww_rt_host *h = ww_rt_map_find(&a->hosts, kb);
		uint32_t c = *(const uint32_t *)v;
		if (!h || c <= h->top_sport.count)
			continue;
		h->top_sport.proto = kb[ADDR_KEY];
		h->top_sport.port = (uint16_t)(kb[ADDR_KEY + 1] << 8 | kb[ADDR_KEY + 2]);
		h->top_sport.count = c;
	}
}

void ww_rt_ct_to_attempt(const struct ww_ct_entry *e, int64_t ts_us, struct ww_attempt *at)
{
	memset(at, 0, sizeof(*at));
	at->ts_us = ts_us;
	at->src = e->orig.src;
	at->dst = e->orig.dst;
	at->proto = e->proto;
	if (e->proto == WW_PROTO_TCP || e->proto == WW_PROTO_UDP || e->proto == 132 ||
	    e->proto == 136) {
		at->sport = e->orig.sport;
		at->dport = e->orig.dport;
	}
	at->syn = e->proto == WW_PROTO_TCP;
	at->outcome = e->unreplied ? WW_OUTCOME_TIMEOUT : WW_OUTCOME_SUCCESS;
}

bool ww_rt_acct_top_host(const struct ww_rt_acct *a, struct ww_addr *x, uint32_t *entries)
{
	size_t it = 0;
	const void *k;
	void *v;
	bool any = false;
	*entries = 0;
	while (ww_rt_map_next(&a->hosts, &it, &k, &v)) {
		const struct ww_rt_host *h = v;
		if (!any || h->entries > *entries) {
			ww_rt_key_addr(x, k);
			*entries = h->entries;
			any = true;
		}
	}
	return any;
}
