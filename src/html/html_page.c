/* The report page: one HTML file with its style, script and charts inline,
 * in the order of the response guide's five steps (confirm, contain,
 * analyse, recover, verify), the summary first and the list of inputs last.
 * Every number carries a [n] link to the input it was read from. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "html/html_int.h"

#include <errno.h>
#include <stdio.h>

static const char css[] =
	"body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:60em;color:#1c1c1c;"
	"line-height:1.4;padding:0 1em}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #1f5fa8;padding-bottom:.2em;"
	"margin-top:1.6em}h3{margin-bottom:.3em}\n"
	"table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border:1px solid #bbb;"
	"padding:.25em .5em;text-align:left;vertical-align:top;font-size:.92em}th{background:#eef2f7}\n"
	".v-infected{color:#fff;background:#b3261e;padding:0 .4em;border-radius:3px}\n"
	".v-scanner{color:#fff;background:#c55a11;padding:0 .4em;border-radius:3px}\n"
	".v-suspicious{background:#fde8b0;padding:0 .4em;border-radius:3px}\n"
	".v-p2p,.v-normal{background:#e6eef6;padding:0 .4em;border-radius:3px}\n"
	".done{color:#2e7d32;font-weight:bold}.pending{color:#c55a11;font-weight:bold}"
	".failed{color:#b3261e;font-weight:bold}\n"
	".src{font-size:.75em;vertical-align:super;text-decoration:none;color:#1f5fa8}\n"
	".from{font-size:.85em;color:#555;margin:.2em 0 .6em}\n"
	"nav.steps ol{display:flex;gap:.5em;list-style:none;padding:0;flex-wrap:wrap}"
	"nav.steps li{border:1px solid #bbb;border-radius:4px;padding:.3em .6em}\n"
	"pre{background:#f5f5f5;border:1px solid #ddd;padding:.6em;overflow-x:auto;white-space:pre-wrap;"
	"word-break:break-all;font-size:.85em}\n"
	"figure.chartbox{margin:.6em 0}.graph svg{max-width:100%;height:auto}\n"
	"ul.evidence li{margin:.15em 0}.host{border-left:4px solid #bbb;padding-left:.8em;"
	"margin:1em 0}.host.infected{border-color:#b3261e}.host.scanner{border-color:#c55a11}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}nav.steps{display:none}"
	"a.src{color:#000}section{break-before:auto}h2{break-after:avoid}"
	".host,figure,table,tr{break-inside:avoid}canvas,svg{max-width:100%}"
	"@page{size:A4;margin:15mm}}\n";

static bool is_culprit(const struct hr_host *h)
{
	return h->verdict == WW_VERDICT_INFECTED || h->verdict == WW_VERDICT_SCANNER;
}

static void verdict_badge(struct ww_out *o, enum ww_verdict v)
{
	ww_out_printf(o, "<span class=\"v-%s\">%s</span>", hr_verdict_word(v), hr_verdict_word(v));
}

static bool addr_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
	       c == ':';
}

/* the address as a whole token in a text (not 10.0.0.1 inside 10.0.0.12) */
static bool mentions(const char *text, const char *addr)
{
	size_t n = strlen(addr);
	const char *p = text;
	while ((p = strstr(p, addr)) != NULL) {
		bool before = p == text || !addr_char(p[-1]), after = !addr_char(p[n]);
		if (before && after)
			return true;
		p += 1;
	}
	return false;
}

static void finish_model(struct ww_hr *hr)
{
	unsigned s;
	size_t i;
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *r;
		const char *rules;
		if (strcmp(hr->inputs[s].command, "contain") != 0 || !hr->inputs[s].root ||
		    !json_object_object_get_ex(hr->inputs[s].root, "rules", &r) ||
		    !json_object_is_type(r, json_type_string))
			continue;
		rules = json_object_get_string(r);
		for (i = 0; i < hr->n_hosts; i++)
			if (!hr->hosts[i].contained && mentions(rules, hr->hosts[i].name)) {
				hr->hosts[i].contained = true;
				hr->hosts[i].contain_src = s;
			}
	}
}

static void from_inputs(struct ww_out *o, const struct ww_hr *hr, const char *const *cmds)
{
	unsigned s;
	bool any = false;
	for (s = 0; s < hr->n_inputs; s++) {
		const char *const *c;
		for (c = cmds; *c; c++)
			if (strcmp(hr->inputs[s].command, *c) == 0)
				break;
		if (!*c)
			continue;
		ww_out_puts(o, any ? ", " : "<p class=\"from\">From: ");
		any = true;
		ww_out_printf(o, "<a href=\"#in%u\">[%u]</a> <code>", s + 1, s + 1);
		hr_text(o, hr->inputs[s].path);
		ww_out_printf(o, "</code> (%s)", hr->inputs[s].command);
	}
	if (any)
		ww_out_puts(o, "</p>\n");
}

static const char *const net_cmds[] = {"analyze", "nat", "logs", "watch", "alerts", NULL};

/* the overall next steps of the network results that begin with `word`
 * (TRANSLATORS: the words "contain", "analyse", "recover", "verify" begin
 * the steps of state/report.c: translate them as those steps begin) */
