/* JSON writer. The contract other programs rely on (keep these names):
 * {"command":"analyze","schema":1,"hosts":[{"addr":"192.168.2.16","verdict":"infected","score":0.97,
 *   "first_alert":"<ISO 8601>","attempts_to_alert":4,"evidence":["..."]}],
 *  "findings":[{"severity":"high","title":"...","evidence":["..."],
 *   "pid":1540,"image":"spollsv.exe"}],
 *  "input":{"packets":N}, ...sections}
 * `hosts` holds every host finding (the detectors only emit non-normal
 * ones). */
#include "core/common.h"
#include "core/timefmt.h"
#include "report/writer.h"

#include <math.h>

void ww_json_key(struct ww_out *o, const char *key, bool *first)
{
	if (!*first)
		ww_out_puts(o, ",");
	*first = false;
	ww_out_json_str(o, key);
	ww_out_puts(o, ":");
}

void ww_json_dbl(struct ww_out *o, double d)
{
	if (!isfinite(d))
		d = 0;
	ww_out_printf(o, "%.4g", d);
}

void ww_json_object(struct ww_out *o, const struct ww_fieldset *fs)
{
	bool first = true;
	ww_out_puts(o, "{");
	if (fs)
		ww_json_fields(o, fs, &first);
	ww_out_puts(o, "}");
}

void ww_json_fields(struct ww_out *o, const struct ww_fieldset *fs, bool *first)
{
	size_t i;
	for (i = 0; i < fs->n; i++) {
		const struct ww_field *f = &fs->v[i];
		ww_json_key(o, f->key, first);
		switch (f->type) {
		case WW_FIELD_INT: ww_out_printf(o, "%lld", f->v.i); break;
		case WW_FIELD_DBL: ww_json_dbl(o, f->v.d); break;
		case WW_FIELD_BOOL: ww_out_puts(o, f->v.b ? "true" : "false"); break;
		case WW_FIELD_STR: ww_out_json_str(o, f->v.s); break;
		case WW_FIELD_NULL: ww_out_puts(o, "null"); break;
		case WW_FIELD_PORTS: {
			size_t k;
			ww_out_puts(o, "[");
			for (k = 0; k < f->v.ports.n; k++) {
				const struct ww_portcount *p = &f->v.ports.v[k];
				ww_out_puts(o, k ? ",{\"proto\":" : "{\"proto\":");
				ww_out_json_str(o, p->proto);
				if (p->port)
					ww_out_printf(o, ",\"port\":%u", p->port);
				ww_out_printf(o, ",\"count\":%u}", p->count);
			}
			ww_out_puts(o, "]");
			break;
		}
		}
	}
}

/* The report's closing keys, shared by the document and the summary line:
 * notes, warnings, next steps, and the closing brace. */
void ww_json_report_end(struct ww_out *o, const struct ww_report *r, bool *first)
{
	ww_json_key(o, "notes", first);
	ww_json_texts(o, &r->notes);
	ww_json_key(o, "warnings", first);
	ww_json_texts(o, &r->warnings);
	ww_json_key(o, "next_steps", first);
	ww_json_texts(o, &r->steps);
	ww_out_puts(o, "}\n");
}

void ww_json_texts(struct ww_out *o, const struct ww_textlist *l)
{
	size_t i;
	ww_out_puts(o, "[");
	for (i = 0; i < l->n; i++) {
		if (i)
			ww_out_puts(o, ",");
		ww_out_json_str(o, l->v[i].s);
	}
	ww_out_puts(o, "]");
}

/* "timeline_step_s":60,"timeline":[["<ISO 8601>",N],...]: new destinations
 * per step, from the bucket's start (docs/formats.md) */
static void json_timeline(struct ww_out *o, const struct ww_finding *f, bool *first)
{
	char buf[WW_TIME_STRLEN];
	uint32_t i;
	ww_json_key(o, "timeline_step_s", first);
	ww_out_printf(o, "%u", f->series_step_s);
	ww_json_key(o, "timeline", first);
	ww_out_puts(o, "[");
	for (i = 0; i < f->n_series && i < WW_SERIES_MAX; i++) {
		int64_t t = f->series_t0_us + (int64_t)i * f->series_step_s * 1000000;
		ww_out_puts(o, i ? ",[" : "[");
		ww_out_json_str(o, ww_time_iso(t, buf, sizeof(buf)));
		ww_out_printf(o, ",%u]", f->series[i]);
	}
	ww_out_puts(o, "]");
}

