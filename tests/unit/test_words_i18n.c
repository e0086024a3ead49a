/* Words for the person: the --lang values accepted; the next steps of a
 * host report gather every finding's steps once, most severe first. */
#include "core/common.h"
#include "core/i18n.h"
#include "findings/finding.h"
#include "host/host_rules.h"
#include "ww_test.h"

static void test_lang(void)
{
	CHECK(ww_i18n_lang_ok("ja"));
	CHECK(ww_i18n_lang_ok("en"));
	CHECK(ww_i18n_lang_ok("C"));
	CHECK(ww_i18n_lang_ok("pt_BR"));
	CHECK(!ww_i18n_lang_ok(""));
	CHECK(!ww_i18n_lang_ok("JA"));
	CHECK(!ww_i18n_lang_ok("ja_jp"));
	CHECK(!ww_i18n_lang_ok("../../etc"));
	CHECK(!ww_i18n_lang_ok("x;y"));
	CHECK(!ww_i18n_lang_ok("japanese"));
}

static void test_next_steps(void)
{
	struct ww_report r;
	struct ww_finding *a, *b, *c;
	ww_report_init(&r, "host");
	a = ww_report_add(&r, WW_FINDING_ARTIFACT);
	b = ww_report_add(&r, WW_FINDING_ARTIFACT);
	c = ww_report_add(&r, WW_FINDING_ARTIFACT);
	CHECK(a && b && c);
	if (!a || !b || !c) {
		ww_report_release(&r);
		return;
	}
	a->severity = WW_SEV_HIGH;
	ww_finding_step(&r, a, "delete the Run value");
	ww_finding_step(&r, a, "patch and block 445");
	b->severity = WW_SEV_CRITICAL;
	ww_finding_step(&r, b, "disconnect the machine");
	ww_finding_step(&r, b, "patch and block 445");
	c->severity = WW_SEV_HIGH;
	ww_finding_step(&r, c, "restore the HOSTS file");
	ww_report_sort(&r);
	ww_host_next_steps(&r);
	CHECK_EQ_INT(r.steps.n, 4);
	if (r.steps.n == 4) {
		CHECK(strcmp(r.steps.v[0].s, "disconnect the machine") == 0);
		CHECK(strcmp(r.steps.v[1].s, "patch and block 445") == 0);
		/* the HIGH findings' own steps follow, each once */
		CHECK(strcmp(r.steps.v[2].s, "delete the Run value") == 0 ||
		      strcmp(r.steps.v[2].s, "restore the HOSTS file") == 0);
		CHECK(strcmp(r.steps.v[3].s, "delete the Run value") == 0 ||
		      strcmp(r.steps.v[3].s, "restore the HOSTS file") == 0);
		CHECK(strcmp(r.steps.v[2].s, r.steps.v[3].s) != 0);
	}
	ww_report_release(&r);
}

int main(void)
{
	test_lang();
	test_next_steps();
	return ww_test_done();
}
