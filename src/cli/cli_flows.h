/* A UDP collector of flow exports for the commands that take them
 * (`flows --listen`, `sensor --listen`): the socket, and the loop that
 * feeds each datagram to the flows library (flows/flows.h). */
#ifndef WW_CLI_CLI_FLOWS_H
#define WW_CLI_CLI_FLOWS_H

#include <signal.h>
#include <stdint.h>

#include "flows/flows.h"

/* Bind "127.0.0.1:2055", "[::1]:4739" or ":2055" (all IPv4 addresses; port
 * 0: the kernel picks one) and say on stderr where it collects. The socket,
 * or -1 with the error printed. */
int cli_flows_listen(const char *spec);

/* Feed the datagrams to f until *stop, count datagrams (0: no limit) or
 * idle seconds without one (0: no limit). Every 5 s, the connections quiet
 * for two minutes of the exporters' time are drained; then drained(ud,
 * horizon) is called, if given, with the time up to which they were.
 * Returns why it stopped: "signal", "count" or "idle". */
const char *cli_flows_collect(struct ww_flows *f, int fd, uint64_t count, double idle,
                              const volatile sig_atomic_t *stop,
                              void (*drained)(void *ud, int64_t horizon_us), void *ud);

#endif
