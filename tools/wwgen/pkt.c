/* Frame builders: Ethernet II + ARP / IPv4 / IPv6 with TCP, UDP, ICMP and
 * ICMPv6, every checksum computed. Frames shorter than 60 bytes are padded
 * as a switch mirror port shows them. All multi-byte fields are written
 * byte by byte in network order. */
#include "gen.h"

const uint8_t gen_mac_broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

enum {
	ETH_HLEN = 14,
	IP4_HLEN = 20,
	IP6_HLEN = 40,
	HBH_LEN = 8,
	ETH_MIN = 60
};


static uint32_t sum_bytes(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < n)
		sum += (uint32_t)p[i] << 8;
	return sum;
}

static uint16_t sum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void gen_host_v4(struct gen_host *h, uint32_t ip, const uint8_t mac[6], uint8_t ttl,
		 uint16_t ipid)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->mac, mac, 6);
	put32(h->ip, ip);
	h->ttl = ttl;
	h->ipid = ipid;
}

void gen_host_v6(struct gen_host *h, const uint8_t ip[16], const uint8_t mac[6],
		 uint8_t hlim)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->mac, mac, 6);
	memcpy(h->ip, ip, 16);
	h->v6 = true;
	h->ttl = hlim;
}

uint32_t gen_host_ipv4(const struct gen_host *h)
{
	return (uint32_t)h->ip[0] << 24 | (uint32_t)h->ip[1] << 16 |
	       (uint32_t)h->ip[2] << 8 | h->ip[3];
}

void gen_mac_for(uint8_t mac[6], uint8_t prefix, uint32_t low)
{
	/* 3c:97:0e is a PC vendor prefix; the fourth byte tells roles apart. */
	mac[0] = 0x3c;
	mac[1] = 0x97;
	mac[2] = 0x0e;
	mac[3] = prefix;
	mac[4] = (uint8_t)(low >> 8);
	mac[5] = (uint8_t)low;
}

/* Ethernet header for a frame from src to dst. Multicast IP destinations
 * map to their multicast MACs; the caller's dst->mac covers the rest. */
static size_t put_eth(uint8_t *b, const struct gen_host *src, const struct gen_host *dst,
		      uint16_t type)
{
	if (!dst->v6 && dst->ip[0] >= 224 && dst->ip[0] <= 239) {
		b[0] = 0x01, b[1] = 0x00, b[2] = 0x5e;
		b[3] = dst->ip[1] & 0x7f, b[4] = dst->ip[2], b[5] = dst->ip[3];
	} else if (dst->v6 && dst->ip[0] == 0xff) {
		b[0] = 0x33, b[1] = 0x33;
		memcpy(b + 2, dst->ip + 12, 4);
	} else {
		memcpy(b, dst->mac, 6);
	}
	memcpy(b + 6, src->mac, 6);
	put16(b + 12, type);
	return ETH_HLEN;
}

/* IP header(s) for an upper-layer payload of ulen bytes; returns the
 * offset of the upper layer. hbh adds an IPv6 Hop-by-Hop header (PadN). */
static size_t put_ip(uint8_t *b, struct gen_host *src, const struct gen_host *dst,
		     uint8_t proto, size_t ulen, bool hbh, bool df)
{
	if (src->v6) {
		size_t ext = hbh ? HBH_LEN : 0;

		put32(b, 0x60000000u);
		put16(b + 4, (uint16_t)(ulen + ext));
		b[6] = hbh ? 0 : proto;
		b[7] = src->ttl;
		memcpy(b + 8, src->ip, 16);
		memcpy(b + 24, dst->ip, 16);
		if (hbh) {
			uint8_t *h = b + IP6_HLEN;

			h[0] = proto;
			h[1] = 0;               /* 8 bytes in all */
			h[2] = 1;               /* PadN */
			h[3] = 4;
			memset(h + 4, 0, 4);
		}
		return IP6_HLEN + ext;
	}
	b[0] = 0x45;
	b[1] = 0;
	put16(b + 2, (uint16_t)(IP4_HLEN + ulen));
	put16(b + 4, src->ipid++);
	put16(b + 6, df ? 0x4000 : 0);
	b[8] = src->ttl;
	b[9] = proto;
	put16(b + 10, 0);
	memcpy(b + 12, src->ip, 4);
	memcpy(b + 16, dst->ip, 4);
	put16(b + 10, sum_fold(sum_bytes(0, b, IP4_HLEN)));
	return IP4_HLEN;
}

