#include "core/common.h"
#include "cli/cli_live.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <sys/socket.h>

static int secs(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

int cli_live_opt(int c, const char *arg, struct ww_liveout_opts *o, struct ww_netlist *never)
{
	char err[160];
	double v;
	switch (c) {
	case CLI_OPT_HTTP: {
		struct sockaddr_storage ss;
		size_t len;
		bool lo;
		if (ww_http_parse_listen(arg, &ss, &len, &lo, err, sizeof(err))) {
			ww_error("%s", err);
			return -1;
		}
		o->http = arg;
		return 1;
	}
	case CLI_OPT_CHART_JS: o->chart_js = arg; return 1;
	case CLI_OPT_SYSLOG: o->notify.syslog = true; return 1;
	case CLI_OPT_EXEC:
		if (!*arg) {
			ww_error("--exec needs a program");
			return -1;
		}
		o->notify.exec = arg;
		return 1;
	case CLI_OPT_EXEC_TIMEOUT:
		if (secs(arg, 0.1, 3600, &v)) {
			ww_error("bad --exec-timeout '%s' (seconds, 0.1 to 3600)", arg);
			return -1;
		}
		o->notify.exec_timeout_s = v;
		return 1;
	case CLI_OPT_CONTAIN:
		if (!arg || !strcmp(arg, "worms")) {
			o->contain = WW_CONTAIN_WORMS;
		} else if (!strcmp(arg, "all")) {
			o->contain = WW_CONTAIN_ALL;
		} else {
			ww_error("bad --contain '%s' (give nothing or 'all')", arg);
			return -1;
		}
		return 1;
	case CLI_OPT_CONTAIN_TIMEOUT:
		if (secs(arg, 1, 30 * 86400, &v)) {
			ww_error("bad --contain-timeout '%s' (seconds, 1 to 2592000)", arg);
			return -1;
		}
		o->contain_timeout_s = (unsigned)v;
		return 1;
	case CLI_OPT_NEVER:
		if (ww_netlist_parse(never, arg, err, sizeof(err))) {
			ww_error("bad --never '%s': %s", arg, err);
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}