static void steps_starting(struct ww_out *o, const struct ww_hr *hr, const char *word)
{
	unsigned s;
	size_t n = strlen(word);
	bool any = false;
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *st;
		size_t i, m;
		if (!hr->inputs[s].root || strcmp(hr->inputs[s].command, "host") == 0 ||
		    !json_object_object_get_ex(hr->inputs[s].root, "next_steps", &st) ||
		    !json_object_is_type(st, json_type_array))
			continue;
		m = json_object_array_length(st);
		for (i = 0; i < m; i++) {
			struct json_object *e = json_object_array_get_idx(st, i);
			const char *t;
			if (!json_object_is_type(e, json_type_string))
				continue;
			t = json_object_get_string(e);
			/* a result written in the reader's language begins with
			 * the word's translation */
			if (strncmp(t, word, n) != 0 && strncmp(t, _(word), strlen(_(word))) != 0)
				continue;
			if (!any)
				ww_out_printf(o, "<p>%s</p><ul>", _("What the analysis advises:"));
			ww_out_puts(o, "<li>");
			any = true;
			hr_text(o, t);
			hr_src(o, hr, s);
			ww_out_puts(o, "</li>\n");
		}
		if (any)
			break; /* one result's advice is enough; the others repeat it */
	}
	if (any)
		ww_out_puts(o, "</ul>\n");
}

/* ---- the five steps' state, for the summary and the navigation ---- */

enum st { ST_DONE, ST_PARTIAL, ST_PENDING, ST_FAILED, ST_NONE };
static const char *const st_word[] = {N_("done"), N_("partly done"), N_("pending"), N_("failed"),
                                      N_("nothing to do")};
static const char *const st_class[] = {"done", "pending", "pending", "failed", "done"};

struct state {
	size_t culprits, contained, triaged, cleaned, verified, spreading;
	bool have_net, have_verify, have_contain;
	int64_t since;
	unsigned since_src;
	enum st step[5];
};

static bool host_triaged(const struct ww_hr *hr, size_t idx)
{
	unsigned s;
	for (s = 0; s < hr->n_inputs; s++)
		if (hr->inputs[s].attach == (int)idx)
			return true;
	return false;
}

static void work_out(const struct ww_hr *hr, struct state *st)
{
	size_t i;
	unsigned s;
	memset(st, 0, sizeof(*st));
	for (s = 0; s < hr->n_inputs; s++) {
		const char *c = hr->inputs[s].command;
		if (strcmp(c, "verify") == 0)
			st->have_verify = true;
		else if (strcmp(c, "contain") == 0)
			st->have_contain = true;
		else if (strcmp(c, "host") != 0)
			st->have_net = true;
	}
	for (i = 0; i < hr->n_hosts; i++) {
		const struct hr_host *h = &hr->hosts[i];
		int64_t t = h->first_alert_us;
		if (!is_culprit(h))
			continue;
		st->culprits++;
		if (h->contained)
			st->contained++;
		if (host_triaged(hr, i))
			st->triaged++;
		if ((h->done & (HR_DONE_CLEAN | HR_DONE_REBUILT)) ||
		    (h->has_verify && strcmp(h->vstatus, "clean") == 0))
			st->cleaned++;
		if (h->has_verify && strcmp(h->vstatus, "clean") == 0)
			st->verified++;
		if (h->has_verify && strcmp(h->vstatus, "still-spreading") == 0)
			st->spreading++;
		if (h->timeline.n && (!t || h->timeline.v[0].t_us < t))
			t = h->timeline.v[0].t_us;
		if (t && (!st->since || t < st->since)) {
			st->since = t;
			st->since_src = t == h->first_alert_us ? h->alert_src : h->timeline.src;
		}
	}
#define PART(done, all) ((done) == (all) ? ST_DONE : (done) ? ST_PARTIAL : ST_PENDING)
	st->step[0] = !st->have_net && !st->have_verify ? ST_PENDING : ST_DONE;
	if (!st->culprits) {
		st->step[1] = st->step[2] = st->step[3] = ST_NONE;
		st->step[4] = st->have_verify ? ST_DONE : ST_NONE;
		return;
	}
	st->step[1] = PART(st->contained, st->culprits);
	st->step[2] = PART(st->triaged, st->culprits);
	st->step[3] = PART(st->cleaned, st->culprits);
	st->step[4] = st->spreading ? ST_FAILED : PART(st->verified, st->culprits);
#undef PART
}

static const char *const step_ids[] = {"step-confirm", "step-contain", "step-analyse",
                                       "step-recover", "step-verify"};
static const char *const step_names[] = {N_("Confirm"), N_("Contain"), N_("Analyse"),
                                         N_("Recover"), N_("Verify and learn")};

static void nav(struct ww_out *o, const struct state *st)
{
	int i;
	ww_out_puts(o, "<nav class=\"steps\"><ol>");
	for (i = 0; i < 5; i++)
		ww_out_printf(o, "<li><a href=\"#%s\">%d. %s</a>: <span class=\"%s\">%s</span></li>",
		              step_ids[i], i + 1, _(step_names[i]), st_class[st->step[i]],
		              _(st_word[st->step[i]]));
	ww_out_puts(o, "</ol></nav>\n");
}

