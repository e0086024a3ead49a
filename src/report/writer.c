#include "core/common.h"
#include "report/writer.h"
#include "core/escape.h"

#include <errno.h>
#include <stdarg.h>

const struct ww_writer ww_writers[] = {
	{"text", "summary for a person: culprits first, why, what to do next", ww_write_text},
	{"json", "one JSON document: hosts, findings, input, sections", ww_write_json},
	{"jsonl", "JSON lines: a line per host, finding and table row, then a summary line",
	 ww_write_jsonl},
	{"csv", "a row per host or finding with a header row (RFC 4180, spreadsheet-safe)",
	 ww_write_csv},
	{NULL, NULL, NULL},
};

const struct ww_writer *ww_writer_find(const char *name)
{
	const struct ww_writer *w;
	for (w = ww_writers; w->name; w++)
		if (strcmp(w->name, name) == 0)
			return w;
	return NULL;
}

void ww_out_init(struct ww_out *o, FILE *f)
{
	o->f = f;
	o->rc = WW_OK;
	o->err = 0;
}

static void out_fail(struct ww_out *o)
{
	if (!o->rc) {
		o->rc = WW_ERR_IO;
		o->err = errno;
	}
}

void ww_out_write(struct ww_out *o, const char *s, size_t n)
{
	if (o->rc || !n)
		return;
	if (fwrite(s, 1, n, o->f) != n)
		out_fail(o);
}

void ww_out_puts(struct ww_out *o, const char *s) { ww_out_write(o, s, strlen(s)); }

void ww_out_printf(struct ww_out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->rc)
		return;
	va_start(ap, fmt);
	if (vfprintf(o->f, fmt, ap) < 0)
		out_fail(o);
	va_end(ap);
}

ww_rc ww_out_finish(struct ww_out *o)
{
	if (fflush(o->f) != 0 || ferror(o->f))
		out_fail(o);
	return o->rc;
}

/* A JSON string; script: also safe inside an HTML <script> element (< > &
 * ' and U+2028/9 as \u escapes, so no "</script>" or comment opener can
 * appear, and every control character as \u00XX). */
static void json_str(struct ww_out *o, const char *str, bool script)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	ww_out_puts(o, "\"");
	while (*s) {
		size_t n = ww_utf8_len(s);
		char esc[8];
		if (n == 0) {
			ww_out_puts(o, "\\ufffd");
			s++;
			continue;
		}
		if (script && n == 3 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) {
			ww_out_puts(o, s[2] == 0xa8 ? "\\u2028" : "\\u2029");
			s += 3;
			continue;
		}
		if (n > 1) {
			ww_out_write(o, (const char *)s, n);
			s += n;
			continue;
		}
		switch (*s) {
		case '"': ww_out_puts(o, "\\\""); break;
		case '\\': ww_out_puts(o, "\\\\"); break;
		case '\n': ww_out_puts(o, "\\n"); break;
		default:
			if (!script && (*s == '\r' || *s == '\t')) {
				ww_out_puts(o, *s == '\r' ? "\\r" : "\\t");
			} else if (*s < 0x20 || *s == 0x7f ||
			           (script && (*s == '<' || *s == '>' || *s == '&' || *s == '\''))) {
				snprintf(esc, sizeof(esc), "\\u%04x", *s);
				ww_out_puts(o, esc);
			} else {
				ww_out_write(o, (const char *)s, 1);
			}
		}
		s++;
	}
	ww_out_puts(o, "\"");
}

void ww_out_json_str(struct ww_out *o, const char *str) { json_str(o, str, false); }

void ww_out_json_script(struct ww_out *o, const char *str) { json_str(o, str, true); }

static void out_emit(void *ud, const char *p, size_t n) { ww_out_write(ud, p, n); }

void ww_out_text_safe(struct ww_out *o, const char *str) { ww_esc_text(str, out_emit, o); }
