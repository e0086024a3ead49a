/* The connection table: unidirectional flow records paired with their
 * reverse (the same 5-tuple the other way round, at overlapping times),
 * flows of one connection split by an exporter's active timeout merged,
 * and each connection turned into one attempt with the outcome the two
 * directions tell (docs/flows.md, "From flows to attempts"):
 *
 *   TCP  the opener is the side with SYN and no ACK; its peer answered
 *        SYN+ACK or sent data -> success, RST -> refused, nothing ->
 *        timeout (unless the opener ACKed: the answer was not exported);
 *   UDP  a reverse flow -> success, none -> timeout;
 *   ICMP echo request with a reply -> success, none -> timeout; an ICMP
 *        error flow (unreachable, time exceeded) names no quoted packet,
 *        so it is matched to the unanswered connection it most likely
 *        answers (same hosts, just before it) -> refused / unreachable.
 *
 * Keyed by SipHash with a per-process key; the table has a hard cap. */
#include "core/common.h"
#include "decode/packet.h"
#include "flows/flows_int.h"

#define PAIR_SLACK_US 10000000LL   /* reverse flows overlap within this */
#define ICMP_BEFORE_US 10000000LL  /* an error answers a connection this recent */
#define ICMP_SCAN_MAX 4096u        /* connections looked at per error */
#define NIL UINT32_MAX

enum conv_kind { CK_PORTS = 0, CK_ECHO, CK_ICMP_ERR, CK_ICMP_OTHER };

struct side {
	int64_t start, end;
	uint64_t pkts, bytes;
	uint8_t flags;
	uint8_t icmp_type;
	bool seen;
};

struct conv {
	struct ww_addr a, b;      /* a < b: side 0 is a -> b */
	uint16_t pa, pb;
	uint8_t proto, kind;
	uint8_t init;             /* the opening side (worked out at drain) */
	uint8_t outcome;
	bool biflow, skip;
	uint32_t sampling;
	uint32_t next;
	int64_t start, end;
	struct side s[2];
};

struct ord {
	int64_t t;                /* the sort key */
	uint32_t i;
};

struct ww_pairs {
	struct conv *v;
	size_t n, cap;
	uint32_t *head;
	size_t nbuckets;
	struct ww_sipkey key;
	struct ord *order;        /* drain scratch */
	struct conv *keep;        /* compaction scratch */
};

ww_rc ww_pairs_new(size_t cap, const struct ww_sipkey *key, struct ww_pairs **out)
{
	struct ww_pairs *p = ww_calloc(1, sizeof(*p));
	size_t nb = 1024;
	if (!p)
		return WW_ERR_NOMEM;
	if (cap < 16)
		cap = 16;
	while (nb < cap && nb < ((size_t)1 << 30))
		nb <<= 1;
	p->cap = cap;
	p->nbuckets = nb;
	p->key = *key;
	p->v = ww_calloc(cap, sizeof(*p->v));
	p->head = ww_calloc(nb, sizeof(*p->head));
	p->order = ww_calloc(cap, sizeof(*p->order));
	p->keep = ww_calloc(cap, sizeof(*p->keep));
	if (!p->v || !p->head || !p->order || !p->keep) {
		ww_pairs_free(p);
		return WW_ERR_NOMEM;
	}
	memset(p->head, 0xff, nb * sizeof(*p->head));
	*out = p;
	return WW_OK;
}

void ww_pairs_free(struct ww_pairs *p)
{
	if (!p)
		return;
	free(p->v);
	free(p->head);
	free(p->order);
	free(p->keep);
	free(p);
}

size_t ww_pairs_count(const struct ww_pairs *p)
{
	return p->n;
}

static bool icmp_proto(uint8_t proto)
{
	return proto == WW_PROTO_ICMP || proto == WW_PROTO_ICMP6;
}

static enum conv_kind icmp_kind(uint8_t proto, uint8_t type)
{
	if (proto == WW_PROTO_ICMP) {
		if (type == 8 || type == 0)
			return CK_ECHO;
		if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)
			return CK_ICMP_ERR;
	} else {
		if (type == 128 || type == 129)
			return CK_ECHO;
		if (type >= 1 && type <= 4)
			return CK_ICMP_ERR;
	}
	return CK_ICMP_OTHER;
}

struct pkey {
	uint8_t a[16], b[16];
	uint8_t pa[2], pb[2];
	uint8_t proto, kind, av4, bv4;
};

