/* Unit tests: the report page's escapers, its time parser, and the loader's
 * model (hosts merged across results, propagation edges from evidence). */
#include "core/common.h"
#include "html/html_int.h"

#include <stdio.h>

#include "ww_test.h"

static char *escaped(void (*fn)(struct ww_out *, const char *), const char *in)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct ww_out o;
	ww_out_init(&o, f);
	fn(&o, in);
	ww_out_finish(&o);
	fclose(f);
	return out;
}

static void test_escape(void)
{
	char *s;
	s = escaped(hr_text, "<script>a&b</script>\"'\x1b[2J\t\xff\xc3\xa9\xe2\x80\xa8");
	CHECK_EQ_STR(s, "&lt;script&gt;a&amp;b&lt;/script&gt;&quot;&#39;\\x1b[2J \xef\xbf\xbd\xc3\xa9"
	                "\xe2\x80\xa8");
	free(s);
	/* in a script element: nothing that closes it or opens a comment */
	s = escaped(hr_json_str, "</script><!--x-->\"\\\n\x01&'\xe2\x80\xa8\xe2\x80\xa9\xed\xa0\x80");
	CHECK_EQ_STR(s, "\"\\u003c/script\\u003e\\u003c!--x--\\u003e\\\"\\\\\\n\\u0001\\u0026\\u0027"
	                "\\u2028\\u2029\\ufffd\\ufffd\\ufffd\"");
	free(s);
	s = escaped(hr_text_pre, "a\n\tb<\r\x1b");
	CHECK_EQ_STR(s, "a\n\tb&lt;\\x0d\\x1b");
	free(s);
	s = escaped(hr_text, "a\nb");
	CHECK_EQ_STR(s, "a\\x0ab");
	free(s);
	s = escaped(hr_text, NULL);
	CHECK_EQ_STR(s, "");
	free(s);
}

static void test_time(void)
{
	int64_t us = 0;
	CHECK(hr_parse_time("2026-03-02T09:00:10.010408Z", &us));
	CHECK_EQ_INT(us, INT64_C(1772442010010408));
	CHECK(hr_parse_time("2026-03-02T09:00:10Z", &us));
	CHECK_EQ_INT(us, INT64_C(1772442010000000));
	CHECK(hr_parse_time("2026-03-02T09:00:10.5Z", &us));
	CHECK_EQ_INT(us, INT64_C(1772442010500000));
	CHECK(!hr_parse_time("2026-03-02 09:00:10Z", &us));
	CHECK(!hr_parse_time("2026-13-02T09:00:10Z", &us));
	CHECK(!hr_parse_time("2026-03-02T09:00:10.1234567Z", &us));
	CHECK(!hr_parse_time("2026-03-02T09:00:10.Z", &us));
	CHECK(!hr_parse_time("2026-03-02T09:00:10+01:00", &us));
	CHECK(!hr_parse_time("", &us));
}

