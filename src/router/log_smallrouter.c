/* Home and small-office routers (the S5 case) that log refused inbound
 * traffic as one sentence, after a date and time:
 *   2015/06/12 21:03:44 UDP connection rejected from 23.62.99.14:35721 to 192.168.0.3:58421
 *   Jun 12 21:03:44 router: TCP connection rejected from [2001:db8::5]:443 to [2001:db8:1::3]:51000
 * The sender is outside, the receiver the router's or an inside address. */
#include "core/common.h"
#include "core/addr.h"
#include "router/rlog.h"
#include "router/rt_time.h"

#define SR_PHRASE "connection rejected from "

bool ww_log_smallrouter_probe(const char *line, size_t len)
{
	return ww_rlog_find(line, WW_MIN(len, 1024), SR_PHRASE) != NULL;
}

/* "a.b.c.d:port" or "[v6]:port" */
static ww_rc endpoint(struct ww_tcur *t, struct ww_addr *a, uint16_t *port)
{
	uint64_t v;
	bool br = ww_tcur_ch(t, '[');
	if (br) {
		if (ww_tcur_ip(t, a) || !ww_tcur_ch(t, ']'))
			return WW_ERR_FORMAT;
	} else if (ww_tcur_ipv4(t, a)) {
		return WW_ERR_FORMAT;
	}
	if (!ww_tcur_ch(t, ':') || ww_tcur_u64(t, 65535, &v))
		return WW_ERR_FORMAT;
	*port = (uint16_t)v;
	return WW_OK;
}

ww_rc ww_log_smallrouter_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                               struct ww_rlog_rec *rec)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	const char *ph, *pw;
	int64_t ts = 0;

	memset(rec, 0, sizeof(*rec));
	ww_rt_time_any(&t, ctx->year, &ts);
	ph = ww_rlog_find(t.p, ww_tcur_left(&t), SR_PHRASE);
	if (!ph || ph - t.p < 4 || ph[-1] != ' ')
		return WW_ERR_FORMAT;
	/* the protocol word just before "connection" */
	pw = ph - 1;
	while (pw > t.p && pw[-1] != ' ' && pw[-1] != ':' && pw[-1] != ']')
		pw--;
	rec->a.proto = ww_rlog_proto(pw, (size_t)(ph - 1 - pw));
	if (rec->a.proto != WW_PROTO_TCP && rec->a.proto != WW_PROTO_UDP)
		return WW_ERR_FORMAT;
	t.p = ph + strlen(SR_PHRASE);
	if (endpoint(&t, &rec->a.src, &rec->a.sport))
		return WW_ERR_FORMAT;
	if (!ww_tcur_lit(&t, " to ") || endpoint(&t, &rec->a.dst, &rec->a.dport))
		return WW_ERR_FORMAT;
	if (rec->a.src.v4 != rec->a.dst.v4)
		return WW_ERR_FORMAT;
	rec->a.ts_us = ts;
	rec->a.outcome = WW_OUTCOME_BLOCKED;
	rec->a.syn = rec->a.proto == WW_PROTO_TCP;
	rec->action = WW_RLOG_DROP;
	rec->inbound = true;
	return WW_OK;
}
