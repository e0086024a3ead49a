#include "core/common.h"
#include "core/timefmt.h"
#include "live/liveout.h"
#include "report/writer.h"
#include "router/rt_alert.h"

#include <stdio.h>
#include <syslog.h>

ww_rc ww_liveout_start(struct ww_liveout *lo, const struct ww_liveout_opts *o)
{
	char err[320];
	ww_rc rc;
	memset(lo, 0, sizeof(*lo));
	lo->o = *o;
	if (o->http || o->contain) {
		rc = ww_board_new(&lo->board);
		if (rc)
			return rc;
	}
	if (o->http) {
		struct ww_http_opts ho = {o->http, o->chart_js};
		rc = ww_view_new(&lo->view);
		if (!rc)
			rc = ww_http_start(&lo->http, lo->board, &ho, err, sizeof(err));
		if (rc) {
			if (rc != WW_ERR_NOMEM)
				ww_error("%s", err);
			ww_liveout_stop(lo);
			return rc;
		}
		fprintf(stderr, "wormwatch: live page at %s\n", ww_http_url(lo->http));
		if (*ww_http_chart_note(lo->http))
			fprintf(stderr, "wormwatch: %s\n", ww_http_chart_note(lo->http));
	}
	if (o->notify.syslog || o->notify.exec) {
		rc = ww_notify_start(&lo->notify, &o->notify, err, sizeof(err));
		if (rc) {
			ww_error("%s", err);
			ww_liveout_stop(lo);
			return rc;
		}
	}
	if (o->contain) {
		struct ww_quarantine_opts qo = {o->contain == WW_CONTAIN_ALL, o->contain_timeout_s,
		                                o->never};
		rc = ww_quarantine_open(&lo->q, &qo, err, sizeof(err));
		if (rc) {
			/* one line, and watching goes on */
			snprintf(lo->contain_note, sizeof(lo->contain_note),
			         "--contain needs root (CAP_NET_ADMIN) and nf_tables (here: %s); "
			         "watching goes on without containment", err);
			ww_warn("%s", lo->contain_note);
		} else {
			char al[400];
			ww_quarantine_allowlist(lo->q, al, sizeof(al));
			fprintf(stderr, "wormwatch: containment on: %s go into table inet wormwatch, sets "
			        "%s/%s, for %u s; never contained: %s\n",
			        o->contain == WW_CONTAIN_ALL ? "infected hosts and scanners (all their "
			        "forwarded traffic)" : "infected hosts (their worm-port connections)",
			        ww_quarantine_set(lo->q, true), ww_quarantine_set(lo->q, false),
			        o->contain_timeout_s ? o->contain_timeout_s : 3600, *al ? al : "-");
		}
	}
	lo->dirty = true;
	return WW_OK;
}

bool ww_liveout_page(const struct ww_liveout *lo) { return lo->http != NULL; }

/* One containment action as JSON for the page and /api/actions. */
static void push_action(struct ww_liveout *lo, const struct ww_alert *a, const char *action,
                        const char *set, double alert_ms, double packet_ms, const char *reason)
{
	char *buf = NULL, ab[WW_ADDR_STRLEN], t[WW_TIME_STRLEN];
	size_t len = 0;
	FILE *f;
	struct ww_out o;
	int64_t now = ww_wall_us();
	if (!lo->board)
		return;
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	ww_out_init(&o, f);
	ww_out_puts(&o, "{\"time\":");
	ww_out_json_str(&o, ww_time_iso(now, t, sizeof(t)));
	ww_out_printf(&o, ",\"ts_us\":%lld,\"addr\":", (long long)now);
	ww_out_json_str(&o, ww_addr_fmt(&a->addr, ab));
	ww_out_puts(&o, ",\"verdict\":");
	ww_out_json_str(&o, ww_verdict_name(a->verdict));
	ww_out_puts(&o, ",\"action\":");
	ww_out_json_str(&o, action);
	if (set) {
		ww_out_puts(&o, ",\"set\":");
		ww_out_json_str(&o, set);
	}
	if (alert_ms >= 0)
		ww_out_printf(&o, ",\"alert_to_rule_ms\":%.3f,\"packet_to_rule_ms\":%.3f", alert_ms,
		              packet_ms);
	ww_out_puts(&o, ",\"reason\":");
	ww_out_json_str(&o, reason ? reason : "");
	ww_out_puts(&o, "}");
	if (fclose(f) == 0 && !o.rc)
		ww_board_push(lo->board, WW_BOARD_ACTION, ww_blob_new(buf, len));
	free(buf);
}

