/* Reading the results the report is built from. Each input file holds one
 * JSON result or several one after another (wormwatch's own output), or the
 * JSON lines of `watch --json-out`. json-c parses; this file checks that
 * every key the page uses has the type the writers give it, and stops at
 * the first that does not with one line naming the file and where:
 *   wormwatch: error: 'a.json': result 1, hosts[3].addr: not an address
 *   wormwatch: error: 'a.json': truncated JSON: the input ends at byte 812
 * Unknown keys are ignored (results gain fields); an unknown "command" or
 * an object that is no result at all is refused. */
#include "core/common.h"
#include "report/jsonl_in.h"
#include "html/html_int.h"
#include "html/html_json.h"

#include <errno.h>
#include <stdio.h>

static ww_rc host_of(struct ww_hr *hr, const struct hr_where *w, struct json_object *o,
                     const char *path, int *idx)
{
	const char *s;
	struct ww_addr a;
	char p[160];
	ww_rc rc = hr_get_str(w, o, path, "addr", true, &s);
	if (rc)
		return rc;
	if (ww_addr_parse(s, &a) != WW_OK) {
		snprintf(p, sizeof(p), "%s.addr", path);
		return hr_bad(w, p, "not an address");
	}
	*idx = hr_host_get(hr, &a);
	return *idx == -2 ? WW_ERR_NOMEM : WW_OK;
}

/* ---- propagation lines in the evidence ---- */

static bool parse_uint(const char **p, unsigned max, unsigned *v)
{
	unsigned long x = 0;
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		x = x * 10 + (unsigned long)(*s - '0');
		if (x > max)
			return false;
		s++;
	}
	*p = s;
	*v = (unsigned)x;
	return true;
}

/* an address token up to the next ':' or ' ' (IPv6 "by fe80::1:" needs the
 * last colon before a space) */
static bool addr_token(const char **p, const char *stop, struct ww_addr *a)
{
	char buf[WW_ADDR_STRLEN];
	const char *s = *p, *e = strstr(s, stop);
	size_t n;
	if (!e)
		return false;
	n = (size_t)(e - s);
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (ww_addr_parse(buf, a) != WW_OK)
		return false;
	*p = e + strlen(stop);
	return true;
}

/* "probably infected by A: contacted by it on port P at T, began ..." and
 * "was attacked by A on port P and the attack went through..." */
static void edge_from(struct ww_hr *hr, unsigned to, const char *s, unsigned src)
{
	static const char inf[] = "probably infected by ", att[] = "was attacked by ";
	struct hr_edge e;
	struct ww_addr a;
	const char *p;
	char tb[40];
	int from;
	memset(&e, 0, sizeof(e));
	if (strncmp(s, inf, sizeof(inf) - 1) == 0) {
		const char *te;
		p = s + sizeof(inf) - 1;
		if (!addr_token(&p, ": contacted by it on port ", &a) || !parse_uint(&p, 65535, &e.port))
			return;
		if (strncmp(p, " at ", 4) != 0)
			return;
		p += 4;
		te = strchr(p, ',');
		if (!te || (size_t)(te - p) >= sizeof(tb))
			return;
		memcpy(tb, p, (size_t)(te - p));
		tb[te - p] = '\0';
		if (!hr_parse_time(tb, &e.t_us))
			return;
	} else if (strncmp(s, att, sizeof(att) - 1) == 0) {
		p = s + sizeof(att) - 1;
		if (!addr_token(&p, " on port ", &a) || !parse_uint(&p, 65535, &e.port))
			return;
		e.attacked = true;
	} else {
		return;
	}
	if (hr->n_edges >= HR_MAX_EDGES)
		return;
	from = hr_host_get(hr, &a);
	if (from < 0 || (unsigned)from == to)
		return;
	e.from = (unsigned)from;
	e.to = to;
	e.src = src;
	{
		size_t i;
		for (i = 0; i < hr->n_edges; i++)
			if (hr->edges[i].from == e.from && hr->edges[i].to == e.to &&
			    hr->edges[i].port == e.port && hr->edges[i].attacked == e.attacked)
				return; /* the same line from another input */
	}
	hr->edges[hr->n_edges++] = e;
}

/* ---- one result per command ---- */

