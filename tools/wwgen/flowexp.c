/* Flow exports of a scenario (--flows FILE --flows-format v5|v9|ipfix):
 * every frame written to the capture also goes through a flow meter, as a
 * router on the capture point would run one (unidirectional flows keyed by
 * the 5-tuple, 15 s inactive and 60 s active timeouts), and the expired
 * flows are exported as NetFlow v5, NetFlow v9 or IPFIX datagrams from the
 * router 192.168.0.1 to a collector at 192.168.0.2 (UDP 2055, IPFIX 4739),
 * written as a pcap of raw IPv4. v5 carries IPv4 flows only; v9 and IPFIX
 * send their templates in the first datagram and every 20th. */
#include <errno.h>

#include "gen.h"

#define FE_SLOTS (1u << 18)
#define FE_INACTIVE_US GEN_US(15)
#define FE_ACTIVE_US GEN_US(60)
#define FE_BOOT_MS 3600000u     /* the router booted an hour before the capture */
#define FE_MTU 1400u

struct fe_flow {
	bool used, v6;
	uint8_t src[16], dst[16];
	uint8_t proto, flags;
	uint16_t sport, dport;
	uint64_t first, last, pkts, bytes;
};

struct gen_flowexp {
	FILE *fp;
	const char *path;
	enum gen_flowfmt fmt;
	struct fe_flow *t;
	size_t n;
	uint64_t now, last_scan;
	uint8_t dg[FE_MTU + 64];
	size_t len, nrec;
	uint32_t seq;        /* v5, IPFIX: records before; v9: packets */
	uint32_t packets;
	bool failed;
};

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static void le32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* pcap headers are in the writer's byte order */
}

static void fe_write(struct gen_flowexp *fe, const uint8_t *b, size_t n)
{
	if (!fe->failed && fwrite(b, 1, n, fe->fp) != n) {
		gen_error("cannot write '%s': %s", fe->path, strerror(errno));
		fe->failed = true;
	}
}

bool gen_flowfmt_parse(const char *s, enum gen_flowfmt *out)
{
	if (strcmp(s, "v5") == 0)
		*out = GEN_FLOWS_V5;
	else if (strcmp(s, "v9") == 0)
		*out = GEN_FLOWS_V9;
	else if (strcmp(s, "ipfix") == 0)
		*out = GEN_FLOWS_IPFIX;
	else
		return false;
	return true;
}

struct gen_flowexp *gen_flowexp_open(const char *path, enum gen_flowfmt fmt)
{
	struct gen_flowexp *fe = ww_calloc(1, sizeof(*fe));
	uint8_t h[24];
	if (!fe)
		return NULL;
	fe->t = ww_calloc(FE_SLOTS, sizeof(*fe->t));
	fe->fp = fopen(path, "wb");
	if (!fe->t || !fe->fp) {
		gen_error("cannot open '%s': %s", path, strerror(errno ? errno : ENOMEM));
		if (fe->fp)
			fclose(fe->fp);
		free(fe->t);
		free(fe);
		return NULL;
	}
	fe->path = path;
	fe->fmt = fmt;
	le32(h, 0xa1b2c3d4);
	h[4] = 2, h[5] = 0, h[6] = 4, h[7] = 0;
	if (h[0] != 0xd4) { /* big-endian host: the magic says so; versions follow it */
		h[4] = 0, h[5] = 2, h[6] = 0, h[7] = 4;
	}
	le32(h + 8, 0);
	le32(h + 12, 0);
	le32(h + 16, 65535);
	le32(h + 20, 101); /* LINKTYPE_RAW */
	fe_write(fe, h, sizeof(h));
	return fe;
}

/* ---- datagrams ------------------------------------------------------------ */

static uint32_t uptime_ms(uint64_t t_us)
{
	return (uint32_t)(FE_BOOT_MS + t_us / 1000);
}

