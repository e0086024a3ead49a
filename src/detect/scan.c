/* Fan-out and the shape of a scan: how many destinations and ports, how
 * fast, how many answered, which ports, and whether the local /24 is swept
 * in address order, random public addresses are hit, or one host is probed
 * on many ports (vertical). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "detect/detect.h"
#include "detect/params.h"

#include <stdio.h>

/* The host's own subnet as a worm sees it: the /24 (IPv4), the /64 (IPv6). */
static bool same_24(const struct ww_addr *a, const struct ww_addr *b)
{
	if (a->v4 != b->v4)
		return false;
	return a->v4 ? memcmp(a->b + 12, b->b + 12, 3) == 0 : memcmp(a->b, b->b, 8) == 0;
}

/* The run test (params.h WW_RUN_*), after the contact was counted: new
 * destinations one after another within the window, local ones in
 * address order (any kind of contact: on a LAN the ARP request comes
 * first), public ones each in another /16 than the last; it fires when
 * enough of them were tried on worm ports (a worm's run), or, with no
 * port known yet, when enough local ones came in order (a sweep). */
static void run_reset(struct ww_scan *s, const struct ww_contact *c, uint32_t idx)
{
	s->run_n = s->run_local_n = s->run_worm_n = 0;
	s->run_ts0 = c->ts;
	s->run_dst0 = idx;
	s->run_dir = 0;
	s->run_last_local = s->run_last16 = UINT32_MAX;
	s->run_last_worm = false;
}

static void run_fire(struct ww_engine *e, const struct ww_contact *c, uint32_t idx)
{
	struct ww_scan *s = &c->h->scan;
	if (s->run_n >= WW_RUN_K &&
	    s->run_worm_n >= (s->run_local_n ? WW_RUN_WORM : WW_RUN_WORM_PUBLIC)) {
		s->run_ts = c->ts ? c->ts : 1;
		s->run_dsts = idx - s->run_dst0 + 1;
		ww_engine_update_verdict(e, c->h, c->ts);
	} else if (s->run_local_n >= WW_RUN_K && !s->sweep_ts) {
		s->sweep_ts = c->ts ? c->ts : 1;
		s->sweep_n = idx - s->run_dst0 + 1;
		ww_engine_update_verdict(e, c->h, c->ts);
	}
}

static void run_test(struct ww_engine *e, const struct ww_contact *c, bool local, bool fresh)
{
	struct ww_scan *s = &c->h->scan;
	uint32_t idx = ww_host_newdst(c->h), key;
	bool l4 = c->kind == WW_CK_TCP || c->kind == WW_CK_UDP, extend;
	if (s->run_ts)
		return;
	if (!fresh) {
		/* the connection after a local address's ARP request: its port */
		if (local && c->worm && l4 && s->run_local_n && !s->run_last_worm &&
		    c->dst.b[15] == s->run_last_local && c->ts - s->run_ts0 <= WW_RUN_WINDOW_US) {
			s->run_last_worm = true;
			s->run_worm_n++;
			run_fire(e, c, idx);
		}
		return;
	}
	if (!local && !l4)
		return; /* a ping to a public address says little */
	/* a run goes on at one new destination every two seconds or faster: the site
	 * the host visited before it began is not part of it */
	extend = s->run_n && c->ts - s->run_ts0 <= WW_RUN_WINDOW_US &&
	         c->ts - s->run_last_ts <= WW_RUN_STEP_US;
	if (extend && local) {
		key = c->dst.b[15];
		if (s->run_last_local != UINT32_MAX) {
			int d = (int)key - (int)s->run_last_local;
			int dir = d > 0 ? 1 : -1;
			extend = d != 0 && (d > 0 ? d : -d) <= WW_RUN_GAP && (!s->run_dir || dir == s->run_dir);
			if (extend)
				s->run_dir = (int8_t)dir;
		}
	} else if (extend) {
		key = (uint32_t)c->dst.b[c->dst.v4 ? 12 : 0] << 8 | c->dst.b[c->dst.v4 ? 13 : 1];
		extend = key != s->run_last16;
	}
	if (!extend)
		run_reset(s, c, idx);
	s->run_last_ts = c->ts;
	s->run_n++;
	if (local) {
		s->run_local_n++;
		s->run_last_local = c->dst.b[15];
		s->run_last_worm = c->worm && l4;
	} else {
		s->run_last16 = (uint32_t)c->dst.b[c->dst.v4 ? 12 : 0] << 8 | c->dst.b[c->dst.v4 ? 13 : 1];
	}
	if (c->worm && l4)
		s->run_worm_n++;
	run_fire(e, c, idx);
}

