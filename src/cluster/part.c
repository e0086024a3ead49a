/* A partition: merge, engine, counts, the final message (part.h). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cluster/part.h"
#include "decode/packet.h"
#include "report/writer.h"
#include "state/engine_int.h"

#include <stdio.h>

static void engine_alert(void *ud, const struct ww_alert *a)
{
	struct ww_part *p = ud;
	if (a->kind == WW_ALERT_HOST && !ww_part_owns(p, &a->addr))
		return; /* a host another partition judges, seen here only in part */
	if (p->cur_sseq && p->cur_sseq <= p->quiet_upto)
		return; /* published by the judge before us */
	if (p->on_alert)
		p->on_alert(p->alert_ud, p->id, p->cur_sseq, a);
}

ww_rc ww_part_init(struct ww_part *p, uint32_t id, uint32_t n_parts, const struct ww_netlist *home,
                   unsigned expect_sensors, ww_part_alert_fn fn, void *ud)
{
	return ww_part_init_cap(p, id, n_parts, home, expect_sensors, 0, fn, ud);
}

ww_rc ww_part_init_cap(struct ww_part *p, uint32_t id, uint32_t n_parts,
                       const struct ww_netlist *home, unsigned expect_sensors, size_t max_hosts,
                       ww_part_alert_fn fn, void *ud)
{
	struct ww_engine_config c;
	ww_rc rc;
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->n_parts = n_parts;
	ww_rec_default_key(&p->key);
	ww_sipkey_init(&p->host_key, 0);
	p->home = *home;
	p->expect_sensors = expect_sensors;
	p->on_alert = fn;
	p->alert_ud = ud;
	ww_engine_config_init(&c);
	c.home = *home;
	if (max_hosts)
		c.max_hosts = max_hosts;
	c.on_alert = engine_alert;
	c.alert_ud = p;
	if ((rc = ww_engine_new(&c, &p->e)))
		return rc;
	return WW_OK;
}

void ww_part_release(struct ww_part *p)
{
	size_t i;
	for (i = 0; i < p->n_heap; i++)
		free(p->heap[i].msg);
	free(p->heap);
	free(p->seen);
	free(p->hosts);
	if (p->e)
		ww_engine_free(p->e);
	memset(p, 0, sizeof(*p));
}

bool ww_part_owns(const struct ww_part *p, const struct ww_addr *a)
{
	return ww_rec_partition(&p->key, a, p->n_parts) == p->id;
}

/* ---- stream sequences seen ---- */

static size_t seen_find(const struct ww_part *p, uint64_t s, bool *found)
{
	size_t lo = 0, hi = p->n_seen;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->seen[mid] < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < p->n_seen && p->seen[lo] == s;
	return lo;
}

/* true if new (and now remembered) */
static bool seen_add(struct ww_part *p, uint64_t s)
{
	bool found;
	size_t at;
	if (s <= p->floor)
		return false;
	if (p->n_seen && p->seen[p->n_seen - 1] < s) {
		at = p->n_seen;
	} else {
		at = seen_find(p, s, &found);
		if (found)
			return false;
	}
	if (p->n_seen == p->cap_seen) {
		size_t nc = p->cap_seen ? p->cap_seen * 2 : 1024;
		uint64_t *n = ww_reallocarray(p->seen, nc, sizeof(*n));
		if (!n)
			return true; /* cannot remember it: apply anyway */
		p->seen = n;
		p->cap_seen = nc;
	}
	memmove(p->seen + at + 1, p->seen + at, (p->n_seen - at) * sizeof(*p->seen));
	p->seen[at] = s;
	p->n_seen++;
	return true;
}

void ww_part_set_floor(struct ww_part *p, uint64_t sseq)
{
	bool found;
	size_t at;
	if (sseq <= p->floor)
		return;
	p->floor = sseq;
	at = seen_find(p, sseq + 1, &found);
	memmove(p->seen, p->seen + at, (p->n_seen - at) * sizeof(*p->seen));
	p->n_seen -= at;
}

/* ---- the merge: a binary heap on (ts, sensor name, sensor seq) ---- */

