/* The one result type. Every fallible function returns a ww_rc; callers
 * propagate it with `if (rc) return rc;`. Messages go through ww_error()
 * and ww_warn(): lower-case, no trailing period, the subject quoted, and the
 * file plus byte offset or line where input was bad. */
#ifndef WW_CORE_RESULT_H
#define WW_CORE_RESULT_H

#include <stdarg.h>

typedef enum ww_rc {
	WW_OK = 0,
	WW_ERR_USAGE,       /* bad command line */
	WW_ERR_IO,          /* open/read/write failed (errno-style) */
	WW_ERR_FORMAT,      /* input is not of the expected format / corrupt */
	WW_ERR_TRUNCATED,   /* input ends before a structure does */
	WW_ERR_NOMEM,       /* allocation failed */
	WW_ERR_LIMIT,       /* a hard cap was reached */
	WW_ERR_UNSUPPORTED, /* valid but not handled (link type, version) */
	WW_ERR_NOTFOUND     /* lookup missed (not an error for most callers) */
} ww_rc;

const char *ww_rc_str(ww_rc rc);

/* Exit statuses. 0..3 carry the Kido removal tool's meanings. */
enum {
	WW_EXIT_CLEAN = 0,      /* nothing found */
	WW_EXIT_ATTACKED = 1,   /* scanners/suspicious only, or clean host under attack */
	WW_EXIT_TRACES = 2,     /* traces of an infection, nothing active */
	WW_EXIT_INFECTED = 3,   /* an active infection was seen */
	WW_EXIT_USAGE = 64,     /* command line error (EX_USAGE) */
	WW_EXIT_DATAERR = 65,   /* input data was bad (EX_DATAERR) */
	WW_EXIT_NOINPUT = 66,   /* input could not be opened (EX_NOINPUT) */
	WW_EXIT_SOFTWARE = 70,  /* internal error */
	WW_EXIT_IOERR = 74,     /* output could not be written (EX_IOERR) */
	WW_EXIT_SANITIZER = 86  /* sanitizer builds: a sanitizer report (core/diag.c) */
};

/* "wormwatch CMD: error: <msg>" / "wormwatch CMD: warning: <msg>" on stderr
 * ("wormwatch: ..." before a command is chosen). */
void ww_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "wormwatch CMD: <msg>": something done that a person should know of
 * (where a file was written), escaped like the others. */
void ww_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ww_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ww_verror(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Quiet warnings (tests, fuzzers). */
void ww_diag_set_quiet(int quiet);
/* The subcommand the messages come from: "wormwatch analyze: error: ..."
 * (set once by the program before it runs the command; NULL: none). */
void ww_diag_set_command(const char *name);

/* Map a result to the exit status a program should use. */
int ww_rc_exit(ww_rc rc);

#endif
