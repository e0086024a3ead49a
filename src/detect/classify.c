/* From signals to a verdict. The order is the order of certainty: a host
 * seen sending an exploit is infected; a scanning host whose new
 * connections go mostly to worm ports across many hosts is infected; one
 * that looks like a peer-to-peer client is p2p; other scanning is a
 * scanner; weaker signs make a host suspicious. */
#include "core/common.h"
#include "detect/detect.h"
#include "detect/params.h"

#include <math.h>

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

enum ww_verdict ww_classify(const struct ww_host *h, const struct ww_judgement *j, double *score)
{
	double excess = h->trw.llr - log(WW_TRW_ETA1);
	bool scanning = (j->scanning && !j->revisiting) || j->vertical || j->sweep || j->fanout;
	if (j->exploit_sent) {
		*score = 0.99;
		return WW_VERDICT_INFECTED;
	}
	if (j->worm_dns) {
		*score = 0.95;
		return WW_VERDICT_INFECTED;
	}
	if ((scanning && (j->worm_ports || j->iot_spray)) || j->worm_run) {
		*score = clamp01(0.9 + (excess > 0 ? excess / 100 : 0));
		if (*score > 0.99)
			*score = 0.99;
		return WW_VERDICT_INFECTED;
	}
	/* hundreds of ports on a few targets is a port scanner's pattern: no
	 * peer-to-peer evidence explains it (peers are many hosts, one port
	 * each) */
	if (j->vertical) {
		*score = clamp01(0.8 + (excess > 0 ? excess / 100 : 0.05));
		if (*score > 0.95)
			*score = 0.95;
		return WW_VERDICT_SCANNER;
	}
	/* P2P evidence explains failures away; with nothing to explain (a
	 * softphone's four unanswered STUN requests) the host is normal */
	if (j->p2p_strength >= WW_P2P_MIN_STRENGTH &&
	    (scanning || j->trw_leaning || h->trw.fc_fail >= WW_P2P_EXPLAIN_FAILS)) {
		*score = clamp01(0.5 + 0.1 * j->p2p_strength);
		return WW_VERDICT_P2P;
	}
	if (scanning) {
		*score = clamp01(0.8 + (excess > 0 ? excess / 100 : 0.05));
		if (*score > 0.95)
			*score = 0.95;
		return WW_VERDICT_SCANNER;
	}
	if (j->exploit_received) {
		*score = 0.7;
		return WW_VERDICT_SUSPICIOUS;
	}
	if (j->dns_anomaly) {
		*score = 0.5;
		return WW_VERDICT_SUSPICIOUS;
	}
	if (j->trw_leaning) {
		*score = clamp01(0.3 + h->trw.llr / (2 * log(WW_TRW_ETA1)) * 0.3);
		return WW_VERDICT_SUSPICIOUS;
	}
	*score = 0;
	return WW_VERDICT_NORMAL;
}
