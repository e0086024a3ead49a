/* Fuzz the whole router pipeline: every line through dialect detection, the
 * accounting, the engine and the verdicts, as logs and as a table. */
#include "core/common.h"
#include "router/rt_run.h"
#include "router_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_rt_run_opts o = {NULL, 2024, true, 1, true}; /* a small engine: fast runs */
	int table;
	ww_diag_set_quiet(1);
	for (table = 0; table < 2; table++) {
		struct ww_rt_run run;
		struct ww_report r;
		struct ww_rt_table t = {0, 1024, false};
		char err[128];
		size_t pos = 0;
		if (ww_rt_run_init(&run, &o, err, sizeof(err))) {
			ww_rt_run_release(&run);
			return 0;
		}
		while (pos < size) {
			const uint8_t *e = memchr(data + pos, '\n', size - pos);
			size_t n = e ? (size_t)(e - (data + pos)) : size - pos;
			char *copy = malloc(n ? n : 1);
			if (copy) {
				memcpy(copy, data + pos, n);
				if (table)
					ww_rt_run_ct_line(&run, copy, n, "fuzz", 1);
				else
					ww_rt_run_log_line(&run, copy, n, "fuzz", 1);
				free(copy);
			}
			pos += n + 1;
		}
		ww_report_init(&r, "fuzz");
		t.entries = run.parsed;
		(void)ww_rt_run_report(&run, table ? &t : NULL, &r);
		ww_report_release(&r);
		ww_rt_run_release(&run);
	}
	return 0;
}
