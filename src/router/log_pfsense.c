/* pfSense and OPNsense "filterlog" lines: comma-separated after the tag.
 *   Jan  6 10:00:00 pfSense filterlog[4321]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,12345,0,none,6,tcp,60,192.168.1.100,203.0.113.7,51234,445,0,S,123456789,,64240,,mss;sackOK;TS;nop;wscale
 *   Jan  6 10:00:01 pfSense filterlog[4321]: 5,,,1000000103,em0,match,block,in,6,0x00,0x00000,64,udp,17,40,2001:db8::5,2001:db8:1::3,5353,5353,32
 * Fields: rule, subrule, anchor, tracker, interface, reason, action,
 * direction, IP version, then for IPv4 tos, ecn, ttl, id, offset, flags,
 * protocol id, protocol name, length, source, destination; for IPv6 class,
 * flow label, hop limit, protocol name, protocol id, length, source,
 * destination; then ports, data length and TCP flags for TCP and UDP. */
#include "core/common.h"
#include "core/addr.h"
#include "router/rlog.h"
#include "router/rt_time.h"

#define PF_MAXF 32

bool ww_log_pfsense_probe(const char *line, size_t len)
{
	return ww_rlog_find(line, WW_MIN(len, 256), "filterlog") != NULL;
}

struct pf_field {
	const char *s;
	size_t n;
};

static ww_rc f_ip(const struct pf_field *f, struct ww_addr *a)
{
	struct ww_tcur t = ww_tcur_make(f->s, f->n);
	if (ww_tcur_ip(&t, a) || !ww_tcur_eof(&t))
		return WW_ERR_FORMAT;
	return WW_OK;
}

static ww_rc f_u16(const struct pf_field *f, uint16_t *v)
{
	struct ww_tcur t = ww_tcur_make(f->s, f->n);
	uint64_t x;
	if (ww_tcur_u64(&t, 65535, &x) || !ww_tcur_eof(&t))
		return WW_ERR_FORMAT;
	*v = (uint16_t)x;
	return WW_OK;
}

static bool f_is(const struct pf_field *f, const char *lit)
{
	return f->n == strlen(lit) && memcmp(f->s, lit, f->n) == 0;
}

ww_rc ww_log_pfsense_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                           struct ww_rlog_rec *rec)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	struct pf_field f[PF_MAXF];
	const char *tag, *p, *end = line + len;
	size_t nf = 0, base;
	int64_t ts = 0;

	memset(rec, 0, sizeof(*rec));
	ww_rt_time_any(&t, ctx->year, &ts);
	tag = ww_rlog_find(t.p, ww_tcur_left(&t), "filterlog");
	if (!tag)
		return WW_ERR_FORMAT;
	p = memchr(tag, ':', (size_t)(end - tag));
	if (!p)
		return WW_ERR_FORMAT;
	p++;
	while (p < end && *p == ' ')
		p++;
	while (nf < PF_MAXF) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		f[nf].s = p;
		f[nf].n = c ? (size_t)(c - p) : (size_t)(end - p);
		nf++;
		if (!c)
			break;
		p = c + 1;
	}
	if (nf < 9)
		return WW_ERR_FORMAT;
	if (f_is(&f[6], "block") || f_is(&f[6], "reject"))
		rec->action = WW_RLOG_DROP;
	else if (f_is(&f[6], "pass"))
		rec->action = WW_RLOG_ACCEPT;
	else
		return WW_ERR_NOTFOUND;
	rec->inbound = f_is(&f[7], "in");
	if (f_is(&f[8], "4")) {
		if (nf < 20)
			return WW_ERR_FORMAT;
		rec->a.proto = ww_rlog_proto(f[16].s, f[16].n);
		base = 18;
	} else if (f_is(&f[8], "6")) {
		if (nf < 17)
			return WW_ERR_FORMAT;
		rec->a.proto = ww_rlog_proto(f[12].s, f[12].n);
		base = 15;
	} else {
		return WW_ERR_FORMAT;
	}
	if (f_ip(&f[base], &rec->a.src) || f_ip(&f[base + 1], &rec->a.dst) ||
	    rec->a.src.v4 != rec->a.dst.v4)
		return WW_ERR_FORMAT;
	if (rec->a.proto == WW_PROTO_TCP || rec->a.proto == WW_PROTO_UDP) {
		if (nf < base + 4 || f_u16(&f[base + 2], &rec->a.sport) ||
		    f_u16(&f[base + 3], &rec->a.dport))
			return WW_ERR_FORMAT;
		if (rec->a.proto == WW_PROTO_TCP && nf > base + 5) {
			const struct pf_field *fl = &f[base + 5];
			rec->a.syn = memchr(fl->s, 'S', fl->n) && !memchr(fl->s, 'A', fl->n);
		}
	}
	rec->a.ts_us = ts;
	rec->a.outcome = rec->action == WW_RLOG_DROP ? WW_OUTCOME_BLOCKED : WW_OUTCOME_SUCCESS;
	return WW_OK;
}
