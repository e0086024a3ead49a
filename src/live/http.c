#include "core/common.h"
#include "live/assets.h"
#include "live/http.h"
#include "live/words.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#define CHART_MAX (4u << 20) /* a Chart.js bigger than this is not read */

static const char *const chart_paths[] = {
	"/usr/share/javascript/chart.js/chart.min.js",
	"/usr/share/javascript/chart.js/chart.umd.js",
	"/usr/share/javascript/chart.js/chart.js",
};

struct ww_http {
	struct MHD_Daemon *d;
	struct ww_board *b;
	bool need_token, loopback;
	char token[33];
	char hosts[3][72];      /* accepted Host headers on loopback */
	char url[128];
	unsigned port;
	unsigned char *chart;   /* Chart.js, NULL when missing */
	size_t chart_len;
	char chart_note[160];
	char *words;            /* /words.json: the page's words, this run's language */
	size_t words_len;
	unsigned sse;           /* streams open (atomic) */
	uint64_t dropped;       /* streams dropped for lagging (atomic) */
};

ww_rc ww_http_parse_listen(const char *s, void *ss, size_t *salen, bool *loopback, char *err,
                           size_t errlen)
{
	char host[64];
	const char *port_s, *colon;
	char *end;
	unsigned long port;
	size_t hl;
	memset(ss, 0, sizeof(struct sockaddr_storage));
	if (!s || !*s) {
		snprintf(err, errlen, "empty listen address");
		return WW_ERR_USAGE;
	}
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');
		if (!rb || rb[1] != ':') {
			snprintf(err, errlen, "bad listen address '%s' (want [ADDR]:PORT)", s);
			return WW_ERR_USAGE;
		}
		hl = (size_t)(rb - s - 1);
		if (hl >= sizeof(host))
			hl = sizeof(host) - 1;
		memcpy(host, s + 1, hl);
		host[hl] = '\0';
		port_s = rb + 2;
	} else if ((colon = strrchr(s, ':'))) {
		hl = (size_t)(colon - s);
		if (hl >= sizeof(host) || memchr(s, ':', hl)) {
			snprintf(err, errlen, "bad listen address '%s' (IPv6 goes in brackets)", s);
			return WW_ERR_USAGE;
		}
		memcpy(host, s, hl);
		host[hl] = '\0';
		port_s = colon + 1;
	} else {
		memcpy(host, "127.0.0.1", 10);
		port_s = s;
	}
	errno = 0;
	port = strtoul(port_s, &end, 10);
	if (errno || end == port_s || *end || port > 65535 || *port_s == '-' || *port_s == '+') {
		snprintf(err, errlen, "bad port in listen address '%s'", s);
		return WW_ERR_USAGE;
	}
	if (!*host)
		memcpy(host, "127.0.0.1", 10);
	{
		struct sockaddr_in *a4 = ss;
		struct sockaddr_in6 *a6 = ss;
		if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
			a4->sin_family = AF_INET;
			a4->sin_port = htons((uint16_t)port);
			*salen = sizeof(*a4);
			*loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
			return WW_OK;
		}
		memset(ss, 0, sizeof(struct sockaddr_storage));
		if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
			a6->sin6_family = AF_INET6;
			a6->sin6_port = htons((uint16_t)port);
			*salen = sizeof(*a6);
			*loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
			return WW_OK;
		}
	}
	snprintf(err, errlen, "bad address in '%s' (want a numeric IPv4 or IPv6 address)", s);
	return WW_ERR_USAGE;
}

static void load_chart(struct ww_http *h, const char *path)
{
	size_t i;
	if (path && !strcmp(path, "none")) {
		snprintf(h->chart_note, sizeof(h->chart_note),
		         "charts are off (--chart-js none): the page shows numbers");
		return;
	}
	/* a path that was given is the only one tried */
	for (i = 0; i < (path ? 1 : WW_ARRAY_LEN(chart_paths) + 1); i++) {
		const char *p = i == 0 ? path : chart_paths[i - 1];
		FILE *f;
		struct stat st;
		if (!p)
			continue;
		f = fopen(p, "rb");
		if (!f)
			continue;
		if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (uint64_t)st.st_size <= CHART_MAX) {
			h->chart = malloc((size_t)st.st_size);
			if (h->chart && fread(h->chart, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
				h->chart_len = (size_t)st.st_size;
				fclose(f);
				return;
			}
			free(h->chart);
			h->chart = NULL;
		}
		fclose(f);
	}
	if (path)
		snprintf(h->chart_note, sizeof(h->chart_note),
		         "cannot read Chart.js from '%.80s': the page shows numbers, no charts", path);
	else
		snprintf(h->chart_note, sizeof(h->chart_note),
		         "Chart.js not found (install libjs-chart.js): the page shows numbers, no charts");
}

