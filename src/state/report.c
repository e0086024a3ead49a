/* From engine state to findings: one host finding per judged host whose
 * verdict is not normal, evidence with numbers a person can check, what to
 * do next, and notes for the look-alikes that were explained instead. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "detect/detect.h"
#include "detect/params.h"
#include "state/engine_int.h"

#include <stdio.h>

/* The worm family a host's traffic points at, for advice that fits it. */
enum family { FAM_SMB, FAM_TELNET, FAM_OTHER };

static enum family family_of(const struct ww_host *h)
{
	uint16_t keys[WW_TOPK];
	uint32_t cnts[WW_TOPK];
	unsigned n, i;
	ww_topk_sorted(&h->scan.ports, keys, cnts, &n);
	for (i = 0; i < n; i++) {
		if (keys[i] == 23 || keys[i] == 2323)
			return FAM_TELNET;
		if (keys[i] == 445 || keys[i] == 139 || keys[i] == 135)
			return FAM_SMB;
	}
	return h->ex.sent ? FAM_SMB : FAM_OTHER;
}

static void host_steps(struct ww_report *r, struct ww_finding *f, const struct ww_host *h,
                       enum ww_verdict v)
{
	char a[WW_ADDR_STRLEN];
	uint16_t keys[WW_TOPK];
	uint32_t cnts[WW_TOPK];
	unsigned n;
	ww_addr_fmt(&h->addr, a);
	switch (v) {
	case WW_VERDICT_INFECTED:
		/* what is particular to this host; the common steps close the report */
		if (h->trw.fc_made >= 100)
			ww_finding_step(r, f, _("disconnect %s from the network now (unplug it or disable its "
			                  "switch port); it keeps infecting others and filling the router's NAT "
			                  "table"), a);
		else
			ww_finding_step(r, f, _("disconnect %s from the network now (unplug it or disable its "
			                  "switch port) before it infects others"), a);
		if (family_of(h) == FAM_TELNET) {
			ww_finding_step(r, f, _("%s sprays telnet logins (23/2323) like Mirai: it is usually a "
			                  "camera, router or other device with its factory password; reboot it to "
			                  "clear the worm from memory, change its password at once, update its "
			                  "firmware, and block 23 and 2323 at the router"), a);
			break;
		}
		ww_finding_step(r, f, _("on %s, run `netstat -ano` (or scripts/collect-windows.cmd, then "
		                  "`wormwatch host DIR`) to find the process behind the connections and its "
		                  "autostart entries"), a);
		break;
	case WW_VERDICT_SCANNER:
		ww_finding_step(r, f, _("ask who runs a scanner on %s (nmap, masscan, an inventory tool); if "
		                  "nobody authorised it, treat the host as compromised"), a);
		break;
	case WW_VERDICT_P2P:
		ww_topk_sorted(&h->p2p.in_ports, keys, cnts, &n);
		if (n)
			ww_finding_step(r, f, _("to name the program: on %s run `netstat -ano -b` and look for "
			                  "local port %u (or `wormwatch host` on its outputs)"), a, keys[0]);
		else
			ww_finding_step(r, f, _("to name the program: on %s run `netstat -ano -b` (or "
			                  "`wormwatch host` on its outputs)"), a);
		ww_finding_step(r, f, _("no clean-up needed unless the program is unwanted"));
		break;
	case WW_VERDICT_SUSPICIOUS:
		ww_finding_step(r, f, _("look at %s: collect its outputs with scripts/collect-windows.cmd and "
		                  "run `wormwatch host` on them"), a);
		break;
	default:
		break;
	}
}

/* The alert to report: of the signals that fired (TRW, vertical scan,
 * local sweep, exploit), the one that took the fewest attempts, with its
 * own time. Live alerts (watch) go out at the first of them instead. */
static void alert_of(const struct ww_host *h, int64_t *ts, uint32_t *n)
{
	*ts = h->alert_ts;
	*n = h->alert_attempts;
	if (h->trw.alert_ts && h->trw.alert_fc <= *n) {
		*ts = h->trw.alert_ts;
		*n = h->trw.alert_fc;
	}
	if (h->scan.valert_ts && h->scan.valert_svc < *n) {
		*ts = h->scan.valert_ts;
		*n = h->scan.valert_svc;
	}
	if (h->scan.sweep_ts && h->scan.sweep_n < *n) {
		*ts = h->scan.sweep_ts;
		*n = h->scan.sweep_n;
	}
}

