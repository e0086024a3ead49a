/* Activity rules: who owns the scanning sockets, what the protocol
 * counters say, which running process is a known worm, who is attacking
 * this host, and (with --network) which process is behind the peers the
 * network verdict named. Then the inventory sections of the report. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/textcur.h"
#include "core/quote.h"
#include "host/host_indicators.h"
#include "host/host_rules.h"

#include <stdio.h>

#define SCAN_MIN_PEERS 10 /* distinct unanswered peers on worm ports */
#define MAX_SAMPLES 6

struct ww_finding *ww_host_finding(struct ww_host_ctx *c, enum ww_severity sev, int level,
                                   uint32_t src, unsigned long line)
{
	struct ww_finding *f = ww_report_add(c->report, WW_FINDING_ARTIFACT);
	if (!f)
		return NULL;
	f->severity = sev;
	if (src < c->n_sources)
		ww_finding_source(c->report, f, c->sources[src], line);
	if (level > c->exit_level)
		c->exit_level = level;
	return f;
}

const char *ww_host_fmt_endpoint(const struct ww_host_endpoint *e, char *buf, size_t len)
{
	char a[WW_ADDR_STRLEN];
	char port[8];
	if (e->wild && !e->has_addr && !e->name[0]) {
		snprintf(buf, len, "*:*");
		return buf;
	}
	snprintf(port, sizeof(port), "%u", e->port);
	if (e->has_addr) {
		ww_addr_fmt(&e->addr, a);
		snprintf(buf, len, e->addr.v4 ? "%s:%s" : "[%s]:%s", a, port);
	} else {
		snprintf(buf, len, "%s:%s", e->name[0] ? e->name : "*", port);
	}
	return buf;
}

static const char *state_name(uint8_t st)
{
	switch (st) {
	case WW_ST_LISTEN: return "LISTENING";
	case WW_ST_SYN_SENT: return "SYN_SENT";
	case WW_ST_SYN_RECV: return "SYN_RECEIVED";
	case WW_ST_ESTABLISHED: return "ESTABLISHED";
	case WW_ST_CLOSING: return "CLOSING";
	case WW_ST_NONE: return "";
	default: return "?";
	}
}

static bool worm_port(const struct ww_host_ctx *c, uint16_t port)
{
	return (c->worm_ports[port >> 3] >> (port & 7)) & 1;
}

/* The worm_port indicators as a bitmap, once per run. */
static void load_worm_ports(struct ww_host_ctx *c)
{
	size_t i;
	memset(c->worm_ports, 0, sizeof(c->worm_ports));
	for (i = 0; i < c->ind.n; i++) {
		struct ww_tcur t;
		uint64_t v;
		if (strcmp(c->ind.v[i].kind, "worm_port") != 0)
			continue;
		t = ww_tcur_make(c->ind.v[i].value, strlen(c->ind.v[i].value));
		if (ww_tcur_u64(&t, 65535, &v) == WW_OK && ww_tcur_eof(&t))
			c->worm_ports[v >> 3] |= (uint8_t)(1u << (v & 7));
	}
}

/* ---- joining files: the owner of a port, the image of a PID ---- */

static int cmp_sock_port(const void *a, const void *b, void *ctx)
{
	const struct ww_host_inv *inv = ctx;
	const struct ww_host_socket *x = &inv->sockets.v[*(const size_t *)a];
	const struct ww_host_socket *y = &inv->sockets.v[*(const size_t *)b];
	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	return x->local.port < y->local.port ? -1 : x->local.port > y->local.port;
}

static int cmp_proc_pid(const void *a, const void *b)
{
	const struct ww_host_process *x = a, *y = b;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static const struct ww_host_process *proc_by_pid(const struct ww_host_ctx *c, long pid)
{
	size_t lo = 0, hi = c->inv.procs.n;
	const struct ww_host_process *best = NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->inv.procs.v[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* several files may list the same PID: prefer the one with services */
	for (; lo < c->inv.procs.n && c->inv.procs.v[lo].pid == pid; lo++)
		if (!best || (!best->services && c->inv.procs.v[lo].services) ||
		    (!best->path && c->inv.procs.v[lo].path))
			best = &c->inv.procs.v[lo];
	return best;
}

static void join(struct ww_host_ctx *c)
{
	struct ww_host_inv *inv = &c->inv;
	size_t *idx = NULL, n = 0, i;
	ww_host_sockets_dedupe(c);
	if (inv->procs.n > 1)
		qsort(inv->procs.v, inv->procs.n, sizeof(*inv->procs.v), cmp_proc_pid);
	if (inv->sockets.n) {
		idx = ww_reallocarray(NULL, inv->sockets.n, sizeof(*idx));
		if (!idx) {
			c->report->rc = WW_ERR_NOMEM;
			return;
		}
	}
	for (i = 0; i < inv->sockets.n; i++)
		if (inv->sockets.v[i].pid >= 0 && inv->sockets.v[i].local.port)
			idx[n++] = i;
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), cmp_sock_port, inv);
	for (i = 0; i < inv->sockets.n; i++) {
		struct ww_host_socket *s = &inv->sockets.v[i];
		if (s->pid < 0 && s->local.port && n) {
			/* netstat -an has no owner; netstat -abv of the same moment has */
			size_t lo = 0, hi = n;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				const struct ww_host_socket *m = &inv->sockets.v[idx[mid]];
				if (m->proto < s->proto ||
				    (m->proto == s->proto && m->local.port < s->local.port))
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < n) {
				const struct ww_host_socket *m = &inv->sockets.v[idx[lo]];
				if (m->proto == s->proto && m->local.port == s->local.port) {
					s->pid = m->pid;
					if (!s->image[0])
						memcpy(s->image, m->image, sizeof(s->image));
				}
			}
		}
		if (s->pid >= 0 && !s->image[0]) {
			const struct ww_host_process *p = proc_by_pid(c, s->pid);
			if (p)
				memcpy(s->image, p->image, sizeof(s->image));
		}
	}
	free(idx);
}

