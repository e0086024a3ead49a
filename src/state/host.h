/* Per-host state: everything the detectors know about one judged host.
 * Fixed size (no allocation per host, nothing sized by input), so memory is
 * bounded by the number of hosts, not by packets or destinations. Each
 * detector owns one sub-struct. */
#ifndef WW_STATE_HOST_H
#define WW_STATE_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/addr.h"
#include "findings/finding.h"

#define WW_TOPK 8

/* Space-saving top-k counter (Metwally et al. 2005) of 16-bit keys. */
struct ww_topk {
	uint16_t key[WW_TOPK];
	uint32_t cnt[WW_TOPK];
};
void ww_topk_add(struct ww_topk *t, uint16_t key);
bool ww_topk_has(const struct ww_topk *t, uint16_t key);
/* Sort descending by count (for reports). */
void ww_topk_sorted(const struct ww_topk *t, uint16_t *keys, uint32_t *cnts, unsigned *n);

enum ww_contact_kind { WW_CK_TCP = 0, WW_CK_UDP, WW_CK_ICMP, WW_CK_ARP, WW_CK_N };

/* Threshold Random Walk state (Jung et al. 2004). */
struct ww_trw {
	double llr;            /* log likelihood ratio, clamped below at ln(eta0) */
	uint32_t fc;           /* host-level first contacts with an outcome */
	uint32_t fc_ok, fc_fail;
	uint32_t fc_made;      /* host-level first contacts made (incl. pending) */
	int64_t alert_ts;      /* when llr first reached ln(eta1) */
	uint32_t alert_fc;     /* services it had tried, from the episode's start */
	uint32_t ep_svc;       /* the episode's start: the first failure off the floor */
};

/* How a transport first contact opened: a SYN, or a scanner's stealth
 * probe that no connection starts with, or SCTP's INIT. */
enum ww_probe_style { WW_PS_SYN = 0, WW_PS_NULL, WW_PS_FIN, WW_PS_XMAS, WW_PS_ODD, WW_PS_SCTP,
	              WW_PS_N };

/* Fan-out, ports, sweep structure (service-level first contacts). */
struct ww_scan {
	uint32_t svc;          /* service-level first contacts (dst, proto, port) */
	uint32_t svc_ok, svc_fail, svc_refused, svc_unreach, svc_timeout, svc_blocked;
	uint32_t svc_worm, svc_worm_fail;
	uint32_t svc_telnet;   /* services on 23 and 2323 (TCP) */
	uint32_t by_kind[WW_CK_N];
	uint32_t fail_by_kind[WW_CK_N];
	uint32_t probe_pkts;   /* opening packets incl. retransmissions */
	uint32_t distinct_ports;
	int64_t first_ts, last_ts;
	struct ww_topk ports;
	/* sweep of the local /24 */
	uint32_t local_fc, local_asc;
	uint8_t last_local, local_min, local_max;
	bool have_local;
	/* public destinations */
	uint32_t public_fc, other_private_fc;
	uint32_t slash8[8];    /* bitmap of first octets contacted (v4) */
	/* vertical: distinct ports on the current single target */
	struct ww_addr vtarget;
	uint32_t vcount, vmax;
	struct ww_addr vmax_target;
	int64_t valert_ts;
	uint32_t valert_svc;
	int64_t local_first_ts;
	int64_t sweep_ts;     /* when the local sweep was recognised */
	uint32_t sweep_n;
	uint32_t probe_pkts_kind[WW_CK_N];
	/* failed services contacted again later (not the stack's own
	 * retransmission): distinct services, and the attempts */
	uint32_t revisit_svc, revisit_n;
	/* how the transport probes opened (enum ww_probe_style; SYNs are not
	 * counted: they are the rest of probe_pkts_kind[WW_CK_TCP]) */
	uint32_t style[WW_PS_N];
	/* the run test (params.h WW_RUN_*): new destinations in quick
	 * succession, local ones in address order, public ones each in
	 * another /16; how many of them were tried on worm ports */
	uint32_t run_n, run_local_n, run_worm_n, run_dst0;
	uint32_t run_last_local, run_last16;
	int64_t run_ts0, run_last_ts;
	int8_t run_dir;
	bool run_last_worm;   /* the latest local member already got its worm port */
	int64_t run_ts;       /* when it fired */
	uint32_t run_dsts;    /* new destinations from the run's start then */
};


