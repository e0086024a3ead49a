/* Unit tests for the router parsers: conntrack lines in both forms and the
 * log dialects, with cut-off and hostile lines. */
#include "core/common.h"
#include "router/ct.h"
#include "router/rlog.h"
#include "router/rt_time.h"
#include "ww_test.h"

static ww_rc ct(const char *s, struct ww_ct_entry *e)
{
	return ww_ct_any_line(s, strlen(s), e, NULL);
}

static const char *fmt(const struct ww_addr *a)
{
	static char buf[WW_ADDR_STRLEN];
	return ww_addr_fmt(a, buf);
}

static void test_ct(void)
{
	struct ww_ct_entry e;
	uint64_t n = 0;
	const char *proc = "ipv4     2 tcp      6 117 SYN_SENT src=192.168.1.23 dst=203.0.113.9 "
	                   "sport=51234 dport=445 [UNREPLIED] src=203.0.113.9 dst=198.51.100.1 "
	                   "sport=445 dport=40001 mark=0 zone=0 use=2";
	size_t i;
	CHECK_EQ_INT(ct(proc, &e), WW_OK);
	CHECK_EQ_INT(e.family, 4);
	CHECK_EQ_INT(e.proto, 6);
	CHECK_EQ_INT(e.timeout, 117);
	CHECK_EQ_INT(e.state, WW_CT_SYN_SENT);
	CHECK(e.unreplied);
	CHECK(!e.assured);
	CHECK_EQ_STR(fmt(&e.orig.src), "192.168.1.23");
	CHECK_EQ_STR(fmt(&e.orig.dst), "203.0.113.9");
	CHECK_EQ_INT(e.orig.sport, 51234);
	CHECK_EQ_INT(e.orig.dport, 445);
	CHECK_EQ_STR(fmt(&e.reply.dst), "198.51.100.1");
	CHECK_EQ_INT(e.reply.dport, 40001);
	CHECK(e.has_zone && e.has_mark);
	/* the same entry as conntrack -L prints it */
	CHECK_EQ_INT(ct(proc + 11, &e), WW_OK);
	CHECK_EQ_INT(e.orig.dport, 445);
	/* every cut-off prefix either parses or is refused, never more */
	for (i = 0; i < strlen(proc); i++) {
		char *cut = malloc(i ? i : 1);
		memcpy(cut, proc, i);
		(void)ww_ct_any_line(cut, i, &e, NULL);
		free(cut);
	}
	/* IPv6 with labels and secctx */
	CHECK_EQ_INT(ct("ipv6     10 tcp      6 117 ESTABLISHED src=fd00::5 dst=2001:db8::80 "
	                "sport=40000 dport=443 src=2001:db8::80 dst=fd00::5 sport=443 dport=40000 "
	                "[ASSURED] mark=0 secctx=system_u:object_r:unlabeled_t:s0 labels=0x1 use=2", &e),
	             WW_OK);
	CHECK_EQ_INT(e.family, 6);
	CHECK(e.assured && !e.unreplied);
	CHECK_EQ_STR(fmt(&e.orig.src), "fd00::5");
	/* ICMP: type/code in sport, id in dport; the entry id after the tuples is not a port */
	CHECK_EQ_INT(ct("icmp     1 29 src=192.0.2.2 dst=192.31.196.241 type=8 code=0 id=7 "
	                "src=192.31.196.241 dst=10.89.0.2 type=0 code=0 id=7 mark=0 use=2 id=99999", &e),
	             WW_OK);
	CHECK_EQ_INT(e.orig.sport, 8 << 8);
	CHECK_EQ_INT(e.orig.dport, 7);
	/* conntrack -E event and the summary line */
	CHECK_EQ_INT(ct(" [1790253007.123456]\t    [NEW] tcp      6 120 SYN_SENT src=10.50.0.23 "
	                "dst=142.250.187.110 sport=51234 dport=443 [UNREPLIED] src=142.250.187.110 "
	                "dst=192.168.1.10 sport=443 dport=40123 id=3301452", &e), WW_OK);
	CHECK_EQ_INT(e.reply.dport, 40123);
	CHECK_EQ_INT(ww_ct_tool_line("conntrack v1.4.7 (conntrack-tools): 1024 flow entries have "
	                             "been shown.", 69, &e, &n), WW_ERR_NOTFOUND);
	CHECK_EQ_INT(n, 1024);
	/* refused: bad port, mixed families, a third tuple, no tuple, junk */
	CHECK(ct("tcp 6 1 SYN_SENT src=1.2.3.4 dst=5.6.7.8 sport=1 dport=65536", &e) != WW_OK);
	CHECK(ct("tcp 6 1 SYN_SENT src=1.2.3.4 dst=::1 sport=1 dport=2", &e) != WW_OK);
	CHECK(ct("tcp 6 1 src=1.2.3.4 dst=5.6.7.8 src=1.2.3.4 dst=5.6.7.8 src=1.1.1.1 dst=2.2.2.2", &e) !=
	      WW_OK);
	CHECK(ct("tcp 6 1 SYN_SENT", &e) != WW_OK);
	CHECK(ct("ipv4 2 tcp 6 99999999999 src=1.2.3.4 dst=5.6.7.8", &e) != WW_OK);
	CHECK(ct("ipv4 10 tcp 6 1 src=1.2.3.4 dst=5.6.7.8", &e) != WW_OK);
	CHECK(ct("hello world", &e) != WW_OK);
	CHECK(ct("", &e) != WW_OK);
}

