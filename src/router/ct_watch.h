/* The connection table over time: samples of (time, entries, max), the rate
 * it fills at, a warning before it is full ("97% full, about 4 minutes to
 * full at this rate") and a report when it recovers. Pure arithmetic, no
 * I/O: cmd_nat samples, this judges. */
#ifndef WW_ROUTER_CT_WATCH_H
#define WW_ROUTER_CT_WATCH_H

#include <stddef.h>
#include <stdint.h>

#define WW_CT_WATCH_KEEP 4096   /* samples kept for the history */
#define WW_CT_WATCH_RATE_N 6    /* samples the rate is taken over */
#define WW_CT_WATCH_HIGH 0.8    /* warn from here when it is growing */
#define WW_CT_WATCH_FULL 0.98   /* full */
#define WW_CT_WATCH_LOW 0.7     /* back under this after high: recovered */

enum ww_ct_level { WW_CT_LEVEL_OK = 0, WW_CT_LEVEL_HIGH, WW_CT_LEVEL_FULL };

enum ww_ct_event {
	WW_CT_EV_NONE = 0,
	WW_CT_EV_FILLING,   /* high and growing: *msg has the estimate */
	WW_CT_EV_FULL,      /* reached full */
	WW_CT_EV_RECOVERED  /* back to normal after high or full */
};

struct ww_ct_sample {
	int64_t t_us;
	uint64_t entries, max;
	enum ww_ct_event ev;
};

struct ww_ct_watch {
	struct ww_ct_sample s[WW_CT_WATCH_KEEP];
	size_t n, head;        /* ring: the oldest is s[head] when n == KEEP */
	uint64_t total;        /* samples ever added */
	enum ww_ct_level level;
	uint64_t peak;
	double rate;           /* entries per second over the last samples */
};

void ww_ct_watch_init(struct ww_ct_watch *w);
/* Add a sample; returns the event and writes a one-line message to msg
 * ("" for none). */
enum ww_ct_event ww_ct_watch_add(struct ww_ct_watch *w, int64_t t_us, uint64_t entries,
                                 uint64_t max, char *msg, size_t msglen);
/* The i-th kept sample, oldest first. */
const struct ww_ct_sample *ww_ct_watch_at(const struct ww_ct_watch *w, size_t i);
/* "about 4 minutes" for a number of seconds. */
void ww_ct_watch_eta(double seconds, char *buf, size_t len);

#endif
