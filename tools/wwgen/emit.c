/* The emit context: keeps frames in time order. Collect mode stores frames
 * in one arena and sorts (time, emit order) at the end; stream mode writes
 * at once and insists on nondecreasing time. */
#include <stdarg.h>

#include "gen.h"

struct gen_rec {
	uint64_t t;
	uint64_t off;
	uint32_t len;
	uint32_t seq;
};

void gen_error(const char *fmt, ...)
{
	va_list ap;

	fputs("wwgen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 4096;
	void *q;

	while (n < need) {
		if (!ww_size_mul(n, 2, &n))
			return false;
	}
	q = ww_reallocarray(*p, n, elem);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

void gen_mark(struct gen *g, const char *what, const char *addr)
{
	struct gen_mark *m;

	if (g->nmarks >= GEN_MARKS) {
		gen_error("internal: more than %d marked frames", GEN_MARKS);
		g->rc = WW_ERR_LIMIT;
		return;
	}
	m = &g->marks[g->nmarks++];
	memset(m, 0, sizeof(*m));
	snprintf(m->what, sizeof(m->what), "%s", what);
	snprintf(m->addr, sizeof(m->addr), "%s", addr);
	m->seq = g->emitted;
}

/* After frame seq (emit order) went to the writer at t: resolves the marks
 * on it, or on the first frame written after a marked one was dropped. */
static void marks_put(struct gen *g, uint64_t seq, uint64_t t, bool written)
{
	for (size_t i = 0; i < g->nmarks; i++) {
		struct gen_mark *m = &g->marks[i];

		if (m->frame)
			continue;
		if (seq == m->seq)
			m->armed = true;
		if (m->armed && written) {
			m->frame = gen_writer_count(g->w);
			m->t_us = t;
		}
	}
}

ww_rc gen_marks_write(const struct gen *g, FILE *truth)
{
	if (!truth)
		return WW_OK;
	for (size_t i = 0; i < g->nmarks; i++) {
		const struct gen_mark *m = &g->marks[i];
		uint64_t t = GEN_EPOCH_SEC * 1000000u + m->t_us;

		if (!m->frame)
			continue;
		if (fprintf(truth, "# %s\t%s\t%llu.%06llu\t%llu\n", m->what, m->addr,
			    (unsigned long long)(t / 1000000u), (unsigned long long)(t % 1000000u),
			    (unsigned long long)m->frame) < 0) {
			gen_error("cannot write the truth file");
			return WW_ERR_IO;
		}
	}
	return WW_OK;
}

void gen_emit(struct gen *g, uint64_t t_us, const struct gen_pkt *p)
{
	if (g->rc)
		return;
	if (g->stream) {
		if (t_us < g->last_t) {
			gen_error("internal: frame at %llu us before %llu us",
				  (unsigned long long)t_us, (unsigned long long)g->last_t);
			g->rc = WW_ERR_LIMIT;
			return;
		}
		uint64_t before = gen_writer_count(g->w);

		g->last_t = t_us;
		g->rc = gen_writer_put(g->w, t_us, p->b, p->len);
		gen_flowexp_frame(g->fe, t_us, p->b, p->len);
		if (g->nmarks)
			marks_put(g, g->emitted, t_us, gen_writer_count(g->w) > before);
		g->emitted++;
		return;
	}
	if (g->nrec == UINT32_MAX ||
	    (g->nrec + 1 > g->caprec &&
	     !grow((void **)&g->recs, &g->caprec, g->nrec + 1, sizeof(*g->recs))) ||
	    (g->arena_len + p->len > g->arena_cap &&
	     !grow((void **)&g->arena, &g->arena_cap, g->arena_len + p->len, 1))) {
		gen_error("out of memory collecting frames");
		g->rc = WW_ERR_NOMEM;
		return;
	}
	memcpy(g->arena + g->arena_len, p->b, p->len);
	g->recs[g->nrec].t = t_us;
	g->recs[g->nrec].off = g->arena_len;
	g->recs[g->nrec].len = (uint32_t)p->len;
	g->recs[g->nrec].seq = (uint32_t)g->nrec;
	g->arena_len += p->len;
	g->nrec++;
	g->emitted++;
}

static int rec_cmp(const void *a, const void *b)
{
	const struct gen_rec *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

ww_rc gen_finish(struct gen *g)
{
	struct gen_ipid *ids;

	if (g->rc || g->stream)
		return g->rc;
	ids = gen_ipid_new(g->nrec);
	if (!ids) {
		gen_error("out of memory renumbering IP IDs");
		return g->rc = WW_ERR_NOMEM;
	}
	if (g->nrec > 0)
		qsort(g->recs, g->nrec, sizeof(*g->recs), rec_cmp);
	for (size_t i = 0; i < g->nrec && !g->rc; i++) {
		uint8_t *f = g->arena + g->recs[i].off;
		uint64_t before = gen_writer_count(g->w);

		gen_ipid_frame(ids, f, g->recs[i].len);
		g->rc = gen_writer_put(g->w, g->recs[i].t, f, g->recs[i].len);
		gen_flowexp_frame(g->fe, g->recs[i].t, f, g->recs[i].len);
		if (g->nmarks)
			marks_put(g, g->recs[i].seq, g->recs[i].t, gen_writer_count(g->w) > before);
	}
	gen_ipid_free(ids);
	return g->rc;
}

void gen_release(struct gen *g)
{
	free(g->arena);
	free(g->recs);
	g->arena = NULL;
	g->recs = NULL;
	g->nrec = g->caprec = g->arena_len = g->arena_cap = 0;
}

void gen_filler_init(struct gen *g)
{
	gen_rng_bytes(&g->rng, g->filler, sizeof(g->filler));
}

ww_rc gen_truth_row(FILE *truth, const char *addr, const char *expect, const char *what)
{
	if (!truth)
		return WW_OK;
	if (fprintf(truth, "%s\t%s\t%s\n", addr, expect, what) < 0) {
		gen_error("cannot write the truth file");
		return WW_ERR_IO;
	}
	return WW_OK;
}
