/* Detectors: each watches one kind of evidence in the engine's stream and
 * explains what it saw when the host is judged.
 *
 * To add a detector: write a file in detect/ with the callbacks it needs
 * (any may be NULL), keep its per-host state in a sub-struct of struct
 * ww_host (state/host.h), declare its table row here and add its address
 * to ww_detectors[] in detect/registry.c. Contracts:
 *  - init/release: state of its own beyond the hosts (kept behind the
 *    engine's pointer for it), made when the engine is and freed with it;
 *  - on_packet: every decoded IP packet with its judged source and/or
 *    destination host (either may be NULL); must be cheap, must not keep
 *    the payload pointer;
 *  - on_contact: a new service-level first contact (never seen before);
 *  - on_outcome: the outcome of a pending or logged first contact;
 *  - judge: at report time (and for live alerts), add signals and evidence
 *    lines to the judgement; never decides the verdict itself (classify.c
 *    does, from the signals); e->one_sided is set by then when the capture
 *    holds one direction only;
 *  - warm: optional early set-up on a thread of its own (see below);
 *  - payload_only: on_packet is called only for packets with a payload
 *    (no pointer into the frame survives a payload-less packet anyway). */
#ifndef WW_DETECT_DETECT_H
#define WW_DETECT_DETECT_H

#include "state/engine_int.h"

#define WW_JUDGE_MAX_EVIDENCE 10

struct ww_judgement {
	/* signals */
	bool scanning;        /* TRW crossed eta1 */
	bool vertical;        /* many ports on few hosts */
	bool worm_ports;      /* horizontal on worm ports */
	bool sweep_only_l2;   /* ARP / ICMP echo only */
	bool sweep;           /* the local /24 swept in address order */
	bool fanout;          /* one-sided capture: worm ports to many hosts */
	int p2p_strength;
	bool exploit_sent;
	bool exploit_received;
	bool dns_anomaly;
	bool worm_dns;        /* looked up a name only a worm looks up */
	bool trw_leaning;     /* walk above zero with failures, not yet crossed */
	bool revisiting;
	bool worm_run;
	bool iot_spray;       /* telnet to random Internet addresses without DNS */        /* the run test: new hosts on worm ports in a quick run */      /* its failures are a few services retried again and again */
	/* text, filled only when `explain` is set (and only then cleared) */
	bool explain;
	unsigned n_evidence;
	/* sized for a translation: UTF-8 Japanese takes about twice the
	 * bytes of the English */
	char why_scan[512];
	char why_p2p[512];
	char why_exploit[512];
	char why_dns[512];
	char evidence[WW_JUDGE_MAX_EVIDENCE][640];
	bool evidence_untrusted[WW_JUDGE_MAX_EVIDENCE];
};

void ww_judge_add(struct ww_judgement *j, bool untrusted, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A string cut by a fixed buffer ends on a whole UTF-8 character. */
void ww_judge_utf8_trim(char *s);

struct ww_detector {
	const char *name;
	const char *help;
	ww_rc (*init)(struct ww_engine *e);
	void (*release)(struct ww_engine *e);
	void (*on_packet)(struct ww_engine *e, const struct ww_pkt *p, struct ww_host *src,
	                  struct ww_host *dst);
	void (*on_contact)(struct ww_engine *e, const struct ww_contact *c);
	void (*on_outcome)(struct ww_engine *e, struct ww_host *h, const struct ww_probe *p,
	                   enum ww_outcome o, int64_t ts);
	void (*judge)(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j);
	/* optional: start a slow set-up now, on a thread of its own, so that
	 * it is done before the first packet needs it (ww_engine_warm); what
	 * the detector finds never depends on whether or when this ran */
	void (*warm)(struct ww_engine *e);
	/* on_packet wants only packets that carry a payload (TCP/UDP data):
	 * the engine then skips the call for the rest */
	bool payload_only;
};

extern const struct ww_detector *const ww_detectors[];
extern const size_t ww_n_detectors;

extern const struct ww_detector ww_detector_trw, ww_detector_scan, ww_detector_p2p,
	ww_detector_dns, ww_detector_exploit, ww_detector_ndpi;

/* The verdict from the signals (classify.c). */
enum ww_verdict ww_classify(const struct ww_host *h, const struct ww_judgement *j, double *score);
/* Fill a judgement from every detector. */
void ww_judge_host(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j,
                   bool explain);

#endif
