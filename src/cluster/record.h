/* The records on the bus between sensors and judges (docs/cluster.md).
 *
 * One record per message on subject ww.rec.<partition> of the stream
 * WW_RECORDS. Binary, big-endian, version in the magic:
 *
 *   "WWR1" type:u8 flags:u8 reserved:u16 seq:u64 ts_us:i64 name_len:u8 name
 *   type FRAME:   dlt:u32 wire_len:u32 caplen:u32 bytes[caplen]
 *   type ATTEMPT: src:addr dst:addr proto:u8 sport:u16 dport:u16 outcome:u8 syn:u8
 *                 (addr = v4:u8 b[16])
 *   type HELLO:   partitions:u32
 *   type END:     partitions:u32 published:u64 (records this sensor sent to
 *                 this partition, markers excluded) frames:u64 bytes:u64
 *                 undecodable:u64 cut:u64 last_ts:i64
 *   type TICK:    (nothing: ts_us is the sensor's clock; live sensors send
 *                 one to every partition each second, so that a partition
 *                 it has nothing for is not held back by it)
 *
 * seq is the sensor's own sequence (one counter over every record it sends,
 * markers included): with the sensor's name it makes the Nats-Msg-Id, and
 * it orders one sensor's records of equal time. Records are decoded from
 * the bus as hostile input: every length is checked against the message. */
#ifndef WW_CLUSTER_RECORD_H
#define WW_CLUSTER_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/buf.h"
#include "core/result.h"
#include "core/siphash.h"
#include "state/engine.h"

enum ww_rec_type {
	WW_REC_FRAME = 1,   /* a captured frame, for ww_engine_packet */
	WW_REC_ATTEMPT = 2, /* an attempt with its outcome, for ww_engine_attempt */
	WW_REC_HELLO = 3,   /* a sensor starts: it holds the partition's clock back */
	WW_REC_END = 4,     /* a sensor's input ended */
	WW_REC_TICK = 5     /* a live sensor's clock: nothing before ts will follow */
};

#define WW_REC_NAME_MAX 64
#define WW_REC_FRAME_MAX 65535u  /* bytes of a frame carried at most */
#define WW_REC_PARTITIONS_MAX 1024u

struct ww_rec {
	enum ww_rec_type type;
	uint64_t seq;
	int64_t ts_us;
	char name[WW_REC_NAME_MAX + 1];
	/* FRAME */
	uint32_t dlt, wire_len, caplen;
	const uint8_t *frame; /* into the decoded message */
	/* ATTEMPT */
	struct ww_attempt a;
	/* HELLO, END */
	uint32_t partitions;
	uint64_t published, frames, bytes, undecodable, cut;
	int64_t last_ts;
};

/* A sensor or judge name: 1..64 of [A-Za-z0-9_-] (it goes into message
 * ids and KV keys). */
bool ww_rec_name_ok(const char *s);

/* Encode into b (reset first). WW_ERR_NOMEM or WW_ERR_USAGE (bad name,
 * frame too long). */
ww_rc ww_rec_encode(const struct ww_rec *r, struct ww_buf *b);
/* Decode one message. WW_ERR_TRUNCATED when it ends early, WW_ERR_FORMAT
 * for a wrong magic, type, name, length or value. r->frame points into msg. */
ww_rc ww_rec_decode(const uint8_t *msg, size_t len, struct ww_rec *r);

/* The partition of a judged host: SipHash-1-3 of its 16 address bytes
 * and family under the cluster's key, mod n. Every sensor must use the
 * same key and n (the key is not secret: it only spreads hosts). */
void ww_rec_default_key(struct ww_sipkey *k);
uint32_t ww_rec_partition(const struct ww_sipkey *k, const struct ww_addr *a, uint32_t n);

/* The distinct partitions a decoded packet or an attempt must reach: one
 * per judged side (home), each once. Returns how many were written
 * (at most 3). */
unsigned ww_rec_pkt_parts(const struct ww_sipkey *k, const struct ww_netlist *home,
                          const struct ww_pkt *p, uint32_t n, uint32_t out[3]);
/* A UDP packet from a judged host to a broadcast or multicast address
 * that is itself judged (a /24's .255) reaches two partitions, and each
 * engine counts it as LAN chatter (state/engine.c, is_lan_chatter()):
 * true in the partition whose count is the copy. */
bool ww_rec_chatter_copy(const struct ww_sipkey *k, const struct ww_netlist *home,
                         const struct ww_pkt *p, uint32_t n, uint32_t part);
unsigned ww_rec_attempt_parts(const struct ww_sipkey *k, const struct ww_netlist *home,
                              const struct ww_attempt *a, uint32_t n, uint32_t out[3]);

#endif
