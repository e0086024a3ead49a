#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "router/rt_judge.h"

#include <stdio.h>

struct verdict {
	enum ww_verdict v;
	double score;
	char title[400]; /* room for a translation (UTF-8) */
	bool share_said; /* the title already says the table share */
};

static double ratio(uint32_t a, uint32_t b) { return b ? (double)a / b : 0; }

static const char *proto_name(uint8_t p)
{
	return p == WW_PROTO_TCP ? "TCP" : p == WW_PROTO_UDP ? "UDP" : p == WW_PROTO_ICMP ? "ICMP"
	       : p == WW_PROTO_ICMP6 ? "ICMPv6" : "IP";
}

static void top_ports_str(const struct ww_rt_host *h, char *buf, size_t len)
{
	size_t off = 0;
	int i;
	buf[0] = '\0';
	for (i = 0; i < WW_RT_TOPN && h->top[i].count; i++) {
		int n;
		if (h->top[i].proto == WW_PROTO_TCP || h->top[i].proto == WW_PROTO_UDP)
			n = snprintf(buf + off, len - off, "%s%s/%u (%u)", i ? ", " : "",
			             proto_name(h->top[i].proto), h->top[i].port, h->top[i].count);
		else
			n = snprintf(buf + off, len - off, "%s%s (%u)", i ? ", " : "",
			             proto_name(h->top[i].proto), h->top[i].count);
		if (n < 0 || (size_t)n >= len - off)
			break;
		off += (size_t)n;
	}
}

/* The busiest ports as data: a JSON array of {proto, port, count}. */
static size_t top_ports_list(const struct ww_rt_host *h, struct ww_portcount *v)
{
	size_t n = 0;
	int i;
	for (i = 0; i < WW_RT_TOPN && h->top[i].count; i++) {
		uint8_t p = h->top[i].proto;
		v[n].proto = p == WW_PROTO_TCP ? "tcp" : p == WW_PROTO_UDP ? "udp"
		             : p == WW_PROTO_ICMP ? "icmp" : p == WW_PROTO_ICMP6 ? "icmpv6" : "ip";
		v[n].port = p == WW_PROTO_TCP || p == WW_PROTO_UDP ? h->top[i].port : 0;
		v[n].count = h->top[i].count;
		n++;
	}
	return n;
}

