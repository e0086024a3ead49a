/* Inside src/flows/: the one flow record every reader produces, the
 * exporters' bookkeeping, and the small parsers' contracts (each one pure:
 * bytes or lines in, flow records out through a callback, so the fuzz
 * harnesses drive them alone). */
#ifndef WW_FLOWS_INT_H
#define WW_FLOWS_INT_H

#include "core/siphash.h"
#include "flows/flows.h"

/* One flow record, whatever its format. Unidirectional records fill the
 * first half; bidirectional ones (IPFIX biflow, nfdump out_*, Argus) the
 * reverse counters too. */
struct ww_flowrec {
	int64_t start_us, end_us;
	struct ww_addr src, dst;
	uint8_t proto;
	uint16_t sport, dport;   /* ICMP/ICMPv6: sport 0, dport type << 8 | code */
	uint8_t flags, rflags;   /* TCP flags ORed over the flow (0: not exported) */
	uint64_t pkts, bytes, rpkts, rbytes;
	bool biflow;             /* rpkts/rbytes/rflags are meaningful */
	uint32_t sampling;       /* 1 in N packets sampled (0 or 1: all) */
};

typedef void (*ww_flowrec_fn)(void *ud, const struct ww_flowrec *r);

/* ---- NetFlow v5 (flows_v5.c) -------------------------------------------- */

struct ww_v5_hdr {
	uint16_t count;
	uint32_t uptime_ms, unix_secs, unix_nsecs, seq;
	uint8_t engine_type, engine_id;
	uint8_t sampling_mode;
	uint16_t sampling;       /* interval, 0 = not sampled */
};

#define WW_V5_HDR 24u
#define WW_V5_REC 48u
#define WW_V5_MAX 30u        /* records a v5 datagram may hold (Cisco's limit) */

/* Parse one v5 datagram: the header into h, each record through fn. On
 * error (*where) is the byte offset of the bad field. Records past a bad
 * one are not delivered. */
ww_rc ww_flows_v5_parse(const uint8_t *p, size_t len, struct ww_v5_hdr *h, ww_flowrec_fn fn,
                        void *ud, size_t *where);

/* ---- nfdump's JSON output (flows_nfdump.c) ------------------------------ */

/* nfdump -o json prints one object per record, one "key" : value per line:
 *   {
 *   	"type" : "FLOW",
 *   	"first" : "2018-01-12T15:37:30.942",
 *   	...
 *   },
 * The line parser keeps the record being built. */
struct ww_nfj {
	struct ww_flowrec r;
	bool in_rec, is_flow, have_src, have_dst, have_first;
	unsigned icmp_type, icmp_code;
	bool have_icmp;
	uint64_t records, skipped, bad_lines;
	unsigned long first_bad_line;
};

#define WW_NFJ_MAX_LINE 512u

void ww_nfj_init(struct ww_nfj *s);
/* One line (without its newline). WW_OK; *done is set when a flow record
 * was completed into *out. WW_ERR_FORMAT for a line that is not nfdump's
 * (counted in bad_lines; the record being built is dropped). */
ww_rc ww_nfj_line(struct ww_nfj *s, const char *line, size_t len, struct ww_flowrec *out,
                  bool *done);

/* ---- Argus CSV (flows_argus.c) ----------------------------------------- */

struct ww_argus {
	int col_start, col_dur, col_proto, col_src, col_sport, col_dir, col_dst, col_dport;
	int col_state, col_pkts, col_bytes, col_srcbytes;
	int ncols;
	bool have_header;
	uint64_t records, bad_lines;
	unsigned long first_bad_line;
};

#define WW_ARGUS_MAX_LINE 4096u

void ww_argus_init(struct ww_argus *a);
/* The header line names the columns; true if it is Argus's. */
bool ww_argus_header(struct ww_argus *a, const char *line, size_t len);
/* One data line; WW_OK with *out filled, WW_ERR_NOTFOUND for a record
 * that is not a connection (ARP, man), WW_ERR_FORMAT otherwise. */
ww_rc ww_argus_line(struct ww_argus *a, const char *line, size_t len, struct ww_flowrec *out);

/* ---- the connection table (flows_pair.c) -------------------------------- */

struct ww_pairs;
ww_rc ww_pairs_new(size_t cap, const struct ww_sipkey *key, struct ww_pairs **out);
void ww_pairs_free(struct ww_pairs *p);
/* false: the table is full (the caller drains and retries). */
bool ww_pairs_add(struct ww_pairs *p, const struct ww_flowrec *r);
size_t ww_pairs_count(const struct ww_pairs *p);
/* Emit (in start order) the connections whose last flow ended before
 * horizon (INT64_MAX: all) and drop them. */
void ww_pairs_drain(struct ww_pairs *p, int64_t horizon, ww_flows_attempt_fn fn, void *ud,
                    struct ww_flows_stats *st);
