/* Eviction by evidence (issue 14 point 1): the engine's host table
 * (state/tables.c) and the router's map (router/rt_map.c), checked against
 * a plain model: every key the table says it holds is found, with its own
 * value; no protected entry ever goes; counts are exact; hosts of one
 * contact go before hosts with some evidence. */
#include "core/common.h"
#include "router/rt_map.h"
#include "state/tables.h"
#include "ww_test.h"

#define CAP 512
#define N 20000

static uint32_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*s >> 33);
}

static void hosttab_model(void)
{
	struct ww_hosttab t;
	struct ww_addr a;
	uint64_t seed = 7;
	uint32_t i, protected_n = 0, present = 0, one = 0;
	static uint8_t prot[N], kind[N];
	CHECK_EQ_INT(ww_hosttab_init(&t, CAP, 3), WW_OK);
	for (i = 0; i < N; i++) {
		struct ww_host *h;
		ww_addr_from_v4(&a, 0x0a000000u + i * 7919u);
		h = ww_hosttab_get(&t, &a, i);
		if (!h)
			continue;
		CHECK(ww_addr_eq(&h->addr, &a));
		CHECK(h->pkts_out == 0 && h->trw.fc_made == 0); /* a fresh record */
		/* 2% get an alert, 1% a rising walk, 30% some evidence, the rest
		 * one contact */
		switch (rnd(&seed) % 100) {
		case 0:
		case 1: h->alert_ts = i + 1; prot[i] = 1; break;
		case 2: h->trw.llr = 1.5; h->trw.fc_made = 2; prot[i] = 1; break;
		default:
			if (rnd(&seed) % 10 < 3) {
				h->pkts_out = 5;
				h->trw.fc_made = 2;
				kind[i] = 1;
			} else {
				h->pkts_out = 1;
				h->trw.fc_made = 1;
			}
		}
		protected_n += prot[i];
	}
	/* every protected host is still there, and the table is consistent */
	for (i = 0; i < N; i++) {
		struct ww_host *h;
		ww_addr_from_v4(&a, 0x0a000000u + i * 7919u);
		h = ww_hosttab_find(&t, &a);
		if (prot[i] && !h)
			CHECK(!"a protected host was evicted");
		if (h) {
			CHECK(ww_addr_eq(&h->addr, &a));
			present++;
			one += !prot[i] && !kind[i];
		}
	}
	CHECK_EQ_INT(present, CAP);
	CHECK_EQ_INT(t.n, CAP);
	CHECK_EQ_INT(t.evicted + t.untracked + CAP, N);
	CHECK(t.evicted_one <= t.evicted);
	CHECK(protected_n > 100);
	/* the survivors are mostly the hosts with evidence */
	CHECK(one < CAP / 4);
	printf("hosttab: %u protected kept, %llu evicted (%llu of one contact), %llu refused, "
	       "%u of one contact left of %u\n", protected_n, (unsigned long long)t.evicted,
	       (unsigned long long)t.evicted_one, (unsigned long long)t.untracked, one, CAP);
	ww_hosttab_release(&t);
}

static int val_evidence(const void *key, const void *val)
{
	(void)key;
	return *(const uint32_t *)val;
}

static void rtmap_model(void)
{
	struct ww_rt_map m;
	uint32_t i, present = 0;
	static uint32_t ev[N];
	uint64_t seed = 11;
	CHECK_EQ_INT(ww_rt_map_init(&m, sizeof(uint32_t), sizeof(uint32_t), CAP, 5), WW_OK);
	m.evidence = val_evidence;
	for (i = 0; i < N; i++) {
		void *v;
		bool isnew;
		uint32_t r = rnd(&seed) % 100;
		if (ww_rt_map_get(&m, &i, &v, &isnew) != WW_OK)
			continue;
		CHECK(isnew);
		ev[i] = r < 3 ? 2 : r < 30 ? 1 : 0;
		*(uint32_t *)v = ev[i];
	}
	for (i = 0; i < N; i++) {
		uint32_t *v = ww_rt_map_find(&m, &i);
		if (ev[i] == 2 && !v)
			CHECK(!"an entry of evidence 2 was evicted");
		if (v) {
			CHECK_EQ_INT(*v, ev[i]);
			present++;
		}
	}
	CHECK_EQ_INT(present, CAP);
	CHECK_EQ_INT(m.n, CAP);
	CHECK_EQ_INT(m.evicted + m.refused + CAP, N);
	printf("rt_map: %llu evicted (%llu of evidence 0), %llu refused\n",
	       (unsigned long long)m.evicted, (unsigned long long)m.evicted_low,
	       (unsigned long long)m.refused);
	ww_rt_map_release(&m);
}

int main(void)
{
	hosttab_model();
	rtmap_model();
	return ww_test_done();
}
