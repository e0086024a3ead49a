/* wormwatch watch: live capture (libpcap, immediate mode) into the same
 * streaming engine as analyze, alerts as they happen, a status line every
 * few seconds, the final summary on SIGINT/SIGTERM; SIGHUP reopens the
 * alert file after log rotation. With --http a live page, with --syslog
 * and --exec the alerts go there too, with --contain infected hosts are
 * quarantined in nftables (src/live/). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cli/cli_live.h"
#include "core/escape.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "decode/packet.h"
#include "inputs/live.h"
#include "live/liveout.h"
#include "router/rt_alert.h"
#include "state/engine.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <syslog.h>

/* Signal flags: the only state a handler may touch. */
static volatile sig_atomic_t watch_stop, watch_hup;

static void on_stop(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static void on_hup(int sig)
{
	(void)sig;
	watch_hup = 1;
}

enum { WATCH_OPT_JSON_OUT = 256, WATCH_OPT_MAX_HOSTS };

struct watch_run {
	struct ww_engine *e;
	struct ww_alert_sink sink;
	uint64_t decode_errors;
	struct ww_liveout lo;
	FILE *jl;            /* --format jsonl: the alerts as lines, as they come */
	uint64_t jl_lost;
};

static void on_alert(void *ud, const struct ww_alert *a)
{
	struct watch_run *w = ud;
	int64_t now = ww_wall_us();
	char json[1024];
	size_t n = ww_alert_json(a, now, json, sizeof(json));
	ww_liveout_alert(&w->lo, a, n ? json : NULL, n);
	ww_alert_sink_write(&w->sink, a, now);
	if (w->jl && (!n || fwrite(json, 1, n, w->jl) != n || fputc('\n', w->jl) == EOF ||
	              fflush(w->jl) != 0))
		w->jl_lost++;
}

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	struct watch_run *w = ud;
	struct ww_pkt p;
	ww_rc rc = ww_decode(dlt, data, caplen, wire_len, ts, &p);
	if (rc && rc != WW_ERR_TRUNCATED) {
		w->decode_errors++;
		return;
	}
	ww_engine_packet(w->e, &p);
}

static void status(struct ww_live *l, struct watch_run *w)
{
	struct ww_live_stats st;
	char t[WW_TIME_STRLEN];
	ww_time_iso(ww_wall_us(), t, sizeof(t));
	if (ww_live_stats(l, &st) == WW_OK)
		fprintf(stderr, "wormwatch: %.19s status: %llu packets, %zu hosts judged, %llu alerts, "
		        "%llu dropped by the kernel, %llu by the interface\n", t,
		        (unsigned long long)l->frames, ww_engine_hosts(w->e),
		        (unsigned long long)w->sink.alerts, (unsigned long long)st.dropped,
		        (unsigned long long)st.if_dropped);
	else
		fprintf(stderr, "wormwatch: %.19s status: %llu packets, %zu hosts judged, %llu alerts\n",
		        t, (unsigned long long)l->frames, ww_engine_hosts(w->e),
		        (unsigned long long)w->sink.alerts);
}

/* The hosts as they stand, for the live page. */
static void publish(struct watch_run *w, struct ww_live *l, const char *iface, int64_t start,
                    int64_t now)
{
	struct ww_report r;
	struct ww_view_stats st;
	struct ww_live_stats ls;
	memset(&st, 0, sizeof(st));
	ww_report_init(&r, "watch");
	ww_engine_live_report(w->e, &r, 500);
	ww_fields_str(&r, &r.input, "interface", true, iface, strlen(iface));
	ww_fields_int(&r, &r.input, "packets", (long long)l->frames);
	ww_fields_int(&r, &r.input, "alerts", (long long)w->sink.alerts);
	st.command = "watch";
	st.source = iface;
	st.start_us = start;
	st.now_us = now;
	st.packets = l->frames;
	st.undecodable = w->decode_errors;
	st.hosts_judged = ww_engine_hosts(w->e);
	st.alerts = w->sink.alerts;
	if (ww_live_stats(l, &ls) == WW_OK) {
		st.have_drops = true;
		st.kernel_dropped = ls.dropped;
		st.interface_dropped = ls.if_dropped;
	}
	ww_liveout_publish(&w->lo, &r, &st);
	ww_report_release(&r);
}