static void test_model(void)
{
	static const char a[] =
		"{\"command\":\"analyze\",\"hosts\":["
		"{\"addr\":\"192.168.5.50\",\"verdict\":\"infected\",\"first_alert\":\"2026-03-02T09:00:35Z\","
		"\"evidence\":[\"probably infected by 192.168.5.23: contacted by it on port 445 at "
		"2026-03-02T09:00:10.000000Z, began its own scanning 25 s later\"],"
		"\"first_contacts\":898,\"timeline_step_s\":60,"
		"\"timeline\":[[\"2026-03-02T09:00:00Z\",95],[\"2026-03-02T09:01:00Z\",199]]},"
		"{\"addr\":\"192.168.5.23\",\"verdict\":\"scanner\"}]}\n"
		"{\"command\":\"nat\",\"hosts\":[{\"addr\":\"192.168.5.23\",\"verdict\":\"infected\","
		"\"first_alert\":\"2026-03-02T08:59:00Z\"}],\"nat_hosts\":[{\"addr\":\"192.168.5.23\","
		"\"entries\":520,\"share_pct\":50.8}]}";
	struct ww_hr *hr = ww_hr_new();
	struct ww_addr x;
	int i;
	CHECK(hr != NULL);
	if (!hr)
		return;
	CHECK_EQ_INT(ww_hr_load_buf(hr, "a.json", a, sizeof(a) - 1, NULL), WW_OK);
	CHECK_EQ_INT(hr->n_inputs, 2);
	CHECK_EQ_INT(hr->n_hosts, 2);
	CHECK_EQ_INT(hr->n_edges, 1);
	ww_addr_parse("192.168.5.23", &x);
	i = hr_host_find(hr, &x);
	CHECK(i >= 0);
	if (i >= 0) {
		/* the worst verdict wins, with the input it came from; the earliest alert */
		CHECK_EQ_INT(hr->hosts[i].verdict, WW_VERDICT_INFECTED);
		CHECK_EQ_INT(hr->hosts[i].verdict_src, 1);
		CHECK_EQ_INT(hr->hosts[i].first_alert_us, INT64_C(1772441940000000));
		CHECK_EQ_INT(hr->hosts[i].nat_entries, 520);
		CHECK_EQ_INT(hr->edges[0].from, (unsigned)i);
	}
	CHECK_EQ_INT(hr->edges[0].port, 445);
	CHECK_EQ_INT(hr->edges[0].t_us, INT64_C(1772442010000000));
	ww_addr_parse("192.168.5.50", &x);
	i = hr_host_find(hr, &x);
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_EQ_INT(hr->hosts[i].timeline.n, 2);
		CHECK_EQ_INT(hr->hosts[i].timeline.step_s, 60);
		CHECK(hr->hosts[i].timeline.v[1].v == 199);
		CHECK_EQ_INT(hr->hosts[i].first_contacts, 898);
	}
	CHECK_EQ_INT(ww_hr_mark_done(hr, "192.168.5.50:clean,passwords"), WW_OK);
	CHECK_EQ_INT(ww_hr_mark_done(hr, "192.168.5.50:scrub"), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_hr_mark_done(hr, "fe80::1:patched"), WW_OK); /* the last colon splits */
	ww_hr_free(hr);
}

/* the JSON lines of `watch --json-out`: one input, hosts from the alerts */
static void test_alerts(void)
{
	static const char a[] =
		"{\"time\":\"2026-03-02T09:00:02.576126Z\",\"ts_us\":1772442002576126,"
		"\"emitted_us\":1772442002600000,\"addr\":\"192.168.0.47\",\"verdict\":\"scanner\","
		"\"score\":0.9,\"attempts\":3,\"why\":\"24 SYNs\"}\n"
		"{\"time\":\"2026-03-02T09:00:01Z\",\"ts_us\":1772442001000000,\"emitted_us\":1,"
		"\"addr\":\"192.168.0.47\",\"verdict\":\"infected\",\"score\":0.99,\"attempts\":4,"
		"\"why\":\"sweep\"}\n";
	struct ww_hr *hr = ww_hr_new();
	if (!hr)
		return;
	CHECK_EQ_INT(ww_hr_load_buf(hr, "alerts.jsonl", a, sizeof(a) - 1, NULL), WW_OK);
	CHECK_EQ_INT(hr->n_inputs, 1);
	CHECK_EQ_STR(hr->inputs[0].command, "alerts");
	CHECK_EQ_INT(hr->n_hosts, 1);
	if (hr->n_hosts == 1) {
		CHECK_EQ_INT(hr->hosts[0].verdict, WW_VERDICT_INFECTED);
		CHECK_EQ_INT(hr->hosts[0].first_alert_us, INT64_C(1772442001000000));
		CHECK_EQ_INT(hr->hosts[0].evidence.n, 2);
		CHECK_EQ_STR(hr->hosts[0].evidence.v[0].s, "live alert (scanner): 24 SYNs");
	}
	ww_hr_free(hr);
}

int main(void)
{
	ww_diag_set_quiet(1);
	test_escape();
	test_time();
	test_model();
	test_alerts();
	return ww_test_done();
}
