/* The report page's escapers, one per place a string from the inputs can
 * land (STYLE.md: everything that leaves the process goes through one
 * escaping writer per target):
 *   hr_text      HTML text and double-quoted attribute values: & < > " '
 *                as entities, control bytes shown as \xNN, invalid UTF-8
 *                as U+FFFD;
 *   hr_text_pre  the same for a <pre> block, keeping newlines and tabs;
 *   hr_json_str  a JSON string inside <script type="application/json">:
 *                besides JSON's own escapes, < > & and U+2028/U+2029 as
 *                \uXXXX, so no "</script>" or "<!--" can close or bend the
 *                script element.
 * Graphviz labels get theirs in html_graph.c. */
#include "core/common.h"
#include "core/escape.h"
#include "core/timefmt.h"
#include "html/html_int.h"

#include <stdio.h>


static void text(struct ww_out *o, const char *str, bool lines)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	while (*s) {
		size_t n = ww_utf8_len(s);
		char esc[8];
		if (n == 0) {
			ww_out_puts(o, "\xef\xbf\xbd");
			s++;
			continue;
		}
		if (n > 1) {
			ww_out_write(o, (const char *)s, n);
			s += n;
			continue;
		}
		switch (*s) {
		case '&': ww_out_puts(o, "&amp;"); break;
		case '<': ww_out_puts(o, "&lt;"); break;
		case '>': ww_out_puts(o, "&gt;"); break;
		case '"': ww_out_puts(o, "&quot;"); break;
		case '\'': ww_out_puts(o, "&#39;"); break;
		case '\t': ww_out_puts(o, lines ? "\t" : " "); break;
		case '\n':
			if (lines) {
				ww_out_puts(o, "\n");
				break;
			}
			/* fall through */
		default:
			if (*s < 0x20 || *s == 0x7f) {
				snprintf(esc, sizeof(esc), "\\x%02x", *s);
				ww_out_puts(o, esc);
			} else {
				ww_out_write(o, (const char *)s, 1);
			}
		}
		s++;
	}
}

void hr_text(struct ww_out *o, const char *str)
{
	text(o, str, false);
}

void hr_text_pre(struct ww_out *o, const char *str)
{
	text(o, str, true);
}

void hr_json_str(struct ww_out *o, const char *str) { ww_out_json_script(o, str); }

void hr_time(struct ww_out *o, int64_t us)
{
	char b[WW_TIME_STRLEN];
	ww_time_iso(us, b, sizeof(b));
	/* 2026-03-02T09:00:10.010408Z -> 2026-03-02 09:00:10 UTC */
	if (strlen(b) >= 19) {
		b[10] = ' ';
		b[19] = '\0';
		ww_out_printf(o, "%s UTC", b);
	} else {
		hr_text(o, b);
	}
}

void hr_src(struct ww_out *o, const struct ww_hr *hr, unsigned src)
{
	if (src >= hr->n_inputs)
		return;
	ww_out_printf(o, "<a class=\"src\" href=\"#in%u\" title=\"", src + 1);
	hr_text(o, hr->inputs[src].path);
	ww_out_printf(o, "\">[%u]</a>", src + 1);
}
