/* p2pstale: a Gnutella client (BearShare on Windows XP) whose host cache
 * has gone stale, on LAN 192.168.3.0/24 for about 80 s. Modelled on how
 * such a client behaves: its connection manager walks the cache again and
 * again, so the same ~80 peers on 6346 are retried with a new source port
 * each time (application retries), and Windows retransmits each
 * unanswered SYN after 3 s and another 6 s.
 *
 * .40, the client: from 09:00:02 for 57 s a connection attempt every
 * 100-160 ms to the next peer of its shuffled cache of 80 (all on 6346):
 * ~56% of the peers are gone (no answer), ~41% refuse (RST/ACK), 2 answer
 * and take the Gnutella handshake (`GNUTELLA CONNECT/0.6`, `User-Agent:
 * BearShare 4.7.0.4`) only to say `GNUTELLA/0.6 503 Service unavailable`.
 * About 900 SYNs in all, ~98% unanswered or refused. Between them four
 * downloads from hosts that answered queries: `GET /get/12/song.mp3
 * HTTP/1.1` (other indexes and names too) answered `HTTP/1.1 503 Busy`;
 * and 40 Gnutella UDP pings (23-byte header, type 0x00, TTL 1) from UDP
 * 6346 to cache peers, six answered with a pong (type 0x01).
 * .41 browses normally; the router .1 answers DNS. */
#include "office.h"

#define P2P_NET 0xc0a80300u /* 192.168.3.0/24 */

enum { NPEERS = 80, GNUT_PORT = 6346, CLIENT_LAST = 40, PC_LAST = 41 };
enum { PEER_GONE, PEER_REFUSE, PEER_BUSY };

struct p2p {
	struct office lan;
	struct gen_host client, pc;
	uint32_t peer_ip[NPEERS];
	uint8_t fate[NPEERS];
};

static const char ua[] = "BearShare 4.7.0.4";

static uint64_t say(struct gen *g, struct gen_flow *f, bool from_client, const char *text,
		    uint64_t t)
{
	return gen_flow_send(g, f, from_client, (const uint8_t *)text, strlen(text), t);
}

/* One connection attempt of the client to peer i at t. */
static void attempt(struct gen *g, struct p2p *s, unsigned i, uint64_t t)
{
	struct gen_host peer;
	struct gen_flow f;
	char buf[512];

	office_outside(g, &s->lan, &peer, s->peer_ip[i]);
	gen_flow_init(&f, g, &s->client, &peer, office_port(&s->lan, &s->client), GNUT_PORT,
		      gen_rng_range(&g->rng, 40000, 250000));
	f.cwin = 64512;
	switch (s->fate[i]) {
	case PEER_GONE:
		office_lost_syn(g, &f, t, true);
		break;
	case PEER_REFUSE:
		gen_flow_syn(g, &f, t, NULL);
		gen_flow_refuse(g, &f, t + f.rtt_us);
		break;
	default:
		t = gen_flow_open(g, &f, t);
		snprintf(buf, sizeof(buf),
			 "GNUTELLA CONNECT/0.6\r\nUser-Agent: %s\r\nX-Ultrapeer: False\r\n"
			 "X-Query-Routing: 0.1\r\nPong-Caching: 0.1\r\nGGEP: 0.5\r\n\r\n", ua);
		t = say(g, &f, true, buf, t + 300);
		t = say(g, &f, false,
			"GNUTELLA/0.6 503 Service unavailable\r\nUser-Agent: LimeWire/4.12.6\r\n"
			"X-Ultrapeer: True\r\nX-Try-Ultrapeers: \r\n\r\n",
			t + 2000);
		gen_flow_close(g, &f, false, t + 200);
		break;
	}
}

/* An HTTP-style Gnutella download from a host that answered a query. */
static void download(struct gen *g, struct p2p *s, uint32_t ip, uint16_t port, unsigned idx,
		     const char *file, uint64_t t)
{
	struct gen_host host;
	struct gen_flow f;
	char buf[512];

	office_outside(g, &s->lan, &host, ip);
	gen_flow_init(&f, g, &s->client, &host, office_port(&s->lan, &s->client), port,
		      gen_rng_range(&g->rng, 40000, 250000));
	f.cwin = 64512;
	t = gen_flow_open(g, &f, t);
	snprintf(buf, sizeof(buf),
		 "GET /get/%u/%s HTTP/1.1\r\nUser-Agent: %s\r\nHost: %u.%u.%u.%u:%u\r\n"
		 "Range: bytes=0-\r\nX-Queue: 0.1\r\nConnection: Keep-Alive\r\n\r\n",
		 idx, file, ua, host.ip[0], host.ip[1], host.ip[2], host.ip[3], port);
	t = say(g, &f, true, buf, t + 300);
	t = say(g, &f, false,
		"HTTP/1.1 503 Busy\r\nServer: LimeWire/4.12.6\r\nContent-Length: 0\r\n"
		"Retry-After: 60\r\n\r\n",
		t + 1500);
	gen_flow_close(g, &f, false, t + 300);
}

