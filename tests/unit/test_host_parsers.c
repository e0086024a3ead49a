/* Unit tests for the host dialect parsers: endpoints, encodings, the
 * registry decoder, the Japanese netstat -s labels, names, CSV. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "host/host_encoding.h"
#include "host/host_inventory.h"
#include "host/host_rules.h"
#include "host/host_sniff.h"
#include "ww_test.h"

static void test_endpoints(void)
{
	struct ww_host_endpoint e;
	CHECK_EQ_INT(ww_host_parse_endpoint("0.0.0.0:135", 11, &e), WW_OK);
	CHECK(e.has_addr && e.port == 135 && !e.wild);
	CHECK_EQ_INT(ww_host_parse_endpoint("0.0.0.0:0", 9, &e), WW_OK);
	CHECK(e.wild);
	CHECK_EQ_INT(ww_host_parse_endpoint("[::]:0", 6, &e), WW_OK);
	CHECK(e.wild && !e.addr.v4);
	CHECK_EQ_INT(ww_host_parse_endpoint("*:*", 3, &e), WW_OK);
	CHECK(e.wild);
	CHECK_EQ_INT(ww_host_parse_endpoint("[fe80::1%9]:1900", 16, &e), WW_OK);
	CHECK(e.has_addr && e.port == 1900);
	CHECK_EQ_INT(ww_host_parse_endpoint("chief:epmap", 11, &e), WW_OK);
	CHECK(!e.has_addr && e.port == 135);
	CHECK_EQ_STR(e.name, "chief");
	CHECK_EQ_INT(ww_host_parse_endpoint("host:microsoft-ds", 17, &e), WW_OK);
	CHECK_EQ_INT(e.port, 445);
	CHECK_EQ_INT(ww_host_parse_endpoint("1.2.3.4:65536", 13, &e), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_host_parse_endpoint("1.2.3.4", 7, &e), WW_ERR_FORMAT);
	CHECK_EQ_INT(ww_host_parse_endpoint("[::1", 4, &e), WW_ERR_FORMAT);
}

static void test_netstat_rows(void)
{
	struct ww_report r;
	struct ww_host_ctx c;
	static const char text[] =
	    "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1016     InHost\r\n"
	    "TCP 192.168.0.105:1782 192.168.0.2:80 SYN_SENT\n"
	    "  UDP    [::1]:62261            *:*                                    1036\n"
	    "  TCP    0.0.0.0:80             0.0.0.0:0              ABH\xc3\x96REN          4304\n"
	    "  TCP    chief:1802             *:*                                    1540\n"
	    " [spollsv.exe]\n"
	    "tcp        0      0 127.0.0.53:53           0.0.0.0:*               LISTEN      885/systemd-resolve \n";
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	CHECK(ww_host_detect_netstat(text, sizeof(text) - 1) > 0);
	CHECK_EQ_INT(ww_host_parse_netstat(&c, text, sizeof(text) - 1, 0), WW_OK);
	CHECK_EQ_INT(c.inv.sockets.n, 6);
	CHECK_EQ_INT(r.warnings.n, 0);
	if (c.inv.sockets.n == 6) {
		CHECK_EQ_INT(c.inv.sockets.v[0].pid, 1016);
		CHECK_EQ_INT(c.inv.sockets.v[0].state, WW_ST_LISTEN);
		CHECK_EQ_INT(c.inv.sockets.v[1].state, WW_ST_SYN_SENT);
		CHECK_EQ_INT(c.inv.sockets.v[1].pid, -1);
		CHECK_EQ_INT(c.inv.sockets.v[2].proto, WW_PROTO_UDP);
		CHECK_EQ_INT(c.inv.sockets.v[2].pid, 1036);
		CHECK_EQ_INT(c.inv.sockets.v[3].state, WW_ST_LISTEN);
		CHECK_EQ_STR(c.inv.sockets.v[4].image, "spollsv.exe");
		CHECK_EQ_INT(c.inv.sockets.v[4].local.port, 1802);
		CHECK_EQ_INT(c.inv.sockets.v[5].pid, 885);
		CHECK_EQ_STR(c.inv.sockets.v[5].image, "systemd-resolve");
	}
	ww_host_ctx_release(&c);
	ww_report_release(&r);
}

static void test_encodings(void)
{
	struct ww_buf b;
	const char *enc;
	/* "アクティブな接続" in CP932 */
	static const char cp932[] = "\x83\x41\x83\x4e\x83\x65\x83\x42\x83\x75\x82\xc8\x90\xda\x91\xb1";
	static const char utf16[] = "\xff\xfeT\0C\0P\0";
	static const char cp850[] = "ABH\x99REN";
	ww_buf_init(&b, 1 << 20);
	CHECK_EQ_INT(ww_host_to_utf8(cp932, sizeof(cp932) - 1, &b, &enc), WW_OK);
	CHECK_EQ_STR(enc, "CP932");
	CHECK_EQ_STR(b.s, "アクティブな接続");
	CHECK_EQ_INT(ww_host_to_utf8(utf16, sizeof(utf16) - 1, &b, &enc), WW_OK);
	CHECK_EQ_STR(enc, "UTF-16LE");
	CHECK_EQ_STR(b.s, "TCP");
	CHECK_EQ_INT(ww_host_to_utf8(cp850, sizeof(cp850) - 1, &b, &enc), WW_OK);
	CHECK_EQ_STR(enc, "CP850");
	CHECK_EQ_STR(b.s, "ABHÖREN");
	CHECK_EQ_INT(ww_host_to_utf8("plain", 5, &b, &enc), WW_OK);
	CHECK_EQ_STR(enc, "UTF-8");
	ww_buf_release(&b);
}

