/* Several dumps of one connection table read as snapshots in time (nat
 * without --watch, issue 13): see rt_snap.h. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "inputs/lines.h"
#include "router/rt_snap.h"

#include <stdio.h>
#include <sys/stat.h>

static int cmp_snap_time(const void *a, const void *b)
{
	const struct ww_rt_snap *x = a, *y = b;
	if (x->t_us != y->t_us)
		return x->t_us < y->t_us ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The time the first lines of a dump carry, if any (a look at its first
 * block only; the file is read in full later). */
static bool first_stamp(const char *path, int64_t *us)
{
	struct ww_lines l;
	const char *line;
	size_t len;
	int n = 0;
	bool found = false;
	if (ww_lines_open(&l, path))
		return false;
	while (!found && n++ < 16 && ww_lines_next(&l, &line, &len) == WW_OK)
		found = ww_rt_line_stamp(line, len, us);
	ww_lines_release(&l);
	return found;
}

/* Several dumps of one table taken at different times: read in time order
 * (the files' modification times; standard input last), each one's time
 * from its content when its lines carry one (conntrack -E -o timestamp),
 * else its mtime; the table's size is the biggest snapshot's; an entry an
 * earlier snapshot held is one connection, counted once (rt_run.c). */
ww_rc ww_rt_snaps_read(struct ww_rt_snaps *ss, char *const *files, int n, struct ww_rt_run *run,
                       struct ww_rt_table *tbl, const char **source)
{
	int k;
	ww_rc rc;
	memset(ss, 0, sizeof(*ss));
	ss->v = calloc((size_t)n, sizeof(*ss->v));
	if (!ss->v)
		return WW_ERR_NOMEM;
	ss->n = n;
	rc = ww_rt_run_snapshots(run, WW_RT_SNAP_MAX);
	if (rc)
		return rc;
	for (k = 0; k < ss->n; k++) {
		struct ww_rt_snap *x = &ss->v[k];
		struct stat st;
		x->file = files[k];
		x->pos = k;
		x->from = "unknown";
		x->t_us = INT64_MAX;
		if (strcmp(x->file, "-") != 0 && stat(x->file, &st) == 0 && S_ISREG(st.st_mode)) {
			x->t_us = (int64_t)st.st_mtim.tv_sec * 1000000 + st.st_mtim.tv_nsec / 1000;
			x->from = "mtime";
			if (first_stamp(x->file, &x->t_us))
				x->from = "content";
		}
	}
	/* the position on the command line breaks ties */
	qsort(ss->v, (size_t)ss->n, sizeof(*ss->v), cmp_snap_time);
	ss->biggest = -1;
	for (k = 0; k < ss->n && !run->interrupted; k++) {
		struct ww_rt_snap *x = &ss->v[k];
		uint64_t before = run->ct_proc + run->ct_tool;
		run->have_stamp = false;
		if (x->t_us != INT64_MAX)
			run->now_us = x->t_us;
		rc = ww_rt_run_file(run, x->file, true);
		if (rc == WW_ERR_NOMEM)
			return rc;
		if (rc) {
			int st = rc == WW_ERR_IO ? WW_EXIT_NOINPUT : WW_EXIT_DATAERR;
			x->skipped = true;
			ss->skipped++;
			if (st > ss->skip_status)
				ss->skip_status = st;
		}
		x->entries = run->ct_proc + run->ct_tool - before;
		if (run->have_stamp) {
			x->t_us = run->first_stamp_us;
			x->from = "content";
		}
		if (!x->skipped && (ss->biggest < 0 || x->entries > ss->v[ss->biggest].entries))
			ss->biggest = k;
	}
	if (ss->biggest < 0) {
		if (!run->interrupted) {
			ww_error(_("no dump could be read or understood"));
			return ss->skip_status == WW_EXIT_NOINPUT ? WW_ERR_IO : WW_ERR_FORMAT;
		}
		ss->biggest = 0;
	}
	*source = ss->v[ss->biggest].file;
	tbl->entries = ss->v[ss->biggest].entries;
	if (!tbl->max && (tbl->max = ww_rt_guess_max(tbl->entries)) != 0)
		tbl->max_assumed = true;
	return WW_OK;
}

/* The snapshots in the report: a row each, and what was made of them. */
void ww_rt_snaps_report(const struct ww_rt_snaps *ss, const struct ww_rt_run *run,
                        struct ww_report *r)
{
	struct ww_section *sec = ww_report_section(r, "snapshots", false);
	char tb[WW_TIME_STRLEN];
	int k;
	for (k = 0; k < ss->n; k++) {
		const struct ww_rt_snap *x = &ss->v[k];
		struct ww_row *row = ww_section_row(r, sec);
		if (!row)
			return;
		ww_fields_str(r, &row->f, "file", true, x->file, strlen(x->file));
		if (x->t_us != INT64_MAX) {
			ww_time_iso(x->t_us, tb, sizeof(tb));
			ww_fields_str(r, &row->f, "time", false, tb, strlen(tb));
		}
		ww_fields_str(r, &row->f, "time_from", false, x->from, strlen(x->from));
		ww_fields_int(r, &row->f, "entries", (long long)x->entries);
		if (x->skipped)
			ww_fields_bool(r, &row->f, "skipped", true);
	}
	ww_fields_int(r, &r->input, "snapshots", (long long)ss->n);
	ww_fields_int(r, &r->input, "repeated_entries", (long long)run->dups);
	if (ss->skipped)
		ww_fields_int(r, &r->input, "skipped_inputs", (long long)ss->skipped);
	ww_report_note(r, true, _("%d dumps read as snapshots of one table in time (times from "
	               "their content where they carry one, else from the files' modification "
	               "times; see the snapshots): the table's size is the biggest snapshot's, "
	               "'%s' with %llu entries; hosts are judged on the union of the entries, "
	               "%llu connections, each counted once (%llu entries seen again in a later "
	               "snapshot)"), ss->n, ss->v[ss->biggest].file,
	               (unsigned long long)ss->v[ss->biggest].entries,
	               (unsigned long long)run->parsed, (unsigned long long)run->dups);
}

void ww_rt_snaps_release(struct ww_rt_snaps *ss)
{
	free(ss->v);
	memset(ss, 0, sizeof(*ss));
}