static ww_rc series_add(struct hr_series *s, int64_t t, double v)
{
	if (s->n >= HR_MAX_POINTS)
		return WW_OK;
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 32;
		struct hr_point *p = ww_reallocarray(s->v, nc, sizeof(*p));
		if (!p)
			return WW_ERR_NOMEM;
		s->v = p;
		s->cap = nc;
	}
	s->v[s->n].t_us = t;
	s->v[s->n].v = v;
	s->n++;
	return WW_OK;
}

static ww_rc load_timeline(struct ww_hr *hr, const struct hr_where *w, struct json_object *ho,
                           const char *path, struct hr_host *h, unsigned src)
{
	struct json_object *tl;
	long long step;
	size_t i, n;
	char p[160];
	ww_rc rc = hr_get(w, ho, path, "timeline", json_type_array, false, &tl);
	(void)hr;
	if (rc || !tl)
		return rc;
	rc = hr_get_count(w, ho, path, "timeline_step_s", true, &step);
	if (rc)
		return rc;
	if (step < 1 || step > 86400 * 366) {
		snprintf(p, sizeof(p), "%s.timeline_step_s", path);
		return hr_bad(w, p, "out of range");
	}
	if (h->timeline.n && h->timeline.src != src)
		return WW_OK; /* the first input's timeline is kept */
	n = json_object_array_length(tl);
	for (i = 0; i < n; i++) {
		struct json_object *pt = json_object_array_get_idx(tl, i), *t, *c;
		int64_t us;
		snprintf(p, sizeof(p), "%s.timeline[%zu]", path, i);
		if (!json_object_is_type(pt, json_type_array) || json_object_array_length(pt) != 2)
			return hr_bad(w, p, "not a [time, count] pair");
		t = json_object_array_get_idx(pt, 0);
		c = json_object_array_get_idx(pt, 1);
		if (!json_object_is_type(t, json_type_string) ||
		    !hr_parse_time(json_object_get_string(t), &us))
			return hr_bad(w, p, "not an ISO 8601 UTC time");
		if (!json_object_is_type(c, json_type_int) || json_object_get_int64(c) < 0)
			return hr_bad(w, p, "not a count");
		rc = series_add(&h->timeline, us, (double)json_object_get_int64(c));
		if (rc)
			return rc;
	}
	h->timeline.src = src;
	h->timeline.step_s = (uint32_t)step;
	return WW_OK;
}

static ww_rc load_hosts(struct ww_hr *hr, const struct hr_where *w, struct json_object *root,
                        unsigned src)
{
	struct json_object *arr;
	size_t i, n;
	ww_rc rc = hr_get(w, root, "", "hosts", json_type_array, true, &arr);
	if (rc)
		return rc;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *ho = json_object_array_get_idx(arr, i), *ev;
		const char *vs, *title;
		enum ww_verdict v;
		char path[80];
		int idx = 0;
		int64_t alert;
		double score;
		bool have;
		long long fc, te;
		struct hr_host *h;
		snprintf(path, sizeof(path), "hosts[%zu]", i);
		if (!json_object_is_type(ho, json_type_object))
			return hr_bad(w, path, "not an object");
		if ((rc = host_of(hr, w, ho, path, &idx)))
			return rc;
		if ((rc = hr_get_str(w, ho, path, "verdict", true, &vs)))
			return rc;
		if (!hr_verdict_parse(vs, &v)) {
			snprintf(path, sizeof(path), "hosts[%zu].verdict", i);
			return hr_bad(w, path, "not a verdict (normal, p2p, suspicious, scanner, infected)");
		}
		if ((rc = hr_get_num(w, ho, path, "score", false, &score, &have)) ||
		    (rc = hr_get_time(w, ho, path, "first_alert", false, &alert)) ||
		    (rc = hr_get_str(w, ho, path, "title", false, &title)) ||
		    (rc = hr_get(w, ho, path, "evidence", json_type_array, false, &ev)) ||
		    (rc = hr_get_count(w, ho, path, "first_contacts", false, &fc)) ||
		    (rc = hr_get_count(w, ho, path, "table_entries", false, &te)))
			return rc;
		if (idx < 0)
			continue;
		h = &hr->hosts[idx];
		if (v > h->verdict || !h->seen) {
			h->verdict = v;
			h->verdict_src = src;
			h->score = have ? score : 0;
		}
		h->seen = true;
		if (title && (!h->title || v >= h->verdict)) {
			char *d = strdup(title);
			if (!d)
				return WW_ERR_NOMEM;
			free(h->title);
			h->title = d;
			h->title_src = src;
		}
		if (alert && (!h->first_alert_us || alert < h->first_alert_us)) {
			h->first_alert_us = alert;
			h->alert_src = src;
		}
		if (fc >= 0 && h->first_contacts < 0) {
			h->first_contacts = fc;
			h->fc_src = src;
		}
		if (te >= 0 && h->nat_entries < 0) {
			double share;
			h->nat_entries = te;
			h->nat_src = src;
			if (!hr_get_num(w, ho, path, "table_share_pct", false, &share, &have) && have)
				h->nat_share = share;
		}
		if (ev) {
			size_t k, m = json_object_array_length(ev);
			for (k = 0; k < m; k++) {
				struct json_object *e = json_object_array_get_idx(ev, k);
				char p2[96];
				snprintf(p2, sizeof(p2), "hosts[%zu].evidence[%zu]", i, k);
				if (!json_object_is_type(e, json_type_string))
					return hr_bad(w, p2, "not a string");
				if ((rc = hr_texts_add(&h->evidence, json_object_get_string(e), src)))
					return rc;
				edge_from(hr, (unsigned)idx, json_object_get_string(e), src);
				h = &hr->hosts[idx]; /* edge_from may have grown the table */
			}
		}
		if ((rc = load_timeline(hr, w, ho, path, h, src)))
			return rc;
	}
	return WW_OK;
}

