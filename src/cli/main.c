/* wormwatch: a thin program over the library. It only picks the subcommand
 * from the table below and checks that standard output was written. */
#include "core/common.h"
#include "cli/commands.h"
#include "core/i18n.h"
#include "report/writer.h"
#include "cli/cli_out.h"

#include <errno.h>
#include <stdio.h>

/* The usage line of each command is also the first line of its --help and
 * what an error prints (cli_usage); its options are a table in its file
 * (cli_out.h), printed a line each by --help. */
static const struct ww_command ww_commands[] = {
	{"analyze", "analyze [-o FILE] [--format text|json|jsonl|csv] [-H CIDRS] [-w FILE.pcap] [--threads 1|2] [-f EXPR] [--since TIME] [--until TIME] FILE|DIR... [-- EXPR]",
	 N_("find infected hosts, scanners and look-alikes in packet captures"), cmd_analyze},
	{"host", "host [-o FILE] [--format FORMAT] [-n analyze.json] [--indicators DIR] PATH... | host --live | host --offline ROOT [--since TIME] [--until TIME]",
	 N_("find the process behind a worm's traffic and what it changed on a machine"), cmd_host},
	{"nat", "nat [-o FILE] [--format FORMAT] [-H CIDRS] [-m N] (FILE... | --live [--proc]) [--watch SECONDS [-c N] [--http [ADDR:]PORT] [--json-out FILE] [--syslog] [--exec PROG]]",
	 N_("connection-tracking (NAT) table: who fills it, and why"), cmd_nat},
	{"logs", "logs [-o FILE] [--format FORMAT] [-H CIDRS] [--year YYYY] FILE...",
	 N_("router and firewall logs (iptables/nftables, pfSense, ASA, home routers)"), cmd_logs},
	{"flows", "flows [-o FILE] [--format text|json|jsonl|csv] [-H CIDRS] [--listen ADDR:PORT [-c N|--idle SECONDS]] [FILE...]",
	 N_("NetFlow v5/v9, IPFIX, nfcapd and Argus flow records (files or a UDP collector)"), cmd_flows},
	{"watch", "watch -i IFACE [-f FILTER] [-o FILE] [--format FORMAT] [--json-out FILE] [-H CIDRS] [-s SECONDS] [-d SECONDS] [--max-hosts N] [--http [ADDR:]PORT] [--syslog] [--exec PROG] [--contain[=all] [--never CIDR]...]",
	 N_("live capture: alerts as they happen, summary on Ctrl-C"), cmd_watch},
	{"contain", "contain [--format nft|iptables|openwrt|pf|cisco|windows|json] [-o FILE] [-a CIDR]... [-t SECONDS] [-H CIDRS] [--apply] RESULT... | contain --undo",
	 N_("rules that isolate the infected hosts and block worm ports; --apply loads them (nftables)"), cmd_contain},
	{"verify", "verify [-o FILE] [--format text|json] [-H CIDRS] [-m N] --before INPUT... --after INPUT...",
	 N_("before and after the clean-up, host by host: clean, still spreading, or gone"), cmd_verify},
	{"report", "report [-o FILE.html] [--title TEXT] [--done ADDR:STEPS]... [--chartjs PATH | --svg-charts] RESULT... [ADDR=HOST-RESULT]...",
	 N_("one self-contained HTML incident report from JSON results (the five steps)"), cmd_report},
	{"sensor", "sensor --nats URL [--partitions N] [-H CIDRS] [--name ID] [--rate N] [-i IFACE [-f EXPR] [-d SECONDS]] [--logs FILE]... [--nat FILE]... [--flows FILE]... [--listen ADDR:PORT [-c N|--idle SECONDS]] [CAPTURE...]",
	 N_("cluster: publish captures, live traffic, logs, tables and flow records to NATS JetStream"), cmd_sensor},
	{"judge", "judge --nats URL --name ID [-H CIDRS] [--sensors N] [--partitions N] [--max-partitions N] [--max-hosts N] [--lease MS] [--once]",
	 N_("cluster: judge partitions from the bus, publish alerts and verdicts"), cmd_judge},
	{"results", "results --nats URL [-o FILE] [--format text|json|jsonl|csv] [--wait SECONDS] [--live] [--counts | --latency] [--follow] [--json-out FILE] [--http [ADDR:]PORT] [--syslog] [--exec PROG] [--interval SECONDS]",
	 N_("cluster: the verdicts on the bus as one analyze report"), cmd_results},
	{NULL, NULL, NULL, NULL},
};

static void usage_all(FILE *f)
{
	const struct ww_command *c;
	fputs(_("usage: wormwatch <command> [options]\n"
	        "       wormwatch help <command> | --version\n\ncommands:\n"), f);
	for (c = ww_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, _(c->help));
	fputs(_("\nexit status: 3 active infection, 2 traces only (host), 1 scanners or suspicious\n"
	        "hosts (host: probed by another host), 0 nothing found; 64 usage error, 65 bad or\n"
	        "damaged input (what was read is still reported), 66 an input could not be read,\n"
	        "70 internal error, 74 the output could not be written, 77 no right to change\n"
	        "the firewall; 130/143 a run over files stopped by SIGINT/SIGTERM (partial\n"
	        "report). Details: man wormwatch, docs/formats.md\n"), f);
}

const char *cli_usage_line(const char *name)
{
	const struct ww_command *c;
	for (c = ww_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c->usage;
	return name;
}

int cli_usage(const char *name)
{
	fprintf(stderr, _("usage: wormwatch %s\n"), cli_usage_line(name));
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
	struct cli_out o;
	cli_out_init(&o, r->command ? r->command : "wormwatch");
	if (json)
		cli_out_opt(&o, 'j', NULL);
	return cli_emit_out(r, &o);
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
	const char *lang = NULL;
	/* --lang LANG (or --lang=LANG) before the command: this run's language */
	if (argc >= 2 && strncmp(argv[1], "--lang", 6) == 0 &&
	    (argv[1][6] == '\0' || argv[1][6] == '=')) {
		if (argv[1][6] == '=')
			lang = argv[1] + 7;
		else if (argc >= 3)
			lang = argv[2];
		argc -= argv[1][6] == '=' ? 1 : 2;
		argv += argv[1][6] == '=' ? 1 : 2;
		if (!lang || ww_i18n_init(lang) != WW_OK) {
			ww_i18n_init(NULL);
			ww_error(_("--lang: '%s' is not a language (ja, en, C, or ll_CC)"),
			         lang ? lang : "");
			return WW_EXIT_USAGE;
		}
		if (strcmp(lang, "C") != 0 && strcmp(lang, "POSIX") != 0 &&
		    strncmp(lang, "en", 2) != 0 && !ww_i18n_have(lang))
			ww_warn(_("no %s translation in %s: messages stay in English"), lang,
			        ww_i18n_localedir());
		argv[0] = (char *)"wormwatch";
	} else {
		ww_i18n_init(NULL);
	}
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
		ww_diag_set_command(c->name);
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
		ww_diag_set_command(c->name); /* "wormwatch analyze: error: ..." */
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
