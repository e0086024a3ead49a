/* The engine: turns packets and logged attempts into first-contact outcomes
 * and feeds the detectors. Where a packet becomes a first-contact outcome:
 * new_attempt() opens a pending probe, resolve() closes it with the answer,
 * expire() closes the unanswered ones as timeouts. */
#include "core/common.h"
#include "detect/detect.h"
#include "detect/params.h"
#include "state/engine_int.h"
#include "state/keys.h"

#include <stdio.h>

static void table_pressure(void *ud);

void ww_engine_config_init(struct ww_engine_config *c)
{
	memset(c, 0, sizeof(*c));
	ww_netlist_init(&c->home);
	c->probe_timeout_us = WW_PROBE_TIMEOUT_US;
	c->max_hosts = 131072;
	c->max_pending = 262144;
	c->bloom_log2_bits = 26;
	{
		const char *s = getenv("WORMWATCH_HASH_SEED");
		char *end;
		unsigned long long v;
		if (s && *s) {
			v = strtoull(s, &end, 10);
			if (!*end)
				c->hash_seed = v;
		}
	}
}

/* The hint context: its own cache lines (64-byte aligned, a whole number
 * of lines), with the home list's prefixes inside. */
static ww_rc hintctx_new(struct ww_engine *e)
{
	size_t i, n = e->cfg.home.n, size = sizeof(struct ww_hintctx) + n * sizeof(struct ww_cidr);
	struct ww_hintctx *hc;
	size = (size + 63) / 64 * 64;
	if (!(hc = aligned_alloc(64, size)))
		return WW_ERR_NOMEM;
	memset(hc, 0, size);
	hc->home = e->cfg.home;
	hc->home.v = n ? (struct ww_cidr *)(hc + 1) : NULL;
	hc->home.cap = n;
	if (n)
		memcpy(hc->home.v, e->cfg.home.v, n * sizeof(struct ww_cidr));
	hc->key = e->seen.key;
	hc->judge_all = e->cfg.judge_all;
	for (i = 0; i < n; i++) {
		const struct ww_cidr *r = &hc->home.v[i];
		uint32_t lo, span, k;
		unsigned bits;
		if (!r->v4)
			continue;
		bits = r->bits - 96u; /* prefix length in IPv4 terms */
		lo = r->v4net >> 16;
		span = bits >= 16 ? 1u : 1u << (16 - bits);
		for (k = lo; k < lo + span && k < 65536; k++) {
			hc->maybe16[k / 64] |= (uint64_t)1 << (k % 64);
			if (bits <= 16)
				hc->in16[k / 64] |= (uint64_t)1 << (k % 64);
		}
	}
	e->hc = hc;
	return WW_OK;
}

ww_rc ww_engine_new(const struct ww_engine_config *c, struct ww_engine **out)
{
	struct ww_engine *e = calloc(1, sizeof(*e));
	size_t i;
	ww_rc rc;
	if (!e)
		return WW_ERR_NOMEM;
	e->cfg = *c;
	/* the engine owns a copy of the home list; the caller keeps its own */
	if (ww_netlist_copy(&e->cfg.home, &c->home)) {
		free(e);
		return WW_ERR_NOMEM;
	}
	if (e->cfg.max_hosts > UINT32_MAX / 4 || e->cfg.max_pending > UINT32_MAX / 4) {
		ww_netlist_release(&e->cfg.home);
		free(e);
		return WW_ERR_USAGE;
	}
	if ((rc = ww_hosttab_init(&e->hosts, (uint32_t)e->cfg.max_hosts, c->hash_seed)) ||
	    (rc = ww_probetab_init(&e->probes, (uint32_t)e->cfg.max_pending, c->hash_seed)) ||
	    (rc = ww_bloom_init(&e->seen, c->bloom_log2_bits, c->hash_seed))) {
		ww_engine_free(e);
		return rc;
	}
	e->hosts.on_pressure = table_pressure;
	e->hosts.pressure_ud = e;
	if ((rc = hintctx_new(e))) {
		ww_engine_free(e);
		return rc;
	}
	/* the per-packet callbacks in arrays of their own, in table order:
	 * one load each, from the engine's own lines */
	if (ww_n_detectors > WW_MAX_DETECTORS) {
		ww_engine_free(e);
		return WW_ERR_LIMIT;
	}
	for (i = 0; i < ww_n_detectors; i++) {
		const struct ww_detector *d = ww_detectors[i];
		if (d->on_packet && d->payload_only)
			e->hooks.payload[e->hooks.n_payload++] = d->on_packet;
		else if (d->on_packet)
			e->hooks.packet[e->hooks.n_packet++] = d->on_packet;
		if (d->on_contact)
			e->hooks.contact[e->hooks.n_contact++] = d->on_contact;
		if (d->on_outcome)
			e->hooks.outcome[e->hooks.n_outcome++] = d->on_outcome;
	}
	for (i = 0; i < ww_n_detectors; i++) {
		if (ww_detectors[i]->init && (rc = ww_detectors[i]->init(e))) {
			ww_engine_free(e);
			return rc;
		}
	}
	*out = e;
	return WW_OK;
}

