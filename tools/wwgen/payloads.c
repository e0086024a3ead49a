/* Application payloads of classic propagation steps, byte by byte as the
 * public write-ups describe them: SMB1 messages behind a NetBIOS session
 * header, the DCE/RPC bind to SRVSVC and the MS08-067 NetprPathCanonicalize
 * request (Conficker), DoublePulsar's SMB1 Trans2 SESSION_SETUP ping
 * (MS17-010), and the Windows command shell text of Blaster's bind shell.
 * Nothing here is an exploit: the "shellcode" is filler and the path only
 * climbs. All SMB and DCE/RPC fields are little-endian. */
#include "gen.h"

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

size_t gen_smb1(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h, const uint8_t *words,
		uint8_t nwords, const uint8_t *bytes, size_t nbytes)
{
	size_t len = 32 + 1 + 2 * (size_t)nwords + 2 + nbytes;
	uint8_t *s = out + 4;

	if (nbytes > 0xffff || len > 0x1ffff || 4 + len > cap)
		return 0;
	memset(out, 0, 4 + 32);
	out[1] = (uint8_t)(len >> 16), out[2] = (uint8_t)(len >> 8), out[3] = (uint8_t)len;
	memcpy(s, "\xffSMB", 4);
	s[4] = h->cmd;
	le32(s + 5, h->status);
	s[9] = h->resp ? 0x98 : 0x18;   /* reply bit; canonical paths, no case */
	le16(s + 10, 0xc807);           /* unicode, NT status, ext. security, long names */
	le16(s + 24, h->tid);
	le16(s + 26, h->pid);
	le16(s + 28, h->uid);
	le16(s + 30, h->mid);
	s[32] = nwords;
	if (nwords)
		memcpy(s + 33, words, 2 * (size_t)nwords);
	le16(s + 33 + 2 * nwords, (uint16_t)nbytes);
	if (nbytes)
		memcpy(s + 35 + 2 * nwords, bytes, nbytes);
	return 4 + len;
}

/* The 16-byte DCE/RPC common header (v5.0, little-endian data rep). */
static void dce_hdr(uint8_t *p, uint8_t ptype, uint16_t frag_len, uint32_t call_id)
{
	static const uint8_t start[8] = {5, 0, 0, 0x03, 0x10, 0, 0, 0};

	memcpy(p, start, 8);
	p[2] = ptype;
	le16(p + 8, frag_len);
	le16(p + 10, 0);                /* auth_len */
	le32(p + 12, call_id);
}

size_t gen_dce_bind_srvsvc(uint8_t *out, size_t cap, uint32_t call_id)
{
	/* SRVSVC 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0; NDR 8a885d04-1ceb-
	 * 11c9-9fe8-08002b104860 v2 */
	static const uint8_t ctx[44] = {
		0x00, 0x00, 0x01, 0x00, /* context 0, one transfer syntax */
		0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, 0xd3, 0x01, 0x12, 0x78, 0x5a, 0x47,
		0xbf, 0x6e, 0xe1, 0x88, 0x03, 0x00, 0x00, 0x00,
		0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00,
		0x2b, 0x10, 0x48, 0x60, 0x02, 0x00, 0x00, 0x00,
	};
	size_t len = 16 + 12 + sizeof(ctx);

	if (len > cap)
		return 0;
	dce_hdr(out, 11, (uint16_t)len, call_id);
	le16(out + 16, 4280);           /* max xmit frag */
	le16(out + 18, 4280);           /* max recv frag */
	le32(out + 20, 0);              /* assoc group */
	out[24] = 1, out[25] = 0, out[26] = 0, out[27] = 0; /* one context */
	memcpy(out + 28, ctx, sizeof(ctx));
	return len;
}

size_t gen_dce_bind_ack(uint8_t *out, size_t cap, uint32_t call_id)
{
	/* secondary address "\\PIPE\\srvsvc", pad to 4, one result: accepted, NDR */
	static const uint8_t tail[] = {
		0x0d, 0x00, '\\', 'P', 'I', 'P', 'E', '\\', 's', 'r', 'v', 's', 'v', 'c', 0x00,
		0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00,
		0x2b, 0x10, 0x48, 0x60, 0x02, 0x00, 0x00, 0x00,
	};
	size_t len = 16 + 8 + sizeof(tail);

	if (len > cap)
		return 0;
	dce_hdr(out, 12, (uint16_t)len, call_id);
	le16(out + 16, 4280);
	le16(out + 18, 4280);
	le32(out + 20, 0x0000f1e5);     /* assoc group */
	memcpy(out + 24, tail, sizeof(tail));
	return len;
}

