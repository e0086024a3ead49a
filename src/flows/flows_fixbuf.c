/* IPFIX (RFC 7011) and NetFlow v9 (RFC 3954) through libfixbuf: fixbuf
 * keeps the templates and reads the records into one internal template of
 * the fields wormwatch uses (fields an export lacks read as zero).
 *
 * IPFIX messages go straight into a per-exporter fixbuf session with
 * fBufSetBuffer() (fixbuf's connection-less collector). NetFlow v9 is
 * translated by fixbuf's v9 collector, which works only on a UDP socket
 * (its stream reader cannot take v9): each v9 datagram, whether read from
 * the network or from a capture, is handed over to an in-process fixbuf
 * UDP listener on 127.0.0.1 from a loopback socket of its exporter's own,
 * so that fixbuf keeps the exporter's templates apart, and read back at
 * once.
 *
 * Before fixbuf sees a message, one walk over its sets (bounds only, no
 * decoding) counts what fixbuf would drop in silence: data sets before
 * their template, withdrawals, sets that overrun the message; a message
 * whose sets do not fit, or whose templates fixbuf could not read safely
 * (a v9 template of total length 0 divides by zero in its translator), is
 * refused whole. */
#include <fixbuf/public.h>

#include "core/common.h"
#include "core/cursor.h"
#include "decode/packet.h"
#include "flows/flows_int.h"
#include "core/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

/* The internal template: the record fixbuf fills, fields in this order,
 * each its information element's natural size, no holes. */
struct fb_rec {
	uint64_t start_ms, end_ms, sysinit_ms;
	uint64_t pkt_delta, oct_delta, pkt_total, oct_total;
	uint64_t rpkt_delta, roct_delta, rpkt_total, roct_total;
	uint8_t src6[16], dst6[16];
	uint32_t src4, dst4;
	uint32_t start_s, end_s, start_up, end_up, start_dus, end_dus;
	uint32_t sampling, sampler_random, sampling_pkt;
	uint16_t sport, dport, icmp4, icmp6, flags, rflags;
	uint8_t proto, ipver;
	uint8_t pad[6];
};
_Static_assert(sizeof(struct fb_rec) == 184, "struct fb_rec must match its template");

static fbInfoElementSpec_t rec_spec[] = {
	{"flowStartMilliseconds", 8, 0},
	{"flowEndMilliseconds", 8, 0},
	{"systemInitTimeMilliseconds", 8, 0},
	{"packetDeltaCount", 8, 0},
	{"octetDeltaCount", 8, 0},
	{"packetTotalCount", 8, 0},
	{"octetTotalCount", 8, 0},
	{"reversePacketDeltaCount", 8, 0},
	{"reverseOctetDeltaCount", 8, 0},
	{"reversePacketTotalCount", 8, 0},
	{"reverseOctetTotalCount", 8, 0},
	{"sourceIPv6Address", 16, 0},
	{"destinationIPv6Address", 16, 0},
	{"sourceIPv4Address", 4, 0},
	{"destinationIPv4Address", 4, 0},
	{"flowStartSeconds", 4, 0},
	{"flowEndSeconds", 4, 0},
	{"flowStartSysUpTime", 4, 0},
	{"flowEndSysUpTime", 4, 0},
	{"flowStartDeltaMicroseconds", 4, 0},
	{"flowEndDeltaMicroseconds", 4, 0},
	{"samplingInterval", 4, 0},
	{"samplerRandomInterval", 4, 0},
	{"samplingPacketInterval", 4, 0},
	{"sourceTransportPort", 2, 0},
	{"destinationTransportPort", 2, 0},
	{"icmpTypeCodeIPv4", 2, 0},
	{"icmpTypeCodeIPv6", 2, 0},
	{"tcpControlBits", 2, 0},
	{"reverseTcpControlBits", 2, 0},
	{"protocolIdentifier", 1, 0},
	{"ipVersion", 1, 0},
	{"paddingOctets", 6, 0},
	FB_IESPEC_NULL
};

