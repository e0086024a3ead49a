/* office: the demo capture (S1/S2). A mirror port on the switch of the
 * office LAN 192.168.0.0/24 for five minutes: two infected PCs (.23 sweeps
 * the LAN on 445/139/135; .47 scans public space on 445), a BitTorrent user
 * (.60), four normal users (.101-.104), a file server (.10) and the router
 * (.1). This file: the network, the two worms and the truth. */
#include "office.h"

enum { SWEEP_STEP_MS = 50 }; /* 20 new addresses per second */

struct gen_host *office_host(struct office *o, uint8_t last)
{
	return o->live[last];
}

void office_outside(struct gen *g, const struct office *o, struct gen_host *h, uint32_t ip)
{
	static const uint8_t hops_ttl[] = {44, 47, 49, 50, 52, 53, 55, 111, 113, 116};

	gen_host_v4(h, ip, o->gw.mac, hops_ttl[gen_rng_below(&g->rng, WW_ARRAY_LEN(hops_ttl))],
		    (uint16_t)gen_rng_next(&g->rng));
}

uint16_t office_port(struct office *o, const struct gen_host *h)
{
	uint8_t last = h->ip[3];
	bool xp = o->xp[last];
	uint16_t lo = xp ? 1025 : 49152, hi = xp ? 5000 : 65535;
	uint16_t p = o->eph[last];

	if (p < lo || p >= hi)
		p = lo;
	o->eph[last] = (uint16_t)(p + 1);
	return p;
}

void office_lan_init(struct office *o, uint32_t net)
{
	static const uint8_t gw_mac[6] = {0x00, 0x1d, 0xaa, 0xc0, 0xff, 0x01};

	memset(o, 0, sizeof(*o));
	o->net = net;
	gen_host_v4(&o->gw, net | 1, gw_mac, 64, 1);
	o->live[1] = &o->gw;
	gen_host_v4(&o->bcast, net | 255, gen_mac_broadcast, 0, 0);
}

void office_lan_host(struct office *o, struct gen *g, struct gen_host *h, uint8_t last,
		     bool xp, bool listens)
{
	uint8_t mac[6];

	gen_mac_for(mac, 0x10, last);
	gen_host_v4(h, o->net | last, mac, 128, (uint16_t)gen_rng_range(&g->rng, 300, 30000));
	o->eph[last] = (uint16_t)gen_rng_range(&g->rng, xp ? 1100 : 49500, xp ? 3000 : 60000);
	o->live[last] = h;
	o->xp[last] = xp;
	o->listens[last] = listens;
}

/* The router and the BitTorrent user's box refuse 445/139/135 (RST); the
 * Windows hosts listen. */
static void office_init(struct gen *g, struct office *o)
{
	office_lan_init(o, OFFICE_NET);
	office_lan_host(o, g, &o->fs, 10, true, true);
	office_lan_host(o, g, &o->w23, 23, true, true);
	office_lan_host(o, g, &o->w47, 47, true, true);
	office_lan_host(o, g, &o->bt, 60, false, false);
	for (uint8_t i = 0; i < 4; i++)
		office_lan_host(o, g, &o->users[i], (uint8_t)(101 + i), false, true);
}

uint64_t office_sweep(struct gen *g, struct office *o, struct gen_host *src, uint64_t t0,
		      const uint16_t *ports, size_t nports, bool descending, uint8_t mark)
{
	struct gen_pkt p;
	uint64_t at_mark = 0;

	for (unsigned k = 0; k < 254; k++) {
		unsigned last = descending ? 254 - k : k + 1;
		struct gen_host *dst = office_host(o, (uint8_t)last);
		uint64_t t = t0 + GEN_MS(k * SWEEP_STEP_MS) + gen_rng_below(&g->rng, 9000);

		if (last == mark)
			at_mark = t;
		if (last == src->ip[3])
			continue;
		if (!dst) {
			/* Nobody home: ARP who-has, retried twice, never answered;
			 * the SYN never leaves. */
			struct gen_host ghost;

			gen_host_v4(&ghost, o->net | last, gen_mac_broadcast, 0, 0);
			for (unsigned r = 0; r < 3; r++) {
				gen_pkt_arp(&p, 1, src, &ghost);
				gen_emit(g, t + GEN_MS(r * 1000), &p);
			}
			continue;
		}
		if (dst != &o->gw) {
			gen_pkt_arp(&p, 1, src, dst);
			gen_emit(g, t, &p);
			gen_pkt_arp(&p, 2, dst, src);
			gen_emit(g, t + gen_rng_range(&g->rng, 200, 900), &p);
		}
		t += GEN_MS(1);
		for (size_t i = 0; i < nports; i++) {
			struct gen_flow f;

			gen_flow_init(&f, g, src, dst, office_port(o, src), ports[i],
				      gen_rng_range(&g->rng, 150, 600));
			f.cwin = 64512;
			gen_flow_syn(g, &f, t, NULL);
			if (o->listens[last]) {
				gen_flow_synack(g, &f, t + f.rtt_us);
				gen_flow_rst(g, &f, true, t + f.rtt_us + 60);
			} else {
				gen_flow_refuse(g, &f, t + f.rtt_us);
			}
			t += GEN_MS(3) + gen_rng_below(&g->rng, 800);
		}
	}
	return at_mark;
}

