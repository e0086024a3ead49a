/* The engine's insides, shared by state/ and the detectors in detect/. */
#ifndef WW_STATE_ENGINE_INT_H
#define WW_STATE_ENGINE_INT_H

#include "state/bloom.h"
#include "state/engine.h"
#include "state/tables.h"

/* What ww_engine_hint() reads, on cache lines of its own: a reader thread
 * reads it for every packet while the engine's thread writes its tables,
 * and a line shared with a counter the engine bumps would cross between
 * the cores at every packet. Written once, at ww_engine_new(). */
struct ww_hintctx {
	struct ww_netlist home;   /* a copy; v points into this allocation */
	struct ww_sipkey key;     /* the seen-filter's key */
	bool judge_all;
	/* IPv4 by its first 16 bits: all of it home (in16), or some of it
	 * (maybe16: ask the list); most packets are answered by one bit */
	uint64_t in16[1024], maybe16[1024];
};

#define WW_MAX_DETECTORS 16 /* ww_engine_new refuses a longer table */

struct ww_contact;

struct ww_engine {
	struct ww_engine_config cfg;
	struct ww_hintctx *hc;
	struct {
		size_t n_packet, n_payload, n_contact, n_outcome;
		/* on_packet for every packet, and for packets with a payload */
		void (*packet[WW_MAX_DETECTORS])(struct ww_engine *, const struct ww_pkt *,
		                                 struct ww_host *, struct ww_host *);
		void (*payload[WW_MAX_DETECTORS])(struct ww_engine *, const struct ww_pkt *,
		                                  struct ww_host *, struct ww_host *);
		void (*contact[WW_MAX_DETECTORS])(struct ww_engine *, const struct ww_contact *);
		void (*outcome[WW_MAX_DETECTORS])(struct ww_engine *, struct ww_host *,
		                                  const struct ww_probe *, enum ww_outcome, int64_t);
	} hooks;
	struct ww_hosttab hosts;
	struct ww_probetab probes;
	struct ww_bloom seen;  /* first-contact memory, tagged keys */
	int64_t now;           /* latest time seen */
	int64_t next_expiry;   /* no pending probe times out before this */
	int64_t first_ts;
	uint64_t packets, attempts;
	uint64_t arp, ip, other, fragments;
	bool reported;
	bool any_private;      /* an RFC 1918 / ULA address was seen */
	uint64_t backscatter_synack;
	/* one-sided captures: packets that reached a judged host from outside,
	 * and outcomes that were answers (success, refusal, unreachable) */
	uint64_t from_outside, answered;
	uint64_t answered_by_ack; /* of those: a client's own ACK showed the handshake done */
	bool one_sided;        /* set at report time: see report.c one_sided() */
	uint64_t lan_chatter;
	void *ndpi;            /* detect/ndpi.c's state, NULL without libndpi */
};

/* Judged: inside the home list, or any unicast source under judge_all. */
static inline bool ww_home_test(const struct ww_netlist *home, bool judge_all, const struct ww_addr *a)
{
	if (judge_all)
		return !ww_addr_is_multicast(a) && !ww_addr_is_broadcast(a) &&
		       !ww_addr_is_unspecified(a);
	return ww_netlist_contains(home, a);
}

static inline bool ww_engine_is_home(const struct ww_engine *e, const struct ww_addr *a)
{
	return ww_home_test(&e->cfg.home, e->cfg.judge_all, a);
}

/* A new service-level first contact: (host, dst, proto, port) never seen. */
struct ww_contact {
	struct ww_host *h;
	struct ww_addr dst;
	uint8_t proto;          /* WW_PROTO_*, 0 for ARP */
	uint16_t dport;
	enum ww_contact_kind kind;
	bool host_first;        /* also the first contact of the (host, dst) pair */
	bool worm;              /* to a worm port */
	int64_t ts;
};

/* Tagged keys in the seen-filter. */
enum ww_seen_tag { WW_SEEN_PAIR = 'P', WW_SEEN_ARPPAIR = 'A', WW_SEEN_PORT = 'O',
	           WW_SEEN_INPEER = 'I', WW_SEEN_TCPPEER = 'T', WW_SEEN_UDPPEER = 'U',
	           WW_SEEN_DNSADDR = 'D', WW_SEEN_SLASH24 = 'N',
	           /* revisits: a service whose first contact failed; that
	            * failure's source port (TCP: a later SYN from it is the
	            * stack's retransmission); a service counted as revisited */
	           WW_SEEN_FAILSVC = 'F', WW_SEEN_FAILSP = 'S', WW_SEEN_REVISIT = 'R' };
bool ww_seen(struct ww_engine *e, enum ww_seen_tag tag, const struct ww_addr *a,
             const struct ww_addr *b, uint16_t port, uint8_t proto, bool set);

/* Has src contacted dst's service before (the engine's own memory)? */
bool ww_service_seen(const struct ww_engine *e, const struct ww_addr *src,
                     const struct ww_addr *dst, uint8_t proto, uint16_t port);
struct ww_host *ww_engine_host(struct ww_engine *e, const struct ww_addr *a);
uint32_t ww_engine_host_index(const struct ww_engine *e, const struct ww_host *h);

/* Re-evaluate the host after new evidence; fires on_alert on the first
 * transition to scanner or infected. */
void ww_engine_update_verdict(struct ww_engine *e, struct ww_host *h, int64_t ts);
/* The host table's pressure in the report (state/pressure.c): a warning
 * and the counts, when hosts were evicted or refused. */
void ww_report_table_pressure(const struct ww_engine *e, struct ww_report *r);
/* Close every pending probe as unanswered (end of input). */
void ww_engine_finish_pending(struct ww_engine *e);

#endif
