/* The command line's shared conventions: option tables that give getopt,
 * the help and the usage line from one place, and -o/--format/--json. */
#include "core/common.h"
#include "cli/cli_out.h"
#include "cli/commands.h"
#include "core/escape.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_parse_init(struct cli_parse *p, const char *cmd, const struct cli_opt *t, bool in_order)
{
	size_t n = 0, k = 0;
	memset(p, 0, sizeof(*p));
	p->cmd = cmd;
	p->t = t;
	p->in_order = in_order;
	/* "-": operands in order; ":": a missing value is told apart */
	if (in_order)
		p->shortopts[k++] = '-';
	p->shortopts[k++] = ':';
	for (; t[n].name && n < CLI_MAX_OPTS; n++) {
		p->lo[n].name = t[n].name;
		p->lo[n].has_arg = t[n].has_arg;
		p->lo[n].flag = NULL;
		p->lo[n].val = t[n].val;
		if (t[n].val > 0 && t[n].val < 128) {
			p->shortopts[k++] = (char)t[n].val;
			if (t[n].has_arg == required_argument)
				p->shortopts[k++] = ':';
			else if (t[n].has_arg == optional_argument) {
				p->shortopts[k++] = ':';
				p->shortopts[k++] = ':';
			}
		}
	}
	p->shortopts[k] = '\0';
	memset(&p->lo[n], 0, sizeof(p->lo[n]));
	optind = 1;
	opterr = 0; /* our own one line, then the usage line */
}

static const struct cli_opt *find_val(const struct cli_parse *p, int val)
{
	const struct cli_opt *o;
	for (o = p->t; o->name; o++)
		if (o->val == val)
			return o;
	return NULL;
}

int cli_next(struct cli_parse *p, int argc, char **argv)
{
	int c = getopt_long(argc, argv, p->shortopts, p->lo, NULL);
	const char *bad = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
	if (c == ':') {
		const struct cli_opt *o = find_val(p, optopt);
		ww_error(_("option '%.60s' needs a value (%s)"), bad, o && o->arg ? o->arg : "?");
		cli_usage(p->cmd);
		return '?';
	}
	if (c == '?') {
		if (optopt > 0 && optopt < 128 && !(bad[0] == '-' && bad[1] == '-'))
			ww_error(_("unknown option '-%c'"), optopt);
		else
			ww_error(_("unknown option '%.60s'"), bad);
		cli_usage(p->cmd);
		return '?';
	}
	return c;
}

void cli_help_options(FILE *f, const struct cli_opt *t)
{
	const struct cli_opt *t0 = t, *q;
	for (; t->name; t++) {
		char left[64];
		bool alias = false;
		int n;
		/* a second long name for the same option (--home for --home-net)
		 * is shown without the letter */
		for (q = t0; q < t; q++)
			alias |= q->val == t->val;
		if (t->val > 0 && t->val < 128 && !alias)
			n = snprintf(left, sizeof(left), "-%c, --%s", t->val, t->name);
		else
			n = snprintf(left, sizeof(left), "    --%s", t->name);
		if (t->arg && n > 0 && (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - (size_t)n, t->has_arg == optional_argument
			         ? "[=%s]" : " %s", t->arg);
		if (strlen(left) > 26)
			fprintf(f, "  %s\n  %-26s %s\n", left, "", _(t->help));
		else
			fprintf(f, "  %-26s %s\n", left, _(t->help));
	}
}

int cli_help(const struct cli_parse *p)
{
	printf(_("usage: wormwatch %s\n"), cli_usage_line(p->cmd));
	printf("\n%s\n", _("options:"));
	cli_help_options(stdout, p->t);
	return 0;
}

void cli_out_init(struct cli_out *o, const char *cmd)
{
	memset(o, 0, sizeof(*o));
	o->cmd = cmd;
	o->w = ww_writer_find("text");
}

int cli_out_opt(struct cli_out *o, int c, const char *arg)
{
	switch (c) {
	case 'o':
		if (!*arg) {
			ww_error(_("-o needs a file name"));
			return -1;
		}
		o->path = strcmp(arg, "-") == 0 ? NULL : arg;
		return 1;
	case 'j':
		o->w = ww_writer_find("json");
		o->format = "json";
		return 1;
	case CLI_OPT_FORMAT:
		o->format = arg;
		o->w = ww_writer_find(arg);
		if (!o->w) {
			ww_error(_("unknown --format '%.40s' (text, json, jsonl or csv)"),
			         arg);
			return -1;
		}
		return 1;
	}
	return 0;
}

bool cli_out_json(const struct cli_out *o) { return o->w && strcmp(o->w->name, "json") == 0; }

FILE *cli_out_open(const struct cli_out *o)
{
	struct stat st;
	FILE *f;
	int fd;
	if (!o->path)
		return stdout;
	fd = open(o->path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0) {
		ww_error(_("cannot write '%s': %s"), o->path,
		         errno == ELOOP ? _("it is a symbolic link (refused: give the real file)")
		                        : strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		ww_error(_("cannot write '%s': it is a directory"), o->path);
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "w");
	if (!f) {
		ww_error(_("cannot write '%s': %s"), o->path, strerror(errno));
		close(fd);
	}
	return f;
}

int cli_out_close(const struct cli_out *o, FILE *f, ww_rc rc, int err)
{
	const char *where = o->path ? o->path : _("standard output");
	if (f && f != stdout) {
		if (fclose(f) != 0 && !rc) {
			rc = WW_ERR_IO;
			err = errno;
		}
	} else if (f && !rc && (fflush(f) != 0 || ferror(f))) {
		rc = WW_ERR_IO;
		err = errno;
	}
	if (rc == WW_ERR_IO) {
		ww_error(_("cannot write to '%s': %s"), where, strerror(err ? err : EIO));
		return WW_EXIT_IOERR;
	}
	if (rc) {
		ww_error(_("cannot build the output: %s"), ww_rc_str(rc));
		return WW_EXIT_SOFTWARE;
	}
	return 0;
}

int cli_emit_out(const struct ww_report *r, const struct cli_out *co)
{
	FILE *f = cli_out_open(co);
	if (!f)
		return WW_EXIT_IOERR;
	return cli_emit_to(r, co, f);
}

int cli_emit_to(const struct ww_report *r, const struct cli_out *co, FILE *f)
{
	struct ww_out o;
	ww_rc rc;
	if (ferror(f))
		return cli_out_close(co, f, WW_ERR_IO, EIO);
	ww_out_init(&o, f);
	rc = co->w->write(&o, r);
	if (!rc)
		rc = ww_out_finish(&o);
	return cli_out_close(co, f, rc, o.err);
}