static void contain(struct ww_liveout *lo, const struct ww_alert *a, int64_t t0)
{
	char err[320], ab[WW_ADDR_STRLEN], line[600];
	const char *set;
	double alert_ms, packet_ms;
	ww_rc rc;
	ww_addr_fmt(&a->addr, ab);
	if (a->verdict < WW_VERDICT_INFECTED && lo->o.contain != WW_CONTAIN_ALL) {
		snprintf(line, sizeof(line), "%s is a scanner, not a worm: reported, not contained "
		         "(--contain=all contains scanners too)", ab);
		fprintf(stderr, "wormwatch: CONTAIN %s\n", line);
		push_action(lo, a, "reported", NULL, -1, -1, line);
		ww_notify_send(lo->notify, LOG_NOTICE, line, NULL, 0);
		return;
	}
	if (!lo->q) {
		push_action(lo, a, "not contained", NULL, -1, -1, lo->contain_note);
		return;
	}
	set = ww_quarantine_set(lo->q, a->addr.v4);
	rc = ww_quarantine_add(lo->q, &a->addr, ww_verdict_name(a->verdict), err, sizeof(err));
	alert_ms = (double)(ww_mono_ns() - t0) / 1e6;
	packet_ms = (double)(ww_wall_us() - a->ts_us) / 1e3;
	if (rc == WW_ERR_USAGE) {
		snprintf(line, sizeof(line), "%s (%s) not contained: %s", ab,
		         ww_verdict_name(a->verdict), err);
		fprintf(stderr, "wormwatch: CONTAIN %s\n", line);
		push_action(lo, a, "allowlisted", NULL, -1, -1, line);
	} else if (rc) {
		snprintf(line, sizeof(line), "%s (%s) could not be contained: %s", ab,
		         ww_verdict_name(a->verdict), err);
		ww_warn("%s", line);
		push_action(lo, a, "failed", set, -1, -1, line);
	} else {
		lo->contained++;
		snprintf(line, sizeof(line), "%s (%s) quarantined: in table inet wormwatch set %s for %u "
		         "s, %.2f ms after the alert, %.2f ms after the deciding packet", ab,
		         ww_verdict_name(a->verdict), set,
		         lo->o.contain_timeout_s ? lo->o.contain_timeout_s : 3600, alert_ms, packet_ms);
		fprintf(stderr, "wormwatch: CONTAIN %s\n", line);
		push_action(lo, a, "quarantined", set, alert_ms, packet_ms, line);
	}
	ww_notify_send(lo->notify, LOG_NOTICE, line, NULL, 0);
}

void ww_liveout_alert(struct ww_liveout *lo, const struct ww_alert *a, const char *json,
                      size_t json_len)
{
	int64_t t0 = ww_mono_ns();
	char text[700], ab[WW_ADDR_STRLEN];
	/* the rule first: every microsecond lets another probe out */
	if (lo->o.contain)
		contain(lo, a, t0);
	if (lo->board && json)
		ww_board_push(lo->board, WW_BOARD_ALERT, ww_blob_new(json, json_len));
	if (lo->notify) {
		snprintf(text, sizeof(text), "ALERT %s %s score=%.2f after %u first contact%s: %s",
		         ww_addr_fmt(&a->addr, ab), ww_verdict_name(a->verdict), a->score, a->attempts,
		         a->attempts == 1 ? "" : "s", a->why ? a->why : "");
		ww_notify_send(lo->notify, a->verdict >= WW_VERDICT_INFECTED ? LOG_CRIT : LOG_WARNING,
		               text, json, json_len);
	}
	lo->dirty = true;
}

#define TOLD_MAX 65536

