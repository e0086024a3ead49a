/* Peer-to-peer look-alikes. A P2P client also makes many first contacts
 * that fail (peers go away), but unlike a worm: peers reach it first on
 * one local port, it talks to the same peers over TCP and UDP, its
 * destinations listen on scattered ports, and its connections open with
 * known handshakes. The handshake checks below are the published
 * preambles of each protocol (BEP 3 and BEP 5 for BitTorrent and its DHT,
 * the Gnutella 0.6 draft, the eDonkey protocol spec by Kulbak and Bickson,
 * RFC 5389 for the STUN magic cookie used by ICE media peers). */
#include "core/common.h"
#include "core/i18n.h"
#include "detect/detect.h"
#include "detect/params.h"

#include <stdio.h>

enum ww_p2p_proto {
	WW_P2P_BITTORRENT = 0,
	WW_P2P_DHT,
	WW_P2P_GNUTELLA,
	WW_P2P_EDONKEY,
	WW_P2P_STUN,
	WW_P2P_TRACKER,
	WW_P2P_UTP,
	WW_P2P_N
};

static const char *const p2p_names[WW_P2P_N] = {
	"BitTorrent", "BitTorrent DHT", "Gnutella", "eDonkey", "STUN/ICE media", "BitTorrent tracker", "uTP",
};

static bool starts(const uint8_t *p, uint32_t n, const char *lit, size_t ln)
{
	return n >= ln && memcmp(p, lit, ln) == 0;
}

static int classify_payload(const struct ww_pkt *p)
{
	const uint8_t *d = p->payload;
	uint32_t n = p->payload_len;
	if (n < 4)
		return -1;
	if (p->proto == WW_PROTO_TCP) {
		/* most payloads (TLS, SMB, data) fail the first byte */
		if (d[0] == 0x13 && starts(d, n, "\x13" "BitTorrent protocol", 20))
			return WW_P2P_BITTORRENT;
		if (d[0] == 'G') {
			if (starts(d, n, "GNUTELLA CONNECT/", 17) || starts(d, n, "GNUTELLA/0.6", 12))
				return WW_P2P_GNUTELLA;
			if (d[1] != 'E' || d[2] != 'T' || d[3] != ' ')
				return starts(d, n, "GIV ", 4) ? WW_P2P_GNUTELLA : -1;
			if (starts(d, n, "GET /announce?", 14) || starts(d, n, "GET /scrape?", 12))
				return WW_P2P_TRACKER;
			/* Gnutella's file transfers are HTTP with paths of its own
			 * (the Gnutella 0.6 draft, section 3.1: /get/<index>/<name>,
			 * and the HUGE proposal's /uri-res/N2R?urn:sha1:...) */
			if (starts(d, n, "GET /get/", 9) || starts(d, n, "GET /uri-res/N2R?", 17))
				return WW_P2P_GNUTELLA;
			return -1;
		}
		if (n >= 6 && (d[0] == 0xe3 || d[0] == 0xc5 || d[0] == 0xd4)) {
			uint32_t len = (uint32_t)d[1] | (uint32_t)d[2] << 8 | (uint32_t)d[3] << 16 |
			               (uint32_t)d[4] << 24;
			if (len + 5 == n && len >= 1)
				return WW_P2P_EDONKEY;
		}
		return -1;
	}
	if (p->proto != WW_PROTO_UDP)
		return -1;
	if (d[0] == 'd' && n >= 12) {
		uint32_t lim = n < 48 ? n : 48, i;
		for (i = 0; i + 7 <= lim; i++)
			if (memcmp(d + i, "2:id20:", 7) == 0)
				return WW_P2P_DHT;
	}
	if (n >= 20 && (d[0] & 0xc0) == 0 && d[4] == 0x21 && d[5] == 0x12 && d[6] == 0xa4 && d[7] == 0x42)
		return WW_P2P_STUN;
	if (starts(d, n, "GND", 3))
		return WW_P2P_GNUTELLA;
	if (n >= 20 && (d[0] & 0x0f) == 1 && (d[0] >> 4) <= 4 && d[1] <= 2)
		return WW_P2P_UTP;
	return -1;
}

