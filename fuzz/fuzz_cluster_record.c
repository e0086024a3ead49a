/* Fuzz what a judge and the results reader take off the bus, both hostile:
 * first byte even: the rest is a sequence of records (2-byte big-endian
 * length, then the message), each decoded and, when it decodes, fed to a
 * partition (merge, engine, counts) that then writes its final message;
 * first byte odd: the rest is one partition's final message (JSON) merged
 * into a report as `wormwatch results` does. */
#include "core/common.h"
#include "cluster/part.h"
#include "cluster/record.h"
#include "cluster/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void records(const uint8_t *d, size_t n)
{
	struct ww_netlist home;
	struct ww_part p;
	size_t off = 0;
	uint64_t sseq = 1;
	char *json = NULL;
	size_t len = 0;
	ww_netlist_init(&home);
	if (ww_netlist_add_private(&home))
		return;
	if (ww_part_init(&p, 0, 1, &home, 0, NULL, NULL)) {
		ww_netlist_release(&home);
		return;
	}
	while (off + 2 <= n) {
		size_t l = (size_t)d[off] << 8 | d[off + 1];
		struct ww_rec r;
		uint8_t *copy;
		off += 2;
		if (l > n - off)
			l = n - off;
		/* an exact-size copy: an over-read is an ASan report */
		copy = malloc(l ? l : 1);
		if (!copy)
			break;
		memcpy(copy, d + off, l);
		(void)ww_rec_decode(copy, l, &r);
		ww_part_add(&p, sseq++, copy, l);
		/* and once more: the same stream sequence is a duplicate */
		if (sseq % 3 == 0)
			ww_part_add(&p, sseq - 1, copy, l);
		ww_part_release_ready(&p);
		free(copy);
		off += l;
	}
	if (ww_part_complete(&p) && !ww_part_final_json(&p, "fuzz", &json, &len))
		free(json);
	ww_part_release(&p);
	ww_netlist_release(&home);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	ww_diag_set_quiet(1);
	if (data[0] & 1) {
		struct ww_report r;
		struct ww_results_counts c;
		unsigned rank = 0;
		char *copy = malloc(size);
		if (!copy)
			return 0;
		memcpy(copy, data + 1, size - 1);
		memset(&c, 0, sizeof(c));
		ww_report_init(&r, "analyze");
		(void)ww_results_merge_final(copy, size - 1, &r, &c, NULL, &rank);
		ww_report_release(&r);
		free(copy);
	} else {
		records(data + 1, size - 1);
	}
	return 0;
}
