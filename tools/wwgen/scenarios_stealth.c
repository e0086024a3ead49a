/* stealthscan: scans without a SYN, on LAN 10.30.0.0/24, as nmap sends
 * them (raw packets: window 1024, no TCP options, one source port per
 * scan, a TTL of 37-59, an ARP request for the target first):
 *
 *   .11 FIN scan (-sF) of .21     ports 1-1024, 1000 of them, random order
 *   .12 Xmas scan (-sX) of .22    FIN+PSH+URG
 *   .13 NULL scan (-sN) of .23    no flag at all
 *   .14 UDP scan (-sU) of .24     1000 ports, empty datagrams except the
 *                                 DNS, NTP and SNMP probes nmap sends
 *   .15 SCTP INIT scan (-sY) of .25, 1000 ports
 *
 * TCP: closed ports answer RST/ACK, open ones stay silent and nmap sends
 * each silent probe once more. UDP: the Linux target answers closed ports
 * with ICMP port unreachable at most 6 at once and then one a second (its
 * token bucket), so nmap slows to about a probe a second and resends what
 * went unanswered: the scan takes about a quarter of an hour. Open UDP 53
 * and 123 answer. SCTP: closed ports answer ABORT, open ones INIT-ACK and
 * nmap aborts. Beside them .30 browses normally. */
#include "office.h"

#define STEALTH_NET 0x0a1e0000u /* 10.30.0.0/24 */

enum { NPORTS = 1000 };

struct stealth {
	struct office lan;
	struct gen_host scanner[5], target[5], pc;
};

static bool is_open(uint16_t port, const uint16_t *open, size_t nopen)
{
	for (size_t k = 0; k < nopen; k++)
		if (port == open[k])
			return true;
	return false;
}

/* ports 1..1024 shuffled; the first NPORTS, with the open ones kept in. */
static void pick_ports(struct gen *g, uint16_t *ports, const uint16_t *open, size_t nopen)
{
	uint16_t all[1024];

	for (uint16_t i = 0; i < 1024; i++)
		all[i] = (uint16_t)(i + 1);
	for (size_t i = 1023; i > 0; i--) {
		size_t j = gen_rng_below(&g->rng, (uint32_t)(i + 1));
		uint16_t tmp = all[i];

		all[i] = all[j];
		all[j] = tmp;
	}
	memcpy(ports, all, NPORTS * sizeof(*ports));
	for (size_t k = 0; k < nopen; k++) {
		bool in = false;

		for (size_t i = 0; i < NPORTS; i++)
			in |= ports[i] == open[k];
		if (!in) {
			size_t j = gen_rng_below(&g->rng, NPORTS);

			while (is_open(ports[j], open, nopen))
				j = (j + 1) % NPORTS;
			ports[j] = open[k];
		}
	}
}

static void arp_pair(struct gen *g, struct gen_host *a, struct gen_host *b, uint64_t t)
{
	struct gen_pkt p;

	gen_pkt_arp(&p, 1, a, b);
	gen_emit(g, t, &p);
	gen_pkt_arp(&p, 2, b, a);
	gen_emit(g, t + gen_rng_range(&g->rng, 200, 700), &p);
}

static void mark(struct gen *g, const struct gen_host *h)
{
	char addr[32];

	snprintf(addr, sizeof(addr), "%u.%u.%u.%u", h->ip[0], h->ip[1], h->ip[2], h->ip[3]);
	gen_mark(g, "first_scan", addr);
}

/* FIN, Xmas or NULL scan of one host. */
static void tcp_stealth(struct gen *g, struct gen_host *s, struct gen_host *d, uint8_t flags,
			uint64_t t)
{
	static const uint16_t open[] = {22, 80, 443, 631};
	uint16_t ports[NPORTS], again[NPORTS];
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 33000, 65000);
	size_t nagain = 0;

	pick_ports(g, ports, open, WW_ARRAY_LEN(open));
	arp_pair(g, s, d, t);
	t += GEN_MS(2);
	mark(g, s);
	for (unsigned pass = 0; pass < 2; pass++) {
		size_t n = pass == 0 ? NPORTS : nagain;

		for (size_t i = 0; i < n; i++) {
			uint16_t port = pass == 0 ? ports[i] : again[i];
			uint32_t seq = (uint32_t)gen_rng_next(&g->rng);
			struct gen_tcp tcp;
			struct gen_pkt p;

			memset(&tcp, 0, sizeof(tcp));
			tcp.sport = sport, tcp.dport = port;
			tcp.seq = seq;
			tcp.flags = flags;
			tcp.win = 1024;
			gen_pkt_tcp(&p, s, d, &tcp);
			gen_emit(g, t, &p);
			if (!is_open(port, open, WW_ARRAY_LEN(open))) {
				/* RFC 793: RST, seq 0, ack = SEG.SEQ + SEG.LEN (FIN counts) */
				memset(&tcp, 0, sizeof(tcp));
				tcp.sport = port, tcp.dport = sport;
				tcp.ack = seq + ((flags & GEN_TCP_FIN) ? 1 : 0);
				tcp.flags = GEN_TCP_RST | GEN_TCP_ACK;
				gen_pkt_tcp(&p, d, s, &tcp);
				gen_emit(g, t + gen_rng_range(&g->rng, 90, 400), &p);
			} else if (pass == 0) {
				again[nagain++] = port;
			}
			t += gen_rng_range(&g->rng, 150, 900);
		}
		t += GEN_MS(300);
	}
}

