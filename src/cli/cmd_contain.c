/* wormwatch contain: rules that isolate the infected hosts of one or more
 * results (or of the inputs those take) and block the worm's ports, for one
 * platform; --apply loads them into table inet wormwatch through
 * libnftables, --undo deletes that table. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "report/writer.h"
#include "response/nft.h"
#include "response/rules.h"
#include "response/snapshot.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#define EXIT_NOPERM 77 /* EX_NOPERM */
#define MAX_TIMEOUT 31536000u

static bool parse_timeout(const char *s, unsigned *out)
{
	unsigned long v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > MAX_TIMEOUT)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

/* One address into the allowlist, quietly skipping what does not parse. */
static void allow_addr(struct ww_contain_plan *p, const char *s, const char *why)
{
	struct ww_addr a;
	char err[160], ab[WW_ADDR_STRLEN];
	if (ww_addr_parse(s, &a) != WW_OK || ww_addr_is_unspecified(&a) || ww_addr_is_loopback(&a))
		return;
	ww_addr_fmt(&a, ab);
	if (ww_netlist_parse(&p->allow, ab, err, sizeof(err)) == WW_OK)
		ww_note("allowlist: %s (%s)", ab, why);
}

/* What --apply finds on this machine: the default gateway
 * (/proc/net/route), the name servers (/etc/resolv.conf) and the address
 * the admin is logged in from (SSH_CLIENT). */
static void allow_local(struct ww_contain_plan *p)
{
	char line[512];
	const char *ssh = getenv("SSH_CLIENT");
	FILE *f = fopen("/proc/net/route", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			char *fld[4], *save = NULL, *t;
			int n = 0;
			for (t = strtok_r(line, " \t\n", &save); t && n < 4; t = strtok_r(NULL, " \t\n", &save))
				fld[n++] = t;
			if (n >= 3 && strcmp(fld[1], "00000000") == 0 && strlen(fld[2]) == 8) {
				unsigned long g = strtoul(fld[2], NULL, 16);
				char ab[32];
				/* the kernel prints it in host (little-endian) order */
				snprintf(ab, sizeof(ab), "%lu.%lu.%lu.%lu", g & 255, (g >> 8) & 255,
				         (g >> 16) & 255, (g >> 24) & 255);
				allow_addr(p, ab, "default gateway");
			}
		}
		fclose(f);
	}
	if ((f = fopen("/etc/resolv.conf", "r"))) {
		while (fgets(line, sizeof(line), f)) {
			char *save = NULL, *k = strtok_r(line, " \t\n", &save), *v;
			if (k && strcmp(k, "nameserver") == 0 && (v = strtok_r(NULL, " \t\n", &save)))
				allow_addr(p, v, "name server");
		}
		fclose(f);
	}
	if (ssh && strlen(ssh) < sizeof(line)) {
		char *save = NULL, *v;
		snprintf(line, sizeof(line), "%s", ssh);
		if ((v = strtok_r(line, " ", &save)))
			allow_addr(p, v, "admin (SSH_CLIENT)");
	}
}

static int do_undo(void)
{
	char err[256];
	ww_rc rc;
	if (!ww_nft_can_admin()) {
		ww_error("contain --undo changes the firewall and needs root (CAP_NET_ADMIN); nothing "
		         "was changed");
		return EXIT_NOPERM;
	}
	rc = ww_nft_undo(err, sizeof(err));
	if (rc == WW_ERR_NOTFOUND) {
		ww_note("%s", err);
		return 0;
	}
	if (rc) {
		ww_error("cannot delete table inet wormwatch: %s", err);
		return WW_EXIT_SOFTWARE;
	}
	printf("removed table inet wormwatch (nothing else was touched)\n");
	return 0;
}

static int do_apply(struct ww_contain_plan *p)
{
	char err[256], ab[WW_ADDR_STRLEN];
	size_t i;
	ww_rc rc;
	rc = ww_nft_table_apply(p, err, sizeof(err));
	if (rc) {
		ww_error("cannot load table inet wormwatch: %s", err);
		return WW_EXIT_SOFTWARE;
	}
	printf("loaded table inet wormwatch: %zu host(s) quarantined", p->n);
	if (p->timeout_s)
		printf(" for %u s", p->timeout_s);
	printf("; TCP ");
	for (i = 0; i < p->n_tcp; i++)
		printf("%s%u", i ? "/" : "", p->tcp[i]);
	printf(" and UDP 137/138 dropped outward\n");
	for (i = 0; i < p->n; i++)
		printf("  quarantined %s: %s\n", ww_addr_fmt(&p->h[i].addr, ab), p->h[i].why);
	printf("undo: wormwatch contain --undo   (or: nft delete table inet wormwatch)\n");
	return 0;
}