/* ---- the scan: many unanswered connections to worm ports ---- */

/* An unanswered outgoing connection. A state word netstat printed in a
 * language we do not know counts only towards the SMB/RPC ports, which a
 * browser never sweeps: established web traffic in German must not look
 * like a scan. */
static bool pending(const struct ww_host_socket *s)
{
	uint16_t p = s->foreign.port;
	if (s->proto != WW_PROTO_TCP || s->foreign.wild)
		return false;
	return s->state == WW_ST_SYN_SENT ||
	       (s->state == WW_ST_UNKNOWN && (p == 135 || p == 139 || p == 445));
}

/* A peer elsewhere: an address that is not loopback or unspecified, or a
 * host name (netstat -a without -n) that is not this machine's own. */
static bool remote_peer(const struct ww_host_endpoint *e)
{
	if (e->has_addr)
		return !ww_addr_is_loopback(&e->addr) && !ww_addr_is_unspecified(&e->addr);
	return e->name[0] && strcasecmp(e->name, "localhost") != 0 && strcmp(e->name, "*") != 0;
}

/* Order of peers: addresses first, then names. */
static int peer_cmp(const struct ww_host_endpoint *x, const struct ww_host_endpoint *y)
{
	if (x->has_addr != y->has_addr)
		return x->has_addr ? -1 : 1;
	if (x->has_addr)
		return ww_addr_cmp(&x->addr, &y->addr);
	return strcmp(x->name, y->name);
}

static const char *peer_fmt(const struct ww_host_endpoint *e, char *buf)
{
	if (e->has_addr)
		return ww_addr_fmt(&e->addr, buf);
	ww_host_copy(buf, WW_ADDR_STRLEN, e->name, strlen(e->name));
	return buf;
}

/* Sockets of the sweep, grouped by owner. When netstat -b named only some
 * of the sweep's sockets (the rest printed without an owner, or a transcript
 * cut with "(略)") and they all belong to one process, the unowned ones are
 * counted with it: `owner` is that PID, or -1. */
struct scan_sort {
	const struct ww_host_inv *inv;
	long owner;
};

static long eff_pid(const struct scan_sort *ss, const struct ww_host_socket *s)
{
	return s->pid < 0 ? ss->owner : s->pid;
}

static int cmp_sock_pid(const void *a, const void *b, void *ctx)
{
	const struct scan_sort *ss = ctx;
	const struct ww_host_socket *x = &ss->inv->sockets.v[*(const size_t *)a];
	const struct ww_host_socket *y = &ss->inv->sockets.v[*(const size_t *)b];
	long px = eff_pid(ss, x), py = eff_pid(ss, y);
	if (px != py)
		return px < py ? -1 : 1;
	return peer_cmp(&x->foreign, &y->foreign);
}

bool ww_host_cmd_word(struct ww_host_ctx *c, struct ww_finding *f, const char *what,
                      const char *name, char *q, size_t qlen, const char *by_hand)
{
	const char *why;
	if (ww_quote(WW_SHELL_CMD, name, q, qlen, &why))
		return true;
	ww_finding_step(c->report, f, _("no command printed: the %s cannot be quoted for cmd.exe "
	                                "(%s); %s"), _(what), why ? _(why) : "", _(by_hand));
	return false;
}