static const char *title_prefix(enum ww_verdict v)
{
	switch (v) {
	case WW_VERDICT_INFECTED: return _("spreading");
	case WW_VERDICT_SCANNER: return _("scanning");
	default: return "";
	}
}

static void add_host(struct ww_engine *e, struct ww_report *r, struct ww_host *h,
                     const enum ww_verdict *verdicts, enum ww_verdict v, double score)
{
	struct ww_judgement j;
	struct ww_finding *f;
	unsigned i;
	char a[WW_ADDR_STRLEN], t[WW_TIME_STRLEN];
	ww_judge_host(e, h, &j, true);
	f = ww_report_add(r, WW_FINDING_HOST);
	if (!f)
		return;
	f->has_addr = true;
	f->addr = h->addr;
	f->verdict = v;
	f->score = score;
	f->severity = v == WW_VERDICT_INFECTED ? WW_SEV_CRITICAL : v == WW_VERDICT_SCANNER ? WW_SEV_HIGH
	              : v == WW_VERDICT_SUSPICIOUS ? WW_SEV_MEDIUM : WW_SEV_INFO;
	if (v >= WW_VERDICT_SCANNER && h->alert_ts)
		alert_of(h, &f->first_alert_us, &f->attempts_to_alert);
	if (v == WW_VERDICT_P2P)
		ww_finding_title(r, f, false, "%s", j.why_p2p);
	else if (v >= WW_VERDICT_SCANNER && j.exploit_sent && j.why_exploit[0])
		ww_finding_title(r, f, false, "%s", j.why_exploit);
	else if (v == WW_VERDICT_INFECTED && j.worm_dns && j.why_dns[0])
		ww_finding_title(r, f, true, "%s", j.why_dns);
	else if (v >= WW_VERDICT_SCANNER && j.why_scan[0])
		ww_finding_title(r, f, false, "%s: %s", title_prefix(v), j.why_scan);
	else if (j.n_evidence)
		ww_finding_title(r, f, j.evidence_untrusted[0], "%s", j.evidence[0]);
	for (i = 0; i < j.n_evidence; i++)
		ww_finding_evidence(r, f, j.evidence_untrusted[i], "%s", j.evidence[i]);
	/* propagation: who infected whom, and when */
	if (v == WW_VERDICT_INFECTED && h->ex.has_contact) {
		struct ww_host *src = ww_hosttab_find(&e->hosts, &h->ex.contact_from);
		uint32_t si = src ? ww_engine_host_index(e, src) : 0;
		/* live reports (no verdicts array) go by the verdict as of now */
		if (src && (verdicts ? verdicts[si] : src->live_verdict) == WW_VERDICT_INFECTED &&
		    (!h->alert_ts || h->ex.contact_ts < h->alert_ts)) {
			char d[32];
			int64_t started = h->scan.first_ts;
			/* its first contact may predate the infection (an ARP for
			 * the gateway, a DNS query): then date its scanning by the
			 * alert, which came after the contact */
			if (started < h->ex.contact_ts && f->first_alert_us > h->ex.contact_ts)
				started = f->first_alert_us;
			ww_duration(started - h->ex.contact_ts, d, sizeof(d));
			ww_finding_evidence(r, f, false,
			                    _("probably infected by %s: contacted by it on port %u at %s, began "
			                      "its own scanning %s later"), ww_addr_fmt(&src->addr, a),
			                    h->ex.contact_port, ww_time_iso(h->ex.contact_ts, t, sizeof(t)), d);
		}
	}
	ww_fields_int(r, &f->extra, "first_contacts", h->trw.fc_made);
	ww_fields_int(r, &f->extra, "failed_first_contacts", h->trw.fc_fail);
	ww_fields_int(r, &f->extra, "services_tried", h->scan.svc);
	ww_fields_int(r, &f->extra, "probe_packets", h->scan.probe_pkts);
	ww_fields_int(r, &f->extra, "distinct_ports", h->scan.distinct_ports);
	ww_fields_int(r, &f->extra, "inbound_peers", h->p2p.in_peers);
	ww_timeline_to_finding(&h->timeline, f);
	host_steps(r, f, h, v);
}

