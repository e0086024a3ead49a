#include "core/common.h"

void *ww_calloc(size_t n, size_t size)
{
	size_t total;
	if (!ww_size_mul(n, size, &total))
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *ww_reallocarray(void *p, size_t n, size_t size)
{
	size_t total;
	if (!ww_size_mul(n, size, &total))
		return NULL;
	return realloc(p, total ? total : 1);
}