/* When the table is full: the oldest half. */
void ww_pairs_drain_half(struct ww_pairs *p, ww_flows_attempt_fn fn, void *ud,
                         struct ww_flows_stats *st);

/* ---- the collector state (flows.c, flows_fixbuf.c) ---------------------- */

#define WW_FLOWS_MAX_EXPORTERS 256
#define WW_FLOWS_MAX_WARN 12

enum ww_exp_kind { WW_EXP_V5 = 5, WW_EXP_V9 = 9, WW_EXP_IPFIX = 10 };

struct ww_fb_exporter; /* the exporter's libfixbuf state (flows_fixbuf.c) */

struct ww_exporter {
	struct ww_addr addr;
	uint16_t port;
	uint8_t version;
	uint32_t domain;          /* v5: engine type/id, v9: source id, IPFIX: domain */
	bool have_seq;
	bool seq_post;            /* counts the message's own records (softflowd's IPFIX) */
	uint32_t next_seq;        /* what the next datagram should carry */
	uint32_t last_seq;
	int64_t sysinit_ms;       /* IPFIX: systemInitTimeMilliseconds from options */
	bool seq_unknown;         /* the last message's record count is not known */
	int64_t boot_ms;          /* v5/v9: export time minus sysUptime */
	uint32_t sampling;        /* from the header or options records */
	uint64_t datagrams, flows;
	/* templates announced so far (a bitmap of set ids 256..65535) */
	uint8_t *tmpl_bits;
	struct ww_fb_exporter *fb;
};

struct ww_flows {
	struct ww_flows_opts o;
	struct ww_flows_stats st;
	struct ww_sipkey key;
	struct ww_pairs *pairs;
	struct ww_exporter *exp[WW_FLOWS_MAX_EXPORTERS];
	size_t n_exp;
	uint64_t refused_exporters;
	int64_t newest_us;
	char *warn[WW_FLOWS_MAX_WARN];
	size_t n_warn;
	uint64_t warn_dropped;
	/* the message being read: its exporter and where it came from */
	struct ww_exporter *cur;
	const struct ww_flows_from *from;
	int64_t export_ms;        /* the message's export time */
	uint64_t msg_records;     /* data records the message delivered */
	uint64_t pcap_frames;     /* frames of captures read (flows_open.c's message) */
	struct ww_fb_ctx *fb;     /* libfixbuf's shared state (flows_fixbuf.c) */
	bool fb_failed;
};

/* Where the message being read came from, for messages: "'FILE' packet
 * 12", "'FILE' offset 4096" or "datagram 7 from 192.0.2.1". */
const char *ww_flows_loc(const struct ww_flows *f, char *buf, size_t n);
/* A warning for the report (the first few kept; the rest counted). */
void ww_flows_warnf(struct ww_flows *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The exporter a message came from (made on first sight; NULL when the
 * table is full). */
struct ww_exporter *ww_flows_exporter(struct ww_flows *f, const struct ww_flows_from *from,
                                      uint8_t version, uint32_t domain);
/* A flow record read from a message: checked against the export time,
 * scaled by sampling, counted, and added to the connection table. */
void ww_flows_record(struct ww_flows *f, const struct ww_flowrec *r);
/* Sequence numbers: seq as carried, n what this message adds (v5, IPFIX:
 * records; v9: 1 per packet); gaps counted and warned about. */
void ww_flows_seq(struct ww_flows *f, struct ww_exporter *e, uint32_t seq, uint32_t n);
/* Export time versus receive time; boot time (export time minus uptime) of
 * v5/v9. */
void ww_flows_clock(struct ww_flows *f, struct ww_exporter *e, int64_t export_ms,
                    int64_t uptime_ms);

/* libfixbuf: IPFIX messages and NetFlow v9 datagrams (flows_fixbuf.c). */
ww_rc ww_flows_fb_message(struct ww_flows *f, const uint8_t *p, size_t len, uint8_t version);
void ww_flows_fb_free(struct ww_flows *f);
void ww_flows_fb_exporter_free(struct ww_fb_exporter *x);

/* Files (flows_file.c). */
/* The readers of ww_flows_feed_file (flows_open.c): path is what they
 * open (for standard input /dev/fd/N: a pipe from the relay, or a
 * temporary copy for nfdump), shown what their messages name. pcap, IPFIX and Argus files may be compressed. */
ww_rc ww_flows_file_pcap(struct ww_flows *f, const char *path, const char *shown);
ww_rc ww_flows_file_ipfix(struct ww_flows *f, const char *path, const char *shown);
ww_rc ww_flows_file_nfcapd(struct ww_flows *f, const char *path, const char *shown);
ww_rc ww_flows_file_argus(struct ww_flows *f, const char *path, const char *shown);

#endif
