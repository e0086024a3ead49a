/* Detection parameters, in one place, with where each number comes from. */
#ifndef WW_DETECT_PARAMS_H
#define WW_DETECT_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

/* Threshold Random Walk (Jung, Paxson, Berger, Balakrishnan, "Fast Portscan
 * Detection Using Sequential Hypothesis Testing", IEEE S&P 2004, section 4):
 * theta0 = P(first contact succeeds | benign) = 0.8, theta1 = P(success |
 * scanner) = 0.2, desired detection probability 0.99 and false positive
 * probability 0.01, so eta1 = 0.99 / 0.01 = 99 and eta0 = 0.01 / 0.99. A
 * failure multiplies the likelihood ratio by (1 - theta1)/(1 - theta0) = 4,
 * a success by theta1/theta0 = 1/4: four failures in a row cross eta1. */
#define WW_TRW_THETA0 0.8
#define WW_TRW_THETA1 0.2
#define WW_TRW_ETA1 99.0
#define WW_TRW_ETA0 (0.01 / 0.99)

/* Weights on a step of the walk: a failed first contact on a port worms
 * spread through is stronger evidence (three in a row cross eta1); UDP has
 * no handshake, so one unanswered datagram is weaker evidence than a SYN. */
#define WW_W_WORM 1.25
#define WW_W_TCP 1.0
#define WW_W_UDP 0.5

/* Time after which an unanswered probe is a failure. Windows retransmits
 * a SYN after 3 s (Linux after 1 s); answers on a LAN take milliseconds. */
#define WW_PROBE_TIMEOUT_US 3000000
#define WW_ARP_TIMEOUT_US 1000000

/* Vertical scan: many ports on few hosts (Zeek's scan policy counts 15
 * ports on one host; nmap's default scan tries 1,000; eight failed ports on
 * one host is already more than any client program tries). */
#define WW_VERT_MIN_FAILS 8
#define WW_VERT_PORTS_PER_HOST 8.0

/* Sweep of the local /24: this many addresses, mostly in ascending order,
 * at one or more per second (ping and ARP sweeps find live hosts, and
 * answered probes do not move the TRW walk). */
#define WW_SWEEP_MIN 16
#define WW_SWEEP_ASC 0.6

/* Worm propagation: enough first contacts on worm ports, to enough hosts. */
#define WW_WORM_MIN_SHARE 0.6
#define WW_WORM_MIN_HOSTS 4

/* P2P look-alike strength needed to explain away failures. */
#define WW_P2P_MIN_STRENGTH 2
#define WW_P2P_MIN_INPEERS 5
/* ... and failures for it to explain before a host is called p2p */
#define WW_P2P_EXPLAIN_FAILS 5

/* One-sided capture: this many first contacts with not one answer and no
 * packet from outside before the report warns (a few unanswered probes
 * are ordinary; fifty without a single reply are not). */
#define WW_ONE_SIDED_MIN 50
/* ... and then spreading is judged by shape: worm ports to this many
 * hosts (a PC's own SMB use reaches a handful) */
#define WW_ONE_SIDED_WORM_HOSTS 20
/* ... or this many new hosts at this many a second on other ports (a
 * browsing PC opens a few new hosts a minute; masscan thousands a second) */
#define WW_ONE_SIDED_SCAN_HOSTS 100
#define WW_ONE_SIDED_SCAN_RATE 1.0

/* The run test (alerting within a handful of first contacts, where the
 * walk is slow because most probed PCs answer): this many new destinations
 * one after another within the window, each either the next address (up
 * or down, gaps of at most WW_RUN_GAP for addresses nobody holds) in the
 * host's own /24 or a public address in another /16 than the last, and
 * WW_RUN_WORM of them tried on worm ports. A person's PC reaches a file
 * server or three on 445 and web sites on 443, never four new hosts on
 * worm ports in five new destinations within seconds; Weaver, Staniford
 * and Paxson ("Very Fast Containment of Scanning Worms", USENIX Security
 * 2004) stop scanners in under 10 contacts, TRW (Jung et al.) in 4-5.
 * Five local addresses in order with no port known yet are a sweep. */
#define WW_RUN_K 5
#define WW_RUN_WORM 4      /* of them on worm ports (three file servers are not a run) */
#define WW_RUN_WORM_PUBLIC 3 /* ... of a run of public addresses only (no PC reaches three
                              * random Internet hosts on 445/23/3389 in seconds) */
#define WW_RUN_GAP 16
#define WW_RUN_WINDOW_US 10000000
#define WW_RUN_STEP_US 2000000 /* at most this long between two of its members */

/* A telnet sprayer: this many telnet services, a fifth of its TCP/UDP
 * services or more, across 16 or more /8 networks (detect/scan.c). */
#define WW_IOT_MIN_TELNET 10

/* Revisits: an application that keeps coming back to servers that did not
 * answer (a measurement app polling its servers every round, a chat
 * client reconnecting, a P2P client with a stale host cache) is not a
 * scanner, which moves on to new targets. At least this many failed
 * services revisited, half the failures or more, two attempts or more
 * each (one retry per target is a scanner's own retransmission policy). */
#define WW_REVISIT_MIN 3
/* Failures remembered per host while revisits are few (state/engine.c) */
#define WW_REVISIT_TRACK 256

/* Failures a walk that leans towards "scanner" without crossing needs
 * before the host is reported as suspicious (half its first contacts or
 * more): four unanswered STUN requests or DHCP offers are every day's. */
#define WW_LEAN_MIN_FAILS 10

/* DNS: a burst is this many NXDOMAIN answers to one host in 60 s. */
#define WW_DNS_NX_BURST 30

/* Is `port` one worms are known to spread through? (detect/ports.c) */
bool ww_is_worm_port(uint8_t proto, uint16_t port);
/* Short name for a port in evidence ("445/tcp"). */
const char *ww_port_name(uint16_t port);

#endif