static void header(struct gen_flowexp *fe)
{
	uint64_t t = fe->now;
	memset(fe->dg, 0, sizeof(fe->dg));
	if (fe->fmt == GEN_FLOWS_V5) {
		put16(fe->dg, 5);
		put32(fe->dg + 4, uptime_ms(t));
		put32(fe->dg + 8, (uint32_t)(GEN_EPOCH_SEC + t / 1000000));
		put32(fe->dg + 12, (uint32_t)(t % 1000000) * 1000);
		put32(fe->dg + 16, fe->seq);
		fe->len = 24;
	} else if (fe->fmt == GEN_FLOWS_V9) {
		put16(fe->dg, 9);
		put32(fe->dg + 4, uptime_ms(t));
		put32(fe->dg + 8, (uint32_t)(GEN_EPOCH_SEC + t / 1000000));
		put32(fe->dg + 12, fe->packets);
		fe->len = 20;
	} else {
		put16(fe->dg, 10);
		put32(fe->dg + 4, (uint32_t)(GEN_EPOCH_SEC + t / 1000000));
		put32(fe->dg + 8, fe->seq);
		fe->len = 16;
	}
	fe->nrec = 0;
	if (fe->fmt != GEN_FLOWS_V5 && fe->packets % 20 == 0) {
		/* the templates: 256 for IPv4, 257 for IPv6 */
		static const uint16_t v9_4[] = {8, 4, 12, 4, 22, 4, 21, 4, 1, 4, 2, 4, 7, 2, 11, 2,
		                                4, 1, 6, 1};
		static const uint16_t v9_6[] = {27, 16, 28, 16, 22, 4, 21, 4, 1, 4, 2, 4, 7, 2, 11, 2,
		                                4, 1, 6, 1};
		static const uint16_t ix_4[] = {8, 4, 12, 4, 152, 8, 153, 8, 1, 8, 2, 8, 7, 2, 11, 2,
		                                4, 1, 6, 2};
		static const uint16_t ix_6[] = {27, 16, 28, 16, 152, 8, 153, 8, 1, 8, 2, 8, 7, 2, 11, 2,
		                                4, 1, 6, 2};
		const uint16_t *a = fe->fmt == GEN_FLOWS_V9 ? v9_4 : ix_4;
		const uint16_t *b = fe->fmt == GEN_FLOWS_V9 ? v9_6 : ix_6;
		uint8_t *s = fe->dg + fe->len;
		size_t k, off = 4;
		put16(s, fe->fmt == GEN_FLOWS_V9 ? 0 : 2);
		for (k = 0; k < 2; k++) {
			const uint16_t *f = k ? b : a;
			size_t i;
			put16(s + off, (uint16_t)(256 + k));
			put16(s + off + 2, 10);
			off += 4;
			for (i = 0; i < 20; i++, off += 2)
				put16(s + off, f[i]);
		}
		put16(s + 2, (uint16_t)off);
		fe->len += off;
		fe->nrec += 2;
	}
}

static size_t rec_len(const struct gen_flowexp *fe, bool v6)
{
	if (fe->fmt == GEN_FLOWS_V5)
		return 48;
	if (fe->fmt == GEN_FLOWS_V9)
		return v6 ? 54 : 30;
	return v6 ? 71 : 47;
}

static void flush(struct gen_flowexp *fe)
{
	uint8_t ph[16], ip[28];
	size_t n;
	uint64_t t = fe->now;
	if (fe->len == 0 || (fe->fmt == GEN_FLOWS_V5 && fe->nrec == 0))
		return;
	if (fe->fmt == GEN_FLOWS_V5)
		put16(fe->dg + 2, (uint16_t)fe->nrec);
	else if (fe->fmt == GEN_FLOWS_V9)
		put16(fe->dg + 2, (uint16_t)fe->nrec);
	else
		put16(fe->dg + 2, (uint16_t)fe->len);
	n = 28 + fe->len;
	memset(ip, 0, sizeof(ip));
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)n);
	ip[8] = 64;
	ip[9] = 17;
	put32(ip + 12, 0xc0a80001u); /* 192.168.0.1, the router */
	put32(ip + 16, 0xc0a80002u); /* 192.168.0.2, the collector */
	{
		uint32_t sum = 0;
		size_t i;
		for (i = 0; i < 20; i += 2)
			sum += (uint32_t)ip[i] << 8 | ip[i + 1];
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		put16(ip + 10, (uint16_t)~sum);
	}
	put16(ip + 20, 50000);
	put16(ip + 22, fe->fmt == GEN_FLOWS_IPFIX ? 4739 : 2055);
	put16(ip + 24, (uint16_t)(8 + fe->len));
	le32(ph, (uint32_t)(GEN_EPOCH_SEC + t / 1000000));
	le32(ph + 4, (uint32_t)(t % 1000000));
	le32(ph + 8, (uint32_t)n);
	le32(ph + 12, (uint32_t)n);
	fe_write(fe, ph, 16);
	fe_write(fe, ip, 28);
	fe_write(fe, fe->dg, fe->len);
	fe->packets++;
	fe->len = 0;
	fe->nrec = 0;
}