/* Constant time: the token's length is public, its bytes are not. */
static bool token_ok(const struct ww_http *h, const char *t)
{
	unsigned char d = 0;
	size_t i, n = strlen(h->token);
	if (!t || strlen(t) != n)
		return false;
	for (i = 0; i < n; i++)
		d |= (unsigned char)(t[i] ^ h->token[i]);
	return d == 0;
}

static void secure_headers(struct MHD_Response *r, const char *mime)
{
	MHD_add_response_header(r, "Content-Type", mime);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'none'; script-src 'self'; style-src 'self'; "
	                        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
	                        "form-action 'none'; frame-ancestors 'none'");
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *mime,
                             const void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, mode);
	enum MHD_Result ret;
	if (!r)
		return MHD_NO;
	secure_headers(r, mime);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned status, const char *msg)
{
	return reply(c, status, "text/plain; charset=utf-8", msg, strlen(msg), MHD_RESPMEM_PERSISTENT);
}

/* ---- Server-Sent Events ---- */

struct sse {
	struct ww_http *h;
	uint64_t gen, seq;
	struct ww_blob *cur;       /* the blob being sent, a board reference */
	char head[48];             /* "event: state\ndata: " or a comment */
	size_t head_len;
	unsigned part;             /* 0 head, 1 blob, 2 tail, 3 done */
	size_t off;
	bool started;
};

static void sse_release(struct sse *s)
{
	if (s->cur)
		ww_board_put(s->h->b, s->cur);
	s->cur = NULL;
}

/* Pick what to send next: events first (alerts must not wait behind a big
 * state), then a newer state, else a heartbeat after a quiet while.
 * Returns false when the stream must end (-1: dropped). */
static int sse_next(struct sse *s)
{
	struct ww_board *b = s->h->b;
	enum ww_board_kind kind;
	struct ww_blob *x = NULL;
	int r;
	uint64_t gen;
	sse_release(s);
	s->part = 0;
	s->off = 0;
	if (!s->started) {
		s->started = true;
		/* the head is the whole message: with no blob there is no tail */
		s->head_len = (size_t)snprintf(s->head, sizeof(s->head), "retry: 1000\n\n");
		return 1;
	}
	for (;;) {
		if (ww_board_closed(b))
			return 0;
		r = ww_board_event(b, &s->seq, &x, &kind);
		if (r < 0) {
			__atomic_add_fetch(&s->h->dropped, 1, __ATOMIC_RELAXED);
			return -1;
		}
		if (r > 0) {
			s->seq++;
			s->cur = x;
			s->head_len = (size_t)snprintf(s->head, sizeof(s->head), "event: %s\ndata: ",
			                               ww_board_kind_name(kind));
			return 1;
		}
		x = ww_board_state(b, &gen);
		if (x && gen != s->gen) {
			s->gen = gen;
			s->cur = x;
			s->head_len = (size_t)snprintf(s->head, sizeof(s->head), "event: state\ndata: ");
			return 1;
		}
		ww_board_put(b, x);
		if (!ww_board_wait(b, s->gen, s->seq, WW_HTTP_HEARTBEAT_MS)) {
			s->head_len = (size_t)snprintf(s->head, sizeof(s->head), ": alive\n\n");
			return 1;
		}
	}
}

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse *s = cls;
	size_t o = 0;
	(void)pos;
	while (o < max) {
		const char *src;
		size_t len;
		if (s->part == 0) {
			src = s->head;
			len = s->head_len;
		} else if (s->part == 1) {
			src = s->cur ? s->cur->data : "";
			len = s->cur ? s->cur->len : 0;
		} else if (s->part == 2) {
			src = "\n\n";
			len = s->cur ? 2 : 0; /* comments and retry carry their own */
		} else {
			int r;
			if (o)
				break; /* send what we have before waiting */
			r = sse_next(s);
			if (r < 0)
				return MHD_CONTENT_READER_END_WITH_ERROR;
			if (r == 0)
				return MHD_CONTENT_READER_END_OF_STREAM;
			continue;
		}
		if (s->off >= len) {
			s->part++;
			s->off = 0;
			if (s->part == 3 && o)
				break;
			continue;
		}
		{
			size_t k = WW_MIN(len - s->off, max - o);
			memcpy(buf + o, src + s->off, k);
			s->off += k;
			o += k;
		}
	}
	return (ssize_t)o;
}