/* The shapes, strongest first. */
static void classify(const struct ww_rt_host *h, const struct ww_rt_table *tbl,
                     struct verdict *out)
{
	double fail = ratio(h->failed, h->openings);
	double share = tbl && tbl->max ? (double)ww_rt_host_held(h) / (double)tbl->max : 0;
	bool worm = h->openings && ratio(h->worm_port, h->openings) >= 0.5;
	out->v = WW_VERDICT_NORMAL;
	out->score = 0;
	out->title[0] = '\0';
	out->share_said = false;
	if (h->dsts >= WW_RT_SWEEP_MIN_DSTS && h->ports <= WW_RT_SWEEP_MAX_PORTS &&
	    fail >= WW_RT_FAIL_RATIO) {
		bool strong = worm || h->dsts >= 5 * WW_RT_SWEEP_MIN_DSTS;
		out->v = strong ? WW_VERDICT_INFECTED : WW_VERDICT_SCANNER;
		out->score = strong ? 0.9 + WW_MIN(0.09, h->dsts / 10000.0) : 0.8;
		snprintf(out->title, sizeof(out->title),
		         P_("%s: %u addresses tried on %u port, %.0f%% left unanswered or dropped%s",
		            "%s: %u addresses tried on %u ports, %.0f%% left unanswered or dropped%s",
		            h->ports),
		         strong ? _("worm-like sweep") : _("address sweep"), h->dsts, h->ports, fail * 100,
		         worm ? _(" (ports worms spread on)") : "");
	} else if (tbl && share >= WW_RT_SHARE_HOG && fail >= WW_RT_FAIL_RATIO &&
	           h->dsts >= WW_RT_SWEEP_MIN_DSTS) {
		out->v = WW_VERDICT_INFECTED;
		out->score = 0.9;
		out->share_said = true;
		snprintf(out->title, sizeof(out->title),
		         _("holds %.0f%% of the connection table, %.0f%% of it unanswered, to %u addresses"),
		         share * 100, fail * 100, h->dsts);
	} else if (h->ports >= WW_RT_SCAN_MIN_PORTS && h->ports >= 4 * h->dsts &&
	           fail >= WW_RT_FAIL_RATIO) {
		out->v = WW_VERDICT_SCANNER;
		out->score = 0.85;
		snprintf(out->title, sizeof(out->title),
		         P_("port scan: %u ports tried on %u address, %.0f%% left unanswered or dropped",
		            "port scan: %u ports tried on %u addresses, %.0f%% left unanswered or dropped",
		            h->dsts),
		         h->ports, h->dsts, fail * 100);
	} else if (h->telnet && h->telnet_alt && h->telnet + h->telnet_alt >= 5 &&
	           fail >= WW_RT_FAIL_RATIO) {
		out->v = WW_VERDICT_INFECTED;
		out->score = 0.85;
		snprintf(out->title, sizeof(out->title),
		         _("Mirai-style telnet probing: %u attempts on 23 and %u on 2323, %.0f%% dropped"),
		         h->telnet, h->telnet_alt, fail * 100);
	} else if (h->worm_port >= 5 && h->dsts >= 5 && fail >= WW_RT_FAIL_RATIO) {
		out->v = WW_VERDICT_SUSPICIOUS;
		out->score = 0.5;
		snprintf(out->title, sizeof(out->title),
		         _("%u failed attempts to worm ports on %u addresses"), h->worm_port, h->dsts);
	} else if (h->top_sport.count >= WW_RT_P2P_OUT_PEERS && h->ports >= WW_RT_P2P_OUT_PEERS &&
	           ratio(h->succeeded, h->openings) >= WW_RT_P2P_OUT_ANSWERED &&
	           ratio(h->worm_port, h->openings) < 0.05) {
		out->v = WW_VERDICT_P2P;
		out->score = 0.7;
		snprintf(out->title, sizeof(out->title),
		         _("a peer-to-peer client: %u peers from its local UDP port %u, on %u different "
		           "ports, %.0f%% answered"), h->top_sport.count, h->top_sport.port, h->ports,
		         100 * ratio(h->succeeded, h->openings));
	} else if (tbl && share >= WW_RT_SHARE_HOG) {
		out->v = WW_VERDICT_SUSPICIOUS;
		out->score = 0.4;
		out->share_said = true;
		snprintf(out->title, sizeof(out->title),
		         _("holds %.0f%% of the connection table (mostly answered: a heavy user, "
		           "not a sweep)"), share * 100);
	}
}

/* With a table: say first how much of it the host holds. */
static void share_prefix(const struct ww_rt_host *h, const struct ww_rt_table *tbl,
                         struct verdict *v)
{
	char t[sizeof(v->title) + 48];
	double share;
	if (!tbl || !tbl->max || v->v == WW_VERDICT_NORMAL)
		return;
	share = (double)ww_rt_host_held(h) / (double)tbl->max;
	if (share < 0.05 || v->share_said)
		return;
	snprintf(t, sizeof(t), _("holds %.0f%% of the connection table; %s"), share * 100, v->title);
	t[sizeof(v->title) - 1] = '\0';
	memcpy(v->title, t, sizeof(v->title));
}

static struct ww_finding *find_host(struct ww_report *r, const struct ww_addr *x)
{
	size_t i;
	for (i = 0; i < r->n_findings; i++) {
		struct ww_finding *f = r->findings[i];
		if (f->kind == WW_FINDING_HOST && f->has_addr && ww_addr_eq(&f->addr, x))
			return f;
	}
	return NULL;
}

/* The finding for x: the engine's when it made one (upgraded if the router
 * sees worse), else a new one. */
static struct ww_finding *host_finding(struct ww_report *r, const struct ww_addr *x,
                                       const struct verdict *v, bool *mine)
{
	struct ww_finding *f = find_host(r, x);
	*mine = false;
	if (f && f->verdict >= v->v)
		return f;
	*mine = true;
	if (!f) {
		f = ww_report_add(r, WW_FINDING_HOST);
		if (!f)
			return NULL;
		f->has_addr = true;
		f->addr = *x;
	}
	f->verdict = v->v;
	f->score = WW_MAX(f->score, v->score);
	f->severity = v->v == WW_VERDICT_INFECTED ? WW_SEV_CRITICAL
	              : v->v == WW_VERDICT_SCANNER ? WW_SEV_HIGH
	              : v->v == WW_VERDICT_SUSPICIOUS ? WW_SEV_MEDIUM : WW_SEV_INFO;
	ww_finding_title(r, f, false, "%s", v->title);
	return f;
}

