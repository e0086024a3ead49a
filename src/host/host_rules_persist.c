/* Persistence and trace rules: autostart values, services (Conficker's
 * netsvcs DLL, disabled security services), HOSTS hijacks, known bad files,
 * autorun.inf with RECYCLER *.vmx, at jobs and tasks, shares beyond the
 * defaults, administrators (a note: which accounts are expected is local
 * knowledge). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "core/quote.h"
#include "host/host_indicators.h"
#include "host/host_rules.h"

#include <ctype.h>
#include <stdio.h>

/* ---- names ---- */

bool ww_host_machine_name(const char *base)
{
	/* stems of real system names that the random test would catch */
	static const char *const stems[] = {"svc", "srv", "sys", "msv", "crt", "cfg", "mgr",
	                                    "wks", "ntd", "dll", "rpc", "http", "ctf", "dns",
	                                    "dhcp", "xml", "ssl", "tcp", "smb", "wmi", "shl",
	                                    "serv", "ctl", "cpl", "drv", "mgmt", "host", "mpr",
	                                    "sync", "ctrl",
	                                    /* from real Windows 7..10 SYSTEM hives:
	                                     * scardsvr.dll, webclnt.dll, clbcatq.dll */
	                                    "svr", "clnt", "clb"};
	static const char *const prefixes[] = {"ms", "nt", "win", "wl", "rt", "igfx", "hk", "vmic"};
	size_t i;
	const char *dot = strrchr(base, '.');
	size_t n = dot ? (size_t)(dot - base) : strlen(base);
	if (!ww_host_random_name(base))
		return false;
	for (i = 0; i < WW_ARRAY_LEN(stems); i++)
		if (ww_host_memmem_ci(base, n, stems[i]))
			return false;
	for (i = 0; i < WW_ARRAY_LEN(prefixes); i++)
		if (strncasecmp(base, prefixes[i], strlen(prefixes[i])) == 0)
			return false;
	return true;
}

static bool in_system_dir(const char *dir)
{
	static const char *const ok[] = {"system32", "syswow64", "winsxs", "dllcache",
	                                 "servicepackfiles", "i386", "$nt", "driverstore"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(ok); i++)
		if (ww_host_memmem_ci(dir, strlen(dir), ok[i]))
			return true;
	return false;
}

static bool key_ends(const char *key, const char *tail)
{
	size_t k = strlen(key), t = strlen(tail);
	return k >= t && strcasecmp(key + k - t, tail) == 0 && (k == t || key[k - t - 1] == '\\');
}

/* ---- autostart values ---- */

enum astart { A_NONE, A_RUN, A_WINLOGON, A_WINDOWS, A_KNOWNDLLS, A_INPROC, A_NOTIFY, A_IFEO };

static enum astart autostart_key(const char *key)
{
	if (key_ends(key, "Run") || key_ends(key, "RunOnce") || key_ends(key, "RunServices") ||
	    key_ends(key, "RunServicesOnce") || ww_host_memmem_ci(key, strlen(key), "\\RunOnceEx"))
		return A_RUN;
	if (key_ends(key, "Winlogon"))
		return A_WINLOGON;
	if (key_ends(key, "Windows NT\\CurrentVersion\\Windows"))
		return A_WINDOWS;
	if (key_ends(key, "KnownDLLs"))
		return A_KNOWNDLLS;
	if (ww_host_memmem_ci(key, strlen(key), "{E6FB5E20-DE35-11CF-9C87-00AA005127ED}\\InProcServer32"))
		return A_INPROC;
	if (ww_host_memmem_ci(key, strlen(key), "\\Winlogon\\Notify\\"))
		return A_NOTIFY;
	if (ww_host_memmem_ci(key, strlen(key), "\\Image File Execution Options\\"))
		return A_IFEO;
	return A_NONE;
}

static bool value_runs(enum astart a, const struct ww_host_regval *v);

bool ww_host_autostart_value(const struct ww_host_regval *v)
{
	return value_runs(autostart_key(v->key), v);
}

static bool value_runs(enum astart a, const struct ww_host_regval *v)
{
	if (v->type != WW_REG_SZ && v->type != WW_REG_EXPAND_SZ && v->type != WW_REG_MULTI_SZ)
		return false;
	if (!v->data[0])
		return false;
	switch (a) {
	case A_WINLOGON:
		return strcasecmp(v->name, "Shell") == 0 || strcasecmp(v->name, "Userinit") == 0 ||
		       strcasecmp(v->name, "Taskman") == 0 || strcasecmp(v->name, "System") == 0;
	case A_WINDOWS:
		return strcasecmp(v->name, "run") == 0 || strcasecmp(v->name, "load") == 0 ||
		       strcasecmp(v->name, "AppInit_DLLs") == 0;
	case A_NOTIFY:
		return strcasecmp(v->name, "DLLName") == 0;
	case A_IFEO:
		return strcasecmp(v->name, "Debugger") == 0;
	case A_NONE:
		return false;
	default:
		return true;
	}
}

