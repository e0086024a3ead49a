#include "core/common.h"
#include "findings/finding.h"

#include <stdarg.h>
#include <stdio.h>

const char *ww_verdict_name(enum ww_verdict v)
{
	static const char *const names[] = {"normal", "p2p", "suspicious", "scanner", "infected"};
	return (unsigned)v < WW_ARRAY_LEN(names) ? names[v] : "normal";
}

const char *ww_severity_name(enum ww_severity s)
{
	static const char *const names[] = {"info", "low", "medium", "high", "critical"};
	return (unsigned)s < WW_ARRAY_LEN(names) ? names[s] : "info";
}

void ww_report_init(struct ww_report *r, const char *command)
{
	memset(r, 0, sizeof(*r));
	r->command = command;
}

static void textlist_free(struct ww_textlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void fields_free(struct ww_fieldset *fs)
{
	size_t i;
	for (i = 0; i < fs->n; i++)
		if (fs->v[i].type == WW_FIELD_STR)
			free(fs->v[i].v.s);
		else if (fs->v[i].type == WW_FIELD_PORTS)
			free(fs->v[i].v.ports.v);
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

void ww_report_release(struct ww_report *r)
{
	size_t i, j;
	for (i = 0; i < r->n_findings; i++) {
		struct ww_finding *f = r->findings[i];
		free(f->title);
		free(f->image);
		free(f->source);
		textlist_free(&f->evidence);
		textlist_free(&f->steps);
		fields_free(&f->extra);
		free(f);
	}
	free(r->findings);
	for (i = 0; i < r->n_sections; i++) {
		struct ww_section *s = r->sections[i];
		for (j = 0; j < s->n; j++)
			fields_free(&s->rows[j].f);
		free(s->rows);
		free(s->name);
		free(s);
	}
	free(r->sections);
	fields_free(&r->input);
	textlist_free(&r->notes);
	textlist_free(&r->warnings);
	textlist_free(&r->steps);
	memset(r, 0, sizeof(*r));
}

/* Grow an array of `size`-byte elements to hold one more. */
static bool grow(struct ww_report *r, void **v, size_t n, size_t *cap, size_t size)
{
	void *p;
	size_t nc;
	if (r->rc)
		return false;
	if (n < *cap)
		return true;
	nc = *cap ? *cap * 2 : 8;
	p = ww_reallocarray(*v, nc, size);
	if (!p) {
		r->rc = WW_ERR_NOMEM;
		return false;
	}
	*v = p;
	*cap = nc;
	return true;
}

struct ww_finding *ww_report_add(struct ww_report *r, enum ww_finding_kind kind)
{
	struct ww_finding *f;
	if (!grow(r, (void **)&r->findings, r->n_findings, &r->cap_findings, sizeof(*r->findings)))
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f) {
		r->rc = WW_ERR_NOMEM;
		return NULL;
	}
	f->kind = kind;
	f->pid = -1;
	r->findings[r->n_findings++] = f;
	return f;
}

static int finding_cmp(const void *a, const void *b)
{
	const struct ww_finding *x = *(const struct ww_finding *const *)a;
	const struct ww_finding *y = *(const struct ww_finding *const *)b;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->verdict != y->verdict)
		return (int)y->verdict - (int)x->verdict;
	if (x->severity != y->severity)
		return (int)y->severity - (int)x->severity;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->has_addr && y->has_addr)
		return ww_addr_cmp(&x->addr, &y->addr);
	return 0;
}

void ww_report_sort(struct ww_report *r)
{
	if (r->n_findings > 1)
		qsort(r->findings, r->n_findings, sizeof(*r->findings), finding_cmp);
}

static char *vformat(struct ww_report *r, const char *fmt, va_list ap)
{
	char *s = NULL;
	if (r->rc)
		return NULL;
	if (vasprintf(&s, fmt, ap) < 0) {
		r->rc = WW_ERR_NOMEM;
		return NULL;
	}
	return s;
}

