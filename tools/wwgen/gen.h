/* wwgen: the project's deterministic capture generator. Shared declarations
 * for the random source, the frame builders, the output writer, the emit
 * context and the scenarios.
 *
 * Data flow: a scenario builds Ethernet frames (pkt.c, flow.c) and hands
 * them with a simulated time to gen_emit() (emit.c). Small scenarios let the
 * emit context collect and sort frames by time; the bench scenario streams
 * frames in time order straight to the writer (writer.c), which rewrites the
 * Ethernet frame into the selected link layer and file format. */
#ifndef WWGEN_GEN_H
#define WWGEN_GEN_H

#include <stdio.h>

#include "core/common.h"

/* 2026-03-02T09:00:00Z: every capture starts here. */
#define GEN_EPOCH_SEC 1772442000ULL
#define GEN_SNAPLEN 65535u
/* Largest frame a builder makes: Ethernet + IPv6 + HBH + TCP + 1460 data. */
#define GEN_FRAME_MAX 1600u
#define GEN_MSS 1460u
#define GEN_FILLER 32768u

#define GEN_US(sec) ((uint64_t)(sec) * 1000000ULL)
#define GEN_MS(ms) ((uint64_t)(ms) * 1000ULL)

/* "wwgen: error: <msg>" on stderr. */
void gen_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- rng.c: xoshiro256** seeded through splitmix64 ---------------------- */

struct gen_rng {
	uint64_t s[4];
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n); n == 0 returns 0. */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);
/* Uniform in [lo, hi]. */
uint32_t gen_rng_range(struct gen_rng *r, uint32_t lo, uint32_t hi);
/* True with probability permille/1000. */
bool gen_rng_chance(struct gen_rng *r, unsigned permille);
void gen_rng_bytes(struct gen_rng *r, uint8_t *p, size_t n);

/* True for a globally routable unicast IPv4 address (host order). */
bool gen_ipv4_is_public(uint32_t a);
/* A random public address (not distinct between calls). */
uint32_t gen_rng_public_ipv4(struct gen_rng *r);

/* Distinct public IPv4 addresses by construction: x_k = mul*k + add mod
 * 2^32 is a bijection for odd mul, so walking k and skipping non-public
 * values never repeats an address. */
struct gen_addrperm {
	uint32_t mul;
	uint32_t add;
	uint64_t k;
};

void gen_addrperm_init(struct gen_addrperm *p, struct gen_rng *r);
/* Next distinct public address; false once all 2^32 values were walked. */
bool gen_addrperm_next(struct gen_addrperm *p, uint32_t *out);

/* ---- pkt.c: frame builders ------------------------------------------------ */

/* One endpoint as it appears on the wire at the capture point. For hosts
 * beyond the router, mac is the router's MAC. ipid counts up per IPv4
 * packet the host sends. */
struct gen_host {
	uint8_t mac[6];
	uint8_t ip[16]; /* IPv4 in the first 4 bytes */
	bool v6;
	uint8_t ttl;    /* TTL / hop limit as seen at the capture point */
	uint16_t ipid;
};

void gen_host_v4(struct gen_host *h, uint32_t ip, const uint8_t mac[6], uint8_t ttl,
		 uint16_t ipid);
void gen_host_v6(struct gen_host *h, const uint8_t ip[16], const uint8_t mac[6],
		 uint8_t hlim);
uint32_t gen_host_ipv4(const struct gen_host *h);
/* A LAN MAC derived from the address (deterministic, vendor-looking). */
void gen_mac_for(uint8_t mac[6], uint8_t prefix, uint32_t low);

struct gen_pkt {
	uint8_t b[GEN_FRAME_MAX];
	size_t len;
};

enum {
	GEN_TCP_FIN = 0x01,
	GEN_TCP_SYN = 0x02,
	GEN_TCP_RST = 0x04,
	GEN_TCP_PSH = 0x08,
	GEN_TCP_ACK = 0x10,
	GEN_TCP_URG = 0x20
};

struct gen_tcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win;
	bool synopt;        /* SYN options: MSS 1460, NOP, NOP, SACK permitted */
	bool hbh;           /* IPv6 only: a Hop-by-Hop header before TCP */
	const uint8_t *data;
	size_t dlen;        /* clamped to GEN_MSS */
};

