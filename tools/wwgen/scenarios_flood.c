/* flood: a spoofed-source SYN flood that fills the host table, then a worm
 * (issue 14 point 1: a full table must not blind the detector).
 *
 * 200,000 SYNs in 4 s, each from a different spoofed source of the home
 * range (10.50.0.1 and up, one SYN each, never answered) to the web server
 * 10.9.0.80:80; then 10.9.0.23 sweeps 300 addresses of 10.9.1.0/23 on 445
 * (a tenth refused, the rest silent) at about 100 a second, and 10.9.0.8
 * browses the server (answered sessions) before and after the flood. */
#include "gen.h"

enum { FLOOD_SOURCES = 200000, WORM_TARGETS = 300 };

ww_rc gen_scn_flood(struct gen *g, FILE *truth)
{
	struct gen_host server, worm, user, spoof;
	uint8_t mac[6], smac[6];
	uint64_t t = GEN_MS(100);
	ww_rc rc;

	gen_mac_for(smac, 0x70, 80);
	gen_host_v4(&server, 0x0a090050, smac, 64, (uint16_t)gen_rng_next(&g->rng));
	gen_mac_for(mac, 0x70, 23);
	gen_host_v4(&worm, 0x0a090017, mac, 128, (uint16_t)gen_rng_next(&g->rng));
	gen_mac_for(mac, 0x70, 8);
	gen_host_v4(&user, 0x0a090008, mac, 128, (uint16_t)gen_rng_next(&g->rng));

	/* an ordinary session first */
	{
		struct gen_flow f;
		gen_flow_init(&f, g, &user, &server, 51000, 80, 400);
		t = gen_flow_open(g, &f, t);
		t = gen_flow_send(g, &f, true, NULL, 400, t + 200);
		t = gen_flow_send(g, &f, false, NULL, 6000, t + 300);
		t = gen_flow_close(g, &f, true, t + GEN_MS(20));
	}
	t += GEN_MS(100);
	/* the flood: 200,000 sources in 4 s (one every 20 us) */
	gen_mac_for(mac, 0x71, 1);
	for (uint32_t i = 0; i < FLOOD_SOURCES; i++) {
		struct gen_flow f;
		gen_host_v4(&spoof, 0x0a320001u + i, mac, 64, (uint16_t)gen_rng_next(&g->rng));
		gen_flow_init(&f, g, &spoof, &server, (uint16_t)gen_rng_range(&g->rng, 1024, 65535), 80,
			      300);
		gen_flow_syn(g, &f, t, NULL);
		t += 20;
	}
	t += GEN_MS(50);
	/* the worm: 300 addresses on 445, 10 ms apart */
	for (uint32_t i = 0; i < WORM_TARGETS; i++) {
		struct gen_host dst;
		struct gen_flow f;
		gen_mac_for(mac, 0x72, (uint8_t)i);
		gen_host_v4(&dst, 0x0a090100u + 1 + i, mac, 128, (uint16_t)gen_rng_next(&g->rng));
		gen_flow_init(&f, g, &worm, &dst, (uint16_t)(1030 + i), 445, 500);
		gen_flow_syn(g, &f, t, NULL);
		if (gen_rng_below(&g->rng, 10) == 0)
			gen_flow_refuse(g, &f, t + f.rtt_us);
		t += GEN_MS(10);
	}
	/* the user again */
	{
		struct gen_flow f;
		gen_flow_init(&f, g, &user, &server, 51001, 80, 400);
		t = gen_flow_open(g, &f, t + GEN_MS(50));
		t = gen_flow_send(g, &f, true, NULL, 400, t + 200);
		t = gen_flow_send(g, &f, false, NULL, 6000, t + 300);
		gen_flow_close(g, &f, true, t + GEN_MS(20));
	}
	rc = gen_truth_row(truth, "10.9.0.23", "infected",
			   "sweeps 300 addresses on 445 after a 200,000-source spoofed SYN flood");
	if (!rc)
		rc = gen_truth_row(truth, "10.9.0.8", "normal", "two answered HTTP sessions");
	return rc;
}
