/* office: the BitTorrent user 192.168.0.60 on TCP and UDP 6881. 40 outside
 * peers connect in; it connects out to 150 peers on high ports (30% fail:
 * no answer or RST); it pings 300 DHT nodes, 70% answer, and the first 100
 * of them are its outbound TCP peers (same address and port). */
#include "office.h"

enum {
	BT_PORT = 6881,
	BT_IN = 40,
	BT_OUT = 150,
	BT_DHT = 300,
	BT_HS_LEN = 68,
	BT_PIECE = 16384
};

struct bt_ctx {
	uint8_t infohash[20];
	uint8_t my_id[20];
	uint8_t node_id[20];
};

static void peer_id(struct gen *g, uint8_t id[20])
{
	static const char *const clients[] = {"-qB4630-", "-TR4060-", "-UT3600-", "-DE2110-"};

	memcpy(id, clients[gen_rng_below(&g->rng, WW_ARRAY_LEN(clients))], 8);
	gen_rng_bytes(&g->rng, id + 8, 12);
}

/* "\x13BitTorrent protocol" + 8 reserved + infohash + peer id */
static void handshake(uint8_t out[BT_HS_LEN], const uint8_t infohash[20], const uint8_t id[20])
{
	static const uint8_t reserved[8] = {0, 0, 0, 0, 0, 0x10, 0, 0x05};

	out[0] = 19;
	memcpy(out + 1, "BitTorrent protocol", 19);
	memcpy(out + 20, reserved, 8);
	memcpy(out + 28, infohash, 20);
	memcpy(out + 48, id, 20);
}

/* A length-prefixed peer message with id and a short body. */
static size_t bt_msg(uint8_t *out, uint8_t id, const uint8_t *body, uint32_t blen,
		     uint32_t claim)
{
	uint32_t len = 1 + claim;

	out[0] = (uint8_t)(len >> 24), out[1] = (uint8_t)(len >> 16);
	out[2] = (uint8_t)(len >> 8), out[3] = (uint8_t)len;
	out[4] = id;
	if (blen)
		memcpy(out + 5, body, blen);
	return 5 + blen;
}

/* One piece from sender to receiver: request from the receiver, then the
 * piece message header and 16 KiB of data. */
static uint64_t bt_piece(struct gen *g, struct gen_flow *f, bool from_client, uint32_t index,
			 uint64_t t)
{
	uint8_t req[17], body[12], hdr[13];
	size_t n;

	put32(body, index);
	put32(body + 4, 0);
	put32(body + 8, BT_PIECE);
	n = bt_msg(req, 6, body, 12, 12);
	t = gen_flow_send(g, f, !from_client, req, n, t + 300);
	n = bt_msg(hdr, 7, body, 8, 8 + BT_PIECE);
	t = gen_flow_send(g, f, from_client, hdr, n, t + 200);
	return gen_flow_send(g, f, from_client, NULL, BT_PIECE, t + 50);
}

/* Handshake both ways, bitfields, interested/unchoke, some pieces, then a
 * close. The connecting side is always the downloader here: .60 fetches
 * from the peers it dials and serves the peers that dial it. */
static void bt_session(struct gen *g, struct bt_ctx *bt, struct gen_flow *f, bool we_client,
		       uint64_t t)
{
	uint8_t hs[BT_HS_LEN], peer[20], msg[64], bits[40];
	unsigned pieces = gen_rng_range(&g->rng, 1, 3);
	size_t n;

	peer_id(g, peer);
	t = gen_flow_open(g, f, t);
	handshake(hs, bt->infohash, we_client ? bt->my_id : peer);
	t = gen_flow_send(g, f, true, hs, sizeof(hs), t + 100);
	handshake(hs, bt->infohash, we_client ? peer : bt->my_id);
	t = gen_flow_send(g, f, false, hs, sizeof(hs), t + 200);
	gen_rng_bytes(&g->rng, bits, sizeof(bits));
	n = bt_msg(msg, 5, bits, sizeof(bits), sizeof(bits));    /* bitfield */
	t = gen_flow_send(g, f, false, msg, n, t + 150);
	n = bt_msg(msg, 2, NULL, 0, 0);                          /* interested */
	t = gen_flow_send(g, f, true, msg, n, t + 400);
	n = bt_msg(msg, 1, NULL, 0, 0);                          /* unchoke */
	t = gen_flow_send(g, f, false, msg, n, t + 300);
	for (unsigned i = 0; i < pieces; i++)
		t = bt_piece(g, f, false, gen_rng_below(&g->rng, 2000),
			     t + gen_rng_range(&g->rng, 1000, 200000));
	if (t + GEN_US(2) < OFFICE_DURATION)
		gen_flow_close(g, f, gen_rng_chance(&g->rng, 500),
			       t + gen_rng_range(&g->rng, 100000, 2000000));
}

