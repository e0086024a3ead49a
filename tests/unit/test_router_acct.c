/* Unit tests for the router's accounting: the keyed capped map, per-host
 * totals and top ports, the S1 and S5 shapes, and the table watch. */
#include "core/common.h"
#include "router/ct_watch.h"
#include "router/rt_acct.h"
#include "router/rt_judge.h"
#include "router/rt_map.h"
#include "ww_test.h"

static void test_map(void)
{
	struct ww_rt_map m;
	uint32_t k, *v;
	void *vp;
	bool isnew;
	size_t it = 0, n = 0;
	const void *kp;
	CHECK_EQ_INT(ww_rt_map_init(&m, 4, sizeof(uint32_t), 1000, 42), WW_OK);
	for (k = 0; k < 1000; k++) {
		CHECK_EQ_INT(ww_rt_map_get(&m, &k, &vp, &isnew), WW_OK);
		CHECK(isnew);
		*(uint32_t *)vp = k * 3;
	}
	k = 1000;
	CHECK_EQ_INT(ww_rt_map_get(&m, &k, &vp, &isnew), WW_ERR_LIMIT);
	CHECK_EQ_INT(m.refused, 1);
	k = 500;
	CHECK_EQ_INT(ww_rt_map_get(&m, &k, &vp, &isnew), WW_OK);
	CHECK(!isnew);
	v = ww_rt_map_find(&m, &k);
	CHECK(v && *v == 1500);
	k = 5000;
	CHECK(ww_rt_map_find(&m, &k) == NULL);
	while (ww_rt_map_next(&m, &it, &kp, &vp))
		n++;
	CHECK_EQ_INT(n, 1000);
	ww_rt_map_release(&m);
	CHECK(ww_rt_map_init(&m, 0, 4, 10, 0) != WW_OK);
}

static void entry(struct ww_ct_entry *e, const char *src, const char *dst, uint16_t dport,
                  bool unreplied)
{
	memset(e, 0, sizeof(*e));
	ww_addr_parse(src, &e->orig.src);
	ww_addr_parse(dst, &e->orig.dst);
	e->proto = WW_PROTO_TCP;
	e->orig.dport = dport;
	e->state = unreplied ? WW_CT_SYN_SENT : WW_CT_ESTABLISHED;
	e->unreplied = unreplied;
	e->family = 4;
}

static struct ww_finding *host(struct ww_report *r, const char *a)
{
	struct ww_addr x;
	size_t i;
	ww_addr_parse(a, &x);
	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i]->has_addr && ww_addr_eq(&r->findings[i]->addr, &x))
			return r->findings[i];
	return NULL;
}

static void test_s1(void)
{
	struct ww_rt_acct a;
	struct ww_ct_entry e;
	struct ww_report r;
	struct ww_rt_table t = {1024, 1024, false};
	char err[64], dst[32];
	int i;
	struct ww_finding *f;
	CHECK_EQ_INT(ww_rt_acct_init(&a, NULL, 7, err, sizeof(err)), WW_OK);
	for (i = 0; i < 600; i++) {
		snprintf(dst, sizeof(dst), "60.%d.%d.1", i / 200, i % 200);
		entry(&e, "192.168.1.23", dst, i % 3 ? 445 : 135, true);
		ww_rt_acct_ct(&a, &e);
	}
	for (i = 0; i < 424; i++) {
		snprintf(dst, sizeof(dst), "93.184.%d.34", i % 30);
		entry(&e, i % 2 ? "192.168.1.10" : "192.168.1.11", dst, 443, false);
		ww_rt_acct_ct(&a, &e);
	}
	ww_report_init(&r, "nat");
	CHECK_EQ_INT(ww_rt_judge(&a, &t, &r), WW_OK);
	f = host(&r, "192.168.1.23");
	CHECK(f && f->verdict == WW_VERDICT_INFECTED);
	CHECK(host(&r, "192.168.1.10") == NULL);
	CHECK(r.steps.n == 1); /* the table is full */
	CHECK_EQ_INT(ww_report_network_exit(&r), WW_EXIT_INFECTED);
	{
		struct ww_addr x;
		uint8_t k[17];
		struct ww_rt_host *h;
		ww_addr_parse("192.168.1.23", &x);
		memcpy(k, x.b, 16);
		k[16] = 1;
		h = ww_rt_map_find(&a.hosts, k);
		CHECK(h != NULL);
		if (h) {
			CHECK_EQ_INT(h->entries, 600);
			CHECK_EQ_INT(h->dsts, 600);
			CHECK_EQ_INT(h->ports, 2);
			CHECK_EQ_INT(h->top[0].port, 445);
			CHECK_EQ_INT(h->top[0].count, 400);
			CHECK_EQ_INT(h->top[1].port, 135);
			CHECK_EQ_INT(h->unreplied, 600);
		}
	}
	ww_report_release(&r);
	ww_rt_acct_release(&a);
}

static void test_s5(void)
{
	struct ww_rt_acct a;
	struct ww_attempt at;
	struct ww_report r;
	char err[64], src[32];
	int i;
	struct ww_finding *f;
	CHECK_EQ_INT(ww_rt_acct_init(&a, NULL, 7, err, sizeof(err)), WW_OK);
	for (i = 0; i < 200; i++) {
		memset(&at, 0, sizeof(at));
		snprintf(src, sizeof(src), "23.%d.99.14", i % 40);
		ww_addr_parse(src, &at.src);
		ww_addr_parse("192.168.0.3", &at.dst);
		at.proto = WW_PROTO_UDP;
		at.sport = (uint16_t)(1024 + i);
		at.dport = 58421;
		at.outcome = WW_OUTCOME_BLOCKED;
		ww_rt_acct_attempt(&a, &at);
	}
	ww_report_init(&r, "logs");
	CHECK_EQ_INT(ww_rt_judge(&a, NULL, &r), WW_OK);
	f = host(&r, "192.168.0.3");
	CHECK(f && f->verdict == WW_VERDICT_P2P);
	CHECK_EQ_INT(ww_report_network_exit(&r), WW_EXIT_CLEAN);
	CHECK(r.notes.n == 1);
	ww_report_release(&r);
	ww_rt_acct_release(&a);
}

static void test_watch(void)
{
	struct ww_ct_watch *w = calloc(1, sizeof(*w));
	char msg[256];
	int64_t t = 1000000;
	uint64_t sizes[] = {500, 700, 900, 960, 1000, 1020, 600, 40};
	enum ww_ct_event ev[8];
	size_t i;
	if (!w)
		return;
	ww_ct_watch_init(w);
	for (i = 0; i < 8; i++, t += 60 * 1000000LL)
		ev[i] = ww_ct_watch_add(w, t, sizes[i], 1024, msg, sizeof(msg));
	CHECK_EQ_INT(ev[0], WW_CT_EV_NONE);
	CHECK_EQ_INT(ev[1], WW_CT_EV_NONE);
	CHECK_EQ_INT(ev[2], WW_CT_EV_FILLING);
	CHECK_EQ_INT(ev[4], WW_CT_EV_FILLING);
	CHECK_EQ_INT(ev[5], WW_CT_EV_FULL);
	CHECK_EQ_INT(ev[6], WW_CT_EV_RECOVERED);
	CHECK_EQ_INT(ev[7], WW_CT_EV_NONE);
	CHECK_EQ_INT(w->peak, 1020);
	/* "97% full, about 4 minutes to full at this rate" */
	ww_ct_watch_init(w);
	ww_ct_watch_add(w, 0, 930, 1024, msg, sizeof(msg));
	ww_ct_watch_add(w, 60 * 1000000LL, 990, 1024, msg, sizeof(msg));
	CHECK(strstr(msg, "97% full, about 34 seconds") != NULL);
	ww_ct_watch_init(w);
	ww_ct_watch_add(w, 0, 980, 1024, msg, sizeof(msg));
	ww_ct_watch_add(w, 60 * 1000000LL, 990, 1024, msg, sizeof(msg));
	CHECK(strstr(msg, "97% full, about 3 minutes to full at this rate") != NULL);
	/* the ring keeps the newest samples */
	ww_ct_watch_init(w);
	for (i = 0; i < WW_CT_WATCH_KEEP + 10; i++)
		ww_ct_watch_add(w, (int64_t)i, i, 0, msg, sizeof(msg));
	CHECK_EQ_INT(w->n, WW_CT_WATCH_KEEP);
	CHECK_EQ_INT(ww_ct_watch_at(w, 0)->entries, 10);
	free(w);
}

int main(void)
{
	ww_diag_set_quiet(1);
	test_map();
	test_s1();
	test_s5();
	test_watch();
	CHECK_EQ_INT(ww_rt_guess_max(1024), 1024);
	CHECK_EQ_INT(ww_rt_guess_max(1000), 0);
	CHECK_EQ_INT(ww_rt_guess_max(128), 0);
	CHECK_EQ_INT(ww_rt_guess_max(0), 0);
	return ww_test_done();
}
