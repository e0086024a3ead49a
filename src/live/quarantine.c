#include "core/common.h"
#include "live/quarantine.h"

#include <errno.h>
#include <ifaddrs.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <nftables/libnftables.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ALLOW_MAX 64

/* Ports worms spread on (see detect/ports.c and docs/live.md). */
static const char worm_tcp[] = "23, 135, 139, 445, 1025, 1433, 2323, 2745, 3127, 3389, 4444, "
                               "5554, 5900, 6129, 9996";
static const char worm_udp[] = "137, 138, 1434";

struct allowed {
	struct ww_addr a;
	const char *why;
};

struct ww_quarantine {
	struct nft_ctx *nft;
	struct ww_quarantine_opts o;
	struct allowed allow[ALLOW_MAX];
	size_t n_allow;
	char *cmd;       /* scratch for one command */
	size_t cmd_cap;
};

static void allow_add(struct ww_quarantine *q, const struct ww_addr *a, const char *why)
{
	size_t i;
	if (ww_addr_is_unspecified(a) || ww_addr_is_loopback(a) || q->n_allow >= ALLOW_MAX)
		return;
	for (i = 0; i < q->n_allow; i++)
		if (ww_addr_eq(&q->allow[i].a, a))
			return;
	q->allow[q->n_allow].a = *a;
	q->allow[q->n_allow].why = why;
	q->n_allow++;
}

