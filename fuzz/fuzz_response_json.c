/* Fuzz the response steps' input side and every writer after it: bytes
 * read as a wormwatch JSON result (json-c, depth-limited) into a snapshot,
 * the containment plan from it written in every rule format, and verify's
 * text and JSON comparing the snapshot with itself and with an empty one.
 * The input is copied to a buffer of its exact size so over-reads crash. */
#include "core/common.h"
#include "report/writer.h"
#include "response/rules.h"
#include "response/snapshot.h"
#include "response/verify.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_resp_snap s, empty;
	struct ww_contain_plan p;
	const struct ww_rule_format *f;
	struct ww_out o;
	FILE *sink = fopen("/dev/null", "w");
	char *buf = malloc(size ? size : 1);
	if (!sink || !buf) {
		if (sink)
			fclose(sink);
		free(buf);
		return 0;
	}
	memcpy(buf, data, size);
	ww_diag_set_quiet(1);
	ww_resp_snap_init(&s);
	ww_resp_snap_init(&empty);
	ww_contain_plan_init(&p);
	ww_netlist_add_private(&p.home);
	if (ww_resp_load_json_buf(&s, buf, size, "fuzz") == WW_OK) {
		ww_resp_snap_sort(&s);
		if (ww_contain_plan_from(&p, &s) == WW_OK) {
			ww_out_init(&o, sink);
			for (f = ww_rule_formats; f->name; f++) {
				f->write(&o, &p);
				ww_contain_write_json(&o, &p, f);
			}
		}
		ww_out_init(&o, sink);
		ww_verify_write_json(&o, &s, &s);
		ww_verify_write_text(&o, &s, &empty);
		ww_verify_write_json(&o, &empty, &s);
		(void)ww_verify_exit(&s, &empty);
	}
	ww_contain_plan_release(&p);
	ww_resp_snap_release(&s);
	ww_resp_snap_release(&empty);
	free(buf);
	fclose(sink);
	return 0;
}
