/* Application protocols of the flows that decide a verdict, named by
 * libndpi (ntop's nDPI, from Debian). Only flows of a judged host that has
 * already had a failed first contact are classified: those are the hosts a
 * wrong guess would hurt, and a peer-to-peer or media client among them is
 * told apart from a worm by what its answered connections speak. Flows live
 * in a 4-way set-associative cache of fixed size (a newcomer replaces the
 * least recently seen flow of its set), each given at most WW_NDPI_MAX_PKTS
 * packets, so memory and time stay bounded whatever the input. The cache's
 * hash key is fixed, not random: which flows share a set decides which are
 * classified, and the same capture must give the same report every time
 * (a crafted collision can only make nDPI name fewer flows). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/siphash.h"
#include "detect/detect.h"

#include <stdio.h>

#ifdef WW_HAVE_NDPI
#include <ndpi/ndpi_api.h>
#include <pthread.h>
#include <signal.h>

#define WW_NDPI_SLOTS 4096
#define WW_NDPI_WAYS 4          /* slots per set */
#define WW_NDPI_KEY_SEED 0x6e445049u /* fixed: reproducible reports */
#define WW_NDPI_MAX_PKTS 16

struct ndpi_slot {
	uint8_t key[37];   /* canonical 5-tuple: lower endpoint first */
	bool used, done;
	uint8_t pkts;
	uint32_t host;     /* index of the judged host it is counted for */
	uint64_t seen;     /* the cache's clock when it last had a packet */
	struct ndpi_flow_struct *flow;
};

struct ww_ndpi {
	struct ndpi_detection_module_struct *mod; /* made on first use (~15 ms) */
	bool failed;                               /* it could not be made */
	bool warming;                              /* `warmer` is making it */
	pthread_t warmer;
	struct ndpi_slot *slots;
	struct ww_sipkey key;
	size_t flow_size;
	uint64_t classified;
	uint64_t clock;    /* packets looked up: the slots' age */
};

static ww_rc ndpi_init(struct ww_engine *e)
{
	struct ww_ndpi *n = calloc(1, sizeof(*n));
	if (!n)
		return WW_ERR_NOMEM;
	ww_sipkey_init(&n->key, WW_NDPI_KEY_SEED); /* not the tables' seed (see above) */
	e->ndpi = n;
	return WW_OK;
}

/* Make the module and the flow cache (or mark them failed: then nothing
 * is classified rather than the run failing). */
static void ndpi_make(struct ww_ndpi *n)
{
	NDPI_PROTOCOL_BITMASK all;
	/* the Tor exit list names hosts, not applications: not needed here */
	n->mod = ndpi_init_detection_module(ndpi_dont_load_tor_hosts);
	n->slots = ww_calloc(WW_NDPI_SLOTS, sizeof(*n->slots));
	if (!n->mod || !n->slots) {
		if (n->mod)
			ndpi_exit_detection_module(n->mod);
		free(n->slots);
		n->mod = NULL;
		n->slots = NULL;
		n->failed = true;
		return;
	}
	NDPI_BITMASK_SET_ALL(all);
	ndpi_set_protocol_detection_bitmask2(n->mod, &all);
	ndpi_finalize_initialization(n->mod);
	n->flow_size = ndpi_detection_get_sizeof_ndpi_flow_struct();
}

static void *warm_main(void *arg)
{
	ndpi_make(arg);
	return NULL;
}

/* Start making the module on a thread of its own: a long capture read by
 * two threads would otherwise stall both while the engine's thread makes
 * it at the first flow that needs it. Only the warming thread touches the
 * struct until ndpi_ready() joins it. */
