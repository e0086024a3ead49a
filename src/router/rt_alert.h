/* Live alerts as they happen: one JSON object per line to a file (for a
 * log shipper or a SIEM), and a readable line on stderr. The file is opened
 * in append mode and can be reopened after log rotation (SIGHUP). Every
 * write is checked; the first failure is kept and reported once. */
#ifndef WW_ROUTER_RT_ALERT_H
#define WW_ROUTER_RT_ALERT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "state/engine.h"

struct ww_alert_sink {
	char *path;       /* NULL: stderr only */
	FILE *f;
	int err;          /* errno of the first failed write, 0 if none */
	bool err_told;
	uint64_t alerts;
	bool quiet;       /* no stderr line */
};

ww_rc ww_alert_sink_open(struct ww_alert_sink *s, const char *path);
/* Close and open the file again (after rotation). */
ww_rc ww_alert_sink_reopen(struct ww_alert_sink *s);
void ww_alert_sink_close(struct ww_alert_sink *s);
/* Write one alert; emitted_us is the wall-clock time of writing. */
void ww_alert_sink_write(struct ww_alert_sink *s, const struct ww_alert *a, int64_t emitted_us);
/* One alert as a JSON line (no newline) into buf; returns its length or 0. */
size_t ww_alert_json(const struct ww_alert *a, int64_t emitted_us, char *buf, size_t len);

#endif
