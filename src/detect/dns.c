/* DNS evidence: connections to addresses that no DNS answer returned
 * (worms pick addresses, people pick names), bursts of NXDOMAIN (domain
 * generation), and failed or redirected lookups of security vendors' and
 * update sites (Conficker blocks them; seed 000's worm sent them to
 * 127.0.0.1 through HOSTS). */
#include "core/common.h"
#include "core/i18n.h"
#include "decode/dns.h"
#include "detect/detect.h"
#include "detect/params.h"

#include <stdio.h>
#include <strings.h>

/* Security vendors' and update domains (Conficker.B/C's blocked-name list as
 * published by Microsoft's MMPC and F-Secure's write-up; seed 000). */
static const char *const vendor_domains[] = {
	"symantec.com", "norton.com", "mcafee.com", "trendmicro.com", "kaspersky.com",
	"sophos.com", "f-secure.com", "avast.com", "avg.com", "eset.com", "nod32.com",
	"bitdefender.com", "pandasecurity.com", "sunbelt-software.com", "ca.com",
	"windowsupdate.com", "update.microsoft.com", "windowsupdate.microsoft.com",
	"microsoft.com", "virustotal.com", "clamav.net", "malwarebytes.org", "trendmicro.co.jp",
};

static bool vendor_name(const char *q)
{
	size_t i, lq = strlen(q);
	for (i = 0; i < WW_ARRAY_LEN(vendor_domains); i++) {
		size_t ld = strlen(vendor_domains[i]);
		if (lq == ld && strcmp(q, vendor_domains[i]) == 0)
			return true;
		if (lq > ld && q[lq - ld - 1] == '.' && strcmp(q + lq - ld, vendor_domains[i]) == 0)
			return true;
	}
	return false;
}

/* Names only a worm looks up: WannaCry's kill-switch domains (the first
 * from the May 2017 outbreak, MalwareTech's write-up "How to Accidentally
 * Stop a Global Cyber Attack"; the variants' from Kaspersky's and Cisco
 * Talos' WannaCry analyses), Conficker.A's download site
 * (trafficconverter.biz, Microsoft's Conficker write-up and SRI's
 * "An Analysis of Conficker's Logic and Rendezvous Points"). */
static const struct {
	const char *name, *family;
} worm_domains[] = {
	{"iuqerfsodp9ifjaposdfjhgosurijfaewrwergwea.com", "WannaCry (its kill-switch check)"},
	{"ifferfsodp9ifjaposdfjhgosurijfaewrwergwea.com", "WannaCry (its kill-switch check)"},
	{"ayylmaotjhsstasdfasdfasdfasdfasdfasdfasdf.com", "WannaCry (its kill-switch check)"},
	{"trafficconverter.biz", "Conficker.A (its download site)"},
};

/* Could a question whose first label is n bytes long be one of them? (A
 * query is parsed only then: most are not.) */
static bool worm_label_len(uint8_t n)
{
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(worm_domains); i++)
		if (strcspn(worm_domains[i].name, ".") == n)
			return true;
	return false;
}

/* The family whose name q is, or NULL. */
static const char *worm_domain(const char *q)
{
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(worm_domains); i++)
		if (strcasecmp(q, worm_domains[i].name) == 0)
			return worm_domains[i].family;
	return NULL;
}

static void note_worm_name(struct ww_engine *e, struct ww_host *h, const char *q, int64_t ts)
{
	const char *fam = worm_domain(q);
	if (!fam)
		return;
	if (!h->dns.worm_lookups++) {
		snprintf(h->dns.worm_name, sizeof(h->dns.worm_name), "%.63s", q);
		h->dns.worm_family = fam;
		ww_engine_update_verdict(e, h, ts); /* evidence enough on its own: alert now */
	}
}

