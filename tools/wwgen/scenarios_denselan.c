/* denselan-fast and denselan-slow: a Windows LAN 192.168.20.0/24 where
 * most PCs have file sharing on, and one infected PC sweeping it in
 * address order on 445 and 139. The answered probes are what makes this
 * LAN hard for a sequential test: most first contacts succeed.
 *
 * About 70% of .3-.254 hold a PC; 80% of the PCs answer 445 and 139 with
 * SYN-ACK, 15% have a firewall that drops (the worm's SYN is retransmitted
 * after 3 s and another 6 s, as Windows does), 5% refuse with RST/ACK
 * (printers, Linux boxes). The worm 192.168.20.77 browses for a few
 * seconds, then from 09:00:12 sweeps .1-.254 in ascending order: it ARPs
 * for each address it has no entry for (three requests 1 s apart, no SYN,
 * when nobody answers), then SYN to 445 and 139 from consecutive ports;
 * where 445 answers it sends an SMB1 NEGOTIATE and closes, where 139
 * answers it closes at once. After the LAN it SYNs random public
 * addresses on 445 at the same rate. fast: 50-80 new addresses a second;
 * slow: about 5.
 *
 * Background: the router .1 (DNS), file servers .5-.7, an SMB client .30
 * with sessions to all three, a busy web client .31, two more browsing
 * users .32-.33, a DHCP server .2 (renewals and four devices joining), a
 * softphone .40 whose STUN Binding Requests go unanswered, and LAN
 * chatter of every PC. */
#include "office.h"

#define DENSE_NET 0xc0a81400u /* 192.168.20.0/24 */
#define DENSE_DURATION GEN_US(300)

enum { PC_NONE, PC_SHARE, PC_FIREWALL, PC_REFUSE };
enum { W_LAST = 77, DHCP_LAST = 2, SMBC_LAST = 30, WEB_LAST = 31, STUN_LAST = 40 };

struct dense {
	struct office lan;
	struct gen_host pc[256];
	uint8_t kind[256];
	bool arp_known[256];      /* in the worm's ARP cache before the sweep */
};

static bool reserved_last(unsigned last)
{
	return last <= 7 || last == W_LAST || (last >= SMBC_LAST && last <= 33) ||
	       last == STUN_LAST;
}

static void dense_init(struct gen *g, struct dense *d)
{
	office_lan_init(&d->lan, DENSE_NET);
	d->kind[1] = PC_REFUSE;
	for (unsigned last = 2; last <= 254; last++) {
		uint32_t r;

		if (reserved_last(last)) {
			if (last >= 2 && last != 3 && last != 4) {
				d->kind[last] = PC_SHARE;
				office_lan_host(&d->lan, g, &d->pc[last], (uint8_t)last,
						last == W_LAST, true);
			}
			continue;
		}
		if (last >= 240 && last <= 243)
			continue;                    /* left free for DHCP to hand out */
		if (!gen_rng_chance(&g->rng, 700))
			continue;
		r = gen_rng_below(&g->rng, 100);
		d->kind[last] = r < 80 ? PC_SHARE : r < 95 ? PC_FIREWALL : PC_REFUSE;
		office_lan_host(&d->lan, g, &d->pc[last], (uint8_t)last, false,
				d->kind[last] == PC_SHARE);
	}
}

/* SMB1 NEGOTIATE ("NT LM 0.12") and its answer on an open flow. */
static uint64_t smb1_negotiate(struct gen *g, struct gen_flow *f, uint64_t t)
{
	static const uint8_t dialect[] = "\x02NT LM 0.12";
	struct gen_smb1_hdr h = {.cmd = 0x72, .pid = 0xfeff, .mid = 1};
	uint8_t req[256], resp[256], w[34];
	size_t rl, pl;

	rl = gen_smb1(req, sizeof(req), &h, NULL, 0, dialect, sizeof(dialect));
	h.resp = true;
	memset(w, 0, sizeof(w));
	w[2] = 0x03, w[3] = 50, w[5] = 1;
	pl = gen_smb1(resp, sizeof(resp), &h, w, 17, g->filler + 200, 16);
	t = gen_flow_send(g, f, true, req, rl, t + 150);
	return gen_flow_send(g, f, false, resp, pl, t + gen_rng_range(&g->rng, 200, 900));
}

