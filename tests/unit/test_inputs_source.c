/* Unit test for inputs/source.c and inputs/sniff.c: each of gzip, bzip2,
 * xz and zstd (made here with the libraries' own encoders) read back byte
 * for byte through the stdio stream, told by content whatever the name;
 * concatenated members; a cut-off and a damaged stream stop with the
 * compressed offset; the bomb ratio; plain files untouched; the sniffer's
 * phrases. */
#include "core/common.h"
#include "inputs/sniff.h"
#include "inputs/source.h"
#include "ww_test.h"

#include <bzlib.h>
#include <lzma.h>
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

static char dir[] = "/tmp/ww_source_XXXXXX";

static const char *put(const char *name, const void *b, size_t n)
{
	static char path[4][256];
	static int k;
	char *p = path[k++ & 3];
	FILE *f;
	snprintf(p, 256, "%s/%s", dir, name);
	f = fopen(p, "wb");
	if (f) {
		fwrite(b, 1, n, f);
		fclose(f);
	}
	return p;
}

/* gzip with zlib's deflate (windowBits 31 = gzip wrapper) */
static size_t gz(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
	z_stream s;
	size_t made;
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	s.next_in = (Bytef *)(uintptr_t)in;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	deflate(&s, Z_FINISH);
	made = cap - s.avail_out;
	deflateEnd(&s);
	return made;
}

static size_t compress_as(enum ww_zkind k, const unsigned char *in, size_t n, unsigned char *out,
                          size_t cap)
{
	switch (k) {
	case WW_Z_GZIP: return gz(in, n, out, cap);
	case WW_Z_BZIP2: {
		unsigned int len = (unsigned int)cap;
		return BZ2_bzBuffToBuffCompress((char *)out, &len, (char *)(uintptr_t)in,
		                                (unsigned int)n, 9, 0, 0) == BZ_OK ? len : 0;
	}
	case WW_Z_XZ: {
		size_t pos = 0;
		return lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, n, out, &pos, cap) ==
		       LZMA_OK ? pos : 0;
	}
	case WW_Z_ZSTD: {
		size_t r = ZSTD_compress(out, cap, in, n, 3);
		return ZSTD_isError(r) ? 0 : r;
	}
	default: return 0;
	}
}

/* Read all of path through the source layer. */
static size_t read_back(const char *path, unsigned char *out, size_t cap, enum ww_zkind *kind,
                        bool *failed, char *msg, size_t msglen)
{
	struct ww_source s;
	int err;
	const char *why;
	size_t n = 0, r;
	*failed = false;
	if (ww_source_open(&s, path, 0, &err, &why) != WW_OK)
		return (size_t)-1;
	*kind = s.kind;
	while ((r = fread(out + n, 1, cap - n, s.f)) > 0 && n + r < cap)
		n += r;
	n += r;
	if (ferror(s.f))
		*failed = ww_source_failed(&s, msg, msglen, NULL);
	ww_source_close(&s);
	return n;
}

