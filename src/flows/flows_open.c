/* A flow file by its content (flows.h: ww_flows_feed_file). The first
 * bytes are looked at after decompression (inputs/source.h): a gzip'd,
 * bzip2'd, xz'd or zstd'd capture, IPFIX file or Argus CSV is read as the
 * plain one, by readers that decompress on the fly.
 *
 * Standard input ("-") cannot be read twice: its first bytes are read
 * here, and a thread of its own (a relay) hands them and the rest of the
 * stream to the reader through a pipe, so that a capture piped in
 * (tcpdump -w - udp port 2055 | wormwatch flows -) is judged as it comes.
 * nfdump must open a file itself: a compressed nfcapd file, or one on
 * standard input, goes through a temporary copy deleted as soon as it is
 * made (only its descriptor names it). */
#include "core/common.h"
#include "core/cursor.h"
#include "core/i18n.h"
#include "flows/flows_int.h"
#include "inputs/sniff.h"
#include "inputs/source.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

enum kind { K_NONE, K_PCAP, K_NFCAPD, K_IPFIX, K_ARGUS };

static enum kind kind_of(const uint8_t *m, size_t n)
{
	if (n >= 4 && ((m[0] == 0xa1 && m[1] == 0xb2) || (m[0] == 0xd4 && m[1] == 0xc3) ||
	               (m[0] == 0x4d && m[1] == 0x3c) ||
	               (m[0] == 0x0a && m[1] == 0x0d && m[2] == 0x0d && m[3] == 0x0a)))
		return K_PCAP;
	if (n >= 4 && m[0] == 0x0c && m[1] == 0xa5 && (m[2] == 1 || m[2] == 2) && m[3] == 0)
		return K_NFCAPD;
	if (n >= 16 && m[0] == 0 && m[1] == 10 && ww_get_be16(m + 2) >= 16)
		return K_IPFIX;
	if (n >= 10 && memcmp(m, "StartTime,", 10) == 0)
		return K_ARGUS;
	return K_NONE;
}

static ww_rc open_source(struct ww_source *s, const char *path)
{
	int err = 0;
	const char *why = NULL;
	ww_rc rc = ww_source_open(s, path, 0, &err, &why);
	if (rc) {
		ww_error("cannot open '%s': %s", path, why ? why : strerror(err ? err : EIO));
		return rc == WW_ERR_NOMEM ? rc : WW_ERR_IO;
	}
	return WW_OK;
}

/* After the stream s stopped: WW_OK at its end, WW_ERR_FORMAT (named)
 * when damaged compressed data or a cap stopped it, WW_ERR_IO otherwise. */
static ww_rc source_end(struct ww_source *s, const char *path, int err)
{
	char msg[256];
	bool limit = false;
	if (!ferror(s->f))
		return WW_OK;
	if (ww_source_failed(s, msg, sizeof(msg), &limit)) {
		ww_error("'%s': %s; what came before it is read", path, msg);
		return WW_ERR_FORMAT;
	}
	ww_error("cannot read '%s': %s", path, strerror(err ? err : EIO));
	return WW_ERR_IO;
}

/* head (n bytes, already read) and the rest of s into a deleted temporary
 * file, rewound into *fd. */
static ww_rc spool(struct ww_flows *f, struct ww_source *s, const char *path, const uint8_t *head,
                   size_t n, int *fd)
{
	const char *dir = getenv("TMPDIR");
	char tmpl[4096], buf[65536];
	ww_rc rc = WW_OK;
	size_t got;
	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/wormwatch-flows.XXXXXX", dir);
	*fd = mkstemp(tmpl);
	if (*fd < 0) {
		ww_error("cannot read '%s': no temporary file in %s: %s", path, dir, strerror(errno));
		return WW_ERR_IO;
	}
	unlink(tmpl);
	if (write(*fd, head, n) != (ssize_t)n)
		rc = WW_ERR_IO;
	while (!rc && !(f->o.stop && *f->o.stop) && (got = fread(buf, 1, sizeof(buf), s->f)) > 0)
		if (write(*fd, buf, got) != (ssize_t)got)
			rc = WW_ERR_IO;
	if (rc)
		ww_error("cannot read '%s': the temporary copy in %s failed: %s", path, dir,
		         strerror(errno));
	else if (!(f->o.stop && *f->o.stop))
		rc = source_end(s, path, errno);
	if (rc == WW_ERR_IO || lseek(*fd, 0, SEEK_SET) != 0) {
		close(*fd);
		*fd = -1;
		return WW_ERR_IO;
	}
	return rc;
}

/* ---- standard input through a pipe ---- */

struct relay {
	struct ww_source *s;
	int wfd;
	uint8_t head[WW_SNIFF_HEAD]; /* a copy: the relay may outlive the caller's */
	size_t n;
	int err;          /* errno of a failed read, 0 at the end */
	bool failed;      /* the stream stopped on an error */
	bool done;        /* set by the relay when it has finished */
	bool left;        /* the reader has gone: the relay frees r and s */
	pthread_mutex_t mu;
};

static bool write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false; /* the reader stopped (EPIPE: SIGPIPE is blocked here) */
		b += w;
		n -= (size_t)w;
	}
	return true;
}

static void *relay_run(void *arg)
{
	struct relay *r = arg;
	uint8_t buf[65536];
	size_t got;
	bool ok = write_all(r->wfd, r->head, r->n), left;
	int err;
	while (ok && (got = fread(buf, 1, sizeof(buf), r->s->f)) > 0)
		ok = write_all(r->wfd, buf, got);
	err = errno;
	close(r->wfd);
	pthread_mutex_lock(&r->mu);
	r->err = err;
	r->failed = ok && ferror(r->s->f);
	r->done = true;
	left = r->left;
	pthread_mutex_unlock(&r->mu);
	if (left) {
		ww_source_close(r->s);
		free(r->s);
		pthread_mutex_destroy(&r->mu);
		free(r);
	}
	return NULL;
}

