#include "core/common.h"
#include "core/buf.h"
#include "inputs/ct_live.h"
#include "decode/packet.h"
#include "inputs/lines.h"

#include <errno.h>
#include <stdio.h>

#ifdef WW_HAVE_NFCT
#include <arpa/inet.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#endif

#define CT_PROC "/proc/net/nf_conntrack"

static ww_rc read_u64_file(const char *path, uint64_t *v)
{
	struct ww_buf b;
	struct ww_tcur t;
	ww_rc rc;
	ww_buf_init(&b, 64);
	rc = ww_buf_read_file(&b, path);
	if (rc) {
		ww_buf_release(&b);
		return rc;
	}
	t = ww_tcur_make(b.s, b.len);
	rc = ww_tcur_u64(&t, UINT64_MAX, v);
	ww_buf_release(&b);
	return rc;
}

ww_rc ww_ct_live_max(uint64_t *max)
{
	return read_u64_file("/proc/sys/net/netfilter/nf_conntrack_max", max);
}

ww_rc ww_ct_live_count(uint64_t *count)
{
	return read_u64_file("/proc/sys/net/netfilter/nf_conntrack_count", count);
}

#ifdef WW_HAVE_NFCT
struct nl_ctx {
	ww_ct_live_fn fn;
	void *ud;
};

static void nl_addr(const struct nf_conntrack *ct, bool v6, int a4, int a6, struct ww_addr *out)
{
	if (v6) {
		const void *p = nfct_get_attr(ct, (enum nf_conntrack_attr)a6);
		uint8_t b[16] = {0};
		if (p)
			memcpy(b, p, 16);
		ww_addr_from_v6_bytes(out, b);
	} else {
		ww_addr_from_v4(out, ntohl(nfct_get_attr_u32(ct, (enum nf_conntrack_attr)a4)));
	}
}

static int nl_cb(enum nf_conntrack_msg_type type, struct nf_conntrack *ct, void *data)
{
	struct nl_ctx *c = data;
	struct ww_ct_entry e;
	bool v6;
	uint32_t status;
	(void)type;
	memset(&e, 0, sizeof(e));
	v6 = nfct_get_attr_u8(ct, ATTR_L3PROTO) == AF_INET6;
	e.family = v6 ? 6 : 4;
	e.proto = nfct_get_attr_u8(ct, ATTR_L4PROTO);
	nl_addr(ct, v6, ATTR_ORIG_IPV4_SRC, ATTR_ORIG_IPV6_SRC, &e.orig.src);
	nl_addr(ct, v6, ATTR_ORIG_IPV4_DST, ATTR_ORIG_IPV6_DST, &e.orig.dst);
	nl_addr(ct, v6, ATTR_REPL_IPV4_SRC, ATTR_REPL_IPV6_SRC, &e.reply.src);
	nl_addr(ct, v6, ATTR_REPL_IPV4_DST, ATTR_REPL_IPV6_DST, &e.reply.dst);
	e.has_reply = true;
	if (e.proto == WW_PROTO_ICMP || e.proto == WW_PROTO_ICMP6) {
		e.orig.sport = (uint16_t)(nfct_get_attr_u8(ct, ATTR_ICMP_TYPE) << 8 |
		                          nfct_get_attr_u8(ct, ATTR_ICMP_CODE));
		e.orig.dport = ntohs(nfct_get_attr_u16(ct, ATTR_ICMP_ID));
	} else {
		e.orig.sport = ntohs(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_SRC));
		e.orig.dport = ntohs(nfct_get_attr_u16(ct, ATTR_ORIG_PORT_DST));
		e.reply.sport = ntohs(nfct_get_attr_u16(ct, ATTR_REPL_PORT_SRC));
		e.reply.dport = ntohs(nfct_get_attr_u16(ct, ATTR_REPL_PORT_DST));
	}
	if (e.proto == WW_PROTO_TCP && nfct_attr_is_set(ct, ATTR_TCP_STATE) > 0) {
		unsigned s = nfct_get_attr_u8(ct, ATTR_TCP_STATE);
		e.state = s < WW_CT_NSTATES && s > 0 ? (enum ww_ct_state)s : WW_CT_OTHER;
	}
	status = nfct_get_attr_u32(ct, ATTR_STATUS);
	e.unreplied = !(status & IPS_SEEN_REPLY);
	e.assured = (status & IPS_ASSURED) != 0;
	e.timeout = nfct_get_attr_u32(ct, ATTR_TIMEOUT);
	if (nfct_attr_is_set(ct, ATTR_MARK) > 0) {
		e.mark = nfct_get_attr_u32(ct, ATTR_MARK);
		e.has_mark = true;
	}
	if (nfct_attr_is_set(ct, ATTR_ZONE) > 0) {
		e.zone = nfct_get_attr_u16(ct, ATTR_ZONE);
		e.has_zone = true;
	}
	if (e.orig.src.v4 == e.orig.dst.v4)
		c->fn(c->ud, &e);
	return NFCT_CB_CONTINUE;
}

static ww_rc dump_netlink(ww_ct_live_fn fn, void *ud, int *err)
{
	struct nl_ctx c = {fn, ud};
	struct nfct_handle *h = nfct_open(CONNTRACK, 0);
	uint32_t family = AF_UNSPEC;
	int rc;
	if (!h) {
		*err = errno;
		return WW_ERR_IO;
	}
	nfct_callback_register(h, NFCT_T_ALL, nl_cb, &c);
	rc = nfct_query(h, NFCT_Q_DUMP, &family);
	if (rc < 0)
		*err = errno;
	nfct_close(h);
	return rc < 0 ? WW_ERR_IO : WW_OK;
}
#endif

static ww_rc dump_proc(ww_ct_live_fn fn, void *ud, int *err)
{
	struct ww_lines l;
	const char *line;
	size_t len;
	ww_rc rc = ww_lines_open(&l, CT_PROC);
	if (rc) {
		*err = l.err;
		return rc;
	}
	while ((rc = ww_lines_next(&l, &line, &len)) == WW_OK) {
		struct ww_ct_entry e;
		if (ww_ct_proc_line(line, len, &e) == WW_OK)
			fn(ud, &e);
	}
	*err = l.err;
	ww_lines_release(&l);
	return rc == WW_ERR_NOTFOUND ? WW_OK : rc;
}

ww_rc ww_ct_live_dump(ww_ct_live_fn fn, void *ud, const char **source, int *err)
{
	*err = 0;
#ifdef WW_HAVE_NFCT
	if (dump_netlink(fn, ud, err) == WW_OK) {
		*source = "netlink";
		return WW_OK;
	}
#endif
	*source = CT_PROC;
	return dump_proc(fn, ud, err);
}

ww_rc ww_ct_live_dump_proc(ww_ct_live_fn fn, void *ud, const char **source, int *err)
{
	*err = 0;
	*source = CT_PROC;
	return dump_proc(fn, ud, err);
}