/* Upper-layer checksum with the pseudo-header of src/dst. */
static uint16_t l4_sum(const struct gen_host *src, const struct gen_host *dst, uint8_t proto,
		       const uint8_t *l4, size_t len)
{
	uint32_t sum = 0;

	if (src->v6) {
		sum = sum_bytes(sum, src->ip, 16);
		sum = sum_bytes(sum, dst->ip, 16);
		sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	} else {
		sum = sum_bytes(sum, src->ip, 4);
		sum = sum_bytes(sum, dst->ip, 4);
		sum += (uint32_t)len;
	}
	sum += proto;
	return sum_fold(sum_bytes(sum, l4, len));
}

static void pad_min(struct gen_pkt *p)
{
	if (p->len < ETH_MIN) {
		memset(p->b + p->len, 0, ETH_MIN - p->len);
		p->len = ETH_MIN;
	}
}

void gen_pkt_tcp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		 const struct gen_tcp *t)
{
	size_t dlen = t->dlen > GEN_MSS ? GEN_MSS : t->dlen;
	size_t hlen = t->synopt ? 28 : 20;
	size_t off = put_eth(p->b, src, dst, src->v6 ? 0x86dd : 0x0800);
	uint8_t *th;

	off += put_ip(p->b + off, src, dst, 6, hlen + dlen, t->hbh && src->v6, true);
	th = p->b + off;
	put16(th, t->sport);
	put16(th + 2, t->dport);
	put32(th + 4, t->seq);
	put32(th + 8, t->ack);
	th[12] = (uint8_t)((hlen / 4) << 4);
	th[13] = t->flags;
	put16(th + 14, t->win);
	put16(th + 16, 0);
	put16(th + 18, 0);
	if (t->synopt) {
		th[20] = 2, th[21] = 4;
		put16(th + 22, src->v6 ? GEN_MSS - 20 : GEN_MSS);
		th[24] = 1, th[25] = 1, th[26] = 4, th[27] = 2;
	}
	if (dlen > 0)
		memcpy(th + hlen, t->data, dlen);
	put16(th + 16, l4_sum(src, dst, 6, th, hlen + dlen));
	p->len = off + hlen + dlen;
	pad_min(p);
}

void gen_pkt_udp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		 uint16_t sport, uint16_t dport, const uint8_t *data, size_t dlen)
{
	size_t off = put_eth(p->b, src, dst, src->v6 ? 0x86dd : 0x0800);
	uint8_t *uh;
	uint16_t sum;

	if (dlen > GEN_MSS)
		dlen = GEN_MSS;
	off += put_ip(p->b + off, src, dst, 17, 8 + dlen, false, false);
	uh = p->b + off;
	put16(uh, sport);
	put16(uh + 2, dport);
	put16(uh + 4, (uint16_t)(8 + dlen));
	put16(uh + 6, 0);
	if (dlen > 0)
		memcpy(uh + 8, data, dlen);
	sum = l4_sum(src, dst, 17, uh, 8 + dlen);
	put16(uh + 6, sum == 0 ? 0xffff : sum);
	p->len = off + 8 + dlen;
	pad_min(p);
}

void gen_pkt_echo(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		  bool reply, uint16_t id, uint16_t seq, size_t dlen)
{
	size_t off = put_eth(p->b, src, dst, src->v6 ? 0x86dd : 0x0800);
	uint8_t *ih;

	if (dlen > 512)
		dlen = 512;
	off += put_ip(p->b + off, src, dst, src->v6 ? 58 : 1, 8 + dlen, false, false);
	ih = p->b + off;
	if (src->v6)
		ih[0] = reply ? 129 : 128;
	else
		ih[0] = reply ? 0 : 8;
	ih[1] = 0;
	put16(ih + 2, 0);
	put16(ih + 4, id);
	put16(ih + 6, seq);
	/* Windows ping data: "abcdefghijklmnopqrstuvwabcdefghi" */
	for (size_t i = 0; i < dlen; i++)
		ih[8 + i] = (uint8_t)('a' + i % 23);
	if (src->v6)
		put16(ih + 2, l4_sum(src, dst, 58, ih, 8 + dlen));
	else
		put16(ih + 2, sum_fold(sum_bytes(0, ih, 8 + dlen)));
	p->len = off + 8 + dlen;
	pad_min(p);
}

void gen_pkt_unreach(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		     uint8_t code, const struct gen_pkt *orig)
{
	const uint8_t *oip = orig->b + ETH_HLEN;
	size_t qlen = (size_t)(oip[0] & 0x0f) * 4 + 8;
	size_t off = put_eth(p->b, src, dst, 0x0800);
	uint8_t *ih;

	if (ETH_HLEN + qlen > orig->len)
		qlen = orig->len - ETH_HLEN;
	off += put_ip(p->b + off, src, dst, 1, 8 + qlen, false, false);
	ih = p->b + off;
	ih[0] = 3;
	ih[1] = code;
	put16(ih + 2, 0);
	put32(ih + 4, 0);
	memcpy(ih + 8, oip, qlen);
	put16(ih + 2, sum_fold(sum_bytes(0, ih, 8 + qlen)));
	p->len = off + 8 + qlen;
	pad_min(p);
}

