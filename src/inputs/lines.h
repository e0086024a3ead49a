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
#include "inputs/source.h"

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
	const char *why;    /* why it could not be opened (core/input.h) */
	bool binary;        /* stopped: a block did not look like text */
	struct ww_source src; /* the file, decompressed if it is compressed */
	bool damaged;       /* the compressed data ended the read: zmsg says where */
	char zmsg[384];
	unsigned char head[512]; /* the first bytes read (decompressed), for the sniffer */
	size_t head_len;
};

/* "-" is standard input; compressed input (gzip, bzip2, xz, zstd, told by
 * content) is decompressed (inputs/source.h). A path is opened through core/input.h (its type
 * checked first: devices and sockets refused, a FIFO with no writer empty):
 * WW_ERR_IO (errno in err) or WW_ERR_UNSUPPORTED, with why set. */
ww_rc ww_lines_open(struct ww_lines *l, const char *path);
void ww_lines_release(struct ww_lines *l);
/* The next line without its end-of-line bytes, valid until the next call.
 * WW_OK, WW_ERR_NOTFOUND at the end, WW_ERR_IO on a read error (damaged
 * set and zmsg filled when compressed data was damaged or over a cap),
 * WW_ERR_FORMAT (binary set) when a block read does not look like text
 * (ww_input_binary: /dev/zero or /dev/urandom on standard input). */
ww_rc ww_lines_next(struct ww_lines *l, const char **line, size_t *len);

#endif
