/* Connection-tracking entries: the Linux kernel's conntrack table as
 * /proc/net/nf_conntrack prints it, as `conntrack -L` prints it, or as
 * libnetfilter_conntrack hands it over. One neutral entry struct; one
 * parser file per textual dialect (ct_proc.c, ct_tool.c) over the shared
 * body parser in ct_body.c. */
#ifndef WW_ROUTER_CT_H
#define WW_ROUTER_CT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/textcur.h"

enum ww_ct_state {
	WW_CT_NONE = 0, /* UDP, ICMP and others have no state word */
	WW_CT_SYN_SENT,
	WW_CT_SYN_RECV,
	WW_CT_ESTABLISHED,
	WW_CT_FIN_WAIT,
	WW_CT_CLOSE_WAIT,
	WW_CT_LAST_ACK,
	WW_CT_TIME_WAIT,
	WW_CT_CLOSE,
	WW_CT_SYN_SENT2,
	WW_CT_OTHER,
	WW_CT_NSTATES
};
const char *ww_ct_state_name(enum ww_ct_state s);

struct ww_ct_tuple {
	struct ww_addr src, dst;
	uint16_t sport, dport; /* ICMP: type<<8|code in sport, id in dport */
};

struct ww_ct_entry {
	uint8_t family;   /* 4 or 6 */
	uint8_t proto;    /* IP protocol number */
	uint32_t timeout; /* seconds left */
	enum ww_ct_state state;
	struct ww_ct_tuple orig, reply;
	bool has_reply;
	bool unreplied, assured;
	uint32_t mark, zone;
	bool has_mark, has_zone;
};

/* Parse the part shared by both forms, starting at the protocol name:
 * "tcp      6 117 SYN_SENT src=... [UNREPLIED] src=... mark=0 use=1".
 * WW_ERR_FORMAT when it is not an entry. */
ww_rc ww_ct_parse_body(struct ww_tcur *t, struct ww_ct_entry *e);

/* One line of /proc/net/nf_conntrack (ct_proc.c). */
ww_rc ww_ct_proc_line(const char *line, size_t len, struct ww_ct_entry *e);
bool ww_ct_proc_probe(const char *line, size_t len);

/* One line of `conntrack -L` or `conntrack -E` (ct_tool.c). WW_ERR_NOTFOUND
 * for the summary line ("conntrack v1.4.7 (conntrack-tools): 3 flow entries
 * have been shown."); *summary gets the count when it is not NULL. */
ww_rc ww_ct_tool_line(const char *line, size_t len, struct ww_ct_entry *e, uint64_t *summary);
bool ww_ct_tool_probe(const char *line, size_t len);

/* Whichever of the two forms the line is in. */
ww_rc ww_ct_any_line(const char *line, size_t len, struct ww_ct_entry *e, uint64_t *summary);

#endif