/* "history" of `nat --watch`: {"time":..., "entries":N, "used_pct":x} rows */
static ww_rc check_history(const struct hr_where *w, struct json_object *root)
{
	struct json_object *arr, *tbl;
	size_t i, n;
	ww_rc rc = hr_get(w, root, "", "history", json_type_array, false, &arr);
	if (rc)
		return rc;
	if ((rc = hr_get(w, root, "", "table", json_type_object, false, &tbl)))
		return rc;
	if (tbl) {
		long long e, m;
		if ((rc = hr_get_count(w, tbl, "table", "entries", false, &e)) ||
		    (rc = hr_get_count(w, tbl, "table", "max", false, &m)))
			return rc;
	}
	if (!arr)
		return WW_OK;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *row = json_object_array_get_idx(arr, i);
		char path[80];
		int64_t t;
		long long e;
		snprintf(path, sizeof(path), "history[%zu]", i);
		if (!json_object_is_type(row, json_type_object))
			return hr_bad(w, path, "not an object");
		if (!json_object_object_get_ex(row, "time", NULL) ||
		    !json_object_object_get_ex(row, "entries", NULL))
			return hr_bad(w, path, "a sample without \"time\" and \"entries\" (a truncated history?)");
		if ((rc = hr_get_time(w, row, path, "time", true, &t)) ||
		    (rc = hr_get_count(w, row, path, "entries", true, &e)))
			return rc;
	}
	return WW_OK;
}

static ww_rc load_nat_hosts(struct ww_hr *hr, const struct hr_where *w, struct json_object *root,
                            unsigned src)
{
	struct json_object *arr;
	size_t i, n;
	ww_rc rc = hr_get(w, root, "", "nat_hosts", json_type_array, false, &arr);
	if (rc || !arr)
		return rc;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *ro = json_object_array_get_idx(arr, i);
		char path[80];
		long long e;
		double share;
		bool have;
		const char *s;
		struct ww_addr a;
		int idx;
		snprintf(path, sizeof(path), "nat_hosts[%zu]", i);
		if (!json_object_is_type(ro, json_type_object))
			return hr_bad(w, path, "not an object");
		if ((rc = hr_get_str(w, ro, path, "addr", true, &s)) ||
		    (rc = hr_get_count(w, ro, path, "entries", true, &e)) ||
		    (rc = hr_get_num(w, ro, path, "share_pct", false, &share, &have)))
			return rc;
		if (ww_addr_parse(s, &a) != WW_OK)
			return hr_bad(w, path, "\"addr\" is not an address");
		idx = hr_host_find(hr, &a);
		if (idx >= 0 && hr->hosts[idx].nat_entries < 0) {
			hr->hosts[idx].nat_entries = e;
			hr->hosts[idx].nat_share = have ? share : 0;
			hr->hosts[idx].nat_src = src;
		}
	}
	return WW_OK;
}

