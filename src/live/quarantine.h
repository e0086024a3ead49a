/* Containment on a Linux gateway through libnftables: a host judged
 * infected goes into a quarantine set of the table `inet wormwatch`, with a
 * timeout. The table is the one `wormwatch contain --apply` loads (sets
 * allow4/6, home4/6, quarantine4/6): elements added here are honoured by
 * its chains, and `nft delete table inet wormwatch` (contain --undo)
 * releases everyone. `watch` adds its own base chains to that table
 * (watch_forward, watch_input) and two sets of its own:
 *   quarantine4/6        everything the host sends through the gateway is
 *                        dropped (--contain=all; the same set as contain)
 *   quarantine_ports4/6  the host's new connections to worm ports (TCP 135,
 *                        139, 445, ... and UDP 137, 138, 1434) are dropped
 *                        (--contain), everything else passes
 * Addresses on the allowlist (allow4/6: the gateway's own addresses and
 * default routers, the DNS servers of /etc/resolv.conf, the admin's address
 * from SSH_CONNECTION, --never) are never added, here nor in the kernel's
 * rules. */
#ifndef WW_LIVE_QUARANTINE_H
#define WW_LIVE_QUARANTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"

struct ww_quarantine_opts {
	bool all;                     /* all forwarding, not worm ports only */
	unsigned timeout_s;           /* how long an address stays (default 3600) */
	const struct ww_netlist *never; /* --never: may be NULL */
};

struct ww_quarantine;

/* Make or complete the table. WW_ERR_IO with a one-line reason in err
 * (e.g. no CAP_NET_ADMIN) when nftables refuses. */
ww_rc ww_quarantine_open(struct ww_quarantine **out, const struct ww_quarantine_opts *o,
                         char *err, size_t errlen);
void ww_quarantine_close(struct ww_quarantine *q);

/* Why a is on the allowlist ("the gateway", "a DNS server", ...), or NULL. */
const char *ww_quarantine_allowed(const struct ww_quarantine *q, const struct ww_addr *a);
/* The set's name and the address list as the page shows it. */
const char *ww_quarantine_set(const struct ww_quarantine *q, bool v4);
size_t ww_quarantine_allowlist(const struct ww_quarantine *q, char *buf, size_t len);

/* Add a (verdict names the reason in the element's comment). WW_ERR_USAGE
 * when a is on the allowlist (err says why); WW_ERR_IO when nftables
 * refuses (err holds its message). */
ww_rc ww_quarantine_add(struct ww_quarantine *q, const struct ww_addr *a, const char *verdict,
                        char *err, size_t errlen);

#endif
