/* Text writer: the summary a non-expert acts on. Culprits first with one
 * line of why, the numbers behind it, then what to do next; look-alikes
 * that were explained rather than flagged; input warnings last. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "report/writer.h"

static void text_safe_line(struct ww_out *o, const char *prefix, const struct ww_text *t)
{
	ww_out_puts(o, prefix);
	ww_out_text_safe(o, t->s);
	ww_out_puts(o, "\n");
}

static void text_fields(struct ww_out *o, const struct ww_fieldset *fs)
{
	size_t i;
	for (i = 0; i < fs->n; i++) {
		const struct ww_field *f = &fs->v[i];
		ww_out_printf(o, "%s%s=", i ? " " : "", f->key);
		switch (f->type) {
		case WW_FIELD_INT: ww_out_printf(o, "%lld", f->v.i); break;
		case WW_FIELD_DBL: ww_out_printf(o, "%.3g", f->v.d); break;
		case WW_FIELD_BOOL: ww_out_puts(o, f->v.b ? "yes" : "no"); break;
		case WW_FIELD_STR: ww_out_text_safe(o, f->v.s); break;
		case WW_FIELD_NULL: ww_out_puts(o, "unknown"); break;
		case WW_FIELD_PORTS: {
			size_t k;
			char b[64];
			for (k = 0; k < f->v.ports.n; k++) {
				ww_portcount_fmt(&f->v.ports.v[k], b, sizeof(b));
				ww_out_puts(o, k ? ", " : "");
				ww_out_puts(o, b);
			}
			break;
		}
		}
	}
}

/* A section's heading: its JSON name, in the reader's language when the
 * name is one of these (the JSON keeps the name) */
static const char *section_title(const char *name)
{
	static const char *const known[] = {
		N_("autostarts"), N_("history"), N_("inputs"), N_("processes"), N_("sockets"),
		N_("table"), N_("tasks"), N_("timeline"), N_("nat_hosts"), N_("log_hosts"),
	};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(known); i++)
		if (strcmp(name, known[i]) == 0)
			return _(known[i]);
	return name;
}

static void text_upper(struct ww_out *o, const char *s)
{
	for (; *s; s++) {
		char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
		ww_out_write(o, &c, 1);
	}
}

static void text_host(struct ww_out *o, const struct ww_finding *f)
{
	char a[WW_ADDR_STRLEN], t[WW_TIME_STRLEN];
	size_t i;
	ww_out_puts(o, "\n");
	text_upper(o, ww_verdict_name(f->verdict));
	ww_out_printf(o, "  %s  ", f->has_addr ? ww_addr_fmt(&f->addr, a) : "-");
	ww_out_printf(o, _("score %.2f"), f->score);
	if (f->first_alert_us && f->attempts_to_alert)
		ww_out_printf(o, P_("  alert after %u first contact at %s",
		                    "  alert after %u first contacts at %s", f->attempts_to_alert),
		              f->attempts_to_alert, ww_time_iso(f->first_alert_us, t, sizeof(t)));
	else if (f->first_alert_us)
		ww_out_printf(o, _("  alert at %s"), ww_time_iso(f->first_alert_us, t, sizeof(t)));
	ww_out_puts(o, "\n");
	if (f->title) {
		ww_out_puts(o, "  ");
		ww_out_puts(o, _("why: "));
		ww_out_text_safe(o, f->title);
		ww_out_puts(o, "\n");
	}
	for (i = 0; i < f->evidence.n; i++)
		text_safe_line(o, "  - ", &f->evidence.v[i]);
	for (i = 0; i < f->steps.n; i++) {
		ww_out_puts(o, i ? "       " : "  ");
		ww_out_puts(o, i ? "" : _("next: "));
		text_safe_line(o, "", &f->steps.v[i]);
	}
}

