/* nfcapd files (nfdump's nfcapd/nfpcapd) are read through nfdump itself,
 * as Debian packages it: `nfdump -q -r FILE -o json` started with
 * posix_spawn (no shell; TZ=UTC so that its times are UTC), and its output
 * read line by line by the bounded parser below. nfdump 1.7's csv mode
 * prints times to the second only; its json mode to the millisecond, with
 * IPv6 addresses in full.
 *
 *   {
 *   	"type" : "FLOW",
 *   	"sampled" : 0,
 *   	"first" : "2018-01-12T15:37:30.942",
 *   	"last" : "2018-01-12T15:37:30.942",
 *   	"in_packets" : 1,
 *   	"in_bytes" : 60,
 *   	"proto" : 6,
 *   	"tcp_flags" : "......S.",
 *   	"src_port" : 52324,
 *   	"dst_port" : 902,
 *   	"src4_addr" : "147.32.80.119",
 *   	"dst4_addr" : "147.32.82.62",
 *   	"label" : "<none>"
 *   },
 */
#include "core/common.h"
#include "core/timefmt.h"
#include "core/textcur.h"
#include "decode/packet.h"
#include "flows/flows_int.h"
#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

void ww_nfj_init(struct ww_nfj *s)
{
	memset(s, 0, sizeof(*s));
}

static void rec_reset(struct ww_nfj *s)
{
	memset(&s->r, 0, sizeof(s->r));
	s->in_rec = true;
	s->is_flow = s->have_src = s->have_dst = s->have_first = s->have_icmp = false;
	s->icmp_type = s->icmp_code = 0;
}

/* "2018-01-12T15:37:30.942" (UTC) -> microseconds since the epoch. */
static ww_rc parse_time(const char *p, size_t len, int64_t *out)
{
	struct ww_tcur t = ww_tcur_make(p, len);
	uint64_t y, mo, d, h, mi, sec, ms = 0;
	if (ww_tcur_u64(&t, 9999, &y) || !ww_tcur_ch(&t, '-') || ww_tcur_u64(&t, 12, &mo) ||
	    !ww_tcur_ch(&t, '-') || ww_tcur_u64(&t, 31, &d) || !ww_tcur_ch(&t, 'T') ||
	    ww_tcur_u64(&t, 23, &h) || !ww_tcur_ch(&t, ':') || ww_tcur_u64(&t, 59, &mi) ||
	    !ww_tcur_ch(&t, ':') || ww_tcur_u64(&t, 60, &sec))
		return WW_ERR_FORMAT;
	if (ww_tcur_ch(&t, '.')) {
		const char *start = t.p;
		if (ww_tcur_u64(&t, 999, &ms) || t.p - start != 3)
			return WW_ERR_FORMAT;
	}
	if (!ww_tcur_eof(&t) || !ww_time_from_civil(y, mo, d, h, mi, sec, ms * 1000, out))
		return WW_ERR_FORMAT;
	return WW_OK;
}

/* nfdump's flag string: 8 places "CEUAPRSF", a dot where a flag is unset. */
static ww_rc parse_flags(const char *p, size_t len, uint8_t *out)
{
	static const char names[] = "CEUAPRSF";
	uint8_t v = 0;
	size_t i;
	if (len != 8)
		return WW_ERR_FORMAT;
	for (i = 0; i < 8; i++) {
		if (p[i] == names[i])
			v |= (uint8_t)(0x80u >> i);
		else if (p[i] != '.')
			return WW_ERR_FORMAT;
	}
	*out = v;
	return WW_OK;
}

static ww_rc parse_addr(const char *p, size_t len, struct ww_addr *a)
{
	char buf[WW_ADDR_STRLEN];
	if (len == 0 || len >= sizeof(buf))
		return WW_ERR_FORMAT;
	memcpy(buf, p, len);
	buf[len] = 0;
	return ww_addr_parse(buf, a);
}

static bool key_is(const char *k, size_t kl, const char *want)
{
	return kl == strlen(want) && memcmp(k, want, kl) == 0;
}

