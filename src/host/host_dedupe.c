/* One socket, one row: `netstat -an` and `netstat -abv` of the same
 * machine list the same sockets, the second with their owners (and, without
 * -n, with names: "chief:epmap" for 0.0.0.0:135, "*:*" for a socket with no
 * peer yet). Rows of two different outputs are one socket when the protocol
 * and local port are the same and nothing else disagrees: the addresses
 * are equal or one side does not say (a name, a wildcard), the states are
 * equal or one is blank, and they do not name two different processes. The
 * row that says most (numeric addresses, a state, a peer) stays, in the
 * place of the first, with the owner, image and service the other knew.
 * Rows of one output are never merged: a file lists each socket once. */
#include "core/common.h"
#include "host/host_rules.h"

#include <strings.h>

#define MAX_BUCKET_SCAN 64 /* rows compared per row within one port */

static bool unsaid_addr(const struct ww_host_endpoint *e)
{
	return !e->has_addr || ww_addr_is_unspecified(&e->addr);
}

static bool local_agree(const struct ww_host_endpoint *x, const struct ww_host_endpoint *y)
{
	if (unsaid_addr(x) || unsaid_addr(y))
		return true;
	return ww_addr_cmp(&x->addr, &y->addr) == 0;
}

/* no peer: "*:*", or "0.0.0.0:0" of a listening socket */
static bool no_peer(const struct ww_host_endpoint *e)
{
	return e->wild || (e->has_addr && ww_addr_is_unspecified(&e->addr) && e->port == 0);
}

static bool foreign_agree(const struct ww_host_endpoint *x, const struct ww_host_endpoint *y)
{
	if (no_peer(x) || no_peer(y))
		return true;
	if (x->port != y->port)
		return false;
	if (x->has_addr && y->has_addr)
		return ww_addr_cmp(&x->addr, &y->addr) == 0;
	if (!x->has_addr && !y->has_addr)
		return strcasecmp(x->name, y->name) == 0;
	return true; /* a name and an address: name resolution, same port */
}

static bool state_agree(uint8_t a, uint8_t b)
{
	return a == b || a == WW_ST_UNKNOWN || b == WW_ST_UNKNOWN || a == WW_ST_NONE ||
	       b == WW_ST_NONE;
}

static bool same_socket(const struct ww_host_socket *a, const struct ww_host_socket *b)
{
	if (a->src == b->src || a->proto != b->proto || a->local.port != b->local.port)
		return false;
	if (a->pid >= 0 && b->pid >= 0 && a->pid != b->pid)
		return false;
	if (a->image[0] && b->image[0] && strcasecmp(a->image, b->image) != 0)
		return false;
	return state_agree(a->state, b->state) && local_agree(&a->local, &b->local) &&
	       foreign_agree(&a->foreign, &b->foreign);
}

/* how much a row says about its socket */
static int says(const struct ww_host_socket *s)
{
	return (s->local.has_addr ? 1 : 0) + (s->foreign.has_addr ? 1 : 0) +
	       (no_peer(&s->foreign) ? 0 : 2) +
	       (s->state != WW_ST_UNKNOWN && s->state != WW_ST_NONE ? 2 : 0);
}

/* b into a (a came first and keeps its place) */
static void merge(struct ww_host_socket *a, const struct ww_host_socket *b)
{
	struct ww_host_socket keep = *a;
	if (says(b) > says(a)) {
		a->state = b->state;
		a->local = b->local;
		a->foreign = b->foreign;
		a->src = b->src;
		a->line = b->line;
	}
	if (a->pid < 0)
		a->pid = b->pid;
	if (!keep.image[0])
		memcpy(a->image, b->image, sizeof(a->image));
	if (!keep.service[0])
		memcpy(a->service, b->service, sizeof(a->service));
	if (!keep.inode)
		a->inode = b->inode;
}

static int cmp_idx(const void *x, const void *y, void *ctx)
{
	const struct ww_host_socket *v = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	if (v[i].proto != v[j].proto)
		return v[i].proto < v[j].proto ? -1 : 1;
	if (v[i].local.port != v[j].local.port)
		return v[i].local.port < v[j].local.port ? -1 : 1;
	return i < j ? -1 : i > j; /* the first row first */
}

size_t ww_host_sockets_dedupe(struct ww_host_ctx *c)
{
	struct ww_host_socket *v = c->inv.sockets.v;
	size_t n = c->inv.sockets.n, i, j, k, m, out, dropped = 0;
	size_t *idx;
	bool *gone;
	if (n < 2 || c->n_sources < 2)
		return 0;
	idx = ww_reallocarray(NULL, n, sizeof(*idx));
	gone = ww_calloc(n, sizeof(*gone));
	if (!idx || !gone) {
		free(idx);
		free(gone);
		c->report->rc = WW_ERR_NOMEM;
		return 0;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_idx, v);
	for (i = 0; i < n; i = j) {
		/* one protocol and local port: each row joins the first earlier
		 * row of another output it agrees with */
		for (j = i + 1; j < n && v[idx[j]].proto == v[idx[i]].proto &&
		                v[idx[j]].local.port == v[idx[i]].local.port; j++)
			;
		for (k = i + 1; k < j; k++)
			for (m = k > i + MAX_BUCKET_SCAN ? k - MAX_BUCKET_SCAN : i; m < k; m++)
				if (!gone[idx[m]] && same_socket(&v[idx[m]], &v[idx[k]])) {
					merge(&v[idx[m]], &v[idx[k]]);
					gone[idx[k]] = true;
					dropped++;
					break;
				}
	}
	for (i = 0, out = 0; i < n; i++)
		if (!gone[i]) {
			if (out != i)
				v[out] = v[i];
			out++;
		}
	c->inv.sockets.n = out;
	free(idx);
	free(gone);
	return dropped;
}
