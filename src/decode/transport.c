/* TCP, UDP, ICMP and ICMPv6, including the packet quoted in ICMP errors
 * (which is what ties an "unreachable" back to the probe that caused it). */
#include "core/common.h"
#include "core/cursor.h"
#include "decode/decode_int.h"

static void set_payload(struct ww_cur *c, struct ww_pkt *p)
{
	p->payload = ww_cur_ptr(c);
	p->payload_len = (uint32_t)ww_cur_left(c);
}

/* A transport header of hlen fixed bytes starting with the two ports: the
 * header, or NULL when it is cut off, with as much of the ports as was
 * captured kept either way. */
static const uint8_t *take_ports(struct ww_cur *c, size_t hlen, struct ww_pkt *p)
{
	const uint8_t *h = ww_cur_take(c, hlen);
	const uint8_t *q = h ? h : ww_cur_take(c, 4);
	if (q) {
		p->sport = ww_get_be16(q);
		p->dport = ww_get_be16(q + 2);
	}
	return h;
}

/* sport(2) dport(2) seq(4) ack(4) offset(1) flags(1), then the rest of
 * the header */
static ww_rc decode_tcp(struct ww_cur *c, struct ww_pkt *p)
{
	const uint8_t *h = take_ports(c, 14, p);
	ww_rc rc;
	if (!h)
		return WW_ERR_TRUNCATED;
	p->tcp_flags = h[13];
	if ((h[12] >> 4) < 5)
		return WW_ERR_FORMAT;
	/* window, checksum, urgent pointer, options */
	if ((rc = ww_cur_skip(c, (size_t)(h[12] >> 4) * 4 - 14)))
		return rc;
	set_payload(c, p);
	return WW_OK;
}

/* sport(2) dport(2) length(2) checksum(2) */
static ww_rc decode_udp(struct ww_cur *c, struct ww_pkt *p)
{
	const uint8_t *h = take_ports(c, 8, p);
	uint16_t len;
	if (!h)
		return WW_ERR_TRUNCATED;
	len = ww_get_be16(h + 4);
	if (len >= 8 && (size_t)(len - 8) < ww_cur_left(c))
		c->len = c->off + (len - 8u);
	set_payload(c, p);
	return WW_OK;
}

/* The quoted header of an ICMP error: IP header + at least 8 bytes. */
static void decode_quoted(struct ww_cur *c, struct ww_pkt *p, bool v6)
{
	struct ww_pkt q;
	ww_rc rc;
	memset(&q, 0, sizeof(q));
	rc = v6 ? ww_decode_ipv6(c, &q) : ww_decode_ipv4(c, &q);
	/* the quote is usually cut after 8 transport bytes: ports are there */
	if (q.l3 != WW_L3_IP || (rc && rc != WW_ERR_TRUNCATED))
		return;
	if ((q.proto == WW_PROTO_TCP || q.proto == WW_PROTO_UDP) && q.sport == 0 && q.dport == 0)
		return;
	p->has_quoted = true;
	p->quoted.src = q.src;
	p->quoted.dst = q.dst;
	p->quoted.proto = q.proto;
	p->quoted.sport = q.sport;
	p->quoted.dport = q.dport;
}

static ww_rc decode_icmp(struct ww_cur *c, struct ww_pkt *p, bool v6)
{
	ww_rc rc;
	if ((rc = ww_cur_u8(c, &p->icmp_type)) || (rc = ww_cur_u8(c, &p->icmp_code)) ||
	    (rc = ww_cur_skip(c, 2)))
		return rc;
	if (!v6 && (p->icmp_type == 8 || p->icmp_type == 0)) {
		if ((rc = ww_cur_be16(c, &p->icmp_id)))
			return rc;
		return ww_cur_skip(c, 2);
	}
	if (v6 && (p->icmp_type == 128 || p->icmp_type == 129)) {
		if ((rc = ww_cur_be16(c, &p->icmp_id)))
			return rc;
		return ww_cur_skip(c, 2);
	}
	/* errors: v4 3 unreachable, 11 time exceeded; v6 1 unreachable, 3 time exceeded */
	if ((!v6 && (p->icmp_type == 3 || p->icmp_type == 11)) ||
	    (v6 && (p->icmp_type == 1 || p->icmp_type == 3))) {
		if ((rc = ww_cur_skip(c, 4)))
			return rc;
		decode_quoted(c, p, v6);
	}
	return WW_OK;
}

/* SCTP (RFC 9260): sport(2) dport(2) verification tag(4) checksum(4), then
 * chunks of type(1) flags(1) length(2); the first chunk's type tells an
 * INIT (1) from its INIT ACK (2) and an ABORT (6) */
static ww_rc decode_sctp(struct ww_cur *c, struct ww_pkt *p)
{
	const uint8_t *h = take_ports(c, 12, p);
	if (!h)
		return WW_ERR_TRUNCATED;
	return ww_cur_u8(c, &p->icmp_type);
}

ww_rc ww_decode_transport(struct ww_cur *c, struct ww_pkt *p)
{
	switch (p->proto) {
	case WW_PROTO_TCP: return decode_tcp(c, p);
	case WW_PROTO_UDP: return decode_udp(c, p);
	case WW_PROTO_ICMP: return decode_icmp(c, p, false);
	case WW_PROTO_ICMP6: return decode_icmp(c, p, true);
	case WW_PROTO_SCTP: return decode_sctp(c, p);
	default: return WW_OK;
	}
}
