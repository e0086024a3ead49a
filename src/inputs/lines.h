/* Reading text evidence line by line from a file or standard input, in
 * large blocks (router logs and table dumps run to millions of lines).
 * A line longer than the maximum is skipped whole and counted (never handed
 * out cut, which would be parsed as if complete), never fatal. */
#ifndef WW_INPUTS_LINES_H
#define WW_INPUTS_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/result.h"

#define WW_LINES_BLOCK (1u << 20)
#define WW_LINES_MAX 16384

struct ww_lines {
	FILE *f;
	bool own;           /* close f at release */
	char *buf;
	size_t start, end;  /* unread bytes are buf[start, end) */
	bool eof, skipping; /* skipping: the rest of a cut line */
	unsigned long lineno;
	unsigned long cut;  /* lines over WW_LINES_MAX, skipped */
	unsigned long first_cut; /* the number of the first of them, 0 if none */
	int err;            /* errno of a read failure */
};

/* "-" is standard input. WW_ERR_IO (errno kept) when it cannot be opened. */
ww_rc ww_lines_open(struct ww_lines *l, const char *path);
void ww_lines_release(struct ww_lines *l);
/* The next line without its end-of-line bytes, valid until the next call.
 * WW_OK, WW_ERR_NOTFOUND at the end, WW_ERR_IO on a read error. */
ww_rc ww_lines_next(struct ww_lines *l, const char **line, size_t *len);

#endif