static void summary(struct ww_out *o, const struct ww_hr *hr, const struct state *st)
{
	size_t i;
	int k;
	ww_out_printf(o, "<section id=\"summary\"><h2>%s</h2>\n<p id=\"what-happened\">", _("Summary"));
	if (!st->have_net && !st->have_verify) {
		ww_out_puts(o, _("No network result (analyze, nat, logs, watch) was given: nothing is "
		                 "confirmed yet."));
	} else if (!st->culprits) {
		ww_out_puts(o, _("No host was found infected or scanning in the inputs."));
	} else {
		size_t n = 0;
		ww_out_printf(o, P_("%zu host has been found spreading or scanning: ",
		                    "%zu hosts have been found spreading or scanning: ", st->culprits),
		              st->culprits);
		for (i = 0; i < hr->n_hosts; i++) {
			const struct hr_host *h = &hr->hosts[i];
			if (!is_culprit(h))
				continue;
			ww_out_puts(o, n++ ? ", " : "");
			ww_out_printf(o, "<strong class=\"culprit\">%s</strong> (%s", h->name,
			              hr_verdict_word(h->verdict));
			hr_src(o, hr, h->verdict_src);
			ww_out_puts(o, ")");
		}
		ww_out_puts(o, ".");
		if (st->since) {
			ww_out_puts(o, _(" Seen since "));
			hr_time(o, st->since);
			hr_src(o, hr, st->since_src);
			ww_out_puts(o, ".");
		}
		if (hr->n_edges)
			ww_out_printf(o, P_(" The evidence shows %zu step of propagation between hosts.",
			                    " The evidence shows %zu steps of propagation between hosts.",
			                    hr->n_edges), hr->n_edges);
	}
	ww_out_puts(o, "</p>\n");
	/* the hosts at a glance */
	if (hr->n_hosts) {
		ww_out_printf(o, "<table id=\"hosts\"><tr><th>%s</th><th>%s</th><th>%s</th>"
		              "<th>%s</th><th>%s</th><th>%s</th></tr>\n", _("host"), _("verdict"),
		              _("first alert"), _("new destinations"), _("connection table"),
		              _("after clean-up"));
		for (k = WW_VERDICT_INFECTED; k >= WW_VERDICT_NORMAL; k--)
			for (i = 0; i < hr->n_hosts; i++) {
				const struct hr_host *h = &hr->hosts[i];
				if ((int)h->verdict != k || (!h->seen && !h->has_verify && h->verdict == WW_VERDICT_NORMAL))
					continue;
				ww_out_printf(o, "<tr class=\"host-row\" data-addr=\"%s\"><td><a href=\"#host-%zu\">%s</a></td><td>",
				              h->name, i, h->name);
				verdict_badge(o, h->verdict);
				hr_src(o, hr, h->verdict_src);
				ww_out_puts(o, "</td><td>");
				if (h->first_alert_us) {
					hr_time(o, h->first_alert_us);
					hr_src(o, hr, h->alert_src);
				}
				ww_out_puts(o, "</td><td>");
				if (h->first_contacts >= 0) {
					ww_out_printf(o, "%lld", h->first_contacts);
					hr_src(o, hr, h->fc_src);
				}
				ww_out_puts(o, "</td><td>");
				if (h->nat_entries >= 0) {
					ww_out_printf(o, "%lld entries (%.0f%%)", h->nat_entries, h->nat_share);
					hr_src(o, hr, h->nat_src);
				}
				ww_out_puts(o, "</td><td>");
				if (h->has_verify) {
					hr_text(o, h->vanswer ? h->vanswer : h->vstatus);
					hr_src(o, hr, h->verify_src);
				}
				ww_out_puts(o, "</td></tr>\n");
			}
		ww_out_puts(o, "</table>\n");
	}
	ww_out_printf(o, "<table id=\"progress\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	              _("step"), _("state"), _("what is done, what is pending"));
	for (k = 0; k < 5; k++) {
		ww_out_printf(o, "<tr><td><a href=\"#%s\">%d. %s</a></td><td class=\"%s\">%s</td><td>",
		              step_ids[k], k + 1, _(step_names[k]), st_class[st->step[k]],
		              _(st_word[st->step[k]]));
		switch (k) {
		case 0:
			ww_out_printf(o, _("%zu host%s flagged from %u result%s"), st->culprits,
			              st->culprits == 1 ? "" : "s", hr->n_inputs, hr->n_inputs == 1 ? "" : "s");
			break;
		case 1:
			ww_out_printf(o, _("%zu of %zu culprits named in containment rules%s"), st->contained,
			              st->culprits, st->have_contain ? "" : _(" (no `wormwatch contain` result given)"));
			break;
		case 2:
			ww_out_printf(o, _("%zu of %zu culprits triaged on the machine (`wormwatch host`)"),
			              st->triaged, st->culprits);
			break;
		case 3:
			ww_out_printf(o, _("%zu of %zu culprits cleaned or rebuilt"), st->cleaned, st->culprits);
			break;
		default:
			if (!st->have_verify)
				ww_out_puts(o, _("no `wormwatch verify` result given"));
			else
				ww_out_printf(o, _("%zu of %zu culprits clean after, %zu still spreading"),
				              st->verified, st->culprits, st->spreading);
		}
		ww_out_puts(o, "</td></tr>\n");
	}
	ww_out_puts(o, "</table>\n");
	if (hr->n_hosts_dropped)
		ww_out_printf(o, "<p class=\"pending\">%u hosts beyond the first %d are not shown.</p>\n",
		              hr->n_hosts_dropped, HR_MAX_HOSTS);
	ww_out_puts(o, "</section>\n");
}

static void step_confirm(struct ww_out *o, const struct ww_hr *hr, struct hr_chart_ctx *c)
{
	size_t i;
	unsigned s;
	bool any = false;
	ww_out_printf(o, "<section id=\"step-confirm\"><h2>%s</h2>\n", _("1. Confirm the incident"));
	from_inputs(o, hr, net_cmds);
	for (i = 0; i < hr->n_hosts; i++) {
		const struct hr_host *h = &hr->hosts[i];
		if (!is_culprit(h))
			continue;
		any = true;
		ww_out_printf(o, "<h3>%s ", h->name);
		verdict_badge(o, h->verdict);
		ww_out_puts(o, "</h3>\n<p>");
		if (h->title) {
			hr_text(o, h->title);
			hr_src(o, hr, h->title_src);
		}
		if (h->first_alert_us) {
			ww_out_printf(o, "</p>\n<p>%s", _("First alert: "));
			hr_time(o, h->first_alert_us);
			hr_src(o, hr, h->alert_src);
			ww_out_puts(o, ".");
		}
		ww_out_puts(o, "</p>\n");
		if (h->timeline.n > 1) {
			hr_chart_timeline(o, c, hr, h);
			ww_out_printf(o, "<p class=\"from\">%s",
			              _("New destinations per minute from the result's \"timeline\""));
			hr_src(o, hr, h->timeline.src);
			ww_out_printf(o, "%s</p>\n", _("; the triangle marks the first alert."));
		}
	}
	if (!any)
		ww_out_printf(o, "<p>%s</p>\n", _("No host was found infected or scanning."));
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *root = hr->inputs[s].root, *t;
		if (!root || (strcmp(hr->inputs[s].command, "nat") != 0 &&
		              strcmp(hr->inputs[s].command, "logs") != 0))
			continue;
		if (!json_object_object_get_ex(root, "table", &t) && !json_object_object_get_ex(root, "history", &t))
			continue;
		ww_out_printf(o, "<h3>Connection (NAT) table %s", "");
		hr_src(o, hr, s);
		ww_out_puts(o, "</h3>\n");
		if (json_object_object_get_ex(root, "table", &t) && json_object_is_type(t, json_type_object)) {
			struct json_object *e, *m, *f;
			ww_out_puts(o, "<p>");
			if (json_object_object_get_ex(t, "entries", &e))
				ww_out_printf(o, _("%lld entries"), (long long)json_object_get_int64(e));
			if (json_object_object_get_ex(t, "max", &m) && json_object_is_type(m, json_type_int) &&
			    json_object_get_int64(m) > 0) /* 0: the size is not known */
				ww_out_printf(o, _(" of %lld"), (long long)json_object_get_int64(m));
			if (json_object_object_get_ex(t, "full", &f) && json_object_get_boolean(f))
				ww_out_puts(o, _(": <strong>the table is full</strong>, new connections fail"));
			hr_src(o, hr, s);
			ww_out_puts(o, "</p>\n");
		}
		hr_chart_table(o, c, hr, s);
		hr_chart_shares(o, c, hr, s);
	}
	hr_chart_share_dumps(o, c, hr);
	ww_out_puts(o, "</section>\n");
}

