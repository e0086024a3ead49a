/* Fuzz the bounded JSON reader behind `wormwatch host --network`. */
#include "host/host_live.h"
#include "host_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_report r;
	struct ww_host_ctx c;
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	ww_diag_set_quiet(1);
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	(void)ww_host_parse_network(&c, text, size);
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	free(text);
	return 0;
}
