/* autorun.inf at the root of the volume. Windows reads it leniently (any
 * case, junk lines between the keys), and so do the worms that write it:
 * Conficker's is padded with random bytes around
 * "open=rundll32.exe .\RECYCLER\S-...\jwgkvsq.vmx,ahaezedrn". The program
 * it starts (open=, shellexecute=, shell\<verb>\command=) is what matters:
 * one in a recycle folder, or run through rundll32, is the worm's (HIGH);
 * any other is unusual on a system disk (MEDIUM). Either leaves traces
 * (exit 2), as a bad file does for `host`. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/textcur.h"
#include "host/host_encoding.h"
#include "host/host_rules.h"
#include "offline/offline_int.h"

#include <errno.h>
#include <stdio.h>

static bool starter_key(const char *k, size_t n)
{
	if (ww_host_ieq(k, n, "open") || ww_host_ieq(k, n, "shellexecute"))
		return true;
	return n > 14 && ww_host_istarts(k, n, "shell\\") &&
	       ww_host_ieq(k + n - 8, 8, "\\command");
}

void ww_off_read_autorun(struct ww_offline *o, const char *path, const char *label)
{
	struct ww_buf raw, text;
	const char *enc, *line;
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	bool cut;
	uint32_t src = ww_host_source(o->host, label);
	ww_buf_init(&raw, 1024 * 1024);
	ww_buf_init(&text, 4 * 1024 * 1024);
	if (ww_buf_read_file(&raw, path) != WW_OK) {
		ww_report_warning(o->report, _("cannot read '%s': %s"), label,
		                  errno ? strerror(errno) : "larger than 1 MiB");
		goto out;
	}
	if (ww_host_to_utf8(raw.s ? raw.s : "", raw.len, &text, &enc) != WW_OK)
		goto out;
	while (ww_next_line(text.s ? text.s : "", text.len, &pos, 8192, &line, &ln, &cut)) {
		const char *eq, *k = line, *v;
		size_t kn, vn;
		bool worm;
		struct ww_finding *f;
		lineno++;
		eq = memchr(line, '=', ln);
		if (!eq)
			continue;
		kn = (size_t)(eq - line);
		ww_host_trim(&k, &kn);
		v = eq + 1;
		vn = ln - (size_t)(v - line);
		ww_host_trim(&v, &vn);
		if (!starter_key(k, kn) || !vn)
			continue;
		worm = ww_host_memmem_ci(v, vn, "RECYCLER") || ww_host_memmem_ci(v, vn, "RECYCLED") ||
		       ww_host_memmem_ci(v, vn, "$Recycle.Bin") || ww_host_memmem_ci(v, vn, "rundll32");
		f = ww_host_finding(o->host, worm ? WW_SEV_HIGH : WW_SEV_MEDIUM, WW_LEVEL_TRACES, src,
		                    lineno);
		if (!f)
			break;
		ww_finding_title(o->report, f, true, _("autorun.inf at the root of the volume starts "
		                   "%.*s"), (int)WW_MIN(vn, 200), v);
		ww_finding_evidence(o->report, f, true, _("line %lu: %.*s=%.*s"), lineno, (int)kn, k,
		                    (int)WW_MIN(vn, 400), v);
		if (worm)
			ww_finding_evidence(o->report, f, false, _("a program in the recycle folder or "
			                      "run through rundll32 is how Conficker spreads on drives"));
		ww_finding_step(o->report, f, _("delete autorun.inf and the program it starts (attrib "
		                  "-s -h -r first), then turn AutoRun off (NoDriveTypeAutoRun=0xFF)"));
		break; /* one finding: the first command Windows would run */
	}
out:
	ww_buf_release(&raw);
	ww_buf_release(&text);
}
