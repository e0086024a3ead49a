/* Small scenarios for golden tests: portscan (a vertical SYN scan),
 * sweep6 (an IPv6 sweep beside a normal IPv6 host) and hscan (a horizontal
 * scan on a port no worm uses, beside a browsing PC). */
#include "gen.h"

enum { SCAN_PORTS = 1000 };

/* portscan: 10.9.0.5 runs an nmap -sS-like scan of 10.9.0.20 on 1000 ports
 * in random order; closed ports answer RST-ACK, open ones SYN-ACK and the
 * scanner's kernel resets them. */
ww_rc gen_scn_portscan(struct gen *g, FILE *truth)
{
	static const uint16_t open_ports[] = {22, 25, 80, 443};
	uint16_t ports[1024];
	size_t nports = 0;
	struct gen_host scanner, target;
	uint8_t mac[6];
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 33000, 65000);
	uint64_t t = GEN_MS(200);
	struct gen_pkt p;
	ww_rc rc;

	gen_mac_for(mac, 0x20, 5);
	gen_host_v4(&scanner, 0x0a090005, mac, (uint8_t)gen_rng_range(&g->rng, 37, 59),
		    (uint16_t)gen_rng_next(&g->rng));
	gen_mac_for(mac, 0x20, 20);
	gen_host_v4(&target, 0x0a090014, mac, 64, (uint16_t)gen_rng_next(&g->rng));

	/* Ports 1..1024, shuffled; the first 1000 that keep every open port. */
	for (uint16_t i = 1; i <= 1024; i++)
		ports[nports++] = i;
	for (size_t i = nports - 1; i > 0; i--) {
		size_t j = gen_rng_below(&g->rng, (uint32_t)(i + 1));
		uint16_t tmp = ports[i];

		ports[i] = ports[j];
		ports[j] = tmp;
	}
	for (size_t i = SCAN_PORTS; i < nports; i++) {
		for (size_t k = 0; k < WW_ARRAY_LEN(open_ports); k++) {
			if (ports[i] == open_ports[k]) {
				/* swap into the scanned part, over a closed port */
				size_t j = gen_rng_below(&g->rng, SCAN_PORTS);

				while (ports[j] == 22 || ports[j] == 25 || ports[j] == 80 ||
				       ports[j] == 443)
					j = (j + 1) % SCAN_PORTS;
				ports[j] = ports[i];
			}
		}
	}

	gen_pkt_arp(&p, 1, &scanner, &target);
	gen_emit(g, t, &p);
	gen_pkt_arp(&p, 2, &target, &scanner);
	gen_emit(g, t + 310, &p);
	t += GEN_MS(2);
	for (size_t i = 0; i < SCAN_PORTS; i++) {
		struct gen_flow f;
		bool open = false;

		for (size_t k = 0; k < WW_ARRAY_LEN(open_ports); k++)
			open |= ports[i] == open_ports[k];
		gen_flow_init(&f, g, &scanner, &target, sport, ports[i],
			      gen_rng_range(&g->rng, 90, 400));
		f.cwin = 1024;
		gen_flow_syn(g, &f, t, NULL);
		if (open) {
			gen_flow_synack(g, &f, t + f.rtt_us);
			gen_flow_rst(g, &f, true, t + f.rtt_us + 40);
		} else {
			gen_flow_refuse(g, &f, t + f.rtt_us);
		}
		t += gen_rng_range(&g->rng, 150, 900);
	}
	rc = gen_truth_row(truth, "10.9.0.5", "scanner", "SYN scan of 1000 ports of 10.9.0.20");
	if (!rc)
		rc = gen_truth_row(truth, "10.9.0.20", "normal", "scanned host, 4 ports open");
	return rc;
}

static void v6addr(uint8_t ip[16], uint16_t net, uint16_t low)
{
	static const uint8_t base[16] = {0x20, 0x01, 0x0d, 0xb8};

	memcpy(ip, base, 16);
	ip[4] = (uint8_t)(net >> 8);
	ip[5] = (uint8_t)net;
	ip[14] = (uint8_t)(low >> 8);
	ip[15] = (uint8_t)low;
}

/* sweep6: on 2001:db8:1::/64, ::23 sends SYNs to 445 on ::100 .. ::1c7
 * (200 addresses, some with a Hop-by-Hop header), none answered, a third
 * retransmitted after 3 s; ::50 browses ::10 and 2001:db8:ff::80 normally
 * and pings the router ::1. */