static void dns_packet(struct ww_engine *e, const struct ww_pkt *p, struct ww_host *hs,
                       struct ww_host *hd)
{
	struct ww_dns_msg m;
	unsigned i;
	if (p->proto != WW_PROTO_UDP || (p->sport != 53 && p->dport != 53) || p->payload_len < 12)
		return;
	if (p->dport == 53 && !(p->payload[2] & 0x80)) {
		if (hs) {
			hs->dns.queries++;
			if (p->payload_len > 12 && worm_label_len(p->payload[12]) &&
			    !ww_dns_parse(p->payload, p->payload_len, &m) && m.qname[0])
				note_worm_name(e, hs, m.qname, p->ts_us);
		}
		return;
	}
	if (p->sport != 53 || ww_dns_parse(p->payload, p->payload_len, &m) || !m.response)
		return;
	for (i = 0; i < m.n_addrs; i++)
		ww_seen(e, WW_SEEN_DNSADDR, &m.addrs[i], NULL, 0, 0, true);
	if (!hd)
		return;
	hd->dns.responses++;
	if (m.qname[0] && !hd->dns.queries && worm_label_len(p->payload[12]))
		note_worm_name(e, hd, m.qname, p->ts_us); /* its question was not captured */
	if (m.rcode == 3) {
		uint32_t s = (uint32_t)(p->ts_us / 1000000);
		hd->dns.nxdomain++;
		if (s - hd->dns.win_start_s >= 60) {
			hd->dns.win_start_s = s;
			hd->dns.win_count = 0;
		}
		if (++hd->dns.win_count > hd->dns.burst_max)
			hd->dns.burst_max = hd->dns.win_count;
	} else if (m.rcode == 2) {
		hd->dns.servfail++;
	}
	if (m.qname[0] && vendor_name(m.qname)) {
		bool bad = m.rcode != 0;
		for (i = 0; i < m.n_addrs; i++)
			if (ww_addr_is_loopback(&m.addrs[i]) || ww_addr_is_unspecified(&m.addrs[i]))
				bad = true;
		if (bad) {
			hd->dns.vendor_fail++;
			if (!hd->dns.vendor_example[0])
				snprintf(hd->dns.vendor_example, sizeof(hd->dns.vendor_example), "%.63s", m.qname);
		}
	}
}

static void dns_contact(struct ww_engine *e, const struct ww_contact *c)
{
	if (!c->host_first || c->kind == WW_CK_ARP || !c->h->dns.queries || ww_addr_is_private(&c->dst))
		return;
	c->h->dns.public_fc_checked++;
	if (!ww_seen(e, WW_SEEN_DNSADDR, &c->dst, NULL, 0, 0, false))
		c->h->dns.public_fc_nodns++;
}

static void dns_judge(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j)
{
	const struct ww_dnsstat *d = &h->dns;
	(void)e;
	j->dns_anomaly = d->burst_max >= WW_DNS_NX_BURST || d->vendor_fail > 0;
	j->worm_dns = d->worm_lookups > 0;
	if (!j->explain)
		return;
	if (d->worm_lookups) {
		ww_judge_add(j, true, _("looked up %s, a name only %s looks up"), d->worm_name, d->worm_family);
		snprintf(j->why_dns, sizeof(j->why_dns), _("infected: looked up %.63s, a name only %s looks up"),
		         d->worm_name, d->worm_family);
	}
	if (d->burst_max >= WW_DNS_NX_BURST)
		ww_judge_add(j, false, _("%u NXDOMAIN answers within one minute (%u in all): "
		               "looks like generated domain names"), d->burst_max, d->nxdomain);
	if (d->vendor_fail)
		ww_judge_add(j, true, _("%u lookups of security or update sites failed or pointed at "
		               "loopback (e.g. %s)"), d->vendor_fail, d->vendor_example);
	if (d->public_fc_checked >= 20 && d->public_fc_nodns * 10 >= d->public_fc_checked * 9)
		ww_judge_add(j, false, _("%u of %u outside destinations were never returned by any DNS "
		               "answer in the capture"), d->public_fc_nodns, d->public_fc_checked);
}

const struct ww_detector ww_detector_dns = {
	"dns", "addresses no DNS answer returned, NXDOMAIN bursts, blocked security sites",
	NULL, NULL,
	dns_packet, dns_contact, NULL, dns_judge,
	NULL,
	true,
};
