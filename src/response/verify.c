/* verify: host by host, before against after (contract in verify.h). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "response/verify.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#define PER_HOST_MAX 50
#define CHANGED_MAX 8
#define CHANGE_LEN 320

const char *ww_verify_status_name(enum ww_verify_status s)
{
	static const char *const n[] = {"clean", "not-seen", "still-flagged", "still-spreading",
	                                "new-spreading"};
	return (unsigned)s < WW_ARRAY_LEN(n) ? n[s] : "not-seen";
}

const char *ww_verify_answer(enum ww_verify_status s)
{
	static const char *const n[] = {
		N_("clean, reconnect"),
		N_("no longer seen (was it disconnected?)"),
		N_("still flagged: look at it again before reconnecting"),
		N_("still spreading"),
		N_("newly spreading: isolate it"),
	};
	return (unsigned)s < WW_ARRAY_LEN(n) ? n[s] : n[1];
}

bool ww_verify_flagged(const struct ww_resp_host *h)
{
	return h && h->flagged &&
	       (h->verdict == WW_VERDICT_INFECTED || h->verdict == WW_VERDICT_SCANNER ||
	        h->verdict == WW_VERDICT_SUSPICIOUS);
}

enum ww_verify_status ww_verify_judge(const struct ww_resp_host *before,
                                      const struct ww_resp_host *after,
                                      const struct ww_resp_snap *after_snap)
{
	(void)after_snap;
	if (after && after->flagged && after->verdict == WW_VERDICT_INFECTED)
		return ww_verify_flagged(before) ? WW_VERIFY_STILL_SPREADING : WW_VERIFY_NEW_SPREADING;
	if (ww_verify_flagged(after))
		return WW_VERIFY_STILL_FLAGGED;
	if (after && after->seen)
		return WW_VERIFY_CLEAN;
	return WW_VERIFY_NOT_SEEN;
}

/* The hosts verify reports: flagged before, or infected after. */
static bool followed(const struct ww_resp_host *b, const struct ww_resp_host *a)
{
	return ww_verify_flagged(b) || (a && a->flagged && a->verdict == WW_VERDICT_INFECTED);
}

int ww_verify_exit(const struct ww_resp_snap *before, const struct ww_resp_snap *after)
{
	size_t i;
	bool spreading = false, all_clean = true;
	for (i = 0; i < before->n; i++) {
		const struct ww_resp_host *b = &before->h[i];
		enum ww_verify_status st;
		if (!ww_verify_flagged(b))
			continue;
		st = ww_verify_judge(b, ww_resp_snap_find(after, &b->addr), after);
		if (st == WW_VERIFY_STILL_SPREADING)
			spreading = true;
		if (st != WW_VERIFY_CLEAN)
			all_clean = false;
	}
	for (i = 0; i < after->n; i++)
		if (after->h[i].flagged && after->h[i].verdict == WW_VERDICT_INFECTED)
			spreading = true;
	return spreading ? 3 : all_clean ? 0 : 1;
}

/* ---- what changed ------------------------------------------------------------ */

struct changes {
	char v[CHANGED_MAX][CHANGE_LEN];
	size_t n;
};

