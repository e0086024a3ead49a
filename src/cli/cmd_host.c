/* wormwatch host: parse a collection folder or single outputs from the
 * suspect machine (or this Linux machine with --live), name the process
 * behind the activity and what the worm changed. */
#include "core/common.h"
#include "cli/commands.h"
#include "host/host.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

int cmd_host(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"live", no_argument, NULL, 'l'},
		{"network", required_argument, NULL, 'n'},
		{"indicators", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct ww_host_opts o;
	struct ww_report r;
	bool json = false;
	int opt, level = 0, status, skipped = 0;
	ww_rc rc;
	memset(&o, 0, sizeof(o));
	o.datadir = getenv("WW_DATADIR") ? getenv("WW_DATADIR") : WW_DATADIR;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "jln:i:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 'l': o.live = true; break;
		case 'n': o.network = optarg; break;
		case 'i': o.indicators = optarg; break;
		case 'h':
			printf("usage: wormwatch host [--json] [--network analyze.json] "
			       "[--indicators DIR] PATH...\n"
			       "       wormwatch host --live [--json]\n");
			return 0;
		default: return cli_usage("host");
		}
	}
	o.paths = argv + optind;
	o.n_paths = (size_t)(argc - optind);
	if (!o.live && o.n_paths == 0) {
		ww_error("no input: give files or a collection folder, or --live");
		return cli_usage("host");
	}
	o.inventory = json; /* the text summary stays short */
	o.skipped_status = &skipped;
	ww_report_init(&r, "host");
	rc = ww_host_run(&o, &r, &level);
	if (rc) {
		ww_report_release(&r);
		return rc == WW_ERR_IO ? WW_EXIT_NOINPUT
		       : rc == WW_ERR_FORMAT || rc == WW_ERR_LIMIT ? WW_EXIT_DATAERR
		                                                   : ww_rc_exit(rc);
	}
	r.exit_status = level;
	status = cli_emit(&r, json);
	ww_report_release(&r);
	/* as analyze does with a damaged capture: the rest is reported, and the
	 * status says an input was skipped (66 not opened, 65 bad) */
	return status ? status : skipped ? skipped : level;
}
