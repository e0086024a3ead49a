/* Registry settings a worm changes to hide itself or to run first:
 * Explorer that cannot show hidden files (SHOWALL CheckedValue=0, as
 * Conficker leaves it), the Folder Options switched off, programs in
 * Session Manager's BootExecute beyond autochk. Read from registry exports
 * and from hives (host --offline) alike. */
#include "core/common.h"
#include "core/i18n.h"
#include "host/host_rules.h"

#include <stdio.h>

static bool key_ends(const char *key, const char *tail)
{
	size_t k = strlen(key), t = strlen(tail);
	return k >= t && strcasecmp(key + k - t, tail) == 0 && (k == t || key[k - t - 1] == '\\');
}

static void rule_showall_policies(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		struct ww_finding *f;
		if (key_ends(v->key, "Folder\\Hidden\\SHOWALL") &&
		    strcasecmp(v->name, "CheckedValue") == 0 && v->type == WW_REG_DWORD &&
		    v->dword == 0) {
			f = ww_host_finding(c, WW_SEV_HIGH, WW_LEVEL_TRACES, v->src, v->line);
			if (!f)
				return;
			ww_finding_title(c->report, f, false, _("Explorer cannot show hidden files any "
			                   "more (SHOWALL CheckedValue=0)"));
			ww_finding_evidence(c->report, f, true, _("[%s] \"CheckedValue\"=dword:00000000"),
			                    v->key);
			ww_finding_evidence(c->report, f, false, _("Conficker sets it so that its hidden "
			                      "copies stay hidden (Kaspersky support article 4673 on Net-Worm.Win32.Kido)"));
			ww_finding_step(c->report, f, _("after cleaning: reg add \"HKLM\\SOFTWARE\\"
			                  "Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced\\"
			                  "Folder\\Hidden\\SHOWALL\" /v CheckedValue /t REG_DWORD /d 1 /f"));
			ww_host_regval_fields(c, f, v);
		} else if (key_ends(v->key, "Policies\\Explorer") &&
		           strcasecmp(v->name, "NoFolderOptions") == 0 && v->type == WW_REG_DWORD &&
		           v->dword != 0) {
			f = ww_host_finding(c, WW_SEV_MEDIUM, WW_LEVEL_TRACES, v->src, v->line);
			if (!f)
				return;
			ww_finding_title(c->report, f, false, _("the Folder Options are switched off "
			                   "(NoFolderOptions), so hidden files cannot be shown"));
			ww_finding_evidence(c->report, f, true, _("[%s] \"NoFolderOptions\"=%u"), v->key,
			                    v->dword);
			ww_finding_step(c->report, f, _("unless an administrator set this policy on "
			                  "purpose, delete the value after cleaning"));
			ww_host_regval_fields(c, f, v);
		}
	}
}

/* Session Manager's BootExecute runs native programs before Windows starts
 * (autochk by default): anything else there is checked. */
static void rule_boot_execute(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		const char *p;
		struct ww_finding *f;
		bool other = false;
		if (!key_ends(v->key, "Control\\Session Manager") ||
		    strcasecmp(v->name, "BootExecute") != 0 || !v->data)
			continue;
		for (p = v->data; *p;) {
			const char *e = strstr(p, ", ");
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l && !ww_host_istarts(p, l, "autocheck autochk "))
				other = true;
			p += l;
			if (e)
				p += 2;
		}
		if (!other)
			continue;
		f = ww_host_finding(c, WW_SEV_MEDIUM, WW_LEVEL_TRACES, v->src, v->line);
		if (!f)
			return;
		ww_finding_title(c->report, f, true, _("a program runs before Windows starts "
		                   "(BootExecute): %s"), v->data);
		ww_finding_evidence(c->report, f, true, _("[%s] \"BootExecute\"=\"%s\""), v->key,
		                    v->data);
		ww_finding_evidence(c->report, f, false, _("the default is only \"autocheck autochk *\"; "
		                      "some disk and antivirus tools add their own"));
		ww_finding_step(c->report, f, _("check which installed program the entry belongs to; if "
		                  "none, set BootExecute back to \"autocheck autochk *\""));
		ww_host_regval_fields(c, f, v);
	}
}

void ww_host_rules_hiding(struct ww_host_ctx *c)
{
	rule_showall_policies(c);
	rule_boot_execute(c);
}
