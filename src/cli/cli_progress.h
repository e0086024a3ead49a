/* Progress on standard error for a long run (analyze, logs, nat): bytes read of
 * the total, packets (or lines) a second, hosts so far. Shown only when
 * stderr is a terminal, only once a run has taken a second, refreshed at
 * most four times a second on one line ("\r" and erase-line), and erased at
 * the end so the report that follows starts on a clean line. Nothing at all
 * when stderr is a file or a pipe (scripts, cron, CI). */
#ifndef WW_CLI_CLI_PROGRESS_H
#define WW_CLI_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cli_progress {
	bool on;          /* stderr is a terminal */
	bool shown;       /* a line is on the screen */
	const char *cmd;
	const char *unit; /* "packets", "lines" */
	uint64_t total;   /* bytes of the inputs; 0: unknown (a pipe) */
	int64_t start_ns, next_ns;
	uint32_t calls;
};

void cli_progress_init(struct cli_progress *p, const char *cmd, const char *unit, uint64_t total);
/* Cheap enough per packet: looks at the clock once every 1024 calls. */
void cli_progress_update(struct cli_progress *p, uint64_t bytes, uint64_t items, uint64_t hosts);
/* The bytes of the regular files among files (a total for the line). */
uint64_t cli_progress_file_bytes(char *const *files, size_t n);
/* A ww_rt_run line hook (router/rt_run.h) that updates the progress ud. */
void cli_progress_on_line(void *ud, uint64_t bytes, uint64_t lines, size_t hosts);
/* Erase the line (if one was shown). */
void cli_progress_end(struct cli_progress *p);

#endif
