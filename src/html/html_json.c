/* Typed reads of a parsed result (json-c objects) for the report's loader:
 * absent keys are fine, present keys of the wrong type stop the load with
 * one line naming the file, the result and the path, e.g.
 *   wormwatch: error: 'a.json': result 1, hosts[3].addr: not an address
 * and the writers' ISO 8601 UTC times parsed strictly. */
#include "core/common.h"
#include "html/html_int.h"
#include "html/html_json.h"

#include <stdio.h>
#include <time.h>

ww_rc hr_bad(const struct hr_where *w, const char *path, const char *what)
{
	ww_error("'%s': result %u, %s: %s", w->file, w->result, path, what);
	return WW_ERR_FORMAT;
}


bool hr_verdict_parse(const char *s, enum ww_verdict *v)
{
	int i;
	for (i = WW_VERDICT_NORMAL; i <= WW_VERDICT_INFECTED; i++)
		if (strcmp(s, ww_verdict_name((enum ww_verdict)i)) == 0) {
			*v = (enum ww_verdict)i;
			return true;
		}
	return false;
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "2026-03-02T09:00:10.010408Z" (the writers' form; the fraction is
 * optional, up to 6 digits) to microseconds since the epoch. */
bool hr_parse_time(const char *s, int64_t *us)
{
	struct tm tm;
	int y, mo, d, h, mi, se, frac = 0;
	size_t n = strlen(s), k;
	time_t t;
	if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[n - 1] != 'Z')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
		return false;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		return false;
	if (n > 20) {
		size_t fl = n - 21;
		if (s[19] != '.' || fl < 1 || fl > 6 || !digits(s + 20, fl, &frac))
			return false;
		for (k = fl; k < 6; k++)
			frac *= 10;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*us = (int64_t)t * 1000000 + frac;
	return true;
}

/* Typed getters: absent keys are fine (NULL / false); present keys of the
 * wrong type are an error naming the path. */
ww_rc hr_get(const struct hr_where *w, struct json_object *o, const char *path, const char *key,
                 enum json_type want, bool required, struct json_object **out)
{
	struct json_object *v = NULL;
	char p[160];
	*out = NULL;
	snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
	if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
		if (required)
			return hr_bad(w, p, "missing");
		return WW_OK;
	}
	if (want == json_type_double) { /* any number */
		if (!json_object_is_type(v, json_type_double) && !json_object_is_type(v, json_type_int))
			return hr_bad(w, p, "not a number");
	} else if (!json_object_is_type(v, want)) {
		static const char *const names[] = {"null", "a boolean", "a number", "a number",
		                                    "an object", "an array", "a string"};
		char m[48];
		snprintf(m, sizeof(m), "not %s", (unsigned)want < 7 ? names[want] : "valid");
		return hr_bad(w, p, m);
	}
	*out = v;
	return WW_OK;
}

ww_rc hr_get_str(const struct hr_where *w, struct json_object *o, const char *path,
                     const char *key, bool required, const char **out)
{
	struct json_object *v;
	ww_rc rc = hr_get(w, o, path, key, json_type_string, required, &v);
	*out = v ? json_object_get_string(v) : NULL;
	return rc;
}

ww_rc hr_get_num(const struct hr_where *w, struct json_object *o, const char *path,
                     const char *key, bool required, double *out, bool *have)
{
	struct json_object *v;
	ww_rc rc = hr_get(w, o, path, key, json_type_double, required, &v);
	*have = v != NULL;
	if (v)
		*out = json_object_get_double(v);
	return rc;
}

/* a count: an integer from 0 to 2^53 */
ww_rc hr_get_count(const struct hr_where *w, struct json_object *o, const char *path,
                       const char *key, bool required, long long *out)
{
	struct json_object *v;
	char p[160];
	ww_rc rc = hr_get(w, o, path, key, json_type_int, required, &v);
	*out = -1;
	if (rc || !v)
		return rc;
	*out = json_object_get_int64(v);
	if (*out < 0 || *out > (INT64_C(1) << 53)) {
		snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
		*out = -1;
		return hr_bad(w, p, "not a count");
	}
	return WW_OK;
}

ww_rc hr_get_time(const struct hr_where *w, struct json_object *o, const char *path,
                      const char *key, bool required, int64_t *us)
{
	const char *s;
	char p[160];
	ww_rc rc = hr_get_str(w, o, path, key, required, &s);
	*us = 0;
	if (rc || !s)
		return rc;
	if (!hr_parse_time(s, us)) {
		snprintf(p, sizeof(p), "%s%s%s", path, *path ? "." : "", key);
		return hr_bad(w, p, "not an ISO 8601 UTC time");
	}
	return WW_OK;
}
