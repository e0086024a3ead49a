/* Linux, live (`wormwatch host --live`) and from saved /proc/net files:
 * sockets from /proc/net/{tcp,tcp6,udp,udp6} mapped to processes through
 * /proc/<pid>/fd, with executable path and command line; /etc/hosts;
 * /etc/ld.so.preload; cron, systemd units, rc.local and XDG autostart
 * entries as tasks. Every walk is bounded. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/quote.h"
#include "core/buf.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_live.h"
#include "host/host_sniff.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PROCS 100000
#define MAX_FDS 65536
#define MAX_PROC_FILE (64u * 1024u * 1024u)

static bool hex_addr(const char *s, size_t n, struct ww_addr *a)
{
	uint8_t b[16];
	size_t words = n / 8, w, k;
	if (n != 8 && n != 32)
		return false;
	for (w = 0; w < words; w++) {
		struct ww_tcur t = ww_tcur_make(s + 8 * w, 8);
		uint64_t v;
		if (ww_tcur_hex(&t, 0xffffffffu, &v) || !ww_tcur_eof(&t))
			return false;
		/* the kernel prints each 32-bit word as the host reads it (little-endian) */
		for (k = 0; k < 4; k++)
			b[4 * w + k] = (uint8_t)(v >> (8 * k));
	}
	if (n == 8)
		ww_addr_from_v4_bytes(a, b);
	else
		ww_addr_from_v6_bytes(a, b);
	return true;
}

static bool hex_endpoint(const char *s, size_t n, struct ww_host_endpoint *e)
{
	const char *colon = memchr(s, ':', n);
	struct ww_tcur t;
	uint64_t port;
	memset(e, 0, sizeof(*e));
	if (!colon || !hex_addr(s, (size_t)(colon - s), &e->addr))
		return false;
	t = ww_tcur_make(colon + 1, n - (size_t)(colon - s) - 1);
	if (ww_tcur_hex(&t, 0xffff, &port) || !ww_tcur_eof(&t))
		return false;
	e->has_addr = true;
	e->port = (uint16_t)port;
	if (ww_addr_is_unspecified(&e->addr) && !port)
		e->wild = true;
	return true;
}

static uint8_t tcp_state(uint64_t st)
{
	switch (st) {
	case 0x01: return WW_ST_ESTABLISHED;
	case 0x02: return WW_ST_SYN_SENT;
	case 0x03: return WW_ST_SYN_RECV;
	case 0x0a: return WW_ST_LISTEN;
	default: return WW_ST_CLOSING;
	}
}

/* "   0: 3500007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 34000 1 ..."
 *  sl  local          remote        st tx:rx             tr:when     retrnsmt   uid  timeout inode */
static bool proc_row(const char *line, size_t n, int proto, struct ww_host_socket *s)
{
	struct ww_tcur t = ww_tcur_make(line, n);
	const char *w;
	size_t wl, i;
	uint64_t v;
	if (!ww_tcur_word(&t, &w, &wl) || wl < 2 || w[wl - 1] != ':')
		return false;
	for (i = 0; i + 1 < wl; i++)
		if (!isdigit((unsigned char)w[i]))
			return false;
	if (!ww_tcur_word(&t, &w, &wl) || !hex_endpoint(w, wl, &s->local))
		return false;
	if (!ww_tcur_word(&t, &w, &wl) || !hex_endpoint(w, wl, &s->foreign))
		return false;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_hex(&t, 0xff, &v))
		return false;
	s->proto = (uint8_t)proto;
	s->state = proto == WW_PROTO_TCP ? tcp_state(v) : WW_ST_NONE;
	if (proto == WW_PROTO_TCP && s->state == WW_ST_LISTEN)
		s->foreign.wild = true;
	/* tx:rx tr:when retrnsmt uid timeout inode */
	for (i = 0; i < 5; i++)
		if (!ww_tcur_word(&t, &w, &wl))
			return false;
	ww_tcur_skip_ws(&t);
	if (ww_tcur_u64(&t, UINT64_MAX, &s->inode))
		return false;
	return true;
}

