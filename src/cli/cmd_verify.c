/* wormwatch verify: the same network before and after the clean-up, host
 * by host. Exit 0 when every host flagged before is normal after, 3 when
 * any host spreads after, 1 otherwise. */
#include "core/common.h"
#include "cli/commands.h"
#include "report/writer.h"
#include "response/snapshot.h"
#include "response/verify.h"

#include <stdio.h>

int cmd_verify(int argc, char **argv)
{
	struct ww_resp_snap before, after;
	struct ww_resp_load_opts lo = {NULL};
	struct ww_out o;
	struct ww_resp_snap *cur = NULL;
	char **in_b = NULL, **in_a = NULL;
	size_t nb = 0, na = 0, k;
	bool json = false;
	unsigned long long max = 0;
	int i, status = 0;
	ww_rc rc;

	ww_resp_snap_init(&before);
	ww_resp_snap_init(&after);
	in_b = ww_calloc((size_t)argc, sizeof(*in_b));
	in_a = ww_calloc((size_t)argc, sizeof(*in_a));
	if (!in_b || !in_a) {
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	/* --before and --after each start a list of inputs */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--before") == 0) {
			cur = &before;
		} else if (strcmp(a, "--after") == 0) {
			cur = &after;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--max") == 0 && i + 1 < argc) {
			char *end;
			max = strtoull(argv[++i], &end, 10);
			if (*end || argv[i][0] < '1' || argv[i][0] > '9' || max > (1ull << 32)) {
				ww_error("--max takes the table's size, 1 to 4294967296");
				status = WW_EXIT_USAGE;
				goto out;
			}
		} else if (strcmp(a, "--home-net") == 0 && i + 1 < argc) {
			lo.home = argv[++i];
		} else if (strncmp(a, "--home-net=", 11) == 0) {
			lo.home = a + 11;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			printf("usage: wormwatch verify [--json] [--home-net CIDRS] [--max N] --before INPUT... "
			       "--after INPUT...\n"
			       "inputs: captures, conntrack dumps, router logs, or JSON results of analyze, "
			       "nat, logs, watch, host\n"
			       "exit: 0 every host flagged before is normal after, 3 a host still "
			       "spreads, 1 otherwise\n");
			goto out;
		} else if (a[0] == '-' && a[1] != '\0') {
			ww_error("unknown option '%.40s'", a);
			status = cli_usage("verify");
			goto out;
		} else if (!cur) {
			ww_error("'%.200s': inputs go after --before or --after", a);
			status = cli_usage("verify");
			goto out;
		} else if (cur == &before) {
			in_b[nb++] = argv[i];
		} else {
			in_a[na++] = argv[i];
		}
	}
	if (!nb || !na) {
		ww_error("verify needs inputs both --before and --after the clean-up");
		status = cli_usage("verify");
		goto out;
	}
	for (k = 0; k < nb + na; k++) {
		const char *path = k < nb ? in_b[k] : in_a[k - nb];
		if ((rc = ww_resp_load(k < nb ? &before : &after, path, &lo))) {
			status = ww_rc_exit(rc == WW_ERR_LIMIT ? WW_ERR_FORMAT : rc);
			goto out;
		}
	}
	ww_resp_snap_sort(&before);
	ww_resp_snap_sort(&after);
	/* the same router before and after: one table size serves both */
	if (max) {
		before.table_max = after.table_max = max;
	} else if (after.have_table && !after.table_max && before.table_max) {
		after.table_max = before.table_max;
		after.max_borrowed = true;
	} else if (before.have_table && !before.table_max && after.table_max) {
		before.table_max = after.table_max;
		before.max_borrowed = true;
	}
	if (before.dropped_hosts || after.dropped_hosts)
		ww_warn("more than %d hosts: the rest were not compared", WW_RESP_MAX_HOSTS);
	ww_out_init(&o, stdout);
	rc = json ? ww_verify_write_json(&o, &before, &after)
	          : ww_verify_write_text(&o, &before, &after);
	if (!rc)
		rc = ww_out_finish(&o);
	if (rc) {
		ww_error("cannot write to standard output: %s",
		         rc == WW_ERR_IO ? strerror(o.err) : ww_rc_str(rc));
		status = WW_EXIT_IOERR;
		goto out;
	}
	status = ww_verify_exit(&before, &after);
out:
	free(in_b);
	free(in_a);
	ww_resp_snap_release(&before);
	ww_resp_snap_release(&after);
	return status;
}
