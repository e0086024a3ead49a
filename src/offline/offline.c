/* The offline pipeline: indicators, the hives (SYSTEM, SOFTWARE, SAM, every
 * user's NTUSER.DAT), the file system, then the same rules as `host`; last
 * the timeline of key and file times. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "host/host_indicators.h"
#include "host/host_rules.h"
#include "offline/offline_int.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#define TIMELINE_NO_WINDOW 100 /* without --since: the newest entries */

void ww_off_event(struct ww_offline *o, int64_t us, const char *source, const char *fmt, ...)
{
	struct ww_off_event *e;
	char what[512];
	va_list ap;
	if (!us || o->timeline.n >= WW_OFF_MAX_TIMELINE)
		return;
	if ((o->has_since && us < o->since_us) || (o->has_until && us > o->until_us))
		return;
	if (o->timeline.n == o->timeline.cap) {
		size_t nc = o->timeline.cap ? o->timeline.cap * 2 : 256;
		struct ww_off_event *nv = ww_reallocarray(o->timeline.v, nc, sizeof(*nv));
		if (!nv) {
			o->report->rc = WW_ERR_NOMEM;
			return;
		}
		o->timeline.v = nv;
		o->timeline.cap = nc;
	}
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	e = &o->timeline.v[o->timeline.n];
	e->us = us;
	e->source = ww_host_strndup(source, strlen(source));
	e->what = ww_host_strndup(what, strlen(what));
	if (!e->source || !e->what) {
		free(e->source);
		free(e->what);
		o->report->rc = WW_ERR_NOMEM;
		return;
	}
	o->timeline.n++;
}

static int cmp_event(const void *a, const void *b)
{
	const struct ww_off_event *x = a, *y = b;
	int c;
	if (x->us != y->us)
		return x->us < y->us ? -1 : 1;
	c = strcmp(x->source, y->source);
	return c ? c : strcmp(x->what, y->what);
}

static void timeline_section(struct ww_offline *o)
{
	struct ww_section *s;
	size_t i, first = 0;
	char t[WW_TIME_STRLEN];
	if (!o->timeline.n)
		return;
	qsort(o->timeline.v, o->timeline.n, sizeof(*o->timeline.v), cmp_event);
	if (!o->has_since && !o->has_until && o->timeline.n > TIMELINE_NO_WINDOW) {
		first = o->timeline.n - TIMELINE_NO_WINDOW;
		ww_report_note(o->report, false, _("timeline: the newest %u of %zu entries (give "
		                 "--since to choose the window)"), TIMELINE_NO_WINDOW, o->timeline.n);
	}
	s = ww_report_section(o->report, "timeline", false);
	for (i = first; s && i < o->timeline.n && !o->report->rc; i++) {
		const struct ww_off_event *e = &o->timeline.v[i];
		struct ww_row *row = ww_section_row(o->report, s);
		if (!row)
			break;
		ww_time_iso(e->us, t, sizeof(t));
		ww_fields_str(o->report, &row->f, "time", false, t, strlen(t));
		ww_fields_str(o->report, &row->f, "source", true, e->source, strlen(e->source));
		ww_fields_str(o->report, &row->f, "what", true, e->what, strlen(e->what));
	}
}

static void read_machine_hives(struct ww_offline *o)
{
	static const struct { const char *name; enum ww_hive_kind kind; } hives[] = {
		{"SYSTEM", WW_HIVE_SYSTEM}, {"SOFTWARE", WW_HIVE_SOFTWARE}, {"SAM", WW_HIVE_SAM}};
	static const char *const dirs[] = {"Windows/System32/config", "WINNT/system32/config"};
	size_t i, d;
	for (i = 0; i < WW_ARRAY_LEN(hives); i++) {
		char real[WW_OFF_PATH], rel[256];
		struct stat st;
		bool found = false;
		for (d = 0; d < WW_ARRAY_LEN(dirs) && !found; d++) {
			snprintf(rel, sizeof(rel), "%s/%s", dirs[d], hives[i].name);
			found = ww_off_resolve(o->root, rel, real, sizeof(real)) &&
			        stat(real, &st) == 0 && S_ISREG(st.st_mode);
		}
		if (!found) {
			ww_report_note(o->report, false, _("no %s hive under Windows/System32/config"),
			               hives[i].name);
			continue;
		}
		{
			const char *label = real + strlen(o->root);
			while (*label == '/')
				label++;
			ww_off_read_hive(o, real, label, hives[i].kind);
		}
	}
}