/* The payload nmap sends to a UDP port (most get none). */
static size_t udp_payload(uint16_t port, uint8_t *buf)
{
	static const uint8_t dns[] = {0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	static const uint8_t snmp[] = {0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b',
				       'l', 'i', 'c', 0xa1, 0x19, 0x02, 0x04, 0x71, 0x64, 0xfe,
				       0xf1, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0b,
				       0x30, 0x09, 0x06, 0x05, 0x2b, 0x06, 0x01, 0x02, 0x01,
				       0x05, 0x00};

	switch (port) {
	case 53:
		memcpy(buf, dns, sizeof(dns));
		return sizeof(dns);
	case 123:
		memset(buf, 0, 48);
		buf[0] = 0xe3;              /* LI 3, version 4, client */
		return 48;
	case 161:
		memcpy(buf, snmp, sizeof(snmp));
		return sizeof(snmp);
	default:
		return 0;
	}
}

static void udp_scan(struct gen *g, struct gen_host *s, struct gen_host *d, uint64_t t)
{
	static const uint16_t open[] = {53, 123, 161};
	uint16_t ports[NPORTS], queue[2 * NPORTS];
	uint8_t tries[65536 / 8];
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 33000, 65000);
	size_t nq = NPORTS, qi = 0;
	uint64_t bucket_t = t;     /* Linux: 6 tokens, one more each second */
	unsigned tokens = 6;
	uint64_t delay = 0;

	memset(tries, 0, sizeof(tries));
	pick_ports(g, ports, open, WW_ARRAY_LEN(open));
	memcpy(queue, ports, sizeof(ports));
	arp_pair(g, s, d, t);
	t += GEN_MS(2);
	mark(g, s);
	while (qi < nq) {
		uint16_t port = queue[qi++];
		uint8_t buf[64];
		size_t n = udp_payload(port, buf);
		bool answered = false;
		struct gen_pkt p, probe;

		gen_pkt_udp(&probe, s, d, sport, port, buf, n);
		gen_emit(g, t, &probe);
		while (bucket_t + GEN_US(1) <= t) {
			bucket_t += GEN_US(1);
			if (tokens < 6)
				tokens++;
		}
		if (port == 53 || port == 123) {
			if (port == 53) {
				buf[2] = 0x90, buf[3] = 0x00;   /* response, rcode 0 */
			} else {
				buf[0] = 0x24, buf[1] = 2;      /* server, stratum 2 */
			}
			gen_pkt_udp(&p, d, s, port, sport, buf, n);
			gen_emit(g, t + gen_rng_range(&g->rng, 150, 500), &p);
			answered = true;
		} else if (port != 161 && tokens > 0) {
			tokens--;
			gen_pkt_unreach(&p, d, s, 3, &probe);
			gen_emit(g, t + gen_rng_range(&g->rng, 90, 300), &p);
			answered = true;
		}
		if (!answered && !(tries[port / 8] & (1u << (port % 8)))) {
			tries[port / 8] |= (uint8_t)(1u << (port % 8));
			queue[nq++] = port;         /* nmap sends it once more, later */
		}
		/* nmap's scan delay: none at first, then it grows as answers
		 * go missing, up to one second for UDP */
		if (qi > 20)
			delay = delay == 0 ? GEN_MS(50) : delay;
		if (qi > 20 && qi % 10 == 0 && delay < GEN_MS(1000))
			delay = delay * 2 > GEN_MS(1000) ? GEN_MS(1000) : delay * 2;
		t += delay + gen_rng_range(&g->rng, 300, 1500);
	}
}