static int item_cmp(const struct ww_part *p, const struct ww_part_item *a,
                    const struct ww_part_item *b)
{
	int c;
	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->sensor != b->sensor) {
		c = strcmp(p->sensors[a->sensor].name, p->sensors[b->sensor].name);
		if (c)
			return c;
	}
	return a->seq < b->seq ? -1 : a->seq > b->seq ? 1 : 0;
}

static void heap_swap(struct ww_part_item *a, struct ww_part_item *b)
{
	struct ww_part_item t = *a;
	*a = *b;
	*b = t;
}

static ww_rc heap_push(struct ww_part *p, const struct ww_part_item *it)
{
	size_t i;
	if (p->n_heap == p->cap_heap) {
		size_t nc = p->cap_heap ? p->cap_heap * 2 : 256;
		struct ww_part_item *n = ww_reallocarray(p->heap, nc, sizeof(*n));
		if (!n)
			return WW_ERR_NOMEM;
		p->heap = n;
		p->cap_heap = nc;
	}
	i = p->n_heap++;
	p->heap[i] = *it;
	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (item_cmp(p, &p->heap[i], &p->heap[up]) >= 0)
			break;
		heap_swap(&p->heap[i], &p->heap[up]);
		i = up;
	}
	return WW_OK;
}

static void heap_pop(struct ww_part *p, struct ww_part_item *out)
{
	size_t i = 0;
	*out = p->heap[0];
	p->heap[0] = p->heap[--p->n_heap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < p->n_heap && item_cmp(p, &p->heap[l], &p->heap[m]) < 0)
			m = l;
		if (r < p->n_heap && item_cmp(p, &p->heap[r], &p->heap[m]) < 0)
			m = r;
		if (m == i)
			break;
		heap_swap(&p->heap[i], &p->heap[m]);
		i = m;
	}
}

uint64_t ww_part_min_waiting(const struct ww_part *p)
{
	uint64_t m = UINT64_MAX;
	size_t i;
	for (i = 0; i < p->n_heap; i++)
		if (p->heap[i].sseq < m)
			m = p->heap[i].sseq;
	return m;
}

static int sensor_of(struct ww_part *p, const char *name)
{
	unsigned i;
	for (i = 0; i < p->n_sensors; i++)
		if (strcmp(p->sensors[i].name, name) == 0)
			return (int)i;
	if (p->n_sensors == WW_PART_SENSORS_MAX)
		return -1;
	snprintf(p->sensors[p->n_sensors].name, sizeof(p->sensors[0].name), "%s", name);
	return (int)p->n_sensors++;
}

/* ---- per-host counts ---- */

static void host_count(struct ww_part *p, const struct ww_addr *a)
{
	size_t i, mask;
	if (!ww_netlist_contains(&p->home, a) || !ww_part_owns(p, a))
		return;
	if (p->n_hosts * 2 >= p->cap_hosts) {
		size_t nc = p->cap_hosts ? p->cap_hosts * 2 : 1024, j;
		struct ww_part_host *n;
		if (p->n_hosts >= WW_PART_HOSTS_MAX || !(n = ww_calloc(nc, sizeof(*n)))) {
			p->hosts_uncounted++;
			return;
		}
		for (j = 0; j < p->cap_hosts; j++) {
			if (!p->hosts[j].used)
				continue;
			{
				uint8_t m[17];
				size_t k;
				memcpy(m, p->hosts[j].a.b, 16);
				m[16] = p->hosts[j].a.v4;
				k = (size_t)ww_siphash(&p->host_key, m, 17) & (nc - 1);
				while (n[k].used)
					k = (k + 1) & (nc - 1);
				n[k] = p->hosts[j];
			}
		}
		free(p->hosts);
		p->hosts = n;
		p->cap_hosts = nc;
	}
	mask = p->cap_hosts - 1;
	{
		uint8_t m[17];
		memcpy(m, a->b, 16);
		m[16] = a->v4;
		i = (size_t)ww_siphash(&p->host_key, m, 17) & mask;
	}
	while (p->hosts[i].used && !ww_addr_eq(&p->hosts[i].a, a))
		i = (i + 1) & mask;
	if (!p->hosts[i].used) {
		p->hosts[i].used = true;
		p->hosts[i].a = *a;
		p->n_hosts++;
	}
	p->hosts[i].n++;
}

