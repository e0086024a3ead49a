/* offline_mkhive: write registry hives for the offline tests and the fuzz
 * corpus. A new hive is laid out here (the regf base block, one hbin page,
 * the root key and its security cell), because libhivex can edit a hive but
 * not create one; every key and value is then added through libhivex's own
 * writing API and committed by it.
 *
 *   offline_mkhive OUT [--from BASE] OP...
 *
 * OP (PATH is backslash-separated below the root, NAME "@" is the default):
 *   key PATH                   make the key (and its parents)
 *   sz PATH NAME TEXT          REG_SZ          expand PATH NAME TEXT  REG_EXPAND_SZ
 *   multi PATH NAME A|B|C      REG_MULTI_SZ    dword PATH NAME N      REG_DWORD
 *   raw PATH NAME TYPE HEX     any type number with the bytes given in hex
 *   patch FROMHEX TOHEX        after the commit, replace the first match in
 *                              the file (to damage a name on purpose)
 *   truncate N                 after the commit, cut the file to N bytes
 *   breakvalue PATH NAME       after the commit, point the value's data at
 *                              an offset outside the hive
 *   stamp PATH UNIXSECONDS     after the commit, set the key's last-write
 *                              time (hivex gives new keys the hive's time)
 * Test tooling only: it trusts its arguments. */
#define _GNU_SOURCE
#include <errno.h>
#include <hivex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

/* 2026-01-01T00:00:00Z as a FILETIME: a fixed time, so the files are the
 * same at every run. */
#define FT_FIXED 134116992000000000ULL

static int write_empty(const char *path)
{
	static unsigned char f[8192];
	unsigned char *hb = f + 4096, *nk = hb + 0x20, *sk = nk + 0x58, *fr = sk + 0x30;
	uint32_t sum = 0;
	size_t i;
	FILE *out;
	memset(f, 0, sizeof(f));
	memcpy(f, "regf", 4);
	put32(f + 4, 1);
	put32(f + 8, 1);
	put32(f + 0xc, (uint32_t)FT_FIXED);
	put32(f + 0x10, (uint32_t)(FT_FIXED >> 32));
	put32(f + 0x14, 1); /* major */
	put32(f + 0x18, 3); /* minor */
	put32(f + 0x1c, 0); /* primary file */
	put32(f + 0x20, 1); /* direct memory load */
	put32(f + 0x24, 0x20); /* root key cell */
	put32(f + 0x28, 4096); /* size of the hive bins */
	put32(f + 0x2c, 1);
	for (i = 0; i < 0x1fc; i += 4)
		sum ^= (uint32_t)f[i] | (uint32_t)f[i + 1] << 8 | (uint32_t)f[i + 2] << 16 |
		       (uint32_t)f[i + 3] << 24;
	put32(f + 0x1fc, sum);
	memcpy(hb, "hbin", 4);
	put32(hb + 4, 0);
	put32(hb + 8, 4096);
	/* the root key: 0x50 bytes of record and its 4-letter name */
	put32(nk, (uint32_t)-0x58);
	memcpy(nk + 4, "nk", 2);
	put16(nk + 6, 0x2c); /* hive entry, no delete, compressed name */
	put32(nk + 8, (uint32_t)FT_FIXED);
	put32(nk + 0xc, (uint32_t)(FT_FIXED >> 32));
	put32(nk + 0x14, 0xffffffffu);
	put32(nk + 0x20, 0xffffffffu);
	put32(nk + 0x24, 0xffffffffu);
	put32(nk + 0x2c, 0xffffffffu);
	put32(nk + 0x30, 0x78); /* the sk cell below */
	put32(nk + 0x34, 0xffffffffu);
	put16(nk + 0x4c, 4);
	memcpy(nk + 0x50, "ROOT", 4);
	/* one security cell, linked to itself, with an empty self-relative
	 * descriptor */
	put32(sk, (uint32_t)-0x30);
	memcpy(sk + 4, "sk", 2);
	put32(sk + 8, 0x78);
	put32(sk + 0xc, 0x78);
	put32(sk + 0x10, 1);
	put32(sk + 0x14, 20);
	sk[0x18] = 1;
	put16(sk + 0x1a, 0x8000);
	/* the rest of the page is one free cell */
	put32(fr, (uint32_t)(4096 - (size_t)(fr - hb)));
	out = fopen(path, "wb");
	if (!out || fwrite(f, 1, sizeof(f), out) != sizeof(f) || fclose(out) != 0) {
		fprintf(stderr, "offline_mkhive: cannot write '%s'\n", path);
		return 1;
	}
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	static char buf[65536];
	size_t n;
	int rc = 0;
	if (!in || !out) {
		fprintf(stderr, "offline_mkhive: cannot copy '%s' to '%s': %s\n", from, to,
		        strerror(errno));
		if (in)
			fclose(in);
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = 1;
	if (ferror(in))
		rc = 1;
	fclose(in);
	if (fclose(out) != 0)
		rc = 1;
	return rc;
}

static hive_node_h walk(hive_h *h, const char *path, int create)
{
	hive_node_h n = hivex_root(h);
	char buf[1024], *p, *save = NULL;
	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf; n && p && *p;) {
		char *e = strchr(p, '\\');
		hive_node_h c;
		if (e)
			*e = '\0';
		(void)save;
		if (*p) {
			errno = 0;
			c = hivex_node_get_child(h, n, p);
			if (!c && create)
				c = hivex_node_add_child(h, n, p);
			n = c;
		}
		p = e ? e + 1 : NULL;
	}
	return n;
}