void ww_engine_warm(struct ww_engine *e)
{
	size_t i;
	for (i = 0; i < ww_n_detectors; i++)
		if (ww_detectors[i]->warm)
			ww_detectors[i]->warm(e);
}

void ww_engine_free(struct ww_engine *e)
{
	size_t i;
	if (!e)
		return;
	for (i = 0; i < ww_n_detectors; i++)
		if (ww_detectors[i]->release)
			ww_detectors[i]->release(e);
	ww_hosttab_release(&e->hosts);
	ww_probetab_release(&e->probes);
	ww_bloom_release(&e->seen);
	ww_netlist_release(&e->cfg.home);
	free(e->hc);
	free(e);
}

bool ww_engine_saw_private(const struct ww_engine *e) { return e->any_private; }

size_t ww_engine_hosts(const struct ww_engine *e) { return e->hosts.n; }

size_t ww_engine_hosts_where(const struct ww_engine *e,
                             bool (*keep)(const void *ud, const struct ww_addr *a), const void *ud)
{
	size_t i, n = 0;
	for (i = 0; i < e->hosts.n; i++)
		n += keep(ud, &e->hosts.hosts[i].addr);
	return n;
}

/* The first eviction (tables.c calls it): a table-pressure alert at once
 * (docs/guarantees.md). */
static void table_pressure(void *ud)
{
	struct ww_engine *e = ud;
	char why[256];
	struct ww_alert a;
	if (!e->cfg.on_alert)
		return;
	memset(&a, 0, sizeof(a));
	snprintf(why, sizeof(why), "table pressure: the host table is full (%u hosts): from now "
	         "on hosts that made one contact and nothing else are evicted to make room "
	         "(a flood of new, often spoofed, sources)", e->hosts.cap);
	a.kind = WW_ALERT_TABLE;
	a.ts_us = e->hosts.first_evict_ts;
	a.why = why;
	e->cfg.on_alert(e->cfg.alert_ud, &a);
}

struct ww_host *ww_engine_host(struct ww_engine *e, const struct ww_addr *a)
{
	return ww_hosttab_get(&e->hosts, a, e->now);
}

uint32_t ww_engine_host_index(const struct ww_engine *e, const struct ww_host *h)
{
	return (uint32_t)(h - e->hosts.hosts);
}

bool ww_seen(struct ww_engine *e, enum ww_seen_tag tag, const struct ww_addr *a,
             const struct ww_addr *b, uint16_t port, uint8_t proto, bool set)
{
	uint8_t k[4 + 16 + 1 + 16];
	size_t n = 0;
	k[n++] = ww_key_tag(tag, a);
	k[n++] = proto;
	k[n++] = (uint8_t)(port >> 8);
	k[n++] = (uint8_t)port;
	n += ww_key_addr(k + n, a);
	if (b) {
		k[n++] = b->v4;
		n += ww_key_addr(k + n, b);
	}
	return set ? ww_bloom_test_set(&e->seen, k, n) : ww_bloom_test(&e->seen, k, n);
}

static bool service_seen_h(const struct ww_engine *e, uint64_t ph, const struct ww_addr *src,
                           const struct ww_addr *dst, uint8_t proto, uint16_t port)
{
	if (!ph)
		ph = ww_pair_hash(&e->seen.key, src, dst, proto == 0);
	return ww_bloom_test_sub(&e->seen, ph, ww_svc_sub(proto, port));
}

bool ww_service_seen(const struct ww_engine *e, const struct ww_addr *src,
                     const struct ww_addr *dst, uint8_t proto, uint16_t port)
{
	return service_seen_h(e, 0, src, dst, proto, port);
}

