/* Fuzz the proc_net dialect of `wormwatch host` (see host_fuzz.h). */
#include "host_fuzz.h"

WW_HOST_FUZZ(proc_net)
