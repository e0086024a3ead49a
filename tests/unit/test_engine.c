/* Unit tests: the sequential test (TRW) arithmetic through the engine's
 * attempt interface, the state tables' caps, the DNS parser. */
#include "core/common.h"
#include "decode/dns.h"
#include "state/engine.h"
#include "state/engine_int.h"
#include "state/tables.h"

#include "ww_test.h"

static struct ww_engine *new_engine(void)
{
	struct ww_engine_config c;
	struct ww_engine *e = NULL;
	ww_engine_config_init(&c);
	ww_netlist_add_private(&c.home);
	c.bloom_log2_bits = 16;
	c.max_hosts = 64;
	c.max_pending = 16;
	c.hash_seed = 7;
	if (ww_engine_new(&c, &e))
		e = NULL;
	ww_netlist_release(&c.home); /* the engine keeps a copy */
	return e;
}

static void attempt(struct ww_engine *e, const char *src, const char *dst, uint16_t port,
                    enum ww_outcome o, int64_t ts)
{
	struct ww_attempt a;
	memset(&a, 0, sizeof(a));
	ww_addr_parse(src, &a.src);
	ww_addr_parse(dst, &a.dst);
	a.proto = 6;
	a.sport = 40000;
	a.dport = port;
	a.syn = true;
	a.outcome = o;
	a.ts_us = ts;
	ww_engine_attempt(e, &a);
}

static const struct ww_finding *host_of(const struct ww_report *r, const char *addr)
{
	struct ww_addr a;
	size_t i;
	ww_addr_parse(addr, &a);
	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i]->has_addr && ww_addr_eq(&r->findings[i]->addr, &a))
			return r->findings[i];
	return NULL;
}

/* Four failed first contacts on an ordinary port cross eta1 = 99
 * (4^4 = 256 > 99 > 4^3 = 64); three do not. */
static void test_trw_four(void)
{
	struct ww_engine *e = new_engine();
	struct ww_report r;
	const struct ww_finding *f;
	char dst[32];
	int i;
	CHECK(e != NULL);
	if (!e)
		return;
	for (i = 1; i <= 3; i++) {
		snprintf(dst, sizeof(dst), "203.0.113.%d", i);
		attempt(e, "192.168.0.9", dst, 8080, WW_OUTCOME_TIMEOUT, i * 1000000LL);
	}
	ww_report_init(&r, "test");
	CHECK_EQ_INT(ww_engine_report(e, &r), WW_OK);
	f = host_of(&r, "192.168.0.9");
	CHECK(f == NULL || f->verdict < WW_VERDICT_SCANNER);
	ww_report_release(&r);
	ww_engine_free(e);

	e = new_engine();
	for (i = 1; i <= 4; i++) {
		snprintf(dst, sizeof(dst), "203.0.113.%d", i);
		attempt(e, "192.168.0.9", dst, 8080, WW_OUTCOME_TIMEOUT, i * 1000000LL);
	}
	ww_report_init(&r, "test");
	CHECK_EQ_INT(ww_engine_report(e, &r), WW_OK);
	f = host_of(&r, "192.168.0.9");
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ_INT(f->verdict, WW_VERDICT_SCANNER); /* port 8080: not a worm port */
		CHECK_EQ_INT(f->attempts_to_alert, 4);
		CHECK_EQ_INT(f->first_alert_us, 4000000);
	}
	ww_report_release(&r);
	ww_engine_free(e);
}

/* Worm ports weigh 1.25: three failures cross (4^3.75 > 99), and a sweep on
 * 445 is infected, not a scanner. Successes pull the walk back. */
