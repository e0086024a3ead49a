/* Live capture through libpcap in immediate mode (packets are handed over
 * as they arrive, not when a buffer fills), for `wormwatch watch`. */
#ifndef WW_INPUTS_LIVE_H
#define WW_INPUTS_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/result.h"
#include "inputs/capture.h"

struct ww_live {
	void *pcap;      /* pcap_t */
	int dlt;
	int fd;          /* selectable descriptor, -1 if none */
	uint64_t frames, bytes;
	char err[256];   /* the last libpcap error */
	bool perm;       /* the open failed for want of privileges */
};

struct ww_live_stats {
	uint64_t received, dropped, if_dropped;
};

/* Open iface (promiscuous, immediate mode) with an optional BPF filter.
 * WW_ERR_IO with l->err set when libpcap refuses; WW_ERR_UNSUPPORTED for a
 * link type the decoders do not know; WW_ERR_USAGE for a bad filter. */
ww_rc ww_live_open(struct ww_live *l, const char *iface, const char *bpf);
/* Wait up to timeout_ms for packets and hand every waiting one to fn.
 * WW_OK also when nothing came or a signal interrupted the wait. */
ww_rc ww_live_poll(struct ww_live *l, int timeout_ms, ww_frame_fn fn, void *ud);
ww_rc ww_live_stats(struct ww_live *l, struct ww_live_stats *s);
void ww_live_close(struct ww_live *l);

#endif
