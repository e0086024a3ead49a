#include "core/common.h"
#include "core/input.h"
#include "core/timefmt.h"
#include "core/i18n.h"
#include "inputs/capture.h"
#include "inputs/sniff.h"
#include "decode/packet.h"

#include <errno.h>
#include <stdarg.h>
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
	struct ww_source in; /* the file, decompressed if it is compressed */
	struct bpf_program prog; /* --filter, compiled for this file's link type */
	bool have_prog;
	bool skipped;     /* could not be opened: left out (opts.skip_bad) */
};

#define READ_BUFFER (1u << 16)

/* A file that cannot be read: an error ("cannot open 'x': why"), or with
 * opts.skip_bad a warning ("skipped 'x': why") and the file left out. */
static ww_rc open_fail(struct ww_capture *cap, ww_rc rc, const char *verb, const char *path,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static ww_rc open_fail(struct ww_capture *cap, ww_rc rc, const char *verb, const char *path,
                       const char *fmt, ...)
{
	va_list ap;
	char tail[640];
	va_start(ap, fmt);
	vsnprintf(tail, sizeof(tail), fmt, ap);
	va_end(ap);
	if (cap->opts.skip_bad && rc != WW_ERR_USAGE && rc != WW_ERR_NOMEM) {
		int st = rc == WW_ERR_IO ? WW_EXIT_NOINPUT : WW_EXIT_DATAERR;
		ww_warn(_("skipped '%s'%s"), path, tail);
		if (cap->n_skipped < WW_ARRAY_LEN(cap->skipped_msg))
			snprintf(cap->skipped_msg[cap->n_skipped], sizeof(cap->skipped_msg[0]),
			         _("skipped '%s'%s"), path, tail);
		cap->n_skipped++;
		if (st > cap->skip_status)
			cap->skip_status = st;
		return WW_OK;
	}
	ww_error("%s '%s'%s", verb, path, tail);
	return rc;
}

static ww_rc open_one(struct ww_capture *cap, struct ww_capture_src *s, const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct stat st;
	FILE *f;
	int err = 0;
	const char *why = NULL;
	ww_rc orc;
	/* "-" is standard input, as for tcpdump -r - (tcpdump -w - | wormwatch
	 * analyze -); /dev/stdin and process substitution are pipes */
	bool std_in = strcmp(path, "-") == 0;
	/* what messages call it (a pipe's /dev/fd/N may stand for "-") */
	const char *shown = cap->opts.name ? cap->opts.name : path;
	memset(&st, 0, sizeof(st));
	s->path = shown;
	if (!std_in) {
		if (stat(path, &st) != 0)
			return open_fail(cap, WW_ERR_IO, _("cannot open"), shown, ": %s", strerror(errno));
		if (S_ISDIR(st.st_mode))
			return open_fail(cap, WW_ERR_IO, _("cannot read"), shown,
			                 _(": it is a directory, not a capture file"));
		if (S_ISREG(st.st_mode) && st.st_size == 0)
			return open_fail(cap, WW_ERR_FORMAT, _("cannot read"), shown,
			                 _(": the file is empty (0 bytes), not a capture"));
	}
	/* a FIFO with no writer is empty, a device is refused (core/input.h);
	 * gzip, bzip2, xz and zstd are decompressed (inputs/source.h) */
	if ((orc = ww_source_open(&s->in, path, 0, &err, &why)))
		return open_fail(cap, orc, _("cannot open"), shown, ": %s",
		                 why && *why ? why : strerror(err));
	f = s->in.f;
	/* only the reading thread uses the stream: libpcap's two freads per
	 * packet need not take the stream's lock once `analyze` runs a
	 * second thread */
	(void)__fsetlocking(f, FSETLOCKING_BYCALLER);
	/* libpcap reads each record with two freads: a 64 KiB stdio buffer
	 * makes that one read(2) per 64 KiB instead of one per 4 KiB (glibc
	 * ignores the size unless it is given the buffer) */
	if (!(s->rbuf = malloc(READ_BUFFER)) || setvbuf(f, s->rbuf, _IOFBF, READ_BUFFER) != 0) {
		ww_error("cannot read '%s': no memory for its read buffer", shown);
		return WW_ERR_NOMEM;
	}
	errbuf[0] = '\0';
	s->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (s->p)
		s->in.taken = true; /* pcap_close closes it */
	if (!s->p) {
		char zmsg[384], what[480];
		if (ww_source_failed(&s->in, zmsg, sizeof(zmsg), NULL))
			return open_fail(cap, WW_ERR_FORMAT, _("cannot read"), shown, ": %s", zmsg);
		if (strstr(errbuf, "truncated") || strstr(errbuf, "unknown file format") ||
		    strstr(errbuf, "bad dump file format") || strstr(errbuf, "pcapng")) {
			if (s->in.kind) { /* the decompressed start is gone: name the packing */
				snprintf(what, sizeof(what), _("%s data that does not hold a capture"),
				         ww_z_name(s->in.kind));
			} else {
				char kind[200];
				const unsigned char *h = s->in.head;
				ww_sniff_what(h, s->in.head_len, WW_Z_NONE, _("text"), kind, sizeof(kind));
				if (s->in.head_len >= 4)
					snprintf(what, sizeof(what), _("starts with bytes %02x %02x %02x %02x; "
					         "it is %s"), h[0], h[1], h[2], h[3], kind);
				else
					snprintf(what, sizeof(what), _("it is %s"), kind);
			}
			return open_fail(cap, WW_ERR_FORMAT, _("cannot read"), shown,
			                 _(" at byte offset 0: not a pcap or pcapng capture (%s): %s"), what,
			                 errbuf);
		}
		return open_fail(cap, WW_ERR_IO, _("cannot open"), shown, ": %s", errbuf);
	}
	s->dlt = pcap_datalink(s->p);
	s->classic = pcap_major_version(s->p) == 2;
	s->offset = 24;
	if (!ww_decode_linktype_ok(s->dlt)) {
		const char *name = pcap_datalink_val_to_name(s->dlt);
		return open_fail(cap, WW_ERR_UNSUPPORTED, _("cannot read"), shown,
		                 _(": link type %s (%d) is not supported"), name ? name : "unknown",
		                 s->dlt);
	}
	if (cap->opts.filter) {
		/* compiled for this file's link type; applied to each record here
		 * (pcap_offline_filter), so record offsets stay exact */
		if (pcap_compile(s->p, &s->prog, cap->opts.filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
			ww_error(_("bad filter expression '%s': %s"), cap->opts.filter, pcap_geterr(s->p));
			return WW_ERR_USAGE;
		}
		s->have_prog = true;
	}
	return WW_OK;
}

/* A file that could not be opened is closed at once and marked. */
static void drop_src(struct ww_capture_src *s)
{
	if (s->p)
		pcap_close(s->p);
	s->p = NULL;
	if (s->have_prog)
		pcap_freecode(&s->prog);
	s->have_prog = false;
	ww_source_close(&s->in);
	free(s->rbuf);
	s->rbuf = NULL;
	s->skipped = true;
	s->done = true;
}

ww_rc ww_capture_open(struct ww_capture *cap, char *const *paths, size_t n)
{
	return ww_capture_open_opts(cap, paths, n, NULL);
}

ww_rc ww_capture_open_opts(struct ww_capture *cap, char *const *paths, size_t n,
                           const struct ww_capture_opts *o)
{
	size_t i;
	memset(cap, 0, sizeof(*cap));
	if (o)
		cap->opts = *o;
	cap->src = ww_calloc(n, sizeof(*cap->src));
	if (!cap->src)
		return WW_ERR_NOMEM;
	cap->n = n;
	for (i = 0; i < n; i++) {
		unsigned before = cap->n_skipped;
		ww_rc rc = open_one(cap, &cap->src[i], paths[i]);
		if (rc)
			return rc;
		if (cap->n_skipped != before)
			drop_src(&cap->src[i]);
	}
	if (cap->n_skipped == n) {
		ww_error(_("no capture could be read"));
		return cap->skip_status == WW_EXIT_NOINPUT ? WW_ERR_IO : WW_ERR_FORMAT;
	}
	return WW_OK;
}

void ww_capture_close(struct ww_capture *cap)
{
	size_t i;
	for (i = 0; i < cap->n; i++) {
		if (cap->src[i].p)
			pcap_close(cap->src[i].p);
		if (cap->src[i].have_prog)
			pcap_freecode(&cap->src[i].prog);
		ww_source_close(&cap->src[i].in);
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
	if (f && s->in.z) {
		/* a decompressed stream cannot be told where it is (no seek): the
		 * bytes it has handed out less those still in stdio's buffer */
		uint64_t out = ww_source_out_bytes(&s->in);
		uint64_t buffered = (uint64_t)(f->_IO_read_end - f->_IO_read_ptr);
		return out >= buffered ? (long)(out - buffered) : -1;
	}
	return f ? ftell(f) : -1;
}

/* Read the next frame of s; on failure decide between truncated (warning)
 * and damaged (error). */
static void advance(struct ww_capture *cap, struct ww_capture_src *s,
                    void (*warn)(void *, const char *), void *ud)
{
	int r;
	if (s->done)
		return;
	if (s->have)
		s->offset += 16 + (uint64_t)s->hdr->caplen;
	for (;;) {
		r = pcap_next_ex(s->p, &s->hdr, &s->data);
		if (r != 1)
			break;
		if (!s->have_prog || pcap_offline_filter(&s->prog, s->hdr, s->data)) {
			s->have = true;
			return;
		}
		cap->filtered++;
		s->offset += 16 + (uint64_t)s->hdr->caplen;
	}
	s->have = false;
	s->done = true;
	if (r == PCAP_ERROR_BREAK || r == 0)
		return;
	if (cap->opts.stop && *cap->opts.stop) {
		/* a read cut short by the signal (EINTR on a pipe): not damage */
		cap->interrupted = true;
		return;
	}
	{
		const char *msg = pcap_geterr(s->p);
		long off = where(s);
		char line[768], zmsg[384];
		if (ww_source_failed(&s->in, zmsg, sizeof(zmsg), NULL)) {
			/* the compressed data stopped it: where in the file it is */
			ww_error(_("cannot read '%s' after %llu packets: %s"), s->path,
			         (unsigned long long)s->frames, zmsg);
			snprintf(line, sizeof(line), _("'%s' stopped after %llu packets: %s; what was "
			         "read before it is reported"), s->path, (unsigned long long)s->frames,
			         zmsg);
			if (warn)
				warn(ud, line);
			cap->damaged_files++;
		} else if (strstr(msg, "truncated")) {
			snprintf(line, sizeof(line),
			         _("'%s' is cut off at byte offset %ld%s after %llu packets; "
			         "reporting what was read: %s"),
			         s->path, off, s->in.kind ? _(" of the decompressed data") : "",
			         (unsigned long long)s->frames, msg);
			cap->truncated_files++;
			ww_warn("%s", line);
			if (warn)
				warn(ud, line);
		} else if (s->in.kind) {
			/* compressed: the capture's offset is in the decompressed data;
			 * where the decoder was in the file is said as well */
			char at[160];
			snprintf(at, sizeof(at), _("at byte offset %ld of the decompressed data (%s, near "
			         "compressed byte offset %llu)"), off, ww_z_name(s->in.kind),
			         (unsigned long long)ww_source_in_bytes(&s->in));
			ww_error(_("cannot read '%s' %s after %llu packets: %s"), s->path, at,
			         (unsigned long long)s->frames, msg);
			snprintf(line, sizeof(line), _("'%s' is damaged %s after %llu packets: %s"), s->path,
			         at, (unsigned long long)s->frames, msg);
			if (warn)
				warn(ud, line);
			cap->damaged_files++;
		} else {
			ww_error("cannot read '%s' at byte offset %ld after %llu packets: %s", s->path,
			         off, (unsigned long long)s->frames, msg);
			snprintf(line, sizeof(line), _("'%s' is damaged at byte offset %ld after %llu packets: %s"),
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
	if ((cap->opts.has_since && ts < cap->opts.since_us) ||
	    (cap->opts.has_until && ts > cap->opts.until_us)) {
		cap->outside_window++;
		s->frames++;
		return;
	}
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
			if (cap->opts.stop && *cap->opts.stop) {
				cap->interrupted = true;
				break;
			}
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
		if (cap->opts.stop && *cap->opts.stop) {
			cap->interrupted = true;
			break;
		}
		deliver(cap, best, fn, ud, &last, warn);
		advance(cap, best, warn, ud);
	}
	return cap->damaged_files ? WW_ERR_FORMAT : WW_OK;
}
