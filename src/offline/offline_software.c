/* The SOFTWARE hive and each user's NTUSER.DAT: the keys that start
 * programs (Run, RunOnce, RunServices, RunServicesOnce, also under
 * Wow6432Node and Policies\Explorer; Winlogon Shell/Userinit and its Notify
 * DLLs; AppInit_DLLs, run= and load=; Image File Execution Options
 * debuggers; the Explorer hook of Mydoom), the svchost groups, the Explorer
 * settings a worm turns to hide its files, the Windows version and the
 * installed products. */
#include "core/common.h"
#include "core/i18n.h"
#include "offline/offline_int.h"

#include <stdio.h>

static const char *const run_keys[] = {"Run", "RunOnce", "RunServices", "RunServicesOnce",
                                       "Policies\\Explorer\\Run"};

static void read_run_keys(struct ww_hive *hv, const char *base)
{
	size_t i;
	char path[512];
	for (i = 0; i < WW_ARRAY_LEN(run_keys); i++) {
		snprintf(path, sizeof(path), "%s\\%s", base, run_keys[i]);
		ww_hive_keep_path(hv, path, NULL);
	}
}

/* Each subkey's named value: Winlogon\Notify\<x> DLLName, Image File
 * Execution Options\<exe> Debugger. */
static void read_subkey_values(struct ww_hive *hv, const char *path, const char *value)
{
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path), *kids;
	const char *const only[] = {value, NULL};
	size_t i;
	if (!n || !(kids = ww_hive_children(hv, n, path)))
		return;
	for (i = 0; kids[i] && !hv->o->report->rc; i++) {
		char key[1536];
		char *name = ww_hive_name(hv, kids[i], path);
		size_t k;
		if (!name)
			continue;
		snprintf(key, sizeof(key), "%s\\%s", path, name);
		k = ww_hive_keep(hv, kids[i], key, only);
		if (k)
			ww_off_event(hv->o, ww_hive_time(hv, kids[i]), hv->label, "key \\%s written "
			             "(%s)", key, value);
		free(name);
	}
	free(kids);
}

static void read_version(struct ww_hive *hv)
{
	static const char *const path = "Microsoft\\Windows NT\\CurrentVersion";
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path);
	struct ww_hive_val name, build, sp;
	bool hn, hb, hs;
	if (!n)
		return;
	hn = ww_hive_get(hv, n, path, "ProductName", &name);
	hb = ww_hive_get(hv, n, path, "CurrentBuildNumber", &build) ||
	     ww_hive_get(hv, n, path, "CurrentBuild", &build);
	hs = ww_hive_get(hv, n, path, "CSDVersion", &sp);
	if (hn || hb)
		snprintf(hv->o->windows, sizeof(hv->o->windows), "%s%s%s%s%s",
		         hn ? name.data : "Windows", hs ? " " : "", hs ? sp.data : "",
		         hb ? " build " : "", hb ? build.data : "");
	if (hn)
		ww_hive_val_release(&name);
	if (hb)
		ww_hive_val_release(&build);
	if (hs)
		ww_hive_val_release(&sp);
}

static void count_products(struct ww_hive *hv)
{
	static const char *const path = "Microsoft\\Windows\\CurrentVersion\\Uninstall";
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path), *kids;
	size_t i;
	if (!n || !(kids = ww_hive_children(hv, n, path)))
		return;
	for (i = 0; kids[i]; i++)
		;
	free(kids);
	ww_report_note(hv->o->report, true, _("'%s': %zu installed products listed under %s"),
	               hv->label, i, path);
}

void ww_off_read_software(struct ww_hive *hv)
{
	static const char *const winlogon[] = {"Shell", "Userinit", "Taskman", "System", NULL};
	static const char *const windows[] = {"AppInit_DLLs", "LoadAppInit_DLLs", "run", "load",
	                                      NULL};
	static const char *const showall[] = {"CheckedValue", NULL};
	static const char *const bases[] = {"Microsoft\\Windows\\CurrentVersion",
	                                    "Wow6432Node\\Microsoft\\Windows\\CurrentVersion"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(bases); i++)
		read_run_keys(hv, bases[i]);
	ww_hive_keep_path(hv, "Microsoft\\Windows NT\\CurrentVersion\\Winlogon", winlogon);
	read_subkey_values(hv, "Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Notify",
	                   "DLLName");
	ww_hive_keep_path(hv, "Microsoft\\Windows NT\\CurrentVersion\\Windows", windows);
	ww_hive_keep_path(hv, "Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\Windows",
	                  windows);
	read_subkey_values(hv, "Microsoft\\Windows NT\\CurrentVersion\\Image File Execution "
	                       "Options", "Debugger");
	ww_hive_keep_path(hv, "Microsoft\\Windows NT\\CurrentVersion\\Svchost", NULL);
	ww_hive_keep_path(hv, "Classes\\CLSID\\{E6FB5E20-DE35-11CF-9C87-00AA005127ED}\\"
	                      "InProcServer32", NULL);
	ww_hive_keep_path(hv, "Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced\\Folder\\"
	                      "Hidden\\SHOWALL", showall);
	ww_hive_keep_path(hv, "Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer", NULL);
	read_version(hv);
	count_products(hv);
}

void ww_off_read_ntuser(struct ww_hive *hv)
{
	static const char *const windows[] = {"run", "load", NULL};
	static const char *const winlogon[] = {"Shell", NULL};
	static const char *const advanced[] = {"Hidden", "ShowSuperHidden", "HideFileExt", NULL};
	read_run_keys(hv, "Software\\Microsoft\\Windows\\CurrentVersion");
	ww_hive_keep_path(hv, "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows", windows);
	ww_hive_keep_path(hv, "Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
	                  winlogon);
	ww_hive_keep_path(hv, "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced",
	                  advanced);
	ww_hive_keep_path(hv, "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer",
	                  NULL);
	hv->o->users++;
}
