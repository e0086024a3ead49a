/* The live page's HTTP server (libmicrohttpd): the page and its script,
 * Chart.js from Debian's libjs-chart.js, Server-Sent Events (/events) and
 * a JSON API (/api/hosts, /api/alerts, /api/actions, /api/state), all from
 * a ww_board. One thread per connection, each blocked on the board, never
 * on the capture; a client that stops reading times out and is dropped,
 * one that falls more than the board's event ring behind is dropped too.
 *
 * Bound to 127.0.0.1 unless another address is given; then every request
 * for data must carry ?token=T, a random 128-bit token printed at start.
 * On loopback the Host header must name the loopback address (no DNS
 * rebinding). Every response forbids framing, sniffing and scripts from
 * anywhere but the page itself (Content-Security-Policy). */
#ifndef WW_LIVE_HTTP_H
#define WW_LIVE_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"
#include "live/board.h"

#define WW_HTTP_MAX_CLIENTS 128  /* connections at once (page, API and SSE) */
#define WW_HTTP_IDLE_S 10        /* a client that reads nothing this long is dropped */
#define WW_HTTP_HEARTBEAT_MS 3000

struct ww_http;

struct ww_http_opts {
	const char *listen;      /* "PORT", "ADDR:PORT" or "[V6ADDR]:PORT"; port 0 = any free */
	const char *chart_js;    /* path of Chart.js; NULL = Debian's libjs-chart.js */
};

/* Parse "PORT", "ADDR:PORT" or "[ADDR]:PORT" into a socket address;
 * loopback tells whether it is 127.0.0.0/8 or ::1. WW_ERR_USAGE with a
 * message in err when malformed. */
ww_rc ww_http_parse_listen(const char *s, void *sockaddr_storage, size_t *salen, bool *loopback,
                           char *err, size_t errlen);

ww_rc ww_http_start(struct ww_http **out, struct ww_board *b, const struct ww_http_opts *o,
                    char *err, size_t errlen);
/* The URL to open (with the token when one is needed). */
const char *ww_http_url(const struct ww_http *h);
/* A note when Chart.js was not found ("" otherwise). */
const char *ww_http_chart_note(const struct ww_http *h);
unsigned ww_http_sse_clients(const struct ww_http *h);
uint64_t ww_http_dropped(const struct ww_http *h);
/* Close the board first (ww_board_close) so that waiting streams end. */
void ww_http_stop(struct ww_http *h);

#endif