static bool proc_header(const char *line, size_t n)
{
	return ww_host_memmem_ci(line, n, "local_address") && ww_host_memmem_ci(line, n, "st");
}

int ww_host_detect_proc_net(const char *text, size_t len)
{
	size_t pos = 0, ln;
	const char *line;
	bool cut;
	if (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut) &&
	    proc_header(line, ln))
		return 80;
	return 0;
}

static ww_rc parse_proc(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src,
                        int proto)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_host_socket tmp, *s;
		const char *p = line;
		size_t n = ln;
		lineno++;
		ww_host_trim(&p, &n);
		if (!n)
			continue;
		if (proc_header(line, ln)) {
			/* udp's header ends in "ref pointer drops"; a second capture may follow */
			if (proto >= 0)
				continue;
			proto = ww_host_memmem_ci(line, ln, "drops") ? WW_PROTO_UDP : WW_PROTO_TCP;
			continue;
		}
		memset(&tmp, 0, sizeof(tmp));
		tmp.pid = -1;
		s = ww_host_keep_socket(c, proc_row(line, ln, proto > 0 ? proto : WW_PROTO_TCP, &tmp),
		                        &tmp, src, lineno);
		if (!s && c->report->rc)
			return c->report->rc;
	}
	return WW_OK;
}

ww_rc ww_host_parse_proc_net(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	const char *line;
	bool cut;
	int proto = WW_PROTO_TCP;
	if (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut) &&
	    ww_host_memmem_ci(line, ln, "drops"))
		proto = WW_PROTO_UDP;
	return parse_proc(c, text, len, src, proto);
}

/* ---- live ---- */

static ww_rc read_small(const char *path, struct ww_buf *b, size_t cap)
{
	ww_buf_init(b, cap);
	return ww_buf_read_file(b, path);
}

static int cmp_inode(const void *a, const void *b, void *ctx)
{
	const struct ww_host_inv *inv = ctx;
	uint64_t x = inv->sockets.v[*(const size_t *)a].inode;
	uint64_t y = inv->sockets.v[*(const size_t *)b].inode;
	return x < y ? -1 : x > y;
}

static void proc_details(struct ww_host_ctx *c, long pid, uint32_t src)
{
	char path[64], exe[4096];
	struct ww_host_process *p;
	struct ww_buf b;
	ssize_t n;
	size_t i;
	p = ww_host_add_process(c);
	if (!p)
		return;
	p->pid = pid;
	snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
	n = readlink(path, exe, sizeof(exe) - 1);
	if (n > 0) {
		const char *base;
		exe[n] = '\0';
		p->path = ww_host_strndup(exe, (size_t)n);
		base = strrchr(exe, '/');
		base = base ? base + 1 : exe;
		ww_host_copy(p->image, sizeof(p->image), base, strlen(base));
	}
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	if (read_small(path, &b, 4096) != WW_ERR_IO && b.len) {
		for (i = 0; i < b.len; i++)
			if (b.s[i] == '\0')
				b.s[i] = ' ';
		while (b.len && b.s[b.len - 1] == ' ')
			b.len--;
		p->cmdline = ww_host_strndup(b.s, b.len);
	}
	ww_buf_release(&b);
	if (!p->image[0]) {
		snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
		if (read_small(path, &b, 256) == WW_OK && b.len) {
			size_t l = b.len;
			while (l && b.s[l - 1] == '\n')
				l--;
			ww_host_copy(p->image, sizeof(p->image), b.s, l);
		}
		ww_buf_release(&b);
	}
	p->src = src;
}

/* Walk /proc/<pid>/fd and give each socket its owner. */
/* Processes whose /proc/<pid>/fd could not be read (not root, or without
 * CAP_SYS_PTRACE/CAP_DAC_READ_SEARCH): their sockets have no owner. */
struct hidden {
	size_t n;
	long pid[8];
};

