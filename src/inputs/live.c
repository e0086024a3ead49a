#include "core/common.h"
#include "core/timefmt.h"
#include "decode/packet.h"
#include "inputs/live.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdio.h>

#define LIVE_SNAPLEN 65535
#define LIVE_BUFFER (8 << 20)

ww_rc ww_live_open(struct ww_live *l, const char *iface, const char *bpf)
{
	char eb[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p;
	int a;
	memset(l, 0, sizeof(*l));
	l->fd = -1;
	p = pcap_create(iface, eb);
	if (!p) {
		snprintf(l->err, sizeof(l->err), "%s", eb);
		return WW_ERR_IO;
	}
	pcap_set_snaplen(p, LIVE_SNAPLEN);
	pcap_set_promisc(p, 1);
	pcap_set_timeout(p, 100);
	pcap_set_buffer_size(p, LIVE_BUFFER);
	if (pcap_set_immediate_mode(p, 1) != 0) {
		snprintf(l->err, sizeof(l->err), "immediate mode is not available");
		pcap_close(p);
		return WW_ERR_UNSUPPORTED;
	}
	a = pcap_activate(p);
	if (a < 0) {
		snprintf(l->err, sizeof(l->err), "%s", pcap_geterr(p));
		/* libpcap says PERM_DENIED, or an error with errno EPERM ("socket:
		 * Operation not permitted") when CAP_NET_RAW is missing */
		l->perm = a == PCAP_ERROR_PERM_DENIED || a == PCAP_ERROR_PROMISC_PERM_DENIED ||
		          errno == EPERM || errno == EACCES;
		pcap_close(p);
		return WW_ERR_IO;
	}
	l->pcap = p;
	l->dlt = pcap_datalink(p);
	if (!ww_decode_linktype_ok(l->dlt)) {
		snprintf(l->err, sizeof(l->err), "link type %d is not supported", l->dlt);
		ww_live_close(l);
		return WW_ERR_UNSUPPORTED;
	}
	if (bpf && *bpf) {
		struct bpf_program prog;
		if (pcap_compile(p, &prog, bpf, 1, PCAP_NETMASK_UNKNOWN) != 0) {
			snprintf(l->err, sizeof(l->err), "%s", pcap_geterr(p));
			ww_live_close(l);
			return WW_ERR_USAGE;
		}
		if (pcap_setfilter(p, &prog) != 0) {
			snprintf(l->err, sizeof(l->err), "%s", pcap_geterr(p));
			pcap_freecode(&prog);
			ww_live_close(l);
			return WW_ERR_USAGE;
		}
		pcap_freecode(&prog);
	}
	if (pcap_setnonblock(p, 1, eb) != 0) {
		snprintf(l->err, sizeof(l->err), "%s", eb);
		ww_live_close(l);
		return WW_ERR_IO;
	}
	l->fd = pcap_get_selectable_fd(p);
	return WW_OK;
}

struct live_cb {
	struct ww_live *l;
	ww_frame_fn fn;
	void *ud;
};

static void on_pkt(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct live_cb *c = (struct live_cb *)user;
	int64_t ts;
	ww_time_from_tv((int64_t)h->ts.tv_sec, (int64_t)h->ts.tv_usec, &ts); /* clamped */
	c->l->frames++;
	c->l->bytes += h->len;
	c->fn(c->ud, c->l->dlt, ts, data, h->caplen, h->len);
}

ww_rc ww_live_poll(struct ww_live *l, int timeout_ms, ww_frame_fn fn, void *ud)
{
	struct live_cb c = {l, fn, ud};
	int n, rounds;
	if (l->fd >= 0) {
		struct pollfd pfd = {l->fd, POLLIN, 0};
		n = poll(&pfd, 1, timeout_ms);
		if (n < 0 && errno != EINTR) {
			snprintf(l->err, sizeof(l->err), "poll: %s", strerror(errno));
			return WW_ERR_IO;
		}
		if (n <= 0)
			return WW_OK;
	}
	/* bounded: at most 64 batches per call so ticks and signals are not starved */
	for (rounds = 0; rounds < 64; rounds++) {
		n = pcap_dispatch(l->pcap, -1, on_pkt, (u_char *)&c);
		if (n == PCAP_ERROR) {
			snprintf(l->err, sizeof(l->err), "%s", pcap_geterr(l->pcap));
			return WW_ERR_IO;
		}
		if (n <= 0)
			break;
	}
	return WW_OK;
}

ww_rc ww_live_stats(struct ww_live *l, struct ww_live_stats *s)
{
	struct pcap_stat st;
	memset(s, 0, sizeof(*s));
	if (!l->pcap || pcap_stats(l->pcap, &st) != 0)
		return WW_ERR_UNSUPPORTED;
	s->received = st.ps_recv;
	s->dropped = st.ps_drop;
	s->if_dropped = st.ps_ifdrop;
	return WW_OK;
}

void ww_live_close(struct ww_live *l)
{
	if (l->pcap)
		pcap_close(l->pcap);
	l->pcap = NULL;
	l->fd = -1;
}