static bool has_field(const struct ww_finding *f, const char *key)
{
	size_t i;
	for (i = 0; i < f->extra.n; i++)
		if (strcmp(f->extra.v[i].key, key) == 0)
			return true;
	return false;
}

static void host_evidence(struct ww_report *r, struct ww_finding *f, const struct ww_rt_host *h,
                          const struct ww_rt_table *tbl)
{
	char ports[160], c1[32], c2[32];
	top_ports_str(h, ports, sizeof(ports));
	if (tbl && !has_field(f, "table_entries")) {
		ww_fields_int(r, &f->extra, "table_entries", ww_rt_host_held(h));
		if (tbl->max)
			ww_fields_dbl(r, &f->extra, "table_share_pct",
			              100.0 * ww_rt_host_held(h) / (double)tbl->max);
		ww_fields_int(r, &f->extra, "table_unreplied", h->unreplied);
		ww_fields_int(r, &f->extra, "table_destinations", h->dsts);
	}
	if (tbl && tbl->max)
		ww_finding_evidence(r, f, false, _("holds %s of %s table entries (%.0f%%)"),
		                    ww_fmt_count(ww_rt_host_held(h), c1, sizeof(c1)),
		                    ww_fmt_count(tbl->max, c2, sizeof(c2)),
		                    100.0 * ww_rt_host_held(h) / (double)tbl->max);
	if (tbl)
		ww_finding_evidence(r, f, false,
		                    _("%u SYN_SENT, %u unreplied (%.0f%%), %u answered"),
		                    h->syn_sent, h->unreplied, 100 * ratio(h->unreplied, h->entries),
		                    h->succeeded);
	else
		ww_finding_evidence(r, f, false, _("%u connection attempts logged, %u dropped or refused"),
		                    h->openings, h->failed);
	ww_finding_evidence(r, f, false, _("%u distinct destination%s, %u distinct port%s; top: %s"),
	                    h->dsts, h->dsts == 1 ? "" : "s", h->ports, h->ports == 1 ? "" : "s", ports[0] ? ports : "-");
	if (h->first_us && h->last_us > h->first_us) {
		char t1[WW_TIME_STRLEN], d[32];
		ww_finding_evidence(r, f, false, _("from %s over %s"),
		                    ww_time_iso(h->first_us, t1, sizeof(t1)),
		                    ww_duration(h->last_us - h->first_us, d, sizeof(d)));
	}
}

static void host_steps(struct ww_report *r, struct ww_finding *f, enum ww_verdict v,
                       bool telnet)
{
	if (v == WW_VERDICT_INFECTED && telnet) {
		/* the Mirai family lives in cameras and routers, not in PCs */
		ww_finding_step(r, f, _("disconnect the device from the network (or block it at the router); "
		                        "it is usually a camera, router or recorder with its factory password"));
		ww_finding_step(r, f, _("reboot it to clear the worm from memory, change its password at once, "
		                        "update its firmware, and turn off telnet"));
		ww_finding_step(r, f, _("block TCP 23 and 2323 at the router, both ways"));
	} else if (v == WW_VERDICT_INFECTED) {
		ww_finding_step(r, f, _("disconnect this host from the network (or block it at the router)"));
		ww_finding_step(r, f, _("on the host: `netstat -ano` (Windows) or `wormwatch host` to find "
		                        "the process making these connections, then its autostart entry"));
		ww_finding_step(r, f, _("block TCP 135, 139 and 445 outbound at the router until it is clean"));
	} else if (v == WW_VERDICT_SCANNER) {
		ww_finding_step(r, f, _("find out who runs a scanner on this host (nmap, masscan) and "
		                        "whether it is authorised; if nobody does, treat it as infected"));
	} else if (v == WW_VERDICT_P2P) {
		ww_finding_step(r, f, _("to name the program: on the host run `netstat -ano -b` (Windows) "
		                        "or `ss -unap` (Linux) and look for the local UDP port, or run "
		                        "`wormwatch host` on its outputs; no clean-up needed unless the "
		                        "program is unwanted"));
	} else if (v == WW_VERDICT_SUSPICIOUS) {
		ww_finding_step(r, f, _("watch this host: run `wormwatch host` on it or capture its "
		                        "traffic with `wormwatch watch`"));
	}
}

