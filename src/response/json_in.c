/* wormwatch's own JSON results read back (json-c, depth-limited, the whole
 * document at most WW_RESP_MAX_JSON bytes). Only a document with a known
 * "command" and a "hosts" array is taken; each host needs a parseable
 * "addr" and a known "verdict". What is read, by command:
 *
 *   analyze, watch, nat, logs: hosts[] {addr, verdict, score, title,
 *     evidence[], first_contacts, table_entries}; nat: table {entries, max}
 *     and nat_hosts[] {addr, entries} (every inside host, busiest 50);
 *     logs: log_hosts[] {addr} (seen)
 *   host: findings[] of severity high (suspicious) or critical (infected);
 *     the machine's address from the local address of the finding's PID's
 *     sockets[] in SYN_SENT (any PID's when the finding names none), else
 *     of any socket; the machine counts as seen when any socket names it
 *
 * Example (abridged, as analyze --json writes it):
 *   {"command":"analyze","hosts":[{"addr":"192.168.0.47","verdict":"infected",
 *    "score":0.99,"title":"spreading: ...","evidence":["..."],"first_contacts":14951}]} */
#include "core/common.h"
#include "report/jsonl_in.h"
#include "response/snapshot.h"

#include <json.h>
#include <math.h>

static const char *const known_commands[] = {"analyze", "nat", "logs", "watch", "host"};

static json_object *get(json_object *o, const char *key, json_type want)
{
	json_object *v;
	if (!o || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v) || !v)
		return NULL;
	if (want == json_type_double &&
	    (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
		return v;
	return json_object_is_type(v, want) ? v : NULL;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v = get(o, key, json_type_string);
	return v ? json_object_get_string(v) : NULL;
}

static bool get_num(json_object *o, const char *key, double *out)
{
	json_object *v = get(o, key, json_type_double);
	double d;
	if (!v)
		return false;
	d = json_object_get_double(v);
	if (!isfinite(d))
		return false;
	*out = d;
	return true;
}

static long long clamp_count(double d)
{
	if (d < 0)
		return 0;
	if (d > 1e15)
		return (long long)1e15;
	return (long long)d;
}

/* An address as text -> binary; the text itself is never kept. */
static bool get_addr(json_object *o, const char *key, struct ww_addr *a)
{
	const char *s = get_str(o, key);
	return s && strlen(s) < WW_ADDR_STRLEN && ww_addr_parse(s, a) == WW_OK;
}

static void read_hosts(struct ww_resp_snap *s, json_object *hosts, const char *file,
                       size_t *bad)
{
	size_t i, j, n = json_object_array_length(hosts);
	for (i = 0; i < n; i++) {
		json_object *h = json_object_array_get_idx(hosts, i), *ev;
		const char *vs = get_str(h, "verdict");
		enum ww_verdict v;
		struct ww_addr a;
		struct ww_resp_host *rh;
		double d;
		if (!get_addr(h, "addr", &a) || !vs || !ww_resp_verdict_parse(vs, &v)) {
			(*bad)++;
			continue;
		}
		if (!(rh = ww_resp_snap_host(s, &a)))
			continue;
		d = 0;
		get_num(h, "score", &d);
		if (d < 0 || d > 1)
			d = d < 0 ? 0 : 1;
		ww_resp_host_flag(s, rh, v, d, get_str(h, "title"), file);
		if ((ev = get(h, "evidence", json_type_array)))
			for (j = 0; j < json_object_array_length(ev); j++) {
				json_object *e = json_object_array_get_idx(ev, j);
				if (json_object_is_type(e, json_type_string))
					ww_resp_host_evidence(s, rh, json_object_get_string(e));
			}
		if (get_num(h, "first_contacts", &d) && clamp_count(d) > rh->first_contacts)
			rh->first_contacts = clamp_count(d);
		if (get_num(h, "table_entries", &d) && clamp_count(d) > rh->table_entries)
			rh->table_entries = clamp_count(d);
	}
}

/* [{"proto":"tcp","port":445,"count":363},...] (schema 1): the TCP ports of
 * a router row; results written before schema 1 carry the string
 * "TCP/445 (363), TCP/135 (157)". */
static void top_ports_str(struct ww_resp_host *h, const char *s)
{
	while (s && (s = strstr(s, "TCP/"))) {
		unsigned long v = 0;
		size_t n = 0;
		s += 4;
		while (s[n] >= '0' && s[n] <= '9' && n < 5)
			v = v * 10 + (unsigned long)(s[n++] - '0');
		if (n && v > 0 && v <= 65535)
			ww_resp_host_port(h, (uint16_t)v);
		s += n;
	}
}

static void top_ports(struct ww_resp_host *h, json_object *row)
{
	json_object *a = get(row, "top_ports", json_type_array);
	size_t i;
	double d;
	if (!a) {
		top_ports_str(h, get_str(row, "top_ports"));
		return;
	}
	for (i = 0; i < json_object_array_length(a); i++) {
		json_object *p = json_object_array_get_idx(a, i);
		const char *proto;
		if (!json_object_is_type(p, json_type_object) || !(proto = get_str(p, "proto")) ||
		    strcmp(proto, "tcp") || !get_num(p, "port", &d) || !(d >= 1 && d <= 65535))
			continue;
		ww_resp_host_port(h, (uint16_t)d);
	}
}

static void read_router(struct ww_resp_snap *s, json_object *doc)
{
	json_object *t = get(doc, "table", json_type_object), *rows;
	double d;
	size_t i;
	bool nat = true;
	if (t && get_num(t, "entries", &d)) {
		s->have_table = true;
		s->table_entries += (uint64_t)clamp_count(d);
		if (!s->table_max && get_num(t, "max", &d))
			s->table_max = (uint64_t)clamp_count(d);
	}
	if (!(rows = get(doc, "nat_hosts", json_type_array))) {
		rows = get(doc, "log_hosts", json_type_array);
		nat = false;
	}
	if (!rows)
		return;
	s->presence = true;
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);
		struct ww_addr a;
		struct ww_resp_host *h;
		if (!get_addr(r, "addr", &a) || !(h = ww_resp_snap_host(s, &a)))
			continue;
		h->seen = true;
		top_ports(h, r);
		if (nat && get_num(r, "entries", &d)) {
			long long e = clamp_count(d);
			h->table_entries = h->table_entries < 0 ? e : WW_MAX(h->table_entries, e);
		}
	}
}