/* The file name as written (case kept): machine-made names are one case. */
static bool one_case(const char *cmd)
{
	const char *p, *b = cmd, *e;
	bool lower = false, upper = false;
	for (p = cmd; *p && *p != ' ' && *p != ','; p++)
		if (*p == '\\' || *p == '/' || *p == '"')
			b = p + 1;
	e = strrchr(b, '.');
	for (p = b; *p && p != e && *p != ' ' && *p != '"'; p++) {
		lower = lower || (*p >= 'a' && *p <= 'z');
		upper = upper || (*p >= 'A' && *p <= 'Z');
	}
	return !(lower && upper);
}

/* The DLL a loader runs: "rundll32.exe C:\x\jwgkvsq.dll,ep" ->
 * "C:\x\jwgkvsq.dll"; "regsvr32 /s x.dll" -> "x.dll". False when cmd does
 * not start rundll32 or regsvr32 with an argument. */
bool ww_host_loader_arg(const char *cmd, char *out, size_t outlen)
{
	static const char *const loaders[] = {"rundll32", "rundll32.exe", "regsvr32",
	                                      "regsvr32.exe"};
	const char *p = cmd, *w, *e, *b;
	size_t n = 0, i;
	bool quoted, loader = false;
	while (*p == ' ' || *p == '\t')
		p++;
	quoted = *p == '"';
	w = quoted ? p + 1 : p;
	e = w;
	while (*e && (quoted ? *e != '"' : (*e != ' ' && *e != '\t')))
		e++;
	for (b = e; b > w && b[-1] != '\\' && b[-1] != '/'; b--)
		;
	for (i = 0; i < WW_ARRAY_LEN(loaders); i++)
		loader = loader || ww_host_ieq(b, (size_t)(e - b), loaders[i]);
	if (!loader || !outlen)
		return false;
	p = quoted && *e ? e + 1 : e;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '/' && *p != '-')
			break;
		while (*p && *p != ' ' && *p != '\t') /* a switch: /s, /i:x */
			p++;
	}
	if (*p == '"') {
		p++;
		while (p[n] && p[n] != '"' && n + 1 < outlen)
			n++;
	} else {
		while (p[n] && p[n] != ',' && p[n] != ' ' && n + 1 < outlen)
			n++;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return n > 0;
}

/* Judge one command or file path: worm name, system name outside System32,
 * and (when random is set) a machine-made name outside Program Files. A
 * command that starts rundll32 or regsvr32 is judged by the DLL it loads.
 * Returns a severity or -1. */
static int judge(const struct ww_host_ctx *c, const char *cmd, bool random, char *why,
                 size_t whylen)
{
	char base[128], dir[512], arg[512];
	const struct ww_indicator *ind;
	ww_host_basename(cmd, base, sizeof(base));
	ww_host_dirname(cmd, dir, sizeof(dir));
	if (!base[0])
		return -1;
	if (ww_host_loader_arg(cmd, arg, sizeof(arg))) {
		/* arg is a part of cmd after the loader's name: the recursion ends */
		int sev = judge(c, arg, random, why, whylen);
		if (sev >= 0) {
			size_t l = strlen(why);
			if (l + 40 < whylen)
				snprintf(why + l, whylen - l, _(" (loaded by %s)"),
				         ww_host_memmem_ci(cmd, strlen(cmd), "regsvr32") ? "regsvr32"
				                                                         : "rundll32");
			return sev;
		}
	}
	if ((ind = ww_host_indicator(c, "worm_file", base)) != NULL) {
		snprintf(why, whylen, _("%s is a known worm file (%s; source: %s)"), base, ww_host_note(ind->note),
		         ind->source);
		return WW_SEV_HIGH;
	}
	if (ww_host_indicator(c, "system_file", base) && dir[0] && !in_system_dir(dir)) {
		snprintf(why, whylen, _("%s is a Windows system file name, but it runs from %s, not "
		                        "System32"), base, dir);
		return WW_SEV_HIGH;
	}
	if (random && one_case(cmd) && !ww_host_memmem_ci(dir, strlen(dir), "program files")) {
		const char *dot = strrchr(base, '.');
		if (dot && (strcmp(dot, ".exe") == 0 || strcmp(dot, ".dll") == 0 ||
		            strcmp(dot, ".scr") == 0 || strcmp(dot, ".com") == 0) &&
		    ww_host_machine_name(base) && !ww_host_indicator(c, "benign_file", base)) {
			snprintf(why, whylen, _("%s has a random, machine-made name"), base);
			return WW_SEV_MEDIUM;
		}
	}
	return -1;
}

