#include "core/common.h"
#include "core/timefmt.h"
#include "core/escape.h"
#include "router/rt_alert.h"
#include "report/writer.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int sink_open_fd(const char *path, int *err)
{
	struct stat st;
	/* O_NONBLOCK: a FIFO without a reader fails at once instead of hanging */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
	                    O_NONBLOCK, 0640);
	int fl;
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	/* a FIFO or a device would block or swallow the lines */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*err = EINVAL;
		close(fd);
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		*err = errno;
		close(fd);
		return -1;
	}
	return fd;
}

ww_rc ww_alert_sink_open(struct ww_alert_sink *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (!path)
		return WW_OK;
	s->path = strdup(path);
	if (!s->path)
		return WW_ERR_NOMEM;
	s->fd = sink_open_fd(path, &s->open_err);
	return s->fd < 0 ? WW_ERR_IO : WW_OK;
}

const char *ww_alert_sink_strerror(const struct ww_alert_sink *s)
{
	if (s->open_err == ELOOP)
		return "it is a symbolic link (refused: give the real file, not a link to it)";
	if (s->open_err == EINVAL || s->open_err == ENXIO)
		return "it is not a regular file";
	return strerror(s->open_err);
}

ww_rc ww_alert_sink_reopen(struct ww_alert_sink *s)
{
	int err = 0, fd;
	if (!s->path)
		return WW_OK;
	fd = sink_open_fd(s->path, &err);
	if (fd < 0) {
		/* keep writing to the old file rather than lose alerts */
		s->open_err = err;
		return WW_ERR_IO;
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = fd;
	return WW_OK;
}

void ww_alert_sink_close(struct ww_alert_sink *s)
{
	if (s->fd >= 0 && close(s->fd) != 0 && !s->err)
		s->err = errno;
	s->fd = -1;
	free(s->path);
	s->path = NULL;
}

/* JSON string body for a code-owned or engine-made text: escape quotes,
 * backslashes and control bytes; other bytes pass (the engine's text is
 * ASCII). */
static size_t json_esc(char *out, size_t len, const char *s)
{
	size_t o = 0;
	for (; *s && o + 7 < len; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(out + o, len - o, "\\u%04x", c);
		} else if (c >= 0x80) {
			out[o++] = '?';
		} else {
			out[o++] = (char)c;
		}
	}
	out[o < len ? o : len - 1] = '\0';
	return o;
}

size_t ww_alert_json(const struct ww_alert *a, int64_t emitted_us, char *buf, size_t len)
{
	char addr[WW_ADDR_STRLEN], ts[WW_TIME_STRLEN], why[600];
	int n;
	json_esc(why, sizeof(why), a->why ? a->why : "");
	if (a->kind == WW_ALERT_TABLE) {
		n = snprintf(buf, len,
		             "{\"type\":\"alert\",\"schema\":%d,\"time\":\"%s\",\"ts_us\":%lld,"
		             "\"emitted_us\":%lld,\"kind\":\"table_pressure\",\"title\":\"%s\"}",
		             WW_JSON_SCHEMA,
		             ww_time_iso(a->ts_us, ts, sizeof(ts)), (long long)a->ts_us,
		             (long long)emitted_us, why);
	} else {
		n = snprintf(buf, len,
		             "{\"type\":\"alert\",\"schema\":%d,\"time\":\"%s\",\"ts_us\":%lld,"
		             "\"emitted_us\":%lld,\"kind\":\"host\",\"addr\":\"%s\",\"verdict\":\"%s\","
		             "\"score\":%.3f,\"attempts_to_alert\":%u,\"title\":\"%s\"}",
		             WW_JSON_SCHEMA,
		             ww_time_iso(a->ts_us, ts, sizeof(ts)), (long long)a->ts_us,
		             (long long)emitted_us, ww_addr_fmt(&a->addr, addr),
		             ww_verdict_name(a->verdict), a->score, a->attempts, why);
	}
	if (n < 0 || (size_t)n >= len)
		return 0;
	return (size_t)n;
}

/* One line whole or not at all: one write(2); a short write is cut back to
 * where the line began (the file's end before it, O_APPEND), so the file
 * holds whole lines only. */
static bool write_line(int fd, const char *line, size_t n)
{
	off_t before = lseek(fd, 0, SEEK_END);
	ssize_t w;
	int err;
	do
		w = write(fd, line, n);
	while (w < 0 && errno == EINTR);
	if (w == (ssize_t)n)
		return true;
	err = w < 0 ? errno : ENOSPC;
	if (w > 0 && before >= 0 && ftruncate(fd, before) != 0)
		err = errno;
	errno = err;
	return false;
}

void ww_alert_sink_write(struct ww_alert_sink *s, const struct ww_alert *a, int64_t emitted_us)
{
	char line[1024], addr[WW_ADDR_STRLEN], ts[WW_TIME_STRLEN], why[600];
	size_t n;
	s->alerts++;
	if (a->kind == WW_ALERT_TABLE) {
		if (!s->quiet)
			fprintf(stderr, "wormwatch: ALERT %s %s\n", ww_time_iso(a->ts_us, ts, sizeof(ts)),
			        ww_esc_text_buf(why, sizeof(why), a->why ? a->why : ""));
	} else if (!s->quiet)
		fprintf(stderr, "wormwatch: ALERT %s %s %s after %u first contact%s: %s\n",
		        ww_time_iso(a->ts_us, ts, sizeof(ts)), ww_addr_fmt(&a->addr, addr),
		        ww_verdict_name(a->verdict), a->attempts, a->attempts == 1 ? "" : "s",
		        ww_esc_text_buf(why, sizeof(why), a->why ? a->why : ""));
	if (s->fd < 0)
		return;
	n = ww_alert_json(a, emitted_us, line, sizeof(line) - 1);
	if (!n) {
		s->lost++;
		return;
	}
	line[n++] = '\n';
	if (!write_line(s->fd, line, n)) {
		s->lost++;
		if (!s->err)
			s->err = errno ? errno : EIO;
		if (!s->err_told) {
			ww_error("cannot write alerts to '%s': %s", s->path, strerror(s->err));
			s->err_told = true;
		}
	}
}
