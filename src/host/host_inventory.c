/* The host inventory: capped arrays and the small string helpers that the
 * dialect parsers share. */
#include "core/common.h"
#include "core/i18n.h"
#include "host/host_inventory.h"

#include <ctype.h>

void ww_host_ctx_init(struct ww_host_ctx *c, struct ww_report *r)
{
	memset(c, 0, sizeof(*c));
	c->report = r;
}

static void free_regvals(struct ww_host_inv *inv)
{
	size_t i;
	for (i = 0; i < inv->regvals.n; i++) {
		free(inv->regvals.v[i].key);
		free(inv->regvals.v[i].name);
		free(inv->regvals.v[i].data);
	}
	free(inv->regvals.v);
}

void ww_host_ctx_release(struct ww_host_ctx *c)
{
	struct ww_host_inv *inv = &c->inv;
	size_t i;
	free(inv->sockets.v);
	for (i = 0; i < inv->procs.n; i++) {
		free(inv->procs.v[i].services);
		free(inv->procs.v[i].path);
		free(inv->procs.v[i].cmdline);
	}
	free(inv->procs.v);
	free_regvals(inv);
	for (i = 0; i < inv->hosts.n; i++)
		free(inv->hosts.v[i].name);
	free(inv->hosts.v);
	for (i = 0; i < inv->tasks.n; i++) {
		free(inv->tasks.v[i].name);
		free(inv->tasks.v[i].command);
	}
	free(inv->tasks.v);
	for (i = 0; i < inv->shares.n; i++) {
		free(inv->shares.v[i].name);
		free(inv->shares.v[i].path);
	}
	free(inv->shares.v);
	for (i = 0; i < inv->members.n; i++) {
		free(inv->members.v[i].group);
		free(inv->members.v[i].name);
	}
	free(inv->members.v);
	for (i = 0; i < inv->files.n; i++) {
		free(inv->files.v[i].dir);
		free(inv->files.v[i].name);
	}
	free(inv->files.v);
	for (i = 0; i < inv->network.n; i++)
		free(inv->network.v[i].evidence);
	free(inv->network.v);
	for (i = 0; i < c->ind.n; i++) {
		free(c->ind.v[i].kind);
		free(c->ind.v[i].value);
		free(c->ind.v[i].note);
		free(c->ind.v[i].source);
	}
	free(c->ind.v);
	for (i = 0; i < c->n_sources; i++)
		free(c->sources[i]);
	free(c->sources);
	memset(c, 0, sizeof(*c));
}

uint32_t ww_host_source(struct ww_host_ctx *c, const char *name)
{
	if (c->n_sources == c->cap_sources) {
		size_t nc = c->cap_sources ? c->cap_sources * 2 : 16;
		char **nv = ww_reallocarray(c->sources, nc, sizeof(*nv));
		if (!nv)
			return 0;
		c->sources = nv;
		c->cap_sources = nc;
	}
	c->sources[c->n_sources] = ww_host_strndup(name, strlen(name));
	if (!c->sources[c->n_sources])
		return 0;
	return (uint32_t)c->n_sources++;
}

const char *ww_host_source_name(const struct ww_host_ctx *c, uint32_t src)
{
	return src < c->n_sources ? c->sources[src] : "";
}

static void *cap_reached(struct ww_host_ctx *c, size_t max, const char *what)
{
	if (!c->capped)
		ww_report_warning(c->report, _("more than %zu %s: the rest were not read"), max, what);
	c->capped = true;
	return NULL;
}

/* One appender per array: a zeroed slot at the end, at most `max` of them.
 * (Typed code for each, so no array is accessed through a void pointer.) */