void gen_pkt_arp(struct gen_pkt *p, uint16_t op, const struct gen_host *sender,
		 const struct gen_host *target)
{
	uint8_t *a = p->b + ETH_HLEN;

	memcpy(p->b, op == 1 ? gen_mac_broadcast : target->mac, 6);
	memcpy(p->b + 6, sender->mac, 6);
	put16(p->b + 12, 0x0806);
	put16(a, 1);
	put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, sender->mac, 6);
	memcpy(a + 14, sender->ip, 4);
	if (op == 1)
		memset(a + 18, 0, 6);
	else
		memcpy(a + 18, target->mac, 6);
	memcpy(a + 24, target->ip, 4);
	p->len = ETH_HLEN + 28;
	pad_min(p);
}

/* Writes name as DNS labels; returns bytes written or 0. */
static size_t put_name(uint8_t *out, size_t cap, const char *name)
{
	size_t o = 0;
	const char *s = name;

	while (*s) {
		const char *dot = strchr(s, '.');
		size_t n = dot ? (size_t)(dot - s) : strlen(s);

		if (n == 0 || n > 63 || o + 1 + n + 1 > cap)
			return 0;
		out[o++] = (uint8_t)n;
		memcpy(out + o, s, n);
		o += n;
		s += n;
		if (*s == '.')
			s++;
	}
	if (o + 1 > cap)
		return 0;
	out[o++] = 0;
	return o;
}

static size_t dns_head(uint8_t *out, size_t cap, uint16_t id, uint16_t flags, uint16_t an,
		       const char *name)
{
	size_t n;

	if (cap < 12 + 4)
		return 0;
	put16(out, id);
	put16(out + 2, flags);
	put16(out + 4, 1);
	put16(out + 6, an);
	put16(out + 8, 0);
	put16(out + 10, 0);
	n = put_name(out + 12, cap - 12 - 4, name);
	if (n == 0)
		return 0;
	put16(out + 12 + n, 1);     /* A */
	put16(out + 14 + n, 1);     /* IN */
	return 16 + n;
}

size_t gen_dns_query(uint8_t *out, size_t cap, uint16_t id, const char *name)
{
	return dns_head(out, cap, id, 0x0100, 0, name);
}

size_t gen_dns_answer(uint8_t *out, size_t cap, uint16_t id, const char *name,
		      uint8_t rcode, const uint32_t *addrs, size_t naddrs)
{
	size_t o = dns_head(out, cap, id, (uint16_t)(0x8180 | (rcode & 0x0f)),
			    (uint16_t)naddrs, name);

	if (o == 0)
		return 0;
	for (size_t i = 0; i < naddrs; i++) {
		if (o + 16 > cap)
			return 0;
		put16(out + o, 0xc00c);     /* pointer to the question name */
		put16(out + o + 2, 1);
		put16(out + o + 4, 1);
		put32(out + o + 6, 300);
		put16(out + o + 10, 4);
		put32(out + o + 12, addrs[i]);
		o += 16;
	}
	return o;
}

/* CRC32c (Castagnoli, reflected 0x82f63b78), as SCTP uses it (RFC 4960
 * appendix B). Bitwise: a few thousand packets at most. */
static uint32_t crc32c(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82f63b78u & (0u - (c & 1u)));
	}
	return ~c;
}

void gen_pkt_sctp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		  uint16_t sport, uint16_t dport, uint32_t vtag, const uint8_t *chunks,
		  size_t clen)
{
	size_t off = put_eth(p->b, src, dst, src->v6 ? 0x86dd : 0x0800);
	uint8_t *sh;
	uint32_t crc;

	if (clen > GEN_MSS)
		clen = GEN_MSS;
	off += put_ip(p->b + off, src, dst, 132, 12 + clen, false, true);
	sh = p->b + off;
	put16(sh, sport);
	put16(sh + 2, dport);
	put32(sh + 4, vtag);
	put32(sh + 8, 0);
	memcpy(sh + 12, chunks, clen);
	crc = crc32c(sh, 12 + clen);
	/* the CRC goes out least significant byte first */
	sh[8] = (uint8_t)crc, sh[9] = (uint8_t)(crc >> 8);
	sh[10] = (uint8_t)(crc >> 16), sh[11] = (uint8_t)(crc >> 24);
	p->len = off + 12 + clen;
	pad_min(p);
}
