/* Fuzz the asa log parser on every line and cut-off lines. */
#include "core/common.h"
#include "router/ct.h"
#include "router/rlog.h"
#include "router_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const char *line, size_t len)
{
	struct ww_rlog_ctx ctx = {2024};
	struct ww_rlog_rec rec;
	(void)ww_log_asa_probe(line, len);
	(void)ww_log_asa_parse(&ctx, line, len, &rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	router_lines(data, size, one);
	return 0;
}
