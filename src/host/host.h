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
};

/* Fill r (command "host") with findings and the inventory; *level gets the
 * Kido meaning (0..3). Errors were printed with ww_error(). */
ww_rc ww_host_run(const struct ww_host_opts *o, struct ww_report *r, int *level);

#endif
