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

bool ww_time_from_civil(uint64_t y, uint64_t mo, uint64_t d, uint64_t h, uint64_t mi,
                        uint64_t s, uint64_t usec, int64_t *us)
{
	struct tm tm;
	time_t tt;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    s > 60 || usec > 999999)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mo - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)s;
	tt = timegm(&tm);
	if (tt == (time_t)-1)
		return false;
	*us = (int64_t)tt * 1000000 + (int64_t)usec;
	return true;
}

int64_t ww_wall_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t ww_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
