/* wormwatch: a thin program over the library. It only picks the subcommand
 * from the table below and checks that standard output was written. */
#include "core/common.h"
#include "cli/commands.h"
#include "report/writer.h"

#include <errno.h>
#include <stdio.h>

static const struct ww_command ww_commands[] = {
	{"analyze", "analyze [--home-net CIDR[,CIDR...]] [--json] FILE...",
	 "find infected hosts, scanners and look-alikes in packet captures", cmd_analyze},
	{"host", "host [--json] [--network analyze.json] [--indicators DIR] PATH... | host --live [--json] | host --offline ROOT [--since TIME] [--until TIME] [--json]",
	 "find the process behind a worm's traffic and what it changed on a machine", cmd_host},
	{"nat", "nat [--json] [--home-net CIDRS] [--max N] (FILE... | --live [--proc]) [--watch SECONDS [--count N] [--http [ADDR:]PORT] [--json-out FILE] [--syslog] [--exec PROG]]",
	 "connection-tracking (NAT) table: who fills it, and why", cmd_nat},
	{"logs", "logs [--json] [--home-net CIDRS] [--year YYYY] FILE...",
	 "router and firewall logs (iptables/nftables, pfSense, ASA, home routers)", cmd_logs},
	{"flows", "flows [--listen ADDR:PORT [--count N|--idle SECS]] [--home-net CIDR,...] [--json] [FILE...]",
	 "NetFlow v5/v9, IPFIX, nfcapd and Argus flow records (files or a UDP collector)", cmd_flows},
	{"watch", "watch -i IFACE [--bpf FILTER] [--json-out FILE] [--home-net CIDRS] [--status SECONDS] [--duration SECONDS] [--max-hosts N] [--json] [--http [ADDR:]PORT] [--syslog] [--exec PROG] [--contain[=all] [--never CIDR]...] (--help: all)",
	 "live capture: alerts as they happen, summary on Ctrl-C", cmd_watch},
	{"contain", "contain [--format nft|iptables|openwrt|pf|cisco|windows] [--allow CIDR]... [--timeout SECONDS] [--home-net CIDRS] [--json] [--apply] RESULT... | contain --undo",
	 "rules that isolate the infected hosts and block worm ports; --apply loads them (nftables)", cmd_contain},
	{"verify", "verify [--json] [--home-net CIDRS] [--max N] --before INPUT... --after INPUT...",
	 "before and after the clean-up, host by host: clean, still spreading, or gone", cmd_verify},
	{"report", "report [-o FILE.html] [--done ADDR:STEPS] [--svg-charts] RESULT... [ADDR=HOST-RESULT]...",
	 "one self-contained HTML incident report from JSON results (the five steps)", cmd_report},
	{NULL, NULL, NULL, NULL},
};

static void usage_all(FILE *f)
{
	const struct ww_command *c;
	fprintf(f, "usage: wormwatch <command> [options]\n"
	           "       wormwatch help <command> | --version\n\ncommands:\n");
	for (c = ww_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->help);
	fprintf(f, "\nexit status: 3 active infection, 2 traces only, 1 scanners/suspicious or\n"
	           "attacked by another host, 0 nothing found, 64 and up usage or input errors\n");
}

int cli_usage(const char *name)
{
	const struct ww_command *c;
	for (c = ww_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			fprintf(stderr, "usage: wormwatch %s\n", c->usage);
	return WW_EXIT_USAGE;
}

int cli_home_net(struct ww_netlist *home, const char *arg)
{
	char err[160];
	if (ww_netlist_parse(home, arg, err, sizeof(err)) == WW_OK)
		return 0;
	ww_error("--home-net: %s", err);
	ww_netlist_release(home);
	return WW_EXIT_USAGE;
}

int cli_emit(const struct ww_report *r, bool json)
{
	struct ww_out o;
	ww_rc rc;
	ww_out_init(&o, stdout);
	rc = json ? ww_write_json(&o, r) : ww_write_text(&o, r);
	if (!rc)
		rc = ww_out_finish(&o);
	if (rc == WW_ERR_IO) {
		ww_error("cannot write the report to standard output: %s", strerror(o.err));
		return WW_EXIT_IOERR;
	}
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		return WW_EXIT_SOFTWARE;
	}
	return 0;
}

static const struct ww_command *find_command(const char *name)
{
	const struct ww_command *c;
	for (c = ww_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	const struct ww_command *c;
	int status;
	if (argc >= 3 && strcmp(argv[1], "help") == 0) {
		/* `wormwatch help CMD` is `wormwatch CMD --help` */
		char *hargv[3];
		if (!(c = find_command(argv[2]))) {
			ww_error("unknown command '%s'", argv[2]);
			usage_all(stderr);
			return WW_EXIT_USAGE;
		}
		hargv[0] = argv[2];
		hargv[1] = (char *)"--help";
		hargv[2] = NULL;
		return c->run(2, hargv);
	}
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage_all(argc < 2 ? stderr : stdout);
		return argc < 2 ? WW_EXIT_USAGE : 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("wormwatch %s\n", WW_VERSION);
		return 0;
	}
	if (argv[1][0] == '-') {
		/* an option before any command: say so, not "unknown command" */
		ww_error("unknown option '%s' (options go after the command: wormwatch COMMAND "
		         "[options])", argv[1]);
		usage_all(stderr);
		return WW_EXIT_USAGE;
	}
	for (c = ww_commands; c->name; c++) {
		if (strcmp(c->name, argv[1]) != 0)
			continue;
		status = c->run(argc - 1, argv + 1);
		/* a report already written may still sit in stdio's buffer */
		if (fflush(stdout) != 0 || ferror(stdout)) {
			ww_error("cannot write to standard output: %s", strerror(errno));
			return WW_EXIT_IOERR;
		}
		return status;
	}
	ww_error("unknown command '%s'", argv[1]);
	usage_all(stderr);
	return WW_EXIT_USAGE;
}