static void culprit_steps(struct ww_host_ctx *c, struct ww_finding *f, long pid,
                          const char *image, const char *service)
{
	char q[300];
	bool ok;
	if (c->inv.live) {
		/* this Linux machine, now: no Windows advice */
		ww_finding_step(c->report, f, _("disconnect this machine from the network before "
		                                "anything else"));
		if (pid >= 0)
			ww_finding_step(c->report, f, _("copy /proc/%ld/exe for analysis, then kill %ld "
			                                "and find what started it (cron, systemd units, "
			                                "rc.local, ~/.config/autostart)"), pid, pid);
		else
			ww_finding_step(c->report, f, _("the owning process could not be seen: run "
			                                "`sudo wormwatch host --live` (or `ss -tanp` as "
			                                "root) to name it"));
		return;
	}
	ww_finding_step(c->report, f, _("disconnect this machine from the network (pull the cable, "
	                                "disable Wi-Fi) before anything else"));
	ok = service && ww_host_cmd_word(c, f, N_("service name"), service, q, sizeof(q),
	                                      N_("stop and disable it in services.msc by hand"));
	if (ok)
		ww_finding_step(c->report, f, _("stop and disable the service: sc config %s start= "
		                                "disabled & sc stop %s, then delete its DLL"), q, q);
	else if (!service && pid >= 0 && image && strcasecmp(image, "svchost.exe") == 0)
		/* a shared svchost also runs the file server, WMI and the
		 * scheduler: ending it harms the machine and not the worm */
		ww_finding_step(c->report, f, _("do not end svchost.exe PID %ld (it hosts Windows' own "
		                                "services too): list its services with tasklist /svc /fi "
		                                "\"PID eq %ld\", stop and disable the one that is not "
		                                "Windows' own (sc config NAME start= disabled & sc stop NAME) "
		                                "and delete its DLL"), pid, pid);
	else if (!service && pid >= 0)
		ww_finding_step(c->report, f, _("end the process: taskkill /PID %ld /F"), pid);
	if (service)
		ww_finding_step(c->report, f, _("the service is the autostart: export, then delete "
		                                "HKLM\\SYSTEM\\CurrentControlSet\\Services\\%s and reboot"),
		                service);
	else
		ww_finding_step(c->report, f, _("find how %s starts (Run keys, services, tasks: collect "
		                                "with scripts/collect-windows.cmd and run wormwatch host "
		                                "on it) and remove that entry"),
		                image && *image ? image : _("it"));
	ww_finding_step(c->report, f, _("scan with an up-to-date antivirus from clean media; patch "
	                                "(MS08-067 for 445) and block TCP 135/139/445 between PCs "
	                                "until every machine is clean"));
}

