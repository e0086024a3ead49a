/* nfdump's JSON lines, Argus CSV lines, and hand-built IPFIX and NetFlow v9
 * messages through libfixbuf (templates, data before its template, a
 * withdrawal, a template fixbuf could not read safely). */
#include "core/common.h"
#include "decode/packet.h"
#include "flows/flows.h"
#include "flows/flows_int.h"
#include "ww_test.h"

static ww_rc line(struct ww_nfj *s, const char *l, struct ww_flowrec *r, bool *done)
{
	return ww_nfj_line(s, l, strlen(l), r, done);
}

static void nfdump_json(void)
{
	struct ww_nfj s;
	struct ww_flowrec r;
	bool done;
	char a[WW_ADDR_STRLEN];
	static const char *rec[] = {
		"[", "{", "\t\"type\" : \"FLOW\",", "\t\"sampled\" : 0,",
		"\t\"first\" : \"2018-01-12T15:37:30.942\",",
		"\t\"last\" : \"2018-01-12T15:37:31.042\",", "\t\"in_packets\" : 2,",
		"\t\"in_bytes\" : 120,", "\t\"proto\" : 6,", "\t\"tcp_flags\" : \"...A.R..\",",
		"\t\"src_port\" : 902,", "\t\"dst_port\" : 52324,",
		"\t\"src4_addr\" : \"147.32.82.62\",", "\t\"dst4_addr\" : \"147.32.80.119\",",
		"\t\"label\" : \"<none>\"",
	};
	size_t i;
	ww_nfj_init(&s);
	for (i = 0; i < WW_ARRAY_LEN(rec); i++) {
		CHECK_EQ_INT(line(&s, rec[i], &r, &done), WW_OK);
		CHECK(!done);
	}
	CHECK_EQ_INT(line(&s, "},", &r, &done), WW_OK);
	CHECK(done);
	CHECK_EQ_STR(ww_addr_fmt(&r.src, a), "147.32.82.62");
	CHECK_EQ_INT(r.sport, 902);
	CHECK_EQ_INT(r.flags, WW_TH_ACK | WW_TH_RST);
	CHECK_EQ_INT(r.start_us, 1515771450942000LL);
	CHECK_EQ_INT(r.end_us, 1515771451042000LL);
	CHECK_EQ_INT(r.pkts, 2);
	/* ICMPv6 with full addresses */
	CHECK_EQ_INT(line(&s, "{", &r, &done), WW_OK);
	line(&s, "\t\"type\" : \"FLOW\",", &r, &done);
	line(&s, "\t\"first\" : \"2026-03-02T09:00:00.300\",", &r, &done);
	line(&s, "\t\"proto\" : 58,", &r, &done);
	line(&s, "\t\"icmp_type\" : 128,", &r, &done);
	line(&s, "\t\"icmp_code\" : 0,", &r, &done);
	line(&s, "\t\"src6_addr\" : \"2001:db8:1::50\",", &r, &done);
	line(&s, "\t\"dst6_addr\" : \"2001:db8:1::1\",", &r, &done);
	CHECK_EQ_INT(line(&s, "}]", &r, &done), WW_OK);
	CHECK(done && r.proto == 58 && r.dport == 128 << 8 && !r.src.v4);
	/* damage: a bad time, a bad flag string, a port too big, no colon */
	line(&s, "{", &r, &done);
	CHECK_EQ_INT(line(&s, "\t\"first\" : \"2026-13-02T09:00:00.300\",", &r, &done),
	             WW_ERR_FORMAT);
	line(&s, "{", &r, &done);
	CHECK_EQ_INT(line(&s, "\t\"tcp_flags\" : \"..X.....\",", &r, &done), WW_ERR_FORMAT);
	line(&s, "{", &r, &done);
	CHECK_EQ_INT(line(&s, "\t\"src_port\" : 65536,", &r, &done), WW_ERR_FORMAT);
	line(&s, "{", &r, &done);
	CHECK_EQ_INT(line(&s, "\t\"src_port\" 5,", &r, &done), WW_ERR_FORMAT);
	/* the record being built is dropped, not completed */
	CHECK_EQ_INT(line(&s, "}", &r, &done), WW_OK);
	CHECK(!done);
	CHECK_EQ_INT(s.records, 2);
	CHECK_EQ_INT(s.bad_lines, 4);
	/* a record that is not a flow */
	line(&s, "{", &r, &done);
	line(&s, "\t\"type\" : \"EVENT\",", &r, &done);
	line(&s, "}", &r, &done);
	CHECK(!done);
}

