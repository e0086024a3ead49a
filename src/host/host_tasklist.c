/* tasklist output in its three shapes, any language. Locale-free signals:
 * the CSV's second column is the PID; a table's columns are the runs of '='
 * under its header; a list record has a "PID:" line (never translated).
 * A file may hold several of them (a responder's transcript). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

#include <ctype.h>

#define MAX_COLS 12

static bool to_pid(const char *s, size_t n, long *pid)
{
	struct ww_tcur t = ww_tcur_make(s, n);
	uint64_t v;
	if (!ww_host_all_digits(s, n) || ww_tcur_u64(&t, 0x7fffffff, &v))
		return false;
	*pid = (long)v;
	return true;
}

static bool is_na(const char *s, size_t n)
{
	return n == 0 || ww_host_ieq(s, n, "N/A");
}

/* Append ", more" to a process's service list (tasklist /svc wraps). */
static void add_services(struct ww_host_ctx *c, struct ww_host_process *p, const char *s,
                         size_t n)
{
	size_t old = p->services ? strlen(p->services) : 0, total;
	char *nv;
	ww_host_trim(&s, &n);
	if (is_na(s, n))
		return;
	if (old > 4096 || !ww_size_add(old, n + 3, &total))
		return;
	nv = realloc(p->services, total);
	if (!nv) {
		c->report->rc = WW_ERR_NOMEM;
		return;
	}
	if (old && nv[old - 1] != ',' && nv[old - 1] != ' ') {
		nv[old++] = ',';
	}
	if (old && nv[old - 1] == ',')
		nv[old++] = ' ';
	memcpy(nv + old, s, n);
	nv[old + n] = '\0';
	p->services = nv;
}

static struct ww_host_process *add_proc(struct ww_host_ctx *c, const char *img, size_t in,
                                        long pid, uint32_t src, unsigned long line)
{
	struct ww_host_process *p = ww_host_add_process(c);
	if (!p)
		return NULL;
	ww_host_trim(&img, &in);
	ww_host_copy(p->image, sizeof(p->image), img, in);
	p->pid = pid;
	p->src = src;
	p->line = (uint32_t)line;
	return p;
}

/* "svchost.exe","1088","AudioEndpointBuilder,CscService,hidserv"       (/svc)
 * "System","4","Services","0","10,928 K","Unknown","N/A","0:09:43","N/A" (/v) */
static int csv_row(struct ww_host_ctx *c, const char *line, size_t n, uint32_t src,
                   unsigned long lineno)
{
	char scratch[WW_HOST_MAX_LINE + 1];
	char *f[MAX_COLS];
	size_t k;
	long pid;
	struct ww_host_process *p;
	if (!n || line[0] != '"')
		return 0;
	k = ww_host_csv(line, n, scratch, sizeof(scratch), f, MAX_COLS);
	if (k < 2)
		return 0;
	if (!to_pid(f[1], strlen(f[1]), &pid))
		return k >= 3 && strcmp(f[1], "PID") == 0 ? 1 : 0; /* header */
	p = add_proc(c, f[0], strlen(f[0]), pid, src, lineno);
	if (p && k == 3)
		add_services(c, p, f[2], strlen(f[2]));
	return 2;
}

struct table {
	size_t start[MAX_COLS], end[MAX_COLS];
	size_t n;
};

/* "========================= ======== ================ =========== ============" */
static bool rule_line(const char *line, size_t n, struct table *t)
{
	size_t i = 0;
	t->n = 0;
	while (i < n) {
		while (i < n && line[i] == ' ')
			i++;
		if (i >= n)
			break;
		if (line[i] != '=' || t->n == MAX_COLS)
			return false;
		t->start[t->n] = i;
		while (i < n && line[i] == '=')
			i++;
		t->end[t->n++] = i;
	}
	return t->n >= 2;
}

static void column(const struct table *t, size_t i, const char *line, size_t n, const char **s,
                   size_t *len)
{
	size_t a = i ? t->end[i - 1] : 0, b = i + 1 < t->n ? t->end[i] : n;
	if (a > n)
		a = n;
	if (b > n || i + 1 == t->n)
		b = n;
	*s = line + a;
	*len = b - a;
	ww_host_trim(s, len);
}

int ww_host_detect_tasklist(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0;
	int score = 0;
	const char *line;
	bool cut;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct table t;
		lines++;
		if (ln && line[0] == '"') {
			char scratch[WW_HOST_MAX_LINE + 1];
			char *f[MAX_COLS];
			size_t k = ww_host_csv(line, ln, scratch, sizeof(scratch), f, MAX_COLS);
			long pid;
			if ((k == 3 || k == 5 || k == 9) && to_pid(f[1], strlen(f[1]), &pid))
				score += 10;
			else if (k >= 3 && k <= 9 && strcmp(f[1], "PID") == 0)
				score += 30;
		} else if (rule_line(line, ln, &t) && t.n >= 3) {
			score += 40;
		} else if (ww_host_istarts(line, ln, "PID:")) { /* /fo list */
			const char *v = line + 4;
			size_t vn = ln - 4;
			long pid;
			ww_host_trim(&v, &vn);
			if (to_pid(v, vn, &pid))
				score += 50;
		}
		if (score >= 60)
			break;
	}
	return WW_MIN(score, 70);
}

ww_rc ww_host_parse_tasklist(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line, *prev = NULL;
	size_t prevn = 0;
	struct table t = {{0}, {0}, 0}, probe;
	bool in_table = false, cut;
	struct ww_host_process *last = NULL;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *s = line;
		size_t n = ln;
		lineno++;
		if (c->report->rc)
			return c->report->rc;
		if (csv_row(c, line, ln, src, lineno)) {
			in_table = false;
			continue;
		}
		ww_host_trim(&s, &n);
		if (n == 0) {
			in_table = false;
			last = NULL;
			continue;
		}
		if (rule_line(line, ln, &probe)) {
			t = probe;
			in_table = true;
			last = NULL;
			continue;
		}
		if (in_table) {
			const char *img, *pid_s;
			size_t in, pn;
			long pid;
			column(&t, 0, line, ln, &img, &in);
			column(&t, 1, line, ln, &pid_s, &pn);
			if (in == 0 && pn == 0 && last && t.n == 3) {
				const char *sv;
				size_t sn;
				column(&t, 2, line, ln, &sv, &sn);
				add_services(c, last, sv, sn);
				continue;
			}
			if (!to_pid(pid_s, pn, &pid)) {
				c->rows_bad++;
				ww_report_warning(c->report, _("'%s' line %lu: cannot parse the process row"),
				                  ww_host_source_name(c, src), lineno);
				continue;
			}
			last = add_proc(c, img, in, pid, src, lineno);
			if (last && t.n == 3) {
				const char *sv;
				size_t sn;
				column(&t, 2, line, ln, &sv, &sn);
				add_services(c, last, sv, sn);
			}
			continue;
		}
		/* list: "PID:                 0" after "Image Name:   System Idle Process" */
		if (ww_host_istarts(s, n, "PID:") && prev) {
			long pid;
			const char *v = s + 4, *colon = memchr(prev, ':', prevn);
			size_t vn = n - 4;
			ww_host_trim(&v, &vn);
			if (colon && to_pid(v, vn, &pid))
				last = add_proc(c, colon + 1, prevn - (size_t)(colon + 1 - prev), pid,
				                src, lineno);
		}
		prev = s;
		prevn = n;
	}
	return WW_OK;
}
