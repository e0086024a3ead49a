/* Working a packet out ahead of processing: which sides are judged and the
 * keyed pair hashes the engine will need (ww_engine_hint, or its halves
 * _sides on the reader's thread and _hashes on the engine's), and starting
 * the loads of the seen-filter blocks and probe-index buckets they point
 * at (ww_engine_prefetch). Processing a packet costs a few cache misses at
 * random places in megabytes of tables; issued some packets ahead, the
 * misses of consecutive packets overlap instead of queueing. */
#include "core/common.h"
#include "state/keys.h"

/* ww_home_test through the 16-bit tables for IPv4. */
static inline bool hint_home(const struct ww_hintctx *c, const struct ww_addr *a)
{
	if (a->v4 && !c->judge_all) {
		unsigned k = (unsigned)a->b[12] << 8 | a->b[13];
		if (c->in16[k / 64] >> (k % 64) & 1)
			return true;
		if (!(c->maybe16[k / 64] >> (k % 64) & 1))
			return false;
	}
	return ww_home_test(&c->home, c->judge_all, a);
}

void ww_engine_hint_sides(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h)
{
	const struct ww_hintctx *c = e->hc; /* nothing else of the engine is read */
	memset(h, 0, sizeof(*h));
	if (p->l3 == WW_L3_ARP) {
		h->src_home = hint_home(c, &p->arp_spa);
		h->dst_home = hint_home(c, &p->arp_tpa);
		h->want_out = p->arp_op == 1 && h->src_home;
		h->want_in = p->arp_op == 2 && h->dst_home;
		return;
	}
	if (p->l3 != WW_L3_IP)
		return;
	h->src_home = hint_home(c, &p->src);
	h->dst_home = hint_home(c, &p->dst);
	if (p->fragment)
		return;
	/* only the packets that will look a pair up: openings one way,
	 * answers the other (an established stream needs neither) */
	switch (p->proto) {
	case WW_PROTO_TCP: {
		uint8_t f = p->tcp_flags & (WW_TH_SYN | WW_TH_ACK | WW_TH_RST);
		h->want_out = f == WW_TH_SYN;
		h->want_in = f == (WW_TH_SYN | WW_TH_ACK) || (f & WW_TH_RST);
		break;
	}
	case WW_PROTO_UDP: h->want_out = h->want_in = true; break;
	case WW_PROTO_ICMP:
		h->want_out = p->icmp_type == 8;
		h->want_in = p->icmp_type == 0;
		break;
	case WW_PROTO_ICMP6:
		h->want_out = p->icmp_type == 128;
		h->want_in = p->icmp_type == 129;
		break;
	default: break;
	}
	h->want_out = h->want_out && h->src_home;
	h->want_in = h->want_in && h->dst_home;
	/* the first contact's hash here: it balances the two threads' work */
	if (h->want_out)
		h->out = ww_pair_hash(&c->key, &p->src, &p->dst, false);
}

void ww_engine_hint_hashes(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h)
{
	const struct ww_sipkey *k = &e->hc->key;
	bool arp = p->l3 == WW_L3_ARP;
	if (h->want_out && !h->out)
		h->out = arp ? ww_pair_hash(k, &p->arp_spa, &p->arp_tpa, true)
		             : ww_pair_hash(k, &p->src, &p->dst, false);
	if (h->want_in)
		h->in = arp ? ww_pair_hash(k, &p->arp_tpa, &p->arp_spa, true)
		            : ww_pair_hash(k, &p->dst, &p->src, false);
}

void ww_engine_hint(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h)
{
	ww_engine_hint_sides(e, p, h);
	ww_engine_hint_hashes(e, p, h);
}

void ww_engine_prefetch(const struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *h)
{
	bool arp = p->l3 == WW_L3_ARP;
	uint8_t proto = arp ? 0 : p->proto;
	bool ports = proto == WW_PROTO_TCP || proto == WW_PROTO_UDP;
	if (h->src_home)
		ww_hosttab_prefetch(&e->hosts, arp ? &p->arp_spa : &p->src);
	if (h->dst_home)
		ww_hosttab_prefetch(&e->hosts, arp ? &p->arp_tpa : &p->dst);
	if (h->out) {
		/* both filter blocks, and the index bucket a new probe goes into */
		const struct ww_probering *r = &e->probes.ring[arp ? 1 : 0];
		uint64_t ph = ww_probe_hash(h->out, proto, ports ? p->dport : 0);
		ww_bloom_prefetch_sub(&e->seen, h->out, ww_svc_sub(proto, ports ? p->dport : 0));
		ww_bloom_prefetch_sub(&e->seen, h->out, 0);
		__builtin_prefetch(&r->buckets[ph & r->bmask], 1, 1);
	}
	if (h->in) {
		const struct ww_probering *r = &e->probes.ring[arp ? 1 : 0];
		uint64_t ph = ww_probe_hash(h->in, proto, ports ? p->sport : 0);
		__builtin_prefetch(&r->buckets[ph & r->bmask], 0, 1);
	}
}
