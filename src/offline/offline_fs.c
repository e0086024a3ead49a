/* The file system of the volume: found case-insensitively (a copy made on
 * Linux keeps whatever case Windows wrote: WINDOWS\system32, Windows\
 * System32), walked without following links (Vista's "Documents and
 * Settings" is a junction to Users) and with a cap on the entries looked at.
 * What it reads goes into the host inventory as `dir` listings do (files
 * with their Windows path, C:\ standing for the volume's root), tasks and
 * HOSTS entries; times go to the timeline. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "host/host_encoding.h"
#include "host/host_rules.h"
#include "host/host_sniff.h"
#include "offline/offline_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

static bool too_many(struct ww_offline *o)
{
	if (o->fs_entries++ < WW_OFF_MAX_FS)
		return false;
	if (!o->fs_capped)
		ww_report_warning(o->report, _("more than %u files and folders on the volume: the "
		                    "rest were not looked at"), WW_OFF_MAX_FS);
	o->fs_capped = true;
	return true;
}

/* The entry of dir whose name equals name ignoring case (exact first). */
static bool find_ci(const char *dir, const char *name, size_t nl, char *out, size_t outlen)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	int w = snprintf(out, outlen, "%s/%.*s", dir, (int)nl, name);
	unsigned long seen = 0;
	if (w < 0 || (size_t)w >= outlen)
		return false;
	if (lstat(out, &st) == 0)
		return true;
	d = opendir(dir);
	if (!d)
		return false;
	while ((e = readdir(d)) != NULL && seen++ < 100000) {
		if (strlen(e->d_name) == nl && strncasecmp(e->d_name, name, nl) == 0) {
			w = snprintf(out, outlen, "%s/%s", dir, e->d_name);
			closedir(d);
			return w > 0 && (size_t)w < outlen;
		}
	}
	closedir(d);
	return false;
}

bool ww_off_resolve(const char *root, const char *rel, char *out, size_t outlen)
{
	char cur[WW_OFF_PATH];
	const char *p = rel;
	snprintf(cur, sizeof(cur), "%s", root);
	while (*p) {
		const char *e = strchr(p, '/');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l && !find_ci(cur, p, l, out, outlen))
			return false;
		if (l)
			snprintf(cur, sizeof(cur), "%s", out);
		p += l;
		if (*p == '/')
			p++;
	}
	snprintf(out, outlen, "%s", cur);
	return true;
}

/* "Windows/System32/x.dll" below the root as Windows writes it. */
static void win_path(const char *rel, char *out, size_t outlen)
{
	size_t o = 0, i;
	if (outlen < 4)
		return;
	memcpy(out, "C:\\", 3);
	o = 3;
	for (i = 0; rel[i] && o + 1 < outlen; i++)
		out[o++] = rel[i] == '/' ? '\\' : rel[i];
	out[o] = '\0';
}

static const char *rel_of(const struct ww_offline *o, const char *real)
{
	size_t n = strlen(o->root);
	if (strncmp(real, o->root, n) == 0) {
		real += n;
		while (*real == '/')
			real++;
	}
	return real;
}

static int64_t mtime_us(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000 + st->st_mtim.tv_nsec / 1000;
}

