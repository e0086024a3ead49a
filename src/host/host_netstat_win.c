/* netstat socket tables: Windows `netstat -an`, `-ano`, `-anob`, `-abv`,
 * name-resolved `netstat -a`, in any display language, with columns
 * collapsed to single spaces by a web page; also Linux net-tools
 * `netstat -tulpn` / `-aeep`, which shares the shape.
 *
 * Locale-free signals only: a row is "TCP|UDP local foreign [state] [pid]";
 * a listener is a TCP row whose foreign address is 0.0.0.0:0, [::]:0 or
 * *:*; the state word is read when it is one of Windows' fixed English
 * tokens (which ja-JP keeps) and otherwise kept as unknown. Header lines
 * ("Active Connections", "アクティブな接続", "Proto ...") carry no data and
 * are skipped by shape, not by their words. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

#include <ctype.h>

/* Service names that netstat prints without -n (Windows' services file). */
static const struct {
	const char *name;
	uint16_t port;
} service_ports[] = {
	{"epmap", 135}, {"microsoft-ds", 445}, {"netbios-ssn", 139}, {"netbios-ns", 137},
	{"netbios-dgm", 138}, {"http", 80}, {"https", 443}, {"domain", 53}, {"ssh", 22},
	{"bootpc", 68}, {"bootps", 67}, {"ntp", 123}, {"ssdp", 1900}, {"llmnr", 5355},
	{"mdns", 5353}, {"isakmp", 500}, {"ipsec-msft", 4500}, {"ms-wbt-server", 3389},
	{"smtp", 25}, {"pop3", 110}, {"imap", 143}, {"ftp", 21}, {"telnet", 23},
	{"snmp", 161}, {"ldap", 389}, {"kerberos", 88}, {"ms-sql-s", 1433},
	{"ms-sql-m", 1434}, {"wsd", 5357}, {"ipp", 631}, {"mysql", 3306}, {"nfs", 2049},
	{"sunrpc", 111}, {"rdp", 3389}, {"socks", 1080}, {"tftp", 69}, {"ws-discovery", 3702},
};

static bool parse_port(const char *s, size_t n, struct ww_host_endpoint *e)
{
	size_t i;
	if (n == 1 && s[0] == '*') {
		e->wild = true;
		return true;
	}
	if (ww_host_all_digits(s, n)) {
		struct ww_tcur t = ww_tcur_make(s, n);
		uint64_t v;
		if (ww_tcur_u64(&t, 65535, &v) || !ww_tcur_eof(&t))
			return false;
		e->port = (uint16_t)v;
		return true;
	}
	for (i = 0; i < WW_ARRAY_LEN(service_ports); i++)
		if (ww_host_ieq(s, n, service_ports[i].name)) {
			e->port = service_ports[i].port;
			return true;
		}
	/* an unknown service name: the row is still a row */
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return false;
	return n > 0;
}

