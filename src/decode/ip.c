/* IPv4 and IPv6 (with extension headers). The transport payload is bounded
 * by both the captured bytes and the length the IP header declares. */
#include "core/common.h"
#include "core/cursor.h"
#include "decode/decode_int.h"

#define IP6_HOPOPTS 0
#define IP6_ROUTING 43
#define IP6_FRAGMENT 44
#define IP6_ESP 50
#define IP6_AH 51
#define IP6_NONE 59
#define IP6_DSTOPTS 60
#define IP6_MOBILITY 135

/* Cut the cursor to the datagram length the header claims, when the
 * capture holds more (Ethernet padding). */
static void clamp(struct ww_cur *c, size_t datagram_left)
{
	if (datagram_left < ww_cur_left(c))
		c->len = c->off + datagram_left;
}

ww_rc ww_decode_ipv4(struct ww_cur *c, struct ww_pkt *p)
{
	const uint8_t *h;
	uint16_t total, frag;
	size_t start = c->off, hlen;
	ww_rc rc;
	p->l3_hdr = ww_cur_ptr(c);
	p->l3_len = (uint32_t)ww_cur_left(c);
	/* version/IHL(1) tos(1) total(2) id(2) frag(2) ttl(1) proto(1) sum(2) src(4) dst(4) */
	if (!ww_cur_left(c))
		return WW_ERR_TRUNCATED;
	if (c->p[c->off] >> 4 != 4 || (c->p[c->off] & 0x0f) < 5)
		return WW_ERR_FORMAT;
	if (!(h = ww_cur_take(c, 20)))
		return WW_ERR_TRUNCATED;
	hlen = (size_t)(h[0] & 0x0f) * 4;
	total = ww_get_be16(h + 2);
	frag = ww_get_be16(h + 6);
	if (total < hlen)
		return WW_ERR_FORMAT;
	p->l3 = WW_L3_IP;
	ww_addr_set_v4(&p->src, h + 12);
	ww_addr_set_v4(&p->dst, h + 16);
	p->proto = h[9];
	if ((rc = ww_cur_skip(c, hlen - 20)))
		return rc;
	/* TSO captures carry total length 0: keep what was captured */
	if (total)
		clamp(c, total - hlen);
	p->l3_len = (uint32_t)(c->len - start);
	if (frag & 0x1fff) {
		p->fragment = true;
		return WW_OK;
	}
	return ww_decode_transport(c, p);
}

ww_rc ww_decode_ipv6(struct ww_cur *c, struct ww_pkt *p)
{
	uint8_t v, nh, src[16], dst[16];
	uint16_t plen;
	size_t start = c->off;
	int hops;
	ww_rc rc;
	p->l3_hdr = ww_cur_ptr(c);
	p->l3_len = (uint32_t)ww_cur_left(c);
	if ((rc = ww_cur_u8(c, &v)))
		return rc;
	if (v >> 4 != 6)
		return WW_ERR_FORMAT;
	if ((rc = ww_cur_skip(c, 3)) || (rc = ww_cur_be16(c, &plen)) || (rc = ww_cur_u8(c, &nh)) ||
	    (rc = ww_cur_skip(c, 1)) || (rc = ww_cur_copy(c, src, 16)) || (rc = ww_cur_copy(c, dst, 16)))
		return rc;
	p->l3 = WW_L3_IP;
	ww_addr_from_v6_bytes(&p->src, src);
	ww_addr_from_v6_bytes(&p->dst, dst);
	if (plen) /* 0: jumbogram or TSO; keep what was captured */
		clamp(c, plen);
	p->l3_len = (uint32_t)(c->len - start);
	for (hops = 0; hops < 16; hops++) {
		uint8_t next, len;
		uint16_t off;
		switch (nh) {
		case IP6_HOPOPTS:
		case IP6_ROUTING:
		case IP6_DSTOPTS:
		case IP6_MOBILITY:
			if ((rc = ww_cur_u8(c, &next)) || (rc = ww_cur_u8(c, &len)) ||
			    (rc = ww_cur_skip(c, (size_t)len * 8 + 6)))
				return rc;
			nh = next;
			continue;
		case IP6_AH:
			if ((rc = ww_cur_u8(c, &next)) || (rc = ww_cur_u8(c, &len)) ||
			    (rc = ww_cur_skip(c, ((size_t)len + 2) * 4 - 2)))
				return rc;
			nh = next;
			continue;
		case IP6_FRAGMENT:
			if ((rc = ww_cur_u8(c, &next)) || (rc = ww_cur_skip(c, 1)) ||
			    (rc = ww_cur_be16(c, &off)) || (rc = ww_cur_skip(c, 4)))
				return rc;
			nh = next;
			if (off & 0xfff8) {
				p->proto = nh;
				p->fragment = true;
				return WW_OK;
			}
			continue;
		case IP6_ESP:
		case IP6_NONE:
			p->proto = nh;
			return WW_OK;
		default:
			p->proto = nh;
			return ww_decode_transport(c, p);
		}
	}
	return WW_ERR_FORMAT; /* an extension-header chain longer than any real one */
}

/* htype(2)=1 ptype(2)=0x0800 hlen(1)=6 plen(1)=4 op(2) sha spa tha tpa */
ww_rc ww_decode_arp(struct ww_cur *c, struct ww_pkt *p)
{
	uint16_t htype, ptype, op;
	uint8_t hlen, plen, spa[4], tpa[4];
	ww_rc rc;
	if ((rc = ww_cur_be16(c, &htype)) || (rc = ww_cur_be16(c, &ptype)) || (rc = ww_cur_u8(c, &hlen)) ||
	    (rc = ww_cur_u8(c, &plen)) || (rc = ww_cur_be16(c, &op)))
		return rc;
	if (ptype != 0x0800 || plen != 4)
		return WW_OK; /* not IPv4 over ARP: nothing to use */
	if ((rc = ww_cur_skip(c, hlen)) || (rc = ww_cur_copy(c, spa, 4)) || (rc = ww_cur_skip(c, hlen)) ||
	    (rc = ww_cur_copy(c, tpa, 4)))
		return rc;
	(void)htype;
	p->l3 = WW_L3_ARP;
	p->arp_op = op;
	ww_addr_from_v4_bytes(&p->arp_spa, spa);
	ww_addr_from_v4_bytes(&p->arp_tpa, tpa);
	return WW_OK;
}
