/* /proc/net/nf_conntrack: the family name and number come first.
 * ipv4     2 tcp      6 117 SYN_SENT src=192.168.1.23 dst=203.0.113.9 sport=51234 dport=445 [UNREPLIED] src=203.0.113.9 dst=198.51.100.1 sport=445 dport=51234 mark=0 zone=0 use=2 */
#include "core/common.h"
#include "router/ct.h"

bool ww_ct_proc_probe(const char *line, size_t len)
{
	return len > 6 && (memcmp(line, "ipv4 ", 5) == 0 || memcmp(line, "ipv6 ", 5) == 0);
}

ww_rc ww_ct_proc_line(const char *line, size_t len, struct ww_ct_entry *e)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	uint64_t fam;
	int want;
	if (ww_tcur_lit(&t, "ipv4"))
		want = 4;
	else if (ww_tcur_lit(&t, "ipv6"))
		want = 6;
	else
		return WW_ERR_FORMAT;
	if (!ww_tcur_skip_ws(&t) || ww_tcur_u64(&t, 255, &fam) || fam != (want == 4 ? 2 : 10) ||
	    !ww_tcur_skip_ws(&t))
		return WW_ERR_FORMAT;
	if (ww_ct_parse_body(&t, e))
		return WW_ERR_FORMAT;
	if (e->family != want)
		return WW_ERR_FORMAT;
	return WW_OK;
}

ww_rc ww_ct_any_line(const char *line, size_t len, struct ww_ct_entry *e, uint64_t *summary)
{
	if (ww_ct_proc_probe(line, len))
		return ww_ct_proc_line(line, len, e);
	return ww_ct_tool_line(line, len, e, summary);
}
