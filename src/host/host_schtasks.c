/* Scheduled work: `schtasks /query /fo csv /v` (28 columns in every
 * language, the header repeated once per task folder) and the old `at`
 * list. Columns are taken by position, never by their translated names. */
#include "core/common.h"
#include "core/i18n.h"

#include <stdio.h>
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

#define SCHTASKS_COLS 28
#define COL_TASKNAME 1
#define COL_TASKTORUN 8

static bool is_at_name(const char *name)
{
	const char *b = strrchr(name, '\\');
	size_t i;
	b = b ? b + 1 : name;
	if (strncasecmp(b, "At", 2) != 0 || !b[2])
		return false;
	for (i = 2; b[i]; i++)
		if (b[i] < '0' || b[i] > '9')
			return false;
	return true;
}

int ww_host_detect_schtasks(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0;
	const char *line;
	bool cut;
	while (lines < 100 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		char scratch[WW_HOST_MAX_LINE + 1];
		char *f[SCHTASKS_COLS + 4];
		lines++;
		if (ln && line[0] == '"' &&
		    ww_host_csv(line, ln, scratch, sizeof(scratch), f, WW_ARRAY_LEN(f)) >= 20)
			return 60;
	}
	return 0;
}

/* "HOST","\At1","N/A","Ready","Interactive/Background","...","0","N/A",
 *  "C:\WINDOWS\system32\msblast.exe","N/A",... (28 columns) */
ww_rc ww_host_parse_schtasks(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	char header0[128] = "";
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		char scratch[WW_HOST_MAX_LINE + 1];
		char *f[SCHTASKS_COLS + 4];
		size_t k;
		struct ww_host_task *t;
		lineno++;
		if (!ln || line[0] != '"')
			continue;
		k = ww_host_csv(line, ln, scratch, sizeof(scratch), f, WW_ARRAY_LEN(f));
		if (k < 20) {
			c->rows_bad++;
			ww_report_warning(c->report, _("'%s' line %lu: cannot parse the task row"),
			                  ww_host_source_name(c, src), lineno);
			continue;
		}
		if (!header0[0]) { /* the first row is the header */
			ww_host_copy(header0, sizeof(header0), f[0], strlen(f[0]));
			continue;
		}
		if (strcmp(f[0], header0) == 0)
			continue; /* repeated per folder */
		t = ww_host_add_task(c);
		if (!t)
			return c->report->rc;
		t->name = ww_host_strndup(f[COL_TASKNAME], strlen(f[COL_TASKNAME]));
		t->command = ww_host_strndup(f[COL_TASKTORUN], strlen(f[COL_TASKTORUN]));
		if (!t->name || !t->command)
			return c->report->rc = WW_ERR_NOMEM;
		t->at_job = is_at_name(t->name);
		t->src = src;
		t->line = (uint32_t)lineno;
	}
	return WW_OK;
}

static bool has_word(const char *s, size_t n, const char *word)
{
	struct ww_tcur t = ww_tcur_make(s, n);
	const char *w;
	size_t wl;
	while (ww_tcur_word(&t, &w, &wl))
		if (ww_host_ieq(w, wl, word))
			return true;
	return false;
}

int ww_host_detect_at(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0;
	const char *line, *prev = NULL;
	size_t prevn = 0;
	bool cut;
	while (lines < 100 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (ww_host_dash_line(line, ln) && prev && has_word(prev, prevn, "ID"))
			return 60;
		if (ln) {
			prev = line;
			prevn = ln;
		}
	}
	return 0;
}

static bool time_word(const char *w, size_t n)
{
	const char *colon = memchr(w, ':', n);
	return colon && colon > w && colon - w <= 2 && w[0] >= '0' && w[0] <= '9';
}

/* "        1   Each M T W Th F         10:00 AM      C:\WINDOWS\system32\msblast.exe"
 * "Error   2   Today                   3:00 PM       cmd /c evil.bat" */
ww_rc ww_host_parse_at(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut, in_list = false;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_tcur t = ww_tcur_make(line, ln);
		const char *w, *id = NULL;
		size_t wl, idl = 0;
		int words = 0;
		struct ww_host_task *task;
		lineno++;
		if (ww_host_dash_line(line, ln)) {
			in_list = true;
			continue;
		}
		if (!in_list)
			continue;
		/* the ID is the first all-digit word among the first two */
		while (words < 2 && ww_tcur_word(&t, &w, &wl)) {
			size_t i;
			bool dig = true;
			words++;
			for (i = 0; i < wl; i++)
				dig = dig && w[i] >= '0' && w[i] <= '9';
			if (dig) {
				id = w;
				idl = wl;
				break;
			}
		}
		if (!id)
			continue; /* "There are no entries in the list." and the like */
		while (ww_tcur_word(&t, &w, &wl))
			if (time_word(w, wl))
				break;
		if (ww_tcur_eof(&t)) {
			c->rows_bad++;
			ww_report_warning(c->report, _("'%s' line %lu: cannot parse the at job"),
			                  ww_host_source_name(c, src), lineno);
			continue;
		}
		{
			struct ww_tcur save = t;
			if (ww_tcur_word(&t, &w, &wl) &&
			    !(ww_host_ieq(w, wl, "AM") || ww_host_ieq(w, wl, "PM") ||
			      ww_host_ieq(w, wl, "午前") || ww_host_ieq(w, wl, "午後")))
				t = save;
		}
		ww_tcur_skip_ws(&t);
		task = ww_host_add_task(c);
		if (!task)
			return c->report->rc;
		{
			char name[32];
			int nlen = snprintf(name, sizeof(name), "%.*s", (int)WW_MIN(idl, 10u), id);
			task->name = ww_host_strndup(name, nlen > 0 ? (size_t)nlen : 0);
		}
		task->command = ww_host_strndup(t.p, ww_tcur_left(&t));
		if (!task->name || !task->command)
			return c->report->rc = WW_ERR_NOMEM;
		task->at_job = true;
		task->src = src;
		task->line = (uint32_t)lineno;
	}
	return WW_OK;
}