static ww_rc load_network(struct ww_hr *hr, const struct hr_where *w, struct json_object *root,
                          unsigned src)
{
	ww_rc rc = load_hosts(hr, w, root, src);
	if (!rc)
		rc = check_history(w, root);
	if (!rc)
		rc = load_nat_hosts(hr, w, root, src);
	return rc;
}

static ww_rc load_host(struct ww_hr *hr, const struct hr_where *w, struct json_object *root,
                       unsigned src, const char *attach)
{
	struct json_object *arr;
	size_t i, n;
	ww_rc rc = hr_get(w, root, "", "findings", json_type_array, true, &arr);
	if (rc)
		return rc;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *fo = json_object_array_get_idx(arr, i), *ev;
		const char *s;
		long long pid, line;
		char path[80];
		snprintf(path, sizeof(path), "findings[%zu]", i);
		if (!json_object_is_type(fo, json_type_object))
			return hr_bad(w, path, "not an object");
		if ((rc = hr_get_str(w, fo, path, "severity", true, &s)) ||
		    (rc = hr_get_str(w, fo, path, "title", false, &s)) ||
		    (rc = hr_get_str(w, fo, path, "image", false, &s)) ||
		    (rc = hr_get_str(w, fo, path, "source", false, &s)) ||
		    (rc = hr_get(w, fo, path, "pid", json_type_int, false, &ev)) ||
		    (rc = hr_get_count(w, fo, path, "line", false, &line)) ||
		    (rc = hr_get(w, fo, path, "evidence", json_type_array, false, &ev)))
			return rc;
		(void)pid;
		if (ev) {
			size_t k, m = json_object_array_length(ev);
			for (k = 0; k < m; k++)
				if (!json_object_is_type(json_object_array_get_idx(ev, k), json_type_string)) {
					snprintf(path, sizeof(path), "findings[%zu].evidence[%zu]", i, k);
					return hr_bad(w, path, "not a string");
				}
		}
	}
	if ((rc = hr_get(w, root, "", "autostarts", json_type_array, false, &arr)))
		return rc;
	if (attach) {
		struct ww_addr a;
		int idx;
		if (ww_addr_parse(attach, &a) != WW_OK) {
			ww_error("'%s': '%s' is not an address (ADDR=FILE names the machine a host result "
			         "was collected on)", w->file, attach);
			return WW_ERR_USAGE;
		}
		idx = hr_host_get(hr, &a);
		if (idx == -2)
			return WW_ERR_NOMEM;
		hr->inputs[src].attach = idx;
	}
	return load_hosts(hr, w, root, src);
}