extern const uint8_t gen_mac_broadcast[6];

void gen_pkt_tcp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		 const struct gen_tcp *t);
void gen_pkt_udp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		 uint16_t sport, uint16_t dport, const uint8_t *data, size_t dlen);
/* ICMP (IPv4) or ICMPv6 echo: request when reply is false. */
void gen_pkt_echo(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		  bool reply, uint16_t id, uint16_t seq, size_t dlen);
/* ICMP destination unreachable (type 3, code) from src to the sender of
 * orig, quoting orig's IPv4 header and its first 8 payload bytes. */
void gen_pkt_unreach(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		     uint8_t code, const struct gen_pkt *orig);
/* SCTP (proto 132): common header with vtag, then clen bytes of chunks;
 * CRC32c checksum. */
void gen_pkt_sctp(struct gen_pkt *p, struct gen_host *src, const struct gen_host *dst,
		  uint16_t sport, uint16_t dport, uint32_t vtag, const uint8_t *chunks,
		  size_t clen);
/* ARP: op 1 request (to broadcast, target MAC zero), op 2 reply. */
void gen_pkt_arp(struct gen_pkt *p, uint16_t op, const struct gen_host *sender,
		 const struct gen_host *target);

/* DNS message bodies (for UDP 53). Return the length, 0 if cap is short. */
size_t gen_dns_query(uint8_t *out, size_t cap, uint16_t id, const char *name);
size_t gen_dns_answer(uint8_t *out, size_t cap, uint16_t id, const char *name,
		      uint8_t rcode, const uint32_t *addrs, size_t naddrs);

/* ---- payloads.c: SMB1, DCE/RPC and the exploit-step payloads ------------- */

/* The SMB1 header fields a message sets; the rest are zero. */
struct gen_smb1_hdr {
	uint8_t cmd;
	bool resp;
	uint32_t status;
	uint16_t tid, pid, uid, mid;
};

/* NetBIOS session header + 32-byte SMB1 header + WordCount, nwords words,
 * ByteCount and bytes. Returns the length, 0 if cap is short. */
size_t gen_smb1(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h, const uint8_t *words,
		uint8_t nwords, const uint8_t *bytes, size_t nbytes);
/* SMB1 WRITE_ANDX (command 0x2f; h->cmd is ignored) of dlen <= 1460 bytes
 * to fid. */
size_t gen_smb1_write_andx(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h, uint16_t fid,
			   const uint8_t *data, size_t dlen);
/* DCE/RPC bind to SRVSVC v3.0 (NDR transfer syntax), and its bind_ack. */
size_t gen_dce_bind_srvsvc(uint8_t *out, size_t cap, uint32_t call_id);
size_t gen_dce_bind_ack(uint8_t *out, size_t cap, uint32_t call_id);
/* MS08-067-style DCE/RPC request: `05 00 00 03 10 00 00 00`, frag_len LE16
 * at 8, opnum 31 at 22, stub of NetprPathCanonicalize whose UTF-16LE path
 * climbs with \..\..\ (letters taken from fill). */
size_t gen_dce_ms08_067(uint8_t *out, size_t cap, uint32_t call_id, const uint8_t *fill,
			size_t nfill);
/* DoublePulsar's ping: SMB1 Trans2 (command 0x32; h->cmd is ignored) with WordCount 15 and
 * Setup[0] 0x000e (SESSION_SETUP) at SMB offset 61, 12 parameter bytes. */
size_t gen_doublepulsar_ping(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h,
			     uint32_t timeout);

/* ---- writer.c: link layer rewrite and file formats ------------------------ */

enum gen_link {
	GEN_LINK_EN10MB,
	GEN_LINK_VLAN,
	GEN_LINK_QINQ,
	GEN_LINK_SLL,
	GEN_LINK_SLL2,
	GEN_LINK_RAW,
	GEN_LINK_NULL
};

/* Parse "en10mb", "vlan", ...; false if unknown. */
bool gen_link_parse(const char *s, enum gen_link *out);
const char *gen_link_names(void);

struct gen_writer;

