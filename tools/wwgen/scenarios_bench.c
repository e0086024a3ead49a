/* bench: a large capture for benchmarks, streamed in time order and never
 * held in memory. Packet slot k (of N) is at k*50 us plus jitter below
 * 50 us, so time never goes back. Exactly D slots, spread evenly, are worm
 * SYNs to distinct public addresses (a permutation of the IPv4 space); the
 * other slots carry follow-ups of those SYNs (retransmits, RSTs, ICMP
 * unreachables), normal DNS + web sessions and BitTorrent (TCP + DHT).
 *
 * LAN 10.0.0.0/16: router 10.0.0.1, worms 10.0.1.11-18, normal clients
 * 10.0.2.1-40, BitTorrent host 10.0.3.7. */
#include "gen.h"

enum {
	SLOT_US = 50,
	NWORMS = 8,
	NCLIENTS = 40,
	NSESS = 64,
	RING = 1 << 16,
	BT_PORT = 6881
};

struct ring_syn {
	uint64_t t;
	uint32_t dst, seq;
	uint16_t sport, dport;
	uint8_t worm;
};

enum sess_kind { SESS_WEB, SESS_BT, SESS_DHT };

/* Session states. TCP sessions run DNS query, DNS answer (web only), SYN,
 * SYN-ACK (or RST: a refusing peer), ACK, request, answer, data segments
 * with an ACK after every second and the last, FIN, FIN, ACK. DHT: a ping
 * and, for ~75% of nodes, the reply. */
enum {
	ST_DNSQ, ST_DNSA, ST_SYN, ST_SYNACK, ST_ACK, ST_REQ, ST_REQ2, ST_DATA, ST_FIN1,
	ST_FIN2, ST_LAST, ST_DONE, ST_DHTQ, ST_DHTR
};

/* One normal or P2P conversation, advanced one packet at a time. */
struct sess {
	enum sess_kind kind;
	unsigned step;
	unsigned nresp;           /* response segments still to send */
	bool acked;
	struct gen_host *client;
	uint32_t server;
	uint16_t cport, sport;
	uint32_t cseq, sseq;
	uint16_t dnsid;
	const char *name;
};

struct bench {
	struct gen *g;
	struct gen_host gw;
	struct gen_host worms[NWORMS];
	struct gen_host clients[NCLIENTS];
	struct gen_host bt;
	uint16_t wport[NWORMS];
	uint16_t cport_next;
	struct gen_addrperm perm;
	struct ring_syn ring[RING];
	uint64_t ring_w, ring_retx;   /* written count; retransmit cursor */
	uint64_t ring_ans;            /* answer cursor */
	struct sess sess[NSESS];
	unsigned next_sess;
	uint8_t infohash[20];
	uint64_t worm_syns;
};

static const char *const bench_names[] = {
	"www.example.com", "mail.example.org", "cdn.example.net", "news.example.jp",
	"api.example.com", "static.example-cdn.net", "login.example.org", "docs.example.net",
};

static void outside(struct bench *b, struct gen_host *h, uint32_t ip)
{
	gen_host_v4(h, ip, b->gw.mac, (uint8_t)(44 + (ip & 15)), (uint16_t)gen_rng_next(&b->g->rng));
}

static uint32_t name_addr(const char *name)
{
	uint32_t h = 2166136261u;

	while (*name)
		h = (h ^ (uint8_t)*name++) * 16777619u;
	while (!gen_ipv4_is_public(h))
		h = h * 2654435761u + 0x9e3779b9u;
	return h;
}

