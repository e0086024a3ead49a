/* Alerts to where people read them, off the capture path: the system log
 * (syslog(3): facility daemon, RFC 5424 severities) and a command run per
 * alert with the alert's JSON on its standard input (posix_spawn, never a
 * shell, nothing from the input on its command line, its standard output
 * sent to our standard error, killed after a time limit, always reaped).
 *
 * The capture thread only copies the message into a bounded queue and
 * signals; a thread of its own does the writing and the spawning. When the
 * queue is full the message is dropped and counted, never waited for. */
#ifndef WW_LIVE_NOTIFY_H
#define WW_LIVE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

#define WW_NOTIFY_QUEUE 256     /* messages waiting at most */
#define WW_NOTIFY_CHILDREN 4    /* commands running at once at most */

struct ww_notify_opts {
	bool syslog;
	const char *exec;          /* program to run per alert, NULL for none */
	double exec_timeout_s;     /* killed after this (default 10) */
};

struct ww_notify;

ww_rc ww_notify_start(struct ww_notify **out, const struct ww_notify_opts *o, char *err,
                      size_t errlen);
/* Queue one message. severity: a LOG_* level; text: one line for the log
 * (control bytes are shown as '?'); json: the alert for the command's stdin
 * (NULL: the log only, e.g. a containment action). Never blocks. */
void ww_notify_send(struct ww_notify *n, int severity, const char *text, const char *json,
                    size_t json_len);
/* Messages dropped because the queue was full, commands that failed to
 * start, commands killed for running too long, commands that exited
 * non-zero. */
struct ww_notify_stats {
	uint64_t sent, dropped, spawn_failed, killed, failed;
};
void ww_notify_stats(struct ww_notify *n, struct ww_notify_stats *st);
/* Finish the queue (commands get their time limit), then stop; the final
 * counts into *final (may be NULL). */
void ww_notify_stop(struct ww_notify *n, struct ww_notify_stats *final);

#endif