static ww_rc load_verify(struct ww_hr *hr, const struct hr_where *w, struct json_object *root,
                         unsigned src)
{
	struct json_object *arr, *tbl;
	size_t i, n;
	ww_rc rc = hr_get(w, root, "", "hosts", json_type_array, true, &arr);
	if (rc)
		return rc;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *ho = json_object_array_get_idx(arr, i), *side[2], *ch;
		const char *status, *answer;
		char path[80];
		int idx = 0, k;
		struct hr_host *h;
		snprintf(path, sizeof(path), "hosts[%zu]", i);
		if (!json_object_is_type(ho, json_type_object))
			return hr_bad(w, path, "not an object");
		if ((rc = host_of(hr, w, ho, path, &idx)) ||
		    (rc = hr_get_str(w, ho, path, "status", true, &status)) ||
		    (rc = hr_get_str(w, ho, path, "answer", false, &answer)) ||
		    (rc = hr_get(w, ho, path, "before", json_type_object, false, &side[0])) ||
		    (rc = hr_get(w, ho, path, "after", json_type_object, false, &side[1])) ||
		    (rc = hr_get(w, ho, path, "changed", json_type_array, false, &ch)))
			return rc;
		if (idx < 0)
			continue;
		h = &hr->hosts[idx];
		h->has_verify = true;
		h->verify_src = src;
		snprintf(h->vstatus, sizeof(h->vstatus), "%s", status);
		free(h->vanswer);
		h->vanswer = answer ? strdup(answer) : NULL;
		if (answer && !h->vanswer)
			return WW_ERR_NOMEM;
		for (k = 0; k < 2; k++) {
			const char *vs;
			long long fc;
			char p2[64];
			enum ww_verdict v;
			if (!side[k])
				continue;
			snprintf(p2, sizeof(p2), "hosts[%zu].%s", i, k ? "after" : "before");
			if ((rc = hr_get_str(w, side[k], p2, "verdict", false, &vs)) ||
			    (rc = hr_get_count(w, side[k], p2, "first_contacts", false, &fc)))
				return rc;
			if (vs && !hr_verdict_parse(vs, &v))
				return hr_bad(w, p2, "\"verdict\" is not a verdict");
			snprintf(k ? h->vafter : h->vbefore, sizeof(h->vafter), "%s", vs ? vs : "");
			if (k)
				h->vafter_fc = fc;
			else
				h->vbefore_fc = fc;
			/* a host flagged before and not yet known: it is a culprit */
			if (!k && vs && v > h->verdict) {
				h->verdict = v;
				h->verdict_src = src;
			}
		}
		if (ch) {
			size_t j, m = json_object_array_length(ch);
			for (j = 0; j < m; j++) {
				struct json_object *e = json_object_array_get_idx(ch, j);
				if (!json_object_is_type(e, json_type_string))
					return hr_bad(w, path, "\"changed\" holds a non-string");
				if ((rc = hr_texts_add(&h->vchanged, json_object_get_string(e), src)))
					return rc;
			}
		}
	}
	if ((rc = hr_get(w, root, "", "table", json_type_object, false, &tbl)))
		return rc;
	if (tbl) {
		static const char *const sides[] = {"before", "after"};
		for (i = 0; i < 2; i++) {
			struct json_object *s;
			long long e, m;
			char p2[48];
			snprintf(p2, sizeof(p2), "table.%s", sides[i]);
			if ((rc = hr_get(w, tbl, "table", sides[i], json_type_object, false, &s)))
				return rc;
			if (s && ((rc = hr_get_count(w, s, p2, "entries", false, &e)) ||
			          (rc = hr_get_count(w, s, p2, "max", false, &m))))
				return rc;
		}
		if ((rc = hr_get(w, tbl, "table", "per_host", json_type_array, false, &arr)))
			return rc;
		if (arr) {
			n = json_object_array_length(arr);
			for (i = 0; i < n; i++) {
				struct json_object *ro = json_object_array_get_idx(arr, i);
				char p2[80];
				const char *s;
				long long b, a;
				snprintf(p2, sizeof(p2), "table.per_host[%zu]", i);
				if (!json_object_is_type(ro, json_type_object))
					return hr_bad(w, p2, "not an object");
				if ((rc = hr_get_str(w, ro, p2, "addr", true, &s)) ||
				    (rc = hr_get_count(w, ro, p2, "before", false, &b)) ||
				    (rc = hr_get_count(w, ro, p2, "after", false, &a)))
					return rc;
			}
		}
	}
	if ((rc = hr_get(w, root, "", "worm_port_packets", json_type_object, false, &tbl)))
		return rc;
	if (tbl) {
		long long b, a;
		if ((rc = hr_get_count(w, tbl, "worm_port_packets", "before", false, &b)) ||
		    (rc = hr_get_count(w, tbl, "worm_port_packets", "after", false, &a)))
			return rc;
	}
	return WW_OK;
}

static ww_rc load_contain(const struct hr_where *w, struct json_object *root)
{
	const char *s;
	return hr_get_str(w, root, "", "rules", false, &s);
}

/* one line of `watch --json-out` (schema 1):
 * {"type":"alert","schema":1,"time":"...","ts_us":N,"emitted_us":N,"kind":"host",
 *  "addr":"...","verdict":"...","score":x,"attempts_to_alert":N,"title":"..."}
 * (before schema 1: no type, "attempts" and "why") */