void ww_host_regval_fields(struct ww_host_ctx *c, struct ww_finding *f,
                           const struct ww_host_regval *v)
{
	ww_fields_str(c->report, &f->extra, "key", true, v->key, strlen(v->key));
	ww_fields_str(c->report, &f->extra, "value", true, v->name, strlen(v->name));
	if (v->from_hive) {
		const char *h = ww_host_source_name(c, v->src);
		ww_fields_str(c->report, &f->extra, "hive", true, h, strlen(h));
	}
	if (v->written_us) {
		char t[WW_TIME_STRLEN];
		ww_time_iso(v->written_us, t, sizeof(t));
		ww_fields_str(c->report, &f->extra, "key_written", false, t, strlen(t));
		ww_finding_evidence(c->report, f, false, _("key last written %s"), t);
	}
}

bool ww_host_cmd_safe(const char *s)
{
	size_t n = 0;
	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr(" _.-\\:$%(){}", *s)))
			return false;
	return n > 0 && n < 260;
}

static void rule_autostart(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		enum astart a = autostart_key(v->key);
		char why[512];
		int sev;
		struct ww_finding *f;
		char base[128];
		if (!value_runs(a, v))
			continue;
		sev = judge(c, v->data, true, why, sizeof(why));
		if (a == A_INPROC && sev < 0) {
			ww_host_basename(v->data, base, sizeof(base));
			if (strcmp(base, "shdocvw.dll") != 0 && strcmp(base, "ieframe.dll") != 0) {
				snprintf(why, sizeof(why), _("the Explorer-loaded DLL is %s, not shdocvw.dll "
				                             "(Mydoom's backdoor hook)"), base);
				sev = WW_SEV_HIGH;
			}
		}
		if (sev < 0)
			continue;
		{
			/* rundll32/regsvr32: the DLL it loads is the program */
			char arg[512];
			ww_host_basename(ww_host_loader_arg(v->data, arg, sizeof(arg)) ? arg : v->data,
			                 base, sizeof(base));
		}
		f = ww_host_finding(c, (enum ww_severity)sev, WW_LEVEL_TRACES, v->src, v->line);
		if (!f)
			return;
		ww_finding_image(c->report, f, base, strlen(base));
		ww_finding_title(c->report, f, true, _("autostart value \"%s\" starts %s"),
		                 v->name[0] ? v->name : "(Default)", base);
		ww_finding_evidence(c->report, f, true, "[%s] \"%s\"=\"%s\"%s", v->key,
		                    v->name[0] ? v->name : "@", v->data,
		                    v->type == WW_REG_EXPAND_SZ ? " (REG_EXPAND_SZ, decoded)" : "");
		ww_finding_evidence(c->report, f, true, "%s", why);
		{
			/* the file to delete, with its folder when the value names one
			 * (never a bare system name: "delete svchost.exe") */
			char arg[512], dir[512], file[1024], qk[1200], qv[600];
			const char *by_hand = N_("export it, then remove it with regedit by hand");
			ww_host_dirname(ww_host_loader_arg(v->data, arg, sizeof(arg)) ? arg : v->data, dir,
			                sizeof(dir));
			snprintf(file, sizeof(file), "%s%s%s", dir, dir[0] ? "\\" : "", base);
			if (!dir[0] && ww_host_indicator(c, "system_file", base))
				snprintf(file, sizeof(file), "the copy of %s it starts (not the one in "
				         "System32)", base);
			if (ww_host_cmd_word(c, f, N_("key"), v->key, qk, sizeof(qk), by_hand) &&
			    (!v->name[0] ||
			     ww_host_cmd_word(c, f, N_("value name"), v->name, qv, sizeof(qv), by_hand)))
				ww_finding_step(c->report, f, _("reg delete %s %s%s /f (after exporting it "
				                                "as evidence), then delete %s and reboot"), qk,
				                v->name[0] ? "/v " : "/ve", v->name[0] ? qv : "", file);
		}
		ww_host_regval_fields(c, f, v);
	}
}

/* ---- services ---- */

/* "HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\<name>[\Parameters]" */
static bool service_of(const char *key, const char **name, size_t *nl, bool *params)
{
	const char *p = ww_host_memmem_ci(key, strlen(key), "\\Services\\");
	const char *e;
	if (!p)
		return false;
	p += 10;
	e = strchr(p, '\\');
	*name = p;
	*nl = e ? (size_t)(e - p) : strlen(p);
	*params = e && strcasecmp(e, "\\Parameters") == 0;
	return *nl > 0 && (!e || *params);
}

