/* Fuzz the file parsers of `host --offline`: the input is read as a Task
 * Scheduler 1.0 job, a Task Scheduler 2.0 XML task, a shortcut (.lnk) and
 * an autorun.inf, then every rule and both writers run over what they
 * added. The seeds in corpus/offline_files/ are written by
 * tests/offline/make-corpus.sh. */
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
	struct ww_report r;
	struct ww_host_ctx c;
	struct ww_offline o;
	char path[64], *target = NULL, *args = NULL;
	size_t off = 0;
	int fd;
	if (size > 4u * 1024u * 1024u)
		return 0;
	fd = memfd_create("fuzz-file", MFD_CLOEXEC);
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
	if (off == size) {
		ww_off_read_job(&o, path, "fuzz.job", "At1.job");
		ww_off_read_xml_task(&o, path, "Tasks/fuzz", "/fuzz");
		if (ww_off_read_lnk(&o, path, "fuzz.lnk", &target, &args)) {
			free(target);
			free(args);
		}
		ww_off_read_autorun(&o, path, "autorun.inf");
	}
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
	ww_host_ctx_release(&c);
	ww_report_release(&r);
	return 0;
}
