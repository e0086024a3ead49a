/* Unit tests for the capture generator's arithmetic: the random stream (a
 * change silently changes every capture), public-address ranges, the
 * destination permutation, checksums and the ICMP quote, and the exploit
 * payloads at the offsets the analyzer's signatures (src/detect/exploit.c)
 * and the public write-ups give. */
#include "gen.h"
#include "unit/ww_test.h"

/* Ones-complement sum; 0xffff folded means a checksummed region verifies. */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i += 2)
		sum += (uint32_t)p[i] << 8 | (i + 1 < n ? p[i + 1] : 0);
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void test_rng(void)
{
	struct gen_rng r, r2;

	/* xoshiro256** seeded through splitmix64: known answers. */
	gen_rng_seed(&r, 1);
	CHECK(gen_rng_next(&r) == 0xb3f2af6d0fc710c5ULL);
	CHECK(gen_rng_next(&r) == 0x853b559647364ceaULL);
	CHECK(gen_rng_next(&r) == 0x92f89756082a4514ULL);
	gen_rng_seed(&r, 0);
	CHECK(gen_rng_next(&r) == 0x99ec5f36cb75f2b4ULL);

	gen_rng_seed(&r, 42);
	gen_rng_seed(&r2, 42);
	for (int i = 0; i < 1000; i++) {
		uint32_t v = gen_rng_range(&r, 10, 20);

		CHECK(v >= 10 && v <= 20);
		CHECK(gen_rng_below(&r2, 7) < 7);
	}
	CHECK_EQ_INT(gen_rng_below(&r, 0), 0);
	CHECK_EQ_INT(gen_rng_range(&r, 5, 5), 5);
}

static void test_public(void)
{
	static const struct {
		uint32_t a;
		bool pub;
	} cases[] = {
		{0x0a000001, false}, {0x0b000001, true},  {0xac0fff01, true},
		{0xac100001, false}, {0xac1fff01, false}, {0xac200001, true},
		{0x643fff01, true},  {0x64400001, false}, {0x647fff01, false},
		{0x64800001, true},  {0xc0a80101, false}, {0xc0a90101, true},
		{0xdfffff01, true},  {0xe0000001, false}, {0xffffffff, false},
		{0xc6120001, false}, {0xc6140001, true},  {0x7f000001, false},
		{0xa9fe0101, false}, {0xcb007101, false}, {0x08080808, true},
		{0x08080800, false}, {0x080808ff, false}, {0x00000001, false},
	};

	for (size_t i = 0; i < WW_ARRAY_LEN(cases); i++) {
		if (gen_ipv4_is_public(cases[i].a) != cases[i].pub)
			fprintf(stderr, "case %08x\n", cases[i].a);
		CHECK(gen_ipv4_is_public(cases[i].a) == cases[i].pub);
	}
}

static void test_perm(void)
{
	enum { N = 300000 };
	uint32_t *v = malloc(N * sizeof(*v));
	struct gen_addrperm p;
	struct gen_rng r;
	size_t dup = 0, priv = 0;

	CHECK(v != NULL);
	if (!v)
		return;
	gen_rng_seed(&r, 9);
	gen_addrperm_init(&p, &r);
	for (size_t i = 0; i < N; i++) {
		CHECK(gen_addrperm_next(&p, &v[i]) || (v[i] = 0, false));
		priv += !gen_ipv4_is_public(v[i]);
	}
	qsort(v, N, sizeof(*v), cmp_u32);
	for (size_t i = 1; i < N; i++)
		dup += v[i] == v[i - 1];
	CHECK_EQ_INT(dup, 0);
	CHECK_EQ_INT(priv, 0);
	free(v);
}

