/* wormwatch results: the verdicts on WW_VERDICTS as one analyze report
 * (text or the same JSON), with analyze's exit status
 * (src/cluster/results.h). */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_bus.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "cluster/bus.h"
#include "cluster/results.h"

#include <getopt.h>
#include <stdio.h>

enum {
	RESULTS_OPT_WAIT = 300,
	RESULTS_OPT_LIVE,
	RESULTS_OPT_COUNTS,
	RESULTS_OPT_LATENCY,
};

int cmd_results(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_BUS_OPTIONS,
		CLI_OUT_OPTIONS,
		{"wait", RESULTS_OPT_WAIT, required_argument, "SECONDS",
		 N_("wait up to SECONDS for every partition's final verdicts")},
		{"live", RESULTS_OPT_LIVE, no_argument, NULL,
		 N_("the verdicts so far (alerts included), while the judges still run")},
		{"counts", RESULTS_OPT_COUNTS, no_argument, NULL,
		 N_("the record counts instead (published, applied, lost, doubled)")},
		{"latency", RESULTS_OPT_LATENCY, no_argument, NULL,
		 N_("the alert latency instead (p50, p95, max)")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	struct ww_bus_opts bo;
	struct ww_bus bus;
	struct ww_report r;
	struct ww_results_counts cnt;
	FILE *cf = NULL;
	bool bad = false, counts = false, latency = false, live = false;
	unsigned long wait_s = 0;
	uint64_t stored = 0;
	int c, k, status;
	char *end;
	ww_rc rc;

	ww_bus_opts_init(&bo);
	cli_out_init(&out, "results");
	cli_parse_init(&p, "results", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		if ((k = cli_out_opt(&out, c, optarg)) != 0) {
			if (k > 0)
				continue;
			return WW_EXIT_USAGE;
		}
		if (ww_bus_opt(&bo, c, optarg, &bad))
			continue;
		switch (c) {
		case RESULTS_OPT_COUNTS: counts = true; break;
		case RESULTS_OPT_LATENCY: latency = true; break;
		case RESULTS_OPT_LIVE: live = true; break;
		case RESULTS_OPT_WAIT:
			wait_s = strtoul(optarg, &end, 10);
			if (*end || wait_s > 86400) {
				ww_error("--wait takes seconds (up to 86400), not '%s'", optarg);
				bad = true;
			}
			break;
		case 'h': return cli_help(&p);
		default: return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	if (optind < argc) {
		ww_error("results takes no file arguments ('%s')", argv[optind]);
		return cli_usage("results");
	}
	if (counts && latency) {
		ww_error("--counts or --latency, not both");
		return cli_usage("results");
	}
	if (bad)
		return WW_EXIT_USAGE;
	if (ww_bus_check_security(&bo))
		return WW_EXIT_USAGE;
	bo.client_name = "wormwatch-results";
	if (ww_bus_connect(&bo, &bus))
		return WW_EXIT_NOINPUT;
	if (latency) {
		int64_t *lat = NULL;
		size_t n = 0, alerts = 0;
		FILE *f;
		rc = ww_results_latency(&bus, &lat, &n, &alerts);
		ww_bus_close(&bus);
		if (rc)
			return ww_rc_exit(rc);
		/* lines for scripts (bench/cluster.sh): key value, in English */
		if (!(f = cli_out_open(&out))) {
			free(lat);
			return WW_EXIT_IOERR;
		}
		fprintf(f, "alerts %zu measured %zu", alerts, n);
		if (n)
			fprintf(f, " latency_ms p50 %.1f p95 %.1f max %.1f", lat[n / 2] / 1000.0,
			        lat[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1] / 1000.0,
			        lat[n - 1] / 1000.0);
		fprintf(f, "\n");
		free(lat);
		return cli_out_close(&out, f, WW_OK, 0);
	}
	/* --counts: per-partition lines as they are read, then the totals */
	if (counts && !(cf = cli_out_open(&out))) {
		ww_bus_close(&bus);
		return WW_EXIT_IOERR;
	}
	ww_report_init(&r, "analyze");
	if (live)
		rc = ww_results_load_live(&bus, (int64_t)(wait_s ? wait_s : 5) * 1000, &r, &cnt, cf);
	else
		rc = ww_results_load(&bus, (int64_t)wait_s * 1000, &r, &cnt, cf);
	if (counts && ww_bus_stream_msgs(&bus, WW_BUS_RECORDS, &stored))
		stored = 0;
	ww_bus_close(&bus);
	if (rc && rc != WW_ERR_NOTFOUND && !cnt.finals) {
		ww_report_release(&r);
		if (cf)
			cli_out_close(&out, cf, WW_OK, 0);
		return rc == WW_ERR_NOTFOUND ? WW_EXIT_NOINPUT : ww_rc_exit(rc);
	}
	if (counts) {
		FILE *f = cf;
		int st;
		fprintf(f, "stream_records %llu\n", (unsigned long long)stored);
		fprintf(f, "partitions %u finals %u published %llu applied %llu duplicates_skipped %llu "
		       "lost %llu doubled %llu late %llu rejected %llu host_records %llu\n",
		       cnt.partitions, cnt.finals, (unsigned long long)cnt.published,
		       (unsigned long long)cnt.applied, (unsigned long long)cnt.duplicates,
		       (unsigned long long)cnt.lost, (unsigned long long)cnt.doubled,
		       (unsigned long long)cnt.late, (unsigned long long)cnt.rejected,
		       (unsigned long long)cnt.host_records);
		ww_report_release(&r);
		if ((st = cli_out_close(&out, f, WW_OK, 0)) != 0)
			return st;
		return rc || cnt.lost || cnt.doubled || cnt.applied != cnt.published ? WW_EXIT_DATAERR : 0;
	}
	ww_report_sort(&r);
	status = cli_emit_out(&r, &out);
	if (!status) {
		status = ww_report_network_exit(&r);
		if (rc)
			status = WW_EXIT_DATAERR; /* partial: some partition is missing */
	}
	ww_report_release(&r);
	return status;
}