static void probe_key(struct ww_probe_key *k, const struct ww_addr *src, const struct ww_addr *dst,
                      uint8_t proto, uint16_t dport)
{
	memcpy(k->src, src->b, 16);
	memcpy(k->dst, dst->b, 16);
	k->dport = dport;
	k->proto = proto;
	k->v4 = src->v4;
}

/* Revisits can still outweigh a host's failures (detect/scan.c wants half
 * of them revisited): past WW_REVISIT_TRACK failures with few revisits, a
 * host is no application retrying its servers, and its failures are no
 * longer remembered (a scan's thousands would cost a keyed hash each). */
static inline bool revisits_matter(const struct ww_host *h)
{
	uint32_t fails = h->scan.fail_by_kind[WW_CK_TCP] + h->scan.fail_by_kind[WW_CK_UDP];
	return fails < WW_REVISIT_TRACK || h->scan.revisit_svc * 4 >= fails;
}

/* A failed transport first contact is remembered, so that coming back to
 * it later can be told from the stack's retransmission (revisit()). */
static void remember_failure(struct ww_engine *e, const struct ww_host *h, const struct ww_probe *p)
{
	struct ww_addr dst;
	if ((p->kind != WW_CK_TCP && p->kind != WW_CK_UDP) || !revisits_matter(h))
		return;
	memcpy(dst.b, p->k.dst, 16);
	dst.v4 = p->k.v4;
	ww_seen(e, WW_SEEN_FAILSVC, &h->addr, &dst, p->k.dport, p->k.proto, true);
	if (p->k.proto == WW_PROTO_TCP && p->sport)
		ww_seen(e, WW_SEEN_FAILSP, &h->addr, &dst, p->sport, p->k.proto, true);
}

static void apply_outcome(struct ww_engine *e, struct ww_host *h, const struct ww_probe *p,
                          enum ww_outcome o, int64_t ts)
{
	size_t i;
	if (o != WW_OUTCOME_SUCCESS)
		remember_failure(e, h, p);
	for (i = 0; i < e->hooks.n_outcome; i++)
		e->hooks.outcome[i](e, h, p, o, ts);
	ww_engine_update_verdict(e, h, ts);
}

static int64_t class_timeout(const struct ww_engine *e, unsigned cls)
{
	/* ARP answers on a LAN come in microseconds; Windows asks again after 1 s */
	return cls == 1 && e->cfg.probe_timeout_us > WW_ARP_TIMEOUT_US ? WW_ARP_TIMEOUT_US
	                                                                : e->cfg.probe_timeout_us;
}

/* Close the oldest pending probe of its class with outcome o. */
static void close_oldest(struct ww_engine *e, struct ww_probe *p, enum ww_outcome o, int64_t ts)
{
	struct ww_host *h = &e->hosts.hosts[p->host];
	/* after an eviction the record may hold another host: the probe's own
	 * source address says whose it is */
	if (__builtin_expect(!e->hosts.evicted, 1) || ww_addr16_eq(h->addr.b, p->k.src))
		apply_outcome(e, h, p, o, ts);
	else
		e->hosts.orphans++;
	ww_probetab_pop(&e->probes, p->cls);
}

/* Unanswered probes older than their timeout become failures. Most
 * packets come before the next deadline and return at once: e->next_expiry
 * is never later than the oldest pending probe's deadline (an answered
 * oldest only makes it early, which costs one look). */
static void expire(struct ww_engine *e, int64_t now)
{
	unsigned cls;
	int64_t next = INT64_MAX;
	if (now < e->next_expiry)
		return;
	for (cls = 0; cls < WW_PROBE_CLASSES; cls++) {
		int64_t to = class_timeout(e, cls);
		struct ww_probe *p;
		while ((p = ww_probetab_oldest(&e->probes, cls)) && p->ts + to <= now)
			close_oldest(e, p, WW_OUTCOME_TIMEOUT, p->ts + to);
		if (p && p->ts + to < next)
			next = p->ts + to;
	}
	e->next_expiry = next;
}

/* The oldest pending probe of any class. */
static struct ww_probe *oldest_any(struct ww_engine *e)
{
	struct ww_probe *a = ww_probetab_oldest(&e->probes, 0), *b = ww_probetab_oldest(&e->probes, 1);
	if (!a)
		return b;
	if (!b)
		return a;
	return b->ts < a->ts ? b : a;
}