size_t ww_liveout_report_alerts(struct ww_liveout *lo, const struct ww_report *r, int64_t ts_us,
                                struct ww_alert_sink *sink)
{
	size_t i, k, n = 0;
	for (i = 0; i < r->n_findings; i++) {
		const struct ww_finding *f = r->findings[i];
		struct ww_alert a;
		char json[1024];
		size_t jl;
		int64_t now;
		if (f->kind != WW_FINDING_HOST || !f->has_addr || f->verdict < WW_VERDICT_SCANNER)
			continue;
		for (k = 0; k < lo->n_told; k++)
			if (ww_addr_eq(&lo->told[k].addr, &f->addr))
				break;
		if (k < lo->n_told && lo->told[k].verdict >= f->verdict)
			continue;
		if (k == lo->n_told) {
			if (lo->n_told == lo->cap_told) {
				size_t cap = lo->cap_told ? lo->cap_told * 2 : 64;
				void *p = cap <= TOLD_MAX ? ww_reallocarray(lo->told, cap, sizeof(*lo->told))
				                          : NULL;
				if (!p)
					continue; /* so many culprits: the page still lists them */
				lo->told = p;
				lo->cap_told = cap;
			}
			lo->told[k].addr = f->addr;
			lo->n_told++;
		}
		lo->told[k].verdict = f->verdict;
		memset(&a, 0, sizeof(a));
		a.ts_us = ts_us;
		a.addr = f->addr;
		a.verdict = f->verdict;
		a.score = f->score;
		a.attempts = f->attempts_to_alert;
		a.why = f->title ? f->title : "";
		now = ww_wall_us();
		jl = ww_alert_json(&a, now, json, sizeof(json));
		ww_liveout_alert(lo, &a, jl ? json : NULL, jl);
		if (sink)
			ww_alert_sink_write(sink, &a, now);
		if (lo->jl && (!jl || fwrite(json, 1, jl, lo->jl) != jl || fputc('\n', lo->jl) == EOF ||
		               fflush(lo->jl) != 0))
			lo->jl_lost++;
		n++;
	}
	return n;
}

void ww_liveout_event(struct ww_liveout *lo, int severity, const char *text)
{
	ww_notify_send(lo->notify, severity, text, NULL, 0);
	lo->dirty = true;
}

bool ww_liveout_due(const struct ww_liveout *lo, int64_t now_us)
{
	if (!lo->http)
		return false;
	return now_us - lo->last_pub_us >= (lo->dirty ? 200000 : 1000000);
}

void ww_liveout_publish(struct ww_liveout *lo, const struct ww_report *r, struct ww_view_stats *st)
{
	ww_rc rc;
	if (!lo->http)
		return;
	st->clients = ww_http_sse_clients(lo->http);
	st->clients_dropped = ww_http_dropped(lo->http);
	st->chart_note = ww_http_chart_note(lo->http);
	if (lo->o.contain) {
		st->contain = lo->o.contain == WW_CONTAIN_ALL ? "all traffic" : "worm ports";
		st->contain_note = lo->contain_note;
		st->contained = lo->contained;
	}
	rc = ww_view_publish(lo->view, lo->board, r, st);
	if (rc)
		ww_warn("the live page was not updated: %s", ww_rc_str(rc));
	lo->last_pub_us = st->now_us;
	lo->dirty = false;
}

void ww_liveout_stop(struct ww_liveout *lo)
{
	if (lo->board)
		ww_board_close(lo->board);
	ww_http_stop(lo->http);
	lo->http = NULL;
	if (lo->notify) {
		struct ww_notify_stats ns;
		ww_notify_stop(lo->notify, &ns);
		if (ns.dropped || ns.spawn_failed || ns.killed || ns.failed)
			ww_warn("alert outputs: %llu dropped (queue full), %llu commands not started, %llu "
			        "killed after the time limit, %llu exited with an error",
			        (unsigned long long)ns.dropped, (unsigned long long)ns.spawn_failed,
			        (unsigned long long)ns.killed, (unsigned long long)ns.failed);
	}
	lo->notify = NULL;
	ww_quarantine_close(lo->q);
	lo->q = NULL;
	ww_view_free(lo->view);
	lo->view = NULL;
	ww_board_free(lo->board);
	lo->board = NULL;
	free(lo->told);
	lo->told = NULL;
	lo->n_told = lo->cap_told = 0;
}
