/* Encodings of collected Windows output, sniffed and converted to UTF-8 with
 * iconv(3):
 *   FF FE ...            UTF-16LE with BOM (reg export, PowerShell `>`)
 *   FE FF ...            UTF-16BE with BOM
 *   EF BB BF ...         UTF-8 with BOM
 *   NUL in odd bytes     UTF-16LE without BOM
 *   valid UTF-8          kept as is
 *   CP932 with kana      Japanese console output (cmd.exe redirect)
 *   anything else        CP850 (Western console code page; CP437's letters
 *                        are the same for the words that matter here) */
#include "core/common.h"
#include "host/host_encoding.h"

#include <errno.h>
#include <iconv.h>

static ww_rc convert(const char *from, const char *in, size_t inlen, struct ww_buf *out,
                     bool strict)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char chunk[8192];
	char *ip = (char *)(uintptr_t)in; /* iconv's prototype is not const */
	size_t left = inlen;
	ww_rc rc = WW_OK;
	if (cd == (iconv_t)-1)
		return WW_ERR_UNSUPPORTED;
	while (left) {
		char *op = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &ip, &left, &op, &room);
		if (op > chunk && (rc = ww_buf_add(out, chunk, (size_t)(op - chunk))) != WW_OK)
			break;
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			if (strict) {
				rc = WW_ERR_FORMAT;
				break;
			}
			/* invalid or incomplete: one replacement character, go on */
			if ((rc = ww_buf_adds(out, "?")) != WW_OK)
				break;
			ip++;
			left--;
		}
	}
	iconv_close(cd);
	return rc;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t k, need;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3;
		else
			return false;
		if (n - i <= need)
			return false;
		for (k = 1; k <= need; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += need + 1;
	}
	return true;
}

/* UTF-8 text with at least one hiragana or katakana (U+3040..U+30FF:
 * E3 81 80 .. E3 83 BF). */
static bool has_kana(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i + 2 < n; i++)
		if ((unsigned char)s[i] == 0xe3 && ((unsigned char)s[i + 1] >= 0x81 &&
		                                    (unsigned char)s[i + 1] <= 0x83))
			return true;
	return false;
}

static bool looks_utf16le(const unsigned char *s, size_t n)
{
	size_t i, odd_nul = 0, even_nul = 0, pairs = n / 2;
	if (pairs < 2)
		return false;
	if (pairs > 512)
		pairs = 512;
	for (i = 0; i < pairs; i++) {
		if (s[2 * i] == 0)
			even_nul++;
		if (s[2 * i + 1] == 0)
			odd_nul++;
	}
	return odd_nul * 2 > pairs && even_nul * 8 < pairs;
}

ww_rc ww_host_to_utf8(const char *in, size_t n, struct ww_buf *out, const char **encoding)
{
	const unsigned char *u = (const unsigned char *)in;
	ww_rc rc;
	ww_buf_reset(out);
	if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		*encoding = "UTF-16LE";
		return convert("UTF-16LE", in + 2, n - 2, out, false);
	}
	if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		*encoding = "UTF-16BE";
		return convert("UTF-16BE", in + 2, n - 2, out, false);
	}
	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*encoding = "UTF-8";
		return ww_buf_add(out, in + 3, n - 3);
	}
	if (looks_utf16le(u, n)) {
		*encoding = "UTF-16LE";
		return convert("UTF-16LE", in, n - (n & 1), out, false);
	}
	if (valid_utf8(u, n)) {
		*encoding = "UTF-8";
		return ww_buf_add(out, in, n);
	}
	rc = convert("CP932", in, n, out, true);
	if (rc == WW_OK && has_kana(out->s, out->len)) {
		*encoding = "CP932";
		return WW_OK;
	}
	if (rc == WW_ERR_NOMEM || rc == WW_ERR_LIMIT)
		return rc;
	ww_buf_reset(out);
	*encoding = "CP850";
	return convert("CP850", in, n, out, false);
}
