/* The HOSTS file (Windows %SystemRoot%\System32\drivers\etc\hosts, and
 * /etc/hosts): "address name [alias...] [# comment]". */
#include "core/common.h"
#include "core/i18n.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

/* "127.0.0.1       localhost" / "::1 ip6-localhost ip6-loopback # comment" */
static int entry(const char *line, size_t n, struct ww_addr *a, const char **names,
                 size_t *nn)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	const char *hash = memchr(line, '#', n);
	const char *w;
	size_t wl;
	char buf[WW_ADDR_STRLEN + 1];
	if (hash)
		t.end = hash;
	if (!ww_tcur_word(&t, &w, &wl))
		return 0; /* blank or comment */
	if (wl >= sizeof(buf))
		return -1;
	memcpy(buf, w, wl);
	buf[wl] = '\0';
	if (ww_addr_parse(buf, a))
		return -1;
	ww_tcur_skip_ws(&t);
	*names = t.p;
	*nn = ww_tcur_left(&t);
	ww_host_trim(names, nn);
	return *nn ? 1 : -1;
}

int ww_host_detect_hosts(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0, good = 0, bad = 0, comments = 0;
	const char *line, *names;
	size_t nn;
	struct ww_addr a;
	bool cut, mentions = false;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *s = line;
		size_t n = ln;
		int e;
		lines++;
		ww_host_trim(&s, &n);
		if (n && s[0] == '#') {
			comments++;
			if (ww_host_memmem_ci(s, n, "hosts") || ww_host_memmem_ci(s, n, "localhost"))
				mentions = true;
			continue;
		}
		e = entry(line, ln, &a, &names, &nn);
		if (e > 0)
			good++;
		else if (e < 0)
			bad++;
	}
	if (good && bad * 10 <= good)
		return 45;
	if (!good && !bad && comments && mentions)
		return 30;
	return 0;
}

ww_rc ww_host_parse_hosts(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_addr a;
		const char *names;
		size_t nn;
		int e;
		lineno++;
		e = entry(line, ln, &a, &names, &nn);
		if (e < 0) {
			c->rows_bad++;
			ww_report_warning(c->report, _("'%s' line %lu: not a HOSTS entry"),
			                  ww_host_source_name(c, src), lineno);
			continue;
		}
		if (e == 0)
			continue;
		/* one record per name */
		{
			struct ww_tcur t = ww_tcur_make(names, nn);
			const char *w;
			size_t wl;
			while (ww_tcur_word(&t, &w, &wl)) {
				struct ww_host_hostent *h = ww_host_add_hostent(c);
				if (!h)
					return c->report->rc;
				ww_addr_fmt(&a, h->addr);
				h->name = ww_host_strndup(w, wl);
				if (!h->name)
					return c->report->rc = WW_ERR_NOMEM;
				h->src = src;
				h->line = (uint32_t)lineno;
			}
		}
	}
	return WW_OK;
}
