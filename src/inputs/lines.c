#include "core/common.h"
#include "inputs/lines.h"
#include "core/input.h"

#include <errno.h>

ww_rc ww_lines_open(struct ww_lines *l, const char *path)
{
	ww_rc rc;
	memset(l, 0, sizeof(*l));
	rc = ww_source_open(&l->src, path, 0, &l->err, &l->why);
	if (rc)
		return rc;
	l->f = l->src.f;
	l->own = true;
	l->buf = malloc(WW_LINES_BLOCK);
	if (!l->buf) {
		ww_lines_release(l);
		return WW_ERR_NOMEM;
	}
	return WW_OK;
}

void ww_lines_release(struct ww_lines *l)
{
	if (l->own)
		ww_source_close(&l->src);
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

/* Move the unread tail to the front and read more; false when nothing came. */
static bool refill(struct ww_lines *l)
{
	size_t n;
	if (l->eof)
		return false;
	if (l->start) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == WW_LINES_BLOCK)
		return false;
	n = fread(l->buf + l->end, 1, WW_LINES_BLOCK - l->end, l->f);
	if (n == 0) {
		if (ferror(l->f)) {
			bool limit;
			l->err = errno ? errno : EIO;
			l->damaged = ww_source_failed(&l->src, l->zmsg, sizeof(l->zmsg), &limit);
		}
		l->eof = true;
		return false;
	}
	if (ferror(l->f)) {
		/* bytes came, then an error (a damaged compressed block, a read
		 * cut short by a signal): these bytes are the last */
		bool limit;
		l->err = errno ? errno : EIO;
		l->damaged = ww_source_failed(&l->src, l->zmsg, sizeof(l->zmsg), &limit);
		l->eof = true; /* the complete lines before it are handed out; a cut
		                * line at the end is not */
	}
	if (!l->head_len) {
		l->head_len = WW_MIN(n, sizeof(l->head));
		memcpy(l->head, l->buf + l->end, l->head_len);
	}
	if (ww_input_binary(l->buf + l->end, n)) {
		l->binary = true;
		l->eof = true;
		return false;
	}
	l->end += n;
	return true;
}

ww_rc ww_lines_next(struct ww_lines *l, const char **line, size_t *len)
{
	for (;;) {
		char *s = l->buf + l->start;
		size_t avail = l->end - l->start;
		char *nl = avail ? memchr(s, '\n', avail) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - s);
			l->start += n + 1;
			if (l->skipping) {
				l->skipping = false;
				continue;
			}
			l->lineno++;
			if (n && s[n - 1] == '\r')
				n--;
			if (n > WW_LINES_MAX) {
				/* whole in the block but over the maximum: skipped */
				if (!l->cut++)
					l->first_cut = l->lineno;
				continue;
			}
			*line = s;
			*len = n;
			return WW_OK;
		}
		if (avail > WW_LINES_MAX + 1 && !l->skipping) {
			/* a line longer than the maximum (and its CR): skip all of it */
			l->lineno++;
			if (!l->cut++)
				l->first_cut = l->lineno;
			l->skipping = true;
			l->start = l->end; /* the rest of the block belongs to the long line */
			continue;
		}
		if (l->skipping) {
			l->start = l->end;
		}
		if (!refill(l)) {
			if (l->binary)
				return WW_ERR_FORMAT;
			if (l->err)
				return WW_ERR_IO;
			avail = l->end - l->start;
			if (avail == 0 || l->skipping) {
				l->start = l->end;
				return WW_ERR_NOTFOUND;
			}
			/* last line without a newline */
			s = l->buf + l->start;
			l->start = l->end;
			l->lineno++;
			if (s[avail - 1] == '\r')
				avail--;
			if (avail > WW_LINES_MAX) {
				if (!l->cut++)
					l->first_cut = l->lineno;
				return WW_ERR_NOTFOUND;
			}
			*line = s;
			*len = avail;
			return WW_OK;
		}
	}
}
