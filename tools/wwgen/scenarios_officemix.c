/* officemix: a large capture of ordinary office traffic for benchmarks,
 * streamed in time order like bench (packet slot k at k*25 us plus jitter
 * below 25 us) and never held in memory. Where bench is SYN-heavy, this is
 * what an office uplink and its file servers carry: full-size data
 * segments and their ACKs, mostly.
 *
 * LAN 10.40.0.0/16: router and DNS forwarder 10.40.0.1, file servers
 * 10.40.0.10-11, 200 PCs 10.40.1.1-200, a BitTorrent user 10.40.2.7.
 * 64 conversations run at once, one packet each in turn; a finished one
 * is replaced by a new one, drawn as:
 *
 *   40% HTTPS  DNS lookup (half of them), handshake, TLS ClientHello,
 *              ServerHello and certificates, a request, 1-60 full segments
 *              of answer, FIN both ways
 *   10% HTTP   the same with a GET and an `HTTP/1.1 200 OK`
 *   18% SMB2   a PC and a file server: NEGOTIATE, SESSION_SETUP, TREE_CONNECT,
 *              CREATE, then 1-4 READs of up to 64 KiB
 *   10% DNS    a lookup alone
 *    9% P2P    BitTorrent: handshake, bitfield, pieces (25% of peers refuse)
 *    6% DHT    a bencoded ping, answered three times in four
 *    7% chatter ARP for the router, NBNS and LLMNR broadcasts
 *
 * Each conversation is a short script of packets (direction, flags,
 * length, what the payload starts with) written when it starts. */
#include "gen.h"

enum {
	MIX_SLOT_US = 25,
	MIX_SESS = 64,
	MIX_OPS = 320,
	MIX_CLIENTS = 200,
	MIX_NAMES = 24
};

enum op_kind { OP_TCP, OP_UDP, OP_ARP_REQ, OP_ARP_REP };

enum pl_kind {
	PL_NONE, PL_FILL, PL_TLS_CH, PL_TLS_SH, PL_TLS_APP, PL_HTTP_REQ, PL_HTTP_RESP,
	PL_SMB2, PL_BT_HS, PL_DNS_Q, PL_DNS_A, PL_DHT_Q, PL_DHT_R, PL_NBNS
};

struct mix_op {
	uint8_t kind;
	bool from_client;
	uint8_t flags;
	uint8_t pl;
	uint16_t len;
	uint16_t arg;           /* SMB2 command */
};

struct mix_sess {
	struct mix_op ops[MIX_OPS];
	unsigned nops, i;
	struct gen_host *client, *lan_server;
	uint32_t server;        /* outside address when lan_server is NULL */
	uint16_t cport, sport;
	uint32_t cseq, sseq;
	uint16_t dnsid;
	uint8_t name;
	uint64_t smb_mid;
};

struct mix {
	struct gen *g;
	struct gen_host gw, fs[2], pcs[MIX_CLIENTS], bt, bcast;
	struct mix_sess sess[MIX_SESS];
	unsigned next;
	uint16_t cport_next;
	uint8_t infohash[20];
	uint32_t name_addr[MIX_NAMES];
};

static void push(struct mix_sess *s, uint8_t kind, bool from_client, uint8_t flags,
		 uint8_t pl, size_t len, uint16_t arg)
{
	struct mix_op *o;

	if (s->nops >= MIX_OPS)
		return;
	o = &s->ops[s->nops++];
	o->kind = kind;
	o->from_client = from_client;
	o->flags = flags;
	o->pl = pl;
	o->len = (uint16_t)(len > GEN_MSS ? GEN_MSS : len);
	o->arg = arg;
}

static void tcp_open(struct mix_sess *s, bool refused)
{
	push(s, OP_TCP, true, GEN_TCP_SYN, PL_NONE, 0, 0);
	if (refused) {
		push(s, OP_TCP, false, GEN_TCP_RST | GEN_TCP_ACK, PL_NONE, 0, 0);
		return;
	}
	push(s, OP_TCP, false, GEN_TCP_SYN | GEN_TCP_ACK, PL_NONE, 0, 0);
	push(s, OP_TCP, true, GEN_TCP_ACK, PL_NONE, 0, 0);
}