ww_rc ww_nfj_line(struct ww_nfj *s, const char *line, size_t len, struct ww_flowrec *out,
                  bool *done)
{
	struct ww_tcur t = ww_tcur_make(line, len);
	const char *k, *v;
	size_t kl, vl;
	bool str = false;
	uint64_t n = 0;
	*done = false;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_eof(&t) || ww_tcur_lit(&t, "[") || ww_tcur_lit(&t, "]"))
		return WW_OK;
	if (ww_tcur_ch(&t, '{')) {
		rec_reset(s);
		return WW_OK;
	}
	if (ww_tcur_ch(&t, '}')) {
		bool ok = s->in_rec && s->is_flow && s->have_src && s->have_dst && s->have_first;
		s->in_rec = false;
		if (!ok) {
			s->skipped++;
			return WW_OK;
		}
		if (s->have_icmp && (s->r.proto == WW_PROTO_ICMP || s->r.proto == WW_PROTO_ICMP6)) {
			s->r.sport = 0;
			s->r.dport = (uint16_t)(s->icmp_type << 8 | s->icmp_code);
		}
		if (s->r.end_us < s->r.start_us)
			s->r.end_us = s->r.start_us;
		s->r.biflow = s->r.rpkts || s->r.rbytes;
		*out = s->r;
		s->records++;
		*done = true;
		return WW_OK;
	}
	if (!s->in_rec || !ww_tcur_ch(&t, '"'))
		goto bad;
	ww_tcur_until(&t, '"', &k, &kl);
	if (!ww_tcur_ch(&t, '"'))
		goto bad;
	ww_tcur_skip_ws(&t);
	if (!ww_tcur_ch(&t, ':'))
		goto bad;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_ch(&t, '"')) {
		str = true;
		ww_tcur_until(&t, '"', &v, &vl);
		if (!ww_tcur_ch(&t, '"'))
			goto bad;
	} else {
		v = t.p;
		if (ww_tcur_u64(&t, UINT64_MAX, &n)) {
			/* other value kinds (negative, fractional): not ours, keep going */
			return WW_OK;
		}
		vl = (size_t)(t.p - v);
	}
	ww_tcur_ch(&t, ',');
	ww_tcur_skip_ws(&t);
	if (!ww_tcur_eof(&t))
		goto bad;
	if (key_is(k, kl, "type")) {
		s->is_flow = str && key_is(v, vl, "FLOW");
	} else if (key_is(k, kl, "first") || key_is(k, kl, "last")) {
		int64_t us;
		if (!str || parse_time(v, vl, &us))
			goto bad;
		if (k[0] == 'f') {
			s->r.start_us = us;
			s->have_first = true;
		} else {
			s->r.end_us = us;
		}
	} else if (key_is(k, kl, "in_packets") && !str) {
		s->r.pkts = n;
	} else if (key_is(k, kl, "in_bytes") && !str) {
		s->r.bytes = n;
	} else if (key_is(k, kl, "out_packets") && !str) {
		s->r.rpkts = n;
	} else if (key_is(k, kl, "out_bytes") && !str) {
		s->r.rbytes = n;
	} else if (key_is(k, kl, "proto") && !str) {
		if (n > 255)
			goto bad;
		s->r.proto = (uint8_t)n;
	} else if (key_is(k, kl, "tcp_flags") && str) {
		if (parse_flags(v, vl, &s->r.flags))
			goto bad;
	} else if ((key_is(k, kl, "src_port") || key_is(k, kl, "dst_port")) && !str) {
		if (n > 65535)
			goto bad;
		if (k[0] == 's')
			s->r.sport = (uint16_t)n;
		else
			s->r.dport = (uint16_t)n;
	} else if ((key_is(k, kl, "icmp_type") || key_is(k, kl, "icmp_code")) && !str) {
		if (n > 255)
			goto bad;
		if (k[5] == 't')
			s->icmp_type = (unsigned)n;
		else
			s->icmp_code = (unsigned)n;
		s->have_icmp = true;
	} else if ((key_is(k, kl, "src4_addr") || key_is(k, kl, "src6_addr")) && str) {
		if (parse_addr(v, vl, &s->r.src))
			goto bad;
		s->have_src = true;
	} else if ((key_is(k, kl, "dst4_addr") || key_is(k, kl, "dst6_addr")) && str) {
		if (parse_addr(v, vl, &s->r.dst))
			goto bad;
		s->have_dst = true;
	} else if (key_is(k, kl, "sampled") && !str) {
		/* nfcapd scaled the counters already when it stored them */
		(void)n;
	}
	return WW_OK;
bad:
	s->bad_lines++;
	s->in_rec = false; /* the record being built is dropped */
	return WW_ERR_FORMAT;
}

/* ---- running nfdump ---------------------------------------------------------- */

struct nf_run {
	struct ww_flows *f;
	const char *path;
	struct ww_nfj s;
	char line[WW_NFJ_MAX_LINE];
	size_t llen;
	bool skipping;
	unsigned long lineno;
	char err[200];
	size_t errlen;
};

static void nf_line(struct nf_run *n)
{
	struct ww_flowrec r;
	bool done;
	n->lineno++;
	if (ww_nfj_line(&n->s, n->line, n->llen, &r, &done) == WW_ERR_FORMAT) {
		if (n->s.bad_lines == 1)
			n->s.first_bad_line = n->lineno;
		return;
	}
	if (done) {
		n->f->st.nfdump++;
		ww_flows_record(n->f, &r);
	}
}

