/* Live collection on this machine (Linux) and the --network input. */
#ifndef WW_HOST_LIVE_H
#define WW_HOST_LIVE_H

#include "host/host_inventory.h"

/* Read /proc/net/{tcp,tcp6,udp,udp6}, map sockets to processes through
 * /proc/<pid>/fd, read /etc/hosts, /etc/ld.so.preload, cron, systemd units,
 * rc.local and autostart entries into c. */
ww_rc ww_host_live(struct ww_host_ctx *c);

/* Read the hosts and verdicts of `wormwatch analyze --json` from path:
 * {"hosts":[{"addr":"192.168.0.105","verdict":"infected","evidence":["..."]}]} */
ww_rc ww_host_read_network(struct ww_host_ctx *c, const char *path);
/* The same from memory (fuzzing, tests). */
ww_rc ww_host_parse_network(struct ww_host_ctx *c, const char *text, size_t len);

#endif
