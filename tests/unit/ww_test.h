/* A minimal check harness for unit tests: CHECK records a failure and goes
 * on; ww_test_done() prints "N passed, N failed" and returns the exit code. */
#ifndef WW_TEST_H
#define WW_TEST_H

#include <stdio.h>
#include <string.h>

static int ww_t_pass, ww_t_fail;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (cond) {                                                    \
			ww_t_pass++;                                           \
		} else {                                                       \
			ww_t_fail++;                                           \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                              \
		}                                                              \
	} while (0)

#define CHECK_EQ_INT(a, b)                                                     \
	do {                                                                   \
		long long ww_a = (long long)(a), ww_b = (long long)(b);        \
		if (ww_a == ww_b) {                                            \
			ww_t_pass++;                                           \
		} else {                                                       \
			ww_t_fail++;                                           \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",  \
			        __FILE__, __LINE__, #a, ww_a, ww_b);           \
		}                                                              \
	} while (0)

#define CHECK_EQ_STR(a, b)                                                     \
	do {                                                                   \
		const char *ww_a = (a), *ww_b = (b);                           \
		if (ww_a && ww_b && strcmp(ww_a, ww_b) == 0) {                 \
			ww_t_pass++;                                           \
		} else {                                                       \
			ww_t_fail++;                                           \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
			        __FILE__, __LINE__, #a, ww_a ? ww_a : "(null)", \
			        ww_b ? ww_b : "(null)");                       \
		}                                                              \
	} while (0)

static inline int ww_test_done(void)
{
	printf("%d passed, %d failed\n", ww_t_pass, ww_t_fail);
	return ww_t_fail ? 1 : 0;
}

#endif
