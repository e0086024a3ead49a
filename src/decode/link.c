/* Link layers: Ethernet (with 802.1Q / QinQ tags), Linux cooked (SLL and
 * SLL2), raw IP, BSD loopback (DLT_NULL, DLT_LOOP). Each strips its header
 * and hands the network-layer bytes to ww_decode_net(). */
#include "core/common.h"
#include "core/cursor.h"
#include "decode/decode_int.h"

#include <pcap/dlt.h>

#define ETH_IPV4 0x0800
#define ETH_ARP 0x0806
#define ETH_IPV6 0x86dd
#define ETH_VLAN 0x8100
#define ETH_QINQ 0x88a8
#define ETH_QINQ_OLD 0x9100

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

typedef ww_rc (*link_fn)(struct ww_cur *c, struct ww_pkt *p);

/* After the link header: the EtherType names the payload. */
static ww_rc by_ethertype(uint16_t type, struct ww_cur *c, struct ww_pkt *p)
{
	switch (type) {
	case ETH_IPV4: return ww_decode_ipv4(c, p);
	case ETH_IPV6: return ww_decode_ipv6(c, p);
	case ETH_ARP: return ww_decode_arp(c, p);
	default: return WW_OK; /* nothing the detectors use */
	}
}

/* dst(6) src(6) type(2) [tag(2) type(2)]... */
static ww_rc link_ether(struct ww_cur *c, struct ww_pkt *p)
{
	const uint8_t *h = ww_cur_take(c, 14);
	uint16_t type;
	int tags = 0;
	if (!h)
		return WW_ERR_TRUNCATED;
	type = ww_get_be16(h + 12);
	while (type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD) {
		if (++tags > 4)
			return WW_ERR_FORMAT; /* more tags than any real network stacks */
		if (!(h = ww_cur_take(c, 4)))
			return WW_ERR_TRUNCATED;
		type = ww_get_be16(h + 2);
	}
	return by_ethertype(type, c, p);
}

/* pkttype(2) hatype(2) halen(2) addr(8) protocol(2) */
static ww_rc link_sll(struct ww_cur *c, struct ww_pkt *p)
{
	uint16_t proto;
	ww_rc rc = ww_cur_skip(c, 14);
	if (!rc)
		rc = ww_cur_be16(c, &proto);
	if (rc)
		return rc;
	return by_ethertype(proto, c, p);
}

/* protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) halen(1) addr(8) */
static ww_rc link_sll2(struct ww_cur *c, struct ww_pkt *p)
{
	uint16_t proto;
	ww_rc rc = ww_cur_be16(c, &proto);
	if (!rc)
		rc = ww_cur_skip(c, 18);
	if (rc)
		return rc;
	return by_ethertype(proto, c, p);
}

static ww_rc by_version(struct ww_cur *c, struct ww_pkt *p)
{
	uint8_t v;
	ww_rc rc = ww_cur_peek_u8(c, 0, &v);
	if (rc)
		return rc;
	switch (v >> 4) {
	case 4: return ww_decode_ipv4(c, p);
	case 6: return ww_decode_ipv6(c, p);
	default: return WW_ERR_FORMAT;
	}
}

static ww_rc link_raw(struct ww_cur *c, struct ww_pkt *p) { return by_version(c, p); }

/* 4-byte address family: host byte order of the writer (DLT_NULL) or
 * network order (DLT_LOOP). AF_INET is 2 everywhere; AF_INET6 is 24
 * (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux). */
static ww_rc link_null(struct ww_cur *c, struct ww_pkt *p)
{
	uint32_t fam;
	ww_rc rc = ww_cur_le32(c, &fam);
	if (rc)
		return rc;
	if (fam > 0xffff) /* written big-endian */
		fam = (fam >> 24) | ((fam >> 8) & 0xff00);
	switch (fam) {
	case 2: return ww_decode_ipv4(c, p);
	case 10: case 24: case 28: case 30: return ww_decode_ipv6(c, p);
	default: return WW_OK;
	}
}

static const struct {
	int dlt;
	link_fn fn;
} link_table[] = {
	{DLT_EN10MB, link_ether},
	{DLT_LINUX_SLL, link_sll},
	{DLT_LINUX_SLL2, link_sll2},
	{DLT_RAW, link_raw},
	{DLT_IPV4, link_raw},
	{DLT_IPV6, link_raw},
	{DLT_NULL, link_null},
	{DLT_LOOP, link_null},
#if defined(DLT_RAW) && DLT_RAW != 14
	{14, link_raw}, /* DLT_RAW on OpenBSD-written files */
#endif
};

static link_fn find_link(int dlt)
{
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(link_table); i++)
		if (link_table[i].dlt == dlt)
			return link_table[i].fn;
	return NULL;
}

bool ww_decode_linktype_ok(int dlt) { return find_link(dlt) != NULL; }

static const struct ww_pkt zero_pkt;

ww_rc ww_decode(int dlt, const uint8_t *frame, uint32_t caplen, uint32_t wire_len,
                int64_t ts_us, struct ww_pkt *p)
{
	struct ww_cur c = ww_cur_make(frame, caplen);
	link_fn fn = find_link(dlt);
	/* the common part from a zero record: plain vector stores, where a
	 * memset of this size becomes a slow-starting string instruction;
	 * the rare part is written only with its guard */
	memcpy(p, &zero_pkt, WW_PKT_HOT_END);
	p->truncated = caplen < wire_len;
	p->ts_us = ts_us;
	p->wire_len = wire_len;
	if (!fn)
		return WW_ERR_UNSUPPORTED;
	return fn(&c, p);
}