static void scan_contact(struct ww_engine *e, const struct ww_contact *c)
{
	struct ww_scan *s = &c->h->scan;
	if (!s->svc)
		s->first_ts = c->ts;
	s->last_ts = c->ts;
	s->svc++;
	s->by_kind[c->kind]++;
	if (c->worm)
		s->svc_worm++;
	if (c->proto == WW_PROTO_TCP && (c->dport == 23 || c->dport == 2323))
		s->svc_telnet++;
	if (c->kind == WW_CK_TCP || c->kind == WW_CK_UDP) {
		/* a port already among the top ones was counted before */
		if (!ww_topk_has(&s->ports, c->dport) &&
		    !ww_seen(e, WW_SEEN_PORT, &c->h->addr, NULL, c->dport, c->proto, true))
			s->distinct_ports++;
		ww_topk_add(&s->ports, c->dport);
	}
	if (!c->host_first) {
		if (ww_addr_eq(&c->dst, &s->vtarget) && ++s->vcount > s->vmax) {
			s->vmax = s->vcount;
			s->vmax_target = s->vtarget;
		}
		return;
	}
	s->vtarget = c->dst;
	s->vcount = 1;
	if (!s->vmax) {
		s->vmax = 1;
		s->vmax_target = c->dst;
	}
	if (same_24(&c->h->addr, &c->dst) &&
	    /* ARP then a connection to the same address: one address swept */
	    !ww_seen(e, WW_SEEN_SLASH24, &c->h->addr, &c->dst, 0, 0, true)) {
		uint8_t last = c->dst.b[15];
		if (s->have_local && last > s->last_local)
			s->local_asc++;
		if (!s->have_local || last < s->local_min)
			s->local_min = last;
		if (!s->have_local || last > s->local_max)
			s->local_max = last;
		s->last_local = last;
		if (!s->have_local)
			s->local_first_ts = c->ts;
		s->have_local = true;
		s->local_fc++;
		if (!s->sweep_ts && s->local_fc >= WW_SWEEP_MIN &&
		    s->local_asc >= WW_SWEEP_ASC * (s->local_fc - 1) &&
		    c->ts - s->local_first_ts <= (int64_t)s->local_fc * 1000000) {
			s->sweep_ts = c->ts ? c->ts : 1;
			s->sweep_n = s->local_fc;
		}
		run_test(e, c, true, true);
	} else if (same_24(&c->h->addr, &c->dst)) {
		/* already counted (its ARP request came first) */
		run_test(e, c, true, false);
	} else if (ww_addr_is_private(&c->dst)) {
		s->other_private_fc++;
	} else {
		s->public_fc++;
		if (c->dst.v4)
			s->slash8[c->dst.b[12] >> 5] |= 1u << (c->dst.b[12] & 31);
		run_test(e, c, false, true);
	}
}

static void scan_outcome(struct ww_engine *e, struct ww_host *h, const struct ww_probe *p,
                         enum ww_outcome o, int64_t ts)
{
	struct ww_scan *s = &h->scan;
	(void)e;
	switch (o) {
	case WW_OUTCOME_SUCCESS: s->svc_ok++; return;
	case WW_OUTCOME_REFUSED: s->svc_refused++; break;
	case WW_OUTCOME_UNREACHABLE: s->svc_unreach++; break;
	case WW_OUTCOME_BLOCKED: s->svc_blocked++; break;
	default: s->svc_timeout++; break;
	}
	s->svc_fail++;
	s->fail_by_kind[p->kind]++;
	if (p->worm)
		s->svc_worm_fail++;
	/* vertical: transport services per host, ARP and echo left out */
	if (!s->valert_ts && h->trw.fc_made &&
	    s->fail_by_kind[WW_CK_TCP] + s->fail_by_kind[WW_CK_UDP] >= WW_VERT_MIN_FAILS &&
	    (double)(s->by_kind[WW_CK_TCP] + s->by_kind[WW_CK_UDP]) / h->trw.fc_made >=
	            WW_VERT_PORTS_PER_HOST) {
		s->valert_ts = ts ? ts : 1;
		s->valert_svc = s->svc_ok + s->svc_fail;
	}
}