/* UTF-8 (the tests use ASCII and a few BMP letters) to UTF-16LE, with the
 * terminating NUL; multi turns '|' into string ends and adds the final one. */
static size_t utf16(const char *s, int multi, unsigned char *out, size_t cap)
{
	size_t o = 0;
	const unsigned char *u = (const unsigned char *)s;
	while (*u && o + 6 < cap) {
		uint32_t cp = *u++;
		if (cp >= 0xc0 && (*u & 0xc0) == 0x80) {
			if (cp < 0xe0) {
				cp = (cp & 0x1f) << 6 | (*u++ & 0x3f);
			} else if (u[1]) {
				cp = (cp & 0x0f) << 12 | (uint32_t)(u[0] & 0x3f) << 6 | (u[1] & 0x3f);
				u += 2;
			}
		}
		if (multi && cp == '|')
			cp = 0;
		out[o++] = (unsigned char)cp;
		out[o++] = (unsigned char)(cp >> 8);
	}
	out[o++] = 0;
	out[o++] = 0;
	if (multi) {
		out[o++] = 0;
		out[o++] = 0;
	}
	return o;
}

static int hexbytes(const char *s, unsigned char *out, size_t cap)
{
	size_t n = 0;
	while (s[0] && s[1] && n < cap) {
		char b[3] = {s[0], s[1], 0};
		out[n++] = (unsigned char)strtoul(b, NULL, 16);
		s += 2;
	}
	return (int)n;
}

static int set_value(hive_h *h, const char *path, const char *name, int type,
                     unsigned char *bytes, size_t len)
{
	hive_node_h n = walk(h, path, 1);
	hive_set_value v;
	char key[1024];
	if (!n) {
		fprintf(stderr, "offline_mkhive: cannot make key '%s': %s\n", path, strerror(errno));
		return 1;
	}
	snprintf(key, sizeof(key), "%s", strcmp(name, "@") == 0 ? "" : name);
	v.key = key;
	v.t = (hive_type)type;
	v.len = len;
	v.value = (char *)bytes;
	if (hivex_node_set_value(h, n, &v, 0) != 0) {
		fprintf(stderr, "offline_mkhive: cannot set '%s' in '%s': %s\n", name, path,
		        strerror(errno));
		return 1;
	}
	return 0;
}

/* A node handle of hivex is the record's offset in the file; the time is
 * the 64-bit FILETIME 8 bytes into the nk record. */
static int stamp(const char *file, const char *path, const char *secs)
{
	hive_h *h = hivex_open(file, 0);
	hive_node_h n;
	unsigned long long ft = (unsigned long long)strtoull(secs, NULL, 10) * 10000000ULL +
	                        116444736000000000ULL;
	unsigned char b[8];
	FILE *f;
	int i;
	if (!h)
		return 1;
	n = walk(h, path, 0);
	hivex_close(h);
	if (!n) {
		fprintf(stderr, "offline_mkhive: stamp: no key '%s'\n", path);
		return 1;
	}
	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(ft >> (8 * i));
	f = fopen(file, "r+b");
	if (!f || fseek(f, (long)n + 8, SEEK_SET) != 0 || fwrite(b, 1, 8, f) != 8) {
		if (f)
			fclose(f);
		return 1;
	}
	return fclose(f) != 0;
}

/* A value handle is the vk record's offset in the file: size (4), "vk",
 * name length (2), data length (4), data offset (4). */
static int break_value(const char *file, const char *path, const char *name)
{
	hive_h *h = hivex_open(file, 0);
	hive_node_h n;
	hive_value_h v = 0;
	unsigned char b[4] = {0xf0, 0xff, 0xff, 0x7f};
	FILE *f;
	if (!h)
		return 1;
	n = walk(h, path, 0);
	if (n)
		v = hivex_node_get_value(h, n, name);
	hivex_close(h);
	if (!v) {
		fprintf(stderr, "offline_mkhive: breakvalue: no value '%s' in '%s'\n", name, path);
		return 1;
	}
	f = fopen(file, "r+b");
	if (!f || fseek(f, (long)v + 12, SEEK_SET) != 0 || fwrite(b, 1, 4, f) != 4) {
		if (f)
			fclose(f);
		return 1;
	}
	return fclose(f) != 0;
}