static void test_trw_worm(void)
{
	struct ww_engine *e = new_engine();
	struct ww_report r;
	const struct ww_finding *f;
	char dst[32];
	int i;
	for (i = 1; i <= 6; i++) {
		snprintf(dst, sizeof(dst), "198.51.100.%d", i);
		attempt(e, "192.168.0.23", dst, 445, WW_OUTCOME_TIMEOUT, i * 1000000LL);
		/* a busy but healthy client: every first contact answered */
		snprintf(dst, sizeof(dst), "203.0.113.%d", i);
		attempt(e, "192.168.0.50", dst, 443, WW_OUTCOME_SUCCESS, i * 1000000LL);
	}
	ww_report_init(&r, "test");
	CHECK_EQ_INT(ww_engine_report(e, &r), WW_OK);
	f = host_of(&r, "192.168.0.23");
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ_INT(f->verdict, WW_VERDICT_INFECTED);
		CHECK_EQ_INT(f->attempts_to_alert, 3);
	}
	CHECK(host_of(&r, "192.168.0.50") == NULL);
	ww_report_release(&r);
	ww_engine_free(e);
}

static void test_tables(void)
{
	struct ww_hosttab t;
	struct ww_probetab p;
	struct ww_probe_key k;
	struct ww_addr a;
	struct ww_probe *pr;
	int i;
	CHECK_EQ_INT(ww_hosttab_init(&t, 4, 1), WW_OK);
	for (i = 0; i < 6; i++) {
		ww_addr_from_v4(&a, 0x0a000001u + (uint32_t)i);
		CHECK(ww_hosttab_get(&t, &a, 0) != NULL);
	}
	/* full: the two oldest hosts of no evidence made room (the clock hand
	 * from record 0), counted; nothing refused */
	CHECK_EQ_INT(t.evicted, 2);
	CHECK_EQ_INT(t.evicted_one, 2);
	CHECK_EQ_INT(t.untracked, 0);
	ww_addr_from_v4(&a, 0x0a000002u);
	CHECK(ww_hosttab_find(&t, &a) == NULL);
	ww_addr_from_v4(&a, 0x0a000003u);
	CHECK(ww_hosttab_find(&t, &a) == &t.hosts[2]);
	ww_addr_from_v4(&a, 0x0a000006u);
	CHECK(ww_hosttab_find(&t, &a) == &t.hosts[1]);
	/* hosts with an alert never go: a new one is refused and counted */
	for (i = 0; i < 4; i++)
		t.hosts[i].alert_ts = 1;
	ww_addr_from_v4(&a, 0x0a000007u);
	CHECK(ww_hosttab_get(&t, &a, 0) == NULL);
	CHECK_EQ_INT(t.untracked, 1);
	CHECK_EQ_INT(t.evicted, 2);
	ww_hosttab_release(&t);

	CHECK_EQ_INT(ww_probetab_init(&p, 3, 1), WW_OK);
	memset(&k, 0, sizeof(k));
	for (i = 0; i < 3; i++) {
		k.dport = (uint16_t)i;
		CHECK(ww_probetab_add(&p, &k, ww_probetab_hash(&p, &k), i, 0) != NULL);
	}
	CHECK(ww_probetab_full(&p, 0));
	CHECK(!ww_probetab_full(&p, 1));
	k.dport = 9;
	CHECK(ww_probetab_add(&p, &k, ww_probetab_hash(&p, &k), 9, 0) == NULL);
	pr = ww_probetab_oldest(&p, 0);
	CHECK(pr != NULL && pr->k.dport == 0);
	/* the same key in the other class is another probe */
	k.dport = 1;
	CHECK(ww_probetab_find(&p, 1, &k, ww_probetab_hash(&p, &k)) == NULL);
	pr = ww_probetab_take(&p, 0, &k, ww_probetab_hash(&p, &k));
	CHECK(pr != NULL && pr->k.dport == 1 && !pr->live);
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) == NULL);
	CHECK(ww_probetab_take(&p, 0, &k, ww_probetab_hash(&p, &k)) == NULL);
	CHECK_EQ_INT(p.n, 2);
	k.dport = 2;
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) != NULL);
	/* expiry: the oldest goes first; the answered one in the middle is skipped */
	ww_probetab_pop(&p, 0);
	pr = ww_probetab_oldest(&p, 0);
	CHECK(pr != NULL && pr->k.dport == 2);
	k.dport = 0;
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) == NULL);
	CHECK_EQ_INT(p.n, 1);
	/* room again: a new probe chains in front of the expired links */
	CHECK(!ww_probetab_full(&p, 0));
	CHECK(ww_probetab_add(&p, &k, ww_probetab_hash(&p, &k), 10, 0) != NULL);
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) != NULL);
	k.dport = 2;
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) != NULL);
	ww_probetab_pop(&p, 0);
	CHECK(ww_probetab_find(&p, 0, &k, ww_probetab_hash(&p, &k)) == NULL);
	CHECK_EQ_INT(p.n, 1);
	ww_probetab_release(&p);
}