/* the lines of the contain result's rules that name this host */
static void rule_lines(struct ww_out *o, const struct ww_hr *hr, const struct hr_host *h)
{
	struct json_object *r;
	const char *p;
	unsigned shown = 0;
	char line[512];
	if (!json_object_object_get_ex(hr->inputs[h->contain_src].root, "rules", &r) ||
	    !json_object_is_type(r, json_type_string))
		return;
	for (p = json_object_get_string(r); *p && shown < 8;) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) - 1 ? n : sizeof(line) - 1), p);
		if (mentions(line, h->name)) {
			ww_out_puts(o, shown++ ? "\n" : "<pre class=\"host-rules\">");
			hr_text(o, line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	if (shown)
		ww_out_puts(o, "</pre>");
}

static void step_contain(struct ww_out *o, const struct ww_hr *hr, const struct state *st)
{
	static const char *const cmds[] = {"contain", NULL};
	unsigned s;
	size_t i;
	ww_out_printf(o, "<section id=\"step-contain\"><h2>%s</h2>\n", _("2. Contain"));
	from_inputs(o, hr, cmds);
	if (st->culprits) {
		ww_out_puts(o, "<ul>");
		for (i = 0; i < hr->n_hosts; i++) {
			const struct hr_host *h = &hr->hosts[i];
			if (!is_culprit(h))
				continue;
			ww_out_printf(o, "<li>%s: ", h->name);
			if (h->contained) {
				ww_out_printf(o, "<span class=\"done\">%s</span>", _("isolated by the rules below"));
				hr_src(o, hr, h->contain_src);
				rule_lines(o, hr, h);
			} else {
				ww_out_printf(o, "<span class=\"pending\">%s</span>", _("no containment rule names it yet"));
			}
			ww_out_puts(o, "</li>\n");
		}
		ww_out_puts(o, "</ul>\n");
	}
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *r;
		if (strcmp(hr->inputs[s].command, "contain") != 0 || !hr->inputs[s].root)
			continue;
		if (json_object_object_get_ex(hr->inputs[s].root, "rules", &r) &&
		    json_object_is_type(r, json_type_string)) {
			ww_out_printf(o, "<p>%s", _("Rules written"));
			hr_src(o, hr, s);
			ww_out_puts(o, ":</p><pre class=\"rules\">");
			hr_text_pre(o, json_object_get_string(r));
			ww_out_puts(o, "</pre>\n");
		}
	}
	if (!st->have_contain && st->culprits)
		ww_out_puts(o, "<p class=\"pending\">Pending: write the rules with <code>wormwatch contain "
		               "RESULT...</code> and add its JSON result to this report.</p>\n");
	steps_starting(o, hr, N_("contain"));
	ww_out_puts(o, "</section>\n");
}

