/* Included by every library source file: standard headers, the result type,
 * checked size arithmetic and, last, the banned functions. */
#ifndef WW_CORE_COMMON_H
#define WW_CORE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"

#define WW_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define WW_MIN(a, b) ((a) < (b) ? (a) : (b))
#define WW_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Checked size arithmetic: returns false on overflow. */
static inline bool ww_size_add(size_t a, size_t b, size_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}
static inline bool ww_size_mul(size_t a, size_t b, size_t *out)
{
	return !__builtin_mul_overflow(a, b, out);
}

/* Allocation that reports failure through the result type. */
void *ww_calloc(size_t n, size_t size);
void *ww_reallocarray(void *p, size_t n, size_t size);
/* Zeroed memory for a big table read at random: 2 MiB aligned, asking for
 * transparent huge pages. *mapped is what ww_big_free needs back. */
void *ww_big_alloc(size_t n, size_t size, size_t *mapped);
void ww_big_free(void *p, size_t mapped);

#include "core/banned.h"

#endif