/* len bytes from one side in MSS segments (the first starts with pl), the
 * other side ACKing every second segment and the last. */
static void tcp_data(struct mix_sess *s, bool from_client, uint8_t pl, size_t len, uint16_t arg)
{
	unsigned nseg = 0;

	while (len > 0 && s->nops + 4 < MIX_OPS) {
		size_t n = len > GEN_MSS ? GEN_MSS : len;
		bool last = n == len;

		push(s, OP_TCP, from_client, (uint8_t)(GEN_TCP_ACK | (last ? GEN_TCP_PSH : 0)),
		     nseg == 0 ? pl : PL_FILL, n, arg);
		len -= n;
		if (last || ++nseg % 2 == 0)
			push(s, OP_TCP, !from_client, GEN_TCP_ACK, PL_NONE, 0, 0);
		if (last)
			break;
	}
}

static void tcp_close(struct mix_sess *s)
{
	push(s, OP_TCP, true, GEN_TCP_FIN | GEN_TCP_ACK, PL_NONE, 0, 0);
	push(s, OP_TCP, false, GEN_TCP_FIN | GEN_TCP_ACK, PL_NONE, 0, 0);
	push(s, OP_TCP, true, GEN_TCP_ACK, PL_NONE, 0, 0);
}

static uint16_t next_port(struct mix *m)
{
	uint16_t p = m->cport_next++;

	if (m->cport_next < 49152)
		m->cport_next = 49152;
	return p;
}

static void sess_start(struct mix *m, struct mix_sess *s)
{
	struct gen_rng *r = &m->g->rng;
	uint32_t k = gen_rng_below(r, 100);

	s->nops = s->i = 0;
	s->lan_server = NULL;
	s->client = &m->pcs[gen_rng_below(r, MIX_CLIENTS)];
	s->cseq = (uint32_t)gen_rng_next(r);
	s->sseq = (uint32_t)gen_rng_next(r);
	s->cport = next_port(m);
	s->dnsid = (uint16_t)gen_rng_next(r);
	s->name = (uint8_t)gen_rng_below(r, MIX_NAMES);
	s->server = m->name_addr[s->name];
	if (k < 50) {                                   /* web */
		bool tls = k < 40;

		s->sport = tls ? 443 : 80;
		if (gen_rng_chance(r, 500)) {
			push(s, OP_UDP, true, 0, PL_DNS_Q, 0, 0);
			push(s, OP_UDP, false, 0, PL_DNS_A, 0, 0);
		}
		tcp_open(s, false);
		if (tls) {
			tcp_data(s, true, PL_TLS_CH, 517, 0);
			tcp_data(s, false, PL_TLS_SH, gen_rng_range(r, 2800, 5200), 0);
			tcp_data(s, true, PL_TLS_APP, 126, 0);
			tcp_data(s, true, PL_TLS_APP, gen_rng_range(r, 300, 700), 0);
			tcp_data(s, false, PL_TLS_APP, gen_rng_range(r, 1000, 60 * GEN_MSS), 0);
		} else {
			tcp_data(s, true, PL_HTTP_REQ, 150, 0);
			tcp_data(s, false, PL_HTTP_RESP, gen_rng_range(r, 1000, 60 * GEN_MSS), 0);
		}
		tcp_close(s);
	} else if (k < 68) {                            /* SMB2 to a file server */
		static const uint16_t opening[][3] = {
			{0x0000, 100, 180}, {0x0001, 140, 260}, {0x0001, 420, 80},
			{0x0003, 60, 16},   {0x0005, 120, 88},
		};
		unsigned reads = gen_rng_range(r, 1, 4);

		s->lan_server = &m->fs[gen_rng_below(r, 2)];
		s->sport = 445;
		tcp_open(s, false);
		for (size_t i = 0; i < WW_ARRAY_LEN(opening); i++) {
			tcp_data(s, true, PL_SMB2, 4 + 64 + opening[i][1], opening[i][0]);
			tcp_data(s, false, PL_SMB2, 4 + 64 + opening[i][2], opening[i][0]);
		}
		for (unsigned i = 0; i < reads; i++) {
			tcp_data(s, true, PL_SMB2, 4 + 64 + 49, 0x0008);
			tcp_data(s, false, PL_SMB2, 4 + 64 + 16 + gen_rng_range(r, 4096, 65536), 0x0008);
		}
		tcp_close(s);
	} else if (k < 78) {                            /* DNS alone */
		s->sport = 53;
		push(s, OP_UDP, true, 0, PL_DNS_Q, 0, 0);
		push(s, OP_UDP, false, 0, PL_DNS_A, 0, 0);
	} else if (k < 87) {                            /* BitTorrent peer */
		bool refused = gen_rng_chance(r, 250);
		unsigned pieces = gen_rng_range(r, 1, 3);

		s->client = &m->bt;
		s->server = gen_rng_public_ipv4(r);
		s->sport = (uint16_t)gen_rng_range(r, 10000, 65000);
		tcp_open(s, refused);
		if (!refused) {
			tcp_data(s, true, PL_BT_HS, 68, 0);
			tcp_data(s, false, PL_BT_HS, 68, 0);
			for (unsigned i = 0; i < pieces; i++) {
				tcp_data(s, true, PL_FILL, 17, 0);
				tcp_data(s, false, PL_FILL, 13 + 16384, 0);
			}
			tcp_close(s);
		}
	} else if (k < 93) {                            /* DHT */
		s->client = &m->bt;
		s->server = gen_rng_public_ipv4(r);
		s->cport = 6881;
		s->sport = (uint16_t)gen_rng_range(r, 1024, 65000);
		push(s, OP_UDP, true, 0, PL_DHT_Q, 0, 0);
		if (gen_rng_chance(r, 750))
			push(s, OP_UDP, false, 0, PL_DHT_R, 0, 0);
	} else {                                        /* LAN chatter */
		push(s, OP_ARP_REQ, true, 0, PL_NONE, 0, 0);
		push(s, OP_ARP_REP, false, 0, PL_NONE, 0, 0);
		s->sport = 137;
		push(s, OP_UDP, true, 0, PL_NBNS, 50, 0);
	}
}

