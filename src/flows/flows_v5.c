/* NetFlow v5: a fixed format (Cisco, "NetFlow Export Datagram Format",
 * version 5): a 24-byte header and count 48-byte records.
 *
 *   header  version(2)=5 count(2) sysUptime(4) unix_secs(4) unix_nsecs(4)
 *           flow_sequence(4) engine_type(1) engine_id(1) sampling_interval(2)
 *   record  srcaddr(4) dstaddr(4) nexthop(4) input(2) output(2) dPkts(4)
 *           dOctets(4) First(4) Last(4) srcport(2) dstport(2) pad1(1)
 *           tcp_flags(1) prot(1) tos(1) src_as(2) dst_as(2) src_mask(1)
 *           dst_mask(1) pad2(2)
 *
 * First and Last are sysUptime (ms since the exporter booted) at the first
 * and last packet: wall time = export time - (sysUptime - First). ICMP flows
 * carry type << 8 | code in dstport. sampling_interval: 2 bits of mode,
 * 14 bits of interval. */
#include "core/common.h"
#include "core/cursor.h"
#include "flows/flows_int.h"

ww_rc ww_flows_v5_parse(const uint8_t *p, size_t len, struct ww_v5_hdr *h, ww_flowrec_fn fn,
                        void *ud, size_t *where)
{
	struct ww_cur c = ww_cur_make(p, len);
	const uint8_t *b;
	uint16_t version, si;
	int64_t export_ms;
	size_t i;
	*where = 0;
	memset(h, 0, sizeof(*h));
	if (!(b = ww_cur_take(&c, WW_V5_HDR)))
		return WW_ERR_TRUNCATED;
	version = ww_get_be16(b);
	if (version != 5)
		return WW_ERR_UNSUPPORTED;
	h->count = ww_get_be16(b + 2);
	h->uptime_ms = ww_get_be32(b + 4);
	h->unix_secs = ww_get_be32(b + 8);
	h->unix_nsecs = ww_get_be32(b + 12);
	h->seq = ww_get_be32(b + 16);
	h->engine_type = b[20];
	h->engine_id = b[21];
	si = ww_get_be16(b + 22);
	h->sampling_mode = (uint8_t)(si >> 14);
	h->sampling = (uint16_t)(si & 0x3fff);
	*where = 2;
	if (h->count == 0 || h->count > WW_V5_MAX)
		return WW_ERR_FORMAT;
	if (h->unix_nsecs >= 1000000000u) {
		*where = 12;
		return WW_ERR_FORMAT;
	}
	export_ms = (int64_t)h->unix_secs * 1000 + h->unix_nsecs / 1000000;
	for (i = 0; i < h->count; i++) {
		struct ww_flowrec r;
		uint32_t first, last;
		*where = c.off;
		if (!(b = ww_cur_take(&c, WW_V5_REC)))
			return WW_ERR_TRUNCATED;
		memset(&r, 0, sizeof(r));
		ww_addr_set_v4(&r.src, b);
		ww_addr_set_v4(&r.dst, b + 4);
		r.pkts = ww_get_be32(b + 16);
		r.bytes = ww_get_be32(b + 20);
		first = ww_get_be32(b + 24);
		last = ww_get_be32(b + 28);
		r.sport = ww_get_be16(b + 32);
		r.dport = ww_get_be16(b + 34);
		r.flags = b[37];
		r.proto = b[38];
		if (r.proto == 1)
			r.sport = 0;
		/* uptime differences wrap with the 32-bit counter */
		r.start_us = (export_ms - (int64_t)(int32_t)(h->uptime_ms - first)) * 1000;
		r.end_us = (export_ms - (int64_t)(int32_t)(h->uptime_ms - last)) * 1000;
		if (r.end_us < r.start_us)
			r.end_us = r.start_us;
		r.sampling = h->sampling > 1 ? h->sampling : 0;
		if (fn)
			fn(ud, &r);
	}
	*where = c.off;
	return WW_OK;
}
