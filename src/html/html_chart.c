/* The report's charts. Each chart is described once (struct chart: labels,
 * up to four series, an optional marked point) and written either as a
 * <canvas> with its data in a <script type="application/json"> beside it,
 * drawn by Chart.js (inlined into the page from Debian's libjs-chart.js),
 * or, without Chart.js, as inline SVG bars written here from the same
 * numbers. Data strings go through hr_json_str (script context) or hr_text
 * (SVG text); numbers are written by printf. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "html/html_int.h"

#include <math.h>
#include <stdio.h>

#define CH_MAX 64       /* points per chart */
#define CH_SERIES 4
#define CH_W 640
#define CH_H 230

struct chart {
	const char *kind;            /* "line" or "bar" */
	char title[320];             /* may hold an address (escaped on output) */
	const char *ylabel;
	size_t n;
	char labels[CH_MAX][48];
	size_t ns;
	struct {
		const char *name;
		const char *color;
		double v[CH_MAX];
		bool has[CH_MAX];
	} s[CH_SERIES];
	bool stacked;                /* bars stacked (shares of one whole) */
	int marker;                  /* index of the marked point, -1 none */
	char marker_label[96];
};

static void chart_init(struct chart *ch, const char *kind, const char *ylabel)
{
	memset(ch, 0, sizeof(*ch));
	ch->kind = kind;
	ch->ylabel = ylabel;
	ch->marker = -1;
}

static void hhmm(int64_t us, char *buf, size_t len)
{
	char t[WW_TIME_STRLEN];
	ww_time_iso(us, t, sizeof(t));
	/* 2026-03-02T09:00:10... -> 09:00 */
	if (strlen(t) >= 16)
		snprintf(buf, len, "%.5s", t + 11);
	else
		snprintf(buf, len, "?");
}

static void num(struct ww_out *o, double v)
{
	if (!isfinite(v))
		v = 0;
	ww_out_printf(o, "%.6g", v);
}

static void write_chartjs(struct ww_out *o, struct hr_chart_ctx *c, const struct chart *ch,
                          const char *caption_html_id)
{
	size_t i, k;
	unsigned id = ++c->n;
	(void)caption_html_id;
	ww_out_printf(o, "<canvas class=\"chart\" id=\"chart%u\" data-chart=\"1\" width=\"%d\" "
	              "height=\"%d\" role=\"img\" aria-label=\"", id, CH_W, CH_H);
	hr_text(o, ch->title);
	ww_out_printf(o, "\"></canvas>\n<script type=\"application/json\" id=\"chart%u-data\">", id);
	ww_out_puts(o, "{\"kind\":");
	hr_json_str(o, ch->kind);
	ww_out_puts(o, ",\"title\":");
	hr_json_str(o, ch->title);
	ww_out_puts(o, ",\"ylabel\":");
	hr_json_str(o, ch->ylabel ? ch->ylabel : "");
	ww_out_puts(o, ",\"labels\":[");
	for (i = 0; i < ch->n; i++) {
		if (i)
			ww_out_puts(o, ",");
		hr_json_str(o, ch->labels[i]);
	}
	ww_out_puts(o, "],\"series\":[");
	for (k = 0; k < ch->ns; k++) {
		ww_out_puts(o, k ? ",{\"name\":" : "{\"name\":");
		hr_json_str(o, ch->s[k].name);
		ww_out_puts(o, ",\"color\":");
		hr_json_str(o, ch->s[k].color);
		ww_out_puts(o, ",\"values\":[");
		for (i = 0; i < ch->n; i++) {
			if (i)
				ww_out_puts(o, ",");
			if (ch->s[k].has[i])
				num(o, ch->s[k].v[i]);
			else
				ww_out_puts(o, "null");
		}
		ww_out_puts(o, "]}");
	}
	ww_out_puts(o, "]");
	if (ch->stacked)
		ww_out_puts(o, ",\"stacked\":true");
	if (ch->marker >= 0 && ch->ns) {
		ww_out_printf(o, ",\"marker\":{\"index\":%d,\"value\":", ch->marker);
		num(o, ch->s[0].v[ch->marker]);
		ww_out_puts(o, ",\"label\":");
		hr_json_str(o, ch->marker_label);
		ww_out_puts(o, "}");
	}
	ww_out_puts(o, "}</script>\n");
}

/* Bars (one group per label, one bar per series), the marked point as a
 * red line with its label. */
