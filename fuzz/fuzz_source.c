/* Fuzz the input layer (inputs/source.c, inputs/sniff.c, inputs/lines.c):
 * the bytes as a file (a memfd), told by content, decompressed through
 * gzip, bzip2, xz or zstd when they start like one, read line by line with
 * a small output cap, the head named by the sniffer. Nothing may be read
 * past a buffer, and a damaged stream must end in a clean error. */
#include "core/common.h"
#include "inputs/lines.h"
#include "inputs/sniff.h"
#include "inputs/source.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], what[256], msg[256];
	struct ww_source s;
	unsigned char buf[4096];
	const char *why;
	int err, fd = memfd_create("ww_fuzz_source", 0);
	size_t n, total = 0;
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	/* the stream with a 1 MiB cap on what comes out */
	if (ww_source_open(&s, path, 1u << 20, &err, &why) == WW_OK) {
		while ((n = fread(buf, 1, sizeof(buf), s.f)) > 0) {
			if (!total)
				ww_sniff_what(buf, n, s.kind, "text", what, sizeof(what));
			total += n;
		}
		if (ferror(s.f))
			(void)ww_source_failed(&s, msg, sizeof(msg), NULL);
		ww_source_close(&s);
	}
	/* the line reader over the same bytes */
	{
		struct ww_lines l;
		const char *line;
		size_t len;
		if (ww_lines_open(&l, path) == WW_OK) {
			while (ww_lines_next(&l, &line, &len) == WW_OK)
				if (len)
					(void)line[len - 1];
			ww_lines_release(&l);
		}
	}
	close(fd);
	return 0;
}
