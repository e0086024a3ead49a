/* Shared body of the fuzz/fuzz_host_<dialect>.c harnesses: the input goes
 * through the dialect's detector and parser (as UTF-8, the way
 * ww_host_read_file hands it over), then through every rule, so the
 * inventory the parser built is read back too. The indicator lists come
 * from the source tree (WW_DATADIR) so that the rules have data. */
#ifndef WW_FUZZ_HOST_FUZZ_H
#define WW_FUZZ_HOST_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"
#include "findings/finding.h"
#include "host/host_indicators.h"
#include "host/host_rules.h"
#include "host/host_sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void ww_fuzz_host(const uint8_t *data, size_t size, ww_host_detect_fn detect,
                                ww_host_parse_fn parse)
{
	struct ww_report r;
	struct ww_host_ctx c;
	char *text = malloc(size ? size : 1);
	if (!text)
		return;
	if (size)
		memcpy(text, data, size);
	ww_diag_set_quiet(1);
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	c.inventory = true;
	(void)ww_host_indicators_load(&c, WW_DATADIR "/indicators");
	(void)detect(text, size);
	(void)ww_host_source(&c, "fuzz");
	if (parse(&c, text, size, 0) == WW_OK)
		(void)ww_host_rules(&c);
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	free(text);
}

#define WW_HOST_FUZZ(dialect)                                                          \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                   \
	{                                                                              \
		ww_fuzz_host(data, size, ww_host_detect_##dialect, ww_host_parse_##dialect); \
		return 0;                                                              \
	}

#endif
