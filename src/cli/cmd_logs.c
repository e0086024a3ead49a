/* wormwatch logs: router and firewall logs (iptables/nftables LOG,
 * pfSense filterlog, Cisco ASA, small routers) into the same verdicts as
 * analyze. Lines it does not understand are counted, never fatal. */
#include "core/common.h"
#include "cli/commands.h"
#include "core/i18n.h"
#include "router/rt_run.h"

#include <getopt.h>
#include <stdio.h>

int cmd_logs(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"home-net", required_argument, NULL, 'H'},
		{"home", required_argument, NULL, 'H'},
		{"year", required_argument, NULL, 'y'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct ww_rt_run_opts o = {NULL, 0, true, 0, false};
	struct ww_rt_run run;
	struct ww_report r;
	bool json = false;
	char err[160];
	int c, i, status, skipped = 0, skip_status = 0;
	uint64_t understood = 0;
	ww_rc rc;

	while ((c = getopt_long(argc, argv, "jH:y:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
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
		case 'h': cli_usage("logs"); return 0;
		default: return cli_usage("logs");
		}
	}
	if (optind >= argc)
		return cli_usage("logs");
	rc = ww_rt_run_init(&run, &o, err, sizeof(err));
	if (rc) {
		if (rc == WW_ERR_USAGE)
			ww_error("%s", err);
		ww_rt_run_release(&run);
		return ww_rc_exit(rc);
	}
	/* one file that cannot be read or understood among several: said,
	 * skipped, the rest reported, and the status says so (as host does:
	 * 66 not opened, 65 not understood or damaged) */
	run.stop = cli_stop_catch();
	for (i = optind; i < argc && !run.interrupted; i++) {
		rc = ww_rt_run_file(&run, argv[i], false);
		if (rc == WW_ERR_NOMEM) {
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
	status = cli_emit(&r, json);
	if (!status)
		status = cli_stop_status() ? cli_stop_status()
		         : skip_status ? skip_status : ww_report_network_exit(&r);
	ww_report_release(&r);
	return status;
}
