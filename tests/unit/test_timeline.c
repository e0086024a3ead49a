/* Unit tests: a host's new destinations per minute (state/timeline.c). */
#include "core/common.h"
#include "state/host.h"

#include "ww_test.h"

#define MIN_US INT64_C(60000000)

static void test_minutes(void)
{
	struct ww_timeline tl;
	struct ww_finding f;
	int64_t t0 = INT64_C(1772442000) * 1000000 + 17 * 1000000; /* 09:00:17 */
	memset(&tl, 0, sizeof(tl));
	memset(&f, 0, sizeof(f));
	ww_timeline_add(&tl, t0);
	ww_timeline_add(&tl, t0 + 10 * 1000000);
	ww_timeline_add(&tl, t0 + 2 * MIN_US);
	ww_timeline_add(&tl, t0 - 5 * MIN_US); /* clock stepped back: first bucket */
	CHECK_EQ_INT(tl.t0, t0 - 17 * 1000000); /* the whole minute */
	CHECK_EQ_INT(tl.step_s, 60);
	CHECK_EQ_INT(tl.n[0], 3);
	CHECK_EQ_INT(tl.n[1], 0);
	CHECK_EQ_INT(tl.n[2], 1);
	ww_timeline_to_finding(&tl, &f);
	CHECK_EQ_INT(f.n_series, 3); /* up to the last non-empty minute */
	CHECK_EQ_INT(f.series_step_s, 60);
	CHECK_EQ_INT(f.series[0], 3);
	CHECK_EQ_INT(f.series[2], 1);
}

static void test_doubling(void)
{
	struct ww_timeline tl;
	int64_t t0 = INT64_C(1772442000) * 1000000;
	unsigned i, sum = 0;
	memset(&tl, 0, sizeof(tl));
	for (i = 0; i < 100; i++) /* one a minute for 100 minutes */
		ww_timeline_add(&tl, t0 + (int64_t)i * MIN_US);
	CHECK_EQ_INT(tl.step_s, 240); /* 32 buckets of 4 minutes hold 100 minutes */
	CHECK_EQ_INT(tl.n[0], 4);
	CHECK_EQ_INT(tl.n[24], 4);
	for (i = 0; i < WW_TIMELINE_N; i++)
		sum += tl.n[i];
	CHECK_EQ_INT(sum, 100); /* nothing lost in the merges */
	for (i = 0; i < 70000; i++) /* saturates, never wraps */
		ww_timeline_add(&tl, t0);
	CHECK_EQ_INT(tl.n[0], UINT16_MAX);
	ww_timeline_add(&tl, 0); /* no time: ignored */
	CHECK_EQ_INT(tl.n[0], UINT16_MAX);
}

int main(void)
{
	test_minutes();
	test_doubling();
	return ww_test_done();
}
