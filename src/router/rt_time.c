#include "core/common.h"
#include "router/rt_time.h"

/* After H. Hinnant's days_from_civil. */
int64_t ww_rt_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (int64_t)(m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Exactly n digits. */
static ww_rc digits(struct ww_tcur *t, unsigned n, unsigned *out)
{
	unsigned v = 0, i;
	if (ww_tcur_left(t) < n)
		return WW_ERR_FORMAT;
	for (i = 0; i < n; i++) {
		char c = t->p[i];
		if (c < '0' || c > '9')
			return WW_ERR_FORMAT;
		v = v * 10 + (unsigned)(c - '0');
	}
	t->p += n;
	*out = v;
	return WW_OK;
}

/* "hh:mm:ss" and an optional ".frac"; adds to *us. */
static ww_rc clock_part(struct ww_tcur *t, int64_t *us)
{
	unsigned h, mi, s, n = 0;
	int64_t frac = 0;
	if (digits(t, 2, &h) || !ww_tcur_ch(t, ':') || digits(t, 2, &mi) || !ww_tcur_ch(t, ':') ||
	    digits(t, 2, &s) || h > 23 || mi > 59 || s > 60)
		return WW_ERR_FORMAT;
	if (ww_tcur_ch(t, '.') || ww_tcur_ch(t, ',')) {
		while (!ww_tcur_eof(t) && *t->p >= '0' && *t->p <= '9') {
			if (n < 6) {
				frac = frac * 10 + (*t->p - '0');
				n++;
			}
			t->p++;
		}
		while (n < 6) {
			frac *= 10;
			n++;
		}
	}
	*us += ((int64_t)h * 3600 + mi * 60 + s) * 1000000 + frac;
	return WW_OK;
}

static ww_rc date_part(struct ww_tcur *t, char sep, int64_t *us)
{
	unsigned y, m, d;
	if (digits(t, 4, &y) || !ww_tcur_ch(t, sep) || digits(t, 2, &m) || !ww_tcur_ch(t, sep) ||
	    digits(t, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
		return WW_ERR_FORMAT;
	*us = ww_rt_days_from_civil(y, m, d) * 86400 * 1000000;
	return WW_OK;
}

ww_rc ww_rt_time_3164(struct ww_tcur *t, int year, int64_t *us)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct ww_tcur s = *t;
	unsigned m, d = 0;
	int64_t v;
	if (ww_tcur_left(&s) < 15)
		return WW_ERR_FORMAT;
	for (m = 0; m < 12; m++)
		if (memcmp(s.p, months + 3 * m, 3) == 0)
			break;
	if (m == 12 || s.p[3] != ' ')
		return WW_ERR_FORMAT;
	s.p += 4;
	if (*s.p == ' ')
		s.p++;
	while (!ww_tcur_eof(&s) && *s.p >= '0' && *s.p <= '9' && d < 100)
		d = d * 10 + (unsigned)(*s.p++ - '0');
	if (d < 1 || d > 31 || !ww_tcur_ch(&s, ' '))
		return WW_ERR_FORMAT;
	/* Cisco's "Jan 01 2024 12:00:00" carries the year */
	if (ww_tcur_left(&s) > 5 && s.p[4] == ' ' && s.p[2] != ':') {
		unsigned y4;
		if (digits(&s, 4, &y4) || !ww_tcur_ch(&s, ' '))
			return WW_ERR_FORMAT;
		year = (int)y4;
	}
	v = ww_rt_days_from_civil(year, m + 1, d) * 86400 * 1000000;
	if (clock_part(&s, &v))
		return WW_ERR_FORMAT;
	ww_tcur_skip_ws(&s);
	*t = s;
	*us = v;
	return WW_OK;
}

ww_rc ww_rt_time_3339(struct ww_tcur *t, int64_t *us)
{
	struct ww_tcur s = *t;
	int64_t v;
	unsigned oh, om;
	if (date_part(&s, '-', &v) || !(ww_tcur_ch(&s, 'T') || ww_tcur_ch(&s, ' ')) ||
	    clock_part(&s, &v))
		return WW_ERR_FORMAT;
	if (ww_tcur_ch(&s, 'Z')) {
		/* UTC */
	} else if (!ww_tcur_eof(&s) && (*s.p == '+' || *s.p == '-')) {
		int sign = *s.p == '-' ? -1 : 1;
		s.p++;
		/* "+02:00", or "+0200" as older journalctl -o short-iso prints */
		if (digits(&s, 2, &oh))
			return WW_ERR_FORMAT;
		(void)ww_tcur_ch(&s, ':');
		if (digits(&s, 2, &om) || oh > 23 || om > 59)
			return WW_ERR_FORMAT;
		v -= sign * ((int64_t)oh * 3600 + om * 60) * 1000000;
	} else {
		return WW_ERR_FORMAT;
	}
	ww_tcur_skip_ws(&s);
	*t = s;
	*us = v;
	return WW_OK;
}

ww_rc ww_rt_time_ymd(struct ww_tcur *t, int64_t *us)
{
	struct ww_tcur s = *t;
	int64_t v;
	char sep;
	if (ww_tcur_left(&s) < 19)
		return WW_ERR_FORMAT;
	sep = s.p[4];
	if ((sep != '/' && sep != '-') || date_part(&s, sep, &v) || !ww_tcur_ch(&s, ' '))
		return WW_ERR_FORMAT;
	ww_tcur_skip_ws(&s);
	if (clock_part(&s, &v))
		return WW_ERR_FORMAT;
	ww_tcur_skip_ws(&s);
	*t = s;
	*us = v;
	return WW_OK;
}

ww_rc ww_rt_time_any(struct ww_tcur *t, int year, int64_t *us)
{
	*us = 0;
	/* a syslog priority ("<134>") and an RFC 5424 version ("1 ") */
	if (ww_tcur_left(t) > 2 && *t->p == '<') {
		struct ww_tcur s = *t;
		uint64_t pri;
		s.p++;
		if (!ww_tcur_u64(&s, 191, &pri) && ww_tcur_ch(&s, '>')) {
			if (ww_tcur_left(&s) > 2 && s.p[0] == '1' && s.p[1] == ' ')
				s.p += 2;
			*t = s;
		}
	}
	if (ww_tcur_left(t) && *t->p >= '0' && *t->p <= '9') {
		if (!ww_rt_time_3339(t, us) || !ww_rt_time_ymd(t, us))
			return WW_OK;
		return WW_OK;
	}
	if (!ww_rt_time_3164(t, year, us))
		return WW_OK;
	return WW_OK;
}
