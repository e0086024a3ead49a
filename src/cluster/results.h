/* Reading the verdicts back: the final message of every partition on
 * WW_VERDICTS merged into one report, as analyze would have written it
 * (docs/cluster.md). */
#ifndef WW_CLUSTER_RESULTS_H
#define WW_CLUSTER_RESULTS_H

#include <stdint.h>
#include <stdio.h>

#include "cluster/bus.h"
#include "findings/finding.h"

struct ww_results_counts {
	uint32_t partitions, finals;
	uint64_t published, applied, duplicates, late, rejected;
	uint64_t lost, doubled; /* per partition and sensor: published - applied, each way */
	uint64_t host_records;  /* sum of the per-host counts */
};

/* Wait up to wait_ms for every partition's final message. Fills r (the
 * hosts of every partition, notes, warnings, the next steps, the input
 * counts) and c; counts_out, if given, gets one line per partition and
 * sensor ("partition sensor published applied"). WW_ERR_NOTFOUND when
 * some partition has no final verdicts (r then holds the others, with a
 * warning). */
ww_rc ww_results_load(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                      struct ww_results_counts *c, FILE *counts_out);
/* The same as things stand: ask every judge (ww.ctl.report) for the hosts
 * of the partitions it holds and wait up to wait_ms for the answers; a
 * partition already finished gives its final message. */
ww_rc ww_results_load_live(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                           struct ww_results_counts *c, FILE *counts_out);
/* One final message (JSON) merged into r: exposed for the fuzz harness. */
ww_rc ww_results_merge_final(const char *json, size_t len, struct ww_report *r,
                             struct ww_results_counts *c, FILE *counts_out, unsigned *steps_rank);

/* The alerts on WW_VERDICTS and how long each took: from the moment the
 * record that raised it was stored in WW_RECORDS to the moment the alert
 * was stored (both the server's clock). lat_us (malloc'd, sorted) gets one
 * figure per alert whose record is still in the stream. */
ww_rc ww_results_latency(struct ww_bus *b, int64_t **lat_us, size_t *n, size_t *alerts);

#endif