static const struct ww_host_regval *service_value(const struct ww_host_ctx *c, const char *svc,
                                                  size_t sl, bool params, const char *value)
{
	size_t i;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		const char *n;
		size_t nl;
		bool p;
		if (strcasecmp(v->name, value) == 0 && service_of(v->key, &n, &nl, &p) &&
		    p == params && nl == sl && strncasecmp(n, svc, sl) == 0)
			return v;
	}
	return NULL;
}

/* Conficker's service, by its shape rather than by a list of names (its
 * names come from a generator: jwgkvsq.dll, zorizr.dll ...): a DLL with a
 * machine-made name, or a service of the netsvcs svchost group that
 * starts automatically, runs a DLL from system32 and whose display name
 * is its own key name (Windows' own netsvcs services carry a display
 * name of their own; Microsoft's Conficker write-up and the KidoKiller
 * guide describe the random key, DLL and display name). */
static bool conficker_like(const struct ww_host_ctx *c, const char *svc, size_t sl, const char *dll)
{
	const struct ww_host_regval *img, *disp, *start;
	char base[128], dir[256];
	ww_host_basename(dll, base, sizeof(base));
	if (ww_host_machine_name(base))
		return true;
	if (ww_host_indicator(c, "benign_file", base))
		return false;
	img = service_value(c, svc, sl, false, "ImagePath");
	disp = service_value(c, svc, sl, false, "DisplayName");
	start = service_value(c, svc, sl, false, "Start");
	ww_host_dirname(dll, dir, sizeof(dir));
	return img && ww_host_memmem_ci(img->data, strlen(img->data), "-k netsvcs") && start &&
	       start->type == WW_REG_DWORD && start->dword == 2 &&
	       (!disp || (strlen(disp->data) == sl && strncasecmp(disp->data, svc, sl) == 0)) &&
	       ww_host_memmem_ci(dir, strlen(dir), "system32");
}

bool ww_host_suspect_service(const struct ww_host_ctx *c, const char *services, char *svc,
                             size_t svclen, const char **dll, const struct ww_host_regval **where)
{
	const char *p = services;
	size_t tried = 0;
	while (*p && tried++ < 64) {
		const char *e;
		size_t n;
		const struct ww_host_regval *v;
		while (*p == ' ' || *p == ',')
			p++;
		e = p;
		while (*e && *e != ',' && *e != ' ')
			e++;
		n = (size_t)(e - p);
		if (n) {
			char base[128];
			v = service_value(c, p, n, true, "ServiceDll");
			if (!v)
				v = service_value(c, p, n, false, "ServiceDll");
			if (v) {
				ww_host_basename(v->data, base, sizeof(base));
				if (conficker_like(c, p, n, v->data)) {
					const char *name;
					size_t nl;
					bool params;
					*dll = v->data;
					*where = v;
					if (service_of(v->key, &name, &nl, &params)) {
						ww_host_copy(svc, svclen, name, nl);
						return true;
					}
				}
			}
		}
		p = e;
	}
	return false;
}

bool ww_host_sole_suspect_service(const struct ww_host_ctx *c, char *svc, size_t svclen,
                                  const char **dll, const struct ww_host_regval **where)
{
	size_t i, found = 0;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		const char *name;
		size_t nl;
		bool params;
		char base[128];
		if (strcasecmp(v->name, "ServiceDll") != 0 || !service_of(v->key, &name, &nl, &params))
			continue;
		ww_host_basename(v->data, base, sizeof(base));
		if (!conficker_like(c, name, nl, v->data))
			continue;
		if (found++ == 0) {
			ww_host_copy(svc, svclen, name, nl);
			*dll = v->data;
			*where = v;
		}
	}
	return found == 1;
}

/* Conficker's service, judged by its shape rather than by a list of names
 * (seeds/002 and the vendors' write-ups): listed in the netsvcs svchost
 * group, started automatically (Start=2), a display name that is the key's
 * own name (or none), a machine-made DLL name in System32. */
struct shape {
	const struct ww_host_regval *group, *start, *display, *run;
	bool in_group, auto_start, display_same, in_system32, all;
};

/* "a, b, c" (a decoded REG_MULTI_SZ) holds name as one item. */
static bool list_has(const char *list, const char *name, size_t nl)
{
	const char *p = list;
	while (*p) {
		const char *e = strstr(p, ", ");
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == nl && strncasecmp(p, name, nl) == 0)
			return true;
		if (!e)
			break;
		p = e + 2;
	}
	return false;
}

