/* Live alerts as they happen: one JSON object per line to a file (for a
 * log shipper or a SIEM), and a readable line on stderr. The file is opened
 * with O_APPEND and O_NOFOLLOW (a symbolic link planted where the file
 * should be is refused, never followed as root) and can be reopened after
 * log rotation (SIGHUP). Each line is written whole or not at all: it is
 * built first and handed to one write(2); a short write (a full disk) is
 * cut back with ftruncate to where the line began, so a reader never sees
 * half a line and the next alert never lands on one. Alerts that could not
 * be written are counted (lost); the first failure is reported once. */
#ifndef WW_ROUTER_RT_ALERT_H
#define WW_ROUTER_RT_ALERT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "state/engine.h"

struct ww_alert_sink {
	char *path;       /* NULL: stderr only */
	int fd;           /* -1: none */
	int err;          /* errno of the first failed write, 0 if none */
	int open_err;     /* errno of the last failed open or reopen */
	bool err_told;
	uint64_t alerts;
	uint64_t lost;    /* alerts not written to the file */
	bool quiet;       /* no stderr line */
};

/* WW_ERR_IO with s->err set (ELOOP: path is a symbolic link; EINVAL: not a
 * regular file). */
ww_rc ww_alert_sink_open(struct ww_alert_sink *s, const char *path);
/* A phrase for the error of open or reopen ("it is a symbolic link ..."). */
const char *ww_alert_sink_strerror(const struct ww_alert_sink *s);
/* Close and open the file again (after rotation). */
ww_rc ww_alert_sink_reopen(struct ww_alert_sink *s);
void ww_alert_sink_close(struct ww_alert_sink *s);
/* Write one alert; emitted_us is the wall-clock time of writing. */
void ww_alert_sink_write(struct ww_alert_sink *s, const struct ww_alert *a, int64_t emitted_us);
/* One alert as a JSON line (no newline) into buf; returns its length or 0. */
size_t ww_alert_json(const struct ww_alert *a, int64_t emitted_us, char *buf, size_t len);

#endif
