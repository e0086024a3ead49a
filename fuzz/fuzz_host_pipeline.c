/* Fuzz the whole `wormwatch host` file path: encoding sniffing and iconv
 * conversion, dialect sniffing, the chosen parser, every rule and both
 * report writers. */
#include <stdio.h>

#include "core/buf.h"
#include "host/host_encoding.h"
#include "host_fuzz.h"
#include "report/writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_report r;
	struct ww_host_ctx c;
	struct ww_buf text;
	const char *enc;
	const struct ww_host_dialect *d;
	ww_diag_set_quiet(1);
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	c.inventory = true;
	ww_buf_init(&text, 64u * 1024u * 1024u);
	(void)ww_host_indicators_load(&c, WW_DATADIR "/indicators");
	if (ww_host_to_utf8((const char *)data, size, &text, &enc) == WW_OK &&
	    (d = ww_host_sniff(text.s ? text.s : "", text.len)) != NULL) {
		(void)ww_host_source(&c, "fuzz");
		if (d->parse(&c, text.s ? text.s : "", text.len, 0) == WW_OK &&
		    ww_host_rules(&c) == WW_OK) {
			FILE *null = fopen("/dev/null", "w");
			if (null) {
				struct ww_out o;
				ww_out_init(&o, null);
				(void)ww_write_json(&o, &r);
				ww_out_init(&o, null);
				(void)ww_write_text(&o, &r);
				fclose(null);
			}
		}
	}
	ww_buf_release(&text);
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	return 0;
}
