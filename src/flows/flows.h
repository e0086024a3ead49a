/* Flow records in: NetFlow v5, v9 and IPFIX (from datagrams, pcap/pcapng
 * captures of them, raw IPFIX files), nfcapd files (read through nfdump's
 * own tool) and Argus bidirectional CSV (.binetflow). Each flow record is
 * paired with its reverse flow where the export is unidirectional, and each
 * connection becomes one struct ww_attempt with the outcome flows can tell
 * (docs/flows.md): the same attempt the router logs hand to the engine.
 *
 * The attempts come out through a callback, in start-time order within
 * each drain, so the command (`wormwatch flows`) and a sensor can both use
 * this: open, feed files or datagrams, drain now and then (live) or at the
 * end (files), report the input counts and warnings, close. */
#ifndef WW_FLOWS_FLOWS_H
#define WW_FLOWS_FLOWS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"
#include "findings/finding.h"
#include "state/engine.h"

typedef void (*ww_flows_attempt_fn)(void *ud, const struct ww_attempt *a);

struct ww_flows_opts {
	ww_flows_attempt_fn on_attempt;
	void *ud;
	size_t max_conns;      /* connections held before a forced drain (0: 1,048,576) */
	const char *nfdump;    /* the nfdump program (NULL: "nfdump" on PATH) */
	uint64_t seed;         /* hash key (0: random) */
	const volatile sig_atomic_t *stop; /* set (SIGINT/SIGTERM): files stop being read */
};

/* Where a datagram came from: the exporter (address and UDP port), when it
 * arrived (0: unknown) and, for messages, where it was read. */
struct ww_flows_from {
	struct ww_addr addr;
	uint16_t port;
	int64_t recv_us;
	const char *origin;    /* file name, NULL for the network */
	const char *unit;      /* what offset counts: "offset" (bytes), "packet" */
	uint64_t offset;       /* in the file, or the datagram's number */
};

/* The input counts a report shows (r.input). */
struct ww_flows_stats {
	uint64_t files, datagrams, messages, flows, attempts;
	uint64_t v5, v9, ipfix, nfdump, argus;        /* flow records by format */
	uint64_t exporters;
	uint64_t bad_datagrams;     /* not a flow export, or cut short */
	uint64_t not_exports;       /* UDP packets in a capture that were not exports */
	uint64_t fragments;         /* IP fragments of exports (not reassembled) */
	uint64_t lost_datagrams;    /* v9: export packets missing by sequence number */
	uint64_t lost_flows;        /* v5, IPFIX: flow records missing by sequence number */
	uint64_t seq_resets;        /* sequence numbers that went back (restart) */
	uint64_t no_template_sets;  /* data sets before (or without) their template */
	uint64_t no_template_bytes;
	uint64_t template_errors;   /* malformed templates or sets */
	uint64_t withdrawals;       /* IPFIX template withdrawals */
	uint64_t options_records;   /* options records (sampling, exporter stats) */
	uint64_t sampled_flows;     /* flow records that were sampled (1 in N) */
	uint32_t max_sampling;      /* largest N seen */
	uint64_t skewed_flows;      /* times far from the export time */
	uint64_t clock_skews;       /* exporter clocks far from the receive time */
	uint64_t reboots;           /* exporters whose boot time moved */
	uint64_t paired, one_sided, biflows;
	uint64_t icmp_errors, icmp_attributed;
	uint64_t forced_drains;     /* the connection table was full */
	uint64_t no_flows_files;    /* files that held no flow record */
	bool private_seen;          /* some flow had a private address */
};

struct ww_flows;

ww_rc ww_flows_open(const struct ww_flows_opts *o, struct ww_flows **out);
void ww_flows_close(struct ww_flows *f);

/* One export datagram or message (NetFlow v5, v9 or IPFIX, told apart by
 * the version field). WW_ERR_FORMAT / WW_ERR_TRUNCATED / WW_ERR_UNSUPPORTED
 * for a datagram that is not one (counted; a warning names where); never
 * fatal to the run. */
ww_rc ww_flows_feed_datagram(struct ww_flows *f, const uint8_t *p, size_t len,
                             const struct ww_flows_from *from);

/* A whole file ("-": standard input), recognised by its content, also
 * when gzip'd, bzip2'd, xz'd or zstd'd: pcap/pcapng (UDP payloads that
 * are flow exports), nfcapd (through `nfdump -r FILE -o json`), raw IPFIX
 * (RFC 5655), Argus CSV. WW_ERR_IO: it could not be opened or read;
 * WW_ERR_FORMAT: not a format of flows, or no flow record in it (one line
 * naming the file and where was printed). */
ww_rc ww_flows_feed_file(struct ww_flows *f, const char *path);

/* Emit, in start-time order, the connections that saw no flow since
 * before horizon_us (live: a minute or two behind the newest flow). */
void ww_flows_drain(struct ww_flows *f, int64_t horizon_us);
/* Emit everything still held. */
void ww_flows_finish(struct ww_flows *f);
/* Newest flow end seen (microseconds since the epoch), 0 if none. */
int64_t ww_flows_newest(const struct ww_flows *f);

const struct ww_flows_stats *ww_flows_stats(const struct ww_flows *f);
/* The input counts into r->input and the warnings and notes (sampling,
 * sequence gaps, templates, clock skew) into r. */
void ww_flows_report(const struct ww_flows *f, struct ww_report *r);

#endif
