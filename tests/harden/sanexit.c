/* Issue 14 point 4: in a sanitizer build a sanitizer report exits with
 * WW_EXIT_SANITIZER (86), never with a verdict's 0..3. `sanexit ub` makes a
 * signed overflow, `sanexit heap` reads past a heap block; in a build
 * without sanitizers it exits 77 (skipped). It links wwcore, whose diag.c
 * holds the default options, as every program does. */
#include "core/result.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WW_SANITIZED 1
#else
#define WW_SANITIZED 0
#endif

int main(int argc, char **argv)
{
	volatile int big = INT_MAX;
	ww_diag_set_quiet(0);
	if (!WW_SANITIZED) {
		puts("not a sanitizer build: skipped");
		return 77;
	}
	if (argc > 1 && strcmp(argv[1], "ub") == 0) {
		int v = big + argc; /* signed overflow: UBSan */
		printf("%d\n", v);
	} else if (argc > 1 && strcmp(argv[1], "heap") == 0) {
		char *volatile p = malloc(4);
		volatile char c;
		if (!p)
			return 70;
		c = p[argc + 3]; /* past the block: ASan */
		printf("%d\n", c);
		free(p);
	}
	return 3; /* what a verdict would say: must not be reached */
}