/* Options records: what an exporter says about its sampling. */
struct fb_opt {
	uint64_t sysinit_ms;
	uint32_t sampling, sampler_random, sampling_pkt, sampling_space;
	uint8_t algorithm, mode;
	uint8_t pad[6];
};
_Static_assert(sizeof(struct fb_opt) == 32, "struct fb_opt must match its template");

static fbInfoElementSpec_t opt_spec[] = {
	{"systemInitTimeMilliseconds", 8, 0},
	{"samplingInterval", 4, 0},
	{"samplerRandomInterval", 4, 0},
	{"samplingPacketInterval", 4, 0},
	{"samplingPacketSpace", 4, 0},
	{"samplingAlgorithm", 1, 0},
	{"samplerMode", 1, 0},
	{"paddingOctets", 6, 0},
	FB_IESPEC_NULL
};

#define TID_REC 0xfff0
#define TID_OPT 0xfff1
#define FB_BUF 65536
#define V9_WAIT_MS 2000

struct ww_fb_ctx {
	fbInfoModel_t *model;
	fbSession_t *v9_session;   /* the listener's model session */
	fbListener_t *listener;
	fBuf_t *v9_buf;
	int v9_fd;                 /* fixbuf's own socket, to poll before reading */
	struct sockaddr_in v9_addr;
	bool v9_failed;
	uint8_t buf[FB_BUF];
};

struct ww_fb_exporter {
	fbSession_t *session;      /* IPFIX: owned by buf */
	fBuf_t *buf;
	int relay_fd;              /* v9: the exporter's loopback socket */
	uint8_t msg[FB_BUF];
};

static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer ud)
{
	/* fixbuf reports sequence and template trouble through GLib's log;
	 * wormwatch counts the same things itself and says them in the
	 * report */
	(void)domain, (void)level, (void)msg, (void)ud;
}

static bool add_templates(fbSession_t *s, fbInfoModel_t *m)
{
	GError *err = NULL;
	fbTemplate_t *t = fbTemplateAlloc(m), *o = fbTemplateAlloc(m);
	bool ok = t && o && fbTemplateAppendSpecArray(t, rec_spec, UINT32_MAX, &err) &&
	          fbTemplateAppendSpecArray(o, opt_spec, UINT32_MAX, &err) &&
	          fbSessionAddTemplate(s, TRUE, TID_REC, t, &err) &&
	          fbSessionAddTemplate(s, TRUE, TID_OPT, o, &err);
	if (err)
		g_clear_error(&err);
	return ok;
}

static struct ww_fb_ctx *ctx(struct ww_flows *f)
{
	if (f->fb || f->fb_failed)
		return f->fb;
	f->fb = ww_calloc(1, sizeof(*f->fb));
	if (!f->fb) {
		f->fb_failed = true;
		return NULL;
	}
	g_log_set_default_handler(quiet_log, NULL);
	f->fb->v9_fd = -1;
	f->fb->model = fbInfoModelAlloc();
	return f->fb;
}

void ww_flows_fb_free(struct ww_flows *f)
{
	struct ww_fb_ctx *c = f->fb;
	if (!c)
		return;
	if (c->listener)
		fbListenerFree(c->listener); /* frees its buffers and collectors */
	if (c->v9_session)
		fbSessionFree(c->v9_session);
	if (c->model)
		fbInfoModelFree(c->model);
	free(c);
	f->fb = NULL;
}

void ww_flows_fb_exporter_free(struct ww_fb_exporter *x)
{
	if (!x)
		return;
	if (x->buf)
		fBufFree(x->buf); /* and its session */
	if (x->relay_fd >= 0)
		close(x->relay_fd);
	free(x);
}

/* ---- the walk over a message's sets -------------------------------------- */

static bool tmpl_known(const struct ww_exporter *e, uint16_t id)
{
	return e->tmpl_bits && (e->tmpl_bits[id >> 3] >> (id & 7) & 1);
}

static void tmpl_set(struct ww_exporter *e, uint16_t id, bool on)
{
	if (!e->tmpl_bits && !(e->tmpl_bits = ww_calloc(8192, 1)))
		return;
	if (on)
		e->tmpl_bits[id >> 3] |= (uint8_t)(1u << (id & 7));
	else
		e->tmpl_bits[id >> 3] &= (uint8_t)~(1u << (id & 7));
}