static void test_packets(void)
{
	static const uint8_t mac_a[6] = {2, 0, 0, 0, 0, 1}, mac_b[6] = {2, 0, 0, 0, 0, 2};
	static const uint8_t v6a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	static const uint8_t v6b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
	static const uint8_t data[5] = {'h', 'e', 'l', 'l', 'o'};
	struct gen_host a, b, a6, b6;
	struct gen_pkt syn, icmp, udp, tcp6;
	struct gen_tcp t;
	uint32_t sum;
	const uint8_t *ip, *th;
	uint8_t dns[128];
	size_t n;
	uint32_t addr = 0x5db8d822;

	gen_host_v4(&a, 0xc0a80017, mac_a, 128, 100);
	gen_host_v4(&b, 0x08080808, mac_b, 50, 7);
	memset(&t, 0, sizeof(t));
	t.sport = 1234, t.dport = 445, t.seq = 1000, t.flags = GEN_TCP_SYN, t.synopt = true;
	t.win = 64512;
	gen_pkt_tcp(&syn, &a, &b, &t);
	ip = syn.b + 14;
	CHECK_EQ_INT(syn.len, 14 + 20 + 28);
	CHECK_EQ_INT(ip[4] << 8 | ip[5], 100);       /* ID */
	CHECK_EQ_INT(a.ipid, 101);
	CHECK_EQ_INT(ip[8], 128);
	CHECK_EQ_INT(fold(sum16(0, ip, 20)), 0xffff);
	th = ip + 20;
	sum = sum16(0, ip + 12, 8) + 6 + 28;
	CHECK_EQ_INT(fold(sum16(sum, th, 28)), 0xffff);
	CHECK_EQ_INT(th[20], 2);                     /* MSS option */
	CHECK_EQ_INT(th[22] << 8 | th[23], 1460);

	/* ICMP unreachable from the router quoting the SYN */
	gen_pkt_unreach(&icmp, &b, &a, 1, &syn);
	ip = icmp.b + 14;
	CHECK_EQ_INT(ip[9], 1);
	CHECK_EQ_INT(ip[20], 3);
	CHECK_EQ_INT(ip[21], 1);
	CHECK(memcmp(ip + 28, syn.b + 14, 28) == 0);
	CHECK_EQ_INT(fold(sum16(0, ip + 20, 8 + 28)), 0xffff);

	/* UDP with an odd payload length; padded to 60 bytes on the wire */
	gen_pkt_udp(&udp, &a, &b, 5000, 53, data, sizeof(data));
	ip = udp.b + 14;
	CHECK_EQ_INT(udp.len, 60);
	sum = sum16(0, ip + 12, 8) + 17 + 8 + 5;
	CHECK_EQ_INT(fold(sum16(sum, ip + 20, 8 + 5)), 0xffff);

	/* IPv6 TCP with a Hop-by-Hop header: the checksum skips the header */
	gen_host_v6(&a6, v6a, mac_a, 128);
	gen_host_v6(&b6, v6b, mac_b, 64);
	t.hbh = true;
	gen_pkt_tcp(&tcp6, &a6, &b6, &t);
	ip = tcp6.b + 14;
	CHECK_EQ_INT(ip[6], 0);                      /* next header: HBH */
	CHECK_EQ_INT(ip[40], 6);                     /* then TCP */
	CHECK_EQ_INT(ip[4] << 8 | ip[5], 8 + 28);
	sum = sum16(0, ip + 8, 32) + 6 + 28;
	CHECK_EQ_INT(fold(sum16(sum, ip + 48, 28)), 0xffff);

	/* DNS: the answer holds one A record after the question */
	n = gen_dns_answer(dns, sizeof(dns), 0x1234, "www.example.com", 0, &addr, 1);
	CHECK_EQ_INT(n, 12 + 17 + 4 + 16);
	CHECK_EQ_INT(dns[7], 1);
	CHECK(memcmp(dns + n - 4, "\x5d\xb8\xd8\x22", 4) == 0);
	n = gen_dns_answer(dns, sizeof(dns), 1, "nx.example", 3, NULL, 0);
	CHECK_EQ_INT(dns[3] & 0x0f, 3);
	CHECK_EQ_INT(gen_dns_query(dns, 10, 1, "www.example.com"), 0);
}

/* First offset of pat in d, or -1. */
static long find(const uint8_t *d, size_t n, const void *pat, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(d + i, pat, m) == 0)
			return (long)i;
	return -1;
}

