/* One partition as a judge holds it: a fresh engine rebuilt from the
 * partition's records, the records merged into time order across sensors,
 * what each sensor sent and what was applied (docs/cluster.md).
 *
 * Records reach the engine in the order of (time, sensor, sensor
 * sequence): a record waits in the merge until every sensor still sending
 * to this partition has gone past its time (or ended), so the engine sees
 * one partition's packets in time order whatever the interleaving in the
 * stream, and the order is the same on every replay. */
#ifndef WW_CLUSTER_PART_H
#define WW_CLUSTER_PART_H

#include <stdbool.h>
#include <stdint.h>

#include "cluster/record.h"
#include "core/siphash.h"
#include "state/engine.h"

#define WW_PART_SENSORS_MAX 256
#define WW_PART_HOSTS_MAX (1u << 20)

struct ww_part_sensor {
	char name[WW_REC_NAME_MAX + 1];
	int64_t last_ts;       /* of its last record here */
	bool hello, ended;
	uint64_t published;    /* from its end marker */
	uint64_t applied;      /* records of it applied here */
	uint64_t frames, bytes, undecodable, cut; /* its whole input (end marker) */
	int64_t end_ts;
};

struct ww_part_item {
	int64_t ts;
	uint32_t sensor;       /* index into sensors */
	uint64_t seq;          /* the sensor's sequence */
	uint64_t sseq;         /* the stream's sequence */
	uint8_t *msg;          /* a copy of the record's bytes */
	size_t len;
};

struct ww_part_host {
	struct ww_addr a;
	uint64_t n;
	bool used;
};

/* Called for each alert of a host this partition owns; quiet says the
 * record that raised it was applied before (replay): do not publish. */
typedef void (*ww_part_alert_fn)(void *ud, uint32_t part, uint64_t sseq, const struct ww_alert *a);

struct ww_part {
	uint32_t id, n_parts;
	struct ww_sipkey key;
	struct ww_netlist home;       /* shared, not owned */
	unsigned expect_sensors;      /* 0: any */
	struct ww_engine *e;
	struct ww_part_sensor sensors[WW_PART_SENSORS_MAX];
	unsigned n_sensors;
	struct ww_part_item *heap;
	size_t n_heap, cap_heap;
	/* stream sequences seen: everything <= floor (acknowledged), and the
	 * sorted list of those above it */
	uint64_t floor;
	uint64_t *seen;
	size_t n_seen, cap_seen;
	uint64_t quiet_upto;          /* records up to here were applied before a takeover */
	uint64_t applied, duplicates, late, rejected, after_final;
	uint64_t chatter_copies;      /* see ww_rec_chatter_copy() */
	uint64_t quiet_applied;       /* applied at or below quiet_upto (a takeover's replay) */
	uint64_t tick_sseq;           /* the last live sensor's tick (0: none yet) */
	int64_t ticked_to;            /* the engine's clock moved to here by ticks */
	int64_t released_ts;          /* time of the last record applied */
	uint64_t cur_sseq;            /* the record being applied */
	struct ww_part_host *hosts;
	size_t n_hosts, cap_hosts;
	uint64_t hosts_uncounted;
	struct ww_sipkey host_key;
	bool final_done;
	ww_part_alert_fn on_alert;
	void *alert_ud;
};

ww_rc ww_part_init(struct ww_part *p, uint32_t id, uint32_t n_parts, const struct ww_netlist *home,
                   unsigned expect_sensors, ww_part_alert_fn fn, void *ud);
/* The same with the engine's host table cap (0: the engine's default). */
ww_rc ww_part_init_cap(struct ww_part *p, uint32_t id, uint32_t n_parts,
                       const struct ww_netlist *home, unsigned expect_sensors, size_t max_hosts,
                       ww_part_alert_fn fn, void *ud);
void ww_part_release(struct ww_part *p);

/* One message from the stream, with its stream sequence. A sequence seen
 * before is counted as a duplicate and ignored; a message that does not
 * decode is counted as rejected. */
void ww_part_add(struct ww_part *p, uint64_t sseq, const uint8_t *msg, size_t len);
/* Everything up to sseq is acknowledged: forget their sequences. */
void ww_part_set_floor(struct ww_part *p, uint64_t sseq);
/* Apply what the merge can release now. */
void ww_part_release_ready(struct ww_part *p);
/* The lowest stream sequence still waiting in the merge (UINT64_MAX: none). */
uint64_t ww_part_min_waiting(const struct ww_part *p);
/* Every expected sensor said hello and ended, and nothing waits. */
bool ww_part_complete(const struct ww_part *p);
/* The partition's owner for an address. */
bool ww_part_owns(const struct ww_part *p, const struct ww_addr *a);

/* The final message: the report of the hosts this partition owns
 * (analyze's JSON) with the counts, as one JSON object into *out
 * (malloc'd). Ends the engine's run (ww_engine_report). */
ww_rc ww_part_final_json(struct ww_part *p, const char *judge, char **out, size_t *len);

/* The hosts as they stand now (ww_engine_live_report: nothing pending
 * resolved, the engine goes on), for a request; the same message with
 * "request" set. WW_ERR_USAGE after the final message. */
ww_rc ww_part_live_json(struct ww_part *p, const char *judge, uint64_t request, char **out,
                        size_t *len);

#endif
