/* Everything `watch` and `nat --watch` do live beyond the alert file: the
 * page (board + HTTP server + view), the alerts to syslog and to a command,
 * and containment. The capture loop calls ww_liveout_alert() from the
 * engine's alert callback and ww_liveout_due()/ww_liveout_publish() between
 * polls; nothing here waits on a browser. */
#ifndef WW_LIVE_LIVEOUT_H
#define WW_LIVE_LIVEOUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/addr.h"
#include "live/board.h"
#include "live/http.h"
#include "live/notify.h"
#include "live/quarantine.h"
#include "live/view.h"
#include "state/engine.h"

enum ww_contain_mode { WW_CONTAIN_OFF = 0, WW_CONTAIN_WORMS, WW_CONTAIN_ALL };

struct ww_liveout_opts {
	const char *command;        /* "watch" or "nat" */
	const char *http;           /* listen address, NULL: no page */
	const char *chart_js;
	struct ww_notify_opts notify;
	enum ww_contain_mode contain;
	unsigned contain_timeout_s;
	const struct ww_netlist *never;
};

struct ww_liveout {
	struct ww_liveout_opts o;
	struct ww_board *board;
	struct ww_http *http;
	struct ww_view *view;
	struct ww_notify *notify;
	struct ww_quarantine *q;
	int64_t last_pub_us;
	bool dirty;
	uint64_t contained;
	char contain_note[480];
	/* hosts already alerted on by ww_liveout_report_alerts */
	struct {
		struct ww_addr addr;
		enum ww_verdict verdict;
	} *told;
	size_t n_told, cap_told;
	uint64_t alerts;
	/* --format jsonl: ww_liveout_report_alerts writes each alert's line
	 * here as it comes (NULL: not); lines that could not be written */
	FILE *jl;
	uint64_t jl_lost;
};

/* Start what the options ask for. Errors are printed; a usage or listen
 * error returns non-zero. Containment that nftables refuses is not an
 * error: one line says what it needs and the rest goes on. */
ww_rc ww_liveout_start(struct ww_liveout *lo, const struct ww_liveout_opts *o);
bool ww_liveout_page(const struct ww_liveout *lo);
/* An alert (json: its JSON line, as in the alert file). */
void ww_liveout_alert(struct ww_liveout *lo, const struct ww_alert *a, const char *json,
                      size_t json_len);
/* For inputs judged by whole reports (nat --watch): an alert, as watch
 * would send it, for every host of r that is scanner or worse for the first
 * time or turned from scanner to infected; ts_us is the sample's time. The
 * alert JSON goes to the alert file too when sink is not NULL, and as a
 * line to lo->jl when set. Returns the number of alerts. */
struct ww_alert_sink;
size_t ww_liveout_report_alerts(struct ww_liveout *lo, const struct ww_report *r, int64_t ts_us,
                                struct ww_alert_sink *sink);
/* A plain event for the log and the page (the table filling, say). */
void ww_liveout_event(struct ww_liveout *lo, int severity, const char *text);
/* Is it time to publish the state again (after a change: 200 ms at most;
 * otherwise once a second)? */
bool ww_liveout_due(const struct ww_liveout *lo, int64_t now_us);
/* Publish r and st (the containment and client fields of st are filled
 * here). */
void ww_liveout_publish(struct ww_liveout *lo, const struct ww_report *r,
                        struct ww_view_stats *st);
/* Stop the server and the alert thread (their counts go to stderr). */
void ww_liveout_stop(struct ww_liveout *lo);

#endif
