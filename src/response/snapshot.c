/* The snapshot's host table: an array in arrival order with a keyed,
 * capped index (router/rt_map: SipHash, random key) from address to slot. */
#include "core/common.h"
#include "response/snapshot.h"
#include "decode/packet.h"
#include "router/rt_acct.h"
#include "router/rt_map.h"

#define KEY_LEN 17

void ww_resp_snap_init(struct ww_resp_snap *s)
{
	memset(s, 0, sizeof(*s));
}

static void host_release(struct ww_resp_host *h)
{
	size_t i;
	free(h->title);
	free(h->source);
	for (i = 0; i < h->n_evidence; i++)
		free(h->evidence[i]);
}

void ww_resp_snap_release(struct ww_resp_snap *s)
{
	size_t i;
	struct ww_rt_map *m = s->index;
	for (i = 0; i < s->n; i++)
		host_release(&s->h[i]);
	free(s->h);
	if (m) {
		ww_rt_map_release(m);
		free(m);
	}
	memset(s, 0, sizeof(*s));
}

static void addr_key(uint8_t *k, const struct ww_addr *a)
{
	memcpy(k, a->b, 16);
	k[16] = a->v4;
}

struct ww_resp_host *ww_resp_snap_host(struct ww_resp_snap *s, const struct ww_addr *a)
{
	uint8_t k[KEY_LEN];
	void *v;
	bool isnew;
	uint32_t *slot;
	ww_rc rc;

	if (s->rc)
		return NULL;
	if (!s->index) {
		s->index = ww_calloc(1, sizeof(*s->index));
		if (!s->index || ww_rt_map_init(s->index, KEY_LEN, sizeof(uint32_t), WW_RESP_MAX_HOSTS, 0)) {
			free(s->index);
			s->index = NULL;
			s->rc = WW_ERR_NOMEM;
			return NULL;
		}
	}
	addr_key(k, a);
	rc = ww_rt_map_get(s->index, k, &v, &isnew);
	if (rc == WW_ERR_LIMIT) {
		s->dropped_hosts++;
		return NULL;
	}
	if (rc) {
		s->rc = rc;
		return NULL;
	}
	slot = v;
	if (!isnew)
		return &s->h[*slot];
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 16;
		struct ww_resp_host *nh = ww_reallocarray(s->h, nc, sizeof(*nh));
		if (!nh) {
			s->rc = WW_ERR_NOMEM;
			return NULL;
		}
		s->h = nh;
		s->cap = nc;
	}
	*slot = (uint32_t)s->n;
	memset(&s->h[s->n], 0, sizeof(s->h[s->n]));
	s->h[s->n].addr = *a;
	s->h[s->n].first_contacts = -1;
	s->h[s->n].table_entries = -1;
	s->h[s->n].destinations = -1;
	return &s->h[s->n++];
}

const struct ww_resp_host *ww_resp_snap_find(const struct ww_resp_snap *s, const struct ww_addr *a)
{
	uint8_t k[KEY_LEN];
	const uint32_t *slot;
	if (!s->index)
		return NULL;
	addr_key(k, a);
	slot = ww_rt_map_find(s->index, k);
	return slot ? &s->h[*slot] : NULL;
}

static char *dup_str(struct ww_resp_snap *s, const char *x)
{
	char *d;
	if (!x)
		return NULL;
	d = strdup(x);
	if (!d)
		s->rc = WW_ERR_NOMEM;
	return d;
}

void ww_resp_host_flag(struct ww_resp_snap *s, struct ww_resp_host *h, enum ww_verdict v,
                       double score, const char *title, const char *source)
{
	h->seen = true;
	if (h->flagged && (v < h->verdict || (v == h->verdict && score <= h->score)))
		return;
	h->flagged = true;
	h->verdict = v;
	h->score = score;
	if (title) {
		free(h->title);
		h->title = dup_str(s, title);
	}
	if (source) {
		free(h->source);
		h->source = dup_str(s, source);
	}
}

void ww_resp_host_evidence(struct ww_resp_snap *s, struct ww_resp_host *h, const char *line)
{
	if (h->n_evidence >= WW_RESP_EVIDENCE || !line)
		return;
	h->evidence[h->n_evidence] = dup_str(s, line);
	if (h->evidence[h->n_evidence])
		h->n_evidence++;
}

void ww_resp_host_port(struct ww_resp_host *h, uint16_t port)
{
	size_t i;
	if (!ww_rt_worm_port(WW_PROTO_TCP, port))
		return;
	for (i = 0; i < h->n_worm_tcp; i++)
		if (h->worm_tcp[i] == port)
			return;
	if (h->n_worm_tcp < WW_RESP_PORTS)
		h->worm_tcp[h->n_worm_tcp++] = port;
}

static int host_cmp(const void *x, const void *y)
{
	const struct ww_resp_host *a = x, *b = y;
	if (a->verdict != b->verdict)
		return a->verdict > b->verdict ? -1 : 1;
	return ww_addr_cmp(&a->addr, &b->addr);
}

void ww_resp_snap_sort(struct ww_resp_snap *s)
{
	size_t i;
	uint8_t k[KEY_LEN];
	if (s->n < 2)
		return;
	qsort(s->h, s->n, sizeof(*s->h), host_cmp);
	for (i = 0; i < s->n && s->index; i++) {
		uint32_t *slot;
		addr_key(k, &s->h[i].addr);
		slot = ww_rt_map_find(s->index, k);
		if (slot)
			*slot = (uint32_t)i;
	}
}

bool ww_resp_verdict_parse(const char *s, enum ww_verdict *v)
{
	enum ww_verdict x;
	for (x = WW_VERDICT_NORMAL; x <= WW_VERDICT_INFECTED; x++)
		if (strcmp(ww_verdict_name(x), s) == 0) {
			*v = x;
			return true;
		}
	return false;
}
