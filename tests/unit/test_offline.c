/* Unit tests of the offline reader's small parts: --since times, FILETIME
 * conversion, the lenient UTF-16 decoder, the DLL a rundll32/regsvr32 line
 * loads, and the names that may go into a cmd.exe command as they are. */
#include <stdlib.h>

#include "host/host_rules.h"
#include "offline/offline_int.h"
#include "ww_test.h"

static void test_parse_time(void)
{
	int64_t us = 0;
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15T10:00:00Z", &us), WW_OK);
	CHECK_EQ_INT(us, 1232013600LL * 1000000);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15 10:00", &us), WW_OK);
	CHECK_EQ_INT(us, 1232013600LL * 1000000);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15", &us), WW_OK);
	CHECK_EQ_INT(us, 1231977600LL * 1000000);
	/* the format analyze writes its alert times in */
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15T10:00:00.250000Z", &us), WW_OK);
	CHECK_EQ_INT(us, 1232013600LL * 1000000 + 250000);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15T10:00:00.5", &us), WW_OK);
	CHECK_EQ_INT(us, 1232013600LL * 1000000 + 500000);
	CHECK_EQ_INT(ww_offline_parse_time("@1232013600", &us), WW_OK);
	CHECK_EQ_INT(us, 1232013600LL * 1000000);
	CHECK_EQ_INT(ww_offline_parse_time("yesterday", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("2009-13-01", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15T25:00", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15X", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("@", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("@99999999999999999999", &us), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_offline_parse_time("2009-01-15T10:00:00.Z", &us), WW_ERR_FORMAT);
}

static void test_filetime(void)
{
	/* 2009-01-15T10:00:00Z */
	CHECK_EQ_INT(ww_off_filetime_us(1232013600ULL * 10000000ULL + 116444736000000000ULL),
	             1232013600LL * 1000000);
	CHECK_EQ_INT(ww_off_filetime_us(0), 0);                    /* never written */
	CHECK_EQ_INT(ww_off_filetime_us(0xffffffffffffffffULL), 0); /* garbage */
}

static void test_utf16(void)
{
	static const unsigned char ok[] = {'a', 0, 0xe9, 0, 0x3d, 0xd8, 0x00, 0xde, 0, 0, 'x', 0};
	static const unsigned char lone[] = {0x00, 0xd8, 'A', 0};
	static const unsigned char low[] = {0x00, 0xdc};
	static const unsigned char multi[] = {'a', 0, 0, 0, 'b', 0, 0, 0, 0, 0, 'z', 0};
	bool bad = false;
	char *s = ww_off_utf16(ok, sizeof(ok), false, &bad);
	CHECK_EQ_STR(s, "a\xc3\xa9\xf0\x9f\x98\x80"); /* stops at the NUL */
	CHECK(!bad);
	free(s);
	s = ww_off_utf16(lone, sizeof(lone), false, &bad);
	CHECK_EQ_STR(s, "\xef\xbf\xbd" "A");
	CHECK(bad);
	free(s);
	bad = false;
	s = ww_off_utf16(low, sizeof(low), false, &bad);
	CHECK_EQ_STR(s, "\xef\xbf\xbd");
	CHECK(bad);
	free(s);
	bad = false;
	s = ww_off_utf16(multi, sizeof(multi), true, &bad);
	CHECK_EQ_STR(s, "a, b"); /* the list ends at the empty string */
	free(s);
	s = ww_off_utf16(ok, 3, false, &bad); /* odd length: the last byte is dropped */
	CHECK_EQ_STR(s, "a");
	free(s);
}

static void test_loader(void)
{
	char out[256];
	CHECK(ww_host_loader_arg("rundll32.exe C:\\WINDOWS\\system32\\jwgkvsq.dll,ahaezedrn", out,
	                         sizeof(out)));
	CHECK_EQ_STR(out, "C:\\WINDOWS\\system32\\jwgkvsq.dll");
	CHECK(ww_host_loader_arg("\"C:\\Windows\\System32\\rundll32.exe\" \"C:\\Program Files\\x y\\a.dll\",Run",
	                         out, sizeof(out)));
	CHECK_EQ_STR(out, "C:\\Program Files\\x y\\a.dll");
	CHECK(ww_host_loader_arg("regsvr32 /s /i:x C:\\x\\b.dll", out, sizeof(out)));
	CHECK_EQ_STR(out, "C:\\x\\b.dll");
	CHECK(!ww_host_loader_arg("C:\\WINDOWS\\system32\\ctfmon.exe", out, sizeof(out)));
	CHECK(!ww_host_loader_arg("rundll32.exe", out, sizeof(out)));
}

static void test_cmd_safe(void)
{
	CHECK(ww_host_cmd_safe("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"));
	CHECK(ww_host_cmd_safe("Video Process"));
	CHECK(!ww_host_cmd_safe("a\" & del C:\\ & \""));
	CHECK(!ww_host_cmd_safe("x|y"));
	CHECK(!ww_host_cmd_safe("line\nbreak"));
	CHECK(!ww_host_cmd_safe(""));
}

int main(void)
{
	test_parse_time();
	test_filetime();
	test_utf16();
	test_loader();
	test_cmd_safe();
	return ww_test_done();
}
