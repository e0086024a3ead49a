/* The sensor: any input -> records on the bus (docs/cluster.md).
 *
 * Captures and live interfaces hand frames (ww_sensor_frame): the frame is
 * decoded here only to find its judged hosts, and the frame itself goes to
 * each of their partitions, so the judge's engine sees exactly the
 * packets `analyze` would give it for those hosts (answers, ICMP errors
 * and payloads included). Router logs, conntrack tables and flow records
 * hand attempts with their outcome (ww_sensor_attempt): any producer of a
 * struct ww_attempt plugs in here. */
#ifndef WW_CLUSTER_SENSOR_H
#define WW_CLUSTER_SENSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "cluster/bus.h"
#include "cluster/record.h"
#include "core/buf.h"

struct ww_sensor {
	struct ww_bus *bus;
	struct ww_sipkey key;
	struct ww_netlist home;  /* owned */
	uint32_t parts;
	char name[WW_REC_NAME_MAX + 1];
	uint64_t seq;            /* the next record's sequence */
	uint64_t *published;     /* per partition, markers excluded */
	uint64_t frames, bytes, undecodable, cut, unjudged, attempts;
	int64_t last_ts;
	uint32_t snap;           /* frame bytes carried at most */
	uint64_t rate;           /* records per second at most (0: no limit) */
	int64_t start_ms;
	struct ww_buf buf;
	ww_rc rc;                /* sticky: the first publish failure */
	volatile uint64_t *failed; /* acks that failed (the bus's handler) */
};

ww_rc ww_sensor_init(struct ww_sensor *s, struct ww_bus *bus, const char *name,
                     const struct ww_netlist *home, uint32_t parts);
void ww_sensor_release(struct ww_sensor *s);

/* A hello on every partition: judges wait for this sensor's records
 * before moving their clock past its time. */
ww_rc ww_sensor_hello(struct ww_sensor *s);
void ww_sensor_frame(struct ww_sensor *s, int dlt, int64_t ts_us, const uint8_t *data,
                     uint32_t caplen, uint32_t wire_len);
void ww_sensor_attempt(struct ww_sensor *s, const struct ww_attempt *a);
/* A live sensor's clock on every partition (ts: its time now, never
 * earlier than what it sent). */
ww_rc ww_sensor_tick(struct ww_sensor *s, int64_t now_us);
/* An end marker on every partition (what was sent there, the last time
 * seen), then wait for every ack. */
ww_rc ww_sensor_end(struct ww_sensor *s);

#endif
