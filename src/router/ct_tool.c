/* `conntrack -L` output: the protocol first, and a summary line on stderr
 * that is often saved with it:
 *   tcp      6 117 SYN_SENT src=192.168.1.23 dst=203.0.113.9 sport=51234 dport=445 [UNREPLIED] src=203.0.113.9 dst=198.51.100.1 sport=445 dport=51234 mark=0 use=1
 *   conntrack v1.4.7 (conntrack-tools): 1024 flow entries have been shown.
 * `conntrack -L -o extended` puts "ipv4     2 " in front (ct_proc.c reads
 * that), and `conntrack -E` an event tag and an optional time stamp:
 *   [1790253007.123456]	    [NEW] tcp      6 120 SYN_SENT src=... */
#include "core/common.h"
#include "router/ct.h"

static bool is_summary(struct ww_tcur t, uint64_t *count)
{
	const char *w;
	size_t n;
	uint64_t v;
	if (!ww_tcur_lit(&t, "conntrack v"))
		return false;
	/* version, "(conntrack-tools):", count */
	if (!ww_tcur_word(&t, &w, &n) || !ww_tcur_word(&t, &w, &n))
		return false;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_u64(&t, UINT64_MAX, &v))
		return false;
	ww_tcur_skip_ws(&t);
	if (!ww_tcur_lit(&t, "flow entries"))
		return false;
	if (count)
		*count = v;
	return true;
}

bool ww_ct_tool_probe(const char *line, size_t len)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	if (is_summary(t, NULL))
		return true;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_ch(&t, '['))
		return true;
	return ww_tcur_lit(&t, "tcp ") || ww_tcur_lit(&t, "udp ") || ww_tcur_lit(&t, "icmp ") ||
	       ww_tcur_lit(&t, "icmpv6 ") || ww_tcur_lit(&t, "sctp ") ||
	       ww_tcur_lit(&t, "udplite ") || ww_tcur_lit(&t, "dccp ") ||
	       ww_tcur_lit(&t, "gre ") || ww_tcur_lit(&t, "unknown ");
}

ww_rc ww_ct_tool_line(const char *line, size_t len, struct ww_ct_entry *e, uint64_t *summary)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	if (is_summary(t, summary))
		return WW_ERR_NOTFOUND;
	ww_tcur_skip_ws(&t);
	/* conntrack -E: "[1790253007.123456]" and/or "[NEW]", "[UPDATE]", "[DESTROY]" */
	while (ww_tcur_ch(&t, '[')) {
		const char *s;
		size_t n;
		ww_tcur_until(&t, ']', &s, &n);
		if (!ww_tcur_ch(&t, ']') || n == 0 || n > 24)
			return WW_ERR_FORMAT;
		if (n == 7 && memcmp(s, "DESTROY", 7) == 0)
			return WW_ERR_NOTFOUND; /* an entry leaving the table */
		ww_tcur_skip_ws(&t);
	}
	if (ww_tcur_lit(&t, "ipv4") || ww_tcur_lit(&t, "ipv6")) {
		uint64_t fam;
		ww_tcur_skip_ws(&t);
		if (ww_tcur_u64(&t, 255, &fam))
			return WW_ERR_FORMAT;
		ww_tcur_skip_ws(&t);
	}
	return ww_ct_parse_body(&t, e);
}
