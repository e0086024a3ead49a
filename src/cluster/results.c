/* The partitions' final messages merged into one analyze report
 * (results.h). Every message is read as hostile: json-c with a depth
 * limit, typed getters (html/html_json.h), known keys only. */
#include "core/common.h"
#include "core/i18n.h"
#include "cluster/results.h"
#include "cluster/record.h"
#include "html/html_int.h"
#include "html/html_json.h"

#include <stdio.h>

/* the extra integer fields a host finding carries (state/report.c):
 * keys must be the code's own strings */
static const char *const extra_keys[] = {
	"first_contacts", "failed_first_contacts", "services_tried", "probe_packets",
	"distinct_ports", "inbound_peers",
};

static bool severity_parse(const char *s, enum ww_severity *v)
{
	static const char *const n[] = {"info", "low", "medium", "high", "critical"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(n); i++)
		if (strcmp(s, n[i]) == 0) {
			*v = (enum ww_severity)i;
			return true;
		}
	return false;
}

static ww_rc texts(const struct hr_where *w, struct json_object *o, const char *key,
                   struct ww_report *r, struct ww_finding *f, bool steps)
{
	struct json_object *a = NULL;
	size_t i, n;
	ww_rc rc = hr_get(w, o, "hosts[]", key, json_type_array, false, &a);
	if (rc || !a)
		return rc;
	n = json_object_array_length(a);
	for (i = 0; i < n && i < 256; i++) {
		struct json_object *s = json_object_array_get_idx(a, i);
		if (!json_object_is_type(s, json_type_string))
			return hr_bad(w, key, "not a list of strings");
		if (steps)
			ww_finding_step(r, f, "%s", json_object_get_string(s));
		else
			ww_finding_evidence(r, f, true, "%s", json_object_get_string(s));
	}
	return WW_OK;
}

static ww_rc host_in(const struct hr_where *w, struct json_object *h, struct ww_report *r)
{
	const char *s;
	struct ww_finding *f;
	double d;
	bool have;
	long long n;
	int64_t t;
	size_t i;
	ww_rc rc;
	struct json_object *tl = NULL;
	if (!json_object_is_type(h, json_type_object))
		return hr_bad(w, "hosts[]", "not an object");
	if (!(f = ww_report_add(r, WW_FINDING_HOST)))
		return WW_ERR_NOMEM;
	f->pid = -1;
	if ((rc = hr_get_str(w, h, "hosts[]", "addr", true, &s)))
		return rc;
	if (ww_addr_parse(s, &f->addr))
		return hr_bad(w, "hosts[].addr", "not an address");
	f->has_addr = true;
	if ((rc = hr_get_str(w, h, "hosts[]", "verdict", true, &s)))
		return rc;
	if (!hr_verdict_parse(s, &f->verdict))
		return hr_bad(w, "hosts[].verdict", "not a verdict");
	if ((rc = hr_get_num(w, h, "hosts[]", "score", true, &d, &have)))
		return rc;
	f->score = d;
	if ((rc = hr_get_time(w, h, "hosts[]", "first_alert", false, &t)))
		return rc;
	f->first_alert_us = t;
	if ((rc = hr_get_count(w, h, "hosts[]", "attempts_to_alert", false, &n)))
		return rc;
	f->attempts_to_alert = n > 0 && n <= UINT32_MAX ? (uint32_t)n : 0;
	if ((rc = hr_get_str(w, h, "hosts[]", "severity", true, &s)))
		return rc;
	if (!severity_parse(s, &f->severity))
		return hr_bad(w, "hosts[].severity", "not a severity");
	if ((rc = hr_get_str(w, h, "hosts[]", "title", false, &s)))
		return rc;
	if (s)
		ww_finding_title(r, f, true, "%s", s);
	if ((rc = texts(w, h, "evidence", r, f, false)) || (rc = texts(w, h, "next_steps", r, f, true)))
		return rc;
	for (i = 0; i < WW_ARRAY_LEN(extra_keys); i++) {
		if ((rc = hr_get_count(w, h, "hosts[]", extra_keys[i], false, &n)))
			return rc;
		if (n >= 0)
			ww_fields_int(r, &f->extra, extra_keys[i], n);
	}
	if ((rc = hr_get_count(w, h, "hosts[]", "timeline_step_s", false, &n)))
		return rc;
	if (n > 0 && n <= UINT32_MAX &&
	    !(rc = hr_get(w, h, "hosts[]", "timeline", json_type_array, false, &tl)) && tl) {
		size_t k, m = json_object_array_length(tl);
		f->series_step_s = (uint32_t)n;
		for (k = 0; k < m && k < WW_SERIES_MAX; k++) {
			struct json_object *pt = json_object_array_get_idx(tl, k), *ts, *cnt;
			int64_t us;
			if (!json_object_is_type(pt, json_type_array) || json_object_array_length(pt) != 2)
				return hr_bad(w, "hosts[].timeline", "not a list of pairs");
			ts = json_object_array_get_idx(pt, 0);
			cnt = json_object_array_get_idx(pt, 1);
			if (!json_object_is_type(ts, json_type_string) ||
			    !hr_parse_time(json_object_get_string(ts), &us) ||
			    !json_object_is_type(cnt, json_type_int) || json_object_get_int64(cnt) < 0 ||
			    json_object_get_int64(cnt) > UINT32_MAX)
				return hr_bad(w, "hosts[].timeline", "not a time and a count");
			if (k == 0)
				f->series_t0_us = us;
			f->series[k] = (uint32_t)json_object_get_int64(cnt);
			f->n_series = (uint32_t)k + 1;
		}
	}
	return rc;
}

