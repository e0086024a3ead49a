/* Unit tests of src/live: the board (snapshot generations, the event ring,
 * a reader that lags is told so, references outlive replacement, waits end
 * on change and on close), the listen-address parser, and the view (the
 * state JSON: destinations per second from two samples). */
#include "core/common.h"
#include "live/board.h"
#include "live/http.h"
#include "live/view.h"

#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

#include "ww_test.h"

static struct ww_blob *blob(const char *s) { return ww_blob_new(s, strlen(s)); }

static void test_board_state(void)
{
	struct ww_board *b;
	struct ww_blob *x, *y;
	uint64_t gen = 99;
	CHECK_EQ_INT(ww_board_new(&b), WW_OK);
	CHECK(ww_board_state(b, &gen) == NULL);
	CHECK_EQ_INT(gen, 0);
	ww_board_set_state(b, blob("{\"a\":\n1}"));
	x = ww_board_state(b, &gen);
	CHECK_EQ_INT(gen, 1);
	CHECK_EQ_STR(x->data, "{\"a\": 1}"); /* newlines out: one SSE data line */
	ww_board_set_state(b, blob("{\"a\":2}"));
	/* the reader's reference outlives the replacement */
	CHECK_EQ_STR(x->data, "{\"a\": 1}");
	y = ww_board_state(b, &gen);
	CHECK_EQ_INT(gen, 2);
	CHECK_EQ_STR(y->data, "{\"a\":2}");
	ww_board_put(b, x);
	ww_board_put(b, y);
	ww_board_set_hosts(b, blob("{\"hosts\":[]}"));
	x = ww_board_hosts(b);
	CHECK_EQ_STR(x->data, "{\"hosts\":[]}");
	ww_board_put(b, x);
	ww_board_put(b, ww_board_state(b, NULL));
	ww_board_free(b);
}

static void test_board_ring(void)
{
	struct ww_board *b;
	struct ww_blob *x = NULL;
	enum ww_board_kind k;
	uint64_t seq = 0, i;
	char buf[64], *arr;
	size_t len;
	CHECK_EQ_INT(ww_board_new(&b), WW_OK);
	CHECK_EQ_INT(ww_board_event(b, &seq, &x, &k), 0); /* nothing yet */
	ww_board_push(b, WW_BOARD_ALERT, blob("{\"n\":0}"));
	ww_board_push(b, WW_BOARD_ACTION, blob("{\"x\":0}"));
	CHECK_EQ_INT(ww_board_event(b, &seq, &x, &k), 1);
	CHECK_EQ_INT(k, WW_BOARD_ALERT);
	CHECK_EQ_STR(x->data, "{\"n\":0}");
	ww_board_put(b, x);
	seq++;
	CHECK_EQ_INT(ww_board_event(b, &seq, &x, &k), 1);
	CHECK_EQ_INT(k, WW_BOARD_ACTION);
	ww_board_put(b, x);
	arr = ww_board_events_json(b, WW_BOARD_ALERT, &len);
	CHECK_EQ_STR(arr, "[{\"n\":0}]");
	free(arr);
	/* a reader at 1 while the ring turns over: it lagged */
	seq = 1;
	for (i = 1; i <= WW_BOARD_EVENTS; i++) {
		snprintf(buf, sizeof(buf), "{\"n\":%llu}", (unsigned long long)i);
		ww_board_push(b, WW_BOARD_ALERT, blob(buf));
	}
	CHECK_EQ_INT(ww_board_event(b, &seq, &x, &k), -1);
	CHECK_EQ_INT(ww_board_next_seq(b), WW_BOARD_EVENTS + 2);
	seq = 2; /* the oldest still kept */
	CHECK_EQ_INT(ww_board_event(b, &seq, &x, &k), 1);
	CHECK_EQ_STR(x->data, "{\"n\":1}");
	ww_board_put(b, x);
	arr = ww_board_events_json(b, WW_BOARD_ACTION, &len);
	CHECK_EQ_STR(arr, "[]"); /* the action fell out of the ring */
	free(arr);
	ww_board_free(b);
}

struct waiter {
	struct ww_board *b;
	bool woke;
	int64_t ms;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;
	int64_t t0 = now_ms();
	w->woke = ww_board_wait(w->b, 0, 0, 5000);
	w->ms = now_ms() - t0;
	return NULL;
}