/* The probe rings against a plain model, under random adds, answers and
 * expiries: every key the model holds is found, every other is not, and
 * the oldest is the model's oldest. Few distinct hashes force long chains;
 * a small cap forces wrap-around and stale links, a cap above the ring's
 * first size forces it to grow with probes pending. */
static void probe_model(uint32_t cap, int keys, int steps, int add_weight, bool expiry,
                        int hashes, bool squeezed)
{
	struct ww_probetab p;
	struct ww_probe_key k;
	int *queue = calloc((size_t)steps, sizeof(int)); /* keys in order of adding */
	int *at = malloc(sizeof(int) * (size_t)keys);    /* its queue index, or -1 */
	int qh = 0, qt = 0, nm = 0, step, j;
	uint64_t x = 88172645463325252ULL;
	CHECK(queue && at);
	if (!queue || !at)
		return;
	for (j = 0; j < keys; j++)
		at[j] = -1;
	CHECK_EQ_INT(ww_probetab_init(&p, cap, 7), WW_OK);
	memset(&k, 0, sizeof(k));
	for (step = 0; step < steps; step++) {
		int op, key;
		uint64_t hash;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		op = (int)(x % (uint64_t)(add_weight + 1 + expiry));
		key = (int)((x >> 8) % (uint64_t)keys);
		k.dport = (uint16_t)key;
		k.src[0] = (uint8_t)(key >> 16);
		hash = (uint64_t)(key % hashes);
		while (qh < qt && at[queue[qh]] != qh)
			qh++; /* answered: the model's oldest is behind it */
		if (op < add_weight && at[key] < 0) { /* a new probe */
			if ((uint32_t)nm == cap) {
				struct ww_probe *o = ww_probetab_oldest(&p, 0);
				CHECK(o != NULL && o->k.dport == (uint16_t)queue[qh]);
				ww_probetab_pop(&p, 0);
				at[queue[qh++]] = -1;
				nm--;
			}
			CHECK(ww_probetab_add(&p, &k, hash, step, 0) != NULL);
			at[key] = qt;
			queue[qt++] = key;
			nm++;
		} else if (op == add_weight) { /* an answer */
			struct ww_probe *t = ww_probetab_take(&p, 0, &k, hash);
			CHECK((t != NULL) == (at[key] >= 0));
			if (at[key] >= 0)
				nm--;
			at[key] = -1;
		} else if (op == add_weight + 1 && nm) { /* expiry of the oldest */
			struct ww_probe *o = ww_probetab_oldest(&p, 0);
			CHECK(o != NULL && o->k.dport == (uint16_t)queue[qh]);
			ww_probetab_pop(&p, 0);
			at[queue[qh++]] = -1;
			nm--;
		}
		CHECK_EQ_INT(p.n, nm);
		if (step % 997 == 0) {
			for (j = 0; j < keys; j++) {
				k.dport = (uint16_t)j;
				k.src[0] = (uint8_t)(j >> 16);
				CHECK((ww_probetab_find(&p, 0, &k, (uint64_t)(j % hashes)) != NULL) == (at[j] >= 0));
			}
		}
	}
	/* the case meant to make the ring grow and squeeze did so */
	CHECK(squeezed == (p.ring[0].compactions > 0));
	CHECK(!squeezed || p.ring[0].size >= 2 * cap); /* it grew to its limit */
	ww_probetab_release(&p);
	free(queue);
	free(at);
}

