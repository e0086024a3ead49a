/* Small bounded parsers for text formats. A text cursor walks one line
 * [p, end): nothing reads past `end`, numbers are parsed strictly with
 * overflow checked before it happens. Dialect parsers (netstat, conntrack,
 * iptables LOG ...) are built from these, one file per dialect, with the
 * format's example line in a comment above the parser. */
#ifndef WW_CORE_TEXTCUR_H
#define WW_CORE_TEXTCUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

struct ww_addr;

struct ww_tcur {
	const char *p;
	const char *end;
};

static inline struct ww_tcur ww_tcur_make(const char *p, size_t len)
{
	struct ww_tcur t = {p, p + len};
	return t;
}

static inline bool ww_tcur_eof(const struct ww_tcur *t) { return t->p >= t->end; }
static inline size_t ww_tcur_left(const struct ww_tcur *t) { return (size_t)(t->end - t->p); }

/* Skip spaces and tabs; returns how many were skipped. */
size_t ww_tcur_skip_ws(struct ww_tcur *t);
/* Consume `lit` if the cursor starts with it (case-sensitive). */
bool ww_tcur_lit(struct ww_tcur *t, const char *lit);
/* Consume `lit` case-insensitively (ASCII). */
bool ww_tcur_lit_ci(struct ww_tcur *t, const char *lit);
/* Consume one character if it is `ch`. */
bool ww_tcur_ch(struct ww_tcur *t, char ch);
/* A run of non-space bytes; word and len point into the line. */
bool ww_tcur_word(struct ww_tcur *t, const char **word, size_t *len);
/* Bytes up to (not including) `stop` or the end; the stop byte is not consumed. */
void ww_tcur_until(struct ww_tcur *t, char stop, const char **s, size_t *len);
/* Decimal unsigned integer <= max. WW_ERR_FORMAT when no digit or overflow. */
ww_rc ww_tcur_u64(struct ww_tcur *t, uint64_t max, uint64_t *out);
/* Hexadecimal unsigned integer <= max (no 0x prefix). */
ww_rc ww_tcur_hex(struct ww_tcur *t, uint64_t max, uint64_t *out);
/* Decimal with optional thousands separators (comma, dot or space; groups of 3),
 * as localised netstat -s prints. */
ww_rc ww_tcur_u64_grouped(struct ww_tcur *t, uint64_t max, uint64_t *out);
/* A dotted-quad IPv4 address. */
ww_rc ww_tcur_ipv4(struct ww_tcur *t, struct ww_addr *out);
/* An IPv6 or IPv4 address in its textual form, up to a byte that cannot be
 * part of one (']', space, end); a %zone suffix is skipped. */
ww_rc ww_tcur_ip(struct ww_tcur *t, struct ww_addr *out);

/* Split a buffer into lines: returns the next line (without CR/LF) or false
 * at the end. *pos advances. A line longer than max_line is never handed
 * out, not even its start (a cut row would be parsed as if complete: port
 * 445 read as 44): it is skipped, and *cut says that one or more lines were
 * skipped before the returned one (or before the end). Callers that must
 * say which lines were skipped scan with ww_long_lines() first. */
bool ww_next_line(const char *buf, size_t len, size_t *pos, size_t max_line,
                  const char **line, size_t *line_len, bool *cut);
/* Lines of buf longer than max_line: their count; the 1-based numbers of
 * the first n_first of them into first[]. */
unsigned long ww_long_lines(const char *buf, size_t len, size_t max_line, unsigned long *first,
                            size_t n_first);

#endif
