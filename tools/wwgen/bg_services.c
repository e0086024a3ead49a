/* Background hosts whose traffic looks odd to a naive detector and is not:
 * a DHCP server that sends to addresses nobody answered from yet, a STUN
 * client whose Binding Requests go unanswered, an SMB2 client that opens
 * sessions to several file servers. Used by the denselan scenarios. */
#include "office.h"

enum { DHCP_LEN = 300 };

/* A BOOTP/DHCP message (RFC 2131): op, xid, ciaddr, yiaddr, chaddr, then
 * the magic cookie and the options message type (53), server id (54),
 * and for answers lease time (51), mask (1), router (3) and DNS (6). */
static size_t dhcp_msg(uint8_t *out, uint8_t op, uint8_t type, uint32_t xid, uint32_t ciaddr,
		       uint32_t yiaddr, const uint8_t mac[6], uint32_t server, uint32_t router)
{
	size_t o = 240;

	memset(out, 0, DHCP_LEN);
	out[0] = op;
	out[1] = 1, out[2] = 6;
	put32(out + 4, xid);
	put32(out + 12, ciaddr);
	put32(out + 16, yiaddr);
	memcpy(out + 28, mac, 6);
	out[236] = 0x63, out[237] = 0x82, out[238] = 0x53, out[239] = 0x63;
	out[o++] = 53, out[o++] = 1, out[o++] = type;
	out[o++] = 54, out[o++] = 4, put32(out + o, server), o += 4;
	if (op == 2) {
		out[o++] = 51, out[o++] = 4, put32(out + o, 8 * 86400), o += 4;
		out[o++] = 1, out[o++] = 4, put32(out + o, 0xffffff00u), o += 4;
		out[o++] = 3, out[o++] = 4, put32(out + o, router), o += 4;
		out[o++] = 6, out[o++] = 4, put32(out + o, router), o += 4;
	} else {
		out[o++] = 12, out[o++] = 8;
		memcpy(out + o, "DESKTOP1", 8), o += 8;
	}
	out[o++] = 255;
	return o < DHCP_LEN ? DHCP_LEN : o;  /* Windows pads to 300 bytes */
}

void bg_dhcp_server(struct gen *g, struct office *o, struct gen_host *dhcp,
		    struct gen_host *const *renew, size_t nrenew, const uint8_t *new_last,
		    size_t nnew, uint64_t t0, uint64_t end)
{
	uint32_t srv = gen_host_ipv4(dhcp), gw = gen_host_ipv4(&o->gw);
	uint8_t msg[DHCP_LEN + 64];
	struct gen_pkt p;
	size_t n;

	for (size_t i = 0; i < nrenew; i++) {
		struct gen_host *c = renew[i];
		uint64_t t = t0 + gen_rng_below(&g->rng, (uint32_t)(end - t0 - GEN_US(2)));
		uint32_t xid = (uint32_t)gen_rng_next(&g->rng), cip = gen_host_ipv4(c);

		n = dhcp_msg(msg, 1, 3, xid, cip, 0, c->mac, srv, gw);
		gen_pkt_udp(&p, c, dhcp, 68, 67, msg, n);
		gen_emit(g, t, &p);
		n = dhcp_msg(msg, 2, 5, xid, cip, cip, c->mac, srv, gw);
		gen_pkt_udp(&p, dhcp, c, 67, 68, msg, n);
		gen_emit(g, t + gen_rng_range(&g->rng, 400, 2500), &p);
	}
	for (size_t i = 0; i < nnew; i++) {
		struct gen_host dev, any, all;
		uint8_t mac[6];
		uint32_t xid = (uint32_t)gen_rng_next(&g->rng), yi = o->net | new_last[i];
		uint64_t t = t0 + gen_rng_below(&g->rng, (uint32_t)(end - t0 - GEN_US(3)));

		gen_mac_for(mac, 0x5d, 0x100u + new_last[i]);
		gen_host_v4(&any, 0, mac, 128, (uint16_t)gen_rng_next(&g->rng));
		gen_host_v4(&all, 0xffffffffu, gen_mac_broadcast, 0, 0);
		gen_host_v4(&dev, yi, mac, 128, 0);
		/* DISCOVER (broadcast) and OFFER (unicast to the offered address:
		 * the client did not ask for a broadcast answer) */
		n = dhcp_msg(msg, 1, 1, xid, 0, 0, mac, srv, gw);
		gen_pkt_udp(&p, &any, &all, 68, 67, msg, n);
		gen_emit(g, t, &p);
		t += gen_rng_range(&g->rng, 800, 3000);
		n = dhcp_msg(msg, 2, 2, xid, 0, yi, mac, srv, gw);
		gen_pkt_udp(&p, dhcp, &dev, 67, 68, msg, n);
		gen_emit(g, t, &p);
		/* REQUEST (broadcast), ACK (unicast), then the ARP probe for the
		 * address (sender 0.0.0.0) */
		t += gen_rng_range(&g->rng, 2000, 20000);
		n = dhcp_msg(msg, 1, 3, xid, 0, 0, mac, srv, gw);
		gen_pkt_udp(&p, &any, &all, 68, 67, msg, n);
		gen_emit(g, t, &p);
		t += gen_rng_range(&g->rng, 800, 3000);
		n = dhcp_msg(msg, 2, 5, xid, 0, yi, mac, srv, gw);
		gen_pkt_udp(&p, dhcp, &dev, 67, 68, msg, n);
		gen_emit(g, t, &p);
		gen_pkt_arp(&p, 1, &any, &dev);
		gen_emit(g, t + GEN_MS(60), &p);
	}
}

