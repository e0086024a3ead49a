/* nat on several dumps without --watch (issue 13): they are snapshots of
 * one table in time, not one bigger table.
 *  - each snapshot's time is the time its first lines carry (conntrack -E
 *    -o timestamp: "[1764496800.250000] [NEW] tcp ..."), else the file's
 *    modification time, else unknown (standard input); `from` says which;
 *  - they are read in time order (the command line breaks ties);
 *  - the table's size is the biggest snapshot's;
 *  - the accounting sees the union: an entry whose protocol and original
 *    5-tuple an earlier snapshot held is the same connection, counted once
 *    (ww_rt_run_snapshots), and a host's share of the table is the most it
 *    held in one snapshot (ww_rt_acct_held);
 *  - a dump that cannot be read or understood is skipped (its message
 *    printed) and the status says so, as for logs and host. */
#ifndef WW_ROUTER_RT_SNAP_H
#define WW_ROUTER_RT_SNAP_H

#include <stdbool.h>
#include <stdint.h>

#include "findings/finding.h"
#include "router/rt_judge.h"
#include "router/rt_run.h"

#define WW_RT_SNAP_MAX ((size_t)1 << 22) /* distinct connections remembered */

struct ww_rt_snap {
	const char *file;
	int64_t t_us;
	const char *from;  /* where the time came from: "content", "mtime", "unknown" */
	uint64_t entries;  /* the table's size in this snapshot */
	bool skipped;      /* could not be read or understood */
	int pos;           /* on the command line (breaks ties in time) */
};

struct ww_rt_snaps {
	struct ww_rt_snap *v;
	int n;
	int skipped, skip_status; /* 66 one not opened, 65 one not understood */
	int biggest;
};

/* Read files[0..n) into run (fresh from ww_rt_run_init) as snapshots; tbl
 * gets the biggest snapshot's size (and a guessed max when it has none),
 * source its file. WW_ERR_IO/FORMAT when no dump could be read (said),
 * WW_ERR_NOMEM. */
ww_rc ww_rt_snaps_read(struct ww_rt_snaps *ss, char *const *files, int n, struct ww_rt_run *run,
                       struct ww_rt_table *tbl, const char **source);
/* The snapshots section (file, time, time_from, entries), the input counts
 * (snapshots, repeated_entries, skipped_inputs) and a note that says how
 * they were read. */
void ww_rt_snaps_report(const struct ww_rt_snaps *ss, const struct ww_rt_run *run,
                        struct ww_report *r);
void ww_rt_snaps_release(struct ww_rt_snaps *ss);

#endif
