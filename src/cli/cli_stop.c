/* SIGINT and SIGTERM during a run over files (analyze, logs, nat): the
 * readers look at the flag between blocks, stop, and the command reports
 * what was judged so far, marked partial, with exit status 128 + the
 * signal (130 for INT, 143 for TERM), as a shell reports a killed
 * program. */
#include "core/common.h"
#include "core/i18n.h"
#include "cli/commands.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_sig;

static void on_stop(int sig)
{
	stop_sig = sig;
}

const volatile sig_atomic_t *cli_stop_catch(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: a blocked read returns */
	sigemptyset(&sa.sa_mask);
	stop_sig = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return &stop_sig;
}

int cli_stop_signal(void)
{
	return (int)stop_sig;
}

void cli_stop_mark(struct ww_report *r)
{
	int sig = (int)stop_sig;
	ww_fields_bool(r, &r->input, "partial", true);
	ww_report_warning(r, _("interrupted by %s: the report covers only what was read before "
	                       "it (partial)"), sig == SIGTERM ? "SIGTERM" : "SIGINT");
}

int cli_stop_status(void)
{
	return stop_sig ? 128 + (int)stop_sig : 0;
}