static void finding_html(struct ww_out *o, const struct ww_hr *hr, unsigned src,
                         struct json_object *f)
{
	struct json_object *v, *ev;
	ww_out_puts(o, "<li class=\"finding\">");
	if (json_object_object_get_ex(f, "severity", &v)) {
		ww_out_puts(o, "<strong>");
		hr_text(o, json_object_get_string(v));
		ww_out_puts(o, "</strong> ");
	}
	if (json_object_object_get_ex(f, "title", &v) && json_object_is_type(v, json_type_string))
		hr_text(o, json_object_get_string(v));
	if (json_object_object_get_ex(f, "image", &v) && json_object_is_type(v, json_type_string)) {
		struct json_object *pid;
		ww_out_puts(o, " (process <code class=\"image\">");
		hr_text(o, json_object_get_string(v));
		ww_out_puts(o, "</code>");
		if (json_object_object_get_ex(f, "pid", &pid) && json_object_is_type(pid, json_type_int))
			ww_out_printf(o, ", PID %lld", (long long)json_object_get_int64(pid));
		ww_out_puts(o, ")");
	}
	if (json_object_object_get_ex(f, "source", &v) && json_object_is_type(v, json_type_string)) {
		struct json_object *line;
		ww_out_puts(o, " <span class=\"from\">in <code>");
		hr_text(o, json_object_get_string(v));
		if (json_object_object_get_ex(f, "line", &line) && json_object_is_type(line, json_type_int))
			ww_out_printf(o, "</code> line %lld", (long long)json_object_get_int64(line));
		else
			ww_out_puts(o, "</code>");
		ww_out_puts(o, "</span>");
	}
	hr_src(o, hr, src);
	if (json_object_object_get_ex(f, "evidence", &ev) && json_object_is_type(ev, json_type_array)) {
		size_t i, n = json_object_array_length(ev);
		ww_out_puts(o, "<ul class=\"evidence\">");
		for (i = 0; i < n && i < HR_MAX_TEXTS; i++) {
			ww_out_puts(o, "<li>");
			hr_text(o, json_object_get_string(json_object_array_get_idx(ev, i)));
			ww_out_puts(o, "</li>");
		}
		if (n > HR_MAX_TEXTS)
			ww_out_printf(o, "<li>... %zu more in the input</li>", n - HR_MAX_TEXTS);
		ww_out_puts(o, "</ul>");
	}
	ww_out_puts(o, "</li>\n");
}

/* a host result: its findings, and the autostart entries it listed */
static void triage_html(struct ww_out *o, const struct ww_hr *hr, unsigned s)
{
	struct json_object *root = hr->inputs[s].root, *arr;
	size_t i, n;
	ww_out_printf(o, "<div class=\"triage\"><p>%s<code>", _("Host triage from "));
	hr_text(o, hr->inputs[s].path);
	ww_out_puts(o, "</code>");
	hr_src(o, hr, s);
	ww_out_puts(o, ":</p>\n");
	if (json_object_object_get_ex(root, "findings", &arr) && json_object_is_type(arr, json_type_array) &&
	    (n = json_object_array_length(arr))) {
		ww_out_puts(o, "<ul class=\"findings\">");
		for (i = 0; i < n; i++)
			finding_html(o, hr, s, json_object_array_get_idx(arr, i));
		ww_out_puts(o, "</ul>\n");
	} else {
		ww_out_printf(o, "<p>%s</p>\n", _("Nothing found on the machine."));
	}
	if (json_object_object_get_ex(root, "autostarts", &arr) && json_object_is_type(arr, json_type_array) &&
	    (n = json_object_array_length(arr))) {
		ww_out_puts(o, "<table class=\"autostarts\"><tr><th>autostart key</th><th>name</th>"
		               "<th>starts</th><th>file, line</th></tr>\n");
		for (i = 0; i < n && i < 200; i++) {
			struct json_object *row = json_object_array_get_idx(arr, i), *v;
			static const char *const keys[] = {"key", "name", "data", "source"};
			size_t k;
			if (!json_object_is_type(row, json_type_object))
				continue;
			ww_out_puts(o, "<tr>");
			for (k = 0; k < 4; k++) {
				ww_out_puts(o, "<td>");
				if (json_object_object_get_ex(row, keys[k], &v) && json_object_is_type(v, json_type_string))
					hr_text(o, json_object_get_string(v));
				if (k == 3 && json_object_object_get_ex(row, "line", &v) &&
				    json_object_is_type(v, json_type_int))
					ww_out_printf(o, ":%lld", (long long)json_object_get_int64(v));
				ww_out_puts(o, "</td>");
			}
			ww_out_puts(o, "</tr>\n");
		}
		ww_out_puts(o, "</table>\n");
	}
	ww_out_puts(o, "</div>\n");
}

