/* The office scenario's shared state (scenarios_office.c, office_p2p.c,
 * office_users.c). */
#ifndef WWGEN_OFFICE_H
#define WWGEN_OFFICE_H

#include "gen.h"

#define OFFICE_NET 0xc0a80000u /* 192.168.0.0/24 */
#define OFFICE_DURATION GEN_US(300)

struct office {
	struct gen_host gw;       /* .1: router, DNS forwarder */
	struct gen_host fs;       /* .10: Windows file server */
	struct gen_host w23;      /* .23: Gaobot-like local sweeper */
	struct gen_host w47;      /* .47: outward scanner */
	struct gen_host bt;       /* .60: BitTorrent user */
	struct gen_host users[4]; /* .101 - .104 */
	struct gen_host bcast;    /* 192.168.0.255 at ff:ff:ff:ff:ff:ff */
	uint16_t eph[256];        /* next ephemeral port per last octet */
};

/* The live LAN host with this last octet, or NULL. */
struct gen_host *office_host(struct office *o, uint8_t last);
/* A host beyond the router: router MAC, TTL as after some hops. */
void office_outside(struct gen *g, const struct office *o, struct gen_host *h, uint32_t ip);
/* Next ephemeral source port of a LAN host (Windows XP: 1025-5000,
 * newer: 49152-65535). */
uint16_t office_port(struct office *o, const struct gen_host *h);

void office_p2p(struct gen *g, struct office *o);
void office_users(struct gen *g, struct office *o);
void office_chatter(struct gen *g, struct office *o);

#endif