/* ---- applying ---- */

static void apply(struct ww_part *p, const struct ww_part_item *it)
{
	struct ww_rec r;
	_Alignas(64) struct ww_pkt pkt;
	ww_rc rc;
	if (ww_rec_decode(it->msg, it->len, &r))
		return; /* checked on arrival */
	if (p->final_done) {
		p->after_final++;
		return;
	}
	if (r.ts_us < p->released_ts)
		p->late++; /* a sensor that said no hello: applied out of order */
	else
		p->released_ts = r.ts_us;
	p->cur_sseq = it->sseq;
	if (r.type == WW_REC_FRAME) {
		rc = ww_decode((int)r.dlt, r.frame, r.caplen, r.wire_len, r.ts_us, &pkt);
		if (rc && rc != WW_ERR_TRUNCATED) {
			p->rejected++;
		} else {
			ww_engine_packet(p->e, &pkt);
			if (ww_rec_chatter_copy(&p->key, &p->home, &pkt, p->n_parts, p->id))
				p->chatter_copies++;
			/* the hosts the engine keeps state for: an ARP's sender,
			 * an IP packet's judged sides */
			if (pkt.l3 == WW_L3_ARP) {
				host_count(p, &pkt.arp_spa);
			} else if (pkt.l3 == WW_L3_IP) {
				host_count(p, &pkt.src);
				if (!ww_addr_eq(&pkt.src, &pkt.dst))
					host_count(p, &pkt.dst);
			}
		}
	} else {
		ww_engine_attempt(p->e, &r.a);
		host_count(p, &r.a.src);
		if (!ww_addr_eq(&r.a.src, &r.a.dst))
			host_count(p, &r.a.dst);
	}
	p->cur_sseq = 0;
	p->applied++;
	if (it->sseq <= p->quiet_upto)
		p->quiet_applied++;
	p->sensors[it->sensor].applied++;
}

void ww_part_add(struct ww_part *p, uint64_t sseq, const uint8_t *msg, size_t len)
{
	struct ww_rec r;
	struct ww_part_item it;
	struct ww_part_sensor *s;
	int si;
	if (!seen_add(p, sseq)) {
		p->duplicates++;
		return;
	}
	if (ww_rec_decode(msg, len, &r)) {
		p->rejected++;
		return;
	}
	if ((si = sensor_of(p, r.name)) < 0) {
		p->rejected++;
		return;
	}
	s = &p->sensors[si];
	switch (r.type) {
	case WW_REC_HELLO:
		s->hello = true;
		return;
	case WW_REC_END:
		s->hello = true;
		s->ended = true;
		s->published = r.published;
		s->frames = r.frames;
		s->bytes = r.bytes;
		s->undecodable = r.undecodable;
		s->cut = r.cut;
		s->end_ts = r.last_ts;
		return;
	case WW_REC_TICK:
		if (r.ts_us > s->last_ts)
			s->last_ts = r.ts_us;
		p->tick_sseq = sseq;
		return;
	default: break;
	}
	if (r.ts_us > s->last_ts)
		s->last_ts = r.ts_us;
	memset(&it, 0, sizeof(it));
	it.ts = r.ts_us;
	it.sensor = (uint32_t)si;
	it.seq = r.seq;
	it.sseq = sseq;
	it.len = len;
	if (!(it.msg = malloc(len ? len : 1))) {
		p->rejected++;
		return;
	}
	memcpy(it.msg, msg, len);
	if (heap_push(p, &it)) {
		free(it.msg);
		p->rejected++;
	}
}

/* Records earlier than this may go: every sensor still sending has gone
 * past it. INT64_MAX: every expected sensor ended. */
