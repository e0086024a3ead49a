/* Flow files: captures of export datagrams (pcap/pcapng through libpcap,
 * decoded by decode/; any UDP port, told by the version field and the
 * length checks), raw IPFIX files (RFC 5655: one message after another)
 * and Argus CSV. nfcapd files: flows_nfdump.c. */
#include "core/common.h"
#include "core/cursor.h"
#include "decode/packet.h"
#include "flows/flows_int.h"
#include "core/i18n.h"
#include "inputs/capture.h"
#include "inputs/lines.h"
#include "inputs/source.h"

#include <errno.h>
#include <stdio.h>

struct pcap_run {
	struct ww_flows *f;
	const char *path;
	uint64_t frame;
	uint64_t undecodable;
};

/* Does a UDP payload look like a flow export? The version, and the
 * lengths the header claims against the bytes there. */
static bool looks_like_export(const uint8_t *p, size_t len)
{
	uint16_t v, n;
	if (len < 4)
		return false;
	v = ww_get_be16(p);
	n = ww_get_be16(p + 2);
	switch (v) {
	case 5:
		return n >= 1 && n <= WW_V5_MAX && len >= WW_V5_HDR + (size_t)n * WW_V5_REC &&
		       len <= WW_V5_HDR + (size_t)n * WW_V5_REC + 8;
	case 9:
		return len >= 24 && n <= 2048;
	case 10:
		return n >= 16 && n == len;
	default:
		return false;
	}
}

/* A datagram that fails the checks is still an export (a damaged one, to
 * be reported) when it goes to a flow collector's port or comes from an
 * exporter already seen. */
static bool flow_port(uint16_t port)
{
	return port == 2055 || port == 2056 || port == 4739 || port == 9995 || port == 9996;
}

static bool known_exporter(const struct ww_flows *f, const struct ww_addr *a, uint16_t port)
{
	size_t i;
	for (i = 0; i < f->n_exp; i++)
		if (f->exp[i]->port == port && ww_addr_eq(&f->exp[i]->addr, a))
			return true;
	return false;
}

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	struct pcap_run *run = ud;
	struct ww_pkt p;
	struct ww_flows_from from;
	run->frame++;
	run->f->pcap_frames++;
	if (ww_decode(dlt, data, caplen, wire_len, ts, &p)) {
		run->undecodable++;
		return;
	}
	if (p.l3 != WW_L3_IP || p.proto != WW_PROTO_UDP)
		return;
	if (p.fragment) {
		run->f->st.fragments++;
		return;
	}
	if (!p.payload || (!looks_like_export(p.payload, p.payload_len) &&
	                   !known_exporter(run->f, &p.src, p.sport) && !flow_port(p.dport))) {
		run->f->st.not_exports++;
		return;
	}
	memset(&from, 0, sizeof(from));
	from.addr = p.src;
	from.port = p.sport;
	from.recv_us = ts;
	from.origin = run->path;
	from.offset = run->frame;
	from.unit = N_("packet");
	(void)ww_flows_feed_datagram(run->f, p.payload, p.payload_len, &from);
}

ww_rc ww_flows_file_pcap(struct ww_flows *f, const char *path, const char *shown)
{
	struct ww_capture cap;
	struct ww_capture_opts co;
	struct pcap_run run;
	char *paths[1];
	ww_rc rc;
	memset(&run, 0, sizeof(run));
	run.f = f;
	run.path = shown;
	paths[0] = (char *)(uintptr_t)path;
	memset(&co, 0, sizeof(co));
	co.stop = f->o.stop;
	co.name = shown;
	rc = ww_capture_open_opts(&cap, paths, 1, &co);
	if (rc)
		return rc;
	rc = ww_capture_run(&cap, on_frame, &run, NULL);
	ww_capture_close(&cap);
	if (f->st.fragments)
		ww_flows_warnf(f, "'%s': %llu IP fragments of UDP datagrams were not reassembled "
		               "(exports larger than the path MTU are lost)", shown,
		               (unsigned long long)f->st.fragments);
	/* damage was reported (one line); what was read counts, and the
	 * status says an input was damaged (WW_ERR_FORMAT), as analyze's does */
	return rc;
}