static enum ww_contact_kind kind_of(uint8_t proto)
{
	switch (proto) {
	case WW_PROTO_TCP:
	case WW_PROTO_SCTP: return WW_CK_TCP; /* both open with a handshake */
	case WW_PROTO_UDP: return WW_CK_UDP;
	case 0: return WW_CK_ARP;
	default: return WW_CK_ICMP;
	}
}

/* Another attempt at a service already contacted: if that service's first
 * contact failed and this is not the stack retransmitting the same
 * connection (TCP: the same source port), the host came back to it. An
 * application retries its few servers again and again; a scanner moves
 * on to new targets. */
static void revisit(struct ww_engine *e, struct ww_host *h, const struct ww_addr *dst,
                    uint8_t proto, uint16_t dport, uint16_t sport)
{
	if (!ww_seen(e, WW_SEEN_FAILSVC, &h->addr, dst, dport, proto, false))
		return;
	if (proto == WW_PROTO_TCP && ww_seen(e, WW_SEEN_FAILSP, &h->addr, dst, sport, proto, true))
		return; /* a retransmission (or this retry's own, counted once) */
	h->scan.revisit_n++;
	if (!ww_seen(e, WW_SEEN_REVISIT, &h->addr, dst, dport, proto, true))
		h->scan.revisit_svc++;
}

/* A connection attempt from judged host h. Opens a pending probe (outcome
 * PENDING) or applies a known outcome (logs, tables). Only first contacts
 * of a service reach the detectors; repeats are counted as packets. */
static void new_attempt(struct ww_engine *e, struct ww_host *h, const struct ww_addr *dst,
                        uint8_t proto, uint16_t dport, uint16_t sport, int64_t ts,
                        enum ww_outcome outcome, uint64_t ph)
{
	struct ww_probe_key k;
	struct ww_contact c;
	struct ww_probe *p;
	size_t i;
	probe_key(&k, &h->addr, dst, proto, dport);
	h->scan.probe_pkts++;
	h->scan.probe_pkts_kind[kind_of(proto)]++;
	/* one keyed hash of the pair answers both questions (pair seen? service
	 * seen?) from two blocks loaded together; ARP has a namespace of its
	 * own, so that the connection that follows an answered ARP request is
	 * still the pair's first contact */
	if (!ph) { /* not worked out (nor prefetched) ahead by ww_engine_hint */
		ph = ww_pair_hash(&e->seen.key, &h->addr, dst, proto == 0);
		ww_bloom_prefetch_sub(&e->seen, ph, 0); /* both cache misses at once */
	}
	if (ww_bloom_test_set_sub(&e->seen, ph, ww_svc_sub(proto, dport))) {
		/* this service was contacted before (or is being retried) */
		enum ww_contact_kind ck = kind_of(proto);
		if ((ck == WW_CK_TCP || ck == WW_CK_UDP) && h->scan.fail_by_kind[ck] && revisits_matter(h))
			revisit(e, h, dst, proto, dport, sport);
		return;
	}
	c.h = h;
	c.dst = *dst;
	c.proto = proto;
	c.dport = dport;
	c.kind = kind_of(proto);
	c.host_first = !ww_bloom_test_set_sub(&e->seen, ph, 0);
	c.worm = ww_is_worm_port(proto, dport);
	c.ts = ts;
	if (c.host_first && c.kind != WW_CK_ARP)
		ww_timeline_add(&h->timeline, ts);
	for (i = 0; i < e->hooks.n_contact; i++)
		e->hooks.contact[i](e, &c);
	if (outcome == WW_OUTCOME_PENDING) {
		unsigned cls = proto == 0 ? 1 : 0;
		int64_t to = class_timeout(e, cls);
		if (ww_probetab_full(&e->probes, cls)) {
			/* the oldest has waited longest: call it unanswered (a full
			 * class has one: it counts live probes) */
			e->probes.evicted++;
			close_oldest(e, ww_probetab_oldest(&e->probes, cls), WW_OUTCOME_TIMEOUT, ts);
		}
		/* expiry runs on the engine's clock, which never goes back even
		 * when a merged capture's time stamps do */
		p = ww_probetab_add(&e->probes, &k, ww_probe_hash(ph, proto, dport), ts > e->now ? ts : e->now,
		                    cls);
		if (!p)
			return;
		if (p->ts + to < e->next_expiry)
			e->next_expiry = p->ts + to;
		p->host = ww_engine_host_index(e, h);
		p->host_first = c.host_first;
		p->kind = (uint8_t)c.kind;
		p->worm = c.worm;
		p->sport = sport;
		p->svcidx = h->scan.svc & WW_SVCIDX_MASK;
		return;
	}
	{
		struct ww_probe tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.k = k;
		tmp.ts = ts;
		tmp.host = ww_engine_host_index(e, h);
		tmp.host_first = c.host_first;
		tmp.kind = (uint8_t)c.kind;
		tmp.worm = c.worm;
		tmp.sport = sport;
		tmp.svcidx = h->scan.svc & WW_SVCIDX_MASK;
		apply_outcome(e, h, &tmp, outcome, ts);
	}
}

