/* wormwatch sensor: captures, a live interface, router logs and conntrack
 * tables -> records on the bus (src/cluster/sensor.h, docs/cluster.md). */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_bus.h"
#include "cli/cli_out.h"
#include "cli/cli_flows.h"
#include "flows/flows.h"
#include "core/i18n.h"
#include "cluster/bus.h"
#include "cluster/sensor.h"
#include "inputs/capture.h"
#include "inputs/live.h"
#include "router/rt_run.h"
#include "state/engine.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t sensor_stop;

static void on_signal(int sig)
{
	(void)sig;
	sensor_stop = 1;
}

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	ww_sensor_frame(ud, dlt, ts, data, caplen, wire_len);
}

static void on_attempt(void *ud, const struct ww_attempt *a)
{
	ww_sensor_attempt(ud, a);
}

/* The flow records (--flows, --listen): connections drained from the
 * flows library become attempts on the bus, as router logs' do; the
 * judges' clock moves to the horizon of each drain. */
static void on_flows_drained(void *ud, int64_t horizon_us)
{
	ww_sensor_tick(ud, horizon_us);
}

static int flow_inputs(struct ww_sensor *s, const char *const *files, size_t n_files,
                       const char *listen, uint64_t count, double idle)
{
	struct ww_flows_opts fo;
	struct ww_flows *f;
	struct ww_report r;
	const struct ww_flows_stats *st;
	const char *seed = getenv("WORMWATCH_HASH_SEED");
	int status = 0;
	size_t i;
	ww_rc rc;
	memset(&fo, 0, sizeof(fo));
	fo.on_attempt = on_attempt;
	fo.ud = s;
	fo.stop = &sensor_stop; /* Ctrl-C stops a long file too */
	if (seed)
		fo.seed = strtoull(seed, NULL, 10);
	if ((rc = ww_flows_open(&fo, &f))) {
		ww_error("cannot start the flow reader: %s", ww_rc_str(rc));
		return WW_EXIT_SOFTWARE;
	}
	for (i = 0; i < n_files && !s->rc && !sensor_stop; i++) {
		rc = ww_flows_feed_file(f, files[i]);
		if (rc == WW_ERR_NOMEM) {
			ww_flows_close(f);
			return WW_EXIT_SOFTWARE;
		}
		if (rc && !status) /* named on stderr; the other files still count */
			status = rc == WW_ERR_IO ? WW_EXIT_NOINPUT : WW_EXIT_DATAERR;
	}
	if (listen && !s->rc && !sensor_stop) {
		int fd = cli_flows_listen(listen);
		if (fd < 0) {
			ww_flows_close(f);
			return WW_EXIT_USAGE;
		}
		(void)cli_flows_collect(f, fd, count, idle, &sensor_stop, on_flows_drained, s);
		close(fd);
	}
	ww_flows_finish(f);
	/* the flows' own warnings (sequence gaps, templates, sampling, skew) */
	ww_report_init(&r, "flows");
	ww_flows_report(f, &r);
	for (i = 0; i < r.warnings.n; i++)
		ww_warn("%s", r.warnings.v[i].s);
	ww_report_release(&r);
	st = ww_flows_stats(f);
	fprintf(stderr, _("wormwatch sensor %s: %llu flow records (%llu datagrams) became %llu "
	                  "attempts\n"), s->name, (unsigned long long)st->flows,
	        (unsigned long long)st->datagrams, (unsigned long long)st->attempts);
	ww_flows_close(f);
	return status;
}

static volatile uint64_t ack_failures;

/* A publish the stream refused or did not acknowledge in time: counted;
 * the sensor then fails with a message saying to run it again (its
 * Nats-Msg-Ids make the rerun store only what is missing). Not resent
 * from here: this runs on the thread that reads the acks. */
static void on_ack_error(jsCtx *js, jsPubAckErr *pae, void *ud)
{
	(void)js;
	(void)pae;
	(void)ud;
	ack_failures++;
}

