#include "core/common.h"

#include <sys/mman.h>

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

#define HUGE_PAGE ((size_t)2 << 20)

/* Big tables that are read at random (the seen-filter, the probe rings):
 * zeroed pages straight from the kernel, on 2 MiB boundaries and marked
 * for transparent huge pages, so that a lookup costs one TLB entry per
 * 2 MiB instead of one per 4 KiB. Without huge pages it is plain memory. */
void *ww_big_alloc(size_t n, size_t size, size_t *mapped)
{
	size_t total, len;
	uint8_t *p, *aligned;
	*mapped = 0;
	if (!ww_size_mul(n, size, &total) || total > SIZE_MAX - 2 * HUGE_PAGE)
		return NULL;
	len = (total + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	if (len == 0)
		len = HUGE_PAGE;
	p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* trim to a 2 MiB boundary at both ends */
	aligned = (uint8_t *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (aligned > p)
		munmap(p, (size_t)(aligned - p));
	if (aligned + len < p + len + HUGE_PAGE)
		munmap(aligned + len, (size_t)(p + len + HUGE_PAGE - (aligned + len)));
#ifdef MADV_HUGEPAGE
	(void)madvise(aligned, len, MADV_HUGEPAGE); /* a hint: fine if refused */
#endif
	*mapped = len;
	return aligned;
}

void ww_big_free(void *p, size_t mapped)
{
	if (p && mapped)
		munmap(p, mapped);
}
