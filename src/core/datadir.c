/* See datadir.h. */
#include "core/common.h"
#include "core/datadir.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char installed[4096];

/* <dir of the program>/../share/wormwatch, if it has an indicators folder. */
static const char *beside_program(void)
{
	char exe[4000];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0'; /* .../bin */
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0'; /* the prefix */
	if (snprintf(installed, sizeof(installed), "%s/share/wormwatch/indicators", exe) >=
	    (int)sizeof(installed))
		return NULL;
	if (stat(installed, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	installed[strlen(installed) - strlen("/indicators")] = '\0';
	return installed;
}

const char *ww_datadir(void)
{
	const char *env = getenv("WW_DATADIR"), *inst;
	if (env && *env)
		return env;
	if ((inst = beside_program()))
		return inst;
	return WW_DATADIR;
}
