/* office: the normal users 192.168.0.101-104 (DNS, then web sessions to the
 * answered addresses, one SMB share on the file server, pings) and the
 * Windows LAN chatter of every PC (NBNS, LLMNR, SSDP, mDNS, ARP for the
 * router). */
#include "office.h"

static const char *const names[] = {
	"www.example.com",       "mail.example.org",     "portal.example.net",
	"news.example.co.jp",    "cdn.static-example.net", "login.example-bank.com",
	"weather.example.jp",    "update.example-soft.com", "docs.example.org",
	"video.example.tv",      "shop.example.com",     "api.example.net",
	"maps.example.com",      "www.example-news.jp",  "images.example-cdn.net",
};

static const char *const nx_names[] = {
	"wpad.office.local", "www.exmaple.com", "intranet.office.local", "printer01.office.local",
};

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

/* The public addresses a name resolves to: fixed for the run. */
static size_t resolve(const char *name, uint32_t addrs[2])
{
	uint32_t h = fnv1a(name);
	size_t n = (h & 3) == 0 ? 2 : 1;

	for (size_t i = 0; i < n; i++) {
		uint32_t a = h * 2654435761u + (uint32_t)i * 0x01000193u;

		while (!gen_ipv4_is_public(a))
			a = a * 2654435761u + 0x9e3779b9u;
		addrs[i] = a;
	}
	return n;
}

/* DNS query from u to the router, answer 3-25 ms later. Returns the number
 * of A records (0 for NXDOMAIN) and the time of the answer. */
static size_t dns_lookup(struct gen *g, struct office *o, struct gen_host *u, const char *name,
			 bool nx, uint32_t addrs[2], uint64_t *t)
{
	uint8_t msg[256];
	uint16_t id = (uint16_t)gen_rng_next(&g->rng);
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 49152, 65535);
	size_t n = gen_dns_query(msg, sizeof(msg), id, name), na = 0;
	struct gen_pkt p;

	gen_pkt_udp(&p, u, &o->gw, sport, 53, msg, n);
	gen_emit(g, *t, &p);
	if (!nx)
		na = resolve(name, addrs);
	n = gen_dns_answer(msg, sizeof(msg), id, name, nx ? 3 : 0, addrs, na);
	*t += gen_rng_range(&g->rng, 3000, 25000);
	gen_pkt_udp(&p, &o->gw, u, 53, sport, msg, n);
	gen_emit(g, *t, &p);
	return na;
}

/* One web connection: HTTP on 80 or a TLS-looking exchange on 443. */
static void web_conn(struct gen *g, struct office *o, struct gen_host *u, uint32_t ip,
		     const char *name, uint64_t t)
{
	struct gen_host srv;
	struct gen_flow f;
	uint8_t req[640];
	bool tls = gen_rng_chance(&g->rng, 750);
	uint32_t rtt = 15000 + fnv1a(name) % 75000;
	size_t n;

	office_outside(g, o, &srv, ip);
	gen_flow_init(&f, g, u, &srv, office_port(o, u), tls ? 443 : 80, rtt);
	t = gen_flow_open(g, &f, t);
	if (tls) {
		uint8_t rec[5] = {0x16, 0x03, 0x01, 0x02, 0x00};

		memcpy(req, rec, 5);
		memcpy(req + 5, g->filler, 517 - 5);
		t = gen_flow_send(g, &f, true, req, 517, t + 300);
		req[0] = 0x16, req[1] = 0x03, req[2] = 0x03;
		t = gen_flow_send(g, &f, false, NULL, gen_rng_range(&g->rng, 2800, 5200), t + 800);
		req[0] = 0x14, req[3] = 0x00, req[4] = 0x01;
		t = gen_flow_send(g, &f, true, req, 80, t + 2000);
		req[0] = 0x17;
		t = gen_flow_send(g, &f, true, req, gen_rng_range(&g->rng, 300, 500), t + 200);
	} else {
		int k = snprintf((char *)req, sizeof(req),
				 "GET / HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (Windows "
				 "NT 10.0; Win64; x64)\r\nAccept: text/html,*/*\r\n"
				 "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n",
				 name);

		n = k > 0 && (size_t)k < sizeof(req) ? (size_t)k : 0;
		t = gen_flow_send(g, &f, true, req, n, t + 300);
		k = snprintf((char *)req, sizeof(req),
			     "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
			     "Content-Encoding: gzip\r\nContent-Length: 1400\r\n\r\n");
		n = k > 0 && (size_t)k < sizeof(req) ? (size_t)k : 0;
		t = gen_flow_send(g, &f, false, req, n, t + 5000);
	}
	t = gen_flow_send(g, &f, false, NULL, gen_rng_range(&g->rng, 1400, 60000),
			  t + gen_rng_range(&g->rng, 2000, 40000));
	gen_flow_close(g, &f, gen_rng_chance(&g->rng, 700),
		       t + gen_rng_range(&g->rng, 50000, 3000000));
}