static bool exec_name(const char *name)
{
	static const char *const exts[] = {".exe", ".dll", ".sys", ".scr", ".com", ".pif",
	                                   ".vmx", ".bat", ".cmd", ".vbs", ".js", ".cpl",
	                                   ".ocx", ".jse", ".wsf", ".hta"};
	const char *dot = strrchr(name, '.');
	size_t i;
	if (!dot)
		return false;
	for (i = 0; i < WW_ARRAY_LEN(exts); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

/* A file into the inventory, as a dir listing would give it. */
static void keep_file(struct ww_offline *o, const char *rel, uint32_t src)
{
	struct ww_host_file *f = ww_host_add_file(o->host);
	char win[WW_OFF_PATH];
	char *bs;
	if (!f)
		return;
	win_path(rel, win, sizeof(win));
	bs = strrchr(win, '\\');
	f->dir = ww_host_strndup(win, bs ? (size_t)(bs - win) : 0);
	f->name = ww_host_strndup(bs ? bs + 1 : win, strlen(bs ? bs + 1 : win));
	f->src = src;
	if (!f->dir || !f->name)
		o->report->rc = WW_ERR_NOMEM;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef void (*visit_fn)(struct ww_offline *o, const char *real, const char *rel,
                         const struct stat *st, void *ctx);

/* Every regular file below dir, at most maxdepth folders deep, in name
 * order, without following links. */
static void walk(struct ww_offline *o, const char *dir, int depth, int maxdepth, visit_fn fn,
                 void *ctx)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	if (depth > maxdepth || o->fs_capped || o->report->rc)
		return;
	d = opendir(dir);
	if (!d) {
		if (errno != ENOENT && errno != ENOTDIR)
			ww_report_warning(o->report, _("cannot read the folder '%s': %s"), rel_of(o, dir),
			                  strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (too_many(o))
			break;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **nv = ww_reallocarray(names, nc, sizeof(*nv));
			if (!nv)
				break;
			names = nv;
			cap = nc;
		}
		if (!(names[n] = ww_host_strndup(e->d_name, strlen(e->d_name))))
			break;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name); /* the same order on every mount */
	for (i = 0; i < n; i++) {
		char full[WW_OFF_PATH];
		struct stat st;
		int w = snprintf(full, sizeof(full), "%s/%s", dir, names[i]);
		if (w < 0 || (size_t)w >= sizeof(full) || lstat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(o, full, depth + 1, maxdepth, fn, ctx);
		else if (S_ISREG(st.st_mode))
			fn(o, full, rel_of(o, full), &st, ctx);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- HOSTS ---- */

static void read_hosts(struct ww_offline *o)
{
	char real[WW_OFF_PATH];
	struct ww_buf raw, text;
	const char *enc;
	struct stat st;
	if (!ww_off_resolve(o->root, "Windows/System32/drivers/etc/hosts", real, sizeof(real)) &&
	    !ww_off_resolve(o->root, "WINNT/system32/drivers/etc/hosts", real, sizeof(real)))
		return;
	ww_buf_init(&raw, 16u * 1024u * 1024u);
	ww_buf_init(&text, 32u * 1024u * 1024u);
	if (ww_buf_read_file(&raw, real) != WW_OK) {
		ww_report_warning(o->report, _("cannot read '%s': %s"), rel_of(o, real), strerror(errno));
	} else if (ww_host_to_utf8(raw.s ? raw.s : "", raw.len, &text, &enc) == WW_OK) {
		uint32_t src = ww_host_source(o->host, rel_of(o, real));
		(void)ww_host_parse_hosts(o->host, text.s ? text.s : "", text.len, src);
		if (stat(real, &st) == 0)
			ww_off_event(o, mtime_us(&st), rel_of(o, real), "HOSTS file modified");
	}
	ww_buf_release(&raw);
	ww_buf_release(&text);
}

/* ---- recycle folders, autorun.inf ---- */

static void visit_recycled(struct ww_offline *o, const char *real, const char *rel,
                           const struct stat *st, void *ctx)
{
	uint32_t *src = ctx;
	(void)real;
	keep_file(o, rel, *src);
	if (exec_name(rel))
		ww_off_event(o, mtime_us(st), rel, "program in a recycle folder modified");
}

static void read_root_traps(struct ww_offline *o)
{
	static const char *const bins[] = {"RECYCLER", "RECYCLED", "$Recycle.Bin"};
	char real[WW_OFF_PATH];
	size_t i;
	struct stat st;
	for (i = 0; i < WW_ARRAY_LEN(bins); i++) {
		uint32_t src;
		if (!ww_off_resolve(o->root, bins[i], real, sizeof(real)))
			continue;
		src = ww_host_source(o->host, rel_of(o, real));
		walk(o, real, 0, 3, visit_recycled, &src);
	}
	if (ww_off_resolve(o->root, "autorun.inf", real, sizeof(real)) && lstat(real, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		uint32_t src = ww_host_source(o->host, rel_of(o, real));
		keep_file(o, rel_of(o, real), src);
		ww_off_event(o, mtime_us(&st), rel_of(o, real),
		             "autorun.inf modified");
		ww_off_read_autorun(o, real, rel_of(o, real));
	}
}

/* ---- tasks, startup folders ---- */

static void visit_job(struct ww_offline *o, const char *real, const char *rel,
                      const struct stat *st, void *ctx)
{
	const char *base = strrchr(rel, '/');
	(void)ctx;
	base = base ? base + 1 : rel;
	if (strlen(base) < 5 || strcasecmp(base + strlen(base) - 4, ".job") != 0)
		return;
	ww_off_event(o, mtime_us(st), rel, "scheduled task file written");
	ww_off_read_job(o, real, rel, base);
}

static void visit_xml_task(struct ww_offline *o, const char *real, const char *rel,
                           const struct stat *st, void *ctx)
{
	const char *name = rel + *(const size_t *)ctx;
	ww_off_event(o, mtime_us(st), rel, "scheduled task file written");
	ww_off_read_xml_task(o, real, rel, name);
}

static void visit_startup(struct ww_offline *o, const char *real, const char *rel,
                          const struct stat *st, void *ctx)
{
	const char *base = strrchr(rel, '/');
	(void)ctx;
	base = base ? base + 1 : rel;
	if (strcasecmp(base, "desktop.ini") == 0)
		return;
	/* the rules judge it by name as a listed file; the profile walk
	 * lists the ones under Users, this lists the rest */
	if (strncasecmp(rel, "Users/", 6) != 0 && strncasecmp(rel, "Documents and Settings/", 23) != 0)
		keep_file(o, rel, ww_host_source(o->host, rel));
	ww_off_event(o, mtime_us(st), rel, "startup folder entry written");
	{
		size_t bl = strlen(base);
		char *target = NULL, *args = NULL;
		if (bl > 4 && strcasecmp(base + bl - 4, ".lnk") == 0 &&
		    ww_off_read_lnk(o, real, rel, &target, &args)) {
			/* the shortcut's target is listed, to be judged by name */
			struct ww_host_file *f = ww_host_add_file(o->host);
			const char *bs = strrchr(target, '\\');
			if (f) {
				f->dir = ww_host_strndup(target, bs ? (size_t)(bs - target) : 0);
				f->name = ww_host_strndup(bs ? bs + 1 : target, strlen(bs ? bs + 1 : target));
				f->src = ww_host_source(o->host, rel);
				if (!f->dir || !f->name)
					o->report->rc = WW_ERR_NOMEM;
			}
			ww_report_note(o->report, true, _("startup folder entry '%s' starts %s%s%s at every "
			                 "logon"), rel, target, args && args[0] ? " " : "", args ? args : "");
		} else {
			ww_report_note(o->report, true, _("startup folder entry '%s': it runs at every "
			                 "logon"), rel);
		}
		free(target);
		free(args);
	}
}

/* Every profile folder: Users/<name> and Documents and Settings/<name>. */
static void each_profile(struct ww_offline *o, const char *sub, visit_fn fn, void *ctx,
                         int maxdepth, bool hives)
{
	static const char *const homes[] = {"Users", "Documents and Settings"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(homes); i++) {
		char home[WW_OFF_PATH];
		DIR *d;
		struct dirent *e;
		struct stat st;
		unsigned long k = 0;
		if (!ww_off_resolve(o->root, homes[i], home, sizeof(home)) || lstat(home, &st) != 0 ||
		    !S_ISDIR(st.st_mode))
			continue;
		d = opendir(home);
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL && k++ < 10000) {
			char prof[WW_OFF_PATH], real[WW_OFF_PATH];
			if (e->d_name[0] == '.')
				continue;
			int w = snprintf(prof, sizeof(prof), "%s/%s", home, e->d_name);
			if (w < 0 || (size_t)w >= sizeof(prof) || lstat(prof, &st) != 0 ||
			    !S_ISDIR(st.st_mode))
				continue;
			if (hives) {
				if (ww_off_resolve(prof, "NTUSER.DAT", real, sizeof(real)) &&
				    lstat(real, &st) == 0 && S_ISREG(st.st_mode))
					ww_off_read_hive(o, real, rel_of(o, real), WW_HIVE_NTUSER);
				continue;
			}
			if (ww_off_resolve(prof, sub, real, sizeof(real)))
				walk(o, real, 0, maxdepth, fn, ctx);
		}
		closedir(d);
	}
}

void ww_off_read_user_hives(struct ww_offline *o)
{
	each_profile(o, NULL, NULL, NULL, 0, true);
}

static void read_tasks_and_startup(struct ww_offline *o)
{
	char real[WW_OFF_PATH];
	size_t skip;
	if (ww_off_resolve(o->root, "Windows/Tasks", real, sizeof(real)) ||
	    ww_off_resolve(o->root, "WINNT/Tasks", real, sizeof(real)))
		walk(o, real, 0, 0, visit_job, NULL);
	if (ww_off_resolve(o->root, "Windows/System32/Tasks", real, sizeof(real))) {
		skip = strlen(rel_of(o, real));
		walk(o, real, 0, 8, visit_xml_task, &skip);
	}
	if (ww_off_resolve(o->root, "ProgramData/Microsoft/Windows/Start Menu/Programs/Startup",
	                   real, sizeof(real)))
		walk(o, real, 0, 2, visit_startup, NULL);
	each_profile(o, "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup",
	             visit_startup, NULL, 2, false);
	each_profile(o, "Start Menu/Programs/Startup", visit_startup, NULL, 2, false);
}

/* ---- programs by time and name ---- */

struct recent {
	uint32_t src;
	size_t n;
	struct ww_finding *f;
	int64_t since;
};

static void visit_program(struct ww_offline *o, const char *real, const char *rel,
                          const struct stat *st, void *ctx)
{
	struct recent *r = ctx;
	char win[WW_OFF_PATH];
	(void)real;
	if (!exec_name(rel))
		return;
	if (ww_host_memmem_ci(rel, strlen(rel), "/Start Menu/Programs/Startup/"))
		keep_file(o, rel, ww_host_source(o->host, rel)); /* named by its own path */
	else
		keep_file(o, rel, r->src);
	if ((!o->has_since && !o->has_until) || (o->has_since && mtime_us(st) < o->since_us) ||
	    (o->has_until && mtime_us(st) > o->until_us))
		return;
	ww_off_event(o, mtime_us(st), rel, "program modified in the time window");
	if (r->n++ < 30) {
		char t[WW_TIME_STRLEN];
		win_path(rel, win, sizeof(win));
		if (!r->f) {
			r->f = ww_host_finding(o->host, WW_SEV_LOW, WW_LEVEL_NONE, r->src, 0);
			if (!r->f)
				return;
		}
		ww_finding_evidence(o->report, r->f, true, _("%s modified %s (%lld bytes)"), win,
		                    ww_time_iso(mtime_us(st), t, sizeof(t)), (long long)st->st_size);
	}
}

static void read_programs(struct ww_offline *o)
{
	char real[WW_OFF_PATH], t[WW_TIME_STRLEN], u[WW_TIME_STRLEN];
	struct recent r;
	memset(&r, 0, sizeof(r));
	if (ww_off_resolve(o->root, "Windows/System32", real, sizeof(real)) ||
	    ww_off_resolve(o->root, "WINNT/system32", real, sizeof(real))) {
		r.src = ww_host_source(o->host, rel_of(o, real));
		walk(o, real, 0, 0, visit_program, &r);
	}
	r.src = ww_host_source(o->host, "Users");
	each_profile(o, "", visit_program, &r, 8, false);
	if (r.f) {
		ww_finding_title(o->report, r.f, false, _("%zu program file%s in System32 and the user "
		                   "profiles changed %s%s%s%s"), r.n, r.n == 1 ? "" : "s",
		                 o->has_since ? _("since ") : "",
		                 o->has_since ? ww_time_iso(o->since_us, t, sizeof(t)) : "",
		                 o->has_until ? (o->has_since ? _(" and before ") : _("before ")) : "",
		                 o->has_until ? ww_time_iso(o->until_us, u, sizeof(u)) : "");
		if (r.n > 30)
			ww_finding_evidence(o->report, r.f, false, _("... %zu more in the timeline"),
			                    r.n - 30);
		ww_finding_step(o->report, r.f, _("compare them with a clean machine of the same "
		                  "version; a worm's copy is usually among the newest"));
	}
}

void ww_off_read_fs(struct ww_offline *o)
{
	read_hosts(o);
	read_root_traps(o);
	read_tasks_and_startup(o);
	read_programs(o);
}
