/* Threshold Random Walk over host-level first contacts (see params.h).
 * Each first contact of a (source, destination) pair moves the source's log
 * likelihood ratio up on failure and down on success; crossing ln(eta1)
 * is the alert, and the number of first contacts it took is recorded. The
 * walk is held at ln(eta0) from below so a long benign history cannot bank
 * credit against later scanning. */
#include "core/common.h"
#include "core/i18n.h"
#include "detect/detect.h"
#include "core/buf.h"
#include "detect/params.h"

#include <math.h>

static void trw_contact(struct ww_engine *e, const struct ww_contact *c)
{
	(void)e;
	if (c->host_first && c->kind != WW_CK_ARP)
		c->h->trw.fc_made++;
}

static double step_weight(const struct ww_probe *p)
{
	if (p->worm)
		return WW_W_WORM;
	return p->kind == WW_CK_UDP ? WW_W_UDP : WW_W_TCP;
}

static void trw_outcome(struct ww_engine *e, struct ww_host *h, const struct ww_probe *p,
                        enum ww_outcome o, int64_t ts)
{
	struct ww_trw *t = &h->trw;
	double w;
	(void)e;
	/* the walk's steps: first contacts of a pair, and first contacts of a
	 * worm-port service even on a known host (a worm tries 445, 139 and
	 * 135 on every address); an answered ARP request only shows that the
	 * address is in use, so the connection that follows is the step */
	if (!p->host_first && !p->worm)
		return;
	if (p->kind == WW_CK_ARP && o == WW_OUTCOME_SUCCESS)
		return;
	w = step_weight(p);
	t->fc++;
	if (o == WW_OUTCOME_SUCCESS) {
		t->fc_ok++;
		t->llr += w * log(WW_TRW_THETA1 / WW_TRW_THETA0);
		if (t->llr < log(WW_TRW_ETA0))
			t->llr = log(WW_TRW_ETA0);
	} else {
		t->fc_fail++;
		/* a failure from the floor (or the start) opens the episode */
		if (t->llr <= 0)
			t->ep_svc = p->svcidx;
		t->llr += w * log((1 - WW_TRW_THETA1) / (1 - WW_TRW_THETA0));
	}
	if (!t->alert_ts && t->llr >= log(WW_TRW_ETA1)) {
		t->alert_ts = ts ? ts : 1;
		/* counted in what the host had sent by now, not in the outcomes
		 * known: a fast worm sends many more before the first timeout */
		t->alert_fc = ((h->scan.svc - t->ep_svc) & WW_SVCIDX_MASK) + 1;
	}
}

static void trw_judge(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j)
{
	const struct ww_trw *t = &h->trw;
	char a[32], b[32];
	if (e->one_sided) {
		/* nothing came back to anyone: a failure here is the capture's */
		j->scanning = j->trw_leaning = false;
		if (j->explain && t->fc)
			ww_judge_add(j, false,
			             _("sequential test (TRW) set aside: no first contact in this capture "
			               "was answered (one direction only?), so its %s unanswered ones say "
			               "nothing"), ww_fmt_count(t->fc_fail, a, sizeof(a)));
		return;
	}
	j->scanning = t->alert_ts != 0;
	/* worth a person's time only with enough failures to show a pattern:
	 * a few unanswered contacts to ordinary services are every day's */
	j->trw_leaning = !j->scanning && t->llr > 0 && t->fc_fail >= WW_LEAN_MIN_FAILS &&
	                 t->fc_fail * 2 >= t->fc;
	if (!j->explain || !t->fc)
		return;
	if (j->scanning)
		ww_judge_add(j, false,
		             _("sequential test (TRW): crossed the scanner threshold when it had tried "
		               "%u new services since its first failure; %s of %s first contacts (new hosts, "
		               "and new worm-port services) failed in all"),
		             t->alert_fc, ww_fmt_count(t->fc_fail, a, sizeof(a)), ww_fmt_count(t->fc, b, sizeof(b)));
	else if (j->trw_leaning)
		ww_judge_add(j, false,
		             _("%s of its %s connections to new hosts got no answer or were refused: more "
		               "than an ordinary PC's, too few to call it a scan"),
		             ww_fmt_count(t->fc_fail, a, sizeof(a)), ww_fmt_count(t->fc, b, sizeof(b)));
}

const struct ww_detector ww_detector_trw = {
	"trw", "sequential hypothesis test on first-contact outcomes (Jung et al. 2004)",
	NULL, NULL,
	NULL, trw_contact, trw_outcome, trw_judge,
	NULL,
	false,
};
