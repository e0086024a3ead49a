/* iproute2 `ss -tulpen` / `ss -tanp` socket tables (Linux):
 * "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process"
 * Addresses may carry an interface ("127.0.0.53%lo:53"); the owner is in
 * `users:(("sshd",pid=1161,fd=4))`. */
#include "core/common.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

#define MAX_TOK 12

static int proto_of(const char *w, size_t n)
{
	if (ww_host_ieq(w, n, "tcp"))
		return WW_PROTO_TCP;
	if (ww_host_ieq(w, n, "udp"))
		return WW_PROTO_UDP;
	return 0;
}

static uint8_t ss_state(const char *w, size_t n)
{
	if (ww_host_ieq(w, n, "LISTEN"))
		return WW_ST_LISTEN;
	if (ww_host_ieq(w, n, "ESTAB"))
		return WW_ST_ESTABLISHED;
	if (ww_host_ieq(w, n, "SYN-SENT"))
		return WW_ST_SYN_SENT;
	if (ww_host_ieq(w, n, "SYN-RECV"))
		return WW_ST_SYN_RECV;
	if (ww_host_ieq(w, n, "UNCONN"))
		return WW_ST_NONE;
	return WW_ST_CLOSING;
}

/* "127.0.0.53%lo:53" -> "127.0.0.53:53"; "[fe80::1]%eth0:546" likewise. */
static ww_rc endpoint(const char *w, size_t n, struct ww_host_endpoint *e)
{
	char buf[128];
	const char *pct = memchr(w, '%', n), *colon = NULL;
	size_t i, o = 0;
	if (n >= sizeof(buf))
		return WW_ERR_FORMAT;
	if (!pct)
		return ww_host_parse_endpoint(w, n, e);
	for (i = 0; i < n; i++)
		if (w[i] == ':')
			colon = w + i;
	if (!colon || colon < pct)
		return WW_ERR_FORMAT;
	memcpy(buf, w, (size_t)(pct - w));
	o = (size_t)(pct - w);
	memcpy(buf + o, colon, n - (size_t)(colon - w));
	o += n - (size_t)(colon - w);
	return ww_host_parse_endpoint(buf, o, e);
}

static bool ss_state_word(const char *w, size_t n)
{
	static const char *const words[] = {"LISTEN", "ESTAB", "SYN-SENT", "SYN-RECV", "UNCONN",
	                                    "TIME-WAIT", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2",
	                                    "LAST-ACK", "CLOSING", "CLOSED"};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(words); i++)
		if (ww_host_ieq(w, n, words[i]))
			return true;
	return false;
}

/* "tcp ESTAB 0 0 10.0.0.2:22 10.0.0.3:5555 users:((...))" or, with one
 * protocol asked for (ss -t), without the Netid column. */
static bool row(const char *line, size_t n, struct ww_host_socket *s)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	const char *w[6];
	size_t wl[6], k = 0, o = 0;
	int proto;
	const char *pid;
	while (k < 6 && ww_tcur_word(&t, &w[k], &wl[k]))
		k++;
	if (k < 5)
		return false;
	if (!(proto = proto_of(w[0], wl[0]))) {
		if (!ss_state_word(w[0], wl[0]))
			return false;
		proto = ww_host_ieq(w[0], wl[0], "UNCONN") ? WW_PROTO_UDP : WW_PROTO_TCP;
		o = 1;
		if (k == 6) /* the sixth word is the process: give it back */
			t.p = w[5];
	} else if (k < 6) {
		return false;
	}
	s->proto = (uint8_t)proto;
	s->state = ss_state(w[1 - o], wl[1 - o]);
	if (endpoint(w[4 - o], wl[4 - o], &s->local) || endpoint(w[5 - o], wl[5 - o], &s->foreign))
		return false;
	if (proto == WW_PROTO_UDP)
		s->state = WW_ST_NONE;
	if (proto == WW_PROTO_TCP && s->state == WW_ST_LISTEN)
		s->foreign.wild = true;
	pid = ww_host_memmem_ci(t.p, ww_tcur_left(&t), "pid=");
	if (pid) {
		struct ww_tcur p = ww_tcur_make(pid + 4, (size_t)(t.end - pid - 4));
		uint64_t v;
		const char *q = ww_host_memmem_ci(t.p, ww_tcur_left(&t), "((\"");
		if (ww_tcur_u64(&p, 0x7fffffff, &v) == WW_OK)
			s->pid = (long)v;
		if (q) {
			const char *e = memchr(q + 3, '"', (size_t)(t.end - q - 3));
			if (e)
				ww_host_copy(s->image, sizeof(s->image), q + 3, (size_t)(e - q - 3));
		}
	}
	return true;
}

int ww_host_detect_ss(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0;
	const char *line;
	bool cut;
	while (lines < 20 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (ww_host_istarts(line, ln, "Netid") && ww_host_memmem_ci(line, ln, "Peer Address"))
			return 75;
		if (ww_host_istarts(line, ln, "State") && ww_host_memmem_ci(line, ln, "Peer Address"))
			return 75;
	}
	return 0;
}

ww_rc ww_host_parse_ss(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_host_socket tmp, *s;
		struct ww_tcur t = ww_tcur_make(line, ln);
		const char *w;
		size_t wl;
		lineno++;
		if (!ww_tcur_word(&t, &w, &wl) || !(proto_of(w, wl) || ss_state_word(w, wl)))
			continue;
		memset(&tmp, 0, sizeof(tmp));
		tmp.pid = -1;
		s = ww_host_keep_socket(c, row(line, ln, &tmp), &tmp, src, lineno);
		if (!s) {
			if (c->report->rc)
				return c->report->rc;
			continue;
		}
		if (s->pid >= 0)
			c->inv.have_pids = true;
	}
	return WW_OK;
}
