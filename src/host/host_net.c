/* The `net` commands: `net share`, `net localgroup administrators`,
 * `net user`, `net localgroup`. All print a block, a line of 79 dashes, the
 * data, and a translated "The command completed successfully." line. The
 * shape tells them apart, not the words:
 *   one header line (no "\\") above the dashes -> net share (name, path, remark)
 *   "\\HOST" in the first line               -> a list of users or groups
 *   otherwise                                -> members of the group named by
 *                                               the first line's value */
#include "core/common.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

int ww_host_detect_net(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0;
	const char *line;
	bool cut;
	while (lines < 40 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (ww_host_dash_line(line, ln))
			return 40;
	}
	return 0;
}

/* The closing message: the last non-blank line, ending in '.' or '。'. */
static bool closing(const char *s, size_t n)
{
	ww_host_trim(&s, &n);
	return n && (s[n - 1] == '.' || (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x82", 3) == 0));
}

static char *dupt(const char *s, size_t n)
{
	ww_host_trim(&s, &n);
	return ww_host_strndup(s, n);
}

/* "C$              C:\                             Default share"
 * "IPC$                                            Remote IPC" */
static ww_rc share_row(struct ww_host_ctx *c, const char *line, size_t n, uint32_t src,
                       unsigned long lineno)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	const char *w, *p;
	size_t wl, pl;
	struct ww_host_share *s;
	if (!ww_tcur_word(&t, &w, &wl))
		return WW_OK;
	s = ww_host_add_share(c);
	if (!s)
		return c->report->rc;
	s->name = ww_host_strndup(w, wl);
	ww_tcur_skip_ws(&t);
	p = t.p;
	pl = 0;
	if (ww_tcur_left(&t) >= 2 && ((p[1] == ':') || (p[0] == '\\' && p[1] == '\\'))) {
		/* a path ends at two spaces (paths may hold one) */
		while (pl < ww_tcur_left(&t) && !(p[pl] == ' ' && pl + 1 < ww_tcur_left(&t) &&
		                                  p[pl + 1] == ' '))
			pl++;
	}
	s->path = dupt(p, pl);
	s->src = src;
	s->line = (uint32_t)lineno;
	if (!s->name || !s->path)
		return c->report->rc = WW_ERR_NOMEM;
	return WW_OK;
}

ww_rc ww_host_parse_net(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln, last_nonblank = 0;
	unsigned long lineno = 0, dash_lineno = 0;
	const char *line, *first = NULL;
	size_t firstn = 0, nonblank = 0;
	bool cut, list = false, share = false;
	char *group = NULL;
	/* the last non-blank line number, to drop the closing message */
	{
		size_t p2 = 0;
		unsigned long k = 0;
		while (ww_next_line(text, len, &p2, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
			const char *s = line;
			size_t n = ln;
			k++;
			ww_host_trim(&s, &n);
			if (n)
				last_nonblank = k;
		}
	}
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *s = line;
		size_t n = ln;
		lineno++;
		if (c->report->rc)
			break;
		ww_host_trim(&s, &n);
		if (!dash_lineno) {
			if (ww_host_dash_line(line, ln)) {
				dash_lineno = lineno;
				share = nonblank == 1 && first && !memmem(first, firstn, "\\\\", 2);
				list = first && memmem(first, firstn, "\\\\", 2) != NULL;
				if (!share && !list && first) {
					/* "Alias name     Administrators": the value after the key */
					const char *v = first;
					size_t vn = firstn, i = 0;
					while (i + 1 < vn && !(v[i] == ' ' && v[i + 1] == ' '))
						i++;
					v += i;
					vn -= i;
					group = dupt(v, vn);
				}
				continue;
			}
			if (n)
				nonblank++;
			if (n && !first) {
				first = s;
				firstn = n;
			}
			continue;
		}
		if (!n)
			continue;
		if (lineno == last_nonblank && closing(s, n))
			break;
		if (ww_host_dash_line(line, ln))
			continue;
		if (share) {
			if (share_row(c, line, ln, src, lineno))
				break;
		} else if (!list) {
			struct ww_host_member *m = ww_host_add_member(c);
			if (!m)
				break;
			m->group = ww_host_strndup(group ? group : "", group ? strlen(group) : 0);
			m->name = ww_host_strndup(s, n);
			m->src = src;
			m->line = (uint32_t)lineno;
			if (!m->group || !m->name)
				c->report->rc = WW_ERR_NOMEM;
		}
		/* user and group lists are inventory only */
	}
	free(group);
	return c->report->rc;
}