static void sess_start(struct bench *b, struct sess *s)
{
	struct gen_rng *r = &b->g->rng;
	uint32_t k = gen_rng_below(r, 100);

	memset(s, 0, sizeof(*s));
	s->kind = k < 70 ? SESS_WEB : k < 85 ? SESS_BT : SESS_DHT;
	s->cseq = (uint32_t)gen_rng_next(r);
	s->sseq = (uint32_t)gen_rng_next(r);
	if (s->kind == SESS_WEB) {
		s->client = &b->clients[gen_rng_below(r, NCLIENTS)];
		s->name = bench_names[gen_rng_below(r, WW_ARRAY_LEN(bench_names))];
		s->server = name_addr(s->name);
		s->cport = b->cport_next++;
		if (b->cport_next < 49152)
			b->cport_next = 49152;
		s->sport = gen_rng_chance(r, 750) ? 443 : 80;
		s->dnsid = (uint16_t)gen_rng_next(r);
		s->nresp = gen_rng_range(r, 1, 8);
		s->step = ST_DNSQ;
	} else {
		s->client = &b->bt;
		s->server = gen_rng_public_ipv4(r);
		s->cport = s->kind == SESS_DHT ? BT_PORT : b->cport_next++;
		if (b->cport_next < 49152)
			b->cport_next = 49152;
		s->sport = (uint16_t)gen_rng_range(r, 10000, 65000);
		s->nresp = gen_rng_range(r, 2, 12);
		s->step = s->kind == SESS_DHT ? ST_DHTQ : ST_SYN;
	}
}

static void tcp_pkt(struct bench *b, struct sess *s, bool from_client, uint8_t flags,
		    const uint8_t *data, size_t dlen, struct gen_pkt *p)
{
	struct gen_host srv;
	struct gen_tcp t;

	outside(b, &srv, s->server);
	memset(&t, 0, sizeof(t));
	t.flags = flags;
	t.synopt = (flags & GEN_TCP_SYN) != 0;
	t.data = data;
	t.dlen = dlen;
	if (from_client) {
		t.sport = s->cport, t.dport = s->sport;
		t.seq = s->cseq, t.ack = (flags & GEN_TCP_ACK) ? s->sseq : 0;
		t.win = 64240;
		gen_pkt_tcp(p, s->client, &srv, &t);
		s->cseq += (uint32_t)dlen + ((flags & (GEN_TCP_SYN | GEN_TCP_FIN)) ? 1 : 0);
	} else {
		t.sport = s->sport, t.dport = s->cport;
		t.seq = s->sseq, t.ack = s->cseq;
		t.win = 65535;
		gen_pkt_tcp(p, &srv, s->client, &t);
		s->sseq += (uint32_t)dlen + ((flags & (GEN_TCP_SYN | GEN_TCP_FIN)) ? 1 : 0);
	}
}

static void bt_handshake(const struct bench *b, uint8_t hs[68], const uint8_t *id_src)
{
	static const uint8_t reserved[8] = {0, 0, 0, 0, 0, 0x10, 0, 0x05};

	hs[0] = 19;
	memcpy(hs + 1, "BitTorrent protocol", 19);
	memcpy(hs + 20, reserved, 8);
	memcpy(hs + 28, b->infohash, 20);
	memcpy(hs + 48, "-UT3550-", 8);
	memcpy(hs + 56, id_src, 12);
}

/* The next packet of a DHT exchange; false when it has ended. */
static bool dht_step(struct bench *b, struct sess *s, struct gen_pkt *p)
{
	static const char q[] = "d1:ad2:id20:", qe[] = "e1:q4:ping1:t2:aa1:y1:qe";
	static const char r[] = "d1:rd2:id20:", re[] = "e1:t2:aa1:y1:re";
	bool reply = s->step == ST_DHTR;
	const char *head = reply ? r : q, *tail = reply ? re : qe;
	struct gen_host node;
	uint8_t buf[96];
	size_t n = strlen(head), m = strlen(tail);

	if (s->step == ST_DONE || (reply && (s->server & 7) < 2)) /* ~25% never answer */
		return false;
	s->step = reply ? ST_DONE : ST_DHTR;
	outside(b, &node, s->server);
	memcpy(buf, head, n);
	memcpy(buf + n, b->g->filler + (s->server & 0xff), 20);
	memcpy(buf + n + 20, tail, m);
	n += 20 + m;
	if (reply)
		gen_pkt_udp(p, &node, s->client, s->sport, s->cport, buf, n);
	else
		gen_pkt_udp(p, s->client, &node, s->cport, s->sport, buf, n);
	return true;
}

