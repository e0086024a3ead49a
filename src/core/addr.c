#include "core/common.h"
#include "core/addr.h"

#include <arpa/inet.h>
#include <stdio.h>

void ww_addr_from_v4(struct ww_addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->b[10] = 0xff;
	a->b[11] = 0xff;
	a->b[12] = (uint8_t)(v >> 24);
	a->b[13] = (uint8_t)(v >> 16);
	a->b[14] = (uint8_t)(v >> 8);
	a->b[15] = (uint8_t)v;
	a->v4 = 1;
}

void ww_addr_from_v4_bytes(struct ww_addr *a, const uint8_t b[4])
{
	ww_addr_from_v4(a, (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	                       (uint32_t)b[2] << 8 | b[3]);
}

void ww_addr_from_v6_bytes(struct ww_addr *a, const uint8_t b[16])
{
	memcpy(a->b, b, 16);
	a->v4 = 0;
}

int ww_addr_cmp(const struct ww_addr *x, const struct ww_addr *y)
{
	int c = memcmp(x->b, y->b, 16);
	if (c)
		return c;
	return (int)x->v4 - (int)y->v4;
}

const char *ww_addr_fmt(const struct ww_addr *a, char *buf)
{
	if (a->v4) {
		snprintf(buf, WW_ADDR_STRLEN, "%u.%u.%u.%u", a->b[12], a->b[13], a->b[14], a->b[15]);
		return buf;
	}
	if (!inet_ntop(AF_INET6, a->b, buf, WW_ADDR_STRLEN))
		snprintf(buf, WW_ADDR_STRLEN, "?");
	return buf;
}

ww_rc ww_addr_parse(const char *s, struct ww_addr *a)
{
	uint8_t b[16];
	if (inet_pton(AF_INET, s, b) == 1) {
		ww_addr_from_v4_bytes(a, b);
		return WW_OK;
	}
	if (inet_pton(AF_INET6, s, b) == 1) {
		ww_addr_from_v6_bytes(a, b);
		return WW_OK;
	}
	return WW_ERR_FORMAT;
}

bool ww_addr_is_multicast(const struct ww_addr *a)
{
	if (a->v4)
		return (a->b[12] & 0xf0) == 0xe0;
	return a->b[0] == 0xff;
}

bool ww_addr_is_broadcast(const struct ww_addr *a)
{
	return a->v4 && ww_addr_v4(a) == 0xffffffffu;
}

bool ww_addr_is_unspecified(const struct ww_addr *a)
{
	static const uint8_t zero[16];
	if (a->v4)
		return ww_addr_v4(a) == 0;
	return memcmp(a->b, zero, 16) == 0;
}

bool ww_addr_is_loopback(const struct ww_addr *a)
{
	static const uint8_t one[16] = {[15] = 1};
	if (a->v4)
		return a->b[12] == 127;
	return memcmp(a->b, one, 16) == 0;
}

bool ww_addr_is_private(const struct ww_addr *a)
{
	if (a->v4) {
		uint32_t v = ww_addr_v4(a);
		return (v >> 24) == 10 || (v >> 20) == 0xac1 || (v >> 16) == 0xc0a8 ||
		       (v >> 22) == (0x64400000u >> 22) || (v >> 16) == 0xa9fe;
	}
	return (a->b[0] & 0xfe) == 0xfc || (a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80);
}

void ww_netlist_init(struct ww_netlist *l) { memset(l, 0, sizeof(*l)); }

void ww_netlist_release(struct ww_netlist *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

ww_rc ww_netlist_copy(struct ww_netlist *dst, const struct ww_netlist *src)
{
	*dst = *src;
	dst->v = NULL;
	dst->cap = dst->n = 0;
	if (!src->n)
		return WW_OK;
	if (!(dst->v = ww_calloc(src->n, sizeof(*src->v))))
		return WW_ERR_NOMEM;
	memcpy(dst->v, src->v, src->n * sizeof(*src->v));
	dst->n = dst->cap = src->n;
	return WW_OK;
}

static ww_rc netlist_push(struct ww_netlist *l, const struct ww_addr *net, unsigned bits)
{
	struct ww_cidr *c;
	unsigned i;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct ww_cidr *v = ww_reallocarray(l->v, cap, sizeof(*v));
		if (!v)
			return WW_ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	c = &l->v[l->n++];
	c->net = *net;
	c->bits = (uint8_t)bits;
	/* clear host bits so contains() can compare masked bytes */
	for (i = bits; i < 128; i++)
		c->net.b[i / 8] &= (uint8_t) ~(0x80u >> (i % 8));
	c->v4 = net->v4 && bits >= 96;
	c->v4mask = c->v4 && bits > 96 ? ~0u << (128 - bits) : 0;
	c->v4net = c->v4 ? ww_addr_v4(&c->net) & c->v4mask : 0;
	if (c->v4) {
		unsigned o, m = (c->v4mask >> 24) & 0xff, f = c->v4net >> 24;
		for (o = 0; o < 256; o++)
			if ((o & m) == f)
				l->v4_first[o / 64] |= (uint64_t)1 << (o % 64);
	}
	return WW_OK;
}

ww_rc ww_netlist_parse(struct ww_netlist *l, const char *spec, char *err, size_t errlen)
{
	const char *p = spec;
	while (*p) {
		char item[80];
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char *slash;
		struct ww_addr a;
		unsigned long bits;
		ww_rc rc;
		if (n == 0 || n >= sizeof(item)) {
			snprintf(err, errlen, "bad network '%.*s'", (int)WW_MIN(n, 60), p);
			return WW_ERR_USAGE;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		slash = strchr(item, '/');
		if (slash)
			*slash = '\0';
		if (ww_addr_parse(item, &a)) {
			snprintf(err, errlen, "bad network '%s'", item);
			return WW_ERR_USAGE;
		}
		bits = a.v4 ? 32 : 128;
		if (slash) {
			char *endp;
			unsigned long maxb = a.v4 ? 32 : 128;
			bits = strtoul(slash + 1, &endp, 10);
			if (*endp || endp == slash + 1 || bits > maxb) {
				snprintf(err, errlen, "bad prefix length in '%s/%s'", item, slash + 1);
				return WW_ERR_USAGE;
			}
		}
		rc = netlist_push(l, &a, (unsigned)(a.v4 ? bits + 96 : bits));
		if (rc)
			return rc;
		p += n;
		if (*p == ',')
			p++;
	}
	if (l->n == 0) {
		snprintf(err, errlen, "empty network list");
		return WW_ERR_USAGE;
	}
	return WW_OK;
}

ww_rc ww_netlist_add_private(struct ww_netlist *l)
{
	char err[64];
	return ww_netlist_parse(l, "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,"
	                           "169.254.0.0/16,fc00::/7,fe80::/10", err, sizeof(err));
}

/* ww_netlist_contains past its first-byte filter. */
bool ww_netlist_match(const struct ww_netlist *l, const struct ww_addr *a)
{
	size_t i;
	if (a->v4) {
		/* IPv4: compare the 32-bit address under each IPv4 prefix */
		uint32_t v = ww_addr_v4(a);
		for (i = 0; i < l->n; i++)
			if (l->v[i].v4 && (v & l->v[i].v4mask) == l->v[i].v4net)
				return true;
		return false;
	}
	for (i = 0; i < l->n; i++) {
		const struct ww_cidr *c = &l->v[i];
		unsigned full = c->bits / 8, rem = c->bits % 8;
		if (memcmp(c->net.b, a->b, full) != 0)
			continue;
		if (rem && ((a->b[full] ^ c->net.b[full]) & (uint8_t)(0xff00u >> rem)))
			continue;
		return true;
	}
	return false;
}
