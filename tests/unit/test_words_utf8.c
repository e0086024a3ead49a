/* Words for the person: a judgement string cut by its buffer ends on a
 * whole UTF-8 character (Japanese takes three bytes a character). */
#include "core/common.h"
#include "detect/detect.h"
#include "ww_test.h"

static void test_trim(void)
{
	char s[16];
	/* "ab" + U+611F (E6 84 9F) whole: kept */
	memcpy(s, "ab\xE6\x84\x9F", 6);
	ww_judge_utf8_trim(s);
	CHECK_EQ_INT(strlen(s), 5);
	/* cut after two of its three bytes: the part goes */
	memcpy(s, "ab\xE6\x84", 5);
	ww_judge_utf8_trim(s);
	CHECK(strcmp(s, "ab") == 0);
	/* cut after the lead byte */
	memcpy(s, "ab\xE6", 4);
	ww_judge_utf8_trim(s);
	CHECK(strcmp(s, "ab") == 0);
	/* a two-byte character whole, a four-byte one cut */
	memcpy(s, "x\xC3\xA9", 4);
	ww_judge_utf8_trim(s);
	CHECK_EQ_INT(strlen(s), 3);
	memcpy(s, "x\xF0\x9F\x98", 5);
	ww_judge_utf8_trim(s);
	CHECK(strcmp(s, "x") == 0);
	/* ASCII and the empty string untouched */
	memcpy(s, "plain", 6);
	ww_judge_utf8_trim(s);
	CHECK(strcmp(s, "plain") == 0);
	s[0] = '\0';
	ww_judge_utf8_trim(s);
	CHECK(s[0] == '\0');
	/* a real cut: vsnprintf of Japanese into a small judgement buffer */
	{
		struct ww_judgement *j = ww_calloc(1, sizeof(*j));
		char big[2000];
		size_t i, n;
		CHECK(j != NULL);
		if (!j)
			return;
		for (i = 0; i + 3 < sizeof(big) - 1; i += 3)
			memcpy(big + i, "\xE6\x84\x9F", 3);
		big[i] = '\0';
		ww_judge_add(j, false, "a%s", big);
		n = strlen(j->evidence[0]);
		CHECK(n < sizeof(j->evidence[0]));
		CHECK_EQ_INT((n - 1) % 3, 0); /* "a" + whole characters */
		free(j);
	}
}

int main(void)
{
	test_trim();
	return ww_test_done();
}
