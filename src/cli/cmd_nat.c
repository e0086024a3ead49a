/* wormwatch nat: the connection-tracking (NAT) table, from saved dumps
 * (/proc/net/nf_conntrack or conntrack -L) or live from the kernel; with
 * --watch, sampled over time with a warning before it fills, and with
 * --http a live page, --json-out/--syslog/--exec alerts (src/live/). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cli/cli_live.h"
#include "cli/cli_progress.h"
#include "core/escape.h"
#include "cli/commands.h"
#include "inputs/ct_live.h"
#include "router/ct_watch.h"
#include "router/rt_alert.h"
#include "router/rt_run.h"
#include "router/rt_snap.h"
#include "state/engine.h"

#include "core/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

enum { NAT_OPT_WATCH = 256, NAT_OPT_JSON_OUT };

struct nat_opts {
	struct ww_rt_run_opts run;
	bool live, proc;
	struct cli_out out;    /* -o, --format, --json */
	uint64_t max;          /* --max; 0 = from the kernel or unknown */
	double watch;          /* seconds between samples; 0 = one look */
	unsigned long count;   /* samples; 0 = until interrupted */
	char **files;
	int n_files;
	struct ww_liveout_opts live_out; /* --http, --syslog, --exec */
	const char *alerts;              /* --json-out */
	struct cli_progress *progress;   /* files without --watch, on a terminal */
	const volatile sig_atomic_t *stop; /* files without --watch: SIGINT/SIGTERM stop reading */
	struct ww_rt_snaps *snaps;         /* several files without --watch (router/rt_snap.h) */
};

/* set by SIGINT/SIGTERM (stop) and SIGHUP (reopen --json-out) during --watch */
static volatile sig_atomic_t nat_stop, nat_hup;

static void nat_on_signal(int sig)
{
	if (sig == SIGHUP)
		nat_hup = 1;
	else
		nat_stop = 1;
}

static void live_entry(void *ud, const struct ww_ct_entry *e)
{
	ww_rt_run_ct_entry(ud, e);
}

/* One look at the table: sample number i (a file, or the live table). */
static ww_rc take_sample(const struct nat_opts *o, int i, struct ww_rt_run *run,
                         struct ww_rt_table *tbl, const char **source)
{
	char err[160];
	ww_rc rc = ww_rt_run_init(run, &o->run, err, sizeof(err));
	if (rc) {
		if (rc == WW_ERR_USAGE)
			ww_error("%s", err);
		return rc;
	}
	tbl->max = o->max;
	tbl->max_assumed = false;
	run->stop = o->stop;
	if (o->progress) {
		run->on_line = cli_progress_on_line;
		run->on_line_ud = o->progress;
	}
	if (o->live) {
		int e = 0;
		run->live = true;
		rc = o->proc ? ww_ct_live_dump_proc(live_entry, run, source, &e)
		             : ww_ct_live_dump(live_entry, run, source, &e);
		if (rc) {
			ww_error("cannot read the connection table (netlink or '/proc/net/nf_conntrack'): "
			         "%s", strerror(e ? e : ENOENT));
			if (e == EACCES || e == EPERM)
				cli_privilege_hint("nat --live (the kernel's connection table)",
				                   "CAP_NET_ADMIN (netlink) and CAP_NET_RAW");
			return rc;
		}
		if (!tbl->max && ww_ct_live_max(&tbl->max))
			tbl->max = 0;
		tbl->entries = run->parsed;
		return WW_OK;
	}
	if (o->watch > 0) {
		*source = o->files[i];
		rc = ww_rt_run_file(run, o->files[i], true);
	} else if (o->snaps) {
		return ww_rt_snaps_read(o->snaps, o->files, o->n_files, run, tbl, source);
	} else {
		*source = o->files[0];
		rc = ww_rt_run_file(run, o->files[0], true);
	}
	tbl->entries = run->ct_proc + run->ct_tool;
	tbl->max_assumed = false;
	if (!rc && !tbl->max && (tbl->max = ww_rt_guess_max(tbl->entries)) != 0)
		tbl->max_assumed = true;
	return rc;
}

/* The first sample whose hosts no longer fit: a live alert line at once
 * (a flood of new, often spoofed, sources is an incident in itself). */
