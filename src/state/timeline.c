/* A host's new destinations per minute (see struct ww_timeline). */
#include "core/common.h"
#include "state/host.h"

#define MINUTE_US INT64_C(60000000)

static void halve(struct ww_timeline *tl)
{
	unsigned i;
	for (i = 0; i < WW_TIMELINE_N / 2; i++) {
		uint32_t v = (uint32_t)tl->n[2 * i] + tl->n[2 * i + 1];
		tl->n[i] = v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
	}
	memset(&tl->n[WW_TIMELINE_N / 2], 0, sizeof(tl->n) / 2);
	tl->step_s *= 2;
}

void ww_timeline_add(struct ww_timeline *tl, int64_t ts)
{
	int64_t idx;
	if (ts <= 0)
		return;
	if (!tl->t0) {
		tl->t0 = ts - ts % MINUTE_US;
		tl->step_s = 60;
	}
	/* a merged capture's clock may step back: count it in the first bucket */
	idx = ts < tl->t0 ? 0 : (ts - tl->t0) / ((int64_t)tl->step_s * 1000000);
	while (idx >= WW_TIMELINE_N && tl->step_s < UINT32_MAX / 2) {
		halve(tl);
		idx /= 2;
	}
	if (idx >= WW_TIMELINE_N)
		idx = WW_TIMELINE_N - 1;
	if (tl->n[idx] < UINT16_MAX)
		tl->n[idx]++;
}

void ww_timeline_to_finding(const struct ww_timeline *tl, struct ww_finding *f)
{
	unsigned k, last = 0;
	if (!tl->t0)
		return;
	for (k = 0; k < WW_TIMELINE_N && k < WW_SERIES_MAX; k++)
		if (tl->n[k])
			last = k + 1;
	f->series_t0_us = tl->t0;
	f->series_step_s = tl->step_s;
	for (k = 0; k < last; k++)
		f->series[k] = tl->n[k];
	f->n_series = last;
}
