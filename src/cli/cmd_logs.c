/* wormwatch logs: router and firewall logs (iptables/nftables LOG,
 * pfSense filterlog, Cisco ASA, small routers) into the same verdicts as
 * analyze. Lines it does not understand are counted, never fatal. */
#include "core/common.h"
#include "cli/commands.h"
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
	int c, i, status;
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
	for (i = optind; i < argc; i++) {
		rc = ww_rt_run_file(&run, argv[i], false);
		if (rc) {
			ww_rt_run_release(&run);
			return ww_rc_exit(rc);
		}
	}
	ww_report_init(&r, "logs");
	rc = ww_rt_run_report(&run, NULL, &r);
	ww_rt_run_release(&run);
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		ww_report_release(&r);
		return WW_EXIT_SOFTWARE;
	}
	status = cli_emit(&r, json);
	if (!status)
		status = ww_report_network_exit(&r);
	ww_report_release(&r);
	return status;
}