static void argus(void)
{
	struct ww_argus a;
	struct ww_flowrec r;
	static const char hdr[] = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,"
	                          "dTos,TotPkts,TotBytes,SrcBytes,srcUdata,dstUdata,Label";
	static const char syn_rst[] = "2013/12/17 22:09:19.500617,0.000200,tcp,10.0.0.46,40890,"
	                              "   ->,81.95.182.31,445,S_RA,0,0,2,120,60,,,x";
	static const char udp[] = "2013/12/17 22:09:20.000000,1.5,udp,10.0.0.46,6881,  <->,"
	                          "1.2.3.4,51413,CON,0,0,4,400,200,,,x";
	ww_argus_init(&a);
	CHECK(!ww_argus_header(&a, "a,b,c", 5));
	CHECK(ww_argus_header(&a, hdr, strlen(hdr)));
	CHECK_EQ_INT(ww_argus_line(&a, syn_rst, strlen(syn_rst), &r), WW_OK);
	CHECK(r.proto == 6 && r.dport == 445 && r.flags == WW_TH_SYN &&
	      r.rflags == (WW_TH_RST | WW_TH_ACK) && r.biflow);
	CHECK_EQ_INT(r.start_us, 1387318159500617LL);
	CHECK_EQ_INT(r.end_us - r.start_us, 200);
	CHECK_EQ_INT(ww_argus_line(&a, udp, strlen(udp), &r), WW_OK);
	CHECK(r.proto == 17 && r.rpkts > 0 && r.rbytes == 200);
	CHECK_EQ_INT(ww_argus_line(&a, "x,y", 3, &r), WW_ERR_FORMAT);
	{
		static const char arp[] = "2013/12/17 22:09:20.000000,0,arp,10.0.0.1,,  who,"
		                          "10.0.0.46,,INT,0,0,1,60,60,,,x";
		CHECK_EQ_INT(ww_argus_line(&a, arp, strlen(arp), &r), WW_ERR_NOTFOUND);
	}
}

/* ---- IPFIX and v9 through libfixbuf --------------------------------------- */

struct buf {
	uint8_t b[1500];
	size_t n;
};

static void p16(struct buf *m, uint16_t v)
{
	m->b[m->n++] = (uint8_t)(v >> 8);
	m->b[m->n++] = (uint8_t)v;
}

static void p32(struct buf *m, uint32_t v)
{
	p16(m, (uint16_t)(v >> 16));
	p16(m, (uint16_t)v);
}

static void p64(struct buf *m, uint64_t v)
{
	p32(m, (uint32_t)(v >> 32));
	p32(m, (uint32_t)v);
}

#define EXPORT_S 1772442300u

/* IPFIX header; the length is set by ipfix_end. */
static void ipfix_begin(struct buf *m, uint32_t seq)
{
	m->n = 0;
	p16(m, 10);
	p16(m, 0);
	p32(m, EXPORT_S);
	p32(m, seq);
	p32(m, 1);
}

static void ipfix_end(struct buf *m)
{
	m->b[2] = (uint8_t)(m->n >> 8);
	m->b[3] = (uint8_t)m->n;
}

static void ipfix_template(struct buf *m)
{
	p16(m, 2);
	p16(m, 4 + 4 + 7 * 4);
	p16(m, 300);
	p16(m, 7);
	p16(m, 8), p16(m, 4);      /* sourceIPv4Address */
	p16(m, 12), p16(m, 4);     /* destinationIPv4Address */
	p16(m, 7), p16(m, 2);      /* sourceTransportPort */
	p16(m, 11), p16(m, 2);     /* destinationTransportPort */
	p16(m, 4), p16(m, 1);      /* protocolIdentifier */
	p16(m, 6), p16(m, 1);      /* tcpControlBits, reduced to 1 byte */
	p16(m, 152), p16(m, 8);    /* flowStartMilliseconds */
}

static void ipfix_data(struct buf *m, uint32_t dst, uint8_t flags)
{
	p16(m, 300);
	p16(m, 4 + 22);
	p32(m, 0xc0a80017);       /* 192.168.0.23 */
	p32(m, dst);
	p16(m, 1050);
	p16(m, 445);
	m->b[m->n++] = 6;
	m->b[m->n++] = flags;
	p64(m, (uint64_t)EXPORT_S * 1000 - 2000);
}

struct got {
	struct ww_attempt a[16];
	size_t n;
};

static void on_attempt(void *ud, const struct ww_attempt *a)
{
	struct got *g = ud;
	if (g->n < 16)
		g->a[g->n++] = *a;
}

/* A reader whose attempts go to g, and an exporter at addr:port. */
static struct ww_flows *reader(struct got *g, struct ww_flows_from *fr, uint32_t addr,
                               uint16_t port)
{
	struct ww_flows_opts o;
	struct ww_flows *f = NULL;
	memset(&o, 0, sizeof(o));
	memset(g, 0, sizeof(*g));
	memset(fr, 0, sizeof(*fr));
	o.on_attempt = on_attempt;
	o.ud = g;
	o.seed = 5;
	ww_addr_from_v4(&fr->addr, addr);
	fr->port = port;
	CHECK_EQ_INT(ww_flows_open(&o, &f), WW_OK);
	return f;
}