/* An answer to judged host h from `peer`: closes the matching probe. */
static bool resolve(struct ww_engine *e, struct ww_host *h, const struct ww_addr *peer,
                    uint8_t proto, uint16_t port, enum ww_outcome o, int64_t ts, uint64_t ph)
{
	struct ww_probe_key k;
	struct ww_probe *p;
	probe_key(&k, &h->addr, peer, proto, port);
	if (!ph)
		ph = ww_pair_hash(&e->seen.key, &h->addr, peer, proto == 0);
	p = ww_probetab_take(&e->probes, proto == 0 ? 1 : 0, &k, ww_probe_hash(ph, proto, port));
	if (!p)
		return false;
	e->answered++;
	apply_outcome(e, h, p, o, ts);
	return true;
}

/* Someone outside reached judged host h first (peer-to-peer evidence, or
 * inbound probes at a victim). */
static void inbound(struct ww_engine *e, struct ww_host *h, const struct ww_addr *peer,
                    uint8_t proto, uint16_t local_port)
{
	if (ww_seen(e, WW_SEEN_INPEER, &h->addr, peer, 0, 0, true))
		return;
	h->p2p.in_peers++;
	if (proto == WW_PROTO_TCP)
		h->p2p.in_tcp++;
	else
		h->p2p.in_udp++;
	ww_topk_add(&h->p2p.in_ports, local_port);
}

/* One judged host contacting another on a worm port: remember the first
 * such contact on the target, to tell later who infected whom. */
static void worm_contact(struct ww_host *src, struct ww_host *dst, uint16_t port, int64_t ts)
{
	if (dst->ex.has_contact || ww_addr_eq(&src->addr, &dst->addr))
		return;
	dst->ex.has_contact = true;
	dst->ex.contact_from = src->addr;
	dst->ex.contact_ts = ts;
	dst->ex.contact_port = port;
}

static bool is_lan_chatter(const struct ww_addr *dst)
{
	if (ww_addr_is_multicast(dst) || ww_addr_is_broadcast(dst))
		return true;
	/* directed broadcast of a /24 (NetBIOS datagrams, Dropbox LAN sync) */
	return dst->v4 && dst->b[15] == 255;
}

static void on_tcp(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *hi,
                   struct ww_host *hs, struct ww_host *hd)
{
	uint8_t f = p->tcp_flags;
	if ((f & (WW_TH_SYN | WW_TH_ACK | WW_TH_RST)) == WW_TH_SYN) {
		if (hs) /* its style is the rest of the TCP probes (scan.c): no count here */
			new_attempt(e, hs, &p->dst, WW_PROTO_TCP, p->dport, p->sport, p->ts_us,
			            WW_OUTCOME_PENDING, hi->out);
		if (hd && !hs)
			inbound(e, hd, &p->src, WW_PROTO_TCP, p->dport);
		if (hs && hd && ww_is_worm_port(WW_PROTO_TCP, p->dport))
			worm_contact(hs, hd, p->dport, p->ts_us);
		return;
	}
	if (hs && !(f & (WW_TH_SYN | WW_TH_ACK | WW_TH_RST))) {
		/* no connection opens or goes on without SYN or ACK: a NULL, FIN
		 * or Xmas scan's probe (closed ports answer RST, open ones keep
		 * quiet; RFC 9293 3.10.7.1) */
		hs->scan.style[f == 0 ? WW_PS_NULL : f == WW_TH_FIN ? WW_PS_FIN
		               : f == (WW_TH_FIN | WW_TH_PSH | 0x20) ? WW_PS_XMAS : WW_PS_ODD]++;
		new_attempt(e, hs, &p->dst, WW_PROTO_TCP, p->dport, p->sport, p->ts_us, WW_OUTCOME_PENDING, 0);
		return;
	}
	if (hs && !hs->pkts_in && (f & (WW_TH_SYN | WW_TH_ACK | WW_TH_RST)) == WW_TH_ACK &&
	    resolve(e, hs, &p->dst, WW_PROTO_TCP, p->dport, WW_OUTCOME_SUCCESS, p->ts_us, 0)) {
		/* nothing has come back to this host in the capture, yet it
		 * acknowledges: it got the SYN-ACK, which the capture missed
		 * (one direction only) */
		e->answered_by_ack++;
		return;
	}
	if (!hd)
		return;
	if ((f & (WW_TH_SYN | WW_TH_ACK)) == (WW_TH_SYN | WW_TH_ACK)) {
		if (!resolve(e, hd, &p->src, WW_PROTO_TCP, p->sport, WW_OUTCOME_SUCCESS, p->ts_us, hi->in) &&
		    !service_seen_h(e, hi->in, &hd->addr, &p->src, WW_PROTO_TCP, p->sport)) {
			hd->p2p.synack_unsolicited++;
			e->backscatter_synack++;
		}
	} else if (f & WW_TH_RST) {
		resolve(e, hd, &p->src, WW_PROTO_TCP, p->sport, WW_OUTCOME_REFUSED, p->ts_us, hi->in);
	}
}

