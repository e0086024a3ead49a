/* Unit tests: cursors, text numbers, addresses and CIDR lists, buffers,
 * the SipHash test vector, JSON/text escaping. */
#include "core/common.h"
#include "core/addr.h"
#include "core/buf.h"
#include "core/cursor.h"
#include "core/siphash.h"
#include "core/textcur.h"
#include "report/writer.h"

#include "ww_test.h"

static void test_cursor(void)
{
	static const uint8_t b[] = {0x12, 0x34, 0x56, 0x78, 0x9a};
	struct ww_cur c = ww_cur_make(b, sizeof(b));
	uint16_t v16;
	uint32_t v32;
	CHECK_EQ_INT(ww_cur_be16(&c, &v16), WW_OK);
	CHECK_EQ_INT(v16, 0x1234);
	CHECK_EQ_INT(ww_cur_be32(&c, &v32), WW_ERR_TRUNCATED); /* 3 left */
	CHECK_EQ_INT(c.off, 2);                                 /* unchanged on failure */
	CHECK_EQ_INT(ww_cur_le16(&c, &v16), WW_OK);
	CHECK_EQ_INT(v16, 0x7856);
	CHECK_EQ_INT(ww_cur_skip(&c, 2), WW_ERR_TRUNCATED);
	CHECK_EQ_INT(ww_cur_skip(&c, 1), WW_OK);
	CHECK_EQ_INT(ww_cur_left(&c), 0);
	CHECK_EQ_INT(ww_cur_skip(&c, (size_t)-1), WW_ERR_TRUNCATED); /* no wrap-around */
}

static void test_numbers(void)
{
	struct ww_tcur t;
	uint64_t v;
	t = ww_tcur_make("65535 x", 7);
	CHECK_EQ_INT(ww_tcur_u64(&t, 65535, &v), WW_OK);
	CHECK_EQ_INT(v, 65535);
	t = ww_tcur_make("65536", 5);
	CHECK_EQ_INT(ww_tcur_u64(&t, 65535, &v), WW_ERR_FORMAT);
	t = ww_tcur_make("18446744073709551616", 20);
	CHECK_EQ_INT(ww_tcur_u64(&t, UINT64_MAX, &v), WW_ERR_FORMAT);
	t = ww_tcur_make("9", 1);
	CHECK_EQ_INT(ww_tcur_u64(&t, 5, &v), WW_ERR_FORMAT);
	t = ww_tcur_make("271,596", 7);
	CHECK_EQ_INT(ww_tcur_u64_grouped(&t, UINT64_MAX, &v), WW_OK);
	CHECK_EQ_INT(v, 271596);
	t = ww_tcur_make("1.234.567", 9);
	CHECK_EQ_INT(ww_tcur_u64_grouped(&t, UINT64_MAX, &v), WW_OK);
	CHECK_EQ_INT(v, 1234567);
	t = ww_tcur_make("ff", 2);
	CHECK_EQ_INT(ww_tcur_hex(&t, 0xff, &v), WW_OK);
	CHECK_EQ_INT(v, 255);
	t = ww_tcur_make("", 0);
	CHECK_EQ_INT(ww_tcur_u64(&t, 10, &v), WW_ERR_FORMAT);
}

