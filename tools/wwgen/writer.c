/* Output: rewrites the builders' Ethernet frames into the selected link
 * layer and writes classic pcap through libpcap or pcapng through a small
 * writer of our own (SHB, one IDB, EPBs, host byte order). Every write is
 * checked; the first failure is reported and sticks. */
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include "gen.h"

struct gen_writer {
	enum gen_link link;
	bool pcapng;
	const char *path;
	int fd;                 /* pcap: our own descriptor, closed last, checked */
	FILE *fp;
	pcap_t *pd;
	pcap_dumper_t *dump;
	uint64_t count;
	uint32_t snaplen;       /* frames are cut to this (captured length) */
	bool failed;            /* an error was reported already */
	uint8_t buf[GEN_FRAME_MAX + 64];
	char iobuf[1 << 20];
};

/* Recipe: to add a link layer, add the enum value in gen.h, a row here and
 * its header in rewrite(). linktype is the LINKTYPE_ value for pcapng and
 * dlt the DLT_ value libpcap wants (it maps DLT to LINKTYPE itself). */
static const struct {
	const char *name;
	enum gen_link link;
	int dlt;
	uint16_t linktype;
} links[] = {
	{"en10mb", GEN_LINK_EN10MB, DLT_EN10MB, 1},
	{"vlan", GEN_LINK_VLAN, DLT_EN10MB, 1},
	{"qinq", GEN_LINK_QINQ, DLT_EN10MB, 1},
	{"sll", GEN_LINK_SLL, DLT_LINUX_SLL, 113},
	{"sll2", GEN_LINK_SLL2, DLT_LINUX_SLL2, 276},
	{"raw", GEN_LINK_RAW, DLT_RAW, 101},
	{"null", GEN_LINK_NULL, DLT_NULL, 0},
};

bool gen_link_parse(const char *s, enum gen_link *out)
{
	for (size_t i = 0; i < WW_ARRAY_LEN(links); i++) {
		if (strcmp(s, links[i].name) == 0) {
			*out = links[i].link;
			return true;
		}
	}
	return false;
}

const char *gen_link_names(void)
{
	return "en10mb|vlan|qinq|sll|sll2|raw|null";
}


/* SLL packet type as a mirror port would see it. */
static uint16_t sll_pkttype(const uint8_t *dst)
{
	if (memcmp(dst, gen_mac_broadcast, 6) == 0)
		return 1; /* broadcast */
	if (dst[0] & 1)
		return 2; /* multicast */
	return 3;         /* to another host */
}

/* Length of the IP packet in an Ethernet frame (drops the padding). */
static size_t ip_len(const uint8_t *f, size_t len, uint16_t type)
{
	size_t n = len - 14;

	if (type == 0x0800 && len >= 14 + 20)
		n = (size_t)f[16] << 8 | f[17];
	else if (type == 0x86dd && len >= 14 + 40)
		n = 40 + ((size_t)f[18] << 8 | f[19]);
	return n <= len - 14 ? n : len - 14;
}

/* Rewrites frame for w->link into w->buf; returns the length or 0 when the
 * link cannot carry the frame. */
static size_t rewrite(struct gen_writer *w, const uint8_t *f, size_t len)
{
	uint8_t *b = w->buf;
	uint16_t type = (uint16_t)(f[12] << 8 | f[13]);
	size_t ipl = ip_len(f, len, type);

	switch (w->link) {
	case GEN_LINK_EN10MB:
		memcpy(b, f, len);
		return len;
	case GEN_LINK_VLAN:
		memcpy(b, f, 12);
		put16(b + 12, 0x8100);
		put16(b + 14, 10);          /* PCP 0, VID 10 */
		memcpy(b + 16, f + 12, len - 12);
		return len + 4;
	case GEN_LINK_QINQ:
		memcpy(b, f, 12);
		put16(b + 12, 0x88a8);
		put16(b + 14, 100);         /* service VLAN 100 */
		put16(b + 16, 0x8100);
		put16(b + 18, 10);          /* customer VLAN 10 */
		memcpy(b + 20, f + 12, len - 12);
		return len + 8;
	case GEN_LINK_SLL:
		put16(b, sll_pkttype(f));
		put16(b + 2, 1);            /* ARPHRD_ETHER */
		put16(b + 4, 6);
		memcpy(b + 6, f + 6, 6);
		put16(b + 12, 0);
		put16(b + 14, type);
		memcpy(b + 16, f + 14, ipl);
		return 16 + ipl;
	case GEN_LINK_SLL2:
		put16(b, type);
		put16(b + 2, 0);
		put32(b + 4, 2);            /* interface index */
		put16(b + 8, 1);
		b[10] = (uint8_t)sll_pkttype(f);
		b[11] = 6;
		memcpy(b + 12, f + 6, 6);
		put16(b + 18, 0);
		memcpy(b + 20, f + 14, ipl);
		return 20 + ipl;
	case GEN_LINK_RAW:
		if (type != 0x0800 && type != 0x86dd)
			return 0;
		memcpy(b, f + 14, ipl);
		return ipl;
	case GEN_LINK_NULL: {
		/* BSD loopback: the family in host byte order; 24 is AF_INET6
		 * on NetBSD/OpenBSD (28 FreeBSD, 30 Darwin: readers take all). */
		uint32_t fam = type == 0x0800 ? 2 : 24;

		if (type != 0x0800 && type != 0x86dd)
			return 0;
		memcpy(b, &fam, 4);
		memcpy(b + 4, f + 14, ipl);
		return 4 + ipl;
	}
	}
	return 0;
}