/* The Windows XP retransmits stay inside the 5 minutes. */
void office_lost_syn(struct gen *g, struct gen_flow *f, uint64_t t, bool retx)
{
	gen_flow_syn(g, f, t, NULL);
	if (retx && t + GEN_US(9) < OFFICE_DURATION) {
		gen_flow_syn(g, f, t + GEN_US(3), NULL);
		gen_flow_syn(g, f, t + GEN_US(9), NULL);
	}
}

static void worm23(struct gen *g, struct office *o)
{
	static const uint16_t ports[] = {445, 139, 135};
	uint64_t t;

	for (unsigned pass = 0; pass < 3; pass++)
		office_sweep(g, o, &o->w23, GEN_US(10 + pass * 100), ports, WW_ARRAY_LEN(ports),
			     false, 0);
	/* A few SYNs to random public addresses on 445, via the router. */
	for (t = GEN_US(6); t < OFFICE_DURATION - GEN_US(10);
	     t += gen_rng_range(&g->rng, 7000000, 15000000)) {
		struct gen_host dst;
		struct gen_flow f;

		office_outside(g, o, &dst, gen_rng_public_ipv4(&g->rng));
		gen_flow_init(&f, g, &o->w23, &dst, office_port(o, &o->w23), 445, 100000);
		f.cwin = 64512;
		office_lost_syn(g, &f, t, true);
	}
}

/* .47: ~50 new public addresses a second, mostly 445; 95% unanswered (some
 * retransmitted), 3% RST, 2% ICMP unreachable from the router. */
static void worm47(struct gen *g, struct office *o)
{
	struct gen_addrperm perm;
	struct gen_pkt p, syn;
	uint64_t t;

	gen_addrperm_init(&perm, &g->rng);
	gen_pkt_arp(&p, 1, &o->w47, &o->gw);
	gen_emit(g, GEN_MS(700), &p);
	gen_pkt_arp(&p, 2, &o->gw, &o->w47);
	gen_emit(g, GEN_MS(700) + 410, &p);
	for (t = GEN_MS(800); t < OFFICE_DURATION - GEN_MS(300);
	     t += gen_rng_range(&g->rng, 8000, 32000)) {
		struct gen_host dst;
		struct gen_flow f;
		uint32_t ip, r = gen_rng_below(&g->rng, 100);
		uint16_t port = r < 86 ? 445 : r < 93 ? 139 : 135;

		if (!gen_addrperm_next(&perm, &ip))
			break;
		office_outside(g, o, &dst, ip);
		gen_flow_init(&f, g, &o->w47, &dst, office_port(o, &o->w47), port,
			      gen_rng_range(&g->rng, 40000, 260000));
		f.cwin = 64512;
		r = gen_rng_below(&g->rng, 1000);
		if (r < 950) {
			office_lost_syn(g, &f, t, gen_rng_chance(&g->rng, 350));
		} else if (r < 980) {
			gen_flow_syn(g, &f, t, NULL);
			gen_flow_refuse(g, &f, t + f.rtt_us);
		} else {
			uint8_t code = gen_rng_chance(&g->rng, 750) ? 1 : 13;

			gen_flow_syn(g, &f, t, &syn);
			gen_pkt_unreach(&p, &o->gw, &o->w47, code, &syn);
			gen_emit(g, t + gen_rng_range(&g->rng, 2000, 40000), &p);
		}
	}
}

ww_rc gen_scn_office(struct gen *g, FILE *truth)
{
	static const struct {
		const char *addr, *expect, *what;
	} rows[] = {
		{"192.168.0.1", "normal", "router, DNS forwarder, answers ARP"},
		{"192.168.0.10", "normal", "Windows file server (445/139/135), SMB share"},
		{"192.168.0.23", "infected",
		 "Gaobot-like: ascending sweep of 192.168.0.0/24 on 445/139/135, 20 addr/s"},
		{"192.168.0.47", "infected",
		 "Gaobot/Sasser-like: SYNs to ~50 new public addresses/s on 445/139/135"},
		{"192.168.0.60", "p2p", "BitTorrent on 6881: 40 inbound, ~150 outbound, DHT"},
		{"192.168.0.101", "normal", "DNS then HTTP/HTTPS; maps a share on .10"},
		{"192.168.0.102", "normal", "DNS then HTTP/HTTPS"},
		{"192.168.0.103", "normal", "DNS then HTTP/HTTPS; pings"},
		{"192.168.0.104", "normal", "DNS then HTTP/HTTPS"},
	};
	struct office *o = ww_calloc(1, sizeof(*o));
	ww_rc rc = WW_OK;

	if (!o) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	office_init(g, o);
	worm23(g, o);
	worm47(g, o);
	office_p2p(g, o);
	office_users(g, o);
	office_chatter(g, o);
	free(o);
	for (size_t i = 0; i < WW_ARRAY_LEN(rows) && !rc; i++)
		rc = gen_truth_row(truth, rows[i].addr, rows[i].expect, rows[i].what);
	return rc;
}
