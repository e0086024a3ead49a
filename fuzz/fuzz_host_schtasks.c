/* Fuzz the schtasks dialect of `wormwatch host` (see host_fuzz.h). */
#include "host_fuzz.h"

WW_HOST_FUZZ(schtasks)
