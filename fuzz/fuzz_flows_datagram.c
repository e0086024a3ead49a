/* Fuzz the collector: the input is a run of datagrams, each behind a
 * 2-byte big-endian length, from two exporters in turn; every one goes
 * through the version switch into the v5 parser or libfixbuf (IPFIX by
 * fBufSetBuffer, NetFlow v9 through fixbuf's loopback UDP collector), the
 * template and sequence bookkeeping, the connection table (small, so that
 * it fills), and the report. */
#include "core/common.h"
#include "flows/flows.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ud, const struct ww_attempt *a)
{
	uint64_t *n = ud;
	*n += a->dport;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_flows_opts o;
	struct ww_flows *f;
	struct ww_report r;
	uint64_t n = 0, k = 0;
	size_t pos = 0;
	ww_diag_set_quiet(1);
	memset(&o, 0, sizeof(o));
	o.on_attempt = sink;
	o.ud = &n;
	o.max_conns = 64;
	o.seed = 1;
	if (ww_flows_open(&o, &f))
		return 0;
	while (pos + 2 <= size) {
		size_t len = (size_t)data[pos] << 8 | data[pos + 1];
		struct ww_flows_from from;
		uint8_t *copy;
		pos += 2;
		if (len > size - pos)
			len = size - pos;
		memset(&from, 0, sizeof(from));
		ww_addr_from_v4(&from.addr, 0x0a000001u + (uint32_t)(k & 1));
		from.port = 2055;
		from.offset = ++k;
		copy = malloc(len ? len : 1); /* exact size: an over-read trips ASan */
		if (copy) {
			memcpy(copy, data + pos, len);
			(void)ww_flows_feed_datagram(f, copy, len, &from);
			free(copy);
		}
		pos += len;
		if (k % 8 == 0)
			ww_flows_drain(f, ww_flows_newest(f) - 60000000);
	}
	ww_flows_finish(f);
	ww_report_init(&r, "fuzz");
	ww_flows_report(f, &r);
	ww_report_release(&r);
	ww_flows_close(f);
	return 0;
}
