/* `analyze DIR`: the captures under a folder, found by content (pcap or
 * pcapng, compressed or not: inputs/source.h), not by name. The walk goes
 * down every level, follows symbolic links to files, never the same folder
 * twice (device and inode remembered, so a link loop ends), at most
 * WW_CAPDIR_DEPTH levels and WW_CAPDIR_MAX captures; the list is sorted by
 * path (byte order) so that a run is the same from one day to the next. */
#ifndef WW_INPUTS_CAPDIR_H
#define WW_INPUTS_CAPDIR_H

#include <stddef.h>

#include "core/result.h"

#define WW_CAPDIR_DEPTH 32
#define WW_CAPDIR_MAX 100000

struct ww_pathlist {
	char **v;
	size_t n, cap;
	size_t others;     /* regular files seen that are not captures */
	size_t unreadable; /* entries that could not be looked at */
	size_t loops;      /* folders reached a second time (link loops), not walked again */
};

/* Append dir's captures to l (sorted among themselves). WW_ERR_IO when dir
 * cannot be opened (errno kept), WW_ERR_LIMIT past WW_CAPDIR_MAX (the
 * list so far kept), WW_ERR_NOMEM. */
ww_rc ww_capdir_add(struct ww_pathlist *l, const char *dir);
/* The command line's inputs: a folder becomes the captures under it
 * (warned about when it has none, or more than WW_CAPDIR_MAX), anything
 * else ("-", a file, a name that does not exist) is kept as given for the
 * capture reader to open or refuse. WW_ERR_NOMEM only. */
ww_rc ww_capdir_expand(struct ww_pathlist *l, char *const *args, size_t n);
/* Append one path as given. */
ww_rc ww_pathlist_add(struct ww_pathlist *l, const char *path);
void ww_pathlist_release(struct ww_pathlist *l);

#endif
