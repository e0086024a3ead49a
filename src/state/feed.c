#include "core/common.h"
#include "state/feed.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#define RING 32          /* batches in flight: a power of two */
#define SPINS 64         /* polls before sleeping: a busy poll slows the
                          * other thread down where cores share a pipeline */

struct ww_feed {
	struct ww_engine *e;
	struct ww_batch b[RING];
	unsigned threads;
	/* batches [head, tail) are filled and wait for the engine; the reader
	 * fills b[tail % RING] once tail - head < RING */
	_Atomic unsigned head, tail;
	_Atomic bool done;           /* the reader has pushed its last batch */
	_Atomic size_t hosts;        /* the engine's host count after its last batch
	                              * (for a progress line on the reader's side) */
	_Atomic bool reader_waits, engine_waits;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t engine_thread;
};

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static void wake(struct ww_feed *f, _Atomic bool *waits)
{
	if (atomic_load(waits)) {
		pthread_mutex_lock(&f->mu);
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
	}
}

/* Wait until ready(f) holds: poll, then sleep with *waits raised. The
 * other side raises its counter before it reads *waits, and this side
 * raises *waits before its last look, so a wake-up is never lost. */
static void wait_until(struct ww_feed *f, bool (*ready)(struct ww_feed *), _Atomic bool *waits)
{
	int i;
	for (i = 0; i < SPINS; i++) {
		if (ready(f))
			return;
		cpu_relax();
	}
	pthread_mutex_lock(&f->mu);
	atomic_store(waits, true);
	while (!ready(f))
		pthread_cond_wait(&f->cv, &f->mu);
	atomic_store(waits, false);
	pthread_mutex_unlock(&f->mu);
}

static bool has_filled(struct ww_feed *f)
{
	return atomic_load(&f->head) != atomic_load(&f->tail) || atomic_load(&f->done);
}

static bool has_room(struct ww_feed *f)
{
	return atomic_load(&f->tail) - atomic_load(&f->head) < RING;
}

static void *engine_main(void *arg)
{
	struct ww_feed *f = arg;
	for (;;) {
		unsigned h;
		wait_until(f, has_filled, &f->engine_waits);
		h = atomic_load(&f->head);
		if (h == atomic_load(&f->tail)) {
			if (atomic_load(&f->done) && h == atomic_load(&f->tail))
				return NULL;
			continue;
		}
		ww_batch_run(f->e, &f->b[h % RING]);
		atomic_store_explicit(&f->hosts, ww_engine_hosts(f->e), memory_order_relaxed);
		atomic_store(&f->head, h + 1);
		/* likewise a waiting reader, once half the ring is free */
		if (atomic_load(&f->tail) - (h + 1) <= RING / 2)
			wake(f, &f->reader_waits);
	}
}

ww_rc ww_feed_start(struct ww_feed **out, struct ww_engine *e, unsigned threads)
{
	/* the batches' records are 64-byte aligned */
	struct ww_feed *f = aligned_alloc(64, (sizeof(*f) + 63) / 64 * 64);
	unsigned i, n;
	*out = NULL;
	if (!f)
		return WW_ERR_NOMEM;
	memset(f, 0, sizeof(*f));
	f->e = e;
	f->threads = threads >= 2 ? 2 : 1;
	n = f->threads == 2 ? RING : 1;
	for (i = 0; i < n; i++) {
		if (ww_batch_init(&f->b[i])) {
			while (i--)
				ww_batch_release(&f->b[i]);
			free(f);
			return WW_ERR_NOMEM;
		}
	}
	if (f->threads == 2) {
		for (i = 0; i < RING; i++)
			f->b[i].remote = true;
		pthread_mutex_init(&f->mu, NULL);
		pthread_cond_init(&f->cv, NULL);
		sigset_t stop, old;
		int made;
		/* SIGINT, SIGTERM and SIGHUP go to the reading thread (cli_stop.c:
		 * a read blocked on a pipe must be the one they interrupt) */
		sigemptyset(&stop);
		sigaddset(&stop, SIGINT);
		sigaddset(&stop, SIGTERM);
		sigaddset(&stop, SIGHUP);
		pthread_sigmask(SIG_BLOCK, &stop, &old);
		made = pthread_create(&f->engine_thread, NULL, engine_main, f);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (made != 0) {
			/* no second thread: run on this one */
			pthread_mutex_destroy(&f->mu);
			pthread_cond_destroy(&f->cv);
			for (i = 1; i < RING; i++)
				ww_batch_release(&f->b[i]);
			f->b[0].remote = false;
			f->threads = 1;
		}
	}
	*out = f;
	return WW_OK;
}

size_t ww_feed_hosts(struct ww_feed *f)
{
	return atomic_load_explicit(&f->hosts, memory_order_relaxed);
}

struct ww_batch *ww_feed_batch(struct ww_feed *f)
{
	return &f->b[f->threads == 2 ? atomic_load(&f->tail) % RING : 0];
}

void ww_feed_push(struct ww_feed *f)
{
	if (f->threads == 1) {
		ww_batch_run(f->e, &f->b[0]);
		atomic_store_explicit(&f->hosts, ww_engine_hosts(f->e), memory_order_relaxed);
		return;
	}
	atomic_store(&f->tail, atomic_load(&f->tail) + 1);
	/* a sleeping engine is woken once half the ring is filled: one
	 * wake-up per RING/2 batches, not one per batch */
	if (atomic_load(&f->tail) - atomic_load(&f->head) >= RING / 2)
		wake(f, &f->engine_waits);
	wait_until(f, has_room, &f->reader_waits);
}

void ww_feed_finish(struct ww_feed *f, uint64_t *truncated, uint64_t *errors)
{
	unsigned i;
	ww_feed_push(f);
	if (f->threads == 2) {
		atomic_store(&f->done, true);
		wake(f, &f->engine_waits);
		pthread_join(f->engine_thread, NULL);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
	}
	for (i = 0; i < RING; i++) {
		*truncated += f->b[i].truncated;
		*errors += f->b[i].errors;
		ww_batch_release(&f->b[i]);
	}
	free(f);
}
