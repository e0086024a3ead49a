/* wormwatch analyze: packet captures -> decode -> engine -> report. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "cli/cli_evidence.h"
#include "cli/cli_progress.h"
#include "decode/packet.h"
#include "core/i18n.h"
#include "inputs/capdir.h"
#include "inputs/capture.h"
#include "state/feed.h"
#include "state/engine.h"

#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ANALYZE_OPT_THREADS = 256, ANALYZE_OPT_SINCE, ANALYZE_OPT_UNTIL };

struct analyze_run {
	struct ww_engine *e;
	struct ww_report *r;
	struct ww_feed *feed;
	struct ww_batch *batch; /* the one being filled */
	uint64_t decode_errors, truncated_frames;
	struct cli_progress *progress; /* on a terminal (cli_progress.h) */
	uint64_t bytes_read, frames;  /* bytes_read: records as a pcap file holds them */
};

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	struct analyze_run *run = ud;
	if (!ww_batch_room(run->batch, caplen)) {
		ww_feed_push(run->feed);
		run->batch = ww_feed_batch(run->feed);
	}
	ww_batch_add(run->batch, run->e, dlt, ts, data, caplen, wire_len);
	run->bytes_read += 16u + caplen; /* a record header and the frame */
	run->frames++;
	cli_progress_update(run->progress, run->bytes_read, run->frames, ww_feed_hosts(run->feed));
}

static void on_warn(void *ud, const char *msg)
{
	struct analyze_run *run = ud;
	ww_report_warning(run->r, "%s", msg);
}

/* Can every input be read a second time (regular files, not "-" or pipes)? */
static bool rereadable(char *const *paths, size_t n)
{
	size_t i;
	struct stat st;
	for (i = 0; i < n; i++)
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
			return false;
	return true;
}

/* One pass over every file. Returns the capture status (damage) or an
 * open error. */
/* Inputs this long are sure to need every detector's set-up, and a
 * second core is there to do it while reading starts. */
#define WARM_BYTES (32u << 20)

static ww_rc run_once(char *const *files, size_t n, const struct ww_engine_config *cfg,
                      struct ww_report *r, struct ww_engine **out, struct ww_capture *cap,
                      struct analyze_run *run, unsigned threads, struct cli_progress *progress,
                      const struct ww_capture_opts *copts)
{
	ww_rc rc, crc;
	memset(run, 0, sizeof(*run));
	run->progress = progress;
	cli_progress_init(progress, "analyze", N_("packets"), cli_progress_file_bytes(files, n));
	if ((rc = ww_capture_open_opts(cap, files, n, copts)))
		return rc;
	if ((rc = ww_engine_new(cfg, out))) {
		ww_error("cannot start the engine: %s", ww_rc_str(rc));
		return rc;
	}
	run->e = *out;
	run->r = r;
	if (threads == 2 && cli_progress_file_bytes(files, n) >= WARM_BYTES)
		ww_engine_warm(run->e);
	if ((rc = ww_feed_start(&run->feed, run->e, threads))) {
		ww_error("cannot start the engine: %s", ww_rc_str(rc));
		return rc;
	}
	run->batch = ww_feed_batch(run->feed);
	crc = ww_capture_run(cap, on_frame, run, on_warn);
	ww_feed_finish(run->feed, &run->truncated_frames, &run->decode_errors);
	cli_progress_end(progress);
	return crc;
}

