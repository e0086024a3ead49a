/* wormwatch judge: a worker of the cluster (src/cluster/judge.h). */
#include "core/common.h"
#include "cli/commands.h"
#include "cluster/bus.h"
#include "cluster/judge.h"
#include "cluster/record.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t judge_stop;

static void on_signal(int sig)
{
	(void)sig;
	judge_stop = 1;
}

int cmd_judge(int argc, char **argv)
{
	static const struct option opts[] = {
		WW_BUS_LONGOPTS,
		{"name", required_argument, NULL, 'n'},
		{"home-net", required_argument, NULL, 'H'},
		{"sensors", required_argument, NULL, 's'},
		{"max-partitions", required_argument, NULL, 'm'},
		{"partitions", required_argument, NULL, 'P'},
		{"max-hosts", required_argument, NULL, 'M'},
		{"lease", required_argument, NULL, 'L'},
		{"once", no_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct ww_bus_opts bo;
	struct ww_bus bus;
	struct ww_judge_opts jo;
	bool bad = false, home_given = false;
	int c, status;
	char *end;
	unsigned long v;

	ww_bus_opts_init(&bo);
	memset(&jo, 0, sizeof(jo));
	ww_netlist_init(&jo.home);
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:H:s:m:P:M:L:oh", opts, NULL)) != -1) {
		if (ww_bus_opt(&bo, c, optarg, &bad))
			continue;
		switch (c) {
		case 'n': jo.name = optarg; break;
		case 'H':
			if (cli_home_net(&jo.home, optarg))
				return WW_EXIT_USAGE;
			home_given = true;
			break;
		case 's':
		case 'm':
		case 'P':
		case 'L':
			v = strtoul(optarg, &end, 10);
			if (*end || v > (c == 'L' ? 600000ul : 1024ul) || (c == 'L' && v < 500) ||
			    (c == 'P' && v == 0)) {
				ww_error("--%s: bad number '%s'", c == 's' ? "sensors" : c == 'm'
				         ? "max-partitions" : c == 'P' ? "partitions" : "lease", optarg);
				bad = true;
			} else if (c == 'P') {
				jo.partitions = (unsigned)v;
			} else if (c == 's') {
				jo.expect_sensors = (unsigned)v;
			} else if (c == 'm') {
				jo.max_partitions = (unsigned)v;
			} else {
				bo.lease_ms = (int64_t)v;
			}
			break;
		case 'M':
			v = strtoul(optarg, &end, 10);
			if (*end || v < 16 || v > (1ul << 26)) {
				ww_error("--max-hosts takes 16 to 67108864 hosts per partition, not '%s'",
				         optarg);
				bad = true;
			} else {
				jo.max_hosts = (size_t)v;
			}
			break;
		case 'o': jo.once = true; break;
		case 'h':
			printf("usage: wormwatch judge %s --name ID [--home-net CIDRS] [--sensors N] "
			       "[--partitions N] [--max-partitions N] [--max-hosts N] [--lease MS] [--once]\n", WW_BUS_USAGE);
			ww_netlist_release(&jo.home);
			return 0;
		default:
			ww_netlist_release(&jo.home);
			return cli_usage("judge");
		}
	}
	if (bad || optind < argc) {
		if (optind < argc)
			ww_error("judge takes no file arguments ('%s')", argv[optind]);
		ww_netlist_release(&jo.home);
		return WW_EXIT_USAGE;
	}
	if (!jo.name || !ww_rec_name_ok(jo.name)) {
		ww_error("--name takes 1 to 64 letters, digits, '-' and '_' (one per judge)");
		ww_netlist_release(&jo.home);
		return WW_EXIT_USAGE;
	}
	if (!home_given && ww_netlist_add_private(&jo.home)) {
		ww_netlist_release(&jo.home);
		return WW_EXIT_SOFTWARE;
	}
	if (ww_bus_check_security(&bo)) {
		ww_netlist_release(&jo.home);
		return WW_EXIT_USAGE;
	}
	bo.client_name = jo.name;
	if (ww_bus_connect(&bo, &bus)) {
		ww_netlist_release(&jo.home);
		return WW_EXIT_NOINPUT;
	}
	if (ww_bus_setup(&bus, &bo)) {
		ww_bus_close(&bus);
		ww_netlist_release(&jo.home);
		return WW_EXIT_NOINPUT;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	status = ww_judge_run(&bus, &bo, &jo, &judge_stop);
	ww_bus_close(&bus);
	ww_netlist_release(&jo.home);
	return status;
}