static int router_input(struct ww_sensor *s, const char *path, bool table, const char *home)
{
	struct ww_rt_run run;
	struct ww_rt_run_opts o;
	char err[256];
	ww_rc rc;
	memset(&o, 0, sizeof(o));
	o.home = home;
	if ((rc = ww_rt_run_init(&run, &o, err, sizeof(err)))) {
		ww_error("%s", err);
		return ww_rc_exit(rc);
	}
	run.on_attempt = on_attempt;
	run.attempt_ud = s;
	rc = ww_rt_run_file(&run, path, table);
	ww_rt_run_release(&run);
	return rc ? ww_rc_exit(rc) : 0;
}

enum {
	SENSOR_OPT_PARTITIONS = 300,
	SENSOR_OPT_NAME,
	SENSOR_OPT_LOGS,
	SENSOR_OPT_NAT,
	SENSOR_OPT_RATE,
	SENSOR_OPT_FLOWS,
	SENSOR_OPT_LISTEN,
	SENSOR_OPT_IDLE,
};

int cmd_sensor(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_BUS_OPTIONS,
		{"partitions", SENSOR_OPT_PARTITIONS, required_argument, "N",
		 N_("partitions of a new cluster (default: the cluster's, or 8)")},
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"home", 'H', required_argument, "CIDRS", N_("the same as --home-net")},
		{"name", SENSOR_OPT_NAME, required_argument, "ID",
		 N_("this sensor's name, unique in the cluster (default: the host name)")},
		{"interface", 'i', required_argument, "IFACE", N_("capture live on IFACE")},
		{"bpf", 'f', required_argument, "FILTER", N_("with -i: a BPF filter (tcpdump's syntax)")},
		{"filter", 'f', required_argument, "FILTER", N_("the same as --bpf")},
		{"duration", 'd', required_argument, "SECONDS", N_("with -i: stop after SECONDS")},
		{"logs", SENSOR_OPT_LOGS, required_argument, "FILE",
		 N_("a router or firewall log (repeatable, up to 16)")},
		{"nat", SENSOR_OPT_NAT, required_argument, "FILE",
		 N_("a conntrack (NAT) table dump (repeatable, up to 16)")},
		{"flows", SENSOR_OPT_FLOWS, required_argument, "FILE",
		 N_("flow records: NetFlow/IPFIX exports, nfcapd or Argus files (repeatable)")},
		{"listen", SENSOR_OPT_LISTEN, required_argument, "ADDR:PORT",
		 N_("collect NetFlow v5/v9 and IPFIX exports on this UDP address")},
		{"count", 'c', required_argument, "N", N_("with --listen: stop after N datagrams")},
		{"idle", SENSOR_OPT_IDLE, required_argument, "SECONDS",
		 N_("with --listen: stop after SECONDS without a datagram")},
		{"rate", SENSOR_OPT_RATE, required_argument, "RECORDS/S",
		 N_("publish at most this many records per second")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct ww_bus_opts bo;
	struct ww_bus bus;
	struct ww_netlist home;
	struct ww_sensor s;
	const char *name = NULL, *iface = NULL, *bpf = NULL, *home_arg = NULL;
	const char *logs[16], *tables[16], *flows[16], *listen = NULL;
	size_t n_logs = 0, n_tables = 0, n_flows = 0, i;
	uint64_t count = 0;
	double idle = 0;
	unsigned long parts = 0, duration = 0, rate = 0;
	int c, status = 0;
	bool bad = false;
	char host[64];
	ww_rc rc;

	ww_bus_opts_init(&bo);
	ww_netlist_init(&home);
	cli_parse_init(&p, "sensor", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		if (ww_bus_opt(&bo, c, optarg, &bad))
			continue;
		switch (c) {
		case SENSOR_OPT_PARTITIONS: {
			char *end;
			parts = strtoul(optarg, &end, 10);
			if (*end || !parts || parts > WW_REC_PARTITIONS_MAX) {
				ww_error("--partitions takes 1 to %u, not '%s'", WW_REC_PARTITIONS_MAX, optarg);
				parts = 0;
				bad = true;
			}
			break;
		}
		case 'H':
			if (cli_home_net(&home, optarg))
				return WW_EXIT_USAGE;
			home_arg = optarg;
			break;
		case SENSOR_OPT_NAME: name = optarg; break;
		case 'i': iface = optarg; break;
		case 'f': bpf = optarg; break;
		case SENSOR_OPT_RATE: {
			char *end;
			rate = strtoul(optarg, &end, 10);
			if (*end || !rate || rate > 100000000ul) {
				ww_error("--rate takes records per second, not '%s'", optarg);
				bad = true;
			}
			break;
		}
		case 'd': {
			char *end;
			duration = strtoul(optarg, &end, 10);
			if (*end) {
				ww_error("--duration takes seconds, not '%s'", optarg);
				bad = true;
			}
			break;
		}
		case SENSOR_OPT_FLOWS:
			if (n_flows == 16) {
				ww_error("at most 16 --flows files");
				bad = true;
			} else {
				flows[n_flows++] = optarg;
			}
			break;
		case SENSOR_OPT_LISTEN: listen = optarg; break;
		case 'c': {
			char *end;
			errno = 0;
			count = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg || !count || optarg[0] == '-') {
				ww_error("--count takes a number of datagrams, not '%s'", optarg);
				bad = true;
			}
			break;
		}
		case SENSOR_OPT_IDLE: {
			char *end;
			errno = 0;
			idle = strtod(optarg, &end);
			if (errno || *end || !*optarg || !(idle > 0) || idle > 86400) {
				ww_error("--idle takes seconds (0.1 to 86400), not '%s'", optarg);
				bad = true;
			}
			break;
		}
		case SENSOR_OPT_LOGS:
		case SENSOR_OPT_NAT:
			if ((c == SENSOR_OPT_LOGS ? n_logs : n_tables) == 16) {
				ww_error("at most 16 --logs and 16 --nat files");
				bad = true;
			} else if (c == SENSOR_OPT_LOGS) {
				logs[n_logs++] = optarg;
			} else {
				tables[n_tables++] = optarg;
			}
			break;
		case 'h':
			ww_netlist_release(&home);
			return cli_help(&p);
		default: /* cli_next printed why and the usage */
			ww_netlist_release(&home);
			return WW_EXIT_USAGE;
		}
	}
	if (bad) {
		ww_netlist_release(&home);
		return WW_EXIT_USAGE;
	}
	if (optind >= argc && !iface && !n_logs && !n_tables && !n_flows && !listen) {
		ww_error("no input given: capture files, -i IFACE, --logs FILE, --nat FILE, "
		         "--flows FILE or --listen ADDR:PORT");
		ww_netlist_release(&home);
		return cli_usage("sensor");
	}
	if (iface && listen) {
		ww_error("-i and --listen: one live input per sensor (run two sensors)");
		ww_netlist_release(&home);
		return cli_usage("sensor");
	}
	if (!listen && (count || idle > 0)) {
		ww_error("--count and --idle go with --listen");
		ww_netlist_release(&home);
		return cli_usage("sensor");
	}
	if (!name) {
		if (gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "sensor");
		host[sizeof(host) - 1] = '\0';
		for (i = 0; host[i]; i++)
			if (!((host[i] >= 'a' && host[i] <= 'z') || (host[i] >= 'A' && host[i] <= 'Z') ||
			      (host[i] >= '0' && host[i] <= '9') || host[i] == '-' || host[i] == '_'))
				host[i] = '-';
		name = host;
	}
	if (!ww_rec_name_ok(name)) {
		ww_error("--name takes 1 to 64 letters, digits, '-' and '_', not '%s'", name);
		ww_netlist_release(&home);
		return WW_EXIT_USAGE;
	}
	if (!home_arg && ww_netlist_add_private(&home)) {
		ww_netlist_release(&home);
		return WW_EXIT_SOFTWARE;
	}
	if ((rc = ww_bus_check_security(&bo))) {
		ww_netlist_release(&home);
		return WW_EXIT_USAGE;
	}
	bo.client_name = name;
	bo.async_err = on_ack_error;
	if ((rc = ww_bus_connect(&bo, &bus))) {
		ww_netlist_release(&home);
		return WW_EXIT_NOINPUT;
	}
	if (!(rc = ww_bus_setup(&bus, &bo)) && !parts) {
		/* no --partitions: the cluster's count, or 8 for a new cluster */
		uint32_t have = 0;
		ww_diag_set_quiet(1);
		if (ww_bus_partitions(&bus, 0, 0, &have) == WW_OK)
			parts = have;
		ww_diag_set_quiet(0);
		if (!parts)
			parts = 8;
	}
	if (rc || (rc = ww_bus_partitions(&bus, (uint32_t)parts, 0, &(uint32_t){0}))) {
		ww_bus_close(&bus);
		ww_netlist_release(&home);
		return rc == WW_ERR_USAGE ? WW_EXIT_USAGE : WW_EXIT_NOINPUT;
	}
	if ((rc = ww_sensor_init(&s, &bus, name, &home, (uint32_t)parts))) {
		ww_bus_close(&bus);
		ww_netlist_release(&home);
		return WW_EXIT_SOFTWARE;
	}
	s.failed = &ack_failures;
	s.rate = rate;
	if ((rc = ww_sensor_hello(&s))) {
		status = ww_rc_exit(rc);
		goto out;
	}
	if (optind < argc) {
		struct ww_capture cap;
		rc = ww_capture_open(&cap, argv + optind, (size_t)(argc - optind));
		if (!rc) {
			rc = ww_capture_run(&cap, on_frame, &s, NULL);
			ww_capture_close(&cap);
		}
		if (rc)
			status = ww_rc_exit(rc);
	}
	for (i = 0; i < n_logs && !s.rc; i++) {
		int st = router_input(&s, logs[i], false, home_arg);
		if (st && !status)
			status = st;
	}
	for (i = 0; i < n_tables && !s.rc; i++) {
		int st = router_input(&s, tables[i], true, home_arg);
		if (st && !status)
			status = st;
	}
	if ((n_flows || listen) && !s.rc) {
		int st;
		if (listen) {
			signal(SIGINT, on_signal);
			signal(SIGTERM, on_signal);
		}
		st = flow_inputs(&s, flows, n_flows, listen, count, idle);
		if (st && !status)
			status = st;
	}
	if (iface && !s.rc) {
		struct ww_live l;
		int64_t until = duration ? nats_Now() + (int64_t)duration * 1000 : 0;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		if ((rc = ww_live_open(&l, iface, bpf))) {
			ww_error("cannot capture on '%s': %s", iface, l.err);
			if (l.perm)
				cli_privilege_hint("capturing", "cap_net_raw,cap_net_admin");
			status = WW_EXIT_NOINPUT;
		} else {
			int64_t next_tick = nats_Now() + 1000;
			while (!sensor_stop && !s.rc && (!until || nats_Now() < until)) {
				if (ww_live_poll(&l, 200, on_frame, &s))
					break;
				if (nats_Now() >= next_tick) {
					/* the clock, a second behind the wall's: frames
					 * still in the kernel's buffer come after it */
					next_tick = nats_Now() + 1000;
					ww_sensor_tick(&s, (nats_Now() - 1000) * 1000);
				}
			}
			ww_live_close(&l);
		}
	}
	rc = ww_sensor_end(&s);
	if (rc && !status)
		status = rc == WW_ERR_IO ? WW_EXIT_IOERR : ww_rc_exit(rc);
	if (!s.rc) {
		unsigned long long sent = 0;
		for (i = 0; i < s.parts; i++)
			sent += s.published[i];
		fprintf(stderr, _("wormwatch sensor %s: %llu frames, %llu attempts, %llu records "
		        "published to %u partitions (%llu frames with no judged host)\n"), s.name,
		        (unsigned long long)s.frames, (unsigned long long)s.attempts, sent, s.parts,
		        (unsigned long long)s.unjudged);
	}
out:
	ww_sensor_release(&s);
	ww_bus_close(&bus);
	ww_netlist_release(&home);
	return status;
}