/* An NDR conformant varying UTF-16LE string with its NUL, padded to 4. */
static size_t ndr_wstr(uint8_t *p, size_t off, size_t cap, const char *s)
{
	size_t n = strlen(s) + 1, need = 12 + 2 * n;

	need += (4 - need % 4) % 4;
	if (off + need > cap)
		return 0;
	le32(p + off, (uint32_t)n);     /* max count */
	le32(p + off + 4, 0);           /* offset */
	le32(p + off + 8, (uint32_t)n); /* actual count */
	memset(p + off + 12, 0, need - 12);
	for (size_t i = 0; i < n - 1; i++)
		p[off + 12 + 2 * i] = (uint8_t)s[i];
	return off + need;
}

size_t gen_dce_ms08_067(uint8_t *out, size_t cap, uint32_t call_id, const uint8_t *fill,
			size_t nfill)
{
	char path[96];
	size_t o = 24, k;

	/* \ + letters + \..\..\ + letters: the path climbs above its root */
	memcpy(path, "\\", 2);
	for (k = 1; k < 11; k++)
		path[k] = (char)('A' + (nfill ? fill[k % nfill] : k) % 26);
	memcpy(path + k, "\\..\\..\\", 8);
	k += 7;
	for (size_t i = 0; i < 40; i++, k++)
		path[k] = (char)('A' + (nfill ? fill[(i + 11) % nfill] : i) % 26);
	path[k] = '\0';
	if (cap < 24 + 4)
		return 0;
	le32(out + o, 0x00020000);      /* ServerName: unique pointer */
	o += 4;
	if (!(o = ndr_wstr(out, o, cap, "\\\\SRV")))
		return 0;
	if (!(o = ndr_wstr(out, o, cap, path)))
		return 0;
	if (o + 4 > cap)
		return 0;
	le32(out + o, 1);               /* OutbufLen */
	o += 4;
	if (!(o = ndr_wstr(out, o, cap, "\\")))
		return 0;
	if (o + 8 > cap)
		return 0;
	le32(out + o, 1);               /* PathType */
	le32(out + o + 4, 0);           /* Flags */
	o += 8;
	dce_hdr(out, 0, (uint16_t)o, call_id);
	le32(out + 16, (uint32_t)(o - 24)); /* alloc hint: the stub */
	le16(out + 20, 0);              /* context 0 */
	le16(out + 22, 31);             /* opnum 31: NetprPathCanonicalize */
	return o;
}

size_t gen_smb1_write_andx(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h, uint16_t fid,
			   const uint8_t *data, size_t dlen)
{
	struct gen_smb1_hdr hh = *h;
	uint8_t w[28], b[1 + 1460];

	if (dlen + 1 > sizeof(b))
		return 0;
	hh.cmd = 0x2f;
	memset(w, 0, sizeof(w));
	w[0] = 0xff;                    /* no AndX command */
	le16(w + 4, fid);
	le16(w + 14, 0x0008);           /* write mode: message start */
	le16(w + 16, (uint16_t)dlen);   /* remaining */
	le16(w + 20, (uint16_t)dlen);   /* data length */
	le16(w + 22, 32 + 1 + 28 + 2 + 1); /* data offset from the SMB header */
	b[0] = 0;                       /* pad */
	memcpy(b + 1, data, dlen);
	return gen_smb1(out, cap, &hh, w, 14, b, dlen + 1);
}

size_t gen_doublepulsar_ping(uint8_t *out, size_t cap, const struct gen_smb1_hdr *h,
			     uint32_t timeout)
{
	struct gen_smb1_hdr hh = *h;
	uint8_t w[30], b[13];

	hh.cmd = 0x32;
	memset(w, 0, sizeof(w));
	le16(w + 0, 12);                /* total parameter count */
	le16(w + 4, 1);                 /* max parameter count */
	le32(w + 12, timeout);          /* DoublePulsar hides its key here */
	le16(w + 18, 12);               /* parameter count */
	le16(w + 20, 66);               /* parameter offset */
	le16(w + 24, 78);               /* data offset */
	w[26] = 1;                      /* setup count */
	le16(w + 28, 0x000e);           /* Setup[0]: SESSION_SETUP */
	memset(b, 0, sizeof(b));        /* pad, then 12 parameter bytes */
	return gen_smb1(out, cap, &hh, w, 15, b, sizeof(b));
}