/* The payload of op into buf (at most len bytes, len <= GEN_MSS). */
static size_t payload(struct mix *m, struct mix_sess *s, const struct mix_op *o, uint8_t *buf,
		      size_t cap)
{
	static const char *const names[MIX_NAMES] = {
		"www.example.com", "mail.example.org", "portal.example.net", "news.example.co.jp",
		"cdn.static-example.net", "login.example-bank.com", "weather.example.jp",
		"update.example-soft.com", "docs.example.org", "video.example.tv",
		"shop.example.com", "api.example.net", "maps.example.com", "www.example-news.jp",
		"images.example-cdn.net", "crm.example-saas.com", "meet.example-conf.net",
		"files.example-share.com", "intranet.example.com", "wiki.example.org",
		"tickets.example-desk.com", "ads.example-media.net", "fonts.example-cdn.net",
		"telemetry.example-soft.com",
	};
	const uint8_t *fill = m->g->filler + (s->cseq & 0x3fff);
	const char *name = names[s->name];
	size_t n = o->len;
	int k;

	switch (o->pl) {
	case PL_DNS_Q:
		return gen_dns_query(buf, cap, s->dnsid, name);
	case PL_DNS_A:
		return gen_dns_answer(buf, cap, s->dnsid, name, 0, &m->name_addr[s->name], 1);
	case PL_HTTP_REQ:
		k = snprintf((char *)buf, cap,
			     "GET /index.html HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 "
			     "(Windows NT 10.0; Win64; x64)\r\nAccept: */*\r\n\r\n", name);
		return k > 0 && (size_t)k < cap ? (size_t)k : 0;
	case PL_DHT_Q:
	case PL_DHT_R: {
		const char *a = o->pl == PL_DHT_Q ? "d1:ad2:id20:" : "d1:rd2:id20:";
		const char *b = o->pl == PL_DHT_Q ? "e1:q4:ping1:t2:aa1:y1:qe" : "e1:t2:aa1:y1:re";
		size_t na = strlen(a), nb = strlen(b);

		memcpy(buf, a, na);
		memcpy(buf + na, fill, 20);
		memcpy(buf + na + 20, b, nb);
		return na + 20 + nb;
	}
	default:
		break;
	}
	memcpy(buf, fill, n);
	switch (o->pl) {
	case PL_TLS_CH:
	case PL_TLS_SH:
	case PL_TLS_APP:
		buf[0] = o->pl == PL_TLS_APP ? 0x17 : 0x16;
		buf[1] = 0x03, buf[2] = o->pl == PL_TLS_CH ? 0x01 : 0x03;
		buf[3] = (uint8_t)((n - 5) >> 8), buf[4] = (uint8_t)(n - 5);
		if (o->pl != PL_TLS_APP)
			buf[5] = o->pl == PL_TLS_CH ? 1 : 2;
		break;
	case PL_HTTP_RESP:
		k = snprintf((char *)buf, cap,
			     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 51200\r\n\r\n");
		(void)k;
		break;
	case PL_SMB2:
		memset(buf, 0, 4 + 64 < n ? 4 + 64 : n);
		buf[1] = 0, buf[2] = 0x01, buf[3] = 0x00;
		memcpy(buf + 4, "\xfeSMB", 4);
		buf[8] = 64;
		buf[16] = (uint8_t)o->arg;
		buf[20] = o->from_client ? 0 : 1;
		break;
	case PL_BT_HS:
		buf[0] = 19;
		memcpy(buf + 1, "BitTorrent protocol", 19);
		memset(buf + 20, 0, 8);
		memcpy(buf + 28, m->infohash, 20);
		memcpy(buf + 48, "-UT3550-", 8);
		break;
	case PL_NBNS:
		buf[2] = 0x01, buf[3] = 0x10, buf[4] = 0, buf[5] = 1;
		memset(buf + 6, 0, 6);
		buf[12] = 32;
		memset(buf + 13, 'A', 32);
		buf[45] = 0, buf[46] = 0, buf[47] = 0x20, buf[48] = 0, buf[49] = 1;
		break;
	default:
		break;
	}
	return n;
}

/* The next packet of s into p; false when s has ended. */
static bool sess_step(struct mix *m, struct mix_sess *s, struct gen_pkt *p)
{
	struct gen_host out, *srv;
	const struct mix_op *o;
	uint8_t buf[GEN_MSS + 64];
	size_t n;

	if (s->i >= s->nops)
		return false;
	o = &s->ops[s->i++];
	if (s->lan_server) {
		srv = s->lan_server;
	} else if (o->pl == PL_DNS_Q || o->pl == PL_DNS_A || o->kind == OP_ARP_REQ ||
		   o->kind == OP_ARP_REP) {
		srv = &m->gw;
	} else if (o->pl == PL_NBNS) {
		srv = &m->bcast;
	} else {
		gen_host_v4(&out, s->server, m->gw.mac, (uint8_t)(44 + (s->server & 15)),
			    (uint16_t)gen_rng_next(&m->g->rng));
		srv = &out;
	}
	n = payload(m, s, o, buf, sizeof(buf));
	switch (o->kind) {
	case OP_ARP_REQ:
		gen_pkt_arp(p, 1, s->client, srv);
		return true;
	case OP_ARP_REP:
		gen_pkt_arp(p, 2, srv, s->client);
		return true;
	case OP_UDP: {
		uint16_t cport = o->pl == PL_DNS_Q || o->pl == PL_DNS_A ? (uint16_t)(s->cport ^ 0x2000)
									 : s->cport;
		uint16_t sport = o->pl == PL_DNS_Q || o->pl == PL_DNS_A ? 53 : s->sport;

		if (o->pl == PL_NBNS)
			cport = 137;
		if (o->from_client)
			gen_pkt_udp(p, s->client, srv, cport, sport, buf, n);
		else
			gen_pkt_udp(p, srv, s->client, sport, cport, buf, n);
		return true;
	}
	default: {
		struct gen_tcp t;

		memset(&t, 0, sizeof(t));
		t.flags = o->flags;
		t.synopt = (o->flags & GEN_TCP_SYN) != 0;
		t.data = buf;
		t.dlen = n;
		if (o->from_client) {
			t.sport = s->cport, t.dport = s->sport;
			t.seq = s->cseq, t.ack = (o->flags & GEN_TCP_ACK) ? s->sseq : 0;
			t.win = 64240;
			gen_pkt_tcp(p, s->client, srv, &t);
			s->cseq += (uint32_t)n + ((o->flags & (GEN_TCP_SYN | GEN_TCP_FIN)) ? 1 : 0);
		} else {
			t.sport = s->sport, t.dport = s->cport;
			t.seq = (o->flags & GEN_TCP_RST) ? 0 : s->sseq;
			t.ack = s->cseq;
			t.win = (o->flags & GEN_TCP_RST) ? 0 : 65535;
			gen_pkt_tcp(p, srv, s->client, &t);
			s->sseq += (uint32_t)n + ((o->flags & (GEN_TCP_SYN | GEN_TCP_FIN)) ? 1 : 0);
		}
		return true;
	}
	}
}

static void mix_init(struct mix *m, struct gen *g)
{
	static const uint8_t gw_mac[6] = {0x00, 0x1d, 0xaa, 0xc0, 0xff, 0x03};
	uint8_t mac[6];

	m->g = g;
	gen_host_v4(&m->gw, 0x0a280001, gw_mac, 64, 1);
	gen_host_v4(&m->bcast, 0x0a28ffff, gen_mac_broadcast, 0, 0);
	for (uint32_t i = 0; i < 2; i++) {
		gen_mac_for(mac, 0x41, 10 + i);
		gen_host_v4(&m->fs[i], 0x0a28000a + i, mac, 128, (uint16_t)gen_rng_next(&g->rng));
	}
	for (uint32_t i = 0; i < MIX_CLIENTS; i++) {
		gen_mac_for(mac, 0x42, 1 + i);
		gen_host_v4(&m->pcs[i], 0x0a280101 + i, mac, 128, (uint16_t)gen_rng_next(&g->rng));
	}
	gen_mac_for(mac, 0x43, 7);
	gen_host_v4(&m->bt, 0x0a280207, mac, 128, (uint16_t)gen_rng_next(&g->rng));
	for (unsigned i = 0; i < MIX_NAMES; i++)
		m->name_addr[i] = gen_rng_public_ipv4(&g->rng);
	m->cport_next = (uint16_t)gen_rng_range(&g->rng, 49152, 60000);
	gen_rng_bytes(&g->rng, m->infohash, sizeof(m->infohash));
	for (unsigned i = 0; i < MIX_SESS; i++)
		sess_start(m, &m->sess[i]);
}

ww_rc gen_scn_officemix(struct gen *g, FILE *truth)
{
	struct mix *m = ww_calloc(1, sizeof(*m));
	uint64_t n = g->opt_packets;
	char addr[32];
	ww_rc rc = WW_OK;

	if (!m) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	mix_init(m, g);
	for (uint64_t k = 0; k < n && !g->rc; k++) {
		uint64_t t = k * MIX_SLOT_US + gen_rng_below(&g->rng, MIX_SLOT_US);
		struct gen_pkt p;

		for (;;) {
			struct mix_sess *s = &m->sess[m->next];

			m->next = (m->next + 1) % MIX_SESS;
			if (sess_step(m, s, &p))
				break;
			sess_start(m, s);
		}
		gen_emit(g, t, &p);
	}
	rc = gen_truth_row(truth, "10.40.2.7", "p2p", "BitTorrent TCP and DHT");
	for (uint32_t i = 0; i < 2 && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.40.0.%u", 10 + i);
		rc = gen_truth_row(truth, addr, "normal", "file server (SMB2)");
	}
	for (uint32_t i = 0; i < MIX_CLIENTS && !rc; i++) {
		snprintf(addr, sizeof(addr), "10.40.1.%u", 1 + i);
		rc = gen_truth_row(truth, addr, "normal", "DNS, HTTP/HTTPS, SMB2");
	}
	free(m);
	return rc;
}