static int64_t watermark(const struct ww_part *p)
{
	int64_t w = INT64_MAX;
	unsigned i, hellos = 0;
	for (i = 0; i < p->n_sensors; i++) {
		if (p->sensors[i].hello)
			hellos++;
		if (!p->sensors[i].ended && p->sensors[i].last_ts < w)
			w = p->sensors[i].last_ts;
	}
	if (hellos < p->expect_sensors || hellos == 0)
		return INT64_MIN;
	return w;
}

void ww_part_release_ready(struct ww_part *p)
{
	int64_t w = watermark(p);
	while (p->n_heap && (w == INT64_MAX || p->heap[0].ts < w)) {
		struct ww_part_item it;
		heap_pop(p, &it);
		apply(p, &it);
		free(it.msg);
	}
	/* live sensors: the clock moves on without records, so unanswered
	 * probes time out (and alert) as in `watch`; never for captures, whose
	 * engine sees exactly analyze's sequence */
	if (p->tick_sseq && !p->final_done && w != INT64_MAX && w != INT64_MIN &&
	    w - 1 > p->ticked_to && w - 1 > p->released_ts) {
		p->ticked_to = w - 1;
		p->cur_sseq = p->tick_sseq;
		ww_engine_tick(p->e, w - 1);
		p->cur_sseq = 0;
	}
}

bool ww_part_complete(const struct ww_part *p)
{
	return p->n_heap == 0 && watermark(p) == INT64_MAX;
}

/* ---- the final message ---- */

/* A note about one host begins with its address: keep it only where the
 * host is judged. */
static bool note_ours(const struct ww_part *p, const char *s)
{
	char tok[WW_ADDR_STRLEN];
	size_t n = 0;
	struct ww_addr a;
	while (s[n] && s[n] != ' ' && n + 1 < sizeof(tok)) {
		tok[n] = s[n];
		n++;
	}
	tok[n] = '\0';
	if (ww_addr_parse(tok, &a) != WW_OK)
		return true;
	return ww_part_owns(p, &a);
}

static bool owns_cb(const void *ud, const struct ww_addr *a)
{
	return ww_part_owns(ud, a);
}

static void json_str(struct ww_out *o, const char *s)
{
	ww_out_json_str(o, s);
}

static ww_rc part_json(struct ww_part *p, const char *judge, struct ww_report *r, char **out,
                       size_t *len, uint64_t request);

ww_rc ww_part_final_json(struct ww_part *p, const char *judge, char **out, size_t *len)
{
	struct ww_report r;
	int64_t last = p->released_ts;
	size_t i;
	ww_rc rc;
	*out = NULL;
	*len = 0;
	for (i = 0; i < p->n_sensors; i++)
		if (p->sensors[i].end_ts > last)
			last = p->sensors[i].end_ts;
	/* the clock of the whole input, as analyze's engine ends it */
	ww_engine_tick(p->e, last);
	/* the sender's partition counted these as LAN chatter too: the sum
	 * over partitions is then analyze's count (engine_int.h) */
	p->e->lan_chatter -= p->chatter_copies < p->e->lan_chatter ? p->chatter_copies
	                                                              : p->e->lan_chatter;
	ww_report_init(&r, "analyze");
	if ((rc = ww_engine_report(p->e, &r))) {
		ww_report_release(&r);
		return rc;
	}
	p->final_done = true;
	rc = part_json(p, judge, &r, out, len, 0);
	ww_report_release(&r);
	return rc;
}

ww_rc ww_part_live_json(struct ww_part *p, const char *judge, uint64_t request, char **out,
                        size_t *len)
{
	struct ww_report r;
	ww_rc rc;
	*out = NULL;
	*len = 0;
	if (p->final_done)
		return WW_ERR_USAGE; /* the final message says it all */
	ww_report_init(&r, "analyze");
	if ((rc = ww_engine_live_report(p->e, &r, 100000))) {
		ww_report_release(&r);
		return rc;
	}
	rc = part_json(p, judge, &r, out, len, request);
	ww_report_release(&r);
	return rc;
}

/* The message: the counts, then the report of the hosts this partition
 * owns (analyze's JSON). request: 0 for the final message, else the
 * request a live snapshot answers. */
