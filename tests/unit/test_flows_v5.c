/* NetFlow v5 parsing and the flow -> attempt mapping, from hand-built
 * datagrams (the Cisco v5 layout written out field by field). */
#include "core/common.h"
#include "decode/packet.h"
#include "flows/flows.h"
#include "flows/flows_int.h"
#include "ww_test.h"

#define EXPORT_S 1772442300u /* 2026-03-02T09:05:00Z */
#define UPTIME 600000u       /* the exporter booted 10 minutes before */

static void be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

struct v5 {
	uint8_t b[24 + 30 * 48];
	uint16_t n;
};

static void v5_init(struct v5 *d, uint32_t seq, uint16_t sampling)
{
	memset(d, 0, sizeof(*d));
	be16(d->b, 5);
	be32(d->b + 4, UPTIME);
	be32(d->b + 8, EXPORT_S);
	be32(d->b + 16, seq);
	be16(d->b + 22, sampling);
}

/* A record: ms_before = how long before the export the flow started. */
static void v5_rec(struct v5 *d, uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp,
                   uint8_t proto, uint8_t flags, uint32_t pkts, uint32_t ms_before)
{
	uint8_t *r = d->b + 24 + d->n * 48;
	be32(r, src);
	be32(r + 4, dst);
	be32(r + 16, pkts);
	be32(r + 20, pkts * 60);
	be32(r + 24, UPTIME - ms_before);
	be32(r + 28, UPTIME - ms_before + 10);
	be16(r + 32, sp);
	be16(r + 34, dp);
	r[37] = flags;
	r[38] = proto;
	d->n++;
	be16(d->b + 2, d->n);
}

static size_t v5_len(const struct v5 *d)
{
	return 24 + (size_t)d->n * 48;
}

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

struct got {
	struct ww_attempt a[64];
	size_t n;
};

static void on_attempt(void *ud, const struct ww_attempt *a)
{
	struct got *g = ud;
	if (g->n < 64)
		g->a[g->n++] = *a;
}

static const struct ww_attempt *find(const struct got *g, uint32_t src, uint32_t dst,
                                     uint16_t dport)
{
	size_t i;
	for (i = 0; i < g->n; i++)
		if (ww_addr_v4(&g->a[i].src) == src && ww_addr_v4(&g->a[i].dst) == dst &&
		    g->a[i].dport == dport)
			return &g->a[i];
	return NULL;
}

static struct ww_flows_from from_udp(uint64_t n)
{
	struct ww_flows_from f;
	memset(&f, 0, sizeof(f));
	ww_addr_from_v4(&f.addr, IP(10, 9, 9, 9));
	f.port = 9995;
	f.offset = n;
	return f;
}

static void parse_basic(void)
{
	struct v5 d;
	struct ww_v5_hdr h;
	size_t where;
	v5_init(&d, 100, 0);
	v5_rec(&d, IP(192, 168, 0, 23), IP(192, 168, 0, 10), 1100, 445, 6, WW_TH_SYN, 1, 5000);
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, v5_len(&d), &h, NULL, NULL, &where), WW_OK);
	CHECK_EQ_INT(h.count, 1);
	CHECK_EQ_INT(h.seq, 100);
	/* cut in the middle of the record: truncated, at the record's offset */
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, v5_len(&d) - 10, &h, NULL, NULL, &where),
	             WW_ERR_TRUNCATED);
	CHECK_EQ_INT(where, 24);
	/* a count of 0 or over 30 is not v5 */
	be16(d.b + 2, 0);
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, v5_len(&d), &h, NULL, NULL, &where), WW_ERR_FORMAT);
	be16(d.b + 2, 31);
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, sizeof(d.b), &h, NULL, NULL, &where), WW_ERR_FORMAT);
	be16(d.b, 7);
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, sizeof(d.b), &h, NULL, NULL, &where),
	             WW_ERR_UNSUPPORTED);
	CHECK_EQ_INT(ww_flows_v5_parse(d.b, 10, &h, NULL, NULL, &where), WW_ERR_TRUNCATED);
}

