/* Unit checks of src/response/: the sanitiser every rule format uses, CIDR
 * formatting, the JSON reader on small documents, verify's per-host
 * judgement and exit status, and the nft element command built by
 * ww_nft_quarantine_add's allowlist refusal (no firewall is touched). */
#include "core/common.h"
#include "response/nft.h"
#include "response/rules.h"
#include "response/snapshot.h"
#include "response/verify.h"
#include "ww_test.h"

static void test_safe_text(void)
{
	char b[64];
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "spreading: 24,501 SYNs (445/139)"),
	             "spreading: 24,501 SYNs (445/139)");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "a\"b'c`d$e&f|g<h>i^j!k{l}m\\n#o"),
	             "a_b_c_d_e_f_g_h_i_j_k_l_m_n_o");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "x;y"), "x,y");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "97% of"), "97 pct of");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "  one\r\n\ttwo  \n"), "one two");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), "\x1b[2J\xc3\xa9"), "__2J__");
	CHECK_EQ_STR(ww_safe_text(b, 4, "abcdef"), "abc");
	CHECK_EQ_STR(ww_safe_text(b, 1, "abc"), "");
	CHECK_EQ_STR(ww_safe_text(b, sizeof(b), NULL), "");
}

static void test_cidr(void)
{
	struct ww_netlist l;
	char err[128], b[64];
	ww_netlist_init(&l);
	CHECK(ww_netlist_parse(&l, "192.168.7.9/16,2001:db8:1::77/64,10.1.2.3", err,
	                       sizeof(err)) == WW_OK);
	CHECK_EQ_INT(l.n, 3);
	CHECK_EQ_STR(ww_cidr_fmt(&l.v[0], b, sizeof(b)), "192.168.0.0/16");
	CHECK_EQ_STR(ww_cidr_fmt(&l.v[1], b, sizeof(b)), "2001:db8:1::/64");
	CHECK_EQ_STR(ww_cidr_fmt(&l.v[2], b, sizeof(b)), "10.1.2.3/32");
	ww_netlist_release(&l);
}

static ww_rc load(struct ww_resp_snap *s, const char *json)
{
	ww_resp_snap_init(s);
	return ww_resp_load_json_buf(s, json, strlen(json), "t.json");
}

static void test_json(void)
{
	struct ww_resp_snap s;
	const struct ww_resp_host *h;
	struct ww_addr a;
	ww_diag_set_quiet(1);
	CHECK(load(&s, "{\"command\":\"nat\",\"hosts\":[{\"addr\":\"192.168.1.23\",\"verdict\":"
	               "\"infected\",\"score\":0.99,\"first_contacts\":520,\"table_entries\":520,"
	               "\"title\":\"t\",\"evidence\":[\"e1\",\"e2\",\"e3\",\"e4\"]}],"
	               "\"table\":{\"entries\":1024,\"max\":1024},"
	               "\"nat_hosts\":[{\"addr\":\"192.168.1.10\",\"entries\":19}]}") == WW_OK);
	CHECK_EQ_INT(s.n, 2);
	CHECK(s.have_table && s.table_entries == 1024 && s.table_max == 1024 && s.presence);
	ww_addr_parse("192.168.1.23", &a);
	h = ww_resp_snap_find(&s, &a);
	CHECK(h && h->flagged && h->verdict == WW_VERDICT_INFECTED && h->first_contacts == 520 &&
	      h->table_entries == 520 && h->n_evidence == WW_RESP_EVIDENCE);
	ww_addr_parse("192.168.1.10", &a);
	h = ww_resp_snap_find(&s, &a);
	CHECK(h && !h->flagged && h->seen && h->table_entries == 19);
	ww_resp_snap_release(&s);
	/* not ours, wrong types, bad records */
	CHECK(load(&s, "[1,2]") == WW_ERR_FORMAT);
	ww_resp_snap_release(&s);
	CHECK(load(&s, "{\"command\":\"verify\",\"hosts\":[]}") == WW_ERR_FORMAT);
	ww_resp_snap_release(&s);
	CHECK(load(&s, "{\"command\":\"analyze\",\"hosts\":{}}") == WW_ERR_FORMAT);
	ww_resp_snap_release(&s);
	CHECK(load(&s, "{\"command\":\"analyze\",\"hosts\":[{\"addr\":7,\"verdict\":\"infected\"}]}") ==
	      WW_ERR_FORMAT);
	ww_resp_snap_release(&s);
	CHECK(load(&s, "{\"command\":\"analyze\",\"hosts\":[]") == WW_ERR_FORMAT);
	ww_resp_snap_release(&s);
	/* a score out of range is clamped, NaN-free */
	CHECK(load(&s, "{\"command\":\"analyze\",\"hosts\":[{\"addr\":\"10.0.0.1\",\"verdict\":"
	               "\"scanner\",\"score\":1e300}]}") == WW_OK);
	CHECK(s.n == 1 && s.h[0].score == 1 && s.h[0].verdict == WW_VERDICT_SCANNER);
	ww_resp_snap_release(&s);
	ww_diag_set_quiet(0);
}

