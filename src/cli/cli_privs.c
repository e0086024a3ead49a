/* What a live source needs when the kernel said no (issue 14 point 9):
 * root, or the capabilities, and the setcap line that grants them to this
 * very program (its path from /proc/self/exe, quoted for sh). */
#include "core/common.h"
#include "core/quote.h"
#include "cli/commands.h"

#include <stdio.h>
#include <unistd.h>

void cli_privilege_hint(const char *what, const char *caps)
{
	char exe[1024], q[2200];
	const char *why;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ww_error("%s needs root or the capabilities %s", what, caps);
	if (n > 0) {
		exe[n] = '\0';
		if (ww_quote(WW_SHELL_SH, exe, q, sizeof(q), &why)) {
			ww_error("run it with sudo, or grant them once: sudo setcap "
			         "cap_net_raw,cap_net_admin+eip %s", q);
			return;
		}
	}
	ww_error("run it with sudo, or grant them once: sudo setcap cap_net_raw,cap_net_admin+eip "
	         "\"$(command -v wormwatch)\"");
}