static void write_svg(struct ww_out *o, struct hr_chart_ctx *c, const struct chart *ch)
{
	const double left = 56, right = 12, top = 28, bottom = 40;
	double max = 0, pw = CH_W - left - right, ph = CH_H - top - bottom, gw, bw;
	size_t i, k;
	unsigned id = ++c->n;
	for (k = 0; k < ch->ns; k++)
		for (i = 0; i < ch->n; i++)
			if (ch->s[k].has[i] && ch->s[k].v[i] > max)
				max = ch->s[k].v[i];
	if (max <= 0)
		max = 1;
	gw = ch->n ? pw / (double)ch->n : pw;
	bw = ch->ns ? gw * 0.8 / (double)ch->ns : gw;
	ww_out_printf(o, "<svg class=\"chart\" id=\"chart%u\" xmlns=\"http://www.w3.org/2000/svg\" "
	              "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>",
	              id, CH_W, CH_H, CH_W, CH_H);
	hr_text(o, ch->title);
	ww_out_puts(o, "</title>");
	ww_out_printf(o, "<text x=\"%d\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" "
	              "font-weight=\"bold\">", CH_W / 2);
	hr_text(o, ch->title);
	ww_out_puts(o, "</text>");
	ww_out_printf(o, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#444\"/>", left,
	              top + ph, left + pw, top + ph);
	ww_out_printf(o, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#444\"/>", left, top,
	              left, top + ph);
	ww_out_printf(o, "<text x=\"%g\" y=\"%g\" text-anchor=\"end\" font-size=\"10\">", left - 4,
	              top + 8);
	num(o, max);
	ww_out_printf(o, "</text><text x=\"%g\" y=\"%g\" text-anchor=\"end\" font-size=\"10\">0</text>",
	              left - 4, top + ph);
	for (i = 0; i < ch->n; i++) {
		for (k = 0; k < ch->ns; k++) {
			double v = ch->s[k].has[i] ? ch->s[k].v[i] : 0, h = ph * v / max;
			if (!isfinite(h) || h < 0)
				h = 0;
			ww_out_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"",
			              left + gw * (double)i + gw * 0.1 + bw * (double)k, top + ph - h, bw, h);
			hr_text(o, ch->s[k].color);
			ww_out_puts(o, "\"><title>");
			hr_text(o, ch->labels[i]);
			ww_out_puts(o, ": ");
			num(o, v);
			ww_out_puts(o, "</title></rect>");
		}
		if (ch->n <= 16 || i % ((ch->n + 15) / 16) == 0) {
			ww_out_printf(o, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\" font-size=\"10\">",
			              left + gw * ((double)i + 0.5), top + ph + 14);
			hr_text(o, ch->labels[i]);
			ww_out_puts(o, "</text>");
		}
	}
	if (ch->marker >= 0) {
		double x = left + gw * ((double)ch->marker + 0.5);
		ww_out_printf(o, "<line class=\"marker\" x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" "
		              "stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>", x, top, x,
		              top + ph);
		ww_out_printf(o, "<text x=\"%.1f\" y=\"%g\" font-size=\"10\" fill=\"#b3261e\">", x + 3,
		              top + 10);
		hr_text(o, ch->marker_label);
		ww_out_puts(o, "</text>");
	}
	for (k = 0; k < ch->ns && ch->ns > 1; k++) {
		ww_out_printf(o, "<rect x=\"%g\" y=\"%g\" width=\"10\" height=\"10\" fill=\"", left + 10 +
		              150 * (double)k, (double)CH_H - 14);
		hr_text(o, ch->s[k].color);
		ww_out_printf(o, "\"/><text x=\"%g\" y=\"%g\" font-size=\"10\">", left + 24 + 150 * (double)k,
		              (double)CH_H - 5);
		hr_text(o, ch->s[k].name);
		ww_out_puts(o, "</text>");
	}
	ww_out_puts(o, "</svg>\n");
}

static void emit(struct ww_out *o, struct hr_chart_ctx *c, const struct chart *ch)
{
	ww_out_puts(o, "<figure class=\"chartbox\">");
	if (c->chartjs)
		write_chartjs(o, c, ch, NULL);
	else
		write_svg(o, c, ch);
	ww_out_puts(o, "</figure>\n");
}

