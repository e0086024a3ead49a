/* Cisco ASA (and FTD) deny messages:
 *   Jan  6 10:00:00 fw01 %ASA-4-106023: Deny tcp src inside:192.168.1.23/51234 dst outside:203.0.113.9/445 by access-group "inside_in" [0x0, 0x0]
 *   %ASA-4-106023: Deny icmp src outside:198.51.100.4 dst inside:192.168.1.5 (type 8, code 0) by access-group "outside_in" [0x0, 0x0]
 *   %ASA-2-106001: Inbound TCP connection denied from 198.51.100.4/4411 to 192.168.1.5/445 flags SYN  on interface outside
 *   %ASA-2-106006: Deny inbound UDP from 198.51.100.4/5060 to 192.168.1.5/5060 on interface outside
 *   %ASA-6-106100: access-list inside_in denied tcp inside/192.168.1.23(51234) -> outside/203.0.113.9(445) hit-cnt 1 first hit [0x0, 0x0]
 * Other %ASA messages are recognised and carry no attempt. */
#include "core/common.h"
#include "core/addr.h"
#include "router/rlog.h"
#include "router/rt_time.h"

bool ww_log_asa_probe(const char *line, size_t len)
{
	size_t n = WW_MIN(len, 512);
	return ww_rlog_find(line, n, "%ASA-") != NULL || ww_rlog_find(line, n, "%FTD-") != NULL;
}

/* "[iface:]addr[/port]" or "iface/addr(port)"; the interface name is skipped. */
static ww_rc asa_endpoint(struct ww_tcur *t, bool paren, struct ww_addr *a, uint16_t *port)
{
	const char *w, *sep, *end;
	size_t n;
	struct ww_tcur e;
	uint64_t v;
	if (!ww_tcur_word(t, &w, &n))
		return WW_ERR_FORMAT;
	end = w + n;
	/* the interface name ends at the last ':' (IPv6 has colons too: use the
	 * first, which names the interface) or, for 106100, the first '/' */
	sep = memchr(w, paren ? '/' : ':', n);
	e = ww_tcur_make(sep ? sep + 1 : w, (size_t)(end - (sep ? sep + 1 : w)));
	if (ww_tcur_ip(&e, a)) {
		e = ww_tcur_make(w, n); /* no interface name */
		if (ww_tcur_ip(&e, a))
			return WW_ERR_FORMAT;
	}
	*port = 0;
	if (ww_tcur_ch(&e, paren ? '(' : '/')) {
		if (ww_tcur_u64(&e, 65535, &v))
			return WW_ERR_FORMAT;
		*port = (uint16_t)v;
		if (paren && !ww_tcur_ch(&e, ')'))
			return WW_ERR_FORMAT;
	}
	return ww_tcur_eof(&e) ? WW_OK : WW_ERR_FORMAT;
}

static ww_rc asa_proto(struct ww_tcur *t, uint8_t *proto)
{
	const char *w;
	size_t n;
	if (!ww_tcur_word(t, &w, &n))
		return WW_ERR_FORMAT;
	*proto = ww_rlog_proto(w, n);
	return *proto ? WW_OK : WW_ERR_FORMAT;
}

ww_rc ww_log_asa_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                       struct ww_rlog_rec *rec)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	const char *tag;
	uint64_t id;
	int64_t ts = 0;
	ww_rc rc = WW_ERR_FORMAT;

	memset(rec, 0, sizeof(*rec));
	ww_rt_time_any(&t, ctx->year, &ts);
	tag = ww_rlog_find(t.p, ww_tcur_left(&t), "%ASA-");
	if (!tag)
		tag = ww_rlog_find(t.p, ww_tcur_left(&t), "%FTD-");
	if (!tag)
		return WW_ERR_FORMAT;
	t.p = tag + 5;
	/* severity digit, '-', message id, ':' */
	if (ww_tcur_left(&t) < 2 || t.p[0] < '0' || t.p[0] > '7' || t.p[1] != '-')
		return WW_ERR_FORMAT;
	t.p += 2;
	if (ww_tcur_u64(&t, 999999, &id) || !ww_tcur_ch(&t, ':'))
		return WW_ERR_FORMAT;
	ww_tcur_skip_ws(&t);
	switch (id) {
	case 106023:
		if (!ww_tcur_lit(&t, "Deny ") || asa_proto(&t, &rec->a.proto))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "src ") || asa_endpoint(&t, false, &rec->a.src, &rec->a.sport))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "dst ") || asa_endpoint(&t, false, &rec->a.dst, &rec->a.dport))
			return WW_ERR_FORMAT;
		rec->a.syn = rec->a.proto == WW_PROTO_TCP;
		rc = WW_OK;
		break;
	case 106001:
		if (!ww_tcur_lit(&t, "Inbound ") || asa_proto(&t, &rec->a.proto))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "connection denied from ") ||
		    asa_endpoint(&t, false, &rec->a.src, &rec->a.sport))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "to ") || asa_endpoint(&t, false, &rec->a.dst, &rec->a.dport))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		rec->a.syn = ww_tcur_lit(&t, "flags SYN") && !ww_tcur_lit(&t, " ACK");
		rec->inbound = true;
		rc = WW_OK;
		break;
	case 106006:
	case 106007:
		if (!ww_tcur_lit(&t, "Deny inbound ") || asa_proto(&t, &rec->a.proto))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "from ") || asa_endpoint(&t, false, &rec->a.src, &rec->a.sport))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "to ") || asa_endpoint(&t, false, &rec->a.dst, &rec->a.dport))
			return WW_ERR_FORMAT;
		rec->inbound = true;
		rc = WW_OK;
		break;
	case 106100: {
		const char *w;
		size_t n;
		if (!ww_tcur_lit(&t, "access-list ") || !ww_tcur_word(&t, &w, &n))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "denied "))
			return WW_ERR_NOTFOUND; /* permitted, est-allowed */
		if (asa_proto(&t, &rec->a.proto))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (asa_endpoint(&t, true, &rec->a.src, &rec->a.sport))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_lit(&t, "-> ") || asa_endpoint(&t, true, &rec->a.dst, &rec->a.dport))
			return WW_ERR_FORMAT;
		rec->a.syn = rec->a.proto == WW_PROTO_TCP;
		rc = WW_OK;
		break;
	}
	default:
		return WW_ERR_NOTFOUND;
	}
	if (rec->a.src.v4 != rec->a.dst.v4)
		return WW_ERR_FORMAT;
	if (rec->a.proto != WW_PROTO_TCP && rec->a.proto != WW_PROTO_UDP)
		rec->a.sport = rec->a.dport = 0;
	rec->a.ts_us = ts;
	rec->a.outcome = WW_OUTCOME_BLOCKED;
	rec->action = WW_RLOG_DROP;
	return rc;
}