/* The machine's own addresses: never quarantine the gateway itself. */
static void allow_own(struct ww_quarantine *q)
{
	struct ifaddrs *ifs, *i;
	if (getifaddrs(&ifs) != 0)
		return;
	for (i = ifs; i; i = i->ifa_next) {
		struct ww_addr a;
		if (!i->ifa_addr)
			continue;
		if (i->ifa_addr->sa_family == AF_INET)
			ww_addr_from_v4_bytes(&a, (const uint8_t *)&((struct sockaddr_in *)i->ifa_addr)->sin_addr);
		else if (i->ifa_addr->sa_family == AF_INET6)
			ww_addr_from_v6_bytes(&a, ((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr.s6_addr);
		else
			continue;
		allow_add(q, &a, "an address of this gateway");
	}
	freeifaddrs(ifs);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Fields of a whitespace-separated line, at most max, each NUL-ended in
 * place. */
static size_t fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (*p && n < max) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		f[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n')
		*p++ = '\0';
	return n;
}

/* Default routers, from /proc/net/route (the gateway field is the raw
 * network-order word printed in hex) and /proc/net/ipv6_route. */
static void allow_gateways(struct ww_quarantine *q)
{
	char line[512], *f[12];
	FILE *fp = fopen("/proc/net/route", "r");
	int k;
	if (fp) {
		while (fgets(line, sizeof(line), fp)) {
			uint8_t b[4];
			size_t n = fields(line, f, 12);
			int j;
			if (n < 3 || strcmp(f[1], "00000000") || strlen(f[2]) != 8)
				continue;
			for (j = 0; j < 4; j++) {
				int hi = hexval(f[2][6 - 2 * j]), lo = hexval(f[2][7 - 2 * j]);
				if (hi < 0 || lo < 0)
					break;
				b[j] = (uint8_t)(hi << 4 | lo); /* the word's low byte is the first */
			}
			if (j == 4) {
				struct ww_addr a;
				ww_addr_from_v4_bytes(&a, b);
				allow_add(q, &a, "a default router");
			}
		}
		fclose(fp);
	}
	fp = fopen("/proc/net/ipv6_route", "r");
	if (fp) {
		while (fgets(line, sizeof(line), fp)) {
			uint8_t b[16];
			size_t n = fields(line, f, 12);
			if (n < 5 || strcmp(f[1], "00") || strlen(f[0]) != 32 || strlen(f[4]) != 32 ||
			    strspn(f[0], "0") != 32)
				continue;
			for (k = 0; k < 16; k++) {
				int hi = hexval(f[4][2 * k]), lo = hexval(f[4][2 * k + 1]);
				if (hi < 0 || lo < 0)
					break;
				b[k] = (uint8_t)(hi << 4 | lo);
			}
			if (k == 16) {
				struct ww_addr a;
				ww_addr_from_v6_bytes(&a, b);
				allow_add(q, &a, "a default router");
			}
		}
		fclose(fp);
	}
}

static void allow_dns(struct ww_quarantine *q)
{
	char line[512], *f[4];
	FILE *fp = fopen("/etc/resolv.conf", "r");
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		struct ww_addr a;
		size_t n = fields(line, f, 4);
		char *pct;
		if (n < 2 || strcmp(f[0], "nameserver"))
			continue;
		if ((pct = strchr(f[1], '%')))
			*pct = '\0'; /* fe80::1%eth0 */
		if (ww_addr_parse(f[1], &a) == WW_OK)
			allow_add(q, &a, "a DNS server");
	}
	fclose(fp);
}

static void allow_admin(struct ww_quarantine *q)
{
	const char *s = getenv("SSH_CONNECTION"); /* "CLIENT CPORT SERVER SPORT" */
	char buf[64];
	size_t n;
	struct ww_addr a;
	if (!s)
		return;
	n = strcspn(s, " ");
	if (n == 0 || n >= sizeof(buf))
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (ww_addr_parse(buf, &a) == WW_OK)
		allow_add(q, &a, "the admin's address (SSH_CONNECTION)");
}

const char *ww_quarantine_allowed(const struct ww_quarantine *q, const struct ww_addr *a)
{
	size_t i;
	for (i = 0; i < q->n_allow; i++)
		if (ww_addr_eq(&q->allow[i].a, a))
			return q->allow[i].why;
	if (q->o.never && ww_netlist_match(q->o.never, a))
		return "on the --never list";
	if (ww_addr_is_loopback(a) || ww_addr_is_multicast(a) || ww_addr_is_broadcast(a) ||
	    ww_addr_is_unspecified(a))
		return "not a host address";
	return NULL;
}

const char *ww_quarantine_set(const struct ww_quarantine *q, bool v4)
{
	if (q->o.all)
		return v4 ? "quarantine4" : "quarantine6";
	return v4 ? "quarantine_ports4" : "quarantine_ports6";
}

static void cidr_fmt(const struct ww_cidr *c, char *buf, size_t len)
{
	char a[WW_ADDR_STRLEN];
	ww_addr_fmt(&c->net, a);
	snprintf(buf, len, "%s/%u", a, c->v4 ? (unsigned)c->bits - 96 : (unsigned)c->bits);
}

size_t ww_quarantine_allowlist(const struct ww_quarantine *q, char *buf, size_t len)
{
	size_t i, o = 0;
	char a[WW_ADDR_STRLEN + 8];
	buf[0] = '\0';
	for (i = 0; i < q->n_allow + (q->o.never ? q->o.never->n : 0) && o + 1 < len; i++) {
		int k;
		if (i < q->n_allow)
			ww_addr_fmt(&q->allow[i].a, a);
		else
			cidr_fmt(&q->o.never->v[i - q->n_allow], a, sizeof(a));
		k = snprintf(buf + o, len - o, "%s%s", o ? ", " : "", a);
		if (k < 0 || (size_t)k >= len - o)
			break;
		o += (size_t)k;
	}
	return o;
}

/* Run one command; its error (first line) into err. */
static ww_rc run(struct ww_quarantine *q, const char *cmd, char *err, size_t errlen)
{
	const char *e;
	size_t n;
	if (nft_run_cmd_from_buffer(q->nft, cmd) == 0)
		return WW_OK;
	e = nft_ctx_get_error_buffer(q->nft);
	if (!e || !*e)
		e = strerror(errno ? errno : EPERM);
	n = strcspn(e, "\n");
	if (err && errlen)
		snprintf(err, errlen, "%.*s", (int)WW_MIN(n, (size_t)300), e);
	return WW_ERR_IO;
}

static const char setup[] =
	"add table inet wormwatch\n"
	"add set inet wormwatch allow4 { type ipv4_addr; flags interval; }\n"
	"add set inet wormwatch allow6 { type ipv6_addr; flags interval; }\n"
	"add set inet wormwatch quarantine4 { type ipv4_addr; flags timeout; }\n"
	"add set inet wormwatch quarantine6 { type ipv6_addr; flags timeout; }\n"
	"add set inet wormwatch quarantine_ports4 { type ipv4_addr; flags timeout; }\n"
	"add set inet wormwatch quarantine_ports6 { type ipv6_addr; flags timeout; }\n"
	"add chain inet wormwatch watch_forward { type filter hook forward priority filter - 11; "
	"policy accept; }\n"
	"add chain inet wormwatch watch_input { type filter hook input priority filter - 11; "
	"policy accept; }\n"
	"flush chain inet wormwatch watch_forward\n"
	"flush chain inet wormwatch watch_input\n";

static ww_rc make_table(struct ww_quarantine *q, char *err, size_t errlen)
{
	char *cmd = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&cmd, &len);
	ww_rc rc;
	static const char *const fam[2][2] = {{"ip", "4"}, {"ip6", "6"}};
	if (!f)
		return WW_ERR_NOMEM;
	fputs(setup, f);
	for (i = 0; i < 2; i++) {
		const char *p = fam[i][0], *v = fam[i][1];
		fprintf(f, "add rule inet wormwatch watch_forward %s saddr @quarantine%s %s saddr != "
		        "@allow%s %s daddr != @allow%s counter drop comment \"wormwatch watch: "
		        "quarantined\"\n", p, v, p, v, p, v);
		fprintf(f, "add rule inet wormwatch watch_forward %s daddr @quarantine%s %s saddr != "
		        "@allow%s counter drop comment \"wormwatch watch: to a quarantined host\"\n",
		        p, v, p, v);
		fprintf(f, "add rule inet wormwatch watch_forward %s saddr @quarantine_ports%s %s "
		        "daddr != @allow%s tcp dport { %s } counter drop comment \"wormwatch watch: "
		        "worm ports\"\n", p, v, p, v, worm_tcp);
		fprintf(f, "add rule inet wormwatch watch_forward %s saddr @quarantine_ports%s %s "
		        "daddr != @allow%s udp dport { %s } counter drop comment \"wormwatch watch: "
		        "worm ports\"\n", p, v, p, v, worm_udp);
		fprintf(f, "add rule inet wormwatch watch_input %s saddr @quarantine_ports%s tcp dport "
		        "{ %s } counter drop\n", p, v, worm_tcp);
		fprintf(f, "add rule inet wormwatch watch_input %s saddr @quarantine%s tcp dport "
		        "{ %s } counter drop\n", p, v, worm_tcp);
	}
	if (fclose(f) != 0) {
		free(cmd);
		return WW_ERR_NOMEM;
	}
	rc = run(q, cmd, err, errlen);
	free(cmd);
	if (rc)
		return rc;
	/* the allowlist into the kernel too, one element at a time: one that
	 * overlaps an element `contain --apply` put there is no failure */
	for (i = 0; i < q->n_allow + (q->o.never ? q->o.never->n : 0); i++) {
		char a[WW_ADDR_STRLEN + 8], c[160];
		bool v4;
		if (i < q->n_allow) {
			ww_addr_fmt(&q->allow[i].a, a);
			v4 = q->allow[i].a.v4;
		} else {
			cidr_fmt(&q->o.never->v[i - q->n_allow], a, sizeof(a));
			v4 = q->o.never->v[i - q->n_allow].v4;
		}
		snprintf(c, sizeof(c), "add element inet wormwatch allow%c { %s }", v4 ? '4' : '6', a);
		(void)run(q, c, NULL, 0);
	}
	return WW_OK;
}

/* Is CAP_NET_ADMIN in our effective set? Asked first, because libnftables
 * prints its own line on stderr when netlink refuses. */
static bool can_admin_net(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return true; /* cannot tell: let nftables answer */
	return (d[CAP_NET_ADMIN / 32].effective >> (CAP_NET_ADMIN % 32)) & 1;
}

ww_rc ww_quarantine_open(struct ww_quarantine **out, const struct ww_quarantine_opts *o,
                         char *err, size_t errlen)
{
	struct ww_quarantine *q;
	ww_rc rc;
	*out = NULL;
	if (!can_admin_net()) {
		snprintf(err, errlen, "this process lacks CAP_NET_ADMIN");
		return WW_ERR_IO;
	}
	q = ww_calloc(1, sizeof(*q));
	if (!q)
		return WW_ERR_NOMEM;
	q->o = *o;
	if (!q->o.timeout_s)
		q->o.timeout_s = 3600;
	q->nft = nft_ctx_new(NFT_CTX_DEFAULT);
	if (!q->nft) {
		free(q);
		snprintf(err, errlen, "libnftables could not start");
		return WW_ERR_IO;
	}
	nft_ctx_buffer_output(q->nft);
	nft_ctx_buffer_error(q->nft);
	allow_own(q);
	allow_gateways(q);
	allow_dns(q);
	allow_admin(q);
	rc = make_table(q, err, errlen);
	if (rc) {
		ww_quarantine_close(q);
		return rc;
	}
	*out = q;
	return WW_OK;
}

void ww_quarantine_close(struct ww_quarantine *q)
{
	if (!q)
		return;
	if (q->nft)
		nft_ctx_free(q->nft);
	free(q);
}

ww_rc ww_quarantine_add(struct ww_quarantine *q, const struct ww_addr *a, const char *verdict,
                        char *err, size_t errlen)
{
	char cmd[256], ab[WW_ADDR_STRLEN];
	const char *why = ww_quarantine_allowed(q, a);
	if (why) {
		snprintf(err, errlen, "%s", why);
		return WW_ERR_USAGE;
	}
	/* the address is ours to format, the verdict a fixed word: nothing from
	 * the input reaches the command */
	snprintf(cmd, sizeof(cmd), "add element inet wormwatch %s { %s timeout %us comment "
	         "\"wormwatch watch: %s\" }", ww_quarantine_set(q, a->v4), ww_addr_fmt(a, ab),
	         q->o.timeout_s, verdict);
	if (run(q, cmd, err, errlen) == WW_OK)
		return WW_OK;
	/* the table may have been deleted or replaced since (contain --undo,
	 * contain --apply loads it afresh): make it again, once */
	if (make_table(q, err, errlen))
		return WW_ERR_IO;
	return run(q, cmd, err, errlen);
}