static void scan_group(struct ww_host_ctx *c, const size_t *idx, size_t n)
{
	const struct ww_host_inv *inv = &c->inv;
	const struct ww_host_socket *first = &inv->sockets.v[idx[0]];
	size_t i, peers = 0, seq = 0, syn = 0, owned = 0;
	uint16_t ports[8];
	size_t nports = 0;
	char lo[WW_ADDR_STRLEN] = "", hi[WW_ADDR_STRLEN] = "", plist[64] = "";
	const struct ww_host_endpoint *prev = NULL;
	const struct ww_host_process *proc;
	const char *image;
	const char *svc = NULL, *dll = NULL;
	char svcbuf[128];
	bool likely = false;
	const struct ww_host_regval *where = NULL;
	struct ww_finding *f;
	for (i = 0; i < n; i++) /* the owner, when only some rows have one */
		if (inv->sockets.v[idx[i]].pid >= 0) {
			if (!owned)
				first = &inv->sockets.v[idx[i]];
			owned++;
		}
	proc = first->pid >= 0 ? proc_by_pid(c, first->pid) : NULL;
	image = first->image[0] ? first->image : proc ? proc->image : NULL;
	for (i = 0; i < n; i++) {
		const struct ww_host_socket *s = &inv->sockets.v[idx[i]];
		size_t k;
		if (s->state == WW_ST_SYN_SENT)
			syn++;
		if (!prev || peer_cmp(prev, &s->foreign) != 0) {
			if (prev && prev->has_addr && s->foreign.has_addr && prev->addr.v4 &&
			    s->foreign.addr.v4 &&
			    ww_addr_v4(&s->foreign.addr) == ww_addr_v4(&prev->addr) + 1)
				seq++;
			peers++;
			prev = &s->foreign;
		}
		for (k = 0; k < nports && ports[k] != s->foreign.port; k++)
			;
		if (k == nports && nports < WW_ARRAY_LEN(ports))
			ports[nports++] = s->foreign.port;
	}
	if (peers < SCAN_MIN_PEERS)
		return;
	/* ports in order for the title */
	for (i = 1; i < nports; i++) {
		uint16_t v = ports[i];
		size_t j = i;
		while (j && ports[j - 1] > v) {
			ports[j] = ports[j - 1];
			j--;
		}
		ports[j] = v;
	}
	for (i = 0; i < nports; i++) {
		size_t l = strlen(plist);
		snprintf(plist + l, sizeof(plist) - l, "%s%u", i ? ", " : "", ports[i]);
	}
	peer_fmt(&inv->sockets.v[idx[0]].foreign, lo);
	peer_fmt(&inv->sockets.v[idx[n - 1]].foreign, hi);
	if (proc && proc->services)
		svc = ww_host_suspect_service(c, proc->services, svcbuf, sizeof(svcbuf), &dll, &where)
		          ? svcbuf : NULL;
	for (i = 0; i < n && !svc; i++) {
		/* netstat -b printed the service (component) above the image */
		const struct ww_host_socket *s = &inv->sockets.v[idx[i]];
		if (!s->service[0])
			continue;
		if (ww_host_suspect_service(c, s->service, svcbuf, sizeof(svcbuf), &dll, &where)) {
			svc = svcbuf;
		} else {
			ww_host_copy(svcbuf, sizeof(svcbuf), s->service, strlen(s->service));
			svc = svcbuf;
			dll = NULL;
		}
	}
	if (!svc && first->pid >= 0 && (!image || strcasecmp(image, "svchost.exe") == 0) &&
	    (!proc || !proc->services) &&
	    ww_host_sole_suspect_service(c, svcbuf, sizeof(svcbuf), &dll, &where)) {
		/* no service list for this svchost: the one suspect service there is */
		svc = svcbuf;
		likely = true;
	}
	f = ww_host_finding(c, WW_SEV_CRITICAL, WW_LEVEL_ACTIVE, inv->sockets.v[idx[0]].src,
	                    inv->sockets.v[idx[0]].line);
	if (!f)
		return;
	f->pid = first->pid;
	if (image)
		ww_finding_image(c->report, f, image, strlen(image));
	if (svc && dll)
		ww_finding_title(c->report, f, true,
		                 _("active infection: %sservice '%s' (ServiceDll %s) inside %s PID %ld "
		                   "is sweeping %zu addresses %s-%s on port%s %s"),
		                 likely ? _("most likely ") : "", svc, dll,
		                 image ? image : "svchost.exe", first->pid, peers, lo, hi,
		                 nports > 1 ? "s" : "", plist);
	else if (svc)
		ww_finding_title(c->report, f, true,
		                 _("active infection: service '%s' inside %s PID %ld is sweeping %zu "
		                   "addresses %s-%s on port%s %s (export its key to see its DLL)"),
		                 svc, image ? image : "svchost.exe", first->pid, peers, lo, hi,
		                 nports > 1 ? "s" : "", plist);
	else if (first->pid >= 0)
		ww_finding_title(c->report, f, true,
		                 _("active infection: %s PID %ld is sweeping %zu addresses %s-%s on "
		                   "port%s %s"),
		                 image ? image : _("process"), first->pid, peers, lo, hi,
		                 nports > 1 ? "s" : "", plist);
	else
		ww_finding_title(c->report, f, true,
		                 _("active infection: this host is sweeping %zu addresses %s-%s on "
		                   "port%s %s (owner unknown: %s)"),
		                 peers, lo, hi, nports > 1 ? "s" : "", plist,
		                 c->inv.live ? _("run as root to see which process holds the sockets")
		                             : _("collect netstat -ano or -anob"));
	ww_finding_evidence(c->report, f, false,
	                    _("%zu unanswered connections (%zu SYN_SENT) to %zu addresses on worm "
	                      "ports; %zu of them in address order (a sequential sweep)"),
	                    n, syn, peers, seq + 1);
	if (likely)
		ww_finding_evidence(c->report, f, false,
		                    _("no service list for this PID (collect tasklist /svc): the only "
		                      "service with a machine-made ServiceDll is named"));
	if (owned && owned < n)
		ww_finding_evidence(c->report, f, false,
		                    _("netstat -b names the owner of %zu of these connections; the "
		                      "other %zu have no owner in the files and belong to the same sweep"),
		                    owned, n - owned);
	if (proc && proc->services)
		ww_finding_evidence(c->report, f, true, _("services in PID %ld: %s"), first->pid,
		                    proc->services);
	if (where)
		ww_finding_evidence(c->report, f, true, _("%s line %u: [%s] \"%s\"=\"%s\""),
		                    ww_host_source_name(c, where->src), where->line, where->key,
		                    where->name, where->data);
	if (proc && proc->path)
		ww_finding_evidence(c->report, f, true, _("executable %s"), proc->path);
	if (proc && proc->cmdline)
		ww_finding_evidence(c->report, f, true, _("command line %s"), proc->cmdline);
	for (i = 0; i < n && i < MAX_SAMPLES; i++) {
		const struct ww_host_socket *s = &inv->sockets.v[idx[i]];
		char l[96], r[96];
		ww_finding_evidence(c->report, f, true, _("%s line %u: TCP %s -> %s %s"),
		                    ww_host_source_name(c, s->src), s->line,
		                    ww_host_fmt_endpoint(&s->local, l, sizeof(l)),
		                    ww_host_fmt_endpoint(&s->foreign, r, sizeof(r)),
		                    state_name(s->state));
	}
	ww_fields_int(c->report, &f->extra, "peers", (long long)peers);
	ww_fields_int(c->report, &f->extra, "connections", (long long)n);
	if (svc)
		ww_fields_str(c->report, &f->extra, "service", true, svc, strlen(svc));
	if (svc && dll)
		ww_fields_str(c->report, &f->extra, "service_dll", true, dll, strlen(dll));
	if (proc && proc->path)
		ww_fields_str(c->report, &f->extra, "path", true, proc->path, strlen(proc->path));
	culprit_steps(c, f, first->pid, image, svc);
}

static void rule_scan(struct ww_host_ctx *c)
{
	const struct ww_host_inv *inv = &c->inv;
	struct scan_sort ss;
	size_t *idx, n = 0, i, start;
	if (!inv->sockets.n)
		return;
	idx = ww_reallocarray(NULL, inv->sockets.n, sizeof(*idx));
	if (!idx) {
		c->report->rc = WW_ERR_NOMEM;
		return;
	}
	ss.inv = inv;
	ss.owner = -1;
	for (i = 0; i < inv->sockets.n; i++) {
		const struct ww_host_socket *s = &inv->sockets.v[i];
		if (pending(s) && remote_peer(&s->foreign) && worm_port(c, s->foreign.port)) {
			idx[n++] = i;
			if (s->pid >= 0)
				ss.owner = ss.owner == -1 || ss.owner == s->pid ? s->pid : -2;
		}
	}
	if (ss.owner == -2)
		ss.owner = -1; /* several owners: do not guess */
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), cmp_sock_pid, &ss);
	for (start = 0; start < n; start = i) {
		long p0 = eff_pid(&ss, &inv->sockets.v[idx[start]]);
		for (i = start; i < n && eff_pid(&ss, &inv->sockets.v[idx[i]]) == p0; i++)
			;
		scan_group(c, idx + start, i - start);
	}
	free(idx);
}

