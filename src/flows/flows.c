/* The collector: exporters and their sequence numbers, clocks and
 * sampling; datagrams told apart by their version field; files by their
 * first bytes; flow records checked and handed to the connection table;
 * the counts and warnings a report shows. */
#include "core/common.h"
#include "core/cursor.h"
#include "flows/flows_int.h"
#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/random.h>
#include <unistd.h>

#define FUTURE_SLACK_MS 60000LL          /* flows ending after their export */
#define PAST_LIMIT_MS (24LL * 3600000)   /* flows starting a day before it */
#define CLOCK_SKEW_MS 600000LL           /* export time vs the time it arrived */
#define REBOOT_MS 10000LL                /* boot time moving this much */
#define SEQ_RESET 100000                 /* a jump back this far is a restart */

ww_rc ww_flows_open(const struct ww_flows_opts *o, struct ww_flows **out)
{
	struct ww_flows *f = ww_calloc(1, sizeof(*f));
	ww_rc rc;
	if (!f)
		return WW_ERR_NOMEM;
	f->o = *o;
	if (!f->o.max_conns)
		f->o.max_conns = 1u << 20;
	if (o->seed) {
		f->key.k0 = o->seed;
		f->key.k1 = o->seed ^ 0x9e3779b97f4a7c15ULL;
	} else if (getrandom(&f->key, sizeof(f->key), 0) != (ssize_t)sizeof(f->key)) {
		f->key.k0 = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL;
		f->key.k1 = (uint64_t)(uintptr_t)f;
	}
	rc = ww_pairs_new(f->o.max_conns, &f->key, &f->pairs);
	if (rc) {
		free(f);
		return rc;
	}
	*out = f;
	return WW_OK;
}

void ww_flows_close(struct ww_flows *f)
{
	size_t i;
	if (!f)
		return;
	for (i = 0; i < f->n_exp; i++) {
		ww_flows_fb_exporter_free(f->exp[i]->fb);
		free(f->exp[i]->tmpl_bits);
		free(f->exp[i]);
	}
	ww_flows_fb_free(f);
	for (i = 0; i < f->n_warn; i++)
		free(f->warn[i]);
	ww_pairs_free(f->pairs);
	free(f);
}

void ww_flows_warnf(struct ww_flows *f, const char *fmt, ...)
{
	char buf[320];
	va_list ap;
	if (f->n_warn >= WW_FLOWS_MAX_WARN) {
		f->warn_dropped++;
		return;
	}
	/* the warning in the reader's language: xgettext takes the formats of
	 * ww_flows_warnf() (po/update-pot.sh) */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), _(fmt), ap);
	va_end(ap);
	f->warn[f->n_warn] = strdup(buf);
	if (f->warn[f->n_warn])
		f->n_warn++;
}

struct ww_exporter *ww_flows_exporter(struct ww_flows *f, const struct ww_flows_from *from,
                                      uint8_t version, uint32_t domain)
{
	struct ww_exporter *e;
	size_t i;
	for (i = 0; i < f->n_exp; i++) {
		e = f->exp[i];
		if (e->version == version && e->domain == domain && e->port == from->port &&
		    ww_addr_eq(&e->addr, &from->addr))
			return e;
	}
	if (f->n_exp >= WW_FLOWS_MAX_EXPORTERS) {
		if (!f->refused_exporters++)
			ww_flows_warnf(f, "more than %d exporters (address, port, version, domain): "
			               "datagrams from the others were not read", WW_FLOWS_MAX_EXPORTERS);
		return NULL;
	}
	e = ww_calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->addr = from->addr;
	e->port = from->port;
	e->version = version;
	e->domain = domain;
	f->exp[f->n_exp++] = e;
	f->st.exporters = f->n_exp;
	return e;
}

const char *ww_flows_loc(const struct ww_flows *f, char *buf, size_t n)
{
	char a[WW_ADDR_STRLEN];
	if (!f->from)
		snprintf(buf, n, "%s", _("input"));
	else if (f->from->origin)
		/* TRANSLATORS: the file, then "packet" or "offset" and its number */
		snprintf(buf, n, _("'%s' %s %llu"), f->from->origin,
		         _(f->from->unit ? f->from->unit : "offset"), (unsigned long long)f->from->offset);
	else
		snprintf(buf, n, _("datagram %llu from %s"), (unsigned long long)f->from->offset,
		         ww_addr_fmt(&f->from->addr, a));
	return buf;
}