static void export_flow(struct gen_flowexp *fe, const struct fe_flow *f)
{
	uint8_t *r;
	size_t rl;
	if (fe->fmt == GEN_FLOWS_V5 && f->v6)
		return;
	rl = rec_len(fe, f->v6);
	if (fe->len && fe->len + rl + 8 > FE_MTU)
		flush(fe);
	if (fe->fmt == GEN_FLOWS_V5 && fe->nrec == 30)
		flush(fe);
	if (!fe->len)
		header(fe);
	if (fe->fmt != GEN_FLOWS_V5) {
		/* one data set per record: simple, and legal */
		uint8_t *s = fe->dg + fe->len;
		size_t pad = fe->fmt == GEN_FLOWS_V9 ? (4 - (4 + rl) % 4) % 4 : 0;
		put16(s, (uint16_t)(256 + f->v6));
		put16(s + 2, (uint16_t)(4 + rl + pad));
		memset(s + 4 + rl, 0, pad);
		r = s + 4;
		fe->len += 4 + rl + pad;
	} else {
		r = fe->dg + fe->len;
		fe->len += rl;
	}
	fe->nrec++;
	fe->seq++;
	memset(r, 0, rl);
	if (fe->fmt == GEN_FLOWS_V5) {
		memcpy(r, f->src, 4);
		memcpy(r + 4, f->dst, 4);
		put32(r + 16, (uint32_t)f->pkts);
		put32(r + 20, (uint32_t)f->bytes);
		put32(r + 24, uptime_ms(f->first));
		put32(r + 28, uptime_ms(f->last));
		put16(r + 32, f->sport);
		put16(r + 34, f->dport);
		r[37] = f->flags;
		r[38] = f->proto;
		return;
	}
	{
		size_t a = f->v6 ? 16 : 4, o = 2 * a;
		memcpy(r, f->src, a);
		memcpy(r + a, f->dst, a);
		if (fe->fmt == GEN_FLOWS_V9) {
			put32(r + o, uptime_ms(f->first));
			put32(r + o + 4, uptime_ms(f->last));
			put32(r + o + 8, (uint32_t)f->bytes);
			put32(r + o + 12, (uint32_t)f->pkts);
			o += 16;
		} else {
			put64(r + o, GEN_EPOCH_SEC * 1000 + f->first / 1000);
			put64(r + o + 8, GEN_EPOCH_SEC * 1000 + f->last / 1000);
			put64(r + o + 16, f->bytes);
			put64(r + o + 24, f->pkts);
			o += 32;
		}
		put16(r + o, f->sport);
		put16(r + o + 2, f->dport);
		r[o + 4] = f->proto;
		if (fe->fmt == GEN_FLOWS_V9)
			r[o + 5] = f->flags;
		else
			put16(r + o + 5, f->flags);
	}
}

static void expire(struct gen_flowexp *fe, bool all)
{
	size_t i;
	for (i = 0; i < FE_SLOTS; i++) {
		struct fe_flow *f = &fe->t[i];
		if (!f->used)
			continue;
		if (all || f->last + FE_INACTIVE_US < fe->now || f->first + FE_ACTIVE_US < fe->now) {
			export_flow(fe, f);
			f->used = false;
			fe->n--;
		}
	}
	/* a slot freed in the middle of a probe chain would hide the flows
	 * after it: put every flow back where a lookup finds it */
	if (!all) {
		for (i = 0; i < FE_SLOTS; i++) {
			struct fe_flow f = fe->t[i];
			if (!f.used)
				continue;
			fe->t[i].used = false;
			{
				uint64_t h = 1469598103934665603ULL;
				size_t k, j;
				for (k = 0; k < 16; k++)
					h = (h ^ f.src[k] ^ (uint64_t)f.dst[k] << 8) * 1099511628211ULL;
				h = (h ^ f.sport ^ (uint64_t)f.dport << 16 ^ (uint64_t)f.proto << 32) *
				    1099511628211ULL;
				for (j = h & (FE_SLOTS - 1); fe->t[j].used; j = (j + 1) & (FE_SLOTS - 1))
					;
				fe->t[j] = f;
			}
		}
	}
	flush(fe);
}

