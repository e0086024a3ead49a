/* Accounting of what a router saw, per inside host and per inside service:
 * connection-tracking entries (how much of the table each host holds, in
 * which states, to how many destinations and ports) and logged connection
 * attempts (drops and accepts). All tables are keyed (SipHash) and capped.
 * rt_judge.c turns the totals into findings. */
#ifndef WW_ROUTER_RT_ACCT_H
#define WW_ROUTER_RT_ACCT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/addr.h"
#include "router/ct.h"
#include "router/rt_map.h"
#include "state/engine.h"

#define WW_RT_TOPN 4

struct ww_rt_port {
	uint16_t port;
	uint8_t proto;
	uint32_t count;
};

/* One inside host (the original source of entries, or of logged attempts). */
struct ww_rt_host {
	uint32_t entries;      /* table entries or logged attempts */
	uint32_t openings;     /* TCP SYNs and non-TCP attempts */
	uint32_t failed;       /* unreplied, blocked, refused, timed out */
	uint32_t succeeded;    /* replied / accepted */
	uint32_t syn_sent;     /* SYN_SENT entries */
	uint32_t unreplied;    /* [UNREPLIED] entries */
	uint32_t states[WW_CT_NSTATES];
	uint32_t dsts;         /* distinct destination addresses */
	uint32_t ports;        /* distinct destination (protocol, port) pairs */
	uint32_t worm_port;    /* attempts to ports worms spread on */
	uint32_t telnet, telnet_alt; /* attempts to 23 and 2323 (Mirai) */
	int64_t first_us, last_us;
	struct ww_rt_port top[WW_RT_TOPN]; /* filled by ww_rt_acct_finish */
	struct ww_rt_port top_sport;       /* its busiest local UDP port (finish) */
	/* several dumps as snapshots (ww_rt_acct_held): the most entries it
	 * held in one snapshot, its share of the table (0: not snapshots) */
	uint32_t held, held_now, held_snap;
};

/* The entries a host holds in the table: in one snapshot at most when
 * several were read, else all it was counted for. */
static inline uint32_t ww_rt_host_held(const struct ww_rt_host *h)
{
	return h->held ? h->held : h->entries;
}

/* One receiving address and port contacted from outside. */
struct ww_rt_svc {
	uint32_t attempts;
	uint32_t peers;        /* distinct outside addresses */
	int64_t first_us, last_us;
};

struct ww_rt_acct {
	struct ww_netlist home;      /* inside networks (private ranges by default) */
	struct ww_rt_map hosts;      /* addr -> ww_rt_host */
	struct ww_rt_map host_dst;   /* (host, dst) set */
	struct ww_rt_map host_port;  /* (host, proto, port) -> count */
	struct ww_rt_map host_sport; /* (host, UDP, local port) -> count */
	struct ww_rt_map svcs;       /* (addr, proto, port) -> ww_rt_svc */
	struct ww_rt_map svc_peer;   /* (addr, proto, port, peer) set */
	uint64_t entries;            /* everything counted */
	uint64_t outside;            /* attempts from outside */
	uint64_t transit;            /* neither side inside: ignored */
	uint64_t refused;            /* dropped at a table cap */
	bool finished;
	uint32_t snap;               /* the snapshot being read (ww_rt_acct_held) */
};

/* home: CIDR list, or NULL for the private ranges. */
ww_rc ww_rt_acct_init(struct ww_rt_acct *a, const char *home, uint64_t seed, char *err,
                      size_t errlen);
void ww_rt_acct_release(struct ww_rt_acct *a);
bool ww_rt_acct_is_home(const struct ww_rt_acct *a, const struct ww_addr *x);

/* Count one connection-tracking entry (original direction: inside first). */
void ww_rt_acct_ct(struct ww_rt_acct *a, const struct ww_ct_entry *e);
/* Snapshots: the entry (new or seen in an earlier snapshot) is held by its
 * inside source in snapshot `snap`; counts toward that host's `held`. */
void ww_rt_acct_held(struct ww_rt_acct *a, const struct ww_ct_entry *e, uint32_t snap);
/* Count one logged attempt. */
void ww_rt_acct_attempt(struct ww_rt_acct *a, const struct ww_attempt *at);
/* Fill each host's top ports (call once, before reading hosts). */
void ww_rt_acct_finish(struct ww_rt_acct *a);

/* The inside host holding the most entries; false when there is none. */
bool ww_rt_acct_top_host(const struct ww_rt_acct *a, struct ww_addr *x, uint32_t *entries);

/* The address a hosts/svcs map key starts with. */
void ww_rt_key_addr(struct ww_addr *x, const void *key);

/* Is this a port worms are known to spread on (135, 139, 445, 1433, 23 ...)? */
bool ww_rt_worm_port(uint8_t proto, uint16_t port);

/* Convert a table entry into the attempt the engine takes (outcome TIMEOUT
 * for unreplied entries, SUCCESS for replied ones). */
void ww_rt_ct_to_attempt(const struct ww_ct_entry *e, int64_t ts_us, struct ww_attempt *at);

#endif
