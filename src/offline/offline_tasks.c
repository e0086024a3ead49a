/* Scheduled tasks on the disk: Task Scheduler 1.0 jobs (Windows\Tasks\
 * *.job, the binary format of MS-TSCH 2.4: a 0x44-byte fixed part whose
 * word at 0x14 points at the application name, then counted UTF-16LE
 * strings: application, parameters, working folder, author, comment) and
 * Task Scheduler 2.0 tasks (System32\Tasks\**, XML in UTF-16LE: every
 * <Exec> action's <Command> and <Arguments>). Both become the tasks `host`
 * reads from `schtasks` and `at`; a job or task named At<n> is an `at` job. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/cursor.h"
#include "host/host_encoding.h"
#include "offline/offline_int.h"

#include <errno.h>
#include <stdio.h>

#define MAX_TASK_FILE (4u * 1024u * 1024u)

static bool at_name(const char *name)
{
	size_t i = 2;
	if (strncasecmp(name, "At", 2) != 0 || !(name[2] >= '0' && name[2] <= '9'))
		return false;
	while (name[i] >= '0' && name[i] <= '9')
		i++;
	return name[i] == '\0' || strcasecmp(name + i, ".job") == 0;
}

static void add_task(struct ww_offline *o, const char *label, const char *name,
                     const char *cmd, const char *args)
{
	struct ww_host_task *t = ww_host_add_task(o->host);
	struct ww_buf b;
	const char *base = strrchr(name, '\\');
	if (!t)
		return;
	ww_buf_init(&b, 64 * 1024);
	(void)ww_buf_adds(&b, cmd);
	if (args && args[0]) {
		(void)ww_buf_adds(&b, " ");
		(void)ww_buf_adds(&b, args);
	}
	t->name = ww_host_strndup(name, strlen(name));
	t->command = ww_buf_detach(&b);
	t->at_job = at_name(base ? base + 1 : name);
	t->src = ww_host_source(o->host, label);
	if (!t->name || !t->command)
		o->report->rc = WW_ERR_NOMEM;
}

static bool read_small(struct ww_offline *o, const char *path, const char *label,
                       struct ww_buf *b)
{
	ww_rc rc = ww_buf_read_file(b, path);
	if (rc == WW_OK)
		return true;
	ww_report_warning(o->report, _("cannot read '%s': %s"), label,
	                  rc == WW_ERR_LIMIT ? "larger than 4 MiB" : strerror(errno));
	return false;
}

/* One counted string: a 16-bit count of UTF-16 units (the NUL included),
 * then the units. */
static char *counted(struct ww_cur *c, bool *ok)
{
	uint16_t n;
	const uint8_t *p;
	bool bad = false;
	if (ww_cur_le16(c, &n) || !(p = ww_cur_take(c, (size_t)n * 2))) {
		*ok = false;
		return NULL;
	}
	return ww_off_utf16(p, (size_t)n * 2, false, &bad);
}

void ww_off_read_job(struct ww_offline *o, const char *path, const char *label,
                     const char *name)
{
	struct ww_buf b;
	struct ww_cur c;
	uint16_t off;
	char *app = NULL, *params = NULL;
	bool ok = true;
	ww_buf_init(&b, MAX_TASK_FILE);
	if (!read_small(o, path, label, &b))
		goto out;
	c = ww_cur_make((const uint8_t *)(b.s ? b.s : ""), b.len);
	if (ww_cur_skip(&c, 0x14) || ww_cur_le16(&c, &off) || off < 0x44 || off >= b.len) {
		ww_report_warning(o->report, _("'%s': not a Task Scheduler job (the application name "
		                    "offset is missing or out of the file)"), label);
		goto out;
	}
	c = ww_cur_make((const uint8_t *)b.s, b.len);
	(void)ww_cur_skip(&c, off);
	app = counted(&c, &ok);
	if (ok)
		params = counted(&c, &ok);
	if (!app) {
		ww_report_warning(o->report, _("'%s' byte %u: the application name runs past the end "
		                    "of the file"), label, off);
		goto out;
	}
	if (!ok)
		ww_report_warning(o->report, _("'%s': the parameters run past the end of the file"),
		                  label);
	add_task(o, label, name, app, params);
out:
	free(app);
	free(params);
	ww_buf_release(&b);
}

/* The text between <tag> and </tag> from *p on, entities decoded; NULL
 * when there is none. */
static char *element(const char **p, const char *end, const char *tag)
{
	char open[64], close[64];
	const char *s, *e;
	struct ww_buf b;
	size_t i;
	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	s = memmem(*p, (size_t)(end - *p), open, strlen(open));
	if (!s)
		return NULL;
	s += strlen(open);
	e = memmem(s, (size_t)(end - s), close, strlen(close));
	if (!e)
		return NULL;
	*p = e + strlen(close);
	ww_buf_init(&b, 64 * 1024);
	for (i = 0; s + i < e; i++) {
		static const struct { const char *ent; char ch; } ents[] = {
			{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
		size_t k;
		bool done = false;
		if (s[i] == '&')
			for (k = 0; k < WW_ARRAY_LEN(ents) && !done; k++) {
				size_t l = strlen(ents[k].ent);
				if ((size_t)(e - (s + i)) >= l && memcmp(s + i, ents[k].ent, l) == 0) {
					(void)ww_buf_addc(&b, ents[k].ch);
					i += l - 1;
					done = true;
				}
			}
		if (!done)
			(void)ww_buf_addc(&b, s[i]);
	}
	return ww_buf_detach(&b);
}

void ww_off_read_xml_task(struct ww_offline *o, const char *path, const char *label,
                          const char *name)
{
	struct ww_buf raw, text;
	const char *enc, *p, *end;
	char tname[1024];
	size_t i, actions = 0;
	ww_buf_init(&raw, MAX_TASK_FILE);
	ww_buf_init(&text, 2 * (size_t)MAX_TASK_FILE);
	if (!read_small(o, path, label, &raw))
		goto out;
	if (ww_host_to_utf8(raw.s ? raw.s : "", raw.len, &text, &enc) != WW_OK) {
		ww_report_warning(o->report, _("'%s': cannot convert the task to UTF-8"), label);
		goto out;
	}
	/* "\Microsoft\Windows\Defrag\ScheduledDefrag" as schtasks names it */
	for (i = 0; name[i] && i + 2 < sizeof(tname); i++)
		tname[i + 1] = name[i] == '/' ? '\\' : name[i];
	tname[0] = '\\';
	tname[i + 1] = '\0';
	if (name[0] == '/')
		memmove(tname, tname + 1, strlen(tname));
	p = text.s ? text.s : "";
	end = p + text.len;
	if (!memmem(p, text.len, "<Task", 5)) {
		ww_report_warning(o->report, _("'%s': not a Task Scheduler XML task"), label);
		goto out;
	}
	while (actions < 16) {
		const char *exec = memmem(p, (size_t)(end - p), "<Exec>", 6), *q;
		char *cmd, *args;
		if (!exec)
			break;
		q = exec;
		cmd = element(&q, end, "Command");
		if (!cmd)
			break;
		{
			const char *next = memmem(exec + 6, (size_t)(end - exec - 6), "</Exec>", 7);
			const char *r = exec;
			args = next ? element(&r, next, "Arguments") : NULL;
			p = next ? next + 7 : q;
		}
		add_task(o, label, tname, cmd, args);
		free(cmd);
		free(args);
		actions++;
	}
out:
	ww_buf_release(&raw);
	ww_buf_release(&text);
}