/* One template record: id, field count (and for options, the scope
 * count or lengths), fields. Returns its end or 0 if it does not fit or
 * fixbuf could not read it. */
static ww_rc walk_template(struct ww_flows *f, struct ww_exporter *e, struct ww_cur *c,
                           uint8_t version, bool options, size_t *bad)
{
	uint16_t id, nf, scope = 0, i, type, flen;
	uint32_t total = 0;
	*bad = c->off;
	if (ww_cur_be16(c, &id) || ww_cur_be16(c, &nf))
		return WW_ERR_TRUNCATED;
	if (id < 256)
		return WW_ERR_FORMAT;
	if (options) {
		if (ww_cur_be16(c, &scope))
			return WW_ERR_TRUNCATED;
		if (version == 9) {
			/* v9: scope and option lengths in bytes, four per field */
			if (nf % 4 || scope % 4 || (nf == 0 && scope == 0))
				return WW_ERR_FORMAT;
			nf = (uint16_t)(nf / 4 + scope / 4);
		} else if (nf && (scope == 0 || scope > nf)) {
			return WW_ERR_FORMAT;
		}
	}
	if (nf == 0) {
		if (version == 9)
			return WW_ERR_FORMAT;
		f->st.withdrawals++; /* IPFIX template withdrawal */
		tmpl_set(e, id, false);
		return WW_OK;
	}
	for (i = 0; i < nf; i++) {
		*bad = c->off;
		if (ww_cur_be16(c, &type) || ww_cur_be16(c, &flen))
			return WW_ERR_TRUNCATED;
		if (version == 10 && (type & 0x8000) && ww_cur_skip(c, 4))
			return WW_ERR_TRUNCATED;
		if (version == 9 && type == 0)
			return WW_ERR_FORMAT;
		if (flen != 65535)
			total += flen;
		else
			total += 1;
	}
	if (total == 0)
		return WW_ERR_FORMAT;
	tmpl_set(e, id, true);
	return WW_OK;
}

/* Walk the sets of a v9 packet (after its 20-byte header) or an IPFIX
 * message (after 16). WW_OK if every set fits and every template is one
 * fixbuf can read; *bad is the offset of the first fault. */
static ww_rc walk_sets(struct ww_flows *f, struct ww_exporter *e, const uint8_t *p, size_t len,
                       size_t hdr, uint8_t version, size_t *bad, const char **what,
                       uint8_t *out, size_t *outlen)
{
	struct ww_cur c = ww_cur_make(p, len);
	uint16_t tset = version == 9 ? 0 : 2, oset = version == 9 ? 1 : 3;
	c.off = hdr;
	memcpy(out, p, hdr);
	*outlen = hdr;
	while (ww_cur_left(&c) > 0) {
		uint16_t id, slen;
		struct ww_cur s;
		*bad = c.off;
		if (ww_cur_left(&c) < 4 && version == 9) {
			break; /* v9 packets may be padded after the last set */
		}
		if (ww_cur_be16(&c, &id) || ww_cur_be16(&c, &slen)) {
			*what = _("set header cut short");
			return WW_ERR_TRUNCATED;
		}
		if (slen < 4 || ww_cur_sub(&c, (size_t)slen - 4, &s)) {
			*what = slen < 4 ? _("set length below 4") : _("set longer than the message");
			return slen < 4 ? WW_ERR_FORMAT : WW_ERR_TRUNCATED;
		}
		s.off = 0;
		if (id == tset || id == oset) {
			while (ww_cur_left(&s) >= (id == oset ? 6u : 4u)) {
				size_t at;
				ww_rc rc = walk_template(f, e, &s, version, id == oset, &at);
				if (rc) {
					*bad = (size_t)(s.p - p) + at;
					*what = rc == WW_ERR_TRUNCATED ? _("template cut short")
					                               : _("template fixbuf cannot read");
					return rc;
				}
				if (version == 9 && id == oset)
					break; /* the rest is padding */
			}
		} else if (id < 256) {
			*what = _("reserved set id");
			return WW_ERR_FORMAT;
		} else if (!tmpl_known(e, id)) {
			/* left out of what fixbuf gets: it would skip it at best, and
			 * after a withdrawal fixbuf 2.4.1 reads it with an empty
			 * template, record after empty record */
			f->st.no_template_sets++;
			f->st.no_template_bytes += slen;
			continue;
		}
		memcpy(out + *outlen, p + c.off - slen, slen);
		*outlen += slen;
	}
	if (version == 10) {
		out[2] = (uint8_t)(*outlen >> 8);
		out[3] = (uint8_t)*outlen;
	}
	return WW_OK;
}