static void text_artifact(struct ww_out *o, const struct ww_finding *f)
{
	size_t i;
	ww_out_puts(o, "\n");
	text_upper(o, ww_severity_name(f->severity));
	ww_out_puts(o, "  ");
	ww_out_text_safe(o, f->title ? f->title : "");
	if (f->pid >= 0 || f->image) {
		ww_out_puts(o, "  [");
		if (f->image)
			ww_out_text_safe(o, f->image);
		if (f->pid >= 0)
			ww_out_printf(o, "%sPID %ld", f->image ? ", " : "", f->pid);
		ww_out_puts(o, "]");
	}
	ww_out_puts(o, "\n");
	if (f->source) {
		ww_out_puts(o, "  ");
		ww_out_puts(o, _("in: "));
		ww_out_text_safe(o, f->source);
		if (f->line)
			ww_out_printf(o, _(" line %lu"), f->line);
		ww_out_puts(o, "\n");
	}
	for (i = 0; i < f->evidence.n; i++)
		text_safe_line(o, "  - ", &f->evidence.v[i]);
	for (i = 0; i < f->steps.n; i++) {
		ww_out_puts(o, i ? "       " : "  ");
		ww_out_puts(o, i ? "" : _("fix: "));
		text_safe_line(o, "", &f->steps.v[i]);
	}
}

static void text_headline(struct ww_out *o, const struct ww_report *r)
{
	size_t counts[WW_VERDICT_INFECTED + 1] = {0}, arts = 0, i;
	bool any = false;
	for (i = 0; i < r->n_findings; i++) {
		if (r->findings[i]->kind == WW_FINDING_HOST)
			counts[r->findings[i]->verdict]++;
		else
			arts++;
	}
	ww_out_printf(o, "wormwatch %s: ", r->command ? r->command : "");
	for (i = WW_VERDICT_INFECTED; i > WW_VERDICT_NORMAL; i--) {
		if (!counts[i])
			continue;
		ww_out_printf(o, "%s%zu %s", any ? ", " : "", counts[i],
		              ww_verdict_name((enum ww_verdict)i));
		any = true;
	}
	if (arts) {
		ww_out_puts(o, any ? ", " : "");
		ww_out_printf(o, P_("%zu finding", "%zu findings", arts), arts);
		any = true;
	}
	if (!any)
		ww_out_puts(o, _("nothing found"));
	if (r->input.n) {
		ww_out_puts(o, " (");
		text_fields(o, &r->input);
		ww_out_puts(o, ")");
	}
	ww_out_puts(o, "\n");
}

ww_rc ww_write_text(struct ww_out *o, const struct ww_report *r)
{
	size_t i, j;
	if (r->rc)
		return r->rc;
	text_headline(o, r);
	for (i = 0; i < r->n_findings; i++) {
		if (r->findings[i]->kind == WW_FINDING_HOST)
			text_host(o, r->findings[i]);
		else
			text_artifact(o, r->findings[i]);
	}
	for (i = 0; i < r->n_sections; i++) {
		const struct ww_section *s = r->sections[i];
		ww_out_puts(o, "\n");
		ww_out_text_safe(o, section_title(s->name));
		ww_out_puts(o, ":\n");
		for (j = 0; j < s->n && j < 50; j++) {
			ww_out_puts(o, "  ");
			text_fields(o, &s->rows[j].f);
			ww_out_puts(o, "\n");
		}
		if (s->n > 50)
			ww_out_printf(o, _("  ... %zu more (see --json)\n"), s->n - 50);
	}
	if (r->notes.n) {
		ww_out_puts(o, _("\nExplained, not flagged:\n"));
		for (i = 0; i < r->notes.n; i++)
			text_safe_line(o, "  - ", &r->notes.v[i]);
	}
	if (r->steps.n) {
		ww_out_puts(o, _("\nWhat to do next:\n"));
		for (i = 0; i < r->steps.n; i++) {
			ww_out_printf(o, "  %zu. ", i + 1);
			text_safe_line(o, "", &r->steps.v[i]);
		}
	}
	if (r->warnings.n) {
		ww_out_puts(o, _("\nInput warnings:\n"));
		for (i = 0; i < r->warnings.n; i++)
			text_safe_line(o, "  - ", &r->warnings.v[i]);
	}
	return o->rc;
}