#define LOC(f) ww_flows_loc((f), locbuf, sizeof(locbuf))

static const char *exp_name(const struct ww_exporter *e, char *buf)
{
	return ww_addr_fmt(&e->addr, buf);
}

void ww_flows_seq(struct ww_flows *f, struct ww_exporter *e, uint32_t seq, uint32_t n)
{
	char locbuf[200];
	int32_t d;
	uint32_t expect;
	char b[WW_ADDR_STRLEN];
	if (e->have_seq && !e->seq_unknown) {
		expect = e->seq_post ? e->last_seq + n : e->next_seq;
		if (seq != expect && !e->seq_post && n && seq == e->last_seq + n) {
			/* the exporter counts this message's own records too
			 * (softflowd's IPFIX does): follow its convention */
			e->seq_post = true;
			expect = seq;
		}
		d = (int32_t)(seq - expect);
		if (d > 0 && d < SEQ_RESET) {
			if (e->version == WW_EXP_V9)
				f->st.lost_datagrams += (uint64_t)d;
			else
				f->st.lost_flows += (uint64_t)d;
			ww_flows_warnf(f, "%s: exporter %s (%s) sequence number %u where %u was due: %d "
			               "%s lost", LOC(f), exp_name(e, b), e->version == WW_EXP_IPFIX ?
			               "IPFIX" : e->version == WW_EXP_V9 ? "NetFlow v9" : "NetFlow v5",
			               seq, expect, d, e->version == WW_EXP_V9 ? _("export packets") :
			               _("flow records"));
		} else if (d < 0 && d >= -2) {
			/* one or two behind: exporters differ on what they count
			 * (softflowd's IPFIX leaves out an options record now and
			 * then); follow it */
		} else if (d != 0) {
			f->st.seq_resets++;
			ww_flows_warnf(f, "%s: exporter %s sequence number went from %u to %u: restarted "
			               "or reordered", LOC(f), exp_name(e, b), expect, seq);
		}
	}
	e->have_seq = true;
	e->seq_unknown = false;
	e->last_seq = seq;
	e->next_seq = seq + n;
}

void ww_flows_clock(struct ww_flows *f, struct ww_exporter *e, int64_t export_ms,
                    int64_t uptime_ms)
{
	char locbuf[200];
	char b[WW_ADDR_STRLEN];
	f->export_ms = export_ms;
	if (f->from && f->from->recv_us && e->datagrams == 0) {
		int64_t d = export_ms - f->from->recv_us / 1000;
		if (d > CLOCK_SKEW_MS || d < -CLOCK_SKEW_MS) {
			f->st.clock_skews++;
			ww_flows_warnf(f, "%s: exporter %s's clock is %lld s %s the time its datagrams "
			               "arrived: flow times are taken from the exporter as they are",
			               LOC(f), exp_name(e, b), (long long)(d < 0 ? -d : d) / 1000,
			               d < 0 ? _("behind") : _("ahead of"));
		}
	}
	if (uptime_ms >= 0) {
		int64_t boot = export_ms - uptime_ms;
		if (e->boot_ms && (boot - e->boot_ms > REBOOT_MS || e->boot_ms - boot > REBOOT_MS)) {
			f->st.reboots++;
			ww_flows_warnf(f, "%s: exporter %s's boot time moved by %lld s "
			               "(sysUptime against unix_secs): rebooted, or its clock was set",
			               LOC(f), exp_name(e, b),
			               (long long)(boot - e->boot_ms) / 1000);
			e->have_seq = false;
		}
		e->boot_ms = boot;
	}
	e->datagrams++;
}

static uint64_t scale(uint64_t v, uint32_t n)
{
	uint64_t out;
	return __builtin_mul_overflow(v, (uint64_t)n, &out) ? UINT64_MAX : out;
}