/* The next packet of a session; false when it has ended. */
static bool sess_step(struct bench *b, struct sess *s, struct gen_pkt *p)
{
	const uint8_t *fill = b->g->filler;
	uint8_t buf[256];
	uint32_t a = s->server;
	bool bt = s->kind == SESS_BT;
	size_t n;

	if (s->kind == SESS_DHT)
		return dht_step(b, s, p);
	switch (s->step) {
	case ST_DNSQ:
		n = gen_dns_query(buf, sizeof(buf), s->dnsid, s->name);
		gen_pkt_udp(p, s->client, &b->gw, (uint16_t)(s->cport ^ 0x2000), 53, buf, n);
		s->step = ST_DNSA;
		return true;
	case ST_DNSA:
		n = gen_dns_answer(buf, sizeof(buf), s->dnsid, s->name, 0, &a, 1);
		gen_pkt_udp(p, &b->gw, s->client, 53, (uint16_t)(s->cport ^ 0x2000), buf, n);
		s->step = ST_SYN;
		return true;
	case ST_SYN:
		tcp_pkt(b, s, true, GEN_TCP_SYN, NULL, 0, p);
		s->step = ST_SYNACK;
		return true;
	case ST_SYNACK:
		if (bt && (s->server & 15) < 4) {
			tcp_pkt(b, s, false, GEN_TCP_RST | GEN_TCP_ACK, NULL, 0, p);
			s->step = ST_DONE;
			return true;
		}
		tcp_pkt(b, s, false, GEN_TCP_SYN | GEN_TCP_ACK, NULL, 0, p);
		s->step = ST_ACK;
		return true;
	case ST_ACK:
		tcp_pkt(b, s, true, GEN_TCP_ACK, NULL, 0, p);
		s->step = ST_REQ;
		return true;
	case ST_REQ:
		if (bt) {
			bt_handshake(b, buf, fill + 100);
			tcp_pkt(b, s, true, GEN_TCP_ACK | GEN_TCP_PSH, buf, 68, p);
		} else {
			tcp_pkt(b, s, true, GEN_TCP_ACK | GEN_TCP_PSH, fill, 380, p);
		}
		s->step = ST_REQ2;
		return true;
	case ST_REQ2:
		if (bt) {
			bt_handshake(b, buf, fill + (s->server & 0xff));
			tcp_pkt(b, s, false, GEN_TCP_ACK | GEN_TCP_PSH, buf, 68, p);
		} else {
			tcp_pkt(b, s, false, GEN_TCP_ACK, NULL, 0, p);
		}
		s->step = ST_DATA;
		return true;
	case ST_DATA:
		if (s->acked) {
			s->acked = false;
			tcp_pkt(b, s, true, GEN_TCP_ACK, NULL, 0, p);
			if (s->nresp == 0)
				s->step = ST_FIN1;
			return true;
		}
		s->nresp--;
		tcp_pkt(b, s, false, (uint8_t)(GEN_TCP_ACK | (s->nresp == 0 ? GEN_TCP_PSH : 0)),
			fill + (s->nresp * 7 % 512), s->nresp == 0 ? 700 : GEN_MSS, p);
		s->acked = s->nresp == 0 || s->nresp % 2 == 0;
		return true;
	case ST_FIN1:
		tcp_pkt(b, s, true, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0, p);
		s->step = ST_FIN2;
		return true;
	case ST_FIN2:
		tcp_pkt(b, s, false, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0, p);
		s->step = ST_LAST;
		return true;
	case ST_LAST:
		tcp_pkt(b, s, true, GEN_TCP_ACK, NULL, 0, p);
		s->step = ST_DONE;
		return true;
	default:
		return false;
	}
}