static void p2p_packet(struct ww_engine *e, const struct ww_pkt *p, struct ww_host *hs,
                       struct ww_host *hd)
{
	int proto;
	(void)e;
	if (!p->payload_len)
		return;
	proto = classify_payload(p);
	if (proto < 0)
		return;
	if (hs) {
		hs->p2p.sig_hits++;
		hs->p2p.sig_mask |= 1u << proto;
	}
	if (hd) {
		hd->p2p.sig_hits++;
		hd->p2p.sig_mask |= 1u << proto;
	}
}

static void p2p_contact(struct ww_engine *e, const struct ww_contact *c)
{
	struct ww_p2p *s = &c->h->p2p;
	if (c->worm)
		return; /* worm ports are no peer-to-peer evidence: spare the filter */
	if (c->kind == WW_CK_TCP) {
		if (!ww_seen(e, WW_SEEN_TCPPEER, &c->h->addr, &c->dst, 0, 0, true) &&
		    ww_seen(e, WW_SEEN_UDPPEER, &c->h->addr, &c->dst, 0, 0, false))
			s->same_pair++;
	} else if (c->kind == WW_CK_UDP) {
		if (c->host_first)
			s->udp_peers++;
		if (!ww_seen(e, WW_SEEN_UDPPEER, &c->h->addr, &c->dst, 0, 0, true) &&
		    ww_seen(e, WW_SEEN_TCPPEER, &c->h->addr, &c->dst, 0, 0, false))
			s->same_pair++;
	}
}

static void p2p_judge(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j)
{
	const struct ww_p2p *s = &h->p2p;
	uint32_t strong = s->sig_mask & ~(1u << WW_P2P_UTP);
	uint16_t keys[WW_TOPK];
	uint32_t cnts[WW_TOPK];
	unsigned n = 0, i;
	int strength = 0;
	(void)e;
	ww_topk_sorted(&s->in_ports, keys, cnts, &n);
	if (strong)
		strength += 2;
	if (s->in_peers >= WW_P2P_MIN_INPEERS && n && cnts[0] * 2 >= s->in_peers)
		strength += 2;
	if (s->same_pair >= 3)
		strength += 1;
	if (h->scan.distinct_ports >= 10 && h->scan.distinct_ports * 2 >= h->trw.fc_made)
		strength += 1;
	if ((s->sig_mask & (1u << WW_P2P_UTP)) && s->sig_hits >= 5)
		strength += 1;
	j->p2p_strength = strength;
	if (!j->explain || strength < WW_P2P_MIN_STRENGTH)
		return;
	if (s->in_peers >= WW_P2P_MIN_INPEERS && n) {
		ww_judge_add(j, false, _("%u outside peers reached it first, %u of them on its local port %u "
		               "(%u TCP, %u UDP)"), s->in_peers, cnts[0], keys[0], s->in_tcp, s->in_udp);
		snprintf(j->why_p2p, sizeof(j->why_p2p),
		         _("many outside peers reaching one inside port (%u): peer-to-peer, not an infection"),
		         keys[0]);
	}
	if (strong) {
		char names[128];
		size_t o = 0;
		names[0] = '\0';
		for (i = 0; i < WW_P2P_N; i++)
			if (strong & (1u << i))
				o += (size_t)snprintf(names + o, sizeof(names) - o, "%s%s", o ? ", " : "", p2p_names[i]);
		ww_judge_add(j, false, _("peer-to-peer handshakes seen: %s (%u packets)"), names, s->sig_hits);
		if (!j->why_p2p[0])
			snprintf(j->why_p2p, sizeof(j->why_p2p), _("%s peer-to-peer traffic, not an infection"), names);
	}
	if (s->same_pair >= 3)
		ww_judge_add(j, false, _("%u peers contacted over both TCP and UDP"), s->same_pair);
	if (h->scan.distinct_ports >= 10 && h->scan.distinct_ports * 2 >= h->trw.fc_made)
		ww_judge_add(j, false, _("its destinations listen on %u different ports (a worm aims at a few)"),
		             h->scan.distinct_ports);
	if (!j->why_p2p[0])
		snprintf(j->why_p2p, sizeof(j->why_p2p), _("peer-to-peer pattern, not an infection"));
}

const struct ww_detector ww_detector_p2p = {
	"p2p", "peer-to-peer look-alikes: inbound peers, TCP+UDP pairs, scattered ports, handshakes",
	NULL, NULL,
	p2p_packet, p2p_contact, NULL, p2p_judge,
	NULL,
	true,
};
