#include "core/common.h"
#include "core/escape.h"

size_t ww_utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

static const char hexd[] = "0123456789abcdef";

void ww_esc_text(const char *str, ww_esc_emit_fn emit, void *ud)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	const unsigned char *run = s;
	while (*s) {
		size_t n = ww_utf8_len(s);
		unsigned char bad;
		char esc[4];
		if (n == 1 && *s >= 0x20 && *s != 0x7f) {
			s++;
			continue;
		}
		if (n > 1 && !(n == 2 && s[0] == 0xc2 && s[1] < 0xa0)) {
			s += n;
			continue;
		}
		/* a control, an invalid byte or a C1 control (shown by its code) */
		if (s > run)
			emit(ud, (const char *)run, (size_t)(s - run));
		bad = n == 2 ? s[1] : s[0];
		esc[0] = '\\';
		esc[1] = 'x';
		esc[2] = hexd[bad >> 4];
		esc[3] = hexd[bad & 15];
		emit(ud, esc, 4);
		s += n == 2 ? 2 : 1;
		run = s;
	}
	if (s > run)
		emit(ud, (const char *)run, (size_t)(s - run));
}

struct bufsink {
	char *d;
	size_t cap, len;
	int full;
};

static void buf_emit(void *ud, const char *p, size_t n)
{
	struct bufsink *b = ud;
	size_t room;
	if (b->full)
		return;
	room = b->cap - 1 - b->len;
	if (n > room) {
		/* never cut an escape; a UTF-8 sequence is cut at its start */
		if (n == 4 && p[0] == '\\') {
			b->full = 1;
			return;
		}
		n = room;
		while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		b->full = 1;
	}
	memcpy(b->d + b->len, p, n);
	b->len += n;
}

char *ww_esc_text_buf(char *dst, size_t cap, const char *s)
{
	struct bufsink b = {dst, cap, 0, 0};
	if (!cap)
		return dst;
	ww_esc_text(s, buf_emit, &b);
	dst[b.len] = '\0';
	return dst;
}

struct filesink {
	FILE *f;
};

static void file_emit(void *ud, const char *p, size_t n)
{
	struct filesink *fs = ud;
	fwrite(p, 1, n, fs->f);
}

int ww_esc_text_file(FILE *f, const char *s)
{
	struct filesink fs = {f};
	ww_esc_text(s, file_emit, &fs);
	return ferror(f);
}
