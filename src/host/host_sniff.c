/* Recognise each collected file by its content and hand it to its parser.
 *
 * To add a dialect: write host_<dialect>.c with ww_host_detect_<dialect>()
 * and ww_host_parse_<dialect>() (contracts in host_sniff.h), declare them
 * with WW_HOST_DIALECT() in host_sniff.h, add a row below, a fixture under
 * tests/host/ and a fuzz harness fuzz/fuzz_host_<dialect>.c. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/textcur.h"
#include "host/host_encoding.h"
#include "host/host_sniff.h"
#include "core/i18n.h"
#include "inputs/sniff.h"
#include "inputs/source.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

const struct ww_host_dialect ww_host_dialects[] = {
	{"manifest", "collect-windows.cmd manifest", ww_host_detect_manifest, ww_host_parse_manifest},
	{"reg", "reg export / regedit file", ww_host_detect_reg, ww_host_parse_reg},
	{"reg-query", "reg query output", ww_host_detect_reg_query, ww_host_parse_reg_query},
	{"netstat", "netstat -ano / -anob / -a (Windows), netstat -tulpn (Linux)",
	 ww_host_detect_netstat, ww_host_parse_netstat},
	{"netstat-s", "netstat -s protocol counters", ww_host_detect_netstat_stats,
	 ww_host_parse_netstat_stats},
	{"tasklist", "tasklist (table, /fo csv, /fo list, /svc)", ww_host_detect_tasklist,
	 ww_host_parse_tasklist},
	{"schtasks", "schtasks /query /fo csv /v", ww_host_detect_schtasks, ww_host_parse_schtasks},
	{"at", "at (job list)", ww_host_detect_at, ww_host_parse_at},
	{"proc-net", "/proc/net/tcp, tcp6, udp, udp6", ww_host_detect_proc_net,
	 ww_host_parse_proc_net},
	{"ss", "ss -tulpen / -tanp (Linux)", ww_host_detect_ss, ww_host_parse_ss},
	{"dir", "dir listing with dates", ww_host_detect_dirlist, ww_host_parse_dirlist},
	{"hosts", "HOSTS file", ww_host_detect_hosts, ww_host_parse_hosts},
	{"net", "net share / net localgroup / net user", ww_host_detect_net, ww_host_parse_net},
	{NULL, NULL, NULL, NULL},
};

/* "wormwatch-collect manifest v1" written by scripts/collect-windows.cmd */
int ww_host_detect_manifest(const char *text, size_t len)
{
	static const char magic[] = "wormwatch-collect manifest";
	return len >= sizeof(magic) - 1 && memcmp(text, magic, sizeof(magic) - 1) == 0 ? 100 : 0;
}

ww_rc ww_host_parse_manifest(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	(void)c;
	(void)text;
	(void)len;
	(void)src;
	return WW_OK;
}

const struct ww_host_dialect *ww_host_sniff(const char *text, size_t len)
{
	const struct ww_host_dialect *d, *best = NULL;
	int best_score = 0;
	for (d = ww_host_dialects; d->name; d++) {
		int s = d->detect(text, len);
		if (s > best_score) {
			best_score = s;
			best = d;
		}
	}
	return best;
}

/* A console prompt with a command: "C:\Users\ken>netstat -ano",
 * "PS C:\> tasklist", ">netstat -ano" (a web page's copy). */
static bool prompt_line(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i + 3 <= n && s[i] == 'P' && s[i + 1] == 'S' && s[i + 2] == ' ')
		i += 3;
	if (i + 3 < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) &&
	    s[i + 1] == ':' && s[i + 2] == '\\') {
		const char *gt = memchr(s + i, '>', n - i);
		if (!gt)
			return false;
		i = (size_t)(gt - s);
	}
	if (i >= n || s[i] != '>')
		return false;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	return i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'));
}

static void note_input(struct ww_host_ctx *c, const char *path, const char *format,
                       const char *enc)
{
	struct ww_section *s = ww_report_section(c->report, "inputs", false);
	struct ww_row *row = ww_section_row(c->report, s);
	if (!row)
		return;
	ww_fields_str(c->report, &row->f, "file", true, path, strlen(path));
	ww_fields_str(c->report, &row->f, "format", false, format, strlen(format));
	ww_fields_str(c->report, &row->f, "encoding", false, enc, strlen(enc));
}