static void on_udp(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *hi,
                   struct ww_host *hs, struct ww_host *hd)
{
	if (hd && resolve(e, hd, &p->src, WW_PROTO_UDP, p->sport, WW_OUTCOME_SUCCESS, p->ts_us, hi->in))
		return; /* an answer */
	if (is_lan_chatter(&p->dst)) {
		e->lan_chatter++;
		if (hs)
			hs->p2p.lan_chatter++;
		return;
	}
	/* from a service port to an ephemeral one: an answer whose question
	 * was not captured (DNS, NTP, SNMP), not a probe */
	if (p->sport < 1024 && p->dport >= 1024)
		return;
	/* a DHCP server's offers and acks to its clients (RFC 2131 4.1) */
	if (p->sport == 67 && p->dport == 68)
		return;
	if (hs)
		new_attempt(e, hs, &p->dst, WW_PROTO_UDP, p->dport, p->sport, p->ts_us, WW_OUTCOME_PENDING,
		            hi->out);
	if (hd && !hs && !service_seen_h(e, hi->in, &hd->addr, &p->src, WW_PROTO_UDP, p->sport))
		inbound(e, hd, &p->src, WW_PROTO_UDP, p->dport);
	if (hs && hd && ww_is_worm_port(WW_PROTO_UDP, p->dport))
		worm_contact(hs, hd, p->dport, p->ts_us);
}

static void on_icmp(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *hi,
                    struct ww_host *hs, struct ww_host *hd)
{
	bool v6 = p->proto == WW_PROTO_ICMP6;
	uint8_t t = p->icmp_type;
	if ((!v6 && t == 8) || (v6 && t == 128)) {
		if (hs && !is_lan_chatter(&p->dst))
			new_attempt(e, hs, &p->dst, p->proto, 0, 0, p->ts_us, WW_OUTCOME_PENDING, hi->out);
		return;
	}
	if ((!v6 && t == 0) || (v6 && t == 129)) {
		if (hd)
			resolve(e, hd, &p->src, p->proto, 0, WW_OUTCOME_SUCCESS, p->ts_us, hi->in);
		return;
	}
	if (p->has_quoted && ww_engine_is_home(e, &p->quoted.src)) {
		struct ww_host *hq = ww_hosttab_find(&e->hosts, &p->quoted.src);
		bool port_unreach = (!v6 && t == 3 && p->icmp_code == 3) || (v6 && t == 1 && p->icmp_code == 4);
		uint8_t qp = p->quoted.proto;
		uint16_t qport = (qp == WW_PROTO_TCP || qp == WW_PROTO_UDP || qp == WW_PROTO_SCTP)
		                 ? p->quoted.dport : 0;
		if (hq && ((!v6 && t == 3) || (v6 && t == 1)))
			resolve(e, hq, &p->quoted.dst, qp, qport,
			        port_unreach ? WW_OUTCOME_REFUSED : WW_OUTCOME_UNREACHABLE, p->ts_us, 0);
	}
	(void)hs;
}

/* SCTP: an INIT opens an association (an INIT scan's probe); INIT ACK
 * answers it, ABORT refuses it (RFC 9260 5.1, 8.4). */