static void textlist_vadd(struct ww_report *r, struct ww_textlist *l, bool untrusted,
                          const char *fmt, va_list ap)
{
	char *s;
	if (!grow(r, (void **)&l->v, l->n, &l->cap, sizeof(*l->v)))
		return;
	s = vformat(r, fmt, ap);
	if (!s)
		return;
	l->v[l->n].s = s;
	l->v[l->n].untrusted = untrusted;
	l->n++;
}

void ww_finding_title(struct ww_report *r, struct ww_finding *f, bool untrusted,
                      const char *fmt, ...)
{
	va_list ap;
	char *s;
	if (!f)
		return;
	va_start(ap, fmt);
	s = vformat(r, fmt, ap);
	va_end(ap);
	if (!s)
		return;
	free(f->title);
	f->title = s;
	f->title_untrusted = untrusted;
}

void ww_finding_evidence(struct ww_report *r, struct ww_finding *f, bool untrusted,
                         const char *fmt, ...)
{
	va_list ap;
	if (!f)
		return;
	va_start(ap, fmt);
	textlist_vadd(r, &f->evidence, untrusted, fmt, ap);
	va_end(ap);
}

void ww_finding_step(struct ww_report *r, struct ww_finding *f, const char *fmt, ...)
{
	va_list ap;
	if (!f)
		return;
	va_start(ap, fmt);
	textlist_vadd(r, &f->steps, false, fmt, ap);
	va_end(ap);
}