static void conficker_shape(const struct ww_host_ctx *c, const char *name, size_t nl,
                            const char *svc, const struct ww_host_regval *dll, struct shape *sh)
{
	size_t i;
	char dir[512], base[128];
	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < c->inv.regvals.n && !sh->in_group; i++) {
		const struct ww_host_regval *g = &c->inv.regvals.v[i];
		if (strcasecmp(g->name, "netsvcs") == 0 &&
		    key_ends(g->key, "Windows NT\\CurrentVersion\\Svchost") &&
		    list_has(g->data, name, nl)) {
			sh->group = g;
			sh->in_group = true;
		}
	}
	sh->start = service_value(c, name, nl, false, "Start");
	sh->auto_start = sh->start && sh->start->type == WW_REG_DWORD && sh->start->dword == 2;
	sh->display = service_value(c, name, nl, false, "DisplayName");
	sh->display_same = !sh->display || strcasecmp(sh->display->data, svc) == 0;
	ww_host_dirname(dll->data, dir, sizeof(dir));
	sh->in_system32 = ww_host_memmem_ci(dir, strlen(dir), "system32") != NULL;
	sh->all = sh->in_group && sh->auto_start && sh->display_same && sh->in_system32;
	/* the same DLL started from a Run key through rundll32 */
	ww_host_basename(dll->data, base, sizeof(base));
	for (i = 0; i < c->inv.regvals.n && !sh->run; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		char arg[512], ab[128];
		if (ww_host_autostart_value(v) && ww_host_loader_arg(v->data, arg, sizeof(arg))) {
			ww_host_basename(arg, ab, sizeof(ab));
			if (strcmp(ab, base) == 0)
				sh->run = v;
		}
	}
}

static void shape_evidence(struct ww_host_ctx *c, struct ww_finding *f, const struct shape *sh,
                           const char *base)
{
	struct ww_report *r = c->report;
	if (sh->in_group)
		ww_finding_evidence(r, f, true, _("listed in the netsvcs svchost group [%s]"),
		                    sh->group->key);
	if (sh->auto_start)
		ww_finding_evidence(r, f, false, _("Start=2: started automatically at boot"));
	if (sh->display && sh->display_same)
		ww_finding_evidence(r, f, true, _("DisplayName \"%s\" is the key's own name"),
		                    sh->display->data);
	if (sh->in_system32)
		ww_finding_evidence(r, f, true, _("%s: a machine-made name in System32"), base);
	if (sh->run)
		ww_finding_evidence(r, f, true, _("the same DLL is started by [%s] \"%s\"=\"%s\""),
		                    sh->run->key, sh->run->name, sh->run->data);
	if (sh->all)
		ww_finding_evidence(r, f, false, _("all four marks of Conficker's service: netsvcs "
		                      "group, automatic start, display name = key name, random DLL in "
		                      "System32"));
}

static void conficker_steps(struct ww_host_ctx *c, struct ww_finding *f, const char *svc,
                            const char *dll)
{
	struct ww_report *r = c->report;
	if (!ww_host_cmd_safe(svc) || !ww_host_cmd_safe(dll)) {
		ww_finding_step(r, f, _("do not end svchost.exe (it hosts other services): stop and "
		                  "disable only the service named above, delete its key under Services "
		                  "and its name in the netsvcs value of the Svchost key, reboot, delete "
		                  "its DLL"));
		return;
	}
	ww_finding_step(r, f, _("do not end svchost.exe (it hosts other services); stop and disable "
	                  "only this service: sc stop %s & sc config %s start= disabled"), svc, svc);
	ww_finding_step(r, f, _("delete its key (take ownership first: the worm denies access to "
	                  "it): reg delete \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\%s\" /f, "
	                  "and remove %s from the netsvcs value of HKLM\\SOFTWARE\\Microsoft\\"
	                  "Windows NT\\CurrentVersion\\Svchost"), svc, svc);
	ww_finding_step(r, f, _("reboot, then delete %s (attrib -s -h -r first) and any Run value "
	                  "that starts it through rundll32"), dll);
}