#define WW_HOST_APPENDER(fn, T, field, max, what)                                       \
	T *fn(struct ww_host_ctx *c)                                                    \
	{                                                                               \
		struct ww_host_inv *inv = &c->inv;                                      \
		T *slot;                                                                \
		if (inv->field.n >= (max))                                              \
			return cap_reached(c, (max), what);                             \
		if (inv->field.n == inv->field.cap) {                                   \
			size_t nc = inv->field.cap ? inv->field.cap * 2 : 64;           \
			T *nv = ww_reallocarray(inv->field.v, nc, sizeof(T));           \
			if (!nv) {                                                      \
				c->report->rc = WW_ERR_NOMEM;                           \
				return NULL;                                            \
			}                                                               \
			inv->field.v = nv;                                              \
			inv->field.cap = nc;                                            \
		}                                                                       \
		slot = &inv->field.v[inv->field.n++];                                   \
		memset(slot, 0, sizeof(*slot));                                         \
		return slot;                                                            \
	}

static WW_HOST_APPENDER(add_socket, struct ww_host_socket, sockets, WW_HOST_MAX_SOCKETS, "sockets")
static WW_HOST_APPENDER(add_process, struct ww_host_process, procs, WW_HOST_MAX_ITEMS, "processes")
WW_HOST_APPENDER(ww_host_add_regval, struct ww_host_regval, regvals, WW_HOST_MAX_ITEMS,
                 "registry values")
WW_HOST_APPENDER(ww_host_add_hostent, struct ww_host_hostent, hosts, WW_HOST_MAX_ITEMS,
                 "HOSTS entries")
WW_HOST_APPENDER(ww_host_add_task, struct ww_host_task, tasks, WW_HOST_MAX_ITEMS, "tasks")
WW_HOST_APPENDER(ww_host_add_share, struct ww_host_share, shares, WW_HOST_MAX_ITEMS, "shares")
WW_HOST_APPENDER(ww_host_add_member, struct ww_host_member, members, WW_HOST_MAX_ITEMS,
                 "group members")
WW_HOST_APPENDER(ww_host_add_file, struct ww_host_file, files, WW_HOST_MAX_ITEMS, "listed files")
WW_HOST_APPENDER(ww_host_add_netverdict, struct ww_host_netverdict, network, WW_HOST_MAX_ITEMS,
                 "network hosts")

struct ww_host_socket *ww_host_keep_socket(struct ww_host_ctx *c, bool ok,
                                           const struct ww_host_socket *row, uint32_t src,
                                           unsigned long lineno)
{
	struct ww_host_socket *s;
	if (!ok) {
		c->rows_bad++;
		ww_report_warning(c->report, _("'%s' line %lu: cannot parse the socket row"),
		                  ww_host_source_name(c, src), lineno);
		return NULL;
	}
	s = ww_host_add_socket(c);
	if (!s)
		return NULL;
	*s = *row;
	s->src = src;
	s->line = (uint32_t)lineno;
	return s;
}

struct ww_host_socket *ww_host_add_socket(struct ww_host_ctx *c)
{
	struct ww_host_socket *s = add_socket(c);
	if (s)
		s->pid = -1;
	return s;
}

struct ww_host_process *ww_host_add_process(struct ww_host_ctx *c)
{
	struct ww_host_process *p = add_process(c);
	if (p)
		p->pid = -1;
	return p;
}

char *ww_host_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void ww_host_copy(char *dst, size_t dstlen, const char *s, size_t n)
{
	if (!dstlen)
		return;
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

void ww_host_trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

bool ww_host_all_digits(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool ww_host_dash_line(const char *s, size_t n)
{
	size_t i;
	ww_host_trim(&s, &n);
	if (n < 30)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] != '-')
			return false;
	return true;
}

bool ww_host_ieq(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	return an == bn && strncasecmp(a, b, an) == 0;
}

bool ww_host_istarts(const char *s, size_t n, const char *prefix)
{
	size_t pn = strlen(prefix);
	return n >= pn && strncasecmp(s, prefix, pn) == 0;
}

