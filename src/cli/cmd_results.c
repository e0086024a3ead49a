/* wormwatch results: the verdicts on WW_VERDICTS as one analyze report
 * (text or the same JSON), with analyze's exit status
 * (src/cluster/results.h). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cli/commands.h"
#include "cli/cli_bus.h"
#include "cli/cli_live.h"
#include "cli/cli_out.h"
#include "core/i18n.h"
#include "cluster/bus.h"
#include "cluster/results.h"
#include "router/rt_alert.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>

enum {
	RESULTS_OPT_WAIT = 500, /* after cli_live.h's and cli_out.h's codes */
	RESULTS_OPT_LIVE,
	RESULTS_OPT_COUNTS,
	RESULTS_OPT_LATENCY,
	RESULTS_OPT_INTERVAL,
	RESULTS_OPT_FOLLOW,
	RESULTS_OPT_JSON_OUT,
};

static uint64_t input_count(const struct ww_report *r, const char *key)
{
	long long v = 0;
	return ww_fields_get_int(&r->input, key, &v) && v > 0 ? (uint64_t)v : 0;
}

/* The servers' URLs as the page may show them: any user:password@ taken
 * out of each. */
static void url_shown(const char *urls, char *buf, size_t n)
{
	size_t o = 0;
	const char *u = urls ? urls : "";
	while (*u && o + 1 < n) {
		const char *end = strchr(u, ','), *at, *scheme;
		size_t len;
		if (!end)
			end = u + strlen(u);
		scheme = strstr(u, "://");
		if (!scheme || scheme > end)
			scheme = u;
		else
			scheme += 3;
		at = memchr(scheme, '@', (size_t)(end - scheme));
		len = (size_t)(scheme - u);
		if (o + len < n) {
			memcpy(buf + o, u, len);
			o += len;
		}
		u = at ? at + 1 : scheme;
		len = (size_t)(end - u) + (*end ? 1 : 0);
		if (o + len >= n)
			len = n - 1 - o;
		memcpy(buf + o, u, len);
		o += len;
		u = *end ? end + 1 : end;
	}
	buf[o] = 0;
}

/* Following the cluster (--follow, and the live page, syslog, --exec and
 * --json-out): every interval the judges are asked for the hosts as they
 * stand (a partition already finished gives its final verdicts); each host
 * that turns scanner or worse, or scanner to infected, is an alert as watch
 * sends it (a line on stderr, the alert file, the page, --format jsonl's
 * output as it comes). Until SIGINT or SIGTERM; then the last report, as
 * the judges last gave it. */