static void rule_services(struct ww_host_ctx *c)
{
	size_t i, reported = 0;
	for (i = 0; i < c->inv.regvals.n; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		const char *name;
		size_t nl;
		bool params;
		char svc[128], base[128], qs[300];
		struct ww_finding *f;
		if (!service_of(v->key, &name, &nl, &params))
			continue;
		ww_host_copy(svc, sizeof(svc), name, nl);
		if (strcasecmp(v->name, "ServiceDll") == 0) {
			const struct ww_host_regval *img;
			struct shape sh;
			ww_host_basename(v->data, base, sizeof(base));
			if (!conficker_like(c, name, nl, v->data) || ++reported > 100)
				continue;
			img = service_value(c, name, nl, false, "ImagePath");
			conficker_shape(c, name, nl, svc, v, &sh);
			f = ww_host_finding(c, sh.all ? WW_SEV_CRITICAL : WW_SEV_HIGH, WW_LEVEL_TRACES,
			                    v->src, v->line);
			if (!f)
				return;
			ww_finding_image(c->report, f, base, strlen(base));
			ww_finding_title(c->report, f, true,
			                 _("service '%s' runs %s inside svchost the way Conficker/Kido "
			                   "does (%s)"), svc, base,
			                 ww_host_machine_name(base) ? _("a machine-made DLL name")
			                 : _("netsvcs group, automatic start, display name = key name"));
			ww_finding_evidence(c->report, f, true, _("[%s] \"ServiceDll\"=\"%s\""), v->key,
			                    v->data);
			if (img)
				ww_finding_evidence(c->report, f, true, _("ImagePath=\"%s\""), img->data);
			shape_evidence(c, f, &sh, base);
			if (sh.all)
				conficker_steps(c, f, svc, v->data);
			else if (ww_host_cmd_word(c, f, N_("service name"), svc, qs, sizeof(qs),
			                          N_("run the vendor's Kido/Conficker removal tool, or disable "
			                            "the service in services.msc by hand")))
				ww_finding_step(c->report, f, _("run the vendor's Kido/Conficker removal "
				                                "tool; by hand: sc config %s start= disabled, "
				                                "reboot, delete %s and the key"), qs, v->data);
			ww_finding_step(c->report, f, _("install MS08-067, set strong administrator "
			                                "passwords, disable autorun, block TCP 139/445 "
			                                "between PCs until all are clean"));
			ww_fields_str(c->report, &f->extra, "service", true, svc, strlen(svc));
			ww_fields_str(c->report, &f->extra, "service_dll", true, v->data, strlen(v->data));
			ww_host_regval_fields(c, f, v);
			continue;
		}
		if (!params && strcasecmp(v->name, "Start") == 0 && v->type == WW_REG_DWORD &&
		    v->dword == 4) {
			const struct ww_indicator *ind;
			char lower[128];
			size_t k;
			for (k = 0; svc[k] && k + 1 < sizeof(lower); k++)
				lower[k] = (char)tolower((unsigned char)svc[k]);
			lower[k] = '\0';
			ind = ww_host_indicator(c, "security_service", lower);
			if (!ind)
				continue;
			f = ww_host_finding(c, WW_SEV_HIGH, WW_LEVEL_TRACES, v->src, v->line);
			if (!f)
				return;
			ww_finding_title(c->report, f, true, _("security service '%s' (%s) is disabled"),
			                 svc, ww_host_note(ind->note));
			ww_finding_evidence(c->report, f, true, _("[%s] \"Start\"=dword:00000004 (source: %s)"),
			                    v->key, ind->source);
			if (ww_host_cmd_word(c, f, N_("service name"), svc, qs, sizeof(qs),
			                     N_("after cleaning, set it to start automatically in "
			                       "services.msc by hand")))
				ww_finding_step(c->report, f, _("after cleaning: sc config %s start= auto & "
				                                "sc start %s"), qs, qs);
			ww_host_regval_fields(c, f, v);
		}
	}
}

/* ---- HOSTS ---- */

static void rule_hosts(struct ww_host_ctx *c)
{
	size_t i, n = 0;
	struct ww_finding *f = NULL;
	for (i = 0; i < c->inv.hosts.n; i++) {
		const struct ww_host_hostent *h = &c->inv.hosts.v[i];
		const struct ww_indicator *ind =
		    ww_host_indicator_domain(c, "hosts_domain", h->name);
		if (!ind)
			continue;
		if (!f) {
			f = ww_host_finding(c, WW_SEV_HIGH, WW_LEVEL_TRACES, h->src, h->line);
			if (!f)
				return;
		}
		n++;
		if (n <= 40)
			ww_finding_evidence(c->report, f, true, _("line %u: %s -> %s (%s)"), h->line,
			                    h->name, h->addr, ww_host_note(ind->note));
	}
	if (!f)
		return;
	{
		char names[256] = "";
		size_t k, used = 0;
		for (i = 0, k = 0; i < c->inv.hosts.n && used + 1 < sizeof(names); i++) {
			const struct ww_host_hostent *h = &c->inv.hosts.v[i];
			int w;
			if (!ww_host_indicator_domain(c, "hosts_domain", h->name))
				continue;
			w = snprintf(names + used, sizeof(names) - used, "%s%s", k++ ? ", " : "",
			             h->name);
			if (w < 0 || (size_t)w >= sizeof(names) - used) {
				names[used] = '\0';
				break;
			}
			used += (size_t)w;
		}
		ww_finding_title(c->report, f, true,
		                 _("HOSTS file hijacks %zu security, Microsoft or update names: %s%s"),
		                 n, names, k < n ? ", ..." : "");
	}
	ww_finding_step(c->report, f, _("restore the HOSTS file to its default (only comments, "
	                                "localhost) and flush the cache: ipconfig /flushdns"));
	ww_finding_step(c->report, f, _("look for the worm that wrote it (autostart values, "
	                                "services); it rewrites the file at every start"));
}