void ww_flows_record(struct ww_flows *f, const struct ww_flowrec *in)
{
	char locbuf[200];
	struct ww_flowrec r = *in;
	if (f->export_ms > 0) {
		int64_t ex = f->export_ms * 1000;
		bool skew = false;
		if (r.end_us > ex + FUTURE_SLACK_MS * 1000) {
			skew = true;
			r.end_us = ex;
			if (r.start_us > ex)
				r.start_us = ex;
		}
		if (r.start_us < ex - PAST_LIMIT_MS * 1000) {
			skew = true;
			r.start_us = ex - PAST_LIMIT_MS * 1000;
			if (r.end_us < r.start_us)
				r.end_us = r.start_us;
		}
		if (skew && !f->st.skewed_flows++)
			ww_flows_warnf(f, "%s: flow times far from the export time (in its "
			               "future, or more than a day before it): the exporter's clock or "
			               "sysUptime is off; such flows were moved to the export time",
			               LOC(f));
	}
	if (!r.sampling && f->cur && f->cur->sampling > 1)
		r.sampling = f->cur->sampling;
	if (r.sampling > 1) {
		r.pkts = scale(r.pkts, r.sampling);
		r.bytes = scale(r.bytes, r.sampling);
		r.rpkts = scale(r.rpkts, r.sampling);
		r.rbytes = scale(r.rbytes, r.sampling);
		f->st.sampled_flows++;
		if (r.sampling > f->st.max_sampling)
			f->st.max_sampling = r.sampling;
	}
	f->st.flows++;
	f->msg_records++;
	if (!f->st.private_seen && (ww_addr_is_private(&r.src) || ww_addr_is_private(&r.dst)))
		f->st.private_seen = true;
	if (f->cur)
		f->cur->flows++;
	if (r.end_us > f->newest_us)
		f->newest_us = r.end_us;
	if (!ww_pairs_add(f->pairs, &r)) {
		f->st.forced_drains++;
		ww_pairs_drain_half(f->pairs, f->o.on_attempt, f->o.ud, &f->st);
		(void)ww_pairs_add(f->pairs, &r);
	}
}

/* ---- NetFlow v5 ---------------------------------------------------------- */

struct v5_batch {
	struct ww_flowrec r[WW_V5_MAX];
	size_t n;
};

static void v5_collect(void *ud, const struct ww_flowrec *r)
{
	struct v5_batch *b = ud;
	if (b->n < WW_V5_MAX)
		b->r[b->n++] = *r;
}

static ww_rc feed_v5(struct ww_flows *f, const uint8_t *p, size_t len)
{
	char locbuf[200];
	struct v5_batch b;
	struct ww_v5_hdr h;
	struct ww_exporter *e;
	size_t at, i;
	ww_rc rc;
	b.n = 0;
	rc = ww_flows_v5_parse(p, len, &h, v5_collect, &b, &at);
	if (rc && !b.n) {
		f->st.bad_datagrams++;
		ww_flows_warnf(f, "%s: NetFlow v5 datagram %s at byte %zu (%zu bytes, "
		               "count %u)", LOC(f), rc == WW_ERR_TRUNCATED ? _("cut short")
		               : _("invalid"), at, len, h.count);
		return rc;
	}
	if (rc) {
		f->st.bad_datagrams++;
		ww_flows_warnf(f, "%s: NetFlow v5 datagram cut short at byte %zu (%zu "
		               "bytes for %u records): %zu records read", LOC(f), at, len,
		               h.count, b.n);
	}
	e = ww_flows_exporter(f, f->from, WW_EXP_V5, (uint32_t)h.engine_type << 8 | h.engine_id);
	if (!e)
		return WW_ERR_LIMIT;
	f->cur = e;
	f->st.datagrams++;
	f->st.messages++;
	ww_flows_seq(f, e, h.seq, h.count);
	ww_flows_clock(f, e, (int64_t)h.unix_secs * 1000 + h.unix_nsecs / 1000000, h.uptime_ms);
	if (h.sampling > 1)
		e->sampling = h.sampling;
	for (i = 0; i < b.n; i++) {
		f->st.v5++;
		ww_flows_record(f, &b.r[i]);
	}
	f->cur = NULL;
	return WW_OK;
}

ww_rc ww_flows_feed_datagram(struct ww_flows *f, const uint8_t *p, size_t len,
                             const struct ww_flows_from *from)
{
	char locbuf[200];
	uint16_t version;
	ww_rc rc;
	f->from = from;
	f->export_ms = 0;
	f->msg_records = 0;
	if (len < 4) {
		f->st.bad_datagrams++;
		ww_flows_warnf(f, "%s: a %zu-byte datagram is too short for a flow "
		               "export", LOC(f), len);
		f->from = NULL;
		return WW_ERR_TRUNCATED;
	}
	version = ww_get_be16(p);
	switch (version) {
	case 5:
		rc = feed_v5(f, p, len);
		break;
	case 9:
	case 10:
		rc = ww_flows_fb_message(f, p, len, (uint8_t)version);
		break;
	default:
		f->st.bad_datagrams++;
		ww_flows_warnf(f, "%s: version %u is not NetFlow v5, v9 or IPFIX",
		               LOC(f), version);
		rc = WW_ERR_UNSUPPORTED;
	}
	f->from = NULL;
	f->cur = NULL;
	return rc;
}

