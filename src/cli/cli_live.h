/* The options `watch` and `nat --watch` share for the live page, alert
 * outputs and containment (src/live/). */
#ifndef WW_CLI_CLI_LIVE_H
#define WW_CLI_CLI_LIVE_H

#include "core/addr.h"
#include "live/liveout.h"
#include "cli/cli_out.h"

enum {
	CLI_OPT_HTTP = 300,
	CLI_OPT_CHART_JS,
	CLI_OPT_SYSLOG,
	CLI_OPT_EXEC,
	CLI_OPT_EXEC_TIMEOUT,
	CLI_OPT_CONTAIN,
	CLI_OPT_CONTAIN_TIMEOUT,
	CLI_OPT_NEVER
};

/* rows of a command's option table (cli_out.h) */
#define CLI_LIVE_OPTIONS                                                                      \
	{"http", CLI_OPT_HTTP, required_argument, "[ADDR:]PORT",                               \
	 N_("live page (127.0.0.1 unless ADDR given; then a token is printed)")},             \
	{"chart-js", CLI_OPT_CHART_JS, required_argument, "PATH|none",                         \
	 N_("Chart.js to serve (default: Debian's libjs-chart.js)")},                          \
	{"syslog", CLI_OPT_SYSLOG, no_argument, NULL, N_("alerts to the system log too")},      \
	{"exec", CLI_OPT_EXEC, required_argument, "PROG",                                      \
	 N_("run PROG per alert, the alert's JSON on its stdin")},                             \
	{"exec-timeout", CLI_OPT_EXEC_TIMEOUT, required_argument, "SECONDS",                   \
	 N_("kill PROG after this (default 10)")},                                             \
	{"contain", CLI_OPT_CONTAIN, optional_argument, "all",                                 \
	 N_("quarantine infected hosts in nftables table inet wormwatch (=all: scanners too)")}, \
	{"contain-timeout", CLI_OPT_CONTAIN_TIMEOUT, required_argument, "SECONDS",             \
	 N_("how long a host stays quarantined (default 3600)")},                              \
	{"never", CLI_OPT_NEVER, required_argument, "CIDR", N_("never quarantine these (repeatable)")}

/* Handle one of the options above: 1 taken, 0 not one of them, -1 bad
 * (the error is printed). */
int cli_live_opt(int c, const char *arg, struct ww_liveout_opts *o, struct ww_netlist *never);

#endif
