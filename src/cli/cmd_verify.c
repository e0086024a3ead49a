/* wormwatch verify: the same network before and after the clean-up, host
 * by host. Exit 0 when every host flagged before is normal after, 3 when
 * any host spreads after, 1 otherwise. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "report/writer.h"
#include "response/snapshot.h"
#include "response/verify.h"

#include <stdio.h>

enum { VERIFY_OPT_BEFORE = 256, VERIFY_OPT_AFTER };

int cmd_verify(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"before", VERIFY_OPT_BEFORE, no_argument, NULL,
		 N_("the inputs that follow were taken before the clean-up")},
		{"after", VERIFY_OPT_AFTER, no_argument, NULL,
		 N_("the inputs that follow were taken after it")},
		{"output", 'o', required_argument, "FILE",
		 N_("write the output to FILE (not a symbolic link) instead of standard output")},
		{"format", CLI_OPT_FORMAT, required_argument, "FORMAT", N_("text (default) or json")},
		{"json", 'j', no_argument, NULL, N_("the same as --format json")},
		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network (default: private ranges)")},
		{"max", 'm', required_argument, "N", N_("the connection table's size, before and after")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct cli_out out;
	FILE *f;
	struct ww_resp_snap before, after;
	struct ww_resp_load_opts lo = {NULL};
	struct ww_out o;
	struct ww_resp_snap *cur = NULL;
	char **in_b = NULL, **in_a = NULL;
	size_t nb = 0, na = 0, k;
	unsigned long long max = 0;
	int c, ko, status = 0;
	ww_rc rc;

	cli_out_init(&out, "verify");
	ww_resp_snap_init(&before);
	ww_resp_snap_init(&after);
	in_b = ww_calloc((size_t)argc, sizeof(*in_b));
	in_a = ww_calloc((size_t)argc, sizeof(*in_a));
	if (!in_b || !in_a) {
		status = WW_EXIT_SOFTWARE;
		goto out;
	}
	/* --before and --after each start a list of inputs: operands come back
	 * in order (as 1) */
	cli_parse_init(&p, "verify", opts, true);
	while ((c = cli_next(&p, argc, argv)) != -1) {
		if ((ko = cli_out_opt(&out, c, optarg)) != 0) {
			if (ko < 0) {
				status = WW_EXIT_USAGE;
				goto out;
			}
			continue;
		}
		switch (c) {
		case VERIFY_OPT_BEFORE: cur = &before; break;
		case VERIFY_OPT_AFTER: cur = &after; break;
		case 'm': {
			char *end;
			max = strtoull(optarg, &end, 10);
			if (*end || optarg[0] < '1' || optarg[0] > '9' || max > (1ull << 32)) {
				ww_error("--max takes the table's size, 1 to 4294967296");
				status = WW_EXIT_USAGE;
				goto out;
			}
			break;
		}
		case 'H': lo.home = optarg; break;
		case 'h':
			status = cli_help(&p);
			printf("\n%s\n", _("inputs: captures, conntrack dumps, router logs, or JSON results of "
			                    "analyze, nat, logs, watch, host\nexit: 0 every host flagged before "
			                    "is normal after, 3 a host still spreads, 1 otherwise"));
			goto out;
		case 1:
			if (!cur) {
				ww_error("'%.200s': inputs go after --before or --after", optarg);
				status = cli_usage("verify");
				goto out;
			}
			if (cur == &before)
				in_b[nb++] = optarg;
			else
				in_a[na++] = optarg;
			break;
		default:
			status = WW_EXIT_USAGE; /* cli_next printed why and the usage */
			goto out;
		}
	}
	/* after "--": the rest are inputs of the list being given */
	for (; optind < argc; optind++) {
		if (!cur) {
			ww_error("'%.200s': inputs go after --before or --after", argv[optind]);
			status = cli_usage("verify");
			goto out;
		}
		if (cur == &before)
			in_b[nb++] = argv[optind];
		else
			in_a[na++] = argv[optind];
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
	if (strcmp(out.w->name, "text") && strcmp(out.w->name, "json")) {
		ww_error("verify writes text or json, not '%s'", out.w->name);
		status = WW_EXIT_USAGE;
		goto out;
	}
	if (!(f = cli_out_open(&out))) {
		status = WW_EXIT_IOERR;
		goto out;
	}
	ww_out_init(&o, f);
	rc = cli_out_json(&out) ? ww_verify_write_json(&o, &before, &after)
	                        : ww_verify_write_text(&o, &before, &after);
	if (!rc)
		rc = ww_out_finish(&o);
	if ((status = cli_out_close(&out, f, rc, o.err)))
		goto out;
	status = ww_verify_exit(&before, &after);
out:
	free(in_b);
	free(in_a);
	ww_resp_snap_release(&before);
	ww_resp_snap_release(&after);
	return status;
}