static void hidden_add(struct hidden *h, long pid)
{
	struct ww_buf b;
	char path[64];
	bool kthread;
	/* a kernel thread (empty command line) holds no sockets of its own */
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	kthread = read_small(path, &b, 4096) == WW_OK && b.len == 0;
	ww_buf_release(&b);
	if (kthread)
		return;
	if (h->n < WW_ARRAY_LEN(h->pid))
		h->pid[h->n] = pid;
	h->n++;
}

static void hidden_report(struct ww_host_ctx *c, const struct hidden *h)
{
	char list[512], comm[64];
	size_t i, k = 0;
	if (!h->n)
		return;
	list[0] = '\0';
	for (i = 0; i < h->n && i < WW_ARRAY_LEN(h->pid) && k < sizeof(list); i++) {
		struct ww_buf b;
		char path[64];
		size_t j;
		snprintf(path, sizeof(path), "/proc/%ld/comm", h->pid[i]);
		comm[0] = '\0';
		if (read_small(path, &b, 64) == WW_OK && b.s) {
			for (j = 0; j < b.len && j + 1 < sizeof(comm) && b.s[j] != '\n'; j++)
				comm[j] = b.s[j];
			comm[j] = '\0';
		}
		ww_buf_release(&b);
		k += (size_t)snprintf(list + k, sizeof(list) - k, "%s%ld%s%s%s", i ? ", " : "",
		                      h->pid[i], comm[0] ? " (" : "", comm, comm[0] ? ")" : "");
	}
	ww_report_warning(c->report, _("not run as root: the open sockets of %zu process%s could not "
	                    "be seen (/proc/<pid>/fd is readable by root only), so their sockets "
	                    "have no owner: %s%s; run `sudo wormwatch host --live` to see them"),
	                  h->n, h->n == 1 ? "" : "es", list, h->n > WW_ARRAY_LEN(h->pid) ? ", ..." : "");
}

static void map_owners(struct ww_host_ctx *c)
{
	struct ww_host_inv *inv = &c->inv;
	size_t *idx, n = 0, i, procs = 0;
	DIR *proc;
	struct dirent *e;
	uint32_t src;
	struct hidden hid = {0, {0}};
	if (!inv->sockets.n)
		return;
	src = ww_host_source(c, "/proc");
	idx = ww_reallocarray(NULL, inv->sockets.n, sizeof(*idx));
	if (!idx) {
		c->report->rc = WW_ERR_NOMEM;
		return;
	}
	for (i = 0; i < inv->sockets.n; i++)
		if (inv->sockets.v[i].inode)
			idx[n++] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_inode, inv);
	proc = opendir("/proc");
	if (!proc) {
		free(idx);
		ww_report_warning(c->report, _("cannot open /proc: %s"), strerror(errno));
		return;
	}
	while ((e = readdir(proc)) != NULL && procs < MAX_PROCS) {
		char fdpath[64];
		DIR *fds;
		struct dirent *f;
		long pid = 0;
		size_t k, nfd = 0;
		bool owns = false;
		for (k = 0; e->d_name[k]; k++) {
			if (!isdigit((unsigned char)e->d_name[k]) || pid > 0x7fffffff / 10) {
				pid = -1;
				break;
			}
			pid = pid * 10 + (e->d_name[k] - '0');
		}
		if (pid <= 0)
			continue;
		procs++;
		snprintf(fdpath, sizeof(fdpath), "/proc/%ld/fd", pid);
		fds = opendir(fdpath);
		if (!fds) {
			/* gone, or not ours to read: the second is said in the report */
			if (errno == EACCES || errno == EPERM)
				hidden_add(&hid, pid);
			continue;
		}
		while ((f = readdir(fds)) != NULL && nfd++ < MAX_FDS) {
			char lp[320], target[64];
			ssize_t tl;
			struct ww_tcur t;
			uint64_t inode;
			size_t lo = 0, hi = n;
			if (f->d_name[0] == '.')
				continue;
			snprintf(lp, sizeof(lp), "%s/%s", fdpath, f->d_name);
			tl = readlink(lp, target, sizeof(target) - 1);
			if (tl < 9 || memcmp(target, "socket:[", 8) != 0)
				continue;
			t = ww_tcur_make(target + 8, (size_t)tl - 8);
			if (ww_tcur_u64(&t, UINT64_MAX, &inode) || !ww_tcur_ch(&t, ']'))
				continue;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (inv->sockets.v[idx[mid]].inode < inode)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < n && inv->sockets.v[idx[lo]].inode == inode; lo++) {
				inv->sockets.v[idx[lo]].pid = pid;
				owns = true;
			}
		}
		closedir(fds);
		if (owns)
			proc_details(c, pid, src);
	}
	closedir(proc);
	free(idx);
	hidden_report(c, &hid);
	/* image names onto the sockets */
	for (i = 0; i < inv->sockets.n; i++) {
		struct ww_host_socket *s = &inv->sockets.v[i];
		size_t j;
		if (s->pid < 0)
			continue;
		for (j = 0; j < inv->procs.n; j++)
			if (inv->procs.v[j].pid == s->pid) {
				memcpy(s->image, inv->procs.v[j].image, sizeof(s->image));
				break;
			}
	}
}

