/* JSON lines of wormwatch (--format jsonl, report/jsonl.c) put back
 * together into the JSON document they stand for, so that every reader of
 * results (report, contain, verify) takes either form. */
#ifndef WW_REPORT_JSONL_IN_H
#define WW_REPORT_JSONL_IN_H

#include <json-c/json.h>
#include <stdbool.h>

#include "core/result.h"

/* Is o one of the report's lines ("type" host, finding, row or summary,
 * with "schema")? Alert lines are not: they stand alone. */
bool ww_jsonl_is_report_line(json_object *o);
/* Add one such line to *doc (made at the first line). Takes o's
 * reference. *done is set at the summary line, which ends the document;
 * WW_ERR_FORMAT (message in err) when the lines do not fit together (two
 * commands, a count in the summary that the lines do not add up to). */
ww_rc ww_jsonl_add(json_object **doc, json_object *o, bool *done, char *err, size_t errlen);

#endif