const char *ww_host_memmem_ci(const char *h, size_t hn, const char *needle)
{
	size_t nn = strlen(needle), i;
	if (nn == 0 || hn < nn)
		return NULL;
	for (i = 0; i + nn <= hn; i++)
		if (strncasecmp(h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* The executable part of a command: quoted, or up to the first ".exe"/".dll"
 * etc. followed by a space, or the first word. */
static void command_path(const char *cmd, const char **p, size_t *n)
{
	const char *s = cmd, *e;
	static const char *const exts[] = {".exe", ".dll", ".com", ".scr", ".pif", ".bat", ".cmd", ".vbs", ".sys", ".cpl", ".ocx"};
	size_t i, best = (size_t)-1;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '"') {
		s++;
		e = strchr(s, '"');
		*p = s;
		*n = e ? (size_t)(e - s) : strlen(s);
		return;
	}
	for (i = 0; i < WW_ARRAY_LEN(exts); i++) {
		const char *hit = ww_host_memmem_ci(s, strlen(s), exts[i]);
		if (hit && (size_t)(hit - s) + strlen(exts[i]) < best)
			best = (size_t)(hit - s) + strlen(exts[i]);
	}
	*p = s;
	if (best != (size_t)-1) {
		*n = best;
		return;
	}
	e = s;
	while (*e && *e != ' ' && *e != '\t' && *e != ',')
		e++;
	*n = (size_t)(e - s);
}

static void lower_copy(char *out, size_t outlen, const char *s, size_t n)
{
	size_t i;
	if (!outlen)
		return;
	if (n >= outlen)
		n = outlen - 1;
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
}

void ww_host_basename(const char *cmd, char *out, size_t outlen)
{
	const char *p, *b;
	size_t n, i;
	command_path(cmd, &p, &n);
	b = p;
	for (i = 0; i < n; i++)
		if (p[i] == '\\' || p[i] == '/')
			b = p + i + 1;
	lower_copy(out, outlen, b, n - (size_t)(b - p));
}

void ww_host_dirname(const char *cmd, char *out, size_t outlen)
{
	const char *p;
	size_t n, i, last = 0;
	bool any = false;
	command_path(cmd, &p, &n);
	for (i = 0; i < n; i++)
		if (p[i] == '\\' || p[i] == '/') {
			last = i;
			any = true;
		}
	lower_copy(out, outlen, p, any ? last : 0);
}

static bool is_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool ww_host_random_name(const char *base)
{
	char stem[64];
	size_t n = 0, i, vowels = 0, run = 0, maxrun = 0;
	const char *dot = strrchr(base, '.');
	size_t len = dot ? (size_t)(dot - base) : strlen(base);
	if (len < 6 || len >= sizeof(stem))
		return false;
	for (i = 0; i < len; i++) {
		int ch = tolower((unsigned char)base[i]);
		if (ch < 'a' || ch > 'z')
			return false;
		stem[n++] = (char)ch;
	}
	stem[n] = '\0';
	for (i = 0; i < n; i++) {
		if (is_vowel(stem[i])) {
			vowels++;
			run = 0;
		} else if (++run > maxrun) {
			maxrun = run;
		}
	}
	/* few vowels, or a run of consonants no word has */
	return vowels * 5 < n || maxrun >= 6;
}

size_t ww_host_csv(const char *line, size_t n, char *scratch, size_t scratchlen,
                   char **fields, size_t max)
{
	size_t i = 0, o = 0, nf = 0;
	if (!scratchlen || !max)
		return 0;
	while (nf < max) {
		bool quoted = false;
		fields[nf++] = scratch + o;
		if (i < n && line[i] == '"') {
			quoted = true;
			i++;
		}
		while (i < n) {
			char ch = line[i];
			if (quoted && ch == '"') {
				if (i + 1 < n && line[i + 1] == '"') {
					i += 2;
					if (o + 1 < scratchlen)
						scratch[o++] = '"';
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			if (!quoted && ch == ',')
				break;
			if (o + 1 < scratchlen)
				scratch[o++] = ch;
			i++;
		}
		if (o + 1 >= scratchlen)
			break;
		scratch[o++] = '\0';
		if (i >= n)
			break;
		i++; /* the comma */
	}
	if (o < scratchlen)
		scratch[o] = '\0';
	else
		scratch[scratchlen - 1] = '\0';
	return nf;
}
