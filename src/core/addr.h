/* Network addresses and CIDR lists. IPv4 is kept in its IPv4-mapped IPv6
 * form (::ffff:a.b.c.d) so that every address is 16 bytes and hashes the
 * same way; `v4` says which family it came from. */
#ifndef WW_CORE_ADDR_H
#define WW_CORE_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/result.h"

struct ww_addr {
	uint8_t b[16];
	uint8_t v4; /* 1: IPv4 (b[12..15]), 0: IPv6 */
};

#define WW_ADDR_STRLEN 48

void ww_addr_from_v4(struct ww_addr *a, uint32_t host_order);
/* The IPv4-mapped form (::ffff:a.b.c.d) of 4 bytes in network order. */
static inline void ww_addr_set_v4(struct ww_addr *a, const uint8_t b[4])
{
	memset(a->b, 0, 10);
	a->b[10] = 0xff;
	a->b[11] = 0xff;
	memcpy(a->b + 12, b, 4);
	a->v4 = 1;
}
void ww_addr_from_v4_bytes(struct ww_addr *a, const uint8_t b[4]);
void ww_addr_from_v6_bytes(struct ww_addr *a, const uint8_t b[16]);
static inline uint32_t ww_addr_v4(const struct ww_addr *a)
{
	return (uint32_t)a->b[12] << 24 | (uint32_t)a->b[13] << 16 |
	       (uint32_t)a->b[14] << 8 | a->b[15];
}
/* 16 address bytes equal? Two 8-byte loads, no call. */
static inline bool ww_addr16_eq(const uint8_t *x, const uint8_t *y)
{
	uint64_t a0, a1, b0, b1;
	memcpy(&a0, x, 8);
	memcpy(&a1, x + 8, 8);
	memcpy(&b0, y, 8);
	memcpy(&b1, y + 8, 8);
	return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}
static inline bool ww_addr_eq(const struct ww_addr *x, const struct ww_addr *y)
{
	return x->v4 == y->v4 && ww_addr16_eq(x->b, y->b);
}
int ww_addr_cmp(const struct ww_addr *x, const struct ww_addr *y);

/* Text form; buf must hold WW_ADDR_STRLEN bytes. Returns buf. */
const char *ww_addr_fmt(const struct ww_addr *a, char *buf);
/* Parse "1.2.3.4" or "2001:db8::1" (NUL-terminated). */
ww_rc ww_addr_parse(const char *s, struct ww_addr *a);

bool ww_addr_is_multicast(const struct ww_addr *a);
bool ww_addr_is_broadcast(const struct ww_addr *a); /* 255.255.255.255 only */
bool ww_addr_is_unspecified(const struct ww_addr *a);
bool ww_addr_is_loopback(const struct ww_addr *a);
bool ww_addr_is_private(const struct ww_addr *a); /* RFC1918, 100.64/10, fc00::/7, link-local */

struct ww_cidr {
	struct ww_addr net;
	uint8_t bits; /* prefix length in the 128-bit space */
	bool v4;      /* an IPv4 prefix: v4net/v4mask answer for IPv4 addresses */
	uint32_t v4net, v4mask;
};

struct ww_netlist {
	struct ww_cidr *v;
	size_t n, cap;
	/* bit o: some IPv4 prefix may hold addresses whose first byte is o, so
	 * most outside addresses are turned away by one bit test */
	uint64_t v4_first[4];
};

void ww_netlist_init(struct ww_netlist *l);
void ww_netlist_release(struct ww_netlist *l);
/* A deep copy into an unused dst (on failure dst holds nothing). */
ww_rc ww_netlist_copy(struct ww_netlist *dst, const struct ww_netlist *src);
/* "10.0.0.0/8,192.168.1.0/24,fc00::/7"; a bare address is a /32 or /128. */
ww_rc ww_netlist_parse(struct ww_netlist *l, const char *spec, char *err, size_t errlen);
ww_rc ww_netlist_add_private(struct ww_netlist *l);
bool ww_netlist_match(const struct ww_netlist *l, const struct ww_addr *a);
static inline bool ww_netlist_contains(const struct ww_netlist *l, const struct ww_addr *a)
{
	/* most outside IPv4 addresses end here, without a call */
	if (a->v4 && !(l->v4_first[a->b[12] / 64] >> (a->b[12] % 64) & 1))
		return false;
	return ww_netlist_match(l, a);
}

#endif
