/* The table of router and firewall log dialects, and the per-line choice.
 *
 * To add a dialect: write log_<name>.c with the format's example line above
 * its parser, a cheap probe and a parse function honouring the contract in
 * rlog.h (the parse function must refuse, with WW_ERR_FORMAT, any line that
 * is not of its format: the last dialect used is tried without its probe), declare both in rlog.h, add a row below (more specific formats
 * before more general ones), a fuzz harness fuzz/fuzz_router_<name>.c with
 * seeds, and a line in docs/router.md. */
#include "core/common.h"
#include "router/rlog.h"

const struct ww_rlog_dialect ww_rlog_dialects[] = {
	{"pfsense", "pfSense/OPNsense filterlog CSV lines", ww_log_pfsense_probe,
	 ww_log_pfsense_parse},
	{"asa", "Cisco ASA/FTD deny messages (%ASA-4-106023, 106001, 106006, 106100)",
	 ww_log_asa_probe, ww_log_asa_parse},
	{"iptables", "iptables/nftables LOG lines in syslog, journal or dmesg (OpenWrt, UFW, psad)",
	 ww_log_iptables_probe, ww_log_iptables_parse},
	{"smallrouter", "home routers: \"UDP connection rejected from A:p to B:q\"",
	 ww_log_smallrouter_probe, ww_log_smallrouter_parse},
	{NULL, NULL, NULL, NULL},
};

size_t ww_rlog_dialect_count(void) { return WW_ARRAY_LEN(ww_rlog_dialects) - 1; }

ww_rc ww_rlog_parse_line(const struct ww_rlog_ctx *ctx, const char *line, size_t len, int hint,
                         int *which, struct ww_rlog_rec *rec)
{
	size_t i, n = ww_rlog_dialect_count();
	*which = -1;
	/* the dialect of the previous line first, without its probe: a parser
	 * refuses (WW_ERR_FORMAT) every line that is not its own */
	if (hint >= 0 && (size_t)hint < n) {
		ww_rc rc = ww_rlog_dialects[hint].parse(ctx, line, len, rec);
		if (rc != WW_ERR_FORMAT) {
			*which = hint;
			return rc;
		}
	}
	for (i = 0; i < n; i++) {
		if ((int)i == hint || !ww_rlog_dialects[i].probe(line, len))
			continue;
		*which = (int)i;
		return ww_rlog_dialects[i].parse(ctx, line, len, rec);
	}
	return WW_ERR_FORMAT;
}

const char *ww_rlog_find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	if (k == 0 || k > n)
		return NULL;
	return memmem(s, n, needle, k);
}

static bool has_ci(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word), i, j;
	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k; j++) {
			char c = s[i + j];
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			if (c != word[j])
				break;
		}
		if (j == k)
			return true;
	}
	return false;
}

enum ww_rlog_action ww_rlog_action_word(const char *s, size_t n)
{
	static const char *const drop[] = {"DROP", "REJECT", "DENY", "DENIED", "BLOCK", "REFUSE"};
	static const char *const accept[] = {"ACCEPT", "ALLOW", "PASS", "PERMIT"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(drop); i++)
		if (has_ci(s, n, drop[i]))
			return WW_RLOG_DROP;
	for (i = 0; i < WW_ARRAY_LEN(accept); i++)
		if (has_ci(s, n, accept[i]))
			return WW_RLOG_ACCEPT;
	return WW_RLOG_UNKNOWN;
}

uint8_t ww_rlog_proto(const char *s, size_t n)
{
	static const struct {
		const char *name;
		uint8_t num;
	} protos[] = {{"TCP", 6}, {"UDP", 17}, {"ICMP", 1}, {"ICMPV6", 58}, {"IPV6-ICMP", 58},
	              {"SCTP", 132}, {"GRE", 47}, {"ESP", 50}, {"AH", 51}, {"IGMP", 2},
	              {"UDPLITE", 136}};
	size_t i, j;
	if (n && s[0] >= '0' && s[0] <= '9') {
		struct ww_tcur t = ww_tcur_make(s, n);
		uint64_t v;
		if (ww_tcur_u64(&t, 255, &v) || !ww_tcur_eof(&t))
			return 0;
		return (uint8_t)v;
	}
	for (i = 0; i < WW_ARRAY_LEN(protos); i++) {
		if (strlen(protos[i].name) != n)
			continue;
		for (j = 0; j < n; j++) {
			char c = s[j];
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			if (c != protos[i].name[j])
				break;
		}
		if (j == n)
			return protos[i].num;
	}
	return 0;
}