/* ---- netstat -s ---- */

static void rule_stats(struct ww_host_ctx *c)
{
	const struct ww_host_stats *st = &c->inv.stats;
	struct ww_finding *f = NULL;
	bool unreach = st->icmp_unreach_rx >= 10000 &&
	               (st->ip_rx <= 0 || st->icmp_unreach_rx * 5 >= st->ip_rx);
	/* closed-port UDP alone can be LAN broadcast noise: with the ICMP
	 * signal, or overwhelming */
	bool noports = st->udp_noports >= 10000 &&
	               st->udp_noports >= 2 * (st->udp_rx > 0 ? st->udp_rx : 0) &&
	               (unreach || st->udp_noports >= 100000);
	bool failed = st->tcp_failed >= 1000 && st->tcp_active > 0 &&
	              st->tcp_failed * 3 >= st->tcp_active;
	if (!st->present || !(unreach || noports || failed))
		return;
	f = ww_host_finding(c, WW_SEV_HIGH, WW_LEVEL_TRACES, st->src,
	                    unreach ? st->line_unreach : noports ? st->line_noports
	                                                         : st->line_failed);
	if (!f)
		return;
	ww_finding_title(c->report, f, false,
	                 _("protocol counters show this host scanning (netstat -s)"));
	if (unreach)
		ww_finding_evidence(c->report, f, false,
		                    _("%lld ICMP Destination Unreachable received, %lld%% of %lld IPv4 "
		                      "packets received: probes to addresses and ports that do not answer"),
		                    st->icmp_unreach_rx,
		                    st->ip_rx > 0 ? st->icmp_unreach_rx * 100 / st->ip_rx : 0,
		                    st->ip_rx);
	if (noports)
		ww_finding_evidence(c->report, f, false,
		                    _("%lld UDP datagrams to closed ports (No Ports) against %lld delivered"),
		                    st->udp_noports, st->udp_rx > 0 ? st->udp_rx : 0);
	if (failed)
		ww_finding_evidence(c->report, f, false,
		                    _("%lld failed TCP connection attempts of %lld active opens"),
		                    st->tcp_failed, st->tcp_active);
	{
		/* the sweeping process already named (rule_scan ran first):
		 * the counters then verify the clean-up rather than find it */
		const struct ww_finding *named = NULL;
		size_t i;
		for (i = 0; i < c->report->n_findings && !named; i++)
			if (c->report->findings[i]->severity == WW_SEV_CRITICAL &&
			    c->report->findings[i]->pid >= 0 && c->report->findings[i]->image)
				named = c->report->findings[i];
		if (named)
			ww_finding_step(c->report, f, _("after the clean-up, run netstat -s again: these "
			                                "counters stop climbing once %s (PID %ld) is gone"),
			                named->image, named->pid);
		else
			ww_finding_step(c->report, f, _("run netstat -ano (and -anob as administrator) now "
			                                "to see which process holds SYN_SENT sockets"));
	}
}

/* ---- known worm processes ---- */

static void rule_procs(struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.procs.n; i++) {
		const struct ww_host_process *p = &c->inv.procs.v[i];
		char base[WW_HOST_IMAGE];
		const struct ww_indicator *ind;
		struct ww_finding *f;
		ww_host_basename(p->path ? p->path : p->image, base, sizeof(base));
		ind = ww_host_indicator(c, "worm_file", base);
		if (!ind && p->path &&
		    (strncmp(p->path, "/tmp/", 5) == 0 || strncmp(p->path, "/dev/shm/", 9) == 0 ||
		     strncmp(p->path, "/var/tmp/", 9) == 0 || strstr(p->path, " (deleted)"))) {
			/* Linux: a network program run from a temporary folder or deleted */
			f = ww_host_finding(c, WW_SEV_HIGH, WW_LEVEL_TRACES, p->src, p->line);
			if (!f)
				return;
			f->pid = p->pid;
			ww_finding_image(c->report, f, p->image, strlen(p->image));
			ww_finding_title(c->report, f, true, _("PID %ld holds sockets and runs %s"),
			                 p->pid, p->path);
			ww_finding_evidence(c->report, f, false, _("programs are not installed in "
			                                           "temporary folders; a deleted executable "
			                                           "hides its file"));
			if (p->cmdline)
				ww_finding_evidence(c->report, f, true, _("command line %s"), p->cmdline);
			ww_finding_step(c->report, f, _("copy /proc/%ld/exe for analysis, then kill %ld and "
			                                "find what started it (cron, systemd, rc.local)"),
			                p->pid, p->pid);
			continue;
		}
		if (!ind)
			continue;
		if (i && c->inv.procs.v[i - 1].pid == p->pid &&
		    strcasecmp(c->inv.procs.v[i - 1].image, p->image) == 0)
			continue; /* the same process from a second listing */
		f = ww_host_finding(c, WW_SEV_CRITICAL, WW_LEVEL_ACTIVE, p->src, p->line);
		if (!f)
			return;
		f->pid = p->pid;
		ww_finding_image(c->report, f, p->image, strlen(p->image));
		ww_finding_title(c->report, f, true, _("active infection: known worm process %s "
		                   "(PID %ld) is running"), p->image, p->pid);
		ww_finding_evidence(c->report, f, true, _("%s: %s (source: %s)"), ind->value, ww_host_note(ind->note),
		                    ind->source);
		culprit_steps(c, f, p->pid, p->image, NULL);
	}
}