static unsigned popcount8(const uint32_t *v)
{
	unsigned n = 0, i;
	for (i = 0; i < 8; i++)
		n += (unsigned)__builtin_popcount(v[i]);
	return n;
}

/* "445/139/135" from the top ports. */
static void ports_text(const struct ww_scan *s, char *out, size_t len)
{
	uint16_t keys[WW_TOPK];
	uint32_t cnts[WW_TOPK];
	unsigned n, i;
	size_t o = 0;
	ww_topk_sorted(&s->ports, keys, cnts, &n);
	out[0] = '\0';
	for (i = 0; i < n && i < 4 && o + 8 < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%u", i ? "/" : "", keys[i]);
	if (s->distinct_ports > n && s->distinct_ports > 4 && o + 24 < len)
		snprintf(out + o, len - o, _(" (%u ports in all)"), s->distinct_ports);
}

static void scan_judge(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j)
{
	const struct ww_scan *s = &h->scan;
	uint32_t l4 = s->by_kind[WW_CK_TCP] + s->by_kind[WW_CK_UDP];
	uint32_t hosts = h->trw.fc_made;
	char ports[96], n1[32], n2[32], dur[32], a[WW_ADDR_STRLEN];
	if (!s->svc)
		return;
	j->vertical = s->valert_ts != 0;
	j->worm_ports = l4 >= 4 && (double)s->svc_worm / l4 >= WW_WORM_MIN_SHARE && hosts >= WW_WORM_MIN_HOSTS &&
	                !j->vertical;
	j->sweep_only_l2 = l4 == 0 && s->svc >= 4;
	j->sweep = s->sweep_ts != 0;
	j->worm_run = s->run_ts != 0;
	/* the telnet sprayers of the Mirai family (Antonakakis et al.,
	 * "Understanding the Mirai Botnet", USENIX Security 2017): telnet to
	 * random Internet addresses picked without DNS, often mixed with other
	 * ports (Hide'n'Seek adds 8080 and random high ones) */
	j->iot_spray = s->svc_telnet >= WW_IOT_MIN_TELNET && s->svc_telnet * 5 >= l4 &&
	               popcount8(s->slash8) >= 16 &&
	               (!h->dns.queries || h->dns.public_fc_nodns * 10 >= h->dns.public_fc_checked * 9);
	if (j->iot_spray && j->explain)
		ww_judge_add(j, false, _("telnet (23/2323) to %s new services across %u /8 networks with %s: "
		               "how the Mirai family of IoT worms spreads"),
		             ww_fmt_count(s->svc_telnet, n1, sizeof(n1)), popcount8(s->slash8),
		             h->dns.queries ? _("no DNS answer for nearly all of them") : _("no DNS lookup at all"));
	{
		/* a scanner moves on; an application comes back to the few
		 * servers it knows, round after round, answered or not */
		uint32_t fails = s->fail_by_kind[WW_CK_TCP] + s->fail_by_kind[WW_CK_UDP];
		j->revisiting = s->revisit_svc >= WW_REVISIT_MIN && s->revisit_svc * 2 >= fails &&
		                s->revisit_n >= 2 * s->revisit_svc;
		if (j->revisiting && j->explain)
			ww_judge_add(j, false, _("it came back to %s of the %s services that did not answer, "
			               "%s times in all: an application retrying the servers it knows, "
			               "not a scan (a scanner moves on to new targets)"),
			             ww_fmt_count(s->revisit_svc, n1, sizeof(n1)),
			             ww_fmt_count(fails, n2, sizeof(n2)),
			             ww_fmt_count(s->revisit_n, dur, sizeof(dur)));
	}
	/* with the answers missing from the capture, scanning shows in its
	 * shape alone: worm ports to many hosts, or new hosts at a rate no
	 * person at a keyboard reaches */
	if (e->one_sided) {
		int64_t span = s->last_ts - s->first_ts;
		double rate = (double)hosts / (double)(span > 1000000 ? span : 1000000) * 1e6;
		bool worm = j->worm_ports && hosts >= WW_ONE_SIDED_WORM_HOSTS;
		j->fanout = worm || (hosts >= WW_ONE_SIDED_SCAN_HOSTS && rate >= WW_ONE_SIDED_SCAN_RATE);
		if (j->fanout && j->explain && worm)
			ww_judge_add(j, false, _("%s hosts contacted on worm ports: spreading by the shape "
			               "of its traffic, answers or not"), ww_fmt_count(hosts, n1, sizeof(n1)));
		else if (j->fanout && j->explain)
			ww_judge_add(j, false, _("%s new hosts at %.0f a second: scanning by the shape of its "
			               "traffic, answers or not"), ww_fmt_count(hosts, n1, sizeof(n1)), rate);
	}
	if (!j->explain || s->svc < 3)
		return;
	ports_text(s, ports, sizeof(ports));
	/* a table snapshot gives every entry one time: no duration to tell */
	if (s->last_ts > s->first_ts) {
		char d[24];
		ww_duration(s->last_ts - s->first_ts, d, sizeof(d));
		snprintf(dur, sizeof(dur), _(" in %s"), d);
	} else {
		dur[0] = '\0';
	}
	{
		static const char *const what_v[WW_CK_N] = {N_("SYNs"), N_("UDP probes"), N_("echo requests"),
		                                             N_("ARP requests")};
		static const char *const style_name[WW_PS_N] = {
			N_("SYNs"), N_("NULL probes (no TCP flags: a NULL scan)"), N_("FIN probes (a FIN scan)"),
			N_("Xmas probes (FIN+PSH+URG: an Xmas scan)"), N_("TCP probes with odd flags (a stealth scan)"),
			N_("SCTP INITs (an SCTP INIT scan)")};
		const char *what[WW_CK_N];
		unsigned k, top = 0, st = WW_PS_SYN;
		uint32_t style[WW_PS_N], other = 0;
		memcpy(what, what_v, sizeof(what));
		/* the TCP probes are named by how most of them opened; SYNs are
		 * the ones no other style counted (the engine counts none) */
		memcpy(style, s->style, sizeof(style));
		for (k = 1; k < WW_PS_N; k++)
			other += style[k];
		style[WW_PS_SYN] = s->probe_pkts_kind[WW_CK_TCP] > other ? s->probe_pkts_kind[WW_CK_TCP] - other : 0;
		for (k = 1; k < WW_PS_N; k++)
			if (style[k] > style[st])
				st = k;
		what[WW_CK_TCP] = style_name[st];
		double unans = 100.0 * s->svc_fail / s->svc;
		for (k = 0; k < WW_CK_N; k++)
			what[k] = _(what[k]);
		for (k = 1; k < WW_CK_N; k++)
			if (s->by_kind[k] > s->by_kind[top])
				top = k;
		/* the targets of this kind of probe: its hosts, unless its
		 * services are fewer (the other kinds reached the rest) */
		uint32_t tgt = hosts < s->by_kind[top] || top == WW_CK_TCP ? hosts : s->by_kind[top];
		if (top == WW_CK_TCP || top == WW_CK_UDP)
			snprintf(j->why_scan, sizeof(j->why_scan),
			         tgt == hosts ? P_("%s %s to %s host on %s%s, %.0f%% unanswered or refused",
			                           "%s %s to %s hosts on %s%s, %.0f%% unanswered or refused", tgt)
			                      : P_("%s %s to %s destination on %s%s, %.0f%% unanswered or refused",
			                           "%s %s to %s destinations on %s%s, %.0f%% unanswered or refused",
			                           tgt),
			         ww_fmt_count(top == WW_CK_TCP && st != WW_PS_SYN ? style[st]
			                                                          : s->probe_pkts_kind[top],
			                      n1, sizeof(n1)), what[top],
			         ww_fmt_count(tgt, n2, sizeof(n2)), ports, dur, unans);
		else
			snprintf(j->why_scan, sizeof(j->why_scan), _("%s %s for %s addresses%s, %.0f%% unanswered"),
			         ww_fmt_count(s->probe_pkts_kind[top], n1, sizeof(n1)), what[top],
			         ww_fmt_count(s->by_kind[top], n2, sizeof(n2)), dur,
			         s->by_kind[top] ? 100.0 * s->fail_by_kind[top] / s->by_kind[top] : unans);
		ww_judge_add(j, false, "%s", j->why_scan);
	}
	if (s->svc_fail) {
		char c1[32], c2[32], c3[32], c4[32], c5[32], c6[32];
		ww_judge_add(j, false, _("outcomes of %s new services tried: %s answered, %s refused (RST or "
		               "port unreachable), %s unreachable, %s no answer, %s blocked"),
		             ww_fmt_count(s->svc, c1, 32), ww_fmt_count(s->svc_ok, c2, 32),
		             ww_fmt_count(s->svc_refused, c3, 32), ww_fmt_count(s->svc_unreach, c4, 32),
		             ww_fmt_count(s->svc_timeout, c5, 32), ww_fmt_count(s->svc_blocked, c6, 32));
	}
	if (s->by_kind[WW_CK_ARP] >= 3)
		ww_judge_add(j, false, _("%s ARP requests for new local addresses, %s never answered"),
		             ww_fmt_count(s->by_kind[WW_CK_ARP], n1, sizeof(n1)),
		             ww_fmt_count(s->fail_by_kind[WW_CK_ARP], n2, sizeof(n2)));
	if (s->local_fc >= 4) {
		double asc = s->local_fc > 1 ? (double)s->local_asc / (s->local_fc - 1) : 0;
		char base[WW_ADDR_STRLEN];
		ww_addr_fmt(&h->addr, base);
		{
			char *dot = strrchr(base, '.');
			if (dot)
				dot[1] = '\0';
		}
		if (h->addr.v4 && asc >= WW_SWEEP_ASC && s->local_fc >= WW_SWEEP_MIN && l4) {
			/* the sweep is what a person recognises: say it first */
			char line[1200];
			snprintf(line, sizeof(line), _("sweeping %s%u-.%u in address order on %s (%s)"), base,
			         s->local_min, s->local_max, ports, j->why_scan);
			snprintf(j->why_scan, sizeof(j->why_scan), "%.511s", line);
			ww_judge_utf8_trim(j->why_scan);
		}
		if (h->addr.v4)
			ww_judge_add(j, false, _("%u addresses of its own /24 contacted (%s%u-.%u)%s"), s->local_fc,
			             base, s->local_min, s->local_max,
			             asc >= WW_SWEEP_ASC ? _(", sweeping in address order") : "");
		else
			ww_judge_add(j, false, _("%u addresses of its own /64 contacted%s"), s->local_fc,
			             asc >= WW_SWEEP_ASC ? _(", sweeping in address order") : "");
	}
	if (s->public_fc >= 10 && !h->addr.v4) {
		ww_judge_add(j, false, _("%u outside addresses contacted"), s->public_fc);
	} else if (s->public_fc >= 10) {
		unsigned n8 = popcount8(s->slash8);
		/* peers of a P2P swarm are spread as widely: no worm word for them */
		bool peers = h->p2p.sig_mask || h->p2p.in_peers >= WW_P2P_MIN_INPEERS;
		ww_judge_add(j, false, P_("%s public addresses contacted across %u different /8 network%s",
		                          "%s public addresses contacted across %u different /8 networks%s", n8),
		             ww_fmt_count(s->public_fc, n1, sizeof(n1)), n8,
		             n8 < 16 ? "" : peers ? _(": spread over the Internet, as a swarm's peers are")
		                               : _(": random Internet addresses, worm-like"));
	}
	if (j->worm_ports)
		ww_judge_add(j, false, _("%.0f%% of its new connections went to worm ports (%s)"),
		             100.0 * s->svc_worm / (l4 ? l4 : 1), ports);
	if (j->worm_run) {
		ww_duration(s->run_ts - s->run_ts0, dur, sizeof(dur));
		/* TRANSLATORS: the last %s is the English ordinal suffix (st, nd, rd, th)
		   of the number before it; "%6$.0s" leaves it out (the other
		   arguments then need their numbers too: %1$u, %2$s...) */
		ww_judge_add(j, false, _("%u new hosts in %s, %u of them on worm ports, %s: a worm's run "
		               "(the run test fired at its %u%s new destination)"), s->run_n, dur, s->run_worm_n,
		             s->run_local_n == s->run_n ? _("each the next address in its own subnet")
		             : s->run_local_n ? _("addresses of its own subnet in order and public ones in other networks")
		                              : _("each a public address in another network"),
		             s->run_dsts, s->run_dsts == 1 ? "st" : s->run_dsts == 2 ? "nd" : s->run_dsts == 3 ? "rd" : "th");
	}
	if (j->vertical)
		ww_judge_add(j, false, P_("vertical scan: %u services on %u host (most on %s), a port scanner's pattern",
		                          "vertical scan: %u services on %u hosts (most on %s), a port scanner's pattern",
		                          hosts),
		             s->svc, hosts, ww_addr_fmt(&s->vmax_target, a));
}

const struct ww_detector ww_detector_scan = {
	"scan", "fan-out, ports, sweep order, vertical versus horizontal",
	NULL, NULL,
	NULL, scan_contact, scan_outcome, scan_judge,
	NULL,
	false,
};