/* snaplen: the file's snapshot length (1..GEN_SNAPLEN); longer frames are
 * cut to it (captured length) and keep their original length. */
ww_rc gen_writer_open(struct gen_writer **out, const char *path, enum gen_link link,
		      bool pcapng, uint32_t snaplen);
/* t_us: microseconds since GEN_EPOCH_SEC. frame: an Ethernet II frame.
 * Frames the link cannot carry (ARP on raw/null) are skipped. */
ww_rc gen_writer_put(struct gen_writer *w, uint64_t t_us, const uint8_t *frame,
		     size_t len);
uint64_t gen_writer_count(const struct gen_writer *w);
/* Flushes, checks and closes; frees w in every case. */
ww_rc gen_writer_close(struct gen_writer *w);

/* ---- flowexp.c: the scenario's flow exports (--flows) --------------------- */

enum gen_flowfmt { GEN_FLOWS_V5, GEN_FLOWS_V9, GEN_FLOWS_IPFIX };
struct gen_flowexp;

bool gen_flowfmt_parse(const char *s, enum gen_flowfmt *out);
struct gen_flowexp *gen_flowexp_open(const char *path, enum gen_flowfmt fmt);
/* Every frame written, in time order (an Ethernet II frame). */
void gen_flowexp_frame(struct gen_flowexp *fe, uint64_t t_us, const uint8_t *b, size_t len);
/* Exports what is left, checks and closes; frees fe. */
ww_rc gen_flowexp_close(struct gen_flowexp *fe);

/* ---- emit.c: time-ordered packet sink ------------------------------------- */

struct gen_rec;

/* A packet a truth file points at: the first packet of a worm's scanning
 * episode. gen_mark() names the next frame emitted; its time and frame
 * number in the file (1-based, as tcpdump and Wireshark count) are known
 * once it is written. */
enum { GEN_MARKS = 8 };

struct gen_mark {
	char what[16];          /* "first_scan" */
	char addr[48];
	uint64_t seq;           /* emit order of the marked frame */
	uint64_t t_us;
	uint64_t frame;         /* 0 until written */
	bool armed;             /* the marked frame went by (maybe dropped) */
};

/* The one context a scenario gets. In collect mode frames are kept and
 * written sorted by (time, emit order) at gen_finish(); in stream mode they
 * go straight to the writer and must come in nondecreasing time. Errors are
 * sticky in rc, like ferror(): a scenario may emit on and check once. */
struct gen {
	struct gen_rng rng;
	struct gen_writer *w;
	struct gen_flowexp *fe;  /* --flows: the frames also go to a flow meter */
	bool stream;
	ww_rc rc;
	uint64_t last_t;
	uint64_t emitted;
	uint64_t written;   /* frames in the file (raw/null drop ARP) */
	/* collect mode */
	uint8_t *arena;
	size_t arena_len, arena_cap;
	struct gen_rec *recs;
	size_t nrec, caprec;
	/* payload filler bytes, fixed per seed */
	uint8_t filler[GEN_FILLER];
	/* scenario parameters */
	uint64_t opt_packets;
	uint64_t opt_dests;
	/* marked frames (gen_mark) */
	struct gen_mark marks[GEN_MARKS];
	size_t nmarks;
};

void gen_emit(struct gen *g, uint64_t t_us, const struct gen_pkt *p);
/* Marks the next frame emitted (what: "first_scan", addr: the sender). If
 * the link cannot carry it (ARP on raw/null), the next frame written. */
void gen_mark(struct gen *g, const char *what, const char *addr);
/* "# what<TAB>addr<TAB>epoch.usec<TAB>frame" for every mark written; after
 * gen_finish(). */
ww_rc gen_marks_write(const struct gen *g, FILE *truth);

/* ipid.c: renumbers IPv4 IDs per source in time order (collect mode), the
 * headers quoted in ICMP errors along. Feed every frame once, in time
 * order; nframes sizes the table. */
struct gen_ipid;
struct gen_ipid *gen_ipid_new(size_t nframes);
void gen_ipid_frame(struct gen_ipid *t, uint8_t *frame, size_t len);
void gen_ipid_free(struct gen_ipid *t);
/* Writes collected frames (collect mode) and releases the collector. */
ww_rc gen_finish(struct gen *g);
void gen_release(struct gen *g);