int cmd_contain(int argc, char **argv)
{
	/* -f is the BPF filter elsewhere: --format has no short letter */
	static const struct cli_opt opts[] = {
		{"format", CLI_OPT_FORMAT, required_argument, "FORMAT",
		 N_("nft (default), iptables, openwrt, pf, cisco, windows, or json (the plan)")},
		{"output", 'o', required_argument, "FILE",
		 N_("write the rules to FILE (not a symbolic link) instead of standard output")},
		{"allow", 'a', required_argument, "CIDR", N_("never isolate these (repeatable)")},
		{"timeout", 't', required_argument, "SECONDS",
		 N_("how long the rules hold (0: until undone; default 86400)")},
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"apply", 'A', no_argument, NULL, N_("load the rules here (nftables, needs root)")},
		{"undo", 'U', no_argument, NULL, N_("delete table inet wormwatch")},
		{"json", 'j', no_argument, NULL, N_("the plan and its rules as JSON")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	FILE *f;
	const struct ww_rule_format *fmt = ww_rule_format_find("nft");
	struct ww_contain_plan plan;
	struct ww_resp_snap snap;
	struct ww_resp_load_opts lo = {NULL};
	bool apply = false, undo = false, format_given = false, json = false;
	char err[160];
	int c, i, status = 0;
	ww_rc rc;

	ww_contain_plan_init(&plan);
	ww_resp_snap_init(&snap);
	cli_out_init(&out, "contain");
	cli_parse_init(&p, "contain", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		switch (c) {
		case 'o': out.path = strcmp(optarg, "-") ? optarg : NULL; break;
		case CLI_OPT_FORMAT:
			if (strcmp(optarg, "json") == 0) {
				json = true;
				break;
			}
			if (!(fmt = ww_rule_format_find(optarg))) {
				char safe[64];
				ww_error("unknown --format '%s' (nft, iptables, openwrt, pf, cisco, windows, json)",
				         ww_safe_text(safe, sizeof(safe), optarg));
				status = WW_EXIT_USAGE;
				goto out;
			}
			format_given = true;
			break;
		case 'a':
			if (ww_netlist_parse(&plan.allow, optarg, err, sizeof(err))) {
				ww_error("--allow: %s", err);
				status = WW_EXIT_USAGE;
				goto out;
			}
			break;
		case 't':
			if (!parse_timeout(optarg, &plan.timeout_s)) {
				ww_error("--timeout takes seconds, 0 (until undone) to %u", MAX_TIMEOUT);
				status = WW_EXIT_USAGE;
				goto out;
			}
			break;
		case 'H':
			if (ww_netlist_parse(&plan.home, optarg, err, sizeof(err))) {
				ww_error("--home-net: %s", err);
				status = WW_EXIT_USAGE;
				goto out;
			}
			lo.home = optarg;
			break;
		case 'A': apply = true; break;
		case 'j': json = true; break;
		case 'U': undo = true; break;
		case 'h':
			cli_help(&p);
			printf("\n%s\n", _("formats:"));
			for (fmt = ww_rule_formats; fmt->name; fmt++)
				printf("  %-9s %s\n", fmt->name, _(fmt->help));
			printf("  %-9s %s\n", "json", _("the plan (hosts, why, ports) with the rules"));
			goto out;
		default:
			status = WW_EXIT_USAGE; /* cli_next printed why and the usage */
			goto out;
		}
	}
	if (apply && undo) {
		ww_error("--apply and --undo exclude each other");
		status = WW_EXIT_USAGE;
		goto out;
	}
	if (undo) {
		if (optind < argc) {
			ww_error("--undo takes no inputs: it deletes table inet wormwatch");
			status = WW_EXIT_USAGE;
			goto out;
		}
		status = do_undo();
		goto out;
	}
	if (apply && format_given && strcmp(fmt->name, "nft") != 0) {
		ww_error("--apply loads nftables rules on this machine; --format %s only prints",
		         fmt->name);
		status = WW_EXIT_USAGE;
		goto out;
	}
	if (optind >= argc) {
		ww_error("no result given (analyze/nat/logs/watch/host JSON, or a capture, table or log)");
		status = cli_usage("contain");
		goto out;
	}
	if (apply && !ww_nft_can_admin()) {
		ww_error("contain --apply changes the firewall and needs root (CAP_NET_ADMIN); nothing "
		         "was changed (without --apply the rules are printed)");
		status = EXIT_NOPERM;
		goto out;
	}
	if (!plan.home.n && ww_netlist_add_private(&plan.home)) {
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	for (i = optind; i < argc; i++) {
		if ((rc = ww_resp_load(&snap, argv[i], &lo))) {
			status = ww_rc_exit(rc == WW_ERR_LIMIT ? WW_ERR_FORMAT : rc);
			goto out;
		}
		ww_contain_plan_source(&plan, argv[i]);
	}
	ww_resp_snap_sort(&snap);
	if (apply)
		allow_local(&plan);
	if ((rc = ww_contain_plan_from(&plan, &snap))) {
		ww_error("cannot build the plan: %s", ww_rc_str(rc));
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	if (!plan.n)
		ww_warn("no infected host in the results: the rules only block the worm ports");
	if (apply) {
		status = do_apply(&plan);
	} else {
		struct ww_out o;
		if (!(f = cli_out_open(&out))) {
			status = WW_EXIT_IOERR;
			goto out;
		}
		ww_out_init(&o, f);
		rc = json ? ww_contain_write_json(&o, &plan, fmt) : fmt->write(&o, &plan);
		if (!rc)
			rc = ww_out_finish(&o);
		status = cli_out_close(&out, f, rc, o.err);
	}
out:
	ww_resp_snap_release(&snap);
	ww_contain_plan_release(&plan);
	return status;
}
