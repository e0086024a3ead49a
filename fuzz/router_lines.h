/* Shared by the router fuzz harnesses: hand every line of the input (and
 * every prefix of the first line, to cover cut-off lines) to a parser, each
 * copied to a buffer of exactly its size so that an over-read trips ASan. */
#ifndef WW_FUZZ_ROUTER_LINES_H
#define WW_FUZZ_ROUTER_LINES_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef void (*router_line_fn)(const char *line, size_t len);

static inline void router_one(router_line_fn fn, const uint8_t *p, size_t n)
{
	char *copy = malloc(n ? n : 1);
	if (!copy)
		return;
	memcpy(copy, p, n);
	fn(copy, n);
	free(copy);
}

static inline void router_lines(const uint8_t *data, size_t size, router_line_fn fn)
{
	size_t pos = 0, first_len, k;
	const uint8_t *nl = memchr(data, '\n', size);
	first_len = nl ? (size_t)(nl - data) : size;
	/* cut-off versions of the first line (bounded work per input) */
	for (k = 0; k < first_len && k < 512; k += 1 + k / 16)
		router_one(fn, data, k);
	while (pos < size) {
		const uint8_t *e = memchr(data + pos, '\n', size - pos);
		size_t n = e ? (size_t)(e - (data + pos)) : size - pos;
		router_one(fn, data + pos, n);
		pos += n + 1;
	}
}

#endif
