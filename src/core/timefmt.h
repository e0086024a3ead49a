/* Time stamps are microseconds since the Unix epoch (int64), always UTC. */
#ifndef WW_CORE_TIMEFMT_H
#define WW_CORE_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#define WW_TIME_STRLEN 40
/* ISO 8601 UTC with microseconds: 2004-04-20T03:28:28.123456Z */
const char *ww_time_iso(int64_t us, char *buf, size_t len);
/* Seconds with up to one decimal, for evidence text: "60 s", "0.4 s" */
const char *ww_duration(int64_t us, char *buf, size_t len);

#endif
