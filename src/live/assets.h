/* The page's own files (src/live/assets/), built into the program by
 * src/live/sources.cmake so that nothing is fetched from the network or the
 * file system at run time (Chart.js aside, which Debian ships). */
#ifndef WW_LIVE_ASSETS_H
#define WW_LIVE_ASSETS_H

#include <stddef.h>

struct ww_asset {
	const char *path;   /* URL path, e.g. "/app.js" */
	const char *mime;
	const unsigned char *data;
	size_t len;
};

extern const struct ww_asset ww_live_assets[];
extern const size_t ww_live_n_assets;

#endif