static bool pressure_alert(const struct ww_rt_run *run, int64_t t)
{
	struct ww_table_stats st;
	char tb[WW_TIME_STRLEN];
	uint64_t ev = 0;
	size_t cap = 0;
	if (run->engine) {
		ww_engine_table_stats(run->engine, &st);
		ev = st.evicted;
		cap = st.cap;
	}
	if (!ev && run->acct.hosts.evicted) {
		ev = run->acct.hosts.evicted;
		cap = run->acct.hosts.max;
	}
	if (!ev)
		return false;
	fprintf(stderr, "wormwatch: ALERT %s table pressure: the host table is full (%zu hosts): "
	        "%llu hosts evicted, those that made one contact and nothing else first (a flood "
	        "of new, often spoofed, sources)\n", ww_time_iso(t, tb, sizeof(tb)), cap,
	        (unsigned long long)ev);
	return true;
}

static void status_line(const struct ww_ct_watch *w, const struct ww_rt_table *tbl,
                        const struct ww_rt_run *run, int64_t t, const char *msg,
                        enum ww_ct_event ev)
{
	struct ww_addr top;
	uint32_t top_n;
	char ab[WW_ADDR_STRLEN];
	char tb[WW_TIME_STRLEN];
	ww_time_iso(t, tb, sizeof(tb));
	if (tbl->max)
		fprintf(stderr, "wormwatch: %.19s table %llu/%llu (%.0f%%), %+.1f/s\n", tb,
		        (unsigned long long)tbl->entries, (unsigned long long)tbl->max,
		        100.0 * (double)tbl->entries / (double)tbl->max, w->rate);
	else
		fprintf(stderr, "wormwatch: %.19s table %llu entries, %+.1f/s\n", tb,
		        (unsigned long long)tbl->entries, w->rate);
	if (ev == WW_CT_EV_RECOVERED) {
		fputs("wormwatch: ", stderr);
		ww_esc_text_file(stderr, msg);
		fputc('\n', stderr);
	} else if (ev != WW_CT_EV_NONE) {
		ww_warn("%s", msg);
		if (ww_rt_acct_top_host(&run->acct, &top, &top_n) && tbl->entries)
			ww_warn("most entries are held by %s: %u of %llu (%.0f%%)",
			        ww_addr_fmt(&top, ab), top_n, (unsigned long long)tbl->entries,
			        100.0 * top_n / (double)tbl->entries);
	}
}

static void history_section(const struct ww_ct_watch *w, struct ww_report *r, double interval)
{
	struct ww_section *s = ww_report_section(r, "history", false);
	size_t i;
	char tb[WW_TIME_STRLEN];
	static const char *const evname[] = {"", "filling", "full", "recovered"};
	for (i = 0; i < w->n; i++) {
		const struct ww_ct_sample *x = ww_ct_watch_at(w, i);
		struct ww_row *row = ww_section_row(r, s);
		if (!row)
			return;
		ww_time_iso(x->t_us, tb, sizeof(tb));
		ww_fields_str(r, &row->f, "time", false, tb, strlen(tb));
		ww_fields_int(r, &row->f, "entries", (long long)x->entries);
		if (x->max)
			ww_fields_dbl(r, &row->f, "used_pct", 100.0 * (double)x->entries / (double)x->max);
		if (x->ev)
			ww_fields_str(r, &row->f, "event", false, evname[x->ev], strlen(evname[x->ev]));
	}
	ww_fields_dbl(r, &r->input, "interval_s", interval);
	ww_fields_int(r, &r->input, "samples", (long long)w->total);
	ww_fields_int(r, &r->input, "peak_entries", (long long)w->peak);
}

/* The report of one sample (a run is reported once: the live page's last
 * report is the final one's start). */
static ww_rc sample_report(struct ww_rt_run *run, const struct ww_rt_table *tbl,
                           const char *source, struct ww_report *r)
{
	ww_report_init(r, "nat");
	ww_fields_str(r, &r->input, "source", true, source, strlen(source));
	if (run->interrupted)
		cli_stop_mark(r);
	return ww_rt_run_report(run, tbl, r);
}