/* ---- flow.c: TCP conversations ------------------------------------------- */

/* A TCP connection between a client and a server as seen at the capture
 * point, which sits next to the client (or the server if at_server): a
 * packet from the near side is answered rtt_us later, one from the far
 * side at once. */
struct gen_flow {
	struct gen_host *c, *s;
	uint16_t cport, sport;
	uint32_t cseq, sseq;   /* next sequence number each side sends */
	uint16_t cwin, swin;
	uint32_t rtt_us;
	bool hbh;
	bool at_server;        /* capture point next to the server, not the client */
};

void gen_flow_init(struct gen_flow *f, struct gen *g, struct gen_host *c, struct gen_host *s,
		   uint16_t cport, uint16_t sport, uint32_t rtt_us);
/* Client SYN only (also for retransmits: same ISN). keep, when not NULL,
 * receives a copy of the frame (to quote in an ICMP error). */
void gen_flow_syn(struct gen *g, struct gen_flow *f, uint64_t t, struct gen_pkt *keep);
/* SYN, SYN-ACK, ACK; returns the time of the last packet. */
uint64_t gen_flow_open(struct gen *g, struct gen_flow *f, uint64_t t);
/* Server answers the SYN: SYN-ACK (open) or RST-ACK (closed) at t. */
void gen_flow_synack(struct gen *g, struct gen_flow *f, uint64_t t);
void gen_flow_refuse(struct gen *g, struct gen_flow *f, uint64_t t);
/* RST from one side (after a SYN-ACK: the client's seq after the SYN). */
void gen_flow_rst(struct gen *g, struct gen_flow *f, bool from_client, uint64_t t);
/* Data in MSS-sized segments (data NULL: filler bytes, cycled), the receiver ACKing every second segment and
 * the last; returns the time of the last packet. */
uint64_t gen_flow_send(struct gen *g, struct gen_flow *f, bool from_client,
		       const uint8_t *data, size_t len, uint64_t t);
/* FIN from one side, FIN from the other, last ACK; returns the last time. */
uint64_t gen_flow_close(struct gen *g, struct gen_flow *f, bool client_first, uint64_t t);

/* Fills the filler from the seed; call once after seeding g->rng. */
void gen_filler_init(struct gen *g);

/* ---- scenarios ---------------------------------------------------------- */

/* Contract: build the scenario's packets into g (collect or stream mode as
 * its table entry says) and write its truth rows to truth when not NULL
 * (after the "# addr<TAB>expect<TAB>what" header, written by main). Return
 * the first error; g->rc included. */
typedef ww_rc (*gen_scenario_fn)(struct gen *g, FILE *truth);

ww_rc gen_scn_office(struct gen *g, FILE *truth);
ww_rc gen_scn_portscan(struct gen *g, FILE *truth);
ww_rc gen_scn_hscan(struct gen *g, FILE *truth);
ww_rc gen_scn_sweep6(struct gen *g, FILE *truth);
ww_rc gen_scn_bench(struct gen *g, FILE *truth);
ww_rc gen_scn_propagation(struct gen *g, FILE *truth);
ww_rc gen_scn_exploits(struct gen *g, FILE *truth);
ww_rc gen_scn_denselan_fast(struct gen *g, FILE *truth);
ww_rc gen_scn_denselan_slow(struct gen *g, FILE *truth);
ww_rc gen_scn_mirai(struct gen *g, FILE *truth);
ww_rc gen_scn_stealthscan(struct gen *g, FILE *truth);
ww_rc gen_scn_p2pstale(struct gen *g, FILE *truth);
ww_rc gen_scn_officemix(struct gen *g, FILE *truth);
ww_rc gen_scn_office_after(struct gen *g, FILE *truth);
ww_rc gen_scn_office_after_one(struct gen *g, FILE *truth);
ww_rc gen_scn_flood(struct gen *g, FILE *truth);

/* One truth row; checked. */
ww_rc gen_truth_row(FILE *truth, const char *addr, const char *expect, const char *what);

/* Big-endian stores into frame and file headers. */
static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif
