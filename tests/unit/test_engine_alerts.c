/* Unit test: a host first alerted as a scanner is alerted once more when
 * its verdict rises to infected (issue 13: "an escalation is an alert
 * too"), and never a third time. Through the engine's attempt interface. */
#include "core/common.h"
#include "state/engine.h"

#include "ww_test.h"

struct seen {
	int n;
	enum ww_verdict v[8];
	uint32_t attempts[8];
};

static void on_alert(void *ud, const struct ww_alert *a)
{
	struct seen *s = ud;
	if (a->kind != WW_ALERT_HOST)
		return;
	if (s->n < 8) {
		s->v[s->n] = a->verdict;
		s->attempts[s->n] = a->attempts;
	}
	s->n++;
}

static void attempt(struct ww_engine *e, const char *dst, uint16_t port, int64_t ts)
{
	struct ww_attempt a;
	memset(&a, 0, sizeof(a));
	ww_addr_parse("192.168.0.9", &a.src);
	ww_addr_parse(dst, &a.dst);
	a.proto = 6;
	a.sport = (uint16_t)(40000 + (ts / 1000) % 20000);
	a.dport = port;
	a.syn = true;
	a.outcome = WW_OUTCOME_TIMEOUT;
	a.ts_us = ts;
	ww_engine_attempt(e, &a);
}

int main(void)
{
	struct ww_engine_config c;
	struct ww_engine *e = NULL;
	struct seen s;
	char dst[32];
	int64_t t = 1000000;
	int i;
	memset(&s, 0, sizeof(s));
	ww_engine_config_init(&c);
	ww_netlist_add_private(&c.home);
	c.hash_seed = 7;
	c.bloom_log2_bits = 16;
	c.on_alert = on_alert;
	c.alert_ud = &s;
	CHECK_EQ_INT(ww_engine_new(&c, &e), WW_OK);
	ww_netlist_release(&c.home);
	if (!e)
		return ww_test_done();
	/* a slow probe of a few outside web servers: a scanner, no worm */
	for (i = 1; i <= 6; i++) {
		snprintf(dst, sizeof(dst), "203.0.113.%d", i * 7);
		attempt(e, dst, 8080, t);
		t += 30000000; /* 30 s apart: no run */
	}
	ww_engine_tick(e, t);
	CHECK_EQ_INT(s.n, 1);
	CHECK_EQ_INT(s.v[0], WW_VERDICT_SCANNER);
	/* then the same host sweeps its LAN on 445 in address order */
	for (i = 10; i < 60; i++) {
		snprintf(dst, sizeof(dst), "192.168.0.%d", i);
		attempt(e, dst, 445, t);
		t += 50000;
	}
	ww_engine_tick(e, t + 10000000);
	CHECK_EQ_INT(s.n, 2);
	CHECK_EQ_INT(s.v[1], WW_VERDICT_INFECTED);
	CHECK(s.attempts[1] >= s.attempts[0]);
	/* more of the same: no third alert */
	for (i = 60; i < 80; i++) {
		snprintf(dst, sizeof(dst), "192.168.0.%d", i);
		attempt(e, dst, 445, t);
		t += 50000;
	}
	ww_engine_tick(e, t + 10000000);
	CHECK_EQ_INT(s.n, 2);
	ww_engine_free(e);
	return ww_test_done();
}
