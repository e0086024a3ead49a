/* wormwatch host: parse a collection folder or single outputs from the
 * suspect machine (or this Linux machine with --live), name the process
 * behind the activity and what the worm changed. */
#include "core/common.h"
#include "cli/commands.h"
#include "core/datadir.h"
#include "host/host.h"
#include "offline/offline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

/* --offline ROOT: a Windows volume read from here; the same report and
 * exit status. */
/* The report of a run, or the exit status of its failure: -1 when the
 * report was written (the caller picks the status), else the status. */
static int finish(ww_rc rc, struct ww_report *r, int level, bool json)
{
	int status;
	if (rc) {
		ww_report_release(r);
		return rc == WW_ERR_IO ? WW_EXIT_NOINPUT
		       : rc == WW_ERR_FORMAT || rc == WW_ERR_LIMIT ? WW_EXIT_DATAERR
		                                                   : ww_rc_exit(rc);
	}
	r->exit_status = level;
	status = cli_emit(r, json);
	ww_report_release(r);
	return status ? status : -1;
}

static int run_offline(struct ww_offline_opts *off, const struct ww_host_opts *o, bool json)
{
	struct ww_report r;
	int level = 0, status;
	ww_rc rc;
	if (!off->root || o->live || o->network || o->n_paths) {
		ww_error(off->root ? "--offline reads one volume: no PATH, --live or --network with it"
		                   : "--since and --until need --offline ROOT");
		return cli_usage("host");
	}
	off->datadir = o->datadir;
	off->indicators = o->indicators;
	off->inventory = json;
	ww_report_init(&r, "host");
	rc = ww_offline_run(off, &r, &level);
	status = finish(rc, &r, level, json);
	return status >= 0 ? status : level;
}

int cmd_host(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"live", no_argument, NULL, 'l'},
		{"network", required_argument, NULL, 'n'},
		{"indicators", required_argument, NULL, 'i'},
		{"offline", required_argument, NULL, 'o'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct ww_host_opts o;
	struct ww_offline_opts off;
	struct ww_report r;
	bool json = false;
	int opt, level = 0, status, skipped = 0;
	ww_rc rc;
	memset(&o, 0, sizeof(o));
	memset(&off, 0, sizeof(off));
	o.datadir = ww_datadir();
	optind = 1;
	while ((opt = getopt_long(argc, argv, "jln:i:o:s:u:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 'l': o.live = true; break;
		case 'n': o.network = optarg; break;
		case 'i': o.indicators = optarg; break;
		case 'o': off.root = optarg; break;
		case 's':
			if (!cli_parse_when("--since", optarg, &off.since_us))
				return cli_usage("host");
			off.has_since = true;
			break;
		case 'u':
			if (!cli_parse_when("--until", optarg, &off.until_us))
				return cli_usage("host");
			off.has_until = true;
			break;
		case 'h':
			printf("usage: wormwatch host [--json] [--network analyze.json] "
			       "[--indicators DIR] PATH...\n"
			       "       wormwatch host --live [--json]\n"
			       "       wormwatch host --offline ROOT [--since TIME] [--until TIME] [--json] "
			       "[--indicators DIR]\n");
			return 0;
		default: return cli_usage("host");
		}
	}
	o.paths = argv + optind;
	o.n_paths = (size_t)(argc - optind);
	if (off.root || off.has_since || off.has_until)
		return run_offline(&off, &o, json);
	if (!o.live && o.n_paths == 0) {
		ww_error("no input: give files or a collection folder, or --live");
		return cli_usage("host");
	}
	o.inventory = json; /* the text summary stays short */
	o.skipped_status = &skipped;
	ww_report_init(&r, "host");
	rc = ww_host_run(&o, &r, &level);
	status = finish(rc, &r, level, json);
	/* as analyze does with a damaged capture: the rest is reported, and the
	 * status says an input was skipped (66 not opened, 65 bad) */
	return status >= 0 ? status : skipped ? skipped : level;
}