/* ---- this host attacked by another ---- */

static void rule_inbound(struct ww_host_ctx *c)
{
	const struct ww_host_inv *inv = &c->inv;
	size_t i, n = 0;
	const struct ww_host_socket *ex = NULL;
	for (i = 0; i < inv->sockets.n; i++) {
		const struct ww_host_socket *s = &inv->sockets.v[i];
		if (s->proto == WW_PROTO_TCP && s->state == WW_ST_SYN_RECV &&
		    remote_peer(&s->foreign) && worm_port(c, s->local.port)) {
			n++;
			if (!ex)
				ex = s;
		}
	}
	if (n >= 3 && ex) {
		char l[96], r[96];
		struct ww_finding *f =
		    ww_host_finding(c, WW_SEV_MEDIUM, WW_LEVEL_ATTACKED, ex->src, ex->line);
		if (!f)
			return;
		ww_finding_title(c->report, f, false,
		                 _("another host is probing this one: %zu half-open inbound "
		                   "connections to worm ports"), n);
		ww_finding_evidence(c->report, f, true, _("e.g. TCP %s <- %s SYN_RECEIVED"),
		                    ww_host_fmt_endpoint(&ex->local, l, sizeof(l)),
		                    ww_host_fmt_endpoint(&ex->foreign, r, sizeof(r)));
		ww_finding_step(c->report, f, _("find the attacking address on the network "
		                                "(wormwatch analyze) and clean that machine"));
	}
}

/* ---- --network: the verdict of `wormwatch analyze` ---- */

static bool is_local_addr(const struct ww_host_ctx *c, const struct ww_addr *a)
{
	size_t i;
	for (i = 0; i < c->inv.sockets.n; i++) {
		const struct ww_host_endpoint *e = &c->inv.sockets.v[i].local;
		if (e->has_addr && ww_addr_eq(&e->addr, a))
			return true;
	}
	return false;
}

/* Port numbers the network evidence names: "port 51413", "ports 135, 445",
 * "inside port 49153/udp". At most max. */
static size_t evidence_ports(const char *ev, uint16_t *ports, size_t max)
{
	size_t n = 0, len = strlen(ev);
	const char *p = ev;
	while (n < max && (p = ww_host_memmem_ci(p, len - (size_t)(p - ev), "port")) != NULL) {
		struct ww_tcur t;
		bool word = p == ev || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'));
		p += 4;
		if (!word)
			continue; /* "report", "support" */
		if (p < ev + len && (*p == 's' || *p == 'S'))
			p++;
		t = ww_tcur_make(p, len - (size_t)(p - ev));
		for (;;) {
			uint64_t v;
			ww_tcur_skip_ws(&t);
			if (ww_tcur_u64(&t, 65535, &v) != WW_OK || n >= max)
				break;
			ports[n++] = (uint16_t)v;
			if (ww_tcur_ch(&t, '/')) /* "49153/udp" */
				while (!ww_tcur_eof(&t) && *t.p >= 'a' && *t.p <= 'z')
					t.p++;
			if (!ww_tcur_ch(&t, ',') && !ww_tcur_lit(&t, " and"))
				break;
		}
		p = t.p;
	}
	return n;
}

/* The ports the network verdict named, and the process listening on them:
 * the program behind peer-to-peer traffic (not a worm) or behind a worm. */
static void rule_network_ports(struct ww_host_ctx *c, const struct ww_host_netverdict *v)
{
	uint16_t ports[8];
	size_t np = v->evidence ? evidence_ports(v->evidence, ports, WW_ARRAY_LEN(ports)) : 0;
	size_t k, i;
	bool bad = strcmp(v->verdict, "infected") == 0 || strcmp(v->verdict, "scanner") == 0;
	for (k = 0; k < np; k++) {
		const struct ww_host_socket *owner = NULL;
		struct ww_finding *f;
		for (i = 0; i < c->inv.sockets.n; i++) {
			const struct ww_host_socket *s = &c->inv.sockets.v[i];
			if (s->local.port == ports[k] && s->pid >= 0 &&
			    (s->state == WW_ST_LISTEN || s->state == WW_ST_NONE)) {
				owner = s;
				break;
			}
		}
		if (!owner)
			continue;
		f = ww_host_finding(c, bad ? WW_SEV_HIGH : WW_SEV_INFO,
		                    bad ? WW_LEVEL_ACTIVE : WW_LEVEL_NONE, owner->src, owner->line);
		if (!f)
			return;
		f->pid = owner->pid;
		if (owner->image[0])
			ww_finding_image(c->report, f, owner->image, strlen(owner->image));
		ww_finding_title(c->report, f, true, _("port %u that the network verdict (%s) names "
		                   "belongs to %s PID %ld%s"), ports[k], v->verdict,
		                 owner->image[0] ? owner->image : "process", owner->pid,
		                 strcmp(v->verdict, "p2p") == 0 ? ": peer-to-peer traffic, not a worm"
		                                                : "");
		ww_finding_evidence(c->report, f, true, _("network: %s"), v->evidence);
		ww_finding_step(c->report, f, bad ? "end the process (taskkill /PID %ld /F) and find "
		                                    "how it starts"
		                                  : "if the program is wanted, nothing to do; if not, "
		                                    "uninstall it (PID %ld)",
		                owner->pid);
	}
}