static void sse_free(void *cls)
{
	struct sse *s = cls;
	__atomic_sub_fetch(&s->h->sse, 1, __ATOMIC_RELAXED);
	sse_release(s);
	free(s);
}

static enum MHD_Result serve_events(struct ww_http *h, struct MHD_Connection *c)
{
	struct sse *s;
	struct MHD_Response *r;
	enum MHD_Result ret;
	if (__atomic_add_fetch(&h->sse, 1, __ATOMIC_RELAXED) > WW_HTTP_MAX_CLIENTS - 8) {
		__atomic_sub_fetch(&h->sse, 1, __ATOMIC_RELAXED);
		return reply_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "too many streams\n");
	}
	s = ww_calloc(1, sizeof(*s));
	if (!s) {
		__atomic_sub_fetch(&h->sse, 1, __ATOMIC_RELAXED);
		return MHD_NO;
	}
	s->h = h;
	s->seq = 0; /* replay what the ring still holds: the page shows past alerts */
	s->part = 3;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, sse_read, s, sse_free);
	if (!r) {
		sse_free(s);
		return MHD_NO;
	}
	secure_headers(r, "text/event-stream; charset=utf-8");
	MHD_add_response_header(r, "X-Accel-Buffering", "no");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* ---- requests ---- */

static enum MHD_Result serve_blob(struct ww_http *h, struct MHD_Connection *c, struct ww_blob *x)
{
	enum MHD_Result ret;
	if (!x)
		return reply_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "not ready yet\n");
	ret = reply(c, MHD_HTTP_OK, "application/json", x->data, x->len, MHD_RESPMEM_MUST_COPY);
	ww_board_put(h->b, x);
	return ret;
}

static enum MHD_Result serve_events_json(struct ww_http *h, struct MHD_Connection *c,
                                         enum ww_board_kind k)
{
	size_t len = 0, n;
	char *arr = ww_board_events_json(h->b, k, &len), *doc;
	const char *key = k == WW_BOARD_ALERT ? "alerts" : "actions";
	enum MHD_Result ret;
	if (!arr)
		return MHD_NO;
	n = len + strlen(key) + 8;
	doc = malloc(n);
	if (!doc) {
		free(arr);
		return MHD_NO;
	}
	n = (size_t)snprintf(doc, n, "{\"%s\":%s}", key, arr);
	free(arr);
	ret = reply(c, MHD_HTTP_OK, "application/json", doc, n, MHD_RESPMEM_MUST_FREE);
	return ret;
}

