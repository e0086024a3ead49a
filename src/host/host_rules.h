/* Rules: turn the inventory into findings. Each rule raises c->exit_level
 * to the Kido meaning of what it found: 3 an active infection (a live
 * process behind malicious activity), 2 traces, 1 another host attacking
 * this one. */
#ifndef WW_HOST_RULES_H
#define WW_HOST_RULES_H

#include "host/host_inventory.h"

enum { WW_LEVEL_NONE = 0, WW_LEVEL_ATTACKED = 1, WW_LEVEL_TRACES = 2, WW_LEVEL_ACTIVE = 3 };

/* Run every rule; then, when c->inventory, add the "sockets" and
 * "processes" sections. */
ww_rc ww_host_rules(struct ww_host_ctx *c);
/* The report's overall steps from its (sorted) findings: every finding's
 * steps in order, each distinct step once. */
void ww_host_next_steps(struct ww_report *r);
/* host_dedupe.c: rows of the same socket from two outputs of one machine
 * (netstat -an and -abv) made one, owners merged; returns the rows dropped. */
size_t ww_host_sockets_dedupe(struct ww_host_ctx *c);

/* host_rules.c: sockets, processes, counters, --network. */
void ww_host_rules_activity(struct ww_host_ctx *c);
/* host_rules_persist.c: autostarts, services, HOSTS, files, tasks, shares. */
void ww_host_rules_persist(struct ww_host_ctx *c);
/* host_rules_hide.c: SHOWALL, NoFolderOptions, BootExecute. */
void ww_host_rules_hiding(struct ww_host_ctx *c);

/* Shared by both rule files. */
struct ww_finding *ww_host_finding(struct ww_host_ctx *c, enum ww_severity sev, int level,
                                   uint32_t src, unsigned long line);
const char *ww_host_fmt_endpoint(const struct ww_host_endpoint *e, char *buf, size_t len);
/* The service inside an svchost whose ServiceDll looks machine-made, from
 * the registry export: its name into svc, its ServiceDll into *dll. */
bool ww_host_suspect_service(const struct ww_host_ctx *c, const char *services, char *svc,
                             size_t svclen, const char **dll, const struct ww_host_regval **where);
/* The one service in the registry export whose ServiceDll looks machine-made
 * (false when none or several). */
bool ww_host_sole_suspect_service(const struct ww_host_ctx *c, char *svc, size_t svclen,
                                  const char **dll, const struct ww_host_regval **where);
/* A registry value that starts a program (Run keys, Winlogon, ...). */
bool ww_host_autostart_value(const struct ww_host_regval *v);
/* The key, value, hive and key time of a registry value into a finding. */
void ww_host_regval_fields(struct ww_host_ctx *c, struct ww_finding *f,
                           const struct ww_host_regval *v);
/* A name that can go into a cmd.exe command line as it is (letters,
 * digits, space and _ . - \ : $ % ( ) { }). */
bool ww_host_cmd_safe(const char *s);
/* The DLL path a rundll32/regsvr32 command line loads, into out. */
bool ww_host_loader_arg(const char *cmd, char *out, size_t outlen);
/* Quote name for cmd.exe into q (see core/quote.h). When it cannot be
 * quoted safely, add a step to f saying why and how to do it by hand
 * (by_hand: "remove it with regedit by hand") and return false: the caller
 * then prints no command. */
bool ww_host_cmd_word(struct ww_host_ctx *c, struct ww_finding *f, const char *what,
                      const char *name, char *q, size_t qlen, const char *by_hand);
/* A Conficker-style name: random-looking and not a known system stem. */
bool ww_host_machine_name(const char *base);

#endif
