/* TCP conversations as a capture point near the client sees them: the
 * client's packets at t, the server's answers rtt later. */
#include "gen.h"

void gen_flow_init(struct gen_flow *f, struct gen *g, struct gen_host *c, struct gen_host *s,
		   uint16_t cport, uint16_t sport, uint32_t rtt_us)
{
	memset(f, 0, sizeof(*f));
	f->c = c;
	f->s = s;
	f->cport = cport;
	f->sport = sport;
	f->cseq = (uint32_t)gen_rng_next(&g->rng);
	f->sseq = (uint32_t)gen_rng_next(&g->rng);
	f->cwin = 64240;
	f->swin = 65535;
	f->rtt_us = rtt_us ? rtt_us : 1;
}

/* Delay between a packet from one side and the answer, at the capture. */
static uint64_t answer_delay(const struct gen_flow *f, bool from_client)
{
	return from_client != f->at_server ? f->rtt_us : 90;
}

static void seg_keep(struct gen *g, struct gen_flow *f, bool from_client, uint8_t flags,
		     const uint8_t *data, size_t dlen, uint64_t t, struct gen_pkt *keep)
{
	struct gen_pkt p;
	struct gen_tcp tcp;

	memset(&tcp, 0, sizeof(tcp));
	tcp.flags = flags;
	tcp.synopt = (flags & GEN_TCP_SYN) != 0;
	tcp.hbh = f->hbh;
	tcp.data = data;
	tcp.dlen = dlen;
	if (from_client) {
		tcp.sport = f->cport, tcp.dport = f->sport;
		tcp.seq = f->cseq, tcp.ack = (flags & GEN_TCP_ACK) ? f->sseq : 0;
		tcp.win = f->cwin;
		gen_pkt_tcp(&p, f->c, f->s, &tcp);
	} else {
		tcp.sport = f->sport, tcp.dport = f->cport;
		tcp.seq = f->sseq, tcp.ack = (flags & GEN_TCP_ACK) ? f->cseq : 0;
		tcp.win = f->swin;
		gen_pkt_tcp(&p, f->s, f->c, &tcp);
	}
	gen_emit(g, t, &p);
	if (keep)
		*keep = p;
}

static void seg(struct gen *g, struct gen_flow *f, bool from_client, uint8_t flags,
		const uint8_t *data, size_t dlen, uint64_t t)
{
	seg_keep(g, f, from_client, flags, data, dlen, t, NULL);
}

void gen_flow_syn(struct gen *g, struct gen_flow *f, uint64_t t, struct gen_pkt *keep)
{
	seg_keep(g, f, true, GEN_TCP_SYN, NULL, 0, t, keep);
}

void gen_flow_synack(struct gen *g, struct gen_flow *f, uint64_t t)
{
	f->cseq++;  /* the SYN took one */
	seg(g, f, false, GEN_TCP_SYN | GEN_TCP_ACK, NULL, 0, t);
	f->sseq++;
}

void gen_flow_refuse(struct gen *g, struct gen_flow *f, uint64_t t)
{
	struct gen_flow tmp = *f;

	tmp.cseq++;
	tmp.sseq = 0;
	tmp.swin = 0;
	seg(g, &tmp, false, GEN_TCP_RST | GEN_TCP_ACK, NULL, 0, t);
}

void gen_flow_rst(struct gen *g, struct gen_flow *f, bool from_client, uint64_t t)
{
	struct gen_flow tmp = *f;

	if (from_client)
		tmp.cwin = 0;
	else
		tmp.swin = 0;
	seg(g, &tmp, from_client, GEN_TCP_RST, NULL, 0, t);
}

uint64_t gen_flow_open(struct gen *g, struct gen_flow *f, uint64_t t)
{
	gen_flow_syn(g, f, t, NULL);
	t += answer_delay(f, true);
	gen_flow_synack(g, f, t);
	t += answer_delay(f, false) + 30;
	seg(g, f, true, GEN_TCP_ACK, NULL, 0, t);
	return t;
}

uint64_t gen_flow_send(struct gen *g, struct gen_flow *f, bool from_client,
		       const uint8_t *data, size_t len, uint64_t t)
{
	size_t off = 0;
	unsigned nseg = 0;
	/* Segments leave back to back: ~12 us apart on 100 Mbit/s. */
	uint64_t gap = 120;

	while (off < len) {
		size_t n = len - off > GEN_MSS ? GEN_MSS : len - off;
		bool last = off + n == len;
		const uint8_t *d;
		uint32_t *seq = from_client ? &f->cseq : &f->sseq;

		if (data)
			d = data + off;
		else
			d = g->filler + (off % (GEN_FILLER - GEN_MSS));
		seg(g, f, from_client, (uint8_t)(GEN_TCP_ACK | (last ? GEN_TCP_PSH : 0)), d, n,
		    t);
		*seq += (uint32_t)n;
		off += n;
		nseg++;
		if (last || nseg % 2 == 0) {
			uint64_t at = t + answer_delay(f, from_client);

			seg(g, f, !from_client, GEN_TCP_ACK, NULL, 0, at);
			if (last)
				t = at;
		}
		if (!last)
			t += gap;
	}
	return t;
}

uint64_t gen_flow_close(struct gen *g, struct gen_flow *f, bool client_first, uint64_t t)
{
	seg(g, f, client_first, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0, t);
	if (client_first)
		f->cseq++;
	else
		f->sseq++;
	t += answer_delay(f, client_first) + 100;
	seg(g, f, !client_first, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0, t);
	if (client_first)
		f->sseq++;
	else
		f->cseq++;
	t += answer_delay(f, !client_first);
	seg(g, f, client_first, GEN_TCP_ACK, NULL, 0, t);
	return t;
}