/* nth: the user's page load count; the third is always a name that does
 * not exist, later ones now and then. */
void office_page_load(struct gen *g, struct office *o, struct gen_host *u, unsigned nth,
		      uint64_t t)
{
	uint32_t addrs[2];
	bool nx = nth == 2 || gen_rng_chance(&g->rng, 50);
	const char *name = nx ? nx_names[gen_rng_below(&g->rng, WW_ARRAY_LEN(nx_names))]
			      : names[gen_rng_below(&g->rng, WW_ARRAY_LEN(names))];
	size_t na = dns_lookup(g, o, u, name, nx, addrs, &t);
	uint32_t r = gen_rng_below(&g->rng, 100);
	unsigned nconn = r < 55 ? 1 : r < 80 ? 2 : 6; /* 6: a browser's parallel set */

	if (na == 0)
		return;
	for (unsigned i = 0; i < nconn; i++)
		web_conn(g, o, u, addrs[i % na], name, t + 800 + i * gen_rng_range(&g->rng, 150, 900));
}

/* An SMB2 message: NetBIOS session header, 64-byte SMB2 header, body. */
static size_t smb2(uint8_t *out, size_t cap, uint16_t cmd, bool resp, uint64_t mid,
		   const uint8_t *body, size_t blen)
{
	size_t len = 64 + blen;

	if (4 + len > cap)
		return 0;
	memset(out, 0, 4 + 64);
	out[1] = (uint8_t)(len >> 16), out[2] = (uint8_t)(len >> 8), out[3] = (uint8_t)len;
	memcpy(out + 4, "\xfeSMB", 4);
	out[8] = 64;                        /* structure size */
	out[10] = 1;                        /* credit charge */
	out[16] = (uint8_t)cmd;
	out[18] = 1;                        /* credits */
	out[20] = resp ? 1 : 0;             /* flags: server to redirector */
	for (int i = 0; i < 8; i++)
		out[28 + i] = (uint8_t)(mid >> (8 * i));
	memcpy(out + 4 + 64, body, blen);
	return 4 + len;
}

static void smb_share(struct gen *g, struct office *o, struct gen_host *u)
{
	/* command, request body, response body */
	static const uint16_t opening[][3] = {
		{0x0000, 100, 180}, /* NEGOTIATE */
		{0x0001, 140, 260}, /* SESSION_SETUP */
		{0x0001, 420, 80},
		{0x0003, 60, 16},   /* TREE_CONNECT */
		{0x0005, 120, 88},  /* CREATE */
		{0x000e, 96, 900},  /* QUERY_DIRECTORY */
	};
	uint8_t buf[GEN_FILLER];
	struct gen_flow f;
	struct gen_pkt p;
	uint64_t t = GEN_US(20), mid = 0;
	size_t n;

	gen_pkt_arp(&p, 1, u, &o->fs);
	gen_emit(g, t, &p);
	gen_pkt_arp(&p, 2, &o->fs, u);
	gen_emit(g, t + 350, &p);
	gen_flow_init(&f, g, u, &o->fs, office_port(o, u), 445, 420);
	t = gen_flow_open(g, &f, t + GEN_MS(1));
	for (size_t i = 0; i < WW_ARRAY_LEN(opening); i++, mid++) {
		n = smb2(buf, sizeof(buf), opening[i][0], false, mid, g->filler, opening[i][1]);
		t = gen_flow_send(g, &f, true, buf, n, t + 200);
		n = smb2(buf, sizeof(buf), opening[i][0], true, mid, g->filler + 64,
			 opening[i][2]);
		t = gen_flow_send(g, &f, false, buf, n, t + 300);
	}
	/* The user opens files on the share now and then: READ requests. */
	while (t < OFFICE_DURATION - GEN_US(40)) {
		t += gen_rng_range(&g->rng, 8000000, 35000000);
		n = smb2(buf, sizeof(buf), 0x0008, false, mid, g->filler + 7, 48);
		t = gen_flow_send(g, &f, true, buf, n, t);
		n = smb2(buf, sizeof(buf), 0x0008, true, mid, g->filler + 99,
			 gen_rng_range(&g->rng, 4000, sizeof(buf) - 200));
		t = gen_flow_send(g, &f, false, buf, n, t + 500);
		mid++;
	}
}