static bool has_text(const struct ww_textlist *l, const char *s)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].s, s) == 0)
			return true;
	return false;
}

static ww_rc list_in(const struct hr_where *w, struct json_object *rep, const char *key,
                     struct ww_report *r, bool warnings)
{
	struct json_object *a = NULL;
	size_t i, n;
	ww_rc rc = hr_get(w, rep, "report", key, json_type_array, false, &a);
	if (rc || !a)
		return rc;
	n = json_object_array_length(a);
	for (i = 0; i < n && i < 4096; i++) {
		struct json_object *s = json_object_array_get_idx(a, i);
		const char *t;
		if (!json_object_is_type(s, json_type_string))
			return hr_bad(w, key, "not a list of strings");
		t = json_object_get_string(s);
		if (warnings && has_text(&r->warnings, t))
			continue; /* the same line from several partitions */
		if (warnings)
			ww_report_warning(r, "%s", t);
		else
			ww_report_note(r, true, "%s", t);
	}
	return WW_OK;
}

/* A note's leading address, if it has one. */
static bool note_addr(const char *s, struct ww_addr *a)
{
	char tok[WW_ADDR_STRLEN];
	size_t n = 0;
	while (s[n] && s[n] != ' ' && n + 1 < sizeof(tok)) {
		tok[n] = s[n];
		n++;
	}
	tok[n] = '\0';
	return s[n] == ' ' && ww_addr_parse(tok, a) == WW_OK;
}

/* A note's leading count ("106 broadcast and multicast packets ..."):
 * the rest is returned, the number in *v. */
static const char *note_count(const char *s, unsigned long long *v)
{
	unsigned long long x = 0;
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9' && n < 18)
		x = x * 10 + (unsigned long long)(s[n++] - '0');
	if (n == 0 || s[n] != ' ')
		return NULL;
	*v = x;
	return s + n;
}

static int text_addr_cmp(const void *x, const void *y)
{
	const struct ww_text *a = x, *b = y;
	struct ww_addr aa, ab;
	int c;
	note_addr(a->s, &aa);
	note_addr(b->s, &ab);
	c = ww_addr_cmp(&aa, &ab);
	return c ? c : strcmp(a->s, b->s);
}

/* The partitions' notes as one engine would have written them: the notes
 * about single hosts first (by address: each partition wrote its own in
 * the order it met them), then the counted ones summed over partitions
 * (each partition counted its own packets), then the rest once each. */
