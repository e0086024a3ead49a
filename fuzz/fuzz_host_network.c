/* Fuzz the bounded JSON reader behind `wormwatch host --network`, then the
 * rules that read its verdicts (ports named in the evidence, peers). */
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
	(void)ww_host_indicators_load(&c, WW_DATADIR "/indicators");
	if (ww_host_parse_network(&c, text, size) == WW_OK) {
		/* a listener and a peer for the verdict rules to look at */
		static const char netstat[] =
		    "  UDP    0.0.0.0:49153          *:*                                    3344\n"
		    " [netsession_win.exe]\n"
		    "  TCP    192.168.1.50:1301      192.168.1.60:445       SYN_SENT        2200\n";
		(void)ww_host_source(&c, "fuzz");
		if (ww_host_parse_netstat(&c, netstat, sizeof(netstat) - 1, 0) == WW_OK)
			(void)ww_host_rules(&c);
	}
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	free(text);
	return 0;
}