static ww_rc load_alert(struct ww_hr *hr, const struct hr_where *w, struct json_object *o,
                        unsigned src)
{
	const char *vs, *why;
	enum ww_verdict v;
	int64_t t;
	int idx = 0;
	struct hr_host *h;
	ww_rc rc;
	if ((rc = host_of(hr, w, o, "alert", &idx)) || (rc = hr_get_str(w, o, "alert", "verdict", true, &vs)) ||
	    (rc = hr_get_time(w, o, "alert", "time", true, &t)) ||
	    (rc = hr_get_str(w, o, "alert", json_object_object_get_ex(o, "title", NULL) ? "title"
	                                                                               : "why",
	                     false, &why)))
		return rc;
	if (!hr_verdict_parse(vs, &v))
		return hr_bad(w, "alert.verdict", "not a verdict");
	if (idx < 0)
		return WW_OK;
	h = &hr->hosts[idx];
	if (v >= h->verdict) {
		h->verdict = v;
		h->verdict_src = src;
	}
	if (!h->first_alert_us || t < h->first_alert_us) {
		h->first_alert_us = t;
		h->alert_src = src;
	}
	if (why) {
		char line[700];
		snprintf(line, sizeof(line), "live alert (%s): %s", vs, why);
		return hr_texts_add(&h->evidence, line, src);
	}
	return WW_OK;
}

static const char *const commands[] = {"analyze", "nat", "logs", "watch", "host", "verify",
                                       "contain"};

static ww_rc add_input(struct ww_hr *hr, const char *name, const char *command, unsigned *src)
{
	struct hr_input *in;
	if (hr->n_inputs >= HR_MAX_INPUTS) {
		ww_error("'%s': more than %d results: split the report", name, HR_MAX_INPUTS);
		return WW_ERR_LIMIT;
	}
	in = &hr->inputs[hr->n_inputs];
	memset(in, 0, sizeof(*in));
	in->path = strdup(name);
	if (!in->path)
		return WW_ERR_NOMEM;
	snprintf(in->command, sizeof(in->command), "%s", command);
	in->attach = -1;
	*src = hr->n_inputs++;
	return WW_OK;
}

/* One parsed top-level value; takes the reference. */
static ww_rc load_value(struct ww_hr *hr, const struct hr_where *w, struct json_object *o,
                        size_t at, const char *attach, int *alerts_src)
{
	struct json_object *cmd;
	const char *c = NULL;
	unsigned src, i;
	ww_rc rc;
	if (!json_object_is_type(o, json_type_object)) {
		ww_error("'%s': byte %zu: not a wormwatch result (a JSON object with \"command\")",
		         w->file, at);
		json_object_put(o);
		return WW_ERR_FORMAT;
	}
	if (json_object_object_get_ex(o, "command", &cmd) && json_object_is_type(cmd, json_type_string))
		c = json_object_get_string(cmd);
	if (!c) {
		struct json_object *ty;
		bool alert = json_object_object_get_ex(o, "type", &ty) &&
		             json_object_is_type(ty, json_type_string) &&
		             strcmp(json_object_get_string(ty), "alert") == 0;
		if (alert || (json_object_object_get_ex(o, "ts_us", NULL) &&
		              json_object_object_get_ex(o, "why", NULL))) {
			if (*alerts_src < 0) {
				if ((rc = add_input(hr, w->file, "alerts", &src))) {
					json_object_put(o);
					return rc;
				}
				*alerts_src = (int)src;
			}
			rc = load_alert(hr, w, o, (unsigned)*alerts_src);
			json_object_put(o);
			return rc;
		}
		ww_error("'%s': byte %zu: not a wormwatch result (no \"command\" naming analyze, nat, "
		         "logs, watch, host, verify or contain)", w->file, at);
		json_object_put(o);
		return WW_ERR_FORMAT;
	}
	for (i = 0; i < WW_ARRAY_LEN(commands); i++)
		if (strcmp(c, commands[i]) == 0)
			break;
	if (i == WW_ARRAY_LEN(commands)) {
		ww_error("'%s': byte %zu: a result of an unknown command (\"command\" is not analyze, "
		         "nat, logs, watch, host, verify or contain)", w->file, at);
		json_object_put(o);
		return WW_ERR_FORMAT;
	}
	if ((rc = add_input(hr, w->file, commands[i], &src))) {
		json_object_put(o);
		return rc;
	}
	hr->inputs[src].root = o; /* kept for the page's tables */
	switch (i) {
	case 4: return load_host(hr, w, o, src, attach);
	case 5: return load_verify(hr, w, o, src);
	case 6: return load_contain(w, o);
	default: return load_network(hr, w, o, src);
	}
}

