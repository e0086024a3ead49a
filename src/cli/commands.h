/* Subcommands of the wormwatch program.
 *
 * To add a subcommand: write `int cmd_<name>(int argc, char **argv)` in
 * cmd_<name>.c (argv[0] is the subcommand's name; parse options with
 * getopt_long), declare it here and add a row to ww_commands[] in main.c.
 * The contract: return an exit status (0..3 with the Kido meanings, 64 and
 * up for usage and input errors, see core/result.h); print errors with
 * ww_error(); write the report with cli_emit(), which checks every write. */
#ifndef WW_CLI_COMMANDS_H
#define WW_CLI_COMMANDS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "findings/finding.h"

struct ww_command {
	const char *name;
	const char *usage;
	const char *help;
	int (*run)(int argc, char **argv);
};

int cmd_analyze(int argc, char **argv);
int cmd_host(int argc, char **argv);
int cmd_nat(int argc, char **argv);
int cmd_logs(int argc, char **argv);
int cmd_flows(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_contain(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sensor(int argc, char **argv);
int cmd_judge(int argc, char **argv);
int cmd_results(int argc, char **argv);

/* Write the report to stdout as text or JSON; returns 0 or WW_EXIT_IOERR. */
int cli_emit(const struct ww_report *r, bool json);
/* Add a --home-net argument ("CIDR[,CIDR...]") to the list. On a bad one
 * prints the error, releases the list and returns WW_EXIT_USAGE; else 0. */
int cli_home_net(struct ww_netlist *home, const char *arg);
/* After "permission denied" on a live source (cli_privs.c): say what is
 * needed (root, or the capabilities) and how to grant them with setcap. */
void cli_privilege_hint(const char *what, const char *caps);
/* SIGINT/SIGTERM during a run over files (cli_stop.c): catch them into a
 * flag the readers poll; the signal caught (0 if none); mark a report
 * partial ("partial": true and a warning); the exit status 128 + signal. */
const volatile sig_atomic_t *cli_stop_catch(void);
int cli_stop_signal(void);
void cli_stop_mark(struct ww_report *r);
int cli_stop_status(void);
/* --since/--until TIME (cli_args.c, the parser `host --offline` uses):
 * false, with the message, when it is no time. */
bool cli_parse_when(const char *opt, const char *arg, int64_t *us);
/* The arguments joined by spaces (a trailing filter expression); NULL
 * when out of memory. */
char *cli_join_args(char *const *v, int n);
/* Print a command's usage line to stderr and return WW_EXIT_USAGE. */
int cli_usage(const char *name);
/* The usage line of a command (after "wormwatch "), from ww_commands[]. */
const char *cli_usage_line(const char *name);

#endif