/* "0.0.0.0:135", "[fe80::1%9]:1900", "*:*", "chief:epmap", "[::]:*" */
ww_rc ww_host_parse_endpoint(const char *s, size_t n, struct ww_host_endpoint *e)
{
	const char *colon = NULL, *h;
	size_t hn, i;
	memset(e, 0, sizeof(*e));
	if (n == 0)
		return WW_ERR_FORMAT;
	if (s[0] == '[') {
		const char *rb = memchr(s, ']', n);
		struct ww_tcur t;
		if (!rb || (size_t)(rb - s) + 1 >= n || rb[1] != ':')
			return WW_ERR_FORMAT;
		t = ww_tcur_make(s + 1, (size_t)(rb - s) - 1);
		if (ww_tcur_ip(&t, &e->addr) == WW_OK && ww_tcur_eof(&t)) {
			e->has_addr = true;
		} else { /* not an address (an anonymised one): keep the text */
			for (i = 1; s + i < rb; i++)
				if ((unsigned char)s[i] <= ' ')
					return WW_ERR_FORMAT;
			memset(&e->addr, 0, sizeof(e->addr));
			ww_host_copy(e->name, sizeof(e->name), s + 1, (size_t)(rb - s) - 1);
		}
		if (!parse_port(rb + 2, n - (size_t)(rb - s) - 2, e))
			return WW_ERR_FORMAT;
		goto done;
	}
	for (i = 0; i < n; i++)
		if (s[i] == ':')
			colon = s + i;
	if (!colon)
		return WW_ERR_FORMAT;
	h = s;
	hn = (size_t)(colon - s);
	if (!parse_port(colon + 1, n - hn - 1, e))
		return WW_ERR_FORMAT;
	if (hn == 1 && h[0] == '*') {
		e->wild = true;
		return WW_OK;
	}
	if (hn == 0)
		return WW_ERR_FORMAT;
	{
		struct ww_tcur t = ww_tcur_make(h, hn);
		if (ww_tcur_ip(&t, &e->addr) == WW_OK && ww_tcur_eof(&t)) {
			e->has_addr = true;
		} else {
			for (i = 0; i < hn; i++)
				if ((unsigned char)h[i] <= ' ' || h[i] == '[' || h[i] == ']')
					return WW_ERR_FORMAT;
			ww_host_copy(e->name, sizeof(e->name), h, hn);
		}
	}
done:
	if (e->has_addr && ww_addr_is_unspecified(&e->addr) && e->port == 0)
		e->wild = true;
	if (!e->has_addr && e->port == 0 && !e->wild && ww_host_all_digits(colon ? colon + 1 : "", 1))
		e->wild = true; /* "chief:0" */
	return WW_OK;
}

static enum ww_host_state state_word(const char *s, size_t n)
{
	static const struct {
		const char *w;
		enum ww_host_state st;
	} words[] = {
		{"LISTENING", WW_ST_LISTEN}, {"LISTEN", WW_ST_LISTEN},
		{"SYN_SENT", WW_ST_SYN_SENT}, {"SYN-SENT", WW_ST_SYN_SENT},
		{"SYN_RECEIVED", WW_ST_SYN_RECV}, {"SYN_RECV", WW_ST_SYN_RECV},
		{"ESTABLISHED", WW_ST_ESTABLISHED}, {"ESTAB", WW_ST_ESTABLISHED},
		{"TIME_WAIT", WW_ST_CLOSING}, {"CLOSE_WAIT", WW_ST_CLOSING},
		{"FIN_WAIT_1", WW_ST_CLOSING}, {"FIN_WAIT_2", WW_ST_CLOSING},
		{"FIN_WAIT1", WW_ST_CLOSING}, {"FIN_WAIT2", WW_ST_CLOSING},
		{"LAST_ACK", WW_ST_CLOSING}, {"CLOSING", WW_ST_CLOSING}, {"CLOSED", WW_ST_CLOSING},
		{"BOUND", WW_ST_UNKNOWN},
		/* translations seen in localised Windows (de, fr, es, it, pt) */
		{"ABHÖREN", WW_ST_LISTEN}, {"HERGESTELLT", WW_ST_ESTABLISHED},
		{"WARTEND", WW_ST_CLOSING}, {"SCHLIESSEN_WARTEN", WW_ST_CLOSING},
		{"SYN_GESENDET", WW_ST_SYN_SENT}, {"SYN_EMPFANGEN", WW_ST_SYN_RECV},
		{"FIN_WARTEN_1", WW_ST_CLOSING}, {"FIN_WARTEN_2", WW_ST_CLOSING},
		{"LETZTES_ACK", WW_ST_CLOSING}, {"GESCHLOSSEN", WW_ST_CLOSING},
		{"ÉCOUTE", WW_ST_LISTEN}, {"ETABLI", WW_ST_ESTABLISHED},
		{"ÉTABLI", WW_ST_ESTABLISHED}, {"ESCUCHANDO", WW_ST_LISTEN},
		{"ESTABLECIDO", WW_ST_ESTABLISHED}, {"SYN_ENVIADO", WW_ST_SYN_SENT},
		{"TIEMPO_ESPERA", WW_ST_CLOSING}, {"CERRAR_ESPERA", WW_ST_CLOSING},
		{"IN_ASCOLTO", WW_ST_LISTEN}, {"STABILITO", WW_ST_ESTABLISHED},
		{"ESCUTANDO", WW_ST_LISTEN}, {"ESTABELECIDA", WW_ST_ESTABLISHED},
	};
	size_t i;
	for (i = 0; i < WW_ARRAY_LEN(words); i++)
		if (ww_host_ieq(s, n, words[i].w))
			return words[i].st;
	return WW_ST_UNKNOWN;
}

