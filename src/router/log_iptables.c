/* iptables and nftables LOG lines (the kernel's nf_log format) as syslog,
 * journald or dmesg write them, with RFC 3164 or RFC 3339 stamps, an
 * optional kernel uptime stamp and an optional prefix:
 *   Feb 11 20:36:51 linux kernel: [463590.337950] DROP IN=eth1 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=192.168.10.55 DST=192.168.10.1 LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=4711 PROTO=TCP SPT=56248 DPT=23 WINDOW=2048 RES=0x00 SYN URGP=0
 *   2015-03-07T05:09:30.045015+02:00 gw kernel: DROP: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.4 LEN=40 ... PROTO=TCP SPT=58923 DPT=21 WINDOW=65535 RES=0x00 SYN URGP=0
 *   Mon Jan  6 10:00:00 2025 kern.warn kernel: [ 123.456] reject wan in: IN=eth1 OUT= ... (OpenWrt firewall4)
 * The prefix decides the action (DROP/REJECT/BLOCK... or ACCEPT); a line
 * without one is taken as a drop, as log-and-drop chains (psad) write them.
 * An ICMP error's quoted packet ("[SRC=... ]") is not read. */
#include "core/common.h"
#include "core/addr.h"
#include "router/rlog.h"
#include "router/rt_fast.h"
#include "router/rt_time.h"

bool ww_log_iptables_probe(const char *line, size_t len)
{
	return ww_rlog_find(line, WW_MIN(len, 4096), " SRC=") != NULL &&
	       ww_rlog_find(line, WW_MIN(len, 4096), "IN=") != NULL;
}

/* "IN=" at the start of a word. */
static const char *find_in(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *c;
	while (p < end && (c = ww_rlog_find(p, (size_t)(end - p), "IN=")) != NULL) {
		if (c == s || c[-1] == ' ' || c[-1] == ':' || c[-1] == ']')
			return c;
		p = c + 1;
	}
	return NULL;
}

static ww_rc val_u16(const char *v, size_t n, uint16_t *out)
{
	uint64_t x;
	if (!ww_rt_u64_exact(v, n, 65535, &x))
		return WW_ERR_FORMAT;
	*out = (uint16_t)x;
	return WW_OK;
}

static ww_rc val_ip(const char *v, size_t n, struct ww_addr *a)
{
	return ww_rt_ip_exact(v, n, a) ? WW_OK : WW_ERR_FORMAT;
}

ww_rc ww_log_iptables_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                            struct ww_rlog_rec *rec)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	const char *in, *pfx, *kern, *w;
	size_t n;
	int64_t ts = 0;
	bool have_src = false, have_dst = false, syn = false, ack = false;
	uint16_t sport = 0, dport = 0;

	memset(rec, 0, sizeof(*rec));
	ww_rt_time_any(&t, ctx->year, &ts);
	in = find_in(t.p, ww_tcur_left(&t));
	if (!in)
		return WW_ERR_FORMAT;
	/* the prefix: after "kernel:" (and an uptime stamp) when present */
	pfx = t.p;
	kern = ww_rlog_find(t.p, (size_t)(in - t.p), "kernel:");
	if (kern)
		pfx = kern + 7;
	else if ((kern = ww_rlog_find(t.p, (size_t)(in - t.p), "]: ")) != NULL)
		pfx = kern + 3; /* "kernel[0]: " style tags */
	{
		const char *u = memchr(pfx, '[', (size_t)(in - pfx));
		const char *ue = u ? memchr(u, ']', (size_t)(in - u)) : NULL;
		bool stamp = u && ue && ue - u < 24;
		const char *q;
		for (q = u ? u + 1 : NULL; stamp && q < ue; q++)
			if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == ' '))
				stamp = false; /* "[UFW BLOCK]" is a prefix, not a stamp */
		if (stamp) {
			/* kernel uptime "[463590.337950]": the time when syslog gave none */
			if (ts == 0) {
				struct ww_tcur ut = ww_tcur_make(u + 1, (size_t)(ue - u - 1));
				uint64_t sec;
				ww_tcur_skip_ws(&ut);
				if (!ww_tcur_u64(&ut, 1ull << 40, &sec))
					ts = (int64_t)sec * 1000000;
			}
			pfx = ue + 1;
		}
	}
	rec->action = ww_rlog_action_word(pfx, (size_t)(in - pfx));
	t.p = in;
	{
	const char *p = in, *end = t.end;
	while (ww_rt_word(&p, end, &w, &n)) {
		const char *eq, *v;
		size_t kn, vn;
		if (w[0] == '[')
			break; /* the packet quoted by an ICMP error */
		eq = memchr(w, '=', n);
		if (!eq) {
			if (n == 3 && memcmp(w, "SYN", 3) == 0)
				syn = true;
			else if (n == 3 && memcmp(w, "ACK", 3) == 0)
				ack = true;
			continue;
		}
		kn = (size_t)(eq - w);
		v = eq + 1;
		vn = n - kn - 1;
		if (kn == 3 && memcmp(w, "SRC", 3) == 0) {
			if (val_ip(v, vn, &rec->a.src))
				return WW_ERR_FORMAT;
			have_src = true;
		} else if (kn == 3 && memcmp(w, "DST", 3) == 0) {
			if (val_ip(v, vn, &rec->a.dst))
				return WW_ERR_FORMAT;
			have_dst = true;
		} else if (kn == 5 && memcmp(w, "PROTO", 5) == 0) {
			rec->a.proto = ww_rlog_proto(v, vn);
		} else if (kn == 3 && memcmp(w, "SPT", 3) == 0) {
			if (val_u16(v, vn, &sport))
				return WW_ERR_FORMAT;
		} else if (kn == 3 && memcmp(w, "DPT", 3) == 0) {
			if (val_u16(v, vn, &dport))
				return WW_ERR_FORMAT;
		} else if (kn == 3 && memcmp(w, "OUT", 3) == 0) {
			rec->inbound = vn == 0; /* to the device itself */
		}
	}
	}
	if (!have_src || !have_dst || rec->a.src.v4 != rec->a.dst.v4)
		return WW_ERR_FORMAT;
	if (rec->a.proto == WW_PROTO_TCP || rec->a.proto == WW_PROTO_UDP || rec->a.proto == 132 ||
	    rec->a.proto == 136) {
		rec->a.sport = sport;
		rec->a.dport = dport;
	}
	rec->a.syn = rec->a.proto == WW_PROTO_TCP && syn && !ack;
	rec->a.ts_us = ts;
	rec->a.outcome = rec->action == WW_RLOG_ACCEPT ? WW_OUTCOME_SUCCESS : WW_OUTCOME_BLOCKED;
	if (rec->action == WW_RLOG_UNKNOWN)
		rec->action = WW_RLOG_DROP;
	return WW_OK;
}
