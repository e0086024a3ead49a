#include "core/common.h"
#include "core/i18n.h"
#include "core/textcur.h"
#include "inputs/lines.h"
#include "inputs/sniff.h"
#include "router/rt_run.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

ww_rc ww_rt_run_init(struct ww_rt_run *run, const struct ww_rt_run_opts *o, char *err,
                     size_t errlen)
{
	time_t now = time(NULL);
	struct tm tm;
	ww_rc rc;
	memset(run, 0, sizeof(*run));
	run->hint = -1;
	run->now_us = (int64_t)now * 1000000;
	gmtime_r(&now, &tm);
	run->ctx.year = o->year ? o->year : tm.tm_year + 1900;
	rc = ww_rt_acct_init(&run->acct, o->home, o->seed, err, errlen);
	if (rc)
		return rc;
	if (o->use_engine) {
		struct ww_engine_config c;
		ww_engine_config_init(&c);
		c.hash_seed = o->seed;
		if (o->small_engine) {
			c.bloom_log2_bits = 16;
			c.max_hosts = 256;
			c.max_pending = 1024;
		}
		rc = o->home ? ww_netlist_parse(&run->engine_home, o->home, err, errlen)
		             : ww_netlist_add_private(&run->engine_home);
		if (rc)
			return rc;
		c.home = run->engine_home;
		rc = ww_engine_new(&c, &run->engine);
		if (rc)
			return rc;
	}
	return WW_OK;
}

void ww_rt_run_release(struct ww_rt_run *run)
{
	size_t i;
	if (run->engine)
		ww_engine_free(run->engine);
	ww_netlist_release(&run->engine_home);
	for (i = 0; i < run->n_examples; i++)
		free(run->examples[i].file);
	if (run->seen) {
		ww_rt_map_release(run->seen);
		free(run->seen);
	}
	ww_rt_acct_release(&run->acct);
	memset(run, 0, sizeof(*run));
}

static void attempt_to_engine(struct ww_rt_run *run, const struct ww_attempt *a)
{
	if (run->on_attempt)
		run->on_attempt(run->attempt_ud, a);
	else if (run->engine)
		ww_engine_attempt(run->engine, a);
}

static void not_understood(struct ww_rt_run *run, const char *file, unsigned long lineno)
{
	run->unknown++;
	if (run->n_examples < WW_RT_EXAMPLES && file) {
		run->examples[run->n_examples].file = strdup(file);
		run->examples[run->n_examples].line = lineno;
		run->n_examples++;
	}
}

static bool blank(const char *line, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return line[i] == '#';
	return true;
}

void ww_rt_run_log_line(struct ww_rt_run *run, const char *line, size_t len, const char *file,
                        unsigned long lineno)
{
	struct ww_rlog_rec rec;
	int which;
	ww_rc rc;
	run->lines++;
	if (blank(line, len)) {
		run->blank++;
		return;
	}
	rc = ww_rlog_parse_line(&run->ctx, line, len, run->hint, &which, &rec);
	if (which >= 0 && which < WW_RT_MAX_DIALECTS && rc != WW_ERR_FORMAT) {
		run->per_dialect[which]++;
		run->hint = which;
	}
	if (rc == WW_ERR_NOTFOUND) {
		run->no_attempt++;
		return;
	}
	if (rc) {
		not_understood(run, file, lineno);
		return;
	}
	run->parsed++;
	ww_rt_acct_attempt(&run->acct, &rec.a);
	attempt_to_engine(run, &rec.a);
}

/* The connection an entry stands for: protocol and original 5-tuple,
 * packed without padding. */
#define CT_KEY_LEN 38
static void ct_key(const struct ww_ct_entry *e, uint8_t k[CT_KEY_LEN])
{
	k[0] = e->proto;
	k[1] = e->family;
	memcpy(k + 2, e->orig.src.b, 16);
	memcpy(k + 18, e->orig.dst.b, 16);
	k[34] = (uint8_t)(e->orig.sport >> 8);
	k[35] = (uint8_t)e->orig.sport;
	k[36] = (uint8_t)(e->orig.dport >> 8);
	k[37] = (uint8_t)e->orig.dport;
}

ww_rc ww_rt_run_snapshots(struct ww_rt_run *run, size_t max)
{
	ww_rc rc;
	if (run->seen)
		return WW_OK;
	run->seen = calloc(1, sizeof(*run->seen));
	if (!run->seen)
		return WW_ERR_NOMEM;
	rc = ww_rt_map_init(run->seen, CT_KEY_LEN, 1, max, 0);
	if (rc) {
		free(run->seen);
		run->seen = NULL;
	}
	return rc;
}

