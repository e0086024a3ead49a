/* `wormwatch host`: what on the suspect machine is doing it, and what the
 * worm changed. The library entry point; src/cli/cmd_host.c is the thin
 * program side. */
#ifndef WW_HOST_HOST_H
#define WW_HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/finding.h"

struct ww_host_opts {
	char *const *paths;     /* files or collection folders */
	size_t n_paths;
	bool live;              /* this Linux machine, now */
	const char *network;    /* analyze --json output, or NULL */
	const char *indicators; /* a user's own indicator directory, or NULL */
	const char *datadir;    /* shipped indicators: <datadir>/indicators */
	bool inventory;         /* add the "sockets" and "processes" sections */
	int *skipped_status;    /* out, may be NULL: 0, or 66 (an input could not
	                         * be opened) / 65 (an input was bad) when inputs
	                         * were skipped and the rest reported */
};

/* Fill r (command "host") with findings and the inventory; *level gets the
 * Kido meaning (0..3). Errors were printed with ww_error(). An input that
 * cannot be read is warned about and skipped (o->skipped_status); when
 * every input was skipped and nothing was read, the result is WW_ERR_IO or
 * WW_ERR_FORMAT as before. */
ww_rc ww_host_run(const struct ww_host_opts *o, struct ww_report *r, int *level);

#endif