static int proto_word(const char *s, size_t n)
{
	if (ww_host_ieq(s, n, "TCP") || ww_host_ieq(s, n, "TCPv6") || ww_host_ieq(s, n, "tcp6") ||
	    ww_host_ieq(s, n, "tcp4"))
		return WW_PROTO_TCP;
	if (ww_host_ieq(s, n, "UDP") || ww_host_ieq(s, n, "UDPv6") || ww_host_ieq(s, n, "udp6") ||
	    ww_host_ieq(s, n, "udp4"))
		return WW_PROTO_UDP;
	return 0;
}

#define MAX_TOK 16

/* Split a line into at most MAX_TOK words (spaces and tabs). */
static size_t split(const char *line, size_t n, const char **w, size_t *wl)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	size_t k = 0;
	while (k < MAX_TOK && ww_tcur_word(&t, &w[k], &wl[k]))
		k++;
	return k;
}

/* Windows:   "  TCP    192.168.0.105:1782   192.168.0.2:80   SYN_SENT   1540"
 *            "  UDP    [::1]:62261          *:*                         1036"
 * Linux:     "tcp   0   0 127.0.0.53:53   0.0.0.0:*   LISTEN   885/systemd-resolve"
 *            "udp   0   0 localhost:domain 0.0.0.0:*  systemd-resolve 26984 893/systemd-resolve" */
static ww_rc parse_row(const char *line, size_t n, struct ww_host_socket *s)
{
	const char *w[MAX_TOK];
	size_t wl[MAX_TOK], k = split(line, n, w, wl), i = 1, j;
	int proto;
	if (k < 3 || !(proto = proto_word(w[0], wl[0])))
		return WW_ERR_FORMAT;
	s->proto = (uint8_t)proto;
	if (k >= 5 && ww_host_all_digits(w[1], wl[1]) && ww_host_all_digits(w[2], wl[2]) &&
	    memchr(w[1], ':', wl[1]) == NULL)
		i = 3; /* Linux Recv-Q, Send-Q */
	if (k < i + 2)
		return WW_ERR_FORMAT;
	if (ww_host_parse_endpoint(w[i], wl[i], &s->local) ||
	    ww_host_parse_endpoint(w[i + 1], wl[i + 1], &s->foreign))
		return WW_ERR_FORMAT;
	s->state = proto == WW_PROTO_UDP ? WW_ST_NONE : WW_ST_UNKNOWN;
	i += 2;
	if (i == 5 && i < k) { /* Linux: state? user inode pid/program */
		if (proto == WW_PROTO_TCP) {
			s->state = (uint8_t)state_word(w[i], wl[i]);
			i++;
		}
		for (j = i; j < k; j++) {
			const char *sl = memchr(w[j], '/', wl[j]);
			if (sl && ww_host_all_digits(w[j], (size_t)(sl - w[j]))) {
				struct ww_tcur t = ww_tcur_make(w[j], (size_t)(sl - w[j]));
				uint64_t v;
				if (ww_tcur_u64(&t, 0x7fffffff, &v) == WW_OK)
					s->pid = (long)v;
				ww_host_copy(s->image, sizeof(s->image), sl + 1,
				             (size_t)(line + n - sl - 1));
				{
					size_t m = strlen(s->image);
					while (m && s->image[m - 1] == ' ')
						s->image[--m] = '\0';
				}
				break;
			}
		}
	} else if (i < k) { /* Windows: [state] [pid] [offload state (-t)] */
		size_t last = k - 1;
		if (k - i >= 2 && !ww_host_all_digits(w[last], wl[last]) && ww_host_all_digits(w[last - 1], wl[last - 1]))
			last--; /* "LISTENING  1016  InHost" */
		if (ww_host_all_digits(w[last], wl[last])) {
			struct ww_tcur t = ww_tcur_make(w[last], wl[last]);
			uint64_t v;
			if (ww_tcur_u64(&t, 0x7fffffff, &v))
				return WW_ERR_FORMAT;
			s->pid = (long)v;
			k = last;
		}
		if (i < k && proto == WW_PROTO_TCP)
			s->state = (uint8_t)state_word(w[i], wl[i]);
	}
	/* the locale-free listener */
	if (proto == WW_PROTO_TCP && s->foreign.wild)
		s->state = WW_ST_LISTEN;
	return WW_OK;
}