static bool host_ok(const struct ww_http *h, struct MHD_Connection *c)
{
	const char *host;
	size_t i;
	if (!h->loopback)
		return true; /* the token guards it */
	host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (!host)
		return true; /* HTTP/1.0 without Host: not a browser */
	for (i = 0; i < WW_ARRAY_LEN(h->hosts); i++)
		if (!strcmp(host, h->hosts[i]))
			return true;
	return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **req_cls)
{
	struct ww_http *h = cls;
	size_t i;
	(void)version;
	(void)upload_data;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
	if (*upload_size)
		return MHD_NO;
	(void)req_cls;
	if (!host_ok(h, c))
		return reply_text(c, MHD_HTTP_MISDIRECTED_REQUEST, "wrong Host header\n");
	/* the page's code, its words and Chart.js hold no data: no token needed */
	if (!strcmp(url, "/words.json"))
		return reply(c, MHD_HTTP_OK, "application/json; charset=utf-8", h->words, h->words_len,
		             MHD_RESPMEM_PERSISTENT);
	if (!strcmp(url, "/chart.js")) {
		if (!h->chart)
			return reply_text(c, MHD_HTTP_NOT_FOUND, "Chart.js is not installed\n");
		return reply(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", h->chart, h->chart_len,
		             MHD_RESPMEM_PERSISTENT);
	}
	for (i = 0; i < ww_live_n_assets; i++) {
		const struct ww_asset *a = &ww_live_assets[i];
		if (strcmp(url, a->path))
			continue;
		if (!strcmp(a->path, "/") && h->need_token &&
		    !token_ok(h, MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token")))
			break;
		return reply(c, MHD_HTTP_OK, a->mime, a->data, a->len, MHD_RESPMEM_PERSISTENT);
	}
	if (h->need_token &&
	    !token_ok(h, MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token")))
		return reply_text(c, MHD_HTTP_FORBIDDEN, "this page needs the token printed at start "
		                  "(?token=...)\n");
	if (!strcmp(url, "/events"))
		return serve_events(h, c);
	if (!strcmp(url, "/api/hosts"))
		return serve_blob(h, c, ww_board_hosts(h->b));
	if (!strcmp(url, "/api/state"))
		return serve_blob(h, c, ww_board_state(h->b, NULL));
	if (!strcmp(url, "/api/alerts"))
		return serve_events_json(h, c, WW_BOARD_ALERT);
	if (!strcmp(url, "/api/actions"))
		return serve_events_json(h, c, WW_BOARD_ACTION);
	return reply_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap; /* connection-level noise (resets, timeouts) is not the user's business */
}

ww_rc ww_http_start(struct ww_http **out, struct ww_board *b, const struct ww_http_opts *o,
                    char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	size_t salen;
	bool loopback;
	struct ww_http *h;
	unsigned char rnd[16];
	const union MHD_DaemonInfo *di;
	char abuf[INET6_ADDRSTRLEN];
	sigset_t all, old;
	ww_rc rc;
	size_t i;

	*out = NULL;
	rc = ww_http_parse_listen(o->listen, &ss, &salen, &loopback, err, errlen);
	if (rc)
		return rc;
	h = ww_calloc(1, sizeof(*h));
	if (!h)
		return WW_ERR_NOMEM;
	h->b = b;
	h->loopback = loopback;
	h->need_token = !loopback;
	if (h->need_token) {
		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
			snprintf(err, errlen, "no random bytes for the token: %s", strerror(errno));
			free(h);
			return WW_ERR_IO;
		}
		for (i = 0; i < sizeof(rnd); i++)
			snprintf(h->token + 2 * i, 3, "%02x", rnd[i]);
	}
	load_chart(h, o->chart_js);
	if (!(h->words = ww_live_words_json(&h->words_len))) {
		free(h->chart);
		free(h);
		return WW_ERR_NOMEM;
	}
	/* the server's threads take no signals: SIGINT and friends go to the capture */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	h->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	                        MHD_USE_POLL | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	                        0, NULL, NULL, on_request, h,
	                        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	                        MHD_OPTION_CONNECTION_LIMIT, (unsigned)WW_HTTP_MAX_CLIENTS,
	                        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)WW_HTTP_IDLE_S,
	                        MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
	                        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	                        MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!h->d) {
		snprintf(err, errlen, "cannot listen on '%s': %s", o->listen,
		         errno ? strerror(errno) : "refused by libmicrohttpd");
		free(h->chart);
		free(h->words);
		free(h);
		return WW_ERR_IO;
	}
	di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	h->port = di ? di->port : 0;
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, abuf, sizeof(abuf));
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, abuf, sizeof(abuf));
	snprintf(h->url, sizeof(h->url), "http://%s%s%s:%u/%s%s", ss.ss_family == AF_INET6 ? "[" : "",
	         abuf, ss.ss_family == AF_INET6 ? "]" : "", h->port, h->need_token ? "?token=" : "",
	         h->token);
	snprintf(h->hosts[0], sizeof(h->hosts[0]), "%s%s%s:%u", ss.ss_family == AF_INET6 ? "[" : "",
	         abuf, ss.ss_family == AF_INET6 ? "]" : "", h->port);
	snprintf(h->hosts[1], sizeof(h->hosts[1]), "localhost:%u", h->port);
	snprintf(h->hosts[2], sizeof(h->hosts[2]), "%s:%u",
	         ss.ss_family == AF_INET6 ? "[::1]" : "127.0.0.1", h->port);
	*out = h;
	return WW_OK;
}

const char *ww_http_url(const struct ww_http *h) { return h->url; }
const char *ww_http_chart_note(const struct ww_http *h) { return h->chart_note; }

unsigned ww_http_sse_clients(const struct ww_http *h)
{
	return __atomic_load_n(&h->sse, __ATOMIC_RELAXED);
}

uint64_t ww_http_dropped(const struct ww_http *h)
{
	return __atomic_load_n(&h->dropped, __ATOMIC_RELAXED);
}

void ww_http_stop(struct ww_http *h)
{
	if (!h)
		return;
	if (h->d)
		MHD_stop_daemon(h->d);
	free(h->chart);
	free(h->words);
	free(h);
}