static void test_board_wait(void)
{
	struct ww_board *b;
	struct waiter w = {0};
	pthread_t th;
	struct timespec d = {0, 50 * 1000000L};
	int64_t t0;
	CHECK_EQ_INT(ww_board_new(&b), WW_OK);
	t0 = now_ms();
	CHECK(!ww_board_wait(b, 0, 0, 100)); /* nothing: times out */
	CHECK(now_ms() - t0 >= 90);
	w.b = b;
	pthread_create(&th, NULL, wait_thread, &w);
	nanosleep(&d, NULL);
	ww_board_push(b, WW_BOARD_ALERT, blob("{}"));
	pthread_join(th, NULL);
	CHECK(w.woke);
	CHECK(w.ms < 2000); /* woken by the push, not by the time limit */
	memset(&w, 0, sizeof(w));
	w.b = b;
	/* a reader waiting past the event: only closing wakes it */
	ww_board_close(b);
	CHECK(ww_board_wait(b, 0, 1, 5000));
	CHECK(ww_board_closed(b));
	ww_board_free(b);
}

static void test_listen(void)
{
	struct sockaddr_storage ss;
	size_t len;
	bool lo;
	char err[160];
	CHECK_EQ_INT(ww_http_parse_listen("8080", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(lo);
	CHECK_EQ_INT(ss.ss_family, AF_INET);
	CHECK_EQ_INT(ww_http_parse_listen("127.0.0.2:1", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(lo);
	CHECK_EQ_INT(ww_http_parse_listen("192.168.1.1:8080", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(!lo);
	CHECK_EQ_INT(ww_http_parse_listen("[::1]:8080", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(lo);
	CHECK_EQ_INT(ss.ss_family, AF_INET6);
	CHECK_EQ_INT(ww_http_parse_listen("[fd00::1]:80", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(!lo);
	CHECK_EQ_INT(ww_http_parse_listen(":0", &ss, &len, &lo, err, sizeof(err)), WW_OK);
	CHECK(lo);
	CHECK_EQ_INT(ww_http_parse_listen("fd00::1:80", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("host.example:80", &ss, &len, &lo, err, sizeof(err)),
	             WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("1.2.3.4:65536", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("1.2.3.4:-1", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("1.2.3.4:", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("[::1]80", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
	CHECK_EQ_INT(ww_http_parse_listen("", &ss, &len, &lo, err, sizeof(err)), WW_ERR_USAGE);
}

/* Two samples a second apart, a suspect host with 10 then 40 first
 * contacts: 30 new destinations a second in the state's rates. */
static void test_view(void)
{
	struct ww_board *b;
	struct ww_view *v;
	struct ww_report r;
	struct ww_finding *f;
	struct ww_view_stats st;
	struct ww_blob *x;
	int i;
	CHECK_EQ_INT(ww_board_new(&b), WW_OK);
	CHECK_EQ_INT(ww_view_new(&v), WW_OK);
	memset(&st, 0, sizeof(st));
	st.command = "watch";
	st.source = "eth0\"<x>";
	st.start_us = 1000000000000000LL;
	for (i = 0; i < 2; i++) {
		ww_report_init(&r, "watch");
		f = ww_report_add(&r, WW_FINDING_HOST);
		f->has_addr = true;
		CHECK_EQ_INT(ww_addr_parse("10.1.2.3", &f->addr), WW_OK);
		f->verdict = WW_VERDICT_INFECTED;
		ww_fields_int(&r, &f->extra, "first_contacts", i ? 40 : 10);
		st.now_us = st.start_us + (i + 1) * 1000000LL;
		CHECK_EQ_INT(ww_view_publish(v, b, &r, &st), WW_OK);
		ww_report_release(&r);
	}
	x = ww_board_state(b, NULL);
	CHECK(x && strstr(x->data, "\"hosts\":[{\"addr\":\"10.1.2.3\",\"v\":[0.0,30.0]}]"));
	CHECK(x && strstr(x->data, "\"source\":\"eth0\\\"<x>\""));
	CHECK(x && strstr(x->data, "\"uptime_s\":2,"));
	CHECK(x && !strchr(x->data, '\n'));
	ww_board_put(b, x);
	x = ww_board_hosts(b);
	CHECK(x && !strncmp(x->data, "{\"command\":\"watch\",\"schema\":1,\"hosts\":[{\"addr\":\"10.1.2.3\"", 55));
	ww_board_put(b, x);
	ww_view_free(v);
	ww_board_free(b);
}

int main(void)
{
	test_board_state();
	test_board_ring();
	test_board_wait();
	test_listen();
	test_view();
	return ww_test_done();
}