static ww_rc lg(const char *s, struct ww_rlog_rec *r, const char **dialect)
{
	struct ww_rlog_ctx ctx = {2024};
	int which;
	ww_rc rc = ww_rlog_parse_line(&ctx, s, strlen(s), -1, &which, r);
	*dialect = which >= 0 ? ww_rlog_dialects[which].name : "none";
	return rc;
}

static void test_logs(void)
{
	struct ww_rlog_rec r;
	const char *d;
	char t[WW_ADDR_STRLEN];
	CHECK_EQ_INT(lg("Feb 11 20:36:51 linux kernel: [463590.337950] DROP IN=eth1 OUT= "
	                "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=192.168.10.55 "
	                "DST=192.168.10.1 LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=4711 PROTO=TCP "
	                "SPT=56248 DPT=23 WINDOW=2048 RES=0x00 SYN URGP=0 OPT (020405B4)", &r, &d), WW_OK);
	CHECK_EQ_STR(d, "iptables");
	CHECK_EQ_STR(ww_addr_fmt(&r.a.src, t), "192.168.10.55");
	CHECK_EQ_INT(r.a.dport, 23);
	CHECK_EQ_INT(r.a.sport, 56248);
	CHECK(r.a.syn);
	CHECK_EQ_INT(r.a.outcome, WW_OUTCOME_BLOCKED);
	/* 2024-02-11 20:36:51 UTC */
	CHECK_EQ_INT(r.a.ts_us, 1707683811LL * 1000000);
	/* RFC 3339 with an offset */
	CHECK_EQ_INT(lg("2015-03-07T05:09:30.045015+02:00 gw kernel: DROP: IN=eth0 OUT= "
	                "SRC=198.51.100.4 DST=203.0.113.4 LEN=40 PROTO=TCP SPT=58923 DPT=21 WINDOW=65535 "
	                "RES=0x00 SYN URGP=0", &r, &d), WW_OK);
	CHECK_EQ_INT(r.a.ts_us, 1425697770045015LL);
	/* an accept prefix, an ACK segment (not an opening), IPv6 */
	CHECK_EQ_INT(lg("Jan  6 10:05:01 gw kernel: [UFW ALLOW] IN= OUT=eth0 SRC=fd00::2 DST=fd00::8 "
	                "LEN=60 PROTO=TCP SPT=41000 DPT=443 ACK URGP=0", &r, &d), WW_OK);
	CHECK_EQ_INT(r.a.outcome, WW_OUTCOME_SUCCESS);
	CHECK(!r.a.syn);
	CHECK(!r.a.src.v4);
	/* the ICMP error's quoted packet is not read as the packet */
	CHECK_EQ_INT(lg("Jan  6 10:05:00 gw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.7 "
	                "DST=192.168.1.2 LEN=84 PROTO=ICMP TYPE=3 CODE=3 [SRC=192.168.1.2 "
	                "DST=198.51.100.7 PROTO=UDP SPT=5353 DPT=5353 LEN=36 ]", &r, &d), WW_OK);
	CHECK_EQ_STR(ww_addr_fmt(&r.a.src, t), "198.51.100.7");
	CHECK_EQ_INT(r.a.proto, WW_PROTO_ICMP);
	CHECK_EQ_INT(r.a.dport, 0);
	/* S5 */
	CHECK_EQ_INT(lg("2015/06/12 21:03:44 UDP connection rejected from 23.62.99.14:35721 to "
	                "192.168.0.3:58421", &r, &d), WW_OK);
	CHECK_EQ_STR(d, "smallrouter");
	CHECK_EQ_INT(r.a.proto, WW_PROTO_UDP);
	CHECK_EQ_INT(r.a.dport, 58421);
	CHECK(r.inbound);
	CHECK_EQ_INT(lg("Jun 12 21:03:44 router: TCP connection rejected from [2001:db8::5]:443 to "
	                "[2001:db8:1::3]:51000", &r, &d), WW_OK);
	CHECK_EQ_INT(r.a.dport, 51000);
	CHECK(lg("UDP connection rejected from 1.2.3.4:99999 to 5.6.7.8:1", &r, &d) != WW_OK);
	CHECK(lg("UDP connection rejected from 1.2.3.4:9 to ", &r, &d) != WW_OK);
	/* pfSense */
	CHECK_EQ_INT(lg("Jan  6 10:00:00 pfSense filterlog[4321]: 5,,,1000000103,em0,match,block,in,4,"
	                "0x0,,64,12345,0,none,6,tcp,60,192.168.1.100,203.0.113.7,51234,445,0,S,1,,64240,,mss",
	                &r, &d), WW_OK);
	CHECK_EQ_STR(d, "pfsense");
	CHECK_EQ_INT(r.a.dport, 445);
	CHECK(r.a.syn);
	CHECK_EQ_INT(lg("Jan  6 10:00:01 pfSense filterlog[4321]: 5,,,1000000103,em0,match,block,in,6,"
	                "0x00,0x00000,64,udp,17,40,2001:db8::5,2001:db8:1::3,5353,5353,32", &r, &d), WW_OK);
	CHECK_EQ_INT(r.a.proto, WW_PROTO_UDP);
	CHECK_EQ_INT(lg("filterlog: 5,,,1,em0,match,block,in,4,0x0", &r, &d), WW_ERR_FORMAT);
	/* ASA */
	CHECK_EQ_INT(lg("%ASA-4-106023: Deny tcp src inside:192.168.1.23/51234 dst outside:"
	                "203.0.113.9/445 by access-group \"inside_in\" [0x0, 0x0]", &r, &d), WW_OK);
	CHECK_EQ_STR(d, "asa");
	CHECK_EQ_STR(ww_addr_fmt(&r.a.src, t), "192.168.1.23");
	CHECK_EQ_INT(r.a.dport, 445);
	CHECK_EQ_INT(lg("%ASA-6-106100: access-list inside_in denied tcp inside/192.168.1.23(51300) -> "
	                "outside/203.0.113.99(445) hit-cnt 1 first hit [0x0, 0x0]", &r, &d), WW_OK);
	CHECK_EQ_INT(r.a.dport, 445);
	CHECK_EQ_INT(lg("%ASA-6-302013: Built outbound TCP connection 1 for outside:1.2.3.4/443", &r,
	                &d), WW_ERR_NOTFOUND);
	/* nobody claims these */
	CHECK_EQ_INT(lg("Feb 11 20:36:53 linux sshd[123]: Accepted publickey for root", &r, &d),
	             WW_ERR_FORMAT);
	CHECK_EQ_STR(d, "none");
	CHECK(lg("kernel: IN=eth0 SRC=1.2.3.4", &r, &d) != WW_OK);
	CHECK(lg("kernel: IN=eth0 SRC=1.2.3.4 DST=::1", &r, &d) != WW_OK);
}