static struct ww_resp_host host(enum ww_verdict v, bool flagged, bool seen)
{
	struct ww_resp_host h;
	memset(&h, 0, sizeof(h));
	h.verdict = v;
	h.flagged = flagged;
	h.seen = seen;
	h.first_contacts = -1;
	h.table_entries = -1;
	return h;
}

static void test_judge(void)
{
	struct ww_resp_host inf = host(WW_VERDICT_INFECTED, true, true);
	struct ww_resp_host scan = host(WW_VERDICT_SCANNER, true, true);
	struct ww_resp_host clean = host(WW_VERDICT_NORMAL, false, true);
	struct ww_resp_host gone = host(WW_VERDICT_NORMAL, false, false);
	struct ww_resp_snap e;
	ww_resp_snap_init(&e);
	CHECK(ww_verify_judge(&inf, &clean, &e) == WW_VERIFY_CLEAN);
	CHECK(ww_verify_judge(&inf, &inf, &e) == WW_VERIFY_STILL_SPREADING);
	CHECK(ww_verify_judge(&inf, &scan, &e) == WW_VERIFY_STILL_FLAGGED);
	CHECK(ww_verify_judge(&inf, NULL, &e) == WW_VERIFY_NOT_SEEN);
	CHECK(ww_verify_judge(&inf, &gone, &e) == WW_VERIFY_NOT_SEEN);
	CHECK(ww_verify_judge(NULL, &inf, &e) == WW_VERIFY_NEW_SPREADING);
	CHECK(ww_verify_judge(&clean, &inf, &e) == WW_VERIFY_NEW_SPREADING);
	CHECK_EQ_STR(ww_verify_answer(WW_VERIFY_CLEAN), "clean, reconnect");
	CHECK_EQ_STR(ww_verify_answer(WW_VERIFY_STILL_SPREADING), "still spreading");
	CHECK_EQ_STR(ww_verify_answer(WW_VERIFY_NOT_SEEN), "no longer seen (was it disconnected?)");
	CHECK_EQ_STR(ww_verify_status_name(WW_VERIFY_STILL_FLAGGED), "still-flagged");
}