/* Read standard input (s, its first n bytes in head) with the reader for
 * kind k, through a pipe fed by a relay thread. */
static ww_rc read_relayed(struct ww_flows *f, struct ww_source *s, enum kind k, const uint8_t *head,
                          size_t n, bool *source_left)
{
	struct relay *r;
	pthread_t th;
	sigset_t all, old;
	char proc[32];
	int p[2];
	bool done;
	ww_rc rc;
	*source_left = false;
	if (!(r = ww_calloc(1, sizeof(*r))))
		return WW_ERR_NOMEM;
	if (pipe2(p, O_CLOEXEC) != 0) {
		ww_error("cannot read '-': no pipe: %s", strerror(errno));
		free(r);
		return WW_ERR_IO;
	}
	r->s = s;
	r->wfd = p[1];
	r->n = n < sizeof(r->head) ? n : sizeof(r->head);
	memcpy(r->head, head, r->n);
	pthread_mutex_init(&r->mu, NULL);
	/* the relay takes no signals (SIGINT goes to the reader; a closed
	 * pipe is EPIPE, not SIGPIPE) */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&th, NULL, relay_run, r) == 0 ? WW_OK : WW_ERR_NOMEM;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		close(p[0]);
		close(p[1]);
		pthread_mutex_destroy(&r->mu);
		free(r);
		return rc;
	}
	snprintf(proc, sizeof(proc), "/dev/fd/%d", p[0]);
	switch (k) {
	case K_PCAP: rc = ww_flows_file_pcap(f, proc, "-"); break;
	case K_IPFIX: rc = ww_flows_file_ipfix(f, proc, "-"); break;
	default: rc = ww_flows_file_argus(f, proc, "-"); break;
	}
	close(p[0]); /* a relay still writing gets EPIPE */
	pthread_mutex_lock(&r->mu);
	done = r->done;
	r->left = !done;
	pthread_mutex_unlock(&r->mu);
	if (!done) {
		/* the reader stopped first (interrupted, or damaged data) while
		 * the relay may wait for input that never comes: it is left to
		 * finish on its own and owns r and s from here */
		pthread_detach(th);
		*source_left = true;
		return rc;
	}
	pthread_join(th, NULL);
	if (!rc && r->failed)
		rc = source_end(s, "-", r->err);
	pthread_mutex_destroy(&r->mu);
	free(r);
	return rc;
}

ww_rc ww_flows_feed_file(struct ww_flows *f, const char *path)
{
	uint8_t m[WW_SNIFF_HEAD];
	char what[256];
	uint64_t frames = f->pcap_frames;
	size_t n;
	uint64_t before = f->st.flows;
	struct ww_source *s;
	bool stdin_in = strcmp(path, "-") == 0, left = false;
	char proc[32];
	int fd = -1;
	ww_rc rc, damage = WW_OK;
	enum ww_zkind z;
	enum kind k;

	if (f->o.stop && *f->o.stop)
		return WW_OK; /* interrupted: the files after it are not read */
	if (!(s = ww_calloc(1, sizeof(*s))))
		return WW_ERR_NOMEM;
	if ((rc = open_source(s, path))) {
		free(s);
		return rc;
	}
	n = fread(m, 1, sizeof(m), s->f);
	z = s->kind;
	k = kind_of(m, n);
	f->st.files++;
	if (k == K_NFCAPD && (stdin_in || z != WW_Z_NONE)) {
		/* nfdump opens the file itself: give it the decompressed bytes */
		damage = spool(f, s, path, m, n, &fd);
		ww_source_close(s);
		free(s);
		if (damage == WW_ERR_IO || damage == WW_ERR_NOMEM)
			return damage;
		snprintf(proc, sizeof(proc), "/dev/fd/%d", fd);
		rc = ww_flows_file_nfcapd(f, proc, path);
		close(fd);
	} else if (stdin_in && k != K_NONE) {
		rc = read_relayed(f, s, k, m, n, &left);
		if (!left) {
			ww_source_close(s);
			free(s);
		}
	} else {
		ww_source_close(s);
		free(s);
		switch (k) {
		case K_PCAP: rc = ww_flows_file_pcap(f, path, path); break;
		case K_NFCAPD: rc = ww_flows_file_nfcapd(f, path, path); break;
		case K_IPFIX: rc = ww_flows_file_ipfix(f, path, path); break;
		case K_ARGUS: rc = ww_flows_file_argus(f, path, path); break;
		default:
			if (n == 0)
				ww_error("'%s' offset 0: not a flow file: it is empty", path);
			else
				ww_error("'%s' is not a flow file (pcap/pcapng of flow exports, nfcapd, IPFIX "
				         "or Argus CSV): it is %s", path,
				         ww_sniff_what(m, n, z, _("text in none of the formats it reads"), what,
				                       sizeof(what)));
			rc = WW_ERR_FORMAT;
		}
	}
	if (rc)
		return rc;
	if (f->st.flows == before && !(f->o.stop && *f->o.stop)) {
		f->st.no_flows_files++;
		if (k == K_PCAP && f->pcap_frames > frames)
			/* a capture of the traffic itself */
			ww_error("'%s': no flow records found: no UDP datagram in it is a flow export "
			         "(%llu packets of other traffic); it is %s", path,
			         (unsigned long long)(f->pcap_frames - frames),
			         ww_sniff_what(m, n, z, "", what, sizeof(what)));
		else
			ww_error("'%s': no flow records found", path);
		return WW_ERR_FORMAT;
	}
	return damage;
}
