#include "core/common.h"
#include "core/timefmt.h"
#include "live/view.h"
#include "report/writer.h"

#include <math.h>
#include <stdio.h>

struct series {
	bool used;
	struct ww_addr addr;
	double last_count;
	bool have_last;
	float v[WW_VIEW_POINTS];   /* NaN: not tracked then */
	unsigned idle;             /* samples since it was last in the report */
};

struct ww_view {
	int64_t t[WW_VIEW_POINTS]; /* sample times (us) */
	size_t n, head;            /* ring */
	int64_t last_us;
	struct series s[WW_VIEW_SERIES];
};

ww_rc ww_view_new(struct ww_view **out)
{
	*out = ww_calloc(1, sizeof(**out));
	return *out ? WW_OK : WW_ERR_NOMEM;
}

void ww_view_free(struct ww_view *v) { free(v); }

static bool field_num(const struct ww_fieldset *fs, const char *key, double *out)
{
	size_t i;
	for (i = 0; i < fs->n; i++) {
		if (strcmp(fs->v[i].key, key))
			continue;
		if (fs->v[i].type == WW_FIELD_INT)
			*out = (double)fs->v[i].v.i;
		else if (fs->v[i].type == WW_FIELD_DBL)
			*out = fs->v[i].v.d;
		else
			return false;
		return true;
	}
	return false;
}

/* New destinations so far: the engine's first contacts, or the table's
 * distinct destinations. */
static bool dest_count(const struct ww_finding *f, double *c)
{
	return field_num(&f->extra, "first_contacts", c) ||
	       field_num(&f->extra, "table_destinations", c);
}

static struct series *series_for(struct ww_view *v, const struct ww_addr *a)
{
	size_t i, k;
	struct series *free_s = NULL, *oldest = NULL;
	for (i = 0; i < WW_VIEW_SERIES; i++) {
		if (v->s[i].used && ww_addr_eq(&v->s[i].addr, a))
			return &v->s[i];
		if (!v->s[i].used && !free_s)
			free_s = &v->s[i];
		if (v->s[i].used && (!oldest || v->s[i].idle > oldest->idle))
			oldest = &v->s[i];
	}
	if (!free_s) {
		if (!oldest || oldest->idle == 0)
			return NULL; /* every slot is a current suspect */
		free_s = oldest;
	}
	memset(free_s, 0, sizeof(*free_s));
	free_s->used = true;
	free_s->addr = *a;
	for (k = 0; k < WW_VIEW_POINTS; k++)
		free_s->v[k] = NAN;
	return free_s;
}

/* One sample per second at most: each suspect's destinations per second
 * since the last sample. */
static void sample(struct ww_view *v, const struct ww_report *r, int64_t now)
{
	size_t i, slot;
	double dt;
	if (v->n && now - v->last_us < 1000000)
		return;
	dt = v->n ? (double)(now - v->last_us) / 1e6 : 0;
	if (v->n < WW_VIEW_POINTS) {
		slot = (v->head + v->n) % WW_VIEW_POINTS;
		v->n++;
	} else {
		slot = v->head;
		v->head = (v->head + 1) % WW_VIEW_POINTS;
	}
	v->t[slot] = now;
	v->last_us = now;
	for (i = 0; i < WW_VIEW_SERIES; i++) {
		v->s[i].v[slot] = NAN;
		v->s[i].idle++;
	}
	for (i = 0; i < r->n_findings; i++) {
		const struct ww_finding *f = r->findings[i];
		struct series *s;
		double c;
		if (f->kind != WW_FINDING_HOST || !f->has_addr || f->verdict < WW_VERDICT_SUSPICIOUS ||
		    !dest_count(f, &c) || !(s = series_for(v, &f->addr)))
			continue;
		s->idle = 0;
		if (s->have_last && dt > 0)
			s->v[slot] = (float)(c > s->last_count ? (c - s->last_count) / dt : 0);
		else
			s->v[slot] = 0;
		s->last_count = c;
		s->have_last = true;
	}
}

static void kv_u(struct ww_out *o, const char *k, unsigned long long x)
{
	ww_out_printf(o, ",\"%s\":%llu", k, x);
}

static void kv_s(struct ww_out *o, const char *k, const char *s)
{
	ww_out_printf(o, ",\"%s\":", k);
	ww_out_json_str(o, s ? s : "");
}

static void kv_d(struct ww_out *o, const char *k, double d)
{
	if (isfinite(d))
		ww_out_printf(o, ",\"%s\":%.4g", k, d);
	else
		ww_out_printf(o, ",\"%s\":null", k);
}