void hr_chart_timeline(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                       const struct hr_host *h)
{
	struct chart ch;
	size_t i;
	double per_min;
	(void)hr;
	if (h->timeline.n < 2 || !h->timeline.step_s)
		return; /* one bucket (a table dump, a short capture): the number says it */
	chart_init(&ch, "line", _("new destinations per minute"));
	snprintf(ch.title, sizeof(ch.title), _("%s: new destinations per minute"), h->name);
	ch.ns = 1;
	ch.s[0].name = _("new destinations per minute");
	ch.s[0].color = "#b3261e";
	per_min = 60.0 / (double)h->timeline.step_s;
	for (i = 0; i < h->timeline.n && ch.n < CH_MAX; i++) {
		const struct hr_point *p = &h->timeline.v[i];
		hhmm(p->t_us, ch.labels[ch.n], sizeof(ch.labels[0]));
		ch.s[0].v[ch.n] = p->v * per_min;
		ch.s[0].has[ch.n] = true;
		if (h->first_alert_us && p->t_us <= h->first_alert_us &&
		    h->first_alert_us < p->t_us + (int64_t)h->timeline.step_s * 1000000) {
			char t[WW_TIME_STRLEN];
			ww_time_iso(h->first_alert_us, t, sizeof(t));
			ch.marker = (int)ch.n;
			snprintf(ch.marker_label, sizeof(ch.marker_label), _("first alert %.8s"), t + 11);
		}
		ch.n++;
	}
	emit(o, c, &ch);
}

/* the samples of `nat --watch` (its "history"), with the table's size */
void hr_chart_table(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr, unsigned src)
{
	struct json_object *root = hr->inputs[src].root, *arr, *tbl, *mx;
	struct chart ch;
	size_t i, n;
	long long max = -1;
	if (!root || !json_object_object_get_ex(root, "history", &arr) ||
	    !json_object_is_type(arr, json_type_array) || !(n = json_object_array_length(arr)))
		return;
	if (json_object_object_get_ex(root, "table", &tbl) && json_object_is_type(tbl, json_type_object) &&
	    json_object_object_get_ex(tbl, "max", &mx) && json_object_is_type(mx, json_type_int))
		max = json_object_get_int64(mx);
	chart_init(&ch, "line", _("entries"));
	snprintf(ch.title, sizeof(ch.title), "%s", _("connection table entries over time"));
	ch.ns = max > 0 ? 2 : 1;
	ch.s[0].name = _("entries in use");
	ch.s[0].color = "#1f5fa8";
	ch.s[1].name = _("table size");
	ch.s[1].color = "#999999";
	/* the last CH_MAX samples */
	for (i = n > CH_MAX ? n - CH_MAX : 0; i < n; i++) {
		struct json_object *row = json_object_array_get_idx(arr, i), *t, *e, *ev;
		int64_t us = 0;
		if (!json_object_object_get_ex(row, "time", &t) || !json_object_object_get_ex(row, "entries", &e) ||
		    !hr_parse_time(json_object_get_string(t), &us))
			continue; /* checked by the loader */
		hhmm(us, ch.labels[ch.n], sizeof(ch.labels[0]));
		ch.s[0].v[ch.n] = (double)json_object_get_int64(e);
		ch.s[0].has[ch.n] = true;
		if (max > 0) {
			ch.s[1].v[ch.n] = (double)max;
			ch.s[1].has[ch.n] = true;
		}
		if (ch.marker < 0 && json_object_object_get_ex(row, "event", &ev) &&
		    json_object_is_type(ev, json_type_string) &&
		    strcmp(json_object_get_string(ev), "full") == 0) {
			ch.marker = (int)ch.n;
			snprintf(ch.marker_label, sizeof(ch.marker_label), "%s", _("table full"));
		}
		ch.n++;
	}
	emit(o, c, &ch);
}

/* each inside host's entries in one table dump (its "nat_hosts") */
void hr_chart_shares(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                     unsigned src)
{
	struct json_object *root = hr->inputs[src].root, *arr;
	struct chart ch;
	size_t i, n;
	double others = 0;
	if (!root || !json_object_object_get_ex(root, "nat_hosts", &arr) ||
	    !json_object_is_type(arr, json_type_array) || !(n = json_object_array_length(arr)))
		return;
	chart_init(&ch, "bar", _("entries"));
	snprintf(ch.title, sizeof(ch.title), "%s", _("connection table entries per inside host"));
	ch.ns = 1;
	ch.s[0].name = _("entries");
	ch.s[0].color = "#1f5fa8";
	for (i = 0; i < n; i++) {
		struct json_object *row = json_object_array_get_idx(arr, i), *a, *e;
		if (!json_object_object_get_ex(row, "addr", &a) || !json_object_object_get_ex(row, "entries", &e))
			continue;
		if (ch.n < 12) {
			snprintf(ch.labels[ch.n], sizeof(ch.labels[0]), "%s", json_object_get_string(a));
			ch.s[0].v[ch.n] = (double)json_object_get_int64(e);
			ch.s[0].has[ch.n] = true;
			ch.n++;
		} else {
			others += (double)json_object_get_int64(e);
		}
	}
	if (others > 0 && ch.n < CH_MAX) {
		snprintf(ch.labels[ch.n], sizeof(ch.labels[0]), "%s", _("others"));
		ch.s[0].v[ch.n] = others;
		ch.s[0].has[ch.n] = true;
		ch.n++;
	}
	emit(o, c, &ch);
}

