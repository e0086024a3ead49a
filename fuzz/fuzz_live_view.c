/* Fuzz the live page's path: a capture (pcap or pcapng, from memory) runs
 * through the engine as `watch` runs it, with alerts pushed to a board as
 * JSON lines; every 64 packets and at the end the hosts as they stand
 * (ww_engine_live_report) are made into the page's documents (ww_view)
 * and published. Each document must be one line (an SSE data line), the
 * report must be the JSON writer's, and the board must hand back what was
 * published. */
#include "core/common.h"
#include "decode/packet.h"
#include "live/board.h"
#include "live/view.h"
#include "router/rt_alert.h"
#include "state/engine.h"

#include <pcap/pcap.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ww_board *g_board; /* the alert callback's target, set per input */

static void on_alert(void *ud, const struct ww_alert *a)
{
	char json[1024];
	size_t n = ww_alert_json(a, a->ts_us, json, sizeof(json));
	(void)ud;
	if (n)
		ww_board_push(g_board, WW_BOARD_ALERT, ww_blob_new(json, n));
}

static void publish(struct ww_engine *e, struct ww_view *v, int64_t now)
{
	struct ww_report r;
	struct ww_view_stats st;
	struct ww_blob *x;
	memset(&st, 0, sizeof(st));
	st.command = "watch";
	st.source = "fuzz";
	st.now_us = now;
	ww_report_init(&r, "watch");
	if (ww_engine_live_report(e, &r, 500) == WW_OK && ww_view_publish(v, g_board, &r, &st) == WW_OK) {
		x = ww_board_state(g_board, NULL);
		if (!x || strchr(x->data, '\n') || x->data[0] != '{' || x->data[x->len - 1] != '}')
			abort();
		ww_board_put(g_board, x);
		x = ww_board_hosts(g_board);
		if (!x || strncmp(x->data, "{\"command\":\"watch\",\"schema\":1,\"hosts\":[", 39))
			abort();
		ww_board_put(g_board, x);
	}
	ww_report_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct ww_engine_config c;
	struct ww_engine *e = NULL;
	struct ww_view *v = NULL;
	struct pcap_pkthdr *h;
	const u_char *pkt;
	int64_t last = 0;
	FILE *f;
	pcap_t *p;
	int dlt, n = 0;
	ww_diag_set_quiet(1);
	if (size == 0)
		return 0;
	f = fmemopen((void *)(uintptr_t)data, size, "rb");
	if (!f)
		return 0;
	p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!p) {
		fclose(f);
		return 0;
	}
	dlt = pcap_datalink(p);
	ww_engine_config_init(&c);
	c.judge_all = true;
	c.bloom_log2_bits = 16;
	c.max_hosts = 256;
	c.max_pending = 256;
	c.hash_seed = 1;
	c.on_alert = on_alert;
	if (ww_board_new(&g_board) == WW_OK && ww_view_new(&v) == WW_OK &&
	    ww_engine_new(&c, &e) == WW_OK) {
		while (n++ < 100000 && pcap_next_ex(p, &h, &pkt) == 1) {
			struct ww_pkt pk;
			int64_t ts = (int64_t)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
			uint8_t *frame = malloc(h->caplen ? h->caplen : 1);
			ww_rc rc;
			if (!frame)
				break;
			memcpy(frame, pkt, h->caplen); /* exact size: ASan sees over-reads */
			rc = ww_decode(dlt, frame, h->caplen, h->len, ts, &pk);
			if (!rc || rc == WW_ERR_TRUNCATED)
				ww_engine_packet(e, &pk);
			free(frame);
			ww_engine_tick(e, ts);
			last = ts;
			if (n % 64 == 0)
				publish(e, v, ts);
		}
		publish(e, v, last);
		{
			size_t len;
			char *arr = ww_board_events_json(g_board, WW_BOARD_ALERT, &len);
			if (arr && (arr[0] != '[' || arr[len - 1] != ']'))
				abort();
			free(arr);
		}
	}
	ww_engine_free(e);
	ww_view_free(v);
	ww_board_free(g_board);
	g_board = NULL;
	pcap_close(p);
	return 0;
}