static bool row_like(const char *line, size_t n)
{
	const char *w[MAX_TOK];
	size_t wl[MAX_TOK], k = split(line, n, w, wl);
	return k >= 2 && proto_word(w[0], wl[0]) && memchr(w[1], ':', wl[1]) != NULL;
}

static bool row_like_linux(const char *line, size_t n)
{
	const char *w[MAX_TOK];
	size_t wl[MAX_TOK], k = split(line, n, w, wl);
	return k >= 4 && proto_word(w[0], wl[0]) && ww_host_all_digits(w[1], wl[1]) &&
	       memchr(w[3], ':', wl[3]) != NULL;
}

int ww_host_detect_netstat(const char *text, size_t len)
{
	size_t pos = 0, ln, rows = 0, lines = 0;
	const char *line;
	bool cut;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (row_like(line, ln) || row_like_linux(line, ln))
			rows++;
	}
	return rows ? 50 + (int)WW_MIN(rows, 40u) : 0;
}

/* The lines that `netstat -b` prints under a row:
 *   "  RpcSs"                              a service (component)
 *   " [svchost.exe]"                       the image
 *   " Can not obtain ownership information" (translated; ignored)
 *   "c:\windows\system32\WS2_32.dll"       a module (-v; ignored) */
static void owner_line(struct ww_host_ctx *c, size_t first, const char *line, size_t n)
{
	size_t i;
	ww_host_trim(&line, &n);
	if (n >= 2 && line[0] == '[' && line[n - 1] == ']') {
		for (i = first; i < c->inv.sockets.n; i++)
			ww_host_copy(c->inv.sockets.v[i].image, sizeof(c->inv.sockets.v[i].image),
			             line + 1, n - 2);
		return;
	}
	if (!n || n >= WW_HOST_NAME)
		return;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)line[i]) && line[i] != '_' && line[i] != '-' &&
		    line[i] != '.' && line[i] != '$')
			return;
	for (i = first; i < c->inv.sockets.n; i++)
		ww_host_copy(c->inv.sockets.v[i].service, sizeof(c->inv.sockets.v[i].service), line,
		             n);
}

ww_rc ww_host_parse_netstat(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln, owner_from = (size_t)-1;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_host_socket tmp, *s;
		lineno++;
		memset(&tmp, 0, sizeof(tmp));
		tmp.pid = -1;
		if (parse_row(line, ln, &tmp) == WW_OK) {
			s = ww_host_add_socket(c);
			if (!s)
				return c->report->rc ? c->report->rc : WW_OK;
			*s = tmp;
			s->src = src;
			s->line = (uint32_t)lineno;
			if (s->pid >= 0)
				c->inv.have_pids = true;
			owner_from = c->inv.sockets.n - 1;
			continue;
		}
		if (row_like(line, ln)) {
			c->rows_bad++;
			ww_report_warning(c->report, _("'%s' line %lu: cannot parse the socket row"),
			                  ww_host_source_name(c, src), lineno);
			owner_from = (size_t)-1;
			continue;
		}
		if (ln == 0) {
			owner_from = (size_t)-1;
			continue;
		}
		if (owner_from != (size_t)-1)
			owner_line(c, owner_from, line, ln);
	}
	return WW_OK;
}