static void test_probe_model(void)
{
	probe_model(37, 64, 200000, 1, true, 5, false);
	/* without expiry, answers leave holes until the ring must squeeze */
	probe_model(20000, 30000, 400000, 1, false, 4099, true);
}

/* The reader's judged-side test (16-bit tables in the hint context) and
 * the engine's (the home list) agree on every address, for lists with
 * prefixes shorter and longer than 16 bits, a /0 and a single host. */
static void test_hint_sides(void)
{
	static const char *lists[] = {
		"10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,169.254.0.0/16,fc00::/7",
		"192.168.1.0/24,10.20.30.40/32,128.0.0.0/1",
		"0.0.0.0/0",
		"172.16.5.0/25,172.16.5.128/26,203.0.113.7",
	};
	size_t li;
	for (li = 0; li < WW_ARRAY_LEN(lists); li++) {
		struct ww_engine_config c;
		struct ww_engine *e = NULL;
		char err[100];
		uint64_t x = 0x2545f4914f6cdd1dULL + li;
		int i;
		ww_engine_config_init(&c);
		CHECK_EQ_INT(ww_netlist_parse(&c.home, lists[li], err, sizeof(err)), WW_OK);
		c.hash_seed = 1;
		CHECK_EQ_INT(ww_engine_new(&c, &e), WW_OK);
		ww_netlist_release(&c.home);
		if (!e)
			continue;
		for (i = 0; i < 200000; i++) {
			struct ww_pkt p;
			struct ww_hint h;
			uint32_t v;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			v = (uint32_t)x;
			/* half of them near the listed networks */
			if (i & 1) {
				static const uint32_t near[] = {0x0a000000, 0xac100000, 0xc0a80100, 0xac100580,
				                                0xcb007107, 0x0a141e28, 0x80000000, 0x7fffffff};
				v = near[(x >> 40) % 8] ^ (uint32_t)((x >> 20) & 0x3ff);
			}
			memset(&p, 0, sizeof(p));
			p.l3 = WW_L3_IP;
			p.proto = WW_PROTO_TCP;
			p.tcp_flags = WW_TH_SYN;
			ww_addr_from_v4(&p.src, v);
			ww_addr_from_v4(&p.dst, ~v);
			ww_engine_hint_sides(e, &p, &h);
			CHECK(h.src_home == ww_engine_is_home(e, &p.src));
			CHECK(h.dst_home == ww_engine_is_home(e, &p.dst));
		}
		ww_engine_free(e);
	}
}

static void test_dns(void)
{
	/* response, 1 question, 1 answer: www.a.b A 192.0.2.7 (name compressed) */
	static const uint8_t msg[] = {
		0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
		3, 'w', 'w', 'w', 1, 'a', 1, 'b', 0, 0, 1, 0, 1,
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7};
	/* a compression pointer to itself must not loop */
	static const uint8_t loop[] = {0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0, 1};
	struct ww_dns_msg m;
	char buf[WW_ADDR_STRLEN];
	CHECK_EQ_INT(ww_dns_parse(msg, sizeof(msg), &m), WW_OK);
	CHECK_EQ_STR(m.qname, "www.a.b");
	CHECK_EQ_INT(m.n_addrs, 1);
	CHECK_EQ_STR(ww_addr_fmt(&m.addrs[0], buf), "192.0.2.7");
	CHECK_EQ_INT(ww_dns_parse(loop, sizeof(loop), &m), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_dns_parse(msg, 30, &m), WW_ERR_TRUNCATED);
}

int main(void)
{
	test_trw_four();
	test_trw_worm();
	test_tables();
	test_probe_model();
	test_hint_sides();
	test_dns();
	return ww_test_done();
}