static uint64_t conv_hash(const struct ww_pairs *p, const struct conv *c)
{
	struct pkey k;
	memcpy(k.a, c->a.b, 16);
	memcpy(k.b, c->b.b, 16);
	k.pa[0] = (uint8_t)(c->pa >> 8);
	k.pa[1] = (uint8_t)c->pa;
	k.pb[0] = (uint8_t)(c->pb >> 8);
	k.pb[1] = (uint8_t)c->pb;
	k.proto = c->proto;
	k.kind = c->kind;
	k.av4 = c->a.v4;
	k.bv4 = c->b.v4;
	return ww_siphash(&p->key, &k, sizeof(k));
}

static bool same_key(const struct conv *x, const struct conv *y)
{
	return x->proto == y->proto && x->kind == y->kind && x->pa == y->pa && x->pb == y->pb &&
	       ww_addr_eq(&x->a, &y->a) && ww_addr_eq(&x->b, &y->b);
}

static void side_add(struct side *s, int64_t start, int64_t end, uint64_t pkts, uint64_t bytes,
                     uint8_t flags, uint8_t icmp_type)
{
	if (!s->seen) {
		s->seen = true;
		s->start = start;
		s->end = end;
		s->icmp_type = icmp_type;
	} else {
		if (start < s->start)
			s->start = start;
		if (end > s->end)
			s->end = end;
	}
	s->pkts += pkts;
	s->bytes += bytes;
	s->flags |= flags;
}

static void conv_times(struct conv *c)
{
	int i;
	bool first = true;
	for (i = 0; i < 2; i++) {
		if (!c->s[i].seen)
			continue;
		if (first || c->s[i].start < c->start)
			c->start = c->s[i].start;
		if (first || c->s[i].end > c->end)
			c->end = c->s[i].end;
		first = false;
	}
}

bool ww_pairs_add(struct ww_pairs *p, const struct ww_flowrec *r)
{
	struct conv k;
	uint64_t h;
	uint32_t i;
	int dir;
	uint8_t type = 0;
	memset(&k, 0, sizeof(k));
	k.proto = r->proto;
	if (icmp_proto(r->proto)) {
		type = (uint8_t)(r->dport >> 8);
		k.kind = (uint8_t)icmp_kind(r->proto, type);
	}
	{
		/* the canonical order: the lower (address, port) first */
		int c = ww_addr_cmp(&r->src, &r->dst);
		uint16_t sp = r->sport, dp = r->dport;
		if (k.kind == CK_ECHO)
			sp = dp = 0; /* request and reply carry different types */
		if (c < 0 || (c == 0 && sp <= dp)) {
			k.a = r->src, k.b = r->dst, k.pa = sp, k.pb = dp;
			dir = 0;
		} else {
			k.a = r->dst, k.b = r->src, k.pa = dp, k.pb = sp;
			dir = 1;
		}
	}
	h = conv_hash(p, &k);
	for (i = p->head[h & (p->nbuckets - 1)]; i != NIL; i = p->v[i].next) {
		struct conv *c = &p->v[i];
		if (!same_key(c, &k))
			continue;
		if (r->start_us > c->end + PAIR_SLACK_US || r->end_us + PAIR_SLACK_US < c->start)
			continue;
		side_add(&c->s[dir], r->start_us, r->end_us, r->pkts, r->bytes, r->flags, type);
		if (r->biflow && (r->rpkts || r->rbytes)) {
			side_add(&c->s[1 - dir], r->start_us, r->end_us, r->rpkts, r->rbytes, r->rflags,
			         0);
			c->biflow = true;
		}
		if (r->sampling > c->sampling)
			c->sampling = r->sampling;
		conv_times(c);
		return true;
	}
	if (p->n >= p->cap)
		return false;
	i = (uint32_t)p->n++;
	p->v[i] = k;
	side_add(&p->v[i].s[dir], r->start_us, r->end_us, r->pkts, r->bytes, r->flags, type);
	if (r->biflow && (r->rpkts || r->rbytes)) {
		side_add(&p->v[i].s[1 - dir], r->start_us, r->end_us, r->rpkts, r->rbytes, r->rflags, 0);
		p->v[i].biflow = true;
	}
	p->v[i].sampling = r->sampling;
	conv_times(&p->v[i]);
	p->v[i].next = p->head[h & (p->nbuckets - 1)];
	p->head[h & (p->nbuckets - 1)] = i;
	return true;
}

/* ---- outcomes ------------------------------------------------------------ */

static const struct ww_addr *side_src(const struct conv *c, int s)
{
	return s == 0 ? &c->a : &c->b;
}

static const struct ww_addr *side_dst(const struct conv *c, int s)
{
	return s == 0 ? &c->b : &c->a;
}

static uint16_t side_dport(const struct conv *c, int s)
{
	return s == 0 ? c->pb : c->pa;
}

static uint16_t side_sport(const struct conv *c, int s)
{
	return s == 0 ? c->pa : c->pb;
}

