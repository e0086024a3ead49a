#include "core/common.h"
#include "live/board.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

struct board_ev {
	uint64_t seq;
	enum ww_board_kind kind;
	struct ww_blob *blob;
};

struct ww_board {
	pthread_mutex_t mu;
	pthread_cond_t cv;      /* signalled on every change */
	struct ww_blob *state, *hosts;
	uint64_t gen;           /* state generation, 0 = none yet */
	struct board_ev ring[WW_BOARD_EVENTS];
	uint64_t next_seq;      /* events ever pushed */
	bool closed;
};

const char *ww_board_kind_name(enum ww_board_kind k)
{
	return k == WW_BOARD_ACTION ? "action" : "alert";
}

ww_rc ww_board_new(struct ww_board **out)
{
	struct ww_board *b = ww_calloc(1, sizeof(*b));
	pthread_condattr_t ca;
	*out = NULL;
	if (!b)
		return WW_ERR_NOMEM;
	pthread_mutex_init(&b->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&b->cv, &ca);
	pthread_condattr_destroy(&ca);
	*out = b;
	return WW_OK;
}

static void blob_unref_locked(struct ww_blob *x, struct ww_blob **to_free)
{
	*to_free = NULL;
	if (x && --x->refs == 0)
		*to_free = x;
}

void ww_board_close(struct ww_board *b)
{
	pthread_mutex_lock(&b->mu);
	b->closed = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

bool ww_board_closed(struct ww_board *b)
{
	bool c;
	pthread_mutex_lock(&b->mu);
	c = b->closed;
	pthread_mutex_unlock(&b->mu);
	return c;
}

void ww_board_free(struct ww_board *b)
{
	size_t i;
	if (!b)
		return;
	/* every reader has given its references back by now */
	free(b->state);
	free(b->hosts);
	for (i = 0; i < WW_BOARD_EVENTS; i++)
		free(b->ring[i].blob);
	pthread_cond_destroy(&b->cv);
	pthread_mutex_destroy(&b->mu);
	free(b);
}

struct ww_blob *ww_blob_new(const char *s, size_t len)
{
	struct ww_blob *x;
	size_t sz, i;
	if (!ww_size_add(sizeof(*x) + 1, len, &sz) || !(x = malloc(sz)))
		return NULL;
	x->refs = 1;
	x->len = len;
	for (i = 0; i < len; i++)
		x->data[i] = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
	x->data[len] = '\0';
	return x;
}

static void swap_in(struct ww_board *b, struct ww_blob **slot, struct ww_blob *x, bool bump)
{
	struct ww_blob *old;
	if (!x)
		return;
	pthread_mutex_lock(&b->mu);
	blob_unref_locked(*slot, &old);
	*slot = x;
	if (bump)
		b->gen++;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	free(old); /* outside the lock */
}

void ww_board_set_state(struct ww_board *b, struct ww_blob *state)
{
	swap_in(b, &b->state, state, true);
}

void ww_board_set_hosts(struct ww_board *b, struct ww_blob *hosts)
{
	swap_in(b, &b->hosts, hosts, false);
}

void ww_board_push(struct ww_board *b, enum ww_board_kind k, struct ww_blob *ev)
{
	struct board_ev *slot;
	struct ww_blob *old;
	if (!ev)
		return;
	pthread_mutex_lock(&b->mu);
	slot = &b->ring[b->next_seq % WW_BOARD_EVENTS];
	blob_unref_locked(slot->blob, &old);
	slot->blob = ev;
	slot->kind = k;
	slot->seq = b->next_seq++;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	free(old);
}

static struct ww_blob *take(struct ww_blob *x)
{
	if (x)
		x->refs++;
	return x;
}

struct ww_blob *ww_board_state(struct ww_board *b, uint64_t *gen)
{
	struct ww_blob *x;
	pthread_mutex_lock(&b->mu);
	x = take(b->state);
	if (gen)
		*gen = b->gen;
	pthread_mutex_unlock(&b->mu);
	return x;
}

struct ww_blob *ww_board_hosts(struct ww_board *b)
{
	struct ww_blob *x;
	pthread_mutex_lock(&b->mu);
	x = take(b->hosts);
	pthread_mutex_unlock(&b->mu);
	return x;
}

void ww_board_put(struct ww_board *b, struct ww_blob *x)
{
	struct ww_blob *f;
	if (!x)
		return;
	pthread_mutex_lock(&b->mu);
	blob_unref_locked(x, &f);
	pthread_mutex_unlock(&b->mu);
	free(f);
}

uint64_t ww_board_next_seq(struct ww_board *b)
{
	uint64_t s;
	pthread_mutex_lock(&b->mu);
	s = b->next_seq;
	pthread_mutex_unlock(&b->mu);
	return s;
}

/* With the lock held. */
static uint64_t oldest_seq(const struct ww_board *b)
{
	return b->next_seq > WW_BOARD_EVENTS ? b->next_seq - WW_BOARD_EVENTS : 0;
}

int ww_board_event(struct ww_board *b, uint64_t *seq, struct ww_blob **ev,
                   enum ww_board_kind *kind)
{
	int r = 0;
	pthread_mutex_lock(&b->mu);
	if (*seq < oldest_seq(b)) {
		r = -1;
	} else if (*seq < b->next_seq) {
		struct board_ev *slot = &b->ring[*seq % WW_BOARD_EVENTS];
		*ev = take(slot->blob);
		*kind = slot->kind;
		r = 1;
	}
	pthread_mutex_unlock(&b->mu);
	return r;
}

char *ww_board_events_json(struct ww_board *b, enum ww_board_kind k, size_t *len)
{
	struct ww_blob **v = ww_calloc(WW_BOARD_EVENTS, sizeof(*v));
	size_t n = 0, i, total = 3, o = 0;
	uint64_t s;
	char *out;
	if (!v)
		return NULL;
	/* references under the lock, text outside it */
	pthread_mutex_lock(&b->mu);
	for (s = oldest_seq(b); s < b->next_seq; s++) {
		struct board_ev *slot = &b->ring[s % WW_BOARD_EVENTS];
		if (slot->kind == k && slot->blob)
			v[n++] = take(slot->blob);
	}
	pthread_mutex_unlock(&b->mu);
	for (i = 0; i < n; i++)
		total += v[i]->len + 1;
	out = malloc(total);
	if (out) {
		out[o++] = '[';
		for (i = 0; i < n; i++) {
			if (i)
				out[o++] = ',';
			memcpy(out + o, v[i]->data, v[i]->len);
			o += v[i]->len;
		}
		out[o++] = ']';
		out[o] = '\0';
		*len = o;
	}
	for (i = 0; i < n; i++)
		ww_board_put(b, v[i]);
	free(v);
	return out;
}

bool ww_board_wait(struct ww_board *b, uint64_t gen, uint64_t seq, int timeout_ms)
{
	struct timespec dl;
	bool ready;
	clock_gettime(CLOCK_MONOTONIC, &dl);
	dl.tv_sec += timeout_ms / 1000;
	dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&b->mu);
	while (!(ready = b->closed || b->gen != gen || seq < b->next_seq))
		if (pthread_cond_timedwait(&b->cv, &b->mu, &dl) == ETIMEDOUT)
			break;
	ready = b->closed || b->gen != gen || seq < b->next_seq;
	pthread_mutex_unlock(&b->mu);
	return ready;
}