/* ---- records --------------------------------------------------------------- */

/* Milliseconds since the epoch to microseconds, held below the year 10000
 * (an exporter's field may say anything). */
#define MAX_MS 253402300799999LL

static int64_t ms_us(uint64_t ms)
{
	return (int64_t)(ms > (uint64_t)MAX_MS ? (uint64_t)MAX_MS : ms) * 1000;
}

static void to_flowrec(struct ww_flows *f, const struct fb_rec *x)
{
	struct ww_flowrec r;
	int64_t ex = f->export_ms;
	memset(&r, 0, sizeof(r));
	if (x->ipver == 6 || (!x->src4 && !x->dst4 && (x->src6[0] || x->src6[15] || x->dst6[0]))) {
		ww_addr_from_v6_bytes(&r.src, x->src6);
		ww_addr_from_v6_bytes(&r.dst, x->dst6);
	} else {
		ww_addr_from_v4(&r.src, x->src4);
		ww_addr_from_v4(&r.dst, x->dst4);
	}
	r.proto = x->proto;
	r.sport = x->sport;
	r.dport = x->dport;
	if (r.proto == WW_PROTO_ICMP || r.proto == WW_PROTO_ICMP6) {
		uint16_t tc = r.proto == WW_PROTO_ICMP ? x->icmp4 : x->icmp6;
		if (!tc)
			tc = x->dport; /* exporters that put it in the port, as v5 does */
		r.sport = 0;
		r.dport = tc;
	}
	r.flags = (uint8_t)x->flags;
	r.rflags = (uint8_t)x->rflags;
	r.pkts = x->pkt_delta ? x->pkt_delta : x->pkt_total;
	r.bytes = x->oct_delta ? x->oct_delta : x->oct_total;
	r.rpkts = x->rpkt_delta ? x->rpkt_delta : x->rpkt_total;
	r.rbytes = x->roct_delta ? x->roct_delta : x->roct_total;
	r.biflow = r.rpkts || r.rbytes;
	/* times: milliseconds, else seconds, else uptime from the boot time
	 * (v9: fixbuf's systemInitTimeMilliseconds), else deltas before the
	 * export, else the export time */
	if (x->start_ms) {
		r.start_us = ms_us(x->start_ms);
		r.end_us = ms_us(x->end_ms ? x->end_ms : x->start_ms);
	} else if (x->start_s) {
		r.start_us = (int64_t)x->start_s * 1000000;
		r.end_us = (int64_t)(x->end_s ? x->end_s : x->start_s) * 1000000;
	} else if ((x->sysinit_ms || f->cur->sysinit_ms) && (x->start_up || x->end_up)) {
		/* v9: fixbuf's systemInitTimeMilliseconds from the header; IPFIX:
		 * the exporter's options record (softflowd) */
		uint64_t init = x->sysinit_ms ? x->sysinit_ms : (uint64_t)f->cur->sysinit_ms;
		if (init > (uint64_t)MAX_MS)
			init = (uint64_t)MAX_MS;
		r.start_us = ms_us(init + x->start_up);
		r.end_us = ms_us(init + x->end_up);
	} else if (x->start_dus || x->end_dus) {
		r.start_us = ex * 1000 - x->start_dus;
		r.end_us = ex * 1000 - x->end_dus;
	} else {
		r.start_us = r.end_us = ex * 1000;
	}
	if (r.end_us < r.start_us)
		r.end_us = r.start_us;
	if (x->sampling > 1)
		r.sampling = x->sampling;
	else if (x->sampler_random > 1)
		r.sampling = x->sampler_random;
	else if (x->sampling_pkt > 1)
		r.sampling = x->sampling_pkt;
	if (f->cur->version == WW_EXP_V9)
		f->st.v9++;
	else
		f->st.ipfix++;
	ww_flows_record(f, &r);
}