void bg_stun_client(struct gen *g, struct office *o, struct gen_host *h, uint64_t t)
{
	static const char *const servers[] = {
		"stun.example-voip.com", "stun1.example-meet.net", "stun2.example-meet.net",
		"stun.example-phone.org",
	};
	uint8_t msg[128];
	struct gen_pkt p;

	for (size_t i = 0; i < WW_ARRAY_LEN(servers); i++) {
		struct gen_host srv;
		uint16_t id = (uint16_t)gen_rng_next(&g->rng);
		uint16_t dport = (uint16_t)gen_rng_range(&g->rng, 49152, 65535);
		uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 49152, 65535);
		uint32_t ip = gen_rng_public_ipv4(&g->rng);
		size_t n = gen_dns_query(msg, sizeof(msg), id, servers[i]);
		uint8_t txid[12];

		gen_pkt_udp(&p, h, &o->gw, dport, 53, msg, n);
		gen_emit(g, t, &p);
		n = gen_dns_answer(msg, sizeof(msg), id, servers[i], 0, &ip, 1);
		t += gen_rng_range(&g->rng, 4000, 30000);
		gen_pkt_udp(&p, &o->gw, h, 53, dport, msg, n);
		gen_emit(g, t, &p);
		/* Binding Request: type 1, length 0, magic cookie, transaction
		 * ID; the same ID on each retransmission. */
		office_outside(g, o, &srv, ip);
		gen_rng_bytes(&g->rng, txid, sizeof(txid));
		put16(msg, 0x0001);
		put16(msg + 2, 0);
		put32(msg + 4, 0x2112a442u);
		memcpy(msg + 8, txid, sizeof(txid));
		for (unsigned r = 0; r < 3; r++) {
			static const uint32_t at_ms[] = {0, 500, 1500};

			gen_pkt_udp(&p, h, &srv, sport, 3478, msg, 20);
			gen_emit(g, t + 200 + GEN_MS(at_ms[r]), &p);
		}
		t += gen_rng_range(&g->rng, 50000, 400000);
	}
}

/* An SMB2 message: NetBIOS session header, 64-byte SMB2 header, body. */
static size_t smb2(uint8_t *out, size_t cap, uint16_t cmd, bool resp, uint64_t mid,
		   const uint8_t *body, size_t blen)
{
	size_t len = 64 + blen;

	if (4 + len > cap)
		return 0;
	memset(out, 0, 4 + 64);
	out[1] = (uint8_t)(len >> 16), out[2] = (uint8_t)(len >> 8), out[3] = (uint8_t)len;
	memcpy(out + 4, "\xfeSMB", 4);
	out[8] = 64;
	out[10] = 1;
	out[16] = (uint8_t)cmd;
	out[18] = 1;
	out[20] = resp ? 1 : 0;
	for (int i = 0; i < 8; i++)
		out[28 + i] = (uint8_t)(mid >> (8 * i));
	memcpy(out + 4 + 64, body, blen);
	return 4 + len;
}

uint64_t bg_smb2_session(struct gen *g, struct office *o, struct gen_host *u,
			 struct gen_host *server, unsigned nreads, uint64_t t)
{
	static const uint16_t opening[][3] = {
		{0x0000, 100, 180}, {0x0001, 140, 260}, {0x0001, 420, 80},
		{0x0003, 60, 16},   {0x0005, 120, 88},
	};
	uint8_t buf[8192];
	struct gen_flow f;
	struct gen_pkt p;
	uint64_t mid = 0;
	size_t n;

	gen_pkt_arp(&p, 1, u, server);
	gen_emit(g, t, &p);
	gen_pkt_arp(&p, 2, server, u);
	gen_emit(g, t + gen_rng_range(&g->rng, 200, 700), &p);
	gen_flow_init(&f, g, u, server, office_port(o, u), 445, gen_rng_range(&g->rng, 200, 600));
	t = gen_flow_open(g, &f, t + GEN_MS(1));
	for (size_t i = 0; i < WW_ARRAY_LEN(opening); i++, mid++) {
		n = smb2(buf, sizeof(buf), opening[i][0], false, mid, g->filler, opening[i][1]);
		t = gen_flow_send(g, &f, true, buf, n, t + 200);
		n = smb2(buf, sizeof(buf), opening[i][0], true, mid, g->filler + 64, opening[i][2]);
		t = gen_flow_send(g, &f, false, buf, n, t + 300);
	}
	for (unsigned r = 0; r < nreads; r++, mid++) {
		t += gen_rng_range(&g->rng, 2000000, 20000000);
		n = smb2(buf, sizeof(buf), 0x0008, false, mid, g->filler + 7, 48);
		t = gen_flow_send(g, &f, true, buf, n, t);
		n = smb2(buf, sizeof(buf), 0x0008, true, mid, g->filler + 99,
			 gen_rng_range(&g->rng, 2000, sizeof(buf) - 200));
		t = gen_flow_send(g, &f, false, buf, n, t + 500);
	}
	return gen_flow_close(g, &f, true, t + GEN_MS(200));
}
