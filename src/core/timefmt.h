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
bool ww_time_from_tv(int64_t sec, int64_t usec, int64_t *us);
/* ISO 8601 UTC with microseconds: 2004-04-20T03:28:28.123456Z */
const char *ww_time_iso(int64_t us, char *buf, size_t len);
/* Seconds with up to one decimal, for evidence text: "60 s", "0.4 s" */
const char *ww_duration(int64_t us, char *buf, size_t len);

#endif
