/* DNS messages (RFC 1035): the header, the first question and the A/AAAA
 * addresses in the answer section. Names are decoded with compression
 * pointers followed only backwards and at most 64 jumps; label bytes outside
 * printable ASCII are kept as '?'. */
#ifndef WW_DECODE_DNS_H
#define WW_DECODE_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"

#define WW_DNS_MAX_ADDRS 16
#define WW_DNS_NAME_MAX 256

struct ww_dns_msg {
	uint16_t id;
	bool response;
	uint8_t rcode;       /* 0 ok, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED */
	uint16_t qdcount, ancount;
	char qname[WW_DNS_NAME_MAX]; /* "" when no question */
	uint16_t qtype;
	struct ww_addr addrs[WW_DNS_MAX_ADDRS];
	unsigned n_addrs;
};

ww_rc ww_dns_parse(const uint8_t *p, size_t len, struct ww_dns_msg *m);

#endif
