/* What the live page shows, made once per change on the capture thread and
 * published on the board: the report of the hosts as they stand (the same
 * JSON as `--json`, served as /api/hosts) and the state (counters, the new
 * destinations per second of each suspect host over the last two minutes,
 * the connection table's use and forecast, containment) with that report
 * inside it. */
#ifndef WW_LIVE_VIEW_H
#define WW_LIVE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "findings/finding.h"
#include "live/board.h"

#define WW_VIEW_SERIES 12    /* suspect hosts charted */
#define WW_VIEW_POINTS 120   /* samples kept, about one a second */

struct ww_view_stats {
	const char *command;        /* "watch" or "nat" */
	const char *source;         /* interface or table source */
	int64_t start_us, now_us;
	uint64_t packets, undecodable, hosts_judged, alerts;
	bool have_drops;
	uint64_t kernel_dropped, interface_dropped;
	unsigned clients;           /* event streams open */
	uint64_t clients_dropped;   /* streams dropped for not reading */
	const char *chart_note;     /* "" or why there are no charts */
	/* containment */
	const char *contain;        /* NULL: off; "worm ports" / "all traffic" */
	const char *contain_note;   /* why it is not working, or "" */
	uint64_t contained;
	/* the connection table (nat --watch) */
	bool nat;
	uint64_t entries, max;
	double rate;                /* entries per second */
	double eta_s;               /* seconds to full at this rate, < 0 unknown */
	const char *level;          /* "ok", "high", "full" */
};

struct ww_view;

ww_rc ww_view_new(struct ww_view **out);
void ww_view_free(struct ww_view *v);
/* Publish r and st on the board. */
ww_rc ww_view_publish(struct ww_view *v, struct ww_board *b, const struct ww_report *r,
                      const struct ww_view_stats *st);

#endif