static bool is_end(const GError *err)
{
	return g_error_matches(err, FB_ERROR_DOMAIN, FB_ERROR_EOM) ||
	       g_error_matches(err, FB_ERROR_DOMAIN, FB_ERROR_BUFSZ) ||
	       g_error_matches(err, FB_ERROR_DOMAIN, FB_ERROR_EOF);
}

/* Read every record of the message fixbuf holds. */
static void read_records(struct ww_flows *f, fBuf_t *b, size_t msglen)
{
	char loc[200];
	GError *err = NULL;
	size_t guard = 0;
	for (;;) {
		uint16_t ext = 0;
		fbTemplate_t *t = fBufNextCollectionTemplate(b, &ext, &err);
		size_t len;
		if (!t)
			break;
		if (++guard > msglen) {
			/* no record is shorter than a byte: fixbuf is going round */
			f->st.template_errors++;
			ww_flows_warnf(f, "%s: libfixbuf returned more records than the message has "
			               "bytes: the rest of it was dropped", ww_flows_loc(f, loc,
			               sizeof(loc)));
			break;
		}
		if (fbTemplateGetOptionsScope(t)) {
			struct fb_opt o;
			memset(&o, 0, sizeof(o));
			len = sizeof(o);
			if (!fBufSetInternalTemplate(b, TID_OPT, &err) ||
			    !fBufNext(b, (uint8_t *)&o, &len, &err))
				break;
			f->st.options_records++;
			f->msg_records++;
			if (o.sysinit_ms)
				f->cur->sysinit_ms = (int64_t)(o.sysinit_ms > (uint64_t)MAX_MS ? (uint64_t)MAX_MS
				                                                               : o.sysinit_ms);
			if (o.sampling > 1 || o.sampler_random > 1 || o.sampling_pkt > 1 ||
			    (o.sampling_pkt && o.sampling_space)) {
				uint32_t n = o.sampling > 1 ? o.sampling : o.sampler_random > 1
				           ? o.sampler_random : o.sampling_pkt;
				if (o.sampling_space && o.sampling_pkt)
					n = (o.sampling_pkt + o.sampling_space) / o.sampling_pkt;
				f->cur->sampling = n;
			}
		} else {
			struct fb_rec x;
			memset(&x, 0, sizeof(x));
			len = sizeof(x);
			if (!fBufSetInternalTemplate(b, TID_REC, &err) ||
			    !fBufNext(b, (uint8_t *)&x, &len, &err))
				break;
			to_flowrec(f, &x);
		}
	}
	if (err && !is_end(err)) {
		f->st.template_errors++;
		ww_flows_warnf(f, "%s: libfixbuf could not read the rest of the message: "
		               "%s", ww_flows_loc(f, loc, sizeof(loc)), err->message);
	}
	if (err)
		g_clear_error(&err);
}

/* ---- IPFIX ------------------------------------------------------------------ */

static ww_rc ipfix_buffer(struct ww_flows *f, struct ww_exporter *e, struct ww_fb_ctx *c)
{
	if (!e->fb) {
		if (!(e->fb = ww_calloc(1, sizeof(*e->fb))))
			return WW_ERR_NOMEM;
		e->fb->relay_fd = -1;
	}
	if (!e->fb->buf) {
		fbSession_t *s = fbSessionAlloc(c->model);
		if (!s || !add_templates(s, c->model)) {
			if (s)
				fbSessionFree(s);
			return WW_ERR_NOMEM;
		}
		e->fb->session = s;
		e->fb->buf = fBufAllocForCollection(s, NULL);
		if (!e->fb->buf) {
			fbSessionFree(s);
			return WW_ERR_NOMEM;
		}
		fBufSetAutomaticMode(e->fb->buf, FALSE);
	}
	(void)f;
	return WW_OK;
}