/* The next normal or P2P packet (sessions round-robin). */
static void normal_pkt(struct bench *b, struct gen_pkt *p)
{
	for (;;) {
		struct sess *s = &b->sess[b->next_sess];

		b->next_sess = (b->next_sess + 1) % NSESS;
		if (sess_step(b, s, p))
			return;
		sess_start(b, s);
	}
}

static void worm_syn(struct bench *b, struct gen_pkt *p, uint64_t t)
{
	struct gen_rng *r = &b->g->rng;
	struct ring_syn *e = &b->ring[b->ring_w % RING];
	uint8_t w = (uint8_t)(b->worm_syns % NWORMS);
	uint32_t k = gen_rng_below(r, 100);
	struct gen_host dst;
	struct gen_tcp tcp;

	if (!gen_addrperm_next(&b->perm, &e->dst)) {
		b->g->rc = WW_ERR_LIMIT;        /* cannot happen below 2^32 */
		return;
	}
	e->t = t;
	e->seq = (uint32_t)gen_rng_next(r);
	e->worm = w;
	e->dport = k < 85 ? 445 : k < 93 ? 139 : 135;
	e->sport = b->wport[w]++;
	if (b->wport[w] >= 5000)
		b->wport[w] = 1025;
	b->ring_w++;
	if (b->ring_w - b->ring_retx > RING)
		b->ring_retx = b->ring_w - RING;
	if (b->ring_w - b->ring_ans > RING)
		b->ring_ans = b->ring_w - RING;
	b->worm_syns++;

	outside(b, &dst, e->dst);
	memset(&tcp, 0, sizeof(tcp));
	tcp.sport = e->sport, tcp.dport = e->dport;
	tcp.seq = e->seq;
	tcp.flags = GEN_TCP_SYN;
	tcp.synopt = true;
	tcp.win = 64512;
	gen_pkt_tcp(p, &b->worms[w], &dst, &tcp);
}

/* A follow-up of an earlier worm SYN: a retransmit 3 s on, else an answer
 * to a SYN at least 30 ms old (RST from the target or ICMP from the
 * router). Returns false when there is nothing to follow up. */
static bool worm_followup(struct bench *b, struct gen_pkt *p, uint64_t t)
{
	struct gen_rng *r = &b->g->rng;
	struct ring_syn *e;
	struct gen_host dst;
	struct gen_tcp tcp;

	if (b->ring_w == 0)
		return false;
	memset(&tcp, 0, sizeof(tcp));
	e = &b->ring[b->ring_retx % RING];
	if (b->ring_retx < b->ring_w && e->t + GEN_US(3) <= t && gen_rng_chance(r, 600)) {
		b->ring_retx += gen_rng_range(r, 1, 3);
		outside(b, &dst, e->dst);
		tcp.sport = e->sport, tcp.dport = e->dport;
		tcp.seq = e->seq;
		tcp.flags = GEN_TCP_SYN;
		tcp.synopt = true;
		tcp.win = 64512;
		gen_pkt_tcp(p, &b->worms[e->worm], &dst, &tcp);
		return true;
	}
	e = &b->ring[b->ring_ans % RING];
	if (b->ring_ans >= b->ring_w || e->t + GEN_MS(30) > t)
		return false;
	b->ring_ans += gen_rng_range(r, 1, 40);
	outside(b, &dst, e->dst);
	tcp.sport = e->dport, tcp.dport = e->sport;
	tcp.ack = e->seq + 1;
	tcp.flags = GEN_TCP_RST | GEN_TCP_ACK;
	if (gen_rng_chance(r, 600)) {
		gen_pkt_tcp(p, &dst, &b->worms[e->worm], &tcp);
	} else {
		struct gen_pkt syn;

		tcp.sport = e->sport, tcp.dport = e->dport;
		tcp.seq = e->seq, tcp.ack = 0;
		tcp.flags = GEN_TCP_SYN;
		tcp.synopt = true;
		tcp.win = 64512;
		gen_pkt_tcp(&syn, &b->worms[e->worm], &dst, &tcp);
		gen_pkt_unreach(p, &b->gw, &b->worms[e->worm], 1, &syn);
	}
	return true;
}

