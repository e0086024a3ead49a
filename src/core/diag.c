/* Diagnostics: one message style for the whole program. */
#include "core/result.h"

#include <stdio.h>

static int diag_quiet; /* set once at start-up by tests and fuzzers */

void ww_diag_set_quiet(int quiet) { diag_quiet = quiet; }

const char *ww_rc_str(ww_rc rc)
{
	switch (rc) {
	case WW_OK: return "ok";
	case WW_ERR_USAGE: return "usage error";
	case WW_ERR_IO: return "i/o error";
	case WW_ERR_FORMAT: return "bad format";
	case WW_ERR_TRUNCATED: return "truncated";
	case WW_ERR_NOMEM: return "out of memory";
	case WW_ERR_LIMIT: return "limit reached";
	case WW_ERR_UNSUPPORTED: return "unsupported";
	case WW_ERR_NOTFOUND: return "not found";
	}
	return "unknown error";
}

int ww_rc_exit(ww_rc rc)
{
	switch (rc) {
	case WW_OK: return WW_EXIT_CLEAN;
	case WW_ERR_USAGE: return WW_EXIT_USAGE;
	case WW_ERR_IO: return WW_EXIT_NOINPUT;
	case WW_ERR_FORMAT:
	case WW_ERR_TRUNCATED:
	case WW_ERR_UNSUPPORTED: return WW_EXIT_DATAERR;
	default: return WW_EXIT_SOFTWARE;
	}
}

void ww_verror(const char *fmt, va_list ap)
{
	if (diag_quiet)
		return;
	fputs("wormwatch: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void ww_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ww_verror(fmt, ap);
	va_end(ap);
}

void ww_warn(const char *fmt, ...)
{
	va_list ap;
	if (diag_quiet)
		return;
	va_start(ap, fmt);
	fputs("wormwatch: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