static void clear_steps(struct ww_finding *f)
{
	size_t i;
	for (i = 0; i < f->steps.n; i++)
		free(f->steps.v[i].s);
	f->steps.n = 0;
}

static void judge_hosts(struct ww_rt_acct *a, const struct ww_rt_table *tbl, struct ww_report *r)
{
	size_t it = 0;
	const void *k;
	void *v;
	while (ww_rt_map_next(&a->hosts, &it, &k, &v)) {
		const struct ww_rt_host *h = v;
		struct ww_addr x;
		struct verdict vd;
		struct ww_finding *f;
		bool mine;
		classify(h, tbl, &vd);
		ww_rt_key_addr(&x, k);
		if (vd.v == WW_VERDICT_NORMAL) {
			/* the engine may have judged it: add what the router saw */
			f = find_host(r, &x);
			if (f && f->verdict >= WW_VERDICT_SUSPICIOUS)
				host_evidence(r, f, h, tbl);
			continue;
		}
		if (vd.v == WW_VERDICT_P2P) {
			f = find_host(r, &x);
			if (f && f->verdict > WW_VERDICT_P2P && f->verdict < WW_VERDICT_INFECTED) {
				/* the shape of a p2p client, which a table cannot tell from a
				 * scan by outcomes alone: the router's signature decides */
				char c1[32];
				ww_report_note(r, false, _("%s was not called a %s: %s"),
				               ww_addr_fmt(&x, c1), ww_verdict_name(f->verdict), vd.title);
				f->verdict = WW_VERDICT_P2P;
				f->severity = WW_SEV_INFO;
				f->first_alert_us = 0; /* the engine's alert does not stand */
				f->attempts_to_alert = 0;
				clear_steps(f);
				host_steps(r, f, WW_VERDICT_P2P, false);
				f->score = vd.score;
				ww_finding_title(r, f, false, "%s", vd.title);
				ww_finding_evidence(r, f, false, _("worm ports: %u of %u attempts; the sweep "
				                      "shape above is that of peer-to-peer traffic"), h->worm_port,
				                    h->openings);
				host_evidence(r, f, h, tbl);
				continue;
			}
		}
		share_prefix(h, tbl, &vd);
		f = host_finding(r, &x, &vd, &mine);
		if (!f)
			continue;
		if (!mine && tbl && tbl->max && f->title &&
		    (double)ww_rt_host_held(h) >= 0.05 * (double)tbl->max && strncmp(f->title, "holds ", 6))
			ww_finding_title(r, f, f->title_untrusted, _("holds %.0f%% of the connection table; %s"),
			                 100.0 * ww_rt_host_held(h) / (double)tbl->max, f->title);
		host_evidence(r, f, h, tbl);
		if (mine && !f->steps.n)
			host_steps(r, f, vd.v, h->telnet + h->telnet_alt >= (h->openings + 1) / 2);
	}
}