static void bt_inbound(struct gen *g, struct office *o, struct bt_ctx *bt)
{
	for (unsigned i = 0; i < BT_IN; i++) {
		struct gen_host peer;
		struct gen_flow f;
		uint64_t t = GEN_US(3) + gen_rng_below(&g->rng, 270000000);

		office_outside(g, o, &peer, gen_rng_public_ipv4(&g->rng));
		gen_flow_init(&f, g, &peer, &o->bt, (uint16_t)gen_rng_range(&g->rng, 1024, 65000),
			      BT_PORT, gen_rng_range(&g->rng, 30000, 300000));
		f.at_server = true;
		bt_session(g, bt, &f, false, t);
	}
}

struct bt_peer {
	uint32_t ip;
	uint16_t port;
};

static void bt_outbound(struct gen *g, struct office *o, struct bt_ctx *bt,
			struct bt_peer *peers)
{
	for (unsigned i = 0; i < BT_OUT; i++) {
		struct gen_host peer;
		struct gen_flow f;
		uint64_t t = GEN_US(2) + gen_rng_below(&g->rng, 285000000);
		uint32_t r = gen_rng_below(&g->rng, 100);

		peers[i].ip = gen_rng_public_ipv4(&g->rng);
		peers[i].port = gen_rng_chance(&g->rng, 100)
					? BT_PORT
					: (uint16_t)gen_rng_range(&g->rng, 10000, 65000);
		office_outside(g, o, &peer, peers[i].ip);
		gen_flow_init(&f, g, &o->bt, &peer, office_port(o, &o->bt), peers[i].port,
			      gen_rng_range(&g->rng, 30000, 300000));
		if (r < 70) {
			bt_session(g, bt, &f, true, t);
		} else if (r < 85) {
			gen_flow_syn(g, &f, t, NULL);
			if (t + GEN_US(9) < OFFICE_DURATION) {
				gen_flow_syn(g, &f, t + GEN_US(3), NULL);
				gen_flow_syn(g, &f, t + GEN_US(9), NULL);
			}
		} else {
			gen_flow_syn(g, &f, t, NULL);
			gen_flow_refuse(g, &f, t + f.rtt_us);
		}
	}
}

/* d1:ad2:id20:<id>e1:q4:ping1:t2:aa1:y1:qe and the reply
 * d1:rd2:id20:<id>e1:t2:aa1:y1:re */
static size_t dht_msg(uint8_t *out, bool reply, const uint8_t id[20])
{
	static const char q1[] = "d1:ad2:id20:", q2[] = "e1:q4:ping1:t2:aa1:y1:qe";
	static const char r1[] = "d1:rd2:id20:", r2[] = "e1:t2:aa1:y1:re";
	const char *a = reply ? r1 : q1, *b = reply ? r2 : q2;
	size_t na = strlen(a), nb = strlen(b);

	memcpy(out, a, na);
	memcpy(out + na, id, 20);
	memcpy(out + na + 20, b, nb);
	return na + 20 + nb;
}

static void bt_dht(struct gen *g, struct office *o, struct bt_ctx *bt,
		   const struct bt_peer *tcp_peers)
{
	uint8_t msg[96], id[20];

	for (unsigned i = 0; i < BT_DHT; i++) {
		struct gen_host node;
		struct gen_pkt p;
		uint32_t ip = i < 100 ? tcp_peers[i].ip : gen_rng_public_ipv4(&g->rng);
		uint16_t port = i < 100 ? tcp_peers[i].port
					: (uint16_t)gen_rng_range(&g->rng, 1024, 65000);
		uint64_t t = GEN_MS(1500) + gen_rng_below(&g->rng, 295000000);
		size_t n;

		office_outside(g, o, &node, ip);
		n = dht_msg(msg, false, bt->node_id);
		gen_pkt_udp(&p, &o->bt, &node, BT_PORT, port, msg, n);
		gen_emit(g, t, &p);
		if (gen_rng_chance(&g->rng, 700)) {
			gen_rng_bytes(&g->rng, id, sizeof(id));
			n = dht_msg(msg, true, id);
			gen_pkt_udp(&p, &node, &o->bt, port, BT_PORT, msg, n);
			gen_emit(g, t + gen_rng_range(&g->rng, 30000, 400000), &p);
		}
	}
}

void office_p2p(struct gen *g, struct office *o)
{
	struct bt_ctx bt;
	struct bt_peer peers[BT_OUT];

	gen_rng_bytes(&g->rng, bt.infohash, sizeof(bt.infohash));
	memcpy(bt.my_id, "-UT3550-", 8);
	gen_rng_bytes(&g->rng, bt.my_id + 8, 12);
	gen_rng_bytes(&g->rng, bt.node_id, sizeof(bt.node_id));
	bt_inbound(g, o, &bt);
	bt_outbound(g, o, &bt, peers);
	bt_dht(g, o, &bt, peers);
}