static void add_task(struct ww_host_ctx *c, const char *path, unsigned long line,
                     const char *cmd, size_t n)
{
	struct ww_host_task *t;
	char name[512];
	ww_host_trim(&cmd, &n);
	if (!n)
		return;
	t = ww_host_add_task(c);
	if (!t)
		return;
	snprintf(name, sizeof(name), "%s:%lu", path, line);
	t->name = ww_host_strndup(name, strlen(name));
	t->command = ww_host_strndup(cmd, n);
	t->src = ww_host_source(c, path);
	t->line = (uint32_t)line;
}

/* Autostart lines: crontab entries ("m h dom mon dow [user] command"),
 * systemd "ExecStart=", desktop "Exec=", rc.local commands. */
static void scan_autostart_file(struct ww_host_ctx *c, const char *path, int kind)
{
	struct ww_buf b;
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	if (read_small(path, &b, 4u * 1024u * 1024u) != WW_OK) {
		ww_buf_release(&b);
		return;
	}
	while (ww_next_line(b.s ? b.s : "", b.len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *s = line;
		size_t n = ln;
		lineno++;
		ww_host_trim(&s, &n);
		if (!n || s[0] == '#')
			continue;
		if (kind == 0) { /* cron: skip variable assignments */
			const char *eq = memchr(s, '=', n), *sp = memchr(s, ' ', n);
			if (eq && (!sp || eq < sp))
				continue;
			add_task(c, path, lineno, s, n);
		} else if (kind == 1) {
			const char *eq = memchr(s, '=', n);
			if (ww_host_istarts(s, n, "ExecStart=") || ww_host_istarts(s, n, "ExecStartPre="))
				add_task(c, path, lineno, eq + 1, n - (size_t)(eq + 1 - s));
			else if (ww_host_istarts(s, n, "Exec="))
				add_task(c, path, lineno, s + 5, n - 5);
		} else {
			if (ww_host_ieq(s, n, "exit 0"))
				continue;
			add_task(c, path, lineno, s, n);
		}
	}
	ww_buf_release(&b);
}

static void scan_dir(struct ww_host_ctx *c, const char *dir, int kind, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t count = 0;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && count++ < 4096) {
		char p[4096];
		size_t l = strlen(e->d_name), sl = suffix ? strlen(suffix) : 0;
		if (e->d_name[0] == '.')
			continue;
		if (suffix && (l < sl || strcmp(e->d_name + l - sl, suffix) != 0))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		scan_autostart_file(c, p, kind);
	}
	closedir(d);
}