static void test_reg_and_stats(void)
{
	struct ww_report r;
	struct ww_host_ctx c;
	static const char reg[] =
	    "Windows Registry Editor Version 5.00\r\n\r\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n"
	    "\"x\"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,5c,00,61,00,2e,00,65,00,\\\r\n"
	    "  78,00,65,00,00,00\r\n"
	    "\"q\\\"uote\"=\"C:\\\\a b\\\\c.exe\"\r\n"
	    "\"d\"=dword:00000004\r\n";
	static const char stats[] =
	    "IPv4 の TCP 統計\n\n  アクティブ オープン                 = 11,743\n"
	    "  失敗した接続の試行                  = 9,000\n"
	    "IPv4 の UDP 統計\n\n  受信したデータグラム   = 152\n  ポートなし   = 271,606\n";
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	CHECK(ww_host_detect_reg(reg, sizeof(reg) - 1) > 0);
	CHECK_EQ_INT(ww_host_parse_reg(&c, reg, sizeof(reg) - 1, 0), WW_OK);
	CHECK_EQ_INT(c.inv.regvals.n, 3);
	if (c.inv.regvals.n == 3) {
		CHECK_EQ_STR(c.inv.regvals.v[0].data, "%TEMP%\\a.exe");
		CHECK_EQ_INT(c.inv.regvals.v[0].type, WW_REG_EXPAND_SZ);
		CHECK_EQ_STR(c.inv.regvals.v[1].name, "q\"uote");
		CHECK_EQ_STR(c.inv.regvals.v[1].data, "C:\\a b\\c.exe");
		CHECK_EQ_INT(c.inv.regvals.v[2].dword, 4);
	}
	CHECK(ww_host_detect_netstat_stats(stats, sizeof(stats) - 1) > 0);
	CHECK_EQ_INT(ww_host_parse_netstat_stats(&c, stats, sizeof(stats) - 1, 0), WW_OK);
	CHECK_EQ_INT(c.inv.stats.tcp_active, 11743);
	CHECK_EQ_INT(c.inv.stats.tcp_failed, 9000);
	CHECK_EQ_INT(c.inv.stats.udp_noports, 271606);
	CHECK_EQ_INT(c.inv.stats.udp_rx, 152);
	ww_host_ctx_release(&c);
	ww_report_release(&r);
}

static void test_names(void)
{
	char out[64], *f[8], scratch[128];
	size_t n;
	CHECK(ww_host_machine_name("jwgkvsq.dll"));
	CHECK(ww_host_machine_name("qsgnfbvt"));
	CHECK(!ww_host_machine_name("srvsvc.dll"));
	CHECK(!ww_host_machine_name("wuaueng.dll"));
	CHECK(!ww_host_machine_name("trkwks.dll"));
	CHECK(!ww_host_machine_name("qmgr.dll"));
	CHECK(!ww_host_machine_name("explorer.exe"));
	/* real Windows 10 names the plain vowel test would catch */
	CHECK(!ww_host_machine_name("smphost.dll"));
	CHECK(!ww_host_machine_name("mprdim.dll"));
	CHECK(!ww_host_machine_name("bthserv.dll"));
	CHECK(!ww_host_machine_name("bcssync.exe"));
	CHECK(!ww_host_machine_name("vmicvss.dll"));
	CHECK(!ww_host_machine_name("btplayerctrl.exe"));
	CHECK(ww_host_machine_name("kbkyfyj.dll"));
	CHECK(ww_host_machine_name("fmxzyfrj.dll"));
	ww_host_basename("\"C:\\Program Files\\x\\Smax4.exe\" /tray", out, sizeof(out));
	CHECK_EQ_STR(out, "smax4.exe");
	ww_host_basename("C:\\WINDOWS\\system32\\svchost.exe -k netsvcs", out, sizeof(out));
	CHECK_EQ_STR(out, "svchost.exe");
	ww_host_dirname("%SystemRoot%\\system32\\svchost.exe -k netsvcs", out, sizeof(out));
	CHECK_EQ_STR(out, "%systemroot%\\system32");
	ww_host_basename("sysconf.exe", out, sizeof(out));
	CHECK_EQ_STR(out, "sysconf.exe");
	n = ww_host_csv("\"a\",\"b,c\",\"d\"\"e\",", 18, scratch, sizeof(scratch), f, 8);
	CHECK_EQ_INT(n, 4);
	if (n == 4) {
		CHECK_EQ_STR(f[1], "b,c");
		CHECK_EQ_STR(f[2], "d\"e");
		CHECK_EQ_STR(f[3], "");
	}
}

int main(void)
{
	test_endpoints();
	test_netstat_rows();
	test_encodings();
	test_reg_and_stats();
	test_names();
	return ww_test_done();
}
