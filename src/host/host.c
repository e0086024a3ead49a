/* The `host` pipeline: indicators, inputs (files, folders or live), the
 * network verdict, the rules. */
#include "core/common.h"
#include "core/i18n.h"
#include "host/host.h"
#include "host/host_indicators.h"
#include "host/host_live.h"
#include "host/host_rules.h"
#include "host/host_sniff.h"

#include <stdio.h>

ww_rc ww_host_run(const struct ww_host_opts *o, struct ww_report *r, int *level)
{
	struct ww_host_ctx c;
	char dir[4096];
	size_t i;
	ww_rc rc = WW_OK;
	*level = 0;
	/* --live reads this machine; a PATH holds what another machine (the
	 * suspect Windows PC) printed: one report must not mix the two */
	if (o->live && o->n_paths) {
		ww_error(_("--live reads this machine's own sockets and processes; '%s' holds saved "
		           "outputs (of another machine): give --live or the files, not both"),
		         o->paths[0]);
		return WW_ERR_USAGE;
	}
	ww_host_ctx_init(&c, r);
	c.inventory = o->inventory;
	snprintf(dir, sizeof(dir), "%s/indicators", o->datadir);
	rc = ww_host_indicators_load(&c, dir);
	if (!rc && o->indicators)
		rc = ww_host_indicators_load(&c, o->indicators);
	if (!rc && o->network)
		rc = ww_host_read_network(&c, o->network);
	if (!rc && o->live)
		rc = ww_host_live(&c);
	for (i = 0; !rc && i < o->n_paths; i++)
		rc = ww_host_read_path(&c, o->paths[i]);
	if (!rc && c.unrecognised && !c.recognised && !o->live && !o->network &&
	    !c.inputs_skipped) {
		/* files were read, and none of them was an output it knows: not
		 * "nothing found" (issue 13) */
		ww_error(_("nothing in the input was understood: no file is an output wormwatch "
		           "host reads (see `wormwatch host --help`)"));
		rc = WW_ERR_FORMAT;
	}
	if (!rc && c.inputs_skipped && !c.recognised && !o->live) {
		ww_error(_("no input could be read"));
		rc = c.skipped_status == WW_EXIT_NOINPUT ? WW_ERR_IO : WW_ERR_FORMAT;
	}
	if (o->skipped_status)
		*o->skipped_status = c.inputs_skipped ? c.skipped_status : 0;
	if (!rc && c.inputs_skipped)
		ww_fields_int(r, &r->input, "skipped_inputs", (long long)c.inputs_skipped);
	if (!rc)
		rc = ww_host_rules(&c);
	if (!rc && c.rows_bad)
		ww_report_note(r, false, _("%lu row-like line%s could not be read (see the warnings)"),
		               c.rows_bad, c.rows_bad == 1 ? "" : "s");
	*level = c.exit_level;
	ww_host_ctx_release(&c);
	return rc ? rc : r->rc;
}