static void test_payloads(void)
{
	static const uint8_t dce_req[8] = {0x05, 0x00, 0x00, 0x03, 0x10, 0x00, 0x00, 0x00};
	static const uint8_t dotdot[8] = {0x5c, 0, 0x2e, 0, 0x2e, 0, 0x5c, 0};
	struct gen_smb1_hdr h = {.cmd = 0x75, .tid = 0x0800, .uid = 0x1234, .mid = 7};
	uint8_t dce[512], msg[2048], fill[64];
	size_t n, m;
	long at;

	for (size_t i = 0; i < sizeof(fill); i++)
		fill[i] = (uint8_t)(i * 37);
	/* MS08-067: request header, frag_len = the whole PDU, opnum 31 at 22,
	 * alloc hint = the stub, a UTF-16LE path that climbs */
	n = gen_dce_ms08_067(dce, sizeof(dce), 2, fill, sizeof(fill));
	CHECK(n > 24 && n % 4 == 0);
	CHECK(memcmp(dce, dce_req, 8) == 0);
	CHECK_EQ_INT(dce[8] | dce[9] << 8, (int)n);
	CHECK_EQ_INT(dce[16] | dce[17] << 8, (int)n - 24);
	CHECK_EQ_INT(dce[22], 0x1f);
	CHECK_EQ_INT(dce[23], 0x00);
	CHECK(find(dce + 24, n - 24, dotdot, sizeof(dotdot)) > 0);
	CHECK_EQ_INT(gen_dce_ms08_067(dce, 100, 2, fill, sizeof(fill)), 0);

	/* ... inside an SMB1 WRITE_ANDX behind a NetBIOS session header: the
	 * data offset (from the SMB header) points at the DCE/RPC header */
	m = gen_smb1_write_andx(msg, sizeof(msg), &h, 0x4001, dce, n);
	CHECK_EQ_INT(m, 4 + 64 + n);
	CHECK_EQ_INT(msg[0], 0);
	CHECK_EQ_INT(msg[2] << 8 | msg[3], (int)m - 4);
	CHECK(memcmp(msg + 4, "\xffSMB", 4) == 0);
	CHECK_EQ_INT(msg[8], 0x2f);
	CHECK_EQ_INT(msg[4 + 32], 14);
	at = find(msg, m, dce_req, 8);
	CHECK_EQ_INT(at, 4 + (msg[4 + 33 + 22] | msg[4 + 33 + 23] << 8));
	CHECK_EQ_INT(msg[4 + 24] | msg[4 + 25] << 8, 0x0800);        /* tid */

	/* DoublePulsar: Trans2, WordCount 15, Setup[0] = SESSION_SETUP at
	 * SMB offset 61, parameters at the offset the words give */
	h.cmd = 0;
	m = gen_doublepulsar_ping(msg, sizeof(msg), &h, 0x0134ee00);
	CHECK_EQ_INT(m, 4 + 32 + 1 + 30 + 2 + 13);
	CHECK(memcmp(msg + 4, "\xffSMB", 4) == 0);
	CHECK_EQ_INT(msg[4 + 4], 0x32);
	CHECK_EQ_INT(msg[4 + 32], 15);
	CHECK_EQ_INT(msg[4 + 61], 0x0e);
	CHECK_EQ_INT(msg[4 + 62], 0x00);
	CHECK_EQ_INT(msg[4 + 33 + 20], 66);                         /* parameter offset */
	CHECK_EQ_INT(4 + 66 + 12, (int)m);
	CHECK_EQ_INT(msg[4 + 9] & 0x80, 0);                          /* a request */

	/* bind and bind_ack: DCE/RPC types 11 and 12, SRVSVC's UUID */
	n = gen_dce_bind_srvsvc(dce, sizeof(dce), 1);
	CHECK_EQ_INT(dce[2], 11);
	CHECK_EQ_INT(dce[8], (int)n);
	CHECK(find(dce, n, "\xc8\x4f\x32\x4b", 4) == 32);
	n = gen_dce_bind_ack(dce, sizeof(dce), 1);
	CHECK_EQ_INT(dce[2], 12);
	CHECK_EQ_INT(dce[8], (int)n);
	CHECK_EQ_INT(gen_smb1(msg, 40, &h, NULL, 0, dce, n), 0);
}

/* CRC32c, table-driven (the generator's is bitwise): RFC 3720 B.4. */
static uint32_t crc32c_table(const uint8_t *p, size_t n)
{
	uint32_t tab[256], c = 0xffffffffu;

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t v = i;

		for (int k = 0; k < 8; k++)
			v = v & 1 ? (v >> 1) ^ 0x82f63b78u : v >> 1;
		tab[i] = v;
	}
	for (size_t i = 0; i < n; i++)
		c = tab[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static void test_sctp(void)
{
	static const uint8_t mac_a[6] = {2, 0, 0, 0, 0, 1}, mac_b[6] = {2, 0, 0, 0, 0, 2};
	uint8_t init[20] = {1, 0, 0, 20, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0x80, 0, 0, 10,
			    0x08, 0, 0x12, 0x34, 0x56, 0x78};
	struct gen_host a, b;
	struct gen_pkt p;
	uint8_t sh[32];
	const uint8_t *ip;
	uint32_t crc;

	CHECK(crc32c_table((const uint8_t *)"123456789", 9) == 0xe3069283u);
	gen_host_v4(&a, 0x0a1e000f, mac_a, 45, 1);
	gen_host_v4(&b, 0x0a1e0019, mac_b, 64, 1);
	gen_pkt_sctp(&p, &a, &b, 40000, 2905, 0, init, sizeof(init));
	ip = p.b + 14;
	CHECK_EQ_INT(ip[9], 132);
	CHECK_EQ_INT(ip[2] << 8 | ip[3], 20 + 12 + 20);
	CHECK_EQ_INT(fold(sum16(0, ip, 20)), 0xffff);
	CHECK_EQ_INT(ip[20] << 8 | ip[21], 40000);
	CHECK_EQ_INT(ip[22] << 8 | ip[23], 2905);
	CHECK(memcmp(ip + 32, init, sizeof(init)) == 0);
	/* the checksum: CRC32c over the packet with the field zeroed, least
	 * significant byte first (RFC 4960 appendix B) */
	memcpy(sh, ip + 20, 32);
	memset(sh + 8, 0, 4);
	crc = crc32c_table(sh, 32);
	CHECK_EQ_INT(ip[28], (int)(crc & 0xff));
	CHECK_EQ_INT(ip[29], (int)((crc >> 8) & 0xff));
	CHECK_EQ_INT(ip[30], (int)((crc >> 16) & 0xff));
	CHECK_EQ_INT(ip[31], (int)(crc >> 24));
}

int main(void)
{
	test_rng();
	test_public();
	test_perm();
	test_packets();
	test_payloads();
	test_sctp();
	return ww_test_done();
}
