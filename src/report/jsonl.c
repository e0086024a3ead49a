/* JSON lines writer (--format jsonl), as Zeek and Suricata write their
 * logs: one object per line, each saying what it is, so a line can be read
 * (grep, jq -c, a log shipper) without the lines around it:
 *
 * {"type":"host","schema":1,"command":"analyze","time":"<ISO 8601>","addr":...}
 * {"type":"finding","schema":1,"command":"host","time":...,"severity":...}
 * {"type":"row","schema":1,"command":"nat","time":...,"section":"nat_hosts",...}
 * {"type":"summary","schema":1,"command":"analyze","time":...,"input":{...},
 *  "hosts":N,"findings":N,...single sections...,"notes":[],"warnings":[],
 *  "next_steps":[]}
 *
 * "time" is the event's time when there is one (a host's first alert),
 * else the time the line was written. The members after the first four are
 * those of the JSON document's objects (json.c), so one schema serves both
 * (docs/schema/wormwatch.schema.json, $defs jsonl_*). */
#include "core/common.h"
#include "core/timefmt.h"
#include "report/writer.h"


static void line_head(struct ww_out *o, const char *type, const struct ww_report *r, int64_t t,
                      bool *first)
{
	char buf[WW_TIME_STRLEN];
	ww_out_puts(o, "{");
	*first = true;
	ww_json_key(o, "type", first);
	ww_out_json_str(o, type);
	ww_json_key(o, "schema", first);
	ww_out_printf(o, "%d", WW_JSON_SCHEMA);
	ww_json_key(o, "command", first);
	ww_out_json_str(o, r->command ? r->command : "");
	ww_json_key(o, "time", first);
	ww_out_json_str(o, ww_time_iso(t, buf, sizeof(buf)));
}

ww_rc ww_write_jsonl(struct ww_out *o, const struct ww_report *r)
{
	int64_t now = ww_wall_us();
	size_t i, j, n_hosts = 0, n_art = 0;
	bool first;
	if (r->rc)
		return r->rc;
	for (i = 0; i < r->n_findings; i++) {
		const struct ww_finding *f = r->findings[i];
		bool host = f->kind == WW_FINDING_HOST;
		line_head(o, host ? "host" : "finding", r,
		          host && f->first_alert_us ? f->first_alert_us : now, &first);
		ww_json_finding_fields(o, f, &first);
		ww_out_puts(o, "}\n");
		if (host)
			n_hosts++;
		else
			n_art++;
	}
	for (i = 0; i < r->n_sections; i++) {
		const struct ww_section *s = r->sections[i];
		if (s->single)
			continue;
		for (j = 0; j < s->n; j++) {
			line_head(o, "row", r, now, &first);
			ww_json_key(o, "section", &first);
			ww_out_json_str(o, s->name);
			ww_json_fields(o, &s->rows[j].f, &first);
			ww_out_puts(o, "}\n");
		}
	}
	line_head(o, "summary", r, now, &first);
	ww_json_key(o, "hosts", &first);
	ww_out_printf(o, "%zu", n_hosts);
	ww_json_key(o, "findings", &first);
	ww_out_printf(o, "%zu", n_art);
	ww_json_key(o, "input", &first);
	ww_json_object(o, &r->input);
	for (i = 0; i < r->n_sections; i++) {
		const struct ww_section *s = r->sections[i];
		if (!s->single)
			continue;
		ww_json_key(o, s->name, &first);
		ww_json_object(o, s->n ? &s->rows[0].f : NULL);
	}
	ww_json_report_end(o, r, &first);
	return o->rc;
}