ww_rc ww_offline_run(const struct ww_offline_opts *opts, struct ww_report *r, int *level)
{
	struct ww_host_ctx c;
	struct ww_offline o;
	struct stat st;
	char dir[4096];
	size_t i;
	ww_rc rc;
	*level = 0;
	if (stat(opts->root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ww_error("cannot open the volume '%s': %s", opts->root,
		         errno && !S_ISDIR(st.st_mode) ? strerror(errno) : "not a folder");
		return WW_ERR_IO;
	}
	ww_host_ctx_init(&c, r);
	c.inventory = opts->inventory;
	snprintf(dir, sizeof(dir), "%s/indicators", opts->datadir);
	rc = ww_host_indicators_load(&c, dir);
	if (!rc && opts->indicators)
		rc = ww_host_indicators_load(&c, opts->indicators);
	if (rc) {
		ww_host_ctx_release(&c);
		return rc;
	}
	memset(&o, 0, sizeof(o));
	o.host = &c;
	o.report = r;
	o.root = opts->root;
	o.has_since = opts->has_since;
	o.since_us = opts->since_us;
	o.has_until = opts->has_until;
	o.until_us = opts->until_us;
	read_machine_hives(&o);
	ww_off_read_user_hives(&o);
	ww_off_read_fs(&o);
	if (!o.hives)
		ww_report_warning(r, _("'%s': no registry hive could be read (is it the Windows "
		                    "volume?)"), opts->root);
	if (o.windows[0] || o.computer[0])
		ww_report_note(r, true, _("the volume holds %s%s%s"), o.windows[0] ? o.windows : "Windows",
		               o.computer[0] ? ", computer " : "", o.computer);
	rc = r->rc ? r->rc : ww_host_rules(&c);
	ww_fields_int(r, &r->input, "hives", (long long)o.hives);
	if (o.hives_bad)
		ww_fields_int(r, &r->input, "hives_damaged", (long long)o.hives_bad);
	ww_fields_int(r, &r->input, "user_hives", (long long)o.users);
	ww_fields_int(r, &r->input, "registry_values", (long long)c.inv.regvals.n);
	ww_fields_int(r, &r->input, "files", (long long)o.fs_entries);
	if (!rc)
		timeline_section(&o);
	*level = c.exit_level;
	for (i = 0; i < o.timeline.n; i++) {
		free(o.timeline.v[i].source);
		free(o.timeline.v[i].what);
	}
	free(o.timeline.v);
	ww_host_ctx_release(&c);
	return rc ? rc : r->rc;
}

static bool digits(const char **p, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

ww_rc ww_offline_parse_time(const char *s, int64_t *us)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0;
	long frac = 0;
	time_t t;
	memset(&tm, 0, sizeof(tm));
	if (s[0] == '@') {
		long long v = 0;
		const char *p = s + 1;
		if (!*p)
			return WW_ERR_FORMAT;
		for (; *p; p++) {
			if (*p < '0' || *p > '9' || v > 4102444800LL)
				return WW_ERR_FORMAT;
			v = v * 10 + (*p - '0');
		}
		*us = (int64_t)v * 1000000;
		return WW_OK;
	}
	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' ||
	    !digits(&s, 2, &d))
		return WW_ERR_FORMAT;
	if (*s == 'T' || *s == ' ') {
		s++;
		if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi))
			return WW_ERR_FORMAT;
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &se))
				return WW_ERR_FORMAT;
			if (*s == '.') {
				int k = 0;
				s++;
				while (*s >= '0' && *s <= '9' && k < 6) {
					frac = frac * 10 + (*s++ - '0');
					k++;
				}
				if (!k)
					return WW_ERR_FORMAT;
				for (; k < 6; k++)
					frac *= 10;
				while (*s >= '0' && *s <= '9')
					s++;
			}
		}
	}
	if (*s == 'Z')
		s++;
	if (*s || y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60)
		return WW_ERR_FORMAT;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return WW_ERR_FORMAT;
	*us = (int64_t)t * 1000000 + frac;
	return WW_OK;
}