static void add_notes(struct ww_engine *e, struct ww_report *r, const struct ww_host *h)
{
	char a[WW_ADDR_STRLEN];
	uint16_t keys[WW_TOPK];
	uint32_t cnts[WW_TOPK];
	unsigned n;
	ww_addr_fmt(&h->addr, a);
	(void)e;
	if (h->p2p.synack_unsolicited >= 20)
		ww_report_note(r, false, _("%s received %u SYN-ACKs for connections it never opened: "
		                 "backscatter from someone else's spoofed flood, not its own scanning"), a,
		               h->p2p.synack_unsolicited);
	ww_topk_sorted(&h->p2p.in_ports, keys, cnts, &n);
	if (n && h->p2p.in_peers >= 10 && ww_is_worm_port(WW_PROTO_TCP, keys[0]))
		ww_report_note(r, false, _("%s was probed on port %u by %u outside hosts: a target of "
		                 "scanning, not a source"), a, keys[0], h->p2p.in_peers);
	if (h->scan.svc >= 20 && h->trw.fc_fail == 0 && h->trw.fc_made >= 10)
		ww_report_note(r, false, _("%s opened connections to %u hosts, all answered: a busy client, "
		                 "not a scanner"), a, h->trw.fc_made);
}

/* A capture of one direction (a SPAN port or tap that mirrors only what
 * leaves the hosts) shows every first contact unanswered. When packets
 * went out and not one answer or packet from outside came back, say so:
 * the failures then prove nothing about the hosts, only their shape does. */
static uint64_t one_sided(const struct ww_engine *e)
{
	uint64_t tried = 0;
	size_t i;
	if (e->attempts || e->answered > e->answered_by_ack || e->from_outside)
		return 0; /* logs and tables know their outcomes; answers were seen */
	for (i = 0; i < e->hosts.n; i++)
		tried += e->hosts.hosts[i].scan.svc;
	return tried >= WW_ONE_SIDED_MIN ? tried : 0;
}

static void warn_one_sided(const struct ww_engine *e, struct ww_report *r, uint64_t tried)
{
	if (e->answered_by_ack) {
		ww_report_warning(r, _("no answer and no packet from outside reached a judged host: the "
		                    "capture holds one direction only (a mirror port or tap set to one "
		                    "side); %llu of %llu first contacts were taken as answered because the "
		                    "host itself acknowledged the answer the capture missed, the rest as "
		                    "unanswered"), (unsigned long long)e->answered_by_ack,
		                  (unsigned long long)tried);
		return;
	}
	ww_report_warning(r, _("not one of %llu first contacts was answered and no packet reached a "
	                    "judged host from outside: the capture may hold one direction only (a "
	                    "mirror port or tap set to one side); if so, \"unanswered\" says nothing "
	                    "about a host, and only the shape of its traffic (worm ports, sweeps, "
	                    "fan-out) counts: capture both directions to be sure"),
	                  (unsigned long long)tried);
}

/* Every infected host points at a telnet-spraying IoT worm. */
static bool only_telnet_worms(const struct ww_engine *e, const enum ww_verdict *verdicts)
{
	uint32_t i;
	for (i = 0; i < e->hosts.n; i++)
		if (verdicts[i] == WW_VERDICT_INFECTED && family_of(&e->hosts.hosts[i]) != FAM_TELNET)
			return false;
	return true;
}