static void judge_services(struct ww_rt_acct *a, struct ww_report *r)
{
	size_t it = 0;
	const void *k;
	void *v;
	while (ww_rt_map_next(&a->svcs, &it, &k, &v)) {
		const struct ww_rt_svc *s = v;
		const uint8_t *kb = k;
		struct ww_addr x;
		struct verdict vd;
		struct ww_finding *f;
		bool mine;
		char ab[WW_ADDR_STRLEN], c1[32];
		uint8_t proto = kb[17];
		unsigned port = (unsigned)kb[18] << 8 | kb[19];
		if (s->peers < WW_RT_P2P_MIN_PEERS)
			continue;
		ww_rt_key_addr(&x, k);
		vd.v = WW_VERDICT_P2P;
		vd.score = 0.7; /* how sure it is peer-to-peer */
		snprintf(vd.title, sizeof(vd.title),
		         _("many outside peers reaching one inside port (%s %u): peer-to-peer, "
		           "not an infection"), proto_name(proto), port);
		f = find_host(r, &x);
		if (f && f->verdict > WW_VERDICT_P2P) {
			ww_finding_evidence(r, f, false, _("also: %u outside peers reached %s port %u"),
			                    s->peers, proto_name(proto), port);
			continue;
		}
		f = host_finding(r, &x, &vd, &mine);
		if (!f)
			continue;
		if (!mine) {
			/* the engine judged it p2p already: add what only the router saw */
			if (!has_field(f, "port"))
				ww_fields_int(r, &f->extra, "port", port);
			ww_finding_evidence(r, f, false, _("%u outside peers sent %s attempts to %s port "
			                      "%u, all refused by the router"), s->peers,
			                    ww_fmt_count(s->attempts, c1, sizeof(c1)), proto_name(proto),
			                    port);
			continue;
		}
		ww_fields_int(r, &f->extra, "port", port);
		ww_fields_str(r, &f->extra, "protocol", false, proto_name(proto),
		              strlen(proto_name(proto)));
		ww_fields_int(r, &f->extra, "peers", s->peers);
		ww_finding_evidence(r, f, false, _("%u outside peers sent %s attempts to %s port %u, "
		                      "all refused by the router"), s->peers,
		                    ww_fmt_count(s->attempts, c1, sizeof(c1)), proto_name(proto), port);
		if (s->first_us && s->last_us > s->first_us) {
			char t1[WW_TIME_STRLEN], d[32];
			ww_finding_evidence(r, f, false, _("from %s over %s"),
			                    ww_time_iso(s->first_us, t1, sizeof(t1)),
			                    ww_duration(s->last_us - s->first_us, d, sizeof(d)));
		}
		ww_finding_step(r, f, _("find the program listening on %s port %u: on Windows run "
		                  "`netstat -ano -b` as administrator and look for :%u, or run "
		                  "`wormwatch host` on the inside PCs"), proto_name(proto), port, port);
		ww_finding_step(r, f, _("if %s is the router's own address, the port is forwarded (UPnP) "
		                  "to the inside PC running that program"),
		                ww_addr_fmt(&x, ab));
		ww_finding_step(r, f, _("peer-to-peer download managers (Akamai NetSession, "
		                  "netsession_win.exe), BitTorrent and Skype do this; benign unless the "
		                  "program is unknown"));
		ww_report_note(r, false, _("%s: %u outside peers contacting %s port %u is peer-to-peer "
		                 "traffic, not an attack or an infection"), ww_addr_fmt(&x, ab), s->peers,
		               proto_name(proto), port);
	}
}

static void table_section(struct ww_rt_acct *a, const struct ww_rt_table *tbl, struct ww_report *r)
{
	struct ww_section *s = ww_report_section(r, "table", true);
	struct ww_row *row = ww_section_row(r, s);
	bool full = tbl->max && (double)tbl->entries >= WW_RT_FULL_RATIO * (double)tbl->max;
	char c1[32], c2[32];
	if (!row)
		return;
	ww_fields_int(r, &row->f, "entries", (long long)tbl->entries);
	if (tbl->max)
		ww_fields_int(r, &row->f, "max", (long long)tbl->max);
	else
		ww_fields_null(r, &row->f, "max"); /* unknown, not 0 */
	if (tbl->max)
		ww_fields_dbl(r, &row->f, "used_pct", 100.0 * (double)tbl->entries / (double)tbl->max);
	ww_fields_bool(r, &row->f, "full", full);
	ww_fields_int(r, &row->f, "inside_hosts", (long long)a->hosts.n);
	if (a->hosts.evicted)
		ww_fields_int(r, &row->f, "inside_hosts_evicted", (long long)a->hosts.evicted);
	if (full) {
		ww_report_step(r, _("the connection table is full (%s of %s entries): new connections "
		                 "wait for a free entry or fail, which is why the Internet works only "
		                 "sometimes; it recovers once the hosts filling it are stopped"),
		               ww_fmt_count(tbl->entries, c1, sizeof(c1)),
		               ww_fmt_count(tbl->max, c2, sizeof(c2)));
	}
	if (!tbl->max)
		ww_report_warning(r, _("the table's size is unknown: give it with --max N to see how "
		                    "full it is"));
	if (tbl->max_assumed)
		ww_report_warning(r, _("no table size was given: the dump holds exactly %s entries, a "
		                    "power of two as router tables are, so it is taken as a full table of "
		                    "that size (give --max N to set it)"),
		                  ww_fmt_count(tbl->max, c1, sizeof(c1)));
}

