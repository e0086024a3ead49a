#include "core/common.h"
#include "core/input.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

ww_rc ww_input_open(const char *path, uint64_t max_size, int *fd, int *err, const char **why)
{
	struct stat st;
	int f, fl;
	*fd = -1;
	*err = 0;
	*why = "";
	/* O_NONBLOCK: opening a FIFO with no writer returns at once */
	f = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (f < 0) {
		*err = errno;
		*why = strerror(errno);
		return WW_ERR_IO;
	}
	if (fstat(f, &st) != 0) {
		*err = errno;
		*why = strerror(errno);
		close(f);
		return WW_ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "it is a folder, not a file";
		close(f);
		return WW_ERR_UNSUPPORTED;
	}
	/* /dev/null (1,3) is the usual way to say "an empty input": it ends at
	 * once, so it is let through */
	if ((S_ISCHR(st.st_mode) && !(major(st.st_rdev) == 1 && minor(st.st_rdev) == 3)) ||
	    S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
		*why = S_ISSOCK(st.st_mode) ? "it is a socket, not a file"
		       : S_ISCHR(st.st_mode) ? "it is a character device, not a file"
		                             : "it is a block device, not a file";
		close(f);
		return WW_ERR_UNSUPPORTED;
	}
	if (S_ISREG(st.st_mode) && max_size && (uint64_t)st.st_size > max_size) {
		*why = "it is larger than the size cap (nothing was read)";
		close(f);
		return WW_ERR_LIMIT;
	}
	/* back to blocking reads: a FIFO whose writer is gone reads as end of
	 * file, one whose writer is there is read as it comes */
	fl = fcntl(f, F_GETFL);
	if (fl < 0 || fcntl(f, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		*err = errno;
		*why = strerror(errno);
		close(f);
		return WW_ERR_IO;
	}
	*fd = f;
	return WW_OK;
}

FILE *ww_input_fopen(const char *path, uint64_t max_size, ww_rc *rc, int *err,
                     const char **why)
{
	int fd;
	FILE *f;
	*rc = ww_input_open(path, max_size, &fd, err, why);
	if (*rc)
		return NULL;
	f = fdopen(fd, "rb");
	if (!f) {
		*err = errno;
		*why = strerror(errno);
		*rc = WW_ERR_IO;
		close(fd);
	}
	return f;
}

bool ww_input_binary(const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i, bad = 0, n = WW_MIN(len, (size_t)65536);
	for (i = 0; i < n; i++)
		bad += s[i] < 0x20 && !(s[i] >= 0x09 && s[i] <= 0x0d) && s[i] != 0x1b;
	return n && bad * 20 > n;
}