ww_rc ww_engine_report(struct ww_engine *e, struct ww_report *r)
{
	enum ww_verdict *verdicts;
	double *scores;
	uint32_t i;
	uint64_t tried;
	size_t counts[WW_VERDICT_INFECTED + 1] = {0};
	if (e->reported)
		return WW_ERR_USAGE;
	e->reported = true;
	ww_engine_finish_pending(e);
	/* before any judgement: it changes what failures are worth */
	tried = one_sided(e);
	/* with the hosts' own ACKs standing in for the answers, the outcomes
	 * still tell; without them only the shape does */
	e->one_sided = tried != 0 && !e->answered_by_ack;
	verdicts = ww_calloc(e->hosts.n ? e->hosts.n : 1, sizeof(*verdicts));
	scores = ww_calloc(e->hosts.n ? e->hosts.n : 1, sizeof(*scores));
	if (!verdicts || !scores) {
		free(verdicts);
		free(scores);
		return WW_ERR_NOMEM;
	}
	for (i = 0; i < e->hosts.n; i++) {
		struct ww_judgement j;
		ww_judge_host(e, &e->hosts.hosts[i], &j, false);
		verdicts[i] = ww_classify(&e->hosts.hosts[i], &j, &scores[i]);
		counts[verdicts[i]]++;
	}
	for (i = 0; i < e->hosts.n; i++) {
		if (verdicts[i] != WW_VERDICT_NORMAL)
			add_host(e, r, &e->hosts.hosts[i], verdicts, verdicts[i], scores[i]);
		else
			add_notes(e, r, &e->hosts.hosts[i]);
	}
	if (e->lan_chatter)
		ww_report_note(r, false, _("%llu broadcast and multicast packets (NetBIOS, SSDP, mDNS, LLMNR, "
		                 "DHCP and the like) are LAN chatter and were not counted as contacts"),
		               (unsigned long long)e->lan_chatter);
	ww_report_table_pressure(e, r);
	if (tried)
		warn_one_sided(e, r, tried);
	if (e->probes.evicted)
		ww_report_note(r, false, _("%llu probes were still waiting when the pending table was full "
		                 "and were counted as unanswered"), (unsigned long long)e->probes.evicted);
	if (counts[WW_VERDICT_INFECTED] && only_telnet_worms(e, verdicts)) {
		ww_report_step(r, _("contain: disconnect the infected devices listed above and block TCP 23 "
		                 "and 2323 at the router, both ways"));
		ww_report_step(r, _("recover: reboot each device, change its factory password before "
		                 "reconnecting it, update its firmware, and turn off telnet and remote "
		                 "administration from the Internet"));
		ww_report_step(r, _("verify: capture again for a few minutes and run `wormwatch analyze`; "
		                 "reconnect a device only when it comes out normal"));
	} else if (counts[WW_VERDICT_INFECTED]) {
		ww_report_step(r, _("contain: disconnect the infected hosts listed above, then block TCP "
		                 "135, 139 and 445 at the router and between PCs until every one is clean"));
		ww_report_step(r, _("analyse each infected host: collect its outputs with "
		                 "scripts/collect-windows.cmd and run `wormwatch host` on the folder"));
		ww_report_step(r, _("recover: clean it with an up-to-date removal tool, or rebuild it if a "
		                 "backdoor or rootkit is found; patch (MS08-067, MS17-010) and change "
		                 "administrator passwords before reconnecting"));
		ww_report_step(r, _("verify: capture again for a few minutes and run `wormwatch analyze`; "
		                 "reconnect a host only when it comes out normal"));
	} else if (counts[WW_VERDICT_SCANNER] || counts[WW_VERDICT_SUSPICIOUS]) {
		ww_report_step(r, _("no worm was seen; check the scanners and suspicious hosts listed above"));
	}
	free(verdicts);
	free(scores);
	return r->rc;
}

ww_rc ww_engine_live_report(struct ww_engine *e, struct ww_report *r, size_t max)
{
	uint32_t i;
	size_t n = 0;
	for (i = 0; i < e->hosts.n && n < max; i++) {
		struct ww_host *h = &e->hosts.hosts[i];
		struct ww_judgement j;
		enum ww_verdict v;
		double score;
		if (h->live_verdict == WW_VERDICT_NORMAL)
			continue;
		ww_judge_host(e, h, &j, false);
		v = ww_classify(h, &j, &score);
		if (v == WW_VERDICT_NORMAL)
			continue;
		add_host(e, r, h, NULL, v, score);
		n++;
	}
	if (e->hosts.untracked)
		ww_report_warning(r, _("the host table is full (%u hosts): %llu packets of further hosts "
		                    "were not judged"), e->hosts.cap, (unsigned long long)e->hosts.untracked);
	ww_report_sort(r);
	return r->rc;
}