static void pings(struct gen *g, struct office *o, struct gen_host *u)
{
	struct gen_host far;
	struct gen_pkt p;
	uint32_t addrs[2];
	uint64_t t = GEN_US(45);

	for (uint16_t s = 1; s <= 4; s++, t += GEN_US(1)) {
		gen_pkt_echo(&p, u, &o->gw, false, 1, s, 32);
		gen_emit(g, t, &p);
		gen_pkt_echo(&p, &o->gw, u, true, 1, s, 32);
		gen_emit(g, t + 380, &p);
	}
	resolve(names[0], addrs);
	office_outside(g, o, &far, addrs[0]);
	for (uint16_t s = 5; s <= 8; s++, t += GEN_US(1)) {
		gen_pkt_echo(&p, u, &far, false, 1, s, 32);
		gen_emit(g, t, &p);
		gen_pkt_echo(&p, &far, u, true, 1, s, 32);
		gen_emit(g, t + 23000, &p);
	}
}

/* A PC with a stale second DNS server (.10) gets ICMP port unreachable. */
static void stale_dns(struct gen *g, struct office *o, struct gen_host *u)
{
	uint8_t msg[128];

	for (unsigned i = 0; i < 2; i++) {
		struct gen_pkt q, p;
		uint64_t t = GEN_US(70 + 120 * i);
		size_t n = gen_dns_query(msg, sizeof(msg), (uint16_t)gen_rng_next(&g->rng),
					 "fileserver.office.local");

		gen_pkt_udp(&q, u, &o->fs, (uint16_t)gen_rng_range(&g->rng, 49152, 65535), 53, msg,
			    n);
		gen_emit(g, t, &q);
		gen_pkt_unreach(&p, &o->fs, u, 3, &q);
		gen_emit(g, t + 310, &p);
	}
}

void office_browse(struct gen *g, struct office *o, unsigned i)
{
	office_browse_host(g, o, &o->users[i], i);
}

void office_browse_host(struct gen *g, struct office *o, struct gen_host *u, unsigned i)
{
	unsigned nth = 0;

	for (uint64_t t = GEN_MS(1500 + 900 * i) + gen_rng_below(&g->rng, 500000);
	     t < OFFICE_DURATION - GEN_US(15); t += gen_rng_range(&g->rng, 4000000, 25000000))
		office_page_load(g, o, u, nth++, t);
}

void office_users(struct gen *g, struct office *o)
{
	for (unsigned i = 0; i < 4; i++)
		office_browse(g, o, i);
	smb_share(g, o, &o->users[0]);
	stale_dns(g, o, &o->users[1]);
	pings(g, o, &o->users[2]);
}

/* NetBIOS first-level encoding of a 15-char name + suffix. */
static size_t nbns_query(uint8_t *out, uint16_t id, const char *name, uint8_t suffix)
{
	char padded[16];
	size_t n = strlen(name), o = 12;

	memset(padded, ' ', 15);
	memcpy(padded, name, n > 15 ? 15 : n);
	padded[15] = (char)suffix;
	out[0] = (uint8_t)(id >> 8), out[1] = (uint8_t)id;
	out[2] = 0x01, out[3] = 0x10;   /* query, recursion desired, broadcast */
	memset(out + 4, 0, 8);
	out[5] = 1;
	out[o++] = 32;
	for (size_t i = 0; i < 16; i++) {
		out[o++] = (uint8_t)('A' + (((uint8_t)padded[i]) >> 4));
		out[o++] = (uint8_t)('A' + (((uint8_t)padded[i]) & 0x0f));
	}
	out[o++] = 0;
	out[o++] = 0, out[o++] = 0x20;  /* NB */
	out[o++] = 0, out[o++] = 0x01;  /* IN */
	return o;
}

