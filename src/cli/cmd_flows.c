/* wormwatch flows: flow records (NetFlow v5, v9, IPFIX from the network
 * or from files; nfcapd files; Argus CSV) -> attempts -> the engine ->
 * the same report, JSON and exit status as analyze. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "cli/cli_flows.h"
#include "core/i18n.h"
#include "flows/flows.h"
#include "state/engine.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

/* set by SIGINT/SIGTERM while listening */
static volatile sig_atomic_t flows_stop;

static void flows_on_signal(int sig)
{
	(void)sig;
	flows_stop = 1;
}

struct flows_run {
	struct ww_engine_config *cfg;
	bool home_given;
	struct ww_engine *e;
	struct ww_flows *f;
	bool judged_all;
	ww_rc rc;
};

/* The engine is made when the first attempt comes: by then the flows show
 * whether any address is private (else every source is judged, as analyze
 * does on a capture with none). */
static void on_attempt(void *ud, const struct ww_attempt *a)
{
	struct flows_run *run = ud;
	if (!run->e && !run->rc) {
		if (!run->home_given && !ww_flows_stats(run->f)->private_seen) {
			run->cfg->judge_all = true;
			run->judged_all = true;
		}
		run->rc = ww_engine_new(run->cfg, &run->e);
		if (run->rc)
			ww_error("cannot start the engine: %s", ww_rc_str(run->rc));
	}
	if (run->e)
		ww_engine_attempt(run->e, a);
}

enum { FLOWS_OPT_LISTEN = 300, FLOWS_OPT_IDLE };