static void ndpi_warm(struct ww_engine *e)
{
	struct ww_ndpi *n = e->ndpi;
	if (!n || n->mod || n->failed || n->warming)
		return;
	{
		/* the caller's thread keeps SIGINT/SIGTERM/SIGHUP (cli_stop.c) */
		sigset_t stop, old;
		sigemptyset(&stop);
		sigaddset(&stop, SIGINT);
		sigaddset(&stop, SIGTERM);
		sigaddset(&stop, SIGHUP);
		pthread_sigmask(SIG_BLOCK, &stop, &old);
		n->warming = pthread_create(&n->warmer, NULL, warm_main, n) == 0;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
}

static void ndpi_join(struct ww_ndpi *n)
{
	if (n->warming) {
		pthread_join(n->warmer, NULL);
		n->warming = false;
	}
}

/* The module and the flow cache, when a flow first needs them: most small
 * inputs never do, and nDPI's start-up is the slowest part of a short run. */
static bool ndpi_ready(struct ww_ndpi *n)
{
	ndpi_join(n); /* first: until then the module is the warmer's */
	if (n->mod)
		return true;
	if (!n->failed)
		ndpi_make(n);
	return n->mod != NULL;
}

static void slot_clear(struct ndpi_slot *s)
{
	if (s->flow) {
		ndpi_free_flow(s->flow);
		s->flow = NULL;
	}
	s->used = s->done = false;
	s->pkts = 0;
}

static void ndpi_release(struct ww_engine *e)
{
	struct ww_ndpi *n = e->ndpi;
	size_t i;
	if (!n)
		return;
	ndpi_join(n);
	if (n->slots)
		for (i = 0; i < WW_NDPI_SLOTS; i++)
			slot_clear(&n->slots[i]);
	free(n->slots);
	if (n->mod)
		ndpi_exit_detection_module(n->mod);
	free(n);
	e->ndpi = NULL;
}

static void flow_key(const struct ww_pkt *p, uint8_t key[37])
{
	const struct ww_addr *a = &p->src, *b = &p->dst;
	uint16_t pa = p->sport, pb = p->dport;
	if (memcmp(a->b, b->b, 16) > 0 || (memcmp(a->b, b->b, 16) == 0 && pa > pb)) {
		a = &p->dst, b = &p->src;
		pa = p->dport, pb = p->sport;
	}
	memcpy(key, a->b, 16);
	memcpy(key + 16, b->b, 16);
	key[32] = (uint8_t)(pa >> 8);
	key[33] = (uint8_t)pa;
	key[34] = (uint8_t)(pb >> 8);
	key[35] = (uint8_t)pb;
	key[36] = p->proto;
}

/* The flow's slot: its own if cached, else an empty one of its set, else
 * the set's least recently seen (cleared by the caller). */
static struct ndpi_slot *slot_find(struct ww_ndpi *n, const uint8_t key[37], bool *hit)
{
	struct ndpi_slot *set = &n->slots[(ww_siphash(&n->key, key, 37) & (WW_NDPI_SLOTS / WW_NDPI_WAYS - 1)) *
	                                  WW_NDPI_WAYS];
	struct ndpi_slot *victim = &set[0];
	unsigned i;
	for (i = 0; i < WW_NDPI_WAYS; i++) {
		if (set[i].used && memcmp(set[i].key, key, 37) == 0) {
			*hit = true;
			return &set[i];
		}
		if (victim->used && (!set[i].used || set[i].seen < victim->seen))
			victim = &set[i];
	}
	*hit = false;
	return victim;
}

static void count(struct ww_ndpi *n, struct ww_host *h, ndpi_protocol proto)
{
	char name[64];
	switch (proto.category) {
	case NDPI_PROTOCOL_CATEGORY_DOWNLOAD_FT:
		h->app.p2p_flows++;
		break;
	case NDPI_PROTOCOL_CATEGORY_VOIP:
		h->app.media_flows++;
		break;
	default:
		h->app.other_flows++;
		return;
	}
	if (!h->app.p2p_name[0]) {
		ndpi_protocol2name(n->mod, proto, name, sizeof(name));
		snprintf(h->app.p2p_name, sizeof(h->app.p2p_name), "%.31s", name);
	}
}

static void ndpi_packet(struct ww_engine *e, const struct ww_pkt *p, struct ww_host *hs,
                        struct ww_host *hd)
{
	struct ww_ndpi *n = e->ndpi;
	/* only hosts whose walk leans towards scanning and whose verdict is
	 * still open: an answered flow of theirs may explain the failures */
	struct ww_host *h = hs && hs->trw.llr > 0 && hs->live_verdict != WW_VERDICT_INFECTED ? hs
	                    : hd && hd->trw.llr > 0 && hd->live_verdict != WW_VERDICT_INFECTED ? hd
	                                                                          : NULL;
	struct ndpi_slot *s;
	uint8_t key[37];
	ndpi_protocol proto;
	bool hit;
	if (!n || !h || !p->l3_hdr || p->l3_len > 0xffff ||
	    (p->proto != WW_PROTO_TCP && p->proto != WW_PROTO_UDP))
		return;
	if (!p->payload_len || !ndpi_ready(n))
		return;
	flow_key(p, key);
	s = slot_find(n, key, &hit);
	if (!hit) {
		slot_clear(s);
		s->flow = ndpi_flow_malloc(n->flow_size);
		if (!s->flow)
			return;
		memset(s->flow, 0, n->flow_size);
		memcpy(s->key, key, sizeof(key));
		s->used = true;
		s->host = ww_engine_host_index(e, h);
	}
	s->seen = ++n->clock;
	if (s->done)
		return;
	proto = ndpi_detection_process_packet(n->mod, s->flow, p->l3_hdr, (unsigned short)p->l3_len,
	                                      (uint64_t)(p->ts_us / 1000));
	if (proto.app_protocol == NDPI_PROTOCOL_UNKNOWN && proto.master_protocol == NDPI_PROTOCOL_UNKNOWN &&
	    ++s->pkts < WW_NDPI_MAX_PKTS)
		return;
	if (proto.app_protocol == NDPI_PROTOCOL_UNKNOWN && proto.master_protocol == NDPI_PROTOCOL_UNKNOWN) {
		uint8_t guessed = 0;
		proto = ndpi_detection_giveup(n->mod, s->flow, 0, &guessed);
	}
	s->done = true;
	n->classified++;
	/* the record is still the flow's host (not evicted and reused meanwhile):
	 * it is one of this packet's ends */
	if ((proto.app_protocol != NDPI_PROTOCOL_UNKNOWN || proto.master_protocol != NDPI_PROTOCOL_UNKNOWN) &&
	    (&e->hosts.hosts[s->host] == hs || &e->hosts.hosts[s->host] == hd))
		count(n, &e->hosts.hosts[s->host], proto);
	/* the flow's state is no longer needed */
	ndpi_free_flow(s->flow);
	s->flow = NULL;
}

static void ndpi_judge(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j)
{
	(void)e;
	if (!h->app.p2p_flows && !h->app.media_flows)
		return;
	j->p2p_strength += 2;
	if (j->explain)
		ww_judge_add(j, false, _("libndpi identified %s on %u of its answered flows (%u peer-to-peer, "
		               "%u real-time media)"), h->app.p2p_name, h->app.p2p_flows + h->app.media_flows,
		             h->app.p2p_flows, h->app.media_flows);
}

const struct ww_detector ww_detector_ndpi = {
	"ndpi", "application protocol of the deciding flows, by libndpi",
	ndpi_init, ndpi_release,
	ndpi_packet, NULL, NULL, ndpi_judge,
	ndpi_warm,
	true,
};

#else

const struct ww_detector ww_detector_ndpi = {
	"ndpi", "application protocol of the deciding flows (libndpi not available in this build)",
	NULL, NULL, NULL, NULL, NULL, NULL,
	NULL,
	false,
};

#endif
