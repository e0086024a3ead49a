/* The kernel's live connection-tracking table: dumped through
 * libnetfilter_conntrack (netlink) when the library is built in and the
 * kernel answers, else read from /proc/net/nf_conntrack. Works inside the
 * network namespace the program runs in. */
#ifndef WW_INPUTS_CT_LIVE_H
#define WW_INPUTS_CT_LIVE_H

#include <stdint.h>

#include "router/ct.h"

typedef void (*ww_ct_live_fn)(void *ud, const struct ww_ct_entry *e);

/* Every entry to fn. *source names where they came from ("netlink" or the
 * /proc file). WW_ERR_IO (errno kept in *err) when neither works. */
ww_rc ww_ct_live_dump(ww_ct_live_fn fn, void *ud, const char **source, int *err);
/* The same from /proc/net/nf_conntrack only (the fallback, forced). */
ww_rc ww_ct_live_dump_proc(ww_ct_live_fn fn, void *ud, const char **source, int *err);
/* nf_conntrack_max and nf_conntrack_count from /proc/sys/net/netfilter. */
ww_rc ww_ct_live_max(uint64_t *max);
ww_rc ww_ct_live_count(uint64_t *count);

#endif
