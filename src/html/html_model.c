/* The report's model: its lifecycle, the host table (merged by address,
 * capped), the text lists, and the recovery steps recorded by hand. */
#include "core/common.h"
#include "html/html_int.h"

#include <stdio.h>

ww_rc hr_texts_add(struct hr_texts *l, const char *s, unsigned src)
{
	char *d;
	if (l->n >= HR_MAX_TEXTS)
		return WW_OK; /* the page says how many it holds; the JSON has the rest */
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		struct hr_text *v = ww_reallocarray(l->v, nc, sizeof(*v));
		if (!v)
			return WW_ERR_NOMEM;
		l->v = v;
		l->cap = nc;
	}
	d = strdup(s);
	if (!d)
		return WW_ERR_NOMEM;
	l->v[l->n].s = d;
	l->v[l->n].src = src;
	l->n++;
	return WW_OK;
}

void hr_texts_free(struct hr_texts *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const char *hr_verdict_word(enum ww_verdict v)
{
	return ww_verdict_name(v);
}

int hr_host_find(const struct ww_hr *hr, const struct ww_addr *a)
{
	size_t i;
	for (i = 0; i < hr->n_hosts; i++)
		if (ww_addr_eq(&hr->hosts[i].addr, a))
			return (int)i;
	return -1;
}

/* The host of that address, added as "normal" if new; -1 when the table is
 * full (counted, and said on the page). */
int hr_host_get(struct ww_hr *hr, const struct ww_addr *a)
{
	struct hr_host *h;
	int i = hr_host_find(hr, a);
	if (i >= 0)
		return i;
	if (hr->n_hosts >= HR_MAX_HOSTS) {
		hr->n_hosts_dropped++;
		return -1;
	}
	if (hr->n_hosts == hr->cap_hosts) {
		size_t nc = hr->cap_hosts ? hr->cap_hosts * 2 : 16;
		struct hr_host *v = ww_reallocarray(hr->hosts, nc, sizeof(*v));
		if (!v)
			return -2;
		hr->hosts = v;
		hr->cap_hosts = nc;
	}
	h = &hr->hosts[hr->n_hosts];
	memset(h, 0, sizeof(*h));
	h->addr = *a;
	ww_addr_fmt(a, h->name);
	h->first_contacts = -1;
	h->nat_entries = -1;
	h->vbefore_fc = h->vafter_fc = -1;
	return (int)hr->n_hosts++;
}

struct ww_hr *ww_hr_new(void)
{
	return calloc(1, sizeof(struct ww_hr));
}

void ww_hr_free(struct ww_hr *hr)
{
	size_t i;
	if (!hr)
		return;
	for (i = 0; i < hr->n_inputs; i++) {
		free(hr->inputs[i].path);
		json_object_put(hr->inputs[i].root);
	}
	for (i = 0; i < hr->n_hosts; i++) {
		struct hr_host *h = &hr->hosts[i];
		free(h->title);
		free(h->vanswer);
		free(h->timeline.v);
		hr_texts_free(&h->evidence);
		hr_texts_free(&h->vchanged);
	}
	free(hr->hosts);
	hr_texts_free(&hr->warnings);
	free(hr);
}

ww_rc ww_hr_mark_done(struct ww_hr *hr, const char *spec)
{
	static const struct {
		const char *name;
		unsigned bit;
	} steps[] = {{"clean", HR_DONE_CLEAN}, {"cleaned", HR_DONE_CLEAN}, {"rebuilt", HR_DONE_REBUILT},
	             {"rebuild", HR_DONE_REBUILT}, {"patched", HR_DONE_PATCHED},
	             {"patch", HR_DONE_PATCHED}, {"passwords", HR_DONE_PASSWORDS}};
	char addr[WW_ADDR_STRLEN];
	const char *colon = strrchr(spec, ':'), *p;
	struct ww_addr a;
	unsigned bits = 0;
	int idx;
	if (!colon || (size_t)(colon - spec) >= sizeof(addr) || colon == spec) {
		ww_error("--done '%s': want ADDR:STEP[,STEP...] (clean, rebuilt, patched, passwords)", spec);
		return WW_ERR_USAGE;
	}
	memcpy(addr, spec, (size_t)(colon - spec));
	addr[colon - spec] = '\0';
	if (ww_addr_parse(addr, &a) != WW_OK) {
		ww_error("--done '%s': '%s' is not an address", spec, addr);
		return WW_ERR_USAGE;
	}
	for (p = colon + 1; *p;) {
		size_t n = strcspn(p, ","), i;
		for (i = 0; i < WW_ARRAY_LEN(steps); i++)
			if (strlen(steps[i].name) == n && strncmp(p, steps[i].name, n) == 0)
				break;
		if (i == WW_ARRAY_LEN(steps)) {
			ww_error("--done '%s': unknown step '%.*s' (clean, rebuilt, patched, passwords)", spec,
			         (int)(n > 40 ? 40 : n), p);
			return WW_ERR_USAGE;
		}
		bits |= steps[i].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	if (!bits) {
		ww_error("--done '%s': no step named", spec);
		return WW_ERR_USAGE;
	}
	idx = hr_host_get(hr, &a);
	if (idx < 0)
		return idx == -2 ? WW_ERR_NOMEM : WW_ERR_LIMIT;
	hr->hosts[idx].done |= bits;
	return WW_OK;
}
