#include "core/common.h"
#include "core/cursor.h"
#include "decode/dns.h"

/* Read a possibly compressed name starting at c->off into out; on return
 * the cursor is past the name as it appears in place. */
static ww_rc read_name(struct ww_cur *c, char *out, size_t outlen)
{
	size_t pos = c->off, o = 0, after = 0;
	int jumps = 0;
	bool jumped = false;
	for (;;) {
		uint8_t len;
		if (pos >= c->len)
			return WW_ERR_TRUNCATED;
		len = c->p[pos];
		if ((len & 0xc0) == 0xc0) {
			size_t target;
			if (pos + 1 >= c->len)
				return WW_ERR_TRUNCATED;
			target = (size_t)(len & 0x3f) << 8 | c->p[pos + 1];
			if (!jumped)
				after = pos + 2;
			if (target >= pos || ++jumps > 64)
				return WW_ERR_FORMAT; /* forward or looping pointer */
			jumped = true;
			pos = target;
			continue;
		}
		if (len & 0xc0)
			return WW_ERR_FORMAT;
		pos++;
		if (len == 0)
			break;
		if (len > c->len - pos)
			return WW_ERR_TRUNCATED;
		if (o && o + 1 < outlen)
			out[o++] = '.';
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = c->p[pos + i];
			if (ch >= 'A' && ch <= 'Z')
				ch = (unsigned char)(ch + 32);
			if (o + 1 < outlen)
				out[o++] = (ch > 0x20 && ch < 0x7f) ? (char)ch : '?';
		}
		pos += len;
	}
	out[o < outlen ? o : outlen - 1] = '\0';
	c->off = jumped ? after : pos;
	return WW_OK;
}

ww_rc ww_dns_parse(const uint8_t *p, size_t len, struct ww_dns_msg *m)
{
	struct ww_cur c = ww_cur_make(p, len);
	uint16_t flags, nscount, arcount, i;
	char name[WW_DNS_NAME_MAX];
	ww_rc rc;
	memset(m, 0, sizeof(*m));
	if ((rc = ww_cur_be16(&c, &m->id)) || (rc = ww_cur_be16(&c, &flags)) ||
	    (rc = ww_cur_be16(&c, &m->qdcount)) || (rc = ww_cur_be16(&c, &m->ancount)) ||
	    (rc = ww_cur_be16(&c, &nscount)) || (rc = ww_cur_be16(&c, &arcount)))
		return rc;
	m->response = (flags & 0x8000) != 0;
	m->rcode = (uint8_t)(flags & 0x000f);
	if ((flags >> 11 & 0xf) != 0 && (flags >> 11 & 0xf) != 2)
		return WW_ERR_FORMAT; /* only QUERY and STATUS opcodes */
	for (i = 0; i < m->qdcount; i++) {
		if ((rc = read_name(&c, i ? name : m->qname, WW_DNS_NAME_MAX)))
			return rc;
		if (i == 0 && (rc = ww_cur_be16(&c, &m->qtype)))
			return rc;
		if ((rc = ww_cur_skip(&c, i ? 4 : 2)))
			return rc;
		if (i > 8)
			return WW_ERR_FORMAT;
	}
	for (i = 0; i < m->ancount; i++) {
		uint16_t type, klass, rdlen;
		if ((rc = read_name(&c, name, sizeof(name))) || (rc = ww_cur_be16(&c, &type)) ||
		    (rc = ww_cur_be16(&c, &klass)) || (rc = ww_cur_skip(&c, 4)) ||
		    (rc = ww_cur_be16(&c, &rdlen)))
			return rc;
		if (ww_cur_need(&c, rdlen))
			return WW_ERR_TRUNCATED;
		if (m->n_addrs < WW_DNS_MAX_ADDRS && klass == 1 && type == 1 && rdlen == 4)
			ww_addr_from_v4_bytes(&m->addrs[m->n_addrs++], ww_cur_ptr(&c));
		else if (m->n_addrs < WW_DNS_MAX_ADDRS && klass == 1 && type == 28 && rdlen == 16)
			ww_addr_from_v6_bytes(&m->addrs[m->n_addrs++], ww_cur_ptr(&c));
		c.off += rdlen;
	}
	return WW_OK;
}