static void notes_merge(struct ww_report *r)
{
	struct ww_textlist old = r->notes;
	struct ww_text *hosts;
	size_t i, j, nh = 0;
	memset(&r->notes, 0, sizeof(r->notes));
	if (!(hosts = ww_calloc(old.n + 1, sizeof(*hosts)))) {
		r->notes = old;
		return;
	}
	for (i = 0; i < old.n; i++) {
		struct ww_addr a;
		if (note_addr(old.v[i].s, &a))
			hosts[nh++] = old.v[i];
	}
	qsort(hosts, nh, sizeof(*hosts), text_addr_cmp);
	for (i = 0; i < nh; i++)
		if (!has_text(&r->notes, hosts[i].s))
			ww_report_note(r, true, "%s", hosts[i].s);
	for (i = 0; i < old.n; i++) {
		struct ww_addr a;
		unsigned long long v, sum;
		const char *rest;
		bool done = false;
		if (note_addr(old.v[i].s, &a))
			continue;
		if (!(rest = note_count(old.v[i].s, &v))) {
			if (!has_text(&r->notes, old.v[i].s))
				ww_report_note(r, true, "%s", old.v[i].s);
			continue;
		}
		sum = 0;
		for (j = 0; j < old.n; j++) {
			unsigned long long w;
			const char *rj = note_count(old.v[j].s, &w);
			if (rj && strcmp(rj, rest) == 0) {
				if (j < i) {
					done = true; /* summed at its first appearance */
					break;
				}
				sum += w;
			}
		}
		if (!done)
			ww_report_note(r, true, "%llu%s", sum, rest);
	}
	free(hosts);
	for (i = 0; i < old.n; i++)
		free(old.v[i].s);
	free(old.v);
}

/* sensors seen across partitions (their input counts once each) */
struct seen_sensor {
	char name[WW_REC_NAME_MAX + 1];
};

ww_rc ww_results_merge_final(const char *json, size_t len, struct ww_report *r,
                             struct ww_results_counts *c, FILE *counts_out, unsigned *steps_rank)
{
	struct hr_where w = {"WW_VERDICTS", 1};
	struct json_tokener *tok = json_tokener_new_ex(32);
	struct json_object *root, *rep = NULL, *hosts = NULL, *sensors = NULL, *hc = NULL;
	long long part = -1, v;
	size_t i, n;
	ww_rc rc;
	if (!tok)
		return WW_ERR_NOMEM;
	if (len > INT32_MAX) {
		json_tokener_free(tok);
		return WW_ERR_LIMIT;
	}
	root = json_tokener_parse_ex(tok, json, (int)len);
	if (!root || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(root, json_type_object)) {
		json_tokener_free(tok);
		json_object_put(root);
		return hr_bad(&w, "", "not a JSON object");
	}
	json_tokener_free(tok);
	if ((rc = hr_get_count(&w, root, "", "partition", true, &part)) ||
	    (rc = hr_get(&w, root, "", "report", json_type_object, true, &rep)) ||
	    (rc = hr_get(&w, rep, "report", "hosts", json_type_array, true, &hosts)) ||
	    (rc = hr_get(&w, root, "", "sensors", json_type_array, true, &sensors)) ||
	    (rc = hr_get(&w, root, "", "hosts", json_type_array, false, &hc)))
		goto out;
	if ((rc = hr_get_count(&w, root, "", "steps_rank", false, &v)))
		goto out;
	*steps_rank = v > 0 && v <= 3 ? (unsigned)v : 0;
	n = json_object_array_length(hosts);
	for (i = 0; i < n; i++)
		if ((rc = host_in(&w, json_object_array_get_idx(hosts, i), r)))
			goto out;
	if ((rc = list_in(&w, rep, "notes", r, false)) || (rc = list_in(&w, rep, "warnings", r, true)))
		goto out;
	{
		static const char *const k[] = {"applied", "duplicates", "late", "rejected"};
		uint64_t *dst[] = {&c->applied, &c->duplicates, &c->late, &c->rejected};
		for (i = 0; i < WW_ARRAY_LEN(k); i++) {
			if ((rc = hr_get_count(&w, root, "", k[i], false, &v)))
				goto out;
			if (v > 0)
				*dst[i] += (uint64_t)v;
		}
	}
	n = json_object_array_length(sensors);
	for (i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(sensors, i);
		const char *name;
		long long pub, app;
		if (!json_object_is_type(s, json_type_object))
			{ rc = hr_bad(&w, "sensors[]", "not an object"); goto out; }
		if ((rc = hr_get_str(&w, s, "sensors[]", "name", true, &name)) ||
		    (rc = hr_get_count(&w, s, "sensors[]", "published", true, &pub)) ||
		    (rc = hr_get_count(&w, s, "sensors[]", "applied", true, &app)))
			goto out;
		c->published += (uint64_t)pub;
		if (pub > app)
			c->lost += (uint64_t)(pub - app);
		else
			c->doubled += (uint64_t)(app - pub);
		if (counts_out) {
			struct ww_out o;
			ww_out_init(&o, counts_out);
			ww_out_printf(&o, "partition %lld sensor ", part);
			ww_out_text_safe(&o, name);
			ww_out_printf(&o, " published %lld applied %lld\n", pub, app);
		}
	}
	if (hc) {
		n = json_object_array_length(hc);
		for (i = 0; i < n; i++) {
			struct json_object *pr = json_object_array_get_idx(hc, i), *cnt;
			if (!json_object_is_type(pr, json_type_array) || json_object_array_length(pr) != 2 ||
			    !json_object_is_type((cnt = json_object_array_get_idx(pr, 1)), json_type_int) ||
			    json_object_get_int64(cnt) < 0)
				{ rc = hr_bad(&w, "hosts", "not a list of [address, count]"); goto out; }
			c->host_records += (uint64_t)json_object_get_int64(cnt);
		}
	}
	c->finals++;
out:
	json_object_put(root);
	return rc;
}

