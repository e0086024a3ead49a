/* analyze --write-evidence: a second pass writing the culprits' packets
 * (design in cli_evidence.h). */
#include "core/common.h"
#include "cli/cli_evidence.h"
#include "core/i18n.h"
#include "decode/packet.h"
#include "inputs/capture.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

struct culprit {
	struct ww_addr addr;
	uint32_t written;
};

struct ev_run {
	struct culprit *c;
	size_t n;
	int dlt;          /* the file's link type; -1 before the first frame */
	pcap_t *dead;
	pcap_dumper_t *d;
	FILE *f;
	struct ww_evidence_stats *st;
};

static int addr_cmp(const void *a, const void *b)
{
	return ww_addr_cmp(&((const struct culprit *)a)->addr, &((const struct culprit *)b)->addr);
}

static struct culprit *find(struct ev_run *e, const struct ww_addr *a)
{
	struct culprit key;
	memset(&key, 0, sizeof(key));
	key.addr = *a;
	return bsearch(&key, e->c, e->n, sizeof(*e->c), addr_cmp);
}

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	struct ev_run *e = ud;
	struct ww_pkt p;
	struct culprit *a = NULL, *b = NULL;
	struct pcap_pkthdr h;
	ww_rc rc = ww_decode(dlt, data, caplen, wire_len, ts, &p);
	if (rc && rc != WW_ERR_TRUNCATED)
		return;
	if (p.l3 == WW_L3_ARP) {
		a = find(e, &p.arp_spa);
		b = find(e, &p.arp_tpa);
	} else if (p.l3 != WW_L3_NONE) {
		a = find(e, &p.src);
		b = find(e, &p.dst);
	}
	if (!a && !b)
		return; /* no culprit at either end: never written */
	if ((!a || a->written >= WW_EVIDENCE_PER_HOST) && (!b || b->written >= WW_EVIDENCE_PER_HOST)) {
		e->st->over_budget++;
		return;
	}
	if (e->dlt < 0)
		e->dlt = dlt;
	if (dlt != e->dlt) {
		e->st->other_linktype++;
		return;
	}
	if (!e->d) {
		e->dead = pcap_open_dead_with_tstamp_precision(dlt, 262144, PCAP_TSTAMP_PRECISION_MICRO);
		if (!e->dead || !(e->d = pcap_dump_fopen(e->dead, e->f)))
			return;
		e->f = NULL; /* the dumper owns it now */
	}
	if (a)
		a->written++;
	if (b && b != a)
		b->written++;
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = (time_t)(ts / 1000000);
	h.ts.tv_usec = (suseconds_t)(ts % 1000000);
	if (h.ts.tv_usec < 0) {
		h.ts.tv_sec--;
		h.ts.tv_usec += 1000000;
	}
	h.caplen = caplen;
	h.len = wire_len < caplen ? caplen : wire_len;
	pcap_dump((u_char *)e->d, &h, data);
	e->st->written++;
}

int cli_evidence_check(const char *path, char *const *files, size_t n)
{
	struct stat ws, is;
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(files[i], "-") == 0 || stat(files[i], &is) != 0 ||
		    !(S_ISREG(is.st_mode) || S_ISDIR(is.st_mode))) {
			ww_error(_("--write-evidence reads the captures twice: give files, not standard "
			           "input or a pipe"));
			return WW_EXIT_USAGE;
		}
	/* truncating an input before reading it again would lose it */
	if (stat(path, &ws) == 0)
		for (i = 0; i < n; i++)
			if (stat(files[i], &is) == 0 && is.st_dev == ws.st_dev && is.st_ino == ws.st_ino) {
				ww_error(_("'%s' is one of the captures read: write the evidence to another "
				           "file"), path);
				return WW_EXIT_USAGE;
			}
	return 0;
}

int cli_write_evidence(const char *path, char *const *files, size_t n, const struct ww_report *r,
                       struct ww_evidence_stats *st)
{
	struct ev_run e;
	struct ww_capture cap;
	size_t i;
	int fd, status = 0;
	ww_rc rc;
	memset(&e, 0, sizeof(e));
	memset(st, 0, sizeof(*st));
	e.st = st;
	e.dlt = -1;
	e.c = calloc(r->n_findings ? r->n_findings : 1, sizeof(*e.c));
	if (!e.c)
		return WW_EXIT_SOFTWARE;
	for (i = 0; i < r->n_findings; i++) {
		const struct ww_finding *f = r->findings[i];
		if (f->kind == WW_FINDING_HOST && f->has_addr && f->verdict >= WW_VERDICT_SCANNER) {
			memset(&e.c[e.n], 0, sizeof(e.c[e.n]));
			e.c[e.n++].addr = f->addr;
		}
	}
	qsort(e.c, e.n, sizeof(*e.c), addr_cmp);
	st->culprits = e.n;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0 || !(e.f = fdopen(fd, "wb"))) {
		ww_error(_("cannot write '%s': %s"), path,
		         errno == ELOOP ? _("it is a symbolic link (refused: give the real file)")
		                        : strerror(errno));
		if (fd >= 0)
			close(fd);
		free(e.c);
		return WW_EXIT_IOERR;
	}
	ww_diag_set_quiet(1); /* the first pass told of damage already */
	rc = ww_capture_open(&cap, files, n);
	if (!rc || rc == WW_ERR_FORMAT)
		rc = ww_capture_run(&cap, on_frame, &e, NULL);
	ww_capture_close(&cap);
	ww_diag_set_quiet(0);
	if (rc && rc != WW_ERR_FORMAT) {
		ww_error(_("cannot read the captures again for '%s': %s"), path, ww_rc_str(rc));
		status = WW_EXIT_NOINPUT;
	}
	if (!e.d && !status) {
		/* no culprit frame: still a valid, empty capture file */
		e.dead = pcap_open_dead_with_tstamp_precision(e.dlt >= 0 ? e.dlt : DLT_EN10MB, 262144,
		                                              PCAP_TSTAMP_PRECISION_MICRO);
		if (e.dead && (e.d = pcap_dump_fopen(e.dead, e.f)))
			e.f = NULL;
	}
	if (e.d) {
		if ((pcap_dump_flush(e.d) != 0 || ferror(pcap_dump_file(e.d))) && !status) {
			ww_error(_("cannot write '%s': %s"), path, strerror(errno));
			status = WW_EXIT_IOERR;
		}
		pcap_dump_close(e.d); /* fclose: its error is not reported by libpcap */
	} else if (!status) {
		ww_error(_("cannot write '%s': %s"), path, e.dead ? pcap_geterr(e.dead) : "out of memory");
		status = WW_EXIT_IOERR;
	}
	if (e.f)
		fclose(e.f);
	if (e.dead)
		pcap_close(e.dead);
	free(e.c);
	return status;
}
