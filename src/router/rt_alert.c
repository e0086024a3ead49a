#include "core/common.h"
#include "core/timefmt.h"
#include "core/escape.h"
#include "router/rt_alert.h"

#include <errno.h>

ww_rc ww_alert_sink_open(struct ww_alert_sink *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	if (!path)
		return WW_OK;
	s->path = strdup(path);
	if (!s->path)
		return WW_ERR_NOMEM;
	s->f = fopen(path, "a");
	if (!s->f) {
		s->err = errno;
		return WW_ERR_IO;
	}
	return WW_OK;
}

ww_rc ww_alert_sink_reopen(struct ww_alert_sink *s)
{
	if (!s->path)
		return WW_OK;
	if (s->f && fclose(s->f) != 0 && !s->err)
		s->err = errno;
	s->f = fopen(s->path, "a");
	if (!s->f) {
		s->err = errno;
		return WW_ERR_IO;
	}
	return WW_OK;
}

void ww_alert_sink_close(struct ww_alert_sink *s)
{
	if (s->f && fclose(s->f) != 0 && !s->err)
		s->err = errno;
	s->f = NULL;
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
	n = snprintf(buf, len,
	             "{\"time\":\"%s\",\"ts_us\":%lld,\"emitted_us\":%lld,\"addr\":\"%s\","
	             "\"verdict\":\"%s\",\"score\":%.3f,\"attempts\":%u,\"why\":\"%s\"}",
	             ww_time_iso(a->ts_us, ts, sizeof(ts)), (long long)a->ts_us,
	             (long long)emitted_us, ww_addr_fmt(&a->addr, addr),
	             ww_verdict_name(a->verdict), a->score, a->attempts, why);
	if (n < 0 || (size_t)n >= len)
		return 0;
	return (size_t)n;
}

void ww_alert_sink_write(struct ww_alert_sink *s, const struct ww_alert *a, int64_t emitted_us)
{
	char line[1024], addr[WW_ADDR_STRLEN], ts[WW_TIME_STRLEN], why[600];
	size_t n;
	s->alerts++;
	if (!s->quiet)
		fprintf(stderr, "wormwatch: ALERT %s %s %s after %u first contact%s: %s\n",
		        ww_time_iso(a->ts_us, ts, sizeof(ts)), ww_addr_fmt(&a->addr, addr),
		        ww_verdict_name(a->verdict), a->attempts, a->attempts == 1 ? "" : "s",
		        ww_esc_text_buf(why, sizeof(why), a->why ? a->why : ""));
	if (!s->f)
		return;
	n = ww_alert_json(a, emitted_us, line, sizeof(line) - 1);
	if (!n)
		return;
	line[n++] = '\n';
	if (fwrite(line, 1, n, s->f) != n || fflush(s->f) != 0) {
		if (!s->err)
			s->err = errno ? errno : EIO;
		if (!s->err_told) {
			ww_error("cannot write alerts to '%s': %s", s->path, strerror(s->err));
			s->err_told = true;
		}
	}
}