static int run_page(struct ww_bus *bus, const struct ww_bus_opts *bo,
                    const struct ww_liveout_opts *lopts, double interval_s, struct cli_out *out,
                    const char *alerts_path)
{
	const volatile sig_atomic_t *stop = cli_stop_catch();
	struct ww_liveout lo;
	struct ww_alert_sink sink;
	struct ww_report last;
	bool have = false, told_missing = false;
	int64_t t0 = ww_wall_us();
	uint64_t alerts = 0;
	char shown[512];
	int status;

	url_shown(bo->url, shown, sizeof(shown));
	if (ww_alert_sink_open(&sink, alerts_path)) {
		ww_error("cannot open '%s': %s", alerts_path, ww_alert_sink_strerror(&sink));
		ww_alert_sink_close(&sink);
		return WW_EXIT_IOERR;
	}
	if (ww_liveout_start(&lo, lopts)) {
		ww_alert_sink_close(&sink);
		return WW_EXIT_USAGE;
	}
	/* --format jsonl: each alert a line as it comes (as watch does) */
	if (strcmp(out->w->name, "jsonl") == 0 && !(lo.jl = cli_out_open(out))) {
		ww_liveout_stop(&lo);
		ww_alert_sink_close(&sink);
		return WW_EXIT_IOERR;
	}
	while (!*stop) {
		struct ww_report r;
		struct ww_results_counts cnt;
		struct ww_view_stats st;
		int64_t next = ww_wall_us() + (int64_t)(interval_s * 1e6), now;
		size_t i;
		ww_rc rc;
		ww_report_init(&r, "analyze");
		rc = ww_results_load_live(bus, 2000, &r, &cnt, NULL);
		if (rc && !cnt.partitions) {
			/* no cluster yet, or the bus is away: say it once, go on asking */
			if (!told_missing)
				ww_warn("no verdicts yet (%s): asking again every %.1f s", ww_rc_str(rc),
				        interval_s);
			told_missing = true;
			ww_report_release(&r);
		} else {
			now = ww_wall_us();
			ww_report_sort(&r);
			alerts += ww_liveout_report_alerts(&lo, &r, now, &sink);
			memset(&st, 0, sizeof(st));
			st.command = "results";
			st.source = shown;
			st.start_us = t0;
			st.now_us = now;
			st.packets = input_count(&r, "packets");
			for (i = 0; i < r.n_findings; i++)
				st.hosts_judged += r.findings[i]->kind == WW_FINDING_HOST;
			st.alerts = alerts;
			if (lo.http)
				ww_liveout_publish(&lo, &r, &st);
			if (have)
				ww_report_release(&last);
			last = r;
			have = true;
		}
		while (!*stop && (now = ww_wall_us()) < next)
			nats_Sleep(next - now > 100000 ? 100 : (int64_t)((next - now) / 1000) + 1);
	}
	ww_liveout_stop(&lo);
	if (!have) {
		if (lo.jl && lo.jl != stdout)
			fclose(lo.jl);
		ww_alert_sink_close(&sink);
		ww_error("no verdicts were read from the cluster");
		return WW_EXIT_NOINPUT;
	}
	if (sink.lost)
		ww_report_warning(&last, "%llu alert%s could not be written to '%s': %s",
		                  (unsigned long long)sink.lost, sink.lost == 1 ? "" : "s",
		                  alerts_path ? alerts_path : "?", strerror(sink.err ? sink.err : EIO));
	if (lo.jl_lost)
		ww_report_warning(&last, "%llu alert line%s could not be written to the output",
		                  (unsigned long long)lo.jl_lost, lo.jl_lost == 1 ? "" : "s");
	status = lo.jl ? cli_emit_to(&last, out, lo.jl) : cli_emit_out(&last, out);
	if (!status)
		status = ww_report_network_exit(&last);
	ww_report_release(&last);
	ww_alert_sink_close(&sink);
	/* alerts lost on the way to --json-out: 74 whatever the verdict */
	if (sink.lost && status < WW_EXIT_USAGE)
		status = WW_EXIT_IOERR;
	return status;
}

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
		{"follow", RESULTS_OPT_FOLLOW, no_argument, NULL,
		 N_("keep asking the judges: each alert as it comes, the report at Ctrl-C")},
		{"json-out", RESULTS_OPT_JSON_OUT, required_argument, "FILE",
		 N_("with --follow: alerts as JSON lines appended to FILE")},
		CLI_LIVE_OPTIONS,
		{"interval", RESULTS_OPT_INTERVAL, required_argument, "SECONDS",
		 N_("with --follow, --http, --syslog or --exec: ask the judges this often (default 1)")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	struct ww_bus_opts bo;
	struct ww_bus bus;
	struct ww_report r;
	struct ww_results_counts cnt;
	struct ww_liveout_opts lopts;
	struct ww_netlist never;
	FILE *cf = NULL;
	bool bad = false, counts = false, latency = false, live = false, follow = false, page;
	const char *alerts_path = NULL;
	unsigned long wait_s = 0;
	double interval_s = 1;
	uint64_t stored = 0;
	int c, k, status;
	char *end;
	ww_rc rc;

	ww_bus_opts_init(&bo);
	memset(&lopts, 0, sizeof(lopts));
	lopts.command = "results";
	ww_netlist_init(&never);
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
		if ((k = cli_live_opt(c, optarg, &lopts, &never)) != 0) {
			bad |= k < 0;
			continue;
		}
		switch (c) {
		case RESULTS_OPT_INTERVAL:
			interval_s = strtod(optarg, &end);
			if (end == optarg || *end || !(interval_s >= 0.2 && interval_s <= 3600)) {
				ww_error("--interval takes seconds (0.2 to 3600), not '%s'", optarg);
				bad = true;
			}
			break;
		case RESULTS_OPT_FOLLOW: follow = true; break;
		case RESULTS_OPT_JSON_OUT: alerts_path = optarg; follow = true; break;
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
		case 'h': ww_netlist_release(&never); return cli_help(&p);
		default: ww_netlist_release(&never); return WW_EXIT_USAGE; /* cli_next printed why */
		}
	}
	ww_netlist_release(&never);
	page = follow || lopts.http || lopts.notify.syslog || lopts.notify.exec;
	if (lopts.contain) {
		ww_error("--contain is for watch (a capture decides within milliseconds); for the "
		         "cluster's verdicts: wormwatch results --json -o R.json, then wormwatch "
		         "contain R.json");
		return WW_EXIT_USAGE;
	}
	if (page && (counts || latency)) {
		ww_error("--follow, --http, --syslog and --exec show the verdicts: not with --counts or "
		         "--latency");
		return cli_usage("results");
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
	if (page) {
		int st = run_page(&bus, &bo, &lopts, interval_s, &out, alerts_path);
		ww_bus_close(&bus);
		return st;
	}
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
