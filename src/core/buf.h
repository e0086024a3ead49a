/* A growable byte buffer with a hard size cap set at init (after git's
 * strbuf and curl's dynbuf). Always NUL-terminated. Appends past the cap
 * fail with WW_ERR_LIMIT and leave the buffer as it was. */
#ifndef WW_CORE_BUF_H
#define WW_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

struct ww_buf {
	char *s;
	size_t len, alloc, cap;
};

void ww_buf_init(struct ww_buf *b, size_t cap);
void ww_buf_release(struct ww_buf *b);
void ww_buf_reset(struct ww_buf *b);
ww_rc ww_buf_add(struct ww_buf *b, const void *p, size_t n);
ww_rc ww_buf_adds(struct ww_buf *b, const char *s);
ww_rc ww_buf_addc(struct ww_buf *b, char c);
ww_rc ww_buf_addf(struct ww_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ww_rc ww_buf_vaddf(struct ww_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hand the string to the caller (who frees it); the buffer is reset. */
char *ww_buf_detach(struct ww_buf *b);
/* Read a whole file, at most `cap` bytes; WW_ERR_LIMIT if it is larger. */
ww_rc ww_buf_read_file(struct ww_buf *b, const char *path);
/* The same with the reason of a failure for the message (core/input.h):
 * the file type and size are checked before reading; a regular file over
 * b->cap is WW_ERR_LIMIT with nothing read, a device or socket
 * WW_ERR_UNSUPPORTED, a FIFO with no writer an empty file. */
ww_rc ww_buf_read_input(struct ww_buf *b, const char *path, const char **why);

/* Number with thousands separators: 1024 -> "1,024". buf >= 32 bytes. */
const char *ww_fmt_count(unsigned long long v, char *buf, size_t len);

/* Append code point cp (at most U+10FFFF, not a surrogate: the caller's
 * decoder checks) as UTF-8. */
ww_rc ww_buf_add_utf8(struct ww_buf *b, uint32_t cp);

#endif
