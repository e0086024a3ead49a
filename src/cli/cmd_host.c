/* wormwatch host: parse a collection folder or single outputs from the
 * suspect machine (or this Linux machine with --live), name the process
 * behind the activity and what the worm changed. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "core/datadir.h"
#include "host/host.h"
#include "offline/offline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

enum { HOST_OPT_INDICATORS = 256, HOST_OPT_OFFLINE, HOST_OPT_SINCE, HOST_OPT_UNTIL };

/* --offline ROOT: a Windows volume read from here; the same report and
 * exit status. */
/* The report of a run, or the exit status of its failure: -1 when the
 * report was written (the caller picks the status), else the status. */
static int finish(ww_rc rc, struct ww_report *r, int level, const struct cli_out *out)
{
	int status;
	if (rc) {
		ww_report_release(r);
		return rc == WW_ERR_IO ? WW_EXIT_NOINPUT
		       : rc == WW_ERR_FORMAT || rc == WW_ERR_LIMIT ? WW_EXIT_DATAERR
		                                                   : ww_rc_exit(rc);
	}
	r->exit_status = level;
	status = cli_emit_out(r, out);
	ww_report_release(r);
	return status ? status : -1;
}

static int run_offline(struct ww_offline_opts *off, const struct ww_host_opts *o,
                       const struct cli_out *out)
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
	off->inventory = strcmp(out->w->name, "text") != 0;
	ww_report_init(&r, "host");
	rc = ww_offline_run(off, &r, &level);
	status = finish(rc, &r, level, out);
	return status >= 0 ? status : level;
}

int cmd_host(int argc, char **argv)
{
	/* -i is the interface and -o the output file everywhere: --indicators
	 * and --offline have no short letters */
	static const struct cli_opt opts[] = {
		CLI_OUT_OPTIONS,
		{"live", 'l', no_argument, NULL, N_("read this Linux machine's own sockets and processes")},
		{"network", 'n', required_argument, "FILE",
		 N_("the JSON of analyze/nat/logs about the same network, to name the process")},
		{"indicators", HOST_OPT_INDICATORS, required_argument, "DIR",
		 N_("more indicator files (worm names, ports, autostart entries)")},
		{"offline", HOST_OPT_OFFLINE, required_argument, "ROOT",
		 N_("a Windows volume mounted at ROOT (hives read with libhivex)")},
		{"since", HOST_OPT_SINCE, required_argument, "TIME",
		 N_("with --offline: the timeline from TIME (UTC, 2026-11-30T12:00:00Z or @SECONDS)")},
		{"until", HOST_OPT_UNTIL, required_argument, "TIME", N_("with --offline: the timeline up to TIME")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	struct ww_host_opts o;
	struct ww_offline_opts off;
	struct ww_report r;
	int opt, k, level = 0, status, skipped = 0;
	ww_rc rc;
	memset(&o, 0, sizeof(o));
	memset(&off, 0, sizeof(off));
	o.datadir = ww_datadir();
	cli_out_init(&out, "host");
	cli_parse_init(&p, "host", opts, false);
	while ((opt = cli_next(&p, argc, argv)) != -1) {
		if ((k = cli_out_opt(&out, opt, optarg)) != 0) {
			if (k > 0)
				continue;
			return WW_EXIT_USAGE;
		}
		switch (opt) {
		case 'l': o.live = true; break;
		case 'n': o.network = optarg; break;
		case HOST_OPT_INDICATORS: o.indicators = optarg; break;
		case HOST_OPT_OFFLINE: off.root = optarg; break;
		case HOST_OPT_SINCE:
			if (!cli_parse_when("--since", optarg, &off.since_us))
				return cli_usage("host");
			off.has_since = true;
			break;
		case HOST_OPT_UNTIL:
			if (!cli_parse_when("--until", optarg, &off.until_us))
				return cli_usage("host");
			off.has_until = true;
			break;
		case 'h': return cli_help(&p);
		default: return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	o.paths = argv + optind;
	o.n_paths = (size_t)(argc - optind);
	if (off.root || off.has_since || off.has_until)
		return run_offline(&off, &o, &out);
	if (!o.live && o.n_paths == 0) {
		ww_error("no input: give files or a collection folder, or --live");
		return cli_usage("host");
	}
	o.inventory = strcmp(out.w->name, "text") != 0; /* the text summary stays short */
	o.skipped_status = &skipped;
	ww_report_init(&r, "host");
	rc = ww_host_run(&o, &r, &level);
	status = finish(rc, &r, level, &out);
	/* as analyze does with a damaged capture: the rest is reported, and the
	 * status says an input was skipped (66 not opened, 65 bad) */
	return status >= 0 ? status : skipped ? skipped : level;
}