/* Rows of the "nat_hosts" section, busiest first (at most 50). */
static void hosts_section(struct ww_rt_acct *a, const struct ww_rt_table *tbl, struct ww_report *r)
{
	struct ww_section *s;
	const struct ww_rt_host *best[50];
	struct ww_addr addrs[50];
	size_t nb = 0, it = 0, i;
	const void *k;
	void *v;
	while (ww_rt_map_next(&a->hosts, &it, &k, &v)) {
		const struct ww_rt_host *h = v;
		struct ww_addr x;
		ww_rt_key_addr(&x, k);
		for (i = nb; i > 0; i--) {
			if (best[i - 1]->entries > h->entries ||
			    (best[i - 1]->entries == h->entries && ww_addr_cmp(&addrs[i - 1], &x) < 0))
				break;
			if (i < WW_ARRAY_LEN(best)) {
				best[i] = best[i - 1];
				addrs[i] = addrs[i - 1];
			}
		}
		if (i < WW_ARRAY_LEN(best)) {
			best[i] = h;
			addrs[i] = x;
			if (nb < WW_ARRAY_LEN(best))
				nb++;
		}
	}
	if (!nb)
		return;
	s = ww_report_section(r, tbl ? "nat_hosts" : "log_hosts", false);
	for (i = 0; i < nb; i++) {
		struct ww_row *row = ww_section_row(r, s);
		char ab[WW_ADDR_STRLEN];
		const struct ww_rt_host *h = best[i];
		if (!row)
			return;
		ww_addr_fmt(&addrs[i], ab);
		ww_fields_str(r, &row->f, "addr", false, ab, strlen(ab));
		ww_fields_int(r, &row->f, "entries", h->entries);
		if (h->held) /* snapshots: the union above, the most in one snapshot here */
			ww_fields_int(r, &row->f, "held", h->held);
		if (tbl && tbl->max)
			ww_fields_dbl(r, &row->f, "share_pct", 100.0 * ww_rt_host_held(h) / (double)tbl->max);
		if (tbl) {
			ww_fields_int(r, &row->f, "syn_sent", h->syn_sent);
			ww_fields_int(r, &row->f, "unreplied", h->unreplied);
			ww_fields_int(r, &row->f, "established", h->states[WW_CT_ESTABLISHED]);
		} else {
			ww_fields_int(r, &row->f, "dropped", h->failed);
		}
		ww_fields_int(r, &row->f, "destinations", h->dsts);
		ww_fields_int(r, &row->f, "ports", h->ports);
		{
			struct ww_portcount pc[WW_RT_TOPN];
			ww_fields_ports(r, &row->f, "top_ports", pc, top_ports_list(h, pc));
		}
	}
}

ww_rc ww_rt_judge(struct ww_rt_acct *a, const struct ww_rt_table *table, struct ww_report *r)
{
	ww_rt_acct_finish(a);
	if (table)
		table_section(a, table, r);
	judge_hosts(a, table, r);
	judge_services(a, r);
	hosts_section(a, table, r);
	if (a->hosts.evicted) {
		char t[WW_TIME_STRLEN];
		char from[WW_TIME_STRLEN + 8] = "";
		if (a->hosts.first_evict_us > 1) /* a table dump has no times */
			snprintf(from, sizeof(from), " from %s",
			         ww_time_iso(a->hosts.first_evict_us, t, sizeof(t)));
		ww_report_warning(r, _("table pressure: the per-host table was full (%zu hosts)%s: "
		                    "%llu hosts were evicted to make room, %llu of them seen once; hosts "
		                    "that tried worm ports or several destinations were kept"), a->hosts.max,
		                  from,
		                  (unsigned long long)a->hosts.evicted,
		                  (unsigned long long)a->hosts.evicted_low);
	}
	if (a->refused)
		ww_report_warning(r, _("%llu updates were dropped: a tracking table reached its cap (65,536 hosts, 524,288 pairs)"),
		                  (unsigned long long)a->refused);
	ww_report_sort(r);
	return r->rc;
}

uint64_t ww_rt_guess_max(uint64_t entries)
{
	if (entries >= 256 && (entries & (entries - 1)) == 0)
		return entries;
	return 0;
}

