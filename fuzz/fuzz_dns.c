/* Fuzz the DNS message parser (names, compression pointers, answers). */
#include "core/common.h"
#include "decode/dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_dns_msg m;
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ww_dns_parse(copy, size, &m);
	free(copy);
	return 0;
}
