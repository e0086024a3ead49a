/* A bounded worm simulator for the namespace test: opens non-blocking TCP
 * connections to COUNT consecutive IPv4 addresses from BASE on PORT, one
 * every INTERVAL_MS, holds them for HOLD_S seconds and exits. Everything is
 * capped (COUNT <= 1000, INTERVAL_MS >= 1, HOLD_S <= 60); the test only
 * points it at addresses its own outside namespace owns.
 * usage: ww_wormsim BASE COUNT PORT INTERVAL_MS HOLD_S */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long num(const char *s, long lo, long hi, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < lo || v > hi) {
		fprintf(stderr, "ww_wormsim: bad %s '%s' (%ld..%ld)\n", what, s, lo, hi);
		exit(64);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct in_addr base;
	long count, port, interval, hold, i;
	int fds[1000];
	int n = 0;
	struct timespec d;
	if (argc != 6) {
		fprintf(stderr, "usage: ww_wormsim BASE COUNT PORT INTERVAL_MS HOLD_S\n");
		return 64;
	}
	if (inet_pton(AF_INET, argv[1], &base) != 1) {
		fprintf(stderr, "ww_wormsim: bad address '%s'\n", argv[1]);
		return 64;
	}
	count = num(argv[2], 1, 1000, "count");
	port = num(argv[3], 1, 65535, "port");
	interval = num(argv[4], 1, 10000, "interval");
	hold = num(argv[5], 0, 60, "hold time");
	for (i = 0; i < count; i++) {
		struct sockaddr_in sa;
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (fd < 0) {
			perror("ww_wormsim: socket");
			break;
		}
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_port = htons((unsigned short)port);
		sa.sin_addr.s_addr = htonl(ntohl(base.s_addr) + (unsigned long)i);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 && errno != EINPROGRESS)
			perror("ww_wormsim: connect");
		fds[n++] = fd;
		d.tv_sec = interval / 1000;
		d.tv_nsec = (interval % 1000) * 1000000L;
		nanosleep(&d, NULL);
	}
	printf("ww_wormsim: %d connection attempts to %s.. port %ld\n", n, argv[1], port);
	fflush(stdout);
	d.tv_sec = hold;
	d.tv_nsec = 0;
	nanosleep(&d, NULL);
	for (i = 0; i < n; i++)
		close(fds[i]);
	return 0;
}