/* ---- NetFlow v9: fixbuf's UDP collector on loopback ------------------------ */

static int find_socket(const struct sockaddr_in *want)
{
	int fd;
	for (fd = 3; fd < 4096; fd++) {
		struct sockaddr_in a;
		socklen_t l = sizeof(a);
		int type;
		socklen_t tl = sizeof(type);
		if (getsockname(fd, (struct sockaddr *)&a, &l) != 0 || l != sizeof(a) ||
		    a.sin_family != AF_INET)
			continue;
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0 || type != SOCK_DGRAM)
			continue;
		if (a.sin_port == want->sin_port && a.sin_addr.s_addr == want->sin_addr.s_addr)
			return fd;
	}
	return -1;
}

static bool v9_listener(struct ww_flows *f, struct ww_fb_ctx *c)
{
	int attempt;
	if (c->listener)
		return true;
	if (c->v9_failed)
		return false;
	c->v9_session = fbSessionAlloc(c->model);
	if (!c->v9_session || !add_templates(c->v9_session, c->model))
		goto fail;
	for (attempt = 0; attempt < 8 && !c->listener; attempt++) {
		/* a free loopback port: ask the kernel for one, then give it to fixbuf */
		struct sockaddr_in a;
		socklen_t l = sizeof(a);
		char port[8];
		fbConnSpec_t spec;
		GError *err = NULL;
		int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			goto fail;
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 ||
		    getsockname(s, (struct sockaddr *)&a, &l) != 0) {
			close(s);
			goto fail;
		}
		close(s);
		snprintf(port, sizeof(port), "%u", (unsigned)ntohs(a.sin_port));
		memset(&spec, 0, sizeof(spec));
		spec.transport = FB_UDP;
		spec.host = (char *)(uintptr_t)"127.0.0.1";
		spec.svc = port;
		c->listener = fbListenerAlloc(&spec, c->v9_session, NULL, NULL, &err);
		if (err)
			g_clear_error(&err);
		if (c->listener) {
			fbCollector_t *col = NULL;
			c->v9_addr = a;
			if (!fbListenerGetCollector(c->listener, &col, &err) ||
			    !fbCollectorSetNetflowV9Translator(col, &err)) {
				if (err)
					g_clear_error(&err);
				goto fail;
			}
			fbCollectorSetUDPMultiSession(col, TRUE);
			c->v9_fd = find_socket(&a);
			if (c->v9_fd < 0)
				goto fail;
		}
	}
	if (c->listener)
		return true;
fail:
	c->v9_failed = true;
	ww_flows_warnf(f, "NetFlow v9 cannot be read: libfixbuf's collector could not be set up "
	               "on 127.0.0.1");
	return false;
}

static ww_rc v9_relay(struct ww_exporter *e)
{
	struct sockaddr_in a;
	int s;
	if (!e->fb) {
		if (!(e->fb = ww_calloc(1, sizeof(*e->fb))))
			return WW_ERR_NOMEM;
		e->fb->relay_fd = -1;
	}
	if (e->fb->relay_fd >= 0)
		return WW_OK;
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return WW_ERR_IO;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(s);
		return WW_ERR_IO;
	}
	e->fb->relay_fd = s;
	return WW_OK;
}

static ww_rc v9_pass(struct ww_flows *f, struct ww_exporter *e, struct ww_fb_ctx *c,
                     const uint8_t *p, size_t len)
{
	struct pollfd pfd;
	GError *err = NULL;
	fBuf_t *b;
	if (!v9_listener(f, c))
		return WW_ERR_UNSUPPORTED;
	if (v9_relay(e))
		return WW_ERR_IO;
	if (sendto(e->fb->relay_fd, p, len, 0, (const struct sockaddr *)&c->v9_addr,
	           sizeof(c->v9_addr)) != (ssize_t)len)
		return WW_ERR_IO;
	pfd.fd = c->v9_fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, V9_WAIT_MS) != 1)
		return WW_ERR_IO; /* never blocks in fixbuf on a datagram that did not come */
	b = fbListenerWait(c->listener, &err);
	if (!b) {
		if (err)
			g_clear_error(&err);
		return WW_ERR_IO;
	}
	c->v9_buf = b;
	fBufSetAutomaticMode(b, FALSE);
	read_records(f, b, len);
	return WW_OK;
}

