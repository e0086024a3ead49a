#include "core/common.h"
#include "core/buf.h"
#include "core/input.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>

static char ww_buf_empty[1];

void ww_buf_init(struct ww_buf *b, size_t cap)
{
	b->s = ww_buf_empty;
	b->len = b->alloc = 0;
	b->cap = cap;
}

void ww_buf_release(struct ww_buf *b)
{
	if (b->alloc)
		free(b->s);
	ww_buf_init(b, b->cap);
}

void ww_buf_reset(struct ww_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
}

static ww_rc buf_grow(struct ww_buf *b, size_t extra)
{
	size_t want, na;
	char *p;
	if (!ww_size_add(b->len, extra, &want) || !ww_size_add(want, 1, &want))
		return WW_ERR_LIMIT;
	if (want - 1 > b->cap)
		return WW_ERR_LIMIT;
	if (want <= b->alloc)
		return WW_OK;
	na = b->alloc ? b->alloc : 64;
	while (na < want)
		na = na > SIZE_MAX / 2 ? want : na * 2;
	p = realloc(b->alloc ? b->s : NULL, na);
	if (!p)
		return WW_ERR_NOMEM;
	if (!b->alloc)
		p[0] = '\0';
	b->s = p;
	b->alloc = na;
	return WW_OK;
}

ww_rc ww_buf_add(struct ww_buf *b, const void *p, size_t n)
{
	ww_rc rc = buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return WW_OK;
}

ww_rc ww_buf_adds(struct ww_buf *b, const char *s) { return ww_buf_add(b, s, strlen(s)); }
ww_rc ww_buf_addc(struct ww_buf *b, char c) { return ww_buf_add(b, &c, 1); }

ww_rc ww_buf_vaddf(struct ww_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	ww_rc rc;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return WW_ERR_FORMAT;
	rc = buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return WW_OK;
}

ww_rc ww_buf_addf(struct ww_buf *b, const char *fmt, ...)
{
	va_list ap;
	ww_rc rc;
	va_start(ap, fmt);
	rc = ww_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *ww_buf_detach(struct ww_buf *b)
{
	char *s;
	if (!b->alloc) {
		s = malloc(1);
		if (s)
			s[0] = '\0';
		return s;
	}
	s = b->s;
	ww_buf_init(b, b->cap);
	return s;
}

ww_rc ww_buf_read_input(struct ww_buf *b, const char *path, const char **why)
{
	char chunk[65536];
	int fd, err;
	ww_rc rc = ww_input_open(path, b->cap, &fd, &err, why);
	if (rc) {
		errno = err;
		return rc;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			*why = strerror(err);
			rc = WW_ERR_IO;
			break;
		}
		if (n == 0)
			break;
		rc = ww_buf_add(b, chunk, (size_t)n);
		if (rc) {
			if (rc == WW_ERR_LIMIT)
				*why = "it grew past the size cap while it was read";
			break;
		}
	}
	close(fd);
	if (rc == WW_ERR_IO)
		errno = err;
	return rc;
}

ww_rc ww_buf_read_file(struct ww_buf *b, const char *path)
{
	const char *why;
	return ww_buf_read_input(b, path, &why);
}

const char *ww_fmt_count(unsigned long long v, char *buf, size_t len)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%llu", v), i, o = 0;
	for (i = 0; i < n && (size_t)o + 1 < len; i++) {
		if (i && (n - i) % 3 == 0 && (size_t)o + 2 < len)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

ww_rc ww_buf_add_utf8(struct ww_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return ww_buf_add(b, u, n);
}
