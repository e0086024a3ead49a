/* The decoded packet: what decode/ hands to state/. Produced by
 * ww_decode() from one captured frame; every field is a copy or a pointer
 * into the frame (payload), valid until the next packet. */
#ifndef WW_DECODE_PACKET_H
#define WW_DECODE_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"

enum ww_l3 { WW_L3_NONE = 0, WW_L3_IP, WW_L3_ARP };

#define WW_PROTO_ICMP 1
#define WW_PROTO_TCP 6
#define WW_PROTO_UDP 17
#define WW_PROTO_ICMP6 58
#define WW_PROTO_SCTP 132

#define WW_TH_FIN 0x01
#define WW_TH_SYN 0x02
#define WW_TH_RST 0x04
#define WW_TH_PSH 0x08
#define WW_TH_ACK 0x10

/* Transport 5-tuple quoted inside an ICMP error. */
struct ww_quoted {
	struct ww_addr src, dst;
	uint8_t proto;
	uint16_t sport, dport;
};

struct ww_pkt {
	/* every packet: the first two cache lines (the record is 64-byte
	 * aligned), cleared by ww_decode() */
	_Alignas(64) int64_t ts_us;
	uint32_t wire_len;
	enum ww_l3 l3;
	/* IP */
	struct ww_addr src, dst;
	uint8_t proto;      /* transport protocol after extension headers */
	bool fragment;      /* non-first fragment: no transport header */
	bool truncated;     /* the frame was cut by the snap length */
	uint8_t tcp_flags;
	uint16_t sport, dport;
	uint8_t icmp_type, icmp_code; /* SCTP: icmp_type is the first chunk's type */
	uint16_t icmp_id;   /* echo identifier */
	bool has_quoted;    /* ICMP error quoting the offending packet */
	/* transport payload (TCP/UDP data), bounded by the captured bytes */
	const uint8_t *payload;
	uint32_t payload_len;
	/* the IP header onwards (for libndpi), bounded by the captured bytes */
	const uint8_t *l3_hdr;
	uint32_t l3_len;
	/* rare: set together with their guard (has_quoted; l3 == WW_L3_ARP)
	 * and read only behind it, so ww_decode() does not clear them */
	struct ww_quoted quoted;
	/* ARP */
	uint16_t arp_op;    /* 1 request, 2 reply */
	struct ww_addr arp_spa, arp_tpa;
};

/* Where ww_decode() stops clearing: the fields after it are rare. */
#define WW_PKT_HOT_END offsetof(struct ww_pkt, quoted)

/* Link types handled (DLT_* values as libpcap reports them). */
bool ww_decode_linktype_ok(int dlt);
/* Decode one frame. WW_OK with p->l3 == WW_L3_NONE for frames that carry
 * nothing the detectors use (STP, LLDP ...); WW_ERR_TRUNCATED or
 * WW_ERR_FORMAT for damaged frames (the caller counts them). */
ww_rc ww_decode(int dlt, const uint8_t *frame, uint32_t caplen, uint32_t wire_len,
                int64_t ts_us, struct ww_pkt *p);

#endif