/* Sends a UDP datagram with a given TTL (multicast scopes). */
static void udp_ttl(struct gen *g, struct gen_host *src, const struct gen_host *dst,
		    uint8_t ttl, uint16_t sport, uint16_t dport, const uint8_t *d, size_t n,
		    uint64_t t)
{
	struct gen_pkt p;
	uint8_t keep = src->ttl;

	src->ttl = ttl;
	gen_pkt_udp(&p, src, dst, sport, dport, d, n);
	src->ttl = keep;
	gen_emit(g, t, &p);
}

void office_chatter_host(struct gen *g, struct office *o, struct gen_host *h, bool user)
{
	static const char ssdp[] = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
				   "MAN: \"ssdp:discover\"\r\nMX: 1\r\n"
				   "ST: urn:dial-multiscreen-org:service:dial:1\r\n\r\n";
	struct gen_host llmnr, ssdp_grp, mdns;
	uint8_t msg[256];
	char hostname[32];
	struct gen_pkt p;
	uint64_t t;
	size_t n;

	gen_host_v4(&llmnr, 0xe00000fc, gen_mac_broadcast, 0, 0);
	gen_host_v4(&ssdp_grp, 0xeffffffa, gen_mac_broadcast, 0, 0);
	gen_host_v4(&mdns, 0xe00000fb, gen_mac_broadcast, 0, 0);
	snprintf(hostname, sizeof(hostname), "PC-%u.local", h->ip[3]);

	/* ARP for the router now and then, always answered. */
	for (t = gen_rng_below(&g->rng, 5000000); t < OFFICE_DURATION;
	     t += gen_rng_range(&g->rng, 60000000, 130000000)) {
		gen_pkt_arp(&p, 1, h, &o->gw);
		gen_emit(g, t, &p);
		gen_pkt_arp(&p, 2, &o->gw, h);
		gen_emit(g, t + gen_rng_range(&g->rng, 200, 700), &p);
	}
	/* NBNS broadcast and LLMNR for a name nobody has, in pairs. */
	for (t = gen_rng_below(&g->rng, 30000000); t < OFFICE_DURATION;
	     t += gen_rng_range(&g->rng, 40000000, 110000000)) {
		uint16_t id = (uint16_t)gen_rng_next(&g->rng);

		n = nbns_query(msg, id, "WPAD", 0x00);
		udp_ttl(g, h, &o->bcast, 128, 137, 137, msg, n, t);
		n = gen_dns_query(msg, sizeof(msg), id, "wpad");
		msg[2] = 0;                     /* LLMNR: no RD */
		udp_ttl(g, h, &llmnr, 1, (uint16_t)gen_rng_range(&g->rng, 49152, 65535), 5355, msg,
			n, t + 900);
	}
	if (!user)
		return;
	for (t = gen_rng_below(&g->rng, 60000000); t < OFFICE_DURATION;
	     t += gen_rng_range(&g->rng, 60000000, 120000000)) {
		udp_ttl(g, h, &ssdp_grp, 1, (uint16_t)gen_rng_range(&g->rng, 49152, 65535), 1900,
			(const uint8_t *)ssdp, sizeof(ssdp) - 1, t);
		n = gen_dns_query(msg, sizeof(msg), 0, hostname);
		msg[2] = 0;                     /* mDNS: flags 0 */
		udp_ttl(g, h, &mdns, 255, 5353, 5353, msg, n, t + 2000);
	}
}

void office_chatter(struct gen *g, struct office *o)
{
	office_chatter_host(g, o, &o->fs, false);
	office_chatter_host(g, o, &o->w23, false);
	office_chatter_host(g, o, &o->w47, false);
	office_chatter_host(g, o, &o->bt, true);
	for (unsigned i = 0; i < 4; i++)
		office_chatter_host(g, o, &o->users[i], true);
}
