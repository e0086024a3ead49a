/* The judge: partitions owned through leases, consumed through durable
 * consumers, judged by one engine each, verdicts published
 * (docs/cluster.md). */
#ifndef WW_CLUSTER_JUDGE_H
#define WW_CLUSTER_JUDGE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "cluster/bus.h"
#include "core/addr.h"

struct ww_judge_opts {
	const char *name;
	struct ww_netlist home;      /* not owned */
	unsigned expect_sensors;     /* 0: final once every sensor seen has ended */
	unsigned max_partitions;     /* 0: a fair share */
	unsigned partitions;         /* set the count if no sensor has (0: wait for one) */
	size_t max_hosts;            /* per partition's engine (0: the engine's default) */
	bool once;                   /* exit when every partition has its final verdicts */
};

/* Run until *stop is set (a signal) or, with once, until done. Returns an
 * exit status. */
int ww_judge_run(struct ww_bus *bus, const struct ww_bus_opts *bo, const struct ww_judge_opts *o,
                 volatile sig_atomic_t *stop);

#endif
