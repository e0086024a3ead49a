/* Diagnostics: one message style for the whole program. */
#include "core/result.h"
#include "core/escape.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>

static int diag_quiet; /* set once at start-up by tests and fuzzers */

static const char *diag_command; /* set once at start-up by the program */

void ww_diag_set_quiet(int quiet) { diag_quiet = quiet; }
void ww_diag_set_command(const char *name) { diag_command = name; }

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

/* The message is formatted first and then escaped as a whole: file names,
 * share names and anything else from the input that a message quotes reach
 * the terminal as \xNN, never as a control sequence. The format strings
 * are the code's own and hold no control bytes. */
static void diag_line(const char *prefix, const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list aq;
	int n;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (!msg)
			msg = small; /* cut, still escaped */
		else
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	fputs("wormwatch", stderr);
	if (diag_command) {
		fputc(' ', stderr);
		fputs(diag_command, stderr);
	}
	fputs(": ", stderr);
	fputs(prefix, stderr);
	ww_esc_text_file(stderr, msg);
	fputc('\n', stderr);
	if (msg != small)
		free(msg);
}

void ww_verror(const char *fmt, va_list ap)
{
	if (diag_quiet)
		return;
	/* the message in the reader's language (xgettext takes the formats
	 * of ww_error() and ww_warn() calls: po/update-pot.sh) */
	diag_line("error: ", _(fmt), ap);
}

void ww_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ww_verror(fmt, ap);
	va_end(ap);
}

void ww_note(const char *fmt, ...)
{
	va_list ap;
	if (diag_quiet)
		return;
	va_start(ap, fmt);
	diag_line("", _(fmt), ap);
	va_end(ap);
}

void ww_warn(const char *fmt, ...)
{
	va_list ap;
	if (diag_quiet)
		return;
	va_start(ap, fmt);
	diag_line("warning: ", _(fmt), ap);
	va_end(ap);
}

/* Sanitizer builds (the asan and tsan presets): a sanitizer report exits
 * with 86, a status of its own, never one of the verdicts 0..3 nor the
 * usage and input errors 64..74. ASAN_OPTIONS/UBSAN_OPTIONS/TSAN_OPTIONS in
 * the environment still win. These live here because diag.c is linked into
 * every program (the CLI, the tests, the fuzz replays). */
#define WW_SANITIZER_EXIT "86"
#if defined(__SANITIZE_ADDRESS__)
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "exitcode=" WW_SANITIZER_EXIT; }
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "exitcode=" WW_SANITIZER_EXIT ":print_stacktrace=1";
}
#endif
#if defined(__SANITIZE_THREAD__)
const char *__tsan_default_options(void);
const char *__tsan_default_options(void) { return "exitcode=" WW_SANITIZER_EXIT; }
#endif