static int parse_secs(const char *s, double *out)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < 0 || v > 1e7)
		return -1;
	*out = v;
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	/* -o is the output (the summary) everywhere: --json-out has no short letter */
	static const struct cli_opt opts[] = {
		{"interface", 'i', required_argument, "IFACE", N_("the interface to capture on")},
		{"bpf", 'f', required_argument, "FILTER", N_("a BPF filter, as tcpdump takes it")},
		{"json-out", WATCH_OPT_JSON_OUT, required_argument, "FILE",
		 N_("alerts as JSON lines appended to FILE, flushed per alert (SIGHUP reopens it)")},
		CLI_OUT_OPTIONS,
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"status", 's', required_argument, "SECONDS", N_("a status line on stderr this often (default 10)")},
		{"duration", 'd', required_argument, "SECONDS", N_("stop after this long (default: at Ctrl-C)")},
		{"max-hosts", WATCH_OPT_MAX_HOSTS, required_argument, "N", N_("the host table's cap (about 1 KiB a host)")},
		CLI_LIVE_OPTIONS,
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out cout;
	FILE *out_f = NULL;
	const char *iface = NULL, *bpf = NULL, *out = NULL;
	struct ww_liveout_opts lopt;
	struct ww_netlist never;
	double status_s = 10, duration = 0;
	bool home_given = false;
	struct ww_engine_config cfg;
	struct watch_run w;
	struct ww_live live;
	struct ww_live_stats st;
	struct ww_report r;
	struct sigaction sa;
	int64_t start, next_status;
	int c, k, rcode;
	ww_rc rc;

	memset(&w, 0, sizeof(w));
	memset(&lopt, 0, sizeof(lopt));
	ww_netlist_init(&never);
	lopt.command = "watch";
	lopt.never = &never;
	ww_engine_config_init(&cfg);
	cli_out_init(&cout, "watch");
	cli_parse_init(&p, "watch", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		int lr;
		if ((k = cli_out_opt(&cout, c, optarg)) != 0) {
			if (k > 0)
				continue;
			ww_netlist_release(&cfg.home);
			ww_netlist_release(&never);
			return WW_EXIT_USAGE;
		}
		lr = cli_live_opt(c, optarg, &lopt, &never);
		if (lr < 0) {
			ww_netlist_release(&cfg.home);
			ww_netlist_release(&never);
			return WW_EXIT_USAGE;
		}
		if (lr > 0)
			continue;
		switch (c) {
		case 'i': iface = optarg; break;
		case 'f': bpf = optarg; break;
		case WATCH_OPT_JSON_OUT: out = optarg; break;
		case 'H':
			if (cli_home_net(&cfg.home, optarg))
				return WW_EXIT_USAGE;
			home_given = true;
			break;
		case 's':
			if (parse_secs(optarg, &status_s)) {
				ww_error("bad status interval '%s' (seconds)", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			break;
		case 'd':
			if (parse_secs(optarg, &duration)) {
				ww_error("bad duration '%s' (seconds)", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			break;
		case WATCH_OPT_MAX_HOSTS: {
			/* the host table's cap (memory: about 1 KiB a host) */
			char *end;
			unsigned long v;
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 16 || v > 16777216) {
				ww_error("bad host table size '%s' (16..16777216)", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			cfg.max_hosts = v;
			break;
		}
		case 'h':
			ww_netlist_release(&cfg.home);
			ww_netlist_release(&never);
			return cli_help(&p);
		default:
			ww_netlist_release(&cfg.home);
			ww_netlist_release(&never);
			return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	if (!iface || optind != argc) {
		ww_netlist_release(&cfg.home);
		ww_netlist_release(&never);
		return cli_usage("watch");
	}
	if (!home_given && ww_netlist_add_private(&cfg.home)) {
		ww_netlist_release(&cfg.home);
		return WW_EXIT_SOFTWARE;
	}
	cfg.on_alert = on_alert;
	cfg.alert_ud = &w;
	rc = ww_alert_sink_open(&w.sink, out);
	if (rc) {
		ww_error("cannot open '%s': %s", out, ww_alert_sink_strerror(&w.sink));
		ww_netlist_release(&cfg.home);
		ww_alert_sink_close(&w.sink);
		return WW_EXIT_IOERR;
	}
	rc = ww_live_open(&live, iface, bpf);
	if (rc) {
		ww_error("cannot capture on '%s': %s", iface, live.err);
		if (live.perm)
			cli_privilege_hint("watch (a live capture)", "CAP_NET_RAW and CAP_NET_ADMIN");
		ww_netlist_release(&cfg.home);
		ww_netlist_release(&never);
		ww_alert_sink_close(&w.sink);
		return rc == WW_ERR_USAGE ? WW_EXIT_USAGE : WW_EXIT_NOINPUT;
	}
	rc = ww_liveout_start(&w.lo, &lopt);
	if (rc) {
		ww_netlist_release(&cfg.home);
		ww_netlist_release(&never);
		ww_alert_sink_close(&w.sink);
		ww_live_close(&live);
		return rc == WW_ERR_USAGE ? WW_EXIT_USAGE : WW_EXIT_SOFTWARE;
	}
	rc = ww_engine_new(&cfg, &w.e); /* keeps a shallow copy of cfg.home */
	if (rc) {
		ww_netlist_release(&cfg.home);
		ww_error("cannot start the engine: %s", ww_rc_str(rc));
		ww_liveout_stop(&w.lo);
		ww_netlist_release(&never);
		ww_live_close(&live);
		ww_alert_sink_close(&w.sink);
		return WW_EXIT_SOFTWARE;
	}
	/* the output is opened now, so that a bad -o fails before the capture
	 * runs and --format jsonl can write each alert as it comes */
	if (!(out_f = cli_out_open(&cout))) {
		ww_engine_free(w.e);
		ww_netlist_release(&cfg.home);
		ww_liveout_stop(&w.lo);
		ww_netlist_release(&never);
		ww_live_close(&live);
		ww_alert_sink_close(&w.sink);
		return WW_EXIT_IOERR;
	}
	if (strcmp(cout.w->name, "jsonl") == 0)
		w.jl = out_f;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: poll() returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	{
		char ei[256], eb[512], eo[512];
		fprintf(stderr, "wormwatch: watching %s%s%s; alerts to %s\n",
		        ww_esc_text_buf(ei, sizeof(ei), iface), bpf ? " with filter " : "",
		        bpf ? ww_esc_text_buf(eb, sizeof(eb), bpf) : "",
		        out ? ww_esc_text_buf(eo, sizeof(eo), out) : "standard error");
	}
	start = ww_wall_us();
	next_status = start + (int64_t)(status_s * 1e6);
	rcode = 0;
	while (!watch_stop) {
		int64_t now;
		/* 100 ms polls: a decision made by a timeout (no answer) is never
		 * more than a tenth of a second late */
		if (ww_live_poll(&live, 100, on_frame, &w)) {
			ww_error("capture on '%s' failed: %s", iface, live.err);
			rcode = WW_EXIT_NOINPUT;
			break;
		}
		now = ww_wall_us();
		ww_engine_tick(w.e, now);
		if (watch_hup) {
			watch_hup = 0;
			if (ww_alert_sink_reopen(&w.sink))
				ww_error("cannot reopen '%s': %s (alerts go on to the file open "
				         "before)", out, ww_alert_sink_strerror(&w.sink));
			else
				ww_warn("reopened '%s'", out);
		}
		if (ww_liveout_due(&w.lo, now))
			publish(&w, &live, iface, start, now);
		if (status_s > 0 && now >= next_status) {
			status(&live, &w);
			next_status = now + (int64_t)(status_s * 1e6);
		}
		if (duration > 0 && now - start >= (int64_t)(duration * 1e6))
			break;
	}
	ww_liveout_stop(&w.lo);
	ww_report_init(&r, "watch");
	rc = ww_engine_report(w.e, &r);
	ww_fields_str(&r, &r.input, "interface", true, iface, strlen(iface));
	ww_fields_int(&r, &r.input, "packets", (long long)live.frames);
	ww_fields_int(&r, &r.input, "undecodable", (long long)w.decode_errors);
	if (ww_live_stats(&live, &st) == WW_OK) {
		ww_fields_int(&r, &r.input, "kernel_dropped", (long long)st.dropped);
		ww_fields_int(&r, &r.input, "interface_dropped", (long long)st.if_dropped);
		if (st.dropped || st.if_dropped)
			ww_report_warning(&r, "the capture lost %llu packets (kernel %llu, interface %llu): "
			                  "verdicts may miss traffic", (unsigned long long)(st.dropped +
			                  st.if_dropped), (unsigned long long)st.dropped,
			                  (unsigned long long)st.if_dropped);
	}
	ww_fields_int(&r, &r.input, "alerts", (long long)w.sink.alerts);
	ww_fields_dbl(&r, &r.input, "seconds", (double)(ww_wall_us() - start) / 1e6);
	ww_live_close(&live);
	if (out)
		ww_fields_int(&r, &r.input, "alerts_lost", (long long)w.sink.lost);
	if (w.sink.lost)
		ww_report_warning(&r, "%llu alert%s could not be written to '%s': %s",
		                  (unsigned long long)w.sink.lost, w.sink.lost == 1 ? "" : "s",
		                  out ? out : "?", strerror(w.sink.err ? w.sink.err : EIO));
	ww_report_sort(&r);
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		rcode = WW_EXIT_SOFTWARE;
	} else {
		int s;
		if (w.jl_lost)
			ww_report_warning(&r, "%llu alert line%s could not be written to the output",
			                  (unsigned long long)w.jl_lost, w.jl_lost == 1 ? "" : "s");
		s = cli_emit_to(&r, &cout, out_f);
		out_f = NULL;
		if (s)
			rcode = s;
		else if (!rcode)
			rcode = ww_report_network_exit(&r);
	}
	if (out_f && out_f != stdout)
		fclose(out_f);
	ww_report_release(&r);
	ww_engine_free(w.e);
	ww_netlist_release(&cfg.home);
	ww_netlist_release(&never);
	ww_alert_sink_close(&w.sink);
	/* alerts lost on the way to --json-out: 74 whatever the verdict, so a
	 * supervisor sees that the alert file is incomplete */
	if (w.sink.lost && (rcode < WW_EXIT_USAGE))
		rcode = WW_EXIT_IOERR;
	return rcode;
}