int cmd_analyze(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		CLI_OUT_OPTIONS,
		{"home-net", 'H', required_argument, "CIDR[,CIDR...]",
		 N_("the inside network (default: private, ULA and link-local addresses)")},
		{"write-evidence", 'w', required_argument, "FILE.pcap",
		 N_("write the packets behind each scanner's and infected host's verdict to FILE.pcap")},
		{"threads", ANALYZE_OPT_THREADS, required_argument, "1|2",
		 N_("1: everything on one core; 2: reading and decoding beside the engine")},
		{"filter", 'f', required_argument, "EXPR",
		 N_("read only the packets this BPF expression matches (or FILE... -- EXPR)")},
		{"bpf", 'f', required_argument, "EXPR", N_("the same as --filter (watch's name)")},
		{"since", ANALYZE_OPT_SINCE, required_argument, "TIME",
		 N_("only packets at or after TIME (2026-11-30T12:00:00Z, 2026-11-30, @SECONDS)")},
		{"until", ANALYZE_OPT_UNTIL, required_argument, "TIME", N_("only packets before TIME")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	/* a reader thread and the engine's when there are two cores */
	unsigned threads = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
	struct ww_engine_config cfg;
	struct ww_report r;
	struct ww_capture cap;
	struct analyze_run run;
	struct cli_progress progress;
	struct ww_engine *e = NULL;
	bool home_given = false;
	const char *evidence = NULL;
	int c, k, status, dd, nargs;
	ww_rc rc;
	struct ww_capture_opts copts;
	struct ww_pathlist files;
	char *expr = NULL;
	char **paths;
	size_t npaths;

	ww_engine_config_init(&cfg);
	cli_out_init(&out, "analyze");
	cli_parse_init(&p, "analyze", opts, false);
	memset(&copts, 0, sizeof(copts));
	memset(&files, 0, sizeof(files));
	/* FILE... -- EXPR: a filter expression after "--", as tcpdump takes one
	 * after its options; "--" before any file keeps its usual meaning */
	for (dd = 1; dd < argc && strcmp(argv[dd], "--") != 0; dd++)
		;
	nargs = argc;
	while ((c = cli_next(&p, dd, argv)) != -1) {
		if ((k = cli_out_opt(&out, c, optarg)) != 0) {
			if (k > 0)
				continue;
			ww_netlist_release(&cfg.home);
			return WW_EXIT_USAGE;
		}
		switch (c) {
		case 'H':
			if (cli_home_net(&cfg.home, optarg))
				return WW_EXIT_USAGE;
			home_given = true;
			break;
		case 'w': evidence = optarg; break;
		case 'f': copts.filter = optarg; break;
		case ANALYZE_OPT_SINCE:
		case ANALYZE_OPT_UNTIL: {
			bool since = c == ANALYZE_OPT_SINCE;
			if (!cli_parse_when(since ? "--since" : "--until", optarg,
			                    since ? &copts.since_us : &copts.until_us)) {
				ww_netlist_release(&cfg.home);
				return cli_usage("analyze");
			}
			*(since ? &copts.has_since : &copts.has_until) = true;
			break;
		}
		case ANALYZE_OPT_THREADS:
			if (strcmp(optarg, "1") && strcmp(optarg, "2")) {
				ww_error("--threads takes 1 (everything on one core) or 2 (reading and "
				         "decoding beside the engine), not '%s'", optarg);
				ww_netlist_release(&cfg.home);
				return WW_EXIT_USAGE;
			}
			threads = (unsigned)(optarg[0] - '0');
			break;
		case 'h':
			ww_netlist_release(&cfg.home);
			return cli_help(&p);
		default:
			ww_netlist_release(&cfg.home);
			return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	if (optind == dd && dd < argc) {
		/* "--" before any file: what follows are files */
		optind = dd + 1;
		dd = argc;
	} else if (dd < argc) {
		if (copts.filter) {
			ww_error(_("give the filter once: with -f/--filter or after \"--\", not both"));
			ww_netlist_release(&cfg.home);
			return cli_usage("analyze");
		}
		expr = cli_join_args(argv + dd + 1, argc - dd - 1);
		if (!expr) {
			ww_netlist_release(&cfg.home);
			return WW_EXIT_SOFTWARE;
		}
		copts.filter = expr;
		nargs = dd;
	}
	if (optind >= nargs) {
		ww_error("no capture file given");
		ww_netlist_release(&cfg.home);
		free(expr);
		return cli_usage("analyze");
	}
	if (copts.has_since && copts.has_until && copts.until_us < copts.since_us) {
		ww_error(_("--until is before --since"));
		ww_netlist_release(&cfg.home);
		free(expr);
		return cli_usage("analyze");
	}
	/* folders: the captures under them, by content, in path order */
	if (ww_capdir_expand(&files, argv + optind, (size_t)(nargs - optind)))
		goto nomem;
	if (files.n == 0) {
		ww_error(_("no capture found in the directories given"));
		ww_netlist_release(&cfg.home);
		ww_pathlist_release(&files);
		free(expr);
		return WW_EXIT_NOINPUT;
	}
	paths = files.v;
	npaths = files.n;
	copts.skip_bad = npaths > 1;
	copts.stop = cli_stop_catch();
	if (!home_given && ww_netlist_add_private(&cfg.home))
		goto nomem;
	/* the packets are found on a second pass (cli_evidence.h) */
	if (evidence && cli_evidence_check(evidence, paths, npaths)) {
		ww_pathlist_release(&files);
		ww_netlist_release(&cfg.home);
		free(expr);
		return WW_EXIT_USAGE;
	}
	ww_report_init(&r, "analyze");
	rc = run_once(paths, npaths, &cfg, &r, &e, &cap, &run, threads, &progress, &copts);
	if (rc && rc != WW_ERR_FORMAT) {
		/* the files could not be opened: nothing was read (or a signal
		 * came before the first packet: its status) */
		status = cli_stop_signal() ? cli_stop_status() : ww_rc_exit(rc);
		goto out;
	}
	if (!rc && e && !home_given && !ww_engine_saw_private(e) && !cap.interrupted &&
	    !rereadable(paths, npaths)) {
		ww_report_warning(&r, "the capture holds no private (RFC 1918, ULA or link-local) "
		                  "addresses, and a stream cannot be read twice to judge every "
		                  "source: pass --home-net to choose the inside network");
	} else if (!rc && e && !home_given && !ww_engine_saw_private(e) && !cap.interrupted) {
		/* nothing inside a private range: judge every source instead */
		ww_engine_free(e);
		e = NULL;
		ww_capture_close(&cap);
		ww_report_release(&r);
		ww_report_init(&r, "analyze");
		cfg.judge_all = true;
		ww_diag_set_quiet(1); /* its warnings were printed by the first pass */
		rc = run_once(paths, npaths, &cfg, &r, &e, &cap, &run, threads, &progress, &copts);
		ww_diag_set_quiet(0);
		if (rc && rc != WW_ERR_FORMAT) {
			status = ww_rc_exit(rc);
			goto out;
		}
		ww_report_note(&r, false, "the capture holds no private (RFC 1918, ULA or link-local) "
		               "addresses, so every source was judged; pass --home-net to choose");
	}
	if (!e) {
		status = ww_rc_exit(rc ? rc : WW_ERR_FORMAT);
		goto out;
	}
	{
		ww_rc rrc = ww_engine_report(e, &r);
		if (rrc) {
			ww_error("cannot build the report: %s", ww_rc_str(rrc));
			status = WW_EXIT_SOFTWARE;
			goto out;
		}
	}
	ww_fields_int(&r, &r.input, "files", (long long)(cap.n - cap.n_skipped));
	ww_fields_int(&r, &r.input, "packets", (long long)cap.frames);
	ww_fields_int(&r, &r.input, "bytes", (long long)cap.bytes);
	ww_fields_int(&r, &r.input, "undecodable", (long long)run.decode_errors);
	ww_fields_int(&r, &r.input, "cut_frames", (long long)run.truncated_frames);
	ww_fields_int(&r, &r.input, "hosts_judged", (long long)ww_engine_hosts(e));
	if (copts.filter)
		ww_fields_int(&r, &r.input, "filtered_out", (long long)cap.filtered);
	if (copts.has_since || copts.has_until)
		ww_fields_int(&r, &r.input, "outside_window", (long long)cap.outside_window);
	if (cap.n_skipped) {
		unsigned j;
		ww_fields_int(&r, &r.input, "skipped_inputs", (long long)cap.n_skipped);
		for (j = 0; j < cap.n_skipped && j < WW_ARRAY_LEN(cap.skipped_msg); j++)
			ww_report_warning(&r, "%s", cap.skipped_msg[j]);
		if (cap.n_skipped > WW_ARRAY_LEN(cap.skipped_msg))
			ww_report_warning(&r, _("%u more inputs skipped (see the messages)"),
			                  cap.n_skipped - (unsigned)WW_ARRAY_LEN(cap.skipped_msg));
	}
	if (cap.interrupted)
		cli_stop_mark(&r);
	if (cap.out_of_order)
		ww_report_warning(&r, "%u packets were earlier than the packet before them; "
		                  "first-contact timing may be off", cap.out_of_order);
	ww_report_sort(&r);
	status = cli_emit_out(&r, &out);
	if (!status && evidence) {
		struct ww_evidence_stats es;
		status = cli_write_evidence(evidence, paths, npaths, &r, &es);
		if (!status)
			ww_note(_("%llu packets of %zu scanner or infected host(s) written to '%s'%s"),
			        (unsigned long long)es.written, es.culprits, evidence,
			        es.over_budget ? _(" (the first ones of each host only)") : "");
	}
	if (!status) {
		status = ww_report_network_exit(&r);
		if (rc == WW_ERR_FORMAT)
			status = WW_EXIT_DATAERR; /* partial results were reported above */
		else if (cap.skip_status)
			status = cap.skip_status; /* as host: 66 not opened, 65 not a capture */
		if (cap.interrupted)
			status = cli_stop_status();
	}
	goto out;
nomem:
	ww_error("%s", ww_rc_str(WW_ERR_NOMEM));
	ww_pathlist_release(&files);
	ww_netlist_release(&cfg.home);
	free(expr);
	return WW_EXIT_SOFTWARE;
out:
	ww_pathlist_release(&files);
	free(expr);
	ww_engine_free(e);
	ww_capture_close(&cap);
	ww_report_release(&r);
	ww_netlist_release(&cfg.home);
	return status;
}