static void test_addr(void)
{
	struct ww_netlist l;
	struct ww_addr a;
	char buf[WW_ADDR_STRLEN], err[100];
	ww_netlist_init(&l);
	CHECK_EQ_INT(ww_netlist_add_private(&l), WW_OK);
	CHECK_EQ_INT(ww_addr_parse("192.168.0.23", &a), WW_OK);
	CHECK(ww_netlist_contains(&l, &a));
	CHECK_EQ_STR(ww_addr_fmt(&a, buf), "192.168.0.23");
	CHECK_EQ_INT(ww_addr_parse("172.32.0.1", &a), WW_OK);
	CHECK(!ww_netlist_contains(&l, &a));
	CHECK_EQ_INT(ww_addr_parse("fd00::1", &a), WW_OK);
	CHECK(ww_netlist_contains(&l, &a));
	CHECK_EQ_INT(ww_addr_parse("2001:db8::1", &a), WW_OK);
	CHECK(!ww_netlist_contains(&l, &a));
	ww_netlist_release(&l);
	ww_netlist_init(&l);
	CHECK_EQ_INT(ww_netlist_parse(&l, "10.1.2.0/23", err, sizeof(err)), WW_OK);
	CHECK_EQ_INT(ww_addr_parse("10.1.3.200", &a), WW_OK);
	CHECK(ww_netlist_contains(&l, &a));
	CHECK_EQ_INT(ww_addr_parse("10.1.4.1", &a), WW_OK);
	CHECK(!ww_netlist_contains(&l, &a));
	CHECK_EQ_INT(ww_netlist_parse(&l, "10.0.0.0/33", err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_netlist_parse(&l, "bogus", err, sizeof(err)), WW_ERR_USAGE);
	ww_netlist_release(&l);
	/* prefixes shorter than a byte reach several first bytes; a copy
	 * answers like its original */
	{
		static const struct {
			const char *nets, *addr;
			bool in;
		} cases[] = {
			{"128.0.0.0/1", "200.1.1.1", true}, {"128.0.0.0/1", "100.1.1.1", false},
			{"0.0.0.0/0", "8.8.8.8", true},     {"172.16.0.0/12", "172.31.255.255", true},
			{"172.16.0.0/12", "172.32.0.0", false}, {"10.0.0.0/8,64.0.0.0/2", "127.0.0.1", true},
			{"10.0.0.0/8,64.0.0.0/2", "11.0.0.1", false}, {"fc00::/7", "10.0.0.1", false},
		};
		size_t i;
		for (i = 0; i < WW_ARRAY_LEN(cases); i++) {
			struct ww_netlist c;
			ww_netlist_init(&l);
			CHECK_EQ_INT(ww_netlist_parse(&l, cases[i].nets, err, sizeof(err)), WW_OK);
			CHECK_EQ_INT(ww_addr_parse(cases[i].addr, &a), WW_OK);
			CHECK(ww_netlist_contains(&l, &a) == cases[i].in);
			CHECK_EQ_INT(ww_netlist_copy(&c, &l), WW_OK);
			ww_netlist_release(&l);
			CHECK(ww_netlist_contains(&c, &a) == cases[i].in);
			ww_netlist_release(&c);
		}
	}
}

static void test_buf(void)
{
	struct ww_buf b;
	char n[32];
	ww_buf_init(&b, 8);
	CHECK_EQ_INT(ww_buf_adds(&b, "12345678"), WW_OK);
	CHECK_EQ_INT(ww_buf_adds(&b, "9"), WW_ERR_LIMIT);
	CHECK_EQ_STR(b.s, "12345678");
	ww_buf_release(&b);
	CHECK_EQ_STR(ww_fmt_count(1024, n, sizeof(n)), "1,024");
	CHECK_EQ_STR(ww_fmt_count(271596, n, sizeof(n)), "271,596");
	CHECK_EQ_STR(ww_fmt_count(12, n, sizeof(n)), "12");
}

static void test_siphash(void)
{
	/* Reference vector from the SipHash paper, appendix A: key 00..0f,
	 * message 00..0e (15 bytes) -> a129ca6149be45e5 */
	struct ww_sipkey k = {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
	uint8_t m[15];
	int i;
	for (i = 0; i < 15; i++)
		m[i] = (uint8_t)i;
	CHECK(ww_siphash24(&k, m, sizeof(m)) == 0xa129ca6149be45e5ULL);
	/* the table variant uses the same core with 1 and 3 rounds */
	CHECK(ww_siphash(&k, m, sizeof(m)) != ww_siphash24(&k, m, sizeof(m)));
	/* the fixed 9-byte form is the same function as the generic one */
	{
		uint64_t m0 = 0, x = 0x9e3779b97f4a7c15ULL;
		int j, trial;
		for (trial = 0; trial < 100; trial++) {
			uint8_t b9[9];
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			m0 = x;
			for (j = 0; j < 8; j++)
				b9[j] = (uint8_t)(m0 >> (8 * j));
			b9[8] = (uint8_t)(x >> 61 ^ trial);
			CHECK(ww_siphash13_9(&k, m0, b9[8]) == ww_siphash(&k, b9, 9));
		}
	}
}

static void test_escape(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct ww_out o;
	ww_out_init(&o, f);
	ww_out_json_str(&o, "a\"b\\c\n\x01\xff\xc3\xa9");
	ww_out_puts(&o, "|");
	ww_out_text_safe(&o, "x\x1b[2Jy\xc2\x9b");
	CHECK_EQ_INT(ww_out_finish(&o), WW_OK);
	fclose(f);
	CHECK_EQ_STR(out, "\"a\\\"b\\\\c\\n\\u0001\\ufffd\xc3\xa9\"|x\\x1b[2Jy\\x9b");
	free(out);
}

int main(void)
{
	test_cursor();
	test_numbers();
	test_addr();
	test_buf();
	test_siphash();
	test_escape();
	return ww_test_done();
}
