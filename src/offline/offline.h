/* `wormwatch host --offline ROOT`: triage of a Windows disk read from
 * Linux. The registry hives (through libhivex) and the file system around
 * them fill the same inventory `host` builds from command outputs
 * (host/host_inventory.h), so the same rules make the same findings, fixes
 * and exit status; what only a disk gives (the hive, the key's last-write
 * time, file times) is added to them, with a timeline of both. */
#ifndef WW_OFFLINE_OFFLINE_H
#define WW_OFFLINE_OFFLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "findings/finding.h"

struct ww_offline_opts {
	const char *root;       /* a mounted Windows volume or a folder laid out like one */
	bool has_since;         /* --since given */
	int64_t since_us;       /* the window starts here (Unix microseconds) */
	bool has_until;         /* --until given */
	int64_t until_us;       /* ... and ends here */
	const char *indicators; /* a user's own indicator directory, or NULL */
	const char *datadir;    /* shipped indicators: <datadir>/indicators */
	bool inventory;         /* add the inventory sections (--json) */
};

/* Fill r (command "host") with findings, the inventory and the timeline;
 * *level gets the Kido meaning (0..3) exactly as `host` decides it. Input
 * damage is a warning in the report; an error (the root cannot be read) is
 * printed with ww_error() and returned. */
ww_rc ww_offline_run(const struct ww_offline_opts *o, struct ww_report *r, int *level);

/* "2026-11-30T12:00:00Z", "2026-11-30T12:00:00.123456Z", "2026-11-30 12:00",
 * "2026-11-30" (UTC; a trailing "Z" optional) or "@SECONDS" to Unix
 * microseconds. */
ww_rc ww_offline_parse_time(const char *s, int64_t *us);

#endif