static ww_rc io_fail(struct gen_writer *w, const char *what)
{
	if (w->failed)
		return WW_ERR_IO;
	w->failed = true;
	gen_error("cannot %s '%s': %s", what, w->path, strerror(errno ? errno : EIO));
	return WW_ERR_IO;
}

static ww_rc put_bytes(struct gen_writer *w, const void *p, size_t n)
{
	if (fwrite(p, 1, n, w->fp) != n)
		return io_fail(w, "write");
	return WW_OK;
}

/* A pcapng option: code, length, value padded to 4. */
static size_t ng_opt(uint8_t *b, uint16_t code, const void *val, uint16_t len)
{
	size_t pad = (4 - len % 4) % 4;

	memcpy(b, &code, 2);
	memcpy(b + 2, &len, 2);
	if (len > 0)
		memcpy(b + 4, val, len);
	memset(b + 4 + len, 0, pad);
	return 4 + len + pad;
}

static ww_rc ng_headers(struct gen_writer *w, uint16_t linktype, uint32_t snap)
{
	uint8_t b[256];
	uint32_t u32;
	uint16_t u16;
	uint64_t u64;
	size_t o;
	static const char appl[] = "wwgen";
	uint8_t tsresol = 6;        /* microseconds, the default, said aloud */

	/* Section Header Block */
	o = 0;
	u32 = 0x0a0d0d0a, memcpy(b + o, &u32, 4), o += 4;
	o += 4;                                         /* length, below */
	u32 = 0x1a2b3c4d, memcpy(b + o, &u32, 4), o += 4;
	u16 = 1, memcpy(b + o, &u16, 2), o += 2;
	u16 = 0, memcpy(b + o, &u16, 2), o += 2;
	u64 = UINT64_MAX, memcpy(b + o, &u64, 8), o += 8;
	o += ng_opt(b + o, 4, appl, (uint16_t)(sizeof(appl) - 1)); /* shb_userappl */
	o += ng_opt(b + o, 0, NULL, 0);
	u32 = (uint32_t)(o + 4);
	memcpy(b + 4, &u32, 4);
	memcpy(b + o, &u32, 4), o += 4;
	if (put_bytes(w, b, o))
		return WW_ERR_IO;

	/* Interface Description Block */
	o = 0;
	u32 = 1, memcpy(b + o, &u32, 4), o += 4;
	o += 4;
	memcpy(b + o, &linktype, 2), o += 2;
	u16 = 0, memcpy(b + o, &u16, 2), o += 2;
	memcpy(b + o, &snap, 4), o += 4;
	o += ng_opt(b + o, 9, &tsresol, 1);             /* if_tsresol */
	o += ng_opt(b + o, 0, NULL, 0);
	u32 = (uint32_t)(o + 4);
	memcpy(b + 4, &u32, 4);
	memcpy(b + o, &u32, 4), o += 4;
	return put_bytes(w, b, o);
}