ww_rc ww_flows_file_ipfix(struct ww_flows *f, const char *path, const char *shown)
{
	struct ww_source src;
	uint8_t *msg;
	uint64_t off = 0;
	ww_rc rc = WW_OK;
	struct ww_flows_from from;
	FILE *fp;
	int err = 0;
	const char *why = NULL;
	char zmsg[256];
	bool limit = false;
	if (ww_source_open(&src, path, 0, &err, &why)) {
		ww_error("cannot open '%s': %s", shown, why ? why : strerror(err ? err : EIO));
		return WW_ERR_IO;
	}
	fp = src.f;
	msg = ww_calloc(1, 65536);
	if (!msg) {
		ww_source_close(&src);
		return WW_ERR_NOMEM;
	}
	memset(&from, 0, sizeof(from));
	from.origin = shown;
	from.unit = N_("offset");
	ww_addr_from_v4(&from.addr, 0);
	while (!(f->o.stop && *f->o.stop)) {
		size_t got = fread(msg, 1, 4, fp);
		uint16_t len;
		if (got == 0)
			break;
		if (got < 4) {
			ww_error("'%s' offset %llu: IPFIX message header cut short", shown,
			         (unsigned long long)off);
			rc = WW_ERR_TRUNCATED;
			break;
		}
		len = ww_get_be16(msg + 2);
		if (ww_get_be16(msg) != 10 || len < 16) {
			ww_error("'%s' offset %llu: not an IPFIX message (version %u, length %u)", shown,
			         (unsigned long long)off, ww_get_be16(msg), len);
			rc = WW_ERR_FORMAT;
			break;
		}
		got = fread(msg + 4, 1, (size_t)len - 4, fp);
		if (got < (size_t)len - 4) {
			ww_error("'%s' offset %llu: IPFIX message of %u bytes cut short at %zu", shown,
			         (unsigned long long)off, len, got + 4);
			rc = WW_ERR_TRUNCATED;
			break;
		}
		from.offset = off;
		(void)ww_flows_feed_datagram(f, msg, len, &from);
		off += len;
	}
	if (ferror(fp)) {
		if (ww_source_failed(&src, zmsg, sizeof(zmsg), &limit)) {
			/* damaged compressed data: what came before it counts */
			ww_error("'%s': %s; what came before it is read", shown, zmsg);
			rc = WW_ERR_FORMAT;
		} else {
			ww_error("cannot read '%s' after offset %llu: %s", shown, (unsigned long long)off,
			         strerror(errno));
			rc = WW_ERR_IO;
		}
	}
	ww_source_close(&src);
	free(msg);
	/* a cut-off tail: what came before it counts (a warning, as for a
	 * capture); damaged compressed data: the status says so */
	return rc == WW_ERR_IO || rc == WW_ERR_FORMAT ? rc : WW_OK;
}

ww_rc ww_flows_file_argus(struct ww_flows *f, const char *path, const char *shown)
{
	struct ww_lines l;
	struct ww_argus a;
	const char *line;
	size_t len;
	ww_rc rc = ww_lines_open(&l, path);
	if (rc) {
		ww_error("cannot open '%s': %s", shown, l.why ? l.why : strerror(l.err));
		return rc == WW_ERR_UNSUPPORTED ? WW_ERR_FORMAT : WW_ERR_IO;
	}
	ww_argus_init(&a);
	while (!(f->o.stop && *f->o.stop) && (rc = ww_lines_next(&l, &line, &len)) == WW_OK) {
		struct ww_flowrec r;
		ww_rc lr;
		if (!a.have_header) {
			if (!ww_argus_header(&a, line, len)) {
				ww_error("'%s' line %lu: not an Argus CSV header (StartTime,Dur,Proto,"
				         "SrcAddr,Sport,Dir,DstAddr,Dport,State,...,TotPkts,TotBytes)", shown,
				         l.lineno);
				ww_lines_release(&l);
				return WW_ERR_FORMAT;
			}
			continue;
		}
		lr = ww_argus_line(&a, line, len, &r);
		if (lr == WW_ERR_NOTFOUND)
			continue;
		if (lr) {
			if (!a.bad_lines++)
				a.first_bad_line = l.lineno;
			continue;
		}
		a.records++;
		f->st.argus++;
		ww_flows_record(f, &r);
	}
	if (a.bad_lines)
		ww_flows_warnf(f, "'%s': %llu lines were not understood (the first at line %lu)", shown,
		               (unsigned long long)a.bad_lines, a.first_bad_line);
	if (l.cut)
		ww_flows_warnf(f, "'%s': %lu lines longer than %d bytes were skipped (the first at "
		               "line %lu)", shown, l.cut, WW_LINES_MAX, l.first_cut);
	ww_lines_release(&l);
	if (rc == WW_ERR_IO) {
		ww_error("cannot read '%s': %s", shown, strerror(l.err));
		return WW_ERR_IO;
	}
	return WW_OK;
}