static char *dup_n(struct ww_report *r, const char *s, size_t len)
{
	char *d;
	if (r->rc)
		return NULL;
	d = malloc(len + 1);
	if (!d) {
		r->rc = WW_ERR_NOMEM;
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

void ww_finding_image(struct ww_report *r, struct ww_finding *f, const char *image, size_t len)
{
	if (!f)
		return;
	free(f->image);
	f->image = dup_n(r, image, len);
}

void ww_finding_source(struct ww_report *r, struct ww_finding *f, const char *path,
                       unsigned long line)
{
	if (!f)
		return;
	free(f->source);
	f->source = dup_n(r, path, strlen(path));
	f->line = line;
}

static struct ww_field *field_add(struct ww_report *r, struct ww_fieldset *fs, const char *key,
                                  enum ww_field_type type)
{
	struct ww_field *f;
	if (!grow(r, (void **)&fs->v, fs->n, &fs->cap, sizeof(*fs->v)))
		return NULL;
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->key = key;
	f->type = type;
	return f;
}

void ww_fields_int(struct ww_report *r, struct ww_fieldset *fs, const char *key, long long v)
{
	struct ww_field *f = field_add(r, fs, key, WW_FIELD_INT);
	if (f) {
		f->v.i = v;
		fs->n++;
	}
}

bool ww_fields_get_int(const struct ww_fieldset *fs, const char *key, long long *v)
{
	size_t i = fs->n;
	while (i-- > 0)
		if (fs->v[i].type == WW_FIELD_INT && strcmp(fs->v[i].key, key) == 0) {
			*v = fs->v[i].v.i;
			return true;
		}
	return false;
}

void ww_fields_dbl(struct ww_report *r, struct ww_fieldset *fs, const char *key, double v)
{
	struct ww_field *f = field_add(r, fs, key, WW_FIELD_DBL);
	if (f) {
		f->v.d = v;
		fs->n++;
	}
}

void ww_fields_bool(struct ww_report *r, struct ww_fieldset *fs, const char *key, bool v)
{
	struct ww_field *f = field_add(r, fs, key, WW_FIELD_BOOL);
	if (f) {
		f->v.b = v;
		fs->n++;
	}
}

void ww_fields_str(struct ww_report *r, struct ww_fieldset *fs, const char *key,
                   bool untrusted, const char *s, size_t len)
{
	struct ww_field *f = field_add(r, fs, key, WW_FIELD_STR);
	if (!f)
		return;
	f->v.s = dup_n(r, s, len);
	if (!f->v.s)
		return;
	f->untrusted = untrusted;
	fs->n++;
}

void ww_fields_null(struct ww_report *r, struct ww_fieldset *fs, const char *key)
{
	if (field_add(r, fs, key, WW_FIELD_NULL))
		fs->n++;
}

void ww_fields_ports(struct ww_report *r, struct ww_fieldset *fs, const char *key,
                     const struct ww_portcount *v, size_t n)
{
	struct ww_field *f = field_add(r, fs, key, WW_FIELD_PORTS);
	if (!f)
		return;
	if (n) {
		f->v.ports.v = calloc(n, sizeof(*v));
		if (!f->v.ports.v) {
			r->rc = WW_ERR_NOMEM;
			return;
		}
		memcpy(f->v.ports.v, v, n * sizeof(*v));
	}
	f->v.ports.n = n;
	fs->n++;
}

void ww_portcount_fmt(const struct ww_portcount *p, char *buf, size_t len)
{
	char up[16];
	size_t i;
	for (i = 0; p->proto[i] && i + 1 < sizeof(up); i++)
		up[i] = p->proto[i] >= 'a' && p->proto[i] <= 'z' ? (char)(p->proto[i] - 32) : p->proto[i];
	up[i] = '\0';
	if (!strcmp(up, "ICMPV6"))
		memcpy(up, "ICMPv6", 7);
	if (p->port)
		snprintf(buf, len, "%s/%u (%u)", up, p->port, p->count);
	else
		snprintf(buf, len, "%s (%u)", up, p->count);
}

void ww_report_note(struct ww_report *r, bool untrusted, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	textlist_vadd(r, &r->notes, untrusted, fmt, ap);
	va_end(ap);
}

void ww_report_warning(struct ww_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	textlist_vadd(r, &r->warnings, true, fmt, ap);
	va_end(ap);
}

void ww_report_step(struct ww_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	textlist_vadd(r, &r->steps, false, fmt, ap);
	va_end(ap);
}

struct ww_section *ww_report_section(struct ww_report *r, const char *name, bool single)
{
	struct ww_section *s;
	size_t i;
	for (i = 0; i < r->n_sections; i++)
		if (strcmp(r->sections[i]->name, name) == 0)
			return r->sections[i];
	if (!grow(r, (void **)&r->sections, r->n_sections, &r->cap_sections, sizeof(*r->sections)))
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		r->rc = WW_ERR_NOMEM;
		return NULL;
	}
	s->name = dup_n(r, name, strlen(name));
	if (!s->name) {
		free(s);
		return NULL;
	}
	s->single = single;
	r->sections[r->n_sections++] = s;
	return s;
}

struct ww_row *ww_section_row(struct ww_report *r, struct ww_section *s)
{
	if (!s)
		return NULL;
	if (s->single && s->n)
		return &s->rows[0];
	if (!grow(r, (void **)&s->rows, s->n, &s->cap, sizeof(*s->rows)))
		return NULL;
	memset(&s->rows[s->n], 0, sizeof(s->rows[0]));
	return &s->rows[s->n++];
}

int ww_report_network_exit(const struct ww_report *r)
{
	switch (ww_report_worst_verdict(r)) {
	case WW_VERDICT_INFECTED: return WW_EXIT_INFECTED;
	case WW_VERDICT_SCANNER:
	case WW_VERDICT_SUSPICIOUS: return WW_EXIT_ATTACKED;
	default: return WW_EXIT_CLEAN;
	}
}

enum ww_verdict ww_report_worst_verdict(const struct ww_report *r)
{
	enum ww_verdict w = WW_VERDICT_NORMAL;
	size_t i;
	for (i = 0; i < r->n_findings; i++)
		if (r->findings[i]->kind == WW_FINDING_HOST && r->findings[i]->verdict > w)
			w = r->findings[i]->verdict;
	return w;
}