/* The input counts: every sensor once, from any partition's message. */
static void input_in(const char *json, size_t len, struct seen_sensor **seen, size_t *n_seen,
                     uint64_t sum[5])
{
	struct json_object *root = json_tokener_parse(json), *sensors;
	size_t i, j, n;
	(void)len;
	if (!root)
		return;
	if (json_object_object_get_ex(root, "hosts_judged", &sensors) &&
	    json_object_is_type(sensors, json_type_int) && json_object_get_int64(sensors) > 0)
		sum[4] += (uint64_t)json_object_get_int64(sensors);
	if (!json_object_object_get_ex(root, "sensors", &sensors) ||
	    !json_object_is_type(sensors, json_type_array)) {
		json_object_put(root);
		return;
	}
	n = json_object_array_length(sensors);
	for (i = 0; i < n; i++) {
		struct json_object *s = json_object_array_get_idx(sensors, i), *x;
		static const char *const k[] = {"frames", "bytes", "undecodable", "cut"};
		const char *name;
		struct seen_sensor *ns;
		if (!json_object_object_get_ex(s, "name", &x) || !json_object_is_type(x, json_type_string))
			continue;
		name = json_object_get_string(x);
		for (j = 0; j < *n_seen; j++)
			if (strcmp((*seen)[j].name, name) == 0)
				break;
		if (j < *n_seen || !json_object_object_get_ex(s, "ended", &x) ||
		    !json_object_get_boolean(x))
			continue;
		if (!(ns = ww_reallocarray(*seen, *n_seen + 1, sizeof(**seen))))
			continue;
		*seen = ns;
		snprintf(ns[*n_seen].name, sizeof(ns[0].name), "%s", name);
		(*n_seen)++;
		for (j = 0; j < 4; j++)
			if (json_object_object_get_ex(s, k[j], &x) && json_object_is_type(x, json_type_int) &&
			    json_object_get_int64(x) > 0)
				sum[j] += (uint64_t)json_object_get_int64(x);
	}
	json_object_put(root);
}

/* The last message on a subject of WW_VERDICTS (NULL: none). */
static natsMsg *last_msg(struct ww_bus *b, const char *subj)
{
	natsMsg *m = NULL;
	jsErrCode ec = 0;
	if (js_GetLastMsg(&m, b->js, WW_BUS_VERDICTS, subj, NULL, &ec) != NATS_OK)
		return NULL;
	return m;
}

/* The answers waiting on the inbox: each one of a partition not answered
 * yet, to this request, is kept in msgs (the rest dropped). A judge names
 * the partition and the request in its message; neither is trusted
 * beyond a range check. */
static void take_answers(natsSubscription *inbox, uint64_t req, natsMsg **msgs, uint32_t parts)
{
	natsMsg *m = NULL;
	while (natsSubscription_NextMsg(&m, inbox, 0) == NATS_OK) {
		struct json_object *root = NULL, *v;
		int64_t p = -1;
		bool ok = false;
		if (natsMsg_GetDataLength(m) > 0)
			root = json_tokener_parse(natsMsg_GetData(m));
		if (root && json_object_object_get_ex(root, "request", &v) &&
		    json_object_is_type(v, json_type_int) && (uint64_t)json_object_get_int64(v) == req &&
		    json_object_object_get_ex(root, "partition", &v) &&
		    json_object_is_type(v, json_type_int)) {
			p = json_object_get_int64(v);
			ok = p >= 0 && p < (int64_t)parts && !msgs[p];
		}
		json_object_put(root);
		if (ok)
			msgs[p] = m;
		else
			natsMsg_Destroy(m);
		m = NULL;
	}
}