/* Which side opened the connection. */
static int opener(const struct conv *c)
{
	const struct side *s0 = &c->s[0], *s1 = &c->s[1];
	if (!s0->seen || !s1->seen)
		return s0->seen ? 0 : 1;
	if (c->kind == CK_ECHO) {
		bool r0 = s0->icmp_type == 8 || s0->icmp_type == 128;
		bool r1 = s1->icmp_type == 8 || s1->icmp_type == 128;
		if (r0 != r1)
			return r0 ? 0 : 1;
	}
	if (c->proto == WW_PROTO_TCP) {
		bool o0 = (s0->flags & WW_TH_SYN) && !(s0->flags & WW_TH_ACK);
		bool o1 = (s1->flags & WW_TH_SYN) && !(s1->flags & WW_TH_ACK);
		if (o0 != o1)
			return o0 ? 0 : 1;
	}
	if (s0->start != s1->start)
		return s0->start < s1->start ? 0 : 1;
	/* the same millisecond: the side talking to the lower (service) port */
	return side_dport(c, 0) <= side_sport(c, 0) ? 0 : 1;
}

static enum ww_outcome tcp_outcome(const struct side *o, const struct side *r, bool *syn)
{
	*syn = true;
	if (o->flags && !(o->flags & WW_TH_SYN)) {
		*syn = false; /* the middle of a connection (an active-timeout split) */
		return WW_OUTCOME_SUCCESS;
	}
	if (r->seen) {
		if (!r->flags)
			return r->pkts ? WW_OUTCOME_SUCCESS : WW_OUTCOME_TIMEOUT;
		if ((r->flags & WW_TH_SYN) && (r->flags & WW_TH_ACK))
			return WW_OUTCOME_SUCCESS;
		if (r->flags & WW_TH_RST)
			return WW_OUTCOME_REFUSED;
		return WW_OUTCOME_SUCCESS; /* bytes both ways */
	}
	/* no reverse flow: the opener ACKed (the answer was not exported) or not */
	if (o->flags & WW_TH_ACK)
		return WW_OUTCOME_SUCCESS;
	return WW_OUTCOME_TIMEOUT;
}

static void decide(struct conv *c, struct ww_flows_stats *st)
{
	int o = opener(c);
	bool syn = true;
	c->init = (uint8_t)o;
	c->skip = false;
	if (c->kind == CK_ICMP_ERR || c->kind == CK_ICMP_OTHER) {
		c->skip = true;
		return;
	}
	if (c->kind == CK_ECHO) {
		const struct side *s = &c->s[o];
		if (s->icmp_type != 8 && s->icmp_type != 128) {
			c->skip = true; /* replies with no request: nobody opened anything here */
			return;
		}
	} else if (c->proto != WW_PROTO_TCP && c->proto != WW_PROTO_UDP &&
	           c->proto != WW_PROTO_SCTP) {
		c->skip = true;
		return;
	}
	if (c->biflow)
		st->biflows++;
	else if (c->s[0].seen && c->s[1].seen)
		st->paired++;
	else
		st->one_sided++;
	if (c->proto == WW_PROTO_TCP) {
		c->outcome = (uint8_t)tcp_outcome(&c->s[o], &c->s[1 - o], &syn);
		if (!syn)
			c->outcome = (uint8_t)(WW_OUTCOME_SUCCESS | 0x80); /* marks "not an opening" */
	} else {
		c->outcome = (uint8_t)(c->s[1 - o].seen && c->s[1 - o].pkts ? WW_OUTCOME_SUCCESS
		                                                            : WW_OUTCOME_TIMEOUT);
	}
}

static enum ww_outcome icmp_error_outcome(uint8_t proto, uint16_t tc)
{
	uint8_t type = (uint8_t)(tc >> 8), code = (uint8_t)tc;
	if (proto == WW_PROTO_ICMP && type == 3 && code == 3)
		return WW_OUTCOME_REFUSED;
	if (proto == WW_PROTO_ICMP6 && type == 1 && code == 4)
		return WW_OUTCOME_REFUSED;
	return WW_OUTCOME_UNREACHABLE;
}

/* An ICMP error flow from R to H names no quoted packet: give its outcome
 * to H's unanswered connections just before it, to R itself first (a port
 * unreachable from the target), else (a single error only) to the latest
 * one (a router's host unreachable). */