static void test_exit(void)
{
	struct ww_resp_snap b, a;
	struct ww_addr x, y;
	struct ww_resp_host *h;
	ww_resp_snap_init(&b);
	ww_resp_snap_init(&a);
	ww_addr_parse("192.168.0.23", &x);
	ww_addr_parse("192.168.0.47", &y);
	CHECK_EQ_INT(ww_verify_exit(&b, &a), 0); /* nothing before, nothing after */
	h = ww_resp_snap_host(&b, &x);
	ww_resp_host_flag(&b, h, WW_VERDICT_INFECTED, 0.9, "t", "f");
	h = ww_resp_snap_host(&b, &y);
	ww_resp_host_flag(&b, h, WW_VERDICT_INFECTED, 0.9, "t", "f");
	CHECK_EQ_INT(ww_verify_exit(&b, &a), 1); /* both gone: not known clean */
	ww_resp_snap_host(&a, &x)->seen = true;
	ww_resp_snap_host(&a, &y)->seen = true;
	CHECK_EQ_INT(ww_verify_exit(&b, &a), 0);
	ww_resp_host_flag(&a, ww_resp_snap_host(&a, &y), WW_VERDICT_INFECTED, 0.9, "t", "f");
	CHECK_EQ_INT(ww_verify_exit(&b, &a), 3);
	ww_resp_snap_release(&b);
	ww_resp_snap_release(&a);
}

static void test_plan(void)
{
	struct ww_resp_snap s;
	struct ww_contain_plan p;
	struct ww_addr a;
	char err[128];
	ww_resp_snap_init(&s);
	ww_contain_plan_init(&p);
	CHECK(ww_netlist_parse(&p.allow, "192.168.0.1", err, sizeof(err)) == WW_OK);
	ww_addr_parse("192.168.0.1", &a);
	ww_resp_host_flag(&s, ww_resp_snap_host(&s, &a), WW_VERDICT_INFECTED, 0.5, "gw", "f");
	ww_addr_parse("192.168.0.5", &a);
	ww_resp_host_flag(&s, ww_resp_snap_host(&s, &a), WW_VERDICT_INFECTED, 0.9, "x\"y", "f");
	ww_addr_parse("192.168.0.6", &a);
	ww_resp_host_flag(&s, ww_resp_snap_host(&s, &a), WW_VERDICT_SCANNER, 0.9, "s", "f");
	CHECK(ww_contain_plan_from(&p, &s) == WW_OK);
	CHECK_EQ_INT(p.n, 1);
	CHECK_EQ_INT(p.skipped_allowed, 1);
	CHECK_EQ_STR(p.h[0].why, "x_y");
	/* the live set refuses an allowlisted address before nft is asked */
	ww_addr_parse("192.168.0.1", &a);
	CHECK(ww_nft_quarantine_add(&a, 60, "c", &p.allow, err, sizeof(err)) == WW_ERR_USAGE);
	CHECK(strstr(err, "allowlist") != NULL);
	ww_contain_plan_release(&p);
	ww_resp_snap_release(&s);
}

static void test_ports(void)
{
	struct ww_contain_plan p;
	struct ww_resp_host h;
	unsigned short i;
	ww_contain_plan_init(&p);
	CHECK_EQ_INT(p.n_tcp, 3);
	ww_contain_plan_port(&p, 4444);
	ww_contain_plan_port(&p, 23);
	ww_contain_plan_port(&p, 445);
	CHECK_EQ_INT(p.n_tcp, 5);
	CHECK(p.tcp[0] == 23 && p.tcp[1] == 135 && p.tcp[2] == 139 && p.tcp[3] == 445 &&
	      p.tcp[4] == 4444);
	for (i = 1000; i < 1100; i++)
		ww_contain_plan_port(&p, i);
	CHECK_EQ_INT(p.n_tcp, WW_CONTAIN_MAX_PORTS);
	ww_contain_plan_release(&p);
	/* a host keeps only ports worms spread on */
	memset(&h, 0, sizeof(h));
	ww_resp_host_port(&h, 80);
	ww_resp_host_port(&h, 4444);
	ww_resp_host_port(&h, 4444);
	ww_resp_host_port(&h, 1433);
	CHECK(h.n_worm_tcp == 2 && h.worm_tcp[0] == 4444 && h.worm_tcp[1] == 1433);
}

int main(void)
{
	test_safe_text();
	test_cidr();
	test_json();
	test_judge();
	test_exit();
	test_plan();
	test_ports();
	return ww_test_done();
}