static bool own_address_known(const struct ww_host_ctx *c)
{
	size_t i;
	for (i = 0; i < c->inv.sockets.n; i++) {
		const struct ww_host_endpoint *e = &c->inv.sockets.v[i].local;
		if (e->has_addr && !ww_addr_is_unspecified(&e->addr) && !ww_addr_is_loopback(&e->addr))
			return true;
	}
	return false;
}

static void rule_network(struct ww_host_ctx *c)
{
	const struct ww_host_inv *inv = &c->inv;
	size_t h, i;
	for (h = 0; h < inv->network.n && h < 4096; h++) {
		const struct ww_host_netverdict *v = &inv->network.v[h];
		char a[WW_ADDR_STRLEN];
		bool bad = strcmp(v->verdict, "infected") == 0 || strcmp(v->verdict, "scanner") == 0 ||
		           strcmp(v->verdict, "suspicious") == 0;
		ww_addr_fmt(&v->addr, a);
		/* the ports it names, when the verdict is about this machine (or
		 * nothing here says which address this machine has) */
		if (is_local_addr(c, &v->addr) || !own_address_known(c))
			rule_network_ports(c, v);
		if (!bad)
			continue;
		if (is_local_addr(c, &v->addr)) {
			/* this machine was named: the owner of its worm-port traffic */
			const struct ww_host_socket *best = NULL;
			size_t cnt = 0;
			struct ww_finding *f;
			for (i = 0; i < inv->sockets.n; i++) {
				const struct ww_host_socket *s = &inv->sockets.v[i];
				if (s->proto == WW_PROTO_TCP && s->state != WW_ST_LISTEN &&
				    remote_peer(&s->foreign) && worm_port(c, s->foreign.port) &&
				    (!best || (best->pid < 0 && s->pid >= 0)))
					best = s;
			}
			for (i = 0; best && i < inv->sockets.n; i++) {
				const struct ww_host_socket *s = &inv->sockets.v[i];
				if (s->pid == best->pid && s->state != WW_ST_LISTEN &&
				    remote_peer(&s->foreign) && worm_port(c, s->foreign.port))
					cnt++;
			}
			f = ww_host_finding(c, WW_SEV_HIGH,
			                    best && best->pid >= 0 ? WW_LEVEL_ACTIVE : WW_LEVEL_TRACES,
			                    best ? best->src : 0, best ? best->line : 0);
			if (!f)
				return;
			if (best && best->pid >= 0) {
				f->pid = best->pid;
				if (best->image[0])
					ww_finding_image(c->report, f, best->image, strlen(best->image));
				ww_finding_title(c->report, f, true,
				                 _("the network verdict names this host (%s, %s); %s PID "
				                   "%ld owns its worm-port connections"),
				                 a, v->verdict, best->image[0] ? best->image : "process",
				                 best->pid);
			} else {
				ww_finding_title(c->report, f, true,
				                 _("the network verdict names this host (%s, %s); no socket "
				                   "here shows the traffic now"), a, v->verdict);
			}
			if (v->evidence)
				ww_finding_evidence(c->report, f, true, _("network: %s"), v->evidence);
			if (cnt)
				ww_finding_evidence(c->report, f, false,
				                    _("%zu connections to worm ports here"), cnt);
			culprit_steps(c, f, best ? best->pid : -1, best ? best->image : NULL, NULL);
			continue;
		}
		for (i = 0; i < inv->sockets.n; i++) {
			const struct ww_host_socket *s = &inv->sockets.v[i];
			struct ww_finding *f;
			char l[96], r[96];
			if (!s->foreign.has_addr || !ww_addr_eq(&s->foreign.addr, &v->addr))
				continue;
			f = ww_host_finding(c, WW_SEV_MEDIUM, WW_LEVEL_ATTACKED, s->src, s->line);
			if (!f)
				return;
			f->pid = s->pid;
			if (s->image[0])
				ww_finding_image(c->report, f, s->image, strlen(s->image));
			ww_finding_title(c->report, f, true,
			                 _("a socket here talks to %s, which the network verdict calls %s"),
			                 a, v->verdict);
			ww_finding_evidence(c->report, f, true, _("TCP %s -> %s %s"),
			                    ww_host_fmt_endpoint(&s->local, l, sizeof(l)),
			                    ww_host_fmt_endpoint(&s->foreign, r, sizeof(r)),
			                    state_name(s->state));
			if (v->evidence)
				ww_finding_evidence(c->report, f, true, _("network: %s"), v->evidence);
			ww_finding_step(c->report, f, _("clean %s first; this host may be its target"), a);
			break;
		}
	}
}

/* ---- the inventory in the report ---- */