static void on_sctp(struct ww_engine *e, const struct ww_pkt *p, struct ww_host *hs, struct ww_host *hd)
{
	if (p->icmp_type == 1 && hs) {
		hs->scan.style[WW_PS_SCTP]++;
		new_attempt(e, hs, &p->dst, WW_PROTO_SCTP, p->dport, p->sport, p->ts_us, WW_OUTCOME_PENDING, 0);
	} else if (p->icmp_type == 2 && hd) {
		resolve(e, hd, &p->src, WW_PROTO_SCTP, p->sport, WW_OUTCOME_SUCCESS, p->ts_us, 0);
	} else if (p->icmp_type == 6 && hd) {
		resolve(e, hd, &p->src, WW_PROTO_SCTP, p->sport, WW_OUTCOME_REFUSED, p->ts_us, 0);
	}
}

static void on_arp(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *hi)
{
	struct ww_host *h;
	e->arp++;
	if (!e->any_private && (ww_addr_is_private(&p->arp_spa) || ww_addr_is_private(&p->arp_tpa)))
		e->any_private = true;
	if (ww_addr_is_unspecified(&p->arp_spa) || ww_addr_eq(&p->arp_spa, &p->arp_tpa))
		return; /* ARP probe or gratuitous ARP */
	if (p->arp_op == 1) {
		if (!hi->src_home || !(h = ww_engine_host(e, &p->arp_spa)))
			return;
		h->pkts_out++;
		h->last_ts = p->ts_us;
		new_attempt(e, h, &p->arp_tpa, 0, 0, 0, p->ts_us, WW_OUTCOME_PENDING, hi->out);
	} else if (p->arp_op == 2) {
		if (!hi->dst_home || !(h = ww_hosttab_find(&e->hosts, &p->arp_tpa)))
			return;
		resolve(e, h, &p->arp_spa, 0, 0, WW_OUTCOME_SUCCESS, p->ts_us, hi->in);
	}
}

static void note_time(struct ww_engine *e, int64_t ts)
{
	if (!e->first_ts)
		e->first_ts = ts;
	if (ts > e->now)
		e->now = ts;
	expire(e, e->now);
}

void ww_engine_packet(struct ww_engine *e, const struct ww_pkt *p)
{
	struct ww_hint hi;
	ww_engine_hint(e, p, &hi);
	ww_engine_packet_hinted(e, p, &hi);
}

void ww_engine_packet_hinted(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *hi)
{
	struct ww_host *hs = NULL, *hd = NULL;
	size_t i;
	e->packets++;
	note_time(e, p->ts_us);
	if (p->l3 == WW_L3_ARP) {
		on_arp(e, p, hi);
		return;
	}
	if (p->l3 != WW_L3_IP) {
		e->other++;
		return;
	}
	e->ip++;
	if (!e->any_private && (ww_addr_is_private(&p->src) || ww_addr_is_private(&p->dst)))
		e->any_private = true;
	if (hi->src_home && (hs = ww_engine_host(e, &p->src))) {
		hs->pkts_out++;
		hs->last_ts = p->ts_us;
		e->hosts.keep = hs; /* a full table keeps it while hd is looked up */
	}
	if (hi->dst_home && (hd = ww_engine_host(e, &p->dst))) {
		hd->pkts_in++;
		hd->last_ts = p->ts_us;
	}
	if (!hs && !hd)
		return;
	if (hd && !hi->src_home)
		e->from_outside++;
	if (p->fragment) {
		e->fragments++;
		return;
	}
	switch (p->proto) {
	case WW_PROTO_TCP: on_tcp(e, p, hi, hs, hd); break;
	case WW_PROTO_UDP: on_udp(e, p, hi, hs, hd); break;
	case WW_PROTO_ICMP:
	case WW_PROTO_ICMP6: on_icmp(e, p, hi, hs, hd); break;
	case WW_PROTO_SCTP: on_sctp(e, p, hs, hd); break;
	default: break;
	}
	for (i = 0; i < e->hooks.n_packet; i++)
		e->hooks.packet[i](e, p, hs, hd);
	for (i = 0; p->payload_len && i < e->hooks.n_payload; i++)
		e->hooks.payload[i](e, p, hs, hd);
	/* payload evidence decides without any outcome: re-judge at once */
	if (hs && hs->ex.sent && !hs->alert_ts)
		ww_engine_update_verdict(e, hs, p->ts_us);
	if (hd && hd->ex.sent && !hd->alert_ts)
		ww_engine_update_verdict(e, hd, p->ts_us);
}