/* One probe of the worm to dst:port at t; kind says how dst answers. */
static void probe(struct gen *g, struct dense *d, struct gen_host *w, struct gen_host *dst,
		  uint8_t kind, uint16_t port, uint64_t t, uint64_t end)
{
	struct gen_flow f;

	gen_flow_init(&f, g, w, dst, office_port(&d->lan, w), port,
		      gen_rng_range(&g->rng, 150, 600));
	f.cwin = 64512;
	switch (kind) {
	case PC_SHARE:
		t = gen_flow_open(g, &f, t);
		if (port == 445)
			t = smb1_negotiate(g, &f, t);
		gen_flow_close(g, &f, true, t + gen_rng_range(&g->rng, 300, 3000));
		break;
	case PC_FIREWALL:
		office_lost_syn(g, &f, t, t + GEN_US(9) < end);
		break;
	default:
		gen_flow_syn(g, &f, t, NULL);
		gen_flow_refuse(g, &f, t + f.rtt_us);
		break;
	}
}

/* The sweep: .1-.254 ascending from t0, step_us apart (with jitter), then
 * random public addresses on 445 at the same pace until the end. */
static void worm(struct gen *g, struct dense *d, uint64_t t0, uint32_t step_lo,
		 uint32_t step_hi)
{
	struct gen_host *w = &d->pc[W_LAST];
	struct gen_addrperm perm;
	struct gen_pkt p;
	uint64_t t = t0;
	char addr[32];

	snprintf(addr, sizeof(addr), "192.168.20.%u", W_LAST);
	for (unsigned last = 1; last <= 254; last++) {
		struct gen_host *dst = office_host(&d->lan, (uint8_t)last);

		if (last != W_LAST) {
			if (!dst) {
				struct gen_host ghost;

				gen_host_v4(&ghost, d->lan.net | last, gen_mac_broadcast, 0, 0);
				for (unsigned r = 0; r < 3; r++) {
					gen_pkt_arp(&p, 1, w, &ghost);
					gen_emit(g, t + GEN_MS(r * 1000), &p);
				}
			} else {
				uint64_t s = t;

				if (!d->arp_known[last]) {
					gen_pkt_arp(&p, 1, w, dst);
					gen_emit(g, t, &p);
					gen_pkt_arp(&p, 2, dst, w);
					gen_emit(g, t + gen_rng_range(&g->rng, 200, 900), &p);
					s += GEN_MS(1);
				}
				if (last == 1)
					gen_mark(g, "first_scan", addr);
				probe(g, d, w, dst, d->kind[last], 445, s, DENSE_DURATION);
				probe(g, d, w, dst, d->kind[last], 139,
				      s + gen_rng_range(&g->rng, 1000, 4000), DENSE_DURATION);
			}
		}
		t += gen_rng_range(&g->rng, step_lo, step_hi);
	}
	gen_addrperm_init(&perm, &g->rng);
	for (; t < DENSE_DURATION - GEN_MS(100); t += gen_rng_range(&g->rng, step_lo, step_hi)) {
		struct gen_host dst;
		struct gen_flow f;
		uint32_t ip;

		if (!gen_addrperm_next(&perm, &ip))
			break;
		office_outside(g, &d->lan, &dst, ip);
		gen_flow_init(&f, g, w, &dst, office_port(&d->lan, w), 445, 100000);
		f.cwin = 64512;
		office_lost_syn(g, &f, t, gen_rng_chance(&g->rng, 400));
	}
}

/* The worm PC before the infection shows: a few page loads. */
static void worm_before(struct gen *g, struct dense *d)
{
	office_page_load(g, &d->lan, &d->pc[W_LAST], 0, GEN_MS(1200));
	office_page_load(g, &d->lan, &d->pc[W_LAST], 1, GEN_MS(6400));
	d->arp_known[1] = true;
}