static unsigned long count_lines(const char *text, size_t upto)
{
	unsigned long n = 0;
	const char *p = text, *end = text + upto;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Lines the dialect's parser will skip as too long (ww_next_line never
 * hands out a cut line): said on stderr and in the report, with the first
 * line numbers, so that a row is never silently lost. */
static void long_lines(struct ww_host_ctx *c, const char *text, size_t len,
                       const struct ww_host_dialect *d, const char *path, unsigned long base)
{
	unsigned long first[3], n;
	/* a .reg export's values run long (host_reg.c reads 4 MiB lines) */
	size_t max = d->parse == ww_host_parse_reg ? 4u * 1024u * 1024u : WW_HOST_MAX_LINE, i;
	char where[96];
	int k = 0;
	n = ww_long_lines(text, len, max, first, WW_ARRAY_LEN(first));
	if (!n)
		return;
	for (i = 0; i < n && i < WW_ARRAY_LEN(first) && k >= 0 && (size_t)k < sizeof(where); i++)
		k += snprintf(where + k, sizeof(where) - (size_t)k, "%s%lu", i ? ", " : "",
		              base + first[i]);
	c->lines_skipped += n;
	ww_warn("'%s': %lu line%s longer than %zu bytes skipped, not parsed (line%s %s%s)", path,
	        n, n == 1 ? "" : "s", max, n == 1 ? "" : "s", where, n > 3 ? ", ..." : "");
	ww_report_warning(c->report, _("'%s': %lu line%s longer than %zu bytes skipped, not parsed "
	                    "(line%s %s%s)"), path, n, n == 1 ? "" : "s", max, n == 1 ? "" : "s",
	                  where, n > 3 ? ", ..." : "");
}

/* A file may be a transcript of several commands, each after its prompt.
 * Each part is sniffed on its own and parsed from a copy of the file where
 * the other parts are blanked, so line numbers stay those of the file. */
static void skip_input(struct ww_host_ctx *c, const char *path, ww_rc rc, const char *why);

static ww_rc parse_segments(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src,
                            const char *path, const char *enc, const char *looks)
{
	size_t starts[64], n = 0, pos = 0, ln, i;
	const char *line;
	bool cut;
	ww_rc rc = WW_OK;
	starts[n++] = 0;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut))
		if (prompt_line(line, ln) && (size_t)(line - text) > 0 && n < WW_ARRAY_LEN(starts))
			starts[n++] = (size_t)(line - text);
	for (i = 0; i < n && !rc; i++) {
		size_t a = starts[i], b = i + 1 < n ? starts[i + 1] : len;
		const struct ww_host_dialect *d = ww_host_sniff(text + a, b - a);
		char *masked;
		size_t k;
		if (!d) {
			char why[400];
			if (n != 1)
				continue;
			if (len == 0) { /* an empty output (or /dev/null): nothing to say */
				ww_report_note(c->report, true, _("'%s' was not recognised (%s); skipped"),
				               path, enc);
				continue;
			}
			c->unrecognised++;
			/* named on the command line: an input error (issue 13, no
			 * false all-clear); one file in a collection folder: a note */
			snprintf(why, sizeof(why), _("not an output wormwatch host reads (no part of "
			         "it was recognised): it is %s"), looks);
			if (c->named_file)
				skip_input(c, path, WW_ERR_FORMAT, why);
			else
				ww_report_note(c->report, true, _("'%s' was not recognised (%s; %s); skipped"),
				               path, enc, looks);
			continue;
		}
		c->recognised++;
		long_lines(c, text + a, b - a, d, path, a == 0 ? 0 : count_lines(text, a));
		if (n == 1) {
			rc = d->parse(c, text, len, src);
		} else {
			masked = malloc(len ? len : 1);
			if (!masked)
				return WW_ERR_NOMEM;
			for (k = 0; k < len; k++)
				masked[k] = (k >= a && k < b) || text[k] == '\n' ? text[k] : ' ';
			rc = d->parse(c, masked, len, src);
			free(masked);
		}
		if (!rc && strcmp(d->name, "manifest") != 0)
			note_input(c, path, d->name, enc);
	}
	return rc ? rc : c->report->rc;
}

/* One input that cannot be read: a warning on stderr and in the report, the
 * exit status to use once the rest is reported (66 when it could not be
 * opened, 65 when it was there but bad), and the run goes on (issue 14
 * point 5: one bad file must not lose the whole report). */