static int patch_file(const char *path, const char *from, const char *to, long truncate_at)
{
	FILE *f = fopen(path, "r+b");
	unsigned char *buf, a[256], b[256];
	long n;
	int an, bn;
	if (!f)
		return 1;
	if (truncate_at >= 0) {
		fclose(f);
		return truncate(path, truncate_at) != 0;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return 1;
	}
	an = hexbytes(from, a, sizeof(a));
	bn = hexbytes(to, b, sizeof(b));
	if (an != bn || an == 0) {
		free(buf);
		fclose(f);
		return 1;
	}
	for (long i = 0; i + an <= n; i++) {
		if (memcmp(buf + i, a, (size_t)an) == 0) {
			fseek(f, i, SEEK_SET);
			fwrite(b, 1, (size_t)bn, f);
			free(buf);
			return fclose(f) != 0;
		}
	}
	fprintf(stderr, "offline_mkhive: patch: bytes %s not found\n", from);
	free(buf);
	fclose(f);
	return 1;
}

int main(int argc, char **argv)
{
	const char *out, *from = NULL;
	char tmp[4096];
	hive_h *h;
	int i = 2, rc = 0;
	static unsigned char data[65536];
	if (argc < 2) {
		fprintf(stderr, "usage: offline_mkhive OUT [--from BASE] OP...\n");
		return 64;
	}
	out = argv[1];
	if (argc > 3 && strcmp(argv[2], "--from") == 0) {
		from = argv[3];
		i = 4;
	}
	snprintf(tmp, sizeof(tmp), "%s.base", out);
	if (from) {
		if (copy_file(from, tmp))
			return 1;
	} else if (write_empty(tmp)) {
		return 1;
	}
	h = hivex_open(tmp, HIVEX_OPEN_WRITE);
	if (!h) {
		fprintf(stderr, "offline_mkhive: cannot open '%s': %s\n", tmp, strerror(errno));
		return 1;
	}
	for (; i < argc && !rc; i++) {
		const char *op = argv[i];
		if (strcmp(op, "key") == 0 && i + 1 < argc) {
			if (!walk(h, argv[++i], 1)) {
				fprintf(stderr, "offline_mkhive: cannot make key '%s'\n", argv[i]);
				rc = 1;
			}
		} else if ((strcmp(op, "sz") == 0 || strcmp(op, "expand") == 0 ||
		            strcmp(op, "multi") == 0) && i + 3 < argc) {
			size_t n = utf16(argv[i + 3], op[0] == 'm', data, sizeof(data));
			rc = set_value(h, argv[i + 1], argv[i + 2],
			               op[0] == 's' ? hive_t_REG_SZ
			               : op[0] == 'e' ? hive_t_REG_EXPAND_SZ : hive_t_REG_MULTI_SZ,
			               data, n);
			i += 3;
		} else if (strcmp(op, "dword") == 0 && i + 3 < argc) {
			put32(data, (uint32_t)strtoul(argv[i + 3], NULL, 0));
			rc = set_value(h, argv[i + 1], argv[i + 2], hive_t_REG_DWORD, data, 4);
			i += 3;
		} else if (strcmp(op, "raw") == 0 && i + 4 < argc) {
			int n = hexbytes(argv[i + 4], data, sizeof(data));
			rc = set_value(h, argv[i + 1], argv[i + 2], (int)strtol(argv[i + 3], NULL, 0),
			               data, (size_t)n);
			i += 4;
		} else if ((strcmp(op, "stamp") == 0 || strcmp(op, "breakvalue") == 0) &&
		           i + 2 < argc) {
			i += 2; /* done after the commit */
		} else if ((strcmp(op, "patch") == 0 && i + 2 < argc) ||
		           (strcmp(op, "truncate") == 0 && i + 1 < argc)) {
			i += op[0] == 'p' ? 2 : 1; /* done after the commit */
		} else {
			fprintf(stderr, "offline_mkhive: bad operation '%s'\n", op);
			rc = 64;
		}
	}
	if (!rc && hivex_commit(h, out, 0) != 0) {
		fprintf(stderr, "offline_mkhive: cannot commit '%s': %s\n", out, strerror(errno));
		rc = 1;
	}
	hivex_close(h);
	unlink(tmp);
	for (i = 2; !rc && i < argc; i++) {
		if (strcmp(argv[i], "patch") == 0 && i + 2 < argc) {
			rc = patch_file(out, argv[i + 1], argv[i + 2], -1);
			i += 2;
		} else if (strcmp(argv[i], "truncate") == 0 && i + 1 < argc) {
			rc = patch_file(out, "", "", strtol(argv[i + 1], NULL, 0));
			i += 1;
		} else if (strcmp(argv[i], "breakvalue") == 0 && i + 2 < argc) {
			rc = break_value(out, argv[i + 1], argv[i + 2]);
			i += 2;
		} else if (strcmp(argv[i], "stamp") == 0 && i + 2 < argc) {
			rc = stamp(out, argv[i + 1], argv[i + 2]);
			i += 2;
		} else if (strcmp(argv[i], "raw") == 0) {
			i += 4;
		} else if (strcmp(argv[i], "key") == 0) {
			i += 1;
		} else if (strcmp(argv[i], "--from") == 0) {
			i += 1;
		} else if (strcmp(argv[i], "sz") == 0 || strcmp(argv[i], "expand") == 0 ||
		           strcmp(argv[i], "multi") == 0 || strcmp(argv[i], "dword") == 0) {
			i += 3;
		}
	}
	return rc;
}
