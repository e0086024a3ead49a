/* The detection engine: one engine, several inputs. Packet captures feed
 * decoded packets (ww_engine_packet); router logs and connection-tracking
 * tables feed connection attempts whose outcome they already know
 * (ww_engine_attempt). The engine keeps per-host state in bounded tables,
 * turns traffic into first-contact outcomes, runs the detectors in
 * detect/ and, at the end, writes one host finding per non-normal home host
 * into a ww_report. Live inputs call ww_engine_tick() so that unanswered
 * probes time out without new packets, and get alerts through on_alert as
 * soon as a host's verdict is decided. */
#ifndef WW_STATE_ENGINE_H
#define WW_STATE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "decode/packet.h"
#include "findings/finding.h"

enum ww_outcome {
	WW_OUTCOME_PENDING = 0, /* not known yet: the engine waits for an answer */
	WW_OUTCOME_SUCCESS,     /* answered (SYN-ACK, reply, ASSURED entry) */
	WW_OUTCOME_REFUSED,     /* TCP RST or ICMP port unreachable */
	WW_OUTCOME_UNREACHABLE, /* ICMP host/net unreachable or prohibited */
	WW_OUTCOME_TIMEOUT,     /* nothing came back (UNREPLIED entry) */
	WW_OUTCOME_BLOCKED      /* a firewall dropped it (LOG ... DROP) */
};

/* A connection attempt seen by a log or a table rather than on the wire. */
struct ww_attempt {
	int64_t ts_us;
	struct ww_addr src, dst;   /* original direction (inside host first for NAT) */
	uint8_t proto;             /* WW_PROTO_* */
	uint16_t sport, dport;     /* ICMP: 0 */
	enum ww_outcome outcome;
	bool syn;                  /* TCP: the attempt is a connection opening */
};

enum ww_alert_kind {
	WW_ALERT_HOST = 0,  /* a host's verdict became scanner or infected */
	WW_ALERT_TABLE      /* the host table is full: hosts are being evicted
	                     * (addr unset; why says how full and what goes) */
};

/* Sent as soon as a host's verdict becomes scanner or infected, once more
 * if a scanner's verdict later becomes infected, and once when the host
 * table first has to evict (a flood of new sources, often spoofed, is
 * itself an incident). */
struct ww_alert {
	enum ww_alert_kind kind;
	int64_t ts_us;            /* time of the deciding packet */
	struct ww_addr addr;
	enum ww_verdict verdict;
	double score;
	uint32_t attempts;        /* first contacts it took */
	const char *why;          /* one line, valid during the callback */
};

struct ww_engine_config {
	struct ww_netlist home;     /* inside networks; empty = private ranges */
	bool judge_all;             /* judge every source, not only home hosts */
	int64_t probe_timeout_us;   /* no answer after this = failure (default 3 s) */
	size_t max_hosts;           /* tracked hosts (default 131072) */
	size_t max_pending;         /* pending probes (default 262144) */
	unsigned bloom_log2_bits;   /* first-contact memory (default 26: 8 MiB; false positives
	                             * about 3 in 10,000 at 2 million first contacts) */
	uint64_t hash_seed;         /* 0 = random per process */
	void (*on_alert)(void *ud, const struct ww_alert *a);
	void *alert_ud;
};

struct ww_engine;

/* The host table under pressure (docs/guarantees.md). */
struct ww_table_stats {
	size_t hosts, cap;        /* tracked now, most ever */
	uint64_t evicted;         /* hosts let go to make room */
	uint64_t evicted_one;     /* of them: one contact and nothing else */
	uint64_t untracked;       /* lookups refused: nothing could go */
	uint64_t orphans;         /* outcomes whose host had been evicted */
	int64_t first_evict_ts;
};
void ww_engine_table_stats(const struct ww_engine *e, struct ww_table_stats *s);

/* Defaults. The hash key is random per process unless the environment sets
 * WORMWATCH_HASH_SEED (a decimal number), which tests use to make every
 * count reproducible; never set it in production, the key is what keeps
 * attacker-chosen addresses from colliding on purpose. */
void ww_engine_config_init(struct ww_engine_config *c);
/* The engine copies the configuration, home list included: the caller may
 * release its own list as soon as this returns. */
ww_rc ww_engine_new(const struct ww_engine_config *c, struct ww_engine **out);
void ww_engine_free(struct ww_engine *e);
/* Start the detectors' slow set-up (nDPI's module) on threads of their
 * own now, for an input long enough to need it: it then overlaps the
 * reading. Optional; the results are the same either way. */
void ww_engine_warm(struct ww_engine *e);

void ww_engine_packet(struct ww_engine *e, const struct ww_pkt *p);

/* What the engine works out about a packet before processing it, from
 * its configuration alone: no state is read or written, so a reader
 * thread may call it. Which sides are judged, and the keyed hashes of the
 * pair in the direction(s) the packet will be looked up (0: none). */
struct ww_hint {
	uint64_t out;      /* (src, dst): a first contact src may be making */
	uint64_t in;       /* (dst, src): an answer dst may be getting */
	bool src_home, dst_home;
	bool want_out, want_in; /* the hashes this packet will look up */
};
void ww_engine_hint(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h);
/* ww_engine_hint in two halves, for two threads: which sides are judged,
 * which hashes are wanted and the IPv4 first-contact hash (the reader's),
 * then the hashes still missing (the engine's): so split, the two threads
 * carry about the same load. */
void ww_engine_hint_sides(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h);
void ww_engine_hint_hashes(const struct ww_engine *e, const struct ww_pkt *p, struct ww_hint *h);
/* Start loading the filter blocks and index buckets the packet will
 * touch: called some packets ahead, the cache misses of several packets
 * overlap instead of following each other. */
void ww_engine_prefetch(const struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *h);
/* ww_engine_packet with the hint already worked out. */
void ww_engine_packet_hinted(struct ww_engine *e, const struct ww_pkt *p, const struct ww_hint *h);
void ww_engine_attempt(struct ww_engine *e, const struct ww_attempt *a);
void ww_engine_tick(struct ww_engine *e, int64_t now_us);


/* Did any packet or attempt carry a private address? */
bool ww_engine_saw_private(const struct ww_engine *e);
/* Number of judged hosts tracked. */
size_t ww_engine_hosts(const struct ww_engine *e);
/* Of them, those keep() says yes to (the cluster: the hosts a partition
 * owns). */
size_t ww_engine_hosts_where(const struct ww_engine *e,
                             bool (*keep)(const void *ud, const struct ww_addr *a), const void *ud);

/* Resolve what is still pending (as of the last time seen) and write one
 * host finding per non-normal judged host, plus notes for explained
 * look-alikes. May be called once. */
ww_rc ww_engine_report(struct ww_engine *e, struct ww_report *r);
/* The hosts as they stand now, for a live page: one finding (as in
 * ww_engine_report) per judged host whose verdict so far is not normal, at
 * most max, culprits first. Nothing pending is resolved: the engine goes
 * on, and this may be called any number of times. */
ww_rc ww_engine_live_report(struct ww_engine *e, struct ww_report *r, size_t max);

#endif