static void skip_input(struct ww_host_ctx *c, const char *path, ww_rc rc, const char *why)
{
	int status = rc == WW_ERR_IO ? WW_EXIT_NOINPUT : WW_EXIT_DATAERR;
	c->inputs_skipped++;
	if (status > c->skipped_status)
		c->skipped_status = status;
	ww_warn("skipped '%s': %s", path, why);
	ww_report_warning(c->report, _("skipped '%s': %s"), path, why);
}

ww_rc ww_host_read_file(struct ww_host_ctx *c, const char *path)
{
	struct ww_buf raw, text;
	const char *enc = "";
	ww_rc rc;
	uint32_t src;
	ww_buf_init(&raw, WW_HOST_MAX_FILE);
	ww_buf_init(&text, 2 * (size_t)WW_HOST_MAX_FILE);
	const char *why = "";
	char zmsg[256], looks[256];
	enum ww_zkind kind;
	/* "-" is standard input; gzip, bzip2, xz and zstd are decompressed, up
	 * to the same cap (inputs/source.h) */
	rc = ww_source_read_all(&raw, path, &why, zmsg, sizeof(zmsg), &kind);
	if (rc == WW_ERR_FORMAT) {
		/* damaged compressed data: what came before it is read */
		skip_input(c, path, rc, why);
		rc = WW_OK;
		if (!raw.len)
			goto out;
	}
	if (rc == WW_ERR_IO || rc == WW_ERR_UNSUPPORTED) {
		skip_input(c, path, rc, why);
		rc = WW_OK;
		goto out;
	}
	if (rc == WW_ERR_LIMIT) {
		char cause[400];
		if (kind) /* the decoder's words: which cap, and where */
			snprintf(cause, sizeof(cause), "%s", why);
		else
			snprintf(cause, sizeof(cause), "it is larger than %u bytes, the cap for one output "
			         "(nothing of it was read)", WW_HOST_MAX_FILE);
		skip_input(c, path, rc, cause);
		rc = WW_OK;
		goto out;
	}
	if (rc)
		goto out;
	rc = ww_host_to_utf8(raw.s ? raw.s : "", raw.len, &text, &enc);
	if (rc && rc != WW_ERR_NOMEM) {
		char cause[128];
		snprintf(cause, sizeof(cause), "it cannot be converted to UTF-8 (%s)", ww_rc_str(rc));
		skip_input(c, path, rc, cause);
		rc = WW_OK;
		goto out;
	}
	if (rc)
		goto out;
	src = ww_host_source(c, path);
	ww_sniff_what((const unsigned char *)(raw.s ? raw.s : ""), raw.len, kind,
	              _("text in none of the formats it reads"), looks, sizeof(looks));
	rc = parse_segments(c, text.s ? text.s : "", text.len, src, path, enc, looks);
out:
	ww_buf_release(&raw);
	ww_buf_release(&text);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ww_rc ww_host_read_path(struct ww_host_ctx *c, const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	ww_rc rc = WW_OK;
	c->named_file = true;
	if (strcmp(path, "-") == 0)
		return ww_host_read_file(c, path);
	if (stat(path, &st) != 0) {
		skip_input(c, path, WW_ERR_IO, strerror(errno));
		return WW_OK;
	}
	if (!S_ISDIR(st.st_mode))
		return ww_host_read_file(c, path);
	c->named_file = false;
	dir = opendir(path);
	if (!dir) {
		skip_input(c, path, WW_ERR_IO, strerror(errno));
		return WW_OK;
	}
	while ((e = readdir(dir)) != NULL && n < 4096) {
		char full[4096];
		int k;
		if (e->d_name[0] == '.')
			continue;
		k = snprintf(full, sizeof(full), "%s/%s", path, e->d_name);
		if (k < 0 || (size_t)k >= sizeof(full))
			continue;
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			char **nv = ww_reallocarray(names, nc, sizeof(*nv));
			if (!nv) {
				rc = WW_ERR_NOMEM;
				break;
			}
			names = nv;
			cap = nc;
		}
		names[n] = ww_host_strndup(full, (size_t)k);
		if (!names[n]) {
			rc = WW_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && !rc; i++)
		rc = ww_host_read_file(c, names[i]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