static ww_rc part_json(struct ww_part *p, const char *judge, struct ww_report *rp, char **out,
                       size_t *len, uint64_t request)
{
	struct ww_report r = *rp;
	struct ww_finding **kept = NULL;
	struct ww_text *notes = NULL;
	size_t i, nk = 0, nn = 0;
	unsigned steps_rank;
	FILE *f;
	struct ww_out o;
	ww_rc rc;
	char a[WW_ADDR_STRLEN];
	kept = ww_calloc(r.n_findings + 1, sizeof(*kept));
	notes = ww_calloc(r.notes.n + 1, sizeof(*notes));
	if (!kept || !notes) {
		free(kept);
		free(notes);
		return WW_ERR_NOMEM;
	}
	for (i = 0; i < r.n_findings; i++)
		if (!r.findings[i]->has_addr || ww_part_owns(p, &r.findings[i]->addr))
			kept[nk++] = r.findings[i];
	for (i = 0; i < r.notes.n; i++)
		if (note_ours(p, r.notes.v[i].s))
			notes[nn++] = r.notes.v[i];
	/* the overall next steps (state/report.c): 4 for Windows worms, 3 for
	 * telnet worms only, 1 for scanners only; results keeps the highest */
	steps_rank = r.steps.n == 4 ? 3 : r.steps.n == 3 ? 2 : r.steps.n == 1 ? 1 : 0;
	if (!(f = open_memstream(out, len))) {
		free(kept);
		free(notes);
		return WW_ERR_NOMEM;
	}
	ww_out_init(&o, f);
	ww_out_printf(&o, "{\"partition\":%u,\"partitions\":%u,\"request\":%llu,\"judge\":",
	              p->id, p->n_parts, (unsigned long long)request);
	json_str(&o, judge);
	ww_out_printf(&o, ",\"steps_rank\":%u,\"applied\":%llu,\"duplicates\":%llu,\"late\":%llu,"
	              "\"rejected\":%llu,\"after_final\":%llu,\"replayed\":%llu,\"hosts_judged\":%zu,"
	              "\"hosts_uncounted\":%llu,\"sensors\":[", steps_rank,
	              (unsigned long long)p->applied, (unsigned long long)p->duplicates,
	              (unsigned long long)p->late, (unsigned long long)p->rejected,
	              (unsigned long long)p->after_final, (unsigned long long)p->quiet_applied,
	              ww_engine_hosts_where(p->e, owns_cb, p),
	              (unsigned long long)p->hosts_uncounted);
	for (i = 0; i < p->n_sensors; i++) {
		const struct ww_part_sensor *s = &p->sensors[i];
		ww_out_puts(&o, i ? ",{\"name\":" : "{\"name\":");
		json_str(&o, s->name);
		ww_out_printf(&o, ",\"ended\":%s,\"published\":%llu,\"applied\":%llu,\"frames\":%llu,"
		              "\"bytes\":%llu,\"undecodable\":%llu,\"cut\":%llu}",
		              s->ended ? "true" : "false", (unsigned long long)s->published,
		              (unsigned long long)s->applied, (unsigned long long)s->frames,
		              (unsigned long long)s->bytes, (unsigned long long)s->undecodable,
		              (unsigned long long)s->cut);
	}
	ww_out_puts(&o, "],\"hosts\":[");
	{
		bool first = true;
		for (i = 0; i < p->cap_hosts; i++) {
			if (!p->hosts[i].used)
				continue;
			ww_out_puts(&o, first ? "[" : ",[");
			first = false;
			json_str(&o, ww_addr_fmt(&p->hosts[i].a, a));
			ww_out_printf(&o, ",%llu]", (unsigned long long)p->hosts[i].n);
		}
	}
	ww_out_puts(&o, "],\"report\":");
	/* r is a copy: the caller's report keeps its own lists */
	r.findings = kept;
	r.n_findings = nk;
	r.notes.v = notes;
	r.notes.n = nn;
	rc = ww_write_json(&o, &r);
	ww_out_puts(&o, "}");
	if (!rc)
		rc = ww_out_finish(&o);
	if (fclose(f) != 0 && !rc)
		rc = WW_ERR_IO;
	free(kept);
	free(notes);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}