/* SCTP INIT chunk (type 1, 20 bytes) and the ABORT / INIT-ACK answers. */
static void sctp_scan(struct gen *g, struct gen_host *s, struct gen_host *d, uint64_t t)
{
	static const uint16_t open[] = {80, 443};
	uint16_t ports[NPORTS];
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 33000, 65000);

	pick_ports(g, ports, open, WW_ARRAY_LEN(open));
	arp_pair(g, s, d, t);
	t += GEN_MS(2);
	mark(g, s);
	for (size_t i = 0; i < NPORTS; i++) {
		uint8_t c[32];
		uint32_t itag = (uint32_t)gen_rng_next(&g->rng);
		uint32_t rtt = gen_rng_range(&g->rng, 90, 400);
		struct gen_pkt p;

		memset(c, 0, sizeof(c));
		c[0] = 1;                          /* INIT */
		put16(c + 2, 20);
		put32(c + 4, itag);
		put32(c + 8, 32768);               /* a_rwnd */
		put16(c + 12, 10);                 /* outbound streams */
		put16(c + 14, 2048);               /* inbound streams */
		put32(c + 16, (uint32_t)gen_rng_next(&g->rng));
		gen_pkt_sctp(&p, s, d, sport, ports[i], 0, c, 20);
		gen_emit(g, t, &p);
		if (is_open(ports[i], open, WW_ARRAY_LEN(open))) {
			uint32_t mytag = (uint32_t)gen_rng_next(&g->rng);

			c[0] = 2;                      /* INIT-ACK, no cookie */
			put32(c + 4, mytag);
			put32(c + 16, (uint32_t)gen_rng_next(&g->rng));
			gen_pkt_sctp(&p, d, s, ports[i], sport, itag, c, 20);
			gen_emit(g, t + rtt, &p);
			memset(c, 0, sizeof(c));
			c[0] = 6;                      /* ABORT from nmap */
			put16(c + 2, 4);
			gen_pkt_sctp(&p, s, d, sport, ports[i], mytag, c, 4);
			gen_emit(g, t + rtt + 60, &p);
		} else {
			memset(c, 0, sizeof(c));
			c[0] = 6;                      /* ABORT, T bit 0: vtag = the INIT's tag */
			put16(c + 2, 4);
			gen_pkt_sctp(&p, d, s, ports[i], sport, itag, c, 4);
			gen_emit(g, t + rtt, &p);
		}
		t += gen_rng_range(&g->rng, 150, 900);
	}
}

ww_rc gen_scn_stealthscan(struct gen *g, FILE *truth)
{
	static const char *const what[5] = {
		"nmap FIN scan (-sF) of 1000 ports of 10.30.0.21",
		"nmap Xmas scan (-sX, FIN+PSH+URG) of 1000 ports of 10.30.0.22",
		"nmap NULL scan (-sN) of 1000 ports of 10.30.0.23",
		"nmap UDP scan (-sU) of 1000 ports of 10.30.0.24 (ICMP rate-limited)",
		"nmap SCTP INIT scan (-sY) of 1000 ports of 10.30.0.25",
	};
	static const uint8_t flags[3] = {GEN_TCP_FIN, GEN_TCP_FIN | GEN_TCP_PSH | GEN_TCP_URG, 0};
	struct stealth *s = ww_calloc(1, sizeof(*s));
	char addr[32];
	unsigned nth = 0;
	ww_rc rc = WW_OK;

	if (!s) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	office_lan_init(&s->lan, STEALTH_NET);
	for (unsigned i = 0; i < 5; i++) {
		office_lan_host(&s->lan, g, &s->scanner[i], (uint8_t)(11 + i), false, false);
		s->scanner[i].ttl = (uint8_t)gen_rng_range(&g->rng, 37, 59);
		office_lan_host(&s->lan, g, &s->target[i], (uint8_t)(21 + i), false, false);
		s->target[i].ttl = 64;
	}
	office_lan_host(&s->lan, g, &s->pc, 30, false, true);

	for (unsigned i = 0; i < 3; i++)
		tcp_stealth(g, &s->scanner[i], &s->target[i], flags[i],
			    GEN_US(2 + 5 * i) + gen_rng_below(&g->rng, 1000000));
	udp_scan(g, &s->scanner[3], &s->target[3], GEN_US(20) + gen_rng_below(&g->rng, 1000000));
	sctp_scan(g, &s->scanner[4], &s->target[4], GEN_US(30) + gen_rng_below(&g->rng, 1000000));
	for (uint64_t t = GEN_MS(700); t < GEN_US(290); t += gen_rng_range(&g->rng, 5000000, 25000000))
		office_page_load(g, &s->lan, &s->pc, nth++, t);

	for (unsigned i = 0; i < 5 && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.30.0.%u", 11 + i);
		rc = gen_truth_row(truth, addr, "scanner", what[i]);
	}
	for (unsigned i = 0; i < 5 && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.30.0.%u", 21 + i);
		rc = gen_truth_row(truth, addr, "normal", "scanned host (Linux)");
	}
	if (!rc)
		rc = gen_truth_row(truth, "10.30.0.30", "normal", "DNS then HTTP/HTTPS");
	free(s);
	return rc;
}
