/* wormwatch results: the verdicts on WW_VERDICTS as one analyze report
 * (text or the same JSON), with analyze's exit status
 * (src/cluster/results.h). */
#include "core/common.h"
#include "cli/commands.h"
#include "cluster/bus.h"
#include "cluster/results.h"

#include <getopt.h>
#include <stdio.h>

int cmd_results(int argc, char **argv)
{
	static const struct option opts[] = {
		WW_BUS_LONGOPTS,
		{"json", no_argument, NULL, 'j'},
		{"wait", required_argument, NULL, 'w'},
		{"counts", no_argument, NULL, 'c'},
		{"latency", no_argument, NULL, 'l'},
		{"live", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct ww_bus_opts bo;
	struct ww_bus bus;
	struct ww_report r;
	struct ww_results_counts cnt;
	bool bad = false, json = false, counts = false, latency = false, live = false;
	unsigned long wait_s = 0;
	uint64_t stored = 0;
	int c, status;
	char *end;
	ww_rc rc;

	ww_bus_opts_init(&bo);
	optind = 1;
	while ((c = getopt_long(argc, argv, "jw:clLh", opts, NULL)) != -1) {
		if (ww_bus_opt(&bo, c, optarg, &bad))
			continue;
		switch (c) {
		case 'j': json = true; break;
		case 'c': counts = true; break;
		case 'l': latency = true; break;
		case 'L': live = true; break;
		case 'w':
			wait_s = strtoul(optarg, &end, 10);
			if (*end || wait_s > 86400) {
				ww_error("--wait takes seconds (up to 86400), not '%s'", optarg);
				bad = true;
			}
			break;
		case 'h':
			printf("usage: wormwatch results %s [--json] [--live] [--wait SECONDS] [--counts | --latency]\n",
			       WW_BUS_USAGE);
			return 0;
		default: return cli_usage("results");
		}
	}
	if (bad || optind < argc)
		return WW_EXIT_USAGE;
	if (ww_bus_check_security(&bo))
		return WW_EXIT_USAGE;
	bo.client_name = "wormwatch-results";
	if (ww_bus_connect(&bo, &bus))
		return WW_EXIT_NOINPUT;
	if (latency) {
		int64_t *lat = NULL;
		size_t n = 0, alerts = 0;
		rc = ww_results_latency(&bus, &lat, &n, &alerts);
		ww_bus_close(&bus);
		if (rc)
			return ww_rc_exit(rc);
		printf("alerts %zu measured %zu", alerts, n);
		if (n)
			printf(" latency_ms p50 %.1f p95 %.1f max %.1f", lat[n / 2] / 1000.0,
			       lat[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1] / 1000.0,
			       lat[n - 1] / 1000.0);
		printf("\n");
		free(lat);
		return fflush(stdout) ? WW_EXIT_IOERR : 0;
	}
	ww_report_init(&r, "analyze");
	if (live)
		rc = ww_results_load_live(&bus, (int64_t)(wait_s ? wait_s : 5) * 1000, &r, &cnt,
		                          counts ? stdout : NULL);
	else
		rc = ww_results_load(&bus, (int64_t)wait_s * 1000, &r, &cnt, counts ? stdout : NULL);
	if (counts && ww_bus_stream_msgs(&bus, WW_BUS_RECORDS, &stored))
		stored = 0;
	ww_bus_close(&bus);
	if (rc && rc != WW_ERR_NOTFOUND && !cnt.finals) {
		ww_report_release(&r);
		return rc == WW_ERR_NOTFOUND ? WW_EXIT_NOINPUT : ww_rc_exit(rc);
	}
	if (counts) {
		printf("stream_records %llu\n", (unsigned long long)stored);
		printf("partitions %u finals %u published %llu applied %llu duplicates_skipped %llu "
		       "lost %llu doubled %llu late %llu rejected %llu host_records %llu\n",
		       cnt.partitions, cnt.finals, (unsigned long long)cnt.published,
		       (unsigned long long)cnt.applied, (unsigned long long)cnt.duplicates,
		       (unsigned long long)cnt.lost, (unsigned long long)cnt.doubled,
		       (unsigned long long)cnt.late, (unsigned long long)cnt.rejected,
		       (unsigned long long)cnt.host_records);
		ww_report_release(&r);
		if (fflush(stdout) != 0)
			return WW_EXIT_IOERR;
		return rc || cnt.lost || cnt.doubled || cnt.applied != cnt.published ? WW_EXIT_DATAERR : 0;
	}
	ww_report_sort(&r);
	status = cli_emit(&r, json);
	if (!status) {
		status = ww_report_network_exit(&r);
		if (rc)
			status = WW_EXIT_DATAERR; /* partial: some partition is missing */
	}
	ww_report_release(&r);
	return status;
}