void gen_flowexp_frame(struct gen_flowexp *fe, uint64_t t_us, const uint8_t *b, size_t len)
{
	struct fe_flow k;
	size_t l4, ipl;
	uint16_t type;
	uint64_t h = 1469598103934665603ULL;
	size_t i, j;
	if (!fe || len < 14)
		return;
	fe->now = t_us;
	if (t_us >= fe->last_scan + GEN_US(1)) {
		fe->last_scan = t_us;
		expire(fe, false);
	}
	memset(&k, 0, sizeof(k));
	type = (uint16_t)(b[12] << 8 | b[13]);
	if (type == 0x0800 && len >= 34) {
		size_t ihl = (size_t)(b[14] & 15) * 4;
		memcpy(k.src, b + 26, 4);
		memcpy(k.dst, b + 30, 4);
		k.proto = b[23];
		ipl = (size_t)b[16] << 8 | b[17];
		l4 = 14 + ihl;
	} else if (type == 0x86dd && len >= 54) {
		k.v6 = true;
		memcpy(k.src, b + 22, 16);
		memcpy(k.dst, b + 38, 16);
		k.proto = b[20];
		ipl = 40 + ((size_t)b[18] << 8 | b[19]);
		l4 = 54;
		if (k.proto == 0 && len >= l4 + 8) { /* one hop-by-hop header */
			k.proto = b[l4];
			l4 += ((size_t)b[l4 + 1] + 1) * 8;
		}
	} else {
		return; /* ARP and the like: no flow */
	}
	if ((k.proto == 6 || k.proto == 17) && len >= l4 + 4) {
		k.sport = (uint16_t)(b[l4] << 8 | b[l4 + 1]);
		k.dport = (uint16_t)(b[l4 + 2] << 8 | b[l4 + 3]);
	} else if ((k.proto == 1 || k.proto == 58) && len >= l4 + 2) {
		k.dport = (uint16_t)(b[l4] << 8 | b[l4 + 1]); /* type << 8 | code */
	}
	for (i = 0; i < 16; i++)
		h = (h ^ k.src[i] ^ (uint64_t)k.dst[i] << 8) * 1099511628211ULL;
	h = (h ^ k.sport ^ (uint64_t)k.dport << 16 ^ (uint64_t)k.proto << 32) * 1099511628211ULL;
	for (j = h & (FE_SLOTS - 1);; j = (j + 1) & (FE_SLOTS - 1)) {
		struct fe_flow *f = &fe->t[j];
		if (!f->used) {
			if (fe->n + 1 >= FE_SLOTS / 2) {
				expire(fe, true); /* full: export everything, start again */
				j = h & (FE_SLOTS - 1);
				f = &fe->t[j];
			}
			*f = k;
			f->used = true;
			f->first = t_us;
			fe->n++;
		} else if (f->proto != k.proto || f->sport != k.sport || f->dport != k.dport ||
		           f->v6 != k.v6 || memcmp(f->src, k.src, 16) || memcmp(f->dst, k.dst, 16)) {
			continue;
		}
		f->last = t_us;
		f->pkts++;
		f->bytes += ipl;
		if (k.proto == 6 && len >= l4 + 14)
			f->flags |= b[l4 + 13];
		return;
	}
}

ww_rc gen_flowexp_close(struct gen_flowexp *fe)
{
	ww_rc rc;
	if (!fe)
		return WW_OK;
	fe->now += GEN_US(1);
	expire(fe, true);
	if (!fe->failed && (fflush(fe->fp) != 0 || ferror(fe->fp))) {
		gen_error("cannot write '%s': %s", fe->path, strerror(errno ? errno : EIO));
		fe->failed = true;
	}
	if (fclose(fe->fp) != 0 && !fe->failed) {
		gen_error("cannot close '%s': %s", fe->path, strerror(errno));
		fe->failed = true;
	}
	rc = fe->failed ? WW_ERR_IO : WW_OK;
	free(fe->t);
	free(fe);
	return rc;
}
