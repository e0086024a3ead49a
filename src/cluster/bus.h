/* The bus: one NATS connection with JetStream, the streams and buckets the
 * cluster uses, and the security options (docs/cluster.md).
 *
 *   WW_RECORDS   stream, subjects ww.rec.<partition>: sensors' records
 *   WW_VERDICTS  stream, subjects ww.verdict.{alert,final}.<partition>
 *   WW_CLUSTER   key-value bucket: "partitions" (set once by the first sensor)
 *   WW_LEASES    key-value bucket with a TTL: "part-<p>" = owning judge,
 *                "judge-<name>" = a judge's heartbeat */
#ifndef WW_CLUSTER_BUS_H
#define WW_CLUSTER_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include <nats/nats.h>

#include "core/result.h"

#define WW_BUS_RECORDS "WW_RECORDS"
#define WW_BUS_VERDICTS "WW_VERDICTS"
#define WW_BUS_META "WW_CLUSTER"
#define WW_BUS_LEASES "WW_LEASES"

struct ww_bus_opts {
	const char *url;        /* one or more nats:// or tls:// URLs, comma-separated */
	const char *token;
	const char *user, *password;
	const char *creds;      /* a .creds file (JWT + NKey seed) */
	const char *ca, *cert, *key; /* TLS: trusted CAs; client certificate and key */
	bool insecure;          /* allow a non-loopback server without TLS and auth */
	int replicas;           /* for streams and buckets the process creates (1..5) */
	int64_t lease_ms;       /* the leases' TTL */
	const char *client_name;
	/* asynchronous publishing (sensors): failures are counted here */
	jsPubAckErrHandler async_err;
	void *async_ud;
	int64_t async_max_pending;
};

struct ww_bus {
	natsConnection *nc;
	jsCtx *js;
	kvStore *meta, *leases;
};

void ww_bus_opts_init(struct ww_bus_opts *o);
/* getopt_long rows and their handling, shared by sensor, judge and results:
 * returns true if c was one of the bus options (then *bad is set on a bad
 * value). */
#define WW_BUS_LONGOPTS                                                    \
	{"nats", required_argument, NULL, 0x100},                          \
	{"token", required_argument, NULL, 0x101},                         \
	{"user", required_argument, NULL, 0x102},                          \
	{"password", required_argument, NULL, 0x103},                      \
	{"creds", required_argument, NULL, 0x104},                         \
	{"tls-ca", required_argument, NULL, 0x105},                        \
	{"tls-cert", required_argument, NULL, 0x106},                      \
	{"tls-key", required_argument, NULL, 0x107},                       \
	{"insecure", no_argument, NULL, 0x108},                            \
	{"replicas", required_argument, NULL, 0x109}
#define WW_BUS_USAGE                                                                 \
	"--nats URL[,URL...] [--token T | --user U --password P | --creds FILE] "   \
	"[--tls-ca FILE [--tls-cert FILE --tls-key FILE]] [--insecure] [--replicas N]"
bool ww_bus_opt(struct ww_bus_opts *o, int c, const char *arg, bool *bad);

/* Is every server named in the URL list on this machine (localhost,
 * 127/8, ::1)? */
bool ww_bus_url_loopback(const char *urls);
/* The refusal: a server elsewhere needs TLS and authentication unless
 * --insecure. WW_ERR_USAGE with the message printed. */
ww_rc ww_bus_check_security(const struct ww_bus_opts *o);

/* Connect (after the check) and open JetStream. WW_ERR_IO on failure, with
 * one line printed. */
ww_rc ww_bus_connect(const struct ww_bus_opts *o, struct ww_bus *b);
void ww_bus_close(struct ww_bus *b);

/* Create the streams and buckets if absent (idempotent). */
ww_rc ww_bus_setup(struct ww_bus *b, const struct ww_bus_opts *o);
/* The partition count in WW_CLUSTER: set it if absent (want > 0), else
 * read it; *n gets the value in force. wait_ms: how long to wait for a
 * sensor to set it when want == 0. */
ww_rc ww_bus_partitions(struct ww_bus *b, uint32_t want, int64_t wait_ms, uint32_t *n);

/* Messages stored in a stream now. */
ww_rc ww_bus_stream_msgs(struct ww_bus *b, const char *stream, uint64_t *n);

/* Publish with a JetStream ack and a Nats-Msg-Id; retried on a timeout
 * (the id makes a retry harmless). */
ww_rc ww_bus_publish(struct ww_bus *b, const char *subj, const void *data, int len,
                     const char *msg_id);
/* The same without waiting for the ack (o->async_err hears of failures);
 * ww_bus_flush waits for every outstanding ack. */
ww_rc ww_bus_publish_async(struct ww_bus *b, const char *subj, const void *data, int len,
                           const char *msg_id);
ww_rc ww_bus_flush(struct ww_bus *b, int64_t timeout_ms);

#endif