static void ipfix(void)
{
	struct ww_flows_from fr;
	struct got g;
	struct buf m;
	struct ww_flows *f = reader(&g, &fr, 0x0a000001, 4739);
	/* data before its template: counted, not read */
	ipfix_begin(&m, 0);
	ipfix_data(&m, 0xcb007101, 2);
	ipfix_end(&m);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_OK);
	CHECK_EQ_INT(ww_flows_stats(f)->no_template_sets, 1);
	CHECK_EQ_INT(ww_flows_stats(f)->ipfix, 0);
	/* template and two records */
	ipfix_begin(&m, 0);
	ipfix_template(&m);
	ipfix_data(&m, 0xcb007102, 2);
	ipfix_data(&m, 0xcb007103, 2);
	ipfix_end(&m);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_OK);
	CHECK_EQ_INT(ww_flows_stats(f)->ipfix, 2);
	/* the next message should say 2; 7 means 5 records lost */
	ipfix_begin(&m, 7);
	ipfix_data(&m, 0xcb007104, 2);
	ipfix_end(&m);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_OK);
	CHECK_EQ_INT(ww_flows_stats(f)->lost_flows, 5);
	/* withdrawal, then data for it: counted again */
	ipfix_begin(&m, 8);
	p16(&m, 2), p16(&m, 8), p16(&m, 300), p16(&m, 0);
	ipfix_data(&m, 0xcb007105, 2);
	ipfix_end(&m);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_OK);
	CHECK_EQ_INT(ww_flows_stats(f)->withdrawals, 1);
	CHECK_EQ_INT(ww_flows_stats(f)->no_template_sets, 2);
	CHECK_EQ_INT(ww_flows_stats(f)->ipfix, 3);
	/* a set longer than the message: refused whole */
	ipfix_begin(&m, 8);
	p16(&m, 300), p16(&m, 400);
	p32(&m, 0);
	ipfix_end(&m);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_ERR_TRUNCATED);
	/* the message length says more than the datagram holds */
	ipfix_begin(&m, 8);
	ipfix_end(&m);
	m.b[3] = 200;
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_ERR_TRUNCATED);
	CHECK_EQ_INT(ww_flows_stats(f)->bad_datagrams, 2);
	ww_flows_finish(f);
	CHECK_EQ_INT(g.n, 3);
	CHECK(g.n == 3 && g.a[0].dport == 445 && g.a[0].outcome == WW_OUTCOME_TIMEOUT &&
	      g.a[0].ts_us == ((int64_t)EXPORT_S * 1000 - 2000) * 1000);
	ww_flows_close(f);
}

static void v9(void)
{
	struct ww_flows_from fr;
	struct got g;
	struct buf m;
	struct ww_flows *f = reader(&g, &fr, 0x0a000002, 2055);
	/* header: version, count, sysUptime 600 s, unix_secs, sequence, source id */
	m.n = 0;
	p16(&m, 9), p16(&m, 2), p32(&m, 600000), p32(&m, EXPORT_S), p32(&m, 0), p32(&m, 0);
	p16(&m, 0), p16(&m, 4 + 4 + 6 * 4), p16(&m, 260), p16(&m, 6);
	p16(&m, 8), p16(&m, 4), p16(&m, 12), p16(&m, 4), p16(&m, 7), p16(&m, 2);
	p16(&m, 11), p16(&m, 2), p16(&m, 4), p16(&m, 1), p16(&m, 22), p16(&m, 4);
	p16(&m, 260), p16(&m, 4 + 17 + 3);
	p32(&m, 0xc0a80017), p32(&m, 0xcb007109), p16(&m, 1051), p16(&m, 139);
	m.b[m.n++] = 17;
	p32(&m, 599000);             /* a second before the export */
	m.b[m.n++] = 0, m.b[m.n++] = 0, m.b[m.n++] = 0;
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_OK);
	CHECK_EQ_INT(ww_flows_stats(f)->v9, 1);
	/* a template whose fields are all 0 bytes long: refused before fixbuf */
	m.n = 0;
	p16(&m, 9), p16(&m, 1), p32(&m, 601000), p32(&m, EXPORT_S + 1), p32(&m, 1), p32(&m, 0);
	p16(&m, 0), p16(&m, 12), p16(&m, 261), p16(&m, 1), p16(&m, 8), p16(&m, 0);
	CHECK_EQ_INT(ww_flows_feed_datagram(f, m.b, m.n, &fr), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_flows_stats(f)->template_errors, 1);
	ww_flows_finish(f);
	CHECK_EQ_INT(g.n, 1);
	CHECK(g.n == 1 && g.a[0].proto == 17 && g.a[0].dport == 139 &&
	      g.a[0].ts_us == ((int64_t)EXPORT_S * 1000 - 1000) * 1000);
	ww_flows_close(f);
}

int main(void)
{
	ww_diag_set_quiet(1);
	nfdump_json();
	argus();
	ipfix();
	v9();
	return ww_test_done();
}
