/* The terminal escaper (core/escape.c) and the command quoting
 * (core/quote.c), byte for byte. */
#include "core/escape.h"
#include "core/quote.h"
#include "ww_test.h"

static const char *esc(const char *s)
{
	static char b[256];
	return ww_esc_text_buf(b, sizeof(b), s);
}

static const char *q(enum ww_shell sh, const char *s)
{
	static char b[256];
	const char *why = NULL;
	if (!ww_quote(sh, s, b, sizeof(b), &why))
		return why ? why : "(refused without a reason)";
	return b;
}

int main(void)
{
	char small[8];
	const char *why;

	/* terminal escaper */
	CHECK_EQ_STR(esc("plain.exe"), "plain.exe");
	CHECK_EQ_STR(esc("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
	CHECK_EQ_STR(esc("a\x1b[2Jb"), "a\\x1b[2Jb");
	CHECK_EQ_STR(esc("line\nforged\r\t"), "line\\x0aforged\\x0d\\x09");
	CHECK_EQ_STR(esc("del\x7f"), "del\\x7f");
	CHECK_EQ_STR(esc("c1 \xc2\x9b" "2J"), "c1 \\x9b2J");          /* CSI as U+009B */
	CHECK_EQ_STR(esc("raw c1 \x9b"), "raw c1 \\x9b");              /* invalid UTF-8 */
	CHECK_EQ_STR(esc("\xc3\xa9t\xc3\xa9 \xe6\x97\xa5"), "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5");
	CHECK_EQ_STR(esc("\xc0\xaf"), "\\xc0\\xaf");                   /* overlong */
	CHECK_EQ_STR(esc("\xed\xa0\x80"), "\\xed\\xa0\\x80");          /* surrogate */
	CHECK_EQ_STR(esc("cut \xe6\x97"), "cut \\xe6\\x97");
	CHECK_EQ_STR(esc("\xc2\xa0nbsp"), "\xc2\xa0nbsp");
	/* a small buffer never cuts an escape or a UTF-8 sequence */
	CHECK_EQ_STR(ww_esc_text_buf(small, sizeof(small), "abcde\x1b"), "abcde");
	CHECK_EQ_STR(ww_esc_text_buf(small, sizeof(small), "abcde\xc3\xa9"), "abcde\xc3\xa9");
	CHECK_EQ_STR(ww_esc_text_buf(small, sizeof(small), "abcdef\xc3\xa9"), "abcdef");

	/* cmd.exe */
	CHECK_EQ_STR(q(WW_SHELL_CMD, "Shared"), "\"Shared\"");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "Video Process"), "\"Video Process\"");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "HKLM\\Software\\Run"), "\"HKLM\\Software\\Run\"");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "\xe5\x85\xb1\xe6\x9c\x89"), "\"\xe5\x85\xb1\xe6\x9c\x89\"");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "X\" & calc.exe & \"x"),
	             "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "x&calc"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "%COMSPEC%"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a!b!"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a^b"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a|b"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a<b"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a>b"), "it contains characters cmd.exe would interpret");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a\nb"), "it contains a control character");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a\x1b[2J"), "it contains a control character");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a\xc2\x85"), "it contains a control character");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "a\xff"), "it is not valid UTF-8");
	CHECK_EQ_STR(q(WW_SHELL_CMD, "C:\\dir\\"),
	             "it ends with a backslash, which would escape the closing quote");
	CHECK(!ww_quote(WW_SHELL_CMD, "abcdefgh", small, sizeof(small), &why));
	CHECK_EQ_STR(why, "it is too long to print as a command");
	CHECK_EQ_STR(small, "");
	CHECK(ww_quote(WW_SHELL_CMD, "abcde", small, sizeof(small), &why));
	CHECK_EQ_STR(small, "\"abcde\"");

	/* sh */
	CHECK_EQ_STR(q(WW_SHELL_SH, "/usr/lib/x.so"), "'/usr/lib/x.so'");
	CHECK_EQ_STR(q(WW_SHELL_SH, "it's $(rm -rf /) `x` \"y\""),
	             "'it'\\''s $(rm -rf /) `x` \"y\"'");
	CHECK_EQ_STR(q(WW_SHELL_SH, "a\nb"), "it contains a control character");

	/* PowerShell */
	CHECK_EQ_STR(q(WW_SHELL_PS, "x$(calc)"), "'x$(calc)'");
	CHECK_EQ_STR(q(WW_SHELL_PS, "it's"), "'it''s'");
	CHECK_EQ_STR(q(WW_SHELL_PS, "a\xe2\x80\x99;calc;\xe2\x80\x98"),
	             "'a\xe2\x80\x99\xe2\x80\x99;calc;\xe2\x80\x98\xe2\x80\x98'");
	CHECK_EQ_STR(q(WW_SHELL_PS, "a\x07"), "it contains a control character");
	return ww_test_done();
}