int main(void)
{
	enum { N = 300000 };
	static unsigned char plain[N], packed[2 * N], back[2 * N];
	enum ww_zkind k, got;
	char msg[256], what[256];
	bool failed;
	size_t i, n, m;
	if (!mkdtemp(dir)) {
		CHECK(0);
		return ww_test_done();
	}
	/* text-like bytes with some variety (compresses, not to nothing) */
	for (i = 0; i < N; i++)
		plain[i] = (unsigned char)("Mar 11 20:35:11 linux kernel: DROP SRC=192.168.10.55 "
		                           "DST=10.0.0.1 PROTO=TCP SPT=1 DPT=445\n"[i % 87] + (i / 8191) % 3);

	for (k = WW_Z_GZIP; k <= WW_Z_ZSTD; k++) {
		const char *p;
		n = compress_as(k, plain, N, packed, sizeof(packed));
		CHECK(n > 0 && n < N);
		CHECK_EQ_INT(ww_z_sniff(packed, n), k);
		/* the name says nothing: told by content */
		p = put("input.txt", packed, n);
		m = read_back(p, back, sizeof(back), &got, &failed, msg, sizeof(msg));
		CHECK_EQ_INT(got, k);
		CHECK_EQ_INT(m, N);
		CHECK(!failed);
		CHECK(memcmp(back, plain, N) == 0);
		/* cut off: what came before is handed out, then a read error
		 * naming the compressed offset */
		p = put("cut", packed, n / 2);
		m = read_back(p, back, sizeof(back), &got, &failed, msg, sizeof(msg));
		CHECK(failed);
		CHECK(m < N);
		CHECK(memcmp(back, plain, m) == 0);
		CHECK(strstr(msg, "compressed byte offset") != NULL);
		CHECK(strstr(msg, ww_z_name(k)) != NULL);
		/* damaged in the middle: stops there (never hands out garbage as
		 * if it were good for gzip, bzip2 and xz, whose checks are per block
		 * or per stream: at least the error is seen) */
		memset(packed + n / 2, 0x55, 64);
		p = put("damaged", packed, n);
		m = read_back(p, back, sizeof(back), &got, &failed, msg, sizeof(msg));
		CHECK(failed);
		CHECK(strstr(msg, "compressed byte offset") != NULL);
	}

	/* two gzip members in one file (cat a.gz b.gz) read as one stream */
	n = gz(plain, 1000, packed, sizeof(packed));
	m = gz(plain + 1000, 2000, packed + n, sizeof(packed) - n);
	{
		const char *p = put("two.gz", packed, n + m);
		size_t r = read_back(p, back, sizeof(back), &got, &failed, msg, sizeof(msg));
		CHECK_EQ_INT(r, 3000);
		CHECK(!failed);
		CHECK(memcmp(back, plain, 3000) == 0);
	}

	/* a plain file is handed out as it is */
	{
		const char *p = put("plain.log", plain, 5000);
		m = read_back(p, back, sizeof(back), &got, &failed, msg, sizeof(msg));
		CHECK_EQ_INT(got, WW_Z_NONE);
		CHECK_EQ_INT(m, 5000);
		CHECK(memcmp(back, plain, 5000) == 0);
	}

	/* a bomb: 64 MiB of zeros packed by zstd stops past the floor with the
	 * ratio named */
	{
		size_t big = 64u << 20, cap = ZSTD_compressBound(big);
		unsigned char *zeros = calloc(1, big), *z = malloc(cap);
		CHECK(zeros && z);
		if (zeros && z) {
			struct ww_source s;
			int err;
			const char *why;
			bool limit = false;
			n = ZSTD_compress(z, cap, zeros, big, 3);
			CHECK(!ZSTD_isError(n));
			CHECK_EQ_INT(ww_source_open(&s, put("bomb.zst", z, n), 0, &err, &why), WW_OK);
			m = 0;
			while ((i = fread(zeros, 1, 1u << 20, s.f)) > 0)
				m += i;
			CHECK(ferror(s.f));
			CHECK(ww_source_failed(&s, msg, sizeof(msg), &limit));
			CHECK(limit);
			CHECK(strstr(msg, "decompression bomb") != NULL);
			CHECK(m < big);
			ww_source_close(&s);
			/* with a caller's cap below the floor: the cap */
			CHECK_EQ_INT(ww_source_open(&s, put("bomb.zst", z, n), 1u << 20, &err, &why), WW_OK);
			while (fread(zeros, 1, 1u << 16, s.f) > 0)
				;
			CHECK(ww_source_failed(&s, msg, sizeof(msg), &limit));
			CHECK(limit && strstr(msg, "the cap for one input") != NULL);
			ww_source_close(&s);
		}
		free(zeros);
		free(z);
	}

	/* the sniffer's phrases */
	CHECK(strstr(ww_sniff_what((const unsigned char *)"\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8,
	                           WW_Z_NONE, "T", what, sizeof(what)), "wormwatch analyze"));
	CHECK(strstr(ww_sniff_what((const unsigned char *)"\x0c\xa5\x01\x00\x00\x00", 6, WW_Z_NONE,
	                           "T", what, sizeof(what)), "wormwatch flows"));
	CHECK(strstr(ww_sniff_what((const unsigned char *)"  <!DOCTYPE html><html>", 23, WW_Z_GZIP,
	                           "T", what, sizeof(what)), "gzip data holding an HTML page"));
	CHECK_EQ_STR(ww_sniff_what((const unsigned char *)"hello\nworld\n", 12, WW_Z_NONE, "T",
	                           what, sizeof(what)), "T");
	CHECK_EQ_STR(ww_sniff_what((const unsigned char *)"", 0, WW_Z_NONE, "T", what, sizeof(what)),
	             "empty");
	CHECK(strstr(ww_sniff_what((const unsigned char *)"\x1f\x8b\x08\x00\xff\xff", 6, WW_Z_NONE,
	                           "T", what, sizeof(what)), "gzip data"));
	CHECK(ww_sniff_capture((const unsigned char *)"\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a",
	                       12));
	CHECK(!ww_sniff_capture((const unsigned char *)"GET / HTTP/1.1", 14));

	for (i = 0; i < 4; i++) {
		static const char *const names[] = {"input.txt", "cut", "damaged", "two.gz"};
		char p[300];
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	{
		char p[300];
		snprintf(p, sizeof(p), "%s/plain.log", dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/bomb.zst", dir);
		unlink(p);
	}
	rmdir(dir);
	return ww_test_done();
}