ww_rc ww_hr_load_buf(struct ww_hr *hr, const char *name, const char *buf, size_t len,
                     const char *attach)
{
	struct json_tokener *tok;
	struct json_object *pending = NULL; /* a result in JSON lines, being put together */
	size_t pending_start = 0;
	struct hr_where w;
	size_t off = 0;
	int alerts_src = -1;
	ww_rc rc = WW_OK;
	const char *nul = memchr(buf, '\0', len);
	w.file = name;
	w.result = 0;
	if (nul) {
		ww_error("'%s': byte %zu: a NUL byte: not JSON text", name, (size_t)(nul - buf));
		return WW_ERR_FORMAT;
	}
	if (len > INT32_MAX) {
		ww_error("'%s': too large for a result", name);
		return WW_ERR_LIMIT;
	}
	tok = json_tokener_new_ex(64);
	if (!tok)
		return WW_ERR_NOMEM;
	/* RFC 8259 only (no trailing commas, single quotes or bare words); the
	 * next result may follow a result */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS);
	for (;;) {
		struct json_object *o;
		enum json_tokener_error err;
		size_t start;
		while (off < len && (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\r' ||
		                     buf[off] == '\t'))
			off++;
		if (off >= len)
			break;
		start = off;
		json_tokener_reset(tok);
		o = json_tokener_parse_ex(tok, buf + off, (int)(len - off));
		err = json_tokener_get_error(tok);
		if (err == json_tokener_continue || (!o && err == json_tokener_success)) {
			ww_error("'%s': truncated JSON: the input ends at byte %zu inside the value "
			         "that begins at byte %zu", name, len, start);
			rc = WW_ERR_TRUNCATED;
			break;
		}
		if (err != json_tokener_success) {
			ww_error("'%s': invalid JSON at byte %zu: %s", name,
			         off + json_tokener_get_parse_end(tok), json_tokener_error_desc(err));
			json_object_put(o);
			rc = WW_ERR_FORMAT;
			break;
		}
		off += json_tokener_get_parse_end(tok);
		if (ww_jsonl_is_report_line(o)) {
			/* --format jsonl: the lines make one result, ended by the summary */
			char why[200];
			bool done;
			if (!pending) {
				pending_start = start;
				w.result++;
			}
			rc = ww_jsonl_add(&pending, o, &done, why, sizeof(why));
			if (rc == WW_ERR_FORMAT)
				ww_error("'%s': byte %zu: %s", name, start, why);
			if (!rc && done) {
				rc = load_value(hr, &w, pending, pending_start, attach, &alerts_src);
				pending = NULL;
			}
			if (rc)
				break;
			continue;
		}
		if (pending) {
			ww_error("'%s': byte %zu: JSON lines without their summary line before another "
			         "result", name, start);
			json_object_put(o);
			rc = WW_ERR_FORMAT;
			break;
		}
		w.result++;
		rc = load_value(hr, &w, o, start, attach, &alerts_src);
		if (rc)
			break;
	}
	if (!rc && pending) {
		ww_error("'%s': JSON lines from byte %zu without their summary line (cut short?)", name,
		         pending_start);
		rc = WW_ERR_TRUNCATED;
	}
	json_object_put(pending);
	json_tokener_free(tok);
	if (!rc && w.result == 0) {
		ww_error("'%s': empty: no result in it", name);
		rc = WW_ERR_FORMAT;
	}
	return rc;
}

ww_rc ww_hr_load_file(struct ww_hr *hr, const char *path, const char *attach)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n = 0, cap = 1 << 16;
	ww_rc rc;
	if (!f) {
		ww_error("cannot open '%s': %s", path, strerror(errno));
		return WW_ERR_IO;
	}
	buf = malloc(cap);
	if (!buf) {
		fclose(f);
		return WW_ERR_NOMEM;
	}
	for (;;) {
		size_t got;
		if (n == cap) {
			char *nb;
			if (cap >= HR_MAX_FILE) {
				ww_error("'%s': larger than %u MiB: not a result", path, HR_MAX_FILE >> 20);
				free(buf);
				fclose(f);
				return WW_ERR_LIMIT;
			}
			nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				fclose(f);
				return WW_ERR_NOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		ww_error("cannot read '%s': %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return WW_ERR_IO;
	}
	fclose(f);
	rc = ww_hr_load_buf(hr, path, buf, n, attach);
	free(buf);
	return rc;
}

