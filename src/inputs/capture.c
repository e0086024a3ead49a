#include "core/common.h"
#include "core/input.h"
#include "core/timefmt.h"
#include "inputs/capture.h"
#include "decode/packet.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <sys/stat.h>
#include <unistd.h>

struct ww_capture_src {
	const char *path;
	pcap_t *p;
	int dlt;
	bool have;  /* hdr/data hold the next frame */
	bool done;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	uint64_t frames;
	bool classic;     /* pcap (not pcapng): record offsets are known exactly */
	uint64_t offset;  /* classic: where the next record starts */
	char *rbuf;       /* the FILE's buffer: freed after pcap_close */
};

/* Name the first bytes of a file that libpcap refused, so the user sees
 * what it was instead ("starts with 3c 21 44 4f"). */
static void describe_start(const char *path, char *buf, size_t len)
{
	unsigned char b[4];
	size_t n;
	FILE *f = fopen(path, "rb");
	buf[0] = '\0';
	if (!f)
		return;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	if (n == 4)
		snprintf(buf, len, " (starts with bytes %02x %02x %02x %02x)", b[0], b[1], b[2], b[3]);
}

#define READ_BUFFER (1u << 16)

static ww_rc open_one(struct ww_capture_src *s, const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct stat st;
	FILE *f;
	/* "-" is standard input, as for tcpdump -r - (tcpdump -w - | wormwatch
	 * analyze -); /dev/stdin and process substitution are pipes */
	bool std_in = strcmp(path, "-") == 0;
	memset(&st, 0, sizeof(st));
	s->path = path;
	if (std_in) {
		int fd = dup(STDIN_FILENO);
		if (fd < 0 || !(f = fdopen(fd, "rb"))) {
			if (fd >= 0)
				close(fd);
			ww_error("cannot read standard input: %s", strerror(errno));
			return WW_ERR_IO;
		}
		goto opened;
	}
	if (stat(path, &st) != 0) {
		ww_error("cannot open '%s': %s", path, strerror(errno));
		return WW_ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		ww_error("cannot read '%s': it is a directory, not a capture file", path);
		return WW_ERR_IO;
	}
	if (S_ISREG(st.st_mode) && st.st_size == 0) {
		ww_error("cannot read '%s': the file is empty (0 bytes), not a capture", path);
		return WW_ERR_FORMAT;
	}
	errbuf[0] = '\0';
	/* libpcap reads each record with two freads: a 64 KiB stdio buffer
	 * makes that one read(2) per 64 KiB instead of one per 4 KiB */
	{
		/* a FIFO with no writer is empty, a device is refused (core/input.h) */
		ww_rc orc;
		int err = 0;
		const char *why = NULL;
		if (!(f = ww_input_fopen(path, 0, &orc, &err, &why))) {
			ww_error("cannot open '%s': %s", path, why ? why : strerror(err));
			return orc ? orc : WW_ERR_IO;
		}
	}
opened:
	/* only the reading thread uses the stream: libpcap's two freads per
	 * packet need not take the stream's lock once `analyze` runs a
	 * second thread */
	(void)__fsetlocking(f, FSETLOCKING_BYCALLER);
	/* glibc ignores the size unless it is given the buffer */
	if (!(s->rbuf = malloc(READ_BUFFER)) || setvbuf(f, s->rbuf, _IOFBF, READ_BUFFER) != 0) {
		fclose(f);
		ww_error("cannot read '%s': no memory for its read buffer", path);
		return WW_ERR_NOMEM;
	}
	s->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!s->p)
		fclose(f); /* pcap_close closes it once libpcap has taken it */
	if (!s->p) {
		char start[64];
		if (strstr(errbuf, "truncated") || strstr(errbuf, "unknown file format") ||
		    strstr(errbuf, "bad dump file format") || strstr(errbuf, "pcapng")) {
			start[0] = '\0';
			if (!std_in && S_ISREG(st.st_mode)) /* a pipe's bytes are gone */
				describe_start(path, start, sizeof(start));
			ww_error("cannot read '%s' at byte offset 0: not a pcap or pcapng capture%s: %s",
			         path, start, errbuf);
			return WW_ERR_FORMAT;
		}
		ww_error("cannot open '%s': %s", path, errbuf);
		return WW_ERR_IO;
	}
	s->dlt = pcap_datalink(s->p);
	s->classic = pcap_major_version(s->p) == 2;
	s->offset = 24;
	if (!ww_decode_linktype_ok(s->dlt)) {
		const char *name = pcap_datalink_val_to_name(s->dlt);
		ww_error("cannot read '%s': link type %s (%d) is not supported", path,
		         name ? name : "unknown", s->dlt);
		return WW_ERR_UNSUPPORTED;
	}
	return WW_OK;
}

ww_rc ww_capture_open(struct ww_capture *cap, char *const *paths, size_t n)
{
	size_t i;
	memset(cap, 0, sizeof(*cap));
	cap->src = ww_calloc(n, sizeof(*cap->src));
	if (!cap->src)
		return WW_ERR_NOMEM;
	cap->n = n;
	for (i = 0; i < n; i++) {
		ww_rc rc = open_one(&cap->src[i], paths[i]);
		if (rc)
			return rc;
	}
	return WW_OK;
}