/* Several table dumps (nat results): each inside host's entries in each,
 * stacked, the three largest holders by name and the rest as "others".
 * Labels are "[n] file" (the file name is untrusted: escaped on output). */
void hr_chart_share_dumps(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr)
{
	struct {
		char addr[48];
		double total;
	} top[CH_MAX];
	size_t ntop = 0, i, k, named;
	unsigned s, ndumps = 0;
	struct chart ch;
	for (s = 0; s < hr->n_inputs; s++) {
		struct json_object *arr;
		size_t n;
		if (strcmp(hr->inputs[s].command, "nat") != 0 || !hr->inputs[s].root ||
		    !json_object_object_get_ex(hr->inputs[s].root, "nat_hosts", &arr) ||
		    !json_object_is_type(arr, json_type_array))
			continue;
		ndumps++;
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			struct json_object *row = json_object_array_get_idx(arr, i), *a, *e;
			if (!json_object_object_get_ex(row, "addr", &a) || !json_object_object_get_ex(row, "entries", &e))
				continue;
			for (k = 0; k < ntop; k++)
				if (strcmp(top[k].addr, json_object_get_string(a)) == 0)
					break;
			if (k == ntop) {
				if (ntop == CH_MAX)
					continue;
				snprintf(top[ntop].addr, sizeof(top[0].addr), "%s", json_object_get_string(a));
				top[ntop++].total = 0;
			}
			top[k].total += (double)json_object_get_int64(e);
		}
	}
	if (ndumps < 2 || !ntop)
		return;
	/* the three largest first */
	for (i = 0; i < ntop && i < CH_SERIES - 1; i++)
		for (k = i + 1; k < ntop; k++)
			if (top[k].total > top[i].total) {
				char t[sizeof(top[0].addr)];
				double v = top[i].total;
				memcpy(t, top[i].addr, sizeof(t));
				memcpy(top[i].addr, top[k].addr, sizeof(t));
				memcpy(top[k].addr, t, sizeof(t));
				top[i].total = top[k].total;
				top[k].total = v;
			}
	chart_init(&ch, "bar", _("entries"));
	snprintf(ch.title, sizeof(ch.title), "%s", _("each inside host's entries, table dump by table dump"));
	ch.stacked = true;
	ch.ns = ntop < CH_SERIES ? ntop : CH_SERIES;
	named = ntop > CH_SERIES ? CH_SERIES - 1 : ntop;
	{
		static const char *const colors[] = {"#b3261e", "#c55a11", "#7b1fa2", "#9e9e9e"};
		for (k = 0; k < ch.ns; k++) {
			ch.s[k].name = k < named ? top[k].addr : _("others");
			ch.s[k].color = colors[k];
		}
	}
	for (s = 0; s < hr->n_inputs && ch.n < CH_MAX; s++) {
		struct json_object *arr;
		const char *base;
		size_t n;
		if (strcmp(hr->inputs[s].command, "nat") != 0 || !hr->inputs[s].root ||
		    !json_object_object_get_ex(hr->inputs[s].root, "nat_hosts", &arr) ||
		    !json_object_is_type(arr, json_type_array))
			continue;
		base = strrchr(hr->inputs[s].path, '/');
		base = base ? base + 1 : hr->inputs[s].path;
		snprintf(ch.labels[ch.n], sizeof(ch.labels[0]), "[%u] %.32s", s + 1, base);
		for (k = 0; k < ch.ns; k++) {
			ch.s[k].v[ch.n] = 0;
			ch.s[k].has[ch.n] = true;
		}
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			struct json_object *row = json_object_array_get_idx(arr, i), *a, *e;
			size_t j;
			if (!json_object_object_get_ex(row, "addr", &a) || !json_object_object_get_ex(row, "entries", &e))
				continue;
			for (j = 0; j < named; j++)
				if (strcmp(top[j].addr, json_object_get_string(a)) == 0)
					break;
			if (j == named)
				j = ch.ns - 1; /* "others" (named < ns only when there are more) */
			ch.s[j].v[ch.n] += (double)json_object_get_int64(e);
		}
		ch.n++;
	}
	emit(o, c, &ch);
}