/* ~/.config/autostart of root and of every user under /home (bounded). */
static void user_autostarts(struct ww_host_ctx *c)
{
	DIR *d = opendir("/home");
	struct dirent *e;
	size_t n = 0;
	scan_dir(c, "/root/.config/autostart", 1, ".desktop");
	if (!d)
		return;
	while ((e = readdir(d)) != NULL && n++ < 1000) {
		char p[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/home/%s/.config/autostart", e->d_name);
		scan_dir(c, p, 1, ".desktop");
	}
	closedir(d);
}

static void preload(struct ww_host_ctx *c)
{
	struct ww_buf b;
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	if (read_small("/etc/ld.so.preload", &b, 1024u * 1024u) != WW_OK) {
		ww_buf_release(&b);
		return;
	}
	while (ww_next_line(b.s ? b.s : "", b.len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		struct ww_finding *f;
		lineno++;
		ww_host_trim(&line, &ln);
		if (!ln || line[0] == '#')
			continue;
		f = ww_report_add(c->report, WW_FINDING_ARTIFACT);
		if (!f)
			break;
		f->severity = WW_SEV_HIGH;
		ww_finding_source(c->report, f, "/etc/ld.so.preload", lineno);
		ww_finding_title(c->report, f, true, _("/etc/ld.so.preload loads %.*s into every "
		                   "program (a rootkit's favourite hook)"), (int)WW_MIN(ln, 512u), line);
		{
			char path[600], q[1300];
			const char *why;
			ww_host_copy(path, sizeof(path), line, ln);
			if (ww_quote(WW_SHELL_SH, path, q, sizeof(q), &why))
				ww_finding_step(c->report, f, _("check the package that owns it: dpkg -S %s; "
				                                "if none, rebuild the machine: a rootkit "
				                                "cannot be trusted to remove itself"), q);
			else
				ww_finding_step(c->report, f, _("no command printed: the path cannot be "
				                                "quoted for sh (%s); check by hand which "
				                                "package owns it; if none, rebuild the "
				                                "machine"), why);
		}
		if (c->exit_level < 2)
			c->exit_level = 2;
	}
	ww_buf_release(&b);
}

ww_rc ww_host_live(struct ww_host_ctx *c)
{
	static const struct {
		const char *path;
		int proto;
	} tables[] = {
		{"/proc/net/tcp", WW_PROTO_TCP}, {"/proc/net/tcp6", WW_PROTO_TCP},
		{"/proc/net/udp", WW_PROTO_UDP}, {"/proc/net/udp6", WW_PROTO_UDP},
	};
	size_t i;
	c->inv.live = true;
	for (i = 0; i < WW_ARRAY_LEN(tables); i++) {
		struct ww_buf b;
		ww_rc rc = read_small(tables[i].path, &b, MAX_PROC_FILE);
		if (rc == WW_OK) {
			uint32_t src = ww_host_source(c, tables[i].path);
			rc = parse_proc(c, b.s ? b.s : "", b.len, src, tables[i].proto);
		} else if (i == 0) {
			ww_report_warning(c->report, _("cannot read %s: %s"), tables[i].path,
			                  rc == WW_ERR_IO ? strerror(errno) : ww_rc_str(rc));
		}
		ww_buf_release(&b);
		if (c->report->rc)
			return c->report->rc;
	}
	map_owners(c);
	{
		struct ww_buf b;
		if (read_small("/etc/hosts", &b, 16u * 1024u * 1024u) == WW_OK)
			ww_host_parse_hosts(c, b.s ? b.s : "", b.len, ww_host_source(c, "/etc/hosts"));
		ww_buf_release(&b);
	}
	preload(c);
	scan_autostart_file(c, "/etc/crontab", 0);
	scan_dir(c, "/etc/cron.d", 0, NULL);
	scan_dir(c, "/var/spool/cron/crontabs", 0, NULL);
	scan_dir(c, "/etc/systemd/system", 1, ".service");
	scan_dir(c, "/etc/xdg/autostart", 1, ".desktop");
	scan_autostart_file(c, "/etc/rc.local", 2);
	user_autostarts(c);
	return c->report->rc;
}
