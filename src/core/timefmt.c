#include "core/common.h"
#include "core/timefmt.h"

#include <stdio.h>
#include <time.h>

bool ww_time_from_tv_slow(int64_t sec, int64_t usec, int64_t *us)
{
	int64_t v;
	if (sec < 0) {
		*us = 0;
		return false;
	}
	if (sec > WW_TIME_MAX_SEC) {
		*us = WW_TIME_MAX_SEC * 1000000 + 999999;
		return false;
	}
	/* cannot overflow below WW_TIME_MAX_SEC; checked all the same */
	if (__builtin_mul_overflow(sec, (int64_t)1000000, &v) || usec < 0 || usec > 999999 ||
	    __builtin_add_overflow(v, usec, &v)) {
		*us = sec * 1000000;
		return false;
	}
	*us = v;
	return true;
}

const char *ww_time_iso(int64_t us, char *buf, size_t len)
{
	struct tm tm;
	time_t s = (time_t)(us >= 0 ? us / 1000000 : (us - 999999) / 1000000);
	long frac = (long)(us - (int64_t)s * 1000000);
	if (!gmtime_r(&s, &tm)) {
		snprintf(buf, len, "?");
		return buf;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
	return buf;
}

const char *ww_duration(int64_t us, char *buf, size_t len)
{
	if (us < 0)
		us = 0;
	if (us < 10000000)
		snprintf(buf, len, "%.1f s", (double)us / 1e6);
	else if (us < 3600LL * 1000000)
		snprintf(buf, len, "%lld s", (long long)(us / 1000000));
	else
		snprintf(buf, len, "%.1f h", (double)us / 3.6e9);
	return buf;
}