static void bench_init(struct bench *b, struct gen *g)
{
	static const uint8_t gw_mac[6] = {0x00, 0x1d, 0xaa, 0xc0, 0xff, 0x02};
	uint8_t mac[6];

	b->g = g;
	gen_host_v4(&b->gw, 0x0a000001, gw_mac, 64, 1);
	for (uint32_t i = 0; i < NWORMS; i++) {
		gen_mac_for(mac, 0x31, 11 + i);
		gen_host_v4(&b->worms[i], 0x0a00010b + i, mac, 128, (uint16_t)gen_rng_next(&g->rng));
		b->wport[i] = (uint16_t)gen_rng_range(&g->rng, 1025, 4000);
	}
	for (uint32_t i = 0; i < NCLIENTS; i++) {
		gen_mac_for(mac, 0x32, 1 + i);
		gen_host_v4(&b->clients[i], 0x0a000201 + i, mac, 128,
			    (uint16_t)gen_rng_next(&g->rng));
	}
	gen_mac_for(mac, 0x33, 7);
	gen_host_v4(&b->bt, 0x0a000307, mac, 128, (uint16_t)gen_rng_next(&g->rng));
	b->cport_next = (uint16_t)gen_rng_range(&g->rng, 49152, 60000);
	gen_rng_bytes(&g->rng, b->infohash, sizeof(b->infohash));
	gen_addrperm_init(&b->perm, &g->rng);
	for (unsigned i = 0; i < NSESS; i++)
		sess_start(b, &b->sess[i]);
}

ww_rc gen_scn_bench(struct gen *g, FILE *truth)
{
	struct bench *b = ww_calloc(1, sizeof(*b));
	uint64_t n = g->opt_packets, d = g->opt_dests;
	ww_rc rc = WW_OK;
	char addr[32];

	if (!b) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	if (n > UINT32_MAX || d > n) {
		gen_error("bench: --packets must be at most %u and --dests at most --packets",
			  UINT32_MAX);
		free(b);
		return WW_ERR_USAGE;
	}
	bench_init(b, g);
	for (uint64_t k = 0; k < n && !g->rc; k++) {
		uint64_t t = k * SLOT_US + gen_rng_below(&g->rng, SLOT_US);
		struct gen_pkt p;

		if ((k + 1) * d / n > k * d / n) {
			worm_syn(b, &p, t);
		} else if (!(gen_rng_chance(&g->rng, 150) && worm_followup(b, &p, t))) {
			normal_pkt(b, &p);
		}
		gen_emit(g, t, &p);
	}
	if (!g->rc && b->worm_syns != d) {
		gen_error("internal: %llu worm SYNs, wanted %llu",
			  (unsigned long long)b->worm_syns, (unsigned long long)d);
		rc = WW_ERR_LIMIT;
	}
	for (uint32_t i = 0; i < NWORMS && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.0.1.%u", 11 + i);
		rc = gen_truth_row(truth, addr, "infected", "SYNs to distinct public addresses on 445/139/135");
	}
	if (!rc)
		rc = gen_truth_row(truth, "10.0.3.7", "p2p", "BitTorrent TCP and DHT on 6881");
	for (uint32_t i = 0; i < NCLIENTS && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.0.2.%u", 1 + i);
		rc = gen_truth_row(truth, addr, "normal", "DNS then HTTP/HTTPS sessions");
	}
	free(b);
	return rc;
}
