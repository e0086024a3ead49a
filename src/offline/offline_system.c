/* The SYSTEM hive: the current control set (\Select\Current), every
 * service (Type, Start, ImagePath, DisplayName, ObjectName, ServiceDll in
 * the key or its Parameters), KnownDLLs, the Session Manager's boot-time
 * programs and AppCertDlls, the shares of LanmanServer, the computer name.
 * Key paths are kept as the hive spells them (ControlSet001\services on
 * Windows 7), under HKEY_LOCAL_MACHINE\SYSTEM, so that `reg` commands in the
 * fixes address the same key on the running machine. */
#include "core/common.h"
#include "core/i18n.h"
#include "offline/offline_int.h"

#include <stdio.h>

static void read_service(struct ww_hive *hv, hive_node_h svc, const char *key)
{
	static const char *const names[] = {"Type", "Start", "ImagePath", "DisplayName",
	                                    "ObjectName", "ServiceDll", NULL};
	static const char *const params[] = {"ServiceDll", NULL};
	hive_node_h p;
	char pkey[2048];
	ww_hive_keep(hv, svc, key, names);
	p = ww_hive_child(hv, svc, key, "Parameters");
	if (p) {
		snprintf(pkey, sizeof(pkey), "%s\\Parameters", key);
		ww_hive_keep(hv, p, pkey, params);
	}
}

static void read_services(struct ww_hive *hv, hive_node_h cs, const char *csname)
{
	hive_node_h svcs, *kids;
	char key[1024];
	char *sname;
	size_t i, n = 0;
	svcs = ww_hive_child(hv, cs, csname, "Services");
	if (!svcs) {
		ww_hive_warn(hv, csname, "no Services key");
		return;
	}
	sname = ww_hive_name(hv, svcs, csname);
	snprintf(key, sizeof(key), "%s\\%s", csname, sname ? sname : "Services");
	free(sname);
	kids = ww_hive_children(hv, svcs, key);
	if (!kids)
		return;
	for (i = 0; kids[i] && !hv->o->report->rc; i++) {
		char skey[1536];
		char *name = ww_hive_name(hv, kids[i], key);
		if (!name)
			continue;
		snprintf(skey, sizeof(skey), "%s\\%s", key, name);
		read_service(hv, kids[i], skey);
		ww_off_event(hv->o, ww_hive_time(hv, kids[i]), hv->label, "service key %s written",
		             name);
		free(name);
		n++;
	}
	free(kids);
	ww_report_note(hv->o->report, true, _("'%s': %zu service%s read from %s"), hv->label, n,
	               n == 1 ? "" : "s", key);
}

/* LanmanServer\Shares: one REG_MULTI_SZ per share, "Path=C:\x" among its
 * lines (joined with ", " by the decoder). */
static void read_shares(struct ww_hive *hv, hive_node_h cs, const char *csname)
{
	char key[1024];
	hive_node_h n;
	hive_value_h *vals;
	size_t i;
	(void)cs;
	snprintf(key, sizeof(key), "%s\\Services\\LanmanServer\\Shares", csname);
	n = ww_hive_path(hv, hivex_root(hv->h), key);
	if (!n || !(vals = hivex_node_values(hv->h, n)))
		return;
	for (i = 0; vals[i] && i < 1000; i++) {
		struct ww_hive_val v;
		struct ww_host_share *s;
		const char *p, *e;
		if (!ww_hive_value(hv, vals[i], key, &v))
			continue;
		p = strstr(v.data, "Path=");
		e = p ? strstr(p, ", ") : NULL;
		if (p)
			p += 5;
		s = v.name[0] ? ww_host_add_share(hv->o->host) : NULL;
		if (s) {
			s->name = ww_host_strndup(v.name, strlen(v.name));
			s->path = p ? ww_host_strndup(p, e ? (size_t)(e - p) : strlen(p))
			            : ww_host_strndup("", 0);
			s->src = hv->src;
			if (!s->name || !s->path)
				hv->o->report->rc = WW_ERR_NOMEM;
		}
		ww_hive_val_release(&v);
	}
	free(vals);
}

void ww_off_read_system(struct ww_hive *hv)
{
	static const char *const sm[] = {"BootExecute", "SetupExecute", "Execute",
	                                 "PendingFileRenameOperations", NULL};
	hive_node_h root = hivex_root(hv->h), sel, cs;
	struct ww_hive_val v;
	unsigned current = 1;
	char csname[32], path[256];
	char *real;
	sel = ww_hive_child(hv, root, "", "Select");
	if (sel && ww_hive_get(hv, sel, "Select", "Current", &v)) {
		if (v.type == WW_REG_DWORD && v.dword >= 1 && v.dword <= 999)
			current = v.dword;
		else
			ww_hive_warn(hv, "Select", "Current is not a control set number: "
			             "ControlSet001 read");
		ww_hive_val_release(&v);
	} else {
		ww_hive_warn(hv, "Select", "no Current value: ControlSet001 read");
	}
	snprintf(csname, sizeof(csname), "ControlSet%03u", current);
	cs = ww_hive_child(hv, root, "", csname);
	if (!cs) {
		ww_hive_warn(hv, csname, "the current control set is missing: nothing more read "
		             "from this hive");
		return;
	}
	real = ww_hive_name(hv, cs, "");
	if (real) {
		snprintf(csname, sizeof(csname), "%.24s", real);
		free(real);
	}
	read_services(hv, cs, csname);
	snprintf(path, sizeof(path), "%s\\Control\\Session Manager\\KnownDLLs", csname);
	ww_hive_keep_path(hv, path, NULL);
	snprintf(path, sizeof(path), "%s\\Control\\Session Manager", csname);
	ww_hive_keep_path(hv, path, sm);
	snprintf(path, sizeof(path), "%s\\Control\\Session Manager\\AppCertDlls", csname);
	ww_hive_keep_path(hv, path, NULL);
	read_shares(hv, cs, csname);
	{
		hive_node_h cn = ww_hive_path(hv, cs, "Control\\ComputerName\\ComputerName");
		if (cn && ww_hive_get(hv, cn, "Control\\ComputerName\\ComputerName", "ComputerName",
		                      &v)) {
			snprintf(hv->o->computer, sizeof(hv->o->computer), "%s", v.data);
			ww_hive_val_release(&v);
		}
	}
}