/* verify: each host's first contacts before and after, and the table */
void hr_chart_verify(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr, unsigned src)
{
	struct json_object *root = hr->inputs[src].root, *tbl;
	struct chart ch;
	size_t i;
	chart_init(&ch, "bar", "first contacts");
	snprintf(ch.title, sizeof(ch.title), "new destinations before and after the clean-up");
	ch.ns = 2;
	ch.s[0].name = "before";
	ch.s[0].color = "#b3261e";
	ch.s[1].name = "after";
	ch.s[1].color = "#2e7d32";
	for (i = 0; i < hr->n_hosts && ch.n < CH_MAX; i++) {
		const struct hr_host *h = &hr->hosts[i];
		if (!h->has_verify || h->verify_src != src)
			continue;
		snprintf(ch.labels[ch.n], sizeof(ch.labels[0]), "%s", h->name);
		ch.s[0].v[ch.n] = h->vbefore_fc > 0 ? (double)h->vbefore_fc : 0;
		ch.s[0].has[ch.n] = true;
		ch.s[1].v[ch.n] = h->vafter_fc > 0 ? (double)h->vafter_fc : 0;
		ch.s[1].has[ch.n] = true;
		ch.n++;
	}
	if (ch.n)
		emit(o, c, &ch);
	if (root && json_object_object_get_ex(root, "table", &tbl) &&
	    json_object_is_type(tbl, json_type_object)) {
		static const char *const sides[] = {"before", "after"};
		chart_init(&ch, "bar", "entries");
		snprintf(ch.title, sizeof(ch.title), "connection table entries before and after");
		ch.ns = 1;
		ch.s[0].name = _("entries");
		ch.s[0].color = "#1f5fa8";
		for (i = 0; i < 2; i++) {
			struct json_object *s, *e;
			if (!json_object_object_get_ex(tbl, sides[i], &s) ||
			    !json_object_is_type(s, json_type_object) ||
			    !json_object_object_get_ex(s, "entries", &e) || !json_object_is_type(e, json_type_int))
				continue;
			snprintf(ch.labels[ch.n], sizeof(ch.labels[0]), "%s", sides[i]);
			ch.s[0].v[ch.n] = (double)json_object_get_int64(e);
			ch.s[0].has[ch.n] = true;
			ch.n++;
		}
		if (ch.n)
			emit(o, c, &ch);
	}
}

void hr_chart_script(struct ww_out *o)
{
	/* our own code, no input in it: draws each canvas from its JSON data;
	 * no animation, fixed size, so screenshots and print show the charts */
	ww_out_puts(o,
	"<script>\n(function () {\n"
	"  if (typeof Chart === 'undefined') return;\n"
	"  var cs = document.querySelectorAll('canvas[data-chart]');\n"
	"  for (var i = 0; i < cs.length; i++) {\n"
	"    var cv = cs[i], d = JSON.parse(document.getElementById(cv.id + '-data').textContent);\n"
	"    var ds = d.series.map(function (s) { return { label: s.name, data: s.values,\n"
	"      borderColor: s.color, backgroundColor: s.color, fill: false, pointRadius: 2,\n"
	"      borderWidth: 2 }; });\n"
	"    if (d.marker) {\n"
	"      var m = d.labels.map(function () { return null; });\n"
	"      m[d.marker.index] = d.marker.value;\n"
	"      ds.push({ label: d.marker.label, data: m, type: 'line', showLine: false,\n"
	"        pointStyle: 'triangle', pointRadius: 9, borderColor: '#b3261e',\n"
	"        backgroundColor: '#b3261e' });\n"
	"    }\n"
	"    new Chart(cv, { type: d.kind, data: { labels: d.labels, datasets: ds },\n"
	"      options: { animation: false, responsive: false, devicePixelRatio: 2,\n"
	"        plugins: { title: { display: true, text: d.title },\n"
	"                   legend: { display: ds.length > 1 } },\n"
	"        scales: { x: { stacked: !!d.stacked },\n"
	"                  y: { stacked: !!d.stacked, beginAtZero: true,\n"
	"                       title: { display: !!d.ylabel, text: d.ylabel } } } } });\n"
	"    cv.setAttribute('data-drawn', '1');\n"
	"  }\n"
	"})();\n</script>\n");
}