/* ---- files, tasks, shares, administrators ---- */

/* A program file in a recycle folder that the recycle bin did not name:
 * it renames what it keeps to Dc<n>.ext (INFO2, XP) or $R<random>.ext
 * (Vista and later, with $I<random>.ext beside it). */
static bool recycled_program(const char *base)
{
	static const char *const exts[] = {".exe", ".dll", ".scr", ".com", ".pif", ".bat",
	                                   ".cmd", ".vbs", ".js", ".cpl", ".sys"};
	const char *dot = strrchr(base, '.');
	size_t i;
	bool prog = false;
	for (i = 0; dot && i < WW_ARRAY_LEN(exts); i++)
		prog = prog || strcmp(dot, exts[i]) == 0;
	if (!prog)
		return false;
	if (base[0] == '$' && (base[1] == 'r' || base[1] == 'i'))
		return false;
	if (base[0] == 'd' && base[1] == 'c' && base[2] >= '0' && base[2] <= '9')
		return false;
	return true;
}

static void rule_files(struct ww_host_ctx *c)
{
	size_t i;
	bool autorun = false;
	for (i = 0; i < c->inv.files.n; i++)
		if (strcasecmp(c->inv.files.v[i].name, "autorun.inf") == 0)
			autorun = true;
	for (i = 0; i < c->inv.files.n; i++) {
		const struct ww_host_file *fl = &c->inv.files.v[i];
		char why[512], base[128];
		int sev = -1;
		struct ww_finding *f;
		char path[1024];
		if (fl->is_dir)
			continue;
		snprintf(path, sizeof(path), "%s\\%s", fl->dir, fl->name);
		ww_host_basename(fl->name, base, sizeof(base));
		{
			size_t bl = strlen(base);
			bool bin = ww_host_memmem_ci(fl->dir, strlen(fl->dir), "RECYCLER") ||
			           ww_host_memmem_ci(fl->dir, strlen(fl->dir), "RECYCLED") ||
			           ww_host_memmem_ci(fl->dir, strlen(fl->dir), "$Recycle.Bin");
			if (bin && bl > 4 && strcmp(base + bl - 4, ".vmx") == 0) {
				snprintf(why, sizeof(why), _("a .vmx file in the recycle folder is how "
				                             "Conficker spreads on drives"));
				sev = WW_SEV_HIGH;
			} else if (bin && recycled_program(base)) {
				snprintf(why, sizeof(why), _("a program in the recycle folder under a name "
				                             "the recycle bin does not give (Dc<n>, $R...): "
				                             "worms hide there"));
				sev = WW_SEV_HIGH;
			}
		}
		if (sev < 0 && ww_host_indicator(c, "worm_file", base))
			sev = judge(c, base, false, why, sizeof(why));
		if (sev < 0 && ww_host_indicator(c, "system_file", base) && fl->dir[0] &&
		    !in_system_dir(fl->dir)) {
			snprintf(why, sizeof(why), _("%s is a Windows system file name outside System32"),
			         base);
			sev = WW_SEV_MEDIUM;
		}
		if (sev < 0)
			continue;
		f = ww_host_finding(c, (enum ww_severity)sev, WW_LEVEL_TRACES, fl->src, fl->line);
		if (!f)
			return;
		ww_finding_image(c->report, f, base, strlen(base));
		ww_finding_title(c->report, f, true, _("suspicious file %s"), path);
		ww_finding_evidence(c->report, f, true, "%s", why);
		if (autorun && sev == WW_SEV_HIGH && strstr(why, ".vmx"))
			ww_finding_evidence(c->report, f, false, _("an autorun.inf is listed too: the "
			                                           "drive starts the worm when opened"));
		ww_finding_step(c->report, f, _("keep a copy for the analysis, then delete it with the "
		                                "antivirus or by hand after the process is stopped"));
	}
}