static void step_analyse(struct ww_out *o, const struct ww_hr *hr)
{
	static const char *const cmds[] = {"analyze", "nat", "logs", "watch", "alerts", "host", NULL};
	size_t i;
	unsigned s;
	ww_out_printf(o, "<section id=\"step-analyse\"><h2>%s</h2>\n", _("3. Analyse"));
	from_inputs(o, hr, cmds);
	ww_out_printf(o, "<h3>%s</h3>\n", _("Propagation: who infected whom"));
	if (hr_graph_svg(o, hr)) {
		ww_out_puts(o, "<ul class=\"edges\">");
		for (i = 0; i < hr->n_edges; i++) {
			const struct hr_edge *e = &hr->edges[i];
			ww_out_printf(o, "<li>%s %s %s on port %u", hr->hosts[e->from].name,
			              e->attacked ? "attacked" : "probably infected", hr->hosts[e->to].name, e->port);
			if (e->t_us) {
				ww_out_puts(o, " at ");
				hr_time(o, e->t_us);
			}
			hr_src(o, hr, e->src);
			ww_out_puts(o, "</li>\n");
		}
		ww_out_puts(o, "</ul>\n<p class=\"from\">Graph laid out by Graphviz (dot) from the "
		               "evidence lines \"probably infected by ...\" and \"was attacked by ...\".</p>\n");
	} else {
		ww_out_printf(o, "<p>%s</p>\n", _("The inputs show no host infecting another (no \"probably "
		                                  "infected by\" evidence)."));
	}
	for (i = 0; i < hr->n_hosts; i++) {
		const struct hr_host *h = &hr->hosts[i];
		size_t k;
		if (h->verdict == WW_VERDICT_NORMAL && !h->evidence.n && !host_triaged(hr, i))
			continue;
		ww_out_printf(o, "<div class=\"host %s\" id=\"host-%zu\"><h3>%s ", hr_verdict_word(h->verdict),
		              i, h->name);
		verdict_badge(o, h->verdict);
		hr_src(o, hr, h->verdict_src);
		ww_out_puts(o, "</h3>\n");
		if (h->evidence.n) {
			ww_out_puts(o, "<ul class=\"evidence\">");
			for (k = 0; k < h->evidence.n; k++) {
				ww_out_puts(o, "<li>");
				hr_text(o, h->evidence.v[k].s);
				hr_src(o, hr, h->evidence.v[k].src);
				ww_out_puts(o, "</li>\n");
			}
			ww_out_puts(o, "</ul>\n");
			if (h->evidence.n >= HR_MAX_TEXTS)
				ww_out_printf(o, "<p class=\"from\">The first %d evidence lines; the inputs "
				              "hold the rest.</p>\n", HR_MAX_TEXTS);
		}
		for (s = 0; s < hr->n_inputs; s++)
			if (hr->inputs[s].attach == (int)i)
				triage_html(o, hr, s);
		if (is_culprit(h) && !host_triaged(hr, i))
			ww_out_printf(o, "<p class=\"pending\">Not triaged yet: collect its outputs "
			              "(scripts/collect-windows.cmd), run <code>wormwatch host --json DIR</code> "
			              "and add it here as <code>%s=host.json</code>.</p>\n", h->name);
		ww_out_puts(o, "</div>\n");
	}
	for (s = 0; s < hr->n_inputs; s++)
		if (strcmp(hr->inputs[s].command, "host") == 0 && hr->inputs[s].attach < 0) {
			ww_out_printf(o, "<div class=\"host machine\"><h3>%s</h3>\n", _("A machine (address not given)"));
			triage_html(o, hr, s);
			ww_out_puts(o, "</div>\n");
		}
	steps_starting(o, hr, N_("analyse"));
	ww_out_puts(o, "</section>\n");
}

static void check(struct ww_out *o, bool done, const char *how, const struct ww_hr *hr,
                  int src)
{
	if (done) {
		ww_out_printf(o, "<td class=\"done\">&#x2611; %s</td><td>%s", _("done"), _(how));
		if (src >= 0)
			hr_src(o, hr, (unsigned)src);
		ww_out_puts(o, "</td>");
	} else {
		ww_out_printf(o, "<td class=\"pending\">&#x2610; %s</td><td>%s</td>", _("not done"), _(how));
	}
}