static void test_time(void)
{
	struct ww_tcur t;
	int64_t us;
	t = ww_tcur_make("2024-02-29T23:59:59Z x", 22);
	CHECK_EQ_INT(ww_rt_time_3339(&t, &us), WW_OK);
	CHECK_EQ_INT(us, 1709251199LL * 1000000);
	t = ww_tcur_make("Jan 06 2025 10:00:20: %ASA", 26);
	CHECK_EQ_INT(ww_rt_time_3164(&t, 1999, &us), WW_OK);
	CHECK_EQ_INT(us, 1736157620LL * 1000000);
	t = ww_tcur_make("Feb 30 10:00:00", 15);
	CHECK_EQ_INT(ww_rt_time_3164(&t, 2024, &us), WW_OK); /* taken as Mar 1, not refused */
	t = ww_tcur_make("2024-01-06T10:00:00+0100 h", 26);
	CHECK_EQ_INT(ww_rt_time_3339(&t, &us), WW_OK);
	CHECK_EQ_INT(us, 1704531600LL * 1000000);
	t = ww_tcur_make("<134>1 2024-01-06T10:00:00Z h", 29);
	CHECK_EQ_INT(ww_rt_time_any(&t, 1999, &us), WW_OK);
	CHECK_EQ_INT(us, 1704535200LL * 1000000);
	CHECK(ww_tcur_lit(&t, "h"));
	t = ww_tcur_make("2015-13-07T05:09:30Z", 20);
	CHECK(ww_rt_time_3339(&t, &us) != WW_OK);
	CHECK_EQ_INT(ww_rt_days_from_civil(1970, 1, 1), 0);
	CHECK_EQ_INT(ww_rt_days_from_civil(2000, 3, 1), 11017);
}

int main(void)
{
	ww_diag_set_quiet(1);
	test_ct();
	test_logs();
	test_time();
	return ww_test_done();
}
