/* Fuzz the hive path of `host --offline`: the input is written to a
 * memory file and opened by libhivex as the registry hive it claims to be
 * (with the fallbacks for damaged hives: hivex's unsafe mode, then the
 * copy repaired from its whole pages), then read as each of SYSTEM,
 * SOFTWARE, NTUSER.DAT and SAM, and the inventory goes through every rule
 * and both report writers. libhivex is C: under ASan a mutated hive that
 * makes it (or the reader) step out of bounds is caught here. The seeds in
 * corpus/offline_hive/ are written by tests/offline/make-corpus.sh with
 * tests/offline_mkhive (not copied from ../shared). */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/common.h"
#include "host/host_indicators.h"
#include "host/host_rules.h"
#include "offline/offline_int.h"
#include "report/writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ww_hive_kind kinds[] = {WW_HIVE_SYSTEM, WW_HIVE_SOFTWARE,
	                                          WW_HIVE_NTUSER, WW_HIVE_SAM};
	struct ww_report r;
	struct ww_host_ctx c;
	struct ww_offline o;
	char path[64];
	size_t off = 0, i;
	int fd;
	if (size > 64u * 1024u * 1024u)
		return 0;
	fd = memfd_create("fuzz-hive", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ww_diag_set_quiet(1);
	ww_report_init(&r, "host");
	ww_host_ctx_init(&c, &r);
	c.inventory = true;
	(void)ww_host_indicators_load(&c, WW_DATADIR "/indicators");
	memset(&o, 0, sizeof(o));
	o.host = &c;
	o.report = &r;
	o.root = "/nonexistent";
	for (i = 0; i < WW_ARRAY_LEN(kinds) && off == size; i++)
		ww_off_read_hive(&o, path, "fuzz", kinds[i]);
	close(fd);
	if (ww_host_rules(&c) == WW_OK) {
		FILE *null = fopen("/dev/null", "w");
		if (null) {
			struct ww_out out;
			ww_out_init(&out, null);
			(void)ww_write_json(&out, &r);
			ww_out_init(&out, null);
			(void)ww_write_text(&out, &r);
			fclose(null);
		}
	}
	for (i = 0; i < o.timeline.n; i++) {
		free(o.timeline.v[i].source);
		free(o.timeline.v[i].what);
	}
	free(o.timeline.v);
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	return 0;
}
