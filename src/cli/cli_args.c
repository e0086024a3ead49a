/* Small argument helpers shared by the subcommands. */
#include "core/common.h"
#include "core/i18n.h"
#include "cli/commands.h"
#include "offline/offline.h"

#include <stdio.h>

bool cli_parse_when(const char *opt, const char *arg, int64_t *us)
{
	if (ww_offline_parse_time(arg, us) == WW_OK)
		return true;
	ww_error(_("%s '%s': give a UTC time such as 2026-11-30T12:00:00Z, 2026-11-30 or "
	           "@SECONDS"), opt, arg);
	return false;
}

char *cli_join_args(char *const *v, int n)
{
	size_t len = 1, k = 0;
	int i;
	char *s;
	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t m = strlen(v[i]);
		if (i)
			s[k++] = ' ';
		memcpy(s + k, v[i], m);
		k += m;
	}
	s[k] = '\0';
	return s;
}