ww_rc gen_scn_sweep6(struct gen *g, FILE *truth)
{
	struct gen_host router, sweeper, user, server, remote;
	uint8_t ip[16], mac[6], rmac[6];
	uint16_t sport = 49700;
	uint64_t t = GEN_MS(500);
	struct gen_pkt p;
	ww_rc rc;

	gen_mac_for(rmac, 0x61, 1);
	v6addr(ip, 1, 1);
	gen_host_v6(&router, ip, rmac, 64);
	v6addr(ip, 1, 0x23);
	gen_mac_for(mac, 0x61, 0x23);
	gen_host_v6(&sweeper, ip, mac, 128);
	v6addr(ip, 1, 0x50);
	gen_mac_for(mac, 0x61, 0x50);
	gen_host_v6(&user, ip, mac, 128);
	v6addr(ip, 1, 0x10);
	gen_mac_for(mac, 0x61, 0x10);
	gen_host_v6(&server, ip, mac, 128);
	v6addr(ip, 0xff, 0x80);
	gen_host_v6(&remote, ip, rmac, 57);

	for (uint16_t i = 0; i < 200; i++) {
		struct gen_host dst;
		struct gen_flow f;

		v6addr(ip, 1, (uint16_t)(0x100 + i));
		gen_mac_for(mac, 0x62, (uint32_t)(0x100 + i));
		gen_host_v6(&dst, ip, mac, 128);
		gen_flow_init(&f, g, &sweeper, &dst, sport++, 445, 1000);
		f.cwin = 8192;
		f.hbh = i % 4 == 1;
		gen_flow_syn(g, &f, t, NULL);
		if (i % 3 == 0) {
			gen_flow_syn(g, &f, t + GEN_US(3), NULL);
			gen_flow_syn(g, &f, t + GEN_US(9), NULL);
		}
		t += gen_rng_range(&g->rng, 30000, 70000);
	}

	/* The normal host: pings the router, then a few answered sessions. */
	t = GEN_MS(300);
	for (uint16_t s = 1; s <= 4; s++) {
		gen_pkt_echo(&p, &user, &router, false, 1, s, 32);
		gen_emit(g, t, &p);
		gen_pkt_echo(&p, &router, &user, true, 1, s, 32);
		gen_emit(g, t + 400, &p);
		t += GEN_US(1);
	}
	for (unsigned s = 0; s < 12; s++) {
		struct gen_flow f;
		bool lan = s % 2 == 0;

		gen_flow_init(&f, g, &user, lan ? &server : &remote, (uint16_t)(50100 + s),
			      lan ? 443 : 80, lan ? 350 : gen_rng_range(&g->rng, 20000, 60000));
		t = gen_flow_open(g, &f, t);
		t = gen_flow_send(g, &f, true, NULL, gen_rng_range(&g->rng, 200, 700), t + 200);
		t = gen_flow_send(g, &f, false, NULL, gen_rng_range(&g->rng, 1000, 12000),
				  t + 300);
		t = gen_flow_close(g, &f, true, t + GEN_MS(50));
		t += gen_rng_range(&g->rng, 200000, 900000);
	}
	rc = gen_truth_row(truth, "2001:db8:1::23", "infected",
			   "SYN sweep of 200 addresses of 2001:db8:1::/64 on 445, unanswered");
	if (!rc)
		rc = gen_truth_row(truth, "2001:db8:1::50", "normal",
				   "pings the router, answered HTTP/HTTPS sessions");
	return rc;
}

/* hscan: 10.9.0.7 sweeps TCP 8443 (web admin panels) across 3,000 random
 * public addresses at about 100 a second (a masscan/zmap-like horizontal
 * scan, on a port no worm of the list uses); 2% answer SYN-ACK (the scanner resets), 8%
 * refuse, the rest stay silent. Beside it 10.9.0.8 browses: 25 answered
 * HTTPS sessions to public servers over five minutes. */
ww_rc gen_scn_hscan(struct gen *g, FILE *truth)
{
	struct gen_host scanner, user;
	uint8_t mac[6], gwmac[6];
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 40000, 60000);
	uint64_t t = GEN_MS(400);
	ww_rc rc;

	gen_mac_for(gwmac, 0x63, 1);
	gen_mac_for(mac, 0x63, 7);
	gen_host_v4(&scanner, 0x0a090007, mac, 64, (uint16_t)gen_rng_next(&g->rng));
	gen_mac_for(mac, 0x63, 8);
	gen_host_v4(&user, 0x0a090008, mac, 128, (uint16_t)gen_rng_next(&g->rng));

	for (unsigned i = 0; i < 3000; i++) {
		struct gen_host dst;
		struct gen_flow f;
		unsigned fate = gen_rng_below(&g->rng, 100);

		gen_host_v4(&dst, gen_rng_public_ipv4(&g->rng), gwmac,
			    (uint8_t)gen_rng_range(&g->rng, 40, 120), (uint16_t)gen_rng_next(&g->rng));
		gen_flow_init(&f, g, &scanner, &dst, sport, 8443, gen_rng_range(&g->rng, 20000, 200000));
		f.cwin = 1024;
		gen_flow_syn(g, &f, t, NULL);
		if (fate < 2) {
			gen_flow_synack(g, &f, t + f.rtt_us);
			gen_flow_rst(g, &f, true, t + f.rtt_us + 30);
		} else if (fate < 10) {
			gen_flow_refuse(g, &f, t + f.rtt_us);
		}
		t += gen_rng_range(&g->rng, 7000, 13000);
	}

	t = GEN_MS(900);
	for (unsigned s = 0; s < 25; s++) {
		struct gen_host server;
		struct gen_flow f;

		gen_host_v4(&server, gen_rng_public_ipv4(&g->rng), gwmac,
			    (uint8_t)gen_rng_range(&g->rng, 40, 120), (uint16_t)gen_rng_next(&g->rng));
		gen_flow_init(&f, g, &user, &server, (uint16_t)(51000 + s), 443,
			      gen_rng_range(&g->rng, 15000, 90000));
		t = gen_flow_open(g, &f, t);
		t = gen_flow_send(g, &f, true, NULL, gen_rng_range(&g->rng, 300, 900), t + 200);
		t = gen_flow_send(g, &f, false, NULL, gen_rng_range(&g->rng, 2000, 30000), t + 300);
		t = gen_flow_close(g, &f, true, t + GEN_MS(80));
		t += gen_rng_range(&g->rng, 5000000, 15000000);
	}
	rc = gen_truth_row(truth, "10.9.0.7", "scanner",
			   "horizontal SYN scan of 3,000 public addresses on 8443, ~100/s");
	if (!rc)
		rc = gen_truth_row(truth, "10.9.0.8", "normal", "25 answered HTTPS sessions");
	return rc;
}
