/* The library API of src/response/nft.h driven from the namespace test
 * (tests/response/netns.sh), one call per run:
 *   resp_nft_api apply ALLOW-CIDRS     table with an empty quarantine
 *   resp_nft_api add ADDR SECONDS ALLOW-CIDRS
 *   resp_nft_api exists                exit 0 when table inet wormwatch is loaded
 *   resp_nft_api undo                  exit 0 removed, 2 there was none
 * Exit 1 with nft's one-line reason on stderr otherwise. */
#include "core/common.h"
#include "response/nft.h"
#include "response/rules.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	struct ww_contain_plan p;
	char err[256] = "";
	ww_rc rc = WW_ERR_USAGE;
	struct ww_addr a;
	ww_contain_plan_init(&p);
	if (argc >= 2 && strcmp(argv[1], "exists") == 0) {
		ww_contain_plan_release(&p);
		return ww_nft_table_exists() ? 0 : 1;
	}
	if (argc >= 2 && strcmp(argv[1], "undo") == 0) {
		rc = ww_nft_undo(err, sizeof(err));
		ww_contain_plan_release(&p);
		if (rc == WW_ERR_NOTFOUND)
			return 2;
		if (rc)
			fprintf(stderr, "undo: %s\n", err);
		return rc ? 1 : 0;
	}
	if (argc == 3 && strcmp(argv[1], "apply") == 0) {
		if (ww_netlist_parse(&p.allow, argv[2], err, sizeof(err)) == WW_OK &&
		    ww_netlist_add_private(&p.home) == WW_OK)
			rc = ww_nft_table_apply(&p, err, sizeof(err));
	} else if (argc == 5 && strcmp(argv[1], "add") == 0) {
		if (ww_addr_parse(argv[2], &a) == WW_OK &&
		    ww_netlist_parse(&p.allow, argv[4], err, sizeof(err)) == WW_OK)
			rc = ww_nft_quarantine_add(&a, (unsigned)strtoul(argv[3], NULL, 10),
			                           "live: \"quoted\"; odd", &p.allow, err, sizeof(err));
	}
	if (rc)
		fprintf(stderr, "%s: %s\n", argc >= 2 ? argv[1] : "?", err[0] ? err : ww_rc_str(rc));
	ww_contain_plan_release(&p);
	return rc ? 1 : 0;
}
