/* Time stamps are microseconds since the Unix epoch (int64), always UTC. */
#ifndef WW_CORE_TIMEFMT_H
#define WW_CORE_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>

#define WW_TIME_STRLEN 40

/* The range a time stamp may take: 1970-01-01 to 9999-12-31T23:59:59Z, so
 * that a stamp plus any timeout or window the engine adds stays far from
 * INT64_MAX and every stamp prints as a date. */
#define WW_TIME_MAX_SEC 253402300799LL

/* Seconds and microseconds (a struct timeval from libpcap, which turns a
 * pcapng stamp of any if_tsresol into one) to microseconds, with checked
 * arithmetic. Returns false, with *us clamped into the range above, when
 * the stamp is outside it (a pcapng stamp near 2^64, a coarse if_tsresol,
 * a negative time_t). */
bool ww_time_from_tv_slow(int64_t sec, int64_t usec, int64_t *us);

/* A UTC calendar time (year 1970-9999, month 1-12, day 1-31, 23:59:60 at
 * most) plus microseconds to microseconds since the epoch; false when it
 * is no time. For the text formats that write dates (flow records, JSON). */
bool ww_time_from_civil(uint64_t y, uint64_t mo, uint64_t d, uint64_t h, uint64_t mi,
                        uint64_t s, uint64_t usec, int64_t *us);
static inline bool ww_time_from_tv(int64_t sec, int64_t usec, int64_t *us)
{
	/* the common case, per packet: in range, no overflow possible */
	if (__builtin_expect(((uint64_t)sec <= (uint64_t)WW_TIME_MAX_SEC) &
	                     ((uint64_t)usec <= 999999u), 1)) {
		*us = sec * 1000000 + usec;
		return true;
	}
	return ww_time_from_tv_slow(sec, usec, us);
}

/* The same for libpcap's struct timeval, whose microseconds come from a
 * 32-bit unsigned field: with sec in range nothing can overflow, so one
 * compare per packet is enough (an over-large usec only shifts the stamp). */
static inline bool ww_time_from_pcap(int64_t sec, uint32_t usec, int64_t *us)
{
	if (__builtin_expect((uint64_t)sec <= (uint64_t)WW_TIME_MAX_SEC, 1)) {
		*us = sec * 1000000 + (int64_t)usec;
		return true;
	}
	return ww_time_from_tv_slow(sec, usec, us);
}
/* ISO 8601 UTC with microseconds: 2004-04-20T03:28:28.123456Z */
const char *ww_time_iso(int64_t us, char *buf, size_t len);
/* Seconds with up to one decimal, for evidence text: "60 s", "0.4 s" */
const char *ww_duration(int64_t us, char *buf, size_t len);

/* The clocks: the wall clock in microseconds since the epoch (times that
 * are shown), and the monotonic clock in nanoseconds (intervals). */
int64_t ww_wall_us(void);
int64_t ww_mono_ns(void);

#endif
