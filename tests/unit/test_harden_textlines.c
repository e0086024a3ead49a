/* ww_next_line and ww_long_lines (core/textcur.c): an over-long line is
 * skipped whole, never handed out cut (issue 14 point 7); a cut row would
 * be parsed as if complete. */
#include "core/common.h"
#include "core/textcur.h"
#include "ww_test.h"

int main(void)
{
	const char text[] = "one\r\n0123456789\ntwo\n0123456789ab\r\nthree";
	size_t pos = 0, ln;
	const char *line;
	bool cut;
	unsigned long first[1];
	CHECK(ww_next_line(text, sizeof(text) - 1, &pos, 9, &line, &ln, &cut));
	CHECK(ln == 3 && memcmp(line, "one", 3) == 0 && !cut);
	CHECK(ww_next_line(text, sizeof(text) - 1, &pos, 9, &line, &ln, &cut));
	CHECK(ln == 3 && memcmp(line, "two", 3) == 0 && cut); /* 0123456789 skipped */
	CHECK(ww_next_line(text, sizeof(text) - 1, &pos, 9, &line, &ln, &cut));
	CHECK(ln == 5 && memcmp(line, "three", 5) == 0 && cut);
	CHECK(!ww_next_line(text, sizeof(text) - 1, &pos, 9, &line, &ln, &cut));
	/* exactly the maximum passes, the CR not counted */
	pos = 0;
	CHECK(ww_next_line(text, sizeof(text) - 1, &pos, 10, &line, &ln, &cut));
	CHECK(ww_next_line(text, sizeof(text) - 1, &pos, 10, &line, &ln, &cut));
	CHECK(ln == 10 && !cut);
	CHECK_EQ_INT(ww_long_lines(text, sizeof(text) - 1, 9, first, 1), 2);
	CHECK_EQ_INT(first[0], 2);
	CHECK_EQ_INT(ww_long_lines(text, sizeof(text) - 1, 12, first, 1), 0);
	/* an over-long last line: nothing more */
	pos = 0;
	CHECK(!ww_next_line("abcdef", 6, &pos, 3, &line, &ln, &cut));
	CHECK(cut);
	return ww_test_done();
}