static void step_recover(struct ww_out *o, const struct ww_hr *hr)
{
	size_t i;
	bool any = false;
	static const char *const cmds[] = {"contain", "verify", NULL};
	ww_out_printf(o, "<section id=\"step-recover\"><h2>%s</h2>\n", _("4. Recover"));
	from_inputs(o, hr, cmds);
	ww_out_printf(o, "<p>%s</p>\n", _("The guide's checklist for every culprit. Steps done by hand are "
	                                  "recorded with <code>wormwatch report --done "
	                                  "ADDR:clean,patched,passwords</code>."));
	for (i = 0; i < hr->n_hosts; i++) {
		const struct hr_host *h = &hr->hosts[i];
		bool vclean = h->has_verify && strcmp(h->vstatus, "clean") == 0;
		if (!is_culprit(h))
			continue;
		any = true;
		ww_out_printf(o, "<h3>%s</h3>\n<table class=\"checklist\" data-addr=\"%s\"><tr><th>%s</th>"
		              "<th>%s</th><th>%s</th></tr>\n", h->name, h->name, _("step"), _("state"),
		              _("how it is known"));
		ww_out_printf(o, "<tr><td>%s</td>", _("isolated from the network"));
		if (h->contained)
			check(o, true, N_("containment rules name it"), hr, (int)h->contain_src);
		else if (h->has_verify && strcmp(h->vstatus, "not-seen") == 0)
			check(o, true, N_("not seen after (disconnected?)"), hr, (int)h->verify_src);
		else
			check(o, false, N_("no containment result names it"), hr, -1);
		ww_out_printf(o, "</tr>\n<tr><td>%s</td>", _("cleaned with an up-to-date removal tool, or "
		                                            "rebuilt if a backdoor or rootkit was found"));
		if (h->done & HR_DONE_REBUILT)
			check(o, true, N_("rebuilt (recorded with --done)"), hr, -1);
		else if (h->done & HR_DONE_CLEAN)
			check(o, true, N_("cleaned (recorded with --done)"), hr, -1);
		else if (vclean)
			check(o, true, N_("normal after the clean-up"), hr, (int)h->verify_src);
		else
			check(o, false, N_("not recorded"), hr, -1);
		ww_out_printf(o, "</tr>\n<tr><td>%s</td>", _("patched (MS08-067, MS17-010)"));
		check(o, (h->done & HR_DONE_PATCHED) != 0,
		      (h->done & HR_DONE_PATCHED) ? N_("recorded with --done") : N_("not recorded"), hr, -1);
		ww_out_printf(o, "</tr>\n<tr><td>%s</td>", _("administrator passwords changed"));
		check(o, (h->done & HR_DONE_PASSWORDS) != 0,
		      (h->done & HR_DONE_PASSWORDS) ? N_("recorded with --done") : N_("not recorded"), hr, -1);
		ww_out_printf(o, "</tr>\n<tr><td>%s</td>", _("verified clean before reconnecting"));
		if (h->has_verify && !vclean) {
			ww_out_printf(o, "<td class=\"failed\">&#x2612; %s</td><td>", _("not clean"));
			hr_text(o, h->vanswer ? h->vanswer : h->vstatus);
			hr_src(o, hr, h->verify_src);
			ww_out_puts(o, "</td>");
		} else {
			check(o, vclean, vclean ? N_("verify: clean") : N_("no verify result"), hr,
			      vclean ? (int)h->verify_src : -1);
		}
		ww_out_puts(o, "</tr>\n</table>\n");
	}
	if (!any)
		ww_out_printf(o, "<p>%s</p>\n", _("No culprit: nothing to recover."));
	steps_starting(o, hr, N_("recover"));
	ww_out_puts(o, "</section>\n");
}

static void step_verify(struct ww_out *o, const struct ww_hr *hr, struct hr_chart_ctx *c)
{
	static const char *const cmds[] = {"verify", NULL};
	unsigned s;
	bool any = false;
	ww_out_printf(o, "<section id=\"step-verify\"><h2>%s</h2>\n", _("5. Verify and learn"));
	from_inputs(o, hr, cmds);
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *root = hr->inputs[s].root, *t, *side, *e, *wp;
		size_t i;
		if (strcmp(hr->inputs[s].command, "verify") != 0 || !root)
			continue;
		any = true;
		ww_out_printf(o, "<table class=\"verify\"><tr><th>%s</th><th>%s</th><th>%s</th>"
		              "<th>%s</th><th>%s</th></tr>\n", _("host"), _("before"), _("after"),
		              _("answer"), _("what changed"));
		for (i = 0; i < hr->n_hosts; i++) {
			const struct hr_host *h = &hr->hosts[i];
			size_t k;
			if (!h->has_verify || h->verify_src != s)
				continue;
			ww_out_printf(o, "<tr><td>%s</td><td>", h->name);
			hr_text(o, h->vbefore[0] ? h->vbefore : "-");
			if (h->vbefore_fc >= 0)
				ww_out_printf(o, ", %lld new destinations", h->vbefore_fc);
			ww_out_puts(o, "</td><td>");
			hr_text(o, h->vafter[0] ? h->vafter : "not seen");
			if (h->vafter_fc >= 0)
				ww_out_printf(o, ", %lld new destinations", h->vafter_fc);
			ww_out_printf(o, "</td><td class=\"%s\">", strcmp(h->vstatus, "clean") == 0 ? "done" :
			              strcmp(h->vstatus, "still-spreading") == 0 ? "failed" : "pending");
			hr_text(o, h->vanswer ? h->vanswer : h->vstatus);
			hr_src(o, hr, s);
			ww_out_puts(o, "</td><td>");
			for (k = 0; k < h->vchanged.n; k++) {
				ww_out_puts(o, k ? "<br>" : "");
				hr_text(o, h->vchanged.v[k].s);
			}
			ww_out_puts(o, "</td></tr>\n");
		}
		ww_out_puts(o, "</table>\n");
		if (json_object_object_get_ex(root, "table", &t) && json_object_is_type(t, json_type_object)) {
			long long b = -1, a = -1;
			if (json_object_object_get_ex(t, "before", &side) && json_object_is_type(side, json_type_object) &&
			    json_object_object_get_ex(side, "entries", &e))
				b = json_object_get_int64(e);
			if (json_object_object_get_ex(t, "after", &side) && json_object_is_type(side, json_type_object) &&
			    json_object_object_get_ex(side, "entries", &e))
				a = json_object_get_int64(e);
			if (b >= 0 && a >= 0) {
				ww_out_printf(o, "<p>Connection table: %lld entries before, %lld after", b, a);
				hr_src(o, hr, s);
				ww_out_puts(o, ".</p>\n");
			}
		}
		if (json_object_object_get_ex(root, "worm_port_packets", &wp) &&
		    json_object_is_type(wp, json_type_object) &&
		    json_object_object_get_ex(wp, "before", &e)) {
			struct json_object *a;
			ww_out_printf(o, "<p>Packets to worm ports: %lld before", (long long)json_object_get_int64(e));
			if (json_object_object_get_ex(wp, "after", &a))
				ww_out_printf(o, ", %lld after", (long long)json_object_get_int64(a));
			hr_src(o, hr, s);
			ww_out_puts(o, ".</p>\n");
		}
		hr_chart_verify(o, c, hr, s);
	}
	if (!any)
		ww_out_printf(o, "<p class=\"pending\">%s</p>\n",
		              _("Pending: after the clean-up, capture again (or dump the table) and run "
		                "<code>wormwatch verify --before ... --after ... --json</code>; add its "
		                "result to this report."));
	steps_starting(o, hr, N_("verify"));
	ww_out_printf(o, "<p>%s</p>\n</section>\n", _("Learn: keep this report with the captures "
	                                               "and results it names; the inputs are listed "
	                                               "below."));
}