static void rule_tasks(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.tasks.n; i++) {
		const struct ww_host_task *t = &c->inv.tasks.v[i];
		char qt[600];
		char why[512];
		int sev = judge(c, t->command, false, why, sizeof(why));
		struct ww_finding *f;
		if (sev < 0 && (strstr(t->command, "/tmp/") || strstr(t->command, "/dev/shm/") ||
		                strstr(t->command, "/var/tmp/"))) {
			snprintf(why, sizeof(why), _("it runs a program from a world-writable "
			                             "temporary folder"));
			sev = WW_SEV_MEDIUM;
		}
		if (sev < 0 && !t->at_job)
			continue;
		f = ww_host_finding(c, sev >= 0 ? (enum ww_severity)sev : WW_SEV_MEDIUM,
		                    WW_LEVEL_TRACES, t->src, t->line);
		if (!f)
			return;
		ww_finding_title(c->report, f, true, _("%s %s runs %s"), t->at_job ? "at job" : "task",
		                 t->name, t->command);
		if (sev >= 0)
			ww_finding_evidence(c->report, f, true, "%s", why);
		if (t->at_job)
			ww_finding_evidence(c->report, f, false,
			                    _("worms schedule themselves with at (the guide's step 3)"));
		if (t->at_job && t->name[0] && strspn(t->name, "0123456789") == strlen(t->name))
			ww_finding_step(c->report, f, _("at %s /delete once the evidence is saved"),
			                t->name);
		else if (ww_host_cmd_word(c, f, N_("task name"), t->name, qt, sizeof(qt),
		                          N_("delete it in the Task Scheduler by hand once the "
		                            "evidence is saved")))
			ww_finding_step(c->report, f, _("schtasks /delete /tn %s /f once the evidence is "
			                                "saved"), qt);
	}
}

static bool default_share(const struct ww_host_ctx *c, const char *name)
{
	size_t n = strlen(name);
	/* <n>$: the root of each fixed drive */
	if (n == 2 && isalpha((unsigned char)name[0]) && name[1] == '$')
		return true;
	return ww_host_indicator(c, "default_share", name) != NULL;
}

static void rule_shares(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.shares.n; i++) {
		const struct ww_host_share *s = &c->inv.shares.v[i];
		char qs[600];
		struct ww_finding *f;
		if (default_share(c, s->name))
			continue;
		f = ww_host_finding(c, WW_SEV_LOW, WW_LEVEL_NONE, s->src, s->line);
		if (!f)
			return;
		ww_finding_title(c->report, f, true, _("share %s (%s) is not a default share"), s->name,
		                 s->path[0] ? s->path : _("no path"));
		ww_finding_evidence(c->report, f, false, _("defaults: ADMIN$, IPC$, <drive>$, print$, "
		                                           "SharedDocs (guide tables 4.1, 4.2)"));
		if (ww_host_cmd_word(c, f, N_("share name"), s->name, qs, sizeof(qs),
		                     N_("if nobody made it on purpose, stop sharing it in Computer "
		                       "Management (Shared Folders) by hand")))
			ww_finding_step(c->report, f, _("if nobody made it on purpose: net share %s "
			                                "/delete"), qs);
	}
}

static void rule_admins(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.members.n; i++) {
		const struct ww_host_member *m = &c->inv.members.v[i];
		if (strcasecmp(m->group, "Administrators") != 0)
			continue;
		if (strcasecmp(m->name, "Administrator") == 0 ||
		    ww_host_memmem_ci(m->name, strlen(m->name), "\\Domain Admins") ||
		    ww_host_memmem_ci(m->name, strlen(m->name), "\\Enterprise Admins"))
			continue;
		{
			const char *bs = strrchr(m->name, '\\');
			const char *acct = bs ? bs + 1 : m->name;
			if (ww_host_machine_name(acct)) {
				struct ww_finding *f =
				    ww_host_finding(c, WW_SEV_MEDIUM, WW_LEVEL_TRACES, m->src, m->line);
				if (!f)
					return;
				ww_finding_title(c->report, f, true, _("administrator account '%s' has a "
				                   "random, machine-made name"), m->name);
				ww_finding_evidence(c->report, f, false, _("worms add administrators to come "
				                                           "back (the guide's step 3)"));
				char qm[600], qa[600];
				const char *by_hand = N_("if nobody made it, remove it in lusrmgr.msc by hand");
				if (ww_host_cmd_word(c, f, N_("account name"), m->name, qm, sizeof(qm),
				                     by_hand) &&
				    ww_host_cmd_word(c, f, N_("account name"), acct, qa, sizeof(qa), by_hand))
					ww_finding_step(c->report, f, _("if nobody made it: net localgroup "
					                                "administrators %s /delete, then net "
					                                "user %s /delete"), qm, qa);
				continue;
			}
		}
		if (m->line)
			ww_report_note(c->report, true, _("administrator '%s' is not a built-in account: "
			                 "check that it was created on purpose ('%s' line %u)"), m->name,
			               ww_host_source_name(c, m->src), m->line);
		else
			ww_report_note(c->report, true, _("administrator '%s' is not a built-in account: "
			                 "check that it was created on purpose ('%s')"), m->name,
			               ww_host_source_name(c, m->src));
	}
}

void ww_host_rules_persist(struct ww_host_ctx *c)
{
	rule_autostart(c);
	rule_services(c);
	ww_host_rules_hiding(c);
	rule_hosts(c);
	rule_files(c);
	rule_tasks(c);
	rule_shares(c);
	rule_admins(c);
}