static void sections(struct ww_host_ctx *c)
{
	struct ww_report *r = c->report;
	struct ww_section *s;
	size_t i;
	if (c->inv.sockets.n) {
		s = ww_report_section(r, "sockets", false);
		for (i = 0; i < c->inv.sockets.n && !r->rc; i++) {
			const struct ww_host_socket *k = &c->inv.sockets.v[i];
			struct ww_row *row = ww_section_row(r, s);
			char l[96], f[96];
			const char *src = ww_host_source_name(c, k->src);
			if (!row)
				break;
			ww_fields_str(r, &row->f, "proto", false, k->proto == WW_PROTO_TCP ? "tcp" : "udp", 3);
			ww_host_fmt_endpoint(&k->local, l, sizeof(l));
			ww_host_fmt_endpoint(&k->foreign, f, sizeof(f));
			ww_fields_str(r, &row->f, "local", true, l, strlen(l));
			ww_fields_str(r, &row->f, "foreign", true, f, strlen(f));
			if (k->proto == WW_PROTO_TCP)
				ww_fields_str(r, &row->f, "state", false, state_name(k->state),
				              strlen(state_name(k->state)));
			if (k->pid >= 0)
				ww_fields_int(r, &row->f, "pid", k->pid);
			if (k->image[0])
				ww_fields_str(r, &row->f, "image", true, k->image, strlen(k->image));
			if (k->service[0])
				ww_fields_str(r, &row->f, "service", true, k->service, strlen(k->service));
			ww_fields_str(r, &row->f, "source", true, src, strlen(src));
			ww_fields_int(r, &row->f, "line", k->line);
		}
	}
	for (i = 0, s = NULL; i < c->inv.regvals.n && !r->rc; i++) {
		const struct ww_host_regval *v = &c->inv.regvals.v[i];
		struct ww_row *row;
		const char *src = ww_host_source_name(c, v->src);
		if (!ww_host_autostart_value(v))
			continue;
		if (!s)
			s = ww_report_section(r, "autostarts", false);
		if (!(row = ww_section_row(r, s)))
			break;
		ww_fields_str(r, &row->f, "key", true, v->key, strlen(v->key));
		ww_fields_str(r, &row->f, "name", true, v->name, strlen(v->name));
		ww_fields_str(r, &row->f, "data", true, v->data, strlen(v->data));
		ww_fields_str(r, &row->f, "source", true, src, strlen(src));
		ww_fields_int(r, &row->f, "line", v->line);
	}
	for (i = 0, s = NULL; i < c->inv.tasks.n && !r->rc; i++) {
		const struct ww_host_task *t = &c->inv.tasks.v[i];
		struct ww_row *row;
		const char *src = ww_host_source_name(c, t->src);
		if (!s)
			s = ww_report_section(r, "tasks", false);
		if (!(row = ww_section_row(r, s)))
			break;
		ww_fields_str(r, &row->f, "name", true, t->name, strlen(t->name));
		ww_fields_str(r, &row->f, "command", true, t->command, strlen(t->command));
		ww_fields_bool(r, &row->f, "at_job", t->at_job);
		ww_fields_str(r, &row->f, "source", true, src, strlen(src));
		ww_fields_int(r, &row->f, "line", t->line);
	}
	if (c->inv.procs.n) {
		s = ww_report_section(r, "processes", false);
		for (i = 0; i < c->inv.procs.n && !r->rc; i++) {
			const struct ww_host_process *p = &c->inv.procs.v[i];
			struct ww_row *row = ww_section_row(r, s);
			if (!row)
				break;
			ww_fields_int(r, &row->f, "pid", p->pid);
			ww_fields_str(r, &row->f, "image", true, p->image, strlen(p->image));
			if (p->services)
				ww_fields_str(r, &row->f, "services", true, p->services,
				              strlen(p->services));
			if (p->path)
				ww_fields_str(r, &row->f, "path", true, p->path, strlen(p->path));
			if (p->cmdline)
				ww_fields_str(r, &row->f, "cmdline", true, p->cmdline, strlen(p->cmdline));
		}
	}
}

void ww_host_rules_activity(struct ww_host_ctx *c)
{
	load_worm_ports(c);
	join(c);
	rule_scan(c);
	rule_stats(c);
	rule_procs(c);
	rule_inbound(c);
	rule_network(c);
}

/* The report's "what to do next": every finding's own steps, most severe
 * finding first, each step once (two findings may give the same advice),
 * so that no finding is left without its step. */
void ww_host_next_steps(struct ww_report *r)
{
	size_t i, j, k;
	for (i = 0; i < r->n_findings && !r->rc; i++) {
		const struct ww_finding *f = r->findings[i];
		for (j = 0; j < f->steps.n; j++) {
			bool seen = false;
			for (k = 0; k < r->steps.n && !seen; k++)
				seen = strcmp(r->steps.v[k].s, f->steps.v[j].s) == 0;
			if (!seen)
				ww_report_step(r, "%s", f->steps.v[j].s);
		}
	}
}

ww_rc ww_host_rules(struct ww_host_ctx *c)
{
	ww_host_rules_activity(c);
	ww_host_rules_persist(c);
	if (c->inventory)
		sections(c);
	ww_fields_int(c->report, &c->report->input, "sockets", (long long)c->inv.sockets.n);
	ww_fields_int(c->report, &c->report->input, "processes", (long long)c->inv.procs.n);
	ww_report_sort(c->report);
	ww_host_next_steps(c->report);
	return c->report->rc;
}
