/* Records on the bus: encoding, hostile decoding, partitions (record.h). */
#include "core/common.h"
#include "core/cursor.h"
#include "core/timefmt.h"
#include "cluster/record.h"

static const uint8_t rec_magic[4] = {'W', 'W', 'R', '1'};

bool ww_rec_name_ok(const char *s)
{
	size_t i, n = strlen(s);
	if (n == 0 || n > WW_REC_NAME_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return true;
}

static ww_rc put8(struct ww_buf *b, uint8_t v)
{
	return ww_buf_add(b, &v, 1);
}

static ww_rc put16(struct ww_buf *b, uint16_t v)
{
	uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
	return ww_buf_add(b, x, 2);
}

static ww_rc put32(struct ww_buf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
	return ww_buf_add(b, x, 4);
}

static ww_rc put64(struct ww_buf *b, uint64_t v)
{
	ww_rc rc = put32(b, (uint32_t)(v >> 32));
	return rc ? rc : put32(b, (uint32_t)v);
}

static ww_rc put_addr(struct ww_buf *b, const struct ww_addr *a)
{
	ww_rc rc = put8(b, a->v4 ? 1 : 0);
	return rc ? rc : ww_buf_add(b, a->b, 16);
}

ww_rc ww_rec_encode(const struct ww_rec *r, struct ww_buf *b)
{
	size_t nl = strlen(r->name);
	int rc = 0;
	if (!ww_rec_name_ok(r->name))
		return WW_ERR_USAGE;
	ww_buf_reset(b);
	rc |= ww_buf_add(b, rec_magic, 4);
	rc |= put8(b, (uint8_t)r->type);
	rc |= put8(b, 0);
	rc |= put16(b, 0);
	rc |= put64(b, r->seq);
	rc |= put64(b, (uint64_t)r->ts_us);
	rc |= put8(b, (uint8_t)nl);
	rc |= ww_buf_add(b, r->name, nl);
	switch (r->type) {
	case WW_REC_FRAME:
		if (r->caplen > WW_REC_FRAME_MAX || (r->caplen && !r->frame))
			return WW_ERR_USAGE;
		rc |= put32(b, r->dlt);
		rc |= put32(b, r->wire_len);
		rc |= put32(b, r->caplen);
		if (r->caplen)
			rc |= ww_buf_add(b, r->frame, r->caplen);
		break;
	case WW_REC_ATTEMPT:
		rc |= put_addr(b, &r->a.src);
		rc |= put_addr(b, &r->a.dst);
		rc |= put8(b, r->a.proto);
		rc |= put16(b, r->a.sport);
		rc |= put16(b, r->a.dport);
		rc |= put8(b, (uint8_t)r->a.outcome);
		rc |= put8(b, r->a.syn ? 1 : 0);
		break;
	case WW_REC_HELLO:
		rc |= put32(b, r->partitions);
		break;
	case WW_REC_TICK:
		break;
	case WW_REC_END:
		rc |= put32(b, r->partitions);
		rc |= put64(b, r->published);
		rc |= put64(b, r->frames);
		rc |= put64(b, r->bytes);
		rc |= put64(b, r->undecodable);
		rc |= put64(b, r->cut);
		rc |= put64(b, (uint64_t)r->last_ts);
		break;
	default:
		return WW_ERR_USAGE;
	}
	/* the ww_rc values are small enums: any failure leaves a non-zero */
	return rc ? WW_ERR_NOMEM : WW_OK;
}

static ww_rc get64(struct ww_cur *c, uint64_t *v)
{
	uint32_t hi, lo;
	ww_rc rc = ww_cur_be32(c, &hi);
	if (!rc)
		rc = ww_cur_be32(c, &lo);
	if (!rc)
		*v = (uint64_t)hi << 32 | lo;
	return rc;
}

static ww_rc get_addr(struct ww_cur *c, struct ww_addr *a)
{
	uint8_t v4;
	ww_rc rc = ww_cur_u8(c, &v4);
	if (rc)
		return rc;
	if (v4 > 1)
		return WW_ERR_FORMAT;
	if ((rc = ww_cur_copy(c, a->b, 16)))
		return rc;
	a->v4 = v4;
	if (v4) {
		/* the IPv4-mapped form, as everywhere else */
		static const uint8_t pre[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (memcmp(a->b, pre, 12) != 0)
			return WW_ERR_FORMAT;
	}
	return WW_OK;
}

/* a time stamp the engine can take (core/timefmt.h's range) */
static bool ts_ok(int64_t t)
{
	return t >= 0 && t <= WW_TIME_MAX_SEC * 1000000 + 999999;
}

ww_rc ww_rec_decode(const uint8_t *msg, size_t len, struct ww_rec *r)
{
	struct ww_cur c = ww_cur_make(msg, len);
	uint8_t magic[4], type, flags, nl, u8;
	uint16_t res;
	uint64_t u64;
	ww_rc rc;
	memset(r, 0, sizeof(*r));
	if ((rc = ww_cur_copy(&c, magic, 4)))
		return rc;
	if (memcmp(magic, rec_magic, 4) != 0)
		return WW_ERR_FORMAT;
	if ((rc = ww_cur_u8(&c, &type)) || (rc = ww_cur_u8(&c, &flags)) || (rc = ww_cur_be16(&c, &res)))
		return rc;
	if (type < WW_REC_FRAME || type > WW_REC_TICK || flags || res)
		return WW_ERR_FORMAT;
	r->type = (enum ww_rec_type)type;
	if ((rc = get64(&c, &r->seq)) || (rc = get64(&c, &u64)))
		return rc;
	r->ts_us = (int64_t)u64;
	if (!ts_ok(r->ts_us))
		return WW_ERR_FORMAT;
	if ((rc = ww_cur_u8(&c, &nl)))
		return rc;
	if (nl == 0 || nl > WW_REC_NAME_MAX)
		return WW_ERR_FORMAT;
	if ((rc = ww_cur_copy(&c, r->name, nl)))
		return rc;
	r->name[nl] = '\0';
	if (!ww_rec_name_ok(r->name))
		return WW_ERR_FORMAT;
	switch (r->type) {
	case WW_REC_FRAME:
		if ((rc = ww_cur_be32(&c, &r->dlt)) || (rc = ww_cur_be32(&c, &r->wire_len)) ||
		    (rc = ww_cur_be32(&c, &r->caplen)))
			return rc;
		if (r->caplen > WW_REC_FRAME_MAX || r->wire_len < r->caplen)
			return WW_ERR_FORMAT;
		if (!(r->frame = ww_cur_take(&c, r->caplen)))
			return WW_ERR_TRUNCATED;
		break;
	case WW_REC_ATTEMPT:
		if ((rc = get_addr(&c, &r->a.src)) || (rc = get_addr(&c, &r->a.dst)) ||
		    (rc = ww_cur_u8(&c, &r->a.proto)) || (rc = ww_cur_be16(&c, &r->a.sport)) ||
		    (rc = ww_cur_be16(&c, &r->a.dport)) || (rc = ww_cur_u8(&c, &u8)))
			return rc;
		if (u8 > WW_OUTCOME_BLOCKED)
			return WW_ERR_FORMAT;
		r->a.outcome = (enum ww_outcome)u8;
		if ((rc = ww_cur_u8(&c, &u8)))
			return rc;
		if (u8 > 1)
			return WW_ERR_FORMAT;
		r->a.syn = u8 != 0;
		r->a.ts_us = r->ts_us;
		break;
	case WW_REC_HELLO:
		if ((rc = ww_cur_be32(&c, &r->partitions)))
			return rc;
		if (!r->partitions || r->partitions > WW_REC_PARTITIONS_MAX)
			return WW_ERR_FORMAT;
		break;
	case WW_REC_END:
		if ((rc = ww_cur_be32(&c, &r->partitions)) || (rc = get64(&c, &r->published)) ||
		    (rc = get64(&c, &r->frames)) || (rc = get64(&c, &r->bytes)) ||
		    (rc = get64(&c, &r->undecodable)) || (rc = get64(&c, &r->cut)) ||
		    (rc = get64(&c, &u64)))
			return rc;
		r->last_ts = (int64_t)u64;
		if (!r->partitions || r->partitions > WW_REC_PARTITIONS_MAX || !ts_ok(r->last_ts))
			return WW_ERR_FORMAT;
		break;
	case WW_REC_TICK:
		break;
	}
	if (ww_cur_left(&c))
		return WW_ERR_FORMAT; /* trailing bytes: not what a sensor writes */
	return WW_OK;
}

void ww_rec_default_key(struct ww_sipkey *k)
{
	/* "wormwatch" "cluster": fixed so that every sensor agrees */
	k->k0 = 0x776f726d77617463ULL;
	k->k1 = 0x68636c7573746572ULL;
}

uint32_t ww_rec_partition(const struct ww_sipkey *k, const struct ww_addr *a, uint32_t n)
{
	uint8_t m[17];
	if (n <= 1)
		return 0;
	memcpy(m, a->b, 16);
	m[16] = a->v4;
	return (uint32_t)(ww_siphash(k, m, sizeof(m)) % n);
}

static unsigned add_part(uint32_t out[3], unsigned n, uint32_t p)
{
	unsigned i;
	for (i = 0; i < n; i++)
		if (out[i] == p)
			return n;
	out[n] = p;
	return n + 1;
}

unsigned ww_rec_pkt_parts(const struct ww_sipkey *k, const struct ww_netlist *home,
                          const struct ww_pkt *p, uint32_t n, uint32_t out[3])
{
	unsigned m = 0;
	if (p->l3 == WW_L3_ARP) {
		if (ww_netlist_contains(home, &p->arp_spa))
			m = add_part(out, m, ww_rec_partition(k, &p->arp_spa, n));
		if (ww_netlist_contains(home, &p->arp_tpa))
			m = add_part(out, m, ww_rec_partition(k, &p->arp_tpa, n));
		return m;
	}
	if (p->l3 != WW_L3_IP)
		return 0;
	if (ww_netlist_contains(home, &p->src))
		m = add_part(out, m, ww_rec_partition(k, &p->src, n));
	if (ww_netlist_contains(home, &p->dst))
		m = add_part(out, m, ww_rec_partition(k, &p->dst, n));
	/* an ICMP error about a home host's probe resolves that probe */
	if (p->has_quoted && ww_netlist_contains(home, &p->quoted.src))
		m = add_part(out, m, ww_rec_partition(k, &p->quoted.src, n));
	return m;
}

bool ww_rec_chatter_copy(const struct ww_sipkey *k, const struct ww_netlist *home,
                         const struct ww_pkt *p, uint32_t n, uint32_t part)
{
	const struct ww_addr *d = &p->dst;
	if (p->l3 != WW_L3_IP || p->proto != WW_PROTO_UDP || p->fragment)
		return false;
	if (!(ww_addr_is_multicast(d) || ww_addr_is_broadcast(d) || (d->v4 && d->b[15] == 255)))
		return false;
	return ww_netlist_contains(home, &p->src) && ww_netlist_contains(home, d) &&
	       ww_rec_partition(k, &p->src, n) != part && ww_rec_partition(k, d, n) == part;
}

unsigned ww_rec_attempt_parts(const struct ww_sipkey *k, const struct ww_netlist *home,
                              const struct ww_attempt *a, uint32_t n, uint32_t out[3])
{
	unsigned m = 0;
	if (ww_netlist_contains(home, &a->src))
		m = add_part(out, m, ww_rec_partition(k, &a->src, n));
	if (ww_netlist_contains(home, &a->dst))
		m = add_part(out, m, ww_rec_partition(k, &a->dst, n));
	return m;
}
