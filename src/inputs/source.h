/* One way in for every file input (captures, router logs, table dumps, a
 * machine's outputs): the file opened safely (core/input.h), its first
 * bytes looked at, and a gzip, bzip2, xz or zstd file decompressed on the
 * fly. The kind is told by the content (magic bytes), never by the name.
 * The reader gets a stdio stream either way: libpcap takes it through
 * pcap_fopen_offline, the line reader through fread.
 *
 * Bounds: the decompressed bytes are capped (the caller's cap, or
 * WW_SOURCE_MAX_OUT), and a stream that grows past WW_SOURCE_BOMB_RATIO
 * times its compressed size once past WW_SOURCE_BOMB_FLOOR bytes is
 * stopped as a decompression bomb; the decoders' memory is bounded (xz
 * memlimit, zstd window). Damaged or cut-off compressed data ends the
 * stream with a read error; ww_source_failed() then says what and where
 * (the compressed byte offset), and what was read before it stays read. */
#ifndef WW_INPUTS_SOURCE_H
#define WW_INPUTS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/result.h"

enum ww_zkind { WW_Z_NONE, WW_Z_GZIP, WW_Z_BZIP2, WW_Z_XZ, WW_Z_ZSTD };

#define WW_SOURCE_MAX_OUT (64ull << 30)      /* 64 GiB out of one compressed file */
#define WW_SOURCE_BOMB_RATIO 1000u           /* gzip's own ceiling is about 1032:1 */
#define WW_SOURCE_BOMB_FLOOR (16ull << 20)   /* checked once past 16 MiB out */

struct ww_zstate;

struct ww_source {
	FILE *f;                 /* the (decompressed) bytes */
	const char *path;        /* as given; "-" is standard input */
	enum ww_zkind kind;
	bool regular;            /* a regular file: size is its size on disk */
	uint64_t size;
	unsigned char head[16];  /* the first bytes as stored */
	size_t head_len;
	struct ww_zstate *z;     /* the decoder (and the descriptor) when kind != NONE */
	bool taken;              /* f belongs to someone who closes it (libpcap) */
};

/* The kind of compressed data that starts with b (n bytes), WW_Z_NONE if
 * none. */
enum ww_zkind ww_z_sniff(const unsigned char *b, size_t n);
/* "gzip", "bzip2", "xz", "zstd", "" */
const char *ww_z_name(enum ww_zkind k);

/* Open path ("-" = standard input). max_out caps the decompressed bytes
 * (0: WW_SOURCE_MAX_OUT). Errors as ww_input_open (core/input.h): WW_ERR_IO
 * with *err, WW_ERR_UNSUPPORTED or WW_ERR_LIMIT, with *why. Also WW_ERR_NOMEM. */
ww_rc ww_source_open(struct ww_source *s, const char *path, uint64_t max_out, int *err,
                     const char **why);
/* After a read on s->f failed (or ended early): true and a phrase in msg
 * ("damaged gzip data at compressed byte offset 1234: invalid block type")
 * when the decompressor stopped it; *limit set when it was a cap. */
bool ww_source_failed(const struct ww_source *s, char *msg, size_t len, bool *limit);
/* Compressed bytes read so far (the file's bytes), decompressed bytes out. */
uint64_t ww_source_in_bytes(const struct ww_source *s);
uint64_t ww_source_out_bytes(const struct ww_source *s);
/* Close f (unless taken) and free the decoder. */
void ww_source_close(struct ww_source *s);

/* A whole input into b (at most b->cap bytes, decompressed if need be).
 * WW_OK, or WW_ERR_IO/UNSUPPORTED/LIMIT (why) as ww_buf_read_input, or
 * WW_ERR_FORMAT when compressed data was damaged: why then points into
 * msg (what was read before the damage stays in b). kind: what it was. */
ww_rc ww_source_read_all(struct ww_buf *b, const char *path, const char **why, char *msg,
                         size_t msglen, enum ww_zkind *kind);

#endif
