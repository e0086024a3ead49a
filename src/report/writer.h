/* Report writers: each serialises a finished ww_report and nothing else.
 *
 * To add a writer: write `ww_rc my_write(struct ww_out *o, const struct
 * ww_report *r)` in a file of its own, declare it below and add a row to
 * ww_writers[] in writer.c. The contract: never look at anything but the
 * report; escape every string (untrusted ones may hold any byte); report
 * write failures through the ww_out (the caller checks ww_out_close). */
#ifndef WW_REPORT_WRITER_H
#define WW_REPORT_WRITER_H

#include <stdio.h>

#include "findings/finding.h"

/* A checked output stream: the first failed write is remembered. */
struct ww_out {
	FILE *f;
	ww_rc rc;
	int err; /* errno of the first failure */
};

void ww_out_init(struct ww_out *o, FILE *f);
void ww_out_puts(struct ww_out *o, const char *s);
void ww_out_write(struct ww_out *o, const char *s, size_t n);
void ww_out_printf(struct ww_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fflush + ferror; WW_ERR_IO (with o->err) if any write failed. */
ww_rc ww_out_finish(struct ww_out *o);

/* Escapers. JSON: RFC 8259 string body, invalid UTF-8 as U+FFFD. Text:
 * control bytes and invalid UTF-8 as \xNN so a hostile name cannot move the
 * terminal's cursor or forge a line. */
void ww_out_json_str(struct ww_out *o, const char *s);
/* The same, also safe inside an HTML <script> element (the report's data). */
void ww_out_json_script(struct ww_out *o, const char *s);
void ww_out_text_safe(struct ww_out *o, const char *s);

typedef ww_rc (*ww_writer_fn)(struct ww_out *o, const struct ww_report *r);

struct ww_writer {
	const char *name;
	const char *help;
	ww_writer_fn write;
};

extern const struct ww_writer ww_writers[];
const struct ww_writer *ww_writer_find(const char *name);

ww_rc ww_write_text(struct ww_out *o, const struct ww_report *r);
ww_rc ww_write_json(struct ww_out *o, const struct ww_report *r);
ww_rc ww_write_jsonl(struct ww_out *o, const struct ww_report *r);
ww_rc ww_write_csv(struct ww_out *o, const struct ww_report *r);

/* The version of every JSON output ("schema":1 at the top of a document and
 * in every JSON line); docs/schema/wormwatch.schema.json describes it. Raise
 * it when a field changes meaning or goes away (adding one does not). */
#define WW_JSON_SCHEMA 1

/* Pieces of the JSON writer the JSON-lines writer shares (json.c):
 * "key": with the comma when not first; a number (non-finite as 0); a
 * list of strings as an array; a field set; a finding's members. */
void ww_json_key(struct ww_out *o, const char *key, bool *first);
void ww_json_dbl(struct ww_out *o, double d);
void ww_json_texts(struct ww_out *o, const struct ww_textlist *l);
void ww_json_report_end(struct ww_out *o, const struct ww_report *r, bool *first);
void ww_json_fields(struct ww_out *o, const struct ww_fieldset *fs, bool *first);
/* The fields as one JSON object ({} for NULL). */
void ww_json_object(struct ww_out *o, const struct ww_fieldset *fs);
void ww_json_finding_fields(struct ww_out *o, const struct ww_finding *f, bool *first);

#endif
