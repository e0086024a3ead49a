/* CSV writer (--format csv): a header row, then a row per host (network
 * commands) or finding (host), for a spreadsheet. RFC 4180: fields
 * separated by commas, lines ended by CRLF, a field with a comma, quote,
 * CR or LF in double quotes with its quotes doubled.
 *
 * Cells are hostile input: a cell a spreadsheet would take for a formula
 * (beginning with = + - @, or a tab or CR, OWASP's list) gets a leading
 * apostrophe, so `=HYPERLINK(...)` in a process name stays text. Control
 * bytes and invalid UTF-8 become \xNN, as on a terminal.
 * Lists (evidence, next steps, ports) are joined with " | ". */
#include "core/common.h"
#include "core/timefmt.h"
#include "report/writer.h"

#include <stdarg.h>

static const char *const csv_cols[] = {
	"type", "addr", "verdict", "score", "severity", "first_alert", "attempts_to_alert",
	"title", "image", "pid", "source", "line", "evidence", "next_steps", NULL,
};

/* One cell: quoted when it must be, made inert when it would be a formula. */
static void csv_cell(struct ww_out *o, const char *s, bool first)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	bool quote = false, formula;
	if (!first)
		ww_out_puts(o, ",");
	formula = *p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' || *p == '\r';
	for (; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = true;
	if (quote)
		ww_out_puts(o, "\"");
	if (formula)
		ww_out_puts(o, "'");
	for (p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"')
			ww_out_puts(o, "\"\"");
		else
			ww_out_write(o, (const char *)p, 1);
	}
	if (quote)
		ww_out_puts(o, "\"");
}

/* The text made safe for a terminal (\xNN for control bytes and invalid
 * UTF-8) into a growing buffer; the caller frees it. */
static char *safe_text(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ww_out t;
	if (!f)
		return NULL;
	ww_out_init(&t, f);
	ww_out_text_safe(&t, s ? s : "");
	if (fclose(f) != 0 || t.rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void csv_text(struct ww_out *o, const char *s, bool first)
{
	char *t = safe_text(s);
	if (!t) {
		o->rc = o->rc ? o->rc : WW_ERR_NOMEM;
		return;
	}
	csv_cell(o, t, first);
	free(t);
}

static void csv_list(struct ww_out *o, const struct ww_textlist *l)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		o->rc = o->rc ? o->rc : WW_ERR_NOMEM;
		return;
	}
	for (i = 0; i < l->n; i++) {
		if (i)
			fputs(" | ", f);
		fputs(l->v[i].s ? l->v[i].s : "", f);
	}
	if (fclose(f) != 0) {
		free(buf);
		o->rc = o->rc ? o->rc : WW_ERR_NOMEM;
		return;
	}
	csv_text(o, buf, false);
	free(buf);
}

static void csv_fmt(struct ww_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void csv_fmt(struct ww_out *o, const char *fmt, ...)
{
	char b[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	csv_cell(o, b, false);
}

static void csv_row(struct ww_out *o, const struct ww_finding *f)
{
	char a[WW_ADDR_STRLEN], t[WW_TIME_STRLEN];
	bool host = f->kind == WW_FINDING_HOST;
	csv_cell(o, host ? "host" : "finding", true);
	csv_cell(o, f->has_addr ? ww_addr_fmt(&f->addr, a) : "", false);
	csv_cell(o, host ? ww_verdict_name(f->verdict) : "", false);
	if (host)
		csv_fmt(o, "%.2f", f->score);
	else
		csv_cell(o, "", false);
	csv_cell(o, ww_severity_name(f->severity), false);
	csv_cell(o, host && f->first_alert_us ? ww_time_iso(f->first_alert_us, t, sizeof(t)) : "",
	         false);
	if (host && f->first_alert_us)
		csv_fmt(o, "%u", f->attempts_to_alert);
	else
		csv_cell(o, "", false);
	csv_text(o, f->title, false);
	csv_text(o, f->image, false);
	if (f->pid >= 0)
		csv_fmt(o, "%ld", f->pid);
	else
		csv_cell(o, "", false);
	csv_text(o, f->source, false);
	if (f->line)
		csv_fmt(o, "%lu", f->line);
	else
		csv_cell(o, "", false);
	csv_list(o, &f->evidence);
	csv_list(o, &f->steps);
	ww_out_puts(o, "\r\n");
}

ww_rc ww_write_csv(struct ww_out *o, const struct ww_report *r)
{
	size_t i;
	if (r->rc)
		return r->rc;
	for (i = 0; csv_cols[i]; i++)
		csv_cell(o, csv_cols[i], i == 0);
	ww_out_puts(o, "\r\n");
	for (i = 0; i < r->n_findings; i++)
		csv_row(o, r->findings[i]);
	return o->rc;
}
