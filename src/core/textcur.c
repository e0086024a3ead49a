#include "core/common.h"
#include "core/textcur.h"
#include "core/addr.h"

#include <arpa/inet.h>

size_t ww_tcur_skip_ws(struct ww_tcur *t)
{
	size_t n = 0;
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\t')) {
		t->p++;
		n++;
	}
	return n;
}

bool ww_tcur_lit(struct ww_tcur *t, const char *lit)
{
	size_t n = strlen(lit);
	if (ww_tcur_left(t) < n || memcmp(t->p, lit, n) != 0)
		return false;
	t->p += n;
	return true;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool ww_tcur_lit_ci(struct ww_tcur *t, const char *lit)
{
	size_t i, n = strlen(lit);
	if (ww_tcur_left(t) < n)
		return false;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)t->p[i]) != lower((unsigned char)lit[i]))
			return false;
	t->p += n;
	return true;
}

bool ww_tcur_ch(struct ww_tcur *t, char ch)
{
	if (t->p < t->end && *t->p == ch) {
		t->p++;
		return true;
	}
	return false;
}

bool ww_tcur_word(struct ww_tcur *t, const char **word, size_t *len)
{
	const char *s;
	ww_tcur_skip_ws(t);
	s = t->p;
	while (t->p < t->end && *t->p != ' ' && *t->p != '\t')
		t->p++;
	*word = s;
	*len = (size_t)(t->p - s);
	return *len > 0;
}

void ww_tcur_until(struct ww_tcur *t, char stop, const char **s, size_t *len)
{
	*s = t->p;
	while (t->p < t->end && *t->p != stop)
		t->p++;
	*len = (size_t)(t->p - *s);
}

ww_rc ww_tcur_u64(struct ww_tcur *t, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = t->p;
	while (t->p < t->end && *t->p >= '0' && *t->p <= '9') {
		unsigned d = (unsigned)(*t->p - '0');
		if (d > max || v > (max - d) / 10) {
			t->p = s;
			return WW_ERR_FORMAT;
		}
		v = v * 10 + d;
		t->p++;
	}
	if (t->p == s)
		return WW_ERR_FORMAT;
	*out = v;
	return WW_OK;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

ww_rc ww_tcur_hex(struct ww_tcur *t, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = t->p;
	int d;
	while (t->p < t->end && (d = hexval((unsigned char)*t->p)) >= 0) {
		if ((uint64_t)d > max || v > (max - (unsigned)d) / 16) {
			t->p = s;
			return WW_ERR_FORMAT;
		}
		v = v * 16 + (unsigned)d;
		t->p++;
	}
	if (t->p == s)
		return WW_ERR_FORMAT;
	*out = v;
	return WW_OK;
}

ww_rc ww_tcur_u64_grouped(struct ww_tcur *t, uint64_t max, uint64_t *out)
{
	uint64_t v;
	const char *s = t->p;
	if (ww_tcur_u64(t, max, &v))
		return WW_ERR_FORMAT;
	for (;;) {
		const char *g = t->p;
		uint64_t part;
		int i;
		if (t->end - t->p < 4 || (*t->p != ',' && *t->p != '.' && *t->p != ' ' &&
		                          (unsigned char)*t->p != 0xa0))
			break;
		for (i = 1; i <= 3; i++)
			if (t->p[i] < '0' || t->p[i] > '9')
				break;
		if (i <= 3 || (t->end - t->p > 4 && t->p[4] >= '0' && t->p[4] <= '9'))
			break;
		part = (uint64_t)(t->p[1] - '0') * 100 + (uint64_t)(t->p[2] - '0') * 10 +
		       (uint64_t)(t->p[3] - '0');
		if (part > max || v > (max - part) / 1000) {
			t->p = s;
			return WW_ERR_FORMAT;
		}
		v = v * 1000 + part;
		t->p = g + 4;
	}
	*out = v;
	return WW_OK;
}

ww_rc ww_tcur_ipv4(struct ww_tcur *t, struct ww_addr *out)
{
	uint8_t b[4];
	const char *s = t->p;
	int i;
	for (i = 0; i < 4; i++) {
		uint64_t v;
		if (i && !ww_tcur_ch(t, '.'))
			goto bad;
		if (ww_tcur_u64(t, 255, &v))
			goto bad;
		b[i] = (uint8_t)v;
	}
	ww_addr_from_v4_bytes(out, b);
	return WW_OK;
bad:
	t->p = s;
	return WW_ERR_FORMAT;
}

ww_rc ww_tcur_ip(struct ww_tcur *t, struct ww_addr *out)
{
	char buf[64];
	size_t n = 0;
	const char *s = t->p;
	while (t->p < t->end && n < sizeof(buf) - 1) {
		char c = *t->p;
		if (!(hexval((unsigned char)c) >= 0 || c == ':' || c == '.'))
			break;
		buf[n++] = c;
		t->p++;
	}
	buf[n] = '\0';
	if (n == 0 || ww_addr_parse(buf, out)) {
		t->p = s;
		return WW_ERR_FORMAT;
	}
	if (t->p < t->end && *t->p == '%') /* zone id */
		while (t->p < t->end && *t->p != ']' && *t->p != ' ' && *t->p != '\t')
			t->p++;
	return WW_OK;
}

bool ww_next_line(const char *buf, size_t len, size_t *pos, size_t max_line,
                  const char **line, size_t *line_len, bool *cut)
{
	const char *s, *nl;
	size_t n;
	*cut = false;
	for (;;) {
		if (*pos >= len)
			return false;
		s = buf + *pos;
		nl = memchr(s, '\n', len - *pos);
		n = nl ? (size_t)(nl - s) : len - *pos;
		*pos += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r')
			n--;
		if (n <= max_line)
			break;
		*cut = true; /* skipped whole */
	}
	*line = s;
	*line_len = n;
	return true;
}

unsigned long ww_long_lines(const char *buf, size_t len, size_t max_line, unsigned long *first,
                            size_t n_first)
{
	size_t pos = 0;
	unsigned long lineno = 0, count = 0;
	while (pos < len) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n > max_line) {
			if (count < n_first)
				first[count] = lineno;
			count++;
		}
	}
	return count;
}