ww_rc gen_writer_open(struct gen_writer **out, const char *path, enum gen_link link,
		      bool pcapng, uint32_t snaplen)
{
	struct gen_writer *w = ww_calloc(1, sizeof(*w));
	size_t li = 0;

	*out = NULL;
	if (!w) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	while (li < WW_ARRAY_LEN(links) && links[li].link != link)
		li++;
	w->link = link;
	w->pcapng = pcapng;
	w->snaplen = snaplen && snaplen < GEN_SNAPLEN ? snaplen : GEN_SNAPLEN;
	w->path = path;
	errno = 0;
	w->fd = -1;
	if (pcapng) {
		w->fp = fopen(path, "wb");
	} else {
		/* libpcap closes the stream it writes and pcap_dump_close()
		 * returns nothing; the stream gets a duplicate descriptor so
		 * the file's last close is ours and its result is checked. */
		int dup_fd;

		w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		dup_fd = w->fd >= 0 ? fcntl(w->fd, F_DUPFD_CLOEXEC, 0) : -1;
		w->fp = dup_fd >= 0 ? fdopen(dup_fd, "wb") : NULL;
		if (!w->fp && dup_fd >= 0)
			close(dup_fd);
	}
	if (!w->fp) {
		(void)io_fail(w, "open");
		if (w->fd >= 0)
			close(w->fd);
		free(w);
		return WW_ERR_IO;
	}
	setvbuf(w->fp, w->iobuf, _IOFBF, sizeof(w->iobuf));
	if (pcapng) {
		if (ng_headers(w, links[li].linktype, w->snaplen)) {
			fclose(w->fp);
			free(w);
			return WW_ERR_IO;
		}
	} else {
		w->pd = pcap_open_dead(links[li].dlt, (int)w->snaplen);
		if (w->pd)
			w->dump = pcap_dump_fopen(w->pd, w->fp);
		if (!w->dump) {
			gen_error("cannot start pcap file '%s': %s", path,
				  w->pd ? pcap_geterr(w->pd) : "pcap_open_dead failed");
			if (w->pd)
				pcap_close(w->pd);
			fclose(w->fp);
			close(w->fd);
			free(w);
			return WW_ERR_IO;
		}
	}
	*out = w;
	return WW_OK;
}

ww_rc gen_writer_put(struct gen_writer *w, uint64_t t_us, const uint8_t *frame, size_t len)
{
	size_t n = rewrite(w, frame, len);
	size_t cap = n > w->snaplen ? w->snaplen : n;
	uint64_t sec = GEN_EPOCH_SEC + t_us / 1000000u;
	uint32_t usec = (uint32_t)(t_us % 1000000u);

	if (n == 0)
		return WW_OK;
	w->count++;
	if (w->pcapng) {
		uint8_t h[28];
		uint32_t u32, pad = (uint32_t)((4 - cap % 4) % 4);
		uint64_t ts = sec * 1000000u + usec;
		static const uint8_t zero[4];

		u32 = 6, memcpy(h, &u32, 4);
		u32 = (uint32_t)(32 + cap + pad), memcpy(h + 4, &u32, 4);
		u32 = 0, memcpy(h + 8, &u32, 4);
		u32 = (uint32_t)(ts >> 32), memcpy(h + 12, &u32, 4);
		u32 = (uint32_t)ts, memcpy(h + 16, &u32, 4);
		u32 = (uint32_t)cap, memcpy(h + 20, &u32, 4);
		u32 = (uint32_t)n, memcpy(h + 24, &u32, 4);
		if (put_bytes(w, h, 28) || put_bytes(w, w->buf, cap) ||
		    put_bytes(w, zero, pad))
			return WW_ERR_IO;
		u32 = (uint32_t)(32 + cap + pad);
		return put_bytes(w, &u32, 4);
	}
	{
		struct pcap_pkthdr ph;

		memset(&ph, 0, sizeof(ph));
		ph.ts.tv_sec = (time_t)sec;
		ph.ts.tv_usec = (suseconds_t)usec;
		ph.caplen = (bpf_u_int32)cap;
		ph.len = (bpf_u_int32)n;
		pcap_dump((u_char *)w->dump, &ph, w->buf);
		/* pcap_dump() returns nothing: look at the stream now and then. */
		if ((w->count & 0xfff) == 0 && ferror(w->fp))
			return io_fail(w, "write");
	}
	return WW_OK;
}

uint64_t gen_writer_count(const struct gen_writer *w)
{
	return w->count;
}

ww_rc gen_writer_close(struct gen_writer *w)
{
	ww_rc rc = WW_OK;

	if (!w)
		return WW_OK;
	if (w->failed)
		rc = WW_ERR_IO;
	errno = 0;
	if (w->pcapng) {
		if (fflush(w->fp) != 0 || ferror(w->fp))
			rc = io_fail(w, "write");
		if (fclose(w->fp) != 0 && rc == WW_OK)
			rc = io_fail(w, "close");
	} else {
		if (pcap_dump_flush(w->dump) != 0 || ferror(pcap_dump_file(w->dump)))
			rc = io_fail(w, "write");
		/* pcap_dump_close() returns void: it closes the duplicate; the
		 * flush above pushed every byte to the kernel and the close of
		 * our descriptor below reports what is left (NFS, quotas). */
		pcap_dump_close(w->dump);
		pcap_close(w->pd);
		if (close(w->fd) != 0 && rc == WW_OK)
			rc = io_fail(w, "close");
	}
	free(w);
	return rc;
}