static void write_rates(struct ww_out *o, const struct ww_view *v)
{
	size_t i, k;
	bool first = true;
	ww_out_puts(o, ",\"rates\":{\"t\":[");
	for (k = 0; k < v->n; k++)
		ww_out_printf(o, "%s%lld", k ? "," : "",
		              (long long)(v->t[(v->head + k) % WW_VIEW_POINTS] / 1000));
	ww_out_puts(o, "],\"hosts\":[");
	for (i = 0; i < WW_VIEW_SERIES; i++) {
		const struct series *s = &v->s[i];
		char a[WW_ADDR_STRLEN];
		if (!s->used)
			continue;
		ww_out_puts(o, first ? "{\"addr\":" : ",{\"addr\":");
		first = false;
		ww_out_json_str(o, ww_addr_fmt(&s->addr, a));
		ww_out_puts(o, ",\"v\":[");
		for (k = 0; k < v->n; k++) {
			float x = s->v[(v->head + k) % WW_VIEW_POINTS];
			if (isnan(x))
				ww_out_printf(o, "%snull", k ? "," : "");
			else
				ww_out_printf(o, "%s%.1f", k ? "," : "", (double)x);
		}
		ww_out_puts(o, "]}");
	}
	ww_out_puts(o, "]}");
}

static void write_stats(struct ww_out *o, const struct ww_view_stats *st)
{
	char t[WW_TIME_STRLEN];
	ww_out_puts(o, "{\"stats\":{\"command\":");
	ww_out_json_str(o, st->command);
	kv_s(o, "source", st->source);
	kv_s(o, "time", ww_time_iso(st->now_us, t, sizeof(t)));
	kv_s(o, "started", ww_time_iso(st->start_us, t, sizeof(t)));
	kv_d(o, "uptime_s", (double)(st->now_us - st->start_us) / 1e6);
	kv_u(o, "packets", st->packets);
	kv_u(o, "undecodable", st->undecodable);
	kv_u(o, "hosts_judged", st->hosts_judged);
	kv_u(o, "alerts", st->alerts);
	if (st->have_drops) {
		kv_u(o, "kernel_dropped", st->kernel_dropped);
		kv_u(o, "interface_dropped", st->interface_dropped);
	}
	kv_u(o, "clients", st->clients);
	kv_u(o, "clients_dropped", st->clients_dropped);
	kv_s(o, "chart_note", st->chart_note);
	ww_out_puts(o, "}");
	if (st->contain) {
		ww_out_puts(o, ",\"contain\":{\"mode\":");
		ww_out_json_str(o, st->contain);
		kv_s(o, "note", st->contain_note);
		kv_u(o, "contained", st->contained);
		ww_out_puts(o, "}");
	}
	if (st->nat) {
		ww_out_printf(o, ",\"nat\":{\"entries\":%llu", (unsigned long long)st->entries);
		kv_u(o, "max", st->max);
		kv_d(o, "used_pct", st->max ? 100.0 * (double)st->entries / (double)st->max : NAN);
		kv_d(o, "rate", st->rate);
		kv_d(o, "eta_s", st->eta_s >= 0 ? st->eta_s : NAN);
		kv_s(o, "level", st->level);
		ww_out_puts(o, "}");
	}
}

ww_rc ww_view_publish(struct ww_view *v, struct ww_board *b, const struct ww_report *r,
                      const struct ww_view_stats *st)
{
	char *rep = NULL, *state = NULL;
	size_t rep_len = 0, state_len = 0;
	struct ww_out o;
	FILE *f;
	ww_rc rc;

	f = open_memstream(&rep, &rep_len);
	if (!f)
		return WW_ERR_NOMEM;
	ww_out_init(&o, f);
	rc = ww_write_json(&o, r);
	if (fclose(f) != 0 && !rc)
		rc = WW_ERR_NOMEM;
	if (rc) {
		free(rep);
		return rc;
	}
	sample(v, r, st->now_us);
	f = open_memstream(&state, &state_len);
	if (!f) {
		free(rep);
		return WW_ERR_NOMEM;
	}
	ww_out_init(&o, f);
	write_stats(&o, st);
	write_rates(&o, v);
	ww_out_puts(&o, ",\"report\":");
	ww_out_write(&o, rep, rep_len);
	ww_out_puts(&o, "}");
	rc = o.rc;
	if (fclose(f) != 0 && !rc)
		rc = WW_ERR_NOMEM;
	if (!rc) {
		ww_board_set_hosts(b, ww_blob_new(rep, rep_len));
		ww_board_set_state(b, ww_blob_new(state, state_len));
	}
	free(rep);
	free(state);
	return rc;
}