int cmd_flows(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OUT_OPTIONS,
		{"home-net", 'H', required_argument, "CIDRS",
		 N_("the inside network (default: private ranges; none seen: every source)")},
		{"home", 'H', required_argument, "CIDRS", N_("the same as --home-net")},
		{"listen", FLOWS_OPT_LISTEN, required_argument, "ADDR:PORT",
		 N_("collect exports on this UDP address (127.0.0.1:2055, [::1]:4739, :0)")},
		{"count", 'c', required_argument, "N", N_("with --listen: stop after N datagrams")},
		{"idle", FLOWS_OPT_IDLE, required_argument, "SECONDS",
		 N_("with --listen: stop after SECONDS without a datagram")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	struct ww_engine_config cfg;
	struct ww_flows_opts fo;
	struct flows_run run;
	struct ww_report r;
	const char *listen = NULL, *stopped = NULL;
	uint64_t count = 0;
	double idle = 0;
	bool input_error = false;
	int c, i, k, status, fd = -1;
	ww_rc rc;

	ww_engine_config_init(&cfg);
	memset(&run, 0, sizeof(run));
	cli_out_init(&out, "flows");
	cli_parse_init(&p, "flows", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		char *end;
		if ((k = cli_out_opt(&out, c, optarg)) != 0) {
			if (k > 0)
				continue;
			ww_netlist_release(&cfg.home);
			return WW_EXIT_USAGE;
		}
		switch (c) {
		case FLOWS_OPT_LISTEN: listen = optarg; break;
		case 'c':
			errno = 0;
			count = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg || count == 0 || optarg[0] == '-') {
				ww_error("--count takes a number of datagrams, not '%s'", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			break;
		case FLOWS_OPT_IDLE:
			errno = 0;
			idle = strtod(optarg, &end);
			if (errno || *end || !*optarg || !(idle > 0) || idle > 86400) {
				ww_error("--idle takes seconds (0.1 to 86400), not '%s'", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			break;
		case 'H':
			if (cli_home_net(&cfg.home, optarg))
				return WW_EXIT_USAGE;
			run.home_given = true;
			break;
		case 'h':
			ww_netlist_release(&cfg.home);
			return cli_help(&p);
		default: /* cli_next printed why and the usage */
			ww_netlist_release(&cfg.home);
			return WW_EXIT_USAGE;
		}
	}
	if (!listen && optind >= argc) {
		ww_error("no flow file given (and no --listen)");
		ww_netlist_release(&cfg.home);
		return cli_usage("flows");
	}
	if (!listen && (count || idle > 0)) {
		ww_error("--count and --idle go with --listen");
		ww_netlist_release(&cfg.home);
		return cli_usage("flows");
	}
	if (!run.home_given && ww_netlist_add_private(&cfg.home)) {
		ww_netlist_release(&cfg.home);
		return WW_EXIT_SOFTWARE;
	}
	memset(&fo, 0, sizeof(fo));
	fo.on_attempt = on_attempt;
	fo.ud = &run;
	/* SIGINT/SIGTERM while files are read: the flows read so far, partial */
	fo.stop = cli_stop_catch();
	{
		const char *seed = getenv("WORMWATCH_HASH_SEED");
		if (seed)
			fo.seed = strtoull(seed, NULL, 10);
	}
	run.cfg = &cfg;
	rc = ww_flows_open(&fo, &run.f);
	if (rc) {
		ww_error("cannot start the flow reader: %s", ww_rc_str(rc));
		ww_netlist_release(&cfg.home);
		return WW_EXIT_SOFTWARE;
	}
	ww_report_init(&r, "flows");
	for (i = optind; i < argc && !cli_stop_signal(); i++) {
		rc = ww_flows_feed_file(run.f, argv[i]);
		if (rc == WW_ERR_IO || rc == WW_ERR_NOMEM) {
			status = rc == WW_ERR_NOMEM ? WW_EXIT_SOFTWARE : WW_EXIT_NOINPUT;
			goto out;
		}
		if (rc)
			input_error = true; /* named on stderr; the other files still count */
	}
	if (listen && !cli_stop_signal()) {
		struct sigaction sa;
		fd = cli_flows_listen(listen);
		if (fd < 0) {
			status = WW_EXIT_USAGE;
			goto out;
		}
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = flows_on_signal; /* no SA_RESTART: poll() returns at once */
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		stopped = cli_flows_collect(run.f, fd, count, idle, &flows_stop, NULL, NULL);
		close(fd);
	}
	ww_flows_finish(run.f);
	if (input_error && !listen && !ww_flows_stats(run.f)->flows && !cli_stop_signal()) {
		/* no file held a flow: no report that could pass for an all-clear
		 * (each file's error said what it is) */
		status = WW_EXIT_DATAERR;
		goto out;
	}
	if (run.rc) {
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	if (!run.e) {
		/* nothing became an attempt: an empty report, from an idle engine */
		rc = ww_engine_new(&cfg, &run.e);
		if (rc) {
			ww_error("cannot start the engine: %s", ww_rc_str(rc));
			status = WW_EXIT_SOFTWARE;
			goto out;
		}
	}
	rc = ww_engine_report(run.e, &r);
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	ww_flows_report(run.f, &r);
	ww_fields_int(&r, &r.input, "hosts_judged", (long long)ww_engine_hosts(run.e));
	if (cli_stop_signal()) {
		cli_stop_mark(&r); /* stopped while files were read */
	} else if (stopped) {
		ww_fields_bool(&r, &r.input, "partial", true);
		ww_fields_str(&r, &r.input, "stopped_by", false, stopped, strlen(stopped));
		ww_report_warning(&r, _("collected until %s: the report covers only the flows "
		                  "exported so far"), strcmp(stopped, "signal") == 0 ? _("interrupted")
		                  : strcmp(stopped, "count") == 0 ? _("--count datagrams had come")
		                  : _("--idle seconds passed without a datagram"));
	}
	if (run.judged_all)
		ww_report_note(&r, false, _("the flows hold no private (RFC 1918, ULA or link-local) "
		               "addresses, so every source was judged; pass --home-net to choose"));
	ww_report_sort(&r);
	status = cli_emit_out(&r, &out);
	if (!status) {
		status = ww_report_network_exit(&r);
		if (input_error)
			status = WW_EXIT_DATAERR; /* partial results were reported above */
		if (cli_stop_signal())
			status = cli_stop_status();
	}
out:
	ww_engine_free(run.e);
	ww_flows_close(run.f);
	ww_report_release(&r);
	ww_netlist_release(&cfg.home);
	return status;
}
