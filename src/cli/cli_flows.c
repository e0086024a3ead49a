/* A UDP collector of flow exports (cli_flows.h): flows --listen and
 * sensor --listen. */
#include "core/common.h"
#include "core/timefmt.h"
#include "cli/cli_flows.h"
#include "core/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int cli_flows_listen(const char *spec)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	char host[64];
	const char *colon = strrchr(spec, ':');
	char *end;
	unsigned long port;
	size_t hl;
	int fd, one = 1, bufsz = 4 << 20;
	if (!colon) {
		ww_error("--listen takes ADDR:PORT (127.0.0.1:2055, [::1]:4739), not '%s'", spec);
		return -1;
	}
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (errno || *end || !colon[1] || port > 65535) {
		ww_error("--listen: bad port in '%s'", spec);
		return -1;
	}
	hl = (size_t)(colon - spec);
	if (hl >= 2 && spec[0] == '[' && spec[hl - 1] == ']') {
		spec++;
		hl -= 2;
	}
	if (hl >= sizeof(host)) {
		ww_error("--listen: bad address in '%s'", spec);
		return -1;
	}
	memcpy(host, spec, hl);
	host[hl] = 0;
	memset(&ss, 0, sizeof(ss));
	if (hl == 0 || inet_pton(AF_INET, host, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		sl = sizeof(*a);
	} else if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		sl = sizeof(*a);
	} else {
		ww_error("--listen: '%s' is not an IPv4 or IPv6 address", host);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ww_error("cannot open a UDP socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0) {
		ww_error("cannot listen on UDP %s: %s", spec, strerror(errno));
		close(fd);
		return -1;
	}
	{
		/* the port bound (":0" asks the kernel for a free one) */
		char addr[64] = "?";
		unsigned bound = 0;
		sl = sizeof(ss);
		if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
			if (ss.ss_family == AF_INET) {
				const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
				inet_ntop(AF_INET, &a->sin_addr, addr, sizeof(addr));
				bound = ntohs(a->sin_port);
			} else {
				const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
				inet_ntop(AF_INET6, &a->sin6_addr, addr, sizeof(addr));
				bound = ntohs(a->sin6_port);
			}
		}
		fprintf(stderr, _("wormwatch: collecting flows on UDP %s%s%s:%u\n"),
		        ss.ss_family == AF_INET6 ? "[" : "", addr,
		        ss.ss_family == AF_INET6 ? "]" : "", bound);
	}
	return fd;
}

const char *cli_flows_collect(struct ww_flows *f, int fd, uint64_t count, double idle,
                              const volatile sig_atomic_t *stop,
                              void (*drained)(void *ud, int64_t horizon_us), void *ud)
{
	static uint8_t buf[65536];
	int64_t last = (ww_mono_ns() / 1000000), last_drain = last;
	uint64_t n = 0;
	for (;;) {
		struct pollfd pfd = {fd, POLLIN, 0};
		int64_t t;
		if (*stop)
			return "signal";
		if (count && n >= count)
			return "count";
		if (poll(&pfd, 1, 200) > 0 && (pfd.revents & POLLIN)) {
			struct sockaddr_storage ss;
			socklen_t sl = sizeof(ss);
			ssize_t r = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&ss, &sl);
			if (r >= 0) {
				struct ww_flows_from from;
				memset(&from, 0, sizeof(from));
				if (ss.ss_family == AF_INET) {
					const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
					ww_addr_from_v4(&from.addr, ntohl(a->sin_addr.s_addr));
					from.port = ntohs(a->sin_port);
				} else if (ss.ss_family == AF_INET6) {
					const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
					ww_addr_from_v6_bytes(&from.addr, a->sin6_addr.s6_addr);
					from.port = ntohs(a->sin6_port);
				}
				from.recv_us = ww_wall_us();
				from.offset = ++n;
				(void)ww_flows_feed_datagram(f, buf, (size_t)r, &from);
				last = (ww_mono_ns() / 1000000);
			}
		}
		t = (ww_mono_ns() / 1000000);
		if (idle > 0 && (double)(t - last) >= idle * 1000)
			return "idle";
		if (t - last_drain >= 5000 && ww_flows_newest(f)) {
			/* connections quiet for two minutes of the exporters' time */
			int64_t horizon = ww_flows_newest(f) - 120 * 1000000LL;
			ww_flows_drain(f, horizon);
			if (drained)
				drained(ud, horizon);
			last_drain = t;
		}
	}
}
