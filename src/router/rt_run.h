/* One run over router evidence: log files or conntrack tables go line by
 * line through the dialect parsers into the router's accounting and the
 * detection engine; the result is one ww_report. Used
 * by the nat and logs commands (and their fuzz harnesses). */
#ifndef WW_ROUTER_RT_RUN_H
#define WW_ROUTER_RT_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "findings/finding.h"
#include "router/ct.h"
#include "router/rlog.h"
#include "router/rt_acct.h"
#include "router/rt_judge.h"
#include "router/rt_map.h"

#define WW_RT_MAX_DIALECTS 8
#define WW_RT_EXAMPLES 3

struct ww_attempt;

struct ww_rt_run {
	struct ww_rt_acct acct;
	struct ww_rlog_ctx ctx;
	struct ww_engine *engine;  /* NULL: the router's own verdicts only */
	/* set after init: every attempt goes here instead of the engine (the
	 * cluster's sensor publishes them; see src/cluster/) */
	void (*on_attempt)(void *ud, const struct ww_attempt *a);
	void *attempt_ud;
	struct ww_netlist engine_home; /* the engine keeps a shallow copy: lives as long */
	int hint;                  /* dialect of the last line read */
	int64_t now_us;            /* time given to table entries (they carry none) */
	uint64_t lines, parsed, no_attempt, unknown, cut, blank;
	const char *cut_file;   /* the first over-long line skipped: its file */
	unsigned long cut_line; /* and line number */
	uint64_t per_dialect[WW_RT_MAX_DIALECTS];
	uint64_t ct_proc, ct_tool, ct_summary; /* table lines by form; the summary's count */
	bool have_summary;         /* in the file being read */
	const char *summary_off_file; /* the first dump whose summary disagrees */
	uint64_t summary_said, summary_read;
	bool live;                 /* entries came from the kernel, not from lines */
	struct {
		char *file;
		unsigned long line;
	} examples[WW_RT_EXAMPLES];  /* first lines not understood */
	size_t n_examples;
	/* called after every line read from a file (a progress line; NULL:
	 * none): bytes and lines so far, inside hosts accounted */
	void (*on_line)(void *ud, uint64_t bytes, uint64_t lines, size_t hosts);
	void *on_line_ud;
	uint64_t bytes_read;
	const volatile sig_atomic_t *stop; /* set (SIGINT/SIGTERM): stop reading */
	/* several dumps as snapshots of one table (ww_rt_run_snapshots): an
	 * entry whose 5-tuple an earlier snapshot held is the same connection,
	 * counted once */
	struct ww_rt_map *seen;
	uint64_t dups;             /* entries skipped as seen before */
	uint32_t snap;             /* files read so far (the snapshot's number) */
	bool have_stamp;           /* a line carried its time ([SECONDS.USEC]) */
	int64_t first_stamp_us;    /* the first such time since have_stamp was cleared */
	bool interrupted;          /* reading stopped on *stop: the report is partial */
};

struct ww_rt_run_opts {
	const char *home;   /* CIDR list or NULL (private ranges) */
	int year;           /* for stamps without one; 0 = this year */
	bool use_engine;    /* feed the engine as well (false: router verdicts only) */
	uint64_t seed;      /* 0 = random hash keys */
	bool small_engine;  /* small engine tables (fuzzing, tests): 256 hosts */
};

ww_rc ww_rt_run_init(struct ww_rt_run *run, const struct ww_rt_run_opts *o, char *err,
                     size_t errlen);
void ww_rt_run_release(struct ww_rt_run *run);

/* One log line (file and line number name it in warnings). */
void ww_rt_run_log_line(struct ww_rt_run *run, const char *line, size_t len, const char *file,
                        unsigned long lineno);
/* One table line in either form. */
void ww_rt_run_ct_line(struct ww_rt_run *run, const char *line, size_t len, const char *file,
                       unsigned long lineno);
/* One table entry (live dumps). */
void ww_rt_run_ct_entry(struct ww_rt_run *run, const struct ww_ct_entry *e);

/* The time a table line carries (conntrack -E -o timestamp:
 * "[1790253007.123456] [NEW] tcp ..."): true and *us set, else false. */
bool ww_rt_line_stamp(const char *line, size_t len, int64_t *us);

/* Treat the table dumps read from now on as snapshots of one table: an
 * entry already seen (protocol and original 5-tuple) is not counted again.
 * At most max distinct connections are remembered (then counted as new). */
ww_rc ww_rt_run_snapshots(struct ww_rt_run *run, size_t max);

/* Read a whole file ("-" = stdin; compressed files decompressed) through
 * one of the two line functions. WW_ERR_IO: it could not be opened or read;
 * WW_ERR_FORMAT: it is not text of this kind (nothing in it understood:
 * the message names what it looks like), or its compressed data was
 * damaged (what was read before counts). Each is printed here. */
ww_rc ww_rt_run_file(struct ww_rt_run *run, const char *path, bool table);

/* Write the verdicts, sections and input counts into r. table: NULL for logs. */
ww_rc ww_rt_run_report(struct ww_rt_run *run, const struct ww_rt_table *table,
                       struct ww_report *r);

#endif
