/* wormwatch judge: a worker of the cluster (src/cluster/judge.h). */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_bus.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
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

enum {
	JUDGE_OPT_NAME = 300,
	JUDGE_OPT_SENSORS,
	JUDGE_OPT_MAXPART,
	JUDGE_OPT_PARTITIONS,
	JUDGE_OPT_MAXHOSTS,
	JUDGE_OPT_LEASE,
	JUDGE_OPT_ONCE,
};

int cmd_judge(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_BUS_OPTIONS,
		{"name", JUDGE_OPT_NAME, required_argument, "ID", N_("this judge's name, one per judge")},
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"home", 'H', required_argument, "CIDRS", N_("the same as --home-net")},
		{"sensors", JUDGE_OPT_SENSORS, required_argument, "N",
		 N_("wait for N sensors' hellos, and their N end markers before the final verdicts")},
		{"max-partitions", JUDGE_OPT_MAXPART, required_argument, "N",
		 N_("hold at most N partitions (default: a fair share)")},
		{"partitions", JUDGE_OPT_PARTITIONS, required_argument, "N",
		 N_("the cluster's partition count, if no sensor has set it yet")},
		{"max-hosts", JUDGE_OPT_MAXHOSTS, required_argument, "N",
		 N_("hosts kept per partition (16 to 67108864)")},
		{"lease", JUDGE_OPT_LEASE, required_argument, "MS",
		 N_("how long a partition stays held without a heartbeat (500 to 600000 ms)")},
		{"once", JUDGE_OPT_ONCE, no_argument, NULL,
		 N_("exit when every partition has its final verdicts")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
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
	cli_parse_init(&p, "judge", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		if (ww_bus_opt(&bo, c, optarg, &bad))
			continue;
		switch (c) {
		case JUDGE_OPT_NAME: jo.name = optarg; break;
		case 'H':
			if (cli_home_net(&jo.home, optarg))
				return WW_EXIT_USAGE;
			home_given = true;
			break;
		case JUDGE_OPT_SENSORS:
		case JUDGE_OPT_MAXPART:
		case JUDGE_OPT_PARTITIONS:
		case JUDGE_OPT_LEASE: {
			bool lease = c == JUDGE_OPT_LEASE;
			v = strtoul(optarg, &end, 10);
			if (*end || !*optarg || v > (lease ? 600000ul : 1024ul) || (lease && v < 500) ||
			    (c == JUDGE_OPT_PARTITIONS && v == 0)) {
				ww_error("--%s: bad number '%s'", c == JUDGE_OPT_SENSORS ? "sensors"
				         : c == JUDGE_OPT_MAXPART ? "max-partitions"
				         : c == JUDGE_OPT_PARTITIONS ? "partitions" : "lease", optarg);
				bad = true;
			} else if (c == JUDGE_OPT_PARTITIONS) {
				jo.partitions = (unsigned)v;
			} else if (c == JUDGE_OPT_SENSORS) {
				jo.expect_sensors = (unsigned)v;
			} else if (c == JUDGE_OPT_MAXPART) {
				jo.max_partitions = (unsigned)v;
			} else {
				bo.lease_ms = (int64_t)v;
			}
			break;
		}
		case JUDGE_OPT_MAXHOSTS:
			v = strtoul(optarg, &end, 10);
			if (*end || v < 16 || v > (1ul << 26)) {
				ww_error("--max-hosts takes 16 to 67108864 hosts per partition, not '%s'",
				         optarg);
				bad = true;
			} else {
				jo.max_hosts = (size_t)v;
			}
			break;
		case JUDGE_OPT_ONCE: jo.once = true; break;
		case 'h':
			ww_netlist_release(&jo.home);
			return cli_help(&p);
		default: /* cli_next printed why and the usage */
			ww_netlist_release(&jo.home);
			return WW_EXIT_USAGE;
		}
	}
	if (bad || optind < argc) {
		ww_netlist_release(&jo.home);
		if (optind < argc) {
			ww_error("judge takes no file arguments ('%s')", argv[optind]);
			return cli_usage("judge");
		}
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