static void change(struct changes *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void change(struct changes *c, const char *fmt, ...)
{
	va_list ap;
	if (c->n >= CHANGED_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(c->v[c->n++], sizeof(c->v[0]), fmt, ap);
	va_end(ap);
}

static void changes_of(struct changes *c, const struct ww_resp_host *b, const struct ww_resp_host *a,
                       const struct ww_resp_snap *after)
{
	char x[32], y[32];
	enum ww_verdict vb = b && b->flagged ? b->verdict : WW_VERDICT_NORMAL;
	enum ww_verdict va = a && a->flagged ? a->verdict : WW_VERDICT_NORMAL;
	c->n = 0;
	if (!a || !a->seen) {
		change(c, _("verdict %s -> not seen"), ww_verdict_name(vb));
	} else if (va != vb) {
		change(c, _("verdict %s -> %s"), ww_verdict_name(vb), ww_verdict_name(va));
	}
	if (b && a && b->first_contacts >= 0 && a->first_contacts >= 0 &&
	    b->first_contacts != a->first_contacts)
		change(c, _("first contacts %s -> %s"),
		       ww_fmt_count((unsigned long long)b->first_contacts, x, sizeof(x)),
		       ww_fmt_count((unsigned long long)a->first_contacts, y, sizeof(y)));
	/* table entries only when the after side had a table too */
	if (b && b->table_entries >= 0 && after->have_table &&
	    (!a || a->table_entries != b->table_entries))
		change(c, _("connection table entries %s -> %s"),
		       ww_fmt_count((unsigned long long)b->table_entries, x, sizeof(x)),
		       ww_fmt_count(a && a->table_entries > 0 ? (unsigned long long)a->table_entries : 0,
		                    y, sizeof(y)));
	if (b && a && a->seen && b->destinations >= 0 && a->destinations >= 0 &&
	    b->destinations != a->destinations)
		change(c, _("distinct destinations %s -> %s"),
		       ww_fmt_count((unsigned long long)b->destinations, x, sizeof(x)),
		       ww_fmt_count((unsigned long long)a->destinations, y, sizeof(y)));
	if (b && b->has_worm && a && a->has_worm && b->worm_packets != a->worm_packets)
		change(c, _("connection openings to worm ports %s -> %s"),
		       ww_fmt_count(b->worm_packets, x, sizeof(x)),
		       ww_fmt_count(a->worm_packets, y, sizeof(y)));
	else if (b && b->has_worm && b->worm_packets && (!a || !a->seen))
		change(c, _("connection openings to worm ports %s -> none"),
		       ww_fmt_count(b->worm_packets, x, sizeof(x)));
	if (a && a->flagged && va != WW_VERDICT_NORMAL && a->title)
		change(c, _("now: %.200s"), a->title);
}

/* ---- JSON ---------------------------------------------------------------------- */

static void json_state(struct ww_out *o, const struct ww_resp_host *h)
{
	double score;
	if (!h || !h->seen) {
		ww_out_puts(o, "null");
		return;
	}
	score = h->flagged && isfinite(h->score) ? h->score : 0;
	ww_out_puts(o, "{\"verdict\":");
	ww_out_json_str(o, ww_verdict_name(h->flagged ? h->verdict : WW_VERDICT_NORMAL));
	ww_out_printf(o, ",\"score\":%.4g,\"first_contacts\":", score);
	if (h->first_contacts >= 0)
		ww_out_printf(o, "%lld", h->first_contacts);
	else
		ww_out_puts(o, "null");
	ww_out_puts(o, "}");
}

static void json_host(struct ww_out *o, const struct ww_resp_host *b, const struct ww_resp_host *a,
                      const struct ww_addr *addr, const struct ww_resp_snap *after, bool first)
{
	char ab[WW_ADDR_STRLEN];
	struct changes c;
	enum ww_verify_status st = ww_verify_judge(b, a, after);
	size_t i;
	ww_out_puts(o, first ? "\n {\"addr\":" : ",\n {\"addr\":");
	ww_out_json_str(o, ww_addr_fmt(addr, ab));
	ww_out_puts(o, ",\"before\":");
	json_state(o, b);
	ww_out_puts(o, ",\"after\":");
	json_state(o, a);
	ww_out_puts(o, ",\"status\":");
	ww_out_json_str(o, ww_verify_status_name(st));
	ww_out_puts(o, ",\"answer\":");
	ww_out_json_str(o, ww_verify_answer(st));
	ww_out_puts(o, ",\"changed\":[");
	changes_of(&c, b, a, after);
	for (i = 0; i < c.n; i++) {
		if (i)
			ww_out_puts(o, ",");
		ww_out_json_str(o, c.v[i]);
	}
	ww_out_puts(o, "]}");
}

static void json_table(struct ww_out *o, const struct ww_resp_snap *s)
{
	if (!s->have_table) {
		ww_out_puts(o, "null");
		return;
	}
	ww_out_printf(o, "{\"entries\":%llu,\"max\":", (unsigned long long)s->table_entries);
	if (s->table_max)
		ww_out_printf(o, "%llu}", (unsigned long long)s->table_max);
	else
		ww_out_puts(o, "null}");
}

static long long entries_of(const struct ww_resp_snap *s, const struct ww_addr *a)
{
	const struct ww_resp_host *h = ww_resp_snap_find(s, a);
	return h && h->table_entries > 0 ? h->table_entries : 0;
}

/* Hosts for the per-host table share: flagged before or after, then the
 * busiest of the rest, at most PER_HOST_MAX, in the before snapshot's
 * order (infected first) then the after's. */
static size_t per_host(const struct ww_resp_snap *b, const struct ww_resp_snap *a,
                       const struct ww_resp_host **out)
{
	size_t n = 0, i, pass;
	for (pass = 0; pass < 2; pass++) {
		const struct ww_resp_snap *s = pass ? a : b;
		for (i = 0; i < s->n && n < PER_HOST_MAX; i++) {
			const struct ww_resp_host *h = &s->h[i];
			if (h->table_entries < 0)
				continue;
			if (pass && ww_resp_snap_find(b, &h->addr) &&
			    ww_resp_snap_find(b, &h->addr)->table_entries >= 0)
				continue; /* listed in the first pass */
			out[n++] = h;
		}
	}
	return n;
}

ww_rc ww_verify_write_json(struct ww_out *o, const struct ww_resp_snap *before,
                           const struct ww_resp_snap *after)
{
	const struct ww_resp_host *rows[2 * PER_HOST_MAX];
	size_t i, n;
	bool first = true;
	char ab[WW_ADDR_STRLEN];
	ww_out_puts(o, "{\"command\":\"verify\",\"schema\":1,\"hosts\":[");
	for (i = 0; i < before->n; i++) {
		const struct ww_resp_host *b = &before->h[i];
		const struct ww_resp_host *a = ww_resp_snap_find(after, &b->addr);
		if (!followed(b, a))
			continue;
		json_host(o, b, a, &b->addr, after, first);
		first = false;
	}
	for (i = 0; i < after->n; i++) {
		const struct ww_resp_host *a = &after->h[i];
		const struct ww_resp_host *b = ww_resp_snap_find(before, &a->addr);
		if (ww_verify_flagged(b) || !followed(b, a))
			continue;
		json_host(o, b, a, &a->addr, after, first);
		first = false;
	}
	/* always an object: a side without a table is null, per_host empty */
	ww_out_puts(o, "],\n\"table\":{\"before\":");
	json_table(o, before);
	ww_out_puts(o, ",\"after\":");
	json_table(o, after);
	ww_out_puts(o, ",\"per_host\":[");
	n = per_host(before, after, rows);
	for (i = 0; i < n; i++) {
		ww_out_puts(o, i ? ",\n  {\"addr\":" : "\n  {\"addr\":");
		ww_out_json_str(o, ww_addr_fmt(&rows[i]->addr, ab));
		ww_out_printf(o, ",\"before\":%lld,\"after\":%lld}",
		              entries_of(before, &rows[i]->addr), entries_of(after, &rows[i]->addr));
	}
	ww_out_puts(o, "]}");
	ww_out_puts(o, ",\n\"worm_port_packets\":{\"before\":");
	if (before->have_worm)
		ww_out_printf(o, "%llu", (unsigned long long)before->worm_packets);
	else
		ww_out_puts(o, "null");
	ww_out_puts(o, ",\"after\":");
	if (after->have_worm)
		ww_out_printf(o, "%llu", (unsigned long long)after->worm_packets);
	else
		ww_out_puts(o, "null");
	ww_out_puts(o, "}}\n");
	return o->rc;
}

/* ---- text ---------------------------------------------------------------------- */

static void text_host(struct ww_out *o, const struct ww_resp_host *b, const struct ww_resp_host *a,
                      const struct ww_addr *addr, const struct ww_resp_snap *after)
{
	char ab[WW_ADDR_STRLEN];
	struct changes c;
	enum ww_verify_status st = ww_verify_judge(b, a, after);
	size_t i;
	ww_out_printf(o, "%-16s %-10s -> %-10s %s\n", ww_addr_fmt(addr, ab),
	              ww_verdict_name(b && b->flagged ? b->verdict : WW_VERDICT_NORMAL),
	              a && a->seen ? ww_verdict_name(a->flagged ? a->verdict : WW_VERDICT_NORMAL)
	                           : _("not seen"),
	              _(ww_verify_answer(st)));
	changes_of(&c, b, a, after);
	for (i = 0; i < c.n; i++) {
		ww_out_puts(o, "    ");
		ww_out_text_safe(o, c.v[i]);
		ww_out_puts(o, "\n");
	}
}

static void text_table(struct ww_out *o, const struct ww_resp_snap *s)
{
	char x[32], y[32];
	if (!s->have_table) {
		ww_out_puts(o, _("no table"));
		return;
	}
	ww_out_printf(o, "%s", ww_fmt_count(s->table_entries, x, sizeof(x)));
	if (s->table_max)
		ww_out_printf(o, _(" of %s (%.0f%%)"), ww_fmt_count(s->table_max, y, sizeof(y)),
		              100.0 * (double)s->table_entries / (double)s->table_max);
	if (s->max_borrowed)
		ww_out_puts(o, _(" [size from the other dump]"));
}

ww_rc ww_verify_write_text(struct ww_out *o, const struct ww_resp_snap *before,
                           const struct ww_resp_snap *after)
{
	const struct ww_resp_host *rows[2 * PER_HOST_MAX];
	char ab[WW_ADDR_STRLEN], x[32], y[32];
	size_t i, n, shown = 0;
	ww_out_printf(o, _("verify: %zu input(s) before, %zu after\n\n"), before->n_inputs,
	              after->n_inputs);
	for (i = 0; i < before->n; i++) {
		const struct ww_resp_host *b = &before->h[i];
		const struct ww_resp_host *a = ww_resp_snap_find(after, &b->addr);
		if (!followed(b, a))
			continue;
		text_host(o, b, a, &b->addr, after);
		shown++;
	}
	for (i = 0; i < after->n; i++) {
		const struct ww_resp_host *a = &after->h[i];
		const struct ww_resp_host *b = ww_resp_snap_find(before, &a->addr);
		if (ww_verify_flagged(b) || !followed(b, a))
			continue;
		text_host(o, b, a, &a->addr, after);
		shown++;
	}
	if (!shown)
		ww_out_puts(o, _("no host was flagged before or spreads after\n"));
	if (before->have_table || after->have_table) {
		ww_out_puts(o, _("\nconnection table: "));
		text_table(o, before);
		ww_out_puts(o, _(" entries before, "));
		text_table(o, after);
		ww_out_puts(o, _(" after\n"));
		n = per_host(before, after, rows);
		for (i = 0; i < n && i < 10; i++)
			ww_out_printf(o, "  %-16s %8s -> %s\n", ww_addr_fmt(&rows[i]->addr, ab),
			              ww_fmt_count((unsigned long long)entries_of(before, &rows[i]->addr), x,
			                           sizeof(x)),
			              ww_fmt_count((unsigned long long)entries_of(after, &rows[i]->addr), y,
			                           sizeof(y)));
	}
	if (before->have_worm || after->have_worm) {
		ww_out_puts(o, _("\nconnection openings to worm ports: "));
		if (before->have_worm)
			ww_out_puts(o, ww_fmt_count(before->worm_packets, x, sizeof(x)));
		else
			ww_out_puts(o, _("not counted"));
		ww_out_puts(o, _(" before, "));
		if (after->have_worm)
			ww_out_puts(o, ww_fmt_count(after->worm_packets, y, sizeof(y)));
		else
			ww_out_puts(o, _("not counted"));
		ww_out_puts(o, _(" after\n"));
	}
	if (!after->presence)
		ww_out_puts(o, _("\nnote: the after inputs are JSON results that list only flagged hosts; "
		                 "a host missing there may be clean or disconnected: give the capture, "
		                 "table or log itself to tell\n"));
	return o->rc;
}