/* Look-alike evidence. */
struct ww_p2p {
	uint32_t in_peers;      /* distinct outside peers that reached us first */
	uint32_t in_tcp, in_udp;
	struct ww_topk in_ports;/* our local ports they reached */
	uint32_t same_pair;     /* peers seen on both TCP and UDP */
	uint32_t sig_hits;      /* P2P handshakes seen */
	uint32_t sig_mask;      /* which protocols (bit per ww_p2p_proto) */
	uint32_t udp_peers;     /* distinct UDP destinations */
	uint32_t synack_unsolicited; /* SYN-ACKs for nothing we sent (backscatter) */
	uint32_t lan_chatter;   /* broadcast/multicast discovery packets sent */
};

struct ww_dnsstat {
	uint32_t queries, responses, nxdomain, servfail;
	uint32_t win_start_s, win_count, burst_max;
	uint32_t vendor_fail;
	char vendor_example[64];
	uint32_t public_fc_nodns, public_fc_checked;
	uint32_t worm_lookups;      /* names only a worm looks up (detect/dns.c) */
	char worm_name[64];         /* the first of them, untrusted */
	const char *worm_family;    /* static text */
};

enum ww_exploit_bit {
	WW_EX_SHELL_DOWNLOAD = 1u << 0, /* commands to a remote shell: fetch and run */
	WW_EX_SHELL_BANNER = 1u << 1,   /* a Windows shell answered on a raw port */
	WW_EX_MS08_067 = 1u << 2,       /* SRVSVC NetprPathCanonicalize with ..\ */
	WW_EX_DOUBLEPULSAR = 1u << 3,   /* SMB Trans2 SESSION_SETUP */
	WW_EX_ETERNALBLUE = 1u << 4,    /* SMB1 Trans2 secondary flood */
	WW_EX_MS04_011 = 1u << 5        /* LSASS DsRolerUpgradeDownlevelServer */
};

struct ww_exploit {
	uint32_t sent;          /* exploit bits this host sent */
	uint32_t received;      /* exploit bits aimed at this host */
	int64_t sent_ts, recv_ts;
	struct ww_addr sent_peer, recv_peer;
	uint16_t sent_port, recv_port;
	char detail[96];        /* e.g. the command line, untrusted */
	char recv_detail[96];
	/* first worm-port contact from another judged host (propagation) */
	bool has_contact;
	struct ww_addr contact_from;
	int64_t contact_ts;
	uint16_t contact_port;
};

/* Application protocols libndpi found on this host's deciding flows. */
struct ww_appid {
	uint32_t p2p_flows, media_flows, other_flows;
	char p2p_name[32];
};

/* New destinations over time, for the report's charts: fixed buckets of
 * step_s seconds from t0 (a whole minute); when the span outgrows them,
 * neighbours merge and the step doubles, so the memory never grows. */
#define WW_TIMELINE_N 32
struct ww_timeline {
	int64_t t0;                 /* start of bucket 0 (us); 0 = nothing yet */
	uint32_t step_s;            /* 60, 120, 240 ... */
	uint16_t n[WW_TIMELINE_N];  /* saturating counts */
};
void ww_timeline_add(struct ww_timeline *tl, int64_t ts);
/* Copy it into a finding's series, up to the last non-empty bucket. */
void ww_timeline_to_finding(const struct ww_timeline *tl, struct ww_finding *f);

struct ww_host {
	struct ww_addr addr;
	int64_t first_ts, last_ts;
	uint64_t pkts_out, pkts_in;
	struct ww_trw trw;
	struct ww_scan scan;
	struct ww_p2p p2p;
	struct ww_dnsstat dns;
	struct ww_exploit ex;
	struct ww_appid app;
	enum ww_verdict live_verdict; /* verdict as of now (alerts) */
	int64_t alert_ts;             /* first time it became scanner/infected */
	uint32_t alert_attempts;
	struct ww_timeline timeline;  /* host-level first contacts (not ARP) */
};

/* New destination addresses a host has sent to (its own subnet, other
 * private ranges, public): what "first contacts" counts for a person. */
static inline uint32_t ww_host_newdst(const struct ww_host *h)
{
	return h->scan.local_fc + h->scan.other_private_fc + h->scan.public_fc;
}

#define WW_SVCIDX_MASK 0x1ffffffu

#endif