/* The outcomes flows can tell, one connection each. */
static void outcomes(void)
{
	struct ww_flows_opts o;
	struct ww_flows *f;
	struct ww_flows_from fr = from_udp(1);
	struct got g;
	struct v5 d;
	const struct ww_attempt *a;
	const uint32_t h = IP(192, 168, 0, 23);
	memset(&o, 0, sizeof(o));
	memset(&g, 0, sizeof(g));
	o.on_attempt = on_attempt;
	o.ud = &g;
	o.seed = 7;
	CHECK_EQ_INT(ww_flows_open(&o, &f), WW_OK);
	v5_init(&d, 0, 0);
	/* SYN only, no reverse: timeout */
	v5_rec(&d, h, IP(203, 0, 113, 1), 1100, 445, 6, WW_TH_SYN, 3, 9000);
	/* SYN; the reverse RST+ACK: refused */
	v5_rec(&d, h, IP(203, 0, 113, 2), 1101, 445, 6, WW_TH_SYN, 1, 8000);
	v5_rec(&d, IP(203, 0, 113, 2), h, 445, 1101, 6, WW_TH_RST | WW_TH_ACK, 1, 7990);
	/* SYN, RST; the reverse SYN+ACK: success (a scanner's half-open) */
	v5_rec(&d, h, IP(192, 168, 0, 10), 1102, 139, 6, WW_TH_SYN | WW_TH_RST, 2, 7000);
	v5_rec(&d, IP(192, 168, 0, 10), h, 139, 1102, 6, WW_TH_SYN | WW_TH_ACK, 1, 6990);
	/* UDP both ways: success; one way: timeout */
	v5_rec(&d, h, IP(192, 168, 0, 1), 5353, 53, 17, 0, 1, 6000);
	v5_rec(&d, IP(192, 168, 0, 1), h, 53, 5353, 17, 0, 1, 5990);
	v5_rec(&d, h, IP(198, 51, 100, 7), 40000, 1434, 17, 0, 1, 5000);
	/* ICMP echo request and reply (type << 8 | code in the port) */
	v5_rec(&d, h, IP(192, 168, 0, 10), 0, 0x0800, 1, 0, 1, 4000);
	v5_rec(&d, IP(192, 168, 0, 10), h, 0, 0x0000, 1, 0, 1, 3990);
	/* UDP to .99, answered by a port unreachable from .99 itself: refused */
	v5_rec(&d, h, IP(192, 168, 0, 99), 40001, 161, 17, 0, 1, 3000);
	v5_rec(&d, IP(192, 168, 0, 99), h, 0, 0x0303, 1, 0, 1, 2990);
	/* the middle of a connection (no SYN): not an opening */
	v5_rec(&d, h, IP(192, 168, 0, 10), 1103, 445, 6, WW_TH_ACK | WW_TH_PSH, 20, 2000);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, d.b, v5_len(&d), &fr), WW_OK);
	ww_flows_finish(f);
	a = find(&g, h, IP(203, 0, 113, 1), 445);
	CHECK(a && a->outcome == WW_OUTCOME_TIMEOUT && a->syn && a->proto == 6);
	CHECK(a && a->ts_us == ((int64_t)EXPORT_S * 1000 - 9000) * 1000);
	a = find(&g, h, IP(203, 0, 113, 2), 445);
	CHECK(a && a->outcome == WW_OUTCOME_REFUSED);
	CHECK(!find(&g, IP(203, 0, 113, 2), h, 1101)); /* the answer is no attempt */
	a = find(&g, h, IP(192, 168, 0, 10), 139);
	CHECK(a && a->outcome == WW_OUTCOME_SUCCESS && a->sport == 1102);
	a = find(&g, h, IP(192, 168, 0, 1), 53);
	CHECK(a && a->outcome == WW_OUTCOME_SUCCESS);
	a = find(&g, h, IP(198, 51, 100, 7), 1434);
	CHECK(a && a->outcome == WW_OUTCOME_TIMEOUT);
	a = find(&g, h, IP(192, 168, 0, 10), 0);
	CHECK(a && a->proto == 1 && a->outcome == WW_OUTCOME_SUCCESS);
	a = find(&g, h, IP(192, 168, 0, 99), 161);
	CHECK(a && a->outcome == WW_OUTCOME_REFUSED);
	a = find(&g, h, IP(192, 168, 0, 10), 445);
	CHECK(a && !a->syn);
	CHECK_EQ_INT(g.n, 8); /* no attempt for replies or the ICMP error */
	CHECK_EQ_INT(ww_flows_stats(f)->v5, 13);
	CHECK_EQ_INT(ww_flows_stats(f)->paired, 4);
	CHECK_EQ_INT(ww_flows_stats(f)->icmp_attributed, 1);
	/* in start order */
	{
		size_t i;
		for (i = 1; i < g.n; i++)
			CHECK(g.a[i].ts_us >= g.a[i - 1].ts_us);
	}
	ww_flows_close(f);
}

