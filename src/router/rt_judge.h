/* Verdicts from a router's view: what only a NAT table or a firewall log
 * can show (a host's share of the table, many outside peers reaching one
 * inside port), and, until the engine judges them, the same sweep and scan
 * shapes the engine's detectors look for. Findings are merged into the
 * report: a host the engine already judged keeps the higher verdict and
 * gets the router's evidence added. */
#ifndef WW_ROUTER_RT_JUDGE_H
#define WW_ROUTER_RT_JUDGE_H

#include <stdint.h>

#include "findings/finding.h"
#include "router/rt_acct.h"

/* What the caller knows about the table (conntrack inputs only). */
struct ww_rt_table {
	uint64_t entries; /* entries in the table (or in the dump) */
	uint64_t max;     /* nf_conntrack_max or --max; 0 = unknown */
	bool max_assumed; /* no size given: a dump of exactly 2^k entries taken as full */
};

/* For a dump without a size: routers' tables are powers of two (1,024 in
 * S1), so a dump holding exactly 2^k >= 256 entries is taken as a full table
 * of that size (and the report says so). Returns the size or 0. */
uint64_t ww_rt_guess_max(uint64_t entries);

/* The thresholds (documented in docs/router.md). */
#define WW_RT_SWEEP_MIN_DSTS 10     /* distinct addresses for a sweep */
#define WW_RT_SWEEP_MAX_PORTS 5     /* a sweep aims at a few ports */
#define WW_RT_FAIL_RATIO 0.6        /* share of attempts left unanswered or dropped */
#define WW_RT_SCAN_MIN_PORTS 20     /* distinct ports for a port scan */
#define WW_RT_SHARE_HOG 0.25        /* a quarter of the table held by one host */
#define WW_RT_FULL_RATIO 0.9        /* the table counts as full */
#define WW_RT_P2P_MIN_PEERS 10      /* outside peers reaching one inside port */
#define WW_RT_P2P_OUT_PEERS 20      /* peers from one local UDP port */
#define WW_RT_P2P_OUT_ANSWERED 0.2  /* of which at least this share answered */

/* Judge every inside host and service; add findings, sections and steps to r.
 * table is NULL for logs. */
ww_rc ww_rt_judge(struct ww_rt_acct *a, const struct ww_rt_table *table, struct ww_report *r);


#endif
