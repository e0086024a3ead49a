/* wormwatch logs: router and firewall logs (iptables/nftables LOG,
 * pfSense filterlog, Cisco ASA, small routers) into the same verdicts as
 * analyze. Lines it does not understand are counted, never fatal. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "cli/cli_progress.h"
#include "core/i18n.h"
#include "router/rt_run.h"

#include <getopt.h>
#include <stdio.h>

int cmd_logs(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OUT_OPTIONS,
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"home", 'H', required_argument, "CIDRS", N_("the same as --home-net")},
		{"year", 'y', required_argument, "YYYY",
		 N_("the year of syslog time stamps that carry none (default: the file's)")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	struct cli_progress progress;
	struct ww_rt_run_opts o = {NULL, 0, true, 0, false};
	struct ww_rt_run run;
	struct ww_report r;
	char err[160];
	int c, i, k, status, skipped = 0, skip_status = 0;
	uint64_t understood = 0;
	ww_rc rc;

	cli_out_init(&out, "logs");
	cli_parse_init(&p, "logs", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		if ((k = cli_out_opt(&out, c, optarg)) != 0) {
			if (k > 0)
				continue;
			return WW_EXIT_USAGE;
		}
		switch (c) {
		case 'H': o.home = optarg; break;
		case 'y': {
			char *end;
			long y = strtol(optarg, &end, 10);
			if (*end || y < 1970 || y > 9999) {
				ww_error("bad year '%s'", optarg);
				return WW_EXIT_USAGE;
			}
			o.year = (int)y;
			break;
		}
		case 'h': return cli_help(&p);
		default: return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	if (optind >= argc) {
		ww_error(_("no log file given"));
		return cli_usage("logs");
	}
	rc = ww_rt_run_init(&run, &o, err, sizeof(err));
	if (rc) {
		if (rc == WW_ERR_USAGE)
			ww_error("%s", err);
		ww_rt_run_release(&run);
		return ww_rc_exit(rc);
	}
	/* a progress line when stderr is a terminal and the logs are long */
	cli_progress_init(&progress, "logs", N_("lines"), cli_progress_file_bytes(argv + optind, (size_t)(argc - optind)));
	run.on_line = cli_progress_on_line;
	run.on_line_ud = &progress;
	/* one file that cannot be read or understood among several: said,
	 * skipped, the rest reported, and the status says so (as host does:
	 * 66 not opened, 65 not understood or damaged) */
	run.stop = cli_stop_catch();
	for (i = optind; i < argc && !run.interrupted; i++) {
		rc = ww_rt_run_file(&run, argv[i], false);
		if (rc == WW_ERR_NOMEM) {
			cli_progress_end(&progress);
			ww_rt_run_release(&run);
			return ww_rc_exit(rc);
		}
		if (rc) {
			int st = rc == WW_ERR_IO ? WW_EXIT_NOINPUT : WW_EXIT_DATAERR;
			skipped++;
			if (st > skip_status)
				skip_status = st;
		}
		understood = run.parsed + run.no_attempt;
	}
	cli_progress_end(&progress);
	if (skipped && !understood && !run.interrupted) {
		if (argc - optind > 1) /* one file: its own message said it all */
			ww_error(_("no input could be read or understood"));
		ww_rt_run_release(&run);
		return skip_status;
	}
	ww_report_init(&r, "logs");
	rc = ww_rt_run_report(&run, NULL, &r);
	if (skipped) {
		ww_fields_int(&r, &r.input, "skipped_inputs", (long long)skipped);
		ww_report_warning(&r, _("%d input%s could not be read in full (see the messages)"),
		                  skipped, skipped == 1 ? "" : "s");
	}
	if (run.interrupted)
		cli_stop_mark(&r);
	ww_rt_run_release(&run);
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		ww_report_release(&r);
		return WW_EXIT_SOFTWARE;
	}
	status = cli_emit_out(&r, &out);
	if (!status)
		status = cli_stop_status() ? cli_stop_status()
		         : skip_status ? skip_status : ww_report_network_exit(&r);
	ww_report_release(&r);
	return status;
}