static void attribute_error(struct ww_pairs *p, size_t pos, size_t n, struct ww_flows_stats *st)
{
	struct conv *e = &p->v[p->order[pos].i];
	int es = e->s[0].seen ? 0 : 1;
	const struct ww_addr *r = side_src(e, es), *h = side_dst(e, es);
	uint64_t budget = e->s[es].pkts ? e->s[es].pkts : 1;
	enum ww_outcome oc = icmp_error_outcome(e->proto, side_dport(e, es));
	int64_t lo = e->s[es].start - ICMP_BEFORE_US, hi = e->s[es].end;
	size_t i, scanned = 0, first = pos;
	struct conv *latest = NULL;
	st->icmp_errors += budget;
	while (first > 0 && p->order[first - 1].t >= lo && scanned++ < ICMP_SCAN_MAX)
		first--;
	scanned = 0;
	for (i = first; i < n && budget && scanned++ < 2 * ICMP_SCAN_MAX; i++) {
		struct conv *c = &p->v[p->order[i].i];
		int o = c->init;
		if (c->s[o].start > hi)
			break;
		if (c->skip || c == e || c->outcome != WW_OUTCOME_TIMEOUT ||
		    (c->proto != WW_PROTO_TCP && c->proto != WW_PROTO_UDP))
			continue;
		if (!ww_addr_eq(side_src(c, o), h))
			continue;
		if (ww_addr_eq(side_dst(c, o), r)) {
			c->outcome = (uint8_t)oc;
			budget--;
			st->icmp_attributed++;
		} else if (c->s[o].start <= e->s[es].start) {
			latest = c;
		}
	}
	if (budget && e->s[es].pkts <= 1 && latest) {
		latest->outcome = (uint8_t)(oc == WW_OUTCOME_REFUSED ? WW_OUTCOME_UNREACHABLE : oc);
		st->icmp_attributed++;
	}
}

static int by_key(const void *x, const void *y)
{
	const struct ord *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->i < b->i ? -1 : 1;
}

static void emit(const struct conv *c, ww_flows_attempt_fn fn, void *ud, struct ww_flows_stats *st)
{
	struct ww_attempt a;
	int o = c->init;
	memset(&a, 0, sizeof(a));
	a.ts_us = c->s[o].start;
	a.src = *side_src(c, o);
	a.dst = *side_dst(c, o);
	a.proto = c->proto;
	if (c->kind == CK_PORTS) {
		a.sport = side_sport(c, o);
		a.dport = side_dport(c, o);
	}
	a.syn = !(c->outcome & 0x80);
	a.outcome = (enum ww_outcome)(c->outcome & 0x7f);
	st->attempts++;
	if (fn)
		fn(ud, &a);
}

static void rebuild(struct ww_pairs *p)
{
	size_t i;
	memset(p->head, 0xff, p->nbuckets * sizeof(*p->head));
	for (i = 0; i < p->n; i++) {
		uint64_t h = conv_hash(p, &p->v[i]);
		p->v[i].next = p->head[h & (p->nbuckets - 1)];
		p->head[h & (p->nbuckets - 1)] = (uint32_t)i;
	}
}

/* Emit the connections marked in order[0..m) and keep the rest. */
static void drain_marked(struct ww_pairs *p, size_t m, ww_flows_attempt_fn fn, void *ud,
                         struct ww_flows_stats *st)
{
	size_t i, kept = 0;
	if (!m)
		return;
	for (i = 0; i < m; i++) {
		struct conv *c = &p->v[p->order[i].i];
		decide(c, st);
		p->order[i].t = c->s[c->init].start;
	}
	qsort(p->order, m, sizeof(*p->order), by_key);
	for (i = 0; i < m; i++)
		if (p->v[p->order[i].i].kind == CK_ICMP_ERR)
			attribute_error(p, i, m, st);
	for (i = 0; i < m; i++) {
		struct conv *c = &p->v[p->order[i].i];
		if (!c->skip)
			emit(c, fn, ud, st);
		c->kind |= 0x40; /* gone */
	}
	for (i = 0; i < p->n; i++)
		if (!(p->v[i].kind & 0x40))
			p->keep[kept++] = p->v[i];
	memcpy(p->v, p->keep, kept * sizeof(*p->v));
	p->n = kept;
	rebuild(p);
}

void ww_pairs_drain(struct ww_pairs *p, int64_t horizon, ww_flows_attempt_fn fn, void *ud,
                    struct ww_flows_stats *st)
{
	size_t i, m = 0;
	for (i = 0; i < p->n; i++)
		if (p->v[i].end < horizon)
			p->order[m++].i = (uint32_t)i;
	drain_marked(p, m, fn, ud, st);
}

void ww_pairs_drain_half(struct ww_pairs *p, ww_flows_attempt_fn fn, void *ud,
                         struct ww_flows_stats *st)
{
	size_t i;
	for (i = 0; i < p->n; i++) {
		p->order[i].i = (uint32_t)i;
		p->order[i].t = p->v[i].end;
	}
	qsort(p->order, p->n, sizeof(*p->order), by_key);
	drain_marked(p, p->n / 2 ? p->n / 2 : p->n, fn, ud, st);
}
