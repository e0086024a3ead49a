/* The dialects `wormwatch host` reads, recognised by content, not by file
 * name. Each dialect file (host_<dialect>.c) exports a detector and a
 * parser; host_sniff.c lists them in one const table.
 *
 * Contract of a detector: look at the UTF-8 text (at most the first few
 * hundred lines) and return a score, 0 = not this dialect, higher = surer;
 * the best score wins. Contract of a parser: add what it reads to c->inv,
 * warn (ww_report_warning with file and line) about every row-like line it
 * cannot read, never read past len, return WW_OK unless memory ran out. */
#ifndef WW_HOST_SNIFF_H
#define WW_HOST_SNIFF_H

#include <stddef.h>
#include <stdint.h>

#include "host/host_inventory.h"

typedef int (*ww_host_detect_fn)(const char *text, size_t len);
typedef ww_rc (*ww_host_parse_fn)(struct ww_host_ctx *c, const char *text, size_t len,
                                  uint32_t src);

struct ww_host_dialect {
	const char *name;
	const char *help;
	ww_host_detect_fn detect;
	ww_host_parse_fn parse;
};

/* The table, terminated by a row with name NULL. */
extern const struct ww_host_dialect ww_host_dialects[];

/* Pick the dialect of a UTF-8 text, or NULL. */
const struct ww_host_dialect *ww_host_sniff(const char *text, size_t len);

/* Read one file (any encoding), sniff it and parse it into c. An
 * unrecognised file is a note, not an error. */
ww_rc ww_host_read_file(struct ww_host_ctx *c, const char *path);
/* Read a file or every regular file of a directory (sorted, one level). */
ww_rc ww_host_read_path(struct ww_host_ctx *c, const char *path);

#define WW_HOST_DIALECT(x)                                                             \
	int ww_host_detect_##x(const char *text, size_t len);                          \
	ww_rc ww_host_parse_##x(struct ww_host_ctx *c, const char *text, size_t len,   \
	                        uint32_t src)
WW_HOST_DIALECT(netstat);
WW_HOST_DIALECT(netstat_stats);
WW_HOST_DIALECT(tasklist);
WW_HOST_DIALECT(reg);
WW_HOST_DIALECT(reg_query);
WW_HOST_DIALECT(hosts);
WW_HOST_DIALECT(schtasks);
WW_HOST_DIALECT(at);
WW_HOST_DIALECT(net);
WW_HOST_DIALECT(dirlist);
WW_HOST_DIALECT(proc_net);
WW_HOST_DIALECT(ss);
WW_HOST_DIALECT(manifest);

/* "0.0.0.0:135", "[::]:0", "*:*", "chief:epmap" (host_netstat_win.c). */
ww_rc ww_host_parse_endpoint(const char *s, size_t n, struct ww_host_endpoint *e);

#endif
