/* The office scenario's shared state (scenarios_office.c, office_p2p.c,
 * office_users.c), also the LAN the propagation scenario reuses
 * (scenarios_spread.c): the router, the users, the sweep of a local worm. */
#ifndef WWGEN_OFFICE_H
#define WWGEN_OFFICE_H

#include "gen.h"

#define OFFICE_NET 0xc0a80000u /* 192.168.0.0/24 */
#define OFFICE_DURATION GEN_US(300)

struct office {
	uint32_t net;             /* the /24, host order */
	struct gen_host gw;       /* .1: router, DNS forwarder */
	struct gen_host fs;       /* .10: Windows file server */
	struct gen_host w23;      /* .23: Gaobot-like local sweeper */
	struct gen_host w47;      /* .47: outward scanner */
	struct gen_host bt;       /* .60: BitTorrent user */
	struct gen_host users[4]; /* .101 - .104 */
	struct gen_host bcast;    /* .255 at ff:ff:ff:ff:ff:ff */
	uint16_t eph[256];        /* next ephemeral port per last octet */
	/* per last octet: the live host, Windows XP port range, answers
	 * 445/139/135 with SYN-ACK (else RST/ACK) */
	struct gen_host *live[256];
	bool xp[256];
	bool listens[256];
};

/* A LAN with only its router (.1, refuses 445/139/135) and broadcast
 * address; add hosts with office_lan_host. */
void office_lan_init(struct office *o, uint32_t net);
/* Host .last of the LAN into h (which must live inside o), with its MAC, a
 * random first IP ID and ephemeral port; xp: Windows XP port range
 * 1025-5000, else 49152-65535; listens: SYN-ACK on 445/139/135. */
void office_lan_host(struct office *o, struct gen *g, struct gen_host *h, uint8_t last,
		     bool xp, bool listens);
/* The live LAN host with this last octet, or NULL. */
struct gen_host *office_host(struct office *o, uint8_t last);
/* A host beyond the router: router MAC, TTL as after some hops. */
void office_outside(struct gen *g, const struct office *o, struct gen_host *h, uint32_t ip);
/* Next ephemeral source port of a LAN host (Windows XP: 1025-5000,
 * newer: 49152-65535). */
uint16_t office_port(struct office *o, const struct gen_host *h);

/* One pass of src over the LAN's .1-.254 (itself left out), 20 new
 * addresses a second from t0, ascending or descending. An address with no
 * host: ARP who-has, retried twice, never answered, no SYN. A live host:
 * ARP (answered; not for the router) then one SYN per port from
 * consecutive source ports; a listener answers SYN-ACK and src resets,
 * others refuse (RST/ACK). Returns the time the pass reaches address
 * `mark` (0 if it never does). */
uint64_t office_sweep(struct gen *g, struct office *o, struct gen_host *src, uint64_t t0,
		      const uint16_t *ports, size_t nports, bool descending, uint8_t mark);
/* An unanswered SYN to a public address, with Windows XP retransmits 3 s
 * and another 6 s later when retx is set (and they fit the 5 minutes). */
void office_lost_syn(struct gen *g, struct gen_flow *f, uint64_t t, bool retx);

void office_p2p(struct gen *g, struct office *o);
/* Page loads of user users[i] (DNS, then web) for the 5 minutes. */
void office_browse(struct gen *g, struct office *o, unsigned i);
/* The same page loads for any LAN host u; i staggers the first one. */
void office_browse_host(struct gen *g, struct office *o, struct gen_host *u, unsigned i);
void office_users(struct gen *g, struct office *o);
/* One page load of u at t: DNS A query to the router, then 1, 2 or 6
 * connections to the answered addresses; nth == 2 is always NXDOMAIN. */
void office_page_load(struct gen *g, struct office *o, struct gen_host *u, unsigned nth,
		      uint64_t t);
/* A PC's LAN chatter: ARP for the router, NBNS/LLMNR, and for users
 * SSDP/mDNS. */
void office_chatter_host(struct gen *g, struct office *o, struct gen_host *h, bool user);
void office_chatter(struct gen *g, struct office *o);

/* ---- bg_services.c: background hosts that look odd and are not ---------- */

/* A Windows DHCP server (dhcp, UDP 67) from t0 until end: unicast renewals
 * from the hosts in renew[] (REQUEST to 67, ACK to 68), and nnew devices
 * joining with addresses new_last[] (DISCOVER broadcast, OFFER unicast to
 * the offered address, ARP probe, REQUEST broadcast, ACK unicast). */
void bg_dhcp_server(struct gen *g, struct office *o, struct gen_host *dhcp,
		    struct gen_host *const *renew, size_t nrenew, const uint8_t *new_last,
		    size_t nnew, uint64_t t0, uint64_t end);
/* A STUN client (e.g. a softphone) at t: resolves four STUN servers (DNS,
 * answered) and sends each one Binding Request to 3478 from its own port,
 * retransmitted after 0.5 s and 1.5 s (RFC 5389), never answered. */
void bg_stun_client(struct gen *g, struct office *o, struct gen_host *h, uint64_t t);
/* An SMB2 session of u to server: ARP, connect 445, NEGOTIATE,
 * SESSION_SETUP x2, TREE_CONNECT, CREATE, then nreads READs 2-20 s apart. */
uint64_t bg_smb2_session(struct gen *g, struct office *o, struct gen_host *u,
			 struct gen_host *server, unsigned nreads, uint64_t t);

#endif
