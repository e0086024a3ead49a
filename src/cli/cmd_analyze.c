/* wormwatch analyze: packet captures -> decode -> engine -> report. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "cli/cli_evidence.h"
#include "cli/cli_progress.h"
#include "decode/packet.h"
#include "inputs/capture.h"
#include "state/feed.h"
#include "state/engine.h"

#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ANALYZE_OPT_THREADS = 256 };

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

static uint64_t input_bytes(char *const *files, size_t n)
{
	uint64_t sum = 0;
	struct stat st;
	size_t i;
	for (i = 0; i < n; i++)
		if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
			sum += (uint64_t)st.st_size;
	return sum;
}

static ww_rc run_once(char *const *files, size_t n, const struct ww_engine_config *cfg,
                      struct ww_report *r, struct ww_engine **out, struct ww_capture *cap,
                      struct analyze_run *run, unsigned threads, struct cli_progress *progress)
{
	ww_rc rc, crc;
	memset(run, 0, sizeof(*run));
	run->progress = progress;
	cli_progress_init(progress, "analyze", N_("packets"), input_bytes(files, n));
	if ((rc = ww_capture_open(cap, files, n)))
		return rc;
	if ((rc = ww_engine_new(cfg, out))) {
		ww_error("cannot start the engine: %s", ww_rc_str(rc));
		return rc;
	}
	run->e = *out;
	run->r = r;
	if (threads == 2 && input_bytes(files, n) >= WARM_BYTES)
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
	int c, k, status;
	ww_rc rc;

	ww_engine_config_init(&cfg);
	cli_out_init(&out, "analyze");
	cli_parse_init(&p, "analyze", opts, false);
	while ((c = cli_next(&p, argc, argv)) != -1) {
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
	if (optind >= argc) {
		ww_error("no capture file given");
		ww_netlist_release(&cfg.home);
		return cli_usage("analyze");
	}
	/* the packets are found on a second pass (cli_evidence.h) */
	if (evidence && cli_evidence_check(evidence, argv + optind, (size_t)(argc - optind))) {
		ww_netlist_release(&cfg.home);
		return WW_EXIT_USAGE;
	}
	if (!home_given && ww_netlist_add_private(&cfg.home)) {
		ww_netlist_release(&cfg.home);
		return WW_EXIT_SOFTWARE;
	}
	ww_report_init(&r, "analyze");
	rc = run_once(argv + optind, (size_t)(argc - optind), &cfg, &r, &e, &cap, &run, threads, &progress);
	if (rc && rc != WW_ERR_FORMAT) {
		/* the files could not be opened: nothing was read */
		status = ww_rc_exit(rc);
		goto out;
	}
	if (!rc && e && !home_given && !ww_engine_saw_private(e) &&
	    !rereadable(argv + optind, (size_t)(argc - optind))) {
		ww_report_warning(&r, "the capture holds no private (RFC 1918, ULA or link-local) "
		                  "addresses, and a stream cannot be read twice to judge every "
		                  "source: pass --home-net to choose the inside network");
	} else if (!rc && e && !home_given && !ww_engine_saw_private(e)) {
		/* nothing inside a private range: judge every source instead */
		ww_engine_free(e);
		e = NULL;
		ww_capture_close(&cap);
		ww_report_release(&r);
		ww_report_init(&r, "analyze");
		cfg.judge_all = true;
		ww_diag_set_quiet(1); /* its warnings were printed by the first pass */
		rc = run_once(argv + optind, (size_t)(argc - optind), &cfg, &r, &e, &cap, &run, threads, &progress);
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
	ww_fields_int(&r, &r.input, "files", (long long)cap.n);
	ww_fields_int(&r, &r.input, "packets", (long long)cap.frames);
	ww_fields_int(&r, &r.input, "bytes", (long long)cap.bytes);
	ww_fields_int(&r, &r.input, "undecodable", (long long)run.decode_errors);
	ww_fields_int(&r, &r.input, "cut_frames", (long long)run.truncated_frames);
	ww_fields_int(&r, &r.input, "hosts_judged", (long long)ww_engine_hosts(e));
	if (cap.out_of_order)
		ww_report_warning(&r, "%u packets were earlier than the packet before them; "
		                  "first-contact timing may be off", cap.out_of_order);
	ww_report_sort(&r);
	status = cli_emit_out(&r, &out);
	if (!status && evidence) {
		struct ww_evidence_stats es;
		status = cli_write_evidence(evidence, argv + optind, (size_t)(argc - optind), &r, &es);
		if (!status)
			ww_note(_("%llu packets of %zu scanner or infected host(s) written to '%s'%s"),
			        (unsigned long long)es.written, es.culprits, evidence,
			        es.over_budget ? _(" (the first ones of each host only)") : "");
	}
	if (!status) {
		status = ww_report_network_exit(&r);
		if (rc == WW_ERR_FORMAT)
			status = WW_EXIT_DATAERR; /* partial results were reported above */
	}
out:
	ww_engine_free(e);
	ww_capture_close(&cap);
	ww_report_release(&r);
	ww_netlist_release(&cfg.home);
	return status;
}
