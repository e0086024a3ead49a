/* Unit tests of the CSV and JSON-lines writers (src/report/csv.c, jsonl.c)
 * on a report built by hand with hostile strings: RFC 4180 quoting (comma,
 * quote, line break), formula cells made inert (= + - @ tab CR), control
 * bytes as \xNN, JSON lines one object per line with type/schema/command/
 * time, null for an unknown table size, ports as an array. */
#include "core/common.h"
#include "findings/finding.h"
#include "report/writer.h"

#include <stdio.h>
#include <stdlib.h>

#include "ww_test.h"

static char *render(ww_rc (*fn)(struct ww_out *, const struct ww_report *), const struct ww_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ww_out o;
	ww_rc rc;
	if (!f)
		return NULL;
	ww_out_init(&o, f);
	rc = fn(&o, r);
	if (fclose(f) != 0 || rc) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void build(struct ww_report *r)
{
	struct ww_finding *h, *a;
	struct ww_section *s;
	struct ww_row *row;
	struct ww_portcount pc[2] = {{"tcp", 445, 363}, {"icmp", 0, 2}};
	ww_report_init(r, "analyze");
	h = ww_report_add(r, WW_FINDING_HOST);
	h->has_addr = true;
	ww_addr_from_v4(&h->addr, 0xc0a80017); /* 192.168.0.23 */
	h->verdict = WW_VERDICT_INFECTED;
	h->severity = WW_SEV_CRITICAL;
	h->score = 0.99;
	h->first_alert_us = 1000000;
	h->attempts_to_alert = 3;
	h->pid = -1;
	ww_finding_title(r, h, false, "sweeping 445, 100%% unanswered, \"fast\"");
	ww_finding_evidence(r, h, false, "line one");
	ww_finding_evidence(r, h, false, "line\ntwo");
	a = ww_report_add(r, WW_FINDING_ARTIFACT);
	a->severity = WW_SEV_HIGH;
	a->pid = 1540;
	ww_finding_title(r, a, true, "@SUM(1+1)");
	ww_finding_image(r, a, "=HYPERLINK(\"http://x\")\x1b" ".exe", 27);
	ww_finding_evidence(r, a, true, "-2+3");
	s = ww_report_section(r, "table", true);
	row = ww_section_row(r, s);
	ww_fields_int(r, &row->f, "entries", 9);
	ww_fields_null(r, &row->f, "max");
	s = ww_report_section(r, "nat_hosts", false);
	row = ww_section_row(r, s);
	ww_fields_str(r, &row->f, "addr", false, "10.0.0.1", 8);
	ww_fields_ports(r, &row->f, "top_ports", pc, 2);
}

static void test_csv(const struct ww_report *r)
{
	char *c = render(ww_write_csv, r);
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(!strncmp(c, "type,addr,verdict,score,severity,first_alert,attempts_to_alert,title,", 69));
	/* quotes doubled, the field quoted for its comma */
	CHECK(strstr(c, ",\"sweeping 445, 100% unanswered, \"\"fast\"\"\",") != NULL);
	/* a line break shown as on a terminal; lists joined */
	CHECK(strstr(c, ",line one | line\\x0atwo,") != NULL);
	/* formulas made inert, the control byte shown */
	CHECK(strstr(c, ",'@SUM(1+1),") != NULL);
	CHECK(strstr(c, ",\"'=HYPERLINK(\"\"http://x\"\")\\x1b.exe\",") != NULL);
	CHECK(strstr(c, ",'-2+3,") != NULL);
	CHECK(strstr(c, ",=") == NULL && strstr(c, ",+") == NULL && strstr(c, ",@") == NULL);
	CHECK(strstr(c, "\x1b") == NULL);
	/* CRLF after every row: header, host, finding */
	{
		int n = 0;
		const char *p;
		for (p = c; (p = strstr(p, "\r\n")); p += 2)
			n++;
		CHECK_EQ_INT(n, 3);
	}
	free(c);
}

static void test_jsonl(const struct ww_report *r)
{
	char *j = render(ww_write_jsonl, r), *p, *nl;
	int lines = 0;
	CHECK(j != NULL);
	if (!j)
		return;
	for (p = j; (nl = strchr(p, '\n')); p = nl + 1) {
		lines++;
		CHECK(!strncmp(p, "{\"type\":\"", 9));
		CHECK(strstr(p, ",\"schema\":1,\"command\":\"analyze\",\"time\":\"") != NULL);
		CHECK(nl[-1] == '}');
	}
	CHECK_EQ_INT(lines, 4); /* host, finding, row, summary */
	CHECK(strstr(j, "{\"type\":\"host\",\"schema\":1,\"command\":\"analyze\",\"time\":\"1970-01-01T00:00:01.000000Z\",\"addr\":\"192.168.0.23\"") != NULL);
	CHECK(strstr(j, "\"evidence\":[\"line one\",\"line\\ntwo\"]") != NULL);
	CHECK(strstr(j, "\"section\":\"nat_hosts\",\"addr\":\"10.0.0.1\",\"top_ports\":[{\"proto\":\"tcp\",\"port\":445,\"count\":363},{\"proto\":\"icmp\",\"count\":2}]}") != NULL);
	CHECK(strstr(j, "\"table\":{\"entries\":9,\"max\":null}") != NULL);
	CHECK(strstr(j, "\"image\":\"=HYPERLINK(\\\"http://x\\\")\\u001b.exe\"") != NULL);
	free(j);
}

static void test_json(const struct ww_report *r)
{
	char *j = render(ww_write_json, r);
	CHECK(j && !strncmp(j, "{\"command\":\"analyze\",\"schema\":1,\"hosts\":[", 41));
	CHECK(j && strstr(j, "\"max\":null") != NULL);
	free(j);
}

int main(void)
{
	struct ww_report r;
	build(&r);
	CHECK(r.rc == WW_OK);
	test_csv(&r);
	test_jsonl(&r);
	test_json(&r);
	ww_report_release(&r);
	return ww_test_done();
}
