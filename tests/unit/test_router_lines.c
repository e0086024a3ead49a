/* Unit test for the block line reader: CRLF, over-long lines skipped whole
 * and counted (never handed out cut: issue 14 point 7), a last line without
 * a newline, lines across block boundaries. */
#include "core/common.h"
#include "inputs/lines.h"
#include "ww_test.h"

#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char path[] = "/tmp/ww_lines_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	struct ww_lines l;
	const char *line;
	size_t len, i, n = 0, longest = 0;
	unsigned long total = 0;
	CHECK(fd >= 0);
	if (fd < 0)
		return ww_test_done();
	f = fdopen(fd, "w");
	fputs("first\r\n", f);
	for (i = 0; i < 20000; i++)
		fputc('b', f);
	fputc('\n', f);
	/* enough short lines to cross the 1 MiB block boundary */
	for (i = 0; i < 150000; i++)
		fputs("0123456789\n", f);
	fputs("last", f);
	fclose(f);
	CHECK_EQ_INT(ww_lines_open(&l, path), WW_OK);
	while (ww_lines_next(&l, &line, &len) == WW_OK) {
		n++;
		if (n == 1)
			CHECK(len == 5 && memcmp(line, "first", 5) == 0);
		if (len > longest)
			longest = len;
		if (n > 1 && n < 150002)
			total += len == 10 && memcmp(line, "0123456789", 10) == 0;
		if (n == 150002)
			CHECK(len == 4 && memcmp(line, "last", 4) == 0);
	}
	CHECK_EQ_INT(n, 150002);
	CHECK_EQ_INT(total, 150000);
	CHECK_EQ_INT(longest, 10); /* the 20,000-byte line never came out */
	CHECK_EQ_INT(l.cut, 1);
	CHECK_EQ_INT(l.first_cut, 2);
	CHECK_EQ_INT(l.lineno, 150003);
	ww_lines_release(&l);
	unlink(path);
	/* a line longer than a whole block */
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		f = fdopen(fd, "w");
		for (i = 0; i < (5u << 19); i++)
			fputc('x', f);
		fputs("\nafter\n", f);
		fclose(f);
		CHECK_EQ_INT(ww_lines_open(&l, path), WW_OK);
		n = 0;
		while (ww_lines_next(&l, &line, &len) == WW_OK) {
			n++;
			if (n == 1)
				CHECK(len == 5 && memcmp(line, "after", 5) == 0);
		}
		CHECK_EQ_INT(n, 1);
		CHECK_EQ_INT(l.cut, 1);
		CHECK_EQ_INT(l.first_cut, 1);
		ww_lines_release(&l);
		unlink(path);
	}
	/* exactly the maximum passes (with a CR too); one byte more is skipped,
	 * and so is an over-long last line without a newline */
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		f = fdopen(fd, "w");
		for (i = 0; i < WW_LINES_MAX; i++)
			fputc('m', f);
		fputs("\r\n", f);
		for (i = 0; i < WW_LINES_MAX + 1; i++)
			fputc('o', f);
		fputs("\nok\n", f);
		for (i = 0; i < WW_LINES_MAX + 1; i++)
			fputc('t', f);
		fclose(f);
		CHECK_EQ_INT(ww_lines_open(&l, path), WW_OK);
		n = 0;
		while (ww_lines_next(&l, &line, &len) == WW_OK) {
			n++;
			if (n == 1)
				CHECK(len == WW_LINES_MAX && line[0] == 'm' && line[len - 1] == 'm');
			if (n == 2)
				CHECK(len == 2 && memcmp(line, "ok", 2) == 0);
		}
		CHECK_EQ_INT(n, 2);
		CHECK_EQ_INT(l.cut, 2);
		CHECK_EQ_INT(l.first_cut, 2);
		CHECK_EQ_INT(l.lineno, 4);
		ww_lines_release(&l);
		unlink(path);
	}
	CHECK_EQ_INT(ww_lines_open(&l, "/nonexistent/x"), WW_ERR_IO);
	ww_lines_release(&l);
	return ww_test_done();
}
