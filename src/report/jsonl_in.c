/* JSON lines back into a document (jsonl_in.h): host lines make "hosts",
 * finding lines "findings", row lines the array named by their "section",
 * and the summary line gives "input", the object sections, "notes",
 * "warnings" and "next_steps" and checks the counts. */
#include "core/common.h"
#include "report/jsonl_in.h"

#include <stdio.h>

static const char *str_of(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

bool ww_jsonl_is_report_line(json_object *o)
{
	const char *t;
	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "schema", NULL))
		return false;
	t = str_of(o, "type");
	return t && (!strcmp(t, "host") || !strcmp(t, "finding") || !strcmp(t, "row") ||
	             !strcmp(t, "summary"));
}

/* the members a line adds to what it stands for */
static bool line_key(const char *k)
{
	return !strcmp(k, "type") || !strcmp(k, "schema") || !strcmp(k, "command") ||
	       !strcmp(k, "time");
}

static json_object *array_of(json_object *doc, const char *key)
{
	json_object *a;
	if (json_object_object_get_ex(doc, key, &a) && json_object_is_type(a, json_type_array))
		return a;
	a = json_object_new_array();
	if (a && json_object_object_add(doc, key, a)) {
		json_object_put(a);
		return NULL;
	}
	return a;
}

static json_object *new_doc(const char *cmd)
{
	json_object *d = json_object_new_object();
	if (!d)
		return NULL;
	json_object_object_add(d, "command", json_object_new_string(cmd));
	json_object_object_add(d, "schema", json_object_new_int(1));
	json_object_object_add(d, "hosts", json_object_new_array());
	json_object_object_add(d, "findings", json_object_new_array());
	return d;
}

/* a copy of o without the line's own members (and without skip) */
static json_object *body(json_object *o, const char *skip)
{
	json_object *b = json_object_new_object();
	if (!b)
		return NULL;
	json_object_object_foreach(o, k, v) {
		if (line_key(k) || (skip && !strcmp(k, skip)))
			continue;
		json_object_object_add(b, k, json_object_get(v));
	}
	return b;
}

static long long count_of(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
		return -1;
	return json_object_get_int64(v);
}

ww_rc ww_jsonl_add(json_object **doc, json_object *o, bool *done, char *err, size_t errlen)
{
	const char *type = str_of(o, "type"), *cmd = str_of(o, "command"), *have;
	json_object *a, *b = NULL;
	ww_rc rc = WW_OK;
	*done = false;
	if (!cmd) {
		snprintf(err, errlen, "a %s line without \"command\"", type ? type : "JSON");
		json_object_put(o);
		return WW_ERR_FORMAT;
	}
	if (!*doc && !(*doc = new_doc(cmd))) {
		json_object_put(o);
		return WW_ERR_NOMEM;
	}
	have = str_of(*doc, "command");
	if (!have || strcmp(have, cmd)) {
		snprintf(err, errlen, "a line of '%.20s' among the lines of '%.20s'", cmd,
		         have ? have : "?");
		json_object_put(o);
		return WW_ERR_FORMAT;
	}
	if (!strcmp(type, "host") || !strcmp(type, "finding")) {
		a = array_of(*doc, !strcmp(type, "host") ? "hosts" : "findings");
		b = body(o, NULL);
		if (!a || !b || json_object_array_add(a, b))
			rc = WW_ERR_NOMEM;
		else
			b = NULL;
	} else if (!strcmp(type, "row")) {
		const char *sec = str_of(o, "section");
		if (!sec || !*sec || line_key(sec) || !strcmp(sec, "hosts") || !strcmp(sec, "findings")) {
			snprintf(err, errlen, "a row line without a \"section\" of its own");
			rc = WW_ERR_FORMAT;
		} else {
			a = array_of(*doc, sec);
			b = body(o, "section");
			if (!a || !b || json_object_array_add(a, b))
				rc = WW_ERR_NOMEM;
			else
				b = NULL;
		}
	} else { /* summary: the rest of the document, and the end of it */
		long long nh = count_of(o, "hosts"), nf = count_of(o, "findings");
		json_object *h = array_of(*doc, "hosts"), *f = array_of(*doc, "findings");
		if (!h || !f) {
			rc = WW_ERR_NOMEM;
		} else if (nh != (long long)json_object_array_length(h) ||
		           nf != (long long)json_object_array_length(f)) {
			snprintf(err, errlen, "the summary counts %lld host(s) and %lld finding(s), the "
			         "lines before it %zu and %zu (lines missing?)", nh, nf,
			         json_object_array_length(h), json_object_array_length(f));
			rc = WW_ERR_FORMAT;
		} else {
			json_object_object_foreach(o, k, v) {
				if (line_key(k) || !strcmp(k, "hosts") || !strcmp(k, "findings"))
					continue;
				json_object_object_add(*doc, k, json_object_get(v));
			}
			*done = true;
		}
	}
	json_object_put(b);
	json_object_put(o);
	return rc;
}