void ww_rt_run_ct_entry(struct ww_rt_run *run, const struct ww_ct_entry *e)
{
	struct ww_attempt a;
	if (run->seen) {
		uint8_t k[CT_KEY_LEN];
		void *v;
		bool isnew = true;
		ct_key(e, k);
		if (ww_rt_map_get(run->seen, k, &v, &isnew) == WW_OK && !isnew) {
			run->dups++;
			ww_rt_acct_held(&run->acct, e, run->snap);
			return;
		}
	}
	run->parsed++;
	ww_rt_acct_ct(&run->acct, e);
	if (run->seen)
		ww_rt_acct_held(&run->acct, e, run->snap);
	if ((run->engine || run->on_attempt) && ww_rt_acct_is_home(&run->acct, &e->orig.src)) {
		ww_rt_ct_to_attempt(e, run->now_us, &a);
		attempt_to_engine(run, &a);
	}
}

bool ww_rt_line_stamp(const char *line, size_t len, int64_t *us)
{
	struct ww_tcur t;
	uint64_t sec, usec = 0;
	if (len < 3 || line[0] != '[' || line[1] < '0' || line[1] > '9')
		return false;
	t = ww_tcur_make(line + 1, len - 1);
	if (ww_tcur_u64(&t, 253402300799ull, &sec) != WW_OK)
		return false;
	if (ww_tcur_ch(&t, '.')) {
		/* the fraction as written: "[1790253007.123456]", 6 digits or fewer */
		const char *before = t.p;
		size_t digits;
		if (ww_tcur_u64(&t, 999999, &usec) != WW_OK)
			return false;
		for (digits = (size_t)(t.p - before); digits < 6; digits++)
			usec *= 10;
	}
	if (!ww_tcur_ch(&t, ']'))
		return false;
	*us = (int64_t)sec * 1000000 + (int64_t)usec;
	return true;
}

void ww_rt_run_ct_line(struct ww_rt_run *run, const char *line, size_t len, const char *file,
                       unsigned long lineno)
{
	struct ww_ct_entry e;
	uint64_t summary = 0;
	ww_rc rc;
	run->lines++;
	if (blank(line, len)) {
		run->blank++;
		return;
	}
	if (!run->have_stamp && ww_rt_line_stamp(line, len, &run->first_stamp_us))
		run->have_stamp = true;
	if (ww_ct_proc_probe(line, len)) {
		rc = ww_ct_proc_line(line, len, &e);
		if (!rc)
			run->ct_proc++;
	} else {
		rc = ww_ct_tool_line(line, len, &e, &summary);
		if (!rc)
			run->ct_tool++;
	}
	if (rc == WW_ERR_NOTFOUND) {
		run->no_attempt++;
		if (summary || ww_ct_tool_probe(line, len)) {
			run->ct_summary = summary;
			run->have_summary = true;
		}
		return;
	}
	if (rc) {
		not_understood(run, file, lineno);
		return;
	}
	ww_rt_run_ct_entry(run, &e);
}

/* A file none of whose lines was understood: an input error naming what
 * it looks like (issue 13: "nothing found" must not stand for "nothing
 * read"). */
static ww_rc not_ours(const char *path, const struct ww_lines *l, bool table)
{
	char what[256];
	ww_sniff_what(l->head, l->head_len, l->src.kind, _("text in none of the formats it reads"),
	              what, sizeof(what));
	ww_error(table ? _("'%s' is not a connection-table dump (no line of it was understood): "
	                   "it is %s")
	               : _("'%s' is not a router or firewall log (no line of it was understood): "
	                   "it is %s"), path, what);
	return WW_ERR_FORMAT;
}