/* Gnutella descriptor header: GUID, type, TTL, hops, payload length (LE). */
static void gnut_header(struct gen *g, uint8_t *h, uint8_t type, uint32_t plen)
{
	gen_rng_bytes(&g->rng, h, 16);
	h[8] = 0xff, h[15] = 0x00;      /* a modern servent's GUID */
	h[16] = type;
	h[17] = 1, h[18] = 0;
	h[19] = (uint8_t)plen, h[20] = (uint8_t)(plen >> 8);
	h[21] = (uint8_t)(plen >> 16), h[22] = (uint8_t)(plen >> 24);
}

static void udp_pings(struct gen *g, struct p2p *s, uint64_t t0)
{
	for (unsigned k = 0; k < 40; k++) {
		unsigned i = (k * 7) % NPEERS;
		uint64_t t = t0 + (uint64_t)k * gen_rng_range(&g->rng, 900000, 1500000);
		struct gen_host peer;
		struct gen_pkt p;
		uint8_t msg[64];

		office_outside(g, &s->lan, &peer, s->peer_ip[i]);
		gnut_header(g, msg, 0x00, 0);
		gen_pkt_udp(&p, &s->client, &peer, GNUT_PORT, GNUT_PORT, msg, 23);
		gen_emit(g, t, &p);
		if (k % 7 == 3) {
			gnut_header(g, msg, 0x01, 14);
			msg[23] = (uint8_t)GNUT_PORT, msg[24] = (uint8_t)(GNUT_PORT >> 8);
			memcpy(msg + 25, peer.ip, 4);
			put32(msg + 29, 0), msg[29] = (uint8_t)gen_rng_below(&g->rng, 250);
			put32(msg + 33, 0), msg[33] = (uint8_t)gen_rng_below(&g->rng, 250);
			gen_pkt_udp(&p, &peer, &s->client, GNUT_PORT, GNUT_PORT, msg, 37);
			gen_emit(g, t + gen_rng_range(&g->rng, 40000, 300000), &p);
		}
	}
}

ww_rc gen_scn_p2pstale(struct gen *g, FILE *truth)
{
	static const struct {
		unsigned idx;
		const char *file;
	} files[] = {
		{12, "song.mp3"}, {87, "Live%20Session%2003.mp3"}, {12, "song.mp3"},
		{4031, "holiday_video.avi"},
	};
	struct p2p *s = ww_calloc(1, sizeof(*s));
	uint8_t order[NPEERS];
	uint32_t dl_ip[3];
	uint64_t t, end = GEN_US(59);
	unsigned k = 0, nth = 0;
	ww_rc rc;

	if (!s) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	office_lan_init(&s->lan, P2P_NET);
	office_lan_host(&s->lan, g, &s->client, CLIENT_LAST, true, false);
	office_lan_host(&s->lan, g, &s->pc, PC_LAST, false, false);
	for (unsigned i = 0; i < NPEERS; i++) {
		uint32_t r = gen_rng_below(&g->rng, 100);

		s->peer_ip[i] = gen_rng_public_ipv4(&g->rng);
		s->fate[i] = i < 2 ? PEER_BUSY : r < 58 ? PEER_GONE : PEER_REFUSE;
		order[i] = (uint8_t)i;
	}
	for (unsigned i = NPEERS - 1; i > 0; i--) {
		unsigned j = gen_rng_below(&g->rng, i + 1);
		uint8_t tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	for (t = GEN_US(2) + gen_rng_below(&g->rng, 500000); t < end;
	     t += gen_rng_range(&g->rng, 100000, 160000))
		attempt(g, s, order[k++ % NPEERS], t);
	for (unsigned i = 0; i < 3; i++)
		dl_ip[i] = gen_rng_public_ipv4(&g->rng);
	for (unsigned i = 0; i < WW_ARRAY_LEN(files); i++)
		download(g, s, dl_ip[i % 3], i == 1 ? 6348 : GNUT_PORT, files[i].idx, files[i].file,
			 GEN_US(6 + 13 * i) + gen_rng_below(&g->rng, 3000000));
	udp_pings(g, s, GEN_US(3));
	for (t = GEN_MS(800); t < GEN_US(75); t += gen_rng_range(&g->rng, 5000000, 20000000))
		office_page_load(g, &s->lan, &s->pc, nth++, t);

	rc = gen_truth_row(truth, "192.168.3.40", "p2p",
			   "Gnutella client (BearShare) with a stale host cache: ~900 SYNs to 80 "
			   "peers on 6346 in 57 s, 503 Busy downloads, UDP pings");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.3.41", "normal", "DNS then HTTP/HTTPS");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.3.1", "normal", "router, DNS forwarder");
	free(s);
	return rc;
}