static void nf_bytes(struct nf_run *n, const char *p, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (p[i] == '\n') {
			if (n->skipping) {
				n->skipping = false;
				n->lineno++;
				n->s.bad_lines++;
			} else {
				nf_line(n);
			}
			n->llen = 0;
		} else if (!n->skipping) {
			if (n->llen >= sizeof(n->line)) {
				n->skipping = true; /* a line this long is not nfdump's */
			} else {
				n->line[n->llen++] = p[i];
			}
		}
	}
}

ww_rc ww_flows_file_nfcapd(struct ww_flows *f, const char *path, const char *shown)
{
	const char *prog = f->o.nfdump ? f->o.nfdump : "nfdump";
	char *argv[] = {(char *)(uintptr_t)prog, (char *)(uintptr_t)"-q", (char *)(uintptr_t)"-r",
	                (char *)(uintptr_t)path, (char *)(uintptr_t)"-o",
	                (char *)(uintptr_t)"json", NULL};
	char *envp[4];
	char pathenv[1024];
	const char *pe = getenv("PATH");
	int out[2] = {-1, -1}, errp[2] = {-1, -1}, status = 0;
	posix_spawn_file_actions_t fa;
	struct nf_run *n;
	pid_t pid;
	int rc;
	snprintf(pathenv, sizeof(pathenv), "PATH=%s", pe ? pe : "/usr/bin:/bin");
	envp[0] = pathenv;
	envp[1] = (char *)(uintptr_t)"TZ=UTC";
	envp[2] = (char *)(uintptr_t)"LC_ALL=C";
	envp[3] = NULL;
	n = ww_calloc(1, sizeof(*n));
	if (!n)
		return WW_ERR_NOMEM;
	n->f = f;
	n->path = shown;
	ww_nfj_init(&n->s);
	if (pipe2(out, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		ww_error("cannot read '%s': cannot make a pipe for nfdump: %s", shown, strerror(errno));
		goto fail;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, prog, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(errp[1]);
	out[1] = errp[1] = -1;
	if (rc) {
		ww_error("'%s' is an nfcapd file, and reading it needs nfdump ('%s'): %s (Debian: "
		         "apt install nfdump)", shown, prog, strerror(rc));
		goto fail;
	}
	{
		struct pollfd pf[2];
		char buf[65536];
		bool open_out = true, open_err = true;
		while (open_out || open_err) {
			int k;
			if (f->o.stop && *f->o.stop) {
				/* interrupted: what nfdump gave so far counts */
				kill(pid, SIGTERM);
				break;
			}
			pf[0].fd = open_out ? out[0] : -1;
			pf[0].events = POLLIN;
			pf[1].fd = open_err ? errp[0] : -1;
			pf[1].events = POLLIN;
			if (poll(pf, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (k = 0; k < 2; k++) {
				ssize_t r;
				if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
					continue;
				r = read(pf[k].fd, buf, sizeof(buf));
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					if (k == 0)
						open_out = false;
					else
						open_err = false;
					continue;
				}
				if (k == 0) {
					nf_bytes(n, buf, (size_t)r);
				} else {
					size_t room = sizeof(n->err) - 1 - n->errlen;
					size_t c = (size_t)r < room ? (size_t)r : room;
					memcpy(n->err + n->errlen, buf, c);
					n->errlen += c;
				}
			}
		}
	}
	if (n->llen && !n->skipping && !(f->o.stop && *f->o.stop))
		nf_line(n);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (f->o.stop && *f->o.stop) {
		close(out[0]);
		close(errp[0]);
		free(n);
		return WW_OK; /* stopped by us: the records read so far count */
	}
	close(out[0]);
	close(errp[0]);
	n->err[n->errlen] = 0;
	{
		char *nl = strchr(n->err, '\n');
		size_t i;
		if (nl)
			*nl = 0;
		for (i = 0; n->err[i]; i++)
			if ((unsigned char)n->err[i] < 0x20 || (unsigned char)n->err[i] >= 0x7f)
				n->err[i] = '?';
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ww_error("'%s': nfdump could not read it (%s %d)%s%s", shown,
		         WIFEXITED(status) ? _("exit status") : _("signal"),
		         WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
		         n->err[0] ? ": " : "", n->err);
		free(n);
		return WW_ERR_FORMAT;
	}
	if (n->s.bad_lines)
		ww_flows_warnf(f, "'%s': %llu lines of nfdump's output were not understood (the first "
		               "at line %lu)", shown, (unsigned long long)n->s.bad_lines,
		               n->s.first_bad_line);
	free(n);
	return WW_OK;
fail:
	if (out[0] >= 0)
		close(out[0]);
	if (out[1] >= 0)
		close(out[1]);
	if (errp[0] >= 0)
		close(errp[0]);
	if (errp[1] >= 0)
		close(errp[1]);
	free(n);
	return WW_ERR_IO;
}