/* "192.168.0.105:1782" or "[2001:db8::5]:1782" -> the address. */
static bool local_addr(const char *s, struct ww_addr *a)
{
	char buf[WW_ADDR_STRLEN];
	const char *end;
	size_t n;
	if (!s)
		return false;
	if (s[0] == '[') {
		s++;
		end = strchr(s, ']');
	} else {
		end = strrchr(s, ':');
	}
	if (!end || (n = (size_t)(end - s)) == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return ww_addr_parse(buf, a) == WW_OK && !ww_addr_is_unspecified(a) &&
	       !ww_addr_is_loopback(a);
}

/* The machine's address in a host result: the local address of a socket
 * in SYN_SENT owned by pid (any pid when pid < 0), else of any socket. */
static bool host_addr(json_object *socks, double pid, bool syn_only, struct ww_addr *a)
{
	size_t j;
	for (j = 0; socks && j < json_object_array_length(socks); j++) {
		json_object *k = json_object_array_get_idx(socks, j);
		const char *st = get_str(k, "state");
		double kp;
		if (syn_only && (!st || strcmp(st, "SYN_SENT")))
			continue;
		if (syn_only && pid >= 0 && (!get_num(k, "pid", &kp) || kp != pid))
			continue;
		if (local_addr(get_str(k, "local"), a))
			return true;
	}
	return false;
}

static void read_host_result(struct ww_resp_snap *s, json_object *doc, const char *file)
{
	json_object *fs = get(doc, "findings", json_type_array);
	json_object *socks = get(doc, "sockets", json_type_array);
	struct ww_addr machine;
	struct ww_resp_host *h;
	size_t i, e, lost = 0;
	/* the machine was seen, whatever it holds */
	if (host_addr(socks, -1, false, &machine) && (h = ww_resp_snap_host(s, &machine)))
		h->seen = true;
	for (i = 0; fs && i < json_object_array_length(fs); i++) {
		json_object *f = json_object_array_get_idx(fs, i), *ev;
		const char *sev = get_str(f, "severity");
		double pid = -1;
		struct ww_addr a;
		if (!sev || (strcmp(sev, "critical") && strcmp(sev, "high")))
			continue;
		get_num(f, "pid", &pid);
		if (!host_addr(socks, pid, true, &a) && !host_addr(socks, -1, false, &a)) {
			lost++;
			continue;
		}
		if (!(h = ww_resp_snap_host(s, &a)))
			continue;
		ww_resp_host_flag(s, h, strcmp(sev, "critical") == 0 ? WW_VERDICT_INFECTED
		                                                     : WW_VERDICT_SUSPICIOUS,
		                  0.9, get_str(f, "title"), file);
		if ((ev = get(f, "evidence", json_type_array)))
			for (e = 0; e < json_object_array_length(ev); e++) {
				json_object *x = json_object_array_get_idx(ev, e);
				if (json_object_is_type(x, json_type_string))
					ww_resp_host_evidence(s, h, json_object_get_string(x));
			}
	}
	if (lost)
		ww_warn("'%s': %zu finding(s) of this machine but no address for it (no sockets in "
		        "the result); give the network's result (analyze, nat) too", file, lost);
}

/* The JSON lines of --format jsonl after the first (*doc, parsed and
 * ending at byte off) into one document, *doc on success. */
static ww_rc jsonl_doc(struct json_tokener *tok, const char *buf, size_t len, size_t off,
                       json_object **doc, const char *file)
{
	json_object *d = NULL, *o = *doc;
	char why[200];
	bool done = false;
	ww_rc rc;
	size_t at = 0;
	*doc = NULL;
	for (;;) {
		enum json_tokener_error jerr;
		if (done) {
			ww_error("'%s': byte %zu: more lines after the summary line", file, at);
			json_object_put(o);
			json_object_put(d);
			return WW_ERR_FORMAT;
		}
		if (!ww_jsonl_is_report_line(o)) {
			ww_error("'%s': byte %zu: not one of the lines of --format jsonl", file, at);
			json_object_put(o);
			json_object_put(d);
			return WW_ERR_FORMAT;
		}
		if ((rc = ww_jsonl_add(&d, o, &done, why, sizeof(why)))) {
			if (rc == WW_ERR_FORMAT)
				ww_error("'%s': byte %zu: %s", file, at, why);
			json_object_put(d);
			return rc;
		}
		while (off < len && (buf[off] == ' ' || buf[off] == '\n' || buf[off] == '\r' ||
		                     buf[off] == '\t'))
			off++;
		if (off >= len)
			break;
		at = off;
		json_tokener_reset(tok);
		o = json_tokener_parse_ex(tok, buf + off, (int)(len - off));
		jerr = json_tokener_get_error(tok);
		if (!o || jerr != json_tokener_success) {
			ww_error("'%s': not valid JSON at byte %zu: %s", file,
			         off + json_tokener_get_parse_end(tok),
			         jerr == json_tokener_continue ? "the line ends early"
			                                       : json_tokener_error_desc(jerr));
			json_object_put(o);
			json_object_put(d);
			return WW_ERR_FORMAT;
		}
		off += json_tokener_get_parse_end(tok);
	}
	if (!done) {
		ww_error("'%s': JSON lines without their summary line (cut short?)", file);
		json_object_put(d);
		return WW_ERR_FORMAT;
	}
	*doc = d;
	return WW_OK;
}

ww_rc ww_resp_load_json_buf(struct ww_resp_snap *s, const char *buf, size_t len, const char *file)
{
	struct json_tokener *tok;
	json_object *doc, *hosts;
	enum json_tokener_error jerr;
	const char *cmd;
	size_t i, bad = 0, end;
	bool known = false;

	if (len > WW_RESP_MAX_JSON) {
		ww_error("'%s': a JSON result larger than %u MiB is not read", file,
		         WW_RESP_MAX_JSON >> 20);
		return WW_ERR_LIMIT;
	}
	if (!(tok = json_tokener_new_ex(WW_RESP_JSON_DEPTH)))
		return WW_ERR_NOMEM;
	doc = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (!doc || jerr != json_tokener_success) {
		ww_error("'%s': not valid JSON at byte %zu: %s", file, end,
		         jerr == json_tokener_continue ? "the document ends early"
		                                       : json_tokener_error_desc(jerr));
		json_object_put(doc);
		json_tokener_free(tok);
		return WW_ERR_FORMAT;
	}
	if (ww_jsonl_is_report_line(doc)) {
		/* --format jsonl: the lines back into the document */
		ww_rc rc = jsonl_doc(tok, buf, len, end, &doc, file);
		json_tokener_free(tok);
		if (rc)
			return rc;
		end = len;
	} else {
		json_tokener_free(tok);
	}
	while (end < len && (buf[end] == ' ' || buf[end] == '\n' || buf[end] == '\r' ||
	                     buf[end] == '\t'))
		end++;
	if (end < len) {
		ww_error("'%s': more than one JSON document (extra bytes at byte %zu)", file, end);
		json_object_put(doc);
		return WW_ERR_FORMAT;
	}
	cmd = get_str(doc, "command");
	for (i = 0; cmd && i < WW_ARRAY_LEN(known_commands); i++)
		if (strcmp(cmd, known_commands[i]) == 0)
			known = true;
	if (!known || !(hosts = get(doc, "hosts", json_type_array))) {
		ww_error("'%s': not a wormwatch result (wants a \"command\" of analyze, nat, logs, "
		         "watch or host and a \"hosts\" list)", file);
		json_object_put(doc);
		return WW_ERR_FORMAT;
	}
	read_hosts(s, hosts, file, &bad);
	if (strcmp(cmd, "nat") == 0 || strcmp(cmd, "logs") == 0)
		read_router(s, doc);
	if (strcmp(cmd, "host") == 0)
		read_host_result(s, doc, file);
	json_object_put(doc);
	if (bad) {
		ww_error("'%s': %zu host record(s) without a valid \"addr\" and \"verdict\": not "
		         "wormwatch's output", file, bad);
		return WW_ERR_FORMAT;
	}
	return s->rc;
}
