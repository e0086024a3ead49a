/* The command line's shared conventions (cli_out.c):
 *
 *  - one option table per subcommand (struct cli_opt), used for getopt,
 *    for `wormwatch CMD --help` / `wormwatch help CMD` (a line per option)
 *    and for the usage line printed on an error (from ww_commands[]);
 *  - the output options every report-writing subcommand shares:
 *    -o/--output FILE, --format text|json|jsonl|csv, --json.
 *
 * A command's option loop:
 *
 *	static const struct cli_opt opts[] = {
 *		CLI_OUT_OPTIONS,
 *		{"home-net", 'H', required_argument, "CIDRS", N_("the inside network")},
 *		CLI_HELP_OPTION,
 *		{NULL, 0, 0, NULL, NULL},
 *	};
 *	struct cli_parse p;
 *	cli_parse_init(&p, "analyze", opts);
 *	while ((c = cli_next(&p, argc, argv)) != -1) {
 *		if ((k = cli_out_opt(&out, c, optarg)) != 0) { if (k < 0) bad; continue; }
 *		switch (c) {
 *		case 'h': return cli_help(&p);       (0)
 *		case '?': return WW_EXIT_USAGE;     (message and usage already printed)
 *		...
 *
 * Short letters mean one thing across every subcommand (tests/outputs
 * checks it): -o output file, -w write (evidence), -i interface, -f BPF
 * filter, -j JSON, -H home network, -h help. */
#ifndef WW_CLI_CLI_OUT_H
#define WW_CLI_CLI_OUT_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/i18n.h"
#include "findings/finding.h"
#include "report/writer.h"

#define CLI_MAX_OPTS 48

struct cli_opt {
	const char *name; /* long name without "--" */
	int val;          /* its short letter, or a code >= 256 when it has none */
	int has_arg;      /* no_argument, required_argument, optional_argument */
	const char *arg;  /* the argument's name in the help ("FILE"), or NULL */
	const char *help; /* one line, N_() (translated when printed) */
};

struct cli_parse {
	const char *cmd;
	const struct cli_opt *t;
	struct option lo[CLI_MAX_OPTS + 1];
	char shortopts[3 * CLI_MAX_OPTS + 2];
	bool in_order; /* operands returned as 1, in place ("-" first in shortopts) */
};

enum {
	CLI_OPT_FORMAT = 400,
	CLI_OPT_OUT_JSON,
};

#define CLI_OUT_OPTIONS                                                                        \
	{"output", 'o', required_argument, "FILE",                                             \
	 N_("write the output to FILE (not a symbolic link) instead of standard output")},    \
	{"format", CLI_OPT_FORMAT, required_argument, "FORMAT",                                \
	 N_("text (default), json, jsonl (a line per host or finding) or csv (a row per host)")}, \
	{"json", 'j', no_argument, NULL, N_("the same as --format json")}

#define CLI_HELP_OPTION {"help", 'h', no_argument, NULL, N_("print this help and exit")}

/* Build getopt's tables from t (at most CLI_MAX_OPTS rows); resets optind.
 * in_order: operands come back as 1 with optarg set, in order (verify). */
void cli_parse_init(struct cli_parse *p, const char *cmd, const struct cli_opt *t, bool in_order);
/* getopt_long over the table. An unknown option or a missing value prints
 * one error line and the usage line and returns '?'. */
int cli_next(struct cli_parse *p, int argc, char **argv);
/* The usage line, then a line per option, on stdout; returns 0 (or 74). */
int cli_help(const struct cli_parse *p);
/* Print the options of a table (for a help text of a command's own). */
void cli_help_options(FILE *f, const struct cli_opt *t);

/* -o/--format/--json */
struct cli_out {
	const char *cmd;
	const char *path;            /* NULL: standard output */
	const struct ww_writer *w;   /* text unless given */
	const char *format;          /* as given, for commands with formats of their own */
};

void cli_out_init(struct cli_out *o, const char *cmd);
/* One of CLI_OUT_OPTIONS: 1 taken, 0 not one of them, -1 bad (printed). */
int cli_out_opt(struct cli_out *o, int c, const char *arg);
bool cli_out_json(const struct cli_out *o); /* --format json or --json */

/* Open where the output goes: standard output, or the file (created 0644,
 * truncated; a symbolic link, FIFO or device is refused). NULL on error
 * (printed). cli_out_close checks every write and the close: 0 or 74. */
FILE *cli_out_open(const struct cli_out *o);
int cli_out_close(const struct cli_out *o, FILE *f, ww_rc rc, int err);

/* Write the report as the options say; 0, 74 (output) or 70. */
int cli_emit_out(const struct ww_report *r, const struct cli_out *o);
/* The same into f, opened earlier by cli_out_open (watch: alert lines went
 * there first); closes it. */
int cli_emit_to(const struct ww_report *r, const struct cli_out *o, FILE *f);

#endif
