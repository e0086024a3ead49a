/* Time stamps at the start of router and firewall log lines. Every parser
 * returns microseconds since the Unix epoch (UTC) and advances the cursor
 * past the stamp and the blank after it. */
#ifndef WW_ROUTER_RT_TIME_H
#define WW_ROUTER_RT_TIME_H

#include <stdint.h>

#include "core/textcur.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t ww_rt_days_from_civil(int64_t y, unsigned m, unsigned d);

/* RFC 3164: "Feb 11 20:36:51" (no year: `year` is used, no zone: UTC). */
ww_rc ww_rt_time_3164(struct ww_tcur *t, int year, int64_t *us);
/* RFC 3339: "2015-03-07T05:09:30.045015+02:00" (also 'Z', or a space for T). */
ww_rc ww_rt_time_3339(struct ww_tcur *t, int64_t *us);
/* Small routers: "2015/03/07 05:09:30" or "2015-03-07 05:09:30" (local time
 * taken as UTC). */
ww_rc ww_rt_time_ymd(struct ww_tcur *t, int64_t *us);
/* Any of the three; *us = 0 and WW_OK when the line has none of them. */
ww_rc ww_rt_time_any(struct ww_tcur *t, int year, int64_t *us);

#endif