static int finish(struct ww_rt_run *run, const struct ww_rt_table *tbl, const char *source,
                  const struct ww_ct_watch *w, const struct nat_opts *o, struct ww_report *pre,
                  ww_rc pre_rc, FILE *out_f, uint64_t jl_lost)
{
	struct ww_report r;
	int status;
	ww_rc rc;
	if (pre) {
		r = *pre; /* taken over */
		rc = pre_rc;
	} else {
		rc = sample_report(run, tbl, source, &r);
	}
	if (!rc && o->snaps)
		ww_rt_snaps_report(o->snaps, run, &r);
	if (!rc && w) {
		size_t i;
		history_section(w, &r, o->watch);
		for (i = 0; i < w->n; i++) {
			const struct ww_ct_sample *x = ww_ct_watch_at(w, i);
			if (x->ev == WW_CT_EV_RECOVERED)
				ww_report_note(&r, false, _("the connection table recovered after being "
				               "nearly full (peak %llu entries)"), (unsigned long long)w->peak);
		}
	}
	if (rc || r.rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc ? rc : r.rc));
		ww_report_release(&r);
		if (out_f && out_f != stdout)
			fclose(out_f);
		return WW_EXIT_SOFTWARE;
	}
	if (jl_lost)
		ww_report_warning(&r, "%llu alert line%s could not be written to the output",
		                  (unsigned long long)jl_lost, jl_lost == 1 ? "" : "s");
	/* --format jsonl with --watch: the alert lines went to out_f as they
	 * came, the report's lines follow them */
	status = out_f ? cli_emit_to(&r, &o->out, out_f) : cli_emit_out(&r, &o->out);
	if (!status)
		status = run->interrupted ? cli_stop_status()
		         : o->snaps && o->snaps->skip_status ? o->snaps->skip_status
		                                             : ww_report_network_exit(&r);
	ww_report_release(&r);
	return status;
}

static const char *level_name(enum ww_ct_level l)
{
	return l == WW_CT_LEVEL_FULL ? "full" : l == WW_CT_LEVEL_HIGH ? "high" : "ok";
}

/* The sample to the page: its report, the table's use and forecast. */
static void publish(struct ww_liveout *lo, const struct ww_report *r, const struct ww_ct_watch *w,
                    const struct ww_rt_table *tbl, const char *source, int64_t t0, int64_t t,
                    uint64_t alerts)
{
	struct ww_view_stats st;
	memset(&st, 0, sizeof(st));
	st.command = "nat";
	st.source = source;
	st.start_us = t0;
	st.now_us = t;
	st.packets = tbl->entries; /* table entries read in this sample */
	st.alerts = alerts;
	st.nat = true;
	st.entries = tbl->entries;
	st.max = tbl->max;
	st.rate = w->rate;
	st.eta_s = w->rate > 0 && tbl->max > tbl->entries
	           ? ((double)tbl->max - (double)tbl->entries) / w->rate : -1;
	st.level = level_name(w->level);
	ww_liveout_publish(lo, r, &st);
}