static ww_rc load(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                  struct ww_results_counts *c, FILE *counts_out, natsSubscription *inbox,
                  uint64_t req);

ww_rc ww_results_load(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                      struct ww_results_counts *c, FILE *counts_out)
{
	return load(b, wait_ms, r, c, counts_out, NULL, 0);
}

/* Live: a core NATS request (ww.ctl.report, the request's number as its
 * payload) with an inbox of our own as the reply subject; every judge
 * answers there for each partition it holds and has not finished. Nothing
 * is stored on the bus, however often a page asks. */
ww_rc ww_results_load_live(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                           struct ww_results_counts *c, FILE *counts_out)
{
	char buf[32];
	natsInbox *inbox = NULL;
	natsSubscription *sub = NULL;
	uint64_t req = (uint64_t)nats_NowInNanoSeconds();
	natsStatus s;
	ww_rc rc;
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)req);
	s = natsInbox_Create(&inbox);
	if (s == NATS_OK)
		s = natsConnection_SubscribeSync(&sub, b->nc, inbox);
	if (s == NATS_OK)
		s = natsSubscription_SetPendingLimits(sub, -1, 256 * 1024 * 1024);
	if (s == NATS_OK)
		s = natsConnection_PublishRequestString(b->nc, "ww.ctl.report", inbox, buf);
	if (s == NATS_OK)
		s = natsConnection_FlushTimeout(b->nc, 2000);
	if (s != NATS_OK) {
		ww_error("cannot ask the judges: %s", natsStatus_GetText(s));
		natsSubscription_Destroy(sub);
		natsInbox_Destroy(inbox);
		memset(c, 0, sizeof(*c));
		return WW_ERR_IO;
	}
	rc = load(b, wait_ms, r, c, counts_out, sub, req);
	natsSubscription_Unsubscribe(sub);
	natsSubscription_Destroy(sub);
	natsInbox_Destroy(inbox);
	return rc;
}

static ww_rc load(struct ww_bus *b, int64_t wait_ms, struct ww_report *r,
                  struct ww_results_counts *c, FILE *counts_out, natsSubscription *inbox,
                  uint64_t req)
{
	uint32_t parts, p;
	int64_t until = nats_Now() + wait_ms;
	natsMsg **msgs;
	struct ww_report steps[4];
	struct seen_sensor *seen = NULL;
	size_t n_seen = 0, i;
	uint64_t sum[5] = {0};
	unsigned best = 0;
	ww_rc rc, out = WW_OK;
	memset(c, 0, sizeof(*c));
	if ((rc = ww_bus_partitions(b, 0, wait_ms, &parts)))
		return rc;
	c->partitions = parts;
	if (!(msgs = ww_calloc(parts, sizeof(*msgs))))
		return WW_ERR_NOMEM;
	for (;;) {
		bool all = true;
		for (p = 0; p < parts; p++) {
			char subj[48];
			if (msgs[p])
				continue;
			snprintf(subj, sizeof(subj), "ww.verdict.final.%u", p);
			msgs[p] = last_msg(b, subj);
		}
		if (inbox)
			take_answers(inbox, req, msgs, parts);
		for (p = 0; p < parts; p++)
			if (!msgs[p])
				all = false;
		if (all || nats_Now() >= until)
			break;
		nats_Sleep(inbox ? 50 : 250);
	}
	for (i = 0; i < 4; i++)
		ww_report_init(&steps[i], "analyze");
	for (p = 0; p < parts; p++) {
		unsigned rank = 0;
		const char *d;
		int dl;
		if (!msgs[p]) {
			if (req)
				ww_report_warning(r, _("partition %u did not answer: no judge holds it now, "
				                  "and it has no final verdicts; its hosts are missing"), p);
			else
				ww_report_warning(r, _("partition %u has no final verdicts yet: its hosts are "
				                  "missing (are its sensors' end markers and a judge there?)"), p);
			out = WW_ERR_NOTFOUND;
			continue;
		}
		d = natsMsg_GetData(msgs[p]);
		dl = natsMsg_GetDataLength(msgs[p]);
		if ((rc = ww_results_merge_final(d, (size_t)dl, r, c, counts_out, &rank))) {
			ww_report_warning(r, _("partition %u: its final verdicts could not be read"), p);
			out = rc;
			continue;
		}
		input_in(d, (size_t)dl, &seen, &n_seen, sum);
		if (rank > best) {
			/* that partition's overall next steps stand for all */
			struct json_object *root = json_tokener_parse(d), *rep, *st;
			best = rank;
			if (root && json_object_object_get_ex(root, "report", &rep) &&
			    json_object_object_get_ex(rep, "next_steps", &st) &&
			    json_object_is_type(st, json_type_array)) {
				size_t k;
				ww_report_release(&steps[0]);
				ww_report_init(&steps[0], "analyze");
				for (k = 0; k < json_object_array_length(st) && k < 16; k++) {
					struct json_object *x = json_object_array_get_idx(st, k);
					if (json_object_is_type(x, json_type_string))
						ww_report_step(&steps[0], "%s", json_object_get_string(x));
				}
			}
			json_object_put(root);
		}
	}
	notes_merge(r);
	for (i = 0; i < steps[0].steps.n; i++)
		ww_report_step(r, "%s", steps[0].steps.v[i].s);
	for (i = 0; i < 4; i++)
		ww_report_release(&steps[i]);
	/* analyze's input counts (files: the sensors' inputs) */
	ww_fields_int(r, &r->input, "files", (long long)n_seen);
	ww_fields_int(r, &r->input, "packets", (long long)sum[0]);
	ww_fields_int(r, &r->input, "bytes", (long long)sum[1]);
	ww_fields_int(r, &r->input, "undecodable", (long long)sum[2]);
	ww_fields_int(r, &r->input, "cut_frames", (long long)sum[3]);
	ww_fields_int(r, &r->input, "hosts_judged", (long long)sum[4]);
	for (p = 0; p < parts; p++)
		if (msgs[p])
			natsMsg_Destroy(msgs[p]);
	free(msgs);
	free(seen);
	return out;
}