static void json_finding(struct ww_out *o, const struct ww_finding *f)
{
	bool first = true;
	ww_out_puts(o, "{");
	ww_json_finding_fields(o, f, &first);
	ww_out_puts(o, "}");
}

void ww_json_finding_fields(struct ww_out *o, const struct ww_finding *f, bool *firstp)
{
	bool first = *firstp;
	char buf[WW_TIME_STRLEN];
	if (f->has_addr) {
		char a[WW_ADDR_STRLEN];
		ww_json_key(o, "addr", &first);
		ww_out_json_str(o, ww_addr_fmt(&f->addr, a));
	}
	if (f->kind == WW_FINDING_HOST) {
		ww_json_key(o, "verdict", &first);
		ww_out_json_str(o, ww_verdict_name(f->verdict));
		ww_json_key(o, "score", &first);
		ww_json_dbl(o, f->score);
		ww_json_key(o, "first_alert", &first);
		if (f->first_alert_us)
			ww_out_json_str(o, ww_time_iso(f->first_alert_us, buf, sizeof(buf)));
		else
			ww_out_puts(o, "null");
		ww_json_key(o, "attempts_to_alert", &first);
		if (f->first_alert_us)
			ww_out_printf(o, "%u", f->attempts_to_alert);
		else
			ww_out_puts(o, "null"); /* no alert: no count to give */
	}
	ww_json_key(o, "severity", &first);
	ww_out_json_str(o, ww_severity_name(f->severity));
	if (f->title) {
		ww_json_key(o, "title", &first);
		ww_out_json_str(o, f->title);
	}
	if (f->pid >= 0) {
		ww_json_key(o, "pid", &first);
		ww_out_printf(o, "%ld", f->pid);
	}
	if (f->image) {
		ww_json_key(o, "image", &first);
		ww_out_json_str(o, f->image);
	}
	if (f->source) {
		ww_json_key(o, "source", &first);
		ww_out_json_str(o, f->source);
		if (f->line) {
			ww_json_key(o, "line", &first);
			ww_out_printf(o, "%lu", f->line);
		}
	}
	ww_json_key(o, "evidence", &first);
	ww_json_texts(o, &f->evidence);
	ww_json_key(o, "next_steps", &first);
	ww_json_texts(o, &f->steps);
	ww_json_fields(o, &f->extra, &first);
	if (f->n_series)
		json_timeline(o, f, &first);
	*firstp = first;
}

static void json_findings(struct ww_out *o, const struct ww_report *r, enum ww_finding_kind k)
{
	size_t i;
	bool first = true;
	ww_out_puts(o, "[");
	for (i = 0; i < r->n_findings; i++) {
		if (r->findings[i]->kind != k)
			continue;
		if (!first)
			ww_out_puts(o, ",\n ");
		first = false;
		json_finding(o, r->findings[i]);
	}
	ww_out_puts(o, "]");
}

ww_rc ww_write_json(struct ww_out *o, const struct ww_report *r)
{
	size_t i, j;
	bool first = true;
	if (r->rc)
		return r->rc;
	ww_out_puts(o, "{");
	ww_json_key(o, "command", &first);
	ww_out_json_str(o, r->command ? r->command : "");
	ww_json_key(o, "schema", &first);
	ww_out_printf(o, "%d", WW_JSON_SCHEMA);
	ww_json_key(o, "hosts", &first);
	json_findings(o, r, WW_FINDING_HOST);
	ww_out_puts(o, "\n");
	ww_json_key(o, "findings", &first);
	json_findings(o, r, WW_FINDING_ARTIFACT);
	ww_out_puts(o, "\n");
	ww_json_key(o, "input", &first);
	ww_json_object(o, &r->input);
	for (i = 0; i < r->n_sections; i++) {
		const struct ww_section *s = r->sections[i];
		ww_out_puts(o, "\n");
		ww_json_key(o, s->name, &first);
		if (s->single) {
			ww_json_object(o, s->n ? &s->rows[0].f : NULL);
			continue;
		}
		ww_out_puts(o, "[");
		for (j = 0; j < s->n; j++) {
			bool f2 = true;
			ww_out_puts(o, j ? ",\n {" : "{");
			ww_json_fields(o, &s->rows[j].f, &f2);
			ww_out_puts(o, "}");
		}
		ww_out_puts(o, "]");
	}
	ww_out_puts(o, "\n");
	ww_json_report_end(o, r, &first);
	return o->rc;
}
