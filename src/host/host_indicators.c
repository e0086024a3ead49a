/* Indicator lists: data/indicators/NAME.tsv (found through WW_DATADIR) and a
 * user's own directory (--indicators DIR).
 *
 * "worm_file<TAB>sysconf.exe<TAB>seeds/000 (S1)<TAB>Gaobot autostart"
 * Columns: kind, value (compared lower-case), source, note. '#' starts a
 * comment line. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/textcur.h"
#include "host/host_indicators.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>

#define MAX_INDICATOR_FILE (8u * 1024u * 1024u)

static char *field(const char **p, const char *end)
{
	const char *s = *p, *tab = memchr(s, '\t', (size_t)(end - s));
	const char *e = tab ? tab : end;
	*p = tab ? tab + 1 : end;
	return ww_host_strndup(s, (size_t)(e - s));
}

/* "kind<TAB>value<TAB>source<TAB>note" */
static ww_rc load_file(struct ww_host_ctx *c, const char *path)
{
	struct ww_buf b;
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	ww_rc rc;
	ww_buf_init(&b, MAX_INDICATOR_FILE);
	rc = ww_buf_read_file(&b, path);
	if (rc) {
		ww_error("cannot read indicators '%s': %s", path,
		         rc == WW_ERR_IO ? strerror(errno) : ww_rc_str(rc));
		ww_buf_release(&b);
		return rc;
	}
	while (ww_next_line(b.s ? b.s : "", b.len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *p = line, *end = line + ln;
		struct ww_indicator *ind;
		char *v;
		lineno++;
		if (!ln || line[0] == '#')
			continue;
		if (!memchr(line, '\t', ln)) {
			ww_warn("'%s' line %lu: not kind<TAB>value<TAB>source", path, lineno);
			continue;
		}
		if (c->ind.n == c->ind.cap) {
			size_t nc = c->ind.cap ? c->ind.cap * 2 : 128;
			struct ww_indicator *nv;
			if (nc > WW_HOST_MAX_ITEMS) {
				ww_warn("'%s': too many indicators, the rest were not read", path);
				break;
			}
			nv = ww_reallocarray(c->ind.v, nc, sizeof(*nv));
			if (!nv) {
				rc = WW_ERR_NOMEM;
				break;
			}
			c->ind.v = nv;
			c->ind.cap = nc;
		}
		ind = &c->ind.v[c->ind.n];
		ind->kind = field(&p, end);
		ind->value = field(&p, end);
		ind->source = field(&p, end);
		ind->note = field(&p, end);
		if (!ind->kind || !ind->value || !ind->source || !ind->note) {
			free(ind->kind);
			free(ind->value);
			free(ind->source);
			free(ind->note);
			rc = WW_ERR_NOMEM;
			break;
		}
		for (v = ind->value; *v; v++)
			*v = (char)tolower((unsigned char)*v);
		c->ind.n++;
	}
	ww_buf_release(&b);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ww_rc ww_host_indicators_load(struct ww_host_ctx *c, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[256];
	size_t n = 0, i;
	ww_rc rc = WW_OK;
	if (!d) {
		ww_error("cannot open the indicator directory '%s': %s", dir, strerror(errno));
		return WW_ERR_IO;
	}
	while ((e = readdir(d)) != NULL && n < WW_ARRAY_LEN(names)) {
		size_t l = strlen(e->d_name);
		char full[4096];
		int k;
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".tsv") != 0)
			continue;
		k = snprintf(full, sizeof(full), "%s/%s", dir, e->d_name);
		if (k < 0 || (size_t)k >= sizeof(full))
			continue;
		names[n] = ww_host_strndup(full, (size_t)k);
		if (!names[n]) {
			rc = WW_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = load_file(c, names[i]);
		free(names[i]);
	}
	return rc;
}

const struct ww_indicator *ww_host_indicator(const struct ww_host_ctx *c, const char *kind,
                                             const char *value)
{
	size_t i;
	for (i = 0; i < c->ind.n; i++)
		if (strcmp(c->ind.v[i].kind, kind) == 0 && strcasecmp(c->ind.v[i].value, value) == 0)
			return &c->ind.v[i];
	return NULL;
}

const struct ww_indicator *ww_host_indicator_domain(const struct ww_host_ctx *c,
                                                    const char *kind, const char *name)
{
	size_t i, nl = strlen(name);
	while (nl && name[nl - 1] == '.')
		nl--;
	for (i = 0; i < c->ind.n; i++) {
		const char *v = c->ind.v[i].value;
		size_t vl = strlen(v);
		if (strcmp(c->ind.v[i].kind, kind) != 0)
			continue;
		if (v[0] == '=') { /* "=microsoft.com": that name only, not its subdomains */
			if (vl - 1 == nl && strncasecmp(name, v + 1, nl) == 0)
				return &c->ind.v[i];
			continue;
		}
		if (vl > nl)
			continue;
		if (strncasecmp(name + nl - vl, v, vl) == 0 && (vl == nl || name[nl - vl - 1] == '.'))
			return &c->ind.v[i];
	}
	return NULL;
}

/* The notes of the shipped lists (the .tsv files of data/indicators) that a report
 * prints, here so that the catalogue (po/) has them; a note from a list of
 * the user's own comes out as written. */
static const char *const shipped_notes[] = {
	N_("security vendor"),
	N_("security vendor update"),
	N_("scanning service"),
	N_("Microsoft"),
	N_("Microsoft support"),
	N_("Microsoft security"),
	N_("update site"),
	N_("Gaobot/Agobot autostart"),
	N_("sweeping 80/135/139/445"),
	N_("double extension"),
	N_("suspicious process"),
	N_("used by past malware"),
	N_("Automatic Updates"),
	N_("Background Intelligent Transfer"),
	N_("Windows Defender"),
	N_("Security Center"),
	N_("Error Reporting"),
	N_("Windows Error Reporting"),
	N_("Windows Firewall"),
	N_("remote administration"),
	N_("remote IPC"),
	N_("printer drivers"),
	N_("added with simple file sharing"),
	N_("domain controller"),
};

const char *ww_host_note(const char *note)
{
	(void)shipped_notes;
	return note && *note ? _(note) : "";
}
