/* A shortcut (.lnk, MS-SHLLINK) in a startup folder: what it starts. The
 * 0x4C-byte header holds the flags; an item ID list (skipped by its size)
 * may follow; then LinkInfo, whose LocalBasePath (ANSI) is the target; then
 * the counted strings (name, relative path, working folder, arguments),
 * UTF-16LE when the IsUnicode flag is set. The target goes to the listed
 * files, so that the file rules judge its name and folder, as they judge a
 * `dir` listing's. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/cursor.h"
#include "offline/offline_int.h"

#include <errno.h>
#include <stdio.h>

#define LNK_MAX (1024u * 1024u)
#define HAS_IDLIST 0x1u
#define HAS_LINKINFO 0x2u
#define HAS_NAME 0x4u
#define HAS_RELPATH 0x8u
#define HAS_WORKDIR 0x10u
#define HAS_ARGS 0x20u
#define IS_UNICODE 0x80u

static uint32_t le32at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One counted string; NULL when it runs past the end. */
static char *counted(struct ww_cur *c, bool unicode)
{
	uint16_t n;
	const uint8_t *p;
	bool bad = false;
	if (ww_cur_le16(c, &n) || !(p = ww_cur_take(c, unicode ? (size_t)n * 2 : n)))
		return NULL;
	if (unicode)
		return ww_off_utf16(p, (size_t)n * 2, false, &bad);
	return ww_host_strndup((const char *)p, strnlen((const char *)p, n));
}

/* The target and arguments of the shortcut at path; false (and a warning)
 * when it is not one. *target and *args are malloc'd. */
bool ww_off_read_lnk(struct ww_offline *o, const char *path, const char *label, char **target,
                     char **args)
{
	struct ww_buf b;
	struct ww_cur c;
	uint32_t flags;
	const uint8_t *u;
	bool ok = false;
	*target = *args = NULL;
	ww_buf_init(&b, LNK_MAX);
	if (ww_buf_read_file(&b, path) != WW_OK) {
		ww_report_warning(o->report, _("cannot read '%s': %s"), label,
		                  errno ? strerror(errno) : "larger than 1 MiB");
		goto out;
	}
	u = (const uint8_t *)(b.s ? b.s : "");
	if (b.len < 0x4c || le32at(u) != 0x4c) {
		ww_report_warning(o->report, _("'%s': not a shortcut (no 0x4C-byte header)"), label);
		goto out;
	}
	flags = le32at(u + 0x14);
	c = ww_cur_make(u, b.len);
	(void)ww_cur_skip(&c, 0x4c);
	if (flags & HAS_IDLIST) {
		uint16_t n;
		if (ww_cur_le16(&c, &n) || ww_cur_skip(&c, n))
			goto damaged;
	}
	if (flags & HAS_LINKINFO) {
		size_t start = c.off;
		uint32_t size, lflags, base;
		if (ww_cur_need(&c, 0x1c))
			goto damaged;
		size = le32at(u + start);
		lflags = le32at(u + start + 8);
		base = le32at(u + start + 16);
		if (size < 0x1c || size > b.len - start)
			goto damaged;
		if ((lflags & 1) && base < size) {
			const char *p = (const char *)u + start + base;
			*target = ww_host_strndup(p, strnlen(p, size - base));
		}
		(void)ww_cur_skip(&c, size);
	}
	{
		static const uint32_t order[] = {HAS_NAME, HAS_RELPATH, HAS_WORKDIR, HAS_ARGS};
		size_t i;
		for (i = 0; i < WW_ARRAY_LEN(order); i++) {
			char *s;
			if (!(flags & order[i]))
				continue;
			s = counted(&c, (flags & IS_UNICODE) != 0);
			if (!s)
				goto damaged;
			if (order[i] == HAS_RELPATH && !*target)
				*target = s; /* "..\..\x.exe" when there is no LinkInfo */
			else if (order[i] == HAS_ARGS)
				*args = s;
			else
				free(s);
		}
	}
	ok = *target != NULL;
	if (!ok)
		ww_report_warning(o->report, _("'%s': the shortcut names no local target"), label);
	goto out;
damaged:
	ww_report_warning(o->report, _("'%s' byte %zu: the shortcut runs past the end of the file"),
	                  label, c.off);
	ok = *target != NULL;
out:
	ww_buf_release(&b);
	if (!ok) {
		free(*target);
		free(*args);
		*target = *args = NULL;
	}
	return ok;
}
