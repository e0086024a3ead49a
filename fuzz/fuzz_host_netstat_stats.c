/* Fuzz the netstat_stats dialect of `wormwatch host` (see host_fuzz.h). */
#include "host_fuzz.h"

WW_HOST_FUZZ(netstat_stats)
