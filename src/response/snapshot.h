/* What the response steps (contain, verify) need to know about a network at
 * one moment: per host its verdict, whether it was seen at all, its share
 * of the connection table and its packets to worm ports; the table's use;
 * the traffic on worm ports. One snapshot is built from one or more inputs:
 * wormwatch's JSON results (analyze, nat, logs, watch, host) or the inputs
 * those commands take (captures, conntrack dumps, router logs), which are
 * run through the same library pipelines here.
 *
 * Every string kept here came from an input: it is untrusted and must go
 * through a target's escaper (rules.c, the JSON and text writers) on its
 * way out. Addresses are kept binary and re-formatted with inet_ntop. */
#ifndef WW_RESPONSE_SNAPSHOT_H
#define WW_RESPONSE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "findings/finding.h"

#define WW_RESP_EVIDENCE 3        /* evidence lines kept per host */
#define WW_RESP_PORTS 8           /* worm ports kept per host */
#define WW_RESP_MAX_HOSTS 65536   /* hosts per snapshot (hard cap) */
#define WW_RESP_MAX_JSON (64u << 20) /* largest JSON result read */
#define WW_RESP_JSON_DEPTH 16     /* nesting allowed in a JSON result */
#define WW_RESP_MAX_PAIRS 262144  /* (host, destination) pairs counted per capture */

struct ww_resp_host {
	struct ww_addr addr;
	bool flagged;               /* listed with a verdict by some result */
	enum ww_verdict verdict;    /* normal unless flagged */
	double score;
	long long first_contacts;   /* -1 unknown */
	bool seen;                  /* present in the input at all */
	long long table_entries;    /* -1 unknown */
	uint64_t worm_packets;      /* connection openings to worm ports */
	bool has_worm;              /* worm_packets was counted for this host */
	long long destinations;     /* distinct addresses it opened connections to; -1 unknown */
	uint16_t worm_tcp[WW_RESP_PORTS]; /* TCP worm ports it opened connections to */
	size_t n_worm_tcp;
	char *title;                /* untrusted */
	char *evidence[WW_RESP_EVIDENCE]; /* untrusted */
	size_t n_evidence;
	char *source;               /* the input file (untrusted: a path) */
};

struct ww_rt_map;

struct ww_resp_snap {
	struct ww_resp_host *h;
	size_t n, cap;
	struct ww_rt_map *index;    /* address -> slot (keyed, capped) */
	uint64_t dropped_hosts;     /* past WW_RESP_MAX_HOSTS */
	bool have_table;
	uint64_t table_entries, table_max; /* max 0 = unknown */
	bool max_borrowed;          /* table_max taken from the other snapshot */
	bool have_worm;             /* some input counted worm-port traffic */
	uint64_t worm_packets;
	bool presence;              /* some input shows every host, not only flagged ones */
	bool pairs_capped;          /* destinations are lower bounds (WW_RESP_MAX_PAIRS) */
	size_t n_inputs;
	ww_rc rc;                   /* sticky allocation failure */
};

void ww_resp_snap_init(struct ww_resp_snap *s);
void ww_resp_snap_release(struct ww_resp_snap *s);
/* Find or add the host; NULL when the cap is reached (counted) or memory
 * ran out (s->rc set). */
struct ww_resp_host *ww_resp_snap_host(struct ww_resp_snap *s, const struct ww_addr *a);
const struct ww_resp_host *ww_resp_snap_find(const struct ww_resp_snap *s, const struct ww_addr *a);
/* Raise the host's verdict to v (with its score and reason) when higher. */
void ww_resp_host_flag(struct ww_resp_snap *s, struct ww_resp_host *h, enum ww_verdict v,
                       double score, const char *title, const char *source);
void ww_resp_host_evidence(struct ww_resp_snap *s, struct ww_resp_host *h, const char *line);
/* Note a TCP port the host opened connections to, when worms spread on it
 * (router/rt_acct's list: 135, 139, 445, 1433, 4444, 23 ...); at most
 * WW_RESP_PORTS are kept. */
void ww_resp_host_port(struct ww_resp_host *h, uint16_t port);
/* Sort hosts: infected first, then by verdict, then by address. */
void ww_resp_snap_sort(struct ww_resp_snap *s);
/* "infected" -> WW_VERDICT_INFECTED ...; false if unknown. */
bool ww_resp_verdict_parse(const char *s, enum ww_verdict *v);

/* The kind of one input, from its first bytes. */
enum ww_resp_kind {
	WW_RESP_JSON = 0,
	WW_RESP_CAPTURE,
	WW_RESP_TABLE,
	WW_RESP_LOG
};

struct ww_resp_load_opts {
	const char *home;  /* --home-net CIDR list or NULL (private ranges) */
};

/* Add one input to the snapshot, whatever its kind. Errors are printed
 * (one line naming the file) and returned: WW_ERR_IO cannot open,
 * WW_ERR_FORMAT not a wormwatch result or not a known input,
 * WW_ERR_USAGE a bad --home-net. */
ww_rc ww_resp_load(struct ww_resp_snap *s, const char *path, const struct ww_resp_load_opts *o);
/* The JSON half alone: a wormwatch result held in buf (file names it). */
ww_rc ww_resp_load_json_buf(struct ww_resp_snap *s, const char *buf, size_t len,
                            const char *file);
/* A finished ww_report (as the commands build it) into the snapshot. */
void ww_resp_load_report(struct ww_resp_snap *s, const struct ww_report *r, const char *file);

#endif