/* ---- drains and the report ----------------------------------------------- */

void ww_flows_drain(struct ww_flows *f, int64_t horizon_us)
{
	ww_pairs_drain(f->pairs, horizon_us, f->o.on_attempt, f->o.ud, &f->st);
}

void ww_flows_finish(struct ww_flows *f)
{
	ww_pairs_drain(f->pairs, INT64_MAX, f->o.on_attempt, f->o.ud, &f->st);
}

int64_t ww_flows_newest(const struct ww_flows *f)
{
	return f->newest_us;
}

const struct ww_flows_stats *ww_flows_stats(const struct ww_flows *f)
{
	return &f->st;
}

void ww_flows_report(const struct ww_flows *f, struct ww_report *r)
{
	const struct ww_flows_stats *s = &f->st;
	size_t i;
	struct {
		const char *key;
		uint64_t v;
		bool always;
	} rows[] = {
		{"files", s->files, true},
		{"datagrams", s->datagrams, true},
		{"flows", s->flows, true},
		{"netflow_v5", s->v5, false},
		{"netflow_v9", s->v9, false},
		{"ipfix", s->ipfix, false},
		{"nfdump", s->nfdump, false},
		{"argus", s->argus, false},
		{"exporters", s->exporters, true},
		{"attempts", s->attempts, true},
		{"paired", s->paired, true},
		{"one_sided", s->one_sided, true},
		{"biflows", s->biflows, false},
		{"sampled", s->sampled_flows, true},
		{"lost_datagrams", s->lost_datagrams, true},
		{"lost_flows", s->lost_flows, true},
		{"no_template_sets", s->no_template_sets, true},
		{"template_errors", s->template_errors, true},
		{"withdrawals", s->withdrawals, false},
		{"options_records", s->options_records, false},
		{"bad_datagrams", s->bad_datagrams, true},
		{"not_exports", s->not_exports, false},
		{"skewed_flows", s->skewed_flows, true},
		{"icmp_errors", s->icmp_errors, false},
		{"icmp_attributed", s->icmp_attributed, false},
	};
	for (i = 0; i < WW_ARRAY_LEN(rows); i++)
		if (rows[i].always || rows[i].v)
			ww_fields_int(r, &r->input, rows[i].key, (long long)rows[i].v);
	for (i = 0; i < f->n_warn; i++)
		ww_report_warning(r, "%s", f->warn[i]);
	if (f->warn_dropped)
		ww_report_warning(r, _("%llu more warnings about the flow input were not listed"),
		                  (unsigned long long)f->warn_dropped);
	if (s->no_template_sets)
		ww_report_warning(r, _("%llu data sets (%llu bytes) came before their template or "
		                  "without one and could not be read"), (unsigned long long)
		                  s->no_template_sets, (unsigned long long)s->no_template_bytes);
	if (s->lost_datagrams || s->lost_flows)
		ww_report_warning(r, _("sequence numbers show %llu export packets and %llu flow records "
		                  "lost on the way: verdicts may miss traffic"),
		                  (unsigned long long)s->lost_datagrams,
		                  (unsigned long long)s->lost_flows);
	if (s->sampled_flows)
		ww_report_note(r, false, _("%llu flow records were sampled (1 packet in up to %u): their "
		               "packet and byte counts were multiplied by the sampling interval, and a "
		               "connection sampling missed is not seen at all"),
		               (unsigned long long)s->sampled_flows, s->max_sampling);
	if (s->forced_drains)
		ww_report_warning(r, _("the connection table was full %llu times: older connections "
		                  "were judged before their reverse flows could arrive"),
		                  (unsigned long long)s->forced_drains);
	if (s->flows)
		ww_report_note(r, false, _("judged from flow records: %llu connections (%llu paired "
		               "with their reverse flow, %llu bidirectional records, %llu one-sided); "
		               "flows carry no payload, no ARP and no DNS answers"),
		               (unsigned long long)s->attempts, (unsigned long long)s->paired,
		               (unsigned long long)s->biflows, (unsigned long long)s->one_sided);
}