static int run_watch(const struct nat_opts *o)
{
	struct ww_ct_watch *w = calloc(1, sizeof(*w));
	struct ww_rt_run run;
	struct ww_rt_table tbl;
	const char *source = "";
	struct sigaction sa;
	unsigned long i;
	int status;
	bool have = false, have_rep = false;
	int64_t t0 = ww_wall_us();
	struct ww_liveout lo;
	struct ww_alert_sink sink;
	struct ww_report rep;
	ww_rc rep_rc = WW_OK;
	bool pressure_told = false;

	if (!w)
		return WW_EXIT_SOFTWARE;
	if (ww_alert_sink_open(&sink, o->alerts)) {
		ww_error("cannot open '%s': %s", o->alerts, strerror(sink.err));
		ww_alert_sink_close(&sink);
		free(w);
		return WW_EXIT_IOERR;
	}
	if (ww_liveout_start(&lo, &o->live_out)) {
		ww_alert_sink_close(&sink);
		free(w);
		return WW_EXIT_USAGE;
	}
	/* --format jsonl: each alert a line as it comes (as watch does), so
	 * the output is opened now */
	if (strcmp(o->out.w->name, "jsonl") == 0) {
		if (!(lo.jl = cli_out_open(&o->out))) {
			ww_liveout_stop(&lo);
			ww_alert_sink_close(&sink);
			free(w);
			return WW_EXIT_IOERR;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nat_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (o->alerts)
		sigaction(SIGHUP, &sa, NULL);
	ww_ct_watch_init(w);
	memset(&run, 0, sizeof(run));
	for (i = 0; !nat_stop; i++) {
		char msg[256];
		enum ww_ct_event ev;
		int64_t t;
		ww_rc rc;
		if (!o->live && i >= (unsigned long)o->n_files)
			break;
		if (o->count && i >= o->count)
			break;
		if (nat_hup) {
			nat_hup = 0;
			if (ww_alert_sink_reopen(&sink))
				ww_error("cannot reopen '%s': %s", o->alerts, strerror(sink.err));
		}
		if (have)
			ww_rt_run_release(&run);
		have = false;
		if (have_rep)
			ww_report_release(&rep);
		have_rep = false;
		rc = take_sample(o, (int)i, &run, &tbl, &source);
		if (rc) {
			ww_rt_run_release(&run);
			if (lo.jl && lo.jl != stdout)
				fclose(lo.jl);
			ww_liveout_stop(&lo);
			ww_alert_sink_close(&sink);
			free(w);
			return ww_rc_exit(rc);
		}
		have = true;
		/* files are samples taken `interval` apart; live samples carry the clock */
		t = o->live ? ww_wall_us() : t0 + (int64_t)((double)i * o->watch * 1e6);
		ev = ww_ct_watch_add(w, t, tbl.entries, tbl.max, msg, sizeof(msg));
		status_line(w, &tbl, &run, t, msg, ev);
		if (ev != WW_CT_EV_NONE)
			ww_liveout_event(&lo, ev == WW_CT_EV_RECOVERED ? LOG_NOTICE : LOG_WARNING, msg);
		if (o->alerts || ww_liveout_page(&lo) || o->live_out.notify.syslog ||
		    o->live_out.notify.exec || lo.jl) {
			/* judged now, live: the alerts and the page; the last one is the final report */
			rep_rc = sample_report(&run, &tbl, source, &rep);
			have_rep = true;
			if (!rep_rc && !rep.rc) {
				ww_liveout_report_alerts(&lo, &rep, t, &sink);
				publish(&lo, &rep, w, &tbl, source, t0, t, sink.alerts);
			}
		}
		if (!pressure_told)
			pressure_told = pressure_alert(&run, t);
		if (o->live && !nat_stop && !(o->count && i + 1 >= o->count)) {
			struct timespec d;
			d.tv_sec = (time_t)o->watch;
			d.tv_nsec = (long)((o->watch - (double)d.tv_sec) * 1e9);
			while (nanosleep(&d, &d) == -1 && errno == EINTR && !nat_stop)
				;
		}
	}
	ww_liveout_stop(&lo);
	if (!have) {
		if (lo.jl && lo.jl != stdout)
			fclose(lo.jl);
		if (have_rep)
			ww_report_release(&rep);
		ww_alert_sink_close(&sink);
		free(w);
		ww_error("no sample was taken");
		return WW_EXIT_NOINPUT;
	}
	status = finish(&run, &tbl, source, w, o, have_rep ? &rep : NULL, rep_rc, lo.jl, lo.jl_lost);
	ww_rt_run_release(&run);
	ww_alert_sink_close(&sink);
	if (sink.err && !status)
		status = WW_EXIT_IOERR;
	free(w);
	return status;
}

static int parse_num(const char *s, double min, double max, double *out)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int cmd_nat(int argc, char **argv)
{
	/* -w writes a file (as in tcpdump) and -o is the output: --watch and
	 * --json-out have no short letters */
	static const struct cli_opt opts[] = {
		CLI_OUT_OPTIONS,
		{"live", 'l', no_argument, NULL, N_("read this machine's connection table (conntrack)")},
		{"proc", 'P', no_argument, NULL, N_("with --live: from /proc/net/nf_conntrack")},
		{"max", 'm', required_argument, "N", N_("the table's size (nf_conntrack_max)")},
		{"watch", NAT_OPT_WATCH, required_argument, "SECONDS",
		 N_("sample the table every SECONDS until Ctrl-C")},
		{"count", 'c', required_argument, "N", N_("with --watch: stop after N samples")},
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"home", 'H', required_argument, "CIDRS", N_("the same as --home-net")},
		{"json-out", NAT_OPT_JSON_OUT, required_argument, "FILE",
		 N_("with --watch: alerts as JSON lines appended to FILE, flushed per alert")},
		CLI_LIVE_OPTIONS,
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct nat_opts o;
	struct ww_rt_snaps snaps;
	struct cli_progress progress;
	struct ww_netlist never;
	struct ww_rt_run run;
	struct ww_rt_table tbl;
	const char *source = "";
	int c, k, status;
	double v;
	ww_rc rc;

	memset(&o, 0, sizeof(o));
	cli_out_init(&o.out, "nat");
	memset(&snaps, 0, sizeof(snaps));
	o.run.use_engine = true;
	o.live_out.command = "nat";
	ww_netlist_init(&never);
	cli_parse_init(&p, "nat", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		int lr;
		if ((k = cli_out_opt(&o.out, c, optarg)) != 0) {
			if (k > 0)
				continue;
			ww_netlist_release(&never);
			return WW_EXIT_USAGE;
		}
		lr = cli_live_opt(c, optarg, &o.live_out, &never);
		if (lr < 0) {
			ww_netlist_release(&never);
			return WW_EXIT_USAGE;
		}
		if (lr > 0)
			continue;
		switch (c) {
		case 'l': o.live = true; break;
		case 'P': o.proc = true; o.live = true; break;
		case 'm':
			if (parse_num(optarg, 1, 1e12, &v)) {
				ww_error("bad table size '%s'", optarg);
				return WW_EXIT_USAGE;
			}
			o.max = (uint64_t)v;
			break;
		case NAT_OPT_WATCH:
			if (parse_num(optarg, 0.01, 86400, &v)) {
				ww_error("bad interval '%s' (seconds)", optarg);
				return WW_EXIT_USAGE;
			}
			o.watch = v;
			break;
		case 'c':
			if (parse_num(optarg, 1, 1e9, &v)) {
				ww_error("bad sample count '%s'", optarg);
				return WW_EXIT_USAGE;
			}
			o.count = (unsigned long)v;
			break;
		case 'H': o.run.home = optarg; break;
		case NAT_OPT_JSON_OUT: o.alerts = optarg; break;
		case 'h': ww_netlist_release(&never); return cli_help(&p);
		default: ww_netlist_release(&never); return WW_EXIT_USAGE;
		}
	}
	ww_netlist_release(&never);
	if (o.live_out.contain) {
		ww_error("--contain is for watch (a live capture decides within milliseconds; a "
		         "table sampled every few seconds does not)");
		return WW_EXIT_USAGE;
	}
	if ((o.live_out.http || o.live_out.notify.syslog || o.live_out.notify.exec || o.alerts) &&
	    o.watch <= 0) {
		ww_error("--http, --json-out, --syslog and --exec need --watch");
		return WW_EXIT_USAGE;
	}
	o.files = argv + optind;
	o.n_files = argc - optind;
	if (o.live == (o.n_files > 0)) {
		ww_error(o.live ? "give either --live or dump files, not both"
		                : "give dump files or --live");
		return cli_usage("nat");
	}
	if (o.watch > 0)
		return run_watch(&o);
	if (o.count && o.watch <= 0) {
		ww_error(_("--count N needs --watch SECONDS (it is the number of samples taken)"));
		return cli_usage("nat");
	}
	if (!o.live) {
		o.stop = cli_stop_catch();
		/* a progress line when stderr is a terminal and the dumps are long */
		cli_progress_init(&progress, "nat", N_("lines"),
		                  cli_progress_file_bytes(o.files, (size_t)o.n_files));
		o.progress = &progress;
	}
	if (o.n_files > 1)
		o.snaps = &snaps;
	rc = take_sample(&o, 0, &run, &tbl, &source);
	if (o.progress)
		cli_progress_end(o.progress);
	if (rc) {
		ww_rt_run_release(&run);
		ww_rt_snaps_release(&snaps);
		return ww_rc_exit(rc);
	}
	status = finish(&run, &tbl, source, NULL, &o, NULL, WW_OK, NULL, 0);
	ww_rt_run_release(&run);
	ww_rt_snaps_release(&snaps);
	return status;
}