/* Sequence gaps, sampling, skewed clocks, bad datagrams: counted, warned. */
static void hostile(void)
{
	struct ww_flows_opts o;
	struct ww_flows *f;
	struct ww_flows_from fr;
	struct ww_report r;
	struct got g;
	struct v5 d;
	uint8_t junk[3] = {0, 5, 1};
	size_t i;
	bool saw_gap = false, saw_skew = false, saw_version = false;
	memset(&o, 0, sizeof(o));
	memset(&g, 0, sizeof(g));
	o.on_attempt = on_attempt;
	o.ud = &g;
	o.seed = 7;
	CHECK_EQ_INT(ww_flows_open(&o, &f), WW_OK);
	fr = from_udp(1);
	v5_init(&d, 1000, 0x4000 | 100); /* 1 in 100 */
	v5_rec(&d, IP(10, 0, 0, 5), IP(10, 0, 0, 6), 1000, 80, 6, WW_TH_SYN, 2, 1000);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, d.b, v5_len(&d), &fr), WW_OK);
	/* the next datagram should carry 1001: 1041 means 40 flows lost */
	fr = from_udp(2);
	v5_init(&d, 1041, 0x4000 | 100);
	/* a flow that ends an hour after its export: the clock is off */
	v5_rec(&d, IP(10, 0, 0, 5), IP(10, 0, 0, 7), 1001, 80, 6, WW_TH_SYN, 1, 0);
	be32(d.b + 24 + 24, UPTIME + 3600000);
	be32(d.b + 24 + 28, UPTIME + 3600000);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, d.b, v5_len(&d), &fr), WW_OK);
	fr = from_udp(3);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, junk, sizeof(junk), &fr), WW_ERR_TRUNCATED);
	junk[1] = 7;
	{
		uint8_t v7[64];
		memset(v7, 0, sizeof(v7));
		v7[1] = 7;
		fr = from_udp(4);
		CHECK_EQ_INT(ww_flows_feed_datagram(f, v7, sizeof(v7), &fr), WW_ERR_UNSUPPORTED);
	}
	ww_flows_finish(f);
	CHECK_EQ_INT(ww_flows_stats(f)->lost_flows, 40);
	CHECK_EQ_INT(ww_flows_stats(f)->sampled_flows, 2);
	CHECK_EQ_INT(ww_flows_stats(f)->max_sampling, 100);
	CHECK_EQ_INT(ww_flows_stats(f)->skewed_flows, 1);
	CHECK_EQ_INT(ww_flows_stats(f)->bad_datagrams, 2);
	CHECK_EQ_INT(ww_flows_stats(f)->exporters, 1);
	/* the skewed flow was moved back to its export time */
	CHECK(g.n == 2 && g.a[1].ts_us <= (int64_t)EXPORT_S * 1000000);
	ww_report_init(&r, "flows");
	ww_flows_report(f, &r);
	for (i = 0; i < r.warnings.n; i++) {
		const char *w = r.warnings.v[i].s;
		if (strstr(w, "datagram 2 from 10.9.9.9") && strstr(w, "40 flow records lost"))
			saw_gap = true;
		if (strstr(w, "far from the export time"))
			saw_skew = true;
		if (strstr(w, "datagram 4 from 10.9.9.9: version 7"))
			saw_version = true;
	}
	CHECK(saw_gap);
	CHECK(saw_skew);
	CHECK(saw_version);
	CHECK(r.notes.n >= 1 && strstr(r.notes.v[0].s, "1 packet in up to 100"));
	ww_report_release(&r);
	ww_flows_close(f);
}

/* A full connection table drains its oldest half and goes on. */
static void table_full(void)
{
	struct ww_flows_opts o;
	struct ww_flows *f;
	struct ww_flows_from fr = from_udp(1);
	struct got g;
	struct v5 d;
	int k, i;
	memset(&o, 0, sizeof(o));
	memset(&g, 0, sizeof(g));
	o.on_attempt = on_attempt;
	o.ud = &g;
	o.max_conns = 16;
	o.seed = 3;
	CHECK_EQ_INT(ww_flows_open(&o, &f), WW_OK);
	for (k = 0; k < 2; k++) {
		v5_init(&d, (uint32_t)k * 30, 0);
		for (i = 0; i < 30; i++)
			v5_rec(&d, IP(10, 0, 0, 5), IP(10, 1, (uint8_t)k, (uint8_t)i), 2000, 80, 6,
			       WW_TH_SYN, 1, 30000u - (uint32_t)(k * 30 + i) * 100);
		CHECK_EQ_INT(ww_flows_feed_datagram(f, d.b, v5_len(&d), &fr), WW_OK);
	}
	ww_flows_finish(f);
	CHECK_EQ_INT(ww_flows_stats(f)->attempts, 60);
	CHECK(ww_flows_stats(f)->forced_drains > 0);
	ww_flows_close(f);
}

int main(void)
{
	ww_diag_set_quiet(1);
	parse_basic();
	outcomes();
	hostile();
	table_full();
	return ww_test_done();
}