void ww_engine_attempt(struct ww_engine *e, const struct ww_attempt *a)
{
	struct ww_host *hs = NULL, *hd = NULL;
	e->attempts++;
	note_time(e, a->ts_us);
	if (!e->any_private && (ww_addr_is_private(&a->src) || ww_addr_is_private(&a->dst)))
		e->any_private = true;
	if (ww_engine_is_home(e, &a->src) && (hs = ww_engine_host(e, &a->src))) {
		hs->pkts_out++;
		hs->last_ts = a->ts_us;
		e->hosts.keep = hs;
	}
	if (ww_engine_is_home(e, &a->dst) && (hd = ww_engine_host(e, &a->dst))) {
		hd->pkts_in++;
		hd->last_ts = a->ts_us;
	}
	if (a->proto == WW_PROTO_TCP && !a->syn)
		return; /* a logged segment of an established connection */
	if (hs && !is_lan_chatter(&a->dst))
		new_attempt(e, hs, &a->dst, a->proto,
		            a->proto == WW_PROTO_TCP || a->proto == WW_PROTO_UDP ? a->dport : 0,
		            a->proto == WW_PROTO_TCP || a->proto == WW_PROTO_UDP ? a->sport : 0,
		            a->ts_us, a->outcome, 0);
	if (hd && !hs)
		inbound(e, hd, &a->src, a->proto, a->dport);
	if (hs && hd && ww_is_worm_port(a->proto, a->dport))
		worm_contact(hs, hd, a->dport, a->ts_us);
}

void ww_engine_tick(struct ww_engine *e, int64_t now_us)
{
	if (now_us > e->now)
		e->now = now_us;
	expire(e, e->now);
}

/* What the alert took, from the tests that have fired (the one that just
 * did among them): new destinations since the scanning episode began (the
 * run test, the walk), services (vertical), local addresses (sweep). */
static uint32_t alert_attempts(const struct ww_host *h)
{
	uint32_t n = UINT32_MAX;
	if (h->scan.run_ts && h->scan.run_dsts < n)
		n = h->scan.run_dsts;
	if (h->trw.alert_ts && h->trw.alert_fc < n)
		n = h->trw.alert_fc;
	if (h->scan.valert_ts && h->scan.valert_svc < n)
		n = h->scan.valert_svc;
	if (h->scan.sweep_ts && h->scan.sweep_n < n)
		n = h->scan.sweep_n;
	if (n == UINT32_MAX)
		n = ww_host_newdst(h) ? ww_host_newdst(h) : h->scan.svc;
	return n;
}

void ww_engine_update_verdict(struct ww_engine *e, struct ww_host *h, int64_t ts)
{
	struct ww_judgement j;
	enum ww_verdict v;
	double score;
	bool upgrade;
	if (h->live_verdict == WW_VERDICT_INFECTED)
		return; /* nothing can raise it further */
	ww_judge_host(e, h, &j, false);
	v = ww_classify(h, &j, &score);
	/* alert at the first scanner-or-worse verdict, and once more when a
	 * scanner turns out to be a worm (containment waits for that) */
	upgrade = v == WW_VERDICT_INFECTED && h->alert_ts && h->live_verdict == WW_VERDICT_SCANNER;
	if ((v >= WW_VERDICT_SCANNER && !h->alert_ts) || upgrade) {
		if (!h->alert_ts) {
			h->alert_ts = ts ? ts : 1;
			h->alert_attempts = alert_attempts(h);
		}
		if (e->cfg.on_alert) {
			struct ww_alert a;
			ww_judge_host(e, h, &j, true);
			a.kind = WW_ALERT_HOST;
			a.ts_us = ts;
			a.addr = h->addr;
			a.verdict = v;
			a.score = score;
			a.attempts = upgrade ? WW_MAX(h->scan.svc, h->alert_attempts) : h->alert_attempts;
			a.why = j.why_scan[0] ? j.why_scan : (j.n_evidence ? j.evidence[0] : "");
			e->cfg.on_alert(e->cfg.alert_ud, &a);
		}
	}
	h->live_verdict = v;
}

/* End of input: what is still pending never got an answer. */
void ww_engine_finish_pending(struct ww_engine *e)
{
	struct ww_probe *p;
	while ((p = oldest_any(e))) {
		int64_t t = p->ts + class_timeout(e, p->cls);
		close_oldest(e, p, WW_OUTCOME_TIMEOUT, t < e->now ? t : (e->now > p->ts ? e->now : p->ts));
	}
}
