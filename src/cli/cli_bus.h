/* The bus options of the cluster commands (sensor, judge, results) as rows
 * of a command's option table (cli_out.h); their values are the codes
 * ww_bus_opt() takes (cluster/bus.h), none a short letter. */
#ifndef WW_CLI_CLI_BUS_H
#define WW_CLI_CLI_BUS_H

#include "cli/cli_out.h"

#define CLI_BUS_OPTIONS                                                                        \
	{"nats", 0x100, required_argument, "URL[,URL...]",                                     \
	 N_("the NATS servers (nats:// or tls://)")},                                          \
	{"token", 0x101, required_argument, "TOKEN", N_("authenticate with a token")},         \
	{"user", 0x102, required_argument, "USER", N_("authenticate as USER (with --password)")}, \
	{"password", 0x103, required_argument, "PASSWORD", N_("USER's password")},             \
	{"creds", 0x104, required_argument, "FILE", N_("authenticate with a .creds file (JWT and NKey)")}, \
	{"tls-ca", 0x105, required_argument, "FILE", N_("trust the certificate authorities in FILE (TLS)")}, \
	{"tls-cert", 0x106, required_argument, "FILE", N_("this client's certificate (TLS)")}, \
	{"tls-key", 0x107, required_argument, "FILE", N_("this client's private key (TLS)")},   \
	{"insecure", 0x108, no_argument, NULL,                                                 \
	 N_("allow a server elsewhere than loopback without TLS and authentication")},         \
	{"replicas", 0x109, required_argument, "N",                                            \
	 N_("replicas of the streams and buckets this run creates (1 to 5)")}

#endif
