/* Fuzz the parser of nfdump's JSON output (what `nfdump -o json` prints for
 * an nfcapd file) and of Argus CSV, line by line. */
#include "core/common.h"
#include "flows/flows_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ww_nfj s;
	struct ww_argus a;
	size_t pos = 0;
	uint64_t sum = 0;
	ww_nfj_init(&s);
	ww_argus_init(&a);
	while (pos < size) {
		const uint8_t *e = memchr(data + pos, '\n', size - pos);
		size_t n = e ? (size_t)(e - (data + pos)) : size - pos;
		char *line = malloc(n ? n : 1); /* exact size */
		if (line) {
			struct ww_flowrec r;
			bool done = false;
			memcpy(line, data + pos, n);
			if (n <= WW_NFJ_MAX_LINE && ww_nfj_line(&s, line, n, &r, &done) == WW_OK && done)
				sum += r.pkts;
			if (!a.have_header)
				(void)ww_argus_header(&a, line, n);
			else if (ww_argus_line(&a, line, n, &r) == WW_OK)
				sum += r.bytes;
			free(line);
		}
		pos += n + 1;
	}
	return sum == 1 ? 0 : 0;
}
