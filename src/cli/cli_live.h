/* The options `watch` and `nat --watch` share for the live page, alert
 * outputs and containment (src/live/). */
#ifndef WW_CLI_CLI_LIVE_H
#define WW_CLI_CLI_LIVE_H

#include "core/addr.h"
#include "live/liveout.h"

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

#define CLI_LIVE_OPTIONS                                                   \
	{"http", required_argument, NULL, CLI_OPT_HTTP},                   \
	{"chart-js", required_argument, NULL, CLI_OPT_CHART_JS},           \
	{"syslog", no_argument, NULL, CLI_OPT_SYSLOG},                     \
	{"exec", required_argument, NULL, CLI_OPT_EXEC},                   \
	{"exec-timeout", required_argument, NULL, CLI_OPT_EXEC_TIMEOUT},   \
	{"contain", optional_argument, NULL, CLI_OPT_CONTAIN},             \
	{"contain-timeout", required_argument, NULL, CLI_OPT_CONTAIN_TIMEOUT}, \
	{"never", required_argument, NULL, CLI_OPT_NEVER}

#define CLI_LIVE_HELP                                                                        \
	"  --http [ADDR:]PORT     live page (127.0.0.1 unless ADDR given; then a token is printed)\n" \
	"  --chart-js PATH|none   Chart.js to serve (default: Debian's libjs-chart.js)\n"          \
	"  --syslog               alerts to the system log too\n"                                 \
	"  --exec PROG            run PROG per alert, the alert's JSON on its stdin\n"            \
	"  --exec-timeout SECONDS kill PROG after this (default 10)\n"                           \
	"  --contain[=all]        quarantine infected hosts in nftables table inet wormwatch\n"   \
	"                         (=all: scanners too, and all their forwarded traffic)\n"       \
	"  --contain-timeout SECONDS  how long a host stays quarantined (default 3600)\n"        \
	"  --never CIDR           never quarantine these (repeatable)\n"

/* Handle one of the options above: 1 taken, 0 not one of them, -1 bad
 * (the error is printed). */
int cli_live_opt(int c, const char *arg, struct ww_liveout_opts *o, struct ww_netlist *never);

#endif
