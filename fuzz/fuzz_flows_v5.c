/* Fuzz the NetFlow v5 parser: one datagram, every record handed out. */
#include "core/common.h"
#include "flows/flows_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ud, const struct ww_flowrec *r)
{
	uint64_t *n = ud;
	*n += r->pkts + (uint64_t)r->start_us;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_v5_hdr h;
	size_t where;
	uint64_t n = 0;
	(void)ww_flows_v5_parse(data, size, &h, sink, &n, &where);
	return where > size; /* never past the end */
}
