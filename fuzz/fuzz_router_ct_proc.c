/* Fuzz the /proc/net/nf_conntrack parser on every line and cut-off lines. */
#include "core/common.h"
#include "router/ct.h"
#include "router/rlog.h"
#include "router_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const char *line, size_t len)
{
	struct ww_ct_entry e;
	if (ww_ct_proc_probe(line, len))
		(void)ww_ct_proc_line(line, len, &e);
	(void)ww_ct_proc_line(line, len, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	router_lines(data, size, one);
	return 0;
}
