/* wormwatch watch: placeholder until the engine lands (see docs/router.md). */
#include "core/common.h"
#include "cli/commands.h"

int cmd_watch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ww_error("'watch' needs the detection engine, which is not built in");
	return WW_EXIT_SOFTWARE;
}
