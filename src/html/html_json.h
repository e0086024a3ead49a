/* Typed reads of a parsed JSON result for the report's loader (see
 * html_json.c). Each getter: an absent key (or null) sets *out to NULL / -1
 * and is an error only when required; a key of the wrong type is an error
 * naming its path. Errors are printed (ww_error) and returned as
 * WW_ERR_FORMAT. */
#ifndef WW_HTML_JSON_H
#define WW_HTML_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include "core/result.h"
#include "findings/finding.h"

struct hr_where {
	const char *file;
	unsigned result; /* 1-based within the file */
};

ww_rc hr_bad(const struct hr_where *w, const char *path, const char *what);
ww_rc hr_get(const struct hr_where *w, struct json_object *o, const char *path, const char *key,
             enum json_type want, bool required, struct json_object **out);
ww_rc hr_get_str(const struct hr_where *w, struct json_object *o, const char *path,
                 const char *key, bool required, const char **out);
ww_rc hr_get_num(const struct hr_where *w, struct json_object *o, const char *path,
                 const char *key, bool required, double *out, bool *have);
/* an integer from 0 to 2^53; -1 when absent */
ww_rc hr_get_count(const struct hr_where *w, struct json_object *o, const char *path,
                   const char *key, bool required, long long *out);
/* an ISO 8601 UTC time; 0 when absent */
ww_rc hr_get_time(const struct hr_where *w, struct json_object *o, const char *path,
                  const char *key, bool required, int64_t *us);
/* "normal", "p2p", "suspicious", "scanner", "infected" */
bool hr_verdict_parse(const char *s, enum ww_verdict *v);

#endif
