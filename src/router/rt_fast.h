/* Hot-path helpers shared by the router parsers (millions of lines): split
 * a line into words without a cursor call per byte, and read an IPv4
 * address without going through inet_pton. Both stay inside [p, end). */
#ifndef WW_ROUTER_RT_FAST_H
#define WW_ROUTER_RT_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/addr.h"
#include "core/textcur.h"

/* The next blank-separated word at or after *p; false at the end. */
static inline bool ww_rt_word(const char **p, const char *end, const char **w, size_t *n)
{
	const char *s = *p, *e;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s >= end) {
		*p = end;
		return false;
	}
	e = s;
	while (e < end && *e != ' ' && *e != '\t')
		e++;
	*w = s;
	*n = (size_t)(e - s);
	*p = e;
	return true;
}

/* An address filling exactly [s, s+n): dotted quad fast, else ww_tcur_ip. */
static inline bool ww_rt_ip_exact(const char *s, size_t n, struct ww_addr *a)
{
	uint32_t v = 0, part = 0;
	unsigned dots = 0, digits = 0;
	size_t i;
	struct ww_tcur t;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			part = part * 10 + (uint32_t)(c - '0');
			if (part > 255 || ++digits > 3)
				break;
		} else if (c == '.' && digits && dots < 3) {
			v = v << 8 | part;
			part = 0;
			digits = 0;
			dots++;
		} else {
			break;
		}
	}
	if (i == n && dots == 3 && digits) {
		ww_addr_from_v4(a, v << 8 | part);
		return true;
	}
	t = ww_tcur_make(s, n);
	return ww_tcur_ip(&t, a) == WW_OK && ww_tcur_eof(&t);
}

/* A decimal number filling exactly [s, s+n), at most max. */
static inline bool ww_rt_u64_exact(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;
	if (n == 0 || n > 20)
		return false;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d > 9 || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

#endif