ww_rc ww_rt_run_file(struct ww_rt_run *run, const char *path, bool table)
{
	struct ww_lines l;
	const char *line;
	size_t len;
	uint64_t understood0 = run->parsed + run->no_attempt + run->dups,
	         lines0 = run->lines - run->blank, entries0 = run->ct_proc + run->ct_tool;
	bool understood;
	ww_rc rc = ww_lines_open(&l, path);
	if (rc == WW_ERR_IO || rc == WW_ERR_UNSUPPORTED || rc == WW_ERR_LIMIT) {
		ww_error(_("cannot open '%s': %s"), path, l.why ? l.why : strerror(l.err));
		return rc == WW_ERR_LIMIT ? WW_ERR_FORMAT : rc;
	}
	if (rc)
		return rc;
	run->have_summary = false; /* conntrack -L's count is per dump */
	run->snap++;               /* snapshots: each file is one */
	while ((rc = ww_lines_next(&l, &line, &len)) == WW_OK) {
		if (table)
			ww_rt_run_ct_line(run, line, len, path, l.lineno);
		else
			ww_rt_run_log_line(run, line, len, path, l.lineno);
		run->bytes_read += len + 1;
		if (run->on_line)
			run->on_line(run->on_line_ud, run->bytes_read, run->lines, run->acct.hosts.n);
		if (run->stop && *run->stop && (l.lineno & 1023) == 0) {
			run->interrupted = true;
			break;
		}
	}
	if (run->stop && *run->stop) {
		/* stopped by the signal (a read on a pipe cut short): not damage */
		run->interrupted = true;
		ww_lines_release(&l);
		return WW_OK;
	}
	if (l.cut && !run->cut) {
		run->cut_file = path;
		run->cut_line = l.first_cut;
	}
	run->cut += l.cut;
	understood = run->parsed + run->no_attempt + run->dups > understood0;
	if (table && run->have_summary && run->ct_summary != run->ct_proc + run->ct_tool - entries0 &&
	    !run->summary_off_file) {
		run->summary_off_file = path;
		run->summary_said = run->ct_summary;
		run->summary_read = run->ct_proc + run->ct_tool - entries0;
	}
	if (rc == WW_ERR_FORMAT) {
		if (!understood)
			rc = not_ours(path, &l, table);
		else
			ww_error(_("'%s' does not look like text after line %lu (more than 1 byte in 20 "
			           "is a NUL or a control byte): stopped reading it"), path, l.lineno);
		ww_lines_release(&l);
		return WW_ERR_FORMAT;
	}
	if (rc == WW_ERR_IO && l.damaged) {
		if (!understood && ww_source_out_bytes(&l.src) == 0)
			ww_error(_("'%s' could not be decompressed: %s"), path, l.zmsg);
		else
			ww_error(_("'%s': %s; what was read before it is reported"), path, l.zmsg);
		ww_lines_release(&l);
		return WW_ERR_FORMAT;
	}
	if (rc == WW_ERR_IO) {
		ww_error(_("cannot read '%s' after line %lu: %s"), path, l.lineno, strerror(l.err));
		ww_lines_release(&l);
		return WW_ERR_IO;
	}
	if (!understood && run->lines - run->blank > lines0 && !run->interrupted) {
		rc = not_ours(path, &l, table);
		ww_lines_release(&l);
		return rc;
	}
	ww_lines_release(&l);
	return WW_OK;
}

ww_rc ww_rt_run_report(struct ww_rt_run *run, const struct ww_rt_table *table,
                       struct ww_report *r)
{
	size_t i;
	ww_rc rc;
	if (run->engine) {
		rc = ww_engine_report(run->engine, r);
		if (rc)
			return rc;
	}
	if (!run->live)
		ww_fields_int(r, &r->input, "lines", (long long)run->lines);
	ww_fields_int(r, &r->input, table ? "entries" : "attempts", (long long)run->parsed);
	if (!table) {
		for (i = 0; i < ww_rlog_dialect_count() && i < WW_RT_MAX_DIALECTS; i++)
			if (run->per_dialect[i])
				ww_fields_int(r, &r->input, ww_rlog_dialects[i].name,
				              (long long)run->per_dialect[i]);
		ww_fields_int(r, &r->input, "other_messages", (long long)run->no_attempt);
	}
	ww_fields_int(r, &r->input, "not_understood", (long long)run->unknown);
	if (run->unknown) {
		ww_report_warning(r, _("%llu line%s not understood and skipped"),
		                  (unsigned long long)run->unknown, run->unknown == 1 ? "" : "s");
		for (i = 0; i < run->n_examples; i++)
			ww_report_warning(r, _("not understood: '%s' line %lu"),
			                  run->examples[i].file ? run->examples[i].file : "?",
			                  run->examples[i].line);
	}
	if (run->cut)
		ww_report_warning(r, _("%llu line%s longer than %u bytes skipped, not parsed (the first: "
		                    "'%s' line %lu)"), (unsigned long long)run->cut,
		                  run->cut == 1 ? "" : "s", WW_LINES_MAX,
		                  run->cut_file ? run->cut_file : "?", run->cut_line);
	if (table && run->summary_off_file)
		ww_report_warning(r, _("the dump says %llu flow entries were shown, %llu were read"),
		                  (unsigned long long)run->summary_said,
		                  (unsigned long long)run->summary_read);
	if (run->lines == 0 && !run->live)
		ww_report_warning(r, _("the input was empty"));
	rc = ww_rt_judge(&run->acct, table, r);
	return rc;
}
