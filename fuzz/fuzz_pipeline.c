/* Fuzz the whole pipeline: the input is a capture file (pcap or pcapng)
 * read by libpcap from memory, copied into batches, decoded, hinted, run
 * through the engine as `analyze` does (one thread) and written as a JSON
 * report to /dev/null. Under ASan the batch arena is poisoned past every
 * frame, so reads past a frame's captured bytes are still caught. */
#include "core/common.h"
#include "core/timefmt.h"
#include "decode/packet.h"
#include "report/writer.h"
#include "state/batch.h"
#include "state/engine.h"

#include <pcap/pcap.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct ww_engine_config c;
	struct ww_engine *e = NULL;
	struct ww_report r;
	struct pcap_pkthdr *h;
	const u_char *pkt;
	FILE *f, *null;
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
	if (ww_engine_new(&c, &e) == WW_OK) {
		struct ww_batch b;
		if (ww_batch_init(&b) == WW_OK) {
			while (n++ < 100000 && pcap_next_ex(p, &h, &pkt) == 1) {
				/* a buffer of the frame's exact size, so that ASan sees a
				 * decoder read past the captured bytes */
				uint8_t *frame = malloc(h->caplen ? h->caplen : 1);
				int64_t ts;
				if (!frame)
					break;
				memcpy(frame, pkt, h->caplen);
				/* as capture.c: a stamp out of range is clamped */
				ww_time_from_tv((int64_t)h->ts.tv_sec, (int64_t)h->ts.tv_usec, &ts);
				if (!ww_batch_room(&b, h->caplen))
					ww_batch_run(e, &b);
				ww_batch_add(&b, e, dlt, ts, frame, h->caplen, h->len);
				free(frame);
			}
			ww_batch_run(e, &b);
			ww_batch_release(&b);
		}
		ww_report_init(&r, "fuzz");
		if (ww_engine_report(e, &r) == WW_OK && (null = fopen("/dev/null", "w"))) {
			struct ww_out o;
			ww_out_init(&o, null);
			ww_write_json(&o, &r);
			ww_write_text(&o, &r);
			fclose(null);
		}
		ww_report_release(&r);
		ww_engine_free(e);
	}
	pcap_close(p);
	return 0;
}
