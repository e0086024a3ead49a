/* libnftables: load, extend and delete table inet wormwatch (contract in
 * nft.h). */
#include "core/common.h"
#include "response/nft.h"

#include <nftables/libnftables.h>
#include <stdio.h>

#define CAP_NET_ADMIN_BIT 12

bool ww_nft_can_admin(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	bool ok = false;
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long caps = 0;
		const char *p;
		if (strncmp(line, "CapEff:", 7) != 0)
			continue;
		for (p = line + 7; *p == ' ' || *p == '\t'; p++)
			;
		for (; *p; p++) {
			unsigned d;
			if (*p >= '0' && *p <= '9')
				d = (unsigned)(*p - '0');
			else if (*p >= 'a' && *p <= 'f')
				d = (unsigned)(*p - 'a' + 10);
			else
				break;
			caps = caps << 4 | d;
		}
		ok = (caps >> CAP_NET_ADMIN_BIT) & 1;
		break;
	}
	fclose(f);
	return ok;
}

/* nft's message, first meaningful line, without the "Error: " prefix. */
static void first_line(char *err, size_t errlen, const char *msg)
{
	const char *s = msg ? msg : "";
	size_t n;
	if (!errlen)
		return;
	if (strncmp(s, "Error: ", 7) == 0)
		s += 7;
	n = strcspn(s, "\n");
	if (n >= errlen)
		n = errlen - 1;
	memcpy(err, s, n);
	err[n] = '\0';
	if (!n)
		snprintf(err, errlen, "nftables refused the commands");
}

ww_rc ww_nft_run(const char *cmds, char *err, size_t errlen)
{
	struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	int r;
	if (!ctx) {
		snprintf(err, errlen, "cannot start libnftables");
		return WW_ERR_NOMEM;
	}
	if (nft_ctx_buffer_output(ctx) || nft_ctx_buffer_error(ctx)) {
		nft_ctx_free(ctx);
		snprintf(err, errlen, "cannot start libnftables");
		return WW_ERR_NOMEM;
	}
	r = nft_run_cmd_from_buffer(ctx, cmds);
	if (r)
		first_line(err, errlen, nft_ctx_get_error_buffer(ctx));
	nft_ctx_free(ctx);
	return r ? WW_ERR_IO : WW_OK;
}

bool ww_nft_table_exists(void)
{
	char err[64];
	return ww_nft_run("list table inet " WW_NFT_TABLE "\n", err, sizeof(err)) == WW_OK;
}

ww_rc ww_nft_table_apply(const struct ww_contain_plan *p, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ww_out o;
	ww_rc rc;
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return WW_ERR_NOMEM;
	}
	ww_out_init(&o, f);
	rc = ww_rules_nft_table(&o, p);
	if (fclose(f) != 0 && !rc)
		rc = WW_ERR_NOMEM;
	if (rc) {
		snprintf(err, errlen, "cannot build the ruleset: %s", ww_rc_str(rc));
		free(buf);
		return rc;
	}
	rc = ww_nft_run(buf, err, errlen);
	free(buf);
	return rc;
}

ww_rc ww_nft_quarantine_add(const struct ww_addr *a, unsigned timeout_s, const char *comment,
                            const struct ww_netlist *allow, char *err, size_t errlen)
{
	char cmd[512], ab[WW_ADDR_STRLEN], safe[64], to[32] = "";
	if (allow && ww_netlist_match(allow, a)) {
		snprintf(err, errlen, "%s is on the allowlist: never quarantined", ww_addr_fmt(a, ab));
		return WW_ERR_USAGE;
	}
	if (!ww_nft_table_exists()) {
		snprintf(err, errlen, "there is no table inet " WW_NFT_TABLE ": load it first");
		return WW_ERR_NOTFOUND;
	}
	ww_safe_text(safe, sizeof(safe), comment ? comment : "wormwatch");
	if (timeout_s)
		snprintf(to, sizeof(to), " timeout %us", timeout_s);
	snprintf(cmd, sizeof(cmd), "add element inet " WW_NFT_TABLE " quarantine%c { %s%s comment "
	         "\"%s\" }\n", a->v4 ? '4' : '6', ww_addr_fmt(a, ab), to, safe);
	return ww_nft_run(cmd, err, errlen);
}

ww_rc ww_nft_undo(char *err, size_t errlen)
{
	if (!ww_nft_table_exists()) {
		snprintf(err, errlen, "there is no table inet " WW_NFT_TABLE ": nothing to undo");
		return WW_ERR_NOTFOUND;
	}
	return ww_nft_run("delete table inet " WW_NFT_TABLE "\n", err, errlen);
}
