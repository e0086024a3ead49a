/* Fuzz the report's loader and page: the bytes as one input file of JSON
 * results (json-c, then the checks of html_load.c), and, when they load, the
 * whole page written with SVG charts and the Graphviz propagation graph. */
#include "core/common.h"
#include "html/html.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_hr *hr;
	char *copy = malloc(size ? size : 1);
	ww_diag_set_quiet(1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	hr = ww_hr_new();
	if (hr && ww_hr_load_buf(hr, "fuzz.json", copy, size, NULL) == WW_OK) {
		FILE *f = fopen("/dev/null", "w");
		if (f) {
			struct ww_out o;
			struct ww_hr_opts opt;
			memset(&opt, 0, sizeof(opt));
			opt.now_us = INT64_C(1772442000000000);
			ww_out_init(&o, f);
			ww_hr_write(hr, &o, &opt);
			fclose(f);
		}
	}
	ww_hr_free(hr);
	free(copy);
	return 0;
}