static void inputs_list(struct ww_out *o, const struct ww_hr *hr)
{
	unsigned s;
	ww_out_printf(o, "<section id=\"inputs\"><h2>%s</h2>\n<ol>\n", _("Inputs"));
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *in;
		ww_out_printf(o, "<li id=\"in%u\"><code>", s + 1);
		hr_text(o, hr->inputs[s].path);
		ww_out_printf(o, "</code>: %s result", hr->inputs[s].command);
		if (hr->inputs[s].attach >= 0)
			ww_out_printf(o, ", collected on %s", hr->hosts[hr->inputs[s].attach].name);
		if (hr->inputs[s].root && json_object_object_get_ex(hr->inputs[s].root, "input", &in) &&
		    json_object_is_type(in, json_type_object)) {
			bool first = true;
			json_object_object_foreach(in, key, val) {
				if (!json_object_is_type(val, json_type_int) && !json_object_is_type(val, json_type_string))
					continue;
				ww_out_puts(o, first ? " (" : ", ");
				first = false;
				hr_text(o, key);
				ww_out_puts(o, " ");
				hr_text(o, json_object_get_string(val));
			}
			if (!first)
				ww_out_puts(o, ")");
		}
		ww_out_puts(o, "</li>\n");
	}
	ww_out_puts(o, "</ol>\n</section>\n");
}

const char *ww_hr_chartjs_default(void)
{
	const char *e = getenv("WORMWATCH_CHARTJS");
	return e ? e : WW_CHARTJS_PATH;
}

/* Chart.js's file, whole, if it can be inlined safely (no "</script" or
 * "<!--" in it); NULL with a warning otherwise. */
static char *read_chartjs(const char *path, size_t *len)
{
	FILE *f;
	char *buf;
	long n;
	if (!path || !*path)
		return NULL;
	f = fopen(path, "rb");
	if (!f) {
		ww_warn("cannot open Chart.js at '%s' (%s): the charts are drawn as plain SVG; install "
		        "libjs-chart.js for the interactive ones", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 || n > (8L << 20) ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		ww_warn("'%s' is empty or too large for Chart.js: the charts are drawn as plain SVG", path);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		ww_warn("cannot read '%s': the charts are drawn as plain SVG", path);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', (size_t)n) || strcasestr(buf, "</script") || strstr(buf, "<!--")) {
		free(buf);
		ww_warn("'%s' cannot be inlined into a page safely: the charts are drawn as plain SVG", path);
		return NULL;
	}
	*len = (size_t)n;
	return buf;
}

ww_rc ww_hr_write(struct ww_hr *hr, struct ww_out *o, const struct ww_hr_opts *opt)
{
	struct hr_chart_ctx c;
	struct state st;
	size_t jslen = 0;
	char *js = read_chartjs(opt->chartjs_path, &jslen);
	const char *title = opt->title ? opt->title : _("Worm incident report");
	memset(&c, 0, sizeof(c));
	c.chartjs = js != NULL;
	finish_model(hr);
	work_out(hr, &st);
	/* TRANSLATORS: the page's language code (BCP 47) for <html lang> */
	ww_out_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">", _("en"));
	ww_out_puts(o, "<head><meta charset=\"utf-8\">\n"
	               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	               "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
	               "<meta name=\"generator\" content=\"wormwatch " WW_VERSION "\">\n<title>");
	hr_text(o, title);
	ww_out_puts(o, "</title>\n<style>\n");
	ww_out_puts(o, css);
	ww_out_puts(o, "</style>\n");
	if (js) {
		ww_out_puts(o, "<script>\n");
		ww_out_write(o, js, jslen);
		ww_out_puts(o, "\n</script>\n");
	}
	ww_out_puts(o, "</head><body>\n<header><h1>");
	hr_text(o, title);
	ww_out_printf(o, "</h1><p class=\"from\">%s", _("Written "));
	hr_time(o, opt->now_us);
	ww_out_printf(o, _(" by wormwatch %s from %u result%s (listed under <a href=\"#inputs\">Inputs</a>; "
	                "a [n] beside a number names the input it was read from). Charts: %s.</p></header>\n"),
	              WW_VERSION, hr->n_inputs, hr->n_inputs == 1 ? "" : "s",
	              js ? "Chart.js (inlined)" : "inline SVG");
	nav(o, &st);
	summary(o, hr, &st);
	step_confirm(o, hr, &c);
	step_contain(o, hr, &st);
	step_analyse(o, hr);
	step_recover(o, hr);
	step_verify(o, hr, &c);
	inputs_list(o, hr);
	if (js)
		hr_chart_script(o);
	ww_out_puts(o, "</body></html>\n");
	free(js);
	return o->rc;
}
