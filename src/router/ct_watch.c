#include "core/common.h"
#include "core/buf.h"
#include "router/ct_watch.h"

#include <stdio.h>

void ww_ct_watch_init(struct ww_ct_watch *w) { memset(w, 0, sizeof(*w)); }

const struct ww_ct_sample *ww_ct_watch_at(const struct ww_ct_watch *w, size_t i)
{
	if (i >= w->n)
		return NULL;
	return &w->s[(w->head + i) % WW_CT_WATCH_KEEP];
}

void ww_ct_watch_eta(double sec, char *buf, size_t len)
{
	if (sec < 90)
		snprintf(buf, len, "about %.0f seconds", sec < 1 ? 1 : sec);
	else if (sec < 90 * 60)
		snprintf(buf, len, "about %.0f minutes", sec / 60);
	else
		snprintf(buf, len, "about %.1f hours", sec / 3600);
}

/* Entries per second from the oldest to the newest of the last samples. */
static double rate(const struct ww_ct_watch *w)
{
	size_t k = WW_MIN(w->n, (size_t)WW_CT_WATCH_RATE_N);
	const struct ww_ct_sample *a, *b;
	if (k < 2)
		return 0;
	a = ww_ct_watch_at(w, w->n - k);
	b = ww_ct_watch_at(w, w->n - 1);
	if (!a || !b || b->t_us <= a->t_us)
		return 0;
	return ((double)b->entries - (double)a->entries) / ((double)(b->t_us - a->t_us) / 1e6);
}

enum ww_ct_event ww_ct_watch_add(struct ww_ct_watch *w, int64_t t_us, uint64_t entries,
                                 uint64_t max, char *msg, size_t msglen)
{
	struct ww_ct_sample *s;
	double used;
	char c1[32], c2[32], eta[48];
	enum ww_ct_event ev = WW_CT_EV_NONE;

	if (w->n < WW_CT_WATCH_KEEP) {
		s = &w->s[(w->head + w->n) % WW_CT_WATCH_KEEP];
		w->n++;
	} else {
		s = &w->s[w->head];
		w->head = (w->head + 1) % WW_CT_WATCH_KEEP;
	}
	s->t_us = t_us;
	s->entries = entries;
	s->max = max;
	s->ev = WW_CT_EV_NONE;
	w->total++;
	if (entries > w->peak)
		w->peak = entries;
	w->rate = rate(w);
	msg[0] = '\0';
	if (!max)
		return WW_CT_EV_NONE;
	used = (double)entries / (double)max;
	ww_fmt_count(entries, c1, sizeof(c1));
	ww_fmt_count(max, c2, sizeof(c2));
	if (used >= WW_CT_WATCH_FULL) {
		if (w->level != WW_CT_LEVEL_FULL) {
			ev = WW_CT_EV_FULL;
			snprintf(msg, msglen, "the connection table is full: %s of %s entries (%.0f%%); "
			         "new connections wait or fail", c1, c2, used * 100);
		}
		w->level = WW_CT_LEVEL_FULL;
	} else if (used >= WW_CT_WATCH_HIGH) {
		if (w->rate > 0) {
			ev = WW_CT_EV_FILLING;
			ww_ct_watch_eta(((double)max - (double)entries) / w->rate, eta, sizeof(eta));
			snprintf(msg, msglen, "%.0f%% full, %s to full at this rate (%s of %s entries, "
			         "+%.1f/s)", used * 100, eta, c1, c2, w->rate);
		}
		if (w->level == WW_CT_LEVEL_OK)
			w->level = WW_CT_LEVEL_HIGH;
	} else if (used < WW_CT_WATCH_LOW && w->level != WW_CT_LEVEL_OK) {
		ev = WW_CT_EV_RECOVERED;
		snprintf(msg, msglen, "the connection table has recovered: %s of %s entries (%.0f%%)",
		         c1, c2, used * 100);
		w->level = WW_CT_LEVEL_OK;
	}
	s->ev = ev;
	return ev;
}
