/* Fuzz the conntrack -L / -E parser on every line and cut-off lines. */
#include "core/common.h"
#include "router/ct.h"
#include "router/rlog.h"
#include "router_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const char *line, size_t len)
{
	struct ww_ct_entry e;
	uint64_t n = 0;
	(void)ww_ct_tool_probe(line, len);
	(void)ww_ct_tool_line(line, len, &e, &n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	router_lines(data, size, one);
	return 0;
}
