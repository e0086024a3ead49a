/* Dated directory listings from cmd.exe's `dir` (with or without /q /s),
 * any language. A row is "date time [AM|PM] size|<DIR> [owner] name"; the
 * directory comes from the header line holding a drive path
 * (" Directory of C:\WINDOWS\system32", " C:\WINDOWS\system32 のディレクトリ").
 * Also the bare `dir /b /s` form: one absolute path a line. */
#include "core/common.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

static bool date_word(const char *w, size_t n)
{
	size_t i, digits = 0, seps = 0;
	for (i = 0; i < n; i++) {
		if (w[i] >= '0' && w[i] <= '9')
			digits++;
		else if (w[i] == '/' || w[i] == '.' || w[i] == '-')
			seps++;
		else
			return false;
	}
	return digits >= 4 && seps == 2;
}

static bool time_word(const char *w, size_t n)
{
	const char *colon = memchr(w, ':', n);
	return colon && colon > w && n <= 8 && w[0] >= '0' && w[0] <= '9';
}

static bool size_word(const char *w, size_t n, bool *is_dir)
{
	size_t i;
	*is_dir = false;
	if (n >= 3 && w[0] == '<' && w[n - 1] == '>') {
		*is_dir = true;
		return true;
	}
	for (i = 0; i < n; i++)
		if (!(w[i] >= '0' && w[i] <= '9') && w[i] != ',' && w[i] != '.' && w[i] != '\'')
			return false;
	return n > 0;
}

/* "2004/04/27  10:15    <DIR>          ."
 * "08/04/2004  05:00 AM           14,336 sysconf.exe"
 * "2009/01/14  09:12            90,112 BUILTIN\Administrators jwgkvsq.dll" (/q) */
static bool row(const char *line, size_t n, const char **name, size_t *nn, bool *is_dir)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	const char *w;
	size_t wl;
	if (!ww_tcur_word(&t, &w, &wl) || !date_word(w, wl))
		return false;
	if (!ww_tcur_word(&t, &w, &wl) || !time_word(w, wl))
		return false;
	if (!ww_tcur_word(&t, &w, &wl))
		return false;
	if (ww_host_ieq(w, wl, "AM") || ww_host_ieq(w, wl, "PM") || ww_host_ieq(w, wl, "午前") ||
	    ww_host_ieq(w, wl, "午後"))
		if (!ww_tcur_word(&t, &w, &wl))
			return false;
	if (!size_word(w, wl, is_dir))
		return false;
	ww_tcur_skip_ws(&t);
	*name = t.p;
	*nn = ww_tcur_left(&t);
	ww_host_trim(name, nn);
	/* /q: an owner ("BUILTIN\Administrators", "...") padded to 23 columns */
	if (*nn) {
		const char *gap = NULL;
		size_t i;
		for (i = 0; i + 1 < *nn; i++)
			if ((*name)[i] == ' ' && (*name)[i + 1] == ' ') {
				gap = *name + i;
				break;
			}
		if (gap && (memchr(*name, '\\', (size_t)(gap - *name)) ||
		            ww_host_istarts(*name, *nn, "...")))
		{
			*nn -= (size_t)(gap - *name);
			*name = gap;
			ww_host_trim(name, nn);
		}
	}
	return *nn > 0;
}

/* A header naming a directory: the word that starts with "X:\". */
static bool dir_header(const char *line, size_t n, const char **dir, size_t *dn)
{
	size_t i;
	for (i = 0; i + 2 < n; i++) {
		if (((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= 'a' && line[i] <= 'z')) &&
		    line[i + 1] == ':' && line[i + 2] == '\\' && (i == 0 || line[i - 1] == ' ')) {
			size_t e = n;
			const char *jp = ww_host_memmem_ci(line + i, n - i, " \xe3\x81\xae"); /* " の" */
			if (jp)
				e = (size_t)(jp - line);
			*dir = line + i;
			*dn = e - i;
			ww_host_trim(dir, dn);
			return true;
		}
	}
	return false;
}

int ww_host_detect_dirlist(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0, rows = 0;
	const char *line, *name;
	size_t nn;
	bool cut, d;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (row(line, ln, &name, &nn, &d))
			rows++;
	}
	return rows >= 1 ? 35 + (int)WW_MIN(rows, 20u) : 0;
}

ww_rc ww_host_parse_dirlist(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line, *name, *dir = "";
	size_t nn, dn = 0;
	bool cut, is_dir;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_host_file *f;
		lineno++;
		if (row(line, ln, &name, &nn, &is_dir)) {
			if ((nn == 1 && name[0] == '.') || (nn == 2 && name[0] == '.' && name[1] == '.'))
				continue;
			f = ww_host_add_file(c);
			if (!f)
				return c->report->rc;
			f->dir = ww_host_strndup(dir, dn);
			f->name = ww_host_strndup(name, nn);
			f->is_dir = is_dir;
			f->src = src;
			f->line = (uint32_t)lineno;
			if (!f->dir || !f->name)
				return c->report->rc = WW_ERR_NOMEM;
			continue;
		}
		dir_header(line, ln, &dir, &dn);
	}
	return WW_OK;
}
