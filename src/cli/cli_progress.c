/* The progress line (cli_progress.h). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cli/cli_progress.h"
#include "core/i18n.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROGRESS_AFTER_NS 1000000000LL  /* a run shorter than this shows nothing */
#define PROGRESS_EVERY_NS 250000000LL   /* at most four refreshes a second */

void cli_progress_init(struct cli_progress *p, const char *cmd, const char *unit, uint64_t total)
{
	memset(p, 0, sizeof(*p));
	p->on = isatty(STDERR_FILENO) == 1;
	p->cmd = cmd;
	p->unit = unit;
	p->total = total;
	p->start_ns = ww_mono_ns();
	p->next_ns = p->start_ns + PROGRESS_AFTER_NS;
}

static void human(uint64_t b, char *buf, size_t len)
{
	if (b >= 10ull << 30)
		snprintf(buf, len, "%.1f GB", (double)b / 1e9);
	else
		snprintf(buf, len, "%.1f MB", (double)b / 1e6);
}

void cli_progress_update(struct cli_progress *p, uint64_t bytes, uint64_t items, uint64_t hosts)
{
	char a[32], b[32];
	int64_t now;
	double secs;
	if (!p->on || (++p->calls & 1023))
		return;
	now = ww_mono_ns();
	if (now < p->next_ns)
		return;
	p->next_ns = now + PROGRESS_EVERY_NS;
	secs = (double)(now - p->start_ns) / 1e9;
	human(bytes, a, sizeof(a));
	/* "\r" and erase to the end of the line: one line, redrawn in place */
	fprintf(stderr, "\r\033[Kwormwatch %s: ", p->cmd);
	if (p->total) {
		unsigned pct = bytes >= p->total ? 99u : (unsigned)(100.0 * (double)bytes / (double)p->total);
		human(p->total, b, sizeof(b));
		fprintf(stderr, _("%u%% (%s of %s)"), pct, a, b);
	} else {
		fprintf(stderr, _("%s read"), a);
	}
	fprintf(stderr, _(", %llu %s, %.0f %s/s, hosts so far: %llu"), (unsigned long long)items, _(p->unit),
	        secs > 0 ? (double)items / secs : 0.0, _(p->unit), (unsigned long long)hosts);
	fflush(stderr);
	p->shown = true;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
}

uint64_t cli_progress_file_bytes(char *const *files, size_t n)
{
	uint64_t sum = 0;
	struct stat st;
	size_t i;
	for (i = 0; i < n; i++)
		if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
			sum += (uint64_t)st.st_size;
	return sum;
}

void cli_progress_on_line(void *ud, uint64_t bytes, uint64_t lines, size_t hosts)
{
	cli_progress_update(ud, bytes, lines, hosts);
}