static ww_rc dense_run(struct gen *g, FILE *truth, bool fast)
{
	static const uint8_t new_last[] = {240, 241, 242, 243};
	static const struct {
		const char *addr, *expect, *what;
	} rows[] = {
		{"192.168.20.1", "normal", "router, DNS forwarder; refuses 445/139"},
		{"192.168.20.2", "normal", "Windows DHCP server: renewals, four devices joining"},
		{"192.168.20.5", "normal", "file server"},
		{"192.168.20.6", "normal", "file server"},
		{"192.168.20.7", "normal", "file server"},
		{"192.168.20.30", "normal", "SMB2 sessions to the three file servers"},
		{"192.168.20.31", "normal", "busy web client: a page load every 1-4 s"},
		{"192.168.20.32", "normal", "DNS then HTTP/HTTPS"},
		{"192.168.20.33", "normal", "DNS then HTTP/HTTPS"},
		{"192.168.20.40", "normal", "softphone: 4 STUN Binding Requests to 3478, unanswered"},
	};
	struct dense *d = ww_calloc(1, sizeof(*d));
	struct gen_host *renew[6];
	size_t nrenew = 0;
	uint32_t lo, hi;
	ww_rc rc = WW_OK;
	uint64_t t;

	if (!d) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	dense_init(g, d);
	worm_before(g, d);
	if (fast) {
		/* 50-80 new addresses a second: a mean step of 12.5-20 ms */
		uint32_t mean = gen_rng_range(&g->rng, 12500, 20000);

		lo = mean - 3000, hi = mean + 3000;
	} else {
		lo = 170000, hi = 230000;
	}
	worm(g, d, GEN_US(12) + gen_rng_below(&g->rng, 300000), lo, hi);

	/* background */
	for (unsigned s = 5; s <= 7; s++)
		bg_smb2_session(g, &d->lan, &d->pc[SMBC_LAST], &d->pc[s], 6,
				GEN_US(3 + 20 * (s - 5)) + gen_rng_below(&g->rng, 2000000));
	for (t = GEN_MS(500); t < DENSE_DURATION - GEN_US(10);
	     t += gen_rng_range(&g->rng, 1000000, 4000000))
		office_page_load(g, &d->lan, &d->pc[WEB_LAST], 0, t);
	for (unsigned i = 0; i < 2; i++) {
		unsigned nth = 0;

		for (t = GEN_MS(1500 + 900 * i); t < DENSE_DURATION - GEN_US(15);
		     t += gen_rng_range(&g->rng, 4000000, 25000000))
			office_page_load(g, &d->lan, &d->pc[32 + i], nth++, t);
	}
	for (unsigned last = 100; last <= 254 && nrenew < WW_ARRAY_LEN(renew); last += 23)
		if (d->kind[last] != PC_NONE)
			renew[nrenew++] = &d->pc[last];
	bg_dhcp_server(g, &d->lan, &d->pc[DHCP_LAST], renew, nrenew, new_last,
		       WW_ARRAY_LEN(new_last), GEN_US(2), DENSE_DURATION);
	bg_stun_client(g, &d->lan, &d->pc[STUN_LAST], GEN_US(25) + gen_rng_below(&g->rng, 5000000));
	for (unsigned last = 2; last <= 254; last++)
		if (d->kind[last] != PC_NONE)
			office_chatter_host(g, &d->lan, &d->pc[last], last >= 30 && last <= 40);

	rc = gen_truth_row(truth, "192.168.20.77", "infected",
			   fast ? "sweeps 192.168.20.1-.254 in order on 445 then 139, 50-80 "
				  "addr/s; most PCs answer 445"
				: "sweeps 192.168.20.1-.254 in order on 445 then 139, ~5 addr/s; "
				  "most PCs answer 445");
	for (size_t i = 0; i < WW_ARRAY_LEN(rows) && !rc; i++)
		rc = gen_truth_row(truth, rows[i].addr, rows[i].expect, rows[i].what);
	free(d);
	return rc;
}

ww_rc gen_scn_denselan_fast(struct gen *g, FILE *truth)
{
	return dense_run(g, truth, true);
}

ww_rc gen_scn_denselan_slow(struct gen *g, FILE *truth)
{
	return dense_run(g, truth, false);
}