/* ---- one message --------------------------------------------------------- */

ww_rc ww_flows_fb_message(struct ww_flows *f, const uint8_t *p, size_t len, uint8_t version)
{
	struct ww_fb_ctx *c = ctx(f);
	struct ww_exporter *e;
	size_t hdr = version == 9 ? 20u : 16u, bad = 0;
	const char *what = "";
	char loc[200];
	uint32_t seq, domain;
	int64_t export_ms, uptime = -1;
	bool notmpl = false;
	size_t clen = 0;
	ww_rc rc;
	if (!c)
		return WW_ERR_NOMEM;
	if (len < hdr) {
		f->st.bad_datagrams++;
		ww_flows_warnf(f, "%s: %s header cut short (%zu bytes)", ww_flows_loc(f, loc, sizeof(loc)),
		               version == 9 ? "NetFlow v9" : "IPFIX", len);
		return WW_ERR_TRUNCATED;
	}
	if (version == 10) {
		uint16_t mlen = ww_get_be16(p + 2);
		if (mlen < 16 || mlen > len) {
			f->st.bad_datagrams++;
			ww_flows_warnf(f, "%s: IPFIX message length %u does not fit its "
			               "%zu bytes", ww_flows_loc(f, loc, sizeof(loc)), mlen, len);
			return mlen < 16 ? WW_ERR_FORMAT : WW_ERR_TRUNCATED;
		}
		len = mlen;
		export_ms = (int64_t)ww_get_be32(p + 4) * 1000;
		seq = ww_get_be32(p + 8);
		domain = ww_get_be32(p + 12);
	} else {
		uptime = ww_get_be32(p + 4);
		export_ms = (int64_t)ww_get_be32(p + 8) * 1000;
		seq = ww_get_be32(p + 12);
		domain = ww_get_be32(p + 16);
	}
	e = ww_flows_exporter(f, f->from, version, domain);
	if (!e)
		return WW_ERR_LIMIT;
	f->cur = e;
	{
		uint64_t before = f->st.no_template_sets;
		rc = walk_sets(f, e, p, len, hdr, version, &bad, &what, c->buf, &clen);
		if (f->st.no_template_sets != before)
			notmpl = true;
	}
	if (rc) {
		f->st.bad_datagrams++;
		f->st.template_errors++;
		ww_flows_warnf(f, "%s: %s message refused: %s at byte %zu", ww_flows_loc(f, loc, sizeof(loc)),
		               version == 9 ? "NetFlow v9" : "IPFIX", what, bad);
		e->seq_unknown = true;
		return rc;
	}
	f->st.datagrams++;
	f->st.messages++;
	ww_flows_clock(f, e, export_ms, uptime);
	f->msg_records = 0;
	if (version == 10) {
		rc = ipfix_buffer(f, e, c);
		if (rc)
			return rc;
		memcpy(e->fb->msg, c->buf, clen);
		fBufSetBuffer(e->fb->buf, e->fb->msg, clen);
		read_records(f, e->fb->buf, clen);
		/* IPFIX counts data records, options records included */
		ww_flows_seq(f, e, seq, (uint32_t)f->msg_records);
		/* with a set fixbuf could not read, the count is not known */
		e->seq_unknown = notmpl;
	} else {
		rc = v9_pass(f, e, c, c->buf, clen);
		if (rc) {
			f->st.bad_datagrams++;
			ww_flows_warnf(f, "%s: NetFlow v9 datagram could not be handed to "
			               "libfixbuf", ww_flows_loc(f, loc, sizeof(loc)));
		}
		ww_flows_seq(f, e, seq, 1);
	}
	return WW_OK;
}