static int i64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

ww_rc ww_results_latency(struct ww_bus *b, int64_t **lat_us, size_t *n, size_t *alerts)
{
	natsSubscription *sub = NULL;
	jsSubOptions so;
	jsErrCode ec = 0;
	natsStatus s;
	size_t cap = 0;
	*lat_us = NULL;
	*n = 0;
	*alerts = 0;
	jsSubOptions_Init(&so);
	so.Stream = WW_BUS_VERDICTS;
	so.Ordered = true;
	so.Config.DeliverPolicy = js_DeliverAll;
	if ((s = js_SubscribeSync(&sub, b->js, "ww.verdict.alert.>", NULL, &so, &ec)) != NATS_OK) {
		ww_error("cannot read the alerts: %s", natsStatus_GetText(s));
		return WW_ERR_IO;
	}
	for (;;) {
		natsMsg *m = NULL, *rec = NULL;
		jsMsgMetaData *md = NULL;
		struct json_object *root, *v;
		uint64_t pending = 0;
		int64_t at = 0;
		if (natsSubscription_NextMsg(&m, sub, 2000) != NATS_OK)
			break; /* none for 2 s: all read */
		(*alerts)++;
		if (natsMsg_GetMetaData(&md, m) == NATS_OK) {
			at = md->Timestamp;
			pending = md->NumPending;
			jsMsgMetaData_Destroy(md);
		}
		root = json_tokener_parse(natsMsg_GetData(m));
		if (root && json_object_object_get_ex(root, "record_seq", &v) &&
		    json_object_is_type(v, json_type_int) && json_object_get_int64(v) > 0 &&
		    js_GetMsg(&rec, b->js, WW_BUS_RECORDS, (uint64_t)json_object_get_int64(v), NULL,
		              &ec) == NATS_OK) {
			int64_t d = (at - natsMsg_GetTime(rec)) / 1000;
			if (d >= 0 && *n == cap) {
				size_t nc = cap ? cap * 2 : 256;
				int64_t *x = ww_reallocarray(*lat_us, nc, sizeof(*x));
				if (x) {
					*lat_us = x;
					cap = nc;
				}
			}
			if (d >= 0 && *n < cap)
				(*lat_us)[(*n)++] = d;
			natsMsg_Destroy(rec);
		}
		json_object_put(root);
		natsMsg_Destroy(m);
		if (pending == 0)
			break;
	}
	natsSubscription_Unsubscribe(sub);
	natsSubscription_Destroy(sub);
	if (*n)
		qsort(*lat_us, *n, sizeof(**lat_us), i64_cmp);
	return WW_OK;
}