void ww_capture_close(struct ww_capture *cap)
{
	size_t i;
	for (i = 0; i < cap->n; i++) {
		if (cap->src[i].p)
			pcap_close(cap->src[i].p);
		free(cap->src[i].rbuf);
	}
	free(cap->src);
	memset(cap, 0, sizeof(*cap));
}

/* Where the damage is: the start of the bad record for pcap, where
 * reading stopped for pcapng (its blocks are not tracked here). */
static long where(struct ww_capture_src *s)
{
	FILE *f;
	if (s->classic)
		return (long)s->offset;
	f = pcap_file(s->p);
	return f ? ftell(f) : -1;
}

/* Read the next frame of s; on failure decide between truncated (warning)
 * and damaged (error). */
static void advance(struct ww_capture *cap, struct ww_capture_src *s,
                    void (*warn)(void *, const char *), void *ud)
{
	int r;
	if (s->have)
		s->offset += 16 + (uint64_t)s->hdr->caplen;
	r = pcap_next_ex(s->p, &s->hdr, &s->data);
	if (r == 1) {
		s->have = true;
		return;
	}
	s->have = false;
	s->done = true;
	if (r == PCAP_ERROR_BREAK || r == 0)
		return;
	{
		const char *msg = pcap_geterr(s->p);
		long off = where(s);
		char line[512];
		if (strstr(msg, "truncated")) {
			snprintf(line, sizeof(line),
			         "'%s' is cut off at byte offset %ld after %llu packets; "
			         "reporting what was read: %s",
			         s->path, off, (unsigned long long)s->frames, msg);
			cap->truncated_files++;
			ww_warn("%s", line);
			if (warn)
				warn(ud, line);
		} else {
			ww_error("cannot read '%s' at byte offset %ld after %llu packets: %s", s->path,
			         off, (unsigned long long)s->frames, msg);
			snprintf(line, sizeof(line), "'%s' is damaged at byte offset %ld after %llu packets: %s",
			         s->path, off, (unsigned long long)s->frames, msg);
			if (warn)
				warn(ud, line);
			cap->damaged_files++;
		}
	}
}

static inline int64_t ts_of(const struct pcap_pkthdr *h)
{
	int64_t us;
	ww_time_from_pcap((int64_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, &us);
	return us;
}

/* Hand one frame of s to the callback, with the file-wide counters. A stamp
 * outside 1970..9999 (a pcapng stamp near 2^64, a coarse if_tsresol) is
 * clamped into that range and warned about once per run. */
static __attribute__((noinline, cold)) void bad_stamp(struct ww_capture *cap,
                                                      const struct ww_capture_src *s,
                                                      void (*warn)(void *ud, const char *msg),
                                                      void *ud)
{
	char line[512];
	if (cap->bad_stamps++)
		return;
	snprintf(line, sizeof(line), "'%s' packet %llu has a time stamp outside "
	         "1970..9999 (%lld s); such stamps are clamped into that range", s->path,
	         (unsigned long long)s->frames + 1, (long long)s->hdr->ts.tv_sec);
	ww_warn("%s", line);
	if (warn)
		warn(ud, line);
}

static inline void deliver(struct ww_capture *cap, struct ww_capture_src *s, ww_frame_fn fn,
                           void *ud, int64_t *last, void (*warn)(void *ud, const char *msg))
{
	int64_t ts;
	if (!ww_time_from_pcap((int64_t)s->hdr->ts.tv_sec, (uint32_t)s->hdr->ts.tv_usec, &ts))
		bad_stamp(cap, s, warn, ud);
	if (ts < *last)
		cap->out_of_order++;
	*last = ts;
	s->frames++;
	cap->frames++;
	cap->bytes += s->hdr->len;
	fn(ud, s->dlt, ts, s->data, s->hdr->caplen, s->hdr->len);
}

ww_rc ww_capture_run(struct ww_capture *cap, ww_frame_fn fn, void *ud,
                     void (*warn)(void *ud, const char *msg))
{
	size_t i;
	int64_t last = INT64_MIN;
	if (cap->n == 1) {
		/* the common case: no merge bookkeeping per frame */
		struct ww_capture_src *s = &cap->src[0];
		for (;;) {
			advance(cap, s, warn, ud);
			if (!s->have)
				break;
			deliver(cap, s, fn, ud, &last, warn);
		}
		return cap->damaged_files ? WW_ERR_FORMAT : WW_OK;
	}
	for (i = 0; i < cap->n; i++)
		advance(cap, &cap->src[i], warn, ud);
	for (;;) {
		struct ww_capture_src *best = NULL;
		for (i = 0; i < cap->n; i++) {
			struct ww_capture_src *s = &cap->src[i];
			if (s->have && (!best || ts_of(s->hdr) < ts_of(best->hdr)))
				best = s;
		}
		if (!best)
			break;
		deliver(cap, best, fn, ud, &last, warn);
		advance(cap, best, warn, ud);
	}
	return cap->damaged_files ? WW_ERR_FORMAT : WW_OK;
}
