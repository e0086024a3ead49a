/* The incident report page (`wormwatch report`): one self-contained HTML
 * file built from the JSON results of the other subcommands (analyze, nat,
 * logs, watch and its alert lines, host, verify, contain), laid out in the
 * order of the five response steps: confirm, contain, analyse, recover,
 * verify. See docs/html-report.md.
 *
 * Lifecycle: ww_hr_new, ww_hr_load_file (once per input; errors are printed
 * with ww_error naming the file and where, and the load returns
 * WW_ERR_FORMAT / WW_ERR_TRUNCATED / WW_ERR_IO), ww_hr_mark_done,
 * ww_hr_write, ww_hr_free. Every string from the inputs is escaped for the
 * place it lands in (HTML text, attribute, script data, Graphviz label). */
#ifndef WW_HTML_HTML_H
#define WW_HTML_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "core/result.h"
#include "report/writer.h"

struct ww_hr;

struct ww_hr *ww_hr_new(void);
void ww_hr_free(struct ww_hr *hr);

/* One input file: a JSON result, several results one after another, or the
 * JSON lines of `watch --json-out`. attach: for a `host` result, the
 * address of the machine it was collected on (NULL: not known). */
ww_rc ww_hr_load_file(struct ww_hr *hr, const char *path, const char *attach);
/* The same from memory; name is used in messages. */
ww_rc ww_hr_load_buf(struct ww_hr *hr, const char *name, const char *buf, size_t len,
                     const char *attach);

/* "ADDR:STEP[,STEP...]" with STEP one of clean, rebuilt, patched,
 * passwords: what the responder has done for a host. */
ww_rc ww_hr_mark_done(struct ww_hr *hr, const char *spec);

struct ww_hr_opts {
	const char *chartjs_path; /* NULL: inline SVG charts only */
	const char *title;        /* NULL: "Worm incident report" */
	int64_t now_us;           /* the time the report is written */
};

/* The built-in location of chart.min.js (WW_CHARTJS_PATH), or
 * $WORMWATCH_CHARTJS when set. */
const char *ww_hr_chartjs_default(void);

ww_rc ww_hr_write(struct ww_hr *hr, struct ww_out *o, const struct ww_hr_opts *opt);

#endif
