/* Packet capture files through libpcap: pcap and pcapng, several files
 * merged in time order. Damage is reported with the file and the byte offset
 * where reading stopped; a file cut off partway is a warning (what was read
 * counts), anything else that stops a file early is an error, but the
 * packets read before it are still delivered. Compressed captures (gzip,
 * bzip2, xz, zstd) are read through inputs/source.h. */
#ifndef WW_INPUTS_CAPTURE_H
#define WW_INPUTS_CAPTURE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

struct ww_capture_src;

/* Called for every frame, in time order across files. */
typedef void (*ww_frame_fn)(void *ud, int dlt, int64_t ts_us, const uint8_t *data,
                            uint32_t caplen, uint32_t wire_len);

/* What to read (analyze's options); all zero: every frame of every file. */
struct ww_capture_opts {
	const char *filter;       /* a BPF expression, compiled per file's link type */
	bool has_since, has_until;
	int64_t since_us, until_us; /* frames outside [since, until] are left out */
	bool skip_bad;            /* a file that cannot be opened or is no capture:
	                             warned about and left out, the rest read */
	const volatile sig_atomic_t *stop; /* non-zero: stop before the next frame */
	const char *name;         /* one file only: the name messages give it (NULL: its path) */
};

struct ww_capture {
	struct ww_capture_opts opts;
	struct ww_capture_src *src;
	size_t n;
	uint64_t frames;
	uint64_t bytes;
	unsigned truncated_files; /* cut off partway (warning) */
	unsigned damaged_files;   /* corrupt past some point (error) */
	unsigned out_of_order;    /* frames earlier than the previous one */
	uint64_t bad_stamps;      /* stamps outside 1970..9999, clamped (warned once) */
	uint64_t filtered;        /* frames the filter left out */
	uint64_t outside_window;  /* frames before --since or after --until */
	unsigned n_skipped;       /* files left out (opts.skip_bad) */
	int skip_status;          /* 66 one could not be opened, 65 one was no capture */
	char skipped_msg[4][512]; /* the first messages, for the report */
	bool interrupted;         /* stopped on opts.stop: what was read is delivered */
};

/* Open every file. Fails (after printing one line naming the file) with
 * WW_ERR_IO when a file cannot be opened, WW_ERR_FORMAT when it is not a
 * capture, WW_ERR_UNSUPPORTED for a link type the decoders do not know. */
ww_rc ww_capture_open(struct ww_capture *cap, char *const *paths, size_t n);
/* The same with options (o may be NULL). A bad filter expression is
 * WW_ERR_USAGE (named in the message). With o->skip_bad a file that cannot
 * be read is a warning and left out; WW_ERR_IO or WW_ERR_FORMAT only when
 * none could be read. */
ww_rc ww_capture_open_opts(struct ww_capture *cap, char *const *paths, size_t n,
                           const struct ww_capture_opts *o);
/* Deliver every frame. Returns WW_ERR_FORMAT if some file was damaged
 * (after delivering what could be read), else WW_OK. Warnings for truncated
 * files go to stderr and to `warn` if given. */
ww_rc ww_capture_run(struct ww_capture *cap, ww_frame_fn fn, void *ud,
                     void (*warn)(void *ud, const char *msg));
void ww_capture_close(struct ww_capture *cap);

#endif
